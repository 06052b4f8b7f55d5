//! The pages' keys (the player's shortcuts; on the real-time pages → ← a tick, Shift+→ ← a
//! longer step, Space plays), heard on the whole document while the page lives. A focused
//! control keeps the keys it uses itself: a text field every key but Escape, a button Space
//! and Enter (so Space after a click on "Crash" does not crash again), a slider its arrows.

use gloo::events::{EventListener, EventListenerOptions};
use wasm_bindgen::JsCast;

/// Listens on the document; `take(key, shift)` acts on a key and says whether it did (the
/// key's default is then prevented). Dropping the listener stops it.
pub fn listen(take: impl Fn(&str, bool) -> bool + 'static) -> Option<EventListener> {
    let doc = web_sys::window()?.document()?;
    let opts = EventListenerOptions::enable_prevent_default();
    Some(EventListener::new_with_options(
        &doc,
        "keydown",
        opts,
        move |e| {
            let Some(e) = e.dyn_ref::<web_sys::KeyboardEvent>() else {
                return;
            };
            if e.ctrl_key() || e.meta_key() || e.alt_key() {
                return;
            }
            let key = e.key();
            let target = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok());
            let tag = target.as_ref().map(|el| el.tag_name()).unwrap_or_default();
            let kind = target
                .as_ref()
                .and_then(|el| el.get_attribute("type"))
                .unwrap_or_default();
            let own = match tag.as_str() {
                "SELECT" | "TEXTAREA" => key != "Escape",
                "INPUT" if kind == "range" => key.starts_with("Arrow"),
                "INPUT" => key != "Escape",
                "BUTTON" => matches!(key.as_str(), " " | "Enter"),
                _ => false,
            };
            if !own && take(&key, e.shift_key()) {
                e.prevent_default();
            }
        },
    ))
}
