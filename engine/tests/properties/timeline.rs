//! Forks and seeks: a timeline replays a straight run exactly.

use super::*;

/// A timeline script with seeks: actions taken after a seek back fork the future.
#[derive(Clone, Debug)]
enum TimelineOp {
    Step(u32),
    Do(Command),
    /// Seek to this fraction (per mille) of the current frontier.
    Seek(u32),
}

fn timeline_ops() -> impl Strategy<Value = Vec<TimelineOp>> {
    vec(
        prop_oneof![
            3 => (1..400u32).prop_map(TimelineOp::Step),
            3 => command().prop_map(TimelineOp::Do),
            1 => (0..=1000u32).prop_map(TimelineOp::Seek),
        ],
        0..30,
    )
}

/// The command with its node ids folded into 0..n + 2, so that most are valid in a small
/// cluster and a few are not.
fn fit(cmd: &Command, n: u32) -> Command {
    let f = |x: u32| x % (n + 2);
    match cmd.clone() {
        Command::Inject { node, id, content } => Command::Inject {
            node: f(node),
            id,
            content,
        },
        Command::Kill { node } => Command::Kill { node: f(node) },
        Command::Revive { node, amnesia } => Command::Revive {
            node: f(node),
            amnesia,
        },
        Command::Partition { groups } => Command::Partition {
            groups: groups
                .into_iter()
                .map(|g| g.into_iter().map(f).collect())
                .collect(),
        },
        Command::Join { seed } => Command::Join { seed: f(seed) },
        other => other,
    }
}

/// The state after every round of a straight run of an action log (index = round), each
/// taken after that round's actions.
fn straight(config: &Config, seed: u64, actions: &[TimedCommand], end: u32) -> Vec<String> {
    let mut sim = Simulation::new(config.clone(), seed).expect("valid");
    let mut states = Vec::new();
    let mut next = 0;
    loop {
        while next < actions.len() && actions[next].round == sim.round() {
            sim.apply(&actions[next].command)
                .expect("logged actions succeeded");
            next += 1;
        }
        states.push(fingerprint(&sim));
        if sim.round() == end {
            return states;
        }
        sim.step();
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn forks_and_long_runs_replay_exactly(
        config in config(),
        nodes in 2..12u32,
        seed in any::<u64>(),
        ops in timeline_ops(),
        targets in vec(0..=1000u32, 1..8),
    ) {
        // Small clusters and long runs (thousands of rounds), so checkpoints get thinned.
        let config = Config { nodes, fanout: config.fanout.min(nodes - 1), ..config };
        prop_assume!(Simulation::new(config.clone(), seed).is_ok());
        let mut t = Timeline::new(config.clone(), seed).expect("valid");
        let _ = t.apply(&Command::Inject { node: 0, id: None, content: "first".into() });
        for op in &ops {
            match op {
                TimelineOp::Step(k) => {
                    let to = t.round() + k;
                    t.seek(to);
                }
                TimelineOp::Do(cmd) => {
                    let _ = t.apply(&fit(cmd, t.sim().nodes()));
                }
                TimelineOp::Seek(x) => {
                    t.seek(x * t.frontier() / 1000);
                }
            }
        }
        let end = t.frontier().max(t.round());
        let states = straight(&config, seed, t.actions(), end);
        prop_assert_eq!(
            &fingerprint(t.sim()),
            &states[t.round() as usize],
            "after seeks and forks the timeline equals a straight run of its own log"
        );
        for x in targets {
            let r = x * end / 1000;
            t.seek(r);
            prop_assert_eq!(&fingerprint(t.sim()), &states[r as usize], "seek to round {}", r);
        }
    }
}
