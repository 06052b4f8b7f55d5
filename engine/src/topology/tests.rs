//! Tests of the topologies: degrees, symmetry, seeding, joins and refusals.

use super::*;

fn degrees(t: &Topology) -> Vec<u32> {
    (0..t.len()).map(|a| t.degree(a)).collect()
}

fn symmetric(t: &Topology) -> bool {
    let Topology::Graph { adj } = t else {
        return true;
    };
    adj.iter().enumerate().all(|(a, ns)| {
        ns.iter()
            .all(|&b| b as usize != a && adj[b as usize].contains(&(a as u32)))
    })
}

#[test]
fn complete_graph_neighbours_skip_self() {
    let t = TopologyConfig::Complete.build(5, 1);
    let ns: Vec<u32> = (0..4).map(|i| t.neighbour(2, i)).collect();
    assert_eq!(ns, vec![0, 1, 3, 4]);
}

#[test]
fn ring_and_grid_have_expected_degrees() {
    let r = TopologyConfig::Ring { k: 2 }.build(10, 1);
    assert!(degrees(&r).iter().all(|&d| d == 4));
    let g = TopologyConfig::Grid.build(9, 1);
    assert_eq!(degrees(&g), vec![2, 3, 2, 3, 4, 3, 2, 3, 2]);
    assert!(symmetric(&r) && symmetric(&g));
}

#[test]
fn random_graphs_are_symmetric_and_seeded() {
    for cfg in [
        TopologyConfig::RandomRegular { degree: 4 },
        TopologyConfig::ErdosRenyi { p: 0.05 },
        TopologyConfig::WattsStrogatz { k: 2, beta: 0.3 },
        TopologyConfig::BarabasiAlbert { m: 2 },
        TopologyConfig::Hierarchical { group_size: 10 },
    ] {
        cfg.validate(200).expect("valid");
        let a = cfg.build(200, 7);
        assert!(symmetric(&a), "{cfg:?} must be undirected without loops");
        assert_eq!(
            a,
            cfg.build(200, 7),
            "{cfg:?} must be a function of the seed"
        );
    }
    let rr = TopologyConfig::RandomRegular { degree: 4 }.build(200, 3);
    assert!(
        degrees(&rr).iter().all(|&d| d == 4),
        "every node has degree 4"
    );
}

#[test]
fn erdos_renyi_edge_count_matches_p() {
    let n = 2000;
    let p = 0.01;
    let t = TopologyConfig::ErdosRenyi { p }.build(n, 11);
    let m = t.edges().len() as f64;
    let mean = p * f64::from(n) * f64::from(n - 1) / 2.0;
    let sd = (mean * (1.0 - p)).sqrt();
    assert!(
        (m - mean).abs() < 5.0 * sd,
        "edges {m} vs expected {mean} ± 5 sd ({sd})"
    );
}

#[test]
fn hierarchical_groups_talk_through_leaders() {
    let t = TopologyConfig::Hierarchical { group_size: 5 }.build(15, 0);
    assert!(
        t.neighbour(0, 0) == 1 && degrees(&t)[0] == 4 + 2,
        "leader: group + 2 leaders"
    );
    assert_eq!(degrees(&t)[1], 4, "member: its group only");
    assert!(is_leader(10, 5) && !is_leader(11, 5));
}

#[test]
fn join_links_to_seed_and_its_neighbours() {
    let mut t = TopologyConfig::Ring { k: 1 }.build(6, 0);
    let id = t.join(2);
    assert_eq!(id, 6);
    let Topology::Graph { adj } = &t else {
        unreachable!()
    };
    assert_eq!(adj[6], vec![1, 2, 3]);
    assert!(symmetric(&t));
}

#[test]
fn bad_parameters_are_refused() {
    assert!(TopologyConfig::Ring { k: 10 }.validate(10).is_err());
    assert!(
        TopologyConfig::RandomRegular { degree: 3 }
            .validate(11)
            .is_err()
    );
    assert!(TopologyConfig::ErdosRenyi { p: 2.0 }.validate(10).is_err());
    assert!(TopologyConfig::Grid.validate(MAX_GRAPH_NODES + 1).is_err());
}
