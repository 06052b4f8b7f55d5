//! The seeded tables of the lesson cards: many runs of one configuration per row, computed
//! one run at a time by [`Study::step`], so that the page can paint between runs (the largest
//! run, anti-entropy push at N = 10,000, costs tens of milliseconds; a whole table several
//! times that).

use gossip_engine::Config;

use super::compare::{LIMIT, converge_rounds, rumor_end};
use super::scenarios::{self, REMOVALS, SIZES};

/// A seeded table of the lesson cards.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum StudyKind {
    /// Rounds to converge of anti-entropy push, fanout 1, per N in [`SIZES`].
    LogN,
    /// Residue and traffic of rumor push, k = 2, N = 1,000, per variant in [`REMOVALS`].
    Residue,
    /// Rounds to converge of anti-entropy push-pull, fanout 1, per N in [`SIZES`].
    Interval,
}

impl StudyKind {
    /// Rows of the table.
    pub fn rows(self) -> usize {
        match self {
            StudyKind::LogN | StudyKind::Interval => SIZES.len(),
            StudyKind::Residue => REMOVALS.len(),
        }
    }

    /// Seeds per row.
    pub fn seeds(self) -> u32 {
        match self {
            StudyKind::LogN => 20,
            StudyKind::Residue | StudyKind::Interval => 10,
        }
    }

    /// The configuration of a row: the lesson's scenario with the row as variant.
    pub fn config(self, row: usize) -> Config {
        match self {
            StudyKind::LogN => scenarios::log_n(row).config,
            StudyKind::Residue => scenarios::residue(row).config,
            StudyKind::Interval => scenarios::interval(row).config,
        }
    }

    /// One run: (rounds, 0) for the convergence studies, (residue, traffic) for the residue.
    fn run(self, row: usize, seed: u64) -> [f64; 2] {
        let config = self.config(row);
        match self {
            StudyKind::LogN | StudyKind::Interval => {
                let r = converge_rounds(&config, seed, LIMIT).unwrap_or(LIMIT);
                [f64::from(r), 0.0]
            }
            StudyKind::Residue => rumor_end(&config, seed, LIMIT)
                .map_or([f64::NAN, f64::NAN], |e| [e.residue, e.traffic]),
        }
    }
}

/// Mean and range of a row's samples.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RowStats {
    /// Mean of the first measure (rounds, or residue).
    pub mean: f64,
    /// Sample standard deviation of the first measure.
    pub sd: f64,
    /// Smallest first measure.
    pub min: f64,
    /// Largest first measure.
    pub max: f64,
    /// Mean of the second measure (traffic for the residue study).
    pub extra: f64,
    /// Samples.
    pub samples: usize,
}

/// A seeded table being computed, one run per [`Study::step`], row by row.
#[derive(Clone, Debug)]
pub struct Study {
    kind: StudyKind,
    samples: Vec<Vec<[f64; 2]>>,
    next: usize,
}

impl Study {
    /// Nothing computed yet.
    pub fn new(kind: StudyKind) -> Self {
        Study {
            kind,
            samples: vec![Vec::new(); kind.rows()],
            next: 0,
        }
    }

    /// Which table.
    pub fn kind(&self) -> StudyKind {
        self.kind
    }

    /// Runs the next seed of the next row; returns whether work remains.
    pub fn step(&mut self) -> bool {
        let seeds = self.kind.seeds() as usize;
        if let Some(row) = self.samples.iter().position(|s| s.len() < seeds) {
            let seed = self.samples[row].len() as u64 + 1;
            let sample = self.kind.run(row, seed);
            self.samples[row].push(sample);
            self.next += 1;
        }
        !self.is_done()
    }

    /// Computes everything that is left.
    pub fn finish(mut self) -> Self {
        while self.step() {}
        self
    }

    /// Whether every run is done.
    pub fn is_done(&self) -> bool {
        self.next >= self.total()
    }

    /// Runs done so far.
    pub fn done(&self) -> usize {
        self.next
    }

    /// Runs in all.
    pub fn total(&self) -> usize {
        self.kind.rows() * self.kind.seeds() as usize
    }

    /// The statistics of `row`, once all its seeds have run.
    pub fn row(&self, row: usize) -> Option<RowStats> {
        let s = self.samples.get(row)?;
        if s.len() < self.kind.seeds() as usize {
            return None;
        }
        let n = s.len() as f64;
        let mean = s.iter().map(|x| x[0]).sum::<f64>() / n;
        let var = if s.len() > 1 {
            s.iter().map(|x| (x[0] - mean).powi(2)).sum::<f64>() / (n - 1.0)
        } else {
            0.0
        };
        Some(RowStats {
            mean,
            sd: var.sqrt(),
            min: s.iter().map(|x| x[0]).fold(f64::INFINITY, f64::min),
            max: s.iter().map(|x| x[0]).fold(f64::NEG_INFINITY, f64::max),
            extra: s.iter().map(|x| x[1]).sum::<f64>() / n,
            samples: s.len(),
        })
    }
}

#[cfg(test)]
mod tests {
    use gossip_engine::{Decay, Feedback, theory};

    use super::*;
    use crate::lessons::scenarios::RESIDUE_K;

    #[test]
    fn log_table_grows_with_n_like_the_theory() {
        let s = Study::new(StudyKind::LogN).finish();
        let rows: Vec<RowStats> = (0..SIZES.len())
            .map(|r| s.row(r).expect("complete"))
            .collect();
        for w in rows.windows(2) {
            assert!(w[1].mean > w[0].mean, "rounds grow with N: {rows:?}");
        }
        for (r, &n) in rows.iter().zip(&SIZES) {
            // Pittel: log2 N + ln N + O(1); the O(1) term is small and positive for fanout 1.
            let gap = r.mean - theory::log2_plus_ln(n);
            assert!(
                (-2.0..5.0).contains(&gap),
                "N = {n}: mean {} vs {}",
                r.mean,
                theory::log2_plus_ln(n)
            );
        }
    }

    #[test]
    fn residue_table_feedback_coin_is_near_the_equation() {
        let s = Study::new(StudyKind::Residue).finish();
        let fc = REMOVALS
            .iter()
            .position(|&r| r == (Feedback::Feedback, Decay::Coin))
            .expect("listed");
        let row = s.row(fc).expect("complete");
        let eq = theory::residue(RESIDUE_K);
        // Tolerance from the spread of the sample (three standard errors), plus 1% for the
        // finite cluster.
        let tol = 3.0 * row.sd / (row.samples as f64).sqrt() + 0.01;
        assert!(
            (row.mean - eq).abs() < tol,
            "feedback + coin residue {} vs equation {eq} (± {tol})",
            row.mean
        );
        let blind_coin = s.row(3).expect("complete");
        assert!(
            blind_coin.mean > row.mean,
            "blind loses interest sooner than feedback"
        );
        let feedback_counter = s.row(0).expect("complete");
        assert!(
            feedback_counter.extra > 0.0,
            "traffic is measured: {feedback_counter:?}"
        );
    }

    #[test]
    fn study_fills_row_by_row() {
        let mut s = Study::new(StudyKind::Interval);
        assert_eq!(s.row(0), None);
        for _ in 0..StudyKind::Interval.seeds() {
            assert!(s.step());
        }
        assert!(s.row(0).is_some() && s.row(1).is_none());
        assert_eq!(s.done(), StudyKind::Interval.seeds() as usize);
        let s = s.finish();
        assert!(s.is_done() && !s.clone().step());
        let (small, large) = (s.row(0).expect("done"), s.row(3).expect("done"));
        assert!(large.mean > small.mean, "{small:?} {large:?}");
    }
}
