//! The page: one reducer, the panels around the graph, and the keyboard.

use std::cell::RefCell;
use std::rc::Rc;

use gossip_engine::Protocol;
use yew::prelude::*;

use crate::components::analysis::Analysis;
use crate::components::bands::{bands_panel, use_bands};
use crate::components::chart::{ChartData, ChartInput, chart};
use crate::components::embed_bar::embed_bar;
use crate::components::graph::Graph;
use crate::components::inspector::inspector;
use crate::components::lang::lang_switch;
use crate::components::legend::legend;
use crate::components::lessons::{follow_study, lesson_card, lesson_picker, show_lesson};
use crate::components::markup::{Esc, raw};
use crate::components::messages::message_bar;
use crate::components::overlays::{help, intro, move_focus};
use crate::components::round_log::round_log;
use crate::components::settings::Settings;
use crate::components::share::share_dialog;
use crate::components::summary::summary;
use crate::components::transport::transport;
use crate::draft::Draft;
use crate::i18n::{self, tr};
use crate::narrate;
use crate::render::canvas::Scene;
use crate::scene::{self, Layout};
use crate::share::link::{Controls, Theme};
use crate::state::{Action, AppState};

/// Maps a key press to an action, given the state it acts on.
pub fn key_action(key: &str, st: &AppState) -> Option<Action> {
    Some(match key {
        " " | "Spacebar" => Action::TogglePlay,
        "ArrowRight" => Action::Step,
        "ArrowLeft" => Action::Back,
        "r" | "R" => Action::Reset,
        "[" => Action::SelectBy(-1),
        "]" => Action::SelectBy(1),
        "i" | "I" => Action::Inject {
            content: "news".into(),
            update: false,
        },
        "u" | "U" => Action::Inject {
            content: "update".into(),
            update: true,
        },
        "k" | "K" => Action::Kill,
        "v" | "V" => Action::Revive { amnesia: false },
        "a" | "A" => Action::Revive { amnesia: true },
        "j" | "J" => Action::Join,
        "m" | "M" => {
            let t = st.timeline.borrow();
            let count = t.sim().message_ids().count() as u32;
            if count == 0 {
                return None;
            }
            Action::ShowMessage(st.message.map_or(0, |m| (m + 1) % count))
        }
        "+" | "=" => Action::SetSpeed(st.speed * 1.5),
        "-" | "_" => Action::SetSpeed(st.speed / 1.5),
        "?" => Action::Help(!st.help),
        "Escape" if st.share => Action::Share(false),
        "Escape" => Action::Help(false),
        _ => return None,
    })
}

fn reduced_motion() -> bool {
    web_sys::window()
        .and_then(|w| {
            w.match_media("(prefers-reduced-motion: reduce)")
                .ok()
                .flatten()
        })
        .is_some_and(|m| m.matches())
}

/// The application.
#[function_component(App)]
pub fn app() -> Html {
    let state = use_reducer(crate::address::opening_state);
    let drawer = use_state(|| false);
    let dispatch = state.dispatcher();
    let latest: Rc<RefCell<Rc<AppState>>> = use_mut_ref(|| Rc::new((*state).clone()));

    // Once mounted: keyboard shortcuts (ignored while typing in a field), the host page's API,
    // and pausing while off screen (scrolled away, tab hidden). One effect for the three: each
    // effect is its own copy of Yew's hook code.
    let root = use_node_ref();
    {
        let dispatch = dispatch.clone();
        let latest = latest.clone();
        let root = root.clone();
        use_effect_with((), move |_| {
            let host = crate::embed::listen_to_host(dispatch.clone(), latest.clone());
            let pasted = crate::address::follow(dispatch.clone());
            let unpause = crate::embed::pause_when_hidden(dispatch.clone(), root.cast());
            // A focused control keeps the keys it uses itself (components::transport_keys).
            let listener = {
                let dispatch = dispatch.clone();
                crate::components::transport_keys::listen(move |key, _| {
                    let st = latest.borrow().clone();
                    key_action(key, &st).map(|a| dispatch.dispatch(a)).is_some()
                })
            };
            // The page is interactive from here on (end-to-end tests wait for this).
            crate::probe::mark_ready();
            move || {
                drop(listener);
                drop(host);
                drop(pasted);
                unpause();
            }
        });
    }

    // Playing, in every layout (the transport bar is not always shown).
    crate::components::transport::use_play_timer(dispatch.clone(), state.playing, state.speed);

    // After every change: tell the host page, and (when not playing) keep the address bar's
    // link in step with what is on screen.
    {
        let st = state.clone();
        use_effect_with(state.generation, move |_| {
            crate::embed::tell_host(&st, "gossip:round");
            if !st.playing {
                crate::address::write(&st.link());
            }
        });
    }
    // Focus into the help when it opens, and back when it closes.
    use_effect_with(state.help, |&open| move_focus(open));
    // The lesson picker and card follow the open lesson, and its table is computed.
    {
        let dispatch = dispatch.clone();
        // An embedded player shows no lesson card, so it computes no table.
        let card = state.lesson.filter(|_| !state.options.embed);
        use_effect_with(card, move |card| {
            show_lesson(*card);
            follow_study(*card, &dispatch);
        });
    }
    // Theme and language on <html>.
    {
        let theme = state.options.theme;
        let lang = state.lang;
        use_effect_with((theme, lang), move |(theme, lang)| {
            if let Some(html) = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.document_element())
            {
                match theme {
                    Some(Theme::Dark) => html.set_attribute("data-theme", "dark").ok(),
                    Some(Theme::Light) => html.set_attribute("data-theme", "light").ok(),
                    None => html.remove_attribute("data-theme").ok(),
                };
                html.set_attribute("lang", lang.tag()).ok();
                if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
                    doc.set_title(tr!(*lang, "Gossip Playground"));
                }
            }
        });
    }

    // Layout: once per cluster shape (a new timeline, or a join).
    let nodes = state.timeline.borrow().sim().nodes();
    let tl_id = Rc::as_ptr(&state.timeline) as usize;
    let layout = {
        let st = state.clone();
        use_memo((tl_id, nodes), move |_| {
            Layout::of(st.timeline.borrow().sim())
        })
    };
    let scene = {
        let st = state.clone();
        let layout = layout.clone();
        use_memo((state.generation, tl_id), move |_| {
            scene::build(&st, &layout, !reduced_motion())
        })
    };

    // Bands over many seeds, run by the bands worker (components/bands.rs).
    let (band, band_press) = {
        let latest = latest.clone();
        use_bands(Callback::from(move |()| {
            latest.borrow().timeline.borrow().scenario()
        }))
    };
    let st = &*state;
    let chart_data = {
        let st = state.clone();
        use_memo((state.generation, tl_id, state.message), move |_| {
            ChartData::sample(st.timeline.borrow().history(), st.message)
        })
    };
    // The theory curve of the shown message: the run's own faults, loss and partitions
    // counted; recomputed when the log changes, or the run outgrows the curve.
    let theory = {
        let st = state.clone();
        // A command given in the past truncates the log and appends itself, so the length
        // and the last entry tell every change of the log.
        let (actions, last, frontier) = {
            let t = state.timeline.borrow();
            (t.actions().len(), t.actions().last().cloned(), t.frontier())
        };
        let cap = (frontier + 40).next_power_of_two();
        use_memo((tl_id, actions, last, state.message, cap), move |_| {
            let t = st.timeline.borrow();
            let s = t.scenario();
            let timed = s.config.time.is_some();
            st.message
                .filter(|_| !timed)
                .and_then(|m| gossip_engine::mean_field::spread_curve(&s, m, cap))
                .map(Rc::new)
        })
    };
    let (round, frontier, config, loss, partitioned) = {
        let t = st.timeline.borrow();
        let sim = t.sim();
        (
            t.round(),
            t.frontier(),
            sim.config().clone(),
            sim.loss(),
            sim.partition().is_some(),
        )
    };
    let membership = matches!(config.protocol, Protocol::Membership { .. });
    let hierarchical = matches!(
        config.topology,
        gossip_engine::topology::TopologyConfig::Hierarchical { .. }
    );
    let seed = st.timeline.borrow().sim().seed();
    let draft = Draft::from_config(&config, seed);
    // "round 7", or under a time model "2.5 s · tick 25".
    let step = i18n::step_label(st.lang, round, config.time.as_ref());
    let on_pick = {
        let d = dispatch.clone();
        Callback::from(move |n: Option<u32>| d.dispatch(Action::Select(n)))
    };
    let on_seek = {
        let d = dispatch.clone();
        Callback::from(move |r: u32| d.dispatch(Action::Seek(r)))
    };
    // The whole step at the chosen speed, so slow play shows slow dots.
    let duration = (1000.0 / st.speed).clamp(120.0, 4000.0) * 0.9;
    let dismiss = {
        let d = dispatch.clone();
        Callback::from(move |_: MouseEvent| d.dispatch(Action::Dismiss))
    };
    let open = |a: Action| {
        let d = dispatch.clone();
        Callback::from(move |_: MouseEvent| d.dispatch(a.clone()))
    };

    // The bands hold for the scenario they were run for; any change of configuration, seed
    // or log hides them.
    let shown_band = band.shown(|| st.timeline.borrow().scenario());
    // This render's state, for what reads it later: the share dialog's exports, and the
    // keyboard and host-page listeners (through `latest`).
    let shared = Rc::new(st.clone());
    *latest.borrow_mut() = shared.clone();
    let lang = st.lang;
    let narration = if st.report.round == round && round > 0 {
        narrate::summary_in(st.lang, &st.report, config.time.as_ref())
    } else {
        String::new()
    };
    let live = html! { <div class="visually-hidden" aria-live="polite" data-testid="live">{ narration }</div> };
    let notice = st.notice.as_ref().map(|n| {
        let dismiss = dismiss.clone();
        html! {
            <div class="notice" data-kind={if n.is_error() { "error" } else { "info" }} role="alert" data-testid="notice">
                <span>{ i18n::notice_text(lang, n) }</span>
                <button onclick={dismiss} aria-label={tr!(lang, "Dismiss")}>{"×"}</button>
            </div>
        }
    });

    if st.options.embed {
        let open_url = format!("{}#{}", crate::components::share::base_url(), {
            let mut o = st.options.clone();
            o.embed = false;
            crate::share::link::encode(&st.timeline.borrow().scenario(), &st.view(), &o)
        });
        return html! {
            <div class="app embed" ref={root}>
                { for notice }
                <div class="canvas-wrap">
                    <Graph<Scene> scene={scene.clone()} animation={st.animation} duration_ms={duration}
                        {on_pick} label={AttrValue::from(scene::describe(st))} />
                </div>
                { match st.options.controls {
                    Controls::None => html! { <output class="round embed-round" data-testid="round">{ step }</output> },
                    Controls::Minimal => embed_bar(lang, &dispatch, round, &step, st.playing, AttrValue::from(open_url)),
                    Controls::Full => transport(lang, &dispatch, (round, &step, config.time.is_some()), frontier, st.playing, st.speed),
                } }
                { legend(lang, membership, hierarchical) }
                { live }
            </div>
        };
    }

    // On a projector (721 to 1,100 px) the form is a drawer, so that the graph and the lesson
    // share the screen; this button opens and closes it (CSS hides it at other widths).
    let drawer_toggle = {
        let drawer = drawer.clone();
        Callback::from(move |_: MouseEvent| drawer.set(!*drawer))
    };
    html! {
        <div class={classes!("app", drawer.then_some("drawer-open"))} ref={root}>
            <header class="topbar">
                <div class="brand">{ raw(format!(
                    concat!(
                        r#"<svg viewBox="0 0 64 64" width="28" height="28" aria-hidden="true">"#,
                        r##"<circle cx="20" cy="22" r="9" fill="#E69F00"/><circle cx="44" cy="18" r="9" fill="#E69F00"/>"##,
                        r##"<rect x="23" y="38" width="15" height="15" fill="#0072B2"/>"##,
                        r#"<circle cx="50" cy="42" r="7" fill="none" stroke="currentColor" stroke-width="3"/></svg>"#,
                        r#"<h1>{}</h1><span class="tagline">{}</span>"#,
                    ),
                    Esc(tr!(lang, "Gossip Playground")),
                    Esc(tr!(lang, "epidemic protocols, round by round")),
                )) }</div>
                <nav class="top-actions">
                    <button class="drawer-toggle" onclick={drawer_toggle} aria-controls="scenario-panel"
                        aria-expanded={if *drawer { "true" } else { "false" }} data-testid="drawer-toggle">
                        {tr!(lang, "Scenario")}{if *drawer { " ◂" } else { " ▸" }}</button>
                    { lesson_picker(&dispatch, st) }
                    { lang_switch(lang, &dispatch) }
                    <a class="button" href="./systems.html" data-testid="to-systems"
                        title={tr!(lang, "SWIM with Lifeguard as Consul and Serf run it, in seconds")}>
                        {tr!(lang, "Real systems →")}</a>
                    <a class="button" href="./stores.html" data-testid="to-stores"
                        title={tr!(lang, "Cassandra, Redis Cluster and Dynamo as they really gossip")}>
                        {tr!(lang, "Data stores →")}</a>
                    <button onclick={open(Action::Intro(!st.intro))} aria-expanded={if st.intro { "true" } else { "false" }} data-testid="intro-toggle">{tr!(lang, "What am I looking at?")}</button>
                    <button onclick={open(Action::Share(true))} data-testid="share">{tr!(lang, "Share")}</button>
                    <button onclick={open(Action::Help(true))} aria-label={tr!(lang, "Keyboard shortcuts")} data-testid="help-toggle">{"?"}</button>
                </nav>
            </header>
            { for notice }
            <main class="layout">
                <Settings dispatch={dispatch.clone()} current={draft} {loss} {partitioned} {lang} />
                <section class="stage" aria-label={tr!(lang, "Cluster")}>
                    { message_bar(&dispatch, st) }
                    <div class="canvas-wrap">
                        <Graph<Scene> scene={scene.clone()} animation={st.animation} duration_ms={duration}
                            {on_pick} label={AttrValue::from(scene::describe(st))} />
                    </div>
                    { legend(lang, membership, hierarchical) }
                    { transport(lang, &dispatch, (round, &step, config.time.is_some()), frontier, st.playing, st.speed) }
                    { chart(&ChartInput { data: chart_data, nodes: config.nodes,
                        protocol: config.protocol.clone(), fanout: config.fanout, theory: (*theory).clone(), time: config.time, round, on_seek, lang, bands: shown_band.clone() }) }
                    { bands_panel(lang, &band, shown_band.as_deref(), band_press) }
                    <Analysis dispatch={dispatch.clone()} state={shared.clone()} />
                </section>
                <aside class="panel side" aria-label={tr!(lang, "Details")}>
                    if st.lesson.is_some() {
                        { lesson_card(&dispatch, st) }
                    } else if st.intro {
                        { intro(lang, &dispatch) }
                    }
                    { summary(st) }
                    { round_log(lang, &st.report, (round, config.time.as_ref()), st.last_action.as_ref().map(|d| i18n::done_text(lang, d)).as_deref()) }
                    { inspector(&dispatch, st) }
                </aside>
            </main>
            if st.help { { help(lang, &dispatch) } }
            if st.share { { share_dialog(&dispatch, &shared, &scene) } }
            { live }
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_map_to_actions() {
        let st = AppState::initial();
        assert_eq!(key_action(" ", &st), Some(Action::TogglePlay));
        assert_eq!(key_action("ArrowLeft", &st), Some(Action::Back));
        assert_eq!(key_action("k", &st), Some(Action::Kill));
        assert_eq!(
            key_action("m", &st),
            Some(Action::ShowMessage(0)),
            "one message: m cycles to m0"
        );
        assert_eq!(key_action("+", &st), Some(Action::SetSpeed(3.0)));
        assert_eq!(key_action("x", &st), None);
    }
}
