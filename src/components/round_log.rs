//! The round log: the last round narrated in words, and the last user action. Nothing in it
//! is interactive, so it is markup text (see [`super::markup`]).

use std::fmt::Write as _;

use gossip_engine::RoundReport;
use gossip_engine::round_time::RoundTime;
use yew::prelude::*;

use crate::components::markup::{Esc, raw};
use crate::i18n::{self, Lang, tr};
use crate::narrate;

/// The round log card: `report` is the round just played (empty after a seek), `round` the
/// current round. A plain function, not a component: each component costs its own copy of
/// Yew's lifecycle code, and this one has no state to keep.
pub fn round_log(
    lang: Lang,
    report: &RoundReport,
    (round, time): (u32, Option<&RoundTime>),
    last_action: Option<&str>,
) -> Html {
    let fresh = report.round == round && round > 0;
    let (headline, details) = if fresh {
        (
            narrate::summary_in(lang, report, time),
            narrate::details_in(lang, report, 8),
        )
    } else if round == 0 {
        (
            tr!(lang, "Round 0: nothing has happened yet. Press Step.").to_string(),
            vec![],
        )
    } else {
        (i18n::reached_by_seeking(lang, round), vec![])
    };
    let mut s = format!(
        r#"<section class="card log" aria-label="{}"><h2>{}</h2><p class="headline" data-testid="round-log">{}</p>"#,
        Esc(tr!(lang, "Round log")),
        Esc(tr!(lang, "What just happened")),
        Esc(&headline)
    );
    if !details.is_empty() {
        s.push_str(r#"<ul class="details">"#);
        for d in &details {
            let _ = write!(s, "<li>{}</li>", Esc(d));
        }
        s.push_str("</ul>");
    }
    if let Some(a) = last_action {
        let _ = write!(
            s,
            r#"<p class="last-action" data-testid="last-action">{}</p>"#,
            Esc(a)
        );
    }
    s.push_str("</section>");
    raw(s)
}
