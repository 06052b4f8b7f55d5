//! The graph generators: each builds the adjacency lists of one topology, deterministically
//! from its random stream, sorted and without self-loops or repeats.

use crate::rng::Stream;

fn link(adj: &mut [Vec<u32>], a: u32, b: u32) {
    adj[a as usize].push(b);
    adj[b as usize].push(a);
}

/// Sorts `ns` and removes repeats. The values go through `scratch` as `u64` for the engine's
/// one sort ([`crate::sort`]), at the cost of a copy at graph construction only.
pub(super) fn sort_dedup(ns: &mut Vec<u32>, scratch: &mut Vec<u64>) {
    if ns.windows(2).all(|w| w[0] < w[1]) {
        // Sorted without repeats already, as most lists of a ring or a random graph are.
        return;
    }
    scratch.clear();
    scratch.extend(ns.iter().map(|&b| u64::from(b)));
    scratch.sort_unstable();
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

pub(super) fn ring(n: u32, k: u32) -> Vec<Vec<u32>> {
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

pub(super) fn grid(n: u32) -> Vec<Vec<u32>> {
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

pub(super) fn random_regular(n: u32, d: u32, rng: &mut Stream) -> Vec<Vec<u32>> {
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

pub(super) fn erdos_renyi(n: u32, p: f64, rng: &mut Stream) -> Vec<Vec<u32>> {
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

pub(super) fn watts_strogatz(n: u32, k: u32, beta: f64, rng: &mut Stream) -> Vec<Vec<u32>> {
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

pub(super) fn barabasi_albert(n: u32, m: u32, rng: &mut Stream) -> Vec<Vec<u32>> {
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

pub(super) fn hierarchical(n: u32, g: u32) -> Vec<Vec<u32>> {
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
