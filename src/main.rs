//! Gossip Playground: the browser app. The engine (crate `gossip-engine`) runs here as
//! WebAssembly; this crate only draws it and turns clicks into commands.

#![forbid(unsafe_code)]

mod app;
mod components;
mod draft;
mod narrate;
mod palette;
mod panic_hook;
mod render;
mod scene;
mod state;

fn main() {
    panic_hook::install();
    yew::Renderer::<app::App>::new().render();
}
