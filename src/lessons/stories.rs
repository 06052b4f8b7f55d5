//! The lessons' texts tell what their scenarios do: who crashes when, what heals, what dies
//! out. These tests run the scenarios and hold the texts to them.

use gossip_engine::{Belief, Command, MessageState, Protocol, Scenario, Timeline};

use super::scenarios::*;
use super::{compare, texts};

#[test]
fn texts_state_what_the_scenarios_do() {
    let hb = heartbeat(0);
    assert_eq!(
        hb.config.protocol,
        Protocol::Membership {
            t_fail: 6,
            t_cleanup: 12
        }
    );
    assert_eq!(
        (hb.config.nodes, hb.config.fanout),
        (40, 2),
        "N = 40, fanout 2"
    );
    assert_eq!(hb.actions.len(), 1);
    assert_eq!(hb.actions[0].round, HEARTBEAT_KILL_ROUND);
    assert_eq!(
        hb.actions[0].command,
        Command::Kill {
            node: HEARTBEAT_VICTIM
        }
    );
    let said = format!("Node {HEARTBEAT_VICTIM} crashes at round {HEARTBEAT_KILL_ROUND}");
    assert!(texts::HEARTBEAT_BODY[1].0.contains(&said));
    assert!(texts::HEARTBEAT_BODY[1].1.contains("节点 13 在第 3 轮崩溃"));

    let f = faults(0);
    assert_eq!((f.config.nodes, f.config.loss), (60, 0.2));
    let rounds: Vec<(u32, &str)> = f
        .actions
        .iter()
        .map(|a| {
            let what = match &a.command {
                Command::Inject { .. } => "inject",
                Command::Partition { groups } if groups == &vec![(0..30).collect::<Vec<_>>()] => {
                    "halves"
                }
                Command::Kill { node } if *node == FAULTS_VICTIM => "kill",
                Command::Heal => "heal",
                _ => "other",
            };
            (a.round, what)
        })
        .collect();
    assert_eq!(
        rounds,
        vec![(0, "inject"), (0, "halves"), (2, "kill"), (8, "heal")]
    );
    assert!(
        texts::FAULTS_BODY[0]
            .0
            .contains("Node 20 crashes at round 2")
    );
    assert!(texts::FAULTS_BODY[0].0.contains("heals at round 8"));

    let r = rumor(0);
    assert!(matches!(
        r.config.protocol,
        Protocol::Rumor { removal, .. } if removal.k == 2 && removal.kind().as_str() == "feedback-counter"
    ));
}

/// What the "watch for" texts promise happens in these exact runs.
#[test]
fn stories_told_by_the_texts_hold() {
    // Lesson 5: one node declares node 13 failed at round 6, on stale information, and a
    // fresher heartbeat overturns it at round 7; from round 9 the whole cluster detects node
    // 13 within a few rounds, and forgets it later.
    let s = Scenario {
        round: 24,
        ..heartbeat(0)
    };
    let mut t = Timeline::from_scenario(&s).expect("replays");
    let mut count = |r: u32, what: fn(&Belief) -> bool| {
        t.seek(r);
        t.sim()
            .beliefs(HEARTBEAT_VICTIM)
            .iter()
            .filter(|b| what(b))
            .count()
    };
    let detected = |b: &Belief| matches!(b, Belief::Failed | Belief::Forgotten);
    let forgotten = |b: &Belief| matches!(b, Belief::Forgotten);
    assert_eq!(count(5, detected), 0);
    assert_eq!(
        count(6, detected),
        1,
        "one node declares it failed at round 6"
    );
    assert_eq!(count(7, detected), 0, "overturned a round later");
    assert_eq!(count(8, detected), 0);
    assert_eq!(count(14, detected), 39, "everyone by round 14");
    assert_eq!(count(14, forgotten), 0);
    assert_eq!(count(20, forgotten), 39, "forgotten about six rounds later");

    // Lesson 6: the news stays in nodes 0–29 until the heal at round 8, then converges.
    let s = Scenario {
        round: 30,
        ..faults(0)
    };
    let mut t = Timeline::from_scenario(&s).expect("replays");
    let converged = t.sim().message(0).and_then(|m| m.converged_at);
    t.seek(8);
    assert!(
        (30..60).all(|n| t.sim().state(0, n) == MessageState::Unaware),
        "the second half is unaware until the heal"
    );
    assert!(
        t.sim().counts(0).expect("m0").informed() > 10,
        "the first half spreads"
    );
    assert!(
        converged.is_some_and(|r| (9..=20).contains(&r)),
        "converges within a few rounds of the heal: {converged:?}"
    );

    // Lesson 1: the rumor dies out, leaving a residue.
    let s = Scenario {
        round: 60,
        ..rumor(0)
    };
    let t = Timeline::from_scenario(&s).expect("replays");
    let c = t.sim().counts(0).expect("m0");
    assert_eq!(c.fresh, 0, "the rumor died out");
    assert!(c.stale > 30, "most nodes heard it: {c:?}");

    // Lesson 7: once everyone agrees, incremental sync sends no payload after round 14.
    let inc = compare::traffic_per_round(&sync(0), 20);
    assert!(inc[14..].iter().all(|t| t.payload_bytes == 0));
}
