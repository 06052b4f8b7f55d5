//! Faults: dead nodes, revival with and without amnesia, partitions and packet loss.

use super::*;

/// Checks a round's report against a dead node; returns how many legs were sent to it.
fn check_dead_in_report(report: &RoundReport, dead: u32, what: &str) -> usize {
    assert!(
        report.contacts.iter().all(|c| c.from != dead),
        "{what}: dead node {dead} must never send (round {})",
        report.round
    );
    let to_dead = report.contacts.iter().filter(|c| c.to == dead).count();
    assert!(
        report
            .contacts
            .iter()
            .filter(|c| c.to == dead)
            .all(|c| !c.delivered && !c.useful),
        "{what}: everything sent to dead node {dead} is lost (round {})",
        report.round
    );
    let undelivered = report.contacts.iter().filter(|c| !c.delivered).count() as u64;
    assert_eq!(
        report.traffic.lost, undelivered,
        "{what}: every undelivered leg is counted lost (round {})",
        report.round
    );
    to_dead
}

#[test]
fn a_dead_node_never_sends_and_what_is_sent_to_it_is_lost() {
    let protocols = [
        anti_entropy(Mode::PushPull),
        Protocol::AntiEntropy {
            mode: Mode::Pull,
            sync: Sync::Full,
        },
        rumor(Mode::PushPull, Feedback::Feedback, Decay::Counter, 4),
        rumor(Mode::Pull, Feedback::Blind, Decay::Coin, 3),
    ];
    for protocol in protocols {
        let name = format!("{protocol:?}");
        let (mut sim, id) = start(config(50, 2, protocol), 7);
        sim.step();
        sim.step();
        let victim = 7;
        sim.apply(&Command::Kill { node: victim })
            .expect("node 7 is alive");
        assert_eq!(
            sim.counts(id).expect("m0").dead,
            1,
            "{name}: counts see one dead node"
        );
        let table = sim.table(victim);
        let mut sent_to_dead = 0;
        for _ in 0..40 {
            let report = sim.step();
            sent_to_dead += check_dead_in_report(&report, victim, &name);
            assert_eq!(
                sim.table(victim),
                table,
                "{name}: a dead node's table is frozen"
            );
        }
        assert!(
            sent_to_dead > 0,
            "{name}: peers do not know node 7 is dead and keep contacting it (else the test is void)"
        );
    }
}

#[test]
fn a_dead_node_sends_no_heartbeat_and_membership_ignores_it() {
    let protocol = Protocol::Membership {
        t_fail: 10,
        t_cleanup: 20,
    };
    let mut sim = Simulation::new(config(30, 2, protocol), 4).expect("valid");
    for _ in 0..5 {
        sim.step();
    }
    sim.apply(&Command::Kill { node: 4 }).expect("alive");
    let mut sent = 0;
    for _ in 0..30 {
        sent += check_dead_in_report(&sim.step(), 4, "membership");
    }
    assert!(
        sent > 0,
        "node 4 is still picked until it is considered failed"
    );
}

#[test]
fn revive_keeps_the_table_and_revive_with_amnesia_empties_it() {
    let (mut sim, _) = start(config(40, 1, anti_entropy(Mode::PushPull)), 21);
    assert!(run_until(&mut sim, 60, converged), "v1 converges");
    sim.apply(&Command::Kill { node: 5 }).expect("alive");
    sim.apply(&Command::Kill { node: 6 }).expect("alive");
    sim.apply(&Command::Inject {
        node: 0,
        id: Some(0),
        content: "v2".into(),
    })
    .expect("a new version of m0");
    assert!(
        run_until(&mut sim, 60, converged),
        "v2 reaches every alive node"
    );
    let row5 = sim.table(5);
    assert_eq!(row5.len(), 1, "node 5 was down and still holds m0");
    assert!(
        row5[0].version == 1 && row5[0].outdated,
        "node 5 holds the old version, marked outdated"
    );

    sim.apply(&Command::Revive {
        node: 5,
        amnesia: false,
    })
    .expect("dead");
    assert_eq!(
        sim.table(5),
        row5,
        "revived without amnesia, node 5 keeps its table"
    );
    sim.apply(&Command::Revive {
        node: 6,
        amnesia: true,
    })
    .expect("dead");
    assert!(
        sim.table(6).is_empty(),
        "revived with amnesia, node 6 comes back empty"
    );
    let c = sim.counts(0).expect("m0");
    assert_eq!(
        (c.unaware, c.dead),
        (2, 0),
        "both revived nodes lack v2, and nobody is dead"
    );
    assert_eq!(
        Some(c),
        sim.recounted(0),
        "incremental counts match a recount"
    );
    assert!(
        run_until(&mut sim, 60, converged),
        "anti-entropy repairs both"
    );
    assert_everyone_holds(&sim, 2, 0, "v2", "after revival");
}

#[test]
fn a_revived_rumor_monger_resumes_spreading() {
    // Blind counter k = 50: nobody loses interest within the test, so only liveness matters.
    let (mut sim, id) = start(
        config(
            30,
            1,
            rumor(Mode::Push, Feedback::Blind, Decay::Counter, 50),
        ),
        2,
    );
    sim.apply(&Command::Kill { node: 0 }).expect("alive");
    for _ in 0..5 {
        sim.step();
    }
    assert_eq!(
        sim.counts(id).expect("m0").informed(),
        0,
        "the only holder is dead, so nobody alive learns"
    );
    sim.apply(&Command::Revive {
        node: 0,
        amnesia: false,
    })
    .expect("dead");
    assert_eq!(
        sim.state(id, 0),
        MessageState::Fresh,
        "it comes back still fresh"
    );
    assert!(
        run_until(&mut sim, 60, converged),
        "and the rumor spreads again"
    );
}

#[test]
fn a_partition_blocks_every_crossing_until_heal() {
    let (mut sim, id) = start(config(40, 1, anti_entropy(Mode::PushPull)), 9);
    let group_a: Vec<u32> = (0..20).collect();
    sim.apply(&Command::Partition {
        groups: vec![group_a],
    })
    .expect("valid groups");
    let side = |n: u32| n < 20;
    let mut crossings = 0;
    for _ in 0..30 {
        let report = sim.step();
        for c in &report.contacts {
            if side(c.from) != side(c.to) {
                crossings += 1;
                assert!(
                    !c.delivered,
                    "round {}: a crossing leg {c:?} must be lost",
                    report.round
                );
            }
        }
    }
    assert!(
        crossings > 0,
        "nodes keep trying across the partition (else the test is void)"
    );
    for node in 0..40 {
        assert_eq!(
            sim.state(id, node) != MessageState::Unaware,
            side(node),
            "node {node}: after 30 rounds exactly the origin's side knows"
        );
    }
    sim.apply(&Command::Heal).expect("heal always applies");
    assert_eq!(sim.partition(), None, "healed");
    assert!(
        run_until(&mut sim, 60, converged),
        "after heal anti-entropy converges"
    );
}

#[test]
fn loss_one_delivers_nothing() {
    for protocol in [
        anti_entropy(Mode::PushPull),
        rumor(Mode::PushPull, Feedback::Feedback, Decay::Coin, 2),
        Protocol::Membership {
            t_fail: 3,
            t_cleanup: 6,
        },
    ] {
        let name = protocol.kind().as_str();
        let is_membership = matches!(protocol, Protocol::Membership { .. });
        let cfg = Config {
            loss: 1.0,
            ..config(30, 2, protocol)
        };
        let mut sim = Simulation::new(cfg, 17).expect("loss 1.0 is allowed");
        if !is_membership {
            sim.apply(&inject(0, "x")).expect("inject");
        }
        for _ in 0..30 {
            let r = sim.step();
            // Membership stops picking members it considers failed, which with nothing
            // delivered is everyone after t_fail rounds.
            assert!(
                !r.contacts.is_empty() || is_membership && r.round >= 3,
                "{name}: nodes keep trying (round {})",
                r.round
            );
            assert!(
                r.contacts.iter().all(|c| !c.delivered),
                "{name}: nothing is delivered"
            );
            assert_eq!(
                r.traffic.lost, r.traffic.messages,
                "{name}: every leg is lost"
            );
            assert!(
                r.changes.is_empty(),
                "{name}: no state changes without deliveries"
            );
        }
        if is_membership {
            let beliefs = sim.beliefs(0);
            assert!(
                beliefs.iter().skip(1).all(|&b| b == Belief::Forgotten),
                "{name}: with nothing delivered everyone forgets everyone else"
            );
        } else {
            assert_eq!(
                sim.counts(0).expect("m0").informed(),
                1,
                "{name}: only the origin knows"
            );
        }
    }
}
