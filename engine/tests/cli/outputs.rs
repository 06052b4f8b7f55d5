//! What each protocol measures, the CSV and table formats, and the theory subcommand.

use super::*;

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
