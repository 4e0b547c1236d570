//! Reading order by X-Y cut: a region of the page is cut into horizontal
//! bands at lines that cross its gutters, each band into its columns at the
//! gutter, and every piece again, until no gutter is left.
//!
//! A gutter is found from where the right column starts: a cell `x` at
//! which several lines have a block after a run of at least `min_gap`
//! spaces. The probe `[x - min_gap, x)` must then be whitespace on every
//! line of the band ("compatible" lines); a line with text in it crosses the
//! gutter (a headline or caption spanning the columns) and ends the band.
//! Lines that end before the gutter (a column that is empty there) and blank
//! lines stay in it, except around the next article on another grid: across
//! a blank row, the last row of the columns above, or a headline narrower
//! than the columns or set in far from their margin (centred) over the
//! next article's own, is not the band's; so is a line that no column can
//! go on into (set in after a column's open line, or ending no sentence
//! between columns that ended their paragraphs and open new ones below, or
//! above a row that opens a story with a dateline on the left).
//! Two articles' headlines side by side on one row above the band (far
//! apart at the gutter, narrower than the columns' lines, ending no
//! sentence) go each with its side's columns, and so does a line over the
//! right side alone near them; a centred headline whose words a layout
//! writer set a few words apart stays whole.
//! A paragraph's last line after its column's open line is the column's
//! across a blank row (pdfplumber's layout mode writes one where the other
//! column's lines sit lower). Rows whose gutter collapsed to
//! one space are cut at it beforehand ([`collapsed`]), so they read as rows
//! that show it.

mod collapsed;

use std::collections::BTreeMap;
use std::ops::Range;

use super::grid::{Block, Grid, Row};
use crate::config::ColumnsConfig;
use crate::passes::unwrap::is_dateline;
use crate::text::ends_sentence;
pub(super) use collapsed::collapsed_gutters;

/// Gutter positions tried per region (the most frequent column starts).
const MAX_CANDIDATES: usize = 16;
/// Nesting depth of cuts; pages have a handful of columns, this bounds the
/// work on odd input.
const MAX_DEPTH: usize = 8;

/// A run of rows cut by a gutter whose right column starts at cell `x`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Band {
    pub x: usize,
    /// Rows of the band (indices into the grid).
    pub rows: Range<usize>,
    /// From the first to the last row that shows the gutter with text on
    /// both sides.
    core: Range<usize>,
    /// Rows whose right part starts within the indent tolerance of `x`.
    pub aligned: usize,
    /// Rows whose right part starts exactly at `x`.
    pub exact: usize,
    /// Rows taken in although they cross the gutter's probe
    /// ([`Cutter::take_rows_reaching_into_the_probe`]).
    uneven: usize,
}

/// The reading order found for a text.
#[derive(Debug, Default)]
pub(super) struct Layout {
    /// Byte ranges of the output lines in reading order; an empty range is a
    /// blank line.
    pub lines: Vec<Range<usize>>,
    /// Every band that was cut.
    pub cuts: Vec<Band>,
    /// How well this cell system lines the columns up: the cut bands' rows
    /// whose right part is aligned, then those that start exactly at the
    /// gutter.
    pub score: (usize, usize),
    /// Output lines that still hold a gap of `min_gap` cells or more: text
    /// of two columns left on one line if this cell system is the wrong one.
    pub residual: usize,
    /// Rows whose gutter had collapsed to one space and that were split at
    /// it ([`collapsed_gutters`]).
    pub collapsed: usize,
    /// Rows cut although their right part does not line up with its column
    /// (see [`BlockSplit::uneven`](super::grid::BlockSplit)), or although
    /// they cross the gutter's probe
    /// ([`Cutter::take_rows_reaching_into_the_probe`]).
    pub uneven: usize,
}

impl Layout {
    /// The lines left with a wide gap, counting the rows cut although
    /// they did not line up (`uneven`) as they were before they were cut:
    /// what the cell systems and the seams are weighed by.
    pub fn wide_gap_rows(&self) -> usize {
        self.residual + self.uneven
    }
}

/// Rows `rows`, cells `[x0, x1)`.
#[derive(Debug, Clone)]
struct Region {
    rows: Range<usize>,
    x0: usize,
    x1: usize,
}

impl Region {
    fn is_whole_page(&self) -> bool {
        self.x0 == 0 && self.x1 == usize::MAX
    }
}

/// Where a row's text lies relative to a gutter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Side {
    Blank,
    Left,
    Right,
    Both,
    /// Text in the gutter itself.
    Cross,
}

#[derive(Debug, Clone, Copy)]
struct RowSides {
    side: Side,
    /// The right part starts within the indent tolerance of the gutter.
    aligned: bool,
    /// The right part starts exactly at the gutter.
    exact: bool,
    /// Widest block on each side (display cells).
    left_width: usize,
    right_width: usize,
    /// Where the first block on each side starts (`usize::MAX` for none).
    left_start: usize,
    right_start: usize,
    /// Where the last block on each side ends (0 for none).
    left_end: usize,
    right_end: usize,
    /// The last block on each side ends a sentence.
    left_ends_sentence: bool,
    right_ends_sentence: bool,
    /// The first block on the left opens a story with a dateline
    /// (`本报讯`, `新华社北京…电`).
    left_dateline: bool,
}

/// Where the blocks as wide as a column (`min_column_width`) lie in a
/// region: a gutter needs such a block on either side on the rows that
/// show it, so most gutters of a table (fields narrower than a column)
/// are ruled out without looking at the rows.
struct WideBlocks {
    /// The leftmost end of one.
    first_end: usize,
    /// The rightmost start of one.
    last_start: Option<usize>,
    min_gap: usize,
}

impl WideBlocks {
    /// A row that does not cross a gutter at `x` may hold a wide block
    /// left of it (ending a gap before it).
    fn may_be_left_of(&self, x: usize) -> bool {
        self.first_end.saturating_add(self.min_gap) <= x
    }

    /// A wide block may start at `x` or right of it.
    fn may_be_right_of(&self, x: usize) -> bool {
        self.last_start.is_some_and(|start| start >= x)
    }
}

/// Finds the reading order of `grid`.
/// `merge`: bands of one grid split a cell apart are merged
/// ([`Cutter::merge_neighbours`]); asked only once the grid's layout was
/// chosen, so that the choice is made on the bands as the rows show them.
pub(super) fn layout(grid: &Grid, config: &ColumnsConfig, merge: bool) -> Layout {
    let mut cutter = Cutter {
        grid,
        config,
        merge,
        out: Layout::default(),
    };
    cutter.region(
        Region {
            rows: 0..grid.rows.len(),
            x0: 0,
            x1: usize::MAX,
        },
        0,
    );
    cutter.out
}

struct Cutter<'g, 'a> {
    grid: &'g Grid<'a>,
    config: &'g ColumnsConfig,
    merge: bool,
    out: Layout,
}

impl Cutter<'_, '_> {
    fn row(&self, r: usize) -> &Row {
        &self.grid.rows[r]
    }

    fn blocks(&self, r: usize, region: &Region) -> &[Block] {
        self.grid.blocks_in(r, region.x0, region.x1)
    }

    /// Emits the lines of `region` in reading order.
    fn region(&mut self, region: Region, depth: usize) {
        let bands = if depth < MAX_DEPTH {
            self.select_bands(&region)
        } else {
            Vec::new()
        };
        if bands.is_empty() {
            return self.leaf(&region);
        }
        let mut next = region.rows.start;
        for band in bands {
            if next < band.rows.start {
                let above = Region {
                    rows: next..band.rows.start,
                    ..region.clone()
                };
                self.region(above, depth + 1);
            }
            // The left part starts at its leftmost text, as the right part
            // starts at the gutter: a page margin before the first column
            // (pdfplumber's layout mode keeps the page's) is padding, so
            // that the columns' indents are measured alike.
            let left_edge = band
                .rows
                .clone()
                .filter_map(|r| self.grid.blocks_in(r, region.x0, band.x).first())
                .map(|b| b.xs)
                .min()
                .map_or(region.x0, |x| x.max(region.x0));
            let left = Region {
                rows: band.rows.clone(),
                x0: left_edge,
                x1: band.x,
            };
            let right = Region {
                rows: band.rows.clone(),
                x0: band.x,
                x1: region.x1,
            };
            self.region(left, depth + 1);
            self.region(right, depth + 1);
            next = band.rows.end;
            self.out.score.0 += band.aligned;
            self.out.score.1 += band.exact;
            self.out.uneven += band.uneven;
            self.out.cuts.push(band);
        }
        if next < region.rows.end {
            let below = Region {
                rows: next..region.rows.end,
                ..region
            };
            self.region(below, depth + 1);
        }
    }

    /// A region without gutters: one output line per row. Outside every
    /// band the rows stay exactly as they are; inside a column, the column's
    /// text from its left edge (indent kept, padding dropped), rows where
    /// the column is empty left out, and a run of blank rows kept as one
    /// blank line.
    fn leaf(&mut self, region: &Region) {
        self.out.residual += region
            .rows
            .clone()
            .filter(|&r| self.blocks(r, region).len() > 1)
            .count();
        if region.is_whole_page() {
            for r in region.rows.clone() {
                self.out.lines.push(self.row(r).bytes.clone());
            }
            return;
        }
        let mut blank: Option<usize> = None;
        let mut emitted = false;
        for r in region.rows.clone() {
            let Some(last) = self.blocks(r, region).last() else {
                if emitted && blank.is_none() && self.grid.is_blank(r) {
                    blank = Some(r);
                }
                continue;
            };
            let end = last.bytes.end;
            let start = self.grid.byte_at(r, region.x0);
            if let Some(b) = blank.take() {
                let at = self.row(b).bytes.start;
                self.out.lines.push(at..at);
            }
            self.out.lines.push(start..end);
            emitted = true;
        }
    }

    /// The bands to cut `region` into: non-overlapping, in row order.
    fn select_bands(&self, region: &Region) -> Vec<Band> {
        // A band needs a block as wide as a column on each side
        // ([`Self::wide_enough`]): a gutter where none can lie is not tried.
        let wide = self.wide_blocks(region);
        let mut bands: Vec<Band> = self
            .candidates(region)
            .into_iter()
            .filter(|&x| {
                let may = wide.may_be_left_of(x) && wide.may_be_right_of(x);
                debug_assert!(may || self.bands_at(region, x).is_empty());
                may
            })
            .flat_map(|x| self.bands_at(region, x))
            .collect();
        self.trim(region, &mut bands);
        // The tallest band is cut first (X-Y cut: the outermost gutter), then
        // the best aligned.
        bands.sort_by(|a, b| {
            (b.rows.len(), b.exact, a.x, a.rows.start).cmp(&(
                a.rows.len(),
                a.exact,
                b.x,
                b.rows.start,
            ))
        });
        let mut chosen: BTreeMap<usize, Band> = BTreeMap::new();
        for band in bands {
            let overlaps_before = chosen
                .range(..band.rows.end)
                .next_back()
                .is_some_and(|(_, c)| c.rows.end > band.rows.start);
            if !overlaps_before {
                chosen.insert(band.rows.start, band);
            }
        }
        let mut bands: Vec<Band> = chosen.into_values().collect();
        self.take_drifting_first_rows(region, &mut bands);
        let mut bands = if self.merge {
            self.merge_neighbours(region, bands)
        } else {
            bands
        };
        self.take_rows_reaching_into_the_probe(region, &mut bands);
        bands
    }

    /// The rows right above or right below a band (`bands`: the chosen
    /// ones, in row order), one after another, that cross its gutter only
    /// by a left part reaching
    /// into the probe, ending before the column's first cell, with text
    /// right of the gutter after a wide gap, and as wide as the band's left
    /// lines (a column's line, not a headline across the columns): a
    /// column line beside a subheading or a byline set apart in the right
    /// column, where the gutter is narrower than the probe on this row
    /// (PyMuPDF's sorted text). Such rows join the band, and count as
    /// uneven (they were left with a wide gap before).
    fn take_rows_reaching_into_the_probe(&self, region: &Region, bands: &mut [Band]) {
        let mut floor = region.rows.start;
        for k in 0..bands.len() {
            let ceiling = bands.get(k + 1).map_or(region.rows.end, |b| b.rows.start);
            let (x, rows) = (bands[k].x, bands[k].rows.clone());
            let body_left = (rows.clone())
                .map(|r| self.sides(r, region, x))
                .filter(|s| s.side == Side::Both)
                .map(|s| s.left_width)
                .max()
                .unwrap_or(0);
            let reaches = |r: usize| {
                let blocks = self.blocks(r, region);
                let (left, right) = blocks.split_at(blocks.partition_point(|b| b.xs < x));
                !self.row(r).barrier
                    && !right.is_empty()
                    && left.last().is_some_and(|last| last.xe < x)
                    && self.crosses(blocks, x)
                    && left.iter().map(|b| b.width).sum::<usize>() * 5 >= body_left * 4
            };
            let mut start = rows.start;
            while start > floor && reaches(start - 1) {
                start -= 1;
            }
            let mut end = rows.end;
            while end < ceiling && reaches(end) {
                end += 1;
            }
            let band = &mut bands[k];
            band.uneven = (rows.start - start) + (end - rows.end);
            band.rows = start..end;
            floor = end;
        }
    }

    /// A row right above a band's first row, where that row's right part
    /// lines up, may drift right of the gutter ([`Self::drifts_right_of`]):
    /// a column's first line (a dateline with a reporter's name set apart)
    /// beside the other column's first line. Asked only of the chosen
    /// gutters (`bands`, in row order): the drift would lend a row to a
    /// gutter no column starts at.
    fn take_drifting_first_rows(&self, region: &Region, bands: &mut [Band]) {
        let mut floor = region.rows.start;
        for band in bands {
            let first = band.rows.start;
            if first > floor && first == band.core.start {
                let below = self.sides(first, region, band.x);
                let above = first - 1;
                if below.side == Side::Both
                    && below.aligned
                    && !self.row(above).barrier
                    && self.sides(above, region, band.x).side == Side::Cross
                    && self.sides_with(above, region, band.x, true).side == Side::Both
                {
                    band.rows.start = above;
                    band.core.start = above;
                }
            }
            floor = band.rows.end;
        }
    }

    /// Bands of one column grid split where the right column starts a cell
    /// further left on some rows: an extractor that writes each line of a
    /// row after the one before (PyMuPDF's sorted text) starts it a cell
    /// early where the left line is long, and those rows cross the
    /// gutter's probe, or make a band of their own at the gutter a cell to
    /// the left. Two bands, each starting and ending at a row with text on
    /// both sides, whose gutters are at most a cell apart, are one band
    /// at the left one (or a cell left of their common one) where every
    /// row between them has text on both sides of it and no block of
    /// their rows runs across it. Articles stacked on one grid stay
    /// apart: a headline and blank rows stand between them. A row with a
    /// control character between them is never cut, so it keeps them
    /// apart too (a fuzz finding: a row whose gutter held U+001E was cut
    /// as a merged band's row).
    fn merge_neighbours(&self, region: &Region, bands: Vec<Band>) -> Vec<Band> {
        let straddles =
            |r: usize, x: usize| self.blocks(r, region).iter().any(|b| b.xs < x && b.xe > x);
        let both_sides = |r: usize, x: usize| {
            let blocks = self.blocks(r, region);
            blocks.iter().any(|b| b.xe <= x) && blocks.iter().any(|b| b.xs >= x)
        };
        let mut merged: Vec<Band> = Vec::with_capacity(bands.len());
        for band in bands {
            if let Some(above) = merged.last_mut() {
                let x = if above.x == band.x {
                    above.x.saturating_sub(1)
                } else {
                    above.x.min(band.x)
                };
                let gap = above.rows.end..band.rows.start;
                if above.x.abs_diff(band.x) <= 1
                    && above.core.end == above.rows.end
                    && band.core.start == band.rows.start
                    && gap
                        .clone()
                        .all(|r| !self.row(r).barrier && both_sides(r, x))
                    && !(above.rows.start..band.rows.end).any(|r| straddles(r, x))
                {
                    above.x = x;
                    above.rows.end = band.rows.end;
                    above.core.end = band.core.end;
                    above.aligned += band.aligned;
                    above.exact += band.exact;
                    continue;
                }
            }
            merged.push(band);
        }
        merged
    }

    /// The cells where text starts after a gap on the rows of `region`
    /// (rows with a control character left out), sorted.
    fn text_starts(&self, region: &Region) -> Vec<usize> {
        let gap = self.config.min_gap;
        let mut starts = Vec::new();
        for r in region.rows.clone() {
            if self.row(r).barrier {
                continue;
            }
            for (i, b) in self.blocks(r, region).iter().enumerate() {
                if i > 0 || b.xs >= region.x0 + gap {
                    starts.push(b.xs);
                }
            }
        }
        starts.sort_unstable();
        starts
    }

    /// Cells where a right column may start: the most frequent starts of a
    /// block after a gap, counting starts up to the indent tolerance
    /// further right as the same column.
    fn candidates(&self, region: &Region) -> Vec<usize> {
        let starts = self.text_starts(region);
        let mut counted: Vec<(usize, usize)> = Vec::new();
        let mut hi = 0;
        for (lo, &x) in starts.iter().enumerate() {
            if lo > 0 && starts[lo - 1] == x {
                continue;
            }
            hi = hi.max(lo);
            while hi < starts.len() && starts[hi] <= x + self.config.indent_tolerance {
                hi += 1;
            }
            if hi - lo >= 2 {
                counted.push((hi - lo, x));
            }
        }
        counted.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        counted.truncate(MAX_CANDIDATES);
        counted.into_iter().map(|(_, x)| x).collect()
    }

    /// Where the blocks of `region` as wide as a column lie.
    fn wide_blocks(&self, region: &Region) -> WideBlocks {
        let mut wide = WideBlocks {
            first_end: usize::MAX,
            last_start: None,
            min_gap: self.config.min_gap,
        };
        for r in region.rows.clone() {
            for b in self.blocks(r, region) {
                if b.width >= self.config.min_column_width {
                    wide.first_end = wide.first_end.min(b.xe);
                    wide.last_start = wide.last_start.max(Some(b.xs));
                }
            }
        }
        wide
    }

    /// Some block reaches into the probe `[x - min_gap, x)` of a gutter
    /// whose right column starts at `x`.
    fn crosses(&self, blocks: &[Block], x: usize) -> bool {
        let i = blocks.partition_point(|b| b.xs < x);
        i > 0 && blocks[i - 1].xe + self.config.min_gap > x
    }

    /// A row that reaches into the probe of a gutter at `x` only by the
    /// spaces it has inside its left part beyond one in each gap, with a
    /// gap of twice the gutter's least width after that part and text
    /// beyond: a layout writer that places text by its character count
    /// drifts right on a line with wide spaces inside
    /// (`本报讯（记者   韩冰）…`), so the row's own gutter lies right of
    /// the others'.
    fn drifts_right_of(&self, blocks: &[Block], x: usize) -> bool {
        let i = blocks.partition_point(|b| b.xs < x);
        let (left, right) = blocks.split_at(i);
        let (Some(last), Some(next)) = (left.last(), right.first()) else {
            return false;
        };
        if last.xe > x || next.xs < last.xe + 2 * self.config.min_gap {
            return false;
        }
        let between = left.windows(2).map(|pair| pair[1].xs - pair[0].xe);
        let inside = left
            .iter()
            .flat_map(|b| self.grid.inner_gaps(b, usize::MAX))
            .map(|gap| gap.xe - gap.xs);
        let extra: usize = between.chain(inside).map(|w| w.saturating_sub(1)).sum();
        last.xe.saturating_sub(extra) + self.config.min_gap <= x
    }

    fn sides(&self, r: usize, region: &Region, x: usize) -> RowSides {
        self.sides_with(r, region, x, false)
    }

    /// [`Self::sides`], where `drift` lets a row that drifts right of the
    /// gutter ([`Self::drifts_right_of`]) not cross it.
    fn sides_with(&self, r: usize, region: &Region, x: usize, drift: bool) -> RowSides {
        let mut sides = RowSides {
            side: Side::Cross,
            aligned: false,
            exact: false,
            left_width: 0,
            right_width: 0,
            left_start: usize::MAX,
            right_start: usize::MAX,
            left_end: 0,
            right_end: 0,
            left_ends_sentence: false,
            right_ends_sentence: false,
            left_dateline: false,
        };
        if self.row(r).barrier {
            return sides;
        }
        let blocks = self.blocks(r, region);
        if self.crosses(blocks, x) && !(drift && self.drifts_right_of(blocks, x)) {
            return sides;
        }
        let (left, right) = blocks.split_at(blocks.partition_point(|b| b.xs < x));
        sides.side = match (left.is_empty(), right.is_empty()) {
            (true, true) => Side::Blank,
            (false, true) => Side::Left,
            (true, false) => Side::Right,
            (false, false) => Side::Both,
        };
        if let Some(first) = right.first() {
            sides.aligned = first.xs <= x + self.config.indent_tolerance;
            sides.exact = first.xs == x;
        }
        sides.left_width = left.iter().map(|b| b.width).max().unwrap_or(0);
        sides.right_width = right.iter().map(|b| b.width).max().unwrap_or(0);
        sides.left_start = left.first().map_or(usize::MAX, |b| b.xs);
        sides.right_start = right.first().map_or(usize::MAX, |b| b.xs);
        sides.left_end = left.last().map_or(0, |b| b.xe);
        sides.right_end = right.last().map_or(0, |b| b.xe);
        let ends_sentence = |blocks: &[Block]| {
            blocks
                .last()
                .is_some_and(|b| ends_sentence(&self.grid.text[b.bytes.clone()]))
        };
        sides.left_ends_sentence = ends_sentence(left);
        sides.right_ends_sentence = ends_sentence(right);
        sides.left_dateline = left
            .first()
            .is_some_and(|b| is_dateline(&self.grid.text[b.bytes.clone()]));
        sides
    }

    /// The bands a gutter at `x` makes in `region`: runs of rows that do not
    /// cross it and show it clearly enough.
    fn bands_at(&self, region: &Region, x: usize) -> Vec<Band> {
        let sides: Vec<RowSides> = region
            .rows
            .clone()
            .map(|r| self.sides(r, region, x))
            .collect();
        let mut bands = Vec::new();
        let mut i = 0;
        while i < sides.len() {
            if sides[i].side == Side::Cross {
                i += 1;
                continue;
            }
            let start = i;
            while i < sides.len() && sides[i].side != Side::Cross {
                i += 1;
            }
            // The run ends at a row that crosses the gutter, not at the
            // region's or the page's end (a form feed's row).
            let crossed = i < sides.len() && !self.row(region.rows.start + i).barrier;
            for part in self.stacked_parts(&sides[start..i], crossed) {
                let offset = region.rows.start + start + part.start;
                if let Some(band) = self.band_in_run(&sides[start..i][part], offset, x, crossed) {
                    bands.push(band);
                }
            }
        }
        bands
    }

    /// A run of compatible rows in parts, one per band stacked on the same
    /// gutter: two articles set one above the other on one column grid,
    /// the second under its own headline, make one run (the headline is
    /// narrower than the page and does not cross the gutter). A part ends
    /// at the blank row above that headline, in a stretch of rows without
    /// text on both sides between rows with it ([`headline_gap`]). A column
    /// that ends early (no row after it has both sides), a photo beside the
    /// other column (its body lines go on), or a blank row in both columns
    /// with no line after it splits nothing; nor does a stretch that would
    /// leave a part with fewer than `min_lines` rows with both sides, but
    /// for the part after it where a row crossing the gutter ends the run
    /// (`crossed`: the next article's first rows, then its own columns).
    fn stacked_parts(&self, run: &[RowSides], crossed: bool) -> Vec<Range<usize>> {
        let both: Vec<usize> = (0..run.len())
            .filter(|&k| run[k].side == Side::Both)
            .collect();
        let min = self.config.min_lines;
        let body = body_widths(run);
        let margins = margins(run);
        let mut parts = Vec::new();
        let (mut start, mut both_before) = (0, 0);
        for (n, pair) in both.windows(2).enumerate() {
            both_before += 1;
            let both_after = both.len() - (n + 1);
            let gap = headline_gap(
                &run[pair[0]..=pair[1]],
                body,
                margins,
                self.config.indent_tolerance,
            );
            // Where a row crossing the gutter ends the run, the rows after
            // a headline gap are the next article's however few (its first
            // row, before its own columns cross this gutter).
            let enough_after = both_after >= min || crossed;
            if let Some(gap) = gap.filter(|_| both_before >= min && enough_after) {
                let cut = pair[0] + 1 + gap;
                parts.push(start..cut);
                start = cut;
                both_before = 0;
            }
        }
        parts.push(start..run.len());
        parts
    }

    /// The band a run of compatible rows (first row `offset`) makes, if the
    /// gutter shows on enough of them. It reaches from its core's first row
    /// (and any rows above it that hold only left text: a headline over the
    /// left column, or only right text well right of the page's middle: the
    /// kicker of an article set beside another) down to the end of the run
    /// (a column may end early), or, where the run is `crossed` (ended by a
    /// row that crosses the gutter), to the blank row above a headline there
    /// ([`headline_below`]).
    fn band_in_run(
        &self,
        run: &[RowSides],
        offset: usize,
        x: usize,
        crossed: bool,
    ) -> Option<Band> {
        let core = self
            .side_by_side_core(run)
            .or_else(|| self.interleaved_core(run))?;
        let mut start = core.start;
        // A line over the right part alone (the kicker of an article set
        // beside another, centred over its columns: right of the page's
        // middle by a fifth of the page) goes with it too, but not one
        // near the page's middle: a short headline over all the columns.
        let page = self.grid.right_edge;
        let over_right = |s: &RowSides| (s.right_start + s.right_end) * 5 > page * 6;
        // Rows above the first row that lines up, with text on both sides
        // apart at the gutter, narrower than the columns' body lines and
        // ending no sentence, a quarter of the page apart, are two heads
        // side by side (two articles' headlines, each over its own
        // columns): no line across the page leaves the gutter clear. With
        // them, a line over the right part alone is the right article's
        // head too, wherever it stands.
        let body = body_widths(run);
        let head_pair = |s: &RowSides| {
            s.side == Side::Both
                && !s.aligned
                && !s.left_ends_sentence
                && !s.right_ends_sentence
                && s.left_width * 4 < body.0 * 3
                && s.right_width * 4 < body.1 * 3
                // Far apart: a centred headline whose words a layout
                // writer set apart leaves a gap of a few words.
                && s.right_start.saturating_sub(s.left_end) * 4 >= page
        };
        let first_aligned = (run.iter())
            .position(|s| s.side == Side::Both && s.aligned)
            .unwrap_or(core.start);
        let heads_side_by_side = run[..first_aligned]
            .iter()
            .rev()
            .take_while(|s| s.side != Side::Cross)
            .any(head_pair);
        while start > 0
            && match run[start - 1].side {
                Side::Blank | Side::Left => true,
                Side::Right => heads_side_by_side || over_right(&run[start - 1]),
                Side::Both => heads_side_by_side && head_pair(&run[start - 1]),
                Side::Cross => false,
            }
        {
            start -= 1;
        }
        // Where a row crossing the gutter ends the run (the next article's
        // own columns), a headline may stand above it.
        let end = if crossed {
            let set_in = self.config.indent_tolerance * 2;
            core.end + headline_below(&run[core.end..], body_widths(run), margins(run), set_in)
        } else {
            run.len()
        };
        Some(Band {
            x,
            rows: offset + start..offset + end,
            core: offset + core.start..offset + core.end,
            aligned: run[start..end].iter().filter(|s| s.aligned).count(),
            exact: run[start..end].iter().filter(|s| s.exact).count(),
            uneven: 0,
        })
    }

    /// The usual merged columns: at least `min_lines` rows with text on
    /// both sides, the right column lining up on as many. The core starts
    /// at the first row whose right part lines up, or at a row with text on
    /// both sides above it (a headline row over both columns), but not
    /// across a blank row where text on the right stands above that row:
    /// there it is another structure's (the last row of the columns above,
    /// its right part a byline further right).
    fn side_by_side_core(&self, run: &[RowSides]) -> Option<Range<usize>> {
        let both = |s: &RowSides| s.side == Side::Both;
        let shows = run.iter().position(|s| both(s) && s.aligned)?;
        let after_blank = run[..shows]
            .iter()
            .rposition(|s| s.side == Side::Blank)
            .map_or(0, |b| b + 1);
        // Across a blank row, a row with text on both sides is this
        // structure's where it stands under this structure's headline: the
        // rows above it in the run hold text on the left only (an extractor
        // that keeps the rows' vertical gaps puts a blank row under a
        // byline and subheading row too). First in the run, right under a
        // row that crosses the gutter, it is the last row of the columns
        // above.
        let first_row = run[..after_blank].iter().rposition(both).filter(|&k| {
            let above = &run[..k];
            above.iter().any(|s| s.side == Side::Left)
                && above
                    .iter()
                    .all(|s| matches!(s.side, Side::Left | Side::Blank))
        });
        let start = first_row
            .or_else(|| (after_blank..shows).find(|&k| both(&run[k])))
            .unwrap_or(shows);
        let core = start..run.iter().rposition(both)? + 1;
        let rows = &run[core.clone()];
        let min = self.config.min_lines;
        let enough = rows.iter().filter(|s| both(s)).count() >= min
            && rows.iter().filter(|s| s.aligned).count() >= min
            && self.wide_enough(rows);
        enough.then_some(core)
    }

    /// Columns set on different baselines (one half a line lower) come out
    /// on alternate rows, never side by side: each row holds one column's
    /// text, left of the gutter or starting at it. Believed only when both
    /// sides have at least `min_lines` rows of nearly their full width and
    /// the rows switch sides that often, and the two sides are about as
    /// wide as each other (two columns of one grid), so an indented item or
    /// a byline under a paragraph is never taken for a column.
    fn interleaved_core(&self, run: &[RowSides]) -> Option<Range<usize>> {
        let right = |s: &RowSides| s.side == Side::Right && s.aligned;
        let core = run.iter().position(right)?..run.iter().rposition(right)? + 1;
        let rows = &run[core.clone()];
        if !self.wide_enough(rows) {
            return None;
        }
        let widest_left = rows.iter().map(|s| s.left_width).max().unwrap_or(0);
        let widest_right = rows.iter().map(|s| s.right_width).max().unwrap_or(0);
        let full_left = rows
            .iter()
            .filter(|s| s.side == Side::Left && s.left_width * 5 >= widest_left * 4)
            .count();
        let full_right = rows
            .iter()
            .filter(|s| right(s) && s.right_width * 5 >= widest_right * 4)
            .count();
        let mut switches = 0;
        let mut previous = None;
        for s in rows
            .iter()
            .filter(|s| matches!(s.side, Side::Left | Side::Right))
        {
            if previous.is_some_and(|p| p != s.side) {
                switches += 1;
            }
            previous = Some(s.side);
        }
        let balanced = widest_left * 4 >= widest_right * 3 && widest_right * 4 >= widest_left * 3;
        let min = self.config.min_lines;
        (balanced && full_left >= min && full_right >= min && switches >= 2 * min).then_some(core)
    }

    /// The widest line on each side reaches the narrowest column width.
    fn wide_enough(&self, rows: &[RowSides]) -> bool {
        let widest = |f: fn(&RowSides) -> usize| rows.iter().map(f).max().unwrap_or(0);
        widest(|s| s.left_width) >= self.config.min_column_width
            && widest(|s| s.right_width) >= self.config.min_column_width
    }

    /// Trims each band's rows outside its core: blank rows, and rows that
    /// cross a sibling gutter (one whose core overlaps this band's core):
    /// such a row is a headline above or below the whole structure (the
    /// next article's title under a short last column), not part of it.
    fn trim(&self, region: &Region, bands: &mut [Band]) {
        let mut cores: BTreeMap<usize, Vec<Range<usize>>> = BTreeMap::new();
        for b in bands.iter() {
            cores.entry(b.x).or_default().push(b.core.clone());
        }
        for list in cores.values_mut() {
            list.sort_by_key(|c| c.start);
        }
        for band in bands.iter_mut() {
            let siblings: Vec<usize> = cores
                .iter()
                .filter(|(&x, list)| {
                    x != band.x && {
                        let i = list.partition_point(|c| c.end <= band.core.start);
                        list.get(i).is_some_and(|c| c.start < band.core.end)
                    }
                })
                .map(|(&x, _)| x)
                .collect();
            let outside = |r: usize| {
                let blocks = self.blocks(r, region);
                blocks.is_empty() || siblings.iter().any(|&x| self.crosses(blocks, x))
            };
            while band.rows.start < band.core.start && outside(band.rows.start) {
                band.rows.start += 1;
            }
            while band.rows.end > band.core.end && outside(band.rows.end - 1) {
                band.rows.end -= 1;
            }
        }
    }
}

/// The widest left and right parts of the rows with text on both sides:
/// the columns' body lines.
fn body_widths(run: &[RowSides]) -> (usize, usize) {
    run.iter()
        .filter(|s| s.side == Side::Both)
        .fold((0, 0), |(l, r), s| {
            (l.max(s.left_width), r.max(s.right_width))
        })
}

/// Where the rows `below` a band's core stop being the band's: at the
/// blank row before the next article's headline, when nothing after that
/// row is as wide as the columns' body lines (`body`, [`headline_gap`])
/// unless set in more than `set_in` cells from its side's margin; or at
/// the first blank row before a line set in so (a centred kicker or
/// headline), whatever follows it (the next article's first rows, which
/// may cross none of these gutters).
/// The run of rows that do not cross the gutter ends at the next article's
/// own columns, so its headline, which crosses none of them, and the space
/// above it would otherwise be read as the end of the left column.
/// `below.len()` where every row is the band's: a column that ends lower
/// than the other, or blank rows only.
fn headline_below(
    below: &[RowSides],
    body: (usize, usize),
    (left, right): (usize, usize),
    set_in: usize,
) -> usize {
    // A blank row before a centred line: the next article's head starts
    // there, whatever follows it (its own first rows, which cross no
    // gutter of these columns).
    let centred_head = (0..below.len()).find(|&i| {
        below[i].side == Side::Blank
            && below[i..]
                .iter()
                .find(|s| s.side != Side::Blank)
                .is_some_and(|s| centred(s, (left, right), set_in))
    });
    let mut end = below.len();
    let mut text_after = false;
    for (i, s) in below.iter().enumerate().rev() {
        match s.side {
            Side::Blank if text_after => end = i,
            Side::Blank => {}
            Side::Left | Side::Right if headline_like(s, body, (left, right), set_in) => {
                text_after = true
            }
            _ => break,
        }
    }
    centred_head.map_or(end, |head| head.min(end))
}

/// Where the columns' body lines start on each side: the leftmost start
/// among the rows with text on both sides.
fn margins(run: &[RowSides]) -> (usize, usize) {
    run.iter()
        .filter(|s| s.side == Side::Both)
        .fold((usize::MAX, usize::MAX), |(l, r), s| {
            (l.min(s.left_start), r.min(s.right_start))
        })
}

/// Where the rows after a row with text on both sides (`rows[0]`), up to
/// the next such row, hold the space and headline between two articles:
/// the index in `rows[1..]` of the blank row that starts it. From that row
/// on every line may be a headline ([`headline_like`]: narrower than its
/// side's body lines, or centred), and some line follows it (the
/// headline). Lines before it are the columns' last lines (one column ends
/// lower, at any width), and so is a paragraph's last line at its side's
/// margin after that side's full line that ended no sentence, across blank
/// rows (an extractor that keeps the rows' vertical gaps writes one where
/// the other column's lines sit lower: a subheading). Blank rows without a
/// line after them are the columns' own space that falls on one row (a
/// subheading or a paragraph set apart in each), not the next article's.
/// A line that ends no sentence is a headline too, however wide and
/// wherever set, where both columns ended their paragraphs and open new
/// ones below, or where the row below opens a story on the left with a
/// dateline (`本报讯…`: the next article's first row; a headline set flush
/// over its left column, `pdftotext -layout` at some page widths).
fn headline_gap(
    rows: &[RowSides],
    body: (usize, usize),
    margins: (usize, usize),
    tolerance: usize,
) -> Option<usize> {
    let set_in = tolerance * 2;
    let (above, stretch, below) = match rows {
        [above, stretch @ .., below] => (above, stretch, below),
        _ => return None,
    };
    // Each column opens a paragraph below (set in at an indent).
    let opens = |start: usize, margin: usize| start > margin && start <= margin + tolerance;
    let below_opens = opens(below.left_start, margins.0) && opens(below.right_start, margins.1);
    // The row below opens a story on the left (a dateline): the next
    // article starts there, whatever the columns above left open (a left
    // column's last line goes on at the top of the right one).
    let story_below = below.left_dateline;
    // Whether each side's last line goes on (full, ending no sentence).
    let goes_on = |s: &RowSides, side: Side| match side {
        Side::Left => !s.left_ends_sentence && s.left_width + FULL_SLACK >= body.0,
        _ => !s.right_ends_sentence && s.right_width + FULL_SLACK >= body.1,
    };
    // Whether each side's last line so far goes on.
    let mut open = [goes_on(above, Side::Left), goes_on(above, Side::Right)];
    let mut last_column_line = None;
    let mut heads = Vec::new();
    for (i, s) in stretch.iter().enumerate() {
        let (k, ends, start, margin) = match s.side {
            Side::Left => (0, s.left_ends_sentence, s.left_start, margins.0),
            Side::Right => (1, s.right_ends_sentence, s.right_start, margins.1),
            _ => continue,
        };
        if open[k] && ends && start == margin {
            last_column_line = Some(i);
        }
        // What a column's open line cannot go on into (set in further than
        // an indent) is no line of that column: its text went on in the
        // next column's top. Nor is a line that ends no sentence between
        // columns that both ended their paragraphs and both open one below
        // (the next article's headline, however wide).
        let set_in_further = open[k] && start > margin.saturating_add(tolerance);
        let between_articles = !ends && ((open == [false, false] && below_opens) || story_below);
        if set_in_further || between_articles {
            heads.push(i);
        }
        open[k] = goes_on(s, s.side);
    }
    let narrow_from = (0..stretch.len())
        .rev()
        .find(|&i| !headline_like(&stretch[i], body, margins, set_in) && !heads.contains(&i))
        .max(last_column_line)
        .map_or(0, |wide| wide + 1);
    let blank = narrow_from
        + stretch[narrow_from..]
            .iter()
            .position(|s| s.side == Side::Blank)?;
    stretch[blank..]
        .iter()
        .any(|s| matches!(s.side, Side::Left | Side::Right))
        .then_some(blank)
}

/// A row with text on one side only that may be a headline: narrower
/// than its side's body lines ([`narrower_than_body`]), or centred (set in
/// more than `set_in` cells from its side's margin, however wide: a
/// column's line starts at the margin or its indent).
fn headline_like(
    s: &RowSides,
    body: (usize, usize),
    (left, right): (usize, usize),
    set_in: usize,
) -> bool {
    centred(s, (left, right), set_in) || narrower_than_body(s, body)
}

/// A row with text on one side only set in more than `set_in` cells from
/// that side's margin.
fn centred(s: &RowSides, (left, right): (usize, usize), set_in: usize) -> bool {
    match s.side {
        Side::Left => s.left_start > left.saturating_add(set_in),
        Side::Right => s.right_start > right.saturating_add(set_in),
        _ => false,
    }
}

/// A row with text on one side only, narrower than that side's body lines
/// (`body`) by a fifth: a headline, a byline, a paragraph's last line; or
/// a row with text on neither side or both.
/// Display cells a column's full line may fall short of its body lines'
/// width (a Latin word or a number that did not fit).
const FULL_SLACK: usize = 4;

fn narrower_than_body(s: &RowSides, (left, right): (usize, usize)) -> bool {
    match s.side {
        Side::Left => s.left_width * 5 < left * 4,
        Side::Right => s.right_width * 5 < right * 4,
        _ => true,
    }
}
