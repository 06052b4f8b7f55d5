//! One node's Gossiper: its endpoint-state map, live and unreachable sets, seeds, failure
//! detector, the one-second `GossipTask`, and the handlers of SYN, ACK, ACK2 and echo.
//!
//! Rules and their sources (`apache/cassandra`, docs/research/cassandra-redis-dynamo.md
//! §1.2–§1.5): `Gossiper.GossipTask.run`, `maybeGossipToUnreachableMember`,
//! `maybeGossipToSeed`, `doStatusCheck`, `GossipDigestSynVerbHandler.examineGossiper`,
//! `GossipDigestAckVerbHandler`, `GossipDigestAck2VerbHandler`, `notifyFailureDetector`,
//! `applyStateLocally`, `markAlive`, `realMarkAlive`, `markDead`, `convict`.

use crate::cassandra::config::CassandraConfig;
use crate::cassandra::event::CassandraEvent;
use crate::cassandra::failure_detector::FailureDetector;
use crate::cassandra::gossip_digest::{Body, GossipDigest, Packet, StateDelta};
use crate::rng::Stream;

/// What an observer holds of one endpoint.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct EndpointView {
    /// Its generation (0: an endpoint remembered across a restart, state not yet learnt).
    pub generation: u32,
    /// Its heartbeat version, which is also its max version (no application states).
    pub version: u32,
    /// `EndpointState.isAlive`: UP for this observer.
    pub alive: bool,
    /// Tick an echo request was last sent to it by `markAlive`, while none came back.
    pub echo_sent: Option<u32>,
}

/// What a handler needs from the simulation.
pub(crate) struct Ctx<'a> {
    pub config: &'a CassandraConfig,
    pub tick: u32,
    pub now_ms: u64,
    pub out: &'a mut Vec<Packet>,
    pub events: &'a mut Vec<CassandraEvent>,
}

/// One node.
#[derive(Clone, Debug)]
pub struct Gossiper {
    /// Its id.
    pub id: u32,
    /// Endpoint states by id, itself included.
    pub states: Vec<Option<EndpointView>>,
    /// `liveEndpoints` (sorted, self excluded).
    pub live: Vec<u32>,
    /// `unreachableEndpoints` (sorted).
    pub unreachable: Vec<u32>,
    /// Seeds, own address dropped (`buildSeedsList`).
    pub seeds: Vec<u32>,
    /// Its failure detector.
    pub fd: FailureDetector,
    /// Tick of its next `GossipTask`.
    pub next_gossip: u32,
    /// Its choices (targets and coins).
    pub(crate) rng: Stream,
}

fn insert(v: &mut Vec<u32>, x: u32) -> bool {
    match v.binary_search(&x) {
        Ok(_) => false,
        Err(i) => {
            v.insert(i, x);
            true
        }
    }
}

fn remove(v: &mut Vec<u32>, x: u32) -> bool {
    match v.binary_search(&x) {
        Ok(i) => {
            v.remove(i);
            true
        }
        Err(_) => false,
    }
}

impl Gossiper {
    /// A node of generation `generation` that knows nobody but itself (a joining node: it
    /// reaches the cluster through its seeds).
    pub(crate) fn new(id: u32, generation: u32, seeds: u32, rng: Stream, next: u32) -> Self {
        let mut states = vec![None; id as usize + 1];
        states[id as usize] = Some(EndpointView {
            generation,
            version: 0,
            alive: true,
            echo_sent: None,
        });
        Gossiper {
            id,
            states,
            live: Vec::new(),
            unreachable: Vec::new(),
            seeds: (0..seeds).filter(|&s| s != id).collect(),
            fd: FailureDetector::default(),
            next_gossip: next,
            rng,
        }
    }

    /// Makes it know `peers` (id, generation) as UP, with a first failure-detector report
    /// at `now_ms`: the state of a cluster that has been running.
    pub(crate) fn know_all(&mut self, peers: &[(u32, u32)], now_ms: u64, c: &CassandraConfig) {
        for &(p, generation) in peers {
            if p == self.id {
                continue;
            }
            *self.slot(p) = Some(EndpointView {
                generation,
                version: 0,
                alive: true,
                echo_sent: None,
            });
            insert(&mut self.live, p);
            self.report(p, now_ms, c);
        }
    }

    /// A restart: a new generation and heartbeat 0; the endpoints it knew are remembered
    /// (from `system.peers`, `Gossiper.addSavedEndpoint`) with generation 0, DOWN and
    /// unreachable; the failure detector starts empty.
    pub(crate) fn restart(&mut self, generation: u32, next: u32) {
        for (i, s) in self.states.iter_mut().enumerate() {
            if let Some(v) = s {
                *v = EndpointView {
                    generation: if i as u32 == self.id { generation } else { 0 },
                    version: 0,
                    alive: i as u32 == self.id,
                    echo_sent: None,
                };
            }
        }
        self.live.clear();
        self.unreachable = (0..self.states.len() as u32)
            .filter(|&i| i != self.id && self.states[i as usize].is_some())
            .collect();
        self.fd = FailureDetector::default();
        self.next_gossip = next;
    }

    /// Its own generation.
    pub fn generation(&self) -> u32 {
        self.view(self.id).map_or(0, |v| v.generation)
    }

    /// Its own heartbeat version.
    pub fn heartbeat(&self) -> u32 {
        self.view(self.id).map_or(0, |v| v.version)
    }

    /// What it holds of `ep`.
    pub fn view(&self, ep: u32) -> Option<&EndpointView> {
        self.states.get(ep as usize)?.as_ref()
    }

    fn slot(&mut self, ep: u32) -> &mut Option<EndpointView> {
        let i = ep as usize;
        if self.states.len() <= i {
            self.states.resize(i + 1, None);
        }
        &mut self.states[i]
    }

    fn report(&mut self, ep: u32, now_ms: u64, c: &CassandraConfig) {
        self.fd.report(
            ep,
            now_ms,
            c.initial_value_ms,
            c.max_interval_ms,
            c.sample_size,
        );
    }

    fn send(&self, to: u32, body: Body, cx: &mut Ctx) {
        cx.out.push(Packet {
            from: self.id,
            to,
            body,
        });
    }

    /// `GossipTask.run`: heartbeat, SYN to a live endpoint, maybe to an unreachable one,
    /// maybe to a seed, then the status check.
    pub(crate) fn gossip_task(&mut self, cx: &mut Ctx) {
        let me = self.id as usize;
        if let Some(Some(v)) = self.states.get_mut(me) {
            v.version += 1;
        }
        let digests: Vec<GossipDigest> = self
            .states
            .iter()
            .enumerate()
            .filter_map(|(i, s)| {
                s.map(|v| GossipDigest {
                    endpoint: i as u32,
                    generation: v.generation,
                    version: v.version,
                })
            })
            .collect();
        let (l, u, s) = (
            self.live.len() as u32,
            self.unreachable.len() as u32,
            self.seeds.len() as u32,
        );
        // doGossipToLiveMember.
        let mut gossiped_to_seed = false;
        if l > 0 {
            let to = self.live[self.rng.below(l) as usize];
            gossiped_to_seed = self.seeds.binary_search(&to).is_ok();
            self.send(to, Body::Syn(digests.clone()), cx);
        }
        // maybeGossipToUnreachableMember: probability U / (L + 1).
        if u > 0 && self.rng.unit() < f64::from(u) / f64::from(l + 1) {
            let to = self.unreachable[self.rng.below(u) as usize];
            self.send(to, Body::Syn(digests.clone()), cx);
        }
        // maybeGossipToSeed, tried when the live target was not a seed or L < S: certain
        // when no endpoint is live, else with probability S / (L + U).
        if s > 0 && (!gossiped_to_seed || l < s) {
            let go = l == 0 || self.rng.unit() <= f64::from(s) / f64::from(l + u);
            if go {
                let to = self.seeds[self.rng.below(s) as usize];
                self.send(to, Body::Syn(digests), cx);
            }
        }
        self.status_check(cx);
    }

    /// `doStatusCheck` → `FailureDetector.interpret` for every known endpoint: convict when
    /// φ > `phi_convict_threshold`, unless a local pause was just detected.
    fn status_check(&mut self, cx: &mut Ctx) {
        if !self.fd.may_convict(cx.now_ms, cx.config.max_local_pause_ms) {
            return;
        }
        for ep in 0..self.states.len() as u32 {
            if ep == self.id {
                continue;
            }
            let Some(phi) = self.fd.phi(ep, cx.now_ms) else {
                continue;
            };
            // convict: ignored unless the endpoint is currently alive.
            if phi > cx.config.phi_convict_threshold && self.view(ep).is_some_and(|v| v.alive) {
                self.mark_dead(ep, cx);
                cx.events.push(CassandraEvent::Down {
                    observer: self.id,
                    endpoint: ep,
                    phi,
                });
            }
        }
    }

    fn mark_dead(&mut self, ep: u32, _cx: &mut Ctx) {
        if let Some(Some(v)) = self.states.get_mut(ep as usize) {
            v.alive = false;
        }
        remove(&mut self.live, ep);
        insert(&mut self.unreachable, ep);
    }

    /// `markAlive`: the local copy goes dead first and an echo request goes out; only the
    /// answer makes it UP. One echo per endpoint per gossip interval at most.
    fn mark_alive(&mut self, ep: u32, cx: &mut Ctx) {
        let interval = cx.config.interval_ticks();
        let Some(Some(v)) = self.states.get_mut(ep as usize) else {
            return;
        };
        v.alive = false;
        if v.echo_sent.is_some_and(|t| cx.tick < t + interval) {
            return;
        }
        v.echo_sent = Some(cx.tick);
        self.send(ep, Body::EchoReq, cx);
    }

    /// `realMarkAlive`.
    fn real_mark_alive(&mut self, ep: u32, cx: &mut Ctx) {
        let Some(Some(v)) = self.states.get_mut(ep as usize) else {
            return;
        };
        v.alive = true;
        v.echo_sent = None;
        let was_down = remove(&mut self.unreachable, ep);
        if insert(&mut self.live, ep) || was_down {
            cx.events.push(CassandraEvent::Up {
                observer: self.id,
                endpoint: ep,
            });
        }
    }

    /// The heartbeat state of `ep` if it is newer than (generation, version).
    fn newer_than(&self, ep: u32, generation: u32, version: u32) -> Option<StateDelta> {
        let v = self.view(ep)?;
        let newer =
            v.generation > generation || (v.generation == generation && v.version > version);
        (v.generation > 0 && newer).then_some(StateDelta {
            endpoint: ep,
            generation: v.generation,
            version: v.version,
        })
    }

    /// Handles a message addressed to it.
    pub(crate) fn receive(&mut self, p: Packet, cx: &mut Ctx) {
        match p.body {
            Body::Syn(digests) => {
                // examineGossiper.
                let (mut requests, mut states) = (Vec::new(), Vec::new());
                for d in digests {
                    let ep = d.endpoint;
                    match self.view(ep).copied() {
                        None => requests.push(GossipDigest { version: 0, ..d }),
                        Some(l) if d.generation > l.generation => {
                            requests.push(GossipDigest { version: 0, ..d });
                        }
                        Some(l) if d.generation < l.generation => {
                            states.extend(self.newer_than(ep, 0, 0));
                        }
                        Some(l) if d.version > l.version => requests.push(GossipDigest {
                            version: l.version,
                            ..d
                        }),
                        Some(l) if d.version < l.version => {
                            states.extend(self.newer_than(ep, d.generation, d.version));
                        }
                        Some(_) => {}
                    }
                }
                self.send(p.from, Body::Ack(requests, states), cx);
            }
            Body::Ack(requests, states) => {
                self.apply_states(&states, cx);
                let reply = requests
                    .iter()
                    .filter_map(|r| self.newer_than(r.endpoint, r.generation, r.version))
                    .collect();
                self.send(p.from, Body::Ack2(reply), cx);
            }
            Body::Ack2(states) => self.apply_states(&states, cx),
            Body::EchoReq => self.send(p.from, Body::EchoRsp, cx),
            Body::EchoRsp => {
                if self.view(p.from).is_some() {
                    self.real_mark_alive(p.from, cx);
                }
            }
        }
    }

    /// `notifyFailureDetector` then `applyStateLocally`, per endpoint.
    fn apply_states(&mut self, states: &[StateDelta], cx: &mut Ctx) {
        for s in states {
            let ep = s.endpoint;
            if ep == self.id {
                continue;
            }
            match self.view(ep).copied() {
                None => {
                    self.report(ep, cx.now_ms, cx.config);
                    *self.slot(ep) = Some(EndpointView {
                        generation: s.generation,
                        version: s.version,
                        alive: false,
                        echo_sent: None,
                    });
                    self.mark_alive(ep, cx);
                }
                Some(l) if s.generation > l.generation => {
                    // A restart: relearn the intervals if it was DOWN, replace the state.
                    if !l.alive {
                        self.fd.remove(ep);
                    }
                    self.report(ep, cx.now_ms, cx.config);
                    *self.slot(ep) = Some(EndpointView {
                        generation: s.generation,
                        version: s.version,
                        ..l
                    });
                    self.mark_alive(ep, cx);
                }
                Some(l) if s.generation == l.generation => {
                    if s.version > l.version {
                        self.report(ep, cx.now_ms, cx.config);
                        if let Some(v) = self.slot(ep) {
                            v.version = s.version;
                        }
                    }
                    if !l.alive {
                        self.mark_alive(ep, cx);
                    }
                }
                Some(_) => {}
            }
        }
    }
}
