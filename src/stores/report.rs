//! The measures panel: how long each crash took to be noticed, by the first node and by all,
//! the verdicts against nodes that were running, and the traffic, all read from the recorded
//! frames up to the tick shown, so that they move back with the cursor.

use yew::prelude::*;

use super::recording::Frame;
use super::run::Verdict;
use super::scenario::{Store, StoreAction, StoreCommand};
use super::texts as tx;
use crate::i18n::Text;
use crate::lang::Lang;
use crate::num::fixed;

/// One crash and when it was noticed, in ticks after it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Detection {
    /// The node.
    pub node: u32,
    /// Tick of the crash.
    pub at: u32,
    /// First verdict: DOWN (Cassandra), PFAIL (Redis), unreachable (Dynamo).
    pub first: Option<u32>,
    /// Redis: FAIL by a majority of masters.
    pub confirm: Option<u32>,
    /// Every acting node that knows it holds it failed.
    pub all: Option<u32>,
    /// Redis: its replica promoted.
    pub failover: Option<u32>,
}

/// What a verdict says about whom: (node, counts as a failure verdict, a confirming one).
fn about(v: &Verdict) -> Option<(u32, bool)> {
    match *v {
        Verdict::Down { node, .. } | Verdict::Pfail { node, .. } => Some((node, false)),
        Verdict::Fail {
            node, by_majority, ..
        } => Some((node, by_majority)),
        Verdict::Unreachable { peer, .. } => Some((peer, false)),
        _ => None,
    }
}

/// The crashes among `actions` up to `now`, and when each was noticed.
pub fn detections(
    store: Store,
    frames: &[Frame],
    actions: &[StoreAction],
    now: u32,
) -> Vec<Detection> {
    actions
        .iter()
        .filter(|a| a.tick < now)
        .filter_map(|a| match a.command {
            StoreCommand::Kill(node) => Some((a.tick, node)),
            _ => None,
        })
        .map(|(at, node)| {
            let mut d = Detection {
                node,
                at,
                ..Detection::default()
            };
            let n = node as usize;
            for t in at + 1..=now {
                let f = &frames[t as usize];
                for v in &f.verdicts {
                    match (about(v), v) {
                        (Some((x, confirm)), _) if x == node => {
                            d.first.get_or_insert(t - at);
                            if confirm {
                                d.confirm.get_or_insert(t - at);
                            }
                        }
                        (_, Verdict::Promoted { master, .. }) if *master == node => {
                            d.failover.get_or_insert(t - at);
                        }
                        _ => {}
                    }
                }
                let v = f.views.get(n).copied().unwrap_or_default();
                let failed = match store {
                    Store::RedisCluster => v[0] == 0 && v[1] == 0 && v[2] > 0,
                    _ => v[0] == 0 && v[2] > 0,
                };
                if failed {
                    d.all.get_or_insert(t - at);
                }
            }
            d
        })
        .collect()
}

/// Failure verdicts (DOWN, FAIL, unreachable) reached about a node that was running.
pub fn false_positives(frames: &[Frame], now: u32) -> u32 {
    frames
        .iter()
        .take(now as usize + 1)
        .map(|f| {
            f.verdicts
                .iter()
                .filter(|v| !matches!(v, Verdict::Pfail { .. }))
                .filter_map(about)
                .filter(|(x, _)| !f.down.get(*x as usize).copied().unwrap_or(true))
                .count() as u32
        })
        .sum()
}

fn secs(t: Option<u32>, tick_s: f64) -> String {
    t.map_or("—".into(), |t| {
        format!("{} s", fixed(f64::from(t) * tick_s, 1))
    })
}

/// The panel.
pub fn measures(
    lang: Lang,
    store: Store,
    frames: &[Frame],
    actions: &[StoreAction],
    now: u32,
    tick_s: f64,
) -> Html {
    let ds = detections(store, frames, actions, now);
    let f = &frames[now as usize];
    let seconds = f64::from(now) * tick_s;
    let n = f.views.len().max(1) as f64;
    let per_member = if seconds > 0.0 {
        f.bytes[0] as f64 / n / seconds
    } else {
        0.0
    };
    let first = match store {
        Store::Cassandra => Text("first DOWN", "首次 DOWN"),
        Store::RedisCluster => Text("first PFAIL", "首次 PFAIL"),
        Store::Dynamo => Text("first unreachable", "首次不可达"),
    };
    html! {
        <section class="swim-measures" data-testid="store-measures">
            <h2>{tx::MEASURES.get(lang)}</h2>
            <table class="swim-table">
                <tr>
                    <th>{Text("crashed", "崩溃节点").get(lang)}</th>
                    <th>{first.get(lang)}</th>
                    if store == Store::RedisCluster {
                        <th>{"FAIL"}</th>
                        <th>{Text("failover", "故障转移").get(lang)}</th>
                    }
                    <th>{Text("all", "全部").get(lang)}</th>
                </tr>
                if ds.is_empty() {
                    <tr><td colspan="5">{Text("No crash yet.", "尚无崩溃。").get(lang)}</td></tr>
                }
                { for ds.iter().map(|d| html! {
                    <tr data-testid="detection">
                        <td>{format!("{} @ {} s", d.node, fixed(f64::from(d.at) * tick_s, 1))}</td>
                        <td data-testid="detect-first">{secs(d.first, tick_s)}</td>
                        if store == Store::RedisCluster {
                            <td data-testid="detect-confirm">{secs(d.confirm, tick_s)}</td>
                            <td data-testid="failover">{secs(d.failover, tick_s)}</td>
                        }
                        <td data-testid="detect-all">{secs(d.all, tick_s)}</td>
                    </tr>
                }) }
            </table>
            <table class="swim-table kv">
                <tr><th scope="row">{Text("Verdicts against running nodes", "针对运行中节点的误判").get(lang)}</th>
                    <td data-testid="false-positives">{false_positives(frames, now)}</td></tr>
                <tr><th scope="row">{Text("Bytes per node per second", "每节点每秒字节数").get(lang)}</th>
                    <td data-testid="bytes-rate">{fixed(per_member, 0)}</td></tr>
                if store == Store::Dynamo {
                    <tr><th scope="row">{Text("Replica syncs: Merkle · digest · full, kB", "副本同步：Merkle · 摘要 · 完整，kB").get(lang)}</th>
                        <td data-testid="sync-bytes">{format!("{} · {} · {}", fixed(f.bytes[1] as f64 / 1000.0, 1),
                            fixed(f.bytes[2] as f64 / 1000.0, 1), fixed(f.bytes[3] as f64 / 1000.0, 1))}</td></tr>
                }
            </table>
        </section>
    }
}
