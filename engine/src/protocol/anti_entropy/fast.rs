//! The batch-run fast path of anti-entropy: one message with one version, push, contact
//! recording off. It produces exactly the traffic and end-of-round state of the general path
//! in `anti_entropy.rs`; it exists because this is the case every large batch experiment runs,
//! and the general path's per-contact version lookups miss the cache at 10^6 nodes.

use super::super::{DIGEST_ENTRY_BYTES, ENTRY_BYTES, HEADER_BYTES, bit_positions};
use crate::cluster::Cluster;
use crate::config::Sync;
use crate::messages::Messages;
use crate::report::Traffic;
use crate::rng::{Purpose, StreamKey};
use crate::round::{Receivers, RoundCtx};
use crate::topology::Topology;

/// The batch-run fast path: one message with one version, push, recording off. It produces
/// exactly the traffic and end-of-round state of the general path (same random draws, same
/// legs, same first sender per receiver), with these shortcuts:
/// - With one version, "holds it" is one bit. The round starts by packing the `held` column
///   into a bitmap (1/32 of its size, so a contact's lookup stays in cache instead of
///   missing on a random read), interleaved with a second bitmap of the holders and the
///   receivers already queued this round, so both lookups of a contact hit the same cache
///   line.
/// - Nodes are scanned 64 at a time as bit masks (alive, holding), so a random half of
///   holders costs no branch misprediction per node.
/// - A node that holds nothing sends digests of an empty table (incremental) or nothing
///   (full). When no leg can be lost (no loss, partition or dead node), which peers it picks
///   changes nothing, so its random stream is not even drawn: its legs are only counted.
///   Likewise the legs of holders then depend only on whether each peer lacks the message,
///   so they are counted per round, without a branch per contact.
/// - A receiver is queued once per round: with a single version every later delivery to it
///   would be a no-op, so only the first sender (the one recorded as the source) is kept.
///   The deliveries are kept in bulk ([`Receivers`]): the queued bitmap and a sender per
///   node, so the end of the round applies them in node order, walking the per-node
///   columns front to back instead of at random.
pub(super) fn one_message_push(
    cluster: &Cluster,
    msgs: &Messages,
    ctx: &mut RoundCtx,
    sync: Sync,
    fanout: u32,
    purpose: Purpose,
) {
    let m = &msgs.slots[0];
    let n = cluster.nodes();
    let sure = cluster.loss <= 0.0 && cluster.group.is_empty() && cluster.dead == 0;
    // Non-holders either act like everyone else, or are only counted (`idle`), or do nothing.
    let (act_empty, count_empty) = match sync {
        Sync::Incremental => (!sure, sure),
        Sync::Full => (false, false),
    };
    let complete = matches!(cluster.topology, Topology::Complete { .. });
    // Per 64 nodes: [holders, holders and queued], and the queued receivers with their
    // first senders.
    let mut receivers = Receivers::take(&m.held);
    let Receivers { bits, staged, .. } = &mut receivers;
    let (bits, staged) = (&mut bits[..], &mut staged[..]);
    let mut queued = 0usize;
    let payload = ENTRY_BYTES + m.versions[0].content.len() as u64;
    let key = StreamKey::new(cluster.seed, purpose);
    let mut t = Traffic::default();
    let (mut contacts, mut lacking) = (0u64, 0u64);
    let mut peer_buf = [0u32; crate::config::MAX_FANOUT as usize];
    // The case of every large batch run, with the fanout known at compile time.
    let sure_complete = if sure && complete {
        let args = (
            &mut *bits,
            &mut *staged,
            cluster,
            key,
            ctx.draws,
            count_empty,
        );
        match fanout.min(n - 1) {
            1 => Some(sure_complete::<1>(args)),
            2 => Some(sure_complete::<2>(args)),
            3 => Some(sure_complete::<3>(args)),
            4 => Some(sure_complete::<4>(args)),
            _ => None,
        }
    } else {
        None
    };
    if let Some(tally) = sure_complete {
        t.messages += tally.idle_legs;
        t.digest_bytes += tally.idle_legs * HEADER_BYTES;
        (contacts, lacking, queued) = (tally.contacts, tally.lacking, tally.queued);
    }
    // Otherwise, node by node with the fanout only known at run time.
    let words = if sure_complete.is_some() {
        0
    } else {
        bits.len()
    };
    for w in 0..words {
        let base = w as u32 * 64;
        let alive = cluster.alive_word(w);
        let holds = bits[w][0];
        let acting = alive & (holds | if act_empty { u64::MAX } else { 0 });
        let idle = alive & !holds & if count_empty { u64::MAX } else { 0 };
        if idle != 0 {
            let legs = if complete {
                u64::from(fanout.min(n - 1)) * u64::from(idle.count_ones())
            } else {
                bit_positions(idle)
                    .map(|i| u64::from(fanout.min(cluster.topology.degree(base + i))))
                    .sum()
            };
            t.messages += legs;
            t.digest_bytes += legs * HEADER_BYTES;
        }
        for i in bit_positions(acting) {
            let a = base + i;
            let a_holds = holds >> i & 1 != 0;
            let mut rng = key.stream(ctx.draws, a);
            // The peers, as `Cluster::pick_peers` picks them, into a stack buffer.
            let degree = if complete {
                n - 1
            } else {
                cluster.topology.degree(a)
            };
            let picked = &mut peer_buf[..fanout.min(degree) as usize];
            rng.distinct_into(degree, picked);
            if complete {
                for p in picked.iter_mut() {
                    *p += u32::from(*p >= a);
                }
            } else {
                for p in picked.iter_mut() {
                    *p = cluster.topology.neighbour(a, *p);
                }
            }
            let peers = &*picked;
            if sure {
                // Every leg arrives and `a` holds the message: branch-free.
                contacts += peers.len() as u64;
                for &b in peers {
                    lacking += u64::from(arrive(bits, staged, &mut queued, b, a));
                }
                continue;
            }
            for &b in peers {
                let lacks = a_holds && bits[b as usize / 64][0] & (1u64 << (b % 64)) == 0;
                let delivered = match sync {
                    Sync::Incremental => {
                        let ok = cluster.arrives(a, b, &mut rng);
                        t.count_leg(
                            false,
                            ok,
                            false,
                            HEADER_BYTES + DIGEST_ENTRY_BYTES * u64::from(a_holds),
                            0,
                        );
                        if !ok || !lacks {
                            continue;
                        }
                        let ok = cluster.arrives(b, a, &mut rng);
                        t.count_leg(false, ok, false, HEADER_BYTES + DIGEST_ENTRY_BYTES, 0);
                        if !ok {
                            continue;
                        }
                        let ok = cluster.arrives(a, b, &mut rng);
                        t.count_leg(true, ok, true, HEADER_BYTES, payload);
                        ok
                    }
                    Sync::Full => {
                        let ok = cluster.arrives(a, b, &mut rng);
                        t.count_leg(true, ok, lacks, HEADER_BYTES, payload);
                        ok && lacks
                    }
                };
                let cell = &mut bits[b as usize / 64];
                let bit = 1u64 << (b % 64);
                if delivered && cell[1] & bit == 0 {
                    cell[1] |= bit;
                    staged[queued] = Receivers::pair(b, a);
                    queued += 1;
                }
            }
        }
    }
    match sync {
        // Digest a→b; if b lacks it: request b→a, push a→b.
        Sync::Incremental => {
            t.messages += contacts + 2 * lacking;
            t.digest_bytes += contacts * (HEADER_BYTES + DIGEST_ENTRY_BYTES)
                + lacking * (HEADER_BYTES + DIGEST_ENTRY_BYTES + HEADER_BYTES);
            t.payload_bytes += lacking * payload;
            t.updates += lacking;
            t.useful += lacking;
        }
        // One push a→b, useful when b lacks it.
        Sync::Full => {
            t.messages += contacts;
            t.digest_bytes += contacts * HEADER_BYTES;
            t.payload_bytes += contacts * payload;
            t.updates += contacts;
            t.useful += lacking;
            t.redundant += contacts - lacking;
        }
    }
    ctx.report.traffic.add(&t);
    receivers.settle(queued);
    ctx.receivers = Some(receivers);
}

/// A contact from holder `a` that surely arrives at `b`, without a branch: queues `b`
/// (kept only the first time: `queued` moves on only then) and says whether `b` lacked the
/// message.
#[inline(always)]
fn arrive(bits: &mut [[u64; 2]], staged: &mut [u64], queued: &mut usize, b: u32, a: u32) -> bool {
    let cell = &mut bits[b as usize / 64];
    let bit = 1u64 << (b % 64);
    let lacks = cell[0] & bit == 0;
    let new = cell[1] & bit == 0;
    cell[1] |= bit;
    staged[*queued] = Receivers::pair(b, a);
    *queued += usize::from(new);
    lacks
}

/// What [`sure_complete`] counted.
#[derive(Clone, Copy)]
struct Tally {
    /// Legs of the nodes that hold nothing (digests of an empty table).
    idle_legs: u64,
    contacts: u64,
    /// Contacts whose peer lacks the message.
    lacking: u64,
    /// Receivers queued in `staged`.
    queued: usize,
}

/// The holders' contacts of [`one_message_push`] when every leg arrives, on the complete
/// graph, with `K = min(fanout, n - 1)` peers per node: the same draws, bits and queued
/// receivers as its general loop, with the peers in registers and no branch per contact.
#[inline(never)]
fn sure_complete<const K: usize>(
    (bits, staged, cluster, key, draws, count_empty): (
        &mut [[u64; 2]],
        &mut [u64],
        &Cluster,
        StreamKey,
        u32,
        bool,
    ),
) -> Tally {
    let n = cluster.nodes();
    let (mut idle_nodes, mut contacts, mut lacking, mut queued) = (0u64, 0u64, 0u64, 0usize);
    for w in 0..bits.len() {
        let base = w as u32 * 64;
        let alive = cluster.alive_word(w);
        let holds = bits[w][0];
        if count_empty {
            idle_nodes += u64::from((alive & !holds).count_ones());
        }
        let acting = alive & holds;
        contacts += K as u64 * u64::from(acting.count_ones());
        for i in bit_positions(acting) {
            let a = base + i;
            let mut peers = key.stream(draws, a).distinct_array::<K>(n - 1);
            for p in &mut peers {
                *p += u32::from(*p >= a);
            }
            for b in peers {
                lacking += u64::from(arrive(bits, staged, &mut queued, b, a));
            }
        }
    }
    Tally {
        idle_legs: K as u64 * idle_nodes,
        contacts,
        lacking,
        queued,
    }
}
