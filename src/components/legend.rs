//! The legend: every mark on the graph, explained. Drawn with the same shapes as the canvas.
//! Nothing in it is interactive, so it is markup text (see [`super::markup`]).

use std::fmt::Write as _;

use yew::prelude::*;

use crate::components::markup::{Esc, raw};
use crate::i18n::{Lang, tr};

/// The legend. A plain function, not a component: each component costs its own copy of Yew's
/// lifecycle code, and this one has no state to keep.
pub fn legend(lang: Lang, membership: bool) -> Html {
    let (unaware, fresh, stale) = if membership {
        (
            "believes it alive",
            "detected the failure",
            "forgot the node",
        )
    } else {
        ("unaware", "fresh: spreading", "stale: stopped spreading")
    };
    // (the icon's shape, its label)
    let items = [
        (
            r#"<circle cx="10" cy="10" r="6" class="lg-unaware"/>"#,
            unaware,
        ),
        (
            r#"<circle cx="10" cy="10" r="6.5" class="lg-fresh"/>"#,
            fresh,
        ),
        (
            r#"<rect x="4" y="4" width="12" height="12" class="lg-stale"/>"#,
            stale,
        ),
        (
            concat!(
                r#"<g class="lg-dead"><circle cx="10" cy="10" r="6"/><path "#,
                r#"d="M6 6L14 14M14 6L6 14"/></g>"#
            ),
            "dead",
        ),
        (
            r#"<circle cx="10" cy="10" r="8" class="lg-pulse"/>"#,
            "changed this round",
        ),
        (
            r#"<circle cx="10" cy="10" r="4" class="lg-useful"/>"#,
            "useful message",
        ),
        (
            r#"<circle cx="10" cy="10" r="3.5" class="lg-redundant"/>"#,
            "redundant message",
        ),
        (
            r#"<circle cx="10" cy="10" r="2.5" class="lg-control"/>"#,
            "digest / request / heartbeat",
        ),
        (
            r#"<path d="M6 6L14 14M14 6L6 14" class="lg-lost"/>"#,
            "lost message",
        ),
        (
            r#"<circle cx="10" cy="10" r="7.5" class="lg-selected"/>"#,
            "selected node",
        ),
    ];
    let mut s = format!(
        r#"<ul class="legend" aria-label="{}" data-testid="legend">"#,
        Esc(tr(lang, "Legend"))
    );
    for (shape, label) in items {
        let _ = write!(
            s,
            r#"<li><svg viewBox="0 0 20 20" width="18" height="18" aria-hidden="true">{shape}</svg><span>{}</span></li>"#,
            Esc(tr(lang, label))
        );
    }
    s.push_str("</ul>");
    raw(s)
}
