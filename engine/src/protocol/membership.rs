//! Gossip-style failure detection (van Renesse, Minsky, Hayden 1998).
//!
//! Every node keeps a table member → (heartbeat, round of its last increase). Each round an
//! alive node bumps its own heartbeat, then sends its table to `fanout` members it does not
//! consider failed; the receiver keeps, per member, the larger heartbeat, and notes the round
//! whenever a heartbeat grows. A member whose heartbeat has not grown for `t_fail` rounds is
//! considered failed: it is no longer picked or gossiped. After `t_cleanup` silent rounds
//! (counted, as in the paper, from the last increase, with `t_cleanup > t_fail`) it is
//! forgotten. A new node joins knowing only itself and a seed node, and the rest of the
//! cluster learns of it by gossip.

use super::{HEADER_BYTES, MEMBER_ENTRY_BYTES, RoundCtx, contact};
use crate::config::Protocol;
use crate::message::NONE;
use crate::report::{Belief, ContactKind, Detection};
use crate::rng::{Purpose, stream};
use crate::simulation::Simulation;

const ABSENT: u8 = 0;
const PRESENT: u8 = 1;
const FORGOTTEN: u8 = 2;

/// One entry of a node's member table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Member {
    /// Highest heartbeat seen for the member.
    pub heartbeat: u32,
    /// Round in which that heartbeat last increased (as seen by the table's owner).
    pub last_increase: u32,
    status: u8,
}

impl Member {
    const ABSENT: Member = Member {
        heartbeat: 0,
        last_increase: NONE,
        status: ABSENT,
    };

    fn present(heartbeat: u32, round: u32) -> Member {
        Member {
            heartbeat,
            last_increase: round,
            status: PRESENT,
        }
    }

    /// Whether the entry is in the table.
    pub fn is_present(&self) -> bool {
        self.status == PRESENT
    }

    fn silent(&self, round: u32) -> u32 {
        round.saturating_sub(self.last_increase)
    }
}

/// Every node's member table, an N × N matrix stored row-major (row = observer).
#[derive(Clone, Debug, PartialEq)]
pub struct Membership {
    n: u32,
    table: Vec<Member>,
}

impl Membership {
    /// Everyone knows everyone at round 0, heartbeats 0.
    pub(crate) fn new(n: u32) -> Self {
        Membership {
            n,
            table: vec![Member::present(0, 0); (n as usize) * (n as usize)],
        }
    }

    #[inline]
    fn idx(&self, observer: u32, subject: u32) -> usize {
        observer as usize * self.n as usize + subject as usize
    }

    /// The entry of `subject` in `observer`'s table.
    pub fn entry(&self, observer: u32, subject: u32) -> Member {
        self.table[self.idx(observer, subject)]
    }

    /// The row of `observer`: (member, entry) for every member present in its table.
    pub fn row(&self, observer: u32) -> Vec<(u32, Member)> {
        (0..self.n)
            .map(|s| (s, self.entry(observer, s)))
            .filter(|(_, e)| e.is_present())
            .collect()
    }

    /// What `observer` believes about `subject` at `round`.
    pub fn belief(&self, observer: u32, subject: u32, round: u32, protocol: &Protocol) -> Belief {
        if observer == subject {
            return Belief::Alive;
        }
        let t_fail = match protocol {
            Protocol::Membership { t_fail, .. } => *t_fail,
            _ => u32::MAX,
        };
        let e = self.entry(observer, subject);
        match e.status {
            PRESENT if e.silent(round) >= t_fail => Belief::Failed,
            PRESENT => Belief::Alive,
            FORGOTTEN => Belief::Forgotten,
            _ => Belief::Unknown,
        }
    }

    /// A node comes back. Having been down it has no news, so every entry's silence restarts
    /// now; with amnesia it knows only itself and a seed, as a joining node does.
    pub(crate) fn revive(&mut self, node: u32, amnesia: bool, round: u32) {
        let seed = if node == 0 { 1 } else { 0 };
        for s in 0..self.n {
            let i = self.idx(node, s);
            let e = &mut self.table[i];
            if amnesia && s != node && s != seed {
                *e = Member::ABSENT;
            } else if amnesia && s == seed {
                *e = Member::present(0, round);
            } else if e.is_present() {
                e.last_increase = round;
            }
        }
    }

    /// Adds a node that knows only itself and `seed`.
    pub(crate) fn join(&mut self, seed: u32, round: u32) {
        let (old, n) = (self.n as usize, self.n as usize + 1);
        let mut table = vec![Member::ABSENT; n * n];
        for o in 0..old {
            table[o * n..o * n + old].copy_from_slice(&self.table[o * old..(o + 1) * old]);
        }
        table[(n - 1) * n + (n - 1)] = Member::present(0, round);
        table[(n - 1) * n + seed as usize] = Member::present(0, round);
        self.table = table;
        self.n = n as u32;
    }
}

/// Runs one round of heartbeat gossip and failure detection.
pub(crate) fn round(sim: &mut Simulation, ctx: &mut RoundCtx, t_fail: u32, t_cleanup: u32) {
    let Some(mut ms) = sim.membership.take() else {
        return;
    };
    let n = ms.n;
    let r = ctx.round;
    for a in 0..n {
        if sim.alive[a as usize] {
            let i = ms.idx(a, a);
            ms.table[i].heartbeat += 1;
            ms.table[i].last_increase = r;
        }
    }
    // Everyone sends the table it held after its own bump; merges land in `ms`.
    let snapshot = ms.clone();
    let mut candidates = Vec::new();
    let mut picks = Vec::new();
    for a in 0..n {
        if !sim.alive[a as usize] {
            continue;
        }
        candidates.clear();
        candidates.extend((0..n).filter(|&s| {
            let e = snapshot.entry(a, s);
            s != a && e.is_present() && e.silent(r) < t_fail
        }));
        let gossiped = candidates.len() as u64 + 1;
        let mut rng = stream(sim.seed, r, a, Purpose::Peers);
        rng.distinct(candidates.len() as u32, sim.config.fanout, &mut picks);
        for &pi in &picks {
            let b = candidates[pi as usize];
            let ok = sim.arrives(a, b, &mut rng);
            let mut useful = false;
            if ok {
                for s in 0..n {
                    let src = snapshot.entry(a, s);
                    if !src.is_present() || src.silent(r) >= t_fail {
                        continue;
                    }
                    let i = ms.idx(b, s);
                    let dst = &mut ms.table[i];
                    if !dst.is_present() {
                        *dst = Member::present(src.heartbeat, r);
                        useful = true;
                        if ctx.record {
                            ctx.report.detections.push(Detection {
                                observer: b,
                                subject: s,
                                belief: Belief::Alive,
                            });
                        }
                    } else if src.heartbeat > dst.heartbeat {
                        let revived = dst.silent(r) >= t_fail;
                        dst.heartbeat = src.heartbeat;
                        dst.last_increase = r;
                        useful = true;
                        if revived && ctx.record {
                            ctx.report.detections.push(Detection {
                                observer: b,
                                subject: s,
                                belief: Belief::Alive,
                            });
                        }
                    }
                }
            }
            ctx.leg(
                contact(a, b, ContactKind::Heartbeat, ok, useful),
                HEADER_BYTES + MEMBER_ENTRY_BYTES * gossiped,
                0,
            );
        }
    }
    // Failure detection and cleanup, by each alive observer's own clock.
    for o in 0..n {
        if !sim.alive[o as usize] {
            continue;
        }
        for s in 0..n {
            if s == o {
                continue;
            }
            let i = ms.idx(o, s);
            let e = &mut ms.table[i];
            if !e.is_present() {
                continue;
            }
            let silent = e.silent(r);
            let belief = if silent >= t_cleanup {
                e.status = FORGOTTEN;
                e.last_increase = NONE;
                Belief::Forgotten
            } else if silent == t_fail {
                Belief::Failed
            } else {
                continue;
            };
            if ctx.record {
                ctx.report.detections.push(Detection {
                    observer: o,
                    subject: s,
                    belief,
                });
            }
        }
    }
    sim.membership = Some(ms);
}
