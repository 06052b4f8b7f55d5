//! The per-round tables of the general path: each held version's rank in the supersedes
//! order and its payload size.

use super::super::ENTRY_BYTES;
use crate::messages::Messages;

/// Per message, per held version (index + 1; 0 = nothing): its rank in the supersedes order
/// and its payload size. Computed once per round, so a contact compares two integers instead
/// of two versions and reads no string lengths.
pub(super) struct Tables {
    /// `rank[s][v]`: 0 for v = 0; equal (number, origin) keys share a rank, so
    /// `rank[s][x] > rank[s][y]` exactly when [`crate::message::MessageSlot::newer`]`(x, y)`.
    pub(super) rank: Vec<Vec<u32>>,
    /// `bytes[s][v]`: [`ENTRY_BYTES`] plus the content length; 0 for v = 0.
    pub(super) bytes: Vec<Vec<u64>>,
    /// Whether every message has one version (the common case): then of two different
    /// holdings the non-empty one is newer, and `bytes1[s] = bytes[s][1]` is its size.
    pub(super) single: bool,
    pub(super) bytes1: Vec<u64>,
}

impl Tables {
    pub(super) fn new(msgs: &Messages) -> Self {
        let mut rank = Vec::with_capacity(msgs.slots.len());
        let mut bytes = Vec::with_capacity(msgs.slots.len());
        let mut keys: Vec<u64> = Vec::new();
        for m in &msgs.slots {
            // A version's place in the supersedes order: (number, origin) as one integer.
            let key = |v: &crate::message::Version| u64::from(v.number) << 32 | u64::from(v.origin);
            keys.clear();
            keys.extend(m.versions.iter().map(key));
            keys.sort_unstable();
            keys.dedup();
            // The rank of a version is 1 + the number of distinct keys below its own.
            let mut r = vec![0u32];
            r.extend(
                m.versions
                    .iter()
                    .map(|v| keys.partition_point(|&k| k < key(v)) as u32 + 1),
            );
            rank.push(r);
            let mut b = vec![0u64];
            b.extend(
                m.versions
                    .iter()
                    .map(|v| ENTRY_BYTES + v.content.len() as u64),
            );
            bytes.push(b);
        }
        let single = msgs.slots.iter().all(|m| m.versions.len() <= 1);
        let bytes1 = bytes
            .iter()
            .map(|b| b.get(1).copied().unwrap_or(0))
            .collect();
        Tables {
            rank,
            bytes,
            single,
            bytes1,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranks_follow_the_supersedes_order() {
        let alive = vec![true; 10];
        let mut msgs = Messages::default();
        for (node, id) in [
            (4, None),
            (2, Some(0)),
            (9, Some(0)),
            (1, None),
            (0, Some(0)),
        ] {
            msgs.inject(node, id, "", 0, &alive)
                .expect("alive node, known id");
        }
        let t = Tables::new(&msgs);
        for (s, m) in msgs.slots.iter().enumerate() {
            let versions = m.versions.len() as u32;
            for x in 0..=versions {
                for y in 0..=versions {
                    let (rx, ry) = (t.rank[s][x as usize], t.rank[s][y as usize]);
                    assert_eq!(rx > ry, m.newer(x, y), "m{s}: versions {x} and {y}");
                }
            }
        }
    }
}
