//! Monte Carlo trials of one scenario: the same configuration and action log run again under
//! seeds `seed`, `seed + 1`, …, each until its measure is settled.
//!
//! What one seed does is defined here once, so that every consumer of many seeds measures the
//! same thing: `gossip-sim run` (its trials, `--per-round` rows and bands) and the page's bands
//! worker. A band drawn in the page is then the CLI's band of the same scenario and seeds.

use crate::message::NONE;
use crate::{
    Belief, Command, Config, Error, Protocol, Scenario, Simulation, TimedCommand, Traffic,
};

/// Rounds after which a trial stops whatever its state, unless told otherwise: the default
/// of `gossip-sim run --max-rounds`, and what the page's bands run.
pub const DEFAULT_MAX_ROUNDS: u32 = 1000;

/// When a message trial is over (besides the step limit).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stop {
    /// Every alive node holds the message (anti-entropy: holders never stop spreading).
    Converged,
    /// No alive node holds it fresh (pure rumor mongering: the rumor died out).
    Extinct,
    /// Both (hybrid: the repair keeps delivering after the rumor dies out).
    ConvergedAndExtinct,
}

/// What a trial measures.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    /// The spread of message 0.
    Message(Stop),
    /// The detection of the failure of `subject`, killed after round `kill_round`.
    Detection {
        /// The node whose failure is detected.
        subject: u32,
        /// The step after which it is killed.
        kill_round: u32,
    },
}

/// The state at the end of one step of a trial (after that step's actions).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct TrialRow {
    /// Fraction of alive nodes that hold the message (membership: alive nodes, the subject
    /// excluded, that consider the killed node failed).
    pub informed: f64,
    /// Alive nodes without the message (membership: observers that have not detected yet).
    pub unaware: u32,
    /// Nodes holding it fresh.
    pub fresh: u32,
    /// Nodes holding it stale.
    pub stale: u32,
    /// Dead nodes.
    pub dead: u32,
    /// Traffic of the step (zero for step 0).
    pub traffic: Traffic,
}

/// Every trial of one scenario: what each seed runs and measures.
#[derive(Clone, Debug)]
pub struct Trials {
    /// The configuration.
    pub config: Config,
    /// Seed of trial 0; trial t uses `seed + t` (wrapping).
    pub seed: u64,
    /// Commands and the step after which each is applied, ordered by step.
    pub actions: Vec<TimedCommand>,
    /// What is measured.
    pub target: Target,
    /// Steps after which a trial stops whatever its state (ticks under a time model).
    pub max_steps: u32,
}

/// A trial's command that the engine refused.
#[derive(Clone, Debug, PartialEq)]
pub enum TrialError {
    /// The configuration itself.
    Config(Error),
    /// The action at `index` (0-based) of the log, after `round`.
    Action {
        /// Its index in the log.
        index: usize,
        /// The step after which it was applied.
        round: u32,
        /// What it does, in words ([`Command::label`]).
        label: String,
        /// Why it was refused.
        error: Error,
    },
}

impl std::fmt::Display for TrialError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            TrialError::Config(e) => write!(f, "{e}"),
            TrialError::Action {
                index,
                round,
                label,
                error,
            } => write!(
                f,
                "action {} ({label} after round {round}): {error}",
                index + 1
            ),
        }
    }
}

impl std::error::Error for TrialError {}

/// One finished trial: the simulation as it stopped, and its rows when asked for.
pub struct Trial {
    /// The seed it ran.
    pub seed: u64,
    /// The simulation where the trial stopped.
    pub sim: Simulation,
    /// One row per step from step 0 (empty unless rows were asked for).
    pub rows: Vec<TrialRow>,
    /// Under a detection target, who detected the failure and when.
    pub detector: Option<Detector>,
}

impl Trials {
    /// The trials of (`config`, `seed`, `actions`) with at most `max_steps` steps each.
    /// A log without a message to follow gets an injection at node 0 before step 0; under
    /// membership, one without a failure to detect gets node 0 killed after the first round.
    pub fn new(
        config: Config,
        seed: u64,
        mut actions: Vec<TimedCommand>,
        max_steps: u32,
    ) -> Trials {
        let every = config.round_ticks();
        let target = if matches!(config.protocol, Protocol::Membership { .. }) {
            let kill = actions.iter().find_map(|x| match x.command {
                Command::Kill { node } => Some((node, x.round)),
                _ => None,
            });
            let (subject, kill_round) = kill.unwrap_or_else(|| {
                let at = actions.partition_point(|x| x.round <= every);
                actions.insert(
                    at,
                    TimedCommand {
                        round: every,
                        command: Command::Kill { node: 0 },
                    },
                );
                (0, every)
            });
            Target::Detection {
                subject,
                kill_round,
            }
        } else {
            if !actions
                .iter()
                .any(|x| matches!(x.command, Command::Inject { .. }))
            {
                actions.insert(
                    0,
                    TimedCommand {
                        round: 0,
                        command: Command::Inject {
                            node: 0,
                            id: None,
                            content: String::new(),
                        },
                    },
                );
            }
            Target::Message(match config.protocol {
                Protocol::AntiEntropy { .. } => Stop::Converged,
                Protocol::Rumor {
                    repair_every: None, ..
                } => Stop::Extinct,
                _ => Stop::ConvergedAndExtinct,
            })
        };
        Trials {
            config,
            seed,
            actions,
            target,
            max_steps,
        }
    }

    /// The trials of a scenario (the page's run, a scenario file): its configuration, its
    /// seed for trial 0 and its action log (in steps), each trial stopping after at most
    /// `max_rounds` protocol rounds, or at the last action if that comes later.
    pub fn of_scenario(scenario: &Scenario, max_rounds: u32) -> Trials {
        let every = scenario.config.round_ticks();
        let last = scenario.actions.last().map_or(0, |x| x.round);
        Trials::new(
            scenario.config.clone(),
            scenario.seed,
            scenario.actions.clone(),
            max_rounds.saturating_mul(every).max(last),
        )
    }

    /// The seed of trial `t`.
    pub fn seed_of(&self, t: u32) -> u64 {
        self.seed.wrapping_add(u64::from(t))
    }

    /// Runs trial `t`: builds it, applies each action after its step, and steps until its
    /// measure is settled (and every action is applied) or `max_steps`. With `rows`, keeps
    /// the state of every step; `after_step` is called after each step (a progress tick).
    pub fn run(
        &self,
        t: u32,
        rows: bool,
        mut after_step: impl FnMut(),
    ) -> Result<Trial, TrialError> {
        let seed = self.seed_of(t);
        let mut sim = Simulation::new(self.config.clone(), seed).map_err(TrialError::Config)?;
        sim.set_recording(false);
        let mut detector = match self.target {
            Target::Detection {
                subject,
                kill_round,
            } => Some(Detector {
                subject,
                kill_round,
                detected_at: Vec::new(),
            }),
            Target::Message(_) => None,
        };
        let last_action = self.actions.last().map_or(0, |x| x.round);
        let mut next = 0;
        let mut out = Vec::new();
        let mut traffic = Traffic::default();
        loop {
            let r = sim.round();
            while let Some(x) = self.actions.get(next).filter(|x| x.round == r) {
                sim.apply(&x.command).map_err(|error| TrialError::Action {
                    index: next,
                    round: r,
                    label: x.command.label(),
                    error,
                })?;
                next += 1;
            }
            let done = match (&mut detector, self.target) {
                (Some(d), _) => {
                    d.observe(&sim);
                    if rows {
                        out.push(d.row(&sim, traffic));
                    }
                    d.done(&sim)
                }
                (None, Target::Message(stop)) => {
                    if rows {
                        out.push(message_row(&sim, traffic));
                    }
                    message_done(&sim, stop)
                }
                // A detection target always has a detector (above).
                (None, Target::Detection { .. }) => true,
            };
            if r >= self.max_steps || (done && r >= last_action) {
                break;
            }
            traffic = sim.step().traffic;
            after_step();
        }
        Ok(Trial {
            seed,
            sim,
            rows: out,
            detector,
        })
    }
}

/// Per observer, the step at which it first considered the subject failed.
#[derive(Clone, Debug)]
pub struct Detector {
    /// The killed node.
    pub subject: u32,
    /// The step after which it was killed.
    pub kill_round: u32,
    detected_at: Vec<u32>,
}

impl Detector {
    /// Notes new detections; a no-op until the kill.
    fn observe(&mut self, sim: &Simulation) {
        let r = sim.round();
        if r < self.kill_round || sim.is_alive(self.subject) {
            return;
        }
        self.detected_at.resize(sim.nodes() as usize, NONE);
        for (o, b) in sim.beliefs(self.subject).into_iter().enumerate() {
            if self.detected_at[o] == NONE && matches!(b, Belief::Failed | Belief::Forgotten) {
                self.detected_at[o] = r;
            }
        }
    }

    /// Alive observers (the subject excluded): the delays (in steps after the kill) of
    /// those that detected the failure, and how many did not.
    pub fn observers(&self, sim: &Simulation) -> (Vec<u32>, u32) {
        let mut delays = Vec::new();
        let mut missed = 0;
        for o in 0..sim.nodes() {
            if o == self.subject || !sim.is_alive(o) {
                continue;
            }
            match self.detected_at.get(o as usize) {
                Some(&r) if r != NONE => delays.push(r - self.kill_round),
                _ => missed += 1,
            }
        }
        (delays, missed)
    }

    fn done(&self, sim: &Simulation) -> bool {
        !sim.is_alive(self.subject) && sim.round() >= self.kill_round && self.observers(sim).1 == 0
    }

    fn row(&self, sim: &Simulation, traffic: Traffic) -> TrialRow {
        let (delays, missed) = self.observers(sim);
        let alive = delays.len() as u32 + missed;
        TrialRow {
            informed: f64::from(delays.len() as u32) / f64::from(alive.max(1)),
            unaware: missed,
            dead: sim.nodes() - sim.alive_count(),
            traffic,
            ..TrialRow::default()
        }
    }
}

fn message_done(sim: &Simulation, stop: Stop) -> bool {
    let Some(c) = sim.counts(0) else { return true };
    let converged = c.informed() == sim.alive_count();
    match stop {
        Stop::Converged => converged,
        // Under latency an update on the wire can still make its receiver fresh.
        Stop::Extinct => c.fresh == 0 && sim.in_flight() == 0,
        Stop::ConvergedAndExtinct => converged && c.fresh == 0 && sim.in_flight() == 0,
    }
}

fn message_row(sim: &Simulation, traffic: Traffic) -> TrialRow {
    let c = sim.counts(0).unwrap_or_default();
    TrialRow {
        informed: f64::from(c.informed()) / f64::from(sim.alive_count().max(1)),
        unaware: c.unaware,
        fresh: c.fresh,
        stale: c.stale,
        dead: c.dead,
        traffic,
    }
}
