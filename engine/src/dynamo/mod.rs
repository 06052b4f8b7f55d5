//! Dynamo (DeCandia et al., "Dynamo: Amazon's Highly Available Key-value Store", SOSP 2007):
//! anti-entropy between replicas with Merkle trees (§4.7).
//!
//! The research notes with every source are docs/research/cassandra-redis-dynamo.md, §3.

pub mod merkle;

pub use merkle::{MerkleSizes, MerkleSync, MerkleTree, Replica, leaf_of, reconcile, sync};
