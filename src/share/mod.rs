//! Sharing: the exact run as a link, as a file, and as exported data.

pub mod export;
pub mod link;
