//! Statistics over seeded runs, with tolerances from their spread.

use gossip_engine::swim::{Lifeguard, SwimCommand};

use crate::common::{lan, run, sim};

/// Time from a crash to the first suspicion, in protocol periods. memberlist probes in a
/// shuffled round robin with staggered phases, and a failed probe raises the suspicion one
/// period after its ping; so with L = N − 1 probers, each reaching the crashed member at a
/// uniform time in [0, L) periods, the expectation is 1 + L/(L + 1) periods (research note
/// §3.6). The SWIM paper's e/(e − 1) ≈ 1.582 assumes aligned periods and random targets; it
/// is printed beside it, not asserted.
#[test]
fn first_suspicion_of_a_crash_takes_about_two_periods() {
    let n = 100;
    let samples: Vec<f64> = (0..120u64)
        .map(|seed| {
            let mut s = sim(lan(n), seed);
            run(&mut s, 12.0, &[(3.0, SwimCommand::Kill { node: 7 })]);
            let d = s.metrics().detections[&7];
            f64::from(d.first_suspect.expect("suspected within 9 s")) / 10.0
        })
        .collect();
    let k = samples.len() as f64;
    let mean = samples.iter().sum::<f64>() / k;
    let sd = (samples.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (k - 1.0)).sqrt();
    let l = f64::from(n - 1);
    let expected = 1.0 + l / (l + 1.0);
    // Four standard errors, plus one tick (0.1 period) of rounding to whole ticks.
    let tol = 4.0 * sd / k.sqrt() + 0.1;
    eprintln!(
        "first suspicion: {mean:.3} periods (sd {sd:.3}); expected {expected:.3}; SWIM paper e/(e-1) = {:.3}",
        std::f64::consts::E / (std::f64::consts::E - 1.0)
    );
    assert!(
        (mean - expected).abs() < tol,
        "{mean} vs {expected} ± {tol}"
    );
}

/// False deaths under 20% loss, without and with Lifeguard, over the same seeds.
#[test]
fn lifeguard_lowers_false_positives_under_loss() {
    let count = |lifeguard: Lifeguard| -> Vec<f64> {
        (0..16u64)
            .map(|seed| {
                let mut c = lan(40);
                c.loss = 0.2;
                c.lifeguard = lifeguard;
                let mut s = sim(c, seed);
                run(&mut s, 60.0, &[]);
                f64::from(s.metrics().false_positives)
            })
            .collect()
    };
    let (off, on) = (count(Lifeguard::OFF), count(Lifeguard::ON));
    let diffs: Vec<f64> = off.iter().zip(&on).map(|(a, b)| a - b).collect();
    let k = diffs.len() as f64;
    let mean = diffs.iter().sum::<f64>() / k;
    let sd = (diffs.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (k - 1.0)).sqrt();
    eprintln!("false deaths per minute: off {off:?}, on {on:?}");
    // Paired difference more than two standard errors above zero.
    assert!(
        mean > 2.0 * sd / k.sqrt(),
        "mean paired difference {mean}, sd {sd}"
    );
}
