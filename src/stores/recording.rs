//! A run the page can move through in both directions.
//!
//! The engines only step forward. The page keeps, for every tick, what it sent and decided
//! and what every node's peers held of it, so going back is reading a frame, not re-running.
//! Only the inspector (a node's whole state) and a command given in the past need the engine
//! at an earlier tick; they re-run from the nearest snapshot, whose number is held to a
//! memory budget by thinning (every other one dropped, spacing doubled) as the run grows.

use std::cell::RefCell;
use std::rc::Rc;

use super::run::{Run, Verdict, Views, Wire};
use super::scenario::{MAX_TICKS, StoreAction, StoreScenario};

/// Node-pair entries all snapshots together may hold: each engine keeps a view of every
/// node at every node, N² entries of a few dozen bytes, so 3 million is about 100 MB.
const SNAPSHOT_ENTRIES: u64 = 3_000_000;

/// Messages a frame keeps, at most: the Redis bus at N = 1,000 sends about 20,000 in one
/// tick each second, more than the graph draws (`scene::MAX_DRAWN`) and, over ten minutes,
/// more than a tab should hold (650 MB). An even sample of a bigger tick is kept; the
/// byte counters still count every message.
const KEPT_WIRES: usize = 2_000;

/// The cluster after one tick.
#[derive(Clone, Debug, Default)]
pub struct Frame {
    /// Messages sent in the tick that led here (an even sample of at most [`KEPT_WIRES`]).
    pub wires: Vec<Wire>,
    /// Verdicts reached in it.
    pub verdicts: Vec<Verdict>,
    /// What the others hold of each node.
    pub views: Vec<Views>,
    /// The chart's value per node ([`Run::probe`] from [`super::run::observer_of`]).
    pub probe: Vec<f32>,
    /// Redis roles (master, master of), shared with the frame before while unchanged.
    pub roles: Rc<Vec<(bool, Option<u32>)>>,
    /// Crashed or paused, per node.
    pub down: Vec<bool>,
    /// Cumulative bytes: all traffic, and for Dynamo the Merkle, flat-digest and
    /// full-transfer bytes of its replica syncs.
    pub bytes: [u64; 4],
    /// [`Run::views_key`] after the tick.
    views_key: Option<usize>,
}

/// A command the engine refused when its tick came (a kill of a node already down, say).
#[derive(Clone, Debug, PartialEq)]
pub struct Refused {
    /// The command.
    pub action: StoreAction,
    /// Why.
    pub error: gossip_engine::Error,
}

/// A recorded run and a cursor in it.
#[derive(Clone, Debug)]
pub struct Recording {
    scenario: StoreScenario,
    /// The cluster after `frames.len() - 1` ticks.
    frontier: Run,
    /// Commands not yet applied at the frontier.
    next_action: usize,
    /// `frames[t]`: the cluster after `t` ticks (`frames[0]` the start).
    frames: Vec<Frame>,
    /// `(tick, run before that tick's commands)`; tick 0 always.
    snapshots: Vec<(u32, Run)>,
    /// Spacing of snapshots, in ticks.
    every: u32,
    /// Longest flight so far, in ticks.
    longest: u32,
    refused: Vec<Refused>,
    /// The tick shown.
    now: u32,
    /// The engine last re-run to a past tick, kept so that playing through the past steps
    /// it on instead of re-running from a snapshot every tick.
    cursor: RefCell<Option<Run>>,
}

fn frame(run: &Run, wires: Vec<Wire>, verdicts: Vec<Verdict>, before: Option<&Frame>) -> Frame {
    let wires = if wires.len() > KEPT_WIRES {
        let every = wires.len().div_ceil(KEPT_WIRES);
        wires.into_iter().step_by(every).collect()
    } else {
        wires
    };
    let n = run.nodes();
    let t = run.tick();
    let roles: Vec<(bool, Option<u32>)> = (0..n).filter_map(|i| run.role(i)).collect();
    let roles = match before {
        Some(f) if *f.roles == roles => f.roles.clone(),
        _ => Rc::new(roles),
    };
    let down: Vec<bool> = (0..n)
        .map(|i| run.condition(i).is_none_or(|c| !c.acts(t)))
        .collect();
    let views_key = run.views_key();
    // Dynamo's views change only with a verdict, a crash or pause, or a ring view that
    // grew: otherwise the last frame's are still right (half of a tick's cost at N = 1,000).
    let views = match before {
        Some(f)
            if views_key.is_some()
                && f.views_key == views_key
                && verdicts.is_empty()
                && f.down == down =>
        {
            f.views.clone()
        }
        _ => run.all_views(),
    };
    Frame {
        wires,
        verdicts,
        views,
        probe: run.all_probes(),
        roles,
        down,
        bytes: run.bytes(),
        views_key,
    }
}

impl Recording {
    /// Starts `scenario` at tick 0 and moves to its `at`.
    pub fn new(scenario: StoreScenario) -> Result<Self, gossip_engine::Error> {
        let run = Run::new(&scenario)?;
        let n = u64::from(run.nodes());
        let every = (n * n / 5_000).clamp(50, 2_000) as u32;
        let first = frame(&run, Vec::new(), Vec::new(), None);
        let at = scenario.at.min(MAX_TICKS);
        let mut rec = Recording {
            scenario,
            snapshots: vec![(0, run.clone())],
            frontier: run,
            next_action: 0,
            frames: vec![first],
            every,
            longest: 1,
            refused: Vec::new(),
            now: 0,
            cursor: RefCell::new(None),
        };
        rec.seek(at);
        Ok(rec)
    }

    /// The scenario (the commands given so far included).
    pub fn scenario(&self) -> &StoreScenario {
        &self.scenario
    }

    /// The tick shown.
    pub fn now(&self) -> u32 {
        self.now
    }

    /// Ticks recorded.
    pub fn recorded(&self) -> u32 {
        self.frames.len() as u32 - 1
    }

    /// Milliseconds per tick.
    pub fn tick_ms(&self) -> u32 {
        self.frontier.tick_ms()
    }

    /// Seconds at `tick`.
    pub fn seconds(&self, tick: u32) -> f64 {
        f64::from(tick) * f64::from(self.tick_ms()) / 1000.0
    }

    /// The frame shown.
    pub fn frame(&self) -> &Frame {
        &self.frames[self.now as usize]
    }

    /// Every recorded frame.
    pub fn frames(&self) -> &[Frame] {
        &self.frames
    }

    /// Commands refused so far.
    pub fn refused(&self) -> &[Refused] {
        &self.refused
    }

    /// Runs one more tick at the frontier.
    fn advance(&mut self) {
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
                let r = Refused {
                    action: a.clone(),
                    error,
                };
                if !self.refused.contains(&r) {
                    self.refused.push(r);
                }
            }
            self.next_action += 1;
        }
        let tick = self.frontier.step();
        for w in &tick.wires {
            if let Some(l) = w.lands {
                self.longest = self.longest.max(l - w.sent);
            }
        }
        let f = frame(
            &self.frontier,
            tick.wires,
            tick.verdicts,
            self.frames.last(),
        );
        self.frames.push(f);
    }

    /// Drops every other snapshot (never the first) while they hold more than the budget.
    fn thin(&mut self) {
        let n = u64::from(self.frontier.nodes());
        while self.snapshots.len() as u64 * n * n > SNAPSHOT_ENTRIES && self.snapshots.len() > 2 {
            self.every *= 2;
            let every = self.every;
            self.snapshots.retain(|(t, _)| t % every == 0);
        }
    }

    /// Shows `tick`, recording as far as needed (at most [`MAX_TICKS`]).
    pub fn seek(&mut self, tick: u32) {
        let tick = tick.min(MAX_TICKS);
        while self.recorded() < tick {
            self.advance();
        }
        self.now = tick;
    }

    /// The engine at the tick shown, before that tick's commands: the frontier, or a re-run
    /// from the nearest snapshot.
    pub fn run_at(&self, tick: u32) -> Run {
        if tick == self.frontier.tick() {
            return self.frontier.clone();
        }
        let (from, snap) = self
            .snapshots
            .iter()
            .rev()
            .find(|(t, _)| *t <= tick)
            .expect("tick 0 is always a snapshot");
        debug_assert_eq!(snap.tick(), *from);
        let mut run = snap.clone();
        self.replay(&mut run, tick);
        run
    }

    /// Steps `run` on to `tick` with the scenario's commands, as the recording did (a
    /// refusal was recorded then, so it is skipped silently here).
    fn replay(&self, run: &mut Run, tick: u32) {
        let actions = &self.scenario.actions;
        let mut next = actions.partition_point(|a| a.tick < run.tick());
        while run.tick() < tick {
            let t = run.tick();
            while let Some(a) = actions.get(next).filter(|a| a.tick <= t) {
                let _ = run.apply(&a.command);
                next += 1;
            }
            run.step();
        }
    }

    /// Calls `f` with the engine at the tick shown (before that tick's commands): the
    /// frontier itself, or a past run kept and stepped on as the cursor moves forward.
    pub fn with_run<R>(&self, f: impl FnOnce(&Run) -> R) -> R {
        let tick = self.now;
        if tick == self.frontier.tick() {
            return f(&self.frontier);
        }
        let mut cursor = self.cursor.borrow_mut();
        let reusable = cursor
            .as_ref()
            .is_some_and(|r| r.tick() <= tick && tick - r.tick() <= self.every);
        if !reusable {
            *cursor = Some(self.run_at(tick));
        }
        let run = cursor.as_mut().expect("set above");
        self.replay(run, tick);
        f(run)
    }

    /// Gives `command` at the tick shown: the future is recorded again from here.
    pub fn command(&mut self, command: super::scenario::StoreCommand) {
        let now = self.now;
        self.scenario.push(now, command);
        self.rewind(now);
    }

    /// Forgets every frame after `tick` and puts the frontier back there.
    fn rewind(&mut self, tick: u32) {
        self.frames.truncate(tick as usize + 1);
        self.snapshots.retain(|(t, _)| *t <= tick);
        self.refused.retain(|r| r.action.tick < tick);
        self.cursor.replace(None);
        self.frontier = self.run_at(tick);
        self.next_action = self.scenario.actions.partition_point(|a| a.tick < tick);
    }

    /// Messages in the air at some point of the tick that led to `now`: sent before it and
    /// landing after it started, or lost in it.
    pub fn in_flight(&self) -> Vec<Wire> {
        let Some(from) = self.now.checked_sub(1) else {
            return Vec::new();
        };
        let first = from.saturating_sub(self.longest);
        (first..=from)
            .flat_map(|t| self.frames[t as usize + 1].wires.iter())
            .filter(|w| match w.lands {
                Some(l) => l > from,
                None => w.sent == from,
            })
            .copied()
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stores::run::observer_of;
    use crate::stores::scenario::{Store, StoreCommand};

    /// Where a tick's time goes at N = 1,000, 20 s in (engine step against the frame), printed:
    /// `cargo test --release --lib stores::recording::tests::tick_cost -- --ignored --nocapture`.
    #[test]
    #[ignore = "a measurement, not a check"]
    fn tick_cost() {
        for store in Store::ALL {
            let mut run = Run::new(&StoreScenario::new(store, 1000, 1)).unwrap();
            // 20 s in: past Redis's node_timeout/2, when every link has been pinged again.
            for _ in 0..200 {
                run.step();
            }
            let (mut step, mut record) = (0.0, 0.0);
            for _ in 0..20 {
                let t = std::time::Instant::now();
                let tick = run.step();
                step += t.elapsed().as_secs_f64();
                let t = std::time::Instant::now();
                let _ = frame(&run, tick.wires, tick.verdicts, None);
                record += t.elapsed().as_secs_f64();
            }
            println!(
                "{store:?}: step {:.1} ms, frame {:.1} ms",
                step * 50.0,
                record * 50.0
            );
            if store == Store::RedisCluster {
                let mut slow = Vec::new();
                for _ in 0..400 {
                    let t = std::time::Instant::now();
                    run.step();
                    let ms = t.elapsed().as_secs_f64() * 1000.0;
                    if ms > 50.0 {
                        slow.push((run.tick(), ms as u32));
                    }
                }
                println!("  Redis ticks over 50 ms: {slow:?}");
            }
        }
    }

    /// The one-pass views and probes are the per-node ones, through crashes, a pause, a
    /// partition, loss and a join, in every system.
    #[test]
    fn all_views_are_each_nodes_views() {
        for store in Store::ALL {
            let mut s = StoreScenario::new(store, 12, 5);
            s.push(10, StoreCommand::Kill(3));
            s.push(20, StoreCommand::Pause(4, 3_000));
            s.push(30, StoreCommand::Loss(0.2));
            s.push(60, StoreCommand::Split(6));
            s.push(200, StoreCommand::Heal);
            s.push(210, StoreCommand::Join);
            let mut run = Run::new(&s).unwrap();
            let mut next = 0;
            for t in 0..400 {
                while let Some(a) = s.actions.get(next).filter(|a| a.tick <= t) {
                    run.apply(&a.command).unwrap();
                    next += 1;
                }
                run.step();
                if t % 25 == 0 || (t > 240 && t < 260) {
                    let n = run.nodes();
                    let each: Vec<Views> = (0..n).map(|i| run.views(i)).collect();
                    assert_eq!(run.all_views(), each, "{store:?} tick {t}");
                    let probes: Vec<f32> = (0..n).map(|i| run.probe(observer_of(i), i)).collect();
                    assert_eq!(run.all_probes(), probes, "{store:?} tick {t}");
                }
            }
        }
    }

    /// The frames that keep the last frame's Dynamo views hold the views a fresh count gives.
    #[test]
    fn kept_views_are_the_views() {
        let mut s = StoreScenario::new(Store::Dynamo, 10, 2);
        s.push(10, StoreCommand::Kill(3));
        s.push(20, StoreCommand::Pause(4, 3_000));
        s.push(60, StoreCommand::Split(5));
        s.push(150, StoreCommand::Heal);
        s.push(160, StoreCommand::Join);
        s.push(200, StoreCommand::Restart(3));
        let mut rec = Recording::new(s.clone()).unwrap();
        rec.seek(400);
        let mut run = Run::new(&s).unwrap();
        let mut next = 0;
        for t in 0..400u32 {
            while let Some(a) = s.actions.get(next).filter(|a| a.tick <= t) {
                run.apply(&a.command).unwrap();
                next += 1;
            }
            run.step();
            assert_eq!(
                rec.frames()[t as usize + 1].views,
                run.all_views(),
                "tick {t}"
            );
        }
    }

    #[test]
    fn going_back_reads_frames_and_a_past_command_rewrites_the_future() {
        let mut s = StoreScenario::new(Store::Cassandra, 8, 3);
        s.push(20, StoreCommand::Kill(2));
        let mut rec = Recording::new(s.clone()).unwrap();
        rec.seek(300);
        let later = rec.frames()[250].views.clone();
        rec.seek(100);
        assert_eq!(
            rec.frames()[250].views,
            later,
            "going back keeps the frames"
        );
        // A command at 100 s: the frames after it are recorded again, and equal a fresh run
        // with the same commands.
        rec.command(StoreCommand::Restart(2));
        rec.seek(300);
        s.push(100, StoreCommand::Restart(2));
        let mut fresh = Recording::new(s).unwrap();
        fresh.seek(300);
        for t in [100, 150, 300] {
            assert_eq!(rec.frames()[t].views, fresh.frames()[t].views, "tick {t}");
        }
        // The inspector's engine at a past tick is the fresh run's at that tick.
        rec.seek(120);
        let probe = rec.with_run(|r| r.probe(0, 2));
        assert_eq!(probe, fresh.frames()[120].probe[2]);
    }
}
