//! Replica failover (`cluster_legacy.c`: `clusterHandleSlaveFailover`,
//! `clusterRequestFailoverAuth`, `clusterSendFailoverAuthIfNeeded`,
//! `clusterFailoverReplaceYourMaster`), kept simple: equal replication offsets, no data-age
//! check, no manual failover.

use crate::redis::gossip::Msg;
use crate::redis::node::Failover;
use crate::redis::simulation::{RedisEvent, RedisSimulation};

/// Fixed part of the delay before a replica asks for votes, ms: 500 + rand(0..500) +
/// rank · 1000 (`clusterHandleSlaveFailover`).
const AUTH_DELAY_MS: u64 = 500;
/// Random part of that delay, ms (`random() % 500`).
const AUTH_JITTER_MS: u32 = 500;
/// Extra delay per rank step, ms.
const RANK_STEP_MS: u64 = 1000;
/// Floor of the failover auth timeout, ms: `max(2 · node_timeout, 2000)`
/// (`clusterHandleSlaveFailover`).
const AUTH_TIMEOUT_FLOOR_MS: u64 = 2000;

impl RedisSimulation {
    /// `auth_timeout` of `clusterHandleSlaveFailover`.
    fn auth_timeout(&self) -> u64 {
        (u64::from(self.config.node_timeout_ms) * 2).max(AUTH_TIMEOUT_FLOOR_MS)
    }

    /// `clusterHandleSlaveFailover`, from the cron: a replica whose master it sees FAIL
    /// schedules an election, asks every node for a vote, and is promoted with a majority.
    pub(super) fn handle_slave_failover(&mut self, me: u32) {
        let role = self.roles[me as usize];
        let Some(master) = role.master_of else {
            return;
        };
        if role.master || !self.roles[master as usize].slots {
            return;
        }
        let now = self.now_ms();
        let auth_timeout = self.auth_timeout();
        let node = &self.nodes[me as usize];
        if !node.peers[master as usize].fail {
            return;
        }
        let since = node.failover.auth_time.map(|t| now.saturating_sub(t));
        // A new attempt when none was made, or the last one is older than 2 · auth_timeout.
        if since.is_none_or(|s| s > auth_timeout * 2) {
            // Rank: equal offsets here, so the order among the master's replicas that
            // `me` does not see failing (`clusterGetSlaveRank` counts better offsets).
            let rank = (0..me)
                .filter(|&k| {
                    self.roles[k as usize].master_of == Some(master)
                        && !self.roles[k as usize].master
                        && !node.peers[k as usize].fail
                })
                .count() as u64;
            let node = &mut self.nodes[me as usize];
            let jitter = u64::from(node.rng.below(AUTH_JITTER_MS));
            node.failover = Failover {
                auth_time: Some(now + AUTH_DELAY_MS + jitter + rank * RANK_STEP_MS),
                ..Failover::default()
            };
            return;
        }
        let Some(at) = node.failover.auth_time else {
            return;
        };
        if now < at || now - at > auth_timeout {
            return; // too early, or this attempt expired (retried later)
        }
        if !node.failover.sent {
            let node = &mut self.nodes[me as usize];
            node.current_epoch += 1;
            node.failover.epoch = node.current_epoch;
            node.failover.sent = true;
            for k in 0..self.nodes.len() as u32 {
                if k != me && self.nodes[me as usize].peers[k as usize].known {
                    self.send(me, k, Msg::AuthRequest);
                }
            }
        }
    }

    /// `clusterSendFailoverAuthIfNeeded`: master `me` votes for replica `from` asking in
    /// `epoch`, at most once per epoch and once per failed master every 2 · node_timeout.
    pub(super) fn send_failover_auth_if_needed(&mut self, me: u32, from: u32, epoch: u64) {
        let now = self.now_ms();
        let nt = u64::from(self.config.node_timeout_ms);
        let my = self.roles[me as usize];
        let req = self.roles[from as usize];
        if !(my.master && my.slots) || req.master {
            return;
        }
        let Some(master) = req.master_of else {
            return;
        };
        let node = &self.nodes[me as usize];
        if epoch < node.current_epoch || node.last_vote_epoch == node.current_epoch {
            return;
        }
        let voted = node.records[master as usize].voted_time;
        if !node.peers[master as usize].fail
            || voted.is_some_and(|t| now.saturating_sub(t) < nt * 2)
        {
            return;
        }
        let node = &mut self.nodes[me as usize];
        node.last_vote_epoch = node.current_epoch;
        node.records[master as usize].voted_time = Some(now);
        self.send(me, from, Msg::AuthAck);
    }

    /// A FAILOVER_AUTH_ACK reaches replica `me`: count it, and with a majority of the
    /// masters take over (`clusterHandleSlaveFailover`, `clusterFailoverReplaceYourMaster`).
    pub(super) fn receive_vote(&mut self, me: u32, from: u32, epoch: u64) {
        let needed = self.quorum();
        let from_role = self.roles[from as usize];
        let node = &mut self.nodes[me as usize];
        let f = &mut node.failover;
        // Votes count only from slot-owning masters, for the current attempt.
        if !f.sent || epoch < f.epoch || !(from_role.master && from_role.slots) {
            return;
        }
        if !f.votes.contains(&from) {
            f.votes.push(from);
        }
        if (f.votes.len() as u32) < needed {
            return;
        }
        let Some(old) = self.roles[me as usize].master_of else {
            return;
        };
        if self.roles[me as usize].master {
            return;
        }
        // Take the slots; the old master and its other replicas follow the new master.
        for k in 0..self.roles.len() {
            if self.roles[k].master_of == Some(old) {
                self.roles[k].master_of = Some(me);
            }
        }
        self.roles[me as usize].master = true;
        self.roles[me as usize].slots = true;
        self.roles[me as usize].master_of = None;
        let old_role = &mut self.roles[old as usize];
        old_role.master = false;
        old_role.slots = false;
        old_role.master_of = Some(me);
        self.nodes[me as usize].failover = Failover::default();
        self.metrics.on_failover(old, me, self.elapsed_ms());
        self.record(RedisEvent::Promoted {
            replica: me,
            master: old,
        });
        // `clusterBroadcastPong`: tell everyone.
        for k in 0..self.nodes.len() as u32 {
            if k != me && self.nodes[me as usize].peers[k as usize].known {
                self.send_ping(me, k, true);
            }
        }
    }
}
