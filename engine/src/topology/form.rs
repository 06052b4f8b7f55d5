//! The serde form of [`TopologyConfig`]: `{"kind": "ring", "k": 3}`.
//!
//! Read through a flat struct rather than serde's internally tagged enum, which buffers every
//! document and derives a visitor per variant: that code weighed 13 KB of the page's
//! WebAssembly. Serialising stays derived; the JSON is the same both ways.

use serde::Deserialize;

use super::TopologyConfig;
use crate::form::need;

/// Every field any topology takes; `kind` says which of them are read.
#[derive(Deserialize)]
pub(super) struct TopologyForm {
    kind: String,
    k: Option<u32>,
    degree: Option<u32>,
    p: Option<f64>,
    beta: Option<f64>,
    m: Option<u32>,
    group_size: Option<u32>,
}

impl TryFrom<TopologyForm> for TopologyConfig {
    type Error = String;

    /// The topology `kind` names, with its parameters; a missing one is refused as serde
    /// would ("missing field `k`"). A field of another kind must still have its type, and
    /// `null` reads as absent (see [`crate::command_form`]).
    fn try_from(f: TopologyForm) -> Result<Self, String> {
        Ok(match f.kind.as_str() {
            "complete" => TopologyConfig::Complete,
            "ring" => TopologyConfig::Ring { k: need(f.k, "k")? },
            "grid" => TopologyConfig::Grid,
            "random-regular" => TopologyConfig::RandomRegular {
                degree: need(f.degree, "degree")?,
            },
            "erdos-renyi" => TopologyConfig::ErdosRenyi { p: need(f.p, "p")? },
            "watts-strogatz" => TopologyConfig::WattsStrogatz {
                k: need(f.k, "k")?,
                beta: need(f.beta, "beta")?,
            },
            "barabasi-albert" => TopologyConfig::BarabasiAlbert { m: need(f.m, "m")? },
            "hierarchical" => TopologyConfig::Hierarchical {
                group_size: need(f.group_size, "group_size")?,
            },
            other => {
                return Err(format!(
                    "unknown variant `{other}`, expected one of `complete`, `ring`, `grid`, \
                     `random-regular`, `erdos-renyi`, `watts-strogatz`, `barabasi-albert`, \
                     `hierarchical`"
                ));
            }
        })
    }
}
