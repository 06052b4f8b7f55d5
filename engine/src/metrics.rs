//! Measurements: per-round statistics and the per-message outcome of a run (Demers et al.'s
//! residue, traffic, t_avg and t_last, and the convergence round).

#[cfg(feature = "serde")]
use serde::{Deserialize, Serialize};

use crate::message::NONE;
use crate::report::Belief;
use crate::report::{RoundReport, Traffic};
use crate::simulation::{Simulation, StateCounts};

/// The statistics of one round.
#[derive(Clone, Debug, Default, PartialEq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct RoundStats {
    /// The round (1 for the first).
    pub round: u32,
    /// Nodes alive at its end.
    pub alive: u32,
    /// Its traffic.
    pub traffic: Traffic,
    /// Per message id: counts per state at its end.
    pub counts: Vec<StateCounts>,
    /// Under membership: how the alive nodes see the members, at the round's end.
    #[cfg_attr(feature = "serde", serde(default))]
    pub views: Option<MembershipViews>,
}

/// How alive observers see the cluster under heartbeat membership: the news of deaths (true
/// detections) and the false ones.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct MembershipViews {
    /// Dead members.
    pub dead: u32,
    /// (alive observer, dead member) pairs where the observer considers it failed or has
    /// forgotten it.
    pub detected: u64,
    /// (alive observer, alive member) pairs where the observer wrongly considers it failed.
    pub false_suspicions: u64,
}

impl MembershipViews {
    /// The views in `sim`, or `None` outside membership. O(N²), like a membership round.
    pub fn of(sim: &Simulation) -> Option<Self> {
        let ms = sim.membership()?;
        let config = sim.config();
        let (n, round) = (sim.nodes(), sim.round());
        let mut v = MembershipViews {
            dead: n - sim.alive_count(),
            ..MembershipViews::default()
        };
        for o in (0..n).filter(|&o| sim.is_alive(o)) {
            for s in (0..n).filter(|&s| s != o) {
                let failed = matches!(
                    ms.belief(o, s, round, config),
                    Belief::Failed | Belief::Forgotten
                );
                match (failed, sim.is_alive(s)) {
                    (true, false) => v.detected += 1,
                    (true, true) => v.false_suspicions += 1,
                    _ => {}
                }
            }
        }
        Some(v)
    }
}

impl RoundStats {
    /// Stats of the round `report` describes, read from `sim` right after the step.
    pub fn capture(sim: &Simulation, report: &RoundReport) -> Self {
        RoundStats {
            round: report.round,
            alive: sim.alive_count(),
            traffic: report.traffic,
            // One entry per message id, ids being 0, 1, ...: the kept counts as they are.
            counts: sim.messages.counts.clone(),
            views: MembershipViews::of(sim),
        }
    }
}

/// How one message fared, measured as in the literature.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct Outcome {
    /// Rounds from injection until every alive node held it; if that never happened, until
    /// no node was fresh; if neither, the rounds run so far. A message injected before
    /// round 1 and delivered to its last node during round r gives r.
    pub rounds: u32,
    /// Whether every alive node held it.
    pub converged: bool,
    /// Fraction of alive nodes that do not hold it (meaningful once no node is fresh).
    pub residue: f64,
    /// Update-carrying legs (push and pull, not digests or requests) per node, whole run.
    pub traffic: f64,
    /// Mean delivery delay in rounds over the nodes that received it (origin excluded).
    pub t_avg: f64,
    /// Delay of the last delivery.
    pub t_last: u32,
}

/// The outcome of message `id` in `sim` as it stands.
pub fn outcome(sim: &Simulation, id: u32) -> Option<Outcome> {
    let m = sim.message(id)?;
    let c = sim.counts(id)?;
    let injected = m.versions.get(m.latest as usize)?.injected;
    let end = m.converged_at.or(m.extinct_at).unwrap_or(sim.round());
    // The delays `MessageSlot::delays` lists, summed in the same order in one pass, without
    // collecting them.
    let (mut count, mut sum, mut t_last) = (0u32, 0.0, 0);
    for (i, &alive) in sim.alive().iter().enumerate() {
        if alive && m.held[i] == m.latest + 1 && m.from[i] != NONE {
            let d = m.received[i].saturating_sub(injected);
            count += 1;
            sum += f64::from(d);
            t_last = t_last.max(d);
        }
    }
    let alive = f64::from(sim.alive_count().max(1));
    Some(Outcome {
        rounds: end.saturating_sub(injected),
        converged: m.converged_at.is_some(),
        residue: f64::from(c.unaware) / alive,
        traffic: sim.total_traffic().updates as f64 / f64::from(sim.nodes()),
        t_avg: if count == 0 {
            0.0
        } else {
            sum / f64::from(count)
        },
        t_last,
    })
}

/// Mean, spread and quantiles of a sample.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct Summary {
    /// Sample mean.
    pub mean: f64,
    /// Sample standard deviation (n − 1 denominator; 0 for one value).
    pub sd: f64,
    /// Smallest value.
    pub min: f64,
    /// Median (nearest rank).
    pub p50: f64,
    /// 95th percentile (nearest rank).
    pub p95: f64,
    /// Largest value.
    pub max: f64,
}

impl Summary {
    /// Summarises `values`; `None` when empty.
    pub fn of(values: &[f64]) -> Option<Summary> {
        let v = sorted(values)?;
        let n = v.len() as f64;
        let mean = v.iter().sum::<f64>() / n;
        let var = if v.len() > 1 {
            v.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (n - 1.0)
        } else {
            0.0
        };
        Some(Summary {
            mean,
            sd: var.sqrt(),
            min: v[0],
            p50: nearest_rank(&v, 0.5),
            p95: nearest_rank(&v, 0.95),
            max: v[v.len() - 1],
        })
    }
}

/// A sorted copy of `values`, `None` when empty: what every percentile reads.
fn sorted(values: &[f64]) -> Option<Vec<f64>> {
    if values.is_empty() {
        return None;
    }
    let mut v = values.to_vec();
    v.sort_by(f64::total_cmp);
    Some(v)
}

/// The `q`-quantile of `sorted` (ascending, not empty) by nearest rank: the smallest value
/// with at least a share `q` of the values at or below it.
pub fn nearest_rank(sorted: &[f64], q: f64) -> f64 {
    let n = sorted.len() as f64;
    sorted[((q * n).ceil() as usize).clamp(1, sorted.len()) - 1]
}

/// A band over many seeded runs: the median and the 5–95% range, by nearest rank.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Band {
    /// 5th percentile.
    pub p5: f64,
    /// Median.
    pub p50: f64,
    /// 95th percentile.
    pub p95: f64,
}

impl Band {
    /// The band of `values`; `None` when empty.
    pub fn of(values: &[f64]) -> Option<Band> {
        let v = sorted(values)?;
        Some(Band {
            p5: nearest_rank(&v, 0.05),
            p50: nearest_rank(&v, 0.5),
            p95: nearest_rank(&v, 0.95),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn membership_views_count_detections() {
        use crate::{Command, Config, Protocol, Simulation};
        let config = Config {
            nodes: 10,
            fanout: 2,
            protocol: Protocol::Membership {
                t_fail: 3,
                t_cleanup: 6,
            },
            ..Config::default()
        };
        let mut sim = Simulation::new(config, 1).expect("valid");
        sim.apply(&Command::Kill { node: 4 }).expect("kill");
        assert_eq!(
            MembershipViews::of(&sim).map(|v| v.detected),
            Some(0),
            "nobody knows yet"
        );
        for _ in 0..12 {
            sim.step();
        }
        let v = MembershipViews::of(&sim).expect("membership");
        assert_eq!(
            (v.dead, v.detected),
            (1, 9),
            "all 9 alive nodes learnt of the death"
        );
    }

    #[test]
    fn summary_of_a_known_sample() {
        let s = Summary::of(&[1.0, 2.0, 3.0, 4.0, 10.0]).expect("non-empty");
        assert_eq!((s.min, s.p50, s.p95, s.max), (1.0, 3.0, 10.0, 10.0));
        assert!((s.mean - 4.0).abs() < 1e-12);
        assert!((s.sd - 12.5_f64.sqrt()).abs() < 1e-12);
        assert_eq!(Summary::of(&[]), None);
    }
}
