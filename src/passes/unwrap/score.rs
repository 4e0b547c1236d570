//! The score of one line break: a sum of named signals, each a weight in
//! favour of a wrap (positive) or of a boundary (negative). The break is a
//! wrap when the sum is above zero.

use super::layout::{Column, DocStats, FULL_TOLERANCE, INDENT_MAX};
use super::lines::{han_pair, Line, LineKind};
use crate::text::{is_cjk_letter, is_latin_alnum, never_ends_line, never_starts_line};

// Punctuation at the end of the line before the break.
/// `。！？…` (closing quotes allowed), or a sentence and a byline.
pub const END_SENTENCE: f32 = -3.0;
/// `，、；`: the sentence goes on.
pub const END_CLAUSE: f32 = 3.0;
/// `：` goes on too, but short lines ending in it are kickers (`随州高新区：`).
pub const END_COLON: f32 = 0.5;
/// No punctuation at all: the line stops inside a sentence.
pub const END_WORD: f32 = 2.0;
/// An opening bracket or quote never ends a line of running text.
pub const END_OPEN: f32 = 3.0;
/// Closing punctuation never starts a line of running text.
pub const START_CLOSE: f32 = 3.0;

// Widths against the column.
/// The line before reaches the column width: the text was wrapped there.
pub const PREV_FULL: f32 = 2.0;
/// The line before stops well short of the column: its paragraph ended.
pub const PREV_SHORT: f32 = -3.0;
/// The line before is an indented first line that does not end a sentence,
/// and the next line is not short.
pub const PREV_FIRST: f32 = 1.0;
/// The next line is about two characters narrower than the column: the
/// first line of a paragraph. Halved when the next line ends a sentence (it
/// may be the last line of the paragraph).
pub const NEXT_INDENT: f32 = -2.0;
/// The next line is full width: not the first line of a paragraph.
pub const NEXT_FULL: f32 = 1.5;
/// The next line is far wider than the column of the line before: a new
/// block (a caption, a wider column) starts.
pub const NEXT_WIDE: f32 = -2.0;
/// The next line is short in the column of the line before, yet it does not
/// end a sentence: it is no last line of that paragraph but a narrower block
/// or a headline.
pub const NEXT_NARROW: f32 = -2.0;

// Words and numbers across the break.
/// The two Han characters at the break are a pair the document writes
/// elsewhere (`…中` + `心、…`): a word spans the break. Halved for one
/// occurrence.
pub const BIGRAM: f32 = 1.5;
/// A line ending in a digit or Latin letter, the next one going on with
/// letters, digits or Han (`约 60` + `亿元`, `10Gwh` + `的pack`).
pub const ALNUM_WRAP: f32 = 2.5;

/// The paragraph so far has opened a quotation (`“`) that it has not
/// closed: the quoted speech goes on after a sentence end.
pub const OPEN_QUOTE: f32 = 2.0;

// The extractor's own marks.
/// A single newline where the document usually leaves a blank line: the
/// extractor saw a different text object (headline lines, a new block).
pub const ODD_SINGLE: f32 = -2.5;
/// More blank lines than usual.
pub const EXTRA_BLANKS: f32 = -0.5;
/// The next line starts with more spaces than lines usually do.
pub const LEAD_SPACE: f32 = -3.0;
/// The next line opens with a dateline (`本报讯`, `科技日报讯`).
pub const DATELINE: f32 = -3.0;

// Lines that stand alone.
/// A credit or caption line, or a line led by a byline marker.
pub const STANDALONE: f32 = -6.0;
/// No punctuation of running text and a width unlike the column (or short
/// where there is no column): a headline, subheading or name line.
pub const HEADLINE: f32 = -3.0;
/// Two phrases set apart by a space and no punctuation of running text
/// (`精准谋划 精细指导`), narrower than the column: a subheading.
pub const PHRASES: f32 = -4.0;
/// Without a column, a headline is at most this wide (cells).
const HEADLINE_MAX_WIDTH: usize = 64;

/// The decision about one break and why.
#[derive(Debug, Clone, Default)]
pub struct Verdict {
    pub score: f32,
    pub signals: Vec<(&'static str, f32)>,
}

impl Verdict {
    fn add(&mut self, name: &'static str, weight: f32) {
        self.score += weight;
        self.signals.push((name, weight));
    }

    /// A wrap inside a paragraph (else a boundary between units).
    pub fn is_wrap(&self) -> bool {
        self.score > 0.0
    }

    /// `+2.0 prev-full, -3.0 end-sentence, …` for `--explain`.
    pub fn describe(&self) -> String {
        self.signals
            .iter()
            .map(|(name, w)| format!("{w:+.1} {name}"))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// A line with the column width around it.
#[derive(Debug, Clone, Copy)]
pub struct Placed<'l, 'a> {
    pub line: &'l Line<'a>,
    pub column: Option<Column>,
}

/// How a line's width compares with its column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fill {
    Full,
    /// One character short: full for the line before a break, too close to
    /// call for the line after it.
    Nearly,
    /// About two characters short: a first line.
    Indented,
    Short,
    Wide,
    /// No column around this line.
    Unknown,
}

impl Placed<'_, '_> {
    pub fn fill(&self) -> Fill {
        let Some(col) = self.column else {
            return Fill::Unknown;
        };
        // A letter-spaced line was stretched to the full width.
        if self.line.letter_spaced {
            return Fill::Full;
        }
        let (w, col) = (col.measure(self.line), col.width);
        if w > col + INDENT_MAX {
            Fill::Wide
        } else if w + FULL_TOLERANCE > col {
            Fill::Full
        } else if w + FULL_TOLERANCE == col {
            Fill::Nearly
        } else if w + INDENT_MAX >= col {
            Fill::Indented
        } else {
            Fill::Short
        }
    }

    /// Evidence that this line stands alone (never joined to a neighbour).
    fn standalone(&self, v: &mut Verdict, names: &SideNames) {
        let line = self.line;
        match line.kind {
            LineKind::Float => return v.add(names.caption, STANDALONE),
            LineKind::Marker => return v.add(names.marker, STANDALONE),
            LineKind::Text => {}
        }
        if line.bold {
            return v.add(names.headline, HEADLINE);
        }
        if !line.headline_shaped() {
            return;
        }
        // Two phrases set apart are a subheading unless the line is as wide
        // as the column (a slogan quoted in running text: `在路上 发掘七星`).
        if line.phrases && self.fill() != Fill::Full {
            v.add(names.phrases, PHRASES);
        }
        match self.fill() {
            Fill::Short | Fill::Wide => v.add(names.headline, HEADLINE),
            Fill::Unknown if line.width.loose <= HEADLINE_MAX_WIDTH => {
                v.add(names.headline, HEADLINE)
            }
            // As wide as a first line, or as the column: no shape evidence.
            Fill::Indented | Fill::Nearly | Fill::Full | Fill::Unknown => {}
        }
    }
}

/// Signal names for the line before and the line after a break.
struct SideNames {
    caption: &'static str,
    marker: &'static str,
    headline: &'static str,
    phrases: &'static str,
}

const PREV: SideNames = SideNames {
    caption: "prev-caption",
    marker: "prev-marker",
    headline: "prev-headline",
    phrases: "prev-phrases",
};
const NEXT: SideNames = SideNames {
    caption: "next-caption",
    marker: "next-marker",
    headline: "next-headline",
    phrases: "next-phrases",
};

/// Whether `text` opens with a dateline: up to eight characters then `讯`
/// (`本报讯`, `科技日报讯`) followed by a space or an opening mark.
fn is_dateline(text: &str) -> bool {
    let mut chars = text.chars();
    for _ in 0..9 {
        match chars.next() {
            Some('讯') => {
                return matches!(chars.next(), Some(' ' | '（' | '(' | '“' | '\u{3000}'))
                    || chars.as_str().is_empty();
            }
            Some(c) if is_cjk_letter(c) => {}
            _ => return false,
        }
    }
    false
}

/// What is known about a break besides its two lines.
#[derive(Debug, Clone, Copy, Default)]
pub struct Context {
    /// Blank lines between the two lines.
    pub blanks: usize,
    /// Quotations opened and not closed in the paragraph up to the break.
    pub open_quotes: usize,
}

/// Scores the break between `prev` and `next`.
pub fn score(prev: Placed, next: Placed, context: Context, stats: &DocStats) -> Verdict {
    let blanks = context.blanks;
    let mut v = Verdict::default();
    let (p, n) = (prev.line, next.line);

    // How the line before ends.
    if p.ends_sentence {
        v.add("end-sentence", END_SENTENCE);
    } else if matches!(p.last, '，' | '、' | '；' | ',' | ';') {
        v.add("end-clause", END_CLAUSE);
    } else if matches!(p.last, '：' | ':') {
        v.add("end-colon", END_COLON);
    } else if never_ends_line(p.last) {
        v.add("end-open", END_OPEN);
    } else if is_cjk_letter(p.last) || is_latin_alnum(p.last) {
        v.add("end-word", END_WORD);
    }
    if never_starts_line(n.first) {
        v.add("start-close", START_CLOSE);
    }
    if context.open_quotes > 0 {
        v.add("open-quote", OPEN_QUOTE);
    }

    // Widths.
    match prev.fill() {
        Fill::Full | Fill::Nearly => v.add("prev-full", PREV_FULL),
        Fill::Short => v.add("prev-short", PREV_SHORT),
        // A first line goes on into the column.
        Fill::Indented
            if !p.ends_sentence
                && matches!(next.fill(), Fill::Full | Fill::Nearly | Fill::Indented) =>
        {
            v.add("prev-first", PREV_FIRST)
        }
        _ => {}
    }
    match next.fill() {
        Fill::Indented if n.ends_sentence => v.add("next-indent", NEXT_INDENT / 2.0),
        Fill::Indented => v.add("next-indent", NEXT_INDENT),
        Fill::Full => v.add("next-full", NEXT_FULL),
        _ => {}
    }
    let next_in_prev_column = Placed {
        line: n,
        column: prev.column,
    };
    match next_in_prev_column.fill() {
        Fill::Wide => v.add("next-wide", NEXT_WIDE),
        Fill::Short if !n.ends_sentence && !n.letter_spaced => v.add("next-narrow", NEXT_NARROW),
        _ => {}
    }

    // Words and numbers across the break.
    if let Some(pair) = han_pair(p, n) {
        match stats.bigrams.get(&pair).copied().unwrap_or(0) {
            0 => {}
            1 => v.add("bigram", BIGRAM / 2.0),
            _ => v.add("bigram", BIGRAM),
        }
    }
    let alnum_end = p.last.is_ascii_alphanumeric();
    if alnum_end && (n.first.is_ascii_alphanumeric() || is_cjk_letter(n.first)) {
        v.add("alnum-wrap", ALNUM_WRAP);
    }

    // The extractor's marks.
    if stats.blank_dominant && blanks == 0 && !alnum_end {
        v.add("odd-single", ODD_SINGLE);
    }
    if blanks > stats.usual_blanks {
        v.add("extra-blanks", EXTRA_BLANKS);
    }
    if n.lead > stats.usual_lead {
        v.add("lead-space", LEAD_SPACE);
    }
    if is_dateline(n.text) {
        v.add("dateline", DATELINE);
    }

    // Lines that stand alone.
    prev.standalone(&mut v, &PREV);
    next.standalone(&mut v, &NEXT);
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn datelines() {
        for (text, expected) in [
            ("本报讯 近日", true),
            ("科技日报讯 （记者俞慧友）", true),
            ("本报讯“济南", true),
            ("讯息时代", false),
            ("据悉，该计划", false),
            ("新华社讯问题", false),
        ] {
            assert_eq!(is_dateline(text), expected, "{text}");
        }
    }
}
