//! Exported data: per-round statistics as CSV and JSON (pure functions; the page turns them
//! into downloads).

use std::fmt::Write as _;

use gossip_engine::{RoundStats, Scenario};

use crate::codec::Json;
use crate::codec::scenario::scenario_to_json;
use crate::codec::stats::round_stats_to_json;

/// Per-round statistics of message `message` as CSV, one row per round.
pub fn stats_csv(history: &[RoundStats], message: Option<u32>) -> String {
    let mut out = String::from(
        "round,alive,unaware,fresh,stale,dead,messages,updates,useful,redundant,lost,digest_bytes,payload_bytes\n",
    );
    for s in history {
        let c = message
            .and_then(|m| s.counts.get(m as usize))
            .copied()
            .unwrap_or_default();
        let t = s.traffic;
        let row: [u64; 13] = [
            s.round.into(),
            s.alive.into(),
            c.unaware.into(),
            c.fresh.into(),
            c.stale.into(),
            c.dead.into(),
            t.messages,
            t.updates,
            t.useful,
            t.redundant,
            t.lost,
            t.digest_bytes,
            t.payload_bytes,
        ];
        // One number at a time: a 13-argument `format!` costs more code than this loop.
        for (i, v) in row.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            let _ = write!(out, "{v}");
        }
        out.push('\n');
    }
    out
}

/// The scenario and its per-round statistics (every message) as one JSON document.
pub fn stats_json(scenario: &Scenario, history: &[RoundStats]) -> String {
    Json::obj(vec![
        ("scenario", scenario_to_json(scenario)),
        (
            "rounds",
            Json::Arr(history.iter().map(round_stats_to_json).collect()),
        ),
    ])
    .to_pretty()
}

#[cfg(test)]
mod tests {
    use gossip_engine::{Command, Config, Timeline};

    use super::*;

    #[test]
    fn csv_has_one_row_per_round() {
        let mut t = Timeline::new(Config::default(), 3).expect("valid");
        t.apply(&Command::Inject {
            node: 0,
            id: None,
            content: "x".into(),
        })
        .expect("inject");
        for _ in 0..5 {
            t.step();
        }
        let csv = stats_csv(t.history(), Some(0));
        assert_eq!(csv.lines().count(), 6, "header + 5 rounds");
        assert!(csv.lines().nth(1).expect("row").starts_with("1,50,"));
        let json = stats_json(&t.scenario(), t.history());
        let Ok(Json::Obj(doc)) = crate::codec::json::parse(&json) else {
            panic!("valid JSON: {json}")
        };
        assert_eq!(doc[0].0, "scenario");
        assert!(matches!(&doc[1], (k, Json::Arr(rounds)) if k == "rounds" && rounds.len() == 5));
    }
}
