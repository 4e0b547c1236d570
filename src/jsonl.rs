//! JSON Lines corpora: one JSON object per line, the document's text in one
//! string field (`text` by default).
//!
//! Each record is written back with only that field's value replaced: the
//! cleaned string is spliced into the original line, so every other byte of
//! the line (key order, number spelling, escapes, spacing) stays exactly as
//! it was. Lines keep their order and their terminators; a blank line stays
//! a blank line, so output line N is the cleaned input line N.
//!
//! Streaming: lines are read in batches ([`Window`]) and each batch is
//! cleaned in parallel while the next one is read, so memory is bounded by
//! the window, not by the size of the input.

use std::borrow::Cow;
use std::fmt;
use std::io::{self, BufRead, Write};
use std::ops::{ControlFlow, Range};

use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, Visitor};
use serde_json::value::RawValue;

use crate::corpus::{self, Window};

/// How to read records.
#[derive(Debug, Clone)]
pub struct JsonlOptions {
    /// The field that holds the text to clean.
    pub field: String,
    /// Write bad lines back unchanged (and count them) instead of dropping them.
    pub keep_bad: bool,
    pub window: Window,
}

impl Default for JsonlOptions {
    fn default() -> Self {
        JsonlOptions {
            field: "text".to_string(),
            keep_bad: false,
            window: Window::DEFAULT,
        }
    }
}

/// What [`clean_jsonl`] tells its caller as it goes, in input order.
#[derive(Debug)]
pub enum Report<'a, D> {
    /// Line `line` (1-based) was cleaned into `doc`.
    Cleaned { line: u64, doc: &'a D },
    /// Line `line` is not a record with a string field, or its text could not
    /// be cleaned. It was written back unchanged if `keep_bad`, else dropped.
    Bad { line: u64, cause: &'a str },
    /// A batch was written; `bytes_in` bytes of input have been read and
    /// handled so far.
    Progress { bytes_in: u64 },
}

/// Counts of a JSONL run.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct JsonlSummary {
    /// Records whose field was cleaned.
    pub cleaned: u64,
    /// Bad lines (kept or dropped, see [`JsonlOptions::keep_bad`]).
    pub bad: u64,
    /// Empty or whitespace-only lines, written back as they were.
    pub blank: u64,
    pub bytes_in: u64,
    pub bytes_out: u64,
    /// The most lines that one batch held (never more than the window).
    pub largest_batch: usize,
}

impl JsonlSummary {
    /// Adds the counts of another run (of another input).
    pub fn add(&mut self, other: &JsonlSummary) {
        self.cleaned += other.cleaned;
        self.bad += other.bad;
        self.blank += other.blank;
        self.bytes_in += other.bytes_in;
        self.bytes_out += other.bytes_out;
        self.largest_batch = self.largest_batch.max(other.largest_batch);
    }
}

/// A JSONL run stopped: reading or writing failed.
#[derive(Debug, thiserror::Error)]
pub enum JsonlError {
    #[error("reading: {0}")]
    Read(#[source] io::Error),
    #[error("writing: {0}")]
    Write(#[source] io::Error),
}

/// Why a line is not a usable record.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RecordError {
    #[error("invalid JSON: {0}")]
    Json(String),
    #[error("{0}, not a JSON object")]
    NotObject(&'static str),
    #[error("no field `{0}`")]
    Missing(String),
    #[error("field `{field}` is {found}, not a string")]
    NotString { field: String, found: &'static str },
}

/// Cleans a JSON Lines stream: reads `reader` in batches, runs `clean` on
/// each record's text field in parallel on `pool`, and writes the records to
/// `writer` in input order. `report` hears about every record and batch.
pub fn clean_jsonl<D, E>(
    pool: &rayon::ThreadPool,
    mut reader: impl BufRead,
    writer: &mut impl Write,
    options: &JsonlOptions,
    clean: impl Fn(&str) -> Result<D, E> + Sync,
    mut report: impl FnMut(Report<'_, D>),
) -> Result<JsonlSummary, JsonlError>
where
    D: AsRef<str> + Send,
    E: fmt::Display,
{
    let mut summary = JsonlSummary::default();
    let mut line_number = 0u64;
    let mut next_line = || -> Result<Option<(u64, Vec<u8>)>, JsonlError> {
        let mut line = Vec::new();
        match reader.read_until(b'\n', &mut line) {
            Ok(0) => Ok(None),
            Ok(_) => {
                line_number += 1;
                Ok(Some((line_number, line)))
            }
            Err(e) => Err(JsonlError::Read(e)),
        }
    };
    let work = |(number, line): (u64, Vec<u8>)| clean_line(number, line, options, &clean);
    corpus::map_ordered(
        pool,
        || corpus::fill_batch(options.window, &mut next_line, |(_, line)| line.len()),
        work,
        |batch| {
            summary.largest_batch = summary.largest_batch.max(batch.len());
            for done in batch {
                summary.bytes_in += done.bytes_in as u64;
                match &done.outcome {
                    Outcome::Blank => summary.blank += 1,
                    Outcome::Cleaned(doc) => {
                        summary.cleaned += 1;
                        report(Report::Cleaned {
                            line: done.number,
                            doc,
                        });
                    }
                    Outcome::Bad(cause) => {
                        summary.bad += 1;
                        report(Report::Bad {
                            line: done.number,
                            cause,
                        });
                    }
                }
                writer.write_all(&done.output).map_err(JsonlError::Write)?;
                summary.bytes_out += done.output.len() as u64;
            }
            report(Report::Progress {
                bytes_in: summary.bytes_in,
            });
            Ok(ControlFlow::Continue(()))
        },
    )?;
    writer.flush().map_err(JsonlError::Write)?;
    Ok(summary)
}

/// One line after the worker is done with it.
struct Done<D> {
    number: u64,
    bytes_in: usize,
    /// What to write (empty for a dropped line).
    output: Vec<u8>,
    outcome: Outcome<D>,
}

enum Outcome<D> {
    Blank,
    Cleaned(D),
    Bad(String),
}

fn clean_line<D: AsRef<str>, E: fmt::Display>(
    number: u64,
    line: Vec<u8>,
    options: &JsonlOptions,
    clean: &impl Fn(&str) -> Result<D, E>,
) -> Done<D> {
    let bytes_in = line.len();
    let body = line.strip_suffix(b"\n").unwrap_or(&line);
    let bad = |cause: String, line: Vec<u8>| Done {
        number,
        bytes_in,
        output: if options.keep_bad { line } else { Vec::new() },
        outcome: Outcome::Bad(cause),
    };
    if body.iter().all(u8::is_ascii_whitespace) {
        return Done {
            number,
            bytes_in,
            output: line,
            outcome: Outcome::Blank,
        };
    }
    let (span, text) = match find_text_field(body, &options.field) {
        Ok(found) => found,
        Err(e) => return bad(e.to_string(), line),
    };
    let doc = match clean(&text) {
        Ok(doc) => doc,
        Err(e) => return bad(e.to_string(), line),
    };
    let cleaned = doc.as_ref();
    let mut output = Vec::with_capacity(line.len() - span.len() + cleaned.len() + 16);
    output.extend_from_slice(&line[..span.start]);
    write_json_string(&mut output, cleaned);
    output.extend_from_slice(&line[span.end..]);
    Done {
        number,
        bytes_in,
        output,
        outcome: Outcome::Cleaned(doc),
    }
}

/// Appends `text` as a JSON string literal.
fn write_json_string(out: &mut Vec<u8>, text: &str) {
    serde_json::to_writer(out, text).expect("writing a string to a Vec cannot fail");
}

/// Finds the string field `field` of the JSON object in `line`: the byte span
/// of its value (quotes included) and its text (unescaped).
pub fn find_text_field<'a>(
    line: &'a [u8],
    field: &str,
) -> Result<(Range<usize>, Cow<'a, str>), RecordError> {
    let json_error = |e: serde_json::Error| json_error_at(e, 0);
    let first = line.iter().find(|b| !b.is_ascii_whitespace()).copied();
    if first != Some(b'{') {
        serde_json::from_slice::<IgnoredAny>(line).map_err(json_error)?;
        return Err(RecordError::NotObject(json_kind(first.unwrap_or(b'n'))));
    }
    let mut deserializer = serde_json::Deserializer::from_slice(line);
    let value = FieldSeed { field }
        .deserialize(&mut deserializer)
        .map_err(json_error)?;
    deserializer.end().map_err(json_error)?;
    let raw = value.ok_or_else(|| RecordError::Missing(field.to_string()))?;
    let raw = raw.get();
    let start = raw.as_ptr() as usize - line.as_ptr() as usize;
    let span = start..start + raw.len();
    if !raw.starts_with('"') {
        return Err(RecordError::NotString {
            field: field.to_string(),
            found: json_kind(raw.as_bytes()[0]),
        });
    }
    let inner = &raw[1..raw.len() - 1];
    let text = if inner.contains('\\') {
        // The first parse checked the syntax only; escapes (a lone surrogate)
        // can still fail here.
        let text = serde_json::from_str::<String>(raw).map_err(|e| json_error_at(e, start))?;
        Cow::Owned(text)
    } else {
        Cow::Borrowed(inner)
    };
    Ok((span, text))
}

/// A JSON error from parsing a line from byte `offset` on, located by its
/// column in the line (a record is one line).
fn json_error_at(e: serde_json::Error, offset: usize) -> RecordError {
    let message = e.to_string().replace(
        &format!(" at line {} column {}", e.line(), e.column()),
        &format!(" at column {}", offset + e.column()),
    );
    RecordError::Json(message)
}

/// What kind of JSON value starts with `first`, said as in a sentence.
fn json_kind(first: u8) -> &'static str {
    match first {
        b'"' => "a string",
        b'{' => "an object",
        b'[' => "an array",
        b't' | b'f' => "a boolean",
        b'n' => "null",
        _ => "a number",
    }
}

/// Deserializes a JSON object, keeping only the raw value of one field.
struct FieldSeed<'f> {
    field: &'f str,
}

impl<'de> DeserializeSeed<'de> for FieldSeed<'_> {
    type Value = Option<&'de RawValue>;

    fn deserialize<D: de::Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for FieldSeed<'_> {
    type Value = Option<&'de RawValue>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut found = None;
        while let Some(key) = map.next_key::<Key<'de>>()? {
            if key.0 == self.field {
                if found.is_some() {
                    return Err(de::Error::custom(format_args!(
                        "field `{}` appears twice",
                        self.field
                    )));
                }
                found = Some(map.next_value::<&'de RawValue>()?);
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(found)
    }
}

/// An object key: borrowed from the line unless it has escapes.
struct Key<'de>(Cow<'de, str>);

impl<'de> de::Deserialize<'de> for Key<'de> {
    fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl<'de> Visitor<'de> for KeyVisitor {
            type Value = Key<'de>;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string key")
            }

            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
                Ok(Key(Cow::Borrowed(v)))
            }

            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Ok(Key(Cow::Owned(v.to_string())))
            }
        }
        deserializer.deserialize_str(KeyVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(line: &str) -> Result<(Range<usize>, String), RecordError> {
        find_text_field(line.as_bytes(), "text").map(|(span, text)| (span, text.into_owned()))
    }

    #[test]
    fn finds_the_field_span_and_text() {
        let line = r#"{"id":1,"text":"a\nb","x":[1,{"text":2}]}"#;
        let (span, text) = field(line).unwrap();
        assert_eq!(&line[span], r#""a\nb""#);
        assert_eq!(text, "a\nb");
        let line = r#"  { "te\u0078t" : "本报讯" }  "#;
        let (span, text) = field(line).unwrap();
        assert_eq!(&line[span], r#""本报讯""#);
        assert_eq!(text, "本报讯");
    }

    #[test]
    fn bad_records_say_why() {
        let cases = [
            (r#"{"id":1}"#, "no field `text`"),
            (r#"{"text":null}"#, "field `text` is null, not a string"),
            (r#"{"text":12.5}"#, "field `text` is a number, not a string"),
            (
                r#"{"text":["a"]}"#,
                "field `text` is an array, not a string",
            ),
            (r#"["text"]"#, "an array, not a JSON object"),
            (r#" "text""#, "a string, not a JSON object"),
            (
                r#"["text""#,
                "invalid JSON: EOF while parsing a list at column 7",
            ),
            (
                r#"{"text":"a""#,
                "invalid JSON: EOF while parsing an object at column 11",
            ),
            (
                r#"{"text":"a"} x"#,
                "invalid JSON: trailing characters at column 14",
            ),
            (
                r#"{"text":"a","text":"b"}"#,
                "invalid JSON: field `text` appears twice at column 18",
            ),
            (
                r#"{"text":"\ud800"}"#,
                "invalid JSON: unexpected end of hex escape at column 16",
            ),
        ];
        for (line, cause) in cases {
            assert_eq!(field(line).unwrap_err().to_string(), cause, "{line}");
        }
        assert!(matches!(
            find_text_field(b"{\"text\":\"\xff\"}", "text"),
            Err(RecordError::Json(_))
        ));
    }

    fn run(input: &str, options: &JsonlOptions) -> (String, JsonlSummary, Vec<String>) {
        let pool = corpus::thread_pool(Some(2)).unwrap();
        let mut out = Vec::new();
        let mut reports = Vec::new();
        let summary = clean_jsonl(
            &pool,
            input.as_bytes(),
            &mut out,
            options,
            |text: &str| {
                if text == "boom" {
                    Err("pass failed")
                } else {
                    Ok(text.to_uppercase())
                }
            },
            |r| match r {
                Report::Cleaned { line, doc } => reports.push(format!("{line}: {doc}")),
                Report::Bad { line, cause } => reports.push(format!("{line}: bad: {cause}")),
                Report::Progress { .. } => {}
            },
        )
        .unwrap();
        (String::from_utf8(out).unwrap(), summary, reports)
    }

    #[test]
    fn splices_the_cleaned_field_and_keeps_everything_else() {
        let input = concat!(
            "{\"z\":1.50e3, \"text\":\"a\\u00e9\\\"q\\\"\",\"meta\":{\"text\":\"inner\"}}\n",
            "\n",
            "{\"text\":\"b\"}\r\n",
            "{\"text\":\"tail\"}"
        );
        let (out, summary, reports) = run(input, &JsonlOptions::default());
        assert_eq!(
            out,
            concat!(
                "{\"z\":1.50e3, \"text\":\"AÉ\\\"Q\\\"\",\"meta\":{\"text\":\"inner\"}}\n",
                "\n",
                "{\"text\":\"B\"}\r\n",
                "{\"text\":\"TAIL\"}"
            )
        );
        assert_eq!(
            summary,
            JsonlSummary {
                cleaned: 3,
                bad: 0,
                blank: 1,
                bytes_in: input.len() as u64,
                bytes_out: out.len() as u64,
                largest_batch: 4,
            }
        );
        assert_eq!(reports, ["1: AÉ\"Q\"", "3: B", "4: TAIL"]);
    }

    #[test]
    fn bad_lines_are_dropped_or_kept() {
        let input =
            "{\"text\":\"a\"}\nnot json\n{\"id\":2}\n{\"text\":\"boom\"}\n{\"text\":\"b\"}\n";
        let (out, summary, reports) = run(input, &JsonlOptions::default());
        assert_eq!(out, "{\"text\":\"A\"}\n{\"text\":\"B\"}\n");
        assert_eq!((summary.cleaned, summary.bad), (2, 3));
        assert_eq!(
            reports,
            [
                "1: A",
                "2: bad: invalid JSON: expected ident at column 2",
                "3: bad: no field `text`",
                "4: bad: pass failed",
                "5: B"
            ]
        );
        let keep = JsonlOptions {
            keep_bad: true,
            ..JsonlOptions::default()
        };
        let (out, summary, _) = run(input, &keep);
        assert_eq!(
            out,
            "{\"text\":\"A\"}\nnot json\n{\"id\":2}\n{\"text\":\"boom\"}\n{\"text\":\"B\"}\n"
        );
        assert_eq!((summary.cleaned, summary.bad), (2, 3));
    }

    #[test]
    fn another_field_name() {
        let options = JsonlOptions {
            field: "body".into(),
            ..JsonlOptions::default()
        };
        let (out, _, _) = run("{\"text\":\"x\",\"body\":\"y\"}\n", &options);
        assert_eq!(out, "{\"text\":\"x\",\"body\":\"Y\"}\n");
    }
}
