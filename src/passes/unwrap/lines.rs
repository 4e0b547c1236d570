//! The lines of a page and what each one looks like on its own.

use std::ops::Range;

use crate::passes::bylines::trailing_byline;
use crate::text::{
    ends_sentence, is_cjk, is_cjk_letter, is_cjk_punct, is_han, is_hspace, typeset_width,
    TypesetWidth,
};

/// What a line is, judged from its own text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKind {
    /// Running text (or a headline: that is decided with the layout).
    Text,
    /// A photo credit or the start of a caption (`图片来源：…`, `…/摄`,
    /// `图为…`, `左图：…`): its own unit, moved when it lands in a paragraph.
    Float,
    /// A line led by a byline marker (`▶ 杨 坤`, `◎本报记者 符晓波`).
    Marker,
}

/// One non-blank line of the input.
#[derive(Debug, Clone)]
pub struct Line<'a> {
    /// Byte range of the text without leading and trailing spaces.
    pub content: Range<usize>,
    pub text: &'a str,
    /// Leading spaces (tabs, U+3000 …) before the text.
    pub lead: usize,
    /// Typeset width in half-em cells ([`typeset_width`]).
    pub width: TypesetWidth,
    pub first: char,
    pub last: char,
    /// Ends with terminal punctuation, or with a sentence and a byline.
    pub ends_sentence: bool,
    /// Has punctuation that running text has and headlines rarely do
    /// (`，。、；！？`).
    pub clause_punct: bool,
    /// Every CJK character set apart by a space (a justified short line).
    pub letter_spaced: bool,
    /// Two phrases separated by a space (`精准谋划 精细指导`).
    pub phrases: bool,
    pub kind: LineKind,
}

/// Splits `input` into its non-blank lines.
pub fn split(input: &str) -> Vec<Line<'_>> {
    let mut lines = Vec::new();
    let mut pos = 0;
    for raw in input.split_inclusive('\n') {
        let body = raw.strip_suffix('\n').unwrap_or(raw);
        let trimmed_start = body.trim_start_matches(is_hspace);
        let text = trimmed_start.trim_end_matches(is_hspace);
        if !text.is_empty() {
            let start = pos + (body.len() - trimmed_start.len());
            lines.push(Line::new(
                text,
                start..start + text.len(),
                body[..body.len() - trimmed_start.len()].chars().count(),
            ));
        }
        pos += raw.len();
    }
    lines
}

impl<'a> Line<'a> {
    fn new(text: &'a str, content: Range<usize>, lead: usize) -> Self {
        let first = text.chars().next().unwrap_or(' ');
        let last = text.chars().next_back().unwrap_or(' ');
        let letter_spaced = is_letter_spaced(text);
        Line {
            content,
            text,
            lead,
            width: typeset_width(text),
            first,
            last,
            ends_sentence: ends_sentence(text) || trailing_byline(text).is_some(),
            clause_punct: text.chars().any(|c| {
                matches!(
                    c,
                    '，' | '。' | '、' | '；' | '！' | '？' | ',' | ';' | '!' | '?'
                )
            }),
            letter_spaced,
            phrases: !letter_spaced && has_phrases(text),
            kind: kind_of(text),
        }
    }

    /// Looks like a headline, subheading or name line by its text alone: no
    /// punctuation of running text, no sentence end.
    pub fn headline_shaped(&self) -> bool {
        self.kind == LineKind::Text
            && !self.clause_punct
            && !self.ends_sentence
            && !self.letter_spaced
    }
}

/// A CJK character, a space, a CJK character, again and again: the
/// extractor's rendering of a justified line with few characters.
fn is_letter_spaced(text: &str) -> bool {
    let chars: Vec<char> = text.chars().collect();
    let (mut spaced, mut tight) = (0, 0);
    let mut i = 0;
    while i + 1 < chars.len() {
        let c = chars[i];
        if is_cjk(c) {
            if is_hspace(chars[i + 1]) && chars.get(i + 2).is_some_and(|&d| is_cjk(d)) {
                spaced += 1;
                i += 2;
                continue;
            }
            if is_cjk(chars[i + 1]) {
                tight += 1;
            }
        }
        i += 1;
    }
    spaced >= 4 && spaced >= 3 * tight
}

/// Han, one space, Han: two phrases set apart, as subheadings are.
fn has_phrases(text: &str) -> bool {
    let chars: Vec<char> = text.chars().collect();
    chars
        .windows(3)
        .any(|w| (is_cjk_letter(w[0]) || is_cjk_punct(w[0])) && w[1] == ' ' && is_cjk_letter(w[2]))
}

/// Prefixes of photo credits and captions.
const FLOAT_PREFIXES: &[&str] = &[
    "图片来源",
    "图片提供",
    "图片由",
    "本版图片",
    "图为",
    "左图",
    "右图",
    "上图",
    "下图",
    "资料图",
    "供图",
    "摄影",
];
/// Characters that lead a byline line.
const MARKERS: &[char] = &['▶', '►', '◎', '■', '●', '◆', '★', '□', '▲'];

fn kind_of(text: &str) -> LineKind {
    let first = text.chars().next().unwrap_or(' ');
    if MARKERS.contains(&first) {
        return LineKind::Marker;
    }
    let compact: String = text.chars().filter(|&c| !is_hspace(c)).collect();
    let credit_end = compact.ends_with("/摄")
        || compact.ends_with("／摄")
        || compact.ends_with("摄）")
        || compact.ends_with("摄)");
    let short = compact.chars().count() <= 40;
    if FLOAT_PREFIXES.iter().any(|p| compact.starts_with(p)) || (credit_end && short) {
        LineKind::Float
    } else {
        LineKind::Text
    }
}

/// The last Han character of a line (ignoring nothing: it must be the last
/// character) paired with the first of the next, for the bigram signal.
pub fn han_pair(prev: &Line, next: &Line) -> Option<(char, char)> {
    (is_han(prev.last) && is_han(next.first)).then_some((prev.last, next.first))
}
