//! The chart under the graph, the signature of each system over the recorded run:
//! Cassandra's φ of the followed node against the conviction threshold, Redis's count of
//! masters flagging it against the quorum, Dynamo's bytes of Merkle syncs against flat
//! digests and full transfers.

use yew::prelude::*;

use super::recording::{Frame, Recording};
use super::run::observer_of;
use super::scenario::Store;
use super::texts as tx;
use crate::i18n::Text;
use crate::lang::Lang;
use crate::num::fixed;
use crate::systems::chart::seconds_grid;

const W: f64 = 640.0;
const H: f64 = 200.0;
const PAD_L: f64 = 44.0;
const PAD_B: f64 = 26.0;
const PAD_T: f64 = 10.0;

/// One line: its name, colour, dashed, and a value per frame.
struct Series {
    name: Text,
    colour: &'static str,
    dashed: bool,
    values: Vec<f64>,
}

/// What the chart draws for `store`, following `node`; `quorum` is Redis's.
fn series(
    store: Store,
    frames: &[Frame],
    node: u32,
    quorum: u32,
    threshold: f64,
) -> (Text, Vec<Series>) {
    let at = |f: &Frame| f64::from(f.probe.get(node as usize).copied().unwrap_or(0.0));
    match store {
        Store::Cassandra => (
            Text("φ of node {n} at node {o}", "节点 {o} 对节点 {n} 的 φ"),
            vec![
                Series {
                    name: Text("φ", "φ"),
                    colour: "#D55E00",
                    dashed: false,
                    values: frames.iter().map(at).collect(),
                },
                Series {
                    name: Text("phi_convict_threshold", "phi_convict_threshold"),
                    colour: "#5f6b76",
                    dashed: true,
                    values: vec![threshold; frames.len()],
                },
            ],
        ),
        Store::RedisCluster => (
            Text(
                "Masters flagging node {n} PFAIL or FAIL",
                "把节点 {n} 标记为 PFAIL 或 FAIL 的主节点数",
            ),
            vec![
                Series {
                    name: Text("masters flagging", "标记它的主节点"),
                    colour: "#E69F00",
                    dashed: false,
                    values: frames.iter().map(at).collect(),
                },
                Series {
                    name: Text("quorum (a majority of masters)", "法定人数（多数主节点）"),
                    colour: "#5f6b76",
                    dashed: true,
                    values: vec![f64::from(quorum); frames.len()],
                },
            ],
        ),
        Store::Dynamo => {
            let col = |i: usize| frames.iter().map(|f| f.bytes[i] as f64 / 1000.0).collect();
            (
                Text(
                    "Replica sync, kB so far (log scale)",
                    "副本同步累计 kB（对数坐标）",
                ),
                vec![
                    Series {
                        name: Text("Merkle tree", "Merkle 树"),
                        colour: "#009E73",
                        dashed: false,
                        values: col(1),
                    },
                    Series {
                        name: Text("flat digest", "扁平摘要"),
                        colour: "#E69F00",
                        dashed: false,
                        values: col(2),
                    },
                    Series {
                        name: Text("full transfer", "完整传输"),
                        colour: "#D55E00",
                        dashed: true,
                        values: col(3),
                    },
                ],
            )
        }
    }
}

/// The chart over every frame of `rec`, with a cursor at the tick shown, following `node`;
/// `(quorum, threshold)` are Redis's quorum of masters and Cassandra's conviction threshold.
pub fn chart(lang: Lang, rec: &Recording, node: u32, (quorum, threshold): (u32, f64)) -> Html {
    let (frames, now, store) = (rec.frames(), rec.now(), rec.scenario().store);
    let tick_s = f64::from(rec.tick_ms()) / 1000.0;
    let (title, lines) = series(store, frames, node, quorum, threshold);
    let title = title
        .get(lang)
        .replace("{n}", &node.to_string())
        .replace("{o}", &observer_of(node).to_string());
    let ticks = frames.len().max(2) as f64 - 1.0;
    let top = lines
        .iter()
        .flat_map(|s| s.values.iter().copied())
        .fold(1.0f64, f64::max)
        * 1.1;
    // Dynamo's three byte counts differ by orders of magnitude: a logarithmic axis, or the
    // Merkle line would lie flat on zero under the full transfer's.
    let log = store == Store::Dynamo;
    let scale = |v: f64| if log { (1.0 + v.max(0.0)).log10() } else { v };
    let x = |t: f64| PAD_L + t / ticks * (W - PAD_L - 8.0);
    let y = |v: f64| H - PAD_B - scale(v.min(top)) / scale(top) * (H - PAD_B - PAD_T);
    let decades: Vec<f64> = (0..7)
        .map(|k| 10f64.powi(k))
        .filter(|d| log && *d <= top)
        .collect();
    let grid = seconds_grid(ticks * tick_s, tick_s, (PAD_T, H - PAD_B, H - 8.0), x);
    // A polyline of at most ~1,000 points: long runs are sampled.
    let every = (frames.len() / 1000).max(1);
    let points = |v: &[f64]| {
        v.iter()
            .enumerate()
            .filter(|(t, _)| t % every == 0 || *t + 1 == v.len())
            .map(|(t, v)| format!("{:.1},{:.1}", x(t as f64), y(*v)))
            .collect::<Vec<_>>()
            .join(" ")
    };
    let cursor = x(f64::from(now));
    html! {
        <figure class="swim-chart" data-testid="store-chart">
            <figcaption>
                <strong>{title.clone()}</strong>
                { for lines.iter().map(|s| html! {
                    <span class="key"><svg width="18" height="8"><line x1="0" x2="18" y1="4" y2="4" stroke={s.colour}
                        stroke-width="3" stroke-dasharray={s.dashed.then_some("4 3")} /></svg>{s.name.get(lang)}</span>
                }) }
            </figcaption>
            <svg viewBox={format!("0 0 {W} {H}")} role="img" aria-label={title}>
                { grid }
                { for decades.iter().map(|d| html! {
                    <g>
                        <line x1={PAD_L.to_string()} x2={(W - 8.0).to_string()} y1={format!("{:.1}", y(*d))} y2={format!("{:.1}", y(*d))} class="grid" />
                        <text x="4" y={format!("{:.1}", y(*d) + 4.0)} class="tick-label start">{fixed(*d, 0)}</text>
                    </g>
                }) }
                if !log {
                    <text x="4" y={(PAD_T + 8.0).to_string()} class="tick-label start">{fixed(top, 1)}</text>
                }
                <text x="4" y={(H - PAD_B).to_string()} class="tick-label start">{"0"}</text>
                <text x={(W - 8.0).to_string()} y={(H - 8.0).to_string()} class="tick-label end">{tx::SECONDS.get(lang)}</text>
                { for lines.iter().map(|s| html! {
                    <polyline points={points(&s.values)} fill="none" stroke={s.colour} stroke-width="2.5"
                        stroke-dasharray={s.dashed.then_some("6 4")} />
                }) }
                <line x1={format!("{cursor:.1}")} x2={format!("{cursor:.1}")} y1={PAD_T.to_string()} y2={(H - PAD_B).to_string()} class="cursor" />
            </svg>
        </figure>
    }
}
