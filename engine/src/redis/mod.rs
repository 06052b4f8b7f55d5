//! The Redis Cluster bus, tick by tick, as `redis/redis` `src/cluster_legacy.c` runs it.
//!
//! Every 100 ms each node runs `clusterCron`: once a second it PINGs, out of five random
//! nodes, the one whose PONG is oldest, and it PINGs any node whose PONG is older than
//! `node_timeout / 2`. PINGs and PONGs carry a gossip section of about N/10 other nodes plus
//! every node the sender flags PFAIL. A node with a ping pending for `node_timeout` is PFAIL
//! for its observer; it becomes FAIL once a majority of the slot-owning masters report it
//! within 2 · `node_timeout` (`markNodeAsFailingIfNeeded`), and the FAIL is broadcast. A
//! replica of a FAIL master asks every master for a vote and is promoted with a majority
//! (`clusterHandleSlaveFailover`, `clusterSendFailoverAuthIfNeeded`).
//!
//! Like [`crate::swim`], this is its own simulation ([`RedisSimulation`]): it borrows SWIM's
//! time model ([`crate::time`]), its ring of delivery buckets
//! ([`crate::schedule::Schedule`]) and its process conditions
//! ([`crate::swim::network::Condition`]), and the engine's seeded streams and typed errors.
//! The research notes are docs/research/cassandra-redis-dynamo.md, §2.
//!
//! Simplifications, each named where it is made: the slot map and the roles are one table
//! shared by all nodes (a promotion is known at once, as if the epoch bump spread instantly);
//! replication offsets are equal, so a replica's rank is its order among its master's live
//! replicas; a link is only its age and whether a partition broke it (a packet is lost or
//! delivered, never queued and retransmitted as TCP would, so a broken link is re-made, and
//! its PING re-sent, in the first cron after the heal); ping extensions are not counted in
//! the bytes. The run starts from a cluster already running (see [`RedisSimulation::new`]).

pub mod command;
pub mod config;
mod cron;
mod failover;
mod failure;
pub mod gossip;
pub mod metrics;
pub mod node;
mod process;
pub mod simulation;

pub use command::RedisCommand;
pub use config::{MAX_REDIS_NODES, RedisConfig, RedisPreset};
pub use gossip::{Entry, Msg, Packet, gossip_wanted};
pub use metrics::{RedisDetection, RedisMetrics};
pub use node::{Peer, PeerRecord, RedisNode, Role};
pub use simulation::{RedisEvent, RedisFlight, RedisSimulation, RedisTick, RedisVerb};

#[cfg(test)]
mod tests;
