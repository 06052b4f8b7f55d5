//! The comparisons the lesson cards show: theory curves, and single runs of the engine
//! (recording off) measured for rounds, residue, bytes and cross-group traffic. The seeded
//! tables built from many such runs are in [`super::study`].

use gossip_engine::{
    Command, Config, Mode, Scenario, Simulation, Timeline, Traffic, outcome, theory,
};

use super::scenarios::MODES;

/// Rounds after which a run that has not converged is given up (none of the lessons' runs
/// comes near it).
pub const LIMIT: u32 = 2_000;

/// Rounds the sync lesson's byte chart covers (its writes end at round 8; both variants
/// agree a few rounds later).
pub const BYTES_ROUNDS: u32 = 20;

/// Theory of one anti-entropy mode on the complete graph.
#[derive(Clone, Debug, PartialEq)]
pub struct ModeTheory {
    /// The mode.
    pub mode: Mode,
    /// First round at which the expected number of unaware nodes is below one half.
    pub rounds: u32,
    /// Expected informed fraction after rounds 0, 1, … (the same length for every mode).
    pub curve: Vec<f64>,
}

/// Push, pull and push-pull at `n` nodes and fanout `fanout`, from one informed node; the
/// curves run two rounds past the slowest mode's rounds-to-full.
pub fn mode_theory(n: u32, fanout: u32) -> Vec<ModeTheory> {
    let rounds: Vec<u32> = MODES
        .iter()
        .map(|&m| theory::rounds_to_full(m, n, fanout))
        .collect();
    let horizon = rounds.iter().copied().max().unwrap_or(0) + 2;
    MODES
        .iter()
        .zip(rounds)
        .map(|(&mode, rounds)| ModeTheory {
            mode,
            rounds,
            curve: theory::informed_curve(mode, n, fanout, 1, horizon),
        })
        .collect()
}

/// The gossip interval the article proposes for a cluster of `n`: min(10, 1 + ln N) seconds.
/// It grows with the cluster, so each node's message rate falls as the cluster grows.
pub fn adaptive_interval(n: u32) -> f64 {
    (1.0 + f64::from(n).ln()).min(10.0)
}

/// A fresh simulation of `config` and `seed`, recording off, with one value written at node 0.
fn one_message(config: &Config, seed: u64) -> Option<(Simulation, u32)> {
    let mut sim = Simulation::new(config.clone(), seed).ok()?;
    sim.set_recording(false);
    let id = sim
        .apply(&Command::Inject {
            node: 0,
            id: None,
            content: "news".into(),
        })
        .ok()??;
    Some((sim, id))
}

/// Rounds until every alive node holds a value written at node 0 before round 1, or `None`
/// if that takes more than `limit` rounds.
pub fn converge_rounds(config: &Config, seed: u64, limit: u32) -> Option<u32> {
    let (mut sim, id) = one_message(config, seed)?;
    while sim.round() < limit {
        sim.step();
        if let Some(r) = sim.message(id)?.converged_at {
            return Some(r);
        }
    }
    None
}

/// How a rumor ended: residue and traffic once no node is fresh.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RumorEnd {
    /// Fraction of alive nodes never reached.
    pub residue: f64,
    /// Update messages sent per node.
    pub traffic: f64,
    /// Rounds until no node was fresh.
    pub rounds: u32,
}

/// Runs a rumor written at node 0 until no node is fresh (or `limit` rounds).
pub fn rumor_end(config: &Config, seed: u64, limit: u32) -> Option<RumorEnd> {
    let (mut sim, id) = one_message(config, seed)?;
    while sim.message(id)?.extinct_at.is_none() && sim.round() < limit {
        sim.step();
    }
    let o = outcome(&sim, id)?;
    Some(RumorEnd {
        residue: o.residue,
        traffic: o.traffic,
        rounds: o.rounds,
    })
}

/// Traffic of rounds 1..=`rounds` of `scenario` (its actions replayed, recording off).
pub fn traffic_per_round(scenario: &Scenario, rounds: u32) -> Vec<Traffic> {
    let s = Scenario {
        round: rounds,
        ..scenario.clone()
    };
    Timeline::from_scenario(&s)
        .map(|t| t.history().iter().map(|h| h.traffic).collect())
        .unwrap_or_default()
}

/// How a value spread under a topology with groups of consecutive nodes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Spread {
    /// Round at whose end every alive node held message 0 (`None`: not within the limit).
    pub rounds: Option<u32>,
    /// Messages (legs of every kind) sent until then.
    pub messages: u64,
    /// Of those, the ones between nodes of different groups.
    pub crossing: u64,
}

/// Replays `scenario` with recording on until message 0 converges (or `limit` rounds), and
/// counts the messages that crossed between groups of `group_size` consecutive nodes.
pub fn spread_across_groups(scenario: &Scenario, group_size: u32, limit: u32) -> Option<Spread> {
    let mut sim = Simulation::new(scenario.config.clone(), scenario.seed).ok()?;
    let group = |n: u32| n / group_size.max(1);
    let mut actions = scenario.actions.iter().peekable();
    let mut crossing = 0;
    loop {
        while let Some(a) = actions.next_if(|a| a.round == sim.round()) {
            sim.apply(&a.command).ok()?;
        }
        let converged = sim.message(0).and_then(|m| m.converged_at);
        if converged.is_some() || sim.round() >= limit {
            return Some(Spread {
                rounds: converged,
                messages: sim.total_traffic().messages,
                crossing,
            });
        }
        let report = sim.step();
        crossing += report
            .contacts
            .iter()
            .filter(|c| group(c.from) != group(c.to))
            .count() as u64;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lessons::scenarios::{self, GROUP_SIZE, SYNC_WRITES};

    #[test]
    fn interval_follows_the_article() {
        assert!((adaptive_interval(10) - (1.0 + 10f64.ln())).abs() < 1e-12);
        assert!((adaptive_interval(1_000) - 7.907_755).abs() < 1e-5);
        assert_eq!(adaptive_interval(10_000), 10.0, "capped at 10 s");
    }

    #[test]
    fn mode_theory_orders_the_modes() {
        let t = mode_theory(100, 1);
        assert_eq!(t.len(), 3);
        let len = t[0].curve.len();
        assert!(t.iter().all(|m| m.curve.len() == len), "same horizon");
        let (push, pull, pp) = (t[0].rounds, t[1].rounds, t[2].rounds);
        assert!(
            pp < push && pp < pull,
            "push-pull is fastest: {push} {pull} {pp}"
        );
        assert!(t.iter().all(|m| m.curve[len - 1] > 0.99), "all saturate");
    }

    #[test]
    fn incremental_sync_sends_less_payload_than_full() {
        let rounds = 24;
        let inc = traffic_per_round(&scenarios::sync(0), rounds);
        let full = traffic_per_round(&scenarios::sync(1), rounds);
        assert_eq!((inc.len(), full.len()), (24, 24));
        let total = |t: &[Traffic]| t.iter().map(|x| x.payload_bytes).sum::<u64>();
        assert!(
            total(&inc) * 3 < total(&full),
            "{} vs {}",
            total(&inc),
            total(&full)
        );
        let last_write = SYNC_WRITES.iter().map(|w| w.0).max().unwrap_or(0) as usize;
        assert_eq!(
            inc.last().map(|t| t.payload_bytes),
            Some(0),
            "once everyone agrees, incremental sync sends digests only (writes end at round {last_write})"
        );
        assert!(inc.iter().all(|t| t.digest_bytes > 0));
    }

    #[test]
    fn hierarchy_keeps_traffic_inside_groups() {
        let h = spread_across_groups(&scenarios::hierarchy(0), GROUP_SIZE, LIMIT).expect("runs");
        let f = spread_across_groups(&scenarios::hierarchy(1), GROUP_SIZE, LIMIT).expect("runs");
        let (hr, fr) = (h.rounds.expect("converges"), f.rounds.expect("converges"));
        assert!(hr >= fr, "hierarchical is not faster: {hr} vs {fr}");
        let share = |s: &Spread| s.crossing as f64 / s.messages as f64;
        assert!(share(&f) > 0.8, "flat: most messages cross groups: {f:?}");
        assert!(share(&h) < 0.2, "hierarchical: few cross: {h:?}");
    }
}
