//! The flags of `gossip-sim run --protocol dynamo`: the replicated key range its Merkle
//! anti-entropy syncs. It also reads SWIM's real-time flags (--seconds, --tick-ms,
//! --latency-ms, --latency-dist, --pause), Redis Cluster's --partition and --heal, and the
//! shared --restart and --join.

use clap::Args;

use crate::args::count;

/// Dynamo flags. Every one is an option, so that one given without `--protocol dynamo` is
/// refused, and the preset's value stays unless a flag overrides it.
#[derive(Debug, Args)]
pub struct DynamoArgs {
    /// Dynamo: keys in the key range every node replicates [default: 1000].
    #[arg(long, value_name = "K", value_parser = count, help_heading = "Dynamo")]
    pub keys: Option<u32>,
    /// Dynamo: Merkle tree depth, 2^D leaves [default: 10].
    #[arg(long, value_name = "D", value_parser = count, help_heading = "Dynamo")]
    pub merkle_depth: Option<u32>,
    /// Dynamo: writes per second to the key range, each at one random running node; the
    /// replicas diverge by these until the anti-entropy spreads them [default: 5].
    #[arg(long, value_name = "W", help_heading = "Dynamo")]
    pub writes_per_s: Option<f64>,
}

impl DynamoArgs {
    /// The first Dynamo flag given, by name, to refuse it under another protocol.
    pub fn first_given(&self) -> Option<&'static str> {
        [
            ("keys", self.keys.is_some()),
            ("merkle-depth", self.merkle_depth.is_some()),
            ("writes-per-s", self.writes_per_s.is_some()),
        ]
        .into_iter()
        .find(|&(_, g)| g)
        .map(|(name, _)| name)
    }
}
