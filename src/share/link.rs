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

use gossip_engine::{
    Action, Command, Config, Decay, Error, Feedback, Mode, Protocol, Removal, Scenario, Simulation,
    Sync, TopologyConfig,
};

use crate::codec::scenario::{MODES, SYNCS, TOPOLOGIES, actions_from_str, actions_to_json};
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
// Query strings and base64url, by hand: the `form_urlencoded` and `base64` crates cost
// about 3 KB of wasm for the few lines below. The unit tests check both against the crates.

/// Appends `key=value` (`&`-separated) to a query string, the value escaped as
/// `application/x-www-form-urlencoded` (byte for byte what `form_urlencoded::Serializer`
/// writes). Keys are plain ASCII names here, written as they are.
fn put(q: &mut String, key: &str, value: &str) {
    if !q.is_empty() {
        q.push('&');
    }
    q.push_str(key);
    q.push('=');
    for b in value.bytes() {
        match b {
            b'*' | b'-' | b'.' | b'0'..=b'9' | b'A'..=b'Z' | b'_' | b'a'..=b'z' => {
                q.push(char::from(b));
            }
            b' ' => q.push('+'),
            _ => {
                q.push('%');
                q.push(char::from(HEX[usize::from(b >> 4)]));
                q.push(char::from(HEX[usize::from(b & 15)]));
            }
        }
    }
}

const HEX: &[u8; 16] = b"0123456789ABCDEF";

/// [`put`] for a whole number (one integer formatter for every field).
fn put_int(q: &mut String, key: &str, value: u64) {
    put(q, key, &value.to_string());
}

/// The `&`-separated `key=value` pairs of a query string, unescaped as the URL standard
/// (and `form_urlencoded::parse`) does: `+` is a space, `%` and two hex digits a byte,
/// invalid UTF-8 replaced; empty pairs are skipped and a pair without `=` has an empty value.
fn parse_query(query: &str) -> Vec<(String, String)> {
    query
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            (unescape(k), unescape(v))
        })
        .collect()
}

fn unescape(s: &str) -> String {
    let b = s.as_bytes();
    let hex = |i: usize| b.get(i).and_then(|&h| char::from(h).to_digit(16));
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        out.push(match (b[i], hex(i + 1), hex(i + 2)) {
            (b'+', ..) => b' ',
            (b'%', Some(hi), Some(lo)) => {
                i += 2;
                (hi * 16 + lo) as u8
            }
            (c, ..) => c,
        });
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

const BASE64URL: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// base64url without padding (RFC 4648 §5).
fn base64url(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let mut n = 0u32;
        for (i, &b) in chunk.iter().enumerate() {
            n |= u32::from(b) << (16 - 8 * i);
        }
        for i in 0..=chunk.len() {
            out.push(char::from(BASE64URL[(n >> (18 - 6 * i) & 63) as usize]));
        }
    }
    out
}

/// Reads [`base64url`]: strict, as the `base64` crate's `URL_SAFE_NO_PAD` (no padding, no
/// other characters, a length that is not 1 more than a multiple of 4, unused bits zero).
fn from_base64url(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(text.len() / 4 * 3 + 2);
    let (mut acc, mut bits) = (0u32, 0u32);
    for c in text.bytes() {
        let v = BASE64URL.iter().position(|&x| x == c)? as u32;
        acc = acc << 6 | v;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    (bits < 6 && acc == 0).then_some(out)
}

// ---------------------------------------------------------------------------------------
// Encoding

/// The query string (without `?`) for a run and its view.
pub fn encode(scenario: &Scenario, view: &View, options: &Options) -> String {
    let mut q = String::new();
    let q = &mut q;
    let c = &scenario.config;
    put_int(q, "v", LINK_VERSION.into());
    put(q, "protocol", c.protocol.name());
    match &c.protocol {
        Protocol::AntiEntropy { mode, sync } => {
            put(q, "mode", mode.name());
            if *sync == Sync::Full {
                put(q, "sync", "full");
            }
        }
        Protocol::Rumor {
            mode,
            removal,
            repair_every,
        } => {
            put(q, "mode", mode.name());
            put(q, "removal", removal.name());
            put_int(q, "k", removal.k.into());
            if let Some(r) = repair_every {
                put_int(q, "repair", (*r).into());
            }
        }
        Protocol::Membership { t_fail, t_cleanup } => {
            put_int(q, "t_fail", (*t_fail).into());
            put_int(q, "t_cleanup", (*t_cleanup).into());
        }
    }
    put_int(q, "n", c.nodes.into());
    put_int(q, "fanout", c.fanout.into());
    if c.loss > 0.0 {
        put(q, "loss", &shortest(c.loss));
    }
    put(q, "topology", c.topology.name());
    match c.topology {
        TopologyConfig::Ring { k } => put_int(q, "ring_k", k.into()),
        TopologyConfig::RandomRegular { degree } => put_int(q, "degree", degree.into()),
        TopologyConfig::ErdosRenyi { p } => put(q, "p", &shortest(p)),
        TopologyConfig::WattsStrogatz { k, beta } => {
            put_int(q, "ring_k", k.into());
            put(q, "beta", &shortest(beta));
        }
        TopologyConfig::BarabasiAlbert { m } => put_int(q, "m", m.into()),
        TopologyConfig::Hierarchical { group_size } => put_int(q, "group", group_size.into()),
        TopologyConfig::Complete | TopologyConfig::Grid => {}
    }
    put_int(q, "seed", scenario.seed);
    put_int(q, "round", scenario.round.into());
    if !scenario.actions.is_empty() {
        let json = actions_to_json(&scenario.actions).to_compact();
        put(q, "a", &base64url(json.as_bytes()));
    }
    for (key, value) in [
        ("msg", view.message),
        ("sel", view.selected),
        ("follow", view.subject),
    ] {
        if let Some(v) = value {
            put_int(q, key, v.into());
        }
    }
    if let Some(s) = view.speed {
        put(q, "speed", &shortest(s));
    }
    if view.playing {
        put(q, "autoplay", "1");
    }
    if let Some(l) = options.lang {
        put(q, "lang", if l == Lang::Zh { "zh" } else { "en" });
    }
    if let Some(t) = options.theme {
        put(q, "theme", if t == Theme::Dark { "dark" } else { "light" });
    }
    if let Some(l) = options.lesson {
        put_int(q, "lesson", l as u64 + 1);
    }
    if options.embed {
        put(q, "embed", "1");
        put(q, "controls", CONTROLS[options.controls as usize]);
    }
    std::mem::take(q)
}

/// Names of [`Controls`], indexed by variant.
const CONTROLS: [&str; 3] = ["none", "minimal", "full"];

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

/// The link's parameters and the problems found so far. Every typed read goes through one
/// of its methods, so each kind of check and message exists once in the wasm.
struct Reader<'q> {
    pairs: &'q [(String, String)],
    problems: Vec<String>,
}

impl<'q> Reader<'q> {
    /// The value of `key`; the last one if given twice.
    fn get(&self, key: &str) -> Option<&'q str> {
        let pairs: &'q [(String, String)] = self.pairs;
        pairs
            .iter()
            .rev()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    fn bad(&mut self, key: &str, value: &str, what: &str, used: &dyn std::fmt::Display) {
        self.problems
            .push(format!("{key}={} {what}; used {used}", quote(value)));
    }

    fn out_of_range(&mut self, key: &str, value: f64, min: f64, max: f64, used: f64) {
        self.problems.push(format!(
            "{key}={} is out of range: allowed {}..={}; used {}",
            shortest(value),
            shortest(min),
            shortest(max),
            shortest(used)
        ));
    }

    /// Whole number `key` (`None` if absent); `default` if it is not one.
    fn uint_opt(&mut self, key: &str, default: u32) -> Option<u32> {
        let v = self.get(key)?;
        Some(v.trim().parse::<u32>().unwrap_or_else(|_| {
            self.bad(key, v, "is not a whole number", &default);
            default
        }))
    }

    /// Whole number `key`, or `default` if absent or not one.
    fn uint(&mut self, key: &str, default: u32) -> u32 {
        self.uint_opt(key, default).unwrap_or(default)
    }

    /// Number `key` (`None` if absent); `default` if it is not one.
    fn float_opt(&mut self, key: &str, default: f64) -> Option<f64> {
        let v = self.get(key)?;
        Some(crate::num::parse_f64(v.trim()).unwrap_or_else(|| {
            self.bad(key, v, "is not a number", &shortest(default));
            default
        }))
    }

    /// Number `key`, or `default` if absent or not one.
    fn float(&mut self, key: &str, default: f64) -> f64 {
        self.float_opt(key, default).unwrap_or(default)
    }

    /// Flag `key`: absent is false, present without a value true.
    fn flag(&mut self, key: &str) -> bool {
        let Some(v) = self.get(key) else {
            return false;
        };
        match v.trim() {
            "1" | "true" | "yes" | "" => true,
            "0" | "false" | "no" => false,
            _ => {
                self.bad(key, v, "is not 0 or 1", &0);
                false
            }
        }
    }

    /// The index in `names` of the (trimmed) value of `key`: 0 if absent, `None` (said, with
    /// `what` and `used`) if it is none of them.
    fn choice(&mut self, key: &str, names: &[&str], what: &str, used: &str) -> Option<usize> {
        let Some(v) = self.get(key).map(str::trim) else {
            return Some(0);
        };
        let i = names.iter().position(|n| *n == v);
        if i.is_none() {
            self.bad(key, v, what, &used);
        }
        i
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
    let mut problems = Vec::new();
    let mut query = query.strip_prefix('?').unwrap_or(query);
    if query.len() > MAX_QUERY {
        let mut cut = MAX_QUERY;
        while !query.is_char_boundary(cut) {
            cut -= 1;
        }
        query = &query[..cut];
        problems.push(format!(
            "the link is longer than {MAX_QUERY} characters; the rest was ignored"
        ));
    }
    let pairs = parse_query(query);
    let r = &mut Reader {
        pairs: &pairs,
        problems,
    };

    for (k, _) in &pairs {
        if !k.is_empty() && !KNOWN.contains(&k.as_str()) && !k.starts_with("utm_") {
            r.problems
                .push(format!("unknown parameter {} ignored", quote(k)));
        }
    }
    if let Some(v) = r.get("v") {
        match v.trim().parse::<u32>() {
            Ok(LINK_VERSION) => {}
            Ok(x) if x > LINK_VERSION => r.problems.push(format!(
                "the link is format version {x}, newer than this playground (version {LINK_VERSION}); read what it could"
            )),
            _ => r.bad("v", v, "is not a known link version", &LINK_VERSION),
        }
    }

    let def = Config::default();
    let nodes = r.uint("n", def.nodes);
    let fanout = r.uint("fanout", def.fanout);
    let loss = r.float("loss", 0.0);
    let mode = [Mode::Push, Mode::Pull, Mode::PushPull][r
        .choice("mode", &MODES, "is not push, pull or push-pull", "push")
        .unwrap_or(0)];
    let k = r.uint("k", 2);
    let removal = r
        .choice(
            "removal",
            &REMOVALS,
            "is not a loss-of-interest rule",
            "feedback-counter",
        )
        .unwrap_or(0);
    let removal = Removal {
        feedback: [Feedback::Feedback, Feedback::Blind][removal / 2],
        decay: [Decay::Counter, Decay::Coin][removal % 2],
        k,
    };
    let protocol = match r.choice("protocol", &PROTOCOLS, "is not a protocol", "rumor") {
        Some(0) => Protocol::Rumor {
            mode,
            removal,
            repair_every: None,
        },
        Some(1) => Protocol::Rumor {
            mode,
            removal,
            repair_every: Some(r.uint("repair", 10)),
        },
        Some(2) => Protocol::AntiEntropy {
            mode,
            sync: [Sync::Incremental, Sync::Full][r
                .choice("sync", &SYNCS, "is not incremental or full", "incremental")
                .unwrap_or(0)],
        },
        Some(_) => Protocol::Membership {
            t_fail: r.uint("t_fail", 6),
            t_cleanup: r.uint("t_cleanup", 12),
        },
        None => def.protocol.clone(),
    };
    let ring_k = r.uint("ring_k", 2);
    let topology = match r
        .choice("topology", &TOPOLOGIES, "is not a topology", "complete")
        .unwrap_or(0)
    {
        0 => TopologyConfig::Complete,
        1 => TopologyConfig::Ring { k: ring_k },
        2 => TopologyConfig::Grid,
        3 => TopologyConfig::RandomRegular {
            degree: r.uint("degree", 4),
        },
        4 => TopologyConfig::ErdosRenyi {
            p: r.float("p", 0.08),
        },
        5 => TopologyConfig::WattsStrogatz {
            k: ring_k,
            beta: r.float("beta", 0.2),
        },
        6 => TopologyConfig::BarabasiAlbert { m: r.uint("m", 2) },
        _ => TopologyConfig::Hierarchical {
            group_size: r.uint("group", 10),
        },
    };
    let config = repair_config(
        r,
        Config {
            nodes,
            fanout,
            loss,
            protocol,
            topology,
        },
    );
    let seed = match r.get("seed") {
        None => 42,
        Some(v) => v.trim().parse::<u64>().unwrap_or_else(|_| {
            r.bad("seed", v, "is not a whole number", &42);
            42
        }),
    };
    let mut round = r.uint("round", 0);
    let work_limit =
        (MAX_REPLAY_WORK / u64::from(config.nodes.max(1))).min(u64::from(MAX_UI_ROUNDS)) as u32;
    let actions = match r.get("a") {
        None => None,
        Some(a) => read_actions(r, a),
    };
    // A link with no action log gets the playground's usual first rumor (except membership).
    let actions = actions.unwrap_or_else(|| default_actions(&config));
    let (actions, limit) = replay_check(r, &config, seed, actions, work_limit);
    if round > limit {
        r.problems.push(format!(
            "round={round} is too far to replay in the browser for {} nodes; opened round {limit}",
            config.nodes
        ));
        round = limit;
    }

    let view = View {
        message: r.uint_opt("msg", 0),
        selected: r.uint_opt("sel", 0),
        subject: r.uint_opt("follow", 0),
        speed: r.float_opt("speed", 2.0).map(|s| {
            let used = crate::num::clamp(s, MIN_SPEED, MAX_SPEED);
            if used != s {
                r.out_of_range("speed", s, MIN_SPEED, MAX_SPEED, used);
            }
            used
        }),
        playing: r.flag("autoplay"),
    };
    let lesson_count = crate::lessons::LESSONS.len();
    let options = Options {
        lesson: r
            .get("lesson")
            .and_then(|v| match v.trim().parse::<usize>() {
                Ok(n) if (1..=lesson_count).contains(&n) => Some(n - 1),
                _ => {
                    r.problems.push(format!(
                        "lesson={} is not a lesson (1..={lesson_count}); no lesson card opened",
                        quote(v)
                    ));
                    None
                }
            }),
        embed: r.flag("embed"),
        controls: [Controls::Minimal, Controls::None, Controls::Full][r
            .choice(
                "controls",
                &["minimal", "none", "full"],
                "is not none, minimal or full",
                "minimal",
            )
            .unwrap_or(0)],
        theme: match r.choice(
            "theme",
            &["auto", "light", "dark"],
            "is not light or dark",
            "the system's",
        ) {
            Some(1) => Some(Theme::Light),
            Some(2) => Some(Theme::Dark),
            _ => None,
        },
        lang: r.get("lang").and_then(|v| {
            let l = Lang::parse(v);
            if l.is_none() {
                r.bad("lang", v, "is not en or zh", &"the browser's");
            }
            l
        }),
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
        problems: std::mem::take(&mut r.problems),
    }
}

/// `protocol=` values, in the order [`decode`] matches them.
const PROTOCOLS: [&str; 4] = ["rumor", "hybrid", "anti-entropy", "membership"];
/// `removal=` values: feedback (then blind) × counter (then coin).
const REMOVALS: [&str; 4] = [
    "feedback-counter",
    "feedback-coin",
    "blind-counter",
    "blind-coin",
];

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
fn repair_config(r: &mut Reader<'_>, mut c: Config) -> Config {
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
                r.out_of_range(key, value, min, max, used);
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

fn read_actions(r: &mut Reader<'_>, a: &str) -> Option<Vec<Action>> {
    let Some(bytes) = from_base64url(a.trim().trim_end_matches('=')) else {
        r.problems.push(
            "the action log (a=) is not valid base64url; started from the usual first rumor instead".into(),
        );
        return None;
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
                // The engine's stable sort: no sort code of its own in the bundle.
                gossip_engine::scenario::sort_by_round(&mut v);
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
    r: &mut Reader<'_>,
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
        let a = base64url(actions_to_json(&actions).to_compact().as_bytes());
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
        let d = link(&format!("a={}", base64url(b"{not json")));
        assert!(d.problems[0].contains("could not be read"));
    }

    /// Deterministic pseudo-random bytes (xorshift), biased towards the interesting ones.
    fn noise(seed: u64, len: usize, alphabet: &[u8]) -> Vec<u8> {
        let mut x = seed | 1;
        (0..len)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                alphabet[(x % alphabet.len() as u64) as usize]
            })
            .collect()
    }

    #[test]
    fn query_strings_match_form_urlencoded() {
        let alphabet: Vec<u8> = b"%%%++&&==aZ09-_.*~ !\xc3\xa9\xe4\xb8\xadfF"
            .iter()
            .copied()
            .chain(0..=255)
            .collect();
        for seed in 0..3000u64 {
            let bytes = noise(seed, (seed % 40) as usize, &alphabet);
            let text = String::from_utf8_lossy(&bytes);
            let theirs: Vec<(String, String)> = form_urlencoded::parse(text.as_bytes())
                .map(|(k, v)| (k.into_owned(), v.into_owned()))
                .collect();
            assert_eq!(parse_query(&text), theirs, "{text:?}");
            let mut ours = String::new();
            put(&mut ours, "a", &text);
            put(&mut ours, "b", "x y");
            let mut s = form_urlencoded::Serializer::new(String::new());
            s.append_pair("a", &text).append_pair("b", "x y");
            assert_eq!(ours, s.finish(), "{text:?}");
        }
    }

    #[test]
    fn base64url_matches_the_base64_crate() {
        use base64::Engine as _;
        let b64 = base64::engine::general_purpose::URL_SAFE_NO_PAD;
        for seed in 0..3000u64 {
            let bytes = noise(seed, (seed % 23) as usize, &(0..=255).collect::<Vec<u8>>());
            assert_eq!(base64url(&bytes), b64.encode(&bytes));
            assert_eq!(
                from_base64url(&base64url(&bytes)).as_deref(),
                Some(&bytes[..])
            );
            for alphabet in [&b"AQgw_-zZ09=+/ \xc3"[..], b"ABCDEFPQgw_-zZ09"] {
                let text = noise(seed, (seed % 13) as usize, alphabet);
                let text = String::from_utf8_lossy(&text);
                assert_eq!(from_base64url(&text), b64.decode(&*text).ok(), "{text:?}");
            }
        }
    }
}
