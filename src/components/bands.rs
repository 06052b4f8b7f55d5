//! The bands control under the chart: runs M seeds of the current scenario in the bands worker
//! (`crate::bands`), shows "k of M seeds" while it runs (the same button then cancels), and
//! hands the finished bands to the chart, which draws them under the live run.
//!
//! A hook and a plain function rather than a component of its own: the page's bundle has a
//! size budget, and a component costs its own mount, diff and props code.

use std::cell::RefCell;
use std::rc::Rc;

use gossip_engine::trial::DEFAULT_MAX_ROUNDS;
use gossip_engine::{Command, Protocol, Scenario};
use yew::prelude::*;

use crate::bands::client::BandRun;
use crate::bands::protocol::{DEFAULT_TRIALS, Job, Reply};
use crate::i18n::{Lang, tr};
use crate::share::export::scenario_file;

/// A finished band run: the numbers and what they are the bands of.
#[derive(Clone, Debug, PartialEq)]
pub struct BandResult {
    /// The scenario file of the run (its round aside): the bands hold for it only, and the
    /// page hides them once the configuration, seed or log differ.
    pub scenario: String,
    /// Seed of trial 0; trial t ran `seed + t`.
    pub seed: u64,
    /// Seeds run.
    pub trials: u32,
    /// Under membership, a log without a kill: every trial killed node 0 after the first
    /// round, so that there is a failure to detect (`gossip_engine::trial::Trials::new`,
    /// as `gossip-sim run` does), which the live run does not show.
    pub killed_node_0: bool,
    /// The bands, step by step (`crate::bands::protocol::PER_STEP` numbers a step).
    pub flat: Vec<f64>,
    /// The same numbers as text (comma-separated, each the shortest that reads back exactly),
    /// for scripts and tests (`data-bands`).
    pub text: String,
}

/// Where the bands stand.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum BandState {
    /// Nothing asked, or hidden.
    #[default]
    Idle,
    /// Running: seeds done so far.
    Running(u32),
    /// Finished.
    Done(Rc<BandResult>),
    /// Refused or broken, with why.
    Failed(String),
}

/// The scenario file of `s` with round 0: the key bands are kept under.
fn key(mut s: Scenario) -> String {
    s.round = 0;
    scenario_file(&s)
}

impl BandState {
    /// The bands to draw for `scenario`, if these are its bands.
    pub fn shown(&self, scenario: impl FnOnce() -> Scenario) -> Option<Rc<BandResult>> {
        match self {
            BandState::Done(b) if b.scenario == key(scenario()) => Some(b.clone()),
            _ => None,
        }
    }
}

/// The bands' state and the button's action: start a run of the scenario `current` returns
/// (read at the click), cancel a running one, or hide finished bands. The worker of a
/// running job is terminated by Cancel, by a new run, and when the page goes away.
#[hook]
pub fn use_bands(
    current: Callback<(), Scenario>,
) -> (UseStateHandle<BandState>, Callback<MouseEvent>) {
    let state = use_state(BandState::default);
    let run: Rc<RefCell<Option<BandRun>>> = use_mut_ref(|| None);
    {
        let run = run.clone();
        use_effect_with((), move |_| move || drop(run.borrow_mut().take()));
    }
    let press = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| {
            // Running: cancel. Shown or failed: hide. Otherwise: start.
            drop(run.borrow_mut().take());
            let scenario = current.emit(());
            let hide = match &*state {
                BandState::Idle => false,
                BandState::Done(b) => b.scenario == key(scenario.clone()),
                _ => true,
            };
            if hide {
                state.set(BandState::Idle);
                return;
            }
            let (seed, scenario_text) = (scenario.seed, key(scenario.clone()));
            let killed_node_0 = matches!(scenario.config.protocol, Protocol::Membership { .. })
                && !scenario
                    .actions
                    .iter()
                    .any(|x| matches!(x.command, Command::Kill { .. }));
            let job = Job {
                scenario,
                trials: DEFAULT_TRIALS,
                max_rounds: DEFAULT_MAX_ROUNDS,
            };
            state.set(BandState::Running(0));
            let (slot, to) = (run.clone(), state.clone());
            let spawned = BandRun::spawn(&job, move |reply| {
                let next = match reply {
                    Reply::Progress(k) => BandState::Running(k),
                    Reply::Done(flat, text) => BandState::Done(Rc::new(BandResult {
                        scenario: scenario_text.clone(),
                        seed,
                        trials: DEFAULT_TRIALS,
                        killed_node_0,
                        flat,
                        text,
                    })),
                    Reply::Failed(e) => BandState::Failed(e),
                };
                let finished = !matches!(next, BandState::Running(_));
                to.set(next);
                if finished {
                    // Done with the worker: terminate it once this handler has returned (the
                    // handler belongs to the worker being dropped).
                    let slot = slot.clone();
                    yew::platform::spawn_local(async move { drop(slot.borrow_mut().take()) });
                }
            });
            match spawned {
                Ok(r) => *run.borrow_mut() = Some(r),
                Err(e) => state.set(BandState::Failed(e)),
            }
        })
    };
    (state, press)
}

/// The control: one button (start, cancel or hide) and a status line ("37 of 200 seeds").
pub fn bands_panel(
    lang: Lang,
    state: &BandState,
    shown: Option<&BandResult>,
    press: Callback<MouseEvent>,
) -> Html {
    let m = DEFAULT_TRIALS;
    let (label, status) = match (state, shown) {
        (BandState::Running(k), _) => (
            tr!(lang, "Cancel"),
            format!("{k} {} {m} {}", tr!(lang, "of"), tr!(lang, "seeds")),
        ),
        (_, Some(b)) => (
            tr!(lang, "Hide band"),
            format!(
                "{} {} {} ({} {}–{}){}",
                tr!(lang, "Median and 5–95% band of"),
                b.trials,
                tr!(lang, "seeds"),
                tr!(lang, "seeds"),
                b.seed,
                b.seed.wrapping_add(u64::from(b.trials) - 1),
                if b.killed_node_0 {
                    tr!(lang, "; node 0 killed after round 1 in each")
                } else {
                    ""
                },
            ),
        ),
        (BandState::Failed(e), _) => (tr!(lang, "Hide band"), e.clone()),
        _ => (tr!(lang, "Band over 200 seeds"), String::new()),
    };
    html! {
        // `data-bands`: the shown bands' numbers (comma-separated), step by step, each step
        // p5, p50, p95 of informed (a fraction), unaware, fresh, stale and dead.
        <div class="bands" data-testid="bands" data-bands={shown.map(|b| b.text.clone())}>
            <button onclick={press} data-testid="bands-button">{ label }</button>
            <span role="status" data-testid="bands-status">{ status }</span>
        </div>
    }
}
