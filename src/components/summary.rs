//! Summary figures of the message shown: round, informed %, residue, traffic, t_avg, t_last
//! and the convergence round. Nothing in the card is interactive, so it is markup text (see
//! [`super::markup`]).

use std::fmt::Write as _;

use gossip_engine::{Simulation, outcome};
use yew::prelude::*;

use crate::components::markup::{Esc, raw};
use crate::i18n::{self, Lang, Text, count_label, neutral, text, tr};
use crate::num::fixed;
use crate::state::AppState;

/// Appends one figure: a label over a value, with its explanation as tooltip. A long value
/// takes two grid cells.
fn figure(out: &mut String, lang: Lang, label: Text, value: &str, title: Text, testid: &str) {
    // Two columns for a long figure, the whole row for a very long one ("346.6 kB + 90.3 MB"
    // at N = 10,000), so that none is cut off.
    let wide = match value.chars().count() {
        0..=9 => "",
        10..=14 => " wide",
        _ => " full",
    };
    let _ = write!(
        out,
        r#"<div class="figure{wide}" title="{}"><dt>{}</dt><dd data-testid="{testid}">{}</dd></div>"#,
        Esc(title.get(lang)),
        Esc(label.get(lang)),
        Esc(value)
    );
}

/// Opens the list of figures with the one every view has: the round.
fn open_figures(out: &mut String, lang: Lang, sim: &Simulation) {
    out.push_str(r#"<dl class="figures">"#);
    match sim.seconds(sim.round()) {
        None => {
            let round = sim.round().to_string();
            let title = text!("rounds completed");
            figure(out, lang, text!("round"), &round, title, "sum-round");
        }
        Some(s) => {
            let time = format!("{} s", i18n::seconds(s));
            let title = text!("simulated time (a step is a tick)");
            figure(out, lang, text!("time"), &time, title, "sum-round");
        }
    }
}

/// A delay of `steps` as the summary shows it: rounds, or seconds under a time model.
fn delay(sim: &Simulation, steps: f64, digits: u32) -> String {
    match sim.config().time {
        None => fixed(steps, digits),
        Some(t) => format!("{} s", fixed(steps * f64::from(t.tick_ms) / 1000.0, 2)),
    }
}

/// Appends a muted sentence (the card's text when there is nothing to measure).
fn muted(out: &mut String, text: &str) {
    let _ = write!(out, r#"<p class="muted">{}</p>"#, Esc(text));
}

fn membership_figures(out: &mut String, lang: Lang, sim: &Simulation, subject: Option<u32>) {
    // Live nodes declared failed on stale heartbeats: what lesson 5 promises to show.
    let false_detections = gossip_engine::MembershipViews::of(sim)
        .map_or(0, |v| v.false_suspicions)
        .to_string();
    let false_figure = |out: &mut String| {
        let title = text!(
            "(alive observer, alive node) pairs where the observer wrongly declares the node failed"
        );
        let label = text!("false detections");
        figure(out, lang, label, &false_detections, title, "sum-false");
    };
    let Some(s) = subject.filter(|&s| !sim.is_alive(s)) else {
        muted(
            out,
            tr!(lang, "Kill a node to follow the news of its failure."),
        );
        open_figures(out, lang, sim);
        false_figure(out);
        return out.push_str("</dl>");
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
    let subject = i18n::node_name(lang, s);
    let detected = format!("{detected}/{}", alive.len());
    let messages = sim.total_traffic().messages.to_string();
    open_figures(out, lang, sim);
    let title = text!("the dead node whose failure is followed");
    figure(
        out,
        lang,
        text!("following"),
        &subject,
        title,
        "sum-subject",
    );
    let title = text!("alive nodes that consider it failed or forgot it");
    figure(
        out,
        lang,
        text!("detected"),
        &detected,
        title,
        "sum-detected",
    );
    let title = text!("heartbeat tables sent so far");
    figure(
        out,
        lang,
        text!("messages"),
        &messages,
        title,
        "sum-messages",
    );
    false_figure(out);
    out.push_str("</dl>");
}

/// The summary card. A plain function, not a component: each component costs its own copy of
/// Yew's lifecycle code, and this one has no state to keep.
pub fn summary(st: &AppState) -> Html {
    let lang = st.lang;
    let t = st.timeline.borrow();
    let sim = t.sim();
    let mut s = format!(
        r#"<section class="card summary" aria-label="{0}"><h2>{0}</h2>"#,
        Esc(tr!(lang, "Summary"))
    );
    let out = &mut s;
    if sim.membership().is_some() {
        membership_figures(out, lang, sim, st.subject);
    } else if let Some((o, c)) = st
        .message
        .and_then(|m| Some((outcome(sim, m)?, sim.counts(m)?)))
    {
        let alive = sim.alive_count().max(1);
        let informed = 100.0 * f64::from(c.informed()) / f64::from(alive);
        // Under latency an update still on the wire can make its receiver fresh.
        let done = (c.fresh == 0 && sim.in_flight() == 0) || o.converged;
        let traffic = sim.total_traffic();
        let informed = format!("{}%", fixed(informed, 0));
        let residue = if c.fresh == 0 {
            format!("{}%", fixed(100.0 * o.residue, 1))
        } else {
            "…".into()
        };
        let converged = sim
            .message(st.message.unwrap_or(0))
            .and_then(|m| m.converged_at)
            .map_or_else(
                || if done { tr!(lang, "never") } else { "…" }.into(),
                |r| i18n::step_label(lang, r, sim.config().time.as_ref()),
            );
        let bytes = format!(
            "{} + {}",
            human(traffic.digest_bytes),
            human(traffic.payload_bytes)
        );
        open_figures(out, lang, sim);
        let title = text!("alive nodes holding the latest version");
        figure(
            out,
            lang,
            text!("informed"),
            &informed,
            title,
            "sum-informed",
        );
        let title = text!("alive nodes never reached, once no node is fresh");
        figure(out, lang, text!("residue"), &residue, title, "sum-residue");
        let title = text!("update messages per node so far");
        figure(
            out,
            lang,
            text!("traffic"),
            &fixed(o.traffic, 2),
            title,
            "sum-traffic",
        );
        let title = text!("mean delay from injection to delivery");
        figure(
            out,
            lang,
            neutral("t_avg"),
            &delay(sim, o.t_avg, 2),
            title,
            "sum-tavg",
        );
        let title = text!("delay until the last delivery");
        figure(
            out,
            lang,
            neutral("t_last"),
            &delay(sim, f64::from(o.t_last), 0),
            title,
            "sum-tlast",
        );
        let title = text!("first round at whose end every alive node held it");
        figure(
            out,
            lang,
            text!("converged"),
            &converged,
            title,
            "sum-converged",
        );
        let title = text!("digest + payload bytes sent so far");
        figure(out, lang, text!("bytes"), &bytes, title, "sum-bytes");
        out.push_str(r#"</dl><p class="counts" data-testid="counts">"#);
        for (class, state, n) in [
            ("fresh", "fresh", c.fresh),
            ("stale", "stale", c.stale),
            ("unaware", "unaware", c.unaware),
            ("dead-count", "dead", c.dead),
        ] {
            let _ = write!(
                out,
                r#"<span class="state {class}">{}</span>"#,
                Esc(&count_label(lang, state, n))
            );
        }
        out.push_str("</p>");
    } else {
        muted(out, tr!(lang, "Inject a message to measure it."));
    }
    s.push_str("</section>");
    raw(s)
}

/// Bytes in B / kB / MB.
pub fn human(b: u64) -> String {
    match b {
        0..1_000 => format!("{b} B"),
        1_000..1_000_000 => format!("{} kB", fixed(b as f64 / 1e3, 1)),
        _ => format!("{} MB", fixed(b as f64 / 1e6, 1)),
    }
}
