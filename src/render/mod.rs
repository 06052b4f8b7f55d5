//! Drawing the cluster: deterministic layouts and the canvas painter.

pub mod canvas;
pub mod layout;
pub mod picture;
pub mod svg;
