//! What a user (or a scenario) can do to a Dynamo cluster between ticks.

/// A fault or a membership change. Durations are in milliseconds.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case", tag = "command"))]
pub enum DynamoCommand {
    /// Crash a node (`kill -9`): it sends nothing, not even a shutdown notice.
    Kill {
        /// The node.
        node: u32,
    },
    /// Stop a node for a while (a long GC pause, SIGSTOP): it neither answers nor calls.
    Pause {
        /// The node.
        node: u32,
        /// For how long.
        ms: u32,
    },
    /// Random loss on every message.
    SetLoss {
        /// Probability, 0..=1.
        loss: f64,
    },
    /// Split the cluster: nodes in different groups cannot reach each other; nodes in no
    /// group form one more group together.
    Partition {
        /// The groups.
        groups: Vec<Vec<u32>>,
    },
    /// Heal every partition.
    Heal,
    /// A new node joins (an explicit administrator command, §4.8.1): it knows itself and
    /// the seeds (§4.8.2), and picks its own tokens.
    Join,
    /// (Re)start a node, crashed or running: it keeps its persisted membership history,
    /// tokens and data (§4.8.1), bumps its generation, and forgets whom it held unreachable.
    Restart {
        /// The node.
        node: u32,
    },
}
