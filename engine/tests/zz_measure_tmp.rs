//! Throwaway measurement (deleted before hand-off).
use gossip_engine::*;

fn rumor(n: u32, k: u32, decay: Decay, feedback: Feedback, seed: u64) -> (f64, f64, u32) {
    let cfg = Config {
        nodes: n,
        fanout: 1,
        loss: 0.0,
        protocol: Protocol::Rumor {
            mode: Mode::Push,
            removal: Removal { feedback, decay, k },
            repair_every: None,
        },
        topology: TopologyConfig::Complete,
    };
    let mut sim = Simulation::new(cfg, seed).unwrap();
    sim.set_recording(false);
    sim.apply(&Command::Inject { node: 0, id: None, content: String::new() }).unwrap();
    while sim.counts(0).unwrap().fresh > 0 {
        sim.step();
    }
    let o = outcome(&sim, 0).unwrap();
    (o.residue, o.traffic, o.rounds)
}

#[test]
fn measure_residue() {
    let trials: u64 = std::env::var("TRIALS").ok().and_then(|s| s.parse().ok()).unwrap_or(200);
    for &n in &[1000u32, 4000] {
        for &(fb, dc) in &[(Feedback::Feedback, Decay::Coin), (Feedback::Feedback, Decay::Counter), (Feedback::Blind, Decay::Coin), (Feedback::Blind, Decay::Counter)] {
            for k in 1..=3 {
                let t0 = std::time::Instant::now();
                let xs: Vec<(f64, f64, u32)> = (0..trials).map(|s| rumor(n, k, dc, fb, 1000 + s)).collect();
                let r: Vec<f64> = xs.iter().map(|x| x.0).collect();
                let tr: Vec<f64> = xs.iter().map(|x| x.1).collect();
                let em: Vec<f64> = xs.iter().map(|x| x.0 - (-x.1).exp()).collect();
                let es = metrics::Summary::of(&em).unwrap();
                println!("   s - e^-m: mean {:+.5} se {:.5}", es.mean, es.sd / (trials as f64).sqrt());
                let rs = metrics::Summary::of(&r).unwrap();
                let ts = metrics::Summary::of(&tr).unwrap();
                println!(
                    "N={n} {fb:?}/{dc:?} k={k}: residue mean {:.5} sd {:.5} se {:.5} (theory {:.5}, gap {:+.5} = {:+.1} se) traffic {:.3} min {:.4} max {:.4} [{:?}]",
                    rs.mean, rs.sd, rs.sd / (trials as f64).sqrt(), theory::residue(k), rs.mean - theory::residue(k),
                    (rs.mean - theory::residue(k)) / (rs.sd / (trials as f64).sqrt()), ts.mean, rs.min, rs.max, t0.elapsed()
                );
            }
        }
    }
}

fn ae(n: u32, mode: Mode, seed: u64) -> Vec<u32> {
    let cfg = Config {
        nodes: n,
        fanout: 1,
        loss: 0.0,
        protocol: Protocol::AntiEntropy { mode, sync: Sync::Incremental },
        topology: TopologyConfig::Complete,
    };
    let mut sim = Simulation::new(cfg, seed).unwrap();
    sim.set_recording(false);
    sim.apply(&Command::Inject { node: 0, id: None, content: String::new() }).unwrap();
    let mut v = vec![1];
    while sim.counts(0).unwrap().informed() < n {
        sim.step();
        v.push(sim.counts(0).unwrap().informed());
    }
    v
}

#[test]
fn measure_ae() {
    let trials: u64 = std::env::var("TRIALS").ok().and_then(|s| s.parse().ok()).unwrap_or(200);
    let n = 1000;
    for mode in [Mode::Push, Mode::Pull, Mode::PushPull] {
        let t0 = std::time::Instant::now();
        let runs: Vec<Vec<u32>> = (0..trials).map(|s| ae(n, mode, 5000 + s)).collect();
        let r2f: Vec<f64> = runs.iter().map(|v| (v.len() - 1) as f64).collect();
        let s = metrics::Summary::of(&r2f).unwrap();
        println!("{mode:?}: rounds-to-full mean {:.3} sd {:.3} se {:.3} min {} max {} (log2+ln {:.3}, mean-field {}) [{:?}]",
            s.mean, s.sd, s.sd / (trials as f64).sqrt(), s.min, s.max, theory::log2_plus_ln(n), theory::rounds_to_full(mode, n, 1), t0.elapsed());
        // residuals
        let mut d = Vec::new();
        for v in &runs {
            for w in v.windows(2) {
                d.push(f64::from(w[1]) - theory::next_informed(mode, n, 1, f64::from(w[0])));
            }
        }
        let m = d.iter().sum::<f64>() / d.len() as f64;
        let se = d.iter().map(|x| x * x).sum::<f64>().sqrt() / d.len() as f64;
        println!("  residual mean {m:.4} se {se:.4} z {:.2} count {}", m / se, d.len());
        let maxr = r2f.iter().cloned().fold(0.0, f64::max) as usize;
        let curve = theory::informed_curve(mode, n, 1, 1, maxr as u32 + 2);
        for r in 0..=maxr + 1 {
            let xs: Vec<f64> = runs.iter().map(|v| f64::from(*v.get(r).unwrap_or(&n)) / f64::from(n)).collect();
            let s = metrics::Summary::of(&xs).unwrap();
            let se = s.sd / (trials as f64).sqrt();
            println!("  r={r:2} mean {:.5} se {:.5} theory {:.5} gap {:+.5} ({:+.1} se)", s.mean, se, curve[r], s.mean - curve[r], if se > 0.0 { (s.mean - curve[r]) / se } else { 0.0 });
        }
    }
}

#[test]
fn measure_membership() {
    for &(n, f, tf, tc) in &[(30u32, 1u32, 10u32, 20u32), (30, 2, 10, 20), (30, 1, 6, 12), (50, 1, 12, 24), (30,1,10,12)] {
        let mut worst_fail = 0;
        let mut worst_forget = 0;
        let mut false_fail = 0;
        let mut resurrect = 0;
        for seed in 0..40u64 {
            let cfg = Config { nodes: n, fanout: f, loss: 0.0, protocol: Protocol::Membership { t_fail: tf, t_cleanup: tc }, topology: TopologyConfig::Complete };
            let mut sim = Simulation::new(cfg, seed).unwrap();
            for _ in 0..40 {
                sim.step();
                for s in 0..n { for (o, b) in sim.beliefs(s).iter().enumerate() { if *b != Belief::Alive { false_fail += 1; let _ = o; } } }
            }
            let k0 = sim.round();
            sim.apply(&Command::Kill { node: 4 }).unwrap();
            let mut failed_at = vec![None; n as usize];
            let mut forgot_at = vec![None; n as usize];
            for _ in 0..(tc * 4) {
                sim.step();
                let bs = sim.beliefs(4);
                for o in 0..n as usize {
                    if o == 4 { continue; }
                    if bs[o] == Belief::Failed && failed_at[o].is_none() { failed_at[o] = Some(sim.round() - k0); }
                    if bs[o] == Belief::Forgotten && forgot_at[o].is_none() { forgot_at[o] = Some(sim.round() - k0); }
                    if forgot_at[o].is_some() && bs[o] != Belief::Forgotten { resurrect += 1; }
                }
                for s in 0..n { if s == 4 {continue;} for (o, b) in sim.beliefs(s).iter().enumerate() { if o != 4 && *b != Belief::Alive { false_fail += 1; } } }
            }
            worst_fail = worst_fail.max(failed_at.iter().enumerate().filter(|(o, _)| *o != 4).map(|(_, x)| x.unwrap_or(999)).max().unwrap());
            worst_forget = worst_forget.max(forgot_at.iter().enumerate().filter(|(o, _)| *o != 4).map(|(_, x)| x.unwrap_or(999)).max().unwrap());
        }
        println!("n={n} f={f} t_fail={tf} t_cleanup={tc}: worst fail delay {worst_fail}, worst forget {worst_forget}, false {false_fail}, resurrect {resurrect}");
    }
}

#[test]
fn measure_rumor_modes() {
    for mode in [Mode::Push, Mode::Pull, Mode::PushPull] {
        for &(fb, dc) in &[(Feedback::Feedback, Decay::Coin), (Feedback::Feedback, Decay::Counter), (Feedback::Blind, Decay::Coin), (Feedback::Blind, Decay::Counter)] {
            for k in 1..=3 {
                let mut res = vec![];
                let mut rounds = vec![];
                for seed in 0..50u64 {
                    let cfg = Config { nodes: 200, fanout: 1, loss: 0.0, protocol: Protocol::Rumor { mode, removal: Removal { feedback: fb, decay: dc, k }, repair_every: None }, topology: TopologyConfig::Complete };
                    let mut sim = Simulation::new(cfg, seed).unwrap();
                    sim.apply(&Command::Inject { node: 0, id: None, content: String::new() }).unwrap();
                    let mut r = 0;
                    while sim.counts(0).unwrap().fresh > 0 && r < 1000 { sim.step(); r += 1; }
                    res.push(outcome(&sim, 0).unwrap().residue);
                    rounds.push(r as f64);
                }
                let s = metrics::Summary::of(&res).unwrap();
                let rr = metrics::Summary::of(&rounds).unwrap();
                println!("{mode:?} {fb:?}/{dc:?} k={k}: residue mean {:.4} min {:.4} max {:.4}; rounds mean {:.1} max {}", s.mean, s.min, s.max, rr.mean, rr.max);
            }
        }
    }
}

#[test]
fn float_json() {
    let x: f64 = 0.16279700841820657;
    let s = serde_json::to_string(&x).unwrap();
    let y: f64 = serde_json::from_str(&s).unwrap();
    let z: f64 = s.parse().unwrap();
    println!("x {x:?} bits {:x} json {s} parsed-serde {y:?} bits {:x} parsed-std {z:?} bits {:x}", x.to_bits(), y.to_bits(), z.to_bits());
    let mut bad = 0;
    let mut st = gossip_engine::rng::Stream::from_seed(1);
    for _ in 0..100000 { let x = st.unit(); let s = serde_json::to_string(&x).unwrap(); let y: f64 = serde_json::from_str(&s).unwrap(); if x != y { bad += 1; } }
    println!("mismatches in 100000 uniform draws: {bad}");
}
