//! Round semantics: synchronous rounds, and news spreading from the next round.

use super::*;

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
