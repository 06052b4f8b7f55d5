//! Runs of whole Dynamo clusters.

use crate::dynamo::{DynamoCommand, DynamoConfig, DynamoPreset, DynamoSimulation};

fn sim(n: u32, seed: u64) -> DynamoSimulation {
    DynamoSimulation::new(DynamoConfig::preset(DynamoPreset::Dynamo, n), seed).unwrap()
}

fn run_s(s: &mut DynamoSimulation, seconds: u32) {
    for _ in 0..seconds * 10 {
        s.step();
    }
}

#[test]
fn a_quiet_cluster_has_no_false_positives_and_merkle_beats_full_transfer() {
    let mut s = sim(20, 1);
    run_s(&mut s, 60);
    let m = s.metrics();
    assert_eq!(m.false_positives, 0);
    assert!(m.syncs > 1000 && m.keys_transferred > 0);
    assert!(m.merkle_bytes * 20 < m.full_bytes);
    assert!(m.merkle_bytes < m.digest_bytes);
    // Each node sends about one call and one answer a second, each the full table.
    let per_member_s = m.bytes as f64 / 20.0 / 60.0;
    assert!((2.0 * 20.0 * 72.0..2.6 * 20.0 * 72.0 + 40.0).contains(&per_member_s));
}

#[test]
fn a_crash_is_detected_locally_first_by_one_then_by_all() {
    let mut s = sim(10, 2);
    run_s(&mut s, 5);
    s.apply(&DynamoCommand::Kill { node: 4 }).unwrap();
    run_s(&mut s, 120);
    let d = s.metrics().detections[&4];
    let (first, all) = (d.first.unwrap(), d.all.unwrap());
    assert!(first <= 40 && all >= first, "{first} {all}");
    assert_eq!(s.metrics().false_positives, 0);
    assert_eq!(s.node(0).unwrap().reachable(4), Some(false));
}

#[test]
fn joins_through_seeds_leave_no_logical_partition_and_rings_agree() {
    let mut s = sim(6, 3);
    for _ in 0..4 {
        s.apply(&DynamoCommand::Join).unwrap();
    }
    run_s(&mut s, 60);
    assert!(s.views_complete());
    let tokens = s.config().tokens;
    let ring = s.node(0).unwrap().ring(tokens);
    assert_eq!(ring.len(), 10 * tokens as usize);
    assert!((1..10).all(|i| s.node(i).unwrap().ring(tokens) == ring));
}

#[test]
fn without_seeds_joined_nodes_stay_logically_partitioned() {
    let mut c = DynamoConfig::preset(DynamoPreset::Dynamo, 4);
    c.seeds = 0;
    let mut s = DynamoSimulation::new(c, 4).unwrap();
    s.apply(&DynamoCommand::Join).unwrap();
    run_s(&mut s, 30);
    assert!(!s.views_complete());
}

#[test]
fn partition_heal_pause_restart_and_loss() {
    let mut s = sim(10, 5);
    s.apply(&DynamoCommand::Partition {
        groups: vec![(0..5).collect()],
    })
    .unwrap();
    run_s(&mut s, 60);
    assert!(s.metrics().false_positives > 0);
    assert_eq!(s.node(0).unwrap().reachable(9), Some(false));
    s.apply(&DynamoCommand::Heal).unwrap();
    run_s(&mut s, 120);
    assert!((0..10).all(|i| s.node(i).unwrap().unreachable.is_empty()));
    s.apply(&DynamoCommand::Pause { node: 1, ms: 5000 })
        .unwrap();
    s.apply(&DynamoCommand::Restart { node: 2 }).unwrap();
    s.apply(&DynamoCommand::SetLoss { loss: 0.1 }).unwrap();
    run_s(&mut s, 30);
    assert_eq!(s.node(5).unwrap().members[&2], 2);
    assert!(s.apply(&DynamoCommand::Kill { node: 99 }).is_err());
    assert!(s.apply(&DynamoCommand::SetLoss { loss: 2.0 }).is_err());
    assert!(
        s.apply(&DynamoCommand::Partition {
            groups: vec![vec![1], vec![1]]
        })
        .is_err()
    );
}

#[test]
fn runs_are_deterministic() {
    let run = |seed| {
        let mut s = sim(12, seed);
        s.apply(&DynamoCommand::Kill { node: 3 }).unwrap();
        run_s(&mut s, 40);
        s.metrics().clone()
    };
    assert_eq!(run(9), run(9));
    assert_ne!(run(9), run(10));
}
