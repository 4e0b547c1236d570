//! `undouble`: removes the copies a fake-bold extractor made (GOLDEN.md rule 2).
//!
//! Bold headlines are often printed by drawing every glyph run twice, and
//! extractors then emit each text chunk twice. Three shapes are fixed:
//!
//! - **Doubled chain**: a whole line (spaces aside) is `XX YY ZZ …`, e.g.
//!   `总投资额约总投资额约6060亿元亿元55项目签约项目签约`. The second copy of
//!   every chunk is removed, giving `总投资额约60亿元5项目签约`.
//! - **Repeated line**: a headline line followed by the same line
//!   (`园区热点` / `园区热点`). The later copies are removed with the line
//!   breaks before them.
//! - **Staircase**: lines that overlap like `总投资额约` / `总投资额约60` /
//!   `60亿元` / `亿元`, i.e. `X1` / `X1 X2` / `X2 X3` / … / `Xm`. Every line
//!   after the first starts with a copy of the part the line above added, so
//!   that copy is removed (an `Undouble` edit) and the line break before it
//!   is removed (a `Join` edit), giving `X1 X2 … Xm` = `总投资额约60亿元`.
//!
//! How a chain is found: the line's graphemes (spaces left out) are
//! `g[0..n]`. A dynamic programme runs from the right: `best[i]` is the least
//! number of doubled chunks `g[i..i+k] == g[i+k..i+2k]` that split `g[i..n]`
//! exactly, or "none". The comparison is exact and O(1) per `(i, k)`: for
//! every shift `k` the pass keeps `run[k]`, the length of the common run of
//! `g[i..]` and `g[i+k..]`, updated from `i+1` to `i` in constant time, and
//! `g[i..i+k]` is doubled iff `run[k] >= k`. That is O(n·n/2) time and O(n)
//! memory per line, and only lines of at most [`MAX_CHAIN_GRAPHEMES`]
//! graphemes are looked at, so the pass stays linear in the text.
//! `best[0]` is set only through a chain of verified doubled chunks that
//! starts at 0 and ends exactly at `n`, so every grapheme of an accepted line
//! lies inside a chunk that is followed by its copy: a line with any part that
//! is not doubled (one stray grapheme is enough) has no such chain and is left
//! alone. Where several splits exist (`谢谢谢谢` is `谢谢|谢谢` or
//! `谢|谢` `谢|谢`), the one with the fewest, hence longest, chunks wins
//! (ties: the longer first chunk), because the extractor doubles whole runs.
//! A line drawn four times is a chain whose single copy is a chain again; it
//! is undoubled until no accepted chain is left. ASCII marks that `punct`
//! widens later compare equal to their full-width forms (`,，` is doubled).
//! Both make a second run of the pipeline find nothing left to do.
//!
//! Most lines are never numbered: a glance at a line finds its first
//! character and whether the characters from there may start with a chunk
//! followed by its copy (every chain does). A line that may not is no
//! chain, and a line whose next line starts differently, or which ends a
//! sentence, starts no repeat or staircase; only the others get the
//! grapheme machinery. (Debug builds check each glance against it.)
//!
//! Reduplication is not fake bold. A chain is accepted only if its single
//! copy has at least [`MIN_RESULT_GRAPHEMES`] graphemes, two different ones
//! and two CJK letters, and one chunk of at least [`MIN_LONGEST_CHUNK`]
//! graphemes. So a line that is just `谢谢`, `常常`, `人人`, `看看`,
//! `研究研究`, `明明白白`, `谢谢谢谢` or `哈哈哈哈哈哈` stays as it is (a real
//! headline that short is rare, and missing one costs less than damaging body
//! text). Body text inside a line (`明明白白地说`, `天天向上`) never changes,
//! since those lines have undoubled parts.
//!
//! Repeated lines and staircases are accepted only among consecutive
//! headline-like lines: at most [`MAX_HEADLINE_GRAPHEMES`] graphemes, no
//! sentence punctuation (`。！？；!?;`), and a result of at least
//! [`MIN_RESULT_GRAPHEMES`] graphemes with two CJK letters (so short table
//! cells such as `已完成` / `已完成` stay). Blank lines between them do not
//! matter: `unwrap` removes them, and the pipeline run again must decide the
//! same. Body paragraphs are never merged or dropped, and the overlap must
//! partition every line exactly, so a reduplication split over a wrap
//! (`…再研究` / `研究’。…`, `天` / `天向上…`) is no staircase. Lines that are
//! themselves doubled chains are compared by their single copy for repeats
//! (so `园区热点园区热点` / `园区热点` becomes one line in one run) and never
//! take part in a staircase.
//!
//! Never touches: anything else. It only removes copies (and, for repeats and
//! staircases, the line breaks before them); spaces left behind are for
//! `spacing`.

use std::collections::{HashMap, VecDeque};
use std::ops::Range;

use crate::config::Config;
use crate::edit::{Edit, EditKind};
use crate::pass::{Pass, PassOutput};
use crate::passes::punct;
use crate::text;

pub struct Undouble;

/// Longer lines (spaces aside) are never examined as chains: a doubled
/// headline is far shorter, and the cap keeps the quadratic per-line search
/// bounded.
pub const MAX_CHAIN_GRAPHEMES: usize = 200;
/// The single copy of an accepted chain has at least this many graphemes.
pub const MIN_RESULT_GRAPHEMES: usize = 4;
/// An accepted chain has a chunk at least this long (ordinary reduplication
/// doubles one or two characters at a time).
pub const MIN_LONGEST_CHUNK: usize = 3;
/// Repeated lines and staircase steps are at most this long.
pub const MAX_HEADLINE_GRAPHEMES: usize = 40;
/// Most lines of one staircase (or copies in one repeat).
const MAX_SHAPE_LINES: usize = 8;

impl Pass for Undouble {
    fn name(&self) -> &'static str {
        "undouble"
    }

    fn description(&self) -> &'static str {
        "remove fake-bold copies: doubled chains (XXYY), repeated headline lines, staircases of partial copies"
    }

    fn run(&self, input: &str, config: &Config, out: &mut PassOutput) {
        #[cfg(debug_assertions)]
        let before = (out.edits.len(), out.notes.len());
        undouble(input, config, out, true);
        #[cfg(debug_assertions)]
        {
            let mut plain = PassOutput::default();
            undouble(input, config, &mut plain, false);
            assert_eq!(out.edits[before.0..], plain.edits, "{input:?}");
            assert_eq!(out.notes[before.1..], plain.notes, "{input:?}");
        }
    }
}

/// The pass. With `glance_first`, a line's graphemes are numbered only
/// where its [`Glance`] and its neighbour's cannot rule out what they are
/// needed for (a chain, a repeat or staircase starting at it): most lines
/// are left after a look at a few characters. Without, every line is
/// numbered (the plain rule the tests compare the fast path with).
fn undouble(input: &str, config: &Config, out: &mut PassOutput, glance_first: bool) {
    let mut source = text::nonblank_lines(input);
    let mut analyzer = Analyzer {
        input,
        interner: Interner::default(),
        spare: Vec::new(),
    };
    let mut window: VecDeque<Line> = VecDeque::new();
    loop {
        while window.len() <= MAX_SHAPE_LINES {
            match source.next() {
                Some(line) => window.push_back(Line::new(input, line.range)),
                None => break,
            }
        }
        if window.is_empty() {
            break;
        }
        let lines = window.make_contiguous();
        let consumed = if glance_first && !may_start_shape(lines, input) {
            if lines[0].glance.may_chain {
                analyzer.analyze(&mut lines[0]);
            }
            chain_edits(&lines[0], input, config, out);
            1
        } else {
            if !glance_first {
                for line in lines.iter_mut() {
                    analyzer.analyze(line);
                }
            }
            analyzer.analyze(&mut lines[0]);
            if let Some(n) = repeated_line(lines, &mut analyzer, out) {
                chain_edits(&lines[0], input, config, out);
                n
            } else if let Some(n) = staircase(lines, &mut analyzer, out) {
                n
            } else {
                chain_edits(&lines[0], input, config, out);
                1
            }
        };
        for _ in 0..consumed {
            if let Some(ids) = window.pop_front().and_then(Line::into_ids) {
                analyzer.spare.push(ids);
            }
        }
    }
}

/// Numbers the graphemes of lines as the pass comes to need them.
struct Analyzer<'a> {
    input: &'a str,
    interner: Interner,
    /// Id buffers of lines that left the window, reused for new lines.
    spare: Vec<Vec<u32>>,
}

impl Analyzer<'_> {
    fn analyze(&mut self, line: &mut Line) {
        line.analyze(self.input, &mut self.interner, &mut self.spare);
    }
}

/// Whether a repeat or a staircase may start at `lines[0]`, as far as the
/// glances tell: both need a next line whose first grapheme is the first
/// one's (a copy of it, or of a step that starts with all of it), and a
/// first line that is headline-like, so does not end a sentence.
fn may_start_shape(lines: &[Line], input: &str) -> bool {
    let [first, second, ..] = lines else {
        return false;
    };
    let same_start = match (first.glance.first, second.glance.first) {
        (First::Nothing, _) | (_, First::Nothing) => false,
        (First::Id(a), First::Id(b)) => a == b,
        _ => true,
    };
    same_start && !text::ends_sentence(&input[first.range.clone()])
}

/// A non-blank line with what the shapes need to know about it. Until
/// [`Line::analyze`] numbers its graphemes, it looks like a line that is no
/// chain and no headline, which its glance proves of most lines.
#[derive(Debug)]
struct Line {
    range: Range<usize>,
    glance: Glance,
    /// (Boxed: most lines never get one, and the window moves lines.)
    analysis: Option<Box<Analysis>>,
}

/// A line's graphemes (spaces left out), kept as ids only; their byte spans
/// are measured again ([`grapheme_spans`]) for the few lines that get an
/// edit.
#[derive(Debug)]
struct Analysis {
    /// The ids of the graphemes without spaces, or `None` for a line longer
    /// than [`MAX_CHAIN_GRAPHEMES`].
    ids: Option<Vec<u32>>,
    /// For an accepted doubled chain: the graphemes of its single copy
    /// (indices into `ids`, in order) and their ids.
    chain: Option<(Vec<usize>, Vec<u32>)>,
    /// A decomposition that was found but rejected as reduplication.
    rejected_chain: bool,
    /// Contains sentence punctuation: never a headline. Only worked out for
    /// lines short enough to be one (`true` for the others).
    sentence_like: bool,
}

impl Line {
    fn new(input: &str, range: Range<usize>) -> Line {
        let glance = Glance::of(&input[range.clone()]);
        #[cfg(debug_assertions)]
        glance.check(&input[range.clone()]);
        Line {
            range,
            glance,
            analysis: None,
        }
    }

    /// Numbers the line's graphemes and finds its chain (once), taking an
    /// id buffer from `spare`.
    fn analyze(&mut self, input: &str, interner: &mut Interner, spare: &mut Vec<Vec<u32>>) {
        if self.analysis.is_none() {
            let text = &input[self.range.clone()];
            self.analysis = Some(Box::new(Analysis::of(text, interner, spare)));
        }
    }

    /// The id buffer of an analysed line, for reuse.
    fn into_ids(self) -> Option<Vec<u32>> {
        self.analysis?.ids
    }

    fn chain(&self) -> Option<&(Vec<usize>, Vec<u32>)> {
        self.analysis.as_ref()?.chain.as_ref()
    }

    fn rejected_chain(&self) -> bool {
        self.analysis.as_ref().is_some_and(|a| a.rejected_chain)
    }

    /// The grapheme ids of the line's single copy (the line itself unless it
    /// is a doubled chain).
    fn canonical(&self) -> &[u32] {
        self.analysis.as_ref().map_or(&[], |a| a.canonical())
    }

    /// Short, without sentence punctuation: may be a headline or a credit.
    fn headline_like(&self) -> bool {
        self.analysis.as_ref().is_some_and(|a| {
            a.ids.is_some()
                && !a.sentence_like
                && !a.canonical().is_empty()
                && a.canonical().len() <= MAX_HEADLINE_GRAPHEMES
        })
    }

    /// Byte spans of the line's graphemes without spaces, in the order of
    /// `ids` (empty for a line without ids).
    fn spans(&self, input: &str) -> Vec<Range<usize>> {
        if self.ids_if_counted().is_none() {
            return Vec::new();
        }
        grapheme_spans(&input[self.range.clone()], self.range.start)
    }

    fn first_start(&self, input: &str) -> usize {
        self.spans(input)
            .first()
            .map_or(self.range.start, |g| g.start)
    }

    fn last_end(&self, input: &str) -> usize {
        self.spans(input).last().map_or(self.range.end, |g| g.end)
    }

    fn ids_if_counted(&self) -> Option<&[u32]> {
        self.analysis.as_ref()?.ids.as_deref()
    }

    fn ids(&self) -> &[u32] {
        self.ids_if_counted().unwrap_or(&[])
    }
}

impl Analysis {
    fn of(text: &str, interner: &mut Interner, spare: &mut Vec<Vec<u32>>) -> Analysis {
        let mut analysis = Analysis {
            ids: None,
            chain: None,
            rejected_chain: false,
            sentence_like: true,
        };
        let mut ids = spare.pop().unwrap_or_default();
        let Some(sentence_punct) = grapheme_ids(text, interner, &mut ids) else {
            spare.push(ids);
            return analysis;
        };
        let (chain, rejected) = undouble_chain(&ids, interner);
        analysis.chain = chain.map(|kept| {
            let single = kept.iter().map(|&i| ids[i]).collect();
            (kept, single)
        });
        analysis.rejected_chain = rejected;
        analysis.ids = Some(ids);
        // Only a line that may be headline-like needs the (slower) test.
        if (1..=MAX_HEADLINE_GRAPHEMES).contains(&analysis.canonical().len()) {
            analysis.sentence_like = sentence_punct || text::ends_sentence(text);
        }
        analysis
    }

    fn canonical(&self) -> &[u32] {
        match (&self.chain, &self.ids) {
            (Some((_, single)), _) => single,
            (None, Some(ids)) => ids,
            (None, None) => &[],
        }
    }
}

/// What a look at a few characters of a line tells, before (and for most
/// lines instead of) numbering its graphemes: what its first grapheme
/// starts with, which a repeat or staircase needs the next line to start
/// with too, and whether it may start with a chunk followed by its copy,
/// which every doubled chain does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Glance {
    first: First,
    /// `false`: the line is certainly no doubled chain.
    may_chain: bool,
}

/// What a line's first grapheme other than whitespace starts with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum First {
    /// The line has no such grapheme.
    Nothing,
    /// A lone character (so it starts the grapheme) with this id.
    Id(u32),
    /// A character that may join a cluster: the look tells nothing.
    Unknown,
}

impl Glance {
    fn of(text: &str) -> Glance {
        let start = skip_whitespace(text, 0, &mut 0);
        if start == text.len() {
            return Glance {
                first: First::Nothing,
                may_chain: false,
            };
        }
        let (c, _) = decode(text, start);
        match lone(c) {
            Some(Lone::Id(id)) => Glance {
                first: First::Id(id),
                may_chain: may_start_doubled(text, start, c),
            },
            _ => Glance {
                first: First::Unknown,
                may_chain: true,
            },
        }
    }

    /// Asserts what the glance says against the graphemes of `text`.
    #[cfg(debug_assertions)]
    fn check(&self, text: &str) {
        let first = text::grapheme_indices(text)
            .map(|(_, g)| g)
            .find(|g| !g.chars().all(char::is_whitespace));
        match self.first {
            First::Nothing => assert_eq!(first, None, "{text:?}"),
            First::Id(id) => assert_eq!(
                first.and_then(|g| g.chars().next()).map(char_id),
                Some(id),
                "{text:?}"
            ),
            First::Unknown => {}
        }
        if !self.may_chain {
            let mut ids = Vec::new();
            if grapheme_ids(text, &mut Interner::default(), &mut ids).is_some() {
                assert_eq!(chain_decomposition(&ids), None, "{text:?}");
            }
        }
    }
}

/// Most characters [`may_start_doubled`] compares (whitespace passed
/// included) before it gives up: it stays linear on any line, and the
/// chunk of a doubled start is at most half of [`MAX_CHAIN_GRAPHEMES`].
const DOUBLED_START_STEPS: usize = MAX_CHAIN_GRAPHEMES;

/// Whether the graphemes of `text` (spaces aside), whose first character
/// `first` is lone and starts at byte `start`, may start with a chunk
/// followed by its copy. The copy starts with a character of the same id,
/// found by its last byte; from there the characters of the chunk and of
/// what follows are compared by id. That tells about graphemes as long as
/// every character compared is lone (a cluster of several characters has
/// one that is not): at the first one that is not, or after
/// [`DOUBLED_START_STEPS`], the answer is "may".
fn may_start_doubled(text: &str, start: usize, first: char) -> bool {
    let bytes = text.as_bytes();
    let mut own = [0u8; 4];
    let own: &[u8] = first.encode_utf8(&mut own).as_bytes();
    let after = start + own.len();
    let mut steps = 0;
    let mut doubled_at = |copy: usize| chunk_repeats(text, start, copy, &mut steps) != Some(false);
    let last = |e: &[u8]| e[e.len() - 1];
    // (Byte by byte: `ends_with` calls memcmp for these one to four bytes,
    // and most hits of the last byte are the end of another character.)
    let ends_with = |end: usize, e: &[u8]| {
        end >= e.len() && bytes[end - e.len()..end].iter().zip(e).all(|(a, b)| a == b)
    };
    let Some(twin) = same_id_twin(first) else {
        // (By far the most common case: one character to look for.)
        return memchr::memchr_iter(last(own), &bytes[after..])
            .map(|hit| after + hit + 1)
            .any(|end| ends_with(end, own) && doubled_at(end - own.len()));
    };
    let mut twin_bytes = [0u8; 4];
    let twin = twin.encode_utf8(&mut twin_bytes).as_bytes();
    memchr::memchr2_iter(last(own), last(twin), &bytes[after..])
        .map(|hit| after + hit + 1)
        .any(|end| {
            [own, twin]
                .into_iter()
                .find(|e| ends_with(end, e))
                .is_some_and(|e| doubled_at(end - e.len()))
        })
}

/// Whether the characters other than whitespace from `start` up to `copy`
/// come again from `copy` on, compared by id; `None` when a character
/// compared may join a cluster, or `steps` passes [`DOUBLED_START_STEPS`].
fn chunk_repeats(text: &str, start: usize, copy: usize, steps: &mut usize) -> Option<bool> {
    let (mut a, mut b) = (start, copy);
    while a < copy {
        if b == text.len() {
            return Some(false);
        }
        *steps += 1;
        if *steps > DOUBLED_START_STEPS {
            return None;
        }
        let bytes = text.as_bytes();
        // Two common Han (lone, their code points for ids, no twins) are
        // compared by their bytes.
        if let (Some(x), Some(y)) = (bytes.get(a..a + 3), bytes.get(b..b + 3)) {
            if text::starts_common_han(x[0], x[1]) && text::starts_common_han(y[0], y[1]) {
                if x != y {
                    return Some(false);
                }
                a = skip_whitespace(text, a + 3, steps);
                b = skip_whitespace(text, b + 3, steps);
                continue;
            }
        }
        let ((x, x_len), (y, y_len)) = (decode(text, a), decode(text, b));
        match (lone(x)?, lone(y)?) {
            (Lone::Id(x), Lone::Id(y)) if x == y => {}
            (Lone::Id(_), Lone::Id(_)) => return Some(false),
            _ => return None,
        }
        a = skip_whitespace(text, a + x_len, steps);
        b = skip_whitespace(text, b + y_len, steps);
    }
    Some(true)
}

/// The offset of the first character from `at` on that is not whitespace
/// (`text.len()` if none); adds the characters passed to `steps`.
#[inline]
fn skip_whitespace(text: &str, mut at: usize, steps: &mut usize) -> usize {
    while let Some(&b) = text.as_bytes().get(at) {
        // (Lead bytes from E4 on start no whitespace, see `text::is_blank`:
        // Han needs no decoding.)
        if b >= 0xe4 || b.is_ascii_graphic() {
            break;
        }
        if b == b' ' {
            *steps += 1;
            at += 1;
            continue;
        }
        let (c, len) = decode(text, at);
        if !c.is_whitespace() {
            break;
        }
        *steps += 1;
        at += len;
    }
    at
}

/// The other character with the id of `c` ([`char_id`]): the full-width
/// form of an ASCII mark `punct` widens, or that mark.
fn same_id_twin(c: char) -> Option<char> {
    if let Some(wide) = punct::full_width(c) {
        return Some(wide);
    }
    // Full-width forms lie 0xFEE0 above their ASCII ones.
    let narrow = char::from_u32((c as u32).checked_sub(0xfee0)?).filter(char::is_ascii)?;
    (punct::full_width(narrow) == Some(c)).then_some(narrow)
}

/// Fills `ids` with the ids of the graphemes of `text` that are not
/// whitespace, and tells whether `text` holds sentence punctuation
/// ([`SENTENCE_PUNCT`]); `None` (and `ids` unspecified) when there are more
/// than [`MAX_CHAIN_GRAPHEMES`] graphemes. The graphemes are those of
/// [`text::grapheme_indices`], whose fast path this repeats inline: a
/// character that is certainly a cluster of its own (and is not followed by
/// a character that may join it) is taken as it is, and from the first
/// other character on the rest goes through the full segmentation.
fn grapheme_ids(text: &str, interner: &mut Interner, ids: &mut Vec<u32>) -> Option<bool> {
    ids.clear();
    // (At most one id per byte, and one more than the most is enough to
    // tell: reserved once instead of growing the buffer in steps.)
    ids.reserve(text.len().min(MAX_CHAIN_GRAPHEMES + 1));
    let mut sentence_punct = false;
    // The previous character's offset and whether its id was pushed: a
    // lone character is a cluster of its own only if the next one is lone
    // too, so it is taken back when the next one is not.
    let mut previous: Option<(usize, bool)> = None;
    let bytes = text.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        // A run of common Han (three bytes each, the bulk of the text)
        // takes a short loop of its own.
        let run_start = ids.len();
        at += han_run(&bytes[at..], |v| {
            ids.push(v);
            ids.len() <= MAX_CHAIN_GRAPHEMES
        });
        if ids.len() > run_start {
            if ids.len() > MAX_CHAIN_GRAPHEMES {
                return None;
            }
            previous = Some((at - 3, true));
            if at == bytes.len() {
                break;
            }
        }
        let (c, len) = decode(text, at);
        let pushed = match lone(c) {
            Some(Lone::Id(id)) => {
                sentence_punct |= SENTENCE_PUNCT.contains(&c);
                ids.push(id);
                true
            }
            Some(Lone::Space) => false,
            None => {
                // Everything before the lone character before `c` was lone:
                // the segmentation can start there.
                let from = match previous {
                    Some((p, pushed)) => {
                        if pushed {
                            ids.pop();
                        }
                        p
                    }
                    None => at,
                };
                let rest = &text[from..];
                for (_, g) in text::grapheme_indices(rest) {
                    if g.chars().all(char::is_whitespace) {
                        continue;
                    }
                    if ids.len() == MAX_CHAIN_GRAPHEMES {
                        return None;
                    }
                    ids.push(interner.id(g));
                }
                return Some(sentence_punct || rest.contains(SENTENCE_PUNCT));
            }
        };
        // The graphemes up to the one just pushed are certainly graphemes
        // of the text (the last one is one starting with `c`), so one more
        // than the most is too many whatever follows.
        if ids.len() > MAX_CHAIN_GRAPHEMES {
            return None;
        }
        previous = Some((at, pushed));
        at += len;
    }
    Some(sentence_punct)
}

/// The character starting at byte `at` of `text` and its length; three-byte
/// characters (Han, CJK punctuation) decoded inline.
#[inline(always)]
fn decode(text: &str, at: usize) -> (char, usize) {
    let bytes = text.as_bytes();
    let b = bytes[at];
    if b < 0x80 {
        return (char::from(b), 1);
    }
    if (0xe0..0xf0).contains(&b) {
        if let (Some(&b1), Some(&b2)) = (bytes.get(at + 1), bytes.get(at + 2)) {
            let v = text::three_byte_code_point(b, b1, b2);
            if let Some(c) = char::from_u32(v) {
                return (c, 3);
            }
        }
    }
    let c = text[at..].chars().next().unwrap_or('\u{FFFD}');
    (c, c.len_utf8())
}

/// A character that is a cluster of its own (unless the next one joins
/// it): a grapheme with its id, or a space.
enum Lone {
    Id(u32),
    Space,
}

/// What `c` is if it is a cluster of its own, or `None` when it may join
/// one. (ASCII, then common Han, is told apart without the range table.)
#[inline(always)]
fn lone(c: char) -> Option<Lone> {
    if c.is_ascii() {
        return match c {
            ' ' => Some(Lone::Space),
            '!'..='~' => Some(Lone::Id(char_id(c))),
            _ => None,
        };
    }
    if text::is_common_han(c) {
        return Some(Lone::Id(c as u32));
    }
    if !text::is_lone_grapheme(c) {
        return None;
    }
    // (`char_id` changes only ASCII.)
    Some(if c.is_whitespace() {
        Lone::Space
    } else {
        Lone::Id(c as u32)
    })
}

/// Punctuation that makes a line a sentence rather than a headline.
const SENTENCE_PUNCT: [char; 7] = ['。', '！', '？', '!', '?', '；', ';'];

/// Byte spans (offset by `base`) of the graphemes of `text` that are not
/// whitespace: the graphemes [`grapheme_ids`] numbers, in the same order.
fn grapheme_spans(text: &str, base: usize) -> Vec<Range<usize>> {
    // Where every character is a cluster of its own (nearly every line),
    // the spans are those of the characters other than spaces.
    let mut spans = Vec::new();
    let mut at = 0;
    while at < text.len() {
        let (c, len) = decode(text, at);
        match lone(c) {
            Some(Lone::Id(_)) => spans.push(base + at..base + at + len),
            Some(Lone::Space) => {}
            None => return grapheme_spans_segmented(text, base),
        }
        at += len;
    }
    spans
}

fn grapheme_spans_segmented(text: &str, base: usize) -> Vec<Range<usize>> {
    text::grapheme_indices(text)
        .filter(|(_, g)| !g.chars().all(char::is_whitespace))
        .map(|(offset, g)| base + offset..base + offset + g.len())
        .collect()
}

/// True when this pass would undouble `text` taken as one line (whitespace,
/// line breaks included, aside). A pass that joins lines asks this so as not
/// to build a doubled line that a second run of the pipeline would undouble.
pub fn would_undouble(text: &str) -> bool {
    if may_pair_up(text) == Some(false) {
        return false;
    }
    let mut interner = Interner::default();
    let mut ids = Vec::new();
    grapheme_ids(text, &mut interner, &mut ids).is_some()
        && undouble_chain(&ids, &interner).0.is_some()
}

/// For a text whose characters are all clusters of their own: whether its
/// graphemes without spaces may form a doubled chain as far as their count
/// and parity tell (an even number, at most [`MAX_CHAIN_GRAPHEMES`], and
/// every id an even number of times, so their XOR is zero). `None` when a
/// character may join a cluster. Rejects almost every text without
/// building its ids.
fn may_pair_up(text: &str) -> Option<bool> {
    lone_graphemes(text).map(|(count, xor)| {
        count >= 2 && count % 2 == 0 && count <= MAX_CHAIN_GRAPHEMES && xor == 0
    })
}

/// For a text whose characters are all clusters of their own: how many of
/// its graphemes are not whitespace, and the XOR of their ids (`None` when a
/// character may join a cluster). Counting stops at two more than
/// [`MAX_CHAIN_GRAPHEMES`] (the XOR then covers only those): all but the last
/// are certainly graphemes, each followed by a lone character, so the text
/// is too long to be a chain or a headline whatever follows, and a paragraph
/// need not be read to its end.
fn lone_graphemes(text: &str) -> Option<(usize, u32)> {
    const ENOUGH: usize = MAX_CHAIN_GRAPHEMES + 2;
    let (mut count, mut xor) = (0usize, 0u32);
    let bytes = text.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        at += han_run(&bytes[at..], |v| {
            count += 1;
            xor ^= v;
            count < ENOUGH
        });
        if at == bytes.len() || count >= ENOUGH {
            break;
        }
        let (c, len) = decode(text, at);
        if let Lone::Id(id) = lone(c)? {
            count += 1;
            xor ^= id;
        }
        at += len;
    }
    Some((count, xor))
}

/// Calls `each` with the code point of every common Han character (three
/// bytes each, the bulk of the text) at the start of `bytes`, until it
/// returns `false`, and returns how many bytes those it was called with take.
/// Only Han led by `E4..=E9` (U+4000..=U+9FFF, all common Han but the
/// hexagrams U+4DC0..=U+4DFF) is taken: that test is cheaper than decoding
/// first, and the rarer Han of U+3400..=U+3FFF is left to the caller.
/// (Three-byte chunks need no bounds checks; `bytes` being UTF-8, such a
/// lead byte is followed by two continuation bytes.)
#[inline(always)]
fn han_run(bytes: &[u8], mut each: impl FnMut(u32) -> bool) -> usize {
    let mut at = 0;
    for chunk in bytes.chunks_exact(3) {
        let (b0, b1, b2) = (chunk[0], chunk[1], chunk[2]);
        if !(0xe4..=0xe9).contains(&b0) {
            break;
        }
        let v = text::three_byte_code_point(b0, b1, b2);
        if (0x4dc0..=0x4dff).contains(&v) {
            break;
        }
        at += 3;
        if !each(v) {
            break;
        }
    }
    at
}

/// The id of a grapheme that is one character: the character itself, or
/// the full-width form of an ASCII mark `punct` may widen.
fn char_id(c: char) -> u32 {
    punct::full_width(c).unwrap_or(c) as u32
}

/// First id given to a cluster of several characters (above Unicode).
const FIRST_CLUSTER_ID: u32 = 0x11_0000;

/// True when this pass would merge line `second` into line `first` right
/// above it (a repeated headline line, a staircase step). A pass that puts
/// a line next to another asks this so as not to build a pair that a second
/// run of the pipeline would merge.
pub fn would_merge_lines(first: &str, second: &str) -> bool {
    let text = format!("{first}\n{second}\n");
    let mut out = PassOutput::default();
    Undouble.run(&text, &Config::default(), &mut out);
    let newline = first.len();
    out.edits
        .iter()
        .any(|e| e.span.start <= newline && newline < e.span.end)
}

/// Numbers graphemes: a single character is its own code point, a longer
/// cluster gets a number above the Unicode range. ASCII marks that `punct`
/// may widen later count as their full-width forms (`,，` is doubled), so
/// that the pipeline run again finds no new chain.
#[derive(Default)]
struct Interner {
    clusters: HashMap<String, u32>,
    /// Per cluster id (from [`FIRST_CLUSTER_ID`]): it starts with a CJK letter.
    cluster_is_cjk_letter: Vec<bool>,
}

impl Interner {
    fn id(&mut self, g: &str) -> u32 {
        let mut chars = g.chars();
        match (chars.next(), chars.next()) {
            (Some(c), None) => char_id(c),
            _ => {
                let next = FIRST_CLUSTER_ID + self.clusters.len() as u32;
                let id = *self.clusters.entry(g.to_string()).or_insert(next);
                if id == next {
                    let first = g.chars().next().is_some_and(text::is_cjk_letter);
                    self.cluster_is_cjk_letter.push(first);
                }
                id
            }
        }
    }

    /// The grapheme numbered `id` starts with a CJK letter (an ASCII mark's
    /// full-width id is not one, and neither is the mark).
    fn is_cjk_letter(&self, id: u32) -> bool {
        match id.checked_sub(FIRST_CLUSTER_ID) {
            Some(k) => self.cluster_is_cjk_letter[k as usize],
            None => char::from_u32(id).is_some_and(text::is_cjk_letter),
        }
    }
}

/// Splits `ids` into doubled chunks `XX YY …` covering all of it, with the
/// fewest chunks (ties: longest first chunk). Returns `(start, chunk length)`
/// per chunk, or `None` when no exact split exists. See the module doc.
fn chain_decomposition(ids: &[u32]) -> Option<Vec<(usize, usize)>> {
    let n = ids.len();
    if n < 2 || n % 2 == 1 {
        return None;
    }
    let half = n / 2;
    // Cheap necessary conditions first (most lines are not chains): the
    // first chunk starts the line doubled, the last one ends it doubled.
    let doubled_at =
        |start: usize, k: usize| ids[start..start + k] == ids[start + k..start + 2 * k];
    // (Comparing the chunks' first and last ids before the chunks skips
    // most slice comparisons.)
    let starts_doubled = (1..=half).any(|k| ids[k] == ids[0] && doubled_at(0, k));
    let ends_doubled =
        || (1..=half).any(|k| ids[n - 1 - k] == ids[n - 1] && doubled_at(n - 2 * k, k));
    if !starts_doubled || !ends_doubled() {
        return None;
    }
    // Every grapheme of a doubled line occurs an even number of times; this
    // O(n log n) test turns away almost every ordinary line before the DP.
    let mut sorted = ids.to_vec();
    sorted.sort_unstable();
    if sorted
        .chunk_by(|a, b| a == b)
        .any(|same| same.len() % 2 == 1)
    {
        return None;
    }
    const UNREACHABLE: u32 = u32::MAX;
    // run[k]: length of the common run of ids[i..] and ids[i+k..] for the
    // current i (index 0 unused). Entries with i + k >= n stay 0.
    let mut run = vec![0u32; half + 1];
    let mut best = vec![UNREACHABLE; n + 1];
    let mut choice = vec![0usize; n + 1];
    best[n] = 0;
    for i in (0..n).rev() {
        let shifts = half.min(n - 1 - i);
        let first = ids[i];
        for (r, &other) in run[1..=shifts].iter_mut().zip(&ids[i + 1..=i + shifts]) {
            *r = if first == other { *r + 1 } else { 0 };
        }
        // Ascending k, ties replacing: among equally few chunks the longest first
        // chunk wins.
        for k in 1..=(n - i) / 2 {
            let after = best[i + 2 * k];
            if run[k] as usize >= k && after < best[i] {
                best[i] = after + 1;
                choice[i] = k;
            }
        }
    }
    if best[0] == UNREACHABLE {
        return None;
    }
    let mut chunks = Vec::with_capacity(best[0] as usize);
    let mut i = 0;
    while i < n {
        let k = choice[i];
        chunks.push((i, k));
        i += 2 * k;
    }
    Some(chunks)
}

/// The single copy of a doubled chain line, as indices into `ids`, or
/// `None`; and whether a split was found but rejected as reduplication.
/// A line drawn four times is a chain whose single copy is a chain again: it
/// is undoubled until no accepted chain is left, so that a second run finds
/// nothing to do.
fn undouble_chain(ids: &[u32], interner: &Interner) -> (Option<Vec<usize>>, bool) {
    // Most lines are no chain: they are turned away without a copy.
    let Some(mut chunks) = chain_decomposition(ids) else {
        return (None, false);
    };
    let mut kept: Vec<usize> = (0..ids.len()).collect();
    let mut accepted = false;
    loop {
        let single: Vec<usize> = chunks
            .iter()
            .flat_map(|&(i, k)| kept[i..i + k].iter().copied())
            .collect();
        let longest = chunks.iter().map(|&(_, k)| k).max().unwrap_or(0);
        if !accept_chain(ids, interner, &single, longest) {
            return (accepted.then_some(kept), !accepted);
        }
        kept = single;
        accepted = true;
        let kept_ids: Vec<u32> = kept.iter().map(|&i| ids[i]).collect();
        match chain_decomposition(&kept_ids) {
            Some(next) => chunks = next,
            None => return (Some(kept), false),
        }
    }
}

/// Tells fake bold from reduplication (see the module doc): `single` is the
/// candidate single copy (indices into `ids`), `longest` its longest chunk.
fn accept_chain(ids: &[u32], interner: &Interner, single: &[usize], longest: usize) -> bool {
    let distinct = single.iter().any(|&i| ids[i] != ids[single[0]]);
    single.len() >= MIN_RESULT_GRAPHEMES
        && longest >= MIN_LONGEST_CHUNK
        && distinct
        && cjk_letters(interner, single.iter().map(|&i| ids[i])) >= 2
}

fn cjk_letters(interner: &Interner, ids: impl Iterator<Item = u32>) -> usize {
    ids.filter(|&id| interner.is_cjk_letter(id)).count()
}

/// Edits that remove the second copy of every chunk of `line`'s chain.
fn chain_edits(line: &Line, input: &str, config: &Config, out: &mut PassOutput) {
    if let Some((kept, _)) = line.chain() {
        let spans = line.spans(input);
        // Delete every maximal run of graphemes that is not in the single copy.
        let mut kept = kept.iter().copied().peekable();
        let mut copies = 0;
        let mut i = 0;
        while i < spans.len() {
            if kept.peek() == Some(&i) {
                kept.next();
                i += 1;
                continue;
            }
            let first = i;
            while i < spans.len() && kept.peek() != Some(&i) {
                i += 1;
            }
            let copy = spans[first].start..spans[i - 1].end;
            out.push(Edit::delete(copy, EditKind::Undouble, "doubled chunk"));
            copies += 1;
        }
        if config.explain {
            out.note(
                line.range.clone(),
                format!("doubled chain: {copies} copies removed"),
            );
        }
    } else if line.rejected_chain() && config.explain {
        out.note(
            line.range.clone(),
            format!(
                "kept {:?}: doubled, but reduplication rather than fake bold",
                &input[line.range.clone()]
            ),
        );
    }
}

/// A headline-like first line followed by copies of itself: removes the
/// copies and the breaks before them. Returns how many lines were used.
fn repeated_line(
    window: &mut [Line],
    analyzer: &mut Analyzer,
    out: &mut PassOutput,
) -> Option<usize> {
    let first = &window[0];
    if !first.headline_like() || first.canonical().len() < MIN_RESULT_GRAPHEMES {
        return None;
    }
    let mut copies = 0;
    while let Some(line) = window.get_mut(1 + copies) {
        analyzer.analyze(line);
        if window[1 + copies].canonical() != window[0].canonical() {
            break;
        }
        copies += 1;
    }
    let (first, input) = (&window[0], analyzer.input);
    // (Letters counted only for a line that has copies: most have none.)
    if copies == 0 || cjk_letters(&analyzer.interner, first.canonical().iter().copied()) < 2 {
        return None;
    }
    let mut kept_end = first.last_end(input);
    for copy in &window[1..=copies] {
        let (copy_start, copy_end) = (copy.first_start(input), copy.last_end(input));
        out.push(Edit::delete(
            kept_end..copy_start,
            EditKind::Join,
            "line break before a repeated headline line",
        ));
        out.push(Edit::delete(
            copy_start..copy_end,
            EditKind::Undouble,
            "repeated headline line",
        ));
        kept_end = copy_end;
    }
    Some(1 + copies)
}

/// `X1` / `X1 X2` / `X2 X3` / … / `Xm`: removes the copy each line starts
/// with and the line break before it. Returns how many lines were used.
fn staircase(window: &mut [Line], analyzer: &mut Analyzer, out: &mut PassOutput) -> Option<usize> {
    let step_ok = |l: &Line| l.headline_like() && l.chain().is_none();
    if !step_ok(&window[0]) {
        return None;
    }
    // overlaps[j]: graphemes line j+1 repeats from line j.
    let mut overlaps = Vec::new();
    // The part the last step added: its line and where in it the part starts.
    let mut tail = (0, 0);
    let mut result_len = window[0].ids().len();
    let mut end = None;
    for j in 1..window.len() {
        analyzer.analyze(&mut window[j]);
        let line = &window[j];
        if !step_ok(line) {
            break;
        }
        let ids = line.ids();
        let added = &window[tail.0].ids()[tail.1..];
        if !ids.starts_with(added) {
            break;
        }
        overlaps.push(added.len());
        if ids.len() == added.len() {
            // The last step repeats the previous tail only. Two lines of
            // that kind are a repeat, not a staircase.
            if j >= 2 {
                end = Some(j);
            }
            break;
        }
        result_len += ids.len() - added.len();
        tail = (j, added.len());
    }
    let end = end?;
    let (steps, input, interner) = (&window[..=end], analyzer.input, &analyzer.interner);
    // Steps are no chains: their single copy is the line itself.
    let result_cjk: usize = cjk_letters(interner, steps[0].ids().iter().copied())
        + steps[1..]
            .iter()
            .zip(&overlaps)
            .map(|(l, &o)| cjk_letters(interner, l.ids().iter().skip(o).copied()))
            .sum::<usize>();
    if result_len < MIN_RESULT_GRAPHEMES || result_cjk < 2 {
        return None;
    }
    for (pair, &overlap) in steps.windows(2).zip(&overlaps) {
        let (above, line) = (&pair[0], &pair[1]);
        line.ids_if_counted()?;
        let spans = line.spans(input);
        let line_start = line.first_start(input);
        out.push(Edit::delete(
            above.last_end(input)..line_start,
            EditKind::Join,
            "staircase: headline copies rejoined",
        ));
        out.push(Edit::delete(
            line_start..spans[overlap - 1].end,
            EditKind::Undouble,
            "staircase: copy of the line above",
        ));
    }
    Some(end + 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pass::Note;
    use crate::testing::check_cases;

    fn decompose(s: &str) -> Option<Vec<String>> {
        let graphemes: Vec<&str> = text::grapheme_indices(s).map(|(_, g)| g).collect();
        let mut interner = Interner::default();
        let ids: Vec<u32> = graphemes.iter().map(|g| interner.id(g)).collect();
        chain_decomposition(&ids).map(|chunks| {
            chunks
                .iter()
                .map(|&(i, k)| graphemes[i..i + k].concat())
                .collect()
        })
    }

    #[test]
    fn decomposition_is_exact_and_prefers_long_chunks() {
        assert_eq!(
            decompose("总投资额约总投资额约6060亿元亿元55项目签约项目签约").unwrap(),
            vec!["总投资额约", "60", "亿元", "5", "项目签约"]
        );
        assert_eq!(decompose("谢谢谢谢").unwrap(), vec!["谢谢"]);
        assert_eq!(decompose("aabbaabb").unwrap(), vec!["aabb"]);
        assert_eq!(decompose("明明白白").unwrap(), vec!["明", "白"]);
        // Any undoubled part, anywhere, defeats the whole line.
        assert_eq!(decompose("园区热点园区热点。"), None);
        assert_eq!(decompose("园区热点园区热"), None);
        assert_eq!(decompose("x园区热点园区热点"), None);
        assert_eq!(decompose("明明白白地说"), None);
        assert_eq!(decompose(""), None);
        // Grapheme clusters, not code points: e + combining acute twice.
        assert_eq!(decompose("e\u{301}e\u{301}").unwrap(), vec!["e\u{301}"]);
        assert_eq!(decompose("e\u{301}e"), None);
    }

    #[test]
    fn doubled_chains() {
        check_cases(
            &Undouble,
            &[
                (" 园区热点园区热点\n", " 园区热点\n"),
                (
                    "布局布局““六大领域六大领域””实施实施““六大任务六大任务””\n",
                    "布局“六大领域”实施“六大任务”\n",
                ),
                (
                    "总投资额约总投资额约6060亿元亿元55项目签约项目签约\n本报讯 近日，",
                    "总投资额约60亿元5项目签约\n本报讯 近日，",
                ),
                (
                    "图片来源图片来源：：西安高新区西安高新区",
                    "图片来源：西安高新区",
                ),
                (
                    "连续连续44年获评湖南省环保诚信园区年获评湖南省环保诚信园区",
                    "连续4年获评湖南省环保诚信园区",
                ),
                (
                    "首批首批1212个信创应用场景发布个信创应用场景发布",
                    "首批12个信创应用场景发布",
                ),
                (
                    "滨海湾滨海湾““体育＋体育＋””助力粤港澳青年交流与成长助力粤港澳青年交流与成长",
                    "滨海湾“体育＋”助力粤港澳青年交流与成长",
                ),
                // Spaces aside: a space between or inside the copies.
                ("园区热点 园区热点\n", "园区热点 \n"),
                ("园区 热点园区 热点", "园区 热点"),
                // Drawn four times: undoubled until nothing doubled is left.
                ("园区热点园区热点园区热点园区热点", "园区热点"),
                (
                    "联系电话：0551-联系电话：0551-联系电话：0551-联系电话：0551- ",
                    "联系电话：0551- ",
                ),
                // Four times, but the single copy is reduplication: stop there.
                ("研究研究研究研究", "研究研究"),
                // ASCII and full-width forms of a mark `punct` widens are one.
                (",，园区热点园区热点", ",园区热点"),
            ],
        );
    }

    #[test]
    fn reduplication_is_not_fake_bold() {
        let unchanged = [
            // Lines that are just a reduplicated word.
            "谢谢",
            "常常",
            "人人",
            "看看",
            "谢谢谢谢",
            "研究研究",
            "明明白白",
            "高高兴兴快快乐乐",
            "研究研究讨论讨论",
            "哈哈哈哈哈哈",
            "2020",
            "——",
            "▶▶",
            // Body text with reduplication.
            "让大家明明白白地看到。”村党支部书",
            "好好学习，天天向上",
            "“人人有岗位、人人有责任”的班级",
            "家长们也常来学校看看孩子们的",
            "我们回去再研究研究",
            // Doubled, but with one part said once.
            "园区热点园区热点。",
            "西安高新区西安高新区创建",
        ];
        let cases: Vec<(&str, &str)> = unchanged.iter().map(|s| (*s, *s)).collect();
        check_cases(&Undouble, &cases);
    }

    #[test]
    fn repeated_lines() {
        check_cases(
            &Undouble,
            &[
                (
                    "园区热点\n\n园区热点\n\n本报讯 近日，",
                    "园区热点\n\n本报讯 近日，",
                ),
                ("园区热点\n园区热点\n园区热点\n正文。", "园区热点\n正文。"),
                // A doubled chain followed by its single copy: both fixed in one run.
                ("园区热点园区热点\n\n园区热点\n", "园区热点\n"),
                // Traps: body lines, too short, too far apart.
                (
                    "这是一个完整的句子。\n这是一个完整的句子。\n",
                    "这是一个完整的句子。\n这是一个完整的句子。\n",
                ),
                ("谢谢\n谢谢\n", "谢谢\n谢谢\n"),
                ("已完成\n已完成\n已完成\n", "已完成\n已完成\n已完成\n"),
                // Blank lines between do not matter.
                ("园区热点\n\n\n园区热点\n", "园区热点\n"),
                ("12345\n12345\n", "12345\n12345\n"),
            ],
        );
    }

    #[test]
    fn staircases() {
        check_cases(
            &Undouble,
            &[
                (
                    "随州高新区：\n\n总投资额约\n\n总投资额约60\n\n60亿元\n\n亿元\n\n本报讯 近日，",
                    "随州高新区：\n\n总投资额约60亿元\n\n本报讯 近日，",
                ),
                (
                    "总投资额约\n总投资额约60\n60亿元\n亿元\n",
                    "总投资额约60亿元\n",
                ),
                ("总投资额约\n总投资额约 60\n60 亿元\n亿元", "总投资额约 60 亿元"),
                // Traps: reduplication over a wrap, prefixes that do not chain.
                (
                    "我们回去再研究\n\n研究’。如今推行",
                    "我们回去再研究\n\n研究’。如今推行",
                ),
                (
                    "在高新区实验小学，“好好学习，天\n\n天向上”的校训挂在每间教室。学校推\n\n天向上",
                    "在高新区实验小学，“好好学习，天\n\n天向上”的校训挂在每间教室。学校推\n\n天向上",
                ),
                ("园区\n园区热点\n本报讯 近日", "园区\n园区热点\n本报讯 近日"),
                ("园区\n园区热点\n热点新闻\n", "园区\n园区热点\n热点新闻\n"),
                // Body text never takes part.
                (
                    "高新区\n高新区发展迅速。\n发展迅速。\n",
                    "高新区\n高新区发展迅速。\n发展迅速。\n",
                ),
            ],
        );
    }

    /// The golden traps and the seeds without fake bold get no edit at all.
    #[test]
    fn golden_traps_untouched() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("golden");
        let files = [
            "cases/trap-xiexie-tail-line.raw.txt",
            "cases/trap-changchang-mingmingbaibai.raw.txt",
            "cases/trap-yanjiu-across-break.raw.txt",
            "cases/trap-tiantian-renren-kankan.raw.txt",
            "seeds/001_9c5a2b8b5e7b073c.raw.txt",
            "seeds/003_30c7ce16e0933f49.raw.txt",
            "seeds/004_9d68846271780477.raw.txt",
        ];
        for file in files {
            let raw =
                std::fs::read_to_string(dir.join(file)).unwrap_or_else(|e| panic!("{file}: {e}"));
            let mut out = PassOutput::default();
            Undouble.run(&raw, &Config::default(), &mut out);
            assert!(out.edits.is_empty(), "{file}: {:?}", out.edits);
        }
    }

    /// The inline fast path numbers the graphemes `text::grapheme_indices`
    /// gives, finds the same sentence punctuation, and measures their spans.
    fn check_grapheme_ids(text: &str) {
        let mut interner = Interner::default();
        let mut ids = Vec::new();
        let found = grapheme_ids(text, &mut interner, &mut ids);
        let mut reference = Interner::default();
        let graphemes: Vec<(usize, &str)> = text::grapheme_indices(text)
            .filter(|(_, g)| !g.chars().all(char::is_whitespace))
            .collect();
        if graphemes.len() > MAX_CHAIN_GRAPHEMES {
            assert_eq!(found, None, "{text:?}");
            return;
        }
        let expected: Vec<u32> = graphemes.iter().map(|(_, g)| reference.id(g)).collect();
        assert_eq!(ids, expected, "{text:?}");
        assert_eq!(found, Some(text.contains(SENTENCE_PUNCT)), "{text:?}");
        let spans: Vec<Range<usize>> = graphemes
            .iter()
            .map(|&(at, g)| 7 + at..7 + at + g.len())
            .collect();
        assert_eq!(grapheme_spans(text, 7), spans, "{text:?}");
        for &id in &ids {
            let g = graphemes[ids.iter().position(|&i| i == id).unwrap()].1;
            assert_eq!(
                interner.is_cjk_letter(id),
                g.chars().next().is_some_and(text::is_cjk_letter),
                "{g:?}"
            );
        }
    }

    #[test]
    fn would_undouble_sees_chains() {
        for text in [
            "园区热点园区热点",
            "园区 热点园区 热点",
            ",园区热点，园区热点",
            "总投资额约总投资额约6060亿元亿元",
            "e\u{301}园区热点e\u{301}园区热点",
        ] {
            assert!(would_undouble(text), "{text:?}");
        }
        for text in [
            "园区热点园区热",
            "谢谢谢谢",
            "园区热点",
            "",
            "e\u{301}园区热点园区热点",
        ] {
            assert!(!would_undouble(text), "{text:?}");
        }
    }

    #[test]
    fn a_long_line_is_left_alone_whatever_ends_it() {
        // The lone count stops early: what follows the first graphemes of a
        // long line (a doubled tail, a combining mark) does not matter.
        let head = "中".repeat(MAX_CHAIN_GRAPHEMES + 2);
        for tail in ["", "e\u{301}", "园区园区", "\r\n园"] {
            let line = format!("{head}{tail}");
            assert!(!would_undouble(&line), "{line:?}");
            let mut out = PassOutput::default();
            Undouble.run(&line, &Config::default(), &mut out);
            assert!(out.edits.is_empty(), "{line:?}");
        }
        // One grapheme fewer, and a combining mark makes the cheap test give up.
        assert_eq!(
            may_pair_up(&format!("{}e\u{301}", "中".repeat(MAX_CHAIN_GRAPHEMES))),
            None
        );
    }

    #[test]
    fn grapheme_ids_agree_with_the_segmentation() {
        for text in [
            "",
            " 园区 热点。",
            "e\u{301}e\u{301}",
            "园 \u{301}区",
            "a\r\nb;",
            "👍🏽!中",
            ",，",
            "\u{3000}中\t文\n",
        ] {
            check_grapheme_ids(text);
        }
        check_grapheme_ids(&"中".repeat(MAX_CHAIN_GRAPHEMES));
        check_grapheme_ids(&"中".repeat(MAX_CHAIN_GRAPHEMES + 1));
        check_grapheme_ids(&format!("{}e\u{301}", "中".repeat(MAX_CHAIN_GRAPHEMES)));
    }

    proptest::proptest! {
        #![proptest_config(crate::testing::proptest_config(256))]
        #[test]
        fn the_parity_test_only_turns_away_what_is_no_chain(
            text in "[园区热点 ,，谢e\u{301}\u{3000}]{0,16}"
        ) {
            let mut interner = Interner::default();
            let mut ids = Vec::new();
            let full = grapheme_ids(&text, &mut interner, &mut ids).is_some()
                && undouble_chain(&ids, &interner).0.is_some();
            proptest::prop_assert_eq!(would_undouble(&text), full);
            if full {
                proptest::prop_assert_ne!(may_pair_up(&text), Some(false));
            }
        }

        #[test]
        fn glances_change_nothing_on_random_text(
            text in "[园区热点谢 ,，()（）e\u{301}\u{200D}\u{600}\u{1F1E8}\u{3000}\t。\n]{0,40}"
        ) {
            let (fast, plain, fast_notes, plain_notes) = glance_and_plain(&text);
            proptest::prop_assert_eq!(fast, plain);
            proptest::prop_assert_eq!(fast_notes, plain_notes);
        }

        #[test]
        fn glances_change_nothing_on_shaped_text(
            lines in proptest::collection::vec(
                ("[园区热点谢,，e\u{301}。]{1,5}", 0..4u8, "[ \n]{0,2}"),
                0..10,
            )
        ) {
            // Lines that repeat the line above, continue it as a staircase
            // step, are doubled, or are new, so that every shape comes up.
            let (mut text, mut previous, mut tail) = (String::new(), String::new(), String::new());
            for (chunk, kind, gap) in &lines {
                let line = match kind {
                    0 => previous.clone(),
                    1 => format!("{tail}{chunk}"),
                    2 => format!("{chunk}{chunk}"),
                    _ => chunk.clone(),
                };
                text.push_str(&format!("{line}\n{gap}"));
                tail = chunk.clone();
                previous = line;
            }
            let (fast, plain, fast_notes, plain_notes) = glance_and_plain(&text);
            proptest::prop_assert_eq!(fast, plain);
            proptest::prop_assert_eq!(fast_notes, plain_notes);
        }

        #[test]
        fn grapheme_ids_agree_on_random_text(
            text in "[a-z ,!?;中文。！“”\u{301}\u{200D}\u{1F1E8}\u{1F1F3}\u{3099}가\u{11A8}\r\n\t\u{3000}👍🏽]{0,24}"
        ) {
            check_grapheme_ids(&text);
        }
    }

    /// The pass's edits and notes with and without the glances. (Debug
    /// builds also compare them on every run of the pass.)
    fn glance_and_plain(text: &str) -> (Vec<Edit>, Vec<Edit>, Vec<Note>, Vec<Note>) {
        let config = Config {
            explain: true,
            ..Config::default()
        };
        let (mut fast, mut plain) = (PassOutput::default(), PassOutput::default());
        undouble(text, &config, &mut fast, true);
        undouble(text, &config, &mut plain, false);
        (fast.edits, plain.edits, fast.notes, plain.notes)
    }

    #[test]
    fn glances_change_nothing() {
        for text in [
            "园区热点\n园区热点\n",
            "总投资额约\n总投资额约60\n60亿元\n亿元\n",
            " ,园区热点，园区热点\n（园区）(园区)\n",
            "谢谢谢谢\n研究研究研究研究\ne\u{301}e\u{301}园区e\u{301}e\u{301}园区\n",
            "园区 热点园区\u{3000}热点\n\u{600}园区\u{600}园区\n",
        ] {
            let (fast, plain, fast_notes, plain_notes) = glance_and_plain(text);
            assert_eq!(fast, plain, "{text:?}");
            assert_eq!(fast_notes, plain_notes, "{text:?}");
        }
    }

    #[test]
    fn long_and_odd_input() {
        let long = "园区热点".repeat(1000);
        check_cases(&Undouble, &[(&long, &long), ("", ""), ("\n\n", "\n\n")]);
        let aaaa = "啊".repeat(MAX_CHAIN_GRAPHEMES);
        check_cases(&Undouble, &[(&aaaa, &aaaa)]);
    }
}
