//! Edit precision of one pass, three-way: before the pass `B`, after it `A`,
//! and the expected text `E`.
//!
//! The changes the pass made are the changed hunks of the alignment of `B`
//! with `A`. Each is judged in a window of `B` that reaches, on both sides,
//! a **safe cut**: a point inside a stretch where `B` already agrees with `E`
//! (an equal run of the alignment of `B` with `E`, at least [`MARGIN`]
//! graphemes from either end of the run), or an end of the text. At a safe
//! cut both texts are known to correspond exactly, so the window `B_w` has
//! an exact counterpart `E_w` in `E`. Changes whose windows overlap are
//! judged together as one unit. For each unit:
//!
//! - `A_w` = `B_w` with the unit's changes applied (and no others);
//! - `changed = d(B_w, A_w)`, `gain = d(B_w, E_w) − d(A_w, E_w)` (exact
//!   Levenshtein distances).
//!
//! The unit moved the text `gain` edits toward `E` if `gain > 0` and `−gain`
//! away from it if `gain < 0`; the rest of its `changed` edits were neutral
//! (they swapped one wrong text for another, or cancelled out within the
//! unit). By the triangle inequality `|gain| ≤ changed`, so `toward + away +
//! neutral = changed` exactly, and the gains add up to the change of the
//! whole distance whenever the optimal alignment passes through the safe
//! cuts (as [`align::distance`] assumes too).
//!
//! Judging the changes unit by unit is what makes harm visible: ten right
//! joins and two wrong ones on other lines count 10 toward and 2 away, not a
//! net 8; only changes with fewer than `2 × MARGIN` correct graphemes between
//! them net out. A CRLF turned into LF where `E` joins the two lines anyway
//! is neutral, not harm. Removing either copy of a doubled word counts the
//! same: both copies lie in one unit.

use super::align::{self, Graphemes, Op};
use super::metrics::EditCounts;

/// Correct graphemes a safe cut keeps on each side within its equal run.
pub const MARGIN: usize = 3;

/// Judges the changes from `before` to `after` against `expected`, given the
/// alignment of `before` with `expected`. `net` (the change of the whole
/// distance) is left for the caller.
pub fn judge(
    before: &Graphemes,
    after: &Graphemes,
    expected: &Graphemes,
    before_to_expected: &[Op],
) -> EditCounts {
    let (b, a, e) = (before.ids(), after.ids(), expected.ids());
    let cuts = SafeCuts::new(before_to_expected, b.len(), e.len());
    let mut counts = EditCounts::default();
    // The unit being gathered: its window in `B` and its changes.
    let mut unit: Option<Unit> = None;
    for op in align::align(b, a) {
        let Op::Change { old, new } = op else {
            continue;
        };
        let (start, stop) = (cuts.before(old.start), cuts.after(old.end));
        match &mut unit {
            Some(u) if start < u.stop => {
                u.stop = u.stop.max(stop);
                u.changes.push((old, new));
            }
            _ => {
                if let Some(done) = unit.take() {
                    done.judge(b, a, e, &cuts, &mut counts);
                }
                unit = Some(Unit {
                    start,
                    stop,
                    changes: vec![(old, new)],
                });
            }
        }
    }
    if let Some(done) = unit {
        done.judge(b, a, e, &cuts, &mut counts);
    }
    counts
}

/// Changes judged together, in the window `start..stop` of `B`.
struct Unit {
    start: usize,
    stop: usize,
    changes: Vec<(std::ops::Range<usize>, std::ops::Range<usize>)>,
}

impl Unit {
    fn judge(self, b: &[u32], a: &[u32], e: &[u32], cuts: &SafeCuts, counts: &mut EditCounts) {
        let b_window = &b[self.start..self.stop];
        let mut a_window = Vec::with_capacity(b_window.len() + 16);
        let mut pos = self.start;
        for (old, new) in &self.changes {
            a_window.extend_from_slice(&b[pos..old.start]);
            a_window.extend_from_slice(&a[new.clone()]);
            pos = old.end;
        }
        a_window.extend_from_slice(&b[pos..self.stop]);
        let e_window = &e[cuts.map(self.start)..cuts.map(self.stop)];

        let changed = align::short_distance(b_window, &a_window);
        let gain = align::short_distance(b_window, e_window) as i64
            - align::short_distance(&a_window, e_window) as i64;
        counts.changed += changed;
        counts.toward += gain.clamp(0, changed as i64) as u64;
        counts.away += (-gain).clamp(0, changed as i64) as u64;
    }
}

/// The safe cuts of `B`: closed intervals of positions, each with the offset
/// that maps it into `E`, in order.
struct SafeCuts {
    /// `(first, last, offset)`: positions `first..=last` map to `p + offset`.
    intervals: Vec<(usize, usize, isize)>,
}

impl SafeCuts {
    fn new(ops: &[Op], b_len: usize, e_len: usize) -> Self {
        let mut intervals = vec![(0, 0, 0)];
        for op in ops {
            if let Op::Equal { old, new, len } = *op {
                if len >= 2 * MARGIN {
                    let offset = new as isize - old as isize;
                    intervals.push((old + MARGIN, old + len - MARGIN, offset));
                }
            }
        }
        intervals.push((b_len, b_len, e_len as isize - b_len as isize));
        SafeCuts { intervals }
    }

    /// The last safe cut at or before `p`.
    fn before(&self, p: usize) -> usize {
        let i = self.intervals.partition_point(|&(first, _, _)| first <= p);
        let (_, last, _) = self.intervals[i.max(1) - 1];
        last.min(p)
    }

    /// The first safe cut at or after `p`.
    fn after(&self, p: usize) -> usize {
        let i = self.intervals.partition_point(|&(_, last, _)| last < p);
        let (first, _, _) = self.intervals[i.min(self.intervals.len() - 1)];
        first.max(p)
    }

    /// Where safe cut `p` falls in `E`.
    fn map(&self, p: usize) -> usize {
        let i = self.intervals.partition_point(|&(first, _, _)| first <= p);
        let (_, _, offset) = self.intervals[i.max(1) - 1];
        (p as isize + offset) as usize
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::eval::align::Interner;

    /// (changed, toward, away) of turning `before` into `after`.
    fn judged(before: &str, after: &str, expected: &str) -> (u64, u64, u64) {
        let mut interner = Interner::default();
        let b = Graphemes::new(before, &mut interner);
        let a = Graphemes::new(after, &mut interner);
        let e = Graphemes::new(expected, &mut interner);
        let ops = align::align(b.ids(), e.ids());
        let c = judge(&b, &a, &e, &ops);
        (c.changed, c.toward, c.away)
    }

    #[test]
    fn right_wrong_and_neutral_changes() {
        // (before, after, expected, (changed, toward, away))
        type Case = (&'static str, &'static str, &'static str, (u64, u64, u64));
        let cases: &[Case] = &[
            // One right join.
            ("甲乙\n丙丁。\n", "甲乙丙丁。\n", "甲乙丙丁。\n", (1, 1, 0)),
            // One wrong join (a paragraph end).
            (
                "甲乙。\n丙丁。\n",
                "甲乙。丙丁。\n",
                "甲乙。\n丙丁。\n",
                (1, 0, 1),
            ),
            // A right and a wrong join on neighbouring lines: both show.
            (
                "西安高新区\n创建国家未来产业先导区。\n该项目建成后\n",
                "西安高新区创建国家未来产业先导区。该项目建成后\n",
                "西安高新区创建国家未来产业先导区。\n该项目建成后\n",
                (2, 1, 1),
            ),
            // CRLF to LF where the expected text joins the lines: neutral.
            (
                "甲乙\r\n丙丁。\n",
                "甲乙\n丙丁。\n",
                "甲乙丙丁。\n",
                (1, 0, 0),
            ),
            // CRLF to LF at a paragraph end: right.
            (
                "甲乙。\r\n丙丁。\n",
                "甲乙。\n丙丁。\n",
                "甲乙。\n丙丁。\n",
                (1, 1, 0),
            ),
            // Undoubling, whichever copy the pass removes.
            ("布局布局实施\n", "布局实施\n", "布局实施\n", (2, 2, 0)),
            (
                "连续连续33年获评年获评\n",
                "连续3年获评\n",
                "连续3年获评\n",
                (6, 6, 0),
            ),
            // Trap: removing a legitimate reduplication is harm.
            ("谢谢你。\n", "谢你。\n", "谢谢你。\n", (1, 0, 1)),
            // Inserting into correct text is harm.
            (
                "本报讯近日获悉。\n",
                "本报讯\n近日获悉。\n",
                "本报讯近日获悉。\n",
                (1, 0, 1),
            ),
            // Nothing changed, nothing counted.
            ("同样\n", "同样\n", "不同\n", (0, 0, 0)),
        ];
        for &(before, after, expected, counts) in cases {
            assert_eq!(
                judged(before, after, expected),
                counts,
                "{before:?} -> {after:?} (expected {expected:?})"
            );
        }
    }

    #[test]
    fn safe_cuts_sit_inside_correct_runs() {
        // Two correct runs of 7 around one wrong character.
        let b: Vec<u32> = "abcdefgXhijklmn".chars().map(|c| c as u32).collect();
        let e: Vec<u32> = "abcdefgYYhijklmn".chars().map(|c| c as u32).collect();
        let ops = align::align(&b, &e);
        let cuts = SafeCuts::new(&ops, b.len(), e.len());
        assert_eq!((cuts.before(7), cuts.after(8)), (4, 11));
        assert_eq!((cuts.map(4), cuts.map(11)), (4, 12));
        assert_eq!((cuts.before(2), cuts.after(14)), (0, 15));
        assert_eq!(cuts.map(15), 16);
    }
}
