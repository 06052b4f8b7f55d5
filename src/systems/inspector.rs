//! The inspector of the real-systems page: one member's report (`node_report`) on screen,
//! and the buttons that inject faults into it.

use gossip_engine::swim::SwimCommand;
use yew::prelude::*;

use super::model::Msg;
use super::node_report::NodeReport;
use super::scene::Process;
use super::texts as tx;
use crate::lang::Lang;
use crate::num::fixed;

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
