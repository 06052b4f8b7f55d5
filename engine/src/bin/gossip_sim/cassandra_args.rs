//! The flags of `gossip-sim run --protocol cassandra`, and the `--preset` value shared with
//! `--protocol swim`, `--protocol redis-cluster` and `--protocol dynamo`.

use crate::faults::seconds;
use clap::Args;
use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};
use gossip_engine::Named;
use gossip_engine::cassandra::CassandraPreset;
use gossip_engine::dynamo::DynamoPreset;
use gossip_engine::redis::RedisPreset;
use gossip_engine::swim::Preset;

use crate::args::count;

/// `--preset`: a SWIM, Cassandra, Redis Cluster or Dynamo preset; each protocol refuses the
/// others'.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PresetArg {
    /// memberlist's defaults (`--protocol swim`).
    Swim(Preset),
    /// Cassandra's defaults (`--protocol cassandra`).
    Cassandra(CassandraPreset),
    /// Redis Cluster's defaults (`--protocol redis-cluster`).
    Redis(RedisPreset),
    /// Dynamo's defaults (`--protocol dynamo`).
    Dynamo(DynamoPreset),
}

impl PresetArg {
    /// The preset's name and the protocol it belongs to, for refusals.
    pub fn owner(self) -> (&'static str, &'static str) {
        match self {
            PresetArg::Swim(p) => (p.as_str(), "swim"),
            PresetArg::Cassandra(p) => (p.as_str(), "cassandra"),
            PresetArg::Redis(p) => (p.as_str(), "redis-cluster"),
            PresetArg::Dynamo(p) => (p.as_str(), "dynamo"),
        }
    }

    /// The protocol it belongs to: `run --preset cassandra` alone runs Cassandra.
    pub fn protocol(self) -> crate::args::ProtocolArg {
        use crate::args::ProtocolArg;
        match self {
            PresetArg::Swim(_) => ProtocolArg::Swim,
            PresetArg::Cassandra(_) => ProtocolArg::Cassandra,
            PresetArg::Redis(_) => ProtocolArg::RedisCluster,
            PresetArg::Dynamo(_) => ProtocolArg::Dynamo,
        }
    }

    /// The refusal of this preset under another protocol.
    pub fn refused(self) -> String {
        let (name, protocol) = self.owner();
        format!("--preset {name} applies only to --protocol {protocol}")
    }
}

/// The parser of `--preset`: every name of every table, with its description.
pub fn preset_arg() -> impl TypedValueParser<Value = PresetArg> {
    let swim = Preset::ALL
        .iter()
        .map(|v| PossibleValue::new(v.as_str()).help(v.describe()));
    let cass = CassandraPreset::ALL
        .iter()
        .map(|v| PossibleValue::new(v.as_str()).help(v.describe()));
    let redis = RedisPreset::ALL
        .iter()
        .map(|v| PossibleValue::new(v.as_str()).help(v.describe()));
    let dynamo = DynamoPreset::ALL
        .iter()
        .map(|v| PossibleValue::new(v.as_str()).help(v.describe()));
    PossibleValuesParser::new(swim.chain(cass).chain(redis).chain(dynamo)).try_map(|name| {
        CassandraPreset::from_name(&name)
            .map(PresetArg::Cassandra)
            .or_else(|_| RedisPreset::from_name(&name).map(PresetArg::Redis))
            .or_else(|_| DynamoPreset::from_name(&name).map(PresetArg::Dynamo))
            .or_else(|_| Preset::from_name(&name).map(PresetArg::Swim))
    })
}

/// Cassandra flags. Every one is an option, so that one given without
/// `--protocol cassandra` is refused. `--preset`, `--seconds`, `--tick-ms`, `--latency-ms`,
/// `--latency-dist` and `--pause` are shared with SWIM.
#[derive(Debug, Args)]
pub struct CassandraArgs {
    /// Cassandra: seeds, nodes 0..S [default: 3].
    #[arg(long, value_parser = count, help_heading = "Cassandra")]
    pub seeds: Option<u32>,
    /// Cassandra: phi_convict_threshold [default: 8].
    #[arg(
        long,
        value_name = "PHI",
        help_heading = "Cassandra",
        alias = "phi-threshold"
    )]
    pub phi_convict_threshold: Option<f64>,
    /// Cassandra: split the cluster in two halves (0..N/2, N/2..N) at second T, healed D
    /// seconds later.
    #[arg(long, value_name = "T+D", value_parser = split, help_heading = "Cassandra")]
    pub split: Option<(f64, f64)>,
}

impl CassandraArgs {
    /// The first Cassandra flag given, by name, to refuse it under another protocol.
    pub fn first_given(&self) -> Option<&'static str> {
        let given = [
            ("seeds", self.seeds.is_some()),
            (
                "phi-convict-threshold",
                self.phi_convict_threshold.is_some(),
            ),
            ("split", self.split.is_some()),
        ];
        given.into_iter().find(|&(_, g)| g).map(|(name, _)| name)
    }
}

/// `T+D`.
fn split(s: &str) -> Result<(f64, f64), String> {
    let (t, d) = s
        .split_once('+')
        .ok_or_else(|| format!("'{s}' is not T+D (e.g. 10+60: at second 10 for 60 s)"))?;
    Ok((seconds(t)?, seconds(d)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_parse() {
        assert_eq!(split("10+60"), Ok((10.0, 60.0)));
        assert!(split("10").is_err());
    }
}
