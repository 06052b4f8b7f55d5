//! One Dynamo node's membership view (§4.8): the members it knows with their generation
//! (their tokens follow from it), whom it holds unreachable, and the calls awaiting an answer.

use std::collections::{BTreeMap, BTreeSet};

use crate::dynamo::merkle::Replica;
use crate::rng::{Stream, splitmix64};

/// Bytes of a gossip message's header (sender, kind, length). The paper gives no wire
/// format; a simulator's choice.
pub const HEADER_BYTES: u32 = 16;

/// Bytes of one membership entry: member id 4 + generation 4 + 8 per token. §6.6: each node
/// gossips the full routing table.
pub fn entry_bytes(tokens: u32) -> u32 {
    8 + 8 * tokens
}

/// The tokens of `member` in `generation`: `tokens` positions on the 64-bit ring, drawn from
/// a hash so every node derives the same ones (§4.2: each node gets random positions).
pub fn tokens_of(member: u32, generation: u32, tokens: u32) -> impl Iterator<Item = u64> {
    let base = splitmix64((u64::from(member) << 32) | u64::from(generation));
    (0..tokens).map(move |t| splitmix64(base ^ u64::from(t)))
}

/// A gossip message: the sender's whole membership history (§4.8.1, §6.6).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Packet {
    pub from: u32,
    pub to: u32,
    /// A call (`true`) or its answer.
    pub request: bool,
    /// (member, generation) of every member the sender knows.
    pub members: Vec<(u32, u32)>,
}

impl Packet {
    pub fn bytes(&self, tokens: u32) -> u32 {
        HEADER_BYTES + self.members.len() as u32 * entry_bytes(tokens)
    }
}

/// One node.
#[derive(Clone, Debug)]
pub struct DynamoNode {
    /// Its id.
    pub id: u32,
    /// Members known (itself included) → generation.
    pub members: BTreeMap<u32, u32>,
    /// Members it holds unreachable (§4.8.3: its own, local verdict).
    pub unreachable: BTreeSet<u32>,
    /// Calls awaiting an answer: peer → tick the timeout expires.
    pub pending: BTreeMap<u32, u32>,
    /// Its replica of the key range (§4.7).
    pub replica: Replica,
    pub(crate) rng: Stream,
    pub(crate) next_gossip: u32,
}

impl DynamoNode {
    pub(crate) fn new(id: u32, generation: u32, rng: Stream, next_gossip: u32) -> Self {
        DynamoNode {
            id,
            members: BTreeMap::from([(id, generation)]),
            unreachable: BTreeSet::new(),
            pending: BTreeMap::new(),
            replica: Replica::new(),
            rng,
            next_gossip,
        }
    }

    /// Its own generation.
    pub fn generation(&self) -> u32 {
        self.members.get(&self.id).copied().unwrap_or(1)
    }

    /// Whether it knows `m` and holds it reachable (`None` if unknown).
    pub fn reachable(&self, m: u32) -> Option<bool> {
        self.members
            .contains_key(&m)
            .then(|| !self.unreachable.contains(&m))
    }

    /// Its ring view: (token, owner) in token order (§4.8.1: token mappings reconciled by
    /// gossip, so every node can route directly).
    pub fn ring(&self, tokens: u32) -> Vec<(u64, u32)> {
        let mut ring: Vec<(u64, u32)> = self
            .members
            .iter()
            .flat_map(|(&m, &g)| tokens_of(m, g, tokens).map(move |t| (t, m)))
            .collect();
        ring.sort_unstable();
        ring
    }

    /// Reconciles membership histories: every member, at the newer generation.
    pub(crate) fn merge(&mut self, members: &[(u32, u32)]) {
        for &(m, g) in members {
            let e = self.members.entry(m).or_insert(g);
            *e = (*e).max(g);
        }
    }

    /// Chooses the peer of this round: uniform over the known members other than itself,
    /// unreachable ones included (§4.8.3: A "periodically retries B"); when it knows no one
    /// else, a seed (§4.8.2). `None` if there is no one.
    pub(crate) fn pick_peer(&mut self, seeds: u32) -> Option<u32> {
        let others: Vec<u32> = self
            .members
            .keys()
            .copied()
            .filter(|&m| m != self.id)
            .collect();
        if !others.is_empty() {
            return Some(others[self.rng.below(others.len() as u32) as usize]);
        }
        let seeds: Vec<u32> = (0..seeds).filter(|&s| s != self.id).collect();
        (!seeds.is_empty()).then(|| seeds[self.rng.below(seeds.len() as u32) as usize])
    }

    pub(crate) fn snapshot(&self) -> Vec<(u32, u32)> {
        self.members.iter().map(|(&m, &g)| (m, g)).collect()
    }
}
