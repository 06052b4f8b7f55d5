//! wasm against native: the anti-entropy push round of the criterion bench (`benches/engine.rs`,
//! `push_round/anti_entropy/100000`: fanout 3, a pseudo-random half informed, recording off),
//! timed in a dedicated worker in headless Chromium, where the page's workers would run it.
//! A measurement, not a check, so it is ignored unless asked for:
//!
//! `CHROMEDRIVER=/usr/bin/chromedriver cargo test --release --target wasm32-unknown-unknown
//! -p gossip-engine --no-default-features --features serde,fast-paths --test wasm_speed -- --include-ignored`
//!
//! It measures the fast path the CLI and the bands worker run, so it only exists with the
//! `fast-paths` feature (the player leaves the feature off, and without it the file is empty).
//!
//! and its native counterpart is `cargo bench -p gossip-engine --bench engine -- push_round`.

#![cfg(all(target_arch = "wasm32", feature = "fast-paths"))]

// The bench's own cluster; this test uses only `half_informed` of it.
#[path = "../benches/cluster.rs"]
#[allow(dead_code)]
mod cluster;

use cluster::half_informed;
use wasm_bindgen_test::{console_log, wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_dedicated_worker);

/// The bench's size.
const N: u32 = 100_000;
/// Rounds timed, each the first on a fresh copy of the half-informed cluster, as criterion's
/// `iter_batched_ref` does natively.
const SAMPLES: usize = 100;

/// `performance.now()` of the worker's global scope, in ms (Date's millisecond steps are too
/// coarse for a round of about a millisecond).
fn now() -> f64 {
    use js_sys::wasm_bindgen::JsCast;
    let perf = js_sys::Reflect::get(&js_sys::global(), &"performance".into()).expect("performance");
    let f: js_sys::Function = js_sys::Reflect::get(&perf, &"now".into())
        .expect("now")
        .dyn_into()
        .expect("a function");
    f.call0(&perf).expect("now()").as_f64().expect("a number")
}

#[wasm_bindgen_test]
#[ignore = "a measurement, not a check"]
fn push_round_in_a_worker() {
    let base = half_informed(N);
    let mut ms = Vec::with_capacity(SAMPLES);
    for _ in 0..SAMPLES {
        let mut sim = base.clone();
        let t = now();
        std::hint::black_box(sim.step());
        ms.push(now() - t);
    }
    ms.sort_by(f64::total_cmp);
    console_log!(
        "push_round/anti_entropy/{N} in a dedicated worker: median {:.3} ms ({} rounds; min {:.3}, max {:.3})",
        ms[SAMPLES / 2],
        SAMPLES,
        ms[0],
        ms[SAMPLES - 1]
    );
}
