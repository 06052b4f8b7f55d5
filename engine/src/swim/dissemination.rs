//! How a node spreads what it knows: piggybacking on every packet, gossip to `GossipNodes`
//! members every gossip interval, and full-state push/pull (`hashicorp/memberlist net.go
//! sendMsg`, `state.go gossip`, `pushPull`, `util.go kRandomNodes`).

use crate::swim::member::{Member, MemberState};
use crate::swim::node::{Ctx, SwimNode};
use crate::swim::update::{Message, PART_OVERHEAD, Packet};

impl SwimNode {
    /// Sends `message` to `to`, filling the rest of the packet with queued updates:
    /// membership first, then user events (memberlist serves its own queue before Serf's).
    /// A buddy ping goes raw (no piggyback), and a push/pull rides its own stream.
    pub fn send(&mut self, to: u32, message: Message, cx: &mut Ctx) {
        let mut updates = Vec::new();
        let raw = matches!(
            message,
            Message::Ping { buddy: Some(_), .. } | Message::PushPull { .. }
        );
        if !raw {
            let budget = cx.timing.config.packet_bytes;
            let space = budget.saturating_sub(message.bytes() + PART_OVERHEAD);
            self.fill(space, &mut updates, cx);
        }
        cx.out.push(Packet {
            from: self.id,
            to,
            message,
            updates,
        });
    }

    /// Takes queued updates that fit in `space` bytes.
    fn fill(&mut self, space: u32, out: &mut Vec<crate::swim::update::Update>, cx: &Ctx) {
        let limit = self.limit(cx.timing);
        self.queue.take(space, limit, out);
        let used: u32 = out.iter().map(|u| u.bytes() + PART_OVERHEAD).sum();
        self.events.take(space.saturating_sub(used), limit, out);
    }

    /// Gossip: to each of `GossipNodes` random members (alive, suspect, or dead for less than
    /// `GossipToTheDeadTime`, so a wrongly killed member can still hear and refute), a packet
    /// of queued updates; nothing at all once the queues are empty.
    pub fn gossip_tick(&mut self, cx: &mut Ctx) {
        if cx.tick < self.next_gossip {
            return;
        }
        self.next_gossip = cx.tick + cx.timing.gossip;
        if self.queue.is_empty() && self.events.is_empty() {
            return;
        }
        let (t, dead_for) = (cx.tick, cx.timing.dead);
        let graveyard = self.graveyard.clone();
        let targets = self.random_members(cx.timing.config.gossip_nodes, |m, e| match e.state() {
            MemberState::Alive | MemberState::Suspect => true,
            MemberState::Dead => graveyard
                .iter()
                .any(|&(g, at)| g == m && t.saturating_sub(at) < dead_for),
            _ => false,
        });
        let space = cx.timing.config.packet_bytes.saturating_sub(PART_OVERHEAD);
        for to in targets {
            let mut updates = Vec::new();
            self.fill(space, &mut updates, cx);
            if updates.is_empty() {
                return;
            }
            cx.out.push(Packet {
                from: self.id,
                to,
                message: Message::Gossip,
                updates,
            });
        }
    }

    /// Push/pull: every scaled `PushPullInterval`, the whole list to one random alive
    /// member, which answers with its own.
    pub fn push_pull_tick(&mut self, cx: &mut Ctx) {
        if cx.tick < self.next_push_pull {
            return;
        }
        let period = cx.timing.push_pull(self.known);
        self.next_push_pull = if period == 0 {
            u32::MAX
        } else {
            cx.tick + period
        };
        if let Some(&to) = self
            .random_members(1, |_, e| e.state() == MemberState::Alive)
            .first()
        {
            self.push_state(to, false, cx);
        }
    }

    /// Serf's reconnect loop (`serf/serf.go reconnect`): every `ReconnectInterval`, with
    /// probability failed / alive, a push/pull with one random member it holds failed.
    pub fn reconnect_tick(&mut self, cx: &mut Ctx) {
        if cx.tick < self.next_reconnect {
            return;
        }
        self.next_reconnect = cx.tick + cx.timing.reconnect.max(1);
        if self.failed.is_empty() {
            return;
        }
        let alive = self
            .members
            .iter()
            .filter(|m| m.state() == MemberState::Alive)
            .count()
            .max(1);
        if self.rng.unit() >= self.failed.len() as f64 / alive as f64 {
            return;
        }
        let to = self.failed[self.rng.below(self.failed.len() as u32) as usize];
        self.push_state(to, false, cx);
    }

    /// Sends its whole list to `to`.
    pub fn push_state(&mut self, to: u32, reply: bool, cx: &mut Ctx) {
        let state = self.members.clone();
        self.send(to, Message::PushPull { state, reply }, cx);
    }

    /// Handles one packet: the message first (so an ack leaves with the queue as it was),
    /// then its piggybacked updates (`net.go handleCompound` order).
    pub fn receive(&mut self, p: Packet, cx: &mut Ctx) {
        let from = p.from;
        match p.message {
            Message::Ping { seq, buddy } => self.on_ping(from, seq, buddy, cx),
            Message::Ack { seq } | Message::IndirectAck { seq } => self.on_ack(seq, cx),
            Message::PingReq { seq, target } => self.on_ping_req(from, seq, target, cx),
            Message::Nack { seq } => self.on_nack(seq),
            Message::Gossip => {}
            Message::PushPull { state, reply } => {
                if !reply {
                    self.push_state(from, true, cx);
                }
                self.merge(&state, cx);
            }
        }
        for u in p.updates {
            self.apply(u, cx);
        }
    }

    /// Up to `k` distinct members other than itself that pass `keep`, by at most 3·len
    /// uniform draws with replacement (`util.go kRandomNodes`); so it may find fewer.
    pub fn random_members(&mut self, k: u32, keep: impl Fn(u32, Member) -> bool) -> Vec<u32> {
        let len = self.members.len() as u32;
        let mut out = Vec::with_capacity(k as usize);
        if len < 2 || k == 0 {
            return out;
        }
        for _ in 0..3 * len {
            if out.len() as u32 >= k {
                break;
            }
            let m = self.rng.below(len);
            if m == self.id || out.contains(&m) || !keep(m, self.members[m as usize]) {
                continue;
            }
            out.push(m);
        }
        out
    }
}
