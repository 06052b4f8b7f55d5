//! The protocols, and what they share: peer selection, the fate of each leg, and the
//! round's bookkeeping.

pub mod anti_entropy;
pub mod membership;
pub mod rumor;

use std::cell::RefCell;

use crate::report::{Contact, ContactKind, RoundReport};
use crate::rng::Stream;
use crate::simulation::Simulation;

/// Fixed size of every message's header, in bytes.
pub const HEADER_BYTES: u64 = 8;
/// Size of one digest entry: message id and version number.
pub const DIGEST_ENTRY_BYTES: u64 = 8;
/// Size of one value's metadata (id, version, origin, round) besides its content.
pub const ENTRY_BYTES: u64 = 16;
/// Size of one heartbeat-table entry: member id and heartbeat.
pub const MEMBER_ENTRY_BYTES: u64 = 8;

/// An update on its way: takes effect at the end of the round.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Delivery {
    pub slot: u32,
    pub node: u32,
    /// Version index + 1 within the slot.
    pub version: u32,
    pub from: u32,
}

/// Per-round working state shared by the protocols.
pub(crate) struct RoundCtx {
    pub round: u32,
    pub record: bool,
    pub report: RoundReport,
    pub deliveries: Vec<Delivery>,
    /// Loss-of-interest outcomes of this round's contacts, packed by [`rumor::touch`].
    pub touched: Vec<u64>,
    pub peers: Vec<u32>,
}

impl RoundCtx {
    pub fn new(round: u32, record: bool) -> Self {
        RoundCtx {
            round,
            record,
            report: RoundReport {
                round,
                ..RoundReport::default()
            },
            deliveries: Vec::new(),
            touched: Vec::new(),
            peers: Vec::new(),
        }
    }

    /// Counts (and, when recording, records) one leg.
    #[inline]
    pub fn leg(&mut self, contact: Contact, digest_bytes: u64, payload_bytes: u64) {
        let t = &mut self.report.traffic;
        t.messages += 1;
        t.digest_bytes += digest_bytes;
        t.payload_bytes += payload_bytes;
        if contact.kind.carries_updates() {
            t.updates += 1;
            if contact.delivered {
                if contact.useful {
                    t.useful += 1;
                } else {
                    t.redundant += 1;
                }
            }
        }
        if !contact.delivered {
            t.lost += 1;
        }
        if self.record {
            self.report.contacts.push(contact);
        }
    }
}

impl Simulation {
    /// Picks up to `fanout` distinct neighbours of `node` uniformly, into `out`.
    #[inline]
    pub(crate) fn pick_peers(&self, node: u32, fanout: u32, rng: &mut Stream, out: &mut Vec<u32>) {
        let degree = self.topology.degree(node);
        rng.distinct(degree, fanout, out);
        for p in out.iter_mut() {
            *p = self.topology.neighbour(node, *p);
        }
    }

    /// Decides whether one leg from `from` to `to` arrives. Exactly one random draw is made
    /// whenever loss is possible, whatever the outcome, so the streams stay aligned.
    #[inline]
    pub(crate) fn arrives(&self, from: u32, to: u32, rng: &mut Stream) -> bool {
        let dropped = self.loss > 0.0 && rng.chance(self.loss);
        let split = !self.group.is_empty() && self.group[from as usize] != self.group[to as usize];
        // With nobody dead, skip the (cache-missing) read of the receiver's flag.
        !dropped && !split && (self.dead == 0 || self.alive[to as usize])
    }
}

/// Convenience constructor for a [`Contact`].
#[inline]
pub(crate) fn contact(
    from: u32,
    to: u32,
    kind: ContactKind,
    delivered: bool,
    useful: bool,
) -> Contact {
    Contact {
        from,
        to,
        kind,
        delivered,
        useful,
    }
}

// Helpers of the one-message fast paths (recording off, one message with one version).

/// Bit i set when the i-th flag is (at most 64 flags).
#[inline]
pub(crate) fn mask(flags: impl Iterator<Item = bool>) -> u64 {
    flags.enumerate().fold(0, |m, (i, f)| m | u64::from(f) << i)
}

/// The alive flags of nodes `64 w .. 64 w + 64` (fewer in the last word) as a bit mask; all
/// ones without reading the column when nobody is dead.
#[inline]
pub(crate) fn alive_word(sim: &Simulation, w: usize) -> u64 {
    let base = w * 64;
    let len = (sim.alive.len() - base).min(64);
    if sim.dead == 0 {
        u64::MAX >> (64 - len)
    } else {
        mask(sim.alive[base..base + len].iter().copied())
    }
}

/// The positions of the set bits of `mask`, ascending.
#[inline]
pub(crate) fn bit_positions(mut mask: u64) -> impl Iterator<Item = u32> {
    std::iter::from_fn(move || {
        (mask != 0).then(|| {
            let i = mask.trailing_zeros();
            mask &= mask - 1;
            i
        })
    })
}

/// A small buffer for branch-free appends to the deliveries: every candidate is written,
/// and the length only advances for a new receiver. Used by the one-message fast paths.
pub(crate) struct Staged {
    buf: [Delivery; 128],
    len: usize,
}

impl Default for Staged {
    fn default() -> Self {
        let blank = Delivery {
            slot: 0,
            node: 0,
            version: 0,
            from: 0,
        };
        Staged {
            buf: [blank; 128],
            len: 0,
        }
    }
}

impl Staged {
    #[inline(always)]
    pub(crate) fn push(
        &mut self,
        keep: bool,
        node: u32,
        version: u32,
        from: u32,
        out: &mut Vec<Delivery>,
    ) {
        if self.len == self.buf.len() {
            self.drain(out);
        }
        self.buf[self.len] = Delivery {
            slot: 0,
            node,
            version,
            from,
        };
        self.len += usize::from(keep);
    }

    pub(crate) fn drain(&mut self, out: &mut Vec<Delivery>) {
        out.extend_from_slice(&self.buf[..self.len]);
        self.len = 0;
    }
}

thread_local! {
    /// The fast paths' staging buffer for deliveries, kept between rounds: it is as large
    /// as a round's deliveries (megabytes at 10^6 nodes), and a fresh one would cost a page
    /// fault per 4 KiB every round. A cache only: it never carries anything between rounds.
    static STAGING: RefCell<Vec<Delivery>> = const { RefCell::new(Vec::new()) };
}

/// An empty staging buffer with room for `bound` deliveries (the thread's kept one if any).
pub(crate) fn staging(bound: usize) -> Vec<Delivery> {
    let mut v = STAGING.with(|s| std::mem::take(&mut *s.borrow_mut()));
    v.clear();
    v.reserve(bound);
    v
}

/// The round's deliveries from a staging buffer holding at most one per receiver, grouped by
/// blocks of 4096 receiver ids (a stable counting sort) so that the end-of-round writes
/// walk the per-node columns nearly in order instead of at random. Their order does not
/// matter otherwise: one delivery per receiver, nothing recorded. A large buffer is kept for
/// the next round.
pub(crate) fn grouped_by_receiver_block(staged: Vec<Delivery>, n: u32) -> Vec<Delivery> {
    const SHIFT: u32 = 12;
    if staged.len() < 1 << SHIFT {
        // Few enough to stay in cache in any order: handed over as they are.
        return staged;
    }
    let block = |x: &Delivery| (x.node >> SHIFT) as usize;
    let mut start = vec![0usize; (n >> SHIFT) as usize + 2];
    for x in &staged {
        start[block(x) + 1] += 1;
    }
    for i in 1..start.len() {
        start[i] += start[i - 1];
    }
    let mut out = vec![staged[0]; staged.len()];
    for x in &staged {
        let at = &mut start[block(x)];
        out[*at] = *x;
        *at += 1;
    }
    STAGING.with(|s| *s.borrow_mut() = staged);
    out
}
