//! Property tests (proptest): invariants of the model under random small clusters and random
//! command sequences, valid or not (DESIGN.md §4).
//!
//! - no message appears that was never injected;
//! - dead nodes never send, and nothing reaches them;
//! - stale never turns fresh for the same version;
//! - counts per state sum to N and agree with a recount;
//! - a refused command changes nothing;
//! - identical inputs give identical runs, and the scenario (also through JSON) replays them;
//! - seeking back then forward gives exactly the state of the straight run;
//! - switching contact recording off (batch runs, and every replay) changes nothing;
//! - nothing panics, whatever the configuration or the commands.
//!
//! Case counts are modest so that the file runs in a few seconds in the debug profile.

#![cfg(not(target_arch = "wasm32"))]

#[path = "../common/mod.rs"]
mod common;

use std::collections::BTreeSet;

use common::fingerprint;
use gossip_engine::round_time::RoundTime;
use gossip_engine::time::{Latency, LatencyDist};
use gossip_engine::trace::{TraceHash, trace_hash};
use gossip_engine::{
    Command, Config, Decay, Feedback, MessageState, Mode, Protocol, Removal, Scenario, Simulation,
    Sync, TableRow, TimedCommand, Timeline, TopologyConfig,
};
use proptest::collection::vec;
use proptest::option;
use proptest::prelude::*;

mod invariants;
mod robustness;
mod runs;
mod strategies;
mod timeline;

use runs::*;
use strategies::*;
