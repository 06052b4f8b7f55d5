//! Trials: every JSON key, per-round means, thread-count independence, seeds.

use super::*;

#[test]
fn json_has_every_key_and_two_nodes_push_takes_one_round() {
    let v = json(&[
        "run",
        "--protocol",
        "anti-entropy",
        "--mode",
        "push",
        "--nodes",
        "2",
        "--fanout",
        "1",
        "--trials",
        "3",
    ]);
    for key in [
        "rounds", "residue", "traffic", "t_avg", "t_last", "messages", "bytes",
    ] {
        for s in SUMMARY_KEYS {
            assert!(v[key][s].is_number(), "{key}.{s} must be a number in {v}");
        }
    }
    for key in ["config", "seed", "trials", "converged"] {
        assert!(!v[key].is_null(), "top-level key {key} is missing in {v}");
    }
    assert_eq!(v["unit"], "rounds", "round protocols count rounds");
    // Node 0 holds the message before round 1 and its only peer is node 1, so round 1
    // delivers it: exactly one round, every trial.
    for s in ["mean", "min", "max"] {
        assert_eq!(
            v["rounds"][s], 1.0,
            "rounds.{s}: N = 2 push fanout 1 converges in round 1"
        );
    }
    assert_eq!(v["rounds"]["sd"], 0.0);
    assert_eq!(v["converged"], 1.0, "every trial converges");
    assert_eq!(v["residue"]["max"], 0.0);
    assert_eq!(v["t_last"]["max"], 1.0);
    assert_eq!(v["traffic"]["mean"], 0.5, "one push leg for two nodes");
    assert_eq!(v["trials"], 3);
    assert_eq!(v["config"]["nodes"], 2);
    assert_eq!(v["config"]["protocol"]["kind"], "anti-entropy");
    assert!(
        v.get("per_round").is_none(),
        "per_round only with --per-round"
    );
}

#[test]
fn per_round_starts_at_the_injection_and_ends_informed() {
    let v = json(&[
        "run",
        "--protocol",
        "anti-entropy",
        "--nodes",
        "100",
        "--trials",
        "4",
        "--per-round",
    ]);
    let rows = v["per_round"].as_array().expect("per_round is an array");
    assert_eq!(rows[0]["round"], 0);
    assert_eq!(
        rows[0]["informed"], 0.01,
        "one node of 100 holds it before round 1"
    );
    assert_eq!(rows[0]["messages"], 0.0, "nothing is sent before round 1");
    assert_eq!(
        rows[1]["messages"], 102.0,
        "round 1: one digest per node, plus node 0's peer asking for the message and node 0 pushing it"
    );
    let last = rows.last().expect("at least one round");
    assert_eq!(
        last["informed"], 1.0,
        "every trial converged by the last round"
    );
    assert_eq!(
        rows.len() as f64 - 1.0,
        v["rounds"]["max"].as_f64().expect("number"),
        "rows run to the slowest trial"
    );
    let informed: Vec<f64> = rows
        .iter()
        .map(|r| r["informed"].as_f64().expect("number"))
        .collect();
    assert!(
        informed.windows(2).all(|w| w[1] >= w[0]),
        "anti-entropy never unlearns: {informed:?}"
    );
}

#[test]
fn output_does_not_depend_on_the_thread_count() {
    for extra in [
        &[
            "--protocol",
            "rumor",
            "--loss",
            "0.1",
            "--removal",
            "blind-coin",
            "--k",
            "3",
        ][..],
        &[
            "--protocol",
            "anti-entropy",
            "--mode",
            "push-pull",
            "--kill",
            "3@2",
        ][..],
        &[
            "--protocol",
            "hybrid",
            "--topology",
            "watts-strogatz",
            "--beta",
            "0.2",
        ][..],
    ] {
        let base = [
            "run",
            "--nodes",
            "300",
            "--trials",
            "12",
            "--seed",
            "9",
            "--per-round",
        ];
        let run = |threads: &str, format: &str| {
            let mut args: Vec<&str> = base.to_vec();
            args.extend_from_slice(extra);
            args.extend(["--threads", threads, "--format", format]);
            ok(&args)
        };
        for format in ["json", "csv", "table"] {
            assert_eq!(
                run("1", format),
                run("2", format),
                "{extra:?} {format}: same output on 1 and 2 threads"
            );
        }
    }
}

#[test]
fn trial_t_uses_seed_s_plus_t() {
    let csv = |seed: &str, trials: &str| {
        ok(&[
            "run",
            "--protocol",
            "rumor",
            "--nodes",
            "500",
            "--seed",
            seed,
            "--trials",
            trials,
            "--format",
            "csv",
        ])
    };
    let three = csv("5", "3");
    let lines: Vec<&str> = three.lines().collect();
    assert_eq!(lines.len(), 4, "a header and one row per trial: {three}");
    assert!(lines[0].starts_with("trial,seed,rounds,converged,residue,traffic,t_avg,t_last"));
    let alone = csv("7", "1");
    let row = alone.lines().nth(1).expect("one row");
    // Same measures; only the trial index differs.
    let tail = |l: &str| l.split_once(',').expect("csv").1.to_string();
    assert_eq!(
        tail(lines[3]),
        tail(row),
        "trial 2 of seed 5 is trial 0 of seed 7"
    );
}
