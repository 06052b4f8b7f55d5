//! `gossip-sim run --protocol cassandra`: the plan from flags, seeded trials of a
//! `CassandraSimulation` in parallel, and the report in seconds.

use gossip_engine::Named;
use gossip_engine::cassandra::{
    CassandraCommand, CassandraConfig, CassandraPreset, CassandraSimulation,
};
use serde::Serialize;

use crate::args::RunArgs;
use crate::cassandra_args::PresetArg;

/// A checked Cassandra run: config, seed, and commands at their seconds.
#[derive(Clone, Debug, Serialize)]
pub struct CassandraPlan {
    preset: CassandraPreset,
    config: CassandraConfig,
    seed: u64,
    trials: u32,
    seconds: f64,
    actions: Vec<(f64, CassandraCommand)>,
}

impl CassandraPlan {
    /// Builds and checks the plan; the error is the one-line message to print.
    pub fn from_args(a: &RunArgs) -> Result<Self, String> {
        crate::realtime::refuse_foreign_flags(a, crate::realtime::Family::Cassandra)?;
        let s = &a.swim;
        let preset = match s.preset {
            None => CassandraPreset::Cassandra,
            Some(PresetArg::Cassandra(p)) => p,
            Some(other) => return Err(other.refused()),
        };
        let c_args = &a.cassandra;
        let nodes = a.nodes.unwrap_or(100);
        let mut c = CassandraConfig::preset(preset, nodes);
        c.seeds = c_args.seeds.unwrap_or(c.seeds.min(nodes));
        c.phi_convict_threshold = c_args
            .phi_convict_threshold
            .unwrap_or(c.phi_convict_threshold);
        c.tick_ms = s.tick_ms.unwrap_or(c.tick_ms);
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
        let ms = |d: f64| (d * 1000.0).round().min(f64::from(u32::MAX)) as u32;
        let mut actions: Vec<(f64, CassandraCommand)> = Vec::new();
        actions.extend(
            a.kill
                .iter()
                .map(|&(node, t)| (f64::from(t), CassandraCommand::Kill { node })),
        );
        actions.extend(
            s.pause
                .iter()
                .map(|&(node, t, d)| (t, CassandraCommand::Pause { node, ms: ms(d) })),
        );
        if let Some((t, d)) = c_args.split {
            let half = nodes / 2;
            let groups = vec![(0..half).collect(), (half..nodes).collect()];
            actions.push((t, CassandraCommand::Partition { groups }));
            actions.push((t + d, CassandraCommand::Heal));
        }
        actions.extend(
            a.faults
                .restart
                .iter()
                .map(|&(node, t)| (t, CassandraCommand::Restart { node })),
        );
        for &(via, t) in &a.faults.join {
            if via.is_some() {
                return Err(
                    "--join under --protocol cassandra takes a time only (T): new nodes join through the seeds"
                        .into(),
                );
            }
            actions.push((t, CassandraCommand::Join));
        }
        if actions.is_empty() {
            actions.push((1.0, CassandraCommand::Kill { node: 0 }));
        }
        actions.sort_by(|x, y| x.0.total_cmp(&y.0));
        let plan = CassandraPlan {
            preset,
            config: c,
            seed: a.seed.unwrap_or(1),
            trials: a.trials,
            seconds,
            actions,
        };
        // Refuse bad commands before any output: the first trial's are every trial's.
        plan.trial(0, true)?;
        Ok(plan)
    }

    /// Runs trial `t` (seed `seed + t`); with `dry`, only applies the commands.
    fn trial(&self, t: u32, dry: bool) -> Result<Trial, String> {
        let mut sim =
            CassandraSimulation::new(self.config.clone(), self.seed.wrapping_add(u64::from(t)))
                .map_err(|e| e.to_string())?;
        sim.set_recording(false);
        let ticks = self.config.ticks();
        let end = if dry { 0 } else { ticks.at(self.seconds) };
        let every = self.config.interval_ticks();
        let (mut next, mut healed_at, mut merge) = (0, None, None);
        loop {
            while let Some((at, cmd)) = self.actions.get(next) {
                if !dry && ticks.at(*at) > sim.tick() {
                    break;
                }
                sim.apply(cmd)
                    .map_err(|e| format!("{} at second {at}: {e}", cmd.label()))?;
                if *cmd == CassandraCommand::Heal {
                    (healed_at, merge) = (Some(sim.tick()), None);
                }
                next += 1;
            }
            if let Some(h) = healed_at {
                if merge.is_none() && (sim.tick() - h) % every == 0 && all_up(&sim) {
                    merge = Some(ticks.seconds(sim.tick() - h));
                }
            }
            if dry || sim.tick() >= end {
                break;
            }
            sim.step();
        }
        let m = sim.metrics();
        let secs = |x: Option<u32>| x.map(|t| ticks.seconds(t));
        let first = m.convictions.values().next();
        let per = f64::from(sim.nodes()) * sim.seconds().max(f64::MIN_POSITIVE);
        Ok(Trial {
            detect_first: first.and_then(|d| secs(d.first_down)),
            detect_all: first.and_then(|d| secs(d.all_down)),
            false_positives: f64::from(m.false_positives),
            merge,
            messages_per_member_s: m.messages as f64 / per,
            bytes_per_member_s: m.bytes as f64 / per,
        })
    }
}

/// Every acting node holds every other acting node UP.
fn all_up(sim: &CassandraSimulation) -> bool {
    let t = sim.tick();
    let acting: Vec<u32> = (0..sim.nodes())
        .filter(|&i| sim.condition(i).is_some_and(|c| c.acts(t)))
        .collect();
    acting.iter().all(|&o| {
        acting
            .iter()
            .all(|&e| o == e || sim.is_up(o, e) == Some(true))
    })
}

/// One trial's measures, in seconds.
#[derive(Clone, Copy, Debug)]
struct Trial {
    detect_first: Option<f64>,
    detect_all: Option<f64>,
    false_positives: f64,
    merge: Option<f64>,
    messages_per_member_s: f64,
    bytes_per_member_s: f64,
}

type Get = crate::realtime::Get<Trial>;

/// The measures in output order. Cassandra has no suspicion stage: the first observer to
/// mark the node DOWN both detects and confirms, so `detect_confirm` = `detect_first`.
const MEASURES: [(&str, Get); 7] = [
    ("detect_first", |t| t.detect_first),
    ("detect_confirm", |t| t.detect_first),
    ("detect_all", |t| t.detect_all),
    ("false_positives", |t| Some(t.false_positives)),
    ("merge_after_heal", |t| t.merge),
    ("messages_per_member_s", |t| Some(t.messages_per_member_s)),
    ("bytes_per_member_s", |t| Some(t.bytes_per_member_s)),
];

/// Runs every trial (in parallel, collected in trial order) and renders the report.
pub fn run(a: &RunArgs) -> Result<String, String> {
    let plan = CassandraPlan::from_args(a)?;
    let trials = crate::realtime::run_trials(plan.trials, a.threads, |t| plan.trial(t, false))?;
    Ok(crate::realtime::render(
        "cassandra",
        &plan,
        plan.seed,
        &header(&plan),
        &trials,
        &MEASURES,
        a.format,
    ))
}

/// The table's first lines: the run and its parameters.
fn header(plan: &CassandraPlan) -> String {
    let c = &plan.config;
    format!(
        "cassandra ({}), N = {}, {} trial(s) of {} s, seed {}\n\
         gossip every {} ms, seeds {}, phi_convict_threshold {}, loss {}\n\
         detect_confirm = detect_first: the first DOWN is the verdict (no suspicion stage)\n\n",
        plan.preset.as_str(),
        c.nodes,
        plan.trials,
        plan.seconds,
        plan.seed,
        c.interval_ms,
        c.seeds,
        c.phi_convict_threshold,
        c.loss,
    )
}
