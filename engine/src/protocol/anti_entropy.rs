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

use super::{DIGEST_ENTRY_BYTES, ENTRY_BYTES, HEADER_BYTES};
use crate::cluster::Cluster;
use crate::config::{Mode, Sync};
use crate::messages::Messages;
use crate::report::ContactKind;
use crate::rng::{Purpose, Stream, StreamKey};
use crate::round::{Delivery, RoundCtx, contact};
mod fast;

use fast::one_message_push;

/// Runs one anti-entropy round. With `repair`, this is the occasional exchange of the hybrid
/// protocol, drawn from its own random stream so that it does not disturb rumor contacts.
pub(crate) fn round(
    cluster: &Cluster,
    msgs: &Messages,
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
        && msgs.slots.len() == 1
        && msgs.slots[0].versions.len() == 1
    {
        one_message_push(cluster, msgs, ctx, sync, fanout, purpose);
        return;
    }
    let mut g = General::new(cluster, msgs, sync);
    let mut peers = std::mem::take(&mut ctx.peers);
    let key = StreamKey::new(cluster.seed, purpose);
    for a in 0..cluster.nodes() {
        if !cluster.alive[a as usize] {
            continue;
        }
        let own = g.own(a);
        let mut rng = key.stream(ctx.round, a);
        cluster.pick_peers(a, fanout, &mut rng, &mut peers);
        for &b in &peers {
            g.exchange(ctx, own, &mut rng, a, b, mode);
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
    /// Whether every message has one version (the common case): then of two different
    /// holdings the non-empty one is newer, and `bytes1[s] = bytes[s][1]` is its size.
    single: bool,
    bytes1: Vec<u64>,
}

impl Tables {
    fn new(msgs: &Messages) -> Self {
        let mut rank = Vec::with_capacity(msgs.slots.len());
        let mut bytes = Vec::with_capacity(msgs.slots.len());
        let mut keys: Vec<u64> = Vec::new();
        for m in &msgs.slots {
            // A version's place in the supersedes order: (number, origin) as one integer.
            let key = |v: &crate::message::Version| u64::from(v.number) << 32 | u64::from(v.origin);
            keys.clear();
            keys.extend(m.versions.iter().map(key));
            crate::sort::sort_u64(&mut keys);
            keys.dedup();
            // The rank of a version is 1 + the number of distinct keys below its own.
            let mut r = vec![0u32];
            r.extend(
                m.versions
                    .iter()
                    .map(|v| keys.partition_point(|&k| k < key(v)) as u32 + 1),
            );
            rank.push(r);
            let mut b = vec![0u64];
            b.extend(
                m.versions
                    .iter()
                    .map(|v| ENTRY_BYTES + v.content.len() as u64),
            );
            bytes.push(b);
        }
        let single = msgs.slots.iter().all(|m| m.versions.len() <= 1);
        let bytes1 = bytes
            .iter()
            .map(|b| b.get(1).copied().unwrap_or(0))
            .collect();
        Tables {
            rank,
            bytes,
            single,
            bytes1,
        }
    }
}

/// What an initiator holds, computed once for all its contacts.
#[derive(Clone, Copy)]
struct Own {
    held: u64,
    bytes: u64,
}

/// What one side holds that the other lacks.
#[derive(Default)]
struct Diff {
    /// Entries held by a and by b (b: full sync only, the only user).
    held_a: u64,
    held_b: u64,
    /// Entries where a is newer than b, and their payload bytes.
    a_newer: u64,
    a_newer_bytes: u64,
    b_newer: u64,
    b_newer_bytes: u64,
    /// Payload bytes of everything a holds, and of everything b holds (b: full sync only).
    all_a_bytes: u64,
    all_b_bytes: u64,
}

/// Above this many (node, message) cells the node-major copy is not made.
const MAX_ROW_CELLS: usize = 1 << 22;

/// The general path: any mode, sync, number of messages and versions, recording on or off.
struct General<'a> {
    cluster: &'a Cluster,
    msgs: &'a Messages,
    t: Tables,
    full: bool,
    /// Messages per node row of `rows`.
    m: usize,
    /// With several messages, a node-major copy of the `held` columns, so that comparing two
    /// nodes scans two contiguous rows instead of touching every column.
    rows: Option<Vec<u32>>,
    /// (slot, version) of the entries the current contact's a, resp. b, holds newer, in
    /// slot order, in the first `filled.0`, resp. `filled.1`, places: what
    /// [`General::send`] sends. One place per message, so appends need no branch.
    newer_a: Vec<(u32, u32)>,
    newer_b: Vec<(u32, u32)>,
    /// How many places of `newer_a` and `newer_b` the last diff filled.
    filled: (usize, usize),
}

impl<'a> General<'a> {
    fn new(cluster: &'a Cluster, msgs: &'a Messages, sync: Sync) -> Self {
        let (n, m) = (cluster.nodes() as usize, msgs.slots.len());
        let rows = (m >= 4 && n * m <= MAX_ROW_CELLS).then(|| {
            let mut cells = vec![0u32; n * m];
            for (s, slot) in msgs.slots.iter().enumerate() {
                for (row, &v) in cells.chunks_exact_mut(m).zip(&slot.held) {
                    row[s] = v;
                }
            }
            cells
        });
        General {
            cluster,
            msgs,
            t: Tables::new(msgs),
            full: sync == Sync::Full,
            m,
            rows,
            newer_a: vec![(0, 0); m],
            newer_b: vec![(0, 0); m],
            filled: (0, 0),
        }
    }

    fn own(&self, a: u32) -> Own {
        let mut own = Own { held: 0, bytes: 0 };
        let mut add = |s: usize, v: u32| {
            if v != 0 {
                own.held += 1;
                own.bytes += self.t.bytes[s][v as usize];
            }
        };
        match &self.rows {
            Some(cells) => {
                for (s, &v) in cells[a as usize * self.m..][..self.m].iter().enumerate() {
                    add(s, v);
                }
            }
            None => {
                for (s, slot) in self.msgs.slots.iter().enumerate() {
                    add(s, slot.held[a as usize]);
                }
            }
        }
        own
    }

    fn diff(&mut self, own: Own, a: u32, b: u32) -> Diff {
        let mut d = Diff {
            held_a: own.held,
            all_a_bytes: own.bytes,
            ..Diff::default()
        };
        let (t, full) = (&self.t, self.full);
        let (na, nb) = (&mut self.newer_a[..], &mut self.newer_b[..]);
        match &self.rows {
            Some(cells) => {
                let m = self.m;
                let ra = &cells[a as usize * m..][..m];
                let rb = &cells[b as usize * m..][..m];
                let pairs = ra.iter().zip(rb).map(|(&va, &vb)| (va, vb));
                diff_pairs(t, full, pairs, &mut d, na, nb);
            }
            None => {
                let pairs = self
                    .msgs
                    .slots
                    .iter()
                    .map(|m| (m.held[a as usize], m.held[b as usize]));
                diff_pairs(t, full, pairs, &mut d, na, nb);
            }
        }
        self.filled = (d.a_newer as usize, d.b_newer as usize);
        d
    }

    /// Queues every value `from` holds newer than `to` (found by the last [`General::diff`]).
    fn send(&self, ctx: &mut RoundCtx, from: u32, to: u32, initiator_sends: bool) {
        let newer = if initiator_sends {
            &self.newer_a[..self.filled.0]
        } else {
            &self.newer_b[..self.filled.1]
        };
        ctx.deliveries
            .extend(newer.iter().map(|&(slot, version)| Delivery {
                slot,
                node: to,
                version,
                from,
            }));
    }

    /// One contact from `a` to `b`, leg by leg.
    fn exchange(
        &mut self,
        ctx: &mut RoundCtx,
        own: Own,
        rng: &mut Stream,
        a: u32,
        b: u32,
        mode: Mode,
    ) {
        use ContactKind::{Digest, Pull, Push, Request};
        let cluster = self.cluster;
        let d = self.diff(own, a, b);
        if !self.full {
            let ok = cluster.arrives(a, b, rng);
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
            let ok = cluster.arrives(b, a, rng);
            if want_a {
                ctx.leg(
                    contact(b, a, Pull, ok, ok),
                    HEADER_BYTES + request,
                    d.b_newer_bytes,
                );
                if ok {
                    self.send(ctx, b, a, false);
                }
            } else {
                ctx.leg(contact(b, a, Request, ok, false), HEADER_BYTES + request, 0);
            }
            if !ok || !want_b {
                return;
            }
            let ok = cluster.arrives(a, b, rng);
            ctx.leg(contact(a, b, Push, ok, ok), HEADER_BYTES, d.a_newer_bytes);
            if ok {
                self.send(ctx, a, b, true);
            }
        } else {
            let ok = if mode.pushes() && d.held_a > 0 {
                let ok = cluster.arrives(a, b, rng);
                ctx.leg(
                    contact(a, b, Push, ok, ok && d.a_newer > 0),
                    HEADER_BYTES,
                    d.all_a_bytes,
                );
                if ok {
                    self.send(ctx, a, b, true);
                }
                ok
            } else if mode.pulls() {
                let ok = cluster.arrives(a, b, rng);
                ctx.leg(contact(a, b, Request, ok, false), HEADER_BYTES, 0);
                ok
            } else {
                false
            };
            if ok && mode.pulls() && d.held_b > 0 {
                let ok = cluster.arrives(b, a, rng);
                ctx.leg(
                    contact(b, a, Pull, ok, ok && d.b_newer > 0),
                    HEADER_BYTES,
                    d.all_b_bytes,
                );
                if ok {
                    self.send(ctx, b, a, false);
                }
            }
        }
    }
}

/// The diff of one contact from the (version at a, version at b) of every message, in slot
/// order; also lists the entries each side holds newer. One copy per way of reading pairs.
#[inline(always)]
fn diff_pairs(
    t: &Tables,
    full: bool,
    pairs: impl Iterator<Item = (u32, u32)>,
    d: &mut Diff,
    newer_a: &mut [(u32, u32)],
    newer_b: &mut [(u32, u32)],
) {
    if t.single && !full {
        // Versions are 0 or 1: of two different holdings, the one that is 1 is newer.
        // Branch-free: every entry is written, and the counts advance only when newer.
        for ((s, (va, vb)), &bytes) in pairs.enumerate().zip(&t.bytes1) {
            let (a_new, b_new) = (u64::from(va > vb), u64::from(vb > va));
            newer_a[d.a_newer as usize] = (s as u32, va);
            newer_b[d.b_newer as usize] = (s as u32, vb);
            d.a_newer += a_new;
            d.a_newer_bytes += a_new * bytes;
            d.b_newer += b_new;
            d.b_newer_bytes += b_new * bytes;
        }
        return;
    }
    for (s, (va, vb)) in pairs.enumerate() {
        if full && vb != 0 {
            d.held_b += 1;
            d.all_b_bytes += t.bytes[s][vb as usize];
        }
        if va == vb {
            continue;
        }
        let (ra, rb) = (t.rank[s][va as usize], t.rank[s][vb as usize]);
        if ra > rb {
            newer_a[d.a_newer as usize] = (s as u32, va);
            d.a_newer += 1;
            d.a_newer_bytes += t.bytes[s][va as usize];
        } else if rb > ra {
            newer_b[d.b_newer as usize] = (s as u32, vb);
            d.b_newer += 1;
            d.b_newer_bytes += t.bytes[s][vb as usize];
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranks_follow_the_supersedes_order() {
        let alive = vec![true; 10];
        let mut msgs = Messages::default();
        for (node, id) in [
            (4, None),
            (2, Some(0)),
            (9, Some(0)),
            (1, None),
            (0, Some(0)),
        ] {
            msgs.inject(node, id, "", 0, &alive)
                .expect("alive node, known id");
        }
        let t = Tables::new(&msgs);
        for (s, m) in msgs.slots.iter().enumerate() {
            let versions = m.versions.len() as u32;
            for x in 0..=versions {
                for y in 0..=versions {
                    let (rx, ry) = (t.rank[s][x as usize], t.rank[s][y as usize]);
                    assert_eq!(rx > ry, m.newer(x, y), "m{s}: versions {x} and {y}");
                }
            }
        }
    }
}
