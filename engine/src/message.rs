//! Messages and the per-node message table.
//!
//! Each message id has one [`MessageSlot`] that stores, for every node, the row of that
//! node's table for the id: which version it holds, its state, when and from whom it arrived,
//! and the protocol's bookkeeping. The storage is column-wise (one array per field) because
//! the round loop touches one field of many nodes, and because it keeps a rumor at 10^7 nodes
//! near 20 bytes per node. [`MessageSlot::row`] reassembles a node's row for display.

#[cfg(feature = "serde")]
use serde::{Deserialize, Serialize};

/// A message's state at one node (Demers et al.: susceptible, infective, removed).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
#[repr(u8)]
pub enum MessageState {
    /// The node does not hold the message (or only an older version of it).
    Unaware = 0,
    /// The node holds it and spreads it (infective). Under anti-entropy every holder stays
    /// fresh, since holders exchange everything forever.
    Fresh = 1,
    /// The node holds it and has lost interest in spreading it (removed).
    Stale = 2,
}

/// "No node": the sender of a locally injected value, or a round that never happened.
pub const NONE: u32 = u32::MAX;

/// One version of a message: a value written at one node.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct Version {
    /// Version number, 1 for the first value of an id.
    pub number: u32,
    /// The node where it was injected; breaks ties between equal numbers.
    pub origin: u32,
    /// The value.
    pub content: String,
    /// The round at whose end it was injected (0 = before round 1).
    pub injected: u32,
}

impl Version {
    /// Last writer wins: a higher number wins, and equal numbers are ordered by origin.
    pub fn supersedes(&self, other: &Version) -> bool {
        (self.number, self.origin) > (other.number, other.origin)
    }
}

/// One row of a node's message table, as the seed article lists it.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct TableRow {
    /// Message id.
    pub id: u32,
    /// The value held.
    pub content: String,
    /// Version number held.
    pub version: u32,
    /// Node where that version was injected.
    pub origin: u32,
    /// Fresh or stale.
    pub state: MessageState,
    /// Round in which it arrived (the injection round at the origin).
    pub received: u32,
    /// The node it came from; `None` at the origin.
    pub from: Option<u32>,
    /// Loss-of-interest counter (rumor mongering).
    pub counter: u32,
    /// Last round in which this node sent it; `None` if never.
    pub last_propagated: Option<u32>,
    /// Whether a newer version exists somewhere in the cluster.
    pub outdated: bool,
}

/// Every node's table row for one message id, stored column-wise.
#[derive(Clone, Debug, PartialEq)]
pub struct MessageSlot {
    /// The id (shown as `m{id}`).
    pub id: u32,
    /// Every version ever injected under this id, in injection order.
    pub versions: Vec<Version>,
    /// Per node: index into `versions` plus one, or 0 for none.
    pub held: Vec<u32>,
    /// Per node: state of the held version.
    pub state: Vec<MessageState>,
    /// Per node: round of arrival.
    pub received: Vec<u32>,
    /// Per node: sender, or [`NONE`] at the origin.
    pub from: Vec<u32>,
    /// Per node: loss-of-interest counter.
    pub counter: Vec<u16>,
    /// Per node: last round it was sent, or [`NONE`].
    pub last_propagated: Vec<u32>,
    /// Index into `versions` of the newest version (by [`Version::supersedes`]).
    pub latest: u32,
    /// First round at whose end every alive node held the latest version.
    pub converged_at: Option<u32>,
    /// First round at whose end no node held the latest version fresh.
    pub extinct_at: Option<u32>,
}

impl MessageSlot {
    /// An empty slot for `n` nodes.
    pub(crate) fn new(id: u32, n: u32) -> Self {
        let n = n as usize;
        MessageSlot {
            id,
            versions: Vec::new(),
            held: vec![0; n],
            state: vec![MessageState::Unaware; n],
            received: vec![NONE; n],
            from: vec![NONE; n],
            counter: vec![0; n],
            last_propagated: vec![NONE; n],
            latest: 0,
            converged_at: None,
            extinct_at: None,
        }
    }

    /// Whether version index+1 `a` supersedes `b` (0 = nothing held).
    #[inline]
    pub fn newer(&self, a: u32, b: u32) -> bool {
        match (a, b) {
            (0, _) => false,
            (_, 0) => true,
            _ if a == b => false,
            _ => self.versions[(a - 1) as usize].supersedes(&self.versions[(b - 1) as usize]),
        }
    }

    /// The state of `node` with respect to the latest version: a node holding an older
    /// version counts as unaware of it.
    #[inline]
    pub fn state_of_latest(&self, node: u32) -> MessageState {
        let i = node as usize;
        if self.held[i] == self.latest + 1 {
            self.state[i]
        } else {
            MessageState::Unaware
        }
    }

    /// Grows the columns for a node that joined.
    pub(crate) fn push_node(&mut self) {
        self.held.push(0);
        self.state.push(MessageState::Unaware);
        self.received.push(NONE);
        self.from.push(NONE);
        self.counter.push(0);
        self.last_propagated.push(NONE);
    }

    /// Forgets the message at `node` (amnesia).
    pub(crate) fn forget(&mut self, node: u32) {
        let i = node as usize;
        self.held[i] = 0;
        self.state[i] = MessageState::Unaware;
        self.received[i] = NONE;
        self.from[i] = NONE;
        self.counter[i] = 0;
        self.last_propagated[i] = NONE;
    }

    /// Stores version index+1 `v` at `node`, fresh, arriving in `round` from `from`.
    #[inline(always)]
    pub(crate) fn store(&mut self, node: u32, v: u32, round: u32, from: u32) {
        let i = node as usize;
        self.held[i] = v;
        self.state[i] = MessageState::Fresh;
        self.received[i] = round;
        self.from[i] = from;
        self.counter[i] = 0;
        self.last_propagated[i] = NONE;
    }

    /// The table row of `node`, if it holds any version.
    pub fn row(&self, node: u32) -> Option<TableRow> {
        let i = node as usize;
        let h = *self.held.get(i)?;
        if h == 0 {
            return None;
        }
        let v = &self.versions[(h - 1) as usize];
        let opt = |x: u32| (x != NONE).then_some(x);
        Some(TableRow {
            id: self.id,
            content: v.content.clone(),
            version: v.number,
            origin: v.origin,
            state: self.state[i],
            received: self.received[i],
            from: opt(self.from[i]),
            counter: u32::from(self.counter[i]),
            last_propagated: opt(self.last_propagated[i]),
            outdated: h != self.latest + 1,
        })
    }

    /// Delivery delays (arrival round minus injection round) of the latest version at the
    /// nodes that received it, in node order, the origin excluded.
    pub fn delays(&self, alive: &[bool]) -> Vec<u32> {
        let Some(v) = self.versions.get(self.latest as usize) else {
            return Vec::new();
        };
        (0..self.held.len())
            .filter(|&i| alive[i] && self.held[i] == self.latest + 1 && self.from[i] != NONE)
            .map(|i| self.received[i].saturating_sub(v.injected))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(number: u32, origin: u32) -> Version {
        Version {
            number,
            origin,
            content: String::new(),
            injected: 0,
        }
    }

    #[test]
    fn last_writer_wins_by_version_then_origin() {
        assert!(v(2, 0).supersedes(&v(1, 9)), "higher version wins");
        assert!(v(1, 5).supersedes(&v(1, 3)), "tie broken by origin");
        assert!(
            !v(1, 3).supersedes(&v(1, 3)),
            "a version does not supersede itself"
        );
    }

    #[test]
    fn rows_reflect_the_columns() {
        let mut s = MessageSlot::new(4, 3);
        s.versions.push(Version {
            content: "hello".into(),
            ..v(1, 0)
        });
        s.store(0, 1, 0, NONE);
        s.store(2, 1, 3, 0);
        assert_eq!(s.row(1), None, "node 1 is unaware");
        let r = s.row(2).expect("node 2 holds m4");
        assert_eq!((r.id, r.version, r.received, r.from), (4, 1, 3, Some(0)));
        assert_eq!(r.content, "hello");
        assert_eq!(s.delays(&[true, true, true]), vec![3], "origin excluded");
    }
}
