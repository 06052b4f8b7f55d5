//! Entry point of the web app (built by Trunk); see the library for everything else.

fn main() {
    gossip_playground::start();
}

/// The browser bundle's allocator: Talc instead of Rust's default dlmalloc, 2.2 KB less wasm
/// (gzip) and no slower in the frame probe (see README, "Performance"). The page runs on one
/// thread, which is what `TalckWasm` assumes.
#[cfg(target_arch = "wasm32")]
#[global_allocator]
// SAFETY: this is the only `TalckWasm` in the program, as `new_global` requires.
static ALLOCATOR: talc::TalckWasm = unsafe { talc::TalckWasm::new_global() };
