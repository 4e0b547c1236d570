//! The one way passes report what they change.
//!
//! A pass never rewrites its input directly: it returns a list of [`Edit`]s,
//! each a byte span of its input, the text that replaces it, a kind and a
//! short reason. The pipeline applies them ([`apply`]), so every difference
//! between a pass's input and output is an edit that can be listed, explained
//! and audited.

use std::borrow::Cow;
use std::ops::Range;

use serde::Serialize;

/// What kind of change an edit makes. The kind decides what the edit is
/// allowed to remove (see the audit): only [`EditKind::Undouble`] may drop
/// non-whitespace characters outright, and [`EditKind::Move`] must put back
/// elsewhere exactly what it takes away.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum EditKind {
    /// Line ends, invisible characters, full-width ASCII to ASCII, space variants.
    Normalize,
    /// Removal of a copy made by a fake-bold extractor.
    Undouble,
    /// Text taken from one place and put back in another (column split, floats).
    Move,
    /// A line break (and the whitespace around it) removed or replaced by a space.
    Join,
    /// A line break inserted, or a run of breaks reduced to one.
    Break,
    /// Whitespace collapsed or removed.
    Space,
    /// ASCII punctuation replaced by its full-width form.
    Punct,
}

impl EditKind {
    /// The kebab-case name used in reports (`join`, `undouble`, …).
    pub fn name(self) -> &'static str {
        match self {
            EditKind::Normalize => "normalize",
            EditKind::Undouble => "undouble",
            EditKind::Move => "move",
            EditKind::Join => "join",
            EditKind::Break => "break",
            EditKind::Space => "space",
            EditKind::Punct => "punct",
        }
    }
}

/// One change a pass makes to its input.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Edit {
    /// Byte range of the pass's input that is replaced (empty for an insertion).
    pub span: Range<usize>,
    /// What replaces it.
    pub replacement: Cow<'static, str>,
    pub kind: EditKind,
    /// Short human reason, e.g. "doubled chunk" or "wrap: line continues".
    pub reason: Cow<'static, str>,
}

impl Edit {
    pub fn new(
        span: Range<usize>,
        replacement: impl Into<Cow<'static, str>>,
        kind: EditKind,
        reason: impl Into<Cow<'static, str>>,
    ) -> Self {
        Edit {
            span,
            replacement: replacement.into(),
            kind,
            reason: reason.into(),
        }
    }

    /// Remove `span`.
    pub fn delete(
        span: Range<usize>,
        kind: EditKind,
        reason: impl Into<Cow<'static, str>>,
    ) -> Self {
        Edit::new(span, "", kind, reason)
    }

    /// Insert `text` at byte `at`.
    pub fn insert(
        at: usize,
        text: impl Into<Cow<'static, str>>,
        kind: EditKind,
        reason: impl Into<Cow<'static, str>>,
    ) -> Self {
        Edit::new(at..at, text, kind, reason)
    }
}

/// Why a list of edits cannot be applied to a text. Always a bug in a pass.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EditError {
    #[error("edit {index} ({span:?}) is out of bounds for a text of {len} bytes")]
    OutOfBounds {
        index: usize,
        span: Range<usize>,
        len: usize,
    },
    #[error("edit {index} ({span:?}) does not start or end on a character boundary")]
    NotCharBoundary { index: usize, span: Range<usize> },
    #[error("edit {index} ({span:?}) overlaps or precedes the edit before it")]
    Unordered { index: usize, span: Range<usize> },
}

/// Checks that `edits` are in order, do not overlap, and cut `text` only at
/// character boundaries. Two insertions at the same position are allowed and
/// keep their order; an insertion may sit right before or after a replacement.
pub fn validate(text: &str, edits: &[Edit]) -> Result<(), EditError> {
    let mut last_end = 0usize;
    for (index, e) in edits.iter().enumerate() {
        let span = e.span.clone();
        if span.start > span.end || span.end > text.len() {
            return Err(EditError::OutOfBounds {
                index,
                span,
                len: text.len(),
            });
        }
        if !text.is_char_boundary(span.start) || !text.is_char_boundary(span.end) {
            return Err(EditError::NotCharBoundary { index, span });
        }
        if span.start < last_end {
            return Err(EditError::Unordered { index, span });
        }
        last_end = span.end;
    }
    Ok(())
}

/// Applies validated `edits` to `text`.
pub fn apply(text: &str, edits: &[Edit]) -> Result<String, EditError> {
    validate(text, edits)?;
    let added: usize = edits.iter().map(|e| e.replacement.len()).sum();
    let mut out = String::with_capacity(text.len() + added);
    let mut pos = 0;
    for e in edits {
        out.push_str(&text[pos..e.span.start]);
        out.push_str(&e.replacement);
        pos = e.span.end;
    }
    out.push_str(&text[pos..]);
    Ok(out)
}

/// Sorts edits by position, keeping the relative order of edits that start at
/// the same byte (so insertions stay in the order a pass made them).
pub fn sort(edits: &mut [Edit]) {
    edits.sort_by_key(|e| (e.span.start, e.span.end));
}

/// Maps a byte offset of a pass's input to the corresponding offset of its
/// output (the start of the replacement if the offset falls inside an edit).
pub fn map_forward(edits: &[Edit], offset: usize) -> usize {
    let mut delta: isize = 0;
    for e in edits {
        if e.span.start > offset {
            break;
        }
        if e.span.end <= offset {
            // Entirely before the offset (an insertion at the offset too: the
            // character there ends up after the inserted text).
            delta += e.replacement.len() as isize - e.span.len() as isize;
        } else {
            return (e.span.start as isize + delta) as usize;
        }
    }
    (offset as isize + delta) as usize
}

/// Maps a byte offset of a pass's output back to its input (the start of the
/// edit whose replacement contains it).
pub fn map_backward(edits: &[Edit], offset: usize) -> usize {
    let mut delta: isize = 0; // output - input, before the current edit
    for e in edits {
        let out_start = (e.span.start as isize + delta) as usize;
        let out_end = out_start + e.replacement.len();
        if offset < out_start {
            break;
        }
        if offset < out_end {
            return e.span.start;
        }
        delta += e.replacement.len() as isize - e.span.len() as isize;
    }
    (offset as isize - delta) as usize
}

/// [`map_backward`] for many offsets at once, in one sweep over the edits.
/// `offsets` must be sorted ascending (they stay sorted: the mapping is
/// monotonic), which makes locating every edit of a large run linear.
pub fn map_backward_sorted(edits: &[Edit], offsets: &mut [usize]) {
    debug_assert!(offsets.windows(2).all(|w| w[0] <= w[1]));
    let mut delta: isize = 0; // output - input, before edit `k`
    let mut k = 0;
    'offsets: for offset in offsets.iter_mut() {
        while let Some(e) = edits.get(k) {
            let out_start = (e.span.start as isize + delta) as usize;
            if *offset < out_start {
                break;
            }
            if *offset < out_start + e.replacement.len() {
                *offset = e.span.start;
                continue 'offsets;
            }
            delta += e.replacement.len() as isize - e.span.len() as isize;
            k += 1;
        }
        *offset = (*offset as isize - delta) as usize;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn e(span: Range<usize>, rep: &'static str) -> Edit {
        Edit::new(span, rep, EditKind::Space, "test")
    }

    #[test]
    fn apply_replaces_deletes_and_inserts() {
        let text = "ab cd\n\nef";
        let edits = vec![e(2..3, ""), e(5..7, ""), e(9..9, "!")];
        assert_eq!(apply(text, &edits).unwrap(), "abcdef!");
    }

    #[test]
    fn apply_rejects_overlap_and_bad_boundaries() {
        let text = "汉字abc";
        assert!(matches!(
            apply(text, &[e(0..4, "")]),
            Err(EditError::NotCharBoundary { .. })
        ));
        assert!(matches!(
            apply(text, &[e(3..6, ""), e(0..3, "")]),
            Err(EditError::Unordered { .. })
        ));
        assert!(matches!(
            apply(text, &[e(0..30, "")]),
            Err(EditError::OutOfBounds { .. })
        ));
    }

    #[test]
    fn two_insertions_at_one_place_keep_order() {
        let edits = vec![e(1..1, "x"), e(1..1, "y")];
        assert_eq!(apply("ab", &edits).unwrap(), "axyb");
    }

    #[test]
    fn offsets_map_both_ways() {
        let text = "ab  cd";
        let edits = vec![e(2..4, " ")];
        assert_eq!(apply(text, &edits).unwrap(), "ab cd");
        assert_eq!(map_forward(&edits, 0), 0);
        assert_eq!(map_forward(&edits, 4), 3); // 'c'
        assert_eq!(map_forward(&edits, 3), 2); // inside the edit
        assert_eq!(map_backward(&edits, 3), 4);
        assert_eq!(map_backward(&edits, 2), 2);
    }

    #[test]
    fn sorted_backward_mapping_agrees_with_one_by_one() {
        let text = "ab  cd\n\nef";
        let edits = vec![e(0..0, ">"), e(2..4, " "), e(6..8, "\n"), e(10..10, "!")];
        let out = apply(text, &edits).unwrap();
        let mut offsets: Vec<usize> = (0..=out.len()).collect();
        let one_by_one: Vec<usize> = offsets.iter().map(|&o| map_backward(&edits, o)).collect();
        map_backward_sorted(&edits, &mut offsets);
        assert_eq!(offsets, one_by_one);
    }

    #[test]
    fn kind_names_match_their_serialized_form() {
        use EditKind::*;
        for kind in [Normalize, Undouble, Move, Join, Break, Space, Punct] {
            assert_eq!(serde_json::to_value(kind).unwrap(), kind.name());
        }
    }
}
