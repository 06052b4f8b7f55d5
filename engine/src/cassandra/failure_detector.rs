//! Phi accrual as Cassandra implements it (`gms/FailureDetector.java`, `ArrivalWindow`,
//! `ArrayBackedBoundedStats`).
//!
//! Hayashibara et al.'s φ is −log10 of the probability that the next heartbeat arrives later
//! than now. Cassandra (CASSANDRA-2597) models inter-arrival times as exponential with the
//! window's mean μ, so P(later than t) = e^(−t/μ) and φ = (t/μ)·log10 e = `PHI_FACTOR`·t/μ.
//! An "arrival" is the moment the observer learns a newer heartbeat of the endpoint, from
//! anyone (`Gossiper.notifyFailureDetector`), not a message from the endpoint itself.

/// `PHI_FACTOR` = 1 / ln 10 = log10 e (`gms/FailureDetector.java`: kept so that threshold 8
/// means what it meant before the exponential shortcut).
pub const PHI_FACTOR: f64 = std::f64::consts::LOG10_E;

/// The last inter-arrival times of one endpoint at one observer.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct ArrivalWindow {
    /// Time of the last arrival, in ms.
    pub t_last_ms: u64,
    /// Recorded intervals in ms, a ring of at most `size` (`ArrayBackedBoundedStats`).
    intervals: Vec<u32>,
    /// Next slot to overwrite once the ring is full.
    next: usize,
    /// Sum of `intervals`.
    sum: u64,
    /// Capacity: `SAMPLE_SIZE`.
    size: usize,
}

impl ArrivalWindow {
    /// A window created by the first report at `now_ms`: it records no interval from that
    /// report but starts with `initial_ms` ("err high (false negatives) rather than low
    /// (flapping)", `ArrivalWindow.add`).
    pub fn new(now_ms: u64, initial_ms: u32, size: u32) -> Self {
        let mut w = ArrivalWindow {
            t_last_ms: now_ms,
            intervals: Vec::new(),
            next: 0,
            sum: 0,
            size: size.max(1) as usize,
        };
        w.record(initial_ms);
        w
    }

    fn record(&mut self, ms: u32) {
        if self.intervals.len() < self.size {
            self.intervals.push(ms);
        } else {
            self.sum -= u64::from(self.intervals[self.next]);
            self.intervals[self.next] = ms;
            self.next = (self.next + 1) % self.size;
        }
        self.sum += u64::from(ms);
    }

    /// A later arrival at `now_ms`: Δ = now − t_last is recorded only if Δ ≤ `max_ms`
    /// (`MAX_INTERVAL`), so partitions and pauses do not stretch the mean; t_last moves
    /// either way.
    pub fn add(&mut self, now_ms: u64, max_ms: u32) {
        let d = now_ms.saturating_sub(self.t_last_ms);
        if d <= u64::from(max_ms) {
            self.record(d as u32);
        }
        self.t_last_ms = now_ms;
    }

    /// The mean interval μ in ms.
    pub fn mean_ms(&self) -> f64 {
        self.sum as f64 / self.intervals.len().max(1) as f64
    }

    /// Intervals held.
    pub fn len(&self) -> usize {
        self.intervals.len()
    }

    /// Never: a window starts with one interval.
    pub fn is_empty(&self) -> bool {
        self.intervals.is_empty()
    }

    /// φ at `now_ms` as nodetool shows it: `PHI_FACTOR` · (now − t_last) / μ
    /// (`ArrivalWindow.phi` times `PHI_FACTOR` in `interpret`).
    pub fn phi(&self, now_ms: u64) -> f64 {
        let mean = self.mean_ms();
        if mean <= 0.0 {
            // Every interval was 0 ms (arrivals in the same tick): no spread to judge by.
            return 0.0;
        }
        PHI_FACTOR * now_ms.saturating_sub(self.t_last_ms) as f64 / mean
    }
}

/// One observer's failure detector: a window per endpoint, and the local-pause guard.
#[derive(Clone, Debug, Default, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct FailureDetector {
    /// Windows by endpoint id.
    pub windows: Vec<Option<ArrivalWindow>>,
    /// Time of the last `interpret` pass, in ms.
    pub last_interpret_ms: Option<u64>,
    /// Time a local pause was last detected, in ms.
    pub last_pause_ms: Option<u64>,
}

impl FailureDetector {
    /// `report(ep)`: an arrival of `ep` at `now_ms`.
    pub fn report(&mut self, ep: u32, now_ms: u64, initial_ms: u32, max_ms: u32, size: u32) {
        let i = ep as usize;
        if self.windows.len() <= i {
            self.windows.resize(i + 1, None);
        }
        match &mut self.windows[i] {
            Some(w) => w.add(now_ms, max_ms),
            slot => *slot = Some(ArrivalWindow::new(now_ms, initial_ms, size)),
        }
    }

    /// `remove(ep)`: forget the window (a restarted endpoint relearns its intervals).
    pub fn remove(&mut self, ep: u32) {
        if let Some(w) = self.windows.get_mut(ep as usize) {
            *w = None;
        }
    }

    /// φ of `ep` at `now_ms`, if it has a window.
    pub fn phi(&self, ep: u32, now_ms: u64) -> Option<f64> {
        self.windows
            .get(ep as usize)?
            .as_ref()
            .map(|w| w.phi(now_ms))
    }

    /// The local-pause guard of `interpret`, run once per status check: false (convict
    /// nobody) if the previous check was more than `max_pause_ms` ago, and for
    /// `max_pause_ms` after such a pause (`FailureDetector.interpret`).
    pub fn may_convict(&mut self, now_ms: u64, max_pause_ms: u32) -> bool {
        let max = u64::from(max_pause_ms);
        if let Some(last) = self.last_interpret_ms.replace(now_ms) {
            if now_ms.saturating_sub(last) > max {
                self.last_pause_ms = Some(now_ms);
            }
        }
        match self.last_pause_ms {
            Some(p) => now_ms.saturating_sub(p) >= max,
            None => true,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phi_matches_hand_computed_values() {
        // First report at t = 1000 ms seeds the window with 2000 ms: μ = 2000.
        let mut w = ArrivalWindow::new(1000, 2000, 1000);
        assert_eq!(w.mean_ms(), 2000.0);
        // 2 s later: φ = 0.4343 × 2000 / 2000 = 0.43429.
        assert!((w.phi(3000) - PHI_FACTOR).abs() < 1e-12);
        assert!(
            (PHI_FACTOR * std::f64::consts::LN_10 - 1.0).abs() < 1e-15,
            "1 / ln 10"
        );
        // Arrivals 1000 ms apart: intervals {2000, 1000, 1000, 1000} → μ = 1250 ms.
        for t in [2000, 3000, 4000] {
            w.add(t, 2000);
        }
        assert_eq!(w.mean_ms(), 1250.0);
        // 10 s of silence: φ = 10000 / 1250 × log10 e = 8 × 0.434 294 5 = 3.474 356.
        assert!((w.phi(14_000) - 3.474_356).abs() < 1e-5);
        // Conviction at threshold 8 after t = 8 · ln 10 · μ = 18.420 681 · 1250 ms = 23 025.85 ms.
        assert!(w.phi(4000 + 23_025) < 8.0);
        assert!(w.phi(4000 + 23_026) > 8.0);
    }

    #[test]
    fn long_gaps_are_not_recorded_and_the_ring_is_bounded() {
        let mut w = ArrivalWindow::new(0, 2000, 3);
        w.add(5000, 2000); // 5 s gap: ignored, but t_last moves.
        assert_eq!((w.len(), w.t_last_ms), (1, 5000));
        w.add(6000, 2000);
        w.add(6500, 2000);
        w.add(7000, 2000); // ring of 3: 2000 drops out.
        assert_eq!(w.len(), 3);
        assert!((w.mean_ms() - 2000.0 / 3.0).abs() < 1e-9);
    }

    #[test]
    fn a_late_status_check_convicts_nobody_for_a_while() {
        let mut fd = FailureDetector::default();
        assert!(fd.may_convict(0, 5000));
        assert!(fd.may_convict(1000, 5000));
        assert!(
            !fd.may_convict(8000, 5000),
            "7 s since the last check: a local pause"
        );
        assert!(!fd.may_convict(12_000, 5000));
        assert!(fd.may_convict(13_000, 5000));
        fd.report(4, 0, 2000, 2000, 10);
        assert!(fd.phi(4, 2000).is_some());
        fd.remove(4);
        assert_eq!(fd.phi(4, 2000), None);
        assert_eq!(fd.phi(99, 0), None);
    }
}
