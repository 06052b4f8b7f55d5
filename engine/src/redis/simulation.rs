//! [`RedisSimulation`]: a Redis Cluster driven tick by tick.
//!
//! A tick runs in this order: the packets landing now, in sending order, each handled by its
//! receiver (`clusterProcessPacket`); then each acting node in id order runs `clusterCron`
//! when its 100 ms period comes; then the metrics. A packet sent in tick t lands in tick t + 1
//! at the earliest.

use crate::error::Result;
use crate::redis::config::{CRON_MS, RedisConfig};
use crate::redis::gossip::Packet;
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
}

impl RedisSimulation {
    /// A cluster of `config.nodes` nodes that all know each other, at tick 0.
    pub fn new(config: RedisConfig, seed: u64) -> Result<Self> {
        config.validate()?;
        let n = config.nodes;
        let masters = config.masters();
        let nodes = (0..n)
            .map(|i| RedisNode::new(i, n, n, 0, node_stream(seed, i, NODE_SALT)))
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

    /// The time now, in ms.
    pub fn now_ms(&self) -> u64 {
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

    /// Runs one tick.
    pub fn step(&mut self) {
        let tick = self.tick;
        for p in self.flight.take(Vec::new()) {
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
    pub(super) fn send(&mut self, from: u32, to: u32, msg: crate::redis::gossip::Msg) {
        let p = Packet {
            from,
            to,
            epoch: self.nodes[from as usize].current_epoch,
            msg,
        };
        self.metrics.messages += 1;
        self.metrics.bytes += p.bytes();
        let (f, t) = (from as usize, to as usize);
        let rng = &mut self.net_rng[f];
        let lost = self.group[f] != self.group[t]
            || rng.chance(self.loss)
                | rng.chance(self.conditions[f].loss_out)
                | rng.chance(self.conditions[t].loss_in);
        if lost {
            self.metrics.lost += 1;
            return;
        }
        let ticks = self.config.ticks();
        let delay = ticks.delay(self.config.latency.draw_ms(rng)).max(1);
        self.flight.push(self.tick + delay, p);
    }
}

impl RedisSimulation {
    /// Closes the detections every acting node now agrees on (all hold the node FAIL).
    pub(super) fn settle(&mut self) {
        let now = self.now_ms();
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
                self.metrics.on_all_fail(j, now);
            }
        }
    }
}
