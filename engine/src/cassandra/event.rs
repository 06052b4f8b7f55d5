//! What an observer decides about an endpoint: the verdicts the gossiper emits, the metrics
//! read and the simulation reports.

/// A verdict of one observer.
#[derive(Clone, Copy, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case", tag = "event"))]
pub enum CassandraEvent {
    /// `observer` convicted `endpoint`: φ passed the threshold; it is now DOWN there.
    Down {
        /// Who decided.
        observer: u32,
        /// About whom.
        endpoint: u32,
        /// φ at conviction.
        phi: f64,
    },
    /// `observer` marked `endpoint` UP after an echo round trip.
    Up {
        /// Who decided.
        observer: u32,
        /// About whom.
        endpoint: u32,
    },
}
