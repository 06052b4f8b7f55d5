//! What a user (or a scenario) can do to a Redis Cluster between ticks, and how it is
//! applied. Every refusal is a typed [`crate::error::Error`].

use crate::command::CommandKind;
use crate::error::{Error, Result, check_range};
use crate::redis::config::MAX_REDIS_NODES;
use crate::redis::gossip::Msg;
use crate::redis::node::{RedisNode, Role};
use crate::redis::simulation::RedisSimulation;
use crate::swim::network::Condition;
use crate::swim::simulation::node_stream;

/// Salts of a joined node's streams (as [`RedisSimulation::new`]'s, shifted).
const JOIN_NODE_SALT: u64 = 0x5245_4449_534A_4E44;
const JOIN_NET_SALT: u64 = 0x5245_4449_534A_4E54;

/// A fault or a membership change. Durations are in milliseconds.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case", tag = "command"))]
pub enum RedisCommand {
    /// Crash a node.
    Kill {
        /// The node.
        node: u32,
    },
    /// Stop a node for a while (SIGSTOP, a long fork); packets to it are dropped.
    Pause {
        /// The node.
        node: u32,
        /// For how long.
        ms: u32,
    },
    /// Random loss on every packet.
    SetLoss {
        /// Probability, 0..=1.
        loss: f64,
    },
    /// Split the cluster: nodes in different groups cannot reach each other; nodes in no
    /// group form one more group.
    Partition {
        /// The groups.
        groups: Vec<Vec<u32>>,
    },
    /// Heal every partition.
    Heal,
    /// A new empty master (no slots) joins with `CLUSTER MEET` to `via`.
    Join {
        /// The node it meets.
        via: u32,
    },
    /// A killed node restarts with its `nodes.conf` (same id), its timers reset.
    Restart {
        /// The node.
        node: u32,
    },
}

impl RedisCommand {
    /// A short label for messages ("kill node 7").
    pub fn label(&self) -> String {
        match self {
            RedisCommand::Kill { node } => format!("kill node {node}"),
            RedisCommand::Pause { node, ms } => format!("pause node {node} for {ms} ms"),
            RedisCommand::SetLoss { .. } => "set the loss".into(),
            RedisCommand::Partition { .. } => "partition the cluster".into(),
            RedisCommand::Heal => "heal the partition".into(),
            RedisCommand::Join { via } => format!("join a node through node {via}"),
            RedisCommand::Restart { node } => format!("restart node {node}"),
        }
    }
}

impl RedisSimulation {
    /// Applies a command before the next tick.
    pub fn apply(&mut self, cmd: &RedisCommand) -> Result<()> {
        let n = self.nodes.len() as u32;
        let known = |node: u32| {
            if node < n {
                Ok(())
            } else {
                Err(Error::UnknownNode { node, nodes: n })
            }
        };
        let now = self.now_ms();
        match *cmd {
            RedisCommand::Kill { node } => {
                known(node)?;
                let c = &mut self.conditions[node as usize];
                if c.crashed {
                    return Err(Error::WrongNodeState {
                        node,
                        alive: false,
                        command: CommandKind::Kill,
                    });
                }
                c.crashed = true;
                self.metrics.on_kill(node, self.elapsed_ms());
            }
            RedisCommand::Pause { node, ms } => {
                known(node)?;
                let ticks = self.ticks();
                let c = &mut self.conditions[node as usize];
                if c.crashed {
                    return Err(Error::WrongNodeState {
                        node,
                        alive: false,
                        command: CommandKind::Pause,
                    });
                }
                c.paused_until = self.tick.saturating_add(ticks.delay(f64::from(ms)));
            }
            RedisCommand::SetLoss { loss } => {
                check_range("loss", loss, 0.0, 1.0)?;
                self.loss = loss;
            }
            RedisCommand::Partition { ref groups } => {
                let mut group = vec![0u32; n as usize];
                for (g, members) in groups.iter().enumerate() {
                    for &m in members {
                        known(m)?;
                        if group[m as usize] != 0 {
                            return Err(Error::NodeInTwoGroups { node: m });
                        }
                        group[m as usize] = g as u32 + 1;
                    }
                }
                self.group = group;
            }
            RedisCommand::Heal => self.group.iter_mut().for_each(|g| *g = 0),
            RedisCommand::Join { via } => {
                known(via)?;
                check_range("nodes", n + 1, 1, MAX_REDIS_NODES)?;
                if !self.conditions[via as usize].running() {
                    return Err(Error::WrongNodeState {
                        node: via,
                        alive: false,
                        command: CommandKind::Join,
                    });
                }
                for node in &mut self.nodes {
                    node.peers.push(Default::default());
                    node.records.push(Default::default());
                }
                let mut node =
                    RedisNode::new(n, 0, n + 1, now, node_stream(self.seed, n, JOIN_NODE_SALT));
                node.learn(via);
                self.nodes.push(node);
                self.roles.push(Role {
                    master: true,
                    slots: false,
                    master_of: None,
                });
                self.conditions.push(Condition::default());
                self.group.push(0);
                self.net_rng.push(node_stream(self.seed, n, JOIN_NET_SALT));
                // CLUSTER MEET: a PING the receiver answers by adding the sender.
                self.nodes[n as usize].peers[via as usize].ping_sent =
                    std::num::NonZeroU64::new(now);
                self.send(n, via, Msg::Ping { gossip: Vec::new() });
            }
            RedisCommand::Restart { node } => {
                known(node)?;
                let c = &mut self.conditions[node as usize];
                if !c.crashed {
                    return Err(Error::WrongNodeState {
                        node,
                        alive: true,
                        command: CommandKind::Revive,
                    });
                }
                *c = Condition::default();
                self.nodes[node as usize].reset(now);
            }
        }
        Ok(())
    }
}
