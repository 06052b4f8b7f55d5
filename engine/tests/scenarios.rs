//! Scenario tests with fixed seeds: every protocol, mode and fault runs to the end the model
//! promises (DESIGN.md §2), and every refusal is a typed error.
//!
//! Each run is a pure function of (config, seed, commands), so these tests are exact: a
//! failure is a change of behaviour, never flakiness. Bounds on rounds are generous tails of
//! the known spreading times (log2 N + ln N for push on the complete graph, the diameter on
//! sparse graphs), not tuned values.

#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::{
    MODES, REMOVALS, anti_entropy, config, connected, fingerprint, inject, reachable, rumor,
    run_until, start,
};
use gossip_engine::config::{MAX_MEMBERSHIP_NODES, MAX_NODES};
use gossip_engine::topology::MAX_GRAPH_NODES;
use gossip_engine::{
    Belief, Command, Config, ContactKind, Decay, Error, Feedback, MessageState, Mode, Protocol,
    RoundReport, Simulation, Sync, Timeline, TopologyConfig, outcome,
};

fn converged(sim: &Simulation) -> bool {
    sim.counts(0)
        .is_some_and(|c| c.informed() == sim.alive_count())
}

fn extinct(sim: &Simulation) -> bool {
    sim.counts(0).is_some_and(|c| c.fresh == 0)
}

/// Checks that every alive node holds version `version` of m0 from `origin` with `content`.
fn assert_everyone_holds(sim: &Simulation, version: u32, origin: u32, content: &str, why: &str) {
    for node in 0..sim.nodes() {
        if !sim.is_alive(node) {
            continue;
        }
        let table = sim.table(node);
        let row = table
            .iter()
            .find(|r| r.id == 0)
            .unwrap_or_else(|| panic!("{why}: node {node} has no row for m0"));
        assert_eq!(
            (row.version, row.origin, row.content.as_str(), row.outdated),
            (version, origin, content, false),
            "{why}: node {node} must hold version {version} written at node {origin}"
        );
        assert_eq!(
            row.from.is_none(),
            node == origin,
            "{why}: only the writer has no sender (node {node})"
        );
    }
}

// ---------------------------------------------------------------------------------------
// Anti-entropy
// ---------------------------------------------------------------------------------------

#[test]
fn anti_entropy_reaches_every_node_on_the_complete_graph() {
    for mode in MODES {
        for sync in [Sync::Incremental, Sync::Full] {
            for seed in [1, 2, 3] {
                let protocol = Protocol::AntiEntropy { mode, sync };
                let (mut sim, id) = start(config(100, 1, protocol), seed);
                // Push needs log2 N + ln N ≈ 11.2 rounds on average for N = 100, with a tail of a
                // few rounds; 60 rounds is far beyond any seed's tail.
                assert!(
                    run_until(&mut sim, 60, converged),
                    "{mode:?}/{sync:?} seed {seed}: anti-entropy must reach all 100 nodes in 60 rounds"
                );
                let o = outcome(&sim, id).expect("m0 exists");
                assert!(o.converged, "{mode:?}/{sync:?}: the outcome says converged");
                assert_eq!(
                    o.residue, 0.0,
                    "{mode:?}/{sync:?}: no residue once converged"
                );
                assert_eq!(
                    Some(o.rounds),
                    sim.message(id).and_then(|m| m.converged_at),
                    "{mode:?}/{sync:?}: injected before round 1, so rounds = convergence round"
                );
                assert_everyone_holds(&sim, 1, 0, "hello", "anti-entropy");
                let c = sim.counts(id).expect("counts");
                assert_eq!(
                    (c.fresh, c.stale),
                    (100, 0),
                    "{mode:?}/{sync:?}: anti-entropy never loses interest, holders stay fresh"
                );
            }
        }
    }
}

#[test]
fn anti_entropy_reaches_every_node_of_each_connected_topology() {
    let topologies = [
        TopologyConfig::Ring { k: 2 },
        TopologyConfig::Grid,
        TopologyConfig::RandomRegular { degree: 4 },
        TopologyConfig::ErdosRenyi { p: 0.15 },
        TopologyConfig::WattsStrogatz { k: 2, beta: 0.2 },
        TopologyConfig::BarabasiAlbert { m: 2 },
        TopologyConfig::Hierarchical { group_size: 8 },
    ];
    for topology in topologies {
        for mode in MODES {
            let cfg = Config {
                topology: topology.clone(),
                ..config(64, 1, anti_entropy(mode))
            };
            let (mut sim, id) = start(cfg, 11);
            assert!(
                connected(sim.topology()),
                "{topology:?}: these parameters and seed give a connected graph, so the test applies"
            );
            // The slowest case is pull on the ring lattice (diameter 16): each round the
            // frontier advances only if a frontier node picks an informed neighbour (about 1 in 4
            // rounds per side). 400 rounds is a very wide tail for every graph here.
            assert!(
                run_until(&mut sim, 400, converged),
                "{topology:?}/{mode:?}: anti-entropy must reach every node of a connected graph"
            );
            assert!(
                outcome(&sim, id).expect("m0").converged,
                "{topology:?}/{mode:?}: the outcome agrees"
            );
        }
    }
}

#[test]
fn anti_entropy_stays_inside_the_component_of_a_disconnected_graph() {
    let cfg = Config {
        topology: TopologyConfig::ErdosRenyi { p: 0.03 },
        ..config(64, 1, anti_entropy(Mode::PushPull))
    };
    // G(64, 0.03) has mean degree 1.9: usually disconnected with a giant component. Take the
    // first seed where node 0 is in a component of several nodes but not all.
    let (mut sim, id) = (0..100)
        .map(|seed| start(cfg.clone(), seed))
        .find(|(sim, _)| {
            let size = reachable(sim.topology(), 0).iter().filter(|&&r| r).count();
            !connected(sim.topology()) && size > 10
        })
        .expect("some seed below 100 gives a disconnected G(64, 0.03) with a large component at 0");
    let reach = reachable(sim.topology(), 0);
    for _ in 0..300 {
        sim.step();
    }
    for node in 0..64 {
        let informed = sim.state(id, node) != MessageState::Unaware;
        assert_eq!(
            informed, reach[node as usize],
            "node {node}: informed exactly when reachable from the origin"
        );
    }
    assert!(!converged(&sim), "a disconnected graph never converges");
}

// ---------------------------------------------------------------------------------------
// Rumor mongering and the hybrid
// ---------------------------------------------------------------------------------------

#[test]
fn rumor_variants_die_out_with_a_residue() {
    for mode in MODES {
        for (feedback, decay) in REMOVALS {
            for k in [1, 2] {
                let mut residues = Vec::new();
                for seed in 0..10 {
                    let (mut sim, id) =
                        start(config(200, 1, rumor(mode, feedback, decay, k)), seed);
                    // Measured over 50 seeds: every variant dies within 55 rounds at N = 200.
                    assert!(
                        run_until(&mut sim, 300, extinct),
                        "{mode:?} {feedback:?}/{decay:?} k={k} seed {seed}: the rumor must die out"
                    );
                    let m = sim.message(id).expect("m0");
                    assert_eq!(
                        m.extinct_at,
                        Some(sim.round()),
                        "{mode:?} {feedback:?}/{decay:?} k={k}: extinction is marked the round it happens"
                    );
                    let o = outcome(&sim, id).expect("m0");
                    assert!(
                        o.residue < 1.0 - 1.0 / 200.0,
                        "{mode:?} {feedback:?}/{decay:?} k={k}: the first contact of the origin is \
                         always useful, so at least two nodes know"
                    );
                    assert_eq!(
                        o.converged,
                        o.residue == 0.0,
                        "{mode:?} {feedback:?}/{decay:?} k={k}: converged exactly when nobody is left"
                    );
                    if !o.converged {
                        assert_eq!(
                            o.rounds,
                            sim.round(),
                            "without convergence, rounds = extinction"
                        );
                    }
                    // Once no node is fresh nothing can change any table.
                    let tables: Vec<_> = (0..200).map(|n| sim.table(n)).collect();
                    for _ in 0..5 {
                        sim.step();
                    }
                    let after: Vec<_> = (0..200).map(|n| sim.table(n)).collect();
                    assert_eq!(
                        tables, after,
                        "{mode:?} {feedback:?}/{decay:?} k={k}: an extinct rumor stays extinct"
                    );
                    residues.push(o.residue);
                }
                if k == 1 {
                    let mean = residues.iter().sum::<f64>() / residues.len() as f64;
                    assert!(
                        mean > 0.0,
                        "{mode:?} {feedback:?}/{decay:?} k=1: loss of interest leaves a residue \
                         (measured means 0.01..0.9 over 50 seeds)"
                    );
                }
            }
        }
    }
}

#[test]
fn hybrid_repairs_the_residue_to_zero() {
    let pure = rumor(Mode::Push, Feedback::Feedback, Decay::Coin, 1);
    let (mut sim, id) = start(config(200, 1, pure.clone()), 3);
    assert!(run_until(&mut sim, 300, extinct), "pure rumor dies out");
    let residue = outcome(&sim, id).expect("m0").residue;
    assert!(
        residue > 0.05,
        "pure push feedback-coin k=1 leaves about 17% unaware (got {residue})"
    );

    let Protocol::Rumor { mode, removal, .. } = pure else {
        unreachable!()
    };
    let hybrid = Protocol::Rumor {
        mode,
        removal,
        repair_every: Some(4),
    };
    assert_eq!(
        hybrid.kind().as_str(),
        "hybrid",
        "a repair period makes it the hybrid"
    );
    let (mut sim, id) = start(config(200, 1, hybrid), 3);
    // After the rumor dies, each repair round is a push-pull anti-entropy round; push-pull
    // needs about log3 N + O(log log N) ≈ 8 rounds, i.e. ~8 repair rounds = 32 rounds.
    assert!(
        run_until(&mut sim, 400, converged),
        "the hybrid's anti-entropy must repair the residue"
    );
    let o = outcome(&sim, id).expect("m0");
    assert_eq!(o.residue, 0.0, "the hybrid leaves no residue");
    assert!(o.converged, "the hybrid converges");
    assert_everyone_holds(&sim, 1, 0, "hello", "hybrid");
}

// ---------------------------------------------------------------------------------------
// Faults
// ---------------------------------------------------------------------------------------

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

#[test]
fn a_joining_node_gets_the_message() {
    for topology in [TopologyConfig::Complete, TopologyConfig::Ring { k: 1 }] {
        let cfg = Config {
            topology: topology.clone(),
            ..config(20, 1, anti_entropy(Mode::PushPull))
        };
        let (mut sim, id) = start(cfg, 13);
        assert!(
            run_until(&mut sim, 200, converged),
            "{topology:?}: converges first"
        );
        let joined = sim.nodes();
        assert_eq!(
            sim.apply(&Command::Join { seed: 3 }),
            Ok(None),
            "{topology:?}: join through a live seed succeeds"
        );
        assert_eq!(sim.nodes(), joined + 1, "{topology:?}: one more node");
        assert!(
            sim.table(joined).is_empty(),
            "{topology:?}: the new node starts empty"
        );
        let c = sim.counts(id).expect("m0");
        assert_eq!(
            (c.unaware, c.total()),
            (1, 21),
            "{topology:?}: counts include the new node"
        );
        assert!(
            run_until(&mut sim, 100, converged),
            "{topology:?}: anti-entropy reaches the new node"
        );
        assert!(
            sim.table(joined)
                .iter()
                .any(|r| r.id == id && r.version == 1),
            "{topology:?}: the new node holds m0"
        );
    }
}

#[test]
fn reinjection_creates_a_newer_version_that_supersedes_everywhere() {
    let (mut sim, id) = start(config(30, 1, anti_entropy(Mode::PushPull)), 23);
    assert!(run_until(&mut sim, 60, converged), "v1 converges");
    let again = sim.apply(&Command::Inject {
        node: 5,
        id: Some(id),
        content: "v2".into(),
    });
    assert_eq!(again, Ok(Some(id)), "re-injection keeps the id");
    let r5 = sim.table(5);
    assert!(
        r5[0].version == 2 && r5[0].origin == 5 && r5[0].content == "v2" && !r5[0].outdated,
        "the writer holds v2 at once: {r5:?}"
    );
    let r0 = sim.table(0);
    assert!(
        r0[0].version == 1 && r0[0].outdated,
        "others hold v1, now outdated: {r0:?}"
    );
    let c = sim.counts(id).expect("m0");
    assert_eq!(
        (c.fresh, c.unaware),
        (1, 29),
        "holders of v1 are unaware of the latest version"
    );
    assert_eq!(
        sim.message(id).and_then(|m| m.converged_at),
        None,
        "v2 has not converged"
    );

    // A concurrent write elsewhere before v2 spread: it gets number 3 and wins.
    sim.step();
    sim.apply(&Command::Inject {
        node: 9,
        id: Some(id),
        content: "v3".into(),
    })
    .expect("another version");
    let mut best = [0u32; 30];
    let converged_v3 = run_until(&mut sim, 80, |s| {
        for (node, b) in best.iter_mut().enumerate() {
            let v = s.table(node as u32)[0].version;
            assert!(
                v >= *b,
                "node {node}: versions only move forward ({b} then {v})"
            );
            *b = v;
        }
        converged(s)
    });
    assert!(converged_v3, "the newest version reaches everyone");
    assert_everyone_holds(&sim, 3, 9, "v3", "after two re-injections");
    assert_eq!(
        sim.message(id).expect("m0").versions.len(),
        3,
        "three versions were written"
    );
}

#[test]
fn a_newer_rumor_version_supersedes_an_older_one() {
    let p = rumor(Mode::Push, Feedback::Feedback, Decay::Counter, 3);
    let (mut sim, id) = start(config(100, 1, p), 31);
    for _ in 0..3 {
        sim.step();
    }
    sim.apply(&Command::Inject {
        node: 50,
        id: Some(id),
        content: "newer".into(),
    })
    .expect("re-inject");
    assert!(
        run_until(&mut sim, 300, extinct),
        "the newer version dies out too"
    );
    let mut newer = 0;
    for node in 0..100 {
        for row in sim.table(node) {
            if row.version == 2 {
                newer += 1;
            } else {
                assert!(
                    row.outdated,
                    "node {node}: a holder of version 1 is marked outdated"
                );
            }
        }
    }
    let c = sim.counts(id).expect("m0");
    assert_eq!(
        c.informed(),
        newer,
        "counts are about the newest version only"
    );
    assert!(
        newer > 50,
        "the newer rumor spreads like any rumor (k = 3 leaves ~1% residue)"
    );
}

// ---------------------------------------------------------------------------------------
// Membership
// ---------------------------------------------------------------------------------------

#[test]
fn membership_detects_a_dead_node_then_forgets_it_without_false_failures() {
    let (t_fail, t_cleanup) = (10, 20);
    let n = 30;
    let protocol = Protocol::Membership { t_fail, t_cleanup };
    // Fanout 2: with fanout 1 and t_fail = 10 a 30-node cluster does suspect live nodes now
    // and then (heartbeat news can take more than 10 rounds to arrive; an independent model
    // of the protocol shows the same rate), which is the protocol's nature, not a bug.
    let mut sim = Simulation::new(config(n, 2, protocol), 8).expect("valid");
    let all_alive_believed = |sim: &Simulation, skip: Option<u32>| {
        for s in 0..sim.nodes() {
            if Some(s) == skip {
                continue;
            }
            for (o, b) in sim.beliefs(s).iter().enumerate() {
                if sim.is_alive(o as u32) {
                    assert_eq!(
                        *b,
                        Belief::Alive,
                        "round {}: observer {o} must not suspect live node {s} without loss",
                        sim.round()
                    );
                }
            }
        }
    };
    for _ in 0..60 {
        let r = sim.step();
        assert!(
            r.detections.iter().all(|d| d.belief == Belief::Alive),
            "round {}: no failure detected without a failure",
            r.round
        );
        all_alive_believed(&sim, None);
    }

    let dead = 4;
    let t_kill = sim.round();
    sim.apply(&Command::Kill { node: dead }).expect("alive");
    // The dead node's last heartbeat is at most one push epidemic away from every observer:
    // log2 N + ln N ≈ 8.3 rounds on average at fanout 1, less at fanout 2; twice that is a
    // wide tail. Silence is counted from the round an observer last saw the heartbeat grow.
    let spread = (2.0 * gossip_engine::theory::log2_plus_ln(n)).ceil() as u32;
    let mut failed_by_all = None;
    let mut forgotten_by_all = None;
    for _ in 0..(t_cleanup + spread + 60) {
        sim.step();
        let r = sim.round();
        let beliefs = sim.beliefs(dead);
        let alive_observers = || (0..n).filter(|&o| o != dead && sim.is_alive(o));
        if r < t_kill + t_fail {
            assert!(
                alive_observers().all(|o| beliefs[o as usize] == Belief::Alive),
                "round {r}: nobody can have seen node {dead} silent for t_fail rounds yet"
            );
        }
        if failed_by_all.is_none()
            && alive_observers()
                .all(|o| matches!(beliefs[o as usize], Belief::Failed | Belief::Forgotten))
        {
            failed_by_all = Some(r);
        }
        if alive_observers().all(|o| beliefs[o as usize] == Belief::Forgotten) {
            forgotten_by_all.get_or_insert(r);
        } else {
            assert!(
                forgotten_by_all.is_none(),
                "round {r}: once forgotten by all, node {dead} must not come back (t_cleanup = 2 t_fail)"
            );
        }
        all_alive_believed(&sim, Some(dead));
    }
    let failed = failed_by_all.expect("every alive node considers the dead node failed");
    assert!(
        failed <= t_kill + t_fail + spread,
        "failure detected by all at round {failed}, later than kill {t_kill} + t_fail {t_fail} + spread {spread}"
    );
    let forgotten = forgotten_by_all.expect("every alive node forgets the dead node");
    assert!(
        forgotten >= t_kill + t_cleanup && forgotten <= t_kill + t_cleanup + spread,
        "forgotten by all at round {forgotten}: expected within [kill + t_cleanup, + spread]"
    );

    // Revived, its heartbeat grows again and everyone re-learns it.
    sim.apply(&Command::Revive {
        node: dead,
        amnesia: false,
    })
    .expect("dead");
    let back = run_until(&mut sim, spread + 5, |s| {
        s.beliefs(dead).iter().all(|&b| b == Belief::Alive)
    });
    assert!(back, "a revived node is believed alive again by everyone");
}

#[test]
fn membership_spreads_a_joining_node() {
    let protocol = Protocol::Membership {
        t_fail: 10,
        t_cleanup: 20,
    };
    let mut sim = Simulation::new(config(20, 2, protocol), 3).expect("valid");
    for _ in 0..5 {
        sim.step();
    }
    sim.apply(&Command::Join { seed: 2 })
        .expect("join through a live seed");
    let new = 20;
    let known = |s: &Simulation| -> usize {
        s.beliefs(new)
            .iter()
            .filter(|&&b| b == Belief::Alive)
            .count()
    };
    assert_eq!(known(&sim), 1, "at first only the new node knows itself");
    assert_eq!(
        sim.beliefs(new)[2],
        Belief::Unknown,
        "the seed has not heard from it yet"
    );
    assert!(
        run_until(&mut sim, 40, |s| known(s) == 21),
        "every member learns of the new node by gossip"
    );
    assert!(
        (0..20).all(|s| sim.beliefs(s)[new as usize] == Belief::Alive),
        "and the new node learns of every member"
    );
}

// ---------------------------------------------------------------------------------------
// Round semantics
// ---------------------------------------------------------------------------------------

#[test]
fn two_nodes_push_converge_in_exactly_one_round() {
    for protocol in [
        anti_entropy(Mode::Push),
        anti_entropy(Mode::Pull),
        anti_entropy(Mode::PushPull),
        rumor(Mode::Push, Feedback::Feedback, Decay::Counter, 1),
    ] {
        let name = format!("{protocol:?}");
        let (mut sim, id) = start(config(2, 1, protocol), 0);
        assert_eq!(
            sim.message(id).and_then(|m| m.converged_at),
            None,
            "{name}: not yet"
        );
        sim.step();
        assert_eq!(
            sim.message(id).and_then(|m| m.converged_at),
            Some(1),
            "{name}: the only peer is reached in round 1"
        );
        let o = outcome(&sim, id).expect("m0");
        assert_eq!(
            (o.rounds, o.t_last),
            (1, 1),
            "{name}: one round from injection to delivery"
        );
        assert_eq!(o.t_avg, 1.0, "{name}: the one delivery took one round");
    }
    // Injected later, rounds count from the injection.
    let (mut sim, _) = start(config(2, 1, anti_entropy(Mode::Push)), 0);
    for _ in 0..4 {
        sim.step();
    }
    let id = sim.apply(&inject(1, "late")).expect("inject").expect("id");
    sim.step();
    let o = outcome(&sim, id).expect("m1");
    assert_eq!(
        (sim.message(id).and_then(|m| m.converged_at), o.rounds),
        (Some(5), 1),
        "injected after round 4, delivered in round 5: one round"
    );
}

#[test]
fn news_learnt_in_a_round_spreads_from_the_next_round() {
    for protocol in [
        anti_entropy(Mode::Push),
        anti_entropy(Mode::PushPull),
        rumor(Mode::Push, Feedback::Blind, Decay::Counter, 20),
        rumor(Mode::PushPull, Feedback::Feedback, Decay::Coin, 2),
    ] {
        let name = format!("{protocol:?}");
        let (mut sim, id) = start(config(100, 2, protocol), 41);
        for _ in 0..12 {
            let holders: Vec<bool> = (0..100)
                .map(|n| sim.state(id, n) != MessageState::Unaware)
                .collect();
            let report = sim.step();
            for c in report.contacts.iter().filter(|c| c.useful) {
                assert!(
                    holders[c.from as usize],
                    "{name} round {}: useful leg {c:?} comes from a node that held the message at \
                     the start of the round",
                    report.round
                );
            }
            for ch in &report.changes {
                if ch.after == MessageState::Fresh && ch.before == MessageState::Unaware {
                    let src = ch.source.expect("an arrival names its sender");
                    assert!(
                        holders[src as usize],
                        "{name}: the source held it at the start"
                    );
                }
            }
        }
    }
}

#[test]
fn under_rumor_pull_a_counter_moves_at_most_once_per_round() {
    // Blind counter: every answered request counts, and k = 1000 keeps everyone fresh, so the
    // counter of a fresh node must grow by exactly one in a round where it answered, however
    // many peers asked it.
    let (mut sim, id) = start(
        config(
            30,
            3,
            rumor(Mode::Pull, Feedback::Blind, Decay::Counter, 1000),
        ),
        12,
    );
    let mut multi = 0;
    for _ in 0..25 {
        let before: Vec<Option<u32>> = (0..30)
            .map(|n| {
                sim.table(n)
                    .first()
                    .filter(|r| r.state == MessageState::Fresh)
                    .map(|r| r.counter)
            })
            .collect();
        let report = sim.step();
        for node in 0..30u32 {
            let Some(c0) = before[node as usize] else {
                continue;
            };
            let answers = report
                .contacts
                .iter()
                .filter(|c| c.from == node && c.kind == ContactKind::Pull)
                .count();
            multi += usize::from(answers >= 2);
            let c1 = sim.table(node)[0].counter;
            assert_eq!(
                c1,
                c0 + u32::from(answers > 0),
                "round {}: node {node} answered {answers} requests; its counter moves once at most",
                report.round
            );
        }
    }
    assert!(
        multi > 0,
        "some fresh node was asked by several peers in one round (else the test is void)"
    );
    assert!(
        sim.counts(id).expect("m0").stale == 0,
        "k = 1000 keeps everyone fresh"
    );
}

// ---------------------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------------------

/// Applies a command that must fail, checks the error, and checks that nothing changed.
fn refused(sim: &mut Simulation, cmd: Command, check: impl Fn(&Error) -> bool, why: &str) {
    let before = fingerprint(sim);
    let e = sim.apply(&cmd).expect_err(why);
    assert!(check(&e), "{why}: unexpected error {e:?}");
    assert!(!e.to_string().is_empty(), "{why}: the error has a message");
    assert_eq!(fingerprint(sim), before, "{why}: on error nothing changes");
}

#[test]
fn invalid_configs_are_typed_errors() {
    let out_of_range = |field: &'static str| move |r: Result<Simulation, Error>| matches!(r, Err(Error::OutOfRange { field: f, .. }) if f == field);
    let base = config(10, 1, anti_entropy(Mode::Push));
    let e = Simulation::new(
        Config {
            fanout: 10,
            ..base.clone()
        },
        0,
    )
    .expect_err("fanout = N");
    assert_eq!(
        e.to_string(),
        "fanout = 10 is out of range: allowed 1..=9",
        "the error names the field and the allowed range"
    );
    assert!(
        out_of_range("fanout")(Simulation::new(
            Config {
                fanout: 50,
                ..base.clone()
            },
            0
        )),
        "fanout > N"
    );
    assert!(
        out_of_range("fanout")(Simulation::new(
            Config {
                fanout: 0,
                ..base.clone()
            },
            0
        )),
        "fanout 0"
    );
    for loss in [1.5, -0.1, 1.0 + f64::EPSILON] {
        assert!(
            out_of_range("loss")(Simulation::new(
                Config {
                    loss,
                    ..base.clone()
                },
                0
            )),
            "loss {loss} is outside 0..=1"
        );
    }
    for loss in [f64::NAN, f64::INFINITY] {
        assert!(
            matches!(
                Simulation::new(
                    Config {
                        loss,
                        ..base.clone()
                    },
                    0
                ),
                Err(Error::NotFinite { field: "loss" })
            ),
            "loss {loss} is not a number in range"
        );
    }
    for nodes in [0, 1, MAX_NODES + 1, u32::MAX] {
        assert!(
            out_of_range("nodes")(Simulation::new(
                Config {
                    nodes,
                    ..base.clone()
                },
                0
            )),
            "N = {nodes} is outside 2..=MAX_NODES"
        );
    }
    let membership = Protocol::Membership {
        t_fail: 5,
        t_cleanup: 10,
    };
    assert!(
        out_of_range("nodes")(Simulation::new(
            config(MAX_MEMBERSHIP_NODES + 1, 1, membership.clone()),
            0
        )),
        "membership tables are N x N, so N is capped lower"
    );
    assert!(
        out_of_range("nodes")(Simulation::new(
            Config {
                nodes: MAX_GRAPH_NODES + 1,
                topology: TopologyConfig::Ring { k: 1 },
                ..base.clone()
            },
            0
        )),
        "explicit graphs are capped"
    );
    assert!(
        matches!(
            Simulation::new(
                Config {
                    topology: TopologyConfig::Ring { k: 1 },
                    ..config(10, 1, membership)
                },
                0
            ),
            Err(Error::NotSupported { .. })
        ),
        "membership runs on the complete graph only"
    );
    assert!(
        out_of_range("t_cleanup")(Simulation::new(
            config(
                10,
                1,
                Protocol::Membership {
                    t_fail: 5,
                    t_cleanup: 5
                }
            ),
            0
        )),
        "t_cleanup must exceed t_fail"
    );
    assert!(
        out_of_range("k")(Simulation::new(
            config(10, 1, rumor(Mode::Push, Feedback::Blind, Decay::Coin, 0)),
            0
        )),
        "k = 0 would divide by zero in the coin"
    );
    assert!(
        matches!(
            Simulation::new(
                Config {
                    topology: TopologyConfig::RandomRegular { degree: 3 },
                    ..config(11, 1, anti_entropy(Mode::Push))
                },
                0
            ),
            Err(Error::OddRegularGraph {
                nodes: 11,
                degree: 3
            })
        ),
        "an odd N x degree has no regular graph"
    );
    assert!(
        out_of_range("repair_every")(Simulation::new(
            config(
                10,
                1,
                Protocol::Rumor {
                    mode: Mode::Push,
                    removal: gossip_engine::Removal {
                        feedback: Feedback::Feedback,
                        decay: Decay::Coin,
                        k: 1
                    },
                    repair_every: Some(0)
                }
            ),
            0
        )),
        "a repair every 0 rounds is meaningless"
    );
}

#[test]
fn invalid_commands_are_typed_errors_and_change_nothing() {
    let (mut sim, _) = start(config(10, 2, anti_entropy(Mode::PushPull)), 1);
    sim.step();
    let unknown = |node: u32| move |e: &Error| *e == Error::UnknownNode { node, nodes: 10 };
    refused(
        &mut sim,
        Command::Kill { node: 10 },
        unknown(10),
        "kill of an unknown node",
    );
    refused(
        &mut sim,
        Command::Revive {
            node: 99,
            amnesia: true,
        },
        unknown(99),
        "revive of an unknown node",
    );
    refused(
        &mut sim,
        inject(10, "x"),
        unknown(10),
        "inject at an unknown node",
    );
    refused(
        &mut sim,
        Command::Join { seed: u32::MAX },
        unknown(u32::MAX),
        "join through an unknown node",
    );
    refused(
        &mut sim,
        Command::Partition {
            groups: vec![vec![0, 1], vec![2, 10]],
        },
        unknown(10),
        "partition naming an unknown node",
    );
    refused(
        &mut sim,
        Command::Partition {
            groups: vec![vec![0, 1], vec![1, 2]],
        },
        |e| matches!(e, Error::NodeInTwoGroups { node: 1 }),
        "a node in two groups",
    );
    for loss in [2.0, -1.0, f64::NAN, f64::NEG_INFINITY] {
        refused(
            &mut sim,
            Command::SetLoss { loss },
            |e| {
                matches!(
                    e,
                    Error::OutOfRange { field: "loss", .. } | Error::NotFinite { field: "loss" }
                )
            },
            "loss outside 0..=1",
        );
    }
    refused(
        &mut sim,
        Command::Inject {
            node: 0,
            id: Some(7),
            content: String::new(),
        },
        |e| *e == Error::UnknownMessage { id: 7 },
        "a new version of a message never injected",
    );
    refused(
        &mut sim,
        inject(0, &"x".repeat(257)),
        |e| {
            matches!(
                e,
                Error::OutOfRange {
                    field: "content length",
                    ..
                }
            )
        },
        "content above 256 characters",
    );
    sim.apply(&Command::Kill { node: 3 })
        .expect("node 3 is alive");
    refused(
        &mut sim,
        Command::Kill { node: 3 },
        |e| {
            matches!(
                e,
                Error::WrongNodeState {
                    node: 3,
                    state: "dead",
                    ..
                }
            )
        },
        "kill of a dead node",
    );
    refused(
        &mut sim,
        inject(3, "x"),
        |e| {
            matches!(
                e,
                Error::WrongNodeState {
                    node: 3,
                    state: "dead",
                    ..
                }
            )
        },
        "inject at a dead node",
    );
    refused(
        &mut sim,
        Command::Join { seed: 3 },
        |e| matches!(e, Error::WrongNodeState { node: 3, .. }),
        "join through a dead node",
    );
    refused(
        &mut sim,
        Command::Revive {
            node: 4,
            amnesia: false,
        },
        |e| {
            matches!(
                e,
                Error::WrongNodeState {
                    node: 4,
                    state: "alive",
                    ..
                }
            )
        },
        "revive of a live node",
    );

    let mut ms = Simulation::new(
        config(
            10,
            1,
            Protocol::Membership {
                t_fail: 3,
                t_cleanup: 6,
            },
        ),
        0,
    )
    .expect("valid");
    refused(
        &mut ms,
        inject(0, "x"),
        |e| matches!(e, Error::NotSupported { .. }),
        "membership carries no messages",
    );
}

#[test]
fn a_timeline_logs_only_commands_that_succeeded() {
    let mut t = Timeline::new(config(10, 1, anti_entropy(Mode::Push)), 1).expect("valid");
    t.apply(&inject(0, "a")).expect("inject");
    assert!(
        t.apply(&Command::Kill { node: 42 }).is_err(),
        "unknown node refused"
    );
    assert!(
        t.apply(&Command::SetLoss { loss: 7.0 }).is_err(),
        "bad loss refused"
    );
    assert_eq!(t.actions().len(), 1, "refused commands are not logged");
    let mut s = t.scenario();
    s.v = 99;
    assert!(
        matches!(
            Timeline::from_scenario(&s),
            Err(Error::UnsupportedVersion {
                version: 99,
                max: 1
            })
        ),
        "an unknown format version is refused"
    );
    let mut s = t.scenario();
    s.actions.push(gossip_engine::Action {
        round: 0,
        command: Command::Kill { node: 42 },
    });
    assert!(
        matches!(
            Timeline::from_scenario(&s),
            Err(Error::Action { index: 2, ref error, .. }) if matches!(**error, Error::UnknownNode { node: 42, .. })
        ),
        "a log entry that fails on replay is an error naming its position"
    );
}

// ---------------------------------------------------------------------------------------
// Regressions of defects found by these tests
// ---------------------------------------------------------------------------------------

#[test]
fn lost_legs_are_never_useful() {
    // `Contact::useful` means the leg taught the receiver something; a lost leg taught nothing.
    // Traffic counters already agree (they count useful only when delivered); the reports the
    // UI animates do not.
    for sync in [Sync::Incremental, Sync::Full] {
        let cfg = Config {
            loss: 0.5,
            ..config(
                40,
                2,
                Protocol::AntiEntropy {
                    mode: Mode::PushPull,
                    sync,
                },
            )
        };
        let (mut sim, _) = start(cfg, 3);
        for _ in 0..20 {
            let r = sim.step();
            for c in &r.contacts {
                assert!(
                    c.delivered || !c.useful,
                    "{sync:?} round {}: lost leg {c:?} is reported useful",
                    r.round
                );
            }
        }
    }
}
