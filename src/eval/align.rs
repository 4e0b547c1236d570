//! Grapheme sequences, a linear-space alignment of two of them, and the
//! edit distance computed from that alignment.
//!
//! # Why not a plain Levenshtein matrix
//!
//! The textbook Levenshtein algorithm fills an `n × m` table: for two 1 MB
//! Chinese pages (about 330 000 graphemes each) that is 10¹¹ cells, far too
//! much memory and time. Instead:
//!
//! 1. [`align`] runs Myers' O((N+M)·D) diff with the linear-space "middle
//!    snake" refinement (the `similar` crate) on the two grapheme sequences.
//!    It finds a longest common subsequence using O(N+M) memory; its time
//!    grows with the number of differences D, roughly as D² on real text,
//!    which is nothing for a golden case but seconds for a raw 1 MB page
//!    (D ≈ 40 000). Sequences longer than [`DIRECT_LIMIT`] are therefore
//!    first cut at anchors, runs of a dozen graphemes found in both near
//!    where they are expected (hashed, then compared; see `anchors`), and
//!    Myers runs between consecutive anchors. A 1 MB raw page against its
//!    expected text then takes a fraction of a second and about 30 MB.
//!    Should two long texts have almost nothing in common, Myers stops
//!    refining after 30 seconds and the distance is an overestimate.
//! 2. The common subsequence cuts both texts into equal runs and changed
//!    hunks. Within one hunk the two sides share no grapheme at all (a shared
//!    one would lengthen the common subsequence), so a hunk costs
//!    `max(old, new)` edits. That sum alone would overcharge a garbled stretch
//!    where a few graphemes happen to match by chance (`aXb` → `bYa` is 3
//!    substitutions, not 4 indels). So [`distance`] groups hunks separated by
//!    equal runs shorter than [`ANCHOR`] graphemes into regions and computes
//!    the exact Levenshtein distance of each region (two rows of memory,
//!    `old × new` time), falling back to `max(old, new)` when a region would
//!    need more than [`MAX_REGION_CELLS`] cells.
//!
//! The result equals the Levenshtein distance unless the optimal alignment
//! would break up a run of [`ANCHOR`] or more identical graphemes, which does
//! not happen on real text; it is never below it. Memory stays linear in the
//! text length.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::ops::Range;
use std::time::{Duration, Instant};

use unicode_normalization::UnicodeNormalization;
use unicode_segmentation::UnicodeSegmentation;

/// Equal runs at least this long separate regions that are measured apart.
pub const ANCHOR: usize = 8;
/// The largest region (old × new graphemes) measured exactly.
pub const MAX_REGION_CELLS: usize = 1 << 24;

/// Gives every grapheme cluster a number: a one-character grapheme is its
/// code point, a longer one (`\r\n`, a base with combining marks, an emoji
/// sequence) gets a number above the code-point range. Two texts compared
/// with each other must share one interner.
#[derive(Debug, Default)]
pub struct Interner {
    multi: HashMap<Box<str>, u32>,
}

const FIRST_MULTI: u32 = 0x11_0000;

impl Interner {
    pub fn id(&mut self, grapheme: &str) -> u32 {
        let mut chars = grapheme.chars();
        if let (Some(c), None) = (chars.next(), chars.next()) {
            return c as u32;
        }
        let next = FIRST_MULTI + self.multi.len() as u32;
        *self.multi.entry(grapheme.into()).or_insert(next)
    }
}

/// A text as NFC grapheme clusters.
#[derive(Debug, Clone)]
pub struct Graphemes {
    text: String,
    ids: Vec<u32>,
    /// Byte offset of every grapheme in `text`, plus `text.len()` at the end.
    starts: Vec<u32>,
}

impl Graphemes {
    /// Normalizes `text` to NFC and splits it into extended grapheme clusters.
    pub fn new(text: &str, interner: &mut Interner) -> Self {
        let text: String = text.nfc().collect();
        let mut ids = Vec::with_capacity(text.len() / 2);
        let mut starts = Vec::with_capacity(text.len() / 2 + 1);
        for (start, g) in text.grapheme_indices(true) {
            ids.push(interner.id(g));
            starts.push(start as u32);
        }
        starts.push(text.len() as u32);
        Graphemes { text, ids, starts }
    }

    pub fn len(&self) -> usize {
        self.ids.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    pub fn ids(&self) -> &[u32] {
        &self.ids
    }

    /// The NFC text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The graphemes `range` as text.
    pub fn slice(&self, range: Range<usize>) -> &str {
        &self.text[self.starts[range.start] as usize..self.starts[range.end] as usize]
    }

    pub fn get(&self, i: usize) -> &str {
        self.slice(i..i + 1)
    }
}

/// One step of an alignment from an old sequence to a new one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Op {
    /// `len` elements equal in both, from `old` and `new`.
    Equal { old: usize, new: usize, len: usize },
    /// `old` replaced by `new` (either may be empty); the two sides share
    /// no element.
    Change {
        old: Range<usize>,
        new: Range<usize>,
    },
}

impl Op {
    /// The ranges of the old and the new sequence this op covers.
    pub fn sides(&self) -> (Range<usize>, Range<usize>) {
        match self {
            Op::Equal { old, new, len } => (*old..old + len, *new..new + len),
            Op::Change { old, new } => (old.clone(), new.clone()),
        }
    }
}

/// Where positions of the old sequence fall in the new one.
///
/// A position is a boundary between elements (0..=len). Inside an equal run
/// it maps one-to-one; inside or at the edge of a changed hunk it maps to
/// the whole new side of the hunk, `start` taking its lower end and `end` its
/// upper end, so a range mapped with both covers everything the old range
/// may correspond to.
pub struct Mapping<'a> {
    ops: &'a [Op],
    new_len: usize,
}

impl<'a> Mapping<'a> {
    pub fn new(ops: &'a [Op], new_len: usize) -> Self {
        Mapping { ops, new_len }
    }

    /// The lowest new position old position `p` may correspond to.
    pub fn start(&self, p: usize) -> usize {
        let i = self.ops.partition_point(|op| {
            let (old, _) = op.sides();
            old.end < p || (old.end == p && !old.is_empty())
        });
        match self.ops.get(i) {
            None => self.new_len,
            Some(op @ Op::Equal { .. }) => {
                let (old, new) = op.sides();
                new.start + (p.max(old.start) - old.start)
            }
            Some(Op::Change { new, .. }) => new.start,
        }
    }

    /// The highest new position old position `p` may correspond to.
    pub fn end(&self, p: usize) -> usize {
        let i = self.ops.partition_point(|op| {
            let (old, _) = op.sides();
            old.start < p || (old.start == p && old.is_empty())
        });
        let Some(op) = i.checked_sub(1).map(|i| &self.ops[i]) else {
            return 0;
        };
        match op {
            Op::Equal { .. } => {
                let (old, new) = op.sides();
                (new.start + (p - old.start)).min(new.end)
            }
            Op::Change { new, .. } => new.end,
        }
    }
}

/// Aligns two sequences along a longest common subsequence (Myers, linear
/// space). Ops cover both sequences in order; no two `Equal`s and no two
/// `Change`s are adjacent.
///
/// Inputs longer than [`DIRECT_LIMIT`] together are first cut at anchors
/// (see [`anchors`]) and Myers runs between them, so that the time grows with
/// the square of the differences between two anchors rather than of all
/// differences of the document.
pub fn align<T: PartialEq + Hash>(old: &[T], new: &[T]) -> Vec<Op> {
    align_with_limit(old, new, DIRECT_LIMIT)
}

fn align_with_limit<T: PartialEq + Hash>(old: &[T], new: &[T], direct_limit: usize) -> Vec<Op> {
    let mut builder = OpsBuilder::default();
    let deadline = Instant::now() + ALIGN_DEADLINE;
    if old.len() + new.len() > direct_limit {
        for (o, n, len) in anchors(old, new) {
            myers(&mut builder, old, o, new, n, deadline);
            builder.equal(o, n, len);
        }
    }
    myers(&mut builder, old, old.len(), new, new.len(), deadline);
    builder.finish(old.len(), new.len())
}

/// Sequences up to this many elements (both together) are aligned by Myers
/// alone, which is exact; longer ones are cut at anchors first.
pub const DIRECT_LIMIT: usize = 40_000;
/// Time one alignment may take before Myers completes it coarsely. Only two
/// long texts with almost nothing in common (a raw file paired with the
/// wrong expected file) get near it; the distance is then an overestimate.
const ALIGN_DEADLINE: Duration = Duration::from_secs(30);
/// Length of the runs that serve as anchors.
const ANCHOR_RUN: usize = 12;
/// Distance between the positions of `old` probed for an anchor.
const ANCHOR_STEP: usize = 6;
/// Occurrences of a run in `new` looked at when choosing one.
const ANCHOR_CANDIDATES: usize = 64;
/// How far from where it is expected an anchor may be, unless its run
/// occurs only once in `new`.
const ANCHOR_JUMP: usize = 4096;

/// Aligns `old[builder.old..old_end]` with `new[builder.new..new_end]`.
fn myers<T: PartialEq>(
    builder: &mut OpsBuilder,
    old: &[T],
    old_end: usize,
    new: &[T],
    new_end: usize,
    deadline: Instant,
) {
    let (old_range, new_range) = (builder.old..old_end, builder.new..new_end);
    // Infallible: the builder never fails.
    let _ = similar::algorithms::myers::diff_deadline(
        builder,
        old,
        old_range,
        new,
        new_range,
        Some(deadline),
    );
}

/// Collects equal runs into ops, filling the gaps with changes.
#[derive(Default)]
struct OpsBuilder {
    ops: Vec<Op>,
    /// Where the ops built so far end.
    old: usize,
    new: usize,
}

impl OpsBuilder {
    fn equal(&mut self, old: usize, new: usize, len: usize) {
        if len == 0 {
            return;
        }
        if old > self.old || new > self.new {
            self.ops.push(Op::Change {
                old: self.old..old,
                new: self.new..new,
            });
        } else if let Some(Op::Equal { len: last, .. }) = self.ops.last_mut() {
            *last += len;
            self.old += len;
            self.new += len;
            return;
        }
        self.ops.push(Op::Equal { old, new, len });
        self.old = old + len;
        self.new = new + len;
    }

    fn finish(mut self, old_len: usize, new_len: usize) -> Vec<Op> {
        if old_len > self.old || new_len > self.new {
            self.ops.push(Op::Change {
                old: self.old..old_len,
                new: self.new..new_len,
            });
        }
        self.ops
    }
}

impl similar::algorithms::DiffHook for OpsBuilder {
    type Error = std::convert::Infallible;

    fn equal(&mut self, old: usize, new: usize, len: usize) -> Result<(), Self::Error> {
        OpsBuilder::equal(self, old, new, len);
        Ok(())
    }
}

/// Equal runs `(old, new, len)` that both sequences share, in order and not
/// overlapping, found without comparing everything with everything:
///
/// 1. every run of [`ANCHOR_RUN`] elements of `new` is hashed (rolling hash)
///    into a chained table;
/// 2. `old` is probed every [`ANCHOR_STEP`] elements; of the occurrences of
///    the probed run in `new` the one nearest to where it is expected (on the
///    diagonal of the previous anchor) is taken, if it is near or unique;
/// 3. the longest chain of anchors increasing in both sequences is kept.
///
/// Runs of 32 identical elements are part of an optimal alignment of real
/// text; the hash only proposes, every anchor is compared element by element.
fn anchors<T: PartialEq + Hash>(old: &[T], new: &[T]) -> Vec<(usize, usize, usize)> {
    if old.len() < ANCHOR_RUN || new.len() < ANCHOR_RUN {
        return Vec::new();
    }
    let hash_of = |x: &T| {
        let mut h = std::hash::DefaultHasher::new();
        x.hash(&mut h);
        h.finish()
    };
    const BASE: u64 = 0x100_0000_01b3;
    let top = BASE.wrapping_pow(ANCHOR_RUN as u32 - 1);
    let window = |xs: &[T]| {
        xs.iter()
            .fold(0u64, |h, x| h.wrapping_mul(BASE).wrapping_add(hash_of(x)))
    };
    // Chained table of every run of `new`: head by hash, then `next`.
    const NONE: u32 = u32::MAX;
    let runs = new.len() - ANCHOR_RUN + 1;
    let mut head: HashMap<u64, u32> = HashMap::with_capacity(runs);
    let mut next = vec![NONE; runs];
    let mut h = window(&new[..ANCHOR_RUN]);
    for j in 0..runs {
        if j > 0 {
            h = h
                .wrapping_sub(hash_of(&new[j - 1]).wrapping_mul(top))
                .wrapping_mul(BASE)
                .wrapping_add(hash_of(&new[j + ANCHOR_RUN - 1]));
        }
        next[j] = head.insert(h, j as u32).unwrap_or(NONE);
    }
    // Probe `old`.
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    let mut diagonal = 0isize;
    for i in (0..=old.len() - ANCHOR_RUN).step_by(ANCHOR_STEP) {
        let probe = &old[i..i + ANCHOR_RUN];
        let Some(&first) = head.get(&window(probe)) else {
            continue;
        };
        let expected = i as isize + diagonal;
        let mut best: Option<(usize, usize)> = None; // (distance, j)
        let mut occurrences = 0;
        let mut steps = 0;
        let mut j = first;
        while j != NONE && steps < ANCHOR_CANDIDATES {
            steps += 1;
            let at = j as usize;
            if new[at..at + ANCHOR_RUN] == *probe {
                occurrences += 1;
                let distance = (at as isize - expected).unsigned_abs();
                if best.is_none_or(|(d, _)| distance < d) {
                    best = Some((distance, at));
                }
            }
            j = next[at];
        }
        if let Some((distance, at)) = best {
            let unique = occurrences == 1 && j == NONE;
            if distance <= ANCHOR_JUMP || unique {
                pairs.push((i, at));
                diagonal = at as isize - i as isize;
            }
        }
    }
    // Longest chain increasing in `new` (it already increases in `old`).
    let chain = longest_increasing(&pairs);
    // Merge into non-overlapping runs.
    let mut out: Vec<(usize, usize, usize)> = Vec::new();
    for (i, j) in chain {
        if let Some(last) = out.last_mut() {
            let (o, n, len) = *last;
            let same_diagonal = j as isize - i as isize == n as isize - o as isize;
            if same_diagonal && i <= o + len {
                last.2 = i + ANCHOR_RUN - o;
                continue;
            }
            if i < o + len || j < n + len {
                continue;
            }
        }
        out.push((i, j, ANCHOR_RUN));
    }
    out
}

/// The longest subsequence of `pairs` whose second elements strictly
/// increase (patience sorting, `O(n log n)`).
fn longest_increasing(pairs: &[(usize, usize)]) -> Vec<(usize, usize)> {
    // tails[k]: index of the smallest last element of a chain of length k+1.
    let mut tails: Vec<usize> = Vec::new();
    let mut previous = vec![usize::MAX; pairs.len()];
    for (k, &(_, j)) in pairs.iter().enumerate() {
        let at = tails.partition_point(|&t| pairs[t].1 < j);
        if at > 0 {
            previous[k] = tails[at - 1];
        }
        if at == tails.len() {
            tails.push(k);
        } else {
            tails[at] = k;
        }
    }
    let mut chain = Vec::with_capacity(tails.len());
    let mut k = tails.last().copied().unwrap_or(usize::MAX);
    while k != usize::MAX {
        chain.push(pairs[k]);
        k = previous[k];
    }
    chain.reverse();
    chain
}

/// The edit distance between `old` and `new` (see the module doc), given
/// their alignment `ops`.
pub fn distance(ops: &[Op], old: &[u32], new: &[u32]) -> u64 {
    let mut total = 0u64;
    // The region being gathered: its start in both sequences, and its cost
    // as a sum of hunks (the fallback).
    let mut region: Option<(usize, usize, u64)> = None;
    let mut close = |region: &mut Option<(usize, usize, u64)>, old_end: usize, new_end: usize| {
        if let Some((o, n, hunks)) = region.take() {
            let (a, b) = (&old[o..old_end], &new[n..new_end]);
            total += if a.len().saturating_mul(b.len()) <= MAX_REGION_CELLS {
                levenshtein(a, b)
            } else {
                hunks
            };
        }
    };
    for op in ops {
        match op {
            Op::Change { old: o, new: n } => {
                let cost = o.len().max(n.len()) as u64;
                match &mut region {
                    Some((_, _, hunks)) => *hunks += cost,
                    None => region = Some((o.start, n.start, cost)),
                }
            }
            Op::Equal {
                old: o,
                new: n,
                len,
            } => {
                if *len >= ANCHOR {
                    close(&mut region, *o, *n);
                }
            }
        }
    }
    close(&mut region, old.len(), new.len());
    total
}

/// The edit distance of two short sequences: exact Levenshtein when the
/// table is small enough, else through an alignment (see [`distance`]).
pub fn short_distance(a: &[u32], b: &[u32]) -> u64 {
    if a.len().saturating_mul(b.len()) <= MAX_REGION_CELLS {
        levenshtein(a, b)
    } else {
        distance(&align(a, b), a, b)
    }
}

/// Exact Levenshtein distance (unit costs), in `O(a·b)` time and `O(min)`
/// memory.
pub fn levenshtein(a: &[u32], b: &[u32]) -> u64 {
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let (a, b) = (&a[prefix..], &b[prefix..]);
    let suffix = a
        .iter()
        .rev()
        .zip(b.iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let (a, b) = (&a[..a.len() - suffix], &b[..b.len() - suffix]);
    let (long, short) = if a.len() >= b.len() { (a, b) } else { (b, a) };
    if short.is_empty() {
        return long.len() as u64;
    }
    let mut row: Vec<u32> = (0..=short.len() as u32).collect();
    for (i, x) in long.iter().enumerate() {
        let mut diagonal = row[0];
        row[0] = i as u32 + 1;
        for (j, y) in short.iter().enumerate() {
            let substitute = diagonal + u32::from(x != y);
            diagonal = row[j + 1];
            row[j + 1] = substitute.min(row[j] + 1).min(diagonal + 1);
        }
    }
    row[short.len()] as u64
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(s: &str) -> Vec<u32> {
        s.chars().map(|c| c as u32).collect()
    }

    fn dist(a: &str, b: &str) -> u64 {
        let (a, b) = (ids(a), ids(b));
        distance(&align(&a, &b), &a, &b)
    }

    #[test]
    fn levenshtein_known_values() {
        let cases: &[(&str, &str, u64)] = &[
            ("", "", 0),
            ("abc", "", 3),
            ("", "abc", 3),
            ("kitten", "sitting", 3),
            ("flaw", "lawn", 2),
            ("aXb", "bYa", 3),
            ("布局布局", "布局", 2),
            ("汉字", "漢字", 1),
        ];
        for &(a, b, d) in cases {
            assert_eq!(levenshtein(&ids(a), &ids(b)), d, "{a:?} {b:?}");
            assert_eq!(dist(a, b), d, "aligned {a:?} {b:?}");
        }
    }

    #[test]
    fn alignment_covers_both_sides() {
        let (a, b) = (ids("ab\ncdXef"), ids("abcdYYef\n"));
        let ops = align(&a, &b);
        check_covers(&ops, &a, &b);
        for op in &ops {
            if let Op::Change { old, new } = op {
                assert!(old.clone().all(|i| !b[new.clone()].contains(&a[i])));
            }
        }
    }

    /// A deterministic pseudo-random "text" over a Han-sized alphabet, with
    /// a few copies of one passage (repeats must not confuse the anchors).
    fn long_text(len: usize, seed: u64) -> Vec<u32> {
        let mut x = seed;
        let mut out = Vec::with_capacity(len);
        while out.len() < len {
            x = x
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            out.push(0x4E00 + ((x >> 33) % 3000) as u32);
        }
        let passage = out[100..400].to_vec();
        for at in [len / 3, 2 * len / 3] {
            out.splice(at..at + passage.len(), passage.iter().copied());
        }
        out
    }

    /// Every 40th element changed, deleted or doubled, and a line break
    /// every 20.
    fn damaged(text: &[u32]) -> Vec<u32> {
        let mut out = Vec::with_capacity(text.len() * 11 / 10);
        for (i, &c) in text.iter().enumerate() {
            match i % 40 {
                7 => out.push(c + 1),
                19 => {}
                31 => out.extend([c, c]),
                _ => out.push(c),
            }
            if i % 20 == 0 {
                out.push('\n' as u32);
            }
        }
        out
    }

    fn check_covers(ops: &[Op], a: &[u32], b: &[u32]) {
        let (mut o, mut n) = (0, 0);
        for op in ops {
            match op {
                Op::Equal { old, new, len } => {
                    assert_eq!((*old, *new), (o, n));
                    assert_eq!(a[o..o + len], b[n..n + len]);
                    o += len;
                    n += len;
                }
                Op::Change { old, new } => {
                    assert_eq!((old.start, new.start), (o, n));
                    o = old.end;
                    n = new.end;
                }
            }
        }
        assert_eq!((o, n), (a.len(), b.len()));
    }

    #[test]
    fn anchored_alignment_matches_plain_myers() {
        let expected = long_text(12_000, 7);
        let raw = damaged(&expected);
        let anchored = align_with_limit(&raw, &expected, 1_000);
        let direct = align_with_limit(&raw, &expected, usize::MAX);
        check_covers(&anchored, &raw, &expected);
        assert_eq!(
            distance(&anchored, &raw, &expected),
            distance(&direct, &raw, &expected)
        );
        // 300 substitutions, 300 deletions, 300 doublings, 600 breaks.
        assert_eq!(distance(&anchored, &raw, &expected), 1_500);
    }

    #[test]
    fn positions_map_to_the_other_side() {
        // old: a b X c d   new: a b c Y Y d
        let (a, b) = (ids("abXcd"), ids("abcYYd"));
        let ops = align(&a, &b);
        let map = Mapping::new(&ops, b.len());
        assert_eq!((map.start(1), map.end(1)), (1, 1)); // inside "ab"
        assert_eq!((map.start(2), map.end(3)), (2, 2)); // X deleted
        assert_eq!((map.start(4), map.end(4)), (3, 5)); // before d: YY inserted
        assert_eq!((map.start(0), map.end(5)), (0, 6));
    }

    #[test]
    fn far_apart_changes_are_measured_apart() {
        let body = "这是一段足够长的正文内容用来隔开两处修改";
        let a = format!("甲{body}乙");
        let b = format!("丙{body}丁");
        assert_eq!(dist(&a, &b), 2);
    }

    #[test]
    fn graphemes_are_nfc_clusters() {
        let mut interner = Interner::default();
        // e + combining acute (NFD) equals é (NFC); \r\n is one cluster.
        let g = Graphemes::new("e\u{301}x\r\n", &mut interner);
        let h = Graphemes::new("\u{e9}x\r\n", &mut interner);
        assert_eq!(g.len(), 3);
        assert_eq!(g.ids(), h.ids());
        assert_eq!(g.get(2), "\r\n");
        // A flag emoji is one grapheme.
        let flag = Graphemes::new("🇨🇳", &mut interner);
        assert_eq!(flag.len(), 1);
        assert!(flag.ids()[0] >= FIRST_MULTI);
    }
}
