//! The lessons of the real-systems page on screen: a picker in the top bar, and the card of
//! the open lesson with its explanation and the buttons of its variants.

use yew::prelude::*;

use super::lessons::SWIM_LESSONS;
use super::model::{Model, Msg};
use crate::i18n::Text;
use crate::lang::Lang;

const LESSONS: Text = Text("Lessons", "课程");
const CHOOSE: Text = Text("Choose a lesson…", "选择一节课…");
const WATCH: Text = Text("Watch", "观察要点");
const NEXT: Text = Text("Try next", "接下来试试");
const MORE: Text = Text("How it works, with sources", "原理与出处");
const CLOSE: Text = Text("Close the lesson", "关闭课程");

/// The picker: a select of the lessons, which opens the chosen one's first variant.
pub fn lesson_picker(lang: Lang, open: Option<usize>, d: &UseReducerDispatcher<Model>) -> Html {
    let d = d.clone();
    let onchange = Callback::from(move |e: Event| {
        let v: web_sys::HtmlSelectElement = e.target_unchecked_into();
        let i = v.selected_index();
        d.dispatch(Msg::Lesson((i > 0).then(|| (i as usize - 1, 0))));
    });
    html! {
        <select {onchange} aria-label={LESSONS.get(lang)} data-testid="swim-lessons">
            <option selected={open.is_none()}>{CHOOSE.get(lang)}</option>
            { for SWIM_LESSONS.iter().enumerate().map(|(i, l)| html! {
                <option selected={open == Some(i)}>{l.title.get(lang)}</option>
            }) }
        </select>
    }
}

/// The open lesson's card.
pub fn lesson_card(lang: Lang, (l, v): (usize, usize), d: &UseReducerDispatcher<Model>) -> Html {
    let Some(lesson) = SWIM_LESSONS.get(l) else {
        return Html::default();
    };
    let variants = lesson.variants.iter().enumerate().map(|(i, (label, _))| {
        let d = d.clone();
        let onclick = Callback::from(move |_: MouseEvent| d.dispatch(Msg::Lesson(Some((l, i)))));
        html! {
            <button class={classes!((i == v).then_some("primary"))} {onclick}
                aria-pressed={(i == v).to_string()} data-testid={format!("variant-{i}")}>
                {label.get(lang)}
            </button>
        }
    });
    let close = {
        let d = d.clone();
        Callback::from(move |_: MouseEvent| d.dispatch(Msg::Lesson(None)))
    };
    html! {
        <article class="swim-lesson" data-testid="swim-lesson" data-slug={lesson.slug}>
            <header>
                <h2>{lesson.title.get(lang)}</h2>
                <button class="close" onclick={close} aria-label={CLOSE.get(lang)} title={CLOSE.get(lang)}>{"×"}</button>
            </header>
            <div class="swim-buttons">{ for variants }</div>
            <p><strong>{WATCH.get(lang)}{": "}</strong>{lesson.watch.get(lang)}</p>
            <details>
                <summary>{MORE.get(lang)}</summary>
                { for lesson.body.iter().map(|p| html! { <p>{p.get(lang)}</p> }) }
            </details>
            <p><strong>{NEXT.get(lang)}{": "}</strong>{lesson.next.get(lang)}</p>
        </article>
    }
}
