//! [`CassandraSimulation`]: a Cassandra cluster driven tick by tick.
//!
//! A tick runs in this order, which every run repeats exactly:
//! 1. the messages landing at this tick, in sending order, each handled by its receiver;
//! 2. each acting node in id order whose `GossipTask` is due (every
//!    `Gossiper.intervalInMillis`, from a random phase, late after a pause);
//! 3. the metrics.
//!
//! Messages sent in tick t land in tick t + 1 at the earliest.

use crate::cassandra::command::CassandraCommand;
use crate::cassandra::config::{CassandraConfig, MAX_CASSANDRA_NODES};
use crate::cassandra::event::CassandraEvent;
use crate::cassandra::gossip_digest::{Packet, Verb};
use crate::cassandra::gossiper::{Ctx, Gossiper};
use crate::cassandra::metrics::{CassandraMetrics, Conviction};
use crate::cassandra::network::Network;
use crate::command::CommandKind;
use crate::error::{Error, Result, check_range};
use crate::rng::{Stream, splitmix64};
use crate::schedule::Schedule;
use crate::swim::network::Condition;

/// Salts that give each node two independent streams of its own.
const NODE_SALT: u64 = 0x4341_5353_4E4F_4445;
const NET_SALT: u64 = 0x4341_5353_4E45_5457;

fn node_stream(seed: u64, node: u32, salt: u64) -> Stream {
    Stream::from_seed(splitmix64(seed ^ splitmix64(u64::from(node) ^ salt)))
}

/// One message sent in a tick, for drawing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct CassandraFlight {
    /// Sender.
    pub from: u32,
    /// Receiver.
    pub to: u32,
    /// SYN, ACK, ACK2 or echo.
    pub verb: Verb,
    /// Bytes.
    pub bytes: u32,
    /// Landing tick, or `None` if lost.
    pub lands: Option<u32>,
}

/// What one tick did.
#[derive(Clone, Debug, Default, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct CassandraTick {
    /// The tick.
    pub tick: u32,
    /// Messages sent (when recording).
    pub flights: Vec<CassandraFlight>,
    /// Verdicts (when recording).
    pub events: Vec<CassandraEvent>,
    /// Messages that landed at a crashed or paused node.
    pub dropped: u32,
}

/// A Cassandra cluster.
#[derive(Clone, Debug)]
pub struct CassandraSimulation {
    config: CassandraConfig,
    seed: u64,
    nodes: Vec<Gossiper>,
    net: Network,
    tick: u32,
    recording: bool,
    metrics: CassandraMetrics,
}

impl CassandraSimulation {
    /// A cluster of `config.nodes` nodes of generation 1 that all know each other as UP,
    /// at tick 0.
    pub fn new(config: CassandraConfig, seed: u64) -> Result<Self> {
        config.validate()?;
        let n = config.nodes;
        let interval = config.interval_ticks();
        let peers: Vec<(u32, u32)> = (0..n).map(|i| (i, 1)).collect();
        let nodes = (0..n)
            .map(|i| {
                let mut rng = node_stream(seed, i, NODE_SALT);
                let phase = rng.below(interval);
                let mut g = Gossiper::new(i, 1, config.seeds, rng, phase);
                g.know_all(&peers, 0, &config);
                g
            })
            .collect();
        let horizon = config.ticks().delay(config.latency.mean_ms * 4.0) + 2;
        let net = Network {
            flight: Schedule::new(0, horizon),
            conditions: vec![Condition::default(); n as usize],
            group: vec![0; n as usize],
            loss: config.loss,
            rng: (0..n).map(|i| node_stream(seed, i, NET_SALT)).collect(),
        };
        Ok(CassandraSimulation {
            config,
            seed,
            nodes,
            net,
            tick: 0,
            recording: true,
            metrics: CassandraMetrics::default(),
        })
    }

    /// The parameters.
    pub fn config(&self) -> &CassandraConfig {
        &self.config
    }

    /// The seed.
    pub fn seed(&self) -> u64 {
        self.seed
    }

    /// The next tick to run (ticks run so far).
    pub fn tick(&self) -> u32 {
        self.tick
    }

    /// Simulated seconds so far.
    pub fn seconds(&self) -> f64 {
        self.config.ticks().seconds(self.tick)
    }

    fn now_ms(&self) -> u64 {
        u64::from(self.tick) * u64::from(self.config.tick_ms)
    }

    /// Nodes, joined ones included.
    pub fn nodes(&self) -> u32 {
        self.nodes.len() as u32
    }

    /// One node's Gossiper, for the inspector.
    pub fn node(&self, id: u32) -> Option<&Gossiper> {
        self.nodes.get(id as usize)
    }

    /// One node's condition.
    pub fn condition(&self, id: u32) -> Option<&Condition> {
        self.net.conditions.get(id as usize)
    }

    /// φ of `endpoint` at `observer` now, as nodetool shows it (`PHI_FACTOR` applied).
    pub fn phi(&self, observer: u32, endpoint: u32) -> Option<f64> {
        self.node(observer)?.fd.phi(endpoint, self.now_ms())
    }

    /// Whether `observer` holds `endpoint` UP (`None` if it does not know it).
    pub fn is_up(&self, observer: u32, endpoint: u32) -> Option<bool> {
        self.node(observer)?.view(endpoint).map(|v| v.alive)
    }

    /// How many acting nodes other than `endpoint` hold it UP, and DOWN.
    pub fn views_of(&self, endpoint: u32) -> (u32, u32) {
        let mut v = (0, 0);
        for (n, c) in self.nodes.iter().zip(&self.net.conditions) {
            if c.acts(self.tick) && n.id != endpoint {
                match n.view(endpoint).map(|v| v.alive) {
                    Some(true) => v.0 += 1,
                    Some(false) => v.1 += 1,
                    None => {}
                }
            }
        }
        v
    }

    /// The measures so far.
    pub fn metrics(&self) -> &CassandraMetrics {
        &self.metrics
    }

    /// Turns recording of flights and events in [`CassandraTick`] on or off.
    pub fn set_recording(&mut self, on: bool) {
        self.recording = on;
    }

    /// Runs one tick.
    pub fn step(&mut self) -> CassandraTick {
        let t = self.tick;
        let now_ms = self.now_ms();
        let mut report = CassandraTick {
            tick: t,
            ..CassandraTick::default()
        };
        let (mut out, mut events) = (Vec::new(), Vec::new());
        for p in self.net.flight.take(Vec::new()) {
            if !self.net.admit(&p, t) {
                report.dropped += 1;
                continue;
            }
            let to = p.to as usize;
            let mut cx = Ctx {
                config: &self.config,
                tick: t,
                now_ms,
                out: &mut out,
                events: &mut events,
            };
            self.nodes[to].receive(p, &mut cx);
            self.dispatch(&mut out, &mut report);
        }
        let interval = self.config.interval_ticks();
        for i in 0..self.nodes.len() {
            if !self.net.conditions[i].acts(t) || self.nodes[i].next_gossip > t {
                continue;
            }
            let mut cx = Ctx {
                config: &self.config,
                tick: t,
                now_ms,
                out: &mut out,
                events: &mut events,
            };
            self.nodes[i].gossip_task(&mut cx);
            self.nodes[i].next_gossip = t + interval;
            self.dispatch(&mut out, &mut report);
        }
        self.metrics.observe(t, &events, &self.net.conditions);
        self.tick += 1;
        self.metrics
            .settle(self.tick, &self.nodes, &self.net.conditions);
        if self.recording {
            report.events = events;
        } else {
            report.flights.clear();
        }
        report
    }

    fn dispatch(&mut self, out: &mut Vec<Packet>, report: &mut CassandraTick) {
        let (t, ticks, latency) = (self.tick, self.config.ticks(), self.config.latency);
        for p in out.drain(..) {
            let bytes = p.bytes();
            let verb = p.verb();
            self.metrics.messages += 1;
            self.metrics.bytes += u64::from(bytes);
            self.metrics.by_verb[verb as usize] += 1;
            let lands = self.net.fate(&p, t, ticks, &latency);
            if self.recording {
                report.flights.push(CassandraFlight {
                    from: p.from,
                    to: p.to,
                    verb,
                    bytes,
                    lands,
                });
            }
            match lands {
                Some(at) => self.net.flight.push(at, p),
                None => self.metrics.lost += 1,
            }
        }
    }

    fn check_node(&self, node: u32, command: CommandKind) -> Result<()> {
        let nodes = self.nodes();
        if node >= nodes {
            return Err(Error::UnknownNode { node, nodes });
        }
        if !self.net.conditions[node as usize].running() {
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
    pub fn apply(&mut self, cmd: &CassandraCommand) -> Result<()> {
        let t = self.tick;
        let ticks = self.config.ticks();
        match *cmd {
            CassandraCommand::Kill { node } => {
                self.check_node(node, CommandKind::Kill)?;
                self.net.conditions[node as usize].crashed = true;
                self.metrics.convictions.entry(node).or_insert(Conviction {
                    crashed_at: t,
                    ..Conviction::default()
                });
            }
            CassandraCommand::Pause { node, ms } => {
                self.check_node(node, CommandKind::Pause)?;
                self.net.conditions[node as usize].paused_until = t + ticks.delay(f64::from(ms));
            }
            CassandraCommand::SetLoss { loss } => {
                check_range("loss", loss, 0.0, 1.0)?;
                self.net.loss = loss;
            }
            CassandraCommand::Partition { ref groups } => {
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
                self.net.group = group;
            }
            CassandraCommand::Heal => self.net.group.iter_mut().for_each(|g| *g = 0),
            CassandraCommand::Join => {
                let id = self.nodes();
                check_range("nodes", id + 1, 1, MAX_CASSANDRA_NODES)?;
                let mut rng = node_stream(self.seed, id, NODE_SALT);
                let next = t + rng.below(self.config.interval_ticks());
                let generation = self.generation_now(1);
                self.nodes
                    .push(Gossiper::new(id, generation, self.config.seeds, rng, next));
                self.net.conditions.push(Condition::default());
                self.net.group.push(0);
                self.net.rng.push(node_stream(self.seed, id, NET_SALT));
            }
            CassandraCommand::Restart { node } => {
                let nodes = self.nodes();
                if node >= nodes {
                    return Err(Error::UnknownNode { node, nodes });
                }
                let previous = self.nodes[node as usize].generation();
                let generation = self.generation_now(previous + 1);
                let next = t + self.nodes[node as usize]
                    .rng
                    .below(self.config.interval_ticks());
                self.nodes[node as usize].restart(generation, next);
                let c = &mut self.net.conditions[node as usize];
                (c.crashed, c.departed, c.paused_until) = (false, false, 0);
            }
        }
        Ok(())
    }

    /// A new generation, as `SystemKeyspace.incrementAndGetGeneration` picks it: the start
    /// time in seconds (the run starts at second 1), or `at_least` if the clock is behind.
    fn generation_now(&self, at_least: u32) -> u32 {
        let now_s = (self.now_ms() / 1000) as u32 + 1;
        now_s.max(at_least)
    }
}
