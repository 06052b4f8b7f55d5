//! Colours: the Okabe–Ito palette, safe for the common colour-vision deficiencies. State is
//! also carried by shape (open circle, filled circle, square, cross), never by hue alone.

/// Colours for one theme.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Palette {
    /// Canvas background.
    pub background: &'static str,
    /// Topology edges.
    pub edge: &'static str,
    /// Outline of unaware nodes, and text.
    pub ink: &'static str,
    /// Fill of unaware nodes.
    pub unaware_fill: &'static str,
    /// Fresh (spreading): orange.
    pub fresh: &'static str,
    /// Stale (lost interest): blue.
    pub stale: &'static str,
    /// Dead nodes.
    pub dead: &'static str,
    /// Useful contact dots: vermillion.
    pub useful: &'static str,
    /// Redundant contact dots.
    pub redundant: &'static str,
    /// Digests, requests and heartbeats.
    pub control: &'static str,
    /// Lost messages.
    pub lost: &'static str,
    /// The selection ring.
    pub selection: &'static str,
}

/// Light theme.
pub const LIGHT: Palette = Palette {
    background: "#ffffff",
    edge: "rgba(40,50,60,0.13)",
    ink: "#25313d",
    unaware_fill: "#ffffff",
    fresh: "#E69F00",
    stale: "#0072B2",
    dead: "#8a949e",
    useful: "#D55E00",
    redundant: "#7b8794",
    control: "#009E73",
    lost: "#CC79A7",
    selection: "#111111",
};

/// Dark theme.
pub const DARK: Palette = Palette {
    background: "#151b22",
    edge: "rgba(210,220,230,0.14)",
    ink: "#d8dee6",
    unaware_fill: "#151b22",
    fresh: "#F0B43C",
    stale: "#56B4E9",
    dead: "#6d7884",
    useful: "#F07B3F",
    redundant: "#9aa5b1",
    control: "#2FC79A",
    lost: "#E08CC0",
    selection: "#ffffff",
};

/// Distinct colours for message ids (Okabe–Ito order, skipping the state colours' roles).
pub const MESSAGE_COLOURS: [&str; 6] = [
    "#E69F00", "#56B4E9", "#009E73", "#CC79A7", "#0072B2", "#D55E00",
];

/// Colour of message `id`.
pub fn message_colour(id: u32) -> &'static str {
    MESSAGE_COLOURS[id as usize % MESSAGE_COLOURS.len()]
}

/// CSS classes of message `id`'s colour swatch (classes, not a `style` attribute, so that a
/// strict Content-Security-Policy without 'unsafe-inline' holds).
pub fn swatch_class(id: u32) -> String {
    format!("swatch c{}", id as usize % MESSAGE_COLOURS.len())
}
