//! Rumor mongering (Demers et al. 1987, "complex epidemics").
//!
//! A node that learns a rumor becomes fresh (infective) and spreads it to `fanout` random
//! peers each round until it loses interest and becomes stale (removed). Loss of interest has
//! two axes: *feedback* (only an unnecessary contact counts, the peer having already known)
//! or *blind* (every contact counts); and *counter* (stale after k consecutive counted
//! rounds, reset by a useful contact under feedback) or *coin* (stale with probability 1/k
//! after each counted round).
//!
//! A round's contacts count as one exchange for loss of interest: with fanout 1 this is
//! exactly Demers' per-contact rule, and under pull a fresh node asked by several peers
//! answers all of them while its counter moves at most once in the round.
//!
//! Under pull every alive node asks a peer each round (it cannot know whether there is news);
//! the peer answers with the rumors it holds fresh. Under push-pull the push doubles as the
//! request.

use super::{Delivery, ENTRY_BYTES, HEADER_BYTES, RoundCtx, contact};
use crate::config::{Decay, Feedback, Mode, Removal};
use crate::message::MessageState;
use crate::report::ContactKind;
use crate::rng::{Purpose, Stream, splitmix64, stream};
use crate::simulation::Simulation;

/// The node sent the rumor this round.
const SENT: u8 = 1;
/// At least one of its contacts taught the peer the rumor.
const USEFUL: u8 = 2;
/// At least one of its contacts counts toward loss of interest.
const COUNTED: u8 = 4;

/// Whether `node` holds any rumor fresh.
fn has_fresh(sim: &Simulation, node: u32) -> bool {
    sim.messages
        .iter()
        .any(|m| m.state[node as usize] == MessageState::Fresh && m.held[node as usize] != 0)
}

/// Sends every rumor `from` holds fresh to `to` as one leg; returns whether it arrived.
fn send_fresh(
    sim: &Simulation,
    ctx: &mut RoundCtx,
    rng: &mut Stream,
    from: u32,
    to: u32,
    kind: ContactKind,
    blind: bool,
) -> bool {
    let ok = sim.arrives(from, to, rng);
    let (mut bytes, mut useful) = (0u64, false);
    for (s, m) in sim.messages.iter().enumerate() {
        let (vf, vt) = (m.held[from as usize], m.held[to as usize]);
        if vf == 0 || m.state[from as usize] != MessageState::Fresh {
            continue;
        }
        bytes += ENTRY_BYTES + m.versions[(vf - 1) as usize].content.len() as u64;
        let mut flags = SENT;
        if ok {
            if m.newer(vf, vt) {
                useful = true;
                flags |= USEFUL;
                ctx.deliveries.push(Delivery {
                    slot: s as u32,
                    node: to,
                    version: vf,
                    from,
                });
            } else {
                flags |= COUNTED;
            }
        }
        if blind {
            flags |= COUNTED;
        }
        ctx.touched.push((s as u32, from, flags));
    }
    ctx.leg(contact(from, to, kind, ok, useful), HEADER_BYTES, bytes);
    ok
}

/// Runs the contacts of one rumor-mongering round.
pub(crate) fn round(sim: &Simulation, ctx: &mut RoundCtx, mode: Mode, feedback: Feedback) {
    let blind = feedback == Feedback::Blind;
    let mut peers = std::mem::take(&mut ctx.peers);
    for a in 0..sim.nodes() {
        if !sim.alive[a as usize] {
            continue;
        }
        let pushes = mode.pushes() && has_fresh(sim, a);
        if !pushes && !mode.pulls() {
            continue;
        }
        let mut rng = stream(sim.seed, ctx.round, a, Purpose::Peers);
        sim.pick_peers(a, sim.config.fanout, &mut rng, &mut peers);
        for &b in &peers {
            let asked = if pushes {
                send_fresh(sim, ctx, &mut rng, a, b, ContactKind::Push, blind)
            } else {
                let ok = sim.arrives(a, b, &mut rng);
                ctx.leg(
                    contact(a, b, ContactKind::Request, ok, false),
                    HEADER_BYTES,
                    0,
                );
                ok
            };
            if mode.pulls() && asked && has_fresh(sim, b) {
                send_fresh(sim, ctx, &mut rng, b, a, ContactKind::Pull, blind);
            }
        }
    }
    ctx.peers = peers;
}

/// Applies the round's loss-of-interest outcomes, once per (message, node).
pub(crate) fn lose_interest(sim: &mut Simulation, ctx: &mut RoundCtx, removal: &Removal) {
    let mut touched = std::mem::take(&mut ctx.touched);
    touched.sort_unstable_by_key(|&(s, n, _)| (s, n));
    let mut i = 0;
    while i < touched.len() {
        let (s, node, mut flags) = touched[i];
        i += 1;
        while i < touched.len() && touched[i].0 == s && touched[i].1 == node {
            flags |= touched[i].2;
            i += 1;
        }
        let m = &mut sim.messages[s as usize];
        let n = node as usize;
        if flags & SENT != 0 {
            m.last_propagated[n] = ctx.round;
        }
        if m.state[n] != MessageState::Fresh {
            continue;
        }
        if removal.feedback == Feedback::Feedback && flags & USEFUL != 0 {
            m.counter[n] = 0;
            continue;
        }
        if flags & COUNTED == 0 {
            continue;
        }
        m.counter[n] = m.counter[n].saturating_add(1);
        let stale = match removal.decay {
            Decay::Counter => u32::from(m.counter[n]) >= removal.k,
            Decay::Coin => {
                let mut coin = stream(
                    sim.seed ^ splitmix64(u64::from(s)),
                    ctx.round,
                    node,
                    Purpose::Coin,
                );
                coin.chance(1.0 / f64::from(removal.k))
            }
        };
        if stale {
            sim.make_stale(s, node, ctx);
        }
    }
    touched.clear();
    ctx.touched = touched;
}
