//! Faults that more than one real-time protocol takes, as one set of flags: clap refuses two
//! arguments of the same name, and a user expects `--join` and `--restart` to mean the same
//! thing whatever the protocol.

use clap::Args;

use crate::args::count;

/// `--restart` and `--join`, for Cassandra, Redis Cluster and Dynamo.
#[derive(Debug, Args)]
pub struct SharedFaults {
    /// Cassandra, Redis Cluster, Dynamo: restart NODE at second T (Cassandra, Dynamo: a new
    /// generation). Repeatable.
    #[arg(long, value_name = "NODE@T", value_parser = node_at, help_heading = "Cassandra, Redis Cluster, Dynamo")]
    pub restart: Vec<(u32, f64)>,
    /// Cassandra, Redis Cluster, Dynamo: a new node joins at second T, through node VIA
    /// (Redis Cluster: VIA@T) or through the seeds (Cassandra, Dynamo: T). Repeatable.
    #[arg(long, value_name = "[VIA@]T", value_parser = join_at, help_heading = "Cassandra, Redis Cluster, Dynamo")]
    pub join: Vec<(Option<u32>, f64)>,
}

impl SharedFaults {
    /// The refusal of the first of these flags given, under a protocol that has no such
    /// fault.
    pub fn refusal(&self) -> Option<String> {
        [
            ("restart", !self.restart.is_empty()),
            ("join", !self.join.is_empty()),
        ]
        .into_iter()
        .find(|&(_, g)| g)
        .map(|(flag, _)| {
            format!(
                "--{flag} applies only to --protocol cassandra, --protocol redis-cluster and --protocol dynamo"
            )
        })
    }
}

/// Seconds: a finite number, 0 or more.
pub fn seconds(s: &str) -> Result<f64, String> {
    match s.trim().parse::<f64>() {
        Ok(v) if v.is_finite() && v >= 0.0 => Ok(v),
        _ => Err(format!("'{s}' is not a number of seconds")),
    }
}

/// `N@T`.
pub fn node_at(s: &str) -> Result<(u32, f64), String> {
    let (n, t) = s
        .split_once('@')
        .ok_or_else(|| format!("'{s}' is not NODE@T (e.g. 3@10: node 3 at second 10)"))?;
    Ok((count(n)?, seconds(t)?))
}

/// `VIA@T` or `T`.
fn join_at(s: &str) -> Result<(Option<u32>, f64), String> {
    match s.split_once('@') {
        Some(_) => node_at(s).map(|(via, t)| (Some(via), t)),
        None => seconds(s).map(|t| (None, t)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fault_flags_parse() {
        assert_eq!(node_at("3@40.5"), Ok((3, 40.5)));
        assert!(node_at("3").is_err());
        assert!(node_at("3@-1").is_err());
        assert_eq!(join_at("2@10"), Ok((Some(2), 10.0)));
        assert_eq!(join_at("10"), Ok((None, 10.0)));
        assert!(seconds("inf").is_err());
    }
}
