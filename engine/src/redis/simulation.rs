//! [`RedisSimulation`]: a Redis Cluster driven tick by tick.
//!
//! A tick runs in this order: the packets landing now, in sending order, each handled by its
//! receiver (`clusterProcessPacket`); then each acting node in id order runs `clusterCron`
//! when its 100 ms period comes; then the metrics. A packet sent in tick t lands in tick t + 1
//! at the earliest.
//!
//! With [`RedisSimulation::set_recording`] on, [`RedisSimulation::step`] also reports the
//! packets sent and the flags set in the tick, for the browser page to draw; off (the
//! default) it records nothing, and either way the run is the same: recording only observes
//! and draws no randomness.

use crate::error::Result;
use crate::redis::config::{CRON_MS, RedisConfig};
use crate::redis::gossip::{Msg, Packet};
use crate::redis::metrics::RedisMetrics;
use crate::redis::node::{RedisNode, Role};
use crate::rng::Stream;
use crate::schedule::Schedule;
use crate::swim::network::Condition;
use crate::swim::simulation::node_stream;
use crate::time::Ticks;

/// Salts of each node's two streams (its own choices, its network draws).
const NODE_SALT: u64 = 0x5245_4449_534E_4F44;
const NET_SALT: u64 = 0x5245_4449_534E_4554;

/// What a bus message is, as `cluster_legacy.h` names its types.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
pub enum RedisVerb {
    /// `CLUSTERMSG_TYPE_PING` (a MEET when the receiver does not know the sender).
    Ping,
    /// `CLUSTERMSG_TYPE_PONG`.
    Pong,
    /// `CLUSTERMSG_TYPE_FAIL`.
    Fail,
    /// `CLUSTERMSG_TYPE_FAILOVER_AUTH_REQUEST`.
    AuthRequest,
    /// `CLUSTERMSG_TYPE_FAILOVER_AUTH_ACK`.
    AuthAck,
}

impl RedisVerb {
    /// The verb of `msg`.
    pub fn of(msg: &Msg) -> Self {
        match msg {
            Msg::Ping { .. } => RedisVerb::Ping,
            Msg::Pong { .. } => RedisVerb::Pong,
            Msg::Fail { .. } => RedisVerb::Fail,
            Msg::AuthRequest => RedisVerb::AuthRequest,
            Msg::AuthAck => RedisVerb::AuthAck,
        }
    }
}

/// One packet sent, for drawing. Its fate is decided when it is sent (see
/// [`RedisSimulation`]'s `send`), so the landing tick is known at once.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct RedisFlight {
    /// Sender.
    pub from: u32,
    /// Receiver.
    pub to: u32,
    /// The message type.
    pub verb: RedisVerb,
    /// Entries in the gossip section (PING and PONG; 0 for the others).
    pub gossip: u32,
    /// Bytes on the wire ([`Packet::bytes`]).
    pub bytes: u32,
    /// Landing tick, or `None` if lost to random loss or a partition. A packet that lands
    /// at a crashed or paused node is dropped there.
    pub lands: Option<u32>,
}

/// A flag one observer set, or a promotion.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case", tag = "event"))]
pub enum RedisEvent {
    /// `observer` flagged `node` `CLUSTER_NODE_PFAIL`: a ping pending, and nothing heard,
    /// for over node_timeout (`clusterCron`).
    Pfail {
        /// Who flagged it.
        observer: u32,
        /// Whom.
        node: u32,
    },
    /// `observer` flagged `node` `CLUSTER_NODE_FAIL` itself, with a majority of the masters
    /// agreeing (`markNodeAsFailingIfNeeded`), and broadcast FAIL.
    Fail {
        /// Who decided.
        observer: u32,
        /// Whom.
        node: u32,
        /// Failure reports counted, `observer`'s own included if it is a master.
        reports: u32,
    },
    /// `observer` flagged `node` FAIL on a `CLUSTERMSG_TYPE_FAIL` from `from`
    /// (`clusterProcessPacket`: "FAIL message received from ... about ...").
    FailReceived {
        /// Who learned it.
        observer: u32,
        /// Whom.
        node: u32,
        /// The sender of the FAIL message.
        from: u32,
    },
    /// Replica `replica` won the election and took over `master`'s slots
    /// (`clusterFailoverReplaceYourMaster`).
    Promoted {
        /// The new master.
        replica: u32,
        /// The master it replaced.
        master: u32,
    },
}

/// What one tick did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct RedisTick {
    /// The tick.
    pub tick: u32,
    /// Packets sent (when recording), in sending order; packets a command sent between
    /// ticks (a `CLUSTER MEET`) come first.
    pub flights: Vec<RedisFlight>,
    /// Flags set and promotions (when recording), in order.
    pub events: Vec<RedisEvent>,
}

/// A Redis Cluster.
#[derive(Clone, Debug)]
pub struct RedisSimulation {
    pub(super) config: RedisConfig,
    pub(super) seed: u64,
    pub(super) nodes: Vec<RedisNode>,
    /// The shared slot table (see the module's simplifications).
    pub(super) roles: Vec<Role>,
    pub(super) flight: Schedule<Packet>,
    pub(super) conditions: Vec<Condition>,
    /// Partition group per node (all 0 when healed).
    pub(super) group: Vec<u32>,
    pub(super) loss: f64,
    pub(super) net_rng: Vec<Stream>,
    pub(super) tick: u32,
    pub(super) cron_every: u32,
    pub(super) metrics: RedisMetrics,
    /// Whether flights and events are kept for [`RedisTick`].
    recording: bool,
    /// Flights since the last tick's report (empty when not recording).
    flights: Vec<RedisFlight>,
    /// Events since the last tick's report (empty when not recording).
    events: Vec<RedisEvent>,
    /// Per node, the stamp of the last gossip section it was put in (`send_ping`).
    pub(super) section_marks: Vec<u32>,
    /// The stamp of the section being built.
    pub(super) section_stamp: u32,
}

impl RedisSimulation {
    /// A cluster of `config.nodes` nodes that all know each other, at tick 0.
    ///
    /// The cluster is taken as already running, not as N² links that all heard their
    /// first PONG in the same millisecond: each node last heard each other node a time ago
    /// drawn uniformly below node_timeout/2, the spread of a bus where every link is pinged
    /// once its PONG is node_timeout/2 old (`clusterCron`; cluster spec, "Heartbeat and
    /// gossip messages"). Started in step instead, every node pings every other in the same
    /// tick node_timeout/2 later, and the N² answers keep the pings in step from then on:
    /// at N = 1,000 that is a million PINGs in one tick every 7.8 s, a storm no real
    /// cluster of that age has. For these ages to be times, the run starts node_timeout
    /// after the cluster's clock's zero ([`RedisSimulation::now_ms`]).
    ///
    /// The start is still not the bus's steady state. Gossip hands on PONG times in whole
    /// seconds (`clusterSetGossipEntry`), and every node that adopts the same time pings in
    /// the same tick; at N = 1,000 the first 90 s have ticks of up to 100,000–240,000
    /// packets, and from then on the bus settles to bursts of about 20,000 packets once a
    /// second, with about 220 in the ticks between (`engine/tests/redis_tick_cost.rs`).
    pub fn new(config: RedisConfig, seed: u64) -> Result<Self> {
        config.validate()?;
        let n = config.nodes;
        let masters = config.masters();
        let origin = u64::from(config.node_timeout_ms);
        let nodes = (0..n)
            .map(|i| {
                let mut node = RedisNode::new(i, n, n, origin, node_stream(seed, i, NODE_SALT));
                node.spread_pongs(origin, origin / 2);
                node
            })
            .collect();
        let roles = (0..n)
            .map(|i| {
                if i < masters {
                    Role {
                        master: true,
                        slots: true,
                        master_of: None,
                    }
                } else {
                    Role {
                        master: false,
                        slots: false,
                        master_of: Some((i - masters) % masters),
                    }
                }
            })
            .collect();
        let ticks = config.ticks();
        let horizon = ticks.delay(config.latency.mean_ms * 4.0) + 2;
        Ok(RedisSimulation {
            seed,
            nodes,
            roles,
            flight: Schedule::new(0, horizon),
            conditions: vec![Condition::default(); n as usize],
            group: vec![0; n as usize],
            loss: config.loss,
            net_rng: (0..n).map(|i| node_stream(seed, i, NET_SALT)).collect(),
            tick: 0,
            cron_every: ticks.interval(CRON_MS),
            metrics: RedisMetrics::default(),
            recording: false,
            flights: Vec::new(),
            events: Vec::new(),
            section_marks: Vec::new(),
            section_stamp: 0,
            config,
        })
    }

    /// The parameters.
    pub fn config(&self) -> &RedisConfig {
        &self.config
    }

    /// The tick conversion.
    pub fn ticks(&self) -> Ticks {
        self.config.ticks()
    }

    /// The next tick to run.
    pub fn tick(&self) -> u32 {
        self.tick
    }

    /// Simulated seconds so far.
    pub fn seconds(&self) -> f64 {
        self.ticks().seconds(self.tick)
    }

    /// The time now on the cluster's clock, in ms: the run starts `node_timeout` after the
    /// clock's zero (see [`RedisSimulation::new`]), and every time a node keeps
    /// (`pong_received`, `ping_sent`, `fail_time`, …) is on this clock.
    pub fn now_ms(&self) -> u64 {
        u64::from(self.config.node_timeout_ms) + self.elapsed_ms()
    }

    /// The time since the run started, in ms: the metrics' clock.
    pub fn elapsed_ms(&self) -> u64 {
        u64::from(self.tick) * u64::from(self.ticks().tick_ms)
    }

    /// Nodes, joined ones included.
    pub fn nodes(&self) -> u32 {
        self.nodes.len() as u32
    }

    /// One node's state.
    pub fn node(&self, id: u32) -> Option<&RedisNode> {
        self.nodes.get(id as usize)
    }

    /// One node's role in the slot table.
    pub fn role(&self, id: u32) -> Option<Role> {
        self.roles.get(id as usize).copied()
    }

    /// One node's condition.
    pub fn condition(&self, id: u32) -> Option<&Condition> {
        self.conditions.get(id as usize)
    }

    /// The metrics so far.
    pub fn metrics(&self) -> &RedisMetrics {
        &self.metrics
    }

    /// `cluster->size`: masters serving at least one slot (`clusterUpdateState`).
    pub fn size(&self) -> u32 {
        self.roles.iter().filter(|r| r.master && r.slots).count() as u32
    }

    /// The quorum `size / 2 + 1` of `markNodeAsFailingIfNeeded` and
    /// `clusterHandleSlaveFailover` (`needed_quorum`).
    pub fn quorum(&self) -> u32 {
        self.size() / 2 + 1
    }

    /// How many acting observers other than `node` (running, not paused) that know it hold
    /// it healthy, PFAIL, and FAIL (FAIL wins over PFAIL). Each observer's flags are
    /// `node(observer)?.peer(node)`.
    pub fn views_of(&self, node: u32) -> (u32, u32, u32) {
        let mut v = (0, 0, 0);
        for (n, c) in self.nodes.iter().zip(&self.conditions) {
            if !c.acts(self.tick) || n.id == node {
                continue;
            }
            match n.peer(node) {
                Some(p) if p.known && p.fail => v.2 += 1,
                Some(p) if p.known && p.pfail => v.1 += 1,
                Some(p) if p.known => v.0 += 1,
                _ => {}
            }
        }
        v
    }

    /// Turns recording of flights and events in [`RedisTick`] on or off (off at start).
    /// Turning it off drops what was kept since the last tick.
    pub fn set_recording(&mut self, on: bool) {
        self.recording = on;
        if !on {
            self.flights = Vec::new();
            self.events = Vec::new();
        }
    }

    /// Keeps `event` for the tick's report, when recording.
    pub(super) fn record(&mut self, event: RedisEvent) {
        if self.recording {
            self.events.push(event);
        }
    }

    /// Runs one tick.
    pub fn step(&mut self) -> RedisTick {
        let tick = self.tick;
        // Receiver by receiver, each in sending order: receivers run apart (a node's packet
        // changes only its own state and sends from its own streams), and one receiver's
        // table (a 32-byte `Peer` for each of N nodes) then stays in cache across its
        // packets. At N = 1,000 a tick of 20,000 packets of 100 entries each otherwise misses
        // the cache on nearly every entry.
        let mut landing = self.flight.take(Vec::new());
        landing.sort_by_key(|p| p.to);
        for p in landing {
            if self.conditions[p.to as usize].acts(tick) {
                self.process(p);
            }
        }
        if tick % self.cron_every == 0 {
            for i in 0..self.nodes.len() as u32 {
                if self.conditions[i as usize].acts(tick) {
                    self.cron(i);
                }
            }
        }
        self.settle();
        self.tick += 1;
        RedisTick {
            tick,
            flights: std::mem::take(&mut self.flights),
            events: std::mem::take(&mut self.events),
        }
    }

    /// Runs until `seconds` of simulated time have passed.
    pub fn run_for(&mut self, seconds: f64) {
        let end = self.tick.saturating_add(self.ticks().at(seconds));
        while self.tick < end {
            self.step();
        }
    }

    /// Sends `msg` from `from` to `to`: decides its fate now, from the sender's stream
    /// (as [`crate::swim::network::Network::fate`] does for SWIM's packets, whose type it
    /// is tied to: a partition or random loss drops it, else it lands after a latency).
    pub(super) fn send(&mut self, from: u32, to: u32, msg: Msg) {
        let p = Packet {
            from,
            to,
            epoch: self.nodes[from as usize].current_epoch,
            msg,
        };
        self.metrics.messages += 1;
        self.metrics.bytes += p.bytes();
        let (f, t) = (from as usize, to as usize);
        let split = self.group[f] != self.group[t];
        if split && matches!(p.msg, Msg::Ping { .. }) {
            // PINGs go on the sender's outbound link, which the partition breaks.
            self.nodes[f].records[t].link_down = true;
        }
        let rng = &mut self.net_rng[f];
        let lost = split
            || rng.chance(self.loss)
                | rng.chance(self.conditions[f].loss_out)
                | rng.chance(self.conditions[t].loss_in);
        let lands = if lost {
            None
        } else {
            let delay = self.config.ticks().delay(self.config.latency.draw_ms(rng));
            Some(self.tick + delay.max(1))
        };
        if self.recording {
            let gossip = match &p.msg {
                Msg::Ping { gossip } | Msg::Pong { gossip } => gossip.len() as u32,
                _ => 0,
            };
            self.flights.push(RedisFlight {
                from,
                to,
                verb: RedisVerb::of(&p.msg),
                gossip,
                bytes: p.bytes() as u32,
                lands,
            });
        }
        match lands {
            Some(at) => self.flight.push(at, p),
            None => self.metrics.lost += 1,
        }
    }
}

impl RedisSimulation {
    /// Closes the detections every acting node now agrees on (all hold the node FAIL).
    pub(super) fn settle(&mut self) {
        let tick = self.tick;
        let open: Vec<u32> = self
            .metrics
            .detections
            .iter()
            .filter(|(_, d)| d.all_fail.is_none())
            .map(|(&k, _)| k)
            .collect();
        for j in open {
            let agreed = self
                .nodes
                .iter()
                .zip(&self.conditions)
                .filter(|(n, c)| c.acts(tick) && n.id != j)
                .all(|(n, _)| n.peers[j as usize].fail);
            if agreed {
                self.metrics.on_all_fail(j, self.elapsed_ms());
            }
        }
    }
}
