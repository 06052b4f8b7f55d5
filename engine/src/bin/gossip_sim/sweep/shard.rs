//! Running one shard of a sweep: its jobs in parallel (rayon), each result appended to the
//! shard's file as soon as it is known, so an interrupted shard resumes where it stopped and
//! a finished job is never run twice.

use std::collections::BTreeSet;
use std::fs::{File, OpenOptions};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::plan_file::{Job, SweepPlan};
use crate::plan::Plan;
use crate::trial::{TrialResult, run_seed};

/// Shard `index` of `count` (from 0).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Shard {
    /// This shard, from 0.
    pub index: u32,
    /// How many shards the sweep has.
    pub count: u32,
}

impl Shard {
    /// Reads `I/K`.
    pub fn parse(text: &str) -> Result<Shard, String> {
        let bad = || format!("--shard {text}: expected I/K with 0 <= I < K, e.g. 0/4");
        let (i, k) = text.split_once('/').ok_or_else(bad)?;
        let (index, count) = (
            i.trim().parse::<u32>().map_err(|_| bad())?,
            k.trim().parse::<u32>().map_err(|_| bad())?,
        );
        if index >= count {
            return Err(bad());
        }
        Ok(Shard { index, count })
    }

    /// Shard index from the cluster's array job (`SLURM_ARRAY_TASK_ID`, or Kubernetes'
    /// `JOB_COMPLETION_INDEX`) when `--shard` is not given.
    pub fn from_env(count: u32) -> Result<Shard, String> {
        for var in ["SLURM_ARRAY_TASK_ID", "JOB_COMPLETION_INDEX"] {
            if let Ok(v) = std::env::var(var) {
                return Shard::parse(&format!("{v}/{count}"))
                    .map_err(|_| format!("{var}={v} is not a shard index below {count}"));
            }
        }
        Err(
            "give --shard I/K, or --shards K inside a Slurm array or a Kubernetes Indexed Job"
                .into(),
        )
    }

    /// Whether job `j` is this shard's (round robin, so every shard gets every point's mix).
    pub fn owns(self, job: &Job) -> bool {
        job.job % u64::from(self.count) == u64::from(self.index)
    }

    /// The shard's file in `dir`.
    pub fn path(self, dir: &Path) -> PathBuf {
        dir.join(format!("shard-{}-of-{}.jsonl", self.index, self.count))
    }
}

/// The first line of a shard file: which shard of which plan.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ShardHeader {
    /// The shard.
    pub shard: Shard,
    /// The whole plan, so that merge needs nothing else and a shard of another plan is
    /// refused.
    pub plan: SweepPlan,
}

/// One finished job.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct JobResult {
    /// The job's position in the plan.
    pub job: u64,
    /// Its grid point.
    pub point: u32,
    /// Its trial.
    pub trial: u32,
    /// Its seed.
    pub seed: u64,
    /// Whether every alive node got the message (or detected the failure).
    pub converged: bool,
    /// The trial's measures, in `crate::measures::METRICS` order.
    pub measures: [f64; 7],
}

impl JobResult {
    fn of(job: &Job, r: &TrialResult) -> Self {
        JobResult {
            job: job.job,
            point: job.point,
            trial: job.trial,
            seed: job.seed,
            converged: r.converged,
            measures: [
                r.rounds, r.residue, r.traffic, r.t_avg, r.t_last, r.messages, r.bytes,
            ],
        }
    }

    /// Back to the trial result the summaries read.
    pub fn trial(&self) -> TrialResult {
        let [rounds, residue, traffic, t_avg, t_last, messages, bytes] = self.measures;
        TrialResult {
            seed: self.seed,
            rounds,
            converged: self.converged,
            residue,
            traffic,
            t_avg,
            t_last,
            messages,
            bytes,
            ran: 0,
        }
    }
}

/// Reads a shard file: its header and the results it holds (a last line cut by an
/// interruption is ignored; it is run again).
pub fn read_shard(path: &Path) -> Result<(ShardHeader, Vec<JobResult>), String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let mut lines = text.lines();
    let header: ShardHeader = lines
        .next()
        .ok_or_else(|| format!("{} is empty", path.display()))
        .and_then(|l| {
            serde_json::from_str(l).map_err(|e| format!("{}: header: {e}", path.display()))
        })?;
    let results = lines
        .filter_map(|l| serde_json::from_str::<JobResult>(l).ok())
        .collect();
    Ok((header, results))
}

/// Runs shard `shard` of `plan` into `dir`, skipping the jobs its file already holds.
/// Returns how many jobs it ran.
pub fn run(
    plan: &SweepPlan,
    shard: Shard,
    dir: &Path,
    threads: Option<u32>,
) -> Result<u64, String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let path = shard.path(dir);
    let header = ShardHeader {
        shard,
        plan: plan.clone(),
    };
    let done: BTreeSet<u64> = if path.exists() {
        let (h, results) = read_shard(&path)?;
        if h != header {
            return Err(format!(
                "{} belongs to another plan or shard; use another --out",
                path.display()
            ));
        }
        results.iter().map(|r| r.job).collect()
    } else {
        let mut f =
            File::create(&path).map_err(|e| format!("cannot create {}: {e}", path.display()))?;
        let line = serde_json::to_string(&header).expect("plain data serialises");
        writeln!(f, "{line}").map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        BTreeSet::new()
    };
    let todo: Vec<Job> = plan
        .jobs()
        .filter(|j| shard.owns(j) && !done.contains(&j.job))
        .collect();
    let plans: Vec<Plan> = plan
        .points
        .iter()
        .map(|p| p.plan())
        .collect::<Result<_, _>>()?;
    let file = OpenOptions::new()
        .append(true)
        .open(&path)
        .map_err(|e| format!("cannot open {}: {e}", path.display()))?;
    let out = Mutex::new(BufWriter::new(file));
    let bar = progress(todo.len() as u64);
    let work = || {
        todo.par_iter().try_for_each(|job| -> Result<(), String> {
            let r = run_seed(&plans[job.point as usize], job.seed)?;
            let line = serde_json::to_string(&JobResult::of(job, &r)).expect("plain data");
            let mut w = out.lock().map_err(|_| "a worker failed".to_string())?;
            writeln!(w, "{line}")
                .and_then(|()| w.flush())
                .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
            bar.inc(1);
            Ok(())
        })
    };
    crate::pool::with_threads(threads, work)?;
    bar.finish_and_clear();
    Ok(todo.len() as u64)
}

/// A bar on stderr (hidden when stderr is not a terminal, as in tests and cluster logs).
fn progress(jobs: u64) -> ProgressBar {
    let bar = ProgressBar::new(jobs);
    if let Ok(style) = ProgressStyle::with_template(
        "{spinner} [{elapsed_precise}] {bar:30} {pos}/{len} jobs (eta {eta})",
    ) {
        bar.set_style(style);
    }
    bar
}
