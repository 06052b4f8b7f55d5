//! Scenario tests with fixed seeds: every protocol, mode and fault runs to the end the model
//! promises (DESIGN.md §2), and every refusal is a typed error.
//!
//! Each run is a pure function of (config, seed, commands), so these tests are exact: a
//! failure is a change of behaviour, never flakiness. Bounds on rounds are generous tails of
//! the known spreading times (log2 N + ln N for push on the complete graph, the diameter on
//! sparse graphs), not tuned values.

#![cfg(not(target_arch = "wasm32"))]

#[path = "../common/mod.rs"]
mod common;

use common::{
    MODES, REMOVALS, anti_entropy, config, connected, fingerprint, inject, reachable, rumor,
    run_until, start,
};
use gossip_engine::config::{MAX_MEMBERSHIP_NODES, MAX_NODES};
use gossip_engine::topology::MAX_GRAPH_NODES;
use gossip_engine::{
    Belief, Command, Config, ContactKind, Decay, Error, Feedback, MessageState, Mode, Protocol,
    RoundReport, Simulation, Sync, Timeline, TopologyConfig, outcome,
};

fn converged(sim: &Simulation) -> bool {
    sim.counts(0)
        .is_some_and(|c| c.informed() == sim.alive_count())
}

fn extinct(sim: &Simulation) -> bool {
    sim.counts(0).is_some_and(|c| c.fresh == 0)
}

/// Checks that every alive node holds version `version` of m0 from `origin` with `content`.
fn assert_everyone_holds(sim: &Simulation, version: u32, origin: u32, content: &str, why: &str) {
    for node in 0..sim.nodes() {
        if !sim.is_alive(node) {
            continue;
        }
        let table = sim.table(node);
        let row = table
            .iter()
            .find(|r| r.id == 0)
            .unwrap_or_else(|| panic!("{why}: node {node} has no row for m0"));
        assert_eq!(
            (row.version, row.origin, row.content.as_str(), row.outdated),
            (version, origin, content, false),
            "{why}: node {node} must hold version {version} written at node {origin}"
        );
        assert_eq!(
            row.from.is_none(),
            node == origin,
            "{why}: only the writer has no sender (node {node})"
        );
    }
}

mod anti_entropy;
mod errors;
mod faults;
mod membership;
mod regressions;
mod rounds;
mod rumor;
mod time;
mod versions;
