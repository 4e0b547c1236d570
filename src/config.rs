//! Configuration of a cleaning run, passed to every pass as a value.

/// Settings that passes read. Built once from the command line (or by a
/// library user) and never changed during a run.
#[derive(Debug, Clone, Default)]
pub struct Config {
    /// Passes record notes about their decisions (`--explain`).
    pub explain: bool,
    /// Settings of the `columns` pass.
    pub columns: ColumnsConfig,
}

/// How the `columns` pass recognises a gutter between merged columns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ColumnsConfig {
    /// Narrowest gutter, in cells: a run of fewer spaces is text inside a
    /// column (`本报讯 近日`), never a gutter.
    pub min_gap: usize,
    /// Fewest lines that must show a gutter (text on both sides of it,
    /// the right column starting at the same place) before it is believed.
    pub min_lines: usize,
    /// Narrowest column, in display cells (Han = 2): the widest line on each
    /// side of a gutter must reach this, so aligned short items
    /// (`精准谋划  精细指导` on three lines) are not taken for columns.
    pub min_column_width: usize,
    /// How far (in cells) a line of a column may start right of the
    /// column's left edge and still count as aligned with it (first-line
    /// indents, ragged starts).
    pub indent_tolerance: usize,
}

impl Default for ColumnsConfig {
    fn default() -> Self {
        ColumnsConfig {
            min_gap: 2,
            min_lines: 3,
            min_column_width: 12,
            indent_tolerance: 4,
        }
    }
}
