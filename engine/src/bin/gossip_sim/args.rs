//! The command line: subcommands, flags, and their parsers.

use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};
use clap::{Args, Parser, Subcommand, ValueEnum};
use gossip_engine::{Mode, Named, ProtocolKind, RemovalKind, Sync, TopologyKind};

use crate::redis_args::RedisArgs;
use crate::swim_args::SwimArgs;

/// Simulate gossip (epidemic) protocols in batch: anti-entropy, rumor mongering, heartbeat
/// membership.
#[derive(Debug, Parser)]
#[command(name = "gossip-sim", version, propagate_version = true)]
#[command(after_help = "Examples:\n  \
    gossip-sim run --protocol anti-entropy --mode push --nodes 1000 --trials 200\n  \
    gossip-sim run --protocol rumor --removal feedback-coin --k 2 --nodes 10000 --trials 50 --format json\n  \
    gossip-sim run --protocol membership --nodes 200 --fanout 2 --t-fail 8 --kill 17@5\n  \
    gossip-sim run --protocol swim --preset consul-lan --nodes 100 --kill 3@5 --trials 20\n  \
    gossip-sim run --preset cassandra --nodes 100 --kill 3@5 --trials 20   # a preset names its system\n  \
    gossip-sim run --preset dynamo --nodes 100 --kill 3@1 --seconds 900\n  \
    gossip-sim theory --nodes 1000 --fanout 1\n  \
    gossip-sim sweep plan grid.toml --trials 50 > plan.jsonl")]
pub struct Cli {
    #[command(subcommand)]
    pub cmd: Cmd,
}

#[derive(Debug, Subcommand)]
pub enum Cmd {
    /// Run seeded trials of one configuration and summarise rounds, residue and traffic.
    #[command(long_about = RUN_ABOUT)]
    Run(RunArgs),
    /// Print the theory: mean-field informed curves, log2 N + ln N, rumor residues.
    Theory(TheoryArgs),
    /// Many configurations × many seeds, on one machine or a cluster: plan, run, merge, emit.
    #[command(subcommand)]
    Sweep(crate::sweep::SweepCmd),
}

const RUN_ABOUT: &str = "\
Run seeded trials of one configuration and summarise rounds, residue and traffic.

Each trial t (0-based) runs with seed SEED + t, so trial t of any run with the same flags is
the same run, whatever --threads is. Before round 1 one message is injected at node 0 (not
under membership); each --kill NODE@ROUND is applied after round ROUND (0 = before round 1).
Contacts are not recorded. A trial stops at --max-rounds, or (once every --kill is applied):
  anti-entropy  when every alive node holds the message;
  rumor         when no alive node holds it fresh (the rumor died out);
  hybrid        when both hold (rumor mongering with an anti-entropy repair every R rounds);
  membership    when every alive node considers the first killed node failed.

Measures per trial, summarised over trials as mean, sd, min, p50, p95, max:
  rounds    rounds from the injection until every alive node held the message; if that
            never happened, until no node was fresh; otherwise the rounds run.
  residue   fraction of alive nodes that never received the message.
  traffic   update legs (push and pull values) sent per node over the whole run.
  t_avg     mean delay in rounds from injection to delivery (origin excluded).
  t_last    delay of the last delivery.
  messages  legs of every kind (digests, requests, updates) per node; bytes: bytes per node.
  converged fraction of trials in which every alive node got the message.
Under membership the message is the failure of the first killed node (node 0 killed after
round 1 when no --kill is given): rounds = rounds from its kill until every alive node
considers it failed; residue = fraction of alive nodes that never did by the end; traffic =
heartbeat legs per node; t_avg/t_last = mean and largest detection delay; converged =
fraction of trials in which every alive node detected it.

With --per-round, each round also gives the median and 5-95% band over the trials of each
state series (informed, unaware, fresh, stale, dead; nearest rank, a stopped trial keeping
its final state): \"bands\" in JSON, *_p5/*_p50/*_p95 columns in CSV.

Real time: --tick-ms, --gossip-interval-ms, --latency-ms and --latency-dist give the round
protocols a time model (defaults 100 ms ticks, a round every 1000 ms, legs of 1 ms). A step
is then a tick; ROUND in --kill and --max-rounds still count protocol rounds; each leg of a
contact takes its latency, and an update lands after the legs that lead to it. Times are then
reported in seconds: JSON \"unit\": \"s\", the rounds measure is named time, --per-round
rows are ticks with their seconds, and the theory (in abstract rounds) is left out.

With --scenario FILE the configuration, seed and action log come from the file (a
gossip_engine::Scenario serialised as JSON); no flag overrides them, and the flags that
would are refused. A scenario without an injection gets one at node 0 before round 1
(membership: a kill of node 0 after round 1 if it has no kill). Its actions are applied
after their rounds; its \"round\" field is ignored.

Exit status: 0 on success; 2 on bad input (flags, scenario file, or a configuration the
engine refuses), with one line on stderr and nothing on stdout.";

/// Output format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Aligned, human-readable.
    Table,
    /// One JSON object.
    Json,
    /// One row per trial (per round with --per-round).
    Csv,
}

/// Flags of `gossip-sim run`. Protocol- and topology-specific flags are options so that a
/// flag that does not apply can be refused instead of silently ignored.
#[derive(Debug, Args)]
pub struct RunArgs {
    /// Protocol [default: rumor].
    #[arg(long, value_parser = protocol_arg(), help_heading = "Protocol")]
    pub protocol: Option<ProtocolArg>,
    /// Push, pull or push-pull (anti-entropy, rumor, hybrid) [default: push].
    #[arg(long, value_parser = named::<Mode>(), help_heading = "Protocol")]
    pub mode: Option<Mode>,
    /// Anti-entropy sync: incremental (digests) or full [default: incremental].
    #[arg(long, value_parser = named::<Sync>(), help_heading = "Protocol")]
    pub sync: Option<Sync>,
    /// Rumor loss-of-interest rule (rumor, hybrid) [default: feedback-counter].
    #[arg(long, value_parser = named::<RemovalKind>(), help_heading = "Protocol")]
    pub removal: Option<RemovalKind>,
    /// Rumor parameter k: counter limit or inverse coin probability (rumor, hybrid) [default: 2].
    #[arg(long, value_parser = count, help_heading = "Protocol")]
    pub k: Option<u32>,
    /// Hybrid: anti-entropy repair every R rounds; with --protocol rumor it makes it hybrid
    /// [default: 10].
    #[arg(long, value_name = "R", value_parser = count, help_heading = "Protocol")]
    pub repair_every: Option<u32>,
    /// Membership: rounds without a heartbeat increase before a member is considered failed
    /// [default: 10].
    #[arg(long, value_parser = count, help_heading = "Protocol")]
    pub t_fail: Option<u32>,
    /// Membership: rounds without a heartbeat increase before a member is forgotten
    /// [default: 2 × t-fail].
    #[arg(long, value_parser = count, help_heading = "Protocol")]
    pub t_cleanup: Option<u32>,

    /// Number of nodes (1e6 and 1_000_000 are accepted) [default: 1000].
    #[arg(long, value_name = "N", value_parser = count, help_heading = "Cluster")]
    pub nodes: Option<u32>,
    /// Peers contacted per node per round [default: 1].
    #[arg(long, value_name = "F", value_parser = count, help_heading = "Cluster")]
    pub fanout: Option<u32>,
    /// Probability that a leg is lost, 0..=1 [default: 0].
    #[arg(long, value_name = "P", help_heading = "Cluster")]
    pub loss: Option<f64>,
    /// Kill NODE after round ROUND (0 = before round 1). Repeatable.
    #[arg(long, value_name = "NODE@ROUND", value_parser = kill, help_heading = "Cluster")]
    pub kill: Vec<(u32, u32)>,
    /// Seed of trial 0; trial t uses SEED + t [default: 1].
    #[arg(long, value_name = "S", help_heading = "Cluster")]
    pub seed: Option<u64>,

    /// Communication graph [default: complete].
    #[arg(long, value_parser = named::<TopologyKind>(), help_heading = "Topology")]
    pub topology: Option<TopologyKind>,
    /// random-regular: every node's degree [default: 4].
    #[arg(long, value_parser = count, help_heading = "Topology")]
    pub degree: Option<u32>,
    /// erdos-renyi: edge probability [default: min(1, 2 ln N / N)].
    #[arg(long, help_heading = "Topology")]
    pub p: Option<f64>,
    /// watts-strogatz: rewiring probability [default: 0.1].
    #[arg(long, help_heading = "Topology")]
    pub beta: Option<f64>,
    /// ring, watts-strogatz: neighbours on each side [default: 2].
    #[arg(long, value_parser = count, help_heading = "Topology")]
    pub ring_k: Option<u32>,
    /// barabasi-albert: links per new node [default: 2].
    #[arg(long, value_parser = count, help_heading = "Topology")]
    pub m: Option<u32>,
    /// hierarchical: nodes per group [default: 10].
    #[arg(long, value_parser = count, help_heading = "Topology")]
    pub group_size: Option<u32>,

    /// Read configuration, seed and action log from a scenario JSON file instead of flags.
    #[arg(long, value_name = "FILE", help_heading = "Run", conflicts_with_all = SCENARIO_CONFLICTS)]
    pub scenario: Option<std::path::PathBuf>,
    /// Number of trials, run in parallel.
    #[arg(long, value_name = "T", default_value = "1", value_parser = count, help_heading = "Run")]
    pub trials: u32,
    /// Stop a trial after this many rounds whatever happened (at most 1000000).
    #[arg(long, value_name = "R", default_value = "1000", value_parser = max_rounds, help_heading = "Run")]
    pub max_rounds: u32,
    /// Worker threads for the trials [default: one per core]. Results do not depend on it;
    /// memory grows with it (one cluster per thread).
    #[arg(long, value_name = "N", value_parser = count, help_heading = "Run")]
    pub threads: Option<u32>,

    /// Output format.
    #[arg(long, value_enum, default_value = "table", help_heading = "Output")]
    pub format: Format,
    #[command(flatten)]
    pub swim: Box<SwimArgs>,
    #[command(flatten)]
    pub cassandra: Box<crate::cassandra_args::CassandraArgs>,
    #[command(flatten)]
    pub redis: Box<RedisArgs>,
    #[command(flatten)]
    pub dynamo: Box<crate::dynamo_args::DynamoArgs>,
    #[command(flatten)]
    pub faults: crate::faults::SharedFaults,

    /// Also report per-round means over trials (informed fraction, fresh, stale, traffic).
    /// A trial that stopped keeps its final state and sends nothing in later rounds.
    #[arg(long, help_heading = "Output")]
    pub per_round: bool,
}

/// Flags that a scenario file replaces.
const SCENARIO_CONFLICTS: [&str; 20] = [
    "protocol",
    "mode",
    "sync",
    "removal",
    "k",
    "repair_every",
    "t_fail",
    "t_cleanup",
    "nodes",
    "fanout",
    "loss",
    "kill",
    "seed",
    "topology",
    "degree",
    "p",
    "beta",
    "ring_k",
    "m",
    "group_size",
];

/// A model for `gossip-sim theory --model`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum TheoryModel {
    /// Serf's convergence simulator: converged fraction per gossip interval, time to 99.99 %,
    /// bandwidth per node.
    Serf,
}

/// Flags of `gossip-sim theory`.
#[derive(Debug, Args)]
pub struct TheoryArgs {
    /// A single model instead of the default report (the mean-field curves, log2 N + ln N and
    /// the rumor residues).
    #[arg(long, value_enum)]
    pub model: Option<TheoryModel>,
    /// Number of nodes.
    #[arg(long, value_name = "N", value_parser = count)]
    pub nodes: u32,
    /// Peers contacted per node per round (per gossip interval with --model serf)
    /// [default: 1; with --model serf: 3, Serf's].
    #[arg(long, value_name = "F", value_parser = count)]
    pub fanout: Option<u32>,
    /// Rounds of the curves [default: a few past the slowest mode's mean-field full spread].
    #[arg(long, value_name = "R", value_parser = max_rounds, conflicts_with = "model")]
    pub rounds: Option<u32>,
    /// Values of k for the rumor residue s = exp(-(k+1)(1-s)). Repeatable [default: 1..=5].
    #[arg(long, value_parser = count, conflicts_with = "model")]
    pub k: Vec<u32>,
    /// --model serf: gossip interval in seconds [default: 0.2, Serf's].
    #[arg(long, value_name = "S", requires = "model")]
    pub interval: Option<f64>,
    /// --model serf: fraction of packets lost, 0..=1 [default: 0].
    #[arg(long, value_name = "L", requires = "model")]
    pub loss: Option<f64>,
    /// --model serf: fraction of nodes failed, 0..=1 [default: 0].
    #[arg(long, value_name = "P", requires = "model")]
    pub failed: Option<f64>,
    /// Output format.
    #[arg(long, value_enum, default_value = "table")]
    pub format: Format,
}

/// `--protocol`: one of the round-based engine's protocols, or SWIM, which runs in real time
/// on its own simulation (`gossip_engine::swim`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProtocolArg {
    /// A protocol of `gossip_engine::Protocol`.
    Engine(ProtocolKind),
    /// `gossip_engine::swim::SwimSimulation`.
    Swim,
    /// `gossip_engine::cassandra::CassandraSimulation`.
    Cassandra,
    /// `gossip_engine::redis::RedisSimulation`.
    RedisCluster,
    /// `gossip_engine::dynamo::DynamoSimulation`.
    Dynamo,
}

fn protocol_arg() -> impl TypedValueParser<Value = ProtocolArg> {
    let swim = PossibleValue::new("swim")
        .help("SWIM with Lifeguard in real time, as memberlist (Consul, Serf) runs it");
    let cassandra = PossibleValue::new("cassandra")
        .help("Cassandra's Gossiper in real time: SYN/ACK/ACK2 every second, phi accrual");
    PossibleValuesParser::new(
        ProtocolKind::ALL
            .iter()
            .map(|v| PossibleValue::new(v.as_str()).help(v.describe()))
            .chain([
                swim,
                cassandra,
                PossibleValue::new("redis-cluster")
                    .help("the Redis Cluster bus in real time (clusterCron, PFAIL/FAIL, failover)"),
                PossibleValue::new("dynamo").help(
                    "Dynamo in real time: one random peer a second, local failure detection, Merkle anti-entropy",
                ),
            ]),
    )
    .try_map(|name| match name.as_str() {
        "swim" => Ok(ProtocolArg::Swim),
        "cassandra" => Ok(ProtocolArg::Cassandra),
        "redis-cluster" => Ok(ProtocolArg::RedisCluster),
        "dynamo" => Ok(ProtocolArg::Dynamo),
        _ => ProtocolKind::from_name(&name).map(ProtocolArg::Engine),
    })
}

/// A value of one of the engine's name tables: its names are the possible values, its
/// descriptions their help.
pub fn named<T: Named + Send + std::marker::Sync>() -> impl TypedValueParser<Value = T> {
    PossibleValuesParser::new(
        T::ALL
            .iter()
            .map(|v| PossibleValue::new(v.as_str()).help(v.describe())),
    )
    .try_map(|name| T::from_name(&name))
}

/// A non-negative integer: `1000`, `1_000_000` or `1e6`.
pub fn count(s: &str) -> Result<u32, String> {
    let t: String = s.trim().chars().filter(|&c| c != '_').collect();
    if let Ok(v) = t.parse::<u32>() {
        return Ok(v);
    }
    if t.contains(['e', 'E']) {
        if let Ok(f) = t.parse::<f64>() {
            if f.fract() == 0.0 && (0.0..=f64::from(u32::MAX)).contains(&f) {
                return Ok(f as u32);
            }
        }
    }
    Err(format!("'{s}' is not a whole number in 0..={}", u32::MAX))
}

fn max_rounds(s: &str) -> Result<u32, String> {
    let v = count(s)?;
    if (1..=gossip_engine::timeline::MAX_ROUNDS).contains(&v) {
        Ok(v)
    } else {
        Err(format!(
            "{v} is out of range: allowed 1..={}",
            gossip_engine::timeline::MAX_ROUNDS
        ))
    }
}

/// `NODE@ROUND`.
fn kill(s: &str) -> Result<(u32, u32), String> {
    let (node, round) = s
        .split_once('@')
        .ok_or_else(|| format!("'{s}' is not NODE@ROUND (e.g. 7@3: kill node 7 after round 3)"))?;
    Ok((count(node)?, count(round)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_accept_underscores_and_exponents() {
        assert_eq!(count("1_000_000"), Ok(1_000_000));
        assert_eq!(count("1e6"), Ok(1_000_000));
        assert!(count("1.5").is_err());
        assert!(count("-3").is_err());
        assert!(count("1e12").is_err());
    }

    #[test]
    fn kill_parses_node_at_round() {
        assert_eq!(kill("7@3"), Ok((7, 3)));
        assert!(kill("7").is_err());
        assert!(kill("7@x").is_err());
    }

    #[test]
    fn the_command_line_is_consistent() {
        use clap::CommandFactory;
        Cli::command().debug_assert();
    }
}
