//! What every run of the default pipeline must satisfy, whatever the input:
//! the golden tests, the property tests, the fuzz target and the regression
//! inputs all check these same invariants.
//!
//! - the edit audit finds nothing (see [`crate::audit`]);
//! - cleaning is idempotent: cleaning the output again changes nothing;
//! - the output has the shape of GOLDEN.md: no blank line, no space at the
//!   start or end of a line, exactly one final `\n` (unless empty). Only the
//!   passes that make this shape can promise it, so it is checked when the
//!   pipeline has them ([`SHAPE_PASSES`]).

use crate::audit::run_audited;
use crate::decode::{decode, DecodeError, DecodeOptions};
use crate::text::is_hspace;
use crate::{Config, Pipeline};

/// The passes that together guarantee the output shape: `unwrap` removes
/// blank lines and ends the text with one `\n`, `spacing` trims lines.
pub const SHAPE_PASSES: [&str; 2] = ["unwrap", "spacing"];

/// True when `pipeline` has every pass of [`SHAPE_PASSES`].
pub fn promises_shape(pipeline: &Pipeline) -> bool {
    let names = pipeline.names();
    SHAPE_PASSES.iter().all(|p| names.contains(p))
}

/// The first way `text` breaks the output shape, if any.
pub fn shape_problem(text: &str) -> Option<String> {
    if text.is_empty() {
        return None;
    }
    let Some(body) = text.strip_suffix('\n') else {
        return Some("does not end with a line break".into());
    };
    for (i, line) in body.split('\n').enumerate() {
        let n = i + 1;
        if line.is_empty() {
            return Some(format!("line {n} is blank"));
        }
        if line.starts_with(is_hspace) {
            return Some(format!("line {n} starts with a space: {line:?}"));
        }
        if line.ends_with(is_hspace) {
            return Some(format!("line {n} ends with a space: {line:?}"));
        }
    }
    None
}

/// Cleans `raw` with `pipeline` under audit and checks every invariant.
/// Returns the cleaned text, or a description of everything that broke.
pub fn check_text(pipeline: &Pipeline, raw: &str) -> Result<String, String> {
    let config = Config::default();
    let audited = run_audited(pipeline, raw, &config).map_err(|e| e.to_string())?;
    let mut problems: Vec<String> = audited
        .violations
        .iter()
        .map(|v| format!("audit: {v}"))
        .collect();
    let once = audited.cleaned.text;
    match pipeline.clean(&once, &config) {
        Ok(twice) if twice != once => problems.push(format!(
            "not idempotent: cleaning the output again gives {twice:?} instead of {once:?}"
        )),
        Ok(_) => {}
        Err(e) => problems.push(format!("second run: {e}")),
    }
    if promises_shape(pipeline) {
        if let Some(p) = shape_problem(&once) {
            problems.push(format!("shape: {p}"));
        }
    }
    if problems.is_empty() {
        Ok(once)
    } else {
        Err(problems.join("\n"))
    }
}

/// Decodes arbitrary `bytes` (strictly, then lossily) and checks every
/// invariant on what decodes. Decoding may refuse the bytes (binary,
/// malformed), but never panic; lossy decoding refuses only binary, and
/// agrees with strict decoding wherever that succeeds.
pub fn check_bytes(pipeline: &Pipeline, bytes: &[u8]) -> Result<(), String> {
    let strict = decode(bytes, &DecodeOptions::default());
    let lossy = decode(
        bytes,
        &DecodeOptions {
            lossy: true,
            ..Default::default()
        },
    );
    match (strict, lossy) {
        (Ok(strict), Ok(lossy)) if strict.text != lossy.text || lossy.replaced != 0 => {
            Err("lossy decoding differs from strict decoding that succeeded".into())
        }
        (_, Ok(decoded)) => check_text(pipeline, &decoded.text).map(|_| ()),
        (_, Err(DecodeError::Binary { .. })) => Ok(()),
        (_, Err(e)) => Err(format!("lossy decoding failed: {e}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes() {
        let cases: &[(&str, bool)] = &[
            ("", true),
            ("一行\n", true),
            ("一行\n二行\n", true),
            ("一行", false),
            ("一行\n\n", false),
            ("一行\n\n二行\n", false),
            (" 一行\n", false),
            ("一行 \n", false),
            ("一行\u{3000}\n", false),
            ("\n", false),
        ];
        for &(text, ok) in cases {
            assert_eq!(shape_problem(text).is_none(), ok, "{text:?}");
        }
    }

    #[test]
    fn arbitrary_bytes_never_break_the_checks() {
        let pipeline = Pipeline::default();
        for bytes in [
            &b""[..],
            b"\xff\xfe\x00",
            b"\x00\x00",
            b"a\r\r\nb",
            b"\xe4\xb8",
        ] {
            check_bytes(&pipeline, bytes).unwrap();
        }
    }
}
