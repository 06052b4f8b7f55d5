//! The transport bar: step, play/pause, back, reset, speed, and the timeline slider. It owns
//! the play timer hook [`use_play_timer`] (a gloo `Interval`, cancelled by being dropped, as
//! in Yew's boids example), which the app runs whatever controls are shown.

use gloo::timers::callback::Interval;
use yew::prelude::*;

use crate::components::markup::{Esc, raw};
use crate::i18n::{self, Lang, tr};
use crate::state::{Action, AppState};
use crate::view::{MAX_SPEED, MIN_SPEED};

/// Slider position (0..=100) for a speed: logarithmic, so 0.25 and 20 are both reachable.
pub fn speed_to_slider(speed: f64) -> f64 {
    ((speed / MIN_SPEED).ln() / (MAX_SPEED / MIN_SPEED).ln() * 100.0).clamp(0.0, 100.0)
}

/// Speed for a slider position.
pub fn slider_to_speed(v: f64) -> f64 {
    let s = MIN_SPEED * (MAX_SPEED / MIN_SPEED).powf(v / 100.0);
    // Round to a friendly value.
    if s < 1.0 {
        (s * 20.0).round() / 20.0
    } else {
        (s * 4.0).round() / 4.0
    }
}

/// A click handler that sends `action`: one closure type for every button of the bars and
/// the inspector, so its code exists once.
pub fn send(dispatch: &UseReducerDispatcher<AppState>, action: Action) -> Callback<MouseEvent> {
    let d = dispatch.clone();
    Callback::from(move |_| d.dispatch(action.clone()))
}

/// A button of a time-control bar: a tooltip, an accessible name (the text may be a symbol)
/// and a test id.
pub fn bar_button(
    onclick: Callback<MouseEvent>,
    disabled: bool,
    title: &'static str,
    label: &'static str,
    testid: &'static str,
    text: &'static str,
) -> Html {
    html! {
        <button {onclick} {disabled} {title} aria-label={label} data-testid={testid}>{ text }</button>
    }
}

/// The play / pause toggle of a time-control bar (tooltip only where given).
pub fn play_button(
    onclick: Callback<MouseEvent>,
    playing: bool,
    title: Option<&'static str>,
    label: &'static str,
    text: &'static str,
) -> Html {
    html! {
        <button class="primary" {onclick} {title} aria-label={label}
            aria-pressed={if playing { "true" } else { "false" }} data-testid="play">{ text }</button>
    }
}

/// The transport bar: `frontier` is the furthest computed round, `speed` in rounds per
/// second. A plain function, not a component: each component costs its own copy of Yew's
/// lifecycle code, and this one has no state to keep.
pub fn transport(
    lang: Lang,
    d: &UseReducerDispatcher<AppState>,
    (round, label, timed): (u32, &str, bool),
    frontier: u32,
    playing: bool,
    speed: f64,
) -> Html {
    let on_seek = {
        let d = d.clone();
        Callback::from(move |e: InputEvent| {
            let v: web_sys::HtmlInputElement = e.target_unchecked_into();
            if let Ok(r) = v.value().parse::<u32>() {
                d.dispatch(Action::Seek(r));
            }
        })
    };
    let on_speed = {
        let d = d.clone();
        Callback::from(move |e: InputEvent| {
            let v: web_sys::HtmlInputElement = e.target_unchecked_into();
            if let Some(x) = crate::num::parse_f64(&v.value()) {
                d.dispatch(Action::SetSpeed(slider_to_speed(x)));
            }
        })
    };
    html! {
        <div class="transport" role="toolbar" aria-label={tr!(lang, "Time controls")}>
            { bar_button(send(d, Action::Reset), false, tr!(lang, "Reset to round 0 (R)"), tr!(lang, "Reset to round 0"), "reset", tr!(lang, "Reset")) }
            { bar_button(send(d, Action::Back), round == 0, tr!(lang, "Back one round (←)"), tr!(lang, "Back one round"), "back", tr!(lang, "◀ Back")) }
            { play_button(send(d, Action::TogglePlay), playing, Some(tr!(lang, "Play or pause (Space)")),
                if playing { tr!(lang, "Pause") } else { tr!(lang, "Play") },
                if playing { tr!(lang, "❚❚ Pause") } else { tr!(lang, "▶ Play") }) }
            { bar_button(send(d, Action::Step), false, tr!(lang, "Step one round (→)"), tr!(lang, "Step one round"), "step", tr!(lang, "Step ▶")) }
            // Text around the sliders is markup: it is no control (see `markup`).
            <label class="round-label">
                { raw(format!(r#"<span class="visually-hidden">{}</span>"#, Esc(tr!(lang, "Round")))) }
                <input type="range" min="0" max={frontier.max(1).to_string()} value={round.to_string()}
                    oninput={on_seek} aria-label={tr!(lang, "Timeline: round")} aria-valuetext={label.to_string()} data-testid="scrub" />
            </label>
            { raw(format!(r#"<output class="round" data-testid="round" aria-live="off">{}</output>"#, Esc(label))) }
            <label class="speed" title={tr!(lang, "Speed: rounds per second")}>
                { raw(format!("<span>{}</span>", Esc(tr!(lang, "speed")))) }
                <input type="range" min="0" max="100" step="1" value={format!("{:.0}", speed_to_slider(speed))}
                    oninput={on_speed} aria-label={tr!(lang, "Speed, rounds per second")}
                    aria-valuetext={i18n::speed_value_text(lang, speed, timed)} data-testid="speed" />
                { raw(format!(
                    r#"<span class="speed-value" data-testid="speed-value">{}</span>"#,
                    Esc(&i18n::speed_value(lang, speed, timed))
                )) }
            </label>
        </div>
    }
}

/// Steps the run `speed` times a second while `playing`. The timer lives exactly as long as
/// playing is on (and is rebuilt when the speed changes); the app runs this hook in every
/// layout, so an embedded player with minimal or no controls plays too.
#[hook]
pub fn use_play_timer(dispatch: UseReducerDispatcher<AppState>, playing: bool, speed: f64) {
    use_effect_with((playing, speed), move |&(playing, speed)| {
        let timer = playing.then(|| {
            let ms = (1000.0 / speed).round() as u32;
            Interval::new(ms.max(16), move || dispatch.dispatch(Action::Step))
        });
        move || drop(timer)
    });
}
