//! The scenario configuration: cluster size, protocol, fanout, loss and topology.
//!
//! A configuration is validated once, when a [`crate::Simulation`] is built from it, and every
//! refusal names the field and its allowed range.

#[cfg(feature = "serde")]
use serde::{Deserialize, Serialize};

use crate::error::{Result, check_range};
use crate::round_time::RoundTime;
use crate::topology::TopologyConfig;

/// Largest cluster the engine accepts. A single rumor costs about 20 bytes per node, so
/// 10^7 nodes stay within 2 GB.
pub const MAX_NODES: u32 = 10_000_000;
/// Largest cluster for heartbeat membership, whose tables are N × N.
pub const MAX_MEMBERSHIP_NODES: u32 = 2_000;
/// Largest fanout: beyond a few dozen peers per round gossip is a broadcast.
pub const MAX_FANOUT: u32 = 64;
/// Largest loss-of-interest parameter k: beyond it a rumor never dies in practice.
pub const MAX_K: u32 = 1000;

/// Who sends what in a contact (Demers et al. 1987).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
pub enum Mode {
    /// The initiator sends what it has to the peer.
    Push,
    /// The initiator asks the peer and receives what the peer has.
    Pull,
    /// Both directions in one contact.
    PushPull,
}

impl Mode {
    /// Whether the initiator sends updates.
    pub fn pushes(self) -> bool {
        matches!(self, Mode::Push | Mode::PushPull)
    }
    /// Whether the initiator receives updates.
    pub fn pulls(self) -> bool {
        matches!(self, Mode::Pull | Mode::PushPull)
    }
}

/// How anti-entropy decides what to send.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
pub enum Sync {
    /// Compare digests (id and version per entry) and send only what the other side lacks
    /// or holds in an older version.
    #[default]
    Incremental,
    /// Send every entry on every contact: simple, and wasteful once the cluster agrees.
    Full,
}

/// Which contacts make a rumor-monger lose interest (Demers' first axis).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
pub enum Feedback {
    /// Only unnecessary contacts count: the peer tells the sender it already knew.
    Feedback,
    /// Every contact counts, whatever the peer knew.
    Blind,
}

/// How counted contacts turn into loss of interest (Demers' second axis).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
pub enum Decay {
    /// Stale after `k` consecutive rounds with a counted contact; under feedback a useful
    /// contact resets the count.
    Counter,
    /// Stale with probability 1/k after each round with a counted contact.
    Coin,
}

/// The loss-of-interest rule of rumor mongering.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct Removal {
    /// Which contacts count.
    pub feedback: Feedback,
    /// Counter or coin.
    pub decay: Decay,
    /// The parameter k (counter limit, or inverse coin probability).
    pub k: u32,
}

impl Removal {
    /// The rule `kind` with parameter `k`.
    pub fn new(kind: RemovalKind, k: u32) -> Self {
        Removal {
            feedback: kind.feedback(),
            decay: kind.decay(),
            k,
        }
    }
    /// Its two axes as one name (`feedback-counter`, `blind-coin`, ...).
    pub fn kind(&self) -> RemovalKind {
        RemovalKind::of(self.feedback, self.decay)
    }
}

/// The loss-of-interest rule without its parameter: both of Demers' axes at once, as the
/// CLI and links name it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RemovalKind {
    /// Feedback and counter: stale after k unnecessary contacts in a row.
    FeedbackCounter,
    /// Feedback and coin: stale with probability 1/k after an unnecessary contact.
    FeedbackCoin,
    /// Blind and counter: stale after k rounds of contacts.
    BlindCounter,
    /// Blind and coin: stale with probability 1/k after each round of contacts.
    BlindCoin,
}

impl RemovalKind {
    /// The rule of these two axes.
    pub fn of(feedback: Feedback, decay: Decay) -> Self {
        match (feedback, decay) {
            (Feedback::Feedback, Decay::Counter) => RemovalKind::FeedbackCounter,
            (Feedback::Feedback, Decay::Coin) => RemovalKind::FeedbackCoin,
            (Feedback::Blind, Decay::Counter) => RemovalKind::BlindCounter,
            (Feedback::Blind, Decay::Coin) => RemovalKind::BlindCoin,
        }
    }
    /// Which contacts count.
    pub fn feedback(self) -> Feedback {
        match self {
            RemovalKind::FeedbackCounter | RemovalKind::FeedbackCoin => Feedback::Feedback,
            RemovalKind::BlindCounter | RemovalKind::BlindCoin => Feedback::Blind,
        }
    }
    /// Counter or coin.
    pub fn decay(self) -> Decay {
        match self {
            RemovalKind::FeedbackCounter | RemovalKind::BlindCounter => Decay::Counter,
            RemovalKind::FeedbackCoin | RemovalKind::BlindCoin => Decay::Coin,
        }
    }
}

/// The protocol every node runs.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(
        tag = "kind",
        rename_all = "kebab-case",
        try_from = "crate::config_form::ProtocolForm"
    )
)]
pub enum Protocol {
    /// Anti-entropy: every node reconciles with `fanout` peers every round, forever.
    AntiEntropy {
        /// Push, pull or push-pull.
        mode: Mode,
        /// Incremental (digest) or full sync.
        #[cfg_attr(feature = "serde", serde(default))]
        sync: Sync,
    },
    /// Rumor mongering: fresh (infective) nodes spread until they lose interest.
    Rumor {
        /// Push, pull or push-pull.
        mode: Mode,
        /// The loss-of-interest rule.
        removal: Removal,
        /// Hybrid mode: also run a push-pull anti-entropy exchange every this many rounds,
        /// to repair the residue, as Demers et al. recommend. `None` is pure rumor mongering.
        #[cfg_attr(feature = "serde", serde(default))]
        repair_every: Option<u32>,
    },
    /// Gossip-style failure detection (van Renesse, Minsky, Hayden 1998).
    Membership {
        /// Rounds without a heartbeat increase before a member is considered failed.
        t_fail: u32,
        /// Rounds without a heartbeat increase before a member is forgotten (> t_fail).
        t_cleanup: u32,
    },
}

/// Which protocol, without its parameters. Hybrid is rumor mongering with a repair
/// (`Protocol::Rumor` with `repair_every`), named apart because it behaves apart.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ProtocolKind {
    /// [`Protocol::AntiEntropy`].
    AntiEntropy,
    /// [`Protocol::Rumor`] without a repair.
    Rumor,
    /// [`Protocol::Rumor`] with a periodic anti-entropy repair.
    Hybrid,
    /// [`Protocol::Membership`].
    Membership,
}

/// Rounds between the hybrid protocol's repairs unless said otherwise.
pub const DEFAULT_REPAIR_EVERY: u32 = 10;
/// Membership's `t_fail` unless said otherwise; `t_cleanup` defaults to twice it.
pub const DEFAULT_T_FAIL: u32 = 10;

impl Protocol {
    /// Which protocol this is.
    pub fn kind(&self) -> ProtocolKind {
        match self {
            Protocol::AntiEntropy { .. } => ProtocolKind::AntiEntropy,
            Protocol::Rumor {
                repair_every: Some(_),
                ..
            } => ProtocolKind::Hybrid,
            Protocol::Rumor { .. } => ProtocolKind::Rumor,
            Protocol::Membership { .. } => ProtocolKind::Membership,
        }
    }

    /// The protocol `kind` with the defaults of the CLI: push, incremental sync,
    /// feedback-counter with k = 2, a repair every [`DEFAULT_REPAIR_EVERY`] rounds,
    /// `t_fail` = [`DEFAULT_T_FAIL`] and `t_cleanup` twice it.
    pub fn with_defaults(kind: ProtocolKind) -> Self {
        let rumor = |repair_every| Protocol::Rumor {
            mode: Mode::Push,
            removal: Removal::new(RemovalKind::FeedbackCounter, 2),
            repair_every,
        };
        match kind {
            ProtocolKind::AntiEntropy => Protocol::AntiEntropy {
                mode: Mode::Push,
                sync: Sync::Incremental,
            },
            ProtocolKind::Rumor => rumor(None),
            ProtocolKind::Hybrid => rumor(Some(DEFAULT_REPAIR_EVERY)),
            ProtocolKind::Membership => Protocol::Membership {
                t_fail: DEFAULT_T_FAIL,
                t_cleanup: 2 * DEFAULT_T_FAIL,
            },
        }
    }

    /// The contact mode, for the protocols that have one.
    pub fn mode(&self) -> Option<Mode> {
        match self {
            Protocol::AntiEntropy { mode, .. } | Protocol::Rumor { mode, .. } => Some(*mode),
            Protocol::Membership { .. } => None,
        }
    }
}

/// Everything that defines a cluster before any command is applied (besides the seed).
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct Config {
    /// Number of nodes at the start.
    pub nodes: u32,
    /// Peers contacted by each acting node per round (capped by its degree).
    pub fanout: u32,
    /// Probability that one leg of a contact is lost, in 0..=1.
    #[cfg_attr(feature = "serde", serde(default))]
    pub loss: f64,
    /// The protocol.
    pub protocol: Protocol,
    /// Who may talk to whom.
    #[cfg_attr(feature = "serde", serde(default))]
    pub topology: TopologyConfig,
    /// Real time: tick length, gossip interval and latency. `None` is the abstract model of
    /// the papers (a step is a round, every leg lands within it); it is left out of JSON, so
    /// every link and scenario written before time existed reads back unchanged.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub time: Option<RoundTime>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            nodes: 50,
            fanout: 1,
            loss: 0.0,
            protocol: Protocol::with_defaults(ProtocolKind::Rumor),
            topology: TopologyConfig::Complete,
            time: None,
        }
    }
}

impl Config {
    /// Checks every field; the error names the first bad one and its allowed range.
    pub fn validate(&self) -> Result<()> {
        let max_nodes = match self.protocol {
            Protocol::Membership { .. } => MAX_MEMBERSHIP_NODES,
            _ => MAX_NODES,
        };
        check_range("nodes", self.nodes, 2, max_nodes)?;
        check_range("fanout", self.fanout, 1, MAX_FANOUT.min(self.nodes - 1))?;
        check_range("loss", self.loss, 0.0, 1.0)?;
        match &self.protocol {
            Protocol::AntiEntropy { .. } => {}
            Protocol::Rumor {
                removal,
                repair_every,
                ..
            } => {
                check_range("k", removal.k, 1, MAX_K)?;
                if let Some(r) = repair_every {
                    check_range("repair_every", *r, 1, 1_000_000)?;
                }
            }
            Protocol::Membership { t_fail, t_cleanup } => {
                check_range("t_fail", *t_fail, 1, 10_000)?;
                check_range("t_cleanup", *t_cleanup, t_fail.saturating_add(1), 20_000)?;
            }
        }
        if let Some(t) = &self.time {
            t.validate()?;
        }
        self.topology.validate(self.nodes)
    }

    /// Ticks per protocol round: the gossip interval under a time model, else 1 (a step is
    /// a round). Membership's `t_fail` and `t_cleanup` count rounds, so they scale by it.
    pub fn round_ticks(&self) -> u32 {
        self.time.map_or(1, |t| t.interval)
    }

    /// Whether updates take time to land: a time model with latency. Only then do updates
    /// and member tables wait on the wire between ticks.
    pub fn has_latency(&self) -> bool {
        self.time.is_some_and(|t| !t.is_instant())
    }

    /// The time of step `tick` in seconds under a time model, or `None` when steps are
    /// abstract rounds.
    pub fn seconds(&self, tick: u32) -> Option<f64> {
        self.time.map(|t| t.ticks().seconds(tick))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Error;

    #[test]
    fn default_is_valid() {
        Config::default()
            .validate()
            .expect("the default scenario must be valid");
    }

    #[test]
    fn errors_name_field_and_range() {
        let mut c = Config {
            fanout: 50,
            ..Config::default()
        };
        let e = c.validate().unwrap_err();
        assert_eq!(e.to_string(), "fanout = 50 is out of range: allowed 1..=49");
        c.fanout = 1;
        c.loss = 1.5;
        assert!(matches!(
            c.validate(),
            Err(Error::OutOfRange { field: "loss", .. })
        ));
        c.loss = f64::NAN;
        assert!(matches!(
            c.validate(),
            Err(Error::NotFinite { field: "loss" })
        ));
        c.loss = 0.0;
        c.nodes = MAX_NODES + 1;
        assert!(matches!(
            c.validate(),
            Err(Error::OutOfRange { field: "nodes", .. })
        ));
    }

    #[test]
    fn membership_cleanup_must_exceed_fail() {
        let c = Config {
            protocol: Protocol::Membership {
                t_fail: 5,
                t_cleanup: 5,
            },
            ..Config::default()
        };
        assert!(matches!(
            c.validate(),
            Err(Error::OutOfRange {
                field: "t_cleanup",
                ..
            })
        ));
    }

    #[test]
    fn kinds_and_defaults_agree() {
        for &kind in <ProtocolKind as crate::names::Named>::ALL {
            let p = Protocol::with_defaults(kind);
            assert_eq!(p.kind(), kind);
            let c = Config {
                protocol: p,
                ..Config::default()
            };
            c.validate().expect("the defaults are valid");
        }
        for &kind in <RemovalKind as crate::names::Named>::ALL {
            assert_eq!(Removal::new(kind, 3).kind(), kind);
        }
    }
}
