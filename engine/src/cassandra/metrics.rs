//! What a Cassandra run measures, in ticks (the CLI turns them into seconds).
//!
//! Cassandra has no suspicion stage: an observer's φ crossing the threshold *is* its
//! verdict (`Gossiper.convict` → `markDead`). So for a crashed node `first_down` is both
//! SWIM's `detect_first` and `detect_confirm` (the first observer to mark it DOWN), and
//! `all_down` is `detect_all` (every acting node that knows it holds it DOWN).

use std::collections::BTreeMap;

use crate::cassandra::event::CassandraEvent;
use crate::cassandra::gossiper::Gossiper;
use crate::swim::network::Condition;

/// The conviction of one crashed node, in ticks since its crash.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Conviction {
    /// Tick of the crash.
    pub crashed_at: u32,
    /// Ticks until the first observer marked it DOWN.
    pub first_down: Option<u32>,
    /// Ticks until every acting node that knows it held it DOWN.
    pub all_down: Option<u32>,
}

/// The run's counters.
#[derive(Clone, Debug, Default, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct CassandraMetrics {
    /// Per crashed node.
    pub convictions: BTreeMap<u32, Conviction>,
    /// Times an observer marked DOWN an endpoint that was acting (running and not paused)
    /// at that tick: every such (observer, endpoint) verdict counts, since each observer
    /// decides alone. A partition makes them by design.
    pub false_positives: u32,
    /// Every DOWN verdict.
    pub downs: u32,
    /// Every UP (after an echo round trip) of an endpoint that was not live.
    pub ups: u32,
    /// Messages sent, by verb: SYN, ACK, ACK2, ECHO_REQ, ECHO_RSP.
    pub by_verb: [u64; 5],
    /// Messages sent.
    pub messages: u64,
    /// Bytes sent.
    pub bytes: u64,
    /// Messages lost to loss or partitions.
    pub lost: u64,
}

impl CassandraMetrics {
    /// Counts the events of tick `tick`.
    pub fn observe(&mut self, tick: u32, events: &[CassandraEvent], conditions: &[Condition]) {
        for e in events {
            match *e {
                CassandraEvent::Down { endpoint, .. } => {
                    self.downs += 1;
                    if let Some(c) = self.convictions.get_mut(&endpoint) {
                        c.first_down.get_or_insert(tick - c.crashed_at);
                    }
                    if conditions[endpoint as usize].acts(tick) {
                        self.false_positives += 1;
                    }
                }
                CassandraEvent::Up { .. } => self.ups += 1,
            }
        }
    }

    /// Checks the agreements still open.
    pub fn settle(&mut self, tick: u32, nodes: &[Gossiper], conditions: &[Condition]) {
        for (&m, c) in self
            .convictions
            .iter_mut()
            .filter(|(_, c)| c.all_down.is_none())
        {
            let agreed = nodes.iter().zip(conditions).all(|(n, cond)| {
                n.id == m || !cond.acts(tick) || n.view(m).is_none_or(|v| !v.alive)
            });
            if agreed {
                c.all_down = Some(tick - c.crashed_at);
            }
        }
    }
}
