//! Reading a link: every parameter typed, every problem named, nothing refused outright.

use gossip_engine::{
    Config, Mode, Protocol, ProtocolKind, Removal, RemovalKind, Scenario, Sync, TopologyConfig,
    TopologyKind,
};

use super::problem::{Expected, Problem, Used};
use super::reader::{Reader, used};
use super::repair::repair_config;
use super::replay::{default_actions, read_actions, replay_check};
use super::{Controls, Decoded, LINK_VERSION, Link, MAX_LINK, MAX_REPLAY_WORK, Options, Theme};
use crate::lang::Lang;
use crate::view::{MAX_SPEED, MAX_UI_ROUNDS, MIN_SPEED, View};
use gossip_engine::round_time::RoundTime;
use gossip_engine::time::Latency;

/// Parameters this build reads.
pub const KNOWN: [&str; 36] = [
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
    "tick",
    "every",
    "latency",
    "dist",
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

/// Decodes a link's pairs: a fragment (`#v=2&…`), a query string (`?v=1&…`) or the bare
/// pairs. `lessons` is how many lessons the page has, for `lesson=`.
pub fn decode(link: &str, lessons: usize) -> Decoded {
    let mut problems = Vec::new();
    let mut text = link
        .strip_prefix('#')
        .or_else(|| link.strip_prefix('?'))
        .unwrap_or(link);
    if text.len() > MAX_LINK {
        let mut cut = MAX_LINK;
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        text = &text[..cut];
        problems.push(Problem::TooLong { max: MAX_LINK });
    }
    let pairs: Vec<(String, String)> = form_urlencoded::parse(text.as_bytes())
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    let r = &mut Reader { pairs, problems };

    let unknown: Vec<String> = r
        .pairs
        .iter()
        .map(|(k, _)| k)
        .filter(|k| !k.is_empty() && !KNOWN.contains(&k.as_str()) && !k.starts_with("utm_"))
        .cloned()
        .collect();
    r.problems.extend(
        unknown
            .into_iter()
            .map(|key| Problem::UnknownParameter { key }),
    );
    if let Some(v) = r.value("v") {
        match v.trim().parse::<u32>() {
            Ok(1..=LINK_VERSION) => {}
            Ok(version) if version > LINK_VERSION => r.problems.push(Problem::NewerVersion {
                version,
                ours: LINK_VERSION,
            }),
            _ => r.bad("v", &v, Expected::LinkVersion, used(LINK_VERSION)),
        }
    }

    let written = read_config(r);
    let config = repair_config(r, written);
    let seed = match r.value("seed") {
        None => 42,
        Some(v) => v.trim().parse::<u64>().unwrap_or_else(|_| {
            r.bad("seed", &v, Expected::WholeNumber, used(42));
            42
        }),
    };
    let mut round = r.uint("round", 0);
    let work_limit =
        (MAX_REPLAY_WORK / u64::from(config.nodes.max(1))).min(u64::from(MAX_UI_ROUNDS)) as u32;
    let actions = match r.value("a") {
        None => None,
        Some(a) => read_actions(r, &a),
    };
    // A link with no action log gets the playground's usual first rumor (except membership).
    let actions = actions.unwrap_or_else(|| default_actions(&config));
    let (actions, limit) = replay_check(r, &config, seed, actions, work_limit);
    if round > limit {
        r.problems.push(Problem::RoundTooFar {
            round,
            nodes: config.nodes,
            limit,
        });
        round = limit;
    }

    let view = View {
        message: r.uint_opt("msg", 0),
        selected: r.uint_opt("sel", 0),
        subject: r.uint_opt("follow", 0),
        speed: r.float_opt("speed", 2.0).map(|s| {
            let clamped = s.clamp(MIN_SPEED, MAX_SPEED);
            if clamped != s {
                r.problems.push(Problem::OutOfRange {
                    key: "speed",
                    value: s,
                    min: MIN_SPEED,
                    max: MAX_SPEED,
                    used: clamped,
                });
            }
            clamped
        }),
        playing: r.flag("autoplay"),
    };
    let options = read_options(r, lessons);
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

/// The configuration as written, before [`repair_config`] checks it.
fn read_config(r: &mut Reader) -> Config {
    let def = Config::default();
    let nodes = r.uint("n", def.nodes);
    let fanout = r.uint("fanout", def.fanout);
    let loss = r.float("loss", 0.0);
    let mode = r
        .named("mode", Expected::Mode, Mode::Push)
        .unwrap_or(Mode::Push);
    let k = r.uint("k", 2);
    let removal = r
        .named("removal", Expected::Removal, RemovalKind::FeedbackCounter)
        .unwrap_or(RemovalKind::FeedbackCounter);
    let removal = Removal::new(removal, k);
    let protocol = match r.named("protocol", Expected::Protocol, ProtocolKind::Rumor) {
        Some(ProtocolKind::Rumor) => Protocol::Rumor {
            mode,
            removal,
            repair_every: None,
        },
        Some(ProtocolKind::Hybrid) => Protocol::Rumor {
            mode,
            removal,
            repair_every: Some(r.uint("repair", 10)),
        },
        Some(ProtocolKind::AntiEntropy) => Protocol::AntiEntropy {
            mode,
            sync: r
                .named("sync", Expected::Sync, Sync::Incremental)
                .unwrap_or(Sync::Incremental),
        },
        Some(ProtocolKind::Membership) => Protocol::Membership {
            t_fail: r.uint("t_fail", 6),
            t_cleanup: r.uint("t_cleanup", 12),
        },
        None => def.protocol.clone(),
    };
    let ring_k = r.uint("ring_k", 2);
    let topology = match r
        .named("topology", Expected::Topology, TopologyKind::Complete)
        .unwrap_or(TopologyKind::Complete)
    {
        TopologyKind::Complete => TopologyConfig::Complete,
        TopologyKind::Ring => TopologyConfig::Ring { k: ring_k },
        TopologyKind::Grid => TopologyConfig::Grid,
        TopologyKind::RandomRegular => TopologyConfig::RandomRegular {
            degree: r.uint("degree", 4),
        },
        TopologyKind::ErdosRenyi => TopologyConfig::ErdosRenyi {
            p: r.float("p", 0.08),
        },
        TopologyKind::WattsStrogatz => TopologyConfig::WattsStrogatz {
            k: ring_k,
            beta: r.float("beta", 0.2),
        },
        TopologyKind::BarabasiAlbert => TopologyConfig::BarabasiAlbert { m: r.uint("m", 2) },
        TopologyKind::Hierarchical => TopologyConfig::Hierarchical {
            group_size: r.uint("group", 10),
        },
    };
    Config {
        nodes,
        fanout,
        loss,
        protocol,
        topology,
        time: read_time(r),
    }
}

/// The time model: present when any of its parameters is, each defaulting to the engine's
/// (`RoundTime::default`).
fn read_time(r: &mut Reader) -> Option<RoundTime> {
    let keys = ["tick", "every", "latency", "dist"];
    if !keys.iter().any(|k| r.get(k).is_some()) {
        return None;
    }
    let d = RoundTime::default();
    Some(RoundTime {
        tick_ms: r.uint("tick", d.tick_ms),
        interval: r.uint("every", d.interval),
        latency: Latency {
            dist: r
                .named("dist", Expected::LatencyDist, d.latency.dist)
                .unwrap_or(d.latency.dist),
            mean_ms: r.float("latency", d.latency.mean_ms),
        },
    })
}

/// The page options: lesson, embed, controls, theme, language.
fn read_options(r: &mut Reader, lessons: usize) -> Options {
    let lesson = r
        .value("lesson")
        .and_then(|v| match v.trim().parse::<usize>() {
            Ok(n) if (1..=lessons).contains(&n) => Some(n - 1),
            _ => {
                r.problems.push(Problem::NoSuchLesson {
                    value: v,
                    count: lessons,
                });
                None
            }
        });
    let embed = r.flag("embed");
    let controls = [Controls::Minimal, Controls::None, Controls::Full][r
        .choice(
            "controls",
            &["minimal", "none", "full"],
            Expected::Controls,
            used("minimal"),
        )
        .unwrap_or(0)];
    let theme = match r.choice(
        "theme",
        &["auto", "light", "dark"],
        Expected::Theme,
        Used::SystemTheme,
    ) {
        Some(1) => Some(Theme::Light),
        Some(2) => Some(Theme::Dark),
        _ => None,
    };
    let lang = r.value("lang").and_then(|v| {
        let l = Lang::parse(&v);
        if l.is_none() {
            r.bad("lang", &v, Expected::Lang, Used::BrowserLanguage);
        }
        l
    });
    Options {
        embed,
        controls,
        theme,
        lang,
        lesson,
    }
}
