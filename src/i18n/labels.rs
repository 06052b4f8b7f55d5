//! Short texts with numbers in them: counters, node names, tooltips, the canvas's description.

use gossip_engine::round_time::RoundTime;

use super::{Lang, state_text};
use crate::num::fixed;
/// "round 7" (the transport's counter, the embed's counter).
pub fn round_label(lang: Lang, round: u32) -> String {
    match lang {
        Lang::En => format!("round {round}"),
        Lang::Zh => format!("第 {round} 轮"),
    }
}

/// A state count as the summary shows it: "fresh 3", "dead 0". `state` is one of
/// "fresh", "stale", "unaware", "dead".
pub fn count_label(lang: Lang, state: &'static str, n: u32) -> String {
    format!("{} {n}", state_text(state).get(lang))
}

/// "Packet loss: 20%".
pub fn packet_loss_label(lang: Lang, percent: f64) -> String {
    match lang {
        Lang::En => format!("Packet loss: {}%", fixed(percent, 0)),
        Lang::Zh => format!("丢包率：{}%", fixed(percent, 0)),
    }
}

/// "2.0/s" after the speed slider: steps per second, rounds or (`timed`) ticks.
pub fn speed_value(lang: Lang, speed: f64, timed: bool) -> String {
    let v = fixed(speed, if speed < 1.0 { 2 } else { 1 });
    match lang {
        Lang::En => format!("{v}/s"),
        Lang::Zh => format!("{v} {}/秒", if timed { "刻" } else { "轮" }),
    }
}

/// Spoken value of the speed slider: "2.0 rounds per second" (or ticks, when `timed`).
pub fn speed_value_text(lang: Lang, speed: f64, timed: bool) -> String {
    match lang {
        Lang::En => format!(
            "{speed} {} per second",
            if timed { "ticks" } else { "rounds" }
        ),
        Lang::Zh => format!("每秒 {speed} {}", if timed { "刻" } else { "轮" }),
    }
}

/// "Node 7" (the inspector's heading).
pub fn node_heading(lang: Lang, node: u32) -> String {
    match lang {
        Lang::En => format!("Node {node}"),
        Lang::Zh => format!("节点 {node}"),
    }
}

/// "node 7" in a sentence or a figure.
pub fn node_name(lang: Lang, node: u32) -> String {
    match lang {
        Lang::En => format!("node {node}"),
        Lang::Zh => format!("节点 {node}"),
    }
}

/// A step as the page counts it: "round 7" in abstract rounds; under a time model a step is
/// a tick, shown by its time first: "2.5 s · tick 25".
pub fn step_label(lang: Lang, step: u32, time: Option<&RoundTime>) -> String {
    match time {
        None => round_label(lang, step),
        Some(t) => {
            let s = seconds(t.ticks().seconds(step));
            match lang {
                Lang::En => format!("{s} s · tick {step}"),
                Lang::Zh => format!("{s} 秒 · 第 {step} 刻"),
            }
        }
    }
}

/// Seconds as the page shows them: tenths, or whole seconds from a minute on.
pub fn seconds(s: f64) -> String {
    fixed(s, if s < 60.0 { 1 } else { 0 })
}

/// Tooltip of a message chip.
pub fn show_message_title(lang: Lang, id: u32, version: u32) -> String {
    match lang {
        Lang::En => format!("Show m{id} (version {version}) on the graph"),
        Lang::Zh => format!("在图上显示 m{id}（版本 {version}）"),
    }
}

/// Tooltip of "Inject new". `target` comes from [`node_name`] or "the selected node".
pub fn inject_title(lang: Lang, target: &str) -> String {
    match lang {
        Lang::En => format!("Inject a new message at {target} (I)"),
        Lang::Zh => format!("在{target}注入一条新消息 (I)"),
    }
}

/// Tooltip of "New version of m3".
pub fn update_title(lang: Lang, id: u32, target: &str) -> String {
    match lang {
        Lang::En => format!("Write a newer version of m{id} at {target} (U)"),
        Lang::Zh => format!("在{target}写入 m{id} 的新版本 (U)"),
    }
}

/// "New version of m3".
pub fn update_label(lang: Lang, id: u32) -> String {
    match lang {
        Lang::En => format!("New version of m{id}"),
        Lang::Zh => format!("m{id} 的新版本"),
    }
}

/// The round log after a seek.
pub fn reached_by_seeking(lang: Lang, round: u32) -> String {
    match lang {
        Lang::En => format!("Round {round} (reached by seeking; step to see a round happen)."),
        Lang::Zh => format!("第 {round} 轮（通过跳转到达；单步前进可观察一轮的经过）。"),
    }
}

/// The last action line when playing paused by itself.
/// (fresh, stale, unaware, dead), if a message is shown.
pub fn cluster_description(
    lang: Lang,
    nodes: u32,
    round: u32,
    counts: Option<(u32, u32, u32, u32)>,
) -> String {
    match (lang, counts) {
        (Lang::En, Some((f, s, u, d))) => format!(
            "Cluster of {nodes} nodes at round {round}: {f} fresh, {s} stale, {u} unaware, {d} dead."
        ),
        (Lang::En, None) => format!("Cluster of {nodes} nodes at round {round}."),
        (Lang::Zh, Some((f, s, u, d))) => format!(
            "{nodes} 个节点的集群，第 {round} 轮：新鲜 {f} 个，陈旧 {s} 个，不知情 {u} 个，宕机 {d} 个。"
        ),
        (Lang::Zh, None) => format!("{nodes} 个节点的集群，第 {round} 轮。"),
    }
}

/// A command in a sentence, as `Command::label` says it in English ("kill node 7").
pub fn command_label(lang: Lang, cmd: &gossip_engine::Command) -> String {
    use gossip_engine::Command;
    if lang == Lang::En {
        return cmd.label();
    }
    match cmd {
        Command::Inject { node, id: None, .. } => format!("在节点 {node} 注入一条新消息"),
        Command::Inject {
            node, id: Some(id), ..
        } => format!("在节点 {node} 写入 m{id} 的新版本"),
        Command::Kill { node } => format!("杀死节点 {node}"),
        Command::Revive { node, amnesia } => {
            format!("复活节点 {node}{}", if *amnesia { "（失忆）" } else { "" })
        }
        Command::SetLoss { loss } => format!("将丢包率设为 {}%", fixed(loss * 100.0, 0)),
        Command::Partition { groups } => format!("把集群切分成 {} 组", groups.len() + 1),
        Command::Heal => "修复分区".to_string(),
        Command::Join { seed } => format!("经由节点 {seed} 加入一个新节点"),
    }
}
