//! The messages of the three-way exchange and the echo, with their wire sizes.
//!
//! Sizes follow the serializers for messaging version ≥ 4.0 over IPv4, framing not counted
//! (docs/research/cassandra-redis-dynamo.md §1.8): an endpoint address is 7 bytes
//! (`InetAddressAndPort.Serializer`), a digest 15 (`GossipDigestSerializer`), a
//! heartbeat-only endpoint state 7 + 8 + 4 = 19 (`EndpointStateSerializer`,
//! `HeartBeatStateSerializer`).

/// Bytes of one digest: address 7 + generation 4 + max version 4 (`gms/GossipDigest.java`).
pub const DIGEST_BYTES: u32 = 15;
/// Bytes of one heartbeat-only endpoint state in an ACK or ACK2: address 7 + heartbeat
/// (generation, version) 8 + application-state count 4 (`gms/EndpointState.java`).
pub const STATE_BYTES: u32 = 19;
/// A SYN's fixed part: cluster name "Test Cluster" (2 + 12) + partitioner
/// `org.apache.cassandra.dht.Murmur3Partitioner` (2 + 43) + digest count 4
/// (`gms/GossipDigestSyn.java`).
pub const SYN_HEADER_BYTES: u32 = 63;

/// `(endpoint, generation, max version)` (`gms/GossipDigest.java`). In a SYN the version is
/// the sender's max version of that endpoint; in an ACK's requests it is the version the
/// requester holds ("send me what is newer than this").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct GossipDigest {
    /// The endpoint.
    pub endpoint: u32,
    /// Its generation (process start time, in seconds).
    pub generation: u32,
    /// A version.
    pub version: u32,
}

/// An endpoint's state as it travels: here only its heartbeat (generation, version), the
/// application states being left out (§1.9).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct StateDelta {
    /// The endpoint.
    pub endpoint: u32,
    /// Its generation.
    pub generation: u32,
    /// Its heartbeat version.
    pub version: u32,
}

/// What a message is, as Cassandra names its verbs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
pub enum Verb {
    /// `GOSSIP_DIGEST_SYN`.
    Syn,
    /// `GOSSIP_DIGEST_ACK`.
    Ack,
    /// `GOSSIP_DIGEST_ACK2`.
    Ack2,
    /// `ECHO_REQ`: sent by `markAlive`; only its answer makes an endpoint UP.
    EchoReq,
    /// `ECHO_RSP`.
    EchoRsp,
}

/// A message body.
#[derive(Clone, Debug, PartialEq)]
pub enum Body {
    /// Digests of every endpoint the sender knows, itself included.
    Syn(Vec<GossipDigest>),
    /// Requests, and the states the receiver of the SYN holds newer.
    Ack(Vec<GossipDigest>, Vec<StateDelta>),
    /// States answering the requests.
    Ack2(Vec<StateDelta>),
    /// An echo request.
    EchoReq,
    /// An echo response.
    EchoRsp,
}

/// A message between two nodes.
#[derive(Clone, Debug, PartialEq)]
pub struct Packet {
    /// Sender.
    pub from: u32,
    /// Receiver.
    pub to: u32,
    /// Contents.
    pub body: Body,
}

impl Packet {
    /// Its verb.
    pub fn verb(&self) -> Verb {
        match self.body {
            Body::Syn(_) => Verb::Syn,
            Body::Ack(..) => Verb::Ack,
            Body::Ack2(_) => Verb::Ack2,
            Body::EchoReq => Verb::EchoReq,
            Body::EchoRsp => Verb::EchoRsp,
        }
    }

    /// Bytes on the wire (payload; an echo carries none).
    pub fn bytes(&self) -> u32 {
        let n = |v: usize| v as u32;
        match &self.body {
            Body::Syn(d) => SYN_HEADER_BYTES + DIGEST_BYTES * n(d.len()),
            Body::Ack(r, s) => 8 + DIGEST_BYTES * n(r.len()) + STATE_BYTES * n(s.len()),
            Body::Ack2(s) => 4 + STATE_BYTES * n(s.len()),
            Body::EchoReq | Body::EchoRsp => 0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_follow_the_serializers() {
        let d = GossipDigest {
            endpoint: 1,
            generation: 1,
            version: 3,
        };
        let syn = Packet {
            from: 0,
            to: 1,
            body: Body::Syn(vec![d; 1000]),
        };
        assert_eq!(syn.bytes(), 15_063, "≈ 15 KB at N = 1000 (§1.8)");
        assert_eq!(syn.verb(), Verb::Syn);
        let s = StateDelta {
            endpoint: 1,
            generation: 1,
            version: 3,
        };
        let ack = Packet {
            from: 1,
            to: 0,
            body: Body::Ack(vec![d], vec![s, s]),
        };
        assert_eq!(ack.bytes(), 8 + 15 + 38);
    }
}
