//! A SWIM run's parameters, with memberlist's presets.
//!
//! Every number of a preset is memberlist's (or Consul's) default, and the comment beside it
//! names the function it comes from. After choosing a preset every field can still be
//! changed; [`SwimConfig::validate`] checks the result.

use crate::error::{Result, check_range};
use crate::names::Named;
use crate::time::{Latency, LatencyDist, Ticks};

/// Largest cluster a SWIM run accepts. Every node keeps a full member list (N² entries of
/// 4 bytes), so 20 000 nodes already hold 1.6 GB; the page caps lower.
pub const MAX_SWIM_NODES: u32 = 20_000;

/// The three parts of Lifeguard (Dadgar, Phillips, Currey 2018), each switchable to show
/// what it buys.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Lifeguard {
    /// Local health awareness: missed acks stretch the prober's own probe deadline up to
    /// `AwarenessMaxMultiplier` times. Off = a multiplier of 1.
    pub awareness: bool,
    /// Dynamic suspicion: the timeout starts at max and falls toward min as independent
    /// confirmations arrive. Off = the timeout is min, whatever the confirmations.
    pub dynamic_suspicion: bool,
    /// Buddy system: a ping to a suspect carries the suspicion, so it can refute at once.
    pub buddy: bool,
}

impl Lifeguard {
    /// All three on, as memberlist runs.
    pub const ON: Lifeguard = Lifeguard {
        awareness: true,
        dynamic_suspicion: true,
        buddy: true,
    };
    /// All three off: SWIM with suspicion, as in the 2002 paper.
    pub const OFF: Lifeguard = Lifeguard {
        awareness: false,
        dynamic_suspicion: false,
        buddy: false,
    };
}

/// A named set of defaults.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
pub enum Preset {
    /// memberlist `DefaultLANConfig`, as Consul's LAN pool and Serf run it.
    ConsulLan,
    /// memberlist `DefaultWANConfig` with Consul's `GossipNodes` 3 (Consul's WAN pool).
    ConsulWan,
    /// memberlist `DefaultLocalConfig` (loopback or a very fast LAN).
    MemberlistLocal,
}

impl Named for Preset {
    const FIELD: &'static str = "preset";
    const ALL: &'static [Self] = &[
        Preset::ConsulLan,
        Preset::ConsulWan,
        Preset::MemberlistLocal,
    ];
    fn as_str(self) -> &'static str {
        match self {
            Preset::ConsulLan => "consul-lan",
            Preset::ConsulWan => "consul-wan",
            Preset::MemberlistLocal => "memberlist-local",
        }
    }
    fn describe(self) -> &'static str {
        match self {
            Preset::ConsulLan => "memberlist DefaultLANConfig: probe 1 s, gossip 200 ms",
            Preset::ConsulWan => "memberlist DefaultWANConfig, GossipNodes 3: probe 5 s",
            Preset::MemberlistLocal => "memberlist DefaultLocalConfig: probe 1 s, timeout 200 ms",
        }
    }
}

impl Named for LatencyDist {
    const FIELD: &'static str = "latency distribution";
    const ALL: &'static [Self] = &[
        LatencyDist::Constant,
        LatencyDist::Uniform,
        LatencyDist::Exponential,
    ];
    fn as_str(self) -> &'static str {
        match self {
            LatencyDist::Constant => "constant",
            LatencyDist::Uniform => "uniform",
            LatencyDist::Exponential => "exponential",
        }
    }
    fn describe(self) -> &'static str {
        match self {
            LatencyDist::Constant => "every message takes the mean",
            LatencyDist::Uniform => "uniform on [0, 2 × mean]",
            LatencyDist::Exponential => "exponential with the mean: a heavy tail",
        }
    }
}

/// Everything a SWIM run needs besides its seed and actions. Times are in milliseconds.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct SwimConfig {
    /// Members at the start.
    pub nodes: u32,
    /// Milliseconds per tick.
    pub tick_ms: u32,
    /// Time between probes (`ProbeInterval`).
    pub probe_interval_ms: u32,
    /// Wait for a direct ack before asking for indirect probes (`ProbeTimeout`).
    pub probe_timeout_ms: u32,
    /// Members asked to ping-req a target that missed its direct ack (`IndirectChecks`).
    pub indirect_checks: u32,
    /// Multiplier of the retransmit limit (`RetransmitMult`).
    pub retransmit_mult: u32,
    /// Multiplier of the minimum suspicion timeout (`SuspicionMult`).
    pub suspicion_mult: u32,
    /// max suspicion timeout = this × min (`SuspicionMaxTimeoutMult`).
    pub suspicion_max_timeout_mult: u32,
    /// Cap on the local-health multiplier (`AwarenessMaxMultiplier`).
    pub awareness_max_multiplier: u32,
    /// Time between gossip rounds (`GossipInterval`).
    pub gossip_interval_ms: u32,
    /// Members gossiped to each gossip interval (`GossipNodes`).
    pub gossip_nodes: u32,
    /// How long a dead member is still gossiped to, and the least age at which it is reaped
    /// (`GossipToTheDeadTime`).
    pub gossip_to_the_dead_ms: u32,
    /// Time between full-state syncs before scaling (`PushPullInterval`); 0 turns them off.
    pub push_pull_interval_ms: u32,
    /// Largest packet, which bounds the piggybacked updates (`UDPBufferSize`).
    pub packet_bytes: u32,
    /// Serf's reconnect loop: how often a member tries a push/pull with a random member it
    /// holds failed, which is what heals a partition once memberlist has reaped the other
    /// side (`ReconnectInterval`); 0 turns it off.
    pub reconnect_interval_ms: u32,
    /// Which parts of Lifeguard run.
    pub lifeguard: Lifeguard,
    /// One-way network latency.
    pub latency: Latency,
    /// Probability that a packet (not a push/pull, which rides TCP) is lost.
    pub loss: f64,
}

impl SwimConfig {
    /// The preset's defaults for `nodes` members, on a 100 ms tick and a 1 ms LAN.
    pub fn preset(preset: Preset, nodes: u32) -> Self {
        // hashicorp/memberlist config.go DefaultLANConfig, field by field.
        let lan = SwimConfig {
            nodes,
            tick_ms: 100,
            probe_interval_ms: 1000, // DefaultLANConfig ProbeInterval 1 s
            probe_timeout_ms: 500,   // DefaultLANConfig ProbeTimeout 500 ms
            indirect_checks: 3,      // DefaultLANConfig IndirectChecks
            retransmit_mult: 4,      // DefaultLANConfig RetransmitMult
            suspicion_mult: 4,       // DefaultLANConfig SuspicionMult (5 before PR #129)
            suspicion_max_timeout_mult: 6, // DefaultLANConfig SuspicionMaxTimeoutMult
            awareness_max_multiplier: 8, // DefaultLANConfig AwarenessMaxMultiplier
            gossip_interval_ms: 200, // DefaultLANConfig GossipInterval
            gossip_nodes: 3,         // DefaultLANConfig GossipNodes
            gossip_to_the_dead_ms: 30_000, // DefaultLANConfig GossipToTheDeadTime
            push_pull_interval_ms: 30_000, // DefaultLANConfig PushPullInterval
            packet_bytes: 1400,      // DefaultLANConfig UDPBufferSize
            reconnect_interval_ms: 30_000, // hashicorp/serf serf/config.go DefaultConfig ReconnectInterval
            lifeguard: Lifeguard::ON,
            latency: Latency::LAN,
            loss: 0.0,
        };
        match preset {
            Preset::ConsulLan => lan,
            // hashicorp/memberlist config.go DefaultWANConfig overrides these fields.
            Preset::ConsulWan => SwimConfig {
                probe_interval_ms: 5000, // DefaultWANConfig ProbeInterval 5 s
                probe_timeout_ms: 3000,  // DefaultWANConfig ProbeTimeout 3 s
                suspicion_mult: 6,       // DefaultWANConfig SuspicionMult
                gossip_interval_ms: 500, // DefaultWANConfig GossipInterval
                // DefaultWANConfig says 4; hashicorp/consul agent/config/default.go fills
                // gossip_wan.gossip_nodes from the LAN config, so Consul's WAN pool runs 3.
                gossip_nodes: 3,
                gossip_to_the_dead_ms: 60_000, // DefaultWANConfig GossipToTheDeadTime
                push_pull_interval_ms: 60_000, // DefaultWANConfig PushPullInterval
                ..lan
            },
            // hashicorp/memberlist config.go DefaultLocalConfig overrides these fields.
            Preset::MemberlistLocal => SwimConfig {
                probe_timeout_ms: 200,         // DefaultLocalConfig ProbeTimeout
                indirect_checks: 1,            // DefaultLocalConfig IndirectChecks
                retransmit_mult: 2,            // DefaultLocalConfig RetransmitMult
                suspicion_mult: 3,             // DefaultLocalConfig SuspicionMult
                gossip_interval_ms: 100,       // DefaultLocalConfig GossipInterval
                gossip_to_the_dead_ms: 15_000, // DefaultLocalConfig GossipToTheDeadTime
                push_pull_interval_ms: 15_000, // DefaultLocalConfig PushPullInterval
                ..lan
            },
        }
    }

    /// Checks every field, naming the first bad one and its range.
    pub fn validate(&self) -> Result<()> {
        check_range("nodes", self.nodes, 1, MAX_SWIM_NODES)?;
        Ticks::new(self.tick_ms)?;
        let day = 86_400_000;
        check_range("probe_interval_ms", self.probe_interval_ms, 1, day)?;
        check_range(
            "probe_timeout_ms",
            self.probe_timeout_ms,
            1,
            self.probe_interval_ms,
        )?;
        check_range("indirect_checks", self.indirect_checks, 0, 64)?;
        check_range("retransmit_mult", self.retransmit_mult, 1, 100)?;
        check_range("suspicion_mult", self.suspicion_mult, 1, 100)?;
        check_range(
            "suspicion_max_timeout_mult",
            self.suspicion_max_timeout_mult,
            1,
            100,
        )?;
        check_range(
            "awareness_max_multiplier",
            self.awareness_max_multiplier,
            1,
            100,
        )?;
        check_range("gossip_interval_ms", self.gossip_interval_ms, 1, day)?;
        check_range("gossip_nodes", self.gossip_nodes, 0, 64)?;
        check_range("gossip_to_the_dead_ms", self.gossip_to_the_dead_ms, 0, day)?;
        check_range("push_pull_interval_ms", self.push_pull_interval_ms, 0, day)?;
        check_range("packet_bytes", self.packet_bytes, 64, 65_507)?;
        check_range("reconnect_interval_ms", self.reconnect_interval_ms, 0, day)?;
        self.latency.validate()?;
        check_range("loss", self.loss, 0.0, 1.0)
    }

    /// The tick conversion.
    pub fn ticks(&self) -> Ticks {
        Ticks {
            tick_ms: self.tick_ms.max(1),
        }
    }

    /// The awareness cap in force: 1 when Lifeguard's awareness is off.
    pub fn awareness_cap(&self) -> u32 {
        if self.lifeguard.awareness {
            self.awareness_max_multiplier
        } else {
            1
        }
    }

    /// The max suspicion multiplier in force: 1 (max = min) when dynamic suspicion is off.
    pub fn max_timeout_mult(&self) -> u32 {
        if self.lifeguard.dynamic_suspicion {
            self.suspicion_max_timeout_mult
        } else {
            1
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn presets_are_valid_and_differ_where_memberlist_does() {
        for p in Preset::ALL {
            let c = SwimConfig::preset(*p, 100);
            assert_eq!(c.validate(), Ok(()), "{p:?}");
            assert_eq!(Preset::from_name(p.as_str()), Ok(*p));
        }
        let (lan, wan, local) = (
            SwimConfig::preset(Preset::ConsulLan, 10),
            SwimConfig::preset(Preset::ConsulWan, 10),
            SwimConfig::preset(Preset::MemberlistLocal, 10),
        );
        assert_eq!((lan.probe_interval_ms, wan.probe_interval_ms), (1000, 5000));
        assert_eq!(wan.gossip_nodes, 3, "Consul's WAN pool, not memberlist's 4");
        assert_eq!((local.indirect_checks, local.retransmit_mult), (1, 2));
        assert_eq!(local.probe_interval_ms, 1000);
    }

    #[test]
    fn bad_fields_are_named() {
        let mut c = SwimConfig::preset(Preset::ConsulLan, 10);
        c.probe_timeout_ms = 2000;
        let e = c.validate().expect_err("timeout beyond the interval");
        assert!(e.to_string().starts_with("probe_timeout_ms"), "{e}");
        c = SwimConfig::preset(Preset::ConsulLan, 0);
        assert!(c.validate().is_err(), "an empty cluster");
        c = SwimConfig::preset(Preset::ConsulLan, 10);
        c.loss = f64::NAN;
        assert!(c.validate().is_err());
    }

    #[test]
    fn lifeguard_switches_map_to_memberlist_knobs() {
        let mut c = SwimConfig::preset(Preset::ConsulLan, 10);
        assert_eq!((c.awareness_cap(), c.max_timeout_mult()), (8, 6));
        c.lifeguard = Lifeguard::OFF;
        assert_eq!((c.awareness_cap(), c.max_timeout_mult()), (1, 1));
    }
}
