//! # gossip-engine
//!
//! A deterministic, round-based simulator of gossip (epidemic) protocols, after Demers et
//! al., *Epidemic Algorithms for Replicated Database Maintenance* (1987), and van Renesse,
//! Minsky and Hayden, *A Gossip-Style Failure Detection Service* (1998).
//!
//! ## The model in one page
//! - A cluster of N nodes on a [topology](topology::TopologyConfig) (the complete graph by
//!   default). Time is a round counter; the engine never reads a clock.
//! - Rounds are synchronous: in round r every alive node acts on the state at the start of
//!   the round, contacting `fanout` distinct neighbours chosen uniformly; deliveries take
//!   effect at the end of the round, so news learnt in round r spreads from round r + 1.
//! - Every node keeps a [message table](message::TableRow): per message id, the version it
//!   holds, whether it is [`Fresh`](MessageState::Fresh) (spreading) or
//!   [`Stale`](MessageState::Stale) (lost interest), when and from whom it arrived, and the
//!   protocol's counter. A newer version supersedes older ones (last writer wins by version,
//!   ties broken by origin).
//! - [Protocols](config::Protocol): anti-entropy (push, pull, push-pull; incremental digest
//!   sync or full sync), rumor mongering (feedback or blind, counter or coin, and a hybrid
//!   with periodic anti-entropy), and heartbeat membership with failure detection.
//! - [Commands](Command) change the cluster between rounds: inject, kill, revive (with or
//!   without amnesia), packet loss, partition and heal, join.
//! - [`Simulation::step`] returns a [`RoundReport`] with the legs sent (for animation) and the
//!   state changes; [`metrics`] measures residue, traffic, t_avg and t_last; [`theory`] gives
//!   the curves to compare with.
//! - A [`Timeline`] adds exact step-back, scrubbing and forking; a [`Scenario`] (config, seed,
//!   action log, round) reproduces a run anywhere.
//! - [`trial::Trials`] runs one scenario under many seeds, and [`bands::TrialBands`] gives the
//!   median and 5–95% band of each state series per round: what `gossip-sim run --per-round`
//!   prints and the page's bands worker draws.
//!
//! ## Determinism
//! A run is a pure function of (config, seed, action log). Every random choice comes from a
//! PCG32 stream derived from (seed, round, node, purpose) (see [`rng`]), so runs are identical
//! natively and in WebAssembly, and killing one node does not change the choices of another.
//!
//! The crate has no web dependency: the browser app and the `gossip-sim` CLI both drive it.

#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod bands;
pub mod cassandra;
mod cluster;
pub mod command;
#[cfg(feature = "serde")]
mod command_form;
pub mod config;
#[cfg(feature = "serde")]
mod config_form;
pub mod dynamo;
pub mod error;
#[cfg(feature = "serde")]
mod form;
pub mod mean_field;
pub mod message;
mod messages;
pub mod metrics;
pub mod names;
pub mod protocol;
pub mod redis;
pub mod report;
pub mod rng;
mod round;
pub mod round_time;
pub mod scenario;
pub mod schedule;
pub mod simulation;
pub mod swim;
pub mod theory;
pub mod time;
pub mod timeline;
pub mod topology;
pub mod trace;
pub mod trial;

pub use command::{Command, CommandKind};
pub use config::{
    Config, Decay, Feedback, Mode, Protocol, ProtocolKind, Removal, RemovalKind, Sync,
};
pub use error::{Error, Result};
pub use message::{MessageState, TableRow};
pub use metrics::{Band, MembershipViews, Outcome, RoundStats, Summary, outcome};
pub use names::{Named, UnknownName};
pub use report::{Belief, Change, Contact, ContactKind, Detection, RoundReport, Traffic};
pub use scenario::{Scenario, TimedCommand};
pub use simulation::{Simulation, StateCounts, Wire};
pub use timeline::Timeline;
pub use topology::{Topology, TopologyConfig, TopologyKind};
