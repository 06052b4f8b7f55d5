//! Dynamo's anti-entropy: a Merkle tree over one replica's key range, and the sync of two
//! replicas that descends only into the subtrees whose hashes differ (DeCandia et al. 2007,
//! §4.7; docs/research/cassandra-redis-dynamo.md §3.1 and §3.5).
//!
//! **The tree.** A complete binary tree of depth `d` (2^d leaves), stored as a heap: node 1
//! is the root, node i has children 2i and 2i + 1, leaves are nodes 2^d .. 2^(d+1). A key
//! falls into leaf `splitmix64(key) >> (64 − d)` (its hash's top `d` bits, so keys spread
//! evenly whatever their ids). A leaf's hash folds its (key, version) pairs in key order;
//! an inner node's hash is `splitmix64(left ^ splitmix64(right))` (order-sensitive); an
//! empty subtree hashes to 0. The mixer is the engine's [`splitmix64`]: a 64-bit stand-in for
//! the real systems' cryptographic hashes (Cassandra 32 B, Riak SHA-1 20 B), enough to tell
//! differing ranges apart in a simulation; the *bytes* are counted at [`MerkleSizes::hash`].
//!
//! **The exchange** ([`sync`]), as §4.7 ¶2 describes it: A sends its root; if B's equals it,
//! the replicas agree and one hash crossed the wire. Otherwise, for each node whose hashes
//! differ, the hashes of its two children are exchanged (2 hashes) and the walk descends
//! only into the children that differ. At each differing leaf A sends its (key, hash)
//! list; B answers with the keys that differ, and each differing key travels once, from the
//! replica with the newer version (the other's absent counts as older).
//!
//! The bytes are set against a **full transfer** of A's range (every key and value) and a
//! **flat digest sync** (one (key, version) entry per key of A, then the differing keys), the
//! way the engine's digest anti-entropy compares a table entry by entry.

use std::collections::BTreeMap;

use crate::error::{Result, check_range};
use crate::rng::splitmix64;

/// Deepest tree accepted: 2^20 leaves, the cap Cassandra applies to
/// `repair_session_max_tree_depth` (`config/DatabaseDescriptor.java`, research §3.4).
pub const MAX_DEPTH: u32 = 20;

/// One replica's data for one key range: key → version (the version stands for the value).
pub type Replica = BTreeMap<u64, u64>;

/// Wire sizes used to count bytes. The paper gives none (research §3.3); these are the
/// research notes' illustrative sizes (§3.5) and Cassandra's hash size (§3.4).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct MerkleSizes {
    /// Bytes per tree hash: 32, Cassandra's `MerkleTree.HASH_SIZE` (research §3.4).
    pub hash: u32,
    /// Bytes per key: 16 (research §3.5, illustrative).
    pub key: u32,
    /// Bytes per value: 100 (research §3.5, illustrative).
    pub value: u32,
    /// Bytes per version in a flat digest entry: 8 (research §3.5, "8-byte digests").
    pub digest: u32,
}

impl Default for MerkleSizes {
    fn default() -> Self {
        MerkleSizes {
            hash: 32,
            key: 16,
            value: 100,
            digest: 8,
        }
    }
}

/// A Merkle tree of depth `depth` over one replica's keys.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MerkleTree {
    depth: u32,
    /// Heap of hashes: index 0 unused, 1 the root.
    hashes: Vec<u64>,
}

/// The leaf (0-based) a key falls into in a tree of depth `depth`.
pub fn leaf_of(key: u64, depth: u32) -> u32 {
    if depth == 0 {
        0
    } else {
        (splitmix64(key) >> (64 - depth)) as u32
    }
}

fn combine(left: u64, right: u64) -> u64 {
    if left == 0 && right == 0 {
        0
    } else {
        splitmix64(left ^ splitmix64(right))
    }
}

impl MerkleTree {
    /// Builds the tree of `replica`. `depth` must lie in 0..=[`MAX_DEPTH`].
    pub fn build(replica: &Replica, depth: u32) -> Result<Self> {
        check_range("merkle_depth", depth, 0, MAX_DEPTH)?;
        let leaves = 1usize << depth;
        let mut hashes = vec![0u64; 2 * leaves];
        for (&key, &version) in replica {
            let i = leaves + leaf_of(key, depth) as usize;
            // Fold in key order (the map is sorted), so equal contents give equal hashes.
            hashes[i] = splitmix64(hashes[i] ^ splitmix64(key ^ splitmix64(version)) ^ 1);
        }
        for i in (1..leaves).rev() {
            hashes[i] = combine(hashes[2 * i], hashes[2 * i + 1]);
        }
        Ok(MerkleTree { depth, hashes })
    }

    /// The depth (2^depth leaves).
    pub fn depth(&self) -> u32 {
        self.depth
    }

    /// The root hash.
    pub fn root(&self) -> u64 {
        self.hashes[1]
    }

    /// The hash of heap node `index` (1 = root), if it exists.
    pub fn hash(&self, index: u32) -> Option<u64> {
        self.hashes
            .get(index as usize)
            .copied()
            .filter(|_| index > 0)
    }
}

/// What one sync of two replicas did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct MerkleSync {
    /// Heap indices of the tree nodes whose hashes differed (root first, breadth-first), for
    /// an inspector to show which branches differed.
    pub differing_nodes: Vec<u32>,
    /// Hashes sent over the wire.
    pub hashes_sent: u64,
    /// Differing leaves (0-based), ascending.
    pub differing_leaves: Vec<u32>,
    /// The keys transferred (each once), ascending.
    pub keys_transferred: Vec<u64>,
    /// Round trips of the walk: 1 for the root, plus one per level descended.
    pub rounds: u32,
    /// Bytes of the Merkle exchange: hashes, leaf key lists and the transferred keys.
    pub merkle_bytes: u64,
    /// Bytes of a full transfer of A's range.
    pub full_bytes: u64,
    /// Bytes of a flat digest sync: one (key, version) per key of A, then the differing keys.
    pub digest_bytes: u64,
}

/// Compares `a` and `b` through their Merkle trees of depth `depth` and counts the bytes,
/// without changing them (see [`reconcile`]).
pub fn sync(a: &Replica, b: &Replica, depth: u32, sizes: MerkleSizes) -> Result<MerkleSync> {
    let (ta, tb) = (MerkleTree::build(a, depth)?, MerkleTree::build(b, depth)?);
    let (h, k, v) = (
        u64::from(sizes.hash),
        u64::from(sizes.key),
        u64::from(sizes.value),
    );
    let mut out = MerkleSync {
        hashes_sent: 1,
        rounds: 1,
        full_bytes: a.len() as u64 * (k + v),
        ..MerkleSync::default()
    };
    let leaves = 1u32 << depth;
    let mut level = Vec::new();
    if ta.root() != tb.root() {
        level.push(1u32);
    }
    while !level.is_empty() {
        out.differing_nodes.extend(&level);
        if level[0] >= leaves {
            break;
        }
        out.rounds += 1;
        let mut next = Vec::new();
        for &i in &level {
            out.hashes_sent += 2;
            for c in [2 * i, 2 * i + 1] {
                if ta.hashes[c as usize] != tb.hashes[c as usize] {
                    next.push(c);
                }
            }
        }
        level = next;
    }
    let mut leaf_list_keys = 0u64;
    for &i in out.differing_nodes.iter().filter(|&&i| i >= leaves) {
        let leaf = i - leaves;
        out.differing_leaves.push(leaf);
        let in_leaf = |r: &Replica| -> Vec<(u64, u64)> {
            r.iter()
                .filter(|&(&key, _)| leaf_of(key, depth) == leaf)
                .map(|(&key, &ver)| (key, ver))
                .collect()
        };
        let (la, lb) = (in_leaf(a), in_leaf(b));
        leaf_list_keys += la.len() as u64;
        let mut diff: Vec<u64> = la
            .iter()
            .filter(|(key, ver)| b.get(key) != Some(ver))
            .map(|&(key, _)| key)
            .chain(
                lb.iter()
                    .filter(|(key, ver)| a.get(key) != Some(ver))
                    .map(|&(key, _)| key),
            )
            .collect();
        diff.sort_unstable();
        diff.dedup();
        out.keys_transferred.extend(diff);
    }
    out.differing_leaves.sort_unstable();
    out.keys_transferred.sort_unstable();
    let moved = out.keys_transferred.len() as u64 * (k + v);
    out.merkle_bytes = out.hashes_sent * h + leaf_list_keys * (k + h) + moved;
    out.digest_bytes = a.len() as u64 * (k + u64::from(sizes.digest)) + moved;
    Ok(out)
}

/// Syncs `a` and `b` ([`sync`]) and applies the transfer: each differing key ends at the
/// newer version on both replicas.
pub fn reconcile(
    a: &mut Replica,
    b: &mut Replica,
    depth: u32,
    sizes: MerkleSizes,
) -> Result<MerkleSync> {
    let s = sync(a, b, depth, sizes)?;
    for key in &s.keys_transferred {
        let newest = a.get(key).copied().max(b.get(key).copied());
        if let Some(ver) = newest {
            a.insert(*key, ver);
            b.insert(*key, ver);
        }
    }
    Ok(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn replica(keys: u64) -> Replica {
        (0..keys).map(|k| (k, 1)).collect()
    }

    #[test]
    fn identical_replicas_exchange_one_root_hash() {
        let a = replica(10_000);
        let s = sync(&a, &a.clone(), 10, MerkleSizes::default()).unwrap();
        assert_eq!(s.hashes_sent, 1);
        assert_eq!(s.merkle_bytes, 32);
        assert!(s.keys_transferred.is_empty() && s.differing_nodes.is_empty());
        assert_eq!(s.full_bytes, 10_000 * 116);
        assert_eq!(s.digest_bytes, 10_000 * 24);
    }

    #[test]
    fn k_differing_keys_transfer_exactly_k_keys() {
        let a = replica(10_000);
        for k in [1u64, 2, 5, 17, 64] {
            let mut b = a.clone();
            for j in 0..k {
                let key = j * 97 + 3;
                if j % 2 == 0 {
                    b.insert(key, 2); // newer on B
                } else {
                    b.remove(&key); // missing on B
                }
            }
            let s = sync(&a, &b, 10, MerkleSizes::default()).unwrap();
            assert_eq!(s.keys_transferred.len() as u64, k, "k = {k}");
            let (mut a2, mut b2) = (a.clone(), b);
            reconcile(&mut a2, &mut b2, 10, MerkleSizes::default()).unwrap();
            assert_eq!(a2, b2);
            let again = sync(&a2, &b2, 10, MerkleSizes::default()).unwrap();
            assert_eq!(again.merkle_bytes, 32);
        }
    }

    #[test]
    fn bytes_grow_with_k_log_leaves_far_below_a_full_transfer() {
        let a = replica(10_000);
        let sizes = MerkleSizes::default();
        let mut previous = 0;
        for k in [1u64, 2, 4, 8, 16] {
            let mut b = a.clone();
            (0..k).for_each(|j| {
                b.insert(j * 613, 9);
            });
            let s = sync(&a, &b, 10, sizes).unwrap();
            let d = 10;
            // At most k root-to-leaf paths, 2 hashes per differing inner node.
            assert!(s.hashes_sent <= 1 + 2 * k * d);
            assert!(s.hashes_sent > 2 * d, "one path at least");
            assert_eq!(s.rounds, d as u32 + 1);
            assert!(s.merkle_bytes > previous);
            previous = s.merkle_bytes;
            assert!(s.merkle_bytes * 10 < s.digest_bytes, "k = {k}");
            assert!(s.merkle_bytes * 50 < s.full_bytes, "k = {k}");
        }
        // The illustrative example of research §3.5: about 1.3 KB for one key.
        let mut b = a.clone();
        b.insert(42, 2);
        let one = sync(&a, &b, 10, sizes).unwrap();
        assert!(
            (800..2_000).contains(&one.merkle_bytes),
            "{}",
            one.merkle_bytes
        );
    }

    #[test]
    fn the_walk_names_the_differing_branches() {
        let a = replica(1_000);
        let mut b = a.clone();
        b.insert(7, 3);
        let s = sync(&a, &b, 4, MerkleSizes::default()).unwrap();
        let leaf = leaf_of(7, 4);
        assert_eq!(s.differing_leaves, vec![leaf]);
        // The path from the root to leaf 16 + leaf, one node per level.
        let path: Vec<u32> = (0..=4).map(|l| (16 + leaf) >> (4 - l)).collect();
        assert_eq!(s.differing_nodes, path);
        assert!(MerkleTree::build(&a, 21).is_err());
        assert_eq!(MerkleTree::build(&a, 0).unwrap().depth(), 0);
        assert_eq!(
            sync(&a, &b, 0, MerkleSizes::default())
                .unwrap()
                .keys_transferred,
            vec![7]
        );
    }
}
