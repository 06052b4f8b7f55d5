//! [`SwimSimulation`]: a SWIM cluster driven tick by tick.
//!
//! A tick runs in this order, which every run repeats exactly:
//! 1. the packets landing at this tick, in sending order, each handled by its receiver;
//! 2. each acting node in id order: its suspicion timers, relay and probe timers, probe
//!    ticker, gossip ticker and push/pull ticker;
//! 3. departures of leaving nodes whose announcement has gone out, then the metrics.
//!
//! Packets a node sends in tick t land in tick t + 1 at the earliest.

use crate::error::Result;
use crate::rng::{Stream, splitmix64};
use crate::schedule::Schedule;
use crate::swim::config::SwimConfig;
use crate::swim::event::{Flight, SwimTick};
use crate::swim::member::MemberState;
use crate::swim::metrics::SwimMetrics;
use crate::swim::network::{Condition, InFlight, Network};
use crate::swim::node::{Ctx, SwimNode};
use crate::swim::timing::Timing;
use crate::swim::update::Packet;

/// Salts that give each node two independent streams of its own.
pub(crate) const NODE_SALT: u64 = 0x5157_494D_4E4F_4445;
pub(crate) const NET_SALT: u64 = 0x5157_494D_4E45_5457;

pub(crate) fn node_stream(seed: u64, node: u32, salt: u64) -> Stream {
    Stream::from_seed(splitmix64(seed ^ splitmix64(u64::from(node) ^ salt)))
}

/// A SWIM cluster.
#[derive(Clone, Debug)]
pub struct SwimSimulation {
    pub(super) timing: Timing,
    pub(super) seed: u64,
    pub(super) nodes: Vec<SwimNode>,
    pub(super) net: Network,
    pub(super) tick: u32,
    pub(super) recording: bool,
    pub(super) next_event: u32,
    pub(super) metrics: SwimMetrics,
}

impl SwimSimulation {
    /// A cluster of `config.nodes` members that all know each other, at tick 0.
    pub fn new(config: SwimConfig, seed: u64) -> Result<Self> {
        config.validate()?;
        let timing = Timing::new(config);
        let n = timing.config.nodes;
        let nodes = (0..n)
            .map(|i| SwimNode::new(i, n, n, &timing, node_stream(seed, i, NODE_SALT)))
            .collect();
        let horizon = timing
            .config
            .ticks()
            .delay(timing.config.latency.mean_ms * 4.0)
            + 2;
        let net = Network {
            flight: Schedule::new(0, horizon),
            conditions: vec![Condition::default(); n as usize],
            group: vec![0; n as usize],
            loss: timing.config.loss,
            rng: (0..n).map(|i| node_stream(seed, i, NET_SALT)).collect(),
        };
        Ok(SwimSimulation {
            timing,
            seed,
            nodes,
            net,
            tick: 0,
            recording: true,
            next_event: 0,
            metrics: SwimMetrics::default(),
        })
    }

    /// The parameters.
    pub fn config(&self) -> &SwimConfig {
        &self.timing.config
    }

    /// The timers in ticks.
    pub fn timing(&self) -> &Timing {
        &self.timing
    }

    /// The next tick to run (ticks run so far).
    pub fn tick(&self) -> u32 {
        self.tick
    }

    /// Simulated seconds so far.
    pub fn seconds(&self) -> f64 {
        self.timing.config.ticks().seconds(self.tick)
    }

    /// Members, joined ones included.
    pub fn nodes(&self) -> u32 {
        self.nodes.len() as u32
    }

    /// One member's state: its list, timers and queues, for the inspector.
    pub fn node(&self, id: u32) -> Option<&SwimNode> {
        self.nodes.get(id as usize)
    }

    /// One member's condition (crashed, paused, slow, one-way loss).
    pub fn condition(&self, id: u32) -> Option<&Condition> {
        self.net.conditions.get(id as usize)
    }

    /// How many acting members hold `member` alive, suspect, dead or left, and not at all.
    pub fn views_of(&self, member: u32) -> [u32; 5] {
        let mut v = [0u32; 5];
        for (n, c) in self.nodes.iter().zip(&self.net.conditions) {
            if c.acts(self.tick) && n.id != member {
                v[n.entry(member).state() as usize] += 1;
            }
        }
        v
    }

    /// Packets in flight with their landing ticks, soonest first.
    pub fn in_flight(&self) -> impl Iterator<Item = (u32, &Packet)> {
        self.net.flight.iter().map(|(t, f)| (t, &f.packet))
    }

    /// The measures so far.
    pub fn metrics(&self) -> &SwimMetrics {
        &self.metrics
    }

    /// Turns recording of flights and events in [`SwimTick`] on or off (off for batch runs).
    pub fn set_recording(&mut self, on: bool) {
        self.recording = on;
    }

    /// The seed.
    pub fn seed(&self) -> u64 {
        self.seed
    }

    /// Runs one tick.
    pub fn step(&mut self) -> SwimTick {
        let t = self.tick;
        let mut report = SwimTick {
            tick: t,
            ..SwimTick::default()
        };
        let mut out = Vec::new();
        let mut events = Vec::new();
        let landing = self.net.flight.take(Vec::new());
        for f in landing {
            match self.net.admit(&f, t) {
                Ok(false) => report.dropped += 1,
                Err(at) => self.net.flight.push(at, InFlight { held: true, ..f }),
                Ok(true) => {
                    let to = f.packet.to as usize;
                    let mut cx = Ctx {
                        timing: &self.timing,
                        tick: t,
                        out: &mut out,
                        events: &mut events,
                    };
                    self.nodes[to].receive(f.packet, &mut cx);
                    self.dispatch(&mut out, &mut report);
                }
            }
        }
        for i in 0..self.nodes.len() {
            if !self.net.conditions[i].acts(t) {
                continue;
            }
            let mut cx = Ctx {
                timing: &self.timing,
                tick: t,
                out: &mut out,
                events: &mut events,
            };
            let node = &mut self.nodes[i];
            node.suspicion_tick(&mut cx);
            node.detector_tick(&mut cx);
            node.gossip_tick(&mut cx);
            node.push_pull_tick(&mut cx);
            node.reconnect_tick(&mut cx);
            self.dispatch(&mut out, &mut report);
        }
        for (n, c) in self.nodes.iter().zip(self.net.conditions.iter_mut()) {
            if n.leaving && c.running() && !n.queue.holds(n.id) {
                c.departed = true;
            }
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

    /// Sends the packets in `out`.
    pub(super) fn dispatch(&mut self, out: &mut Vec<Packet>, report: &mut SwimTick) {
        let (t, ticks) = (self.tick, self.timing.config.ticks());
        let latency = self.timing.config.latency;
        for p in out.drain(..) {
            let bytes = p.bytes();
            self.metrics.messages += 1;
            self.metrics.bytes += u64::from(bytes);
            let lands = self.net.fate(&p, t, ticks, &latency);
            if self.recording {
                report.flights.push(Flight {
                    from: p.from,
                    to: p.to,
                    kind: p.message.kind(),
                    updates: p.updates.len() as u32,
                    bytes,
                    sent: t,
                    lands,
                });
            }
            match lands {
                Some(at) => self.net.flight.push(
                    at,
                    InFlight {
                        packet: p,
                        held: false,
                    },
                ),
                None => self.metrics.lost += 1,
            }
        }
    }

    /// Whether `observer` holds `member` in `state`.
    pub fn holds(&self, observer: u32, member: u32, state: MemberState) -> bool {
        self.node(observer)
            .is_some_and(|n| n.entry(member).state() == state)
    }

    /// Events of the current run so far are in the metrics; this is the list of kinds the
    /// report carries, for the page's legend.
    pub fn event_kinds() -> &'static [&'static str] {
        &["view", "confirm", "refute", "learn", "probe-failed"]
    }
}
