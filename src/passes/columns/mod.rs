//! `columns`: separates columns that a layout-keeping extractor put side by
//! side on one line (GOLDEN.md rule 3).
//!
//! Fixes: `pdftotext -layout` and OCR engines with layout output write a
//! multi-column page line by line across the page, so each output line holds
//! a line of every column, separated by a gutter of spaces. The pass cuts
//! the page into bands and columns (X-Y cut, [`layout`]) and writes all lines
//! of the first column, then the next, each column keeping its own line
//! structure and first-line indents so `unwrap` can rejoin its lines.
//!
//! Signals: a gutter is a strip of at least `min_gap` cells that is
//! whitespace on every line of a run of consecutive lines, with text on
//! both sides on at least `min_lines` of them, the right column starting at
//! the same cell (within the indent tolerance) on at least as many. Lines
//! that cross a gutter (headlines and captions spanning columns) end its
//! band; lines where a column is empty stay in it. Columns set on
//! different baselines come out on alternate lines instead; they are taken
//! for columns only when both sides have several nearly full lines and the
//! lines switch sides often. Positions are measured
//! both by character (`pdftotext` gives every glyph one cell) and by display
//! width (Han = 2 cells); the system in which the columns line up best wins.
//! The pass runs first, so it reads raw input itself: `\r\n` and `\r` end
//! lines, tabs go to the next multiple of 8, U+3000 is a space, and a line
//! with a control character (the form feed between pages) is never cut.
//!
//! Never touches: a page without a gutter (it comes out byte-identical),
//! single spaces inside a column (`本报讯 近日`, letter-spaced lines), a wide
//! space on one line only (a byline gap), text. Every change is a
//! [`EditKind::Move`](crate::edit::EditKind::Move) of a column line (deleted
//! and re-inserted unchanged) or the removal of gutter whitespace and line
//! ends of rows that emptied.
//!
//! Not handled (left untouched): gutters that the extractor collapsed to a
//! single space (`…四川英能 得钠离子…`): nothing tells them from a space in
//! the text.

mod grid;
mod layout;
mod reorder;

use crate::config::Config;
use crate::pass::{Pass, PassOutput};
use grid::{Cells, Grid};
use layout::Layout;

pub struct Columns;

impl Pass for Columns {
    fn name(&self) -> &'static str {
        "columns"
    }

    fn description(&self) -> &'static str {
        "split columns that a layout-keeping extractor put side by side: one column after another"
    }

    fn run(&self, input: &str, config: &Config, out: &mut PassOutput) {
        let Some((grid, layout)) = best_layout(input, config) else {
            return;
        };
        if config.explain {
            for band in &layout.cuts {
                let first = &grid.rows[band.rows.start];
                out.note(
                    first.bytes.clone(),
                    format!(
                        "gutter before cell {} ({:?} cells) on lines {}-{}",
                        band.x,
                        grid.cells,
                        band.rows.start + 1,
                        band.rows.end
                    ),
                );
            }
        }
        reorder::reorder(input, &layout.lines, out);
    }
}

/// The layout in the cell system whose columns line up best (characters on
/// a tie), or `None` when neither finds a gutter.
fn best_layout<'a>(input: &'a str, config: &Config) -> Option<(Grid<'a>, Layout)> {
    let mut best: Option<(Grid<'a>, Layout)> = None;
    for cells in [Cells::Chars, Cells::Display] {
        let grid = Grid::new(input, cells, config.columns.min_gap);
        let layout = layout::layout(&grid, &config.columns);
        let better = match &best {
            None => !layout.cuts.is_empty(),
            Some((_, b)) => layout.score > b.score,
        };
        if better {
            best = Some((grid, layout));
        }
    }
    best
}

#[cfg(test)]
mod tests;
