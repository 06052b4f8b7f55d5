//! One node's state: its view of every other node (`clusterNode` as seen from it), its
//! epochs and its failover attempt.

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

/// What an observer knows of one other node (`clusterNode`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Peer {
    /// In the observer's node table.
    pub known: bool,
    /// When the pending PING was sent, ms (`ping_sent`, 0 in Redis when none).
    pub ping_sent: Option<u64>,
    /// Last PONG on the outbound link, ms (`pong_received`).
    pub pong_received: u64,
    /// When the outbound link was (re)connected, ms (`link->ctime`).
    pub link_created: u64,
    /// Last packet of any kind from it, ms (`data_received`).
    pub data_received: u64,
    /// `CLUSTER_NODE_PFAIL`.
    pub pfail: bool,
    /// `CLUSTER_NODE_FAIL`.
    pub fail: bool,
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
        let peers = (0..total)
            .map(|j| Peer {
                known: j < known || j == id,
                pong_received: now,
                data_received: now,
                link_created: now,
                ..Peer::default()
            })
            .collect();
        // Real nodes do not start their crons in step: a random phase for `iteration`.
        let iteration = u64::from(rng.below(10));
        let mut node = RedisNode {
            id,
            iteration,
            current_epoch: 0,
            last_vote_epoch: 0,
            peers,
            failover: Failover::default(),
            rng,
            known_count: 0,
            pfail_count: 0,
        };
        node.known_count = node.peers.iter().filter(|p| p.known).count() as u32;
        node
    }

    /// Its view of `node`.
    pub fn peer(&self, node: u32) -> Option<&Peer> {
        self.peers.get(node as usize)
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
                link_created: now,
                ..Peer::default()
            };
        }
        self.failover = Failover::default();
        self.pfail_count = 0;
    }
}
