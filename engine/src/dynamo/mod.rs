//! Dynamo (DeCandia et al., "Dynamo: Amazon's Highly Available Key-value Store", SOSP 2007):
//! gossip membership with local failure detection (§4.8) and anti-entropy between replicas
//! with Merkle trees (§4.7).
//!
//! Every second each node calls one random peer and the two reconcile their membership
//! histories and token (ring) views (§4.8.1); seeds, known to all, keep joins from leaving
//! logical partitions (§4.8.2); a caller that gets no answer holds the peer unreachable, for
//! itself only (§4.8.3). Each answered call also syncs the key range the two replicate by
//! comparing Merkle trees (§4.7), counting its bytes against a full transfer and a flat
//! digest sync.
//!
//! The module is its own simulation ([`DynamoSimulation`]), driven tick by tick like
//! [`crate::swim`], whose time model and delivery ring it reuses read-only. The research
//! notes with every source are docs/research/cassandra-redis-dynamo.md, §3.
//!
//! Simplified: every node replicates one shared key range (a stand-in for the preference
//! lists of §4.3); no hinted handoff, no sloppy quorum, no explicit leave.

pub mod command;
pub mod config;
pub mod merkle;
pub mod metrics;
pub mod node;
pub mod simulation;
#[cfg(test)]
mod tests;

pub use command::DynamoCommand;
pub use config::{DynamoConfig, DynamoPreset, MAX_DYNAMO_NODES};
pub use merkle::{MerkleSizes, MerkleSync, MerkleTree, Replica, leaf_of, reconcile, sync};
pub use metrics::{DynamoMetrics, Unreachability};
pub use node::DynamoNode;
pub use simulation::{
    DynamoEvent, DynamoFlight, DynamoSimulation, DynamoTick, DynamoVerb, LastSync,
};
