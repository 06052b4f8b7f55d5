//! Summary figures of the message shown: round, informed %, residue, traffic, t_avg, t_last
//! and the convergence round.

use gossip_engine::{Simulation, outcome};
use yew::prelude::*;

use crate::i18n::{self, Lang, count_label, tr, use_lang};
use crate::num::{Fixed, fixed};

/// Props of [`Summary`].
#[derive(Properties, PartialEq)]
pub struct SummaryProps {
    /// The app state.
    pub state: std::rc::Rc<crate::state::AppState>,
}

fn figure(
    lang: Lang,
    label: &'static str,
    value: String,
    title: &'static str,
    testid: &str,
) -> Html {
    let (label, title) = (tr(lang, label), tr(lang, title));
    let wide = value.chars().count() > 9;
    html! {
        <div class={classes!("figure", wide.then_some("wide"))} title={title.to_string()}>
            <dt>{ label }</dt><dd data-testid={testid.to_string()}>{ value }</dd>
        </div>
    }
}

fn membership_figures(lang: Lang, sim: &Simulation, subject: Option<u32>) -> Html {
    let Some(s) = subject.filter(|&s| !sim.is_alive(s)) else {
        return html! { <p class="muted">{tr(lang, "Kill a node to follow the news of its failure.")}</p> };
    };
    let beliefs = sim.beliefs(s);
    let alive: Vec<u32> = (0..sim.nodes())
        .filter(|&o| sim.is_alive(o) && o != s)
        .collect();
    let detected = alive
        .iter()
        .filter(|&&o| {
            matches!(
                beliefs[o as usize],
                gossip_engine::Belief::Failed | gossip_engine::Belief::Forgotten
            )
        })
        .count();
    html! {
        <dl class="figures">
            { figure(lang, "round", sim.round().to_string(), "rounds completed", "sum-round") }
            { figure(lang, "following", i18n::node_name(lang, s), "the dead node whose failure is followed", "sum-subject") }
            { figure(lang, "detected", format!("{detected}/{}", alive.len()), "alive nodes that consider it failed or forgot it", "sum-detected") }
            { figure(lang, "messages", sim.total_traffic().messages.to_string(), "heartbeat tables sent so far", "sum-messages") }
        </dl>
    }
}

/// The summary card.
#[function_component(Summary)]
pub fn summary(p: &SummaryProps) -> Html {
    let lang = use_lang();
    let st = &p.state;
    let t = st.timeline.borrow();
    let sim = t.sim();
    let body = if sim.membership().is_some() {
        membership_figures(lang, sim, st.subject)
    } else if let Some((o, c)) = st
        .message
        .and_then(|m| Some((outcome(sim, m)?, sim.counts(m)?)))
    {
        let alive = sim.alive_count().max(1);
        let informed = 100.0 * f64::from(c.informed()) / f64::from(alive);
        let done = c.fresh == 0 || o.converged;
        let traffic = sim.total_traffic();
        html! { <>
            <dl class="figures">
                { figure(lang, "round", sim.round().to_string(), "rounds completed", "sum-round") }
                { figure(lang, "informed", format!("{}%", Fixed(informed, 0)), "alive nodes holding the latest version", "sum-informed") }
                { figure(lang, "residue", if c.fresh == 0 { format!("{}%", Fixed(100.0 * o.residue, 1)) } else { "…".into() },
                    "alive nodes never reached, once no node is fresh", "sum-residue") }
                { figure(lang, "traffic", fixed(o.traffic, 2), "update messages per node so far", "sum-traffic") }
                { figure(lang, "t_avg", fixed(o.t_avg, 2), "mean rounds from injection to delivery", "sum-tavg") }
                { figure(lang, "t_last", o.t_last.to_string(), "rounds until the last delivery", "sum-tlast") }
                { figure(lang, "converged", sim.message(st.message.unwrap_or(0)).and_then(|m| m.converged_at).map_or(if done { tr(lang, "never").into() } else { "…".into() }, |r| i18n::converged_at(lang, r)),
                    "first round at whose end every alive node held it", "sum-converged") }
                { figure(lang, "bytes", format!("{} + {}", human(traffic.digest_bytes), human(traffic.payload_bytes)),
                    "digest + payload bytes sent so far", "sum-bytes") }
            </dl>
            <p class="counts" data-testid="counts">
                <span class="state fresh">{ count_label(lang, "fresh", c.fresh) }</span>
                <span class="state stale">{ count_label(lang, "stale", c.stale) }</span>
                <span class="state unaware">{ count_label(lang, "unaware", c.unaware) }</span>
                <span class="state dead-count">{ count_label(lang, "dead", c.dead) }</span>
            </p>
        </> }
    } else {
        html! { <p class="muted">{tr(lang, "Inject a message to measure it.")}</p> }
    };
    html! {
        <section class="card summary" aria-label={tr(lang, "Summary")}>
            <h2>{tr(lang, "Summary")}</h2>
            { body }
        </section>
    }
}

/// Bytes in B / kB / MB.
pub fn human(b: u64) -> String {
    match b {
        0..1_000 => format!("{b} B"),
        1_000..1_000_000 => format!("{} kB", Fixed(b as f64 / 1e3, 1)),
        _ => format!("{} MB", Fixed(b as f64 / 1e6, 1)),
    }
}
