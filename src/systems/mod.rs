//! The real-systems page (`systems.html`): SWIM as Consul and Serf run it, on a clock in
//! seconds. It is a page of its own, with its own bundle, so the round-based player keeps
//! its 300 KB budget; it shares the engine, the graph component, the palette, the language
//! and the panic overlay with the player.

pub mod chart;
pub mod controls;
pub mod embed;
pub mod inspector;
pub mod lesson;
pub mod lesson_card;
pub mod lessons;
pub mod lessons_who;
pub mod link;
pub mod model;
pub mod node_report;
pub mod notice;
pub mod page;
pub mod paint;
pub mod recording;
pub mod report;
pub mod scenario;
pub mod scene;
pub mod tally;
pub mod texts;

/// Installs the panic overlay and mounts the real-systems page on `<body>`.
pub fn start() {
    crate::panic_hook::install();
    yew::Renderer::<page::SystemsPage>::new().render();
}
