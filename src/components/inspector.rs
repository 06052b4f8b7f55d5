//! The node inspector: the selected node's message table, exactly as the seed article lists
//! it, or its member list under heartbeat membership.
//!
//! Only the action buttons are built by `html!`; the heading and the tables are markup text
//! (see [`super::markup`]), replaced whole when they change.

use std::fmt::Write as _;

use gossip_engine::{Belief, Protocol, Simulation};
use yew::prelude::*;

use crate::components::markup::{Esc, raw};
use crate::components::transport::send;
use crate::i18n::{Lang, Text, state_text, t, text, tr};
use crate::state::{Action, AppState};

/// Column headings of the message table: label and, where the label is abbreviated, its
/// tooltip.
const MESSAGE_COLUMNS: [(Text, Option<Text>); 8] = [
    (t("id"), None),
    (t("content"), None),
    (t("ver"), Some(t("version"))),
    (t("state"), None),
    (t("recv"), Some(t("round received"))),
    (t("from"), None),
    (t("ctr"), Some(t("loss-of-interest counter"))),
    (
        t("sent"),
        Some(t("last round it sent this (last propagated)")),
    ),
];

/// Column headings of the member list.
const MEMBER_COLUMNS: [(Text, Option<Text>); 4] = [
    (t("member"), None),
    (t("heartbeat"), None),
    (
        t("last increase"),
        Some(t("round of the last heartbeat increase")),
    ),
    (t("view"), None),
];

/// Appends the start of a table, up to its body: its wrapper, its test id and its
/// translated column headings.
fn open_table(out: &mut String, lang: Lang, testid: &str, columns: &[(Text, Option<Text>)]) {
    let _ = write!(
        out,
        r#"<div class="table-wrap"><table class="msg-table" data-testid="{testid}"><thead><tr>"#
    );
    for &(label, title) in columns {
        out.push_str(r#"<th scope="col""#);
        if let Some(title) = title {
            let _ = write!(out, r#" title="{}""#, Esc(title.get(lang)));
        }
        let _ = write!(out, ">{}</th>", Esc(label.get(lang)));
    }
    out.push_str("</tr></thead><tbody>");
}

/// The end of a table opened by [`open_table`].
const CLOSE_TABLE: &str = "</tbody></table></div>";

/// Appends a state (message or belief) as its coloured tag.
fn state(out: &mut String, lang: Lang, name: &'static str) {
    let _ = write!(
        out,
        r#"<td><span class="state {name}">{}</span></td>"#,
        Esc(state_text(name).get(lang))
    );
}

fn message_table(out: &mut String, lang: Lang, sim: &Simulation, node: u32) {
    let rows = sim.table(node);
    if rows.is_empty() {
        let _ = write!(
            out,
            r#"<p class="muted">{}</p>"#,
            Esc(tr!(
                lang,
                "Its message table is empty: it has not heard anything yet."
            ))
        );
        return;
    }
    open_table(out, lang, "message-table", &MESSAGE_COLUMNS);
    for r in &rows {
        let (class, old) = if r.outdated {
            (r#" class="outdated""#, tr!(lang, " (old)"))
        } else {
            ("", "")
        };
        let _ = write!(
            out,
            r#"<tr{class}><td class="nowrap"><span class="{}"></span>m{}</td><td class="content">{}</td><td>{}{}</td>"#,
            crate::palette::swatch_class(r.id),
            r.id,
            Esc(&r.content),
            r.version,
            Esc(old)
        );
        state(out, lang, r.state.as_str());
        let _ = write!(out, "<td>{}</td><td>", r.received);
        match r.from {
            Some(f) => {
                let _ = write!(out, "{f}");
            }
            None => out.push_str(tr!(lang, "origin")),
        }
        let _ = write!(out, "</td><td>{}</td><td>", r.counter);
        match r.last_propagated {
            Some(x) => {
                let _ = write!(out, "{x}");
            }
            None => out.push('—'),
        }
        out.push_str("</td></tr>");
    }
    out.push_str(CLOSE_TABLE);
}

fn member_table(out: &mut String, lang: Lang, sim: &Simulation, node: u32) {
    let Some(ms) = sim.membership() else {
        return;
    };
    let config = sim.config();
    open_table(out, lang, "member-table", &MEMBER_COLUMNS);
    let rows = (0..sim.nodes())
        .map(|s| {
            (
                s,
                ms.entry(node, s),
                ms.belief(node, s, sim.round(), config),
            )
        })
        .filter(|(_, e, b)| e.is_present() || *b == Belief::Forgotten)
        .take(400);
    for (s, e, b) in rows {
        let me = if s == node { tr!(lang, " (self)") } else { "" };
        let _ = write!(out, "<tr><td>{s}{}</td>", Esc(me));
        if e.is_present() {
            let _ = write!(out, "<td>{}</td><td>{}</td>", e.heartbeat, e.last_increase);
        } else {
            out.push_str("<td>—</td><td>—</td>");
        }
        state(out, lang, b.as_str());
        out.push_str("</tr>");
    }
    out.push_str(CLOSE_TABLE);
}

/// The inspector panel. A plain function, not a component: each component costs its own copy
/// of Yew's lifecycle code, and this one has no state to keep.
pub fn inspector(dispatch: &UseReducerDispatcher<AppState>, st: &AppState) -> Html {
    let lang = st.lang;
    let t = st.timeline.borrow();
    let sim = t.sim();
    let Some(node) = st.selected.filter(|&n| n < sim.nodes()) else {
        return raw(format!(
            r#"<section class="card inspector" aria-label="{}"><h2>{}</h2><p class="muted">{}</p></section>"#,
            Esc(tr!(lang, "Node inspector")),
            Esc(tr!(lang, "Node")),
            Esc(tr!(
                lang,
                "Click a node (or press [ and ]) to see its message table and act on it."
            ))
        ));
    };
    let alive = sim.is_alive(node);
    let status = if alive { "alive" } else { "dead" };
    let heading = raw(format!(
        r#"<h2>{}<span class="badge {status}" data-testid="node-status">{}</span></h2>"#,
        Esc(&crate::i18n::node_heading(lang, node)),
        Esc(state_text(status).get(lang))
    ));
    // (action, tooltip, test id, label) of the two buttons.
    let actions = if alive {
        [
            (
                Action::Kill,
                text!("Kill this node (K)"),
                "kill",
                text!("Kill"),
            ),
            (
                Action::Join,
                text!("Add a node that joins through this one (J)"),
                "join",
                text!("Join a node here"),
            ),
        ]
    } else {
        [
            (
                Action::Revive { amnesia: false },
                text!("Revive with its state (V)"),
                "revive",
                text!("Revive"),
            ),
            (
                Action::Revive { amnesia: true },
                text!("Revive empty (A)"),
                "revive-amnesia",
                text!("Revive empty"),
            ),
        ]
    };
    // Keyed, so that Kill and Revive are different elements: after a click on Kill the focus
    // does not stay on a button that has become Revive, and Space plays instead of reviving.
    let buttons = actions.map(|(a, title, testid, text)| {
        html! { <button key={testid} onclick={send(dispatch, a)} title={title.get(lang)} data-testid={testid}>{ text.get(lang) }</button> }
    });
    let mut table = String::new();
    if matches!(sim.config().protocol, Protocol::Membership { .. }) {
        let _ = write!(table, "<h3>{}</h3>", Esc(tr!(lang, "Member list")));
        member_table(&mut table, lang, sim, node);
    } else {
        let _ = write!(table, "<h3>{}</h3>", Esc(tr!(lang, "Message table")));
        message_table(&mut table, lang, sim, node);
    }
    html! {
        <section class="card inspector" aria-label={tr!(lang, "Node inspector")} data-testid="inspector">
            { heading }
            <div class="actions">{ for buttons }</div>
            { raw(table) }
        </section>
    }
}
