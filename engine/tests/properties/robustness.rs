//! Nothing panics, whatever the configuration or the commands; floats round-trip.

use super::*;

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
    let dist = prop_oneof![
        Just(LatencyDist::Constant),
        Just(LatencyDist::Uniform),
        Just(LatencyDist::Exponential)
    ];
    let time = option::of((count(), count(), dist, real()).prop_map(
        |(tick_ms, interval, dist, mean)| RoundTime {
            tick_ms,
            interval,
            latency: Latency {
                dist,
                mean_ms: mean * 1000.0,
            },
        },
    ));
    (nodes, count(), real(), protocol, topology, time).prop_map(
        |(nodes, fanout, loss, protocol, topology, time)| Config {
            nodes,
            fanout,
            loss,
            protocol,
            topology,
            time,
        },
    )
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
