//! `--per-round` bands: the median and 5–95% of each state series over the trials.

use super::*;
use gossip_engine::{Band, Simulation};

/// 20 trials of push anti-entropy at N = 200, seeds 1..=20 (the CLI's SEED + t).
const RUN: [&str; 8] = [
    "run",
    "--protocol",
    "anti-entropy",
    "--nodes",
    "200",
    "--trials",
    "20",
    "--per-round",
];

#[test]
fn per_round_bands_are_the_nearest_rank_percentiles_of_the_trials() {
    let out = json(&RUN);
    let rows = out["per_round"].as_array().expect("per-round rows");
    // The same trials, replayed here: unaware count per round, the last one held on.
    let trials: Vec<Vec<f64>> = (1..=20u64)
        .map(|seed| {
            let c = Config {
                nodes: 200,
                protocol: Protocol::AntiEntropy {
                    mode: Mode::Push,
                    sync: Sync::Incremental,
                },
                ..Config::default()
            };
            let mut sim = Simulation::new(c, seed).expect("valid");
            sim.apply(&Cmd::Inject {
                node: 0,
                id: None,
                content: String::new(),
            })
            .expect("alive");
            let mut unaware = vec![f64::from(sim.counts(0).expect("m0").unaware)];
            while sim.counts(0).expect("m0").unaware > 0 {
                sim.step();
                unaware.push(f64::from(sim.counts(0).expect("m0").unaware));
            }
            unaware
        })
        .collect();
    for (i, row) in rows.iter().enumerate() {
        let at: Vec<f64> = trials
            .iter()
            .map(|t| *t.get(i).unwrap_or(t.last().expect("a round")))
            .collect();
        let want = Band::of(&at).expect("20 trials");
        let got = &row["bands"]["unaware"];
        assert_eq!(
            (got["p5"].as_f64(), got["p50"].as_f64(), got["p95"].as_f64()),
            (Some(want.p5), Some(want.p50), Some(want.p95)),
            "round {i}"
        );
        assert!(want.p5 <= want.p50 && want.p50 <= want.p95);
    }
    let mut csv_args = RUN.to_vec();
    csv_args.extend(["--format", "csv"]);
    let csv = ok(&csv_args);
    assert!(
        csv.lines()
            .next()
            .expect("a header")
            .ends_with(",dead_p5,dead_p50,dead_p95")
    );
}

/// The page's bands worker runs `Trials::of_scenario` seed by seed and `TrialBands`: the same
/// scenario file given to `gossip-sim run --scenario … --per-round` must print exactly those
/// bands, round by round (rumor mongering with a kill and loss, and heartbeat membership).
#[test]
fn the_worker_s_library_bands_are_the_cli_s_bands() {
    use gossip_engine::bands::TrialBands;
    use gossip_engine::trial::{DEFAULT_MAX_ROUNDS, Trials};
    let rumor = Scenario {
        actions: vec![
            TimedCommand {
                round: 0,
                command: Cmd::Inject {
                    node: 3,
                    id: None,
                    content: "x".into(),
                },
            },
            TimedCommand {
                round: 2,
                command: Cmd::Kill { node: 5 },
            },
        ],
        ..Scenario::new(
            Config {
                nodes: 80,
                fanout: 2,
                loss: 0.1,
                ..Config::default()
            },
            11,
        )
    };
    let membership = Scenario::new(
        Config {
            nodes: 30,
            fanout: 2,
            protocol: Protocol::Membership {
                t_fail: 4,
                t_cleanup: 8,
            },
            ..Config::default()
        },
        5,
    );
    for (name, scenario) in [("rumor", rumor), ("membership", membership)] {
        let text = serde_json::to_string(&scenario).expect("serialises");
        let path = temp_file(&format!("bands-{name}.json"), &text);
        let out = json(&[
            "run",
            "--scenario",
            path.to_str().expect("utf-8 path"),
            "--trials",
            "25",
            "--per-round",
        ]);
        let _ = std::fs::remove_file(&path);
        let trials = Trials::of_scenario(&scenario, DEFAULT_MAX_ROUNDS);
        let mut bands = TrialBands::default();
        for t in 0..25 {
            let trial = trials.run(t, true, || {}).expect("the scenario runs");
            bands.add(&trial.rows);
        }
        let want = serde_json::to_value(bands.all()).expect("serialises");
        let got: Vec<Value> = out["per_round"]
            .as_array()
            .expect("per-round rows")
            .iter()
            .map(|r| r["bands"].clone())
            .collect();
        assert!(got.len() > 3, "{name}: several rounds");
        assert_eq!(
            Value::Array(got),
            want,
            "{name}: the page's bands are the CLI's"
        );
    }
}
