//! Running scripts: with every invariant checked, plain, or with recording on or off.

use super::*;

/// What a checked run produced.
pub(crate) struct Run {
    pub(crate) timeline: Timeline,
    /// Trace hash of every report of the run, then the final state (as `trace_hash` does).
    pub(crate) hash: u64,
    /// Fingerprint of the state at each round, after that round's commands.
    pub(crate) states: Vec<String>,
}

/// Checks the counts of every message against N and against a recount.
pub(crate) fn check_counts(sim: &Simulation, when: &str) -> Result<(), TestCaseError> {
    for id in sim.message_ids() {
        let c = sim.counts(id).expect("listed ids have counts");
        prop_assert_eq!(
            c.total(),
            sim.nodes(),
            "{}: m{} counts {:?} must sum to N",
            when,
            id,
            c
        );
        prop_assert_eq!(
            Some(c),
            sim.recounted(id),
            "{}: m{} incremental counts must equal a recount",
            when,
            id
        );
        prop_assert_eq!(
            c.dead,
            sim.nodes() - sim.alive_count(),
            "{}: dead count",
            when
        );
    }
    Ok(())
}

/// Runs `ops` on a fresh timeline, checking every invariant after every command and round.
pub(crate) fn run_checked(config: &Config, seed: u64, ops: &[Op]) -> Result<Run, TestCaseError> {
    let mut t = Timeline::new(config.clone(), seed).expect("generated configs are valid");
    let mut hash = TraceHash::default();
    let mut states = Vec::new();
    // Every (id, version number, origin, content) written by a successful injection.
    let mut written: BTreeSet<(u32, u32, u32, String)> = BTreeSet::new();
    let mut new_ids = 0;
    let start = Op::Do(Command::Inject {
        node: 0,
        id: None,
        content: "first".into(),
    });
    for op in std::iter::once(&start).chain(ops) {
        match op {
            Op::Do(cmd) => {
                let before = fingerprint(t.sim());
                match t.apply(cmd) {
                    Err(e) => {
                        prop_assert_eq!(
                            fingerprint(t.sim()),
                            before,
                            "refused {:?} ({}) must change nothing",
                            cmd,
                            e
                        );
                    }
                    Ok(id) => {
                        if let (
                            Command::Inject {
                                node,
                                id: old,
                                content,
                            },
                            Some(id),
                        ) = (cmd, id)
                        {
                            let v = t
                                .sim()
                                .message(id)
                                .and_then(|m| m.versions.last())
                                .expect("written");
                            prop_assert!(
                                v.origin == *node && v.content == *content,
                                "the version written is the one asked for: {:?}",
                                v
                            );
                            new_ids += u32::from(old.is_none());
                            written.insert((id, v.number, v.origin, v.content.clone()));
                        }
                    }
                }
                check_counts(t.sim(), &format!("after {cmd:?}"))?;
            }
            Op::Step(k) => {
                for _ in 0..*k {
                    let r = t.round() as usize;
                    states.resize(r + 1, String::new());
                    states[r] = fingerprint(t.sim());
                    let sim = t.sim();
                    let n = sim.nodes();
                    let alive: Vec<bool> = sim.alive().to_vec();
                    let tables: Vec<Vec<TableRow>> = (0..n).map(|x| sim.table(x)).collect();

                    let report = t.step();
                    hash.report(&report);
                    let sim = t.sim();
                    let round = report.round;
                    let mut undelivered = 0;
                    for c in &report.contacts {
                        prop_assert!(
                            c.from < n && c.to < n && c.from != c.to,
                            "round {}: contact {:?} between existing distinct nodes",
                            round,
                            c
                        );
                        prop_assert!(
                            alive[c.from as usize],
                            "round {}: dead node {} sent {:?}",
                            round,
                            c.from,
                            c
                        );
                        prop_assert!(
                            alive[c.to as usize] || !c.delivered,
                            "round {}: {:?} reached a dead node",
                            round,
                            c
                        );
                        // Not checked here: anti-entropy marks some lost legs useful (see
                        // `lost_legs_are_never_useful` in scenarios.rs).
                        undelivered += u64::from(!c.delivered);
                    }
                    prop_assert_eq!(
                        report.traffic.lost,
                        undelivered,
                        "round {}: lost legs counted",
                        round
                    );
                    for node in 0..n {
                        let after = sim.table(node);
                        let before = &tables[node as usize];
                        if !alive[node as usize] {
                            prop_assert_eq!(
                                &after,
                                before,
                                "round {}: dead node {} changed",
                                round,
                                node
                            );
                        }
                        for row in &after {
                            prop_assert!(
                                written.contains(&(
                                    row.id,
                                    row.version,
                                    row.origin,
                                    row.content.clone()
                                )),
                                "round {}: node {} holds {:?}, which was never injected",
                                round,
                                node,
                                row
                            );
                            let was_stale = before.iter().any(|b| {
                                b.id == row.id
                                    && (b.version, b.origin) == (row.version, row.origin)
                                    && b.state == MessageState::Stale
                            });
                            prop_assert!(
                                !(was_stale && row.state == MessageState::Fresh),
                                "round {}: node {} turned stale {:?} fresh again",
                                round,
                                node,
                                row
                            );
                        }
                    }
                    prop_assert_eq!(
                        sim.message_ids().count() as u32,
                        new_ids,
                        "only injected ids exist"
                    );
                    check_counts(sim, &format!("round {round}"))?;
                }
            }
        }
    }
    let r = t.round() as usize;
    states.resize(r + 1, String::new());
    states[r] = fingerprint(t.sim());
    hash.state(t.sim());
    Ok(Run {
        timeline: t,
        hash: hash.finish(),
        states,
    })
}

/// Whether two JSON values are equal, numbers compared as f64 to within one ulp.
///
/// serde_json without its `float_roundtrip` feature parses about one random f64 in ten one
/// ulp off (see `scenario_floats_round_trip_bit_exactly`); runs do not notice, since a draw
/// would have to fall between the two neighbouring doubles.
pub(crate) fn same_up_to_one_ulp(a: &serde_json::Value, b: &serde_json::Value) -> bool {
    use serde_json::Value;
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => match (x.as_f64(), y.as_f64()) {
            (Some(x), Some(y)) if x.is_finite() && y.is_finite() => {
                x.to_bits().abs_diff(y.to_bits()) <= 1 || x == y
            }
            _ => x == y,
        },
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(x, y)| same_up_to_one_ulp(x, y))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(k, v)| y.get(k).is_some_and(|w| same_up_to_one_ulp(v, w)))
        }
        _ => a == b,
    }
}

/// Runs `ops` with no checks, for comparison.
pub(crate) fn run_plain(config: &Config, seed: u64, ops: &[Op]) -> (u64, String) {
    let mut t = Timeline::new(config.clone(), seed).expect("valid");
    let mut hash = TraceHash::default();
    let _ = t.apply(&Command::Inject {
        node: 0,
        id: None,
        content: "first".into(),
    });
    for op in ops {
        match op {
            Op::Do(cmd) => {
                let _ = t.apply(cmd);
            }
            Op::Step(k) => {
                for _ in 0..*k {
                    hash.report(&t.step());
                }
            }
        }
    }
    hash.state(t.sim());
    (hash.finish(), fingerprint(t.sim()))
}

/// Runs `ops` on a bare simulation with recording on or off; returns the final state.
pub(crate) fn run_recording(config: &Config, seed: u64, ops: &[Op], record: bool) -> String {
    let mut sim = Simulation::new(config.clone(), seed).expect("valid");
    sim.set_recording(record);
    let _ = sim.apply(&Command::Inject {
        node: 0,
        id: None,
        content: "first".into(),
    });
    for op in ops {
        match op {
            Op::Do(cmd) => {
                let _ = sim.apply(cmd);
            }
            Op::Step(k) => {
                for _ in 0..*k {
                    let r = sim.step();
                    assert!(record || r.contacts.is_empty(), "nothing recorded when off");
                }
            }
        }
    }
    fingerprint(&sim)
}
