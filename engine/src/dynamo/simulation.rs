//! [`DynamoSimulation`]: a Dynamo cluster driven tick by tick, reusing SWIM's time model,
//! [`Condition`] and delivery ring.
//!
//! A tick runs in this order, which every run repeats exactly:
//! 1. the messages landing at this tick, in sending order: the receiver hears from the
//!    sender (so holds it reachable again), reconciles membership (§4.8.1) and, for a call,
//!    syncs the shared key range by Merkle trees (§4.7) and answers;
//! 2. calls unanswered past `timeout_ms`: the caller holds the peer unreachable (§4.8.3);
//! 3. each acting node whose period is due calls one peer (§4.8.1);
//! 4. the writes of the tick, each at one random acting node;
//! 5. the metrics.
//!
//! With [`DynamoSimulation::set_recording`] on, [`DynamoSimulation::step`] also reports the
//! messages sent and the reachability verdicts of the tick, for the browser page to draw;
//! off (the default) it records nothing, and either way the run is the same: recording only
//! observes and draws no randomness.

use crate::command::CommandKind;
use crate::dynamo::command::DynamoCommand;
use crate::dynamo::config::{DynamoConfig, MAX_DYNAMO_NODES};
use crate::dynamo::merkle::{MerkleSync, reconcile};
use crate::dynamo::metrics::{DynamoMetrics, Unreachability};
use crate::dynamo::node::{DynamoNode, Packet};
use crate::error::{Error, Result, check_range};
use crate::rng::{Stream, splitmix64};
use crate::schedule::Schedule;
use crate::swim::network::Condition;

const NODE_SALT: u64 = 0x4459_4E41_4E4F_4445;
const NET_SALT: u64 = 0x4459_4E41_4E45_5457;
const WRITE_SALT: u64 = 0x4459_4E41_5752_4954;

fn node_stream(seed: u64, node: u32, salt: u64) -> Stream {
    Stream::from_seed(splitmix64(seed ^ splitmix64(u64::from(node) ^ salt)))
}

/// What a message is. Dynamo's paper names no wire verbs; these name the steps of §4.8.1
/// (a call and its answer) and §4.7 (the Merkle comparison and the keys it moves).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
pub enum DynamoVerb {
    /// A call to a random peer, carrying the caller's membership history (§4.8.1).
    Gossip,
    /// The answer, carrying the callee's.
    GossipReply,
    /// The hashes and leaf key lists of the Merkle walk (§4.7), from the callee to the
    /// caller.
    MerkleCompare,
    /// The differing keys, each once, from the callee to the caller.
    KeyTransfer,
}

/// One message, for drawing.
///
/// The engine syncs the two replicas at the instant the callee answers a call (both end at
/// the newer versions at once); the `MerkleCompare` and `KeyTransfer` flights only draw that
/// exchange alongside the answer: same ends, same landing tick (`None` when the answer is
/// lost, though the sync took place). Their bytes are the Merkle exchange's
/// ([`MerkleSync::merkle_bytes`]), split into the walk and the keys moved; they are not
/// counted in the metrics' gossip `messages` and `bytes`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct DynamoFlight {
    /// Sender.
    pub from: u32,
    /// Receiver.
    pub to: u32,
    /// What it is.
    pub verb: DynamoVerb,
    /// Bytes: the membership entries of a call or answer; the walk's hashes and leaf key
    /// lists; or the keys and values moved.
    pub bytes: u32,
    /// Keys moved (`KeyTransfer` only; 0 for the others).
    pub keys: u32,
    /// Landing tick, or `None` if lost to random loss or a partition. A message that lands
    /// at a crashed or paused node is dropped there.
    pub lands: Option<u32>,
}

/// A local verdict of one node about another (§4.8.3).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case", tag = "event"))]
pub enum DynamoEvent {
    /// `caller` got no answer from `peer` within `timeout_ms` and holds it unreachable.
    Unreachable {
        /// Who decided.
        caller: u32,
        /// About whom.
        peer: u32,
    },
    /// `caller` heard from `peer` again (any message), or restarted and forgot its
    /// verdicts, and holds it reachable.
    Reachable {
        /// Who decided.
        caller: u32,
        /// About whom.
        peer: u32,
    },
}

/// What one tick did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct DynamoTick {
    /// The tick.
    pub tick: u32,
    /// Messages sent (when recording), in sending order.
    pub flights: Vec<DynamoFlight>,
    /// Verdicts (when recording), in order; those of a restart between ticks come first.
    pub events: Vec<DynamoEvent>,
}

/// The last Merkle sync a node took part in, as caller or callee.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct LastSync {
    /// The other end.
    pub peer: u32,
    /// The tick it ran.
    pub tick: u32,
    /// What it did (its "A" is the caller).
    pub sync: MerkleSync,
}

/// A Merkle sync recorded for drawing with the answer at `out[reply]`.
struct SyncDraw {
    reply: usize,
    walk_bytes: u32,
    keys: u32,
    key_bytes: u32,
}

/// A Dynamo cluster.
#[derive(Clone, Debug)]
pub struct DynamoSimulation {
    config: DynamoConfig,
    seed: u64,
    nodes: Vec<DynamoNode>,
    conditions: Vec<Condition>,
    group: Vec<u32>,
    loss: f64,
    net_rng: Vec<Stream>,
    write_rng: Stream,
    flight: Schedule<Packet>,
    tick: u32,
    version: u64,
    metrics: DynamoMetrics,
    /// Per node, the last sync it took part in.
    last_sync: Vec<Option<LastSync>>,
    /// Whether flights and events are kept for [`DynamoTick`].
    recording: bool,
    /// Events since the last tick's report (empty when not recording).
    events: Vec<DynamoEvent>,
}

impl DynamoSimulation {
    /// A cluster of `config.nodes` nodes of generation 1 that all know each other, with
    /// identical replicas of the key range (every key at version 1), at tick 0.
    pub fn new(config: DynamoConfig, seed: u64) -> Result<Self> {
        config.validate()?;
        let n = config.nodes;
        let interval = config.interval_ticks();
        let all: Vec<(u32, u32)> = (0..n).map(|i| (i, 1)).collect();
        let replica: crate::dynamo::Replica = (0..u64::from(config.keys)).map(|k| (k, 1)).collect();
        let nodes = (0..n)
            .map(|i| {
                let mut rng = node_stream(seed, i, NODE_SALT);
                let phase = rng.below(interval);
                let mut node = DynamoNode::new(i, 1, rng, phase);
                node.merge(&all);
                node.replica = replica.clone();
                node
            })
            .collect();
        let horizon = config.ticks().delay(config.latency.mean_ms * 4.0) + 2;
        Ok(DynamoSimulation {
            seed,
            nodes,
            conditions: vec![Condition::default(); n as usize],
            group: vec![0; n as usize],
            loss: config.loss,
            net_rng: (0..n).map(|i| node_stream(seed, i, NET_SALT)).collect(),
            write_rng: node_stream(seed, u32::MAX, WRITE_SALT),
            flight: Schedule::new(0, horizon),
            tick: 0,
            version: 1,
            metrics: DynamoMetrics::default(),
            last_sync: vec![None; n as usize],
            recording: false,
            events: Vec::new(),
            config,
        })
    }

    /// The parameters.
    pub fn config(&self) -> &DynamoConfig {
        &self.config
    }

    /// The next tick to run (ticks run so far).
    pub fn tick(&self) -> u32 {
        self.tick
    }

    /// Simulated seconds so far.
    pub fn seconds(&self) -> f64 {
        self.config.ticks().seconds(self.tick)
    }

    /// Nodes, joined ones included.
    pub fn nodes(&self) -> u32 {
        self.nodes.len() as u32
    }

    /// One node, for the inspector (its ring view: [`DynamoNode::ring`]).
    pub fn node(&self, id: u32) -> Option<&DynamoNode> {
        self.nodes.get(id as usize)
    }

    /// One node's condition.
    pub fn condition(&self, id: u32) -> Option<&Condition> {
        self.conditions.get(id as usize)
    }

    /// The measures so far.
    pub fn metrics(&self) -> &DynamoMetrics {
        &self.metrics
    }

    /// Whether every acting node knows every member (no logical partition, §4.8.2).
    pub fn views_complete(&self) -> bool {
        let n = self.nodes.len();
        self.nodes
            .iter()
            .zip(&self.conditions)
            .all(|(node, c)| !c.acts(self.tick) || node.members.len() == n)
    }

    /// The last Merkle sync `node` took part in, as caller or callee (`None` before any).
    pub fn last_sync(&self, node: u32) -> Option<&LastSync> {
        self.last_sync.get(node as usize)?.as_ref()
    }

    /// How many acting nodes other than `node` hold it reachable, hold it unreachable, and
    /// do not know it.
    pub fn views_of(&self, node: u32) -> (u32, u32, u32) {
        let mut v = (0, 0, 0);
        for (n, c) in self.nodes.iter().zip(&self.conditions) {
            if !c.acts(self.tick) || n.id == node {
                continue;
            }
            match n.reachable(node) {
                Some(true) => v.0 += 1,
                Some(false) => v.1 += 1,
                None => v.2 += 1,
            }
        }
        v
    }

    /// Turns recording of flights and events in [`DynamoTick`] on or off (off at start).
    /// Turning it off drops what was kept since the last tick.
    pub fn set_recording(&mut self, on: bool) {
        self.recording = on;
        if !on {
            self.events = Vec::new();
        }
    }

    fn record(&mut self, event: DynamoEvent) {
        if self.recording {
            self.events.push(event);
        }
    }

    /// Runs one tick.
    pub fn step(&mut self) -> DynamoTick {
        let t = self.tick;
        let mut out = Vec::new();
        let mut draws = Vec::new();
        for p in self.flight.take(Vec::new()) {
            let (to, from) = (p.to as usize, p.from as usize);
            if !self.conditions[to].acts(t) {
                continue;
            }
            let node = &mut self.nodes[to];
            let heard = node.unreachable.remove(&p.from);
            node.merge(&p.members);
            if heard {
                self.record(DynamoEvent::Reachable {
                    caller: p.to,
                    peer: p.from,
                });
            }
            let node = &mut self.nodes[to];
            if p.request {
                out.push(Packet {
                    from: p.to,
                    to: p.from,
                    request: false,
                    members: node.snapshot(),
                });
                let (depth, sizes) = (self.config.merkle_depth, self.config.sizes);
                let (a, b) = pair(&mut self.nodes, from, to);
                if let Ok(s) = reconcile(&mut a.replica, &mut b.replica, depth, sizes) {
                    self.metrics.sync(&s);
                    if self.recording {
                        let keys = s.keys_transferred.len() as u64;
                        let key_bytes = keys * (u64::from(sizes.key) + u64::from(sizes.value));
                        draws.push(SyncDraw {
                            reply: out.len() - 1,
                            walk_bytes: (s.merkle_bytes - key_bytes) as u32,
                            keys: keys as u32,
                            key_bytes: key_bytes as u32,
                        });
                    }
                    self.last_sync[to] = Some(LastSync {
                        peer: p.from,
                        tick: t,
                        sync: s.clone(),
                    });
                    self.last_sync[from] = Some(LastSync {
                        peer: p.to,
                        tick: t,
                        sync: s,
                    });
                }
            } else {
                node.pending.remove(&p.from);
            }
        }
        for i in 0..self.nodes.len() {
            if !self.conditions[i].acts(t) {
                continue;
            }
            let expired: Vec<u32> = self.nodes[i]
                .pending
                .iter()
                .filter(|&(_, &due)| due <= t)
                .map(|(&m, _)| m)
                .collect();
            for m in expired {
                self.nodes[i].pending.remove(&m);
                if self.nodes[i].unreachable.insert(m) {
                    self.metrics.unreachable(t, m, &self.conditions);
                    self.record(DynamoEvent::Unreachable {
                        caller: i as u32,
                        peer: m,
                    });
                }
            }
        }
        let (interval, timeout) = (self.config.interval_ticks(), self.config.timeout_ticks());
        for i in 0..self.nodes.len() {
            let node = &mut self.nodes[i];
            if !self.conditions[i].acts(t) || node.next_gossip > t {
                continue;
            }
            node.next_gossip = t + interval;
            if let Some(peer) = node.pick_peer(self.config.seeds) {
                node.pending.entry(peer).or_insert(t + timeout);
                out.push(Packet {
                    from: node.id,
                    to: peer,
                    request: true,
                    members: node.snapshot(),
                });
            }
        }
        let flights = self.send(out, &draws);
        self.write(t);
        self.tick += 1;
        self.metrics
            .settle(self.tick, &self.nodes, &self.conditions);
        DynamoTick {
            tick: t,
            flights,
            events: std::mem::take(&mut self.events),
        }
    }

    /// Sends `out`, deciding each message's fate from its sender's stream; when recording,
    /// returns the flights, with each of `draws` drawn right after its answer.
    fn send(&mut self, out: Vec<Packet>, draws: &[SyncDraw]) -> Vec<DynamoFlight> {
        let (t, ticks, latency) = (self.tick, self.config.ticks(), self.config.latency);
        let mut flights = Vec::new();
        let mut draws = draws.iter().peekable();
        for (k, p) in out.into_iter().enumerate() {
            let bytes = p.bytes(self.config.tokens);
            self.metrics.messages += 1;
            self.metrics.bytes += u64::from(bytes);
            let (from, to) = (p.from as usize, p.to as usize);
            let rng = &mut self.net_rng[from];
            let lands = if self.group[from] != self.group[to] || rng.chance(self.loss) {
                None
            } else {
                Some(t + ticks.delay(latency.draw_ms(rng)).max(1))
            };
            if self.recording {
                let flight = |verb, bytes, keys| DynamoFlight {
                    from: p.from,
                    to: p.to,
                    verb,
                    bytes,
                    keys,
                    lands,
                };
                let verb = if p.request {
                    DynamoVerb::Gossip
                } else {
                    DynamoVerb::GossipReply
                };
                flights.push(flight(verb, bytes, 0));
                if let Some(d) = draws.next_if(|d| d.reply == k) {
                    flights.push(flight(DynamoVerb::MerkleCompare, d.walk_bytes, 0));
                    if d.keys > 0 {
                        flights.push(flight(DynamoVerb::KeyTransfer, d.key_bytes, d.keys));
                    }
                }
            }
            match lands {
                Some(at) => self.flight.push(at, p),
                None => self.metrics.lost += 1,
            }
        }
        flights
    }

    /// The writes of tick `t`: `writes_per_s` a second on average, each a new version of a
    /// random key at a random acting node.
    fn write(&mut self, t: u32) {
        if self.config.keys == 0 {
            return;
        }
        let per_tick = self.config.writes_per_s * f64::from(self.config.tick_ms) / 1000.0;
        let mut n = per_tick.floor() as u64;
        if self.write_rng.chance(per_tick.fract()) {
            n += 1;
        }
        let acting: Vec<usize> = (0..self.nodes.len())
            .filter(|&i| self.conditions[i].acts(t))
            .collect();
        if acting.is_empty() {
            return;
        }
        for _ in 0..n {
            let at = acting[self.write_rng.below(acting.len() as u32) as usize];
            let key = u64::from(self.write_rng.below(self.config.keys));
            self.version += 1;
            self.nodes[at].replica.insert(key, self.version);
        }
    }

    fn check_node(&self, node: u32, command: CommandKind) -> Result<()> {
        let nodes = self.nodes();
        if node >= nodes {
            return Err(Error::UnknownNode { node, nodes });
        }
        if !self.conditions[node as usize].running() {
            return Err(Error::WrongNodeState {
                node,
                alive: false,
                command,
            });
        }
        Ok(())
    }

    /// Applies a command before the next tick; bad input is a typed error and changes
    /// nothing.
    pub fn apply(&mut self, cmd: &DynamoCommand) -> Result<()> {
        let t = self.tick;
        let ticks = self.config.ticks();
        match *cmd {
            DynamoCommand::Kill { node } => {
                self.check_node(node, CommandKind::Kill)?;
                self.conditions[node as usize].crashed = true;
                self.metrics
                    .detections
                    .entry(node)
                    .or_insert(Unreachability {
                        crashed_at: t,
                        ..Unreachability::default()
                    });
            }
            DynamoCommand::Pause { node, ms } => {
                self.check_node(node, CommandKind::Pause)?;
                self.conditions[node as usize].paused_until = t + ticks.delay(f64::from(ms));
            }
            DynamoCommand::SetLoss { loss } => {
                check_range("loss", loss, 0.0, 1.0)?;
                self.loss = loss;
            }
            DynamoCommand::Partition { ref groups } => {
                let nodes = self.nodes();
                let mut group = vec![0; nodes as usize];
                for (g, members) in groups.iter().enumerate() {
                    for &m in members {
                        if m >= nodes {
                            return Err(Error::UnknownNode { node: m, nodes });
                        }
                        if group[m as usize] != 0 {
                            return Err(Error::NodeInTwoGroups { node: m });
                        }
                        group[m as usize] = g as u32 + 1;
                    }
                }
                self.group = group;
            }
            DynamoCommand::Heal => self.group.iter_mut().for_each(|g| *g = 0),
            DynamoCommand::Join => {
                let id = self.nodes();
                check_range("nodes", id + 1, 1, MAX_DYNAMO_NODES)?;
                let mut rng = node_stream(self.seed, id, NODE_SALT);
                let next = t + rng.below(self.config.interval_ticks());
                let mut node = DynamoNode::new(id, 1, rng, next);
                let seeds: Vec<(u32, u32)> =
                    (0..self.config.seeds.min(id)).map(|s| (s, 1)).collect();
                node.merge(&seeds);
                self.nodes.push(node);
                self.conditions.push(Condition::default());
                self.group.push(0);
                self.net_rng.push(node_stream(self.seed, id, NET_SALT));
                self.last_sync.push(None);
            }
            DynamoCommand::Restart { node } => {
                let nodes = self.nodes();
                if node >= nodes {
                    return Err(Error::UnknownNode { node, nodes });
                }
                let n = &mut self.nodes[node as usize];
                let generation = n.generation() + 1;
                n.members.insert(node, generation);
                let forgotten = std::mem::take(&mut n.unreachable);
                n.pending.clear();
                n.next_gossip = t + n.rng.below(self.config.interval_ticks());
                let c = &mut self.conditions[node as usize];
                (c.crashed, c.departed, c.paused_until) = (false, false, 0);
                for peer in forgotten {
                    self.record(DynamoEvent::Reachable { caller: node, peer });
                }
            }
        }
        Ok(())
    }
}

/// Two distinct nodes, mutably.
fn pair(nodes: &mut [DynamoNode], a: usize, b: usize) -> (&mut DynamoNode, &mut DynamoNode) {
    if a < b {
        let (lo, hi) = nodes.split_at_mut(b);
        (&mut lo[a], &mut hi[0])
    } else {
        let (lo, hi) = nodes.split_at_mut(a);
        (&mut hi[0], &mut lo[b])
    }
}
