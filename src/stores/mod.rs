//! The data-store page (`stores.html`): Cassandra, Redis Cluster and Dynamo, each gossiping
//! as its sources say, on a clock in seconds. A page with its own bundle, like the SWIM page,
//! so that each stays within its budget; it shares the graph component, the shapes and
//! colours, the language and the panic overlay with the others.

pub mod chart;
pub mod inspector;
pub mod lessons;
pub mod link;
pub mod model;
pub mod page;
pub mod recording;
pub mod report;
pub mod run;
pub mod scenario;
pub mod scene;
pub mod texts;

/// Installs the panic overlay and mounts the data-store page on `<body>`.
pub fn start() {
    crate::panic_hook::install();
    yew::Renderer::<page::StoresPage>::new().render();
}
