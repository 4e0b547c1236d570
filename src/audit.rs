//! The edit audit: proof that a run changed only what its passes declared,
//! and that every declared change is one its kind allows.
//!
//! Two checks, for every pass of a run:
//! - **Bookkeeping.** The pass's output is its input with exactly its edits
//!   applied (for [`check_records`]: the run's final text is the raw text with
//!   every record's edits applied in turn).
//! - **Kind rules.** What an edit removes and inserts must fit its
//!   [`EditKind`]:
//!   - `normalize`: only GOLDEN.md rule-1 changes, character by character:
//!     CR before LF removed, lone CR to LF, zero-width and C0 control
//!     characters removed, full-width ASCII letters/digits to ASCII, U+3000,
//!     NBSP and tab to a space;
//!   - `undouble`: the non-whitespace text removed is, chunk by chunk, a copy
//!     of the text right before or right after it (whitespace aside);
//!     nothing is inserted but whitespace;
//!   - `move`: over the whole pass, the non-whitespace characters the move
//!     edits insert are exactly those they remove;
//!   - `join`, `break`, `space`: whitespace replaced by whitespace only; a
//!     join leaves nothing or one space, and a space only between two Latin
//!     letters (of the pass's output: a float the same pass moves away does
//!     not count);
//!   - `punct`: ASCII `,:;?!()` swapped for its full-width form, nothing else.
//!
//! Every violation names the pass and the raw `line:column` where it happens
//! (mapped back through the earlier passes) and quotes the offending text.
//! Checking is linear in the size of the run, except inside a single
//! `undouble` edit, where a bounded search aligns the kept text.

use std::collections::HashMap;
use std::fmt;

use crate::config::Config;
use crate::edit::{self, Edit, EditKind};
use crate::pass::{raw_positions, Cleaned, PassError, PassRecord, Pipeline};
use crate::text::is_latin_alnum;

/// One undeclared or disallowed change.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Violation {
    pub pass: String,
    /// The kind of the offending edit (none for a bookkeeping mismatch).
    pub kind: Option<EditKind>,
    /// 1-based raw line and character column.
    pub line: usize,
    pub column: usize,
    /// What is wrong, e.g. "join edit removes non-whitespace text".
    pub problem: String,
    /// The offending text.
    pub text: String,
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "pass `{}` at {}:{}: ", self.pass, self.line, self.column)?;
        if let Some(kind) = self.kind {
            write!(f, "{} edit ", kind.name())?;
        }
        write!(f, "{}: {:?}", self.problem, self.text)
    }
}

/// A run and its audit.
#[derive(Debug)]
pub struct Audited {
    pub cleaned: Cleaned,
    pub violations: Vec<Violation>,
}

/// Runs `pipeline` over `raw` and audits every pass as it runs: its output
/// against its input and edits, and every edit against its kind.
pub fn run_audited(pipeline: &Pipeline, raw: &str, config: &Config) -> Result<Audited, PassError> {
    let mut records: Vec<PassRecord> = Vec::new();
    // Problems of each pass, in the coordinates of that pass's input.
    let mut found: Vec<(usize, Vec<Problem>)> = Vec::new();
    let text = pipeline.run_observed(raw, config, |stage, before, after, out| {
        let problems = match edit::apply(before, &out.edits) {
            Ok(expected) => {
                let mut problems = check_edits(before, &out.edits, &expected);
                problems.extend(check_bookkeeping(&out.edits, &expected, after));
                problems
            }
            Err(e) => vec![Problem::new(0, None, e.to_string(), "")],
        };
        if !problems.is_empty() {
            found.push((records.len(), problems));
        }
        records.push(PassRecord {
            pass: stage.pass.name(),
            run: stage.run,
            edits: std::mem::take(&mut out.edits),
            notes: std::mem::take(&mut out.notes),
        });
    })?;
    let violations = locate(raw, &records, found);
    Ok(Audited {
        cleaned: Cleaned { text, records },
        violations,
    })
}

/// Audits a finished run: replays every record's edits from `raw` (each must
/// fit its kind) and checks that they produce `cleaned.text`.
pub fn check_records(raw: &str, cleaned: &Cleaned) -> Vec<Violation> {
    let mut found = Vec::new();
    let mut input = raw.to_string();
    for (k, record) in cleaned.records.iter().enumerate() {
        let next = match edit::apply(&input, &record.edits) {
            Ok(next) => next,
            Err(e) => {
                found.push((k, vec![Problem::new(0, None, e.to_string(), "")]));
                return locate(raw, &cleaned.records, found);
            }
        };
        let problems = check_edits(&input, &record.edits, &next);
        if !problems.is_empty() {
            found.push((k, problems));
        }
        input = next;
    }
    if input != cleaned.text {
        // The last pass is answerable for what the run hands back.
        let k = cleaned.records.len().saturating_sub(1);
        let at = first_difference(&input, &cleaned.text);
        let problem = Problem::new(
            at,
            None,
            "final text differs from the declared edits; it has",
            snippet(&cleaned.text, at),
        );
        match cleaned.records.last() {
            // `at` is an offset of the last pass's output: map it to its input.
            Some(last) => {
                let mut offsets = [problem.at];
                edit::map_backward_sorted(&last.edits, &mut offsets);
                found.push((
                    k,
                    vec![Problem {
                        at: offsets[0],
                        ..problem
                    }],
                ));
            }
            None => {
                return vec![Violation {
                    pass: "(no pass)".into(),
                    kind: None,
                    line: crate::pass::line_col(raw, at).0,
                    column: crate::pass::line_col(raw, at).1,
                    problem: problem.problem,
                    text: problem.text,
                }]
            }
        }
    }
    locate(raw, &cleaned.records, found)
}

/// A violation in the coordinates of one pass's input.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Problem {
    at: usize,
    kind: Option<EditKind>,
    problem: String,
    text: String,
}

impl Problem {
    fn new(
        at: usize,
        kind: Option<EditKind>,
        problem: impl Into<String>,
        text: impl Into<String>,
    ) -> Self {
        Problem {
            at,
            kind,
            problem: problem.into(),
            text: text.into(),
        }
    }
}

/// Maps the problems of each pass to raw positions.
fn locate(raw: &str, records: &[PassRecord], found: Vec<(usize, Vec<Problem>)>) -> Vec<Violation> {
    let mut violations = Vec::new();
    for (k, problems) in found {
        let offsets = problems.iter().map(|p| p.at).collect();
        let positions = raw_positions(raw, &records[..k], offsets);
        for (p, (line, column)) in problems.into_iter().zip(positions) {
            violations.push(Violation {
                pass: crate::pass::stage_label(records[k].pass, records[k].run),
                kind: p.kind,
                line,
                column,
                problem: p.problem,
                text: p.text,
            });
        }
    }
    violations
}

/// The pass's output must be its input with its edits applied (`expected`).
fn check_bookkeeping(edits: &[Edit], expected: &str, after: &str) -> Option<Problem> {
    if expected == after {
        return None;
    }
    let at = first_difference(expected, after);
    let mut offsets = [at];
    edit::map_backward_sorted(edits, &mut offsets);
    Some(Problem::new(
        offsets[0],
        None,
        "output differs from its input with its edits applied; it has",
        snippet(after, at),
    ))
}

/// Byte offset (a character boundary of both) where `a` and `b` first differ.
fn first_difference(a: &str, b: &str) -> usize {
    a.char_indices()
        .zip(b.chars())
        .find(|((_, x), y)| x != y)
        .map(|((i, _), _)| i)
        .unwrap_or(a.len().min(b.len()))
}

/// Up to 20 characters of `text` from byte `at`.
fn snippet(text: &str, at: usize) -> String {
    text.get(at..).unwrap_or("").chars().take(20).collect()
}

/// Checks every edit of one pass against its kind. `edits` are sorted,
/// valid and in `input`'s coordinates; `output` is `input` with them applied.
fn check_edits(input: &str, edits: &[Edit], output: &str) -> Vec<Problem> {
    let mut problems = Vec::new();
    let mut delta: isize = 0; // output offset - input offset before `e`
    for e in edits {
        let old = &input[e.span.clone()];
        let new = &e.replacement[..];
        let out_start = (e.span.start as isize + delta) as usize;
        delta += new.len() as isize - old.len() as isize;
        let problem = match e.kind {
            EditKind::Normalize => check_normalize(old, new, input[e.span.end..].chars().next()),
            EditKind::Undouble => check_undouble(input, e),
            EditKind::Move => None, // balanced over the whole pass, below
            EditKind::Join => check_join(old, new, output, out_start),
            EditKind::Break | EditKind::Space => check_whitespace_only(old, new),
            EditKind::Punct => check_punct(old, new),
        };
        if let Some((problem, text)) = problem {
            problems.push(Problem::new(e.span.start, Some(e.kind), problem, text));
        }
    }
    problems.extend(check_moves(input, edits));
    problems
}

/// What is wrong with one edit and the offending text.
type Finding = Option<(String, String)>;

fn finding(problem: &str, text: impl Into<String>) -> Finding {
    Some((problem.to_string(), text.into()))
}

fn non_whitespace(s: &str) -> impl Iterator<Item = char> + Clone + '_ {
    s.chars().filter(|c| !c.is_whitespace())
}

fn check_whitespace_only(old: &str, new: &str) -> Finding {
    let removed: String = non_whitespace(old).collect();
    if !removed.is_empty() {
        return finding("removes non-whitespace text", removed);
    }
    let inserted: String = non_whitespace(new).collect();
    if !inserted.is_empty() {
        return finding("inserts non-whitespace text", inserted);
    }
    None
}

/// A join removes a line break and the whitespace around it; it may leave
/// one space, and only between two Latin letters. The letters are looked
/// for in the pass's output (`new` starts at `out_start` there): a join
/// across a float that the same pass moves away joins the text around it.
fn check_join(old: &str, new: &str, output: &str, out_start: usize) -> Finding {
    if let Some(found) = check_whitespace_only(old, new) {
        return Some(found);
    }
    match new {
        "" => None,
        " " => {
            let before = non_whitespace_before(output, out_start).next();
            let after = non_whitespace(&output[out_start + new.len()..]).next();
            let letter =
                |c: Option<char>| c.is_some_and(|c| c.is_alphabetic() && is_latin_alnum(c));
            if letter(before) && letter(after) {
                None
            } else {
                let around: String = before.into_iter().chain([' ']).chain(after).collect();
                finding(
                    "leaves a space that is not between two Latin letters",
                    around,
                )
            }
        }
        other => finding("leaves more than one space", other),
    }
}

fn non_whitespace_before(input: &str, at: usize) -> impl Iterator<Item = char> + '_ {
    input[..at].chars().rev().filter(|c| !c.is_whitespace())
}

/// The rule-1 image of `c` (`next` is the character after it), or `None`
/// when rule 1 leaves `c` alone.
fn rule1_image(c: char, next: Option<char>) -> Option<&'static str> {
    const ASCII: &str = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    let ascii = |offset: u32, base: usize| -> Option<&'static str> {
        let i = base + (c as u32 - offset) as usize;
        ASCII.get(i..i + 1)
    };
    match c {
        '\r' if next == Some('\n') => Some(""),
        '\r' => Some("\n"),
        '\t' | '\u{3000}' | '\u{00A0}' => Some(" "),
        '\u{0}'..='\u{1F}' if c != '\n' => Some(""),
        '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' => Some(""),
        '\u{FF10}'..='\u{FF19}' => ascii(0xFF10, 0),
        '\u{FF21}'..='\u{FF3A}' => ascii(0xFF21, 10),
        '\u{FF41}'..='\u{FF5A}' => ascii(0xFF41, 36),
        _ => None,
    }
}

/// Every character of `old` becomes itself or its rule-1 image in `new`.
fn check_normalize(old: &str, new: &str, after_span: Option<char>) -> Finding {
    let mut rest = new;
    let mut chars = old.chars().peekable();
    while let Some(c) = chars.next() {
        if let Some(tail) = rest.strip_prefix(c) {
            rest = tail;
            continue;
        }
        let next = chars.peek().copied().or(after_span);
        match rule1_image(c, next).and_then(|image| rest.strip_prefix(image)) {
            Some(tail) => rest = tail,
            None => {
                let got: String = rest.chars().take(4).collect();
                return finding(
                    "makes a change that is not rule-1 normalisation",
                    format!("{c} -> {got}"),
                );
            }
        }
    }
    if !rest.is_empty() {
        return finding("inserts text", rest);
    }
    None
}

/// ASCII punctuation and its full-width form.
const PUNCT_PAIRS: [(char, char); 7] = [
    (',', '，'),
    (':', '：'),
    (';', '；'),
    ('?', '？'),
    ('!', '！'),
    ('(', '（'),
    (')', '）'),
];

fn check_punct(old: &str, new: &str) -> Finding {
    let mut new_chars = new.chars();
    for a in old.chars() {
        let Some(b) = new_chars.next() else {
            return finding("removes text", a.to_string());
        };
        if a != b && !PUNCT_PAIRS.contains(&(a, b)) {
            return finding(
                "changes text other than ASCII punctuation to full width",
                format!("{a} -> {b}"),
            );
        }
    }
    let extra: String = new_chars.collect();
    if !extra.is_empty() {
        return finding("inserts text", extra);
    }
    None
}

/// Over one pass, move edits put back exactly the non-whitespace characters
/// they take away.
fn check_moves(input: &str, edits: &[Edit]) -> Vec<Problem> {
    let moves = || edits.iter().filter(|e| e.kind == EditKind::Move);
    let mut balance: HashMap<char, isize> = HashMap::new();
    for e in moves() {
        for c in non_whitespace(&input[e.span.clone()]) {
            *balance.entry(c).or_default() += 1;
        }
        for c in non_whitespace(&e.replacement) {
            *balance.entry(c).or_default() -= 1;
        }
    }
    balance.retain(|_, n| *n != 0);
    if balance.is_empty() {
        return Vec::new();
    }
    // Name the characters in the order they occur, at the first edit that has one.
    let mut problems = Vec::new();
    let mut report = |removed: bool| {
        let mut text = String::new();
        let mut at = None;
        for e in moves() {
            let side = if removed {
                &input[e.span.clone()]
            } else {
                &e.replacement[..]
            };
            for c in non_whitespace(side) {
                let n = balance.get_mut(&c);
                let unbalanced = match n {
                    Some(n) if removed && *n > 0 => {
                        *n -= 1;
                        true
                    }
                    Some(n) if !removed && *n < 0 => {
                        *n += 1;
                        true
                    }
                    _ => false,
                };
                if unbalanced {
                    text.push(c);
                    at.get_or_insert(e.span.start);
                }
            }
        }
        if let Some(at) = at {
            let problem = if removed {
                "removes text that no move edit of the pass puts back"
            } else {
                "inserts text that no move edit of the pass took away"
            };
            problems.push(Problem::new(at, Some(EditKind::Move), problem, text));
        }
    };
    report(true);
    report(false);
    problems
}

/// Most character comparisons one undouble edit may cost before the audit
/// gives up on it (and reports it as unverifiable): keeps the audit near
/// linear on pathological edits.
const UNDOUBLE_BUDGET_PER_CHAR: usize = 64;

/// An undouble edit keeps a subsequence of the non-whitespace text it
/// replaces; each removed chunk must be a copy of the text right before it
/// or right after it (whitespace aside).
fn check_undouble(input: &str, e: &Edit) -> Finding {
    let old: Vec<char> = non_whitespace(&input[e.span.clone()]).collect();
    let kept: Vec<char> = non_whitespace(&e.replacement).collect();
    if old.is_empty() && kept.is_empty() {
        return None;
    }
    // Context: as many non-whitespace characters on each side as the edit has.
    let mut before: Vec<char> = non_whitespace_before(input, e.span.start)
        .take(old.len())
        .collect();
    before.reverse();
    let after: Vec<char> = non_whitespace(&input[e.span.end..])
        .take(old.len())
        .collect();
    let context = Context {
        before: &before,
        old: &old,
        after: &after,
    };
    let mut budget = UNDOUBLE_BUDGET_PER_CHAR * (old.len() + 16);
    let (mut i, mut j) = (0, 0);
    while i < old.len() {
        if j < kept.len() && old[i] == kept[j] {
            i += 1;
            j += 1;
            continue;
        }
        // A removed chunk starts at i: the shortest one that is a copy and
        // after which the kept text goes on.
        let mut found = None;
        for len in 1..=old.len() - i {
            if budget == 0 {
                return finding(
                    "is too complex to verify",
                    old[i..].iter().take(20).collect::<String>(),
                );
            }
            budget -= 1;
            let resumes = if j == kept.len() {
                i + len == old.len()
            } else {
                i + len < old.len() && old[i + len] == kept[j]
            };
            if !resumes {
                continue;
            }
            if budget < len {
                return finding(
                    "is too complex to verify",
                    old[i..].iter().take(20).collect::<String>(),
                );
            }
            budget -= len;
            if context.is_copy_of_neighbour(i, len) {
                found = Some(len);
                break;
            }
        }
        match found {
            Some(len) => i += len,
            None => {
                let rest: String = old[i..].iter().take(20).collect();
                return finding("removes text that is not a copy of its neighbour", rest);
            }
        }
    }
    if j < kept.len() {
        return finding("inserts text", kept[j..].iter().collect::<String>());
    }
    None
}

/// The non-whitespace characters an undouble edit replaces and those on
/// either side of it.
struct Context<'a> {
    before: &'a [char],
    old: &'a [char],
    after: &'a [char],
}

impl Context<'_> {
    /// True when `old[start..start + len]` equals the `len` characters right
    /// before it (in `before` + `old`) or right after it (in `old` + `after`),
    /// or is a repetition of a chunk that does.
    fn is_copy_of_neighbour(&self, start: usize, len: usize) -> bool {
        let chunk = &self.old[start..start + len];
        if self.precedes(start, chunk) || self.follows(start + len, chunk) {
            return true;
        }
        // `XXX` after `X`: the chunk is its own period repeated.
        let folded: Vec<char> = chunk.iter().map(|&c| copy_form(c)).collect();
        let period = smallest_period(&folded);
        let unit = &chunk[..period];
        period < len
            && len % period == 0
            && (self.precedes(start, unit) || self.follows(start + len, unit))
    }

    /// `part` stands right before `old[at]`.
    fn precedes(&self, at: usize, part: &[char]) -> bool {
        let from_old = at.min(part.len());
        let from_before = part.len() - from_old;
        from_before <= self.before.len()
            && self.before[self.before.len() - from_before..]
                .iter()
                .chain(&self.old[at - from_old..at])
                .map(|&c| copy_form(c))
                .eq(part.iter().map(|&c| copy_form(c)))
    }

    /// `part` stands right from `old[at]` on.
    fn follows(&self, at: usize, part: &[char]) -> bool {
        let from_old = (self.old.len() - at).min(part.len());
        let from_after = part.len() - from_old;
        from_after <= self.after.len()
            && self.old[at..at + from_old]
                .iter()
                .chain(&self.after[..from_after])
                .map(|&c| copy_form(c))
                .eq(part.iter().map(|&c| copy_form(c)))
    }
}

/// A character as `undouble` compares copies: ASCII punctuation as its
/// full-width form (a doubled `：` may come out as `：:`, one copy from
/// each rendering of the glyph).
fn copy_form(c: char) -> char {
    crate::passes::punct::full_width(c).unwrap_or(c)
}

/// Length of the shortest prefix of `s` that `s` repeats (KMP failure function).
fn smallest_period(s: &[char]) -> usize {
    let mut fail = vec![0usize; s.len()];
    let mut k = 0;
    for i in 1..s.len() {
        while k > 0 && s[i] != s[k] {
            k = fail[k - 1];
        }
        if s[i] == s[k] {
            k += 1;
        }
        fail[i] = k;
    }
    s.len() - fail.last().copied().unwrap_or(0)
}

#[cfg(test)]
mod tests;
