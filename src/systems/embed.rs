//! The real-systems page's `postMessage` API, for an article that embeds a SWIM run
//! (`systems.html#…&embed=1` in an iframe) and drives it from its own buttons.
//!
//! Host → page, every message an object whose `type` starts with `swim:`:
//!
//! | type | fields | effect |
//! |---|---|---|
//! | `swim:step` / `swim:back` | | one tick forward / back |
//! | `swim:period` | `count` (may be negative) | whole protocol periods |
//! | `swim:play` / `swim:pause` | | start / stop playing |
//! | `swim:seek` | `seconds` | jump to a moment (computing it if needed) |
//! | `swim:command` | `command`: a scenario file's command (`{"command": "kill", "node": 3}`) | give it now |
//! | `swim:select` | `node` | inspect a member |
//! | `swim:load` | `link` (a real-systems link's pairs) | open another run |
//!
//! Page → host (`window.parent`): `{type: "swim:ready", version, …}` once, then
//! `{type: "swim:tick", version, tick, seconds, playing, members, suspected, dead,
//! false_positives, refutations}` after every change, where `suspected` and `dead` count the
//! members that at least one acting member holds suspect or dead. A message the page does not
//! understand is ignored with a console warning saying why.

use gloo::events::EventListener;
use gossip_engine::swim::{MemberState, SwimCommand};
use serde::{Deserialize, Serialize};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::MessageEvent;
use yew::UseReducerDispatcher;

use super::link;
use super::model::{Model, Msg};
use crate::embed::in_frame;

/// Version of the message protocol.
pub const API_VERSION: u32 = 1;

/// A message from the host page. (Variants without fields are written `{}` so that
/// `deny_unknown_fields` refuses a stray field, which serde skips on unit variants.)
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(tag = "type", deny_unknown_fields)]
pub enum HostMessage {
    /// One tick.
    #[serde(rename = "swim:step")]
    Step {},
    /// Back one tick.
    #[serde(rename = "swim:back")]
    Back {},
    /// Whole protocol periods.
    #[serde(rename = "swim:period")]
    Period {
        /// How many (negative: back).
        count: i64,
    },
    /// Start playing.
    #[serde(rename = "swim:play")]
    Play {},
    /// Stop playing.
    #[serde(rename = "swim:pause")]
    Pause {},
    /// Jump to a moment.
    #[serde(rename = "swim:seek")]
    Seek {
        /// Seconds from the start.
        seconds: f64,
    },
    /// A command, now.
    #[serde(rename = "swim:command")]
    Command {
        /// As in a scenario file.
        command: SwimCommand,
    },
    /// Inspect a member.
    #[serde(rename = "swim:select")]
    Select {
        /// The member.
        node: u32,
    },
    /// Open another run.
    #[serde(rename = "swim:load")]
    Load {
        /// A real-systems link's pairs.
        link: String,
    },
}

impl HostMessage {
    /// What the page does for it, given the tick length.
    pub fn msg(self, tick_ms: u32) -> Result<Msg, String> {
        Ok(match self {
            HostMessage::Step {} => Msg::Step(1),
            HostMessage::Back {} => Msg::Step(-1),
            HostMessage::Period { count } => Msg::Periods(count),
            HostMessage::Play {} => Msg::Play(true),
            HostMessage::Pause {} => Msg::Play(false),
            HostMessage::Seek { seconds } if seconds.is_finite() && seconds >= 0.0 => {
                Msg::Seek((seconds * 1000.0 / f64::from(tick_ms.max(1))).round() as u32)
            }
            HostMessage::Seek { seconds } => {
                return Err(format!("seconds {seconds} is not a time"));
            }
            HostMessage::Command { command } => Msg::Command(command),
            HostMessage::Select { node } => Msg::Select(Some(node)),
            HostMessage::Load { link } => match link::decode(&link) {
                Ok(Some(o)) => Msg::Load(Box::new(o.scenario)),
                Ok(None) => return Err("the link is empty".into()),
                Err(e) => return Err(e.to_string()),
            },
        })
    }
}

/// What the page tells its host after every change.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TickNews {
    /// `swim:ready` or `swim:tick`.
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// [`API_VERSION`].
    pub version: u32,
    /// The tick shown.
    pub tick: u32,
    /// Its time.
    pub seconds: f64,
    /// Playing.
    pub playing: bool,
    /// Members.
    pub members: u32,
    /// Members some acting member holds suspect.
    pub suspected: u32,
    /// Members some acting member holds dead.
    pub dead: u32,
    /// Live members declared dead so far.
    pub false_positives: u32,
    /// Refutations so far.
    pub refutations: u32,
}

impl TickNews {
    /// The news of `model`.
    pub fn of(model: &Model, kind: &'static str) -> Self {
        let rec = model.rec.borrow();
        let held =
            |s: MemberState| rec.counts().iter().filter(|c| c[s as usize] > 0).count() as u32;
        let metrics = &model.inspect().metrics;
        TickNews {
            kind,
            version: API_VERSION,
            tick: rec.now(),
            seconds: rec.seconds(rec.now()),
            playing: model.playing,
            members: rec.members(),
            suspected: held(MemberState::Suspect),
            dead: held(MemberState::Dead),
            false_positives: metrics.false_positives,
            refutations: metrics.refutations,
        }
    }
}

/// Posts `model`'s news to the host page, if the page is in a frame.
pub fn tell_host(model: &Model, kind: &'static str) {
    let Some(parent) = in_frame() else { return };
    let json = serde_json::to_string(&TickNews::of(model, kind)).unwrap_or_default();
    if let Ok(v) = js_sys::JSON::parse(&json) {
        let _ = parent.post_message(&v, "*");
    }
}

/// Obeys the host's messages until the returned listener is dropped.
pub fn listen_to_host(
    dispatch: UseReducerDispatcher<Model>,
    tick_ms: u32,
) -> Option<EventListener> {
    let w = web_sys::window()?;
    Some(EventListener::new(&w, "message", move |e| {
        let Some(e) = e.dyn_ref::<MessageEvent>() else {
            return;
        };
        let json = js_sys::JSON::stringify(&e.data())
            .ok()
            .and_then(|s| s.as_string())
            .unwrap_or_default();
        let parsed = serde_json::from_str::<HostMessage>(&json)
            .map_err(|e| e.to_string())
            .and_then(|m| m.msg(tick_ms));
        match parsed {
            Ok(msg) => dispatch.dispatch(msg),
            Err(why) => {
                let shown: String = json.chars().take(120).collect();
                web_sys::console::warn_1(&JsValue::from_str(&format!(
                    "Gossip Playground (real systems) ignored a message ({why}): {shown}"
                )));
            }
        }
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(json: &str) -> Result<Msg, String> {
        serde_json::from_str::<HostMessage>(json)
            .map_err(|e| e.to_string())
            .and_then(|m| m.msg(100))
    }

    #[test]
    fn host_messages_become_page_messages() {
        assert!(matches!(parse(r#"{"type":"swim:step"}"#), Ok(Msg::Step(1))));
        assert!(matches!(
            parse(r#"{"type":"swim:period","count":-2}"#),
            Ok(Msg::Periods(-2))
        ));
        assert!(matches!(
            parse(r#"{"type":"swim:seek","seconds":12.5}"#),
            Ok(Msg::Seek(125))
        ));
        assert!(matches!(
            parse(r#"{"type":"swim:command","command":{"command":"kill","node":3}}"#),
            Ok(Msg::Command(SwimCommand::Kill { node: 3 }))
        ));
    }

    #[test]
    fn mistakes_are_refused_with_a_reason() {
        assert!(
            parse(r#"{"type":"swim:jump"}"#)
                .unwrap_err()
                .contains("swim:jump")
        );
        assert!(
            parse(r#"{"type":"swim:step","node":1}"#)
                .unwrap_err()
                .contains("node")
        );
        assert!(parse(r#"{"type":"swim:seek","seconds":-1}"#).is_err());
        assert!(parse(r#"{"type":"swim:load","link":"sys=raft"}"#).is_err());
    }
}
