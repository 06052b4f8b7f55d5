//! The human-readable report: the configuration in words, the summaries, the theory, and
//! the per-round means.

use std::fmt::Write as _;

use gossip_engine::{Named, Protocol, Summary, TopologyConfig};

use crate::measures::{METRICS, theory_for};
use crate::per_round::RoundMean;
use crate::plan::Plan;

/// "anti-entropy (push, incremental sync)", "rumor (push, feedback-counter, k = 2)", ...
fn describe_protocol(p: &Protocol) -> String {
    match p {
        Protocol::AntiEntropy { mode, sync } => {
            format!("anti-entropy ({}, {} sync)", mode.as_str(), sync.as_str())
        }
        Protocol::Rumor {
            mode,
            removal,
            repair_every,
        } => {
            let repair =
                repair_every.map_or(String::new(), |r| format!(", repair every {r} rounds"));
            format!(
                "{} ({}, {}, k = {}{repair})",
                p.kind().as_str(),
                mode.as_str(),
                removal.kind().as_str(),
                removal.k
            )
        }
        Protocol::Membership { t_fail, t_cleanup } => {
            format!("membership (t_fail = {t_fail}, t_cleanup = {t_cleanup})")
        }
    }
}

fn describe_topology(t: &TopologyConfig) -> String {
    match *t {
        TopologyConfig::Complete | TopologyConfig::Grid => t.kind().as_str().to_string(),
        TopologyConfig::Ring { k } => format!("ring (k = {k})"),
        TopologyConfig::RandomRegular { degree } => format!("random-regular (degree {degree})"),
        TopologyConfig::ErdosRenyi { p } => format!("erdos-renyi (p = {p})"),
        TopologyConfig::WattsStrogatz { k, beta } => {
            format!("watts-strogatz (k = {k}, beta = {beta})")
        }
        TopologyConfig::BarabasiAlbert { m } => format!("barabasi-albert (m = {m})"),
        TopologyConfig::Hierarchical { group_size } => {
            format!("hierarchical (groups of {group_size})")
        }
    }
}

/// The human-readable report.
pub fn render(
    plan: &Plan,
    summaries: &[Summary],
    converged: f64,
    per_round: Option<&[RoundMean]>,
) -> String {
    let c = &plan.run.config;
    let mut out = String::new();
    let _ = writeln!(out, "protocol  {}", describe_protocol(&c.protocol));
    let _ = writeln!(
        out,
        "cluster   {} nodes, fanout {}, loss {}, topology {}",
        c.nodes,
        c.fanout,
        c.loss,
        describe_topology(&c.topology)
    );
    if let Some(t) = &c.time {
        let _ = writeln!(
            out,
            "time      ticks of {} ms, a round every {} ticks ({} s), legs {} with mean {} ms; times in seconds",
            t.tick_ms,
            t.interval,
            t.ticks().seconds(t.interval),
            t.latency.dist.as_str(),
            t.latency.mean_ms
        );
    }
    let last_seed = plan.trial_seed(plan.trials - 1);
    let _ = writeln!(
        out,
        "trials    {} (seeds {}..={last_seed}), at most {} rounds each",
        plan.trials, plan.run.seed, plan.max_rounds
    );
    const SHOWN: usize = 4;
    let mut actions: Vec<String> = plan
        .run
        .actions
        .iter()
        .take(SHOWN)
        .map(|a| match (a.round, c.seconds(a.round)) {
            (0, _) => format!("{} before round 1", a.command.label()),
            (_, Some(s)) => format!("{} at {s} s", a.command.label()),
            (r, None) => format!("{} after round {r}", a.command.label()),
        })
        .collect();
    if plan.run.actions.len() > SHOWN {
        actions.push(format!("{} more", plan.run.actions.len() - SHOWN));
    }
    let _ = writeln!(out, "actions   {}", actions.join("; "));
    let _ = writeln!(out, "converged {:.1}% of trials", converged * 100.0);
    if let Some(t) = theory_for(c) {
        let mut parts = Vec::new();
        if let Some(r) = t.mean_field_rounds {
            parts.push(format!("mean-field full spread in {r} rounds"));
        }
        if let Some(x) = t.log2_plus_ln {
            parts.push(format!("log2 N + ln N = {x:.2}"));
        }
        if let Some(s) = t.residue {
            parts.push(format!("residue s = exp(-(k+1)(1-s)) gives {s:.4}"));
        }
        let _ = writeln!(out, "theory    {}", parts.join("; "));
    }
    let _ = writeln!(
        out,
        "\n{:<9}{:>12}{:>12}{:>12}{:>12}{:>12}{:>12}",
        "", "mean", "sd", "min", "p50", "p95", "max"
    );
    let first = crate::report::time_measure(plan.unit());
    for (i, ((name, _), s)) in METRICS.iter().zip(summaries).enumerate() {
        let name = if i == 0 { first } else { name };
        let _ = writeln!(
            out,
            "{name:<9}{:>12.4}{:>12.4}{:>12.4}{:>12.4}{:>12.4}{:>12.4}",
            s.mean, s.sd, s.min, s.p50, s.p95, s.max
        );
    }
    if let Some(rows) = per_round {
        let _ = writeln!(
            out,
            "\n{:>6}{:>8}{:>10}{:>12}{:>12}{:>12}{:>10}{:>12}{:>12}{:>14}{:>10}",
            "round",
            "running",
            "informed",
            "unaware",
            "fresh",
            "stale",
            "dead",
            "messages",
            "updates",
            "bytes",
            "lost"
        );
        for m in rows {
            let _ = writeln!(
                out,
                "{:>6}{:>8}{:>10.4}{:>12.1}{:>12.1}{:>12.1}{:>10.1}{:>12.1}{:>12.1}{:>14.1}{:>10.1}",
                m.round,
                m.running,
                m.informed,
                m.unaware,
                m.fresh,
                m.stale,
                m.dead,
                m.messages,
                m.updates,
                m.bytes,
                m.lost
            );
        }
    }
    out
}
