//! A seeded table of a lesson card: O(log N), residue, or adaptive interval, with the rows
//! computed so far.

use std::fmt::Write as _;

use gossip_engine::{Decay, Feedback, theory};
use yew::prelude::*;

use super::background::study;
use super::head;
use crate::components::markup::{Esc, on, raw};
use crate::i18n::Lang;
use crate::lessons::compare::adaptive_interval;
use crate::lessons::scenarios::{self, RESIDUE_K, RESIDUE_N, SIZES};
use crate::lessons::study::StudyKind;
use crate::lessons::{LESSONS, Text, fill, thousands, ui};
use crate::num::fixed;

/// A seeded table: O(log N), residue, or adaptive interval, with the rows computed so far
/// (see [`follow_study`](super::follow_study)).
pub(super) fn study_table(kind: StudyKind, active: Option<usize>, lang: Lang) -> Html {
    let study = study(kind);
    let s = study.borrow();
    let seeds = kind.seeds().to_string();
    let computing = Esc(ui::COMPUTING.get(lang));
    let caption = match kind {
        StudyKind::LogN => fill(ui::LOG_CAPTION.get(lang), &[("s", seeds)]),
        StudyKind::Residue => fill(
            ui::RESIDUE_CAPTION.get(lang),
            &[
                ("n", thousands(u64::from(RESIDUE_N))),
                ("k", RESIDUE_K.to_string()),
                ("s", seeds),
            ],
        ),
        StudyKind::Interval => fill(ui::INTERVAL_CAPTION.get(lang), &[("s", seeds)]),
    };
    let done = s.is_done();
    let mut m = format!(
        r#"<div class="lesson-figure"><table class="lesson-table" data-testid="lesson-table" data-done="{done}" aria-busy="{}"><caption>{}</caption>"#,
        !done,
        Esc(&caption)
    );
    let cols: &[Text] = match kind {
        StudyKind::LogN => &[ui::COL_N, ui::COL_ROUNDS, ui::COL_LOG],
        StudyKind::Residue => &[
            ui::COL_VARIANT,
            ui::COL_RESIDUE,
            ui::COL_EQUATION,
            ui::COL_TRAFFIC,
        ],
        StudyKind::Interval => &[ui::COL_N, ui::COL_ROUNDS, ui::COL_INTERVAL, ui::COL_SECONDS],
    };
    let cols: Vec<_> = cols.iter().map(|t| ("", t.get(lang))).collect();
    head(&mut m, false, &cols);
    // Row headers: the lesson's variants for the residue, else the cluster sizes.
    let labels: Vec<String> = if kind == StudyKind::Residue {
        LESSONS[3]
            .variants
            .iter()
            .map(|l| Esc(l.get(lang)).to_string())
            .collect()
    } else {
        SIZES.iter().map(|&n| thousands(u64::from(n))).collect()
    };
    for (r, label) in labels.iter().enumerate() {
        let row = s.row(r);
        let _ = write!(
            m,
            r#"<tr{} data-testid="study-row-{r}"><th scope="row">{label}</th>"#,
            on(active == Some(r))
        );
        match kind {
            StudyKind::LogN => {
                match row {
                    Some(row) => {
                        let _ = write!(
                            m,
                            r#"<td><b>{}</b><span class="range"> ({}–{})</span></td>"#,
                            fixed(row.mean, 1),
                            fixed(row.min, 0),
                            fixed(row.max, 0)
                        );
                    }
                    None => {
                        let _ = write!(m, r#"<td class="computing">{computing}</td>"#);
                    }
                }
                let _ = write!(m, "<td>{}</td>", fixed(theory::log2_plus_ln(SIZES[r]), 1));
            }
            StudyKind::Residue => {
                // The equation models feedback + coin only.
                let modelled = scenarios::REMOVALS[r] == (Feedback::Feedback, Decay::Coin);
                match row {
                    Some(row) => {
                        let _ = write!(
                            m,
                            "<td><b>{}%</b></td><td{}>",
                            fixed(100.0 * row.mean, 1),
                            if modelled {
                                r#" data-testid="residue-equation""#
                            } else {
                                ""
                            }
                        );
                        if modelled {
                            let _ = write!(m, "{}%", fixed(100.0 * theory::residue(RESIDUE_K), 1));
                        } else {
                            m.push('–');
                        }
                        let _ = write!(m, "</td><td>{}</td>", fixed(row.extra, 2));
                    }
                    None => {
                        let _ = write!(m, r#"<td colspan="3" class="computing">{computing}</td>"#);
                    }
                }
            }
            StudyKind::Interval => {
                let interval = adaptive_interval(SIZES[r]);
                let secs = |x: String| Esc(&fill(ui::SECONDS.get(lang), &[("x", x)])).to_string();
                match row {
                    Some(row) => {
                        let _ = write!(
                            m,
                            "<td>{}</td><td>{}</td><td><b>{}</b></td>",
                            fixed(row.mean, 1),
                            secs(fixed(interval, 1)),
                            secs(fixed(row.mean * interval, 0))
                        );
                    }
                    None => {
                        let _ = write!(
                            m,
                            r#"<td class="computing">{computing}</td><td>{}</td><td></td>"#,
                            secs(fixed(interval, 1))
                        );
                    }
                }
            }
        }
        m.push_str("</tr>");
    }
    m.push_str("</tbody></table>");
    if kind == StudyKind::Residue {
        let _ = write!(
            m,
            r#"<p class="lesson-note">{} <span class="formula">s = e<sup>−(k+1)(1−s)</sup></span></p>"#,
            Esc(ui::EQUATION.get(lang))
        );
    }
    m.push_str("</div>");
    raw(m)
}
