//! Lifeguard's local health awareness ("LHA-Probe"): a node that keeps missing acks suspects
//! *itself* of being slow, and stretches its own probe deadline, so a slow node accuses
//! fewer healthy members (`hashicorp/memberlist awareness.go`).

/// A node's health score, in `0..max_multiplier`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Awareness {
    score: u32,
}

impl Awareness {
    /// The score: 0 is healthy.
    pub fn score(self) -> u32 {
        self.score
    }

    /// Adds `delta`, clamped to `[0, max_multiplier − 1]` (`awareness.go ApplyDelta`). With
    /// a multiplier of 1 (awareness off) the score stays 0.
    pub fn apply(&mut self, delta: i32, max_multiplier: u32) {
        let top = max_multiplier.saturating_sub(1) as i64;
        self.score = (i64::from(self.score) + i64::from(delta)).clamp(0, top) as u32;
    }

    /// `ticks · (score + 1)` (`awareness.go ScaleTimeout`).
    pub fn scale(self, ticks: u32) -> u32 {
        ticks.saturating_mul(self.score + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_score_saturates_at_the_multiplier() {
        let mut a = Awareness::default();
        a.apply(-1, 8);
        assert_eq!(a.score(), 0, "never below healthy");
        a.apply(3, 8);
        assert_eq!(a.scale(10), 40);
        a.apply(100, 8);
        assert_eq!(a.score(), 7, "AwarenessMaxMultiplier 8 caps the score at 7");
        assert_eq!(a.scale(10), 80);
        let mut off = Awareness::default();
        off.apply(5, 1);
        assert_eq!(
            off.scale(10),
            10,
            "a multiplier of 1 switches awareness off"
        );
    }
}
