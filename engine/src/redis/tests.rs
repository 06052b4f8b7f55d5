//! Scenario tests of the Redis Cluster bus, with fixed seeds.

use super::*;
use crate::redis::gossip::Msg;

fn sim(nodes: u32, seed: u64) -> RedisSimulation {
    RedisSimulation::new(RedisConfig::preset(RedisPreset::RedisCluster, nodes), seed)
        .expect("valid")
}

/// The gossip section of one PING from 0 to 1, from the packets in flight.
fn section(s: &mut RedisSimulation) -> (usize, u64) {
    s.send_ping(0, 1, false);
    let (_, p) = s.flight.iter().last().expect("sent");
    match &p.msg {
        Msg::Ping { gossip } => (gossip.len(), p.bytes()),
        other => panic!("not a ping: {other:?}"),
    }
}

#[test]
fn gossip_section_at_10_and_300_follows_cluster_send_ping() {
    // wanted = max(3, floor(10/10)) = 3, capped at 10 - 2: 3 entries, 2256 + 3 * 104 bytes.
    assert_eq!(section(&mut sim(10, 1)), (3, 2568));
    // wanted = floor(300/10) = 30: 2256 + 30 * 104 = 5376 bytes (research notes §2.3).
    assert_eq!(section(&mut sim(300, 1)), (30, 5376));
    // PFAIL nodes ride on top.
    let mut s = sim(10, 1);
    s.nodes[0].set_pfail(7, true);
    s.nodes[0].set_pfail(8, true);
    let (k, _) = section(&mut s);
    assert_eq!(k, 5, "3 regular entries and 2 PFAIL nodes");
}

#[test]
fn killed_master_goes_pfail_fail_and_is_failed_over() {
    let mut s = sim(6, 7); // masters 0..3, replicas 3 (of 0), 4 (of 1), 5 (of 2)
    s.run_for(1.0);
    s.apply(&RedisCommand::Kill { node: 0 }).expect("kill");
    s.run_for(60.0);
    let d = s.metrics().detections[&0];
    let pfail = d.first_pfail.expect("PFAIL");
    // A ping is pending at the latest nt/2 after the last pong: PFAIL in [nt, 1.5 nt] + a tick.
    assert!(
        (15_000..=23_000).contains(&pfail),
        "first PFAIL at {pfail} ms"
    );
    let fail = d.first_fail.expect("FAIL");
    assert!(fail >= pfail && fail < pfail + 10_000, "FAIL at {fail} ms");
    assert!(d.all_fail.expect("everyone") >= fail);
    let over = d.failover.expect("failover");
    assert!(over > fail && over < fail + 5_000, "failover at {over} ms");
    let r = s.role(3).expect("node 3");
    assert!(r.master && r.slots, "the replica of 0 is now a master");
    assert_eq!(s.role(0).expect("node 0").master_of, Some(3));
    assert_eq!(s.metrics().failovers.len(), 1);
    assert_eq!(s.metrics().false_positives, 0);
    assert_eq!(s.size(), 3);
}

#[test]
fn a_minority_partition_cannot_fail_anyone() {
    // 5 masters (0..5), replicas 5..10; the minority holds masters 0, 1 and their replicas.
    let mut s = sim(10, 3);
    s.run_for(2.0);
    s.apply(&RedisCommand::Partition {
        groups: vec![vec![0, 1, 5, 6]],
    })
    .expect("partition");
    s.run_for(90.0);
    let minority = [0u32, 1, 5, 6];
    for &m in &minority {
        let n = s.node(m).expect("node");
        for j in (0..10).filter(|j| !minority.contains(j)) {
            let p = &n.peers[j as usize];
            assert!(p.pfail, "{m} holds {j} PFAIL");
            assert!(!p.fail, "{m} cannot FAIL {j}: 2 of 5 masters");
        }
    }
    for m in (0..10).filter(|j| !minority.contains(j)) {
        let n = s.node(m).expect("node");
        for &j in &minority {
            assert!(
                n.peers[j as usize].fail,
                "{m} holds {j} FAIL: 3 of 5 masters"
            );
        }
    }
    // Nobody in the minority was promoted, nor anyone at all: replicas 5, 6 cannot reach a
    // majority, and 7, 8, 9 have live masters.
    assert!(s.metrics().failovers.is_empty());
    assert_eq!(
        s.metrics().false_positives,
        4,
        "0, 1, 5, 6 were failed while alive"
    );
}

#[test]
fn a_healed_partition_clears_every_pfail_at_once() {
    // A PING lost in the partition leaves a ping pending; the other side's PINGs keep
    // `data_received` fresh after the heal, so only re-making the broken link (as Redis's
    // connect in every cron does) gets the PONG that clears the PFAIL.
    for seed in 0..8 {
        let mut s = sim(10, seed);
        s.run_for(2.0);
        s.apply(&RedisCommand::Partition {
            groups: vec![vec![0, 1, 5, 6]],
        })
        .expect("partition");
        s.run_for(40.0);
        let pfails = |s: &RedisSimulation| {
            (0..10)
                .flat_map(|o| (0..10).map(move |j| (o, j)))
                .filter(|&(o, j)| o != j && s.node(o).expect("node").peers[j as usize].pfail)
                .count()
        };
        assert!(
            pfails(&s) > 0,
            "seed {seed}: the partition flags nodes PFAIL"
        );
        s.apply(&RedisCommand::Heal).expect("heal");
        // A cron (100 ms), then a PING and its PONG (a tick each at 1 ms latency).
        s.run_for(0.5);
        assert_eq!(
            pfails(&s),
            0,
            "seed {seed}: PFAIL left 0.5 s after the heal"
        );
    }
}

#[test]
fn failover_needs_a_majority_of_masters_to_vote() {
    let mut s = sim(6, 11);
    s.run_for(1.0);
    s.apply(&RedisCommand::Kill { node: 0 }).expect("kill");
    // Run until replica 3 sees its master FAIL, then cut it off with master 1 only.
    while !s.node(3).expect("3").peers[0].fail {
        s.step();
        assert!(s.seconds() < 60.0, "FAIL reaches replica 3");
    }
    s.apply(&RedisCommand::Partition {
        groups: vec![vec![3, 1]],
    })
    .expect("partition");
    s.run_for(30.0);
    assert!(
        s.metrics().failovers.is_empty(),
        "1 vote of 3 masters is not enough"
    );
    assert!(!s.role(3).expect("3").master);
    s.apply(&RedisCommand::Heal).expect("heal");
    s.run_for(120.0);
    assert_eq!(
        s.metrics().failovers.len(),
        1,
        "after the heal the retry wins: {:?}",
        s.metrics().failovers
    );
    assert!(s.role(3).expect("3").master || s.role(3).expect("3").master_of != Some(0));
}

#[test]
fn same_seed_same_run() {
    let run = |seed| {
        let mut s = sim(30, seed);
        s.apply(&RedisCommand::SetLoss { loss: 0.05 })
            .expect("loss");
        s.run_for(3.0);
        s.apply(&RedisCommand::Kill { node: 2 }).expect("kill");
        s.apply(&RedisCommand::Pause {
            node: 7,
            ms: 20_000,
        })
        .expect("pause");
        s.apply(&RedisCommand::Join { via: 4 }).expect("join");
        s.run_for(50.0);
        s.apply(&RedisCommand::Restart { node: 2 })
            .expect("restart");
        s.run_for(20.0);
        s.metrics().clone()
    };
    let a = run(5);
    assert_eq!(a, run(5));
    assert_ne!(a.messages, run(6).messages);
}

#[test]
fn bad_commands_are_typed_errors() {
    let mut s = sim(4, 1);
    assert!(s.apply(&RedisCommand::Kill { node: 9 }).is_err());
    assert!(s.apply(&RedisCommand::Restart { node: 1 }).is_err());
    assert!(s.apply(&RedisCommand::SetLoss { loss: 2.0 }).is_err());
    assert!(
        s.apply(&RedisCommand::Partition {
            groups: vec![vec![0], vec![0]]
        })
        .is_err()
    );
    s.apply(&RedisCommand::Kill { node: 1 }).expect("kill");
    assert!(s.apply(&RedisCommand::Kill { node: 1 }).is_err());
    assert!(s.apply(&RedisCommand::Join { via: 1 }).is_err());
    let mut c = RedisConfig::preset(RedisPreset::RedisCluster, 0);
    assert!(RedisSimulation::new(c.clone(), 1).is_err());
    c.nodes = 3;
    c.loss = f64::NAN;
    assert!(RedisSimulation::new(c, 1).is_err());
}

#[test]
fn a_joined_node_becomes_known_to_all() {
    let mut s = sim(20, 2);
    s.apply(&RedisCommand::Join { via: 3 }).expect("join");
    s.run_for(30.0);
    for i in 0..21 {
        assert_eq!(
            s.node(i).expect("node").known(),
            21,
            "node {i} knows everyone"
        );
    }
}

/// A run with loss, a kill, a pause and a join, recording or not: its metrics, roles and
/// every node's flags after 60 s.
fn recorded_run(recording: bool) -> (RedisMetrics, Vec<Role>, Vec<Vec<Peer>>, usize) {
    let mut s = sim(12, 21);
    s.set_recording(recording);
    s.apply(&RedisCommand::SetLoss { loss: 0.05 })
        .expect("loss");
    let mut flights = 0;
    for second in 0..60 {
        match second {
            2 => s.apply(&RedisCommand::Kill { node: 1 }).expect("kill"),
            5 => s
                .apply(&RedisCommand::Pause { node: 8, ms: 4_000 })
                .expect("pause"),
            9 => s.apply(&RedisCommand::Join { via: 3 }).expect("join"),
            _ => {}
        }
        for _ in 0..10 {
            flights += s.step().flights.len();
        }
    }
    let peers = (0..s.nodes())
        .map(|i| s.node(i).expect("node").peers.clone())
        .collect();
    let roles = (0..s.nodes()).map(|i| s.role(i).expect("role")).collect();
    (s.metrics().clone(), roles, peers, flights)
}

#[test]
fn recording_only_observes() {
    let (m, roles, peers, none) = recorded_run(false);
    let (m2, roles2, peers2, flights) = recorded_run(true);
    assert_eq!(none, 0, "nothing recorded by default");
    assert_eq!((m.clone(), roles, peers), (m2, roles2, peers2));
    assert_eq!(flights as u64, m.messages, "one flight per packet sent");
}

#[test]
fn a_recorded_kill_shows_pfail_fail_and_promotion() {
    let mut s = sim(6, 7); // masters 0..3, replica 3 of 0
    s.set_recording(true);
    s.run_for(1.0);
    s.apply(&RedisCommand::Kill { node: 0 }).expect("kill");
    let mut events = Vec::new();
    let mut lost = 0;
    while s.seconds() < 60.0 {
        let t = s.step();
        for f in &t.flights {
            if f.lands.is_none() {
                lost += 1;
            }
            assert!(f.lands.is_none_or(|at| at > t.tick));
            let gossiping = matches!(f.verb, RedisVerb::Ping | RedisVerb::Pong);
            assert_eq!(gossiping, f.gossip > 0, "{f:?}");
        }
        events.extend(t.events);
    }
    assert_eq!(lost, 0, "no loss, no partition");
    let at = |want: &dyn Fn(&RedisEvent) -> bool| events.iter().position(want);
    let pfail = at(&|e| matches!(e, RedisEvent::Pfail { node: 0, .. })).expect("PFAIL");
    let fail = at(&|e| matches!(e, RedisEvent::Fail { node: 0, .. })).expect("FAIL");
    let learned =
        at(&|e| matches!(e, RedisEvent::FailReceived { node: 0, .. })).expect("FAIL broadcast");
    let promoted = at(&|e| {
        matches!(
            e,
            RedisEvent::Promoted {
                replica: 3,
                master: 0
            }
        )
    })
    .expect("promotion");
    assert!(pfail < fail && fail < learned && learned < promoted);
    let RedisEvent::Fail { reports, .. } = events[fail] else {
        unreachable!()
    };
    assert!(reports >= s.quorum(), "{reports} reports");
    // Every acting node (1..6) holds 0 FAIL.
    assert_eq!(s.views_of(0), (0, 0, 5));
    assert_eq!(
        s.views_of(1),
        (4, 0, 0),
        "0 is not acting, 1 not its own observer"
    );
}
