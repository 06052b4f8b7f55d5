//! The language switch (placeholder until translations land).

use yew::prelude::*;

use crate::state::AppState;

/// Props of [`LangSwitch`].
#[derive(Properties, PartialEq)]
pub struct LangSwitchProps {
    /// Sends actions.
    pub dispatch: UseReducerDispatcher<AppState>,
}

/// The language switch in the top bar.
#[function_component(LangSwitch)]
pub fn lang_switch(_p: &LangSwitchProps) -> Html {
    html! {}
}
