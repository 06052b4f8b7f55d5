//! Real time for the round protocols: anti-entropy, rumor mongering and heartbeat membership.
//!
//! Without a time model a step is one abstract round and everything sent arrives by the
//! round's end, as in Demers' and van Renesse's analyses. With one, a step is a *tick* of
//! `tick_ms` milliseconds, as in SWIM and the other real systems:
//! - the protocol's round (gossip, anti-entropy exchange, heartbeat) runs every `interval`
//!   ticks, on every node at once, the way a fixed timer drives it in a real system;
//! - each leg of a contact takes a latency drawn from the run's seeded streams, and an update
//!   lands after the legs of its conversation that lead up to it (an incremental push sends
//!   digest, request and values, so its values land three draws later). Sums are rounded up
//!   to whole ticks, so nothing arrives early;
//! - a conversation is decided when it starts: what the peer lacks, what is lost, and the
//!   sender's loss of interest are judged at the send tick; only the arrival waits. An update
//!   whose receiver is down when it lands is lost.
//!
//! A tick of any length with an interval of one tick and no latency gives exactly the
//! abstract run, draw for draw: only the unit of time changes.

#[cfg(feature = "serde")]
use serde::{Deserialize, Serialize};

use crate::error::{Result, check_range};
use crate::rng::{Purpose, StreamKey, splitmix64};
use crate::time::{Latency, LatencyDist, Ticks};

/// Longest gossip interval, in ticks: 100 s at the shortest tick, far beyond any real
/// protocol's interval at the tick it would be run with.
pub const MAX_INTERVAL_TICKS: u32 = 100_000;

/// Longest mean latency of a leg, in ticks. Updates wait in a ring of per-tick buckets as long
/// as the longest delay, and a run's snapshots copy it: a 600 s mean on 1 ms ticks (both
/// allowed alone) took 13 GB. A thousand ticks keeps the ring to tens of thousands of buckets
/// even in an exponential tail, and is still a 100 s mean at 100 ms ticks.
pub const MAX_LATENCY_TICKS: u32 = 1_000;

/// How rounds map to time: tick length, gossip interval and network latency.
#[derive(Clone, Copy, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct RoundTime {
    /// Milliseconds per tick (a step of the simulation).
    pub tick_ms: u32,
    /// Ticks between two rounds of the protocol (its gossip interval). memberlist gossips
    /// every 200 ms and Cassandra every second; one tick is the abstract model.
    pub interval: u32,
    /// One-way latency of each leg.
    pub latency: Latency,
}

impl Default for RoundTime {
    /// A 100 ms tick, a round every second (Cassandra's `Gossiper` interval,
    /// `gms/Gossiper.java`, `intervalInMillis = 1000`) and a LAN's 1 ms legs.
    fn default() -> Self {
        RoundTime {
            tick_ms: 100,
            interval: 10,
            latency: Latency::LAN,
        }
    }
}

impl RoundTime {
    /// Checks every field; the error names it and its allowed range.
    pub fn validate(&self) -> Result<()> {
        Ticks::new(self.tick_ms)?;
        check_range("interval", self.interval, 1, MAX_INTERVAL_TICKS)?;
        self.latency.validate()?;
        let most = f64::from(MAX_LATENCY_TICKS) * f64::from(self.tick_ms);
        check_range("latency_ms", self.latency.mean_ms, 0.0, most)
    }

    /// The tick's conversion to seconds.
    pub fn ticks(&self) -> Ticks {
        Ticks {
            tick_ms: self.tick_ms,
        }
    }

    /// Whether the protocol's round runs at `tick`.
    pub fn runs_at(&self, tick: u32) -> bool {
        tick % self.interval == 0
    }

    /// Whether every leg lands within its own tick, as in the abstract model.
    pub fn is_instant(&self) -> bool {
        self.latency.mean_ms == 0.0
    }

    /// Ticks until an update carried by the `legs`-th leg of a conversation between `from`
    /// and `to`, started at `tick`, lands. Each leg draws from one stream per (tick, pair), so
    /// the updates of one conversation agree on its legs whichever way they travel, and the
    /// draws disturb no other random choice of the run. Two conversations of the same pair in
    /// the same tick (each node picked the other, or a rumor push beside the hybrid's repair)
    /// share those draws: a small correlation, kept so that a delivery stays 16 bytes.
    pub fn delay(&self, seed: u64, tick: u32, from: u32, to: u32, legs: u8) -> u32 {
        if self.is_instant() || legs == 0 {
            return 0;
        }
        let ms = match self.latency.dist {
            LatencyDist::Constant => self.latency.mean_ms * f64::from(legs),
            _ => {
                let (lo, hi) = (from.min(to), from.max(to));
                let pair = splitmix64(u64::from(lo) << 32 | u64::from(hi));
                let mut rng = StreamKey::new(seed ^ pair, Purpose::Latency).stream(tick, 0);
                (0..legs).map(|_| self.latency.draw_ms(&mut rng)).sum()
            }
        };
        self.ticks().delay(ms)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn time(dist: LatencyDist, mean_ms: f64) -> RoundTime {
        RoundTime {
            tick_ms: 100,
            interval: 10,
            latency: Latency { dist, mean_ms },
        }
    }

    #[test]
    fn legs_add_up_and_round_up() {
        let t = time(LatencyDist::Constant, 40.0);
        assert_eq!(t.delay(1, 5, 2, 3, 1), 1, "40 ms is within the next tick");
        assert_eq!(
            t.delay(1, 5, 2, 3, 3),
            2,
            "three legs of 40 ms: 120 ms, two ticks"
        );
        assert_eq!(t.delay(1, 5, 2, 3, 0), 0, "no leg, no wait");
        assert_eq!(time(LatencyDist::Exponential, 0.0).delay(1, 5, 2, 3, 3), 0);
    }

    #[test]
    fn both_directions_of_a_conversation_share_its_legs() {
        let t = time(LatencyDist::Exponential, 150.0);
        for tick in 0..50 {
            let one = t.delay(9, tick, 4, 7, 2);
            assert_eq!(one, t.delay(9, tick, 7, 4, 2), "tick {tick}");
            assert!(
                t.delay(9, tick, 4, 7, 3) >= one,
                "a later leg never lands earlier"
            );
        }
    }

    #[test]
    fn random_delays_have_the_latency_mean() {
        // Uniform on [0, 300] ms per leg, rounded up to 100 ms ticks: 1, 2 or 3 ticks with
        // probabilities 1/3 each, mean 2 ticks. Over 20,000 conversations the standard error
        // of the mean is sqrt(2/3 / 20,000) = 0.006 ticks; five of them is 0.03.
        let t = time(LatencyDist::Uniform, 150.0);
        let n = 20_000u32;
        let sum: u32 = (0..n)
            .map(|i| t.delay(3, i, i % 97, 1000 + i % 89, 1))
            .sum();
        let mean = f64::from(sum) / f64::from(n);
        assert!((mean - 2.0).abs() < 0.03, "mean {mean}");
    }

    #[test]
    fn bad_fields_are_named() {
        let mut t = RoundTime::default();
        t.validate().expect("the default is valid");
        t.interval = 0;
        assert!(
            t.validate()
                .unwrap_err()
                .to_string()
                .starts_with("interval = 0")
        );
        t.interval = 1;
        t.tick_ms = 0;
        assert!(t.validate().is_err());
        t.tick_ms = 1;
        t.latency.mean_ms = 600_000.0;
        let e = t.validate().unwrap_err().to_string();
        assert!(
            e.starts_with("latency_ms = 600000 is out of range: allowed 0..=1000"),
            "{e}"
        );
        t.latency.mean_ms = 1000.0;
        t.validate()
            .expect("a thousand ticks of latency is allowed");
    }
}
