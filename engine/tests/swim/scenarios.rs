//! Fixed-seed scenarios: what a teacher shows, checked.

use gossip_engine::swim::{Lifeguard, MemberState, SwimCommand};

use crate::common::{lan, run, sim};

#[test]
fn a_killed_member_is_suspected_confirmed_and_agreed_dead() {
    let mut s = sim(lan(20), 7);
    run(&mut s, 60.0, &[(5.0, SwimCommand::Kill { node: 3 })]);
    let d = s.metrics().detections[&3];
    let (first, confirm, all) = (
        d.first_suspect.expect("suspected"),
        d.first_confirm.expect("confirmed"),
        d.all_dead.expect("agreed"),
    );
    eprintln!("{d:?} {:?}", s.metrics());
    assert!(
        first < confirm && confirm <= all,
        "suspect, then confirm, then agreement: {d:?}"
    );
    // N = 20: min 5.2 s, max 31.2 s; the first probe of it takes up to a few periods.
    let ticks = s.config().ticks();
    assert!(ticks.seconds(confirm) <= 45.0, "{d:?}");
    assert_eq!(
        s.metrics().false_positives,
        0,
        "no healthy member declared dead"
    );
    for o in (0..20).filter(|&o| o != 3) {
        assert!(
            s.holds(o, 3, MemberState::Dead) || s.holds(o, 3, MemberState::Unknown),
            "node {o} holds the crashed member dead"
        );
    }
}

#[test]
fn a_short_pause_is_suspected_then_refuted() {
    let mut s = sim(lan(20), 11);
    run(
        &mut s,
        40.0,
        &[(5.0, SwimCommand::Pause { node: 4, ms: 4000 })],
    );
    let m = s.metrics();
    eprintln!("{m:?}");
    assert!(
        m.refutations >= 1,
        "the paused member refutes when it wakes: {m:?}"
    );
    assert_eq!(
        m.false_positives, 0,
        "a 4 s pause is shorter than the suspicion timeout"
    );
    for o in 0..20 {
        assert!(
            s.holds(o, 4, MemberState::Alive),
            "node {o} holds it alive again"
        );
    }
    let _ = Lifeguard::ON;
}

/// False deaths in `runs` seeded runs of 50 members, one of them slowed by 800 ms.
fn slow_node_false_deaths(lifeguard: Lifeguard, runs: u64) -> u32 {
    (0..runs)
        .map(|seed| {
            let mut c = lan(50);
            c.lifeguard = lifeguard;
            let mut s = sim(c, seed);
            let slow = SwimCommand::Slow {
                node: 4,
                ms: 60_000,
                extra_ms: 800,
            };
            run(&mut s, 60.0, &[(2.0, slow)]);
            s.metrics().false_positives
        })
        .sum()
}

#[test]
fn a_slow_node_accuses_healthy_members_and_lifeguard_stops_it() {
    let without = slow_node_false_deaths(Lifeguard::OFF, 12);
    let with = slow_node_false_deaths(Lifeguard::ON, 12);
    assert!(
        without >= 4,
        "without Lifeguard the slow node gets members killed: {without}"
    );
    assert!(
        with * 4 <= without,
        "Lifeguard cuts false deaths sharply: {with} with, {without} without"
    );
}

/// memberlist alone forgets the other side once it is reaped (`GossipToTheDeadTime` after
/// death) and never contacts it again; Serf's reconnect loop (a push/pull with a random
/// failed member every `ReconnectInterval`) is what brings it back after a long partition.
#[test]
fn a_partition_declares_the_other_side_dead_and_push_pull_merges_it_back() {
    let mut s = sim(lan(16), 5);
    let groups = vec![(0..8).collect(), (8..16).collect()];
    run(&mut s, 60.0, &[(1.0, SwimCommand::Partition { groups })]);
    for (o, m) in [(0, 12), (12, 0), (7, 8)] {
        assert!(
            s.holds(o, m, MemberState::Dead) || s.holds(o, m, MemberState::Unknown),
            "node {o} holds {m}, across the partition, dead"
        );
    }
    run(&mut s, 200.0, &[(60.0, SwimCommand::Heal)]);
    for o in 0..16 {
        for m in 0..16 {
            assert!(
                s.holds(o, m, MemberState::Alive),
                "after the heal, push/pull and refutations bring {m} back for {o}"
            );
        }
    }
}
