//! Helpers shared by the integration tests: configuration builders, a full fingerprint of a
//! simulation's state, and graph connectivity.

#![allow(dead_code)]

use gossip_engine::{
    Command, Config, Decay, Feedback, Mode, Protocol, Removal, Simulation, Sync, Topology,
    TopologyConfig,
};

/// A configuration on the complete graph without loss.
pub fn config(nodes: u32, fanout: u32, protocol: Protocol) -> Config {
    Config {
        nodes,
        fanout,
        loss: 0.0,
        protocol,
        topology: TopologyConfig::Complete,
        time: None,
    }
}

/// Anti-entropy with incremental sync.
pub fn anti_entropy(mode: Mode) -> Protocol {
    Protocol::AntiEntropy {
        mode,
        sync: Sync::Incremental,
    }
}

/// Pure rumor mongering.
pub fn rumor(mode: Mode, feedback: Feedback, decay: Decay, k: u32) -> Protocol {
    Protocol::Rumor {
        mode,
        removal: Removal { feedback, decay, k },
        repair_every: None,
    }
}

/// Every mode.
pub const MODES: [Mode; 3] = [Mode::Push, Mode::Pull, Mode::PushPull];

/// Every loss-of-interest rule (both axes).
pub const REMOVALS: [(Feedback, Decay); 4] = [
    (Feedback::Feedback, Decay::Coin),
    (Feedback::Feedback, Decay::Counter),
    (Feedback::Blind, Decay::Coin),
    (Feedback::Blind, Decay::Counter),
];

/// A new message injected at `node`.
pub fn inject(node: u32, content: &str) -> Command {
    Command::Inject {
        node,
        id: None,
        content: content.to_string(),
    }
}

/// Builds a simulation and injects one message at node 0; returns it and the message id.
pub fn start(config: Config, seed: u64) -> (Simulation, u32) {
    let mut sim = Simulation::new(config, seed).expect("the test configuration is valid");
    let id = sim
        .apply(&inject(0, "hello"))
        .expect("injecting at a live node succeeds")
        .expect("an injection returns its id");
    (sim, id)
}

/// Steps until `done` holds or `max` rounds have run; returns whether `done` held.
pub fn run_until(
    sim: &mut Simulation,
    max: u32,
    mut done: impl FnMut(&Simulation) -> bool,
) -> bool {
    for _ in 0..max {
        if done(sim) {
            return true;
        }
        sim.step();
    }
    done(sim)
}

/// Everything observable about a simulation between rounds, as one comparable string: the
/// round, the alive flags, the loss, the partition, every node's full message table, the
/// per-message counts and bookkeeping, the traffic totals, and the membership tables.
pub fn fingerprint(sim: &Simulation) -> String {
    let mut s = format!(
        "round {} nodes {} alive {:?} loss {:?} partition {:?} traffic {:?}\n",
        sim.round(),
        sim.nodes(),
        sim.alive(),
        sim.loss().to_bits(),
        sim.partition(),
        sim.total_traffic()
    );
    for id in sim.message_ids() {
        let m = sim.message(id).expect("listed ids exist");
        s += &format!(
            "m{id} counts {:?} versions {:?} latest {} converged {:?} extinct {:?}\n",
            sim.counts(id),
            m.versions,
            m.latest,
            m.converged_at,
            m.extinct_at
        );
    }
    for node in 0..sim.nodes() {
        s += &format!("n{node} {:?}\n", sim.table(node));
    }
    if let Some(ms) = sim.membership() {
        s += &format!("membership {ms:?}\n");
    }
    s
}

/// Nodes reachable from `from` in the topology (breadth-first search).
pub fn reachable(t: &Topology, from: u32) -> Vec<bool> {
    let mut seen = vec![false; t.len() as usize];
    let mut queue = vec![from];
    seen[from as usize] = true;
    while let Some(a) = queue.pop() {
        for i in 0..t.degree(a) {
            let b = t.neighbour(a, i);
            if !seen[b as usize] {
                seen[b as usize] = true;
                queue.push(b);
            }
        }
    }
    seen
}

/// Whether the topology is connected.
pub fn connected(t: &Topology) -> bool {
    reachable(t, 0).iter().all(|&r| r)
}
