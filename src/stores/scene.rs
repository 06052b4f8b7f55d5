//! One frame of a data-store cluster: every node in the state its peers hold it in (by shape
//! and colour, with the share of each view as a ring), Redis masters and their replicas, the
//! crashed and paused, and the messages in the air, each named as its system names it.
//!
//! Shapes and colours are the SWIM page's (circle well, triangle doubted, square failed,
//! diamond not yet known), so the two pages read alike.

use std::f64::consts::TAU;
use std::rc::Rc;

use gossip_engine::swim::MemberState;
use web_sys::CanvasRenderingContext2d as Ctx;

use super::recording::Recording;
use super::run::{Kind, Views, Wire};
use super::scenario::Store;
use crate::palette::Palette;
use crate::render::canvas::View;
use crate::render::picture::Picture;
use crate::systems::paint::{cross, ease, shape, state_colour, view_ring};
use crate::systems::scene::{ALIVE, LEFT, SUSPECT, member_radius};

/// Messages drawn at most; beyond, a sample, so a frame stays cheap at N = 1,000.
const MAX_DRAWN: usize = 4_000;
/// Up to this many messages in the air, each is labelled with its name (SYN, PONG…).
const LABELLED: usize = 24;

/// How the cluster holds a node, drawn as a SWIM state's shape.
pub fn class(store: Store, v: &Views) -> MemberState {
    let [well, doubt, down] = v.map(u32::from);
    match store {
        // FAIL is broadcast once a majority agreed: one observer holding it is enough.
        Store::RedisCluster if down > 0 => MemberState::Dead,
        Store::RedisCluster if doubt > 0 => MemberState::Suspect,
        _ if down > 0 && down >= well => MemberState::Dead,
        _ if down > 0 => MemberState::Suspect,
        Store::Dynamo if doubt > 0 => MemberState::Left,
        _ => MemberState::Alive,
    }
}

/// Colour and short name of a message kind.
pub fn kind_look(kind: Kind) -> (&'static str, &'static str) {
    match kind {
        Kind::Syn => ("#0072B2", "SYN"),
        Kind::Ack => ("#009E73", "ACK"),
        Kind::Ack2 => ("#CC79A7", "ACK2"),
        Kind::Echo => ("#7b8794", "ECHO"),
        Kind::Ping => ("#0072B2", "PING"),
        Kind::Pong => ("#009E73", "PONG"),
        Kind::Fail => ("#D55E00", "FAIL"),
        Kind::Vote => ("#6a3d9a", "AUTH"),
        Kind::Gossip => ("#0072B2", "gossip"),
        Kind::Merkle => ("#E69F00", "Merkle"),
        Kind::Keys => ("#D55E00", "keys"),
    }
}

/// The message kinds of a system, in the legend's order.
pub fn kinds(store: Store) -> &'static [Kind] {
    match store {
        Store::Cassandra => &[Kind::Syn, Kind::Ack, Kind::Ack2, Kind::Echo],
        Store::RedisCluster => &[Kind::Ping, Kind::Pong, Kind::Fail, Kind::Vote],
        Store::Dynamo => &[Kind::Gossip, Kind::Merkle, Kind::Keys],
    }
}

/// The cluster at one tick.
#[derive(Clone, Debug)]
pub struct StoreScene {
    /// The system.
    pub store: Store,
    /// Positions in the unit square.
    pub positions: Rc<Vec<(f32, f32)>>,
    /// What the others hold of each node.
    pub views: Vec<Views>,
    /// Crashed or paused.
    pub down: Vec<bool>,
    /// Redis: (master, master of) per node.
    pub roles: Rc<Vec<(bool, Option<u32>)>>,
    /// Messages in the air over the tick that led here.
    pub wires: Vec<Wire>,
    /// The tick the animation starts from.
    pub from_tick: u32,
    /// The selected node.
    pub selected: Option<u32>,
}

impl StoreScene {
    /// The scene at the recording's tick shown.
    pub fn at(rec: &Recording, positions: Rc<Vec<(f32, f32)>>, selected: Option<u32>) -> Self {
        let f = rec.frame();
        let mut wires = rec.in_flight();
        if wires.len() > MAX_DRAWN {
            let k = wires.len().div_ceil(MAX_DRAWN);
            wires = wires.into_iter().step_by(k).collect();
        }
        StoreScene {
            store: rec.scenario().store,
            positions,
            views: f.views.clone(),
            down: f.down.clone(),
            roles: f.roles.clone(),
            wires,
            from_tick: rec.now().saturating_sub(1),
            selected,
        }
    }

    fn radius(&self, view: &View) -> f64 {
        member_radius(self.views.len(), view)
    }

    fn at_px(&self, view: &View, node: u32) -> Option<(f64, f64)> {
        self.positions.get(node as usize).map(|&p| view.px(p))
    }

    /// Redis: a thin line from each replica to its master.
    fn paint_replication(&self, ctx: &Ctx, pal: &Palette, view: &View) {
        ctx.begin_path();
        for (i, (_, of)) in self.roles.iter().enumerate() {
            if let (Some(m), Some(a)) = (of, self.at_px(view, i as u32))
                && let Some(b) = self.at_px(view, *m)
            {
                ctx.move_to(a.0, a.1);
                ctx.line_to(b.0, b.1);
            }
        }
        ctx.set_stroke_style_str(pal.edge);
        ctx.set_line_width(1.0);
        let dash = js_sys::Array::of2(&3.0.into(), &3.0.into());
        let _ = ctx.set_line_dash(&dash);
        ctx.stroke();
        let _ = ctx.set_line_dash(&js_sys::Array::new());
    }

    /// Paints the messages; returns their labels, painted after the nodes so that none is
    /// hidden under one.
    fn paint_wires(
        &self,
        ctx: &Ctx,
        pal: &Palette,
        view: &View,
        r: f64,
        t: f64,
    ) -> Vec<(String, f64, f64)> {
        let mut labels = Vec::new();
        let clock = f64::from(self.from_tick) + ease(t);
        let dot = (r * 0.45).clamp(1.5, 5.0);
        let label = self.wires.len() <= LABELLED;
        // Labels of messages on the same path are stacked, not printed over each other.
        let mut on_path: Vec<((u32, u32), f64)> = Vec::new();
        for w in &self.wires {
            let (Some(a), Some(b)) = (self.at_px(view, w.from), self.at_px(view, w.to)) else {
                continue;
            };
            // Dynamo's Merkle walk and key transfer ride with the answer: drawn as a train
            // behind it, so that each can be seen.
            let lag = match w.kind {
                Kind::Merkle => 0.12,
                Kind::Keys => 0.24,
                _ => 0.0,
            };
            let len = ((b.0 - a.0).powi(2) + (b.1 - a.1).powi(2)).sqrt().max(1.0);
            let rim = ((r * 1.15) / len).min(0.45);
            let (p, lost) = match w.lands {
                Some(l) => {
                    let span = f64::from(l - w.sent).max(1.0);
                    (
                        (((clock - f64::from(w.sent)) / span) * (1.0 + lag) - lag).clamp(0.0, 1.0),
                        false,
                    )
                }
                None => ((clock - f64::from(w.sent)).clamp(0.0, 1.0) * 0.45, true),
            };
            let p = rim + p * (1.0 - 2.0 * rim);
            let (x, y) = (a.0 + (b.0 - a.0) * p, a.1 + (b.1 - a.1) * p);
            let (colour, name) = kind_look(w.kind);
            // A gossip section or a key transfer grows with what it carries.
            let g = dot * (0.8 + f64::from(w.items).sqrt() * 0.3).clamp(1.0, 2.6);
            ctx.begin_path();
            if w.kind == Kind::Merkle {
                ctx.rect(x - g, y - g, g * 2.0, g * 2.0);
            } else {
                ctx.move_to(x + g, y);
                let _ = ctx.arc(x, y, g, 0.0, TAU);
            }
            ctx.set_fill_style_str(if lost { pal.lost } else { colour });
            ctx.fill();
            if lost && p > 0.3 {
                cross(ctx, pal.lost, x, y, g * 1.6);
            }
            if label && !lost {
                let text = if w.items > 0 {
                    format!("{name} {}", w.items)
                } else {
                    name.to_string()
                };
                let row = match on_path.iter_mut().find(|(k, _)| *k == (w.from, w.to)) {
                    Some((_, n)) => {
                        *n += 1.0;
                        *n
                    }
                    None => {
                        on_path.push(((w.from, w.to), 0.0));
                        0.0
                    }
                };
                labels.push((text, x + g + 2.0, y - 2.0 - row * 12.0));
            }
        }
        labels
    }

    /// The messages' labels, on a halo of the background so they read over nodes and lines.
    fn paint_labels(ctx: &Ctx, pal: &Palette, labels: &[(String, f64, f64)]) {
        ctx.set_font("600 11px system-ui, sans-serif");
        ctx.set_text_align("left");
        ctx.set_text_baseline("bottom");
        ctx.set_line_width(3.0);
        ctx.set_stroke_style_str(pal.background);
        ctx.set_fill_style_str(pal.ink);
        for (text, x, y) in labels {
            let _ = ctx.stroke_text(text, *x, *y);
            let _ = ctx.fill_text(text, *x, *y);
        }
    }

    fn paint_node(
        &self,
        ctx: &Ctx,
        pal: &Palette,
        i: usize,
        (x, y): (f64, f64),
        r: f64,
        big: bool,
    ) {
        let v = self.views[i];
        let state = class(self.store, &v);
        let total: f64 = v.iter().map(|&c| f64::from(c)).sum();
        if big && total > 0.0 && f64::from(v[0]) < total {
            let doubt = if self.store == Store::Dynamo {
                LEFT
            } else {
                SUSPECT
            };
            let colours = [ALIVE, doubt, pal.dead];
            let shares: [(f64, &str); 3] =
                std::array::from_fn(|k| (f64::from(v[k]) / total, colours[k]));
            view_ring(ctx, &shares, x, y, r);
        }
        ctx.begin_path();
        shape(ctx, state, x, y, r);
        ctx.set_fill_style_str(state_colour(state, pal));
        ctx.fill();
        let master = self.roles.get(i).is_some_and(|r| r.0);
        ctx.set_stroke_style_str(pal.ink);
        ctx.set_line_width(if master { 3.0 } else { 1.2 });
        ctx.stroke();
        if self.down.get(i).copied().unwrap_or(false) {
            cross(ctx, pal.ink, x, y, r * 0.7);
        }
    }
}

impl Picture for StoreScene {
    fn paint(&self, ctx: &Ctx, pal: &Palette, w: f64, h: f64, t: f64) {
        let view = View::fit(w, h);
        ctx.set_fill_style_str(pal.background);
        ctx.fill_rect(0.0, 0.0, w, h);
        let r = self.radius(&view);
        let big = self.views.len() <= 64;
        if self.store == Store::RedisCluster && big {
            self.paint_replication(ctx, pal, &view);
        }
        let labels = self.paint_wires(ctx, pal, &view, r, t);
        for i in 0..self.views.len() {
            let Some((x, y)) = self.at_px(&view, i as u32) else {
                continue;
            };
            self.paint_node(ctx, pal, i, (x, y), r, big);
            if big {
                ctx.set_fill_style_str(pal.ink);
                ctx.set_font(&format!(
                    "{}px system-ui, sans-serif",
                    (r * 0.9).clamp(9.0, 14.0)
                ));
                ctx.set_text_align("center");
                ctx.set_text_baseline("middle");
                let (dx, dy) = (x - w / 2.0, y - h / 2.0);
                let d = (dx * dx + dy * dy).sqrt().max(1.0);
                let _ = ctx.fill_text(&i.to_string(), x - dx / d * r * 2.5, y - dy / d * r * 2.5);
            }
        }
        Self::paint_labels(ctx, pal, &labels);
        if let Some((x, y)) = self.selected.and_then(|s| self.at_px(&view, s)) {
            ctx.begin_path();
            let _ = ctx.arc(x, y, r * 1.9 + 3.0, 0.0, TAU);
            ctx.set_stroke_style_str(pal.selection);
            ctx.set_line_width(2.0);
            ctx.stroke();
        }
    }

    fn hit(&self, w: f64, h: f64, x: f64, y: f64) -> Option<u32> {
        let view = View::fit(w, h);
        let n = self.views.len().min(self.positions.len());
        view.nearest(&self.positions[..n], self.radius(&view) + 5.0, x, y)
    }
}
