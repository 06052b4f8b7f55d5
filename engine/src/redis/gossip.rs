//! The bus's messages (PING, PONG, FAIL, FAILOVER_AUTH_REQUEST/ACK), their sizes on the
//! wire, and the size of a PING's gossip section.

/// Bytes of `clusterMsg` up to its `data` union: 2256, dominated by the 2048-byte slot
/// bitmap (static asserts in `src/cluster_legacy.h`; research notes §2.3).
pub const HEADER_BYTES: u64 = 2256;

/// Bytes of one `clusterMsgDataGossip` entry: node id 40, ping_sent 4, pong_received 4,
/// ip 46, port 2, cport 2, flags 2, pport 2, unused 2 = 104 (`src/cluster_legacy.h`).
pub const GOSSIP_ENTRY_BYTES: u64 = 104;

/// Bytes of `clusterMsgDataFail`: the failed node's 40-byte name (`src/cluster_legacy.h`).
pub const FAIL_DATA_BYTES: u64 = 40;

/// Regular gossip entries a PING or PONG carries when the sender knows `known` nodes
/// (itself included): `wanted = max(3, floor(dictSize/10))`, capped at
/// `freshnodes = dictSize - 2` (`cluster_legacy.c`, `clusterSendPing`). PFAIL nodes come on
/// top of these.
pub fn gossip_wanted(known: u32) -> u32 {
    let wanted = (known / 10).max(3);
    let freshnodes = known.saturating_sub(2);
    wanted.min(freshnodes)
}

/// One gossip entry: what the sender knows of `node`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Entry {
    /// The node described.
    pub node: u32,
    /// The sender flags it PFAIL.
    pub pfail: bool,
    /// The sender flags it FAIL.
    pub fail: bool,
    /// The sender's `pong_received` for it in whole seconds, as the wire carries it
    /// (`clusterSetGossipEntry`: `htonl(n->pong_received/1000)`).
    pub pong_received_s: u32,
}

/// A bus message.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case", tag = "type"))]
pub enum Msg {
    /// `CLUSTERMSG_TYPE_PING` (a MEET when the receiver does not know the sender).
    Ping {
        /// The gossip section.
        gossip: Vec<Entry>,
    },
    /// `CLUSTERMSG_TYPE_PONG`, the answer, built the same way.
    Pong {
        /// The gossip section.
        gossip: Vec<Entry>,
    },
    /// `CLUSTERMSG_TYPE_FAIL`: `node` is failing (`clusterSendFail`).
    Fail {
        /// The failed node.
        node: u32,
    },
    /// `CLUSTERMSG_TYPE_FAILOVER_AUTH_REQUEST` (`clusterRequestFailoverAuth`).
    AuthRequest,
    /// `CLUSTERMSG_TYPE_FAILOVER_AUTH_ACK`, a vote (`clusterSendFailoverAuth`).
    AuthAck,
}

impl Msg {
    /// The name Redis gives it.
    pub fn name(&self) -> &'static str {
        match self {
            Msg::Ping { .. } => "PING",
            Msg::Pong { .. } => "PONG",
            Msg::Fail { .. } => "FAIL",
            Msg::AuthRequest => "FAILOVER_AUTH_REQUEST",
            Msg::AuthAck => "FAILOVER_AUTH_ACK",
        }
    }
}

/// A message between two nodes. Every header carries the sender's `currentEpoch`.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Packet {
    /// Sender.
    pub from: u32,
    /// Receiver.
    pub to: u32,
    /// The sender's `currentEpoch`.
    pub epoch: u64,
    /// The message.
    pub msg: Msg,
}

impl Packet {
    /// Bytes on the wire: the header plus the data (ping extensions not counted).
    pub fn bytes(&self) -> u64 {
        HEADER_BYTES
            + match &self.msg {
                Msg::Ping { gossip } | Msg::Pong { gossip } => {
                    GOSSIP_ENTRY_BYTES * gossip.len() as u64
                }
                Msg::Fail { .. } => FAIL_DATA_BYTES,
                Msg::AuthRequest | Msg::AuthAck => 0,
            }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wanted_follows_cluster_send_ping() {
        // Research notes §2.3 table: N = 3, 4, 5..39, 40, 50, 100, 300, 1000.
        let cases = [
            (3, 1),
            (4, 2),
            (5, 3),
            (10, 3),
            (39, 3),
            (40, 4),
            (50, 5),
            (100, 10),
            (300, 30),
            (1000, 100),
        ];
        for (n, want) in cases {
            assert_eq!(gossip_wanted(n), want, "N = {n}");
        }
        assert_eq!(gossip_wanted(1), 0);
        let p = |k: usize| Packet {
            from: 0,
            to: 1,
            epoch: 0,
            msg: Msg::Ping {
                gossip: vec![
                    Entry {
                        node: 2,
                        pfail: false,
                        fail: false,
                        pong_received_s: 0
                    };
                    k
                ],
            },
        };
        assert_eq!(p(3).bytes(), 2568, "N = 10");
        assert_eq!(p(30).bytes(), 5376, "N = 300");
    }
}
