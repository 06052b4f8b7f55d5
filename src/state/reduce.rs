//! The one reducer: every [`Action`] and the state it leads to.

use std::rc::Rc;

use gossip_engine::Command;

use super::notice::{Done, Notice};
use super::{Action, AppState};
use crate::share::link::MAX_REPLAY_WORK;
use crate::view::{MAX_SPEED, MAX_UI_ROUNDS, MIN_SPEED};

impl yew::Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let s = (*self).clone();
        Rc::new(match action {
            Action::Step => {
                if s.round() >= MAX_UI_ROUNDS {
                    let mut s = s.notice(Notice::StopsAt(MAX_UI_ROUNDS));
                    s.playing = false;
                    return Rc::new(s);
                }
                let t0 = crate::probe::now();
                let report = s.timeline.borrow_mut().step();
                crate::probe::record_step(crate::probe::now() - t0);
                let mut s = s.bump(Some(report));
                if s.playing && s.quiescent() {
                    s.playing = false;
                    s.last_action = Some(Done::PausedQuiet(s.round()));
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
                let reach = (MAX_REPLAY_WORK / u64::from(nodes.max(1)))
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
            Action::SetSpeed(v) => s.touch(|s| s.speed = v.clamp(MIN_SPEED, MAX_SPEED)),
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
                    return Rc::new(s.notice(Notice::Refused(gossip_engine::Error::OutOfRange {
                        field: "groups",
                        value: f64::from(k),
                        min: 2.0,
                        max: f64::from(n),
                    })));
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
            Action::Configure(config, seed) => match s.reconfigured(*config, seed) {
                Ok(mut fresh) => {
                    fresh.generation = s.generation + 1;
                    fresh.animation = s.animation;
                    fresh.speed = s.speed;
                    fresh.lang = s.lang;
                    fresh.options = s.options.clone();
                    fresh.last_action = Some(Done::NewScenario);
                    fresh.lesson = s.lesson;
                    fresh
                }
                Err(e) => s.notice(Notice::Refused(e)),
            },
            Action::Notify(n) => s.notice(n),
            Action::Open(d) => {
                let mut fresh = AppState::open(*d, s.lang);
                fresh.generation = s.generation + 1;
                fresh.animation = s.animation;
                fresh
            }
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
                Err(e) => s.notice(Notice::Refused(e)),
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
