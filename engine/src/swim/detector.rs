//! The failure detector of one node: probe, ping-req, suspect (`hashicorp/memberlist state.go
//! probe`, `probeNode`; `net.go handlePing`, `handleIndirectPing`, ack and nack handlers).
//!
//! Timeline of a probe sent at tick s, with I the awareness-scaled probe interval and T the
//! (unscaled) probe timeout, as memberlist runs it:
//! - s: ping the next member of the cycle (a buddy ping, carrying the suspicion, if it is
//!   suspect and the buddy system is on).
//! - s + T without an ack: `IndirectChecks` random alive members are asked to ping-req it.
//! - s + I without an ack: the probe failed; awareness rises by the nacks missed (or by 1)
//!   and the target becomes suspect. An ack in time lowers awareness by 1.
//!
//! memberlist also tries a TCP ping in parallel with the ping-reqs; it is left out, which
//! raises false suspicions under packet loss a little and changes nothing for crashed or
//! paused members (research note §3.5).

use crate::swim::event::SwimEvent;
use crate::swim::member::MemberState;
use crate::swim::node::{Ctx, SwimNode};
use crate::swim::probe::{Probe, Relay};
use crate::swim::update::{Message, Update};

impl SwimNode {
    /// Runs the probe timers due at this tick, then the probe ticker.
    pub fn detector_tick(&mut self, cx: &mut Ctx) {
        let t = cx.tick;
        // Relays whose wait ran out answer with a nack (memberlist sends it at ProbeTimeout).
        let mut i = 0;
        while i < self.relays.len() {
            if self.relays[i].expires <= t {
                let r = self.relays.swap_remove(i);
                self.send(r.origin, Message::Nack { seq: r.origin_seq }, cx);
            } else {
                i += 1;
            }
        }
        if let Some(p) = self.probe {
            if t == p.timeout_at && t < p.deadline {
                self.ask_relays(p, cx);
            }
            if t >= p.deadline {
                self.probe_failed(p, cx);
            }
        }
        if t >= self.next_probe {
            self.next_probe = t + cx.timing.probe;
            if self.probe.is_some() {
                self.probe_pending = true;
            } else {
                self.start_probe(cx);
            }
        } else if self.probe_pending && self.probe.is_none() {
            self.probe_pending = false;
            self.start_probe(cx);
        }
    }

    /// Pings the next alive or suspect member of the cycle; at the end of a cycle, reaps and
    /// reshuffles (`state.go resetNodes`). Gives up after one full pass of skips.
    fn start_probe(&mut self, cx: &mut Ctx) {
        let len = self.members.len() as u32;
        for _ in 0..=len {
            let Some(target) = self.order.next_entry() else {
                self.reap(cx);
                self.order.reshuffle(len, &mut self.rng);
                continue;
            };
            let e = self.entry(target);
            if target == self.id || !matches!(e.state(), MemberState::Alive | MemberState::Suspect)
            {
                continue;
            }
            self.seq += 1;
            let buddy = (e.state() == MemberState::Suspect && cx.timing.config.lifeguard.buddy)
                .then_some(Update::Suspect {
                    member: target,
                    incarnation: e.incarnation(),
                    from: self.id,
                });
            let t = cx.tick;
            let interval = self.awareness.scale(cx.timing.probe);
            self.probe = Some(Probe {
                target,
                seq: self.seq,
                sent: t,
                timeout_at: t + cx.timing.timeout,
                deadline: t + interval,
                expected_nacks: 0,
                nacks: 0,
            });
            self.send(
                target,
                Message::Ping {
                    seq: self.seq,
                    buddy,
                },
                cx,
            );
            return;
        }
    }

    /// Asks `IndirectChecks` random alive members (not itself, not the target) to ping-req.
    fn ask_relays(&mut self, p: Probe, cx: &mut Ctx) {
        let k = cx.timing.config.indirect_checks;
        let relays =
            self.random_members(k, |m, e| m != p.target && e.state() == MemberState::Alive);
        if let Some(q) = self.probe.as_mut() {
            q.expected_nacks = relays.len() as u32;
        }
        for r in relays {
            self.send(
                r,
                Message::PingReq {
                    seq: p.seq,
                    target: p.target,
                },
                cx,
            );
        }
    }

    /// No ack by the deadline: awareness rises and the target becomes suspect.
    fn probe_failed(&mut self, p: Probe, cx: &mut Ctx) {
        self.probe = None;
        let delta = if p.expected_nacks > 0 {
            (p.expected_nacks - p.nacks.min(p.expected_nacks)) as i32
        } else {
            1
        };
        self.awareness
            .apply(delta, cx.timing.config.awareness_cap());
        cx.events.push(SwimEvent::ProbeFailed {
            node: self.id,
            target: p.target,
        });
        let inc = self.entry(p.target).incarnation();
        self.on_suspect(p.target, inc, self.id, cx);
    }

    /// A ping: ack at once (the ack piggybacks too), then take the buddy suspicion.
    pub fn on_ping(&mut self, from: u32, seq: u32, buddy: Option<Update>, cx: &mut Ctx) {
        self.send(from, Message::Ack { seq }, cx);
        if let Some(u) = buddy {
            self.apply(u, cx);
        }
    }

    /// An ack: completes the probe it answers, or is forwarded if it answers a relayed ping.
    pub fn on_ack(&mut self, seq: u32, cx: &mut Ctx) {
        if let Some(p) = self.probe {
            if p.seq == seq {
                self.probe = None;
                self.awareness.apply(-1, cx.timing.config.awareness_cap());
                return;
            }
        }
        if let Some(i) = self.relays.iter().position(|r| r.seq == seq) {
            let r = self.relays.swap_remove(i);
            self.send(r.origin, Message::IndirectAck { seq: r.origin_seq }, cx);
        }
    }

    /// A nack from a relay: counted against the awareness penalty of a failing probe.
    pub fn on_nack(&mut self, seq: u32) {
        if let Some(p) = self.probe.as_mut() {
            if p.seq == seq {
                p.nacks += 1;
            }
        }
    }

    /// A ping-req: ping the target with a sequence number of its own, and wait one probe
    /// timeout for its ack.
    pub fn on_ping_req(&mut self, from: u32, seq: u32, target: u32, cx: &mut Ctx) {
        self.seq += 1;
        self.relays.push(Relay {
            seq: self.seq,
            origin: from,
            origin_seq: seq,
            expires: cx.tick + cx.timing.timeout,
        });
        self.send(
            target,
            Message::Ping {
                seq: self.seq,
                buddy: None,
            },
            cx,
        );
    }
}

impl SwimNode {
    /// Fires the suspicion timers due: a member still suspect at the suspected incarnation
    /// is confirmed dead, by this node, and the dead message spreads (`state.go
    /// suspectNode`'s timer callback).
    pub fn suspicion_tick(&mut self, cx: &mut Ctx) {
        let due: Vec<(u32, u32)> = self
            .suspicions
            .iter()
            .filter(|s| s.deadline <= cx.tick)
            .map(|s| (s.member, s.incarnation))
            .collect();
        for (member, incarnation) in due {
            let e = self.entry(member);
            if e.state() == MemberState::Suspect && e.incarnation() == incarnation {
                cx.events.push(SwimEvent::Confirm {
                    observer: self.id,
                    member,
                    incarnation,
                });
                self.on_dead(member, incarnation, self.id, cx);
            } else {
                self.suspicions.retain(|s| s.member != member);
            }
        }
    }
}
