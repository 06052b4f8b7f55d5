//! A data-store run as data: which system, how many nodes, the seed, the user's timed
//! commands and the tick to open at. Links and lessons carry one of these; a run is a pure
//! function of it (the engines are deterministic), so sharing it shares the run.

use gossip_engine::cassandra::CassandraCommand;
use gossip_engine::dynamo::DynamoCommand;
use gossip_engine::redis::RedisCommand;

/// The page keeps every frame of the run it shows (each node's views per tick); 1,000 nodes
/// for ten minutes of 100 ms ticks is about 40 MB, the most it should ask of a tab. The CLI
/// goes to the engines' own caps.
pub const MAX_STORE_NODES: u32 = 1_000;

/// The longest run the page records: ten minutes of 100 ms ticks.
pub const MAX_TICKS: u32 = 6_000;

/// The three systems of the page.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Store {
    /// Apache Cassandra's `Gossiper`: SYN/ACK/ACK2 every second, φ-accrual detection, seeds.
    Cassandra,
    /// The Redis Cluster bus: PING/PONG with gossip sections, PFAIL, FAIL by a majority of
    /// masters, replica failover.
    RedisCluster,
    /// Amazon's Dynamo: membership reconciled with one random peer a second, local failure
    /// detection, Merkle-tree anti-entropy between replicas.
    Dynamo,
}

impl Store {
    /// Every system, in the order of the picker.
    pub const ALL: [Store; 3] = [Store::Cassandra, Store::RedisCluster, Store::Dynamo];

    /// The preset's name in links and in the CLI's `--preset`.
    pub fn slug(self) -> &'static str {
        match self {
            Store::Cassandra => "cassandra",
            Store::RedisCluster => "redis-cluster",
            Store::Dynamo => "dynamo",
        }
    }

    /// The system a slug names.
    pub fn parse(s: &str) -> Option<Store> {
        Store::ALL.into_iter().find(|st| st.slug() == s)
    }

    /// The most nodes the page runs of this system: the same for all three, since each
    /// steps a tick of 1,000 nodes in well under 50 ms (`tests/e2e/stores-tick-probe.mjs`).
    pub fn max_nodes(self) -> u32 {
        MAX_STORE_NODES
    }

    /// The product's own name.
    pub fn name(self) -> &'static str {
        match self {
            Store::Cassandra => "Cassandra",
            Store::RedisCluster => "Redis Cluster",
            Store::Dynamo => "Dynamo",
        }
    }
}

/// What the user can do to any of the three clusters between ticks; each engine has the same
/// faults under its own command type ([`StoreCommand::for_cassandra`] and its siblings).
#[derive(Clone, Debug, PartialEq)]
pub enum StoreCommand {
    /// Crash a node.
    Kill(u32),
    /// Stop a node for this many milliseconds (a long GC pause, SIGSTOP).
    Pause(u32, u32),
    /// Restart a crashed node: Cassandra and Dynamo with a new generation, Redis with its
    /// `nodes.conf`.
    Restart(u32),
    /// Lose this share of every message.
    Loss(f64),
    /// Split the cluster in two: nodes below this id on one side, the rest on the other.
    Split(u32),
    /// Heal the partition.
    Heal,
    /// A new node joins (through the seeds; in Redis, a `CLUSTER MEET` to node 0).
    Join,
}

impl StoreCommand {
    fn groups(k: u32, n: u32) -> Vec<Vec<u32>> {
        vec![(0..k.min(n)).collect(), (k.min(n)..n).collect()]
    }

    /// Cassandra's form of the command, for a cluster of `n` nodes.
    pub fn for_cassandra(&self, n: u32) -> CassandraCommand {
        match *self {
            StoreCommand::Kill(node) => CassandraCommand::Kill { node },
            StoreCommand::Pause(node, ms) => CassandraCommand::Pause { node, ms },
            StoreCommand::Restart(node) => CassandraCommand::Restart { node },
            StoreCommand::Loss(loss) => CassandraCommand::SetLoss { loss },
            StoreCommand::Split(k) => CassandraCommand::Partition {
                groups: Self::groups(k, n),
            },
            StoreCommand::Heal => CassandraCommand::Heal,
            StoreCommand::Join => CassandraCommand::Join,
        }
    }

    /// Redis Cluster's form of the command.
    pub fn for_redis(&self, n: u32) -> RedisCommand {
        match *self {
            StoreCommand::Kill(node) => RedisCommand::Kill { node },
            StoreCommand::Pause(node, ms) => RedisCommand::Pause { node, ms },
            StoreCommand::Restart(node) => RedisCommand::Restart { node },
            StoreCommand::Loss(loss) => RedisCommand::SetLoss { loss },
            StoreCommand::Split(k) => RedisCommand::Partition {
                groups: Self::groups(k, n),
            },
            StoreCommand::Heal => RedisCommand::Heal,
            StoreCommand::Join => RedisCommand::Join { via: 0 },
        }
    }

    /// Dynamo's form of the command.
    pub fn for_dynamo(&self, n: u32) -> DynamoCommand {
        match *self {
            StoreCommand::Kill(node) => DynamoCommand::Kill { node },
            StoreCommand::Pause(node, ms) => DynamoCommand::Pause { node, ms },
            StoreCommand::Restart(node) => DynamoCommand::Restart { node },
            StoreCommand::Loss(loss) => DynamoCommand::SetLoss { loss },
            StoreCommand::Split(k) => DynamoCommand::Partition {
                groups: Self::groups(k, n),
            },
            StoreCommand::Heal => DynamoCommand::Heal,
            StoreCommand::Join => DynamoCommand::Join,
        }
    }

    /// The node a story with this command is about: the one it names, or for a split the
    /// first node across it from node 0 (whose view of it the chart then follows).
    pub fn subject(&self) -> Option<u32> {
        match *self {
            StoreCommand::Split(k) => Some(k),
            _ => self.node(),
        }
    }

    /// The node it names, if any.
    pub fn node(&self) -> Option<u32> {
        match *self {
            StoreCommand::Kill(n) | StoreCommand::Pause(n, _) | StoreCommand::Restart(n) => Some(n),
            _ => None,
        }
    }
}

/// One command, applied just before tick `tick` runs.
#[derive(Clone, Debug, PartialEq)]
pub struct StoreAction {
    /// The tick it applies before.
    pub tick: u32,
    /// What it does.
    pub command: StoreCommand,
}

/// Everything that determines a run in the page.
#[derive(Clone, Debug, PartialEq)]
pub struct StoreScenario {
    /// The system, with its preset's defaults.
    pub store: Store,
    /// Nodes at the start.
    pub nodes: u32,
    /// The seed of every random choice.
    pub seed: u64,
    /// The user's commands, in tick order.
    pub actions: Vec<StoreAction>,
    /// The tick to open at.
    pub at: u32,
}

/// Why a scenario cannot be run (worded by `super::texts::problem`).
#[derive(Clone, Debug, PartialEq)]
pub enum StoreProblem {
    /// Fewer than 3 nodes or more than the system's [`Store::max_nodes`].
    Nodes(Store, u32),
    /// Commands not in tick order.
    OutOfOrder,
    /// The engine refused the configuration.
    Engine(gossip_engine::Error),
}

impl StoreScenario {
    /// `store`'s preset for `nodes` nodes, with no commands.
    pub fn new(store: Store, nodes: u32, seed: u64) -> Self {
        StoreScenario {
            store,
            nodes,
            seed,
            actions: Vec::new(),
            at: 0,
        }
    }

    /// Adds a command at `tick`, after any already there.
    pub fn push(&mut self, tick: u32, command: StoreCommand) {
        let i = self.actions.partition_point(|a| a.tick <= tick);
        self.actions.insert(i, StoreAction { tick, command });
    }

    /// The same run opened at `at`.
    pub fn at(mut self, at: u32) -> Self {
        self.at = at;
        self
    }

    /// Whether the page can run it.
    pub fn check(&self) -> Result<(), StoreProblem> {
        if !(3..=self.store.max_nodes()).contains(&self.nodes) {
            return Err(StoreProblem::Nodes(self.store, self.nodes));
        }
        if self.actions.windows(2).any(|w| w[0].tick > w[1].tick) {
            return Err(StoreProblem::OutOfOrder);
        }
        Ok(())
    }
}
