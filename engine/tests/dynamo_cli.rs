//! `gossip-sim run --protocol dynamo`, driven as a user would: flags in, stdout, stderr and
//! the exit code out.

#![cfg(all(feature = "cli", not(target_arch = "wasm32")))]

use std::process::{Command, Output};

use serde_json::Value;

const SUMMARY_KEYS: [&str; 6] = ["mean", "sd", "min", "p50", "p95", "max"];

fn sim(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gossip-sim"))
        .args(args)
        .output()
        .expect("the gossip-sim binary runs")
}

/// `gossip-sim run --protocol dynamo ARGS`, which must succeed; its stdout.
fn ok(args: &[&str]) -> String {
    let mut all = vec!["run", "--protocol", "dynamo"];
    all.extend(args);
    let out = sim(&all);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "gossip-sim {all:?} failed: {stderr}");
    assert!(stderr.is_empty(), "nothing on stderr: {stderr}");
    String::from_utf8(out.stdout).expect("utf-8 output")
}

fn json(args: &[&str]) -> Value {
    let mut all = args.to_vec();
    all.extend(["--format", "json"]);
    serde_json::from_str(&ok(&all)).expect("--format json prints one JSON object")
}

fn mean(v: &Value, key: &str) -> f64 {
    v[key]["mean"]
        .as_f64()
        .unwrap_or_else(|| panic!("{key}: {v}"))
}

/// `gossip-sim ARGS`, which must be refused: exit code 2, one line on stderr, nothing on
/// stdout. The stderr line.
fn refused(args: &[&str]) -> String {
    let out = sim(args);
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(2), "{args:?} must exit 2: {stderr}");
    assert!(out.stdout.is_empty(), "nothing on stdout: {args:?}");
    assert_eq!(stderr.trim_end().lines().count(), 1, "one line: {stderr:?}");
    stderr
}

#[test]
fn a_kill_is_detected_and_confirmed_in_seconds() {
    let v = json(&[
        "--preset",
        "dynamo",
        "--nodes",
        "10",
        "--kill",
        "3@2",
        "--seconds",
        "120",
        "--trials",
        "3",
    ]);
    assert_eq!(v["protocol"], "dynamo");
    assert_eq!(v["unit"], "s");
    assert_eq!(v["preset"], "dynamo");
    for key in [
        "detect_first",
        "detect_confirm",
        "detect_all",
        "false_positives",
        "messages_per_member_s",
        "bytes_per_member_s",
        "syncs",
        "keys_transferred",
        "merkle_bytes_per_sync",
        "full_bytes_per_sync",
        "digest_bytes_per_sync",
    ] {
        for s in SUMMARY_KEYS {
            assert!(v[key][s].is_number(), "{key}.{s}: {v}");
        }
    }
    let (first, confirm, all) = (
        mean(&v, "detect_first"),
        mean(&v, "detect_confirm"),
        mean(&v, "detect_all"),
    );
    assert_eq!(
        first, confirm,
        "local detection: the first verdict confirms"
    );
    // Every trial found it: the summaries are over all three.
    assert!(v["detect_all"]["max"].as_f64().expect("number") < 120.0);
    // One random peer a second, a 1 s timeout: someone calls node 3 within seconds; all nine
    // within about (N − 1) · ln N ≈ 21 s.
    assert!(
        0.0 < first && first < 20.0 && first <= all && all < 120.0,
        "{v}"
    );
    assert_eq!(v["false_positives"]["max"], 0.0);
    // The engine's preset (DeCandia et al. 2007 §4.7, §4.8).
    let c = &v["config"];
    assert_eq!(c["interval_ms"], 1000);
    assert_eq!(c["seeds"], 3);
    assert_eq!(c["keys"], 1000);
    assert_eq!(c["merkle_depth"], 10);
    assert_eq!(v["actions"][0][1]["command"], "kill");
}

#[test]
fn merkle_sync_costs_less_than_a_full_transfer_when_replicas_diverge_a_little() {
    let v = json(&["--nodes", "20", "--writes-per-s", "0.2", "--seconds", "60"]);
    let (merkle, full, digest) = (
        mean(&v, "merkle_bytes_per_sync"),
        mean(&v, "full_bytes_per_sync"),
        mean(&v, "digest_bytes_per_sync"),
    );
    assert!(mean(&v, "keys_transferred") > 0.0, "{v}");
    assert_eq!(full, 1000.0 * 116.0, "1000 keys of 16 + 100 bytes");
    assert!(
        merkle * 10.0 < digest && digest < full,
        "{merkle} {digest} {full}"
    );
    // Replicas that never diverge exchange one root hash per sync.
    let quiet = json(&["--nodes", "20", "--writes-per-s", "0", "--seconds", "20"]);
    assert_eq!(mean(&quiet, "merkle_bytes_per_sync"), 32.0);
    assert_eq!(mean(&quiet, "keys_transferred"), 0.0);
    // --keys and --merkle-depth reach the engine.
    let big = json(&[
        "--nodes",
        "10",
        "--keys",
        "5000",
        "--merkle-depth",
        "12",
        "--seconds",
        "10",
    ]);
    assert_eq!(big["config"]["merkle_depth"], 12);
    assert_eq!(mean(&big, "full_bytes_per_sync"), 5000.0 * 116.0);
}

#[test]
fn faults_run_and_the_table_names_the_run() {
    let partitioned = json(&[
        "--nodes",
        "20",
        "--partition",
        "0,1,2,3,4@5",
        "--heal",
        "35",
        "--seconds",
        "60",
    ]);
    assert!(
        mean(&partitioned, "false_positives") > 0.0,
        "callers across the cut hold live peers unreachable"
    );
    assert!(partitioned["detect_first"].is_null(), "nothing was killed");
    let table = ok(&[
        "--nodes",
        "20",
        "--pause",
        "3@5+10",
        "--restart",
        "4@10",
        "--join",
        "12",
        "--loss",
        "0.05",
        "--seconds",
        "30",
    ]);
    assert!(table.starts_with("dynamo (dynamo), N = 20"), "{table}");
    assert!(
        table.contains("detect_first") && table.contains("never"),
        "{table}"
    );
}

#[test]
fn flags_of_other_protocols_are_refused_with_their_owner() {
    let dynamo = |flags: &[&str]| {
        let mut all = vec!["run", "--protocol", "dynamo", "--nodes", "10"];
        all.extend(flags);
        refused(&all)
    };
    let e = dynamo(&["--phi-convict-threshold", "5"]);
    assert!(
        e.contains("--phi-convict-threshold applies only to --protocol cassandra"),
        "{e}"
    );
    let e = dynamo(&["--node-timeout-ms", "100"]);
    assert!(
        e.contains("--node-timeout-ms applies only to --protocol redis-cluster"),
        "{e}"
    );
    let e = dynamo(&["--lifeguard", "off"]);
    assert!(
        e.contains("--lifeguard") && e.contains("not --protocol dynamo"),
        "{e}"
    );
    let e = dynamo(&["--fanout", "2"]);
    assert!(
        e.contains("--fanout") && e.contains("not --protocol dynamo"),
        "{e}"
    );
    let e = dynamo(&["--preset", "consul-lan"]);
    assert!(
        e.contains("--preset consul-lan applies only to --protocol swim"),
        "{e}"
    );
    let e = dynamo(&["--join", "2@5"]);
    assert!(e.contains("through the seeds"), "{e}");
    let e = dynamo(&["--kill", "30@1"]);
    assert!(e.contains("unknown node 30"), "{e}");
    let e = dynamo(&["--merkle-depth", "21"]);
    assert!(e.contains("merkle_depth"), "{e}");
    // Dynamo's own flags, elsewhere.
    let e = refused(&["run", "--protocol", "cassandra", "--keys", "10"]);
    assert!(
        e.contains("--keys applies only to --protocol dynamo"),
        "{e}"
    );
    let e = refused(&["run", "--protocol", "swim", "--writes-per-s", "1"]);
    assert!(
        e.contains("--writes-per-s applies only to --protocol dynamo"),
        "{e}"
    );
    let e = refused(&["run", "--protocol", "rumor", "--merkle-depth", "3"]);
    assert!(
        e.contains("--merkle-depth applies only to --protocol dynamo"),
        "{e}"
    );
    let e = refused(&["run", "--protocol", "redis-cluster", "--preset", "dynamo"]);
    assert!(
        e.contains("--preset dynamo applies only to --protocol dynamo"),
        "{e}"
    );
    let e = refused(&["run", "--protocol", "swim", "--partition", "1,2@3"]);
    assert!(e.contains("--protocol dynamo"), "{e}");
}

#[test]
fn the_same_seed_gives_the_same_output() {
    for format in ["table", "csv", "json"] {
        let args = [
            "--nodes",
            "15",
            "--kill",
            "2@3",
            "--seconds",
            "40",
            "--trials",
            "3",
            "--seed",
            "7",
            "--format",
            format,
        ];
        let a = ok(&args);
        assert_eq!(a, ok(&args), "{format}");
        let mut other = args;
        other[9] = "8";
        assert_ne!(a, ok(&other), "another seed, another run ({format})");
    }
    let csv = ok(&[
        "--nodes",
        "15",
        "--seconds",
        "20",
        "--trials",
        "2",
        "--format",
        "csv",
    ]);
    let mut lines = csv.lines();
    let header = lines.next().expect("header");
    assert!(header.starts_with("trial,seed,detect_first,detect_confirm,detect_all"));
    assert!(header.ends_with("merkle_bytes_per_sync,full_bytes_per_sync,digest_bytes_per_sync"));
    assert_eq!(lines.count(), 2, "one row per trial");
}
