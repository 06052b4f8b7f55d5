//! The round log: what the last round did, in words.

use gossip_engine::{Belief, MessageState, RoundReport};

use crate::i18n::Lang;
use gossip_engine::round_time::RoundTime;

fn plural(n: u64, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// One sentence summarising a round, in English: see [`summary_in`].
pub fn summary(report: &RoundReport) -> String {
    summary_in(Lang::En, report, None)
}

/// One sentence summarising a round: "Round 5: 34 pushes, 21 useful, 3 lost."
/// (Chinese: "第 5 轮：推送 34 条；有用 21 条，冗余 0 条，丢失 3 条。")
/// Under a time model (`time`) the step is a tick, named by its time: "2.5 s · tick 25: …".
pub fn summary_in(lang: Lang, report: &RoundReport, time: Option<&RoundTime>) -> String {
    let t = &report.traffic;
    let r = report.round;
    let head = match (time, lang) {
        (Some(_), _) => crate::i18n::step_label(lang, r, time),
        (None, Lang::En) => format!("Round {r}"),
        (None, Lang::Zh) => format!("第 {r} 轮"),
    };
    if t.messages == 0 {
        return match lang {
            Lang::En => format!("{head}: nobody sent anything."),
            Lang::Zh => format!("{head}：没有节点发送任何消息。"),
        };
    }
    let mut kinds = [0u64; 5];
    for c in &report.contacts {
        kinds[c.kind as usize] += 1;
    }
    let names = [
        ("push", "pushes", "推送"),
        ("pull reply", "pull replies", "拉取回复"),
        ("request", "requests", "请求"),
        ("digest", "digests", "摘要"),
        ("heartbeat table", "heartbeat tables", "心跳表"),
    ];
    let count = |n: u64, (one, many, zh): (&str, &str, &str)| match lang {
        Lang::En => plural(n, one, many),
        Lang::Zh => format!("{zh} {n} 条"),
    };
    let mut parts: Vec<String> = kinds
        .iter()
        .zip(names)
        .filter(|(n, _)| **n > 0)
        .map(|(n, name)| count(*n, name))
        .collect();
    if parts.is_empty() {
        parts.push(count(t.messages, ("message", "messages", "消息")));
    }
    match lang {
        Lang::En => {
            let mut s = format!("{head}: {}", parts.join(", "));
            if t.updates > 0 {
                s.push_str(&format!("; {} useful, {} redundant", t.useful, t.redundant));
            }
            s.push_str(&format!(", {} lost.", t.lost));
            s
        }
        Lang::Zh => {
            let mut s = format!("{head}：{}", parts.join("、"));
            if t.updates > 0 {
                s.push_str(&format!("；有用 {} 条，冗余 {} 条", t.useful, t.redundant));
            }
            s.push_str(&format!("，丢失 {} 条。", t.lost));
            s
        }
    }
}

/// Detail lines in English: see [`details_in`].
pub fn details(report: &RoundReport, max: usize) -> Vec<String> {
    details_in(Lang::En, report, max)
}

/// Up to `max` detail lines: who learned what from whom, who lost interest, who detected
/// a failure.
pub fn details_in(lang: Lang, report: &RoundReport, max: usize) -> Vec<String> {
    let zh = lang == Lang::Zh;
    let mut out = Vec::new();
    for c in &report.changes {
        let (n, m) = (c.node, c.message);
        let line = match (c.after, c.source) {
            (MessageState::Fresh, Some(src)) if zh => format!("节点 {n} 从节点 {src} 得知 m{m}"),
            (MessageState::Fresh, Some(src)) => format!("node {n} learned m{m} from node {src}"),
            (MessageState::Stale, _) if zh => format!("节点 {n} 对 m{m} 失去兴趣（变为陈旧）"),
            (MessageState::Stale, _) => format!("node {n} lost interest in m{m} (now stale)"),
            _ => continue,
        };
        out.push(line);
    }
    for d in &report.detections {
        let (o, s) = (d.observer, d.subject);
        let line = match d.belief {
            Belief::Failed if zh => format!("节点 {o} 现在认为节点 {s} 已失效"),
            Belief::Failed => format!("node {o} now considers node {s} failed"),
            Belief::Forgotten if zh => format!("节点 {o} 遗忘了节点 {s}"),
            Belief::Forgotten => format!("node {o} forgot node {s}"),
            Belief::Alive if zh => format!("节点 {o} 得知节点 {s} 存活"),
            Belief::Alive => format!("node {o} hears node {s} is alive"),
            Belief::Unknown => continue,
        };
        out.push(line);
    }
    let total = out.len();
    out.truncate(max);
    if total > max {
        let more = total - max;
        out.push(match lang {
            Lang::En => format!("… and {more} more"),
            Lang::Zh => format!("……还有 {more} 条"),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use gossip_engine::{Change, Contact, ContactKind, Traffic};

    use super::*;

    #[test]
    fn narrates_a_round() {
        let report = RoundReport {
            round: 5,
            contacts: vec![
                Contact {
                    from: 40,
                    to: 12,
                    kind: ContactKind::Push,
                    delivered: true,
                    useful: true,
                },
                Contact {
                    from: 3,
                    to: 4,
                    kind: ContactKind::Push,
                    delivered: false,
                    useful: false,
                },
            ],
            changes: vec![Change {
                node: 12,
                message: 1,
                before: MessageState::Unaware,
                after: MessageState::Fresh,
                source: Some(40),
            }],
            detections: vec![],
            traffic: Traffic {
                messages: 2,
                updates: 2,
                useful: 1,
                lost: 1,
                ..Traffic::default()
            },
        };
        assert_eq!(
            summary(&report),
            "Round 5: 2 pushes; 1 useful, 0 redundant, 1 lost."
        );
        assert_eq!(
            details(&report, 5),
            vec!["node 12 learned m1 from node 40".to_string()]
        );
        assert_eq!(summary_in(Lang::En, &report, None), summary(&report));
        assert_eq!(
            summary_in(Lang::Zh, &report, None),
            "第 5 轮：推送 2 条；有用 1 条，冗余 0 条，丢失 1 条。"
        );
        assert_eq!(
            details_in(Lang::Zh, &report, 5),
            vec!["节点 12 从节点 40 得知 m1".to_string()]
        );
        assert_eq!(
            details_in(Lang::Zh, &report, 0),
            vec!["……还有 1 条".to_string()]
        );
    }
}
