//! What a run reports: the measures of each trial, summarised over trials, and what the
//! published analyses predict for the configuration.

use gossip_engine::{Config, Decay, Feedback, Mode, Protocol, Summary, TopologyConfig, theory};
use serde::Serialize;

use crate::trial::TrialResult;

/// What the published analyses predict for this configuration, where they apply.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Theory {
    /// Anti-entropy on the complete graph without loss: first round at which the mean-field
    /// recurrence leaves fewer than half a node unaware.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mean_field_rounds: Option<u32>,
    /// Anti-entropy: log2 N + ln N (Pittel 1987, push with fanout 1, up to O(1)).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub log2_plus_ln: Option<f64>,
    /// Push rumor with feedback and coin, fanout 1: root of s = exp(-(k+1)(1-s)).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub residue: Option<f64>,
}

/// The theory counts abstract rounds, so a run under a time model gets none: latency
/// and the tick's rounding break the one-round-per-step mapping it assumes.
pub fn theory_for(c: &Config) -> Option<Theory> {
    if c.time.is_some() {
        return None;
    }
    let ideal = c.topology == TopologyConfig::Complete && c.loss == 0.0;
    match &c.protocol {
        Protocol::AntiEntropy { mode, .. } => Some(Theory {
            mean_field_rounds: ideal.then(|| theory::rounds_to_full(*mode, c.nodes, c.fanout)),
            log2_plus_ln: Some(theory::log2_plus_ln(c.nodes)),
            residue: None,
        }),
        Protocol::Rumor {
            mode: Mode::Push,
            removal,
            repair_every: None,
        } if ideal
            && c.fanout == 1
            && removal.feedback == Feedback::Feedback
            && removal.decay == Decay::Coin =>
        {
            Some(Theory {
                residue: Some(theory::residue(removal.k)),
                ..Theory::default()
            })
        }
        _ => None,
    }
}

/// Reads one measure from a trial.
pub type Measure = fn(&TrialResult) -> f64;

/// The measures in output order, with how to read each from a trial.
pub const METRICS: [(&str, Measure); 7] = [
    ("rounds", |r| r.rounds),
    ("residue", |r| r.residue),
    ("traffic", |r| r.traffic),
    ("t_avg", |r| r.t_avg),
    ("t_last", |r| r.t_last),
    ("messages", |r| r.messages),
    ("bytes", |r| r.bytes),
];

/// The summary of each of [`METRICS`] over the trials (zeros when there are none).
pub fn summaries(results: &[TrialResult]) -> Vec<Summary> {
    METRICS
        .iter()
        .map(|(_, get)| {
            let v: Vec<f64> = results.iter().map(get).collect();
            Summary::of(&v).unwrap_or(Summary {
                mean: 0.0,
                sd: 0.0,
                min: 0.0,
                p50: 0.0,
                p95: 0.0,
                max: 0.0,
            })
        })
        .collect()
}

/// The fraction of trials in which every alive node got the message.
pub fn converged(results: &[TrialResult]) -> f64 {
    results.iter().filter(|r| r.converged).count() as f64 / results.len().max(1) as f64
}
