//! The modes lesson's panel: the theory of push, pull and push-pull, as rounds to full and
//! the three expected informed curves.

use std::cell::OnceCell;
use std::fmt::Write as _;

use gossip_engine::Mode;
use yew::prelude::*;

use crate::components::markup::{Esc, raw};
use crate::i18n::Lang;
use crate::lessons::compare::{self, ModeTheory};
use crate::lessons::{LESSONS, fill, scenarios, thousands, ui};

/// Class and dash pattern per mode (colour is never the only cue).
fn mode_style(mode: Mode) -> (&'static str, &'static str) {
    match mode {
        Mode::Push => ("push", ""),
        Mode::Pull => ("pull", "5 3"),
        Mode::PushPull => ("push-pull", "1.5 2.5"),
    }
}

fn mode_label(mode: Mode, lang: Lang) -> &'static str {
    let i = scenarios::MODES
        .iter()
        .position(|&m| m == mode)
        .unwrap_or(0);
    LESSONS[1]
        .variants
        .get(i)
        .map_or(mode.as_str(), |t| t.get(lang))
}

thread_local! {
    /// The theory, computed once per visit at its first showing.
    static MODE_THEORY: OnceCell<Vec<ModeTheory>> = const { OnceCell::new() };
}

/// Theory of push, pull and push-pull: rounds to full and the three expected curves.
pub(super) fn mode_curves(lang: Lang, active: Option<usize>) -> Html {
    let config = scenarios::modes(0).config;
    let (n, f) = (config.nodes, config.fanout);
    MODE_THEORY.with(|theory| {
        let theory = theory.get_or_init(|| compare::mode_theory(n, f));
        mode_curves_of(theory, n, f, lang, active)
    })
}

fn mode_curves_of(
    theory: &[ModeTheory],
    n: u32,
    f: u32,
    lang: Lang,
    active: Option<usize>,
) -> Html {
    let (w, h, left, bottom, top) = (300.0, 96.0, 26.0, 14.0, 4.0);
    let rounds = theory
        .first()
        .map_or(1, |t| t.curve.len().saturating_sub(1))
        .max(1);
    let x = |r: usize| left + (w - left - 4.0) * r as f64 / rounds as f64;
    let y = |v: f64| top + (h - top - bottom) * (1.0 - v);
    let (y0, y1) = (y(0.0), y(1.0));
    let caption = fill(
        ui::CURVES.get(lang),
        &[("n", thousands(u64::from(n))), ("f", f.to_string())],
    );
    let to_full = |t: &ModeTheory| fill(ui::TO_FULL.get(lang), &[("r", t.rounds.to_string())]);
    let mut s = format!(
        r#"<figure class="lesson-figure" data-testid="lesson-curves"><figcaption>{}</figcaption><ul class="lesson-keys">"#,
        Esc(&caption)
    );
    let mut label = String::new();
    for (i, t) in theory.iter().enumerate() {
        let (class, _) = mode_style(t.mode);
        let on = if active == Some(i) { " on" } else { "" };
        let _ = write!(
            s,
            r#"<li class="key-mode {class}{on}"><b>{}</b> <span data-testid="theory-rounds-{i}">{}</span></li>"#,
            Esc(mode_label(t.mode, lang)),
            Esc(&to_full(t)),
        );
        if i > 0 {
            label.push_str("; ");
        }
        let _ = write!(label, "{}: {}", mode_label(t.mode, lang), to_full(t));
    }
    let _ = write!(
        s,
        r#"</ul><svg viewBox="0 0 {w:.1} {h:.1}" role="img" aria-label="{}"><line class="axis" x1="{left:.1}" y1="{y0:.1}" x2="{:.1}" y2="{y0:.1}"/><line class="axis" x1="{left:.1}" y1="{y0:.1}" x2="{left:.1}" y2="{y1:.1}"/><text class="tick" x="{tick_x:.1}" y="{:.1}" text-anchor="end">100%</text><text class="tick" x="{tick_x:.1}" y="{y0:.1}" text-anchor="end">0</text><text class="tick" x="{:.1}" y="{base:.1}">0</text><text class="tick" x="{:.1}" y="{base:.1}" text-anchor="end">{} {rounds}</text>"#,
        Esc(&label),
        w - 4.0,
        y1 + 7.0,
        x(0),
        x(rounds),
        Esc(ui::ROUND_AXIS.get(lang)),
        tick_x = left - 3.0,
        base = h - 2.0,
    );
    for (i, t) in theory.iter().enumerate() {
        let (class, dash) = mode_style(t.mode);
        let on = if active == Some(i) { " on" } else { "" };
        let _ = write!(s, r#"<path class="curve {class}{on}" d=""#);
        for (r, &v) in t.curve.iter().enumerate() {
            let _ = write!(
                s,
                "{}{:.1},{:.1}",
                if r == 0 { "M" } else { "L" },
                x(r),
                y(v)
            );
        }
        let _ = write!(s, r#"" stroke-dasharray="{dash}"/>"#);
    }
    s.push_str("</svg></figure>");
    raw(s)
}
