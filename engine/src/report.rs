//! What a round did: the contacts to animate, the state changes to highlight, and the
//! traffic to count.

#[cfg(feature = "serde")]
use serde::{Deserialize, Serialize};

use crate::message::MessageState;

/// What one leg of a contact carries.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
#[repr(u8)]
pub enum ContactKind {
    /// Updates sent by the initiator to its peer.
    Push = 0,
    /// Updates sent back by the peer to the initiator that asked.
    Pull = 1,
    /// A pull request carrying no update (rumor pull, full-sync pull, or an anti-entropy
    /// "send me these" list).
    Request = 2,
    /// An anti-entropy digest: (id, version) of every entry, no values.
    Digest = 3,
    /// A heartbeat table (membership gossip).
    Heartbeat = 4,
}

impl ContactKind {
    /// Whether this leg carries message values (counts toward `traffic`).
    pub fn carries_updates(self) -> bool {
        matches!(self, ContactKind::Push | ContactKind::Pull)
    }
}

/// What an observer believes about a subject (heartbeat membership).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
pub enum Belief {
    /// In the table, heartbeat recently increased.
    Alive,
    /// In the table, silent for at least `t_fail` rounds.
    Failed,
    /// Removed from the table after `t_cleanup` silent rounds.
    Forgotten,
    /// Never heard of (a node that joined and whose news has not arrived).
    Unknown,
}

/// One leg of a contact: a single message from one node to another.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct Contact {
    /// Sender of this leg.
    pub from: u32,
    /// Receiver of this leg.
    pub to: u32,
    /// What it carries.
    pub kind: ContactKind,
    /// False if lost: dropped by packet loss or a partition, or sent to a dead node.
    pub delivered: bool,
    /// True if it taught the receiver something new (only update legs can be useful).
    pub useful: bool,
}

/// One node's state for one message changed during a round.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct Change {
    /// The node.
    pub node: u32,
    /// The message id.
    pub message: u32,
    /// State before.
    pub before: MessageState,
    /// State after.
    pub after: MessageState,
    /// Who sent the update, for arrivals.
    pub source: Option<u32>,
}

/// A membership observer changed its view of a subject during a round.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct Detection {
    /// Who changed its view.
    pub observer: u32,
    /// Of whom.
    pub subject: u32,
    /// The new view.
    pub belief: Belief,
}

/// Message and byte counts of one round.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct Traffic {
    /// Legs sent (every kind).
    pub messages: u64,
    /// Legs that carried message values (push and pull legs).
    pub updates: u64,
    /// Bytes of digests, requests and heartbeat tables.
    pub digest_bytes: u64,
    /// Bytes of message values.
    pub payload_bytes: u64,
    /// Legs lost (loss, partition, dead receiver).
    pub lost: u64,
    /// Update legs delivered that taught the receiver something.
    pub useful: u64,
    /// Update legs delivered that taught the receiver nothing.
    pub redundant: u64,
}

impl Traffic {
    /// Adds another round's counts.
    pub fn add(&mut self, o: &Traffic) {
        self.messages += o.messages;
        self.updates += o.updates;
        self.digest_bytes += o.digest_bytes;
        self.payload_bytes += o.payload_bytes;
        self.lost += o.lost;
        self.useful += o.useful;
        self.redundant += o.redundant;
    }
}

/// Everything one call of [`crate::Simulation::step`] did.
#[derive(Clone, Debug, Default, PartialEq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct RoundReport {
    /// The round just completed (1 for the first).
    pub round: u32,
    /// Every leg sent, in order (empty when recording is off).
    pub contacts: Vec<Contact>,
    /// Every message-state change (empty when recording is off).
    pub changes: Vec<Change>,
    /// Membership views that changed (empty when recording is off).
    pub detections: Vec<Detection>,
    /// Counts of the round (always kept).
    pub traffic: Traffic,
}
