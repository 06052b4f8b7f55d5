//! The names of every user-visible enum: one table each, owned here, that the CLI, links,
//! the page's form and scenario files all read.
//!
//! This file is one table of data (a name and a one-line description per value); it may grow
//! past the usual length with the enums. A value's name is the one serde writes, so a name
//! read from a link or a flag is the same word as in a scenario file.

use std::fmt;
use std::str::FromStr;

use crate::command::CommandKind;
use crate::config::{Decay, Feedback, Mode, ProtocolKind, RemovalKind, Sync};
use crate::message::MessageState;
use crate::report::{Belief, ContactKind};
use crate::topology::TopologyKind;

/// A fieldless enum with a name table: every value, its name and a one-line description.
pub trait Named: Copy + Sized + 'static {
    /// What a value of it is called in messages ("mode", "topology").
    const FIELD: &'static str;
    /// Every value, in the order a menu lists them.
    const ALL: &'static [Self];
    /// The value's name: lower-case, words joined by `-`, as flags, links and scenario files
    /// write it.
    fn as_str(self) -> &'static str;
    /// One line saying what the value means (no final full stop, as help lists show it).
    fn describe(self) -> &'static str;
    /// The value named `name`, or an error naming the field and the accepted names.
    fn from_name(name: &str) -> Result<Self, UnknownName> {
        Self::ALL
            .iter()
            .copied()
            .find(|v| v.as_str() == name)
            .ok_or_else(|| UnknownName {
                field: Self::FIELD,
                given: name.to_string(),
                accepted: Self::ALL.iter().map(|v| v.as_str()).collect(),
            })
    }
}

/// A name that is not in a table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownName {
    /// What was being named ([`Named::FIELD`]).
    pub field: &'static str,
    /// The name given.
    pub given: String,
    /// Every accepted name, in the table's order.
    pub accepted: Vec<&'static str>,
}

impl fmt::Display for UnknownName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "'{}' is not a {}: expected one of {}",
            self.given,
            self.field,
            self.accepted.join(", ")
        )
    }
}

impl std::error::Error for UnknownName {}

/// Implements [`Named`], inherent `as_str` and `describe` (so callers need no import), and
/// `FromStr` from one table: `Enum, "field" { Variant => "name", "description"; ... }`.
macro_rules! names {
    ($($ty:ident, $field:literal { $($v:ident => $name:literal, $what:literal;)+ })+) => {$(
        impl $ty {
            /// The value's name, as flags, links and scenario files write it.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($ty::$v => $name,)+
                }
            }
            /// One line saying what the value means.
            pub fn describe(self) -> &'static str {
                match self {
                    $($ty::$v => $what,)+
                }
            }
        }
        impl Named for $ty {
            const FIELD: &'static str = $field;
            const ALL: &'static [Self] = &[$($ty::$v,)+];
            fn as_str(self) -> &'static str {
                $ty::as_str(self)
            }
            fn describe(self) -> &'static str {
                $ty::describe(self)
            }
        }
        impl FromStr for $ty {
            type Err = UnknownName;
            fn from_str(s: &str) -> Result<Self, UnknownName> {
                Self::from_name(s)
            }
        }
    )+};
}

names! {
    ProtocolKind, "protocol" {
        AntiEntropy => "anti-entropy",
            "Every node reconciles with `fanout` peers every round (digest comparison)";
        Rumor => "rumor",
            "Fresh nodes push (or are pulled) until they lose interest (Demers et al.)";
        Hybrid => "hybrid",
            "Rumor mongering plus a push-pull anti-entropy exchange every few rounds";
        Membership => "membership",
            "Heartbeat failure detection (van Renesse et al. 1998); complete topology only";
    }
    Mode, "mode" {
        Push => "push", "The initiator sends";
        Pull => "pull", "The initiator asks and receives";
        PushPull => "push-pull", "Both";
    }
    Sync, "sync" {
        Incremental => "incremental", "Compare digests, send only what the other side lacks";
        Full => "full", "Send every entry on every contact";
    }
    Feedback, "feedback" {
        Feedback => "feedback", "Only contacts with peers that already knew count";
        Blind => "blind", "Every contact counts, whatever the peer knew";
    }
    Decay, "decay" {
        Counter => "counter", "Stale after k counted rounds in a row";
        Coin => "coin", "Stale with probability 1/k after each counted round";
    }
    RemovalKind, "removal" {
        FeedbackCounter => "feedback-counter",
            "Stale after K contacts in a row with peers that already knew (a useful one resets)";
        FeedbackCoin => "feedback-coin",
            "Stale with probability 1/K after a contact with a peer that already knew";
        BlindCounter => "blind-counter",
            "Stale after K rounds of contacts, whatever the peers knew";
        BlindCoin => "blind-coin",
            "Stale with probability 1/K after every round of contacts";
    }
    TopologyKind, "topology" {
        Complete => "complete", "Everyone may contact everyone";
        Ring => "ring", "Ring lattice, k neighbours on each side";
        Grid => "grid", "2-D grid, 4-neighbourhood";
        RandomRegular => "random-regular", "Random regular graph of a given degree";
        ErdosRenyi => "erdos-renyi", "G(N, p): each pair linked with probability p";
        WattsStrogatz => "watts-strogatz",
            "Small world: ring lattice (k) rewired with probability beta";
        BarabasiAlbert => "barabasi-albert", "Preferential attachment, m links per new node";
        Hierarchical => "hierarchical",
            "Complete groups; group leaders form a complete graph";
    }
    CommandKind, "command" {
        Inject => "inject", "Write a value at a node: a new message or a newer version";
        Kill => "kill", "Crash a node";
        Revive => "revive", "Restart a dead node, with or without amnesia";
        SetLoss => "set-loss", "Set the probability that each leg is lost";
        Partition => "partition", "Split the cluster into groups that cannot talk";
        Heal => "heal", "End the partition";
        Join => "join", "Add a node through a seed node";
        Pause => "pause", "SWIM: stop a node answering for a while, then resume";
        Slow => "slow", "SWIM: delay everything a node sends and handles for a while";
        Leave => "leave", "SWIM: leave the cluster gracefully";
    }
    ContactKind, "contact kind" {
        Push => "push", "Updates sent by the initiator to its peer";
        Pull => "pull", "Updates sent back by the peer to the initiator that asked";
        Request => "request", "A pull request carrying no update";
        Digest => "digest", "An anti-entropy digest: (id, version) of every entry";
        Heartbeat => "heartbeat", "A heartbeat table (membership gossip)";
    }
    MessageState, "message state" {
        Unaware => "unaware", "Does not hold the latest version";
        Fresh => "fresh", "Holds it and spreads it";
        Stale => "stale", "Holds it and has stopped spreading it";
    }
    Belief, "belief" {
        Alive => "alive", "In the table, heartbeat recently increased";
        Failed => "failed", "In the table, silent for at least t_fail rounds";
        Forgotten => "forgotten", "Removed from the table after t_cleanup silent rounds";
        Unknown => "unknown", "Never heard of";
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trips<T: Named + FromStr<Err = UnknownName> + PartialEq + fmt::Debug>() {
        for &v in T::ALL {
            assert_eq!(
                v.as_str().parse::<T>(),
                Ok(v),
                "{} {}",
                T::FIELD,
                v.as_str()
            );
            assert!(!v.describe().is_empty());
        }
        let e = "no-such-name".parse::<T>().unwrap_err();
        assert_eq!((e.field, e.accepted.len()), (T::FIELD, T::ALL.len()));
    }

    #[test]
    fn every_table_round_trips() {
        round_trips::<ProtocolKind>();
        round_trips::<Mode>();
        round_trips::<Sync>();
        round_trips::<Feedback>();
        round_trips::<Decay>();
        round_trips::<RemovalKind>();
        round_trips::<TopologyKind>();
        round_trips::<CommandKind>();
        round_trips::<ContactKind>();
        round_trips::<MessageState>();
        round_trips::<Belief>();
    }

    #[test]
    fn unknown_names_list_the_accepted_ones() {
        let e = "sideways".parse::<Mode>().unwrap_err();
        assert_eq!(
            e.to_string(),
            "'sideways' is not a mode: expected one of push, pull, push-pull"
        );
    }

    /// The names are the words serde writes, so a scenario file and a link agree.
    #[cfg(feature = "serde")]
    #[test]
    fn names_are_the_serde_words() {
        fn same<T: Named + serde::Serialize>() {
            for &v in T::ALL {
                let json = serde_json::to_string(&v).expect("a unit variant serialises");
                assert_eq!(json, format!("\"{}\"", v.as_str()));
            }
        }
        same::<Mode>();
        same::<Sync>();
        same::<Feedback>();
        same::<Decay>();
        same::<ContactKind>();
        same::<MessageState>();
        same::<Belief>();
    }

    /// The kinds of the tagged enums are their serde tags (hybrid is rumor with a repair).
    #[cfg(feature = "serde")]
    #[test]
    fn kinds_are_the_serde_tags() {
        use crate::command::Command;
        use crate::config::Protocol;
        use crate::topology::TopologyConfig;
        fn tag<T: serde::Serialize>(v: &T, key: &str) -> String {
            let json = serde_json::to_value(v).expect("serialises");
            json[key].as_str().expect("a string tag").to_string()
        }
        for &kind in TopologyKind::ALL {
            let t = TopologyConfig::with_defaults(kind, 100);
            assert_eq!(tag(&t, "kind"), kind.as_str());
        }
        for &kind in ProtocolKind::ALL {
            let p = Protocol::with_defaults(kind);
            let expected = match kind {
                ProtocolKind::Hybrid => "rumor",
                _ => kind.as_str(),
            };
            assert_eq!(tag(&p, "kind"), expected);
        }
        let commands = [
            Command::Inject {
                node: 0,
                id: None,
                content: String::new(),
            },
            Command::Kill { node: 0 },
            Command::Revive {
                node: 0,
                amnesia: false,
            },
            Command::SetLoss { loss: 0.5 },
            Command::Partition { groups: Vec::new() },
            Command::Heal,
            Command::Join { seed: 0 },
        ];
        // The round engine's commands come first; the SWIM-only kinds follow.
        let kinds: Vec<CommandKind> = commands.iter().map(Command::kind).collect();
        assert_eq!(kinds, CommandKind::ALL[..commands.len()]);
        for c in &commands {
            assert_eq!(tag(c, "cmd"), c.kind().as_str());
        }
    }
}
