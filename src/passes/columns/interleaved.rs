//! Columns on alternate lines: a multi-column page read row by row.
//!
//! OCR engines that return one text box per printed line (PaddleOCR,
//! RapidOCR, EasyOCR), joined with line ends in the order they come back
//! (top to bottom, then left to right), interleave the columns: the first
//! line of the left column, the first of the right, the second of the
//! left, … No gutter and no space is left between them, so [`super::layout`]
//! and [`super::seams`] find nothing, and `unwrap` would join the halves of
//! the columns into prose.
//!
//! What shows is what the lines read. A justified column breaks its lines
//! anywhere, inside words too, so a line that ends no sentence goes on in
//! its column's next line, and the two characters at that break are often
//! a pair the page writes elsewhere (`…打造特` / `色鲜明…`, `特色`).
//! Read in order, a page of `k` interleaved columns puts such pairs across
//! a break `k` lines apart, not 1.
//!
//! - Only runs of [`MIN_RUN`] or more lines without a blank line between
//!   them, of which at least [`MIN_FULL`] are full lines of one width `W`
//!   (within [`SLACK`] cells: OCR line boxes of one column measure up to
//!   two Han apart where digits, quotes and compressed marks set narrower
//!   than the cells they count) and 40% full lines or paragraphs' first lines
//!   (an [`INDENT`] narrower; or so of [`MIN_RUN`] lines in a row), are
//!   measured. `W` is the width of the run's first such lines; where
//!   [`MIN_RUN`] lines in a row have another, the run is cut before the
//!   first full line of it and the rest measured with that width (two
//!   articles stacked on a page, set in columns of different widths), up
//!   to [`MAX_ROUNDS`] times.
//! - The evidence of a break from line `a` to line `b` ([`Evidence::cont`],
//!   0 to 2): none if `a` ends a sentence (also on a Han and `·`, or a run
//!   of `·`: these OCRs' readings of a small `。` and of `……`); digits on both sides (a number
//!   split) 2, letters 1; two Han that are one of the pairs most common
//!   inside Chinese words ([`COMMON_PAIRS`], from jieba's word list) 2;
//!   else how often the page writes `a`'s last Han character before `b`'s
//!   first inside a line, up to 2. Once a run is taken for columns, a
//!   number before a unit (`…组织了120` / `名…`) counts 1 too
//!   ([`Evidence::cont_in_column`]); not before (units follow numbers on
//!   both sides of a page of columns).
//! - A run is taken for `k` columns (2 or 3) when breaks `k` lines apart
//!   add up to at least [`MIN_EVIDENCE`], more than twice what breaks one
//!   line apart add up to plus [`MARGIN`], and more than for the other `k`.
//! - Which column each line is in: the labelling that scores best
//!   ([`assign`], Viterbi over how far back each column's last line is;
//!   scores in half points). A line scores twice the evidence of the break
//!   from its column's last line. Columns are numbered left to right and a
//!   row reads left to right, so a line in a column left of the line
//!   before, or in the same one, begins a row; each column a row skips
//!   costs 2 if its last line goes on (ends no sentence), 1 if it ended a
//!   sentence, nothing if it has not begun or was left more than
//!   [`REACH`] lines back (coming back to it then costs 2). A line up to a
//!   quarter wider than `W` costs 2 (an OCR reads `……` as `······`).
//! - Lines outside the columns: a line more than a quarter wider than `W`
//!   always is one; a line wider than `W` plus [`SLACK`], or a short line
//!   that ends no sentence (a headline, the next article's title), may be,
//!   but not one that opens with a dateline (a column's first line, short
//!   where it is set in). That is free before any column line (so is any
//!   line that ends no sentence and opens no dateline there, ties going
//!   that way) and costs [`RESTART`] after; the columns after it start
//!   afresh. Such a short line costs 4 inside a column, 2 to begin one,
//!   unless it opens with a section number (`（二）…`, `一、…`): a
//!   subheading, a column's line like any other. After a sentence end in
//!   its column it costs 1 (a subheading after a paragraph), and 3 more
//!   where the column ends with it ([`dangling`]: the byline after the
//!   last sentence stands outside).
//! - Output: each stretch between lines outside the columns, column by
//!   column, then that line. The columns go in the order they begin,
//!   except that a column beginning with a dateline (`本报讯`, `新华社…电`,
//!   `unwrap`'s test), where only one does, goes first (the right column's
//!   first line may come back before the left's), lines above the
//!   dateline with no clause or sentence mark (a headline) staying above
//!   it; and for two columns, the other way round where the text says the
//!   second goes on into the first and not the other way (a pair of Han
//!   there is counted in the whole page, however far from the break it is
//!   written: [`Evidence::cont_across`]). Up to two lines of running text
//!   after a run's last line outside the columns, a short one (a byline),
//!   go back to the end of the one column whose last line before it goes
//!   on: the OCR returns a column's last line after the byline that ends
//!   the column beside it where that line sits lower on the page
//!   ([`tail_after_byline`]).
//!
//! Never touches: a run that reads in order (breaks one line apart have the
//! evidence), text without pairs to go by, a run with a blank line in it,
//! lines themselves (they are only moved).
//!
//! Known limits (where the text gives no evidence): without a dateline,
//! the order of the columns is the order they begin, so a headline as wide
//! as a column taken for a column's first line can put the right column
//! first; the next article's headline inside a run does not always start
//! the columns afresh; subheadings without a section number after a line
//! that ends no sentence; three columns whose rows the OCR returns out of
//! order (a column that begins lower) are often mixed.

use std::ops::Range;

use super::grid::line_ranges;
use crate::passes::numbers::is_unit_start;
use crate::passes::unwrap::{enumeration, is_dateline};
use crate::text::{display_width, ends_sentence, is_han, trim_hspace};

/// Fewest lines in a run that is measured.
const MIN_RUN: usize = 8;
/// Fewest full lines (of the column width) in such a run.
const MIN_FULL: usize = 6;
/// How many cells a full line may be narrower than the column.
const SLACK: usize = 5;
/// A first line whose indent (two Han) was dropped is this much narrower.
const INDENT: usize = 4;
/// Narrowest column taken, in cells (eight Han).
const MIN_WIDTH: usize = 16;
/// Least evidence for interleaved columns in a run. A short article's
/// lines break between words more often than inside one, so that two or
/// three pairs are all a page of columns shows (`…实时跟` / `踪。`,
/// `…品牌赛` / `事，`); no page read in order showed five with as little
/// evidence for the order (thousands of sweep pages of eleven extractors).
const MIN_EVIDENCE: i32 = 5;
/// How much the evidence for `k` columns must exceed twice the evidence for
/// reading in order (pages in order with evidence for columns have about
/// half as much for the order or more).
const MARGIN: i32 = 2;
/// Most columns taken.
const MAX_COLUMNS: usize = 3;
/// How far back (in lines) a column's last line is remembered; further
/// back it counts as far: no evidence, and a cost of 1.
const REACH: usize = 6;
/// What a line outside the columns costs once a column has begun (in
/// points; two half points).
const RESTART: i32 = 1;
/// Most lines assigned at once; a longer run is assigned in pieces of this
/// many lines (memory stays bounded).
const MAX_ASSIGNED: usize = 4096;

/// The reading order found: byte ranges of the output lines, and the runs
/// taken for columns.
#[derive(Debug)]
pub(super) struct InterleavedLayout {
    pub lines: Vec<Range<usize>>,
    pub bands: Vec<InterleavedBand>,
}

#[derive(Debug, Clone)]
pub(super) struct InterleavedBand {
    /// Byte range of its first line.
    pub first_line: Range<usize>,
    pub lines: usize,
    pub columns: usize,
    pub width: usize,
    /// Evidence for the columns, and for reading the lines in order.
    pub evidence: (i32, i32),
}

struct Line {
    /// Without its line end.
    bytes: Range<usize>,
    /// Without leading and trailing spaces.
    text: Range<usize>,
    width: usize,
    ends: bool,
    first: Option<char>,
    last: Option<char>,
    /// Blank, or holds a control character: ends a run.
    barrier: bool,
    /// Opens with a section or item number (`（二）`, `一、`).
    numbered: bool,
    /// Opens with a dateline (`本报讯`): a column's first line.
    dateline: bool,
    /// Opens with a unit or measure word (`名`, `万吨`, `%`): goes on from
    /// a number.
    unit_start: bool,
}

impl Line {
    /// A line outside every run measured: a barrier.
    fn outside(bytes: Range<usize>) -> Line {
        Line {
            text: bytes.start..bytes.start,
            bytes,
            width: 0,
            ends: true,
            first: None,
            last: None,
            barrier: true,
            numbered: false,
            dateline: false,
            unit_start: false,
        }
    }
}

fn measure(text: &str, range: Range<usize>) -> Line {
    let line = &text[range.clone()];
    let trimmed = trim_hspace(line);
    let start = range.start + (trimmed.as_ptr() as usize - line.as_ptr() as usize);
    let barrier = trimmed.is_empty() || trimmed.chars().any(|c| c.is_control() && c != '\t');
    Line {
        bytes: range.clone(),
        text: start..start + trimmed.len(),
        width: display_width(trimmed),
        ends: ends_sentence(trimmed) || ocr_dot_end(trimmed),
        first: trimmed.chars().next(),
        last: trimmed.chars().next_back(),
        barrier,
        numbered: enumeration(trimmed).is_some(),
        dateline: is_dateline(trimmed),
        unit_start: is_unit_start(trimmed),
    }
}

/// Whether `line` ends on a Han and a `·`, or on a run of `·`: the OCR
/// engines that put columns on alternate lines read a small `。` so now and
/// then, and `……` as `······`. Only here, where the page is such an OCR's;
/// elsewhere a `·` at the end of a line is as often a foreign name split
/// after its dot (`约翰·` / `史密斯`).
fn ocr_dot_end(line: &str) -> bool {
    let mut chars = line.chars().rev();
    chars.next() == Some('·') && chars.next().is_some_and(|c| is_han(c) || c == '·')
}

/// The reading order of a page whose columns come on alternate lines, or
/// `None` when it has none.
pub(super) fn interleaved_layout(text: &str) -> Option<InterleavedLayout> {
    let spans = candidate_spans(text);
    if spans.is_empty() {
        return None;
    }
    let mut spans_left = spans.iter().peekable();
    let lines: Vec<Line> = line_ranges(text)
        .map(|r| {
            while spans_left.next_if(|span| span.end < r.start).is_some() {}
            match spans_left.peek() {
                Some(span) if span.start <= r.start && r.end <= span.end => measure(text, r),
                _ => Line::outside(r),
            }
        })
        .collect();
    let mut candidates = Vec::new();
    let mut start = 0;
    while start < lines.len() {
        if lines[start].barrier {
            start += 1;
            continue;
        }
        let end = (start..lines.len())
            .find(|&i| lines[i].barrier)
            .unwrap_or(lines.len());
        if end - start >= MIN_RUN {
            // Two articles set in columns of different widths share no
            // width most lines have: the first one's then (the rest is laid
            // out with its own, [`Page::lay_out`]).
            let run = &lines[start..end];
            if let Some(width) = column_width(run).or_else(|| first_width(run)) {
                candidates.push((start..end, width));
            }
        }
        start = end;
    }
    if candidates.is_empty() {
        return None;
    }
    let evidence = Evidence::count(text, &lines, &candidates);
    let mut bands = Vec::new();
    let mut order: Vec<Range<usize>> = Vec::with_capacity(lines.len());
    let mut next = 0;
    for (run, width) in candidates {
        order.extend(lines[next..run.start].iter().map(|l| l.bytes.clone()));
        let page = Page {
            text,
            evidence: &evidence,
            lines: &lines,
        };
        page.lay_out(run.clone(), width, MAX_ROUNDS, &mut order, &mut bands);
        next = run.end;
    }
    if bands.is_empty() {
        return None;
    }
    order.extend(lines[next..].iter().map(|l| l.bytes.clone()));
    Some(InterleavedLayout {
        lines: order,
        bands,
    })
}

/// What a run is laid out from.
struct Page<'p> {
    text: &'p str,
    evidence: &'p Evidence,
    lines: &'p [Line],
}

impl Page<'_> {
    /// Pushes the lines of `run` to `order` in reading order, taken for
    /// columns `width` wide on alternate lines where [`columns_of`] finds
    /// them (a band). Where the run's full lines turn to another width
    /// ([`width_changes`]: the next article, set in columns of another
    /// width), the rest of it is laid out again with that width, up to
    /// `rounds` more times.
    fn lay_out(
        &self,
        run: Range<usize>,
        width: usize,
        rounds: usize,
        order: &mut Vec<Range<usize>>,
        bands: &mut Vec<InterleavedBand>,
    ) {
        let lines = self.lines;
        // The width most lines have may be a later article's: the run's
        // first lines tell where it starts.
        let width = first_width(&lines[run.clone()])
            .filter(|w| w.abs_diff(width) > SLACK)
            .unwrap_or(width);
        if rounds > 0 {
            if let Some(at) = width_changes(lines, run.clone(), width) {
                self.lay_out(run.start..at, width, 0, order, bands);
                match column_width(&lines[at..run.end]) {
                    Some(own) => self.lay_out(at..run.end, own, rounds - 1, order, bands),
                    None => order.extend(lines[at..run.end].iter().map(|l| l.bytes.clone())),
                }
                return;
            }
        }
        let Some((columns, found, in_order)) = columns_of(self.evidence, lines, run.clone(), width)
        else {
            order.extend(lines[run].iter().map(|l| l.bytes.clone()));
            return;
        };
        bands.push(InterleavedBand {
            first_line: lines[run.start].text.clone(),
            lines: run.len(),
            columns,
            width,
            evidence: (found, in_order),
        });
        let mut from = run.start;
        while from < run.end {
            let to = (from + MAX_ASSIGNED).min(run.end);
            let labels = assign(self.evidence, lines, from..to, columns, width);
            let pushed = order.len();
            self.push_in_reading_order(from, &labels, columns, order);
            if to == run.end {
                if let Some((after, tail)) =
                    tail_after_byline(self.text, lines, from, &labels, width)
                {
                    move_tail(
                        &mut order[pushed..],
                        &lines[after].bytes,
                        tail.map(|k| lines[k].bytes.clone()),
                    );
                }
            }
            from = to;
        }
    }
}

/// Most lines after a run's last line outside the columns that
/// [`tail_after_byline`] takes back into a column.
const MAX_TAIL: usize = 2;

/// A column's last line that the OCR returns after the short line (a
/// byline) that ends the column beside it, as it does where that line sits
/// lower on the page (`…公司今年参加了在欧洲举办的` … `业链。` / `黄磊方圆` /
/// `RISC-VSummitEurope大会，与多家海外企`): up to [`MAX_TAIL`] lines of
/// text after the run's last line outside the columns, a short one, go on
/// the one column whose last line before it goes on (ends no sentence).
/// The line where that column ends, and the lines to move after it.
fn tail_after_byline(
    text: &str,
    lines: &[Line],
    first: usize,
    labels: &[Option<usize>],
    width: usize,
) -> Option<(usize, Range<usize>)> {
    let outside = labels.iter().rposition(Option::is_none)?;
    let tail = outside + 1..labels.len();
    if tail.is_empty() || tail.len() > MAX_TAIL {
        return None;
    }
    let byline = &lines[first + outside];
    if !is_short(byline, width) || byline.dateline {
        return None;
    }
    // Lines of running text (a headline has no clause mark).
    if tail.clone().any(|k| {
        let line = &lines[first + k];
        line.dateline || is_short(line, width) || !has_clause_mark(&text[line.text.clone()])
    }) {
        return None;
    }
    // The stretch before the line outside: each column's last line there
    // (one pass: a stretch may be thousands of lines).
    let start = labels[..outside]
        .iter()
        .rposition(Option::is_none)
        .map_or(0, |k| k + 1);
    let mut last_of = [None; MAX_COLUMNS];
    for (k, label) in labels.iter().enumerate().take(outside).skip(start) {
        if let Some(column) = *label {
            last_of[column] = Some(k);
        }
    }
    let mut hanging = last_of
        .into_iter()
        .flatten()
        .filter(|&k| !lines[first + k].ends);
    let last = hanging.next()?;
    if hanging.next().is_some() {
        return None;
    }
    Some((first + last, first + tail.start..first + tail.end))
}

/// Moves the ranges `tail` (at the end of `order`) to right after `after`.
fn move_tail(
    order: &mut [Range<usize>],
    after: &Range<usize>,
    tail: impl Iterator<Item = Range<usize>>,
) {
    let mut after = after.clone();
    for range in tail {
        let (Some(from), Some(to)) = (
            order.iter().position(|r| *r == range),
            order.iter().position(|r| *r == after),
        ) else {
            return;
        };
        if from > to {
            order[to + 1..=from].rotate_right(1);
        }
        after = range;
    }
}

/// The first width that [`MIN_RUN`] lines in a row of `run` have
/// ([`column_width`]).
fn first_width(run: &[Line]) -> Option<usize> {
    run.windows(MIN_RUN).find_map(column_width)
}

/// Where the full lines of `run` turn from `width` to another width: the
/// first full line of that width in the first [`MIN_RUN`] lines whose
/// [`column_width`] is another (by more than [`SLACK`]).
fn width_changes(lines: &[Line], run: Range<usize>, width: usize) -> Option<usize> {
    (run.start..run.end.saturating_sub(MIN_RUN) + 1).find_map(|at| {
        let window = at..at + MIN_RUN;
        let other = column_width(&lines[window.clone()]).filter(|w| w.abs_diff(width) > SLACK)?;
        window
            .filter(|&i| i > run.start)
            .find(|&i| lines[i].width + SLACK >= other && lines[i].width <= other)
    })
}

/// Most times the rest of a run is laid out again with another width
/// ([`Page::lay_out`]).
const MAX_ROUNDS: usize = 2;

/// Longest line (bytes) taken for a column's line: 80 Han.
const MAX_LINE_BYTES: usize = 240;
/// Two full lines of a column differ by at most this many bytes (a few
/// digits or Latin letters among Han; slack for the byte scan).
const ALIKE_BYTES: usize = 12;

/// The byte spans of `text`'s runs of [`MIN_RUN`] or more lines that are
/// neither blank nor longer than [`MAX_LINE_BYTES`], [`MIN_FULL`] of them
/// about as long as the line before: a byte scan that rules out most pages
/// (one line per paragraph, a blank line after every line), and the only
/// lines measured.
fn candidate_spans(text: &str) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let mut spans = Vec::new();
    // The current run: where it starts, its length, how many of its lines
    // are about as long as the line before (full column lines are), where
    // its last line ends.
    let (mut from, mut run, mut alike, mut before, mut until) = (0, 0, 0, 0, 0);
    let mut start = 0;
    let mut close = |from: usize, run: usize, alike: usize, until: usize| {
        if run >= MIN_RUN && alike + 1 >= MIN_FULL {
            spans.push(from..until);
        }
    };
    for end in memchr::memchr_iter(b'\n', bytes).chain([bytes.len()]) {
        let line = &bytes[start..end];
        if line.len() <= MAX_LINE_BYTES && line.iter().any(|&b| b > b' ') {
            if run == 0 {
                (from, alike) = (start, 0);
            } else {
                alike += usize::from(line.len().abs_diff(before) <= ALIKE_BYTES);
            }
            run += 1;
            until = end;
        } else {
            close(from, run, alike, until);
            run = 0;
        }
        before = line.len();
        start = end + 1;
    }
    close(from, run, alike, until);
    spans
}

/// The width that most lines of the run are full lines of (up to [`SLACK`]
/// cells narrower), if enough of them are: [`MIN_FULL`], and with the first
/// lines of paragraphs (an [`INDENT`] narrower) 40% of the run. A column
/// of short paragraphs has about as many first lines as full ones.
fn column_width(run: &[Line]) -> Option<usize> {
    let mut widths: Vec<usize> = run
        .iter()
        .map(|l| l.width)
        .filter(|&w| w >= MIN_WIDTH)
        .collect();
    widths.sort_unstable();
    // For each width, how many lines are within SLACK below it.
    let (mut best, mut best_count) = (0, 0);
    let mut lo = 0;
    for hi in 0..widths.len() {
        while widths[lo] + SLACK < widths[hi] {
            lo += 1;
        }
        if hi - lo + 1 > best_count {
            (best, best_count) = (widths[hi], hi - lo + 1);
        }
    }
    let first_lines = widths
        .iter()
        .filter(|&&w| w + SLACK < best && w + SLACK + INDENT >= best)
        .count();
    (best_count >= MIN_FULL && (best_count + first_lines) * 5 >= run.len() * 2).then_some(best)
}

/// A line of a run with columns `width` wide can be a column's line: up to
/// [`SLACK`] cells wider, or (at a cost, [`is_overfull`]) a quarter wider:
/// an OCR reads some marks wider than they are set (`……` as `······`).
fn fits(line: &Line, width: usize) -> bool {
    line.width <= width + width / 4
}

/// Wider than a column's full line, but not too wide to be one.
fn is_overfull(line: &Line, width: usize) -> bool {
    line.width > width + SLACK && fits(line, width)
}

/// A line that may stand outside the columns: wider than a column, or a
/// short line that ends no sentence and opens no story (a dateline opens
/// its column, and is short where it is the first line of a paragraph,
/// indented).
fn may_stand_outside(line: &Line, width: usize) -> bool {
    line.width > width + SLACK
        || (!line.ends && !line.dateline && line.width + SLACK + INDENT < width)
}

/// A short line that ends no sentence: a headline, a subheading or a byline
/// rather than a column's line (costs in [`assign`]), unless it opens with
/// a section number (`（二）…`: a subheading).
fn is_short(line: &Line, width: usize) -> bool {
    may_stand_outside(line, width) && !is_overfull(line, width) && !line.numbered
}

/// The number of columns of a run, with the evidence for them and for
/// reading in order; `None` when it reads in order.
fn columns_of(
    evidence: &Evidence,
    lines: &[Line],
    run: Range<usize>,
    width: usize,
) -> Option<(usize, i32, i32)> {
    let apart = |k: usize| -> i32 {
        (run.start..run.end.saturating_sub(k))
            .filter(|&i| fits(&lines[i], width) && fits(&lines[i + k], width))
            .map(|i| evidence.cont(&lines[i], &lines[i + k]))
            .sum()
    };
    let in_order = apart(1);
    let (mut best, mut best_k) = (0, 0);
    for k in 2..=MAX_COLUMNS {
        let found = apart(k);
        if found > best {
            (best, best_k) = (found, k);
        }
    }
    (best >= MIN_EVIDENCE && best >= 2 * in_order + MARGIN).then_some((best_k, best, in_order))
}

/// The pairs of Han characters at the breaks a run may be read across, and
/// how often the text writes each inside a line.
struct Evidence {
    /// `(first << 32) | second`, sorted, with their counts.
    pairs: Vec<(u64, u32)>,
}

impl Evidence {
    fn key(a: char, b: char) -> u64 {
        (u64::from(u32::from(a)) << 32) | u64::from(u32::from(b))
    }

    fn count(text: &str, lines: &[Line], runs: &[(Range<usize>, usize)]) -> Self {
        let mut keys = Vec::new();
        for (run, _) in runs {
            for i in run.clone() {
                let (Some(a), false) = (lines[i].last.filter(|&c| is_han(c)), lines[i].ends) else {
                    continue;
                };
                for next in &lines[i + 1..(i + 1 + REACH).min(run.end)] {
                    if let Some(b) = next.first.filter(|&c| is_han(c)) {
                        keys.push(Self::key(a, b));
                    }
                }
            }
        }
        keys.sort_unstable();
        keys.dedup();
        let mut pairs: Vec<(u64, u32)> = keys.into_iter().map(|k| (k, 0)).collect();
        if pairs.is_empty() {
            return Evidence { pairs };
        }
        // First characters of the pairs asked about, by their low bits: most
        // characters of the text are ruled out without a search.
        let mut firsts = [0u64; 64];
        for &(key, _) in &pairs {
            let bit = (key >> 32) as usize & 0xfff;
            firsts[bit / 64] |= 1 << (bit % 64);
        }
        for line in line_ranges(text) {
            let mut chars = text[line].chars().peekable();
            while let Some(a) = chars.next() {
                let bit = u32::from(a) as usize & 0xfff;
                if firsts[bit / 64] & (1 << (bit % 64)) == 0 || !is_han(a) {
                    continue;
                }
                let Some(&b) = chars.peek() else { break };
                if let Ok(at) = pairs.binary_search_by_key(&Self::key(a, b), |&(k, _)| k) {
                    pairs[at].1 += 1;
                }
            }
        }
        Evidence { pairs }
    }

    /// [`Evidence::cont`], and 1 where `a` ends on a digit and `b` opens
    /// with a unit (`…组织了120` / `名农技人员…`): once the run is taken
    /// for columns, which column's line goes on a number. (Not in telling
    /// whether it has columns: numbers and units are everywhere in the
    /// text, and a page of columns puts them side by side in either
    /// reading. One point, as for a pair written once: a unit may as well
    /// end a word of the other column's line, `…68.4毫` / `米，…`.)
    fn cont_in_column(&self, a: &Line, b: &Line) -> i32 {
        let number_unit = !a.ends && a.last.is_some_and(|c| c.is_ascii_digit()) && b.unit_start;
        if number_unit {
            1
        } else {
            self.cont(a, b)
        }
    }

    /// How much the text says that line `b` goes on from line `a` (0 to
    /// 2): nothing where `a` ends a sentence; digits on both sides (a number
    /// split) 2, letters (a word split) 1; two Han that are one of
    /// [`COMMON_PAIRS`] 2, else as often as the text writes them as a pair
    /// inside a line, up to 2.
    fn cont(&self, a: &Line, b: &Line) -> i32 {
        let (Some(x), Some(y)) = (a.last, b.first) else {
            return 0;
        };
        if a.ends {
            return 0;
        }
        if x.is_ascii_digit() && y.is_ascii_digit() {
            return 2;
        }
        if x.is_ascii_alphabetic() && y.is_ascii_alphabetic() {
            return 1;
        }
        if !(is_han(x) && is_han(y)) {
            return 0;
        }
        if is_common_pair(x, y) {
            return 2;
        }
        match self
            .pairs
            .binary_search_by_key(&Self::key(x, y), |&(k, _)| k)
        {
            Ok(at) => self.pairs[at].1.min(2) as i32,
            Err(_) => 0,
        }
    }

    /// [`Evidence::cont_in_column`] for lines that may be far apart (the
    /// last line of one column and the first of the next): a pair of Han
    /// that was not counted (only lines up to [`REACH`] apart are) is
    /// counted in `text` now.
    fn cont_across(&self, text: &str, a: &Line, b: &Line) -> i32 {
        let found = self.cont_in_column(a, b);
        let (Some(x), Some(y)) = (a.last, b.first) else {
            return found;
        };
        let counted = self
            .pairs
            .binary_search_by_key(&Self::key(x, y), |&(k, _)| k)
            .is_ok();
        if found > 0 || a.ends || counted || !(is_han(x) && is_han(y)) {
            return found;
        }
        let mut pair = [0u8; 8];
        let len = x.encode_utf8(&mut pair).len();
        let len = len + y.encode_utf8(&mut pair[len..]).len();
        // Two Han never span a line end: every match is inside a line.
        memchr::memmem::find_iter(text.as_bytes(), &pair[..len])
            .take(2)
            .count() as i32
    }
}

/// Pairs of Han characters that most often stand side by side inside a
/// word, Simplified and Traditional (`scripts/common-pairs/make.py`, from
/// jieba's word list): sorted records of six bytes and a line end.
const COMMON_PAIRS: &[u8] = include_bytes!("common_pairs.txt");
const PAIR_RECORD: usize = 7;

/// Whether `a` then `b` is one of [`COMMON_PAIRS`].
fn is_common_pair(a: char, b: char) -> bool {
    let mut key = [0u8; 8];
    let first = a.encode_utf8(&mut key[..4]).len();
    let second = b.encode_utf8(&mut key[first..]).len();
    if first + second != PAIR_RECORD - 1 {
        return false;
    }
    // A binary search over the fixed-width records (no parsing).
    let key = &key[..PAIR_RECORD - 1];
    let (mut lo, mut hi) = (0, COMMON_PAIRS.len() / PAIR_RECORD);
    while lo < hi {
        let mid = (lo + hi) / 2;
        let record = &COMMON_PAIRS[mid * PAIR_RECORD..][..PAIR_RECORD - 1];
        match record.cmp(key) {
            std::cmp::Ordering::Less => lo = mid + 1,
            std::cmp::Ordering::Greater => hi = mid,
            std::cmp::Ordering::Equal => return true,
        }
    }
    false
}

/// A column's last line, as a distance back from the line just labelled:
/// `0..REACH`, [`FAR`] (further back) or [`NONE`] (no line since the
/// columns began).
const FAR: u8 = REACH as u8;
const NONE: u8 = REACH as u8 + 1;
const CODES: usize = REACH + 2;

/// What a row without a line of a column costs (half points), by the
/// column's last line (`code` back from line `i`): nothing for a column
/// not begun or long left, 1 where that line ended a sentence, 2 where it
/// goes on.
fn skip_cost(lines: &[Line], i: usize, code: u8) -> i32 {
    match code {
        NONE | FAR => 0,
        d => 1 + i32::from(!lines[i - 1 - d as usize].ends),
    }
}

/// What columns whose last line (by `codes`, back from line `i`) is a
/// short one cost where they end: such a line is a subheading only where
/// its column goes on after it, so the cheap cost of taking it after a
/// sentence end (1, against 4) is made up here (half points).
fn dangling(lines: &[Line], i: usize, codes: &[u8], width: usize) -> i32 {
    codes
        .iter()
        .filter(|&&d| d < FAR && is_short(&lines[i - 1 - d as usize], width))
        .map(|_| 3)
        .sum()
}

/// The label of each line of `run`: its column, or `None` for a line
/// outside the columns (see the module doc).
fn assign(
    evidence: &Evidence,
    lines: &[Line],
    run: Range<usize>,
    columns: usize,
    width: usize,
) -> Vec<Option<usize>> {
    let states = CODES.pow(columns as u32);
    let encode = |codes: &[u8]| codes.iter().fold(0, |s, &c| s * CODES + c as usize);
    let decode = |mut s: usize| {
        let mut codes = [NONE; MAX_COLUMNS];
        for c in (0..columns).rev() {
            codes[c] = (s % CODES) as u8;
            s /= CODES;
        }
        codes
    };
    let bump = |c: u8| match c {
        NONE => NONE,
        c if c + 1 >= FAR => FAR,
        c => c + 1,
    };
    // Per line and state: the state before it and the label (`OUTSIDE` for
    // none).
    const OUTSIDE: u8 = u8::MAX;
    let mut back: Vec<Vec<(u16, u8)>> = Vec::with_capacity(run.len());
    let mut previous: Vec<Option<i32>> = vec![None; states];
    previous[encode(&[NONE; MAX_COLUMNS][..columns])] = Some(0);
    for (i, line) in run.clone().map(|i| (i, &lines[i])) {
        let mut scores: Vec<Option<i32>> = vec![None; states];
        let mut here = vec![(0u16, OUTSIDE); states];
        let mut offer = |next: usize, total: i32, from: usize, label: u8| {
            if scores[next].is_none_or(|s| total > s) {
                scores[next] = Some(total);
                here[next] = (from as u16, label);
            }
        };
        let outside = may_stand_outside(line, width);
        let short = i32::from(is_short(line, width));
        // Before any column line, a line that is not full and ends no
        // sentence (a headline a little narrower than a column) may stand
        // outside too: ties go that way.
        let heads = outside || (!line.ends && !line.dateline);
        for (state, score) in previous.iter().enumerate() {
            let Some(score) = *score else { continue };
            let codes = decode(state);
            let codes = &codes[..columns];
            let fresh = codes.iter().all(|&c| c == NONE);
            if outside || (fresh && heads) {
                // Before the columns, a headline is taken for one unless
                // the text says it goes on.
                let cost = if fresh {
                    0
                } else {
                    2 * RESTART + dangling(lines, i, codes, width)
                };
                offer(
                    encode(&[NONE; MAX_COLUMNS][..columns]),
                    score - cost,
                    state,
                    OUTSIDE,
                );
            }
            if !fits(line, width) {
                continue;
            }
            // In half points: evidence counts double. The row so far ends
            // at the column of the line before; a line in a column left of
            // it, or in it, begins the next row.
            let current = codes.iter().position(|&d| d == 0);
            let overfull = 2 * i32::from(is_overfull(line, width));
            let skip = |j: usize| skip_cost(lines, i, codes[j]);
            for c in 0..columns {
                let skipped: i32 = match current {
                    Some(p) if c > p => (p + 1..c).map(skip).sum(),
                    Some(p) => (p + 1..columns).chain(0..c).map(skip).sum(),
                    None => (0..c).map(skip).sum(),
                };
                let gain = match codes[c] {
                    // A column begins with a line of text, not a headline.
                    NONE => -2 * short,
                    FAR => -2 - 4 * short,
                    d => {
                        let last = &lines[i - 1 - d as usize];
                        // After a paragraph's end, a subheading.
                        let short_cost = if last.ends { 1 } else { 4 };
                        2 * evidence.cont_in_column(last, line) - short_cost * short
                    }
                } - skipped
                    - overfull;
                let mut next = [NONE; MAX_COLUMNS];
                for (j, &code) in codes.iter().enumerate() {
                    next[j] = if j == c { 0 } else { bump(code) };
                }
                offer(encode(&next[..columns]), score + gain, state, c as u8);
            }
        }
        previous = scores;
        back.push(here);
    }
    // Back from the best last state (the columns right of the last line
    // skipped on its row); ties go to the lowest state.
    let mut state = (0..states)
        .filter_map(|s| {
            let codes = decode(s);
            let codes = &codes[..columns];
            let skipped: i32 = match codes.iter().position(|&d| d == 0) {
                Some(p) => (p + 1..columns)
                    .map(|j| skip_cost(lines, run.end, codes[j]))
                    .sum(),
                None => 0,
            };
            let dangling = dangling(lines, run.end, codes, width);
            previous[s].map(|score| (score - skipped - dangling, s))
        })
        .max_by_key(|&(score, s)| (score, std::cmp::Reverse(s)))
        .map_or(0, |(_, s)| s);
    let mut labels = vec![None; run.len()];
    for k in (0..run.len()).rev() {
        let (from, label) = back[k][state];
        labels[k] = (label != OUTSIDE).then_some(label as usize);
        state = from as usize;
    }
    labels
}

/// Whether `line` holds a clause or sentence mark (body text does; a
/// headline seldom).
fn has_clause_mark(line: &str) -> bool {
    line.chars().any(|c| {
        matches!(
            c,
            '，' | '、' | '；' | '：' | '。' | '！' | '？' | ',' | ';'
        )
    })
}

impl Page<'_> {
    /// Appends the lines of a run starting at line `first`, labelled
    /// `labels`, in reading order: each stretch between lines outside the
    /// columns column by column (in the order the columns begin), then that
    /// line.
    fn push_in_reading_order(
        &self,
        first: usize,
        labels: &[Option<usize>],
        columns: usize,
        order: &mut Vec<Range<usize>>,
    ) {
        let (text, evidence, lines) = (self.text, self.evidence, self.lines);
        let mut from = 0;
        while from < labels.len() {
            let to = (from..labels.len())
                .find(|&k| labels[k].is_none())
                .unwrap_or(labels.len());
            let mut begun: Vec<usize> = Vec::with_capacity(columns);
            for label in labels[from..to].iter().flatten() {
                if !begun.contains(label) {
                    begun.push(*label);
                }
            }
            // A column's last line goes on in the next column's first: where
            // the text says so one way round only, that is the order.
            let ends = |column: usize| {
                let mut of = (from..to).filter(|&k| labels[k] == Some(column));
                let head = of.next().map(|k| &lines[first + k]);
                let tail = of.next_back().map(|k| &lines[first + k]).or(head);
                head.zip(tail)
            };
            // An article starts with its dateline (`本报讯`, `新华社…电`): a
            // column that begins with one, where only one does, is the first
            // (the right column's first line may come back first).
            let datelined: Vec<usize> = begun
                .iter()
                .copied()
                .filter(|&c| ends(c).is_some_and(|(head, _)| head.dateline))
                .collect();
            // Lines above the dateline that read as a headline (no clause or
            // sentence mark) stay above it, whichever column took them.
            let mut heads = from;
            if let [lead] = datelined[..] {
                begun.retain(|&c| c != lead);
                begun.insert(0, lead);
                let dateline = (from..to).find(|&k| labels[k] == Some(lead)).unwrap_or(to);
                while heads < dateline && !has_clause_mark(&text[lines[first + heads].text.clone()])
                {
                    heads += 1;
                }
                for k in from..heads {
                    order.push(lines[first + k].bytes.clone());
                }
            } else if let [a, b] = begun[..] {
                if let (Some((a_first, a_last)), Some((b_first, b_last))) = (ends(a), ends(b)) {
                    if evidence.cont_across(text, b_last, a_first)
                        > evidence.cont_across(text, a_last, b_first)
                    {
                        begun.swap(0, 1);
                    }
                }
            }
            for column in begun {
                for k in heads..to {
                    if labels[k] == Some(column) {
                        order.push(lines[first + k].bytes.clone());
                    }
                }
            }
            if to < labels.len() {
                order.push(lines[first + to].bytes.clone());
            }
            from = to + 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ocr_readings_of_sentence_ends() {
        let cases: &[(&str, bool)] = &[
            ("构建低碳园区·", true),
            ("相继建成······", true),
            // Traps: a dot after a digit or a letter, a dot alone.
            ("比重为82.6·", false),
            ("Jean·", false),
            ("·", false),
            ("构建低碳园区", false),
        ];
        for &(line, expected) in cases {
            assert_eq!(ocr_dot_end(line), expected, "line {line:?}");
        }
    }
}
