//! The fixed scenarios whose trace hashes are pinned in `golden_trace.txt`, shared by the
//! native test (`determinism.rs`) and the browser test (`wasm_determinism.rs`), so that a
//! change of semantics is caught and native == wasm is checked against the same constants.

use gossip_engine::rng::{Purpose, Stream, stream};
use gossip_engine::{
    Command, Config, Decay, Feedback, Mode, Protocol, Removal, Scenario, Sync, TimedCommand,
    TopologyConfig,
};

/// `name hex` per line, written when the semantics last changed on purpose.
const GOLDEN: &str = include_str!("../golden_trace.txt");

/// The pinned hash of `name`.
pub fn pinned(name: &str) -> u64 {
    all()
        .into_iter()
        .find(|(n, _)| n == name)
        .unwrap_or_else(|| panic!("golden_trace.txt has a line for {name}"))
        .1
}

/// The pinned trace hashes, by name, in file order (`rng-streams` excluded).
pub fn golden() -> Vec<(String, u64)> {
    all()
        .into_iter()
        .filter(|(n, _)| n != "rng-streams")
        .collect()
}

fn all() -> Vec<(String, u64)> {
    GOLDEN
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| {
            let mut parts = l.split_whitespace();
            let name = parts.next().expect("a name").to_string();
            let hex = parts.next().expect("a hash after the name");
            let hash = u64::from_str_radix(hex, 16).expect("a hexadecimal u64");
            (name, hash)
        })
        .collect()
}

fn at(round: u32, command: Command) -> TimedCommand {
    TimedCommand { round, command }
}

fn inject(node: u32, id: Option<u32>, content: &str) -> Command {
    Command::Inject {
        node,
        id,
        content: content.to_string(),
    }
}

/// The faults every scenario goes through: a kill, a revive, a partition and its heal, a
/// second message, a newer version of the first, a loss change, a revive with amnesia and a
/// join (`messages` false for membership, which carries no messages).
fn faults(messages: bool) -> Vec<TimedCommand> {
    let mut a = Vec::new();
    if messages {
        a.push(at(0, inject(0, None, "alpha")));
    }
    a.push(at(3, Command::Kill { node: 17 }));
    a.push(at(
        5,
        Command::Partition {
            groups: vec![(0..100).collect()],
        },
    ));
    if messages {
        a.push(at(12, inject(150, None, "beta")));
    }
    a.push(at(
        15,
        Command::Revive {
            node: 17,
            amnesia: false,
        },
    ));
    a.push(at(20, Command::Heal));
    a.push(at(22, Command::Kill { node: 42 }));
    a.push(at(
        26,
        Command::Revive {
            node: 42,
            amnesia: true,
        },
    ));
    if messages {
        a.push(at(30, inject(5, Some(0), "alpha, second version")));
    }
    a.push(at(35, Command::SetLoss { loss: 0.2 }));
    a.push(at(40, Command::Join { seed: 3 }));
    a
}

/// The pinned scenarios, by name.
pub fn scenarios() -> Vec<(&'static str, Scenario)> {
    let rumor = Scenario {
        actions: faults(true),
        round: 60,
        ..Scenario::new(
            Config {
                nodes: 200,
                fanout: 2,
                loss: 0.1,
                protocol: Protocol::Rumor {
                    mode: Mode::PushPull,
                    removal: Removal {
                        feedback: Feedback::Feedback,
                        decay: Decay::Counter,
                        k: 3,
                    },
                    repair_every: None,
                },
                topology: TopologyConfig::WattsStrogatz { k: 3, beta: 0.2 },
                time: None,
            },
            0x5eed_0001,
        )
    };
    let anti_entropy = Scenario {
        actions: faults(true),
        round: 60,
        ..Scenario::new(
            Config {
                nodes: 200,
                fanout: 1,
                loss: 0.1,
                protocol: Protocol::AntiEntropy {
                    mode: Mode::PushPull,
                    sync: Sync::Incremental,
                },
                topology: TopologyConfig::RandomRegular { degree: 4 },
                time: None,
            },
            0x5eed_0002,
        )
    };
    let hybrid = Scenario {
        actions: faults(true),
        round: 60,
        ..Scenario::new(
            Config {
                nodes: 200,
                fanout: 1,
                loss: 0.05,
                protocol: Protocol::Rumor {
                    mode: Mode::Push,
                    removal: Removal {
                        feedback: Feedback::Blind,
                        decay: Decay::Coin,
                        k: 2,
                    },
                    repair_every: Some(5),
                },
                topology: TopologyConfig::Complete,
                time: None,
            },
            0x5eed_0003,
        )
    };
    let membership = Scenario {
        actions: faults(false),
        round: 60,
        ..Scenario::new(
            Config {
                nodes: 120,
                fanout: 2,
                loss: 0.1,
                protocol: Protocol::Membership {
                    t_fail: 8,
                    t_cleanup: 16,
                },
                topology: TopologyConfig::Complete,
                time: None,
            },
            0x5eed_0004,
        )
    };
    vec![
        ("rumor-push-pull-watts-strogatz-200", rumor),
        ("anti-entropy-push-pull-random-regular-200", anti_entropy),
        ("hybrid-push-blind-coin-complete-200", hybrid),
        ("membership-complete-120", membership),
    ]
}

/// FNV-1a over draws of several random streams (integer ranges, floats, distinct picks):
/// the bottom of the stack on its own, so that a native/wasm mismatch is easy to locate
/// (`usize` is 32 bits in wasm, and every draw must still be the same).
pub fn rng_fingerprint() -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut eat = |v: u64| {
        for b in v.to_le_bytes() {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
    };
    let purposes = [
        Purpose::Peers,
        Purpose::Coin,
        Purpose::Repair,
        Purpose::Topology,
    ];
    let mut out = Vec::new();
    for (i, purpose) in purposes.into_iter().enumerate() {
        let mut s = stream(
            0xdead_beef + i as u64,
            7 + i as u32,
            1000 * i as u32,
            purpose,
        );
        for n in [1, 2, 3, 999, 1 << 20, u32::MAX] {
            eat(u64::from(s.below(n)));
        }
        eat(s.unit().to_bits());
        eat(u64::from(s.chance(0.3)));
        s.distinct(1000, 8, &mut out);
        out.iter().for_each(|&v| eat(u64::from(v)));
    }
    let mut t = Stream::from_seed(12345);
    eat(u64::from(t.below(77)));
    eat(t.unit().to_bits());
    h
}
