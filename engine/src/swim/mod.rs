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

mod apply;
pub mod awareness;
pub mod broadcast;
pub mod command;
pub mod config;
mod detector;
mod dissemination;
pub mod event;
pub mod formulas;
pub mod member;
pub mod metrics;
pub mod network;
pub mod node;
pub mod probe;
pub mod simulation;
pub mod suspicion;
pub mod timing;
pub mod update;

/// Real time is shared with the round protocols and the other real systems; re-exported
/// here because SWIM is where it started and its users import it from here.
pub use crate::time::{Latency, LatencyDist, Ticks};
pub use command::SwimCommand;
pub use config::{Lifeguard, MAX_SWIM_NODES, Preset, SwimConfig};
pub use event::{Flight, SwimEvent, SwimTick};
pub use member::{Member, MemberState};
pub use metrics::{Detection, Spread, SwimMetrics};
pub use simulation::SwimSimulation;
pub use update::PacketKind;
