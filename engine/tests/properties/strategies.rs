//! The generators of configurations, commands and scripts.

use super::*;

/// One step of a test script: run some rounds, or apply a command (valid or not).
#[derive(Clone, Debug)]
pub(crate) enum Op {
    Step(u32),
    Do(Command),
}

pub(crate) fn mode() -> impl Strategy<Value = Mode> {
    prop_oneof![Just(Mode::Push), Just(Mode::Pull), Just(Mode::PushPull)]
}

pub(crate) fn protocol() -> impl Strategy<Value = Protocol> {
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

pub(crate) fn topology() -> impl Strategy<Value = TopologyConfig> {
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

/// A time model: any tick, a round every 1 to 4 ticks, any latency up to a few ticks.
pub(crate) fn round_time() -> impl Strategy<Value = RoundTime> {
    let dist = prop_oneof![
        Just(LatencyDist::Constant),
        Just(LatencyDist::Uniform),
        Just(LatencyDist::Exponential)
    ];
    let mean = prop_oneof![1 => Just(0.0), 3 => 0.0..400.0f64];
    (1..200u32, 1..5u32, dist, mean).prop_map(|(tick_ms, interval, dist, mean_ms)| RoundTime {
        tick_ms,
        interval,
        latency: Latency { dist, mean_ms },
    })
}

/// A valid configuration: N in 2..60, any protocol, fanout, loss and topology, in abstract
/// rounds or under a time model. Topology parameters that do not fit N fall back to the
/// complete graph.
pub(crate) fn config() -> impl Strategy<Value = Config> {
    let loss = prop_oneof![3 => Just(0.0), 2 => 0.0..=1.0f64, 1 => Just(1.0)];
    let time = prop_oneof![2 => Just(None), 1 => round_time().prop_map(Some)];
    (2..60u32, 1..5u32, loss, protocol(), topology(), time).prop_map(
        |(nodes, fanout, loss, protocol, topology, time)| {
            let mut c = Config {
                nodes,
                fanout: fanout.min(nodes - 1),
                loss,
                protocol,
                topology,
                time,
            };
            if c.validate().is_err() || matches!(c.protocol, Protocol::Membership { .. }) {
                c.topology = TopologyConfig::Complete;
            }
            c
        },
    )
}

/// Node ids, mostly valid, sometimes beyond any cluster here.
pub(crate) fn node() -> impl Strategy<Value = u32> {
    prop_oneof![8 => 0..64u32, 1 => Just(u32::MAX)]
}

/// Loss values, valid or not.
pub(crate) fn any_loss() -> impl Strategy<Value = f64> {
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

pub(crate) fn command() -> impl Strategy<Value = Command> {
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

pub(crate) fn ops() -> impl Strategy<Value = Vec<Op>> {
    vec(
        prop_oneof![
            3 => (1..6u32).prop_map(Op::Step),
            2 => command().prop_map(Op::Do),
        ],
        0..40,
    )
}
