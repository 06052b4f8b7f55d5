//! The serde form of [`Command`] and [`TimedCommand`]: `{"round": 3, "cmd": "kill", "node": 7}`.
//!
//! Read through one flat struct rather than serde's internally tagged enum behind `flatten`,
//! which buffers every entry twice and derives a visitor per variant: that code weighed
//! 16 KB of the page's WebAssembly. Serialising stays derived; the JSON is the same both ways.

use serde::Deserialize;

use crate::command::Command;
use crate::form::need;
use crate::scenario::TimedCommand;

/// Every field any command takes, and the log entry's round; `cmd` says which are read.
#[derive(Deserialize)]
pub(crate) struct CommandForm {
    round: Option<u32>,
    cmd: String,
    node: Option<u32>,
    id: Option<u32>,
    content: Option<String>,
    amnesia: Option<bool>,
    loss: Option<f64>,
    groups: Option<Vec<Vec<u32>>>,
    seed: Option<u32>,
}

impl TryFrom<CommandForm> for Command {
    type Error = String;

    /// The command `cmd` names; a missing argument is refused as serde would ("missing
    /// field `node`"). Stricter than the derive was on one point and looser on two, none of
    /// which the app or the CLI ever writes: a field of another command must still have its
    /// type (`{"cmd":"heal","node":"x"}` is refused), `null` reads as absent, and the
    /// entries' array form is the flat struct's, not the enum's.
    fn try_from(f: CommandForm) -> Result<Self, String> {
        Ok(match f.cmd.as_str() {
            "inject" => Command::Inject {
                node: need(f.node, "node")?,
                id: f.id,
                content: f.content.unwrap_or_default(),
            },
            "kill" => Command::Kill {
                node: need(f.node, "node")?,
            },
            "revive" => Command::Revive {
                node: need(f.node, "node")?,
                amnesia: f.amnesia.unwrap_or(false),
            },
            "set-loss" => Command::SetLoss {
                loss: need(f.loss, "loss")?,
            },
            "partition" => Command::Partition {
                groups: need(f.groups, "groups")?,
            },
            "heal" => Command::Heal,
            "join" => Command::Join {
                seed: need(f.seed, "seed")?,
            },
            other => {
                return Err(format!(
                    "unknown variant `{other}`, expected one of `inject`, `kill`, `revive`, \
                     `set-loss`, `partition`, `heal`, `join`"
                ));
            }
        })
    }
}

impl TryFrom<CommandForm> for TimedCommand {
    type Error = String;

    fn try_from(mut f: CommandForm) -> Result<Self, String> {
        let round = need(f.round.take(), "round")?;
        Ok(TimedCommand {
            round,
            command: Command::try_from(f)?,
        })
    }
}
