//! `gossip-sim run --protocol cassandra`.

use super::{SUMMARY_KEYS, json, ok, refused};

#[test]
fn cassandra_json_reports_conviction_in_seconds() {
    let v = json(&[
        "run",
        "--protocol",
        "cassandra",
        "--preset",
        "cassandra",
        "--nodes",
        "30",
        "--kill",
        "3@2",
        "--seconds",
        "60",
        "--trials",
        "3",
    ]);
    assert_eq!(v["protocol"], "cassandra");
    assert_eq!(v["unit"], "s");
    for key in [
        "detect_first",
        "detect_confirm",
        "detect_all",
        "false_positives",
        "bytes_per_member_s",
    ] {
        for s in SUMMARY_KEYS {
            assert!(v[key][s].is_number(), "{key}.{s}: {v}");
        }
    }
    let (first, confirm, all) = (
        v["detect_first"]["mean"].as_f64().expect("number"),
        v["detect_confirm"]["mean"].as_f64().expect("number"),
        v["detect_all"]["mean"].as_f64().expect("number"),
    );
    assert_eq!(first, confirm, "the first DOWN is the verdict");
    // φ = 8 after 8 · ln 10 · μ = 18.4 μ seconds of silence.
    assert!(10.0 < first && first <= all && all < 45.0, "{first} {all}");
    assert_eq!(v["config"]["phi_convict_threshold"], 8.0);
    assert_eq!(v["config"]["interval_ms"], 1000);
    assert_eq!(v["config"]["seeds"], 3);
    assert_eq!(v["false_positives"]["max"], 0.0);
}

#[test]
fn cassandra_split_merges_and_runs_repeat() {
    let args = [
        "run",
        "--protocol",
        "cassandra",
        "--nodes",
        "20",
        "--split",
        "5+60",
        "--seconds",
        "80",
        "--trials",
        "2",
        "--format",
        "csv",
    ];
    let a = ok(&args);
    assert_eq!(a, ok(&args), "same flags, same output");
    let header: Vec<&str> = a.lines().next().expect("header").split(',').collect();
    let col = header
        .iter()
        .position(|&h| h == "merge_after_heal")
        .expect("merge column");
    for row in a.lines().skip(1) {
        let merge: f64 = row
            .split(',')
            .nth(col)
            .expect("cell")
            .parse()
            .expect("merged");
        assert!(merge <= 10.0, "the halves merge soon after the heal: {row}");
    }
    let lower = ok(&[
        "run",
        "--protocol",
        "cassandra",
        "--nodes",
        "20",
        "--kill",
        "3@2",
        "--phi-convict-threshold",
        "5",
        "--seconds",
        "60",
    ]);
    assert!(lower.contains("phi_convict_threshold 5"), "{lower}");
}

#[test]
fn cassandra_flags_are_refused_elsewhere_and_bad_input_is_typed() {
    assert!(refused(&["run", "--seeds", "3"]).contains("--protocol cassandra"));
    assert!(refused(&["run", "--protocol", "swim", "--preset", "cassandra"]).contains("cassandra"));
    assert!(
        refused(&["run", "--protocol", "cassandra", "--preset", "consul-lan"])
            .contains("--protocol swim")
    );
    refused(&["run", "--protocol", "cassandra", "--lifeguard", "off"]);
    refused(&[
        "run",
        "--protocol",
        "cassandra",
        "--kill",
        "99@1",
        "--nodes",
        "10",
    ]);
    refused(&["run", "--protocol", "cassandra", "--nodes", "0"]);
    refused(&[
        "run",
        "--protocol",
        "cassandra",
        "--seeds",
        "20",
        "--nodes",
        "10",
    ]);
    refused(&["run", "--protocol", "cassandra", "--split", "5"]);
    refused(&[
        "run",
        "--protocol",
        "cassandra",
        "--restart",
        "50@3",
        "--nodes",
        "10",
    ]);
    refused(&[
        "run",
        "--protocol",
        "cassandra",
        "--phi-convict-threshold",
        "nan",
    ]);
}
