//! What the graph component animates, whichever page draws it.

use crate::palette::Palette;

/// A picture the graph can animate: the player's round scene and the real-systems page's
/// SWIM scene both paint through this one component (its animation loop, resizing and
/// clicks).
pub trait Picture: 'static {
    /// Draws at animation progress `t` in `[0, 1]` on a canvas `w` × `h` CSS pixels.
    fn paint(&self, ctx: &web_sys::CanvasRenderingContext2d, pal: &Palette, w: f64, h: f64, t: f64);
    /// The node under pixel (x, y) of a canvas `w` × `h`, if any.
    fn hit(&self, w: f64, h: f64, x: f64, y: f64) -> Option<u32>;
}
