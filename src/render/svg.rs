//! The graph as a standalone SVG document (for export): the same shapes as the canvas
//! painter, at rest (no travelling messages).

use std::fmt::Write as _;

use crate::palette::Palette;
use crate::render::canvas::{Look, Scene};

/// An SVG of `scene`, `size` pixels square. Coordinates are written to 0.1 px.
pub fn scene_svg(scene: &Scene, pal: &Palette, size: f64) -> String {
    let pad = 12.0;
    let side = size - 2.0 * pad;
    let px = |p: (f32, f32)| (pad + f64::from(p.0) * side, pad + f64::from(p.1) * side);
    let r = (f64::from(scene.radius) * side).max(1.2);
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{size:.0}" height="{size:.0}" viewBox="0 0 {size:.0} {size:.0}">"#,
    );
    let _ = write!(
        s,
        r#"<rect width="100%" height="100%" fill="{}"/>"#,
        pal.background
    );
    if !scene.edges.is_empty() && scene.edges.len() <= 40_000 {
        let _ = write!(s, r#"<g stroke="{}" stroke-width="1">"#, pal.edge);
        for &(a, b) in scene.edges.iter() {
            let (Some(&pa), Some(&pb)) = (
                scene.positions.get(a as usize),
                scene.positions.get(b as usize),
            ) else {
                continue;
            };
            let ((x1, y1), (x2, y2)) = (px(pa), px(pb));
            let _ = write!(
                s,
                r#"<line x1="{x1:.1}" y1="{y1:.1}" x2="{x2:.1}" y2="{y2:.1}"/>"#
            );
        }
        s.push_str("</g>");
    }
    for (i, (&p, &look)) in scene.positions.iter().zip(&scene.looks).enumerate() {
        let (x, y) = px(p);
        match look {
            Look::Unaware | Look::Fresh => {
                let (fill, width) = if look == Look::Fresh {
                    (pal.fresh, "1")
                } else {
                    (pal.unaware_fill, "1.3")
                };
                let _ = write!(
                    s,
                    r#"<circle cx="{x:.1}" cy="{y:.1}" r="{r:.1}" fill="{fill}" stroke="{}" stroke-width="{width}"/>"#,
                    pal.ink,
                );
            }
            Look::Stale => {
                let d = r * 0.9;
                let _ = write!(
                    s,
                    r#"<rect x="{:.1}" y="{:.1}" width="{w:.1}" height="{w:.1}" fill="{}"/>"#,
                    x - d,
                    y - d,
                    pal.stale,
                    w = 2.0 * d,
                );
            }
            Look::Dead => {
                let d = r * 0.7;
                let (x0, y0, x1, y1) = (x - d, y - d, x + d, y + d);
                let _ = write!(
                    s,
                    r#"<g stroke="{}" stroke-width="1.5" fill="none"><circle cx="{x:.1}" cy="{y:.1}" r="{r:.1}"/><path d="M{x0:.1} {y0:.1}L{x1:.1} {y1:.1}M{x1:.1} {y0:.1}L{x0:.1} {y1:.1}"/></g>"#,
                    pal.dead,
                );
            }
        }
        if scene.leaders.contains(&(i as u32)) {
            let _ = write!(
                s,
                r#"<rect x="{:.1}" y="{:.1}" width="{w:.1}" height="{w:.1}" fill="none" stroke="{}" stroke-width="1.5"/>"#,
                x - r - 3.0,
                y - r - 3.0,
                pal.ink,
                w = 2.0 * r + 6.0,
            );
        }
        if Some(i as u32) == scene.selected {
            let _ = write!(
                s,
                r#"<circle cx="{x:.1}" cy="{y:.1}" r="{:.1}" fill="none" stroke="{}" stroke-width="2.5"/>"#,
                r + 5.0,
                pal.selection
            );
        }
    }
    s.push_str("</svg>");
    s
}

#[cfg(test)]
mod tests {
    use std::rc::Rc;

    use super::*;
    use crate::palette::LIGHT;

    #[test]
    fn one_shape_per_node() {
        let scene = Scene {
            positions: Rc::new(vec![(0.2, 0.2), (0.8, 0.8), (0.5, 0.5)]),
            radius: 0.02,
            edges: Rc::new(vec![(0, 1)]),
            looks: vec![Look::Fresh, Look::Stale, Look::Dead],
            pulses: vec![],
            contacts: vec![],
            wire: vec![],
            landed: false,
            selected: Some(0),
            subject: None,
            groups: None,
            leaders: vec![2],
            accent: "#E69F00",
            motion: true,
        };
        let svg = scene_svg(&scene, &LIGHT, 400.0);
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
        assert_eq!(
            svg.matches("<rect").count(),
            3,
            "background + the stale square + the leader's frame"
        );
        assert_eq!(svg.matches("<line").count(), 1);
        assert_eq!(
            svg.matches("<circle").count(),
            3,
            "fresh, dead, selection ring"
        );
    }
}
