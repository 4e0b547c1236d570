//! The layout of a page inferred from its own lines: the column width around
//! every line, whether the lines around it mark first lines with leading
//! spaces, the extractor's usual gap between lines, the usual indent in
//! spaces, and which character pairs the document writes as words.

use std::cell::OnceCell;
use std::cmp::Ordering;

use super::lines::{han_pair, Line, LineKind};
use crate::hash::FxHashMap;
use crate::text::{is_han, starts_common_han, three_byte_code_point, TypesetWidth};

/// Lines on each side of a line that vote for its column width.
const WINDOW: usize = 6;
/// Most lines in a window: the buffers of the votes live on the stack.
const VOTERS: usize = 2 * WINDOW + 1;
/// Full lines of one column differ by about one cell (digits, Latin and
/// compressed punctuation do not add up to whole characters): lines within
/// this of each other are one cluster when looking for the column width.
const CLUSTER_TOLERANCE: usize = 1;
/// A line this much (cells) narrower than its column still counts as full.
pub const FULL_TOLERANCE: usize = 2;
/// Fewest lines (and share of the window) that must agree on a width for it
/// to be a column; fewer means the lines are whole paragraphs or headlines.
/// Two is enough for a short block (a photo-news text of three lines) when
/// they are most of their side of the window.
const MIN_SUPPORT: usize = 2;
const MIN_SUPPORT_SHARE: f32 = 0.25;
/// The narrowest column (cells): narrower lines that agree are short lines
/// that happen to match, not a column.
const MIN_COLUMN: usize = 12;
/// A first line is indented by about two Han (four cells); with digits and
/// punctuation in it, anything from more than [`FULL_TOLERANCE`] up to this.
pub const INDENT_MAX: usize = 7;

/// A width that enough lines of a window agree on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Dominant {
    /// The median of the agreeing lines.
    width: usize,
    /// Lines in the cluster.
    support: usize,
    /// Lines exactly at `width`.
    exact: usize,
}

impl Dominant {
    /// The dominant width of `len` widths whose best candidate is `c`, with
    /// `support` widths within [`FULL_TOLERANCE`] of it, if enough of them
    /// agree. `wider(c)` counts the widths more than [`INDENT_MAX`] wider
    /// than `c`, `at(w)` those exactly at `w`.
    // Inlined so that the look-ups passed in are not calls through closures.
    #[inline(always)]
    fn of(
        len: usize,
        (support, c): (usize, usize),
        wider: impl FnOnce(usize) -> usize,
        at: impl Fn(usize) -> usize,
    ) -> Option<Dominant> {
        let needed = NEEDED_SUPPORT
            .get(len)
            .map_or_else(|| needed_support(len), |&n| n);
        if support < needed || c < MIN_COLUMN {
            return None;
        }
        // Full lines are the widest of a column: many lines far wider mean the
        // agreeing ones met by chance (whole-paragraph lines). They are
        // outside the cluster: count them only if they could be that many.
        if (len - support) * 2 > support && wider(c) * 2 > support {
            return None;
        }
        // The agreeing widths are c - 1, c and c + 1 (all in the cluster):
        // their median from counts.
        const _: () = assert!(
            CLUSTER_TOLERANCE == 1 && CLUSTER_TOLERANCE <= FULL_TOLERANCE,
            "the median below counts three widths"
        );
        let (below, at_c, above) = (at(c - 1), at(c), at(c + 1));
        let middle = (below + at_c + above) / 2;
        let (width, exact) = if middle < below {
            (c - 1, below)
        } else if middle < below + at_c {
            (c, at_c)
        } else {
            (c + 1, above)
        };
        Some(Dominant {
            width,
            support,
            exact,
        })
    }
}

/// The most common width (give or take [`CLUSTER_TOLERANCE`]) among the
/// `sorted` widths, if enough of them agree. The width is the median of the
/// agreeing lines; ties go to the wider candidate (short lines are first and
/// last lines of paragraphs, never the column).
fn dominant_width(sorted: &[usize]) -> Option<Dominant> {
    debug_assert!(sorted.is_sorted());
    // Each candidate's support with two pointers; a repeated width is the
    // same candidate again. Ascending, so a tie goes to the later one.
    let n = sorted.len();
    let (mut support, mut c, mut cluster) = (0, 0, 0..0);
    let (mut lo, mut hi, mut i) = (0, 0, 0);
    while i < n {
        let candidate = sorted[i];
        while sorted[lo] + FULL_TOLERANCE < candidate {
            lo += 1;
        }
        while hi < n && sorted[hi] <= candidate + FULL_TOLERANCE {
            hi += 1;
        }
        if hi - lo >= support {
            (support, c, cluster) = (hi - lo, candidate, lo..hi);
        }
        i += 1;
        while i < n && sorted[i] == candidate {
            i += 1;
        }
    }
    Dominant::of(
        n,
        (support, c),
        |c| {
            sorted[cluster.end..]
                .iter()
                .filter(|&&w| w > c + INDENT_MAX)
                .count()
        },
        |width| {
            sorted[cluster.clone()]
                .iter()
                .filter(|&&w| w == width)
                .count()
        },
    )
}

/// Fewest lines of `len` that must agree on a column: [`MIN_SUPPORT`], and
/// [`MIN_SUPPORT_SHARE`] of them rounded up (by hand: `f32::ceil` is not
/// `const`). Windows look theirs up in [`NEEDED_SUPPORT`].
const fn needed_support(len: usize) -> usize {
    let share = MIN_SUPPORT_SHARE * len as f32;
    let whole = share as usize;
    let needed = if (whole as f32) < share {
        whole + 1
    } else {
        whole
    };
    if needed < MIN_SUPPORT {
        MIN_SUPPORT
    } else {
        needed
    }
}

/// [`needed_support`] of every window length.
const NEEDED_SUPPORT: [usize; VOTERS + 1] = {
    let mut needed = [0; VOTERS + 1];
    let mut len = 0;
    while len <= VOTERS {
        needed[len] = needed_support(len);
        len += 1;
    }
    needed
};

/// The column around a line: its width and the convention it is measured in
/// (see [`crate::text::TypesetWidth`]; each column uses the one under which
/// its lines agree best).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    pub width: usize,
    pub tight: bool,
}

impl Column {
    /// The width of `line` in this column's convention.
    pub fn measure(&self, line: &Line) -> usize {
        self.cells(line.width())
    }

    /// `width` in this column's convention.
    pub fn cells(&self, width: TypesetWidth) -> usize {
        if self.tight {
            width.tight
        } else {
            width.loose
        }
    }

    /// Whether `line` stops well short of this column (more than a first
    /// line's indent): a last line, a headline. A letter-spaced line was
    /// stretched, so it never does.
    pub fn stops_short(&self, line: &Line) -> bool {
        !line.letter_spaced && self.measure(line) + INDENT_MAX < self.width
    }

    /// Whether `line` could belong to this column: not wider than it, and no
    /// shorter than an indented first line.
    fn fits(&self, line: &Line) -> bool {
        let w = self.measure(line);
        w <= self.width + FULL_TOLERANCE + 1 && w + INDENT_MAX >= self.width
    }
}

/// What a line that votes for its column brings to the vote.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
struct Voter {
    width: TypesetWidth,
    clause_punct: bool,
    ends_sentence: bool,
}

/// The values of a window (at most [`VOTERS`]), kept sorted while the
/// window slides (cheaper than sorting every window).
#[derive(Debug, Default)]
struct SortedWindow {
    values: [usize; VOTERS],
    len: usize,
}

impl SortedWindow {
    fn insert(&mut self, value: usize) {
        let len = self.len;
        let at = self.values[..len].partition_point(|&x| x < value);
        self.values.copy_within(at..len, at + 1);
        self.values[at] = value;
        self.len += 1;
    }

    fn remove(&mut self, value: usize) {
        let len = self.len;
        let at = self.values[..len].partition_point(|&x| x < value);
        self.values.copy_within(at + 1..len, at);
        self.len -= 1;
    }

    fn sorted(&self) -> &[usize] {
        &self.values[..self.len]
    }
}

/// A window of voters as [`dominant_column`] asks about it.
trait VoteWindow {
    /// The column of the voters (`running`: of those with clause
    /// punctuation only) in the convention they agree on best: lines in the
    /// cluster, then lines exactly at its width.
    fn pick_column(&self, running: bool) -> Option<Column>;
    /// How many voters agree with `column` (within [`CLUSTER_TOLERANCE`]) and
    /// have clause punctuation, and how many do not end a sentence.
    fn agreeing(&self, column: Column) -> (usize, usize);
    /// Voters in the window.
    fn len(&self) -> usize;
    /// Voters exactly `width` wide in the convention `tight`, and how many
    /// of them end a sentence, and have no clause punctuation (the last
    /// line of a paragraph, a headline).
    fn at_width(&self, tight: bool, width: usize) -> (usize, usize, usize);
    /// Voters wider than `width` in the convention `tight`.
    fn wider_than(&self, tight: bool, width: usize) -> usize;
    /// Voters within [`FULL_TOLERANCE`] of `width` in the convention `tight`.
    fn near_width(&self, tight: bool, width: usize) -> usize;
}

/// The dominant column of a window, in whichever convention more of its
/// voters agree on (the tight one on a tie). A cluster of lines without any
/// punctuation of running text (a stack of headlines) is no column.
fn dominant_column(window: &impl VoteWindow) -> Option<Column> {
    let column = window.pick_column(false)?;
    let column = widened(window, column).unwrap_or(column);
    let (running, open) = window.agreeing(column);
    let (column, open) = if running >= 2 {
        (column, open)
    } else {
        let column = window.pick_column(true)?;
        (column, window.agreeing(column).1)
    };
    // The width cut some of these lines inside a sentence; lines that all end
    // sentences and happen to be as wide are whole paragraphs.
    let wrapped = open > 0;
    wrapped.then_some(column)
}

/// Full lines are the widest of a column: where enough voters agree on a
/// width a few cells (up to an indent) wider than the dominant one, the
/// dominant cluster is the first lines, subheadings and last lines of short
/// paragraphs (a column of briefs), and the wider one is the column. Only
/// voters wider than the dominant cluster count for it.
fn widened(window: &impl VoteWindow, column: Column) -> Option<Column> {
    let at = |width: usize| window.at_width(column.tight, width);
    // Voters at the widths right of the cluster that a candidate's support
    // counts (two looks at counts near a width cover them): most windows
    // have none, and end here.
    let lowest = column.width + FULL_TOLERANCE + 1;
    const _: () = assert!(INDENT_MAX <= 4 * FULL_TOLERANCE + 2);
    let near = |width| window.near_width(column.tight, width);
    if near(lowest + FULL_TOLERANCE) + near(lowest + 3 * FULL_TOLERANCE + 1) == 0 {
        return None;
    }
    let mut right = [0; INDENT_MAX];
    for (i, count) in right.iter_mut().enumerate() {
        *count = at(lowest + i).0;
    }
    // Some line of the dominant cluster is a paragraph's last line or a
    // headline; where all are running lines that go on, they are the full
    // lines of a column whatever else the window holds.
    let unit_like = (column.width - FULL_TOLERANCE..=column.width + FULL_TOLERANCE)
        .map(at)
        .any(|(_, closed, plain)| closed + plain > 0);
    if !unit_like {
        return None;
    }
    // Candidates up to an indent wider, at voters' widths (as in
    // [`dominant_width`]); ties go to the wider.
    let (support, c) = (0..=INDENT_MAX - FULL_TOLERANCE - 1)
        .filter(|&j| right[j] > 0)
        .map(|j| {
            let near = j.saturating_sub(FULL_TOLERANCE)..=j + FULL_TOLERANCE;
            (right[near].iter().sum::<usize>(), lowest + j)
        })
        .max()?;
    let wider = Dominant::of(
        window.len(),
        (support, c),
        |c| window.wider_than(column.tight, c + INDENT_MAX),
        |width| at(width).0,
    )?;
    Some(Column {
        width: wider.width,
        tight: column.tight,
    })
}

/// The better of the dominant widths in the two conventions: more lines in
/// the cluster, then more exactly at its width (the tight one on a tie).
fn pick(tight: Option<Dominant>, loose: Option<Dominant>) -> Option<Column> {
    let column = |d: Dominant, tight| Column {
        width: d.width,
        tight,
    };
    match (tight, loose) {
        (Some(t), Some(l)) if (l.support, l.exact) > (t.support, t.exact) => Some(column(l, false)),
        (Some(t), _) => Some(column(t, true)),
        (None, l) => l.map(|l| column(l, false)),
    }
}

/// The plain vote: the window's widths sorted, at most [`VOTERS`] of them.
struct SortedVoters<'v>(&'v [Voter]);

impl VoteWindow for SortedVoters<'_> {
    fn pick_column(&self, running: bool) -> Option<Column> {
        let (mut tight, mut loose) = (SortedWindow::default(), SortedWindow::default());
        for v in self.0.iter().filter(|v| !running || v.clause_punct) {
            tight.insert(v.width.tight);
            loose.insert(v.width.loose);
        }
        pick(
            dominant_width(tight.sorted()),
            dominant_width(loose.sorted()),
        )
    }

    fn agreeing(&self, column: Column) -> (usize, usize) {
        let agrees = self
            .0
            .iter()
            .filter(|v| column.cells(v.width).abs_diff(column.width) <= CLUSTER_TOLERANCE);
        agrees.fold((0, 0), |(running, open), v| {
            (
                running + usize::from(v.clause_punct),
                open + usize::from(!v.ends_sentence),
            )
        })
    }

    fn len(&self) -> usize {
        self.0.len()
    }

    fn at_width(&self, tight: bool, width: usize) -> (usize, usize, usize) {
        let column = Column { width, tight };
        self.0
            .iter()
            .filter(|v| column.cells(v.width) == width)
            .fold((0, 0, 0), |(all, closed, plain), v| {
                (
                    all + 1,
                    closed + usize::from(v.ends_sentence),
                    plain + usize::from(!v.clause_punct),
                )
            })
    }

    fn wider_than(&self, tight: bool, width: usize) -> usize {
        let column = Column { width, tight };
        self.0
            .iter()
            .filter(|v| column.cells(v.width) > width)
            .count()
    }

    fn near_width(&self, tight: bool, width: usize) -> usize {
        let column = Column { width, tight };
        self.0
            .iter()
            .filter(|v| column.cells(v.width).abs_diff(width) <= FULL_TOLERANCE)
            .count()
    }
}

/// Voters of a window at one width in one convention, and within
/// [`FULL_TOLERANCE`] of it (its support as a candidate), packed into one
/// word (a byte each, see the `*_BIT`s) so that counting a voter in or out
/// is one addition per width. A window has at most [`VOTERS`], and sums of
/// a few widths' counts stay below 256: no count carries into the next.
#[derive(Debug, Clone, Copy, Default)]
struct WidthCount(u64);

/// Voters at the width …
const AT_BIT: u32 = 0;
/// … of them with clause punctuation, and not ending a sentence.
const RUNNING_AT_BIT: u32 = 8;
const OPEN_AT_BIT: u32 = 16;
/// Voters near the width with clause punctuation, and all voters near it
/// (alone in the upper half, so that [`WidthCount::key`] is a shift).
const RUNNING_NEAR_BIT: u32 = 24;
const NEAR_BIT: u32 = 48;

impl WidthCount {
    fn get(self, bit: u32) -> usize {
        usize::from((self.0 >> bit) as u8)
    }

    /// This count as a candidate `width`, as one number: its support above
    /// the width, so that the best candidate (most support, then widest) is
    /// the largest.
    fn key(self, width: usize) -> u32 {
        const _: () = assert!(DENSE_WIDTHS <= 1 << 16 && NEAR_BIT == 48);
        (self.0 >> 32) as u32 | width as u32
    }

    /// The same with the support of the voters with clause punctuation.
    fn running_key(self, width: usize) -> u32 {
        (self.get(RUNNING_NEAR_BIT) as u32) << 16 | width as u32
    }
}

/// The `(support, width)` of a [`WidthCount::key`].
const fn unkey(key: u32) -> (usize, usize) {
    ((key >> 16) as usize, (key & 0xffff) as usize)
}

/// Widths below this are voted on from counts by width ([`Tally`]); a
/// document with wider lines votes from sorted widths.
const DENSE_WIDTHS: usize = 1 << 16;

/// The voters of a sliding window counted by width in one convention
/// (index: width + [`FULL_TOLERANCE`]), so that a candidate's support and
/// the median of its cluster are look-ups, not scans of sorted widths: the
/// vote runs twice for every line.
#[derive(Clone)]
struct Counts {
    widths: Vec<WidthCount>,
    /// The best key of the voters' widths, as of the last vote.
    best: u32,
}

impl Counts {
    fn at(&self, width: usize) -> WidthCount {
        self.widths[width + FULL_TOLERANCE]
    }

    /// Counts a voter of `width` in (`IN`) or out; `at` and `near` are its
    /// counts at its width and near it.
    #[inline(always)]
    fn count<const IN: bool>(&mut self, width: usize, (at, near): (u64, u64)) {
        let cells = &mut self.widths[width..=width + 2 * FULL_TOLERANCE];
        let add = |cell: &mut WidthCount, by: u64| {
            cell.0 = if IN {
                cell.0.wrapping_add(by)
            } else {
                cell.0.wrapping_sub(by)
            }
        };
        add(&mut cells[FULL_TOLERANCE], at);
        cells.iter_mut().for_each(|cell| add(cell, near));
    }

    /// Settles [`Counts::best`] for the window `voters` after `entered`
    /// were counted in (and others out before them). Counting voters in
    /// raises only the keys near them, so while the last best width is
    /// still there with no less support, the best is it or a width near one
    /// counted in; else (a voter near it was counted out) the keys of the
    /// voters' widths are looked at again.
    fn vote(
        &mut self,
        voters: &[Voter],
        entered: &[Voter],
        width: impl Fn(&Voter) -> usize + Copy,
    ) {
        let b = unkey(self.best).1;
        let last = self.at(b);
        self.best = if last.get(AT_BIT) > 0 && last.key(b) >= self.best {
            entered
                .iter()
                .fold(last.key(b), |best, v| best.max(self.best_near(width(v))))
        } else {
            self.best_of(voters, width)
        };
        debug_assert_eq!(self.best, self.best_of(voters, width));
    }

    /// The best key of the widths of voters counted within
    /// [`FULL_TOLERANCE`] of `width` (0 for none).
    fn best_near(&self, width: usize) -> u32 {
        let near = &self.widths[width..=width + 2 * FULL_TOLERANCE];
        let mut best = 0;
        for (i, cell) in near.iter().enumerate() {
            // (The cells below width 0 have no voters.)
            if cell.get(AT_BIT) > 0 {
                best = best.max(cell.key(width + i - FULL_TOLERANCE));
            }
        }
        best
    }

    /// The best key of the widths of `voters`, by looking at each.
    fn best_of(&self, voters: &[Voter], width: impl Fn(&Voter) -> usize) -> u32 {
        voters
            .iter()
            .map(|v| self.at(width(v)).key(width(v)))
            .max()
            .unwrap_or(0)
    }
}

/// The voters of a sliding window counted in both conventions.
#[derive(Clone)]
struct Tally {
    tight: Counts,
    loose: Counts,
}

impl Tally {
    /// Counts for the widths of `voters`, none counted yet, if they are
    /// narrow enough.
    fn of(voters: &[Voter]) -> Option<Self> {
        let widest = voters
            .iter()
            .map(|v| v.width.tight.max(v.width.loose))
            .max()
            .unwrap_or(0);
        (widest < DENSE_WIDTHS).then(|| {
            let counts = Counts {
                widths: vec![WidthCount::default(); widest + 2 * FULL_TOLERANCE + 1],
                best: 0,
            };
            Tally {
                tight: counts.clone(),
                loose: counts,
            }
        })
    }

    /// Counts `voters` in (`IN`) or out.
    fn count<const IN: bool>(&mut self, voters: &[Voter]) {
        for v in voters {
            let (running, open) = (u64::from(v.clause_punct), u64::from(!v.ends_sentence));
            let at = 1 << AT_BIT | running << RUNNING_AT_BIT | open << OPEN_AT_BIT;
            let near = 1 << NEAR_BIT | running << RUNNING_NEAR_BIT;
            self.tight.count::<IN>(v.width.tight, (at, near));
            self.loose.count::<IN>(v.width.loose, (at, near));
        }
    }

    /// Moves the window from the voters `out` and others to those `entered`
    /// and the others (`voters`), and settles its best keys.
    fn slide(&mut self, out: &[Voter], entered: &[Voter], voters: &[Voter]) {
        self.count::<false>(out);
        self.count::<true>(entered);
        self.tight.vote(voters, entered, |v| v.width.tight);
        self.loose.vote(voters, entered, |v| v.width.loose);
    }
}

/// The window `voters` whose voters (and no others) are counted in `tally`,
/// its best keys settled ([`Tally::slide`]).
struct TalliedVoters<'t> {
    tally: &'t Tally,
    voters: &'t [Voter],
}

impl TalliedVoters<'_> {
    /// The counts in the convention `tight`.
    fn counts(&self, tight: bool) -> &Counts {
        if tight {
            &self.tally.tight
        } else {
            &self.tally.loose
        }
    }

    /// [`VoteWindow::pick_column`] for all voters or the running ones
    /// (a constant, so that the vote of all voters tests none).
    fn pick<const RUNNING: bool>(&self) -> Option<Column> {
        let voters = || {
            self.voters
                .iter()
                .filter(move |v| !RUNNING || v.clause_punct)
        };
        let (tight, loose) = (&self.tally.tight, &self.tally.loose);
        // The best candidates (most support, then widest): kept by the
        // tally for all voters, else the largest key of the voters' widths
        // in both conventions in one pass.
        let (len, best_tight, best_loose) = if RUNNING {
            let (mut len, mut best_tight, mut best_loose) = (0, 0, 0);
            for v in voters() {
                let (t, l) = (v.width.tight, v.width.loose);
                len += 1;
                best_tight = best_tight.max(tight.at(t).running_key(t));
                best_loose = best_loose.max(loose.at(l).running_key(l));
            }
            (len, best_tight, best_loose)
        } else {
            (self.voters.len(), tight.best, loose.best)
        };
        let at_bit = if RUNNING { RUNNING_AT_BIT } else { AT_BIT };
        let dominant = |best, counts: &Counts, tight: bool| {
            let column = |width| Column { width, tight };
            Dominant::of(
                len,
                unkey(best),
                |c| {
                    voters()
                        .filter(|v| column(c).cells(v.width) > c + INDENT_MAX)
                        .count()
                },
                |w| counts.at(w).get(at_bit),
            )
        };
        let tight = || dominant(best_tight, tight, true);
        let loose = || dominant(best_loose, loose, false);
        // More support wins whatever the other convention's exact count:
        // the one with more is all that needs a look, unless it is none.
        match unkey(best_tight).0.cmp(&unkey(best_loose).0) {
            Ordering::Greater => pick(tight(), None).or_else(|| pick(None, loose())),
            Ordering::Less => pick(None, loose()).or_else(|| pick(tight(), None)),
            Ordering::Equal => pick(tight(), loose()),
        }
    }
}

impl VoteWindow for TalliedVoters<'_> {
    // Inlined into the vote of every window: the call cost a tenth of it.
    #[inline(always)]
    fn pick_column(&self, running: bool) -> Option<Column> {
        if running {
            self.pick::<true>()
        } else {
            self.pick::<false>()
        }
    }

    fn agreeing(&self, column: Column) -> (usize, usize) {
        let counts = self.counts(column.tight);
        let w = column.width + FULL_TOLERANCE;
        let cluster = counts.widths[w - CLUSTER_TOLERANCE..=w + CLUSTER_TOLERANCE]
            .iter()
            .fold(0u64, |sum, c| sum + c.0);
        let cluster = WidthCount(cluster);
        (cluster.get(RUNNING_AT_BIT), cluster.get(OPEN_AT_BIT))
    }

    fn len(&self) -> usize {
        self.voters.len()
    }

    fn at_width(&self, tight: bool, width: usize) -> (usize, usize, usize) {
        let counts = self.counts(tight);
        counts
            .widths
            .get(width + FULL_TOLERANCE)
            .map_or((0, 0, 0), |c| {
                let all = c.get(AT_BIT);
                (all, all - c.get(OPEN_AT_BIT), all - c.get(RUNNING_AT_BIT))
            })
    }

    fn wider_than(&self, tight: bool, width: usize) -> usize {
        let column = Column { width, tight };
        self.voters
            .iter()
            .filter(|v| column.cells(v.width) > width)
            .count()
    }

    fn near_width(&self, tight: bool, width: usize) -> usize {
        let counts = self.counts(tight);
        counts
            .widths
            .get(width + FULL_TOLERANCE)
            .map_or(0, |c| c.get(NEAR_BIT))
    }
}

/// Windows of `voters` that slide forward (each window starts no later than
/// the one before ends), voted one after the other: counted in a tally
/// where there is one (see [`Tally::of`]), else from sorted widths.
struct Slider<'v> {
    voters: &'v [Voter],
    tally: Option<Tally>,
    /// The window counted in the tally.
    start: usize,
    end: usize,
    /// The vote of that window.
    last_vote: Option<Option<Column>>,
}

impl<'v> Slider<'v> {
    fn new(voters: &'v [Voter], tally: Option<Tally>) -> Self {
        Slider {
            voters,
            tally,
            start: 0,
            end: 0,
            last_vote: None,
        }
    }

    /// The vote of `window`, which slides forward from the last one.
    // Inlined into the loop over the lines: the call cost a tenth of it.
    #[inline(always)]
    fn vote(&mut self, window: std::ops::Range<usize>) -> Option<Column> {
        let Some(tally) = self.tally.as_mut() else {
            return dominant_column(&SortedVoters(&self.voters[window]));
        };
        let (start, end) = (self.start, self.end);
        debug_assert!(start <= window.start && window.start <= end && end <= window.end);
        let (out, entered) = (
            &self.voters[start..window.start],
            &self.voters[end..window.end],
        );
        (self.start, self.end) = (window.start, window.end);
        let voters = &self.voters[window];
        // The same voters as the window before (one line left, one as
        // wide and alike came, or neither was a voter): the same vote.
        let column = match self.last_vote {
            Some(column) if out == entered => column,
            _ => {
                tally.slide(out, entered, voters);
                dominant_column(&TalliedVoters { tally, voters })
            }
        };
        debug_assert_eq!(column, dominant_column(&SortedVoters(voters)));
        self.last_vote = Some(column);
        column
    }

    /// Counts the last window out: the tally is left empty.
    #[cfg(test)]
    fn into_tally(mut self) -> Option<Tally> {
        if let Some(tally) = self.tally.as_mut() {
            tally.slide(&self.voters[self.start..self.end], &[], &[]);
        }
        self.tally
    }
}

/// The votes of windows of `voters` that slide forward, counted in `tally`
/// where there is one (it is left empty for the next windows).
#[cfg(test)]
fn sliding_votes(
    voters: &[Voter],
    tally: &mut Option<Tally>,
    windows: impl Iterator<Item = std::ops::Range<usize>>,
) -> Vec<Option<Column>> {
    let mut slider = Slider::new(voters, tally.take());
    let votes = windows.map(|window| slider.vote(window)).collect();
    *tally = slider.into_tally();
    votes
}

/// The column around every line (`None` where the lines do not agree on
/// one: whole-paragraph lines, headline stacks).
pub fn columns(lines: &[Line]) -> Vec<Option<Column>> {
    // Credits and bylines have widths of their own; letter-spaced lines were
    // stretched. The voters of lines `lo..hi` are `voters[first[lo]..first[hi]]`.
    let mut voters = Vec::with_capacity(lines.len());
    let mut first = Vec::with_capacity(lines.len() + 1);
    for l in lines {
        first.push(voters.len());
        if l.kind == LineKind::Text && !l.letter_spaced {
            voters.push(Voter {
                width: l.width(),
                clause_punct: l.clause_punct,
                ends_sentence: l.ends_sentence,
            });
        }
    }
    first.push(voters.len());
    let n = lines.len();
    if !may_have_column(&voters) {
        debug_assert!(plain_columns(lines, &voters, &first)
            .iter()
            .all(Option::is_none));
        return vec![None; n];
    }
    // The voters of the lines `lo..hi` (`hi` at most past the last line).
    let of_lines = |lo: usize, hi: usize| first[lo]..first[hi.min(n)];
    // Three votes at every line: of the lines from it on (`after`), of those
    // around it (`centred`), and of those up to it from `WINDOW` lines
    // before it (`before`, the `after` vote of that line), or from the first
    // line. Those from the first line on come before the `after` votes in
    // one slide, so that `before` of line `i` is its vote `i`; `after` and
    // `centred` slide along in one loop.
    let tally = Tally::of(&voters);
    let mut after = Slider::new(&voters, tally.clone());
    let mut centred = Slider::new(&voters, tally);
    let from_first = n.min(WINDOW);
    let mut votes: Vec<Option<Column>> = Vec::with_capacity(from_first + n);
    votes.extend((0..from_first).map(|i| after.vote(of_lines(0, i + 1))));
    let mut columns = Vec::with_capacity(n);
    for i in 0..n {
        let after_vote = after.vote(of_lines(i, i + WINDOW + 1));
        votes.push(after_vote);
        let centred = centred.vote(of_lines(i.saturating_sub(WINDOW), i + WINDOW + 1));
        columns.push(column_of(&lines[i], votes[i], after_vote, centred));
    }
    debug_assert_eq!(columns, plain_columns(lines, &voters, &first));
    columns
}

/// Whether some window of `voters` may have a column ([`dominant_column`]).
/// A column is a voter's width `c` ([`MIN_COLUMN`] or more) that two voters
/// with clause punctuation are within [`FULL_TOLERANCE`] of (the support
/// of `c` or of the running voters' candidate, or the running voters that
/// agree with the column, all within that of `c`), and one voter that does
/// not end a sentence is as near (a line the width cut), all in one window
/// and one convention. Where no voter that does not end a sentence has
/// such a `c` in reach, no window has a column: the lines are whole
/// paragraphs and headlines, as in settling's views of the output, and
/// this costs some comparisons a voter where the votes cost hundreds.
fn may_have_column(voters: &[Voter]) -> bool {
    // Voters of one window are at most this many apart: a window with a
    // voter that does not end a sentence is among the voters this near it
    // (few voters do not, where no window has a column).
    let reach = 2 * WINDOW;
    let may_be_column = |open: &Voter, around: &[Voter], width: fn(&Voter) -> usize| {
        let near = |a: &Voter, b: &Voter| width(a).abs_diff(width(b)) <= FULL_TOLERANCE;
        around.iter().any(|u| {
            width(u) >= MIN_COLUMN
                && near(u, open)
                && around
                    .iter()
                    .filter(|v| v.clause_punct && near(v, u))
                    .nth(1)
                    .is_some()
        })
    };
    // Voters with clause punctuation among those around, kept as the
    // window slides: a column needs two, and where none has any (a table
    // page: rows of about one width, none ending a sentence) this rules
    // every voter out at once instead of comparing all pairs around it.
    let clause = |v: &Voter| usize::from(v.clause_punct);
    let mut clause_around: usize = voters.iter().take(reach).map(clause).sum();
    voters.iter().enumerate().any(|(i, open)| {
        clause_around += voters.get(i + reach).map_or(0, clause);
        if i > reach {
            clause_around -= clause(&voters[i - reach - 1]);
        }
        let around = &voters[i.saturating_sub(reach)..(i + reach + 1).min(voters.len())];
        debug_assert_eq!(clause_around, around.iter().map(clause).sum::<usize>());
        !open.ends_sentence
            && clause_around >= 2
            && (may_be_column(open, around, |v| v.width.tight)
                || may_be_column(open, around, |v| v.width.loose))
    })
}

/// The column of `line` from the votes of the lines up to it, from it on,
/// and around it.
fn column_of(
    line: &Line,
    before: Option<Column>,
    after: Option<Column>,
    centred: Option<Column>,
) -> Option<Column> {
    match (before, after) {
        // A column starts or ends next to this line: take the one the line
        // fits in (its own column), else the centred vote.
        (Some(b), Some(a)) if b.width.abs_diff(a.width) > FULL_TOLERANCE + 1 => {
            match (b.fits(line), a.fits(line)) {
                (true, false) => Some(b),
                (false, true) => Some(a),
                _ => centred,
            }
        }
        _ => centred.or(before).or(after),
    }
}

/// [`columns`] window by window from sorted widths, each vote on its own
/// (to check the sliding votes and the loop that combines them against).
fn plain_columns(lines: &[Line], voters: &[Voter], first: &[usize]) -> Vec<Option<Column>> {
    let n = lines.len();
    let vote =
        |lo: usize, hi: usize| dominant_column(&SortedVoters(&voters[first[lo]..first[hi.min(n)]]));
    (0..n)
        .map(|i| {
            let before = vote(i.saturating_sub(WINDOW), i + 1);
            let after = vote(i, i + WINDOW + 1);
            let centred = vote(i.saturating_sub(WINDOW), i + WINDOW + 1);
            column_of(&lines[i], before, after, centred)
        })
        .collect()
}

/// Lines on each side of a line whose leading spaces show how its block
/// marks paragraphs (paragraphs run longer than columns need to agree).
const LEAD_WINDOW: usize = 20;
/// Most leading spaces beyond the margin that are a first-line indent: two
/// Han are 2–4 cells in a layout extraction, four spaces in some OCR output,
/// two U+3000 two spaces, a tab one. More is a centred or right-aligned line.
pub const LEAD_INDENT_MAX: usize = 6;
/// Fewest indented lines, and fewest paragraph starts, in the window for an
/// indent style: one is chance (a stray space).
const MIN_LEAD_INDENTS: usize = 2;
/// Fewest indented lines, all after a sentence's end (or a short headline,
/// a byline), that show a window's indent without paragraphs' last lines
/// stopping short before them.
const MIN_SURE_INDENTS: usize = 3;

/// How a line's leading spaces compare with its block's margin.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lead {
    /// At the margin: not a first line.
    Flush,
    /// A little right of the margin: a first line.
    Indent,
    /// Far right of it: centred or right-aligned (a headline, a byline).
    Far,
}

/// Where the block around a line marks its paragraphs' first lines with
/// leading spaces: the margin (leading spaces of the other lines).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LeadStyle {
    pub margin: usize,
}

impl LeadStyle {
    pub fn lead(&self, line: &Line) -> Lead {
        match line.lead().checked_sub(self.margin) {
            Some(0) | None => Lead::Flush,
            Some(d) if d <= LEAD_INDENT_MAX => Lead::Indent,
            Some(_) => Lead::Far,
        }
    }
}

/// The lead style around every line: `Some` where the lines around it use
/// leading spaces consistently as first-line indents (pdftotext `-layout`,
/// OCR with layout, U+3000 indents), `None` where every line or no line
/// has them, or where they do not mark paragraph starts (the seeds' stray
/// space before a dateline, noise). The margin is the most common lead.
/// Consistent means, among the lines of the window:
///
/// - at least two are indented, and no more than are at the margin (short
///   paragraphs have as many first lines as others);
/// - two thirds of the indented lines come after a line that ends its unit
///   (a sentence end, a headline-shaped line, a credit): indents mark
///   starts (random leading spaces follow a unit end one time in four);
/// - at least two body lines come after a paragraph's last line (a
///   sentence end that stops short of its column), and two thirds of them
///   are indented: starts are marked (a page whose paragraphs start flush,
///   with a stray space here and there, has none). Full lines that end a
///   sentence say nothing: the paragraph may go on after them.
pub fn lead_styles(lines: &[Line], columns: &[Option<Column>]) -> Vec<Option<LeadStyle>> {
    // Where every line has as many leading spaces (most pages have none,
    // and so has this pass's output), no line is indented from the margin:
    // no window has a style.
    if lines.windows(2).all(|w| w[0].lead() == w[1].lead()) {
        debug_assert!(window_lead_styles(lines, columns)
            .iter()
            .all(Option::is_none));
        return vec![None; lines.len()];
    }
    window_lead_styles(lines, columns)
}

/// [`lead_styles`] window by window.
fn window_lead_styles(lines: &[Line], columns: &[Option<Column>]) -> Vec<Option<LeadStyle>> {
    // Whether each line follows the end of a unit (the start of the text
    // is one), and the last line of a paragraph.
    let after_unit: Vec<bool> = (0..lines.len())
        .map(|j| {
            j == 0 || {
                let p = &lines[j - 1];
                p.ends_sentence || p.headline_shaped() || p.kind != LineKind::Text
            }
        })
        .collect();
    // … and of a unit that cannot be running text cut at the column's
    // width: a sentence, a headline short of the column, a byline (the
    // start of the text is one).
    let after_sentence: Vec<bool> = (0..lines.len())
        .map(|j| {
            j == 0 || {
                let p = &lines[j - 1];
                p.ends_sentence
                    || p.kind != LineKind::Text
                    || (p.headline_shaped() && columns[j - 1].is_none_or(|c| c.stops_short(p)))
            }
        })
        .collect();
    let after_paragraph: Vec<bool> = (0..lines.len())
        .map(|j| {
            j > 0 && {
                let p = &lines[j - 1];
                p.ends_sentence
                    && columns[j - 1].is_some_and(|c| c.stops_short(p))
                    && !lines[j].headline_shaped()
            }
        })
        .collect();
    // The style of a window from its lines (for windows with many leading
    // spaces somewhere).
    let mut leads = Vec::with_capacity(2 * LEAD_WINDOW + 1);
    let mut style_of = |window: std::ops::Range<usize>| {
        // The margin: the usual lead of the lines that go on from the line
        // before (a paragraph's body lines), else of all lines.
        leads.clear();
        leads.extend(
            (window.clone())
                .filter(|&j| !after_unit[j])
                .map(|j| lines[j].lead()),
        );
        if leads.is_empty() {
            leads.extend(lines[window.clone()].iter().map(|l| l.lead()));
        }
        let style = LeadStyle {
            margin: mode(leads.iter().copied())?,
        };
        let mut counts = LeadCounts::default();
        for j in window {
            let lead = style.lead(&lines[j]);
            if lead != Lead::Far && !after_unit[j] {
                counts.continuations += 1;
                counts.flush_continuations += usize::from(lead == Lead::Flush);
            }
            match lead {
                Lead::Flush => counts.flush += 1,
                Lead::Indent => {
                    counts.indented += 1;
                    counts.indented_after_unit += usize::from(after_unit[j]);
                    counts.indented_after_sentence += usize::from(after_sentence[j]);
                }
                Lead::Far => {}
            }
            if after_paragraph[j] && lead != Lead::Far {
                counts.starts += 1;
                counts.indented_starts += usize::from(lead == Lead::Indent);
            }
        }
        counts.consistent().then_some(style)
    };
    // Else from the window's leads counted by value as it slides.
    let mut counted = WindowLeads {
        all: [0; SMALL_VALUES],
        after_unit: [0; SMALL_VALUES],
        after_sentence: [0; SMALL_VALUES],
        after_paragraph: [0; SMALL_VALUES],
        large: 0,
        present: 0,
    };
    let change = |counted: &mut WindowLeads, j: usize, by: isize| {
        let after = (after_unit[j], after_sentence[j], after_paragraph[j]);
        counted.change(lines[j].lead(), after, by)
    };
    // What a line brings to a window's style.
    let counted_as = |j: usize| {
        (
            lines[j].lead(),
            after_unit[j],
            after_sentence[j],
            after_paragraph[j],
        )
    };
    let n = lines.len();
    let (mut lo, mut hi) = (0, 0);
    let mut styles: Vec<Option<LeadStyle>> = Vec::with_capacity(n);
    for i in 0..n {
        let window = i.saturating_sub(LEAD_WINDOW)..(i + LEAD_WINDOW + 1).min(n);
        // One line in and one alike out (most lines of a page are alike):
        // the same counts, so the same style.
        let one_each = hi + 1 == window.end && lo + 1 == window.start;
        if let Some(&last) = styles.last() {
            if one_each && counted_as(hi) == counted_as(lo) {
                (lo, hi) = (window.start, window.end);
                debug_assert_eq!(
                    last,
                    if counted.large > 0 {
                        style_of(window)
                    } else {
                        counted.style()
                    }
                );
                styles.push(last);
                continue;
            }
        }
        (hi..window.end).for_each(|j| change(&mut counted, j, 1));
        (lo..window.start).for_each(|j| change(&mut counted, j, -1));
        (lo, hi) = (window.start, window.end);
        styles.push(if counted.large > 0 {
            style_of(window)
        } else {
            counted.style()
        });
    }
    styles
}

/// The leading spaces of a window's lines counted by value: of all lines, of
/// those after a unit end, of those after a paragraph; and how many lines
/// have [`SMALL_VALUES`] or more.
#[derive(Debug)]
struct WindowLeads {
    all: [usize; SMALL_VALUES],
    after_unit: [usize; SMALL_VALUES],
    after_sentence: [usize; SMALL_VALUES],
    after_paragraph: [usize; SMALL_VALUES],
    large: usize,
    /// Bit `v` set: some line has `v` leading spaces.
    present: u64,
}

const _: () = assert!(
    SMALL_VALUES <= u64::BITS as usize,
    "a bit for every small value"
);

impl WindowLeads {
    /// Counts a line with `lead` spaces in (`by` 1) or out (-1), and
    /// whether it follows a unit's end, a sentence's, a paragraph's.
    fn change(&mut self, lead: usize, after: (bool, bool, bool), by: isize) {
        let (after_unit, after_sentence, after_paragraph) = after;
        let count = |c: &mut usize| *c = c.wrapping_add_signed(by);
        if lead >= SMALL_VALUES {
            return count(&mut self.large);
        }
        count(&mut self.all[lead]);
        let bit = 1 << lead;
        self.present = if self.all[lead] > 0 {
            self.present | bit
        } else {
            self.present & !bit
        };
        // Counted by 0 where the flag is clear: whether a line follows a
        // unit or a paragraph follows no pattern a branch predictor learns.
        let count_if =
            |c: &mut usize, flag: bool| *c = c.wrapping_add_signed(by * isize::from(flag));
        count_if(&mut self.after_unit[lead], after_unit);
        count_if(&mut self.after_sentence[lead], after_sentence);
        count_if(&mut self.after_paragraph[lead], after_paragraph);
    }

    /// The lead style of a window without large leads.
    fn style(&self) -> Option<LeadStyle> {
        let (all, after_unit) = (&self.all, &self.after_unit);
        // The margin: the usual lead of the lines that go on from the line
        // before (a paragraph's body lines), else of all lines; the first
        // of the highest counts, among the values present (a window has a
        // few).
        let going_on = |v: usize| all[v] - after_unit[v];
        let (mut margin, mut rest) = (0, self.present);
        while rest != 0 {
            let v = rest.trailing_zeros() as usize;
            if (going_on(v), all[v]) > (going_on(margin), all[margin]) {
                margin = v;
            }
            rest &= rest - 1;
        }
        let indents =
            (margin + 1).min(SMALL_VALUES)..(margin + LEAD_INDENT_MAX + 1).min(SMALL_VALUES);
        let sum = |counts: &[usize; SMALL_VALUES], range: std::ops::Range<usize>| {
            counts[range].iter().sum::<usize>()
        };
        // Most windows have no indented lines: spare them the other sums.
        let indented = sum(all, indents.clone());
        if indented < MIN_LEAD_INDENTS {
            return None;
        }
        let flush = sum(all, 0..margin + 1);
        let counts = LeadCounts {
            flush,
            continuations: sum(all, 0..indents.end) - sum(after_unit, 0..indents.end),
            flush_continuations: flush - sum(after_unit, 0..margin + 1),
            indented,
            indented_after_unit: sum(&self.after_unit, indents.clone()),
            indented_after_sentence: sum(&self.after_sentence, indents.clone()),
            starts: sum(&self.after_paragraph, 0..indents.end),
            indented_starts: sum(&self.after_paragraph, indents),
        };
        counts.consistent().then_some(LeadStyle { margin })
    }
}

/// The lines of a window by how they stand against a margin.
#[derive(Debug, Default)]
struct LeadCounts {
    flush: usize,
    indented: usize,
    indented_after_unit: usize,
    /// Lines not far from the margin that go on from the line before (not
    /// after a unit's end) …
    continuations: usize,
    /// … and those of them at the margin.
    flush_continuations: usize,
    /// Indented lines after a sentence's end, a short headline, a byline
    /// (or at the text's start): not after a line that may be running text.
    indented_after_sentence: usize,
    /// Lines after a paragraph's last line, not far from the margin …
    starts: usize,
    /// … and those of them indented.
    indented_starts: usize,
}

impl LeadCounts {
    /// Whether the window uses leading spaces as first-line indents: most
    /// indented lines follow a unit's end, and so do most lines after a
    /// paragraph's last line; or, where paragraphs' last lines that stop
    /// short are too few to tell (short paragraphs whose last lines come
    /// near the column's width), every indented line follows a sentence's
    /// end or a short headline (not a full line without punctuation, which
    /// may be running text), [`MIN_SURE_INDENTS`] of them, and every start
    /// seen is indented.
    fn consistent(&self) -> bool {
        let starts_indented =
            self.starts >= MIN_LEAD_INDENTS && self.indented_starts * 3 >= self.starts * 2;
        let all_after_sentences = self.indented >= MIN_SURE_INDENTS
            && self.indented_after_sentence == self.indented
            && self.indented_starts == self.starts;
        // The body lines stay at the margin: those that go on from the
        // line before, where there are enough to tell (short paragraphs
        // have more first lines than other lines), else most lines.
        let body_flush = if self.continuations >= MIN_LEAD_INDENTS {
            self.flush_continuations * 3 >= self.continuations * 2
        } else {
            self.indented <= self.flush
        };
        self.indented >= MIN_LEAD_INDENTS
            && body_flush
            && self.indented_after_unit * 3 >= self.indented * 2
            && (starts_indented || all_after_sentences)
    }
}

/// Whether `next` is the rest of a paragraph whose first line `line` is:
/// `line` set in (a paragraph's indent), stopping inside a sentence after
/// clause marks (not on a colon, a lead-in), and `next` at the margin. A
/// text that is one unit per line already (this pass's output) has no
/// leading spaces; one whose paragraphs are set in has its next paragraph
/// set in too. So a short article whose paragraphs take one or two lines
/// each, most lines ending a sentence, is still a wrapped one
/// (`  本报讯…被判处有期徒刑四年` / `六个月，并处罚金…`).
fn wraps_after_indent(line: &Line, next: &Line) -> bool {
    line.kind == LineKind::Text
        && line.lead() > 0
        && line.clause_punct
        && !line.ends_sentence
        && !matches!(line.last, '：' | ':')
        && next.kind == LineKind::Text
        && next.lead() == 0
}

/// Tenths of the lines that must be whole units for the text to be one unit
/// per line already.
const UNITS_SHARE: usize = 7;

/// Fewest running-text lines for their usual width to mean something.
const MIN_RUNNING: usize = 3;

/// The usual width of running text (lines with clause punctuation) around
/// every line without a column, the median over a window; `None` for lines
/// in a column (they are measured against it; most lines are, and the
/// sorted window costs more than the rest of their placing).
pub fn running_widths(lines: &[Line], columns: &[Option<Column>]) -> Vec<Option<usize>> {
    let widths = running_widths_where(lines, |i| columns[i].is_none());
    debug_assert!(running_widths_where(lines, |_| true)
        .iter()
        .zip(&widths)
        .zip(columns)
        .all(|((all, some), column)| column.is_some() || all == some));
    widths
}

/// The running widths of [`running_widths`] at the lines `wanted`, `None`
/// at the others.
fn running_widths_where(lines: &[Line], wanted: impl Fn(usize) -> bool) -> Vec<Option<usize>> {
    let running =
        |l: &Line| (l.kind == LineKind::Text && l.clause_punct).then_some(l.width().loose);
    let n = lines.len();
    let mut window = SortedWindow::default();
    // The lines counted in `window`.
    let (mut lo, mut hi) = (0, 0);
    (0..n)
        .map(|i| {
            if !wanted(i) {
                return None;
            }
            let (start, end) = (i.saturating_sub(WINDOW), (i + WINDOW + 1).min(n));
            if hi < start {
                // No line counted is in this window.
                (window, lo, hi) = (SortedWindow::default(), start, start);
            }
            lines[lo..start]
                .iter()
                .filter_map(running)
                .for_each(|w| window.remove(w));
            lines[hi..end]
                .iter()
                .filter_map(running)
                .for_each(|w| window.insert(w));
            (lo, hi) = (start, end);
            let widths = window.sorted();
            // One or two lines say little about the usual width.
            (widths.len() >= MIN_RUNNING).then(|| widths[widths.len() / 2])
        })
        .collect()
}

/// Facts about the whole document that single breaks are judged against.
#[derive(Debug)]
pub struct DocStats<'l> {
    /// Most breaks have a blank line: a single newline is then unusual.
    pub blank_dominant: bool,
    /// The usual number of blank lines between two lines.
    pub usual_blanks: usize,
    /// The extractor leaves blank lines between units only (paragraphs set
    /// apart by a blank line, lines wrapped inside them): few breaks have
    /// one, and at least three in four lines before one end a sentence, are
    /// shaped like a headline or are a byline. (OCR and pdfminer split a paragraph into
    /// blocks now and then, which passes; pdftotext's blank lines at a new
    /// block, in the middle of a paragraph at every column break, fail.)
    pub blank_separates: bool,
    /// The usual number of leading spaces of a line.
    pub usual_lead: usize,
    /// No blank lines, most lines end a sentence or stand alone, and no
    /// line set in goes on at the margin ([`wraps_after_indent`]): the text
    /// is already one unit per line (a cleaned text, or this pass's output).
    pub units_per_line: bool,
    /// How often each pair of adjacent Han characters that can be asked
    /// about occurs inside lines (by [`bigram_key`]: one word hashes faster
    /// than two).
    bigrams: BigramCounts,
    /// The counts of all pairs, made when a pair is asked about that is not
    /// in `bigrams`.
    all_bigrams: OnceCell<FxHashMap<u64, u32>>,
    lines: &'l [Line<'l>],
}

/// Han pair counts known from the text that a page is a view of (its lines
/// are that text's, some joined): that text's counts of the pairs it asked
/// about, and the pairs its joins put inside lines. A pair's count in the
/// view is the sum; a pair not known is counted in the view.
#[derive(Clone, Copy)]
pub struct KnownBigrams<'b> {
    pub counts: &'b FxHashMap<u64, u32>,
    pub joins: &'b FxHashMap<u64, u32>,
}

/// Fewest breaks with a blank line for [`DocStats::blank_separates`].
const MIN_SEPARATING_BLANKS: usize = 4;

impl<'l> DocStats<'l> {
    pub fn new(lines: &'l [Line<'l>], blanks: &[usize], known: Option<KnownBigrams>) -> Self {
        let with_blank = blanks.iter().filter(|&&b| b > 0).count();
        let blank_dominant = blanks.len() >= 4 && with_blank * 10 >= blanks.len() * 6;
        let usual_blanks = mode(blanks.iter().copied()).unwrap_or(0);
        let usual_lead = mode(lines.iter().map(|l| l.lead())).unwrap_or(0);
        let blank_separates = !blank_dominant && with_blank >= MIN_SEPARATING_BLANKS && {
            let unit_ends = blanks
                .iter()
                .zip(lines)
                .filter(|&(&b, l)| {
                    b > 0 && (l.ends_sentence || l.headline_shaped() || l.kind == LineKind::Marker)
                })
                .count();
            unit_ends * 4 >= with_blank * 3
        };
        let units_per_line = with_blank == 0
            && {
                let whole = lines
                    .iter()
                    .filter(|l| l.ends_sentence || l.headline_shaped() || l.kind != LineKind::Text)
                    .count();
                whole * 10 >= lines.len() * UNITS_SHARE
            }
            && !lines
                .windows(2)
                .any(|pair| wraps_after_indent(&pair[0], &pair[1]));
        DocStats {
            blank_dominant,
            usual_blanks,
            usual_lead,
            blank_separates,
            units_per_line,
            bigrams: BigramCounts::new(lines, known),
            all_bigrams: OnceCell::new(),
            lines,
        }
    }

    /// The counts of the pairs asked about, for views of this document.
    pub fn into_bigrams(self) -> FxHashMap<u64, u32> {
        self.bigrams.counts
    }

    /// How often the document writes the Han pair `(a, b)` inside a line.
    pub fn bigram_count(&self, (a, b): (char, char)) -> u32 {
        let key = bigram_key(a, b);
        if let Some(&count) = self.bigrams.counts.get(&key) {
            return count;
        }
        let all = self.all_bigrams.get_or_init(|| {
            let mut all = FxHashMap::default();
            for_each_bigram(self.lines, |key| *all.entry(key).or_insert(0) += 1);
            all
        });
        all.get(&key).copied().unwrap_or(0)
    }
}

/// The counts of the Han pairs that scoring asks about: the last character
/// of a line and the first of the next one, or of the next line that is no
/// float (the break around a float is scored too). Counting only these keeps
/// the map small and spares a map look-up for most pairs of the text.
#[derive(Debug)]
struct BigramCounts {
    counts: FxHashMap<u64, u32>,
}

/// Low bits of a code point that [`PairFilter`] keys a character by.
const PAIR_FILTER_BITS: u32 = 7;
/// The row and column of [`PairFilter`] for a character that is no Han:
/// every cell in them is clear.
const NOT_HAN: usize = 1 << PAIR_FILTER_BITS;
/// Rows (and columns) of [`PairFilter`]: one per value of the low bits, and
/// [`NOT_HAN`].
const PAIR_FILTER_SIDE: usize = NOT_HAN + 1;

/// The filter in front of the map of the pairs asked about: a cell per
/// pair of low bits of the two code points, set where some pair asked about
/// has them. The low bits of a common Han are read off its last two bytes,
/// so that the walk over the text ([`count_asked_pairs`]) decodes only the
/// few pairs that pass (the key and its hash cost several times as much).
struct PairFilter {
    cells: Vec<bool>,
}

impl PairFilter {
    fn of<'k>(keys: impl Iterator<Item = &'k u64>) -> Self {
        let mut cells = vec![false; PAIR_FILTER_SIDE * PAIR_FILTER_SIDE];
        for &key in keys {
            let (a, b) = ((key >> 32) as u32, key as u32);
            cells[low_bits(a) * PAIR_FILTER_SIDE + low_bits(b)] = true;
        }
        PairFilter { cells }
    }

    /// The row of the first character of pairs whose low bits are
    /// `low_bits`, as the index of its first cell.
    #[inline(always)]
    fn row(low_bits: usize) -> usize {
        low_bits * PAIR_FILTER_SIDE
    }

    /// Whether some pair asked about has the low bits of `row` (of the
    /// first character, see [`PairFilter::row`]) and `column` (of the
    /// second).
    #[inline(always)]
    fn passes(&self, row: usize, column: usize) -> bool {
        self.cells[row + column]
    }
}

/// The filter row or column of the character `c` (a code point).
fn low_bits(c: u32) -> usize {
    (c & ((1 << PAIR_FILTER_BITS) - 1)) as usize
}

/// Most pairs [`BigramCounts::new`] reserves room for before it knows them.
const MAX_RESERVED_PAIRS: usize = 4096;

impl BigramCounts {
    fn new(lines: &[Line], known: Option<KnownBigrams>) -> Self {
        // At most two pairs a line, most lines one: reserved at once (the
        // map's growth rehashes every key again), up to a page's worth. A
        // text of many short lines asks about far fewer distinct pairs than
        // it has lines, and the map lives through settling: it grows.
        let reserve = lines.len().min(MAX_RESERVED_PAIRS);
        let mut counts = FxHashMap::with_capacity_and_hasher(reserve, Default::default());
        let mut next_text = None;
        for (k, line) in lines.iter().enumerate().rev() {
            // The next text line past floats (most lines are no float: it is
            // the next line, asked about once).
            let past_floats = next_text.filter(|&j: &usize| j != k + 1);
            for next in [lines.get(k + 1), past_floats.map(|j| &lines[j])]
                .into_iter()
                .flatten()
            {
                if let Some((a, b)) = han_pair(line, next) {
                    counts.insert(bigram_key(a, b), 0);
                }
            }
            if !line.kind.is_float() {
                next_text = Some(k);
            }
        }
        if counts.is_empty() {
            return BigramCounts { counts };
        }
        if let Some(known) = known {
            let mut all_known = true;
            for (key, count) in counts.iter_mut() {
                match known.counts.get(key) {
                    Some(&c) => *count = c + known.joins.get(key).copied().unwrap_or(0),
                    None => all_known = false,
                }
            }
            if all_known {
                debug_assert_eq!(counts, BigramCounts::new(lines, None).counts);
                return BigramCounts { counts };
            }
            counts.values_mut().for_each(|c| *c = 0);
        }
        let filter = PairFilter::of(counts.keys());
        let mut passed = [0; PASSED_BATCH];
        for line in lines {
            count_asked_pairs(line.text, &filter, &mut passed, &mut counts);
        }
        #[cfg(debug_assertions)]
        {
            let mut plain: FxHashMap<u64, u32> = counts.keys().map(|&key| (key, 0)).collect();
            for_each_bigram(lines, |key| {
                if let Some(count) = plain.get_mut(&key) {
                    *count += 1;
                }
            });
            debug_assert_eq!(counts, plain);
        }
        BigramCounts { counts }
    }
}

/// Calls `f` with the key of every pair of adjacent Han characters inside
/// the lines.
fn for_each_bigram(lines: &[Line], mut f: impl FnMut(u64)) {
    for line in lines {
        #[cfg(debug_assertions)]
        {
            let (mut fast, mut plain) = (Vec::new(), Vec::new());
            han_pairs(line.text, |key| fast.push(key));
            han_pairs_decoded(line.text, |key| plain.push(key));
            debug_assert_eq!(fast, plain, "{}", line.text);
        }
        han_pairs(line.text, &mut f);
    }
}

/// Calls `f` with the key of every pair of adjacent Han characters of
/// `text`. Common Han, the bulk of the text, are told and decoded by their
/// three bytes ([`starts_common_han`]) and ASCII by its byte; only the
/// other characters are decoded as such (decoding every character costs
/// several times as much).
pub(crate) fn han_pairs(text: &str, mut f: impl FnMut(u64)) {
    let bytes = text.as_bytes();
    // The code point of the Han before, zero after anything else.
    let mut prev = 0u32;
    let mut at = 0;
    while at < bytes.len() {
        let han = match bytes[at..] {
            [b0, b1, b2, ..] if starts_common_han(b0, b1) => {
                at += 3;
                three_byte_code_point(b0, b1, b2)
            }
            [b, ..] if b.is_ascii() => {
                at += 1;
                0
            }
            _ => {
                let c = text[at..].chars().next().unwrap_or(' ');
                at += c.len_utf8();
                if is_han(c) {
                    u32::from(c)
                } else {
                    0
                }
            }
        };
        if prev != 0 && han != 0 {
            f(u64::from(prev) << 32 | u64::from(han));
        }
        prev = han;
    }
}

/// Most pairs that passed [`PairFilter`] that [`count_asked_pairs`] holds
/// before it counts them.
const PASSED_BATCH: usize = 64;

/// Pairs that passed [`PairFilter`], as the byte of their first character
/// (the second follows it), waiting to be counted.
type PassedPairs = [usize; PASSED_BATCH];

/// Adds to `counts` the pairs of adjacent Han of `text` that it has keys
/// for, found by a byte walk like [`han_pairs`]'s with [`PairFilter`] in
/// front of the map: the filter's row is the character before, its column
/// the character at hand. Runs of common Han, the bulk of the text, have a
/// loop of their own that decodes nothing but the pairs that pass. That
/// loop has no branch on what it reads but the end of the run: whether a
/// pair passes, or a character is a common Han led by E4 rather than E5
/// to E9, follows no pattern a branch predictor learns (a missed branch
/// cost more than the rest of a character's work). So every pair is
/// written into `passed` and kept only if it passes; the kept ones are
/// counted when the batch is full and at the end.
fn count_asked_pairs(
    text: &str,
    filter: &PairFilter,
    passed: &mut PassedPairs,
    counts: &mut FxHashMap<u64, u32>,
) {
    let bytes = text.as_bytes();
    let mut kept = 0;
    // The filter row of the character before, as its first cell.
    let (mut row, mut prev_at, mut at) = (PairFilter::row(NOT_HAN), 0, 0);
    let mut keep = |passes: bool, prev_at: usize, kept: &mut usize| {
        passed[*kept % PASSED_BATCH] = prev_at;
        *kept += usize::from(passes);
        if *kept == PASSED_BATCH {
            count_pairs(text, passed, counts);
            *kept = 0;
        }
    };
    while at < bytes.len() {
        for chunk in bytes[at..].chunks_exact(3) {
            let &[b0, b1, b2] = chunk else { break };
            if !starts_common_han(b0, b1) {
                break;
            }
            // The low seven bits of the code point: the last six of `b2`
            // and the last of `b1`.
            let column = usize::from(b1 & 1) << 6 | usize::from(b2 & 0x3f);
            keep(filter.passes(row, column), prev_at, &mut kept);
            (row, prev_at) = (PairFilter::row(column), at);
            at += 3;
        }
        let Some(&b) = bytes.get(at) else { break };
        let (column, len) = if b.is_ascii() {
            (NOT_HAN, 1)
        } else {
            let c = text[at..].chars().next().unwrap_or(' ');
            let column = if is_han(c) {
                low_bits(u32::from(c))
            } else {
                NOT_HAN
            };
            (column, c.len_utf8())
        };
        keep(filter.passes(row, column), prev_at, &mut kept);
        (row, prev_at) = (PairFilter::row(column), at);
        at += len;
    }
    count_pairs(text, &passed[..kept], counts);
}

/// Counts the pairs of `text` that start at the bytes `passed` if they are
/// asked about (out of line: called once a batch). Both characters of a
/// pair that passed the filter are Han.
#[inline(never)]
fn count_pairs(text: &str, passed: &[usize], counts: &mut FxHashMap<u64, u32>) {
    for &prev_at in passed {
        let (a, len) = han_at(text, prev_at);
        let (b, _) = han_at(text, prev_at + len);
        let key = u64::from(a) << 32 | u64::from(b);
        debug_assert_eq!(
            key,
            bigram_key(
                text[prev_at..].chars().next().unwrap_or(' '),
                text[prev_at + len..].chars().next().unwrap_or(' ')
            )
        );
        if let Some(count) = counts.get_mut(&key) {
            *count += 1;
        }
    }
}

/// The code point and the length of the Han at byte `at` of `text`: three
/// bytes, read off them (common Han, `〇` and the compatibility
/// ideographs alike), or four from U+20000 on (lead byte F0).
#[inline(always)]
fn han_at(text: &str, at: usize) -> (u32, usize) {
    debug_assert!(text[at..].starts_with(is_han));
    match text.as_bytes()[at..] {
        [b0 @ ..0xf0, b1, b2, ..] => (three_byte_code_point(b0, b1, b2), 3),
        _ => {
            let c = text[at..].chars().next().unwrap_or(' ');
            (u32::from(c), c.len_utf8())
        }
    }
}

/// [`han_pairs`] by decoding every character (to check it against).
#[cfg(debug_assertions)]
fn han_pairs_decoded(text: &str, mut f: impl FnMut(u64)) {
    let mut prev = None;
    for c in text.chars() {
        if is_han(c) {
            if let Some(p) = prev {
                f(bigram_key(p, c));
            }
            prev = Some(c);
        } else {
            prev = None;
        }
    }
}

/// Values below this are counted in an array by [`mode`] (leading spaces
/// and blank lines are small), larger ones in a map.
const SMALL_VALUES: usize = 64;

pub fn bigram_key(a: char, b: char) -> u64 {
    (u64::from(a) << 32) | u64::from(b)
}

/// The most frequent value (smallest on ties).
fn mode(values: impl Iterator<Item = usize>) -> Option<usize> {
    let mut small = [0usize; SMALL_VALUES];
    let mut large: FxHashMap<usize, usize> = FxHashMap::default();
    for v in values {
        match small.get_mut(v) {
            Some(count) => *count += 1,
            None => *large.entry(v).or_insert(0) += 1,
        }
    }
    // (count, value): the first of the highest counts in ascending order.
    let mut best: Option<(usize, usize)> = None;
    for (v, &count) in small.iter().enumerate() {
        if count > 0 && best.is_none_or(|(c, _)| count > c) {
            best = Some((count, v));
        }
    }
    for (&v, &count) in &large {
        if best.is_none_or(|(c, b)| count > c || (count == c && v < b)) {
            best = Some((count, v));
        }
    }
    best.map(|(_, v)| v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn needed_support_rounds_up() {
        for len in 0..1000 {
            let expected = MIN_SUPPORT.max((MIN_SUPPORT_SHARE * len as f32).ceil() as usize);
            assert_eq!(needed_support(len), expected, "{len}");
        }
    }

    #[test]
    fn dominant_width_cases() {
        // A column of 32 with first and last lines.
        assert_eq!(
            dominant_width(&[12, 28, 29, 31, 32, 32, 32, 33]).map(|d| d.width),
            Some(32)
        );
        // Whole-paragraph lines agree on nothing.
        assert_eq!(dominant_width(&[23, 197, 199, 206, 291, 340]), None);
        assert_eq!(dominant_width(&[]), None);
    }

    /// The margin of the lead style at every line of `text` (`-` for none).
    fn lead_margins(text: &str) -> String {
        let lines = super::super::lines::split(text);
        let columns = columns(&lines);
        lead_styles(&lines, &columns)
            .iter()
            .map(|s| s.map_or("-".to_string(), |s| s.margin.to_string()))
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// Two short paragraphs and a long one of a 14-character column, each
    /// first line set in by `indent` and every line by `margin`.
    fn indented_page(margin: &str, indent: &str) -> String {
        let paragraphs: &[&[&str]] = &[
            &[
                "近日，某市高新区发布新一",
                "轮产业发展规划，明确了今后",
                "三年的目标。",
            ],
            &["据介绍，规划提出打造三大", "产业集群。"],
            &[
                "下一步，该高新区将加快项",
                "目落地，持续优化营商环境，",
                "注入新动能。",
            ],
            &["记者了解到，园区已有多家", "企业入驻。"],
        ];
        let mut text = String::new();
        for lines in paragraphs {
            for (i, line) in lines.iter().enumerate() {
                text += margin;
                if i == 0 {
                    text += indent;
                }
                text += line;
                text.push('\n');
            }
        }
        text
    }

    #[test]
    fn lead_style_cases() {
        let all = |m: &str| [m; 10].join(" ");
        for (name, text, expected) in [
            // pdftotext -layout: two spaces before a first line.
            ("spaces", indented_page("", "  "), all("0")),
            // Two U+3000 (normalize keeps their count) or one tab.
            ("u3000", indented_page("", "\u{3000}\u{3000}"), all("0")),
            ("tab", indented_page("", "\t"), all("0")),
            // Every line set in, first lines further: the margin moves.
            ("margin", indented_page("  ", "    "), all("2")),
            // Trap: no line or every line alike has leading spaces.
            ("none", indented_page("", ""), all("-")),
            ("uniform", indented_page("  ", ""), all("-")),
            // Trap: a stray space before a dateline where paragraphs start
            // flush (the seeds).
            (
                "stray",
                indented_page("", "").replacen("近日", " 本报讯 近日", 1),
                all("-"),
            ),
            // … even two of them, before articles, where the other
            // paragraphs start flush.
            (
                "strays",
                indented_page("", "")
                    .replacen("近日", " 本报讯 近日", 1)
                    .replacen("记者", " 本报讯 记者", 1),
                all("-"),
            ),
            // Trap: leading spaces on lines that start no paragraph.
            (
                "noise",
                indented_page("", "")
                    .replace("轮产", "  轮产")
                    .replace("目落", "  目落"),
                all("-"),
            ),
        ] {
            assert_eq!(lead_margins(&text), expected, "{name}: {text:?}");
        }
        // A centred headline is far right of the margin: it neither sets the
        // margin nor counts as an indent.
        let headline = "          高新区发展规划出炉\n".to_string() + &indented_page("", "  ");
        assert_eq!(lead_margins(&headline), all("0") + " 0");
        // So is one with more leading spaces than are counted in an array.
        let headline = " ".repeat(SMALL_VALUES + 6) + &headline;
        assert_eq!(lead_margins(&headline), all("0") + " 0");
    }

    proptest::proptest! {
        #![proptest_config(crate::testing::proptest_config(256))]
        #[test]
        fn tallied_votes_agree_with_sorted_ones(
            voters in proptest::collection::vec(
                (0usize..40, 0usize..4, proptest::bool::ANY, proptest::bool::ANY),
                0..40,
            ),
            reach in 1..=WINDOW,
        ) {
            let voters: Vec<Voter> = voters
                .into_iter()
                .map(|(tight, punct, clause_punct, ends_sentence)| Voter {
                    width: TypesetWidth { tight, loose: tight + punct },
                    clause_punct,
                    ends_sentence,
                })
                .collect();
            let n = voters.len();
            let windows = || (0..n).map(|i| i.saturating_sub(reach)..(i + reach + 1).min(n));
            let mut tally = Tally::of(&voters);
            let votes = sliding_votes(&voters, &mut tally, windows());
            // The tally is left empty: the same windows again vote the same.
            let again = sliding_votes(&voters, &mut tally, windows());
            proptest::prop_assert_eq!(&votes, &again);
            // Where the voters may have no column, no window has one.
            let may_have_column = may_have_column(&voters);
            for (window, vote) in windows().zip(votes) {
                proptest::prop_assert_eq!(vote, dominant_column(&SortedVoters(&voters[window])));
                proptest::prop_assert!(may_have_column || vote.is_none());
            }
        }
    }

    /// The byte walk of `han_pairs` finds the pairs a walk over decoded
    /// characters does, at the edges of the Han blocks and next to them.
    #[test]
    fn han_pairs_by_bytes() {
        let text = "中\u{3400}\u{4DBF}\u{4DC0}\u{4E00}\u{9FFF}\u{A000}\u{F900}\u{20000}\u{3007}\u{33FF}国ア家a中文 中，文é中";
        let (mut fast, mut plain) = (Vec::new(), Vec::new());
        han_pairs(text, |key| fast.push(key));
        han_pairs_decoded(text, |key| plain.push(key));
        assert_eq!(fast, plain);
        assert_eq!(fast.len(), 6);
    }

    /// The filtered walk counts every pair asked about that a plain walk
    /// finds, and only those.
    #[test]
    fn asked_pairs_by_bytes() {
        let text = "中\u{3400}\u{4DBF}\u{4DC0}\u{4E00}\u{9FFF}\u{A000}\u{F900}\u{20000}\u{3007}\u{33FF}国ア家a中文 中，文é中文中文";
        let mut plain: FxHashMap<u64, u32> = FxHashMap::default();
        han_pairs_decoded(text, |key| *plain.entry(key).or_insert(0) += 1);
        // Asked: every pair of the text, and pairs it does not have that
        // share their low bits with one it has.
        let mut counts: FxHashMap<u64, u32> = plain.keys().map(|&key| (key, 0)).collect();
        let shifted = |c: char| char::from_u32(u32::from(c) + (1 << PAIR_FILTER_BITS)).unwrap();
        counts.insert(bigram_key('中', shifted('文')), 0);
        counts.insert(bigram_key(shifted('中'), '文'), 0);
        count_asked_pairs(
            text,
            &PairFilter::of(counts.keys()),
            &mut [0; PASSED_BATCH],
            &mut counts,
        );
        assert_eq!(counts[&bigram_key('中', '文')], 3);
        assert_eq!(counts[&bigram_key('中', shifted('文'))], 0);
        counts.retain(|_, &mut count| count > 0);
        assert_eq!(counts, plain);
        // More pairs pass than a batch holds: every one is counted.
        let text = "中文".repeat(PASSED_BATCH * 3) + "，中文";
        let mut counts: FxHashMap<u64, u32> =
            [(bigram_key('中', '文'), 0), (bigram_key('文', '中'), 0)]
                .into_iter()
                .collect();
        count_asked_pairs(
            &text,
            &PairFilter::of(counts.keys()),
            &mut [0; PASSED_BATCH],
            &mut counts,
        );
        let expected = PASSED_BATCH as u32 * 3;
        assert_eq!(counts[&bigram_key('中', '文')], expected + 1);
        assert_eq!(counts[&bigram_key('文', '中')], expected - 1);
    }

    #[test]
    fn mode_prefers_smallest_on_ties() {
        assert_eq!(mode([1, 1, 0, 0].into_iter()), Some(0));
        assert_eq!(mode([2, 1, 1].into_iter()), Some(1));
    }
}
