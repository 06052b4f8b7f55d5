//! The painter: draws one frame of the cluster on a 2-D canvas.
//!
//! Everything of one look is batched into one path and filled once (one `fill` per state,
//! not one per node), so 10,000 nodes stay cheap. Per-node visuals are plain data here,
//! never Yew components.

use std::f64::consts::TAU;
use std::rc::Rc;

use gossip_engine::Contact;
use web_sys::CanvasRenderingContext2d as Ctx;

use crate::palette::Palette;

/// How a node is drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Look {
    /// Open circle: does not have the message (or believes the subject alive).
    Unaware,
    /// Filled orange circle: spreading (or has detected the failure).
    Fresh,
    /// Filled blue square: has it, stopped spreading (or has forgotten the subject).
    Stale,
    /// Hollow grey circle with a cross.
    Dead,
}

/// What to draw: a pure description built from the simulation.
#[derive(Clone, Debug, PartialEq)]
pub struct Scene {
    /// Node positions in the unit square.
    pub positions: Rc<Vec<(f32, f32)>>,
    /// Node radius in unit-square units.
    pub radius: f32,
    /// Topology edges to draw faintly (empty for the complete graph).
    pub edges: Rc<Vec<(u32, u32)>>,
    /// Per node.
    pub looks: Vec<Look>,
    /// Nodes whose state changed in the animated round, with how each looked before: it keeps
    /// that look until the round's dots have arrived.
    pub pulses: Vec<(u32, Look)>,
    /// The legs to animate (already sampled).
    pub contacts: Vec<Contact>,
    /// Under latency, updates on the wire: (from, to, progress at the start of this step,
    /// progress at its end), progress being the share of the way travelled. They carry the
    /// round's updates over the ticks they take, so a node turns when its dot has arrived.
    pub wire: Vec<(u32, u32, f32, f32)>,
    /// Under latency: this step's changes were carried in by earlier steps' dots, so they
    /// show from the start of the step.
    pub landed: bool,
    /// The selected node.
    pub selected: Option<u32>,
    /// Membership: the node whose failure is followed.
    pub subject: Option<u32>,
    /// Partition group per node, if partitioned.
    pub groups: Option<Vec<u32>>,
    /// Hierarchical topology: the nodes through which their groups talk (drawn with a
    /// square frame).
    pub leaders: Vec<u32>,
    /// Colour of the message shown (thin ring on informed nodes).
    pub accent: &'static str,
    /// Whether contacts travel (false: shown as static highlights, for reduced motion).
    pub motion: bool,
}

/// Maps unit-square coordinates to canvas pixels.
#[derive(Clone, Copy, Debug)]
pub struct View {
    ox: f64,
    oy: f64,
    side: f64,
}

impl View {
    /// The largest centred square inside a `w` × `h` canvas, with a margin.
    pub fn fit(w: f64, h: f64) -> Self {
        let pad = 12.0;
        let side = (w.min(h) - 2.0 * pad).max(10.0);
        View {
            ox: (w - side) / 2.0,
            oy: (h - side) / 2.0,
            side,
        }
    }
    /// Pixel position of a unit-square point.
    pub fn px(&self, p: (f32, f32)) -> (f64, f64) {
        (
            self.ox + f64::from(p.0) * self.side,
            self.oy + f64::from(p.1) * self.side,
        )
    }
    /// Pixel length of a unit-square length.
    pub fn len(&self, l: f32) -> f64 {
        f64::from(l) * self.side
    }
    /// The node under pixel (x, y), if any.
    pub fn hit(&self, scene: &Scene, x: f64, y: f64) -> Option<u32> {
        let r = self.len(scene.radius).max(3.0) + 5.0;
        self.nearest(&scene.positions, r, x, y)
    }
    /// The node at `positions` nearest to pixel (x, y) within `r` pixels, if any: the click
    /// test of every page's graph.
    pub fn nearest(&self, positions: &[(f32, f32)], r: f64, x: f64, y: f64) -> Option<u32> {
        let mut best = None;
        let mut best_d = r * r;
        for (i, &p) in positions.iter().enumerate() {
            let (px, py) = self.px(p);
            let d = (px - x).powi(2) + (py - y).powi(2);
            if d <= best_d {
                best_d = d;
                best = Some(i as u32);
            }
        }
        best
    }
}

const GROUP_TINTS: [&str; 4] = [
    "rgba(0,158,115,0.28)",
    "rgba(204,121,167,0.30)",
    "rgba(86,180,233,0.30)",
    "rgba(240,228,66,0.40)",
];

/// Animation progress at which the round's dots reach their receivers; the receivers change
/// look then, and the "changed" ring swells over the rest of the animation.
const ARRIVE: f64 = 0.7;

fn ease(t: f64) -> f64 {
    t * t * (3.0 - 2.0 * t)
}

/// Adds a circle to the current path.
fn circle(ctx: &Ctx, x: f64, y: f64, r: f64) {
    ctx.move_to(x + r, y);
    let _ = ctx.arc(x, y, r, 0.0, TAU);
}

impl crate::render::picture::Picture for Scene {
    fn paint(&self, ctx: &Ctx, pal: &Palette, w: f64, h: f64, t: f64) {
        paint(ctx, self, pal, w, h, t);
    }
    fn hit(&self, w: f64, h: f64, x: f64, y: f64) -> Option<u32> {
        View::fit(w, h).hit(self, x, y)
    }
}

/// Draws the scene at animation progress `t` in `[0, 1]` on a canvas `w` × `h` CSS pixels.
pub fn paint(ctx: &Ctx, scene: &Scene, pal: &Palette, w: f64, h: f64, t: f64) {
    let view = View::fit(w, h);
    ctx.set_fill_style_str(pal.background);
    ctx.fill_rect(0.0, 0.0, w, h);
    let pos = &scene.positions;
    let n = scene.looks.len().min(pos.len());
    let r = view.len(scene.radius).max(1.2);

    if !scene.edges.is_empty() && scene.edges.len() <= 40_000 {
        ctx.begin_path();
        for &(a, b) in scene.edges.iter() {
            let (Some(&pa), Some(&pb)) = (pos.get(a as usize), pos.get(b as usize)) else {
                continue;
            };
            let (ax, ay) = view.px(pa);
            let (bx, by) = view.px(pb);
            ctx.move_to(ax, ay);
            ctx.line_to(bx, by);
        }
        ctx.set_stroke_style_str(pal.edge);
        ctx.set_line_width(1.0);
        ctx.stroke();
    }

    if let Some(groups) = &scene.groups {
        for (g, tint) in GROUP_TINTS.iter().enumerate() {
            ctx.begin_path();
            for (i, &gi) in groups.iter().enumerate().take(n) {
                if gi as usize % GROUP_TINTS.len() == g {
                    let (x, y) = view.px(pos[i]);
                    circle(ctx, x, y, r * 1.9 + 2.0);
                }
            }
            ctx.set_fill_style_str(tint);
            ctx.fill();
        }
    }

    paint_contacts(ctx, scene, pal, &view, t, r);
    paint_wire(ctx, scene, pal, &view, t, r);
    // Until the dots arrive, a node that changed this round still looks as it did.
    let arrived = t >= ARRIVE || !scene.motion || scene.landed;
    let mut shown = std::borrow::Cow::Borrowed(&scene.looks[..n]);
    if !arrived {
        let looks = shown.to_mut();
        for &(i, before) in &scene.pulses {
            if let Some(l) = looks.get_mut(i as usize) {
                *l = before;
            }
        }
    }
    paint_nodes(ctx, scene, &shown, pal, &view, r);

    if arrived && !scene.pulses.is_empty() {
        // From the arrival on, a ring marks each node that changed: it swells once, then stays
        // for the rest of the round ("changed this round"), however slow the play.
        let from = if scene.landed { 0.0 } else { ARRIVE };
        let k = if scene.motion && t < 1.0 {
            ease((t - from) / (1.0 - from))
        } else {
            1.0
        };
        ctx.begin_path();
        for &(i, _) in &scene.pulses {
            if let Some(&p) = pos.get(i as usize) {
                let (x, y) = view.px(p);
                circle(ctx, x, y, r * (1.3 + 0.8 * (1.0 - k)) + 2.0);
            }
        }
        ctx.set_global_alpha(0.55 + 0.45 * (1.0 - k));
        ctx.set_stroke_style_str(pal.useful);
        ctx.set_line_width(2.0);
        ctx.stroke();
        ctx.set_global_alpha(1.0);
    }

    // Leaders of a hierarchical topology: a square frame around the node.
    ctx.begin_path();
    for p in scene.leaders.iter().filter_map(|&i| pos.get(i as usize)) {
        let (x, y) = view.px(*p);
        ctx.rect(x - r - 3.0, y - r - 3.0, 2.0 * r + 6.0, 2.0 * r + 6.0);
    }
    ctx.set_stroke_style_str(pal.ink);
    ctx.set_line_width(1.5);
    ctx.stroke();

    for (node, dashed) in [(scene.subject, true), (scene.selected, false)] {
        let Some(p) = node.and_then(|i| pos.get(i as usize)) else {
            continue;
        };
        let (x, y) = view.px(*p);
        ctx.begin_path();
        circle(ctx, x, y, r + 5.0);
        let dash = js_sys::Array::new();
        if dashed {
            dash.push(&4.0.into());
            dash.push(&3.0.into());
        }
        let _ = ctx.set_line_dash(&dash);
        ctx.set_stroke_style_str(pal.selection);
        ctx.set_line_width(2.5);
        ctx.stroke();
        let _ = ctx.set_line_dash(&js_sys::Array::new());
    }

    if n <= 64 && r >= 8.0 {
        ctx.set_font(&format!(
            "600 {}px system-ui, sans-serif",
            (r * 0.95).clamp(9.0, 13.0).round() as u32
        ));
        ctx.set_text_align("center");
        ctx.set_text_baseline("middle");
        for i in 0..n {
            let (x, y) = view.px(pos[i]);
            let colour = match shown[i] {
                Look::Stale => "#ffffff",
                Look::Fresh => "#1b1b1b",
                Look::Unaware | Look::Dead => pal.ink,
            };
            ctx.set_fill_style_str(colour);
            let _ = ctx.fill_text(&i.to_string(), x, y + 0.5);
        }
    }
}

fn paint_nodes(ctx: &Ctx, scene: &Scene, looks: &[Look], pal: &Palette, view: &View, r: f64) {
    let pos = &scene.positions;
    let n = looks.len();
    let tiny = r < 2.5;
    for look in [Look::Unaware, Look::Fresh, Look::Stale, Look::Dead] {
        ctx.begin_path();
        let mut any = false;
        for i in 0..n {
            if looks[i] != look {
                continue;
            }
            any = true;
            let (x, y) = view.px(pos[i]);
            match look {
                Look::Stale => ctx.rect(x - r * 0.9, y - r * 0.9, r * 1.8, r * 1.8),
                _ if tiny => ctx.rect(x - r, y - r, 2.0 * r, 2.0 * r),
                _ => circle(ctx, x, y, r),
            }
        }
        if !any {
            continue;
        }
        match look {
            Look::Unaware => {
                ctx.set_fill_style_str(pal.unaware_fill);
                ctx.fill();
                ctx.set_stroke_style_str(pal.ink);
                ctx.set_line_width(if tiny { 0.6 } else { 1.3 });
                ctx.stroke();
            }
            Look::Fresh => {
                ctx.set_fill_style_str(pal.fresh);
                ctx.fill();
                if !tiny {
                    ctx.set_stroke_style_str(pal.ink);
                    ctx.set_line_width(1.0);
                    ctx.stroke();
                }
            }
            Look::Stale => {
                ctx.set_fill_style_str(pal.stale);
                ctx.fill();
            }
            Look::Dead => {
                ctx.set_stroke_style_str(pal.dead);
                ctx.set_line_width(1.5);
                ctx.stroke();
                ctx.begin_path();
                for i in 0..n {
                    if looks[i] == Look::Dead {
                        let (x, y) = view.px(pos[i]);
                        let d = r * 0.7;
                        ctx.move_to(x - d, y - d);
                        ctx.line_to(x + d, y + d);
                        ctx.move_to(x + d, y - d);
                        ctx.line_to(x - d, y + d);
                    }
                }
                ctx.stroke();
            }
        }
    }
    // A thin ring in the message's own colour marks who holds the message shown.
    if !tiny && scene.accent != pal.fresh {
        ctx.begin_path();
        for i in 0..n {
            if matches!(looks[i], Look::Fresh | Look::Stale) {
                let (x, y) = view.px(pos[i]);
                circle(ctx, x, y, r + 2.2);
            }
        }
        ctx.set_stroke_style_str(scene.accent);
        ctx.set_line_width(1.6);
        ctx.stroke();
    }
}

/// Updates on the wire: each dot moves along its share of the way for this step.
fn paint_wire(ctx: &Ctx, scene: &Scene, pal: &Palette, view: &View, t: f64, r: f64) {
    if scene.wire.is_empty() {
        return;
    }
    let k = if scene.motion { ease(t) } else { 1.0 };
    let dot = (r * 0.55).clamp(2.0, 5.0) * 1.15;
    let pos = &scene.positions;
    ctx.begin_path();
    for &(from, to, p0, p1) in &scene.wire {
        let (Some(&a), Some(&b)) = (pos.get(from as usize), pos.get(to as usize)) else {
            continue;
        };
        let (ax, ay) = view.px(a);
        let (bx, by) = view.px(b);
        let p = f64::from(p0) + (f64::from(p1) - f64::from(p0)) * k;
        circle(ctx, ax + (bx - ax) * p, ay + (by - ay) * p, dot);
    }
    ctx.set_fill_style_str(pal.useful);
    ctx.fill();
}

/// How one class of contact dots is drawn: which contacts, colour, filled or ringed, radius.
type DotStyle<'a> = (&'a dyn Fn(&Contact) -> bool, &'a str, bool, f64);

fn paint_contacts(ctx: &Ctx, scene: &Scene, pal: &Palette, view: &View, t: f64, r: f64) {
    if t >= 1.0 || scene.contacts.is_empty() {
        return;
    }
    let pos = &scene.positions;
    // Dots travel until ARRIVE, then the trails fade.
    let k = if scene.motion {
        ease((t / ARRIVE).min(1.0))
    } else {
        1.0
    };
    let dot = (r * 0.55).clamp(2.0, 5.0);
    // Styles: (kind filter, colour, filled, radius).
    let styles: [DotStyle; 3] = [
        (
            &|c| !c.kind.carries_updates(),
            pal.control,
            true,
            dot * 0.65,
        ),
        (
            &|c| c.kind.carries_updates() && !c.useful,
            pal.redundant,
            false,
            dot,
        ),
        (
            &|c| c.kind.carries_updates() && c.useful,
            pal.useful,
            true,
            dot * 1.15,
        ),
    ];
    // Faint trails along the edges carrying updates.
    ctx.begin_path();
    for c in scene
        .contacts
        .iter()
        .filter(|c| c.kind.carries_updates() && c.delivered)
    {
        let (Some(&a), Some(&b)) = (pos.get(c.from as usize), pos.get(c.to as usize)) else {
            continue;
        };
        let (ax, ay) = view.px(a);
        let (bx, by) = view.px(b);
        ctx.move_to(ax, ay);
        ctx.line_to(ax + (bx - ax) * k, ay + (by - ay) * k);
    }
    ctx.set_global_alpha(0.35 * (1.0 - t * 0.5));
    ctx.set_stroke_style_str(pal.useful);
    ctx.set_line_width(1.0);
    ctx.stroke();
    ctx.set_global_alpha(1.0);

    // Delivered dots vanish into their receivers on arrival.
    let travelling = !scene.motion || t < ARRIVE;
    for (filter, colour, filled, rad) in styles.into_iter().filter(|_| travelling) {
        ctx.begin_path();
        for c in scene.contacts.iter().filter(|c| c.delivered && filter(c)) {
            let (Some(&a), Some(&b)) = (pos.get(c.from as usize), pos.get(c.to as usize)) else {
                continue;
            };
            let (ax, ay) = view.px(a);
            let (bx, by) = view.px(b);
            circle(ctx, ax + (bx - ax) * k, ay + (by - ay) * k, rad);
        }
        if filled {
            ctx.set_fill_style_str(colour);
            ctx.fill();
        } else {
            ctx.set_stroke_style_str(colour);
            ctx.set_line_width(1.5);
            ctx.stroke();
        }
    }

    // Lost legs travel half way, then fade out with a cross.
    let stop = 0.55;
    let lk = k.min(stop);
    let fade = if t > stop {
        1.0 - (t - stop) / (1.0 - stop)
    } else {
        1.0
    };
    ctx.begin_path();
    for c in scene.contacts.iter().filter(|c| !c.delivered) {
        let (Some(&a), Some(&b)) = (pos.get(c.from as usize), pos.get(c.to as usize)) else {
            continue;
        };
        let (ax, ay) = view.px(a);
        let (bx, by) = view.px(b);
        let (x, y) = (ax + (bx - ax) * lk, ay + (by - ay) * lk);
        if t > stop || !scene.motion {
            let d = dot;
            ctx.move_to(x - d, y - d);
            ctx.line_to(x + d, y + d);
            ctx.move_to(x + d, y - d);
            ctx.line_to(x - d, y + d);
        } else {
            circle(ctx, x, y, dot * 0.8);
        }
    }
    ctx.set_global_alpha(fade.max(0.0));
    ctx.set_stroke_style_str(pal.lost);
    ctx.set_line_width(2.0);
    ctx.stroke();
    ctx.set_global_alpha(1.0);
}
