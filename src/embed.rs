//! The embedded player's side of the page: the `postMessage` API a host page drives it with,
//! and pausing while nobody can see it.
//!
//! Host → player (`iframe.contentWindow.postMessage(msg, origin)`), every message an object
//! whose `type` starts with `gossip:`:
//!
//! | type | fields | effect |
//! |---|---|---|
//! | `gossip:step` | | one round |
//! | `gossip:back` | | back one round |
//! | `gossip:play` / `gossip:pause` | | start / stop playing |
//! | `gossip:seek` | `round` | jump to a round (computing it if needed) |
//! | `gossip:inject` | `node`, `value`? | new message at a node |
//! | `gossip:kill` / `gossip:revive` | `node` (`amnesia`?) | fault a node |
//! | `gossip:select` | `node` | select a node |
//! | `gossip:load` | `link` (a link's pairs, `v=2&n=40&…`, with or without `#` or `?`) | open another scenario |
//!
//! Player → host (`window.parent`): `{type: "gossip:ready", version, round, nodes}` once, then
//! `{type: "gossip:round", round, frontier, playing, message, counts: {unaware, fresh, stale,
//! dead}}` after every change. Anything else is ignored with a console warning.

use gloo::events::EventListener;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::MessageEvent;
use yew::prelude::*;

use serde::{Deserialize, Serialize};

use crate::state::{Action, AppState};

/// Version of the message protocol.
pub const API_VERSION: u32 = 1;

/// A message from the host page: an object tagged by `type` (see [`HostMessage::parse`]).
#[derive(Clone, Debug, PartialEq)]
pub enum HostMessage {
    /// One round.
    Step {},
    /// Back one round.
    Back {},
    /// Start playing.
    Play {},
    /// Stop playing.
    Pause {},
    /// Jump to a round.
    Seek {
        /// The round.
        round: u32,
    },
    /// New message at a node.
    Inject {
        /// The node.
        node: u32,
        /// The value (default "news").
        value: Option<String>,
    },
    /// Kill a node.
    Kill {
        /// The node.
        node: u32,
    },
    /// Revive a node.
    Revive {
        /// The node.
        node: u32,
        /// Whether it comes back empty.
        amnesia: bool,
    },
    /// Select a node.
    Select {
        /// The node.
        node: u32,
    },
    /// Open another scenario, given as a link's query string.
    Load {
        /// The link's pairs (`n=50&seed=3...`), with or without a leading `#` or `?`.
        link: String,
    },
}

impl HostMessage {
    /// Parses a message's data (already turned into JSON text). Strict, since a typo in a
    /// host page should be reported rather than half-obeyed: the `type` must be known, every
    /// field must belong to it and have the right type.
    pub fn parse(json: &str) -> Result<HostMessage, String> {
        let m: Fields = serde_json::from_str(json).map_err(|e| e.to_string())?;
        // The fields each type takes: (round, node, value, amnesia, link).
        let takes = match m.kind.as_str() {
            "gossip:step" | "gossip:back" | "gossip:play" | "gossip:pause" => [0; 5],
            "gossip:seek" => [1, 0, 0, 0, 0],
            "gossip:inject" => [0, 1, 1, 0, 0],
            "gossip:kill" | "gossip:select" => [0, 1, 0, 0, 0],
            "gossip:revive" => [0, 1, 0, 1, 0],
            "gossip:load" => [0, 0, 0, 0, 1],
            other => return Err(format!("unknown message type `{other}`")),
        };
        let given = [
            m.round.is_some(),
            m.node.is_some(),
            m.value.is_some(),
            m.amnesia.is_some(),
            m.link.is_some(),
        ];
        const NAMES: [&str; 5] = ["round", "node", "value", "amnesia", "link"];
        for ((name, given), takes) in NAMES.iter().zip(given).zip(takes) {
            if given && takes == 0 {
                return Err(format!("`{}` takes no field `{name}`", m.kind));
            }
        }
        let need = |v: Option<u32>, name: &str| v.ok_or(format!("`{}` needs `{name}`", m.kind));
        Ok(match m.kind.as_str() {
            "gossip:step" => HostMessage::Step {},
            "gossip:back" => HostMessage::Back {},
            "gossip:play" => HostMessage::Play {},
            "gossip:pause" => HostMessage::Pause {},
            "gossip:seek" => HostMessage::Seek {
                round: need(m.round, "round")?,
            },
            "gossip:inject" => HostMessage::Inject {
                node: need(m.node, "node")?,
                value: m.value.flatten(),
            },
            "gossip:kill" => HostMessage::Kill {
                node: need(m.node, "node")?,
            },
            "gossip:revive" => HostMessage::Revive {
                node: need(m.node, "node")?,
                amnesia: m.amnesia.unwrap_or(false),
            },
            "gossip:select" => HostMessage::Select {
                node: need(m.node, "node")?,
            },
            _ => HostMessage::Load {
                link: m.link.ok_or("`gossip:load` needs `link`")?,
            },
        })
    }

    /// The actions it stands for, given the current round.
    pub fn actions(self, st: &AppState) -> Vec<Action> {
        // (node to select first, then the action): one place builds the list.
        let (select, action) = match self {
            HostMessage::Step {} => (None, Some(Action::Step)),
            HostMessage::Back {} => (None, Some(Action::Back)),
            HostMessage::Play {} => (None, (!st.playing).then_some(Action::TogglePlay)),
            HostMessage::Pause {} => (None, Some(Action::Pause)),
            HostMessage::Seek { round } => (None, Some(Action::Seek(round))),
            HostMessage::Inject { node, value } => (
                Some(node),
                Some(Action::Inject {
                    content: value
                        .unwrap_or_else(|| "news".into())
                        .chars()
                        .take(256)
                        .collect(),
                    update: false,
                }),
            ),
            HostMessage::Kill { node } => (Some(node), Some(Action::Kill)),
            HostMessage::Revive { node, amnesia } => (Some(node), Some(Action::Revive { amnesia })),
            HostMessage::Select { node } => (Some(node), None),
            HostMessage::Load { link } => {
                let d = crate::share::link::decode(&link, crate::lessons::LESSONS.len());
                (
                    None,
                    Some(Action::Load {
                        scenario: Box::new(d.link.scenario),
                        view: d.link.view,
                        lesson: None,
                    }),
                )
            }
        };
        let mut list = Vec::with_capacity(2);
        if let Some(node) = select {
            list.push(Action::Select(Some(node)));
        }
        if let Some(a) = action {
            list.push(a);
        }
        list
    }
}

/// A host message's fields, as serde reads them: one flat object, checked against its `type`
/// by [`HostMessage::parse`]. (serde's internally tagged enum would do the same checks but
/// generates about 20 KB of wasm for these ten small messages.)
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Fields {
    #[serde(rename = "type")]
    kind: String,
    round: Option<u32>,
    node: Option<u32>,
    /// `Some(None)` for an explicit `null`, which inject accepts.
    #[serde(default, deserialize_with = "present")]
    value: Option<Option<String>>,
    amnesia: Option<bool>,
    link: Option<String>,
}

/// Reads a field that may be `null` as present (`Some(None)`), unlike a plain `Option`.
fn present<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Option<String>>, D::Error> {
    Option::<String>::deserialize(d).map(Some)
}

/// What the player tells its host after every change: `{type, version, round, frontier,
/// playing, nodes, message, counts}`, with `null` for an absent message and counts.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RoundNews {
    /// Always "gossip:round" (or "gossip:ready" the first time).
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// Protocol version.
    pub version: u32,
    /// Current round (the tick, under a time model).
    pub round: u32,
    /// Its time in seconds, under a time model only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub seconds: Option<f64>,
    /// Furthest computed round.
    pub frontier: u32,
    /// Whether playing.
    pub playing: bool,
    /// Cluster size.
    pub nodes: u32,
    /// Message shown.
    pub message: Option<u32>,
    /// Its counts.
    pub counts: Option<gossip_engine::StateCounts>,
}

impl RoundNews {
    /// The news for a state.
    pub fn of(st: &AppState, kind: &'static str) -> Self {
        let t = st.timeline.borrow();
        let sim = t.sim();
        RoundNews {
            kind,
            version: API_VERSION,
            round: t.round(),
            seconds: sim.seconds(t.round()),
            frontier: t.frontier(),
            playing: st.playing,
            nodes: sim.nodes(),
            message: st.message,
            counts: st.message.and_then(|m| sim.counts(m)),
        }
    }
}

pub fn in_frame() -> Option<web_sys::Window> {
    let w = web_sys::window()?;
    let parent = w.parent().ok().flatten()?;
    (!js_sys::Object::is(&w, &parent)).then_some(parent)
}

/// Posts the news of `st` (`kind`: "gossip:ready" or "gossip:round") to the host page, if
/// the player is in a frame; outside a frame nothing is computed.
pub fn tell_host(st: &AppState, kind: &'static str) {
    let Some(parent) = in_frame() else { return };
    let json = serde_json::to_string(&RoundNews::of(st, kind)).unwrap_or_default();
    if let Ok(v) = js_sys::JSON::parse(&json) {
        let _ = parent.post_message(&v, "*");
    }
}

/// Listens to the host page (until the listener is dropped), after announcing that the
/// player is ready; `latest` gives the state each message acts on.
pub fn listen_to_host(
    dispatch: UseReducerDispatcher<AppState>,
    latest: std::rc::Rc<std::cell::RefCell<std::rc::Rc<AppState>>>,
) -> Option<EventListener> {
    tell_host(&latest.borrow(), "gossip:ready");
    let w = web_sys::window()?;
    Some(EventListener::new(&w, "message", move |e| {
        let Some(e) = e.dyn_ref::<MessageEvent>() else {
            return;
        };
        let data = e.data();
        let json = js_sys::JSON::stringify(&data)
            .ok()
            .and_then(|s| s.as_string())
            .unwrap_or_default();
        match HostMessage::parse(&json) {
            Ok(msg) => {
                let st = latest.borrow().clone();
                for a in msg.actions(&st) {
                    dispatch.dispatch(a);
                }
            }
            Err(why) => {
                let shown: String = json.chars().take(120).collect();
                web_sys::console::warn_1(&JsValue::from_str(&format!(
                    "Gossip Playground ignored a message it does not understand ({why}): {shown}"
                )));
            }
        }
    }))
}

/// Pauses while the player (`root`) is off screen (scrolled away, or the tab hidden) and
/// resumes when it comes back, if it was playing. Returns what stops watching.
pub fn pause_when_hidden(
    dispatch: UseReducerDispatcher<AppState>,
    root: Option<web_sys::Element>,
) -> impl FnOnce() {
    let doc = web_sys::window().and_then(|w| w.document());
    let vis = doc.clone().map(|d| {
        let dispatch = dispatch.clone();
        let d2 = d.clone();
        EventListener::new(&d, "visibilitychange", move |_| {
            dispatch.dispatch(if d2.hidden() {
                Action::AutoPause
            } else {
                Action::AutoResume
            });
        })
    });
    let observer = root.and_then(|el| {
        let cb = wasm_bindgen::closure::Closure::<dyn FnMut(js_sys::Array)>::new(
            move |entries: js_sys::Array| {
                let visible = entries
                    .iter()
                    .filter_map(|e| e.dyn_into::<web_sys::IntersectionObserverEntry>().ok())
                    .any(|e| e.is_intersecting());
                dispatch.dispatch(if visible {
                    Action::AutoResume
                } else {
                    Action::AutoPause
                });
            },
        );
        let obs = web_sys::IntersectionObserver::new(cb.as_ref().unchecked_ref()).ok()?;
        obs.observe(&el);
        Some((obs, cb))
    });
    move || {
        drop(vis);
        if let Some((obs, cb)) = observer {
            obs.disconnect();
            drop(cb);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_are_validated() {
        assert_eq!(
            HostMessage::parse(r#"{"type":"gossip:step"}"#),
            Ok(HostMessage::Step {})
        );
        assert_eq!(
            HostMessage::parse(r#"{"type":"gossip:seek","round":7}"#),
            Ok(HostMessage::Seek { round: 7 })
        );
        assert!(
            HostMessage::parse(r#"{"type":"gossip:seek","round":-1}"#).is_err(),
            "negative round"
        );
        assert!(
            HostMessage::parse(r#"{"type":"gossip:seek"}"#).is_err(),
            "missing round"
        );
        assert!(HostMessage::parse(r#"{"type":"gossip:kill","node":"x"}"#).is_err());
        assert!(HostMessage::parse(r#"{"type":"gossip:explode"}"#).is_err());
        assert!(
            HostMessage::parse(r#"{"type":"gossip:step","extra":1}"#).is_err(),
            "unknown fields"
        );
        assert!(HostMessage::parse("\"hello\"").is_err());
        assert!(HostMessage::parse("null").is_err());
    }

    #[test]
    fn actions_of_messages() {
        let st = AppState::initial();
        assert_eq!(
            HostMessage::Seek { round: 3 }.actions(&st),
            vec![Action::Seek(3)]
        );
        assert_eq!(HostMessage::Play {}.actions(&st), vec![Action::TogglePlay]);
        assert_eq!(
            HostMessage::Kill { node: 4 }.actions(&st),
            vec![Action::Select(Some(4)), Action::Kill]
        );
    }
}
