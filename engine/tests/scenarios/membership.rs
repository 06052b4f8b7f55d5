//! Heartbeat membership: detection, cleanup and joins.

use super::*;

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
