//! Real time on top of ticks.
//!
//! The engine never reads a clock: a SWIM run counts ticks, and a tick stands for a fixed
//! number of milliseconds ([`Ticks::tick_ms`]). memberlist's timers (probe every 1 s, gossip
//! every 200 ms, push/pull every 30 s) become whole numbers of ticks, and a message's
//! latency is drawn in milliseconds from the run's seeded streams and rounded *up* to whole
//! ticks, so a timeout can expire before the answer lands.

use crate::error::{Result, check_range};
use crate::rng::Stream;

/// Longest tick allowed: one minute. A coarser tick would round every LAN timer to zero.
pub const MAX_TICK_MS: u32 = 60_000;

/// Longest latency mean allowed (ms): ten minutes, far beyond any WAN.
pub const MAX_LATENCY_MS: f64 = 600_000.0;

/// The conversion between milliseconds and ticks of one run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Ticks {
    /// Milliseconds per tick.
    pub tick_ms: u32,
}

impl Ticks {
    /// A tick of `tick_ms` milliseconds (1..=[`MAX_TICK_MS`]).
    pub fn new(tick_ms: u32) -> Result<Self> {
        check_range("tick_ms", tick_ms, 1, MAX_TICK_MS)?;
        Ok(Ticks { tick_ms })
    }

    /// An interval in whole ticks, rounded to the nearest tick and never below one: a timer
    /// shorter than a tick still fires, once per tick.
    pub fn interval(self, ms: u32) -> u32 {
        let t = self.tick_ms;
        (ms.saturating_add(t / 2) / t).max(1)
    }

    /// A delay in whole ticks, rounded up: a message never arrives early.
    pub fn delay(self, ms: f64) -> u32 {
        let t = (ms / f64::from(self.tick_ms)).ceil();
        if t.is_finite() && t > 0.0 {
            t.min(f64::from(u32::MAX / 4)) as u32
        } else {
            0
        }
    }

    /// The time of tick `tick`, in seconds.
    pub fn seconds(self, tick: u32) -> f64 {
        f64::from(tick) * f64::from(self.tick_ms) / 1000.0
    }

    /// The tick at `seconds` (rounded to the nearest tick).
    pub fn at(self, seconds: f64) -> u32 {
        let t = (seconds * 1000.0 / f64::from(self.tick_ms)).round();
        if t.is_finite() && t > 0.0 {
            t.min(f64::from(u32::MAX / 4)) as u32
        } else {
            0
        }
    }
}

/// The shape of the one-way network delay.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
pub enum LatencyDist {
    /// Every message takes exactly the mean.
    Constant,
    /// Uniform on [0, 2 · mean]: same mean, bounded jitter.
    Uniform,
    /// Exponential with the given mean: a heavy tail, so a few answers miss their timeout.
    Exponential,
}

/// One-way network latency: a distribution and its mean in milliseconds.
#[derive(Clone, Copy, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Latency {
    /// The distribution.
    pub dist: LatencyDist,
    /// Its mean, in milliseconds.
    pub mean_ms: f64,
}

impl Latency {
    /// A LAN: a constant 1 ms, so every message lands in the next tick.
    pub const LAN: Latency = Latency {
        dist: LatencyDist::Constant,
        mean_ms: 1.0,
    };

    /// Checks the mean.
    pub fn validate(&self) -> Result<()> {
        check_range("latency_ms", self.mean_ms, 0.0, MAX_LATENCY_MS)
    }

    /// One draw, in milliseconds. Constant latency draws nothing, so switching a run from
    /// constant latency to no latency leaves every other random choice where it was.
    pub fn draw_ms(&self, rng: &mut Stream) -> f64 {
        match self.dist {
            LatencyDist::Constant => self.mean_ms,
            LatencyDist::Uniform => 2.0 * self.mean_ms * rng.unit(),
            // Inverse transform; 1 − u is in (0, 1], so the logarithm is finite.
            LatencyDist::Exponential => -self.mean_ms * (1.0 - rng.unit()).ln(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn intervals_round_and_never_vanish() {
        let t = Ticks::new(100).expect("valid");
        assert_eq!(t.interval(1000), 10, "memberlist LAN probe interval");
        assert_eq!(t.interval(200), 2, "LAN gossip interval");
        assert_eq!(t.interval(30_000), 300, "LAN push/pull interval");
        assert_eq!(t.interval(140), 1, "rounds to the nearest tick");
        assert_eq!(t.interval(10), 1, "a timer shorter than a tick still fires");
        assert!(Ticks::new(0).is_err(), "a tick must last");
    }

    #[test]
    fn delays_round_up() {
        let t = Ticks::new(100).expect("valid");
        assert_eq!(t.delay(1.0), 1);
        assert_eq!(t.delay(100.0), 1);
        assert_eq!(t.delay(100.5), 2, "never early");
        assert_eq!(t.delay(0.0), 0);
        assert_eq!(t.delay(f64::NAN), 0);
        assert_eq!(t.seconds(25), 2.5);
        assert_eq!(t.at(2.5), 25);
    }

    #[test]
    fn latency_means_are_right() {
        let mut rng = Stream::from_seed(3);
        for dist in [
            LatencyDist::Constant,
            LatencyDist::Uniform,
            LatencyDist::Exponential,
        ] {
            let l = Latency {
                dist,
                mean_ms: 20.0,
            };
            let n = 40_000;
            let mean = (0..n).map(|_| l.draw_ms(&mut rng)).sum::<f64>() / f64::from(n);
            // Standard error of an exponential mean at n = 40 000 is 0.1 ms; 5 of them.
            assert!((mean - 20.0).abs() < 0.5, "{dist:?}: mean {mean}");
        }
        assert!(
            Latency {
                dist: LatencyDist::Uniform,
                mean_ms: -1.0
            }
            .validate()
            .is_err()
        );
    }
}
