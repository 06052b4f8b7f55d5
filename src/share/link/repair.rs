//! The nearest valid configuration to what a link asked for.

use gossip_engine::config::MAX_K;
use gossip_engine::{Config, Error, Protocol, TopologyConfig};

use super::problem::Problem;
use super::reader::Reader;
use crate::view::max_ui_nodes;

/// Fixes an invalid configuration field by field (clamping to the allowed range), falling
/// back to the default for anything that cannot be clamped.
pub(super) fn repair_config(r: &mut Reader, mut c: Config) -> Config {
    let max_nodes = max_ui_nodes(&c.protocol);
    if c.nodes > max_nodes || c.nodes < 2 {
        let used = c.nodes.clamp(2, max_nodes);
        r.problems.push(Problem::Nodes {
            nodes: c.nodes,
            max: max_nodes,
            used,
        });
        c.nodes = used;
    }
    // Each pass fixes one field; a config has fewer than a dozen.
    for _ in 0..12 {
        match c.validate() {
            Ok(()) => {
                if matches!(c.protocol, Protocol::Membership { .. })
                    && c.topology != TopologyConfig::Complete
                {
                    r.problems.push(Problem::MembershipTopology);
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
                let used = value.clamp(min, max);
                r.problems.push(Problem::OutOfRange {
                    key: link_key(&c, field),
                    value,
                    min,
                    max,
                    used,
                });
                if !set_field(&mut c, field, used) {
                    break;
                }
            }
            Err(e) => {
                r.problems.push(Problem::Topology(e));
                c.topology = TopologyConfig::Complete;
            }
        }
    }
    if c.validate().is_ok() {
        return c;
    }
    r.problems.push(Problem::Unrepairable);
    Config::default()
}

/// The link parameter that sets the engine's field `field`.
fn link_key(c: &Config, field: &'static str) -> &'static str {
    match field {
        "nodes" => "n",
        "repair_every" => "repair",
        "group_size" => "group",
        "tick_ms" => "tick",
        "interval" => "every",
        "latency_ms" => "latency",
        "k" if !rumor_k_is_wrong(c) => "ring_k",
        f => f,
    }
}

/// Whether the engine's "k" error is the rumor's loss-of-interest k (checked before the
/// ring's k, which has the same name).
fn rumor_k_is_wrong(c: &Config) -> bool {
    matches!(&c.protocol, Protocol::Rumor { removal, .. } if !(1..=MAX_K).contains(&removal.k))
}

/// Sets one numeric field by its engine name; false if there is no such field.
fn set_field(c: &mut Config, field: &str, v: f64) -> bool {
    let u = v.round() as u32;
    match (field, &mut c.protocol, &mut c.topology) {
        ("nodes", ..) => c.nodes = u,
        ("fanout", ..) => c.fanout = u,
        ("loss", ..) => c.loss = v,
        // The engine names both the rumor's k and the ring's k "k"; it checks the rumor's first.
        ("k", Protocol::Rumor { removal, .. }, _) if !(1..=MAX_K).contains(&removal.k) => {
            removal.k = u;
        }
        ("repair_every", Protocol::Rumor { repair_every, .. }, _) => *repair_every = Some(u),
        ("t_fail", Protocol::Membership { t_fail, .. }, _) => *t_fail = u,
        ("t_cleanup", Protocol::Membership { t_cleanup, .. }, _) => *t_cleanup = u,
        ("k", _, TopologyConfig::Ring { k } | TopologyConfig::WattsStrogatz { k, .. }) => *k = u,
        ("degree", _, TopologyConfig::RandomRegular { degree }) => *degree = u,
        ("p", _, TopologyConfig::ErdosRenyi { p }) => *p = v,
        ("beta", _, TopologyConfig::WattsStrogatz { beta, .. }) => *beta = v,
        ("m", _, TopologyConfig::BarabasiAlbert { m }) => *m = u,
        ("group_size", _, TopologyConfig::Hierarchical { group_size }) => *group_size = u,
        ("tick_ms" | "interval" | "latency_ms", ..) => {
            let Some(t) = &mut c.time else { return false };
            match field {
                "tick_ms" => t.tick_ms = u,
                "interval" => t.interval = u,
                _ => t.latency.mean_ms = v,
            }
        }
        _ => return false,
    }
    true
}
