//! The words for a link's problems (`crate::share::link::Problem`), in both languages.

use super::{Lang, command_label, engine_error};
use crate::share::link::{Expected, Problem, Used};

/// Most skipped actions a banner lists; the rest are counted.
const SHOWN_SKIPPED: usize = 3;

/// The banner of a link that could not be opened as it was: every problem, except that only
/// the first few skipped actions are listed and the rest counted (a long action log can fail
/// thousands of times).
pub fn banner(lang: Lang, problems: &[Problem]) -> String {
    let skipped = |p: &&Problem| matches!(p, Problem::ActionSkipped { .. });
    let hidden = problems
        .iter()
        .filter(skipped)
        .count()
        .saturating_sub(SHOWN_SKIPPED);
    let mut seen = 0;
    let mut said: Vec<String> = problems
        .iter()
        .filter(|p| {
            if skipped(p) {
                seen += 1;
                seen <= SHOWN_SKIPPED
            } else {
                true
            }
        })
        .map(|p| problem(lang, p))
        .collect();
    if hidden > 0 {
        said.push(match lang {
            Lang::En => format!("{hidden} more actions skipped"),
            Lang::Zh => format!("另有 {hidden} 个操作被跳过"),
        });
    }
    match lang {
        Lang::En => format!(
            "This link had problems, so the nearest valid scenario was opened. {}.",
            said.join("; ")
        ),
        Lang::Zh => format!(
            "这个链接有问题，已打开最接近的有效场景。{}。",
            said.join("；")
        ),
    }
}

/// User-supplied text, shortened and quoted (never interpreted, only shown as text).
fn quote(v: &str) -> String {
    let mut s: String = v.chars().take(24).collect();
    if v.chars().count() > 24 {
        s.push('…');
    }
    format!("“{s}”")
}

/// What a parameter takes, as the end of "key=“value” …".
fn expected(lang: Lang, e: Expected) -> &'static str {
    let (en, zh) = match e {
        Expected::WholeNumber => ("is not a whole number", "不是整数"),
        Expected::Number => ("is not a number", "不是数字"),
        Expected::Flag => ("is not 0 or 1", "不是 0 或 1"),
        Expected::LinkVersion => ("is not a known link version", "不是已知的链接版本"),
        Expected::Protocol => ("is not a protocol", "不是已知的协议"),
        Expected::Mode => (
            "is not push, pull or push-pull",
            "不是 push、pull 或 push-pull",
        ),
        Expected::Removal => ("is not a loss-of-interest rule", "不是已知的失去兴趣规则"),
        Expected::Sync => ("is not incremental or full", "不是 incremental 或 full"),
        Expected::Topology => ("is not a topology", "不是已知的拓扑"),
        Expected::LatencyDist => (
            "is not constant, uniform or exponential",
            "不是 constant、uniform 或 exponential",
        ),
        Expected::Controls => ("is not none, minimal or full", "不是 none、minimal 或 full"),
        Expected::Theme => ("is not light or dark", "不是 light 或 dark"),
        Expected::Lang => ("is not en or zh", "不是 en 或 zh"),
    };
    if lang == Lang::Zh { zh } else { en }
}

fn used(lang: Lang, u: &Used) -> String {
    match (lang, u) {
        (_, Used::Value(v)) => v.clone(),
        (Lang::En, Used::SystemTheme) => "the system's".into(),
        (Lang::Zh, Used::SystemTheme) => "系统主题".into(),
        (Lang::En, Used::BrowserLanguage) => "the browser's".into(),
        (Lang::Zh, Used::BrowserLanguage) => "浏览器的语言".into(),
    }
}

/// One problem in `lang`.
pub fn problem(lang: Lang, p: &Problem) -> String {
    let zh = lang == Lang::Zh;
    match p {
        Problem::TooLong { max } if zh => format!("链接超过 {max} 个字符；其余部分已忽略"),
        Problem::TooLong { max } => {
            format!("the link is longer than {max} characters; the rest was ignored")
        }
        Problem::UnknownParameter { key } if zh => format!("已忽略未知参数 {}", quote(key)),
        Problem::UnknownParameter { key } => format!("unknown parameter {} ignored", quote(key)),
        Problem::NewerVersion { version, ours } if zh => {
            format!("链接的格式版本为 {version}，比本演练场（版本 {ours}）更新；已读取能读懂的部分")
        }
        Problem::NewerVersion { version, ours } => format!(
            "the link is format version {version}, newer than this playground (version {ours}); read what it could"
        ),
        Problem::Invalid {
            key,
            value,
            expected: e,
            used: u,
        } => {
            let (value, what, u) = (quote(value), expected(lang, *e), used(lang, u));
            if zh {
                format!("{key}={value} {what}；已改用 {u}")
            } else {
                format!("{key}={value} {what}; used {u}")
            }
        }
        Problem::OutOfRange {
            key,
            value,
            min,
            max,
            used,
        } if zh => format!("{key}={value} 超出范围：允许 {min}..={max}；已改用 {used}"),
        Problem::OutOfRange {
            key,
            value,
            min,
            max,
            used,
        } => format!("{key}={value} is out of range: allowed {min}..={max}; used {used}"),
        Problem::Nodes { nodes, max, used } if zh => {
            format!("n={nodes} 超出范围：演练场允许 2..={max}；已改用 {used}")
        }
        Problem::Nodes { nodes, max, used } => {
            format!("n={nodes} is out of range: allowed 2..={max} in the playground; used {used}")
        }
        Problem::MembershipTopology if zh => "心跳式成员管理只能在完全图上运行；已忽略拓扑".into(),
        Problem::MembershipTopology => {
            "membership runs on the complete graph; topology ignored".into()
        }
        Problem::Topology(e) if zh => format!("{}；已改用完全图", engine_error(lang, e)),
        Problem::Topology(e) => format!("{}; used the complete graph", engine_error(lang, e)),
        Problem::Refused(e) => engine_error(lang, e),
        Problem::Unrepairable if zh => "设置无法修复；已打开默认场景".into(),
        Problem::Unrepairable => {
            "the settings could not be repaired; opened the default scenario".into()
        }
        Problem::ActionsNotBase64 if zh => {
            "操作记录（a=）不是有效的 base64url；已改为从通常的第一条谣言开始".into()
        }
        Problem::ActionsNotBase64 => {
            "the action log (a=) is not valid base64url; started from the usual first rumor instead"
                .into()
        }
        Problem::ActionsUnreadable { reason } => {
            let reason: String = reason.chars().take(80).collect();
            if zh {
                format!("无法读取操作记录（a=）（{reason}）；已改为从通常的第一条谣言开始")
            } else {
                format!(
                    "the action log (a=) could not be read ({reason}); started from the usual first rumor instead"
                )
            }
        }
        Problem::ActionsTruncated { count, kept } if zh => {
            format!("操作记录有 {count} 个操作；只保留了前 {kept} 个")
        }
        Problem::ActionsTruncated { count, kept } => {
            format!("the action log has {count} actions; kept the first {kept}")
        }
        Problem::ActionsUnordered if zh => "操作记录顺序错乱；已按轮次排序".into(),
        Problem::ActionsUnordered => "the action log was out of order; sorted it by round".into(),
        Problem::ActionBeyondReach {
            index,
            round,
            nodes,
            limit,
        } if zh => format!(
            "第 {index} 个操作在第 {round} 轮，超出了浏览器为 {nodes} 个节点重放的范围（第 {limit} 轮）；已丢弃它及其后的操作"
        ),
        Problem::ActionBeyondReach {
            index,
            round,
            nodes,
            limit,
        } => format!(
            "action {index} at round {round} is beyond what the browser replays for {nodes} nodes (round {limit}); dropped it and the rest"
        ),
        Problem::ActionSkipped {
            index,
            command,
            error,
        } => {
            let (label, why) = (command_label(lang, command), engine_error(lang, error));
            if zh {
                format!("已跳过第 {index} 个操作（{label}）：{why}")
            } else {
                format!("action {index} ({label}) skipped: {why}")
            }
        }
        Problem::RoundTooFar {
            round,
            nodes,
            limit,
        } if zh => {
            format!("round={round} 太远，浏览器无法为 {nodes} 个节点重放；已打开第 {limit} 轮")
        }
        Problem::RoundTooFar {
            round,
            nodes,
            limit,
        } => format!(
            "round={round} is too far to replay in the browser for {nodes} nodes; opened round {limit}"
        ),
        Problem::NoSuchLesson { value, count } if zh => {
            format!(
                "lesson={} 不是课程编号（1..={count}）；未打开课程卡片",
                quote(value)
            )
        }
        Problem::NoSuchLesson { value, count } => format!(
            "lesson={} is not a lesson (1..={count}); no lesson card opened",
            quote(value)
        ),
    }
}

#[cfg(test)]
mod tests {
    use gossip_engine::{Command, Error};

    use super::*;

    #[test]
    fn a_banner_names_every_problem_but_counts_most_skipped_actions() {
        let skipped = |index| Problem::ActionSkipped {
            index,
            command: Command::Kill { node: 9 },
            error: Error::UnknownNode { node: 9, nodes: 5 },
        };
        let mut problems = vec![Problem::ActionsNotBase64, Problem::MembershipTopology];
        problems.extend((1..=1000).map(skipped));
        let en = banner(Lang::En, &problems);
        assert!(
            en.contains("base64url") && en.contains("complete graph"),
            "{en}"
        );
        assert_eq!(en.matches("skipped:").count(), 3, "{en}");
        assert!(en.contains("997 more actions skipped"), "{en}");
        assert!(banner(Lang::Zh, &problems).contains("另有 997 个操作被跳过"));
    }
}
