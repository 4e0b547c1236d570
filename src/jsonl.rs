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

use std::fmt;
use std::io::{self, BufRead, Write};
use std::ops::ControlFlow;

use crate::corpus::{self, Window};

mod record;

pub use record::{find_text_field, write_json_string, RecordError};

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
        match read_line(&mut reader, &mut line) {
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

/// `reader.read_until(b'\n', line)`, with the line end found by the memchr
/// crate's vectorised search rather than the standard library's word-wise
/// one: a record is a whole document, thousands of bytes long.
fn read_line(reader: &mut impl BufRead, line: &mut Vec<u8>) -> io::Result<usize> {
    let mut read = 0;
    loop {
        let (found, used) = {
            let available = match reader.fill_buf() {
                Ok(available) => available,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            match memchr::memchr(b'\n', available) {
                Some(i) => {
                    line.extend_from_slice(&available[..=i]);
                    (true, i + 1)
                }
                None => {
                    line.extend_from_slice(available);
                    (false, available.len())
                }
            }
        };
        reader.consume(used);
        read += used;
        if found || used == 0 {
            return Ok(read);
        }
    }
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
    // (Room for the escapes `write_json_string` reserves, so that it does
    // not move the line.)
    let escapes = cleaned.len() / 16 + 2;
    let mut output = Vec::with_capacity(line.len() - span.len() + cleaned.len() + escapes);
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

#[cfg(test)]
mod tests {
    use super::*;

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

    proptest::proptest! {
        #![proptest_config(crate::testing::proptest_config(256))]
        /// Lines come out as `read_until` reads them, whatever the buffer
        /// size (lines longer than the buffer, no final line end).
        #[test]
        fn read_line_agrees_with_read_until(
            input in proptest::collection::vec(proptest::sample::select(vec![b'a', b'\n', b'\r', 0xe4]), 0..40),
            capacity in 1usize..8,
        ) {
            let mut ours = io::BufReader::with_capacity(capacity, input.as_slice());
            let mut theirs = io::BufReader::with_capacity(capacity, input.as_slice());
            loop {
                let (mut a, mut b) = (Vec::new(), Vec::new());
                let n = read_line(&mut ours, &mut a).unwrap();
                proptest::prop_assert_eq!(n, theirs.read_until(b'\n', &mut b).unwrap());
                proptest::prop_assert_eq!(&a, &b);
                if n == 0 {
                    break;
                }
            }
        }
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
