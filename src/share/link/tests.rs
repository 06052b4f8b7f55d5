use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use gossip_engine::{Command, Config, Scenario, TimedCommand};

use super::*;
use crate::view::{MAX_UI_MEMBERSHIP_NODES, MAX_UI_NODES};

/// The page's lesson count does not matter here; any will do.
const LESSONS: usize = 9;

fn link(q: &str) -> Decoded {
    decode(q, LESSONS)
}

fn sample() -> (Scenario, View) {
    let mut s = Scenario::new(
        Config {
            nodes: 80,
            fanout: 2,
            ..Config::default()
        },
        7,
    );
    s.actions = default_actions(&s.config);
    s.actions.push(TimedCommand {
        round: 3,
        command: Command::Kill { node: 5 },
    });
    s.round = 9;
    let view = View {
        message: Some(0),
        selected: Some(5),
        subject: Some(5),
        speed: Some(4.0),
        playing: false,
    };
    (s, view)
}

#[test]
fn a_clean_link_round_trips_in_both_forms() {
    let (s, view) = sample();
    let q = encode(&s, &view, &Options::default());
    assert!(q.starts_with("v=2&"), "{q}");
    for text in [format!("#{q}"), format!("?{q}"), q.clone()] {
        let d = decode(&text, LESSONS);
        assert_eq!(
            d.problems,
            vec![],
            "a link we write reads back cleanly: {text}"
        );
        assert_eq!(d.link.scenario, s);
        assert_eq!(d.link.view, view);
    }
}

#[test]
fn version_1_links_read_as_version_2() {
    let (s, view) = sample();
    let q = encode(&s, &view, &Options::default());
    let v1 = q.replacen("v=2", "v=1", 1);
    assert_eq!(
        decode(&format!("?{v1}"), LESSONS),
        decode(&format!("#{q}"), LESSONS)
    );
    let d = link("v=3&n=20");
    assert_eq!(
        d.problems,
        vec![Problem::NewerVersion {
            version: 3,
            ours: 2
        }]
    );
}

#[test]
fn hand_written_links_are_readable() {
    let d = link("n=50&fanout=3&protocol=rumor&seed=42&round=7");
    assert!(d.problems.is_empty(), "{:?}", d.problems);
    let s = &d.link.scenario;
    assert_eq!(
        (s.config.nodes, s.config.fanout, s.seed, s.round),
        (50, 3, 42, 7)
    );
    assert_eq!(
        s.actions,
        default_actions(&s.config),
        "the first rumor is implied"
    );
}

#[test]
fn bad_values_are_named_and_replaced() {
    let d = link("n=abc&fanout=99&loss=7&protocol=zzz&speed=1000&lang=fr&theme=pink&bogus=1");
    let keys: Vec<String> = d
        .problems
        .iter()
        .map(|p| match p {
            Problem::Invalid { key, .. } | Problem::OutOfRange { key, .. } => key.to_string(),
            Problem::UnknownParameter { key } => key.clone(),
            other => format!("{other:?}"),
        })
        .collect();
    for key in [
        "n", "fanout", "loss", "protocol", "speed", "lang", "theme", "bogus",
    ] {
        assert!(
            keys.iter().any(|k| k == key),
            "problems name {key}: {keys:?}"
        );
    }
    d.link
        .scenario
        .config
        .validate()
        .expect("the nearest valid scenario is valid");
}

#[test]
fn membership_links_respect_the_smaller_limit() {
    let d = link("protocol=membership&n=2000&fanout=2");
    assert_eq!(d.link.scenario.config.nodes, MAX_UI_MEMBERSHIP_NODES);
    assert_eq!(
        d.problems[0],
        Problem::Nodes {
            nodes: 2000,
            max: MAX_UI_MEMBERSHIP_NODES,
            used: MAX_UI_MEMBERSHIP_NODES
        }
    );
}

#[test]
fn huge_n_is_capped_and_rounds_bounded() {
    let d = link("n=99999999999&round=4000000000");
    assert_eq!(
        d.link.scenario.config.nodes, 50,
        "not a u32: the default is used"
    );
    let d = link("n=1000000&round=100000");
    assert_eq!(d.link.scenario.config.nodes, MAX_UI_NODES);
    assert!(u64::from(d.link.scenario.round) * u64::from(MAX_UI_NODES) <= MAX_REPLAY_WORK);
    assert!(!d.problems.is_empty());
}

fn log(actions: &[TimedCommand]) -> String {
    URL_SAFE_NO_PAD.encode(serde_json::to_string(actions).expect("plain data"))
}

#[test]
fn bad_actions_are_dropped_one_by_one() {
    let inject = TimedCommand {
        round: 0,
        command: Command::Inject {
            node: 0,
            id: None,
            content: "<script>alert(1)</script>".into(),
        },
    };
    let kill = |round, node| TimedCommand {
        round,
        command: Command::Kill { node },
    };
    let d = link(&format!(
        "n=10&a={}",
        log(&[inject, kill(1, 999), kill(2, 3), kill(2, 3)])
    ));
    assert_eq!(
        d.link.scenario.actions.len(),
        2,
        "the two valid actions stay"
    );
    assert!(
        matches!(
            d.problems[..],
            [
                Problem::ActionSkipped { index: 2, .. },
                Problem::ActionSkipped { index: 4, .. }
            ]
        ),
        "{:?}",
        d.problems
    );
    let Command::Inject { content, .. } = &d.link.scenario.actions[0].command else {
        panic!()
    };
    assert_eq!(
        content, "<script>alert(1)</script>",
        "text stays text; the page renders it escaped"
    );
    assert_eq!(link("a=%%%").problems, vec![Problem::ActionsNotBase64]);
    let d = link(&format!("a={}", URL_SAFE_NO_PAD.encode("{not json")));
    assert!(matches!(
        d.problems[..],
        [Problem::ActionsUnreadable { .. }]
    ));
}

#[test]
fn long_logs_open_from_the_fragment() {
    let (mut s, view) = sample();
    // Kill and revive each node in turn: 2,500 actions that all replay.
    s.actions = (0..2_500)
        .map(|i| TimedCommand {
            round: i / 10,
            command: if i % 2 == 0 {
                Command::Kill { node: i / 2 % 80 }
            } else {
                Command::Revive {
                    node: i / 2 % 80,
                    amnesia: i % 4 == 1,
                }
            },
        })
        .collect();
    s.round = 250;
    let q = encode(&s, &view, &Options::default());
    assert!(
        q.len() > 64 * 1024,
        "longer than servers accept: {}",
        q.len()
    );
    let d = decode(&format!("#{q}"), LESSONS);
    assert!(d.problems.is_empty(), "{} problems", d.problems.len());
    assert_eq!(d.link.scenario, s);
}

#[test]
fn oversized_links_are_cut_with_a_problem() {
    let text = format!("n=20&x={}", "y".repeat(MAX_LINK + 10));
    let d = link(&text);
    assert_eq!(d.problems[0], Problem::TooLong { max: MAX_LINK });
    assert_eq!(d.link.scenario.config.nodes, 20);
}

#[test]
fn a_time_model_round_trips_and_bad_values_are_repaired() {
    use gossip_engine::round_time::RoundTime;
    use gossip_engine::time::{Latency, LatencyDist};
    let (mut s, view) = sample();
    s.config.time = Some(RoundTime {
        tick_ms: 50,
        interval: 20,
        latency: Latency {
            dist: LatencyDist::Exponential,
            mean_ms: 37.5,
        },
    });
    let q = encode(&s, &view, &Options::default());
    assert!(
        q.contains("&tick=50&every=20&latency=37.5&dist=exponential&"),
        "{q}"
    );
    let d = link(&q);
    assert_eq!(d.problems, vec![]);
    assert_eq!(d.link.scenario, s);
    // One key is enough; the others take the engine's defaults.
    let d = link("v=2&tick=250");
    let t = d.link.scenario.config.time.expect("a time model");
    assert_eq!(
        (t.tick_ms, t.interval),
        (250, RoundTime::default().interval)
    );
    // Out of range: clamped, and said so under the link's own key.
    let d = link("v=2&tick=100&every=0&dist=gaussian");
    let t = d.link.scenario.config.time.expect("a time model");
    assert_eq!(t.interval, 1);
    assert!(
        d.problems
            .iter()
            .any(|p| matches!(p, Problem::OutOfRange { key: "every", .. }))
    );
    assert!(
        d.problems
            .iter()
            .any(|p| matches!(p, Problem::Invalid { key: "dist", .. })),
        "{:?}",
        d.problems
    );
    assert_eq!(t.latency.dist, LatencyDist::Constant);
    assert!(link("v=2&n=30").link.scenario.config.time.is_none());
    // A latency of thousands of ticks would hold gigabytes on the wire: clamped, and said.
    let d = link("v=2&tick=1&latency=600000&dist=exponential");
    let t = d.link.scenario.config.time.expect("a time model");
    assert_eq!(t.latency.mean_ms, 1000.0);
    assert!(
        d.problems
            .iter()
            .any(|p| matches!(p, Problem::OutOfRange { key: "latency", .. }))
    );
}
