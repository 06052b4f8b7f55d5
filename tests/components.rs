//! Component tests: the app mounted in headless Chromium (wasm-bindgen-test), driven through
//! its DOM like a user would.
#![cfg(target_arch = "wasm32")]

use std::time::Duration;

use gossip_playground::app::App;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{Element, HtmlElement, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

async fn settle() {
    yew::platform::time::sleep(Duration::from_millis(30)).await;
}

async fn mount() -> Element {
    // Each app writes its run into the address bar; start every test from a clean URL.
    let window = gloo::utils::window();
    let path = window.location().pathname().expect("a path");
    window
        .history()
        .expect("history")
        .replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&path))
        .expect("replaceState");
    let doc = gloo::utils::document();
    let root = doc.create_element("div").expect("a div");
    doc.body()
        .expect("a body")
        .append_child(&root)
        .expect("append");
    yew::Renderer::<App>::with_root(root.clone()).render();
    settle().await;
    root
}

fn get(root: &Element, testid: &str) -> Element {
    root.query_selector(&format!("[data-testid={testid}]"))
        .ok()
        .flatten()
        .unwrap_or_else(|| panic!("no element with data-testid={testid}"))
}

/// The element once it is there: Yew renders on its own schedule, and a loaded machine can
/// take longer than [`settle`] (up to 3 s, then the same panic as [`get`]).
async fn appear(root: &Element, testid: &str) -> Element {
    for _ in 0..150 {
        if let Ok(Some(el)) = root.query_selector(&format!("[data-testid={testid}]")) {
            return el;
        }
        settle().await;
    }
    get(root, testid)
}

fn text(root: &Element, testid: &str) -> String {
    get(root, testid).text_content().unwrap_or_default()
}

async fn click(root: &Element, testid: &str) {
    get(root, testid)
        .dyn_into::<HtmlElement>()
        .expect("an HTML element")
        .click();
    settle().await;
}

#[wasm_bindgen_test]
async fn step_advances_the_round_and_changes_the_counts() {
    let root = mount().await;
    assert_eq!(text(&root, "round"), "round 0");
    let before = text(&root, "counts");
    click(&root, "step").await;
    assert_eq!(text(&root, "round"), "round 1", "one click, one round");
    assert_ne!(
        text(&root, "counts"),
        before,
        "node 0 pushed to a peer, so a count moved"
    );
    assert!(
        text(&root, "round-log").starts_with("Round 1:"),
        "the log narrates round 1"
    );
}

#[wasm_bindgen_test]
async fn back_returns_exactly_to_the_earlier_counts() {
    let root = mount().await;
    for _ in 0..3 {
        click(&root, "step").await;
    }
    let at3 = text(&root, "counts");
    for _ in 0..3 {
        click(&root, "step").await;
    }
    assert_ne!(text(&root, "counts"), at3, "the rumor kept spreading");
    for _ in 0..3 {
        click(&root, "back").await;
    }
    assert_eq!(text(&root, "round"), "round 3");
    assert_eq!(text(&root, "counts"), at3, "stepping back is exact");
}

#[wasm_bindgen_test]
async fn a_bad_node_count_is_refused_inline_and_the_page_keeps_working() {
    let root = mount().await;
    let input: HtmlInputElement = get(&root, "field-nodes").dyn_into().expect("input");
    input.set_value("99999");
    input
        .dispatch_event(&web_sys::Event::new("input").expect("event"))
        .expect("dispatch");
    settle().await;
    click(&root, "apply").await;
    let err = appear(&root, "form-error")
        .await
        .text_content()
        .unwrap_or_default();
    assert!(
        err.contains("allowed 2..=10000"),
        "the message names the range: {err}"
    );
    click(&root, "step").await;
    assert_eq!(text(&root, "round"), "round 1", "the old run still steps");
}

#[wasm_bindgen_test]
async fn kill_and_revive_the_selected_node() {
    let root = mount().await;
    assert_eq!(
        text(&root, "node-status"),
        "alive",
        "node 0 is selected at start"
    );
    click(&root, "kill").await;
    assert_eq!(text(&root, "node-status"), "dead");
    click(&root, "step").await;
    assert_eq!(text(&root, "node-status"), "dead", "dead nodes stay dead");
    click(&root, "revive").await;
    assert_eq!(text(&root, "node-status"), "alive");
}

#[wasm_bindgen_test]
async fn inject_adds_a_message_chip() {
    let root = mount().await;
    click(&root, "inject").await;
    assert!(
        root.query_selector("[data-testid=chip-m1]")
            .ok()
            .flatten()
            .is_some(),
        "m1 appears"
    );
    let table = text(&root, "message-table");
    assert!(
        table.contains("m1") && table.contains("fresh"),
        "node 0 holds m1 fresh: {table}"
    );
}

#[wasm_bindgen_test]
async fn the_help_overlay_opens_and_closes() {
    let root = mount().await;
    click(&root, "help-toggle").await;
    assert!(text(&root, "help").contains("play / pause"));
}

#[wasm_bindgen_test]
fn a_panic_covers_the_page_with_its_message() {
    gossip_playground::panic_hook::show("index out of bounds at src/scene.rs:1:2");
    let doc = gloo::utils::document();
    let overlay = doc
        .query_selector("[data-testid=panic]")
        .ok()
        .flatten()
        .expect("an overlay");
    let said = overlay.text_content().unwrap_or_default();
    assert!(said.contains("the playground stopped"), "{said}");
    assert!(
        said.contains("index out of bounds at src/scene.rs:1:2"),
        "{said}"
    );
    let body = doc.body().expect("a body");
    assert_eq!(body.get_attribute("data-crashed").as_deref(), Some("true"));
    overlay.remove();
    body.remove_attribute("data-crashed").expect("remove");
}
