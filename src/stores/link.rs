//! The page's link: the whole run in the address's fragment, readable by a person.
//!
//! `#system=redis-cluster&n=12&seed=3&at=150&do=kill.3@20,split.6@100,heal@400&lesson=1&variant=2`
//!
//! `do` lists the commands as `name.args@tick`: `kill.N`, `pause.N.MS`, `restart.N`,
//! `loss.P` (percent), `split.K` (nodes below K on one side), `heal`, `join`. A bad part is
//! named in the page's banner and skipped; the rest of the link still opens.

use super::scenario::{MAX_TICKS, Store, StoreCommand, StoreScenario};

/// A part of a link the page could not use.
#[derive(Clone, Debug, PartialEq)]
pub enum LinkProblem {
    /// `system=` names no system of the page.
    UnknownSystem(String),
    /// A value that is not a number in its range; the page used `used` instead.
    BadValue {
        key: String,
        value: String,
        used: String,
    },
    /// A command it cannot read.
    BadCommand(String),
}

/// What a link opens.
#[derive(Clone, Debug, PartialEq)]
pub struct Opened {
    /// The run.
    pub scenario: StoreScenario,
    /// The lesson whose card is shown, and its variant.
    pub lesson: Option<(usize, usize)>,
    /// What could not be read.
    pub problems: Vec<LinkProblem>,
}

fn command_text(c: &StoreCommand) -> String {
    match *c {
        StoreCommand::Kill(n) => format!("kill.{n}"),
        StoreCommand::Pause(n, ms) => format!("pause.{n}.{ms}"),
        StoreCommand::Restart(n) => format!("restart.{n}"),
        StoreCommand::Loss(p) => format!("loss.{}", (p * 100.0).round()),
        StoreCommand::Split(k) => format!("split.{k}"),
        StoreCommand::Heal => "heal".into(),
        StoreCommand::Join => "join".into(),
    }
}

fn parse_command(s: &str) -> Option<(u32, StoreCommand)> {
    let (body, tick) = s.split_once('@')?;
    let tick: u32 = tick.parse().ok().filter(|t| *t <= MAX_TICKS)?;
    let mut parts = body.split('.');
    let name = parts.next()?;
    let mut num = || parts.next().and_then(|p| p.parse::<u32>().ok());
    let c = match name {
        "kill" => StoreCommand::Kill(num()?),
        "pause" => StoreCommand::Pause(num()?, num()?),
        "restart" => StoreCommand::Restart(num()?),
        "loss" => StoreCommand::Loss(f64::from(num().filter(|p| *p <= 100)?) / 100.0),
        "split" => StoreCommand::Split(num()?),
        "heal" => StoreCommand::Heal,
        "join" => StoreCommand::Join,
        _ => return None,
    };
    Some((tick, c))
}

/// The fragment (without `#`) of `scenario`, with its lesson and variant.
pub fn encode(s: &StoreScenario, lesson: Option<(usize, usize)>) -> String {
    let mut out = form_urlencoded::Serializer::new(String::new());
    out.append_pair("system", s.store.slug());
    out.append_pair("n", &s.nodes.to_string());
    out.append_pair("seed", &s.seed.to_string());
    out.append_pair("at", &s.at.to_string());
    if !s.actions.is_empty() {
        let log: Vec<String> = s
            .actions
            .iter()
            .map(|a| format!("{}@{}", command_text(&a.command), a.tick))
            .collect();
        out.append_pair("do", &log.join(","));
    }
    if let Some((l, v)) = lesson {
        out.append_pair("lesson", &(l + 1).to_string());
        out.append_pair("variant", &(v + 1).to_string());
    }
    out.finish()
}

/// Reads a fragment (with or without `#`); `None` if it holds no run.
pub fn decode(text: &str) -> Option<Opened> {
    let text = text.trim_start_matches('#');
    if text.is_empty() {
        return None;
    }
    let mut problems = Vec::new();
    let mut s = StoreScenario::new(Store::Cassandra, 12, 1);
    let mut lesson = None;
    let mut variant = 0;
    // N is checked once the system is known: each has its own cap.
    let mut nodes: Option<(u32, String)> = None;
    let bad = |key: &str, value: &str, used: String, problems: &mut Vec<LinkProblem>| {
        problems.push(LinkProblem::BadValue {
            key: key.into(),
            value: value.into(),
            used,
        })
    };
    for (k, v) in form_urlencoded::parse(text.as_bytes()) {
        match &*k {
            "system" => match Store::parse(&v) {
                Some(st) => s.store = st,
                None => problems.push(LinkProblem::UnknownSystem(v.into_owned())),
            },
            "n" => match v.parse::<u32>() {
                Ok(n) => nodes = Some((n, v.into_owned())),
                Err(_) => bad("n", &v, s.nodes.to_string(), &mut problems),
            },
            "seed" => match v.parse::<u64>() {
                Ok(seed) => s.seed = seed,
                Err(_) => bad("seed", &v, s.seed.to_string(), &mut problems),
            },
            "at" => match v.parse::<u32>() {
                Ok(at) => s.at = at.min(MAX_TICKS),
                Err(_) => bad("at", &v, "0".into(), &mut problems),
            },
            "do" => {
                for part in v.split(',').filter(|p| !p.is_empty()) {
                    match parse_command(part) {
                        Some((tick, c)) => s.push(tick, c),
                        None => problems.push(LinkProblem::BadCommand(part.into())),
                    }
                }
            }
            "lesson" => match v.parse::<usize>() {
                Ok(l) if (1..=super::lessons::STORE_LESSONS.len()).contains(&l) => {
                    lesson = Some(l - 1)
                }
                _ => bad("lesson", &v, "—".into(), &mut problems),
            },
            "variant" => match v.parse::<usize>() {
                Ok(i) if i >= 1 => variant = i - 1,
                _ => bad("variant", &v, "1".into(), &mut problems),
            },
            _ => {}
        }
    }
    if let Some((n, text)) = nodes {
        s.nodes = n.clamp(3, s.store.max_nodes());
        if s.nodes != n {
            bad("n", &text, s.nodes.to_string(), &mut problems);
        }
    }
    Some(Opened {
        scenario: s,
        // A variant the lesson does not have opens its first.
        lesson: lesson.map(|l| {
            let count = super::lessons::STORE_LESSONS[l].variants.len();
            (l, if variant < count { variant } else { 0 })
        }),
        problems,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_run_survives_its_link() {
        let mut s = StoreScenario::new(Store::RedisCluster, 12, 7);
        s.push(20, StoreCommand::Kill(3));
        s.push(30, StoreCommand::Pause(4, 2500));
        s.push(50, StoreCommand::Loss(0.2));
        s.push(100, StoreCommand::Split(6));
        s.push(400, StoreCommand::Heal);
        s.push(410, StoreCommand::Join);
        s.push(420, StoreCommand::Restart(3));
        s.at = 150;
        let o = decode(&format!("#{}", encode(&s, Some((1, 2))))).unwrap();
        assert_eq!(o.scenario, s);
        assert_eq!(o.lesson, Some((1, 2)));
        assert!(o.problems.is_empty());
    }

    #[test]
    fn bad_parts_are_named_and_the_rest_opens() {
        let o = decode("system=dynamo&n=99999&seed=x&do=kill.2@10,boom@3,kill@4").unwrap();
        assert_eq!(o.scenario.store, Store::Dynamo);
        assert_eq!(o.scenario.nodes, crate::stores::scenario::MAX_STORE_NODES);
        assert_eq!(o.scenario.actions.len(), 1);
        assert_eq!(o.problems.len(), 4, "{:?}", o.problems);
        // The cap holds whichever key comes first.
        let o = decode("n=1001&system=redis-cluster").unwrap();
        assert_eq!(o.scenario.nodes, crate::stores::scenario::MAX_STORE_NODES);
        assert_eq!(o.problems.len(), 1);
        assert!(decode("").is_none());
        let o = decode("system=mongodb").unwrap();
        assert_eq!(o.problems, [LinkProblem::UnknownSystem("mongodb".into())]);
    }
}
