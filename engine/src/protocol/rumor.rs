//! Rumor mongering (Demers et al. 1987, "complex epidemics").
//!
//! A node that learns a rumor becomes fresh (infective) and spreads it to `fanout` random
//! peers each round until it loses interest and becomes stale (removed). Loss of interest has
//! two axes: *feedback* (only an unnecessary contact counts, the peer having already known)
//! or *blind* (every contact counts); and *counter* (stale after k consecutive counted
//! rounds, reset by a useful contact under feedback) or *coin* (stale with probability 1/k
//! after each counted round).
//!
//! A round's contacts count as one exchange for loss of interest: with fanout 1 this is
//! exactly Demers' per-contact rule, and under pull a fresh node asked by several peers
//! answers all of them while its counter moves at most once in the round.
//!
//! Under pull every alive node asks a peer each round (it cannot know whether there is news);
//! the peer answers with the rumors it holds fresh. Under push-pull the push doubles as the
//! request.

use super::{ENTRY_BYTES, HEADER_BYTES};
#[cfg(feature = "fast-paths")]
use super::{Staged, bit_positions, grouped_by_receiver_block, staging};
use crate::cluster::Cluster;
#[cfg(feature = "fast-paths")]
use crate::cluster::mask;
use crate::config::{Decay, Feedback, Mode, Removal};
use crate::message::MessageState;
use crate::messages::Messages;
use crate::report::ContactKind;
use crate::rng::{Purpose, StreamKey, splitmix64, stream};
use crate::round::{Delivery, RoundCtx, contact};

/// The node sent the rumor this round.
const SENT: u8 = 1;
/// At least one of its contacts taught the peer the rumor.
const USEFUL: u8 = 2;
/// At least one of its contacts counts toward loss of interest.
const COUNTED: u8 = 4;

/// A loss-of-interest outcome, (slot, node, flags), packed into one integer whose order is
/// the (slot, node) order: slots (< [`crate::command::MAX_MESSAGES`]) in the top 24 bits,
/// the node in the next 32, the flags in the low 8. Sorting these integers brings the
/// outcomes of each (slot, node) together, in (slot, node) order; how they are ordered among
/// themselves does not matter, as their flags are OR-ed.
#[inline]
pub(crate) fn touch(slot: u32, node: u32, flags: u8) -> u64 {
    u64::from(slot) << 40 | u64::from(node) << 8 | u64::from(flags)
}

/// The leg of its contact that carries a rumor: a push is the first; a pull answers a
/// request (or, under push-pull, the push), so it is the second.
fn legs(kind: ContactKind) -> u8 {
    if kind == ContactKind::Pull { 2 } else { 1 }
}

/// Whether `node` holds any rumor fresh.
fn has_fresh(msgs: &Messages, node: u32) -> bool {
    msgs.slots
        .iter()
        .any(|m| m.state[node as usize] == MessageState::Fresh && m.held[node as usize] != 0)
}

/// Sends every rumor `from` holds fresh to `to` as one leg, which arrives when `ok`.
fn send_fresh(
    msgs: &Messages,
    ctx: &mut RoundCtx,
    ok: bool,
    from: u32,
    to: u32,
    kind: ContactKind,
    blind: bool,
) {
    let (mut bytes, mut useful) = (0u64, false);
    for (s, m) in msgs.slots.iter().enumerate() {
        let (vf, vt) = (m.held[from as usize], m.held[to as usize]);
        if vf == 0 || m.state[from as usize] != MessageState::Fresh {
            continue;
        }
        bytes += ENTRY_BYTES + m.versions[(vf - 1) as usize].content.len() as u64;
        let mut flags = SENT;
        if ok {
            if m.newer(vf, vt) {
                useful = true;
                flags |= USEFUL;
                ctx.deliveries.push(Delivery {
                    slot: s as u16,
                    node: to,
                    version: vf,
                    from,
                    legs: legs(kind),
                });
            } else {
                flags |= COUNTED;
            }
        }
        if blind {
            flags |= COUNTED;
        }
        ctx.touched.push(touch(s as u32, from, flags));
    }
    ctx.leg(contact(from, to, kind, ok, useful), HEADER_BYTES, bytes);
}

/// Runs the contacts of one rumor-mongering round.
pub(crate) fn round(
    cluster: &Cluster,
    msgs: &Messages,
    ctx: &mut RoundCtx,
    mode: Mode,
    fanout: u32,
    feedback: Feedback,
) {
    let blind = feedback == Feedback::Blind;
    #[cfg(feature = "fast-paths")]
    if !ctx.record
        && ctx.instant
        && ctx.deliveries.is_empty()
        && msgs.slots.len() == 1
        && msgs.slots[0].versions.len() == 1
    {
        one_rumor(cluster, msgs, ctx, mode, fanout, blind);
        return;
    }
    let mut peers = std::mem::take(&mut ctx.peers);
    for a in 0..cluster.nodes() {
        if !cluster.alive[a as usize] {
            continue;
        }
        let pushes = mode.pushes() && has_fresh(msgs, a);
        if !pushes && !mode.pulls() {
            continue;
        }
        let mut rng = stream(cluster.seed, ctx.draws, a, Purpose::Peers);
        cluster.pick_peers(a, fanout, &mut rng, &mut peers);
        for &b in &peers {
            let asked = if pushes {
                let ok = cluster.arrives(a, b, &mut rng);
                send_fresh(msgs, ctx, ok, a, b, ContactKind::Push, blind);
                ok
            } else {
                let ok = cluster.arrives(a, b, &mut rng);
                ctx.leg(
                    contact(a, b, ContactKind::Request, ok, false),
                    HEADER_BYTES,
                    0,
                );
                ok
            };
            if mode.pulls() && asked && has_fresh(msgs, b) {
                let ok = cluster.arrives(b, a, &mut rng);
                send_fresh(msgs, ctx, ok, b, a, ContactKind::Pull, blind);
            }
        }
    }
    ctx.peers = peers;
}

/// The batch-run fast path: one rumor with one version, recording off. It produces exactly
/// the traffic, loss-of-interest outcomes and end-of-round state of the general path (same
/// random draws and legs), with these shortcuts:
/// - "Holds it" and "holds it fresh" are bits: the round starts by packing the columns into
///   bitmaps (interleaved with a third one, "queued this round"), so a contact's lookups hit
///   one small, cached line instead of missing on a random read of a column.
/// - Nodes are scanned 64 at a time as masks: under push only the fresh ones are visited.
/// - An initiator's push outcomes are merged into one loss-of-interest entry (the entries of
///   a node are OR-ed anyway).
/// - A receiver is queued once per round (later deliveries of the only version would be
///   no-ops; the first sender is kept), and the deliveries are grouped by blocks of receiver
///   ids so that the end-of-round writes walk the columns nearly in order.
///
/// Only with the feature `fast-paths` (the batch runs'); without it the general path above
/// gives the same run.
#[cfg(feature = "fast-paths")]
fn one_rumor(
    cluster: &Cluster,
    msgs: &Messages,
    ctx: &mut RoundCtx,
    mode: Mode,
    fanout: u32,
    blind: bool,
) {
    let m = &msgs.slots[0];
    let n = cluster.nodes();
    let payload = ENTRY_BYTES + m.versions[0].content.len() as u64;
    // Per 64 nodes: [holds it, holds it fresh, queued for delivery this round].
    let mut bits: Vec<[u64; 3]> = m
        .held
        .chunks(64)
        .zip(m.state.chunks(64))
        .map(|(hs, ss)| {
            let holds = mask(hs.iter().map(|&h| h != 0));
            [
                holds,
                holds & mask(ss.iter().map(|&s| s == MessageState::Fresh)),
                0,
            ]
        })
        .collect();
    let key = StreamKey::new(cluster.seed, Purpose::Peers);
    let (pushes, pulls) = (mode.pushes(), mode.pulls());
    let mut peers = std::mem::take(&mut ctx.peers);
    let mut out = OneRumor {
        bits: &mut bits,
        // At most one delivery per alive node lacking the rumor.
        deliveries: staging(msgs.counts[0].unaware as usize),
        staged: Staged::default(),
        blind,
        payload,
    };
    let mut touched = std::mem::take(&mut ctx.touched);
    for w in 0..out.bits.len() {
        let base = w as u32 * 64;
        let alive = cluster.alive_word(w);
        let fresh = out.bits[w][1];
        let acting = alive & if pulls { u64::MAX } else { fresh };
        for i in bit_positions(acting) {
            let a = base + i;
            let a_pushes = pushes && fresh & (1u64 << i) != 0;
            let mut rng = key.stream(ctx.draws, a);
            cluster.pick_peers(a, fanout, &mut rng, &mut peers);
            let mut a_flags = 0;
            for &b in &peers {
                let ok = cluster.arrives(a, b, &mut rng);
                if a_pushes {
                    a_flags |= out.send(ctx, ok, a, b, ContactKind::Push);
                } else {
                    ctx.leg(
                        contact(a, b, ContactKind::Request, ok, false),
                        HEADER_BYTES,
                        0,
                    );
                }
                let (wb, bb) = bit(b);
                if pulls && ok && out.bits[wb][1] & bb != 0 {
                    let ok = cluster.arrives(b, a, &mut rng);
                    let flags = out.send(ctx, ok, b, a, ContactKind::Pull);
                    touched.push(touch(0, b, flags));
                }
            }
            if a_flags != 0 {
                touched.push(touch(0, a, a_flags));
            }
        }
    }
    let mut deliveries = out.deliveries;
    out.staged.drain(&mut deliveries);
    ctx.deliveries = grouped_by_receiver_block(deliveries, n);
    ctx.touched = touched;
    ctx.peers = peers;
}

/// The word and the bit of `node` in a per-64-nodes bitmap.
#[cfg(feature = "fast-paths")]
#[inline]
fn bit(node: u32) -> (usize, u64) {
    (node as usize / 64, 1u64 << (node % 64))
}

/// The state of one [`one_rumor`] round.
#[cfg(feature = "fast-paths")]
struct OneRumor<'a> {
    bits: &'a mut [[u64; 3]],
    deliveries: Vec<Delivery>,
    staged: Staged,
    blind: bool,
    payload: u64,
}

#[cfg(feature = "fast-paths")]
impl OneRumor<'_> {
    /// One leg carrying the rumor from `from` (who holds it fresh) to `to`, as
    /// [`send_fresh`] sends it; returns the sender's loss-of-interest flags.
    #[inline]
    fn send(&mut self, ctx: &mut RoundCtx, ok: bool, from: u32, to: u32, kind: ContactKind) -> u8 {
        let (w, b) = bit(to);
        let lacks = self.bits[w][0] & b == 0;
        let mut flags = SENT;
        if ok {
            if lacks {
                flags |= USEFUL;
                let new = self.bits[w][2] & b == 0;
                self.bits[w][2] |= b;
                // The only version, stored as index + 1.
                self.staged.push(new, to, 1, from, &mut self.deliveries);
            } else {
                flags |= COUNTED;
            }
        }
        if self.blind {
            flags |= COUNTED;
        }
        ctx.leg(
            contact(from, to, kind, ok, ok && lacks),
            HEADER_BYTES,
            self.payload,
        );
        flags
    }
}

/// Applies the round's loss-of-interest outcomes, once per (message, node).
pub(crate) fn lose_interest(
    cluster: &Cluster,
    msgs: &mut Messages,
    ctx: &mut RoundCtx,
    removal: &Removal,
) {
    let mut touched = std::mem::take(&mut ctx.touched);
    touched.sort_unstable();
    let seed = cluster.seed;
    let mut coin_key = (u32::MAX, StreamKey::new(seed, Purpose::Coin));
    let mut i = 0;
    while i < touched.len() {
        let key = touched[i] >> 8;
        let mut flags = touched[i] as u8;
        i += 1;
        while i < touched.len() && touched[i] >> 8 == key {
            flags |= touched[i] as u8;
            i += 1;
        }
        let (s, node) = ((key >> 32) as u32, key as u32);
        let m = &mut msgs.slots[s as usize];
        let n = node as usize;
        if flags & SENT != 0 {
            m.last_propagated[n] = ctx.round;
        }
        if m.state[n] != MessageState::Fresh {
            continue;
        }
        if removal.feedback == Feedback::Feedback && flags & USEFUL != 0 {
            m.counter[n] = 0;
            continue;
        }
        if flags & COUNTED == 0 {
            continue;
        }
        m.counter[n] = m.counter[n].saturating_add(1);
        let stale = match removal.decay {
            Decay::Counter => u32::from(m.counter[n]) >= removal.k,
            Decay::Coin => {
                // The key depends only on the message: hoisted out of the node loop.
                if coin_key.0 != s {
                    coin_key = (
                        s,
                        StreamKey::new(seed ^ splitmix64(u64::from(s)), Purpose::Coin),
                    );
                }
                coin_key
                    .1
                    .stream(ctx.draws, node)
                    .chance(1.0 / f64::from(removal.k))
            }
        };
        if stale {
            msgs.make_stale(s, node, &cluster.alive, ctx);
        }
    }
    touched.clear();
    ctx.touched = touched;
}
