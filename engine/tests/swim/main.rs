//! SWIM scenarios with fixed seeds, invariants by proptest, and statistics over seeds.
//! Native only: proptest does not build for wasm32.

#![cfg(not(target_arch = "wasm32"))]

mod common;
mod invariants;
mod scenarios;
mod statistics;
