//! `gossip-sim run --protocol swim`.

use super::{SUMMARY_KEYS, json, ok, refused};

#[test]
fn swim_json_reports_detection_in_seconds() {
    let v = json(&[
        "run",
        "--protocol",
        "swim",
        "--nodes",
        "30",
        "--kill",
        "3@2",
        "--seconds",
        "40",
        "--trials",
        "3",
    ]);
    assert_eq!(v["protocol"], "swim");
    assert_eq!(
        v["unit"], "s",
        "times are in seconds under a real-time preset"
    );
    for key in [
        "detect_first",
        "detect_confirm",
        "detect_all",
        "false_positives",
        "refutations",
        "bytes_per_member_s",
    ] {
        for s in SUMMARY_KEYS {
            assert!(
                v[key][s].is_number(),
                "{key}.{s} is summarised like rounds: {v}"
            );
        }
    }
    let (first, confirm, all) = (
        v["detect_first"]["mean"].as_f64().expect("number"),
        v["detect_confirm"]["mean"].as_f64().expect("number"),
        v["detect_all"]["mean"].as_f64().expect("number"),
    );
    assert!(
        0.0 < first && first < confirm && confirm <= all,
        "{first} {confirm} {all}"
    );
    assert_eq!(
        v["config"]["probe_interval_ms"], 1000,
        "consul-lan by default"
    );
}

#[test]
fn swim_flags_override_the_preset_and_runs_repeat() {
    let args = [
        "run",
        "--protocol",
        "swim",
        "--preset",
        "consul-wan",
        "--nodes",
        "20",
        "--suspicion-mult",
        "5",
        "--lifeguard",
        "off",
        "--latency-ms",
        "30",
        "--latency-dist",
        "exponential",
        "--pause",
        "2@3+2",
        "--slow",
        "4@1+10:300",
        "--leave",
        "5@8",
        "--seconds",
        "30",
        "--trials",
        "2",
    ];
    let a = json(&args);
    assert_eq!(a["config"]["probe_interval_ms"], 5000);
    assert_eq!(a["config"]["suspicion_mult"], 5);
    assert_eq!(a["config"]["lifeguard"]["awareness"], false);
    assert!(a["detect_first"].is_null(), "nothing was killed");
    assert_eq!(a, json(&args), "a run is a pure function of its flags");
    let table = ok(&[
        "run",
        "--protocol",
        "swim",
        "--nodes",
        "10",
        "--seconds",
        "20",
    ]);
    assert!(table.contains("detect_confirm"), "{table}");
}

#[test]
fn swim_flags_are_refused_where_they_do_not_apply() {
    let e = refused(&["run", "--protocol", "rumor", "--preset", "consul-lan"]);
    assert!(
        e.contains("--preset consul-lan applies only to --protocol swim"),
        "{e}"
    );
    let e = refused(&["run", "--protocol", "swim", "--fanout", "2"]);
    assert!(e.contains("--fanout"), "{e}");
    let e = refused(&[
        "run",
        "--protocol",
        "swim",
        "--nodes",
        "10",
        "--kill",
        "10@1",
    ]);
    assert!(e.contains("unknown node 10"), "{e}");
    let e = refused(&["run", "--protocol", "swim", "--probe-timeout-ms", "5000"]);
    assert!(e.contains("probe_timeout_ms"), "{e}");
}
