//! The message bar above the graph: which message the graph shows, and the inject tool.

use std::fmt::Write as _;

use gossip_engine::Simulation;
use yew::prelude::*;

use crate::components::markup::{Esc, raw};
use crate::i18n::{self, Lang, tr};
use crate::palette::swatch_class;
use crate::state::{Action, AppState};

fn chips(
    lang: Lang,
    sim: &Simulation,
    shown: Option<u32>,
    dispatch: &UseReducerDispatcher<AppState>,
) -> Html {
    html! {
        <div class="chips" role="radiogroup" aria-label={tr!(lang, "Message shown on the graph")}>
            { for sim.message_ids().map(|id| {
                let m = sim.message(id);
                let latest = m.and_then(|m| m.versions.get(m.latest as usize));
                let label = latest.map_or(String::new(), |v| v.content.clone());
                let version = latest.map_or(1, |v| v.number);
                let d = dispatch.clone();
                let on = shown == Some(id);
                // The button stays a node of its own (it keeps focus across rounds); what it
                // shows is text, so it is markup.
                let mut face = format!(r#"<span class="{}"></span>m{id}"#, swatch_class(id));
                if version > 1 {
                    let _ = write!(face, "<sup>v{version}</sup>");
                }
                let _ = write!(face, r#"<span class="chip-text">{}</span>"#, Esc(&label));
                html! {
                    <button class="chip" role="radio" aria-checked={if on { "true" } else { "false" }}
                        onclick={Callback::from(move |_| d.dispatch(Action::ShowMessage(id)))}
                        title={i18n::show_message_title(lang, id, version)} data-testid={format!("chip-m{id}")}>
                        { raw(face) }
                    </button>
                }
            }) }
        </div>
    }
}

/// The message bar.
pub fn message_bar(dispatch: &UseReducerDispatcher<AppState>, st: &AppState) -> Html {
    let lang = st.lang;
    let t = st.timeline.borrow();
    let sim = t.sim();
    if sim.membership().is_some() {
        return html! {
            <div class="message-bar">
                <p class="muted">{ tr!(lang, "Heartbeat membership: kill a node, then watch the news of its failure spread. Orange = has detected it, blue square = has forgotten it.") }</p>
            </div>
        };
    }
    let inject = |update: bool| {
        let d = dispatch.clone();
        let content = st.typed.clone();
        Callback::from(move |_: MouseEvent| {
            d.dispatch(Action::Inject {
                content: content.clone(),
                update,
            })
        })
    };
    // The field is bound to the state (Yew writes an `<input>`'s value back on every render
    // when it differs from the DOM's).
    let on_input = {
        let d = dispatch.clone();
        Callback::from(move |e: InputEvent| {
            let field: web_sys::HtmlInputElement = e.target_unchecked_into();
            d.dispatch(Action::Type(field.value()));
        })
    };
    let target = st
        .selected
        .map_or(tr!(lang, "the selected node").to_string(), |n| {
            i18n::node_name(lang, n)
        });
    html! {
        <div class="message-bar">
            { chips(lang, sim, st.message, dispatch) }
            <div class="inject">
                <label for="inject-value" class="visually-hidden">{tr!(lang, "Value to inject")}</label>
                <input id="inject-value" type="text" maxlength="256" value={st.typed.clone()} oninput={on_input}
                    placeholder={tr!(lang, "value")} data-testid="inject-value" />
                <button onclick={inject(false)} title={i18n::inject_title(lang, &target)} data-testid="inject">
                    { tr!(lang, "Inject new") }
                </button>
                if let Some(m) = st.message {
                    <button onclick={inject(true)} title={i18n::update_title(lang, m, &target)} data-testid="update">
                        { i18n::update_label(lang, m) }
                    </button>
                }
            </div>
        </div>
    }
}
