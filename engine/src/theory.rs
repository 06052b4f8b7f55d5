//! The theory to compare runs with.
//!
//! The recurrences give the expected number of informed nodes after one more round of
//! anti-entropy on the complete graph, given `i` informed out of `n`, when every node picks
//! `f` distinct peers uniformly among the other `n - 1` (self excluded). They are exact for
//! one step; iterating them on the expectation gives the usual mean-field curve, which is
//! what the UI draws and what the asymptotic log2 N + ln N (Pittel 1987) summarises.

use crate::config::Mode;

/// Probability that one informed node's `f` distinct picks miss a given other node.
fn miss_push(n: f64, f: f64) -> f64 {
    1.0 - f / (n - 1.0)
}

/// Probability that `f` distinct picks among `n - 1` others, `u - 1` of which are unaware,
/// all land on unaware nodes: C(u-1, f) / C(n-1, f).
fn pull_all_unaware(n: f64, u: f64, f: u32) -> f64 {
    let mut p = 1.0;
    for j in 0..f {
        let j = f64::from(j);
        let num = u - 1.0 - j;
        if num <= 0.0 {
            return 0.0;
        }
        p *= num / (n - 1.0 - j);
    }
    p
}

/// Expected informed count after one round, given `i` informed of `n`, fanout `f`.
pub fn next_informed(mode: Mode, n: u32, f: u32, i: f64) -> f64 {
    let nf = f64::from(n);
    let u = nf - i;
    if u <= 0.0 {
        return nf;
    }
    let stay = match mode {
        Mode::Push => miss_push(nf, f64::from(f)).powf(i),
        Mode::Pull => pull_all_unaware(nf, u, f),
        Mode::PushPull => miss_push(nf, f64::from(f)).powf(i) * pull_all_unaware(nf, u, f),
    };
    nf - u * stay
}

/// Expected informed fraction after rounds 0, 1, ..., `rounds` (mean-field iteration of
/// [`next_informed`]), starting from `initial` informed nodes.
pub fn informed_curve(mode: Mode, n: u32, f: u32, initial: u32, rounds: u32) -> Vec<f64> {
    let mut i = f64::from(initial);
    let mut out = Vec::with_capacity(rounds as usize + 1);
    out.push(i / f64::from(n));
    for _ in 0..rounds {
        i = next_informed(mode, n, f, i);
        out.push(i / f64::from(n));
    }
    out
}

/// First round at which the mean-field curve leaves fewer than half a node unaware.
pub fn rounds_to_full(mode: Mode, n: u32, f: u32) -> u32 {
    let mut i = 1.0;
    let mut r = 0;
    while f64::from(n) - i >= 0.5 && r < 10_000 {
        i = next_informed(mode, n, f, i);
        r += 1;
    }
    r
}

/// log2 N + ln N: rounds for push to reach everyone (Pittel 1987), up to an O(1) term.
pub fn log2_plus_ln(n: u32) -> f64 {
    let n = f64::from(n);
    n.log2() + n.ln()
}

/// The residue of rumor mongering: the root s in (0, 1) of s = e^{-(k+1)(1-s)} (Demers et
/// al. 1987, for push with feedback and coin, in the large-N limit).
pub fn residue(k: u32) -> f64 {
    let k1 = f64::from(k) + 1.0;
    let g = |s: f64| s - (-k1 * (1.0 - s)).exp();
    // g < 0 at 0 and g > 0 just below the trivial root 1: bisect.
    let (mut lo, mut hi) = (0.0_f64, 1.0 - 1e-9);
    for _ in 0..200 {
        let mid = 0.5 * (lo + hi);
        if g(mid) < 0.0 {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    0.5 * (lo + hi)
}

/// The logistic curve used by Serf's convergence simulator: the informed fraction after `t`
/// rounds, N / (1 + (N − 1)·e^{−β t}) / N with β = ln(1 + f), the early growth rate of push.
pub fn logistic(n: u32, f: u32, t: f64) -> f64 {
    let nf = f64::from(n);
    let beta = (1.0 + f64::from(f)).ln();
    1.0 / (1.0 + (nf - 1.0) * (-beta * t).exp())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn residue_matches_demers_table() {
        // Roots of s = e^{-(k+1)(1-s)} to four digits, checked by hand substitution.
        for (k, s) in [(1, 0.203), (2, 0.0595), (3, 0.0198)] {
            let r = residue(k);
            assert!((r - s).abs() < 5e-4, "k={k}: {r} vs {s}");
            assert!(
                (r - (-(f64::from(k) + 1.0) * (1.0 - r)).exp()).abs() < 1e-12,
                "it is a root"
            );
        }
    }

    #[test]
    fn first_push_round_is_exact() {
        // One informed node pushes to exactly one other node.
        assert!((next_informed(Mode::Push, 1000, 1, 1.0) - 2.0).abs() < 1e-12);
        assert!((next_informed(Mode::Pull, 1000, 1, 1.0) - 2.0).abs() < 1e-12);
        let pp = next_informed(Mode::PushPull, 1000, 1, 1.0);
        assert!(pp > 2.9 && pp < 3.0, "push plus ~one puller: {pp}");
    }

    #[test]
    fn curves_are_monotone_and_reach_one() {
        for mode in [Mode::Push, Mode::Pull, Mode::PushPull] {
            let c = informed_curve(mode, 1000, 1, 1, 40);
            assert!(c.windows(2).all(|w| w[1] >= w[0]), "{mode:?} monotone");
            assert!(c[40] > 0.9999, "{mode:?} saturates");
        }
        // Push-pull is faster than push.
        assert!(rounds_to_full(Mode::PushPull, 1000, 1) < rounds_to_full(Mode::Push, 1000, 1));
        let p = rounds_to_full(Mode::Push, 1000, 1) as f64;
        assert!(
            (p - log2_plus_ln(1000)).abs() < 2.0,
            "push ≈ log2 N + ln N: {p}"
        );
    }

    #[test]
    fn logistic_starts_at_one_node() {
        assert!((logistic(100, 1, 0.0) - 0.01).abs() < 1e-12);
        assert!(logistic(100, 1, 30.0) > 0.999);
    }
}
