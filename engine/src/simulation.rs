//! The simulation: a cluster, its protocol, and the round loop.
//!
//! Rounds are synchronous: in round r every alive node acts on the state that held at the
//! start of the round, and everything delivered takes effect at its end, so a node that
//! learns something in round r first spreads it in round r + 1 (as in the published
//! analyses). The engine never reads a clock and never iterates a hash map: a run is a pure
//! function of (config, seed, commands).

use crate::command::{Command, MAX_CELLS, MAX_CONTENT, MAX_MESSAGES};
use crate::config::{Config, Protocol};
use crate::error::{Error, Result, check_range};
use crate::message::{MessageSlot, MessageState, NONE, TableRow, Version};
use crate::protocol::membership::Membership;
use crate::protocol::{self, RoundCtx};
use crate::report::{Belief, Change, RoundReport, Traffic};
use crate::topology::{Topology, TopologyKind};

/// How many alive nodes are in each state for a message's latest version, plus the dead.
/// The four always sum to the cluster size.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct StateCounts {
    /// Alive nodes without the latest version.
    pub unaware: u32,
    /// Alive nodes spreading it.
    pub fresh: u32,
    /// Alive nodes that hold it and stopped spreading it.
    pub stale: u32,
    /// Dead nodes, whatever they hold.
    pub dead: u32,
}

impl StateCounts {
    /// Sum of all four: the cluster size.
    pub fn total(&self) -> u32 {
        self.unaware + self.fresh + self.stale + self.dead
    }
    /// Alive nodes holding the latest version.
    pub fn informed(&self) -> u32 {
        self.fresh + self.stale
    }
    fn slot(&mut self, s: MessageState) -> &mut u32 {
        match s {
            MessageState::Unaware => &mut self.unaware,
            MessageState::Fresh => &mut self.fresh,
            MessageState::Stale => &mut self.stale,
        }
    }
}

/// A gossiping cluster. Build it from a [`Config`] and a seed, apply [`Command`]s, and call
/// [`Simulation::step`] once per round.
#[derive(Clone, Debug)]
pub struct Simulation {
    pub(crate) config: Config,
    pub(crate) seed: u64,
    pub(crate) round: u32,
    pub(crate) topology: Topology,
    pub(crate) alive: Vec<bool>,
    pub(crate) loss: f64,
    /// Partition group per node; empty when the cluster is whole.
    pub(crate) group: Vec<u32>,
    pub(crate) messages: Vec<MessageSlot>,
    pub(crate) counts: Vec<StateCounts>,
    pub(crate) membership: Option<Membership>,
    pub(crate) record: bool,
    pub(crate) totals: Traffic,
    pub(crate) dead: u32,
}

impl Simulation {
    /// Builds a cluster; every node alive, no message yet.
    pub fn new(config: Config, seed: u64) -> Result<Self> {
        config.validate()?;
        if let Protocol::Membership { .. } = config.protocol {
            if config.topology.kind() != TopologyKind::Complete {
                return Err(Error::NotSupported {
                    action: "a topology other than complete",
                    protocol: "membership",
                });
            }
        }
        let n = config.nodes;
        let topology = config.topology.build(n, seed);
        let membership = match config.protocol {
            Protocol::Membership { .. } => Some(Membership::new(n)),
            _ => None,
        };
        Ok(Simulation {
            loss: config.loss,
            topology,
            alive: vec![true; n as usize],
            group: Vec::new(),
            messages: Vec::new(),
            counts: Vec::new(),
            membership,
            record: true,
            totals: Traffic::default(),
            dead: 0,
            round: 0,
            seed,
            config,
        })
    }

    /// The configuration it was built from.
    pub fn config(&self) -> &Config {
        &self.config
    }
    /// The seed.
    pub fn seed(&self) -> u64 {
        self.seed
    }
    /// Rounds completed so far (0 before the first step).
    pub fn round(&self) -> u32 {
        self.round
    }
    /// Current number of nodes (grows with joins).
    pub fn nodes(&self) -> u32 {
        self.alive.len() as u32
    }
    /// Whether `node` is alive (false for unknown nodes).
    pub fn is_alive(&self, node: u32) -> bool {
        self.alive.get(node as usize).copied().unwrap_or(false)
    }
    /// Alive flags of every node.
    pub fn alive(&self) -> &[bool] {
        &self.alive
    }
    /// Number of alive nodes.
    pub fn alive_count(&self) -> u32 {
        self.nodes() - self.dead
    }
    /// The communication graph.
    pub fn topology(&self) -> &Topology {
        &self.topology
    }
    /// Packet loss probability in force.
    pub fn loss(&self) -> f64 {
        self.loss
    }
    /// Partition group of each node, or `None` when the cluster is whole.
    pub fn partition(&self) -> Option<&[u32]> {
        (!self.group.is_empty()).then_some(&self.group[..])
    }
    /// Traffic summed over every round so far.
    pub fn total_traffic(&self) -> Traffic {
        self.totals
    }
    /// Turns recording of contacts and changes on or off. Off, a round of 10^6 nodes costs
    /// no allocation for its report.
    pub fn set_recording(&mut self, on: bool) {
        self.record = on;
    }
    /// Message ids injected so far, in order.
    pub fn message_ids(&self) -> impl Iterator<Item = u32> + '_ {
        self.messages.iter().map(|m| m.id)
    }
    /// The storage of message `id`.
    pub fn message(&self, id: u32) -> Option<&MessageSlot> {
        self.messages.get(id as usize)
    }
    /// Per-state counts for message `id` (its latest version).
    pub fn counts(&self, id: u32) -> Option<StateCounts> {
        self.counts.get(id as usize).copied()
    }
    /// The state of `node` for the latest version of `id`.
    pub fn state(&self, id: u32, node: u32) -> MessageState {
        match self.messages.get(id as usize) {
            Some(m) if (node as usize) < m.held.len() => m.state_of_latest(node),
            _ => MessageState::Unaware,
        }
    }
    /// The message table of `node`: one row per id it holds, in id order.
    pub fn table(&self, node: u32) -> Vec<TableRow> {
        self.messages.iter().filter_map(|m| m.row(node)).collect()
    }
    /// The heartbeat membership state, under the membership protocol.
    pub fn membership(&self) -> Option<&Membership> {
        self.membership.as_ref()
    }
    /// What every node believes about `subject` (membership protocol).
    pub fn beliefs(&self, subject: u32) -> Vec<Belief> {
        match &self.membership {
            Some(m) => (0..self.nodes())
                .map(|o| m.belief(o, subject, self.round, &self.config.protocol))
                .collect(),
            None => Vec::new(),
        }
    }

    fn check_node(&self, node: u32) -> Result<()> {
        if node < self.nodes() {
            Ok(())
        } else {
            Err(Error::UnknownNode {
                node,
                nodes: self.nodes(),
            })
        }
    }

    fn check_alive(&self, node: u32, action: &'static str) -> Result<()> {
        self.check_node(node)?;
        if self.is_alive(node) {
            Ok(())
        } else {
            Err(Error::WrongNodeState {
                node,
                state: "dead",
                action,
                needed: "alive",
            })
        }
    }

    /// Applies a command between rounds. Returns the message id for an injection.
    /// On error nothing changes.
    pub fn apply(&mut self, cmd: &Command) -> Result<Option<u32>> {
        match cmd {
            Command::Inject { node, id, content } => self.inject(*node, *id, content).map(Some),
            Command::Kill { node } => {
                self.check_alive(*node, "kill")?;
                self.set_alive(*node, false);
                Ok(None)
            }
            Command::Revive { node, amnesia } => {
                self.check_node(*node)?;
                if self.is_alive(*node) {
                    return Err(Error::WrongNodeState {
                        node: *node,
                        state: "alive",
                        action: "revive",
                        needed: "dead",
                    });
                }
                if *amnesia {
                    for m in &mut self.messages {
                        m.forget(*node);
                    }
                }
                if let Some(ms) = &mut self.membership {
                    ms.revive(*node, *amnesia, self.round);
                }
                self.set_alive(*node, true);
                Ok(None)
            }
            Command::SetLoss { loss } => {
                check_range("loss", *loss, 0.0, 1.0)?;
                self.loss = *loss;
                Ok(None)
            }
            Command::Partition { groups } => {
                let n = self.nodes();
                let mut group = vec![0u32; n as usize];
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
                Ok(None)
            }
            Command::Heal => {
                self.group.clear();
                Ok(None)
            }
            Command::Join { seed } => {
                self.check_alive(*seed, "join through")?;
                let n = self.nodes();
                let limit = crate::config::MAX_NODES;
                check_range("nodes", n + 1, 2, limit)?;
                if self.membership.is_some() {
                    check_range("nodes", n + 1, 2, crate::config::MAX_MEMBERSHIP_NODES)?;
                }
                if self.topology.is_explicit() {
                    check_range("nodes", n + 1, 2, crate::topology::MAX_GRAPH_NODES)?;
                }
                let cells = (self.messages.len() as u64) * u64::from(n + 1);
                if cells > MAX_CELLS {
                    return Err(Error::NoRoomToJoin {
                        cells,
                        max: MAX_CELLS,
                    });
                }
                self.topology.join(*seed);
                self.alive.push(true);
                if !self.group.is_empty() {
                    let g = self.group[*seed as usize];
                    self.group.push(g);
                }
                for (m, c) in self.messages.iter_mut().zip(&mut self.counts) {
                    m.push_node();
                    c.unaware += 1;
                }
                if let Some(ms) = &mut self.membership {
                    ms.join(*seed, self.round);
                }
                Ok(None)
            }
        }
    }

    fn inject(&mut self, node: u32, id: Option<u32>, content: &str) -> Result<u32> {
        if let Protocol::Membership { .. } = self.config.protocol {
            return Err(Error::NotSupported {
                action: "injecting a message",
                protocol: "membership",
            });
        }
        self.check_alive(node, "inject")?;
        let chars = content.chars().count();
        check_range("content length", chars as u32, 0, MAX_CONTENT as u32)?;
        let id = match id {
            Some(id) => {
                if id as usize >= self.messages.len() {
                    return Err(Error::UnknownMessage { id });
                }
                id
            }
            None => {
                let id = self.messages.len() as u32;
                check_range("messages", id + 1, 1, MAX_MESSAGES)?;
                let cells = u64::from(id + 1) * u64::from(self.nodes());
                if cells > MAX_CELLS {
                    return Err(Error::TooManyCells {
                        cells,
                        max: MAX_CELLS,
                    });
                }
                self.messages.push(MessageSlot::new(id, self.nodes()));
                self.counts.push(StateCounts::default());
                id
            }
        };
        let round = self.round;
        let slot = &mut self.messages[id as usize];
        // The writer acts as a client that knows the newest version, so a re-injection always
        // supersedes every older value of the id.
        let number = slot.versions.iter().map(|v| v.number).max().unwrap_or(0) + 1;
        slot.versions.push(Version {
            number,
            origin: node,
            content: content.to_string(),
            injected: round,
        });
        let v = slot.versions.len() as u32;
        slot.latest = v - 1;
        slot.store(node, v, round, NONE);
        slot.converged_at = None;
        slot.extinct_at = None;
        self.recount(id);
        Ok(id)
    }

    fn set_alive(&mut self, node: u32, on: bool) {
        let i = node as usize;
        self.alive[i] = on;
        for (m, c) in self.messages.iter().zip(&mut self.counts) {
            let s = m.state_of_latest(node);
            if on {
                c.dead -= 1;
                *c.slot(s) += 1;
            } else {
                *c.slot(s) -= 1;
                c.dead += 1;
            }
        }
        if on {
            self.dead -= 1;
        } else {
            self.dead += 1;
        }
    }

    /// Counts of message `id` computed from its columns (`None` for an unknown id).
    fn counted(&self, id: u32) -> Option<StateCounts> {
        let m = self.messages.get(id as usize)?;
        let mut c = StateCounts::default();
        for node in 0..m.held.len() as u32 {
            if self.alive[node as usize] {
                *c.slot(m.state_of_latest(node)) += 1;
            } else {
                c.dead += 1;
            }
        }
        Some(c)
    }

    /// Recomputes the kept counts of message `id` from its columns.
    pub(crate) fn recount(&mut self, id: u32) {
        if let Some(c) = self.counted(id) {
            self.counts[id as usize] = c;
        }
    }

    /// Counts recomputed from scratch (for invariant checks in tests: they must equal
    /// [`Simulation::counts`], which is kept incrementally).
    pub fn recounted(&self, id: u32) -> Option<StateCounts> {
        self.counted(id)
    }

    /// Runs one round and reports what happened.
    pub fn step(&mut self) -> RoundReport {
        let round = self.round + 1;
        let mut ctx = RoundCtx::new(round, self.record);
        match self.config.protocol.clone() {
            Protocol::AntiEntropy { mode, sync } => {
                protocol::anti_entropy::round(
                    self,
                    &mut ctx,
                    mode,
                    sync,
                    self.config.fanout,
                    false,
                );
            }
            Protocol::Rumor {
                mode,
                removal,
                repair_every,
            } => {
                protocol::rumor::round(self, &mut ctx, mode, removal.feedback);
                if repair_every.is_some_and(|r| round % r == 0) {
                    protocol::anti_entropy::round(
                        self,
                        &mut ctx,
                        crate::config::Mode::PushPull,
                        crate::config::Sync::Incremental,
                        1,
                        true,
                    );
                }
                protocol::rumor::lose_interest(self, &mut ctx, &removal);
            }
            Protocol::Membership { t_fail, t_cleanup } => {
                protocol::membership::round(self, &mut ctx, t_fail, t_cleanup);
            }
        }
        self.deliver(&mut ctx);
        self.round = round;
        self.close_round();
        self.totals.add(&ctx.report.traffic);
        ctx.report
    }

    /// Applies the round's deliveries in the order they were sent: the first sender of the
    /// newest version is recorded as the source.
    fn deliver(&mut self, ctx: &mut RoundCtx) {
        let round = ctx.round;
        for d in std::mem::take(&mut ctx.deliveries) {
            let slot = &mut self.messages[d.slot as usize];
            if !slot.newer(d.version, slot.held[d.node as usize]) {
                continue;
            }
            let before = slot.state_of_latest(d.node);
            slot.store(d.node, d.version, round, d.from);
            let after = slot.state_of_latest(d.node);
            if before != after {
                let c = &mut self.counts[d.slot as usize];
                *c.slot(before) -= 1;
                *c.slot(after) += 1;
            }
            if ctx.record {
                ctx.report.changes.push(Change {
                    node: d.node,
                    message: d.slot,
                    before,
                    after: MessageState::Fresh,
                    source: Some(d.from),
                });
            }
        }
    }

    /// Marks convergence and extinction of each message at the end of a round.
    fn close_round(&mut self) {
        let alive = self.alive_count();
        for (m, c) in self.messages.iter_mut().zip(&self.counts) {
            if m.converged_at.is_none() && c.informed() == alive {
                m.converged_at = Some(self.round);
            }
            if m.extinct_at.is_none() && c.fresh == 0 {
                m.extinct_at = Some(self.round);
            }
        }
    }

    /// Moves a fresh holder of `slot` to stale (loss of interest), keeping counts.
    pub(crate) fn make_stale(&mut self, slot: u32, node: u32, ctx: &mut RoundCtx) {
        let m = &mut self.messages[slot as usize];
        let i = node as usize;
        if m.state[i] != MessageState::Fresh {
            return;
        }
        m.state[i] = MessageState::Stale;
        if m.held[i] == m.latest + 1 && self.alive[i] {
            let c = &mut self.counts[slot as usize];
            c.fresh -= 1;
            c.stale += 1;
        }
        if ctx.record {
            ctx.report.changes.push(Change {
                node,
                message: slot,
                before: MessageState::Fresh,
                after: MessageState::Stale,
                source: None,
            });
        }
    }
}
