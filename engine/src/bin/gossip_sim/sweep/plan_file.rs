//! The plan a sweep runs: its header and its grid points, one JSON object a line. Jobs are
//! not listed: job j is trial `j % trials` of point `j / trials`, and its seed is derived from
//! (master seed, point, trial), so a job's result never depends on how jobs are sharded.

use gossip_engine::rng::splitmix64;
use serde::{Deserialize, Serialize};

use super::grid::Point;

/// The format version of plan and shard files.
pub const VERSION: u32 = 1;

/// What a sweep runs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SweepPlan {
    /// Format version ([`VERSION`]).
    pub sweep: u32,
    /// The master seed.
    pub seed: u64,
    /// Trials per grid point.
    pub trials: u32,
    /// The varied parameters, in the grid file's order.
    pub vary: Vec<String>,
    /// The grid points.
    pub points: Vec<Point>,
}

/// One job: a trial of a grid point.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Job {
    /// Position in the plan, from 0.
    pub job: u64,
    /// Its grid point.
    pub point: u32,
    /// Its trial at that point.
    pub trial: u32,
    /// Its seed.
    pub seed: u64,
}

impl SweepPlan {
    /// Every job, in order.
    pub fn jobs(&self) -> impl Iterator<Item = Job> + '_ {
        let trials = u64::from(self.trials);
        (0..self.points.len() as u64 * trials).map(move |job| {
            let (point, trial) = ((job / trials) as u32, (job % trials) as u32);
            Job {
                job,
                point,
                trial,
                seed: job_seed(self.seed, point, trial),
            }
        })
    }

    /// The plan as JSON lines: the header, then one line per point.
    pub fn to_jsonl(&self) -> String {
        let header = serde_json::json!({
            "sweep": self.sweep,
            "seed": self.seed,
            "trials": self.trials,
            "vary": self.vary,
            "points": self.points.len(),
        });
        let mut out = format!("{header}\n");
        for p in &self.points {
            out.push_str(&serde_json::to_string(p).expect("plain data serialises"));
            out.push('\n');
        }
        out
    }

    /// Reads [`SweepPlan::to_jsonl`]'s text.
    pub fn from_jsonl(text: &str) -> Result<SweepPlan, String> {
        #[derive(Deserialize)]
        struct Header {
            sweep: u32,
            seed: u64,
            trials: u32,
            vary: Vec<String>,
            points: usize,
        }
        let mut lines = text.lines().filter(|l| !l.trim().is_empty());
        let first = lines.next().ok_or("the plan is empty")?;
        let h: Header = serde_json::from_str(first).map_err(|e| format!("plan header: {e}"))?;
        if h.sweep != VERSION {
            return Err(format!(
                "plan format version {} is not supported (this build reads {VERSION})",
                h.sweep
            ));
        }
        let points = lines
            .enumerate()
            .map(|(i, l)| {
                serde_json::from_str::<Point>(l).map_err(|e| format!("plan line {}: {e}", i + 2))
            })
            .collect::<Result<Vec<_>, _>>()?;
        if points.len() != h.points {
            return Err(format!(
                "the plan lists {} points but its header says {}: it was cut or edited",
                points.len(),
                h.points
            ));
        }
        Ok(SweepPlan {
            sweep: h.sweep,
            seed: h.seed,
            trials: h.trials,
            vary: h.vary,
            points,
        })
    }
}

/// The seed of trial `trial` of point `point`: SplitMix64 (the engine's seed mixer) over the
/// three, so neighbouring points and trials get unrelated streams.
pub fn job_seed(master: u64, point: u32, trial: u32) -> u64 {
    splitmix64(splitmix64(master ^ splitmix64(u64::from(point))) ^ u64::from(trial))
}
