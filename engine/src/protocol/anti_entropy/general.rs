//! The general path of anti-entropy: any mode, sync, number of messages and versions,
//! recording on or off. One contact is a conversation of legs, each of which can be lost.

use super::super::{DIGEST_ENTRY_BYTES, HEADER_BYTES};
use super::tables::Tables;
use crate::cluster::Cluster;
use crate::config::{Mode, Sync};
use crate::messages::Messages;
use crate::report::ContactKind;
use crate::rng::Stream;
use crate::round::{Delivery, RoundCtx, contact};

/// What an initiator holds, computed once for all its contacts.
#[derive(Clone, Copy)]
pub(super) struct Own {
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
pub(super) struct General<'a> {
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
    pub(super) fn new(cluster: &'a Cluster, msgs: &'a Messages, sync: Sync) -> Self {
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

    pub(super) fn own(&self, a: u32) -> Own {
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

    /// Queues every value `from` holds newer than `to` (found by the last [`General::diff`]),
    /// carried by the `legs`-th leg of the contact.
    fn send(&self, ctx: &mut RoundCtx, from: u32, to: u32, initiator_sends: bool, legs: u8) {
        let newer = if initiator_sends {
            &self.newer_a[..self.filled.0]
        } else {
            &self.newer_b[..self.filled.1]
        };
        ctx.deliveries
            .extend(newer.iter().map(|&(slot, version)| Delivery {
                // Slots are below MAX_MESSAGES (1024).
                slot: slot as u16,
                node: to,
                version,
                from,
                legs,
            }));
    }

    /// One contact from `a` to `b`, leg by leg.
    pub(super) fn exchange(
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
                    self.send(ctx, b, a, false, 2);
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
                self.send(ctx, a, b, true, 3);
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
                    self.send(ctx, a, b, true, 1);
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
                    self.send(ctx, b, a, false, 2);
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
