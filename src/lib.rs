//! Gossip Playground: the browser app. The engine (crate `gossip-engine`) runs here as
//! WebAssembly; this crate only draws it and turns clicks and keys into commands.
//!
//! The binary (`main.rs`) only calls [`start`]; everything lives in this library so that the
//! browser tests can mount components.

#![forbid(unsafe_code)]

pub mod address;
pub mod app;
pub mod bands;
pub mod components;
pub mod draft;
pub mod embed;
pub mod i18n;
pub mod knowledge;
pub mod lang;
pub mod lessons;
pub mod narrate;
pub mod num;
pub mod palette;
pub mod panic_hook;
pub mod probe;
pub mod render;
pub mod scene;
pub mod share;
pub mod spacetime;
pub mod state;
pub mod stores;
pub mod systems;
pub mod view;

/// Installs the panic overlay and mounts the app on `<body>`.
pub fn start() {
    panic_hook::install();
    yew::Renderer::<app::App>::new().render();
}
