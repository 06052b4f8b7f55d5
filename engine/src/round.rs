//! The round being built: the deliveries that take effect at its end, the loss-of-interest
//! outcomes of its contacts, and its report (legs counted, and recorded when asked).
//!
//! The protocols write into it; the message tables apply its deliveries at the end of the
//! round. It knows neither: it only holds what a round produces.

use crate::report::{Contact, ContactKind, RoundReport};

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
    /// Loss-of-interest outcomes of this round's contacts, packed by
    /// [`crate::protocol::rumor`]'s `touch`.
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
