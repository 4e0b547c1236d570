//! The page as a grid: rows (lines) made of text blocks at cell positions.
//!
//! Positions are measured in one of two cell systems, because extractors
//! disagree: `pdftotext -layout` gives every glyph one cell, so its columns
//! start at the same character index; other layout writers pad by display
//! width (Han = 2 cells), so their columns start at the same display column.
//! The layout is computed in both and the one whose columns line up wins.

use std::ops::Range;

use crate::text::{
    char_display_width, display_width, is_cjk_punct, is_common_han, is_hspace, starts_common_han,
};

/// How a character's width in cells is counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Cells {
    /// Every character one cell (`pdftotext -layout`).
    Chars,
    /// Display width: Han, full-width forms and U+3000 two cells.
    Display,
}

/// What a character is to the layout.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    /// Moves to the next tab stop (a multiple of 8).
    Tab,
    /// Gutter or padding space: space, U+3000, NBSP, other Unicode spaces.
    Space,
    /// Control characters (a form feed, a line separator): the row is left
    /// as it is.
    Control,
    Text,
}

fn class(c: char) -> Class {
    match c {
        // The bulk of the text first.
        c if is_common_han(c) => Class::Text,
        '\t' => Class::Tab,
        '\u{2028}' | '\u{2029}' => Class::Control,
        c if c.is_control() => Class::Control,
        c if is_hspace(c) => Class::Space,
        _ => Class::Text,
    }
}

/// A run of text on one row, possibly with gaps narrower than a gutter
/// inside it (`本报讯 近日`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Block {
    /// First cell.
    pub xs: usize,
    /// One past the last cell.
    pub xe: usize,
    /// One past the last cell as written: `xe` lies left of it where a
    /// collapsed gutter was put back ([`Grid::split_blocks`]).
    pub written_xe: usize,
    /// Byte range in the text.
    pub bytes: Range<usize>,
    /// Display width of the block's text (for the narrow-column guard).
    pub width: usize,
    /// Spaces lie between its characters: it may have inner gaps
    /// ([`Grid::inner_gaps`]). Without them it has none, and neither has a
    /// line spread out across the page (one block that no gutter runs
    /// through, collapsed or not: [`merge_spread_out`]).
    pub spaced: bool,
}

/// One line of the input.
#[derive(Debug, Clone)]
pub(super) struct Row {
    /// Byte range of the line without its line end.
    pub bytes: Range<usize>,
    /// The row's blocks, as a range of [`Grid::blocks`].
    blocks: Range<usize>,
    /// The line holds a control character (a form feed between pages):
    /// no gutter runs through it and it is never cut.
    pub barrier: bool,
}

/// The rows of a text measured in one cell system.
pub(super) struct Grid<'a> {
    pub text: &'a str,
    pub cells: Cells,
    pub rows: Vec<Row>,
    /// The blocks of all rows, row after row (one allocation for the page).
    blocks: Vec<Block>,
    /// The cell where the page's text ends: the rightmost block end.
    pub right_edge: usize,
}

impl<'a> Grid<'a> {
    /// Splits `text` into rows at `\n`, `\r\n` and `\r` and finds each row's
    /// blocks; spaces narrower than `min_gap` cells stay inside a block.
    pub fn new(text: &'a str, cells: Cells, min_gap: usize) -> Self {
        let mut blocks = Vec::new();
        let rows = line_ranges(text)
            .map(|bytes| row(text, bytes, cells, min_gap, &mut blocks))
            .collect();
        let right_edge = blocks.iter().map(|b| b.xe).max().unwrap_or(0);
        Grid {
            text,
            cells,
            rows,
            blocks,
            right_edge,
        }
    }

    /// The blocks of row `r`, left to right.
    pub fn blocks(&self, r: usize) -> &[Block] {
        &self.blocks[self.rows[r].blocks.clone()]
    }

    /// The blocks of row `r` that lie in `[x0, x1)`. Cuts are only made in
    /// whitespace, so a block is either wholly inside a region or wholly
    /// outside.
    pub fn blocks_in(&self, r: usize, x0: usize, x1: usize) -> &[Block] {
        let blocks = self.blocks(r);
        // The whole page (most calls): every block, without searching.
        if x0 == 0 && x1 == usize::MAX {
            return blocks;
        }
        let lo = blocks.partition_point(|b| b.xs < x0);
        let hi = blocks.partition_point(|b| b.xs < x1);
        &blocks[lo..hi.max(lo)]
    }

    /// Row `r` has no text at all.
    pub fn is_blank(&self, r: usize) -> bool {
        self.rows[r].blocks.is_empty() && !self.rows[r].barrier
    }

    /// Byte offset in row `r` of the first character at cell `x` or later
    /// (the row's end if the row is shorter).
    pub fn byte_at(&self, r: usize, x: usize) -> usize {
        let row = &self.rows[r];
        let blocks = self.blocks(r);
        // Start from the last block that starts before `x` (a cut never
        // splits a block, so it also ends by `x`): only whitespace lies
        // between it and `x`. A zero-width character at `x` belongs after.
        let before = blocks.partition_point(|b| b.xs < x);
        let (mut pos, mut cell) = match before.checked_sub(1) {
            Some(i) => (blocks[i].bytes.end, blocks[i].written_xe),
            None => (row.bytes.start, 0),
        };
        // The next block starts at `x` or later; a block moved to its gutter
        // ([`Grid::split_blocks`]) starts there even if its text lies left of it.
        let end = blocks.get(before).map_or(row.bytes.end, |b| b.bytes.start);
        for c in self.text[pos..end].chars() {
            if cell >= x {
                break;
            }
            cell = advance(cell, c, self.cells);
            pos += c.len_utf8();
        }
        pos
    }

    /// The gaps inside `block` (runs of spaces narrower than a gutter) whose
    /// next text starts at cell `until` or before, left to right.
    pub fn inner_gaps(&self, block: &Block, until: usize) -> Vec<InnerGap> {
        let mut gaps = Vec::new();
        if !block.spaced {
            return gaps;
        }
        let mut open: Option<InnerGap> = None;
        let (mut x, mut pos) = (block.xs, block.bytes.start);
        for c in self.text[block.bytes.clone()].chars() {
            if x > until {
                break;
            }
            let next = advance(x, c, self.cells);
            let end = pos + c.len_utf8();
            match class(c) {
                Class::Tab | Class::Space => {
                    let gap = open.get_or_insert(InnerGap {
                        bytes: pos..pos,
                        xs: x,
                        xe: x,
                    });
                    gap.bytes.end = end;
                    gap.xe = next;
                }
                _ => gaps.extend(open.take()),
            }
            x = next;
            pos = end;
        }
        gaps
    }

    /// Cuts blocks in two at an inner gap (see [`BlockSplit`]). `splits`
    /// must be in row order, at most one per row.
    pub fn split_blocks(&mut self, splits: &[BlockSplit]) {
        if splits.is_empty() {
            return;
        }
        let mut blocks = Vec::with_capacity(self.blocks.len() + splits.len());
        let mut splits = splits.iter().peekable();
        for (r, row) in self.rows.iter_mut().enumerate() {
            let first = blocks.len();
            let split = splits.next_if(|s| s.row == r);
            let row_blocks = &self.blocks[row.blocks.clone()];
            for (i, block) in row_blocks.iter().enumerate() {
                match split {
                    // The block after a gap that lies between two blocks:
                    // moved right to the gutter's cell where it starts
                    // left of it.
                    Some(s) if s.block + 1 == i && s.gap.bytes.end == block.bytes.start => {
                        let xs = block.xs.max(s.right_xs);
                        blocks.push(Block {
                            xs,
                            xe: block.xe.max(xs + 1),
                            ..block.clone()
                        });
                    }
                    Some(s) if s.block == i => {
                        let left = block.bytes.start..s.gap.bytes.start;
                        blocks.push(Block {
                            xs: block.xs,
                            xe: s.left_xe,
                            written_xe: s.gap.xs,
                            width: display_width(&self.text[left.clone()]),
                            bytes: left,
                            spaced: block.spaced,
                        });
                        // A gap inside the block: its right part becomes a
                        // block of its own (a gap after it: the next block
                        // is already there).
                        if s.gap.bytes.end < block.bytes.end {
                            let right = s.gap.bytes.end..block.bytes.end;
                            blocks.push(Block {
                                xs: s.right_xs,
                                xe: block.xe.max(s.right_xs + 1),
                                written_xe: block.written_xe,
                                width: display_width(&self.text[right.clone()]),
                                bytes: right,
                                spaced: block.spaced,
                            });
                        }
                    }
                    _ => blocks.push(block.clone()),
                }
            }
            row.blocks = first..blocks.len();
        }
        self.right_edge = blocks.iter().map(|b| b.xe).max().unwrap_or(0);
        self.blocks = blocks;
    }
}

/// A gap inside a block (see [`Grid::inner_gaps`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct InnerGap {
    pub bytes: Range<usize>,
    /// First cell of the gap.
    pub xs: usize,
    /// The cell where the text after it starts.
    pub xe: usize,
}

/// A block to cut in two at one of its inner gaps, or (when `gap` lies
/// after it, before the next block) to end earlier, the next block starting
/// no further left than `right_xs`: the left part ends at cell `left_xe`,
/// the right part starts at cell `right_xs`. These may
/// differ from where the text lies: a gutter that the extractor collapsed
/// is put back where the column starts on the other rows.
#[derive(Debug, Clone)]
pub(super) struct BlockSplit {
    pub row: usize,
    /// Index of the block within its row.
    pub block: usize,
    pub gap: InnerGap,
    pub left_xe: usize,
    pub right_xs: usize,
    /// The right part does not line up with the column: it started left of
    /// it (moved right to it), or stands well right of it (a byline set
    /// flush right). Such a row kept a wide gap before these were split;
    /// it still counts as one where the cell systems and the seams are
    /// weighed, which this split is not to change.
    pub uneven: bool,
}

/// True when no row of `text` holds a run of spaces `min_gap` cells wide
/// in either cell system, before its text or inside it. Then every row is
/// one block (or none) starting left of cell `min_gap`, so no cell can
/// start a right column and the page has no gutter: most pages, told
/// without measuring them. Runs are counted generously (a tab as wide as a
/// gutter, a space as its wider width of the two systems).
pub(super) fn has_no_wide_space(text: &str, min_gap: usize) -> bool {
    if min_gap == 0 {
        return false;
    }
    let bytes = text.as_bytes();
    // Cells of the run of spaces before byte `i` (since the last text).
    let mut run = 0;
    let mut i = 0;
    while i < bytes.len() {
        // Runs of three-byte text (Han: E4 to E9) in a loop of their own.
        if (0xe4..=0xef).contains(&bytes[i]) {
            run = 0;
            while bytes.get(i).is_some_and(|b| (0xe4..=0xef).contains(b)) {
                i += 3;
            }
            continue;
        }
        let b = bytes[i];
        // Every space and control character above ASCII starts with C2,
        // E1, E2 or E3; all other characters are text (Han: E4 to E9).
        let (len, cells) = match b {
            0xe4..=0xef => (3, None),
            0xf0.. => (4, None),
            // Line ends; a form feed is a row of its own.
            b'\n' | b'\r' | b'\x0c' => {
                run = 0;
                i += 1;
                continue;
            }
            b'\t' => return false,
            b' ' => (1, Some(1)),
            0..=0x1f | 0x7f => (1, Some(0)),
            0x21..=0x7e => (1, None),
            // The spaces and controls of U+2000… and U+3000…: the rest of
            // those blocks (CJK punctuation, quotes, dashes) is text.
            0xe2 | 0xe3
                if !matches!(
                    (b, bytes.get(i + 1), bytes.get(i + 2)),
                    (0xe2, Some(0x80), Some(0x80..=0x8a | 0xa8 | 0xa9 | 0xaf))
                        | (0xe2, Some(0x81), Some(0x9f))
                        | (0xe3, Some(0x80), Some(0x80))
                ) =>
            {
                (3, None)
            }
            0xc2 | 0xe1 | 0xe2 | 0xe3 => {
                let c = text[i..].chars().next().unwrap_or(' ');
                let cells = match class(c) {
                    Class::Tab => return false,
                    Class::Control => Some(0),
                    Class::Space => Some(char_display_width(c).max(1)),
                    Class::Text => None,
                };
                (c.len_utf8(), cells)
            }
            0xc0..=0xdf => (2, None),
            // A continuation byte never starts a character.
            0x80..=0xbf => (1, None),
            0xe0 => (3, None),
        };
        i += len;
        match cells {
            None => run = 0,
            Some(cells) => {
                run += cells;
                if run >= min_gap {
                    return false;
                }
            }
        }
    }
    true
}

/// The cell after character `c` placed at cell `x`.
fn advance(x: usize, c: char, cells: Cells) -> usize {
    advance_class(x, c, class(c), cells)
}

/// [`advance`] for a character whose class is known.
fn advance_class(x: usize, c: char, class: Class, cells: Cells) -> usize {
    match class {
        Class::Tab => (x / 8 + 1) * 8,
        Class::Control => x,
        Class::Space | Class::Text => match cells {
            Cells::Chars => x + 1,
            Cells::Display => x + char_display_width(c),
        },
    }
}

/// Byte ranges of the rows of `text`, line ends excluded. A final line end
/// does not start another (empty) row. A form feed is a row of its own:
/// `pdftotext` writes it at the start of the next page's first line, which
/// is then measured from the form feed on.
pub(super) fn line_ranges(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let bytes = text.as_bytes();
    let mut start = 0;
    std::iter::from_fn(move || {
        if start >= bytes.len() {
            return None;
        }
        let rest = &bytes[start..];
        let (end, next) = match rest
            .iter()
            .position(|&b| matches!(b, b'\n' | b'\r' | b'\x0c'))
        {
            Some(0) if rest[0] == b'\x0c' => (start + 1, start + 1),
            Some(i) if rest[i] == b'\x0c' => (start + i, start + i),
            Some(i) if rest[i] == b'\r' && rest.get(i + 1) == Some(&b'\n') => {
                (start + i, start + i + 2)
            }
            Some(i) => (start + i, start + i + 1),
            None => (bytes.len(), bytes.len()),
        };
        let line = start..end;
        start = next;
        Some(line)
    })
}

/// Measures one row, appending its blocks to `blocks`.
fn row(
    text: &str,
    bytes: Range<usize>,
    cells: Cells,
    min_gap: usize,
    blocks: &mut Vec<Block>,
) -> Row {
    let first = blocks.len();
    let mut barrier = false;
    let mut x = 0;
    let mut pos = bytes.start;
    // Display widths are summed as the blocks grow where every character
    // is ASCII, common Han or CJK punctuation (whose widths simply add up);
    // a block with any other character is measured as a whole at the end.
    const UNKNOWN: usize = usize::MAX;
    let simple_width = |c: char| match c {
        ' '..='~' => 1,
        c if is_common_han(c) => 2,
        c if is_cjk_punct(c) => char_display_width(c),
        _ => UNKNOWN,
    };
    let add = |a: usize, b: usize| {
        if a == UNKNOWN || b == UNKNOWN {
            UNKNOWN
        } else {
            a + b
        }
    };
    // Width of the spaces since the last text character, and whether there
    // were any (a space may be counted as zero cells).
    let mut spaces = 0;
    let mut spaced = false;
    let han_cells = match cells {
        Cells::Chars => 1,
        Cells::Display => 2,
    };
    let line = text.as_bytes();
    while pos < bytes.end {
        // Printable ASCII, the space and common Han (the bulk of a page)
        // are told by their bytes; other characters are decoded.
        let b0 = line[pos];
        let (len, class, next, width) = match b0 {
            b'!'..=b'~' => (1, Class::Text, x + 1, 1),
            b' ' => (1, Class::Space, x + 1, 1),
            // A lead byte is followed by a continuation byte in a `str`.
            0xe3..=0xe9 if starts_common_han(b0, line[pos + 1]) => {
                (3, Class::Text, x + han_cells, 2)
            }
            _ => {
                let c = text[pos..].chars().next().unwrap_or(' ');
                let class = class(c);
                let next = advance_class(x, c, class, cells);
                (c.len_utf8(), class, next, simple_width(c))
            }
        };
        let end = pos + len;
        match class {
            Class::Control => {
                barrier = true;
                spaces = UNKNOWN;
            }
            Class::Text => {
                match blocks[first..].last_mut() {
                    Some(b) if x < b.xe + min_gap => {
                        b.xe = next;
                        b.written_xe = next;
                        b.bytes.end = end;
                        b.width = add(add(b.width, spaces), width);
                        b.spaced |= spaced;
                    }
                    _ => blocks.push(Block {
                        xs: x,
                        xe: next,
                        written_xe: next,
                        bytes: pos..end,
                        width,
                        spaced: false,
                    }),
                }
                spaces = 0;
                spaced = false;
            }
            Class::Tab | Class::Space => {
                spaces = add(spaces, width);
                spaced = true;
            }
        }
        x = next;
        pos = end;
    }
    if blocks.len() - first >= SPREAD_MIN_PIECES {
        merge_spread_out(text, blocks, first);
    }
    for b in &mut blocks[first..] {
        if b.width == UNKNOWN {
            b.width = display_width(&text[b.bytes.clone()]);
        }
    }
    Row {
        bytes,
        blocks: first..blocks.len(),
        barrier,
    }
}

/// Fewest pieces of a line spread out across the page.
const SPREAD_MIN_PIECES: usize = 4;
/// Most characters of each word of its pieces (a number or a Latin word
/// counts as one).
const SPREAD_MAX_PIECE: usize = 3;
/// Widest gap between its pieces, in cells: a wider one (between two
/// articles' headlines side by side) parts two lines.
const SPREAD_MAX_GAP: usize = 5;

/// Makes one block of each line spread out across the page among the row's
/// blocks (from `first` on): many pieces of a few characters each, apart by
/// gaps of a gutter's width (a headline whose letters a layout writer set
/// by their glyphs' positions, `南 昌高    新区   入  选中   国科    协`;
/// a table's header). No gutter runs through it. A column's line holds more
/// than a few characters.
fn merge_spread_out(text: &str, blocks: &mut Vec<Block>, first: usize) {
    // Each word of a piece (a piece may hold single spaces: `中 国”首`)
    // is short; a number or a Latin word counts as one character (`11.2%`).
    let short = |b: &Block| {
        let mut count = 0;
        let mut in_ascii = false;
        for c in text[b.bytes.clone()].chars() {
            let ascii = c.is_ascii_graphic();
            if is_hspace(c) {
                count = 0;
            } else if !(ascii && in_ascii) {
                count += 1;
                if count > SPREAD_MAX_PIECE {
                    return false;
                }
            }
            in_ascii = ascii;
        }
        true
    };
    let mut kept = first;
    let mut i = first;
    while i < blocks.len() {
        // The pieces up to the next gap wider than a spread-out line's.
        let mut end = i + 1;
        while end < blocks.len() && blocks[end].xs <= blocks[end - 1].xe + SPREAD_MAX_GAP {
            end += 1;
        }
        if end - i >= SPREAD_MIN_PIECES && blocks[i..end].iter().all(short) {
            let mut block = blocks[i].clone();
            let last = &blocks[end - 1];
            block.xe = last.xe;
            block.written_xe = last.written_xe;
            block.bytes.end = last.bytes.end;
            block.width = display_width(&text[block.bytes.clone()]);
            block.spaced = false;
            blocks[kept] = block;
            kept += 1;
        } else {
            for k in i..end {
                blocks.swap(kept, k);
                kept += 1;
            }
        }
        i = end;
    }
    blocks.truncate(kept);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(text: &str, cells: Cells) -> Vec<Vec<(usize, usize)>> {
        let grid = Grid::new(text, cells, 2);
        (0..grid.rows.len())
            .map(|r| grid.blocks(r).iter().map(|b| (b.xs, b.xe)).collect())
            .collect()
    }

    #[test]
    fn line_ends_of_every_kind() {
        let text = "a\r\nb\rc\n\nd";
        let lines: Vec<&str> = line_ranges(text).map(|r| &text[r]).collect();
        assert_eq!(lines, ["a", "b", "c", "", "d"]);
        let text = "a\n\u{c}b\n\u{c}";
        let lines: Vec<&str> = line_ranges(text).map(|r| &text[r]).collect();
        assert_eq!(lines, ["a", "\u{c}", "b", "\u{c}"]);
        assert_eq!(line_ranges("a\n").count(), 1);
        assert_eq!(line_ranges("").count(), 0);
    }

    #[test]
    fn a_spread_out_row_is_one_block() {
        // Pieces of one to three characters, four or more: one block.
        assert_eq!(
            spans("  南 昌高    新区   入  选中   国科    协", Cells::Chars),
            [[(2, 30)]]
        );
        assert_eq!(spans("名次  球队  场次  积分", Cells::Chars), [[(0, 14)]]);
        // Two such lines side by side (two articles' headlines) stay
        // apart at the wide gap between them.
        assert_eq!(
            spans(
                "四十  年坚   守乡   村讲   台          强冷  空气   今起影    响我   市",
                Cells::Chars
            ),
            [[(0, 20), (30, 52)]]
        );
        // A piece may hold single spaces: each of its words is short.
        assert_eq!(
            spans("“科创   中 国”首   批 试点  园区", Cells::Chars),
            [[(0, 22)]]
        );
        // A number is one character of a piece.
        assert_eq!(
            spans(
                "前  三季    度软   件业    务收    入同    比 增长    11.2%",
                Cells::Chars
            ),
            [[(0, 45)]]
        );
        // Traps: three such pieces, or a piece of a column's line among
        // them, stay apart; so do short pieces among longer ones (a
        // table's row).
        assert_eq!(
            spans("1     北京国安  10    6   3   1   18:7   21", Cells::Chars)[0].len(),
            8
        );
        assert_eq!(
            spans("甲乙  丙  丁", Cells::Chars),
            [[(0, 2), (4, 5), (7, 8)]]
        );
        assert_eq!(
            spans("甲乙  丙  丁  右栏第一行的文字", Cells::Chars),
            [[(0, 2), (4, 5), (7, 8), (10, 18)]]
        );
    }

    #[test]
    fn blocks_in_both_cell_systems() {
        // One space stays inside a block, two split it.
        assert_eq!(
            spans("本报讯 近日  右栏", Cells::Chars),
            [[(0, 6), (8, 10)]]
        );
        assert_eq!(
            spans("本报讯 近日  右栏", Cells::Display),
            [[(0, 11), (13, 17)]]
        );
        // U+3000 is a gutter space: one cell by character, two by display.
        assert_eq!(spans("左\u{3000}右", Cells::Chars), [[(0, 3)]]);
        assert_eq!(spans("左\u{3000}右", Cells::Display), [[(0, 2), (4, 6)]]);
        // A tab moves to the next multiple of 8.
        assert_eq!(spans("ab\tcd", Cells::Chars), [[(0, 2), (8, 10)]]);
        assert_eq!(
            spans("汉字汉字汉\tcd", Cells::Display),
            [[(0, 10), (16, 18)]]
        );
    }

    proptest::proptest! {
        #![proptest_config(crate::testing::proptest_config(256))]
        /// Block widths summed while measuring are the display widths; a
        /// block not marked spaced has no inner gaps.
        #[test]
        fn block_widths_are_display_widths(
            text in "[a1,中文。“”·…—（）〃〰〽 \t\u{3000}\u{301}\u{200d}\u{fe0f}\u{7}👍]{0,20}",
        ) {
            for cells in [Cells::Chars, Cells::Display] {
                let grid = Grid::new(&text, cells, 2);
                for r in 0..grid.rows.len() {
                    for b in grid.blocks(r) {
                        proptest::prop_assert_eq!(b.width, display_width(&text[b.bytes.clone()]));
                        if !b.spaced {
                            proptest::prop_assert!(grid.inner_gaps(b, usize::MAX).is_empty());
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn ascii_han_and_cjk_punctuation_widths_add_up() {
        let punct: Vec<char> = (0..=0xFFFFu32)
            .filter_map(char::from_u32)
            .filter(|&c| is_cjk_punct(c))
            .collect();
        let mut pieces = vec!['a', ' ', '~', '中', '\u{3400}', '\u{9fff}'];
        pieces.extend(&punct);
        for &a in &pieces {
            for &b in &pieces {
                for c in ['a', '中', '。', a] {
                    let s = format!("{a}{b}{c}");
                    let sum: usize = s.chars().map(char_display_width).sum();
                    assert_eq!(display_width(&s), sum, "{s:?}");
                }
            }
        }
    }

    /// Every character of the Basic Multilingual Plane, once and twice
    /// between text and at a line start: the byte scan agrees with the grid.
    #[test]
    fn no_wide_space_holds_for_every_character() {
        let single_block = |text: &str| {
            [Cells::Chars, Cells::Display].iter().all(|&cells| {
                let grid = Grid::new(text, cells, 2);
                (0..grid.rows.len()).all(|r| {
                    let blocks = grid.blocks(r);
                    blocks.len() <= 1 && blocks.iter().all(|b| b.xs < 2)
                })
            })
        };
        for c in (0..=0xFFFFu32).filter_map(char::from_u32) {
            for text in [
                format!("中{c}中"),
                format!("中{c}{c}中"),
                format!("{c}{c}中"),
            ] {
                if has_no_wide_space(&text, 2) {
                    assert!(single_block(&text), "{:X}", c as u32);
                }
            }
        }
    }

    #[test]
    fn wide_spaces_are_seen() {
        let no_wide = [
            "",
            "本报讯 近日，\n a b c\n",
            "中 \u{7}文\r\n 右",
            "中 \n 中",
            "x \u{c} y",
            "Ａ\u{200b} \u{301}x",
        ];
        for text in no_wide {
            assert!(has_no_wide_space(text, 2), "{text:?}");
            for cells in [Cells::Chars, Cells::Display] {
                let grid = Grid::new(text, cells, 2);
                for r in 0..grid.rows.len() {
                    let blocks = grid.blocks(r);
                    assert!(blocks.len() <= 1 && blocks.iter().all(|b| b.xs < 2));
                }
            }
        }
        let wide = [
            "左  右",
            "  缩进",
            "a\tb",
            "左\u{3000}右",
            "左 \u{a0}右",
            "左 \u{7} 右",
            "左\u{2003}\u{2003}右",
            "x\u{c}  y",
        ];
        for text in wide {
            assert!(!has_no_wide_space(text, 2), "{text:?}");
        }
        assert!(!has_no_wide_space("ab", 0));
        assert!(!has_no_wide_space("a b", 1));
    }

    proptest::proptest! {
        #![proptest_config(crate::testing::proptest_config(256))]
        /// Where no wide space is seen, no row has a block that could start
        /// a column, in either cell system.
        #[test]
        fn no_wide_space_means_no_column_start(
            text in "[a中 \t\u{3000}\u{3001}\u{a0}\u{2003}\u{2028}\u{202f}\u{205f}\u{201c}\u{1680}\u{7}\u{85}\u{301}\u{200b}\u{c}\r\n]{0,16}",
            min_gap in 1usize..4,
        ) {
            if has_no_wide_space(&text, min_gap) {
                for cells in [Cells::Chars, Cells::Display] {
                    let grid = Grid::new(&text, cells, min_gap);
                    for r in 0..grid.rows.len() {
                        let blocks = grid.blocks(r);
                        proptest::prop_assert!(blocks.len() <= 1, "{:?}", text);
                        proptest::prop_assert!(blocks.iter().all(|b| b.xs < min_gap), "{:?}", text);
                    }
                }
            }
        }
    }

    #[test]
    fn a_form_feed_makes_a_barrier_row() {
        let grid = Grid::new("text\n\u{c}", Cells::Chars, 2);
        assert!(!grid.rows[0].barrier);
        assert!(grid.rows[1].barrier);
        assert!(!grid.is_blank(1));
    }

    #[test]
    fn byte_at_finds_the_cell() {
        let text = "左栏   右栏";
        let grid = Grid::new(text, Cells::Chars, 2);
        assert_eq!(&text[grid.byte_at(0, 5)..], "右栏");
        assert_eq!(&text[grid.byte_at(0, 3)..], "  右栏");
        assert_eq!(grid.byte_at(0, 99), text.len());
        let grid = Grid::new(text, Cells::Display, 2);
        assert_eq!(&text[grid.byte_at(0, 7)..], "右栏");
        // A zero-width character at the cell stays on its right.
        let text = "左栏文字  \u{200b}右";
        let grid = Grid::new(text, Cells::Display, 2);
        assert_eq!(&text[grid.byte_at(0, 10)..], "\u{200b}右");
    }
}
