//! What the real-time protocols' runs (SWIM, Cassandra, Redis Cluster) share: seeded trials in
//! parallel, and one report of their measures in seconds as a table, JSON or CSV.

use std::fmt::Write as _;

use gossip_engine::Summary;
use rayon::prelude::*;
use serde::Serialize;

use crate::args::{Format, RunArgs};

/// The first flag given that only the round-based protocols take, to refuse it under a
/// real-time one.
pub fn round_flag_given(a: &RunArgs) -> Option<&'static str> {
    [
        ("mode", a.mode.is_some()),
        ("sync", a.sync.is_some()),
        ("removal", a.removal.is_some()),
        ("k", a.k.is_some()),
        ("repair-every", a.repair_every.is_some()),
        ("t-fail", a.t_fail.is_some()),
        ("t-cleanup", a.t_cleanup.is_some()),
        ("fanout", a.fanout.is_some()),
        ("topology", a.topology.is_some()),
        ("scenario", a.scenario.is_some()),
        ("per-round", a.per_round),
    ]
    .into_iter()
    .find(|&(_, g)| g)
    .map(|(name, _)| name)
}

/// A measure of one trial, in seconds (or a count); `None` when the trial has none (nothing
/// was killed, say).
pub type Get<T> = fn(&T) -> Option<f64>;

/// Runs trials `0..trials` in parallel on `threads` workers, collected in trial order.
pub fn run_trials<T: Send>(
    trials: u32,
    threads: Option<u32>,
    trial: impl Fn(u32) -> Result<T, String> + Sync + Send,
) -> Result<Vec<T>, String> {
    crate::pool::with_threads(threads, || (0..trials).into_par_iter().map(trial).collect())
}

/// A measure over the trials that have it; `None` when none has.
fn summary<T>(trials: &[T], get: Get<T>) -> Option<Summary> {
    let v: Vec<f64> = trials.iter().filter_map(get).collect();
    Summary::of(&v)
}

/// The report: `header` (the table's first lines) and every measure summarised over the
/// trials. JSON holds the plan, `protocol`, `"unit": "s"` and the measures side by side; CSV
/// holds one row per trial (trial t ran with seed `seed + t`).
pub fn render<T, P: Serialize>(
    protocol: &str,
    plan: &P,
    seed: u64,
    header: &str,
    trials: &[T],
    measures: &[(&str, Get<T>)],
    format: Format,
) -> String {
    match format {
        Format::Json => {
            let mut v = serde_json::to_value(plan).expect("plain data serialises");
            if let Some(obj) = v.as_object_mut() {
                obj.insert("protocol".into(), protocol.into());
                obj.insert("unit".into(), "s".into());
                for &(name, get) in measures {
                    let s = serde_json::to_value(summary(trials, get)).expect("plain data");
                    obj.insert(name.to_string(), s);
                }
            }
            let mut out = serde_json::to_string_pretty(&v).expect("plain data serialises");
            out.push('\n');
            out
        }
        Format::Csv => {
            let mut out = String::from("trial,seed");
            for (name, _) in measures {
                let _ = write!(out, ",{name}");
            }
            out.push('\n');
            for (t, trial) in trials.iter().enumerate() {
                let _ = write!(out, "{t},{}", seed.wrapping_add(t as u64));
                for &(_, get) in measures {
                    match get(trial) {
                        Some(v) => {
                            let _ = write!(out, ",{v}");
                        }
                        None => out.push(','),
                    }
                }
                out.push('\n');
            }
            out
        }
        Format::Table => {
            let mut out = header.to_string();
            let _ = writeln!(
                out,
                "{:<22} {:>10} {:>10} {:>10} {:>10} {:>10} {:>10}",
                "measure (s)", "mean", "sd", "min", "p50", "p95", "max"
            );
            for &(name, get) in measures {
                match summary(trials, get) {
                    Some(s) => {
                        let _ = writeln!(
                            out,
                            "{name:<22} {:>10.3} {:>10.3} {:>10.3} {:>10.3} {:>10.3} {:>10.3}",
                            s.mean, s.sd, s.min, s.p50, s.p95, s.max
                        );
                    }
                    None => {
                        let _ = writeln!(out, "{name:<22} {:>10}", "never");
                    }
                }
            }
            out
        }
    }
}
