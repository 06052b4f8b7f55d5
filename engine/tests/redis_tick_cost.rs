//! Where the data-store page's per-tick budget goes with the Redis Cluster bus at N = 1,000
//! (or `GP_N`, seed `GP_SEED`): packets and wall time of every tick of the first three
//! simulated minutes, natively, by 15 s windows. A measurement, not a check; it reads the
//! clock, so it lives here, outside the deterministic engine:
//!
//! `cargo test --release -p gossip-engine --test redis_tick_cost -- --ignored --nocapture`
//!
//! The totals (packets, bytes) fingerprint the run, so that a change meant only to be faster
//! can be checked to change nothing.

use gossip_engine::redis::{RedisConfig, RedisPreset, RedisSimulation};

#[test]
#[ignore = "a measurement, not a check"]
fn tick_cost() {
    let var =
        |name: &str, default: u64| std::env::var(name).map_or(default, |v| v.parse().expect(name));
    let n = var("GP_N", 1000) as u32;
    let config = RedisConfig::preset(RedisPreset::RedisCluster, n);
    let mut s = RedisSimulation::new(config, var("GP_SEED", 1)).expect("valid");
    let (mut sent, mut micros) = (Vec::new(), Vec::new());
    for _ in 0..1800 {
        let (messages, t) = (s.metrics().messages, std::time::Instant::now());
        s.step();
        micros.push(t.elapsed().as_micros() as u64);
        sent.push(s.metrics().messages - messages);
    }
    println!(
        "N = {n}: {} packets, {} bytes in 180 s; by 15 s windows, packets a tick and ms a tick:",
        s.metrics().messages,
        s.metrics().bytes
    );
    let q = |v: &[u64], p: f64| {
        let mut v = v.to_vec();
        v.sort_unstable();
        v[((v.len() - 1) as f64 * p) as usize]
    };
    for (w, (packets, us)) in sent.chunks(150).zip(micros.chunks(150)).enumerate() {
        println!(
            "  {:>3}-{:>3} s: packets p50 {:>6} p95 {:>6} max {:>7}; ms p50 {:>5.1} p95 {:>5.1} max {:>6.1}",
            w * 15,
            w * 15 + 15,
            q(packets, 0.5),
            q(packets, 0.95),
            q(packets, 1.0),
            q(us, 0.5) as f64 / 1e3,
            q(us, 0.95) as f64 / 1e3,
            q(us, 1.0) as f64 / 1e3
        );
    }
}
