//! The time-space diagram's data: for the first [`MAX_LINES`] nodes, every leg sent between two
//! of them, round by round, read by replaying the run with recording on. Reading can be
//! extended as the run grows, so the diagram keeps up with a playing run.

use gossip_engine::{ContactKind, Result, Scenario, Timeline};

/// Most nodes drawn (one line each): beyond it only nodes 0 to 49 are.
pub const MAX_LINES: u32 = 50;
/// Node-rounds replayed per slice of work.
const SLICE_WORK: u64 = 100_000;

/// One leg between two drawn nodes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Leg {
    /// Sender.
    pub from: u32,
    /// Receiver.
    pub to: u32,
    /// What it carries.
    pub kind: ContactKind,
    /// False if lost.
    pub delivered: bool,
    /// True if it taught the receiver something.
    pub useful: bool,
    /// Under latency, the ticks after its own that it takes to land (0: within its tick).
    pub lands: u32,
}

/// Replays a run and keeps the legs among the drawn nodes, per round.
pub struct Spacetime {
    timeline: Timeline,
    /// Drawn nodes: 0 to `lines - 1`.
    pub lines: u32,
    /// `legs[r - 1]`: the legs of round `r`.
    pub legs: Vec<Vec<Leg>>,
    /// The round to read up to.
    target: u32,
}

impl Spacetime {
    /// Starts reading `scenario` (its whole log) from round 0 up to `target`.
    pub fn new(scenario: &Scenario, target: u32) -> Result<Self> {
        let start = Scenario {
            round: 0,
            ..scenario.clone()
        };
        let mut timeline = Timeline::from_scenario(&start)?;
        timeline.set_recording(true);
        let lines = timeline.sim().nodes().min(MAX_LINES);
        Ok(Spacetime {
            timeline,
            lines,
            legs: Vec::new(),
            target,
        })
    }

    /// Reads on to `target` too (the run has grown; its past is unchanged).
    pub fn extend_to(&mut self, target: u32) {
        self.target = self.target.max(target);
    }

    /// The last round read.
    pub fn read(&self) -> u32 {
        self.timeline.round()
    }

    /// Whether every round up to the target is read.
    pub fn done(&self) -> bool {
        self.timeline.round() >= self.target
    }

    /// Replays one slice of rounds; returns whether reading is done.
    pub fn advance(&mut self) -> bool {
        let per_slice = (SLICE_WORK / u64::from(self.timeline.sim().nodes().max(1))).max(1);
        for _ in 0..per_slice {
            if self.done() {
                break;
            }
            let report = self.timeline.step();
            let lines = self.lines;
            let sim = self.timeline.sim();
            let tick = sim.round();
            // Updates sent this tick that are still on the wire: (from, to) → landing tick.
            let wire: Vec<_> = sim
                .message_ids()
                .flat_map(|m| sim.wire(m))
                .filter(|w| w.sent == tick && w.from < lines && w.to < lines)
                .collect();
            let lands = |from, to| {
                wire.iter()
                    .find(|w| w.from == from && w.to == to)
                    .map_or(0, |w| w.due - tick)
            };
            self.legs.push(
                report
                    .contacts
                    .iter()
                    .filter(|c| c.from < lines && c.to < lines)
                    .map(|c| Leg {
                        from: c.from,
                        to: c.to,
                        kind: c.kind,
                        delivered: c.delivered,
                        useful: c.useful,
                        lands: if c.delivered && c.kind.carries_updates() {
                            lands(c.from, c.to)
                        } else {
                            0
                        },
                    })
                    .collect(),
            );
        }
        self.done()
    }
}

#[cfg(test)]
mod tests {
    use gossip_engine::{Command, Config, TimedCommand};

    use super::*;

    /// A scenario of `config` and `seed` whose log injects a message at node 0 first.
    fn injected(config: Config, seed: u64) -> Scenario {
        let mut s = Scenario::new(config, seed);
        s.actions = vec![TimedCommand {
            round: 0,
            command: Command::Inject {
                node: 0,
                id: None,
                content: "x".into(),
            },
        }];
        s
    }

    #[test]
    fn legs_are_the_recorded_contacts_among_the_drawn_nodes() {
        let s = injected(
            Config {
                nodes: 80,
                fanout: 2,
                ..Config::default()
            },
            4,
        );
        let mut st = Spacetime::new(&s, 6).expect("valid");
        while !st.advance() {}
        assert_eq!((st.lines, st.legs.len()), (50, 6));
        let mut t = Timeline::from_scenario(&s).expect("valid");
        t.set_recording(true);
        for legs in &st.legs {
            let report = t.step();
            let expected: Vec<_> = report
                .contacts
                .iter()
                .filter(|c| c.from < 50 && c.to < 50)
                .map(|c| (c.from, c.to, c.delivered))
                .collect();
            let got: Vec<_> = legs.iter().map(|l| (l.from, l.to, l.delivered)).collect();
            assert_eq!(got, expected);
        }
        // Reading on after the run grew.
        st.extend_to(9);
        while !st.advance() {}
        assert_eq!(st.legs.len(), 9);
    }

    #[test]
    fn under_latency_an_update_lands_ticks_later() {
        use gossip_engine::round_time::RoundTime;
        use gossip_engine::time::{Latency, LatencyDist};
        let s = injected(
            Config {
                nodes: 2,
                time: Some(RoundTime {
                    tick_ms: 100,
                    interval: 10,
                    latency: Latency {
                        dist: LatencyDist::Constant,
                        mean_ms: 250.0,
                    },
                }),
                ..Config::default()
            },
            1,
        );
        let mut st = Spacetime::new(&s, 12).expect("valid");
        while !st.advance() {}
        let push = st.legs[9]
            .iter()
            .find(|l| l.from == 0)
            .expect("node 0 pushes at tick 10");
        assert_eq!(push.lands, 3, "250 ms on 100 ms ticks");
    }
}
