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
    /// Loss-of-interest outcomes of this round's contacts, packed by
    /// [`crate::protocol::rumor`]'s `touch`.
    pub touched: Vec<u64>,
    pub peers: Vec<u32>,
    /// Every leg lands within the round (no latency), so the batch fast paths, which keep
    /// one delivery per receiver, give the same run as the general paths.
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
