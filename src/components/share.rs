//! The Share dialog: copy a link or an `<iframe>` snippet, download or upload the scenario as
//! JSON, and export the statistics (CSV, JSON) and the graph (PNG, SVG).

use std::rc::Rc;

use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use yew::prelude::*;

use crate::components::markup::{Esc, raw};
use crate::i18n::{Text, text, tr};
use crate::palette;
use crate::render::svg::scene_svg;
use crate::share::export;
use crate::share::link::{self, Controls, Options};
use crate::state::{Action, AppState, Notice};

/// The page's address without its query or fragment: links are built on it, so they work
/// from any path.
pub fn base_url() -> String {
    web_sys::window()
        .map(|w| {
            let l = w.location();
            format!(
                "{}{}",
                l.origin().unwrap_or_default(),
                l.pathname().unwrap_or_default()
            )
        })
        .unwrap_or_default()
}

/// The `<iframe>` snippet that embeds the current run.
pub fn iframe_snippet(st: &AppState) -> String {
    let scenario = st.timeline.borrow().scenario();
    let options = Options {
        embed: true,
        controls: Controls::Minimal,
        theme: st.options.theme,
        lang: Some(st.lang),
        lesson: None,
    };
    let q = link::encode(&scenario, &st.view(), &options);
    format!(
        r#"<iframe src="{}#{}" width="640" height="420" style="border:0;max-width:100%" title="Gossip Playground" loading="lazy"></iframe>"#,
        base_url(),
        q.replace('&', "&amp;")
    )
}

/// Reads the file chosen in the `<input type="file">` that fired `e` as text, then calls
/// `on_text` with it (the player's and the real-systems page's "Open scenario").
pub fn read_chosen_file(e: &Event, on_text: impl FnOnce(String) + 'static) {
    let input: web_sys::HtmlInputElement = e.target_unchecked_into();
    let Some(file) = input.files().and_then(|f| f.get(0)) else {
        return;
    };
    let Ok(reader) = web_sys::FileReader::new() else {
        return;
    };
    let r2 = reader.clone();
    let onload = Closure::once_into_js(move || {
        let text = r2.result().ok().and_then(|v| v.as_string());
        on_text(text.unwrap_or_default());
    });
    reader.set_onload(Some(onload.unchecked_ref()));
    let _ = reader.read_as_text(&file);
}

/// Offers `data` as a file download.
pub fn download(name: &str, mime: &str, data: &str) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let parts = js_sys::Array::of1(&data.into());
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    download_url(&doc, name, &url);
    let _ = web_sys::Url::revoke_object_url(&url);
}

fn download_url(doc: &web_sys::Document, name: &str, url: &str) {
    if let Some(a) = doc
        .create_element("a")
        .ok()
        .and_then(|e| e.dyn_into::<web_sys::HtmlAnchorElement>().ok())
    {
        a.set_href(url);
        a.set_download(name);
        if let Some(body) = doc.body() {
            let _ = body.append_child(&a);
            a.click();
            let _ = body.remove_child(&a);
        }
    }
}

fn copy(text: String) {
    if let Some(w) = web_sys::window() {
        let _ = w.navigator().clipboard().write_text(&text);
    }
}

/// What an export button downloads.
#[derive(Clone, Copy)]
enum Export {
    /// The scenario as a JSON file that the dialog can open again.
    Scenario,
    /// Per-round statistics of the shown message.
    Csv,
    /// The scenario and the per-round statistics of every message.
    Json,
    /// The canvas as it is on screen.
    Png,
    /// The graph redrawn as vectors, in the page's theme.
    Svg,
}

/// Builds the file `what` and offers it as a download.
fn export(what: Export, st: &AppState, scene: &crate::render::canvas::Scene) {
    let t = st.timeline.borrow();
    match what {
        Export::Scenario => download(
            "gossip-scenario.json",
            "application/json",
            &export::scenario_file(&t.scenario()),
        ),
        Export::Csv => download(
            "gossip-rounds.csv",
            "text/csv",
            &export::stats_csv(t.history(), st.message, t.sim().config().time.as_ref()),
        ),
        Export::Json => download(
            "gossip-rounds.json",
            "application/json",
            &export::stats_json(&t.scenario(), t.history()),
        ),
        Export::Png => {
            let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
                return;
            };
            let canvas = doc
                .query_selector("canvas.graph")
                .ok()
                .flatten()
                .and_then(|e| e.dyn_into::<web_sys::HtmlCanvasElement>().ok());
            if let Some(url) = canvas.and_then(|c| c.to_data_url().ok()) {
                download_url(&doc, "gossip-graph.png", &url);
            }
        }
        Export::Svg => {
            let dark = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.document_element())
                .is_some_and(|e| e.get_attribute("data-theme").as_deref() == Some("dark"));
            let palette = if dark {
                &palette::DARK
            } else {
                &palette::LIGHT
            };
            download(
                "gossip-graph.svg",
                "image/svg+xml",
                &scene_svg(scene, palette, 800.0),
            );
        }
    }
}

/// The dialog; `scene` is the picture on the canvas, for the SVG export.
pub fn share_dialog(
    d: &UseReducerDispatcher<AppState>,
    st: &Rc<AppState>,
    scene: &Rc<crate::render::canvas::Scene>,
) -> Html {
    let lang = st.lang;
    let url = format!("{}#{}", base_url(), st.link());
    let snippet = iframe_snippet(st);
    let close = {
        let d = d.clone();
        Callback::from(move |_: MouseEvent| d.dispatch(Action::Share(false)))
    };
    let copy_btn = |what: &'static str, text: String| {
        let d = d.clone();
        Callback::from(move |_: MouseEvent| {
            copy(text.clone());
            d.dispatch(Action::Copied(what));
        })
    };
    // Files are built when their button is pressed, not on every render of the dialog.
    let export = |what: Export| {
        let st = st.clone();
        let scene = scene.clone();
        Callback::from(move |_: MouseEvent| export(what, &st, &scene))
    };
    let upload = {
        let d = d.clone();
        Callback::from(move |e: Event| {
            let d = d.clone();
            read_chosen_file(&e, move |text| match export::read_scenario_file(&text) {
                Ok(s) => d.dispatch(Action::Load {
                    scenario: Box::new(s),
                    view: Default::default(),
                    lesson: None,
                }),
                Err(e) => d.dispatch(Action::Notify(Notice::NotAScenario(e))),
            });
        })
    };
    let button = |testid: &'static str, text: Text, onclick: Callback<MouseEvent>| {
        action_button(testid, text.get(lang), onclick)
    };
    html! {
        <div class="overlay" role="dialog" aria-modal="true" aria-label={tr!(lang, "Share")} data-testid="share-dialog">
            <div class="dialog share">
                {raw(format!(
                    r#"<h2>{}</h2><label for="share-link">{}</label>"#,
                    Esc(tr!(lang, "Share this run")),
                    Esc(tr!(lang, "Link (opens exactly this round)"))
                ))}
                <div class="inline">
                    <input id="share-link" type="text" readonly=true value={url.clone()} data-testid="share-link" />
                    {button("copy-link", text!("Copy"), copy_btn("link", url))}
                </div>
                {raw(format!(r#"<label for="share-embed">{}</label>"#, Esc(tr!(lang, "Embed in a page"))))}
                <div class="inline">
                    <textarea id="share-embed" readonly=true rows="3" value={snippet.clone()} data-testid="share-embed" />
                    {button("copy-embed", text!("Copy"), copy_btn("snippet", snippet))}
                </div>
                if let Some(what) = st.copied {
                    <p class="muted" role="status" data-copied={what}>{ tr!(lang, "Copied.") }</p>
                }
                {heading(tr!(lang, "Scenario file"))}
                <div class="actions">
                    {button("download-scenario", text!("Download JSON"), export(Export::Scenario))}
                    <label class="file-button">
                        {tr!(lang, "Open a scenario file…")}
                        <input type="file" accept=".json,application/json" onchange={upload} data-testid="upload-scenario" />
                    </label>
                </div>
                {heading(tr!(lang, "Export"))}
                <div class="actions">
                    {button("export-csv", text!("Rounds (CSV)"), export(Export::Csv))}
                    {button("export-json", text!("Rounds (JSON)"), export(Export::Json))}
                    {button("export-png", text!("Graph (PNG)"), export(Export::Png))}
                    {button("export-svg", text!("Graph (SVG)"), export(Export::Svg))}
                </div>
                <button class="primary" onclick={close} data-testid="share-close">{tr!(lang, "Close")}</button>
            </div>
        </div>
    }
}

/// `<button data-testid=..>text</button>`: the dialog's seven plain buttons, written once.
fn action_button(testid: &'static str, text: &'static str, onclick: Callback<MouseEvent>) -> Html {
    html! { <button {onclick} data-testid={testid}>{text}</button> }
}

/// A section heading of the dialog.
fn heading(text: &'static str) -> Html {
    html! { <h3>{text}</h3> }
}
