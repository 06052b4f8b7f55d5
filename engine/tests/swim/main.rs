//! SWIM scenarios with fixed seeds, invariants by proptest, and statistics over seeds.

mod common;
mod invariants;
mod scenarios;
mod statistics;
