//! The cluster: its nodes, who is alive, who may talk to whom, and what the network drops.
//!
//! Protocols are lent it, read-only, for a round: it picks their peers and decides the fate
//! of each leg. Commands change it between rounds.

use crate::command::CommandKind;
use crate::config::Config;
use crate::error::{Error, Result, check_range};
use crate::rng::Stream;
use crate::topology::Topology;

/// Nodes, liveness, topology, packet loss and partition.
#[derive(Clone, Debug)]
pub(crate) struct Cluster {
    /// The run's seed: every random stream derives from it.
    pub seed: u64,
    pub topology: Topology,
    pub alive: Vec<bool>,
    /// How many of `alive` are false.
    pub dead: u32,
    pub loss: f64,
    /// Partition group per node; empty when the cluster is whole.
    pub group: Vec<u32>,
}

impl Cluster {
    /// Every node alive, whole, with the configured loss. The config must be valid.
    pub fn new(config: &Config, seed: u64) -> Self {
        let n = config.nodes;
        Cluster {
            seed,
            topology: config.topology.build(n, seed),
            alive: vec![true; n as usize],
            dead: 0,
            loss: config.loss,
            group: Vec::new(),
        }
    }

    /// Current number of nodes (grows with joins).
    pub fn nodes(&self) -> u32 {
        self.alive.len() as u32
    }

    /// Whether `node` is alive (false for unknown nodes).
    pub fn is_alive(&self, node: u32) -> bool {
        self.alive.get(node as usize).copied().unwrap_or(false)
    }

    /// Number of alive nodes.
    pub fn alive_count(&self) -> u32 {
        self.nodes() - self.dead
    }

    pub fn check_node(&self, node: u32) -> Result<()> {
        if node < self.nodes() {
            Ok(())
        } else {
            Err(Error::UnknownNode {
                node,
                nodes: self.nodes(),
            })
        }
    }

    pub fn check_alive(&self, node: u32, command: CommandKind) -> Result<()> {
        self.check_node(node)?;
        if self.is_alive(node) {
            Ok(())
        } else {
            Err(Error::WrongNodeState {
                node,
                alive: false,
                command,
            })
        }
    }

    /// Marks a known node alive or dead.
    pub fn set_alive(&mut self, node: u32, on: bool) {
        self.alive[node as usize] = on;
        if on {
            self.dead -= 1;
        } else {
            self.dead += 1;
        }
    }

    /// Sets the packet loss; on error nothing changes.
    pub fn set_loss(&mut self, loss: f64) -> Result<()> {
        check_range("loss", loss, 0.0, 1.0)?;
        self.loss = loss;
        Ok(())
    }

    /// Splits the cluster into `groups` plus the nodes not listed; on error nothing changes.
    pub fn split(&mut self, groups: &[Vec<u32>]) -> Result<()> {
        let mut group = vec![0u32; self.nodes() as usize];
        for (g, nodes) in groups.iter().enumerate() {
            for &node in nodes {
                self.check_node(node)?;
                if group[node as usize] != 0 {
                    return Err(Error::NodeInTwoGroups { node });
                }
                group[node as usize] = g as u32 + 1;
            }
        }
        self.group = group;
        Ok(())
    }

    /// Ends any partition.
    pub fn heal(&mut self) {
        self.group.clear();
    }

    /// Adds an alive node that joins through `seed`, in the seed's partition group.
    pub fn join(&mut self, seed: u32) {
        self.topology.join(seed);
        self.alive.push(true);
        if !self.group.is_empty() {
            let g = self.group[seed as usize];
            self.group.push(g);
        }
    }

    /// Picks up to `fanout` distinct neighbours of `node` uniformly, into `out`.
    #[inline]
    pub fn pick_peers(&self, node: u32, fanout: u32, rng: &mut Stream, out: &mut Vec<u32>) {
        let degree = self.topology.degree(node);
        rng.distinct(degree, fanout, out);
        for p in out.iter_mut() {
            *p = self.topology.neighbour(node, *p);
        }
    }

    /// Decides whether one leg from `from` to `to` arrives. Exactly one random draw is made
    /// whenever loss is possible, whatever the outcome, so the streams stay aligned.
    #[inline]
    pub fn arrives(&self, from: u32, to: u32, rng: &mut Stream) -> bool {
        let dropped = self.loss > 0.0 && rng.chance(self.loss);
        let split = !self.group.is_empty() && self.group[from as usize] != self.group[to as usize];
        // With nobody dead, skip the (cache-missing) read of the receiver's flag.
        !dropped && !split && (self.dead == 0 || self.alive[to as usize])
    }

    /// The alive flags of nodes `64 w .. 64 w + 64` (fewer in the last word) as a bit mask;
    /// all ones without reading the column when nobody is dead. (The fast paths'.)
    #[cfg(feature = "fast-paths")]
    #[inline]
    pub fn alive_word(&self, w: usize) -> u64 {
        let base = w * 64;
        let len = (self.alive.len() - base).min(64);
        if self.dead == 0 {
            u64::MAX >> (64 - len)
        } else {
            mask(self.alive[base..base + len].iter().copied())
        }
    }
}

/// Bit i set when the i-th flag is (at most 64 flags). (The fast paths'.)
#[cfg(feature = "fast-paths")]
#[inline]
pub(crate) fn mask(flags: impl Iterator<Item = bool>) -> u64 {
    flags.enumerate().fold(0, |m, (i, f)| m | u64::from(f) << i)
}
