//! The app's state and its one reducer (the Yew `function_todomvc` pattern).
//!
//! The [`Timeline`] is large and mutated in place, so it lives behind `Rc<RefCell<_>>`; every
//! action still returns a new `Rc<AppState>` with a bumped `generation`, which is what the
//! components compare to know they must redraw. Side effects (timers, key listeners, the
//! canvas) live in components and hooks, never here.

use std::cell::RefCell;
use std::rc::Rc;

use gossip_engine::{Command, Config, Protocol, RoundReport, Scenario, Timeline};

use crate::i18n::{self, Lang, tr};
pub use crate::view::{
    MAX_SPEED, MAX_UI_MEMBERSHIP_NODES, MAX_UI_NODES, MAX_UI_ROUNDS, MIN_SPEED, View, max_ui_nodes,
};

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
    /// One line about the last user action ("Forked at round 7: ...").
    pub last_action: Option<String>,
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

/// A message for the user, shown in a banner.
#[derive(Clone, Debug, PartialEq)]
pub struct Notice {
    /// Error (red) or information.
    pub error: bool,
    /// The text.
    pub text: String,
}

/// Everything a user can do.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// Advance one round.
    Step,
    /// Go back one round.
    Back,
    /// Jump to a computed round.
    Seek(u32),
    /// Back to round 0 (keeping round-0 actions such as the first injection).
    Reset,
    /// Play or pause.
    TogglePlay,
    /// Pause (when the page hides it, or the run is over).
    Pause,
    /// Rounds per second.
    SetSpeed(f64),
    /// Select a node (or none).
    Select(Option<u32>),
    /// Move the selection by an offset (keyboard).
    SelectBy(i64),
    /// Colour the graph by this message.
    ShowMessage(u32),
    /// Inject a value at the selected node: a new message, or a new version of the shown one.
    Inject {
        /// The value.
        content: String,
        /// New version of the shown message instead of a new message.
        update: bool,
    },
    /// Kill the selected node.
    Kill,
    /// Revive the selected node.
    Revive {
        /// Whether it comes back empty.
        amnesia: bool,
    },
    /// Split the cluster into this many groups of consecutive nodes.
    Partition(u32),
    /// End the partition.
    Heal,
    /// Set packet loss for the rounds to come.
    SetLoss(f64),
    /// Add a node through the selected one.
    Join,
    /// Start over with a new configuration and seed.
    Configure(Box<Config>, u64),
    /// Show a notice.
    Notify(Notice),
    /// Close the notice.
    Dismiss,
    /// Open or close the keyboard help.
    Help(bool),
    /// Open or close the intro.
    Intro(bool),
    /// Replace the run by a scenario (a shared link, a file, a lesson) and show it as `view`
    /// says. `lesson` is the lesson it belongs to, if any.
    Load {
        /// The run.
        scenario: Box<Scenario>,
        /// How to show it.
        view: View,
        /// Lesson index, or `None` for a plain scenario.
        lesson: Option<usize>,
    },
    /// Switch the interface language.
    SetLang(Lang),
    /// Close the lesson panel (the run stays).
    CloseLesson,
    /// The player left the screen (scrolled away, tab hidden): pause, remembering to resume.
    AutoPause,
    /// The player is visible again: resume if it was auto-paused.
    AutoResume,
    /// Open or close the share dialog.
    Share(bool),
    /// The share dialog copied its link or its snippet.
    Copied(&'static str),
    /// Something drawn from outside the state moved on (a lesson's table computed more
    /// rows): draw again, changing nothing.
    Redraw,
    /// The text of the message bar's field changed.
    Type(String),
}

impl AppState {
    /// The playground as it opens: 50 nodes, rumor mongering, one rumor at node 0.
    pub fn initial() -> Self {
        let config = Config::default();
        // Not `expect`: `Result::expect` would format the error with `Debug`, which links
        // core's float formatter into the wasm (see `crate::num`) for a path that never runs.
        let mut s = AppState::with(config, 42)
            .unwrap_or_else(|_| unreachable!("the default scenario is valid"));
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
            speed: crate::num::clamp(view.speed.unwrap_or(2.0), MIN_SPEED, MAX_SPEED),
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

    /// The state a page opens with: the link in the address bar if there is one (its
    /// problems shown in a banner), else the default playground; language from the link or
    /// the browser.
    pub fn from_location() -> Self {
        let search = web_sys::window()
            .and_then(|w| w.location().search().ok())
            .unwrap_or_default();
        if search.trim_start_matches('?').is_empty() {
            let mut s = AppState::initial();
            s.lang = Lang::from_browser();
            return s;
        }
        let d = crate::share::link::decode(&search);
        let mut problems = d.problems;
        let mut s = match AppState::load(&d.link.scenario, &d.link.view) {
            Ok(s) => s,
            Err(e) => {
                problems.push(crate::i18n::engine_error(Lang::En, &e));
                AppState::initial()
            }
        };
        s.lang = d.link.options.lang.unwrap_or_else(Lang::from_browser);
        s.lesson = d.link.options.lesson;
        s.options = d.link.options;
        if !problems.is_empty() {
            s.notice = Some(Notice {
                error: true,
                text: i18n::link_problems(s.lang, &problems),
            });
        }
        s
    }

    /// The query string that reproduces this state.
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
        crate::state::check_ui_round(scenario.round)?;
        let last = scenario
            .actions
            .last()
            .map_or(0, |a| a.round)
            .max(scenario.round);
        let reach = crate::share::link::MAX_REPLAY_WORK / u64::from(scenario.config.nodes.max(1));
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

    fn notice(mut self, error: bool, text: impl Into<String>) -> Self {
        self.notice = Some(Notice {
            error,
            text: text.into(),
        });
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
                self.last_action = Some(i18n::action_done(self.lang, round, &cmd, frontier));
                self.notice = None;
                // The round's report stays (the log still describes the round just played);
                // only the picture changes.
                self.generation += 1;
                self
            }
            Err(e) => {
                let text = i18n::engine_error(self.lang, &e);
                self.notice(true, text)
            }
        }
    }

    /// Runs `f` on the selected node, or asks the user to select one.
    fn on_selected(self, f: impl FnOnce(Self, u32) -> Self) -> Self {
        match self.selected {
            Some(n) => f(self, n),
            None => {
                let text = tr!(self.lang, "Select a node first: click it, or use [ and ].");
                self.notice(true, text)
            }
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

impl yew::Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let s = (*self).clone();
        Rc::new(match action {
            Action::Step => {
                if s.round() >= MAX_UI_ROUNDS {
                    let text = i18n::stops_at(s.lang, MAX_UI_ROUNDS);
                    let mut s = s.notice(false, text);
                    s.playing = false;
                    return Rc::new(s);
                }
                let t0 = crate::probe::now();
                let report = s.timeline.borrow_mut().step();
                crate::probe::record_step(crate::probe::now() - t0);
                let mut s = s.bump(Some(report));
                if s.playing && s.quiescent() {
                    s.playing = false;
                    s.last_action = Some(i18n::paused_quiet(s.lang, s.round()));
                }
                s
            }
            Action::Back => {
                let r = s.round();
                if r == 0 {
                    s
                } else {
                    s.timeline.borrow_mut().seek(r - 1);
                    let mut s = s.bump(None);
                    s.playing = false;
                    s
                }
            }
            Action::Seek(r) => {
                // Within the computed history this is a replay; beyond it (a host page or a
                // link asking for a later round) the run is computed, up to a bounded amount.
                let (nodes, frontier) = {
                    let t = s.timeline.borrow();
                    (t.sim().nodes(), t.frontier())
                };
                let reach = (crate::share::link::MAX_REPLAY_WORK / u64::from(nodes.max(1)))
                    .min(u64::from(MAX_UI_ROUNDS)) as u32;
                let target = r.min(reach.max(frontier));
                s.timeline.borrow_mut().seek(target);
                let mut s = s.bump(None);
                s.playing = false;
                s
            }
            Action::Reset => {
                s.timeline.borrow_mut().seek(0);
                let mut s = s.bump(None);
                s.playing = false;
                s
            }
            Action::TogglePlay => {
                let mut s = s;
                s.playing = !s.playing;
                s.auto_paused = false;
                s.generation += 1;
                s
            }
            Action::Pause => s.touch(|s| s.playing = false),
            Action::SetSpeed(v) => {
                s.touch(|s| s.speed = crate::num::clamp(v, MIN_SPEED, MAX_SPEED))
            }
            Action::Select(n) => {
                let mut s = s;
                let nodes = s.timeline.borrow().sim().nodes();
                s.selected = n.filter(|&n| n < nodes);
                if let Some(n) = s.selected {
                    if !s.timeline.borrow().sim().is_alive(n) {
                        s.subject = Some(n);
                    }
                }
                s.generation += 1;
                s
            }
            Action::SelectBy(d) => {
                let mut s = s;
                let nodes = i64::from(s.timeline.borrow().sim().nodes());
                let cur = s.selected.map_or(-1, i64::from);
                s.selected = Some((cur + d).rem_euclid(nodes) as u32);
                s.generation += 1;
                s
            }
            Action::ShowMessage(id) => s.touch(|s| s.message = Some(id)),
            Action::Inject { content, update } => s.on_selected(|s, node| {
                let id = if update { s.message } else { None };
                s.command(Command::Inject { node, id, content })
            }),
            Action::Kill => s.on_selected(|s, node| s.command(Command::Kill { node })),
            Action::Revive { amnesia } => {
                s.on_selected(|s, node| s.command(Command::Revive { node, amnesia }))
            }
            Action::Join => s.on_selected(|s, node| s.command(Command::Join { seed: node })),
            Action::Partition(k) => {
                let n = s.timeline.borrow().sim().nodes();
                if k < 2 || k > n {
                    let text = i18n::groups_out_of_range(s.lang, k, n);
                    return Rc::new(s.notice(true, text));
                }
                // Groups of consecutive nodes; the last group is everything not listed.
                let size = n.div_ceil(k);
                let groups = (0..k - 1)
                    .map(|g| (g * size..((g + 1) * size).min(n)).collect())
                    .collect();
                s.command(Command::Partition { groups })
            }
            Action::Heal => s.command(Command::Heal),
            Action::SetLoss(loss) => s.command(Command::SetLoss { loss }),
            Action::Configure(config, seed) => match AppState::with(*config, seed) {
                Ok(mut fresh) => {
                    fresh.generation = s.generation + 1;
                    fresh.animation = s.animation;
                    fresh.speed = s.speed;
                    fresh.lang = s.lang;
                    fresh.options = s.options.clone();
                    fresh.last_action = Some(tr!(fresh.lang, "New scenario loaded.").to_string());
                    fresh
                }
                Err(e) => {
                    let text = i18n::engine_error(s.lang, &e);
                    s.notice(true, text)
                }
            },
            Action::Notify(n) => s.notice(n.error, n.text),
            Action::Dismiss => s.touch(|s| s.notice = None),
            Action::Help(open) => s.touch(|s| s.help = open),
            Action::Intro(open) => s.touch(|s| s.intro = open),
            Action::Load {
                scenario,
                view,
                lesson,
            } => match AppState::load(&scenario, &view) {
                Ok(mut fresh) => {
                    fresh.generation = s.generation + 1;
                    fresh.animation = s.animation;
                    fresh.lang = s.lang;
                    fresh.options = s.options.clone();
                    fresh.lesson = lesson;
                    fresh
                }
                Err(e) => {
                    let text = i18n::engine_error(s.lang, &e);
                    s.notice(true, text)
                }
            },
            Action::SetLang(lang) => s.touch(|s| s.lang = lang),
            Action::AutoPause => {
                let mut s = s;
                if s.playing {
                    s.playing = false;
                    s.auto_paused = true;
                    s.generation += 1;
                }
                s
            }
            Action::AutoResume => {
                let mut s = s;
                if s.auto_paused {
                    s.playing = true;
                    s.auto_paused = false;
                    s.generation += 1;
                }
                s
            }
            Action::Share(open) => s.touch(|s| {
                s.share = open;
                s.copied = None;
            }),
            // The next three change what panels show, not the run: no new generation, so
            // nothing that waits for a change (the address bar, the host page, the scene)
            // stirs.
            Action::Copied(what) => AppState {
                copied: Some(what),
                ..s
            },
            Action::Type(typed) => AppState { typed, ..s },
            Action::Redraw => s,
            Action::CloseLesson => s.touch(|s| s.lesson = None),
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
