//! Cassandra's Gossiper in real time, as `apache/cassandra` runs it (`gms/Gossiper.java`).
//!
//! Every second each node bumps its heartbeat, builds one `GossipDigestSyn` of digests
//! (endpoint, generation, max version) and sends it to a random live endpoint, maybe to a
//! random unreachable one, and maybe to a seed. The receiver answers with a
//! `GossipDigestAck` (the states it holds newer, and requests for what the sender holds
//! newer), which the initiator completes with a `GossipDigestAck2`. Each observer runs a
//! phi-accrual failure detector (`gms/FailureDetector.java`) over the times it *learns* a
//! newer heartbeat, from anyone, and marks an endpoint DOWN when φ passes
//! `phi_convict_threshold`; it marks it UP again only after a direct echo round trip.
//!
//! The module is its own simulation ([`CassandraSimulation`]), driven tick by tick like
//! [`crate::swim`], whose time model (ticks, latency draws) and per-tick delivery ring it
//! reuses read-only. The research notes with every source are
//! docs/research/cassandra-redis-dynamo.md, §1.
//!
//! Left out, as the notes allow (§1.9): application states other than the heartbeat, the
//! shadow round, quarantine, fat-client eviction, dead-state expiry and graceful shutdown.

pub mod command;
pub mod config;
pub mod event;
pub mod failure_detector;
pub mod gossip_digest;
pub mod gossiper;
pub mod metrics;
mod network;
pub mod simulation;
#[cfg(test)]
mod tests;

pub use command::CassandraCommand;
pub use config::{CassandraConfig, CassandraPreset, MAX_CASSANDRA_NODES};
pub use event::CassandraEvent;
pub use failure_detector::{ArrivalWindow, FailureDetector, PHI_FACTOR};
pub use gossip_digest::{GossipDigest, Verb};
pub use metrics::{CassandraMetrics, Conviction};
pub use simulation::{CassandraSimulation, CassandraTick};
