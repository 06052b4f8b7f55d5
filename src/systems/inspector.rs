//! The inspector of the real-systems page: one member's list (state, incarnation, suspicion
//! timer, confirmations), its queue of updates with their remaining retransmits, its local
//! health, and the buttons that inject faults into it.

use gossip_engine::swim::formulas::retransmit_limit;
use gossip_engine::swim::{MemberState, SwimCommand, SwimSimulation};
use yew::prelude::*;

use super::model::Msg;
use super::scene::Process;
use super::texts as tx;
use crate::lang::Lang;
use crate::num::fixed;

/// List rows shown before "… and N more alive".
const ROWS: usize = 24;

/// One row of a member list.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    /// The member.
    pub member: u32,
    /// How this node holds it.
    pub state: MemberState,
    /// At which incarnation.
    pub incarnation: u32,
    /// A running suspicion: seconds left and (confirmations, k).
    pub suspicion: Option<(f64, u32, u32)>,
}

/// One queued update.
#[derive(Clone, Debug, PartialEq)]
pub struct Queued {
    /// "suspect 7 (inc 0)", "user event 2".
    pub what: String,
    /// Retransmits left before it leaves the queue.
    pub left: u32,
}

/// What the inspector shows of one member at the tick shown.
#[derive(Clone, Debug, PartialEq)]
pub struct NodeReport {
    /// The member.
    pub id: u32,
    /// Its own incarnation.
    pub incarnation: u32,
    /// Lifeguard's local health score (0 = healthy).
    pub awareness: u32,
    /// Its list, most interesting first (not alive, then by member).
    pub rows: Vec<Row>,
    /// Alive members not listed.
    pub more_alive: usize,
    /// Its queue.
    pub queue: Vec<Queued>,
}

impl NodeReport {
    /// Reads member `id` of `sim`.
    pub fn of(sim: &SwimSimulation, id: u32) -> Option<Self> {
        let node = sim.node(id)?;
        let tick_ms = f64::from(sim.config().tick_ms);
        let mut rows: Vec<Row> = (0..sim.nodes())
            .filter(|&m| m != id)
            .filter_map(|m| {
                let e = node.entry(m);
                (e.state() != MemberState::Unknown).then(|| Row {
                    member: m,
                    state: e.state(),
                    incarnation: e.incarnation(),
                    suspicion: node.suspicions.iter().find(|s| s.member == m).map(|s| {
                        let left = f64::from(s.deadline.saturating_sub(sim.tick())) * tick_ms;
                        (left / 1000.0, s.confirmations(), s.k)
                    }),
                })
            })
            .collect();
        rows.sort_by_key(|r| (r.state == MemberState::Alive, r.member));
        let alive = rows
            .iter()
            .filter(|r| r.state == MemberState::Alive)
            .count();
        let shown = rows.len().min(ROWS).max(rows.len() - alive);
        let more_alive = rows.len() - shown;
        rows.truncate(shown);
        let limit = retransmit_limit(sim.config().retransmit_mult, node.known);
        let queue = node
            .queue
            .items()
            .into_iter()
            .chain(node.events.items())
            .map(|q| Queued {
                what: tx::update_label(q.update),
                left: limit.saturating_sub(q.transmits),
            })
            .collect();
        Some(NodeReport {
            id,
            incarnation: node.incarnation(),
            awareness: node.awareness.score(),
            rows,
            more_alive,
            queue,
        })
    }
}

/// The inspector panel for `report`, with the fault buttons when the member can still take
/// them (a crashed member cannot be paused, a member cannot be killed twice).
pub fn inspector(
    lang: Lang,
    report: &NodeReport,
    process: Process,
    dispatch: &UseReducerDispatcher<super::model::Model>,
) -> Html {
    let id = report.id;
    let command = |c: SwimCommand| {
        let d = dispatch.clone();
        Callback::from(move |_: MouseEvent| d.dispatch(Msg::Command(c.clone())))
    };
    let gone = process.crashed || process.leaving;
    let button = |testid: &'static str,
                  label: &'static str,
                  title: &'static str,
                  c: SwimCommand| {
        html! {
            <button data-testid={testid} title={title} disabled={gone} onclick={command(c)}>{label}</button>
        }
    };
    let rows = report.rows.iter().map(|r| {
        // Confirmations only when some are wanted (k = 0 without Lifeguard's dynamic timeout).
        let timer = r.suspicion.map_or(String::new(), |(s, c, k)| match k {
            0 => format!("{} s", fixed(s, 1)),
            _ => format!("{} s · {c}/{k}", fixed(s, 1)),
        });
        html! {
            <tr class={tx::state_class(r.state)}>
                <td>{r.member}</td>
                <td>{tx::state_name(r.state).get(lang)}</td>
                <td>{r.incarnation}</td>
                <td>{timer}</td>
            </tr>
        }
    });
    let queue = if report.queue.is_empty() {
        html! { <p class="muted">{tx::QUEUE_EMPTY.get(lang)}</p> }
    } else {
        html! {
            <table class="swim-table" data-testid="queue">
                <thead><tr><th>{tx::UPDATE.get(lang)}</th><th>{tx::RETRANSMITS_LEFT.get(lang)}</th></tr></thead>
                <tbody>{ for report.queue.iter().map(|q| html! { <tr><td>{&q.what}</td><td>{q.left}</td></tr> }) }</tbody>
            </table>
        }
    };
    let condition = tx::process_words(process, lang);
    html! {
        <section class="swim-inspector" data-testid="swim-inspector" aria-live="polite">
            <h2>{format!("{} {id}", tx::MEMBER.get(lang))}</h2>
            <p class="muted">
                {format!("{} {} · {} {}", tx::INCARNATION.get(lang), report.incarnation,
                    tx::HEALTH.get(lang), report.awareness)}
                if !condition.is_empty() { {format!(" · {condition}")} }
            </p>
            <div class="swim-buttons">
                {button("kill", tx::KILL.get(lang), tx::KILL_TIP.get(lang), SwimCommand::Kill { node: id })}
                {button("pause", tx::PAUSE.get(lang), tx::PAUSE_TIP.get(lang), SwimCommand::Pause { node: id, ms: 3000 })}
                {button("slow", tx::SLOW.get(lang), tx::SLOW_TIP.get(lang), SwimCommand::Slow { node: id, ms: 20_000, extra_ms: 700 })}
                {button("leave", tx::LEAVE.get(lang), tx::LEAVE_TIP.get(lang), SwimCommand::Leave { node: id })}
                {button("event", tx::EVENT.get(lang), tx::EVENT_TIP.get(lang), SwimCommand::Inject { node: id })}
            </div>
            <h3>{tx::MEMBER_LIST.get(lang)}</h3>
            <table class="swim-table" data-testid="member-list">
                <thead><tr>
                    <th>{tx::MEMBER.get(lang)}</th><th>{tx::STATE.get(lang)}</th>
                    <th>{tx::INC_SHORT.get(lang)}</th><th>{tx::SUSPICION_TIMER.get(lang)}</th>
                </tr></thead>
                <tbody>{ for rows }</tbody>
            </table>
            if report.more_alive > 0 {
                <p class="muted">{tx::more_alive(report.more_alive, lang)}</p>
            }
            <h3>{tx::QUEUE.get(lang)}</h3>
            {queue}
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use gossip_engine::swim::{Preset, SwimConfig};

    /// A member that suspects another lists it first, with a running timer and its
    /// confirmations, and has the suspicion queued with retransmits left.
    #[test]
    fn a_suspicion_shows_its_timer_and_queue() {
        let mut sim = SwimSimulation::new(SwimConfig::preset(Preset::ConsulLan, 10), 4).unwrap();
        sim.apply(&SwimCommand::Kill { node: 6 }).unwrap();
        let report = loop {
            sim.step();
            let found = (0..10).find_map(|o| {
                let r = NodeReport::of(&sim, o)?;
                r.rows.first().filter(|row| row.suspicion.is_some())?;
                Some(r)
            });
            if let Some(r) = found {
                break r;
            }
            assert!(sim.tick() < 300, "nobody suspected the killed member");
        };
        let row = &report.rows[0];
        assert_eq!((row.member, row.state), (6, MemberState::Suspect));
        let (left, c, k) = row.suspicion.unwrap();
        assert!(left > 0.0 && c <= k, "{left} {c} {k}");
        assert!(
            report
                .queue
                .iter()
                .any(|q| q.what.contains('6') && q.left > 0)
        );
        assert_eq!(report.rows.len() + report.more_alive, 9);
    }
}
