//! The broadcast queue: updates waiting to be piggybacked, each sent a bounded number of
//! times (`hashicorp/memberlist queue.go TransmitLimitedQueue`).
//!
//! - Fewest transmits first, then the longest, then the newest, as memberlist's btree orders
//!   them; so fresh news goes out before news the cluster has mostly heard.
//! - A new update about a member replaces the queued one about the same member
//!   (`NamedBroadcast` invalidation): the queue holds at most one membership update per member.
//!   User events never invalidate each other (Serf's `UniqueBroadcast`).
//! - An update leaves once it has gone out on `limit` packets, the limit being recomputed from
//!   the current N on every call.

use crate::swim::update::{PART_OVERHEAD, Update};

/// One queued update.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Queued {
    /// The update.
    pub update: Update,
    /// Packets it has gone out on.
    pub transmits: u32,
    /// Enqueue order, so that the newest wins ties.
    id: u64,
}

/// A node's queue of updates to piggyback.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct BroadcastQueue {
    items: Vec<Queued>,
    next_id: u64,
}

impl BroadcastQueue {
    /// Queues `update`, replacing a queued membership update about the same member.
    pub fn push(&mut self, update: Update) {
        if let Some(m) = update.member() {
            self.items.retain(|q| q.update.member() != Some(m));
        }
        self.next_id += 1;
        self.items.push(Queued {
            update,
            transmits: 0,
            id: self.next_id,
        });
    }

    /// Updates queued.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// True when there is nothing to say.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// The queued updates, in the order they would go out.
    pub fn items(&self) -> Vec<Queued> {
        let mut v = self.items.clone();
        v.sort_by(|a, b| {
            (a.transmits, b.update.bytes(), b.id).cmp(&(b.transmits, a.update.bytes(), a.id))
        });
        v
    }

    /// Whether a membership update about `member` is still queued.
    pub fn holds(&self, member: u32) -> bool {
        self.items.iter().any(|q| q.update.member() == Some(member))
    }

    /// Takes the updates that fit in `space` bytes (each costing its size plus the part
    /// overhead) into `out`, counts one transmit on each, and drops those that reach `limit`
    /// (`queue.go GetBroadcasts`).
    pub fn take(&mut self, space: u32, limit: u32, out: &mut Vec<Update>) {
        if self.items.is_empty() {
            return;
        }
        self.items.sort_by(|a, b| {
            (a.transmits, b.update.bytes(), b.id).cmp(&(b.transmits, a.update.bytes(), a.id))
        });
        let mut used = 0u32;
        for q in &mut self.items {
            let cost = q.update.bytes() + PART_OVERHEAD;
            if used + cost > space {
                continue;
            }
            used += cost;
            out.push(q.update);
            q.transmits += 1;
        }
        self.items.retain(|q| q.transmits < limit);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn alive(member: u32, incarnation: u32) -> Update {
        Update::Alive {
            member,
            incarnation,
        }
    }

    #[test]
    fn newer_news_about_a_member_replaces_the_old() {
        let mut q = BroadcastQueue::default();
        q.push(alive(1, 1));
        q.push(Update::User { id: 0 });
        q.push(Update::User { id: 1 });
        q.push(Update::Dead {
            member: 1,
            incarnation: 1,
            from: 2,
        });
        assert_eq!(
            q.len(),
            3,
            "one entry per member; user events never invalidate"
        );
        assert!(q.holds(1));
    }

    #[test]
    fn each_update_goes_out_at_most_limit_times() {
        let mut q = BroadcastQueue::default();
        q.push(alive(1, 1));
        let mut sent = 0;
        for _ in 0..10 {
            let mut out = Vec::new();
            q.take(1400, 3, &mut out);
            sent += out.len();
        }
        assert_eq!(sent, 3, "retransmit limit");
        assert!(q.is_empty());
    }

    #[test]
    fn the_packet_size_bounds_a_packet_and_the_freshest_goes_first() {
        let mut q = BroadcastQueue::default();
        for m in 0..40 {
            q.push(alive(m, 1));
        }
        let mut out = Vec::new();
        q.take(1400, 100, &mut out);
        assert_eq!(out.len(), 1400 / 68, "68 bytes each with framing");
        let mut second = Vec::new();
        q.take(1400, 100, &mut second);
        assert!(
            second
                .iter()
                .all(|u| !out[..out.len().min(40 - out.len())].contains(u)),
            "never-sent updates go before the ones already sent once"
        );
        assert_eq!(
            second[0],
            alive(19, 1),
            "newest of the unsent first: {second:?}"
        );
    }
}
