//! The data-store page: the system picker, the graph, the transport (a tick or a second at a
//! time), the faults, the lesson card, the inspector, the chart and the measures.

use std::rc::Rc;

use yew::prelude::*;

use super::chart::chart;
use super::inspector::inspector;
use super::lessons::STORE_LESSONS;
use super::link;
use super::model::{Model, Msg, Notice, SPEEDS};
use super::report::measures;
use super::scenario::{Store, StoreCommand, StoreScenario};
use super::scene::{StoreScene, kind_look, kinds};
use super::texts as tx;
use crate::components::graph::Graph;
use crate::components::playback::use_playback;
use crate::lang::Lang;
use crate::num::fixed;

/// The page's first story: Cassandra's defaults for 12 nodes, node 5 crashed at 5 s.
fn default_run() -> StoreScenario {
    let mut run = StoreScenario::new(Store::Cassandra, 12, 1);
    run.push(50, StoreCommand::Kill(5));
    run
}

/// The model the page opens with: the link in the address bar, else [`default_run`]; what
/// the link got wrong is said in the banner.
fn opening() -> Model {
    let lang = Lang::from_browser();
    let hash = web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default();
    let opened = link::decode(&hash);
    let (scenario, lesson, mut notices) = match opened {
        Some(o) => (
            o.scenario,
            o.lesson,
            o.problems.into_iter().map(Notice::Link).collect(),
        ),
        None => (default_run(), None, Vec::new()),
    };
    let mut m = Model::new(scenario, lang).unwrap_or_else(|e| {
        notices.push(Notice::Problem(e));
        Model::new(default_run(), lang).expect("the default run is valid")
    });
    m.notices = notices;
    m.lesson = lesson;
    m
}

/// The page.
#[function_component(StoresPage)]
pub fn stores_page() -> Html {
    let model = use_reducer(opening);
    let d = model.dispatcher();
    let lang = model.lang;
    let tick_ms = model.rec.borrow().tick_ms();
    let every_ms = {
        let d = d.clone();
        let step = Callback::from(move |k| d.dispatch(Msg::Step(k)));
        use_playback(model.playing, tick_ms, SPEEDS[model.speed], step)
    };
    use_effect_with((), |_| crate::probe::mark_ready());
    {
        let rec = model.rec.clone();
        let lesson = model.lesson;
        use_effect_with(model.rev, move |_| {
            let mut s = rec.borrow().scenario().clone();
            s.at = rec.borrow().now();
            crate::address::write(&link::encode(&s, lesson));
        });
    }
    // Keys: → ← a tick, Shift+→ ← a second, space plays.
    {
        let d = d.clone();
        use_effect_with(model.playing, move |playing| {
            let playing = *playing;
            let listener = crate::components::transport_keys::listen(move |key, shift| {
                let second = i64::from(1000 / tick_ms.max(1));
                let msg = match (key, shift) {
                    ("ArrowRight", false) => Msg::Step(1),
                    ("ArrowLeft", false) => Msg::Step(-1),
                    ("ArrowRight", true) => Msg::Step(second),
                    ("ArrowLeft", true) => Msg::Step(-second),
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
    let scenario = rec.scenario();
    let store = scenario.store;
    let tick_s = f64::from(tick_ms) / 1000.0;
    let seconds = rec.seconds(now);
    let second = i64::from(1000 / tick_ms.max(1));
    let scene = Rc::new(StoreScene::at(
        &rec,
        model.positions.clone(),
        model.selected,
    ));
    let send = |m: Rc<dyn Fn() -> Msg>| {
        let d = d.clone();
        Callback::from(move |_: MouseEvent| d.dispatch(m()))
    };
    let on_pick = {
        let d = d.clone();
        Callback::from(move |m: Option<u32>| d.dispatch(Msg::Select(m)))
    };
    // The chart follows the node the story is about (the first one a command names), or a
    // selected node that is itself down or commanded; selecting an onlooker to read its
    // inspector does not take the chart away from the story.
    let named = scenario.actions.iter().find_map(|a| a.command.subject());
    let notable = |n: u32| {
        rec.frame().down.get(n as usize).copied().unwrap_or(false)
            || scenario.actions.iter().any(|a| a.command.node() == Some(n))
    };
    let followed = model
        .selected
        .filter(|&n| notable(n) || named.is_none())
        .or(named)
        .unwrap_or(0)
        .min(rec.frame().views.len() as u32 - 1);
    let (quorum, threshold, panel) = rec.with_run(|run| {
        let (q, th) = match run {
            super::run::Run::Redis(s) => (s.quorum(), 0.0),
            super::run::Run::Cassandra(s) => (0, s.config().phi_convict_threshold),
            super::run::Run::Dynamo(_) => (0, 0.0),
        };
        (q, th, model.selected.map(|n| inspector(lang, run, n)))
    });
    let selected_down = model
        .selected
        .and_then(|n| rec.frame().down.get(n as usize).copied());
    let fault = |label: &'static str, id: &'static str, cmd: Option<StoreCommand>| {
        let disabled = cmd.is_none();
        let onclick = {
            let d = d.clone();
            Callback::from(move |_: MouseEvent| {
                if let Some(c) = cmd.clone() {
                    d.dispatch(Msg::Command(c));
                }
            })
        };
        html! { <button {onclick} {disabled} data-testid={id}>{label}</button> }
    };
    let sel = model.selected;
    let n_now = rec.frame().views.len() as u32;
    let loss_now = scenario
        .actions
        .iter()
        .filter(|a| a.tick <= now)
        .filter_map(|a| match a.command {
            StoreCommand::Loss(p) => Some(p),
            _ => None,
        })
        .next_back()
        .unwrap_or(0.0);
    let on_loss = {
        let d = d.clone();
        Callback::from(move |e: Event| {
            let v: web_sys::HtmlSelectElement = e.target_unchecked_into();
            if let Ok(p) = v.value().parse::<f64>() {
                d.dispatch(Msg::Command(StoreCommand::Loss(p / 100.0)));
            }
        })
    };
    let nodes_ref = use_node_ref();
    let seed_ref = use_node_ref();
    let apply = {
        let (d, nodes_ref, seed_ref) = (d.clone(), nodes_ref.clone(), seed_ref.clone());
        let base = scenario.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let read = |r: &NodeRef| {
                r.cast::<web_sys::HtmlInputElement>()
                    .map(|i| i.value_as_number())
                    .filter(|x| x.is_finite() && *x >= 0.0)
            };
            let nodes = read(&nodes_ref).map_or(base.nodes, |x| x.min(f64::from(u32::MAX)) as u32);
            let seed = read(&seed_ref).map_or(base.seed, |x| x as u64);
            d.dispatch(Msg::Load(Box::new(StoreScenario::new(
                base.store, nodes, seed,
            ))));
        })
    };
    let on_lang = {
        let d = d.clone();
        Callback::from(move |e: Event| {
            let v: web_sys::HtmlSelectElement = e.target_unchecked_into();
            if let Some(l) = Lang::parse(&v.value()) {
                d.dispatch(Msg::Lang(l));
            }
        })
    };
    let on_lesson = {
        let d = d.clone();
        Callback::from(move |e: Event| {
            let v: web_sys::HtmlSelectElement = e.target_unchecked_into();
            let i = v.selected_index();
            d.dispatch(Msg::Lesson((i > 0).then(|| (i as usize - 1, 0))));
        })
    };
    let scrub = {
        let d = d.clone();
        Callback::from(move |e: InputEvent| {
            let v: web_sys::HtmlInputElement = e.target_unchecked_into();
            d.dispatch(Msg::Seek(v.value_as_number().max(0.0) as u32));
        })
    };
    let speed = {
        let d = d.clone();
        Callback::from(move |e: Event| {
            let v: web_sys::HtmlSelectElement = e.target_unchecked_into();
            d.dispatch(Msg::Speed(v.selected_index().max(0) as usize));
        })
    };
    let play = {
        let d = d.clone();
        let on = !model.playing;
        Callback::from(move |_: MouseEvent| d.dispatch(Msg::Play(on)))
    };
    let classes = tx::class_names(store);
    let card = model.lesson.and_then(|(l, v)| STORE_LESSONS.get(l).map(|x| (l, v, x))).map(|(l, v, lesson)| {
        let variants = lesson.variants.iter().enumerate().map(|(i, (label, _, _))| {
            let d = d.clone();
            let onclick = Callback::from(move |_: MouseEvent| d.dispatch(Msg::Lesson(Some((l, i)))));
            html! {
                <button class={classes!((i == v).then_some("primary"))} {onclick}
                    aria-pressed={(i == v).to_string()} data-testid={format!("variant-{i}")}>{label.get(lang)}</button>
            }
        });
        html! {
            <article class="swim-lesson" data-testid="store-lesson" data-slug={lesson.slug}>
                <header>
                    <h2>{lesson.title.get(lang)}</h2>
                    <button class="close" onclick={send(Rc::new(|| Msg::Lesson(None)))}
                        aria-label={tx::CLOSE.get(lang)} title={tx::CLOSE.get(lang)}>{"×"}</button>
                </header>
                <div class="swim-buttons">{ for variants }</div>
                if let Some((_, _, watch)) = lesson.variants.get(v) {
                    <p data-testid="watch"><strong>{tx::WATCH.get(lang)}{": "}</strong>{watch.get(lang)}</p>
                }
                <details>
                    <summary>{tx::MORE.get(lang)}</summary>
                    { for lesson.body.iter().map(|p| html! { <p>{p.get(lang)}</p> }) }
                </details>
                <p><strong>{tx::NEXT.get(lang)}{": "}</strong>{lesson.next.get(lang)}</p>
            </article>
        }
    });
    let page = html! {
        <div class="swim-page" lang={lang.tag()} data-store={store.slug()}>
            <header class="topbar">
                <div>
                    <strong>{tx::TITLE.get(lang)}</strong>
                    <span class="tagline">{" — "}{tx::SUBTITLE.get(lang)}</span>
                </div>
                <div class="swim-buttons">
                    <select onchange={on_lesson} aria-label={tx::LESSONS.get(lang)} data-testid="store-lessons">
                        <option selected={model.lesson.is_none()}>{tx::CHOOSE.get(lang)}</option>
                        { for STORE_LESSONS.iter().enumerate().map(|(i, l)| html! {
                            <option selected={model.lesson.map(|x| x.0) == Some(i)}>{l.title.get(lang)}</option>
                        }) }
                    </select>
                    <a class="button" href="./index.html" data-testid="to-player">{tx::TO_PLAYER.get(lang)}</a>
                    <a class="button" href="./systems.html" data-testid="to-swim">{tx::TO_SWIM.get(lang)}</a>
                    <select onchange={on_lang} aria-label="Language" data-testid="lang">
                        { for Lang::ALL.iter().map(|l| html! {
                            <option value={l.tag()} selected={*l == lang}>{l.native_name()}</option>
                        }) }
                    </select>
                </div>
            </header>
            { for model.notices.iter().map(|n| html! {
                <div class="notice" data-kind="error" role="alert" data-testid="store-notice">
                    <span>{tx::notice(n, lang)}</span>
                    <button onclick={send(Rc::new(|| Msg::Dismiss))}>{tx::DISMISS.get(lang)}</button>
                </div>
            }) }
            // A command of the link that the engine refused when its tick came (a crash of a
            // node already down): the run went on without it.
            { for rec.refused().iter().filter(|r| r.action.tick <= now).map(|r| html! {
                <div class="notice" data-kind="error" role="alert" data-testid="store-refused">
                    <span>{format!("{} s: {}", fixed(rec.seconds(r.action.tick), 1),
                        tx::notice(&Notice::Refused(r.error.clone()), lang))}</span>
                </div>
            }) }
            <main class="swim-main">
                <aside class="swim-controls" data-testid="store-controls">
                    <fieldset>
                        <legend>{tx::SYSTEM.get(lang)}</legend>
                        <div class="swim-buttons">
                            { for Store::ALL.iter().map(|&s| {
                                let d = d.clone();
                                html! {
                                    <button class={classes!((s == store).then_some("primary"))} aria-pressed={(s == store).to_string()}
                                        onclick={Callback::from(move |_: MouseEvent| d.dispatch(Msg::System(s)))}
                                        data-testid={format!("system-{}", s.slug())}>{s.name()}</button>
                                }
                            }) }
                        </div>
                        <p class="muted small">{tx::about(store).get(lang)}</p>
                        <form onsubmit={apply} class="inline-form">
                            <label>{tx::NODES.get(lang)}
                                <input ref={nodes_ref} type="number" min="3" max={store.max_nodes().to_string()}
                                    value={scenario.nodes.to_string()} data-testid="nodes" /></label>
                            <label>{tx::SEED.get(lang)}
                                <input ref={seed_ref} type="number" min="0" value={scenario.seed.to_string()} data-testid="seed" /></label>
                            <button type="submit" data-testid="apply">{tx::APPLY.get(lang)}</button>
                        </form>
                    </fieldset>
                    <fieldset>
                        <legend>{tx::FAULTS.get(lang)}</legend>
                        if let Some(n) = sel {
                            <p><strong>{format!("{} {n}", tx::NODE.get(lang))}</strong></p>
                        } else {
                            <p class="muted small">{tx::SELECT_FIRST.get(lang)}</p>
                        }
                        <div class="swim-buttons">
                            {fault(tx::KILL.get(lang), "kill", sel.filter(|_| selected_down == Some(false)).map(StoreCommand::Kill))}
                            {fault(tx::PAUSE.get(lang), "pause", sel.filter(|_| selected_down == Some(false)).map(|n| StoreCommand::Pause(n, 20_000)))}
                            {fault(tx::RESTART_NODE.get(lang), "restart-node", sel.filter(|_| selected_down == Some(true)).map(StoreCommand::Restart))}
                        </div>
                        <div class="swim-buttons">
                            {fault(tx::SPLIT.get(lang), "split", Some(StoreCommand::Split(n_now / 2)))}
                            {fault(tx::HEAL.get(lang), "heal", Some(StoreCommand::Heal))}
                            {fault(tx::JOIN.get(lang), "join", (n_now < store.max_nodes()).then_some(StoreCommand::Join))}
                        </div>
                        <label>{tx::LOSS.get(lang)}
                            <select onchange={on_loss} data-testid="loss">
                                { for [0u32, 5, 10, 20, 30, 50].iter().map(|p| html! {
                                    <option value={p.to_string()} selected={(loss_now * 100.0).round() as u32 == *p}>{format!("{p} %")}</option>
                                }) }
                            </select>
                        </label>
                    </fieldset>
                </aside>
                <section class="swim-centre">
                    <div class="swim-transport" data-testid="store-transport">
                        <button onclick={send(Rc::new(|| Msg::Seek(0)))} data-testid="restart">{tx::RESTART.get(lang)}</button>
                        <button onclick={send(Rc::new(move || Msg::Step(-second)))} data-testid="back-second">{tx::BACK_SECOND.get(lang)}</button>
                        <button onclick={send(Rc::new(|| Msg::Step(-1)))} data-testid="back-tick">{tx::BACK_TICK.get(lang)}</button>
                        <button class="primary" onclick={play} data-testid="play">
                            {if model.playing { tx::PAUSE_PLAYING.get(lang) } else { tx::PLAY.get(lang) }}
                        </button>
                        <button onclick={send(Rc::new(|| Msg::Step(1)))} data-testid="next-tick">{tx::NEXT_TICK.get(lang)}</button>
                        <button onclick={send(Rc::new(move || Msg::Step(second)))} data-testid="next-second">{tx::NEXT_SECOND.get(lang)}</button>
                        <label class="inline">{tx::SPEED.get(lang)}
                            <select onchange={speed} data-testid="speed">
                                { for SPEEDS.iter().enumerate().map(|(i, s)| html! {
                                    <option selected={i == model.speed}>{format!("{s}×")}</option>
                                }) }
                            </select>
                        </label>
                        <span class="clock" data-testid="clock">
                            {format!("{} s", fixed(seconds, 1))}
                            <small>{format!(" · {} {now}", tx::TICK.get(lang))}</small>
                        </span>
                    </div>
                    <input type="range" class="scrub" min="0" max={rec.recorded().max(600).to_string()}
                        value={now.to_string()} oninput={scrub} aria-label={tx::TIME.get(lang)} data-testid="scrub" />
                    <Graph<StoreScene> scene={scene} animation={u64::from(now)} duration_ms={every_ms.min(400.0)}
                        on_pick={on_pick} label={AttrValue::from(format!("{} · {} s", store.name(), fixed(seconds, 1)))} />
                    <div class="swim-legend" aria-label={tx::LEGEND.get(lang)} data-testid="store-legend">
                        <span class="shape alive">{"●"}</span>{classes[0].get(lang)}
                        <span class="shape suspect">{"▲"}</span>{classes[1].get(lang)}
                        <span class="shape dead">{"■"}</span>{classes[2].get(lang)}
                        if store == Store::Dynamo {
                            <span class="shape left">{"◆"}</span>{classes[3].get(lang)}
                        }
                        if store == Store::RedisCluster {
                            <span class="shape">{"◉"}</span>{tx::MASTERS.get(lang)}
                        }
                        { for kinds(store).iter().map(|k| html! {
                            <span class="packet"><svg width="10" height="10"><circle cx="5" cy="5" r="4" fill={kind_look(*k).0} /></svg>
                            {tx::kind_name(*k).get(lang)}</span>
                        }) }
                    </div>
                    {chart(lang, &rec, followed, (quorum, threshold))}
                </section>
                <aside class="swim-side">
                    {card.unwrap_or_default()}
                    {panel.unwrap_or_else(|| html! { <p class="muted">{tx::PICK.get(lang)}</p> })}
                    {measures(lang, store, rec.frames(), &scenario.actions, now, tick_s)}
                </aside>
            </main>
        </div>
    };
    crate::probe::record("__storeRender", crate::probe::now() - render_start);
    page
}
