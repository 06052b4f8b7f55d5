//! The embedded player's compact control bar: back, play/pause, step and the round.

use yew::prelude::*;

use crate::i18n::tr;
use crate::state::{Action, AppState};

/// Props of [`EmbedBar`].
#[derive(Properties, PartialEq)]
pub struct EmbedBarProps {
    /// Sends actions.
    pub dispatch: UseReducerDispatcher<AppState>,
    /// Current round.
    pub round: u32,
    /// Whether playing.
    pub playing: bool,
    /// Link that opens this run in the full playground.
    pub open_url: AttrValue,
}

/// The compact bar.
#[function_component(EmbedBar)]
pub fn embed_bar(p: &EmbedBarProps) -> Html {
    let lang = crate::i18n::use_lang();
    let click = |a: Action| {
        let d = p.dispatch.clone();
        Callback::from(move |_: MouseEvent| d.dispatch(a.clone()))
    };
    html! {
        <div class="embed-bar" role="toolbar" aria-label={tr(lang, "Time controls")}>
            <button onclick={click(Action::Back)} disabled={p.round == 0} aria-label={tr(lang, "Back one round")} title={tr(lang, "Back one round")} data-testid="back">{"◀"}</button>
            <button class="primary" onclick={click(Action::TogglePlay)} aria-label={tr(lang, if p.playing { "Pause" } else { "Play" })}
                aria-pressed={p.playing.to_string()} data-testid="play">{ if p.playing { "❚❚" } else { "▶" } }</button>
            <button onclick={click(Action::Step)} aria-label={tr(lang, "Step one round")} title={tr(lang, "Step one round")} data-testid="step">{"▶|"}</button>
            <output class="round" data-testid="round">{ crate::i18n::round_label(lang, p.round) }</output>
            <a class="open-full" href={p.open_url.clone()} target="_blank" rel="noopener">{tr(lang, "Open in playground ↗")}</a>
        </div>
    }
}
