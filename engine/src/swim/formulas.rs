//! memberlist's pure maths, as small functions with table tests (the style of
//! `hashicorp/memberlist util.go`). N is what memberlist calls `estNumNodes()`: every entry
//! of a node's member list, itself, suspect members and unreaped dead ones included.

/// How many packets carry an update before it leaves the queue:
/// `RetransmitMult · ⌈log10(N + 1)⌉` (`hashicorp/memberlist util.go retransmitLimit`,
/// recomputed by `queue.go GetBroadcasts` on every call).
pub fn retransmit_limit(retransmit_mult: u32, n: u32) -> u32 {
    let scale = (f64::from(n) + 1.0).log10().ceil() as u32;
    retransmit_mult.saturating_mul(scale)
}

/// The minimum suspicion timeout in ms:
/// `SuspicionMult · max(1, log10(max(1, N))) · ProbeInterval`, with the node scale truncated
/// to thousandths first (`hashicorp/memberlist util.go suspicionTimeout`, the smooth form of
/// PR #100).
pub fn suspicion_min_ms(suspicion_mult: u32, n: u32, probe_interval_ms: u32) -> f64 {
    let node_scale = f64::from(n.max(1)).log10().max(1.0);
    let thousandths = (node_scale * 1000.0).trunc();
    f64::from(suspicion_mult) * thousandths * f64::from(probe_interval_ms) / 1000.0
}

/// The maximum suspicion timeout in ms: `SuspicionMaxTimeoutMult · min`
/// (`hashicorp/memberlist state.go suspectNode`).
pub fn suspicion_max_ms(max_timeout_mult: u32, min_ms: f64) -> f64 {
    f64::from(max_timeout_mult) * min_ms
}

/// How many independent confirmations drive a suspicion to its minimum: `SuspicionMult − 2`
/// ("two probe intervals short"), and 0 when fewer than that many other members could
/// confirm (`N − 2 < k`) (`hashicorp/memberlist state.go suspectNode`).
pub fn confirmations_wanted(suspicion_mult: u32, n: u32) -> u32 {
    let k = suspicion_mult.saturating_sub(2);
    if n.saturating_sub(2) < k { 0 } else { k }
}

/// Lifeguard's dynamic suspicion timeout after `c` of `k` confirmations, in whole ms:
/// `max(min, ⌊max − (max − min) · ln(c + 1) / ln(k + 1)⌋`
/// (`hashicorp/memberlist suspicion.go remainingSuspicionTime`). With k = 0 no confirmation
/// can come, so the timer runs the minimum from the start (`suspicion.go newSuspicion`: "If
/// there aren't any confirmations to be made then take the min time from the start"; the
/// copies of later memberlist in the code index all have it; the first version started at max).
pub fn suspicion_timeout_ms(c: u32, k: u32, min_ms: f64, max_ms: f64) -> f64 {
    if k == 0 {
        return min_ms;
    }
    let frac = (f64::from(c) + 1.0).ln() / (f64::from(k) + 1.0).ln();
    (max_ms - frac * (max_ms - min_ms)).floor().max(min_ms)
}

/// memberlist's push/pull threshold: at or below 32 members the interval is not scaled
/// (`hashicorp/memberlist util.go pushPullScaleThreshold`).
pub const PUSH_PULL_SCALE_THRESHOLD: u32 = 32;

/// The push/pull period in ms: the interval up to 32 members, then
/// `(⌈log2 N − log2 32⌉ + 1) · interval` (`hashicorp/memberlist util.go pushPullScale`).
pub fn push_pull_interval_ms(interval_ms: u32, n: u32) -> u64 {
    if n <= PUSH_PULL_SCALE_THRESHOLD {
        return u64::from(interval_ms);
    }
    let mult =
        (f64::from(n).log2() - f64::from(PUSH_PULL_SCALE_THRESHOLD).log2()).ceil() as u64 + 1;
    mult * u64::from(interval_ms)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The LAN rows of docs/research/swim-memberlist.md §2.7, computed there from the
    /// formulas of memberlist's util.go, state.go and suspicion.go.
    #[test]
    fn lan_table() {
        // (N, retransmit limit, min s, max s, k, after one confirmation s, push/pull s)
        let rows: [(u32, u32, f64, f64, u32, f64, u64); 6] = [
            (3, 4, 4.0, 24.0, 0, 4.0, 30),
            (10, 8, 4.0, 24.0, 2, 11.381, 30),
            (100, 12, 8.0, 48.0, 2, 22.762, 90),
            (1000, 16, 12.0, 72.0, 2, 34.144, 180),
            (5000, 16, 14.792, 88.752, 2, 42.088, 270),
            (10_000, 20, 16.0, 96.0, 2, 45.525, 300),
        ];
        for (n, limit, min, max, k, one, pp) in rows {
            assert_eq!(retransmit_limit(4, n), limit, "retransmit limit at N = {n}");
            let lo = suspicion_min_ms(4, n, 1000);
            let hi = suspicion_max_ms(6, lo);
            assert!((lo - min * 1000.0).abs() < 1e-6, "min at N = {n}: {lo}");
            assert!((hi - max * 1000.0).abs() < 1e-6, "max at N = {n}: {hi}");
            assert_eq!(confirmations_wanted(4, n), k, "k at N = {n}");
            let t1 = suspicion_timeout_ms(1, k, lo, hi);
            assert!((t1 - one * 1000.0).abs() < 1.0, "c = 1 at N = {n}: {t1}");
            assert_eq!(
                suspicion_timeout_ms(k, k, lo, hi),
                lo,
                "k confirmations, or none to wait for, give min"
            );
            assert_eq!(
                push_pull_interval_ms(30_000, n),
                pp * 1000,
                "push/pull at {n}"
            );
        }
    }

    #[test]
    fn wan_and_local_rows() {
        // WAN: probe 5 s, SuspicionMult 6 (research §2.7).
        for (n, min) in [(10, 30.0), (100, 60.0), (1000, 90.0), (5000, 110.94)] {
            let lo = suspicion_min_ms(6, n, 5000);
            assert!((lo - min * 1000.0).abs() < 1e-6, "WAN min at N = {n}: {lo}");
            assert!((suspicion_max_ms(6, lo) - 6.0 * min * 1000.0).abs() < 1e-6);
        }
        for (n, pp) in [(10, 60), (100, 180), (1000, 360), (5000, 540)] {
            assert_eq!(push_pull_interval_ms(60_000, n), pp * 1000, "WAN at {n}");
        }
        // Local: RetransmitMult 2, SuspicionMult 3, so k = 1: one confirmation gives min.
        for (n, limit) in [(10, 4), (100, 6), (1000, 8), (5000, 8)] {
            assert_eq!(retransmit_limit(2, n), limit);
        }
        let lo = suspicion_min_ms(3, 100, 1000);
        assert_eq!(lo, 6000.0);
        assert_eq!(suspicion_timeout_ms(1, 1, lo, 6.0 * lo), lo);
        assert_eq!(suspicion_timeout_ms(0, 1, lo, 6.0 * lo), 6.0 * lo);
    }

    #[test]
    fn push_pull_steps_at_powers_of_two() {
        for (n, mult) in [
            (32, 1),
            (33, 2),
            (64, 2),
            (65, 3),
            (128, 3),
            (129, 4),
            (256, 4),
        ] {
            assert_eq!(push_pull_interval_ms(1, n), mult, "N = {n}");
        }
    }
}
