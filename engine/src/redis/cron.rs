//! `clusterCron` (`cluster_legacy.c`), every 100 ms on every acting node, and the PING it
//! sends (`clusterSendPing`).

use std::num::NonZeroU64;

use crate::redis::gossip::{Entry, Msg, gossip_wanted};
use crate::redis::simulation::{RedisEvent, RedisSimulation};

/// Random draws per `clusterCron` for the once-a-second PING: 5 (`clusterCron`, "Check a
/// few random nodes and ping the one with the oldest pong_received time").
pub const RANDOM_PING_DRAWS: u32 = 5;

/// The random PING runs every 10th iteration, about once a second (`clusterCron`,
/// `if (!(iteration % 10))`).
pub const RANDOM_PING_EVERY: u64 = 10;

impl RedisSimulation {
    /// One `clusterCron` run of node `me`.
    pub(super) fn cron(&mut self, me: u32) {
        let now = self.now_ms();
        let nt = u64::from(self.config.node_timeout_ms);
        let total = self.nodes.len() as u32;
        let node = &mut self.nodes[me as usize];
        let iteration = node.iteration;
        node.iteration += 1;
        let mut pings = Vec::new();
        // Every 10th iteration: out of 5 random draws (with replacement), the node with the
        // oldest pong_received; skip myself, unknown nodes and nodes with a ping pending.
        if iteration % RANDOM_PING_EVERY == 0 {
            let mut best: Option<(u64, u32)> = None;
            for _ in 0..RANDOM_PING_DRAWS {
                let j = node.rng.below(total);
                let p = &node.peers[j as usize];
                if j == me || !p.known || p.ping_sent.is_some() {
                    continue;
                }
                if best.is_none_or(|(pong, _)| p.pong_received < pong) {
                    best = Some((p.pong_received, j));
                }
            }
            if let Some((_, j)) = best {
                pings.push(j);
            }
        }
        // Every other node: PING when no ping is pending and the last PONG is older than
        // node_timeout / 2 (the ping interval, `cluster_ping_interval` 0 ⇒ nt/2); PFAIL when a
        // ping has been pending, and nothing at all heard, for over node_timeout.
        let mut pfails = Vec::new();
        let mut reconnects = Vec::new();
        for j in 0..total {
            let p = &node.peers[j as usize];
            if j == me || !p.known {
                continue;
            }
            match p.ping_sent.map(NonZeroU64::get) {
                None if now.saturating_sub(p.pong_received) > nt / 2 && !pings.contains(&j) => {
                    pings.push(j)
                }
                Some(sent) => {
                    // A link older than nt with a ping pending and nothing heard for nt/2 is
                    // dropped and reconnected, and the reconnect sends a PING at once, keeping
                    // the old `ping_sent` (`clusterCron`, `clusterLinkConnectHandler`). A
                    // broken link is re-made as soon as a connect can get through.
                    let record = &node.records[j as usize];
                    let reconnect = if record.link_down {
                        self.group[me as usize] == self.group[j as usize]
                    } else {
                        now.saturating_sub(record.link_created) > nt
                            && now.saturating_sub(sent) > nt / 2
                            && now.saturating_sub(p.data_received) > nt / 2
                    };
                    if reconnect {
                        reconnects.push(j);
                    }
                    let delay = now
                        .saturating_sub(sent)
                        .min(now.saturating_sub(p.data_received));
                    if delay > nt && !p.pfail && !p.fail {
                        pfails.push(j);
                    }
                }
                None => {}
            }
        }
        for j in pfails {
            self.nodes[me as usize].set_pfail(j, true);
            self.metrics.on_pfail(j, self.elapsed_ms());
            self.record(RedisEvent::Pfail {
                observer: me,
                node: j,
            });
            // A lone master fails nodes from the cron (`clusterCron`, size 1 case).
            if self.size() == 1 && self.roles[me as usize].master {
                self.mark_failing_if_needed(me, j);
            }
        }
        for j in reconnects {
            let record = &mut self.nodes[me as usize].records[j as usize];
            record.link_created = now;
            record.link_down = false;
            self.send_ping(me, j, false);
        }
        for j in pings {
            self.send_ping(me, j, false);
        }
        self.handle_slave_failover(me);
    }

    /// `clusterSendPing`: a PING (or, with `pong`, a PONG) from `me` to `to`, with a gossip
    /// section of `gossip_wanted` random other nodes plus every node `me` flags PFAIL.
    pub(super) fn send_ping(&mut self, me: u32, to: u32, pong: bool) {
        let now = self.now_ms();
        let total = self.nodes.len() as u32;
        // A fresh stamp marks the nodes already in this section (a reset when it wraps).
        self.section_stamp = self.section_stamp.wrapping_add(1);
        if self.section_stamp == 0 {
            self.section_marks.fill(0);
            self.section_stamp = 1;
        }
        self.section_marks.resize(total as usize, 0);
        let (marks, stamp) = (&mut self.section_marks, self.section_stamp);
        let node = &mut self.nodes[me as usize];
        if !pong && node.peers[to as usize].ping_sent.is_none() {
            node.peers[to as usize].ping_sent = NonZeroU64::new(now);
        }
        let known = node.known();
        let wanted = gossip_wanted(known);
        let mut freshnodes = known.saturating_sub(2);
        let mut gossip: Vec<Entry> = Vec::with_capacity(wanted as usize);
        let entry = |j: u32, p: &crate::redis::node::Peer| Entry {
            node: j,
            pfail: p.pfail,
            fail: p.fail,
            pong_received_s: u32::try_from(p.pong_received / 1000).unwrap_or(u32::MAX),
        };
        // At most 3 · wanted draws (`maxiterations = wanted * 3`).
        let mut iterations = wanted * 3;
        while freshnodes > 0 && (gossip.len() as u32) < wanted && iterations > 0 {
            iterations -= 1;
            let j = node.rng.below(total);
            let p = &node.peers[j as usize];
            // Not myself, not the receiver, not PFAIL nodes (added below); a node outside
            // the table is not in the dict at all.
            if j == me || j == to || !p.known || p.pfail {
                continue;
            }
            // `clusterNodeIsInGossipSection` scans the section; a mark per node gives the
            // same answer without the wanted² scan, which was half a tick at N = 1,000.
            if marks[j as usize] == stamp {
                continue;
            }
            marks[j as usize] = stamp;
            gossip.push(entry(j, p));
            freshnodes -= 1;
        }
        // Every PFAIL node, beyond `wanted`.
        if node.flags_any_pfail() {
            for (j, p) in node.peers.iter().enumerate() {
                if p.known && p.pfail && j as u32 != me {
                    gossip.push(entry(j as u32, p));
                }
            }
        }
        let msg = if pong {
            Msg::Pong { gossip }
        } else {
            Msg::Ping { gossip }
        };
        self.send(me, to, msg);
    }
}
