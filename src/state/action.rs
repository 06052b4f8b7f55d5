//! Everything a user (or a host page, or a link) can do to the page.

use gossip_engine::{Config, Scenario};

use super::notice::Notice;
use crate::lang::Lang;
use crate::share::link::Decoded;
use crate::view::View;

/// Everything a user can do.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// Advance one round.
    Step,
    /// Go back one round.
    Back,
    /// Jump to a computed round.
    Seek(u32),
    /// Back to round 0 (keeping round-0 actions such as the first injection).
    Reset,
    /// Play or pause.
    TogglePlay,
    /// Pause (when the page hides it, or the run is over).
    Pause,
    /// Rounds per second.
    SetSpeed(f64),
    /// Select a node (or none).
    Select(Option<u32>),
    /// Move the selection by an offset (keyboard).
    SelectBy(i64),
    /// Colour the graph by this message.
    ShowMessage(u32),
    /// Inject a value at the selected node: a new message, or a new version of the shown one.
    Inject {
        /// The value.
        content: String,
        /// New version of the shown message instead of a new message.
        update: bool,
    },
    /// Kill the selected node.
    Kill,
    /// Revive the selected node.
    Revive {
        /// Whether it comes back empty.
        amnesia: bool,
    },
    /// Split the cluster into this many groups of consecutive nodes.
    Partition(u32),
    /// End the partition.
    Heal,
    /// Set packet loss for the rounds to come.
    SetLoss(f64),
    /// Add a node through the selected one.
    Join,
    /// Start over with a new configuration and seed.
    Configure(Box<Config>, u64),
    /// Show a notice.
    Notify(Notice),
    /// Close the notice.
    Dismiss,
    /// Open or close the keyboard help.
    Help(bool),
    /// Open or close the intro.
    Intro(bool),
    /// Replace the run by a scenario (a shared link, a file, a lesson) and show it as `view`
    /// says. `lesson` is the lesson it belongs to, if any.
    Load {
        /// The run.
        scenario: Box<Scenario>,
        /// How to show it.
        view: View,
        /// Lesson index, or `None` for a plain scenario.
        lesson: Option<usize>,
    },
    /// Open a link (pasted into the address bar, or sent by a host page), with its
    /// options and a banner naming its problems.
    Open(Box<Decoded>),
    /// Switch the interface language.
    SetLang(Lang),
    /// Close the lesson panel (the run stays).
    CloseLesson,
    /// The player left the screen (scrolled away, tab hidden): pause, remembering to resume.
    AutoPause,
    /// The player is visible again: resume if it was auto-paused.
    AutoResume,
    /// Open or close the share dialog.
    Share(bool),
    /// The share dialog copied its link or its snippet.
    Copied(&'static str),
    /// Something drawn from outside the state moved on (a lesson's table computed more
    /// rows): draw again, changing nothing.
    Redraw,
    /// The text of the message bar's field changed.
    Type(String),
}
