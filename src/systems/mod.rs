//! The real-systems page (`systems.html`): SWIM as Consul and Serf run it, on a clock in
//! seconds. It is a page of its own, with its own bundle, so the round-based player keeps
//! its 300 KB budget; it shares the engine, the language switch, the palette and the panic
//! overlay with the player.

pub mod lessons;
pub mod scenario;
