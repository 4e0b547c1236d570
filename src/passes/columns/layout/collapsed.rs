//! Gutters that the extractor collapsed to one space.
//!
//! `pdftotext -layout` merges glyphs closer than about 0.7 em into one
//! word. Between columns set with a narrow gutter, a full left line and the
//! right column's line then come out as one run of text with a single space
//! between them (`…四川英能 得钠离子…`), and the right column starts
//! wherever the left line's characters happen to end, often well left of
//! its own cell. Only rows whose left line is short (a paragraph's last
//! line) show the gutter as spaces, at the column's cell `x`.
//!
//! A single space is content everywhere else (`本报讯 近日`, bylines,
//! letter-spaced lines), so one is taken for the gutter only with the
//! gutter in sight and the row shaped like a collapsed one:
//! - the row lies in a run of rows that do not cross the gutter otherwise,
//!   and at least `min_lines` rows of that run show it clearly (text on
//!   both sides, the right column aligned), both sides as wide as a column;
//! - the row's text runs through the gutter's probe, and exactly one of its
//!   gaps up to the indent tolerance past `x` can be the gutter: one whose
//!   right side starts at the column (the gutter narrower than the probe),
//!   or within [`SPREAD`] cells of where the right side starts on the other
//!   collapsed rows (their median, taken from the rows with one gap only:
//!   the full lines of a justified column have about the same number of
//!   characters). Two candidates (a letter-spaced line) cross the gutter;
//! - its two parts are lines of two columns: the left one (all the row's
//!   text before the gap, words set apart at their place included) full,
//!   at least 4/5 of the widest left part among the rows that show the
//!   gutter or collapsed it (a centred headline over the columns is narrower), the
//!   right one at most 5/4 of it (a line of one wide column split at a
//!   space has a longer rest).
//!
//! Where no gap of the block that runs into the probe can be the gutter,
//! a gap between it and the row's next or previous block may be, and the
//! row's two parts are still lines of two columns (as above) in a run
//! where a gutter collapsed on other rows (PyMuPDF's sorted text writes a
//! row's right line some spaces after its left one, wherever that one
//! ends): the gap before a right part that starts at most [`SPREAD`]
//! cells before the column, near where the collapsed rows' right parts
//! start, at a cell where no column starts (fewer than `min_lines` rows
//! start text there: `本报讯…受强冷  气温-1℃～5℃；` on a first line
//! shorter by its indent); or the gap after a left line that ends before
//! the column's first cell, the next block further right (a byline set
//! flush right in the right column: `…公司投           郭海洲何伟李思颖`).
//! Such rows show nothing themselves, and count as left with a wide gap
//! where the cell systems and the seams are weighed (as they were before
//! they were split).
//!
//! A row of the left column alone at the page's foot (the right column
//! ended higher) runs into the probe too where the gutter is narrower
//! than it: a full left line ends where the collapsed rows' right parts
//! start. Such a row with no gap, ending by `x`, no wider than the widest
//! left part and with only blank rows or lines that cross nothing below
//! it, has its end pulled back to the probe in a run that shows the
//! gutter, and stays in its column (not below the columns, where the
//! left column's last lines would follow the right column's).
//!
//! Without such rows nothing is split: a page of `本报讯 近日…` lines or of
//! two-name bylines has no gutter in sight, however its spaces line up.

use std::collections::BTreeMap;

use super::{Cutter, Layout, Region, Side};
use crate::config::ColumnsConfig;
use crate::passes::columns::grid::{BlockSplit, Grid, InnerGap};
use crate::text::display_width;

/// How many cells the collapsed rows' right parts may start from their
/// median: the left lines differ by a few narrow characters (digits, Latin).
const SPREAD: usize = 3;

/// A row as seen from one gutter.
enum Seen {
    /// Shows the gutter: text on both sides, the right part aligned.
    Clear {
        left_width: usize,
        right_width: usize,
    },
    /// Its text runs into the gutter's probe (`block`); the gaps where the
    /// gutter may have collapsed.
    Crossing {
        block: usize,
        gaps: Vec<GapAt>,
    },
    /// A crossing row read as collapsed at one of its gaps (boxed: few
    /// rows are, and a seen row is kept for every row of the page).
    Collapsed(Box<Collapse>),
    /// A crossing row with no gap where the gutter may be and nothing after
    /// it, ending by `x`, at the page's foot: a left
    /// column line as wide as the lines that collapsed (the other column
    /// ended higher), which runs into the
    /// probe only because the gutter is narrower than it. Its end is pulled
    /// back to the probe where the run shows the gutter (`width`: its
    /// display width, to compare with the column's).
    Alone {
        split: Box<BlockSplit>,
        width: usize,
    },
    /// Neither crosses the gutter nor shows it (blank, one side only).
    Open,
    Cross,
}

/// A gap of a crossing row where the gutter may have collapsed.
struct GapAt {
    /// The block the gap lies inside or after.
    block: usize,
    gap: InnerGap,
    kind: GapKind,
}

/// Where a gap of a crossing row lies.
#[derive(Clone, Copy, PartialEq, Eq)]
enum GapKind {
    /// Inside the block that runs into the probe, or after it with the
    /// next block starting by the indent tolerance past the column.
    Own,
    /// After it, the next block starting further right (a byline set flush
    /// right in the right column).
    Far,
    /// Before it: the block is the right part, started a few cells left of
    /// the column (PyMuPDF's sorted text writes a row's right line some
    /// spaces after its left one, wherever that one ends).
    Early,
}

struct Collapse {
    split: BlockSplit,
    /// The gap is as wide as a gutter and the right part starts at the
    /// column: the gutter shows, only narrower than the probe.
    wide: bool,
    left_width: usize,
    right_width: usize,
}

/// The blocks to cut where a gutter collapsed, in row order, the right part
/// moved to the gutter's cell.
pub(in crate::passes::columns) fn collapsed_gutters(
    grid: &Grid,
    config: &ColumnsConfig,
) -> Vec<BlockSplit> {
    let cutter = Cutter {
        grid,
        config,
        merge: false,
        out: Layout::default(),
    };
    let page = Region {
        rows: 0..grid.rows.len(),
        x0: 0,
        x1: usize::MAX,
    };
    let mut splits: BTreeMap<usize, BlockSplit> = BTreeMap::new();
    // The rows that show a gutter need a right part as wide as a column
    // ([`Cutter::shows_gutter`]): a gutter where none can start is not tried.
    let wide = cutter.wide_blocks(&page);
    for x in cutter.candidates(&page).into_iter().filter(|&x| {
        let may = wide.may_be_right_of(x);
        debug_assert!(may || cutter.collapsed_at(&page, x).is_empty());
        may
    }) {
        for split in cutter.collapsed_at(&page, x) {
            splits.entry(split.row).or_insert(split);
        }
    }
    splits.into_values().collect()
}

impl Cutter<'_, '_> {
    /// The rows of `region` (the whole page) whose gutter at `x` collapsed.
    fn collapsed_at(&self, region: &Region, x: usize) -> Vec<BlockSplit> {
        if !self.may_collapse_at(region, x) {
            debug_assert!(self.collapsed_at_measured(region, x).is_empty());
            return Vec::new();
        }
        self.collapsed_at_measured(region, x)
    }

    /// Whether some run of rows might pass [`Self::shows_gutter`] at `x`,
    /// told from the rows' blocks without measuring a gap: a table page
    /// has a candidate gutter on every few rows and measuring every
    /// crossing row at each of them was most of the pass's time there.
    /// It counts generously: a crossing row ends a run only where it has
    /// no gap at all (no space inside the block that reaches into the
    /// probe, no block before it or after it) and is no line alone on its
    /// row ([`Seen::Alone`]), and
    /// the bounds are:
    /// - a collapsed row that does not show the gutter needs an inner gap
    ///   (a gap after the block is as wide as a gutter and ends at `x` or
    ///   later: it shows it), so some crossing row's block is spaced;
    /// - the rows that show it are the clear ones and at most every
    ///   crossing row with a block after it, whose right part is that block.
    fn may_collapse_at(&self, region: &Region, x: usize) -> bool {
        let config = self.config;
        let until = x + config.indent_tolerance;
        let (mut clear, mut clear_right, mut spaced) = (0, 0, false);
        let passes = |clear: usize, clear_right: usize, spaced: bool| {
            spaced && clear >= config.min_lines && clear_right >= config.min_column_width
        };
        for r in region.rows.clone() {
            let sides = self.sides(r, region, x);
            match sides.side {
                Side::Both if sides.aligned => {
                    clear += 1;
                    clear_right = clear_right.max(sides.right_width);
                }
                Side::Cross => {
                    let blocks = self.blocks(r, region);
                    let index = blocks.partition_point(|b| b.xs < x).checked_sub(1);
                    let crossing = index.filter(|_| !self.row(r).barrier).map(|i| {
                        let after = blocks.get(i + 1).filter(|next| next.xs <= until);
                        // A gap before the block, or after it with the next
                        // block further right (an uneven right part: it
                        // keeps the run going, and shows nothing).
                        let other =
                            i > 0 || (after.is_none() && i + 1 < blocks.len() && blocks[i].xe < x);
                        let alone = i + 1 == blocks.len() && blocks[i].xe <= x;
                        (blocks[i].spaced, after, alone || other)
                    });
                    match crossing {
                        // A line alone on its row may be the left column's.
                        Some((false, None, true)) => {}
                        Some((inner, after, _)) if inner || after.is_some() => {
                            spaced |= inner;
                            if let Some(next) = after {
                                clear += 1;
                                clear_right = clear_right.max(next.width);
                            }
                        }
                        // No gap: the row ends the run.
                        _ => {
                            if passes(clear, clear_right, spaced) {
                                return true;
                            }
                            (clear, clear_right, spaced) = (0, 0, false);
                        }
                    }
                }
                _ => {}
            }
        }
        passes(clear, clear_right, spaced)
    }

    /// [`Self::collapsed_at`], measuring the gaps of every crossing row.
    fn collapsed_at_measured(&self, region: &Region, x: usize) -> Vec<BlockSplit> {
        let mut seen: Vec<Seen> = region
            .rows
            .clone()
            .map(|r| self.seen(r, region, x))
            .collect();
        if !seen.iter().any(|s| matches!(s, Seen::Crossing { .. })) {
            return Vec::new();
        }
        let mut starts: Vec<usize> = seen
            .iter()
            .filter_map(|s| match s {
                Seen::Crossing { gaps, .. } => {
                    let mut own = gaps.iter().filter(|g| g.kind == GapKind::Own);
                    match (own.next(), own.next()) {
                        (Some(g), None) if g.gap.xe < x => Some(g.gap.xe),
                        _ => None,
                    }
                }
                _ => None,
            })
            .collect();
        starts.sort_unstable();
        let median = starts.get(starts.len().saturating_sub(1) / 2).copied();
        // An early right part starts where no column does: at a cell where
        // as many rows start text after a gap as show a gutter, the column
        // starts there, and `x` is not its gutter. (Counted once a row has
        // an early gap.)
        let any_early = seen.iter().any(
            |s| matches!(s, Seen::Crossing { gaps, .. } if gaps.iter().any(|g| g.kind == GapKind::Early)),
        );
        let text_starts = if any_early {
            self.text_starts(region)
        } else {
            Vec::new()
        };
        let column_starts_at = |cell: usize| {
            let from = text_starts.partition_point(|&s| s < cell);
            let to = text_starts.partition_point(|&s| s <= cell);
            to - from >= self.config.min_lines
        };
        let fits = |g: &GapAt| {
            let near_median = median.is_some_and(|m| g.gap.xe.abs_diff(m) <= SPREAD);
            match g.kind {
                GapKind::Own | GapKind::Far => g.gap.xe >= x || near_median,
                GapKind::Early => {
                    near_median && g.gap.xe + SPREAD >= x && !column_starts_at(g.gap.xe)
                }
            }
        };
        for (r, s) in region.rows.clone().zip(seen.iter_mut()) {
            if let Seen::Crossing { block, gaps } = s {
                // The gaps of the block itself first; the others where none
                // of those fits.
                let own = gaps.iter().any(|g| g.kind == GapKind::Own && fits(g));
                let mut fitting =
                    (gaps.iter()).filter(|g| (g.kind == GapKind::Own) == own && fits(g));
                *s = match (fitting.next(), fitting.next()) {
                    (Some(g), None) => self.collapse(r, region, x, g),
                    (None, _) => self.alone(r, region, x, *block),
                    _ => Seen::Cross,
                };
            }
        }
        let widest_left = seen
            .iter()
            .map(|s| match s {
                Seen::Clear { left_width, .. } => *left_width,
                Seen::Collapsed(c) => c.left_width,
                _ => 0,
            })
            .max()
            .unwrap_or(0);
        let mut splits = Vec::new();
        for s in &mut seen {
            let column_lines = |c: &Collapse| {
                c.left_width * 5 >= widest_left * 4 && c.right_width * 4 <= widest_left * 5
            };
            // A line alone on its row is the left column's only where it
            // is no wider than the column's lines.
            if matches!(s, Seen::Collapsed(c) if !column_lines(c))
                || matches!(s, Seen::Alone { width, .. } if *width > widest_left)
            {
                *s = Seen::Cross;
            }
        }
        // A line alone is the left column's tail only at the page's foot
        // (below the last row with both columns, blank rows and lines that
        // cross nothing after it): between rows with both columns, or
        // above a row that crosses the gutter, the other column's blank
        // row (a subheading's space) may be a band's end too, and a grid
        // cut there reads its bands in the wrong order less often.
        let mut at_foot = true;
        for s in seen.iter_mut().rev() {
            match s {
                Seen::Cross | Seen::Clear { .. } | Seen::Collapsed(_) => at_foot = false,
                Seen::Alone { .. } if !at_foot => *s = Seen::Cross,
                _ => {}
            }
        }
        for run in seen.split_mut(|s| matches!(s, Seen::Cross)) {
            if !self.shows_gutter(run) {
                continue;
            }
            for s in run {
                match std::mem::replace(s, Seen::Open) {
                    Seen::Collapsed(c) => splits.push(c.split),
                    Seen::Alone { split, .. } => splits.push(*split),
                    _ => {}
                }
            }
        }
        splits
    }

    /// Enough rows of `run` show the gutter clearly (a gap as wide as a
    /// gutter, the right part aligned), some collapsed it, the left side is
    /// as wide as a column and so is the right side on the rows that show
    /// the gutter (a byline after a paragraph's last line is narrower).
    fn shows_gutter(&self, run: &[Seen]) -> bool {
        let (mut clear, mut collapsed, mut left, mut clear_right) = (0, 0, 0, 0);
        for s in run {
            let (shows, left_width, right_width) = match s {
                Seen::Clear {
                    left_width,
                    right_width,
                } => (true, *left_width, *right_width),
                Seen::Collapsed(c) => (c.wide, c.left_width, c.right_width),
                _ => continue,
            };
            left = left.max(left_width);
            if shows {
                clear += 1;
                clear_right = clear_right.max(right_width);
            } else if matches!(s, Seen::Collapsed(c) if !c.split.uneven) {
                // Only a gap of the block itself shows that the gutter
                // collapsed.
                collapsed += 1;
            }
        }
        let min_width = self.config.min_column_width;
        clear >= self.config.min_lines
            && collapsed > 0
            && left >= min_width
            && clear_right >= min_width
    }

    fn seen(&self, r: usize, region: &Region, x: usize) -> Seen {
        let sides = self.sides(r, region, x);
        match sides.side {
            Side::Both if sides.aligned => Seen::Clear {
                left_width: sides.left_width,
                right_width: sides.right_width,
            },
            Side::Cross => self.gaps_before(r, region, x),
            _ => Seen::Open,
        }
    }

    /// The gaps of a row that crosses the gutter at `x` where the gutter may
    /// have collapsed: those inside the block that reaches into the probe,
    /// and the one after it if the next block starts by the indent
    /// tolerance past `x`. `region` must span the whole row (block indices
    /// are the row's).
    fn gaps_before(&self, r: usize, region: &Region, x: usize) -> Seen {
        let blocks = self.blocks(r, region);
        let Some(index) = blocks.partition_point(|b| b.xs < x).checked_sub(1) else {
            return Seen::Cross;
        };
        if self.row(r).barrier {
            return Seen::Cross;
        }
        let block = &blocks[index];
        let until = x + self.config.indent_tolerance;
        let between = |block: usize| {
            let (left, right) = (&blocks[block], &blocks[block + 1]);
            InnerGap {
                bytes: left.bytes.end..right.bytes.start,
                xs: left.written_xe,
                xe: right.xs,
            }
        };
        let mut gaps: Vec<GapAt> = (self.grid.inner_gaps(block, until).into_iter())
            .map(|gap| GapAt {
                block: index,
                gap,
                kind: GapKind::Own,
            })
            .collect();
        match blocks.get(index + 1) {
            Some(next) if next.xs <= until => gaps.push(GapAt {
                block: index,
                gap: between(index),
                kind: GapKind::Own,
            }),
            // Ending before the column's first cell: a line across the
            // columns reaches into the right one by its own text.
            Some(_) if block.xe < x => gaps.push(GapAt {
                block: index,
                gap: between(index),
                kind: GapKind::Far,
            }),
            _ => {}
        }
        if let Some(before) = index.checked_sub(1) {
            gaps.push(GapAt {
                block: before,
                gap: between(before),
                kind: GapKind::Early,
            });
        }
        Seen::Crossing { block: index, gaps }
    }

    /// Row `r`, whose block `index` runs into the probe of the gutter at
    /// `x` with no gap that may be the gutter, read as a left column line
    /// alone on its row ([`Seen::Alone`]): the block is the row's last and
    /// ends by `x` (it does not reach where the right column starts).
    fn alone(&self, r: usize, region: &Region, x: usize, index: usize) -> Seen {
        let blocks = self.blocks(r, region);
        let block = &blocks[index];
        let left_xe = x.saturating_sub(self.config.min_gap);
        if index + 1 != blocks.len() || block.xe > x || left_xe <= block.xs {
            return Seen::Cross;
        }
        let end = block.bytes.end;
        Seen::Alone {
            width: blocks[..index].iter().map(|b| b.width + 1).sum::<usize>() + block.width,
            split: Box::new(BlockSplit {
                row: r,
                block: index,
                left_xe,
                right_xs: x,
                uneven: false,
                gap: InnerGap {
                    bytes: end..end,
                    xs: block.written_xe,
                    xe: block.written_xe,
                },
            }),
        }
    }

    /// Row `r` read as a left and a right part at the gap `at` (inside its
    /// block or after it) in front of the gutter at `x`.
    fn collapse(&self, r: usize, region: &Region, x: usize, at: &GapAt) -> Seen {
        let (index, gap) = (at.block, at.gap.clone());
        let blocks = self.blocks(r, region);
        let block = &blocks[index];
        let left_xe = gap.xs.min(x.saturating_sub(self.config.min_gap));
        if left_xe <= block.xs {
            return Seen::Cross;
        }
        let right_end = match blocks.get(index + 1) {
            Some(next) if gap.bytes.end == next.bytes.start => next.bytes.end,
            _ => block.bytes.end,
        };
        let text = self.grid.text;
        Seen::Collapsed(Box::new(Collapse {
            wide: gap.xe >= x
                && gap.xe <= x + self.config.indent_tolerance
                && gap.xe - gap.xs >= self.config.min_gap,
            // The whole left line: an extractor that writes each word at
            // its place (pdfplumber's layout mode) sets a word after a space
            // apart from the Han before it (`…选手Peter        Kiprono`).
            left_width: blocks[..index].iter().map(|b| b.width + 1).sum::<usize>()
                + display_width(&text[block.bytes.start..gap.bytes.start]),
            right_width: display_width(&text[gap.bytes.end..right_end]),
            split: BlockSplit {
                row: r,
                block: index,
                left_xe,
                right_xs: gap.xe.max(x),
                uneven: at.kind != GapKind::Own,
                gap,
            },
        }))
    }
}
