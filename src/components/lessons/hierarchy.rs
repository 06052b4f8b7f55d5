//! The hierarchy lesson's panel: rounds, messages and cross-group messages of the
//! hierarchical and the flat variant.

use std::cell::OnceCell;
use std::fmt::Write as _;

use yew::prelude::*;

use super::head;
use crate::components::markup::{Esc, on, raw};
use crate::i18n::Lang;
use crate::lessons::compare::{self, Spread};
use crate::lessons::scenarios::{self, GROUP_SIZE};
use crate::lessons::{Text, fill, thousands, ui};
use crate::num::fixed;

thread_local! {
    /// Both variants' spread, computed once per visit at its first showing.
    static SPREADS: OnceCell<[Option<Spread>; 2]> = const { OnceCell::new() };
}

/// Rounds after which the hierarchy table gives up (both variants converge in about ten).
const HIERARCHY_LIMIT: u32 = 500;

/// Rounds, messages and cross-group messages of the hierarchical and the flat variant.
pub(super) fn hierarchy_table(lang: Lang, active: Option<usize>) -> Html {
    SPREADS.with(|spreads| {
        let spreads = spreads.get_or_init(|| {
            let t0 = crate::probe::now();
            let s = [0, 1].map(|v| {
                compare::spread_across_groups(&scenarios::hierarchy(v), GROUP_SIZE, HIERARCHY_LIMIT)
            });
            crate::probe::record("__gossipLessonWork", crate::probe::now() - t0);
            s
        });
        hierarchy_table_of(spreads, lang, active)
    })
}

fn hierarchy_table_of(spreads: &[Option<Spread>; 2], lang: Lang, active: Option<usize>) -> Html {
    let col = |v: usize| on(active == Some(v));
    let cells = |f: &dyn Fn(&Spread) -> String| {
        [0, 1].map(|v| spreads[v].as_ref().map_or_else(|| "–".to_string(), f))
    };
    let rows: [(Text, [String; 2]); 3] = [
        (
            ui::ROW_ROUNDS,
            cells(&|s| {
                s.rounds.map_or_else(
                    || fill(ui::NEVER.get(lang), &[("r", HIERARCHY_LIMIT.to_string())]),
                    |r| r.to_string(),
                )
            }),
        ),
        (ui::ROW_MESSAGES, cells(&|s| thousands(s.messages))),
        (
            ui::ROW_CROSSING,
            cells(&|s| {
                format!(
                    "{} ({}%)",
                    thousands(s.crossing),
                    fixed(100.0 * s.crossing as f64 / s.messages.max(1) as f64, 0)
                )
            }),
        ),
    ];
    let mut m = format!(
        r#"<div class="lesson-figure"><table class="lesson-table" data-testid="lesson-table"><caption>{}</caption>"#,
        Esc(ui::HIERARCHY_CAPTION.get(lang))
    );
    head(
        &mut m,
        true,
        &[
            (col(0), ui::HIERARCHICAL.get(lang)),
            (col(1), ui::FLAT.get(lang)),
        ],
    );
    for (i, (label, [h, f])) in rows.iter().enumerate() {
        let _ = write!(
            m,
            r#"<tr data-testid="hierarchy-row-{i}"><th scope="row">{}</th><td{}>{}</td><td{}>{}</td></tr>"#,
            Esc(label.get(lang)),
            col(0),
            Esc(h),
            col(1),
            Esc(f),
        );
    }
    m.push_str("</tbody></table></div>");
    raw(m)
}
