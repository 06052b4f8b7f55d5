//! One SWIM member: its member list, its timers and queues, and memberlist's state machine
//! for alive, suspect and dead messages (`hashicorp/memberlist state.go aliveNode`,
//! `suspectNode`, `deadNode`, `refute`).
//!
//! A node acts only on itself: what it sends goes to an outbox and what it notices to an
//! event list ([`Ctx`]), which the simulation owns. So the rules here can be read, and
//! tested, without a network.

use crate::rng::Stream;
use crate::swim::awareness::Awareness;
use crate::swim::broadcast::BroadcastQueue;
use crate::swim::event::SwimEvent;
use crate::swim::formulas::{
    confirmations_wanted, retransmit_limit, suspicion_max_ms, suspicion_min_ms,
};
use crate::swim::member::{Member, MemberState};
use crate::swim::probe::{Probe, ProbeOrder, Relay};
use crate::swim::suspicion::Suspicion;
use crate::swim::timing::Timing;
use crate::swim::update::{Packet, Update};

/// What a node may touch while it handles a packet or a timer.
pub struct Ctx<'a> {
    /// The run's timers in ticks and its parameters.
    pub timing: &'a Timing,
    /// The tick now.
    pub tick: u32,
    /// Packets to send.
    pub out: &'a mut Vec<Packet>,
    /// What happened.
    pub events: &'a mut Vec<SwimEvent>,
}

/// One member of the cluster, as it sees the cluster.
#[derive(Clone, Debug)]
pub struct SwimNode {
    /// Its id.
    pub id: u32,
    /// Its list: one entry per member id, [`Member::UNKNOWN`] for members never heard of.
    pub members: Vec<Member>,
    /// Entries known (memberlist's `estNumNodes`): itself, alive, suspect, unreaped dead.
    pub known: u32,
    /// Lifeguard's local health.
    pub awareness: Awareness,
    /// Membership updates waiting to be piggybacked.
    pub queue: BroadcastQueue,
    /// User events waiting to be piggybacked (Serf's own queue, served second).
    pub events: BroadcastQueue,
    /// Running suspicion timers.
    pub suspicions: Vec<Suspicion>,
    /// The probe in progress.
    pub probe: Option<Probe>,
    /// Ping-reqs being relayed.
    pub relays: Vec<Relay>,
    /// Where it is in its probe cycle.
    pub order: ProbeOrder,
    /// Next tick of the probe ticker.
    pub next_probe: u32,
    /// A probe tick fell while a probe was running: the next probe starts when it ends (a
    /// Go ticker keeps one pending tick).
    pub probe_pending: bool,
    /// Next gossip tick.
    pub next_gossip: u32,
    /// Next push/pull tick.
    pub next_push_pull: u32,
    /// Last sequence number used.
    pub seq: u32,
    /// Dead or left members and when they became so, for reaping.
    pub graveyard: Vec<(u32, u32)>,
    /// Members it holds failed (dead, not left), kept after reaping as Serf keeps them, for
    /// the reconnect loop.
    pub failed: Vec<u32>,
    /// Next tick of the reconnect loop.
    pub next_reconnect: u32,
    /// User events known, sorted.
    pub learned: Vec<u32>,
    /// It announced its departure.
    pub leaving: bool,
    /// Its own random stream (targets, shuffles, offsets), independent of every other node's.
    pub rng: Stream,
}

impl SwimNode {
    /// A node that knows the first `known` of `len` members, all alive at incarnation 1
    /// (memberlist's `setAlive` starts at 1), its timers staggered at random offsets
    /// (`state.go schedule`: each ticker first waits uniform [0, interval)).
    pub fn new(id: u32, len: u32, known: u32, timing: &Timing, rng: Stream) -> Self {
        let mut members = vec![Member::UNKNOWN; len as usize];
        for m in members.iter_mut().take(known as usize) {
            *m = Member::new(MemberState::Alive, 1);
        }
        members[id as usize] = Member::new(MemberState::Alive, 1);
        let known = if (id as usize) < known as usize {
            known
        } else {
            known + 1
        };
        let mut node = SwimNode {
            id,
            members,
            known,
            awareness: Awareness::default(),
            queue: BroadcastQueue::default(),
            events: BroadcastQueue::default(),
            suspicions: Vec::new(),
            probe: None,
            relays: Vec::new(),
            order: ProbeOrder::default(),
            next_probe: 0,
            probe_pending: false,
            next_gossip: 0,
            next_push_pull: 0,
            seq: 0,
            graveyard: Vec::new(),
            failed: Vec::new(),
            next_reconnect: 0,
            learned: Vec::new(),
            leaving: false,
            rng,
        };
        node.order.reshuffle(len, &mut node.rng);
        node.next_probe = node.rng.below(timing.probe);
        node.next_gossip = node.rng.below(timing.gossip);
        let pp = timing.push_pull(known);
        node.next_push_pull = if pp == 0 {
            u32::MAX
        } else {
            node.rng.below(pp)
        };
        node
    }

    /// Its own incarnation.
    pub fn incarnation(&self) -> u32 {
        self.members[self.id as usize].incarnation()
    }

    /// Its entry for `member` (unknown for ids beyond its list).
    pub fn entry(&self, member: u32) -> Member {
        self.members
            .get(member as usize)
            .copied()
            .unwrap_or(Member::UNKNOWN)
    }

    /// The retransmit limit at its current N.
    pub fn limit(&self, timing: &Timing) -> u32 {
        retransmit_limit(timing.config.retransmit_mult, self.known)
    }

    fn set(&mut self, member: u32, state: MemberState, incarnation: u32, cx: &mut Ctx) {
        let i = member as usize;
        if i >= self.members.len() {
            self.members.resize(i + 1, Member::UNKNOWN);
        }
        let old = self.members[i].state();
        if old == MemberState::Unknown && state != MemberState::Unknown {
            self.known += 1;
        } else if old != MemberState::Unknown && state == MemberState::Unknown {
            self.known -= 1;
        }
        if state.is_gone() && !old.is_gone() {
            self.graveyard.push((member, cx.tick));
        } else if !state.is_gone() && old.is_gone() {
            self.graveyard.retain(|&(m, _)| m != member);
        }
        self.members[i] = Member::new(state, incarnation);
        match state {
            MemberState::Dead if !self.failed.contains(&member) => self.failed.push(member),
            MemberState::Alive | MemberState::Suspect | MemberState::Left => {
                self.failed.retain(|&m| m != member)
            }
            _ => {}
        }
        cx.events.push(SwimEvent::View {
            observer: self.id,
            member,
            state,
            incarnation,
        });
    }

    fn drop_suspicion(&mut self, member: u32) {
        self.suspicions.retain(|s| s.member != member);
    }

    /// An alive message (`state.go aliveNode`): accepted for an unknown member whatever its
    /// incarnation, otherwise only at a strictly higher incarnation; about itself, a claim
    /// above its own incarnation is refuted.
    pub fn on_alive(&mut self, member: u32, incarnation: u32, cx: &mut Ctx) {
        if member == self.id {
            if incarnation > self.incarnation() && !self.leaving {
                self.refute(incarnation, cx);
            }
            return;
        }
        let e = self.entry(member);
        if e.is_known() && incarnation <= e.incarnation() {
            return;
        }
        self.drop_suspicion(member);
        self.queue.push(Update::Alive {
            member,
            incarnation,
        });
        self.set(member, MemberState::Alive, incarnation, cx);
    }

    /// A suspect message (`state.go suspectNode`): a confirmation if a timer runs, else a
    /// new suspicion of an alive member; about itself, a refutation.
    pub fn on_suspect(&mut self, member: u32, incarnation: u32, from: u32, cx: &mut Ctx) {
        let e = self.entry(member);
        if !e.is_known() || incarnation < e.incarnation() {
            return;
        }
        let tick_ms = cx.timing.config.tick_ms;
        if let Some(s) = self.suspicions.iter_mut().find(|s| s.member == member) {
            if s.confirm(from, tick_ms) {
                self.queue.push(Update::Suspect {
                    member,
                    incarnation,
                    from,
                });
            }
            return;
        }
        if e.state() != MemberState::Alive {
            return;
        }
        if member == self.id {
            if !self.leaving {
                self.refute(incarnation, cx);
            }
            return;
        }
        let update = Update::Suspect {
            member,
            incarnation,
            from,
        };
        self.queue.push(update);
        self.set(member, MemberState::Suspect, incarnation, cx);
        let c = &cx.timing.config;
        let min = suspicion_min_ms(c.suspicion_mult, self.known, c.probe_interval_ms);
        let max = suspicion_max_ms(c.max_timeout_mult(), min);
        let k = if c.lifeguard.dynamic_suspicion {
            confirmations_wanted(c.suspicion_mult, self.known)
        } else {
            0
        };
        self.suspicions.push(Suspicion::new(
            member,
            incarnation,
            from,
            cx.tick,
            k,
            (min, max),
            tick_ms,
        ));
    }

    /// A dead message (`state.go deadNode`): `from == member` means it left. About itself, a
    /// node that is not leaving refutes.
    pub fn on_dead(&mut self, member: u32, incarnation: u32, from: u32, cx: &mut Ctx) {
        let e = self.entry(member);
        if !e.is_known() || incarnation < e.incarnation() {
            return;
        }
        self.drop_suspicion(member);
        if e.state().is_gone() {
            return;
        }
        if member == self.id && !self.leaving {
            self.refute(incarnation, cx);
            return;
        }
        self.queue.push(Update::Dead {
            member,
            incarnation,
            from,
        });
        let state = if from == member {
            MemberState::Left
        } else {
            MemberState::Dead
        };
        self.set(member, state, incarnation, cx);
    }

    /// Raises its incarnation above `accused` and announces it alive (`state.go refute`);
    /// refuting costs local health (awareness +1).
    pub fn refute(&mut self, accused: u32, cx: &mut Ctx) {
        let mut inc = self.incarnation() + 1;
        if inc <= accused {
            inc = accused + 1;
        }
        self.awareness.apply(1, cx.timing.config.awareness_cap());
        self.queue.push(Update::Alive {
            member: self.id,
            incarnation: inc,
        });
        self.set(self.id, MemberState::Alive, inc, cx);
        cx.events.push(SwimEvent::Refute {
            member: self.id,
            incarnation: inc,
        });
    }

    /// Applies one received update.
    pub fn apply(&mut self, u: Update, cx: &mut Ctx) {
        match u {
            Update::Alive {
                member,
                incarnation,
            } => self.on_alive(member, incarnation, cx),
            Update::Suspect {
                member,
                incarnation,
                from,
            } => self.on_suspect(member, incarnation, from, cx),
            Update::Dead {
                member,
                incarnation,
                from,
            } => self.on_dead(member, incarnation, from, cx),
            Update::User { id } => {
                if let Err(at) = self.learned.binary_search(&id) {
                    self.learned.insert(at, id);
                    self.events.push(u);
                    cx.events.push(SwimEvent::Learn { node: self.id, id });
                }
            }
        }
    }

    /// Merges a remote full state (`state.go mergeState`): alive entries as alive messages,
    /// left as left, and a remote dead or suspect only as a local *suspicion* by itself.
    pub fn merge(&mut self, state: &[Member], cx: &mut Ctx) {
        for (m, e) in state.iter().enumerate() {
            let m = m as u32;
            match e.state() {
                MemberState::Unknown => {}
                MemberState::Alive => self.on_alive(m, e.incarnation(), cx),
                MemberState::Left => self.on_dead(m, e.incarnation(), m, cx),
                MemberState::Suspect | MemberState::Dead => {
                    self.on_suspect(m, e.incarnation(), self.id, cx)
                }
            }
        }
    }

    /// Forgets dead and left members older than `GossipToTheDeadTime`
    /// (`util.go moveDeadNodes`, run at each wrap of the probe cycle).
    pub fn reap(&mut self, cx: &mut Ctx) {
        let age = cx.timing.dead;
        let old: Vec<u32> = self
            .graveyard
            .iter()
            .filter(|&&(_, at)| cx.tick.saturating_sub(at) >= age)
            .map(|&(m, _)| m)
            .collect();
        for m in old {
            self.set(m, MemberState::Unknown, 0, cx);
        }
    }
}
