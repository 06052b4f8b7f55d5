//! What a user (or a scenario) can do to a SWIM cluster between ticks.

/// A fault, a membership change or a user event. Durations are in milliseconds.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case", tag = "command"))]
pub enum SwimCommand {
    /// Crash a member: it never sends or answers again.
    Kill {
        /// The member.
        node: u32,
    },
    /// Stop a member answering for a while (a GC pause, SIGSTOP); it then resumes with its
    /// state as it was, and its timers run late.
    Pause {
        /// The member.
        node: u32,
        /// For how long.
        ms: u32,
    },
    /// Make everything a member sends and handles take `extra_ms` longer, for `ms`: the
    /// overloaded node Lifeguard was built for.
    Slow {
        /// The member.
        node: u32,
        /// For how long.
        ms: u32,
        /// The extra delay.
        extra_ms: u32,
    },
    /// Random loss on every packet (symmetric).
    SetLoss {
        /// Probability, 0..=1.
        loss: f64,
    },
    /// One-way loss at one member: on what it receives, and on what it sends.
    SetNodeLoss {
        /// The member.
        node: u32,
        /// Loss on packets it receives.
        inbound: f64,
        /// Loss on packets it sends.
        outbound: f64,
    },
    /// Split the cluster: nodes in different groups cannot reach each other; nodes in no
    /// group form one more group together.
    Partition {
        /// The groups.
        groups: Vec<Vec<u32>>,
    },
    /// Heal every partition.
    Heal,
    /// A new member joins through `via` (a push/pull with it, as `memberlist.Join` does).
    Join {
        /// The member it contacts.
        via: u32,
    },
    /// A member leaves gracefully: it announces it and shuts down once the announcement
    /// has gone out its retransmit limit.
    Leave {
        /// The member.
        node: u32,
    },
    /// A Serf user event, from `node`.
    Inject {
        /// The member that fires it.
        node: u32,
    },
}

impl SwimCommand {
    /// A short label for messages ("kill node 7").
    pub fn label(&self) -> String {
        match self {
            SwimCommand::Kill { node } => format!("kill node {node}"),
            SwimCommand::Pause { node, ms } => format!("pause node {node} for {ms} ms"),
            SwimCommand::Slow { node, ms, extra_ms } => {
                format!("slow node {node} by {extra_ms} ms for {ms} ms")
            }
            SwimCommand::SetLoss { .. } => "set the loss".into(),
            SwimCommand::SetNodeLoss { node, .. } => format!("set the loss at node {node}"),
            SwimCommand::Partition { .. } => "partition the cluster".into(),
            SwimCommand::Heal => "heal the partition".into(),
            SwimCommand::Join { via } => format!("join a node through node {via}"),
            SwimCommand::Leave { node } => format!("node {node} leaves"),
            SwimCommand::Inject { node } => format!("a user event at node {node}"),
        }
    }
}
