//! Determinism: a run is a pure function of (config, seed, action log) (DESIGN.md §2).
//!
//! The trace hashes of fixed, non-trivial scenarios (faults, partitions, re-injection, joins,
//! random topologies, loss) are pinned in `golden_trace.txt`; `wasm_determinism.rs` checks the
//! same constants in the browser, so native == wasm. A mismatch here means the semantics
//! changed: if that was intended, update the golden file (and say so in the commit).

#![cfg(not(target_arch = "wasm32"))]

mod common;
mod golden;

use common::{anti_entropy, config, inject};
use gossip_engine::trace::trace_hash;
use gossip_engine::{Command, Config, ContactKind, Mode, Simulation, Timeline};

#[test]
fn trace_hashes_match_the_golden_constants() {
    let golden = golden::golden();
    let scenarios = golden::scenarios();
    assert_eq!(
        golden.iter().map(|(n, _)| n.as_str()).collect::<Vec<_>>(),
        scenarios.iter().map(|(n, _)| *n).collect::<Vec<_>>(),
        "golden_trace.txt lists exactly the scenarios of tests/golden/mod.rs, in order"
    );
    let mut report = String::new();
    let mut ok = true;
    for ((name, expected), (_, scenario)) in golden.iter().zip(&scenarios) {
        let got =
            trace_hash(scenario).unwrap_or_else(|e| panic!("{name}: the scenario replays: {e}"));
        report += &format!("{name} {got:016x}\n");
        ok &= got == *expected;
    }
    assert!(
        ok,
        "trace hashes differ from golden_trace.txt: the semantics of a run changed. If intended, \
         the new lines are:\n{report}"
    );
}

#[test]
fn random_streams_match_the_golden_constant() {
    let got = golden::rng_fingerprint();
    assert_eq!(
        got,
        golden::pinned("rng-streams"),
        "the random streams changed (now rng-streams {got:016x}): every stored run and shared \
         link would replay differently"
    );
}

#[test]
fn the_golden_scenarios_are_not_trivial() {
    // The hashes only guard what the scenarios exercise: check that they do.
    for (name, scenario) in golden::scenarios() {
        let mut t = Timeline::from_scenario(&scenario).expect("replays");
        t.seek(0);
        let mut delivered = 0;
        let mut lost = 0;
        let mut changes = 0;
        for _ in 0..scenario.round {
            let r = t.step();
            delivered += r.contacts.iter().filter(|c| c.delivered).count();
            lost += r.contacts.iter().filter(|c| !c.delivered).count();
            changes += r.changes.len() + r.detections.len();
        }
        assert!(
            delivered > 1000 && lost > 100,
            "{name}: many contacts, some lost"
        );
        assert!(changes > 100, "{name}: many state changes");
        assert_eq!(
            t.sim().nodes(),
            201.min(scenario.config.nodes + 1),
            "{name}: the join happened"
        );
        if t.sim().membership().is_none() {
            assert_eq!(t.sim().message_ids().count(), 2, "{name}: two messages");
            assert_eq!(
                t.sim().message(0).expect("m0").versions.len(),
                2,
                "{name}: two versions of m0"
            );
        }
    }
}

#[test]
fn the_trace_hash_sees_a_one_command_difference() {
    let (name, scenario) = golden::scenarios().remove(0);
    let base = trace_hash(&scenario).expect("replays");
    assert_eq!(
        base,
        trace_hash(&scenario).expect("replays"),
        "{name}: same inputs, same hash"
    );
    let mut other = scenario.clone();
    other
        .actions
        .retain(|a| !matches!(a.command, Command::Kill { node: 42 }));
    other
        .actions
        .retain(|a| !matches!(a.command, Command::Revive { node: 42, .. }));
    assert_ne!(
        base,
        trace_hash(&other).expect("replays"),
        "{name}: without one kill, another run"
    );
    let mut reseeded = scenario.clone();
    reseeded.seed += 1;
    assert_ne!(
        base,
        trace_hash(&reseeded).expect("replays"),
        "{name}: another seed, another run"
    );
}

#[test]
fn a_kill_does_not_change_the_peers_other_nodes_pick() {
    // Each (round, node) has its own random stream, drawn first for peer selection, so a
    // counterfactual differs only through the change itself (DESIGN.md §2).
    let cfg = Config {
        loss: 0.2,
        ..config(50, 2, anti_entropy(Mode::PushPull))
    };
    let run = |kill: bool| {
        let mut sim = Simulation::new(cfg.clone(), 99).expect("valid");
        sim.apply(&inject(0, "x")).expect("inject");
        let mut picks = Vec::new();
        for round in 1..=30 {
            if kill && round == 6 {
                sim.apply(&Command::Kill { node: 7 }).expect("alive");
            }
            let r = sim.step();
            // The digest is the first leg of every anti-entropy contact: one per peer picked.
            let mut p: Vec<(u32, u32)> = r
                .contacts
                .iter()
                .filter(|c| c.kind == ContactKind::Digest && c.from != 7)
                .map(|c| (c.from, c.to))
                .collect();
            p.sort_unstable();
            picks.push(p);
        }
        (picks, sim)
    };
    let (with, sim_with) = run(true);
    let (without, sim_without) = run(false);
    assert_eq!(
        with, without,
        "every other node picks the same peers in every round"
    );
    assert_ne!(
        common::fingerprint(&sim_with),
        common::fingerprint(&sim_without),
        "yet the runs differ, through the kill"
    );
}
