//! A SWIM run as data: the configuration, the seed, the user's timed commands and the tick to
//! open at. Links, scenario files, the embed API and the lessons all carry one of these, and
//! a run is a pure function of it (the engine is deterministic), so sharing it shares the run.

use gossip_engine::swim::{Preset, SwimCommand, SwimConfig};
use serde::{Deserialize, Serialize};

/// The page draws every member and keeps every member's list, N² entries in all: 2,000
/// members are 4 million entries (about 100 MB with the recorded history), the most a
/// browser tab holds comfortably. The CLI goes to the engine's own cap.
pub const MAX_PAGE_NODES: u32 = 2_000;

/// Why a scenario cannot be run (worded by `super::texts::problem`).
#[derive(Clone, Debug, PartialEq)]
pub enum ScenarioProblem {
    /// More members than [`MAX_PAGE_NODES`].
    TooManyMembers(u32),
    /// Commands not in tick order.
    OutOfOrder,
    /// A field out of its range (the engine's check).
    Engine(gossip_engine::Error),
}

/// One command, applied just before tick `tick` runs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SwimAction {
    /// The tick it applies before.
    pub tick: u32,
    /// What it does.
    #[serde(flatten)]
    pub command: SwimCommand,
}

/// Everything that determines a SWIM run in the page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SwimScenario {
    /// The preset the configuration started from (shown as the chosen preset; every field
    /// of `config` may since have been changed).
    pub preset: Preset,
    /// The parameters.
    pub config: SwimConfig,
    /// The seed of every random choice.
    pub seed: u64,
    /// The user's commands, in tick order.
    #[serde(default)]
    pub actions: Vec<SwimAction>,
    /// The tick to open at.
    #[serde(default)]
    pub at: u32,
}

impl SwimScenario {
    /// A preset's defaults for `nodes` members, with no commands.
    pub fn preset(preset: Preset, nodes: u32, seed: u64) -> Self {
        SwimScenario {
            preset,
            config: SwimConfig::preset(preset, nodes),
            seed,
            actions: Vec::new(),
            at: 0,
        }
    }

    /// Adds `command` before `tick`, after any command already there (commands at one tick
    /// apply in the order they were given).
    pub fn push(&mut self, tick: u32, command: SwimCommand) {
        let i = self.actions.partition_point(|a| a.tick <= tick);
        self.actions.insert(i, SwimAction { tick, command });
    }

    /// Checks what the engine does not (the page's cap on N, the order of the commands),
    /// then what the engine does (each field's range).
    pub fn check(&self) -> Result<(), ScenarioProblem> {
        if self.config.nodes > MAX_PAGE_NODES {
            return Err(ScenarioProblem::TooManyMembers(self.config.nodes));
        }
        if self.actions.windows(2).any(|w| w[0].tick > w[1].tick) {
            return Err(ScenarioProblem::OutOfOrder);
        }
        self.config.validate().map_err(ScenarioProblem::Engine)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_scenario_reads_back_as_written() {
        let mut s = SwimScenario::preset(Preset::ConsulLan, 20, 7);
        s.push(30, SwimCommand::Kill { node: 3 });
        s.push(10, SwimCommand::Pause { node: 4, ms: 2000 });
        s.at = 55;
        let json = serde_json::to_string(&s).unwrap();
        assert!(
            json.contains(r#"{"tick":10,"command":"pause","node":4,"ms":2000}"#),
            "{json}"
        );
        let back: SwimScenario = serde_json::from_str(&json).unwrap();
        assert_eq!(back, s);
        assert_eq!(back.actions[0].tick, 10);
    }

    #[test]
    fn too_many_members_for_the_page_are_refused_with_the_cap() {
        let s = SwimScenario::preset(Preset::ConsulLan, MAX_PAGE_NODES + 1, 1);
        assert_eq!(s.check(), Err(ScenarioProblem::TooManyMembers(2001)));
        assert!(
            SwimScenario::preset(Preset::ConsulLan, 50, 1)
                .check()
                .is_ok()
        );
    }
}
