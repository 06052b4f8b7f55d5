//! A built communication graph: the implicit complete graph, or adjacency lists.

use super::generators::sort_dedup;

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
