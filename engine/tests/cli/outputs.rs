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
    let serf = v["curves"]["serf"].as_array().expect("Serf's curve");
    assert_eq!(
        serf.len(),
        push.len(),
        "same rounds as the mean-field curves"
    );
    assert_eq!(
        serf[0].as_f64().expect("number"),
        1.0 / 1002.0,
        "Serf's model starts at 1/(N + 2)"
    );
}

/// Serf's convergence simulator with its defaults (N = 30, fanout 3, interval 0.2 s), by
/// hand: contact · N = 0.5 · 3 = 1.5; converged(x) ≥ 99.99 % ⇔ 1.5x ≥ ln(31 · 9999) = 12.644,
/// x ≥ 8.43, so 9 intervals = 1.8 s; bandwidth 1400 · 3 / 0.2 · 2 = 42000 B/s = 328.125
/// kbps, shown as 328.1.
#[test]
fn theory_serf_reproduces_serfs_simulator() {
    let args = [
        "theory",
        "--model",
        "serf",
        "--nodes",
        "30",
        "--fanout",
        "3",
        "--interval",
        "0.2",
    ];
    let v = json(&args);
    assert_eq!(v["converge_s"], 1.8);
    assert_eq!(v["rounds"], 9);
    assert_eq!(v["kbps_per_node"], 328.1);
    let curve = v["curve"].as_array().expect("curve");
    assert_eq!(curve.len(), 10, "x = 0..=9");
    assert_eq!(curve[0], 0.03125, "1/(N + 2)");
    let last = curve[9].as_f64().expect("number");
    let before = curve[8].as_f64().expect("number");
    assert!(before < 0.9999 && last >= 0.9999, "{before} {last}");
    assert_eq!(
        v,
        json(&["theory", "--model", "serf", "--nodes", "30"]),
        "fanout and interval default to Serf's"
    );

    let table = ok(&args);
    assert!(
        table.contains("after 9 gossip intervals = 1.8 s"),
        "{table}"
    );
    assert!(table.contains("328.1 kbps/node"), "{table}");

    // 10 % failed: contact · N = 1.5 · 0.9 = 1.35; 12.644 / 1.35 = 9.37, so 10 intervals;
    // fanout 4 every 0.5 s: 1400 · 4 · 2 · 2 = 22400 B/s = 175.0 kbps.
    let v = json(&[
        "theory", "--model", "serf", "--nodes", "30", "--failed", "0.1",
    ]);
    assert_eq!(
        (v["rounds"].clone(), v["converge_s"].clone()),
        (10.into(), 2.0.into())
    );
    let v = json(&[
        "theory",
        "--model",
        "serf",
        "--nodes",
        "30",
        "--fanout",
        "4",
        "--interval",
        "0.5",
    ]);
    assert_eq!(v["kbps_per_node"], 175.0);
    assert_eq!(v["converge_s"], 3.5);

    // 90 % loss at fanout 1: contact · N = 0.05; 12.644 / 0.05 = 253 intervals, past Serf's
    // 100 points.
    let v = json(&[
        "theory", "--model", "serf", "--nodes", "30", "--fanout", "1", "--loss", "0.9",
    ]);
    assert!(v["rounds"].is_null() && v["converge_s"].is_null(), "{v}");
    assert_eq!(v["curve"].as_array().expect("curve").len(), 100);

    let csv = ok(&[
        "theory", "--model", "serf", "--nodes", "30", "--format", "csv",
    ]);
    assert!(
        csv.starts_with("round,time_s,converged\n0,0,0.03125\n1,0.2,"),
        "{csv}"
    );
}
