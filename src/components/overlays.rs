//! The keyboard help ("?") and the "what am I looking at" intro.

use yew::prelude::*;

use crate::state::{Action, AppState};

/// Props of the overlays.
#[derive(Properties, PartialEq)]
pub struct OverlayProps {
    /// Sends actions.
    pub dispatch: UseReducerDispatcher<AppState>,
}

/// Keyboard shortcuts, as shown in the help.
pub const SHORTCUTS: [(&str, &str); 14] = [
    ("Space", "play / pause"),
    ("→", "step one round"),
    ("←", "back one round"),
    ("R", "reset to round 0"),
    ("[  ]", "select previous / next node"),
    ("I", "inject a new message at the selected node"),
    ("U", "write a new version of the shown message"),
    ("K", "kill the selected node"),
    ("V", "revive the selected node"),
    ("A", "revive it empty (amnesia)"),
    ("J", "join a new node through the selected one"),
    ("M", "show the next message"),
    ("+  −", "faster / slower"),
    ("?  Esc", "this help / close"),
];

/// The keyboard help overlay.
#[function_component(Help)]
pub fn help(p: &OverlayProps) -> Html {
    let close = {
        let d = p.dispatch.clone();
        Callback::from(move |_: MouseEvent| d.dispatch(Action::Help(false)))
    };
    html! {
        <div class="overlay" role="dialog" aria-modal="true" aria-label="Keyboard shortcuts" data-testid="help">
            <div class="dialog">
                <h2>{"Keyboard"}</h2>
                <table class="keys">
                    { for SHORTCUTS.iter().map(|(k, what)| html! { <tr><th scope="row"><kbd>{ *k }</kbd></th><td>{ *what }</td></tr> }) }
                </table>
                <button class="primary" onclick={close} autofocus=true>{"Close"}</button>
            </div>
        </div>
    }
}

/// The intro card.
#[function_component(Intro)]
pub fn intro(p: &OverlayProps) -> Html {
    let close = {
        let d = p.dispatch.clone();
        Callback::from(move |_: MouseEvent| d.dispatch(Action::Intro(false)))
    };
    html! {
        <section class="intro" aria-label="What am I looking at?" data-testid="intro">
            <button class="close" onclick={close} aria-label="Close the introduction">{"×"}</button>
            <h2>{"What am I looking at?"}</h2>
            <p>{"Each circle is a server in a cluster. Node 0 just heard some news (orange). Every round, each node that is spreading the news phones a few random peers and tells them — that is "}<em>{"gossip"}</em>{". Travelling dots are those messages: vermillion when they teach something new, grey rings when the peer already knew, a pink cross when lost."}</p>
            <p>{"Press "}<kbd>{"Step"}</kbd>{" to play one round, or "}<kbd>{"Play"}</kbd>{". Watch the news reach everyone in about log₂N + ln N rounds. Then kill a node, add packet loss, or change the protocol on the left. Press "}<kbd>{"?"}</kbd>{" for the keyboard."}</p>
        </section>
    }
}
