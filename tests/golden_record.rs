//! One-off recorder of the golden files in `tests/golden/` (issue #9): run on `main` at
//! 2232940, before the move to serde and fragment links, with
//! `GOLDEN_RECORD=1 cargo test --test golden_record -- --ignored`.
//! It uses the hand-written codec that the move removes, so it is deleted afterwards; the
//! files it wrote are what `tests/golden.rs` holds every later build to.
#![cfg(not(target_arch = "wasm32"))]

use gossip_engine::{
    Action, Command, Config, Decay, Feedback, Mode, Protocol, Removal, Scenario, Simulation, Sync,
    Timeline, TopologyConfig, trace::trace_hash,
};
use gossip_playground::codec::scenario::scenario_to_json;
use gossip_playground::embed::{HostMessage, RoundNews};
use gossip_playground::i18n::Lang;
use gossip_playground::share::export::{stats_csv, stats_json};
use gossip_playground::share::link::{Controls, Decoded, Options, Theme, decode, encode};
use gossip_playground::state::{AppState, View};
use serde_json::{Value, json};

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn chance(&mut self, p: f64) -> bool {
        ((self.next() >> 11) as f64 / ((1u64 << 53) as f64)) < p
    }
    fn pick<T: Clone>(&mut self, v: &[T]) -> T {
        v[self.below(v.len() as u64) as usize].clone()
    }
}

const CONTENTS: [&str; 8] = [
    "hello",
    "news",
    "a b&c=d%e+f",
    "名字 ünïcödé",
    "quote\"back\\slash",
    "emoji 🎉 & more",
    "",
    "<script>alert(1)</script>",
];

fn config(rng: &mut Rng, i: usize) -> Config {
    let mode = rng.pick(&[Mode::Push, Mode::Pull, Mode::PushPull]);
    let removal = Removal {
        feedback: rng.pick(&[Feedback::Feedback, Feedback::Blind]),
        decay: rng.pick(&[Decay::Counter, Decay::Coin]),
        k: 1 + rng.below(4) as u32,
    };
    let protocol = match i % 4 {
        0 => Protocol::Rumor {
            mode,
            removal,
            repair_every: None,
        },
        1 => Protocol::Rumor {
            mode,
            removal,
            repair_every: Some(2 + rng.below(9) as u32),
        },
        2 => Protocol::AntiEntropy {
            mode,
            sync: rng.pick(&[Sync::Incremental, Sync::Full]),
        },
        _ => {
            let t_fail = 2 + rng.below(7) as u32;
            Protocol::Membership {
                t_fail,
                t_cleanup: t_fail + 1 + rng.below(10) as u32,
            }
        }
    };
    let topology = if i % 4 == 3 {
        TopologyConfig::Complete
    } else {
        match (i / 4) % 8 {
            0 => TopologyConfig::Complete,
            1 => TopologyConfig::Ring {
                k: 1 + rng.below(3) as u32,
            },
            2 => TopologyConfig::Grid,
            3 => TopologyConfig::RandomRegular {
                degree: 3 + rng.below(4) as u32,
            },
            4 => TopologyConfig::ErdosRenyi {
                p: rng.pick(&[0.05, 0.1, 0.2, 0.3]),
            },
            5 => TopologyConfig::WattsStrogatz {
                k: 1 + rng.below(3) as u32,
                beta: rng.pick(&[0.0, 0.1, 0.25, 0.5]),
            },
            6 => TopologyConfig::BarabasiAlbert {
                m: 1 + rng.below(3) as u32,
            },
            _ => TopologyConfig::Hierarchical {
                group_size: 3 + rng.below(8) as u32,
            },
        }
    };
    let nodes = if i % 4 == 3 {
        5 + rng.below(40) as u32
    } else {
        10 + rng.below(110) as u32
    };
    let mut c = Config {
        nodes,
        fanout: 1 + rng.below(3) as u32,
        loss: rng.pick(&[0.0, 0.0, 0.05, 0.1, 0.25]),
        protocol,
        topology,
    };
    if c.validate().is_err() {
        c.fanout = 1;
    }
    for _ in 0..4 {
        if Simulation::new(c.clone(), 0).is_ok() {
            break;
        }
        c.nodes += 1;
    }
    c
}

fn actions(rng: &mut Rng, c: &Config, seed: u64, rounds: u32) -> Vec<Action> {
    let Ok(mut sim) = Simulation::new(c.clone(), seed) else {
        return Vec::new();
    };
    let membership = matches!(c.protocol, Protocol::Membership { .. });
    let mut log = Vec::new();
    for round in 0..rounds {
        let tries = if round == 0 { 2 } else { rng.below(3) };
        for _ in 0..tries {
            if round > 0 && !rng.chance(0.35) {
                continue;
            }
            let n = sim.nodes();
            let node = rng.below(u64::from(n)) as u32;
            let ids = sim.message_ids().count() as u64;
            let cmd = match rng.below(9) {
                0 | 1 if !membership => Command::Inject {
                    node,
                    id: (ids > 0 && rng.chance(0.3)).then(|| rng.below(ids) as u32),
                    content: rng.pick(&CONTENTS).to_string(),
                },
                2 => Command::Kill { node },
                3 => {
                    let dead: Vec<u32> = (0..n).filter(|&x| !sim.is_alive(x)).collect();
                    if dead.is_empty() {
                        continue;
                    }
                    Command::Revive {
                        node: rng.pick(&dead),
                        amnesia: rng.chance(0.5),
                    }
                }
                4 => Command::SetLoss {
                    loss: rng.pick(&[0.0, 0.1, 0.2, 0.333, 0.5]),
                },
                5 => {
                    let cut = 1 + rng.below(u64::from(n - 1)) as u32;
                    let mut groups = vec![(0..cut).collect::<Vec<u32>>()];
                    if rng.chance(0.5) {
                        groups.push((cut..n).collect());
                    }
                    Command::Partition { groups }
                }
                6 => Command::Heal,
                7 => Command::Join { seed: node },
                _ => continue,
            };
            if sim.apply(&cmd).is_ok() {
                log.push(Action {
                    round,
                    command: cmd,
                });
            }
        }
        sim.step();
    }
    log
}

fn view_options(rng: &mut Rng, messages: u32, nodes: u32) -> (View, Options) {
    let view = View {
        message: (messages > 0 && rng.chance(0.5)).then(|| rng.below(messages.into()) as u32),
        selected: rng.chance(0.3).then(|| rng.below(nodes.into()) as u32),
        subject: rng.chance(0.2).then(|| rng.below(nodes.into()) as u32),
        speed: rng
            .chance(0.4)
            .then(|| rng.pick(&[0.25, 0.5, 1.0, 2.0, 3.5, 10.0])),
        playing: rng.chance(0.2),
    };
    let options = Options {
        embed: rng.chance(0.25),
        controls: rng.pick(&[Controls::None, Controls::Minimal, Controls::Full]),
        theme: rng.pick(&[None, Some(Theme::Light), Some(Theme::Dark)]),
        lang: rng.pick(&[None, Some(Lang::En), Some(Lang::Zh)]),
        lesson: rng.chance(0.15).then(|| rng.below(9) as usize),
    };
    (view, options)
}

fn counts_json(c: Option<gossip_engine::StateCounts>) -> Value {
    c.map_or(
        Value::Null,
        |c| json!({"unaware": c.unaware, "fresh": c.fresh, "stale": c.stale, "dead": c.dead}),
    )
}

/// What a decoded link opens: the scenario in the engine's serde form, the view, the options,
/// the problems, and the round, counts and trace hash its replay gives.
fn opened(query: &str, d: &Decoded) -> Value {
    let s = &d.link.scenario;
    let v = &d.link.view;
    let o = &d.link.options;
    let t = Timeline::from_scenario(s).expect("a decoded link replays");
    let message = v.message.unwrap_or(0);
    json!({
        "query": query,
        "scenario": serde_json::to_value(s).expect("serialises"),
        "view": {"message": v.message, "selected": v.selected, "subject": v.subject,
                 "speed": v.speed, "playing": v.playing},
        "options": {"embed": o.embed, "controls": format!("{:?}", o.controls).to_lowercase(),
                    "theme": o.theme.map(|t| format!("{t:?}").to_lowercase()),
                    "lang": o.lang.map(|l| format!("{l:?}").to_lowercase()),
                    "lesson": o.lesson},
        "problems": d.problems,
        "round": t.round(),
        "counts": counts_json(t.sim().counts(message)),
        "trace": format!("{:016x}", trace_hash(s).expect("replays")),
    })
}

fn write(name: &str, v: &Value) {
    let path = format!("{}/tests/golden/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::create_dir_all(format!("{}/tests/golden", env!("CARGO_MANIFEST_DIR"))).unwrap();
    std::fs::write(&path, serde_json::to_string_pretty(v).unwrap() + "\n").unwrap();
}

fn mutate(rng: &mut Rng, q: &str) -> String {
    let chars: Vec<char> = q.chars().collect();
    match rng.below(7) {
        0 => chars[..rng.below(chars.len() as u64) as usize]
            .iter()
            .collect(),
        1 => {
            let mut c = chars.clone();
            let at = rng.below(c.len() as u64) as usize;
            c[at] = rng.pick(&['%', '&', '=', 'Z', '9', '-', '\u{e9}', '+']);
            c.into_iter().collect()
        }
        2 => format!(
            "{q}&{}",
            rng.pick(&[
                "bogus=1",
                "n=999999",
                "fanout=0",
                "loss=2",
                "seed=-1",
                "round=99999999",
                "topology=moebius",
                "protocol=raft",
                "speed=1e9",
                "lang=fr",
                "theme=pink",
                "controls=some",
                "lesson=42",
                "a=%%%",
                "v=7",
                "v=x",
                "k=0",
                "p=nan",
                "beta=-1",
                "msg=x"
            ])
        ),
        3 => q.replace("n=", "n=0"),
        4 => q.replace("a=", "a=Q"),
        5 => q.replace('&', "&&"),
        _ => q.replace("seed=", "seed=x"),
    }
}

#[test]
#[ignore = "records the golden files once; see the file's header"]
fn record() {
    if std::env::var_os("GOLDEN_RECORD").is_none() {
        return;
    }
    let mut rng = Rng(0x0601_de2f_11e5);

    // Links: the stored ones, generated ones (every protocol, topology and action kind),
    // hand-written edge cases, and mutations of the generated ones.
    #[derive(serde::Deserialize)]
    struct Stored {
        query: String,
    }
    let stored: Vec<Stored> = serde_json::from_str(include_str!("links.json")).unwrap();
    let mut queries: Vec<String> = stored.into_iter().map(|s| s.query).collect();
    let mut scenarios = Vec::new();
    for i in 0..256 {
        let c = config(&mut rng, i);
        let seed = if rng.chance(0.1) {
            u64::MAX - rng.below(1000)
        } else {
            rng.below(100_000)
        };
        let rounds = rng.below(30) as u32;
        let mut s = Scenario::new(c.clone(), seed);
        s.actions = actions(&mut rng, &c, seed, rounds.max(1));
        s.round = rounds;
        let messages = s
            .actions
            .iter()
            .filter(|a| matches!(a.command, Command::Inject { id: None, .. }))
            .count() as u32;
        let (view, options) = view_options(&mut rng, messages, c.nodes);
        queries.push(encode(&s, &view, &options));
        scenarios.push(s);
    }
    for q in [
        "",
        "?",
        "n=50&seed=42",
        "?v=1&n=50&fanout=3&protocol=rumor&seed=42&round=7",
        "n=10&fanout=10",
        "n=1",
        "n=100000000",
        "protocol=membership&n=2000",
        "protocol=membership&topology=ring",
        "protocol=anti-entropy&mode=sideways",
        "loss=1.5",
        "loss=-0.1",
        "loss=abc",
        "seed=18446744073709551615",
        "seed=18446744073709551616",
        "round=4294967296",
        "a=W10",
        "a=!!!!",
        "a=e30",
        "utm_source=x&n=20",
        "speed=0.001",
        "speed=1000",
        "autoplay=1&embed=1&controls=none",
        "lang=zh&theme=dark&lesson=3",
        "topology=hierarchical&group=1",
        "topology=erdos-renyi&p=0",
        "topology=watts-strogatz&ring_k=40&n=20",
        "%ZZ=1&n=%31%30",
        "n=+20",
        "n=20&n=30",
    ] {
        queries.push(q.to_string());
    }
    let generated: Vec<String> = queries.clone();
    for q in generated.iter().skip(20).step_by(4).take(64) {
        let m = mutate(&mut rng, q);
        queries.push(m);
    }
    let links: Vec<Value> = queries.iter().map(|q| opened(q, &decode(q))).collect();
    write("links.json", &Value::Array(links));

    // Scenario files, as the Share dialog's "Download JSON" writes them, and what they open.
    let files: Vec<Value> = scenarios
        .iter()
        .step_by(4)
        .map(|s| {
            let text = scenario_to_json(s).to_pretty();
            let t = Timeline::from_scenario(s).expect("replays");
            json!({
                "file": text,
                "scenario": serde_json::to_value(s).unwrap(),
                "round": t.round(),
                "counts": counts_json(t.sim().counts(0)),
                "trace": format!("{:016x}", trace_hash(s).expect("replays")),
            })
        })
        .collect();
    write("scenario-files.json", &Value::Array(files));

    // Statistics exports (CSV and JSON) of a few runs.
    let exports: Vec<Value> = scenarios
        .iter()
        .step_by(32)
        .map(|s| {
            let t = Timeline::from_scenario(s).expect("replays");
            json!({
                "scenario": serde_json::to_value(s).unwrap(),
                "message": 0,
                "csv": stats_csv(t.history(), Some(0)),
                "json": stats_json(s, t.history()),
            })
        })
        .collect();
    write("exports.json", &Value::Array(exports));

    // Embed messages: what the host may send (parsed, or refused), and what the player says.
    let incoming = [
        r#"{"type":"gossip:step"}"#,
        r#"{"type":"gossip:back"}"#,
        r#"{"type":"gossip:play"}"#,
        r#"{"type":"gossip:pause"}"#,
        r#"{"type":"gossip:seek","round":7}"#,
        r#"{"type":"gossip:seek","round":0}"#,
        r#"{"type":"gossip:seek","round":4294967295}"#,
        r#"{"type":"gossip:inject","node":3}"#,
        r#"{"type":"gossip:inject","node":3,"value":"breaking news"}"#,
        r#"{"type":"gossip:inject","node":3,"value":null}"#,
        r#"{"type":"gossip:kill","node":4}"#,
        r#"{"type":"gossip:revive","node":4}"#,
        r#"{"type":"gossip:revive","node":4,"amnesia":true}"#,
        r#"{"type":"gossip:revive","node":4,"amnesia":false}"#,
        r#"{"type":"gossip:select","node":12}"#,
        r#"{"type":"gossip:load","link":"n=40&seed=11"}"#,
        r#"{"round":7,"type":"gossip:seek"}"#,
        r#"{"type":"gossip:seek","round":-1}"#,
        r#"{"type":"gossip:seek","round":1.5}"#,
        r#"{"type":"gossip:seek","round":"7"}"#,
        r#"{"type":"gossip:seek","round":4294967296}"#,
        r#"{"type":"gossip:seek"}"#,
        r#"{"type":"gossip:kill","node":"x"}"#,
        r#"{"type":"gossip:kill"}"#,
        r#"{"type":"gossip:revive","node":4,"amnesia":1}"#,
        r#"{"type":"gossip:explode"}"#,
        r#"{"type":"gossip:step","extra":1}"#,
        r#"{"type":"gossip:load"}"#,
        r#"{"type":"gossip:load","link":5}"#,
        r#"{"type":"gossip:inject","node":3,"value":7}"#,
        r#"{"type":7}"#,
        r#"{}"#,
        r#"[]"#,
        r#""hello""#,
        "null",
        "",
        "{",
        r#"{"type":"gossip:step"} x"#,
    ];
    let parsed: Vec<Value> = incoming
        .iter()
        .map(|m| match HostMessage::parse(m) {
            Ok(h) => json!({"message": m, "parsed": format!("{h:?}")}),
            Err(_) => json!({"message": m, "parsed": null}),
        })
        .collect();
    let st = AppState::initial();
    let news: Vec<Value> = ["gossip:ready", "gossip:round"]
        .iter()
        .map(|k| {
            let text = RoundNews::of(&st, k).to_json().to_compact();
            serde_json::from_str::<Value>(&text).unwrap()
        })
        .collect();
    write("embed.json", &json!({"incoming": parsed, "outgoing": news}));
}
