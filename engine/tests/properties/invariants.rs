//! Invariants, replay and recording, on random small clusters and scripts.

use super::*;

/// Anti-entropy push, the mode with a batch fast path when recording is off.
fn push_config() -> impl Strategy<Value = Config> {
    (config(), any::<bool>()).prop_map(|(c, full)| Config {
        protocol: Protocol::AntiEntropy {
            mode: Mode::Push,
            sync: if full { Sync::Full } else { Sync::Incremental },
        },
        ..c
    })
}

/// Commands that keep one message with one version (the fast path's precondition), so that
/// most rounds take it.
fn push_ops() -> impl Strategy<Value = Vec<Op>> {
    let cmd = prop_oneof![
        2 => node().prop_map(|node| Command::Kill { node }),
        2 => (node(), any::<bool>()).prop_map(|(node, amnesia)| Command::Revive { node, amnesia }),
        1 => any_loss().prop_map(|loss| Command::SetLoss { loss }),
        1 => vec(vec(node(), 0..6), 0..3).prop_map(|groups| Command::Partition { groups }),
        1 => Just(Command::Heal),
        1 => node().prop_map(|seed| Command::Join { seed }),
        1 => command(),
    ];
    vec(
        prop_oneof![
            3 => (1..6u32).prop_map(Op::Step),
            1 => cmd.prop_map(Op::Do),
        ],
        0..30,
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn recording_changes_nothing(config in config(), seed in any::<u64>(), ops in ops()) {
        prop_assert_eq!(
            run_recording(&config, seed, &ops, true),
            run_recording(&config, seed, &ops, false),
            "switching contact recording off must not change the run"
        );
    }

    #[test]
    fn recording_changes_nothing_under_anti_entropy_push(
        config in push_config(),
        seed in any::<u64>(),
        ops in push_ops(),
    ) {
        prop_assert_eq!(
            run_recording(&config, seed, &ops, true),
            run_recording(&config, seed, &ops, false),
            "the batch fast path of push must give exactly the general path's run"
        );
    }

    #[test]
    fn invariants_hold_and_runs_replay(config in config(), seed in any::<u64>(), ops in ops()) {
        let run = run_checked(&config, seed, &ops)?;

        let (again, state) = run_plain(&config, seed, &ops);
        prop_assert_eq!(again, run.hash, "identical inputs must give an identical trace");
        prop_assert_eq!(&state, run.states.last().expect("final state"), "and an identical final state");

        let scenario = run.timeline.scenario();
        let replayed = trace_hash(&scenario).expect("a logged run replays");
        prop_assert_eq!(replayed, run.hash, "replaying the scenario gives the live run's trace");

        let json = serde_json::to_string(&scenario).expect("a scenario serialises");
        let back: Scenario = serde_json::from_str(&json).expect("and parses back");
        prop_assert!(
            same_up_to_one_ulp(&serde_json::to_value(&back).expect("value"), &serde_json::to_value(&scenario).expect("value")),
            "the JSON round trip keeps everything (floats to within one ulp, see below): {}",
            json
        );
        prop_assert_eq!(trace_hash(&back).expect("replays"), run.hash, "and replays to the same trace");
    }

    #[test]
    fn seeking_back_and_forth_is_exact(
        config in config(),
        seed in any::<u64>(),
        ops in ops(),
        targets in vec(0..=1000u32, 1..6),
    ) {
        let Run { mut timeline, states, .. } = run_checked(&config, seed, &ops)?;
        let end = timeline.round();
        for x in targets {
            let r = x * end / 1000;
            timeline.seek(r);
            prop_assert_eq!(timeline.round(), r, "seek lands on the round asked");
            prop_assert_eq!(
                &fingerprint(timeline.sim()),
                &states[r as usize],
                "round {} after seeking must equal the straight run",
                r
            );
        }
        timeline.seek(end);
        prop_assert_eq!(&fingerprint(timeline.sim()), &states[end as usize], "forward again to the end");
    }
}
