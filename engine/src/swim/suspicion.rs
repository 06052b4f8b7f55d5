//! A suspicion timer with Lifeguard's independent confirmations
//! (`hashicorp/memberlist suspicion.go`).
//!
//! The timer starts at the max timeout; each suspect message from a *new* accuser (the first
//! accuser never counts) shortens it toward the min, until k confirmations give exactly the
//! min. Confirmations arriving after k are ignored. Times are kept in ms from the start so the
//! re-armed deadline is the formula's, not an accumulation of rounded ticks.

use crate::swim::formulas::suspicion_timeout_ms;

/// One running suspicion about one member, held by one node.
#[derive(Clone, Debug, PartialEq)]
pub struct Suspicion {
    /// The suspected member.
    pub member: u32,
    /// The incarnation suspected.
    pub incarnation: u32,
    /// Tick at which the suspicion began.
    pub start: u32,
    /// Confirmations that drive the timeout to min (`SuspicionMult − 2`, or 0).
    pub k: u32,
    /// Accusers heard so far, the first included.
    pub accusers: Vec<u32>,
    /// Min timeout, ms.
    pub min_ms: f64,
    /// Max timeout, ms.
    pub max_ms: f64,
    /// Tick at which it confirms the member dead.
    pub deadline: u32,
}

impl Suspicion {
    /// A suspicion raised at `start` by `from`, firing after `max_ms` (`tick_ms` per tick).
    pub fn new(
        member: u32,
        incarnation: u32,
        from: u32,
        start: u32,
        k: u32,
        (min_ms, max_ms): (f64, f64),
        tick_ms: u32,
    ) -> Self {
        let mut s = Suspicion {
            member,
            incarnation,
            start,
            k,
            accusers: vec![from],
            min_ms,
            max_ms,
            deadline: start,
        };
        s.rearm(tick_ms);
        s
    }

    /// Independent confirmations so far.
    pub fn confirmations(&self) -> u32 {
        self.accusers.len() as u32 - 1
    }

    /// The total timeout now, in ms.
    pub fn timeout_ms(&self) -> f64 {
        suspicion_timeout_ms(self.confirmations(), self.k, self.min_ms, self.max_ms)
    }

    /// Counts `from` as a confirmation; true if it was new and counted (then the caller
    /// re-broadcasts the suspicion so confirmations spread), false once k are in or for an
    /// accuser already heard (`suspicion.go Confirm`).
    pub fn confirm(&mut self, from: u32, tick_ms: u32) -> bool {
        if self.confirmations() >= self.k || self.accusers.contains(&from) {
            return false;
        }
        self.accusers.push(from);
        self.rearm(tick_ms);
        true
    }

    fn rearm(&mut self, tick_ms: u32) {
        let ticks = (self.timeout_ms() / f64::from(tick_ms.max(1))).ceil();
        self.deadline = self
            .start
            .saturating_add(ticks.min(f64::from(u32::MAX / 4)) as u32);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn confirmations_shorten_the_timer_to_min() {
        // LAN at N = 10: min 4 s, max 24 s, k = 2; 100 ms ticks.
        let mut s = Suspicion::new(5, 1, 2, 100, 2, (4000.0, 24_000.0), 100);
        assert_eq!(s.deadline, 340, "starts at max");
        assert!(!s.confirm(2, 100), "the first accuser never counts");
        assert!(s.confirm(3, 100));
        assert_eq!(s.deadline, 100 + 114, "11.381 s after one confirmation");
        assert!(!s.confirm(3, 100), "an accuser counts once");
        assert!(s.confirm(4, 100));
        assert_eq!(s.deadline, 140, "k confirmations give min");
        assert!(!s.confirm(6, 100), "ignored past k");
    }

    /// With no confirmation to wait for, memberlist's `newSuspicion` starts the timer at min.
    #[test]
    fn without_k_the_timer_runs_min_from_the_start() {
        let mut s = Suspicion::new(5, 1, 2, 0, 0, (4000.0, 24_000.0), 100);
        assert_eq!(s.deadline, 40);
        assert!(!s.confirm(3, 100));
        assert_eq!(s.deadline, 40);
    }
}
