//! The benchmarks' clusters, shared with the wasm-against-native measurement
//! (`tests/wasm_speed.rs`), so both time exactly the same round.

use gossip_engine::rng::splitmix64;
use gossip_engine::{Command, Config, Mode, Protocol, Simulation, Sync, TopologyConfig};

/// The seed of every benchmark.
pub const SEED: u64 = 2024;

/// Anti-entropy, push, fanout 3, incremental sync, on the complete graph.
pub fn anti_entropy(nodes: u32) -> Config {
    Config {
        nodes,
        fanout: 3,
        loss: 0.0,
        protocol: Protocol::AntiEntropy {
            mode: Mode::Push,
            sync: Sync::Incremental,
        },
        topology: TopologyConfig::Complete,
        time: None,
    }
}

/// A new message at `node`.
pub fn inject(node: u32) -> Command {
    Command::Inject {
        node,
        id: None,
        content: "benchmark".into(),
    }
}

/// A cluster of `nodes` in which exactly a pseudo-random half holds message 0 (see
/// `engine.rs`'s module docs), recording off, at the round after the spread.
pub fn half_informed(nodes: u32) -> Simulation {
    let mut sim = Simulation::new(anti_entropy(nodes), SEED).expect("valid config");
    sim.set_recording(false);
    let half: Vec<u32> = (0..nodes)
        .filter(|&i| i == 0 || splitmix64(u64::from(i)) & 1 == 0)
        .collect();
    let size = half.len() as u32;
    sim.apply(&Command::Partition { groups: vec![half] })
        .expect("valid partition");
    sim.apply(&inject(0)).expect("node 0 is alive");
    while sim.counts(0).expect("message 0").informed() < size {
        sim.step();
    }
    sim.apply(&Command::Heal).expect("heal");
    sim
}
