//! The chart of the real-systems page: for one member, how many acting members hold it
//! alive, suspect or dead over time, in seconds; once it has been confirmed dead, Serf's
//! convergence model (the curve of Serf's convergence simulator) drawn from that moment for
//! comparison, with the run's own N, `GossipNodes`, `GossipInterval` and loss.

use gossip_engine::swim::{MemberState, SwimConfig};
use gossip_engine::theory::SerfModel;
use yew::prelude::*;

use super::scene::{ALIVE, LEFT, SUSPECT};
use super::tally::Counts;
use super::texts as tx;
use crate::lang::Lang;
use crate::num::fixed;

const W: f64 = 640.0;
const H: f64 = 190.0;
const PAD_L: f64 = 40.0;
const PAD_B: f64 = 24.0;
const PAD_T: f64 = 10.0;

/// Serf's predicted count of members holding the member dead, `x` seconds after its first
/// confirm: `(others) · converged(x / interval)`.
pub fn serf_dead(config: &SwimConfig, others: f64, x: f64) -> f64 {
    let model = SerfModel {
        nodes: config.nodes.max(1),
        fanout: config.gossip_nodes.max(1),
        interval_s: f64::from(config.gossip_interval_ms.max(1)) / 1000.0,
        loss: config.loss,
        failed: 1.0 / f64::from(config.nodes.max(1)),
    };
    others * model.converged(x / model.interval_s)
}

/// Vertical lines and labels every 1, 2, 5, 10, 20, 30, 60, 120 or 300 s, the first of those
/// that draws at most 8 of them over `seconds`; `x` maps a tick to its abscissa, `ys` holds the
/// lines' top and bottom and the labels' baseline. Both real-time pages' charts use it.
pub fn seconds_grid(
    seconds: f64,
    tick_s: f64,
    (top, bottom, label): (f64, f64, f64),
    x: impl Fn(f64) -> f64,
) -> Html {
    let step = [1.0, 2.0, 5.0, 10.0, 20.0, 30.0, 60.0, 120.0]
        .into_iter()
        .find(|s| seconds / s <= 8.0)
        .unwrap_or(300.0);
    html! {
        { for (0..=((seconds / step) as u32)).map(|i| {
            let s = f64::from(i) * step;
            let gx = x(s / tick_s);
            html! {
                <g>
                    <line x1={format!("{gx:.1}")} x2={format!("{gx:.1}")} y1={top.to_string()}
                        y2={bottom.to_string()} class="grid" />
                    <text x={format!("{gx:.1}")} y={label.to_string()} class="tick-label">{fixed(s, 0)}</text>
                </g>
            }
        }) }
    }
}

/// The chart for `member`, whose counts at every recorded tick are `history`.
pub fn chart(
    lang: Lang,
    member: u32,
    history: &[Counts],
    now: u32,
    tick_s: f64,
    config: &SwimConfig,
) -> Html {
    let ticks = history.len().max(2) as f64 - 1.0;
    let top = history
        .iter()
        .map(|c| c[1..].iter().map(|&v| u32::from(v)).sum::<u32>())
        .max()
        .unwrap_or(1)
        .max(1) as f64;
    let x = |t: f64| PAD_L + t / ticks * (W - PAD_L - 8.0);
    let y = |v: f64| H - PAD_B - v / top * (H - PAD_B - PAD_T);
    let line = |state: MemberState| {
        history
            .iter()
            .enumerate()
            .map(|(t, c)| format!("{:.1},{:.1}", x(t as f64), y(f64::from(c[state as usize]))))
            .collect::<Vec<_>>()
            .join(" ")
    };
    let first_dead = history
        .iter()
        .position(|c| c[MemberState::Dead as usize] > 0);
    let serf = first_dead.map(|d| {
        let others = top;
        (d..history.len())
            .map(|t| {
                let secs = (t - d) as f64 * tick_s;
                format!(
                    "{:.1},{:.1}",
                    x(t as f64),
                    y(serf_dead(config, others, secs))
                )
            })
            .collect::<Vec<_>>()
            .join(" ")
    });
    let grid = seconds_grid(ticks * tick_s, tick_s, (PAD_T, H - PAD_B, H - 8.0), x);
    let cursor = x(f64::from(now));
    let series = [
        (MemberState::Alive, ALIVE),
        (MemberState::Suspect, SUSPECT),
        (MemberState::Dead, "#5f6b76"),
        (MemberState::Left, LEFT),
    ];
    html! {
        <figure class="swim-chart" data-testid="swim-chart">
            <figcaption>
                {format!("{} {member}", tx::CHART_TITLE.get(lang))}
                { for series.iter().map(|(s, c)| html! {
                    <span class="key"><svg width="18" height="8"><line x1="0" x2="18" y1="4" y2="4" stroke={*c} stroke-width="3"/></svg>
                    {tx::state_name(*s).get(lang)}</span>
                }) }
                if serf.is_some() {
                    <span class="key"><svg width="18" height="8"><line x1="0" x2="18" y1="4" y2="4" class="serf"/></svg>
                    {tx::SERF_CURVE.get(lang)}</span>
                }
            </figcaption>
            <svg viewBox={format!("0 0 {W} {H}")} role="img"
                aria-label={format!("{} {member}", tx::CHART_TITLE.get(lang))}>
                { grid }
                <text x="4" y={(PAD_T + 8.0).to_string()} class="tick-label start">{fixed(top, 0)}</text>
                <text x="4" y={(H - PAD_B).to_string()} class="tick-label start">{"0"}</text>
                <text x={(W - 8.0).to_string()} y={(H - 8.0).to_string()} class="tick-label end">{tx::SECONDS.get(lang)}</text>
                { for series.iter().map(|(s, c)| html! {
                    <polyline points={line(*s)} fill="none" stroke={*c} stroke-width="2.5" data-state={tx::state_class(*s)} />
                }) }
                if let Some(points) = serf {
                    <polyline points={points} fill="none" class="serf" data-testid="serf-curve" />
                }
                <line x1={format!("{cursor:.1}")} x2={format!("{cursor:.1}")} y1={PAD_T.to_string()}
                    y2={(H - PAD_B).to_string()} class="cursor" />
            </svg>
        </figure>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use gossip_engine::swim::Preset;

    /// Serf's curve starts near zero, passes half the members within a few gossip intervals
    /// and ends at all of them, as its simulator draws it.
    #[test]
    fn serf_curve_rises_from_nought_to_everyone() {
        let c = SwimConfig::preset(Preset::ConsulLan, 50);
        assert!(serf_dead(&c, 49.0, 0.0) < 1.0);
        assert!(serf_dead(&c, 49.0, 30.0) > 48.9);
        let half = (0..100)
            .map(|i| f64::from(i) * 0.2)
            .find(|&s| serf_dead(&c, 49.0, s) > 24.5);
        assert!(half.is_some_and(|s| s < 5.0), "{half:?}");
    }
}
