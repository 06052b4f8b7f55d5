//! The address bar: where a link is read from when the page opens, where the page keeps
//! the link of what is on screen, and pasted links that open without a reload.
//!
//! The link lives in the fragment (`#v=2&…`). A version 1 link in the query string
//! (`?v=1&…`) is read once and replaced by the fragment form.

use gloo::events::EventListener;
use wasm_bindgen::JsValue;
use yew::UseReducerDispatcher;

use crate::lang::Lang;
use crate::lessons::LESSONS;
use crate::share::link::{self, Decoded};
use crate::state::{Action, AppState};

/// The link in the address bar: the fragment if it has one, else the query string.
fn current() -> Option<String> {
    let location = web_sys::window()?.location();
    let hash = location.hash().unwrap_or_default();
    let search = location.search().unwrap_or_default();
    [hash, search].into_iter().find(|s| s.len() > 1)
}

/// The link the page was opened with, decoded; `None` when there is none.
pub fn read() -> Option<Decoded> {
    current().map(|text| with_lesson_run(&text, link::decode(&text, LESSONS.len())))
}

/// Page options a link may carry besides a lesson without describing a run.
const NOT_RUN: [&str; 6] = ["v", "lesson", "lang", "theme", "embed", "controls"];

/// A link that names a lesson and no run (`#lesson=3`, as a teacher types it) opens that
/// lesson's own run, not the default one under the lesson's text.
fn with_lesson_run(text: &str, mut d: Decoded) -> Decoded {
    let pairs = text.trim_start_matches(['#', '?']);
    let run_given = form_urlencoded::parse(pairs.as_bytes()).any(|(k, _)| !NOT_RUN.contains(&&*k));
    if let Some(lesson) = d.link.options.lesson.and_then(|i| LESSONS.get(i))
        && !run_given
    {
        (d.link.scenario, d.link.view) = lesson.opening();
    }
    d
}

/// The state a page opens with: the link in the address bar if there is one (its problems
/// shown in a banner), else the default playground; language from the link or the browser.
pub fn opening_state() -> AppState {
    let lang = Lang::from_browser();
    match read() {
        Some(d) => AppState::open(d, lang),
        None => AppState {
            lang,
            ..AppState::initial()
        },
    }
}

/// The page's own address with `pairs` as the fragment, and no query string.
pub fn url_with(pairs: &str) -> Option<String> {
    let location = web_sys::window()?.location();
    let path = location.pathname().ok()?;
    Some(format!("{path}#{pairs}"))
}

/// Shows `pairs` in the address bar without a reload or a history entry (no `hashchange`
/// fires for it).
pub fn write(pairs: &str) {
    let Some(url) = url_with(pairs) else { return };
    if current().as_deref() == Some(&format!("#{pairs}")) {
        return;
    }
    if let Some(h) = web_sys::window().and_then(|w| w.history().ok()) {
        let _ = h.replace_state_with_url(&JsValue::NULL, "", Some(&url));
    }
}

/// Opens a link pasted into the address bar (a changed fragment) without reloading the
/// page, until the returned listener is dropped.
pub fn follow(dispatch: UseReducerDispatcher<AppState>) -> Option<EventListener> {
    let w = web_sys::window()?;
    Some(EventListener::new(&w, "hashchange", move |_| {
        if let Some(d) = read() {
            dispatch.dispatch(Action::Open(Box::new(d)));
        }
    }))
}
