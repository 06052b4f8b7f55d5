//! Commands: everything a user (or a scenario's action log) can do to a running cluster.
//!
//! A command takes effect between rounds: applied when the simulation stands at round r, it
//! is in force for round r + 1 onwards.

#[cfg(feature = "serde")]
use serde::{Deserialize, Serialize};

/// One user action.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(
        tag = "cmd",
        rename_all = "kebab-case",
        try_from = "crate::command_form::CommandForm"
    )
)]
pub enum Command {
    /// Writes a value at a node: a new message, or a newer version of message `id`.
    Inject {
        /// The node where the value is written; it becomes fresh there.
        node: u32,
        /// An existing id to supersede, or `None` for a new message.
        #[cfg_attr(feature = "serde", serde(default))]
        id: Option<u32>,
        /// The value (at most [`MAX_CONTENT`] characters).
        #[cfg_attr(feature = "serde", serde(default))]
        content: String,
    },
    /// Crashes a node: it stops acting and everything sent to it is lost.
    Kill {
        /// The node.
        node: u32,
    },
    /// Restarts a dead node.
    Revive {
        /// The node.
        node: u32,
        /// Whether it comes back empty (lost its message and member tables).
        #[cfg_attr(feature = "serde", serde(default))]
        amnesia: bool,
    },
    /// Sets the probability that each leg of a contact is lost.
    SetLoss {
        /// In 0..=1.
        loss: f64,
    },
    /// Splits the cluster: contacts between different groups are lost. Nodes not listed form
    /// one more group together.
    Partition {
        /// Disjoint lists of nodes.
        groups: Vec<Vec<u32>>,
    },
    /// Ends any partition.
    Heal,
    /// Adds a new node that knows only `seed` (under membership) or links to it (topology).
    Join {
        /// The node through which it joins.
        seed: u32,
    },
}

/// Longest message value accepted, in characters.
pub const MAX_CONTENT: usize = 256;
/// Most message ids a cluster may hold.
pub const MAX_MESSAGES: u32 = 1024;
/// Most (message, node) cells: bounds memory at roughly 20 bytes a cell.
pub const MAX_CELLS: u64 = 60_000_000;

/// What a command does, without its arguments.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CommandKind {
    /// [`Command::Inject`].
    Inject,
    /// [`Command::Kill`].
    Kill,
    /// [`Command::Revive`].
    Revive,
    /// [`Command::SetLoss`].
    SetLoss,
    /// [`Command::Partition`].
    Partition,
    /// [`Command::Heal`].
    Heal,
    /// [`Command::Join`].
    Join,
    /// SWIM: stop answering for a while ([`crate::swim::SwimCommand::Pause`]).
    Pause,
    /// SWIM: answer late for a while ([`crate::swim::SwimCommand::Slow`]).
    Slow,
    /// SWIM: leave the cluster gracefully ([`crate::swim::SwimCommand::Leave`]).
    Leave,
}

impl Command {
    /// What it does.
    pub fn kind(&self) -> CommandKind {
        match self {
            Command::Inject { .. } => CommandKind::Inject,
            Command::Kill { .. } => CommandKind::Kill,
            Command::Revive { .. } => CommandKind::Revive,
            Command::SetLoss { .. } => CommandKind::SetLoss,
            Command::Partition { .. } => CommandKind::Partition,
            Command::Heal => CommandKind::Heal,
            Command::Join { .. } => CommandKind::Join,
        }
    }

    /// A short label for logs ("kill 7").
    pub fn label(&self) -> String {
        match self {
            Command::Inject { node, id: None, .. } => {
                format!("inject a new message at node {node}")
            }
            Command::Inject {
                node, id: Some(id), ..
            } => format!("write a new version of m{id} at node {node}"),
            Command::Kill { node } => format!("kill node {node}"),
            Command::Revive { node, amnesia } => {
                format!(
                    "revive node {node}{}",
                    if *amnesia { " (amnesia)" } else { "" }
                )
            }
            // Whole percent, rounded half away from zero as people read percentages.
            Command::SetLoss { loss } => {
                format!("set loss to {}%", (loss * 100.0).round() as i64)
            }
            Command::Partition { groups } => format!("partition into {} groups", groups.len() + 1),
            Command::Heal => "heal the partition".to_string(),
            Command::Join { seed } => format!("join a node through node {seed}"),
        }
    }
}
