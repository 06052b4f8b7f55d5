//! The lessons' scenarios: configuration, seed, action log and the round to open at. Variants
//! of a lesson share the seed, so that only what the lesson is about differs.

use gossip_engine::{
    Action, Command, Config, Decay, Feedback, Mode, Protocol, Removal, Scenario, Sync,
    TopologyConfig,
};

use crate::view::View;

/// Cluster sizes of the O(log N) and adaptive-interval lessons.
pub const SIZES: [u32; 4] = [10, 100, 1_000, 10_000];
/// Anti-entropy modes in the order of the modes lesson.
pub const MODES: [Mode; 3] = [Mode::Push, Mode::Pull, Mode::PushPull];
/// The four loss-of-interest variants, in the order of the residue lesson.
pub const REMOVALS: [(Feedback, Decay); 4] = [
    (Feedback::Feedback, Decay::Counter),
    (Feedback::Feedback, Decay::Coin),
    (Feedback::Blind, Decay::Counter),
    (Feedback::Blind, Decay::Coin),
];
/// k of the residue lesson.
pub const RESIDUE_K: u32 = 2;
/// Cluster size of the residue lesson.
pub const RESIDUE_N: u32 = 1_000;
/// The sync lesson: (round, node) of each write.
pub const SYNC_WRITES: [(u32, u32); 5] = [(0, 0), (2, 10), (4, 20), (6, 30), (8, 40)];
/// Group size of the hierarchy lesson.
pub const GROUP_SIZE: u32 = 10;

fn inject(round: u32, node: u32, content: &str) -> Action {
    Action {
        round,
        command: Command::Inject {
            node,
            id: None,
            content: content.into(),
        },
    }
}

fn scenario(config: Config, seed: u64, actions: Vec<Action>) -> Scenario {
    Scenario {
        actions,
        ..Scenario::new(config, seed)
    }
}

fn anti_entropy(nodes: u32, mode: Mode, sync: Sync) -> Config {
    Config {
        nodes,
        fanout: 1,
        protocol: Protocol::AntiEntropy { mode, sync },
        ..Config::default()
    }
}

fn rumor_config(nodes: u32, feedback: Feedback, decay: Decay, k: u32) -> Config {
    Config {
        nodes,
        fanout: 1,
        protocol: Protocol::Rumor {
            mode: Mode::Push,
            removal: Removal { feedback, decay, k },
            repair_every: None,
        },
        ..Config::default()
    }
}

/// Message 0 shown, node 0 selected, a speed that lets one follow each round.
pub fn message_view(_variant: usize) -> View {
    View {
        message: Some(0),
        selected: Some(0),
        subject: None,
        speed: Some(1.5),
        playing: false,
    }
}

/// Like [`message_view`], faster for the large clusters.
pub fn sized_view(variant: usize) -> View {
    View {
        speed: Some(if variant >= 2 { 3.0 } else { 1.5 }),
        ..message_view(variant)
    }
}

/// Lesson 1: a slower speed, to follow fresh turning stale round by round.
pub fn rumor_view(_variant: usize) -> View {
    View {
        speed: Some(1.0),
        ..message_view(0)
    }
}

/// Lesson 1: One rumor at node 0 in 40 nodes.
pub fn rumor(_variant: usize) -> Scenario {
    scenario(
        rumor_config(40, Feedback::Feedback, Decay::Counter, 2),
        7,
        vec![inject(0, 0, "rumor")],
    )
}

/// Lesson 2: Anti-entropy in mode `variant` (push, pull, push-pull), same seed.
pub fn modes(variant: usize) -> Scenario {
    let mode = MODES[variant.min(MODES.len() - 1)];
    scenario(
        anti_entropy(100, mode, Sync::Incremental),
        11,
        vec![inject(0, 0, "news")],
    )
}

/// Lesson 3: Anti-entropy push, fanout 1, at N = `SIZES[variant]`.
pub fn log_n(variant: usize) -> Scenario {
    let n = SIZES[variant.min(SIZES.len() - 1)];
    scenario(
        anti_entropy(n, Mode::Push, Sync::Incremental),
        3,
        vec![inject(0, 0, "news")],
    )
}

/// Lesson 4: Rumor push at N = 1,000, k = 2, in one of the four loss-of-interest variants.
pub fn residue(variant: usize) -> Scenario {
    let (feedback, decay) = REMOVALS[variant.min(REMOVALS.len() - 1)];
    scenario(
        rumor_config(RESIDUE_N, feedback, decay, RESIDUE_K),
        5,
        vec![inject(0, 0, "rumor")],
    )
}

/// The node killed in the heartbeat lesson.
pub const HEARTBEAT_VICTIM: u32 = 13;
/// The round of that kill.
pub const HEARTBEAT_KILL_ROUND: u32 = 3;

/// Lesson 5: heartbeat membership, N = 40, fanout 2, t_fail 6, t_cleanup 12; node 13 dies at
/// round 3, where the lesson opens.
pub fn heartbeat(_variant: usize) -> Scenario {
    let config = Config {
        nodes: 40,
        fanout: 2,
        protocol: Protocol::Membership {
            t_fail: 6,
            t_cleanup: 12,
        },
        ..Config::default()
    };
    // Opens just after the kill: the summary follows the dead node from the first screen.
    Scenario {
        round: HEARTBEAT_KILL_ROUND,
        ..scenario(
            config,
            17,
            vec![Action {
                round: HEARTBEAT_KILL_ROUND,
                command: Command::Kill {
                    node: HEARTBEAT_VICTIM,
                },
            }],
        )
    }
}

/// Lesson 5: No message; node 0 selected (its member table), the victim followed.
pub fn heartbeat_view(_variant: usize) -> View {
    View {
        message: None,
        selected: Some(0),
        subject: Some(HEARTBEAT_VICTIM),
        speed: Some(1.5),
        playing: false,
    }
}

/// The node killed in the faults lesson.
pub const FAULTS_VICTIM: u32 = 20;

/// Lesson 6: Anti-entropy push-pull, N = 60, 20% loss, two halves until round 8, and node 20
/// dies at round 2.
pub fn faults(_variant: usize) -> Scenario {
    let config = Config {
        loss: 0.2,
        ..anti_entropy(60, Mode::PushPull, Sync::Incremental)
    };
    scenario(
        config,
        3,
        vec![
            inject(0, 0, "news"),
            Action {
                round: 0,
                command: Command::Partition {
                    groups: vec![(0..30).collect()],
                },
            },
            Action {
                round: 2,
                command: Command::Kill {
                    node: FAULTS_VICTIM,
                },
            },
            Action {
                round: 8,
                command: Command::Heal,
            },
        ],
    )
}

/// Lesson 7: Anti-entropy push-pull, N = 50, five writes at five nodes; incremental or full sync.
pub fn sync(variant: usize) -> Scenario {
    let sync = if variant == 0 {
        Sync::Incremental
    } else {
        Sync::Full
    };
    let values = ["apple", "banana", "cherry", "damson", "elder"];
    let actions = SYNC_WRITES
        .iter()
        .zip(values)
        .map(|(&(round, node), v)| inject(round, node, v))
        .collect();
    scenario(anti_entropy(50, Mode::PushPull, sync), 29, actions)
}

/// Lesson 8: Anti-entropy push-pull, N = 100: hierarchical groups of 10, or the complete graph.
pub fn hierarchy(variant: usize) -> Scenario {
    let topology = if variant == 0 {
        TopologyConfig::Hierarchical {
            group_size: GROUP_SIZE,
        }
    } else {
        TopologyConfig::Complete
    };
    let config = Config {
        topology,
        ..anti_entropy(100, Mode::PushPull, Sync::Incremental)
    };
    // Written at node 5, a member (not the leader) of group 0.
    scenario(config, 31, vec![inject(0, 5, "news")])
}

/// Lesson 8: Node 5, where the news is written, selected.
pub fn hierarchy_view(variant: usize) -> View {
    View {
        selected: Some(5),
        ..message_view(variant)
    }
}

/// Lesson 9: Anti-entropy push-pull, fanout 1, at N = `SIZES[variant]`.
pub fn interval(variant: usize) -> Scenario {
    let n = SIZES[variant.min(SIZES.len() - 1)];
    scenario(
        anti_entropy(n, Mode::PushPull, Sync::Incremental),
        37,
        vec![inject(0, 0, "news")],
    )
}
