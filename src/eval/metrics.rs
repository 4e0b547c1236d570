//! The figures measured after every stage, as integer counts that add up
//! over cases (micro-averaging) and the ratios derived from them.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use super::align::{self, Graphemes, Interner, Op};

/// Character error rate: edit distance over the expected length.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CerCounts {
    /// Edit distance in graphemes (see [`align::distance`]).
    pub distance: u64,
    /// Graphemes in the expected text.
    pub expected: u64,
}

impl CerCounts {
    /// `distance / expected`; an empty expected text counts as one grapheme
    /// long, so that any output for it is an error.
    pub fn cer(&self) -> f64 {
        self.distance as f64 / self.expected.max(1) as f64
    }

    pub fn add(&mut self, other: &CerCounts) {
        self.distance += other.distance;
        self.expected += other.expected;
    }
}

/// Line breaks of the output compared with those of the expected text.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BreakCounts {
    /// Output breaks at a place where the expected text breaks.
    pub matched: u64,
    /// Breaks in the output.
    pub output: u64,
    /// Breaks in the expected text.
    pub expected: u64,
}

impl BreakCounts {
    /// Share of output breaks that are right (1 when the output has none).
    pub fn precision(&self) -> f64 {
        ratio(self.matched, self.output)
    }

    /// Share of expected breaks the output has (1 when none are expected).
    pub fn recall(&self) -> f64 {
        ratio(self.matched, self.expected)
    }

    pub fn f1(&self) -> f64 {
        if self.output + self.expected == 0 {
            return 1.0;
        }
        2.0 * self.matched as f64 / (self.output + self.expected) as f64
    }

    pub fn add(&mut self, other: &BreakCounts) {
        self.matched += other.matched;
        self.output += other.output;
        self.expected += other.expected;
    }
}

/// Lines of the expected text found, in order, in the output.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LineCounts {
    pub exact: u64,
    pub expected: u64,
}

impl LineCounts {
    pub fn ratio(&self) -> f64 {
        ratio(self.exact, self.expected)
    }

    pub fn add(&mut self, other: &LineCounts) {
        self.exact += other.exact;
        self.expected += other.expected;
    }
}

/// What one pass changed, judged against the expected text (see
/// [`super::edits`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EditCounts {
    /// Grapheme edits the pass made.
    pub changed: u64,
    /// Of those, edits that moved the text toward the expected text ...
    pub toward: u64,
    /// ... and away from it; the rest were neutral.
    pub away: u64,
    /// Distance to expected before the pass minus after it (positive:
    /// closer), over the whole text.
    pub net: i64,
}

impl EditCounts {
    /// Edits that neither helped nor harmed.
    pub fn neutral(&self) -> u64 {
        self.changed.saturating_sub(self.toward + self.away)
    }

    /// `toward / (toward + away)`; `None` when no edit made a difference.
    pub fn precision(&self) -> Option<f64> {
        let judged = self.toward + self.away;
        (judged > 0).then(|| self.toward as f64 / judged as f64)
    }

    pub fn add(&mut self, other: &EditCounts) {
        self.changed += other.changed;
        self.toward += other.toward;
        self.away += other.away;
        self.net += other.net;
    }
}

fn ratio(part: u64, whole: u64) -> f64 {
    if whole == 0 {
        1.0
    } else {
        part as f64 / whole as f64
    }
}

/// Every figure of one stage (`raw` or the output of one pass).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct StageMetrics {
    /// `raw` or the pass name.
    pub stage: String,
    pub cer: CerCounts,
    pub breaks: BreakCounts,
    pub lines: LineCounts,
    /// What the pass changed; `None` for `raw`.
    pub edits: Option<EditCounts>,
}

impl StageMetrics {
    /// Adds the counts of `other` (same stage of another case).
    pub fn add(&mut self, other: &StageMetrics) {
        self.cer.add(&other.cer);
        self.breaks.add(&other.breaks);
        self.lines.add(&other.lines);
        if let Some(theirs) = &other.edits {
            self.edits
                .get_or_insert_with(EditCounts::default)
                .add(theirs);
        }
    }
}

/// A text prepared for measuring: its graphemes, its non-whitespace
/// graphemes with the line breaks between them, and its lines.
#[derive(Debug, Clone)]
pub struct Prepared {
    pub graphemes: Graphemes,
    /// Ids of the non-whitespace graphemes.
    solid: Vec<u32>,
    /// Boundaries `b` (between solid grapheme `b-1` and `b`, `0 < b < n`)
    /// with a line break somewhere in the whitespace there; ascending.
    breaks: Vec<u32>,
}

impl Prepared {
    pub fn new(text: &str, interner: &mut Interner) -> Self {
        let graphemes = Graphemes::new(text, interner);
        let mut solid = Vec::with_capacity(graphemes.len());
        let mut breaks = Vec::new();
        let mut pending_break = false;
        for (i, &id) in graphemes.ids().iter().enumerate() {
            let g = graphemes.get(i);
            if g.chars().all(char::is_whitespace) {
                pending_break |= g.contains(['\n', '\r', '\u{2028}', '\u{2029}']);
                continue;
            }
            if pending_break && !solid.is_empty() {
                breaks.push(solid.len() as u32);
            }
            pending_break = false;
            solid.push(id);
        }
        Prepared {
            graphemes,
            solid,
            breaks,
        }
    }

    /// The lines of the NFC text (a final line break ends the last line, it
    /// does not start an empty one).
    pub fn lines(&self) -> Vec<&str> {
        let text = self.graphemes.text();
        let text = text.strip_suffix('\n').unwrap_or(text);
        if text.is_empty() && self.graphemes.text().is_empty() {
            return Vec::new();
        }
        text.split('\n').collect()
    }
}

/// Measures `output` against `expected`; also returns the alignment of
/// their graphemes.
pub fn measure(stage: &str, output: &Prepared, expected: &Prepared) -> (StageMetrics, Vec<Op>) {
    let (out, exp) = (output.graphemes.ids(), expected.graphemes.ids());
    let ops = align::align(out, exp);
    let cer = CerCounts {
        distance: align::distance(&ops, out, exp),
        expected: exp.len() as u64,
    };
    let expected_lines = expected.lines();
    let output_lines = output.lines();
    let exact = common_lines(&output_lines, &expected_lines);
    let metrics = StageMetrics {
        stage: stage.to_string(),
        cer,
        breaks: compare_breaks(output, expected),
        lines: LineCounts {
            exact,
            expected: expected_lines.len() as u64,
        },
        edits: None,
    };
    (metrics, ops)
}

/// Length of the longest common subsequence of two lists of lines. Lines
/// that do not occur in the other list cannot be part of it and are dropped
/// first: a raw page has thousands of wrapped lines and few whole ones, and
/// Myers' time grows with the square of the differences.
fn common_lines(output: &[&str], expected: &[&str]) -> u64 {
    let in_output: HashSet<&str> = output.iter().copied().collect();
    let in_expected: HashSet<&str> = expected.iter().copied().collect();
    let output: Vec<&str> = output
        .iter()
        .copied()
        .filter(|l| in_expected.contains(l))
        .collect();
    let expected: Vec<&str> = expected
        .iter()
        .copied()
        .filter(|l| in_output.contains(l))
        .collect();
    align::align(&output, &expected)
        .iter()
        .map(|op| match op {
            Op::Equal { len, .. } => *len as u64,
            Op::Change { .. } => 0,
        })
        .sum()
}

/// Aligns the non-whitespace graphemes of both texts and counts the output
/// breaks that fall where the expected text breaks.
///
/// Every output boundary is mapped to a range of expected boundaries: inside
/// an equal run one-to-one; at a place where the expected text has graphemes
/// the output lacks, to the whole inserted span (a break before or after it
/// are both right); strictly inside a changed hunk, proportionally. Output
/// breaks are then matched in order, each expected break at most once.
fn compare_breaks(output: &Prepared, expected: &Prepared) -> BreakCounts {
    let ops = align::align(&output.solid, &expected.solid);
    let mut expected_breaks = expected.breaks.iter().copied().peekable();
    let mut matched = 0u64;
    let mut first = 0usize;
    for &b in &output.breaks {
        let b = b as usize;
        while first < ops.len() && ops[first].sides().0.end < b {
            first += 1;
        }
        let (mut lo, mut hi) = (usize::MAX, 0);
        for op in ops[first..].iter().take_while(|op| op.sides().0.start <= b) {
            let (l, h) = map_boundary(op, b);
            lo = lo.min(l);
            hi = hi.max(h);
        }
        while expected_breaks.next_if(|&e| (e as usize) < lo).is_some() {}
        if expected_breaks.next_if(|&e| (e as usize) <= hi).is_some() {
            matched += 1;
        }
    }
    BreakCounts {
        matched,
        output: output.breaks.len() as u64,
        expected: expected.breaks.len() as u64,
    }
}

/// The expected boundaries that output boundary `b` corresponds to within
/// `op`, whose old side contains `b` (ends included).
fn map_boundary(op: &Op, b: usize) -> (usize, usize) {
    let (old, new) = op.sides();
    match op {
        Op::Equal { .. } => (new.start + (b - old.start), new.start + (b - old.start)),
        Op::Change { .. } if old.is_empty() => (new.start, new.end),
        Op::Change { .. } => {
            let num = (b - old.start) * new.len();
            let den = old.len();
            (new.start + num / den, new.start + num.div_ceil(den))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(output: &str, expected: &str) -> StageMetrics {
        let mut interner = Interner::default();
        let out = Prepared::new(output, &mut interner);
        let exp = Prepared::new(expected, &mut interner);
        measure("t", &out, &exp).0
    }

    #[test]
    fn cer_on_hand_computed_examples() {
        // (output, expected, distance, expected graphemes)
        let cases: &[(&str, &str, u64, u64)] = &[
            ("abc\n", "abc\n", 0, 4),
            // A wrong line break is one substitution-free insertion.
            ("ab\nc\n", "abc\n", 1, 4),
            // Doubled headline: four extra graphemes.
            ("布局布局“六大”\n", "布局“六大”\n", 2, 7),
            // Full-width digit vs ASCII: one substitution.
            ("约６０亿元\n", "约60亿元\n", 2, 6),
            // CRLF is one grapheme: substituted for LF.
            ("甲\r\n乙\r\n", "甲\n乙\n", 2, 4),
            // NFD vs NFC is no difference.
            ("cafe\u{301}\n", "caf\u{e9}\n", 0, 5),
            ("", "", 0, 0),
            ("x", "", 1, 0),
        ];
        for &(out, exp, distance, expected) in cases {
            let got = m(out, exp).cer;
            assert_eq!(
                (got.distance, got.expected),
                (distance, expected),
                "{out:?} vs {exp:?}"
            );
        }
        assert!((m("ab\nc\n", "abc\n").cer.cer() - 0.25).abs() < 1e-12);
        assert_eq!(m("x", "").cer.cer(), 1.0);
    }

    #[test]
    fn breaks_on_hand_computed_examples() {
        // (output, expected, matched, output breaks, expected breaks)
        let cases: &[(&str, &str, u64, u64, u64)] = &[
            ("ab\ncd\nef\n", "abc\nd\nef\n", 1, 2, 2),
            // Blank lines and spaces around a break are one break.
            ("甲乙。\n\n 丙丁。\n", "甲乙。\n丙丁。\n", 1, 1, 1),
            // A missing break: recall drops, precision stays.
            ("甲。乙。丙。\n", "甲。\n乙。\n丙。\n", 0, 0, 2),
            // Breaks are found across character fixes (doubling).
            ("标题标题\n正文正文。\n", "标题\n正文。\n", 1, 1, 1),
            // Leading and trailing breaks are not paragraph decisions.
            ("\n\nab\n\n", "ab", 0, 0, 0),
            // A break before an inserted stretch or after it both count.
            ("甲乙\n丁", "甲乙丙\n丁", 1, 1, 1),
            ("甲乙\n丁", "甲乙\n丙丁", 1, 1, 1),
        ];
        for &(out, exp, matched, output, expected) in cases {
            assert_eq!(
                m(out, exp).breaks,
                BreakCounts {
                    matched,
                    output,
                    expected
                },
                "{out:?} vs {exp:?}"
            );
        }
        let b = m("ab\ncd\nef\n", "abc\nd\nef\n").breaks;
        assert_eq!((b.precision(), b.recall(), b.f1()), (0.5, 0.5, 0.5));
        let b = m("甲。乙。丙。\n", "甲。\n乙。\n丙。\n").breaks;
        assert_eq!((b.precision(), b.recall(), b.f1()), (1.0, 0.0, 0.0));
    }

    #[test]
    fn exact_lines() {
        let got = m("标题\n第一段\n第二段错\n", "标题\n第一段\n第二段\n").lines;
        assert_eq!((got.exact, got.expected), (2, 3));
        // Order matters: a swapped pair keeps only one.
        let got = m("乙\n甲\n", "甲\n乙\n").lines;
        assert_eq!((got.exact, got.expected), (1, 2));
        assert_eq!(m("", "").lines.expected, 0);
    }

    #[test]
    fn edit_precision_leaves_out_neutral_edits() {
        let e = EditCounts {
            changed: 14,
            toward: 10,
            away: 2,
            net: 8,
        };
        assert_eq!((e.neutral(), e.precision()), (2, Some(10.0 / 12.0)));
        assert_eq!(EditCounts::default().precision(), None);
    }
}
