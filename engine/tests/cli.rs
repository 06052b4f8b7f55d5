//! The `gossip-sim` command line, driven as a user would: flags in, stdout, stderr and the
//! exit code out.

#![cfg(all(feature = "cli", not(target_arch = "wasm32")))]

use std::path::PathBuf;
use std::process::{Command, Output};

use gossip_engine::{
    Command as Cmd, Config, Mode, Protocol, Scenario, Sync, TimedCommand, TopologyConfig,
};
use serde_json::Value;

fn sim(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gossip-sim"))
        .args(args)
        .output()
        .expect("the gossip-sim binary runs")
}

/// Runs a command that must succeed and returns its stdout.
fn ok(args: &[&str]) -> String {
    let out = sim(args);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "gossip-sim {args:?} failed: {stderr}");
    assert!(
        stderr.is_empty(),
        "a short successful run prints nothing on stderr: {stderr}"
    );
    String::from_utf8(out.stdout).expect("utf-8 output")
}

fn json(args: &[&str]) -> Value {
    let mut all = args.to_vec();
    all.extend(["--format", "json"]);
    serde_json::from_str(&ok(&all)).expect("--format json prints one JSON object")
}

/// Runs a command that must be refused: exit code 2, one line on stderr, nothing on stdout.
/// Returns the stderr line.
fn refused(args: &[&str]) -> String {
    let out = sim(args);
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(
        out.status.code(),
        Some(2),
        "gossip-sim {args:?} must exit 2; stderr: {stderr}"
    );
    assert!(
        out.stdout.is_empty(),
        "bad input prints nothing on stdout: {args:?}"
    );
    assert_eq!(
        stderr.trim_end().lines().count(),
        1,
        "one line on stderr: {stderr:?}"
    );
    stderr
}

fn temp_file(name: &str, text: &str) -> PathBuf {
    let path = std::env::temp_dir().join(format!("gossip-sim-test-{}-{name}", std::process::id()));
    std::fs::write(&path, text).expect("temp dir is writable");
    path
}

const SUMMARY_KEYS: [&str; 6] = ["mean", "sd", "min", "p50", "p95", "max"];

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

#[test]
fn bad_input_exits_2_with_nothing_on_stdout() {
    let e = refused(&["run", "--nodes", "50", "--fanout", "50"]);
    assert!(
        e.contains("fanout = 50 is out of range: allowed 1..=49"),
        "the engine's message is passed on: {e}"
    );
    refused(&["run", "--nodes", "many"]);
    refused(&["run", "--protocol", "gossipy"]);
    refused(&["run", "--no-such-flag"]);
    refused(&["run", "--loss", "1.5"]);
    refused(&["run", "--kill", "3"]);
    let e = refused(&["run", "--nodes", "10", "--kill", "12@1"]);
    assert!(e.contains("unknown node 12"), "{e}");
    refused(&["run", "--protocol", "rumor", "--sync", "full"]);
    refused(&["run", "--protocol", "membership", "--nodes", "5000"]);
    refused(&["run", "--protocol", "membership", "--topology", "ring"]);
    refused(&["run", "--trials", "0"]);
    refused(&["theory", "--nodes", "10", "--fanout", "10"]);
    refused(&[]);
}

#[test]
fn bad_scenario_files_exit_2() {
    let missing = std::env::temp_dir().join("gossip-sim-test-there-is-no-such-file.json");
    let e = refused(&["run", "--scenario", missing.to_str().expect("utf-8 path")]);
    assert!(e.contains("cannot read scenario file"), "{e}");

    let garbage = temp_file("garbage.json", "{ not json");
    let e = refused(&["run", "--scenario", garbage.to_str().expect("utf-8 path")]);
    assert!(e.contains("not a valid scenario"), "{e}");

    let mut s = Scenario::new(
        Config {
            nodes: 10,
            fanout: 10,
            ..Config::default()
        },
        1,
    );
    let bad_config = temp_file(
        "bad-config.json",
        &serde_json::to_string(&s).expect("serialises"),
    );
    let e = refused(&[
        "run",
        "--scenario",
        bad_config.to_str().expect("utf-8 path"),
    ]);
    assert!(e.contains("fanout = 10 is out of range"), "{e}");

    s.config.fanout = 1;
    s.actions.push(TimedCommand {
        round: 2,
        command: Cmd::Kill { node: 99 },
    });
    let bad_action = temp_file(
        "bad-action.json",
        &serde_json::to_string(&s).expect("serialises"),
    );
    let e = refused(&[
        "run",
        "--scenario",
        bad_action.to_str().expect("utf-8 path"),
    ]);
    assert!(e.contains("unknown node 99"), "{e}");

    let e = refused(&[
        "run",
        "--scenario",
        bad_action.to_str().expect("utf-8 path"),
        "--nodes",
        "5",
    ]);
    assert!(
        e.contains("cannot be used with"),
        "flags do not override a scenario: {e}"
    );
    for p in [garbage, bad_config, bad_action] {
        let _ = std::fs::remove_file(p);
    }
}

#[test]
fn a_scenario_file_gives_config_seed_and_actions() {
    let mut s = Scenario::new(
        Config {
            nodes: 64,
            fanout: 2,
            loss: 0.0,
            protocol: Protocol::AntiEntropy {
                mode: Mode::PushPull,
                sync: Sync::Full,
            },
            topology: TopologyConfig::Complete,
        },
        42,
    );
    s.actions.push(TimedCommand {
        round: 0,
        command: Cmd::Inject {
            node: 5,
            id: None,
            content: "hello".into(),
        },
    });
    let path = temp_file(
        "scenario.json",
        &serde_json::to_string(&s).expect("serialises"),
    );
    let v = json(&[
        "run",
        "--scenario",
        path.to_str().expect("utf-8 path"),
        "--trials",
        "2",
    ]);
    let _ = std::fs::remove_file(&path);
    let config: Config = serde_json::from_value(v["config"].clone()).expect("config round-trips");
    assert_eq!(config, s.config);
    assert_eq!(v["seed"], 42);
    let actions = v["actions"].as_array().expect("actions");
    assert_eq!(actions.len(), 1, "the scenario's own injection, none added");
    assert_eq!(actions[0]["node"], 5);
    assert_eq!(v["converged"], 1.0);
}

#[test]
fn membership_measures_detection_of_the_killed_node() {
    let v = json(&[
        "run",
        "--protocol",
        "membership",
        "--nodes",
        "60",
        "--fanout",
        "2",
        "--t-fail",
        "6",
        "--kill",
        "7@3",
        "--trials",
        "4",
    ]);
    assert_eq!(
        v["converged"], 1.0,
        "every alive node eventually considers node 7 failed"
    );
    assert_eq!(v["residue"]["max"], 0.0);
    let min = v["t_avg"]["min"].as_f64().expect("number");
    assert!(
        min >= 1.0,
        "nobody can detect a failure in the round it happens: {min}"
    );
    assert!(
        v["rounds"]["min"].as_f64().expect("number") >= 6.0,
        "the last observer heard node 7 no earlier than its death, so waits t_fail rounds"
    );
    assert_eq!(
        v["rounds"], v["t_last"],
        "rounds to full detection is the last detection delay"
    );
    assert!(
        v["traffic"]["mean"].as_f64().expect("number") > 0.0,
        "heartbeats were sent"
    );
}

#[test]
fn rumor_stops_when_no_node_is_fresh() {
    let v = json(&[
        "run",
        "--protocol",
        "rumor",
        "--nodes",
        "2000",
        "--trials",
        "10",
        "--per-round",
        "--k",
        "1",
    ]);
    let rows = v["per_round"].as_array().expect("per_round");
    let last = rows.last().expect("rows");
    assert_eq!(
        last["fresh"], 0.0,
        "every trial ran until its rumor died out"
    );
    let residue = v["residue"]["mean"].as_f64().expect("number");
    assert!(
        residue > 0.0 && residue < 0.5,
        "k = 1 leaves a visible residue: {residue}"
    );
}

#[test]
fn csv_per_round_and_table_formats() {
    let csv = ok(&[
        "run",
        "--nodes",
        "200",
        "--trials",
        "2",
        "--per-round",
        "--format",
        "csv",
    ]);
    assert!(
        csv.starts_with("round,running,informed,unaware,fresh,stale,dead,messages"),
        "{csv}"
    );
    let table = ok(&["run", "--nodes", "200", "--trials", "2"]);
    for word in [
        "rounds", "residue", "traffic", "t_avg", "t_last", "mean", "p95",
    ] {
        assert!(table.contains(word), "the table shows {word}: {table}");
    }
}

#[test]
fn theory_prints_curves_and_constants() {
    let v: Value = serde_json::from_str(&ok(&[
        "theory", "--nodes", "1000", "--fanout", "1", "--format", "json",
    ]))
    .expect("json");
    let log = v["log2_plus_ln"].as_f64().expect("number");
    assert!((log - (1000f64.log2() + 1000f64.ln())).abs() < 1e-9);
    let push = v["curves"]["push"].as_array().expect("curve");
    assert_eq!(push[0], 0.001, "one node of 1000 at round 0");
    assert!(
        v["residue"][1]["s"].as_f64().expect("number") > 0.05,
        "k = 2 residue ≈ 0.0595"
    );
}
