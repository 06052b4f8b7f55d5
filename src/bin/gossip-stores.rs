//! Entry point of the data-store page (`stores.html`, built by Trunk); see
//! `gossip_playground::stores`.

fn main() {
    gossip_playground::stores::start();
}

/// The same allocator as the player (see `src/main.rs` for why).
#[cfg(target_arch = "wasm32")]
#[global_allocator]
// SAFETY: this is the only `TalckWasm` in the program, as `new_global` requires.
static ALLOCATOR: talc::TalckWasm = unsafe { talc::TalckWasm::new_global() };
