//! `gossip-sim run --protocol redis-cluster`: the plan from flags, seeded trials of a
//! `RedisSimulation` in parallel, and the report in seconds.

use gossip_engine::Named as _;
use gossip_engine::redis::{RedisCommand, RedisConfig, RedisPreset, RedisSimulation};
use serde::Serialize;

use crate::args::RunArgs;
use crate::cassandra_args::PresetArg;

/// A checked Redis Cluster run: config, seed, and commands at their seconds.
#[derive(Clone, Debug, Serialize)]
pub struct RedisPlan {
    preset: &'static str,
    config: RedisConfig,
    seed: u64,
    trials: u32,
    seconds: f64,
    actions: Vec<(f64, RedisCommand)>,
}

impl RedisPlan {
    /// Builds and checks the plan; the error is the one-line message to print.
    pub fn from_args(a: &RunArgs) -> Result<Self, String> {
        crate::realtime::refuse_foreign_flags(a, crate::realtime::Family::Redis)?;
        let s = &a.swim;
        let preset = match s.preset {
            None => RedisPreset::RedisCluster,
            Some(PresetArg::Redis(p)) => p,
            Some(other) => return Err(other.refused()),
        };
        let r = &a.redis;
        let nodes = a.nodes.unwrap_or(100);
        let mut c = RedisConfig::preset(preset, nodes);
        c.node_timeout_ms = r.node_timeout_ms.unwrap_or(c.node_timeout_ms);
        c.replicas = r.replicas.unwrap_or(c.replicas);
        if let Some(m) = r.masters {
            // The engine places N / (replicas + 1) masters (`RedisConfig::masters`).
            if m == 0 || nodes % m != 0 {
                return Err(format!(
                    "--masters {m} does not divide --nodes {nodes}: each master gets the same \
                     number of replicas, so N must be a multiple of M"
                ));
            }
            c.replicas = nodes / m - 1;
        }
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
        let mut actions: Vec<(f64, RedisCommand)> = Vec::new();
        actions.extend(
            a.kill
                .iter()
                .map(|&(node, t)| (f64::from(t), RedisCommand::Kill { node })),
        );
        actions.extend(
            s.pause
                .iter()
                .map(|&(node, t, d)| (t, RedisCommand::Pause { node, ms: ms(d) })),
        );
        actions.extend(r.partition.iter().map(|(g, t)| {
            (
                *t,
                RedisCommand::Partition {
                    groups: vec![g.clone()],
                },
            )
        }));
        actions.extend(r.heal.iter().map(|&t| (t, RedisCommand::Heal)));
        for &(via, t) in &a.faults.join {
            let via = via.ok_or(
                "--join under --protocol redis-cluster needs VIA@T: the node the new one meets",
            )?;
            actions.push((t, RedisCommand::Join { via }));
        }
        actions.extend(
            a.faults
                .restart
                .iter()
                .map(|&(node, t)| (t, RedisCommand::Restart { node })),
        );
        if actions.is_empty() {
            actions.push((1.0, RedisCommand::Kill { node: 0 }));
        }
        actions.sort_by(|x, y| x.0.total_cmp(&y.0));
        let plan = RedisPlan {
            preset: preset.as_str(),
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
            RedisSimulation::new(self.config.clone(), self.seed.wrapping_add(u64::from(t)))
                .map_err(|e| e.to_string())?;
        let ticks = self.config.ticks();
        let end = if dry { 0 } else { ticks.at(self.seconds) };
        let mut next = 0;
        loop {
            while let Some((at, cmd)) = self.actions.get(next) {
                if !dry && ticks.at(*at) > sim.tick() {
                    break;
                }
                sim.apply(cmd)
                    .map_err(|e| format!("{} at second {at}: {e}", cmd.label()))?;
                next += 1;
            }
            if dry || sim.tick() >= end {
                break;
            }
            sim.step();
        }
        let m = sim.metrics();
        let secs = |x: Option<u64>| x.map(|ms| ms as f64 / 1000.0);
        let first = m.detections.values().next();
        let per = f64::from(sim.nodes()) * sim.seconds().max(f64::MIN_POSITIVE);
        Ok(Trial {
            detect_first: first.and_then(|d| secs(d.first_pfail)),
            detect_confirm: first.and_then(|d| secs(d.first_fail)),
            detect_all: first.and_then(|d| secs(d.all_fail)),
            failover: first.and_then(|d| secs(d.failover)),
            false_positives: f64::from(m.false_positives),
            messages_per_member_s: m.messages as f64 / per,
            bytes_per_member_s: m.bytes as f64 / per,
        })
    }
}

/// One trial's measures, in seconds.
#[derive(Clone, Copy, Debug)]
struct Trial {
    detect_first: Option<f64>,
    detect_confirm: Option<f64>,
    detect_all: Option<f64>,
    failover: Option<f64>,
    false_positives: f64,
    messages_per_member_s: f64,
    bytes_per_member_s: f64,
}

type Get = crate::realtime::Get<Trial>;

/// The measures in output order.
const MEASURES: [(&str, Get); 7] = [
    ("detect_first", |t| t.detect_first),
    ("detect_confirm", |t| t.detect_confirm),
    ("detect_all", |t| t.detect_all),
    ("failover", |t| t.failover),
    ("false_positives", |t| Some(t.false_positives)),
    ("messages_per_member_s", |t| Some(t.messages_per_member_s)),
    ("bytes_per_member_s", |t| Some(t.bytes_per_member_s)),
];

/// Runs every trial (in parallel, collected in trial order) and renders the report.
pub fn run(a: &RunArgs) -> Result<String, String> {
    let plan = RedisPlan::from_args(a)?;
    let trials = crate::realtime::run_trials(plan.trials, a.threads, |t| plan.trial(t, false))?;
    Ok(crate::realtime::render(
        "redis-cluster",
        &plan,
        plan.seed,
        &header(&plan),
        &trials,
        &MEASURES,
        a.format,
    ))
}

/// The table's first lines: the run and its parameters.
fn header(plan: &RedisPlan) -> String {
    let c = &plan.config;
    format!(
        "redis-cluster, N = {} ({} masters, {} replica(s) each), {} trial(s) of {} s, seed {}\n\
         node timeout {} ms, cron {} ms, loss {}\n\n",
        c.nodes,
        c.masters(),
        c.replicas,
        plan.trials,
        plan.seconds,
        plan.seed,
        c.node_timeout_ms,
        c.tick_ms,
        c.loss,
    )
}
