//! The analysis panel under the chart: "Who knew what, and when" (a node × round heatmap)
//! and the time-space diagram, one at a time. Both replay the run in slices, one per
//! animation frame, so a long run never blocks the page.

use std::rc::Rc;

use gossip_engine::{Protocol, TimedCommand};
use web_sys::HtmlCanvasElement;
use yew::prelude::*;

use crate::components::reading::{Reading, pump};
use crate::components::{knowledge, spacetime};
use crate::i18n::{Text, text, tr};
use crate::knowledge::Builder;
use crate::spacetime::{MAX_LINES, Spacetime};
use crate::state::{Action, AppState};

/// Which picture is open.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Tab {
    /// Who knew what, and when.
    Knowledge,
    /// The time-space diagram.
    Spacetime,
}

/// Props of [`Analysis`].
#[derive(Properties)]
pub struct AnalysisProps {
    /// Sends a click's seek and selection.
    pub dispatch: UseReducerDispatcher<AppState>,
    /// The state shown.
    pub state: Rc<AppState>,
}

impl PartialEq for AnalysisProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.state.timeline, &other.state.timeline)
            && self.state.generation == other.state.generation
            && self.state.lang == other.state.lang
            && self.dispatch == other.dispatch
    }
}

/// What the heatmap depends on: the run (its timeline, how far it has gone and its action log,
/// which a fork changes) and which message or subject. While playing the run grows every round,
/// so the heatmap waits (`None`) and is read again once paused.
type HeatKey = Option<(usize, u32, usize, Option<u32>, Option<u32>)>;

fn heat_key(st: &AppState) -> HeatKey {
    let t = st.timeline.borrow();
    (!st.playing).then(|| {
        (
            Rc::as_ptr(&st.timeline) as usize,
            t.frontier(),
            t.actions().len(),
            st.message,
            st.subject,
        )
    })
}

/// What makes the diagram's legs wrong: another run, or a fork (the log changed). A run that
/// only grew is read on.
type RunKey = (usize, usize, Option<TimedCommand>);

fn run_key(st: &AppState) -> RunKey {
    let t = st.timeline.borrow();
    (
        Rc::as_ptr(&st.timeline) as usize,
        t.actions().len(),
        t.actions().last().cloned(),
    )
}

/// The panel.
#[function_component(Analysis)]
pub fn analysis(p: &AnalysisProps) -> Html {
    let st = &p.state;
    let lang = st.lang;
    let tab = use_state(|| None::<Tab>);
    let heat = use_mut_ref(Reading::<Builder>::default);
    let space = use_mut_ref(Reading::<Spacetime>::default);
    // Bumped after every slice, so the panel redraws what has been read.
    let progress = use_state(|| 0u64);
    let canvas = use_node_ref();
    let cells = use_mut_ref(knowledge::Cells::default);
    let frontier = st.timeline.borrow().frontier();

    {
        let (heat, progress, st) = (heat.clone(), progress.clone(), st.clone());
        use_effect_with((heat_key(&st), *tab), move |&(key, tab)| {
            let Some((_, frontier, _, message, subject)) = key else {
                return;
            };
            heat.borrow_mut().stop();
            if tab == Some(Tab::Knowledge) {
                let scenario = st.timeline.borrow().scenario();
                heat.borrow_mut().job = Builder::new(&scenario, frontier, message, subject).ok();
                pump(&heat, &progress);
            }
        });
    }
    {
        let (space, progress, st) = (space.clone(), progress.clone(), st.clone());
        use_effect_with((run_key(&st), *tab), move |(_, tab)| {
            space.borrow_mut().stop();
            if *tab == Some(Tab::Spacetime) {
                let t = st.timeline.borrow();
                space.borrow_mut().job = Spacetime::new(&t.scenario(), t.frontier()).ok();
                drop(t);
                pump(&space, &progress);
            }
        });
    }
    {
        let (space, progress) = (space.clone(), progress.clone());
        use_effect_with(frontier, move |&frontier| {
            let mut r = space.borrow_mut();
            if let Some(job) = r.job.as_mut() {
                job.extend_to(frontier);
                drop(r);
                pump(&space, &progress);
            }
        });
    }
    // Paint after every render.
    {
        let (canvas, heat, space, tab) = (canvas.clone(), heat.clone(), space.clone(), *tab);
        let cells = cells.clone();
        let (round, selected) = (st.round(), st.selected);
        use_effect(move || {
            let Some(el) = canvas.cast::<HtmlCanvasElement>() else {
                return;
            };
            match tab {
                Some(Tab::Knowledge) => {
                    let heat = heat.borrow();
                    if let Some(b) = heat.job.as_ref() {
                        let cells = &mut cells.borrow_mut();
                        knowledge::paint(&el, b.knowledge(), heat.starts, cells, round, selected);
                    }
                }
                Some(Tab::Spacetime) => {
                    if let Some(s) = space.borrow().job.as_ref() {
                        spacetime::paint(&el, s, round);
                    }
                }
                None => {}
            }
        });
    }

    let onclick = {
        let (heat, canvas, d, tab) = (heat.clone(), canvas.clone(), p.dispatch.clone(), *tab);
        Callback::from(move |e: MouseEvent| {
            if tab != Some(Tab::Knowledge) {
                return;
            }
            let cell = {
                let r = heat.borrow();
                let (Some(el), Some(b)) = (canvas.cast::<HtmlCanvasElement>(), r.job.as_ref())
                else {
                    return;
                };
                knowledge::cell_at(
                    b.knowledge(),
                    f64::from(e.offset_x()),
                    f64::from(e.offset_y()),
                    f64::from(el.client_width()),
                    f64::from(el.client_height()),
                )
            };
            if let Some((round, node)) = cell {
                d.dispatch(Action::Seek(round));
                d.dispatch(Action::Select(Some(node)));
            }
        })
    };
    let button = |which: Tab, label: Text, testid: &'static str| {
        let tab = tab.clone();
        let open = *tab == Some(which);
        let onclick = Callback::from(move |_: MouseEvent| tab.set((!open).then_some(which)));
        html! {
            <button class="knowledge-toggle" {onclick} aria-expanded={if open { "true" } else { "false" }} data-testid={testid}>
                { if open { "▾ " } else { "▸ " } }{ label.get(lang) }
            </button>
        }
    };
    let membership = matches!(
        st.timeline.borrow().sim().config().protocol,
        Protocol::Membership { .. }
    );
    let lines = st.timeline.borrow().sim().nodes().min(MAX_LINES);
    let body = match *tab {
        None => html! {},
        Some(Tab::Knowledge) => {
            let hint = if membership {
                tr!(
                    lang,
                    "Each row is a node, each column a round: what every node believed about the followed node. Click a cell to go there."
                )
            } else {
                tr!(
                    lang,
                    "Each row is a node, each column a round: the shown message's state at every node. Click a cell to go there."
                )
            };
            let status = heat.borrow().job.as_ref().filter(|b| !b.done()).map(|b| {
                let k = b.knowledge();
                format!(
                    "{} {}%",
                    tr!(lang, "reading the run…"),
                    k.columns.len() as u64 * 100 / u64::from(k.column_count().max(1))
                )
            });
            html! {
                <>
                    <p class="hint">{ hint }<span class="knowledge-status" data-testid="knowledge-status">{ status.unwrap_or_default() }</span></p>
                    <canvas class="knowledge-map" ref={canvas} {onclick} data-testid="knowledge" role="img"
                        aria-label={tr!(lang, "Who knew what, and when")} />
                </>
            }
        }
        Some(Tab::Spacetime) => html! {
            <>
                <p class="hint">{ tr!(lang, "One line per node (the first 50), time to the right: each message is an arrow from its sender to its receiver within its round; a lost one ends in a cross.") }</p>
                <canvas class={if lines > 20 { "spacetime-map tall" } else { "spacetime-map" }} ref={canvas}
                    data-testid="spacetime" role="img" aria-label={tr!(lang, "Time-space diagram")} />
            </>
        },
    };
    html! {
        <section class="knowledge" aria-label={tr!(lang, "Who knew what, and when")}>
            <div class="analysis-tabs">
                { button(Tab::Knowledge, text!("Who knew what, and when"), "knowledge-toggle") }
                { button(Tab::Spacetime, text!("Time-space diagram"), "spacetime-toggle") }
            </div>
            { body }
        </section>
    }
}
