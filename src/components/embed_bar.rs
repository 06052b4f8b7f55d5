//! The embedded player's compact control bar: back, play/pause, step and the round.

use yew::prelude::*;

use crate::components::markup::{Esc, raw};
use crate::components::transport::{bar_button, play_button, send};
use crate::i18n::{Lang, tr};
use crate::state::{Action, AppState};

/// The compact bar: `open_url` opens this run in the full playground. A plain function, not a
/// component: each component costs its own copy of Yew's lifecycle code, and this one has no
/// state to keep.
pub fn embed_bar(
    lang: Lang,
    d: &UseReducerDispatcher<AppState>,
    round: u32,
    label: &str,
    playing: bool,
    open_url: AttrValue,
) -> Html {
    let back = tr!(lang, "Back one round");
    let step = tr!(lang, "Step one round");
    html! {
        <div class="embed-bar" role="toolbar" aria-label={tr!(lang, "Time controls")}>
            { bar_button(send(d, Action::Back), round == 0, back, back, "back", "◀") }
            { play_button(send(d, Action::TogglePlay), playing, None, if playing { tr!(lang, "Pause") } else { tr!(lang, "Play") },
                if playing { "❚❚" } else { "▶" }) }
            { bar_button(send(d, Action::Step), false, step, step, "step", "▶|") }
            { raw(format!(
                r#"<output class="round" data-testid="round">{}</output>"#,
                Esc(label)
            )) }
            <a class="open-full" href={open_url} target="_blank" rel="noopener">{tr!(lang, "Open in playground ↗")}</a>
        </div>
    }
}
