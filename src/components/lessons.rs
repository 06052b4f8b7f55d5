//! The lesson picker (top bar) and the lesson card (above the summary).
//!
//! The catalogue and every computation live in [`crate::lessons`]; this file only draws them.
//! The seeded tables run one slice of work per browser task (at most [`SLICE_MS`] each, then
//! the page paints), and are kept for the rest of the visit once computed.

use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::time::Duration;

use gossip_engine::{Decay, Feedback, Mode, theory};
use web_sys::HtmlSelectElement;
use yew::prelude::*;

use crate::components::summary::human;
use crate::i18n::{Lang, use_lang};
use crate::lessons::compare::{
    self, BYTES_ROUNDS, ModeTheory, Spread, Study, StudyKind, adaptive_interval,
};
use crate::lessons::scenarios::{self, GROUP_SIZE, RESIDUE_K, RESIDUE_N, SIZES};
use crate::lessons::{LESSONS, Panel, Text, fill, thousands, tidy, ui};
use crate::state::{Action, AppState};

/// Longest stretch of table computation before the page gets to paint, in milliseconds.
pub const SLICE_MS: f64 = 12.0;

/// Props of the lesson components.
#[derive(Properties, PartialEq)]
pub struct LessonProps {
    /// Sends actions.
    pub dispatch: UseReducerDispatcher<AppState>,
    /// The app state.
    pub state: Rc<AppState>,
}

/// Loads variant `variant` of lesson `index`.
fn load(dispatch: &UseReducerDispatcher<AppState>, index: usize, variant: usize) {
    if let Some(lesson) = LESSONS.get(index) {
        let (scenario, view) = lesson.load(variant);
        dispatch.dispatch(Action::Load {
            scenario: Box::new(scenario),
            view,
            lesson: Some(index),
        });
    }
}

/// The lesson picker in the top bar: a `<select>` whose options are the lessons.
#[function_component(LessonPicker)]
pub fn lesson_picker(p: &LessonProps) -> Html {
    let lang = use_lang();
    let select = use_node_ref();
    let current = p.state.lesson.filter(|&i| i < LESSONS.len());
    // The select shows the open lesson, and the placeholder once it is closed.
    {
        let select = select.clone();
        use_effect_with(current, move |current| {
            if let Some(el) = select.cast::<HtmlSelectElement>() {
                el.set_value(&current.map_or(String::new(), |i| i.to_string()));
            }
        });
    }
    let onchange = {
        let dispatch = p.dispatch.clone();
        Callback::from(move |e: Event| {
            let el: HtmlSelectElement = e.target_unchecked_into();
            if let Some(i) = el
                .value()
                .parse::<usize>()
                .ok()
                .filter(|&i| i < LESSONS.len())
            {
                load(&dispatch, i, LESSONS[i].default_variant);
            }
        })
    };
    html! {
        <select ref={select} class="lesson-picker" aria-label={ui::LESSONS.get(lang)}
            title={ui::LESSONS.get(lang)} data-testid="lesson-picker" {onchange}>
            <option value="" disabled=true selected={current.is_none()}>{ ui::PICK.get(lang) }</option>
            { for LESSONS.iter().enumerate().map(|(i, l)| html! {
                <option value={i.to_string()} selected={current == Some(i)}>
                    { format!("{}. {}", i + 1, l.title.get(lang)) }
                </option>
            }) }
        </select>
    }
}

/// The explanation of the current lesson, with its variants and its comparison.
#[function_component(LessonCard)]
pub fn lesson_card(p: &LessonProps) -> Html {
    let lang = use_lang();
    let current = p.state.lesson.filter(|&i| i < LESSONS.len());
    // A new lesson starts at the top of its text.
    let scroller = use_node_ref();
    {
        let scroller = scroller.clone();
        use_effect_with(current, move |_| {
            if let Some(el) = scroller.cast::<web_sys::Element>() {
                el.set_scroll_top(0);
            }
        });
    }
    let Some(index) = current else {
        return html! {};
    };
    let lesson = &LESSONS[index];
    let (active, round) = {
        let t = p.state.timeline.borrow();
        (lesson.variant_of(t.sim().config()), t.round())
    };
    let go = |index: usize, variant: usize| {
        let d = p.dispatch.clone();
        Callback::from(move |_: MouseEvent| load(&d, index, variant))
    };
    let open_lesson = |i: usize| go(i, LESSONS[i].default_variant);
    let close = {
        let d = p.dispatch.clone();
        Callback::from(move |_: MouseEvent| d.dispatch(Action::CloseLesson))
    };
    let counter = fill(
        ui::COUNTER.get(lang),
        &[
            ("k", (index + 1).to_string()),
            ("n", LESSONS.len().to_string()),
        ],
    );
    let variants = (!lesson.variants.is_empty()).then(|| {
        html! {
            <div class="lesson-variants" role="group" aria-label={ui::VARIANTS.get(lang)}>
                { for lesson.variants.iter().enumerate().map(|(v, label)| html! {
                    <button type="button" class={classes!((active == Some(v)).then_some("on"))}
                        aria-pressed={(active == Some(v)).to_string()} onclick={go(index, v)}
                        data-testid={format!("lesson-variant-{v}")}>{ label.get(lang) }</button>
                }) }
            </div>
        }
    });
    let panel = match lesson.panel {
        Panel::None => html! {},
        Panel::ModeCurves => html! { <ModeCurves {active} /> },
        Panel::LogTable => html! { <StudyTable kind={StudyKind::LogN} {active} /> },
        Panel::ResidueTable => html! { <StudyTable kind={StudyKind::Residue} {active} /> },
        Panel::Interval => html! { <StudyTable kind={StudyKind::Interval} {active} /> },
        Panel::Bytes => html! { <BytesChart {round} {active} /> },
        Panel::Hierarchy => html! { <HierarchyTable {active} /> },
    };
    html! {
        <section class="card lesson-card" aria-labelledby="lesson-title" data-testid="lesson-card"
            data-lesson={index.to_string()} lang={lang.tag()}>
            <header class="lesson-head">
                <span class="lesson-count">{ counter }</span>
                <button type="button" class="lesson-close" onclick={close}
                    aria-label={ui::CLOSE.get(lang)} title={ui::CLOSE.get(lang)} data-testid="lesson-close">{"×"}</button>
            </header>
            <div class="lesson-scroll" ref={scroller}>
                <h2 id="lesson-title" class="lesson-title" data-testid="lesson-title">{ lesson.title.get(lang) }</h2>
                // The buttons and the comparison first: in a short column they are what is
                // visible without scrolling, and the text below explains them.
                { for variants }
                { panel }
                { for lesson.body.iter().map(|t| html! { <p>{ tidy(t.get(lang)) }</p> }) }
                <h3>{ ui::WATCH.get(lang) }</h3>
                <p>{ tidy(lesson.watch.get(lang)) }</p>
                <h3>{ ui::NEXT.get(lang) }</h3>
                <p>{ tidy(lesson.next.get(lang)) }</p>
                <nav class="lesson-nav">
                    <button type="button" disabled={index == 0} onclick={open_lesson(index.saturating_sub(1))}
                        data-testid="lesson-prev">{ ui::PREV.get(lang) }</button>
                    <button type="button" onclick={go(index, active.unwrap_or(lesson.default_variant))}
                        title={ui::RESTART_TITLE.get(lang)} data-testid="lesson-restart">{ ui::RESTART.get(lang) }</button>
                    <button type="button" disabled={index + 1 >= LESSONS.len()}
                        onclick={open_lesson((index + 1).min(LESSONS.len() - 1))}
                        data-testid="lesson-next">{ ui::FOLLOWING.get(lang) }</button>
                </nav>
            </div>
        </section>
    }
}

/// Props of the panels: which variant is on screen.
#[derive(Properties, PartialEq)]
struct PanelProps {
    active: Option<usize>,
}

/// Class and dash pattern per mode (colour is never the only cue).
fn mode_style(mode: Mode) -> (&'static str, &'static str) {
    match mode {
        Mode::Push => ("push", ""),
        Mode::Pull => ("pull", "5 3"),
        Mode::PushPull => ("push-pull", "1.5 2.5"),
    }
}

fn mode_label(mode: Mode, lang: Lang) -> &'static str {
    let i = scenarios::MODES
        .iter()
        .position(|&m| m == mode)
        .unwrap_or(0);
    crate::lessons::LESSONS[1]
        .variants
        .get(i)
        .map_or(mode.name(), |t| t.get(lang))
}

/// Theory of push, pull and push-pull: rounds to full and the three expected curves.
#[function_component(ModeCurves)]
fn mode_curves(p: &PanelProps) -> Html {
    let lang = use_lang();
    let config = scenarios::modes(0).config;
    let (n, f) = (config.nodes, config.fanout);
    let theory = use_memo((n, f), |&(n, f)| compare::mode_theory(n, f));
    let (w, h, left, bottom, top) = (300.0, 96.0, 26.0, 14.0, 4.0);
    let rounds = theory
        .first()
        .map_or(1, |t| t.curve.len().saturating_sub(1))
        .max(1);
    let x = |r: usize| left + (w - left - 4.0) * r as f64 / rounds as f64;
    let y = |v: f64| top + (h - top - bottom) * (1.0 - v);
    let line = |t: &ModeTheory| {
        t.curve
            .iter()
            .enumerate()
            .map(|(r, &v)| format!("{}{:.1},{:.1}", if r == 0 { "M" } else { "L" }, x(r), y(v)))
            .collect::<String>()
    };
    let caption = fill(
        ui::CURVES.get(lang),
        &[("n", thousands(u64::from(n))), ("f", f.to_string())],
    );
    html! {
        <figure class="lesson-figure" data-testid="lesson-curves">
            <figcaption>{ caption }</figcaption>
            <ul class="lesson-keys">
                { for theory.iter().enumerate().map(|(i, t)| {
                    let (class, _) = mode_style(t.mode);
                    html! {
                        <li class={classes!("key-mode", class, (p.active == Some(i)).then_some("on"))}>
                            <b>{ mode_label(t.mode, lang) }</b>{" "}
                            <span data-testid={format!("theory-rounds-{i}")}>
                                { fill(ui::TO_FULL.get(lang), &[("r", t.rounds.to_string())]) }
                            </span>
                        </li>
                    }
                }) }
            </ul>
            <svg viewBox={format!("0 0 {w} {h}")} role="img" aria-label={caption_for_svg(&theory, lang)}>
                <line class="axis" x1={left.to_string()} y1={y(0.0).to_string()} x2={(w - 4.0).to_string()} y2={y(0.0).to_string()} />
                <line class="axis" x1={left.to_string()} y1={y(0.0).to_string()} x2={left.to_string()} y2={y(1.0).to_string()} />
                <text class="tick" x={(left - 3.0).to_string()} y={(y(1.0) + 7.0).to_string()} text-anchor="end">{"100%"}</text>
                <text class="tick" x={(left - 3.0).to_string()} y={y(0.0).to_string()} text-anchor="end">{"0"}</text>
                <text class="tick" x={x(0).to_string()} y={(h - 2.0).to_string()}>{"0"}</text>
                <text class="tick" x={x(rounds).to_string()} y={(h - 2.0).to_string()} text-anchor="end">
                    { format!("{} {rounds}", ui::ROUND_AXIS.get(lang)) }
                </text>
                { for theory.iter().enumerate().map(|(i, t)| {
                    let (class, dash) = mode_style(t.mode);
                    html! {
                        <path class={classes!("curve", class, (p.active == Some(i)).then_some("on"))}
                            d={line(t)} stroke-dasharray={dash} />
                    }
                }) }
            </svg>
        </figure>
    }
}

fn caption_for_svg(theory: &[ModeTheory], lang: Lang) -> String {
    theory
        .iter()
        .map(|t| {
            format!(
                "{}: {}",
                mode_label(t.mode, lang),
                fill(ui::TO_FULL.get(lang), &[("r", t.rounds.to_string())])
            )
        })
        .collect::<Vec<_>>()
        .join("; ")
}

thread_local! {
    /// Seeded tables, computed at most once per visit (and only when a lesson asks).
    static STUDIES: RefCell<Vec<Rc<RefCell<Study>>>> = const { RefCell::new(Vec::new()) };
}

fn study(kind: StudyKind) -> Rc<RefCell<Study>> {
    STUDIES.with(|all| {
        let mut all = all.borrow_mut();
        if let Some(s) = all.iter().find(|s| s.borrow().kind() == kind) {
            return s.clone();
        }
        let s = Rc::new(RefCell::new(Study::new(kind)));
        all.push(s.clone());
        s
    })
}

/// Runs runs of `study` for at most about [`SLICE_MS`]; returns whether work remains. The
/// time of each slice goes to `window.__gossipLessonWork` when a test defined that array.
fn work(study: &RefCell<Study>) -> bool {
    let t0 = crate::probe::now();
    let mut s = study.borrow_mut();
    loop {
        let more = s.step();
        let spent = crate::probe::now() - t0;
        if !more || spent >= SLICE_MS {
            crate::probe::record("__gossipLessonWork", spent);
            return more;
        }
    }
}

/// The study of `kind`, advanced in the background while the component is mounted.
#[hook]
fn use_study(kind: StudyKind) -> Rc<RefCell<Study>> {
    let shared = use_memo(kind, |&k| study(k));
    let update = use_force_update();
    {
        let shared = (*shared).clone();
        use_effect_with(kind, move |_| {
            let mounted = Rc::new(Cell::new(true));
            if !shared.borrow().is_done() {
                let mounted = mounted.clone();
                yew::platform::spawn_local(async move {
                    loop {
                        // Yield first: the page paints the lesson before any work starts.
                        yew::platform::time::sleep(Duration::ZERO).await;
                        if !mounted.get() {
                            return;
                        }
                        let more = work(&shared);
                        update.force_update();
                        if !more {
                            return;
                        }
                    }
                });
            }
            move || mounted.set(false)
        });
    }
    (*shared).clone()
}

#[derive(Properties, PartialEq)]
struct StudyProps {
    kind: StudyKind,
    active: Option<usize>,
}

/// A seeded table: O(log N), residue, or adaptive interval.
#[function_component(StudyTable)]
fn study_table(p: &StudyProps) -> Html {
    let lang = use_lang();
    let study = use_study(p.kind);
    let s = study.borrow();
    let seeds = p.kind.seeds().to_string();
    let computing = html! { <td colspan="3" class="computing">{ ui::COMPUTING.get(lang) }</td> };
    let row_class = |r: usize| classes!((p.active == Some(r)).then_some("on"));
    let (caption, head, rows): (String, Html, Vec<Html>) = match p.kind {
        StudyKind::LogN => (
            fill(ui::LOG_CAPTION.get(lang), &[("s", seeds)]),
            html! { <tr><th scope="col">{ ui::COL_N.get(lang) }</th><th scope="col">{ ui::COL_ROUNDS.get(lang) }</th><th scope="col">{ ui::COL_LOG.get(lang) }</th></tr> },
            SIZES
                .iter()
                .enumerate()
                .map(|(r, &n)| {
                    let theory = format!("{:.1}", theory::log2_plus_ln(n));
                    let measured = s.row(r).map(|row| html! { <td>
                        <b>{ format!("{:.1}", row.mean) }</b>
                        <span class="range">{ format!(" ({:.0}–{:.0})", row.min, row.max) }</span>
                    </td> });
                    html! {
                        <tr class={row_class(r)} data-testid={format!("study-row-{r}")}>
                            <th scope="row">{ thousands(u64::from(n)) }</th>
                            { measured.unwrap_or_else(|| html! { <td class="computing">{ ui::COMPUTING.get(lang) }</td> }) }
                            <td>{ theory }</td>
                        </tr>
                    }
                })
                .collect(),
        ),
        StudyKind::Residue => (
            fill(
                ui::RESIDUE_CAPTION.get(lang),
                &[
                    ("n", thousands(u64::from(RESIDUE_N))),
                    ("k", RESIDUE_K.to_string()),
                    ("s", seeds),
                ],
            ),
            html! { <tr>
                <th scope="col">{ ui::COL_VARIANT.get(lang) }</th><th scope="col">{ ui::COL_RESIDUE.get(lang) }</th>
                <th scope="col">{ ui::COL_EQUATION.get(lang) }</th><th scope="col">{ ui::COL_TRAFFIC.get(lang) }</th>
            </tr> },
            LESSONS[3]
                .variants
                .iter()
                .enumerate()
                .map(|(r, label)| {
                    // The equation models feedback + coin only.
                    let modelled = scenarios::REMOVALS[r] == (Feedback::Feedback, Decay::Coin);
                    let equation = if modelled { format!("{:.1}%", 100.0 * theory::residue(RESIDUE_K)) } else { "–".into() };
                    let cells = s.row(r).map_or_else(
                        || computing.clone(),
                        |row| html! { <>
                            <td><b>{ format!("{:.1}%", 100.0 * row.mean) }</b></td>
                            <td data-testid={modelled.then_some("residue-equation")}>{ equation }</td>
                            <td>{ format!("{:.2}", row.extra) }</td>
                        </> },
                    );
                    html! {
                        <tr class={row_class(r)} data-testid={format!("study-row-{r}")}>
                            <th scope="row">{ label.get(lang) }</th>{ cells }
                        </tr>
                    }
                })
                .collect(),
        ),
        StudyKind::Interval => (
            fill(ui::INTERVAL_CAPTION.get(lang), &[("s", seeds)]),
            html! { <tr>
                <th scope="col">{ ui::COL_N.get(lang) }</th><th scope="col">{ ui::COL_ROUNDS.get(lang) }</th>
                <th scope="col">{ ui::COL_INTERVAL.get(lang) }</th><th scope="col">{ ui::COL_SECONDS.get(lang) }</th>
            </tr> },
            SIZES
                .iter()
                .enumerate()
                .map(|(r, &n)| {
                    let interval = adaptive_interval(n);
                    let secs = |x: String| fill(ui::SECONDS.get(lang), &[("x", x)]);
                    let cells = s.row(r).map_or_else(
                        || html! { <>
                            <td class="computing">{ ui::COMPUTING.get(lang) }</td>
                            <td>{ secs(format!("{interval:.1}")) }</td><td></td>
                        </> },
                        |row| html! { <>
                            <td>{ format!("{:.1}", row.mean) }</td>
                            <td>{ secs(format!("{interval:.1}")) }</td>
                            <td><b>{ secs(format!("{:.0}", row.mean * interval)) }</b></td>
                        </> },
                    );
                    html! {
                        <tr class={row_class(r)} data-testid={format!("study-row-{r}")}>
                            <th scope="row">{ thousands(u64::from(n)) }</th>{ cells }
                        </tr>
                    }
                })
                .collect(),
        ),
    };
    let equation = (p.kind == StudyKind::Residue).then(|| {
        html! { <p class="lesson-note">
            { ui::EQUATION.get(lang) }{" "}
            <span class="formula">{"s = e"}<sup>{"−(k+1)(1−s)"}</sup></span>
        </p> }
    });
    html! {
        <div class="lesson-figure">
            <table class="lesson-table" data-testid="lesson-table" data-done={s.is_done().to_string()}
                aria-busy={(!s.is_done()).to_string()}>
                <caption>{ caption }</caption>
                <thead>{ head }</thead>
                <tbody>{ for rows }</tbody>
            </table>
            { for equation }
        </div>
    }
}

/// Digest and payload bytes per round, incremental against full sync, as paired stacked bars.
#[derive(Properties, PartialEq)]
struct BytesProps {
    round: u32,
    active: Option<usize>,
}

#[function_component(BytesChart)]
fn bytes_chart(p: &BytesProps) -> Html {
    let lang = use_lang();
    let runs = use_memo((), |_| {
        let t0 = crate::probe::now();
        let runs = [0, 1].map(|v| compare::traffic_per_round(&scenarios::sync(v), BYTES_ROUNDS));
        crate::probe::record("__gossipLessonWork", crate::probe::now() - t0);
        runs
    });
    let (w, h, left, bottom, top) = (300.0, 92.0, 30.0, 12.0, 4.0);
    let max = runs
        .iter()
        .flat_map(|r| r.iter().map(|t| t.digest_bytes + t.payload_bytes))
        .max()
        .unwrap_or(1)
        .max(1) as f64;
    let slot = (w - left - 2.0) / f64::from(BYTES_ROUNDS);
    let bar = (slot - 2.0) / 2.0;
    let y = |b: f64| top + (h - top - bottom) * (1.0 - b / max);
    let mut bars = Vec::new();
    for (v, run) in runs.iter().enumerate() {
        for (i, t) in run.iter().enumerate() {
            let x0 = left + slot * i as f64 + 1.0 + bar * v as f64;
            let d = t.digest_bytes as f64;
            let pl = t.payload_bytes as f64;
            let variant = if v == 0 { "inc" } else { "full" };
            bars.push(html! { <>
                <rect class={classes!("digest", variant)} x={format!("{x0:.1}")} y={format!("{:.1}", y(d))}
                    width={format!("{bar:.1}")} height={format!("{:.1}", y(0.0) - y(d))} />
                <rect class={classes!("payload", variant)} x={format!("{x0:.1}")} y={format!("{:.1}", y(d + pl))}
                    width={format!("{bar:.1}")} height={format!("{:.1}", y(d) - y(d + pl))} />
            </> });
        }
    }
    let cursor = (p.round >= 1 && p.round <= BYTES_ROUNDS).then(|| {
        let x0 = left + slot * f64::from(p.round - 1);
        html! { <rect class="cursor" x={format!("{x0:.1}")} y={top.to_string()} width={format!("{slot:.1}")} height={format!("{:.1}", h - top - bottom)} /> }
    });
    let totals: Vec<(u64, u64)> = runs
        .iter()
        .map(|r| {
            (
                r.iter().map(|t| t.digest_bytes).sum(),
                r.iter().map(|t| t.payload_bytes).sum(),
            )
        })
        .collect();
    html! {
        <figure class="lesson-figure" data-testid="lesson-bytes">
            <figcaption>{ ui::BYTES_CAPTION.get(lang) }</figcaption>
            <svg viewBox={format!("0 0 {w} {h}")} role="img" aria-label={ui::BYTES_CAPTION.get(lang)}>
                { for cursor }
                <line class="axis" x1={left.to_string()} y1={y(0.0).to_string()} x2={w.to_string()} y2={y(0.0).to_string()} />
                <text class="tick" x={(left - 3.0).to_string()} y={(y(max) + 7.0).to_string()} text-anchor="end">{ human(max as u64) }</text>
                <text class="tick" x={(left - 3.0).to_string()} y={y(0.0).to_string()} text-anchor="end">{"0"}</text>
                <text class="tick" x={left.to_string()} y={(h - 1.0).to_string()}>{"1"}</text>
                <text class="tick" x={w.to_string()} y={(h - 1.0).to_string()} text-anchor="end">
                    { format!("{} {BYTES_ROUNDS}", ui::ROUND_AXIS.get(lang)) }
                </text>
                { for bars }
            </svg>
            <ul class="lesson-keys">
                <li class="key-bytes digest">{ ui::DIGESTS.get(lang) }</li>
                <li class="key-bytes payload">{ ui::PAYLOAD.get(lang) }</li>
            </ul>
            <table class="lesson-table">
                <caption>{ fill(ui::BYTES_TOTAL.get(lang), &[("r", BYTES_ROUNDS.to_string())]) }</caption>
                <thead><tr>
                    <th></th><th scope="col">{ ui::COL_DIGESTS.get(lang) }</th>
                    <th scope="col">{ ui::COL_PAYLOAD.get(lang) }</th><th scope="col">{ ui::COL_TOTAL.get(lang) }</th>
                </tr></thead>
                <tbody>
                    { for totals.iter().enumerate().map(|(v, &(d, pl))| html! {
                        <tr class={classes!((p.active == Some(v)).then_some("on"))} data-testid={format!("bytes-row-{v}")}>
                            <th scope="row">{ LESSONS[6].variants[v].get(lang) }</th>
                            <td>{ human(d) }</td><td>{ human(pl) }</td><td><b>{ human(d + pl) }</b></td>
                        </tr>
                    }) }
                </tbody>
            </table>
        </figure>
    }
}

/// Rounds after which the hierarchy table gives up (both variants converge in about ten).
const HIERARCHY_LIMIT: u32 = 500;

/// Rounds, messages and cross-group messages of the hierarchical and the flat variant.
#[function_component(HierarchyTable)]
fn hierarchy_table(p: &PanelProps) -> Html {
    let lang = use_lang();
    let spreads = use_memo((), |_| {
        let t0 = crate::probe::now();
        let s = [0, 1].map(|v| {
            compare::spread_across_groups(&scenarios::hierarchy(v), GROUP_SIZE, HIERARCHY_LIMIT)
        });
        crate::probe::record("__gossipLessonWork", crate::probe::now() - t0);
        s
    });
    let col = |v: usize| classes!((p.active == Some(v)).then_some("on"));
    let cells = |f: &dyn Fn(&Spread) -> String| {
        spreads
            .clone()
            .map(|s| s.as_ref().map_or_else(|| "–".to_string(), f))
    };
    let rows: [(Text, [String; 2]); 3] = [
        (
            ui::ROW_ROUNDS,
            cells(&|s| {
                s.rounds.map_or_else(
                    || fill(ui::NEVER.get(lang), &[("r", HIERARCHY_LIMIT.to_string())]),
                    |r| r.to_string(),
                )
            }),
        ),
        (ui::ROW_MESSAGES, cells(&|s| thousands(s.messages))),
        (
            ui::ROW_CROSSING,
            cells(&|s| {
                format!(
                    "{} ({:.0}%)",
                    thousands(s.crossing),
                    100.0 * s.crossing as f64 / s.messages.max(1) as f64
                )
            }),
        ),
    ];
    html! {
        <div class="lesson-figure">
            <table class="lesson-table" data-testid="lesson-table">
                <caption>{ ui::HIERARCHY_CAPTION.get(lang) }</caption>
                <thead><tr>
                    <th></th>
                    <th scope="col" class={col(0)}>{ ui::HIERARCHICAL.get(lang) }</th>
                    <th scope="col" class={col(1)}>{ ui::FLAT.get(lang) }</th>
                </tr></thead>
                <tbody>
                    { for rows.iter().enumerate().map(|(i, (label, [h, f]))| html! {
                        <tr data-testid={format!("hierarchy-row-{i}")}>
                            <th scope="row">{ label.get(lang) }</th>
                            <td class={col(0)}>{ h }</td>
                            <td class={col(1)}>{ f }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
        </div>
    }
}
