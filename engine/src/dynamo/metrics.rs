//! What a Dynamo run measures, in ticks (the CLI turns them into seconds).
//!
//! Failure detection is local (§4.8.3): there is no suspicion stage and no shared verdict.
//! For a crashed node `first` is the first caller to hold it unreachable (SWIM's
//! `detect_first` and `detect_confirm` at once), `all` when every acting node that knows it
//! does (`detect_all`). With one random peer a second, that takes about
//! (N − 1)(1 + 1/2 + … + 1/(N − 1)) seconds, the coupon collector's wait for the last caller
//! (18.1 s at N = 8; 200 seeded runs give 17.7 ± 0.6 s): the price of local detection.

use std::collections::BTreeMap;

use crate::dynamo::merkle::MerkleSync;
use crate::dynamo::node::DynamoNode;
use crate::swim::network::Condition;

/// The detection of one crashed node, in ticks since its crash.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Unreachability {
    /// Tick of the crash.
    pub crashed_at: u32,
    /// Ticks until the first caller held it unreachable.
    pub first: Option<u32>,
    /// Ticks until every acting node that knows it held it unreachable.
    pub all: Option<u32>,
}

/// The run's counters.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct DynamoMetrics {
    /// Per crashed node.
    pub detections: BTreeMap<u32, Unreachability>,
    /// (caller, peer) verdicts "unreachable" about a peer acting at that tick.
    pub false_positives: u32,
    /// Every "unreachable" verdict.
    pub unreachable: u32,
    /// Gossip messages sent.
    pub messages: u64,
    /// Gossip bytes sent.
    pub bytes: u64,
    /// Messages lost to loss or partitions.
    pub lost: u64,
    /// Merkle syncs run (one per call answered).
    pub syncs: u64,
    /// Keys moved by the syncs.
    pub keys_transferred: u64,
    /// Bytes of the Merkle exchanges.
    pub merkle_bytes: u64,
    /// Bytes full transfers of the range would have cost instead.
    pub full_bytes: u64,
    /// Bytes flat digest syncs would have cost instead.
    pub digest_bytes: u64,
}

impl DynamoMetrics {
    /// Counts one "unreachable" verdict.
    pub(crate) fn unreachable(&mut self, tick: u32, peer: u32, conditions: &[Condition]) {
        self.unreachable += 1;
        if let Some(d) = self.detections.get_mut(&peer) {
            d.first.get_or_insert(tick - d.crashed_at);
        }
        if conditions[peer as usize].acts(tick) {
            self.false_positives += 1;
        }
    }

    /// Counts one Merkle sync.
    pub(crate) fn sync(&mut self, s: &MerkleSync) {
        self.syncs += 1;
        self.keys_transferred += s.keys_transferred.len() as u64;
        self.merkle_bytes += s.merkle_bytes;
        self.full_bytes += s.full_bytes;
        self.digest_bytes += s.digest_bytes;
    }

    /// Checks the agreements still open.
    pub(crate) fn settle(&mut self, tick: u32, nodes: &[DynamoNode], conditions: &[Condition]) {
        for (&m, d) in self.detections.iter_mut().filter(|(_, d)| d.all.is_none()) {
            let agreed = nodes
                .iter()
                .zip(conditions)
                .all(|(n, c)| n.id == m || !c.acts(tick) || n.reachable(m) != Some(true));
            if agreed {
                d.all = Some(tick - d.crashed_at);
            }
        }
    }
}
