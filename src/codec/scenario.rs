//! Scenarios and action logs as JSON, in the engine's serde format: scenario files
//! (download and upload) and the action log of links (`a=`).
//!
//! The format, as the engine's `#[serde(...)]` attributes define it:
//! - `Scenario` = `{v, config, seed, actions, round}`; `actions` and `round` may be absent.
//! - `Config` = `{nodes, fanout, loss, protocol, topology}`; `loss` (0) and `topology`
//!   (complete) may be absent.
//! - `Protocol`, `TopologyConfig`: objects tagged by `kind`, kebab-case variant names, the
//!   variant's fields beside the tag (`{"kind": "membership", "t_fail": 5, ...}`); `sync`
//!   (incremental) and `repair_every` (`null`) may be absent.
//! - `Action` = `{round, cmd, ...}`: the command tagged by `cmd` and flattened beside
//!   `round`; `id`, `content` and `amnesia` may be absent.
//! - `Mode`, `Sync`, `Feedback`, `Decay`: kebab-case strings. `Option`s are written `null`.
//!
//! Unknown fields are ignored, as serde ignores them. Writers put fields in declaration
//! order, as serde does.

use gossip_engine::{
    Action, Command, Config, Decay, Feedback, Mode, Protocol, Removal, Scenario, Sync,
    TopologyConfig,
};

use super::json::{self, Json};
use super::read::{Doc, Members};

// Variant names, indexed like the enums' variants (links use the same names).
pub(crate) const MODES: [&str; 3] = ["push", "pull", "push-pull"];
pub(crate) const SYNCS: [&str; 2] = ["incremental", "full"];
const FEEDBACKS: [&str; 2] = ["feedback", "blind"];
const DECAYS: [&str; 2] = ["counter", "coin"];
const PROTOCOLS: [&str; 3] = ["anti-entropy", "rumor", "membership"];
pub(crate) const TOPOLOGIES: [&str; 8] = [
    "complete",
    "ring",
    "grid",
    "random-regular",
    "erdos-renyi",
    "watts-strogatz",
    "barabasi-albert",
    "hierarchical",
];
const COMMANDS: [&str; 7] = [
    "inject",
    "kill",
    "revive",
    "set-loss",
    "partition",
    "heal",
    "join",
];

// ---------------------------------------------------------------------------------------
// Reading

/// Reads a scenario document (a file the page saved, or the CLI wrote).
pub fn scenario_from_str(text: &str) -> Result<Scenario, String> {
    let doc = json::parse(text)?;
    let mut r = Doc::default();
    let m = r.object(&doc, "scenario");
    let v = r.u32(m, "v");
    let c = r.need(m, "config");
    let config = config(&mut r, c);
    let seed = r.need(m, "seed");
    let seed = r.uint(seed, "seed", u64::MAX);
    let actions = match r.get(m, "actions") {
        None => Vec::new(),
        Some(a) => actions(&mut r, a),
    };
    let round = r.u32_or_zero(m, "round");
    r.finish(Scenario {
        v,
        config,
        seed,
        actions,
        round,
    })
}

/// Reads an action log: a JSON array of actions (the `a=` parameter of links, decoded).
pub fn actions_from_str(text: &str) -> Result<Vec<Action>, String> {
    let doc = json::parse(text)?;
    let mut r = Doc::default();
    let a = actions(&mut r, &doc);
    r.finish(a)
}

fn actions(r: &mut Doc, v: &Json) -> Vec<Action> {
    let items = r.array(v, "actions");
    let mut out = Vec::with_capacity(items.len());
    for a in items {
        out.push(action(r, a));
    }
    out
}

fn config(r: &mut Doc, v: &Json) -> Config {
    let m = r.object(v, "config");
    let nodes = r.u32(m, "nodes");
    let fanout = r.u32(m, "fanout");
    let loss = match r.get(m, "loss") {
        None => 0.0,
        Some(v) => r.float(v, "loss"),
    };
    let p = r.need(m, "protocol");
    let protocol = protocol(r, p);
    let topology = match r.get(m, "topology") {
        None => TopologyConfig::Complete,
        Some(v) => topology(r, v),
    };
    Config {
        nodes,
        fanout,
        loss,
        protocol,
        topology,
    }
}

fn mode(r: &mut Doc, m: &Members) -> Mode {
    [Mode::Push, Mode::Pull, Mode::PushPull][r.variant_field(m, "mode", &MODES)]
}

fn protocol(r: &mut Doc, v: &Json) -> Protocol {
    let m = r.object(v, "protocol");
    match r.variant_field(m, "kind", &PROTOCOLS) {
        0 => {
            let mode = mode(r, m);
            let sync = match r.get(m, "sync") {
                None => Sync::Incremental,
                Some(v) => [Sync::Incremental, Sync::Full][r.variant(v, "sync", &SYNCS)],
            };
            Protocol::AntiEntropy { mode, sync }
        }
        1 => {
            let removal = r.need(m, "removal");
            let rm = r.object(removal, "removal");
            let mode = mode(r, m);
            let feedback =
                [Feedback::Feedback, Feedback::Blind][r.variant_field(rm, "feedback", &FEEDBACKS)];
            let decay = [Decay::Counter, Decay::Coin][r.variant_field(rm, "decay", &DECAYS)];
            let k = r.u32(rm, "k");
            Protocol::Rumor {
                mode,
                removal: Removal { feedback, decay, k },
                repair_every: r.opt_u32(m, "repair_every"),
            }
        }
        _ => Protocol::Membership {
            t_fail: r.u32(m, "t_fail"),
            t_cleanup: r.u32(m, "t_cleanup"),
        },
    }
}

fn topology(r: &mut Doc, v: &Json) -> TopologyConfig {
    let m = r.object(v, "topology");
    match r.variant_field(m, "kind", &TOPOLOGIES) {
        0 => TopologyConfig::Complete,
        1 => TopologyConfig::Ring { k: r.u32(m, "k") },
        2 => TopologyConfig::Grid,
        3 => TopologyConfig::RandomRegular {
            degree: r.u32(m, "degree"),
        },
        4 => TopologyConfig::ErdosRenyi { p: r.f64(m, "p") },
        5 => TopologyConfig::WattsStrogatz {
            k: r.u32(m, "k"),
            beta: r.f64(m, "beta"),
        },
        6 => TopologyConfig::BarabasiAlbert { m: r.u32(m, "m") },
        _ => TopologyConfig::Hierarchical {
            group_size: r.u32(m, "group_size"),
        },
    }
}

fn action(r: &mut Doc, v: &Json) -> Action {
    let m = r.object(v, "action");
    let round = r.u32(m, "round");
    let command = match r.variant_field(m, "cmd", &COMMANDS) {
        0 => Command::Inject {
            node: r.u32(m, "node"),
            id: r.opt_u32(m, "id"),
            content: match r.get(m, "content") {
                None => String::new(),
                Some(v) => r.string(v, "content"),
            },
        },
        1 => Command::Kill {
            node: r.u32(m, "node"),
        },
        2 => Command::Revive {
            node: r.u32(m, "node"),
            amnesia: r.bool_or_false(m, "amnesia"),
        },
        3 => Command::SetLoss {
            loss: r.f64(m, "loss"),
        },
        4 => {
            let groups = r.need(m, "groups");
            let mut out = Vec::new();
            for g in r.array(groups, "groups") {
                let mut nodes = Vec::new();
                for n in r.array(g, "groups") {
                    nodes.push(r.uint(n, "groups", u32::MAX.into()) as u32);
                }
                out.push(nodes);
            }
            Command::Partition { groups: out }
        }
        5 => Command::Heal,
        _ => Command::Join {
            seed: r.u32(m, "seed"),
        },
    };
    Action { round, command }
}

// ---------------------------------------------------------------------------------------
// Writing

fn int(n: u32) -> Json {
    Json::Uint(n.into())
}

fn name(names: &[&str], i: usize) -> Json {
    Json::Str(names[i].to_string())
}

/// `{tag: names[i], ...fields}`: a variant of an internally tagged enum.
fn tagged(
    tag: &'static str,
    names: &[&str],
    i: usize,
    mut fields: Vec<(&'static str, Json)>,
) -> Json {
    fields.insert(0, (tag, name(names, i)));
    Json::obj(fields)
}

/// A scenario document; `.to_pretty()` it for files, as the page always wrote them.
pub fn scenario_to_json(s: &Scenario) -> Json {
    Json::obj(vec![
        ("v", int(s.v)),
        ("config", config_to_json(&s.config)),
        ("seed", Json::Uint(s.seed)),
        ("actions", actions_to_json(&s.actions)),
        ("round", int(s.round)),
    ])
}

/// An action log (a JSON array), as links carry it.
pub fn actions_to_json(actions: &[Action]) -> Json {
    Json::Arr(actions.iter().map(action_to_json).collect())
}

fn config_to_json(c: &Config) -> Json {
    let protocol = match &c.protocol {
        Protocol::AntiEntropy { mode, sync } => tagged(
            "kind",
            &PROTOCOLS,
            0,
            vec![
                ("mode", name(&MODES, *mode as usize)),
                ("sync", name(&SYNCS, *sync as usize)),
            ],
        ),
        Protocol::Rumor {
            mode,
            removal,
            repair_every,
        } => tagged(
            "kind",
            &PROTOCOLS,
            1,
            vec![
                ("mode", name(&MODES, *mode as usize)),
                (
                    "removal",
                    Json::obj(vec![
                        ("feedback", name(&FEEDBACKS, removal.feedback as usize)),
                        ("decay", name(&DECAYS, removal.decay as usize)),
                        ("k", int(removal.k)),
                    ]),
                ),
                ("repair_every", Json::opt_u32(*repair_every)),
            ],
        ),
        Protocol::Membership { t_fail, t_cleanup } => tagged(
            "kind",
            &PROTOCOLS,
            2,
            vec![("t_fail", int(*t_fail)), ("t_cleanup", int(*t_cleanup))],
        ),
    };
    let (i, fields) = match c.topology {
        TopologyConfig::Complete => (0, vec![]),
        TopologyConfig::Ring { k } => (1, vec![("k", int(k))]),
        TopologyConfig::Grid => (2, vec![]),
        TopologyConfig::RandomRegular { degree } => (3, vec![("degree", int(degree))]),
        TopologyConfig::ErdosRenyi { p } => (4, vec![("p", Json::Float(p))]),
        TopologyConfig::WattsStrogatz { k, beta } => {
            (5, vec![("k", int(k)), ("beta", Json::Float(beta))])
        }
        TopologyConfig::BarabasiAlbert { m } => (6, vec![("m", int(m))]),
        TopologyConfig::Hierarchical { group_size } => (7, vec![("group_size", int(group_size))]),
    };
    Json::obj(vec![
        ("nodes", int(c.nodes)),
        ("fanout", int(c.fanout)),
        ("loss", Json::Float(c.loss)),
        ("protocol", protocol),
        ("topology", tagged("kind", &TOPOLOGIES, i, fields)),
    ])
}

fn action_to_json(a: &Action) -> Json {
    let (i, mut fields) = match &a.command {
        Command::Inject { node, id, content } => (
            0,
            vec![
                ("node", int(*node)),
                ("id", Json::opt_u32(*id)),
                ("content", Json::Str(content.clone())),
            ],
        ),
        Command::Kill { node } => (1, vec![("node", int(*node))]),
        Command::Revive { node, amnesia } => (
            2,
            vec![("node", int(*node)), ("amnesia", Json::Bool(*amnesia))],
        ),
        Command::SetLoss { loss } => (3, vec![("loss", Json::Float(*loss))]),
        Command::Partition { groups } => (
            4,
            vec![(
                "groups",
                Json::Arr(
                    groups
                        .iter()
                        .map(|g| Json::Arr(g.iter().map(|&n| int(n)).collect()))
                        .collect(),
                ),
            )],
        ),
        Command::Heal => (5, vec![]),
        Command::Join { seed } => (6, vec![("seed", int(*seed))]),
    };
    // `round`, then the flattened command: its tag, then its fields.
    fields.insert(0, ("cmd", name(&COMMANDS, i)));
    fields.insert(0, ("round", int(a.round)));
    Json::obj(fields)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scenario_document_shape() {
        let mut s = Scenario::new(Config::default(), u64::MAX);
        s.actions.push(Action {
            round: 0,
            command: Command::Inject {
                node: 0,
                id: None,
                content: "hi".into(),
            },
        });
        assert_eq!(
            scenario_to_json(&s).to_compact(),
            concat!(
                r#"{"v":1,"config":{"nodes":50,"fanout":1,"loss":0.0,"#,
                r#""protocol":{"kind":"rumor","mode":"push","removal":{"feedback":"feedback","decay":"counter","k":2},"repair_every":null},"#,
                r#""topology":{"kind":"complete"}},"seed":18446744073709551615,"#,
                r#""actions":[{"round":0,"cmd":"inject","node":0,"id":null,"content":"hi"}],"round":0}"#
            )
        );
        assert_eq!(scenario_from_str(&scenario_to_json(&s).to_pretty()), Ok(s));
    }

    #[test]
    fn errors_are_short_and_named() {
        assert_eq!(
            scenario_from_str(
                r#"{"v":1,"config":{"nodes":5,"fanout":1,"protocol":{"kind":"membership","t_fail":3,"t_cleanup":9}}}"#
            ),
            Err("missing field `seed`".into())
        );
        assert_eq!(
            actions_from_str(r#"[{"round":1,"cmd":"explode"}]"#),
            Err("unknown variant `explode`, expected one of `inject`, `kill`, `revive`, `set-loss`, `partition`, `heal`, `join`".into())
        );
        assert_eq!(
            actions_from_str(r#"[{"round":"1","cmd":"heal"}]"#),
            Err("invalid type: expected an integer for `round`, found a string".into())
        );
        assert_eq!(
            actions_from_str("{not json"),
            Err("key must be a string at line 1 column 2".into())
        );
    }
}
