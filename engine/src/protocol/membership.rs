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

use super::{HEADER_BYTES, MEMBER_ENTRY_BYTES};
use crate::cluster::Cluster;
use crate::config::{Config, Protocol};
use crate::message::NONE;
use crate::report::{Belief, ContactKind, Detection};
use crate::rng::{Purpose, stream};
use crate::round::{RoundCtx, contact};
use crate::round_time::RoundTime;
use crate::schedule::Schedule;

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
    /// Tables on the wire, under a time model with latency.
    in_flight: Option<Schedule<Gossiped>>,
}

/// A member table on its way: what the sender held of every member it did not consider
/// failed, as (member, heartbeat).
#[derive(Clone, Debug, PartialEq)]
struct Gossiped {
    to: u32,
    entries: Vec<(u32, u32)>,
}

impl Membership {
    /// Everyone knows everyone at round 0, heartbeats 0. With `latency`, tables take time
    /// to land and wait on the wire.
    pub(crate) fn new(n: u32, latency: bool) -> Self {
        Membership {
            n,
            table: vec![Member::present(0, 0); (n as usize) * (n as usize)],
            in_flight: latency.then(|| Schedule::new(1, 8)),
        }
    }

    /// Tables sent but not yet landed.
    pub fn in_flight(&self) -> usize {
        self.in_flight.as_ref().map_or(0, Schedule::len)
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

    /// What `observer` believes about `subject` after step `round` of a run of `config`.
    pub fn belief(&self, observer: u32, subject: u32, round: u32, config: &Config) -> Belief {
        if observer == subject {
            return Belief::Alive;
        }
        let t_fail = match config.protocol {
            Protocol::Membership { t_fail, .. } => t_fail.saturating_mul(config.round_ticks()),
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

/// The clocks of one step of heartbeat membership, in ticks.
pub(crate) struct Timers<'a> {
    /// Whether this tick is a gossip round (every tick in the abstract model).
    pub gossips: bool,
    /// Ticks of silence before a member is considered failed (`t_fail` rounds).
    pub t_fail: u32,
    /// Ticks of silence before it is forgotten (`t_cleanup` rounds).
    pub t_cleanup: u32,
    /// The time model, when tables take time to land.
    pub time: Option<&'a RoundTime>,
}

/// Runs one step of heartbeat gossip and failure detection: on a gossip round each alive
/// node bumps its heartbeat and sends its table; tables on the wire land; then every alive
/// observer checks its clocks.
pub(crate) fn round(
    cluster: &Cluster,
    ms: &mut Membership,
    ctx: &mut RoundCtx,
    fanout: u32,
    timers: &Timers,
) {
    if timers.gossips {
        gossip(cluster, ms, ctx, fanout, timers);
    }
    if let Some(flight) = &mut ms.in_flight {
        let landing = flight.take(Vec::new());
        for t in landing {
            if cluster.alive[t.to as usize] {
                let entries = t.entries.iter().copied();
                merge(ms, t.to, entries, timers.t_fail, ctx);
            }
        }
    }
    detect(cluster, ms, ctx, timers);
}

/// Every alive node bumps its own heartbeat and sends the table it then holds to `fanout`
/// members it does not consider failed. Without latency the receiver merges it at once.
fn gossip(
    cluster: &Cluster,
    ms: &mut Membership,
    ctx: &mut RoundCtx,
    fanout: u32,
    timers: &Timers,
) {
    let (n, r, t_fail) = (ms.n, ctx.round, timers.t_fail);
    for a in 0..n {
        if cluster.alive[a as usize] {
            let i = ms.idx(a, a);
            ms.table[i].heartbeat += 1;
            ms.table[i].last_increase = r;
        }
    }
    // Everyone sends the table it held after its own bump; merges land in `ms`.
    let snapshot = ms.table.clone();
    let row = |a: u32| {
        let start = a as usize * n as usize;
        snapshot[start..start + n as usize]
            .iter()
            .enumerate()
            .filter(move |(_, e)| e.is_present() && e.silent(r) < t_fail)
            .map(|(s, e)| (s as u32, e.heartbeat))
    };
    let mut candidates = Vec::new();
    let mut picks = Vec::new();
    for a in 0..n {
        if !cluster.alive[a as usize] {
            continue;
        }
        candidates.clear();
        candidates.extend(row(a).map(|(s, _)| s).filter(|&s| s != a));
        let gossiped = candidates.len() as u64 + 1;
        let mut rng = stream(cluster.seed, ctx.draws, a, Purpose::Peers);
        rng.distinct(candidates.len() as u32, fanout, &mut picks);
        for &pi in &picks {
            let b = candidates[pi as usize];
            let ok = cluster.arrives(a, b, &mut rng);
            let wait = timers.time.map_or(0, |t| t.delay(cluster.seed, r, a, b, 1));
            let useful = match (ok, wait, &mut ms.in_flight) {
                (false, ..) => false,
                (true, 0, _) | (true, _, None) => merge(ms, b, row(a), t_fail, ctx),
                (true, wait, Some(flight)) => {
                    let entries: Vec<(u32, u32)> = row(a).collect();
                    let useful = entries.iter().any(|&(s, hb)| {
                        let e = ms.table[b as usize * n as usize + s as usize];
                        !e.is_present() || hb > e.heartbeat
                    });
                    flight.push(r + wait, Gossiped { to: b, entries });
                    useful
                }
            };
            ctx.leg(
                contact(a, b, ContactKind::Heartbeat, ok, useful),
                HEADER_BYTES + MEMBER_ENTRY_BYTES * gossiped,
                0,
            );
        }
    }
}

/// Merges a received table (member, heartbeat) into `b`'s: per member the larger heartbeat,
/// noting the tick whenever it grows. Returns whether anything was new.
fn merge(
    ms: &mut Membership,
    b: u32,
    entries: impl Iterator<Item = (u32, u32)>,
    t_fail: u32,
    ctx: &mut RoundCtx,
) -> bool {
    let r = ctx.round;
    let mut useful = false;
    for (s, heartbeat) in entries {
        let i = ms.idx(b, s);
        let dst = &mut ms.table[i];
        let seen = if !dst.is_present() {
            *dst = Member::present(heartbeat, r);
            true
        } else if heartbeat > dst.heartbeat {
            let revived = dst.silent(r) >= t_fail;
            dst.heartbeat = heartbeat;
            dst.last_increase = r;
            revived
        } else {
            continue;
        };
        useful = true;
        if seen && ctx.record {
            ctx.report.detections.push(Detection {
                observer: b,
                subject: s,
                belief: Belief::Alive,
            });
        }
    }
    useful
}

/// Failure detection and cleanup, by each alive observer's own clock.
fn detect(cluster: &Cluster, ms: &mut Membership, ctx: &mut RoundCtx, timers: &Timers) {
    let (n, r) = (ms.n, ctx.round);
    for o in 0..n {
        if !cluster.alive[o as usize] {
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
            let belief = if silent >= timers.t_cleanup {
                e.status = FORGOTTEN;
                e.last_increase = NONE;
                Belief::Forgotten
            } else if silent == timers.t_fail {
                // Checked every tick, so the silence passes `t_fail` exactly once.
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
}
