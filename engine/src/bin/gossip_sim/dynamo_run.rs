//! `gossip-sim run --protocol dynamo`: the plan from flags, seeded trials of a
//! `DynamoSimulation` in parallel, and the report in seconds (and bytes per Merkle sync).

use gossip_engine::Named;
use gossip_engine::dynamo::{DynamoCommand, DynamoConfig, DynamoPreset, DynamoSimulation};
use serde::Serialize;

use crate::args::RunArgs;
use crate::cassandra_args::PresetArg;

/// A checked Dynamo run: config, seed, and commands at their seconds.
#[derive(Clone, Debug, Serialize)]
pub struct DynamoPlan {
    preset: DynamoPreset,
    config: DynamoConfig,
    seed: u64,
    trials: u32,
    seconds: f64,
    actions: Vec<(f64, DynamoCommand)>,
}

impl DynamoPlan {
    /// Builds and checks the plan; the error is the one-line message to print.
    pub fn from_args(a: &RunArgs) -> Result<Self, String> {
        crate::realtime::refuse_foreign_flags(a, crate::realtime::Family::Dynamo)?;
        let s = &a.swim;
        let preset = match s.preset {
            None => DynamoPreset::Dynamo,
            Some(PresetArg::Dynamo(p)) => p,
            Some(other) => return Err(other.refused()),
        };
        let d = &a.dynamo;
        let nodes = a.nodes.unwrap_or(100);
        let mut c = DynamoConfig::preset(preset, nodes);
        c.keys = d.keys.unwrap_or(c.keys);
        c.merkle_depth = d.merkle_depth.unwrap_or(c.merkle_depth);
        c.writes_per_s = d.writes_per_s.unwrap_or(c.writes_per_s);
        c.tick_ms = s.tick_ms.unwrap_or(c.tick_ms);
        c.latency.mean_ms = s.latency_ms.unwrap_or(c.latency.mean_ms);
        c.latency.dist = s.latency_dist.unwrap_or(c.latency.dist);
        c.loss = a.loss.unwrap_or(c.loss);
        c.validate().map_err(|e| e.to_string())?;
        let seconds = s.seconds.unwrap_or(60.0);
        if !(seconds > 0.0 && seconds <= 86_400.0) {
            return Err(format!(
                "seconds = {seconds} is out of range: allowed (0, 86400]"
            ));
        }
        let ms = |d: f64| (d * 1000.0).round().min(f64::from(u32::MAX)) as u32;
        let mut actions: Vec<(f64, DynamoCommand)> = Vec::new();
        actions.extend(
            a.kill
                .iter()
                .map(|&(node, t)| (f64::from(t), DynamoCommand::Kill { node })),
        );
        actions.extend(
            s.pause
                .iter()
                .map(|&(node, t, d)| (t, DynamoCommand::Pause { node, ms: ms(d) })),
        );
        actions.extend(a.redis.partition.iter().map(|(g, t)| {
            (
                *t,
                DynamoCommand::Partition {
                    groups: vec![g.clone()],
                },
            )
        }));
        actions.extend(a.redis.heal.iter().map(|&t| (t, DynamoCommand::Heal)));
        actions.extend(
            a.faults
                .restart
                .iter()
                .map(|&(node, t)| (t, DynamoCommand::Restart { node })),
        );
        for &(via, t) in &a.faults.join {
            if via.is_some() {
                return Err(
                    "--join under --protocol dynamo takes a time only (T): new nodes join through the seeds"
                        .into(),
                );
            }
            actions.push((t, DynamoCommand::Join));
        }
        if actions.is_empty() {
            actions.push((1.0, DynamoCommand::Kill { node: 0 }));
        }
        actions.sort_by(|x, y| x.0.total_cmp(&y.0));
        let plan = DynamoPlan {
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
            DynamoSimulation::new(self.config.clone(), self.seed.wrapping_add(u64::from(t)))
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
                    .map_err(|e| format!("{} at second {at}: {e}", label(cmd)))?;
                next += 1;
            }
            if dry || sim.tick() >= end {
                break;
            }
            sim.step();
        }
        let m = sim.metrics();
        let secs = |x: Option<u32>| x.map(|t| ticks.seconds(t));
        let first = m.detections.values().next();
        let per = f64::from(sim.nodes()) * sim.seconds().max(f64::MIN_POSITIVE);
        let per_sync = |bytes: u64| (m.syncs > 0).then(|| bytes as f64 / m.syncs as f64);
        Ok(Trial {
            detect_first: first.and_then(|d| secs(d.first)),
            detect_all: first.and_then(|d| secs(d.all)),
            false_positives: f64::from(m.false_positives),
            messages_per_member_s: m.messages as f64 / per,
            bytes_per_member_s: m.bytes as f64 / per,
            syncs: m.syncs as f64,
            keys_transferred: m.keys_transferred as f64,
            merkle_bytes_per_sync: per_sync(m.merkle_bytes),
            full_bytes_per_sync: per_sync(m.full_bytes),
            digest_bytes_per_sync: per_sync(m.digest_bytes),
        })
    }
}

/// A short label for messages ("kill node 7").
fn label(cmd: &DynamoCommand) -> String {
    match cmd {
        DynamoCommand::Kill { node } => format!("kill node {node}"),
        DynamoCommand::Pause { node, ms } => format!("pause node {node} for {ms} ms"),
        DynamoCommand::SetLoss { .. } => "set the loss".into(),
        DynamoCommand::Partition { .. } => "partition the cluster".into(),
        DynamoCommand::Heal => "heal the partition".into(),
        DynamoCommand::Join => "join a node through the seeds".into(),
        DynamoCommand::Restart { node } => format!("restart node {node}"),
    }
}

/// One trial's measures: seconds, counts, and bytes per Merkle sync.
#[derive(Clone, Copy, Debug)]
struct Trial {
    detect_first: Option<f64>,
    detect_all: Option<f64>,
    false_positives: f64,
    messages_per_member_s: f64,
    bytes_per_member_s: f64,
    syncs: f64,
    keys_transferred: f64,
    merkle_bytes_per_sync: Option<f64>,
    full_bytes_per_sync: Option<f64>,
    digest_bytes_per_sync: Option<f64>,
}

type Get = crate::realtime::Get<Trial>;

/// The measures in output order. Dynamo's failure detection is local (§4.8.3): the first
/// caller to hold the node unreachable both detects and confirms, so `detect_confirm` =
/// `detect_first`. `bytes_per_member_s` counts the membership gossip only; the Merkle
/// exchange is counted apart, per sync, against a full transfer and a flat digest sync of
/// the caller's range.
const MEASURES: [(&str, Get); 11] = [
    ("detect_first", |t| t.detect_first),
    ("detect_confirm", |t| t.detect_first),
    ("detect_all", |t| t.detect_all),
    ("false_positives", |t| Some(t.false_positives)),
    ("messages_per_member_s", |t| Some(t.messages_per_member_s)),
    ("bytes_per_member_s", |t| Some(t.bytes_per_member_s)),
    ("syncs", |t| Some(t.syncs)),
    ("keys_transferred", |t| Some(t.keys_transferred)),
    ("merkle_bytes_per_sync", |t| t.merkle_bytes_per_sync),
    ("full_bytes_per_sync", |t| t.full_bytes_per_sync),
    ("digest_bytes_per_sync", |t| t.digest_bytes_per_sync),
];

/// Runs every trial (in parallel, collected in trial order) and renders the report.
pub fn run(a: &RunArgs) -> Result<String, String> {
    let plan = DynamoPlan::from_args(a)?;
    let trials = crate::realtime::run_trials(plan.trials, a.threads, |t| plan.trial(t, false))?;
    Ok(crate::realtime::render(
        "dynamo",
        &plan,
        plan.seed,
        &header(&plan),
        &trials,
        &MEASURES,
        a.format,
    ))
}

/// The table's first lines: the run and its parameters.
fn header(plan: &DynamoPlan) -> String {
    let c = &plan.config;
    format!(
        "dynamo ({}), N = {}, {} trial(s) of {} s, seed {}\n\
         gossip every {} ms to one random peer, timeout {} ms, seeds {}, tokens {}, loss {}\n\
         key range {} keys, Merkle depth {}, {} writes/s; bytes: hash {}, key {}, value {}, digest {}\n\
         detect_confirm = detect_first: detection is local, the first caller's verdict (no suspicion stage)\n\
         bytes_per_member_s: membership gossip only; *_bytes_per_sync: one anti-entropy sync of the range\n\n",
        plan.preset.as_str(),
        c.nodes,
        plan.trials,
        plan.seconds,
        plan.seed,
        c.interval_ms,
        c.timeout_ms,
        c.seeds,
        c.tokens,
        c.loss,
        c.keys,
        c.merkle_depth,
        c.writes_per_s,
        c.sizes.hash,
        c.sizes.key,
        c.sizes.value,
        c.sizes.digest,
    )
}
