//! Merging a sweep's shard files into one result per grid point. Results are gathered by job
//! and summarised in job order, so the output is the same, byte for byte, whatever the number
//! of shards, and a missing shard or job is named in an error, never skipped.

use std::path::Path;

use gossip_engine::Summary;
use serde::Serialize;

use super::plan_file::SweepPlan;
use super::shard::{JobResult, ShardHeader, read_shard};
use crate::args::Format;
use crate::measures::{METRICS, converged, summaries};
use crate::report::time_measure;
use crate::trial::TrialResult;

/// The merged result of the shard files in `dir`, as JSON or CSV.
pub fn merge(dir: &Path, format: Format) -> Result<String, String> {
    let (plan, results) = gather(dir)?;
    let per_point = per_point(&plan, &results);
    Ok(match format {
        Format::Csv => csv(&plan, &per_point),
        Format::Json | Format::Table => json_report(&plan, &per_point),
    })
}

/// Every shard file of one sweep in `dir`, checked complete: the plan and each job's result,
/// in job order.
fn gather(dir: &Path) -> Result<(SweepPlan, Vec<JobResult>), String> {
    let entries =
        std::fs::read_dir(dir).map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
    let mut files: Vec<_> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("shard-") && n.ends_with(".jsonl"))
        })
        .collect();
    files.sort();
    let mut first: Option<ShardHeader> = None;
    let mut seen = Vec::new();
    let mut by_job: Vec<Option<JobResult>> = Vec::new();
    for path in &files {
        let (header, results) = read_shard(path)?;
        let reference = first.get_or_insert_with(|| header.clone());
        if header.plan != reference.plan || header.shard.count != reference.shard.count {
            return Err(format!(
                "{} is a shard of another plan or another shard count than {}",
                path.display(),
                files[0].display()
            ));
        }
        if by_job.is_empty() {
            by_job = vec![None; header.plan.jobs().count()];
        }
        seen.push(header.shard.index);
        for r in results {
            if let Some(slot) = by_job.get_mut(r.job as usize) {
                *slot = Some(r);
            }
        }
    }
    let Some(header) = first else {
        return Err(format!(
            "no shard files (shard-I-of-K.jsonl) in {}",
            dir.display()
        ));
    };
    let count = header.shard.count;
    let missing: Vec<String> = (0..count)
        .filter(|i| !seen.contains(i))
        .map(|i| format!("{i}/{count}"))
        .collect();
    if !missing.is_empty() {
        return Err(format!(
            "missing shard{} {} in {}: run `gossip-sim sweep run PLAN --shard I/K --out {}` for {}",
            if missing.len() > 1 { "s" } else { "" },
            missing.join(", "),
            dir.display(),
            dir.display(),
            if missing.len() > 1 { "them" } else { "it" }
        ));
    }
    let unfinished = by_job.iter().filter(|r| r.is_none()).count();
    if unfinished > 0 {
        let first_missing = by_job.iter().position(Option::is_none).unwrap_or(0) as u64;
        return Err(format!(
            "{unfinished} jobs have no result (the first is job {first_missing}, in shard {}/{count}): run that shard again to finish it",
            first_missing % u64::from(count)
        ));
    }
    Ok((header.plan, by_job.into_iter().flatten().collect()))
}

/// Each point's trials, in trial order.
fn per_point(plan: &SweepPlan, results: &[JobResult]) -> Vec<Vec<TrialResult>> {
    let mut out = vec![Vec::with_capacity(plan.trials as usize); plan.points.len()];
    for r in results {
        out[r.point as usize].push(r.trial());
    }
    out
}

/// Pairs written as one JSON object in their own order (serde_json's map would sort them).
struct Ordered<'a, V>(&'a [(String, V)]);

impl<V: Serialize> Serialize for Ordered<'_, V> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.0.iter().map(|(k, v)| (k, v)))
    }
}

/// One grid point's summary: its values in the grid's order, then the measures in the order
/// `run --format json` writes them.
#[derive(Serialize)]
struct PointReport<'a> {
    point: u32,
    values: Ordered<'a, toml::Value>,
    /// The unit of its times, as `run` says it: `"rounds"`, or `"s"` under a time model
    /// (where the `rounds` measure is named `time`).
    unit: &'static str,
    trials: usize,
    converged: f64,
    #[serde(flatten)]
    measures: Ordered<'a, Summary>,
}

/// The merged sweep.
#[derive(Serialize)]
struct SweepReport<'a> {
    sweep: u32,
    seed: u64,
    trials: u32,
    vary: &'a [String],
    points: Vec<PointReport<'a>>,
}

/// The unit of each point's times (`run`'s): a point that no longer plans says rounds.
fn units(plan: &SweepPlan) -> Vec<&'static str> {
    plan.points
        .iter()
        .map(|p| p.plan().map_or("rounds", |pl| pl.unit()))
        .collect()
}

/// The measures' names at a point of `unit`.
fn names(unit: &str) -> impl Iterator<Item = &'static str> {
    let first = time_measure(unit);
    METRICS
        .iter()
        .enumerate()
        .map(move |(i, (name, _))| if i == 0 { first } else { *name })
}

fn json_report(plan: &SweepPlan, per_point: &[Vec<TrialResult>]) -> String {
    let units = units(plan);
    let measures: Vec<Vec<(String, Summary)>> = per_point
        .iter()
        .zip(&units)
        .map(|(trials, unit)| {
            names(unit)
                .zip(summaries(trials))
                .map(|(name, s)| (name.to_string(), s))
                .collect()
        })
        .collect();
    let points = plan
        .points
        .iter()
        .zip(per_point)
        .zip(&measures)
        .zip(&units)
        .map(|(((p, trials), m), unit)| PointReport {
            point: p.point,
            values: Ordered(&p.values),
            unit,
            trials: trials.len(),
            converged: converged(trials),
            measures: Ordered(m),
        })
        .collect();
    let doc = SweepReport {
        sweep: plan.sweep,
        seed: plan.seed,
        trials: plan.trials,
        vary: &plan.vary,
        points,
    };
    let mut out = serde_json::to_string_pretty(&doc).expect("plain data serialises");
    out.push('\n');
    out
}

/// One row per point; the first measure is `time` when every point is in seconds, else
/// `rounds`, and the `unit` column says each row's.
fn csv(plan: &SweepPlan, per_point: &[Vec<TrialResult>]) -> String {
    let units = units(plan);
    let all_s = units.iter().all(|u| *u == "s");
    let mut head: Vec<String> = vec!["point".into()];
    head.extend(plan.vary.iter().cloned());
    head.extend(["unit".into(), "trials".into(), "converged".into()]);
    for name in names(if all_s { "s" } else { "rounds" }) {
        for stat in ["mean", "sd", "min", "p50", "p95", "max"] {
            head.push(format!("{name}_{stat}"));
        }
    }
    let mut out = head.join(",");
    out.push('\n');
    for ((p, trials), unit) in plan.points.iter().zip(per_point).zip(&units) {
        let mut row: Vec<String> = vec![p.point.to_string()];
        row.extend(p.values.iter().map(|(_, v)| match v {
            toml::Value::String(s) => s.clone(),
            other => other.to_string(),
        }));
        row.push((*unit).to_string());
        row.push(trials.len().to_string());
        row.push(converged(trials).to_string());
        for s in summaries(trials) {
            row.extend([s.mean, s.sd, s.min, s.p50, s.p95, s.max].map(|x| x.to_string()));
        }
        out.push_str(&row.join(","));
        out.push('\n');
    }
    out
}
