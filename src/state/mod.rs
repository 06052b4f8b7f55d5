//! The app's state and its one reducer (the Yew `function_todomvc` pattern).
//!
//! The [`Timeline`] is large and mutated in place, so it lives behind `Rc<RefCell<_>>`; every
//! action still returns a new `Rc<AppState>` with a bumped `generation`, which is what the
//! components compare to know they must redraw. Side effects (timers, key listeners, the
//! canvas) live in components and hooks, never here.

use std::cell::RefCell;
use std::rc::Rc;

use gossip_engine::{Command, Config, Protocol, RoundReport, Scenario, Timeline};

mod action;
pub mod notice;
mod reduce;

pub use action::Action;
pub use notice::{Done, Notice};

use crate::lang::Lang;
use crate::share::link::{Decoded, MAX_REPLAY_WORK};
use crate::view::{MAX_SPEED, MAX_UI_ROUNDS, MIN_SPEED, View, max_ui_nodes};

/// Everything the page shows.
#[derive(Clone)]
pub struct AppState {
    /// The run, with its history.
    pub timeline: Rc<RefCell<Timeline>>,
    /// Bumped on every change; components redraw when it moves.
    pub generation: u64,
    /// The round just stepped into, to animate (empty after a seek or an edit).
    pub report: Rc<RoundReport>,
    /// Bumped when `report` should be animated from its start.
    pub animation: u64,
    /// Node whose table the inspector shows and on which tools act.
    pub selected: Option<u32>,
    /// Message the graph colours nodes by.
    pub message: Option<u32>,
    /// Under membership: whose death the graph follows.
    pub subject: Option<u32>,
    /// Whether rounds advance by themselves.
    pub playing: bool,
    /// Rounds per second while playing (and the animation length of a step).
    pub speed: f64,
    /// Something the user should read (a refused value, an action on a dead node).
    pub notice: Option<Notice>,
    /// Whether the keyboard help overlay is open.
    pub help: bool,
    /// Whether the "what am I looking at" intro is open.
    pub intro: bool,
    /// The last user action, for the line under the round log.
    pub last_action: Option<Done>,
    /// Interface language.
    pub lang: Lang,
    /// The lesson being followed (index into `crate::lessons::LESSONS`), if any.
    pub lesson: Option<usize>,
    /// Page options from the link (embed mode, controls, theme).
    pub options: crate::share::link::Options,
    /// Playing was paused because the player left the screen; resume when it is back.
    pub auto_paused: bool,
    /// Whether the share dialog is open.
    pub share: bool,
    /// What the share dialog just copied ("link" or "snippet"), to say so.
    pub copied: Option<&'static str>,
    /// The text in the message bar's field: what "Inject new" sends.
    pub typed: String,
}

impl AppState {
    /// The playground as it opens: 50 nodes, rumor mongering, one rumor at node 0.
    pub fn initial() -> Self {
        let config = Config::default();
        let mut s = AppState::with(config, 42).expect("the default scenario is valid");
        s.intro = true;
        s
    }

    /// A fresh state for a configuration; one message is injected at node 0 before round 1
    /// (except under membership, where there are no messages).
    pub fn with(config: Config, seed: u64) -> gossip_engine::Result<Self> {
        let mut scenario = Scenario::new(config, seed);
        scenario.actions = crate::share::link::default_actions(&scenario.config);
        let view = View {
            selected: Some(0),
            speed: Some(2.0),
            ..View::default()
        };
        AppState::load(&scenario, &view)
    }

    /// The state after "Apply & restart" with `config` and `seed`. Inside a lesson the
    /// lesson's scripted events (its kills, faults and injections) are kept, so that changing
    /// a parameter replays the same story; if the new configuration cannot take them (a kill
    /// of a node beyond the new N, say), or outside a lesson, the defaults of `with` apply.
    pub fn reconfigured(&self, config: Config, seed: u64) -> gossip_engine::Result<Self> {
        if self.lesson.is_some() {
            let mut scenario = self.timeline.borrow().scenario();
            scenario.config = config.clone();
            scenario.seed = seed;
            scenario.round = 0;
            let view = View {
                selected: self.selected,
                message: self.message,
                speed: Some(self.speed),
                ..View::default()
            };
            if let Ok(s) = AppState::load(&scenario, &view) {
                return Ok(s);
            }
        }
        AppState::with(config, seed)
    }

    /// A state showing `timeline` as `view` says, with every panel closed.
    fn around(timeline: Timeline, view: View) -> Self {
        AppState {
            timeline: Rc::new(RefCell::new(timeline)),
            generation: 0,
            report: Rc::new(RoundReport::default()),
            animation: 0,
            selected: view.selected,
            message: view.message,
            subject: view.subject,
            playing: view.playing,
            speed: view.speed.unwrap_or(2.0).clamp(MIN_SPEED, MAX_SPEED),
            notice: None,
            help: false,
            intro: false,
            last_action: None,
            lang: Lang::En,
            lesson: None,
            options: Default::default(),
            auto_paused: false,
            share: false,
            copied: None,
            typed: "news".into(),
        }
    }

    /// The state a decoded link opens: its run, view and options, and a banner naming its
    /// problems. `lang` is used when the link names none.
    pub fn open(d: Decoded, lang: Lang) -> Self {
        let mut problems = d.problems;
        let mut s = match AppState::load(&d.link.scenario, &d.link.view) {
            Ok(s) => s,
            Err(e) => {
                problems.push(crate::share::link::Problem::Refused(e));
                AppState::initial()
            }
        };
        s.lang = d.link.options.lang.unwrap_or(lang);
        s.lesson = d.link.options.lesson;
        s.options = d.link.options;
        if !problems.is_empty() {
            s.notice = Some(Notice::Link(problems));
        }
        s
    }

    /// The link's pairs (for `#` or `?`) that reproduce this state.
    pub fn link(&self) -> String {
        let scenario = self.timeline.borrow().scenario();
        let mut options = self.options.clone();
        options.lang = Some(self.lang);
        options.lesson = self.lesson;
        crate::share::link::encode(&scenario, &self.view(), &options)
    }

    /// A state that replays `scenario` and shows it as `view` says.
    pub fn load(scenario: &Scenario, view: &View) -> gossip_engine::Result<Self> {
        let max_nodes = max_ui_nodes(&scenario.config.protocol);
        if scenario.config.nodes > max_nodes {
            return Err(gossip_engine::Error::OutOfRange {
                field: "nodes",
                value: f64::from(scenario.config.nodes),
                min: 2.0,
                max: f64::from(max_nodes),
            });
        }
        check_ui_round(scenario.round)?;
        let last = scenario
            .actions
            .last()
            .map_or(0, |a| a.round)
            .max(scenario.round);
        let reach = MAX_REPLAY_WORK / u64::from(scenario.config.nodes.max(1));
        if u64::from(last) > reach {
            return Err(gossip_engine::Error::OutOfRange {
                field: "round",
                value: f64::from(last),
                min: 0.0,
                max: reach as f64,
            });
        }
        let t = Timeline::from_scenario(scenario)?;
        let sim = t.sim();
        let count = sim.message_ids().count() as u32;
        let nodes = sim.nodes();
        let message = match view.message {
            Some(m) if m < count => Some(m),
            _ if count > 0 => Some(0),
            _ => None,
        };
        let subject = view.subject.filter(|&s| s < nodes).or_else(|| {
            scenario.actions.iter().rev().find_map(|a| match a.command {
                Command::Kill { node } if node < nodes => Some(node),
                _ => None,
            })
        });
        let view = View {
            message,
            selected: view.selected.filter(|&n| n < nodes),
            subject,
            speed: view.speed,
            playing: view.playing,
        };
        Ok(AppState::around(t, view))
    }

    /// The view options of the current state.
    pub fn view(&self) -> View {
        View {
            message: self.message,
            selected: self.selected,
            subject: self.subject,
            speed: Some(self.speed),
            playing: self.playing,
        }
    }

    /// The current round.
    pub fn round(&self) -> u32 {
        self.timeline.borrow().round()
    }

    fn bump(mut self, report: Option<RoundReport>) -> Self {
        self.generation += 1;
        if let Some(r) = report {
            self.report = Rc::new(r);
            self.animation += 1;
        } else {
            self.report = Rc::new(RoundReport::default());
        }
        self
    }

    fn notice(mut self, notice: Notice) -> Self {
        self.notice = Some(notice);
        self.generation += 1;
        self
    }

    /// The state after `f`, marked changed.
    fn touch(mut self, f: impl FnOnce(&mut Self)) -> Self {
        f(&mut self);
        self.generation += 1;
        self
    }

    /// Applies a command at the current round, forking the future if needed.
    fn command(mut self, cmd: Command) -> Self {
        let (result, frontier, round) = {
            let mut t = self.timeline.borrow_mut();
            let frontier = t.frontier();
            let r = t.apply(&cmd);
            (r, frontier, t.round())
        };
        match result {
            Ok(id) => {
                if let (Command::Inject { .. }, Some(id)) = (&cmd, id) {
                    self.message = Some(id);
                }
                if let Command::Kill { node } = cmd {
                    self.subject = Some(node);
                }
                self.last_action = Some(Done::Command {
                    round,
                    command: cmd,
                    frontier,
                });
                self.notice = None;
                // The round's report stays (the log still describes the round just played);
                // only the picture changes.
                self.generation += 1;
                self
            }
            Err(e) => self.notice(Notice::Refused(e)),
        }
    }

    /// Runs `f` on the selected node, or asks the user to select one.
    fn on_selected(self, f: impl FnOnce(Self, u32) -> Self) -> Self {
        match self.selected {
            Some(n) => f(self, n),
            None => self.notice(Notice::SelectFirst),
        }
    }

    /// Whether there is nothing left to watch: every message converged with no fresh node.
    pub fn quiescent(&self) -> bool {
        let t = self.timeline.borrow();
        let sim = t.sim();
        if matches!(sim.config().protocol, Protocol::Membership { .. }) {
            return false;
        }
        sim.message_ids().all(|id| {
            let c = sim.counts(id).unwrap_or_default();
            let informed_all = c.informed() == sim.alive_count();
            let anti_entropy = matches!(sim.config().protocol, Protocol::AntiEntropy { .. });
            c.fresh == 0 || (anti_entropy && informed_all)
        })
    }
}

/// Refuses rounds past what the playground computes.
pub fn check_ui_round(round: u32) -> gossip_engine::Result<()> {
    if round > MAX_UI_ROUNDS {
        return Err(gossip_engine::Error::OutOfRange {
            field: "round",
            value: f64::from(round),
            min: 0.0,
            max: f64::from(MAX_UI_ROUNDS),
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lessons::LESSONS;
    use gossip_engine::Command;

    /// Inside a lesson, "Apply & restart" with another parameter keeps the lesson's scripted
    /// kill (lesson 5 with t_fail = 3 still has its crash); outside a lesson the defaults apply.
    #[test]
    fn apply_inside_a_lesson_keeps_its_scripted_events() {
        let (scenario, view) = LESSONS[4].opening();
        let kills = |s: &AppState| {
            s.timeline
                .borrow()
                .scenario()
                .actions
                .iter()
                .filter(|a| matches!(a.command, Command::Kill { .. }))
                .count()
        };
        let mut st = AppState::load(&scenario, &view).unwrap();
        st.lesson = Some(4);
        assert_eq!(kills(&st), 1);
        let mut config = scenario.config.clone();
        config.protocol = gossip_engine::Protocol::Membership {
            t_fail: 3,
            t_cleanup: 12,
        };
        let again = st.reconfigured(config.clone(), scenario.seed).unwrap();
        assert_eq!(kills(&again), 1, "the lesson's crash is kept");
        assert_eq!(again.timeline.borrow().scenario().config, config);
        st.lesson = None;
        assert_eq!(
            kills(&st.reconfigured(config, 1).unwrap()),
            0,
            "outside a lesson: defaults"
        );
    }
}
