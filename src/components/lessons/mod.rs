//! The lesson picker (top bar) and the lesson card (above the summary), with the panel each
//! lesson's card shows: the modes' theory curves, a seeded table, the sync lesson's bytes, or
//! the hierarchy table.
//!
//! The catalogue and every computation live in [`crate::lessons`]; these files only draw them.
//! The seeded tables are computed in the background ([`background`]) and kept for the rest of
//! the visit once computed.

use std::fmt::Write as _;

use wasm_bindgen::JsCast;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

use crate::components::markup::{Esc, raw};
use crate::lessons::{LESSONS, Panel, fill, tidy, ui};
use crate::state::{Action, AppState};

mod background;
mod bytes;
mod curves;
mod hierarchy;
mod study_table;

pub use background::follow_study;

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
        (_, Some(kind)) => study_table::study_table(kind, active, lang),
        (Panel::ModeCurves, _) => curves::mode_curves(lang, active),
        (Panel::Bytes, _) => bytes::bytes_chart(lang, round, active),
        (Panel::Hierarchy, _) => hierarchy::hierarchy_table(lang, active),
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

    /// What [`load`] dispatches opens in the app state, with the lesson's view.
    #[test]
    fn every_variant_loads_into_the_app_state() {
        for (i, l) in LESSONS.iter().enumerate() {
            for v in 0..l.variant_count() {
                let (s, view) = l.load(v);
                let st = AppState::load(&s, &view)
                    .unwrap_or_else(|e| panic!("lesson {i} variant {v} loads: {e}"));
                assert_eq!(
                    st.view().selected,
                    view.selected,
                    "lesson {i}: selection kept"
                );
            }
        }
    }
}
