//! The time-space diagram: one horizontal line per node (the first 50), time running to the
//! right, each leg an arrow from its sender's line at the start of its round to its receiver's
//! line at the end of it (deliveries take effect at the end of a round), a lost leg ending in a
//! cross. Under latency an update's arrow ends in the tick it lands in, and one still on the
//! wire is drawn up to now. It shows the rounds up to the current one, so it follows the
//! transport; only the rounds in view are drawn, so a run of any length costs the same.
//! `super::analysis` holds the panel.

use gossip_engine::ContactKind;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

use crate::components::surface::{Surface, surface};
use crate::palette::Palette;
use crate::spacetime::{Leg, Spacetime};

/// Rounds in view.
const WINDOW: u32 = 24;

/// The colour of a leg, as the graph draws it.
fn colour(pal: &Palette, leg: &Leg) -> &'static str {
    match (leg.delivered, leg.kind) {
        (false, _) => pal.lost,
        (true, ContactKind::Digest | ContactKind::Request | ContactKind::Heartbeat) => pal.control,
        (true, _) if leg.useful => pal.useful,
        _ => pal.redundant,
    }
}

/// Paints the rounds in view, ending at `round`.
pub fn paint(el: &HtmlCanvasElement, st: &Spacetime, round: u32) {
    let Some(Surface {
        ctx,
        css: (cw, chh),
        palette: pal,
        ..
    }) = surface(el, (40.0, 10.0))
    else {
        return;
    };
    ctx.set_fill_style_str(pal.background);
    ctx.fill_rect(0.0, 0.0, cw, chh);

    // The window ends at the current round (or shows the first WINDOW rounds); the future,
    // computed or not, is not drawn.
    let last = round.max(WINDOW);
    let first = last.saturating_sub(WINDOW) + 1;
    let (left, top) = (28.0, 16.0);
    let col = (cw - left - 4.0) / f64::from(WINDOW);
    let row = (chh - top - 4.0) / f64::from(st.lines.max(1));
    // Round r occupies [x(r - 1), x(r)]: sent at its start, delivered at its end.
    let x = |r: u32| left + f64::from(r + 1 - first) * col;
    let y = |node: u32| top + (f64::from(node) + 0.5) * row;

    ctx.set_font("10px sans-serif");
    ctx.set_fill_style_str(pal.ink);
    ctx.set_text_align("center");
    for r in first..=last {
        if r == round {
            ctx.set_global_alpha(0.12);
            ctx.set_fill_style_str(pal.selection);
            ctx.fill_rect(x(r - 1), top - 2.0, col, chh - top);
            ctx.set_global_alpha(1.0);
            ctx.set_fill_style_str(pal.ink);
        }
        // Every fifth round, and the current one (without a neighbour's label to collide with).
        if r == round || (r % 5 == 0 && r.abs_diff(round) > 1) {
            let _ = ctx.fill_text(&r.to_string(), x(r) - col / 2.0, 11.0);
        }
    }
    ctx.set_text_align("right");
    ctx.set_stroke_style_str(pal.edge);
    ctx.set_line_width(1.0);
    let label_every = if st.lines > 25 { 5 } else { 1 };
    for n in 0..st.lines {
        ctx.begin_path();
        ctx.move_to(left, y(n));
        ctx.line_to(cw - 4.0, y(n));
        ctx.stroke();
        if n % label_every == 0 {
            let _ = ctx.fill_text(&n.to_string(), left - 4.0, y(n) + 3.0);
        }
    }
    ctx.set_line_width(1.2);
    for r in first..=round.min(st.legs.len() as u32) {
        for leg in &st.legs[(r - 1) as usize] {
            let c = colour(pal, leg);
            ctx.set_stroke_style_str(c);
            ctx.set_fill_style_str(c);
            let (x0, y0) = (x(r - 1) + 2.0, y(leg.from));
            // Under latency an update lands `lands` ticks later; one still on the wire is
            // drawn up to now, without a head.
            let (x1, y1) = (x(r + leg.lands) - 2.0, y(leg.to));
            let on_wire = r + leg.lands > round;
            // A lost leg stops halfway, in a cross.
            let (x1, y1) = if !leg.delivered {
                ((x0 + x1) / 2.0, (y0 + y1) / 2.0)
            } else if on_wire {
                let k = (x(round) - x0) / (x1 - x0).max(1e-9);
                (x(round), y0 + (y1 - y0) * k)
            } else {
                (x1, y1)
            };
            ctx.begin_path();
            ctx.move_to(x0, y0);
            ctx.line_to(x1, y1);
            ctx.stroke();
            if on_wire {
                continue;
            }
            if leg.delivered {
                arrow_head(&ctx, x0, y0, x1, y1);
            } else {
                ctx.begin_path();
                ctx.move_to(x1 - 3.0, y1 - 3.0);
                ctx.line_to(x1 + 3.0, y1 + 3.0);
                ctx.move_to(x1 + 3.0, y1 - 3.0);
                ctx.line_to(x1 - 3.0, y1 + 3.0);
                ctx.stroke();
            }
        }
    }
}

/// A small filled head at (x1, y1), pointing away from (x0, y0).
fn arrow_head(ctx: &CanvasRenderingContext2d, x0: f64, y0: f64, x1: f64, y1: f64) {
    let (dx, dy) = (x1 - x0, y1 - y0);
    let len = dx.hypot(dy).max(1e-9);
    let (ux, uy) = (dx / len, dy / len);
    let (size, half) = (5.0, 2.5);
    ctx.begin_path();
    ctx.move_to(x1, y1);
    ctx.line_to(x1 - ux * size - uy * half, y1 - uy * size + ux * half);
    ctx.line_to(x1 - ux * size + uy * half, y1 - uy * size - ux * half);
    ctx.close_path();
    ctx.fill();
}
