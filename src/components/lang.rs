//! The language switch: a `<select>` in the top bar listing each language by its own name.

use std::fmt::Write as _;

use yew::prelude::*;

use crate::components::markup::{Esc, raw};

use crate::i18n::{Lang, tr};
use crate::state::{Action, AppState};

/// The language switch in the top bar. A plain function, not a component: each component
/// costs its own copy of Yew's lifecycle code, and this one has no state to keep.
pub fn lang_switch(lang: Lang, dispatch: &UseReducerDispatcher<AppState>) -> Html {
    let onchange = {
        let dispatch = dispatch.clone();
        Callback::from(move |e: Event| {
            let v: web_sys::HtmlSelectElement = e.target_unchecked_into();
            if let Some(l) = Lang::parse(&v.value()) {
                dispatch.dispatch(Action::SetLang(l));
            }
        })
    };
    // The name says "Language" in every language, so that someone who cannot read the
    // current one still finds the way back.
    let name = tr!(lang, "Language");
    // The options are markup (see `markup`): the select, not an option, is the control, and
    // the options are rebuilt, with the new one selected, only when the language changes.
    let mut options = String::new();
    for l in Lang::ALL {
        let tag = l.tag();
        let selected = if l == lang { " selected" } else { "" };
        let _ = write!(
            options,
            r#"<option value="{tag}" lang="{tag}"{selected}>{}</option>"#,
            Esc(l.native_name())
        );
    }
    html! {
        <select class="lang-switch" aria-label={name} title={name} {onchange} data-testid="lang">
            { raw(options) }
        </select>
    }
}
