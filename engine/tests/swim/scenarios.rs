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
