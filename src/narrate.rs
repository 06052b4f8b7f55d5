//! The round log: what the last round did, in words.

use gossip_engine::{Belief, MessageState, RoundReport};

fn plural(n: u64, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// One sentence summarising a round: "Round 5: 34 pushes, 21 useful, 3 lost."
pub fn summary(report: &RoundReport) -> String {
    let t = &report.traffic;
    if t.messages == 0 {
        return format!("Round {}: nobody sent anything.", report.round);
    }
    let mut kinds = [0u64; 5];
    for c in &report.contacts {
        kinds[c.kind as usize] += 1;
    }
    let names = [
        ("push", "pushes"),
        ("pull reply", "pull replies"),
        ("request", "requests"),
        ("digest", "digests"),
        ("heartbeat table", "heartbeat tables"),
    ];
    let mut parts: Vec<String> = kinds
        .iter()
        .zip(names)
        .filter(|(n, _)| **n > 0)
        .map(|(n, (one, many))| plural(*n, one, many))
        .collect();
    if parts.is_empty() {
        parts.push(plural(t.messages, "message", "messages"));
    }
    let mut s = format!("Round {}: {}", report.round, parts.join(", "));
    if t.updates > 0 {
        s.push_str(&format!("; {} useful, {} redundant", t.useful, t.redundant));
    }
    s.push_str(&format!(", {} lost.", t.lost));
    s
}

/// Up to `max` detail lines: who learned what from whom, who lost interest, who detected
/// a failure.
pub fn details(report: &RoundReport, max: usize) -> Vec<String> {
    let mut out = Vec::new();
    for c in &report.changes {
        let line = match (c.after, c.source) {
            (MessageState::Fresh, Some(src)) => {
                format!("node {} learned m{} from node {src}", c.node, c.message)
            }
            (MessageState::Stale, _) => format!(
                "node {} lost interest in m{} (now stale)",
                c.node, c.message
            ),
            _ => continue,
        };
        out.push(line);
    }
    for d in &report.detections {
        let line = match d.belief {
            Belief::Failed => format!(
                "node {} now considers node {} failed",
                d.observer, d.subject
            ),
            Belief::Forgotten => format!("node {} forgot node {}", d.observer, d.subject),
            Belief::Alive => format!("node {} hears node {} is alive", d.observer, d.subject),
            Belief::Unknown => continue,
        };
        out.push(line);
    }
    let total = out.len();
    out.truncate(max);
    if total > max {
        out.push(format!("… and {} more", total - max));
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
    }
}
