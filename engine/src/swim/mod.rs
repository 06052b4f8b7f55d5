//! SWIM with Lifeguard, in real time, as HashiCorp's memberlist runs it (Consul, Serf).
//!
//! Das, Gupta and Motivala, *SWIM* (DSN 2002): each protocol period a member pings the next
//! member of a shuffled round robin; without an ack by the probe timeout it asks
//! `IndirectChecks` others to ping-req the target; without any ack by the end of the period
//! it *suspects* the target. A suspect that hears of it *refutes* with a higher incarnation;
//! a suspicion that outlives its timeout is *confirmed* dead. Updates ride piggybacked on
//! pings and acks and on gossip to `GossipNodes` members, each sent a bounded number of
//! times. Dadgar, Phillips and Currey, *Lifeguard* (2018), add local health awareness, a
//! dynamic suspicion timeout and the buddy system.
//!
//! The module is its own simulation ([`SwimSimulation`]) driven tick by tick: it shares the
//! engine's seeded streams and typed errors, and nothing else, so the round-based protocols
//! and their golden runs are untouched. Sources for every rule are cited in the files; the
//! research notes are docs/research/swim-memberlist.md.

pub mod awareness;
pub mod config;
pub mod formulas;
pub mod schedule;
pub mod time;

pub use config::{Lifeguard, MAX_SWIM_NODES, Preset, SwimConfig};
pub use time::{Latency, LatencyDist, Ticks};
