//! The data-store page's words, as (English, Simplified Chinese) pairs. Protocol terms keep
//! the systems' own names (SYN, PFAIL, Merkle), as the glossary (docs/glossary.md) says.

use super::link::LinkProblem;
use super::model::Notice;
use super::run::Kind;
use super::scenario::{Store, StoreProblem};
use crate::i18n::{Text, engine_error};
use crate::lang::Lang;

pub const TITLE: Text = Text(
    "Gossip Playground · data stores",
    "Gossip 演练场 · 数据存储",
);
pub const SUBTITLE: Text = Text(
    "Cassandra, Redis Cluster and Dynamo as they really gossip, in seconds",
    "Cassandra、Redis Cluster 和 Dynamo 的真实 gossip 方式，以秒计时",
);
pub const TO_PLAYER: Text = Text("← Round-based playground", "← 按轮次的演练场");
pub const TO_SWIM: Text = Text("SWIM (Consul, Serf) →", "SWIM（Consul、Serf）→");
pub const SYSTEM: Text = Text("System", "系统");
pub const NODES: Text = Text("Nodes N", "节点数 N");
pub const SEED: Text = Text("Seed", "种子");
pub const APPLY: Text = Text("Apply and restart", "应用并重新开始");
pub const FAULTS: Text = Text("Faults", "故障");
pub const KILL: Text = Text("Crash", "崩溃");
pub const PAUSE: Text = Text("Pause 20 s", "暂停 20 秒");
pub const RESTART_NODE: Text = Text("Restart", "重启");
pub const SPLIT: Text = Text("Split in two", "一分为二");
pub const HEAL: Text = Text("Heal", "恢复分区");
pub const JOIN: Text = Text("Add a node", "加入一个节点");
pub const LOSS: Text = Text("Message loss", "消息丢失率");
pub const SELECT_FIRST: Text = Text(
    "Click a node to crash, pause or restart it.",
    "点击一个节点，即可让它崩溃、暂停或重启。",
);
pub const RESTART: Text = Text("⏮ Start", "⏮ 开头");
pub const BACK_TICK: Text = Text("◀ 0.1 s", "◀ 0.1 秒");
pub const NEXT_TICK: Text = Text("0.1 s ▶", "0.1 秒 ▶");
pub const BACK_SECOND: Text = Text("◀◀ 1 s", "◀◀ 1 秒");
pub const NEXT_SECOND: Text = Text("1 s ▶▶", "1 秒 ▶▶");
pub const PLAY: Text = Text("▶ Play", "▶ 播放");
pub const PAUSE_PLAYING: Text = Text("❚❚ Pause", "❚❚ 暂停");
pub const SPEED: Text = Text("Speed", "速度");
pub const TICK: Text = Text("tick", "时刻");
pub const TIME: Text = Text("Time", "时间");
pub const DISMISS: Text = Text("Dismiss", "关闭");
pub const PICK: Text = Text(
    "Click a node to inspect what it holds of the others.",
    "点击一个节点，查看它对其他节点的看法。",
);
pub const MEASURES: Text = Text("Measures", "度量");
pub const LEGEND: Text = Text("Legend", "图例");
pub const LESSONS: Text = Text("Lessons", "课程");
pub const CHOOSE: Text = Text("Choose a lesson…", "选择一节课…");
pub const WATCH: Text = Text("Watch", "观察要点");
pub const NEXT: Text = Text("Try next", "接下来试试");
pub const MORE: Text = Text("How it works, with sources", "原理与出处");
pub const CLOSE: Text = Text("Close the lesson", "关闭课程");
pub const SECONDS: Text = Text("s", "秒");
pub const NODE: Text = Text("Node", "节点");
pub const MASTERS: Text = Text(
    "thick outline: master; dashed line: replica to its master",
    "粗边框：主节点；虚线：副本连向其主节点",
);

/// One line of a system's description, under the picker, with its source.
pub fn about(store: Store) -> Text {
    match store {
        Store::Cassandra => Text(
            "Gossiper every 1 s: SYN → ACK → ACK2 with one live node, sometimes an unreachable one and a seed; φ-accrual detection, threshold 8 (apache/cassandra, gms/).",
            "Gossiper 每 1 秒：与一个存活节点进行 SYN → ACK → ACK2，有时再联系一个不可达节点和一个种子节点；φ 累积故障检测，阈值 8（apache/cassandra，gms/）。",
        ),
        Store::RedisCluster => Text(
            "clusterCron every 100 ms: PING/PONG with a gossip section of max(3, ⌊N/10⌋) nodes; PFAIL after node_timeout 15 s, FAIL by a majority of masters, then failover (redis/redis, cluster_legacy.c).",
            "clusterCron 每 100 毫秒：PING/PONG 带 max(3, ⌊N/10⌋) 个节点的 gossip 段；node_timeout 15 秒后标记 PFAIL，多数主节点同意后标记 FAIL，然后故障转移（redis/redis，cluster_legacy.c）。",
        ),
        Store::Dynamo => Text(
            "One random peer every 1 s reconciles membership and tokens; seeds; local failure detection; Merkle-tree anti-entropy between replicas (DeCandia et al. 2007, §4.7–4.8).",
            "每 1 秒联系一个随机节点，核对成员与令牌；种子节点；本地故障检测；副本间用 Merkle 树做反熵（DeCandia 等，2007，§4.7–4.8）。",
        ),
    }
}

/// The legend's name of a node's class (well, doubted, failed, not yet known) per system.
pub fn class_names(store: Store) -> [Text; 4] {
    match store {
        Store::Cassandra => [
            Text("UP everywhere", "各处均为 UP"),
            Text("DOWN at some", "部分节点视为 DOWN"),
            Text("DOWN at most", "多数节点视为 DOWN"),
            Text("not yet known", "尚未被认识"),
        ],
        Store::RedisCluster => [
            Text("OK", "正常"),
            Text("PFAIL (a private doubt)", "PFAIL（私下怀疑）"),
            Text("FAIL (a majority agreed)", "FAIL（多数同意）"),
            Text("not yet known", "尚未被认识"),
        ],
        Store::Dynamo => [
            Text("reachable", "可达"),
            Text("unreachable to some", "对部分节点不可达"),
            Text("unreachable to most", "对多数节点不可达"),
            Text("not yet in every ring view", "尚未进入所有环视图"),
        ],
    }
}

/// A message kind's name in the legend.
pub fn kind_name(kind: Kind) -> Text {
    match kind {
        Kind::Syn => Text("SYN (digests)", "SYN（摘要）"),
        Kind::Ack => Text("ACK (newer states, requests)", "ACK（较新状态与请求）"),
        Kind::Ack2 => Text("ACK2 (states requested)", "ACK2（所请求的状态）"),
        Kind::Echo => Text("ECHO (before UP)", "ECHO（标记 UP 之前）"),
        Kind::Ping => Text("PING (gossip section)", "PING（gossip 段）"),
        Kind::Pong => Text("PONG", "PONG"),
        Kind::Fail => Text("FAIL broadcast", "FAIL 广播"),
        Kind::Vote => Text("failover vote", "故障转移投票"),
        Kind::Gossip => Text("membership gossip", "成员 gossip"),
        Kind::Merkle => Text("Merkle compare", "Merkle 比较"),
        Kind::Keys => Text("key transfer", "键传输"),
    }
}

/// A notice in `lang`.
pub fn notice(n: &Notice, lang: Lang) -> String {
    let zh = lang == Lang::Zh;
    match n {
        Notice::Link(LinkProblem::UnknownSystem(s)) => {
            if zh {
                format!(
                    "链接中的 system={s} 不是本页的系统（cassandra、redis-cluster、dynamo），已打开 Cassandra。"
                )
            } else {
                format!(
                    "The link's system={s} is not a system of this page (cassandra, redis-cluster, dynamo); Cassandra opened instead."
                )
            }
        }
        Notice::Link(LinkProblem::BadValue { key, value, used }) => {
            if zh {
                format!("链接中的 {key}={value} 超出范围或不是数字，已改用 {used}。")
            } else {
                format!(
                    "The link's {key}={value} is out of range or not a number; {used} is used instead."
                )
            }
        }
        Notice::Link(LinkProblem::BadCommand(c)) => {
            if zh {
                format!("无法读取链接中的命令“{c}”，已跳过；其余部分照常打开。")
            } else {
                format!("The link's command “{c}” cannot be read and was skipped; the rest opened.")
            }
        }
        Notice::Problem(StoreProblem::Nodes(store, n)) => {
            let max = store.max_nodes();
            let name = store.name();
            let why = match (store, zh) {
                (Store::RedisCluster, false) => {
                    " (every node pings every other within node_timeout/2, with ⌊N/10⌋ gossip entries each: beyond this a tick takes seconds here)"
                }
                (Store::RedisCluster, true) => {
                    "（每个节点要在 node_timeout/2 内 PING 其他每个节点，每条带 ⌊N/10⌋ 个 gossip 条目：再多，一个时刻就要计算数秒）"
                }
                _ => "",
            };
            if zh {
                format!(
                    "本页可以运行 3 到 {max} 个 {name} 节点，而不是 {n} 个{why}；更大的集群请使用命令行 gossip-sim。"
                )
            } else {
                format!(
                    "The page runs 3 to {max} {name} nodes, not {n}{why}; the gossip-sim CLI runs larger clusters."
                )
            }
        }
        Notice::Problem(StoreProblem::OutOfOrder) => Text(
            "The commands are not in time order.",
            "命令没有按时间顺序排列。",
        )
        .get(lang)
        .to_string(),
        Notice::Problem(StoreProblem::Engine(e)) | Notice::Refused(e) => engine_error(lang, e),
    }
}
