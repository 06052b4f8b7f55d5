//! Per-round statistics as JSON, in the engine's serde format (field names and order of
//! `RoundStats`, `Traffic`, `StateCounts`, `MembershipViews`). Written only: the statistics
//! export, and the counts the embedded player posts to its host.

use gossip_engine::{MembershipViews, RoundStats, StateCounts, Traffic};

use super::json::Json;

fn int(n: u32) -> Json {
    Json::Uint(n.into())
}

/// `{unaware, fresh, stale, dead}`.
pub fn counts_to_json(c: &StateCounts) -> Json {
    Json::obj(vec![
        ("unaware", int(c.unaware)),
        ("fresh", int(c.fresh)),
        ("stale", int(c.stale)),
        ("dead", int(c.dead)),
    ])
}

fn traffic_to_json(t: &Traffic) -> Json {
    Json::obj(vec![
        ("messages", Json::Uint(t.messages)),
        ("updates", Json::Uint(t.updates)),
        ("digest_bytes", Json::Uint(t.digest_bytes)),
        ("payload_bytes", Json::Uint(t.payload_bytes)),
        ("lost", Json::Uint(t.lost)),
        ("useful", Json::Uint(t.useful)),
        ("redundant", Json::Uint(t.redundant)),
    ])
}

fn views_to_json(v: &MembershipViews) -> Json {
    Json::obj(vec![
        ("dead", int(v.dead)),
        ("detected", Json::Uint(v.detected)),
        ("false_suspicions", Json::Uint(v.false_suspicions)),
    ])
}

/// `{round, alive, traffic, counts: [...], views}`; `views` is `null` outside membership.
pub fn round_stats_to_json(s: &RoundStats) -> Json {
    Json::obj(vec![
        ("round", int(s.round)),
        ("alive", int(s.alive)),
        ("traffic", traffic_to_json(&s.traffic)),
        (
            "counts",
            Json::Arr(s.counts.iter().map(counts_to_json).collect()),
        ),
        ("views", s.views.as_ref().map_or(Json::Null, views_to_json)),
    ])
}
