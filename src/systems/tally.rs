//! How many acting members hold each member alive, suspect, dead or left: what the graph
//! draws for a member and what the chart plots over time.
//!
//! The engine's `views_of` answers this by reading every member list, O(N²) per question;
//! asked for every member every tick at N = 2,000 that is 4 million reads per tick, more
//! than the page's 50 ms per probe period allows. The tally keeps its own copy of who holds
//! what, one byte per (observer, member), and follows the engine's `View` events, so a tick
//! costs O(N + changes).

use std::collections::BTreeMap;

use gossip_engine::swim::{MemberState, SwimEvent, SwimSimulation};

/// Counts over acting observers (not crashed, left or paused), indexed by
/// [`MemberState`] as a number: unknown, alive, suspect, dead, left. N ≤ 2,000 fits u16.
pub type Counts = [u16; 5];

/// One member's counts before and after a tick that changed them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Change {
    /// The member.
    pub member: u32,
    /// Its counts before the tick.
    pub before: Counts,
    /// Its counts after.
    pub after: Counts,
}

/// The counts of every member at the simulation's current tick.
#[derive(Clone, Debug)]
pub struct Tally {
    /// Members.
    n: usize,
    /// `held[observer * n + member]`: the state `observer` holds `member` in.
    held: Vec<u8>,
    /// Whether an observer is counted (acts at the current tick).
    counted: Vec<bool>,
    /// Counts per member.
    counts: Vec<Counts>,
}

impl Tally {
    /// Reads every member list of `sim` (O(N²): at the start and after a join).
    pub fn of(sim: &SwimSimulation) -> Self {
        let n = sim.nodes() as usize;
        let mut held = vec![0u8; n * n];
        let mut counted = vec![false; n];
        let mut counts = vec![[0u16; 5]; n];
        for o in 0..n {
            let node = sim.node(o as u32).expect("o < nodes");
            counted[o] = sim.condition(o as u32).is_some_and(|c| c.acts(sim.tick()));
            for m in 0..n {
                let s = node.entry(m as u32).state() as u8;
                held[o * n + m] = s;
                if counted[o] && o != m {
                    counts[m][s as usize] += 1;
                }
            }
        }
        Tally {
            n,
            held,
            counted,
            counts,
        }
    }

    /// Members counted.
    pub fn len(&self) -> usize {
        self.n
    }

    /// Whether there are no members.
    pub fn is_empty(&self) -> bool {
        self.n == 0
    }

    /// The counts of every member.
    pub fn counts(&self) -> &[Counts] {
        &self.counts
    }

    /// Follows one tick of `sim` (already stepped) that produced `events`, and returns the
    /// members whose counts changed.
    pub fn follow(&mut self, sim: &SwimSimulation, events: &[SwimEvent]) -> Vec<Change> {
        let mut before: BTreeMap<u32, Counts> = BTreeMap::new();
        if sim.nodes() as usize != self.n {
            // A join: the lists grew. Rebuild, and report every member whose counts moved.
            let old = std::mem::replace(self, Tally::of(sim));
            return (0..self.n)
                .filter_map(|m| {
                    let b = old.counts.get(m).copied().unwrap_or([0; 5]);
                    let a = self.counts[m];
                    (a != b).then_some(Change {
                        member: m as u32,
                        before: b,
                        after: a,
                    })
                })
                .collect();
        }
        let n = self.n;
        for e in events {
            if let SwimEvent::View {
                observer,
                member,
                state,
                ..
            } = *e
            {
                let (o, m) = (observer as usize, member as usize);
                let i = o * n + m;
                let old = self.held[i];
                let new = state as u8;
                self.held[i] = new;
                if self.counted[o] && o != m && old != new {
                    before.entry(member).or_insert(self.counts[m]);
                    self.counts[m][old as usize] -= 1;
                    self.counts[m][new as usize] += 1;
                }
            }
        }
        for o in 0..n {
            let acts = sim.condition(o as u32).is_some_and(|c| c.acts(sim.tick()));
            if acts == self.counted[o] {
                continue;
            }
            self.counted[o] = acts;
            for m in (0..n).filter(|&m| m != o) {
                before.entry(m as u32).or_insert(self.counts[m]);
                let s = self.held[o * n + m] as usize;
                if acts {
                    self.counts[m][s] += 1;
                } else {
                    self.counts[m][s] -= 1;
                }
            }
        }
        before
            .into_iter()
            .filter_map(|(member, b)| {
                let a = self.counts[member as usize];
                (a != b).then_some(Change {
                    member,
                    before: b,
                    after: a,
                })
            })
            .collect()
    }
}

/// The state a member is drawn in: dead once any acting member holds it dead, else suspect
/// once any suspects it (a single accusation is the thing to see), left once any holds it
/// left, else alive. The ring around it shows the shares.
pub fn shown_state(c: &Counts) -> MemberState {
    if c[MemberState::Dead as usize] > 0 {
        MemberState::Dead
    } else if c[MemberState::Suspect as usize] > 0 {
        MemberState::Suspect
    } else if c[MemberState::Left as usize] > 0 {
        MemberState::Left
    } else if c[MemberState::Alive as usize] > 0 {
        MemberState::Alive
    } else {
        MemberState::Unknown
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use gossip_engine::swim::{Preset, SwimCommand, SwimConfig};

    /// The tally followed tick by tick equals the engine's own O(N²) count at every tick,
    /// through a kill, a pause (an observer leaves and rejoins the count) and a join.
    #[test]
    fn following_events_matches_the_engines_count() {
        let mut sim = SwimSimulation::new(SwimConfig::preset(Preset::ConsulLan, 12), 5).unwrap();
        let mut tally = Tally::of(&sim);
        for t in 0..400u32 {
            match t {
                10 => sim.apply(&SwimCommand::Kill { node: 3 }).unwrap(),
                40 => sim
                    .apply(&SwimCommand::Pause { node: 5, ms: 3000 })
                    .unwrap(),
                150 => sim.apply(&SwimCommand::Join { via: 0 }).unwrap(),
                _ => {}
            }
            let tick = sim.step();
            let changes = tally.follow(&sim, &tick.events);
            for c in &changes {
                assert_ne!(c.before, c.after);
            }
            for m in 0..sim.nodes() {
                let v = sim.views_of(m);
                let want: Counts = v.map(|x| x as u16);
                assert_eq!(tally.counts()[m as usize], want, "member {m} at tick {t}");
            }
        }
        assert_eq!(tally.len(), 13);
        assert_eq!(shown_state(&tally.counts()[3]), MemberState::Dead);
    }
}
