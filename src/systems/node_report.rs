//! What the inspector shows of one member: its list (state, incarnation, suspicion timer,
//! confirmations), its queue of updates with their remaining retransmits, its local health.
//! Read from the simulation here, drawn by `inspector`.

use gossip_engine::swim::formulas::retransmit_limit;
use gossip_engine::swim::{MemberState, SwimSimulation};

use super::texts as tx;

/// List rows shown before "… and N more alive".
const ROWS: usize = 24;

/// One row of a member list.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    /// The member.
    pub member: u32,
    /// How this node holds it.
    pub state: MemberState,
    /// At which incarnation.
    pub incarnation: u32,
    /// A running suspicion: seconds left and (confirmations, k).
    pub suspicion: Option<(f64, u32, u32)>,
}

/// One queued update.
#[derive(Clone, Debug, PartialEq)]
pub struct Queued {
    /// "suspect 7 (inc 0)", "user event 2".
    pub what: String,
    /// Retransmits left before it leaves the queue.
    pub left: u32,
}

/// What the inspector shows of one member at the tick shown.
#[derive(Clone, Debug, PartialEq)]
pub struct NodeReport {
    /// The member.
    pub id: u32,
    /// Its own incarnation.
    pub incarnation: u32,
    /// Lifeguard's local health score (0 = healthy).
    pub awareness: u32,
    /// Its list, most interesting first (not alive, then by member).
    pub rows: Vec<Row>,
    /// Alive members not listed.
    pub more_alive: usize,
    /// Its queue.
    pub queue: Vec<Queued>,
}

impl NodeReport {
    /// Reads member `id` of `sim`.
    pub fn of(sim: &SwimSimulation, id: u32) -> Option<Self> {
        let node = sim.node(id)?;
        let tick_ms = f64::from(sim.config().tick_ms);
        let mut rows: Vec<Row> = (0..sim.nodes())
            .filter(|&m| m != id)
            .filter_map(|m| {
                let e = node.entry(m);
                (e.state() != MemberState::Unknown).then(|| Row {
                    member: m,
                    state: e.state(),
                    incarnation: e.incarnation(),
                    suspicion: node.suspicions.iter().find(|s| s.member == m).map(|s| {
                        let left = f64::from(s.deadline.saturating_sub(sim.tick())) * tick_ms;
                        (left / 1000.0, s.confirmations(), s.k)
                    }),
                })
            })
            .collect();
        rows.sort_by_key(|r| (r.state == MemberState::Alive, r.member));
        let alive = rows
            .iter()
            .filter(|r| r.state == MemberState::Alive)
            .count();
        let shown = rows.len().min(ROWS).max(rows.len() - alive);
        let more_alive = rows.len() - shown;
        rows.truncate(shown);
        let limit = retransmit_limit(sim.config().retransmit_mult, node.known);
        let queue = node
            .queue
            .items()
            .into_iter()
            .chain(node.events.items())
            .map(|q| Queued {
                what: tx::update_label(q.update),
                left: limit.saturating_sub(q.transmits),
            })
            .collect();
        Some(NodeReport {
            id,
            incarnation: node.incarnation(),
            awareness: node.awareness.score(),
            rows,
            more_alive,
            queue,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use gossip_engine::swim::{Preset, SwimCommand, SwimConfig};

    /// A member that suspects another lists it first, with a running timer and its
    /// confirmations, and has the suspicion queued with retransmits left.
    #[test]
    fn a_suspicion_shows_its_timer_and_queue() {
        let mut sim = SwimSimulation::new(SwimConfig::preset(Preset::ConsulLan, 10), 4).unwrap();
        sim.apply(&SwimCommand::Kill { node: 6 }).unwrap();
        let report = loop {
            sim.step();
            let found = (0..10).find_map(|o| {
                let r = NodeReport::of(&sim, o)?;
                r.rows.first().filter(|row| row.suspicion.is_some())?;
                Some(r)
            });
            if let Some(r) = found {
                break r;
            }
            assert!(sim.tick() < 300, "nobody suspected the killed member");
        };
        let row = &report.rows[0];
        assert_eq!((row.member, row.state), (6, MemberState::Suspect));
        let (left, c, k) = row.suspicion.unwrap();
        assert!(left > 0.0 && c <= k, "{left} {c} {k}");
        assert!(
            report
                .queue
                .iter()
                .any(|q| q.what.contains('6') && q.left > 0)
        );
        assert_eq!(report.rows.len() + report.more_alive, 9);
    }
}
