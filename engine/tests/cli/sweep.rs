use super::*;

const GRID: &str = r#"
[base]
protocol = "rumor"
nodes = 120
removal = "feedback-counter"
[vary]
k = [1, 2, 3]
fanout = [1, 2]
"#;

/// A fresh directory for one test.
fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("gossip-sim-sweep-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir is writable");
    dir
}

/// Plans GRID with 4 trials per point into `dir`; returns the plan's path.
fn plan(dir: &std::path::Path) -> PathBuf {
    let grid = dir.join("grid.toml");
    std::fs::write(&grid, GRID).expect("writable");
    let text = ok(&[
        "sweep",
        "plan",
        grid.to_str().unwrap(),
        "--trials",
        "4",
        "--seed",
        "9",
    ]);
    let path = dir.join("plan.jsonl");
    std::fs::write(&path, text).expect("writable");
    path
}

fn run_shard(plan: &std::path::Path, shard: &str, out: &std::path::Path) {
    let o = sim(&[
        "sweep",
        "run",
        plan.to_str().unwrap(),
        "--shard",
        shard,
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(
        o.status.success(),
        "shard {shard}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
}

#[test]
fn one_shard_and_four_shards_merge_to_the_same_bytes() {
    let dir = temp_dir("shards");
    let plan = plan(&dir);
    let (one, four) = (dir.join("one"), dir.join("four"));
    run_shard(&plan, "0/1", &one);
    for i in 0..4 {
        run_shard(&plan, &format!("{i}/4"), &four);
    }
    for format in ["json", "csv"] {
        let a = ok(&["sweep", "merge", one.to_str().unwrap(), "--format", format]);
        let b = ok(&["sweep", "merge", four.to_str().unwrap(), "--format", format]);
        assert_eq!(a, b, "{format}");
    }
    let merged: Value =
        serde_json::from_str(&ok(&["sweep", "merge", one.to_str().unwrap()])).expect("JSON");
    let points = merged["points"].as_array().expect("points");
    assert_eq!(points.len(), 6, "3 values of k × 2 of fanout");
    assert_eq!(
        points[0]["values"],
        serde_json::json!({"k": 1, "fanout": 1})
    );
    assert_eq!(
        points[5]["values"],
        serde_json::json!({"k": 3, "fanout": 2})
    );
    for p in points {
        assert_eq!(p["trials"], 4);
        for key in SUMMARY_KEYS {
            assert!(p["rounds"][key].is_number(), "{p}");
        }
    }
    // More loss of interest (larger k) leaves a smaller residue: a sanity check that the
    // points really differ as their flags say.
    let residue = |i: usize| points[i]["residue"]["mean"].as_f64().expect("a number");
    assert!(residue(4) < residue(0), "k = 3 against k = 1 at fanout 1");
}

#[test]
fn rerunning_a_shard_changes_nothing_and_a_missing_shard_is_named() {
    let dir = temp_dir("rerun");
    let plan = plan(&dir);
    let out = dir.join("out");
    for i in [0, 1, 3] {
        run_shard(&plan, &format!("{i}/4"), &out);
    }
    let file = out.join("shard-1-of-4.jsonl");
    let before = std::fs::read(&file).expect("the shard file");
    run_shard(&plan, "1/4", &out);
    assert_eq!(std::fs::read(&file).expect("the shard file"), before);
    let err = refused(&["sweep", "merge", out.to_str().unwrap()]);
    assert!(err.contains("missing shard 2/4"), "{err}");
    // An interrupted shard (its last results lost) is finished by running it again.
    let text = String::from_utf8(before).expect("utf-8");
    let cut: Vec<&str> = text.lines().take(3).collect();
    std::fs::write(&file, cut.join("\n") + "\n").expect("writable");
    run_shard(&plan, "2/4", &out);
    let err = refused(&["sweep", "merge", out.to_str().unwrap()]);
    assert!(err.contains("have no result"), "{err}");
    run_shard(&plan, "1/4", &out);
    ok(&["sweep", "merge", out.to_str().unwrap()]);
}

#[test]
fn bad_grids_are_refused_before_anything_runs() {
    let dir = temp_dir("bad");
    for (grid, needle) in [
        ("[vary]\nk = []", "non-empty list"),
        ("[base]\nseed = 3", "cannot be set"),
        (
            "[base]\nk = 2\n[vary]\nk = [1]",
            "both in [base] and in [vary]",
        ),
        ("[vary]\nfanout = [0]", "grid point 0 (fanout=0)"),
        ("[vary]\nprotocol = [\"raft\"]", "grid point 0"),
        ("[other]\nx = 1", "unknown section"),
        ("[base\n", "grid:"),
    ] {
        let path = dir.join("grid.toml");
        std::fs::write(&path, grid).expect("writable");
        let err = refused(&["sweep", "plan", path.to_str().unwrap()]);
        assert!(err.contains(needle), "{grid:?}: {err}");
    }
    refused(&["sweep", "run", "plan.jsonl", "--out", "x", "--shard", "4/4"]);
}

#[test]
fn emit_prints_a_slurm_array_and_an_indexed_job() {
    let dir = temp_dir("emit");
    let plan = plan(&dir);
    let slurm = ok(&[
        "sweep",
        "emit",
        plan.to_str().unwrap(),
        "--slurm",
        "--shards",
        "8",
    ]);
    assert!(slurm.starts_with("#!/bin/bash"));
    assert!(slurm.contains("#SBATCH --array=0-7"), "{slurm}");
    assert!(
        slurm.contains("sweep run") && slurm.contains("--shards 8"),
        "{slurm}"
    );
    let k8s = ok(&[
        "sweep",
        "emit",
        plan.to_str().unwrap(),
        "--k8s",
        "--shards",
        "3",
    ]);
    for needle in [
        "kind: Job",
        "completionMode: Indexed",
        "completions: 3",
        "--shards\", \"3\"",
    ] {
        assert!(k8s.contains(needle), "{needle}: {k8s}");
    }
}
