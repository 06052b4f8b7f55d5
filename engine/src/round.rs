//! The round being built: the deliveries that take effect at its end, the loss-of-interest
//! outcomes of its contacts, and its report (legs counted, and recorded when asked).
//!
//! The protocols write into it; the message tables apply its deliveries at the end of the
//! round. It knows neither: it only holds what a round produces.

use crate::report::{Contact, ContactKind, RoundReport};

/// An update on its way: takes effect at the end of the round, or under latency at the end of
/// the tick it lands in.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Delivery {
    pub node: u32,
    /// Version index + 1 within the slot.
    pub version: u32,
    pub from: u32,
    /// The message's slot: below [`crate::command::MAX_MESSAGES`], so 16 bits, which keeps a
    /// delivery at 16 bytes with `legs` (the batch paths move millions of them a round).
    pub slot: u16,
    /// Which leg of its conversation carries it (1 = the first), so that under a time model
    /// it lands after the legs before it ([`crate::round_time::RoundTime::delay`]).
    pub legs: u8,
}

// The batch paths' memory traffic is in deliveries: keep one at 16 bytes.
const _: () = assert!(std::mem::size_of::<Delivery>() == 16);

/// The deliveries of a one-message fast path in bulk: at most one per receiver, all of
/// version `version` of slot 0, each from the first sender that reached the receiver this
/// round. Every receiver is alive and held nothing of the slot at the start of the round,
/// and the version is the slot's latest (its only one). Held as a bit per node and a sender per node rather than as a list of
/// [`Delivery`]s, so that the end of the round applies them in node order, walking the
/// message columns front to back instead of at random. Only built when every leg lands at
/// once ([`RoundCtx::instant`]) and nothing is recorded, where the order of the deliveries
/// changes nothing.
#[cfg(feature = "fast-paths")]
#[derive(Debug, Default)]
pub(crate) struct Receivers {
    /// Version index + 1 of every delivery.
    pub version: u32,
    /// Per 64 nodes: `[holders at the start of the round, holders and receivers]` as bit
    /// masks. The protocol keeps the two side by side so that a contact's lookups hit one
    /// cache line; with the holders in the second too, a contact is new exactly when its
    /// bit there is clear, and sets it without a condition.
    pub bits: Vec<[u64; 2]>,
    /// The receivers as [`Receivers::pair`]s, in the order they were queued, in the first
    /// places, then room for one more. A contact writes its candidate at the first free
    /// place and moves on by one only for a new receiver: no branch, and sequential writes.
    /// (Writing each sender straight into `from`, at random, cost a third of the round at
    /// 10^6 nodes; [`Receivers::settle`] does it afterwards without stalling the contacts.)
    pub staged: Vec<u64>,
    /// Per node, its sender, where its receiver bit is set (stale elsewhere).
    from: Vec<u32>,
}

#[cfg(feature = "fast-paths")]
impl Receivers {
    /// The bulk deliveries of a round of `n` nodes where `held` is the only version's column:
    /// the holders' bits set, no receiver yet, and room in `staged` for every node that does
    /// not hold it. The buffers are the thread's kept ones if any: a round at 10^6 nodes
    /// fills megabytes, and fresh ones would cost a page fault per 4 KiB every round.
    pub fn take(held: &[u32]) -> Self {
        let mut r = RECEIVERS.with(|c| std::mem::take(&mut *c.borrow_mut()));
        r.bits.clear();
        // Whole words by bytes (see `held_mask`), then the last, partial one.
        let words = held.chunks_exact(64);
        let rest = words.remainder();
        r.bits.extend(words.map(|hs| {
            let holds = held_mask(hs);
            [holds, holds]
        }));
        if !rest.is_empty() {
            let last = crate::cluster::mask(rest.iter().map(|&h| h != 0));
            r.bits.push([last, last]);
        }
        let holders: usize = r.bits.iter().map(|c| c[0].count_ones() as usize).sum();
        r.staged.resize(held.len() - holders + 1, 0);
        r.from.resize(held.len(), 0);
        r.version = 1;
        r
    }

    /// A receiver and its sender, packed for `staged`.
    #[inline(always)]
    pub fn pair(to: u32, from: u32) -> u64 {
        u64::from(to) << 32 | u64::from(from)
    }

    /// Takes the first `queued` places of `staged` as the round's receivers, whose bits
    /// are already set.
    pub fn settle(&mut self, queued: usize) {
        for &p in &self.staged[..queued] {
            self.from[(p >> 32) as usize] = p as u32;
        }
    }

    /// Keeps the buffers for the next round of this thread.
    pub fn recycle(self) {
        RECEIVERS.with(|c| *c.borrow_mut() = self);
    }

    /// The receivers, ascending, each with its sender.
    #[inline]
    pub fn iter(&self) -> impl Iterator<Item = (u32, u32)> + '_ {
        self.bits.iter().enumerate().flat_map(move |(w, cell)| {
            let base = w as u32 * 64;
            bit_positions(cell[1] & !cell[0]).map(move |i| {
                let node = base + i;
                (node, self.from[node as usize])
            })
        })
    }
}

/// Bit i set when `held[i]` is not 0, for 64 entries: `cluster::mask`'s result, computed 8
/// entries at a time, as flags in the bytes of a word gathered into the top byte by one
/// multiplication (byte j's bit lands at bit 56 + j, and no two partial products overlap,
/// so nothing carries). Per entry, shifting by its index does not vectorise on the
/// baseline x86-64 target, and this round-start pass read a whole column per round.
#[cfg(feature = "fast-paths")]
#[inline]
fn held_mask(held: &[u32]) -> u64 {
    const GATHER: u64 = 0x0102_0408_1020_4080;
    held.chunks_exact(8).enumerate().fold(0, |m, (g, hs)| {
        let flags = u64::from_le_bytes(std::array::from_fn(|j| u8::from(hs[j] != 0)));
        m | (flags.wrapping_mul(GATHER) >> 56) << (8 * g)
    })
}

#[cfg(feature = "fast-paths")]
thread_local! {
    /// [`Receivers::take`]'s kept buffers. A cache only: nothing in it is read before it is
    /// written in a later round.
    static RECEIVERS: std::cell::RefCell<Receivers> = std::cell::RefCell::default();
}

/// Per-round working state shared by the protocols.
pub(crate) struct RoundCtx {
    /// The step: the round, or the tick under a time model. Times are stamped with it.
    pub round: u32,
    /// The protocol's own round count, which keys the random streams: under a time model
    /// with a round every k ticks it is tick / k, so the time model changes when things
    /// happen but not what is drawn.
    pub draws: u32,
    pub record: bool,
    pub report: RoundReport,
    pub deliveries: Vec<Delivery>,
    /// Deliveries of a one-message fast path, in bulk; applied before `deliveries`.
    #[cfg(feature = "fast-paths")]
    pub receivers: Option<Receivers>,
    /// Loss-of-interest outcomes of this round's contacts, packed by
    /// [`crate::protocol::rumor`]'s `touch`.
    pub touched: Vec<u64>,
    pub peers: Vec<u32>,
    /// Every leg lands within the round (no latency), so the batch fast paths, which keep
    /// one delivery per receiver, give the same run as the general paths.
    #[cfg_attr(not(feature = "fast-paths"), allow(dead_code))]
    pub instant: bool,
}

impl RoundCtx {
    pub fn new(round: u32, draws: u32, record: bool, instant: bool) -> Self {
        RoundCtx {
            round,
            draws,
            record,
            report: RoundReport {
                round,
                ..RoundReport::default()
            },
            deliveries: Vec::new(),
            #[cfg(feature = "fast-paths")]
            receivers: None,
            touched: Vec::new(),
            peers: Vec::new(),
            instant,
        }
    }

    /// Counts (and, when recording, records) one leg.
    #[inline]
    pub fn leg(&mut self, contact: Contact, digest_bytes: u64, payload_bytes: u64) {
        self.report.traffic.count_leg(
            contact.kind.carries_updates(),
            contact.delivered,
            contact.useful,
            digest_bytes,
            payload_bytes,
        );
        if self.record {
            self.report.contacts.push(contact);
        }
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

/// The positions of the set bits of `mask`, ascending. (The fast paths'.)
#[cfg(feature = "fast-paths")]
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

#[cfg(all(test, feature = "fast-paths"))]
mod tests {
    use super::*;

    #[test]
    fn held_masks_are_the_plain_masks() {
        let mut s = crate::rng::Stream::from_seed(5);
        for density in [0, 1, 2, 7, 8] {
            let held: Vec<u32> = (0..64)
                .map(|_| {
                    if s.below(8) < density {
                        s.below(3) + 1
                    } else {
                        0
                    }
                })
                .collect();
            let plain = crate::cluster::mask(held.iter().map(|&h| h != 0));
            assert_eq!(held_mask(&held), plain);
        }
        assert_eq!(held_mask(&[1; 64]), u64::MAX);
        assert_eq!(held_mask(&[u32::MAX; 64]), u64::MAX);
    }
}
