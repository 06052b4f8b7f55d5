//! Typed errors. Every way user input can be wrong has a variant that names the field and
//! the allowed range, so the UI can show it inline and the CLI can print it; the engine never
//! panics on user input.

use thiserror::Error;

use crate::command::{Command, CommandKind};

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
    /// A command that needs a live node was aimed at a dead one (or, for revive, the
    /// reverse).
    #[error(
        "node {node} is {}: {} needs a node that is {}",
        if *alive { "alive" } else { "dead" },
        verb(*command),
        if *alive { "dead" } else { "alive" }
    )]
    WrongNodeState {
        /// The node named.
        node: u32,
        /// Whether it is alive now.
        alive: bool,
        /// The command attempted.
        command: CommandKind,
    },
    /// Membership runs on the complete graph only: its tables list every member.
    #[error("a topology other than complete is not available with the membership protocol")]
    MembershipNeedsComplete,
    /// Membership carries heartbeats, not messages.
    #[error("injecting a message is not available with the membership protocol")]
    NoMessagesUnderMembership,
    /// A partition lists the same node in two groups.
    #[error("partition: node {node} is listed in two groups")]
    NodeInTwoGroups {
        /// The node listed twice.
        node: u32,
    },
    /// A new message would take the (message, node) cells past the limit.
    #[error("messages × nodes = {cells} exceeds {max}; use fewer messages or nodes")]
    TooManyCells {
        /// Cells there would be with the new message.
        cells: u64,
        /// The limit ([`crate::command::MAX_CELLS`]).
        max: u64,
    },
    /// A joining node would take the (message, node) cells past the limit.
    #[error("messages × nodes = {cells} would exceed {max}; no room for another node")]
    NoRoomToJoin {
        /// Cells there would be with the new node.
        cells: u64,
        /// The limit ([`crate::command::MAX_CELLS`]).
        max: u64,
    },
    /// A random regular graph needs an even number of edge ends (nodes × degree).
    #[error("random-regular: nodes × degree must be even ({nodes} × {degree} is odd)")]
    OddRegularGraph {
        /// The cluster size.
        nodes: u32,
        /// The degree asked for.
        degree: u32,
    },
    /// An Erdős–Rényi graph would have too many edges to build.
    #[error("erdos-renyi: about {expected} edges expected, at most {max} allowed; lower p")]
    TooManyEdges {
        /// Edges expected, p × N × (N − 1) / 2, rounded.
        expected: u64,
        /// The limit ([`crate::topology::MAX_EDGES`]).
        max: u64,
    },
    /// A scenario document's format version is not one this build reads.
    #[error("scenario: format version {version} is not supported (this build reads 1..={max})")]
    UnsupportedVersion {
        /// The version in the document.
        version: u32,
        /// The newest version this build reads ([`crate::scenario::SCENARIO_VERSION`]).
        max: u32,
    },
    /// A scenario's action log is not ordered by round.
    #[error("scenario: actions must be ordered by round")]
    ActionsOutOfOrder {
        /// Position in the log, from 1, of the first action whose round is below the round
        /// of the action before it.
        index: usize,
    },
    /// A scenario's action log is too long.
    #[error("scenario: at most {max} actions")]
    TooManyActions {
        /// How many actions the log has.
        count: usize,
        /// The limit ([`crate::scenario::MAX_ACTIONS`]).
        max: usize,
    },
    /// A scenario's logged action failed on replay. It carries the command, so that a caller
    /// can say it in its own words and language.
    #[error("scenario: action {index} ({}): {error}", command.label())]
    Action {
        /// Position in the log, from 1.
        index: usize,
        /// The command that failed.
        command: Box<Command>,
        /// Why it failed.
        error: Box<Error>,
    },
}

/// How a command is named in "… needs a node that is alive".
fn verb(command: CommandKind) -> &'static str {
    match command {
        CommandKind::Join => "join through",
        other => other.as_str(),
    }
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
/// code that builds the error, instead of one per call site.
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The English texts are those of the free-text errors they replace, word for word.
    #[test]
    fn display_keeps_the_sentences() {
        let cases = [
            (
                Error::NodeInTwoGroups { node: 4 },
                "partition: node 4 is listed in two groups",
            ),
            (
                Error::TooManyCells { cells: 9, max: 8 },
                "messages × nodes = 9 exceeds 8; use fewer messages or nodes",
            ),
            (
                Error::NoRoomToJoin { cells: 9, max: 8 },
                "messages × nodes = 9 would exceed 8; no room for another node",
            ),
            (
                Error::OddRegularGraph {
                    nodes: 51,
                    degree: 3,
                },
                "random-regular: nodes × degree must be even (51 × 3 is odd)",
            ),
            (
                Error::TooManyEdges {
                    expected: 30_000_000,
                    max: 20_000_000,
                },
                "erdos-renyi: about 30000000 edges expected, at most 20000000 allowed; lower p",
            ),
            (
                Error::UnsupportedVersion { version: 9, max: 1 },
                "scenario: format version 9 is not supported (this build reads 1..=1)",
            ),
            (
                Error::ActionsOutOfOrder { index: 3 },
                "scenario: actions must be ordered by round",
            ),
            (
                Error::TooManyActions {
                    count: 10_001,
                    max: 10_000,
                },
                "scenario: at most 10000 actions",
            ),
            (
                Error::Action {
                    index: 2,
                    command: Box::new(Command::Kill { node: 42 }),
                    error: Box::new(Error::UnknownNode { node: 42, nodes: 5 }),
                },
                "scenario: action 2 (kill node 42): unknown node 42: nodes are 0..5",
            ),
        ];
        for (e, text) in cases {
            assert_eq!(e.to_string(), text, "{e:?}");
        }
    }
}
