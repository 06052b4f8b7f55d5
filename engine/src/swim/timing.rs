//! A run's timers in ticks, worked out once from its config.

use crate::swim::config::SwimConfig;
use crate::swim::formulas::push_pull_interval_ms;

/// The config and its intervals in ticks.
#[derive(Clone, Debug, PartialEq)]
pub struct Timing {
    /// The parameters.
    pub config: SwimConfig,
    /// `ProbeInterval` in ticks.
    pub probe: u32,
    /// `ProbeTimeout` in ticks.
    pub timeout: u32,
    /// `GossipInterval` in ticks.
    pub gossip: u32,
    /// `GossipToTheDeadTime` in ticks.
    pub dead: u32,
    /// Serf's `ReconnectInterval` in ticks; 0 when off.
    pub reconnect: u32,
}

impl Timing {
    /// The timers of `config` (assumed valid).
    pub fn new(config: SwimConfig) -> Self {
        let t = config.ticks();
        Timing {
            probe: t.interval(config.probe_interval_ms),
            timeout: t.interval(config.probe_timeout_ms),
            gossip: t.interval(config.gossip_interval_ms),
            dead: t.interval(config.gossip_to_the_dead_ms),
            reconnect: if config.reconnect_interval_ms == 0 {
                0
            } else {
                t.interval(config.reconnect_interval_ms)
            },
            config,
        }
    }

    /// The push/pull period in ticks at `n` known members, scaled as memberlist does; 0 when
    /// push/pull is off.
    pub fn push_pull(&self, n: u32) -> u32 {
        if self.config.push_pull_interval_ms == 0 {
            return 0;
        }
        let ms = push_pull_interval_ms(self.config.push_pull_interval_ms, n);
        let ms = u32::try_from(ms).unwrap_or(u32::MAX);
        self.config.ticks().interval(ms)
    }
}
