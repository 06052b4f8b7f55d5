//! The protocols, and what they share: the sizes of what they send, and the helpers of the
//! one-message fast paths.
//!
//! Each protocol acts on the parts of the simulation it is lent for a round: the cluster
//! (`cluster.rs`: peers, liveness, the fate of each leg), the message tables
//! (`messages.rs`) or the [membership tables](membership::Membership), and the round it
//! writes its legs and deliveries into (`round.rs`). None of them knows the simulation that
//! lends them.

pub mod anti_entropy;
pub mod membership;
pub mod rumor;

#[cfg(feature = "fast-paths")]
use std::cell::RefCell;

#[cfg(feature = "fast-paths")]
use crate::round::Delivery;
#[cfg(feature = "fast-paths")]
pub(crate) use crate::round::bit_positions;

/// Fixed size of every message's header, in bytes.
pub const HEADER_BYTES: u64 = 8;
/// Size of one digest entry: message id and version number.
pub const DIGEST_ENTRY_BYTES: u64 = 8;
/// Size of one value's metadata (id, version, origin, round) besides its content.
pub const ENTRY_BYTES: u64 = 16;
/// Size of one heartbeat-table entry: member id and heartbeat.
pub const MEMBER_ENTRY_BYTES: u64 = 8;

// Helpers of the one-message fast paths (recording off, one message with one version).

/// A small buffer for branch-free appends to the deliveries: every candidate is written,
/// and the length only advances for a new receiver. Used by the one-message fast paths.
#[cfg(feature = "fast-paths")]
pub(crate) struct Staged {
    buf: [Delivery; 128],
    len: usize,
}

#[cfg(feature = "fast-paths")]
impl Default for Staged {
    fn default() -> Self {
        let blank = Delivery {
            slot: 0,
            node: 0,
            version: 0,
            from: 0,
            legs: 0,
        };
        Staged {
            buf: [blank; 128],
            len: 0,
        }
    }
}

#[cfg(feature = "fast-paths")]
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
        // The fast paths run only when every leg lands at once (`RoundCtx::instant`).
        self.buf[self.len] = Delivery {
            slot: 0,
            node,
            version,
            from,
            legs: 0,
        };
        self.len += usize::from(keep);
    }

    pub(crate) fn drain(&mut self, out: &mut Vec<Delivery>) {
        out.extend_from_slice(&self.buf[..self.len]);
        self.len = 0;
    }
}

#[cfg(feature = "fast-paths")]
thread_local! {
    /// The fast paths' staging buffer for deliveries, kept between rounds: it is as large
    /// as a round's deliveries (megabytes at 10^6 nodes), and a fresh one would cost a page
    /// fault per 4 KiB every round. A cache only: it never carries anything between rounds.
    static STAGING: RefCell<Vec<Delivery>> = const { RefCell::new(Vec::new()) };
}

/// An empty staging buffer with room for `bound` deliveries (the thread's kept one if any).
#[cfg(feature = "fast-paths")]
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
#[cfg(feature = "fast-paths")]
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
