//! Node positions: a pure function of the topology and N, so the same scenario always looks
//! the same (and a shared link shows the picture its author saw). Coordinates are in the unit
//! square; the painter scales them to the canvas.

use gossip_engine::{Topology, TopologyConfig};

/// Largest N for which the force layout runs (it is O(N²) per iteration).
const FORCE_LIMIT: usize = 400;

/// Positions of every node in `[0, 1]²`.
pub fn positions(config: &TopologyConfig, topology: &Topology) -> Vec<(f32, f32)> {
    let n = topology.len() as usize;
    match config {
        TopologyConfig::Complete if n <= 120 => circle(n),
        TopologyConfig::Complete => sunflower(n),
        TopologyConfig::Ring { .. } | TopologyConfig::WattsStrogatz { .. } if n <= 600 => circle(n),
        TopologyConfig::Grid => grid(n),
        TopologyConfig::Hierarchical { group_size } => groups(n, *group_size as usize),
        _ if n <= FORCE_LIMIT => force(n, &topology.edges()),
        _ => sunflower(n),
    }
}

/// Cosine and sine of the angle `t` turns (one turn is 2π): every layout angle is a fraction
/// of a turn.
pub fn cos_sin(t: f64) -> (f32, f32) {
    let a = t.rem_euclid(1.0) * std::f64::consts::TAU;
    (cos(a) as f32, sin(a) as f32)
}

// In the page the browser's Math.sin and Math.cos: Rust's own (libm) would add 5 KB of
// argument reduction for huge angles to the bundle, and these angles are below 2π.
#[cfg(target_arch = "wasm32")]
use js_sys::Math::{cos, sin};
#[cfg(not(target_arch = "wasm32"))]
fn sin(a: f64) -> f64 {
    a.sin()
}
#[cfg(not(target_arch = "wasm32"))]
fn cos(a: f64) -> f64 {
    a.cos()
}

/// Evenly on a circle, node 0 at the top, clockwise.
pub fn circle(n: usize) -> Vec<(f32, f32)> {
    (0..n)
        .map(|i| {
            let (cos, sin) = cos_sin(i as f64 / n as f64 - 0.25);
            (0.5 + 0.46 * cos, 0.5 + 0.46 * sin)
        })
        .collect()
}

/// The golden angle, (3 - √5) / 2 of a turn.
const GOLDEN_TURNS: f64 = 0.381_966_011_250_105_1;

/// A sunflower (Vogel) spiral: evenly filled disc for large N.
pub fn sunflower(n: usize) -> Vec<(f32, f32)> {
    (0..n)
        .map(|i| {
            let r = 0.47 * ((i as f32 + 0.5) / n as f32).sqrt();
            let (cos, sin) = cos_sin(i as f64 * GOLDEN_TURNS);
            (0.5 + r * cos, 0.5 + r * sin)
        })
        .collect()
}

/// Row-major grid, as the grid topology numbers its nodes.
pub fn grid(n: usize) -> Vec<(f32, f32)> {
    let cols = gossip_engine::topology::grid_columns(n as u32) as usize;
    let rows = n.div_ceil(cols);
    let side = cols.max(rows) as f32;
    (0..n)
        .map(|i| {
            let (r, c) = (i / cols, i % cols);
            (
                0.04 + 0.92 * (c as f32 + 0.5) / side,
                0.04 + 0.92 * (r as f32 + 0.5) / side,
            )
        })
        .collect()
}

/// Groups on a circle, each group a small circle around its leader's slot.
pub fn groups(n: usize, size: usize) -> Vec<(f32, f32)> {
    let k = n.div_ceil(size.max(1));
    let big: f32 = if k > 1 { 0.34 } else { 0.0 };
    let small = if k > 1 {
        (0.46 - big).min(0.9 * big * cos_sin(0.5 / k as f64).1)
    } else {
        0.44
    };
    (0..n)
        .map(|i| {
            let (g, j) = (i / size, i % size);
            let members = size.min(n - g * size);
            let ga = g as f64 / k as f64 - 0.25;
            let (cos, sin) = cos_sin(ga);
            let (cx, cy) = (0.5 + big * cos, 0.5 + big * sin);
            // The leader sits on the side facing the centre, so leader links stay short.
            let (cos, sin) = cos_sin(ga + 0.5 + j as f64 / members as f64);
            (cx + small * cos, cy + small * sin)
        })
        .collect()
}

/// Fruchterman–Reingold, started from the sunflower, fixed iteration count: deterministic.
pub fn force(n: usize, edges: &[(u32, u32)]) -> Vec<(f32, f32)> {
    let mut p = sunflower(n);
    if n < 3 {
        return p;
    }
    let k = (1.0 / n as f32).sqrt() * 0.8;
    let mut temp = 0.08f32;
    let mut disp = vec![(0f32, 0f32); n];
    for _ in 0..160 {
        disp.iter_mut().for_each(|d| *d = (0.0, 0.0));
        for i in 0..n {
            for j in i + 1..n {
                let (dx, dy) = (p[i].0 - p[j].0, p[i].1 - p[j].1);
                let d2 = (dx * dx + dy * dy).max(1e-6);
                let f = k * k / d2;
                disp[i].0 += dx * f;
                disp[i].1 += dy * f;
                disp[j].0 -= dx * f;
                disp[j].1 -= dy * f;
            }
        }
        for &(a, b) in edges {
            let (a, b) = (a as usize, b as usize);
            let (dx, dy) = (p[a].0 - p[b].0, p[a].1 - p[b].1);
            let d = (dx * dx + dy * dy).sqrt().max(1e-4);
            let f = d / k;
            disp[a].0 -= dx * f;
            disp[a].1 -= dy * f;
            disp[b].0 += dx * f;
            disp[b].1 += dy * f;
        }
        for i in 0..n {
            let (dx, dy) = disp[i];
            let len = (dx * dx + dy * dy).sqrt().max(1e-9);
            let step = len.min(temp);
            // Gentle pull to the centre keeps disconnected pieces on screen.
            p[i].0 += dx / len * step + (0.5 - p[i].0) * 0.01;
            p[i].1 += dy / len * step + (0.5 - p[i].1) * 0.01;
        }
        temp *= 0.97;
    }
    normalise(p)
}

/// Scales positions to fill `[0.03, 0.97]²` keeping the aspect ratio.
fn normalise(p: Vec<(f32, f32)>) -> Vec<(f32, f32)> {
    let (mut x0, mut y0, mut x1, mut y1) = (f32::MAX, f32::MAX, f32::MIN, f32::MIN);
    for &(x, y) in &p {
        x0 = x0.min(x);
        y0 = y0.min(y);
        x1 = x1.max(x);
        y1 = y1.max(y);
    }
    let s = (x1 - x0).max(y1 - y0).max(1e-6);
    let (ox, oy) = ((s - (x1 - x0)) / 2.0, (s - (y1 - y0)) / 2.0);
    p.into_iter()
        .map(|(x, y)| {
            (
                0.03 + 0.94 * (x - x0 + ox) / s,
                0.03 + 0.94 * (y - y0 + oy) / s,
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn circle_starts_at_the_top_and_goes_clockwise() {
        let p = circle(4);
        let near =
            |a: (f32, f32), b: (f32, f32)| (a.0 - b.0).abs() < 1e-6 && (a.1 - b.1).abs() < 1e-6;
        assert!(near(p[0], (0.5, 0.04)), "node 0 at the top: {:?}", p[0]);
        assert!(near(p[1], (0.96, 0.5)), "node 1 to the right: {:?}", p[1]);
        assert!(near(p[2], (0.5, 0.96)), "node 2 at the bottom: {:?}", p[2]);
    }

    #[test]
    fn layouts_are_deterministic_and_in_the_unit_square() {
        for cfg in [
            TopologyConfig::Complete,
            TopologyConfig::Grid,
            TopologyConfig::BarabasiAlbert { m: 2 },
            TopologyConfig::Hierarchical { group_size: 8 },
        ] {
            let t = cfg.build(60, 3);
            let a = positions(&cfg, &t);
            assert_eq!(a.len(), 60);
            assert_eq!(a, positions(&cfg, &t), "{cfg:?} must be deterministic");
            assert!(
                a.iter()
                    .all(|&(x, y)| (0.0..=1.0).contains(&x) && (0.0..=1.0).contains(&y))
            );
        }
    }
}
