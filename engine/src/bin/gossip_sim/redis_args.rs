//! The flags of `gossip-sim run --protocol redis-cluster`, and their parsers. It also reads
//! SWIM's real-time flags (--seconds, --tick-ms, --latency-ms, --latency-dist, --pause).

use crate::faults::seconds;
use clap::Args;

use crate::args::count;

/// Redis Cluster flags. Every one is an option, so that a flag given without
/// `--protocol redis-cluster` is refused.
#[derive(Debug, Args)]
pub struct RedisArgs {
    /// Redis Cluster: cluster-node-timeout in ms [default: 15000, redis.conf].
    #[arg(long, value_name = "MS", value_parser = count, help_heading = "Redis Cluster")]
    pub node_timeout_ms: Option<u32>,
    /// Redis Cluster: replicas per master [default: 1].
    #[arg(long, value_parser = count, help_heading = "Redis Cluster")]
    pub replicas: Option<u32>,
    /// Redis Cluster: masters, the others replicas spread evenly (N must be a multiple of M;
    /// instead of --replicas) [default: N / 2].
    #[arg(long, value_parser = count, help_heading = "Redis Cluster", conflicts_with = "replicas")]
    pub masters: Option<u32>,
    /// Redis Cluster, Dynamo: cut the nodes A,B,C off from the rest at second T. Repeatable.
    #[arg(long, value_name = "A,B,..@T", value_parser = partition, help_heading = "Redis Cluster")]
    pub partition: Vec<(Vec<u32>, f64)>,
    /// Redis Cluster, Dynamo: heal every partition at second T. Repeatable.
    #[arg(long, value_name = "T", value_parser = seconds, help_heading = "Redis Cluster")]
    pub heal: Vec<f64>,
}

impl RedisArgs {
    /// The first flag given that only Redis Cluster takes (not --partition and --heal, which
    /// Dynamo shares), by name.
    pub fn redis_only_given(&self) -> Option<&'static str> {
        let given = [
            ("node-timeout-ms", self.node_timeout_ms.is_some()),
            ("replicas", self.replicas.is_some()),
            ("masters", self.masters.is_some()),
        ];
        given.into_iter().find(|&(_, g)| g).map(|(name, _)| name)
    }

    /// The refusal of the first of these flags given, under a protocol that takes none of
    /// them.
    pub fn refusal(&self) -> Option<String> {
        if let Some(flag) = self.redis_only_given() {
            return Some(format!("--{flag} applies only to --protocol redis-cluster"));
        }
        let shared = [
            ("partition", !self.partition.is_empty()),
            ("heal", !self.heal.is_empty()),
        ];
        shared.into_iter().find(|&(_, g)| g).map(|(flag, _)| {
            format!("--{flag} applies only to --protocol redis-cluster and --protocol dynamo")
        })
    }
}

/// `A,B,C@T`.
fn partition(s: &str) -> Result<(Vec<u32>, f64), String> {
    let (g, t) = s
        .split_once('@')
        .ok_or_else(|| format!("'{s}' is not A,B,..@T (e.g. 0,1,5@10)"))?;
    let nodes = g
        .split(',')
        .map(count)
        .collect::<Result<Vec<u32>, String>>()?;
    Ok((nodes, seconds(t)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fault_flags_parse() {
        assert_eq!(partition("0,1,5@2.5"), Ok((vec![0, 1, 5], 2.5)));
        assert!(partition("0,x@1").is_err());
        assert!(seconds("-1").is_err());
    }
}
