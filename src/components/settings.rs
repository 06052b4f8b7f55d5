//! The scenario panel: protocol, cluster and topology (applied by starting over), and faults
//! (applied at the current round, forking the future if the run had gone further).

use yew::prelude::*;

use crate::draft::{Draft, FieldError};
use gossip_engine::time::LatencyDist;
use gossip_engine::{Decay, Feedback, Mode, ProtocolKind, Sync, TopologyKind};

use crate::i18n::names::menu;
use crate::i18n::{Lang, Text, neutral, text, tr};
use crate::num::fixed;
use crate::state::{Action, AppState};

/// Where a field's text lives in the draft.
type Slot = fn(&mut Draft) -> &mut String;

/// Props of [`Settings`].
#[derive(Properties, PartialEq)]
pub struct SettingsProps {
    /// Sends actions.
    pub dispatch: UseReducerDispatcher<AppState>,
    /// The form as the current run was configured.
    pub current: Draft,
    /// Packet loss in force.
    pub loss: f64,
    /// Whether a partition is in force.
    pub partitioned: bool,
    /// Interface language.
    pub lang: Lang,
}

/// A fresh random seed, below 2^53 so that it survives JavaScript numbers in host pages.
/// `None` only if the system's random source fails (in the browser, `crypto.getRandomValues`).
pub fn new_seed() -> Option<u64> {
    getrandom::u64().ok().map(|x| x >> 11)
}

fn help_for(field: &str) -> Text {
    match field {
        "nodes" => text!("2 to 10,000 nodes"),
        "fanout" => text!("peers contacted per round"),
        "k" => text!("counter limit, or 1/k coin"),
        "repair_every" => text!("rounds between anti-entropy"),
        "t_fail" => text!("silent rounds before failed"),
        "t_cleanup" => text!("silent rounds before forgotten"),
        "tick_ms" => text!("milliseconds per step"),
        "interval" => text!("ticks between rounds"),
        "latency_ms" => text!("mean one-way delay of each leg"),
        _ => Text("", ""),
    }
}

/// The scenario panel.
#[function_component(Settings)]
pub fn settings(p: &SettingsProps) -> Html {
    let lang = p.lang;
    // The draft lives in a RefCell: several change events can arrive before the next render
    // (a field blurs as a select changes), and each must build on the previous one.
    let draft = use_mut_ref(|| p.current.clone());
    let redraw = use_force_update();
    let error = use_state(|| None::<FieldError>);
    let groups = use_state(|| "2".to_string());
    // When a new scenario arrives from elsewhere (a lesson, a link), show it.
    {
        let draft = draft.clone();
        let error = error.clone();
        let redraw = redraw.clone();
        use_effect_with(p.current.clone(), move |cur| {
            *draft.borrow_mut() = cur.clone();
            error.set(None);
            redraw.force_update();
        });
    }

    // Text fields update the draft on every keystroke (`input`), so a re-render caused by
    // another field never resets what is being typed; selects update on `change`. Each field
    // is named by the accessor of its text in the draft, so one function builds every field.
    let set = |slot: Slot| {
        let draft = draft.clone();
        let redraw = redraw.clone();
        Callback::from(move |e: Event| {
            let v = e
                .target_dyn_into::<web_sys::HtmlInputElement>()
                .map(|i| i.value())
                .or_else(|| {
                    e.target_dyn_into::<web_sys::HtmlSelectElement>()
                        .map(|s| s.value())
                })
                .unwrap_or_default();
            *slot(&mut draft.borrow_mut()) = v;
            redraw.force_update();
        })
    };
    let value = |slot: Slot| slot(&mut draft.borrow_mut()).clone();

    let apply = {
        let draft = draft.clone();
        let error = error.clone();
        let dispatch = p.dispatch.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let built = draft.borrow().build();
            match built {
                Ok((config, seed)) => {
                    error.set(None);
                    dispatch.dispatch(Action::Configure(Box::new(config), seed));
                }
                Err(fe) => error.set(Some(fe)),
            }
        })
    };
    let reseed = {
        let draft = draft.clone();
        let error = error.clone();
        let dispatch = p.dispatch.clone();
        Callback::from(move |_: MouseEvent| {
            // Should the random source fail, the button starts the same run over.
            if let Some(seed) = new_seed() {
                draft.borrow_mut().seed = seed.to_string();
            }
            let built = draft.borrow().build();
            match built {
                Ok((config, seed)) => dispatch.dispatch(Action::Configure(Box::new(config), seed)),
                Err(fe) => error.set(Some(fe)),
            }
        })
    };

    let bad = |f: &str| error.as_ref().is_some_and(|e| e.field == f);
    let invalid = |f: &str| if bad(f) { "true" } else { "false" };
    let text_field = |label: Text, field: &'static str, slot: Slot, mode: &'static str| {
        let id = format!("f-{field}");
        let cb = set(slot).reform(|e: InputEvent| Event::from(e));
        let hint = help_for(field).get(lang);
        html! {
            <div class="field">
                <label for={id.clone()}>{label.get(lang)}</label>
                <input id={id} type="text" inputmode={mode} value={value(slot)} oninput={cb}
                    aria-invalid={invalid(field)} aria-describedby={bad(field).then_some("form-error")}
                    data-testid={format!("field-{field}")} title={(!hint.is_empty()).then_some(hint)} />
            </div>
        }
    };
    let select_field = |label: Text,
                        field: &'static str,
                        slot: Slot,
                        options: Vec<(&'static str, Text)>| {
        let id = format!("f-{field}");
        let value = value(slot);
        html! {
            <div class="field">
                <label for={id.clone()}>{label.get(lang)}</label>
                <select id={id} onchange={set(slot)} aria-invalid={invalid(field)}
                    aria-describedby={bad(field).then_some("form-error")} data-testid={format!("field-{field}")}>
                    { for options.iter().map(|(v, l)| html! {
                        <option value={*v} selected={*v == value}>{ l.get(lang) }</option>
                    }) }
                </select>
            </div>
        }
    };

    let (protocol, topology, real_time) = {
        let d = draft.borrow();
        (d.protocol.clone(), d.topology.clone(), d.time == "real")
    };
    let protocol = protocol.as_str();
    let rumorish = protocol == "rumor" || protocol == "hybrid";
    let membership = protocol == "membership";

    let on_loss = {
        let dispatch = p.dispatch.clone();
        Callback::from(move |e: Event| {
            let v: web_sys::HtmlInputElement = e.target_unchecked_into();
            if let Some(pct) = crate::num::parse_f64(&v.value()) {
                dispatch.dispatch(Action::SetLoss((pct / 100.0).clamp(0.0, 1.0)));
            }
        })
    };
    let on_groups = {
        let groups = groups.clone();
        Callback::from(move |e: Event| {
            let v: web_sys::HtmlInputElement = e.target_unchecked_into();
            groups.set(v.value());
        })
    };
    let split = {
        let dispatch = p.dispatch.clone();
        let groups = groups.clone();
        Callback::from(move |_: MouseEvent| match groups.trim().parse::<u32>() {
            Ok(k) => dispatch.dispatch(Action::Partition(k)),
            Err(_) => dispatch.dispatch(Action::Notify(crate::state::Notice::GroupsNotWhole(
                groups.trim().to_string(),
            ))),
        })
    };
    let heal = {
        let dispatch = p.dispatch.clone();
        Callback::from(move |_: MouseEvent| dispatch.dispatch(Action::Heal))
    };

    html! {
        <aside class="panel settings" id="scenario-panel" aria-label={tr!(lang, "Scenario")}>
            <form onsubmit={apply} novalidate=true>
                <h2>{tr!(lang, "Scenario")}</h2>
                { select_field(text!("Protocol"), "protocol", |d| &mut d.protocol, menu::<ProtocolKind>()) }
                if !membership {
                    { select_field(text!("Mode"), "mode", |d| &mut d.mode, menu::<Mode>()) }
                }
                if protocol == "anti-entropy" {
                    { select_field(text!("Sync"), "sync", |d| &mut d.sync, menu::<Sync>()) }
                }
                if rumorish {
                    <div class="row2">
                        { select_field(text!("Loss of interest"), "feedback", |d| &mut d.feedback, menu::<Feedback>()) }
                        { select_field(text!("by"), "decay", |d| &mut d.decay, menu::<Decay>()) }
                    </div>
                    { text_field(neutral("k"), "k", |d| &mut d.k, "numeric") }
                }
                if protocol == "hybrid" {
                    { text_field(text!("Anti-entropy every (rounds)"), "repair_every", |d| &mut d.repair_every, "numeric") }
                }
                if membership {
                    <div class="row2">
                        { text_field(neutral("t_fail"), "t_fail", |d| &mut d.t_fail, "numeric") }
                        { text_field(neutral("t_cleanup"), "t_cleanup", |d| &mut d.t_cleanup, "numeric") }
                    </div>
                }
                <div class="row2">
                    { text_field(text!("Nodes (N)"), "nodes", |d| &mut d.nodes, "numeric") }
                    { text_field(text!("Fanout"), "fanout", |d| &mut d.fanout, "numeric") }
                </div>
                { select_field(text!("Topology"), "topology", |d| &mut d.topology, menu::<TopologyKind>()) }
                { match topology.as_str() {
                    "ring" => text_field(text!("Neighbours per side"), "ring_k", |d| &mut d.ring_k, "numeric"),
                    "random-regular" => text_field(text!("Degree"), "degree", |d| &mut d.degree, "numeric"),
                    "erdos-renyi" => text_field(text!("Edge probability p"), "p", |d| &mut d.p, "decimal"),
                    "watts-strogatz" => html! { <div class="row2">
                        { text_field(text!("Neighbours per side"), "ring_k", |d| &mut d.ring_k, "numeric") }
                        { text_field(text!("Rewire β"), "beta", |d| &mut d.beta, "decimal") }
                    </div> },
                    "barabasi-albert" => text_field(text!("Links per node m"), "m", |d| &mut d.m, "numeric"),
                    "hierarchical" => text_field(text!("Group size"), "group_size", |d| &mut d.group_size, "numeric"),
                    _ => html! {},
                } }
                { select_field(text!("Time"), "time", |d| &mut d.time, vec![
                    ("rounds", text!("rounds (as in the papers)")),
                    ("real", text!("real time (ticks, latency)")),
                ]) }
                if real_time {
                    <div class="row2">
                        { text_field(text!("Tick (ms)"), "tick_ms", |d| &mut d.tick_ms, "numeric") }
                        { text_field(text!("Interval (ticks)"), "interval", |d| &mut d.interval, "numeric") }
                    </div>
                    <div class="row2 menu-wide">
                        { text_field(text!("Latency (ms)"), "latency_ms", |d| &mut d.latency_ms, "decimal") }
                        { select_field(text!("shape"), "dist", |d| &mut d.dist, menu::<LatencyDist>()) }
                    </div>
                }
                <div class="field seed">
                    <label for="f-seed">{tr!(lang, "Seed")}</label>
                    <div class="inline">
                        <input id="f-seed" type="text" inputmode="numeric" value={value(|d| &mut d.seed)}
                            oninput={set(|d| &mut d.seed).reform(|e: InputEvent| Event::from(e))} aria-invalid={invalid("seed")} aria-describedby={bad("seed").then_some("form-error")} data-testid="field-seed" />
                        <button type="button" onclick={reseed} title={tr!(lang, "Start over with a fresh random seed")} data-testid="new-seed">{tr!(lang, "New seed")}</button>
                    </div>
                </div>
                if let Some(e) = &*error {
                    <p class="field-error" id="form-error" role="alert" data-testid="form-error">{ e.text(lang) }</p>
                }
                <button type="submit" class="primary wide" data-testid="apply">{tr!(lang, "Apply & restart")}</button>
            </form>
            <section class="faults" aria-label={tr!(lang, "Faults")}>
                <h2>{tr!(lang, "Faults")}<span class="hint">{tr!(lang, " apply now")}</span></h2>
                <div class="field">
                    <label for="f-loss">{ crate::i18n::packet_loss_label(lang, p.loss * 100.0) }</label>
                    <input id="f-loss" type="range" min="0" max="100" step="5" value={format!("{:.0}", p.loss * 100.0)}
                        aria-valuetext={format!("{}%", fixed(p.loss * 100.0, 0))} onchange={on_loss} data-testid="loss" />
                </div>
                <div class="field">
                    <label for="f-groups">{tr!(lang, "Partition into groups")}</label>
                    <div class="inline">
                        <input id="f-groups" type="text" inputmode="numeric" value={(*groups).clone()} onchange={on_groups} data-testid="groups" />
                        <button type="button" onclick={split} title={tr!(lang, "Split the cluster into this many groups now")} data-testid="partition">{tr!(lang, "Split")}</button>
                        <button type="button" onclick={heal} disabled={!p.partitioned} title={tr!(lang, "End the partition")} data-testid="heal">{tr!(lang, "Heal")}</button>
                    </div>
                </div>
            </section>
        </aside>
    }
}
