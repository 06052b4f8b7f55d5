//! The embedded player's compact control bar: back, play/pause, step and the round.

use yew::prelude::*;

use crate::components::markup::{Esc, raw};
use crate::components::transport::{bar_button, play_button, send};
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
    let d = &p.dispatch;
    let back = tr(lang, "Back one round");
    let step = tr(lang, "Step one round");
    html! {
        <div class="embed-bar" role="toolbar" aria-label={tr(lang, "Time controls")}>
            { bar_button(send(d, Action::Back), p.round == 0, back, back, "back", "◀") }
            { play_button(send(d, Action::TogglePlay), p.playing, None, tr(lang, if p.playing { "Pause" } else { "Play" }),
                if p.playing { "❚❚" } else { "▶" }) }
            { bar_button(send(d, Action::Step), false, step, step, "step", "▶|") }
            { raw(format!(
                r#"<output class="round" data-testid="round">{}</output>"#,
                Esc(&crate::i18n::round_label(lang, p.round))
            )) }
            <a class="open-full" href={p.open_url.clone()} target="_blank" rel="noopener">{tr(lang, "Open in playground ↗")}</a>
        </div>
    }
}
