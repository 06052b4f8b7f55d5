//! `gossip-sim sweep`: many configurations × many seeds, on one machine or a cluster.
//!
//! - `plan` expands a grid file into a plan (its points; jobs are point × trial);
//! - `run` runs one shard of the jobs and writes a shard file that can resume;
//! - `merge` checks that every shard and job is there and summarises each point;
//! - `emit` prints a Slurm array script or a Kubernetes Indexed Job for the shards.

mod emit;
mod grid;
mod merge;
mod plan_file;
mod shard;

use std::path::PathBuf;

use clap::{Args, Subcommand};

use crate::args::Format;
use plan_file::{SweepPlan, VERSION};
use shard::Shard;

/// The sweep subcommands.
#[derive(Debug, Subcommand)]
pub enum SweepCmd {
    /// Expand a grid file (TOML: `[base]` and `[vary]`, keyed by `run`'s long flag names) into a
    /// plan, printed as JSON lines.
    Plan(PlanArgs),
    /// Run one shard of a plan's jobs into DIR (resumes: finished jobs are not run again).
    Run(RunShardArgs),
    /// Merge the shard files in DIR into one result per grid point.
    Merge(MergeArgs),
    /// Print a Slurm array script or a Kubernetes Indexed Job that runs the shards.
    Emit(EmitArgs),
}

/// Flags of `sweep plan`.
#[derive(Debug, Args)]
pub struct PlanArgs {
    /// The grid file.
    pub grid: PathBuf,
    /// Trials (seeds) per grid point.
    #[arg(long, default_value = "20", value_parser = crate::args::count)]
    pub trials: u32,
    /// Master seed; each job's seed is derived from (seed, point, trial).
    #[arg(long, default_value = "1")]
    pub seed: u64,
}

/// Flags of `sweep run`.
#[derive(Debug, Args)]
pub struct RunShardArgs {
    /// The plan (from `sweep plan`).
    pub plan: PathBuf,
    /// This shard, as I/K (from 0/K to K-1/K).
    #[arg(long, value_parser = Shard::parse, conflicts_with = "shards")]
    pub shard: Option<Shard>,
    /// The number of shards, this one's index coming from SLURM_ARRAY_TASK_ID or
    /// JOB_COMPLETION_INDEX.
    #[arg(long, value_parser = crate::args::count)]
    pub shards: Option<u32>,
    /// Directory of the shard files.
    #[arg(long)]
    pub out: PathBuf,
    /// Worker threads [default: one per core].
    #[arg(long, value_parser = crate::args::count)]
    pub threads: Option<u32>,
}

/// Flags of `sweep merge`.
#[derive(Debug, Args)]
pub struct MergeArgs {
    /// Directory of the shard files.
    pub dir: PathBuf,
    /// Output format (table means JSON here).
    #[arg(long, value_enum, default_value = "json")]
    pub format: Format,
}

/// Flags of `sweep emit`.
#[derive(Debug, Args)]
pub struct EmitArgs {
    /// The plan (from `sweep plan`).
    pub plan: PathBuf,
    /// A Slurm array job.
    #[arg(long, conflicts_with = "k8s", required_unless_present = "k8s")]
    pub slurm: bool,
    /// A Kubernetes Indexed Job.
    #[arg(long)]
    pub k8s: bool,
    /// Number of shards.
    #[arg(long, default_value = "4", value_parser = crate::args::count)]
    pub shards: u32,
    /// Directory of the shard files (Slurm).
    #[arg(long, default_value = "sweep-out")]
    pub out: PathBuf,
    /// Container image holding `gossip-sim` (Kubernetes).
    #[arg(long, default_value = "gossip-sim:latest")]
    pub image: String,
}

fn read_plan(path: &PathBuf) -> Result<SweepPlan, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    SweepPlan::from_jsonl(&text).map_err(|e| format!("{}: {e}", path.display()))
}

/// Runs a sweep subcommand; the text it prints on stdout.
pub fn render(cmd: &SweepCmd) -> Result<String, String> {
    match cmd {
        SweepCmd::Plan(a) => {
            let text = std::fs::read_to_string(&a.grid)
                .map_err(|e| format!("cannot read {}: {e}", a.grid.display()))?;
            let (vary, points) = grid::expand(&text)?;
            let plan = SweepPlan {
                sweep: VERSION,
                seed: a.seed,
                trials: a.trials,
                vary,
                points,
            };
            Ok(plan.to_jsonl())
        }
        SweepCmd::Run(a) => {
            let plan = read_plan(&a.plan)?;
            let shard = match (a.shard, a.shards) {
                (Some(s), _) => s,
                (None, Some(k)) => Shard::from_env(k)?,
                (None, None) => {
                    return Err("give --shard I/K (or --shards K in a cluster array job)".into());
                }
            };
            let ran = shard::run(&plan, shard, &a.out, a.threads)?;
            eprintln!(
                "gossip-sim: shard {}/{}: ran {ran} jobs into {}",
                shard.index,
                shard.count,
                shard.path(&a.out).display()
            );
            Ok(String::new())
        }
        SweepCmd::Merge(a) => merge::merge(&a.dir, a.format),
        SweepCmd::Emit(a) => {
            read_plan(&a.plan)?;
            if a.k8s {
                let name = a
                    .plan
                    .file_name()
                    .and_then(|n| n.to_str())
                    .unwrap_or("plan.jsonl");
                Ok(emit::k8s(&a.image, name, a.shards))
            } else {
                let binary =
                    std::env::current_exe().unwrap_or_else(|_| PathBuf::from("gossip-sim"));
                let plan = std::fs::canonicalize(&a.plan).unwrap_or_else(|_| a.plan.clone());
                Ok(emit::slurm(&binary, &plan, &a.out, a.shards))
            }
        }
    }
}
