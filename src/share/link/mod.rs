//! The run as a link.
//!
//! Everything needed to reproduce what the author saw travels in the link: the scenario
//! (config, seed, action log, round) and the view (message shown, selected node, speed,
//! language, theme, embed options). Common settings are readable and hand-editable
//! (`n=50&fanout=3&protocol=rumor&seed=42&round=7`); the action log is the engine's serde
//! JSON in base64url (`a=`).
//!
//! Links are written in the fragment (`#v=2&…`): a fragment never reaches the server, so a
//! long action log cannot be refused with status 414, and changing it does not reload the
//! page. Links of version 1 (`?v=1&…`, in the query string) open exactly as before; both
//! forms read the same parameters.
//!
//! Decoding never fails: a malformed, truncated or hostile link yields the nearest valid
//! scenario plus a list of typed [`Problem`]s, which the page words in the reader's language.

mod problem;
mod read;
mod reader;
mod repair;
mod replay;
mod write;

#[cfg(test)]
mod tests;

use gossip_engine::Scenario;

use crate::lang::Lang;
use crate::view::View;

pub use problem::{Expected, Problem, Used};
pub use read::{KNOWN, decode};
pub use replay::default_actions;
pub use write::encode;

/// The link format written by this build: the pairs in the fragment.
pub const LINK_VERSION: u32 = 2;
/// Longest link read (query or fragment); beyond it the link is cut and a problem says so.
/// A fragment has no server limit, and a long action log (10,000 actions) fits well within.
pub const MAX_LINK: usize = 1024 * 1024;
/// Most node-rounds a link may ask the page to replay (keeps opening a link under ~a second).
pub const MAX_REPLAY_WORK: u64 = 20_000_000;

/// Which controls an embedded player shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Controls {
    /// No controls: the host page drives it.
    None,
    /// Step, play/pause, back and the round.
    #[default]
    Minimal,
    /// Everything the transport bar has.
    Full,
}

impl Controls {
    /// Every value, in the order of `controls=` names.
    pub const ALL: [Controls; 3] = [Controls::None, Controls::Minimal, Controls::Full];

    /// The `controls=` value.
    pub fn as_str(self) -> &'static str {
        match self {
            Controls::None => "none",
            Controls::Minimal => "minimal",
            Controls::Full => "full",
        }
    }
}

/// A forced colour theme.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Theme {
    /// Light.
    Light,
    /// Dark.
    Dark,
}

/// Page options that are not part of the run.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Options {
    /// Embed mode: just the graph, a compact control bar and the legend.
    pub embed: bool,
    /// Controls shown in embed mode.
    pub controls: Controls,
    /// Theme forced by the link (else the system's).
    pub theme: Option<Theme>,
    /// Language forced by the link (else the browser's).
    pub lang: Option<Lang>,
    /// The lesson whose card is open (index into the page's lessons).
    pub lesson: Option<usize>,
}

/// A decoded link.
#[derive(Clone, Debug, PartialEq)]
pub struct Link {
    /// The run.
    pub scenario: Scenario,
    /// How to show it.
    pub view: View,
    /// Page options.
    pub options: Options,
}

/// A decoded link and what was wrong with it.
#[derive(Clone, Debug, PartialEq)]
pub struct Decoded {
    /// The nearest valid link.
    pub link: Link,
    /// What was wrong, in the order found; empty for a clean link.
    pub problems: Vec<Problem>,
}
