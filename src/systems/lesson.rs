//! What a lesson of the real-systems page is: texts in both languages and the scenarios of
//! its buttons. The lessons themselves live in `lessons` and `lessons_who`, which both build
//! on this file (and on its test helpers) without importing each other's.

use super::scenario::SwimScenario;
use crate::i18n::Text;

/// A variant button: its label and the scenario it loads. (An alias, for clippy's
/// `type_complexity`; the field's type is `&'static [(Text, fn() -> SwimScenario)]`.)
pub type SwimVariant = (Text, fn() -> SwimScenario);

/// One lesson of the real-systems page.
#[derive(Clone, Copy, Debug)]
pub struct SwimLesson {
    /// Short stable name (for links, files and tests).
    pub slug: &'static str,
    /// Title, in the picker and on the card.
    pub title: Text,
    /// The explanation, one paragraph each.
    pub body: &'static [Text],
    /// What to watch for.
    pub watch: Text,
    /// What to try next, naming the page's controls.
    pub next: Text,
    /// Buttons that load the same lesson another way (first is the default), e.g. "Lifeguard on" / "Lifeguard off".
    pub variants: &'static [SwimVariant],
}

impl SwimLesson {
    /// The scenario the picker loads: the first variant's.
    pub fn opening(&self) -> SwimScenario {
        (self.variants[0].1)()
    }
}

/// Runs a lesson's scenarios in tests, for `lessons` and `lessons_who` alike.
#[cfg(test)]
pub(crate) mod testing {
    use gossip_engine::swim::{SwimEvent, SwimSimulation};

    use super::*;

    /// A run and every event it recorded, with its tick.
    pub(crate) struct Run {
        pub(crate) sim: SwimSimulation,
        pub(crate) events: Vec<(u32, SwimEvent)>,
    }

    impl Run {
        pub(crate) fn confirms(&self) -> impl Iterator<Item = (u32, u32, u32)> + '_ {
            self.events.iter().filter_map(|&(t, e)| match e {
                SwimEvent::Confirm {
                    observer, member, ..
                } => Some((t, observer, member)),
                _ => None,
            })
        }

        pub(crate) fn refutes(&self) -> impl Iterator<Item = (u32, u32, u32)> + '_ {
            self.events.iter().filter_map(|&(t, e)| match e {
                SwimEvent::Refute {
                    member,
                    incarnation,
                } => Some((t, member, incarnation)),
                _ => None,
            })
        }
    }

    /// Runs `s` until `until` ticks have run, each command applied just before its tick.
    pub(crate) fn run(s: &SwimScenario, until: u32) -> Run {
        run_with(s, until, |_| {})
    }

    /// [`run`], showing the simulation to `each` after every tick.
    pub(crate) fn run_with(
        s: &SwimScenario,
        until: u32,
        mut each: impl FnMut(&SwimSimulation),
    ) -> Run {
        let mut sim = SwimSimulation::new(s.config.clone(), s.seed).expect("a valid config");
        let mut events = Vec::new();
        let mut next = 0;
        while sim.tick() < until {
            while let Some(a) = s.actions.get(next).filter(|a| a.tick == sim.tick()) {
                sim.apply(&a.command).expect("a valid command");
                next += 1;
            }
            let report = sim.step();
            events.extend(report.events.into_iter().map(|e| (report.tick, e)));
            each(&sim);
        }
        Run { sim, events }
    }

    /// Every text of a lesson, English and Chinese apart.
    pub(crate) fn texts(l: &SwimLesson) -> (String, String) {
        let all: Vec<Text> = [l.title, l.watch, l.next]
            .into_iter()
            .chain(l.body.iter().copied())
            .chain(l.variants.iter().map(|v| v.0))
            .collect();
        let en = all.iter().map(|t| t.0).collect::<Vec<_>>().join("\n");
        let zh = all.iter().map(|t| t.1).collect::<Vec<_>>().join("\n");
        (en, zh)
    }
}
