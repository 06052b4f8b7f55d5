//! The keyboard help ("?") and the "what am I looking at" intro. Their text is markup (see
//! [`super::markup`]); only the dialog, its listeners and the buttons are built by `html!`.

use std::cell::RefCell;
use std::fmt::Write as _;

use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::components::markup::{Esc, raw};
use crate::components::transport::send;
use crate::i18n::{Lang, Text, neutral, t, tr};
use crate::state::{Action, AppState};

/// Keyboard shortcuts, as the help lists them: the keys and what they do.
pub const SHORTCUTS: [(Text, Text); 14] = [
    (t("Space"), t("play / pause")),
    (neutral("→"), t("step one round")),
    (neutral("←"), t("back one round")),
    (neutral("R"), t("reset to round 0")),
    (neutral("[  ]"), t("select previous / next node")),
    (neutral("I"), t("inject a new message at the selected node")),
    (neutral("U"), t("write a new version of the shown message")),
    (neutral("K"), t("kill the selected node")),
    (neutral("V"), t("revive the selected node")),
    (neutral("A"), t("revive it empty (amnesia)")),
    (neutral("J"), t("join a new node through the selected one")),
    (neutral("M"), t("show the next message")),
    (neutral("+  −"), t("faster / slower")),
    (neutral("?  Esc"), t("this help / close")),
];

thread_local! {
    /// The control that had focus when the help opened, to give it back when it closes.
    static OPENER: RefCell<Option<web_sys::HtmlElement>> = const { RefCell::new(None) };
}

/// The help's Close button, its one control.
fn close_button() -> Option<web_sys::HtmlElement> {
    web_sys::window()?
        .document()?
        .query_selector("[data-testid=help-close]")
        .ok()??
        .dyn_into()
        .ok()
}

/// After the help opened or closed (the app runs this as an effect): focus moves to its Close
/// button when it opens, and back to where it was when it closes, unless that is gone.
pub fn move_focus(open: bool) {
    if open {
        let opener = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.active_element())
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
        OPENER.with(|o| *o.borrow_mut() = opener);
        if let Some(b) = close_button() {
            b.focus().ok();
        }
    } else if let Some(b) = OPENER
        .with(|o| o.borrow_mut().take())
        .filter(|b| b.is_connected())
    {
        b.focus().ok();
    }
}

/// The keyboard help overlay: a modal dialog. Focus moves to its Close button when it opens
/// ([`move_focus`]), stays inside it while open (Tab), and returns where it was when it
/// closes; Escape, the Close button and a click outside close it.
pub fn help(lang: Lang, dispatch: &UseReducerDispatcher<AppState>) -> Html {
    let close = {
        let d = dispatch.clone();
        Callback::from(move |_: MouseEvent| d.dispatch(Action::Help(false)))
    };
    let backdrop = {
        let d = dispatch.clone();
        Callback::from(move |e: MouseEvent| {
            // Only a click on the dimmed backdrop itself, not inside the dialog.
            if e.target() == e.current_target() {
                d.dispatch(Action::Help(false));
            }
        })
    };
    let keys = {
        let d = dispatch.clone();
        Callback::from(move |e: KeyboardEvent| match e.key().as_str() {
            "Escape" => {
                e.prevent_default();
                e.stop_propagation();
                d.dispatch(Action::Help(false));
            }
            // The Close button is the dialog's only control: Tab keeps focus on it.
            "Tab" => {
                e.prevent_default();
                if let Some(b) = close_button() {
                    b.focus().ok();
                }
            }
            _ => {}
        })
    };
    html! {
        <div class="overlay" onclick={backdrop} onkeydown={keys}>
            <div class="dialog" role="dialog" aria-modal="true" aria-labelledby="help-title" data-testid="help">
                { raw(keys_table(lang)) }
                <button class="primary" onclick={close} data-testid="help-close">{tr!(lang, "Close")}</button>
            </div>
        </div>
    }
}

/// The help's title and table of shortcuts, as markup.
fn keys_table(lang: Lang) -> String {
    let mut s = format!(
        r#"<h2 id="help-title">{}</h2><table class="keys">"#,
        Esc(tr!(lang, "Keyboard shortcuts"))
    );
    for (k, what) in SHORTCUTS {
        let _ = write!(
            s,
            r#"<tr><th scope="row"><kbd>{}</kbd></th><td>{}</td></tr>"#,
            Esc(k.get(lang)),
            Esc(what.get(lang))
        );
    }
    s.push_str("</table>");
    s
}

/// The intro's text, as markup. It tells what the default run does (rumor push, fanout 1,
/// feedback + counter with k = 2, 50 nodes). Its two figures were measured with the CLI:
///
///   gossip-sim run --protocol rumor --mode push --removal feedback-counter --k 2 \
///     --nodes 50 --fanout 1 --topology complete --seed 1 --trials 1000000 --format json
///
/// residue mean 0.03647 (3.6% of nodes never reached), converged 0.1796 (18% of runs reach
/// everyone). The page's own seed 42 happens to be one of those that reach everyone.
fn intro_text(lang: Lang) -> &'static str {
    match lang {
        Lang::En => concat!(
            "<p>Each circle is a server in a cluster. Node 0 just heard some news (orange). Every round, each node that is spreading the news tells one random peer — that is <em>gossip</em>. Travelling dots are those messages: vermillion when they teach something new, grey rings when the peer already knew, a pink cross when lost.</p>",
            "<p>Press <kbd>Step</kbd> to play one round, or <kbd>Play</kbd>. A node stops after telling 2 peers in a row that already knew, so on average 3.6% of nodes never hear the news; only about 18% of runs reach everyone. Then kill a node, add packet loss, or change the protocol on the left. Press <kbd>?</kbd> for the keyboard.</p>",
        ),
        Lang::Zh => concat!(
            "<p>每个圆圈是集群中的一台服务器。节点 0 刚刚听到一条消息（橙色）。每一轮，每个正在传播这条消息的节点都会随机选一个节点，把消息告诉它——这就是<em>gossip（流言）</em>。移动的圆点就是这些消息：朱红色表示带来了新内容，灰色圆环表示对方早已知道，粉色叉号表示消息丢失。</p>",
            "<p>按<kbd>单步</kbd>运行一轮，或按<kbd>播放</kbd>。节点连续 2 次发给已知情的节点后就停止传播，所以平均有 3.6% 的节点始终收不到消息；只有约 18% 的运行能传遍所有节点。然后试着杀死一个节点、加入丢包，或在左侧更换协议。按 <kbd>?</kbd> 查看键盘快捷键。</p>",
        ),
    }
}

/// The intro card. A plain function, not a component: each component costs its own
/// copy of Yew's lifecycle code, and this one has no state to keep.
pub fn intro(lang: Lang, dispatch: &UseReducerDispatcher<AppState>) -> Html {
    html! {
        <section class="intro" aria-labelledby="intro-title" data-testid="intro">
            <button class="close" onclick={send(dispatch, Action::Intro(false))} aria-label={tr!(lang, "Close the introduction")}>{"×"}</button>
            { raw(format!(
                r#"<h2 id="intro-title">{}</h2>{}"#,
                Esc(tr!(lang, "What am I looking at?")),
                intro_text(lang)
            )) }
        </section>
    }
}

#[cfg(test)]
mod tests {
    use gossip_engine::{Config, Mode, Protocol, Scenario, Timeline, TopologyConfig};

    use super::*;

    /// The intro tells what the default run does: hold it to the default configuration.
    #[test]
    fn the_intro_describes_the_default_run() {
        let c = Config::default();
        assert_eq!((c.nodes, c.fanout, c.loss), (50, 1, 0.0));
        assert_eq!(c.topology, TopologyConfig::Complete);
        assert!(matches!(
            c.protocol,
            Protocol::Rumor { mode: Mode::Push, removal, repair_every: None }
                if removal.k == 2 && removal.kind().as_str() == "feedback-counter"
        ));
        // The page's own seed (42) is one of the runs that reach everyone.
        let mut s = Scenario::new(c, 42);
        s.actions = crate::share::link::default_actions(&s.config);
        s.round = 60;
        let t = Timeline::from_scenario(&s).expect("replays");
        let m = t.sim().message(0).expect("m0");
        assert!(m.converged_at.is_some());
        let en = intro_text(Lang::En);
        assert!(en.contains("tells one random peer"));
        assert!(en.contains("2 peers in a row that already knew"));
        assert!(en.contains("3.6%") && en.contains("18%"));
        let zh = intro_text(Lang::Zh);
        assert!(zh.contains("随机选一个节点") && zh.contains("连续 2 次"));
        assert!(zh.contains("3.6%") && zh.contains("18%"));
    }
}
