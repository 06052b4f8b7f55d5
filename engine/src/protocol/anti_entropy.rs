//! Anti-entropy (Demers et al. 1987): every alive node reconciles with `fanout` peers every
//! round, forever, so every update eventually reaches every node that stays connected.
//!
//! One contact between initiator `a` and peer `b` is a short conversation of legs, each of
//! which can be lost (and then the conversation stops):
//!
//! | mode | incremental sync | full sync |
//! |---|---|---|
//! | push | a→b digest; b→a request for what it lacks; a→b those values | a→b every value |
//! | pull | a→b digest; b→a the values a lacks | a→b request; b→a every value |
//! | push-pull | a→b digest; b→a values a lacks + request; a→b values b lacks | a→b every value; b→a every value |
//!
//! Digests carry (id, version) per entry and no values, so once the cluster agrees an
//! incremental contact costs one small digest where full sync resends everything.
//!
//! Here: the round. The general path (any mode, sync and number of messages) is in
//! `general.rs`, with the per-round version tables of `tables.rs`; the batch-run fast path
//! of one message under push is in `fast.rs`.

use crate::cluster::Cluster;
use crate::config::{Mode, Sync};
use crate::messages::Messages;
use crate::rng::{Purpose, StreamKey};
use crate::round::RoundCtx;

// The batch runs' fast path (feature `fast-paths`): without it the general path gives the
// same run, a little slower with recording off.
#[cfg(feature = "fast-paths")]
mod fast;
mod general;
mod tables;

#[cfg(feature = "fast-paths")]
use fast::one_message_push;
use general::General;

/// Runs one anti-entropy round. With `repair`, this is the occasional exchange of the hybrid
/// protocol, drawn from its own random stream so that it does not disturb rumor contacts.
pub(crate) fn round(
    cluster: &Cluster,
    msgs: &Messages,
    ctx: &mut RoundCtx,
    mode: Mode,
    sync: Sync,
    fanout: u32,
    repair: bool,
) {
    let purpose = if repair {
        Purpose::Repair
    } else {
        Purpose::Peers
    };
    #[cfg(feature = "fast-paths")]
    if !ctx.record
        && ctx.instant
        && mode == Mode::Push
        && ctx.deliveries.is_empty()
        && msgs.slots.len() == 1
        && msgs.slots[0].versions.len() == 1
    {
        one_message_push(cluster, msgs, ctx, sync, fanout, purpose);
        return;
    }
    let mut g = General::new(cluster, msgs, sync);
    let mut peers = std::mem::take(&mut ctx.peers);
    let key = StreamKey::new(cluster.seed, purpose);
    for a in 0..cluster.nodes() {
        if !cluster.alive[a as usize] {
            continue;
        }
        let own = g.own(a);
        let mut rng = key.stream(ctx.draws, a);
        cluster.pick_peers(a, fanout, &mut rng, &mut peers);
        for &b in &peers {
            g.exchange(ctx, own, &mut rng, a, b, mode);
        }
    }
    ctx.peers = peers;
}
