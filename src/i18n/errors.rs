//! The engine's refusals and the scenario form's, in the reader's language.

use gossip_engine::CommandKind;

use super::Lang;

/// Chinese name of a field as the engine names it (`OutOfRange::field`); the identifier
/// itself when the form shows it as is.
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

/// A command as "… can only act on a node that is alive" names it.
fn command_zh(c: CommandKind) -> &'static str {
    match c {
        CommandKind::Kill => "杀死",
        CommandKind::Revive => "复活",
        CommandKind::Inject => "注入消息",
        CommandKind::Join => "经由它加入节点",
        CommandKind::SetLoss => "设置丢包率",
        CommandKind::Partition => "分区",
        CommandKind::Heal => "修复分区",
        CommandKind::Pause => "暂停",
        CommandKind::Slow => "减速",
        CommandKind::Leave => "离开集群",
    }
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
            alive,
            command,
        } => {
            let (now, needed) = if *alive {
                ("仍存活", "已宕机")
            } else {
                ("已宕机", "存活")
            };
            format!(
                "节点 {node} {now}：“{}”只能作用于{needed}的节点",
                command_zh(*command)
            )
        }
        Error::MembershipNeedsComplete => "心跳式成员管理协议不支持完全图以外的拓扑".into(),
        Error::NoMessagesUnderMembership => "心跳式成员管理协议不支持注入消息".into(),
        Error::NodeInTwoGroups { node } => format!("分区：节点 {node} 被列入了两个组"),
        Error::TooManyCells { cells, max } => {
            format!("消息数 × 节点数 = {cells}，超过上限 {max}；请减少消息或节点")
        }
        Error::NoRoomToJoin { cells, max } => {
            format!("消息数 × 节点数 = {cells} 将超过上限 {max}；无法再加入节点")
        }
        Error::OddRegularGraph { nodes, degree } => {
            format!("随机正则图：节点数 × 度数必须是偶数（{nodes} × {degree} 是奇数）")
        }
        Error::TooManyEdges { expected, max } => {
            format!("Erdős–Rényi：预计约 {expected} 条边，最多允许 {max} 条；请降低 p")
        }
        Error::UnsupportedVersion { version, max } => {
            format!("场景：不支持格式版本 {version}（此版本可读取 1..={max}）")
        }
        Error::ActionsOutOfOrder { .. } => "场景：操作必须按轮次排序".to_string(),
        Error::TooManyActions { max, .. } => format!("场景：最多 {max} 个操作"),
        Error::Action {
            index,
            command,
            error,
        } => format!(
            "场景：第 {index} 个操作（{}）出错：{}",
            super::command_label(lang, command),
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
        (Lang::Zh, Problem::MembershipNeedsComplete) => "心跳式成员管理只能在完全图上运行".into(),
        (_, Problem::Engine(e)) => engine_error(lang, e),
    }
}

impl crate::draft::FieldError {
    /// Why the form refused the field, in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        field_problem(lang, &self.field, &self.problem)
    }
}

#[cfg(test)]
mod tests {
    use gossip_engine::{Command, Config, Error};

    use super::*;
    use crate::draft::Draft;

    /// One of every variant: the English is the `Display`, and the Chinese is Chinese.
    fn every_error() -> Vec<Error> {
        vec![
            Error::OutOfRange {
                field: "loss",
                value: 1.5,
                min: 0.0,
                max: 1.0,
            },
            Error::NotFinite { field: "p" },
            Error::UnknownNode { node: 9, nodes: 5 },
            Error::UnknownMessage { id: 3 },
            Error::WrongNodeState {
                node: 1,
                alive: false,
                command: CommandKind::Kill,
            },
            Error::WrongNodeState {
                node: 1,
                alive: true,
                command: CommandKind::Revive,
            },
            Error::MembershipNeedsComplete,
            Error::NoMessagesUnderMembership,
            Error::NodeInTwoGroups { node: 4 },
            Error::TooManyCells { cells: 9, max: 8 },
            Error::NoRoomToJoin { cells: 9, max: 8 },
            Error::OddRegularGraph {
                nodes: 51,
                degree: 3,
            },
            Error::TooManyEdges {
                expected: 30_000_000,
                max: 20_000_000,
            },
            Error::UnsupportedVersion { version: 9, max: 1 },
            Error::ActionsOutOfOrder { index: 3 },
            Error::TooManyActions {
                count: 10_001,
                max: 10_000,
            },
            Error::Action {
                index: 2,
                command: Box::new(Command::Kill { node: 42 }),
                error: Box::new(Error::UnknownNode {
                    node: 42,
                    nodes: 10,
                }),
            },
        ]
    }

    #[test]
    fn english_is_the_display_and_chinese_is_chinese() {
        for e in every_error() {
            assert_eq!(engine_error(Lang::En, &e), e.to_string());
            let zh = engine_error(Lang::Zh, &e);
            assert!(
                zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                "{e:?} in Chinese: {zh}"
            );
        }
    }

    #[test]
    fn engine_errors_in_both_languages() {
        let e = Error::WrongNodeState {
            node: 0,
            alive: false,
            command: CommandKind::Kill,
        };
        assert_eq!(
            engine_error(Lang::En, &e),
            "node 0 is dead: kill needs a node that is alive"
        );
        assert_eq!(
            engine_error(Lang::Zh, &e),
            "节点 0 已宕机：“杀死”只能作用于存活的节点"
        );
        let e = Error::OddRegularGraph {
            nodes: 51,
            degree: 3,
        };
        assert_eq!(
            engine_error(Lang::Zh, &e),
            "随机正则图：节点数 × 度数必须是偶数（51 × 3 是奇数）"
        );
    }

    #[test]
    fn the_form_says_it_in_both_languages() {
        let mut d = Draft::from_config(&Config::default(), 1);
        d.nodes = "abc".into();
        let e = d.build().unwrap_err();
        assert_eq!(e.text(Lang::En), "nodes: “abc” is not a whole number");
        assert_eq!(e.text(Lang::Zh), "节点数：“abc”不是整数");
        d.nodes = "99999".into();
        let e = d.build().unwrap_err();
        assert_eq!(
            e.text(Lang::En),
            "nodes = 99999 is out of range: allowed 2..=10000 in the playground (use gossip-sim for more)"
        );
        assert!(e.text(Lang::Zh).contains("2..=10000"));
        d.nodes = "50".into();
        d.fanout = "50".into();
        let e = d.build().unwrap_err();
        assert_eq!(
            e.text(Lang::En),
            "fanout = 50 is out of range: allowed 1..=49"
        );
        assert_eq!(e.text(Lang::Zh), "扇出 = 50 超出范围：允许 1..=49");
    }
}
