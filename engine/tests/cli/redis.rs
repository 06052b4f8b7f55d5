//! `gossip-sim run --protocol redis-cluster`.

use super::{SUMMARY_KEYS, json, ok, refused};

#[test]
fn redis_json_reports_detection_and_failover_in_seconds() {
    let args = [
        "run",
        "--protocol",
        "redis-cluster",
        "--nodes",
        "20",
        "--kill",
        "3@2",
        "--seconds",
        "60",
        "--trials",
        "3",
        "--format",
        "json",
    ];
    let v = json(&args[..args.len() - 2]);
    assert_eq!(v["protocol"], "redis-cluster");
    assert_eq!(v["unit"], "s");
    assert_eq!(v["config"]["node_timeout_ms"], 15000, "redis.conf default");
    for key in [
        "detect_first",
        "detect_confirm",
        "detect_all",
        "failover",
        "false_positives",
        "bytes_per_member_s",
    ] {
        for s in SUMMARY_KEYS {
            assert!(v[key][s].is_number(), "{key}.{s}: {v}");
        }
    }
    let first = v["detect_first"]["mean"].as_f64().expect("number");
    let confirm = v["detect_confirm"]["mean"].as_f64().expect("number");
    let all = v["detect_all"]["mean"].as_f64().expect("number");
    let over = v["failover"]["mean"].as_f64().expect("number");
    assert!(
        (15.0..=23.0).contains(&first),
        "PFAIL after node_timeout: {first}"
    );
    assert!(first <= confirm && confirm <= all && confirm < over, "{v}");
    assert_eq!(v["false_positives"]["max"], 0.0);
    // Same seed, same report.
    assert_eq!(v, json(&args[..args.len() - 2]));
    let table = ok(&[
        "run",
        "--protocol",
        "redis-cluster",
        "--nodes",
        "10",
        "--seconds",
        "30",
    ]);
    assert!(
        table.starts_with("redis-cluster, N = 10 (5 masters"),
        "{table}"
    );
}

#[test]
fn redis_refuses_flags_and_commands_that_do_not_apply() {
    let e = refused(&["run", "--protocol", "redis-cluster", "--fanout", "2"]);
    assert!(e.contains("--fanout"), "{e}");
    let e = refused(&["run", "--protocol", "redis-cluster", "--lifeguard", "off"]);
    assert!(e.contains("--lifeguard"), "{e}");
    let e = refused(&["run", "--protocol", "swim", "--node-timeout-ms", "100"]);
    assert!(e.contains("redis-cluster"), "{e}");
    let e = refused(&["run", "--replicas", "2"]);
    assert!(e.contains("redis-cluster"), "{e}");
    let e = refused(&[
        "run",
        "--protocol",
        "redis-cluster",
        "--nodes",
        "5",
        "--kill",
        "9@1",
    ]);
    assert!(e.contains("unknown node 9"), "{e}");
    let e = refused(&[
        "run",
        "--protocol",
        "redis-cluster",
        "--nodes",
        "5",
        "--restart",
        "1@1",
    ]);
    assert!(e.contains("node 1"), "{e}");
}

#[test]
fn each_preset_belongs_to_its_protocol() {
    let out = ok(&[
        "run",
        "--protocol",
        "redis-cluster",
        "--preset",
        "redis-cluster",
        "--nodes",
        "12",
        "--seconds",
        "20",
    ]);
    assert!(out.starts_with("redis-cluster, N = 12"), "{out}");
    for (protocol, preset, owner) in [
        ("swim", "redis-cluster", "redis-cluster"),
        ("cassandra", "consul-lan", "swim"),
        ("redis-cluster", "cassandra", "cassandra"),
        ("rumor", "redis-cluster", "redis-cluster"),
    ] {
        let err = refused(&["run", "--protocol", protocol, "--preset", preset]);
        assert!(
            err.contains(&format!(
                "--preset {preset} applies only to --protocol {owner}"
            )),
            "{protocol} {preset}: {err}"
        );
    }
}

/// A preset names its system: `run --preset P` runs P's protocol, as `--protocol P --preset P`
/// does, for each of the three data stores.
#[test]
fn a_preset_alone_picks_its_protocol() {
    for p in ["cassandra", "redis-cluster", "dynamo"] {
        let common = [
            "--nodes",
            "12",
            "--kill",
            "2@5",
            "--seconds",
            "30",
            "--trials",
            "2",
        ];
        let mut alone = vec!["run", "--preset", p];
        alone.extend(common);
        let mut both = vec!["run", "--protocol", p, "--preset", p];
        both.extend(common);
        assert_eq!(ok(&alone), ok(&both), "{p}");
    }
}

/// `--masters M` makes M masters (the rest replicas); a count that does not divide N is
/// refused; `--phi-threshold` is Cassandra's `--phi-convict-threshold`.
#[test]
fn masters_and_the_phi_threshold_by_the_issue_s_names() {
    let v = json(&[
        "run",
        "--preset",
        "redis-cluster",
        "--nodes",
        "12",
        "--masters",
        "4",
        "--seconds",
        "5",
        "--trials",
        "1",
    ]);
    assert_eq!(
        v["config"]["replicas"], 2,
        "12 nodes, 4 masters: 2 replicas each"
    );
    let e = refused(&[
        "run",
        "--preset",
        "redis-cluster",
        "--nodes",
        "12",
        "--masters",
        "5",
    ]);
    assert!(e.contains("--masters 5 does not divide --nodes 12"), "{e}");
    let a = ok(&[
        "run",
        "--preset",
        "cassandra",
        "--nodes",
        "12",
        "--seconds",
        "5",
        "--phi-threshold",
        "5",
    ]);
    let b = ok(&[
        "run",
        "--preset",
        "cassandra",
        "--nodes",
        "12",
        "--seconds",
        "5",
        "--phi-convict-threshold",
        "5",
    ]);
    assert_eq!(a, b);
}
