//! The run chart: nodes per state per round, the theory curve for anti-entropy, a marker at
//! log2 N + ln N, messages per round, and a cursor at the current round; under the live run,
//! when asked for, the median and 5–95% band of each line over many seeds. Hand-drawn SVG.

use std::fmt::Write as _;

use gossip_engine::round_time::RoundTime;
use gossip_engine::{Protocol, RoundStats, StateCounts, theory};
use yew::prelude::*;

use crate::bands::protocol::{Series as BandSeries, band_at};
use crate::components::bands::BandResult;
use crate::components::markup::{Esc, raw};
use crate::i18n::{Lang, tr};
use crate::num::fixed;

/// Most rounds drawn: longer runs are sampled evenly (always keeping the last round).
pub const MAX_POINTS: usize = 500;

/// What the chart draws, sampled from the timeline's history so a render costs O(500)
/// whatever the run's length.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ChartData {
    /// Rounds computed so far in this branch.
    pub frontier: u32,
    /// Sampled rounds: (round, counts of the shown message, messages sent that round).
    pub points: Vec<(u32, Option<StateCounts>, u64)>,
    /// Largest messages-per-round over the whole history.
    pub max_messages: u64,
    /// Under membership: (round, alive nodes that detected a death, averaged over the dead
    /// members, and the dead count).
    pub detections: Vec<(u32, f64, u32)>,
}

impl ChartData {
    /// Samples `history` for message `message`.
    pub fn sample(history: &[RoundStats], message: Option<u32>) -> Self {
        let stride = history.len().div_ceil(MAX_POINTS).max(1);
        let pick = |s: &RoundStats| {
            (
                s.round,
                message.and_then(|m| s.counts.get(m as usize).copied()),
                s.traffic.messages,
            )
        };
        let mut points: Vec<_> = history.iter().step_by(stride).map(pick).collect();
        if let Some(last) = history.last() {
            if points.last().map(|p| p.0) != Some(last.round) {
                points.push(pick(last));
            }
        }
        let detections = history
            .iter()
            .step_by(stride)
            .chain(history.last())
            .filter_map(|s| {
                let v = s.views?;
                let avg = if v.dead == 0 {
                    0.0
                } else {
                    v.detected as f64 / f64::from(v.dead)
                };
                Some((s.round, avg, v.dead))
            })
            .collect();
        ChartData {
            frontier: history.len() as u32,
            detections,
            points,
            max_messages: history
                .iter()
                .map(|s| s.traffic.messages)
                .max()
                .unwrap_or(0),
        }
    }
}

/// What [`chart`] draws.
pub struct ChartInput {
    /// The sampled history.
    pub data: std::rc::Rc<ChartData>,
    /// Cluster size at the start.
    pub nodes: u32,
    /// The protocol (for the theory curve).
    pub protocol: Protocol,
    /// Fanout (for the theory curve).
    pub fanout: u32,
    /// The mean-field curve of the shown message, in nodes per round
    /// (`gossip_engine::mean_field::spread_curve`), where one holds.
    pub theory: Option<std::rc::Rc<Vec<f64>>>,
    /// The time model, if any: the axis then reads seconds, and the theory (in abstract
    /// rounds) is not drawn.
    pub time: Option<RoundTime>,
    /// Current round (cursor).
    pub round: u32,
    /// Bands over many seeds of this scenario, drawn under the live lines.
    pub bands: Option<std::rc::Rc<BandResult>>,
    /// Sends a click on the chart as a seek.
    pub on_seek: Callback<u32>,
    /// Interface language.
    pub lang: Lang,
}

const W: f64 = 600.0;
const H: f64 = 170.0;
const BARS: f64 = 34.0;
const LEFT: f64 = 44.0;
const RIGHT: f64 = 8.0;
const TOP: f64 = 8.0;

/// A line of the chart: its classes, and its value in the counts of a round.
type Series = (&'static str, fn(&StateCounts) -> u32);

/// Appends `<path class="{class}" d="…"/>` through `points`.
fn path(out: &mut String, class: &str, points: &[(f64, f64)]) {
    let _ = write!(out, r#"<path class="{class}" d=""#);
    for (i, (x, y)) in points.iter().enumerate() {
        let _ = write!(out, "{}{x:.1},{y:.1}", if i == 0 { "M" } else { "L" });
    }
    out.push_str(r#""/>"#);
}

/// Appends a key of the caption.
fn key(out: &mut String, class: &str, text: &str) {
    let _ = write!(out, r#"<span class="key {class}">{}</span>"#, Esc(text));
}

/// Appends the band of every line over the seeds (an area from p5 to p95, and the median
/// dashed), in the line's colour, before the lines so that the live run stays on top. The
/// informed band is a fraction of the alive nodes: drawn as nodes, with the dead median
/// taken out (kills come from the action log, the same in every seed).
fn bands(
    out: &mut String,
    b: &BandResult,
    membership: bool,
    n: f64,
    x: &impl Fn(f64) -> f64,
    y: &impl Fn(f64) -> f64,
) {
    use BandSeries as S;
    let steps = b.flat.len() / crate::bands::protocol::PER_STEP;
    let stride = steps.div_ceil(MAX_POINTS).max(1);
    let mut at: Vec<usize> = (0..steps).step_by(stride).collect();
    if steps > 0 && at.last() != Some(&(steps - 1)) {
        at.push(steps - 1);
    }
    // Under membership the "fresh" line is the observers that detected the failure.
    let series: &[(&str, BandSeries)] = if membership {
        &[("fresh", S::Informed), ("dead", S::Dead)]
    } else {
        &[
            ("unaware", S::Unaware),
            ("stale", S::Stale),
            ("fresh", S::Fresh),
            ("informed", S::Informed),
            ("dead", S::Dead),
        ]
    };
    for &(class, which) in series {
        let value = |i: usize, v: f64| {
            if which == S::Informed {
                let dead = band_at(&b.flat, i, S::Dead).map_or(0.0, |d| d.p50);
                v * (n - dead).max(0.0)
            } else {
                v
            }
        };
        let pts: Vec<_> = at
            .iter()
            .filter_map(|&i| band_at(&b.flat, i, which).map(|band| (i, band)))
            .collect();
        // The area: along p95, back along p5 (a fill closes the path by itself).
        let area: Vec<_> = pts
            .iter()
            .map(|(i, band)| (*i, band.p95))
            .chain(pts.iter().rev().map(|(i, band)| (*i, band.p5)))
            .map(|(i, v)| (x(i as f64), y(value(i, v))))
            .collect();
        path(out, &format!("band {class}"), &area);
        let median: Vec<_> = pts
            .iter()
            .map(|(i, band)| (x(*i as f64), y(value(*i, band.p50))))
            .collect();
        path(out, &format!("median {class}"), &median);
    }
}

/// The chart. Only the `<svg>` is an element of its own (it takes the clicks); what it draws
/// is markup text that ignores the pointer, so a click lands on the `<svg>` even when a round
/// redraws the shapes between press and release.
pub fn chart(p: &ChartInput) -> Html {
    let lang = p.lang;
    let frontier = p.data.frontier;
    // The marker counts abstract rounds: under a time model it does not hold.
    let marked = p.time.is_none() && !matches!(p.protocol, Protocol::Membership { .. });
    // The leading-order rounds of the run's own mode and fanout (rumors push).
    let marker_mode = match &p.protocol {
        Protocol::AntiEntropy { mode, .. } => *mode,
        _ => gossip_engine::Mode::Push,
    };
    let marker = theory::rounds_estimate(marker_mode, p.nodes, p.fanout);
    let membership = p.protocol.kind() == gossip_engine::ProtocolKind::Membership;
    // Bands run to the last seed's end: the axis shows them whole.
    let band_steps = p.bands.as_ref().map_or(0, |b| {
        (b.flat.len() / crate::bands::protocol::PER_STEP) as u32
    });
    let span = frontier
        .max(8)
        .max(band_steps.saturating_sub(1))
        .max(if marked { marker.ceil() as u32 + 3 } else { 0 });
    let plot_h = H - BARS - TOP - 16.0;
    let x = |r: f64| LEFT + (W - LEFT - RIGHT) * r / f64::from(span);
    let n = f64::from(p.nodes.max(1));
    let y = |c: f64| TOP + plot_h * (1.0 - c / n);
    let y0 = y(0.0);
    let max_msgs = p.data.max_messages.max(1) as f64;
    let bar_w = ((W - LEFT - RIGHT) / f64::from(span) * 0.8).clamp(0.5, 12.0);
    let bars_top = H - BARS;
    let mut s = String::with_capacity(1024 + p.data.points.len() * 90);
    s.push_str(r#"<g pointer-events="none">"#);
    let _ = write!(
        s,
        r#"<line class="axis" x1="{LEFT:.1}" y1="{y0:.1}" x2="{:.1}" y2="{y0:.1}"/><text class="tick" x="{tick_x:.1}" y="{:.1}" text-anchor="end">{}</text><text class="tick" x="{tick_x:.1}" y="{y0:.1}" text-anchor="end">0</text>"#,
        W - RIGHT,
        y(n) + 4.0,
        p.nodes,
        tick_x = LEFT - 4.0,
    );
    if marked {
        let xm = x(marker);
        let _ = write!(
            s,
            r#"<line class="marker" x1="{xm:.1}" x2="{xm:.1}" y1="{TOP:.1}" y2="{y0:.1}"/><text class="tick" x="{:.1}" y="{:.1}" text-anchor="{}">{} ≈ {}</text>"#,
            // Right of the marker, or left of it when the label would run off the chart.
            if xm > W * 0.6 { xm - 3.0 } else { xm + 3.0 },
            TOP + 9.0,
            if xm > W * 0.6 { "end" } else { "start" },
            theory::rounds_formula(marker_mode, p.fanout),
            fixed(marker, 1),
        );
    }
    if let Some(b) = &p.bands {
        bands(&mut s, b, membership, n, &x, &y);
    }
    if let Some(curve) = &p.theory {
        let pts: Vec<_> = curve
            .iter()
            .take(span as usize + 1)
            .enumerate()
            .map(|(r, c)| (x(r as f64), y(*c)))
            .collect();
        path(&mut s, "theory", &pts);
    }
    if !p.data.detections.is_empty() {
        let fresh: Vec<_> = p
            .data
            .detections
            .iter()
            .map(|&(r, d, _)| (x(f64::from(r)), y(d)))
            .collect();
        path(&mut s, "line fresh", &fresh);
        let dead: Vec<_> = p
            .data
            .detections
            .iter()
            .map(|&(r, _, dead)| (x(f64::from(r)), y(f64::from(dead))))
            .collect();
        path(&mut s, "line dead", &dead);
    }
    if p.data.points.iter().any(|(_, c, _)| c.is_some()) {
        let series: [Series; 5] = [
            ("line unaware", |c| c.unaware),
            ("line stale", |c| c.stale),
            ("line fresh", |c| c.fresh),
            ("line informed", |c| c.fresh + c.stale),
            ("line dead", |c| c.dead),
        ];
        for (class, get) in series {
            let pts: Vec<_> = p
                .data
                .points
                .iter()
                .filter_map(|(r, c, _)| c.map(|c| (x(f64::from(*r)), y(f64::from(get(&c))))))
                .collect();
            path(&mut s, class, &pts);
        }
    }
    // Ticks in the gap between the plot and the bars, in rounds or (under a time model) in
    // seconds, at 1, 2 or 5 times a power of ten so that there are at most ten; the axis
    // titles at the left.
    let (per_step, unit) = match &p.time {
        Some(t) => (f64::from(t.tick_ms) / 1000.0, tr!(lang, "s")),
        None => (1.0, tr!(lang, "round")),
    };
    let span_u = f64::from(span) * per_step;
    let step = [1.0, 2.0, 5.0]
        .iter()
        .flat_map(|m| [0.1, 1.0, 10.0, 100.0, 1000.0, 10_000.0].map(|p| m * p))
        .filter(|st| (span_u / st + 1e-9).floor() <= 10.0)
        .fold(span_u.max(per_step), f64::min);
    let row = y0 + 11.0;
    let mut k = 1.0;
    while k * step <= span_u + 1e-9 {
        let v = k * step;
        let _ = write!(
            s,
            r#"<text class="tick" x="{:.1}" y="{row:.1}" text-anchor="middle">{}</text>"#,
            x(v / per_step),
            fixed(v, if step < 1.0 { 1 } else { 0 })
        );
        k += 1.0;
    }
    let _ = write!(
        s,
        r#"<text class="tick title" x="{:.1}" y="{row:.1}" text-anchor="end">{}</text><text class="tick title" x="{:.1}" y="{:.1}" text-anchor="end">{}</text>"#,
        LEFT - 4.0,
        Esc(unit),
        LEFT - 4.0,
        (TOP + y0) / 2.0 + 4.0,
        Esc(tr!(lang, "nodes")),
    );
    // All bars as one path: one node, however long the run.
    s.push_str(r#"<path class="bar" d=""#);
    for &(round, _, messages) in &p.data.points {
        let h = ((BARS - 4.0) * messages as f64 / max_msgs).max(0.0);
        let _ = write!(
            s,
            "M{:.1},{:.1}h{bar_w:.2}v{h:.1}h{:.2}z",
            x(f64::from(round)) - bar_w / 2.0,
            H - h,
            -bar_w,
        );
    }
    let xc = x(f64::from(p.round));
    let _ = write!(
        s,
        r#""/><text class="tick" x="{:.1}" y="{:.1}" text-anchor="end">{}</text><line class="cursor" x1="{xc:.1}" x2="{xc:.1}" y1="{TOP:.1}" y2="{H:.1}"/></g>"#,
        LEFT - 4.0,
        bars_top + 10.0,
        p.data.max_messages.max(1),
    );
    let mut caption = String::from("<figcaption>");
    // Under membership the lines are detections (live, or a band's), never message states.
    if p.data.detections.is_empty() && !(membership && p.bands.is_some()) {
        key(&mut caption, "informed", tr!(lang, "informed"));
        key(&mut caption, "fresh", tr!(lang, "fresh"));
        key(&mut caption, "stale", tr!(lang, "stale"));
        key(&mut caption, "unaware", tr!(lang, "unaware"));
    } else {
        key(&mut caption, "fresh", tr!(lang, "detected the failure"));
    }
    key(&mut caption, "dead", tr!(lang, "dead"));
    if p.theory.is_some() {
        key(
            &mut caption,
            "theory",
            tr!(lang, "mean-field approximation (informed)"),
        );
    }
    if p.bands.is_some() {
        key(
            &mut caption,
            "band",
            tr!(lang, "median and 5–95% of the seeds (dashed: median)"),
        );
    }
    key(&mut caption, "bar", tr!(lang, "messages per round"));
    caption.push_str("</figcaption>");
    let on_click = Callback::from({
        let on_seek = p.on_seek.clone();
        move |e: MouseEvent| {
            let el: web_sys::Element = e.target_unchecked_into();
            let svg = el.closest("svg").ok().flatten().unwrap_or(el);
            let rect = svg.get_bounding_client_rect();
            let fx = (f64::from(e.client_x()) - rect.left()) / rect.width().max(1.0) * W;
            let r = ((fx - LEFT) / (W - LEFT - RIGHT) * f64::from(span)).round();
            on_seek.emit(r.clamp(0.0, f64::from(frontier)) as u32);
        }
    });
    html! {
        <figure class="chart" data-testid="chart">
            // viewBox: "0 0 {W} {H}".
            <svg viewBox="0 0 600 170" preserveAspectRatio="none" role="img" onclick={on_click}
                aria-label={tr!(lang, "Nodes per state per round, with messages per round below")}>
                { raw(s) }
            </svg>
            { raw(caption) }
        </figure>
    }
}
