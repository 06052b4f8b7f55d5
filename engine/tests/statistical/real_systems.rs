//! Cassandra's conviction and Redis Cluster's FAIL, against their rules, over seeded runs.
//!
//! ## Cassandra: time to conviction against φ's threshold
//! An observer convicts at its first status check (every gossip round, `interval_ms`) after
//! φ = PHI_FACTOR · (t − t_last) / μ passes `phi_convict_threshold`, with t_last and μ its
//! window's last arrival and mean inter-arrival for the dead node. So the conviction comes
//! D = T − t* after the crossing t* = t_last + threshold · μ / PHI_FACTOR, with
//! 0 < D ≤ interval (+ one tick, the resolution) in every run, and since the observer's
//! gossip phase is unrelated to t*, D is uniform over that span: mean interval/2.
//!
//! ## Redis Cluster: time to FAIL against node_timeout and a majority of reports
//! An observer flags the dead master PFAIL at its first `clusterCron` more than
//! `node_timeout` after both its first unanswered PING (`ping_sent`, which may predate the
//! crash) and the last packet it heard from it (`node_delay` in `clusterCron`).
//! That is checked exactly, for every observer of every run, from the recorded packets. FAIL
//! needs a quorum of masters (the decider included if it is one) to flag it, so it never
//! comes before the quorum-th master's PFAIL; it comes when a decider next hears a report, in
//! the gossip of a PING or PONG, bounded on average as the test explains.

use gossip_engine::cassandra::{
    CassandraConfig, CassandraEvent, CassandraPreset, CassandraSimulation, PHI_FACTOR,
};
use gossip_engine::redis::{RedisConfig, RedisEvent, RedisPreset, RedisSimulation, RedisVerb};

use super::{Z, mean_se};

/// Seeds per system.
const RUNS: u64 = 120;

#[test]
fn cassandra_convicts_at_the_first_status_check_after_phi_crosses() {
    let n = 20;
    let (dead, observer) = (5u32, 0u32);
    let config = CassandraConfig::preset(CassandraPreset::Cassandra, n);
    let (interval, tick) = (f64::from(config.interval_ms), f64::from(config.tick_ms));
    let threshold = config.phi_convict_threshold;
    let mut lags = Vec::new();
    for seed in 0..RUNS {
        let mut s = CassandraSimulation::new(config.clone(), 9_000 + seed).unwrap();
        s.set_recording(true);
        while s.tick() < 300 {
            s.step();
        }
        s.apply(&gossip_engine::cassandra::CassandraCommand::Kill { node: dead })
            .unwrap();
        let convicted = loop {
            assert!(
                s.tick() < 1_500,
                "seed {seed}: no conviction within 2 minutes"
            );
            let t = s.step();
            if t.events.iter().any(|e| matches!(e, CassandraEvent::Down { observer: o, endpoint: e, .. } if *o == observer && *e == dead)) {
                break f64::from(t.tick) * tick;
            }
        };
        let w = s.node(observer).unwrap().fd.windows[dead as usize]
            .as_ref()
            .unwrap();
        let crossing = w.t_last_ms as f64 + threshold * w.mean_ms() / PHI_FACTOR;
        let lag = convicted - crossing;
        assert!(
            lag > 0.0 && lag <= interval + tick,
            "seed {seed}: convicted {lag} ms after φ crossed"
        );
        lags.push(lag);
    }
    let (mean, se) = mean_se(&lags);
    println!(
        "Cassandra: conviction {mean:.0} ± {se:.0} ms after φ crossed {threshold} (uniform over one {interval} ms round: {:.0})",
        interval / 2.0
    );
    assert!(
        (mean - interval / 2.0).abs() <= Z * se + tick / 2.0,
        "{mean} ± {se}"
    );
}

#[test]
fn redis_fails_a_master_only_after_a_majority_of_masters_flag_it() {
    let n = 12;
    let dead = 2u32;
    let config = RedisConfig::preset(RedisPreset::RedisCluster, n);
    let (nt, tick) = (u64::from(config.node_timeout_ms), u64::from(config.tick_ms));
    let mut lags = Vec::new();
    let mut gathers = Vec::new();
    let mut totals = Vec::new();
    for seed in 0..RUNS {
        let mut landed: Vec<(u32, u32, u32, RedisVerb)> = Vec::new();
        let mut s = RedisSimulation::new(config.clone(), 7_000 + seed).unwrap();
        s.set_recording(true);
        let quorum = s.quorum() as usize;
        // Per observer: the last packet from the dead master to land (`data_received`), and
        // its first PING to it sent since the last PONG landed (`ping_sent`).
        let mut heard: Vec<u64> = vec![0; n as usize];
        let mut ping_sent: Vec<Option<u64>> = vec![None; n as usize];
        let mut pfail: Vec<Option<u64>> = vec![None; n as usize];
        let mut killed = None;
        let fail = loop {
            assert!(s.tick() < 1_000, "seed {seed}: no FAIL within 100 s");
            if s.tick() == 200 {
                killed = Some(u64::from(s.tick()) * tick);
                s.apply(&gossip_engine::redis::RedisCommand::Kill { node: dead })
                    .unwrap();
            }
            let t = s.step();
            let now = u64::from(t.tick) * tick;
            // What landed in this tick was processed before its cron.
            let mut fail = None;
            for e in &t.events {
                match *e {
                    RedisEvent::Pfail { observer, node } if node == dead => {
                        pfail[observer as usize].get_or_insert(now);
                    }
                    RedisEvent::Fail { node, .. } if node == dead => fail = Some(now),
                    _ => {}
                }
            }
            for f in &t.flights {
                if f.to == dead && f.verb == RedisVerb::Ping {
                    ping_sent[f.from as usize].get_or_insert(now);
                }
            }
            landed.retain(|&(at, from, to, verb)| {
                if at > t.tick + 1 {
                    return true;
                }
                let at_ms = u64::from(at) * tick;
                if from == dead {
                    heard[to as usize] = heard[to as usize].max(at_ms);
                    if verb == RedisVerb::Pong {
                        ping_sent[to as usize] = None;
                    }
                }
                false
            });
            for f in &t.flights {
                if let Some(at) = f.lands
                    && f.from == dead
                {
                    landed.push((at, f.from, f.to, f.verb));
                }
            }
            if let Some(f) = fail {
                break f;
            }
        };
        let killed = killed.expect("killed");
        // Each PFAIL comes in the first cron more than node_timeout after both the first
        // unanswered PING and the last packet heard (`clusterCron`'s `node_delay`).
        for (o, p) in pfail.iter().enumerate() {
            if let Some(p) = p {
                let since = ping_sent[o].unwrap_or(0).max(heard[o]);
                assert!(
                    *p > since + nt && *p <= since + nt + tick,
                    "seed {seed}: node {o} PFAIL at {p}, ping at {:?}, heard at {}",
                    ping_sent[o],
                    heard[o]
                );
            }
        }
        // The masters' PFAIL times (the dead master excluded), in order.
        let mut masters: Vec<u64> = (0..n)
            .filter(|&o| o != dead && s.role(o).is_some_and(|r| r.master))
            .filter_map(|o| pfail[o as usize])
            .collect();
        masters.sort_unstable();
        let needed = masters.get(quorum - 1).copied();
        let Some(needed) = needed else {
            panic!(
                "seed {seed}: FAIL at {fail} with only {} masters flagging",
                masters.len()
            );
        };
        assert!(
            fail >= needed,
            "seed {seed}: FAIL at {fail} before the quorum's PFAIL at {needed}"
        );
        lags.push((fail - needed) as f64);
        gathers.push((needed - killed - nt) as f64);
        totals.push((fail - killed) as f64);
    }
    let (lag, lag_se) = mean_se(&lags);
    let (gather, gather_se) = mean_se(&gathers);
    println!(
        "Redis: FAIL {:.0} ± {:.0} ms after the kill = node_timeout {nt} + the quorum's PFAIL {gather:.0} ± {gather_se:.0} later + {lag:.0} ± {lag_se:.0} until a decider heard enough reports",
        mean_se(&totals).0,
        mean_se(&totals).1
    );
    // The decider hears a report in the next packet from any of the quorum − 1 ≥ 3 other
    // flagging masters. Each sends a random PING a second to one of the N − 1 others and
    // answers every PING with a PONG, so the packets from them come at a rate of at least
    // 2 (q − 1)/(N − 1) a second; the wait is at most its inverse on average (the node_timeout/2
    // pings and the other possible deciders only shorten it).
    let q = f64::from(RedisSimulation::new(config.clone(), 0).unwrap().quorum());
    let bound = 1000.0 * f64::from(n - 1) / (2.0 * (q - 1.0));
    assert!(
        lag <= bound + Z * lag_se,
        "{lag} ± {lag_se} ms against at most {bound:.0}"
    );
}
