//! A panic shows an overlay with the message instead of leaving a frozen page.

use wasm_bindgen::JsCast;

/// Installs the hook (once, at start-up, before the app is rendered).
///
/// Through Yew, not `std::panic::set_hook`: Yew's renderer replaces any hook it was not told
/// about with its own, which only logs to the console and leaves a frozen page.
pub fn install() {
    yew::set_custom_panic_hook(Box::new(|info| show(&info.to_string())));
}

/// Logs `msg` and covers the page with an overlay that says the playground stopped.
pub fn show(msg: &str) {
    web_sys::console::error_1(&format!("Gossip Playground crashed: {msg}").into());
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Ok(div) = doc.create_element("div") else {
        return;
    };
    div.set_class_name("panic-overlay");
    div.set_attribute("role", "alert").ok();
    div.set_attribute("data-testid", "panic").ok();
    let text = format!(
        "Something went wrong and the playground stopped.\n\n{msg}\n\nReload the page to start again. \
         If you opened a shared link, the link itself is kept in the address bar."
    );
    if let Ok(p) = doc.create_element("pre") {
        p.set_text_content(Some(&text));
        div.append_child(&p).ok();
    }
    if let Some(body) = doc.body() {
        body.append_child(&div).ok();
        if let Some(b) = body.dyn_ref::<web_sys::HtmlElement>() {
            b.set_attribute("data-crashed", "true").ok();
        }
    }
}
