//! The bands panel under the chart: runs M seeds of the current scenario in the bands worker
//! (`crate::bands`), shows "k of M seeds" with a Cancel button while it runs, and hands the
//! finished bands to the page, whose chart draws them under the live run.

use std::cell::RefCell;
use std::rc::Rc;

use gossip_engine::trial::DEFAULT_MAX_ROUNDS;
use gossip_engine::{Config, Scenario, TimedCommand};
use yew::prelude::*;

use crate::bands::client::BandRun;
use crate::bands::protocol::{DEFAULT_TRIALS, Job, Reply};
use crate::i18n::{Lang, tr};

/// A finished band run: the numbers and what they are the bands of.
#[derive(Clone, Debug, PartialEq)]
pub struct BandResult {
    /// The configuration, seed of trial 0 and action log that were run (the bands hold for
    /// them only: the page hides them once any of the three changes).
    pub config: Config,
    /// Seed of trial 0; trial t ran `seed + t`.
    pub seed: u64,
    /// The action log.
    pub actions: Vec<TimedCommand>,
    /// Seeds run.
    pub trials: u32,
    /// The bands, step by step (`crate::bands::protocol::PER_STEP` numbers a step).
    pub flat: Vec<f64>,
}

impl BandResult {
    /// Whether these are the bands of `scenario` (its round aside).
    pub fn fits(&self, scenario: &Scenario) -> bool {
        self.seed == scenario.seed
            && self.config == scenario.config
            && self.actions == scenario.actions
    }
}

/// [`Bands`]' properties.
#[derive(Properties, PartialEq)]
pub struct BandsProps {
    /// The page's scenario when asked (read at the click, not at every render).
    pub scenario: Callback<(), Scenario>,
    /// The bands the chart shows now, if any.
    pub shown: Option<Rc<BandResult>>,
    /// Receives finished bands, or `None` when the user hides them.
    pub on_result: Callback<Option<Rc<BandResult>>>,
    /// Interface language.
    pub lang: Lang,
}

/// The panel. It owns the worker of a running job: Cancel, a new run or leaving the page
/// terminates it.
#[function_component(Bands)]
pub fn bands(p: &BandsProps) -> Html {
    let lang = p.lang;
    let run: Rc<RefCell<Option<BandRun>>> = use_mut_ref(|| None);
    // While running: seeds done.
    let progress = use_state(|| None::<u32>);
    let error = use_state(|| None::<String>);
    {
        let run = run.clone();
        use_effect_with((), move |_| move || drop(run.borrow_mut().take()));
    }
    let start = {
        let (run, progress, error) = (run.clone(), progress.clone(), error.clone());
        let (get, on_result) = (p.scenario.clone(), p.on_result.clone());
        Callback::from(move |_: MouseEvent| {
            let scenario = get.emit(());
            let job = Job {
                scenario,
                trials: DEFAULT_TRIALS,
                max_rounds: DEFAULT_MAX_ROUNDS,
            };
            drop(run.borrow_mut().take());
            error.set(None);
            progress.set(Some(0));
            let (slot, progress2, error2, on_result) = (
                run.clone(),
                progress.clone(),
                error.clone(),
                on_result.clone(),
            );
            let Job {
                scenario, trials, ..
            } = job.clone();
            let spawned = BandRun::spawn(&job, move |reply| {
                // The worker is done with: terminate it once this handler has returned
                // (it belongs to the worker being dropped).
                let finish = || {
                    let slot = slot.clone();
                    yew::platform::spawn_local(async move { drop(slot.borrow_mut().take()) });
                    progress2.set(None);
                };
                match reply {
                    Reply::Progress(k) => progress2.set(Some(k)),
                    Reply::Done(flat) => {
                        finish();
                        on_result.emit(Some(Rc::new(BandResult {
                            config: scenario.config.clone(),
                            seed: scenario.seed,
                            actions: scenario.actions.clone(),
                            trials,
                            flat,
                        })));
                    }
                    Reply::Failed(e) => {
                        finish();
                        error2.set(Some(e));
                    }
                }
            });
            match spawned {
                Ok(r) => *run.borrow_mut() = Some(r),
                Err(e) => {
                    progress.set(None);
                    error.set(Some(e));
                }
            }
        })
    };
    let cancel = {
        let (run, progress) = (run.clone(), progress.clone());
        Callback::from(move |_: MouseEvent| {
            drop(run.borrow_mut().take());
            progress.set(None);
        })
    };
    let hide = {
        let on_result = p.on_result.clone();
        Callback::from(move |_: MouseEvent| on_result.emit(None))
    };
    let m = DEFAULT_TRIALS;
    let body = match (*progress, &p.shown) {
        (Some(k), _) => html! {
            <>
                <progress max={m.to_string()} value={k.to_string()} aria-label={tr!(lang, "Seeds run")} />
                <span data-testid="bands-progress" role="status">
                    { format!("{k} {} {m} {}", tr!(lang, "of"), tr!(lang, "seeds")) }</span>
                <button onclick={cancel} data-testid="bands-cancel">{ tr!(lang, "Cancel") }</button>
            </>
        },
        (None, Some(b)) => html! {
            <>
                <span data-testid="bands-done">{ format!(
                    "{} {} {} ({} {}–{})",
                    tr!(lang, "Median and 5–95% band of"),
                    b.trials,
                    tr!(lang, "seeds"),
                    tr!(lang, "seeds"),
                    b.seed,
                    b.seed.wrapping_add(u64::from(b.trials) - 1),
                ) }</span>
                <button onclick={start} data-testid="bands-run">{ tr!(lang, "Run again") }</button>
                <button onclick={hide} data-testid="bands-hide">{ tr!(lang, "Hide") }</button>
            </>
        },
        (None, None) => html! {
            <button onclick={start} data-testid="bands-run"
                title={tr!(lang, "Run this scenario with 200 seeds in the background and draw the median and the 5–95% band of every line")}>
                { format!("{} {m} {}", tr!(lang, "Band over"), tr!(lang, "seeds")) }</button>
        },
    };
    let numbers = p.shown.as_ref().map(|b| {
        let mut s = String::with_capacity(b.flat.len() * 6);
        for (i, v) in b.flat.iter().enumerate() {
            if i > 0 {
                s.push(',');
            }
            s.push_str(&v.to_string());
        }
        s
    });
    html! {
        // `data-bands`: the shown bands' numbers for scripts and tests, step by step, each
        // step p5, p50, p95 of informed (a fraction), unaware, fresh, stale and dead.
        <div class="bands" data-testid="bands" data-bands={numbers}>
            { body }
            if let Some(e) = &*error {
                <span class="bands-error" role="alert" data-testid="bands-error">{ e.clone() }</span>
            }
        </div>
    }
}
