//! Character classes and measures shared by all passes.
//!
//! Every pass asks the same questions ("is this Han?", "is this CJK
//! punctuation?", "how wide is this line on the page?"); they are answered
//! here once so that the passes agree with each other and with GOLDEN.md.

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// A Han ideograph (CJK Unified Ideographs, extensions, compatibility ideographs).
pub fn is_han(c: char) -> bool {
    matches!(c,
        '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{2FFFF}'
        | '\u{30000}'..='\u{3134F}'
        | '\u{3007}' // 〇
    )
}

/// The Han of the Basic Multilingual Plane's unified ideograph blocks: the
/// bulk of the text, two cells wide (widths count them without the width
/// table; the other planes hold noncharacters of other widths).
pub fn is_common_han(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}')
}

/// Whether the UTF-8 sequence that starts with the bytes `b0 b1` (of a
/// `str`) is a common Han character ([`is_common_han`]). Every one is three
/// bytes long with a first byte E3 to E9: loops over runs of Han (the bulk
/// of a page) tell them by their bytes instead of decoding every character.
/// One comparison of both bytes, with no branch on the lead byte (whether
/// a Han is led by E4 or by E5 to E9 follows no pattern a branch predictor
/// learns): E3 90 (U+3400) to E9 BF, but not E4 B7 (U+4DC0 to U+4DFF,
/// hexagram symbols). In a `str`, a lead byte E3 to E9 is followed by a
/// continuation byte 80 to BF, so nothing else falls in that range.
#[inline(always)]
pub fn starts_common_han(b0: u8, b1: u8) -> bool {
    let lead = u32::from(b0) << 8 | u32::from(b1);
    (lead.wrapping_sub(0xe390) <= 0xe9bf - 0xe390) & (lead != 0xe4b7)
}

/// The code point of the three-byte UTF-8 sequence `b0 b1 b2` (the lead
/// byte's four bits and the continuation bytes' six each), for loops that
/// tell Han by their bytes ([`starts_common_han`]).
#[inline(always)]
pub fn three_byte_code_point(b0: u8, b1: u8, b2: u8) -> u32 {
    (u32::from(b0 & 0x0f) << 12) | (u32::from(b1 & 0x3f) << 6) | u32::from(b2 & 0x3f)
}

/// Hiragana or Katakana (Japanese text behaves like Han for spacing and wrapping).
pub fn is_kana(c: char) -> bool {
    matches!(c, '\u{3040}'..='\u{30FF}' | '\u{31F0}'..='\u{31FF}' | '\u{FF66}'..='\u{FF9F}')
}

/// A CJK letter: Han or Kana. Hangul is not included: Korean separates words
/// with spaces.
pub fn is_cjk_letter(c: char) -> bool {
    is_han(c) || is_kana(c)
}

/// CJK or full-width punctuation, as GOLDEN.md rule 6 counts it: the CJK
/// Symbols and Punctuation block, full-width forms other than letters and
/// digits, curly quotes, the em dash, the ellipsis and the middle dot.
pub fn is_cjk_punct(c: char) -> bool {
    match c {
        '\u{3001}'..='\u{3006}' | '\u{3008}'..='\u{303F}' => true,
        '\u{3000}' => false, // ideographic space is whitespace
        '\u{FF01}'..='\u{FF0F}'
        | '\u{FF1A}'..='\u{FF20}'
        | '\u{FF3B}'..='\u{FF40}'
        | '\u{FF5B}'..='\u{FF65}'
        | '\u{FFE0}'..='\u{FFEE}' => true,
        '\u{FE10}'..='\u{FE1F}' | '\u{FE30}'..='\u{FE4F}' => true,
        '“' | '”' | '‘' | '’' | '—' | '…' | '·' | '\u{2015}' | '\u{2027}' => true,
        _ => false,
    }
}

/// A character that belongs to CJK text: a CJK letter or CJK punctuation.
pub fn is_cjk(c: char) -> bool {
    is_cjk_letter(c) || is_cjk_punct(c)
}

/// An ASCII letter or digit, or a letter of another alphabetic script that is
/// written with spaces between words (Latin with diacritics, Greek, Cyrillic).
pub fn is_latin_alnum(c: char) -> bool {
    // The range first: the Unicode table look-up is slow for CJK marks.
    c.is_ascii_alphanumeric()
        || ((c as u32) < 0x2000 && c.is_alphabetic() && !is_cjk_letter(c) && !is_hangul(c))
}

/// Hangul syllables and jamo.
pub fn is_hangul(c: char) -> bool {
    matches!(c, '\u{1100}'..='\u{11FF}' | '\u{3130}'..='\u{318F}' | '\u{AC00}'..='\u{D7AF}')
}

/// Horizontal whitespace as GOLDEN.md counts it: space, tab, U+3000, NBSP
/// (and the other Unicode space separators).
pub fn is_hspace(c: char) -> bool {
    // (None lies above U+3000: Han and CJK punctuation are told by one
    // comparison, without the Unicode table of `is_whitespace`.)
    c <= '\u{3000}'
        && (c == ' '
            || c == '\t'
            || c == '\u{3000}'
            || c == '\u{00A0}'
            || (c != '\n' && c != '\r' && c.is_whitespace()))
}

/// Fewest [`numeric_gaps`] that make a line a table row (three fields).
const TABLE_ROW_GAPS: usize = 2;

/// Whether `line` reads as a row of a table: at least [`TABLE_ROW_GAPS`]
/// [`numeric_gaps`] and no punctuation of running text (`，。、；！？`, and
/// the ASCII forms `punct` widens: see [`has_running_text_punct`]). Only a
/// row next to another row is one ([`crate::passes::unwrap`], `numbers`).
pub fn looks_like_table_row(line: &str) -> bool {
    numeric_gap_flags(line)
        .filter(|&numeric| numeric)
        .nth(TABLE_ROW_GAPS - 1)
        .is_some()
        && !has_running_text_punct(line)
}

/// Whether `line` (without spaces at its ends) reads as fields set apart
/// by spaces: at least [`TABLE_ROW_GAPS`] runs of whitespace and no
/// punctuation of running text, as a table's header (`名次  球队  场次`).
pub fn looks_like_fields(line: &str) -> bool {
    !has_running_text_punct(line) && hspace_runs(line).nth(TABLE_ROW_GAPS - 1).is_some()
}

/// Punctuation of running text that table rows and headers do not have.
const RUNNING_TEXT_PUNCT: [char; 6] = ['，', '。', '、', '；', '！', '？'];

/// Whether `line` holds one of [`RUNNING_TEXT_PUNCT`], or an ASCII form
/// that `punct` may widen to one: `!`, `?` and `;` anywhere, `,` next to a
/// character other than ASCII (spaces aside; a thousands separator stands
/// between digits). The answer must not change when `punct` has run: a
/// row must stay a row on the next run. By a search for the lead bytes of
/// the full-width forms (E3 80 81/82 and EF BC 8C/9B/81/9F) and for the
/// ASCII marks, instead of decoding every character of a row.
fn has_running_text_punct(line: &str) -> bool {
    let bytes = line.as_bytes();
    let wide = || {
        memchr::memchr2_iter(0xe3, 0xef, bytes).any(|i| {
            matches!(
                bytes.get(i..i + 3),
                Some([0xe3, 0x80, 0x81 | 0x82] | [0xef, 0xbc, 0x8c | 0x9b | 0x81 | 0x9f])
            )
        })
    };
    let ascii = || memchr::memchr3(b'!', b'?', b';', bytes).is_some();
    let comma = || memchr::memchr_iter(b',', bytes).any(|i| comma_by_non_ascii(bytes, i));
    let found = wide() || ascii() || comma();
    debug_assert_eq!(found, plain_running_text_punct(line), "{line}");
    found
}

/// Whether the `,` at `i` has a character other than ASCII next to it on
/// either side, spaces and tabs aside.
fn comma_by_non_ascii(bytes: &[u8], i: usize) -> bool {
    let is_gap = |b: &&u8| **b == b' ' || **b == b'\t';
    let before = bytes[..i].iter().rev().find(|b| !is_gap(b));
    let after = bytes[i + 1..].iter().find(|b| !is_gap(b));
    before.is_some_and(|&b| b >= 0x80) || after.is_some_and(|&b| b >= 0x80)
}

/// [`has_running_text_punct`] by characters.
fn plain_running_text_punct(line: &str) -> bool {
    let chars: Vec<char> = line.chars().collect();
    let beside = |i: usize, step: isize| {
        let mut j = i as isize + step;
        while j >= 0 && (j as usize) < chars.len() && matches!(chars[j as usize], ' ' | '\t') {
            j += step;
        }
        j >= 0 && (j as usize) < chars.len() && !chars[j as usize].is_ascii()
    };
    chars.iter().enumerate().any(|(i, &c)| {
        RUNNING_TEXT_PUNCT.contains(&c)
            || matches!(c, '!' | '?' | ';')
            || (c == ',' && (beside(i, -1) || beside(i, 1)))
    })
}

/// The runs of spaces and tabs inside `line` with a number on both sides:
/// the field separators of a table row (`北京国安  10  6  3`, `47.93  +0.81
/// 2.11%  953965`). Before the gap a digit or a percent sign, after it a
/// digit or a sign and a digit. Spacing leaves one space in each of them,
/// so a row of a cleaned text has as many as the raw one; a line of running
/// text seldom has two (`5 000 000`), words stand between its numbers. Other
/// horizontal spaces are not looked for: `normalize` has made them spaces
/// by the time a pass asks. A byte walk from space to space: most lines of
/// running text have few.
pub fn numeric_gaps(line: &str) -> usize {
    numeric_gap_flags(line).filter(|&numeric| numeric).count()
}

/// For each run of spaces and tabs of `line`, in order, whether it is one of
/// its [`numeric_gaps`] (so a caller can stop at the gaps it needs).
fn numeric_gap_flags(line: &str) -> impl Iterator<Item = bool> + '_ {
    let bytes = line.as_bytes();
    let is_gap_byte = |b: u8| b == b' ' || b == b'\t';
    let mut at = 0;
    std::iter::from_fn(move || {
        let start = at + memchr::memchr2(b' ', b'\t', &bytes[at..])?;
        let end = start
            + bytes[start..]
                .iter()
                .take_while(|&&b| is_gap_byte(b))
                .count();
        at = end;
        let before = &bytes[..start];
        let number_before = before
            .last()
            .is_some_and(|b| b.is_ascii_digit() || *b == b'%')
            || before.ends_with("％".as_bytes());
        let number_after = match bytes[end..] {
            [b'+' | b'-', d, ..] | [d, ..] => d.is_ascii_digit(),
            [] => false,
        };
        Some(number_before && number_after)
    })
}

/// The maximal runs of [`is_hspace`] characters of `text`, as byte ranges,
/// in order. Found by a byte scan that decodes only the few characters
/// that may be spaces (every horizontal space above ASCII starts with one of
/// the bytes C2, E1, E2, E3), so a line of Han costs little more than a
/// search for a byte.
pub fn hspace_runs(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let bytes = text.as_bytes();
    let spaces = SpaceKinds::of(text);
    let mut pos = 0;
    let space_at = move |i: usize| hspace_len_at(bytes, i);
    std::iter::from_fn(move || {
        let start = loop {
            let i = match spaces {
                SpaceKinds::Ascii => pos + memchr::memchr(b' ', &bytes[pos..])?,
                SpaceKinds::Wide => pos + memchr::memchr3(b' ', 0xe2, 0xe3, &bytes[pos..])?,
                SpaceKinds::Rare => {
                    (pos..bytes.len()).find(|&i| MAY_START_HSPACE[bytes[i] as usize])?
                }
            };
            if space_at(i).is_some() {
                break i;
            }
            pos = i + 1;
        };
        let mut end = start;
        while end < bytes.len() {
            match space_at(end) {
                Some(len) => end += len,
                None => break,
            }
        }
        pos = end;
        Some(start..end)
    })
}

/// The length of the [`is_hspace`] character starting at byte `i` of the
/// UTF-8 `bytes`, if one does, told from its bytes without decoding: the
/// lead bytes of the spaces (C2, E1, E2, E3) start frequent CJK
/// punctuation and symbols too.
#[inline]
fn hspace_len_at(bytes: &[u8], i: usize) -> Option<usize> {
    let tail = |n: usize| bytes.get(i + 1..i + n).unwrap_or(&[]);
    match bytes[i] {
        b' ' | b'\t' | b'\x0b' | b'\x0c' => Some(1),
        // U+0085, U+00A0.
        0xc2 => matches!(tail(2), [0x85 | 0xa0]).then_some(2),
        // U+1680.
        0xe1 => (tail(3) == [0x9a, 0x80]).then_some(3),
        // U+2000..=U+200A, U+2028, U+2029, U+202F, U+205F.
        0xe2 => matches!(
            tail(3),
            [0x80, 0x80..=0x8a | 0xa8 | 0xa9 | 0xaf] | [0x81, 0x9f]
        )
        .then_some(3),
        // U+3000.
        0xe3 => (tail(3) == [0x80, 0x80]).then_some(3),
        _ => None,
    }
}

/// Which horizontal spaces a text may hold, told by a few fast searches of
/// the whole text, so that [`hspace_runs`] looks for as few bytes as it
/// can: E2 and E3 start frequent CJK punctuation, and cleaned text holds
/// no space but ` `.
#[derive(Debug, Clone, Copy)]
enum SpaceKinds {
    /// ` ` only.
    Ascii,
    /// Also U+3000 and the spaces starting with E2 (U+2000…, U+205F).
    Wide,
    /// Also the rare ones: tab, vertical tab, form feed, U+0085, NBSP,
    /// U+1680.
    Rare,
}

impl SpaceKinds {
    fn of(text: &str) -> SpaceKinds {
        let bytes = text.as_bytes();
        // (C2 also starts `·` and `°`, E2 the curly quotes, dashes and
        // ellipses, all frequent in CJK text.)
        let may_start = |i: usize| hspace_len_at(bytes, i).is_some();
        if memchr::memchr3(b'\t', 0x0b, 0x0c, bytes).is_some()
            || memchr::memchr2_iter(0xc2, 0xe1, bytes).any(may_start)
        {
            SpaceKinds::Rare
        } else if memchr::memmem::find(bytes, "\u{3000}".as_bytes()).is_some()
            || memchr::memchr_iter(0xe2, bytes).any(may_start)
        {
            SpaceKinds::Wide
        } else {
            SpaceKinds::Ascii
        }
    }
}

/// `text` without the [`is_hspace`] characters at its start. (Most texts
/// start with no space, which their first byte tells.)
pub fn trim_hspace_start(text: &str) -> &str {
    match text.as_bytes().first() {
        Some(&b) if !MAY_START_HSPACE[usize::from(b)] => text,
        _ => text.trim_start_matches(is_hspace),
    }
}

/// `text` without the [`is_hspace`] characters at its end. (Most texts end
/// in no space, which the first byte of their last character tells.)
pub fn trim_hspace_end(text: &str) -> &str {
    let bytes = text.as_bytes();
    // The last byte that is not a continuation byte (`10xxxxxx`).
    match bytes.iter().rposition(|&b| b & 0xc0 != 0x80) {
        Some(last) if !MAY_START_HSPACE[usize::from(bytes[last])] => text,
        _ => text.trim_end_matches(is_hspace),
    }
}

/// `text` without the [`is_hspace`] characters at either end.
pub fn trim_hspace(text: &str) -> &str {
    trim_hspace_end(trim_hspace_start(text))
}

/// The bytes that may start an [`is_hspace`] character in UTF-8.
static MAY_START_HSPACE: [bool; 256] = {
    let mut table = [false; 256];
    let mut k = 0;
    let leads = [b' ', b'\t', 0x0b, 0x0c, 0xc2, 0xe1, 0xe2, 0xe3];
    while k < leads.len() {
        table[leads[k] as usize] = true;
        k += 1;
    }
    table
};

/// Punctuation that ends a sentence in Chinese text.
pub fn is_terminal_punct(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '…' | '!' | '?' | '；' | '.')
}

/// Closing quotes and brackets that may follow terminal punctuation
/// (`……。”`, `。）`).
pub fn is_closing_mark(c: char) -> bool {
    matches!(
        c,
        '”' | '’' | '」' | '』' | '）' | ')' | '》' | '〉' | '】' | '"' | '\''
    )
}

/// True when `line` ends a sentence: its last non-space character is terminal
/// punctuation, possibly followed by closing quotes or brackets. After a Han
/// character, `°` and `｡` count too: OCR engines (RapidOCR, PaddleOCR) read
/// a small `。` so now and then; so does a run of three `·` or more, their
/// `……`; and a `;` after a character that is not ASCII, their `；` (the
/// form `punct` widens; in Latin text a `;` goes on). They read `。` as `·`
/// as often, but a `·` ending a line is as often a foreign name split after
/// its dot: only `columns` reads it so, on such an OCR's columns.
pub fn ends_sentence(line: &str) -> bool {
    let mut chars = trim_hspace_end(line).chars().rev();
    while let Some(c) = chars.next() {
        if is_closing_mark(c) {
            continue;
        }
        return is_terminal_punct(c)
            || (matches!(c, '°' | '｡') && chars.next().is_some_and(is_han))
            || (c == ';' && chars.next().is_some_and(|p| !p.is_ascii()))
            || (c == '·' && chars.take(2).filter(|&d| d == '·').count() == 2);
    }
    false
}

/// Display width of `s` on a CJK page: Han and full-width forms take two
/// cells, ASCII one; ambiguous-width characters (curly quotes, `…`, `·`) are
/// full-width in Chinese typesetting, so they take two as well.
pub fn display_width(s: &str) -> usize {
    s.width_cjk()
}

/// Display width of one character, counted as [`display_width`] does
/// (control characters take no cell).
pub fn char_display_width(c: char) -> usize {
    if is_common_han(c) {
        return 2;
    }
    c.width_cjk().unwrap_or(0)
}

/// Width of a line as it was set on a page, in half-em cells, under the two
/// conventions newspapers use: `loose` counts CJK punctuation as two cells
/// (every character takes one em), `tight` counts the compressible marks
/// (`，。、；：！？` quotes and brackets) as one, as justified columns that
/// squeeze punctuation do. Dashes and ellipses are two cells either way.
/// A space between two CJK letters (`本报讯 近日`) is an em space, two
/// cells; other spaces are glyph gaps (around digits, Latin, punctuation),
/// none. ASCII `,:;?!()` count as their full-width forms.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct TypesetWidth {
    pub tight: usize,
    pub loose: usize,
}

pub fn typeset_width(s: &str) -> TypesetWidth {
    let mut width = TypesetWidth::default();
    let mut prev = ' ';
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        width.add(typeset_cells(prev, c, chars.peek().copied()));
        prev = c;
    }
    width
}

impl TypesetWidth {
    /// Adds the cells of one character.
    pub fn add(&mut self, cells: TypesetWidth) {
        self.tight += cells.tight;
        self.loose += cells.loose;
    }
}

/// The cells of `c` in [`typeset_width`], between `prev` (a space at the
/// start of the text) and `next`: for measuring a line in one pass together
/// with other things.
#[inline]
pub fn typeset_cells(prev: char, c: char, next: Option<char>) -> TypesetWidth {
    let (tight, loose) = if is_common_han(c) {
        // The bulk of the text: two cells, without the width table.
        (2, 2)
    } else if is_hspace(c) || c == '\n' {
        let between_letters = is_cjk_letter(prev) && next.is_some_and(is_cjk_letter);
        if between_letters {
            (2, 2)
        } else {
            (0, 0)
        }
    } else {
        return solid_cells(c);
    };
    TypesetWidth { tight, loose }
}

/// The cells of `c` in [`typeset_width`] where it is neither common Han nor
/// a space (then its neighbours do not matter).
#[inline]
pub fn solid_cells(c: char) -> TypesetWidth {
    let (tight, loose) = if (is_cjk_punct(c) && !matches!(c, '—' | '…' | '\u{2015}'))
        || matches!(c, ',' | ':' | ';' | '?' | '!' | '(' | ')')
    {
        // ASCII punctuation that `punct` widens counts as its wide form,
        // so that widths do not change when it does.
        (1, 2)
    } else {
        let w = c.width_cjk().unwrap_or(0);
        (w, w)
    };
    TypesetWidth { tight, loose }
}

/// Characters that typesetting never puts at the start of a line (closing
/// punctuation, a range's `～`): a line starting with one continues the
/// line before it.
pub fn never_starts_line(c: char) -> bool {
    matches!(
        c,
        '，' | '。'
            | '、'
            | '；'
            | '：'
            | '！'
            | '？'
            | '）'
            | '》'
            | '」'
            | '』'
            | '】'
            | '〉'
            | '”'
            | '’'
            | ','
            | ';'
            | ':'
            | '!'
            | '?'
            | ')'
            | '%'
            | '％'
            // A range's wave dash (`-5℃～3℃`) stays with the number before.
            | '～'
    )
}

/// Characters that typesetting never puts at the end of a line (opening
/// brackets and quotes): a line ending in one continues on the next line.
pub fn never_ends_line(c: char) -> bool {
    matches!(
        c,
        '（' | '《' | '「' | '『' | '【' | '〈' | '“' | '‘' | '(' | '['
    )
}

/// Columns `s` takes in a terminal: ambiguous-width characters (`Δ`, `▲`,
/// `·`) are narrow, as in most terminals outside CJK locales. For aligning
/// tables, not for measuring page lines (see [`display_width`]).
pub fn terminal_width(s: &str) -> usize {
    s.width()
}

/// Every line of `text` (split at `\n`, blank ones included) with the byte
/// offset where it starts.
pub fn lines_with_offsets(text: &str) -> impl Iterator<Item = (usize, &str)> + '_ {
    let mut next = Some(0);
    std::iter::from_fn(move || {
        let start = next?;
        let end = match memchr::memchr(b'\n', &text.as_bytes()[start..]) {
            Some(i) => {
                next = Some(start + i + 1);
                start + i
            }
            None => {
                next = None;
                text.len()
            }
        };
        Some((start, &text[start..end]))
    })
}

/// The lines of `text`, each ended by `\n` but the last one maybe: what
/// `text.split_terminator('\n')` gives, found by memchr's vector search
/// (the standard library's search costs several hundred instructions a
/// line).
pub fn terminated_lines(text: &str) -> impl Iterator<Item = &str> + '_ {
    let last_unended = !text.is_empty() && !text.ends_with('\n');
    let mut start = 0;
    memchr::memchr_iter(b'\n', text.as_bytes())
        .chain(last_unended.then_some(text.len()))
        .map(move |end| {
            let line = &text[start..end];
            start = end + 1;
            line
        })
}

/// The byte range of the line (without its `\n`) that holds `span`, a span
/// of `text` without line breaks.
pub fn line_around(text: &str, span: Range<usize>) -> Range<usize> {
    let bytes = text.as_bytes();
    let start = memchr::memrchr(b'\n', &bytes[..span.start]).map_or(0, |i| i + 1);
    let end = memchr::memchr(b'\n', &bytes[span.end..]).map_or(bytes.len(), |i| span.end + i);
    start..end
}

/// A line that holds more than whitespace, located in its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextLine {
    /// Byte range of the line without its `\n`.
    pub range: Range<usize>,
    /// How many blank (whitespace-only) lines stand between this line and the
    /// previous non-blank line (or the start of the text).
    pub blanks_before: usize,
}

/// True when `line` holds nothing but horizontal whitespace.
pub fn is_blank(line: &str) -> bool {
    // (Every space is encoded with a lead byte below E4: a line that starts
    // with Han or an ASCII mark is told without decoding.)
    match line.as_bytes().first() {
        Some(&b) if b >= 0xe4 || b.is_ascii_graphic() => false,
        _ => line.chars().all(is_hspace),
    }
}

/// The non-blank lines of `text` in order, each with the number of blank
/// lines before it. Lines end at `\n` only (`normalize` has turned CR into
/// LF by the time any other pass runs). Lazy and linear, so passes can keep a
/// small window of lines instead of a copy of the whole text.
pub fn nonblank_lines(text: &str) -> impl Iterator<Item = TextLine> + '_ {
    let mut start = 0usize;
    let mut blanks = 0usize;
    std::iter::from_fn(move || {
        while start <= text.len() {
            // (An empty line, common between the lines of a raw page, needs no search.)
            let rest = &text.as_bytes()[start..];
            let end = match rest.first() {
                Some(b'\n') => start,
                _ => memchr::memchr(b'\n', rest).map_or(text.len(), |i| start + i),
            };
            let range = start..end;
            start = end + 1;
            if is_blank(&text[range.clone()]) {
                // The empty piece after a final `\n` is no line at all.
                if end < text.len() {
                    blanks += 1;
                }
                continue;
            }
            let line = TextLine {
                range,
                blanks_before: blanks,
            };
            blanks = 0;
            return Some(line);
        }
        None
    })
}

/// The extended grapheme clusters of `text` with their byte offsets, as
/// `unicode_segmentation`'s `grapheme_indices(true)` gives them, but without
/// running the segmentation state machine while every character is certainly
/// a cluster of its own (Han, kana, ASCII, CJK punctuation: almost all of a
/// Chinese page). At the first other character the rest of the text, from
/// the character before it, goes through the full segmentation.
pub fn grapheme_indices(text: &str) -> GraphemeIndices<'_> {
    GraphemeIndices::Chars {
        text,
        chars: text.char_indices().peekable(),
    }
}

/// Iterator of [`grapheme_indices`].
pub enum GraphemeIndices<'a> {
    /// Every character so far is a cluster of its own.
    Chars {
        text: &'a str,
        chars: std::iter::Peekable<std::str::CharIndices<'a>>,
    },
    /// Full segmentation of `text[base..]`.
    Clusters {
        base: usize,
        clusters: unicode_segmentation::GraphemeIndices<'a>,
    },
}

impl<'a> Iterator for GraphemeIndices<'a> {
    type Item = (usize, &'a str);

    fn next(&mut self) -> Option<Self::Item> {
        match self {
            GraphemeIndices::Chars { text, chars } => {
                let text: &'a str = text;
                let &(at, c) = chars.peek()?;
                // A lone character is a cluster unless the next character
                // joins it (a combining mark, a joiner, …).
                let alone = is_lone_grapheme(c) && {
                    chars.next();
                    chars.peek().is_none_or(|&(_, next)| is_lone_grapheme(next))
                };
                if alone {
                    return Some((at, &text[at..at + c.len_utf8()]));
                }
                // Everything before `at` was lone characters, so `at` is a
                // cluster boundary and segmentation can start there.
                *self = GraphemeIndices::Clusters {
                    base: at,
                    clusters: text[at..].grapheme_indices(true),
                };
                self.next()
            }
            GraphemeIndices::Clusters { base, clusters } => {
                clusters.next().map(|(offset, g)| (*base + offset, g))
            }
        }
    }
}

/// A character whose grapheme-break property is `Other` (or which is
/// otherwise never joined to a neighbour that is also such a character):
/// no combining marks, joiners, prepend or spacing marks, regional
/// indicators, Hangul jamo or controls. Ranges are conservative; the table
/// test checks each against `unicode_segmentation`.
pub(crate) fn is_lone_grapheme(c: char) -> bool {
    matches!(c,
        ' '..='~'
        | '\u{00A0}'..='\u{00AC}'
        | '\u{00AE}'..='\u{02FF}'
        | '\u{2010}'..='\u{2027}'
        | '\u{2030}'..='\u{205E}'
        | '\u{2100}'..='\u{27BF}'
        | '\u{3000}'..='\u{3029}'
        | '\u{3030}'..='\u{303F}'
        | '\u{3041}'..='\u{3096}'
        | '\u{309B}'..='\u{30FF}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{FF01}'..='\u{FF60}'
        | '\u{FFE0}'..='\u{FFEE}'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`is_blank`] (and `undouble`'s glance) take every lead byte from E4
    /// on for the start of something other than whitespace.
    #[test]
    fn whitespace_is_encoded_below_e4() {
        for c in (0..=char::MAX as u32)
            .filter_map(char::from_u32)
            .filter(|c| c.is_whitespace())
        {
            let mut bytes = [0u8; 4];
            assert!(c.encode_utf8(&mut bytes).as_bytes()[0] < 0xe4, "{c:?}");
        }
    }

    /// `starts_common_han` tells exactly the common Han by their first two
    /// bytes, for every character, and nothing that starts with a one-byte
    /// character, whatever byte follows it.
    #[test]
    fn common_han_is_told_by_two_bytes() {
        for c in (0..=char::MAX as u32).filter_map(char::from_u32) {
            let mut bytes = [0u8; 4];
            let bytes = c.encode_utf8(&mut bytes).as_bytes();
            if let [b0, b1, ..] = *bytes {
                assert_eq!(
                    starts_common_han(b0, b1),
                    is_common_han(c),
                    "{:X}",
                    c as u32
                );
            } else {
                assert!(
                    (0..=u8::MAX).all(|b1| !starts_common_han(bytes[0], b1)),
                    "{c:?}"
                );
            }
        }
    }

    /// `typeset_width` counts common Han as two cells without asking the
    /// width table: that must be what the table says for every one of them.
    #[test]
    fn common_han_is_two_cells_wide() {
        for c in (0..=char::MAX as u32)
            .filter_map(char::from_u32)
            .filter(|&c| is_common_han(c))
        {
            assert!(is_han(c));
            assert_eq!(c.width_cjk(), Some(2), "{:X}", c as u32);
            assert!(!is_hspace(c) && !is_cjk_punct(c), "{:X}", c as u32);
        }
    }

    /// The byte search finds the six marks and nothing else led by the
    /// same bytes (every character of the E3 80 and EF BC rows).
    #[test]
    fn running_text_punct_by_bytes() {
        for c in ('\u{3000}'..='\u{303F}').chain('\u{FF00}'..='\u{FF3F}') {
            let line = format!("12  34{c}5");
            assert_eq!(
                has_running_text_punct(&line),
                RUNNING_TEXT_PUNCT.contains(&c),
                "{c}"
            );
        }
    }

    /// `(line, numeric gaps)`: table rows raw and cleaned, and the traps of
    /// running text whose numbers have words between them.
    #[test]
    fn numeric_gaps_are_field_separators() {
        let cases: &[(&str, usize)] = &[
            ("1  北京国安    10  6  3  1  18:7   21", 5),
            ("2上海海港10 6 2 2 20:10 20", 5),
            (
                "劽剚伋僵啓勔            47.93     +0.81     2.11%     953965",
                3,
            ),
            ("劽剚伋僵啓勔47.93 +0.81 2.11% 953965", 3),
            ("58.37 -1.61", 1),
            ("价格 +5  -3", 1),
            // Traps: one number set apart, numbers with words between them,
            // a sign that signs nothing, spaces at the ends.
            ("总投资约 60 亿元，其中 2022 年 7 月开工", 0),
            ("人口约 5 000 人", 1),
            ("5 000 000元", 2),
            ("增长 5% 以上", 0),
            ("12 - 3", 0),
            (" 12  ", 0),
            ("", 0),
            ("12％ 34  5", 2),
            ("12\t\t34 5", 2),
            // U+3000 is `normalize`'s to make a space first.
            ("12\u{3000}34 5", 1),
        ];
        for &(line, expected) in cases {
            assert_eq!(numeric_gaps(line), expected, "{line:?}");
        }
    }

    /// `(line, is a table row)`: the fields of a row are numbers set apart;
    /// running text with numbers set apart has its punctuation.
    #[test]
    fn table_rows_have_numeric_fields_and_no_clause_punct() {
        let cases: &[(&str, bool)] = &[
            ("1  北京国安    10  6  3  1  18:7   21", true),
            ("2上海海港10 6 2 2 20:10 20", true),
            ("工商银行  5.12  +0.03  1,234,567", true),
            ("全市  1 234  5 678", true),
            // Traps: two fields only; numbers set apart in a sentence.
            ("19:30  新闻联播", false),
            ("58.37  -1.61", false),
            ("人口约 5 000 000，其中", false),
            ("增长 12 %，比上年高 3 个百分点。", false),
            // ASCII marks `punct` would widen count as the wide ones, so a
            // row stays a row (or not) once `punct` has run (a fuzz
            // finding: `平米!!2 1 18`); `,` between digits is a separator.
            ("平米!!2 1 18", false),
            ("平米！！2 1 18", false),
            ("泰山,10 5 3 2", false),
            ("泰山，10 5 3 2", false),
            ("泰山 10 5 3 2, 3", true),
            ("北京国安 1,000 6 3", true),
        ];
        for &(line, expected) in cases {
            assert_eq!(looks_like_table_row(line), expected, "{line:?}");
        }
        // Headers: fields set apart, numbers or not.
        let cases: &[(&str, bool)] = &[
            ("名次  球队  场次  积分", true),
            ("名次 球队 场次 积分", true),
            ("郭海洲 何伟 李思颖", true),
            // Traps: one gap (two phrases); running text.
            ("精准谋划 精细指导", false),
            ("本报讯 近日，该区 3 个项目开工", false),
            ("", false),
        ];
        for &(line, expected) in cases {
            assert_eq!(looks_like_fields(line), expected, "{line:?}");
        }
    }

    #[test]
    fn trims_like_trim_matches() {
        let texts = [
            "",
            " ",
            "本报讯",
            " 本报讯 ",
            "\u{3000}近日\u{3000}",
            "\t a\u{a0}",
            "\u{2003}x\u{205f}",
            "·张三·",
            "é",
            "a\n",
            "\n",
            "\u{1680}中\u{85}",
            "中 \u{2028}",
        ];
        for text in texts {
            assert_eq!(
                trim_hspace_start(text),
                text.trim_start_matches(is_hspace),
                "{text:?}"
            );
            assert_eq!(
                trim_hspace_end(text),
                text.trim_end_matches(is_hspace),
                "{text:?}"
            );
            assert_eq!(trim_hspace(text), text.trim_matches(is_hspace), "{text:?}");
        }
    }

    #[test]
    fn classes() {
        let cases: &[(char, bool, bool, bool)] = &[
            // (char, han, cjk punct, latin alnum)
            ('汉', true, false, false),
            ('〇', true, false, false),
            ('，', false, true, false),
            ('。', false, true, false),
            ('“', false, true, false),
            ('—', false, true, false),
            ('·', false, true, false),
            ('（', false, true, false),
            ('＋', false, true, false),
            ('A', false, false, true),
            ('7', false, false, true),
            ('é', false, false, true),
            ('▶', false, false, false),
            (',', false, false, false),
            ('\u{3000}', false, false, false),
        ];
        for &(c, han, punct, latin) in cases {
            assert_eq!(
                (is_han(c), is_cjk_punct(c), is_latin_alnum(c)),
                (han, punct, latin),
                "char {c:?} (U+{:04X})",
                c as u32
            );
        }
    }

    #[test]
    fn sentence_ends() {
        let cases: &[(&str, bool)] = &[
            ("产业先导区。", true),
            ("收获友谊。”", true),
            ("相继建成……", true),
            ("发展”？", true),
            ("西安高新区将以西", false),
            ("部署“六大方向”", false),
            ("总投资约 60", false),
            ("", false),
            // An OCR's reading of `。` after a Han: `°`, `｡`.
            ("受益群众达15万人次°", true),
            ("构建低碳园区｡", true),
            // … of `；` as `;` after a CJK character (as `punct` widens it)…
            ("气温4℃～11℃;", true),
            ("阵风7级;", true),
            // … and of `……`: a run of three `·` or more.
            ("相继建成······", true),
            ("相继建成···”", true),
            // Traps: a degree sign after a number is no sentence end, nor
            // a middle dot (a foreign name split after it: `约翰·`).
            ("气温升至30°", false),
            ("美国专家约翰·", false),
            ("美国专家约翰··", false),
            // Trap: a `;` in Latin text goes on.
            ("see Smith et al.;", false),
            ("version 2;", false),
            ("°", false),
        ];
        for &(line, expected) in cases {
            assert_eq!(ends_sentence(line), expected, "line {line:?}");
        }
    }

    #[test]
    fn widths() {
        assert_eq!(display_width("汉字"), 4);
        assert_eq!(display_width("5G"), 2);
        assert_eq!(display_width("“六”"), 6);
        assert_eq!(display_width("\u{3000}"), 2);
        assert_eq!(char_display_width('汉'), 2);
        assert_eq!(char_display_width('\u{3000}'), 2);
        assert_eq!(char_display_width('a'), 1);
        assert_eq!(char_display_width('\u{c}'), 0);
        let w = typeset_width("汉字，5G 汉");
        assert_eq!((w.tight, w.loose), (2 + 2 + 1 + 2 + 2, 2 + 2 + 2 + 2 + 2));
        let w = typeset_width("本报讯 近日——“六”");
        assert_eq!((w.tight, w.loose), (10 + 2 + 4 + 4, 10 + 2 + 4 + 6));
        assert_eq!(terminal_width("Δ▲汉"), 4);
    }

    #[test]
    fn lone_graphemes_really_are_alone() {
        // Every character of the fast path, next to an ASCII letter, a Han
        // character and itself, splits exactly as the full segmentation does.
        let check = |pair: String| {
            let fast: Vec<_> = grapheme_indices(&pair).collect();
            let full: Vec<_> = pair.grapheme_indices(true).collect();
            assert_eq!(fast, full, "{pair:?}");
            assert_eq!(full.len(), 2, "{pair:?}");
        };
        for c in (0..=0xFFFFu32)
            .filter_map(char::from_u32)
            .filter(|&c| is_lone_grapheme(c))
        {
            check(format!("a{c}"));
            check(format!("{c}a"));
            check(format!("{c}中"));
            check(format!("{c}{c}"));
        }
        // Texts with other characters go the full way.
        for text in ["e\u{301}x", "🇨🇳中", "가\u{11A8}", "a\r\nb", "क्ष", "👍🏽!"]
        {
            let fast: Vec<_> = grapheme_indices(text).collect();
            let full: Vec<_> = text.grapheme_indices(true).collect();
            assert_eq!(fast, full, "{text:?}");
        }
    }

    proptest::proptest! {
        #![proptest_config(crate::testing::proptest_config(256))]
        #[test]
        fn graphemes_agree_with_unicode_segmentation(
            text in "[a-z 中文。“”\u{301}\u{200D}\u{1F1E8}\u{1F1F3}\u{3099}가\u{11A8}\r\n✂👍🏽]{0,24}"
        ) {
            let fast: Vec<_> = grapheme_indices(&text).collect();
            let full: Vec<_> = text.grapheme_indices(true).collect();
            proptest::prop_assert_eq!(fast, full);
        }
    }

    #[test]
    fn is_hspace_is_whitespace_but_line_ends() {
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            let plain = c != '\n' && c != '\r' && c.is_whitespace();
            assert_eq!(is_hspace(c), plain, "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn hspace_len_at_agrees_with_is_hspace() {
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            let mut buf = [0; 4];
            let bytes = c.encode_utf8(&mut buf).as_bytes();
            let expected = is_hspace(c).then_some(bytes.len());
            assert_eq!(hspace_len_at(bytes, 0), expected, "U+{:04X}", c as u32);
        }
        // A lead byte at the end of a (cut) text is no space.
        assert_eq!(hspace_len_at(&[b'a', 0xe3], 1), None);
    }

    proptest::proptest! {
        #![proptest_config(crate::testing::proptest_config(256))]
        #[test]
        fn hspace_runs_are_the_maximal_runs_of_spaces(
            text in "[a中 \t\u{b}\u{c}\r\n\u{85}\u{a0}\u{b7}\u{1680}\u{2003}\u{2028}\u{201c}\u{3000}\u{3001}\u{ff0c}]{0,16}"
        ) {
            let mut expected = Vec::new();
            let mut open: Option<Range<usize>> = None;
            for (at, c) in text.char_indices() {
                if is_hspace(c) {
                    open.get_or_insert(at..at).end = at + c.len_utf8();
                } else {
                    expected.extend(open.take());
                }
            }
            expected.extend(open);
            let runs: Vec<_> = hspace_runs(&text).collect();
            proptest::prop_assert_eq!(runs, expected);
        }
    }

    #[test]
    fn nonblank_lines_count_blanks() {
        let text = "a\n\n \nb\nc\n\n";
        let lines: Vec<_> = nonblank_lines(text)
            .map(|l| (&text[l.range], l.blanks_before))
            .collect();
        assert_eq!(lines, vec![("a", 0), ("b", 2), ("c", 0)]);
        assert_eq!(nonblank_lines("").count(), 0);
        assert_eq!(nonblank_lines("\n\n").count(), 0);
        let lines: Vec<_> = nonblank_lines("x").map(|l| l.range).collect();
        assert_eq!(lines, vec![0..1]);
        let all: Vec<_> = lines_with_offsets("ab\n\ncd").collect();
        assert_eq!(all, vec![(0, "ab"), (3, ""), (4, "cd")]);
        for text in ["", "\n", "a\n", "\na", "a\n\n汉\nb"] {
            let mut start = 0;
            let split: Vec<_> = text
                .split('\n')
                .map(|line| {
                    let at = start;
                    start += line.len() + 1;
                    (at, line)
                })
                .collect();
            assert_eq!(
                lines_with_offsets(text).collect::<Vec<_>>(),
                split,
                "{text:?}"
            );
        }
        for text in [
            "",
            "\n",
            "\n\n",
            "a",
            "a\n",
            "\na",
            "a\n\n汉\nb",
            "a\n\n汉\nb\n\n",
        ] {
            assert_eq!(
                terminated_lines(text).collect::<Vec<_>>(),
                text.split_terminator('\n').collect::<Vec<_>>(),
                "{text:?}"
            );
        }
    }
}
