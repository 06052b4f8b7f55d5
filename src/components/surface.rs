//! A canvas ready to paint: its backing store sized to the element's CSS size times the
//! device pixel ratio, its 2D context, and the palette of the page's theme. The graph, the
//! knowledge heatmap and the time-space diagram all start here.

use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

use crate::palette::{self, Palette};

/// What a painter gets.
pub struct Surface {
    /// The 2D context.
    pub ctx: CanvasRenderingContext2d,
    /// Device pixels per CSS pixel.
    pub dpr: f64,
    /// The element's CSS width and height.
    pub css: (f64, f64),
    /// The palette of the page's theme.
    pub palette: &'static Palette,
}

/// Whether the page is dark (the system's preference, or a link's `theme=dark`).
pub fn dark() -> bool {
    web_sys::window()
        .and_then(|w| w.match_media("(prefers-color-scheme: dark)").ok().flatten())
        .is_some_and(|m| m.matches())
        || web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element())
            .is_some_and(|e| e.get_attribute("data-theme").as_deref() == Some("dark"))
}

/// Sizes `canvas` for sharp drawing and returns it ready to paint in CSS pixels (the
/// transform scales by the pixel ratio); `None` while it is smaller than `min` CSS pixels
/// (hidden, or not laid out yet).
pub fn surface(canvas: &HtmlCanvasElement, min: (f64, f64)) -> Option<Surface> {
    let dpr = web_sys::window()
        .map_or(1.0, |w| w.device_pixel_ratio())
        .max(1.0);
    let css = (
        f64::from(canvas.client_width()),
        f64::from(canvas.client_height()),
    );
    if css.0 < min.0 || css.1 < min.1 {
        return None;
    }
    let (pw, ph) = ((css.0 * dpr).round() as u32, (css.1 * dpr).round() as u32);
    if canvas.width() != pw || canvas.height() != ph {
        canvas.set_width(pw);
        canvas.set_height(ph);
    }
    let ctx = canvas
        .get_context("2d")
        .ok()
        .flatten()
        .and_then(|c| c.dyn_into::<CanvasRenderingContext2d>().ok())?;
    let _ = ctx.set_transform(dpr, 0.0, 0.0, dpr, 0.0, 0.0);
    let palette = if dark() {
        &palette::DARK
    } else {
        &palette::LIGHT
    };
    Some(Surface {
        ctx,
        dpr,
        css,
        palette,
    })
}
