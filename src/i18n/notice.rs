//! The words for the state's notices and its last-action line.

use super::{Lang, command_label, engine_error, link, tr};
use crate::state::notice::{Done, Notice};

/// A notice in `lang`.
pub fn notice_text(lang: Lang, notice: &Notice) -> String {
    match (lang, notice) {
        (_, Notice::Refused(e)) => engine_error(lang, e),
        (_, Notice::SelectFirst) => {
            tr!(lang, "Select a node first: click it, or use [ and ].").to_string()
        }
        (Lang::En, Notice::GroupsNotWhole(v)) => format!("groups: “{v}” is not a whole number"),
        (Lang::Zh, Notice::GroupsNotWhole(v)) => format!("分区组数：“{v}”不是整数"),
        (Lang::En, Notice::StopsAt(r)) => format!("The playground stops at round {r}."),
        (Lang::Zh, Notice::StopsAt(r)) => format!("演练场最多运行到第 {r} 轮。"),
        (_, Notice::Link(problems)) => link::banner(lang, problems),
        (_, Notice::NotAScenario(why)) => format!(
            "{}: {why}",
            tr!(lang, "That file is not a Gossip Playground scenario")
        ),
    }
}

/// The last-action line in `lang`: "Round 3: kill node 7." and, when the run had gone
/// further, " The old rounds 4–9 were dropped: the run forks here."
pub fn done_text(lang: Lang, done: &Done) -> String {
    match (lang, done) {
        (
            _,
            Done::Command {
                round,
                command,
                frontier,
            },
        ) => {
            let label = command_label(lang, command);
            let (round, frontier) = (*round, *frontier);
            let mut text = match lang {
                Lang::En => format!("Round {round}: {label}."),
                Lang::Zh => format!("第 {round} 轮：{label}。"),
            };
            if frontier > round {
                let next = round + 1;
                text.push_str(&match lang {
                    Lang::En => {
                        format!(
                            " The old rounds {next}–{frontier} were dropped: the run forks here."
                        )
                    }
                    Lang::Zh => format!("原来的第 {next}–{frontier} 轮已丢弃：运行从这里分叉。"),
                });
            }
            text
        }
        (Lang::En, Done::PausedQuiet(r)) => {
            format!("Paused at round {r}: nothing is spreading any more.")
        }
        (Lang::Zh, Done::PausedQuiet(r)) => format!("已在第 {r} 轮暂停：已经没有消息在传播了。"),
        (_, Done::NewScenario) => tr!(lang, "New scenario loaded.").to_string(),
    }
}

#[cfg(test)]
mod tests {
    use gossip_engine::{Command, Error};

    use super::*;

    #[test]
    fn notices_follow_the_language() {
        let n = Notice::Refused(Error::OutOfRange {
            field: "groups",
            value: 1.0,
            min: 2.0,
            max: 50.0,
        });
        assert_eq!(
            notice_text(Lang::En, &n),
            "groups = 1 is out of range: allowed 2..=50"
        );
        assert_eq!(
            notice_text(Lang::Zh, &n),
            "分区组数 = 1 超出范围：允许 2..=50"
        );
        let d = Done::Command {
            round: 3,
            command: Command::Kill { node: 7 },
            frontier: 9,
        };
        assert_eq!(
            done_text(Lang::En, &d),
            "Round 3: kill node 7. The old rounds 4–9 were dropped: the run forks here."
        );
        assert_eq!(
            done_text(Lang::Zh, &d),
            "第 3 轮：杀死节点 7。原来的第 4–9 轮已丢弃：运行从这里分叉。"
        );
    }
}
