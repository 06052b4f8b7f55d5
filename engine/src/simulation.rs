//! The simulation: a cluster, its protocol, and the round loop.
//!
//! Rounds are synchronous: in round r every alive node acts on the state that held at the
//! start of the round, and everything delivered takes effect at its end, so a node that
//! learns something in round r first spreads it in round r + 1 (as in the published
//! analyses). Under a time model (`round_time.rs`) a step is a tick, the rounds run every
//! few ticks, and an update lands after its latency, at the end of a later tick. The engine
//! never reads a clock and never iterates a hash map: a run is a pure function of (config,
//! seed, commands).
//!
//! The simulation owns the parts and lends each protocol the ones it acts on: the cluster
//! (`cluster.rs`, read-only), the message tables (`messages.rs`) or the membership tables,
//! and the round being built (`round.rs`).

use crate::cluster::Cluster;
use crate::command::{Command, CommandKind, MAX_CELLS};
use crate::config::{Config, MAX_MEMBERSHIP_NODES, MAX_NODES, Mode, Protocol, Sync};
use crate::error::{Error, Result, check_range};
use crate::message::{MessageSlot, MessageState, TableRow};
use crate::messages::Messages;
pub use crate::messages::StateCounts;
use crate::protocol::membership::Membership;
use crate::protocol::{anti_entropy, membership, rumor};
use crate::report::{Belief, RoundReport, Traffic};
use crate::round::{Delivery, RoundCtx};
use crate::schedule::Schedule;
use crate::topology::{MAX_GRAPH_NODES, Topology, TopologyKind};

/// A gossiping cluster. Build it from a [`Config`] and a seed, apply [`Command`]s, and call
/// [`Simulation::step`] once per round.
#[derive(Clone, Debug)]
pub struct Simulation {
    pub(crate) config: Config,
    pub(crate) round: u32,
    pub(crate) cluster: Cluster,
    pub(crate) messages: Messages,
    pub(crate) membership: Option<Membership>,
    pub(crate) record: bool,
    pub(crate) totals: Traffic,
    /// Updates on the wire under a time model with latency, by the tick they land in, each
    /// with the tick it was sent in (for drawing it on its way).
    pub(crate) in_flight: Option<Schedule<(u32, Delivery)>>,
}

impl Simulation {
    /// Builds a cluster; every node alive, no message yet.
    pub fn new(config: Config, seed: u64) -> Result<Self> {
        config.validate()?;
        let membership = match config.protocol {
            Protocol::Membership { .. } => {
                if config.topology.kind() != TopologyKind::Complete {
                    return Err(Error::MembershipNeedsComplete);
                }
                Some(Membership::new(config.nodes, config.has_latency()))
            }
            _ => None,
        };
        Ok(Simulation {
            cluster: Cluster::new(&config, seed),
            messages: Messages::default(),
            membership,
            record: true,
            totals: Traffic::default(),
            round: 0,
            // Only latency puts updates on the wire between ticks. The first tick taken is
            // tick 1; eight ticks of room before the ring grows.
            in_flight: config.has_latency().then(|| Schedule::new(1, 8)),
            config,
        })
    }

    /// The configuration it was built from.
    pub fn config(&self) -> &Config {
        &self.config
    }
    /// The seed.
    pub fn seed(&self) -> u64 {
        self.cluster.seed
    }
    /// Steps completed so far (0 before the first step): rounds, or ticks under a time
    /// model ([`Config::time`]).
    pub fn round(&self) -> u32 {
        self.round
    }
    /// The time of step `round` in seconds under a time model, `None` in abstract rounds.
    pub fn seconds(&self, round: u32) -> Option<f64> {
        self.config.seconds(round)
    }
    /// Updates of message slot `message` on the wire (under latency): who sent it to whom,
    /// the tick it was sent in and the tick it lands in.
    pub fn wire(&self, message: u32) -> impl Iterator<Item = Wire> + '_ {
        self.in_flight.iter().flat_map(move |f| {
            f.iter()
                .filter(move |(_, (_, d))| u32::from(d.slot) == message)
                .map(|(due, &(sent, d))| Wire {
                    from: d.from,
                    to: d.node,
                    sent,
                    due,
                })
        })
    }

    /// Updates sent but not yet landed (always 0 without latency).
    pub fn in_flight(&self) -> usize {
        self.in_flight.as_ref().map_or(0, Schedule::len)
            + self.membership.as_ref().map_or(0, Membership::in_flight)
    }
    /// Current number of nodes (grows with joins).
    pub fn nodes(&self) -> u32 {
        self.cluster.nodes()
    }
    /// Whether `node` is alive (false for unknown nodes).
    pub fn is_alive(&self, node: u32) -> bool {
        self.cluster.is_alive(node)
    }
    /// Alive flags of every node.
    pub fn alive(&self) -> &[bool] {
        &self.cluster.alive
    }
    /// Number of alive nodes.
    pub fn alive_count(&self) -> u32 {
        self.cluster.alive_count()
    }
    /// The communication graph.
    pub fn topology(&self) -> &Topology {
        &self.cluster.topology
    }
    /// Packet loss probability in force.
    pub fn loss(&self) -> f64 {
        self.cluster.loss
    }
    /// Partition group of each node, or `None` when the cluster is whole.
    pub fn partition(&self) -> Option<&[u32]> {
        let group = &self.cluster.group;
        (!group.is_empty()).then_some(&group[..])
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
        self.messages.slots.iter().map(|m| m.id)
    }
    /// The storage of message `id`.
    pub fn message(&self, id: u32) -> Option<&MessageSlot> {
        self.messages.slots.get(id as usize)
    }
    /// Per-state counts for message `id` (its latest version).
    pub fn counts(&self, id: u32) -> Option<StateCounts> {
        self.messages.counts.get(id as usize).copied()
    }
    /// The state of `node` for the latest version of `id`.
    pub fn state(&self, id: u32, node: u32) -> MessageState {
        match self.message(id) {
            Some(m) if (node as usize) < m.held.len() => m.state_of_latest(node),
            _ => MessageState::Unaware,
        }
    }
    /// The message table of `node`: one row per id it holds, in id order.
    pub fn table(&self, node: u32) -> Vec<TableRow> {
        self.messages
            .slots
            .iter()
            .filter_map(|m| m.row(node))
            .collect()
    }
    /// The heartbeat membership state, under the membership protocol.
    pub fn membership(&self) -> Option<&Membership> {
        self.membership.as_ref()
    }
    /// What every node believes about `subject` (membership protocol).
    pub fn beliefs(&self, subject: u32) -> Vec<Belief> {
        match &self.membership {
            Some(m) => (0..self.nodes())
                .map(|o| m.belief(o, subject, self.round, &self.config))
                .collect(),
            None => Vec::new(),
        }
    }

    /// Applies a command between rounds. Returns the message id for an injection.
    /// On error nothing changes.
    pub fn apply(&mut self, cmd: &Command) -> Result<Option<u32>> {
        let cluster = &mut self.cluster;
        match cmd {
            Command::Inject { node, id, content } => {
                if let Protocol::Membership { .. } = self.config.protocol {
                    return Err(Error::NoMessagesUnderMembership);
                }
                cluster.check_alive(*node, CommandKind::Inject)?;
                let round = self.round;
                let id = self
                    .messages
                    .inject(*node, *id, content, round, &cluster.alive)?;
                return Ok(Some(id));
            }
            Command::Kill { node } => {
                cluster.check_alive(*node, CommandKind::Kill)?;
                self.set_alive(*node, false);
            }
            Command::Revive { node, amnesia } => {
                cluster.check_node(*node)?;
                if cluster.is_alive(*node) {
                    return Err(Error::WrongNodeState {
                        node: *node,
                        alive: true,
                        command: CommandKind::Revive,
                    });
                }
                if *amnesia {
                    self.messages.forget(*node);
                }
                if let Some(ms) = &mut self.membership {
                    ms.revive(*node, *amnesia, self.round);
                }
                self.set_alive(*node, true);
            }
            Command::SetLoss { loss } => cluster.set_loss(*loss)?,
            Command::Partition { groups } => cluster.split(groups)?,
            Command::Heal => cluster.heal(),
            Command::Join { seed } => {
                cluster.check_alive(*seed, CommandKind::Join)?;
                let n = cluster.nodes();
                check_range("nodes", n + 1, 2, MAX_NODES)?;
                if self.membership.is_some() {
                    check_range("nodes", n + 1, 2, MAX_MEMBERSHIP_NODES)?;
                }
                if cluster.topology.is_explicit() {
                    check_range("nodes", n + 1, 2, MAX_GRAPH_NODES)?;
                }
                let cells = (self.messages.slots.len() as u64) * u64::from(n + 1);
                if cells > MAX_CELLS {
                    return Err(Error::NoRoomToJoin {
                        cells,
                        max: MAX_CELLS,
                    });
                }
                cluster.join(*seed);
                self.messages.push_node();
                if let Some(ms) = &mut self.membership {
                    ms.join(*seed, self.round);
                }
            }
        }
        Ok(None)
    }

    fn set_alive(&mut self, node: u32, on: bool) {
        self.cluster.set_alive(node, on);
        self.messages.set_alive(node, on);
    }

    /// Counts recomputed from scratch (for invariant checks in tests: they must equal
    /// [`Simulation::counts`], which is kept incrementally).
    pub fn recounted(&self, id: u32) -> Option<StateCounts> {
        self.messages.counted(id, &self.cluster.alive)
    }

    /// Runs one round (one tick under a time model) and reports what happened.
    pub fn step(&mut self) -> RoundReport {
        let round = self.round + 1;
        let time = self.config.time;
        let instant = !self.config.has_latency();
        // Under a time model the protocol runs every `interval` ticks; `g` counts its rounds.
        let every = self.config.round_ticks();
        let runs = time.is_none_or(|t| t.runs_at(round));
        let g = round / every;
        let mut ctx = RoundCtx::new(round, g, self.record, instant);
        let (cluster, messages) = (&self.cluster, &mut self.messages);
        let fanout = self.config.fanout;
        match &self.config.protocol {
            &Protocol::AntiEntropy { mode, sync } if runs => {
                anti_entropy::round(cluster, messages, &mut ctx, mode, sync, fanout, false);
            }
            Protocol::Rumor {
                mode,
                removal,
                repair_every,
            } if runs => {
                rumor::round(cluster, messages, &mut ctx, *mode, fanout, removal.feedback);
                if repair_every.is_some_and(|r| g % r == 0) {
                    let (mode, sync) = (Mode::PushPull, Sync::Incremental);
                    anti_entropy::round(cluster, messages, &mut ctx, mode, sync, 1, true);
                }
                rumor::lose_interest(cluster, messages, &mut ctx, removal);
            }
            &Protocol::Membership { t_fail, t_cleanup } => {
                if let Some(ms) = &mut self.membership {
                    let (t_fail, t_cleanup) = (
                        t_fail.saturating_mul(every),
                        t_cleanup.saturating_mul(every),
                    );
                    let timers = membership::Timers {
                        gossips: runs,
                        t_fail,
                        t_cleanup,
                        time: time.as_ref(),
                    };
                    membership::round(cluster, ms, &mut ctx, fanout, &timers);
                }
            }
            _ => {}
        }
        if let (Some(t), Some(flight)) = (time, &mut self.in_flight) {
            land(&mut ctx, flight, &t, cluster, round);
        }
        self.messages.deliver(&mut ctx);
        self.round = round;
        let pending = self.in_flight.as_ref();
        self.messages
            .close_round(round, self.cluster.alive_count(), |slot| {
                pending.is_some_and(|f| f.iter().any(|(_, (_, d))| u32::from(d.slot) == slot))
            });
        self.totals.add(&ctx.report.traffic);
        ctx.report
    }
}

/// Holds back the round's updates that take time to land, and adds those landing now: first
/// the ones sent earlier, in sending order, then this tick's. An update whose receiver is
/// down when it lands is lost.
fn land(
    ctx: &mut RoundCtx,
    flight: &mut Schedule<(u32, Delivery)>,
    time: &crate::round_time::RoundTime,
    cluster: &Cluster,
    tick: u32,
) {
    #[cfg(feature = "fast-paths")]
    debug_assert!(
        ctx.receivers.is_none(),
        "bulk deliveries are only made when every leg lands at once"
    );
    let sent = std::mem::take(&mut ctx.deliveries);
    let mut now: Vec<Delivery> = flight
        .take(Vec::new())
        .into_iter()
        .map(|(_, d)| d)
        .filter(|d| cluster.is_alive(d.node))
        .collect();
    for d in sent {
        match time.delay(cluster.seed, tick, d.from, d.node, d.legs) {
            0 => now.push(d),
            wait => flight.push(tick + wait, (tick, d)),
        }
    }
    ctx.deliveries = now;
}

/// An update on the wire ([`Simulation::wire`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Wire {
    /// The sender.
    pub from: u32,
    /// The receiver.
    pub to: u32,
    /// The tick it was sent in.
    pub sent: u32,
    /// The tick it lands in.
    pub due: u32,
}
