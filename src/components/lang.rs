//! The language switch: a `<select>` in the top bar listing each language by its own name.

use yew::prelude::*;

use crate::i18n::{Lang, tr, use_lang};
use crate::state::{Action, AppState};

/// Props of [`LangSwitch`].
#[derive(Properties, PartialEq)]
pub struct LangSwitchProps {
    /// Sends actions.
    pub dispatch: UseReducerDispatcher<AppState>,
}

/// The language switch in the top bar.
#[function_component(LangSwitch)]
pub fn lang_switch(p: &LangSwitchProps) -> Html {
    let lang = use_lang();
    let onchange = {
        let dispatch = p.dispatch.clone();
        Callback::from(move |e: Event| {
            let v: web_sys::HtmlSelectElement = e.target_unchecked_into();
            if let Some(l) = Lang::parse(&v.value()) {
                dispatch.dispatch(Action::SetLang(l));
            }
        })
    };
    // The name says "Language" in every language, so that someone who cannot read the
    // current one still finds the way back.
    let name = tr(lang, "Language");
    html! {
        <select class="lang-switch" aria-label={name} title={name} {onchange} data-testid="lang">
            { for Lang::ALL.iter().map(|&l| html! {
                <option value={l.tag()} lang={l.tag()} selected={l == lang}>{ l.native_name() }</option>
            }) }
        </select>
    }
}
