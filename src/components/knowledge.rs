//! The "Who knew what, and when" picture: a heatmap of node × round in the graph's colours,
//! for the shown message (or, under membership, the beliefs about the followed node), and
//! which cell a click lands on. `super::analysis` holds the panel.

use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

use crate::components::surface::{Surface, surface};
use crate::knowledge::Knowledge;
use crate::palette::{self, Palette};

/// The (round, first node) of the cell at (`x`, `y`) in an element of `w` × `h` pixels.
pub fn cell_at(k: &Knowledge, x: f64, y: f64, w: f64, h: f64) -> Option<(u32, u32)> {
    if w < 1.0 || h < 1.0 || k.rows == 0 {
        return None;
    }
    let cols = k.column_count();
    let col = ((x / w * f64::from(cols)) as u32).min(cols - 1);
    let row = ((y / h * f64::from(k.rows)) as u32).min(k.rows - 1);
    Some((k.round_of(col), k.first_node(row)))
}

/// Mixes the state colours of a row's nodes by how many nodes show each.
fn mix(pal: &Palette, counts: &[u16; 4]) -> String {
    let colours = [pal.unaware_fill, pal.fresh, pal.stale, pal.dead];
    let total: u32 = counts.iter().map(|&c| u32::from(c)).sum();
    if total == 0 {
        return pal.background.to_string();
    }
    let mut rgb = [0u32; 3];
    for (c, hex) in counts.iter().zip(colours) {
        let v = u32::from_str_radix(hex.trim_start_matches('#'), 16).unwrap_or(0);
        for (i, channel) in rgb.iter_mut().enumerate() {
            *channel += (v >> (16 - 8 * i) & 0xff) * u32::from(*c);
        }
    }
    let [r, g, b] = rgb.map(|x| x / total);
    format!("rgb({r},{g},{b})")
}

/// The cells as last drawn, off screen: a render that only moves the round or the selection
/// (every step while playing) copies them instead of filling every cell again.
#[derive(Default)]
pub struct Cells {
    canvas: Option<HtmlCanvasElement>,
    /// (reading, columns read, backing width, backing height, dark) of the drawn cells.
    key: Option<(u64, usize, u32, u32, bool)>,
}

/// Paints the table read so far (`reading` tells one reading's table from the next) at the
/// canvas's own size, and outlines the current round's column and the selected node's row.
pub fn paint(
    el: &HtmlCanvasElement,
    k: &Knowledge,
    reading: u64,
    cells: &mut Cells,
    round: u32,
    selected: Option<u32>,
) {
    let Some(Surface {
        ctx,
        dpr,
        css: (w, h),
        palette: pal,
    }) = surface(el, (2.0, 2.0))
    else {
        return;
    };
    let (cols, rows) = (k.column_count(), k.rows);
    // Cell edges on whole pixels, so neighbouring cells neither overlap nor leave gaps.
    let x = |c: u32| (f64::from(c) * w / f64::from(cols.max(1))).round();
    let y = |r: u32| (f64::from(r) * h / f64::from(rows.max(1))).round();
    let key = (
        reading,
        k.columns.len(),
        el.width(),
        el.height(),
        std::ptr::eq(pal, &palette::DARK),
    );
    if cells.key != Some(key) {
        if let Some(off) = offscreen(cells, el, dpr) {
            fill_cells(&off, k, pal, w, h, &x, &y);
            cells.key = Some(key);
        }
    }
    if let Some(off) = &cells.canvas {
        let _ = ctx.draw_image_with_html_canvas_element_and_dw_and_dh(off, 0.0, 0.0, w, h);
    }
    // The outlines: 2 CSS pixels wide, drawn inside their cells.
    let inset = 1.0;
    ctx.set_stroke_style_str(pal.selection);
    ctx.set_line_width(2.0 * inset);
    let c = (round / k.stride).min(cols - 1);
    ctx.stroke_rect(
        x(c) + inset,
        inset,
        (x(c + 1) - x(c) - 2.0 * inset).max(1.0),
        h - 2.0 * inset,
    );
    if let Some(n) = selected.filter(|&n| n < k.nodes) {
        let r = k.row_of(n).min(rows - 1);
        ctx.stroke_rect(
            inset,
            y(r) + inset,
            w - 2.0 * inset,
            (y(r + 1) - y(r) - 2.0 * inset).max(1.0),
        );
    }
}

/// The off-screen canvas, sized like `el`, ready to paint in CSS pixels.
fn offscreen(
    cells: &mut Cells,
    el: &HtmlCanvasElement,
    dpr: f64,
) -> Option<CanvasRenderingContext2d> {
    if cells.canvas.is_none() {
        cells.canvas = web_sys::window()?
            .document()?
            .create_element("canvas")
            .ok()?
            .dyn_into::<HtmlCanvasElement>()
            .ok();
    }
    let off = cells.canvas.as_ref()?;
    off.set_width(el.width());
    off.set_height(el.height());
    let ctx = off
        .get_context("2d")
        .ok()??
        .dyn_into::<CanvasRenderingContext2d>()
        .ok()?;
    let _ = ctx.set_transform(dpr, 0.0, 0.0, dpr, 0.0, 0.0);
    Some(ctx)
}

/// Every cell read so far, in the mix of its nodes' colours.
fn fill_cells(
    ctx: &CanvasRenderingContext2d,
    k: &Knowledge,
    pal: &Palette,
    w: f64,
    h: f64,
    x: &dyn Fn(u32) -> f64,
    y: &dyn Fn(u32) -> f64,
) {
    ctx.set_fill_style_str(pal.background);
    ctx.fill_rect(0.0, 0.0, w, h);
    // Most cells share a few mixes (whole rows of one state): the last few colours are kept.
    let mut recent: Vec<([u16; 4], String)> = Vec::with_capacity(16);
    for (c, column) in (0u32..).zip(&k.columns) {
        for (r, counts) in (0u32..).zip(column) {
            let i = match recent.iter().position(|(k, _)| k == counts) {
                Some(i) => i,
                None => {
                    if recent.len() == 16 {
                        recent.remove(0);
                    }
                    recent.push((*counts, mix(pal, counts)));
                    recent.len() - 1
                }
            };
            ctx.set_fill_style_str(&recent[i].1);
            ctx.fill_rect(x(c), y(r), x(c + 1) - x(c), y(r + 1) - y(r));
        }
    }
}
