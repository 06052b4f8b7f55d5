//! One entry of a member list: the state a node believes a member is in, and the member's
//! incarnation as that node last heard it.
//!
//! A node keeps one entry per member ever heard of, so a cluster holds N² of them. An entry is
//! packed in four bytes (29 bits of incarnation, 3 of state) to make N = 10⁴ fit in 400 MB.

/// What a node believes about a member (`hashicorp/memberlist state.go`: StateAlive,
/// StateSuspect, StateDead, StateLeft), plus "never heard of, or reaped".
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
pub enum MemberState {
    /// Not in the list: never heard of, or reaped after death.
    Unknown = 0,
    /// Answering probes, as far as this node knows.
    Alive = 1,
    /// Missed a probe; confirmed dead unless it refutes within the suspicion timeout.
    Suspect = 2,
    /// Confirmed failed (by a suspicion timeout somewhere in the cluster).
    Dead = 3,
    /// Announced its own departure (graceful leave).
    Left = 4,
}

impl MemberState {
    fn from_bits(b: u32) -> Self {
        match b {
            1 => MemberState::Alive,
            2 => MemberState::Suspect,
            3 => MemberState::Dead,
            4 => MemberState::Left,
            _ => MemberState::Unknown,
        }
    }

    /// Dead or left: not probed, not a push/pull partner, reaped after a while.
    pub fn is_gone(self) -> bool {
        matches!(self, MemberState::Dead | MemberState::Left)
    }
}

/// Largest incarnation an entry holds. Only a member raises its own incarnation, by one per
/// refutation, so a run never gets near it.
pub const MAX_INCARNATION: u32 = (1 << 29) - 1;

/// A packed (state, incarnation) pair.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Member(u32);

impl Member {
    /// Not in the list.
    pub const UNKNOWN: Member = Member(0);

    /// An entry in `state` at `incarnation` (saturating at [`MAX_INCARNATION`]).
    pub fn new(state: MemberState, incarnation: u32) -> Self {
        Member(incarnation.min(MAX_INCARNATION) << 3 | state as u32)
    }

    /// The state.
    pub fn state(self) -> MemberState {
        MemberState::from_bits(self.0 & 7)
    }

    /// The incarnation.
    pub fn incarnation(self) -> u32 {
        self.0 >> 3
    }

    /// Whether the member is in the list at all.
    pub fn is_known(self) -> bool {
        self.state() != MemberState::Unknown
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_pack_and_unpack() {
        for s in [
            MemberState::Unknown,
            MemberState::Alive,
            MemberState::Suspect,
            MemberState::Dead,
            MemberState::Left,
        ] {
            for inc in [0, 1, 77, MAX_INCARNATION] {
                let m = Member::new(s, inc);
                assert_eq!((m.state(), m.incarnation()), (s, inc));
            }
        }
        assert_eq!(
            Member::new(MemberState::Alive, u32::MAX).incarnation(),
            MAX_INCARNATION
        );
        assert!(!Member::UNKNOWN.is_known());
        assert_eq!(
            std::mem::size_of::<Member>(),
            4,
            "N² of them must stay small"
        );
    }
}
