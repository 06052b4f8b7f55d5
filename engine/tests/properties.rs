//! Property tests (proptest): invariants of the model under random small clusters and random
//! command sequences, valid or not (DESIGN.md §4).
//!
//! - no message appears that was never injected;
//! - dead nodes never send, and nothing reaches them;
//! - stale never turns fresh for the same version;
//! - counts per state sum to N and agree with a recount;
//! - a refused command changes nothing;
//! - identical inputs give identical runs, and the scenario (also through JSON) replays them;
//! - seeking back then forward gives exactly the state of the straight run;
//! - switching contact recording off (batch runs, and every replay) changes nothing;
//! - nothing panics, whatever the configuration or the commands.
//!
//! Case counts are modest so that the file runs in a few seconds in the debug profile.

#![cfg(not(target_arch = "wasm32"))]

mod common;

use std::collections::BTreeSet;

use common::fingerprint;
use gossip_engine::trace::{TraceHash, trace_hash};
use gossip_engine::{
    Command, Config, Decay, Feedback, MessageState, Mode, Protocol, Removal, Scenario, Simulation,
    Sync, TableRow, TimedCommand, Timeline, TopologyConfig,
};
use proptest::collection::vec;
use proptest::option;
use proptest::prelude::*;

/// One step of a test script: run some rounds, or apply a command (valid or not).
#[derive(Clone, Debug)]
enum Op {
    Step(u32),
    Do(Command),
}

fn mode() -> impl Strategy<Value = Mode> {
    prop_oneof![Just(Mode::Push), Just(Mode::Pull), Just(Mode::PushPull)]
}

fn protocol() -> impl Strategy<Value = Protocol> {
    prop_oneof![
        3 => (mode(), any::<bool>()).prop_map(|(mode, full)| Protocol::AntiEntropy {
            mode,
            sync: if full { Sync::Full } else { Sync::Incremental },
        }),
        4 => (mode(), any::<bool>(), any::<bool>(), 1..5u32, option::of(1..6u32)).prop_map(
            |(mode, feedback, coin, k, repair_every)| Protocol::Rumor {
                mode,
                removal: Removal {
                    feedback: if feedback { Feedback::Feedback } else { Feedback::Blind },
                    decay: if coin { Decay::Coin } else { Decay::Counter },
                    k,
                },
                repair_every,
            }
        ),
        1 => (1..8u32, 1..12u32).prop_map(|(t_fail, extra)| Protocol::Membership {
            t_fail,
            t_cleanup: t_fail + extra,
        }),
    ]
}

fn topology() -> impl Strategy<Value = TopologyConfig> {
    prop_oneof![
        4 => Just(TopologyConfig::Complete),
        1 => (1..4u32).prop_map(|k| TopologyConfig::Ring { k }),
        1 => Just(TopologyConfig::Grid),
        1 => (1..6u32).prop_map(|degree| TopologyConfig::RandomRegular { degree }),
        1 => (0.0..0.5f64).prop_map(|p| TopologyConfig::ErdosRenyi { p }),
        1 => (1..4u32, 0.0..=1.0f64).prop_map(|(k, beta)| TopologyConfig::WattsStrogatz { k, beta }),
        1 => (1..4u32).prop_map(|m| TopologyConfig::BarabasiAlbert { m }),
        1 => (2..12u32).prop_map(|group_size| TopologyConfig::Hierarchical { group_size }),
    ]
}

/// A valid configuration: N in 2..60, any protocol, fanout, loss and topology. Topology
/// parameters that do not fit N fall back to the complete graph.
fn config() -> impl Strategy<Value = Config> {
    let loss = prop_oneof![3 => Just(0.0), 2 => 0.0..=1.0f64, 1 => Just(1.0)];
    (2..60u32, 1..5u32, loss, protocol(), topology()).prop_map(
        |(nodes, fanout, loss, protocol, topology)| {
            let mut c = Config {
                nodes,
                fanout: fanout.min(nodes - 1),
                loss,
                protocol,
                topology,
            };
            if c.validate().is_err() || matches!(c.protocol, Protocol::Membership { .. }) {
                c.topology = TopologyConfig::Complete;
            }
            c
        },
    )
}

/// Node ids, mostly valid, sometimes beyond any cluster here.
fn node() -> impl Strategy<Value = u32> {
    prop_oneof![8 => 0..64u32, 1 => Just(u32::MAX)]
}

/// Loss values, valid or not.
fn any_loss() -> impl Strategy<Value = f64> {
    prop_oneof![
        4 => 0.0..=1.0f64,
        1 => Just(0.0),
        1 => Just(1.0),
        1 => Just(f64::NAN),
        1 => Just(-0.25),
        1 => Just(1.5),
        1 => Just(f64::INFINITY),
    ]
}

fn command() -> impl Strategy<Value = Command> {
    prop_oneof![
        4 => (node(), option::of(0..4u32), "[a-z]{0,4}")
            .prop_map(|(node, id, content)| Command::Inject { node, id, content }),
        2 => node().prop_map(|node| Command::Kill { node }),
        2 => (node(), any::<bool>()).prop_map(|(node, amnesia)| Command::Revive { node, amnesia }),
        1 => any_loss().prop_map(|loss| Command::SetLoss { loss }),
        1 => vec(vec(node(), 0..6), 0..3).prop_map(|groups| Command::Partition { groups }),
        1 => Just(Command::Heal),
        1 => node().prop_map(|seed| Command::Join { seed }),
    ]
}

fn ops() -> impl Strategy<Value = Vec<Op>> {
    vec(
        prop_oneof![
            3 => (1..6u32).prop_map(Op::Step),
            2 => command().prop_map(Op::Do),
        ],
        0..40,
    )
}

/// What a checked run produced.
struct Run {
    timeline: Timeline,
    /// Trace hash of every report of the run, then the final state (as `trace_hash` does).
    hash: u64,
    /// Fingerprint of the state at each round, after that round's commands.
    states: Vec<String>,
}

/// Checks the counts of every message against N and against a recount.
fn check_counts(sim: &Simulation, when: &str) -> Result<(), TestCaseError> {
    for id in sim.message_ids() {
        let c = sim.counts(id).expect("listed ids have counts");
        prop_assert_eq!(
            c.total(),
            sim.nodes(),
            "{}: m{} counts {:?} must sum to N",
            when,
            id,
            c
        );
        prop_assert_eq!(
            Some(c),
            sim.recounted(id),
            "{}: m{} incremental counts must equal a recount",
            when,
            id
        );
        prop_assert_eq!(
            c.dead,
            sim.nodes() - sim.alive_count(),
            "{}: dead count",
            when
        );
    }
    Ok(())
}

/// Runs `ops` on a fresh timeline, checking every invariant after every command and round.
fn run_checked(config: &Config, seed: u64, ops: &[Op]) -> Result<Run, TestCaseError> {
    let mut t = Timeline::new(config.clone(), seed).expect("generated configs are valid");
    let mut hash = TraceHash::default();
    let mut states = Vec::new();
    // Every (id, version number, origin, content) written by a successful injection.
    let mut written: BTreeSet<(u32, u32, u32, String)> = BTreeSet::new();
    let mut new_ids = 0;
    let start = Op::Do(Command::Inject {
        node: 0,
        id: None,
        content: "first".into(),
    });
    for op in std::iter::once(&start).chain(ops) {
        match op {
            Op::Do(cmd) => {
                let before = fingerprint(t.sim());
                match t.apply(cmd) {
                    Err(e) => {
                        prop_assert_eq!(
                            fingerprint(t.sim()),
                            before,
                            "refused {:?} ({}) must change nothing",
                            cmd,
                            e
                        );
                    }
                    Ok(id) => {
                        if let (
                            Command::Inject {
                                node,
                                id: old,
                                content,
                            },
                            Some(id),
                        ) = (cmd, id)
                        {
                            let v = t
                                .sim()
                                .message(id)
                                .and_then(|m| m.versions.last())
                                .expect("written");
                            prop_assert!(
                                v.origin == *node && v.content == *content,
                                "the version written is the one asked for: {:?}",
                                v
                            );
                            new_ids += u32::from(old.is_none());
                            written.insert((id, v.number, v.origin, v.content.clone()));
                        }
                    }
                }
                check_counts(t.sim(), &format!("after {cmd:?}"))?;
            }
            Op::Step(k) => {
                for _ in 0..*k {
                    let r = t.round() as usize;
                    states.resize(r + 1, String::new());
                    states[r] = fingerprint(t.sim());
                    let sim = t.sim();
                    let n = sim.nodes();
                    let alive: Vec<bool> = sim.alive().to_vec();
                    let tables: Vec<Vec<TableRow>> = (0..n).map(|x| sim.table(x)).collect();

                    let report = t.step();
                    hash.report(&report);
                    let sim = t.sim();
                    let round = report.round;
                    let mut undelivered = 0;
                    for c in &report.contacts {
                        prop_assert!(
                            c.from < n && c.to < n && c.from != c.to,
                            "round {}: contact {:?} between existing distinct nodes",
                            round,
                            c
                        );
                        prop_assert!(
                            alive[c.from as usize],
                            "round {}: dead node {} sent {:?}",
                            round,
                            c.from,
                            c
                        );
                        prop_assert!(
                            alive[c.to as usize] || !c.delivered,
                            "round {}: {:?} reached a dead node",
                            round,
                            c
                        );
                        // Not checked here: anti-entropy marks some lost legs useful (see
                        // `lost_legs_are_never_useful` in scenarios.rs).
                        undelivered += u64::from(!c.delivered);
                    }
                    prop_assert_eq!(
                        report.traffic.lost,
                        undelivered,
                        "round {}: lost legs counted",
                        round
                    );
                    for node in 0..n {
                        let after = sim.table(node);
                        let before = &tables[node as usize];
                        if !alive[node as usize] {
                            prop_assert_eq!(
                                &after,
                                before,
                                "round {}: dead node {} changed",
                                round,
                                node
                            );
                        }
                        for row in &after {
                            prop_assert!(
                                written.contains(&(
                                    row.id,
                                    row.version,
                                    row.origin,
                                    row.content.clone()
                                )),
                                "round {}: node {} holds {:?}, which was never injected",
                                round,
                                node,
                                row
                            );
                            let was_stale = before.iter().any(|b| {
                                b.id == row.id
                                    && (b.version, b.origin) == (row.version, row.origin)
                                    && b.state == MessageState::Stale
                            });
                            prop_assert!(
                                !(was_stale && row.state == MessageState::Fresh),
                                "round {}: node {} turned stale {:?} fresh again",
                                round,
                                node,
                                row
                            );
                        }
                    }
                    prop_assert_eq!(
                        sim.message_ids().count() as u32,
                        new_ids,
                        "only injected ids exist"
                    );
                    check_counts(sim, &format!("round {round}"))?;
                }
            }
        }
    }
    let r = t.round() as usize;
    states.resize(r + 1, String::new());
    states[r] = fingerprint(t.sim());
    hash.state(t.sim());
    Ok(Run {
        timeline: t,
        hash: hash.finish(),
        states,
    })
}

/// Whether two JSON values are equal, numbers compared as f64 to within one ulp.
///
/// serde_json without its `float_roundtrip` feature parses about one random f64 in ten one
/// ulp off (see `scenario_floats_round_trip_bit_exactly`); runs do not notice, since a draw
/// would have to fall between the two neighbouring doubles.
fn same_up_to_one_ulp(a: &serde_json::Value, b: &serde_json::Value) -> bool {
    use serde_json::Value;
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => match (x.as_f64(), y.as_f64()) {
            (Some(x), Some(y)) if x.is_finite() && y.is_finite() => {
                x.to_bits().abs_diff(y.to_bits()) <= 1 || x == y
            }
            _ => x == y,
        },
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(x, y)| same_up_to_one_ulp(x, y))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(k, v)| y.get(k).is_some_and(|w| same_up_to_one_ulp(v, w)))
        }
        _ => a == b,
    }
}

/// Runs `ops` with no checks, for comparison.
fn run_plain(config: &Config, seed: u64, ops: &[Op]) -> (u64, String) {
    let mut t = Timeline::new(config.clone(), seed).expect("valid");
    let mut hash = TraceHash::default();
    let _ = t.apply(&Command::Inject {
        node: 0,
        id: None,
        content: "first".into(),
    });
    for op in ops {
        match op {
            Op::Do(cmd) => {
                let _ = t.apply(cmd);
            }
            Op::Step(k) => {
                for _ in 0..*k {
                    hash.report(&t.step());
                }
            }
        }
    }
    hash.state(t.sim());
    (hash.finish(), fingerprint(t.sim()))
}

/// Runs `ops` on a bare simulation with recording on or off; returns the final state.
fn run_recording(config: &Config, seed: u64, ops: &[Op], record: bool) -> String {
    let mut sim = Simulation::new(config.clone(), seed).expect("valid");
    sim.set_recording(record);
    let _ = sim.apply(&Command::Inject {
        node: 0,
        id: None,
        content: "first".into(),
    });
    for op in ops {
        match op {
            Op::Do(cmd) => {
                let _ = sim.apply(cmd);
            }
            Op::Step(k) => {
                for _ in 0..*k {
                    let r = sim.step();
                    assert!(record || r.contacts.is_empty(), "nothing recorded when off");
                }
            }
        }
    }
    fingerprint(&sim)
}

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

/// Anything the types allow, including nonsense.
fn wild_config() -> impl Strategy<Value = Config> {
    let nodes = prop_oneof![8 => 0..40u32, 1 => Just(gossip_engine::config::MAX_NODES + 1), 1 => Just(u32::MAX)];
    let count = || prop_oneof![8 => 0..80u32, 1 => Just(u32::MAX)];
    let real = || {
        prop_oneof![
            4 => -0.5..1.5f64,
            1 => Just(f64::NAN),
            1 => Just(f64::INFINITY),
            1 => Just(f64::NEG_INFINITY),
        ]
    };
    let protocol = prop_oneof![
        (mode(), any::<bool>()).prop_map(|(mode, full)| Protocol::AntiEntropy {
            mode,
            sync: if full { Sync::Full } else { Sync::Incremental },
        }),
        (
            mode(),
            any::<bool>(),
            any::<bool>(),
            count(),
            option::of(count())
        )
            .prop_map(|(mode, feedback, coin, k, repair_every)| Protocol::Rumor {
                mode,
                removal: Removal {
                    feedback: if feedback {
                        Feedback::Feedback
                    } else {
                        Feedback::Blind
                    },
                    decay: if coin { Decay::Coin } else { Decay::Counter },
                    k,
                },
                repair_every,
            }),
        (count(), count())
            .prop_map(|(t_fail, t_cleanup)| Protocol::Membership { t_fail, t_cleanup }),
    ];
    let topology = prop_oneof![
        Just(TopologyConfig::Complete),
        count().prop_map(|k| TopologyConfig::Ring { k }),
        Just(TopologyConfig::Grid),
        count().prop_map(|degree| TopologyConfig::RandomRegular { degree }),
        real().prop_map(|p| TopologyConfig::ErdosRenyi { p }),
        (count(), real()).prop_map(|(k, beta)| TopologyConfig::WattsStrogatz { k, beta }),
        count().prop_map(|m| TopologyConfig::BarabasiAlbert { m }),
        count().prop_map(|group_size| TopologyConfig::Hierarchical { group_size }),
    ];
    (nodes, count(), real(), protocol, topology).prop_map(
        |(nodes, fanout, loss, protocol, topology)| Config {
            nodes,
            fanout,
            loss,
            protocol,
            topology,
        },
    )
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

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn nothing_panics_on_any_config(config in wild_config(), seed in any::<u64>(), ops in ops()) {
        // Either a typed error, or a cluster that runs any command sequence.
        if let Ok(mut sim) = Simulation::new(config, seed) {
            for op in &ops {
                match op {
                    Op::Do(cmd) => {
                        let _ = sim.apply(cmd);
                    }
                    Op::Step(k) => {
                        for _ in 0..*k {
                            sim.step();
                        }
                    }
                }
            }
            for id in sim.message_ids() {
                let _ = gossip_engine::outcome(&sim, id);
            }
        }
    }

    #[test]
    fn nothing_panics_on_any_scenario(
        config in wild_config(),
        seed in any::<u64>(),
        v in 0..3u32,
        actions in vec((0..20u32, command()), 0..12),
        round in 0..30u32,
    ) {
        let scenario = Scenario {
            v,
            config,
            seed,
            actions: actions.into_iter().map(|(round, command)| TimedCommand { round, command }).collect(),
            round,
        };
        // Unordered logs, failing commands and bad versions are errors, never panics.
        let _ = trace_hash(&scenario);
        if let Ok(json) = serde_json::to_string(&scenario) {
            let _ = serde_json::from_str::<Scenario>(&json);
        }
    }
}

#[test]
fn scenario_floats_round_trip_bit_exactly() {
    let mut rng = gossip_engine::rng::Stream::from_seed(7);
    let mut off = 0;
    for _ in 0..10_000 {
        let loss = rng.unit();
        let mut s = Scenario::new(Config::default(), 1);
        s.config.loss = loss;
        s.config.topology = TopologyConfig::WattsStrogatz { k: 2, beta: loss };
        s.actions.push(TimedCommand {
            round: 3,
            command: Command::SetLoss { loss },
        });
        let json = serde_json::to_string(&s).expect("serialises");
        let back: Scenario = serde_json::from_str(&json).expect("parses");
        off += usize::from(back != s);
    }
    assert_eq!(off, 0, "{off} of 10000 scenarios changed through JSON");
}
