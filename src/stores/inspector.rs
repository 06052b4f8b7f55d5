//! The selected node's own state, as its system keeps it: Cassandra's endpoint states with φ,
//! Redis's node table with its flags and failure reports, Dynamo's ring view and the Merkle
//! tree of its last replica sync with the branches that differed.

use gossip_engine::redis::gossip_wanted;
use yew::prelude::*;

use super::run::Run;
use super::texts::NODE;
use crate::i18n::Text;
use crate::lang::Lang;
use crate::num::fixed;

/// Rows of the endpoint table shown at most (the highest φ first).
const TABLE_ROWS: usize = 8;
/// Levels of the Merkle tree drawn: 1 + 2 + … + 32 = 63 cells fit a side panel.
const TREE_LEVELS: u32 = 6;

const STATE: Text = Text("Process", "进程");
const RUNNING: Text = Text("running", "运行中");
const CRASHED: Text = Text("crashed", "已崩溃");
const PAUSED: Text = Text("paused", "已暂停");

fn row(label: &str, value: String) -> Html {
    html! { <tr><th scope="row">{label}</th><td>{value}</td></tr> }
}

fn list(ids: &[u32]) -> String {
    if ids.is_empty() {
        "—".into()
    } else {
        ids.iter()
            .map(u32::to_string)
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// The inspector of `node` in `run`, at `seconds`.
pub fn inspector(lang: Lang, run: &Run, node: u32) -> Html {
    let process = match run.condition(node) {
        Some(c) if c.crashed => CRASHED,
        Some(c) if !c.acts(run.tick()) => PAUSED,
        _ => RUNNING,
    };
    let body = match run {
        Run::Cassandra(s) => cassandra(lang, s, node),
        Run::Redis(s) => redis(lang, s, node),
        Run::Dynamo(s) => dynamo(lang, s, node),
    };
    html! {
        <section class="swim-inspector" data-testid="store-inspector" data-node={node.to_string()}>
            <h2>{format!("{} {node}", NODE.get(lang))}</h2>
            <table class="swim-table kv">
                {row(STATE.get(lang), process.get(lang).to_string())}
            </table>
            {body}
        </section>
    }
}

fn cassandra(lang: Lang, s: &gossip_engine::cassandra::CassandraSimulation, node: u32) -> Html {
    let Some(g) = s.node(node) else {
        return Html::default();
    };
    let own = g.view(node);
    let mut eps: Vec<(u32, bool, f64, u32)> = (0..s.nodes())
        .filter(|&e| e != node)
        .filter_map(|e| {
            let v = g.view(e)?;
            Some((e, v.alive, s.phi(node, e).unwrap_or(0.0), v.generation))
        })
        .collect();
    eps.sort_by(|a, b| b.2.total_cmp(&a.2).then(a.0.cmp(&b.0)));
    let threshold = s.config().phi_convict_threshold;
    html! {
        <>
            <table class="swim-table kv">
                {row(Text("Generation · heartbeat", "代号 · 心跳版本").get(lang),
                    own.map_or("—".into(), |v| format!("{} · {}", v.generation, v.version)))}
                {row(Text("Live endpoints", "存活端点").get(lang), g.live.len().to_string())}
                {row(Text("Unreachable", "不可达").get(lang), list(&g.unreachable))}
                {row(Text("Seeds", "种子节点").get(lang), list(&g.seeds))}
            </table>
            <table class="swim-table" data-testid="phi-table">
                <caption>{format!("{} {}", Text("φ here; convicts at", "此处的 φ；定罪阈值").get(lang), fixed(threshold, 0))}</caption>
                <tr><th>{NODE.get(lang)}</th><th>{"UP/DOWN"}</th><th>{"φ"}</th><th>{Text("generation", "代号").get(lang)}</th></tr>
                { for eps.iter().take(TABLE_ROWS).map(|&(e, up, phi, generation)| html! {
                    <tr class={classes!((!up).then_some("down"))}>
                        <td>{e}</td><td>{if up { "UP" } else { "DOWN" }}</td>
                        <td>{fixed(phi, 2)}</td><td>{generation}</td>
                    </tr>
                }) }
            </table>
        </>
    }
}

fn redis(lang: Lang, s: &gossip_engine::redis::RedisSimulation, node: u32) -> Html {
    let Some(r) = s.node(node) else {
        return Html::default();
    };
    let role = match s.role(node) {
        Some(x) if x.master => Text("master", "主节点").get(lang).to_string(),
        Some(x) => format!(
            "{} {}",
            Text("replica of", "副本，主节点").get(lang),
            x.master_of.map_or("—".into(), |m| m.to_string())
        ),
        None => "—".into(),
    };
    let known = r.known();
    let flagged: Vec<(u32, &gossip_engine::redis::Peer)> = r
        .peers
        .iter()
        .enumerate()
        .filter(|(j, p)| *j as u32 != node && p.known && (p.pfail || p.fail))
        .map(|(j, p)| (j as u32, p))
        .collect();
    let pfails = flagged.iter().filter(|(_, p)| p.pfail).count() as u32;
    let wanted = gossip_wanted(known);
    let now = s.now_ms();
    html! {
        <>
            <table class="swim-table kv">
                {row(Text("Role", "角色").get(lang), role)}
                {row("currentEpoch", r.current_epoch.to_string())}
                {row(Text("Nodes it knows", "已知节点").get(lang), known.to_string())}
                {row(Text("Gossip section", "gossip 段").get(lang),
                    format!("max(3, ⌊{known}/10⌋) = {wanted} + {pfails} PFAIL"))}
                {row(Text("Quorum of masters", "主节点法定人数").get(lang),
                    format!("{} / {}", s.quorum(), s.size()))}
            </table>
            <table class="swim-table" data-testid="flag-table">
                <caption>{Text("Nodes it flags", "它标记的节点").get(lang)}</caption>
                <tr><th>{NODE.get(lang)}</th><th>{Text("flag", "标记").get(lang)}</th>
                    <th>{Text("failure reports", "故障报告").get(lang)}</th>
                    <th>{Text("last PONG", "上次 PONG").get(lang)}</th></tr>
                if flagged.is_empty() {
                    <tr><td colspan="4">{"—"}</td></tr>
                }
                { for flagged.iter().take(TABLE_ROWS).map(|(j, p)| html! {
                    <tr class="down">
                        <td>{j}</td><td>{if p.fail { "FAIL" } else { "PFAIL" }}</td>
                        <td>{r.records[*j as usize].reports.len()}</td>
                        <td>{format!("{} s", fixed(now.saturating_sub(p.pong_received) as f64 / 1000.0, 1))}</td>
                    </tr>
                }) }
            </table>
        </>
    }
}

fn dynamo(lang: Lang, s: &gossip_engine::dynamo::DynamoSimulation, node: u32) -> Html {
    let Some(d) = s.node(node) else {
        return Html::default();
    };
    let unreachable: Vec<u32> = d.unreachable.iter().copied().collect();
    let sync = s.last_sync(node).map(|ls| {
        let m = &ls.sync;
        let depth = s.config().merkle_depth;
        let differing: std::collections::BTreeSet<u32> = m.differing_nodes.iter().copied().collect();
        let levels = depth.min(TREE_LEVELS - 1);
        html! {
            <div class="merkle" data-testid="merkle">
                <h3>{format!("{} {} · {} s", Text("Last sync with node", "最近一次同步：节点").get(lang), ls.peer,
                    fixed(f64::from(ls.tick) * f64::from(s.config().tick_ms) / 1000.0, 1))}</h3>
                <p>{format!("{} {} · {} {} / {}",
                    Text("keys moved", "传输键数").get(lang), m.keys_transferred.len(),
                    Text("leaves differing", "不同的叶子").get(lang), m.differing_leaves.len(), 1u32 << depth)}</p>
                <div class="tree" aria-label={Text("Merkle tree, differing branches marked", "Merkle 树，不同的分支已标出").get(lang)}>
                    { for (0..=levels).map(|level| html! {
                        <div class="level">
                            { for (0..(1u32 << level)).map(|k| {
                                let index = (1u32 << level) - 1 + k;
                                html! { <span class={classes!("cell", differing.contains(&index).then_some("differs"))}></span> }
                            }) }
                        </div>
                    }) }
                </div>
                <table class="swim-table kv">
                    {row(Text("Merkle bytes", "Merkle 字节").get(lang), m.merkle_bytes.to_string())}
                    {row(Text("flat digest would be", "扁平摘要需要").get(lang), m.digest_bytes.to_string())}
                    {row(Text("full transfer would be", "完整传输需要").get(lang), m.full_bytes.to_string())}
                </table>
            </div>
        }
    });
    html! {
        <>
            <table class="swim-table kv">
                {row(Text("Generation", "代号").get(lang), d.generation().to_string())}
                {row(Text("Ring view", "环视图").get(lang), format!("{} / {} {}", d.members.len(), s.nodes(),
                    Text("nodes", "个节点").get(lang)))}
                {row(Text("Tokens per node", "每节点令牌数").get(lang), s.config().tokens.to_string())}
                {row(Text("Unreachable (its own verdict)", "不可达（它自己的判断）").get(lang), list(&unreachable))}
                {row(Text("Keys in its replica", "副本中的键").get(lang), d.replica.len().to_string())}
            </table>
            {sync.unwrap_or_else(|| html! { <p class="muted">{Text("No replica sync yet.", "尚未进行副本同步。").get(lang)}</p> })}
        </>
    }
}
