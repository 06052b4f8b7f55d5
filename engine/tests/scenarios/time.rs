//! The round protocols under a time model (`gossip_engine::round_time`): a round every k
//! ticks changes only when things happen, and each leg of a contact takes its latency.

use super::*;
use gossip_engine::MembershipViews;
use gossip_engine::round_time::RoundTime;
use gossip_engine::time::{Latency, LatencyDist};

fn timed(interval: u32, dist: LatencyDist, mean_ms: f64) -> Option<RoundTime> {
    Some(RoundTime {
        tick_ms: 100,
        interval,
        latency: Latency { dist, mean_ms },
    })
}

/// What a step leaves observable for the comparison: message 0's counts, or the membership
/// views of the cluster.
fn observed(sim: &Simulation) -> String {
    match sim.counts(0) {
        Some(c) => format!("{c:?}"),
        None => format!("{:?}", MembershipViews::of(sim)),
    }
}

#[test]
fn a_round_every_k_ticks_without_latency_only_stretches_time() {
    let protocols = [
        anti_entropy(Mode::Push),
        Protocol::AntiEntropy {
            mode: Mode::PushPull,
            sync: Sync::Full,
        },
        rumor(Mode::PushPull, Feedback::Feedback, Decay::Coin, 2),
        Protocol::Rumor {
            mode: Mode::Push,
            removal: gossip_engine::Removal {
                feedback: Feedback::Blind,
                decay: Decay::Counter,
                k: 2,
            },
            repair_every: Some(3),
        },
        Protocol::Membership {
            t_fail: 4,
            t_cleanup: 9,
        },
    ];
    for protocol in protocols {
        for k in [1, 3] {
            let plain = Config {
                loss: 0.1,
                ..config(60, 2, protocol.clone())
            };
            let stretched = Config {
                time: timed(k, LatencyDist::Constant, 0.0),
                ..plain.clone()
            };
            let membership = matches!(protocol, Protocol::Membership { .. });
            let mut a = Simulation::new(plain, 7).expect("valid");
            let mut b = Simulation::new(stretched, 7).expect("valid");
            if !membership {
                a.apply(&inject(0, "x")).expect("alive");
                b.apply(&inject(0, "x")).expect("alive");
            }
            for g in 1..=25 {
                let ra = a.step();
                let mut traffic = gossip_engine::Traffic::default();
                for _ in 0..k {
                    traffic.add(&b.step().traffic);
                }
                let why = format!("{protocol:?}, a round every {k} ticks, round {g}");
                assert_eq!(b.round(), g * k);
                assert_eq!(observed(&a), observed(&b), "{why}");
                assert_eq!(ra.traffic, traffic, "{why}: the same legs");
                if g == 4 {
                    a.apply(&Command::Kill { node: 5 }).expect("alive");
                    b.apply(&Command::Kill { node: 5 }).expect("alive");
                }
            }
            if let (Some(ma), Some(mb)) = (a.message(0), b.message(0)) {
                assert_eq!(ma.converged_at.map(|r| r * k), mb.converged_at);
                assert_eq!(ma.extinct_at.map(|r| r * k), mb.extinct_at);
            }
            assert_eq!(b.seconds(b.round()), Some(f64::from(25 * k) / 10.0));
        }
    }
}

/// Node 0 holds message 0 and gossips with node 1 at tick 10 (the first round of a 10-tick
/// interval); each leg takes a constant 250 ms, 2.5 ticks of 100 ms. The tick at which node
/// 1 first holds the message.
fn landing_tick(protocol: Protocol) -> u32 {
    let c = Config {
        time: timed(10, LatencyDist::Constant, 250.0),
        ..config(2, 1, protocol)
    };
    let (mut sim, id) = start(c, 1);
    while sim.state(id, 1) == MessageState::Unaware {
        assert!(sim.round() < 40, "node 1 never got the message");
        sim.step();
    }
    sim.round()
}

#[test]
fn an_update_lands_after_the_legs_that_lead_to_it() {
    let push = rumor(Mode::Push, Feedback::Feedback, Decay::Counter, 9);
    assert_eq!(
        landing_tick(push),
        13,
        "a push is one leg: 250 ms, up to 3 ticks"
    );
    let pull = rumor(Mode::Pull, Feedback::Feedback, Decay::Counter, 9);
    assert_eq!(landing_tick(pull), 15, "a request, then the answer: 500 ms");
    assert_eq!(
        landing_tick(anti_entropy(Mode::Push)),
        18,
        "incremental push: digest, request, values: 750 ms, up to 8 ticks"
    );
    assert_eq!(landing_tick(anti_entropy(Mode::Pull)), 15, "digest, values");
    let full_push = Protocol::AntiEntropy {
        mode: Mode::Push,
        sync: Sync::Full,
    };
    assert_eq!(
        landing_tick(full_push),
        13,
        "full sync sends the values at once"
    );
}

#[test]
fn an_update_for_a_node_that_is_down_when_it_lands_is_lost() {
    let c = Config {
        time: timed(10, LatencyDist::Constant, 250.0),
        ..config(
            2,
            1,
            rumor(Mode::Push, Feedback::Feedback, Decay::Counter, 9),
        )
    };
    let (mut sim, id) = start(c, 1);
    for _ in 0..11 {
        sim.step();
    }
    assert_eq!(sim.in_flight(), 1, "sent at tick 10, due at tick 13");
    let wire: Vec<_> = sim.wire(id).collect();
    let push = gossip_engine::Wire {
        from: 0,
        to: 1,
        sent: 10,
        due: 13,
    };
    assert_eq!(wire, vec![push], "what the page draws on its way");
    assert_eq!(
        sim.wire(id + 1).count(),
        0,
        "another message has nothing on the wire"
    );
    sim.apply(&Command::Kill { node: 1 }).expect("alive");
    sim.step();
    sim.step();
    assert_eq!(sim.in_flight(), 0, "landed on a dead node at tick 13");
    sim.apply(&Command::Revive {
        node: 1,
        amnesia: false,
    })
    .expect("dead");
    assert_eq!(sim.state(id, 1), MessageState::Unaware);
    while sim.round() < 22 {
        sim.step();
    }
    assert_eq!(
        sim.state(id, 1),
        MessageState::Unaware,
        "the next push is due at 23"
    );
    sim.step();
    assert_eq!(sim.state(id, 1), MessageState::Fresh);
}

#[test]
fn a_rumor_is_not_extinct_while_it_is_on_the_wire() {
    // Blind counter with k = 1: node 0 loses interest in the very round it pushes, at
    // tick 10, while its push is still on the wire until tick 13.
    let c = Config {
        time: timed(10, LatencyDist::Constant, 250.0),
        ..config(2, 1, rumor(Mode::Push, Feedback::Blind, Decay::Counter, 1))
    };
    let (mut sim, id) = start(c, 1);
    for _ in 0..10 {
        sim.step();
    }
    assert_eq!(sim.state(id, 0), MessageState::Stale);
    assert_eq!(sim.counts(id).map(|c| c.fresh), Some(0));
    assert_eq!(
        sim.message(id).and_then(|m| m.extinct_at),
        None,
        "on the wire"
    );
    while sim.round() < 20 {
        sim.step();
    }
    let m = sim.message(id).expect("injected");
    assert_eq!(m.converged_at, Some(13), "landed at tick 13");
    assert_eq!(m.extinct_at, Some(20), "node 1 pushed once, at tick 20");
}

#[test]
fn a_member_table_lands_after_its_latency() {
    let c = Config {
        time: timed(10, LatencyDist::Constant, 250.0),
        ..config(
            3,
            2,
            Protocol::Membership {
                t_fail: 5,
                t_cleanup: 11,
            },
        )
    };
    let mut sim = Simulation::new(c, 1).expect("valid");
    for _ in 0..12 {
        sim.step();
    }
    let ms = sim.membership().expect("membership");
    assert_eq!(
        ms.entry(0, 0).heartbeat,
        1,
        "node 0 bumped its own at tick 10"
    );
    assert_eq!(
        ms.entry(1, 0).heartbeat,
        0,
        "its table is still on the wire"
    );
    assert_eq!(sim.in_flight(), 6, "three nodes, two tables each");
    sim.step();
    let ms = sim.membership().expect("membership");
    assert_eq!(ms.entry(1, 0).heartbeat, 1, "landed at tick 13");
    assert_eq!(ms.entry(1, 0).last_increase, 13);
    assert_eq!(sim.in_flight(), 0);
}

#[test]
fn a_time_model_is_checked_field_by_field() {
    let bad = |time: RoundTime| {
        let c = Config {
            time: Some(time),
            ..config(10, 1, anti_entropy(Mode::Push))
        };
        Simulation::new(c, 1).map(|_| ()).unwrap_err().to_string()
    };
    let ok = RoundTime::default();
    assert!(bad(RoundTime { tick_ms: 0, ..ok }).starts_with("tick_ms = 0"));
    assert!(bad(RoundTime { interval: 0, ..ok }).starts_with("interval = 0"));
    let latency = Latency {
        dist: LatencyDist::Uniform,
        mean_ms: -1.0,
    };
    assert!(bad(RoundTime { latency, ..ok }).starts_with("latency_ms = -1"));
}

#[test]
fn latency_within_the_interval_delays_news_but_not_the_next_round() {
    // Incremental push: digest, request, values, 250 ms each: every update lands 8 ticks
    // after its round, before the next round (tick 10 later). Each round then starts from
    // the state the abstract run has, with the same draws, so the run is the abstract one
    // with every arrival 8 ticks after its round.
    for seed in 1..=10 {
        let (mut plain, id) = start(config(200, 1, anti_entropy(Mode::Push)), seed);
        let lan = Config {
            time: timed(10, LatencyDist::Constant, 250.0),
            ..config(200, 1, anti_entropy(Mode::Push))
        };
        let (mut slow, _) = start(lan, seed);
        assert!(run_until(&mut plain, 100, converged));
        assert!(run_until(&mut slow, 1000, converged));
        let rounds = plain.message(id).and_then(|m| m.converged_at);
        let ticks = slow.message(id).and_then(|m| m.converged_at);
        assert_eq!(ticks, rounds.map(|r| 10 * r + 8), "seed {seed}");
    }
}
