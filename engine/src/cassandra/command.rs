//! What a user (or a scenario) can do to a Cassandra cluster between ticks.

/// A fault or a membership change. Durations are in milliseconds.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case", tag = "command"))]
pub enum CassandraCommand {
    /// Crash a node (`kill -9`): it sends nothing, not even a shutdown notice.
    Kill {
        /// The node.
        node: u32,
    },
    /// Stop a node for a while (a long GC pause, SIGSTOP); its gossip task then runs late,
    /// and its failure detector's local-pause guard keeps it from convicting anyone.
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
    /// A new node joins: it knows only the seeds, and gossips to one every second until it
    /// sees a live endpoint.
    Join,
    /// (Re)start a node, crashed or running: it comes back with a new generation, heartbeat
    /// 0, and every endpoint it knew remembered as DOWN.
    Restart {
        /// The node.
        node: u32,
    },
}

impl CassandraCommand {
    /// A short label for messages ("kill node 7").
    pub fn label(&self) -> String {
        match self {
            CassandraCommand::Kill { node } => format!("kill node {node}"),
            CassandraCommand::Pause { node, ms } => format!("pause node {node} for {ms} ms"),
            CassandraCommand::SetLoss { .. } => "set the loss".into(),
            CassandraCommand::Partition { .. } => "partition the cluster".into(),
            CassandraCommand::Heal => "heal the partition".into(),
            CassandraCommand::Join => "join a node through the seeds".into(),
            CassandraCommand::Restart { node } => format!("restart node {node}"),
        }
    }
}
