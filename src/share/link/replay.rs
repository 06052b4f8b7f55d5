//! The action log of a link (`a=`): read, and checked by replaying it.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use gossip_engine::{Action, Command, Config, Protocol, Simulation};

use super::problem::Problem;
use super::reader::Reader;

/// Most actions a log may hold (the engine's scenario limit).
const MAX_ACTIONS: usize = 10_000;

/// The first rumor every new playground starts with.
pub fn default_actions(config: &Config) -> Vec<Action> {
    if matches!(config.protocol, Protocol::Membership { .. }) {
        return Vec::new();
    }
    vec![Action {
        round: 0,
        command: Command::Inject {
            node: 0,
            id: None,
            content: "hello".into(),
        },
    }]
}

/// The log in `a` (base64url of the engine's serde JSON), or `None` (with the problem) if it
/// cannot be read.
pub(super) fn read_actions(r: &mut Reader, a: &str) -> Option<Vec<Action>> {
    let Ok(bytes) = URL_SAFE_NO_PAD.decode(a.trim().trim_end_matches('=')) else {
        r.problems.push(Problem::ActionsNotBase64);
        return None;
    };
    let parsed = std::str::from_utf8(&bytes)
        .map_err(|_| "invalid UTF-8".to_string())
        .and_then(|text| serde_json::from_str::<Vec<Action>>(text).map_err(|e| e.to_string()));
    match parsed {
        Ok(mut v) => {
            if v.len() > MAX_ACTIONS {
                r.problems.push(Problem::ActionsTruncated {
                    count: v.len(),
                    kept: MAX_ACTIONS,
                });
                v.truncate(MAX_ACTIONS);
            }
            if v.windows(2).any(|w| w[0].round > w[1].round) {
                r.problems.push(Problem::ActionsUnordered);
                v.sort_by_key(|a| a.round);
            }
            Some(v)
        }
        Err(reason) => {
            r.problems.push(Problem::ActionsUnreadable { reason });
            None
        }
    }
}

/// Replays the log on a scratch simulation, dropping each action that fails (with the
/// reason), and returns the furthest round the page may replay.
pub(super) fn replay_check(
    r: &mut Reader,
    config: &Config,
    seed: u64,
    actions: Vec<Action>,
    work_limit: u32,
) -> (Vec<Action>, u32) {
    let Ok(mut sim) = Simulation::new(config.clone(), seed) else {
        return (Vec::new(), 0);
    };
    sim.set_recording(false);
    let mut kept = Vec::with_capacity(actions.len());
    for (i, a) in actions.into_iter().enumerate() {
        if a.round > work_limit {
            r.problems.push(Problem::ActionBeyondReach {
                index: i + 1,
                round: a.round,
                nodes: config.nodes,
                limit: work_limit,
            });
            break;
        }
        while sim.round() < a.round {
            sim.step();
        }
        match sim.apply(&a.command) {
            Ok(_) => kept.push(a),
            Err(error) => r.problems.push(Problem::ActionSkipped {
                index: i + 1,
                command: a.command,
                error,
            }),
        }
    }
    (kept, work_limit)
}
