//! The data-store page's state and the one reducer that changes it.
//!
//! The recording is large (every node's views at every tick), so it lives behind
//! `Rc<RefCell<…>>` and is changed in place; `rev` counts changes so Yew sees a new state.

use std::cell::RefCell;
use std::rc::Rc;

use yew::Reducible;

use super::lessons::STORE_LESSONS;
use super::link::LinkProblem;
use super::recording::Recording;
use super::scenario::{MAX_TICKS, Store, StoreCommand, StoreProblem, StoreScenario};
use crate::lang::Lang;
use crate::systems::scene::positions;

/// Play speeds, as multiples of real time.
pub const SPEEDS: [f64; 5] = [0.25, 0.5, 1.0, 2.0, 5.0];

/// Something the page tells the user, worded when shown (`super::texts::notice`).
#[derive(Clone, Debug, PartialEq)]
pub enum Notice {
    /// A part of the link the page was opened with.
    Link(LinkProblem),
    /// A run that cannot be opened.
    Problem(StoreProblem),
    /// The engine refused a command.
    Refused(gossip_engine::Error),
}

/// What the user asked for.
#[derive(Debug)]
pub enum Msg {
    /// Show this tick.
    Seek(u32),
    /// Move this many ticks (negative: back).
    Step(i64),
    /// Play or pause.
    Play(bool),
    /// Play speed (an index into [`SPEEDS`]).
    Speed(usize),
    /// Select a node, or none.
    Select(Option<u32>),
    /// Give a command at the tick shown.
    Command(StoreCommand),
    /// Open another run.
    Load(Box<StoreScenario>),
    /// Open a system's preset, keeping N and the seed.
    System(Store),
    /// Switch language.
    Lang(Lang),
    /// Clear the messages.
    Dismiss,
    /// Open variant `.1` of lesson `.0`, or close the card.
    Lesson(Option<(usize, usize)>),
}

/// The page's state.
#[derive(Clone)]
pub struct Model {
    /// The run.
    pub rec: Rc<RefCell<Recording>>,
    /// Node positions (recomputed when N changes).
    pub positions: Rc<Vec<(f32, f32)>>,
    /// Bumped on every change.
    pub rev: u64,
    /// Playing.
    pub playing: bool,
    /// Index into [`SPEEDS`].
    pub speed: usize,
    /// The node the inspector and the chart follow.
    pub selected: Option<u32>,
    /// The page language.
    pub lang: Lang,
    /// Messages for the user.
    pub notices: Vec<Notice>,
    /// The lesson whose card is shown, and the variant loaded.
    pub lesson: Option<(usize, usize)>,
}

impl Model {
    /// A page showing `scenario`.
    pub fn new(scenario: StoreScenario, lang: Lang) -> Result<Self, StoreProblem> {
        scenario.check()?;
        let rec = Recording::new(scenario).map_err(StoreProblem::Engine)?;
        Ok(Model {
            positions: Rc::new(layout(&rec)),
            rec: Rc::new(RefCell::new(rec)),
            rev: 0,
            playing: false,
            speed: 2,
            selected: None,
            lang,
            notices: Vec::new(),
            lesson: None,
        })
    }

    /// Replaces the run, or says why it cannot.
    fn load(&mut self, scenario: StoreScenario) {
        match Model::new(scenario, self.lang) {
            Ok(m) => {
                self.positions = m.positions;
                self.rec = m.rec;
                self.selected = None;
                self.playing = false;
            }
            Err(e) => self.notices.push(Notice::Problem(e)),
        }
    }

    /// Gives `command` at the tick shown, unless the engine refuses it there (a crash of a
    /// node already down): then the run is left as it was and the reason shown.
    fn command(&mut self, command: StoreCommand) {
        let mut rec = self.rec.borrow_mut();
        let mut trial = rec.run_at(rec.now());
        for a in rec
            .scenario()
            .actions
            .iter()
            .filter(|a| a.tick == rec.now())
        {
            let _ = trial.apply(&a.command);
        }
        match trial.apply(&command) {
            Ok(()) => rec.command(command),
            Err(e) => self.notices.push(Notice::Refused(e)),
        }
    }
}

/// Nodes in the last recorded frame: joins only add nodes, so every frame fits a layout of
/// this many, and a node added by a join keeps its place when the cursor moves.
fn recorded_nodes(rec: &Recording) -> usize {
    rec.frames().last().map_or(0, |f| f.views.len())
}

/// Node positions: the SWIM page's circle (or disc beyond 64 nodes), with each Redis replica
/// placed beside its master so that the replication lines stay short.
fn layout(rec: &Recording) -> Vec<(f32, f32)> {
    let n = recorded_nodes(rec);
    let slots = positions(n);
    let roles = &rec.frames()[0].roles;
    let mut order: Vec<usize> = Vec::with_capacity(n);
    let mut placed = vec![false; n];
    for (m, (_, of)) in roles.iter().enumerate() {
        if of.is_none() {
            let replicas = roles
                .iter()
                .enumerate()
                .filter(|(_, r)| r.1 == Some(m as u32));
            for i in std::iter::once(m).chain(replicas.map(|(i, _)| i)) {
                order.push(i);
                placed[i] = true;
            }
        }
    }
    order.extend((0..n).filter(|&i| !placed[i]));
    let mut pos = vec![(0.0, 0.0); n];
    for (slot, node) in order.into_iter().enumerate() {
        pos[node] = slots[slot];
    }
    pos
}

impl Reducible for Model {
    type Action = Msg;

    fn reduce(self: Rc<Self>, msg: Msg) -> Rc<Self> {
        let mut m = (*self).clone();
        m.rev += 1;
        match msg {
            Msg::Seek(t) => m.rec.borrow_mut().seek(t),
            Msg::Step(k) => {
                let mut rec = m.rec.borrow_mut();
                let t = (i64::from(rec.now()) + k).clamp(0, i64::from(MAX_TICKS)) as u32;
                rec.seek(t);
                if t == MAX_TICKS {
                    m.playing = false;
                }
            }
            Msg::Play(on) => m.playing = on,
            Msg::Speed(i) => m.speed = i.min(SPEEDS.len() - 1),
            Msg::Select(s) => m.selected = s,
            Msg::Command(c) => m.command(c),
            Msg::Load(s) => {
                m.lesson = None;
                m.load(*s);
            }
            Msg::System(store) => {
                let s = m.rec.borrow().scenario().clone();
                m.lesson = None;
                // Redis's cap is lower: a larger N is brought down to it, and said.
                let nodes = s.nodes.min(store.max_nodes());
                if nodes < s.nodes {
                    m.notices
                        .push(Notice::Problem(StoreProblem::Nodes(store, s.nodes)));
                }
                m.load(StoreScenario::new(store, nodes, s.seed));
            }
            Msg::Lang(l) => m.lang = l,
            Msg::Dismiss => m.notices.clear(),
            Msg::Lesson(None) => m.lesson = None,
            Msg::Lesson(Some((l, v))) => {
                if let Some(run) = STORE_LESSONS.get(l).and_then(|x| x.variants.get(v)) {
                    m.load((run.1)());
                    m.lesson = Some((l, v));
                }
            }
        }
        // A join recorded since (by a step past it, or a command): lay out the new nodes too.
        if m.positions.len() != recorded_nodes(&m.rec.borrow()) {
            m.positions = Rc::new(layout(&m.rec.borrow()));
        }
        Rc::new(m)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stores::scenario::Store;

    /// A node added by a join is drawn once the run reaches it, and keeps its place when the
    /// cursor goes back and forth.
    #[test]
    fn a_joined_node_gets_a_place() {
        for store in Store::ALL {
            let m = Rc::new(Model::new(StoreScenario::new(store, 8, 1), Lang::En).unwrap());
            let m = m.reduce(Msg::Step(10));
            assert_eq!(m.positions.len(), 8);
            let m = m.reduce(Msg::Command(StoreCommand::Join));
            let m = m.reduce(Msg::Step(5));
            assert_eq!(m.rec.borrow().frame().views.len(), 9, "{store:?}");
            assert_eq!(m.positions.len(), 9, "{store:?}: the new node has a place");
            let placed = m.positions.clone();
            let m = m.reduce(Msg::Step(-10));
            assert_eq!(m.positions, placed, "{store:?}: going back moves nobody");
        }
    }
}
