//! The left panel of the real-systems page: the presets (one click each), memberlist's
//! parameters with their config field names, Lifeguard's three parts, and the faults that
//! concern the whole cluster (loss, partition, heal, join).
//!
//! The form edits a draft; "Apply and restart" opens the draft with the commands given so
//! far, so a changed parameter replays the same story. An out-of-range value is refused with
//! the engine's message (field and range) and the run on screen is kept.

use gossip_engine::Named;
use gossip_engine::swim::{LatencyDist, Preset, SwimCommand};
use yew::prelude::*;

use super::model::{Model, Msg};
use super::scenario::{MAX_PAGE_NODES, SwimScenario};
use super::texts as tx;
use crate::i18n::Text;
use crate::num::{fixed, parse_f64};

/// Props of [`Controls`].
#[derive(Properties, PartialEq)]
pub struct ControlsProps {
    /// The page state.
    pub model: Model,
    /// Its dispatcher.
    pub dispatch: UseReducerDispatcher<Model>,
}

/// How a number field stores its value.
type Setter = fn(&mut SwimScenario, f64);
/// How a number field reads its value.
type Getter = fn(&SwimScenario) -> f64;
/// A number field of the form: label, memberlist's name, and how to read and store it.
type Field = (Text, &'static str, Getter, Setter);

fn fields() -> [Field; 10] {
    [
        (
            tx::NODES,
            "",
            |s| f64::from(s.config.nodes),
            |s, v| s.config.nodes = v as u32,
        ),
        (tx::SEED, "", |s| s.seed as f64, |s, v| s.seed = v as u64),
        (
            Text("Probe interval, ms", "探测间隔，毫秒"),
            "ProbeInterval",
            |s| f64::from(s.config.probe_interval_ms),
            |s, v| s.config.probe_interval_ms = v as u32,
        ),
        (
            Text("Probe timeout, ms", "探测超时，毫秒"),
            "ProbeTimeout",
            |s| f64::from(s.config.probe_timeout_ms),
            |s, v| s.config.probe_timeout_ms = v as u32,
        ),
        (
            Text("Indirect checks", "间接探测数"),
            "IndirectChecks",
            |s| f64::from(s.config.indirect_checks),
            |s, v| s.config.indirect_checks = v as u32,
        ),
        (
            Text("Suspicion multiplier", "怀疑超时倍数"),
            "SuspicionMult",
            |s| f64::from(s.config.suspicion_mult),
            |s, v| s.config.suspicion_mult = v as u32,
        ),
        (
            Text("Gossip to, members", "每次 gossip 的成员数"),
            "GossipNodes",
            |s| f64::from(s.config.gossip_nodes),
            |s, v| s.config.gossip_nodes = v as u32,
        ),
        (
            Text("Gossip interval, ms", "gossip 间隔，毫秒"),
            "GossipInterval",
            |s| f64::from(s.config.gossip_interval_ms),
            |s, v| s.config.gossip_interval_ms = v as u32,
        ),
        (
            Text("Retransmit multiplier", "重传倍数"),
            "RetransmitMult",
            |s| f64::from(s.config.retransmit_mult),
            |s, v| s.config.retransmit_mult = v as u32,
        ),
        (
            tx::LATENCY,
            "",
            |s| s.config.latency.mean_ms,
            |s, v| s.config.latency.mean_ms = v,
        ),
    ]
}

/// The panel.
#[function_component(Controls)]
pub fn controls(props: &ControlsProps) -> Html {
    let lang = props.model.lang;
    let current = props.model.rec.borrow().scenario().clone();
    let draft = use_state(|| current.clone());
    // A run opened from elsewhere (a preset, a lesson, a link) resets the draft.
    {
        let draft = draft.clone();
        let current = current.clone();
        use_effect_with(
            (current.config.clone(), current.seed, current.preset),
            move |_| draft.set(current),
        );
    }
    let d = props.dispatch.clone();
    let load = move |s: SwimScenario| d.dispatch(Msg::Load(Box::new(s)));
    let presets = Preset::ALL.iter().map(|&p| {
        let load = load.clone();
        let current = current.clone();
        let onclick = Callback::from(move |_: MouseEvent| {
            let mut s = SwimScenario::preset(p, current.config.nodes, current.seed);
            s.actions = current.actions.clone();
            load(s);
        });
        let class = if current.preset == p { "primary" } else { "" };
        html! {
            <button {class} {onclick} title={format!("{} ({})", tx::PRESET_TIP.get(lang), p.describe())}
                data-testid={format!("preset-{}", p.as_str())}>{p.as_str()}</button>
        }
    });
    let inputs = fields().into_iter().map(|(label, name, get, set)| {
        let value = fixed(get(&draft), if label == tx::LATENCY { 1 } else { 0 });
        let draft = draft.clone();
        let onchange = Callback::from(move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            if let Some(v) = parse_f64(&input.value()).filter(|v| *v >= 0.0) {
                let mut s = (*draft).clone();
                set(&mut s, v);
                draft.set(s);
            }
        });
        let max = if label == tx::NODES { MAX_PAGE_NODES.to_string() } else { String::new() };
        html! {
            <label class="field">
                <span>{label.get(lang)} if !name.is_empty() { <code>{name}</code> }</span>
                <input type="number" min="0" max={max} {value} {onchange}
                    data-testid={format!("field-{}", if name.is_empty() { label.0 } else { name })} />
            </label>
        }
    });
    let lifeguard = [
        (tx::LOCAL_HEALTH, 0usize),
        (tx::DYNAMIC_SUSPICION, 1),
        (tx::BUDDY, 2),
    ]
    .into_iter()
    .map(|(label, part)| {
        let draft = draft.clone();
        let lg = draft.config.lifeguard;
        let checked = [lg.awareness, lg.dynamic_suspicion, lg.buddy][part];
        let onchange = Callback::from(move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            let mut s = (*draft).clone();
            let l = &mut s.config.lifeguard;
            *[&mut l.awareness, &mut l.dynamic_suspicion, &mut l.buddy][part] = input.checked();
            draft.set(s);
        });
        html! {
            <label class="check"><input type="checkbox" {checked} {onchange}
                data-testid={format!("lifeguard-{part}")} />{label.get(lang)}</label>
        }
    });
    let dist = {
        let cur = draft.config.latency.dist;
        let draft = draft.clone();
        let onchange = Callback::from(move |e: Event| {
            let v: web_sys::HtmlSelectElement = e.target_unchecked_into();
            let mut s = (*draft).clone();
            s.config.latency.dist = match v.value().as_str() {
                "uniform" => LatencyDist::Uniform,
                "exponential" => LatencyDist::Exponential,
                _ => LatencyDist::Constant,
            };
            draft.set(s);
        });
        html! {
            <select {onchange}>
                { for [(LatencyDist::Constant, "constant"), (LatencyDist::Uniform, "uniform"), (LatencyDist::Exponential, "exponential")]
                    .into_iter().map(|(d, n)| html! { <option value={n} selected={cur == d}>{n}</option> }) }
            </select>
        }
    };
    let apply = {
        let draft = draft.clone();
        let load = load.clone();
        Callback::from(move |_: MouseEvent| load((*draft).clone()))
    };
    let cmd = |c: SwimCommand| {
        let d = props.dispatch.clone();
        Callback::from(move |_: MouseEvent| d.dispatch(Msg::Command(c.clone())))
    };
    let n = props.model.rec.borrow().members();
    let halves = vec![(0..n / 2).collect(), (n / 2..n).collect()];
    let loss_input = use_node_ref();
    let set_loss = {
        let d = props.dispatch.clone();
        let input = loss_input.clone();
        Callback::from(move |_: MouseEvent| {
            let v = input
                .cast::<web_sys::HtmlInputElement>()
                .and_then(|i| parse_f64(&i.value()))
                .unwrap_or(0.0);
            d.dispatch(Msg::Command(SwimCommand::SetLoss { loss: v / 100.0 }));
        })
    };
    html! {
        <aside class="swim-controls" data-testid="swim-controls">
            <h2>{tx::PRESETS.get(lang)}</h2>
            <div class="swim-buttons">{ for presets }</div>
            <h2>{tx::PARAMETERS.get(lang)}</h2>
            { for inputs }
            <label class="field"><span>{tx::LATENCY_DIST.get(lang)}</span>{dist}</label>
            <h2>{tx::LIFEGUARD.get(lang)}</h2>
            { for lifeguard }
            <button class="primary" onclick={apply} data-testid="apply">{tx::APPLY.get(lang)}</button>
            <h2>{tx::CLUSTER.get(lang)}</h2>
            <div class="swim-buttons">
                <button onclick={cmd(SwimCommand::Join { via: 0 })} data-testid="join">{tx::JOIN.get(lang)}</button>
                <button onclick={cmd(SwimCommand::Partition { groups: halves })} data-testid="split">{tx::SPLIT.get(lang)}</button>
                <button onclick={cmd(SwimCommand::Heal)} data-testid="heal">{tx::HEAL.get(lang)}</button>
            </div>
            <label class="field"><span>{tx::LOSS.get(lang)}</span>
                <span class="inline"><input type="number" min="0" max="100" value="5" ref={loss_input} data-testid="loss" />
                <button onclick={set_loss} data-testid="set-loss">{tx::SET_LOSS.get(lang)}</button></span>
            </label>
        </aside>
    }
}
