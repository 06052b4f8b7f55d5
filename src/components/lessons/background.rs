//! The seeded tables, computed in the background: one slice of work per browser task (at
//! most [`SLICE_MS`] each, then the page paints), only while the lesson that shows the table
//! is open, and kept for the rest of the visit once computed.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use yew::prelude::*;

use crate::lessons::LESSONS;
use crate::lessons::study::{Study, StudyKind};
use crate::state::{Action, AppState};

/// Longest stretch of table computation before the page gets to paint, in milliseconds.
const SLICE_MS: f64 = 12.0;

thread_local! {
    /// Seeded tables, computed at most once per visit (and only when a lesson asks).
    static STUDIES: RefCell<Vec<Rc<RefCell<Study>>>> = const { RefCell::new(Vec::new()) };
}

pub(super) fn study(kind: StudyKind) -> Rc<RefCell<Study>> {
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
