//! Turns a reading order of line pieces into edits.
//!
//! The output is the pieces joined by line ends. The longest run of pieces
//! that are already in input order stays where it is; every other piece is
//! moved: deleted where it is ([`EditKind::Move`]) and inserted, the same
//! text, after the piece it follows in reading order. Whitespace between
//! pieces (gutters, padding, line ends of emptied rows) is deleted, except
//! one line end after each piece that stays.

use std::ops::Range;

use crate::edit::{Edit, EditKind};
use crate::pass::PassOutput;

const MOVED: &str = "column split: column text moved after the column before it";
const GUTTER: &str = "column split: gutter or padding";
const EMPTIED: &str = "column split: line end of a row whose columns moved";
const LINE_END: &str = "column split: line end after a column line";

/// Reports the edits that turn `text` into `pieces` (byte ranges of `text`,
/// in output order, non-overlapping) joined by `\n`. Everything of `text`
/// outside the pieces must be whitespace or line ends.
pub(super) fn reorder(text: &str, pieces: &[Range<usize>], out: &mut PassOutput) {
    let stays = longest_ordered(pieces);
    let mut moved: Vec<&Range<usize>> = pieces
        .iter()
        .zip(&stays)
        .filter(|(p, &s)| !s && !p.is_empty())
        .map(|(p, _)| p)
        .collect();
    moved.sort_by_key(|p| p.start);
    let mut moved = moved.into_iter().peekable();
    let mut after: Option<usize> = None; // end of the last piece that stays
    let mut waiting: Vec<&Range<usize>> = Vec::new();
    for (piece, &stay) in pieces.iter().zip(&stays) {
        if !stay {
            waiting.push(piece);
            continue;
        }
        let gap = after.unwrap_or(0)..piece.start;
        let inside = take_while_before(&mut moved, piece.start);
        stretch(text, gap, after.is_some(), &inside, &waiting, out);
        waiting.clear();
        after = Some(piece.end);
    }
    let gap = after.unwrap_or(0)..text.len();
    let inside = take_while_before(&mut moved, text.len());
    // After the last piece the text ends as it did, unless pieces follow.
    let keep_line_end = after.is_some()
        && (!waiting.is_empty() || first_line_end(text, gap.clone(), &inside).is_some());
    stretch(text, gap, keep_line_end, &inside, &waiting, out);
}

fn take_while_before<'p>(
    moved: &mut std::iter::Peekable<impl Iterator<Item = &'p Range<usize>>>,
    end: usize,
) -> Vec<&'p Range<usize>> {
    let mut inside = Vec::new();
    while let Some(p) = moved.next_if(|p| p.start < end) {
        inside.push(p);
    }
    inside
}

/// The stretch `gap` before a piece that stays (or the end of the text):
/// keeps one line end when `keep_line_end` (inserting one if there is
/// none, as when two pieces of one row follow each other), deletes
/// everything else, and inserts the pieces `waiting` at its end.
fn stretch(
    text: &str,
    gap: Range<usize>,
    keep_line_end: bool,
    inside: &[&Range<usize>],
    waiting: &[&Range<usize>],
    out: &mut PassOutput,
) {
    // A form feed already parts its rows (it is a row of its own), unless
    // pieces are inserted before it.
    let parted = text[..gap.start].ends_with('\u{c}')
        || (waiting.is_empty() && text[gap.end..].starts_with('\u{c}'));
    clear(text, gap.clone(), keep_line_end, !parted, inside, out);
    insert(text, gap.end, waiting, out);
}

/// Deletes whitespace and moved pieces in `gap`, keeping the first line
/// end when `keep_line_end` (inserting one at the start if there is none
/// and `insert_missing`).
fn clear(
    text: &str,
    gap: Range<usize>,
    keep_line_end: bool,
    insert_missing: bool,
    inside: &[&Range<usize>],
    out: &mut PassOutput,
) {
    let kept = if keep_line_end {
        let kept = first_line_end(text, gap.clone(), inside);
        if kept.is_none() && insert_missing {
            out.push(Edit::insert(gap.start, "\n", EditKind::Break, LINE_END));
        }
        kept
    } else {
        None
    };
    let mut pos = gap.start;
    for piece in inside
        .iter()
        .copied()
        .chain(std::iter::once(&(gap.end..gap.end)))
    {
        let space = pos..piece.start;
        match &kept {
            Some(k) if k.start >= space.start && k.end <= space.end => {
                delete_space(text, space.start..k.start, out);
                delete_space(text, k.end..space.end, out);
            }
            _ => delete_space(text, space, out),
        }
        if !piece.is_empty() {
            out.push(Edit::delete(piece.clone(), EditKind::Move, MOVED));
        }
        pos = piece.end;
    }
}

fn insert(text: &str, at: usize, waiting: &[&Range<usize>], out: &mut PassOutput) {
    for piece in waiting {
        if !piece.is_empty() {
            out.push(Edit::insert(
                at,
                text[(*piece).clone()].to_string(),
                EditKind::Move,
                MOVED,
            ));
        }
        out.push(Edit::insert(at, "\n", EditKind::Break, LINE_END));
    }
}

fn delete_space(text: &str, span: Range<usize>, out: &mut PassOutput) {
    if span.is_empty() {
        return;
    }
    let has_line_end = text[span.clone()].contains(['\n', '\r']);
    let (kind, reason) = if has_line_end {
        (EditKind::Join, EMPTIED)
    } else {
        (EditKind::Space, GUTTER)
    };
    out.push(Edit::delete(span, kind, reason));
}

/// The first line end (`\n`, `\r\n` or `\r`) in `gap` outside the pieces.
fn first_line_end(text: &str, gap: Range<usize>, inside: &[&Range<usize>]) -> Option<Range<usize>> {
    let bytes = text.as_bytes();
    let mut pos = gap.start;
    for piece in inside
        .iter()
        .copied()
        .chain(std::iter::once(&(gap.end..gap.end)))
    {
        if let Some(i) = bytes[pos..piece.start]
            .iter()
            .position(|&b| b == b'\n' || b == b'\r')
        {
            let at = pos + i;
            let len = if bytes[at] == b'\r' && bytes.get(at + 1) == Some(&b'\n') {
                2
            } else {
                1
            };
            return Some(at..at + len);
        }
        pos = piece.end;
    }
    None
}

/// Marks the pieces that can stay where they are: the longest subsequence
/// whose starts never decrease, and of those the one that takes the
/// earliest pieces (so the first column stays and the later ones move).
fn longest_ordered(pieces: &[Range<usize>]) -> Vec<bool> {
    let n = pieces.len();
    let key = |i: usize| (pieces[i].start, pieces[i].end);
    // Rank of each key, then, from the back, the longest chain starting at
    // each piece (a Fenwick tree of suffix maxima over ranks).
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by_key(|&i| key(i));
    let mut rank = vec![0; n];
    for (r, &i) in order.iter().enumerate() {
        rank[i] = if r > 0 && key(order[r - 1]) == key(i) {
            rank[order[r - 1]]
        } else {
            r
        };
    }
    let mut tree = vec![0usize; n + 1]; // indexed by n - rank
    let mut chain = vec![0usize; n];
    for i in (0..n).rev() {
        let mut best = 0;
        let mut k = n - rank[i];
        while k > 0 {
            best = best.max(tree[k]);
            k &= k - 1;
        }
        chain[i] = best + 1;
        let mut k = n - rank[i];
        while k <= n {
            tree[k] = tree[k].max(chain[i]);
            k += k & k.wrapping_neg();
        }
    }
    let mut stays = vec![false; n];
    let mut want = chain.iter().copied().max().unwrap_or(0);
    let mut last: Option<usize> = None;
    for i in 0..n {
        if want > 0 && chain[i] == want && last.is_none_or(|l| key(l) <= key(i)) {
            stays[i] = true;
            want -= 1;
            last = Some(i);
        }
    }
    stays
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit;

    fn run(text: &str, pieces: &[Range<usize>]) -> String {
        let mut out = PassOutput::default();
        reorder(text, pieces, &mut out);
        edit::sort(&mut out.edits);
        edit::apply(text, &out.edits).unwrap()
    }

    fn find(text: &str, s: &str) -> Range<usize> {
        let i = text.find(s).unwrap();
        i..i + s.len()
    }

    #[test]
    fn two_columns_become_one_after_the_other() {
        let text = "a1   b1\na2   b2\n";
        let p = |s| find(text, s);
        let pieces = [p("a1"), p("a2"), p("b1"), p("b2")];
        assert_eq!(run(text, &pieces), "a1\na2\nb1\nb2\n");
    }

    #[test]
    fn crlf_line_ends_and_missing_final_line_end() {
        let text = "a1   b1\r\na2   b2";
        let p = |s| find(text, s);
        let pieces = [p("a1"), p("a2"), p("b1"), p("b2")];
        assert_eq!(run(text, &pieces), "a1\r\na2\nb1\nb2");
    }

    #[test]
    fn blank_lines_and_rows_that_empty() {
        let text = "     b0\na1   b1\n\na3\n";
        let p = |s| find(text, s);
        let blank = 16..16;
        let pieces = [p("a1"), blank, p("a3"), p("b0"), p("b1")];
        assert_eq!(run(text, &pieces), "a1\n\na3\nb0\nb1\n");
    }

    #[test]
    fn order_kept_means_no_edits() {
        let text = "a\nb\n";
        let mut out = PassOutput::default();
        reorder(text, &[0..1, 2..3], &mut out);
        assert!(out.edits.is_empty());
    }

    #[test]
    fn longest_ordered_keeps_the_most_and_the_earliest() {
        let r = |a: usize| a..a + 1;
        assert_eq!(
            longest_ordered(&[r(0), r(4), r(2), r(6), r(3)]),
            [true, true, false, true, false]
        );
        // Two columns of three rows: the first column stays.
        assert_eq!(
            longest_ordered(&[r(0), r(6), r(12), r(3), r(9), r(15)]),
            [true, true, true, false, false, true]
        );
        // Equal keys (blank lines at one place) may both stay.
        assert_eq!(longest_ordered(&[r(1), 2..2, 2..2, r(2)]), [true; 4]);
        assert!(longest_ordered(&[]).is_empty());
    }
}
