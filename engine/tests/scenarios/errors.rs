//! Refusals: every invalid config or command is a typed error and changes nothing.

use super::*;

/// Applies a command that must fail, checks the error, and checks that nothing changed.
fn refused(sim: &mut Simulation, cmd: Command, check: impl Fn(&Error) -> bool, why: &str) {
    let before = fingerprint(sim);
    let e = sim.apply(&cmd).expect_err(why);
    assert!(check(&e), "{why}: unexpected error {e:?}");
    assert!(!e.to_string().is_empty(), "{why}: the error has a message");
    assert_eq!(fingerprint(sim), before, "{why}: on error nothing changes");
}

#[test]
fn invalid_configs_are_typed_errors() {
    let out_of_range = |field: &'static str| move |r: Result<Simulation, Error>| matches!(r, Err(Error::OutOfRange { field: f, .. }) if f == field);
    let base = config(10, 1, anti_entropy(Mode::Push));
    let e = Simulation::new(
        Config {
            fanout: 10,
            ..base.clone()
        },
        0,
    )
    .expect_err("fanout = N");
    assert_eq!(
        e.to_string(),
        "fanout = 10 is out of range: allowed 1..=9",
        "the error names the field and the allowed range"
    );
    assert!(
        out_of_range("fanout")(Simulation::new(
            Config {
                fanout: 50,
                ..base.clone()
            },
            0
        )),
        "fanout > N"
    );
    assert!(
        out_of_range("fanout")(Simulation::new(
            Config {
                fanout: 0,
                ..base.clone()
            },
            0
        )),
        "fanout 0"
    );
    for loss in [1.5, -0.1, 1.0 + f64::EPSILON] {
        assert!(
            out_of_range("loss")(Simulation::new(
                Config {
                    loss,
                    ..base.clone()
                },
                0
            )),
            "loss {loss} is outside 0..=1"
        );
    }
    for loss in [f64::NAN, f64::INFINITY] {
        assert!(
            matches!(
                Simulation::new(
                    Config {
                        loss,
                        ..base.clone()
                    },
                    0
                ),
                Err(Error::NotFinite { field: "loss" })
            ),
            "loss {loss} is not a number in range"
        );
    }
    for nodes in [0, 1, MAX_NODES + 1, u32::MAX] {
        assert!(
            out_of_range("nodes")(Simulation::new(
                Config {
                    nodes,
                    ..base.clone()
                },
                0
            )),
            "N = {nodes} is outside 2..=MAX_NODES"
        );
    }
    let membership = Protocol::Membership {
        t_fail: 5,
        t_cleanup: 10,
    };
    assert!(
        out_of_range("nodes")(Simulation::new(
            config(MAX_MEMBERSHIP_NODES + 1, 1, membership.clone()),
            0
        )),
        "membership tables are N x N, so N is capped lower"
    );
    assert!(
        out_of_range("nodes")(Simulation::new(
            Config {
                nodes: MAX_GRAPH_NODES + 1,
                topology: TopologyConfig::Ring { k: 1 },
                ..base.clone()
            },
            0
        )),
        "explicit graphs are capped"
    );
    assert!(
        matches!(
            Simulation::new(
                Config {
                    topology: TopologyConfig::Ring { k: 1 },
                    ..config(10, 1, membership)
                },
                0
            ),
            Err(Error::MembershipNeedsComplete)
        ),
        "membership runs on the complete graph only"
    );
    assert!(
        out_of_range("t_cleanup")(Simulation::new(
            config(
                10,
                1,
                Protocol::Membership {
                    t_fail: 5,
                    t_cleanup: 5
                }
            ),
            0
        )),
        "t_cleanup must exceed t_fail"
    );
    assert!(
        out_of_range("k")(Simulation::new(
            config(10, 1, rumor(Mode::Push, Feedback::Blind, Decay::Coin, 0)),
            0
        )),
        "k = 0 would divide by zero in the coin"
    );
    assert!(
        matches!(
            Simulation::new(
                Config {
                    topology: TopologyConfig::RandomRegular { degree: 3 },
                    ..config(11, 1, anti_entropy(Mode::Push))
                },
                0
            ),
            Err(Error::OddRegularGraph {
                nodes: 11,
                degree: 3
            })
        ),
        "an odd N x degree has no regular graph"
    );
    assert!(
        out_of_range("repair_every")(Simulation::new(
            config(
                10,
                1,
                Protocol::Rumor {
                    mode: Mode::Push,
                    removal: gossip_engine::Removal {
                        feedback: Feedback::Feedback,
                        decay: Decay::Coin,
                        k: 1
                    },
                    repair_every: Some(0)
                }
            ),
            0
        )),
        "a repair every 0 rounds is meaningless"
    );
}

#[test]
fn invalid_commands_are_typed_errors_and_change_nothing() {
    let (mut sim, _) = start(config(10, 2, anti_entropy(Mode::PushPull)), 1);
    sim.step();
    let unknown = |node: u32| move |e: &Error| *e == Error::UnknownNode { node, nodes: 10 };
    refused(
        &mut sim,
        Command::Kill { node: 10 },
        unknown(10),
        "kill of an unknown node",
    );
    refused(
        &mut sim,
        Command::Revive {
            node: 99,
            amnesia: true,
        },
        unknown(99),
        "revive of an unknown node",
    );
    refused(
        &mut sim,
        inject(10, "x"),
        unknown(10),
        "inject at an unknown node",
    );
    refused(
        &mut sim,
        Command::Join { seed: u32::MAX },
        unknown(u32::MAX),
        "join through an unknown node",
    );
    refused(
        &mut sim,
        Command::Partition {
            groups: vec![vec![0, 1], vec![2, 10]],
        },
        unknown(10),
        "partition naming an unknown node",
    );
    refused(
        &mut sim,
        Command::Partition {
            groups: vec![vec![0, 1], vec![1, 2]],
        },
        |e| matches!(e, Error::NodeInTwoGroups { node: 1 }),
        "a node in two groups",
    );
    for loss in [2.0, -1.0, f64::NAN, f64::NEG_INFINITY] {
        refused(
            &mut sim,
            Command::SetLoss { loss },
            |e| {
                matches!(
                    e,
                    Error::OutOfRange { field: "loss", .. } | Error::NotFinite { field: "loss" }
                )
            },
            "loss outside 0..=1",
        );
    }
    refused(
        &mut sim,
        Command::Inject {
            node: 0,
            id: Some(7),
            content: String::new(),
        },
        |e| *e == Error::UnknownMessage { id: 7 },
        "a new version of a message never injected",
    );
    refused(
        &mut sim,
        inject(0, &"x".repeat(257)),
        |e| {
            matches!(
                e,
                Error::OutOfRange {
                    field: "content length",
                    ..
                }
            )
        },
        "content above 256 characters",
    );
    sim.apply(&Command::Kill { node: 3 })
        .expect("node 3 is alive");
    refused(
        &mut sim,
        Command::Kill { node: 3 },
        |e| {
            matches!(
                e,
                Error::WrongNodeState {
                    node: 3,
                    alive: false,
                    ..
                }
            )
        },
        "kill of a dead node",
    );
    refused(
        &mut sim,
        inject(3, "x"),
        |e| {
            matches!(
                e,
                Error::WrongNodeState {
                    node: 3,
                    alive: false,
                    ..
                }
            )
        },
        "inject at a dead node",
    );
    refused(
        &mut sim,
        Command::Join { seed: 3 },
        |e| matches!(e, Error::WrongNodeState { node: 3, .. }),
        "join through a dead node",
    );
    refused(
        &mut sim,
        Command::Revive {
            node: 4,
            amnesia: false,
        },
        |e| {
            matches!(
                e,
                Error::WrongNodeState {
                    node: 4,
                    alive: true,
                    ..
                }
            )
        },
        "revive of a live node",
    );

    let mut ms = Simulation::new(
        config(
            10,
            1,
            Protocol::Membership {
                t_fail: 3,
                t_cleanup: 6,
            },
        ),
        0,
    )
    .expect("valid");
    refused(
        &mut ms,
        inject(0, "x"),
        |e| matches!(e, Error::NoMessagesUnderMembership),
        "membership carries no messages",
    );
}

#[test]
fn a_timeline_logs_only_commands_that_succeeded() {
    let mut t = Timeline::new(config(10, 1, anti_entropy(Mode::Push)), 1).expect("valid");
    t.apply(&inject(0, "a")).expect("inject");
    assert!(
        t.apply(&Command::Kill { node: 42 }).is_err(),
        "unknown node refused"
    );
    assert!(
        t.apply(&Command::SetLoss { loss: 7.0 }).is_err(),
        "bad loss refused"
    );
    assert_eq!(t.actions().len(), 1, "refused commands are not logged");
    let mut s = t.scenario();
    s.v = 99;
    assert!(
        matches!(
            Timeline::from_scenario(&s),
            Err(Error::UnsupportedVersion {
                version: 99,
                max: 1
            })
        ),
        "an unknown format version is refused"
    );
    let mut s = t.scenario();
    s.actions.push(gossip_engine::TimedCommand {
        round: 0,
        command: Command::Kill { node: 42 },
    });
    assert!(
        matches!(
            Timeline::from_scenario(&s),
            Err(Error::Action { index: 2, ref error, .. }) if matches!(**error, Error::UnknownNode { node: 42, .. })
        ),
        "a log entry that fails on replay is an error naming its position"
    );
}
