//! What to run: the configuration, the seed, the action log and what to measure, checked
//! before any trial starts so that bad input never produces partial output.

use std::path::Path;

use gossip_engine::round_time::RoundTime;
use gossip_engine::time::{Latency, Ticks};
use gossip_engine::trial::Trials;
use gossip_engine::{
    Command, Config, Error, Protocol, ProtocolKind, Removal, Scenario, TimedCommand,
    TopologyConfig, TopologyKind,
};

use crate::args::{ProtocolArg, RunArgs};

/// A checked run.
#[derive(Clone, Debug)]
pub struct Plan {
    /// What every trial runs and measures (the engine's, shared with the page's bands
    /// worker): configuration, seed of trial 0, action log, target and `max_rounds` in steps
    /// (ticks under a time model).
    pub run: Trials,
    pub trials: u32,
    pub max_rounds: u32,
    pub per_round: bool,
}

impl Plan {
    /// Builds and checks the plan; the error is the one-line message to print.
    pub fn from_args(a: &RunArgs) -> Result<Plan, String> {
        check_count("trials", a.trials, 1, 1_000_000)?;
        if let Some(p) = a.swim.preset {
            return Err(p.refused());
        }
        if let Some(flag) = a.swim.first_given(true) {
            return Err(format!("--{flag} applies only to --protocol swim"));
        }
        if a.scenario.is_some() && a.swim.time_given() {
            return Err(
                "--scenario gives the time model itself; --tick-ms, --gossip-interval-ms and \
                 --latency-* are refused with it"
                    .into(),
            );
        }
        if let Some(flag) = a.cassandra.first_given() {
            return Err(format!("--{flag} applies only to --protocol cassandra"));
        }
        if let Some(e) = a.redis.refusal() {
            return Err(e);
        }
        if let Some(flag) = a.dynamo.first_given() {
            return Err(format!("--{flag} applies only to --protocol dynamo"));
        }
        if let Some(e) = a.faults.refusal() {
            return Err(e);
        }
        if let Some(t) = a.threads {
            check_count("threads", t, 1, 1024)?;
        }
        let (config, seed, mut actions) = match &a.scenario {
            Some(path) => read_scenario(path)?,
            None => from_flags(a)?,
        };
        config.validate().map_err(|e| e.to_string())?;
        // Flags count protocol rounds; under a time model a step is a tick, and a round is
        // `every` ticks. A scenario file's actions are in steps already.
        let every = config.round_ticks();
        if a.scenario.is_none() {
            for x in &mut actions {
                x.round = x.round.saturating_mul(every);
            }
        }
        let max_steps = a.max_rounds.saturating_mul(every);
        let run = Trials::new(config, seed, actions, max_steps);
        if let Some(x) = run.actions.iter().find(|x| x.round > max_steps) {
            return Err(format!(
                "{} after round {} is beyond --max-rounds {}",
                x.command.label(),
                x.round.div_ceil(every),
                a.max_rounds
            ));
        }
        Ok(Plan {
            run,
            trials: a.trials,
            max_rounds: a.max_rounds,
            per_round: a.per_round,
        })
    }

    /// The unit of every time the run reports: abstract rounds (a step is a round), or
    /// seconds under a time model.
    pub fn unit(&self) -> &'static str {
        if self.run.config.time.is_some() {
            "s"
        } else {
            "rounds"
        }
    }

    /// `steps` (possibly a mean) in [`Plan::unit`]. Milliseconds are divided last, so a
    /// tick of 100 ms gives 0.3 s for 3 ticks, not 0.30000000000000004.
    pub fn in_unit(&self, steps: f64) -> f64 {
        match &self.run.config.time {
            Some(t) => steps * f64::from(t.tick_ms) / 1000.0,
            None => steps,
        }
    }

    /// The seed of trial `t`.
    pub fn trial_seed(&self, t: u32) -> u64 {
        self.run.seed_of(t)
    }
}

pub fn check_count(field: &str, v: u32, min: u32, max: u32) -> Result<(), String> {
    if (min..=max).contains(&v) {
        Ok(())
    } else {
        Err(format!(
            "{field} = {v} is out of range: allowed {min}..={max}"
        ))
    }
}

fn read_scenario(path: &Path) -> Result<(Config, u64, Vec<TimedCommand>), String> {
    let shown = path.display();
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read scenario file '{shown}': {e}"))?;
    let s: Scenario = serde_json::from_str(&text)
        .map_err(|e| format!("scenario file '{shown}' is not a valid scenario: {e}"))?;
    s.validate()
        .map_err(|e| format!("scenario file '{shown}': {e}"))?;
    Ok((s.config, s.seed, s.actions))
}

/// A flag given where it has no meaning is refused rather than silently ignored.
pub fn only_for(flag: &str, given: bool, applies: bool, what: &str) -> Result<(), String> {
    if given && !applies {
        Err(format!("--{flag} applies only to {what}"))
    } else {
        Ok(())
    }
}

/// The time model the flags ask for, if any: each flag overrides [`RoundTime::default`]
/// (100 ms ticks, a round every second, 1 ms legs).
fn time_model(a: &RunArgs) -> Option<RoundTime> {
    let s = &a.swim;
    s.time_given().then(|| {
        let d = RoundTime::default();
        let tick_ms = s.tick_ms.unwrap_or(d.tick_ms);
        let interval_ms = s
            .gossip_interval_ms
            .unwrap_or(d.interval.saturating_mul(d.tick_ms));
        RoundTime {
            tick_ms,
            // A tick of 0 ms is refused by validation; do not divide by it here.
            interval: Ticks {
                tick_ms: tick_ms.max(1),
            }
            .interval(interval_ms),
            latency: Latency {
                dist: s.latency_dist.unwrap_or(d.latency.dist),
                mean_ms: s.latency_ms.unwrap_or(d.latency.mean_ms),
            },
        }
    })
}

fn from_flags(a: &RunArgs) -> Result<(Config, u64, Vec<TimedCommand>), String> {
    let mut kind = match a.protocol {
        Some(ProtocolArg::Engine(kind)) => kind,
        _ => ProtocolKind::Rumor,
    };
    if kind == ProtocolKind::Rumor && a.repair_every.is_some() {
        kind = ProtocolKind::Hybrid;
    }
    let (ae, membership) = (
        kind == ProtocolKind::AntiEntropy,
        kind == ProtocolKind::Membership,
    );
    let rumor = !ae && !membership;
    only_for(
        "mode",
        a.mode.is_some(),
        !membership,
        "anti-entropy, rumor and hybrid",
    )?;
    only_for("sync", a.sync.is_some(), ae, "--protocol anti-entropy")?;
    only_for(
        "removal",
        a.removal.is_some(),
        rumor,
        "--protocol rumor and hybrid",
    )?;
    only_for("k", a.k.is_some(), rumor, "--protocol rumor and hybrid")?;
    only_for(
        "repair-every",
        a.repair_every.is_some(),
        rumor,
        "--protocol rumor and hybrid",
    )?;
    only_for(
        "t-fail",
        a.t_fail.is_some(),
        membership,
        "--protocol membership",
    )?;
    only_for(
        "t-cleanup",
        a.t_cleanup.is_some(),
        membership,
        "--protocol membership",
    )?;

    // The engine's defaults, then each flag given.
    let mut protocol = Protocol::with_defaults(kind);
    match &mut protocol {
        Protocol::AntiEntropy { mode, sync } => {
            *mode = a.mode.unwrap_or(*mode);
            *sync = a.sync.unwrap_or(*sync);
        }
        Protocol::Rumor {
            mode,
            removal,
            repair_every,
        } => {
            *mode = a.mode.unwrap_or(*mode);
            *removal = Removal::new(
                a.removal.unwrap_or(removal.kind()),
                a.k.unwrap_or(removal.k),
            );
            *repair_every = repair_every.map(|r| a.repair_every.unwrap_or(r));
        }
        Protocol::Membership { t_fail, t_cleanup } => {
            *t_fail = a.t_fail.unwrap_or(*t_fail);
            *t_cleanup = a.t_cleanup.unwrap_or(t_fail.saturating_mul(2));
        }
    }

    let nodes = a.nodes.unwrap_or(1000);
    let kind = a.topology.unwrap_or(TopologyKind::Complete);
    use TopologyKind as T;
    only_for(
        "degree",
        a.degree.is_some(),
        kind == T::RandomRegular,
        "--topology random-regular",
    )?;
    only_for(
        "p",
        a.p.is_some(),
        kind == T::ErdosRenyi,
        "--topology erdos-renyi",
    )?;
    only_for(
        "beta",
        a.beta.is_some(),
        kind == T::WattsStrogatz,
        "--topology watts-strogatz",
    )?;
    only_for(
        "ring-k",
        a.ring_k.is_some(),
        matches!(kind, T::Ring | T::WattsStrogatz),
        "--topology ring and watts-strogatz",
    )?;
    only_for(
        "m",
        a.m.is_some(),
        kind == T::BarabasiAlbert,
        "--topology barabasi-albert",
    )?;
    only_for(
        "group-size",
        a.group_size.is_some(),
        kind == T::Hierarchical,
        "--topology hierarchical",
    )?;
    let mut topology = TopologyConfig::with_defaults(kind, nodes);
    match &mut topology {
        TopologyConfig::Complete | TopologyConfig::Grid => {}
        TopologyConfig::Ring { k } => *k = a.ring_k.unwrap_or(*k),
        TopologyConfig::RandomRegular { degree } => *degree = a.degree.unwrap_or(*degree),
        TopologyConfig::ErdosRenyi { p } => *p = a.p.unwrap_or(*p),
        TopologyConfig::WattsStrogatz { k, beta } => {
            *k = a.ring_k.unwrap_or(*k);
            *beta = a.beta.unwrap_or(*beta);
        }
        TopologyConfig::BarabasiAlbert { m } => *m = a.m.unwrap_or(*m),
        TopologyConfig::Hierarchical { group_size } => {
            *group_size = a.group_size.unwrap_or(*group_size);
        }
    }
    let config = Config {
        nodes,
        fanout: a.fanout.unwrap_or(1),
        loss: a.loss.unwrap_or(0.0),
        protocol,
        topology: TopologyConfig::Complete,
        time: time_model(a),
    };
    config.validate().map_err(|e| e.to_string())?;
    // Topology errors name the engine's field ("k", "group_size"): say which flag it is.
    topology
        .validate(nodes)
        .map_err(|e| format!("--topology {}: {e}", kind.as_str()))?;
    let config = Config { topology, ..config };

    // Kills: existing nodes, each at most once, applied in round order (ties: flag order).
    let mut kills: Vec<(u32, u32)> = Vec::new();
    for &(node, round) in &a.kill {
        if node >= nodes {
            return Err(format!(
                "--kill {node}@{round}: {}",
                Error::UnknownNode { node, nodes }
            ));
        }
        if let Some(&(_, r)) = kills.iter().find(|&&(n, _)| n == node) {
            return Err(format!(
                "--kill {node}@{round}: node {node} is already killed by --kill {node}@{r}"
            ));
        }
        kills.push((node, round));
    }
    kills.sort_by_key(|&(_, round)| round);
    let mut actions = Vec::new();
    if !membership {
        actions.push(TimedCommand {
            round: 0,
            command: Command::Inject {
                node: 0,
                id: None,
                content: String::new(),
            },
        });
    }
    actions.extend(kills.into_iter().map(|(node, round)| TimedCommand {
        round,
        command: Command::Kill { node },
    }));
    Ok((config, a.seed.unwrap_or(1), actions))
}
