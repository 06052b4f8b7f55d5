//! A Dynamo run's parameters, with the `dynamo` preset.
//!
//! Each default cites the paper section it comes from (DeCandia et al. 2007) or says that
//! the paper gives none and the simulator chose it; see docs/research/cassandra-redis-dynamo.md
//! §3.

use crate::dynamo::merkle::{MAX_DEPTH, MerkleSizes};
use crate::error::{Result, check_range};
use crate::names::Named;
use crate::time::{Latency, Ticks};

/// Largest cluster a Dynamo run accepts: every node holds every member's entry and a replica
/// of the shared key range, and §6.6 notes the full routing table stops scaling beyond a few
/// hundred nodes anyway.
pub const MAX_DYNAMO_NODES: u32 = 2_000;

/// Most keys in the simulated key range.
pub const MAX_DYNAMO_KEYS: u32 = 100_000;

/// A named set of defaults.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
pub enum DynamoPreset {
    /// Dynamo as the SOSP 2007 paper describes it: one random peer every second, seeds,
    /// local failure detection, Merkle anti-entropy.
    Dynamo,
}

impl Named for DynamoPreset {
    const FIELD: &'static str = "preset";
    const ALL: &'static [Self] = &[DynamoPreset::Dynamo];
    fn as_str(self) -> &'static str {
        "dynamo"
    }
    fn describe(self) -> &'static str {
        "Amazon Dynamo (SOSP 2007): gossip to one random peer every 1 s, seeds, local failure detection, Merkle anti-entropy"
    }
}

/// The parameters of a Dynamo run.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct DynamoConfig {
    /// Nodes at the start (more may join).
    pub nodes: u32,
    /// Seeds: nodes `0..seeds`, known to every node (§4.8.2). The paper gives no count; 3,
    /// as commonly advised for Cassandra, Dynamo's descendant.
    pub seeds: u32,
    /// Gossip period: "each node contacts a peer chosen at random every second" (§4.8.1).
    pub interval_ms: u32,
    /// How long a caller waits for the answer before it holds the peer unreachable (§4.8.3:
    /// "B does not respond to A's messages"). The paper gives no value; 1000 ms, one period.
    pub timeout_ms: u32,
    /// Tokens (virtual nodes) per node, reconciled with membership (§4.8.1; §4.2 virtual
    /// nodes). The paper gives no production count; 8.
    pub tokens: u32,
    /// Keys in the key range every node replicates, synced by Merkle trees (§4.7). A
    /// simulator's choice: 1000.
    pub keys: u32,
    /// Merkle tree depth (2^depth leaves). The paper gives none; 10 (1024 leaves), research
    /// §3.5's example.
    pub merkle_depth: u32,
    /// Writes per second to the key range, each on one random running node, which the
    /// anti-entropy then spreads. A simulator's choice: 5.
    pub writes_per_s: f64,
    /// Wire sizes of the Merkle exchange (research §3.4, §3.5).
    pub sizes: MerkleSizes,
    /// Milliseconds per tick (the simulation's resolution, not Dynamo's).
    pub tick_ms: u32,
    /// One-way latency.
    pub latency: Latency,
    /// Random loss on every message.
    pub loss: f64,
}

impl DynamoConfig {
    /// The preset's defaults for `nodes` nodes, on a 100 ms tick and a 1 ms LAN.
    pub fn preset(preset: DynamoPreset, nodes: u32) -> Self {
        match preset {
            DynamoPreset::Dynamo => DynamoConfig {
                nodes,
                seeds: 3.min(nodes),
                interval_ms: 1000,
                timeout_ms: 1000,
                tokens: 8,
                keys: 1000,
                merkle_depth: 10,
                writes_per_s: 5.0,
                sizes: MerkleSizes::default(),
                tick_ms: 100,
                latency: Latency::LAN,
                loss: 0.0,
            },
        }
    }

    /// The tick.
    pub fn ticks(&self) -> Ticks {
        Ticks {
            tick_ms: self.tick_ms.max(1),
        }
    }

    /// The gossip period in ticks.
    pub fn interval_ticks(&self) -> u32 {
        self.ticks().interval(self.interval_ms)
    }

    /// The answer timeout in ticks.
    pub fn timeout_ticks(&self) -> u32 {
        self.ticks().interval(self.timeout_ms)
    }

    /// Checks every field.
    pub fn validate(&self) -> Result<()> {
        check_range("nodes", self.nodes, 1, MAX_DYNAMO_NODES)?;
        check_range("seeds", self.seeds, 0, self.nodes)?;
        check_range("interval_ms", self.interval_ms, 1, 600_000)?;
        check_range("timeout_ms", self.timeout_ms, 1, 600_000)?;
        check_range("tokens", self.tokens, 1, 256)?;
        check_range("keys", self.keys, 0, MAX_DYNAMO_KEYS)?;
        check_range("merkle_depth", self.merkle_depth, 0, MAX_DEPTH)?;
        check_range("writes_per_s", self.writes_per_s, 0.0, 100_000.0)?;
        Ticks::new(self.tick_ms)?;
        self.latency.validate()?;
        check_range("loss", self.loss, 0.0, 1.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_preset_is_valid_and_checked() {
        let c = DynamoConfig::preset(DynamoPreset::Dynamo, 10);
        assert!(c.validate().is_ok());
        assert_eq!(c.interval_ticks(), 10);
        assert_eq!(DynamoPreset::from_name("dynamo"), Ok(DynamoPreset::Dynamo));
        let mut bad = c.clone();
        bad.nodes = 0;
        assert!(bad.validate().is_err());
        bad = c.clone();
        bad.writes_per_s = f64::NAN;
        assert!(bad.validate().is_err());
        bad = c;
        bad.merkle_depth = 21;
        assert!(bad.validate().is_err());
    }
}
