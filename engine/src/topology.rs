//! Who may talk to whom.
//!
//! The complete graph is implicit (every node is a neighbour of every other), so a cluster of
//! 10^7 nodes costs nothing here. Every other topology is built once, deterministically from
//! the seed, into adjacency lists; peer selection then picks among a node's neighbours.

#[cfg(feature = "serde")]
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result, check_range};
use crate::rng::Stream;

/// Largest cluster with an explicit (non-complete) topology.
pub const MAX_GRAPH_NODES: u32 = 1_000_000;
/// Most edges an Erdős–Rényi graph may be expected to have.
pub const MAX_EDGES: u64 = 20_000_000;

/// The shape of the cluster's communication graph.
#[derive(Clone, Debug, PartialEq, Default)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "serde", serde(tag = "kind", rename_all = "kebab-case"))]
pub enum TopologyConfig {
    /// Everyone may contact everyone: the setting of the classic analyses.
    #[default]
    Complete,
    /// Ring lattice: each node linked to its `k` nearest nodes on each side.
    Ring {
        /// Neighbours on each side.
        k: u32,
    },
    /// 2-D grid, row-major, `ceil(sqrt(N))` columns, 4-neighbourhood, no wrap-around.
    Grid,
    /// Random `degree`-regular graph (Steger–Wormald pairing).
    RandomRegular {
        /// Every node's degree.
        degree: u32,
    },
    /// Erdős–Rényi G(N, p): each pair linked independently with probability `p`.
    ErdosRenyi {
        /// Edge probability.
        p: f64,
    },
    /// Watts–Strogatz small world: a ring lattice with each edge rewired with probability `beta`.
    WattsStrogatz {
        /// Neighbours on each side before rewiring.
        k: u32,
        /// Rewiring probability.
        beta: f64,
    },
    /// Barabási–Albert preferential attachment: each new node links to `m` existing ones.
    BarabasiAlbert {
        /// Links per new node.
        m: u32,
    },
    /// Groups of `group_size` consecutive nodes, complete inside; the first node of each group
    /// is its leader, and the leaders form a complete graph, so gossip crosses groups only
    /// through leaders.
    Hierarchical {
        /// Nodes per group.
        group_size: u32,
    },
}

/// Which topology, without its parameters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TopologyKind {
    /// [`TopologyConfig::Complete`].
    Complete,
    /// [`TopologyConfig::Ring`].
    Ring,
    /// [`TopologyConfig::Grid`].
    Grid,
    /// [`TopologyConfig::RandomRegular`].
    RandomRegular,
    /// [`TopologyConfig::ErdosRenyi`].
    ErdosRenyi,
    /// [`TopologyConfig::WattsStrogatz`].
    WattsStrogatz,
    /// [`TopologyConfig::BarabasiAlbert`].
    BarabasiAlbert,
    /// [`TopologyConfig::Hierarchical`].
    Hierarchical,
}

impl TopologyConfig {
    /// Which topology this is.
    pub fn kind(&self) -> TopologyKind {
        match self {
            TopologyConfig::Complete => TopologyKind::Complete,
            TopologyConfig::Ring { .. } => TopologyKind::Ring,
            TopologyConfig::Grid => TopologyKind::Grid,
            TopologyConfig::RandomRegular { .. } => TopologyKind::RandomRegular,
            TopologyConfig::ErdosRenyi { .. } => TopologyKind::ErdosRenyi,
            TopologyConfig::WattsStrogatz { .. } => TopologyKind::WattsStrogatz,
            TopologyConfig::BarabasiAlbert { .. } => TopologyKind::BarabasiAlbert,
            TopologyConfig::Hierarchical { .. } => TopologyKind::Hierarchical,
        }
    }

    /// The topology `kind` for `nodes` nodes with the defaults of the CLI: k = 2 neighbours
    /// on each side (ring, Watts–Strogatz), degree 4, p = min(1, 2 ln N / N) (just above the
    /// connectivity threshold), beta = 0.1, m = 2, groups of 10.
    pub fn with_defaults(kind: TopologyKind, nodes: u32) -> Self {
        match kind {
            TopologyKind::Complete => TopologyConfig::Complete,
            TopologyKind::Ring => TopologyConfig::Ring { k: 2 },
            TopologyKind::Grid => TopologyConfig::Grid,
            TopologyKind::RandomRegular => TopologyConfig::RandomRegular { degree: 4 },
            TopologyKind::ErdosRenyi => {
                let n = f64::from(nodes.max(2));
                TopologyConfig::ErdosRenyi {
                    p: (2.0 * n.ln() / n).min(1.0),
                }
            }
            TopologyKind::WattsStrogatz => TopologyConfig::WattsStrogatz { k: 2, beta: 0.1 },
            TopologyKind::BarabasiAlbert => TopologyConfig::BarabasiAlbert { m: 2 },
            TopologyKind::Hierarchical => TopologyConfig::Hierarchical { group_size: 10 },
        }
    }

    /// Checks the parameters against the cluster size.
    pub fn validate(&self, n: u32) -> Result<()> {
        if !matches!(self, TopologyConfig::Complete) {
            check_range("nodes", n, 2, MAX_GRAPH_NODES)?;
        }
        let half = ((n - 1) / 2).max(1);
        match *self {
            TopologyConfig::Complete | TopologyConfig::Grid => Ok(()),
            TopologyConfig::Ring { k } => check_range("k", k, 1, half),
            TopologyConfig::RandomRegular { degree } => {
                check_range("degree", degree, 1, (n - 1).min(64))?;
                if (u64::from(n) * u64::from(degree)) % 2 == 1 {
                    return Err(Error::OddRegularGraph { nodes: n, degree });
                }
                Ok(())
            }
            TopologyConfig::ErdosRenyi { p } => {
                check_range("p", p, 0.0, 1.0)?;
                let edges = p * f64::from(n) * f64::from(n - 1) / 2.0;
                if edges > MAX_EDGES as f64 {
                    return Err(Error::TooManyEdges {
                        expected: edges.round() as u64,
                        max: MAX_EDGES,
                    });
                }
                Ok(())
            }
            TopologyConfig::WattsStrogatz { k, beta } => {
                check_range("k", k, 1, half)?;
                check_range("beta", beta, 0.0, 1.0)
            }
            TopologyConfig::BarabasiAlbert { m } => check_range("m", m, 1, (n - 1).min(64)),
            TopologyConfig::Hierarchical { group_size } => {
                check_range("group_size", group_size, 2, n)
            }
        }
    }

    /// Builds the graph for `n` nodes. Call [`TopologyConfig::validate`] first.
    pub fn build(&self, n: u32, seed: u64) -> Topology {
        let mut rng = Stream::from_seed(crate::rng::splitmix64(seed ^ 0x7090_1061));
        let adj = match *self {
            TopologyConfig::Complete => return Topology::Complete { n },
            TopologyConfig::Ring { k } => ring(n, k),
            TopologyConfig::Grid => grid(n),
            TopologyConfig::RandomRegular { degree } => random_regular(n, degree, &mut rng),
            TopologyConfig::ErdosRenyi { p } => erdos_renyi(n, p, &mut rng),
            TopologyConfig::WattsStrogatz { k, beta } => watts_strogatz(n, k, beta, &mut rng),
            TopologyConfig::BarabasiAlbert { m } => barabasi_albert(n, m, &mut rng),
            TopologyConfig::Hierarchical { group_size } => hierarchical(n, group_size),
        };
        Topology::Graph { adj }
    }
}

/// A built communication graph.
#[derive(Clone, Debug, PartialEq)]
pub enum Topology {
    /// Implicit complete graph on `n` nodes.
    Complete {
        /// Node count.
        n: u32,
    },
    /// Explicit adjacency lists, sorted, without self-loops or duplicates.
    Graph {
        /// Neighbours of each node.
        adj: Vec<Vec<u32>>,
    },
}

impl Topology {
    /// Number of nodes.
    pub fn len(&self) -> u32 {
        match self {
            Topology::Complete { n } => *n,
            Topology::Graph { adj } => adj.len() as u32,
        }
    }

    /// Whether the graph has no nodes (never true for a valid cluster).
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The degree of `node`.
    pub fn degree(&self, node: u32) -> u32 {
        match self {
            Topology::Complete { n } => n - 1,
            Topology::Graph { adj } => adj[node as usize].len() as u32,
        }
    }

    /// The `i`-th neighbour of `node`, for `i < degree(node)`.
    #[inline]
    pub fn neighbour(&self, node: u32, i: u32) -> u32 {
        match self {
            // Skip `node` itself: indices 0..n-1 map onto every other node.
            Topology::Complete { .. } => i + u32::from(i >= node),
            Topology::Graph { adj } => adj[node as usize][i as usize],
        }
    }

    /// Whether the edge is drawn (false for the implicit complete graph).
    pub fn is_explicit(&self) -> bool {
        matches!(self, Topology::Graph { .. })
    }

    /// Every edge once, as (smaller, larger); empty for the complete graph.
    pub fn edges(&self) -> Vec<(u32, u32)> {
        match self {
            Topology::Complete { .. } => Vec::new(),
            Topology::Graph { adj } => {
                let mut edges = Vec::new();
                for (a, ns) in (0u32..).zip(adj) {
                    edges.extend(ns.iter().filter(|&&b| b > a).map(|&b| (a, b)));
                }
                edges
            }
        }
    }

    /// Adds a node that joins through `seed`: under the complete graph it sees everyone;
    /// otherwise it links to the seed and the seed's neighbours. Returns its id.
    pub fn join(&mut self, seed: u32) -> u32 {
        match self {
            Topology::Complete { n } => {
                *n += 1;
                *n - 1
            }
            Topology::Graph { adj } => {
                let id = adj.len() as u32;
                let mut ns = adj[seed as usize].clone();
                ns.push(seed);
                sort_dedup(&mut ns, &mut Vec::new());
                for &b in &ns {
                    adj[b as usize].push(id);
                }
                adj.push(ns);
                id
            }
        }
    }
}

fn link(adj: &mut [Vec<u32>], a: u32, b: u32) {
    adj[a as usize].push(b);
    adj[b as usize].push(a);
}

/// Sorts `ns` and removes repeats. The values go through `scratch` as `u64` for the engine's
/// one sort ([`crate::sort`]), at the cost of a copy at graph construction only.
fn sort_dedup(ns: &mut Vec<u32>, scratch: &mut Vec<u64>) {
    if ns.windows(2).all(|w| w[0] < w[1]) {
        // Sorted without repeats already, as most lists of a ring or a random graph are.
        return;
    }
    scratch.clear();
    scratch.extend(ns.iter().map(|&b| u64::from(b)));
    crate::sort::sort_u64(scratch);
    scratch.dedup();
    ns.clear();
    ns.extend(scratch.iter().map(|&b| b as u32));
}

fn finish(mut adj: Vec<Vec<u32>>) -> Vec<Vec<u32>> {
    let mut scratch = Vec::new();
    for (i, ns) in adj.iter_mut().enumerate() {
        sort_dedup(ns, &mut scratch);
        ns.retain(|&b| b as usize != i);
    }
    adj
}

fn ring(n: u32, k: u32) -> Vec<Vec<u32>> {
    let mut adj = vec![Vec::with_capacity(2 * k as usize); n as usize];
    for a in 0..n {
        for d in 1..=k {
            link(&mut adj, a, (a + d) % n);
        }
    }
    finish(adj)
}

/// Columns of the grid layout for `n` nodes.
pub fn grid_columns(n: u32) -> u32 {
    (f64::from(n).sqrt().ceil() as u32).max(1)
}

fn grid(n: u32) -> Vec<Vec<u32>> {
    let w = grid_columns(n);
    let mut adj = vec![Vec::with_capacity(4); n as usize];
    for a in 0..n {
        if (a % w) + 1 < w && a + 1 < n {
            link(&mut adj, a, a + 1);
        }
        if a + w < n {
            link(&mut adj, a, a + w);
        }
    }
    finish(adj)
}

fn random_regular(n: u32, d: u32, rng: &mut Stream) -> Vec<Vec<u32>> {
    // Steger–Wormald: pair random free stubs, refusing loops and double edges; restart when
    // stuck. Nearly uniform and fast for the small degrees used here.
    for _attempt in 0..100 {
        let mut adj: Vec<Vec<u32>> = vec![Vec::with_capacity(d as usize); n as usize];
        let mut stubs: Vec<u32> = Vec::with_capacity(n as usize * d as usize);
        for a in 0..n {
            stubs.extend(std::iter::repeat_n(a, d as usize));
        }
        let mut stuck = false;
        while stubs.len() >= 2 {
            let mut paired = false;
            for _try in 0..200 {
                let len = stubs.len() as u32;
                let i = rng.below(len) as usize;
                let j = rng.below(len) as usize;
                let (a, b) = (stubs[i], stubs[j]);
                if i == j || a == b || adj[a as usize].contains(&b) {
                    continue;
                }
                link(&mut adj, a, b);
                let (hi, lo) = (i.max(j), i.min(j));
                stubs.swap_remove(hi);
                stubs.swap_remove(lo);
                paired = true;
                break;
            }
            if !paired {
                stuck = true;
                break;
            }
        }
        if !stuck {
            return finish(adj);
        }
    }
    // Practically unreachable for valid inputs; fall back to a ring lattice of similar degree.
    ring(n, (d / 2).max(1))
}

fn erdos_renyi(n: u32, p: f64, rng: &mut Stream) -> Vec<Vec<u32>> {
    let mut adj = vec![Vec::new(); n as usize];
    if p <= 0.0 {
        return adj;
    }
    if p >= 1.0 {
        for a in 0..n {
            for b in a + 1..n {
                link(&mut adj, a, b);
            }
        }
        return finish(adj);
    }
    // Batagelj–Brandes geometric skipping: O(N + edges) instead of O(N²).
    let lp = (1.0 - p).ln();
    let (mut v, mut w): (i64, i64) = (1, -1);
    let n = i64::from(n);
    while v < n {
        let r = 1.0 - rng.unit();
        w += 1 + (r.ln() / lp).floor() as i64;
        while w >= v && v < n {
            w -= v;
            v += 1;
        }
        if v < n {
            link(&mut adj, v as u32, w as u32);
        }
    }
    finish(adj)
}

fn watts_strogatz(n: u32, k: u32, beta: f64, rng: &mut Stream) -> Vec<Vec<u32>> {
    let mut adj = ring(n, k);
    for a in 0..n {
        for d in 1..=k {
            let b = (a + d) % n;
            if !rng.chance(beta) {
                continue;
            }
            // Rewire (a, b) to (a, c) with c uniform among non-neighbours of a.
            if adj[a as usize].len() as u32 >= n - 1 {
                continue;
            }
            let c = loop {
                let c = rng.below(n);
                if c != a && !adj[a as usize].contains(&c) {
                    break c;
                }
            };
            if let Some(pos) = adj[a as usize].iter().position(|&x| x == b) {
                adj[a as usize].swap_remove(pos);
                if let Some(q) = adj[b as usize].iter().position(|&x| x == a) {
                    adj[b as usize].swap_remove(q);
                }
                link(&mut adj, a, c);
            }
        }
    }
    finish(adj)
}

fn barabasi_albert(n: u32, m: u32, rng: &mut Stream) -> Vec<Vec<u32>> {
    let mut adj = vec![Vec::new(); n as usize];
    let m0 = (m + 1).min(n);
    // Start from a complete core of m + 1 nodes.
    let mut ends: Vec<u32> = Vec::new();
    for a in 0..m0 {
        for b in a + 1..m0 {
            link(&mut adj, a, b);
            ends.push(a);
            ends.push(b);
        }
    }
    let mut chosen = Vec::with_capacity(m as usize);
    for a in m0..n {
        chosen.clear();
        // Preferential attachment: a uniform edge end is a node drawn proportionally to degree.
        while (chosen.len() as u32) < m.min(a) {
            let t = ends[rng.below(ends.len() as u32) as usize];
            if !chosen.contains(&t) {
                chosen.push(t);
            }
        }
        for &t in &chosen {
            link(&mut adj, a, t);
            ends.push(a);
            ends.push(t);
        }
    }
    finish(adj)
}

fn hierarchical(n: u32, g: u32) -> Vec<Vec<u32>> {
    let mut adj = vec![Vec::new(); n as usize];
    let mut leaders = Vec::new();
    for start in (0..n).step_by(g as usize) {
        let end = (start + g).min(n);
        leaders.push(start);
        for a in start..end {
            for b in a + 1..end {
                link(&mut adj, a, b);
            }
        }
    }
    for (i, &a) in leaders.iter().enumerate() {
        for &b in &leaders[i + 1..] {
            link(&mut adj, a, b);
        }
    }
    finish(adj)
}

/// Whether `node` leads its group in a hierarchical topology of `group_size`.
pub fn is_leader(node: u32, group_size: u32) -> bool {
    group_size > 0 && node % group_size == 0
}

#[cfg(test)]
mod tests {
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
}
