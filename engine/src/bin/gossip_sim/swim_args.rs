//! The flags of `gossip-sim run --protocol swim`, and their parsers.

use crate::faults::seconds;
use clap::Args;
use gossip_engine::swim::LatencyDist;

use crate::args::{count, named};

/// SWIM flags. Every one is an option, so that a flag given without `--protocol swim` is
/// refused, and a preset's value stays unless a flag overrides it.
#[derive(Debug, Args)]
pub struct SwimArgs {
    /// SWIM: memberlist defaults to start from [default: consul-lan]; Cassandra, Redis
    /// Cluster, Dynamo: their defaults [default: cassandra, redis-cluster, dynamo].
    #[arg(long, value_parser = crate::cassandra_args::preset_arg(), help_heading = "SWIM")]
    pub preset: Option<crate::cassandra_args::PresetArg>,
    /// SWIM: Lifeguard's awareness, dynamic suspicion and buddy system together [default: on].
    #[arg(long, value_name = "on|off", value_parser = on_off, help_heading = "SWIM")]
    pub lifeguard: Option<bool>,
    /// SWIM: ProbeInterval in ms.
    #[arg(long, value_name = "MS", value_parser = count, help_heading = "SWIM")]
    pub probe_interval_ms: Option<u32>,
    /// SWIM: ProbeTimeout in ms.
    #[arg(long, value_name = "MS", value_parser = count, help_heading = "SWIM")]
    pub probe_timeout_ms: Option<u32>,
    /// SWIM: IndirectChecks, members asked to ping-req.
    #[arg(long, value_parser = count, help_heading = "SWIM")]
    pub indirect_checks: Option<u32>,
    /// SWIM: SuspicionMult.
    #[arg(long, value_parser = count, help_heading = "SWIM")]
    pub suspicion_mult: Option<u32>,
    /// SWIM: GossipNodes, members gossiped to each gossip interval.
    #[arg(long, value_parser = count, help_heading = "SWIM")]
    pub gossip_nodes: Option<u32>,
    /// SWIM: GossipInterval in ms. Round protocols: ms between rounds, which sets a time
    /// model [default: 1000].
    #[arg(long, value_name = "MS", value_parser = count, help_heading = "SWIM")]
    pub gossip_interval_ms: Option<u32>,
    /// SWIM: RetransmitMult.
    #[arg(long, value_parser = count, help_heading = "SWIM")]
    pub retransmit_mult: Option<u32>,
    /// SWIM, and the round protocols' time model: milliseconds per tick [default: 100].
    #[arg(long, value_name = "MS", value_parser = count, help_heading = "SWIM")]
    pub tick_ms: Option<u32>,
    /// SWIM, and the round protocols' time model: mean one-way latency of a leg in ms
    /// [default: 1].
    #[arg(long, value_name = "MEAN", help_heading = "SWIM")]
    pub latency_ms: Option<f64>,
    /// SWIM, and the round protocols' time model: latency distribution [default: constant].
    #[arg(long, value_parser = named::<LatencyDist>(), help_heading = "SWIM")]
    pub latency_dist: Option<LatencyDist>,
    /// SWIM: pause NODE at second T for D seconds. Repeatable.
    #[arg(long, value_name = "N@T+D", value_parser = pause, help_heading = "SWIM")]
    pub pause: Vec<(u32, f64, f64)>,
    /// SWIM: slow NODE at second T for D seconds by MS extra ms. Repeatable.
    #[arg(long, value_name = "N@T+D:MS", value_parser = slow, help_heading = "SWIM")]
    pub slow: Vec<(u32, f64, f64, u32)>,
    /// SWIM: NODE leaves gracefully at second T. Repeatable.
    #[arg(long, value_name = "N@T", value_parser = leave, help_heading = "SWIM")]
    pub leave: Vec<(u32, f64)>,
    /// SWIM: simulated seconds per trial [default: 60].
    #[arg(long, value_name = "S", help_heading = "SWIM")]
    pub seconds: Option<f64>,
}

impl SwimArgs {
    /// The first flag given that only SWIM takes (not the real-time flags it shares with
    /// Cassandra and Redis Cluster), to refuse it under those.
    pub fn swim_only_given(&self) -> Option<&'static str> {
        [
            ("lifeguard", self.lifeguard.is_some()),
            ("probe-interval-ms", self.probe_interval_ms.is_some()),
            ("probe-timeout-ms", self.probe_timeout_ms.is_some()),
            ("indirect-checks", self.indirect_checks.is_some()),
            ("suspicion-mult", self.suspicion_mult.is_some()),
            ("gossip-nodes", self.gossip_nodes.is_some()),
            ("gossip-interval-ms", self.gossip_interval_ms.is_some()),
            ("retransmit-mult", self.retransmit_mult.is_some()),
            ("slow", !self.slow.is_empty()),
            ("leave", !self.leave.is_empty()),
        ]
        .into_iter()
        .find(|&(_, g)| g)
        .map(|(name, _)| name)
    }

    /// Whether a flag of the round protocols' time model is given (tick, gossip interval,
    /// latency).
    pub fn time_given(&self) -> bool {
        self.tick_ms.is_some()
            || self.gossip_interval_ms.is_some()
            || self.latency_ms.is_some()
            || self.latency_dist.is_some()
    }

    /// The first SWIM flag given, by name, to refuse it outside `--protocol swim`; with
    /// `time`, the time-model flags the round protocols share are allowed.
    pub fn first_given(&self, time: bool) -> Option<&'static str> {
        let shared = |name: &str| {
            time && matches!(
                name,
                "tick-ms" | "gossip-interval-ms" | "latency-ms" | "latency-dist"
            )
        };
        let given = [
            ("preset", self.preset.is_some()),
            ("lifeguard", self.lifeguard.is_some()),
            ("probe-interval-ms", self.probe_interval_ms.is_some()),
            ("probe-timeout-ms", self.probe_timeout_ms.is_some()),
            ("indirect-checks", self.indirect_checks.is_some()),
            ("suspicion-mult", self.suspicion_mult.is_some()),
            ("gossip-nodes", self.gossip_nodes.is_some()),
            ("gossip-interval-ms", self.gossip_interval_ms.is_some()),
            ("retransmit-mult", self.retransmit_mult.is_some()),
            ("tick-ms", self.tick_ms.is_some()),
            ("latency-ms", self.latency_ms.is_some()),
            ("latency-dist", self.latency_dist.is_some()),
            ("pause", !self.pause.is_empty()),
            ("slow", !self.slow.is_empty()),
            ("leave", !self.leave.is_empty()),
            ("seconds", self.seconds.is_some()),
        ];
        given
            .into_iter()
            .find(|&(name, g)| g && !shared(name))
            .map(|(name, _)| name)
    }
}

fn on_off(s: &str) -> Result<bool, String> {
    match s {
        "on" => Ok(true),
        "off" => Ok(false),
        _ => Err(format!("'{s}' is not on or off")),
    }
}

/// `N@T`.
fn leave(s: &str) -> Result<(u32, f64), String> {
    let (n, t) = s
        .split_once('@')
        .ok_or_else(|| format!("'{s}' is not N@T (e.g. 3@10: node 3 at second 10)"))?;
    Ok((count(n)?, seconds(t)?))
}

/// `N@T+D`.
fn pause(s: &str) -> Result<(u32, f64, f64), String> {
    let (n, rest) = leave_parts(s, "N@T+D (e.g. 3@10+4: node 3 at second 10 for 4 s)")?;
    let (t, d) = rest
        .split_once('+')
        .ok_or_else(|| format!("'{s}' is not N@T+D"))?;
    Ok((n, seconds(t)?, seconds(d)?))
}

/// `N@T+D:MS`.
fn slow(s: &str) -> Result<(u32, f64, f64, u32), String> {
    let (head, ms) = s
        .rsplit_once(':')
        .ok_or_else(|| format!("'{s}' is not N@T+D:MS (e.g. 3@10+30:800)"))?;
    let (n, t, d) = pause(head)?;
    Ok((n, t, d, count(ms)?))
}

fn leave_parts<'a>(s: &'a str, shape: &str) -> Result<(u32, &'a str), String> {
    let (n, rest) = s
        .split_once('@')
        .ok_or_else(|| format!("'{s}' is not {shape}"))?;
    Ok((count(n)?, rest))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fault_flags_parse() {
        assert_eq!(leave("3@10"), Ok((3, 10.0)));
        assert_eq!(pause("3@10+4.5"), Ok((3, 10.0, 4.5)));
        assert_eq!(slow("3@10+30:800"), Ok((3, 10.0, 30.0, 800)));
        assert!(pause("3@10").is_err());
        assert!(slow("3@10+4").is_err());
        assert!(leave("3@-1").is_err());
        assert_eq!(on_off("off"), Ok(false));
        assert!(on_off("yes").is_err());
    }
}
