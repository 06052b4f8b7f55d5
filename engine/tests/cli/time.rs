//! The round protocols' time model through the CLI: flags, units, refusals.

use super::*;

#[test]
fn a_one_round_tick_without_latency_reports_the_abstract_run_in_seconds() {
    let base = [
        "run",
        "--protocol",
        "rumor",
        "--nodes",
        "300",
        "--trials",
        "20",
    ];
    let plain = json(&base);
    let mut timed = base.to_vec();
    timed.extend(["--tick-ms", "1000", "--gossip-interval-ms", "1000"]);
    timed.extend(["--latency-ms", "0"]);
    let timed = json(&timed);
    assert_eq!(plain["unit"], "rounds");
    assert_eq!(timed["unit"], "s");
    assert_eq!(
        plain["rounds"], timed["time"],
        "one-second rounds: the same numbers"
    );
    // Times are steps × tick_ms / 1000: the same to the last bit or one unit of it.
    let close = |a: &Value, b: &Value| match (a.as_f64(), b.as_f64()) {
        (Some(x), Some(y)) => (x - y).abs() <= 1e-12 * x.abs().max(1.0),
        _ => a == b,
    };
    for key in [
        "residue",
        "traffic",
        "t_avg",
        "t_last",
        "bytes",
        "converged",
    ] {
        match (&plain[key], &timed[key]) {
            (Value::Object(a), Value::Object(b)) => {
                for (stat, x) in a {
                    assert!(close(x, &b[stat]), "{key}.{stat}: {x} vs {}", b[stat]);
                }
            }
            (a, b) => assert!(close(a, b), "{key}: {a} vs {b}"),
        }
    }
    assert!(timed.get("rounds").is_none() && timed.get("theory").is_none());
    assert_eq!(timed["config"]["time"]["interval"], 1);
}

#[test]
fn a_round_every_second_of_ten_ticks_scales_kills_and_times() {
    let out = json(&[
        "run",
        "--protocol",
        "membership",
        "--nodes",
        "50",
        "--fanout",
        "2",
        "--t-fail",
        "5",
        "--kill",
        "3@2",
        "--trials",
        "3",
        "--tick-ms",
        "100",
    ]);
    assert_eq!(out["config"]["time"]["tick_ms"], 100);
    assert_eq!(
        out["config"]["time"]["interval"], 10,
        "the 1 s default interval"
    );
    assert_eq!(
        out["actions"][0]["round"], 20,
        "after round 2 is after tick 20"
    );
    let t = out["time"]["mean"].as_f64().expect("a number");
    // Silent for t_fail = 5 rounds of 1 s, plus gossip to everyone: more than 5 s, and far
    // less than the run's 1,000-round cap.
    assert!((5.0..60.0).contains(&t), "detection took {t} s");
}

#[test]
fn per_round_rows_are_ticks_with_their_seconds() {
    let csv = ok(&[
        "run",
        "--protocol",
        "anti-entropy",
        "--nodes",
        "20",
        "--trials",
        "1",
        "--tick-ms",
        "100",
        "--latency-ms",
        "250",
        "--per-round",
        "--format",
        "csv",
    ]);
    let mut lines = csv.lines();
    assert!(
        lines
            .next()
            .expect("a header")
            .starts_with("tick,seconds,running,")
    );
    assert!(lines.nth(3).expect("tick 3").starts_with("3,0.3,"));
}

#[test]
fn time_flags_are_checked_and_refused_where_they_do_not_apply() {
    let e = refused(&["run", "--protocol", "rumor", "--tick-ms", "0"]);
    assert!(e.contains("tick_ms = 0"), "{e}");
    let e = refused(&["run", "--protocol", "rumor", "--latency-ms=-5"]);
    assert!(e.contains("latency_ms"), "{e}");
    let e = refused(&["run", "--protocol", "rumor", "--probe-interval-ms", "500"]);
    assert!(
        e.contains("--probe-interval-ms applies only to --protocol swim"),
        "{e}"
    );
    let path = temp_file(
        "time-scenario.json",
        &serde_json::to_string(&Scenario::new(Config::default(), 1)).expect("serialises"),
    );
    let file = path.to_str().expect("utf-8 path");
    let e = refused(&["run", "--scenario", file, "--tick-ms", "100"]);
    assert!(e.contains("--scenario gives the time model itself"), "{e}");
    let _ = std::fs::remove_file(path);
}

#[test]
fn a_sweep_over_latency_reports_seconds() {
    let dir = std::env::temp_dir().join(format!("gossip-sim-time-sweep-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir is writable");
    let grid = dir.join("grid.toml");
    let text = "[base]\nprotocol = \"anti-entropy\"\nnodes = 60\ntick-ms = 100\n\
                [vary]\nlatency-ms = [1, 900]\n";
    std::fs::write(&grid, text).expect("writable");
    let plan = dir.join("plan.jsonl");
    let planned = ok(&["sweep", "plan", grid.to_str().unwrap(), "--trials", "5"]);
    std::fs::write(&plan, planned).expect("writable");
    let out = dir.join("out");
    let o = sim(&[
        "sweep",
        "run",
        plan.to_str().unwrap(),
        "--shard",
        "0/1",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let merged: Value = serde_json::from_str(&ok(&[
        "sweep",
        "merge",
        out.to_str().unwrap(),
        "--format",
        "json",
    ]))
    .expect("one JSON object");
    let points = merged["points"].as_array().expect("points");
    for p in points {
        assert_eq!(p["unit"], "s");
        assert!(p.get("rounds").is_none() && p["time"]["mean"].is_number());
    }
    let (lan, slow) = (&points[0]["time"]["mean"], &points[1]["time"]["mean"]);
    assert!(
        slow.as_f64() > lan.as_f64(),
        "900 ms legs are slower: {slow} vs {lan}"
    );
    let csv = ok(&["sweep", "merge", out.to_str().unwrap(), "--format", "csv"]);
    assert!(
        csv.starts_with("point,latency-ms,unit,trials,converged,time_mean,"),
        "{csv}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}
