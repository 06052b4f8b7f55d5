//! What the page tells the user, as facts. The words are chosen when a panel renders
//! (`crate::i18n::notice_text`, `crate::i18n::done_text`), so a notice follows a language
//! switch.

use gossip_engine::{Command, Error};

use crate::share::link::Problem;

/// Something the user should read, shown in a banner.
#[derive(Clone, Debug, PartialEq)]
pub enum Notice {
    /// The engine refused a command or a configuration.
    Refused(Error),
    /// A tool needs a selected node and none is.
    SelectFirst,
    /// The partition's group count is not a whole number (the value as typed).
    GroupsNotWhole(String),
    /// Playing stopped at the playground's last round.
    StopsAt(u32),
    /// A link opened with problems; the nearest valid scenario is shown.
    Link(Vec<Problem>),
    /// A file could not be read as a scenario (the reader's diagnostic).
    NotAScenario(String),
}

impl Notice {
    /// Whether it reports something refused (red), rather than information.
    pub fn is_error(&self) -> bool {
        !matches!(self, Notice::StopsAt(_))
    }
}

/// The last thing the user did, for the line under the round log.
#[derive(Clone, Debug, PartialEq)]
pub enum Done {
    /// A command applied at `round`; if the run had gone on to `frontier`, that future was
    /// dropped.
    Command {
        /// The round it applied at.
        round: u32,
        /// The command.
        command: Command,
        /// The furthest round computed before it.
        frontier: u32,
    },
    /// Playing paused at `round` because nothing spreads any more.
    PausedQuiet(u32),
    /// A new configuration was applied.
    NewScenario,
}
