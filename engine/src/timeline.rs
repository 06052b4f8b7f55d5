//! The timeline: step back, scrub, fork (RaftScope's model).
//!
//! A timeline wraps a [`Simulation`] with its action log and checkpoints taken every few
//! rounds. Seeking to round r restores the nearest earlier checkpoint and replays; since runs
//! are deterministic, stepping back is exact. An action taken in the past drops the future
//! it contradicts. Checkpoints are thinned (every other one dropped, interval doubled) when
//! there are too many, so memory stays bounded however long the run.

use crate::command::Command;
use crate::config::Config;
use crate::error::{Error, Result};
use crate::metrics::RoundStats;
use crate::report::RoundReport;
use crate::scenario::{SCENARIO_VERSION, Scenario, TimedCommand};
use crate::simulation::Simulation;

/// Checkpoints kept at most (before thinning).
const MAX_CHECKPOINTS: usize = 64;
/// Furthest round a timeline will compute.
pub const MAX_ROUNDS: u32 = 1_000_000;

/// A simulation with its history.
#[derive(Clone, Debug)]
pub struct Timeline {
    sim: Simulation,
    actions: Vec<TimedCommand>,
    /// States after every action of their round, ascending by round.
    checkpoints: Vec<Simulation>,
    interval: u32,
    /// Stats of rounds 1..=frontier of this branch.
    history: Vec<RoundStats>,
}

impl Timeline {
    /// A new run at round 0.
    pub fn new(config: Config, seed: u64) -> Result<Self> {
        Ok(Timeline {
            sim: Simulation::new(config, seed)?,
            actions: Vec::new(),
            checkpoints: Vec::new(),
            interval: 8,
            history: Vec::new(),
        })
    }

    /// Rebuilds a scenario: replays its log and stops at its round. A command that fails on
    /// replay is an error naming its position.
    pub fn from_scenario(s: &Scenario) -> Result<Self> {
        s.validate()?;
        check_round(s.round)?;
        let mut t = Timeline::new(s.config.clone(), s.seed)?;
        let last = s.actions.last().map_or(0, |a| a.round);
        let recording = t.sim.record;
        t.sim.set_recording(false);
        for (i, a) in s.actions.iter().enumerate() {
            while t.sim.round() < a.round {
                t.step();
            }
            t.apply(&a.command).map_err(|e| Error::Action {
                index: i + 1,
                command: Box::new(a.command.clone()),
                error: Box::new(e),
            })?;
        }
        while t.sim.round() < last.max(s.round) {
            t.step();
        }
        t.sim.set_recording(recording);
        t.seek(s.round);
        Ok(t)
    }

    /// The scenario that reproduces this run at its current round.
    pub fn scenario(&self) -> Scenario {
        Scenario {
            v: SCENARIO_VERSION,
            config: self.sim.config().clone(),
            seed: self.sim.seed(),
            actions: self.actions.clone(),
            round: self.sim.round(),
        }
    }

    /// The simulation at the current round.
    pub fn sim(&self) -> &Simulation {
        &self.sim
    }
    /// Turns contact recording on or off for the steps that follow.
    pub fn set_recording(&mut self, on: bool) {
        self.sim.set_recording(on);
    }
    /// The current round.
    pub fn round(&self) -> u32 {
        self.sim.round()
    }
    /// The furthest round computed in this branch.
    pub fn frontier(&self) -> u32 {
        self.history.len() as u32
    }
    /// The action log.
    pub fn actions(&self) -> &[TimedCommand] {
        &self.actions
    }
    /// Stats of rounds 1..=frontier.
    pub fn history(&self) -> &[RoundStats] {
        &self.history
    }
    /// Number of checkpoints held (memory is bounded by this).
    pub fn checkpoints(&self) -> usize {
        self.checkpoints.len()
    }

    /// Applies the logged actions of the current round (after replaying into it).
    fn replay_actions_here(&mut self) {
        let r = self.sim.round();
        let start = self.actions.partition_point(|a| a.round < r);
        let end = self.actions.partition_point(|a| a.round <= r);
        for a in &self.actions[start..end] {
            // Logged actions succeeded when first applied, and runs are deterministic.
            let _ = self.sim.apply(&a.command);
        }
    }

    /// Runs one round, replaying logged actions when inside the computed history.
    pub fn step(&mut self) -> RoundReport {
        let report = self.sim.step();
        let r = self.sim.round();
        if r > self.frontier() {
            self.history.push(RoundStats::capture(&self.sim, &report));
        }
        self.replay_actions_here();
        if r % self.interval == 0 && self.checkpoints.last().is_none_or(|c| c.round() < r) {
            self.checkpoints.push(self.sim.clone());
            if self.checkpoints.len() > MAX_CHECKPOINTS {
                let mut keep = 0;
                self.checkpoints.retain(|_| {
                    keep += 1;
                    keep % 2 == 0
                });
                self.interval *= 2;
            }
        }
        report
    }

    /// Applies a command at the current round. If the run had gone further, that future is
    /// dropped: the action forks it. On error nothing changes.
    pub fn apply(&mut self, cmd: &Command) -> Result<Option<u32>> {
        let out = self.sim.apply(cmd)?;
        let r = self.sim.round();
        let end = self.actions.partition_point(|a| a.round <= r);
        self.actions.truncate(end);
        self.actions.push(TimedCommand {
            round: r,
            command: cmd.clone(),
        });
        self.checkpoints.retain(|c| c.round() < r);
        self.history.truncate(r as usize);
        Ok(out)
    }

    /// Moves to `round` exactly and returns the report of the round that led there (empty at
    /// round 0). Rounds before the last are replayed without recording, for speed.
    pub fn seek(&mut self, round: u32) -> RoundReport {
        let round = round.min(MAX_ROUNDS);
        if round == self.sim.round() {
            return RoundReport::default();
        }
        if round < self.sim.round() {
            let base = self
                .checkpoints
                .iter()
                .rev()
                .find(|c| c.round() < round)
                .cloned();
            let recording = self.sim.record;
            self.sim = match base {
                Some(c) => c,
                None => self.fresh_start(),
            };
            self.sim.set_recording(recording);
        }
        let recording = self.sim.record;
        self.sim.set_recording(false);
        while self.sim.round() + 1 < round {
            self.step();
        }
        self.sim.set_recording(recording);
        if self.sim.round() < round {
            self.step()
        } else {
            RoundReport::default()
        }
    }

    /// The simulation at round 0 with the actions of round 0 applied.
    fn fresh_start(&self) -> Simulation {
        let mut sim = Simulation::new(self.sim.config().clone(), self.sim.seed())
            .expect("the config was valid when the timeline was built");
        for a in self.actions.iter().take_while(|a| a.round == 0) {
            let _ = sim.apply(&a.command);
        }
        sim
    }
}

fn check_round(round: u32) -> Result<()> {
    crate::error::check_range("round", round, 0, MAX_ROUNDS)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inject(node: u32) -> Command {
        Command::Inject {
            node,
            id: None,
            content: "x".into(),
        }
    }

    #[test]
    fn back_is_exact_and_fork_drops_the_future() {
        let mut t = Timeline::new(Config::default(), 5).expect("valid");
        t.apply(&inject(0)).expect("inject");
        for _ in 0..30 {
            t.step();
        }
        let at12 = t.history()[11].clone();
        t.seek(12);
        assert_eq!(t.round(), 12);
        assert_eq!(
            t.sim().counts(0),
            Some(at12.counts[0]),
            "seek back restores round 12 exactly"
        );
        t.apply(&Command::Kill { node: 3 }).expect("kill");
        assert_eq!(t.frontier(), 12, "the future is dropped");
        t.step();
        assert_eq!(t.frontier(), 13);
        assert!(!t.sim().is_alive(3));
        t.seek(5);
        t.seek(13);
        assert!(!t.sim().is_alive(3), "the kill at round 12 is replayed");
    }

    #[test]
    fn checkpoints_stay_bounded() {
        let mut t = Timeline::new(Config::default(), 1).expect("valid");
        t.apply(&inject(0)).expect("inject");
        for _ in 0..5000 {
            t.step();
        }
        assert!(
            t.checkpoints() <= MAX_CHECKPOINTS,
            "{} checkpoints",
            t.checkpoints()
        );
        let c = t.history()[999].counts[0];
        t.seek(1000);
        assert_eq!(t.sim().counts(0), Some(c));
    }

    #[test]
    fn scenario_round_trip() {
        let mut t = Timeline::new(Config::default(), 77).expect("valid");
        t.apply(&inject(4)).expect("inject");
        t.seek(6);
        t.apply(&Command::Kill { node: 9 }).expect("kill");
        t.seek(9);
        let s = t.scenario();
        let u = Timeline::from_scenario(&s).expect("replays");
        assert_eq!(u.round(), 9);
        assert_eq!(u.sim().counts(0), t.sim().counts(0));
        assert_eq!(u.sim().table(9), t.sim().table(9));
    }
}
