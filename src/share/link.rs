//! The run as a link.
//!
//! Everything needed to reproduce what the author saw lives in the query string: the
//! scenario (config, seed, action log, round) and the view (message shown, selected node,
//! speed, language, theme, embed options). Common settings are readable and hand-editable
//! (`n=50&fanout=3&protocol=rumor&seed=42&round=7`); the action log is compact JSON in
//! base64url (`a=`). The format is versioned (`v=1`); links written today must keep working,
//! which `tests/links.txt` checks.
//!
//! Decoding never fails: a malformed, truncated or hostile link yields the nearest valid
//! scenario plus a list of problems that the page shows in a banner.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64;
use gossip_engine::{
    Action, Command, Config, Decay, Error, Feedback, Mode, Protocol, Removal, Scenario, Simulation,
    Sync, TopologyConfig,
};

use crate::codec::scenario::{actions_from_str, actions_to_json};
use crate::i18n::{Lang, engine_error};
use crate::num::shortest;
use crate::state::{MAX_SPEED, MAX_UI_ROUNDS, MIN_SPEED, View};

/// The link format written by this build.
pub const LINK_VERSION: u32 = 1;
/// Longest query string read; beyond it the link is cut (and the banner says so).
pub const MAX_QUERY: usize = 64 * 1024;
/// Most node-rounds a link may ask the page to replay (keeps opening a link under ~a second).
pub const MAX_REPLAY_WORK: u64 = 20_000_000;

/// Which controls an embedded player shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Controls {
    /// No controls: the host page drives it.
    None,
    /// Step, play/pause, back and the round.
    #[default]
    Minimal,
    /// Everything the transport bar has.
    Full,
}

/// A forced colour theme.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Theme {
    /// Light.
    Light,
    /// Dark.
    Dark,
}

/// Page options that are not part of the run.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Options {
    /// Embed mode: just the graph, a compact control bar and the legend.
    pub embed: bool,
    /// Controls shown in embed mode.
    pub controls: Controls,
    /// Theme forced by the link (else the system's).
    pub theme: Option<Theme>,
    /// Language forced by the link (else the browser's).
    pub lang: Option<Lang>,
    /// The lesson whose card is open (index into `crate::lessons::LESSONS`).
    pub lesson: Option<usize>,
}

/// A decoded link.
#[derive(Clone, Debug, PartialEq)]
pub struct Link {
    /// The run.
    pub scenario: Scenario,
    /// How to show it.
    pub view: View,
    /// Page options.
    pub options: Options,
}

/// A decoded link and what was wrong with it.
#[derive(Clone, Debug, PartialEq)]
pub struct Decoded {
    /// The nearest valid link.
    pub link: Link,
    /// One sentence per problem, naming the parameter; empty for a clean link.
    pub problems: Vec<String>,
}

// ---------------------------------------------------------------------------------------
// Encoding

fn push(out: &mut form_urlencoded::Serializer<'_, String>, k: &str, v: impl ToString) {
    out.append_pair(k, &v.to_string());
}

/// The query string (without `?`) for a run and its view.
pub fn encode(scenario: &Scenario, view: &View, options: &Options) -> String {
    let mut q = form_urlencoded::Serializer::new(String::new());
    let c = &scenario.config;
    push(&mut q, "v", LINK_VERSION);
    push(&mut q, "protocol", c.protocol.name());
    match &c.protocol {
        Protocol::AntiEntropy { mode, sync } => {
            push(&mut q, "mode", mode.name());
            if *sync == Sync::Full {
                push(&mut q, "sync", "full");
            }
        }
        Protocol::Rumor {
            mode,
            removal,
            repair_every,
        } => {
            push(&mut q, "mode", mode.name());
            push(&mut q, "removal", removal.name());
            push(&mut q, "k", removal.k);
            if let Some(r) = repair_every {
                push(&mut q, "repair", r);
            }
        }
        Protocol::Membership { t_fail, t_cleanup } => {
            push(&mut q, "t_fail", t_fail);
            push(&mut q, "t_cleanup", t_cleanup);
        }
    }
    push(&mut q, "n", c.nodes);
    push(&mut q, "fanout", c.fanout);
    if c.loss > 0.0 {
        push(&mut q, "loss", shortest(c.loss));
    }
    push(&mut q, "topology", c.topology.name());
    match c.topology {
        TopologyConfig::Ring { k } => push(&mut q, "ring_k", k),
        TopologyConfig::RandomRegular { degree } => push(&mut q, "degree", degree),
        TopologyConfig::ErdosRenyi { p } => push(&mut q, "p", shortest(p)),
        TopologyConfig::WattsStrogatz { k, beta } => {
            push(&mut q, "ring_k", k);
            push(&mut q, "beta", shortest(beta));
        }
        TopologyConfig::BarabasiAlbert { m } => push(&mut q, "m", m),
        TopologyConfig::Hierarchical { group_size } => push(&mut q, "group", group_size),
        TopologyConfig::Complete | TopologyConfig::Grid => {}
    }
    push(&mut q, "seed", scenario.seed);
    push(&mut q, "round", scenario.round);
    if !scenario.actions.is_empty() {
        let json = actions_to_json(&scenario.actions).to_compact();
        push(&mut q, "a", B64.encode(json));
    }
    if let Some(m) = view.message {
        push(&mut q, "msg", m);
    }
    if let Some(s) = view.selected {
        push(&mut q, "sel", s);
    }
    if let Some(s) = view.subject {
        push(&mut q, "follow", s);
    }
    if let Some(s) = view.speed {
        push(&mut q, "speed", shortest(s));
    }
    if view.playing {
        push(&mut q, "autoplay", 1);
    }
    if let Some(l) = options.lang {
        push(&mut q, "lang", if l == Lang::Zh { "zh" } else { "en" });
    }
    if let Some(t) = options.theme {
        push(
            &mut q,
            "theme",
            if t == Theme::Dark { "dark" } else { "light" },
        );
    }
    if let Some(l) = options.lesson {
        push(&mut q, "lesson", l + 1);
    }
    if options.embed {
        push(&mut q, "embed", 1);
        push(
            &mut q,
            "controls",
            match options.controls {
                Controls::None => "none",
                Controls::Minimal => "minimal",
                Controls::Full => "full",
            },
        );
    }
    q.finish()
}

// ---------------------------------------------------------------------------------------
// Decoding

/// Shortens user-supplied text for messages (never interpreted, only shown as text).
fn quote(v: &str) -> String {
    let mut s: String = v.chars().take(24).collect();
    if v.chars().count() > 24 {
        s.push('…');
    }
    format!("“{s}”")
}

struct Reader {
    problems: Vec<String>,
}

impl Reader {
    fn bad(&mut self, key: &str, value: &str, what: &str, used: impl std::fmt::Display) {
        self.problems
            .push(format!("{key}={} {what}; used {used}", quote(value)));
    }

    fn uint(&mut self, key: &str, v: &str, default: u32) -> u32 {
        match v.trim().parse::<u32>() {
            Ok(x) => x,
            Err(_) => {
                self.bad(key, v, "is not a whole number", default);
                default
            }
        }
    }

    fn float(&mut self, key: &str, v: &str, default: f64) -> f64 {
        match crate::num::parse_f64(v.trim()) {
            Some(x) => x,
            None => {
                self.bad(key, v, "is not a number", shortest(default));
                default
            }
        }
    }

    fn flag(&mut self, key: &str, v: &str) -> bool {
        match v.trim() {
            "1" | "true" | "yes" | "" => true,
            "0" | "false" | "no" => false,
            _ => {
                self.bad(key, v, "is not 0 or 1", 0);
                false
            }
        }
    }
}

/// Parameters this build reads.
pub const KNOWN: [&str; 32] = [
    "lesson",
    "v",
    "protocol",
    "mode",
    "sync",
    "removal",
    "k",
    "repair",
    "t_fail",
    "t_cleanup",
    "n",
    "fanout",
    "loss",
    "topology",
    "ring_k",
    "degree",
    "p",
    "beta",
    "m",
    "group",
    "seed",
    "round",
    "a",
    "msg",
    "sel",
    "follow",
    "speed",
    "autoplay",
    "lang",
    "theme",
    "embed",
    "controls",
];

/// Decodes a query string (with or without the leading `?`).
pub fn decode(query: &str) -> Decoded {
    let mut r = Reader {
        problems: Vec::new(),
    };
    let mut query = query.strip_prefix('?').unwrap_or(query);
    if query.len() > MAX_QUERY {
        let mut cut = MAX_QUERY;
        while !query.is_char_boundary(cut) {
            cut -= 1;
        }
        query = &query[..cut];
        r.problems.push(format!(
            "the link is longer than {MAX_QUERY} characters; the rest was ignored"
        ));
    }
    let pairs: Vec<(String, String)> = form_urlencoded::parse(query.as_bytes())
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    let get = |k: &str| {
        pairs
            .iter()
            .rev()
            .find(|(key, _)| key == k)
            .map(|(_, v)| v.as_str())
    };

    for (k, _) in &pairs {
        if !k.is_empty() && !KNOWN.contains(&k.as_str()) && !k.starts_with("utm_") {
            r.problems
                .push(format!("unknown parameter {} ignored", quote(k)));
        }
    }
    if let Some(v) = get("v") {
        match v.trim().parse::<u32>() {
            Ok(LINK_VERSION) => {}
            Ok(x) if x > LINK_VERSION => r.problems.push(format!(
                "the link is format version {x}, newer than this playground (version {LINK_VERSION}); read what it could"
            )),
            _ => r.bad("v", v, "is not a known link version", LINK_VERSION),
        }
    }

    let def = Config::default();
    let nodes = get("n").map_or(def.nodes, |v| r.uint("n", v, def.nodes));
    let fanout = get("fanout").map_or(def.fanout, |v| r.uint("fanout", v, def.fanout));
    let loss = get("loss").map_or(0.0, |v| r.float("loss", v, 0.0));
    let mode = match get("mode").map(str::trim) {
        None | Some("push") => Mode::Push,
        Some("pull") => Mode::Pull,
        Some("push-pull") => Mode::PushPull,
        Some(other) => {
            r.bad("mode", other, "is not push, pull or push-pull", "push");
            Mode::Push
        }
    };
    let k = get("k").map_or(2, |v| r.uint("k", v, 2));
    let removal = match get("removal").map(str::trim).unwrap_or("feedback-counter") {
        "feedback-counter" => (Feedback::Feedback, Decay::Counter),
        "feedback-coin" => (Feedback::Feedback, Decay::Coin),
        "blind-counter" => (Feedback::Blind, Decay::Counter),
        "blind-coin" => (Feedback::Blind, Decay::Coin),
        other => {
            r.bad(
                "removal",
                other,
                "is not a loss-of-interest rule",
                "feedback-counter",
            );
            (Feedback::Feedback, Decay::Counter)
        }
    };
    let removal = Removal {
        feedback: removal.0,
        decay: removal.1,
        k,
    };
    let protocol = match get("protocol").map(str::trim).unwrap_or("rumor") {
        "rumor" => Protocol::Rumor {
            mode,
            removal,
            repair_every: None,
        },
        "hybrid" => Protocol::Rumor {
            mode,
            removal,
            repair_every: Some(get("repair").map_or(10, |v| r.uint("repair", v, 10))),
        },
        "anti-entropy" => Protocol::AntiEntropy {
            mode,
            sync: match get("sync").map(str::trim) {
                None | Some("incremental") => Sync::Incremental,
                Some("full") => Sync::Full,
                Some(other) => {
                    r.bad("sync", other, "is not incremental or full", "incremental");
                    Sync::Incremental
                }
            },
        },
        "membership" => Protocol::Membership {
            t_fail: get("t_fail").map_or(6, |v| r.uint("t_fail", v, 6)),
            t_cleanup: get("t_cleanup").map_or(12, |v| r.uint("t_cleanup", v, 12)),
        },
        other => {
            r.bad("protocol", other, "is not a protocol", "rumor");
            def.protocol.clone()
        }
    };
    let ring_k = get("ring_k").map_or(2, |v| r.uint("ring_k", v, 2));
    let topology = match get("topology").map(str::trim).unwrap_or("complete") {
        "complete" => TopologyConfig::Complete,
        "ring" => TopologyConfig::Ring { k: ring_k },
        "grid" => TopologyConfig::Grid,
        "random-regular" => TopologyConfig::RandomRegular {
            degree: get("degree").map_or(4, |v| r.uint("degree", v, 4)),
        },
        "erdos-renyi" => TopologyConfig::ErdosRenyi {
            p: get("p").map_or(0.08, |v| r.float("p", v, 0.08)),
        },
        "watts-strogatz" => TopologyConfig::WattsStrogatz {
            k: ring_k,
            beta: get("beta").map_or(0.2, |v| r.float("beta", v, 0.2)),
        },
        "barabasi-albert" => TopologyConfig::BarabasiAlbert {
            m: get("m").map_or(2, |v| r.uint("m", v, 2)),
        },
        "hierarchical" => TopologyConfig::Hierarchical {
            group_size: get("group").map_or(10, |v| r.uint("group", v, 10)),
        },
        other => {
            r.bad("topology", other, "is not a topology", "complete");
            TopologyConfig::Complete
        }
    };
    let config = repair_config(
        &mut r,
        Config {
            nodes,
            fanout,
            loss,
            protocol,
            topology,
        },
    );
    let seed = match get("seed") {
        None => 42,
        Some(v) => match v.trim().parse::<u64>() {
            Ok(s) => s,
            Err(_) => {
                r.bad("seed", v, "is not a whole number", 42);
                42
            }
        },
    };
    let mut round = get("round").map_or(0, |v| r.uint("round", v, 0));
    let work_limit =
        (MAX_REPLAY_WORK / u64::from(config.nodes.max(1))).min(u64::from(MAX_UI_ROUNDS)) as u32;
    let actions = match get("a") {
        None => None,
        Some(a) => read_actions(&mut r, a),
    };
    // A link with no action log gets the playground's usual first rumor (except membership).
    let actions = actions.unwrap_or_else(|| default_actions(&config));
    let (actions, limit) = replay_check(&mut r, &config, seed, actions, work_limit);
    if round > limit {
        r.problems.push(format!(
            "round={round} is too far to replay in the browser for {} nodes; opened round {limit}",
            config.nodes
        ));
        round = limit;
    }

    let uint_opt = |r: &mut Reader, k: &str| get(k).map(|v| r.uint(k, v, 0));
    let view = View {
        message: uint_opt(&mut r, "msg"),
        selected: uint_opt(&mut r, "sel"),
        subject: uint_opt(&mut r, "follow"),
        speed: get("speed").map(|v| {
            let s = r.float("speed", v, 2.0);
            let used = crate::num::clamp(s, MIN_SPEED, MAX_SPEED);
            if used != s {
                r.problems.push(format!(
                    "speed={} is out of range: allowed {}..={}; used {}",
                    shortest(s),
                    shortest(MIN_SPEED),
                    shortest(MAX_SPEED),
                    shortest(used)
                ));
            }
            used
        }),
        playing: get("autoplay").is_some_and(|v| r.flag("autoplay", v)),
    };
    let lesson_count = crate::lessons::LESSONS.len();
    let options = Options {
        lesson: get("lesson").and_then(|v| match v.trim().parse::<usize>() {
            Ok(n) if (1..=lesson_count).contains(&n) => Some(n - 1),
            _ => {
                r.problems.push(format!(
                    "lesson={} is not a lesson (1..={lesson_count}); no lesson card opened",
                    quote(v)
                ));
                None
            }
        }),
        embed: get("embed").is_some_and(|v| r.flag("embed", v)),
        controls: match get("controls").map(str::trim) {
            None | Some("minimal") => Controls::Minimal,
            Some("none") => Controls::None,
            Some("full") => Controls::Full,
            Some(other) => {
                r.bad("controls", other, "is not none, minimal or full", "minimal");
                Controls::Minimal
            }
        },
        theme: match get("theme").map(str::trim) {
            None | Some("auto") => None,
            Some("light") => Some(Theme::Light),
            Some("dark") => Some(Theme::Dark),
            Some(other) => {
                r.bad("theme", other, "is not light or dark", "the system's");
                None
            }
        },
        lang: match get("lang") {
            None => None,
            Some(v) => match Lang::parse(v) {
                Some(l) => Some(l),
                None => {
                    r.bad("lang", v, "is not en or zh", "the browser's");
                    None
                }
            },
        },
    };
    let mut scenario = Scenario::new(config, seed);
    scenario.actions = actions;
    scenario.round = round;
    Decoded {
        link: Link {
            scenario,
            view,
            options,
        },
        problems: r.problems,
    }
}

/// The first rumor every new playground starts with.
pub fn default_actions(config: &Config) -> Vec<Action> {
    if matches!(config.protocol, Protocol::Membership { .. }) {
        return Vec::new();
    }
    vec![Action {
        round: 0,
        command: Command::Inject {
            node: 0,
            id: None,
            content: "hello".into(),
        },
    }]
}

/// Fixes an invalid configuration field by field (clamping to the allowed range), falling
/// back to the default for anything that cannot be clamped.
fn repair_config(r: &mut Reader, mut c: Config) -> Config {
    let max_nodes = crate::state::max_ui_nodes(&c.protocol);
    if c.nodes > max_nodes || c.nodes < 2 {
        let used = c.nodes.clamp(2, max_nodes);
        r.problems.push(format!(
            "n={} is out of range: allowed 2..={max_nodes} in the playground; used {used}",
            c.nodes
        ));
        c.nodes = used;
    }
    for _ in 0..12 {
        match c.validate() {
            Ok(()) => {
                if matches!(c.protocol, Protocol::Membership { .. })
                    && c.topology != TopologyConfig::Complete
                {
                    r.problems
                        .push("membership runs on the complete graph; topology ignored".into());
                    c.topology = TopologyConfig::Complete;
                }
                return c;
            }
            Err(Error::OutOfRange {
                field,
                min,
                max,
                value,
            }) => {
                let used = crate::num::clamp(value, min, max);
                let key = match field {
                    "nodes" => "n",
                    "repair_every" => "repair",
                    "group_size" => "group",
                    "k" if matches!(
                        c.topology,
                        TopologyConfig::Ring { .. } | TopologyConfig::WattsStrogatz { .. }
                    ) && !matches!(c.protocol, Protocol::Rumor { .. }) =>
                    {
                        "ring_k"
                    }
                    f => f,
                };
                r.problems.push(format!(
                    "{key}={} is out of range: allowed {}..={}; used {}",
                    shortest(value),
                    shortest(min),
                    shortest(max),
                    shortest(used)
                ));
                if !set_field(&mut c, field, used) {
                    break;
                }
            }
            Err(e) => {
                r.problems.push(format!(
                    "{}; used the complete graph",
                    engine_error(Lang::En, &e)
                ));
                c.topology = TopologyConfig::Complete;
            }
        }
    }
    if c.validate().is_ok() {
        return c;
    }
    r.problems
        .push("the settings could not be repaired; opened the default scenario".into());
    Config::default()
}

/// Sets one numeric field by its engine name; false if there is no such field.
fn set_field(c: &mut Config, field: &str, v: f64) -> bool {
    let u = v.round() as u32;
    match (field, &mut c.protocol, &mut c.topology) {
        ("nodes", ..) => c.nodes = u,
        ("fanout", ..) => c.fanout = u,
        ("loss", ..) => c.loss = v,
        ("k", Protocol::Rumor { removal, .. }, _) => removal.k = u,
        ("repair_every", Protocol::Rumor { repair_every, .. }, _) => *repair_every = Some(u),
        ("t_fail", Protocol::Membership { t_fail, .. }, _) => *t_fail = u,
        ("t_cleanup", Protocol::Membership { t_cleanup, .. }, _) => *t_cleanup = u,
        ("k", _, TopologyConfig::Ring { k } | TopologyConfig::WattsStrogatz { k, .. }) => *k = u,
        ("degree", _, TopologyConfig::RandomRegular { degree }) => *degree = u,
        ("p", _, TopologyConfig::ErdosRenyi { p }) => *p = v,
        ("beta", _, TopologyConfig::WattsStrogatz { beta, .. }) => *beta = v,
        ("m", _, TopologyConfig::BarabasiAlbert { m }) => *m = u,
        ("group_size", _, TopologyConfig::Hierarchical { group_size }) => *group_size = u,
        _ => return false,
    }
    true
}

fn read_actions(r: &mut Reader, a: &str) -> Option<Vec<Action>> {
    let bytes = match B64.decode(a.trim().trim_end_matches('=')) {
        Ok(b) => b,
        Err(_) => {
            r.problems.push(
                "the action log (a=) is not valid base64url; started from the usual first rumor instead".into(),
            );
            return None;
        }
    };
    let text = std::str::from_utf8(&bytes).map_err(|_| "invalid UTF-8".to_string());
    match text.and_then(actions_from_str) {
        Ok(mut v) => {
            if v.len() > 10_000 {
                r.problems.push(format!(
                    "the action log has {} actions; kept the first 10000",
                    v.len()
                ));
                v.truncate(10_000);
            }
            if v.windows(2).any(|w| w[0].round > w[1].round) {
                r.problems
                    .push("the action log was out of order; sorted it by round".into());
                v.sort_by_key(|a| a.round);
            }
            Some(v)
        }
        Err(e) => {
            r.problems.push(format!(
                "the action log (a=) could not be read ({}); started from the usual first rumor instead",
                e.chars().take(80).collect::<String>()
            ));
            None
        }
    }
}

/// Replays the log on a scratch simulation, dropping each action that fails (with the
/// reason), and returns the furthest round the page may replay.
fn replay_check(
    r: &mut Reader,
    config: &Config,
    seed: u64,
    actions: Vec<Action>,
    work_limit: u32,
) -> (Vec<Action>, u32) {
    let Ok(mut sim) = Simulation::new(config.clone(), seed) else {
        return (Vec::new(), 0);
    };
    sim.set_recording(false);
    let mut kept = Vec::with_capacity(actions.len());
    for (i, a) in actions.into_iter().enumerate() {
        if a.round > work_limit {
            r.problems.push(format!(
                "action {} at round {} is beyond what the browser replays for {} nodes (round {work_limit}); dropped it and the rest",
                i + 1,
                a.round,
                config.nodes
            ));
            break;
        }
        while sim.round() < a.round {
            sim.step();
        }
        match sim.apply(&a.command) {
            Ok(_) => kept.push(a),
            Err(e) => r.problems.push(format!(
                "action {} ({}) skipped: {}",
                i + 1,
                a.command.label(),
                engine_error(Lang::En, &e)
            )),
        }
    }
    (kept, work_limit)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::MAX_UI_NODES;

    fn link(q: &str) -> Decoded {
        decode(q)
    }

    #[test]
    fn a_clean_link_round_trips() {
        let mut s = Scenario::new(
            Config {
                nodes: 80,
                fanout: 2,
                ..Config::default()
            },
            7,
        );
        s.actions = default_actions(&s.config);
        s.actions.push(Action {
            round: 3,
            command: Command::Kill { node: 5 },
        });
        s.round = 9;
        let view = View {
            message: Some(0),
            selected: Some(5),
            subject: Some(5),
            speed: Some(4.0),
            playing: false,
        };
        let q = encode(&s, &view, &Options::default());
        let d = decode(&q);
        assert_eq!(
            d.problems,
            Vec::<String>::new(),
            "a link we write reads back cleanly: {q}"
        );
        assert_eq!(d.link.scenario, s);
        assert_eq!(d.link.view, view);
    }

    #[test]
    fn hand_written_links_are_readable() {
        let d = link("n=50&fanout=3&protocol=rumor&seed=42&round=7");
        assert!(d.problems.is_empty(), "{:?}", d.problems);
        let s = &d.link.scenario;
        assert_eq!(
            (s.config.nodes, s.config.fanout, s.seed, s.round),
            (50, 3, 42, 7)
        );
        assert_eq!(
            s.actions,
            default_actions(&s.config),
            "the first rumor is implied"
        );
    }

    #[test]
    fn bad_values_are_named_and_replaced() {
        let d = link("n=abc&fanout=99&loss=7&protocol=zzz&speed=1000&lang=fr&theme=pink&bogus=1");
        let all = d.problems.join(" | ");
        for needle in [
            "n=“abc”",
            "fanout=99",
            "loss=7",
            "protocol=“zzz”",
            "speed=1000",
            "lang=“fr”",
            "theme=“pink”",
            "“bogus”",
        ] {
            assert!(all.contains(needle), "problem list names {needle}: {all}");
        }
        d.link
            .scenario
            .config
            .validate()
            .expect("the nearest valid scenario is valid");
    }

    #[test]
    fn membership_links_respect_the_smaller_limit() {
        let d = link("protocol=membership&n=2000&fanout=2");
        assert_eq!(
            d.link.scenario.config.nodes,
            crate::state::MAX_UI_MEMBERSHIP_NODES
        );
        assert!(d.problems[0].contains("n=2000"), "{:?}", d.problems);
    }

    #[test]
    fn huge_n_is_capped_and_rounds_bounded() {
        let d = link("n=99999999999&round=4000000000");
        assert_eq!(
            d.link.scenario.config.nodes, 50,
            "not a u32: the default is used"
        );
        let d = link("n=1000000&round=100000");
        assert_eq!(d.link.scenario.config.nodes, MAX_UI_NODES);
        assert!(u64::from(d.link.scenario.round) * u64::from(MAX_UI_NODES) <= MAX_REPLAY_WORK);
        assert!(!d.problems.is_empty());
    }

    #[test]
    fn bad_actions_are_dropped_one_by_one() {
        let actions = vec![
            Action {
                round: 0,
                command: Command::Inject {
                    node: 0,
                    id: None,
                    content: "<script>alert(1)</script>".into(),
                },
            },
            Action {
                round: 1,
                command: Command::Kill { node: 999 },
            },
            Action {
                round: 2,
                command: Command::Kill { node: 3 },
            },
            Action {
                round: 2,
                command: Command::Kill { node: 3 },
            },
        ];
        let a = B64.encode(actions_to_json(&actions).to_compact());
        let d = link(&format!("n=10&a={a}"));
        assert_eq!(
            d.link.scenario.actions.len(),
            2,
            "the two valid actions stay"
        );
        assert_eq!(d.problems.len(), 2, "{:?}", d.problems);
        let Command::Inject { content, .. } = &d.link.scenario.actions[0].command else {
            panic!()
        };
        assert_eq!(
            content, "<script>alert(1)</script>",
            "text stays text; the page renders it escaped"
        );
        let d = link("a=%%%");
        assert!(d.problems[0].contains("base64url"));
        let d = link(&format!("a={}", B64.encode("{not json")));
        assert!(d.problems[0].contains("could not be read"));
    }
}
