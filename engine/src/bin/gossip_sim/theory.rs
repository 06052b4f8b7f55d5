//! `gossip-sim theory`: the numbers to compare runs with, from `gossip_engine::theory`.

use std::fmt::Write as _;

use gossip_engine::{Config, Mode, theory};
use serde::Serialize;

use crate::args::{Format, TheoryArgs};

const MODES: [Mode; 3] = [Mode::Push, Mode::Pull, Mode::PushPull];

#[derive(Serialize)]
struct Residue {
    k: u32,
    s: f64,
}

#[derive(Serialize)]
struct Curves {
    push: Vec<f64>,
    pull: Vec<f64>,
    #[serde(rename = "push-pull")]
    push_pull: Vec<f64>,
    logistic: Vec<f64>,
}

#[derive(Serialize)]
struct RoundsToFull {
    push: u32,
    pull: u32,
    #[serde(rename = "push-pull")]
    push_pull: u32,
}

#[derive(Serialize)]
struct TheoryReport {
    nodes: u32,
    fanout: u32,
    log2_plus_ln: f64,
    rounds_to_full: RoundsToFull,
    /// Expected informed fraction after rounds 0, 1, ... (mean-field, one initial node).
    curves: Curves,
    residue: Vec<Residue>,
}

/// The whole output, or the one-line error for bad input.
pub fn render(a: &TheoryArgs) -> Result<String, String> {
    // The engine's own checks give the same messages as `run` (e.g. fanout >= nodes).
    Config {
        nodes: a.nodes,
        fanout: a.fanout,
        ..Config::default()
    }
    .validate()
    .map_err(|e| e.to_string())?;
    let ks: Vec<u32> = if a.k.is_empty() {
        (1..=5).collect()
    } else {
        a.k.clone()
    };
    if let Some(&k) = ks.iter().find(|&&k| k == 0 || k > 1000) {
        return Err(format!("k = {k} is out of range: allowed 1..=1000"));
    }
    let (n, f) = (a.nodes, a.fanout);
    let full: Vec<u32> = MODES
        .iter()
        .map(|&m| theory::rounds_to_full(m, n, f))
        .collect();
    let rounds = a
        .rounds
        .unwrap_or(full.iter().copied().max().unwrap_or(0) + 3);
    let curve = |m| theory::informed_curve(m, n, f, 1, rounds);
    let report = TheoryReport {
        nodes: n,
        fanout: f,
        log2_plus_ln: theory::log2_plus_ln(n),
        rounds_to_full: RoundsToFull {
            push: full[0],
            pull: full[1],
            push_pull: full[2],
        },
        curves: Curves {
            push: curve(Mode::Push),
            pull: curve(Mode::Pull),
            push_pull: curve(Mode::PushPull),
            logistic: (0..=rounds)
                .map(|t| theory::logistic(n, f, f64::from(t)))
                .collect(),
        },
        residue: ks
            .iter()
            .map(|&k| Residue {
                k,
                s: theory::residue(k),
            })
            .collect(),
    };
    Ok(match a.format {
        Format::Json => {
            let mut s = serde_json::to_string_pretty(&report).expect("plain data serialises");
            s.push('\n');
            s
        }
        Format::Csv => {
            let mut s = String::from("round,push,pull,push_pull,logistic\n");
            let c = &report.curves;
            for t in 0..=rounds as usize {
                let _ = writeln!(
                    s,
                    "{t},{},{},{},{}",
                    c.push[t], c.pull[t], c.push_pull[t], c.logistic[t]
                );
            }
            s
        }
        Format::Table => table(&report),
    })
}

fn table(r: &TheoryReport) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "{} nodes, fanout {}, one informed node at round 0",
        r.nodes, r.fanout
    );
    let _ = writeln!(
        s,
        "log2 N + ln N = {:.2} rounds (push, fanout 1, Pittel 1987, up to O(1))",
        r.log2_plus_ln
    );
    let f = &r.rounds_to_full;
    let _ = writeln!(
        s,
        "mean-field rounds until < 0.5 node unaware: push {}, pull {}, push-pull {}",
        f.push, f.pull, f.push_pull
    );
    let _ = writeln!(
        s,
        "\nexpected informed fraction (mean-field recurrences; logistic: Serf's model)"
    );
    let _ = writeln!(
        s,
        "{:>6}{:>14}{:>14}{:>14}{:>14}",
        "round", "push", "pull", "push-pull", "logistic"
    );
    let c = &r.curves;
    for t in 0..c.push.len() {
        let _ = writeln!(
            s,
            "{t:>6}{:>14.6}{:>14.6}{:>14.6}{:>14.6}",
            c.push[t], c.pull[t], c.push_pull[t], c.logistic[t]
        );
    }
    let _ = writeln!(
        s,
        "\nrumor residue, root of s = exp(-(k+1)(1-s)) (Demers et al. 1987)"
    );
    let _ = writeln!(s, "{:>6}{:>14}", "k", "s");
    for x in &r.residue {
        let _ = writeln!(s, "{:>6}{:>14.6}", x.k, x.s);
    }
    s
}
