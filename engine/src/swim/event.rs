//! What happened in a tick, as the page draws it and the metrics count it.

use crate::swim::member::MemberState;
use crate::swim::update::PacketKind;

/// A change of one node's view, or a protocol act worth counting.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case", tag = "event"))]
pub enum SwimEvent {
    /// `observer` now holds `member` in `state` at `incarnation`.
    View {
        /// The node whose list changed.
        observer: u32,
        /// The member concerned.
        member: u32,
        /// Its new state in that list.
        state: MemberState,
        /// Its incarnation there.
        incarnation: u32,
    },
    /// `observer`'s suspicion timer about `member` ran out: the confirm of SWIM.
    Confirm {
        /// The node whose timer fired.
        observer: u32,
        /// The member declared dead.
        member: u32,
        /// The incarnation declared dead.
        incarnation: u32,
    },
    /// `member` refuted a suspicion or death by raising its incarnation.
    Refute {
        /// The refuting member.
        member: u32,
        /// Its new incarnation.
        incarnation: u32,
    },
    /// `node` learned user event `id`.
    Learn {
        /// The node.
        node: u32,
        /// The event.
        id: u32,
    },
    /// `node`'s probe of `target` found no ack by its deadline.
    ProbeFailed {
        /// The prober.
        node: u32,
        /// The member probed.
        target: u32,
    },
}

/// One packet's flight, for the page to draw from `sent` to `lands`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Flight {
    /// The sender.
    pub from: u32,
    /// The receiver.
    pub to: u32,
    /// What it is.
    pub kind: PacketKind,
    /// Piggybacked updates.
    pub updates: u32,
    /// Bytes on the wire.
    pub bytes: u32,
    /// Tick it left.
    pub sent: u32,
    /// Tick it lands, or `None` if it is lost (loss or partition; known at sending).
    pub lands: Option<u32>,
}

/// Everything a tick did, when recording is on.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct SwimTick {
    /// The tick that ran.
    pub tick: u32,
    /// Packets sent in it.
    pub flights: Vec<Flight>,
    /// Packets that landed on a node that could not take them (dead or paused).
    pub dropped: u32,
    /// View changes and protocol acts.
    pub events: Vec<SwimEvent>,
}
