//! Per-round means over trials (`--per-round`).

use gossip_engine::bands::{RoundBands, TrialBands};
use gossip_engine::trial::TrialRow as Row;
use serde::Serialize;

/// Per-round means over trials. A trial that stopped keeps its final state (counts, informed
/// fraction) in later rounds and sends nothing.
#[derive(Clone, Debug, Default, Serialize)]
pub struct RoundMean {
    pub round: u32,
    /// Trials that actually ran this round.
    pub running: u32,
    /// Fraction of alive nodes that hold the message (membership: that consider the killed
    /// node failed).
    pub informed: f64,
    pub unaware: f64,
    pub fresh: f64,
    pub stale: f64,
    pub dead: f64,
    /// Legs sent in the round, every kind.
    pub messages: f64,
    /// Update legs (push and pull values).
    pub updates: f64,
    pub digest_bytes: f64,
    pub payload_bytes: f64,
    pub bytes: f64,
    pub lost: f64,
    /// Median and 5–95% band over the trials of each state series (`informed`, `unaware`,
    /// `fresh`, `stale`, `dead`), a stopped trial keeping its final state: what the page's
    /// chart draws as bands (the engine's [`TrialBands`], which the page's worker runs too).
    pub bands: RoundBands,
}

impl RoundMean {
    fn add_state(&mut self, r: &RoundMean) {
        self.informed += r.informed;
        self.unaware += r.unaware;
        self.fresh += r.fresh;
        self.stale += r.stale;
        self.dead += r.dead;
    }

    fn add_row(&mut self, r: &Row) {
        self.running += 1;
        self.add_state(&RoundMean::state_of(r));
        let t = r.traffic;
        self.messages += t.messages as f64;
        self.updates += t.updates as f64;
        self.digest_bytes += t.digest_bytes as f64;
        self.payload_bytes += t.payload_bytes as f64;
        self.lost += t.lost as f64;
    }

    fn state_of(r: &Row) -> RoundMean {
        RoundMean {
            informed: r.informed,
            unaware: f64::from(r.unaware),
            fresh: f64::from(r.fresh),
            stale: f64::from(r.stale),
            dead: f64::from(r.dead),
            ..RoundMean::default()
        }
    }
}

/// Accumulates per-round rows trial by trial. Sums are taken in trial order, which keeps the
/// floating-point result independent of the thread count; the states are kept (five numbers
/// per trial and round) for the bands.
#[derive(Debug, Default)]
pub struct PerRound {
    sums: Vec<RoundMean>,
    /// `ended[i]`: summed final states of the trials whose last row was round i - 1.
    ended: Vec<RoundMean>,
    /// Every trial's states, for the bands.
    bands: TrialBands,
}

impl PerRound {
    /// Adds one trial's rows (rounds 0, 1, ...).
    pub fn add(&mut self, rows: &[Row]) {
        if self.sums.len() < rows.len() {
            self.sums.resize(rows.len(), RoundMean::default());
        }
        for (s, r) in self.sums.iter_mut().zip(rows) {
            s.add_row(r);
        }
        if let Some(last) = rows.last() {
            if self.ended.len() <= rows.len() {
                self.ended.resize(rows.len() + 1, RoundMean::default());
            }
            self.ended[rows.len()].add_state(&RoundMean::state_of(last));
        }
        self.bands.add(rows);
    }

    /// The means and bands over `trials` trials.
    pub fn finish(mut self, trials: u32) -> Vec<RoundMean> {
        let t = f64::from(trials.max(1));
        let mut carry = RoundMean::default();
        let mut out = std::mem::take(&mut self.sums);
        for (i, m) in out.iter_mut().enumerate() {
            m.bands = self.bands.at(i);
            if let Some(e) = self.ended.get(i) {
                carry.add_state(e);
            }
            m.add_state(&carry);
            m.round = i as u32;
            for v in [
                &mut m.informed,
                &mut m.unaware,
                &mut m.fresh,
                &mut m.stale,
                &mut m.dead,
                &mut m.messages,
                &mut m.updates,
                &mut m.digest_bytes,
                &mut m.payload_bytes,
                &mut m.lost,
            ] {
                *v /= t;
            }
            m.bytes = m.digest_bytes + m.payload_bytes;
        }
        out
    }
}
