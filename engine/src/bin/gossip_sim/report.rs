//! Printing a run's results: as a table, one JSON object, or CSV.

use std::fmt::Write as _;

use gossip_engine::{Config, Summary, TimedCommand};
use serde::Serialize;

use crate::args::Format;
use crate::measures::{Theory, converged, summaries, theory_for};
use crate::per_round::RoundMean;
use crate::plan::Plan;
use crate::table;
use crate::trial::TrialResult;

#[derive(Serialize)]
struct JsonReport<'a> {
    protocol: &'static str,
    /// The unit of every time below: abstract rounds, or `"s"` under a time model (and for
    /// the real-time protocols), where the `rounds` measure is named `time`.
    unit: &'static str,
    config: &'a Config,
    seed: u64,
    trials: u32,
    max_rounds: u32,
    actions: &'a [TimedCommand],
    converged: f64,
    rounds: Summary,
    residue: Summary,
    traffic: Summary,
    t_avg: Summary,
    t_last: Summary,
    messages: Summary,
    bytes: Summary,
    #[serde(skip_serializing_if = "Option::is_none")]
    theory: Option<Theory>,
    #[serde(skip_serializing_if = "Option::is_none")]
    per_round: Option<&'a [RoundMean]>,
}

/// The name of the first measure: `rounds` in abstract rounds, `time` in seconds.
pub fn time_measure(unit: &str) -> &'static str {
    if unit == "s" { "time" } else { "rounds" }
}

/// The whole output for `format`.
pub fn render(
    plan: &Plan,
    results: &[TrialResult],
    per_round: Option<&[RoundMean]>,
    format: Format,
) -> String {
    let summaries = summaries(results);
    let converged = converged(results);
    match format {
        Format::Json => {
            let mut s = summaries.into_iter();
            let mut next = || s.next().expect("one summary per metric");
            let unit = plan.unit();
            let report = JsonReport {
                protocol: plan.run.config.protocol.kind().as_str(),
                unit,
                config: &plan.run.config,
                seed: plan.run.seed,
                trials: plan.trials,
                max_rounds: plan.max_rounds,
                actions: &plan.run.actions,
                converged,
                rounds: next(),
                residue: next(),
                traffic: next(),
                t_avg: next(),
                t_last: next(),
                messages: next(),
                bytes: next(),
                theory: theory_for(&plan.run.config),
                per_round,
            };
            let mut report = serde_json::to_value(&report).expect("plain data serialises");
            if let Some(obj) = report.as_object_mut()
                && let Some(v) = obj.remove("rounds")
            {
                // Insert where it was: `preserve_order` is off, so the keys are sorted anyway.
                obj.insert(time_measure(unit).to_string(), v);
            }
            let mut out = serde_json::to_string_pretty(&report).expect("plain data serialises");
            out.push('\n');
            out
        }
        Format::Csv => match per_round {
            Some(rows) => csv_rounds(rows, plan),
            None => csv_trials(results, plan.unit()),
        },
        Format::Table => table::render(plan, &summaries, converged, per_round),
    }
}

fn csv_trials(results: &[TrialResult], unit: &str) -> String {
    let mut out = format!(
        "trial,seed,{},converged,residue,traffic,t_avg,t_last,messages,bytes,ran\n",
        time_measure(unit)
    );
    for (t, r) in results.iter().enumerate() {
        let _ = writeln!(
            out,
            "{t},{},{},{},{},{},{},{},{},{},{}",
            r.seed,
            r.rounds,
            u8::from(r.converged),
            r.residue,
            r.traffic,
            r.t_avg,
            r.t_last,
            r.messages,
            r.bytes,
            r.ran
        );
    }
    out
}

/// One row per step: per round, or under a time model per tick with its time in seconds.
fn csv_rounds(rows: &[RoundMean], plan: &Plan) -> String {
    let (step, time) = if plan.unit() == "s" {
        ("tick,seconds", true)
    } else {
        ("round", false)
    };
    let mut out = format!(
        "{step},running,informed,unaware,fresh,stale,dead,messages,updates,digest_bytes,payload_bytes,bytes,lost"
    );
    // Then the bands: median and 5–95% of each state series.
    for series in ["informed", "unaware", "fresh", "stale", "dead"] {
        let _ = write!(out, ",{series}_p5,{series}_p50,{series}_p95");
    }
    out.push('\n');
    for m in rows {
        if time {
            let _ = write!(out, "{},", m.round);
        }
        let _ = write!(
            out,
            "{},{},{},{},{},{},{},{},{},{},{},{},{}",
            plan.in_unit(f64::from(m.round)),
            m.running,
            m.informed,
            m.unaware,
            m.fresh,
            m.stale,
            m.dead,
            m.messages,
            m.updates,
            m.digest_bytes,
            m.payload_bytes,
            m.bytes,
            m.lost
        );
        let b = &m.bands;
        for band in [&b.informed, &b.unaware, &b.fresh, &b.stale, &b.dead] {
            let _ = write!(out, ",{},{},{}", band.p5, band.p50, band.p95);
        }
        out.push('\n');
    }
    out
}
