//! Builds the canvas [`Scene`] from the app state: what each node looks like, which contacts
//! to animate, which nodes pulse. Pure data; the painter draws it.

use std::rc::Rc;

use gossip_engine::topology::{TopologyConfig, is_leader};
use gossip_engine::{Belief, Contact, MessageState, Protocol, Simulation};

use crate::palette::message_colour;
use crate::render::canvas::{Look, Scene};
use crate::render::layout;
use crate::state::AppState;

/// Most contacts animated in one round: beyond this they are sampled evenly, so frames stay
/// smooth at N = 10,000.
pub const MAX_ANIMATED: usize = 700;

/// Positions, edges and node size for a cluster: computed once per topology and size.
#[derive(Debug, PartialEq)]
pub struct Layout {
    /// Node positions in the unit square.
    pub positions: Rc<Vec<(f32, f32)>>,
    /// Drawn edges.
    pub edges: Rc<Vec<(u32, u32)>>,
    /// Node radius in unit-square units.
    pub radius: f32,
}

impl Layout {
    /// The layout of `sim`'s cluster.
    pub fn of(sim: &Simulation) -> Self {
        let positions = layout::positions(&sim.config().topology, sim.topology());
        let n = positions.len();
        // Radius: a third of the closest spacing, measured exactly for small N.
        let spacing = if n <= 700 {
            let mut best = f32::MAX;
            for i in 0..n {
                for j in i + 1..n {
                    let (dx, dy) = (
                        positions[i].0 - positions[j].0,
                        positions[i].1 - positions[j].1,
                    );
                    best = best.min(dx * dx + dy * dy);
                }
            }
            best.sqrt()
        } else {
            0.9 * (0.7 / n as f32).sqrt()
        };
        let edges = if sim.topology().is_explicit() {
            sim.topology().edges()
        } else {
            Vec::new()
        };
        Layout {
            positions: Rc::new(positions),
            edges: Rc::new(edges),
            radius: (spacing * 0.36).clamp(0.0015, 0.032),
        }
    }
}

/// Evenly spaced sample of at most `max` contacts, keeping every lost one that fits.
pub fn sample(contacts: &[Contact], max: usize) -> Vec<Contact> {
    if contacts.len() <= max {
        return contacts.to_vec();
    }
    let stride = contacts.len().div_ceil(max);
    contacts.iter().step_by(stride).copied().collect()
}

/// How each node looks: under membership its belief about `subject` (failed looks fresh,
/// forgotten looks stale), otherwise its state for `message`; dead nodes look dead. The graph,
/// the legend and the knowledge heatmap read the same marks.
pub fn looks(sim: &Simulation, message: Option<u32>, subject: Option<u32>) -> Vec<Look> {
    let membership = matches!(sim.config().protocol, Protocol::Membership { .. });
    let beliefs = match subject {
        Some(s) if membership && s < sim.nodes() => sim.beliefs(s),
        _ => Vec::new(),
    };
    (0..sim.nodes())
        .map(|i| {
            if !sim.is_alive(i) {
                return Look::Dead;
            }
            if membership {
                return match beliefs.get(i as usize) {
                    Some(Belief::Failed) => Look::Fresh,
                    Some(Belief::Forgotten) => Look::Stale,
                    _ => Look::Unaware,
                };
            }
            match message.map(|m| sim.state(m, i)) {
                Some(MessageState::Fresh) => Look::Fresh,
                Some(MessageState::Stale) => Look::Stale,
                _ => Look::Unaware,
            }
        })
        .collect()
}

/// The scene for the current state.
pub fn build(st: &AppState, layout: &Layout, motion: bool) -> Scene {
    let t = st.timeline.borrow();
    let sim = t.sim();
    let n = sim.nodes() as usize;
    let membership = matches!(sim.config().protocol, Protocol::Membership { .. });
    let subject = st.subject.filter(|&s| (s as usize) < n);
    let looks = looks(sim, st.message, subject);
    let report = &st.report;
    let current = report.round == sim.round() && report.round > 0;
    // Under latency, each update on the wire moves along its way by one tick's share per
    // step (not at all after a seek, which has no step to animate).
    let latency = sim.config().has_latency();
    let now = sim.round();
    let wire: Vec<(u32, u32, f32, f32)> = match st.message {
        Some(m) if latency => sim
            .wire(m)
            .take(MAX_ANIMATED)
            .map(|w| {
                let way = (w.due - w.sent).max(1) as f32;
                let end = (now + 1 - w.sent) as f32 / way;
                let start = if current { end - 1.0 / way } else { end };
                (w.from, w.to, start.max(0.0), end.min(1.0))
            })
            .collect(),
        _ => Vec::new(),
    };
    // Each changed node with its look before the round (as `looks` maps states to looks).
    let pulses = if !current {
        Vec::new()
    } else if membership {
        report
            .detections
            .iter()
            .filter(|d| Some(d.subject) == subject)
            .map(|d| {
                let before = match d.belief {
                    Belief::Failed => Look::Unaware,
                    Belief::Forgotten => Look::Fresh,
                    Belief::Alive | Belief::Unknown => looks[d.observer as usize],
                };
                (d.observer, before)
            })
            .collect()
    } else {
        report
            .changes
            .iter()
            .filter(|c| Some(c.message) == st.message)
            .map(|c| {
                let before = match c.before {
                    MessageState::Fresh => Look::Fresh,
                    MessageState::Stale => Look::Stale,
                    MessageState::Unaware => Look::Unaware,
                };
                (c.node, before)
            })
            .collect()
    };
    Scene {
        positions: layout.positions.clone(),
        radius: layout.radius,
        edges: layout.edges.clone(),
        looks,
        pulses,
        contacts: if current {
            let mut c = sample(&report.contacts, MAX_ANIMATED);
            if !wire.is_empty() || latency {
                // Updates that take time travel on the wire instead (below).
                c.retain(|c| !(c.delivered && c.kind.carries_updates()));
            }
            c
        } else {
            Vec::new()
        },
        wire,
        // Under latency an update's dot reached its node during earlier steps, on the wire.
        landed: latency,
        selected: st.selected,
        subject: if membership { subject } else { None },
        groups: sim.partition().map(|g| g.to_vec()),
        leaders: match sim.config().topology {
            TopologyConfig::Hierarchical { group_size } => (0..sim.nodes())
                .filter(|&i| is_leader(i, group_size))
                .collect(),
            _ => Vec::new(),
        },
        accent: st.message.map_or("#E69F00", message_colour),
        motion,
    }
}

/// A one-sentence description of the picture, for screen readers.
pub fn describe(st: &AppState) -> String {
    let t = st.timeline.borrow();
    let sim = t.sim();
    let counts = st
        .message
        .and_then(|m| sim.counts(m))
        .map(|c| (c.fresh, c.stale, c.unaware, c.dead));
    crate::i18n::cluster_description(st.lang, sim.nodes(), sim.round(), counts)
}
