//! Hooks for the frame-time probe (tests/e2e/frame-probe.mjs): when the page defines
//! `window.__gossipSteps = []`, the time of every `step()` is appended to it. Without that
//! array nothing is recorded, so normal visitors pay nothing.

use wasm_bindgen::JsValue;

/// Milliseconds from the page's clock (0 outside a browser).
pub fn now() -> f64 {
    if cfg!(not(target_arch = "wasm32")) {
        return 0.0;
    }
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

/// Appends `ms` to `window.__gossipSteps` if the probe asked for it.
pub fn record_step(ms: f64) {
    record("__gossipSteps", ms);
}

/// Appends a value to the array `window[name]` if the probe defined it.
pub fn record(name: &str, ms: f64) {
    if cfg!(not(target_arch = "wasm32")) {
        return;
    }
    let Some(w) = web_sys::window() else { return };
    let key = JsValue::from_str(name);
    if let Ok(v) = js_sys::Reflect::get(&w, &key) {
        // `dyn_into`, not `Array::from`, which would copy the array.
        if let Ok(arr) = wasm_bindgen::JsCast::dyn_into::<js_sys::Array>(v) {
            if arr.length() < 1_000_000 {
                arr.push(&ms.into());
            }
        }
    }
}

/// Size of the wasm linear memory in bytes, for the probe's memory report
/// (`window.wasmBindings.wasm_memory_bytes()`).
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn wasm_memory_bytes() -> f64 {
    use wasm_bindgen::JsCast;
    wasm_bindgen::memory()
        .dyn_into::<js_sys::WebAssembly::Memory>()
        .map_or(0.0, |m| {
            f64::from(js_sys::ArrayBuffer::from(m.buffer()).byte_length())
        })
}

/// Marks the page mounted and drawn (`<body data-ready="true">`), which the end-to-end tests
/// and the probes wait for.
pub fn mark_ready() {
    if let Some(body) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.body())
    {
        body.set_attribute("data-ready", "true").ok();
    }
}
