//! The theory to compare runs with.
//!
//! The recurrences give the expected number of informed nodes after one more round of
//! anti-entropy on the complete graph, given `i` informed out of `n`, when every node picks
//! `f` distinct peers uniformly among the other `n - 1` (self excluded). They are exact for
//! one step; iterating them on the expectation gives the usual mean-field curve, which is
//! what the UI draws and what the asymptotic log2 N + ln N (Pittel 1987) summarises.

use crate::config::{Mode, Sync};
use crate::error::{Result, check_range};

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
    next_informed_through(mode, n, f, i, (1.0, 1.0))
}

/// The chance that a contact's update gets through when each leg is lost with probability
/// `loss`: (from the initiator to the peer, from the peer back), counting the legs an update
/// needs (see `protocol/anti_entropy.rs`). Incremental push sends digest, request and values
/// (3 legs), pull digest and values (2); full push sends the values at once (1), and the
/// peer's values answer a request or the push (2).
pub fn through(sync: Sync, loss: f64) -> (f64, f64) {
    let ok = 1.0 - loss.clamp(0.0, 1.0);
    match sync {
        Sync::Incremental => (ok.powi(3), ok.powi(2)),
        Sync::Full => (ok, ok.powi(2)),
    }
}

/// [`next_informed`] when a push gets through with probability `q.0` and a pull's answer
/// with `q.1` ([`through`]). Still exact for one round: an unaware node stays unaware when
/// every informed node's push to it fails or misses it, independently, and (pull) every
/// answer it gets from its informed picks is lost.
pub fn next_informed_through(mode: Mode, n: u32, f: u32, i: f64, q: (f64, f64)) -> f64 {
    let nf = f64::from(n);
    let u = nf - i;
    if u <= 0.0 {
        return nf;
    }
    let push = || (1.0 - q.0 * (1.0 - miss_push(nf, f64::from(f)))).powf(i);
    let stay = match mode {
        Mode::Push => push(),
        Mode::Pull => pull_stays(nf, u, f, q.1),
        Mode::PushPull => push() * pull_stays(nf, u, f, q.1),
    };
    nf - u * stay
}

/// Probability that an unaware node's `f` distinct picks (among `n - 1` others, `u - 1` of
/// them unaware) bring it nothing when each answer from an informed pick arrives with
/// probability `q`: the sum over k informed picks of the hypergeometric P(k) · (1 − q)^k.
fn pull_stays(n: f64, u: f64, f: u32, q: f64) -> f64 {
    if q >= 1.0 {
        return pull_all_unaware(n, u, f);
    }
    let informed = n - u;
    // P(k) = C(i, k) C(u − 1, f − k) / C(n − 1, f), built as a product of ratios.
    let choose = |a: f64, k: u32| -> f64 {
        (0..k).fold(1.0, |p, j| {
            p * (a - f64::from(j)).max(0.0) / f64::from(j + 1)
        })
    };
    let all = choose(n - 1.0, f);
    (0..=f)
        .map(|k| choose(informed, k) * choose(u - 1.0, f - k) / all * (1.0 - q).powi(k as i32))
        .sum()
}

/// Expected informed fraction after rounds 0, 1, ..., `rounds` (mean-field iteration of
/// [`next_informed`]), starting from `initial` informed nodes.
pub fn informed_curve(mode: Mode, n: u32, f: u32, initial: u32, rounds: u32) -> Vec<f64> {
    informed_curve_through(mode, n, f, initial, rounds, (1.0, 1.0))
}

/// [`informed_curve`] when updates get through with the probabilities `q` ([`through`]).
pub fn informed_curve_through(
    mode: Mode,
    n: u32,
    f: u32,
    initial: u32,
    rounds: u32,
    q: (f64, f64),
) -> Vec<f64> {
    let mut i = f64::from(initial);
    let mut out = Vec::with_capacity(rounds as usize + 1);
    out.push(i / f64::from(n));
    for _ in 0..rounds {
        i = next_informed_through(mode, n, f, i, q);
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

/// Rounds for `mode` with fanout `f` to reach all of `n` nodes, to leading order:
///
/// - push: log_{1+f} N + (ln N)/f (Pittel 1987 for f = 1, which is [`log2_plus_ln`]; Frieze
///   and Grimmett 1985 for larger fanouts);
/// - pull: log₂ N + O(log log N); push-pull: log₃ N + O(log log N) (Karp, Schindelhauer,
///   Shenker and Vöcking 2000, fanout 1).
///
/// The O(log log N) of pull and push-pull is drawn as ln ln N: its constant is not known, so
/// the marker shows the size of the term, not its value.
pub fn rounds_estimate(mode: Mode, n: u32, f: u32) -> f64 {
    let n = f64::from(n.max(3));
    let f = f64::from(f.max(1));
    match mode {
        Mode::Push => n.ln() / (1.0 + f).ln() + n.ln() / f,
        Mode::Pull => n.log2() + n.ln().ln(),
        Mode::PushPull => n.ln() / 3f64.ln() + n.ln().ln(),
    }
}

/// The formula of [`rounds_estimate`], for the chart: "log₂N+lnN", "log₄N+lnN/3",
/// "log₃N+O(log log N)".
pub fn rounds_formula(mode: Mode, f: u32) -> String {
    const SUB: [char; 10] = ['₀', '₁', '₂', '₃', '₄', '₅', '₆', '₇', '₈', '₉'];
    let sub = |x: u32| -> String {
        x.to_string()
            .chars()
            .map(|c| SUB[c.to_digit(10).unwrap_or(0) as usize])
            .collect()
    };
    match mode {
        Mode::Push if f <= 1 => "log₂N+lnN".into(),
        Mode::Push => format!("log{}N+lnN/{f}", sub(1 + f)),
        Mode::Pull => "log₂N+O(log log N)".into(),
        Mode::PushPull => "log₃N+O(log log N)".into(),
    }
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

/// Serf's convergence model, as Serf's convergence simulator computes it: the page
/// "Convergence Simulator" of Serf's website (`hashicorp/serf`,
/// `website/source/docs/internals/simulator.html.markdown`), drawn by the object
/// `SerfSimulator` in `website/source/assets/javascripts/_simulator.js` (stored copy at commit
/// 16193799d5939d0f474b4f108791a24902d471c1). Research notes: `docs/research/swim-memberlist.md`
/// §8.
///
/// With x the number of gossip intervals since one node learnt a message:
///
/// - contact = (fanout / N) · (1 − loss) · (1 − failed) · 0.5 (`convergenceAtRound`);
/// - converged(x) = 1 / (1 + (N + 1) · e^(−contact · N · x)) (`convergenceAtRound`: the
///   infected count N / (1 + (N + 1) · e^(…)) divided by N);
/// - the curve is converged(0), converged(1), … up to the first x with converged(x) ≥
///   99.99 %, or x = 99 (`seriesData`); the page plots it against x · interval seconds;
/// - the bandwidth per node is 1400 · fanout / interval · 2 bytes per second, shown in
///   kilobits (of 1024 bits) per second to one decimal (`bytesUsed` and `draw`).
///
/// contact · N = 0.5 · fanout · (1 − loss)(1 − failed) does not depend on N; N enters only
/// through (N + 1), so converged(0) = 1/(N + 2). The older simulator
/// (`website/source/javascripts/simulator.js`, commit a0a6cf69f2c105cf85a9be4d19143d5bc647e902)
/// had no factor 0.5; this is the current one. The bandwidth ignores N, loss, failures and
/// retransmit limits, as Serf's does.
///
/// Loss and failed are fractions in 0..=1 here (Serf's page takes percentages in [0, 100)).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SerfModel {
    /// Nodes in the cluster, N (Serf's page: at least 1).
    pub nodes: u32,
    /// Nodes each node gossips to per interval (memberlist's `GossipNodes`).
    pub fanout: u32,
    /// The gossip interval in seconds (memberlist's `GossipInterval`).
    pub interval_s: f64,
    /// Fraction of packets lost, 0..=1.
    pub loss: f64,
    /// Fraction of nodes failed, 0..=1.
    pub failed: f64,
}

impl Default for SerfModel {
    /// The simulator's defaults, which its page says are "also the default values that Serf
    /// is configured with" (`simulator.html.markdown`; the fields `nodes`, `fanout`,
    /// `interval`, `packetLoss` and `nodeFail` of `SerfSimulator` in `_simulator.js`).
    fn default() -> Self {
        SerfModel {
            nodes: Self::DEFAULT_NODES,
            fanout: Self::DEFAULT_FANOUT,
            interval_s: Self::DEFAULT_INTERVAL_S,
            loss: 0.0,
            failed: 0.0,
        }
    }
}

impl SerfModel {
    /// Default cluster size: `nodes: 30` in `SerfSimulator` (`_simulator.js`), the value in
    /// the page's "Nodes" box (`simulator.html.markdown`).
    pub const DEFAULT_NODES: u32 = 30;
    /// Default fanout: `fanout : 3` in `SerfSimulator` (`_simulator.js`); memberlist's
    /// `DefaultLANConfig` `GossipNodes` = 3, which Serf's `DefaultConfig` takes unchanged.
    pub const DEFAULT_FANOUT: u32 = 3;
    /// Default gossip interval, seconds: `interval: 0.2` in `SerfSimulator` (`_simulator.js`);
    /// memberlist's `DefaultLANConfig` `GossipInterval` = 200 ms.
    pub const DEFAULT_INTERVAL_S: f64 = 0.2;
    /// The factor 0.5 at the end of `contact` in `convergenceAtRound` (`_simulator.js`;
    /// absent from the older `simulator.js`).
    pub const CONTACT_FACTOR: f64 = 0.5;
    /// Converged means at least this fraction: `maxConverge: 0.9999` in `SerfSimulator`
    /// (`_simulator.js`).
    pub const MAX_CONVERGE: f64 = 0.9999;
    /// The curve has at most this many points, x = 0..=99: the loop condition
    /// `round < 100` in `seriesData` (`_simulator.js`).
    pub const MAX_POINTS: u32 = 100;
    /// Bytes per gossip packet: `var packetSize = 1400` in `bytesUsed` (`_simulator.js`);
    /// memberlist's `UDPBufferSize` default is 1400 too.
    pub const PACKET_BYTES: f64 = 1400.0;
    /// The factor 2 in `return send * 2` in `bytesUsed` (`_simulator.js`). The source does
    /// not say why; presumably a node receives about as much as it sends.
    pub const SEND_RECEIVE_FACTOR: f64 = 2.0;

    /// Checks the inputs: nodes and fanout at least 1, loss and failed in 0..=1, and an
    /// interval of 1 ms to 1 h (Serf's page takes any positive interval; the bounds keep the
    /// bandwidth finite).
    pub fn validate(&self) -> Result<()> {
        check_range("nodes", self.nodes, 1, u32::MAX)?;
        check_range("fanout", self.fanout, 1, u32::MAX)?;
        check_range("interval", self.interval_s, 0.001, 3600.0)?;
        check_range("loss", self.loss, 0.0, 1.0)?;
        check_range("failed", self.failed, 0.0, 1.0)
    }

    /// contact = (fanout / N) · (1 − loss) · (1 − failed) · 0.5, in `convergenceAtRound`'s
    /// order of operations.
    pub fn contact(&self) -> f64 {
        (f64::from(self.fanout) / f64::from(self.nodes))
            * (1.0 - self.loss)
            * (1.0 - self.failed)
            * Self::CONTACT_FACTOR
    }

    /// Converged fraction after `x` gossip intervals: 1 / (1 + (N + 1) · e^(−contact · N · x)),
    /// computed as `convergenceAtRound` does (the infected count, then divided by N).
    pub fn converged(&self, x: f64) -> f64 {
        let n = f64::from(self.nodes);
        let infected = n / (1.0 + (n + 1.0) * (-self.contact() * n * x).exp());
        infected / n
    }

    /// The curve as `seriesData` computes it: converged(x) for x = 0, 1, …, up to and
    /// including the first x where it reaches [`Self::MAX_CONVERGE`], and never past
    /// x = [`Self::MAX_POINTS`] − 1. Point x is at x · interval seconds.
    pub fn curve(&self) -> Vec<f64> {
        let mut out = Vec::new();
        let mut last = 0.0;
        let mut x = 0;
        while last < Self::MAX_CONVERGE && x < Self::MAX_POINTS {
            last = self.converged(f64::from(x));
            out.push(last);
            x += 1;
        }
        out
    }

    /// Gossip intervals until converged: the last x of [`Self::curve`] if the curve reached
    /// [`Self::MAX_CONVERGE`], `None` if it stopped at x = 99 below it.
    pub fn rounds(&self) -> Option<u32> {
        (0..Self::MAX_POINTS).find(|&x| self.converged(f64::from(x)) >= Self::MAX_CONVERGE)
    }

    /// Seconds until converged: [`Self::rounds`] · interval, the page's time axis, rounded to
    /// the nanosecond so that 9 · 0.2 reads 1.8 and not 1.8000000000000003.
    pub fn converge_s(&self) -> Option<f64> {
        self.rounds()
            .map(|x| (f64::from(x) * self.interval_s * 1e9).round() / 1e9)
    }

    /// Estimated maximum bandwidth per node, bytes per second, as `bytesUsed` computes it:
    /// 1400 · fanout · (1 / interval) · 2.
    pub fn bytes_per_s(&self) -> f64 {
        let rounds_per_s = 1.0 / self.interval_s;
        Self::PACKET_BYTES * f64::from(self.fanout) * rounds_per_s * Self::SEND_RECEIVE_FACTOR
    }

    /// The same in kilobits per second per node as the page shows it (`draw`): bytes · 8 /
    /// 1024, rounded to one decimal.
    pub fn kbps_per_node(&self) -> f64 {
        (self.bytes_per_s() * 8.0 / 1024.0 * 10.0).round() / 10.0
    }
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

    /// Serf's defaults, N = 30, fanout 3, interval 0.2 s, no loss or failures, by hand:
    ///
    /// - contact = (3/30) · 1 · 1 · 0.5 = 0.05, so contact · N = 1.5;
    /// - converged(0) = 1/(1 + 31) = 1/32 = 0.03125;
    /// - converged(1) = 1/(1 + 31 · e^−1.5) = 1/(1 + 31 · 0.2231302) = 1/7.917035 = 0.1263099;
    /// - converged(x) ≥ 0.9999 ⇔ 31 · e^(−1.5x) ≤ 1/0.9999 − 1 = 1/9999 ⇔ 1.5x ≥ ln(31 · 9999)
    ///   = ln 309969 = 12.64423 ⇔ x ≥ 8.4295; so 9 intervals, 9 · 0.2 = 1.8 s;
    /// - converged(8) = 1/(1 + 31 · e^−12) = 1/(1 + 31 · 6.144212e−6) = 1/1.000190471
    ///   = 0.9998096 (below 99.99 %), converged(9) = 1/(1 + 31 · e^−13.5)
    ///   = 1/(1 + 31 · 1.370959e−6) = 1/1.0000425 = 0.9999575;
    /// - bandwidth 1400 · 3 · (1/0.2) · 2 = 42000 B/s; · 8 / 1024 = 328.125 kbps, shown 328.1.
    #[test]
    fn serf_defaults_by_hand() {
        let m = SerfModel::default();
        assert_eq!((m.nodes, m.fanout, m.interval_s), (30, 3, 0.2));
        assert!((m.contact() - 0.05).abs() < 1e-15);
        assert!((m.converged(0.0) - 0.03125).abs() < 1e-15);
        assert!((m.converged(1.0) - 0.126_309_9).abs() < 1e-7);
        assert!((m.converged(8.0) - 0.999_809_6).abs() < 1e-7);
        assert!((m.converged(9.0) - 0.999_957_5).abs() < 1e-7);
        assert_eq!(m.rounds(), Some(9));
        assert_eq!(m.converge_s(), Some(1.8));
        let c = m.curve();
        assert_eq!(c.len(), 10, "x = 0..=9");
        assert!(c[8] < SerfModel::MAX_CONVERGE && c[9] >= SerfModel::MAX_CONVERGE);
        assert_eq!(m.bytes_per_s(), 42000.0);
        assert_eq!(m.kbps_per_node(), 328.1);
    }

    /// Rounds x* = ⌈ln((N + 1) · 9999) / (contact · N)⌉, by hand, with contact · N =
    /// 0.5 · fanout · (1 − loss)(1 − failed):
    ///
    /// - N = 10:      ln(11 · 9999) = ln 109989 = 11.60814; / 1.5 = 7.739 → 8 (1.6 s);
    /// - N = 100:     ln(101 · 9999) = ln 1009899 = 13.82536; / 1.5 = 9.217 → 10 (2.0 s);
    /// - N = 1000:    ln(1001 · 9999) = ln 10008999 = 16.11899; / 1.5 = 10.746 → 11 (2.2 s);
    /// - N = 100 000: ln(100001 · 9999) = ln 999909999 = 20.72317; / 1.5 = 13.815 → 14 (2.8 s),
    ///   the figure behind Consul's 3 s `LeavePropagateDelay` (`hashicorp/consul
    ///   lib/serf/serf.go`, whose comment cites this simulator);
    /// - N = 30, fanout 4, interval 0.5 s: contact · N = 2; 12.64423 / 2 = 6.322 → 7 (3.5 s);
    ///   bandwidth 1400 · 4 · 2 · 2 = 22400 B/s = 175.0 kbps;
    /// - N = 30, loss 5 %: contact · N = 1.5 · 0.95 = 1.425; 12.64423 / 1.425 = 8.873 → 9;
    /// - N = 30, failed 10 %: contact · N = 1.5 · 0.9 = 1.35; 12.64423 / 1.35 = 9.366 → 10;
    /// - N = 30, loss 50 %, failed 50 %: 1.5 · 0.25 = 0.375; 12.64423 / 0.375 = 33.72 → 34
    ///   (6.8 s);
    /// - N = 30, fanout 1, loss 90 %: 0.5 · 0.1 = 0.05; 12.64423 / 0.05 = 252.9, past x = 99:
    ///   the curve stops at 100 points, not converged.
    #[test]
    fn serf_rounds_by_hand() {
        let m = |nodes, fanout, interval_s, loss, failed| SerfModel {
            nodes,
            fanout,
            interval_s,
            loss,
            failed,
        };
        for (model, rounds, secs) in [
            (m(10, 3, 0.2, 0.0, 0.0), 8, 1.6),
            (m(100, 3, 0.2, 0.0, 0.0), 10, 2.0),
            (m(1000, 3, 0.2, 0.0, 0.0), 11, 2.2),
            (m(100_000, 3, 0.2, 0.0, 0.0), 14, 2.8),
            (m(30, 4, 0.5, 0.0, 0.0), 7, 3.5),
            (m(30, 3, 0.2, 0.05, 0.0), 9, 1.8),
            (m(30, 3, 0.2, 0.0, 0.1), 10, 2.0),
            (m(30, 3, 0.2, 0.5, 0.5), 34, 6.8),
        ] {
            assert_eq!(model.rounds(), Some(rounds), "{model:?}");
            assert_eq!(model.converge_s(), Some(secs), "{model:?}");
            assert_eq!(model.curve().len(), rounds as usize + 1, "{model:?}");
        }
        assert_eq!(m(30, 4, 0.5, 0.0, 0.0).kbps_per_node(), 175.0);
        let slow = m(30, 1, 0.2, 0.9, 0.0);
        assert_eq!(slow.rounds(), None);
        assert_eq!(slow.converge_s(), None);
        let c = slow.curve();
        assert_eq!(c.len(), 100, "seriesData stops at round 99");
        assert!(c[99] < SerfModel::MAX_CONVERGE);
    }

    #[test]
    fn serf_inputs_are_checked() {
        assert!(SerfModel::default().validate().is_ok());
        let bad = [
            SerfModel {
                nodes: 0,
                ..SerfModel::default()
            },
            SerfModel {
                fanout: 0,
                ..SerfModel::default()
            },
            SerfModel {
                interval_s: 0.0,
                ..SerfModel::default()
            },
            SerfModel {
                loss: 1.5,
                ..SerfModel::default()
            },
            SerfModel {
                failed: f64::NAN,
                ..SerfModel::default()
            },
        ];
        for m in bad {
            assert!(m.validate().is_err(), "{m:?}");
        }
    }

    /// The markers: push with fanout 1 is Pittel's log₂N + ln N; more fanout and pulling
    /// are faster; the formulas name themselves.
    #[test]
    fn rounds_estimates_by_mode() {
        let n = 1000;
        assert!((rounds_estimate(Mode::Push, n, 1) - log2_plus_ln(n)).abs() < 1e-9);
        let push3 = rounds_estimate(Mode::Push, n, 3);
        assert!((push3 - (1000f64.ln() / 4f64.ln() + 1000f64.ln() / 3.0)).abs() < 1e-9);
        assert!(push3 < log2_plus_ln(n));
        assert!(rounds_estimate(Mode::PushPull, n, 1) < rounds_estimate(Mode::Pull, n, 1));
        assert_eq!(rounds_formula(Mode::Push, 1), "log₂N+lnN");
        assert_eq!(rounds_formula(Mode::Push, 3), "log₄N+lnN/3");
        assert_eq!(rounds_formula(Mode::Push, 9), "log₁₀N+lnN/9");
        assert_eq!(rounds_formula(Mode::PushPull, 1), "log₃N+O(log log N)");
    }
}
