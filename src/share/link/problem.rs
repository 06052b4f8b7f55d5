//! What can be wrong with a link, as facts: the page words them in the reader's language
//! when it shows them (`crate::i18n::link`).

use gossip_engine::{Command, Error};

/// One thing wrong with a link, and what was done about it.
#[derive(Clone, Debug, PartialEq)]
pub enum Problem {
    /// The link was longer than `max` characters; the rest was ignored.
    TooLong {
        /// The limit.
        max: usize,
    },
    /// A parameter this build does not read.
    UnknownParameter {
        /// Its name, as written.
        key: String,
    },
    /// The link is of a newer format than this build writes; what could be read was read.
    NewerVersion {
        /// The link's version.
        version: u32,
        /// This build's.
        ours: u32,
    },
    /// `key=value` is not what `key` takes; `used` was used instead.
    Invalid {
        /// The parameter.
        key: &'static str,
        /// The value, as written.
        value: String,
        /// What the parameter takes.
        expected: Expected,
        /// What was used instead.
        used: Used,
    },
    /// A number outside its range, clamped to `used`.
    OutOfRange {
        /// The parameter.
        key: &'static str,
        /// The value given.
        value: f64,
        /// Smallest allowed.
        min: f64,
        /// Largest allowed.
        max: f64,
        /// What was used.
        used: f64,
    },
    /// More nodes than the playground draws (or fewer than 2).
    Nodes {
        /// The value given.
        nodes: u32,
        /// The playground's limit for the protocol.
        max: u32,
        /// What was used.
        used: u32,
    },
    /// Membership runs on the complete graph; the topology was ignored.
    MembershipTopology,
    /// The topology could not be built (the engine's reason); the complete graph was used.
    Topology(Error),
    /// Nothing could be repaired; the default scenario was opened.
    Unrepairable,
    /// The page could not open the scenario (the engine's reason); the default playground
    /// was opened.
    Refused(Error),
    /// `a=` is not base64url; the usual first rumor was used.
    ActionsNotBase64,
    /// `a=` decoded but is not an action log (`serde_json`'s reason, or invalid UTF-8); the
    /// usual first rumor was used.
    ActionsUnreadable {
        /// The reader's diagnostic (a library's text, shown as it is).
        reason: String,
    },
    /// The action log was longer than the engine replays; the first `kept` were kept.
    ActionsTruncated {
        /// How many actions the log had.
        count: usize,
        /// How many were kept.
        kept: usize,
    },
    /// The action log was out of order; it was sorted by round.
    ActionsUnordered,
    /// An action lies beyond what the browser replays; it and the rest were dropped.
    ActionBeyondReach {
        /// Its position in the log, from 1.
        index: usize,
        /// Its round.
        round: u32,
        /// The cluster size.
        nodes: u32,
        /// The furthest round replayed for that size.
        limit: u32,
    },
    /// An action failed on replay and was skipped.
    ActionSkipped {
        /// Its position in the log, from 1.
        index: usize,
        /// The command.
        command: Command,
        /// Why the engine refused it.
        error: Error,
    },
    /// `round=` is too far to replay for this cluster size; `limit` was opened.
    RoundTooFar {
        /// The round asked for.
        round: u32,
        /// The cluster size.
        nodes: u32,
        /// The round opened.
        limit: u32,
    },
    /// `lesson=` is not one of the page's lessons; no lesson card was opened.
    NoSuchLesson {
        /// The value, as written.
        value: String,
        /// How many lessons there are.
        count: usize,
    },
}

/// What a parameter takes, for [`Problem::Invalid`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Expected {
    /// A whole number.
    WholeNumber,
    /// A number.
    Number,
    /// 0 or 1.
    Flag,
    /// A link format version this build knows.
    LinkVersion,
    /// A protocol name.
    Protocol,
    /// push, pull or push-pull.
    Mode,
    /// A loss-of-interest rule.
    Removal,
    /// incremental or full.
    Sync,
    /// A topology name.
    Topology,
    /// constant, uniform or exponential.
    LatencyDist,
    /// none, minimal or full.
    Controls,
    /// light or dark.
    Theme,
    /// en or zh.
    Lang,
}

/// What was used instead of an invalid value.
#[derive(Clone, Debug, PartialEq)]
pub enum Used {
    /// This value (a number or a name, as a link writes it).
    Value(String),
    /// The system's colour theme.
    SystemTheme,
    /// The browser's language.
    BrowserLanguage,
}
