//! What a SWIM run measures: for each crashed member, how long until the first suspicion,
//! the first confirm and until every live member holds it dead; for the run, false
//! positives, refutations, the spread time of user events, and traffic.

use std::collections::BTreeMap;

use crate::swim::event::SwimEvent;
use crate::swim::member::MemberState;
use crate::swim::network::Condition;
use crate::swim::node::SwimNode;

/// The detection of one crashed member, in ticks since its crash.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Detection {
    /// Tick of the crash.
    pub crashed_at: u32,
    /// Ticks until some member first suspected it.
    pub first_suspect: Option<u32>,
    /// Ticks until some member's suspicion timer first confirmed it dead.
    pub first_confirm: Option<u32>,
    /// Ticks until every acting member held it dead, left or forgotten.
    pub all_dead: Option<u32>,
}

/// The spread of one user event, in ticks since its injection.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Spread {
    /// Tick of the injection.
    pub injected_at: u32,
    /// Ticks until every acting member held it.
    pub everywhere: Option<u32>,
}

/// The run's counters.
#[derive(Clone, Debug, Default, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct SwimMetrics {
    /// Per crashed member.
    pub detections: BTreeMap<u32, Detection>,
    /// Per user event id.
    pub spreads: BTreeMap<u32, Spread>,
    /// Distinct (member, incarnation) confirmed dead by some timer while the member was
    /// healthy (running and not paused): Lifeguard's false positives.
    pub false_positives: u32,
    /// Refutations.
    pub refutations: u32,
    /// Suspicion timers that fired.
    pub confirms: u32,
    /// Packets sent.
    pub messages: u64,
    /// Bytes sent.
    pub bytes: u64,
    /// Packets lost to loss or partitions.
    pub lost: u64,
    /// (member, incarnation) already counted as a false positive.
    #[cfg_attr(feature = "serde", serde(skip))]
    false_seen: Vec<(u32, u32)>,
}

impl SwimMetrics {
    /// Counts the events of tick `tick`.
    pub fn observe(&mut self, tick: u32, events: &[SwimEvent], conditions: &[Condition]) {
        for e in events {
            match *e {
                SwimEvent::View {
                    member,
                    state: MemberState::Suspect,
                    ..
                } => {
                    if let Some(d) = self.detections.get_mut(&member) {
                        d.first_suspect.get_or_insert(tick - d.crashed_at);
                    }
                }
                SwimEvent::Confirm {
                    member,
                    incarnation,
                    ..
                } => {
                    self.confirms += 1;
                    if let Some(d) = self.detections.get_mut(&member) {
                        d.first_confirm.get_or_insert(tick - d.crashed_at);
                    }
                    let c = conditions[member as usize];
                    if c.acts(tick) && !self.false_seen.contains(&(member, incarnation)) {
                        self.false_seen.push((member, incarnation));
                        self.false_positives += 1;
                    }
                }
                SwimEvent::Refute { .. } => self.refutations += 1,
                _ => {}
            }
        }
    }

    /// Checks the agreements still open: every acting member holds a crashed one dead, or
    /// holds an event.
    pub fn settle(&mut self, tick: u32, nodes: &[SwimNode], conditions: &[Condition]) {
        let acting = || {
            nodes
                .iter()
                .zip(conditions)
                .filter(move |(_, c)| c.acts(tick))
                .map(|(n, _)| n)
        };
        for (&m, d) in self
            .detections
            .iter_mut()
            .filter(|(_, d)| d.all_dead.is_none())
        {
            let agreed = acting().all(|n| {
                matches!(
                    n.entry(m).state(),
                    MemberState::Dead | MemberState::Left | MemberState::Unknown
                )
            });
            if agreed {
                d.all_dead = Some(tick - d.crashed_at);
            }
        }
        for (&id, s) in self
            .spreads
            .iter_mut()
            .filter(|(_, s)| s.everywhere.is_none())
        {
            if acting().all(|n| n.learned.binary_search(&id).is_ok()) {
                s.everywhere = Some(tick - s.injected_at);
            }
        }
    }
}
