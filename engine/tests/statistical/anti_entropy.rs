//! Anti-entropy against the mean-field recurrences and log2 N + ln N.

use super::*;

/// Informed count after rounds 0, 1, ... until everyone is informed (inclusive).
fn spread(mode: Mode, seed: u64) -> Vec<u32> {
    spread_of(config(N, 1, anti_entropy(mode)), seed)
}

/// [`spread`] for any anti-entropy configuration of N nodes.
fn spread_of(c: Config, seed: u64) -> Vec<u32> {
    let what = format!("{:?} seed {seed}", c.protocol);
    let mut sim = Simulation::new(c, seed).expect("valid");
    sim.set_recording(false);
    sim.apply(&inject(0, "")).expect("inject");
    let mut counts = vec![1];
    while *counts.last().expect("non-empty") < N {
        sim.step();
        counts.push(sim.counts(0).expect("m0").informed());
        assert!(counts.len() < 400, "{what}: anti-entropy must finish");
    }
    counts
}

/// Mean and standard error of pooled one-step residuals. They are uncorrelated with unequal
/// variances, so Var(mean) = Σ E[D²] / M², estimated by Σ D² / M².
fn pooled(residuals: &[f64]) -> (f64, f64) {
    let m = residuals.len() as f64;
    let mean = residuals.iter().sum::<f64>() / m;
    let se = residuals.iter().map(|d| d * d).sum::<f64>().sqrt() / m;
    (mean, se)
}

/// The anti-entropy sample of each mode, computed once for all the tests below.
fn ae_sample(mode: Mode) -> &'static [Vec<u32>] {
    static SAMPLES: [OnceLock<Vec<Vec<u32>>>; 3] =
        [OnceLock::new(), OnceLock::new(), OnceLock::new()];
    let (i, base) = match mode {
        Mode::Push => (0, 10_000),
        Mode::Pull => (1, 20_000),
        Mode::PushPull => (2, 30_000),
    };
    SAMPLES[i].get_or_init(|| (0..AE_TRIALS).map(|s| spread(mode, base + s)).collect())
}

/// Informed count of a trial at round r (N once it has finished).
fn at(trial: &[u32], r: usize) -> u32 {
    trial.get(r).copied().unwrap_or(N)
}

const AE_MODES: [Mode; 3] = [Mode::Push, Mode::Pull, Mode::PushPull];

#[test]
fn one_step_residuals_are_martingale_differences() {
    for mode in AE_MODES {
        let trials = ae_sample(mode);
        let f = |i: u32| theory::next_informed(mode, N, 1, f64::from(i));
        // Pooled over every round and trial.
        let residuals: Vec<f64> = trials
            .iter()
            .flat_map(|t| t.windows(2).map(|w| f64::from(w[1]) - f(w[0])))
            .collect();
        let (mean, se) = pooled(&residuals);
        let m = residuals.len();
        println!("{mode:?}: pooled residual {mean:+.4} nodes, SE {se:.4}, over {m} rounds");
        assert!(
            mean.abs() <= Z * se,
            "{mode:?}: mean one-step residual {mean:+.4} exceeds {Z} SE ({se:.4}): the engine's \
             round is not the process next_informed describes"
        );

        // Round by round, so that an error confined to a few rounds cannot hide in the pool.
        // When nearly all residuals of a round are zero (rare collisions) the sample SE is
        // unreliable; it is floored at one node per trial, 1/√T, the resolution of the data.
        let rounds = trials.iter().map(Vec::len).max().expect("trials");
        let floor = 1.0 / (trials.len() as f64).sqrt();
        for r in 0..rounds - 1 {
            let d: Vec<f64> = trials
                .iter()
                .map(|t| f64::from(at(t, r + 1)) - f(at(t, r)))
                .collect();
            let (mean, se) = mean_se(&d);
            assert!(
                mean.abs() <= Z * se.max(floor),
                "{mode:?} round {}: mean residual {mean:+.3} exceeds {Z} × max(SE {se:.3}, {floor:.3})",
                r + 1
            );
        }
    }
}

#[test]
fn next_informed_is_increasing_and_concave() {
    // The premise of the Jensen argument in the module docs, checked on the integers.
    for mode in AE_MODES {
        let f = |i: u32| theory::next_informed(mode, N, 1, f64::from(i));
        for i in 1..N {
            assert!(
                f(i + 1) >= f(i) - 1e-9,
                "{mode:?}: next_informed increases at {i}"
            );
            assert!(
                f(i + 1) - 2.0 * f(i) + f(i - 1) <= 1e-9,
                "{mode:?}: next_informed is concave at {i}"
            );
        }
    }
}

#[test]
fn mean_curve_against_the_mean_field_curve() {
    for mode in AE_MODES {
        let trials = ae_sample(mode);
        let rounds = trials.iter().map(Vec::len).max().expect("trials");
        let curve = theory::informed_curve(mode, N, 1, 1, rounds as u32);
        // Floor of the SE: one node per trial, as above, in fractions.
        let floor = 1.0 / (f64::from(N) * (trials.len() as f64).sqrt());
        let mut worst_gap: f64 = 0.0;
        let mut worst_z: f64 = 0.0;
        for (r, &theory) in curve.iter().enumerate() {
            let xs: Vec<f64> = trials
                .iter()
                .map(|t| f64::from(at(t, r)) / f64::from(N))
                .collect();
            let (mean, se) = mean_se(&xs);
            let se = se.max(floor);
            let gap = mean - theory;
            if gap.abs() > worst_gap.abs() {
                worst_gap = gap;
            }
            worst_z = worst_z.min(gap / se);
            assert!(
                gap <= Z * se,
                "{mode:?} round {r}: the mean {mean:.5} lies above the mean-field curve {theory:.5} \
                 by more than {Z} SE ({se:.5}), which Jensen's inequality excludes"
            );
            if mode == Mode::Push {
                assert!(
                    gap.abs() <= Z * se,
                    "push round {r}: the mean {mean:.5} is off the mean-field curve {theory:.5} by \
                     more than {Z} SE ({se:.5})"
                );
            }
        }
        println!(
            "{mode:?}: largest gap to the mean-field curve {worst_gap:+.5}, lowest z {worst_z:+.1}"
        );
        if mode != Mode::Push {
            assert!(
                worst_z < -Z,
                "{mode:?}: the Jensen gap of a branching early phase is expected to be visible \
                 (measured about −9 SE); lowest z {worst_z:.1}"
            );
        }
    }
}

#[test]
fn rounds_to_reach_everyone() {
    let stats = |mode: Mode| {
        let r: Vec<f64> = ae_sample(mode)
            .iter()
            .map(|t| (t.len() - 1) as f64)
            .collect();
        mean_se(&r)
    };
    let (push, push_se) = stats(Mode::Push);
    let (pull, pull_se) = stats(Mode::Pull);
    let (pp, pp_se) = stats(Mode::PushPull);
    let l = theory::log2_plus_ln(N);
    println!(
        "rounds to full: push {push:.3} ± {push_se:.3}, pull {pull:.3} ± {pull_se:.3}, \
         push-pull {pp:.3} ± {pp_se:.3}; log2 N + ln N = {l:.3}"
    );
    let c = 2.0;
    assert!(
        (push - l).abs() <= c,
        "push needs log2 N + ln N + O(1) rounds (Pittel 1987): mean {push:.3} is more than {c} \
         rounds from {l:.3}"
    );
    let below = |a: f64, a_se: f64, b: f64, b_se: f64| a + Z * a_se < b - Z * b_se;
    assert!(
        below(pull, pull_se, push, push_se),
        "pull ({pull:.2}) must be clearly faster than push ({push:.2}) at the end"
    );
    assert!(
        below(pp, pp_se, pull, pull_se),
        "push-pull ({pp:.2}) must be clearly faster than pull ({pull:.2})"
    );
}

/// Seconds until every node holds the message: anti-entropy push-pull, a round every
/// second (ticks of 100 ms), each leg taking `latency`.
fn seconds_to_full(latency: Latency, seed: u64) -> f64 {
    let time = RoundTime {
        tick_ms: 100,
        interval: 10,
        latency,
    };
    let c = Config {
        time: Some(time),
        ..config(N, 1, anti_entropy(Mode::PushPull))
    };
    let mut sim = Simulation::new(c, seed).expect("valid");
    sim.set_recording(false);
    sim.apply(&inject(0, "")).expect("inject");
    while sim.counts(0).expect("m0").informed() < N {
        assert!(
            sim.round() < 10_000,
            "seed {seed}: anti-entropy must finish"
        );
        sim.step();
    }
    sim.seconds(sim.round()).expect("a time model")
}

#[test]
fn a_latency_tail_past_the_interval_slows_the_spread() {
    // With exponential legs of mean 300 ms, an incremental push-pull conversation lands its
    // values after two legs (to the initiator) or three (to the peer). A sum above 900 ms
    // lands after the next round has started (10 ticks later): P = e^-3 (1 + 3) = 0.20 for
    // two legs, e^-3 (1 + 3 + 4.5) = 0.42 for three. That news misses a round. With legs of 1 ms every update lands within the
    // round. The slowdown must exceed Z standard errors of the difference of the means.
    let lan = Latency::LAN;
    let wan = Latency {
        dist: LatencyDist::Exponential,
        mean_ms: 300.0,
    };
    let fast: Vec<f64> = (0..200).map(|s| seconds_to_full(lan, 40_000 + s)).collect();
    let slow: Vec<f64> = (0..200).map(|s| seconds_to_full(wan, 40_000 + s)).collect();
    let ((mf, sf), (ms, ss)) = (mean_se(&fast), mean_se(&slow));
    let se = (sf * sf + ss * ss).sqrt();
    println!(
        "push-pull to full: {mf:.2} ± {sf:.2} s with 1 ms legs, {ms:.2} ± {ss:.2} s with exponential 300 ms legs"
    );
    assert!(
        ms - mf > Z * se,
        "latency with a tail past the interval must slow the spread: {ms:.2} vs {mf:.2} s (SE {se:.3})"
    );
}

/// Informed counts per round, as [`spread`], with each leg lost with probability `loss`.
fn lossy_spread(mode: Mode, sync: gossip_engine::Sync, loss: f64, seed: u64) -> Vec<u32> {
    let c = Config {
        loss,
        ..config(N, 1, gossip_engine::Protocol::AntiEntropy { mode, sync })
    };
    spread_of(c, seed)
}

#[test]
fn under_loss_the_one_step_residuals_are_still_martingale_differences() {
    // `next_informed_through` counts the legs an update needs (three for an incremental
    // push, two for a pull's answer, one for a full push): with 20% loss per leg the engine's
    // round must still be the process it describes, as in the lossless test above.
    use gossip_engine::Sync;
    for (mode, sync) in [
        (Mode::Push, Sync::Incremental),
        (Mode::Pull, Sync::Incremental),
        (Mode::PushPull, Sync::Incremental),
        (Mode::Push, Sync::Full),
        (Mode::PushPull, Sync::Full),
    ] {
        let q = theory::through(sync, 0.2);
        let f = |i: u32| theory::next_informed_through(mode, N, 1, f64::from(i), q);
        let residuals: Vec<f64> = (0..150)
            .flat_map(|s| {
                let t = lossy_spread(mode, sync, 0.2, 50_000 + s);
                t.windows(2)
                    .map(|w| f64::from(w[1]) - f(w[0]))
                    .collect::<Vec<_>>()
            })
            .collect();
        let (mean, se) = pooled(&residuals);
        println!("{mode:?}/{sync:?}, 20% loss: pooled residual {mean:+.4} nodes, SE {se:.4}");
        assert!(
            mean.abs() <= Z * se,
            "{mode:?}/{sync:?}: mean one-step residual {mean:+.4} exceeds {Z} SE ({se:.4})"
        );
        // And the loss is really in the formula: the lossless recurrence is off.
        let lossless: f64 = (0..40)
            .flat_map(|s| {
                let t = lossy_spread(mode, sync, 0.2, 50_000 + s);
                t.windows(2)
                    .map(|w| f64::from(w[1]) - theory::next_informed(mode, N, 1, f64::from(w[0])))
                    .collect::<Vec<_>>()
            })
            .sum();
        assert!(
            lossless < 0.0,
            "{mode:?}/{sync:?}: ignoring loss overestimates the spread"
        );
    }
}
