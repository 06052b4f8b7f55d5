//! Languages: English and Simplified Chinese for every visible string.
//!
//! The language lives in the app state and reaches each panel as an argument or a prop (not a
//! Yew context, whose provider and consumers cost more code than passing one byte around).
//! Panels translate with [`tr!`], whose key is the English text itself: English needs no table,
//! and a text missing from the Chinese catalogue stops the build (see [`t`]).

use crate::num::{fixed, shortest};
use crate::text::{find, rfind};

pub use crate::lang::Lang;

/// An interface text in both languages: (English, Simplified Chinese).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Text(pub &'static str, pub &'static str);

impl Text {
    /// The text in `lang`.
    pub fn get(self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.0,
            Lang::Zh => self.1,
        }
    }
}

/// `tr!(lang, "English text")`: that interface text in `lang`.
///
/// The Chinese is looked up in [`CATALOGUE`] while compiling (a `const` block), so the page
/// carries neither a table nor lookup code, only the two texts of each place that shows one.
macro_rules! tr {
    ($lang:expr, $en:expr) => {
        $crate::i18n::text!($en).get($lang)
    };
}
pub(crate) use tr;

/// `text!("English text")`: that interface text in both languages, as a [`Text`] made while
/// compiling; for texts chosen at run time (`if`, tables of buttons), translated later.
macro_rules! text {
    ($en:expr) => {
        const { $crate::i18n::t($en) }
    };
}
pub(crate) use text;

/// The words for node and message states (the engine's `name()`s), so that a state found at
/// run time can be shown in either language.
const STATES: [Text; 9] = [
    t("unaware"),
    t("fresh"),
    t("stale"),
    t("dead"),
    t("alive"),
    t("failed"),
    t("forgotten"),
    t("unknown"),
    t("informed"),
];

/// The state called `name` in English (the name itself if it is not a known state).
pub fn state_text(name: &'static str) -> Text {
    STATES
        .iter()
        .copied()
        .find(|s| s.0 == name)
        .unwrap_or(Text(name, name))
}

/// The text whose English is `en`, with its Chinese from [`CATALOGUE`]. Meant for `const`
/// contexts ([`tr!`], [`text!`], tables of labels), where a text missing from the catalogue,
/// a typo included, stops the build instead of showing English to Chinese readers.
pub const fn t(en: &'static str) -> Text {
    let mut i = 0;
    while i < CATALOGUE.len() {
        if same(CATALOGUE[i].0, en) {
            return Text(en, CATALOGUE[i].1);
        }
        i += 1;
    }
    panic!("an interface text has no entry in i18n::CATALOGUE (use `neutral` if it needs none)")
}

/// A text written the same in both languages: keys, symbols, variable names (`k`, `t_avg`),
/// the names of people.
pub const fn neutral(s: &'static str) -> Text {
    Text(s, s)
}

/// String equality usable in `const fn`.
const fn same(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// The Chinese of every interface text, by its English.
const CATALOGUE: &[(&str, &str)] = &[
    // Page and top bar.
    ("Gossip Playground", "Gossip 演练场"),
    ("epidemic protocols, round by round", "逐轮观察流行病式协议"),
    ("What am I looking at?", "这里在演示什么？"),
    ("Keyboard shortcuts", "键盘快捷键"),
    ("Dismiss", "关闭"),
    ("Share", "分享"),
    ("Cluster", "集群"),
    ("Details", "详情"),
    ("Language", "语言 (Language)"),
    ("New scenario loaded.", "已载入新场景。"),
    (
        "Select a node first: click it, or use [ and ].",
        "请先选择一个节点：点击它，或按 [ 和 ] 键。",
    ),
    // Scenario form.
    ("Scenario", "场景"),
    ("Protocol", "协议"),
    ("Rumor mongering", "谣言传播"),
    ("Rumor + anti-entropy (hybrid)", "谣言传播 + 反熵（混合）"),
    ("Anti-entropy", "反熵"),
    ("Heartbeat membership", "心跳成员关系"),
    ("Mode", "模式"),
    ("push", "推"),
    ("pull", "拉"),
    ("push-pull", "推拉"),
    ("Sync", "同步方式"),
    ("incremental (digests)", "增量（摘要）"),
    ("full (send everything)", "全量（发送全部）"),
    ("Loss of interest", "失去兴趣"),
    ("by", "依据"),
    ("feedback", "反馈"),
    ("blind", "盲目"),
    ("counter", "计数器"),
    ("coin", "抛硬币"),
    ("Anti-entropy every (rounds)", "反熵间隔（轮）"),
    ("Nodes (N)", "节点数 (N)"),
    ("Fanout", "扇出"),
    ("Topology", "拓扑"),
    ("complete graph", "完全图"),
    ("ring lattice", "环形格"),
    ("2-D grid", "二维网格"),
    ("random regular", "随机正则图"),
    ("hierarchical groups", "分层分组"),
    ("Neighbours per side", "每侧邻居数"),
    ("Degree", "度数"),
    ("Edge probability p", "连边概率 p"),
    ("Rewire β", "重连概率 β"),
    ("Links per node m", "每节点连边数 m"),
    ("Group size", "组大小"),
    ("Seed", "随机种子"),
    ("New seed", "新种子"),
    (
        "Start over with a fresh random seed",
        "换一个新的随机种子，重新开始",
    ),
    ("Apply & restart", "应用并重新开始"),
    ("2 to 10,000 nodes", "2 到 10,000 个节点"),
    ("peers contacted per round", "每轮联系的节点数"),
    (
        "counter limit, or 1/k coin",
        "计数上限，或以 1/k 的概率停止",
    ),
    ("rounds between anti-entropy", "两次反熵之间的轮数"),
    ("silent rounds before failed", "沉默多少轮后判定失效"),
    ("silent rounds before forgotten", "沉默多少轮后遗忘"),
    ("Faults", "故障"),
    (" apply now", " 立即生效"),
    ("Partition into groups", "分区（组数）"),
    ("Split", "切分"),
    ("Heal", "修复"),
    (
        "Split the cluster into this many groups now",
        "立即把集群切分成这么多组",
    ),
    ("End the partition", "结束分区"),
    // Message bar.
    ("Message shown on the graph", "图上显示的消息"),
    ("Value to inject", "要注入的值"),
    ("value", "值"),
    ("Inject new", "注入新消息"),
    ("the selected node", "所选节点"),
    (
        "Heartbeat membership: kill a node, then watch the news of its failure spread. Orange = has detected it, blue square = has forgotten it.",
        "心跳成员关系：杀死一个节点，然后观察它失效的消息如何传播。橙色 = 已检测到失效，蓝色方块 = 已将其遗忘。",
    ),
    // Legend.
    ("Legend", "图例"),
    ("believes it alive", "认为它存活"),
    ("detected the failure", "已检测到失效"),
    ("forgot the node", "已遗忘该节点"),
    ("fresh: spreading", "新鲜：正在传播"),
    ("stale: stopped spreading", "陈旧：已停止传播"),
    ("changed this round", "本轮有变化"),
    ("useful message", "有用消息"),
    ("redundant message", "冗余消息"),
    ("digest / request / heartbeat", "摘要 / 请求 / 心跳"),
    ("lost message", "丢失的消息"),
    ("selected node", "选中的节点"),
    // States (message states, beliefs, node status).
    ("unaware", "不知情"),
    ("fresh", "新鲜"),
    ("stale", "陈旧"),
    ("dead", "宕机"),
    ("alive", "存活"),
    ("failed", "已失效"),
    ("forgotten", "已遗忘"),
    ("unknown", "未知"),
    ("informed", "已知晓"),
    // Transport.
    ("Time controls", "时间控制"),
    ("Reset", "重置"),
    ("Reset to round 0", "重置到第 0 轮"),
    ("Reset to round 0 (R)", "重置到第 0 轮 (R)"),
    ("◀ Back", "◀ 后退"),
    ("Back one round", "后退一轮"),
    ("Back one round (←)", "后退一轮 (←)"),
    ("Play", "播放"),
    ("Pause", "暂停"),
    ("▶ Play", "▶ 播放"),
    ("❚❚ Pause", "❚❚ 暂停"),
    ("Play or pause (Space)", "播放或暂停（空格键）"),
    ("Step ▶", "单步 ▶"),
    ("Step one round", "单步前进一轮"),
    ("Step one round (→)", "单步前进一轮 (→)"),
    ("Round", "轮次"),
    ("Timeline: round", "时间线：轮次"),
    ("speed", "速度"),
    ("Speed: rounds per second", "速度：每秒轮数"),
    ("Speed, rounds per second", "速度（每秒轮数）"),
    // Chart.
    (
        "Nodes per state per round, with messages per round below",
        "每轮各状态的节点数，下方为每轮消息数",
    ),
    ("theory (expected informed)", "理论值（预期已知晓）"),
    ("messages per round", "每轮消息数"),
    // Summary.
    ("Summary", "概要"),
    ("round", "轮次"),
    ("rounds completed", "已完成的轮数"),
    (
        "alive nodes holding the latest version",
        "持有最新版本的存活节点",
    ),
    ("residue", "残留率"),
    (
        "alive nodes never reached, once no node is fresh",
        "没有新鲜节点之后，始终未收到消息的存活节点",
    ),
    ("traffic", "流量"),
    (
        "update messages per node so far",
        "至今平均每个节点的更新消息数",
    ),
    (
        "mean rounds from injection to delivery",
        "从注入到送达的平均轮数",
    ),
    ("rounds until the last delivery", "到最后一次送达所用的轮数"),
    ("converged", "收敛"),
    (
        "first round at whose end every alive node held it",
        "所有存活节点都已持有它的第一轮（以轮末计）",
    ),
    ("never", "从未"),
    ("bytes", "字节"),
    (
        "digest + payload bytes sent so far",
        "至今发送的摘要 + 载荷字节数",
    ),
    ("following", "跟踪"),
    (
        "the dead node whose failure is followed",
        "正在跟踪其失效消息的宕机节点",
    ),
    ("detected", "已检测"),
    (
        "alive nodes that consider it failed or forgot it",
        "认为它已失效或已遗忘它的存活节点",
    ),
    ("messages", "消息数"),
    ("heartbeat tables sent so far", "至今发送的心跳表数"),
    (
        "Kill a node to follow the news of its failure.",
        "杀死一个节点，跟踪它失效的消息。",
    ),
    ("Inject a message to measure it.", "注入一条消息来测量它。"),
    // Round log.
    ("Round log", "轮次日志"),
    ("What just happened", "刚刚发生了什么"),
    (
        "Round 0: nothing has happened yet. Press Step.",
        "第 0 轮：还什么都没发生。请按“单步”。",
    ),
    // Inspector.
    ("Node inspector", "节点检查器"),
    ("Node", "节点"),
    (
        "Click a node (or press [ and ]) to see its message table and act on it.",
        "点击一个节点（或按 [ 和 ] 键），查看它的消息表并对它操作。",
    ),
    (
        "Its message table is empty: it has not heard anything yet.",
        "它的消息表是空的：还没有收到任何消息。",
    ),
    ("id", "编号"),
    ("content", "内容"),
    ("ver", "版本"),
    ("version", "版本"),
    ("state", "状态"),
    ("recv", "接收"),
    ("round received", "收到它的轮次"),
    ("from", "来源"),
    ("ctr", "计数"),
    ("loss-of-interest counter", "失去兴趣计数器"),
    ("sent", "发送"),
    (
        "last round it sent this (last propagated)",
        "最后一次发送它的轮次（最后传播）",
    ),
    (" (old)", "（旧）"),
    ("origin", "源头"),
    ("member", "成员"),
    ("heartbeat", "心跳"),
    ("last increase", "最近递增"),
    (
        "round of the last heartbeat increase",
        "心跳最近一次递增的轮次",
    ),
    ("view", "判断"),
    (" (self)", "（自己）"),
    ("Kill", "杀死"),
    ("Kill this node (K)", "杀死此节点 (K)"),
    ("Join a node here", "在此加入节点"),
    (
        "Add a node that joins through this one (J)",
        "添加一个经由此节点加入的新节点 (J)",
    ),
    ("Revive", "复活"),
    ("Revive with its state (V)", "保留原有状态复活 (V)"),
    ("Revive empty", "清空后复活"),
    ("Revive empty (A)", "以空状态复活 (A)"),
    ("Member list", "成员列表"),
    ("Message table", "消息表"),
    // Keyboard help and intro.
    ("Close", "关闭"),
    ("Space", "空格"),
    ("play / pause", "播放 / 暂停"),
    ("step one round", "前进一轮"),
    ("back one round", "后退一轮"),
    ("reset to round 0", "重置到第 0 轮"),
    ("select previous / next node", "选择上一个 / 下一个节点"),
    (
        "inject a new message at the selected node",
        "在所选节点注入一条新消息",
    ),
    (
        "write a new version of the shown message",
        "为当前显示的消息写入新版本",
    ),
    ("kill the selected node", "杀死所选节点"),
    ("revive the selected node", "复活所选节点"),
    ("revive it empty (amnesia)", "以空状态复活（失忆）"),
    (
        "join a new node through the selected one",
        "经由所选节点加入一个新节点",
    ),
    ("show the next message", "显示下一条消息"),
    ("faster / slower", "加速 / 减速"),
    ("this help / close", "打开本帮助 / 关闭"),
    ("Close the introduction", "关闭介绍"),
    // Share dialog and embedded player.
    ("Share this run", "分享这次运行"),
    ("Link (opens exactly this round)", "链接（精确打开这一轮）"),
    ("Copy", "复制"),
    ("Embed in a page", "嵌入网页"),
    ("Copied.", "已复制。"),
    ("Scenario file", "场景文件"),
    ("Download JSON", "下载 JSON"),
    ("Open a scenario file…", "打开场景文件…"),
    ("Export", "导出"),
    ("Rounds (CSV)", "每轮数据（CSV）"),
    ("Rounds (JSON)", "每轮数据（JSON）"),
    ("Graph (PNG)", "图（PNG）"),
    ("Graph (SVG)", "图（SVG）"),
    ("Open in playground ↗", "在演练场中打开 ↗"),
    (
        "That file is not a Gossip Playground scenario",
        "这个文件不是 Gossip 演练场的场景",
    ),
];

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

/// "2.0/s" after the speed slider.
pub fn speed_value(lang: Lang, speed: f64) -> String {
    let v = fixed(speed, if speed < 1.0 { 2 } else { 1 });
    match lang {
        Lang::En => format!("{v}/s"),
        Lang::Zh => format!("{v} 轮/秒"),
    }
}

/// Spoken value of the speed slider: "2.0 rounds per second".
pub fn speed_value_text(lang: Lang, speed: f64) -> String {
    match lang {
        Lang::En => format!("{} rounds per second", shortest(speed)),
        Lang::Zh => format!("每秒 {} 轮", shortest(speed)),
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

/// The converged figure: "round 7".
pub fn converged_at(lang: Lang, round: u32) -> String {
    round_label(lang, round)
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

/// A notice: the partition's group count is not a number.
pub fn groups_not_whole(lang: Lang, value: &str) -> String {
    match lang {
        Lang::En => format!("groups: “{value}” is not a whole number"),
        Lang::Zh => format!("分区组数：“{value}”不是整数"),
    }
}

/// A notice: the partition's group count is out of range (state.rs, `Action::Partition`).
pub fn groups_out_of_range(lang: Lang, groups: u32, nodes: u32) -> String {
    engine_error(
        lang,
        &gossip_engine::Error::OutOfRange {
            field: "groups",
            value: f64::from(groups),
            min: 2.0,
            max: f64::from(nodes),
        },
    )
}

/// A notice: the playground's last round was reached.
pub fn stops_at(lang: Lang, max_round: u32) -> String {
    match lang {
        Lang::En => format!("The playground stops at round {max_round}."),
        Lang::Zh => format!("演练场最多运行到第 {max_round} 轮。"),
    }
}

/// The last action line when playing paused by itself.
pub fn paused_quiet(lang: Lang, round: u32) -> String {
    match lang {
        Lang::En => format!("Paused at round {round}: nothing is spreading any more."),
        Lang::Zh => format!("已在第 {round} 轮暂停：已经没有消息在传播了。"),
    }
}

/// The banner of a link that could not be opened as it was. `problems` are joined as they
/// come (they are the link decoder's own sentences).
pub fn link_problems(lang: Lang, problems: &[String]) -> String {
    match lang {
        Lang::En => format!(
            "This link had problems, so the nearest valid scenario was opened. {}.",
            problems.join("; ")
        ),
        Lang::Zh => format!(
            "这个链接有问题，已打开最接近的有效场景。{}。",
            problems.join("；")
        ),
    }
}

/// The canvas's accessible description (`scene::describe`). `counts` is the shown message's
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

/// The last action line after a command: "Round 3: kill node 7." and, when the run had gone
/// further (`frontier > round`), " The old rounds 4–9 were dropped: the run forks here."
pub fn action_done(lang: Lang, round: u32, cmd: &gossip_engine::Command, frontier: u32) -> String {
    let label = command_label(lang, cmd);
    let mut text = match lang {
        Lang::En => format!("Round {round}: {label}."),
        Lang::Zh => format!("第 {round} 轮：{label}。"),
    };
    if frontier > round {
        let next = round + 1;
        text.push_str(&match lang {
            Lang::En => {
                format!(" The old rounds {next}–{frontier} were dropped: the run forks here.")
            }
            Lang::Zh => format!("原来的第 {next}–{frontier} 轮已丢弃：运行从这里分叉。"),
        });
    }
    text
}

/// Chinese name of a field as the engine names it; the identifier itself when the form
/// shows it as is.
fn field_zh(field: &str) -> &str {
    match field {
        "nodes" => "节点数",
        "fanout" => "扇出",
        "loss" => "丢包率",
        "degree" => "度数",
        "group_size" => "组大小",
        "ring_k" => "每侧邻居数",
        "repair_every" => "反熵间隔",
        "round" => "轮次",
        "messages" => "消息数",
        "content length" => "内容长度",
        "groups" => "分区组数",
        "seed" => "随机种子",
        "protocol" => "协议",
        "mode" => "模式",
        "topology" => "拓扑",
        other => other,
    }
}

fn node_state_zh(s: &str) -> &str {
    match s {
        "dead" => "已宕机",
        "alive" => "仍存活",
        other => other,
    }
}

fn needed_zh(s: &str) -> &str {
    match s {
        "dead" => "已宕机",
        "alive" => "存活",
        other => other,
    }
}

fn action_zh(s: &str) -> &str {
    match s {
        "kill" => "杀死",
        "revive" => "复活",
        "inject" => "注入消息",
        "join through" => "经由它加入节点",
        "a topology other than complete" => "完全图以外的拓扑",
        "injecting a message" => "注入消息",
        other => other,
    }
}

fn protocol_zh(s: &str) -> &str {
    match s {
        "membership" => "心跳成员关系",
        "rumor" => "谣言传播",
        "hybrid" => "混合",
        "anti-entropy" => "反熵",
        other => other,
    }
}

/// The engine's free-text refusals (`Inconsistent`, `Scenario`) in Chinese, for the
/// sentences the engine is known to produce; anything else stays as it is.
fn free_text_zh(s: &str) -> String {
    let between = |s: &str, a: &str, b: &str| -> Option<String> {
        let rest = s.strip_prefix(a)?;
        let end = find(rest, b)?;
        Some(rest[..end].to_string())
    };
    if let Some(node) = between(s, "partition: node ", " is listed in two groups") {
        return format!("分区：节点 {node} 被列入了两个组");
    }
    if let Some(cells) = between(s, "messages × nodes = ", " exceeds ") {
        let max = find(s, " exceeds ")
            .and_then(|i| s[i + " exceeds ".len()..].split(';').next())
            .unwrap_or("");
        return format!("消息数 × 节点数 = {cells}，超过上限 {max}；请减少消息或节点");
    }
    if let Some(pair) = between(
        s,
        "random-regular: nodes × degree must be even (",
        " is odd)",
    ) {
        return format!("随机正则图：节点数 × 度数必须是偶数（{pair} 是奇数）");
    }
    if let Some(edges) = between(s, "erdos-renyi: about ", " edges expected") {
        return format!("Erdős–Rényi：预计约 {edges} 条边，最多允许 20000000 条；请降低 p");
    }
    if let Some(v) = between(s, "format version ", " is not supported") {
        let max = rfind(s, "1..=").map_or(s, |i| &s[i + "1..=".len()..]);
        let max = max.trim_end_matches(')');
        return format!("不支持格式版本 {v}（此版本可读取 1..={max}）");
    }
    if s == "actions must be ordered by round" {
        return "操作必须按轮次排序".to_string();
    }
    if s == "at most 10000 actions" {
        return "最多 10000 个操作".to_string();
    }
    if let Some(i) = between(s, "action ", " (") {
        if let Some(inner) = find(s, "): ").map(|j| &s[j + "): ".len()..]) {
            return format!("第 {i} 个操作出错：{inner}");
        }
    }
    s.to_string()
}

/// An engine refusal in `lang`. The English text is exactly the error's `Display`, written
/// out here rather than called: that `Display` formats `f64` bounds with core's float
/// formatter, which the browser bundle does without (see [`crate::num`]). A test checks that
/// both say the same.
pub fn engine_error(lang: Lang, e: &gossip_engine::Error) -> String {
    use gossip_engine::Error;
    let zh = lang == Lang::Zh;
    match e {
        Error::OutOfRange {
            field,
            value,
            min,
            max,
        } => {
            let (value, min, max) = (shortest(*value), shortest(*min), shortest(*max));
            if zh {
                format!("{} = {value} 超出范围：允许 {min}..={max}", field_zh(field))
            } else {
                format!("{field} = {value} is out of range: allowed {min}..={max}")
            }
        }
        Error::NotFinite { field } if zh => format!("{} 必须是有限的数值", field_zh(field)),
        Error::NotFinite { field } => format!("{field} must be a finite number"),
        Error::UnknownNode { node, nodes } if zh => {
            format!("不存在节点 {node}：节点编号为 0..{nodes}")
        }
        Error::UnknownNode { node, nodes } => format!("unknown node {node}: nodes are 0..{nodes}"),
        Error::UnknownMessage { id } if zh => format!("不存在消息 m{id}"),
        Error::UnknownMessage { id } => format!("unknown message m{id}"),
        Error::WrongNodeState {
            node,
            state,
            action,
            needed,
        } if zh => format!(
            "节点 {node} {}：“{}”只能作用于{}的节点",
            node_state_zh(state),
            action_zh(action),
            needed_zh(needed)
        ),
        Error::WrongNodeState {
            node,
            state,
            action,
            needed,
        } => format!("node {node} is {state}: {action} needs a node that is {needed}"),
        Error::NotSupported { action, protocol } if zh => {
            format!("{}协议不支持{}", protocol_zh(protocol), action_zh(action))
        }
        Error::NotSupported { action, protocol } => {
            format!("{action} is not available with the {protocol} protocol")
        }
        Error::Inconsistent(s) if zh => free_text_zh(s),
        Error::Inconsistent(s) => s.clone(),
        Error::Scenario(s) if zh => format!("场景：{}", free_text_zh(s)),
        Error::Scenario(s) => format!("scenario: {s}"),
        Error::Action {
            index,
            label: _,
            error,
        } if zh => format!("场景：第 {index} 个操作出错：{}", engine_error(lang, error)),
        Error::Action {
            index,
            label,
            error,
        } => format!(
            "scenario: action {index} ({label}): {}",
            engine_error(lang, error)
        ),
    }
}

/// Why the scenario form refused a field (see `crate::draft::FieldError`).
pub fn field_problem(lang: Lang, field: &str, problem: &crate::draft::Problem) -> String {
    use crate::draft::Problem;
    match (lang, problem) {
        (Lang::En, Problem::NotWhole(v)) => format!("{field}: “{v}” is not a whole number"),
        (Lang::Zh, Problem::NotWhole(v)) => format!("{}：“{v}”不是整数", field_zh(field)),
        (Lang::En, Problem::NotNumber(v)) => format!("{field}: “{v}” is not a number"),
        (Lang::Zh, Problem::NotNumber(v)) => format!("{}：“{v}”不是数字", field_zh(field)),
        (Lang::En, Problem::Unknown(v)) => format!("{field}: unknown “{v}”"),
        (Lang::Zh, Problem::Unknown(v)) => format!("{}：未知的取值“{v}”", field_zh(field)),
        (Lang::En, Problem::TooManyNodes { nodes, max }) => format!(
            "nodes = {nodes} is out of range: allowed 2..={max} in the playground (use gossip-sim for more)"
        ),
        (Lang::Zh, Problem::TooManyNodes { nodes, max }) => {
            format!("节点数 = {nodes} 超出范围：演练场允许 2..={max}（更大的规模请用 gossip-sim）")
        }
        (Lang::En, Problem::Seed) => "seed: a whole number from 0 to 18446744073709551615".into(),
        (Lang::Zh, Problem::Seed) => "随机种子：须为 0 到 18446744073709551615 之间的整数".into(),
        (Lang::En, Problem::MembershipNeedsComplete) => {
            "membership runs on the complete graph".into()
        }
        (Lang::Zh, Problem::MembershipNeedsComplete) => "心跳成员关系只能在完全图上运行".into(),
        (_, Problem::Engine(e)) => engine_error(lang, e),
    }
}

#[cfg(test)]
mod tests {
    use gossip_engine::Error;

    use super::*;

    #[test]
    fn english_is_the_key() {
        assert_eq!(tr!(Lang::En, "Summary"), "Summary");
        assert_eq!(tr!(Lang::Zh, "Summary"), "概要");
        assert_eq!(neutral("t_avg").get(Lang::Zh), "t_avg");
        assert_eq!(state_text("stale").get(Lang::Zh), "陈旧");
        assert_eq!(round_label(Lang::En, 1), "round 1");
        assert_eq!(round_label(Lang::Zh, 1), "第 1 轮");
        assert_eq!(count_label(Lang::En, "fresh", 1), "fresh 1");
        assert_eq!(count_label(Lang::Zh, "fresh", 1), "新鲜 1");
    }

    #[test]
    #[should_panic(expected = "no entry in i18n::CATALOGUE")]
    fn a_text_missing_from_the_catalogue_is_refused() {
        // At run time a panic; in `tr!` and `text!` (a `const` block) the build stops.
        let _ = t("no such string");
    }

    #[test]
    fn english_engine_errors_are_their_display() {
        let all = [
            Error::OutOfRange {
                field: "loss",
                value: 1.5,
                min: 0.0,
                max: 1.0,
            },
            Error::OutOfRange {
                field: "nodes",
                value: 20000.0,
                min: 2.0,
                max: 10000.0,
            },
            Error::NotFinite { field: "p" },
            Error::UnknownNode { node: 9, nodes: 5 },
            Error::UnknownMessage { id: 3 },
            Error::WrongNodeState {
                node: 1,
                state: "dead",
                action: "kill",
                needed: "alive",
            },
            Error::NotSupported {
                action: "inject",
                protocol: "membership",
            },
            Error::Inconsistent("t_cleanup must exceed t_fail".into()),
            Error::Scenario("unknown version 9".into()),
            Error::Action {
                index: 2,
                label: "kill node 42".into(),
                error: Box::new(Error::UnknownNode {
                    node: 42,
                    nodes: 10,
                }),
            },
        ];
        for e in all {
            assert_eq!(engine_error(Lang::En, &e), e.to_string());
        }
    }

    #[test]
    fn engine_errors_in_both_languages() {
        let e = Error::WrongNodeState {
            node: 0,
            state: "dead",
            action: "kill",
            needed: "alive",
        };
        assert_eq!(
            engine_error(Lang::En, &e),
            "node 0 is dead: kill needs a node that is alive"
        );
        assert_eq!(
            engine_error(Lang::Zh, &e),
            "节点 0 已宕机：“杀死”只能作用于存活的节点"
        );
        let e = Error::OutOfRange {
            field: "fanout",
            value: 50.0,
            min: 1.0,
            max: 49.0,
        };
        assert_eq!(
            engine_error(Lang::Zh, &e),
            "扇出 = 50 超出范围：允许 1..=49"
        );
        assert_eq!(
            groups_out_of_range(Lang::En, 1, 50),
            "groups = 1 is out of range: allowed 2..=50"
        );
        let e = Error::Inconsistent(
            "random-regular: nodes × degree must be even (51 × 3 is odd)".into(),
        );
        assert_eq!(
            engine_error(Lang::Zh, &e),
            "随机正则图：节点数 × 度数必须是偶数（51 × 3 是奇数）"
        );
    }

    #[test]
    fn every_chinese_entry_is_chinese() {
        // A sample of keys from each component, so a typo in a key shows up here.
        for key in [
            "Apply & restart",
            "Step ▶",
            "What just happened",
            "fresh: spreading",
            "Message table",
            "play / pause",
            "messages per round",
        ] {
            assert_ne!(t(key).get(Lang::Zh), key, "{key} has no Chinese");
        }
    }
}
