//! The run chart: nodes per state per round, the theory curve for anti-entropy, a marker at
//! log2 N + ln N, messages per round, and a cursor at the current round. Hand-drawn SVG.

use gossip_engine::{Protocol, RoundStats, StateCounts, theory};
use yew::prelude::*;

use crate::i18n::{tr, use_lang};

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

/// Props of [`Chart`].
#[derive(Properties, PartialEq)]
pub struct ChartProps {
    /// The sampled history.
    pub data: std::rc::Rc<ChartData>,
    /// Cluster size at the start.
    pub nodes: u32,
    /// The protocol (for the theory curve).
    pub protocol: Protocol,
    /// Fanout (for the theory curve).
    pub fanout: u32,
    /// Current round (cursor).
    pub round: u32,
    /// Sends a click on the chart as a seek.
    pub on_seek: Callback<u32>,
}

const W: f64 = 600.0;
const H: f64 = 150.0;
const BARS: f64 = 34.0;
const LEFT: f64 = 34.0;
const RIGHT: f64 = 8.0;
const TOP: f64 = 8.0;

fn path(points: &[(f64, f64)]) -> String {
    let mut s = String::with_capacity(points.len() * 14);
    for (i, (x, y)) in points.iter().enumerate() {
        s.push_str(if i == 0 { "M" } else { "L" });
        s.push_str(&format!("{x:.1},{y:.1}"));
    }
    s
}

/// The chart.
#[function_component(Chart)]
pub fn chart(p: &ChartProps) -> Html {
    let lang = use_lang();
    let frontier = p.data.frontier;
    let marker = theory::log2_plus_ln(p.nodes);
    let theory_mode = match &p.protocol {
        Protocol::AntiEntropy { mode, .. } => Some(*mode),
        _ => None,
    };
    let span = frontier.max(8).max(marker.ceil() as u32 + 3);
    let plot_h = H - BARS - TOP - 14.0;
    let x = |r: f64| LEFT + (W - LEFT - RIGHT) * r / f64::from(span);
    let n = f64::from(p.nodes.max(1));
    let y = |c: f64| TOP + plot_h * (1.0 - c / n);
    let series = |get: fn(&StateCounts) -> u32| -> String {
        let pts: Vec<_> = p
            .data
            .points
            .iter()
            .filter_map(|(r, c, _)| c.map(|c| (x(f64::from(*r)), y(f64::from(get(&c))))))
            .collect();
        path(&pts)
    };
    let theory_path = theory_mode.map(|mode| {
        let curve = theory::informed_curve(mode, p.nodes, p.fanout, 1, span);
        path(
            &curve
                .iter()
                .enumerate()
                .map(|(r, f)| (x(r as f64), y(f * n)))
                .collect::<Vec<_>>(),
        )
    });
    let max_msgs = p.data.max_messages.max(1) as f64;
    let bar_w = ((W - LEFT - RIGHT) / f64::from(span) * 0.8).clamp(0.5, 12.0);
    let bars_top = H - BARS;
    let bars_path = {
        use std::fmt::Write as _;
        let mut d = String::with_capacity(p.data.points.len() * 24);
        for &(round, _, messages) in &p.data.points {
            let h = ((BARS - 4.0) * messages as f64 / max_msgs).max(0.0);
            let _ = write!(
                d,
                "M{:.1},{:.1}h{bar_w:.2}v{h:.1}h{:.2}z",
                x(f64::from(round)) - bar_w / 2.0,
                H - h,
                -bar_w
            );
        }
        d
    };
    let on_click = {
        let on_seek = p.on_seek.clone();
        Callback::from(move |e: MouseEvent| {
            let el: web_sys::Element = e.target_unchecked_into();
            let svg = el.closest("svg").ok().flatten().unwrap_or(el);
            let rect = svg.get_bounding_client_rect();
            let fx = (f64::from(e.client_x()) - rect.left()) / rect.width().max(1.0) * W;
            let r = ((fx - LEFT) / (W - LEFT - RIGHT) * f64::from(span)).round();
            on_seek.emit(r.clamp(0.0, f64::from(frontier)) as u32);
        })
    };
    let has_message = p.data.points.iter().any(|(_, c, _)| c.is_some());
    html! {
        <figure class="chart" data-testid="chart">
            <svg viewBox={format!("0 0 {W} {H}")} preserveAspectRatio="none" role="img" onclick={on_click}
                aria-label={tr(lang, "Nodes per state per round, with messages per round below")}>
                <line class="axis" x1={LEFT.to_string()} y1={y(0.0).to_string()} x2={(W - RIGHT).to_string()} y2={y(0.0).to_string()} />
                <text class="tick" x={(LEFT - 4.0).to_string()} y={(y(n) + 4.0).to_string()} text-anchor="end">{ p.nodes }</text>
                <text class="tick" x={(LEFT - 4.0).to_string()} y={(y(0.0)).to_string()} text-anchor="end">{"0"}</text>
                if theory_mode.is_some() || matches!(p.protocol, Protocol::Rumor { .. }) {
                    <line class="marker" x1={x(marker).to_string()} x2={x(marker).to_string()} y1={TOP.to_string()} y2={y(0.0).to_string()} />
                    <text class="tick" x={(x(marker) + 3.0).to_string()} y={(TOP + 9.0).to_string()}>{ format!("log₂N+lnN ≈ {marker:.1}") }</text>
                }
                if let Some(tp) = theory_path {
                    <path class="theory" d={tp} />
                }
                if !p.data.detections.is_empty() {
                    <path class="line fresh" d={path(&p.data.detections.iter().map(|&(r, d, _)| (x(f64::from(r)), y(d))).collect::<Vec<_>>())} />
                    <path class="line dead" d={path(&p.data.detections.iter().map(|&(r, _, dead)| (x(f64::from(r)), y(f64::from(dead)))).collect::<Vec<_>>())} />
                }
                if has_message {
                    <path class="line unaware" d={series(|c| c.unaware)} />
                    <path class="line stale" d={series(|c| c.stale)} />
                    <path class="line fresh" d={series(|c| c.fresh)} />
                    <path class="line informed" d={series(|c| c.fresh + c.stale)} />
                    <path class="line dead" d={series(|c| c.dead)} />
                }
                // All bars as one path: one DOM node to diff per render, however long the run.
                <path class="bar" d={bars_path} />
                <text class="tick" x={(LEFT - 4.0).to_string()} y={(bars_top + 10.0).to_string()} text-anchor="end">{ format!("{max_msgs:.0}") }</text>
                <line class="cursor" x1={x(f64::from(p.round)).to_string()} x2={x(f64::from(p.round)).to_string()} y1={TOP.to_string()} y2={H.to_string()} />
            </svg>
            <figcaption>
                if p.data.detections.is_empty() {
                    <span class="key informed">{tr(lang, "informed")}</span>
                    <span class="key fresh">{tr(lang, "fresh")}</span>
                    <span class="key stale">{tr(lang, "stale")}</span>
                    <span class="key unaware">{tr(lang, "unaware")}</span>
                } else {
                    <span class="key fresh">{tr(lang, "detected the failure")}</span>
                }
                <span class="key dead">{tr(lang, "dead")}</span>
                if theory_mode.is_some() { <span class="key theory">{tr(lang, "theory (expected informed)")}</span> }
                <span class="key bar">{tr(lang, "messages per round")}</span>
            </figcaption>
        </figure>
    }
}
