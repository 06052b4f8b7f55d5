//! The comparisons the lesson cards show: theory curves, and small tables measured by running
//! the engine (recording off) for a handful of seeds.
//!
//! The seeded tables are [`Study`]s, computed one run at a time by [`Study::step`], so that the
//! page can paint between runs: the largest run (anti-entropy push at N = 10,000) costs tens
//! of milliseconds, the whole table several times that.

use gossip_engine::{
    Command, Config, Mode, Scenario, Simulation, Timeline, Traffic, outcome, theory,
};

use super::scenarios::{self, MODES, REMOVALS, SIZES};

/// Rounds after which a run that has not converged is given up (none of the lessons' runs
/// comes near it).
const LIMIT: u32 = 2_000;

/// Rounds the sync lesson's byte chart covers (its writes end at round 8; both variants
/// agree a few rounds later).
pub const BYTES_ROUNDS: u32 = 20;

/// Theory of one anti-entropy mode on the complete graph.
#[derive(Clone, Debug, PartialEq)]
pub struct ModeTheory {
    /// The mode.
    pub mode: Mode,
    /// First round at which the expected number of unaware nodes is below one half.
    pub rounds: u32,
    /// Expected informed fraction after rounds 0, 1, … (the same length for every mode).
    pub curve: Vec<f64>,
}

/// Push, pull and push-pull at `n` nodes and fanout `fanout`, from one informed node; the
/// curves run two rounds past the slowest mode's rounds-to-full.
pub fn mode_theory(n: u32, fanout: u32) -> Vec<ModeTheory> {
    let rounds: Vec<u32> = MODES
        .iter()
        .map(|&m| theory::rounds_to_full(m, n, fanout))
        .collect();
    let horizon = rounds.iter().copied().max().unwrap_or(0) + 2;
    MODES
        .iter()
        .zip(rounds)
        .map(|(&mode, rounds)| ModeTheory {
            mode,
            rounds,
            curve: theory::informed_curve(mode, n, fanout, 1, horizon),
        })
        .collect()
}

/// The gossip interval the article proposes for a cluster of `n`: min(10, 1 + ln N) seconds.
/// It grows with the cluster, so each node's message rate falls as the cluster grows.
pub fn adaptive_interval(n: u32) -> f64 {
    (1.0 + f64::from(n).ln()).min(10.0)
}

/// A fresh simulation of `config` and `seed`, recording off, with one value written at node 0.
fn one_message(config: &Config, seed: u64) -> Option<(Simulation, u32)> {
    let mut sim = Simulation::new(config.clone(), seed).ok()?;
    sim.set_recording(false);
    let id = sim
        .apply(&Command::Inject {
            node: 0,
            id: None,
            content: "news".into(),
        })
        .ok()??;
    Some((sim, id))
}

/// Rounds until every alive node holds a value written at node 0 before round 1, or `None`
/// if that takes more than `limit` rounds.
pub fn converge_rounds(config: &Config, seed: u64, limit: u32) -> Option<u32> {
    let (mut sim, id) = one_message(config, seed)?;
    while sim.round() < limit {
        sim.step();
        if let Some(r) = sim.message(id)?.converged_at {
            return Some(r);
        }
    }
    None
}

/// How a rumor ended: residue and traffic once no node is fresh.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RumorEnd {
    /// Fraction of alive nodes never reached.
    pub residue: f64,
    /// Update messages sent per node.
    pub traffic: f64,
    /// Rounds until no node was fresh.
    pub rounds: u32,
}

/// Runs a rumor written at node 0 until no node is fresh (or `limit` rounds).
pub fn rumor_end(config: &Config, seed: u64, limit: u32) -> Option<RumorEnd> {
    let (mut sim, id) = one_message(config, seed)?;
    while sim.message(id)?.extinct_at.is_none() && sim.round() < limit {
        sim.step();
    }
    let o = outcome(&sim, id)?;
    Some(RumorEnd {
        residue: o.residue,
        traffic: o.traffic,
        rounds: o.rounds,
    })
}

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

/// Traffic of rounds 1..=`rounds` of `scenario` (its actions replayed, recording off).
pub fn traffic_per_round(scenario: &Scenario, rounds: u32) -> Vec<Traffic> {
    let s = Scenario {
        round: rounds,
        ..scenario.clone()
    };
    Timeline::from_scenario(&s)
        .map(|t| t.history().iter().map(|h| h.traffic).collect())
        .unwrap_or_default()
}

/// How a value spread under a topology with groups of consecutive nodes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Spread {
    /// Round at whose end every alive node held message 0 (`None`: not within the limit).
    pub rounds: Option<u32>,
    /// Messages (legs of every kind) sent until then.
    pub messages: u64,
    /// Of those, the ones between nodes of different groups.
    pub crossing: u64,
}

/// Replays `scenario` with recording on until message 0 converges (or `limit` rounds), and
/// counts the messages that crossed between groups of `group_size` consecutive nodes.
pub fn spread_across_groups(scenario: &Scenario, group_size: u32, limit: u32) -> Option<Spread> {
    let mut sim = Simulation::new(scenario.config.clone(), scenario.seed).ok()?;
    let group = |n: u32| n / group_size.max(1);
    let mut actions = scenario.actions.iter().peekable();
    let mut crossing = 0;
    loop {
        while let Some(a) = actions.next_if(|a| a.round == sim.round()) {
            sim.apply(&a.command).ok()?;
        }
        let converged = sim.message(0).and_then(|m| m.converged_at);
        if converged.is_some() || sim.round() >= limit {
            return Some(Spread {
                rounds: converged,
                messages: sim.total_traffic().messages,
                crossing,
            });
        }
        let report = sim.step();
        crossing += report
            .contacts
            .iter()
            .filter(|c| group(c.from) != group(c.to))
            .count() as u64;
    }
}

#[cfg(test)]
mod tests {
    use gossip_engine::{Decay, Feedback};

    use super::*;
    use crate::lessons::scenarios::{GROUP_SIZE, RESIDUE_K, SYNC_WRITES};

    #[test]
    fn interval_follows_the_article() {
        assert!((adaptive_interval(10) - (1.0 + 10f64.ln())).abs() < 1e-12);
        assert!((adaptive_interval(1_000) - 7.907_755).abs() < 1e-5);
        assert_eq!(adaptive_interval(10_000), 10.0, "capped at 10 s");
    }

    #[test]
    fn mode_theory_orders_the_modes() {
        let t = mode_theory(100, 1);
        assert_eq!(t.len(), 3);
        let len = t[0].curve.len();
        assert!(t.iter().all(|m| m.curve.len() == len), "same horizon");
        let (push, pull, pp) = (t[0].rounds, t[1].rounds, t[2].rounds);
        assert!(
            pp < push && pp < pull,
            "push-pull is fastest: {push} {pull} {pp}"
        );
        assert!(t.iter().all(|m| m.curve[len - 1] > 0.99), "all saturate");
    }

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

    #[test]
    fn incremental_sync_sends_less_payload_than_full() {
        let rounds = 24;
        let inc = traffic_per_round(&scenarios::sync(0), rounds);
        let full = traffic_per_round(&scenarios::sync(1), rounds);
        assert_eq!((inc.len(), full.len()), (24, 24));
        let total = |t: &[Traffic]| t.iter().map(|x| x.payload_bytes).sum::<u64>();
        assert!(
            total(&inc) * 3 < total(&full),
            "{} vs {}",
            total(&inc),
            total(&full)
        );
        let last_write = SYNC_WRITES.iter().map(|w| w.0).max().unwrap_or(0) as usize;
        assert_eq!(
            inc.last().map(|t| t.payload_bytes),
            Some(0),
            "once everyone agrees, incremental sync sends digests only (writes end at round {last_write})"
        );
        assert!(inc.iter().all(|t| t.digest_bytes > 0));
    }

    #[test]
    fn hierarchy_keeps_traffic_inside_groups() {
        let h = spread_across_groups(&scenarios::hierarchy(0), GROUP_SIZE, LIMIT).expect("runs");
        let f = spread_across_groups(&scenarios::hierarchy(1), GROUP_SIZE, LIMIT).expect("runs");
        let (hr, fr) = (h.rounds.expect("converges"), f.rounds.expect("converges"));
        assert!(hr >= fr, "hierarchical is not faster: {hr} vs {fr}");
        let share = |s: &Spread| s.crossing as f64 / s.messages as f64;
        assert!(share(&f) > 0.8, "flat: most messages cross groups: {f:?}");
        assert!(share(&h) < 0.2, "hierarchical: few cross: {h:?}");
    }
}
