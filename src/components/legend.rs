//! The legend: every mark on the graph, explained. Drawn with the same shapes as the canvas.
//! Nothing in it is interactive, so it is markup text (see [`super::markup`]).

use std::fmt::Write as _;

use yew::prelude::*;

use crate::components::markup::{Esc, raw};
use crate::i18n::{Lang, Text, t, tr};

/// Every mark of the graph: the icon's shape and its label (the message states first).
const ITEMS: [(&str, Text); 10] = [
    (
        r#"<circle cx="10" cy="10" r="6" class="lg-unaware"/>"#,
        t("unaware"),
    ),
    (
        r#"<circle cx="10" cy="10" r="6.5" class="lg-fresh"/>"#,
        t("fresh: spreading"),
    ),
    (
        r#"<rect x="4" y="4" width="12" height="12" class="lg-stale"/>"#,
        t("stale: stopped spreading"),
    ),
    (
        concat!(
            r#"<g class="lg-dead"><circle cx="10" cy="10" r="6"/><path "#,
            r#"d="M6 6L14 14M14 6L6 14"/></g>"#
        ),
        t("dead"),
    ),
    (
        r#"<circle cx="10" cy="10" r="8" class="lg-pulse"/>"#,
        t("changed this round"),
    ),
    (
        r#"<circle cx="10" cy="10" r="4" class="lg-useful"/>"#,
        t("useful message"),
    ),
    (
        r#"<circle cx="10" cy="10" r="3.5" class="lg-redundant"/>"#,
        t("redundant message"),
    ),
    (
        r#"<circle cx="10" cy="10" r="2.5" class="lg-control"/>"#,
        t("digest / request / heartbeat"),
    ),
    (
        r#"<path d="M6 6L14 14M14 6L6 14" class="lg-lost"/>"#,
        t("lost message"),
    ),
    (
        r#"<circle cx="10" cy="10" r="7.5" class="lg-selected"/>"#,
        t("selected node"),
    ),
];

/// Under membership the three state marks mean beliefs about the followed node.
const BELIEFS: [Text; 3] = [
    t("believes it alive"),
    t("detected the failure"),
    t("forgot the node"),
];

/// The legend. A plain function, not a component: each component costs its own copy of Yew's
/// lifecycle code, and this one has no state to keep.
pub fn legend(lang: Lang, membership: bool, hierarchical: bool) -> Html {
    let mut s = format!(
        r#"<ul class="legend" aria-label="{}" data-testid="legend">"#,
        Esc(tr!(lang, "Legend"))
    );
    for (i, &(shape, label)) in ITEMS.iter().enumerate() {
        let label = match BELIEFS.get(i) {
            Some(&belief) if membership => belief,
            _ => label,
        };
        let _ = write!(
            s,
            r#"<li><svg viewBox="0 0 20 20" width="18" height="18" aria-hidden="true">{shape}</svg><span>{}</span></li>"#,
            Esc(label.get(lang))
        );
    }
    if hierarchical {
        let _ = write!(
            s,
            r#"<li><svg viewBox="0 0 20 20" width="18" height="18" aria-hidden="true"><rect x="2" y="2" width="16" height="16" class="lg-selected"/></svg><span>{}</span></li>"#,
            Esc(tr!(lang, "group leader: talks to the other groups"))
        );
    }
    s.push_str("</ul>");
    raw(s)
}
