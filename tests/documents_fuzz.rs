//! Property tests of the documents that go through serde: a scenario file or a link that the
//! page writes reads back as the same scenario, in both link forms; truncated, mutated and
//! oversized documents yield an error or a notice, never a panic.
#![cfg(not(target_arch = "wasm32"))]

use gossip_engine::round_time::RoundTime;
use gossip_engine::time::{Latency, LatencyDist};
use gossip_engine::{
    Command, Config, Decay, Feedback, Mode, Protocol, Removal, Scenario, Sync, TimedCommand,
    Timeline, TopologyConfig,
};
use gossip_playground::lessons::LESSONS;
use gossip_playground::share::export::{read_scenario_file, scenario_file};
use gossip_playground::share::link::{Options, decode, encode};
use gossip_playground::view::View;
use proptest::collection::vec;
use proptest::option;
use proptest::prelude::*;

fn mode() -> impl Strategy<Value = Mode> {
    prop_oneof![Just(Mode::Push), Just(Mode::Pull), Just(Mode::PushPull)]
}

fn protocol() -> impl Strategy<Value = Protocol> {
    prop_oneof![
        (mode(), any::<bool>()).prop_map(|(mode, full)| Protocol::AntiEntropy {
            mode,
            sync: if full { Sync::Full } else { Sync::Incremental },
        }),
        (
            mode(),
            any::<bool>(),
            any::<bool>(),
            1..6u32,
            option::of(1..20u32)
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
        (2..10u32, 1..10u32).prop_map(|(t_fail, extra)| Protocol::Membership {
            t_fail,
            t_cleanup: t_fail + extra,
        }),
    ]
}

fn topology() -> impl Strategy<Value = TopologyConfig> {
    prop_oneof![
        Just(TopologyConfig::Complete),
        (1..4u32).prop_map(|k| TopologyConfig::Ring { k }),
        Just(TopologyConfig::Grid),
        (0.05..1.0f64).prop_map(|p| TopologyConfig::ErdosRenyi { p }),
        ((1..4u32), (0.0..1.0f64)).prop_map(|(k, beta)| TopologyConfig::WattsStrogatz { k, beta }),
        (1..4u32).prop_map(|m| TopologyConfig::BarabasiAlbert { m }),
        (2..12u32).prop_map(|group_size| TopologyConfig::Hierarchical { group_size }),
    ]
}

/// Commands on nodes 0..10 of clusters of at least 10: most replay, some are refused (a
/// kill of a dead node), which the link decoder drops with a problem.
fn command() -> impl Strategy<Value = Command> {
    prop_oneof![
        (0..10u32, "\\PC{0,12}").prop_map(|(node, content)| Command::Inject {
            node,
            id: None,
            content
        }),
        (0..10u32).prop_map(|node| Command::Kill { node }),
        (0..10u32, any::<bool>()).prop_map(|(node, amnesia)| Command::Revive { node, amnesia }),
        (0.0..0.9f64).prop_map(|loss| Command::SetLoss { loss }),
        vec(vec(0..10u32, 1..3), 1..3).prop_map(|groups| Command::Partition { groups }),
        Just(Command::Heal),
    ]
}

/// A time model: short ticks, a round every few of them, any latency distribution.
fn time() -> impl Strategy<Value = RoundTime> {
    let dist = prop_oneof![
        Just(LatencyDist::Constant),
        Just(LatencyDist::Uniform),
        Just(LatencyDist::Exponential)
    ];
    (1..500u32, 1..6u32, dist, 0.0..800.0f64).prop_map(|(tick_ms, interval, dist, mean_ms)| {
        RoundTime {
            tick_ms,
            interval,
            latency: Latency { dist, mean_ms },
        }
    })
}

fn scenario() -> impl Strategy<Value = Scenario> {
    (
        10..120u32,
        1..4u32,
        prop_oneof![Just(0.0), 0.0..0.5f64],
        protocol(),
        topology(),
        any::<u64>(),
        vec((0..20u32, command()), 0..12),
        0..30u32,
        option::of(time()),
    )
        .prop_map(
            |(nodes, fanout, loss, protocol, topology, seed, log, round, time)| {
                let topology = if matches!(protocol, Protocol::Membership { .. }) {
                    TopologyConfig::Complete
                } else {
                    topology
                };
                let mut s = Scenario::new(
                    Config {
                        nodes,
                        fanout,
                        loss,
                        protocol,
                        topology,
                        time,
                    },
                    seed,
                );
                s.actions = log
                    .into_iter()
                    .map(|(round, command)| TimedCommand { round, command })
                    .collect();
                s.actions.sort_by_key(|a| a.round);
                s.round = round;
                s
            },
        )
}

/// Whether `s` is a run the page can show as it is: valid, and every logged action replays.
fn replays(s: &Scenario) -> bool {
    Timeline::from_scenario(s).is_ok()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn scenario_files_read_back_as_written(s in scenario()) {
        let text = scenario_file(&s);
        prop_assert_eq!(read_scenario_file(&text), Ok(s));
    }

    #[test]
    fn links_read_back_as_written_in_both_forms(s in scenario(), speed in option::of(0.25..20.0f64)) {
        prop_assume!(s.config.validate().is_ok());
        let view = View { speed, ..View::default() };
        let pairs = encode(&s, &view, &Options::default());
        let fragment = decode(&format!("#{pairs}"), LESSONS.len());
        prop_assert_eq!(&fragment, &decode(&format!("?{pairs}"), LESSONS.len()));
        if replays(&s) {
            prop_assert_eq!(&fragment.problems, &vec![]);
            prop_assert_eq!(&fragment.link.scenario, &s);
            prop_assert_eq!(fragment.link.view.speed, speed);
        } else {
            // Refused actions are dropped, each named; what is left replays.
            prop_assert!(!fragment.problems.is_empty());
            prop_assert!(replays(&fragment.link.scenario));
        }
    }

    #[test]
    fn cut_or_mutated_scenario_files_never_panic(s in scenario(), cut in 0usize..2000, at in 0usize..2000, byte in any::<u8>()) {
        let text = scenario_file(&s);
        let cut_text: String = text.chars().take(cut).collect();
        let _ = read_scenario_file(&cut_text);
        let mut bytes = text.into_bytes();
        if !bytes.is_empty() {
            let i = at % bytes.len();
            bytes[i] = byte;
        }
        if let Ok(mutated) = String::from_utf8(bytes) {
            if let Ok(read) = read_scenario_file(&mutated) {
                // Whatever reads is then checked like any scenario, without panicking.
                let _ = read.validate();
            }
        }
    }
}

#[test]
fn an_oversized_scenario_file_is_refused_when_opened() {
    let mut s = Scenario::new(Config::default(), 1);
    s.actions = (0..20_000)
        .map(|i| TimedCommand {
            round: i,
            command: Command::Heal,
        })
        .collect();
    let read = read_scenario_file(&scenario_file(&s)).expect("it is well-formed JSON");
    assert!(
        read.validate().is_err(),
        "more actions than a scenario may hold"
    );
}
