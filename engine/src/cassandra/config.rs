//! A Cassandra run's parameters, with the `cassandra` preset.
//!
//! Every default names the file (in `apache/cassandra`) it comes from; see also
//! docs/research/cassandra-redis-dynamo.md §1.1.

use crate::error::{Result, check_range};
use crate::names::Named;
use crate::time::{Latency, Ticks};

/// Largest cluster a Cassandra run accepts. Every observer keeps a failure-detector window
/// per endpoint (up to [`CassandraConfig::sample_size`] intervals each), so memory grows as
/// N² × samples; 2 000 nodes over a few minutes already hold hundreds of MB.
pub const MAX_CASSANDRA_NODES: u32 = 2_000;

/// A named set of defaults.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
pub enum CassandraPreset {
    /// Apache Cassandra's defaults (4.x/5.0): gossip every 1 s, φ threshold 8, 3 seeds.
    Cassandra,
}

impl Named for CassandraPreset {
    const FIELD: &'static str = "preset";
    const ALL: &'static [Self] = &[CassandraPreset::Cassandra];
    fn as_str(self) -> &'static str {
        "cassandra"
    }
    fn describe(self) -> &'static str {
        "Apache Cassandra: gossip every 1 s to up to 3 endpoints, phi_convict_threshold 8"
    }
}

/// The parameters of a Cassandra run.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct CassandraConfig {
    /// Nodes at the start (more may join).
    pub nodes: u32,
    /// Seeds: nodes `0..seeds`. DataStax advises about 3 per data centre
    /// (docs.datastax.com, "Internode communications (gossip)"); `conf/cassandra.yaml`
    /// ships a single address.
    pub seeds: u32,
    /// Gossip period: `Gossiper.intervalInMillis` = 1000, a final constant (`gms/Gossiper.java`).
    pub interval_ms: u32,
    /// `phi_convict_threshold` = 8.0, allowed 5..=16 (`config/Config.java`,
    /// `config/DatabaseDescriptor.java`).
    pub phi_convict_threshold: f64,
    /// Arrival window: `SAMPLE_SIZE` = 1000 intervals (`gms/FailureDetector.java`).
    pub sample_size: u32,
    /// The interval a new window starts with: `INITIAL_VALUE_NANOS` = 2 × intervalInMillis
    /// = 2000 ms (`gms/FailureDetector.java`, `getInitialValue`).
    pub initial_value_ms: u32,
    /// Longest inter-arrival time recorded: `MAX_INTERVAL_IN_NANO`, intended default =
    /// INITIAL_VALUE = 2000 ms (`gms/FailureDetector.java`, `ArrivalWindow.getMaxInterval`).
    /// Recent trunk turns the default into no cap by a unit slip (fixed by CASSANDRA-21025);
    /// this models the intended 2 s.
    pub max_interval_ms: u32,
    /// `MAX_LOCAL_PAUSE` = 5000 ms (`cassandra.max_local_pause_in_ms`,
    /// `gms/FailureDetector.java`, `getMaxLocalPause`): a node whose own status check ran
    /// that late convicts nobody for that long.
    pub max_local_pause_ms: u32,
    /// Milliseconds per tick (the simulation's resolution, not Cassandra's).
    pub tick_ms: u32,
    /// One-way latency.
    pub latency: Latency,
    /// Random loss on every message.
    pub loss: f64,
}

impl CassandraConfig {
    /// The preset's defaults for `nodes` nodes, on a 100 ms tick and a 1 ms LAN.
    pub fn preset(preset: CassandraPreset, nodes: u32) -> Self {
        match preset {
            CassandraPreset::Cassandra => CassandraConfig {
                nodes,
                seeds: 3,
                interval_ms: 1000,
                phi_convict_threshold: 8.0,
                sample_size: 1000,
                initial_value_ms: 2000,
                max_interval_ms: 2000,
                max_local_pause_ms: 5000,
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

    /// Checks every field.
    pub fn validate(&self) -> Result<()> {
        check_range("nodes", self.nodes, 1, MAX_CASSANDRA_NODES)?;
        check_range("seeds", self.seeds, 0, self.nodes)?;
        check_range("interval_ms", self.interval_ms, 1, 600_000)?;
        // Cassandra itself refuses thresholds outside 5..=16 at startup; a learner may want
        // to see what a low one does, so only positivity and a sane top are enforced.
        check_range(
            "phi_convict_threshold",
            self.phi_convict_threshold,
            0.1,
            100.0,
        )?;
        check_range("sample_size", self.sample_size, 1, 100_000)?;
        check_range("initial_value_ms", self.initial_value_ms, 1, 3_600_000)?;
        check_range("max_interval_ms", self.max_interval_ms, 1, 3_600_000)?;
        check_range("max_local_pause_ms", self.max_local_pause_ms, 1, 3_600_000)?;
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
        let c = CassandraConfig::preset(CassandraPreset::Cassandra, 10);
        assert!(c.validate().is_ok());
        assert_eq!(c.interval_ticks(), 10);
        assert_eq!(
            CassandraPreset::from_name("cassandra"),
            Ok(CassandraPreset::Cassandra)
        );
        let mut bad = c.clone();
        bad.nodes = 0;
        assert!(bad.validate().is_err());
        bad = c.clone();
        bad.phi_convict_threshold = f64::NAN;
        assert!(bad.validate().is_err());
        bad = c;
        bad.seeds = 11;
        assert!(bad.validate().is_err());
    }
}
