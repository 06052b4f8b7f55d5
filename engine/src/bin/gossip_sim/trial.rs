//! Running trials: one seeded simulation each, in parallel, collected in trial order so the
//! results do not depend on the number of threads.

use std::io::IsTerminal;
use std::sync::atomic::{AtomicU64, Ordering};

use gossip_engine::outcome;
use gossip_engine::trial::{Trial, TrialRow as Row};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;

use crate::per_round::{PerRound, RoundMean};
use crate::plan::Plan;

/// The measures of one trial (see `gossip-sim run --help`).
#[derive(Clone, Debug)]
pub struct TrialResult {
    pub seed: u64,
    pub rounds: f64,
    pub converged: bool,
    pub residue: f64,
    pub traffic: f64,
    pub t_avg: f64,
    pub t_last: f64,
    /// Legs of every kind per node.
    pub messages: f64,
    /// Bytes (digests, requests and values) per node.
    pub bytes: f64,
    /// Rounds stepped.
    pub ran: u32,
}

/// Trials run in parallel per batch; the batch size is fixed (not the thread count), so the
/// per-round sums are added in the same order whatever `--threads` is.
const BATCH: u32 = 256;

/// Runs every trial of `plan` on `threads` workers (rayon's default when `None`). Returns the
/// results in trial order and, with `--per-round`, the per-round means; or the first error
/// in trial order.
pub fn run_all(
    plan: &Plan,
    threads: Option<u32>,
) -> Result<(Vec<TrialResult>, Option<Vec<RoundMean>>), String> {
    let progress = Progress::new(plan);
    let work = || -> Result<_, String> {
        let mut results = Vec::with_capacity(plan.trials as usize);
        let mut per_round = PerRound::default();
        let mut start = 0;
        while start < plan.trials {
            let end = start.saturating_add(BATCH).min(plan.trials);
            let batch: Vec<_> = (start..end)
                .into_par_iter()
                .map(|t| {
                    let r = run_trial(plan, t, &progress);
                    progress.trial_done();
                    r
                })
                .collect();
            for r in batch {
                let (result, rows) = r?;
                per_round.add(&rows);
                results.push(result);
            }
            start = end;
        }
        Ok((
            results,
            plan.per_round.then(|| per_round.finish(plan.trials)),
        ))
    };
    let out = crate::pool::with_threads(threads, work);
    progress.finish();
    out
}

/// Runs one trial of `plan` with `seed` (a sweep's job), without a progress bar.
pub fn run_seed(plan: &Plan, seed: u64) -> Result<TrialResult, String> {
    let mut one = Plan {
        per_round: false,
        ..plan.clone()
    };
    one.run.seed = seed;
    run_trial(&one, 0, &Progress::hidden()).map(|(r, _)| r)
}

/// One trial: build, apply each action after its round, step until done or `max_rounds`.
fn run_trial(plan: &Plan, t: u32, progress: &Progress) -> Result<(TrialResult, Vec<Row>), String> {
    let Trial {
        seed,
        sim,
        rows,
        detector,
    } = plan
        .run
        .run(t, plan.per_round, || progress.round())
        .map_err(|e| e.to_string())?;
    let nodes = f64::from(sim.nodes());
    let totals = sim.total_traffic();
    let (messages, bytes) = (
        totals.messages as f64 / nodes,
        (totals.digest_bytes + totals.payload_bytes) as f64 / nodes,
    );
    // Times in the run's unit: steps are rounds, or ticks.
    let result = |rounds: u32, converged, residue, traffic, t_avg: f64, t_last: u32| TrialResult {
        seed,
        rounds: plan.in_unit(f64::from(rounds)),
        converged,
        residue,
        traffic,
        t_avg: plan.in_unit(t_avg),
        t_last: plan.in_unit(f64::from(t_last)),
        messages,
        bytes,
        ran: sim.round(),
    };
    let result = match detector {
        Some(d) => {
            let (delays, missed) = d.observers(&sim);
            let killed = sim.round() >= d.kill_round && !sim.is_alive(d.subject);
            let converged = killed && missed == 0;
            let t_last = delays.iter().copied().max().unwrap_or(0);
            let rounds = if converged {
                t_last
            } else {
                sim.round().saturating_sub(d.kill_round)
            };
            let alive = (delays.len() as u32 + missed).max(1);
            let t_avg = if delays.is_empty() {
                0.0
            } else {
                delays.iter().map(|&x| f64::from(x)).sum::<f64>() / delays.len() as f64
            };
            result(
                rounds,
                converged,
                f64::from(missed) / f64::from(alive),
                messages,
                t_avg,
                t_last,
            )
        }
        None => {
            let o = outcome(&sim, 0).ok_or("the run has no message 0 to measure")?;
            result(
                o.rounds,
                o.converged,
                o.residue,
                o.traffic,
                o.t_avg,
                o.t_last,
            )
        }
    };
    Ok((result, rows))
}

/// A progress bar on stderr, shown only when stderr is a terminal and the plan is large
/// (small runs print nothing). It never writes to stdout, and it reads no clock itself:
/// indicatif times its own redraws, and the message changes every [`MESSAGE_EVERY`] rounds.
struct Progress {
    bar: ProgressBar,
    enabled: bool,
    rounds: AtomicU64,
}

/// Node-rounds below which a run is too short to deserve a bar (well under a second).
const SHOW_ABOVE: u64 = 50_000_000;
/// Rounds between two updates of the bar's message.
const MESSAGE_EVERY: u64 = 1024;

impl Progress {
    fn new(plan: &Plan) -> Self {
        let work = u64::from(plan.trials)
            * u64::from(plan.run.config.nodes)
            * u64::from(plan.run.max_steps);
        let enabled = work >= SHOW_ABOVE && std::io::stderr().is_terminal();
        let target = if enabled {
            ProgressDrawTarget::stderr()
        } else {
            ProgressDrawTarget::hidden()
        };
        let bar = ProgressBar::with_draw_target(Some(u64::from(plan.trials)), target);
        if let Ok(style) = ProgressStyle::with_template(
            "{spinner} [{elapsed_precise}] {bar:30} {pos}/{len} trials, {msg} (eta {eta})",
        ) {
            bar.set_style(style);
        }
        Progress {
            bar,
            enabled,
            rounds: AtomicU64::new(0),
        }
    }

    /// No bar at all.
    fn hidden() -> Self {
        Progress {
            bar: ProgressBar::hidden(),
            enabled: false,
            rounds: AtomicU64::new(0),
        }
    }

    /// Called after every round of every trial: one atomic increment.
    fn round(&self) {
        let rounds = self.rounds.fetch_add(1, Ordering::Relaxed) + 1;
        if self.enabled && rounds % MESSAGE_EVERY == 0 {
            self.bar.set_message(format!("{rounds} rounds"));
        }
    }

    fn trial_done(&self) {
        self.bar.inc(1);
    }

    fn finish(&self) {
        self.bar.finish_and_clear();
    }
}
