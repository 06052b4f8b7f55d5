//! The app's JSON documents — scenario files, the action log inside links (`a=`), the
//! statistics export and the embed API's messages — read and written by hand.
//!
//! Why not serde: its derived, generic code for the engine's types was about 56 KB of the
//! 314 KB gzipped wasm bundle, for a handful of small documents; this codec costs about
//! 5 KB (the bundle went to 263 KB). It reads and
//! writes the same documents as the engine's serde implementation (the `serde` feature of
//! `gossip-engine`, which stays the reference and serves the native CLI): the same field
//! names, tags, defaults and number rules. The native tests (`tests/codec.rs`) check it
//! against that implementation on arbitrary scenarios, both ways, and on malformed input.
//!
//! - [`json`]: the JSON value, a strict parser and the compact and pretty writers.
//! - [`read`]: typed fields out of JSON objects, with serde-style error messages.
//! - [`scenario`]: [`gossip_engine::Scenario`] and its parts.
//! - [`stats`]: per-round statistics, written only.
//!
//! Differences from serde, all in documents neither implementation ever wrote (the test
//! `known_differences` pins them): serde also accepts a struct written as the array of its
//! field values, an enum value written as a one-key object (`{"push": null}`) and a command
//! tag given as the variant's index (`"cmd": 1`); and it skips ignored fields without
//! decoding them, so a lone surrogate escape (`"\ud800"`) or nesting deeper than
//! [`json::MAX_DEPTH`] there, which the codec refuses, passes.

pub mod json;
pub mod read;
pub mod scenario;
pub mod stats;

pub use json::Json;
