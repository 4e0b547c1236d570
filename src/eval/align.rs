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
//!    grows with the number of differences D, which is small once a page is
//!    mostly right.
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
use std::ops::Range;

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

/// Aligns two sequences along a longest common subsequence (Myers, linear
/// space). Ops cover both sequences in order; no two `Equal`s and no two
/// `Change`s are adjacent.
pub fn align<T: PartialEq>(old: &[T], new: &[T]) -> Vec<Op> {
    let mut hook = EqualRuns::default();
    // Infallible: the hook never fails.
    let _ = similar::algorithms::myers::diff(&mut hook, old, 0..old.len(), new, 0..new.len());
    let mut ops = Vec::with_capacity(hook.runs.len() * 2 + 1);
    let (mut o, mut n) = (0, 0);
    for (old_at, new_at, len) in hook.runs.into_iter().chain([(old.len(), new.len(), 0)]) {
        if old_at > o || new_at > n {
            ops.push(Op::Change {
                old: o..old_at,
                new: n..new_at,
            });
        }
        if len > 0 {
            ops.push(Op::Equal {
                old: old_at,
                new: new_at,
                len,
            });
        }
        o = old_at + len;
        n = new_at + len;
    }
    ops
}

/// Collects the equal runs of a diff, merging adjacent ones.
#[derive(Default)]
struct EqualRuns {
    runs: Vec<(usize, usize, usize)>,
}

impl similar::algorithms::DiffHook for EqualRuns {
    type Error = std::convert::Infallible;

    fn equal(&mut self, old: usize, new: usize, len: usize) -> Result<(), Self::Error> {
        if let Some(last) = self.runs.last_mut() {
            if last.0 + last.2 == old && last.1 + last.2 == new {
                last.2 += len;
                return Ok(());
            }
        }
        self.runs.push((old, new, len));
        Ok(())
    }
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
        let (mut o, mut n) = (0, 0);
        for op in &ops {
            match op {
                Op::Equal { old, new, len } => {
                    assert_eq!((*old, *new), (o, n));
                    assert_eq!(a[o..o + len], b[n..n + len]);
                    o += len;
                    n += len;
                }
                Op::Change { old, new } => {
                    assert_eq!((old.start, new.start), (o, n));
                    assert!(old.clone().all(|i| !b[new.clone()].contains(&a[i])));
                    o = old.end;
                    n = new.end;
                }
            }
        }
        assert_eq!((o, n), (a.len(), b.len()));
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
