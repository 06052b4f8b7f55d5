//! The app's panels and controls. Per-node visuals are drawn on the canvas, never as
//! components.

pub mod analysis;
pub mod bands;
pub mod chart;
pub mod embed_bar;
pub mod graph;
pub mod inspector;
pub mod knowledge;
pub mod lang;
pub mod legend;
pub mod lessons;
pub mod markup;
pub mod messages;
pub mod overlays;
pub mod playback;
pub mod reading;
pub mod round_log;
pub mod settings;
pub mod share;
pub mod spacetime;
pub mod summary;
pub mod surface;
pub mod transport;
pub mod transport_keys;
