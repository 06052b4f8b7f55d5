//! One cluster of any of the three systems behind one face: the page steps it, reads each
//! node's views and draws its messages without knowing which engine runs underneath. An
//! enum rather than a trait object, so a run clones (for snapshots) like the engines do.

use gossip_engine::cassandra::{
    CassandraConfig, CassandraEvent, CassandraPreset, CassandraSimulation, Verb,
};
use gossip_engine::dynamo::{
    DynamoConfig, DynamoEvent, DynamoPreset, DynamoSimulation, DynamoVerb,
};
use gossip_engine::redis::{RedisConfig, RedisEvent, RedisPreset, RedisSimulation, RedisVerb};
use gossip_engine::swim::network::Condition;

use super::scenario::{Store, StoreCommand, StoreScenario};

/// A message as the system names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kind {
    /// Cassandra's `GOSSIP_DIGEST_SYN`: the digests.
    Syn,
    /// `GOSSIP_DIGEST_ACK`: newer states, and requests.
    Ack,
    /// `GOSSIP_DIGEST_ACK2`: the states requested.
    Ack2,
    /// `ECHO_REQ`/`ECHO_RSP`, which `markAlive` waits for before an endpoint is UP again.
    Echo,
    /// Redis `CLUSTERMSG_TYPE_PING`, with its gossip section.
    Ping,
    /// `CLUSTERMSG_TYPE_PONG`.
    Pong,
    /// `CLUSTERMSG_TYPE_FAIL`, the broadcast.
    Fail,
    /// `FAILOVER_AUTH_REQUEST` and `FAILOVER_AUTH_ACK`: a replica's election.
    Vote,
    /// Dynamo's membership call to a random peer, and its answer.
    Gossip,
    /// Merkle roots and the differing branches compared.
    Merkle,
    /// The differing keys.
    Keys,
}

/// One message in the air.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Wire {
    /// Sender.
    pub from: u32,
    /// Receiver.
    pub to: u32,
    /// Tick it was sent in.
    pub sent: u32,
    /// Tick it lands in, `None` if lost.
    pub lands: Option<u32>,
    /// What it is.
    pub kind: Kind,
    /// Its payload's count: gossip entries of a Redis PING/PONG, keys of a Dynamo transfer.
    pub items: u32,
}

/// A verdict one node reached about another, for the log and the lessons.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Verdict {
    /// Cassandra: `observer` convicted `node` (φ past the threshold): DOWN there.
    Down { observer: u32, node: u32, phi: f64 },
    /// Cassandra: UP again at `observer`.
    Up { observer: u32, node: u32 },
    /// Redis: `observer` flagged `node` PFAIL (no PONG for `node_timeout`).
    Pfail { observer: u32, node: u32 },
    /// Redis: FAIL at `observer`, by its own count of a majority of masters or from a
    /// FAIL broadcast.
    Fail {
        observer: u32,
        node: u32,
        reports: u32,
        by_majority: bool,
    },
    /// Redis: `replica` won its election and took over `master`'s slots.
    Promoted { replica: u32, master: u32 },
    /// Dynamo: `caller` holds `peer` unreachable (a call timed out).
    Unreachable { caller: u32, peer: u32 },
    /// Dynamo: `caller` heard from `peer` again.
    Reachable { caller: u32, peer: u32 },
}

/// What one tick did.
#[derive(Clone, Debug, Default)]
pub struct Tick {
    /// Messages sent in it.
    pub wires: Vec<Wire>,
    /// Verdicts reached in it.
    pub verdicts: Vec<Verdict>,
}

/// What the acting nodes other than a node hold of it: `[well, doubt, down]`.
/// - Cassandra: UP, —, DOWN.
/// - Redis: no flag, PFAIL, FAIL.
/// - Dynamo: reachable, not yet in their ring view, unreachable.
pub type Views = [u16; 3];

/// Whom the chart asks about `node`: node 0 (a seed in Cassandra and Dynamo), or node 1
/// about node 0.
pub fn observer_of(node: u32) -> u32 {
    u32::from(node == 0)
}

/// A running cluster.
#[derive(Clone, Debug)]
pub enum Run {
    Cassandra(Box<CassandraSimulation>),
    Redis(Box<RedisSimulation>),
    Dynamo(Box<DynamoSimulation>),
}

fn u16s((a, b, c): (u32, u32, u32)) -> Views {
    [a, b, c].map(|v| v.min(u32::from(u16::MAX)) as u16)
}

impl Run {
    /// The scenario's cluster at tick 0, recording its messages.
    pub fn new(s: &StoreScenario) -> Result<Self, gossip_engine::Error> {
        Ok(match s.store {
            Store::Cassandra => {
                let config = CassandraConfig::preset(CassandraPreset::Cassandra, s.nodes);
                let mut sim = CassandraSimulation::new(config, s.seed)?;
                sim.set_recording(true);
                Run::Cassandra(Box::new(sim))
            }
            Store::RedisCluster => {
                let config = RedisConfig::preset(RedisPreset::RedisCluster, s.nodes);
                let mut sim = RedisSimulation::new(config, s.seed)?;
                sim.set_recording(true);
                Run::Redis(Box::new(sim))
            }
            Store::Dynamo => {
                let config = DynamoConfig::preset(DynamoPreset::Dynamo, s.nodes);
                let mut sim = DynamoSimulation::new(config, s.seed)?;
                sim.set_recording(true);
                Run::Dynamo(Box::new(sim))
            }
        })
    }

    /// Nodes, joined ones included.
    pub fn nodes(&self) -> u32 {
        match self {
            Run::Cassandra(s) => s.nodes(),
            Run::Redis(s) => s.nodes(),
            Run::Dynamo(s) => s.nodes(),
        }
    }

    /// The next tick to run.
    pub fn tick(&self) -> u32 {
        match self {
            Run::Cassandra(s) => s.tick(),
            Run::Redis(s) => s.tick(),
            Run::Dynamo(s) => s.tick(),
        }
    }

    /// Milliseconds per tick.
    pub fn tick_ms(&self) -> u32 {
        match self {
            Run::Cassandra(s) => s.config().tick_ms,
            Run::Redis(s) => s.config().tick_ms,
            Run::Dynamo(s) => s.config().tick_ms,
        }
    }

    /// A node's process.
    pub fn condition(&self, node: u32) -> Option<&Condition> {
        match self {
            Run::Cassandra(s) => s.condition(node),
            Run::Redis(s) => s.condition(node),
            Run::Dynamo(s) => s.condition(node),
        }
    }

    /// What the others hold of `node`.
    pub fn views(&self, node: u32) -> Views {
        match self {
            Run::Cassandra(s) => {
                let (up, down) = s.views_of(node);
                u16s((up, 0, down))
            }
            Run::Redis(s) => u16s(s.views_of(node)),
            Run::Dynamo(s) => {
                let (reach, unreach, unknown) = s.views_of(node);
                u16s((reach, unknown, unreach))
            }
        }
    }

    /// Redis: whether `node` is a master now, and the master it replicates otherwise.
    pub fn role(&self, node: u32) -> Option<(bool, Option<u32>)> {
        match self {
            Run::Redis(s) => s.role(node).map(|r| (r.master, r.master_of)),
            _ => None,
        }
    }

    /// The chart's value for `node`, seen from `observer`: Cassandra's φ there; for Redis
    /// the masters that flag it PFAIL or FAIL (against the quorum); Dynamo has none per node.
    pub fn probe(&self, observer: u32, node: u32) -> f32 {
        match self {
            Run::Cassandra(s) => s.phi(observer, node).unwrap_or(0.0) as f32,
            Run::Redis(s) => {
                let t = s.tick();
                (0..s.nodes())
                    .filter(|&o| o != node)
                    .filter(|&o| s.condition(o).is_some_and(|c| c.acts(t)))
                    .filter(|&o| s.role(o).is_some_and(|r| r.master && r.slots))
                    .filter(|&o| {
                        s.node(o)
                            .and_then(|n| n.peer(node))
                            .is_some_and(|p| p.known && (p.pfail || p.fail))
                    })
                    .count() as f32
            }
            Run::Dynamo(_) => 0.0,
        }
    }

    /// Runs one tick.
    pub fn step(&mut self) -> Tick {
        match self {
            Run::Cassandra(s) => {
                let t = s.step();
                Tick {
                    wires: t
                        .flights
                        .iter()
                        .map(|f| Wire {
                            from: f.from,
                            to: f.to,
                            sent: t.tick,
                            lands: f.lands,
                            kind: match f.verb {
                                Verb::Syn => Kind::Syn,
                                Verb::Ack => Kind::Ack,
                                Verb::Ack2 => Kind::Ack2,
                                Verb::EchoReq | Verb::EchoRsp => Kind::Echo,
                            },
                            items: 0,
                        })
                        .collect(),
                    verdicts: t
                        .events
                        .iter()
                        .map(|e| match *e {
                            CassandraEvent::Down {
                                observer,
                                endpoint,
                                phi,
                            } => Verdict::Down {
                                observer,
                                node: endpoint,
                                phi,
                            },
                            CassandraEvent::Up { observer, endpoint } => Verdict::Up {
                                observer,
                                node: endpoint,
                            },
                        })
                        .collect(),
                }
            }
            Run::Redis(s) => {
                let t = s.step();
                Tick {
                    wires: t
                        .flights
                        .iter()
                        .map(|f| Wire {
                            from: f.from,
                            to: f.to,
                            sent: t.tick,
                            lands: f.lands,
                            kind: match f.verb {
                                RedisVerb::Ping => Kind::Ping,
                                RedisVerb::Pong => Kind::Pong,
                                RedisVerb::Fail => Kind::Fail,
                                RedisVerb::AuthRequest | RedisVerb::AuthAck => Kind::Vote,
                            },
                            items: f.gossip,
                        })
                        .collect(),
                    verdicts: t
                        .events
                        .iter()
                        .map(|e| match *e {
                            RedisEvent::Pfail { observer, node } => {
                                Verdict::Pfail { observer, node }
                            }
                            RedisEvent::Fail {
                                observer,
                                node,
                                reports,
                            } => Verdict::Fail {
                                observer,
                                node,
                                reports,
                                by_majority: true,
                            },
                            RedisEvent::FailReceived { observer, node, .. } => Verdict::Fail {
                                observer,
                                node,
                                reports: 0,
                                by_majority: false,
                            },
                            RedisEvent::Promoted { replica, master } => {
                                Verdict::Promoted { replica, master }
                            }
                        })
                        .collect(),
                }
            }
            Run::Dynamo(s) => {
                let t = s.step();
                Tick {
                    wires: t
                        .flights
                        .iter()
                        .map(|f| Wire {
                            from: f.from,
                            to: f.to,
                            sent: t.tick,
                            lands: f.lands,
                            kind: match f.verb {
                                DynamoVerb::Gossip | DynamoVerb::GossipReply => Kind::Gossip,
                                DynamoVerb::MerkleCompare => Kind::Merkle,
                                DynamoVerb::KeyTransfer => Kind::Keys,
                            },
                            items: f.keys,
                        })
                        .collect(),
                    verdicts: t
                        .events
                        .iter()
                        .map(|e| match *e {
                            DynamoEvent::Unreachable { caller, peer } => {
                                Verdict::Unreachable { caller, peer }
                            }
                            DynamoEvent::Reachable { caller, peer } => {
                                Verdict::Reachable { caller, peer }
                            }
                        })
                        .collect(),
                }
            }
        }
    }

    /// Applies a command before the next tick; a refusal changes nothing.
    pub fn apply(&mut self, c: &StoreCommand) -> Result<(), gossip_engine::Error> {
        let n = self.nodes();
        match self {
            Run::Cassandra(s) => s.apply(&c.for_cassandra(n)),
            Run::Redis(s) => s.apply(&c.for_redis(n)),
            Run::Dynamo(s) => s.apply(&c.for_dynamo(n)),
        }
    }
}

impl Run {
    /// [`Run::views`] of every node, in one pass over the observers: each observer's table is
    /// read once, in order, instead of once per node (at N = 1,000 the difference between a
    /// frame of 4 ms and one of 40 ms).
    pub fn all_views(&self) -> Vec<Views> {
        let n = self.nodes() as usize;
        let t = self.tick();
        let acts = |o: u32| self.condition(o).is_some_and(|c| c.acts(t));
        let mut v = vec![[0u32; 3]; n];
        match self {
            Run::Cassandra(s) => {
                for o in (0..s.nodes()).filter(|&o| acts(o)) {
                    let Some(g) = s.node(o) else { continue };
                    for (e, st) in g.states.iter().enumerate().take(n) {
                        match st {
                            Some(x) if e != o as usize => v[e][if x.alive { 0 } else { 2 }] += 1,
                            _ => {}
                        }
                    }
                }
            }
            Run::Redis(s) => {
                for o in (0..s.nodes()).filter(|&o| acts(o)) {
                    let Some(r) = s.node(o) else { continue };
                    for (e, p) in r.peers.iter().enumerate().take(n) {
                        if e == o as usize || !p.known {
                            continue;
                        }
                        v[e][if p.fail {
                            2
                        } else if p.pfail {
                            1
                        } else {
                            0
                        }] += 1;
                    }
                }
            }
            Run::Dynamo(s) => {
                let acting: Vec<u32> = (0..s.nodes()).filter(|&o| acts(o)).collect();
                for &o in &acting {
                    let Some(d) = s.node(o) else { continue };
                    for &e in d.members.keys().filter(|&&e| e != o && (e as usize) < n) {
                        v[e as usize][if d.unreachable.contains(&e) { 2 } else { 0 }] += 1;
                    }
                }
                // Not in a ring view: the acting others that neither reach nor hold it
                // unreachable.
                for (e, x) in v.iter_mut().enumerate() {
                    let others = acting.len() as u32 - u32::from(acts(e as u32));
                    x[1] = others - x[0] - x[2];
                }
            }
        }
        v.into_iter()
            .map(|x| x.map(|c| c.min(u32::from(u16::MAX)) as u16))
            .collect()
    }

    /// What Dynamo's views of the nodes depend on besides the verdicts: the ring views'
    /// sizes (members are only ever added). `None` for the others, whose flags also change
    /// without a verdict (a Redis PFAIL is cleared by a PONG).
    pub fn views_key(&self) -> Option<usize> {
        match self {
            Run::Dynamo(s) => Some(
                (0..s.nodes())
                    .filter_map(|i| s.node(i))
                    .map(|d| d.members.len())
                    .sum(),
            ),
            _ => None,
        }
    }

    /// [`Run::probe`] of every node from its observer ([`observer_of`]):
    /// Redis's count in one pass over the masters.
    pub fn all_probes(&self) -> Vec<f32> {
        let n = self.nodes();
        match self {
            Run::Redis(s) => {
                let t = s.tick();
                let mut count = vec![0f32; n as usize];
                for o in 0..n {
                    let master = s.role(o).is_some_and(|r| r.master && r.slots);
                    if !master || !s.condition(o).is_some_and(|c| c.acts(t)) {
                        continue;
                    }
                    let Some(r) = s.node(o) else { continue };
                    for (e, p) in r.peers.iter().enumerate().take(n as usize) {
                        if e != o as usize && p.known && (p.pfail || p.fail) {
                            count[e] += 1.0;
                        }
                    }
                }
                count
            }
            _ => (0..n).map(|i| self.probe(observer_of(i), i)).collect(),
        }
    }

    /// Cumulative bytes: all traffic; for Dynamo also its replica syncs' Merkle bytes and
    /// what flat digests and full transfers would have cost ([`super::recording::Frame`]).
    pub fn bytes(&self) -> [u64; 4] {
        match self {
            Run::Cassandra(s) => [s.metrics().bytes, 0, 0, 0],
            Run::Redis(s) => [s.metrics().bytes, 0, 0, 0],
            Run::Dynamo(s) => {
                let m = s.metrics();
                [m.bytes, m.merkle_bytes, m.digest_bytes, m.full_bytes]
            }
        }
    }
}
