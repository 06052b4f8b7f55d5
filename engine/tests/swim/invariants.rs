//! Invariants by proptest, over small clusters and random fault schedules.

use std::collections::BTreeMap;

use gossip_engine::swim::{MemberState, SwimCommand, SwimEvent, SwimSimulation};
use proptest::prelude::*;

use crate::common::lan;

fn command(nodes: u32) -> impl Strategy<Value = SwimCommand> {
    prop_oneof![
        (0..nodes).prop_map(|node| SwimCommand::Kill { node }),
        (0..nodes, 500u32..20_000).prop_map(|(node, ms)| SwimCommand::Pause { node, ms }),
        (0..nodes, 1000u32..30_000, 100u32..1500)
            .prop_map(|(node, ms, extra_ms)| SwimCommand::Slow { node, ms, extra_ms }),
        (0.0f64..0.3).prop_map(|loss| SwimCommand::SetLoss { loss }),
        (0..nodes).prop_map(|node| SwimCommand::Leave { node }),
        (0..nodes).prop_map(|node| SwimCommand::Inject { node }),
        Just(SwimCommand::Heal),
        (0..nodes).prop_map(|via| SwimCommand::Join { via }),
    ]
}

/// Runs `secs` seconds with `actions` at their ticks (refused commands are skipped: a kill of
/// a member already dead is bad input, not a bug) and returns every tick's events.
fn events(nodes: u32, seed: u64, actions: &[(u32, SwimCommand)], secs: u32) -> Vec<SwimEvent> {
    let mut s = SwimSimulation::new(lan(nodes), seed).expect("valid");
    let mut all = Vec::new();
    for t in 0..secs * 10 {
        for (_, c) in actions.iter().filter(|(at, _)| *at == t) {
            let _ = s.apply(c);
        }
        all.extend(s.step().events);
    }
    all
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// Incarnations held by a node about a member never fall while it knows the member, and a
    /// member's own incarnation only rises.
    #[test]
    fn incarnations_never_decrease(
        nodes in 3u32..10,
        seed in any::<u64>(),
        actions in prop::collection::vec((0u32..300, command(10)), 0..6),
    ) {
        let actions: Vec<_> = actions.into_iter().filter(|(_, c)| match c {
            SwimCommand::Kill { node } | SwimCommand::Pause { node, .. }
            | SwimCommand::Slow { node, .. } | SwimCommand::Leave { node }
            | SwimCommand::Inject { node } => *node < nodes,
            SwimCommand::Join { via } => *via < nodes,
            _ => true,
        }).collect();
        let mut held: BTreeMap<(u32, u32), u32> = BTreeMap::new();
        for e in events(nodes, seed, &actions, 40) {
            if let SwimEvent::View { observer, member, state, incarnation } = e {
                if state == MemberState::Unknown {
                    held.remove(&(observer, member));
                    continue;
                }
                if let Some(&before) = held.get(&(observer, member)) {
                    prop_assert!(incarnation >= before,
                        "{observer} about {member}: {before} then {incarnation}");
                }
                held.insert((observer, member), incarnation);
            }
            // A member that refuted is never confirmed dead at the refuted incarnation by a
            // node that holds it at the new one: a confirm needs the member suspect at
            // exactly the confirmed incarnation in the confirming node's own list.
            if let SwimEvent::Confirm { observer, member, incarnation } = e {
                if let Some(&now) = held.get(&(observer, member)) {
                    prop_assert_eq!(now, incarnation, "confirm of a stale incarnation");
                }
            }
        }
    }

    /// With Lifeguard on, no loss and only crashes and departures, no running member is ever
    /// declared dead, and every running member ends up holding every crashed one dead.
    #[test]
    fn no_false_deaths_and_agreement_without_loss(
        nodes in 4u32..12,
        seed in any::<u64>(),
        kills in prop::collection::vec((0u32..50, 0u32..12), 0..3),
    ) {
        let mut s = SwimSimulation::new(lan(nodes), seed).expect("valid");
        s.set_recording(false);
        for t in 0..900 {
            for &(at, node) in &kills {
                if at == t && node < nodes {
                    let _ = s.apply(&SwimCommand::Kill { node });
                }
            }
            s.step();
        }
        prop_assert_eq!(s.metrics().false_positives, 0, "a healthy member was declared dead");
        for (&m, d) in &s.metrics().detections {
            prop_assert!(d.all_dead.is_some(), "every live member agrees {} is dead: {:?}", m, d);
        }
    }

    /// A run is a pure function of (config, seed, actions).
    #[test]
    fn runs_are_deterministic(
        nodes in 3u32..10,
        seed in any::<u64>(),
        actions in prop::collection::vec((0u32..200, command(10)), 0..5),
    ) {
        let actions: Vec<_> = actions.into_iter().filter(|(_, c)| !matches!(c,
            SwimCommand::Kill { node } | SwimCommand::Pause { node, .. }
            | SwimCommand::Slow { node, .. } | SwimCommand::Leave { node }
            | SwimCommand::Inject { node } if *node >= nodes)).collect();
        prop_assert_eq!(events(nodes, seed, &actions, 25), events(nodes, seed, &actions, 25));
    }
}
