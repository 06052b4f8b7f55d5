//! Helpers shared by the SWIM tests.

use gossip_engine::swim::{Preset, SwimCommand, SwimConfig, SwimSimulation};

/// The Consul LAN preset at `nodes` members.
pub fn lan(nodes: u32) -> SwimConfig {
    SwimConfig::preset(Preset::ConsulLan, nodes)
}

/// A run of `config` with `seed`, recording off.
pub fn sim(config: SwimConfig, seed: u64) -> SwimSimulation {
    let mut s = SwimSimulation::new(config, seed).expect("a valid config");
    s.set_recording(false);
    s
}

/// Steps until `seconds` of simulated time have passed, applying each command at its second.
pub fn run(s: &mut SwimSimulation, seconds: f64, actions: &[(f64, SwimCommand)]) {
    let ticks = s.config().ticks();
    let end = ticks.at(seconds);
    let mut todo: Vec<(u32, &SwimCommand)> =
        actions.iter().map(|(at, c)| (ticks.at(*at), c)).collect();
    todo.sort_by_key(|&(t, _)| t);
    let mut next = 0;
    while s.tick() < end {
        while next < todo.len() && todo[next].0 <= s.tick() {
            s.apply(todo[next].1).expect("a valid command");
            next += 1;
        }
        s.step();
    }
}
