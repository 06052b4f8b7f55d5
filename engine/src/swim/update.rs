//! What travels: membership updates (alive, suspect, dead), Serf user events, and the
//! packets that carry them (ping, ack, ping-req, nack, gossip, push/pull), with their sizes.
//!
//! Sizes are the research note's estimates of memberlist's msgpack encoding for 10-byte node
//! names and IPv4 (docs/research/swim-memberlist.md §5.4, from the structs of
//! `hashicorp/memberlist net.go`); compression and encryption are left out.

use crate::swim::member::Member;

/// A membership update or a user event: the unit of dissemination.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Update {
    /// `member` is alive at `incarnation` (a join, or a refutation).
    Alive {
        /// The member.
        member: u32,
        /// Its incarnation.
        incarnation: u32,
    },
    /// `from` suspects `member` at `incarnation`.
    Suspect {
        /// The member.
        member: u32,
        /// The incarnation suspected.
        incarnation: u32,
        /// The accuser: each distinct accuser is one Lifeguard confirmation.
        from: u32,
    },
    /// `from` declares `member` dead at `incarnation`; `from == member` means it left.
    Dead {
        /// The member.
        member: u32,
        /// The incarnation declared dead.
        incarnation: u32,
        /// Who declared it; the member itself for a graceful leave.
        from: u32,
    },
    /// A Serf user event (`messageUserEvent`), the message a user injects.
    User {
        /// The event's id.
        id: u32,
    },
}

impl Update {
    /// The member a membership update is about; `None` for a user event.
    pub fn member(self) -> Option<u32> {
        match self {
            Update::Alive { member, .. }
            | Update::Suspect { member, .. }
            | Update::Dead { member, .. } => Some(member),
            Update::User { .. } => None,
        }
    }

    /// Encoded bytes: `alive` 66 (no meta), `suspect`/`dead` 47, a user event with an empty
    /// name and payload 28 plus 1 byte of user-message type (research note §5.4, §5.5).
    pub fn bytes(self) -> u32 {
        match self {
            Update::Alive { .. } => 66,
            Update::Suspect { .. } | Update::Dead { .. } => 47,
            Update::User { .. } => 29,
        }
    }
}

/// Bytes each part of a compound message adds (`hashicorp/memberlist util.go
/// compoundOverhead`), and the compound header (`compoundHeaderOverhead`).
pub const PART_OVERHEAD: u32 = 2;

/// The message a packet carries before its piggybacked updates.
#[derive(Clone, Debug, PartialEq)]
pub enum Message {
    /// A probe: "are you alive?". `buddy` is Lifeguard's buddy system: the prober's
    /// suspicion of the target, sent along so it can refute at once.
    Ping {
        /// Sequence number, answered by the ack.
        seq: u32,
        /// The suspicion carried to a suspect, if any.
        buddy: Option<Update>,
    },
    /// The answer to a ping.
    Ack {
        /// The sequence number of the ping answered.
        seq: u32,
    },
    /// A relay's forward of the target's ack to the member that asked for the indirect
    /// probe (memberlist `handleIndirectPing`): handled as an ack, drawn apart.
    IndirectAck {
        /// The requester's sequence number.
        seq: u32,
    },
    /// "Please ping `target` for me": an indirect probe.
    PingReq {
        /// The requester's sequence number, echoed in the forwarded ack or nack.
        seq: u32,
        /// The member to probe.
        target: u32,
    },
    /// A relay's "no ack from the target within my probe timeout" (Lifeguard's nack).
    Nack {
        /// The requester's sequence number.
        seq: u32,
    },
    /// Dissemination only: the updates are the content.
    Gossip,
    /// A full-state sync (over TCP in memberlist): the sender's whole member list.
    PushPull {
        /// The sender's entries, indexed by member.
        state: Vec<Member>,
        /// True for the answer, which is not answered again.
        reply: bool,
    },
}

impl Message {
    /// Encoded bytes of the message alone.
    pub fn bytes(&self) -> u32 {
        match self {
            Message::Ping { buddy, .. } => 81 + buddy.map_or(0, |u| u.bytes() + PART_OVERHEAD * 2),
            Message::Ack { .. } | Message::IndirectAck { .. } => 22,
            Message::PingReq { .. } => 107,
            Message::Nack { .. } => 13,
            Message::Gossip => 0,
            // Header, then one pushNodeState per known entry (research note §5.4).
            Message::PushPull { state, .. } => {
                let known = state.iter().filter(|m| m.is_known()).count() as u32;
                30u32.saturating_add(known.saturating_mul(72))
            }
        }
    }

    /// The name of the kind, as reports and the page write it.
    pub fn kind(&self) -> PacketKind {
        match self {
            Message::Ping { buddy: None, .. } => PacketKind::Ping,
            Message::Ping { buddy: Some(_), .. } => PacketKind::BuddyPing,
            Message::Ack { .. } => PacketKind::Ack,
            Message::IndirectAck { .. } => PacketKind::IndirectAck,
            Message::PingReq { .. } => PacketKind::PingReq,
            Message::Nack { .. } => PacketKind::Nack,
            Message::Gossip => PacketKind::Gossip,
            Message::PushPull { .. } => PacketKind::PushPull,
        }
    }
}

/// What kind of packet a flight is, for drawing and counting.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
pub enum PacketKind {
    /// A probe.
    Ping,
    /// A probe of a suspect carrying the suspicion (Lifeguard's buddy system).
    BuddyPing,
    /// An answer to a probe.
    Ack,
    /// A target's ack forwarded by a relay to the member that asked for the indirect probe.
    IndirectAck,
    /// A request for an indirect probe.
    PingReq,
    /// A relay's negative answer.
    Nack,
    /// Dissemination every gossip interval.
    Gossip,
    /// A full-state sync.
    PushPull,
}

/// One packet from one node to another.
#[derive(Clone, Debug, PartialEq)]
pub struct Packet {
    /// The sender.
    pub from: u32,
    /// The receiver.
    pub to: u32,
    /// The message.
    pub message: Message,
    /// Piggybacked updates.
    pub updates: Vec<Update>,
}

impl Packet {
    /// Bytes on the wire: the message, and each piggybacked part with its framing.
    pub fn bytes(&self) -> u32 {
        let parts: u32 = self.updates.iter().map(|u| u.bytes() + PART_OVERHEAD).sum();
        let header = if self.updates.is_empty() {
            0
        } else {
            PART_OVERHEAD
        };
        self.message.bytes() + parts + header
    }
}
