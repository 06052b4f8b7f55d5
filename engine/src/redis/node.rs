//! One node's state: its view of every other node (`clusterNode` as seen from it), its
//! epochs and its failover attempt.

use std::num::NonZeroU64;

use crate::rng::Stream;

/// A node's role in the shared slot table (a simplification: Redis spreads it in every
/// header; here a promotion is known at once).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Role {
    /// A master (`CLUSTER_NODE_MASTER`).
    pub master: bool,
    /// Serves at least one slot (masters counted in `cluster->size`, `clusterUpdateState`).
    pub slots: bool,
    /// For a replica, its master.
    pub master_of: Option<u32>,
}

/// What an observer knows of one other node (`clusterNode`): the fields that every
/// `clusterCron`, and every gossip entry sent or received, reads. The rest is in
/// [`PeerRecord`]. At N = 1,000 a tick reads a few hundred thousand of these at random
/// among a million, and a miss to memory is most of its cost: 32 bytes on a 32-byte
/// boundary keep each read to one cache line.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[repr(align(32))]
pub struct Peer {
    /// When the pending PING was sent, ms (`ping_sent`, 0 in Redis when none: the
    /// cluster's clock never reads 0, see [`crate::redis::RedisSimulation::now_ms`]).
    pub ping_sent: Option<NonZeroU64>,
    /// Last PONG on the outbound link, ms (`pong_received`).
    pub pong_received: u64,
    /// Last packet of any kind from it, ms (`data_received`).
    pub data_received: u64,
    /// In the observer's node table.
    pub known: bool,
    /// `CLUSTER_NODE_PFAIL`.
    pub pfail: bool,
    /// `CLUSTER_NODE_FAIL`.
    pub fail: bool,
    /// It holds failure reports about it ([`PeerRecord::reports`] is not empty), so that
    /// a gossip entry without failure flags looks at the record only when there is one
    /// to delete.
    pub reported: bool,
}

/// What an observer keeps about one other node beyond [`Peer`]: the link's age, and
/// what is read only while the node is failing.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct PeerRecord {
    /// When the outbound link was (re)connected, ms (`link->ctime`).
    pub link_created: u64,
    /// The outbound link is broken: a PING on it met a partition. Redis then finds the
    /// link dead and tries to connect again in every `clusterCron` until a connect
    /// succeeds, and a new link sends a PING at once (`clusterLinkConnectHandler`). Without
    /// this, a PING lost in a partition stays pending after the heal while the other
    /// side's PINGs keep `data_received` fresh, so the link is never re-made, and the node
    /// stays PFAIL for good: enough, with a second master in the same state, to fail a
    /// live master.
    pub link_down: bool,
    /// When it was flagged FAIL, ms (`fail_time`).
    pub fail_time: u64,
    /// Failure reports: (reporting master, time in ms) (`fail_reports`).
    pub reports: Vec<(u32, u64)>,
    /// When this observer last voted for a replica of it, ms (`voted_time`).
    pub voted_time: Option<u64>,
}

/// A replica's failover attempt (`failover_auth_*` in `clusterState`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Failover {
    /// When the request goes out, ms (`failover_auth_time`); `None` before any attempt.
    pub auth_time: Option<u64>,
    /// The request went out (`failover_auth_sent`).
    pub sent: bool,
    /// Its epoch (`failover_auth_epoch`).
    pub epoch: u64,
    /// Masters that voted (`failover_auth_count`).
    pub votes: Vec<u32>,
}

/// One node.
#[derive(Clone, Debug)]
pub struct RedisNode {
    /// Its id.
    pub id: u32,
    /// `clusterCron`'s static `iteration` counter.
    pub iteration: u64,
    /// `currentEpoch`.
    pub current_epoch: u64,
    /// `lastVoteEpoch`.
    pub last_vote_epoch: u64,
    /// Its view of every node (its own entry unused).
    pub peers: Vec<Peer>,
    /// Its records of every node, beside `peers`.
    pub records: Vec<PeerRecord>,
    /// Its failover attempt, as a replica.
    pub failover: Failover,
    /// Its random stream (cron draws, failover delay).
    pub(crate) rng: Stream,
    /// Peers with `known` set, itself included: `clusterSendPing` reads this for every
    /// PING and PONG, and counting N entries each time made a tick at N = 1,000 quadratic.
    known_count: u32,
    /// Peers with `pfail` set: most PINGs are sent with none, and then the section's
    /// PFAIL pass over all N entries can be skipped.
    pfail_count: u32,
}

impl RedisNode {
    /// A node that knows `known` nodes (ids `0..known`) out of `total`, all with a fresh
    /// PONG at `now`.
    pub fn new(id: u32, known: u32, total: u32, now: u64, mut rng: Stream) -> Self {
        let peers: Vec<Peer> = (0..total)
            .map(|j| Peer {
                known: j < known || j == id,
                pong_received: now,
                data_received: now,
                ..Peer::default()
            })
            .collect();
        let records = vec![
            PeerRecord {
                link_created: now,
                ..PeerRecord::default()
            };
            total as usize
        ];
        // Real nodes do not start their crons in step: a random phase for `iteration`.
        let iteration = u64::from(rng.below(10));
        let known_count = peers.iter().filter(|p| p.known).count() as u32;
        RedisNode {
            id,
            iteration,
            current_epoch: 0,
            last_vote_epoch: 0,
            peers,
            records,
            failover: Failover::default(),
            rng,
            known_count,
            pfail_count: 0,
        }
    }

    /// Sets the last PONG (and last packet) from each other node it knows to a time drawn
    /// uniformly in the `span` ms before `now`, as in a cluster that has been running for
    /// a while (see [`crate::redis::RedisSimulation::new`]).
    pub(crate) fn spread_pongs(&mut self, now: u64, span: u64) {
        let span = u32::try_from(span.max(1)).unwrap_or(u32::MAX);
        for (j, (p, r)) in self.peers.iter_mut().zip(&mut self.records).enumerate() {
            if p.known && j as u32 != self.id {
                let heard = now - u64::from(self.rng.below(span));
                p.pong_received = heard;
                p.data_received = heard;
                r.link_created = 0;
            }
        }
    }

    /// Its view of `node`.
    pub fn peer(&self, node: u32) -> Option<&Peer> {
        self.peers.get(node as usize)
    }

    /// Its record of `node`.
    pub fn record(&self, node: u32) -> Option<&PeerRecord> {
        self.records.get(node as usize)
    }

    /// Nodes in its table, itself included (`dictSize(server.cluster->nodes)`).
    pub fn known(&self) -> u32 {
        self.known_count
    }

    /// Adds `j` to its table (a MEET, a gossiped node, a `CLUSTER MEET` target); returns
    /// whether it was new.
    pub(crate) fn learn(&mut self, j: u32) -> bool {
        let p = &mut self.peers[j as usize];
        if p.known {
            return false;
        }
        p.known = true;
        self.known_count += 1;
        true
    }

    /// Edits its failure reports about `j`, keeping [`Peer::reported`] in step.
    pub(crate) fn edit_reports<R>(
        &mut self,
        j: u32,
        edit: impl FnOnce(&mut Vec<(u32, u64)>) -> R,
    ) -> R {
        let reports = &mut self.records[j as usize].reports;
        let out = edit(reports);
        self.peers[j as usize].reported = !reports.is_empty();
        out
    }

    /// Sets or clears `CLUSTER_NODE_PFAIL` on `j`.
    pub(crate) fn set_pfail(&mut self, j: u32, on: bool) {
        let p = &mut self.peers[j as usize];
        if p.pfail != on {
            p.pfail = on;
            if on {
                self.pfail_count += 1;
            } else {
                self.pfail_count -= 1;
            }
        }
    }

    /// Whether it flags any node PFAIL.
    pub(crate) fn flags_any_pfail(&self) -> bool {
        self.pfail_count > 0
    }

    /// Forgets every timer and flag, as a restart with an empty state would.
    pub fn reset(&mut self, now: u64) {
        for p in &mut self.peers {
            *p = Peer {
                known: p.known,
                pong_received: now,
                data_received: now,
                ..Peer::default()
            };
        }
        self.records.fill(PeerRecord {
            link_created: now,
            ..PeerRecord::default()
        });
        self.failover = Failover::default();
        self.pfail_count = 0;
    }
}
