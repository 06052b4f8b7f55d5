//! The real-systems page: the graph, the transport (tick by tick or period by period, in
//! seconds), the controls, the inspector, the chart, the measures, and the link, file and
//! export buttons.

use std::rc::Rc;

use gossip_engine::swim::{PacketKind, SwimCommand};
use yew::prelude::*;

use super::chart::chart;
use super::controls::Controls;
use super::inspector::inspector;
use super::lesson_card::{lesson_card, lesson_picker};
use super::link;
use super::model::{Model, Msg, Notice, SPEEDS};
use super::paint::flight_colour;
use super::report::{measures, save_buttons};
use super::scenario::SwimScenario;
use super::scene::{SwimScene, process};
use super::texts as tx;
use crate::components::graph::Graph;
use crate::components::playback::use_playback;
use crate::lang::Lang;
use crate::num::fixed;

/// The page's first story: Consul's LAN defaults for 16 members, member 5 killed at 2 s.
fn default_run() -> SwimScenario {
    let mut run = SwimScenario::preset(gossip_engine::swim::Preset::ConsulLan, 16, 1);
    run.push(20, SwimCommand::Kill { node: 5 });
    run
}

/// The run a page opens with: the link in the address bar, else [`default_run`]; a bad link
/// is said in the banner over that default.
fn opening() -> (SwimScenario, Option<(usize, usize)>, bool, Option<Notice>) {
    let fallback = default_run();
    let hash = web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default();
    match link::decode(&hash) {
        Ok(Some(o)) => (o.scenario, o.lesson, o.embed, None),
        Ok(None) => (fallback, None, false, None),
        Err(e) => (fallback, None, false, Some(Notice::Link(e))),
    }
}

/// The page.
#[function_component(SystemsPage)]
pub fn systems_page() -> Html {
    let model = use_reducer(|| {
        let (scenario, lesson, embed, problem) = opening();
        let mut m = Model::new(scenario.clone(), Lang::from_browser(), embed)
            .or_else(|e| {
                let fallback = default_run();
                Model::new(fallback, Lang::from_browser(), embed).map(|mut m| {
                    m.notice = Some(Notice::Scenario(e));
                    m
                })
            })
            .expect("the default scenario is valid");
        if m.notice.is_none() {
            m.notice = problem;
            m.lesson = lesson;
        }
        m
    });
    let d = model.dispatcher();
    let lang = model.lang;

    // Playing: one step per tick's worth of wall time at the chosen speed (at least 16 ms,
    // several ticks per step beyond that).
    let tick_ms = model.rec.borrow().tick_ms();
    let every_ms = {
        let d = d.clone();
        let step = Callback::from(move |k| d.dispatch(Msg::Step(k)));
        use_playback(model.playing, tick_ms, SPEEDS[model.speed], step)
    };
    // Tests and embeds wait for this: the page is mounted and drawn.
    use_effect_with((), |_| crate::probe::mark_ready());
    // The address bar always holds the link of what is on screen.
    {
        let rec = model.rec.clone();
        let (lesson, embed) = (model.lesson, model.embed);
        use_effect_with(model.rev, move |_| {
            let mut s = rec.borrow().scenario().clone();
            s.at = rec.borrow().now();
            crate::address::write(&link::encode(&s, lesson, embed));
        });
    }
    // An embedding page drives the run and hears of every change.
    {
        let d = d.clone();
        use_effect_with(tick_ms, move |ms| {
            let listener = super::embed::listen_to_host(d, *ms);
            move || drop(listener)
        });
    }
    {
        let model = model.clone();
        use_effect_with(model.rev, move |rev| {
            let kind = if *rev == 0 { "swim:ready" } else { "swim:tick" };
            super::embed::tell_host(&model, kind);
        });
    }
    // Keys: → ← a tick, Shift+→ ← a period, space plays.
    {
        let d = d.clone();
        let playing = model.playing;
        use_effect_with(playing, move |playing| {
            let playing = *playing;
            let listener = crate::components::transport_keys::listen(move |key, shift| {
                let msg = match (key, shift) {
                    ("ArrowRight", false) => Msg::Step(1),
                    ("ArrowLeft", false) => Msg::Step(-1),
                    ("ArrowRight", true) => Msg::Periods(1),
                    ("ArrowLeft", true) => Msg::Periods(-1),
                    (" ", _) => Msg::Play(!playing),
                    _ => return false,
                };
                d.dispatch(msg);
                true
            });
            move || drop(listener)
        });
    }

    let render_start = crate::probe::now();
    let rec = model.rec.borrow();
    let now = rec.now();
    let scene = Rc::new(SwimScene::at(&rec, model.positions.clone(), model.selected));
    let period = rec.period();
    let seconds = rec.seconds(now);
    let on_pick = {
        let d = d.clone();
        Callback::from(move |m: Option<u32>| d.dispatch(Msg::Select(m)))
    };
    let send = |m: fn() -> Msg| {
        let d = d.clone();
        Callback::from(move |_: MouseEvent| d.dispatch(m()))
    };
    let play = {
        let d = d.clone();
        let on = !model.playing;
        Callback::from(move |_: MouseEvent| d.dispatch(Msg::Play(on)))
    };
    let speed = {
        let d = d.clone();
        Callback::from(move |e: Event| {
            let v: web_sys::HtmlSelectElement = e.target_unchecked_into();
            d.dispatch(Msg::Speed(v.selected_index().max(0) as usize));
        })
    };
    let scrub = {
        let d = d.clone();
        Callback::from(move |e: InputEvent| {
            let v: web_sys::HtmlInputElement = e.target_unchecked_into();
            d.dispatch(Msg::Seek(v.value_as_number().max(0.0) as u32));
        })
    };
    let chart_member = model
        .selected
        .or_else(|| {
            rec.scenario().actions.iter().find_map(|a| match a.command {
                SwimCommand::Kill { node }
                | SwimCommand::Pause { node, .. }
                | SwimCommand::Slow { node, .. } => Some(node),
                _ => None,
            })
        })
        .unwrap_or(0)
        .min(rec.members().saturating_sub(1));
    let history = model.history(chart_member);
    let inspected = model.inspect();
    let panel = inspected.node.as_ref().map(|r| {
        let p = process(&rec.scenario().actions, r.id, now, tick_ms);
        inspector(lang, r, p, &d)
    });
    let on_lang = {
        let d = d.clone();
        Callback::from(move |e: Event| {
            let v: web_sys::HtmlSelectElement = e.target_unchecked_into();
            if let Some(l) = Lang::parse(&v.value()) {
                d.dispatch(Msg::Lang(l));
            }
        })
    };
    let legend = [
        PacketKind::Ping,
        PacketKind::BuddyPing,
        PacketKind::Ack,
        PacketKind::PingReq,
        PacketKind::IndirectAck,
        PacketKind::Nack,
        PacketKind::Gossip,
        PacketKind::PushPull,
    ];
    let page = html! {
        <div class={classes!("swim-page", model.embed.then_some("embedded"))} lang={lang.tag()}>
            if !model.embed {
                <header class="topbar">
                    <div>
                        <strong>{tx::TITLE.get(lang)}</strong>
                        <span class="tagline">{" — "}{tx::SUBTITLE.get(lang)}</span>
                    </div>
                    <div class="swim-buttons">
                        {lesson_picker(lang, model.lesson.map(|l| l.0), &d)}
                        <a class="button" href="./index.html" data-testid="to-player">{tx::BACK.get(lang)}</a>
                        <a class="button" href="./stores.html" data-testid="to-stores">{tx::TO_STORES.get(lang)}</a>
                        <select onchange={on_lang} aria-label="Language" data-testid="lang">
                            { for Lang::ALL.iter().map(|l| html! {
                                <option value={l.tag()} selected={*l == lang}>{l.native_name()}</option>
                            }) }
                        </select>
                    </div>
                </header>
            }
            if let Some(n) = &model.notice {
                <div class="notice" data-kind="error" role="alert" data-testid="swim-notice">
                    <span>{tx::notice(n, lang)}</span>
                    <button onclick={send(|| Msg::Notice(None))}>{tx::DISMISS.get(lang)}</button>
                </div>
            }
            <main class="swim-main">
                if !model.embed {
                    <Controls model={(*model).clone()} dispatch={d.clone()} />
                }
                <section class="swim-centre">
                    <div class="swim-transport" data-testid="swim-transport">
                        <button onclick={send(|| Msg::Seek(0))} data-testid="restart">{tx::RESTART.get(lang)}</button>
                        <button onclick={send(|| Msg::Periods(-1))} data-testid="back-period">{tx::BACK_PERIOD.get(lang)}</button>
                        <button onclick={send(|| Msg::Step(-1))} data-testid="back-tick">{tx::BACK_TICK.get(lang)}</button>
                        <button class="primary" onclick={play} data-testid="play">
                            {if model.playing { tx::PAUSE_PLAYING.get(lang) } else { tx::PLAY.get(lang) }}
                        </button>
                        <button onclick={send(|| Msg::Step(1))} data-testid="next-tick">{tx::NEXT_TICK.get(lang)}</button>
                        <button onclick={send(|| Msg::Periods(1))} data-testid="next-period">{tx::NEXT_PERIOD.get(lang)}</button>
                        <label class="inline">{tx::SPEED.get(lang)}
                            <select onchange={speed} data-testid="speed">
                                { for SPEEDS.iter().enumerate().map(|(i, s)| html! {
                                    <option selected={i == model.speed}>{format!("{s}×")}</option>
                                }) }
                            </select>
                        </label>
                        <span class="clock" data-testid="clock">
                            {format!("{} s", fixed(seconds, 1))}
                            <small>{format!(" · {} {now} · {} {}", tx::TICK.get(lang), tx::PERIOD.get(lang), now / period)}</small>
                        </span>
                    </div>
                    <input type="range" class="scrub" min="0" max={rec.recorded().max(600).to_string()}
                        value={now.to_string()} oninput={scrub} aria-label={tx::TIME.get(lang)} data-testid="scrub" />
                    <Graph<SwimScene> scene={scene} animation={u64::from(now)} duration_ms={every_ms.min(400.0)}
                        on_pick={on_pick} label={AttrValue::from(format!("{} · {} s", tx::TITLE.get(lang), fixed(seconds, 1)))} />
                    <div class="swim-legend" aria-label={tx::LEGEND.get(lang)}>
                        <span class="shape alive">{"●"}</span>{tx::state_name(gossip_engine::swim::MemberState::Alive).get(lang)}
                        <span class="shape suspect">{"▲"}</span>{tx::state_name(gossip_engine::swim::MemberState::Suspect).get(lang)}
                        <span class="shape dead">{"■"}</span>{tx::state_name(gossip_engine::swim::MemberState::Dead).get(lang)}
                        <span class="shape left">{"◆"}</span>{tx::state_name(gossip_engine::swim::MemberState::Left).get(lang)}
                        { for legend.iter().map(|k| html! {
                            <span class="packet"><svg width="10" height="10"><circle cx="5" cy="5" r="4" fill={flight_colour(*k)} /></svg>
                            {tx::packet_name(*k).get(lang)}</span>
                        }) }
                    </div>
                    {chart(lang, chart_member, &history, now, f64::from(tick_ms) / 1000.0, &rec.scenario().config)}
                </section>
                <aside class="swim-side">
                    if let Some(l) = model.lesson {
                        {lesson_card(lang, l, &d)}
                    }
                    {panel.unwrap_or_else(|| html! { <p class="muted">{tx::PICK.get(lang)}</p> })}
                    {measures(lang, &inspected.metrics, f64::from(tick_ms) / 1000.0, seconds, rec.members())}
                    if !model.embed { {save_buttons(lang, &model.rec, model.lesson, chart_member, &d)} }
                </aside>
            </main>
        </div>
    };
    crate::probe::record("__swimRender", crate::probe::now() - render_start);
    page
}
