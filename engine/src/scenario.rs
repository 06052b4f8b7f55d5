//! A scenario: everything needed to reproduce a run exactly — configuration, seed, the
//! action log, and the round being looked at. It serialises (with the `serde` feature) into a
//! compact, versioned document for links and files.

#[cfg(feature = "serde")]
use serde::{Deserialize, Serialize};

use crate::command::Command;
use crate::config::Config;
use crate::error::{Error, Result};

/// The format version written today. Readers accept every version up to this one.
pub const SCENARIO_VERSION: u32 = 1;
/// Longest action log a scenario may hold.
pub const MAX_ACTIONS: usize = 10_000;

/// A command and the round at which it was applied (after that round's step; 0 = before
/// round 1).
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct Action {
    /// The round.
    pub round: u32,
    /// The command.
    #[cfg_attr(feature = "serde", serde(flatten))]
    pub command: Command,
}

/// Sorts an action log by round, keeping the order of the actions of each round (a stable
/// sort, as replay needs). It sorts (round, position) pairs packed into `u64` keys, which are
/// unique, so any sort gives the stable order; and it is the engine's small `u64` sort, so a
/// caller that sorts logs this way adds no sort code to the wasm bundle.
/// Logs are far shorter than 2^32 actions ([`Scenario::validate`] allows [`MAX_ACTIONS`]).
pub fn sort_by_round(actions: &mut Vec<Action>) {
    let mut keys: Vec<u64> = (0u64..)
        .zip(actions.iter())
        .map(|(i, a)| u64::from(a.round) << 32 | i)
        .collect();
    crate::sort::sort_u64(&mut keys);
    *actions = keys
        .iter()
        .map(|&k| actions[k as u32 as usize].clone())
        .collect();
}

/// A reproducible run.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct Scenario {
    /// Format version ([`SCENARIO_VERSION`] when written by this build).
    pub v: u32,
    /// The cluster.
    pub config: Config,
    /// The seed of every random choice.
    pub seed: u64,
    /// The action log, ordered by round.
    #[cfg_attr(feature = "serde", serde(default))]
    pub actions: Vec<Action>,
    /// The round being shown.
    #[cfg_attr(feature = "serde", serde(default))]
    pub round: u32,
}

impl Scenario {
    /// A scenario with no actions, at round 0.
    pub fn new(config: Config, seed: u64) -> Self {
        Scenario {
            v: SCENARIO_VERSION,
            config,
            seed,
            actions: Vec::new(),
            round: 0,
        }
    }

    /// Checks what the types cannot: a known format version, a valid config, an ordered log.
    /// Commands themselves are checked when replayed.
    pub fn validate(&self) -> Result<()> {
        if self.v == 0 || self.v > SCENARIO_VERSION {
            return Err(Error::UnsupportedVersion {
                version: self.v,
                max: SCENARIO_VERSION,
            });
        }
        self.config.validate()?;
        if let Some(i) = self
            .actions
            .windows(2)
            .position(|w| w[0].round > w[1].round)
        {
            return Err(Error::ActionsOutOfOrder { index: i + 2 });
        }
        if self.actions.len() > MAX_ACTIONS {
            return Err(Error::TooManyActions {
                count: self.actions.len(),
                max: MAX_ACTIONS,
            });
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sort_by_round_is_the_stable_sort() {
        let mut rng = crate::rng::Stream::from_seed(5);
        for len in [0, 1, 2, 7, 40, 300] {
            let log: Vec<Action> = (0..len)
                .map(|node| Action {
                    round: rng.below(6),
                    command: Command::Kill { node },
                })
                .collect();
            let mut expected = log.clone();
            expected.sort_by_key(|a| a.round);
            let mut sorted = log;
            sort_by_round(&mut sorted);
            assert_eq!(sorted, expected, "{len} actions");
        }
    }

    #[test]
    fn validate_names_what_is_wrong_with_the_log() {
        let kill = |round, node| Action {
            round,
            command: Command::Kill { node },
        };
        let mut s = Scenario::new(Config::default(), 1);
        s.actions = vec![kill(0, 1), kill(3, 2), kill(2, 3)];
        assert_eq!(s.validate(), Err(Error::ActionsOutOfOrder { index: 3 }));
        s.actions = vec![kill(0, 1); MAX_ACTIONS + 1];
        assert_eq!(
            s.validate(),
            Err(Error::TooManyActions {
                count: MAX_ACTIONS + 1,
                max: MAX_ACTIONS
            })
        );
        s.actions.pop();
        assert_eq!(s.validate(), Ok(()));
        s.v = 0;
        assert_eq!(
            s.validate(),
            Err(Error::UnsupportedVersion { version: 0, max: 1 })
        );
    }
}
