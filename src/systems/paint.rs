//! Painting the SWIM scene: members by shape and colour (circle alive, triangle suspect,
//! square dead, diamond left), the ring of views, process marks, failed probes, and the
//! packets in flight, each kind its own colour and mark.

use std::f64::consts::TAU;

use gossip_engine::swim::{Flight, MemberState, PacketKind};
use web_sys::CanvasRenderingContext2d as Ctx;

use super::scene::{ALIVE, LEFT, Look, Process, SUSPECT, SwimScene, TIMEOUT_MARK_TICKS};
use crate::palette::Palette;
use crate::render::canvas::View;
use crate::render::picture::Picture;

/// Colour and mark of a packet kind.
pub fn flight_colour(kind: PacketKind) -> &'static str {
    match kind {
        PacketKind::Ping | PacketKind::BuddyPing => "#0072B2",
        PacketKind::Ack | PacketKind::IndirectAck => "#009E73",
        PacketKind::PingReq => "#D55E00",
        PacketKind::Nack => "#7b8794",
        PacketKind::Gossip => "#CC79A7",
        PacketKind::PushPull => "#6a3d9a",
    }
}

/// The fill of a member state.
pub fn state_colour(state: MemberState, pal: &Palette) -> &'static str {
    match state {
        MemberState::Alive => ALIVE,
        MemberState::Suspect => SUSPECT,
        MemberState::Dead => pal.dead,
        MemberState::Left => LEFT,
        MemberState::Unknown => pal.unaware_fill,
    }
}

/// Adds the outline of `state`'s shape, centred at (x, y) with radius r, to the path: a
/// circle (alive), a triangle (suspect), a square (dead), a diamond (left).
pub(crate) fn shape(ctx: &Ctx, state: MemberState, x: f64, y: f64, r: f64) {
    match state {
        MemberState::Suspect => {
            let h = r * 1.25;
            ctx.move_to(x, y - h);
            ctx.line_to(x + h * 0.95, y + h * 0.7);
            ctx.line_to(x - h * 0.95, y + h * 0.7);
            ctx.close_path();
        }
        MemberState::Dead => ctx.rect(x - r * 0.9, y - r * 0.9, r * 1.8, r * 1.8),
        MemberState::Left => diamond(ctx, x, y, r * 1.2),
        _ => {
            ctx.move_to(x + r, y);
            let _ = ctx.arc(x, y, r, 0.0, TAU);
        }
    }
}

pub(crate) fn ease(t: f64) -> f64 {
    t * t * (3.0 - 2.0 * t)
}

impl Picture for SwimScene {
    fn paint(&self, ctx: &Ctx, pal: &Palette, w: f64, h: f64, t: f64) {
        let view = View::fit(w, h);
        ctx.set_fill_style_str(pal.background);
        ctx.fill_rect(0.0, 0.0, w, h);
        let r = self.radius(&view);
        let small = self.looks.len() > 64;
        self.paint_flights(ctx, pal, &view, r, t);
        if small {
            self.paint_crowd(ctx, pal, &view, r);
        }
        for (m, look) in self.looks.iter().enumerate() {
            let Some(&p) = self.positions.get(m) else {
                continue;
            };
            let (x, y) = view.px(p);
            if !small {
                paint_member(ctx, pal, look, x, y, r);
            } else if look.process != Process::default() || look.timeout_age.is_some() {
                paint_marks(ctx, pal, look, x, y, r);
            }
            if !small {
                ctx.set_fill_style_str(pal.ink);
                ctx.set_font(&format!(
                    "{}px system-ui, sans-serif",
                    (r * 0.9).clamp(9.0, 14.0)
                ));
                ctx.set_text_align("center");
                ctx.set_text_baseline("middle");
                let (dx, dy) = (x - w / 2.0, y - h / 2.0);
                let d = (dx * dx + dy * dy).sqrt().max(1.0);
                // Inside the circle, towards the centre: outside, the top and bottom labels
                // would fall off the canvas.
                let _ = ctx.fill_text(&m.to_string(), x - dx / d * r * 2.5, y - dy / d * r * 2.5);
            }
        }
        if let Some(sel) = self.selected
            && let Some(&p) = self.positions.get(sel as usize)
        {
            let (x, y) = view.px(p);
            ctx.begin_path();
            let _ = ctx.arc(x, y, r * 1.9 + 3.0, 0.0, TAU);
            ctx.set_stroke_style_str(pal.selection);
            ctx.set_line_width(2.0);
            ctx.stroke();
        }
    }

    fn hit(&self, w: f64, h: f64, x: f64, y: f64) -> Option<u32> {
        let view = View::fit(w, h);
        let n = self.looks.len().min(self.positions.len());
        view.nearest(&self.positions[..n], self.radius(&view) + 5.0, x, y)
    }
}

impl SwimScene {
    /// Many members: one path per state, filled and stroked once, instead of two canvas
    /// calls per member (at N = 2,000 this is most of a frame's cost).
    fn paint_crowd(&self, ctx: &Ctx, pal: &Palette, view: &View, r: f64) {
        for state in [
            MemberState::Alive,
            MemberState::Suspect,
            MemberState::Dead,
            MemberState::Left,
            MemberState::Unknown,
        ] {
            ctx.begin_path();
            let mut any = false;
            for (m, look) in self.looks.iter().enumerate() {
                if look.state == state
                    && let Some(&p) = self.positions.get(m)
                {
                    let (x, y) = view.px(p);
                    shape(ctx, state, x, y, r);
                    any = true;
                }
            }
            if any {
                ctx.set_fill_style_str(state_colour(state, pal));
                ctx.fill();
                ctx.set_stroke_style_str(pal.ink);
                ctx.set_line_width(0.6);
                ctx.stroke();
            }
        }
    }

    /// Where each packet is at animation progress `t`: (packet, x, y, lost), from rim to rim
    /// so that a packet that has just landed stays visible at its receiver's edge between
    /// steps; a lost packet falls short, halfway.
    fn placed(&self, view: &View, r: f64, t: f64) -> Vec<(&Flight, f64, f64, f64, bool)> {
        let clock = f64::from(self.from_tick) + ease(t);
        self.flights
            .iter()
            .filter_map(|f| {
                let a = view.px(*self.positions.get(f.from as usize)?);
                let b = view.px(*self.positions.get(f.to as usize)?);
                let len = ((b.0 - a.0).powi(2) + (b.1 - a.1).powi(2)).sqrt().max(1.0);
                let rim = ((r * 1.15) / len).min(0.45);
                let (p, lost) = match f.lands {
                    Some(l) => {
                        let span = f64::from(l - f.sent).max(1.0);
                        (((clock - f64::from(f.sent)) / span).clamp(0.0, 1.0), false)
                    }
                    None => ((clock - f64::from(f.sent)).clamp(0.0, 1.0) * 0.45, true),
                };
                let p = rim + p * (1.0 - 2.0 * rim);
                Some((f, a.0 + (b.0 - a.0) * p, a.1 + (b.1 - a.1) * p, p, lost))
            })
            .collect()
    }

    /// The packets, one path per kind (and one for the lost), each filled once.
    fn paint_flights(&self, ctx: &Ctx, pal: &Palette, view: &View, r: f64, t: f64) {
        let dot = (r * 0.45).clamp(1.5, 5.0);
        let placed = self.placed(view, r, t);
        for &(f, x, y, _, lost) in &placed {
            if f.kind == PacketKind::PushPull && !lost {
                // A full-state sync is a long transfer: drawn with a tail along its path.
                let a = view.px(self.positions[f.from as usize]);
                let (dx, dy) = (x - a.0, y - a.1);
                let d = (dx * dx + dy * dy).sqrt().max(1.0);
                ctx.begin_path();
                ctx.move_to(x - dx / d * dot * 5.0, y - dy / d * dot * 5.0);
                ctx.line_to(x, y);
                ctx.set_stroke_style_str(flight_colour(f.kind));
                ctx.set_line_width(dot * 1.4);
                ctx.stroke();
            }
        }
        let kinds = [
            PacketKind::Ping,
            PacketKind::BuddyPing,
            PacketKind::Ack,
            PacketKind::IndirectAck,
            PacketKind::PingReq,
            PacketKind::Nack,
            PacketKind::Gossip,
            PacketKind::PushPull,
        ];
        for group in kinds.iter().map(Some).chain([None]) {
            ctx.begin_path();
            let mut any = false;
            for &(f, x, y, _, lost) in &placed {
                if lost != group.is_none() || group.is_some_and(|k| *k != f.kind) {
                    continue;
                }
                any = true;
                match f.kind {
                    PacketKind::PingReq => ctx.rect(x - dot, y - dot, dot * 2.0, dot * 2.0),
                    PacketKind::IndirectAck => diamond(ctx, x, y, dot * 1.3),
                    kind => {
                        let g = if kind == PacketKind::Gossip {
                            dot * (0.8 + f64::from(f.updates).sqrt() * 0.35).min(2.2)
                        } else {
                            dot
                        };
                        ctx.move_to(x + g, y);
                        let _ = ctx.arc(x, y, g, 0.0, TAU);
                    }
                }
            }
            if any {
                ctx.set_fill_style_str(group.map_or(pal.lost, |k| flight_colour(*k)));
                ctx.fill();
            }
        }
        for &(f, x, y, p, lost) in &placed {
            if f.kind == PacketKind::BuddyPing && !lost {
                // The suspicion it carries, as a ring in the suspect colour.
                ctx.begin_path();
                let _ = ctx.arc(x, y, dot * 1.8, 0.0, TAU);
                ctx.set_stroke_style_str(SUSPECT);
                ctx.set_line_width(1.5);
                ctx.stroke();
            }
            if lost && p > 0.3 {
                cross(ctx, pal.lost, x, y, dot * 1.6);
            }
        }
    }
}

/// Adds a diamond of half-diagonal `h` centred at (x, y) to the path.
pub(crate) fn diamond(ctx: &Ctx, x: f64, y: f64, h: f64) {
    ctx.move_to(x, y - h);
    ctx.line_to(x + h, y);
    ctx.line_to(x, y + h);
    ctx.line_to(x - h, y);
    ctx.close_path();
}

pub(crate) fn cross(ctx: &Ctx, colour: &str, x: f64, y: f64, s: f64) {
    ctx.begin_path();
    ctx.move_to(x - s, y - s);
    ctx.line_to(x + s, y + s);
    ctx.move_to(x + s, y - s);
    ctx.line_to(x - s, y + s);
    ctx.set_stroke_style_str(colour);
    ctx.set_line_width(2.0);
    ctx.stroke();
}

/// The ring of a member's views around (x, y): one arc per (share, colour), clockwise from
/// the top. Both real-time pages draw the cluster's disagreement about a node with it.
pub(crate) fn view_ring(ctx: &Ctx, shares: &[(f64, &str)], x: f64, y: f64, r: f64) {
    let mut a0 = -TAU / 4.0;
    for &(share, colour) in shares.iter().filter(|(share, _)| *share > 0.0) {
        ctx.begin_path();
        let _ = ctx.arc(x, y, r * 1.6, a0, a0 + share * TAU);
        ctx.set_stroke_style_str(colour);
        ctx.set_line_width((r * 0.3).max(2.5));
        ctx.stroke();
        a0 += share * TAU;
    }
}

/// One member: the view ring, the shape, the process marks and a failed probe's mark.
fn paint_member(ctx: &Ctx, pal: &Palette, look: &Look, x: f64, y: f64, r: f64) {
    let c = &look.counts;
    let total: f64 = c[1..].iter().map(|&v| f64::from(v)).sum();
    // The ring appears only when the cluster disagrees about the member.
    let all_alive = c[MemberState::Alive as usize] as f64 == total;
    if total > 0.0 && !all_alive {
        let shares = [
            (MemberState::Alive, ALIVE),
            (MemberState::Suspect, SUSPECT),
            (MemberState::Dead, pal.dead),
            (MemberState::Left, LEFT),
        ]
        .map(|(s, colour)| (f64::from(c[s as usize]) / total, colour));
        view_ring(ctx, &shares, x, y, r);
    }
    ctx.begin_path();
    shape(ctx, look.state, x, y, r);
    ctx.set_fill_style_str(state_colour(look.state, pal));
    ctx.fill();
    ctx.set_stroke_style_str(pal.ink);
    ctx.set_line_width(1.2);
    ctx.stroke();
    paint_marks(ctx, pal, look, x, y, r);
}

/// A member's process marks (crashed, paused, slow) and a failed probe's mark.
fn paint_marks(ctx: &Ctx, pal: &Palette, look: &Look, x: f64, y: f64, r: f64) {
    let p = look.process;
    if p.crashed {
        cross(ctx, pal.ink, x, y, r * 0.7);
    } else if p.paused {
        ctx.set_fill_style_str(pal.ink);
        ctx.fill_rect(x - r * 0.45, y - r * 0.5, r * 0.3, r);
        ctx.fill_rect(x + r * 0.15, y - r * 0.5, r * 0.3, r);
    }
    if p.slow && !p.crashed {
        // A slow member: a dashed halo, like a clock's ticks.
        ctx.begin_path();
        let _ = ctx.arc(x, y, r * 2.1, 0.0, TAU);
        let dash = js_sys::Array::of2(&2.0.into(), &3.0.into());
        let _ = ctx.set_line_dash(&dash);
        ctx.set_stroke_style_str(pal.ink);
        ctx.set_line_width(1.5);
        ctx.stroke();
        let _ = ctx.set_line_dash(&js_sys::Array::new());
    }
    if let Some(age) = look.timeout_age {
        let alpha = 1.0 - f64::from(age) / f64::from(TIMEOUT_MARK_TICKS);
        ctx.set_global_alpha(alpha.clamp(0.15, 1.0));
        ctx.begin_path();
        let _ = ctx.arc(x, y, r * 2.5, -TAU / 4.0, TAU * 0.6);
        ctx.set_stroke_style_str("#D55E00");
        ctx.set_line_width(2.5);
        ctx.stroke();
        ctx.set_global_alpha(1.0);
    }
}
