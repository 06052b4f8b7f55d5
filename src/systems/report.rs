//! What the real-systems page measures and hands out: the detection times of killed
//! members, false positives, refutations and traffic, in seconds; and the link, the
//! scenario file and the CSV/JSON exports.

use std::cell::RefCell;
use std::rc::Rc;

use gossip_engine::swim::SwimMetrics;
use serde::Serialize;
use yew::prelude::*;

use super::link;
use super::model::{Model, Msg, Notice};
use super::recording::Recording;
use super::scenario::SwimScenario;
use super::texts as tx;
use crate::components::share::{download, read_chosen_file};
use crate::lang::Lang;
use crate::num::fixed;

/// Seconds of `ticks`, or "not yet".
fn secs(ticks: Option<u32>, tick_s: f64, lang: Lang) -> String {
    ticks.map_or_else(
        || tx::NOT_YET.get(lang).to_owned(),
        |t| format!("{} s", fixed(f64::from(t) * tick_s, 1)),
    )
}

/// The measures panel.
pub fn measures(lang: Lang, m: &SwimMetrics, tick_s: f64, seconds: f64, members: u32) -> Html {
    let per = |x: u64| {
        f64::from(u32::try_from(x).unwrap_or(u32::MAX))
            / seconds.max(tick_s)
            / f64::from(members.max(1))
    };
    let detections = m.detections.iter().map(|(&member, d)| {
        let title = tx::fill(
            tx::KILLED_AT.get(lang),
            &[
                ("m", member.to_string()),
                ("t", fixed(f64::from(d.crashed_at) * tick_s, 1)),
            ],
        );
        let row = |label: crate::i18n::Text, v: Option<u32>, id: &'static str| {
            html! { <tr><td>{label.get(lang)}</td><td data-testid={id}>{secs(v, tick_s, lang)}</td></tr> }
        };
        html! {
            <li data-testid="detection">{title}
                <table class="swim-table">
                    <thead><tr><th></th><th>{tx::AFTER.get(lang)}</th></tr></thead>
                    <tbody>
                        {row(tx::FIRST_SUSPECT, d.first_suspect, "first-suspect")}
                        {row(tx::FIRST_CONFIRM, d.first_confirm, "first-confirm")}
                        {row(tx::ALL_DEAD, d.all_dead, "all-dead")}
                    </tbody>
                </table>
            </li>
        }
    });
    html! {
        <section class="swim-measures" data-testid="swim-measures">
            <h2>{tx::MEASURES.get(lang)}</h2>
            <ul>
                { for detections }
                <li data-testid="false-positives">{format!("{}: {}", tx::FALSE_POSITIVES.get(lang), m.false_positives)}</li>
                <li data-testid="refutations">{format!("{}: {}", tx::REFUTATIONS.get(lang), m.refutations)}</li>
                <li>{tx::fill(tx::TRAFFIC_FIGURES.get(lang), &[("p", fixed(per(m.messages), 2)), ("b", fixed(per(m.bytes), 0))])}</li>
            </ul>
        </section>
    }
}

/// What the JSON export holds.
#[derive(Serialize)]
struct Export<'a> {
    scenario: &'a SwimScenario,
    unit: &'static str,
    member: u32,
    /// Per tick: seconds, then how many hold the member alive, suspect, dead, left.
    series: Vec<(f64, u16, u16, u16, u16)>,
}

/// The run on screen as a scenario that opens at the tick shown.
fn shown(rec: &Recording) -> SwimScenario {
    let mut scenario = rec.scenario().clone();
    scenario.at = rec.now();
    scenario
}

/// `member`'s counts per tick: seconds, then how many hold it alive, suspect, dead, left.
fn series(rec: &Recording, member: u32) -> Vec<(f64, u16, u16, u16, u16)> {
    rec.history(member)
        .iter()
        .enumerate()
        .map(|(t, c)| (rec.seconds(t as u32), c[1], c[2], c[3], c[4]))
        .collect()
}

/// Copy link, save and open a scenario file, export the chart's numbers. Links and files are
/// built when their button is pressed, not on every render (a render comes with every tick
/// while playing).
pub fn save_buttons(
    lang: Lang,
    rec: &Rc<RefCell<Recording>>,
    lesson: Option<(usize, usize)>,
    member: u32,
    d: &UseReducerDispatcher<Model>,
) -> Html {
    let on = |make: fn(&Recording, Option<(usize, usize)>, u32)| {
        let rec = rec.clone();
        Callback::from(move |_: MouseEvent| make(&rec.borrow(), lesson, member))
    };
    let copy = on(|rec, lesson, _| {
        let pairs = link::encode(&shown(rec), lesson, false);
        if let (Some(w), Some(url)) = (web_sys::window(), crate::address::url_with(&pairs)) {
            let full = format!("{}{url}", w.location().origin().unwrap_or_default());
            let _ = w.navigator().clipboard().write_text(&full);
        }
    });
    let save = on(|rec, _, _| {
        let file = serde_json::to_string_pretty(&shown(rec)).unwrap_or_default();
        download("swim-scenario.json", "application/json", &file);
    });
    let export_csv = on(|rec, _, member| {
        let csv = std::iter::once("seconds,alive,suspect,dead,left".to_owned())
            .chain(
                series(rec, member)
                    .iter()
                    .map(|r| format!("{},{},{},{},{}", fixed(r.0, 1), r.1, r.2, r.3, r.4)),
            )
            .collect::<Vec<_>>()
            .join("\n");
        download("swim-member.csv", "text/csv", &csv);
    });
    let export_json = on(|rec, _, member| {
        let json = serde_json::to_string_pretty(&Export {
            scenario: &shown(rec),
            unit: "s",
            member,
            series: series(rec, member),
        })
        .unwrap_or_default();
        download("swim-run.json", "application/json", &json);
    });
    let open = {
        let d = d.clone();
        Callback::from(move |e: Event| {
            let d = d.clone();
            read_chosen_file(&e, move |text| {
                match serde_json::from_str::<SwimScenario>(&text) {
                    Ok(s) => d.dispatch(Msg::Load(Box::new(s))),
                    Err(e) => {
                        d.dispatch(Msg::Notice(Some(Notice::NotAScenarioFile(e.to_string()))))
                    }
                }
            });
        })
    };
    html! {
        <section class="swim-buttons" data-testid="swim-share">
            <button onclick={copy} data-testid="copy-link">{tx::SHARE.get(lang)}</button>
            <button onclick={save} data-testid="save">{tx::SAVE.get(lang)}</button>
            <label class="button">{tx::OPEN.get(lang)}
                <input type="file" accept=".json,application/json" onchange={open} data-testid="open" hidden=true />
            </label>
            <button onclick={export_csv} data-testid="export-csv">{tx::EXPORT_CSV.get(lang)}</button>
            <button onclick={export_json} data-testid="export-json">{tx::EXPORT_JSON.get(lang)}</button>
        </section>
    }
}
