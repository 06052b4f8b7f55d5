//! Regressions of defects found by these tests.

use super::*;

#[test]
fn lost_legs_are_never_useful() {
    // `Contact::useful` means the leg taught the receiver something; a lost leg taught nothing.
    // Traffic counters already agree (they count useful only when delivered); the reports the
    // UI animates do not.
    for sync in [Sync::Incremental, Sync::Full] {
        let cfg = Config {
            loss: 0.5,
            ..config(
                40,
                2,
                Protocol::AntiEntropy {
                    mode: Mode::PushPull,
                    sync,
                },
            )
        };
        let (mut sim, _) = start(cfg, 3);
        for _ in 0..20 {
            let r = sim.step();
            for c in &r.contacts {
                assert!(
                    c.delivered || !c.useful,
                    "{sync:?} round {}: lost leg {c:?} is reported useful",
                    r.round
                );
            }
        }
    }
}
