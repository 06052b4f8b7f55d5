//! `gossip-sim run --protocol swim`: the plan from flags, seeded trials of a
//! `SwimSimulation` in parallel, and the report in seconds.

use gossip_engine::Named;
use gossip_engine::swim::{Lifeguard, Preset, SwimCommand, SwimConfig, SwimSimulation};
use serde::Serialize;

use crate::args::RunArgs;
use crate::cassandra_args::PresetArg;

/// A checked SWIM run: config, seed, and commands at their seconds.
#[derive(Clone, Debug, Serialize)]
pub struct SwimPlan {
    preset: Preset,
    config: SwimConfig,
    seed: u64,
    trials: u32,
    seconds: f64,
    actions: Vec<(f64, SwimCommand)>,
}

impl SwimPlan {
    /// Builds and checks the plan; the error is the one-line message to print.
    pub fn from_args(a: &RunArgs) -> Result<Self, String> {
        crate::realtime::refuse_foreign_flags(a, crate::realtime::Family::Swim)?;
        let s = &a.swim;
        let preset = match s.preset {
            None => Preset::ConsulLan,
            Some(PresetArg::Swim(p)) => p,
            Some(other) => return Err(other.refused()),
        };
        let nodes = a.nodes.unwrap_or(1000);
        let mut c = SwimConfig::preset(preset, nodes);
        c.lifeguard = match s.lifeguard {
            Some(false) => Lifeguard::OFF,
            _ => Lifeguard::ON,
        };
        let set = |field: &mut u32, v: Option<u32>| *field = v.unwrap_or(*field);
        set(&mut c.probe_interval_ms, s.probe_interval_ms);
        set(&mut c.probe_timeout_ms, s.probe_timeout_ms);
        set(&mut c.indirect_checks, s.indirect_checks);
        set(&mut c.suspicion_mult, s.suspicion_mult);
        set(&mut c.gossip_nodes, s.gossip_nodes);
        set(&mut c.gossip_interval_ms, s.gossip_interval_ms);
        set(&mut c.retransmit_mult, s.retransmit_mult);
        set(&mut c.tick_ms, s.tick_ms);
        c.latency.mean_ms = s.latency_ms.unwrap_or(c.latency.mean_ms);
        c.latency.dist = s.latency_dist.unwrap_or(c.latency.dist);
        c.loss = a.loss.unwrap_or(0.0);
        c.validate().map_err(|e| e.to_string())?;
        let seconds = s.seconds.unwrap_or(60.0);
        if !(seconds > 0.0 && seconds <= 86_400.0) {
            return Err(format!(
                "seconds = {seconds} is out of range: allowed (0, 86400]"
            ));
        }
        let mut actions = vec![(0.0, SwimCommand::Inject { node: 0 })];
        let ms = |d: f64| (d * 1000.0).round().min(f64::from(u32::MAX)) as u32;
        actions.extend(
            a.kill
                .iter()
                .map(|&(node, t)| (f64::from(t), SwimCommand::Kill { node })),
        );
        actions.extend(
            s.pause
                .iter()
                .map(|&(node, t, d)| (t, SwimCommand::Pause { node, ms: ms(d) })),
        );
        actions.extend(s.slow.iter().map(|&(node, t, d, extra_ms)| {
            (
                t,
                SwimCommand::Slow {
                    node,
                    ms: ms(d),
                    extra_ms,
                },
            )
        }));
        actions.extend(
            s.leave
                .iter()
                .map(|&(node, t)| (t, SwimCommand::Leave { node })),
        );
        if actions.len() == 1 {
            actions.push((1.0, SwimCommand::Kill { node: 0 }));
        }
        actions.sort_by(|x, y| x.0.total_cmp(&y.0));
        let plan = SwimPlan {
            preset,
            config: c,
            seed: a.seed.unwrap_or(1),
            trials: a.trials,
            seconds,
            actions,
        };
        // Refuse bad commands (unknown node, a kill of a node already killed) before any
        // output: the first trial's commands are every trial's.
        plan.trial(0, true)?;
        Ok(plan)
    }

    /// Runs trial `t` (seed `seed + t`); with `dry`, only applies the commands.
    fn trial(&self, t: u32, dry: bool) -> Result<Trial, String> {
        let mut sim =
            SwimSimulation::new(self.config.clone(), self.seed.wrapping_add(u64::from(t)))
                .map_err(|e| e.to_string())?;
        sim.set_recording(false);
        let ticks = self.config.ticks();
        let end = if dry { 0 } else { ticks.at(self.seconds) };
        let mut next = 0;
        while next < self.actions.len() || sim.tick() < end {
            while let Some((at, cmd)) = self.actions.get(next) {
                if !dry && ticks.at(*at) > sim.tick() {
                    break;
                }
                sim.apply(cmd)
                    .map_err(|e| format!("{}: {e}", describe(*at, cmd)))?;
                next += 1;
            }
            if dry && next == self.actions.len() {
                break;
            }
            if sim.tick() >= end {
                break;
            }
            sim.step();
        }
        let m = sim.metrics();
        let secs = |x: Option<u32>| x.map(|t| ticks.seconds(t));
        let first = m.detections.values().next();
        let per = f64::from(sim.nodes()) * sim.seconds().max(f64::MIN_POSITIVE);
        Ok(Trial {
            detect_first: first.and_then(|d| secs(d.first_suspect)),
            detect_confirm: first.and_then(|d| secs(d.first_confirm)),
            detect_all: first.and_then(|d| secs(d.all_dead)),
            false_positives: f64::from(m.false_positives),
            refutations: f64::from(m.refutations),
            spread: m.spreads.get(&0).and_then(|s| secs(s.everywhere)),
            messages_per_member_s: m.messages as f64 / per,
            bytes_per_member_s: m.bytes as f64 / per,
        })
    }
}

fn describe(at: f64, cmd: &SwimCommand) -> String {
    format!("{} at second {at}", cmd.label())
}

/// One trial's measures, in seconds.
#[derive(Clone, Copy, Debug)]
struct Trial {
    detect_first: Option<f64>,
    detect_confirm: Option<f64>,
    detect_all: Option<f64>,
    false_positives: f64,
    refutations: f64,
    spread: Option<f64>,
    messages_per_member_s: f64,
    bytes_per_member_s: f64,
}

type Get = crate::realtime::Get<Trial>;

/// The measures in output order.
const MEASURES: [(&str, Get); 8] = [
    ("detect_first", |t| t.detect_first),
    ("detect_confirm", |t| t.detect_confirm),
    ("detect_all", |t| t.detect_all),
    ("false_positives", |t| Some(t.false_positives)),
    ("refutations", |t| Some(t.refutations)),
    ("spread", |t| t.spread),
    ("messages_per_member_s", |t| Some(t.messages_per_member_s)),
    ("bytes_per_member_s", |t| Some(t.bytes_per_member_s)),
];

/// Runs every trial (in parallel, collected in trial order) and renders the report.
pub fn run(a: &RunArgs) -> Result<String, String> {
    let plan = SwimPlan::from_args(a)?;
    let trials = crate::realtime::run_trials(plan.trials, a.threads, |t| plan.trial(t, false))?;
    Ok(crate::realtime::render(
        "swim",
        &plan,
        plan.seed,
        &header(&plan),
        &trials,
        &MEASURES,
        a.format,
    ))
}

/// The table's first lines: the run and its parameters.
fn header(plan: &SwimPlan) -> String {
    let c = &plan.config;
    format!(
        "swim ({}, lifeguard {}), N = {}, {} trial(s) of {} s, seed {}\n\
         probe {} ms, timeout {} ms, indirect {}, suspicion mult {}, gossip {} ms to {}, retransmit mult {}, loss {}\n\n",
        plan.preset.as_str(),
        if c.lifeguard == Lifeguard::OFF {
            "off"
        } else {
            "on"
        },
        c.nodes,
        plan.trials,
        plan.seconds,
        plan.seed,
        c.probe_interval_ms,
        c.probe_timeout_ms,
        c.indirect_checks,
        c.suspicion_mult,
        c.gossip_interval_ms,
        c.gossip_nodes,
        c.retransmit_mult,
        c.loss,
    )
}
