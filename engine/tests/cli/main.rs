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

mod bands;
mod cassandra;
mod input;
mod outputs;
mod redis;
mod sweep;
mod swim;
mod time;
mod trials;
