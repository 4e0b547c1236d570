//! `normalize`: character-level normalisation (GOLDEN.md rule 1).
//!
//! Fixes: CRLF and lone CR line ends (to LF); zero-width characters
//! (U+200B–U+200D, U+2060, U+FEFF) and C0 control characters other than LF
//! and tab (removed); full-width ASCII letters and digits (`Ａ`–`Ｚ`,
//! `ａ`–`ｚ`, `０`–`９`, to ASCII); U+3000, NBSP and tab (to a plain space; the
//! `spacing` pass then decides which spaces stay).
//!
//! Signals: the character alone; no context is needed.
//!
//! Never touches: any other character. Full-width symbols (`＋`, `％`, `，`)
//! stay, and so does every space count (runs are collapsed by `spacing`).

use crate::config::Config;
use crate::edit::{Edit, EditKind};
use crate::pass::{Pass, PassOutput};

pub struct Normalize;

impl Pass for Normalize {
    fn name(&self) -> &'static str {
        "normalize"
    }

    fn description(&self) -> &'static str {
        "line ends to LF, drop zero-width and control characters, full-width letters/digits to ASCII, odd spaces to space"
    }

    fn run(&self, input: &str, _config: &Config, out: &mut PassOutput) {
        let bytes = input.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            // Runs of three-byte characters that need nothing (Han: E4 to
            // E9) in a loop of their own.
            while bytes.get(i).is_some_and(|b| (0xE4..=0xEE).contains(b)) {
                i += 3;
            }
            let Some(&b) = bytes.get(i) else {
                break;
            };
            if b < 0x80 {
                // ASCII fast path: only control characters need work.
                if b < 0x20 && b != b'\n' {
                    match b {
                        b'\r' if bytes.get(i + 1) == Some(&b'\n') => {
                            out.push(Edit::delete(i..i + 1, EditKind::Normalize, "CRLF line end"));
                        }
                        b'\r' => out.push(Edit::new(
                            i..i + 1,
                            "\n",
                            EditKind::Normalize,
                            "CR line end",
                        )),
                        b'\t' => out.push(Edit::new(
                            i..i + 1,
                            " ",
                            EditKind::Normalize,
                            "tab to space",
                        )),
                        _ => out.push(Edit::delete(
                            i..i + 1,
                            EditKind::Normalize,
                            "control character",
                        )),
                    }
                }
                i += 1;
                continue;
            }
            // Every character this pass changes starts with one of these
            // bytes; any other byte (other lead bytes, continuation bytes) is
            // skipped without decoding a character.
            // The characters below start with C2, E2, E3 or EF, and their
            // next bytes tell most other characters with those lead bytes
            // apart (CJK and full-width punctuation) without decoding them.
            let may_change = matches!(b, 0xC2 | 0xE2 | 0xE3 | 0xEF) && {
                let next = (bytes.get(i + 1).copied(), bytes.get(i + 2).copied());
                matches!(
                    (b, next),
                    (0xC2, (Some(0xA0), _))
                        | (0xE2, (Some(0x80), Some(0x8B..=0x8D)))
                        | (0xE2, (Some(0x81), Some(0xA0)))
                        | (0xE3, (Some(0x80), Some(0x80)))
                        // U+FEFF and the full-width digits and letters, not
                        // the full-width punctuation around them (`，`, `：`).
                        | (0xEF, (Some(0xBB), Some(0xBF)))
                        | (0xEF, (Some(0xBC), Some(0x90..=0x99 | 0xA1..=0xBA)))
                        | (0xEF, (Some(0xBD), Some(0x81..=0x9A)))
                )
            };
            if !may_change {
                // Skip the whole character (Han: three bytes at once).
                i += match b {
                    0xC0..=0xDF => 2,
                    0xE0..=0xEF => 3,
                    0xF0.. => 4,
                    _ => 1,
                };
                continue;
            }
            let c = input[i..].chars().next().expect("char boundary");
            let len = c.len_utf8();
            let span = i..i + len;
            match c {
                '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' => out.push(Edit::delete(
                    span,
                    EditKind::Normalize,
                    "zero-width character",
                )),
                '\u{3000}' => out.push(Edit::new(
                    span,
                    " ",
                    EditKind::Normalize,
                    "ideographic space to space",
                )),
                '\u{00A0}' => out.push(Edit::new(
                    span,
                    " ",
                    EditKind::Normalize,
                    "no-break space to space",
                )),
                '\u{FF10}'..='\u{FF19}' | '\u{FF21}'..='\u{FF3A}' | '\u{FF41}'..='\u{FF5A}' => {
                    let ascii = char::from_u32(c as u32 - 0xFEE0).expect("ASCII range");
                    out.push(Edit::new(
                        span,
                        ascii.to_string(),
                        EditKind::Normalize,
                        "full-width letter or digit to ASCII",
                    ))
                }
                _ => {}
            }
            i += len;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::check_cases;

    #[test]
    fn normalize_cases() {
        check_cases(
            &Normalize,
            &[
                // Line ends.
                ("a\r\nb\r\n", "a\nb\n"),
                ("a\rb\r", "a\nb\n"),
                ("a\r\rb", "a\n\nb"),
                // Invisible characters inside text.
                ("本报\u{200B}讯", "本报讯"),
                ("\u{FEFF}近日\u{2060}，", "近日，"),
                ("a\u{0007}b\u{001B}c", "abc"),
                // Full-width letters and digits.
                ("ＡＢＣ１２３ａｚ", "ABC123az"),
                ("２０２４年", "2024年"),
                // Odd spaces become plain spaces, counts kept.
                ("本报讯\u{3000}近日", "本报讯 近日"),
                ("a\u{00A0}\tb", "a  b"),
                // Traps: full-width symbols and punctuation stay.
                ("互联网＋大数据", "互联网＋大数据"),
                ("增长５％，", "增长5％，"),
                ("（记者）：！", "（记者）：！"),
                // Already clean text is untouched.
                ("谢谢。\n", "谢谢。\n"),
                ("", ""),
            ],
        );
    }

    /// The byte tests that skip characters skip none this pass changes.
    #[test]
    fn every_character_that_changes_is_seen() {
        for c in (0..=0xFFFFu32).filter_map(char::from_u32) {
            let text = format!("中{c}中");
            let mut out = PassOutput::default();
            Normalize.run(&text, &Config::default(), &mut out);
            let expected = matches!(c,
                '\u{0}'..='\u{1F}' | '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}'
                | '\u{3000}' | '\u{A0}' | '\u{FF10}'..='\u{FF19}' | '\u{FF21}'..='\u{FF3A}'
                | '\u{FF41}'..='\u{FF5A}'
            ) && c != '\n';
            assert_eq!(!out.edits.is_empty(), expected, "U+{:04X}", c as u32);
        }
    }
}
