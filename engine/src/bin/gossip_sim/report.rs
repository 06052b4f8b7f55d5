//! Summarising trials and printing them as a table, one JSON object, or CSV.

use std::fmt::Write as _;

use gossip_engine::{
    Action, Config, Decay, Feedback, Mode, Protocol, Summary, TopologyConfig, theory,
};
use serde::Serialize;

use crate::args::Format;
use crate::plan::Plan;
use crate::trial::{Row, TrialResult};

/// Per-round means over trials. A trial that stopped keeps its final state (counts, informed
/// fraction) in later rounds and sends nothing.
#[derive(Clone, Debug, Default, Serialize)]
pub struct RoundMean {
    pub round: u32,
    /// Trials that actually ran this round.
    pub running: u32,
    /// Fraction of alive nodes that hold the message (membership: that consider the killed
    /// node failed).
    pub informed: f64,
    pub unaware: f64,
    pub fresh: f64,
    pub stale: f64,
    pub dead: f64,
    /// Legs sent in the round, every kind.
    pub messages: f64,
    /// Update legs (push and pull values).
    pub updates: f64,
    pub digest_bytes: f64,
    pub payload_bytes: f64,
    pub bytes: f64,
    pub lost: f64,
}

impl RoundMean {
    fn add_state(&mut self, r: &RoundMean) {
        self.informed += r.informed;
        self.unaware += r.unaware;
        self.fresh += r.fresh;
        self.stale += r.stale;
        self.dead += r.dead;
    }

    fn add_row(&mut self, r: &Row) {
        self.running += 1;
        self.add_state(&RoundMean::state_of(r));
        let t = r.traffic;
        self.messages += t.messages as f64;
        self.updates += t.updates as f64;
        self.digest_bytes += t.digest_bytes as f64;
        self.payload_bytes += t.payload_bytes as f64;
        self.lost += t.lost as f64;
    }

    fn state_of(r: &Row) -> RoundMean {
        RoundMean {
            informed: r.informed,
            unaware: f64::from(r.unaware),
            fresh: f64::from(r.fresh),
            stale: f64::from(r.stale),
            dead: f64::from(r.dead),
            ..RoundMean::default()
        }
    }
}

/// Accumulates per-round rows trial by trial, so rows need not be kept. Sums are taken in
/// trial order, which keeps the floating-point result independent of the thread count.
#[derive(Debug, Default)]
pub struct PerRound {
    sums: Vec<RoundMean>,
    /// `ended[i]`: summed final states of the trials whose last row was round i - 1.
    ended: Vec<RoundMean>,
}

impl PerRound {
    /// Adds one trial's rows (rounds 0, 1, ...).
    pub fn add(&mut self, rows: &[Row]) {
        if self.sums.len() < rows.len() {
            self.sums.resize(rows.len(), RoundMean::default());
        }
        for (s, r) in self.sums.iter_mut().zip(rows) {
            s.add_row(r);
        }
        if let Some(last) = rows.last() {
            if self.ended.len() <= rows.len() {
                self.ended.resize(rows.len() + 1, RoundMean::default());
            }
            self.ended[rows.len()].add_state(&RoundMean::state_of(last));
        }
    }

    /// The means over `trials` trials.
    pub fn finish(self, trials: u32) -> Vec<RoundMean> {
        let t = f64::from(trials.max(1));
        let mut carry = RoundMean::default();
        let mut out = self.sums;
        for (i, m) in out.iter_mut().enumerate() {
            if let Some(e) = self.ended.get(i) {
                carry.add_state(e);
            }
            m.add_state(&carry);
            m.round = i as u32;
            for v in [
                &mut m.informed,
                &mut m.unaware,
                &mut m.fresh,
                &mut m.stale,
                &mut m.dead,
                &mut m.messages,
                &mut m.updates,
                &mut m.digest_bytes,
                &mut m.payload_bytes,
                &mut m.lost,
            ] {
                *v /= t;
            }
            m.bytes = m.digest_bytes + m.payload_bytes;
        }
        out
    }
}

/// What the published analyses predict for this configuration, where they apply.
#[derive(Clone, Debug, Default, Serialize)]
struct Theory {
    /// Anti-entropy on the complete graph without loss: first round at which the mean-field
    /// recurrence leaves fewer than half a node unaware.
    #[serde(skip_serializing_if = "Option::is_none")]
    mean_field_rounds: Option<u32>,
    /// Anti-entropy: log2 N + ln N (Pittel 1987, push with fanout 1, up to O(1)).
    #[serde(skip_serializing_if = "Option::is_none")]
    log2_plus_ln: Option<f64>,
    /// Push rumor with feedback and coin, fanout 1: root of s = exp(-(k+1)(1-s)).
    #[serde(skip_serializing_if = "Option::is_none")]
    residue: Option<f64>,
}

fn theory_for(c: &Config) -> Option<Theory> {
    let ideal = c.topology == TopologyConfig::Complete && c.loss == 0.0;
    match &c.protocol {
        Protocol::AntiEntropy { mode, .. } => Some(Theory {
            mean_field_rounds: ideal.then(|| theory::rounds_to_full(*mode, c.nodes, c.fanout)),
            log2_plus_ln: Some(theory::log2_plus_ln(c.nodes)),
            residue: None,
        }),
        Protocol::Rumor {
            mode: Mode::Push,
            removal,
            repair_every: None,
        } if ideal
            && c.fanout == 1
            && removal.feedback == Feedback::Feedback
            && removal.decay == Decay::Coin =>
        {
            Some(Theory {
                residue: Some(theory::residue(removal.k)),
                ..Theory::default()
            })
        }
        _ => None,
    }
}

#[derive(Serialize)]
struct JsonReport<'a> {
    protocol: &'static str,
    config: &'a Config,
    seed: u64,
    trials: u32,
    max_rounds: u32,
    actions: &'a [Action],
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

/// Reads one measure from a trial.
type Measure = fn(&TrialResult) -> f64;

/// The measures in output order, with how to read each from a trial.
const METRICS: [(&str, Measure); 7] = [
    ("rounds", |r| r.rounds),
    ("residue", |r| r.residue),
    ("traffic", |r| r.traffic),
    ("t_avg", |r| r.t_avg),
    ("t_last", |r| r.t_last),
    ("messages", |r| r.messages),
    ("bytes", |r| r.bytes),
];

/// The whole output for `format`.
pub fn render(
    plan: &Plan,
    results: &[TrialResult],
    per_round: Option<&[RoundMean]>,
    format: Format,
) -> String {
    let summaries: Vec<Summary> = METRICS
        .iter()
        .map(|(_, get)| {
            let v: Vec<f64> = results.iter().map(get).collect();
            Summary::of(&v).unwrap_or(Summary {
                mean: 0.0,
                sd: 0.0,
                min: 0.0,
                p50: 0.0,
                p95: 0.0,
                max: 0.0,
            })
        })
        .collect();
    let converged =
        results.iter().filter(|r| r.converged).count() as f64 / results.len().max(1) as f64;
    match format {
        Format::Json => {
            let mut s = summaries.into_iter();
            let mut next = || s.next().expect("one summary per metric");
            let report = JsonReport {
                protocol: plan.config.protocol.kind().as_str(),
                config: &plan.config,
                seed: plan.seed,
                trials: plan.trials,
                max_rounds: plan.max_rounds,
                actions: &plan.actions,
                converged,
                rounds: next(),
                residue: next(),
                traffic: next(),
                t_avg: next(),
                t_last: next(),
                messages: next(),
                bytes: next(),
                theory: theory_for(&plan.config),
                per_round,
            };
            let mut out = serde_json::to_string_pretty(&report).expect("plain data serialises");
            out.push('\n');
            out
        }
        Format::Csv => match per_round {
            Some(rows) => csv_rounds(rows),
            None => csv_trials(results),
        },
        Format::Table => table(plan, &summaries, converged, per_round),
    }
}

fn csv_trials(results: &[TrialResult]) -> String {
    let mut out = String::from(
        "trial,seed,rounds,converged,residue,traffic,t_avg,t_last,messages,bytes,ran\n",
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

fn csv_rounds(rows: &[RoundMean]) -> String {
    let mut out = String::from(
        "round,running,informed,unaware,fresh,stale,dead,messages,updates,digest_bytes,payload_bytes,bytes,lost\n",
    );
    for m in rows {
        let _ = writeln!(
            out,
            "{},{},{},{},{},{},{},{},{},{},{},{},{}",
            m.round,
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
    }
    out
}

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

fn table(
    plan: &Plan,
    summaries: &[Summary],
    converged: f64,
    per_round: Option<&[RoundMean]>,
) -> String {
    let c = &plan.config;
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
    let last_seed = plan.trial_seed(plan.trials - 1);
    let _ = writeln!(
        out,
        "trials    {} (seeds {}..={last_seed}), at most {} rounds each",
        plan.trials, plan.seed, plan.max_rounds
    );
    const SHOWN: usize = 4;
    let mut actions: Vec<String> = plan
        .actions
        .iter()
        .take(SHOWN)
        .map(|a| match a.round {
            0 => format!("{} before round 1", a.command.label()),
            r => format!("{} after round {r}", a.command.label()),
        })
        .collect();
    if plan.actions.len() > SHOWN {
        actions.push(format!("{} more", plan.actions.len() - SHOWN));
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
    for ((name, _), s) in METRICS.iter().zip(summaries) {
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
