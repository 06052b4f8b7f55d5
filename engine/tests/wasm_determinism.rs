//! Native == wasm: the browser computes the trace hashes of the golden scenarios and must get
//! the constants pinned in `golden_trace.txt`, which `determinism.rs` checks natively.
//!
//! Run: `CHROMEDRIVER=/usr/bin/chromedriver cargo test --target wasm32-unknown-unknown
//! -p gossip-engine --no-default-features --features serde --test wasm_determinism`.

#![cfg(target_arch = "wasm32")]

mod golden;

use gossip_engine::trace::trace_hash;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn trace_hashes_in_the_browser_match_the_golden_constants() {
    let golden = golden::golden();
    let scenarios = golden::scenarios();
    assert_eq!(
        golden.len(),
        scenarios.len(),
        "one golden line per scenario"
    );
    for ((name, expected), (scenario_name, scenario)) in golden.iter().zip(&scenarios) {
        assert_eq!(
            name, scenario_name,
            "golden_trace.txt follows tests/golden/mod.rs"
        );
        let got = trace_hash(scenario).unwrap_or_else(|e| panic!("{name}: replays: {e}"));
        assert_eq!(
            format!("{got:016x}"),
            format!("{expected:016x}"),
            "{name}: the browser computed another run than the native build"
        );
    }
}

#[wasm_bindgen_test]
fn random_streams_in_the_browser_are_the_native_ones() {
    assert_eq!(
        format!("{:016x}", golden::rng_fingerprint()),
        format!("{:016x}", golden::pinned("rng-streams")),
        "the random streams differ from the native build"
    );
}
