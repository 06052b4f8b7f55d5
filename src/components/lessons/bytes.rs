//! The sync lesson's panel: digest and payload bytes per round, incremental against full
//! sync, and their totals.

use std::cell::OnceCell;
use std::fmt::Write as _;

use gossip_engine::Traffic;
use yew::prelude::*;

use super::head;
use crate::components::markup::{Esc, on, raw};
use crate::components::summary::human;
use crate::i18n::Lang;
use crate::lessons::compare::{self, BYTES_ROUNDS};
use crate::lessons::{LESSONS, fill, scenarios, ui};

thread_local! {
    /// Both variants' traffic, computed once per visit at its first showing.
    static BYTES: OnceCell<[Vec<Traffic>; 2]> = const { OnceCell::new() };
}

/// Digest and payload bytes per round, incremental against full sync, as paired stacked bars,
/// with a cursor on `round`.
pub(super) fn bytes_chart(lang: Lang, round: u32, active: Option<usize>) -> Html {
    BYTES.with(|runs| {
        let runs = runs.get_or_init(|| {
            let t0 = crate::probe::now();
            let runs =
                [0, 1].map(|v| compare::traffic_per_round(&scenarios::sync(v), BYTES_ROUNDS));
            crate::probe::record("__gossipLessonWork", crate::probe::now() - t0);
            runs
        });
        bytes_chart_of(runs, lang, round, active)
    })
}

fn bytes_chart_of(runs: &[Vec<Traffic>; 2], lang: Lang, round: u32, active: Option<usize>) -> Html {
    let (w, h, left, bottom, top) = (300.0, 92.0, 30.0, 12.0, 4.0);
    let max = runs
        .iter()
        .flat_map(|r| r.iter().map(|t| t.digest_bytes + t.payload_bytes))
        .max()
        .unwrap_or(1)
        .max(1) as f64;
    let slot = (w - left - 2.0) / f64::from(BYTES_ROUNDS);
    let bar = (slot - 2.0) / 2.0;
    let y = |b: f64| top + (h - top - bottom) * (1.0 - b / max);
    let y0 = y(0.0);
    let caption = Esc(ui::BYTES_CAPTION.get(lang));
    // The figure in two raw parts: the drawing changes every round, the keys and the totals
    // only with the language or the variant.
    let mut svg = format!(
        r#"<figcaption>{caption}</figcaption><svg viewBox="0 0 {w:.1} {h:.1}" role="img" aria-label="{caption}">"#,
    );
    if (1..=BYTES_ROUNDS).contains(&round) {
        let x0 = left + slot * f64::from(round - 1);
        let _ = write!(
            svg,
            r#"<rect class="cursor" x="{x0:.1}" y="{top:.1}" width="{slot:.1}" height="{:.1}"/>"#,
            h - top - bottom
        );
    }
    let _ = write!(
        svg,
        r#"<line class="axis" x1="{left:.1}" y1="{y0:.1}" x2="{w:.1}" y2="{y0:.1}"/><text class="tick" x="{tick_x:.1}" y="{:.1}" text-anchor="end">{}</text><text class="tick" x="{tick_x:.1}" y="{y0:.1}" text-anchor="end">0</text><text class="tick" x="{left:.1}" y="{base:.1}">1</text><text class="tick" x="{w:.1}" y="{base:.1}" text-anchor="end">{} {BYTES_ROUNDS}</text>"#,
        y(max) + 7.0,
        human(max as u64),
        Esc(ui::ROUND_AXIS.get(lang)),
        tick_x = left - 3.0,
        base = h - 1.0,
    );
    for (v, run) in runs.iter().enumerate() {
        let variant = if v == 0 { "inc" } else { "full" };
        for (i, t) in run.iter().enumerate() {
            let x0 = left + slot * i as f64 + 1.0 + bar * v as f64;
            let d = t.digest_bytes as f64;
            let pl = t.payload_bytes as f64;
            let _ = write!(
                svg,
                r#"<rect class="digest {variant}" x="{x0:.1}" y="{:.1}" width="{bar:.1}" height="{:.1}"/><rect class="payload {variant}" x="{x0:.1}" y="{:.1}" width="{bar:.1}" height="{:.1}"/>"#,
                y(d),
                y0 - y(d),
                y(d + pl),
                y(d) - y(d + pl),
            );
        }
    }
    svg.push_str("</svg>");
    let mut table = format!(
        r#"<ul class="lesson-keys"><li class="key-bytes digest">{}</li><li class="key-bytes payload">{}</li></ul><table class="lesson-table"><caption>{}</caption>"#,
        Esc(ui::DIGESTS.get(lang)),
        Esc(ui::PAYLOAD.get(lang)),
        Esc(&fill(
            ui::BYTES_TOTAL.get(lang),
            &[("r", BYTES_ROUNDS.to_string())]
        )),
    );
    head(
        &mut table,
        true,
        &[
            ("", ui::COL_DIGESTS.get(lang)),
            ("", ui::COL_PAYLOAD.get(lang)),
            ("", ui::COL_TOTAL.get(lang)),
        ],
    );
    for (v, r) in runs.iter().enumerate() {
        let d: u64 = r.iter().map(|t| t.digest_bytes).sum();
        let pl: u64 = r.iter().map(|t| t.payload_bytes).sum();
        let _ = write!(
            table,
            r#"<tr{} data-testid="bytes-row-{v}"><th scope="row">{}</th><td>{}</td><td>{}</td><td><b>{}</b></td></tr>"#,
            on(active == Some(v)),
            Esc(LESSONS[6].variants[v].get(lang)),
            human(d),
            human(pl),
            human(d + pl),
        );
    }
    table.push_str("</tbody></table>");
    html! {
        <figure class="lesson-figure" data-testid="lesson-bytes">
            { raw(svg) }
            { raw(table) }
        </figure>
    }
}
