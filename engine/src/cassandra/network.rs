//! The network and the faults: random loss, partitions, latency, and each process's
//! condition (crashed, paused), reusing SWIM's [`Condition`] and delivery ring.
//!
//! `crate::swim::network::Network` is typed on SWIM's packets, so its two small rules are
//! restated here for Cassandra's: a message's fate is decided when it is sent, from the
//! sender's network stream; at landing a crashed or paused receiver drops it. Cassandra's
//! internode messaging runs over TCP, but the loss knob applies to every message, standing
//! for drops and timeouts alike.

use crate::cassandra::gossip_digest::Packet;
use crate::rng::Stream;
use crate::schedule::Schedule;
use crate::swim::network::Condition;
use crate::time::{Latency, Ticks};

/// Links, conditions and messages in flight.
#[derive(Clone, Debug)]
pub(crate) struct Network {
    /// Messages by landing tick.
    pub flight: Schedule<Packet>,
    /// Each node's condition.
    pub conditions: Vec<Condition>,
    /// Each node's partition group (all 0 when healed).
    pub group: Vec<u32>,
    /// Random loss on every message.
    pub loss: f64,
    /// Each node's network stream (loss and latency draws).
    pub rng: Vec<Stream>,
}

impl Network {
    /// The landing tick of `p`, sent at `tick`, or `None` if it is lost.
    pub fn fate(&mut self, p: &Packet, tick: u32, ticks: Ticks, latency: &Latency) -> Option<u32> {
        let (from, to) = (p.from as usize, p.to as usize);
        if self.group[from] != self.group[to] {
            return None;
        }
        let rng = &mut self.rng[from];
        if rng.chance(self.loss) {
            return None;
        }
        Some(tick + ticks.delay(latency.draw_ms(rng)).max(1))
    }

    /// Whether the receiver of `p` handles it at `tick` (running and not paused).
    pub fn admit(&self, p: &Packet, tick: u32) -> bool {
        self.conditions[p.to as usize].acts(tick)
    }
}
