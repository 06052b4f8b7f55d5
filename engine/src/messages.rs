//! The message tables of the whole cluster: one [`MessageSlot`] per message id, and the
//! per-state counts of each, kept up to date as nodes learn, lose interest, die and revive.
//!
//! Protocols read them during a round; at its end they take the round's deliveries.

use crate::command::{MAX_CELLS, MAX_CONTENT, MAX_MESSAGES};
use crate::error::{Error, Result, check_range};
use crate::message::{MessageSlot, MessageState, NONE, Version};
use crate::report::Change;
use crate::round::RoundCtx;

/// How many alive nodes are in each state for a message's latest version, plus the dead.
/// The four always sum to the cluster size.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct StateCounts {
    /// Alive nodes without the latest version.
    pub unaware: u32,
    /// Alive nodes spreading it.
    pub fresh: u32,
    /// Alive nodes that hold it and stopped spreading it.
    pub stale: u32,
    /// Dead nodes, whatever they hold.
    pub dead: u32,
}

impl StateCounts {
    /// Sum of all four: the cluster size.
    pub fn total(&self) -> u32 {
        self.unaware + self.fresh + self.stale + self.dead
    }
    /// Alive nodes holding the latest version.
    pub fn informed(&self) -> u32 {
        self.fresh + self.stale
    }
    fn slot(&mut self, s: MessageState) -> &mut u32 {
        match s {
            MessageState::Unaware => &mut self.unaware,
            MessageState::Fresh => &mut self.fresh,
            MessageState::Stale => &mut self.stale,
        }
    }
}

impl MessageSlot {
    /// Stores version index+1 `version` at `node`, arriving in `round` from `from`, if it
    /// supersedes what the node holds, and keeps `counts` (this slot's) in step. Returns the
    /// node's state before, or `None` when the version was not newer and nothing changed.
    #[inline(always)]
    fn receive(
        &mut self,
        counts: &mut StateCounts,
        node: u32,
        version: u32,
        round: u32,
        from: u32,
    ) -> Option<MessageState> {
        if !self.newer(version, self.held[node as usize]) {
            return None;
        }
        let before = self.state_of_latest(node);
        self.store(node, version, round, from);
        let after = self.state_of_latest(node);
        if before != after {
            *counts.slot(before) -= 1;
            *counts.slot(after) += 1;
        }
        Some(before)
    }
}

/// Every message's slot, by id, and its kept counts.
#[derive(Clone, Debug, Default)]
pub(crate) struct Messages {
    pub slots: Vec<MessageSlot>,
    /// `counts[id]`: the counts of `slots[id]`, kept incrementally.
    pub counts: Vec<StateCounts>,
}

impl Messages {
    /// Writes `content` at `node` in `round`: a new message (`id` = `None`) or a new version
    /// of message `id`. `alive` is every node's flag. Returns the id; on error nothing
    /// changes.
    pub fn inject(
        &mut self,
        node: u32,
        id: Option<u32>,
        content: &str,
        round: u32,
        alive: &[bool],
    ) -> Result<u32> {
        let chars = content.chars().count();
        check_range("content length", chars as u32, 0, MAX_CONTENT as u32)?;
        let nodes = alive.len() as u32;
        let id = match id {
            Some(id) => {
                if id as usize >= self.slots.len() {
                    return Err(Error::UnknownMessage { id });
                }
                id
            }
            None => {
                let id = self.slots.len() as u32;
                check_range("messages", id + 1, 1, MAX_MESSAGES)?;
                let cells = u64::from(id + 1) * u64::from(nodes);
                if cells > MAX_CELLS {
                    return Err(Error::TooManyCells {
                        cells,
                        max: MAX_CELLS,
                    });
                }
                self.slots.push(MessageSlot::new(id, nodes));
                self.counts.push(StateCounts::default());
                id
            }
        };
        let slot = &mut self.slots[id as usize];
        // The writer acts as a client that knows the newest version, so a re-injection always
        // supersedes every older value of the id.
        let number = slot.versions.iter().map(|v| v.number).max().unwrap_or(0) + 1;
        slot.versions.push(Version {
            number,
            origin: node,
            content: content.to_string(),
            injected: round,
        });
        let v = slot.versions.len() as u32;
        slot.latest = v - 1;
        slot.store(node, v, round, NONE);
        slot.converged_at = None;
        slot.extinct_at = None;
        if let Some(c) = self.counted(id, alive) {
            self.counts[id as usize] = c;
        }
        Ok(id)
    }

    /// Moves `node` between the dead and its state in every message's counts.
    pub fn set_alive(&mut self, node: u32, on: bool) {
        for (m, c) in self.slots.iter().zip(&mut self.counts) {
            let s = m.state_of_latest(node);
            if on {
                c.dead -= 1;
                *c.slot(s) += 1;
            } else {
                *c.slot(s) -= 1;
                c.dead += 1;
            }
        }
    }

    /// Forgets every message at a dead `node` (amnesia); dead, it counts as dead either way.
    pub fn forget(&mut self, node: u32) {
        for m in &mut self.slots {
            m.forget(node);
        }
    }

    /// Grows every table for a node that joined, unaware of everything.
    pub fn push_node(&mut self) {
        for (m, c) in self.slots.iter_mut().zip(&mut self.counts) {
            m.push_node();
            c.unaware += 1;
        }
    }

    /// Counts of message `id` computed from its columns (`None` for an unknown id).
    pub fn counted(&self, id: u32, alive: &[bool]) -> Option<StateCounts> {
        let m = self.slots.get(id as usize)?;
        let mut c = StateCounts::default();
        for node in 0..m.held.len() as u32 {
            if alive[node as usize] {
                *c.slot(m.state_of_latest(node)) += 1;
            } else {
                c.dead += 1;
            }
        }
        Some(c)
    }

    /// Applies the round's deliveries in the order they were sent: the first sender of the
    /// newest version is recorded as the source. Bulk deliveries of a fast path
    /// ([`crate::round::Receivers`]) come first, in node order (one per receiver, nothing recorded, so
    /// their order changes nothing).
    pub fn deliver(&mut self, ctx: &mut RoundCtx) {
        let round = ctx.round;
        #[cfg(feature = "fast-paths")]
        if let Some(r) = ctx.receivers.take() {
            debug_assert!(
                !ctx.record,
                "bulk deliveries are only made with recording off"
            );
            // Each receiver is alive and held nothing of the slot at the start of the round
            // (`Receivers`), so each goes from unaware to fresh: `receive` without its
            // checks, and the counts moved once for all.
            let slot = &mut self.slots[0];
            let mut received = 0;
            for (node, from) in r.iter() {
                debug_assert_eq!(slot.state_of_latest(node), MessageState::Unaware);
                debug_assert!(slot.newer(r.version, slot.held[node as usize]));
                slot.store(node, r.version, round, from);
                received += 1;
            }
            let counts = &mut self.counts[0];
            counts.unaware -= received;
            counts.fresh += received;
            r.recycle();
        }
        for d in std::mem::take(&mut ctx.deliveries) {
            let slot = &mut self.slots[d.slot as usize];
            let counts = &mut self.counts[d.slot as usize];
            let Some(before) = slot.receive(counts, d.node, d.version, round, d.from) else {
                continue;
            };
            if ctx.record {
                ctx.report.changes.push(Change {
                    node: d.node,
                    message: u32::from(d.slot),
                    before,
                    after: MessageState::Fresh,
                    source: Some(d.from),
                });
            }
        }
    }

    /// Marks convergence and extinction of each message at the end of `round`. Extinct means
    /// no fresh holder and, under latency, nothing of the message on the wire
    /// (`in_flight(slot)`): an update still travelling may make its receiver fresh (it may
    /// also find it informed, or down, or superseded; extinction then waits for it anyway).
    pub fn close_round(&mut self, round: u32, alive: u32, in_flight: impl Fn(u32) -> bool) {
        for (s, (m, c)) in self.slots.iter_mut().zip(&self.counts).enumerate() {
            if m.converged_at.is_none() && c.informed() == alive {
                m.converged_at = Some(round);
            }
            if m.extinct_at.is_none() && c.fresh == 0 && !in_flight(s as u32) {
                m.extinct_at = Some(round);
            }
        }
    }

    /// Moves a fresh holder of `slot` to stale (loss of interest), keeping counts.
    pub fn make_stale(&mut self, slot: u32, node: u32, alive: &[bool], ctx: &mut RoundCtx) {
        let m = &mut self.slots[slot as usize];
        let i = node as usize;
        if m.state[i] != MessageState::Fresh {
            return;
        }
        m.state[i] = MessageState::Stale;
        if m.held[i] == m.latest + 1 && alive[i] {
            let c = &mut self.counts[slot as usize];
            c.fresh -= 1;
            c.stale += 1;
        }
        if ctx.record {
            ctx.report.changes.push(Change {
                node,
                message: slot,
                before: MessageState::Fresh,
                after: MessageState::Stale,
                source: None,
            });
        }
    }
}
