//! One frame of the SWIM graph: every member in the state the cluster holds it in (by shape
//! and colour), the share of each view as a ring, what is wrong with its process (crashed,
//! paused, slow), a mark where a probe timed out, and the packets in the air.
//!
//! Built from the recording at the tick shown; the graph component animates it over the tick
//! that led there, so a packet visibly travels for its whole latency (painted by `paint`).

use std::f64::consts::TAU;
use std::rc::Rc;

use gossip_engine::swim::{Flight, MemberState, SwimCommand, SwimEvent};

use super::recording::Recording;
use super::tally::{Counts, shown_state};
use crate::render::canvas::View;
use crate::render::layout;

/// How long a failed probe stays marked on its prober, in ticks.
pub(super) const TIMEOUT_MARK_TICKS: u32 = 6;
/// Packets drawn at most; beyond, a sample (every k-th), so a frame stays cheap at N = 2,000.
const MAX_DRAWN_FLIGHTS: usize = 4_000;

/// Colours of the member states (Okabe–Ito, the same in both themes).
pub const ALIVE: &str = "#009E73";
/// Suspect: orange.
pub const SUSPECT: &str = "#E69F00";
/// Left: sky blue.
pub const LEFT: &str = "#56B4E9";

/// What is wrong with a member's process at the tick shown (from the commands given).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Process {
    /// Killed.
    pub crashed: bool,
    /// Paused (not answering) now.
    pub paused: bool,
    /// Slowed now.
    pub slow: bool,
    /// Told to leave.
    pub leaving: bool,
}

/// The process condition of `node` at `tick`, from the scenario's commands.
pub fn process(
    actions: &[super::scenario::SwimAction],
    node: u32,
    tick: u32,
    tick_ms: u32,
) -> Process {
    let mut p = Process::default();
    let ends = |start: u32, ms: u32| start + ms.div_ceil(tick_ms.max(1));
    for a in actions.iter().take_while(|a| a.tick <= tick) {
        match a.command {
            SwimCommand::Kill { node: n } if n == node => p.crashed = true,
            SwimCommand::Leave { node: n } if n == node => p.leaving = true,
            SwimCommand::Pause { node: n, ms } if n == node => p.paused = tick < ends(a.tick, ms),
            SwimCommand::Slow { node: n, ms, .. } if n == node => p.slow = tick < ends(a.tick, ms),
            _ => {}
        }
    }
    p
}

/// One member as drawn.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Look {
    /// The state drawn (see [`shown_state`]).
    pub state: MemberState,
    /// The counts behind it, for the ring.
    pub counts: Counts,
    /// Its process.
    pub process: Process,
    /// Ticks since its last probe timed out, if recent.
    pub timeout_age: Option<u32>,
}

/// The SWIM graph at one tick.
#[derive(Clone, Debug)]
pub struct SwimScene {
    /// Positions in the unit square.
    pub positions: Rc<Vec<(f32, f32)>>,
    /// Members.
    pub looks: Vec<Look>,
    /// Packets in the air over the tick that led here.
    pub flights: Vec<Flight>,
    /// The tick the animation starts from (the tick shown minus one).
    pub from_tick: u32,
    /// The selected member.
    pub selected: Option<u32>,
}

/// Positions for `n` members: a circle while the members are few enough to read, then a
/// filled disc.
pub fn positions(n: usize) -> Vec<(f32, f32)> {
    if n <= 64 {
        layout::circle(n)
    } else {
        layout::sunflower(n)
    }
}

impl SwimScene {
    /// The scene at the recording's tick shown.
    pub fn at(rec: &Recording, positions: Rc<Vec<(f32, f32)>>, selected: Option<u32>) -> Self {
        let now = rec.now();
        let actions = &rec.scenario().actions;
        let mut looks: Vec<Look> = rec
            .counts()
            .iter()
            .map(|c| Look {
                state: shown_state(c),
                counts: *c,
                process: Process::default(),
                timeout_age: None,
            })
            .collect();
        // Only the members the commands name can be crashed, paused, slow or leaving: read
        // the commands for those, not for every member of every frame.
        for a in actions.iter().take_while(|a| a.tick <= now) {
            let node = match a.command {
                SwimCommand::Kill { node }
                | SwimCommand::Leave { node }
                | SwimCommand::Pause { node, .. }
                | SwimCommand::Slow { node, .. } => node,
                _ => continue,
            };
            if let Some(l) = looks.get_mut(node as usize) {
                l.process = process(actions, node, now, rec.tick_ms());
            }
        }
        let frames = rec.frames();
        for t in now.saturating_sub(TIMEOUT_MARK_TICKS)..now {
            for e in &frames[t as usize].events {
                if let SwimEvent::ProbeFailed { node, .. } = *e
                    && let Some(l) = looks.get_mut(node as usize)
                {
                    l.timeout_age = Some(now - 1 - t);
                }
            }
        }
        let from_tick = now.saturating_sub(1);
        let mut flights: Vec<Flight> = if now == 0 {
            Vec::new()
        } else {
            rec.in_flight(from_tick).copied().collect()
        };
        if flights.len() > MAX_DRAWN_FLIGHTS {
            let k = flights.len().div_ceil(MAX_DRAWN_FLIGHTS);
            flights = flights.into_iter().step_by(k).collect();
        }
        SwimScene {
            positions,
            looks,
            flights,
            from_tick,
            selected,
        }
    }

    /// Member radius in pixels for `view`.
    pub(super) fn radius(&self, view: &View) -> f64 {
        member_radius(self.looks.len(), view)
    }
}

/// The radius in pixels of each of `n` members laid out by [`positions`]: large enough to read
/// on a circle, shrinking with the disc's spacing beyond 64.
pub fn member_radius(n: usize, view: &View) -> f64 {
    let n = n.max(1) as f64;
    let r = if n <= 64.0 {
        (0.46 * TAU / n / 2.0 * 0.55).min(0.045)
    } else {
        0.47 / n.sqrt() * 0.75
    };
    view.len(r as f32).max(2.5)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::systems::scenario::SwimScenario;
    use gossip_engine::swim::Preset;

    #[test]
    fn a_pause_lasts_its_ticks_and_a_kill_forever() {
        let mut s = SwimScenario::preset(Preset::ConsulLan, 5, 1);
        s.push(10, SwimCommand::Pause { node: 1, ms: 1000 });
        s.push(12, SwimCommand::Kill { node: 2 });
        assert!(!process(&s.actions, 1, 9, 100).paused);
        assert!(process(&s.actions, 1, 10, 100).paused);
        assert!(process(&s.actions, 1, 19, 100).paused);
        assert!(!process(&s.actions, 1, 20, 100).paused);
        assert!(process(&s.actions, 2, 500, 100).crashed);
        assert!(!process(&s.actions, 2, 11, 100).crashed);
    }

    #[test]
    fn a_killed_member_is_drawn_suspect_then_dead() {
        let mut s = SwimScenario::preset(Preset::ConsulLan, 8, 2);
        s.push(2, SwimCommand::Kill { node: 4 });
        let mut rec = Recording::new(s).unwrap();
        let pos = Rc::new(positions(8));
        let mut seen = Vec::new();
        for t in 0..200 {
            rec.seek(t);
            let st = SwimScene::at(&rec, pos.clone(), None).looks[4].state;
            if seen.last() != Some(&st) {
                seen.push(st);
            }
        }
        assert_eq!(
            seen,
            [MemberState::Alive, MemberState::Suspect, MemberState::Dead]
        );
    }
}
