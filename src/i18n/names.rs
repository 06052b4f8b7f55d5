//! The form's words for the engine's named values: the menus list the engine's name tables
//! (`gossip_engine::Named::ALL`) and show these labels, so a value added to the engine is a
//! missing label here, caught by the compiler.

use gossip_engine::time::LatencyDist;
use gossip_engine::{Decay, Feedback, Mode, Named, ProtocolKind, Sync, TopologyKind};

use super::{Text, neutral, text};

/// A named engine value with a label in both languages.
pub trait Labelled: Named {
    /// The label a menu shows.
    fn label(self) -> Text;
}

impl Labelled for ProtocolKind {
    fn label(self) -> Text {
        match self {
            ProtocolKind::Rumor => text!("Rumor mongering"),
            ProtocolKind::Hybrid => text!("Rumor + anti-entropy (hybrid)"),
            ProtocolKind::AntiEntropy => text!("Anti-entropy"),
            ProtocolKind::Membership => text!("Heartbeat membership"),
        }
    }
}

impl Labelled for Mode {
    fn label(self) -> Text {
        match self {
            Mode::Push => text!("push"),
            Mode::Pull => text!("pull"),
            Mode::PushPull => text!("push-pull"),
        }
    }
}

impl Labelled for Sync {
    fn label(self) -> Text {
        match self {
            Sync::Incremental => text!("incremental (digests)"),
            Sync::Full => text!("full (send everything)"),
        }
    }
}

impl Labelled for Feedback {
    fn label(self) -> Text {
        match self {
            Feedback::Feedback => text!("feedback"),
            Feedback::Blind => text!("blind"),
        }
    }
}

impl Labelled for LatencyDist {
    fn label(self) -> Text {
        match self {
            LatencyDist::Constant => text!("constant"),
            LatencyDist::Uniform => text!("uniform"),
            LatencyDist::Exponential => text!("exponential"),
        }
    }
}

impl Labelled for Decay {
    fn label(self) -> Text {
        match self {
            Decay::Counter => text!("counter"),
            Decay::Coin => text!("coin"),
        }
    }
}

impl Labelled for TopologyKind {
    fn label(self) -> Text {
        match self {
            TopologyKind::Complete => text!("complete graph"),
            TopologyKind::Ring => text!("ring lattice"),
            TopologyKind::Grid => text!("2-D grid"),
            TopologyKind::RandomRegular => text!("random regular"),
            TopologyKind::ErdosRenyi => neutral("Erdős–Rényi"),
            TopologyKind::WattsStrogatz => neutral("Watts–Strogatz"),
            TopologyKind::BarabasiAlbert => neutral("Barabási–Albert"),
            TopologyKind::Hierarchical => text!("hierarchical groups"),
        }
    }
}

/// Every value of `T` as a menu lists it: (name, label).
pub fn menu<T: Labelled>() -> Vec<(&'static str, Text)> {
    T::ALL.iter().map(|&v| (v.as_str(), v.label())).collect()
}
