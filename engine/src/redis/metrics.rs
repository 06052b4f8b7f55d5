//! What a Redis Cluster run measures, as SWIM's metrics do: for each killed node, the time
//! until the first PFAIL, the first FAIL, until every acting node holds it FAIL, and until a
//! replica replaced it; for the run, false positives and traffic. Times are in ms.

use std::collections::BTreeMap;

/// The detection of one killed node, in ms since its kill.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct RedisDetection {
    /// When it was killed, ms.
    pub killed_at: u64,
    /// Until some node first flagged it PFAIL.
    pub first_pfail: Option<u64>,
    /// Until some node first flagged it FAIL (`markNodeAsFailingIfNeeded`).
    pub first_fail: Option<u64>,
    /// Until every acting node held it FAIL.
    pub all_fail: Option<u64>,
    /// Until a replica of it was promoted.
    pub failover: Option<u64>,
}

/// The run's counters.
#[derive(Clone, Debug, Default, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct RedisMetrics {
    /// Per killed node.
    pub detections: BTreeMap<u32, RedisDetection>,
    /// Distinct nodes some node flagged FAIL (by quorum) while they were acting (running
    /// and not paused).
    pub false_positives: u32,
    /// Promotions of a replica: (old master, new master, ms).
    pub failovers: Vec<(u32, u32, u64)>,
    /// Packets sent.
    pub messages: u64,
    /// Bytes sent (header and data; ping extensions not counted).
    pub bytes: u64,
    /// Packets lost to loss or partitions.
    pub lost: u64,
    /// Nodes already counted as false positives.
    #[cfg_attr(feature = "serde", serde(skip))]
    false_seen: Vec<u32>,
}

impl RedisMetrics {
    /// A node was killed at `now`.
    pub fn on_kill(&mut self, node: u32, now: u64) {
        self.detections.entry(node).or_insert(RedisDetection {
            killed_at: now,
            ..RedisDetection::default()
        });
    }

    /// Some node flagged `node` PFAIL.
    pub fn on_pfail(&mut self, node: u32, now: u64) {
        if let Some(d) = self.detections.get_mut(&node) {
            d.first_pfail.get_or_insert(now.saturating_sub(d.killed_at));
        }
    }

    /// Some node flagged `node` FAIL by quorum; `healthy` if `node` was acting.
    pub fn on_fail(&mut self, node: u32, now: u64, healthy: bool) {
        if let Some(d) = self.detections.get_mut(&node) {
            d.first_fail.get_or_insert(now.saturating_sub(d.killed_at));
        }
        if healthy && !self.false_seen.contains(&node) {
            self.false_seen.push(node);
            self.false_positives += 1;
        }
    }

    /// Replica `new` replaced master `old`.
    pub fn on_failover(&mut self, old: u32, new: u32, now: u64) {
        self.failovers.push((old, new, now));
        if let Some(d) = self.detections.get_mut(&old) {
            d.failover.get_or_insert(now.saturating_sub(d.killed_at));
        }
    }

    /// Every acting node holds `node` FAIL at `now`.
    pub fn on_all_fail(&mut self, node: u32, now: u64) {
        if let Some(d) = self.detections.get_mut(&node) {
            d.all_fail.get_or_insert(now.saturating_sub(d.killed_at));
        }
    }
}
