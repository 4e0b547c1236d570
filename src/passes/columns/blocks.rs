//! Text boxes out of reading order, set apart by blank lines.
//!
//! pdfminer (`pdf2txt.py`, `extract_text`) writes a page's text boxes with
//! a blank line after each, in an order of its own: on a page of columns it
//! often takes the box at the top of a column right after the page's first
//! box, before the rest of the column that the box goes on from. Such a box
//! is an **orphan**: its first line is as wide as the column (a paragraph's
//! first line is indented, so narrower) after a box that does not go on.
//! The text it goes on from **dangles** further down: a box whose last line
//! is as wide as the column and ends no sentence, followed by a box that
//! starts afresh (an indented first line, a headline) or by nothing.
//!
//! - Widths are typeset widths ([`typeset_width`]): the column is the
//!   width that most lines of the page have (or one cell more), in each
//!   convention (punctuation compressed or not), if a quarter of the
//!   lines agree in one (a page of two articles in columns of other
//!   widths, or of headlines, bylines and short paragraphs, has fewer
//!   lines of any one width); a line is full when it is in either.
//! - An orphan's box is running text (clause marks) and its first line
//!   opens no story or paragraph (a dateline, `据介绍，`, a section number).
//!   A dangling box is running text too; its last line is full (or
//!   letter-spaced: justified, however wide its spaces make it measure),
//!   or it is a paragraph's first line (indented) alone in its box. The
//!   box after it starts afresh: two lines or more, the first indented and
//!   going on (a short line that ends a sentence may be the dangling
//!   paragraph's last line, in a box of its own).
//! - Where a page has as many dangling boxes as orphans, and each orphan
//!   comes before its dangling box (the n-th orphan goes with the n-th
//!   dangling box), every orphan is moved right after its box. An orphan
//!   that dangles too takes its own orphan along.
//! - A byte look at the first boxes ([`may_have_boxes`]) rules out most
//!   pages before anything is measured.
//!
//! Never touches: a page whose boxes are mostly single lines (a blank line
//! after every line: no boxes), a page without a column width, an orphan
//! after the box it would go on from, a page where the counts differ (a
//! page set without indents, where every paragraph looks like an orphan).
//! Pages (form feeds) are taken one by one; nothing moves across them.

use std::ops::Range;

use super::grid::line_ranges;
use super::seams::is_letter_spaced;
use super::RUNNING_MARKS;
use crate::edit::{Edit, EditKind};
use crate::pass::PassOutput;
use crate::passes::unwrap::{enumeration, is_dateline, opens_paragraph};
use crate::text::{ends_sentence, typeset_width, TypesetWidth};

const MOVED: &str = "text box out of reading order: moved after the box it goes on from";
const SEPARATOR: &str = "text box out of reading order: blank line before the moved box";

/// A line as wide as the column is at most this many cells narrower (a
/// justified line with digits or Latin letters).
const FULL_SLACK: usize = 2;
/// A first line is at least this many cells narrower than the column (an
/// indent of two Han is four; compressed punctuation takes one back).
const INDENT_MIN: usize = 3;
/// … and at most this many (an indent of two Han and a cell or two of a
/// justified line with digits).
const INDENT_MAX: usize = 6;

/// A run of non-blank lines of one page.
#[derive(Debug)]
struct Block {
    /// Byte range of its text, first line start to last line end.
    text: Range<usize>,
    /// Its text and the blank lines after it, up to the next block (or the
    /// page's end).
    span: Range<usize>,
    first_line: Range<usize>,
    last_line: Range<usize>,
    lines: usize,
}

/// A box to move: its span, and where it goes (the end of the span of the
/// box it goes on from, or of the orphan moved there before it).
#[derive(Debug, PartialEq, Eq)]
pub(super) struct BlockMove {
    pub orphan: Range<usize>,
    /// The text it goes on from (the dangling box's).
    pub dangling: Range<usize>,
    pub to: usize,
}

/// The moves that put `text`'s boxes in reading order; empty where none
/// are found.
pub(super) fn block_moves(text: &str) -> Vec<BlockMove> {
    let mut moves = Vec::new();
    if !may_have_boxes(text) {
        return moves;
    }
    let mut start = 0;
    for end in memchr::memchr_iter(b'\x0c', text.as_bytes()).chain(std::iter::once(text.len())) {
        page_moves(text, start..end, &mut moves);
        start = end + 1;
    }
    moves
}

/// How many boxes [`may_have_boxes`] looks at.
const BOXES_SAMPLED: usize = 16;

/// Whether `text` may have boxes of lines, told from its bytes: among its
/// first [`BOXES_SAMPLED`] runs of lines between blank lines (`\n\n`), at
/// least three of more than one line, and no fewer than of one line. Most
/// pages fail at once (a blank line after every line, or no blank line)
/// and are not measured. Blank lines that hold spaces are not seen here: a
/// page whose blank lines all do is not measured (pdfminer writes empty
/// ones). A text with `\r` is always measured.
fn may_have_boxes(text: &str) -> bool {
    let bytes = text.as_bytes();
    if memchr::memchr(b'\r', bytes).is_some() {
        return true;
    }
    let (mut single, mut multi) = (0usize, 0usize);
    let mut start = 0;
    for blank in memchr::memmem::find_iter(bytes, b"\n\n") {
        while start < blank && bytes[start] == b'\n' {
            start += 1;
        }
        if start < blank {
            if memchr::memchr(b'\n', &bytes[start..blank]).is_some() {
                multi += 1;
            } else {
                single += 1;
            }
        }
        start = blank + 2;
        if single + multi >= BOXES_SAMPLED {
            break;
        }
    }
    multi >= 3 && multi >= single
}

fn page_moves(text: &str, page: Range<usize>, moves: &mut Vec<BlockMove>) {
    let blocks = blocks_of(text, page.clone());
    let lines: usize = blocks.iter().map(|b| b.lines).sum();
    // Boxes of two lines or more on average, and enough of them.
    if blocks.len() < 3 || lines < 2 * blocks.len() {
        return;
    }
    // What can dangle or be an orphan, by punctuation alone (cheap).
    let goes_on = |b: &Block| !ends_sentence(&text[b.last_line.clone()]);
    let may_dangle = blocks.iter().any(goes_on);
    let may_be_orphan = blocks.windows(2).any(|w| !goes_on(&w[0]));
    if !may_dangle || !may_be_orphan {
        return;
    }
    let Some(column) = column_width(text, &blocks) else {
        return;
    };
    let full = |line: &Range<usize>| column.full(typeset_width(&text[line.clone()]));
    // A box that starts afresh: its first line is narrower by an indent
    // and goes on in the box. (A box of one short line may as well be the
    // dangling paragraph's last line, in a box of its own.)
    let fresh = |block: &Block| {
        let line = &text[block.first_line.clone()];
        block.lines > 1 && column.fresh(typeset_width(line)) && !ends_sentence(line)
    };
    // A last line that goes on: full, or a paragraph's first line
    // (indented) alone in its box. The box is running text (clause marks),
    // not a headline as wide as the column or a subheading
    // (`（一）概念验证打通“第一公里”`).
    let open_end = |block: &Block| {
        let line = &text[block.last_line.clone()];
        let running = if block.lines > 1 {
            text[block.text.clone()].contains(RUNNING_MARKS)
        } else {
            line.contains(['，', '、', '；']) && enumeration(line.trim_start()).is_none()
        };
        // A letter-spaced last line that goes on is justified: spaced out
        // to the column's width, whatever its letters and spaces measure.
        // (Not so an orphan's first line: a paragraph's first line is
        // justified too, set in by its indent.)
        goes_on(block)
            && running
            && (full(&block.last_line)
                || is_letter_spaced(line)
                || (block.lines == 1 && column.indented(typeset_width(line))))
    };
    let dangles: Vec<usize> = (0..blocks.len())
        .filter(|&k| open_end(&blocks[k]) && blocks.get(k + 1).is_none_or(fresh))
        .collect();
    // After a box that ended its sentence, a full first line that opens no
    // story or paragraph.
    let orphans: Vec<usize> = (1..blocks.len())
        .filter(|&k| {
            let first = text[blocks[k].first_line.clone()].trim_start();
            !goes_on(&blocks[k - 1])
                && full(&blocks[k].first_line)
                && !is_dateline(first)
                && !opens_paragraph(first)
                && enumeration(first).is_none()
                && text[blocks[k].text.clone()].contains(RUNNING_MARKS)
        })
        .collect();
    if dangles.is_empty()
        || dangles.len() != orphans.len()
        || dangles.iter().zip(&orphans).any(|(d, o)| o >= d)
    {
        return;
    }
    // Each dangling box in reading order, its orphan right after it (and
    // that orphan's own, where it dangles too).
    // (Both lists are in order: a search, not a scan, keeps a page of many
    // boxes linear.)
    let orphan_of = |k: usize| dangles.binary_search(&k).ok().map(|i| orphans[i]);
    for &d in &dangles {
        if orphans.binary_search(&d).is_ok() {
            continue; // moved along with the box it goes on from
        }
        let to = blocks[d].span.end;
        let (mut from, mut next) = (d, orphan_of(d));
        while let Some(o) = next {
            moves.push(BlockMove {
                orphan: blocks[o].span.clone(),
                dangling: blocks[from].text.clone(),
                to,
            });
            (from, next) = (o, orphan_of(o));
        }
    }
}

/// The blocks of non-blank lines of `page`.
fn blocks_of(text: &str, page: Range<usize>) -> Vec<Block> {
    let mut blocks: Vec<Block> = Vec::new();
    let mut open: Option<Block> = None;
    for line in line_ranges(&text[page.clone()]) {
        let line = line.start + page.start..line.end + page.start;
        if text[line.clone()].trim().is_empty() {
            if let Some(block) = open.take() {
                blocks.push(block);
            }
            continue;
        }
        match &mut open {
            Some(block) => {
                block.text.end = line.end;
                block.last_line = line;
                block.lines += 1;
            }
            None => {
                open = Some(Block {
                    text: line.clone(),
                    span: line.clone(),
                    first_line: line.clone(),
                    last_line: line,
                    lines: 1,
                });
            }
        }
    }
    blocks.extend(open);
    // Each span reaches the next block (or the page's end).
    let ends: Vec<usize> = blocks
        .iter()
        .skip(1)
        .map(|b| b.text.start)
        .chain(std::iter::once(page.end))
        .collect();
    for (block, end) in blocks.iter_mut().zip(ends) {
        block.span = block.text.start..end;
    }
    blocks
}

/// The column's width in both conventions of [`typeset_width`]: a
/// justified line may agree with it in either (punctuation compressed or
/// not).
#[derive(Debug, Clone, Copy)]
struct Column {
    tight: usize,
    loose: usize,
}

impl Column {
    /// Both conventions' shortfall against the column (0 where wider).
    fn short_by(self, width: TypesetWidth) -> [usize; 2] {
        [
            self.tight.saturating_sub(width.tight),
            self.loose.saturating_sub(width.loose),
        ]
    }

    fn full(self, width: TypesetWidth) -> bool {
        let wide = width.tight > self.tight + FULL_SLACK && width.loose > self.loose + FULL_SLACK;
        !wide && self.short_by(width).iter().any(|&s| s <= FULL_SLACK)
    }

    /// Narrower than the column by an indent or more in both conventions:
    /// a first line, a headline, a short paragraph.
    fn fresh(self, width: TypesetWidth) -> bool {
        self.short_by(width).iter().all(|&s| s >= INDENT_MIN)
    }

    /// Narrower than the column by about an indent: a paragraph's first
    /// line.
    fn indented(self, width: TypesetWidth) -> bool {
        self.fresh(width) && self.short_by(width).iter().any(|&s| s <= INDENT_MAX)
    }
}

/// The width most lines have (or one cell more) in each convention, if a
/// quarter of the lines do in one of them.
fn column_width(text: &str, blocks: &[Block]) -> Option<Column> {
    let widths: Vec<TypesetWidth> = blocks
        .iter()
        .flat_map(|b| {
            line_ranges(&text[b.text.clone()])
                .map(move |l| typeset_width(&text[b.text.start + l.start..b.text.start + l.end]))
        })
        .collect();
    // The most lines within one cell below a width, and that width.
    let mode = |cells: &mut Vec<usize>| -> (usize, usize) {
        cells.sort_unstable();
        let (mut best, mut low) = ((0, 0), 0);
        for high in 0..cells.len() {
            while cells[low] + 1 < cells[high] {
                low += 1;
            }
            best = best.max((high - low + 1, cells[high]));
        }
        best
    };
    let (tight_count, tight) = mode(&mut widths.iter().map(|w| w.tight).collect());
    let (loose_count, loose) = mode(&mut widths.iter().map(|w| w.loose).collect());
    (tight_count.max(loose_count) * 4 >= widths.len()).then_some(Column { tight, loose })
}

/// The edits for `moves`: each orphan deleted where it is and inserted,
/// the same text, where it goes (after a line end and a blank line, where
/// the text there has none).
pub(super) fn emit(text: &str, moves: &[BlockMove], out: &mut PassOutput) {
    let mut separated = std::collections::HashSet::new();
    for m in moves {
        if separated.insert(m.to) {
            let before = &text[..m.to];
            let missing = if before.ends_with("\n\n") || before.ends_with("\r\n\r\n") {
                ""
            } else if before.ends_with('\n') {
                "\n"
            } else {
                "\n\n"
            };
            if !missing.is_empty() {
                out.push(Edit::insert(m.to, missing, EditKind::Break, SEPARATOR));
            }
        }
        out.push(Edit::delete(m.orphan.clone(), EditKind::Move, MOVED));
        out.push(Edit::insert(
            m.to,
            text[m.orphan.clone()].to_string(),
            EditKind::Move,
            MOVED,
        ));
    }
}
