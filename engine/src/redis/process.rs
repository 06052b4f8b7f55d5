//! `clusterProcessPacket` and `clusterProcessGossipSection` (`cluster_legacy.c`): what a
//! node does with a packet.

use crate::redis::config::FAIL_UNDO_TIME_MULT;
use crate::redis::gossip::{Entry, Msg, Packet};
use crate::redis::simulation::{RedisEvent, RedisSimulation};

/// A gossiped `pong_received` is adopted only if at most this far in the future, ms
/// (`clusterProcessGossipSection`: `pongtime <= (server.mstime+500)`).
const PONG_FUTURE_MS: u64 = 500;

impl RedisSimulation {
    /// Handles a packet landing at its receiver.
    pub(super) fn process(&mut self, p: Packet) {
        let now = self.now_ms();
        let (me, from) = (p.to, p.from);
        let node = &mut self.nodes[me as usize];
        // Every header raises currentEpoch to the sender's (`clusterProcessPacket`).
        node.current_epoch = node.current_epoch.max(p.epoch);
        let sender_known = node.peers[from as usize].known;
        match p.msg {
            Msg::Ping { gossip } => {
                // A PING from an unknown node is a MEET: add it (`clusterProcessPacket`).
                if node.learn(from) {
                    node.peers[from as usize].pong_received = now;
                }
                node.peers[from as usize].data_received = now;
                self.send_ping(me, from, true);
                self.process_gossip(me, from, &gossip);
            }
            Msg::Pong { gossip } => {
                if !sender_known {
                    return;
                }
                let peer = &mut node.peers[from as usize];
                peer.data_received = now;
                if peer.ping_sent.is_some() {
                    // The PONG on the outbound link: liveness (`clusterProcessPacket`).
                    peer.pong_received = now;
                    peer.ping_sent = None;
                    if peer.pfail {
                        node.set_pfail(from, false);
                    } else if peer.fail {
                        self.clear_failure_if_needed(me, from);
                    }
                }
                self.process_gossip(me, from, &gossip);
            }
            Msg::Fail { node: failed } => {
                if !sender_known {
                    return;
                }
                node.peers[from as usize].data_received = now;
                let q = &mut node.peers[failed as usize];
                if failed != me && q.known && !q.fail {
                    q.fail = true;
                    node.records[failed as usize].fail_time = now;
                    node.set_pfail(failed, false);
                    self.record(RedisEvent::FailReceived {
                        observer: me,
                        node: failed,
                        from,
                    });
                }
            }
            Msg::AuthRequest => {
                if sender_known {
                    node.peers[from as usize].data_received = now;
                    self.send_failover_auth_if_needed(me, from, p.epoch);
                }
            }
            Msg::AuthAck => {
                if sender_known {
                    node.peers[from as usize].data_received = now;
                    self.receive_vote(me, from, p.epoch);
                }
            }
        }
    }

    /// `clusterProcessGossipSection`: failure reports from masters, pong-time adoption, and
    /// nodes not yet known.
    fn process_gossip(&mut self, me: u32, from: u32, gossip: &[Entry]) {
        let now = self.now_ms();
        let sender_master = self.roles[from as usize].master;
        for e in gossip {
            let j = e.node;
            if j == me || j as usize >= self.nodes.len() {
                continue;
            }
            let node = &mut self.nodes[me as usize];
            if node.learn(j) {
                // An unknown node with an address: start a handshake (here: add it).
                let peer = &mut node.peers[j as usize];
                peer.pong_received = now;
                peer.data_received = now;
                continue;
            }
            if sender_master {
                if e.pfail || e.fail {
                    self.add_failure_report(me, j, from);
                    self.mark_failing_if_needed(me, j);
                } else if self.nodes[me as usize].peers[j as usize].reported {
                    self.del_failure_report(me, j, from);
                }
            }
            // Back to ms (`pongtime *= 1000`).
            let pongtime = u64::from(e.pong_received_s) * 1000;
            let peer = &mut self.nodes[me as usize].peers[j as usize];
            if !e.pfail
                && !e.fail
                && peer.ping_sent.is_none()
                && !peer.reported
                && pongtime > peer.pong_received
                && pongtime <= now + PONG_FUTURE_MS
            {
                peer.pong_received = pongtime;
            }
        }
    }

    /// `clearNodeFailureIfNeeded`: a PONG from a FAIL node. A replica or a master without
    /// slots is cleared at once; a master with slots only after 2 · node_timeout.
    fn clear_failure_if_needed(&mut self, me: u32, j: u32) {
        let now = self.now_ms();
        let nt = u64::from(self.config.node_timeout_ms);
        let role = self.roles[j as usize];
        let node = &mut self.nodes[me as usize];
        let undo = !(role.master && role.slots)
            || now.saturating_sub(node.records[j as usize].fail_time) > nt * FAIL_UNDO_TIME_MULT;
        if undo {
            node.peers[j as usize].fail = false;
        }
    }
}
