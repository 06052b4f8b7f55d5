//! The engine's one sort: ascending `u64`s.
//!
//! Everything the engine sorts is packed into `u64` keys first (loss-of-interest outcomes,
//! version ranks, adjacency lists, action logs), and sorted here. Equal `u64`s are
//! indistinguishable, so every correct sort gives the same result: which algorithm runs
//! cannot change a simulation. This one is a least-significant-digit radix sort, a few
//! hundred bytes of wasm where the standard library's pattern-defeating quicksort costs
//! several kilobytes, and as fast or faster on the engine's inputs (a round's outcomes are up
//! to one per node, keyed by node ids that span at most 24 bits).

/// Below this length, insertion sort: a radix pass costs a 256-entry count however short the
/// input.
const SMALL: usize = 32;

/// Sorts `keys` in ascending order.
pub(crate) fn sort_u64(keys: &mut [u64]) {
    // Often the case (a push round's outcomes come in node order; so do most lists of a
    // ring or an Erdős–Rényi graph), and then one comparison per key is all it costs.
    if keys.windows(2).all(|w| w[0] <= w[1]) {
        return;
    }
    if keys.len() <= SMALL {
        insertion_sort(keys);
        return;
    }
    // Bytes in which some keys differ; the others need no pass.
    let first = keys[0];
    let varying = keys.iter().fold(0, |acc, &k| acc | (k ^ first));
    let mut buf = vec![0u64; keys.len()];
    // Whether the sorted data currently sits in `buf` rather than `keys`.
    let mut in_buf = false;
    for shift in (0..64).step_by(8) {
        if (varying >> shift) & 0xFF == 0 {
            continue;
        }
        let (src, dst) = if in_buf {
            (&buf[..], &mut keys[..])
        } else {
            (&keys[..], &mut buf[..])
        };
        let digit = |k: u64| (k >> shift) as usize & 0xFF;
        // Counts per digit, then the first place of each digit in `dst`.
        let mut place = [0usize; 256];
        for &k in src {
            place[digit(k)] += 1;
        }
        let mut next = 0;
        for p in &mut place {
            (*p, next) = (next, next + *p);
        }
        for &k in src {
            let p = &mut place[digit(k)];
            dst[*p] = k;
            *p += 1;
        }
        in_buf = !in_buf;
    }
    if in_buf {
        keys.copy_from_slice(&buf);
    }
}

fn insertion_sort(keys: &mut [u64]) {
    for i in 1..keys.len() {
        let k = keys[i];
        let mut j = i;
        while j > 0 && keys[j - 1] > k {
            keys[j] = keys[j - 1];
            j -= 1;
        }
        keys[j] = k;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rng::Stream;

    #[test]
    fn sorts_like_the_standard_library() {
        let mut rng = Stream::from_seed(11);
        for len in [0, 1, 2, 3, 31, 32, 33, 100, 1000, 5000] {
            // Keys over all 64 bits, over a few low bits (many repeats), and packed pairs.
            for bits in [64, 3, 20, 42] {
                let keys: Vec<u64> = (0..len)
                    .map(|_| {
                        let k =
                            u64::from(rng.below(u32::MAX)) << 32 | u64::from(rng.below(u32::MAX));
                        if bits == 64 { k } else { k & ((1 << bits) - 1) }
                    })
                    .collect();
                let mut expected = keys.clone();
                expected.sort_unstable();
                let mut sorted = keys;
                sort_u64(&mut sorted);
                assert_eq!(sorted, expected, "{len} keys of {bits} bits");
            }
        }
        let mut same = vec![7u64; 100];
        sort_u64(&mut same);
        assert_eq!(same, vec![7u64; 100]);
        let mut descending: Vec<u64> = (0..500).rev().collect();
        sort_u64(&mut descending);
        assert!(descending.windows(2).all(|w| w[0] < w[1]));
    }
}
