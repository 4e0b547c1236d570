//! Configuration of a cleaning run, passed to every pass as a value.

/// Settings that passes read. Built once from the command line (or by a
/// library user) and never changed during a run.
#[derive(Debug, Clone, Default)]
pub struct Config {
    /// Passes record notes about their decisions (`--explain`).
    pub explain: bool,
}
