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

/// One entry of the action log: a command and the round at which it was applied (after that
/// round's step; 0 = before round 1).
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(try_from = "crate::command_form::CommandForm")
)]
pub struct TimedCommand {
    /// The round.
    pub round: u32,
    /// The command.
    #[cfg_attr(feature = "serde", serde(flatten))]
    pub command: Command,
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
    pub actions: Vec<TimedCommand>,
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
    fn validate_names_what_is_wrong_with_the_log() {
        let kill = |round, node| TimedCommand {
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
