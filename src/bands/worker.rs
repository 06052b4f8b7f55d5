//! The bands worker's side: waits for a [`Job`], runs its seeds one after another through
//! the engine, and posts progress and then the bands.
//!
//! The trials are the engine's [`Trials`] and the percentiles its [`TrialBands`]: the same
//! code as `gossip-sim run --per-round`, so the page's bands are the CLI's, number for
//! number, for the same scenario and seeds.
//!
//! The loop is synchronous: a worker has no frame to keep, and the page cancels a run by
//! terminating the worker, which stops it between any two instructions.

use gossip_engine::bands::TrialBands;
use gossip_engine::trial::Trials;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

use super::protocol::{Job, Reply, flatten};

/// Milliseconds between two progress messages: often enough for a smooth bar, rarely enough
/// that the page does not redraw for every seed of a fast run.
const PROGRESS_EVERY_MS: f64 = 50.0;

/// Installs the message handler and tells the page the worker is ready (a message posted to
/// a worker before its handler exists would be lost, so the page waits for this).
pub fn start() {
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let post_to = scope.clone();
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
        let reply = match Job::from_js(&e.data()) {
            Ok(job) => run(&job, js_sys::Date::now, |k| {
                let _ = post_to.post_message(&Reply::Progress(k).to_js());
            }),
            Err(e) => Reply::Failed(e),
        };
        let _ = post_to.post_message(&reply.to_js());
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The handler lives as long as the worker.
    on_message.forget();
    let _ = scope.post_message(&Reply::Progress(0).to_js());
}

/// Runs `job`, reporting finished trials through `progress` at most every
/// [`PROGRESS_EVERY_MS`] of `clock` (and after the first); returns the final reply.
pub fn run(job: &Job, clock: impl Fn() -> f64, mut progress: impl FnMut(u32)) -> Reply {
    if let Err(e) = job.scenario.validate() {
        return Reply::Failed(e.to_string());
    }
    let trials = Trials::of_scenario(&job.scenario, job.max_rounds);
    let mut bands = TrialBands::default();
    let mut last = f64::NEG_INFINITY;
    for t in 0..job.trials {
        match trials.run(t, true, || {}) {
            Ok(trial) => bands.add(&trial.rows),
            Err(e) => return Reply::Failed(e.to_string()),
        }
        let now = clock();
        if now - last >= PROGRESS_EVERY_MS {
            progress(t + 1);
            last = now;
        }
    }
    Reply::Done(flatten(&bands.all()), String::new())
}

#[cfg(test)]
mod tests {
    use gossip_engine::{Config, Scenario};

    use super::*;
    use crate::bands::protocol::PER_STEP;

    fn job(trials: u32) -> Job {
        Job {
            scenario: Scenario::new(
                Config {
                    nodes: 60,
                    fanout: 2,
                    ..Config::default()
                },
                9,
            ),
            trials,
            max_rounds: 1000,
        }
    }

    #[test]
    fn a_job_reports_progress_then_the_engine_s_bands() {
        let mut seen = Vec::new();
        // A clock that moves 60 ms per reading: every trial is reported.
        let tick = std::cell::Cell::new(0.0);
        let clock = || {
            tick.set(tick.get() + 60.0);
            tick.get()
        };
        let reply = run(&job(12), clock, |k| seen.push(k));
        assert_eq!(
            seen,
            (1..=12).collect::<Vec<_>>(),
            "progress after every trial"
        );
        let Reply::Done(flat, _) = reply else {
            panic!("the job finishes: {reply:?}")
        };
        let trials = Trials::new(
            Config {
                nodes: 60,
                fanout: 2,
                ..Config::default()
            },
            9,
            Vec::new(),
            1000,
        );
        let mut bands = TrialBands::default();
        for t in 0..12 {
            bands.add(&trials.run(t, true, || {}).expect("runs").rows);
        }
        assert_eq!(flat, flatten(&bands.all()), "the engine's bands, flattened");
        assert_eq!(flat.len() % PER_STEP, 0);
    }

    #[test]
    fn progress_is_thinned_on_a_fast_clock_and_bad_jobs_are_refused() {
        let mut seen = Vec::new();
        let reply = run(&job(5), || 0.0, |k| seen.push(k));
        assert_eq!(seen, vec![1], "only the first trial within 50 ms");
        assert!(matches!(reply, Reply::Done(..)));
        let mut bad = job(3);
        bad.scenario.config.nodes = 0;
        assert!(
            matches!(run(&bad, || 0.0, |_| {}), Reply::Failed(e) if e.contains("nodes")),
            "N = 0 is named"
        );
    }
}
