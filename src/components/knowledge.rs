//! The "Who knew what, and when" panel: a heatmap of node × round in the graph's colours, for
//! the shown message (or, under membership, the beliefs about the followed node). It is read
//! in slices, one per animation frame, so a long run never blocks the page; a click on a cell
//! seeks to that round and selects that node.

use std::collections::HashMap;
use std::rc::Rc;

use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};
use yew::prelude::*;

use crate::components::graph::dark;
use crate::components::reading::{Reading, pump};
use crate::i18n::tr;
use crate::knowledge::{Builder, Knowledge};
use crate::palette::{self, Palette};
use crate::state::{Action, AppState};

/// Props of [`KnowledgePanel`].
#[derive(Properties)]
pub struct KnowledgeProps {
    /// Sends the seek and the selection of a click.
    pub dispatch: UseReducerDispatcher<AppState>,
    /// The state shown (compared by what the panel reads, below).
    pub state: Rc<AppState>,
}

/// What the table depends on: the run (its timeline, how far it has gone and its action
/// log, which a fork changes), and which message or subject. While playing the run grows every
/// round, so the table waits (`None`) and is read again once paused.
type Key = Option<(usize, u32, usize, Option<u32>, Option<u32>)>;

fn key(st: &AppState) -> Key {
    let t = st.timeline.borrow();
    (!st.playing).then(|| {
        (
            Rc::as_ptr(&st.timeline) as usize,
            t.frontier(),
            t.actions().len(),
            st.message,
            st.subject,
        )
    })
}

impl PartialEq for KnowledgeProps {
    fn eq(&self, other: &Self) -> bool {
        let (a, b) = (&self.state, &other.state);
        key(a) == key(b)
            && a.generation == b.generation
            && a.selected == b.selected
            && a.lang == b.lang
            && self.dispatch == other.dispatch
    }
}

/// The panel.
#[function_component(KnowledgePanel)]
pub fn knowledge_panel(p: &KnowledgeProps) -> Html {
    let st = &p.state;
    let lang = st.lang;
    let open = use_state(|| false);
    let reading = use_mut_ref(Reading::<Builder>::default);
    // Bumped after every slice, so the panel redraws what has been read.
    let progress = use_state(|| 0u64);
    let canvas = use_node_ref();

    // (Re)start reading when the run, the message or the subject changes, or the panel opens.
    {
        let reading = reading.clone();
        let progress = progress.clone();
        let st = st.clone();
        use_effect_with((key(st.as_ref()), *open), move |&(key, open)| {
            let Some((_, frontier, _, message, subject)) = key else {
                return;
            };
            let mut r = reading.borrow_mut();
            r.stop();
            if open {
                let scenario = st.timeline.borrow().scenario();
                r.job = Builder::new(&scenario, frontier, message, subject).ok();
                drop(r);
                pump(&reading, &progress);
            }
        });
    }

    // Paint after every render.
    {
        let canvas = canvas.clone();
        let reading = reading.clone();
        let round = st.round();
        let selected = st.selected;
        use_effect(move || {
            if let (Some(el), Some(b)) = (
                canvas.cast::<HtmlCanvasElement>(),
                reading.borrow().job.as_ref(),
            ) {
                paint(&el, b.knowledge(), round, selected);
            }
        });
    }

    let toggle = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(!*open))
    };
    let onclick = {
        let reading = reading.clone();
        let canvas = canvas.clone();
        let d = p.dispatch.clone();
        Callback::from(move |e: MouseEvent| {
            let r = reading.borrow();
            let (Some(el), Some(b)) = (canvas.cast::<HtmlCanvasElement>(), r.job.as_ref()) else {
                return;
            };
            let k = b.knowledge();
            let (w, h) = (f64::from(el.client_width()), f64::from(el.client_height()));
            if w < 1.0 || h < 1.0 {
                return;
            }
            let col = (f64::from(e.offset_x()) / w * f64::from(k.column_count())) as u32;
            let row = (f64::from(e.offset_y()) / h * f64::from(k.rows)) as u32;
            let col = col.min(k.column_count() - 1);
            let (round, node) = (k.round_of(col), k.first_node(row.min(k.rows - 1)));
            drop(r);
            d.dispatch(Action::Seek(round));
            d.dispatch(Action::Select(Some(node)));
        })
    };
    let membership = matches!(
        st.timeline.borrow().sim().config().protocol,
        gossip_engine::Protocol::Membership { .. }
    );
    let hint = if membership {
        tr!(
            lang,
            "Each row is a node, each column a round: what every node believed about the followed node. Click a cell to go there."
        )
    } else {
        tr!(
            lang,
            "Each row is a node, each column a round: the shown message's state at every node. Click a cell to go there."
        )
    };
    let status = reading.borrow().job.as_ref().map(|b| {
        if b.done() {
            String::new()
        } else {
            let k = b.knowledge();
            format!(
                "{} {}%",
                tr!(lang, "reading the run…"),
                k.columns.len() as u64 * 100 / u64::from(k.column_count().max(1))
            )
        }
    });
    html! {
        <section class="knowledge" aria-label={tr!(lang, "Who knew what, and when")}>
            <button class="knowledge-toggle" onclick={toggle} aria-expanded={if *open { "true" } else { "false" }} data-testid="knowledge-toggle">
                { if *open { "▾ " } else { "▸ " } }{ tr!(lang, "Who knew what, and when") }
            </button>
            if *open {
                <p class="hint">{ hint }<span class="knowledge-status" data-testid="knowledge-status">{ status.unwrap_or_default() }</span></p>
                <canvas class="knowledge-map" ref={canvas} {onclick} data-testid="knowledge" role="img"
                    aria-label={tr!(lang, "Who knew what, and when")} />
            }
        </section>
    }
}

/// Mixes the state colours of a row's nodes by how many nodes show each.
fn mix(pal: &Palette, counts: &[u16; 4]) -> String {
    let colours = [pal.unaware_fill, pal.fresh, pal.stale, pal.dead];
    let total: u32 = counts.iter().map(|&c| u32::from(c)).sum();
    if total == 0 {
        return pal.background.to_string();
    }
    let mut rgb = [0u32; 3];
    for (c, hex) in counts.iter().zip(colours) {
        let v = u32::from_str_radix(hex.trim_start_matches('#'), 16).unwrap_or(0);
        for (i, channel) in rgb.iter_mut().enumerate() {
            *channel += (v >> (16 - 8 * i) & 0xff) * u32::from(*c);
        }
    }
    let [r, g, b] = rgb.map(|x| x / total);
    format!("rgb({r},{g},{b})")
}

/// Paints the table read so far at the canvas's own size, and outlines the current round's
/// column and the selected node's row.
fn paint(el: &HtmlCanvasElement, k: &Knowledge, round: u32, selected: Option<u32>) {
    let dpr = web_sys::window()
        .map_or(1.0, |w| w.device_pixel_ratio())
        .max(1.0);
    let (w, h) = (
        (f64::from(el.client_width()) * dpr).round() as u32,
        (f64::from(el.client_height()) * dpr).round() as u32,
    );
    if w < 2 || h < 2 {
        return;
    }
    if el.width() != w || el.height() != h {
        el.set_width(w);
        el.set_height(h);
    }
    let Some(ctx) = el
        .get_context("2d")
        .ok()
        .flatten()
        .and_then(|c| c.dyn_into::<CanvasRenderingContext2d>().ok())
    else {
        return;
    };
    let pal = if dark() {
        &palette::DARK
    } else {
        &palette::LIGHT
    };
    let (cols, rows) = (k.column_count(), k.rows);
    // Cell edges on whole pixels, so neighbouring cells neither overlap nor leave gaps.
    let x = |c: u32| (u64::from(c) * u64::from(w) / u64::from(cols.max(1))) as f64;
    let y = |r: u32| (u64::from(r) * u64::from(h) / u64::from(rows.max(1))) as f64;
    ctx.set_fill_style_str(pal.background);
    ctx.fill_rect(0.0, 0.0, f64::from(w), f64::from(h));
    // Most cells share a few mixes (whole rows of one state): work each colour out once.
    let mut colours: HashMap<[u16; 4], String> = HashMap::new();
    for (c, column) in (0u32..).zip(&k.columns) {
        for (r, counts) in (0u32..).zip(column) {
            let colour = colours.entry(*counts).or_insert_with(|| mix(pal, counts));
            ctx.set_fill_style_str(colour);
            ctx.fill_rect(x(c), y(r), x(c + 1) - x(c), y(r + 1) - y(r));
        }
    }
    ctx.set_stroke_style_str(pal.selection);
    ctx.set_line_width(2.0 * dpr);
    let c = (round / k.stride).min(cols - 1);
    ctx.stroke_rect(
        x(c) + dpr,
        dpr,
        (x(c + 1) - x(c) - 2.0 * dpr).max(1.0),
        f64::from(h) - 2.0 * dpr,
    );
    if let Some(n) = selected.filter(|&n| n < k.nodes) {
        let r = k.row_of(n).min(rows - 1);
        ctx.stroke_rect(
            dpr,
            y(r) + dpr,
            f64::from(w) - 2.0 * dpr,
            (y(r + 1) - y(r) - 2.0 * dpr).max(1.0),
        );
    }
}
