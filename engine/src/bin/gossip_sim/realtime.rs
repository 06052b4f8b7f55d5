//! What the real-time protocols' runs (SWIM, Cassandra, Redis Cluster) share: seeded trials in
//! parallel, and one report of their measures in seconds as a table, JSON or CSV.

use std::fmt::Write as _;

use gossip_engine::Summary;
use rayon::prelude::*;
use serde::Serialize;

use crate::args::{Format, RunArgs};
use crate::plan::check_count;

/// The real-time protocol families, for the flags each refuses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Family {
    /// `--protocol swim`.
    Swim,
    /// `--protocol cassandra`.
    Cassandra,
    /// `--protocol redis-cluster`.
    Redis,
    /// `--protocol dynamo`.
    Dynamo,
}

impl Family {
    /// Its `--protocol` name.
    fn protocol(self) -> &'static str {
        match self {
            Family::Swim => "swim",
            Family::Cassandra => "cassandra",
            Family::Redis => "redis-cluster",
            Family::Dynamo => "dynamo",
        }
    }
}

/// Refuses, with a one-line message, every flag `me` does not take: the round engine's, each
/// other family's own, and the shared ones `me` is not among (partition and heal: Redis and
/// Dynamo; restart and join: all but SWIM); then checks the trial and thread counts. One
/// place for the four runners, so that a new flag is refused everywhere at once.
pub fn refuse_foreign_flags(a: &RunArgs, me: Family) -> Result<(), String> {
    check_count("trials", a.trials, 1, 1_000_000)?;
    let round = round_flag_given(a);
    if me == Family::Swim {
        if let Some(flag) = round {
            return Err(format!(
                "--{flag} applies only to the round-based protocols, not --protocol swim"
            ));
        }
    } else if let Some(flag) = round.or_else(|| a.swim.swim_only_given()) {
        return Err(format!(
            "--{flag} applies only to other protocols, not --protocol {}",
            me.protocol()
        ));
    }
    if me != Family::Cassandra
        && let Some(flag) = a.cassandra.first_given()
    {
        return Err(format!("--{flag} applies only to --protocol cassandra"));
    }
    if me != Family::Dynamo
        && let Some(flag) = a.dynamo.first_given()
    {
        return Err(format!("--{flag} applies only to --protocol dynamo"));
    }
    let redis = match me {
        Family::Redis => None,
        // Dynamo shares partition and heal with Redis; only Redis's own flags are foreign.
        Family::Dynamo => a
            .redis
            .redis_only_given()
            .map(|flag| format!("--{flag} applies only to --protocol redis-cluster")),
        Family::Swim | Family::Cassandra => a.redis.refusal(),
    };
    if let Some(e) = redis {
        return Err(e);
    }
    if me == Family::Swim
        && let Some(e) = a.faults.refusal()
    {
        return Err(e);
    }
    if let Some(t) = a.threads {
        check_count("threads", t, 1, 1024)?;
    }
    Ok(())
}

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
