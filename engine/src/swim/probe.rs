//! The failure detector's bookkeeping: which member to probe next, the probe in progress and
//! the ping-reqs a node relays for others (`hashicorp/memberlist state.go probe`,
//! `probeNode`, `net.go handleIndirectPing`).

use crate::rng::Stream;

/// Shuffled round-robin probing. memberlist shuffles its list at every wrap (Fisher–Yates);
/// here each cycle walks the affine permutation `i ↦ (a·i + b) mod len` with a fresh random
/// `a` coprime to `len` and a random `b`. A member's position in each node's cycle is then
/// uniform and independent across nodes and cycles, which is what the detection-time
/// analysis needs, and a node stores two numbers instead of a second N-entry list.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ProbeOrder {
    a: u32,
    b: u32,
    len: u32,
    /// Position in the current cycle.
    pub index: u32,
}

fn gcd(mut a: u32, mut b: u32) -> u32 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}

impl ProbeOrder {
    /// A new cycle over `len` entries.
    pub fn reshuffle(&mut self, len: u32, rng: &mut Stream) {
        self.len = len;
        self.index = 0;
        if len <= 1 {
            (self.a, self.b) = (1, 0);
            return;
        }
        self.b = rng.below(len);
        self.a = 1;
        // At most 64 tries; the fraction of units mod len is above 1/10 for len < 2^32
        // apart from pathological products of small primes, and a = 1 is a fine fallback.
        for _ in 0..64 {
            let a = 1 + rng.below(len - 1);
            if gcd(a, len) == 1 {
                self.a = a;
                break;
            }
        }
    }

    /// The next entry of the cycle, or `None` at its end (time to reap and reshuffle).
    pub fn next_entry(&mut self) -> Option<u32> {
        if self.index >= self.len {
            return None;
        }
        let i = u64::from(self.index);
        self.index += 1;
        Some(((u64::from(self.a) * i + u64::from(self.b)) % u64::from(self.len)) as u32)
    }
}

/// A probe in progress.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Probe {
    /// The member probed.
    pub target: u32,
    /// The ping's sequence number.
    pub seq: u32,
    /// Tick the ping left.
    pub sent: u32,
    /// Tick at which, without an ack, ping-reqs go out (`ProbeTimeout`, not scaled).
    pub timeout_at: u32,
    /// Tick at which, without an ack, the target becomes suspect (the awareness-scaled
    /// `ProbeInterval`).
    pub deadline: u32,
    /// Relays asked for nacks.
    pub expected_nacks: u32,
    /// Nacks received.
    pub nacks: u32,
}

/// A ping-req being relayed: the relay pinged the target and waits for its ack.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Relay {
    /// The relay's own sequence number of its ping.
    pub seq: u32,
    /// Who asked.
    pub origin: u32,
    /// The asker's sequence number, echoed back.
    pub origin_seq: u32,
    /// When the relay gives up and sends a nack (its `ProbeTimeout`).
    pub expires: u32,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cycle_visits_every_entry_once() {
        let mut rng = Stream::from_seed(4);
        for len in [1, 2, 3, 10, 64, 97, 1000] {
            let mut o = ProbeOrder::default();
            o.reshuffle(len, &mut rng);
            let mut seen: Vec<u32> = std::iter::from_fn(|| o.next_entry()).collect();
            seen.sort_unstable();
            assert_eq!(seen, (0..len).collect::<Vec<_>>(), "len {len}");
        }
    }

    #[test]
    fn positions_are_uniform() {
        // Where entry 0 falls in the cycle, over many cycles of 10: each position ~10%.
        let mut rng = Stream::from_seed(5);
        let mut counts = [0u32; 10];
        for _ in 0..20_000 {
            let mut o = ProbeOrder::default();
            o.reshuffle(10, &mut rng);
            let pos = std::iter::from_fn(|| o.next_entry()).position(|x| x == 0);
            counts[pos.expect("visited")] += 1;
        }
        // Binomial sd at p = 0.1, n = 20 000 is 42; allow 5 sd.
        assert!(counts.iter().all(|&c| c.abs_diff(2000) < 210), "{counts:?}");
    }
}
