//! Runs of whole Dynamo clusters.

use crate::dynamo::{
    DynamoCommand, DynamoConfig, DynamoEvent, DynamoPreset, DynamoSimulation, DynamoVerb,
};

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

/// A run with loss, a kill, a pause and a restart, recording or not: its metrics, every
/// node's membership, verdicts and replica, and the flights recorded.
fn recorded_run(
    recording: bool,
) -> (
    crate::dynamo::DynamoMetrics,
    Vec<crate::dynamo::DynamoNode>,
    Vec<crate::dynamo::DynamoFlight>,
) {
    let mut s = sim(12, 31);
    s.set_recording(recording);
    s.apply(&DynamoCommand::SetLoss { loss: 0.05 }).unwrap();
    let mut flights = Vec::new();
    for second in 0..60 {
        match second {
            3 => s.apply(&DynamoCommand::Kill { node: 4 }).unwrap(),
            6 => s
                .apply(&DynamoCommand::Pause { node: 9, ms: 3000 })
                .unwrap(),
            40 => s.apply(&DynamoCommand::Restart { node: 4 }).unwrap(),
            _ => {}
        }
        for _ in 0..10 {
            flights.extend(s.step().flights);
        }
    }
    let nodes = (0..s.nodes()).map(|i| s.node(i).unwrap().clone()).collect();
    (s.metrics().clone(), nodes, flights)
}

#[test]
fn recording_only_observes() {
    let (m, nodes, none) = recorded_run(false);
    let (m2, nodes2, flights) = recorded_run(true);
    assert!(none.is_empty(), "nothing recorded by default");
    assert_eq!(m, m2);
    let state = |n: &[crate::dynamo::DynamoNode]| -> Vec<_> {
        n.iter()
            .map(|n| (n.members.clone(), n.unreachable.clone(), n.replica.clone()))
            .collect()
    };
    assert_eq!(state(&nodes), state(&nodes2));
    let count = |v: DynamoVerb| flights.iter().filter(|f| f.verb == v).count() as u64;
    let gossip = count(DynamoVerb::Gossip) + count(DynamoVerb::GossipReply);
    assert_eq!(gossip, m.messages, "one flight per gossip message");
    assert_eq!(count(DynamoVerb::MerkleCompare), m.syncs, "one per sync");
    let moved: u64 = flights.iter().map(|f| u64::from(f.keys)).sum();
    assert_eq!(moved, m.keys_transferred);
    let merkle: u64 = flights
        .iter()
        .filter(|f| matches!(f.verb, DynamoVerb::MerkleCompare | DynamoVerb::KeyTransfer))
        .map(|f| u64::from(f.bytes))
        .sum();
    assert_eq!(merkle, m.merkle_bytes);
}

#[test]
fn recorded_syncs_ride_with_the_answer_and_match_last_sync() {
    let mut s = sim(8, 12);
    s.set_recording(true);
    let mut transfers = 0;
    for _ in 0..300 {
        let tick = s.step();
        let f = &tick.flights;
        // Per node, its last sync of the tick: (peer, keys moved).
        let mut last = std::collections::BTreeMap::new();
        for (k, x) in f.iter().enumerate() {
            match x.verb {
                DynamoVerb::MerkleCompare => {
                    let reply = f[k - 1];
                    assert_eq!(reply.verb, DynamoVerb::GossipReply);
                    assert_eq!((x.from, x.to, x.lands), (reply.from, reply.to, reply.lands));
                    assert_eq!(x.keys, 0);
                    last.insert(x.from, (x.to, 0));
                    last.insert(x.to, (x.from, 0));
                }
                DynamoVerb::KeyTransfer => {
                    let compare = f[k - 1];
                    assert_eq!(compare.verb, DynamoVerb::MerkleCompare);
                    assert_eq!(
                        (x.from, x.to, x.lands),
                        (compare.from, compare.to, compare.lands)
                    );
                    assert!(x.keys > 0);
                    last.insert(x.from, (x.to, x.keys));
                    last.insert(x.to, (x.from, x.keys));
                    transfers += 1;
                }
                _ => assert_eq!(x.keys, 0),
            }
        }
        for (node, (peer, keys)) in last {
            let l = s.last_sync(node).unwrap();
            assert_eq!((l.peer, l.tick), (peer, tick.tick));
            assert_eq!(l.sync.keys_transferred.len() as u32, keys);
        }
    }
    assert!(transfers > 10, "writes spread by Merkle syncs: {transfers}");
    assert!(s.last_sync(99).is_none());
}

#[test]
fn recorded_verdicts_follow_a_crash_and_a_restart() {
    let mut s = sim(6, 13);
    s.set_recording(true);
    run_s(&mut s, 2);
    s.apply(&DynamoCommand::Kill { node: 2 }).unwrap();
    let mut events = Vec::new();
    for _ in 0..600 {
        events.extend(s.step().events);
    }
    let about_2 = |e: &DynamoEvent| matches!(e, DynamoEvent::Unreachable { peer: 2, .. });
    assert_eq!(events.iter().filter(|e| about_2(e)).count(), 5);
    assert_eq!(s.views_of(2), (0, 5, 0));
    s.apply(&DynamoCommand::Restart { node: 2 }).unwrap();
    assert!(s.step().events.is_empty(), "2 held no one unreachable");
    let mut back = 0;
    for _ in 0..600 {
        for e in s.step().events {
            if matches!(e, DynamoEvent::Reachable { peer: 2, .. }) {
                back += 1;
            }
        }
    }
    assert_eq!(back, 5);
    assert_eq!(s.views_of(2), (5, 0, 0));
}
