//! A fingerprint of a whole run, to check that two builds (native and wasm, say) computed the
//! same thing: FNV-1a over every round's contacts, changes and traffic, then every node's
//! final message table.

use crate::report::RoundReport;
use crate::scenario::Scenario;
use crate::simulation::Simulation;
use crate::timeline::Timeline;

/// FNV-1a, 64-bit: tiny, portable, and order-sensitive.
#[derive(Clone, Copy, Debug)]
pub struct TraceHash(u64);

impl Default for TraceHash {
    fn default() -> Self {
        TraceHash(0xcbf2_9ce4_8422_2325)
    }
}

impl TraceHash {
    fn byte(&mut self, b: u8) {
        self.0 ^= u64::from(b);
        self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
    }
    fn u32(&mut self, v: u32) {
        v.to_le_bytes().iter().for_each(|&b| self.byte(b));
    }
    fn u64(&mut self, v: u64) {
        v.to_le_bytes().iter().for_each(|&b| self.byte(b));
    }

    /// Absorbs one round's report.
    pub fn report(&mut self, r: &RoundReport) {
        self.u32(r.round);
        for c in &r.contacts {
            self.u32(c.from);
            self.u32(c.to);
            self.byte(c.kind as u8);
            self.byte(u8::from(c.delivered) | u8::from(c.useful) << 1);
        }
        for c in &r.changes {
            self.u32(c.node);
            self.u32(c.message);
            self.byte(c.before as u8);
            self.byte(c.after as u8);
        }
        let t = r.traffic;
        for v in [
            t.messages,
            t.updates,
            t.digest_bytes,
            t.payload_bytes,
            t.lost,
            t.useful,
            t.redundant,
        ] {
            self.u64(v);
        }
    }

    /// Absorbs the state of every node.
    pub fn state(&mut self, sim: &Simulation) {
        for node in 0..sim.nodes() {
            self.byte(u8::from(sim.is_alive(node)));
            for row in sim.table(node) {
                self.u32(row.id);
                self.u32(row.version);
                self.byte(row.state as u8);
                self.u32(row.received);
                self.u32(row.counter);
            }
        }
    }

    /// The fingerprint.
    pub fn finish(self) -> u64 {
        self.0
    }
}

/// Replays `scenario` from round 0 to its round, recording everything, and fingerprints it.
pub fn trace_hash(scenario: &Scenario) -> crate::Result<u64> {
    let mut start = scenario.clone();
    start.round = 0;
    let mut t = Timeline::from_scenario(&start)?;
    t.set_recording(true);
    let mut h = TraceHash::default();
    while t.round() < scenario.round {
        let r = t.step();
        h.report(&r);
    }
    h.state(t.sim());
    Ok(h.finish())
}
