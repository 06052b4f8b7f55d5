//! The network and the faults: loss (everywhere, or one way at one node), partitions,
//! latency, and the condition of each process (crashed, paused, slow).
//!
//! - A packet's fate is decided when it is sent, from the *sender's* network stream: lost
//!   (random loss or a partition between the two) or landing after a latency in whole
//!   ticks, plus the sender's extra delay if it is slow. Push/pull rides TCP in memberlist,
//!   so random loss spares it, but a partition does not.
//! - At landing, a crashed, departed or paused receiver drops it (a paused process's socket
//!   buffer is taken to overflow), and a slow receiver handles it only after its extra delay.

use crate::rng::Stream;
use crate::schedule::Schedule;
use crate::swim::update::{Message, Packet};
use crate::time::Ticks;

/// The condition of one process.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Condition {
    /// Crashed: it never acts again.
    pub crashed: bool,
    /// Left gracefully and shut down.
    pub departed: bool,
    /// Paused (stopped answering) until this tick.
    pub paused_until: u32,
    /// Slow until this tick.
    pub slow_until: u32,
    /// While slow, the extra ticks on everything it sends and handles.
    pub slow_ticks: u32,
    /// Probability that a packet it receives is lost (one-way loss, inbound).
    pub loss_in: f64,
    /// Probability that a packet it sends is lost (one-way loss, outbound).
    pub loss_out: f64,
}

impl Condition {
    /// Still a running process (not crashed, not departed), paused or not.
    pub fn running(&self) -> bool {
        !self.crashed && !self.departed
    }

    /// Acting at `tick`: running and not paused.
    pub fn acts(&self, tick: u32) -> bool {
        self.running() && tick >= self.paused_until
    }

    /// Its extra delay at `tick`.
    pub fn slow(&self, tick: u32) -> u32 {
        if tick < self.slow_until {
            self.slow_ticks
        } else {
            0
        }
    }
}

/// A packet in flight, and whether the receiver's slowness was already charged.
#[derive(Clone, Debug)]
pub struct InFlight {
    /// The packet.
    pub packet: Packet,
    /// A slow receiver already held it back once.
    pub held: bool,
}

/// Links, conditions and packets in flight.
#[derive(Clone, Debug)]
pub struct Network {
    /// Packets by landing tick.
    pub flight: Schedule<InFlight>,
    /// Each node's condition.
    pub conditions: Vec<Condition>,
    /// Each node's partition group (all 0 when healed).
    pub group: Vec<u32>,
    /// Random loss on every packet.
    pub loss: f64,
    /// Each node's network stream (loss and latency draws).
    pub rng: Vec<Stream>,
}

impl Network {
    /// The fate of `p`, sent at `tick`: its landing tick, or `None` if lost.
    pub fn fate(
        &mut self,
        p: &Packet,
        tick: u32,
        ticks: Ticks,
        latency: &crate::swim::Latency,
    ) -> Option<u32> {
        let (from, to) = (p.from as usize, p.to as usize);
        if self.group[from] != self.group[to] {
            return None;
        }
        let rng = &mut self.rng[from];
        let tcp = matches!(p.message, Message::PushPull { .. });
        if !tcp {
            let lost = rng.chance(self.loss)
                | rng.chance(self.conditions[from].loss_out)
                | rng.chance(self.conditions[to].loss_in);
            if lost {
                return None;
            }
        }
        let delay = ticks.delay(latency.draw_ms(rng)).max(1);
        Some(tick + delay + self.conditions[from].slow(tick))
    }

    /// Whether `to` takes a packet landing at `tick`: `Ok(true)` to handle it now,
    /// `Ok(false)` to drop it, `Err(at)` to hold it until `at` (a slow receiver).
    pub fn admit(&self, f: &InFlight, tick: u32) -> Result<bool, u32> {
        let c = &self.conditions[f.packet.to as usize];
        if !c.acts(tick) {
            return Ok(false);
        }
        match c.slow(tick) {
            0 => Ok(true),
            _ if f.held => Ok(true),
            extra => Err(tick + extra),
        }
    }
}
