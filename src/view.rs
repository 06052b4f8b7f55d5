//! What travels with a scenario besides the run itself: the view (message shown, selection,
//! speed) and the playground's limits. Links, lessons and the app state all read it, so it
//! sits below them and imports none of them.

use gossip_engine::Protocol;

/// Largest cluster the playground draws.
pub const MAX_UI_NODES: u32 = 10_000;
/// Largest cluster for heartbeat membership in the playground: its tables are N × N, and at
/// 500 nodes a round stays well under 50 ms in the browser (2,000 took 75–220 ms).
/// `gossip-sim` runs up to the engine's limit.
pub const MAX_UI_MEMBERSHIP_NODES: u32 = 500;

/// The playground's node limit for a protocol.
pub fn max_ui_nodes(protocol: &Protocol) -> u32 {
    match protocol {
        Protocol::Membership { .. } => MAX_UI_MEMBERSHIP_NODES,
        _ => MAX_UI_NODES,
    }
}
/// The playground stops playing at this round.
pub const MAX_UI_ROUNDS: u32 = 100_000;
/// Fastest and slowest play speeds, rounds per second.
pub const MIN_SPEED: f64 = 0.25;
/// See [`MIN_SPEED`].
pub const MAX_SPEED: f64 = 20.0;

/// View options that travel with a scenario (in links and lessons).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct View {
    /// Message shown on the graph.
    pub message: Option<u32>,
    /// Selected node.
    pub selected: Option<u32>,
    /// Membership: the node whose failure is followed.
    pub subject: Option<u32>,
    /// Rounds per second.
    pub speed: Option<f64>,
    /// Start playing.
    pub playing: bool,
}
