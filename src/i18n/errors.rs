//! The engine's refusals and the scenario form's, in the reader's language.

use super::Lang;
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
        let end = rest.find(b)?;
        Some(rest[..end].to_string())
    };
    if let Some(node) = between(s, "partition: node ", " is listed in two groups") {
        return format!("分区：节点 {node} 被列入了两个组");
    }
    if let Some(cells) = between(s, "messages × nodes = ", " exceeds ") {
        let max = s
            .find(" exceeds ")
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
        let max = s.rfind("1..=").map_or(s, |i| &s[i + "1..=".len()..]);
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
        if let Some(inner) = s.find("): ").map(|j| &s[j + "): ".len()..]) {
            return format!("第 {i} 个操作出错：{inner}");
        }
    }
    s.to_string()
}

/// An engine refusal in `lang`. The English is the error's own `Display`.
pub fn engine_error(lang: Lang, e: &gossip_engine::Error) -> String {
    use gossip_engine::Error;
    if lang == Lang::En {
        return e.to_string();
    }
    match e {
        Error::OutOfRange {
            field,
            value,
            min,
            max,
        } => format!("{} = {value} 超出范围：允许 {min}..={max}", field_zh(field)),
        Error::NotFinite { field } => format!("{} 必须是有限的数值", field_zh(field)),
        Error::UnknownNode { node, nodes } => format!("不存在节点 {node}：节点编号为 0..{nodes}"),
        Error::UnknownMessage { id } => format!("不存在消息 m{id}"),
        Error::WrongNodeState {
            node,
            state,
            action,
            needed,
        } => format!(
            "节点 {node} {}：“{}”只能作用于{}的节点",
            node_state_zh(state),
            action_zh(action),
            needed_zh(needed)
        ),
        Error::NotSupported { action, protocol } => {
            format!("{}协议不支持{}", protocol_zh(protocol), action_zh(action))
        }
        Error::Inconsistent(s) => free_text_zh(s),
        Error::Scenario(s) => format!("场景：{}", free_text_zh(s)),
        Error::Action { index, error, .. } => {
            format!("场景：第 {index} 个操作出错：{}", engine_error(lang, error))
        }
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

impl crate::draft::FieldError {
    /// Why the form refused the field, in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        field_problem(lang, &self.field, &self.problem)
    }
}
