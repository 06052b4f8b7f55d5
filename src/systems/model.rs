//! The real-systems page's state and the one reducer that changes it.
//!
//! The recording is large (N² member entries at the frontier, per-tick frames), so it lives
//! behind `Rc<RefCell<…>>` and is changed in place; `rev` counts changes so that Yew sees a
//! new state after each one.

use std::cell::RefCell;
use std::rc::Rc;

use gossip_engine::swim::{SwimCommand, SwimMetrics};
use yew::Reducible;

use super::lessons::SWIM_LESSONS;
use super::node_report::NodeReport;
pub use super::notice::Notice;
use super::recording::{MAX_TICKS, Recording};
use super::scenario::{ScenarioProblem, SwimScenario};
use super::scene::positions;
use super::tally::Counts;
use crate::lang::Lang;

/// Play speeds, as multiples of real time.
pub const SPEEDS: [f64; 5] = [0.25, 0.5, 1.0, 2.0, 5.0];

/// What the user asked for.
#[derive(Debug)]
pub enum Msg {
    /// Show this tick.
    Seek(u32),
    /// Move this many ticks (negative: back).
    Step(i64),
    /// Move this many protocol periods.
    Periods(i64),
    /// Play or pause.
    Play(bool),
    /// Play speed (an index into [`SPEEDS`]).
    Speed(usize),
    /// Select a member, or none.
    Select(Option<u32>),
    /// Give a command at the tick shown.
    Command(SwimCommand),
    /// Open another run (a preset, a lesson, a file, a link).
    Load(Box<SwimScenario>),
    /// Switch language.
    Lang(Lang),
    /// Show a message, or clear it.
    Notice(Option<Notice>),
    /// Open variant `.1` of lesson `.0` with its card, or close the card.
    Lesson(Option<(usize, usize)>),
}

/// What the inspection depends on: the tick shown, the commands given, the selection.
type Key = (u32, usize, Option<u32>);
/// The last inspection and its key.
type Cached = Option<(Key, Rc<Inspected>)>;

/// The measures so far and the selected member's state, at the tick shown.
pub struct Inspected {
    /// The run's counters up to the tick shown.
    pub metrics: SwimMetrics,
    /// The selected member.
    pub node: Option<NodeReport>,
}

/// The page's state.
#[derive(Clone)]
pub struct Model {
    /// The run.
    pub rec: Rc<RefCell<Recording>>,
    /// Member positions (recomputed when N changes).
    pub positions: Rc<Vec<(f32, f32)>>,
    /// Bumped on every change.
    pub rev: u64,
    /// Playing.
    pub playing: bool,
    /// Index into [`SPEEDS`].
    pub speed: usize,
    /// The member the inspector and the chart follow.
    pub selected: Option<u32>,
    /// The page language.
    pub lang: Lang,
    /// A message for the user (a refused command, a bad link or file), worded when shown.
    pub notice: Option<Notice>,
    /// Embedded in another page: controls hidden.
    pub embed: bool,
    /// The lesson whose card is shown, and the variant loaded.
    pub lesson: Option<(usize, usize)>,
    /// What the inspector and the measures show, kept while the tick, the commands and the
    /// selection stay: away from the frontier it is re-run from a snapshot, which at
    /// N = 2,000 is worth not repeating on every render.
    inspected: Rc<RefCell<Cached>>,
    /// The chart's member, the commands its history was read under, and the history.
    history: Rc<RefCell<(u32, usize, Vec<Counts>)>>,
}

impl Model {
    /// A page showing `scenario`.
    pub fn new(scenario: SwimScenario, lang: Lang, embed: bool) -> Result<Self, ScenarioProblem> {
        scenario.check()?;
        let rec = Recording::new(scenario).map_err(ScenarioProblem::Engine)?;
        Ok(Model {
            positions: Rc::new(positions(rec.members() as usize)),
            rec: Rc::new(RefCell::new(rec)),
            rev: 0,
            playing: false,
            speed: 2,
            selected: None,
            lang,
            notice: None,
            embed,
            lesson: None,
            inspected: Rc::new(RefCell::new(None)),
            history: Rc::new(RefCell::new((0, 0, Vec::new()))),
        })
    }

    /// `member`'s counts at every recorded tick, read only as far as it was not read before
    /// (a new member, or a command that rewrote the future, reads it again).
    pub fn history(&self, member: u32) -> Vec<Counts> {
        let rec = self.rec.borrow();
        let mut cache = self.history.borrow_mut();
        let key = (member, rec.scenario().actions.len());
        if (cache.0, cache.1) != key {
            *cache = (key.0, key.1, Vec::new());
        }
        rec.extend_history(member, &mut cache.2);
        cache.2.clone()
    }

    /// The measures and the selected member at the tick shown.
    pub fn inspect(&self) -> Rc<Inspected> {
        let rec = self.rec.borrow();
        let key = (rec.now(), rec.scenario().actions.len(), self.selected);
        let mut cache = self.inspected.borrow_mut();
        if let Some((k, i)) = &*cache
            && *k == key
        {
            return i.clone();
        }
        let sim = rec.simulation();
        let i = Rc::new(Inspected {
            metrics: sim.metrics().clone(),
            node: self.selected.and_then(|m| NodeReport::of(&sim, m)),
        });
        *cache = Some((key, i.clone()));
        i
    }

    fn seek(&mut self, tick: i64) {
        let tick = tick.clamp(0, i64::from(MAX_TICKS)) as u32;
        let mut rec = self.rec.borrow_mut();
        let t0 = crate::probe::now();
        rec.seek(tick);
        crate::probe::record("__swimSeek", crate::probe::now() - t0);
        if rec.now() == MAX_TICKS {
            self.playing = false;
        }
        if rec.members() as usize != self.positions.len() {
            self.positions = Rc::new(positions(rec.members() as usize));
        }
    }
}

impl Reducible for Model {
    type Action = Msg;

    fn reduce(self: Rc<Self>, msg: Msg) -> Rc<Self> {
        let mut m = (*self).clone();
        m.rev += 1;
        let now = i64::from(m.rec.borrow().now());
        match msg {
            Msg::Seek(t) => m.seek(i64::from(t)),
            Msg::Step(d) => m.seek(now + d),
            Msg::Periods(d) => {
                let p = i64::from(m.rec.borrow().period());
                // To the next (or previous) period boundary, then whole periods.
                let target = if d > 0 {
                    (now / p + d) * p
                } else {
                    ((now + p - 1) / p + d) * p
                };
                m.seek(target);
            }
            Msg::Play(on) => m.playing = on,
            Msg::Speed(i) => m.speed = i.min(SPEEDS.len() - 1),
            Msg::Select(s) => m.selected = s,
            Msg::Command(c) => {
                let r = m.rec.borrow_mut().command(c);
                m.notice = r.err().map(Notice::Refused);
                m.seek(now);
            }
            Msg::Load(s) => match Model::new(*s, m.lang, m.embed) {
                Ok(fresh) => {
                    return Rc::new(Model {
                        rev: m.rev,
                        selected: None,
                        lesson: m.lesson,
                        speed: m.speed,
                        ..fresh
                    });
                }
                Err(e) => m.notice = Some(Notice::Scenario(e)),
            },
            Msg::Lesson(None) => m.lesson = None,
            Msg::Lesson(Some((l, v))) => {
                let Some(variant) = SWIM_LESSONS.get(l).and_then(|l| l.variants.get(v)) else {
                    return self;
                };
                let mut next = (*Rc::new(m).reduce(Msg::Load(Box::new((variant.1)())))).clone();
                next.lesson = Some((l, v));
                return Rc::new(next);
            }
            Msg::Lang(l) => m.lang = l,
            Msg::Notice(n) => m.notice = n,
        }
        Rc::new(m)
    }
}

impl PartialEq for Model {
    fn eq(&self, other: &Self) -> bool {
        self.rev == other.rev && Rc::ptr_eq(&self.rec, &other.rec)
    }
}
