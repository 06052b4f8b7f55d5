//! What the real-systems page tells its user, as facts; `texts::notice` words them.

use super::link::LinkProblem;
use super::scenario::ScenarioProblem;

/// Something the page tells the user, kept as a fact and worded in the page's language
/// when shown (`super::texts::notice`), so that switching language re-words it.
#[derive(Clone, Debug, PartialEq)]
pub enum Notice {
    /// The link the page was opened with could not be read.
    Link(LinkProblem),
    /// A run could not be opened.
    Scenario(ScenarioProblem),
    /// The engine refused a command.
    Refused(gossip_engine::Error),
    /// A file that is not a SWIM scenario (serde_json's words).
    NotAScenarioFile(String),
}
