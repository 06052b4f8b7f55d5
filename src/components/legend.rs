//! The legend: every mark on the graph, explained. Drawn with the same shapes as the canvas.

use yew::prelude::*;

use crate::i18n::{tr, use_lang};

/// Props of [`Legend`].
#[derive(Properties, PartialEq)]
pub struct LegendProps {
    /// Membership labels instead of message states.
    pub membership: bool,
}

fn item(svg: Html, label: &str) -> Html {
    html! { <li><svg viewBox="0 0 20 20" width="18" height="18" aria-hidden="true">{ svg }</svg><span>{ label }</span></li> }
}

/// The legend.
#[function_component(Legend)]
pub fn legend(p: &LegendProps) -> Html {
    let lang = use_lang();
    let (unaware, fresh, stale) = if p.membership {
        (
            "believes it alive",
            "detected the failure",
            "forgot the node",
        )
    } else {
        ("unaware", "fresh: spreading", "stale: stopped spreading")
    };
    html! {
        <ul class="legend" aria-label={tr(lang, "Legend")} data-testid="legend">
            { item(html! { <circle cx="10" cy="10" r="6" class="lg-unaware" /> }, tr(lang, unaware)) }
            { item(html! { <circle cx="10" cy="10" r="6.5" class="lg-fresh" /> }, tr(lang, fresh)) }
            { item(html! { <rect x="4" y="4" width="12" height="12" class="lg-stale" /> }, tr(lang, stale)) }
            { item(html! { <g class="lg-dead"><circle cx="10" cy="10" r="6" /><path d="M6 6L14 14M14 6L6 14" /></g> }, tr(lang, "dead")) }
            { item(html! { <circle cx="10" cy="10" r="8" class="lg-pulse" /> }, tr(lang, "changed this round")) }
            { item(html! { <circle cx="10" cy="10" r="4" class="lg-useful" /> }, tr(lang, "useful message")) }
            { item(html! { <circle cx="10" cy="10" r="3.5" class="lg-redundant" /> }, tr(lang, "redundant message")) }
            { item(html! { <circle cx="10" cy="10" r="2.5" class="lg-control" /> }, tr(lang, "digest / request / heartbeat")) }
            { item(html! { <path d="M6 6L14 14M14 6L6 14" class="lg-lost" /> }, tr(lang, "lost message")) }
            { item(html! { <circle cx="10" cy="10" r="7.5" class="lg-selected" /> }, tr(lang, "selected node")) }
        </ul>
    }
}
