//! The serde form of [`TopologyConfig`]: `{"kind": "ring", "k": 3}`.
//!
//! Read through a flat struct rather than serde's internally tagged enum, which buffers every
//! document and derives a visitor per variant: that code weighed 13 KB of the page's
//! WebAssembly. Serialising stays derived; the JSON is the same both ways.

use serde::Deserialize;

use super::{TopologyConfig, TopologyKind};
use crate::config_form::need;
use crate::names::Named;

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
        let kind = TopologyKind::from_name(&f.kind).map_err(|e| e.to_string())?;
        Ok(match kind {
            TopologyKind::Complete => TopologyConfig::Complete,
            TopologyKind::Ring => TopologyConfig::Ring { k: need(f.k, "k")? },
            TopologyKind::Grid => TopologyConfig::Grid,
            TopologyKind::RandomRegular => TopologyConfig::RandomRegular {
                degree: need(f.degree, "degree")?,
            },
            TopologyKind::ErdosRenyi => TopologyConfig::ErdosRenyi { p: need(f.p, "p")? },
            TopologyKind::WattsStrogatz => TopologyConfig::WattsStrogatz {
                k: need(f.k, "k")?,
                beta: need(f.beta, "beta")?,
            },
            TopologyKind::BarabasiAlbert => TopologyConfig::BarabasiAlbert { m: need(f.m, "m")? },
            TopologyKind::Hierarchical => TopologyConfig::Hierarchical {
                group_size: need(f.group_size, "group_size")?,
            },
        })
    }
}
