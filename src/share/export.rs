//! Documents the page writes and reads: the scenario file, and per-round statistics as CSV
//! and JSON (pure functions; the page turns them into downloads). JSON goes through the
//! engine's serde derives.

use gossip_engine::round_time::RoundTime;
use gossip_engine::{RoundStats, Scenario};
use serde::Serialize;

/// A scenario as the Share dialog's "Download JSON" writes it (pretty, in the engine's
/// serde format, which `gossip-sim --scenario` reads too).
pub fn scenario_file(scenario: &Scenario) -> String {
    // Serialising plain data to a String cannot fail.
    serde_json::to_string_pretty(scenario).unwrap_or_default()
}

/// Reads a scenario file; the error is `serde_json`'s diagnostic (with line and column).
pub fn read_scenario_file(text: &str) -> Result<Scenario, String> {
    serde_json::from_str(text).map_err(|e| e.to_string())
}

/// The CSV columns, in order.
const CSV_HEADER: &str = "round,alive,unaware,fresh,stale,dead,messages,updates,useful,redundant,lost,digest_bytes,payload_bytes\n";

/// Per-round statistics of message `message` as CSV, one row per round; under a time model
/// (`time`) one row per tick, with its time in a `seconds` column after the tick's number.
pub fn stats_csv(history: &[RoundStats], message: Option<u32>, time: Option<&RoundTime>) -> String {
    let mut out = match time {
        None => String::from(CSV_HEADER),
        Some(_) => CSV_HEADER.replacen("round,", "tick,seconds,", 1),
    };
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
        let mut row: Vec<String> = row.iter().map(u64::to_string).collect();
        if let Some(tm) = time {
            row.insert(1, tm.ticks().seconds(s.round).to_string());
        }
        out.push_str(&row.join(","));
        out.push('\n');
    }
    out
}

/// The statistics export: the scenario and its per-round statistics (every message).
#[derive(Serialize)]
struct StatsDocument<'a> {
    scenario: &'a Scenario,
    rounds: &'a [RoundStats],
}

/// The scenario and its per-round statistics as one pretty JSON document.
pub fn stats_json(scenario: &Scenario, history: &[RoundStats]) -> String {
    let doc = StatsDocument {
        scenario,
        rounds: history,
    };
    serde_json::to_string_pretty(&doc).unwrap_or_default()
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
        let csv = stats_csv(t.history(), Some(0), None);
        assert_eq!(csv.lines().count(), 6, "header + 5 rounds");
        assert!(csv.lines().nth(1).expect("row").starts_with("1,50,"));
        let tm = gossip_engine::round_time::RoundTime::default();
        let csv = stats_csv(t.history(), Some(0), Some(&tm));
        assert!(csv.starts_with("tick,seconds,alive,"), "{csv}");
        assert!(csv.lines().nth(3).expect("row").starts_with("3,0.3,50,"));
        let json: serde_json::Value =
            serde_json::from_str(&stats_json(&t.scenario(), t.history())).expect("valid JSON");
        assert_eq!(json["rounds"].as_array().map(Vec::len), Some(5));
        assert_eq!(json["scenario"]["seed"], 3);
    }

    #[test]
    fn scenario_files_read_back() {
        let s = Scenario::new(Config::default(), 9);
        assert_eq!(read_scenario_file(&scenario_file(&s)), Ok(s));
        assert!(read_scenario_file("{").is_err());
    }
}
