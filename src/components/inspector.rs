//! The node inspector: the selected node's message table, exactly as the seed article lists
//! it, or its member list under heartbeat membership.

use gossip_engine::{Belief, Protocol, Simulation};
use yew::prelude::*;

use crate::i18n::{Lang, tr, use_lang};
use crate::state::{Action, AppState};

/// Props of [`Inspector`].
#[derive(Properties, PartialEq)]
pub struct InspectorProps {
    /// Sends actions.
    pub dispatch: UseReducerDispatcher<AppState>,
    /// The app state (read-only here).
    pub state: std::rc::Rc<AppState>,
}

fn opt(v: Option<u32>) -> String {
    v.map_or("—".to_string(), |x| x.to_string())
}

/// Column headings of the message table: label and, where the label is abbreviated, its
/// tooltip.
const MESSAGE_COLUMNS: [(&str, &str); 8] = [
    ("id", ""),
    ("content", ""),
    ("ver", "version"),
    ("state", ""),
    ("recv", "round received"),
    ("from", ""),
    ("ctr", "loss-of-interest counter"),
    ("sent", "last round it sent this (last propagated)"),
];

/// Column headings of the member list.
const MEMBER_COLUMNS: [(&str, &str); 4] = [
    ("member", ""),
    ("heartbeat", ""),
    ("last increase", "round of the last heartbeat increase"),
    ("view", ""),
];

/// A table's heading cells, translated (one loop instead of one element per column).
fn head(lang: Lang, columns: &[(&'static str, &'static str)]) -> Html {
    columns
        .iter()
        .map(|&(label, title)| {
            let title = (!title.is_empty()).then(|| tr(lang, title));
            html! { <th scope="col" {title}>{ tr(lang, label) }</th> }
        })
        .collect()
}

fn message_table(lang: Lang, sim: &Simulation, node: u32) -> Html {
    let rows = sim.table(node);
    if rows.is_empty() {
        return html! { <p class="muted">{tr(lang, "Its message table is empty: it has not heard anything yet.")}</p> };
    }
    html! {
        <div class="table-wrap">
        <table class="msg-table" data-testid="message-table">
            <thead><tr>{ head(lang, &MESSAGE_COLUMNS) }</tr></thead>
            <tbody>
            { for rows.iter().map(|r| html! {
                <tr class={classes!(r.outdated.then_some("outdated"))}>
                    <td class="nowrap"><span class={crate::palette::swatch_class(r.id)}></span>{ format!("m{}", r.id) }</td>
                    <td class="content">{ &r.content }</td>
                    <td>{ r.version }{ if r.outdated { tr(lang, " (old)") } else { "" } }</td>
                    <td><span class={classes!("state", r.state.name())}>{ tr(lang, r.state.name()) }</span></td>
                    <td>{ r.received }</td>
                    <td>{ r.from.map_or(tr(lang, "origin").to_string(), |f| f.to_string()) }</td>
                    <td>{ r.counter }</td>
                    <td>{ opt(r.last_propagated) }</td>
                </tr>
            }) }
            </tbody>
        </table>
        </div>
    }
}

fn member_table(lang: Lang, sim: &Simulation, node: u32) -> Html {
    let Some(ms) = sim.membership() else {
        return html! {};
    };
    let protocol = &sim.config().protocol;
    let rows: Vec<_> = (0..sim.nodes())
        .map(|s| {
            (
                s,
                ms.entry(node, s),
                ms.belief(node, s, sim.round(), protocol),
            )
        })
        .filter(|(_, e, b)| e.is_present() || *b == Belief::Forgotten)
        .collect();
    html! {
        <div class="table-wrap">
        <table class="msg-table" data-testid="member-table">
            <thead><tr>{ head(lang, &MEMBER_COLUMNS) }</tr></thead>
            <tbody>
            { for rows.iter().take(400).map(|(s, e, b)| html! {
                <tr>
                    <td>{ s }{ if *s == node { tr(lang, " (self)") } else { "" } }</td>
                    <td>{ if e.is_present() { e.heartbeat.to_string() } else { "—".into() } }</td>
                    <td>{ if e.is_present() { e.last_increase.to_string() } else { "—".into() } }</td>
                    <td><span class={classes!("state", b.name())}>{ tr(lang, b.name()) }</span></td>
                </tr>
            }) }
            </tbody>
        </table>
        </div>
    }
}

/// The inspector panel.
#[function_component(Inspector)]
pub fn inspector(p: &InspectorProps) -> Html {
    let lang = use_lang();
    let st = &p.state;
    let t = st.timeline.borrow();
    let sim = t.sim();
    let Some(node) = st.selected.filter(|&n| n < sim.nodes()) else {
        return html! {
            <section class="card inspector" aria-label={tr(lang, "Node inspector")}>
                <h2>{tr(lang, "Node")}</h2>
                <p class="muted">{tr(lang, "Click a node (or press [ and ]) to see its message table and act on it.")}</p>
            </section>
        };
    };
    let alive = sim.is_alive(node);
    let membership = matches!(sim.config().protocol, Protocol::Membership { .. });
    let d = &p.dispatch;
    let click = |a: Action| {
        let d = d.clone();
        Callback::from(move |_: MouseEvent| d.dispatch(a.clone()))
    };
    html! {
        <section class="card inspector" aria-label={tr(lang, "Node inspector")} data-testid="inspector">
            <h2>
                { crate::i18n::node_heading(lang, node) }
                <span class={classes!("badge", if alive { "alive" } else { "dead" })} data-testid="node-status">
                    { tr(lang, if alive { "alive" } else { "dead" }) }
                </span>
            </h2>
            <div class="actions">
                if alive {
                    <button onclick={click(Action::Kill)} title={tr(lang, "Kill this node (K)")} data-testid="kill">{tr(lang, "Kill")}</button>
                    <button onclick={click(Action::Join)} title={tr(lang, "Add a node that joins through this one (J)")} data-testid="join">{tr(lang, "Join a node here")}</button>
                } else {
                    <button onclick={click(Action::Revive { amnesia: false })} title={tr(lang, "Revive with its state (V)")} data-testid="revive">{tr(lang, "Revive")}</button>
                    <button onclick={click(Action::Revive { amnesia: true })} title={tr(lang, "Revive empty (A)")} data-testid="revive-amnesia">{tr(lang, "Revive empty")}</button>
                }
            </div>
            if membership {
                <h3>{tr(lang, "Member list")}</h3>
                { member_table(lang, sim, node) }
            } else {
                <h3>{tr(lang, "Message table")}</h3>
                { message_table(lang, sim, node) }
            }
        </section>
    }
}
