//! The remaining differences between an output and its expected text, as
//! short windows of context around each changed stretch.
//!
//! Paragraph lines are hundreds of characters long without spaces, so a line
//! or word diff would show whole paragraphs. Instead every changed hunk of
//! the grapheme alignment is shown with a few graphemes of context on each
//! side; hunks whose contexts touch share one window. Each window carries the
//! line number of the expected text where its first change is.

use serde::Serialize;

use super::align::{self, Graphemes, Op};

/// One piece of a difference window.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Piece {
    /// Text both have.
    Same(String),
    /// Text the output has and the expected file does not.
    Removed(String),
    /// Text the expected file has and the output lacks.
    Inserted(String),
}

/// A window around one or more nearby changes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Difference {
    /// 1-based line of the expected text where the first change is.
    pub line: usize,
    pub pieces: Vec<Piece>,
}

/// A window stops taking in further changes once it shows this many times
/// the context length.
const MAX_WINDOW_CONTEXTS: usize = 6;

/// The differences from `output` to `expected`, with `context` graphemes of
/// context on each side.
pub fn differences(output: &Graphemes, expected: &Graphemes, context: usize) -> Vec<Difference> {
    let ops = align::align(output.ids(), expected.ids());
    let mut windows = Vec::new();
    let mut line = 1usize; // line of expected grapheme `counted`
    let mut counted = 0usize;
    let mut line_at = |target: usize| {
        for i in counted..target {
            if expected.get(i).contains('\n') {
                line += 1;
            }
        }
        counted = counted.max(target);
        line
    };
    let mut current: Option<Difference> = None;
    // Graphemes the current window shows so far.
    let mut shown = 0usize;
    for (k, op) in ops.iter().enumerate() {
        match op {
            Op::Change { old, new } => {
                if current.is_none() {
                    shown = 0;
                }
                shown += old.len() + new.len();
                let window = current.get_or_insert_with(|| {
                    let mut pieces = Vec::new();
                    if let Some(Op::Equal { new: n, len, .. }) = k.checked_sub(1).map(|p| &ops[p]) {
                        let start = (n + len).saturating_sub(context).max(*n);
                        pieces.push(Piece::Same(expected.slice(start..n + len).to_string()));
                    }
                    Difference {
                        line: line_at(new.start),
                        pieces,
                    }
                });
                if !old.is_empty() {
                    window
                        .pieces
                        .push(Piece::Removed(output.slice(old.clone()).to_string()));
                }
                if !new.is_empty() {
                    window
                        .pieces
                        .push(Piece::Inserted(expected.slice(new.clone()).to_string()));
                }
            }
            Op::Equal { new, len, .. } => {
                let Some(window) = current.as_mut() else {
                    continue;
                };
                let is_last = k + 1 == ops.len();
                // Long windows are cut even between close changes, so that
                // each line of the report stays readable.
                let full = shown >= MAX_WINDOW_CONTEXTS * context.max(1);
                if *len <= 2 * context && !is_last && !full {
                    shown += len;
                    window
                        .pieces
                        .push(Piece::Same(expected.slice(*new..new + len).to_string()));
                } else {
                    let end = new + (*len).min(context);
                    window
                        .pieces
                        .push(Piece::Same(expected.slice(*new..end).to_string()));
                    windows.extend(current.take());
                }
            }
        }
    }
    windows.extend(current);
    windows
}

/// How changed text is marked when a window is rendered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// `[-removed-]{+inserted+}`.
    Brackets,
    /// Red and green (ANSI colours), no brackets.
    Ansi,
}

/// Changed stretches longer than this are shortened in the middle.
const MAX_SHOWN: usize = 80;

/// Renders a window on one line: line breaks as `⏎`, and inside changes
/// spaces as `␣`, tabs as `⇥` and other invisible characters as `⟨U+XXXX⟩`.
pub fn render(difference: &Difference, style: Style) -> String {
    let mut out = String::new();
    for piece in &difference.pieces {
        match piece {
            Piece::Same(text) => {
                let shown = visible(text, false);
                if style == Style::Ansi && shown.contains('⏎') {
                    out.push_str(&shown.replace('⏎', "\x1b[2m⏎\x1b[22m"));
                } else {
                    out.push_str(&shown);
                }
            }
            Piece::Removed(text) => {
                let shown = visible(&shorten(text), true);
                match style {
                    Style::Brackets => out.push_str(&format!("[-{shown}-]")),
                    Style::Ansi => out.push_str(&format!("\x1b[1;31;9m{shown}\x1b[0m")),
                }
            }
            Piece::Inserted(text) => {
                let shown = visible(&shorten(text), true);
                match style {
                    Style::Brackets => out.push_str(&format!("{{+{shown}+}}")),
                    Style::Ansi => out.push_str(&format!("\x1b[1;32m{shown}\x1b[0m")),
                }
            }
        }
    }
    out
}

fn shorten(text: &str) -> String {
    let count = text.chars().count();
    if count <= MAX_SHOWN {
        return text.to_string();
    }
    let head: String = text.chars().take(MAX_SHOWN / 2).collect();
    let tail: String = text.chars().skip(count - MAX_SHOWN / 4).collect();
    let hidden = count - MAX_SHOWN / 2 - MAX_SHOWN / 4;
    format!("{head}…⟨{hidden} more⟩…{tail}")
}

fn visible(text: &str, changed: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\n' => out.push('⏎'),
            '\r' => out.push('␍'),
            '\t' => out.push('⇥'),
            ' ' if changed => out.push('␣'),
            c if c.is_control() || (changed && c != ' ' && is_invisible(c)) => {
                out.push_str(&format!("⟨U+{:04X}⟩", c as u32))
            }
            c => out.push(c),
        }
    }
    out
}

/// Characters a reader cannot tell apart from a space or from nothing.
fn is_invisible(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '\u{200B}'..='\u{200F}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}' | '\u{00AD}'
        )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::eval::align::Interner;

    fn windows(output: &str, expected: &str, context: usize) -> Vec<String> {
        let mut interner = Interner::default();
        let out = Graphemes::new(output, &mut interner);
        let exp = Graphemes::new(expected, &mut interner);
        differences(&out, &exp, context)
            .iter()
            .map(|d| format!("{}: {}", d.line, render(d, Style::Brackets)))
            .collect()
    }

    #[test]
    fn a_missing_and_a_wrong_break_are_visible() {
        let got = windows("第一段。第二段\n继续。\n", "第一段。\n第二段继续。\n", 3);
        assert_eq!(got, ["1: 一段。{+⏎+}第二段[-⏎-]继续。"]);
    }

    #[test]
    fn far_apart_changes_get_their_own_windows_and_lines() {
        let expected = "甲乙丙丁戊己庚辛壬癸\n子丑寅卯辰巳午未申酉\n";
        let output = "甲乙丙丁戊已庚辛壬癸\n子丑寅卯辰巳午未申西\n";
        let got = windows(output, expected, 2);
        assert_eq!(got, ["1: 丁戊[-已-]{+己+}庚辛", "2: 未申[-西-]{+酉+}⏎"]);
    }

    #[test]
    fn invisible_changes_are_spelled_out() {
        let got = windows("a b\u{200B}c\n", "ab c\n", 5);
        assert_eq!(got.len(), 1);
        assert!(got[0].contains("[-␣-]"), "{got:?}");
        assert!(got[0].contains("⟨U+200B⟩"), "{got:?}");
    }

    #[test]
    fn no_difference_no_window() {
        assert!(windows("同样\n", "同样\n", 10).is_empty());
    }

    #[test]
    fn long_changes_are_shortened() {
        let long = "字".repeat(500);
        let got = windows(&format!("前{long}后"), "前后", 1);
        assert!(got[0].contains("more⟩"), "{got:?}");
        assert!(got[0].chars().count() < 200);
    }
}
