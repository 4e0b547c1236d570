//! `columns`: separates columns that a layout-keeping extractor put side by
//! side on one line (GOLDEN.md rule 3).
//!
//! Fixes: `pdftotext -layout` and OCR engines with layout output write a
//! multi-column page line by line across the page, so each output line holds
//! a line of every column, separated by a gutter of spaces. The pass cuts
//! the page into bands and columns (X-Y cut, [`layout`]) and writes all lines
//! of the first column, then the next, each column keeping its own line
//! structure and first-line indents so `unwrap` can rejoin its lines. A
//! column starts at its leftmost text: the gutter before it goes, and so
//! does a page margin before the first one (pdfplumber's layout mode keeps
//! the page's), so that every column's indents are measured alike.
//!
//! Signals: a gutter is a strip of at least `min_gap` cells that is
//! whitespace on every line of a run of consecutive lines, with text on
//! both sides on at least `min_lines` of them, the right column starting at
//! the same cell (within the indent tolerance) on at least as many. Lines
//! that cross a gutter (headlines and captions spanning columns) end its
//! band (but for a band's first row that reaches into the gutter only by
//! the wide spaces inside its left part, a gap after that part: pypdf's
//! layout mode places text by its character count and drifts right on
//! `本报讯（记者   韩冰）…`), and so does a line spread out across the
//! page in pieces of a few characters (a headline whose letters a layout
//! writer set apart by their glyphs' positions, pypdf's layout mode);
//! lines where a column is empty stay in it, except a stretch with a
//! blank row and no body line between rows with both columns: the next
//! article's headline, where two articles are stacked on one column grid.
//! Bands of the chosen grid a cell apart, one right under the other or
//! with only rows of both columns between them, are one band (PyMuPDF's
//! sorted text starts the right column a cell early on rows whose left
//! line is long). Columns set on different baselines come out on
//! alternate lines instead; they are taken for columns only when both
//! sides have several nearly full lines and the lines switch sides often. Positions are measured
//! both by character (`pdftotext` gives every glyph one cell) and by display
//! width (Han = 2 cells); the system in which the columns line up best wins.
//! Where the best one still leaves lines with a gap inside, and the rows
//! read with every run of spaces as one space make bands of columns apart
//! by one space ([`seams`]) that cover clearly more rows than its bands, or
//! whose gutters are mostly four spaces or fewer, those win, with the
//! grid's bands on rows they cut none of: an extractor that places each
//! line of a row after the one before leaves gutters as narrow as a line's
//! own gaps (PyMuPDF's sorted text), and its columns line up in no cell
//! system. Such narrow seams are taken too where neither system cuts
//! anything (two articles side by side, a column each).
//! The pass runs first, so it reads raw input itself: `\r\n` and `\r` end
//! lines, tabs go to the next multiple of 8, U+3000 is a space, and a line
//! with a control character (the form feed between pages) is never cut.
//!
//! Never touches: a page without a gutter, a band of one-space columns, a
//! run of columns on alternate lines or boxes out of order (it comes out
//! byte-identical),
//! single spaces inside a column
//! (`本报讯 近日`, letter-spaced lines, bylines) other than a collapsed
//! gutter in sight of one that shows, a wide space on one line only (a
//! byline gap), text. Every change is a
//! [`EditKind::Move`](crate::edit::EditKind::Move) of a column line or a
//! text box (deleted and re-inserted unchanged), the removal of gutter
//! whitespace and line ends of rows that emptied, or line ends put before
//! a moved box where the page ended without them.
//!
//! Gutters collapsed to one space: `pdftotext -layout` merges columns
//! closer than about 0.7 em, so most rows hold `…四川英能 得钠离子…`, the
//! right column starting wherever the left line ends. Such a space is taken
//! for the gutter only where at least `min_lines` rows of the same run show
//! the gutter as spaces and the row reads as two column lines split at it
//! ([`layout::collapsed_gutters`]); the row is then cut there before the
//! page is cut into columns. Without rows that show the gutter, a collapsed
//! gutter on a page that has wide gaps elsewhere stays merged: nothing
//! tells it from a space in the text. Neither is a row split that has two
//! places where the gutter may be (a letter-spaced line), so such a row
//! ends the band. Beside a gutter that collapsed, a row whose right part
//! does not line up is cut at the wide gap before it where it starts a
//! few cells early (PyMuPDF's sorted text writes it some spaces after a
//! short left line) or after a left line ending before the column (a
//! byline set flush right).
//!
//! Columns apart by one space (pdfplumber writes every gap as one space),
//! on a page without a gutter or in the rows a gutter split left merged:
//! the columns' width shows instead of a gutter, full lines of one width
//! before the spaces on row after row ([`seams`]).
//!
//! Columns on alternate lines (an OCR that returns one box per printed
//! line, sorted top to bottom: RapidOCR, PaddleOCR), on a page with neither:
//! a line that ends no sentence goes on in its column's next line, which
//! shows in the pairs of characters the page writes across such breaks
//! ([`interleaved`]).
//!
//! Text boxes out of reading order (pdfminer writes each box with a blank
//! line after it, and on a page of columns often takes a column's top box
//! before the rest of the column it goes on from), on a page with none of
//! the above: a box whose first line is full after a box that ended its
//! sentence is moved after the box further down whose last line is full
//! and ends no sentence, where the page has as many of each, in order
//! ([`blocks`]).

mod blocks;
mod grid;
mod interleaved;
mod layout;
mod reorder;
mod seams;

use std::cmp::Reverse;

use crate::config::Config;
use crate::pass::{Pass, PassOutput};
use grid::{Cells, Grid};
use layout::Layout;

/// Marks of running text: a line or box without any may be a headline or
/// a name.
const RUNNING_MARKS: [char; 4] = ['，', '。', '、', '；'];

pub struct Columns;

impl Pass for Columns {
    fn name(&self) -> &'static str {
        "columns"
    }

    fn description(&self) -> &'static str {
        "split columns an extractor merged (side by side, or on alternate lines), put its text boxes back in reading order"
    }

    fn run(&self, input: &str, config: &Config, out: &mut PassOutput) {
        let wide_spaces = !grid::has_no_wide_space(input, config.columns.min_gap);
        let chosen = if wide_spaces {
            best_layout(input, config)
        } else {
            None
        };
        let Some(chosen) = chosen else {
            // No gutter: the gutters may be as narrow as the lines' own
            // gaps (PyMuPDF's sorted text), or columns apart by one space.
            let narrow = wide_spaces
                .then(|| seams_across_gaps(input))
                .flatten()
                .filter(|s| s.narrow_gutters(input));
            if let Some(seamed) = narrow {
                emit_seams_across_gaps(input, &seamed, None, config, out);
            } else if let Some(seamed) = seams::seam_layout(input) {
                if config.explain {
                    explain_seams(&seamed, |r| r, out);
                }
                reorder::reorder(input, &seamed.lines, out);
            } else if let Some(interleaved) = interleaved::interleaved_layout(input) {
                if config.explain {
                    explain_interleaved(&interleaved, out);
                }
                reorder::reorder(input, &interleaved.lines, out);
            } else {
                let moves = blocks::block_moves(input);
                if config.explain {
                    explain_blocks(input, &moves, out);
                }
                blocks::emit(input, &moves, out);
            }
            return;
        };
        // Gutters as narrow as the gaps inside the lines (PyMuPDF's sorted
        // text): the rows read as columns apart by any run of spaces.
        if chosen.measured.layout.wide_gap_rows() >= MIN_RESIDUAL_FOR_SEAMS {
            let grid_rows =
                rows_covered(chosen.measured.layout.cuts.iter().map(|b| b.rows.clone()));
            if let Some(seamed) = seams_across_gaps(input).filter(|s| {
                let seam_rows = rows_covered(s.layout.bands.iter().map(|b| b.rows.clone()));
                s.narrow_gutters(input) || seam_rows * SEAMS_COVER.1 > grid_rows * SEAMS_COVER.0
            }) {
                emit_seams_across_gaps(input, &seamed, Some(&chosen), config, out);
                return;
            }
        }
        // Bands of the grid a cell apart are one where it is the grid's
        // layout that is taken: measured again with them merged.
        let cuts = &chosen.measured.layout.cuts;
        let near = cuts
            .iter()
            .enumerate()
            .any(|(i, a)| cuts[i + 1..].iter().any(|b| a.x.abs_diff(b.x) <= 1));
        let chosen = if near {
            Chosen {
                measured: measure(input, chosen.measured.cells, config, true),
                other: chosen.other,
            }
        } else {
            chosen
        };
        if config.explain {
            explain(&chosen, out);
        }
        let lines = &chosen.measured.layout.lines;
        match seams_in_columns(input, lines, config, out) {
            Some(cut) => reorder::reorder(input, &cut, out),
            None => reorder::reorder(input, lines, out),
        }
    }
}

/// Reorders `input` by the seams across its gaps, with the bands of the
/// grid layout `chosen` where the seams cut no row.
fn emit_seams_across_gaps(
    input: &str,
    seamed: &SeamsAcrossGaps,
    chosen: Option<&Chosen>,
    config: &Config,
    out: &mut PassOutput,
) {
    if config.explain {
        explain_seams(&seamed.layout, |r| seamed.to_input(r), out);
    }
    let mut lines: Vec<_> = (seamed.layout.lines.iter())
        .map(|r| seamed.to_input(r.clone()))
        .collect();
    if let Some(chosen) = chosen {
        let seam_bands: Vec<_> = (seamed.layout.bands.iter())
            .map(|b| b.rows.clone())
            .collect();
        lines = with_grid_bands_between(input, lines, &seam_bands, chosen, config, out);
    }
    reorder::reorder(input, &lines, out);
}

/// The lines of the seams' reading order (`lines`, byte ranges of
/// `input`) with the grid's bands that share no row with the seams'
/// (`seam_bands`, row ranges) put in: a band of columns too short for the
/// seams to see (a short article below) whose gutter the grid found. A band
/// is taken with the bands nested in it, all the grid's lines of its rows
/// in the grid's order in place of the seams' lines of those rows (outside
/// the seams' bands, one a row in row order). (A band that holds a band of
/// the seams is left to them: measured, the grid's wider band was the worse
/// reading as often as not.)
fn with_grid_bands_between(
    input: &str,
    lines: Vec<std::ops::Range<usize>>,
    seam_bands: &[std::ops::Range<usize>],
    chosen: &Chosen,
    config: &Config,
    out: &mut PassOutput,
) -> Vec<std::ops::Range<usize>> {
    let layout = &chosen.measured.layout;
    // Top-level bands: nested ones lie inside another band's rows.
    let mut bands: Vec<(std::ops::Range<usize>, usize)> = Vec::new();
    let mut cuts: Vec<_> = layout.cuts.iter().enumerate().collect();
    cuts.sort_by_key(|(_, band)| (band.rows.start, std::cmp::Reverse(band.rows.end)));
    for (k, band) in cuts {
        match bands.last_mut() {
            Some((rows, _)) if band.rows.start < rows.end => rows.end = rows.end.max(band.rows.end),
            _ => bands.push((band.rows.clone(), k)),
        }
    }
    bands.retain(|(rows, _)| {
        seam_bands
            .iter()
            .all(|seam| seam.end <= rows.start || rows.end <= seam.start)
    });
    if bands.is_empty() {
        return lines;
    }
    // The bands are in row order and apart: a row's band by binary search.
    let row_starts: Vec<usize> = grid::line_ranges(input).map(|r| r.start).collect();
    let band_of = |line: &std::ops::Range<usize>| {
        let row = (row_starts.partition_point(|&start| start <= line.start)).saturating_sub(1);
        let b = bands.partition_point(|(rows, _)| rows.end <= row);
        bands
            .get(b)
            .filter(|(rows, _)| rows.contains(&row))
            .map(|_| b)
    };
    if config.explain {
        for (rows, k) in &bands {
            let band = &layout.cuts[*k];
            out.note(
                chosen.measured.cut_rows[*k].clone(),
                format!(
                    "gutter before cell {}, {} rows where the seams cut none: all of the \
                     left part, then the right",
                    band.x,
                    rows.len()
                ),
            );
        }
    }
    let mut grid_lines = vec![Vec::new(); bands.len()];
    for line in &layout.lines {
        if let Some(b) = band_of(line) {
            grid_lines[b].push(line.clone());
        }
    }
    let mut taken = vec![false; bands.len()];
    let mut merged = Vec::with_capacity(lines.len());
    for line in lines {
        match band_of(&line) {
            None => merged.push(line),
            Some(b) if !taken[b] => {
                taken[b] = true;
                merged.append(&mut grid_lines[b]);
            }
            Some(_) => {}
        }
    }
    merged
}

/// The lines of a layout (byte ranges of `input`, in reading order) where
/// rows that the gutters left merged at one space make bands of columns
/// apart by one space ([`seams`]), those cut too; `None` where there are
/// none. Cut now, or the next run, which sees these rows without the
/// gutters, would cut them.
fn seams_in_columns(
    input: &str,
    lines: &[std::ops::Range<usize>],
    config: &Config,
    out: &mut PassOutput,
) -> Option<Vec<std::ops::Range<usize>>> {
    // The layout's lines as one text; where each starts in it and in
    // `input`.
    let mut text = String::with_capacity(input.len());
    let mut starts = Vec::with_capacity(lines.len());
    for line in lines {
        starts.push((text.len(), line.start));
        text.push_str(&input[line.clone()]);
        text.push('\n');
    }
    let seamed = seams::seam_layout(&text)?;
    // A range of `text` lies inside one of its lines.
    let to_input = |range: std::ops::Range<usize>| {
        let k = starts.partition_point(|&(at, _)| at <= range.start) - 1;
        let (at, from) = starts[k];
        range.start - at + from..range.end - at + from
    };
    if config.explain {
        explain_seams(&seamed, to_input, out);
    }
    Some(seamed.lines.into_iter().map(to_input).collect())
}

/// Whether `text` has a band of columns apart by one space that the pass
/// would cut, or a run of columns on alternate lines it would reorder (for
/// passes that check that their output is one this pass leaves alone).
pub(crate) fn has_merged_columns(text: &str) -> bool {
    seams::seam_layout(text).is_some() || interleaved::interleaved_layout(text).is_some()
}

/// Lines the best grid layout may leave with a gap inside before the rows
/// are read as columns apart by any run of spaces.
const MIN_RESIDUAL_FOR_SEAMS: usize = 2;

/// How many more rows (as a ratio) the seams across gaps must cover than
/// the grid's bands before they are taken where the gutters they cut at
/// are not narrow: both read a page of narrow gutters in part, and the
/// grid is right where its bands cover about as many rows (pdfplumber's
/// and pypdf's layout modes).
const SEAMS_COVER: (usize, usize) = (23, 20);

/// Most spaces in the usual gutter of seams across gaps for the seams to be
/// taken however many rows the grid covers. PyMuPDF's sorted text puts a
/// row's lines one to four spaces apart (a gutter of about one em), so its
/// columns line up in no cell system and the grid cuts them in broken
/// bands between rows it cannot cut; layout modes that place text by its
/// position (pdfplumber's, pypdf's, `pdftotext -layout`) leave gutters of
/// five spaces or more, where a gap of three inside a line (`本报讯   近日`)
/// is no gutter and the seams would cut there.
const NARROW_GUTTER: usize = 4;

/// How many rows the `bands` (row ranges) cover together.
fn rows_covered(bands: impl Iterator<Item = std::ops::Range<usize>>) -> usize {
    let mut bands: Vec<_> = bands.collect();
    bands.sort_by_key(|b| b.start);
    let (mut covered, mut until) = (0, 0);
    for b in bands {
        let start = b.start.max(until);
        if b.end > start {
            covered += b.end - start;
            until = b.end;
        }
    }
    covered
}

/// A seam layout of a text whose runs of spaces between two characters
/// were made one space, and the way back to the text's bytes.
struct SeamsAcrossGaps {
    layout: seams::SeamLayout,
    /// Per run of spaces made one: the offset in that text of the space
    /// kept, and how many bytes the runs up to it dropped (a few entries a
    /// row, not one per byte).
    dropped: Vec<(usize, usize)>,
}

impl SeamsAcrossGaps {
    /// The input's byte for byte `at` of the text with gaps made one space.
    fn input_at(&self, at: usize) -> usize {
        let runs = self.dropped.partition_point(|&(kept, _)| kept <= at);
        at + runs.checked_sub(1).map_or(0, |r| self.dropped[r].1)
    }

    /// Whether the runs of spaces the seams cut at in `input` (between two
    /// column lines of one row) are narrow: half of them or more at most
    /// [`NARROW_GUTTER`] spaces.
    fn narrow_gutters(&self, input: &str) -> bool {
        let mut lines: Vec<_> = (self.layout.lines.iter())
            .filter(|r| !r.is_empty())
            .map(|r| self.to_input(r.clone()))
            .collect();
        lines.sort_unstable_by_key(|r| r.start);
        let mut gutters: Vec<usize> = lines
            .windows(2)
            .filter_map(|pair| {
                let gap = input.get(pair[0].end..pair[1].start)?;
                (!gap.is_empty() && gap.bytes().all(|b| b == b' ')).then_some(gap.len())
            })
            .collect();
        if gutters.is_empty() {
            return false;
        }
        let middle = gutters.len() / 2;
        *gutters.select_nth_unstable(middle).1 <= NARROW_GUTTER
    }

    fn to_input(&self, range: std::ops::Range<usize>) -> std::ops::Range<usize> {
        if range.is_empty() {
            let at = self.input_at(range.start);
            return at..at;
        }
        self.input_at(range.start)..self.input_at(range.end - 1) + 1
    }
}

/// The rows of `input` read as columns apart by one space ([`seams`]) once
/// every run of spaces between two characters is one space: an extractor
/// that places each line of a row at its position may leave gutters as
/// narrow as a line's own gaps, one to eleven spaces (PyMuPDF's
/// `get_text(sort=True)`), so that no strip of whitespace runs down the
/// page; the columns' widths show instead.
fn seams_across_gaps(input: &str) -> Option<SeamsAcrossGaps> {
    let bytes = input.as_bytes();
    let mut text = Vec::with_capacity(input.len());
    let mut dropped: Vec<(usize, usize)> = Vec::new();
    let mut total = 0;
    let mut line_start = true;
    for (i, &b) in bytes.iter().enumerate() {
        // A space before another, inside a line's text (not its indent):
        // the last space of each run stays.
        let drop = b == b' ' && !line_start && bytes.get(i + 1) == Some(&b' ');
        if b == b'\n' {
            line_start = true;
        } else if b != b' ' {
            line_start = false;
        }
        if drop {
            total += 1;
            continue;
        }
        if dropped.last().map_or(0, |&(_, t)| t) != total {
            dropped.push((text.len(), total));
        }
        text.push(b);
    }
    let text = String::from_utf8(text).ok()?;
    let layout = seams::seam_layout(&text)?;
    Some(SeamsAcrossGaps { layout, dropped })
}

/// A layout and how it compared with the other cell system's.
struct Chosen {
    measured: Measured,
    /// How the other system did, if it cut anything.
    other: Option<(Cells, Summary)>,
}

/// The figures a layout is ranked by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Summary {
    residual: usize,
    aligned: usize,
    cuts: usize,
    exact: usize,
}

impl Summary {
    fn of(layout: &Layout) -> Self {
        Summary {
            residual: layout.wide_gap_rows(),
            aligned: layout.score.0,
            cuts: layout.cuts.len(),
            exact: layout.score.1,
        }
    }

    /// Higher is better (see [`best_layout`]).
    fn rank(&self) -> (Reverse<usize>, usize, Reverse<usize>, usize) {
        (
            Reverse(self.residual),
            self.aligned,
            Reverse(self.cuts),
            self.exact,
        )
    }
}

impl std::fmt::Display for Summary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} cuts, {} lines left with a wide gap, {} rows aligned, {} exactly",
            self.cuts, self.residual, self.aligned, self.exact
        )
    }
}

/// The layout in the cell system whose columns line up best, or `None` when
/// neither finds a gutter. Best means: fewest output lines that still hold a
/// wide gap (in the wrong system some rows stay merged), then the most rows
/// aligned with their column, then the fewest cuts (the wrong system breaks
/// one gutter into several short bands), then the most exactly aligned;
/// characters win a tie.
fn best_layout(input: &str, config: &Config) -> Option<Chosen> {
    let chars = measure(input, Cells::Chars, config, false);
    let display = measure(input, Cells::Display, config, false);
    let (chars_cut, display_cut) = (
        !chars.layout.cuts.is_empty(),
        !display.layout.cuts.is_empty(),
    );
    let (win, lose) = match (chars_cut, display_cut) {
        (false, false) => return None,
        (true, false) => (chars, None),
        (false, true) => (display, None),
        (true, true) if Summary::of(&display.layout).rank() > Summary::of(&chars.layout).rank() => {
            (display, Some(chars))
        }
        (true, true) => (chars, Some(display)),
    };
    Some(Chosen {
        other: lose.map(|m| (m.cells, Summary::of(&m.layout))),
        measured: win,
    })
}

/// The layout of a text in one cell system. Its grid is dropped once the
/// layout is found (only one grid is held at a time).
struct Measured {
    cells: Cells,
    layout: Layout,
    /// Per cut: the byte range of its first row (where `--explain` notes it).
    cut_rows: Vec<std::ops::Range<usize>>,
}

fn measure(input: &str, cells: Cells, config: &Config, merge: bool) -> Measured {
    let mut grid = Grid::new(input, cells, config.columns.min_gap);
    let collapsed = layout::collapsed_gutters(&grid, &config.columns);
    grid.split_blocks(&collapsed);
    let mut layout = layout::layout(&grid, &config.columns, merge);
    layout.collapsed = collapsed.len();
    layout.uneven += collapsed.iter().filter(|s| s.uneven).count();
    let cut_rows = layout
        .cuts
        .iter()
        .map(|band| grid.rows[band.rows.start].bytes.clone())
        .collect();
    Measured {
        cells,
        layout,
        cut_rows,
    }
}

/// Notes for `--explain`: the cell system and why, then every cut.
fn explain(chosen: &Chosen, out: &mut PassOutput) {
    let measured = &chosen.measured;
    let mut message = format!(
        "measured in {:?} cells: {}",
        measured.cells,
        Summary::of(&measured.layout)
    );
    if measured.layout.collapsed > 0 {
        message.push_str(&format!(
            " ({} rows split at a gutter collapsed to one space)",
            measured.layout.collapsed
        ));
    }
    if let Some((cells, other)) = &chosen.other {
        message.push_str(&format!("; {cells:?} cells: {other}"));
    }
    out.note(0..0, message);
    for (band, first_row) in measured.layout.cuts.iter().zip(&measured.cut_rows) {
        out.note(
            first_row.clone(),
            format!(
                "gutter before cell {}, {} rows: all of the left part, then the right",
                band.x,
                band.rows.len()
            ),
        );
    }
}

/// Notes for `--explain` on a page whose columns are apart by one space
/// (`to_input` maps a range of the text measured to the pass's input).
fn explain_seams(
    seamed: &seams::SeamLayout,
    to_input: impl Fn(std::ops::Range<usize>) -> std::ops::Range<usize>,
    out: &mut PassOutput,
) {
    for band in &seamed.bands {
        out.note(
            to_input(band.first_row.clone()),
            format!(
                "{} rows of {} columns about {} cells wide, apart by one space (no gutter): \
                 each column's lines, then the next's",
                band.rows.len(),
                band.columns,
                band.width
            ),
        );
    }
}

/// Notes for `--explain` on a page whose columns come on alternate lines.
fn explain_interleaved(found: &interleaved::InterleavedLayout, out: &mut PassOutput) {
    for band in &found.bands {
        out.note(
            band.first_line.clone(),
            format!(
                "{} lines of {} columns about {} cells wide on alternate lines (breaks {} lines \
                 apart read on: {}, in order: {}): each column's lines, then the next's",
                band.lines,
                band.columns,
                band.width,
                band.columns,
                band.evidence.0,
                band.evidence.1
            ),
        );
    }
}

fn explain_blocks(input: &str, moves: &[blocks::BlockMove], out: &mut PassOutput) {
    for m in moves {
        // The end of the text it goes on from, to find it by.
        let from = &input[m.dangling.clone()];
        let tail: String = {
            let mut tail: Vec<char> = from.chars().rev().take(8).collect();
            tail.reverse();
            tail.into_iter().collect()
        };
        out.note(
            m.orphan.clone(),
            format!(
                "text box out of reading order: its first line is full after a box that does \
                 not go on; moved after the box below that it goes on from (`…{tail}`: its last \
                 line is full and ends no sentence)"
            ),
        );
    }
}

#[cfg(test)]
mod tests;
