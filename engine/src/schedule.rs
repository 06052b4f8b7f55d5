//! In-flight messages, held by the tick they land in.
//!
//! A ring of per-tick buckets instead of a priority queue per message: sending is a push onto
//! the bucket of the delivery tick, and each tick takes its whole bucket in sending order, so
//! delivery order is deterministic and costs O(1) per message. The ring grows (doubling) when
//! a delay reaches past its horizon, so no latency is ever clipped.

/// Messages (or any items) due at future ticks.
#[derive(Clone, Debug, PartialEq)]
pub struct Schedule<T> {
    /// `buckets[t % len]` holds the items due at tick `t`, for `now <= t < now + len`.
    buckets: Vec<Vec<T>>,
    /// The tick whose bucket is taken next.
    now: u32,
    /// Items held.
    len: usize,
}

impl<T> Schedule<T> {
    /// An empty schedule starting at tick `now`, with room for delays below `horizon` before
    /// it first grows.
    pub fn new(now: u32, horizon: u32) -> Self {
        let n = horizon.max(2).next_power_of_two() as usize;
        Schedule {
            buckets: (0..n).map(|_| Vec::new()).collect(),
            now,
            len: 0,
        }
    }

    /// Items held.
    pub fn len(&self) -> usize {
        self.len
    }

    /// True when nothing is in flight.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Holds `item` until tick `at`. An `at` in the past lands at the next tick taken.
    pub fn push(&mut self, at: u32, item: T) {
        let at = at.max(self.now);
        let ahead = (at - self.now) as usize;
        if ahead >= self.buckets.len() {
            self.grow(ahead + 1);
        }
        let n = self.buckets.len();
        self.buckets[at as usize % n].push(item);
        self.len += 1;
    }

    /// Takes everything due at the current tick, in the order it was pushed, and moves on to
    /// the next tick.
    pub fn take(&mut self, spare: Vec<T>) -> Vec<T> {
        let n = self.buckets.len();
        let i = self.now as usize % n;
        let out = std::mem::replace(&mut self.buckets[i], spare);
        self.len -= out.len();
        self.now = self.now.wrapping_add(1);
        out
    }

    /// Iterates over every item in flight with its delivery tick, soonest first.
    pub fn iter(&self) -> impl Iterator<Item = (u32, &T)> {
        let n = self.buckets.len() as u32;
        (0..n).flat_map(move |k| {
            let at = self.now.wrapping_add(k);
            self.buckets[(at % n) as usize].iter().map(move |x| (at, x))
        })
    }

    /// Re-lays the buckets over a ring of at least `need` ticks.
    fn grow(&mut self, need: usize) {
        let old = self.buckets.len();
        let n = need.next_power_of_two();
        let mut buckets: Vec<Vec<T>> = (0..n).map(|_| Vec::new()).collect();
        for k in 0..old {
            let at = self.now as usize + k;
            buckets[at % n] = std::mem::take(&mut self.buckets[at % old]);
        }
        self.buckets = buckets;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_land_at_their_tick_in_sending_order() {
        let mut s = Schedule::new(0, 4);
        s.push(2, "b1");
        s.push(1, "a");
        s.push(2, "b2");
        s.push(0, "now");
        assert_eq!(s.len(), 4);
        assert_eq!(s.take(Vec::new()), vec!["now"]);
        assert_eq!(s.take(Vec::new()), vec!["a"]);
        assert_eq!(
            s.take(Vec::new()),
            vec!["b1", "b2"],
            "same tick: sending order"
        );
        assert!(s.is_empty());
    }

    #[test]
    fn long_delays_grow_the_ring_without_reordering() {
        let mut s = Schedule::new(5, 2);
        s.push(6, 1);
        s.push(7, 2);
        s.push(40, 3);
        s.push(8, 4);
        let order: Vec<(u32, i32)> = s.iter().map(|(t, &x)| (t, x)).collect();
        assert_eq!(order, vec![(6, 1), (7, 2), (8, 4), (40, 3)]);
        let mut got = Vec::new();
        for t in 5..=40 {
            for x in s.take(Vec::new()) {
                got.push((t, x));
            }
        }
        assert_eq!(got, vec![(6, 1), (7, 2), (8, 4), (40, 3)]);
    }

    #[test]
    fn the_past_lands_next() {
        let mut s = Schedule::new(10, 4);
        s.take(Vec::new());
        s.push(3, 'x');
        assert_eq!(s.take(Vec::new()), vec!['x']);
    }
}
