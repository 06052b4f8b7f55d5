//! Anti-entropy: every node reached on each connected topology, and no further.

use super::*;

#[test]
fn anti_entropy_reaches_every_node_on_the_complete_graph() {
    for mode in MODES {
        for sync in [Sync::Incremental, Sync::Full] {
            for seed in [1, 2, 3] {
                let protocol = Protocol::AntiEntropy { mode, sync };
                let (mut sim, id) = start(config(100, 1, protocol), seed);
                // Push needs log2 N + ln N ≈ 11.2 rounds on average for N = 100, with a tail of a
                // few rounds; 60 rounds is far beyond any seed's tail.
                assert!(
                    run_until(&mut sim, 60, converged),
                    "{mode:?}/{sync:?} seed {seed}: anti-entropy must reach all 100 nodes in 60 rounds"
                );
                let o = outcome(&sim, id).expect("m0 exists");
                assert!(o.converged, "{mode:?}/{sync:?}: the outcome says converged");
                assert_eq!(
                    o.residue, 0.0,
                    "{mode:?}/{sync:?}: no residue once converged"
                );
                assert_eq!(
                    Some(o.rounds),
                    sim.message(id).and_then(|m| m.converged_at),
                    "{mode:?}/{sync:?}: injected before round 1, so rounds = convergence round"
                );
                assert_everyone_holds(&sim, 1, 0, "hello", "anti-entropy");
                let c = sim.counts(id).expect("counts");
                assert_eq!(
                    (c.fresh, c.stale),
                    (100, 0),
                    "{mode:?}/{sync:?}: anti-entropy never loses interest, holders stay fresh"
                );
            }
        }
    }
}

#[test]
fn anti_entropy_reaches_every_node_of_each_connected_topology() {
    let topologies = [
        TopologyConfig::Ring { k: 2 },
        TopologyConfig::Grid,
        TopologyConfig::RandomRegular { degree: 4 },
        TopologyConfig::ErdosRenyi { p: 0.15 },
        TopologyConfig::WattsStrogatz { k: 2, beta: 0.2 },
        TopologyConfig::BarabasiAlbert { m: 2 },
        TopologyConfig::Hierarchical { group_size: 8 },
    ];
    for topology in topologies {
        for mode in MODES {
            let cfg = Config {
                topology: topology.clone(),
                ..config(64, 1, anti_entropy(mode))
            };
            let (mut sim, id) = start(cfg, 11);
            assert!(
                connected(sim.topology()),
                "{topology:?}: these parameters and seed give a connected graph, so the test applies"
            );
            // The slowest case is pull on the ring lattice (diameter 16): each round the
            // frontier advances only if a frontier node picks an informed neighbour (about 1 in 4
            // rounds per side). 400 rounds is a very wide tail for every graph here.
            assert!(
                run_until(&mut sim, 400, converged),
                "{topology:?}/{mode:?}: anti-entropy must reach every node of a connected graph"
            );
            assert!(
                outcome(&sim, id).expect("m0").converged,
                "{topology:?}/{mode:?}: the outcome agrees"
            );
        }
    }
}

#[test]
fn anti_entropy_stays_inside_the_component_of_a_disconnected_graph() {
    let cfg = Config {
        topology: TopologyConfig::ErdosRenyi { p: 0.03 },
        ..config(64, 1, anti_entropy(Mode::PushPull))
    };
    // G(64, 0.03) has mean degree 1.9: usually disconnected with a giant component. Take the
    // first seed where node 0 is in a component of several nodes but not all.
    let (mut sim, id) = (0..100)
        .map(|seed| start(cfg.clone(), seed))
        .find(|(sim, _)| {
            let size = reachable(sim.topology(), 0).iter().filter(|&&r| r).count();
            !connected(sim.topology()) && size > 10
        })
        .expect("some seed below 100 gives a disconnected G(64, 0.03) with a large component at 0");
    let reach = reachable(sim.topology(), 0);
    for _ in 0..300 {
        sim.step();
    }
    for node in 0..64 {
        let informed = sim.state(id, node) != MessageState::Unaware;
        assert_eq!(
            informed, reach[node as usize],
            "node {node}: informed exactly when reachable from the origin"
        );
    }
    assert!(!converged(&sim), "a disconnected graph never converges");
}
