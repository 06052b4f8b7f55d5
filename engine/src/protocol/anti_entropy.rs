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

use super::{DIGEST_ENTRY_BYTES, Delivery, ENTRY_BYTES, HEADER_BYTES, RoundCtx, contact};
use crate::config::{Mode, Sync};
use crate::report::ContactKind;
use crate::rng::{Purpose, Stream, stream};
use crate::simulation::Simulation;

/// Runs one anti-entropy round. With `repair`, this is the occasional exchange of the hybrid
/// protocol, drawn from its own random stream so that it does not disturb rumor contacts.
pub(crate) fn round(
    sim: &Simulation,
    ctx: &mut RoundCtx,
    mode: Mode,
    sync: Sync,
    fanout: u32,
    repair: bool,
) {
    let purpose = if repair { Purpose::Repair } else { Purpose::Peers };
    let mut peers = std::mem::take(&mut ctx.peers);
    for a in 0..sim.nodes() {
        if !sim.alive[a as usize] {
            continue;
        }
        let mut rng = stream(sim.seed, ctx.round, a, purpose);
        sim.pick_peers(a, fanout, &mut rng, &mut peers);
        for &b in &peers {
            exchange(sim, ctx, &mut rng, a, b, mode, sync);
        }
    }
    ctx.peers = peers;
}

/// What one side holds that the other lacks.
#[derive(Default)]
struct Diff {
    /// Entries held by a and by b.
    held_a: u64,
    held_b: u64,
    /// Entries where a is newer than b, and their payload bytes.
    a_newer: u64,
    a_newer_bytes: u64,
    b_newer: u64,
    b_newer_bytes: u64,
    /// Payload bytes of everything a holds, and of everything b holds.
    all_a_bytes: u64,
    all_b_bytes: u64,
}

fn entry_bytes(sim: &Simulation, slot: usize, v: u32) -> u64 {
    ENTRY_BYTES + sim.messages[slot].versions[(v - 1) as usize].content.len() as u64
}

fn diff(sim: &Simulation, a: u32, b: u32) -> Diff {
    let mut d = Diff::default();
    for (s, m) in sim.messages.iter().enumerate() {
        let (va, vb) = (m.held[a as usize], m.held[b as usize]);
        if va != 0 {
            d.held_a += 1;
            d.all_a_bytes += entry_bytes(sim, s, va);
        }
        if vb != 0 {
            d.held_b += 1;
            d.all_b_bytes += entry_bytes(sim, s, vb);
        }
        if m.newer(va, vb) {
            d.a_newer += 1;
            d.a_newer_bytes += entry_bytes(sim, s, va);
        } else if m.newer(vb, va) {
            d.b_newer += 1;
            d.b_newer_bytes += entry_bytes(sim, s, vb);
        }
    }
    d
}

/// Queues every value `from` holds newer than `to`.
fn send_newer(sim: &Simulation, ctx: &mut RoundCtx, from: u32, to: u32) {
    for (s, m) in sim.messages.iter().enumerate() {
        let (vf, vt) = (m.held[from as usize], m.held[to as usize]);
        if m.newer(vf, vt) {
            ctx.deliveries.push(Delivery {
                slot: s as u32,
                node: to,
                version: vf,
                from,
            });
        }
    }
}

/// One contact from `a` to `b`, leg by leg.
fn exchange(
    sim: &Simulation,
    ctx: &mut RoundCtx,
    rng: &mut Stream,
    a: u32,
    b: u32,
    mode: Mode,
    sync: Sync,
) {
    use ContactKind::{Digest, Pull, Push, Request};
    let d = diff(sim, a, b);
    match sync {
        Sync::Incremental => {
            let ok = sim.arrives(a, b, rng);
            ctx.leg(contact(a, b, Digest, ok, false), HEADER_BYTES + DIGEST_ENTRY_BYTES * d.held_a, 0);
            if !ok {
                return;
            }
            let want_a = mode.pulls() && d.b_newer > 0;
            let want_b = mode.pushes() && d.a_newer > 0;
            if !want_a && !want_b {
                return;
            }
            // b answers: the values a lacks (pull) and/or the list of what b wants (push).
            let request = if want_b { DIGEST_ENTRY_BYTES * d.a_newer } else { 0 };
            let ok = sim.arrives(b, a, rng);
            if want_a {
                ctx.leg(contact(b, a, Pull, ok, true), HEADER_BYTES + request, d.b_newer_bytes);
                if ok {
                    send_newer(sim, ctx, b, a);
                }
            } else {
                ctx.leg(contact(b, a, Request, ok, false), HEADER_BYTES + request, 0);
            }
            if !ok || !want_b {
                return;
            }
            let ok = sim.arrives(a, b, rng);
            ctx.leg(contact(a, b, Push, ok, true), HEADER_BYTES, d.a_newer_bytes);
            if ok {
                send_newer(sim, ctx, a, b);
            }
        }
        Sync::Full => {
            let ok = if mode.pushes() && d.held_a > 0 {
                let ok = sim.arrives(a, b, rng);
                ctx.leg(contact(a, b, Push, ok, d.a_newer > 0), HEADER_BYTES, d.all_a_bytes);
                if ok {
                    send_newer(sim, ctx, a, b);
                }
                ok
            } else if mode.pulls() {
                let ok = sim.arrives(a, b, rng);
                ctx.leg(contact(a, b, Request, ok, false), HEADER_BYTES, 0);
                ok
            } else {
                false
            };
            if ok && mode.pulls() && d.held_b > 0 {
                let ok = sim.arrives(b, a, rng);
                ctx.leg(contact(b, a, Pull, ok, d.b_newer > 0), HEADER_BYTES, d.all_b_bytes);
                if ok {
                    send_newer(sim, ctx, b, a);
                }
            }
        }
    }
}
