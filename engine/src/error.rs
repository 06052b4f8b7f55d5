//! Typed errors. Every way user input can be wrong has a variant that names the field and
//! the allowed range, so the UI can show it inline and the CLI can print it; the engine never
//! panics on user input.

use thiserror::Error;

/// Why a configuration or a command was refused.
#[derive(Clone, Debug, PartialEq, Error)]
pub enum Error {
    /// A numeric field is outside its allowed range (inclusive bounds).
    #[error("{field} = {value} is out of range: allowed {min}..={max}")]
    OutOfRange {
        /// The field's name, as in the config and the CLI flags.
        field: &'static str,
        /// The value given.
        value: f64,
        /// Smallest allowed value.
        min: f64,
        /// Largest allowed value.
        max: f64,
    },
    /// A field that must be a finite number is NaN or infinite.
    #[error("{field} must be a finite number")]
    NotFinite {
        /// The field's name.
        field: &'static str,
    },
    /// A command names a node that does not exist.
    #[error("unknown node {node}: nodes are 0..{nodes}")]
    UnknownNode {
        /// The node named.
        node: u32,
        /// How many nodes the cluster has.
        nodes: u32,
    },
    /// A command names a message id that was never injected.
    #[error("unknown message m{id}")]
    UnknownMessage {
        /// The id named.
        id: u32,
    },
    /// A command that needs a live node was aimed at a dead one (or the reverse).
    #[error("node {node} is {state}: {action} needs a node that is {needed}")]
    WrongNodeState {
        /// The node named.
        node: u32,
        /// Its state now ("dead" or "alive").
        state: &'static str,
        /// What was attempted.
        action: &'static str,
        /// What the action needs.
        needed: &'static str,
    },
    /// A command does not apply to the configured protocol.
    #[error("{action} is not available with the {protocol} protocol")]
    NotSupported {
        /// What was attempted.
        action: &'static str,
        /// The protocol configured.
        protocol: &'static str,
    },
    /// Two fields that must agree do not.
    #[error("{0}")]
    Inconsistent(String),
    /// A scenario document could not be read.
    #[error("scenario: {0}")]
    Scenario(String),
    /// A scenario's logged action failed on replay. Kept structured (not formatted into
    /// [`Error::Scenario`]) so a caller can say it in its own words and language.
    #[error("scenario: action {index} ({label}): {error}")]
    Action {
        /// Position in the log, from 1.
        index: usize,
        /// The action, as [`crate::Command::label`] says it.
        label: String,
        /// Why it failed.
        error: Box<Error>,
    },
}

/// Result with the engine's error.
pub type Result<T> = std::result::Result<T, Error>;

/// Checks `min <= value <= max` for a field, naming it in the error.
#[inline]
pub(crate) fn check_range<T: Into<f64>>(
    field: &'static str,
    value: T,
    min: T,
    max: T,
) -> Result<()> {
    check_f64(field, value.into(), min.into(), max.into())
}

/// [`check_range`] on the values as `f64`, never inlined: one copy of the check and of the
/// code that builds the error, instead of one per call site (smaller wasm).
#[inline(never)]
fn check_f64(field: &'static str, v: f64, lo: f64, hi: f64) -> Result<()> {
    if !v.is_finite() {
        return Err(Error::NotFinite { field });
    }
    if v < lo || v > hi {
        return Err(Error::OutOfRange {
            field,
            value: v,
            min: lo,
            max: hi,
        });
    }
    Ok(())
}
