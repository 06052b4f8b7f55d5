//! Running work on `--threads` workers.

/// Runs `work` on a pool of `threads` rayon workers, or on rayon's global pool (one worker a
/// core) when `None`. Results never depend on the count; memory grows with it.
pub fn with_threads<T: Send>(
    threads: Option<u32>,
    work: impl FnOnce() -> Result<T, String> + Send,
) -> Result<T, String> {
    match threads {
        Some(n) => rayon::ThreadPoolBuilder::new()
            .num_threads(n as usize)
            .build()
            .map_err(|e| format!("cannot start {n} threads: {e}"))?
            .install(work),
        None => work(),
    }
}
