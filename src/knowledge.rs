//! Who knew what, and when: every node's mark (the graph's looks) at every round of the run
//! so far, for the shown message, or under membership each node's belief about the followed
//! node. Built by replaying the run on a scratch timeline a few rounds at a time, so the page
//! keeps drawing while a long run is read.

use gossip_engine::{Command, Result, Scenario, Timeline};

use crate::render::canvas::Look;
use crate::scene::looks;

/// Most rows: beyond it nodes share a row, drawn as the mix of their marks.
pub const MAX_ROWS: u32 = 160;
/// Most columns: beyond it a column stands for several rounds (the first of them is sampled).
pub const MAX_COLUMNS: u32 = 400;
/// Node-rounds replayed per slice of work (about 5–10 ms in the browser).
const SLICE_WORK: u64 = 200_000;

/// The table so far: per column (a round), per row (a group of nodes), how many nodes of the
/// row look unaware, fresh, stale and dead. Nodes not yet joined count nowhere.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Knowledge {
    /// Nodes at the last round (a join adds one).
    pub nodes: u32,
    /// Rows of the table.
    pub rows: u32,
    /// Rounds per column.
    pub stride: u32,
    /// Rounds the finished table covers: 0 to this one.
    pub last_round: u32,
    /// The columns computed so far.
    pub columns: Vec<Vec<[u16; 4]>>,
}

impl Knowledge {
    /// The row of `node`.
    pub fn row_of(&self, node: u32) -> u32 {
        (u64::from(node) * u64::from(self.rows) / u64::from(self.nodes.max(1))) as u32
    }

    /// The first node of `row`.
    pub fn first_node(&self, row: u32) -> u32 {
        (u64::from(row) * u64::from(self.nodes)).div_ceil(u64::from(self.rows.max(1))) as u32
    }

    /// The round column `col` shows.
    pub fn round_of(&self, col: u32) -> u32 {
        col * self.stride
    }

    /// How many columns the finished table has.
    pub fn column_count(&self) -> u32 {
        self.last_round / self.stride + 1
    }
}

/// Builds a [`Knowledge`] slice by slice.
pub struct Builder {
    timeline: Timeline,
    message: Option<u32>,
    subject: Option<u32>,
    table: Knowledge,
    done: bool,
}

impl Builder {
    /// Starts reading `scenario` (its whole action log) from round 0 up to `last_round`.
    pub fn new(
        scenario: &Scenario,
        last_round: u32,
        message: Option<u32>,
        subject: Option<u32>,
    ) -> Result<Self> {
        let start = Scenario {
            round: 0,
            ..scenario.clone()
        };
        let mut timeline = Timeline::from_scenario(&start)?;
        timeline.set_recording(false);
        let joins = scenario
            .actions
            .iter()
            .filter(|a| a.round <= last_round && matches!(a.command, Command::Join { .. }))
            .count() as u32;
        let nodes = timeline.sim().nodes() + joins;
        let table = Knowledge {
            nodes,
            rows: nodes.clamp(1, MAX_ROWS),
            stride: (last_round + 1).div_ceil(MAX_COLUMNS).max(1),
            last_round,
            columns: Vec::new(),
        };
        let mut b = Builder {
            timeline,
            message,
            subject,
            table,
            done: false,
        };
        b.sample();
        b.done = last_round == 0;
        Ok(b)
    }

    /// The table so far.
    pub fn knowledge(&self) -> &Knowledge {
        &self.table
    }

    /// Whether the table is finished.
    pub fn done(&self) -> bool {
        self.done
    }

    /// Replays one slice of rounds; returns whether the table is finished.
    pub fn advance(&mut self) -> bool {
        let per_slice = (SLICE_WORK / u64::from(self.table.nodes.max(1))).max(1);
        for _ in 0..per_slice {
            if self.done {
                break;
            }
            self.timeline.step();
            let r = self.timeline.round();
            if r % self.table.stride == 0 {
                self.sample();
            }
            self.done = r >= self.table.last_round;
        }
        self.done
    }

    /// Adds the column of the timeline's current round.
    fn sample(&mut self) {
        let sim = self.timeline.sim();
        let mut column = vec![[0u16; 4]; self.table.rows as usize];
        for (node, look) in looks(sim, self.message, self.subject).iter().enumerate() {
            let row = self.table.row_of(node as u32).min(self.table.rows - 1) as usize;
            let k = match look {
                Look::Unaware => 0,
                Look::Fresh => 1,
                Look::Stale => 2,
                Look::Dead => 3,
            };
            column[row][k] = column[row][k].saturating_add(1);
        }
        self.table.columns.push(column);
    }
}

#[cfg(test)]
mod tests {
    use gossip_engine::{Config, TimedCommand};

    use super::*;

    fn scenario(nodes: u32) -> Scenario {
        let mut s = Scenario::new(
            Config {
                nodes,
                ..Config::default()
            },
            3,
        );
        s.actions = vec![
            TimedCommand {
                round: 0,
                command: Command::Inject {
                    node: 0,
                    id: None,
                    content: "x".into(),
                },
            },
            TimedCommand {
                round: 4,
                command: Command::Kill { node: 5 },
            },
        ];
        s
    }

    #[test]
    fn each_column_is_the_graph_at_that_round() {
        let s = scenario(40);
        let mut b = Builder::new(&s, 12, Some(0), None).expect("valid");
        while !b.advance() {}
        let k = b.knowledge();
        assert_eq!((k.rows, k.stride, k.column_count()), (40, 1, 13));
        assert_eq!(k.columns.len(), 13);
        // Round 0: only node 0 knows, and it spreads.
        assert_eq!(k.columns[0][0], [0, 1, 0, 0]);
        assert_eq!(k.columns[0][1], [1, 0, 0, 0]);
        // After the kill at round 4, node 5 is dead in every later column.
        assert!(k.columns[5..].iter().all(|c| c[5] == [0, 0, 0, 1]));
        // The last column agrees with the engine's counts at that round.
        let t = Timeline::from_scenario(&Scenario {
            round: 12,
            ..s.clone()
        })
        .expect("valid");
        let c = t.sim().counts(0).expect("m0");
        let sum = k.columns[12].iter().fold([0u32; 4], |mut acc, row| {
            for i in 0..4 {
                acc[i] += u32::from(row[i]);
            }
            acc
        });
        assert_eq!(sum, [c.unaware, c.fresh, c.stale, c.dead]);
    }

    #[test]
    fn big_runs_share_rows_and_columns() {
        let s = scenario(1000);
        let mut b = Builder::new(&s, 900, Some(0), None).expect("valid");
        let mut slices = 0;
        while !b.advance() {
            slices += 1;
        }
        assert!(slices > 1, "read in several slices");
        let k = b.knowledge();
        assert_eq!((k.rows, k.stride), (MAX_ROWS, 3));
        assert_eq!(k.columns.len() as u32, k.column_count());
        assert!(
            k.columns
                .iter()
                .all(|c| c.iter().map(|r| r.iter().sum::<u16>()).sum::<u16>() == 1000)
        );
        assert_eq!(k.row_of(999), MAX_ROWS - 1);
        assert_eq!(k.row_of(k.first_node(37)), 37);
    }
}
