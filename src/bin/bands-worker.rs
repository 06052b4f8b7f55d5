//! Entry point of the bands worker (a Web Worker with its own wasm bundle, built by Trunk from
//! index.html's `data-type="worker"` link with the engine's `fast-paths` feature); see
//! `gossip_playground::bands`.

fn main() {
    gossip_playground::bands::worker::start();
}

/// The same allocator as the player (see `src/main.rs` for why); a worker runs on one thread
/// too.
#[cfg(target_arch = "wasm32")]
#[global_allocator]
// SAFETY: this is the only `TalckWasm` in the program, as `new_global` requires.
static ALLOCATOR: talc::TalckWasm = unsafe { talc::TalckWasm::new_global() };
