//! Lessons (placeholder until the lesson catalogue lands).

use std::rc::Rc;

use yew::prelude::*;

use crate::state::AppState;

/// Props of the lesson components.
#[derive(Properties, PartialEq)]
pub struct LessonProps {
    /// Sends actions.
    pub dispatch: UseReducerDispatcher<AppState>,
    /// The app state.
    pub state: Rc<AppState>,
}

/// The lesson picker in the top bar.
#[function_component(LessonPicker)]
pub fn lesson_picker(_p: &LessonProps) -> Html {
    html! {}
}

/// The explanation of the current lesson, beside the graph.
#[function_component(LessonCard)]
pub fn lesson_card(_p: &LessonProps) -> Html {
    html! {}
}
