//! Rumor mongering and the hybrid: residues, and the repair that removes them.

use super::*;

#[test]
fn rumor_variants_die_out_with_a_residue() {
    for mode in MODES {
        for (feedback, decay) in REMOVALS {
            for k in [1, 2] {
                let mut residues = Vec::new();
                for seed in 0..10 {
                    let (mut sim, id) =
                        start(config(200, 1, rumor(mode, feedback, decay, k)), seed);
                    // Measured over 50 seeds: every variant dies within 55 rounds at N = 200.
                    assert!(
                        run_until(&mut sim, 300, extinct),
                        "{mode:?} {feedback:?}/{decay:?} k={k} seed {seed}: the rumor must die out"
                    );
                    let m = sim.message(id).expect("m0");
                    assert_eq!(
                        m.extinct_at,
                        Some(sim.round()),
                        "{mode:?} {feedback:?}/{decay:?} k={k}: extinction is marked the round it happens"
                    );
                    let o = outcome(&sim, id).expect("m0");
                    assert!(
                        o.residue < 1.0 - 1.0 / 200.0,
                        "{mode:?} {feedback:?}/{decay:?} k={k}: the first contact of the origin is \
                         always useful, so at least two nodes know"
                    );
                    assert_eq!(
                        o.converged,
                        o.residue == 0.0,
                        "{mode:?} {feedback:?}/{decay:?} k={k}: converged exactly when nobody is left"
                    );
                    if !o.converged {
                        assert_eq!(
                            o.rounds,
                            sim.round(),
                            "without convergence, rounds = extinction"
                        );
                    }
                    // Once no node is fresh nothing can change any table.
                    let tables: Vec<_> = (0..200).map(|n| sim.table(n)).collect();
                    for _ in 0..5 {
                        sim.step();
                    }
                    let after: Vec<_> = (0..200).map(|n| sim.table(n)).collect();
                    assert_eq!(
                        tables, after,
                        "{mode:?} {feedback:?}/{decay:?} k={k}: an extinct rumor stays extinct"
                    );
                    residues.push(o.residue);
                }
                if k == 1 {
                    let mean = residues.iter().sum::<f64>() / residues.len() as f64;
                    assert!(
                        mean > 0.0,
                        "{mode:?} {feedback:?}/{decay:?} k=1: loss of interest leaves a residue \
                         (measured means 0.01..0.9 over 50 seeds)"
                    );
                }
            }
        }
    }
}

#[test]
fn hybrid_repairs_the_residue_to_zero() {
    let pure = rumor(Mode::Push, Feedback::Feedback, Decay::Coin, 1);
    let (mut sim, id) = start(config(200, 1, pure.clone()), 3);
    assert!(run_until(&mut sim, 300, extinct), "pure rumor dies out");
    let residue = outcome(&sim, id).expect("m0").residue;
    assert!(
        residue > 0.05,
        "pure push feedback-coin k=1 leaves about 17% unaware (got {residue})"
    );

    let Protocol::Rumor { mode, removal, .. } = pure else {
        unreachable!()
    };
    let hybrid = Protocol::Rumor {
        mode,
        removal,
        repair_every: Some(4),
    };
    assert_eq!(
        hybrid.kind().as_str(),
        "hybrid",
        "a repair period makes it the hybrid"
    );
    let (mut sim, id) = start(config(200, 1, hybrid), 3);
    // After the rumor dies, each repair round is a push-pull anti-entropy round; push-pull
    // needs about log3 N + O(log log N) ≈ 8 rounds, i.e. ~8 repair rounds = 32 rounds.
    assert!(
        run_until(&mut sim, 400, converged),
        "the hybrid's anti-entropy must repair the residue"
    );
    let o = outcome(&sim, id).expect("m0");
    assert_eq!(o.residue, 0.0, "the hybrid leaves no residue");
    assert!(o.converged, "the hybrid converges");
    assert_everyone_holds(&sim, 1, 0, "hello", "hybrid");
}
