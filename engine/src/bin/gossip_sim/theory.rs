//! `gossip-sim theory`: the numbers to compare runs with, from `gossip_engine::theory`.
//! `gossip-sim theory --model serf`: Serf's convergence model alone.

use std::fmt::Write as _;

use gossip_engine::theory::SerfModel;
use gossip_engine::{Config, Mode, theory};
use serde::Serialize;

use crate::args::{Format, TheoryArgs, TheoryModel};

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
    /// Serf's convergence model with this fanout, no loss and no failures, per gossip
    /// interval.
    serf: Vec<f64>,
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
    if a.model == Some(TheoryModel::Serf) {
        return render_serf(a);
    }
    let fanout = a.fanout.unwrap_or(1);
    // The engine's own checks give the same messages as `run` (e.g. fanout >= nodes).
    Config {
        nodes: a.nodes,
        fanout,
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
    let (n, f) = (a.nodes, fanout);
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
            serf: {
                let serf = SerfModel {
                    nodes: n,
                    fanout: f,
                    ..SerfModel::default()
                };
                (0..=rounds).map(|t| serf.converged(f64::from(t))).collect()
            },
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
            let mut s = String::from("round,push,pull,push_pull,serf\n");
            let c = &report.curves;
            for t in 0..=rounds as usize {
                let _ = writeln!(
                    s,
                    "{t},{},{},{},{}",
                    c.push[t], c.pull[t], c.push_pull[t], c.serf[t]
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
        "\nexpected informed fraction (mean-field recurrences; serf: Serf's convergence model, \
         no loss or failures)"
    );
    let _ = writeln!(
        s,
        "{:>6}{:>14}{:>14}{:>14}{:>14}",
        "round", "push", "pull", "push-pull", "serf"
    );
    let c = &r.curves;
    for t in 0..c.push.len() {
        let _ = writeln!(
            s,
            "{t:>6}{:>14.6}{:>14.6}{:>14.6}{:>14.6}",
            c.push[t], c.pull[t], c.push_pull[t], c.serf[t]
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

/// `theory --model serf --format json`.
#[derive(Serialize)]
struct SerfReport {
    /// Seconds until 99.99 % converged; null if the curve stopped at 100 points below it.
    converge_s: Option<f64>,
    /// Gossip intervals until 99.99 % converged; null as above.
    rounds: Option<u32>,
    /// Estimated max bandwidth, kilobits (of 1024 bits) per second per node, to one decimal
    /// as Serf's page shows it.
    kbps_per_node: f64,
    /// Converged fraction after 0, 1, 2, ... gossip intervals (point x at x · interval s).
    curve: Vec<f64>,
}

/// Serf's convergence model (`gossip_engine::theory::SerfModel`), with Serf's defaults for
/// the flags not given.
fn render_serf(a: &TheoryArgs) -> Result<String, String> {
    let d = SerfModel::default();
    let m = SerfModel {
        nodes: a.nodes,
        fanout: a.fanout.unwrap_or(d.fanout),
        interval_s: a.interval.unwrap_or(d.interval_s),
        loss: a.loss.unwrap_or(d.loss),
        failed: a.failed.unwrap_or(d.failed),
    };
    m.validate().map_err(|e| e.to_string())?;
    let r = SerfReport {
        converge_s: m.converge_s(),
        rounds: m.rounds(),
        kbps_per_node: m.kbps_per_node(),
        curve: m.curve(),
    };
    Ok(match a.format {
        Format::Json => {
            let mut s = serde_json::to_string_pretty(&r).expect("plain data serialises");
            s.push('\n');
            s
        }
        Format::Csv => {
            let mut s = String::from("round,time_s,converged\n");
            for (x, c) in r.curve.iter().enumerate() {
                let _ = writeln!(s, "{x},{},{c}", time_s(x, m.interval_s));
            }
            s
        }
        Format::Table => serf_table(&m, &r),
    })
}

/// x · interval, rounded to the nanosecond as `SerfModel::converge_s` is.
fn time_s(x: usize, interval_s: f64) -> f64 {
    (x as f64 * interval_s * 1e9).round() / 1e9
}

fn serf_table(m: &SerfModel, r: &SerfReport) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "Serf's convergence model (Serf's convergence simulator): {} nodes, fanout {}, \
         gossip interval {} s, loss {}, failed {}",
        m.nodes, m.fanout, m.interval_s, m.loss, m.failed
    );
    let _ = writeln!(
        s,
        "contact = (fanout/N)(1 - loss)(1 - failed)*0.5 = {:.6}; \
         converged(x) = 1/(1 + (N+1)*exp(-contact*N*x))",
        m.contact()
    );
    match (r.rounds, r.converge_s) {
        (Some(x), Some(t)) => {
            let _ = writeln!(
                s,
                "converged (>= 99.99%) after {x} gossip intervals = {t} s"
            );
        }
        _ => {
            let _ = writeln!(
                s,
                "not converged to 99.99% within {} gossip intervals (Serf's limit)",
                SerfModel::MAX_POINTS
            );
        }
    }
    let _ = writeln!(
        s,
        "estimated max bandwidth: {:.1} kbps/node ({} B/s: 1400-byte packets x fanout / \
         interval x 2)",
        r.kbps_per_node,
        m.bytes_per_s()
    );
    let _ = writeln!(s, "\n{:>6}{:>12}{:>14}", "round", "time_s", "converged");
    for (x, c) in r.curve.iter().enumerate() {
        let _ = writeln!(
            s,
            "{x:>6}{:>12}{:>13.4}%",
            time_s(x, m.interval_s),
            100.0 * c
        );
    }
    s
}
