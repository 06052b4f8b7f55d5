//! Who may talk to whom.
//!
//! The complete graph is implicit (every node is a neighbour of every other), so a cluster of
//! 10^7 nodes costs nothing here. Every other topology is built once, deterministically from
//! the seed, into adjacency lists; peer selection then picks among a node's neighbours.
//!
//! Here: the configuration and its checks; the built graph is in `graph.rs`, the random and
//! regular graph generators in `generators.rs`.

#[cfg(feature = "serde")]
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result, check_range};
use crate::rng::Stream;

#[cfg(feature = "serde")]
mod form;
mod generators;
mod graph;
#[cfg(test)]
mod tests;

pub use generators::{grid_columns, is_leader};
pub use graph::Topology;

/// Largest cluster with an explicit (non-complete) topology.
pub const MAX_GRAPH_NODES: u32 = 1_000_000;
/// Most edges an Erdős–Rényi graph may be expected to have.
pub const MAX_EDGES: u64 = 20_000_000;

/// The shape of the cluster's communication graph.
#[derive(Clone, Debug, PartialEq, Default)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(
        tag = "kind",
        rename_all = "kebab-case",
        try_from = "form::TopologyForm"
    )
)]
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
            TopologyConfig::Ring { k } => generators::ring(n, k),
            TopologyConfig::Grid => generators::grid(n),
            TopologyConfig::RandomRegular { degree } => {
                generators::random_regular(n, degree, &mut rng)
            }
            TopologyConfig::ErdosRenyi { p } => generators::erdos_renyi(n, p, &mut rng),
            TopologyConfig::WattsStrogatz { k, beta } => {
                generators::watts_strogatz(n, k, beta, &mut rng)
            }
            TopologyConfig::BarabasiAlbert { m } => generators::barabasi_albert(n, m, &mut rng),
            TopologyConfig::Hierarchical { group_size } => generators::hierarchical(n, group_size),
        };
        Topology::Graph { adj }
    }
}
