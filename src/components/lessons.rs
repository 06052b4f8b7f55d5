//! The lesson picker (top bar) and the lesson card (above the summary).
//!
//! The catalogue and every computation live in [`crate::lessons`]; this file only draws them.
//! The seeded tables run one slice of work per browser task (at most [`SLICE_MS`] each, then
//! the page paints), and are kept for the rest of the visit once computed.

use std::cell::{Cell, OnceCell, RefCell};
use std::fmt::Write as _;
use std::rc::Rc;

use gossip_engine::{Decay, Feedback, Mode, Traffic, theory};
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

use crate::components::markup::{Esc, on, raw};
use crate::components::summary::human;
use crate::i18n::Lang;
use crate::lessons::compare::{
    self, BYTES_ROUNDS, ModeTheory, Spread, Study, StudyKind, adaptive_interval,
};
use crate::lessons::scenarios::{self, GROUP_SIZE, RESIDUE_K, RESIDUE_N, SIZES};
use crate::lessons::{LESSONS, Panel, Text, fill, thousands, tidy, ui};
use crate::num::fixed;
use crate::state::{Action, AppState};

/// Longest stretch of table computation before the page gets to paint, in milliseconds.
pub const SLICE_MS: f64 = 12.0;

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

/// After a lesson opens, changes or closes (the app runs this as an effect): the picker shows
/// it, or its placeholder once none is open, and the card starts at the top of its text.
pub fn show_lesson(lesson: Option<usize>) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let find = |selector: &str| doc.query_selector(selector).ok().flatten();
    if let Some(select) =
        find("[data-testid=lesson-picker]").and_then(|el| el.dyn_into::<HtmlSelectElement>().ok())
    {
        select.set_value(&lesson.map_or(String::new(), |i| i.to_string()));
    }
    if let Some(scroller) = find(".lesson-scroll") {
        scroller.set_scroll_top(0);
    }
}

/// The lesson picker in the top bar: a `<select>` whose options are the lessons.
pub fn lesson_picker(dispatch: &UseReducerDispatcher<AppState>, st: &AppState) -> Html {
    let lang = st.lang;
    let current = st.lesson.filter(|&i| i < LESSONS.len());
    let onchange = {
        let dispatch = dispatch.clone();
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
        <select class="lesson-picker" aria-label={ui::LESSONS.get(lang)}
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

/// `data-testid` of the variant buttons.
const VARIANT_IDS: [&str; 4] = [
    "lesson-variant-0",
    "lesson-variant-1",
    "lesson-variant-2",
    "lesson-variant-3",
];

/// The explanation of the current lesson, with its variants and its comparison.
pub fn lesson_card(dispatch: &UseReducerDispatcher<AppState>, st: &AppState) -> Html {
    let lang = st.lang;
    let current = st.lesson.filter(|&i| i < LESSONS.len());
    let Some(index) = current else {
        return html! {};
    };
    let lesson = &LESSONS[index];
    let (active, round) = {
        let t = st.timeline.borrow();
        (lesson.variant_of(t.sim().config()), t.round())
    };
    let go = |index: usize, variant: usize| {
        let d = dispatch.clone();
        Callback::from(move |_: MouseEvent| load(&d, index, variant))
    };
    let open_lesson = |i: usize| go(i, LESSONS[i].default_variant);
    let close = {
        let d = dispatch.clone();
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
                { for lesson.variants.iter().enumerate().map(|(v, label)| {
                    let on = active == Some(v);
                    html! {
                        <button type="button" aria-pressed={if on { "true" } else { "false" }} onclick={go(index, v)}
                            data-testid={VARIANT_IDS[v]}>{ label.get(lang) }</button>
                    }
                }) }
            </div>
        }
    });
    let panel = match (lesson.panel, lesson.panel.study()) {
        (_, Some(kind)) => study_table(kind, active, lang),
        (Panel::ModeCurves, _) => mode_curves(lang, active),
        (Panel::Bytes, _) => bytes_chart(lang, round, active),
        (Panel::Hierarchy, _) => hierarchy_table(lang, active),
        (Panel::None | Panel::LogTable | Panel::ResidueTable | Panel::Interval, None) => html! {},
    };
    // The explanation: text only, so markup (kept as it is while the lesson and the language
    // stay, so a selection in it survives the rounds).
    let mut text = String::new();
    for t in lesson.body {
        let _ = write!(text, "<p>{}</p>", Esc(&tidy(t.get(lang))));
    }
    let _ = write!(
        text,
        "<h3>{}</h3><p>{}</p><h3>{}</h3><p>{}</p>",
        Esc(ui::WATCH.get(lang)),
        Esc(&tidy(lesson.watch.get(lang))),
        Esc(ui::NEXT.get(lang)),
        Esc(&tidy(lesson.next.get(lang))),
    );
    html! {
        <section class="card lesson-card" aria-labelledby="lesson-title" data-testid="lesson-card"
            data-lesson={index.to_string()} lang={lang.tag()}>
            <header class="lesson-head">
                { raw(format!(r#"<span class="lesson-count">{}</span>"#, Esc(&counter))) }
                <button type="button" class="lesson-close" onclick={close}
                    aria-label={ui::CLOSE.get(lang)} title={ui::CLOSE.get(lang)} data-testid="lesson-close">{"×"}</button>
            </header>
            <div class="lesson-scroll">
                { raw(format!(
                    r#"<h2 id="lesson-title" class="lesson-title" data-testid="lesson-title">{}</h2>"#,
                    Esc(lesson.title.get(lang))
                )) }
                // The buttons and the comparison first: in a short column they are what is
                // visible without scrolling, and the text below explains them.
                { for variants }
                { panel }
                { raw(text) }
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
        .map_or(mode.as_str(), |t| t.get(lang))
}

thread_local! {
    /// The panels' computations, made once per visit at their first showing.
    static MODE_THEORY: OnceCell<Vec<ModeTheory>> = const { OnceCell::new() };
    static BYTES: OnceCell<[Vec<Traffic>; 2]> = const { OnceCell::new() };
    static SPREADS: OnceCell<[Option<Spread>; 2]> = const { OnceCell::new() };
}

/// Theory of push, pull and push-pull: rounds to full and the three expected curves.
fn mode_curves(lang: Lang, active: Option<usize>) -> Html {
    let config = scenarios::modes(0).config;
    let (n, f) = (config.nodes, config.fanout);
    MODE_THEORY.with(|theory| {
        let theory = theory.get_or_init(|| compare::mode_theory(n, f));
        mode_curves_of(theory, n, f, lang, active)
    })
}

fn mode_curves_of(
    theory: &[ModeTheory],
    n: u32,
    f: u32,
    lang: Lang,
    active: Option<usize>,
) -> Html {
    let (w, h, left, bottom, top) = (300.0, 96.0, 26.0, 14.0, 4.0);
    let rounds = theory
        .first()
        .map_or(1, |t| t.curve.len().saturating_sub(1))
        .max(1);
    let x = |r: usize| left + (w - left - 4.0) * r as f64 / rounds as f64;
    let y = |v: f64| top + (h - top - bottom) * (1.0 - v);
    let (y0, y1) = (y(0.0), y(1.0));
    let caption = fill(
        ui::CURVES.get(lang),
        &[("n", thousands(u64::from(n))), ("f", f.to_string())],
    );
    let to_full = |t: &ModeTheory| fill(ui::TO_FULL.get(lang), &[("r", t.rounds.to_string())]);
    let mut s = format!(
        r#"<figure class="lesson-figure" data-testid="lesson-curves"><figcaption>{}</figcaption><ul class="lesson-keys">"#,
        Esc(&caption)
    );
    let mut label = String::new();
    for (i, t) in theory.iter().enumerate() {
        let (class, _) = mode_style(t.mode);
        let on = if active == Some(i) { " on" } else { "" };
        let _ = write!(
            s,
            r#"<li class="key-mode {class}{on}"><b>{}</b> <span data-testid="theory-rounds-{i}">{}</span></li>"#,
            Esc(mode_label(t.mode, lang)),
            Esc(&to_full(t)),
        );
        if i > 0 {
            label.push_str("; ");
        }
        let _ = write!(label, "{}: {}", mode_label(t.mode, lang), to_full(t));
    }
    let _ = write!(
        s,
        r#"</ul><svg viewBox="0 0 {w:.1} {h:.1}" role="img" aria-label="{}"><line class="axis" x1="{left:.1}" y1="{y0:.1}" x2="{:.1}" y2="{y0:.1}"/><line class="axis" x1="{left:.1}" y1="{y0:.1}" x2="{left:.1}" y2="{y1:.1}"/><text class="tick" x="{tick_x:.1}" y="{:.1}" text-anchor="end">100%</text><text class="tick" x="{tick_x:.1}" y="{y0:.1}" text-anchor="end">0</text><text class="tick" x="{:.1}" y="{base:.1}">0</text><text class="tick" x="{:.1}" y="{base:.1}" text-anchor="end">{} {rounds}</text>"#,
        Esc(&label),
        w - 4.0,
        y1 + 7.0,
        x(0),
        x(rounds),
        Esc(ui::ROUND_AXIS.get(lang)),
        tick_x = left - 3.0,
        base = h - 2.0,
    );
    for (i, t) in theory.iter().enumerate() {
        let (class, dash) = mode_style(t.mode);
        let on = if active == Some(i) { " on" } else { "" };
        let _ = write!(s, r#"<path class="curve {class}{on}" d=""#);
        for (r, &v) in t.curve.iter().enumerate() {
            let _ = write!(
                s,
                "{}{:.1},{:.1}",
                if r == 0 { "M" } else { "L" },
                x(r),
                y(v)
            );
        }
        let _ = write!(s, r#"" stroke-dasharray="{dash}"/>"#);
    }
    s.push_str("</svg></figure>");
    raw(s)
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

thread_local! {
    // The chain of slices outlives renders (each slice is a browser task of its own), so what
    // it needs to know between them lives here rather than in the app state.
    /// The study the open lesson's card shows, if any: background work continues only for it.
    static SHOWN: Cell<Option<StudyKind>> = const { Cell::new(None) };
    /// The study being computed in the background, if any (one chain of slices at a time).
    static RUNNING: Cell<Option<StudyKind>> = const { Cell::new(None) };
}

/// Ends the chain of slices computing `kind`.
fn stop(kind: StudyKind) {
    RUNNING.with(|r| {
        if r.get() == Some(kind) {
            r.set(None);
        }
    });
}

/// The study a lesson's card shows, if it shows one.
fn study_of(lesson: Option<usize>) -> Option<StudyKind> {
    LESSONS.get(lesson?)?.panel.study()
}

/// After a lesson card opens, changes or closes (from the app's lesson effect; `None` when no
/// card is on screen): computes the study the card shows in the background, a slice per
/// browser task, redrawing after each, for as long as that card stays open.
pub fn follow_study(lesson: Option<usize>, dispatch: &UseReducerDispatcher<AppState>) {
    let kind = study_of(lesson);
    SHOWN.with(|s| s.set(kind));
    let Some(kind) = kind else { return };
    let shared = study(kind);
    if !shared.borrow().is_done() && RUNNING.with(|r| r.get()) != Some(kind) {
        RUNNING.with(|r| r.set(Some(kind)));
        work_later(shared, kind, dispatch.clone());
    }
}

/// Runs a slice of `study` in the next browser task (the page paints first), then the next
/// slice in the task after, until it is done or its lesson is closed.
fn work_later(
    study: Rc<RefCell<Study>>,
    kind: StudyKind,
    dispatch: UseReducerDispatcher<AppState>,
) {
    // A one-shot closure: freed once the browser has called it.
    let next = Closure::once_into_js(move || {
        if SHOWN.with(|s| s.get()) != Some(kind) {
            return stop(kind);
        }
        let more = work(&study);
        dispatch.dispatch(Action::Redraw);
        if more {
            work_later(study, kind, dispatch);
        } else {
            stop(kind);
        }
    });
    if let Some(window) = web_sys::window() {
        let _ =
            window.set_timeout_with_callback_and_timeout_and_arguments_0(next.unchecked_ref(), 0);
    }
}

/// Appends the header row of a table: an empty corner cell when `corner`, then a column header
/// per `(class, text)`.
fn head(out: &mut String, corner: bool, cols: &[(&str, &str)]) {
    out.push_str("<thead><tr>");
    if corner {
        out.push_str("<th></th>");
    }
    for (class, text) in cols {
        let _ = write!(out, r#"<th scope="col"{class}>{}</th>"#, Esc(text));
    }
    out.push_str("</tr></thead><tbody>");
}

/// A seeded table: O(log N), residue, or adaptive interval, with the rows computed so far
/// (see [`follow_study`]).
fn study_table(kind: StudyKind, active: Option<usize>, lang: Lang) -> Html {
    let study = study(kind);
    let s = study.borrow();
    let seeds = kind.seeds().to_string();
    let computing = Esc(ui::COMPUTING.get(lang));
    let caption = match kind {
        StudyKind::LogN => fill(ui::LOG_CAPTION.get(lang), &[("s", seeds)]),
        StudyKind::Residue => fill(
            ui::RESIDUE_CAPTION.get(lang),
            &[
                ("n", thousands(u64::from(RESIDUE_N))),
                ("k", RESIDUE_K.to_string()),
                ("s", seeds),
            ],
        ),
        StudyKind::Interval => fill(ui::INTERVAL_CAPTION.get(lang), &[("s", seeds)]),
    };
    let done = s.is_done();
    let mut m = format!(
        r#"<div class="lesson-figure"><table class="lesson-table" data-testid="lesson-table" data-done="{done}" aria-busy="{}"><caption>{}</caption>"#,
        !done,
        Esc(&caption)
    );
    let cols: &[Text] = match kind {
        StudyKind::LogN => &[ui::COL_N, ui::COL_ROUNDS, ui::COL_LOG],
        StudyKind::Residue => &[
            ui::COL_VARIANT,
            ui::COL_RESIDUE,
            ui::COL_EQUATION,
            ui::COL_TRAFFIC,
        ],
        StudyKind::Interval => &[ui::COL_N, ui::COL_ROUNDS, ui::COL_INTERVAL, ui::COL_SECONDS],
    };
    let cols: Vec<_> = cols.iter().map(|t| ("", t.get(lang))).collect();
    head(&mut m, false, &cols);
    // Row headers: the lesson's variants for the residue, else the cluster sizes.
    let labels: Vec<String> = if kind == StudyKind::Residue {
        LESSONS[3]
            .variants
            .iter()
            .map(|l| Esc(l.get(lang)).to_string())
            .collect()
    } else {
        SIZES.iter().map(|&n| thousands(u64::from(n))).collect()
    };
    for (r, label) in labels.iter().enumerate() {
        let row = s.row(r);
        let _ = write!(
            m,
            r#"<tr{} data-testid="study-row-{r}"><th scope="row">{label}</th>"#,
            on(active == Some(r))
        );
        match kind {
            StudyKind::LogN => {
                match row {
                    Some(row) => {
                        let _ = write!(
                            m,
                            r#"<td><b>{}</b><span class="range"> ({}–{})</span></td>"#,
                            fixed(row.mean, 1),
                            fixed(row.min, 0),
                            fixed(row.max, 0)
                        );
                    }
                    None => {
                        let _ = write!(m, r#"<td class="computing">{computing}</td>"#);
                    }
                }
                let _ = write!(m, "<td>{}</td>", fixed(theory::log2_plus_ln(SIZES[r]), 1));
            }
            StudyKind::Residue => {
                // The equation models feedback + coin only.
                let modelled = scenarios::REMOVALS[r] == (Feedback::Feedback, Decay::Coin);
                match row {
                    Some(row) => {
                        let _ = write!(
                            m,
                            "<td><b>{}%</b></td><td{}>",
                            fixed(100.0 * row.mean, 1),
                            if modelled {
                                r#" data-testid="residue-equation""#
                            } else {
                                ""
                            }
                        );
                        if modelled {
                            let _ = write!(m, "{}%", fixed(100.0 * theory::residue(RESIDUE_K), 1));
                        } else {
                            m.push('–');
                        }
                        let _ = write!(m, "</td><td>{}</td>", fixed(row.extra, 2));
                    }
                    None => {
                        let _ = write!(m, r#"<td colspan="3" class="computing">{computing}</td>"#);
                    }
                }
            }
            StudyKind::Interval => {
                let interval = adaptive_interval(SIZES[r]);
                let secs = |x: String| Esc(&fill(ui::SECONDS.get(lang), &[("x", x)])).to_string();
                match row {
                    Some(row) => {
                        let _ = write!(
                            m,
                            "<td>{}</td><td>{}</td><td><b>{}</b></td>",
                            fixed(row.mean, 1),
                            secs(fixed(interval, 1)),
                            secs(fixed(row.mean * interval, 0))
                        );
                    }
                    None => {
                        let _ = write!(
                            m,
                            r#"<td class="computing">{computing}</td><td>{}</td><td></td>"#,
                            secs(fixed(interval, 1))
                        );
                    }
                }
            }
        }
        m.push_str("</tr>");
    }
    m.push_str("</tbody></table>");
    if kind == StudyKind::Residue {
        let _ = write!(
            m,
            r#"<p class="lesson-note">{} <span class="formula">s = e<sup>−(k+1)(1−s)</sup></span></p>"#,
            Esc(ui::EQUATION.get(lang))
        );
    }
    m.push_str("</div>");
    raw(m)
}

/// Digest and payload bytes per round, incremental against full sync, as paired stacked bars,
/// with a cursor on `round`.
fn bytes_chart(lang: Lang, round: u32, active: Option<usize>) -> Html {
    BYTES.with(|runs| {
        let runs = runs.get_or_init(|| {
            let t0 = crate::probe::now();
            let runs =
                [0, 1].map(|v| compare::traffic_per_round(&scenarios::sync(v), BYTES_ROUNDS));
            crate::probe::record("__gossipLessonWork", crate::probe::now() - t0);
            runs
        });
        bytes_chart_of(runs, lang, round, active)
    })
}

fn bytes_chart_of(runs: &[Vec<Traffic>; 2], lang: Lang, round: u32, active: Option<usize>) -> Html {
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
    let y0 = y(0.0);
    let caption = Esc(ui::BYTES_CAPTION.get(lang));
    // The figure in two raw parts: the drawing changes every round, the keys and the totals
    // only with the language or the variant.
    let mut svg = format!(
        r#"<figcaption>{caption}</figcaption><svg viewBox="0 0 {w:.1} {h:.1}" role="img" aria-label="{caption}">"#,
    );
    if (1..=BYTES_ROUNDS).contains(&round) {
        let x0 = left + slot * f64::from(round - 1);
        let _ = write!(
            svg,
            r#"<rect class="cursor" x="{x0:.1}" y="{top:.1}" width="{slot:.1}" height="{:.1}"/>"#,
            h - top - bottom
        );
    }
    let _ = write!(
        svg,
        r#"<line class="axis" x1="{left:.1}" y1="{y0:.1}" x2="{w:.1}" y2="{y0:.1}"/><text class="tick" x="{tick_x:.1}" y="{:.1}" text-anchor="end">{}</text><text class="tick" x="{tick_x:.1}" y="{y0:.1}" text-anchor="end">0</text><text class="tick" x="{left:.1}" y="{base:.1}">1</text><text class="tick" x="{w:.1}" y="{base:.1}" text-anchor="end">{} {BYTES_ROUNDS}</text>"#,
        y(max) + 7.0,
        human(max as u64),
        Esc(ui::ROUND_AXIS.get(lang)),
        tick_x = left - 3.0,
        base = h - 1.0,
    );
    for (v, run) in runs.iter().enumerate() {
        let variant = if v == 0 { "inc" } else { "full" };
        for (i, t) in run.iter().enumerate() {
            let x0 = left + slot * i as f64 + 1.0 + bar * v as f64;
            let d = t.digest_bytes as f64;
            let pl = t.payload_bytes as f64;
            let _ = write!(
                svg,
                r#"<rect class="digest {variant}" x="{x0:.1}" y="{:.1}" width="{bar:.1}" height="{:.1}"/><rect class="payload {variant}" x="{x0:.1}" y="{:.1}" width="{bar:.1}" height="{:.1}"/>"#,
                y(d),
                y0 - y(d),
                y(d + pl),
                y(d) - y(d + pl),
            );
        }
    }
    svg.push_str("</svg>");
    let mut table = format!(
        r#"<ul class="lesson-keys"><li class="key-bytes digest">{}</li><li class="key-bytes payload">{}</li></ul><table class="lesson-table"><caption>{}</caption>"#,
        Esc(ui::DIGESTS.get(lang)),
        Esc(ui::PAYLOAD.get(lang)),
        Esc(&fill(
            ui::BYTES_TOTAL.get(lang),
            &[("r", BYTES_ROUNDS.to_string())]
        )),
    );
    head(
        &mut table,
        true,
        &[
            ("", ui::COL_DIGESTS.get(lang)),
            ("", ui::COL_PAYLOAD.get(lang)),
            ("", ui::COL_TOTAL.get(lang)),
        ],
    );
    for (v, r) in runs.iter().enumerate() {
        let d: u64 = r.iter().map(|t| t.digest_bytes).sum();
        let pl: u64 = r.iter().map(|t| t.payload_bytes).sum();
        let _ = write!(
            table,
            r#"<tr{} data-testid="bytes-row-{v}"><th scope="row">{}</th><td>{}</td><td>{}</td><td><b>{}</b></td></tr>"#,
            on(active == Some(v)),
            Esc(LESSONS[6].variants[v].get(lang)),
            human(d),
            human(pl),
            human(d + pl),
        );
    }
    table.push_str("</tbody></table>");
    html! {
        <figure class="lesson-figure" data-testid="lesson-bytes">
            { raw(svg) }
            { raw(table) }
        </figure>
    }
}

/// Rounds after which the hierarchy table gives up (both variants converge in about ten).
const HIERARCHY_LIMIT: u32 = 500;

/// Rounds, messages and cross-group messages of the hierarchical and the flat variant.
fn hierarchy_table(lang: Lang, active: Option<usize>) -> Html {
    SPREADS.with(|spreads| {
        let spreads = spreads.get_or_init(|| {
            let t0 = crate::probe::now();
            let s = [0, 1].map(|v| {
                compare::spread_across_groups(&scenarios::hierarchy(v), GROUP_SIZE, HIERARCHY_LIMIT)
            });
            crate::probe::record("__gossipLessonWork", crate::probe::now() - t0);
            s
        });
        hierarchy_table_of(spreads, lang, active)
    })
}

fn hierarchy_table_of(spreads: &[Option<Spread>; 2], lang: Lang, active: Option<usize>) -> Html {
    let col = |v: usize| on(active == Some(v));
    let cells = |f: &dyn Fn(&Spread) -> String| {
        [0, 1].map(|v| spreads[v].as_ref().map_or_else(|| "–".to_string(), f))
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
                    "{} ({}%)",
                    thousands(s.crossing),
                    fixed(100.0 * s.crossing as f64 / s.messages.max(1) as f64, 0)
                )
            }),
        ),
    ];
    let mut m = format!(
        r#"<div class="lesson-figure"><table class="lesson-table" data-testid="lesson-table"><caption>{}</caption>"#,
        Esc(ui::HIERARCHY_CAPTION.get(lang))
    );
    head(
        &mut m,
        true,
        &[
            (col(0), ui::HIERARCHICAL.get(lang)),
            (col(1), ui::FLAT.get(lang)),
        ],
    );
    for (i, (label, [h, f])) in rows.iter().enumerate() {
        let _ = write!(
            m,
            r#"<tr data-testid="hierarchy-row-{i}"><th scope="row">{}</th><td{}>{}</td><td{}>{}</td></tr>"#,
            Esc(label.get(lang)),
            col(0),
            Esc(h),
            col(1),
            Esc(f),
        );
    }
    m.push_str("</tbody></table></div>");
    raw(m)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_variant_has_a_test_id() {
        for lesson in LESSONS.iter() {
            assert!(lesson.variants.len() <= VARIANT_IDS.len());
        }
        for (v, id) in VARIANT_IDS.iter().enumerate() {
            assert_eq!(*id, format!("lesson-variant-{v}"));
        }
    }
}
