//! Bands over many seeds: the median and 5–95% band of every state series over M seeded
//! trials of the page's current scenario, computed off the main thread.
//!
//! The trials run in a Web Worker (its own wasm bundle, `src/bin/bands-worker.rs`, built by
//! Trunk with the engine's `fast-paths` feature), so the page only draws and answers input.
//! The worker is spawned when the user asks for bands, never before, so a visitor who does
//! not ask downloads none of it.
//!
//! - [`protocol`]: the messages between the page and the worker;
//! - [`client`]: the page's side (spawn, send the job, read replies, terminate);
//! - [`worker`]: the worker's side (run the trials through the engine's
//!   `gossip_engine::trial::Trials` and `gossip_engine::bands::TrialBands`, exactly what
//!   `gossip-sim run --per-round` prints).

pub mod client;
pub mod protocol;
pub mod worker;
