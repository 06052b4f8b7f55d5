//! Bands over many seeded trials: per step, the median and the 5–95% range of each state
//! series (informed, unaware, fresh, stale, dead) across the trials of one scenario.
//!
//! One run is an anecdote; the band is the distribution it was drawn from. This is the one
//! place the bands are computed: `gossip-sim run --per-round` prints them and the page's
//! bands worker draws them, so the two agree number for number on the same trials.

use crate::metrics::Band;
use crate::trial::TrialRow;

/// The bands of one step, one per state series of [`TrialRow`].
#[derive(Clone, Copy, Debug, Default, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct RoundBands {
    /// Fraction of alive nodes informed (membership: that detected the failure).
    pub informed: Band,
    /// Alive nodes unaware (membership: not yet detected).
    pub unaware: Band,
    /// Nodes holding the message fresh.
    pub fresh: Band,
    /// Nodes holding it stale.
    pub stale: Band,
    /// Dead nodes.
    pub dead: Band,
}

/// The state series of every trial added so far, step by step: five numbers per trial and
/// step, which is what nearest-rank percentiles need (they are not mergeable sums).
#[derive(Clone, Debug, Default)]
pub struct TrialBands {
    /// Per trial, its states step by step: informed, unaware, fresh, stale, dead.
    trials: Vec<Vec<[f64; 5]>>,
}

impl TrialBands {
    /// Adds one trial's rows (steps 0, 1, …).
    pub fn add(&mut self, rows: &[TrialRow]) {
        let u = |x: u32| f64::from(x);
        self.trials.push(
            rows.iter()
                .map(|r| [r.informed, u(r.unaware), u(r.fresh), u(r.stale), u(r.dead)])
                .collect(),
        );
    }

    /// Trials added.
    pub fn trials(&self) -> usize {
        self.trials.len()
    }

    /// Steps of the longest trial: the bands' length.
    pub fn steps(&self) -> usize {
        self.trials.iter().map(Vec::len).max().unwrap_or(0)
    }

    /// The bands of step `i`: each trial's state then, or its last state if it had already
    /// stopped (a settled trial stays settled), by nearest rank ([`Band::of`]).
    pub fn at(&self, i: usize) -> RoundBands {
        let mut v = Vec::with_capacity(self.trials.len());
        let mut series = |k: usize| {
            v.clear();
            v.extend(
                self.trials
                    .iter()
                    .filter_map(|t| t.get(i).or(t.last()).map(|s| s[k])),
            );
            Band::of(&v).unwrap_or_default()
        };
        RoundBands {
            informed: series(0),
            unaware: series(1),
            fresh: series(2),
            stale: series(3),
            dead: series(4),
        }
    }

    /// The bands of every step, 0 to [`TrialBands::steps`] − 1.
    pub fn all(&self) -> Vec<RoundBands> {
        (0..self.steps()).map(|i| self.at(i)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(unaware: u32) -> TrialRow {
        TrialRow {
            unaware,
            ..TrialRow::default()
        }
    }

    #[test]
    fn a_stopped_trial_keeps_its_last_state() {
        let mut b = TrialBands::default();
        b.add(&[row(10), row(4)]);
        b.add(&[row(10), row(6), row(2), row(0)]);
        b.add(&[row(10), row(8), row(1)]);
        assert_eq!(b.steps(), 4);
        let at3 = b.at(3).unaware;
        // Step 3 reads 4 (held), 0 and 1 (held).
        assert_eq!(
            (at3.p5, at3.p50, at3.p95),
            (0.0, 1.0, 4.0),
            "nearest rank over the held states"
        );
        assert_eq!(b.all().len(), 4);
        assert_eq!(TrialBands::default().all(), Vec::new(), "no trial, no band");
    }
}
