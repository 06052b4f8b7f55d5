//! A SWIM run the page can move through in both directions.
//!
//! The engine only steps forward. The page records what each tick did (its flights, its
//! events, and whose counts changed from what to what), so going back a tick undoes the
//! recorded count changes instead of re-running anything: stepping is O(changes) either way.
//! Only the inspector needs a member's whole state at an earlier tick; that is re-run from
//! the nearest snapshot. Snapshots cost N² member entries each, so their number is held to
//! a memory budget by thinning (every other one dropped, spacing doubled) as the run grows.

use std::borrow::Cow;

use gossip_engine::swim::{Flight, SwimCommand, SwimEvent, SwimSimulation};

use super::scenario::{SwimAction, SwimScenario};
use super::tally::{Change, Counts, Tally};

/// Member entries all snapshots together may hold (about 4 bytes each, plus queues).
const SNAPSHOT_ENTRIES: u64 = 12_000_000;

/// The longest run the page records: ten minutes of 100 ms ticks.
pub const MAX_TICKS: u32 = 6_000;

/// What one tick did.
#[derive(Clone, Debug, Default)]
pub struct Frame {
    /// Packets sent in it.
    pub flights: Vec<Flight>,
    /// View changes, confirms, refutations, lessons learnt, failed probes.
    pub events: Vec<SwimEvent>,
    /// Members whose counts it changed.
    pub changes: Vec<Change>,
    /// Members after it (joins add some).
    pub members: u32,
}

/// A command the engine refused when its tick came (a kill of a member already gone, say).
#[derive(Clone, Debug, PartialEq)]
pub struct Refused {
    /// The command.
    pub action: SwimAction,
    /// Why.
    pub error: gossip_engine::Error,
}

/// A recorded run and a cursor in it.
#[derive(Clone, Debug)]
pub struct Recording {
    scenario: SwimScenario,
    /// The simulation at the last recorded tick (`frames.len()` ticks run).
    frontier: SwimSimulation,
    /// Counts at the frontier.
    frontier_tally: Tally,
    /// Commands not yet applied at the frontier.
    next_action: usize,
    frames: Vec<Frame>,
    /// `(tick, simulation before that tick's commands)`; tick 0 always.
    snapshots: Vec<(u32, SwimSimulation)>,
    /// Spacing of snapshots, in ticks.
    every: u32,
    /// Longest flight recorded, in ticks (how far back a tick's in-flight packets were sent).
    longest_flight: u32,
    refused: Vec<Refused>,
    /// The tick shown.
    now: u32,
    /// Counts at `now`.
    shown: Vec<Counts>,
}

impl Recording {
    /// Starts `scenario` at tick 0 and moves to its `at`.
    pub fn new(scenario: SwimScenario) -> Result<Self, gossip_engine::Error> {
        let sim = SwimSimulation::new(scenario.config.clone(), scenario.seed)?;
        let tally = Tally::of(&sim);
        let shown = tally.counts().to_vec();
        // Snapshots every 50 ticks, spaced further as N grows: a snapshot copies N² entries
        // (at N = 2,000 a 60 ms pause in the page), and only the inspector of a past tick
        // and a command given in the past re-run from one.
        let n = u64::from(sim.nodes());
        let every = (n * n / 10_000).clamp(50, 1_000) as u32;
        let at = scenario.at.min(MAX_TICKS);
        let mut r = Recording {
            snapshots: vec![(0, sim.clone())],
            frontier: sim,
            frontier_tally: tally,
            next_action: 0,
            frames: Vec::new(),
            every,
            longest_flight: 1,
            refused: Vec::new(),
            now: 0,
            shown,
            scenario,
        };
        r.seek(at);
        Ok(r)
    }

    /// The scenario, with every command given so far.
    pub fn scenario(&self) -> &SwimScenario {
        &self.scenario
    }

    /// The tick shown.
    pub fn now(&self) -> u32 {
        self.now
    }

    /// Ticks recorded.
    pub fn recorded(&self) -> u32 {
        self.frames.len() as u32
    }

    /// Milliseconds per tick.
    pub fn tick_ms(&self) -> u32 {
        self.scenario.config.tick_ms
    }

    /// Seconds at `tick`.
    pub fn seconds(&self, tick: u32) -> f64 {
        f64::from(tick) * f64::from(self.tick_ms()) / 1000.0
    }

    /// Ticks per protocol period (the probe interval, before Lifeguard stretches it).
    pub fn period(&self) -> u32 {
        self.frontier.timing().probe.max(1)
    }

    /// Members at the tick shown.
    pub fn members(&self) -> u32 {
        self.shown.len() as u32
    }

    /// Counts of every member at the tick shown.
    pub fn counts(&self) -> &[Counts] {
        &self.shown
    }

    /// The recorded ticks.
    pub fn frames(&self) -> &[Frame] {
        &self.frames
    }

    /// Commands the engine refused.
    pub fn refused(&self) -> &[Refused] {
        &self.refused
    }

    /// Shows `tick`, running the simulation on to it when it was not recorded yet.
    pub fn seek(&mut self, tick: u32) {
        let tick = tick.min(MAX_TICKS);
        while self.recorded() < tick {
            self.extend();
        }
        while self.now < tick {
            for c in &self.frames[self.now as usize].changes {
                set(&mut self.shown, c.member, c.after);
            }
            self.now += 1;
        }
        while self.now > tick {
            self.now -= 1;
            let f = &self.frames[self.now as usize];
            for c in &f.changes {
                set(&mut self.shown, c.member, c.before);
            }
            let before = if self.now == 0 {
                self.snapshots[0].1.nodes()
            } else {
                self.frames[self.now as usize - 1].members
            };
            self.shown.truncate(before as usize);
        }
    }

    /// Runs one more tick at the frontier and records it.
    fn extend(&mut self) {
        let t = self.frontier.tick();
        if t % self.every == 0 && self.snapshots.last().is_some_and(|s| s.0 < t) {
            self.snapshots.push((t, self.frontier.clone()));
            self.thin();
        }
        while let Some(a) = self.scenario.actions.get(self.next_action) {
            if a.tick > t {
                break;
            }
            if let Err(error) = self.frontier.apply(&a.command) {
                self.refused.push(Refused {
                    action: a.clone(),
                    error,
                });
            }
            self.next_action += 1;
        }
        let tick = self.frontier.step();
        let changes = self.frontier_tally.follow(&self.frontier, &tick.events);
        for f in &tick.flights {
            if let Some(l) = f.lands {
                self.longest_flight = self.longest_flight.max(l - f.sent);
            }
        }
        self.frames.push(Frame {
            flights: tick.flights,
            events: tick.events,
            changes,
            members: self.frontier.nodes(),
        });
    }

    /// Keeps the snapshots within [`SNAPSHOT_ENTRIES`].
    fn thin(&mut self) {
        let n = u64::from(self.frontier.nodes()).max(1);
        let allowed = (SNAPSHOT_ENTRIES / (n * n)).max(2) as usize;
        while self.snapshots.len() > allowed {
            self.every *= 2;
            let every = self.every;
            self.snapshots.retain(|s| s.0 % every == 0);
        }
    }

    /// The whole simulation at the tick shown (for the inspector): the frontier itself, or
    /// a re-run from the nearest snapshot.
    pub fn simulation(&self) -> Cow<'_, SwimSimulation> {
        if self.now == self.frontier.tick() {
            return Cow::Borrowed(&self.frontier);
        }
        Cow::Owned(self.rerun(self.now))
    }

    fn rerun(&self, tick: u32) -> SwimSimulation {
        let (from, snap) = self
            .snapshots
            .iter()
            .rev()
            .find(|s| s.0 <= tick)
            .expect("tick 0 is always kept");
        let mut sim = snap.clone();
        let mut i = self.scenario.actions.partition_point(|a| a.tick < *from);
        for t in *from..tick {
            while let Some(a) = self.scenario.actions.get(i).filter(|a| a.tick <= t) {
                let _ = sim.apply(&a.command);
                i += 1;
            }
            sim.step();
        }
        sim
    }

    /// Gives `command` at the tick shown. The engine checks it first; a refused command
    /// changes nothing. Ticks recorded after this one are dropped and run again (the
    /// commands already scheduled later stay).
    pub fn command(&mut self, command: SwimCommand) -> Result<(), gossip_engine::Error> {
        let now = self.now;
        let mut sim = self.rerun(now);
        let mut i = self.scenario.actions.partition_point(|a| a.tick < now);
        while let Some(a) = self.scenario.actions.get(i).filter(|a| a.tick == now) {
            let _ = sim.apply(&a.command);
            i += 1;
        }
        sim.apply(&command)?;
        self.scenario.push(now, command);
        self.truncate(now);
        Ok(())
    }

    /// Drops the ticks from `tick` on; the frontier becomes the simulation at `tick`.
    fn truncate(&mut self, tick: u32) {
        self.frontier = self.rerun(tick);
        self.frontier_tally = Tally::of(&self.frontier);
        self.next_action = self.scenario.actions.partition_point(|a| a.tick < tick);
        self.frames.truncate(tick as usize);
        self.snapshots.retain(|s| s.0 <= tick);
        self.refused.retain(|r| r.action.tick < tick);
        self.shown = self.frontier_tally.counts().to_vec();
        self.now = tick;
    }

    /// Packets in the air at `tick`: sent at or before it and landing after it, plus the
    /// ones lost at `tick` itself (drawn falling short).
    pub fn in_flight(&self, tick: u32) -> impl Iterator<Item = &Flight> {
        let from = tick.saturating_sub(self.longest_flight);
        let to = (tick as usize + 1).min(self.frames.len());
        self.frames[(from as usize).min(to)..to]
            .iter()
            .flat_map(|f| f.flights.iter())
            .filter(move |f| match f.lands {
                Some(l) => f.sent <= tick && l > tick,
                None => f.sent == tick,
            })
    }

    /// One member's counts at every recorded tick, 0 = before the first tick.
    pub fn history(&self, member: u32) -> Vec<Counts> {
        let mut out = Vec::with_capacity(self.frames.len() + 1);
        self.extend_history(member, &mut out);
        out
    }

    /// Brings `history` (a [`Self::history`] of `member` taken earlier, or empty) up to the
    /// last recorded tick, reading only the ticks recorded since: the chart asks on every
    /// step while playing, and rescanning the whole run each time grows with its length.
    /// A history longer than the recording (the future was rewritten) is read again.
    pub fn extend_history(&self, member: u32, history: &mut Vec<Counts>) {
        if history.len() > self.frames.len() + 1 {
            history.clear();
        }
        if history.is_empty() {
            let first = self
                .snapshots
                .first()
                .and_then(|s| s.1.node(member).map(|_| s.1.views_of(member)))
                .map_or([0; 5], |v| v.map(|x| x as u16));
            history.push(first);
        }
        let mut now = *history.last().expect("not empty");
        for f in &self.frames[history.len() - 1..] {
            if let Some(c) = f.changes.iter().find(|c| c.member == member) {
                now = c.after;
            }
            history.push(now);
        }
    }
}

fn set(shown: &mut Vec<Counts>, member: u32, c: Counts) {
    let i = member as usize;
    if i >= shown.len() {
        shown.resize(i + 1, [0; 5]);
    }
    shown[i] = c;
}

#[cfg(test)]
mod tests {
    use super::*;
    use gossip_engine::swim::Preset;

    fn killed(n: u32) -> SwimScenario {
        let mut s = SwimScenario::preset(Preset::ConsulLan, n, 3);
        s.push(5, SwimCommand::Kill { node: 2 });
        s
    }

    /// Going back and forth shows exactly the counts a fresh run shows at that tick.
    #[test]
    fn seeking_back_shows_what_a_fresh_run_shows() {
        let mut r = Recording::new(killed(10)).unwrap();
        r.seek(200);
        let at_120 = {
            let mut fresh = Recording::new(killed(10)).unwrap();
            fresh.seek(120);
            fresh.counts().to_vec()
        };
        r.seek(120);
        assert_eq!(r.counts(), &at_120[..]);
        let sim = r.simulation();
        assert_eq!(sim.tick(), 120);
        for m in 0..10 {
            assert_eq!(r.counts()[m as usize], sim.views_of(m).map(|x| x as u16));
        }
        r.seek(0);
        assert!(
            r.counts()
                .iter()
                .enumerate()
                .all(|(m, c)| c[1] == 9 || m >= 10)
        );
    }

    /// A command given at an earlier tick drops the recorded future and runs it again,
    /// keeping the commands scheduled later.
    #[test]
    fn a_command_in_the_past_rewrites_the_future() {
        let mut r = Recording::new(killed(10)).unwrap();
        r.seek(150);
        r.seek(3);
        r.command(SwimCommand::Pause { node: 7, ms: 2000 }).unwrap();
        assert_eq!(r.recorded(), 3);
        assert_eq!(r.scenario().actions.len(), 2);
        r.seek(150);
        let mut s = killed(10);
        s.push(3, SwimCommand::Pause { node: 7, ms: 2000 });
        let mut fresh = Recording::new(s).unwrap();
        fresh.seek(150);
        assert_eq!(r.counts(), fresh.counts());
    }

    /// A command the engine refuses (the member is already dead) changes nothing.
    #[test]
    fn a_refused_command_changes_nothing() {
        let mut r = Recording::new(killed(10)).unwrap();
        r.seek(20);
        assert!(r.command(SwimCommand::Kill { node: 2 }).is_err());
        assert_eq!(r.recorded(), 20);
        assert_eq!(r.scenario().actions.len(), 1);
    }

    /// The history of a member is its counts at every tick.
    #[test]
    fn history_follows_the_counts() {
        let mut r = Recording::new(killed(10)).unwrap();
        r.seek(150);
        let h = r.history(2);
        assert_eq!(h.len(), 151);
        r.seek(77);
        assert_eq!(h[77], r.counts()[2]);
        // Extending a history taken earlier gives the same as reading it whole.
        let mut part = h[..=100].to_vec();
        r.seek(220);
        r.extend_history(2, &mut part);
        assert_eq!(part, r.history(2));
    }
}
