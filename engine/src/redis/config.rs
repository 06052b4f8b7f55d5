//! The parameters of a Redis Cluster run, and the `redis-cluster` preset.

use crate::error::{Result, check_range};
use crate::names::Named;
use crate::time::{Latency, MAX_TICK_MS, Ticks};

/// Most nodes a run may have (each node keeps a view of every other: N² state).
pub const MAX_REDIS_NODES: u32 = 2_000;

/// `cluster-node-timeout` default, 15 000 ms: `redis.conf`.
pub const NODE_TIMEOUT_MS: u32 = 15_000;

/// `clusterCron` period, 100 ms: `src/server.c` `serverCron` runs it under
/// `run_with_period(100)` ("executed 10 times every second", `cluster_legacy.c` above
/// `clusterCron`).
pub const CRON_MS: u32 = 100;

/// `CLUSTER_FAIL_REPORT_VALIDITY_MULT`, 2: a failure report lives 2 · node_timeout
/// (`src/cluster_legacy.h`; used by `clusterNodeCleanupFailureReports`).
pub const FAIL_REPORT_VALIDITY_MULT: u64 = 2;

/// `CLUSTER_FAIL_UNDO_TIME_MULT`, 2: a master that owns slots leaves FAIL on a PONG only
/// 2 · node_timeout after it was failed (`src/cluster_legacy.h`; `clearNodeFailureIfNeeded`).
pub const FAIL_UNDO_TIME_MULT: u64 = 2;

/// A named set of defaults.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
pub enum RedisPreset {
    /// `redis.conf` defaults: node timeout 15 s, cron 100 ms, one replica per master.
    RedisCluster,
}

impl Named for RedisPreset {
    const FIELD: &'static str = "preset";
    const ALL: &'static [Self] = &[RedisPreset::RedisCluster];
    fn as_str(self) -> &'static str {
        "redis-cluster"
    }
    fn describe(self) -> &'static str {
        "redis.conf defaults: cluster-node-timeout 15 s, clusterCron every 100 ms, 1 replica per master"
    }
}

/// A Redis Cluster run's parameters.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct RedisConfig {
    /// Nodes, masters and replicas together.
    pub nodes: u32,
    /// Replicas per master: nodes `0..masters` are masters, with
    /// `masters = max(1, nodes / (1 + replicas))`, and the rest are replicas dealt round robin.
    pub replicas: u32,
    /// `cluster-node-timeout` in ms ([`NODE_TIMEOUT_MS`]).
    pub node_timeout_ms: u32,
    /// Milliseconds per tick (100: one tick per `clusterCron`).
    pub tick_ms: u32,
    /// One-way latency.
    pub latency: Latency,
    /// Random loss on every packet, 0..=1.
    pub loss: f64,
}

impl RedisConfig {
    /// The preset's values for `nodes` nodes.
    pub fn preset(_preset: RedisPreset, nodes: u32) -> Self {
        RedisConfig {
            nodes,
            // A typical production layout (one replica per master); redis-cli
            // `--cluster-replicas 1` is the usual choice, not a default of the server.
            replicas: 1,
            node_timeout_ms: NODE_TIMEOUT_MS,
            tick_ms: CRON_MS,
            latency: Latency::LAN,
            loss: 0.0,
        }
    }

    /// Checks every field.
    pub fn validate(&self) -> Result<()> {
        check_range("nodes", self.nodes, 1, MAX_REDIS_NODES)?;
        check_range("replicas", self.replicas, 0, MAX_REDIS_NODES)?;
        check_range("node_timeout_ms", self.node_timeout_ms, 100, 3_600_000)?;
        check_range("tick_ms", self.tick_ms, 1, MAX_TICK_MS)?;
        self.latency.validate()?;
        check_range("loss", self.loss, 0.0, 1.0)
    }

    /// The tick conversion.
    pub fn ticks(&self) -> Ticks {
        Ticks {
            tick_ms: self.tick_ms.clamp(1, MAX_TICK_MS),
        }
    }

    /// Masters at start.
    pub fn masters(&self) -> u32 {
        (self.nodes / self.replicas.saturating_add(1)).max(1)
    }
}
