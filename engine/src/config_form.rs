//! The serde form of [`Protocol`]: `{"kind": "rumor", "mode": "push", "removal": {...}}`.
//!
//! Read through a flat struct rather than serde's internally tagged enum, which buffers every
//! document and derives a visitor per variant: that code weighed 8 KB of the page's
//! WebAssembly. Serialising stays derived; the JSON is the same both ways.

use serde::Deserialize;

use crate::config::{Mode, Protocol, Removal, Sync};
use crate::form::need;

/// Every field any protocol takes; `kind` says which are read.
#[derive(Deserialize)]
pub(crate) struct ProtocolForm {
    kind: String,
    mode: Option<Mode>,
    sync: Option<Sync>,
    removal: Option<Removal>,
    repair_every: Option<u32>,
    t_fail: Option<u32>,
    t_cleanup: Option<u32>,
}

impl TryFrom<ProtocolForm> for Protocol {
    type Error = String;

    /// The protocol `kind` names; a missing parameter is refused as serde would ("missing
    /// field `mode`"), and `sync` and `repair_every` default as before. A field of another
    /// protocol must still have its type, and `null` reads as absent (see
    /// [`crate::command_form`]).
    fn try_from(f: ProtocolForm) -> Result<Self, String> {
        Ok(match f.kind.as_str() {
            "anti-entropy" => Protocol::AntiEntropy {
                mode: need(f.mode, "mode")?,
                sync: f.sync.unwrap_or_default(),
            },
            "rumor" => Protocol::Rumor {
                mode: need(f.mode, "mode")?,
                removal: need(f.removal, "removal")?,
                repair_every: f.repair_every,
            },
            "membership" => Protocol::Membership {
                t_fail: need(f.t_fail, "t_fail")?,
                t_cleanup: need(f.t_cleanup, "t_cleanup")?,
            },
            other => {
                return Err(format!(
                    "unknown variant `{other}`, expected one of `anti-entropy`, `rumor`, \
                     `membership`"
                ));
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::{Command, Config, Protocol, ProtocolKind, TimedCommand, TopologyConfig};

    fn error<T: serde::de::DeserializeOwned + std::fmt::Debug>(json: &str) -> String {
        serde_json::from_str::<T>(json).unwrap_err().to_string()
    }

    #[test]
    fn the_flat_forms_read_what_the_derives_write() {
        for kind in <ProtocolKind as crate::names::Named>::ALL {
            let p = Protocol::with_defaults(*kind);
            let json = serde_json::to_string(&p).expect("plain data");
            assert_eq!(serde_json::from_str::<Protocol>(&json).expect("reads"), p);
        }
        let c = Config::default();
        let json = serde_json::to_string(&c).expect("plain data");
        assert_eq!(serde_json::from_str::<Config>(&json).expect("reads"), c);
        let t = TopologyConfig::WattsStrogatz { k: 3, beta: 0.25 };
        let json = serde_json::to_string(&t).expect("plain data");
        assert_eq!(json, r#"{"kind":"watts-strogatz","k":3,"beta":0.25}"#);
        assert_eq!(
            serde_json::from_str::<TopologyConfig>(&json).expect("reads"),
            t
        );
        let x = TimedCommand {
            round: 4,
            command: Command::Revive {
                node: 2,
                amnesia: true,
            },
        };
        let json = serde_json::to_string(&x).expect("plain data");
        assert_eq!(
            json,
            r#"{"round":4,"cmd":"revive","node":2,"amnesia":true}"#
        );
        assert_eq!(
            serde_json::from_str::<TimedCommand>(&json).expect("reads"),
            x
        );
    }

    #[test]
    fn defaults_and_refusals_are_serde_s() {
        let p: Protocol = serde_json::from_str(r#"{"kind":"anti-entropy","mode":"pull"}"#)
            .expect("sync defaults");
        let pull = Protocol::AntiEntropy {
            mode: crate::Mode::Pull,
            sync: crate::Sync::Incremental,
        };
        assert_eq!(p, pull);
        let e = error::<Protocol>(r#"{"kind":"rumor","mode":"push"}"#);
        assert!(e.starts_with("missing field `removal`"), "{e}");
        let e = error::<Protocol>(r#"{"kind":"gossip"}"#);
        assert!(e.starts_with("unknown variant `gossip`"), "{e}");
        let e = error::<TopologyConfig>(r#"{"kind":"ring"}"#);
        assert!(e.starts_with("missing field `k`"), "{e}");
        let e = error::<TopologyConfig>(r#"{"kind":"star"}"#);
        assert!(e.starts_with("unknown variant `star`"), "{e}");
        for kind in <crate::TopologyKind as crate::names::Named>::ALL {
            let t = TopologyConfig::with_defaults(*kind, 100);
            let json = serde_json::to_string(&t).expect("plain data");
            assert_eq!(
                serde_json::from_str::<TopologyConfig>(&json).expect("reads"),
                t
            );
        }
        let e = error::<TimedCommand>(r#"{"round":1,"node":3}"#);
        assert!(e.starts_with("missing field `cmd`"), "{e}");
        let e = error::<TimedCommand>(r#"{"cmd":"kill","node":3}"#);
        assert!(e.starts_with("missing field `round`"), "{e}");
        let e = error::<TimedCommand>(r#"{"round":1,"cmd":"kill","node":"3"}"#);
        assert!(
            e.starts_with("invalid type: string \"3\", expected u32"),
            "{e}"
        );
    }
}
