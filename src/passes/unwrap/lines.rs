//! The lines of a page and what each one looks like on its own.

use std::ops::Range;

use crate::passes::bylines::trailing_byline;
use crate::text::{
    ends_sentence, is_cjk, is_cjk_letter, is_cjk_punct, is_common_han, is_han, is_hspace,
    solid_cells, starts_common_han, three_byte_code_point, trim_hspace_end, trim_hspace_start,
    typeset_cells, TypesetWidth,
};

/// What a line is, judged from its own text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKind {
    /// Running text (or a headline: that is decided with the layout).
    Text,
    /// A photo credit (`图片来源：…`, `…/摄`, `本版图片由…提供`): its own
    /// unit, moved when it lands in a paragraph.
    Credit,
    /// The start of a photo caption (`图为…`, `左图：…`): a new unit that may
    /// wrap onto more lines; moved like a credit when it lands in a paragraph.
    Caption,
    /// A line led by a byline marker (`▶ 杨 坤`, `◎本报记者 符晓波`), or a
    /// byline line of roles and names only (`本报记者 江月 实习生 周晨`).
    Marker,
}

/// One non-blank line of the input.
///
/// Kept small (64 bytes): a page holds one per line, and settling holds the
/// lines of two texts at once. Where the line stands in its text is told
/// by `text` itself ([`Line::span_in`]); counts are 32 bits, saturating.
#[derive(Debug, Clone, PartialEq)]
pub struct Line<'a> {
    /// The text without leading and trailing spaces.
    pub text: &'a str,
    /// Leading spaces (tabs, U+3000 …) before the text ([`Line::lead`]).
    lead: u32,
    /// Typeset width in half-em cells ([`Line::width`]).
    width_tight: u32,
    width_loose: u32,
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
    /// Opens with a dateline (`本报讯 `, `科技日报讯（记者…）`): body text.
    pub dateline: bool,
    /// Every chunk written twice (`园区热点园区热点`): a fake-bold headline
    /// that `undouble` has not collapsed.
    pub bold: bool,
    pub kind: LineKind,
    /// The Han and ASCII letters and digits of the text (no punctuation, no
    /// spaces) hashed and combined so that pairs cancel out: zero where
    /// every one occurs an even number of times, as in any doubled chain
    /// (here or in `undouble`), and hardly ever by chance otherwise.
    /// Combines over concatenation by `^`.
    pub alnum_parity: u64,
    /// Characters that are not whitespace ([`Line::non_space`]).
    non_space: u32,
    /// The counts behind `letter_spaced` ([`Shape`]), kept so that a line
    /// joined from several is measured from theirs.
    spaced: u32,
    tight: u32,
    hspace: bool,
}

// One cache line on 64-bit targets.
#[cfg(target_pointer_width = "64")]
const _: () = assert!(std::mem::size_of::<Line>() == 64);

/// Splits `input` into its non-blank lines.
#[cfg(test)]
pub fn split(input: &str) -> Vec<Line<'_>> {
    split_reusing(input, std::iter::empty())
}

/// Splits `input` like [`split`], taking a line's analysis from `known`
/// instead of scanning it again where `known` has a line of the same text at
/// the same count of non-space characters before it: `known` are lines of a
/// text that `input` is a view of (the pass's output and what the later
/// passes make of it keep most lines as they are), each with that count, in
/// order. What a line is depends on its text only. A line of another text
/// there is mostly one the later passes edited: it is measured from the
/// known one and its edits ([`Line::edited`]).
pub fn split_reusing<'t, 'k, 'l: 'k>(
    input: &'t str,
    known: impl Iterator<Item = (usize, &'k Line<'l>)>,
) -> Vec<Line<'t>> {
    let mut known = known.peekable();
    let mut before = 0;
    // At most one line per newline, and one after the last: reserved at
    // once, as growing by doubling would copy and hold up to twice as much.
    let mut lines = Vec::with_capacity(memchr::memchr_iter(b'\n', input.as_bytes()).count() + 1);
    // The line ends by memchr's vector search (`split_inclusive`'s search
    // costs more on short lines), and the end of the last line.
    let ends = memchr::memchr_iter(b'\n', input.as_bytes()).chain([input.len()]);
    let mut start = 0;
    for end in ends {
        let body = &input[start..end];
        let trimmed_start = trim_hspace_start(body);
        let text = trim_hspace_end(trimmed_start);
        if !text.is_empty() {
            let lead = body[..body.len() - trimmed_start.len()].chars().count();
            while known.next_if(|&(at, _)| at < before).is_some() {}
            let line = match known.peek() {
                Some(&(at, line)) if at == before && line.text == text => {
                    line.elsewhere(text, lead)
                }
                // The later passes edited the line.
                Some(&(at, line)) if at == before => line.edited(text, lead),
                _ => Line::new(text, lead),
            };
            before += line.non_space();
            lines.push(line);
        }
        start = end + 1;
    }
    lines
}

impl LineKind {
    /// A credit or caption: moved when it lands inside a paragraph.
    pub fn is_float(self) -> bool {
        matches!(self, LineKind::Credit | LineKind::Caption)
    }
}

impl<'a> Line<'a> {
    fn new(text: &'a str, lead: usize) -> Self {
        let shape = Shape::of(text);
        debug_assert_eq!(shape, Shape::of_decoded(text), "{text}");
        let dateline = is_dateline_after(text, shape.lead_han);
        Line::measured(text, lead, &shape, dateline)
    }

    /// The line of `text` whose characters add up to `shape` (and that
    /// opens with a dateline or not): what depends on the ends of the text
    /// is looked up there. (Inlined into the scan of every line: a call
    /// cost about 25 instructions a line.)
    #[inline(always)]
    fn measured(text: &'a str, lead: usize, shape: &Shape, dateline: bool) -> Self {
        let first = text.chars().next().unwrap_or(' ');
        let last = text.chars().next_back().unwrap_or(' ');
        let letter_spaced = shape.spaced >= 4 && shape.spaced >= 3 * shape.tight;
        let bold = shape.alnum_parity == 0 && is_doubled(text);
        let mut width = shape.width;
        if bold {
            // As printed: one copy.
            width.tight /= 2;
            width.loose /= 2;
        }
        Line {
            text,
            lead: saturating_u32(lead),
            width_tight: saturating_u32(width.tight),
            width_loose: saturating_u32(width.loose),
            first,
            last,
            // A trailing byline is a name of Han after a space.
            // Han (the last character of most lines) ends no sentence.
            ends_sentence: (!is_common_han(last) && ends_sentence(text))
                || (is_han(last) && shape.hspace && trailing_byline(text).is_some()),
            clause_punct: (shape.clause_punct && !only_enumeration_comma(text))
                || has_ocr_clause_mark(text),
            letter_spaced,
            phrases: !letter_spaced && shape.phrases,
            bold,
            // A letter-spaced dateline (`新 华 社 北 京 10 月 24 日 电 （`) is
            // read without its spaces.
            dateline: dateline || (letter_spaced && is_dateline(&without_hspace(text))),
            kind: kind_of(text, first, last),
            alnum_parity: shape.alnum_parity,
            non_space: saturating_u32(shape.non_space),
            spaced: saturating_u32(shape.spaced),
            tight: saturating_u32(shape.tight),
            hspace: shape.hspace,
        }
    }

    /// What a scan of this line finds, but for `lead_han` (the counts are
    /// this line's, and they saturate alike). `None` for a doubled line (its
    /// width is one copy's) or one letter spaced (its phrases are not told).
    fn shape(&self) -> Option<Shape> {
        (!self.bold && !self.letter_spaced).then(|| Shape {
            width: self.width(),
            spaced: self.spaced as usize,
            tight: self.tight as usize,
            clause_punct: self.clause_punct,
            phrases: self.phrases,
            hspace: self.hspace,
            alnum_parity: self.alnum_parity,
            non_space: self.non_space as usize,
            lead_han: 0,
        })
    }

    /// The line that `parts` (consecutive lines of one text) make joined
    /// into `text`: their texts in order, with one space between two Latin
    /// letters and nothing else. Measured from the parts instead of a scan
    /// of `text` (what a scan finds differs only at the joins, and there
    /// only in whether two CJK characters meet); what depends on the ends
    /// of the text is looked up there. A part that is doubled or letter
    /// spaced has lost its raw width or phrases: then `text` is scanned.
    /// `lead` is left empty for the caller.
    pub fn joined(text: &'a str, parts: &[&Line]) -> Self {
        let Some(head) = parts.first() else {
            return Line::new(text, 0);
        };
        // A part's enumeration comma (`二、`) counts as clause punctuation
        // once it is no longer at the start of the line, and an OCR's `·`
        // for `。` (after a Han, ending a part) counts no more once the part
        // is not at the end.
        if parts[1..]
            .iter()
            .any(|p| enumeration(p.text).is_some_and(|e| e.comma))
            || parts[..parts.len() - 1]
                .iter()
                .any(|p| ends_on_ocr_dot(p.text))
        {
            return Line::new(text, 0);
        }
        let cjk_of = |c: char| is_common_han(c) || is_cjk(c);
        let mut shape = Shape::default();
        let mut prev_last: Option<char> = None;
        for part in parts {
            let Some(own) = part.shape() else {
                return Line::new(text, 0);
            };
            shape.add(&own);
            if let Some(last) = prev_last {
                shape.tight += usize::from(cjk_of(last) && cjk_of(part.first));
                // `render` puts one space between two Latin letters.
                shape.hspace |= super::latin_letter(last) && super::latin_letter(part.first);
            }
            prev_last = Some(part.last);
        }
        // A dateline is read in the first ten characters: those of the
        // first part where it has that many.
        let dateline = if head.non_space() >= DATELINE_REACH {
            head.dateline
        } else {
            is_dateline(text)
        };
        let line = Line::measured(text, 0, &shape, dateline);
        debug_assert_eq!(line, Line::new(text, 0), "joined from {parts:?}");
        line
    }

    /// The line of `text`, this line with edits made inside it: whitespace
    /// removed, added or changed, a character swapped for another (the
    /// full-width forms of `punct`), the end cut off (a byline that
    /// `bylines` put on a line of its own). What a scan finds adds up over
    /// the characters, each seen with its two neighbours only; outside the
    /// stretches around the edits, the characters and their neighbours are
    /// this line's. So only those stretches are scanned, here and in
    /// `text`, and this line's counts take the difference; a flag that an
    /// edit may have taken away is searched for in `text`. (The later
    /// passes edit most paragraphs of the output a little, and a paragraph
    /// is long.)
    fn edited<'t>(&self, text: &'t str, lead: usize) -> Line<'t> {
        // Beyond this the counts may have saturated.
        const MAX_BYTES: usize = (u32::MAX / 4) as usize;
        let Some(own) = self.shape().filter(|_| self.text.len() <= MAX_BYTES) else {
            return Line::new(text, lead);
        };
        // This line's clause punctuation may be only an OCR's `·` for `。`
        // at its end, which an edit there takes away.
        if ends_on_ocr_dot(self.text) && !ends_on_ocr_dot(text) {
            return Line::new(text, lead);
        }
        let (old, new) = (self.text, text);
        // What the stretches around the edits add up to here (`was`) and
        // in `text` (`is`).
        let (mut was, mut is) = (Shape::default(), Shape::default());
        let (mut i, mut j) = (0, 0);
        // Whether both texts start with the same bytes as far as a dateline
        // is read (then it is this line's).
        let mut same_dateline = None;
        loop {
            let same = common_prefix_len(&old.as_bytes()[i..], &new.as_bytes()[j..]);
            // (Not where the line was letter-spaced: its dateline was read
            // without the spaces, which an edit may take away.)
            same_dateline.get_or_insert(same >= DATELINE_BYTES && !self.letter_spaced);
            (i, j) = (i + same, j + same);
            // Back to the start of the character that differs (the bytes
            // before it are the same in both).
            while !old.is_char_boundary(i) {
                (i, j) = (i - 1, j - 1);
            }
            if i == old.len() && j == new.len() {
                break;
            }
            if let Some(end) = small_edit(old, i, new, j, &mut was, &mut is) {
                (i, j) = end;
                continue;
            }
            // The stretch starts at the last character before the edit
            // that is no whitespace: it and what comes before it add up to
            // the same whatever comes before (only what follows a character
            // that is no whitespace changes what it adds up to).
            let kept = trim_hspace_end(&old[..i]);
            let back = i - kept.len() + kept.chars().next_back().map_or(0, char::len_utf8);
            let (from_old, from_new) = (i - back, j - back);
            // It ends with the first character after the edit that is the
            // same in both and no whitespace: that one is followed by the
            // end of the stretch in both, so it adds up to the same in both
            // (and it starts the next stretch, if one follows at once).
            loop {
                i = old.len() - trim_hspace_start(&old[i..]).len();
                j = new.len() - trim_hspace_start(&new[j..]).len();
                match (old[i..].chars().next(), new[j..].chars().next()) {
                    (Some(a), Some(b)) if a == b => {
                        (i, j) = (i + a.len_utf8(), j + b.len_utf8());
                        break;
                    }
                    (Some(a), Some(b)) => (i, j) = (i + a.len_utf8(), j + b.len_utf8()),
                    // One text ends: the rest of the other is all edit.
                    _ => {
                        (i, j) = (old.len(), new.len());
                        break;
                    }
                }
            }
            was.add(&Shape::of(&old[from_old..i]));
            is.add(&Shape::of(&new[from_new..j]));
        }
        let outside = |own: bool, was: bool| own && !was;
        let non_space = own.non_space + is.non_space - was.non_space;
        let shape = Shape {
            width: TypesetWidth {
                tight: own.width.tight + is.width.tight - was.width.tight,
                loose: own.width.loose + is.width.loose - was.width.loose,
            },
            spaced: own.spaced + is.spaced - was.spaced,
            tight: own.tight + is.tight - was.tight,
            alnum_parity: own.alnum_parity ^ is.alnum_parity ^ was.alnum_parity,
            // A flag is set in `text` where its stretches set it, or this
            // line had it outside the stretches; else where this line had
            // it only in a stretch, `text` is searched.
            clause_punct: is.clause_punct
                || outside(own.clause_punct, was.clause_punct)
                || (own.clause_punct && new.contains(CLAUSE_PUNCT)),
            phrases: is.phrases
                || outside(own.phrases, was.phrases)
                || (own.phrases && has_phrases(new)),
            // Whitespace is what `non_space` does not count but a `\r`.
            hspace: is.hspace
                || outside(own.hspace, was.hspace)
                || (own.hspace
                    && (memchr::memchr(b' ', new.as_bytes()).is_some()
                        || new.chars().count()
                            > non_space + memchr::memchr_iter(b'\r', new.as_bytes()).count())),
            non_space,
            lead_han: 0,
        };
        let dateline = if same_dateline == Some(true) {
            self.dateline
        } else {
            is_dateline(text)
        };
        let line = Line::measured(text, lead, &shape, dateline);
        debug_assert_eq!(line, Line::new(text, lead), "edited from {:?}", self.text);
        line
    }

    /// The same line in another text (`text` is the same as this line's),
    /// with `lead` leading spaces there.
    fn elsewhere<'t>(&self, text: &'t str, lead: usize) -> Line<'t> {
        debug_assert_eq!(text, self.text);
        Line {
            text,
            lead: saturating_u32(lead),
            width_tight: self.width_tight,
            width_loose: self.width_loose,
            first: self.first,
            last: self.last,
            ends_sentence: self.ends_sentence,
            clause_punct: self.clause_punct,
            letter_spaced: self.letter_spaced,
            phrases: self.phrases,
            dateline: self.dateline,
            bold: self.bold,
            kind: self.kind,
            alnum_parity: self.alnum_parity,
            non_space: self.non_space,
            spaced: self.spaced,
            tight: self.tight,
            hspace: self.hspace,
        }
    }

    /// The byte range of the text in `input`, the text this line was split
    /// from (told by where the text lies in it).
    pub fn span_in(&self, input: &str) -> Range<usize> {
        let start = (self.text.as_ptr() as usize).wrapping_sub(input.as_ptr() as usize);
        debug_assert!(
            start <= input.len() && self.text.len() <= input.len() - start,
            "{:?} is not in the text",
            self.text
        );
        start..start + self.text.len()
    }

    /// Leading spaces (tabs, U+3000 …) before the text.
    pub fn lead(&self) -> usize {
        self.lead as usize
    }

    /// Typeset width in half-em cells ([`crate::text::typeset_width`]; one
    /// copy of a doubled line).
    pub fn width(&self) -> TypesetWidth {
        TypesetWidth {
            tight: self.width_tight as usize,
            loose: self.width_loose as usize,
        }
    }

    /// Characters that are not whitespace.
    pub fn non_space(&self) -> usize {
        self.non_space as usize
    }

    /// The line ends with a function word that needs a continuation: its
    /// last character tells (the text has no spaces at its ends).
    pub fn ends_with_function_word(&self) -> bool {
        debug_assert_eq!(
            trim_hspace_end(self.text)
                .chars()
                .next_back()
                .unwrap_or(' '),
            self.last
        );
        FUNCTION_WORDS.contains(&self.last)
            // `至` ends the solar terms `冬至` and `夏至`, which a headline may.
            && !(self.last == '至' && ["冬至", "夏至"].iter().any(|t| self.text.ends_with(t)))
    }

    /// Stops on a word that needs what follows it: a function word, or the
    /// preposition `在` / `于` (`於`).
    pub fn ends_wanting_more(&self) -> bool {
        self.ends_with_function_word() || matches!(self.last, '在' | '于' | '於')
    }

    /// Reads as a row of a table ([`crate::text::looks_like_table_row`]):
    /// never without whitespace inside.
    pub fn looks_like_table_row(&self) -> bool {
        self.hspace && crate::text::looks_like_table_row(self.text)
    }

    /// Reads as fields set apart by spaces, as a table's header does
    /// ([`crate::text::looks_like_fields`]).
    pub fn looks_like_fields(&self) -> bool {
        self.hspace && crate::text::looks_like_fields(self.text)
    }

    /// Looks like a headline, subheading or name line by its text alone: no
    /// punctuation of running text, no sentence end.
    pub fn headline_shaped(&self) -> bool {
        self.kind == LineKind::Text
            && !self.clause_punct
            && !self.ends_sentence
            && !self.letter_spaced
            && !self.ends_with_function_word()
            && !self.dateline
            && !is_bare_quantity(self.text)
    }
}

/// A number with a decimal point or a percent sign and nothing else
/// (`70.4%`, `10.6`): the end of a sentence wrapped before it whose mark
/// an OCR lost (`…合计占全国比重达到` / `70.4%`), never a headline. (A
/// bare integer may be a page's folio.)
fn is_bare_quantity(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.first().is_some_and(u8::is_ascii_digit)
        && bytes
            .iter()
            .all(|&b| b.is_ascii_digit() || matches!(b, b'.' | b'%' | b','))
        && bytes.iter().any(|&b| matches!(b, b'.' | b'%'))
}

/// What one scan over a line's characters finds: its width, and the
/// character patterns that the line's flags are made of.
#[derive(Debug, PartialEq, Default)]
struct Shape {
    width: TypesetWidth,
    /// A CJK character, a space, a CJK character (the extractor's rendering
    /// of a justified line with few characters) …
    spaced: usize,
    /// … and two CJK characters side by side.
    tight: usize,
    /// Has punctuation of running text (`，。、；！？`).
    clause_punct: bool,
    /// Han (or a closing quote), one space, Han: two phrases set apart, as
    /// subheadings are (`精准谋划 精细指导`, `突出“快” 招商引资`). A space
    /// after other punctuation is an extractor's glyph gap, not a phrase
    /// break.
    phrases: bool,
    /// Has horizontal whitespace.
    hspace: bool,
    alnum_parity: u64,
    non_space: usize,
    /// Bytes of the common Han that the text starts with.
    lead_han: usize,
}

impl Shape {
    /// One pass over `text`, each character seen with its neighbours. Each
    /// character is classed once ([`Class`]), when it is first seen as the
    /// next one; runs of common Han, the bulk of the text, are told by
    /// their bytes.
    fn of(text: &str) -> Self {
        let mut shape = Shape::default();
        let (mut prev, mut prev_cjk, mut prev_letter) = (' ', false, false);
        // The text from `c` on.
        let mut rest = text;
        let Some(mut c) = rest.chars().next() else {
            return shape;
        };
        let mut class = Class::of(c);
        loop {
            if class == Class::CommonHan {
                // A run of common Han in a loop of its own: each is two
                // cells, not whitespace, a CJK letter, and sits tight
                // against the next one.
                let (run, parity) = common_han_run(rest.as_bytes());
                let after = &rest[3 * run..];
                if rest.len() == text.len() {
                    shape.lead_han = 3 * run;
                }
                shape.alnum_parity ^= parity;
                shape.width.add(TypesetWidth {
                    tight: 2 * run,
                    loose: 2 * run,
                });
                shape.non_space += run;
                // A mark of running text (`，` `、` `。` …: what most
                // often ends a run) is told by its bytes: tight against
                // the run, and against what follows where that is CJK.
                if let [b0, b1, b2, ref more @ ..] = *after.as_bytes() {
                    if let Some((mark, clause)) = compressed_punct(b0, b1, b2) {
                        shape.tight += run;
                        shape.width.add(TypesetWidth { tight: 1, loose: 2 });
                        shape.non_space += 1;
                        shape.clause_punct |= clause;
                        rest = &after[3..];
                        match *more {
                            [] => return shape,
                            // The next run of Han.
                            [h0, h1, ..] if starts_common_han(h0, h1) => {
                                shape.tight += 1;
                                continue;
                            }
                            _ => {
                                let n = rest.chars().next().expect("more text");
                                let next_class = Class::of_other(n);
                                shape.tight += usize::from(next_class.is_cjk());
                                (prev, prev_cjk, prev_letter) = (mark, true, false);
                                (c, class) = (n, next_class);
                                continue;
                            }
                        }
                    }
                }
                let next = after.chars().next();
                // The run goes as far as it can: what follows is no
                // common Han.
                let next_class = next.map_or(Class::Other, Class::of_other);
                shape.tight += run - 1 + usize::from(next_class.is_cjk());
                let Some(n) = next else {
                    return shape;
                };
                // What follows a Han asks of it only whether it is a CJK
                // letter and no closing quote: the first of the run tells.
                prev = c;
                (prev_cjk, prev_letter) = (true, true);
                (c, class, rest) = (n, next_class, after);
                continue;
            }
            if c.is_ascii_graphic()
                || (c.is_ascii() && rest.as_bytes().get(1).is_some_and(u8::is_ascii))
            {
                // A run of ASCII (numbers, Latin words, the spaces between
                // them) in a byte loop of its own: none is CJK, and only a
                // space (or control) between two CJK characters counts
                // cells, `spaced` or `phrases`, so nothing in a run that is
                // no lone space depends on its neighbours ([`ascii_run`]).
                let run = ascii_run(rest.as_bytes(), &mut shape);
                let after = &rest[run..];
                let Some(n) = after.chars().next() else {
                    return shape;
                };
                prev = char::from(rest.as_bytes()[run - 1]);
                (prev_cjk, prev_letter) = (false, false);
                (c, class, rest) = (n, Class::of(n), after);
                continue;
            }
            rest = &rest[c.len_utf8()..];
            let next = rest.chars().next();
            let next_class = next.map_or(Class::Other, Class::of);
            let next_cjk = next_class.is_cjk();
            let letter = match class {
                // Never spaces, so their cells do not depend on their
                // neighbours ([`solid_cells`]).
                Class::CjkPunct => {
                    let cells = if matches!(c, '—' | '…' | '\u{2015}') {
                        solid_cells(c)
                    } else {
                        // Compressed: what `solid_cells` finds without its
                        // tests.
                        TypesetWidth { tight: 1, loose: 2 }
                    };
                    debug_assert_eq!(cells, solid_cells(c));
                    shape.width.add(cells);
                    shape.non_space += 1;
                    shape.tight += usize::from(next_cjk);
                    shape.clause_punct |= matches!(c, '，' | '。' | '、' | '；' | '！' | '？');
                    false
                }
                // Kana and Han beyond the common blocks.
                Class::CjkLetter => {
                    shape.width.add(solid_cells(c));
                    shape.non_space += 1;
                    shape.tight += usize::from(next_cjk);
                    true
                }
                _ if c.is_ascii_alphanumeric() => {
                    shape.width.add(TypesetWidth { tight: 1, loose: 1 });
                    debug_assert_eq!(TypesetWidth { tight: 1, loose: 1 }, solid_cells(c));
                    shape.non_space += 1;
                    shape.alnum_parity ^= char_hash(c);
                    false
                }
                _ => {
                    shape.width.add(typeset_cells(prev, c, next));
                    shape.non_space += usize::from(!c.is_whitespace());
                    if is_hspace(c) {
                        shape.hspace = true;
                        shape.spaced += usize::from(prev_cjk && next_cjk);
                        shape.phrases |= c == ' '
                            && (prev_letter || matches!(prev, '”' | '’' | '」' | '』'))
                            && next.is_some_and(is_cjk_letter);
                    } else {
                        shape.clause_punct |= matches!(c, ',' | ';' | '!' | '?');
                    }
                    false
                }
            };
            let Some(n) = next else {
                return shape;
            };
            (prev, prev_cjk, prev_letter) = (c, class.is_cjk(), letter);
            (c, class) = (n, next_class);
        }
    }

    /// [`Shape::of`] character by character, each measured with its
    /// neighbours by the plain rules (to check it against).
    fn of_decoded(text: &str) -> Self {
        let cjk = |c: char| is_common_han(c) || is_cjk(c);
        let chars: Vec<char> = text.chars().collect();
        let mut shape = Shape {
            lead_han: text.len() - text.trim_start_matches(is_common_han).len(),
            ..Shape::default()
        };
        for (i, &c) in chars.iter().enumerate() {
            let prev = if i == 0 { ' ' } else { chars[i - 1] };
            let next = chars.get(i + 1).copied();
            shape.width.add(typeset_cells(prev, c, next));
            shape.non_space += usize::from(!c.is_whitespace());
            shape.tight += usize::from(cjk(c) && next.is_some_and(cjk));
            shape.clause_punct |= CLAUSE_PUNCT.contains(&c);
            if is_hspace(c) {
                shape.hspace = true;
                shape.spaced += usize::from(cjk(prev) && next.is_some_and(cjk));
                shape.phrases |= is_phrase_break(prev, c, next);
            }
            if is_common_han(c) {
                let mut utf8 = [0; 4];
                c.encode_utf8(&mut utf8);
                shape.alnum_parity ^= parity_hash(han_hash_value([utf8[0], utf8[1], utf8[2]]));
            } else if c.is_ascii_alphanumeric() {
                shape.alnum_parity ^= char_hash(c);
            }
        }
        shape
    }

    /// Adds what `other` (the next stretch of a text) adds up to, but for
    /// `lead_han`.
    fn add(&mut self, other: &Shape) {
        self.width.add(other.width);
        self.spaced += other.spaced;
        self.tight += other.tight;
        self.clause_punct |= other.clause_punct;
        self.phrases |= other.phrases;
        self.hspace |= other.hspace;
        self.alnum_parity ^= other.alnum_parity;
        self.non_space += other.non_space;
    }
}

/// Punctuation of running text, which headlines rarely have.
const CLAUSE_PUNCT: &[char] = &['，', '。', '、', '；', '！', '？', ',', ';', '!', '?'];

/// Whether `c` between `prev` and `next` sets two phrases apart
/// ([`Shape::phrases`]).
fn is_phrase_break(prev: char, c: char, next: Option<char>) -> bool {
    c == ' '
        && (is_cjk_letter(prev) || matches!(prev, '”' | '’' | '」' | '』'))
        && next.is_some_and(is_cjk_letter)
}

/// Whether `text` sets two phrases apart anywhere ([`is_phrase_break`]).
fn has_phrases(text: &str) -> bool {
    memchr::memchr_iter(b' ', text.as_bytes()).any(|at| {
        let prev = text[..at].chars().next_back().unwrap_or(' ');
        is_phrase_break(prev, ' ', text[at + 1..].chars().next())
    })
}

/// How many bytes `a` and `b` start with alike, compared sixteen at a time.
fn common_prefix_len(a: &[u8], b: &[u8]) -> usize {
    const CHUNK: usize = 16;
    let mut n = 0;
    for (x, y) in a.chunks_exact(CHUNK).zip(b.chunks_exact(CHUNK)) {
        let word = |bytes: &[u8]| u128::from_le_bytes(bytes.try_into().expect("a chunk"));
        let differ = word(x) ^ word(y);
        if differ != 0 {
            return n + (differ.trailing_zeros() / 8) as usize;
        }
        n += CHUNK;
    }
    n + a[n..]
        .iter()
        .zip(&b[n..])
        .take_while(|(x, y)| x == y)
        .count()
}

/// The later passes' most frequent edits in [`Line::edited`], told from
/// the characters on either side, `p` and `q` (no whitespace, the same in
/// both texts; only what follows `p` changes for it): a space between them
/// taken out (`spacing`), or ASCII punctuation between them widened into
/// its full-width form (`punct`; both are as wide: [`solid_cells`]). The
/// edit is at `old[i..]` and `new[j..]`: adds what it changes to `was` and
/// `is` and returns where it ends in both, or `None` for another edit.
fn small_edit(
    old: &str,
    i: usize,
    new: &str,
    j: usize,
    was: &mut Shape,
    is: &mut Shape,
) -> Option<(usize, usize)> {
    let x = *old.as_bytes().get(i)?;
    let wide = match x {
        b' ' => None,
        b',' | b':' | b';' | b'?' | b'!' | b'(' | b')' => {
            Some(char::from_u32(u32::from(x) + 0xfee0).expect("a full-width form"))
        }
        _ => return None,
    };
    let new_len = wide.map_or(0, char::len_utf8);
    if wide.is_some() && new[j..].chars().next() != wide {
        return None;
    }
    let p = old[..i].chars().next_back()?;
    let q = old[i + 1..].chars().next()?;
    if is_hspace(p) || is_hspace(q) || !new[j + new_len..].starts_with(q) {
        return None;
    }
    let (p_class, q_class) = (Class::of(p), Class::of(q));
    if wide.is_some() {
        // Full-width punctuation is CJK, and sits tight against CJK.
        is.tight += usize::from(p_class.is_cjk()) + usize::from(q_class.is_cjk());
    } else {
        // What the space added up to ([`typeset_cells`]), and `p` sits
        // tight against `q` now.
        let cjk_pair = usize::from(p_class.is_cjk() && q_class.is_cjk());
        let cells = if p_class.is_letter() && q_class.is_letter() {
            2
        } else {
            0
        };
        was.width.add(TypesetWidth {
            tight: cells,
            loose: cells,
        });
        was.spaced += cjk_pair;
        was.hspace = true;
        was.phrases |= is_phrase_break(p, ' ', Some(q));
        is.tight += cjk_pair;
    }
    Some((i + 1, j + new_len))
}

/// What [`Shape::of`] needs to know of a character first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    /// [`is_common_han`].
    CommonHan,
    /// [`is_cjk_punct`] (never a CJK letter).
    CjkPunct,
    /// [`is_cjk_letter`] beyond common Han: kana, rarer Han.
    CjkLetter,
    Other,
}

impl Class {
    fn of(c: char) -> Self {
        if is_common_han(c) {
            Class::CommonHan
        } else {
            Class::of_other(c)
        }
    }

    /// The class of a character that is no common Han: ASCII first (the
    /// most frequent of the others), then punctuation before the letters.
    fn of_other(c: char) -> Self {
        debug_assert!(!is_common_han(c));
        if c.is_ascii() {
            Class::Other
        } else if is_cjk_punct(c) {
            Class::CjkPunct
        } else if is_cjk_letter(c) {
            Class::CjkLetter
        } else {
            Class::Other
        }
    }

    fn is_cjk(self) -> bool {
        self != Class::Other
    }

    /// [`is_cjk_letter`].
    fn is_letter(self) -> bool {
        matches!(self, Class::CommonHan | Class::CjkLetter)
    }
}

fn saturating_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// A 64-bit hash of an ASCII character (one multiplication: the parity is
/// only a quick test before the real one, and the high bits mix well).
fn char_hash(c: char) -> u64 {
    parity_hash(u32::from(c))
}

/// The hash behind [`char_hash`], of any 32-bit value.
fn parity_hash(value: u32) -> u64 {
    u64::from(value).wrapping_mul(0x9e37_79b9_7f4a_7c15)
}

/// The number of common Han characters that `bytes` (UTF-8) start with, and
/// the XOR of their hashes, told and hashed by their bytes
/// ([`starts_common_han`]), without decoding: the hash of a Han is
/// [`parity_hash`] of its UTF-8 read as a little-endian number
/// ([`han_hash_value`]; above any ASCII character, so the two never
/// collide). Read four bytes at a time where there are four (one load; the
/// fourth, the next character's, is masked off), the last character apart.
/// Out of line: inlined into the scan of a line, its state spilled to the
/// stack.
#[inline(never)]
fn common_han_run(mut bytes: &[u8]) -> (usize, u64) {
    let (mut run, mut parity) = (0, 0);
    while let Some(&word) = bytes.first_chunk::<4>() {
        let word = u32::from_le_bytes(word);
        if !starts_common_han(word as u8, (word >> 8) as u8) {
            return (run, parity);
        }
        parity ^= parity_hash(word & 0x00ff_ffff);
        run += 1;
        bytes = &bytes[3..];
    }
    if let [b0, b1, b2] = *bytes {
        if starts_common_han(b0, b1) {
            parity ^= parity_hash(han_hash_value([b0, b1, b2]));
            run += 1;
        }
    }
    (run, parity)
}

/// Adds what the ASCII characters that `bytes` start with add up to in
/// [`Shape::of`] (but for `lead_han`), where they are two or more or one
/// that is printable: a neighbour outside the run does not matter then
/// (each space or control in it has an ASCII neighbour). Returns how many
/// bytes it took.
fn ascii_run(bytes: &[u8], shape: &mut Shape) -> usize {
    let mut run = 0;
    for &b in bytes {
        match b {
            b'0'..=b'9' | b'a'..=b'z' | b'A'..=b'Z' => {
                shape.width.add(TypesetWidth { tight: 1, loose: 1 });
                shape.non_space += 1;
                shape.alnum_parity ^= parity_hash(u32::from(b));
            }
            b' ' => shape.hspace = true,
            // The other printable characters: one cell, or as their
            // full-width forms ([`solid_cells`]).
            b'!'..=b'~' => {
                let wide = matches!(b, b',' | b':' | b';' | b'?' | b'!' | b'(' | b')');
                let cells = TypesetWidth {
                    tight: 1,
                    loose: 1 + usize::from(wide),
                };
                debug_assert_eq!(cells, solid_cells(char::from(b)));
                shape.width.add(cells);
                shape.non_space += 1;
                shape.clause_punct |= matches!(b, b',' | b';' | b'!' | b'?');
            }
            0x80.. => break,
            // Tabs and other controls, by the plain rules.
            _ => {
                let c = char::from(b);
                shape.width.add(typeset_cells(' ', c, None));
                shape.non_space += usize::from(!c.is_whitespace());
                shape.hspace |= is_hspace(c);
            }
        }
        run += 1;
    }
    run
}

/// The character of the UTF-8 sequence `b0 b1 b2` (of a `str`) where it is
/// one of the compressed CJK punctuation marks ([`solid_cells`]) most
/// frequent in running text, and whether it is clause punctuation
/// ([`CLAUSE_PUNCT`]).
fn compressed_punct(b0: u8, b1: u8, b2: u8) -> Option<(char, bool)> {
    if b0 & 0xf0 != 0xe0 {
        return None;
    }
    let c = char::from_u32(three_byte_code_point(b0, b1, b2))?;
    let clause = match c {
        '，' | '、' | '。' | '；' | '！' | '？' => true,
        '“' | '”' | '‘' | '’' | '：' | '（' | '）' | '《' | '》' => false,
        _ => return None,
    };
    debug_assert!(Class::of(c) == Class::CjkPunct);
    debug_assert_eq!(solid_cells(c), TypesetWidth { tight: 1, loose: 2 });
    debug_assert_eq!(CLAUSE_PUNCT.contains(&c), clause);
    Some((c, clause))
}

/// The number a common Han's UTF-8 is hashed as in [`common_han_run`].
fn han_hash_value([b0, b1, b2]: [u8; 3]) -> u32 {
    u32::from_le_bytes([b0, b1, b2, 0])
}

/// Longest line checked for doubling (headlines are short), and longest
/// doubled chunk: keeps the check linear.
const MAX_DOUBLED_LINE: usize = 200;
const MAX_DOUBLED_CHUNK: usize = 40;
const _: () = assert!(2 * MAX_DOUBLED_CHUNK <= MAX_DOUBLED_LINE);

/// Texts of at most this many bytes are checked for doubling with a buffer
/// of as many characters (see [`is_doubled_pair`]).
const SHORT_DOUBLED_TEXT: usize = 24;

/// The whole line (spaces aside) is a chain of doubled chunks `XXYYZZ`.
pub fn is_doubled(text: &str) -> bool {
    is_doubled_pair(text, "")
}

/// [`is_doubled`] of `a` and `b` joined, without joining them (unwrap asks
/// it of pairs of short lines). A text has no more characters than bytes:
/// a short one is read into a small buffer, as clearing the full one cost
/// more than the check of a short text (a page of one-character lines asks
/// it of every pair several times).
pub fn is_doubled_pair(a: &str, b: &str) -> bool {
    if a.len() + b.len() <= SHORT_DOUBLED_TEXT {
        let doubled = doubled_chain::<SHORT_DOUBLED_TEXT>(a, b);
        debug_assert_eq!(
            doubled,
            doubled_chain::<MAX_DOUBLED_LINE>(a, b),
            "{a:?} {b:?}"
        );
        doubled
    } else {
        doubled_chain::<MAX_DOUBLED_LINE>(a, b)
    }
}

/// [`is_doubled_pair`] with a buffer of `N` characters: all the characters
/// of `a` and `b`, or `MAX_DOUBLED_LINE`.
fn doubled_chain<const N: usize>(a: &str, b: &str) -> bool {
    // On the stack, and no further than a line that can be doubled.
    let mut buffer = ['\0'; N];
    let mut len = 0;
    let mut chars = a.chars().chain(b.chars()).filter(|&c| !is_hspace(c));
    // First as far as the first chunk can reach: a line that does not start
    // doubled is no chain, however long it is (most lines stop here).
    for c in chars.by_ref().take(2 * MAX_DOUBLED_CHUNK) {
        buffer[len] = c;
        len += 1;
    }
    // A chain has four characters or more (a lone pair `XX` is no chain):
    // a pair of one-character lines stops here.
    if len < 4 {
        return false;
    }
    let doubled_at =
        |chars: &[char], l: usize| chars[l] == chars[0] && chars[..l] == chars[l..2 * l];
    if !(1..=MAX_DOUBLED_CHUNK.min(len / 2)).any(|l| doubled_at(&buffer, l)) {
        return false;
    }
    for c in chars {
        // (Only a text longer than `MAX_DOUBLED_LINE` fills the buffer.)
        if len == N {
            return false;
        }
        buffer[len] = c;
        len += 1;
    }
    let chars = &buffer[..len];
    let mut i = 0;
    while i < chars.len() {
        let rest = chars.len() - i;
        let chunk = (1..=MAX_DOUBLED_CHUNK.min(rest / 2))
            .find(|&len| chars[i..i + len] == chars[i + len..i + 2 * len]);
        match chunk {
            Some(len) => i += 2 * len,
            None => return false,
        }
    }
    true
}

/// Characters other than spaces that [`is_dateline`] reads at most, with a
/// margin of one: a wire dateline is twelve characters of agency and place,
/// a date of at most seven (`11月21日电`), and the character after it.
pub const DATELINE_REACH: usize = 21;
/// Bytes [`is_dateline`] reads at most: nine characters and the one after
/// `讯`, or twelve of agency and place, two numbers with their units and
/// up to [`DATELINE_SPACES`] spaces on each side, `电` and the one after.
const DATELINE_BYTES: usize = 12 * 4 + 2 * (2 * DATELINE_SPACES + 2 + 3) + 3 + 4;
/// Most spaces [`is_dateline`] takes between a wire dateline's digits and
/// their units (`北京 11 月 21 日电`).
const DATELINE_SPACES: usize = 3;

/// Whether `text` opens with a dateline, the mark of a story's first
/// paragraph:
/// - up to eight characters then `讯` (`本报讯`, `科技日报讯`) followed by a
///   space or an opening mark, or by a date where `讯` follows a paper, an
///   agency, a site or a station (`本报讯6月12日`);
/// - or a wire dateline: up to twelve characters of agency and place, then
///   the day and `电` (`新华社北京11月21日电`, `本报上海6月1日电`, spaces
///   up to three on each side of the numbers), followed by a space, an opening
///   mark or nothing (OCR's `《` and `〈` for `（` too).
pub fn is_dateline(text: &str) -> bool {
    news_flash(text) || wire_dateline(text)
}

/// `讯`, Simplified and Traditional (`訊`): both start with the byte E8.
const XUN: [&[u8]; 2] = ["讯".as_bytes(), "訊".as_bytes()];

/// Whether `bytes` start with a `讯`.
fn starts_with_xun(bytes: &[u8]) -> bool {
    XUN.iter().any(|xun| bytes.starts_with(xun))
}

/// `…讯` datelines (see [`is_dateline`]).
fn news_flash(text: &str) -> bool {
    // Most lines have no `讯` in reach: a byte search tells (nine
    // characters take at most 36 bytes).
    let head = &text.as_bytes()[..text.len().min(36)];
    if !memchr::memchr_iter(XUN[0][0], head).any(|i| starts_with_xun(&head[i..])) {
        return false;
    }
    let mut chars = text.chars();
    let mut before = ' ';
    for _ in 0..9 {
        match chars.next() {
            Some('讯' | '訊') => {
                return match chars.next() {
                    c if opens_story_after_dateline(c) => true,
                    // A date or the text right after it only after a
                    // paper, an agency, a site or a station (`通讯5G`,
                    // `资讯平台` are words; extractors that write only the
                    // spaces a PDF draws lose the one in `本报讯 近年来`),
                    // and not `讯号`, `讯息`, `讯问`.
                    Some(c)
                        if c.is_ascii_digit()
                            || (is_cjk_letter(c)
                                && !matches!(c, '号' | '息' | '问' | '號' | '問')) =>
                    {
                        matches!(before, '报' | '社' | '网' | '台' | '報' | '網' | '臺')
                    }
                    _ => false,
                };
            }
            Some(c) if is_cjk_letter(c) => before = c,
            _ => return false,
        }
    }
    false
}

/// Wire datelines, `新华社北京11月21日电` (see [`is_dateline`]).
fn wire_dateline(text: &str) -> bool {
    let mut chars = text.chars().peekable();
    let mut letters = 0;
    while chars.next_if(|&c| is_cjk_letter(c)).is_some() {
        letters += 1;
        if letters > 12 {
            return false;
        }
    }
    // A number of one or two digits, then `unit`, a few spaces allowed
    // around.
    let mut number_then = |unit: char| {
        let spaces = |chars: &mut std::iter::Peekable<std::str::Chars>| {
            (0..DATELINE_SPACES).all(|_| chars.next_if_eq(&' ').is_some())
                && chars.peek() == Some(&' ')
        };
        if spaces(&mut chars) {
            return false;
        }
        let mut digits = 0;
        while chars.next_if(char::is_ascii_digit).is_some() {
            digits += 1;
        }
        !spaces(&mut chars) && (1..=2).contains(&digits) && chars.next() == Some(unit)
    };
    number_then('月')
        && number_then('日')
        && matches!(chars.next(), Some('电' | '電'))
        && opens_story_after_dateline(chars.next())
}

/// What may follow a dateline: nothing, a space, or an opening bracket or
/// quote (`（记者…）`; OCR reads `（` as `《` or `〈` now and then).
fn opens_story_after_dateline(next: Option<char>) -> bool {
    matches!(
        next,
        None | Some(' ' | '（' | '(' | '“' | '\u{3000}' | '《' | '〈' | '【')
    )
}

/// [`is_dateline`] of a text that starts with `lead` bytes of common Han.
/// Most lines are told by that run alone: `讯` is a common Han, so a
/// dateline's `讯` is among the run's first nine characters, unless kana or
/// other Han lead up to it as well; a wire dateline's place is followed by
/// a digit or a space.
fn is_dateline_after(text: &str, lead: usize) -> bool {
    const REACH: usize = 9 * 3;
    let han = &text.as_bytes()[..lead];
    // (The run is all three-byte characters.)
    let xun_in_reach = || han[..lead.min(REACH)].chunks_exact(3).any(starts_with_xun);
    let after = text[lead..].chars().next();
    // A wire dateline has `月` a few bytes after the place.
    let month_near = || {
        let near = &text.as_bytes()[lead..text.len().min(lead + DATELINE_SPACES * 2 + 2 + 3)];
        near.windows(3).any(|w| w == "月".as_bytes())
    };
    let maybe = xun_in_reach()
        || (lead < 12 * 3 && after.is_some_and(is_cjk_letter))
        || (lead <= 12 * 3 && matches!(after, Some(' ' | '0'..='9')) && month_near());
    let dateline = maybe && is_dateline(text);
    debug_assert_eq!(dateline, is_dateline(text), "{text}");
    dateline
}

/// The start of `text` without its spaces, as far as [`is_dateline`]
/// reads (a letter-spaced line can be long).
fn without_hspace(text: &str) -> String {
    text.chars()
        .filter(|&c| !is_hspace(c))
        .take(DATELINE_REACH + 1)
        .collect()
}

/// A list or section number that opens a line: `一、`, `十二、`, `1、`,
/// `2.`, `（三）`, `(4)`, `①`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Enumeration {
    /// Bytes of the marker.
    pub len: usize,
    /// It ends with `、`, which is no clause punctuation there.
    pub comma: bool,
}

/// `text` opens with the end of a word that a line before began: one CJK
/// letter and a clause mark other than a colon (`线，服从…`), and no item's
/// number (`一、`). No paragraph, headline or item opens so.
pub fn opens_with_word_end(text: &str) -> bool {
    let mut chars = text.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    // The mark first: most lines have none there.
    matches!(chars.next(), Some('，' | '。' | '、' | '；' | '！' | '？'))
        && is_cjk_letter(first)
        && enumeration(text).is_none()
}

/// The enumeration that opens `text`, if any: a number (Chinese numerals or
/// one or two digits) then `、` or `.`/`．` (not before a digit: `1.5亿元`),
/// a number in brackets, or a circled number; text must follow.
pub fn enumeration(text: &str) -> Option<Enumeration> {
    let first = text.chars().next()?;
    // Most lines open with none of these: told at once.
    if !(matches!(first, '①'..='⑳' | '（' | '(' | '0'..='9') || is_numeral(first)) {
        return None;
    }
    let mut chars = text.char_indices().peekable();
    let (len, comma) = match first {
        '①'..='⑳' => {
            chars.next();
            (first.len_utf8(), false)
        }
        '（' | '(' => {
            chars.next();
            let digits =
                std::iter::from_fn(|| chars.next_if(|&(_, c)| is_numeral(c) || c.is_ascii_digit()))
                    .count();
            match chars.next() {
                Some((at, c @ ('）' | ')'))) if (1..=3).contains(&digits) => {
                    (at + c.len_utf8(), false)
                }
                _ => return None,
            }
        }
        _ => {
            let arabic = first.is_ascii_digit();
            let digits = std::iter::from_fn(|| {
                chars.next_if(|&(_, c)| {
                    if arabic {
                        c.is_ascii_digit()
                    } else {
                        is_numeral(c)
                    }
                })
            })
            .count();
            if !(1..=if arabic { 2 } else { 3 }).contains(&digits) {
                return None;
            }
            match chars.next() {
                Some((at, '、')) => (at + '、'.len_utf8(), true),
                Some((at, c @ ('.' | '．'))) if arabic => {
                    if chars.peek().is_some_and(|&(_, n)| n.is_ascii_digit()) {
                        return None;
                    }
                    (at + c.len_utf8(), false)
                }
                _ => return None,
            }
        }
    };
    // Something other than a space must follow.
    let rest = text[len..].chars().next()?;
    (!is_hspace(rest)).then_some(Enumeration { len, comma })
}

/// A Chinese numeral of a section number (`一` to `十`).
fn is_numeral(c: char) -> bool {
    matches!(
        c,
        '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十'
    )
}

/// An OCR's reading of a mark of running text (RapidOCR, PaddleOCR): `丶`
/// (U+4E36, a radical that no running text uses) for `、`, or a `·` after a
/// Han ending the line for a small `。`. A headline has neither; a foreign
/// name split after its dot (`约翰·` / `史密斯`) is on a line of running
/// text anyway. (Not a sentence end, for that name:
/// [`crate::text::ends_sentence`] takes the OCR's `°`, `｡` and `……` read
/// as a run of `·`.)
fn has_ocr_clause_mark(text: &str) -> bool {
    ends_on_ocr_dot(text) || text.contains('丶')
}

/// A `·` after a Han ending the line (see [`has_ocr_clause_mark`]).
fn ends_on_ocr_dot(text: &str) -> bool {
    let mut back = text.chars().rev();
    back.next() == Some('·') && back.next().is_some_and(is_han)
}

/// The line's only clause punctuation is the `、` of the enumeration that
/// opens it (`一、信息技术服务收入占比过六成`: a numbered subheading).
fn only_enumeration_comma(text: &str) -> bool {
    let Some(e) = enumeration(text).filter(|e| e.comma) else {
        return false;
    };
    !text[e.len..].chars().any(|c| CLAUSE_PUNCT.contains(&c))
}

/// Prefixes of photo credits and of captions (Simplified, then
/// Traditional).
const CREDIT_PREFIXES: &[&str] = &[
    "图片来源",
    "图片提供",
    "图片由",
    "本版图片",
    "供图",
    "摄影",
    "圖片來源",
    "圖片提供",
    "圖片由",
    "本版圖片",
    "供圖",
    "攝影",
];
const CAPTION_PREFIXES: &[&str] = &[
    "图为",
    "左图",
    "右图",
    "上图",
    "下图",
    "资料图",
    "圖為",
    // The variant form that OpenCC and many Hong Kong texts write.
    "圖爲",
    "左圖",
    "右圖",
    "上圖",
    "下圖",
    "資料圖",
];
/// How a photographer's credit ends (`张三/摄`, `（张三摄）`).
const CREDIT_SUFFIXES: &[&str] = &["/摄", "／摄", "摄）", "摄)", "/攝", "／攝", "攝）", "攝)"];
/// The first characters of [`CAPTION_PREFIXES`] and [`CREDIT_PREFIXES`].
const PREFIX_STARTS: &[char] = &[
    '图', '左', '右', '上', '下', '资', '本', '供', '摄', '圖', '資', '攝',
];
/// Characters that lead a byline line.
const MARKERS: &[char] = &['▶', '►', '◎', '■', '●', '◆', '★', '□', '▲'];

/// Reporters' roles that open a byline, longest first where one opens
/// another (`本报记者` before `记者`); Simplified and Traditional.
const BYLINE_ROLES: &[&str] = &[
    "本报特约记者",
    "本報特約記者",
    "本报见习记者",
    "本報見習記者",
    "本报评论员",
    "本報評論員",
    "本报通讯员",
    "本報通訊員",
    "本报记者",
    "本報記者",
    "特约记者",
    "特約記者",
    "见习记者",
    "見習記者",
    "通讯员",
    "通訊員",
    "评论员",
    "評論員",
    "实习生",
    "實習生",
    "记者",
    "記者",
];
/// Whether `text` ends with a reporter's role (`…（记者`, `□本报评论员`).
pub fn ends_with_role(text: &str) -> bool {
    BYLINE_ROLES.iter().any(|r| text.ends_with(r))
}

/// Whether `text` opens with a reporter's role (`通讯员 孙丽）`).
pub fn starts_with_role(text: &str) -> bool {
    BYLINE_ROLES.iter().any(|r| text.starts_with(r))
}

/// The first characters of [`BYLINE_ROLES`].
const BYLINE_STARTS: &[char] = &[
    '本', '特', '见', '見', '通', '评', '評', '实', '實', '记', '記',
];
/// Most Han of the names after one role (three names of two to four Han).
const MAX_BYLINE_NAMES: usize = 12;
/// Most Han of one name.
const MAX_NAME: usize = 4;

/// Whether `text` is a byline line and nothing else: one or more roles,
/// each followed by names (Han only, each two to four long where spaces set
/// them apart): `本报记者 江月 实习生 周晨`, `本报记者孙悦`, `记者 王欣 李明`.
/// Not a line of running text that opens so: `记者在现场看到，…` has
/// punctuation, and without spaces the names after a role are one name
/// (`记者来到该公司` is no byline). A line of a role and two to four Han
/// (`记者了解到`) would pass; as a line of its own it is rare.
fn is_byline(text: &str) -> bool {
    // Most lines that open so are running text: long, or with punctuation
    // or digits (told before anything is collected).
    const MAX_BYTES: usize = 3 * 2 * MAX_BYLINE_NAMES + 8;
    if text.len() > MAX_BYTES || !text.chars().all(|c| is_han(c) || is_hspace(c)) {
        return false;
    }
    let compact: String = text.chars().filter(|&c| !is_hspace(c)).collect();
    if compact.chars().count() > 2 * MAX_BYLINE_NAMES {
        return false;
    }
    let role_at = |rest: &str| BYLINE_ROLES.iter().find(|r| rest.starts_with(*r)).copied();
    // The spaced words, to check each name's length where spaces show them.
    let words: Vec<&str> = text.split(is_hspace).filter(|w| !w.is_empty()).collect();
    let mut rest = compact.as_str();
    let mut groups = 0;
    while !rest.is_empty() {
        let Some(role) = role_at(rest) else {
            return false;
        };
        rest = &rest[role.len()..];
        // The names: Han up to the next role or the end.
        let mut names = 0;
        let mut end = 0;
        for (at, c) in rest.char_indices() {
            if role_at(&rest[at..]).is_some() && names >= 2 {
                break;
            }
            if !is_han(c) {
                return false;
            }
            names += 1;
            end = at + c.len_utf8();
        }
        // One name where no space sets names apart (`记者在某县现代农业示
        // 范园区看` is a line of running text in a narrow column).
        if !(2..=MAX_BYLINE_NAMES).contains(&names) || (names > MAX_NAME && words.len() < 2) {
            return false;
        }
        rest = &rest[end..];
        groups += 1;
    }
    groups > 0
        && words.iter().all(|w| {
            let n = w.chars().count();
            BYLINE_ROLES.iter().any(|r| w.starts_with(r)) || (2..=MAX_NAME).contains(&n)
        })
}

/// Whether `text` (one trimmed line) is a credit or caption, a line this
/// pass moves out of a paragraph as a whole.
pub fn is_float_line(text: &str) -> bool {
    let first = text.chars().next().unwrap_or(' ');
    let last = text.chars().next_back().unwrap_or(' ');
    kind_of(text, first, last).is_float()
}

/// What `text` is by its prefix and suffix (`first` and `last` are its first
/// and last characters).
fn kind_of(text: &str, first: char, last: char) -> LineKind {
    if MARKERS.contains(&first) || (BYLINE_STARTS.contains(&first) && is_byline(text)) {
        return LineKind::Marker;
    }
    // Most lines neither start nor end like a credit or caption.
    if !PREFIX_STARTS.contains(&first) && !matches!(last, '摄' | '攝' | '）' | ')') {
        return LineKind::Text;
    }
    // The text without its spaces, read from either end without copying it.
    let compact = || text.chars().filter(|&c| !is_hspace(c));
    let (Some(head), Some(tail)) = (compact().next(), compact().next_back()) else {
        return LineKind::Text;
    };
    // Most prefixes and suffixes differ from the text at once: their first
    // (last) character tells without a walk.
    let starts_with = |prefix: &str| {
        let mut chars = compact();
        prefix.starts_with(head) && prefix.chars().all(|p| chars.next() == Some(p))
    };
    let ends_with = |suffix: &str| {
        let mut chars = compact().rev();
        suffix.ends_with(tail) && suffix.chars().rev().all(|p| chars.next() == Some(p))
    };
    // Asked last, and only of a text that ends as every suffix does (most
    // lines here are here for their first character).
    let credit_end =
        || matches!(tail, '摄' | '攝' | '）' | ')') && CREDIT_SUFFIXES.iter().any(|s| ends_with(s));
    let short = || compact().nth(40).is_none();
    if CAPTION_PREFIXES.iter().any(|p| starts_with(p)) {
        LineKind::Caption
    } else if CREDIT_PREFIXES.iter().any(|p| starts_with(p)) || (credit_end() && short()) {
        LineKind::Credit
    } else {
        LineKind::Text
    }
}

/// Function words that end neither a headline nor a paragraph: structural
/// particles, conjunctions and prepositions that need what follows them
/// (`至`: the end of a range, `18时至` / `23时`).
const FUNCTION_WORDS: &[char] = &[
    '的', '与', '和', '及', '或', '并', '对', '把', '被', '从', '向', '让', '使', '至',
    // Traditional forms that differ.
    '與', '並', '對', '從', '讓',
];

/// The last Han character of a line (ignoring nothing: it must be the last
/// character) paired with the first of the next, for the bigram signal.
pub fn han_pair(prev: &Line, next: &Line) -> Option<(char, char)> {
    (is_han(prev.last) && is_han(next.first)).then_some((prev.last, next.first))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doubled_lines() {
        for (text, expected) in [
            ("园区热点园区热点", true),
            ("总投资额约总投资额约6060亿元亿元55项目签约项目签约", true),
            ("布局布局““六大领域六大领域””", true),
            (
                " 厦门火炬高新区智能制造厦门火炬高新区智能制造““加速跑加速跑””",
                true,
            ),
            // Ordinary reduplication inside a line is not bold.
            ("谢谢大家", false),
            ("明明白白地说", false),
            ("研究研究", true),
            ("", false),
        ] {
            assert_eq!(is_doubled(text), expected, "{text}");
            // Any split of the text, whichever buffer the pair is read into.
            for (at, _) in text.char_indices() {
                let (a, b) = text.split_at(at);
                assert_eq!(is_doubled_pair(a, b), expected, "{a} {b}");
            }
            // Doubled chains pass the cheap test of `alnum_parity`.
            let parity = Shape::of(text).alnum_parity;
            assert!(!expected || parity == 0, "{text}");
            assert!(expected || text.is_empty() || parity != 0, "{text}");
        }
    }

    #[test]
    fn letter_spacing_and_phrases() {
        let line = |text| Line::new(text, 0);
        assert!(line("西 安 高 新 区 相 关 负 责 人 表 示 ， 作").letter_spaced);
        assert!(!line("本报讯 近日，南昌高新").letter_spaced);
        assert!(line("精准谋划 精细指导").phrases);
        assert!(!line("2024 年湖北").phrases);
        assert!(!line("科技日报讯 （记者俞慧友） 记者从湖").phrases);
        assert!(!line("形成“研发 — 孵化").phrases);
        assert!(line("突出“快” 招商引资跑出加速度").phrases);
    }

    #[test]
    fn prefix_starts_are_the_first_characters_of_the_prefixes() {
        let mut starts: Vec<char> = CAPTION_PREFIXES
            .iter()
            .chain(CREDIT_PREFIXES)
            .filter_map(|p| p.chars().next())
            .collect();
        starts.sort_unstable();
        starts.dedup();
        let mut expected = PREFIX_STARTS.to_vec();
        expected.sort_unstable();
        assert_eq!(starts, expected);
    }

    /// A line the later passes edited is what a scan of its text finds.
    #[test]
    fn edited_lines_are_measured_like_scanned_ones() {
        for (old, new) in [
            // `spacing` takes spaces out (around digits, between Han, at
            // either end of the text), collapses runs, undoes letter spacing.
            (
                "总投资额约 60 亿元，共签约 5 个项目。",
                "总投资额约60亿元，共签约5个项目。",
            ),
            ("本报讯 近日 ，2024 年", "本报讯 近日，2024年"),
            // (Past the reach of a dateline.)
            (
                "本报讯 近日，某市高新区发布新一轮 2024 年规划",
                "本报讯 近日，某市高新区发布新一轮2024年规划",
            ),
            ("新 质  生产力", "新 质 生产力"),
            ("精 彩 纷 呈", "精彩纷呈"),
            ("A  B", "A B"),
            ("中\u{3000}文", "中 文"),
            // `punct` widens ASCII punctuation next to Han, at the ends too.
            (
                "据介绍,5 个项目(南京)已开工!",
                "据介绍，5个项目（南京）已开工！",
            ),
            ("(记者 张三)本报讯", "（记者张三）本报讯"),
            ("如下:甲;乙?", "如下：甲；乙？"),
            // `bylines` puts a trailing byline on its own line.
            ("全力推进高质量发展。 何昶 周芳", "全力推进高质量发展。"),
            // Phrases, whitespace and clause punctuation taken away or
            // left elsewhere in the text.
            ("精准谋划 精细指导 稳步推进", "精准谋划精细指导 稳步推进"),
            ("精准谋划 精细指导", "精准谋划精细指导"),
            ("甲 乙,丙", "甲乙，丙"),
            ("甲 乙 丙", "甲乙丙"),
            ("甲,乙", "甲乙"),
            // Doubled or letter-spaced lines, and any other edit.
            ("园区园区热点热点", "园区园区 热点热点"),
            ("西 安 高 新 区 相 关", "西安高新区相关"),
            ("某市高新区", "某县高新区"),
            ("", "某市"),
            ("某市", ""),
        ] {
            let line = Line::new(old, 0);
            assert_eq!(line.edited(new, 2), Line::new(new, 2), "{old:?} -> {new:?}");
        }
    }

    /// A line joined from lines is what a scan of the joined text finds.
    #[test]
    fn joined_lines_are_measured_like_scanned_ones() {
        for parts in [
            &["近日，某市高新区发布新一", "轮产业发展规划。"][..],
            // Two CJK characters meet at the join (`tight`), and a
            // punctuation mark does.
            &["发展“", "新质生产力”，", "加快"],
            // Latin letters: `render` puts a space between them.
            &["the Energy", "Storage 项目"],
            &["AI", "芯片"],
            // The joined line ends in a byline, starts with a dateline,
            // is a credit, reads as doubled, is letter-spaced.
            &["全力推进高质量", "发展。 何昶 周芳"],
            &["本报", "讯 近日，某区"],
            &["图片", "来源：西安高新区"],
            &["园区热点", "园区热点"],
            &["园 区", "热 点 新 闻"],
            // Parts that are doubled or letter-spaced themselves.
            &["园区园区", "热点热点"],
            &["精 彩 纷 呈", "好"],
            &["精准谋划 精细指导", "稳步推进"],
            // An OCR's `·` for `。` ends a part (clause punctuation there
            // only): inside the joined line it is none (fuzz campaign 82).
            &["增长较快·", "数据显示"],
        ] {
            let lines: Vec<Line> = parts.iter().map(|t| Line::new(t, 0)).collect();
            let mut text = String::new();
            for line in &lines {
                if text
                    .chars()
                    .next_back()
                    .is_some_and(super::super::latin_letter)
                    && super::super::latin_letter(line.first)
                {
                    text.push(' ');
                }
                text.push_str(line.text);
            }
            let refs: Vec<&Line> = lines.iter().collect();
            assert_eq!(Line::joined(&text, &refs), Line::new(&text, 0), "{parts:?}");
        }
    }

    /// The byte test of `common_han_run` finds what `is_common_han` does,
    /// at the edges of its blocks and next to them.
    #[test]
    fn common_han_runs_by_bytes() {
        for c in [
            '\u{3000}',
            '\u{3007}',
            '\u{33FF}',
            '\u{3400}',
            '\u{3FFF}',
            '\u{4000}',
            '\u{4DBF}',
            '\u{4DC0}',
            '\u{4DFF}',
            '\u{4E00}',
            '\u{4FFF}',
            '\u{5000}',
            '\u{9FFF}',
            '\u{A000}',
            '\u{F900}',
            '\u{20000}',
            'a',
            '，',
            '“',
        ] {
            let text = format!("{c}{c}x");
            let expected = if is_common_han(c) { 2 } else { 0 };
            assert_eq!(common_han_run(text.as_bytes()).0, expected, "{c:?}");
        }
    }

    /// No character is both CJK punctuation and a CJK letter: `Shape::of`
    /// takes punctuation for no letter without asking.
    #[test]
    fn cjk_punctuation_is_no_letter() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            assert!(!(is_cjk_punct(c) && is_cjk_letter(c)), "{c:?}");
        }
    }

    proptest::proptest! {
        #![proptest_config(crate::testing::proptest_config(512))]
        /// The scan of `Shape::of` finds what measuring each character
        /// with its neighbours finds.
        #[test]
        fn shapes_by_class_agree_with_plain_ones(
            chars in proptest::collection::vec(proptest::sample::select(vec![
                '中', '国', '\u{3400}', '\u{4DBF}', '\u{4DC0}', '\u{9FFF}', '\u{A000}', '\u{F900}',
                '\u{20000}', '\u{3007}', 'ア', 'ｱ', '，', '。', '、', '“', '”', '’', '」', '—', '…',
                '\u{2015}', '·', '（', '）', '：', '《', '；', '！', '‘', ',', ';', '!', '?', '(', 'a',
                'Z', '5', ' ', ' ', '\t', '\u{3000}', '\u{a0}', '\u{2028}', 'é', '-', '\r', '\n',
                '\u{b}', '\u{1}', '.', ':', ')', '%', '~',
            ]), 0..24)
        ) {
            let text: String = chars.into_iter().collect();
            proptest::prop_assert_eq!(Shape::of(&text), Shape::of_decoded(&text), "{:?}", text);
        }
    }

    #[test]
    fn non_space_counts() {
        let text = "甲 乙\u{3000}丙“丁”，\u{a0}x\u{85}é\u{2028}\u{b}\r—";
        let expected = text.chars().filter(|c| !c.is_whitespace()).count();
        assert_eq!(Shape::of(text).non_space, expected);
    }

    #[test]
    fn kinds() {
        for (text, kind) in [
            ("图片来源：西安高新区", LineKind::Credit),
            ("张海鹏/摄", LineKind::Credit),
            (
                "左图：选手在舞台上深情演讲。右图：大赛颁奖典礼现场。",
                LineKind::Caption,
            ),
            ("▶ 杨 坤", LineKind::Marker),
            ("◎本报记者 符晓波", LineKind::Marker),
            // Byline lines of roles and names only.
            ("本报记者 江月 实习生 周晨", LineKind::Marker),
            ("本报记者孙悦", LineKind::Marker),
            ("本报记者江月实习生周晨", LineKind::Marker),
            ("记者 王欣 李明 通讯员 赵刚", LineKind::Marker),
            ("本報記者 江月 實習生 周晨", LineKind::Marker),
            ("本报评论员 郭峰", LineKind::Marker),
            // Traps: running text that opens with a role.
            ("记者在某县现代农业示范园区看", LineKind::Text),
            ("记者来到该公司", LineKind::Text),
            ("记者在现场看到，", LineKind::Text),
            ("本报记者 近日从市交通局获悉", LineKind::Text),
            ("通讯员", LineKind::Text),
            ("炎炎夏日，热浪来袭。", LineKind::Text),
            // Spaces inside a prefix or suffix do not count.
            ("图 为 选手在舞台上", LineKind::Caption),
            ("张海鹏 / 摄", LineKind::Credit),
            ("本报讯 近日（记者 张海鹏）", LineKind::Text),
            ("（张海鹏 摄）", LineKind::Credit),
            // Traditional.
            ("圖片來源：西安高新區", LineKind::Credit),
            ("張海鵬/攝", LineKind::Credit),
            ("圖為選手在舞台上", LineKind::Caption),
            ("圖爲選手在舞台上", LineKind::Caption),
        ] {
            let (first, last) = (text.chars().next().unwrap(), text.chars().last().unwrap());
            assert_eq!(kind_of(text, first, last), kind, "{text}");
        }
    }

    #[test]
    fn enumerations() {
        for (text, expected) in [
            ("一、信息技术服务收入", Some((6, true))),
            ("十二、东部地区", Some((9, true))),
            ("（一）概念验证", Some((9, false))),
            ("(4)中试平台", Some((3, false))),
            ("（12）加快", Some((8, false))),
            ("1、加强领导", Some((4, true))),
            ("2.完善机制", Some((2, false))),
            ("3．优化服务", Some((4, false))),
            ("①提升能力", Some((3, false))),
            // Not enumerations.
            ("1.5亿元", None),
            ("2024年", None),
            ("一是加强", None),
            ("十分重要", None),
            ("一、", None),
            ("一、 加强", None),
            ("（一二三四）", None),
            ("（记者）", None),
            ("123、", None),
            ("", None),
        ] {
            let found = enumeration(text).map(|e| (e.len, e.comma));
            assert_eq!(found, expected, "{text}");
        }
        // The comma of an enumeration is no clause punctuation there;
        // an OCR's readings of clause marks are.
        for (text, clause_punct) in [
            ("一、信息技术服务收入占比过六成", false),
            ("一、加强组织领导，完善机制", true),
            ("1、加强领导", false),
            ("甲、乙两家企业", true),
            // An OCR's readings of `、` and, ending the line, of `。`.
            ("展丶产业实力提升注入新活力", true),
            ("产业实力提升注入新活力·", true),
            // … after an enumeration's `、` too (fuzz campaign 62: a line
            // joined from this one disagreed with one measured whole).
            ("一、时业高地丶强化企业创新", true),
            // Traps: a middle dot inside a headline; one after a Latin
            // letter or at the start.
            ("北京·上海双城记", false),
            ("对话Dr·", false),
            ("·", false),
        ] {
            assert_eq!(Line::new(text, 0).clause_punct, clause_punct, "{text}");
        }
    }

    #[test]
    fn datelines() {
        for (text, expected) in [
            ("本报讯 近日", true),
            ("科技日报讯 （记者俞慧友）", true),
            ("本报讯“济南", true),
            ("讯息时代", false),
            ("据悉，该计划", false),
            ("新华社讯问题", false),
            ("本报讯", true),
            ("本报讯，近日", false),
            ("讯讯 近日", false),
            ("一二三四五六七八讯 近日", true),
            ("一二三四五六七八九讯 近日", false),
            // Kana and Han beyond the common blocks lead up to `讯` too.
            ("本ア报讯 近日", true),
            ("\u{20000}报讯 近日", true),
            ("　本报讯 近日", false),
            // `讯` and one character more is a word (`讯息`), no dateline.
            ("约展白讯区", false),
            ("本报讯A", false),
            ("短讯息", false),
            ("讯讯区", false),
            // A date right after `讯` (the space cleaned away already).
            ("本报讯6月12日，清华", true),
            ("通讯5G基站", false),
            // … or the text itself (the space lost), after a paper only.
            ("本报讯近年来，长治", true),
            ("科技日报讯近日，", true),
            ("资讯平台上线", false),
            // Traditional.
            ("本報訊 近日", true),
            ("本報訊近年來，長治", true),
            ("科技日報訊（記者俞慧友）", true),
            ("新華社北京10月24日電（記者王曉東）", true),
            ("警報訊號響起", false),
            ("警报讯号响起", false),
            ("本网讯息显示", false),
            // Wire datelines: agency, place, day, `电`.
            ("新华社北京11月21日电（记者张三）", true),
            // OCR's readings of `（`.
            ("新华社北京10月24日电〈记者王晓东）", true),
            ("科技日报讯《记者杨宇航）", true),
            ("新华社北京 11 月 21 日电 记者张三", true),
            ("本报上海6月1日电", true),
            ("中新网华盛顿11月20日电 (记者 李四)", true),
            ("6月1日电", true),
            // Dates in running text.
            ("据新华社北京11月21日电，", false),
            ("该公司6月1日电价下调", false),
            ("今年6月12日，清华", false),
            ("一二三四五六七八九十一二三1月1日电", false),
            ("新华社北京111月21日电", false),
            ("新华社北京   11   月   21   日电", true),
            ("新华社北京    11月21日电", false),
        ] {
            assert_eq!(is_dateline(text), expected, "{text}");
            assert_eq!(Line::new(text, 0).dateline, expected, "{text}");
        }
        // Letter-spaced (a justified line with a long number).
        for (text, expected) in [
            ("新 华 社 北 京 10 月 24 日 电 （ 记 者 王 晓", true),
            ("本 报 讯 （ 记 者 张 三 ） 近 日 ， 某", true),
            ("据 新 华 社 北 京 10 月 24 日 电 ， 某 市", false),
        ] {
            assert!(Line::new(text, 0).letter_spaced, "{text}");
            assert_eq!(Line::new(text, 0).dateline, expected, "{text}");
        }
    }
}
