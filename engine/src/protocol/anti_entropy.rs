//! Anti-entropy (Demers et al. 1987): every alive node reconciles with `fanout` peers every
//! round, forever, so every update eventually reaches every node that stays connected.
//!
//! One contact between initiator `a` and peer `b` is a short conversation of legs, each of
//! which can be lost (and then the conversation stops):
//!
//! | mode | incremental sync | full sync |
//! |---|---|---|
//! | push | a→b digest; b→a request for what it lacks; a→b those values | a→b every value |
//! | pull | a→b digest; b→a the values a lacks | a→b request; b→a every value |
//! | push-pull | a→b digest; b→a values a lacks + request; a→b values b lacks | a→b every value; b→a every value |
//!
//! Digests carry (id, version) per entry and no values, so once the cluster agrees an
//! incremental contact costs one small digest where full sync resends everything.

use super::{DIGEST_ENTRY_BYTES, Delivery, ENTRY_BYTES, HEADER_BYTES, RoundCtx, contact};
use crate::config::{Mode, Sync};
use crate::report::{ContactKind, Traffic};
use crate::rng::{Purpose, Stream, stream};
use crate::simulation::Simulation;

/// Runs one anti-entropy round. With `repair`, this is the occasional exchange of the hybrid
/// protocol, drawn from its own random stream so that it does not disturb rumor contacts.
pub(crate) fn round(
    sim: &Simulation,
    ctx: &mut RoundCtx,
    mode: Mode,
    sync: Sync,
    fanout: u32,
    repair: bool,
) {
    let purpose = if repair {
        Purpose::Repair
    } else {
        Purpose::Peers
    };
    if !ctx.record
        && mode == Mode::Push
        && ctx.deliveries.is_empty()
        && sim.messages.len() == 1
        && sim.messages[0].versions.len() == 1
    {
        one_message_push(sim, ctx, sync, fanout, purpose);
        return;
    }
    let tables = Tables::new(sim);
    let mut peers = std::mem::take(&mut ctx.peers);
    for a in 0..sim.nodes() {
        if !sim.alive[a as usize] {
            continue;
        }
        let own = tables.own(sim, a);
        let mut rng = stream(sim.seed, ctx.round, a, purpose);
        sim.pick_peers(a, fanout, &mut rng, &mut peers);
        for &b in &peers {
            exchange(sim, ctx, &tables, own, &mut rng, a, b, mode, sync);
        }
    }
    ctx.peers = peers;
}

/// Per message, per held version (index + 1; 0 = nothing): its rank in the supersedes order
/// and its payload size. Computed once per round, so a contact compares two integers instead
/// of two versions and reads no string lengths.
struct Tables {
    /// `rank[s][v]`: 0 for v = 0; equal (number, origin) keys share a rank, so
    /// `rank[s][x] > rank[s][y]` exactly when [`crate::message::MessageSlot::newer`]`(x, y)`.
    rank: Vec<Vec<u32>>,
    /// `bytes[s][v]`: [`ENTRY_BYTES`] plus the content length; 0 for v = 0.
    bytes: Vec<Vec<u64>>,
}

/// What an initiator holds, computed once for all its contacts.
#[derive(Clone, Copy)]
struct Own {
    held: u64,
    bytes: u64,
}

impl Tables {
    fn new(sim: &Simulation) -> Self {
        let mut rank = Vec::with_capacity(sim.messages.len());
        let mut bytes = Vec::with_capacity(sim.messages.len());
        for m in &sim.messages {
            let key = |i: usize| (m.versions[i].number, m.versions[i].origin);
            let mut order: Vec<usize> = (0..m.versions.len()).collect();
            order.sort_by_key(|&i| key(i));
            let mut r = vec![0u32; m.versions.len() + 1];
            let mut next = 0;
            for (j, &i) in order.iter().enumerate() {
                if j == 0 || key(order[j - 1]) != key(i) {
                    next += 1;
                }
                r[i + 1] = next;
            }
            rank.push(r);
            let mut b = vec![0u64];
            b.extend(
                m.versions
                    .iter()
                    .map(|v| ENTRY_BYTES + v.content.len() as u64),
            );
            bytes.push(b);
        }
        Tables { rank, bytes }
    }

    fn own(&self, sim: &Simulation, a: u32) -> Own {
        let mut own = Own { held: 0, bytes: 0 };
        for (s, m) in sim.messages.iter().enumerate() {
            let v = m.held[a as usize] as usize;
            if v != 0 {
                own.held += 1;
                own.bytes += self.bytes[s][v];
            }
        }
        own
    }
}

/// What one side holds that the other lacks.
#[derive(Default)]
struct Diff {
    /// Entries held by a and by b.
    held_a: u64,
    held_b: u64,
    /// Entries where a is newer than b, and their payload bytes.
    a_newer: u64,
    a_newer_bytes: u64,
    b_newer: u64,
    b_newer_bytes: u64,
    /// Payload bytes of everything a holds, and of everything b holds.
    all_a_bytes: u64,
    all_b_bytes: u64,
}

fn diff(sim: &Simulation, t: &Tables, own: Own, a: u32, b: u32) -> Diff {
    let mut d = Diff {
        held_a: own.held,
        all_a_bytes: own.bytes,
        ..Diff::default()
    };
    for ((m, rank), bytes) in sim.messages.iter().zip(&t.rank).zip(&t.bytes) {
        let (va, vb) = (m.held[a as usize] as usize, m.held[b as usize] as usize);
        if vb != 0 {
            d.held_b += 1;
            d.all_b_bytes += bytes[vb];
        }
        let (ra, rb) = (rank[va], rank[vb]);
        if ra > rb {
            d.a_newer += 1;
            d.a_newer_bytes += bytes[va];
        } else if rb > ra {
            d.b_newer += 1;
            d.b_newer_bytes += bytes[vb];
        }
    }
    d
}

/// Queues every value `from` holds newer than `to`.
fn send_newer(sim: &Simulation, ctx: &mut RoundCtx, t: &Tables, from: u32, to: u32) {
    for (s, (m, rank)) in sim.messages.iter().zip(&t.rank).enumerate() {
        let (vf, vt) = (m.held[from as usize], m.held[to as usize]);
        if rank[vf as usize] > rank[vt as usize] {
            ctx.deliveries.push(Delivery {
                slot: s as u32,
                node: to,
                version: vf,
                from,
            });
        }
    }
}

/// One contact from `a` to `b`, leg by leg.
#[allow(clippy::too_many_arguments)]
fn exchange(
    sim: &Simulation,
    ctx: &mut RoundCtx,
    t: &Tables,
    own: Own,
    rng: &mut Stream,
    a: u32,
    b: u32,
    mode: Mode,
    sync: Sync,
) {
    use ContactKind::{Digest, Pull, Push, Request};
    let d = diff(sim, t, own, a, b);
    match sync {
        Sync::Incremental => {
            let ok = sim.arrives(a, b, rng);
            ctx.leg(
                contact(a, b, Digest, ok, false),
                HEADER_BYTES + DIGEST_ENTRY_BYTES * d.held_a,
                0,
            );
            if !ok {
                return;
            }
            let want_a = mode.pulls() && d.b_newer > 0;
            let want_b = mode.pushes() && d.a_newer > 0;
            if !want_a && !want_b {
                return;
            }
            // b answers: the values a lacks (pull) and/or the list of what b wants (push).
            let request = if want_b {
                DIGEST_ENTRY_BYTES * d.a_newer
            } else {
                0
            };
            let ok = sim.arrives(b, a, rng);
            if want_a {
                ctx.leg(
                    contact(b, a, Pull, ok, true),
                    HEADER_BYTES + request,
                    d.b_newer_bytes,
                );
                if ok {
                    send_newer(sim, ctx, t, b, a);
                }
            } else {
                ctx.leg(contact(b, a, Request, ok, false), HEADER_BYTES + request, 0);
            }
            if !ok || !want_b {
                return;
            }
            let ok = sim.arrives(a, b, rng);
            ctx.leg(contact(a, b, Push, ok, true), HEADER_BYTES, d.a_newer_bytes);
            if ok {
                send_newer(sim, ctx, t, a, b);
            }
        }
        Sync::Full => {
            let ok = if mode.pushes() && d.held_a > 0 {
                let ok = sim.arrives(a, b, rng);
                ctx.leg(
                    contact(a, b, Push, ok, d.a_newer > 0),
                    HEADER_BYTES,
                    d.all_a_bytes,
                );
                if ok {
                    send_newer(sim, ctx, t, a, b);
                }
                ok
            } else if mode.pulls() {
                let ok = sim.arrives(a, b, rng);
                ctx.leg(contact(a, b, Request, ok, false), HEADER_BYTES, 0);
                ok
            } else {
                false
            };
            if ok && mode.pulls() && d.held_b > 0 {
                let ok = sim.arrives(b, a, rng);
                ctx.leg(
                    contact(b, a, Pull, ok, d.b_newer > 0),
                    HEADER_BYTES,
                    d.all_b_bytes,
                );
                if ok {
                    send_newer(sim, ctx, t, b, a);
                }
            }
        }
    }
}

/// Counts one leg into a local tally, exactly as [`RoundCtx::leg`] does without recording.
#[inline(always)]
fn tally(
    t: &mut Traffic,
    updates: bool,
    delivered: bool,
    useful: bool,
    digest_bytes: u64,
    payload_bytes: u64,
) {
    t.messages += 1;
    t.digest_bytes += digest_bytes;
    t.payload_bytes += payload_bytes;
    if updates {
        t.updates += 1;
        if delivered {
            if useful {
                t.useful += 1;
            } else {
                t.redundant += 1;
            }
        }
    }
    if !delivered {
        t.lost += 1;
    }
}

/// The batch-run fast path: one message with one version, push, recording off. It produces
/// exactly the traffic and end-of-round state of the general path (same random draws, same
/// legs in the same order, same first sender per receiver), with four shortcuts:
/// - A node that holds nothing sends digests of an empty table (incremental) or nothing
///   (full). When no leg can be lost (no loss, partition or dead node), which peers it picks
///   changes nothing, so its random stream is not even drawn.
/// - Initiators are handled in batches: first their peers are picked, then the peers'
///   columns are read in one tight loop with no branch on the values, so the cache misses
///   overlap; then the contacts are played in order.
/// - A receiver is queued once per round: with a single version every later delivery to it
///   would be a no-op, so only the first sender (the one recorded as the source) is kept.
/// - The deliveries, one per receiver, are then grouped by blocks of receiver ids, so the
///   end-of-round writes walk the per-node columns nearly in order instead of at random.
fn one_message_push(
    sim: &Simulation,
    ctx: &mut RoundCtx,
    sync: Sync,
    fanout: u32,
    purpose: Purpose,
) {
    let m = &sim.messages[0];
    let held = &m.held[..];
    let sure = sim.loss <= 0.0 && sim.group.is_empty() && sim.dead == 0;
    let n = sim.nodes();
    let mut peers = std::mem::take(&mut ctx.peers);
    let mut push = OnePush {
        sim,
        sync,
        payload: ENTRY_BYTES + m.versions[0].content.len() as u64,
        queued: vec![0u64; (n as usize).div_ceil(64)],
        deliveries: std::mem::take(&mut ctx.deliveries),
        traffic: Traffic::default(),
        batch: Vec::with_capacity(BATCH),
        targets: Vec::with_capacity(BATCH * fanout as usize),
        target_held: Vec::with_capacity(BATCH * fanout as usize),
    };
    for a in 0..n {
        let ai = a as usize;
        if !sim.alive[ai] {
            continue;
        }
        let va = held[ai];
        if va == 0 {
            if sync == Sync::Full {
                // A full-sync push with nothing to send is no contact at all.
                continue;
            }
            if sure {
                let legs = u64::from(fanout.min(sim.topology.degree(a)));
                push.traffic.messages += legs;
                push.traffic.digest_bytes += legs * HEADER_BYTES;
                continue;
            }
        }
        let mut rng = stream(sim.seed, ctx.round, a, purpose);
        sim.pick_peers(a, fanout, &mut rng, &mut peers);
        push.batch.push(Initiator {
            a,
            va,
            rng,
            peers: peers.len() as u32,
        });
        push.targets.extend_from_slice(&peers);
        if push.batch.len() == BATCH {
            push.flush();
        }
    }
    push.flush();
    ctx.report.traffic.add(&push.traffic);
    let mut deliveries = push.deliveries;
    group_by_receiver_block(&mut deliveries, n);
    ctx.deliveries = deliveries;
    ctx.peers = peers;
}

/// Initiators per batch of [`one_message_push`].
const BATCH: usize = 64;

/// An initiator whose peers are picked and whose contacts are still to be played.
struct Initiator {
    a: u32,
    /// The version it holds (0: none).
    va: u32,
    /// Its stream, after the peer draws: the loss draws continue from it.
    rng: Stream,
    peers: u32,
}

/// The state of one [`one_message_push`] round.
struct OnePush<'a> {
    sim: &'a Simulation,
    sync: Sync,
    payload: u64,
    /// One bit per node: already queued for delivery this round.
    queued: Vec<u64>,
    deliveries: Vec<Delivery>,
    traffic: Traffic,
    batch: Vec<Initiator>,
    /// The peers of the batch's initiators, in order, and what each holds.
    targets: Vec<u32>,
    target_held: Vec<u32>,
}

impl OnePush<'_> {
    /// Plays the contacts of the batch, in initiator order then peer order.
    fn flush(&mut self) {
        let sim = self.sim;
        let held = &sim.messages[0].held[..];
        // The gather: independent loads, so their cache misses overlap.
        self.target_held.clear();
        self.target_held
            .extend(self.targets.iter().map(|&b| held[b as usize]));
        let mut i = 0;
        for init in &mut self.batch {
            let a = init.a;
            let va = init.va;
            for j in i..i + init.peers as usize {
                let b = self.targets[j];
                let lacks = va != 0 && self.target_held[j] == 0;
                let t = &mut self.traffic;
                let rng = &mut init.rng;
                let delivered = match self.sync {
                    Sync::Incremental => {
                        let ok = sim.arrives(a, b, rng);
                        tally(
                            t,
                            false,
                            ok,
                            false,
                            HEADER_BYTES + DIGEST_ENTRY_BYTES * u64::from(va != 0),
                            0,
                        );
                        if !ok || !lacks {
                            continue;
                        }
                        let ok = sim.arrives(b, a, rng);
                        tally(t, false, ok, false, HEADER_BYTES + DIGEST_ENTRY_BYTES, 0);
                        if !ok {
                            continue;
                        }
                        let ok = sim.arrives(a, b, rng);
                        tally(t, true, ok, true, HEADER_BYTES, self.payload);
                        ok
                    }
                    Sync::Full => {
                        let ok = sim.arrives(a, b, rng);
                        tally(t, true, ok, lacks, HEADER_BYTES, self.payload);
                        ok && lacks
                    }
                };
                if delivered {
                    let (w, bit) = (b as usize / 64, 1u64 << (b % 64));
                    if self.queued[w] & bit == 0 {
                        self.queued[w] |= bit;
                        self.deliveries.push(Delivery {
                            slot: 0,
                            node: b,
                            version: va,
                            from: a,
                        });
                    }
                }
            }
            i += init.peers as usize;
        }
        self.batch.clear();
        self.targets.clear();
    }
}

/// Reorders deliveries by blocks of 4096 receiver ids (a stable counting sort). Only valid
/// when their order does not matter: at most one delivery per receiver, nothing recorded.
fn group_by_receiver_block(d: &mut Vec<Delivery>, n: u32) {
    const SHIFT: u32 = 12;
    if d.len() < 1 << SHIFT {
        return;
    }
    let blocks = (n >> SHIFT) as usize + 1;
    let mut start = vec![0usize; blocks + 1];
    for x in d.iter() {
        start[(x.node >> SHIFT) as usize + 1] += 1;
    }
    for i in 1..start.len() {
        start[i] += start[i - 1];
    }
    let mut out = vec![d[0]; d.len()];
    for x in d.iter() {
        let slot = &mut start[(x.node >> SHIFT) as usize];
        out[*slot] = *x;
        *slot += 1;
    }
    *d = out;
}
