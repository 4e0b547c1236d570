//! The pass abstraction and the pipeline that runs passes in a fixed order.
//!
//! Modelled on rustc's MIR pass manager: a fixed, ordered list of named
//! passes; each can be listed, run alone, skipped, or be the last one run,
//! and each reports its edits so the pipeline can be measured after every
//! pass (`ocrclean eval`).

use std::borrow::Cow;
use std::ops::Range;

use crate::config::Config;
use crate::edit::{self, Edit, EditError};

/// A note a pass leaves about a decision it took (shown by `--explain`).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Note {
    /// Byte span of the pass's input the decision is about.
    pub span: Range<usize>,
    pub message: String,
}

/// What a pass hands back: its edits (in any order; the pipeline sorts them)
/// and, when `Config::explain` is on, notes about its decisions.
#[derive(Debug, Default)]
pub struct PassOutput {
    pub edits: Vec<Edit>,
    pub notes: Vec<Note>,
}

impl PassOutput {
    pub fn push(&mut self, edit: Edit) {
        self.edits.push(edit);
    }

    pub fn note(&mut self, span: Range<usize>, message: impl Into<String>) {
        self.notes.push(Note {
            span,
            message: message.into(),
        });
    }
}

/// One cleaning pass.
pub trait Pass: Send + Sync {
    /// Stable kebab-case name (`normalize`, `undouble`, …).
    fn name(&self) -> &'static str;
    /// One line: what defect the pass fixes.
    fn description(&self) -> &'static str;
    /// Reads `input` and reports the edits that fix it. Must not panic on any
    /// input; must be idempotent together with the passes after it.
    fn run(&self, input: &str, config: &Config, out: &mut PassOutput);
}

/// What one pass did during a run.
#[derive(Debug)]
pub struct PassRecord {
    pub pass: &'static str,
    /// Edits in the coordinates of this pass's input, sorted.
    pub edits: Vec<Edit>,
    pub notes: Vec<Note>,
}

/// The result of running a pipeline over one text.
#[derive(Debug)]
pub struct Cleaned {
    pub text: String,
    pub records: Vec<PassRecord>,
}

/// A pass produced edits that cannot be applied: always a bug in that pass.
#[derive(Debug, thiserror::Error)]
#[error("internal error in pass `{pass}`: {source}")]
pub struct PassError {
    pub pass: &'static str,
    #[source]
    pub source: EditError,
}

/// How the user narrowed the default pipeline (`--passes`, `--skip`, `--until`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Selection {
    /// Run only these (in pipeline order, whatever order they were given in).
    pub only: Option<Vec<String>>,
    pub skip: Vec<String>,
    /// Stop after this pass.
    pub until: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown pass `{name}` (known passes: {known})")]
pub struct UnknownPass {
    pub name: String,
    pub known: String,
}

/// An ordered list of passes.
pub struct Pipeline {
    passes: Vec<Box<dyn Pass>>,
}

impl Default for Pipeline {
    fn default() -> Self {
        Pipeline {
            passes: crate::passes::all(),
        }
    }
}

impl Pipeline {
    /// A pipeline of exactly these passes, in this order (tests, experiments).
    pub fn new(passes: Vec<Box<dyn Pass>>) -> Self {
        Pipeline { passes }
    }

    /// The default pipeline narrowed by `selection`.
    pub fn select(selection: &Selection) -> Result<Self, UnknownPass> {
        let all = crate::passes::all();
        let known: Vec<&'static str> = all.iter().map(|p| p.name()).collect();
        let check = |name: &str| -> Result<(), UnknownPass> {
            if known.contains(&name) {
                Ok(())
            } else {
                Err(UnknownPass {
                    name: name.to_string(),
                    known: known.join(", "),
                })
            }
        };
        for name in selection.only.iter().flatten().chain(&selection.skip) {
            check(name)?;
        }
        if let Some(until) = &selection.until {
            check(until)?;
        }
        let mut passes = Vec::new();
        for pass in all {
            let name = pass.name();
            let wanted = selection
                .only
                .as_ref()
                .is_none_or(|only| only.iter().any(|n| n == name))
                && !selection.skip.iter().any(|n| n == name);
            let last = selection.until.as_deref() == Some(name);
            if wanted {
                passes.push(pass);
            }
            if last {
                break;
            }
        }
        Ok(Pipeline { passes })
    }

    pub fn passes(&self) -> impl Iterator<Item = &dyn Pass> {
        self.passes.iter().map(|p| p.as_ref())
    }

    pub fn names(&self) -> Vec<&'static str> {
        self.passes.iter().map(|p| p.name()).collect()
    }

    /// Runs every pass in order, keeping each pass's edits and notes.
    pub fn run(&self, text: &str, config: &Config) -> Result<Cleaned, PassError> {
        let mut records = Vec::with_capacity(self.passes.len());
        let text = self.run_observed(text, config, |pass, _before, _after, out| {
            records.push(PassRecord {
                pass: pass.name(),
                edits: std::mem::take(&mut out.edits),
                notes: std::mem::take(&mut out.notes),
            });
        })?;
        Ok(Cleaned { text, records })
    }

    /// Runs every pass in order and returns only the final text. The hot
    /// path of corpus runs: no pass output is kept, and the text is copied
    /// only by passes that change it.
    pub fn clean(&self, text: &str, config: &Config) -> Result<String, PassError> {
        let mut current = Cow::Borrowed(text);
        for pass in &self.passes {
            let mut out = PassOutput::default();
            if let Some(next) = run_pass(pass.as_ref(), &current, config, &mut out)? {
                current = Cow::Owned(next);
            }
        }
        Ok(current.into_owned())
    }

    /// Runs every pass in order, calling `observe(pass, before, after, output)`
    /// after each one (the output's edits are sorted and in `before`'s
    /// coordinates). This is what `eval` uses to measure every stage.
    pub fn run_observed(
        &self,
        text: &str,
        config: &Config,
        mut observe: impl FnMut(&dyn Pass, &str, &str, &mut PassOutput),
    ) -> Result<String, PassError> {
        let mut current = text.to_string();
        for pass in &self.passes {
            let mut out = PassOutput::default();
            let next = run_pass(pass.as_ref(), &current, config, &mut out)?
                .unwrap_or_else(|| current.clone());
            observe(pass.as_ref(), &current, &next, &mut out);
            current = next;
        }
        Ok(current)
    }
}

/// Runs one pass over `input` into `out` (edits sorted) and returns the new
/// text, or `None` when the pass changed nothing.
fn run_pass(
    pass: &dyn Pass,
    input: &str,
    config: &Config,
    out: &mut PassOutput,
) -> Result<Option<String>, PassError> {
    pass.run(input, config, out);
    if out.edits.is_empty() {
        return Ok(None);
    }
    edit::sort(&mut out.edits);
    edit::apply(input, &out.edits)
        .map(Some)
        .map_err(|source| PassError {
            pass: pass.name(),
            source,
        })
}

/// Renders every edit and note of a run, one per line, located by raw
/// `line:column` (1-based, columns in characters; a note about a line break
/// shows both ends, `12:27..14:1`):
/// `unwrap  12:27  join  wrap: line continues  "\n\n" -> ""`.
pub fn explain(raw: &str, records: &[PassRecord]) -> String {
    // The input of every pass, rebuilt once.
    let mut inputs = vec![raw.to_string()];
    for r in records {
        let last = inputs.last().expect("non-empty");
        inputs.push(edit::apply(last, &r.edits).unwrap_or_else(|_| last.clone()));
    }
    let mut out = String::new();
    for (k, record) in records.iter().enumerate() {
        let to_raw = |offset: usize| -> usize {
            records[..k]
                .iter()
                .rev()
                .fold(offset, |o, r| edit::map_backward(&r.edits, o))
        };
        for note in &record.notes {
            // A note about a stretch across lines (a line break) shows where
            // it ends too: `12:27..14:1`.
            let start = line_col(raw, to_raw(note.span.start));
            let end = line_col(raw, to_raw(note.span.end));
            let at = if end.0 != start.0 {
                format!("{}:{}..{}:{}", start.0, start.1, end.0, end.1)
            } else {
                format!("{}:{}", start.0, start.1)
            };
            out.push_str(&format!("{}\t{at}\tnote\t{}\n", record.pass, note.message));
        }
        for e in &record.edits {
            let (line, col) = line_col(raw, to_raw(e.span.start));
            let kind = serde_json::to_value(e.kind)
                .ok()
                .and_then(|v| v.as_str().map(String::from))
                .unwrap_or_default();
            let old = inputs[k].get(e.span.clone()).unwrap_or("");
            out.push_str(&format!(
                "{}\t{line}:{col}\t{kind}\t{}\t{old:?} -> {:?}\n",
                record.pass, e.reason, e.replacement
            ));
        }
    }
    out
}

/// 1-based line and character column of byte `offset` in `text`.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sel(only: Option<&[&str]>, skip: &[&str], until: Option<&str>) -> Selection {
        Selection {
            only: only.map(|o| o.iter().map(|s| s.to_string()).collect()),
            skip: skip.iter().map(|s| s.to_string()).collect(),
            until: until.map(str::to_string),
        }
    }

    #[test]
    fn selection_keeps_pipeline_order() {
        let all = Pipeline::default().names();
        assert!(!all.is_empty());
        let first = all[0];
        let p = Pipeline::select(&sel(Some(&[first]), &[], None)).unwrap();
        assert_eq!(p.names(), vec![first]);
        let p = Pipeline::select(&sel(None, &[first], None)).unwrap();
        assert_eq!(p.names(), all[1..].to_vec());
        let p = Pipeline::select(&sel(None, &[], Some(first))).unwrap();
        assert_eq!(p.names(), vec![first]);
    }

    #[test]
    fn unknown_pass_is_an_error() {
        let err = Pipeline::select(&sel(None, &["nope"], None)).err().unwrap();
        assert_eq!(err.name, "nope");
        assert!(err.known.contains("normalize"));
    }
}
