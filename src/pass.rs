//! The pass abstraction and the pipeline that runs passes in a fixed order.
//!
//! Modelled on rustc's MIR pass manager: a fixed, ordered list of named
//! passes; each can be listed, run alone, skipped, or be the last one run,
//! and each reports its edits so the pipeline can be measured after every
//! pass (`ocrclean eval`).

use std::any::{Any, TypeId};
use std::borrow::Cow;
use std::ops::Range;

use crate::config::Config;
use crate::edit::{self, Edit, EditError, EditKind};

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
    /// The pass knows that the pipeline run again over the final text would
    /// change it (it could not make its decisions hold without the layout
    /// its output no longer has): the pipeline then runs again.
    pub unsettled: bool,
    /// What passes that come later did to this pass's output, where this
    /// pass ran them itself to check its decisions (`unwrap`'s settling
    /// runs `bylines`, `spacing` and `punct`): the pipeline takes their
    /// results instead of running them again.
    pub ran_ahead: Option<Box<RanAhead>>,
}

/// Later passes run, in order, over a pass's output by the pass itself.
#[derive(Debug)]
pub struct RanAhead {
    /// The text the first stage ran over: the pass's output.
    pub input: String,
    pub stages: Vec<AheadStage>,
}

/// One later pass's run over the text the stage before it left.
#[derive(Debug)]
pub struct AheadStage {
    /// The pass's name (for people reading it) …
    pub pass: &'static str,
    /// … and its type, which is what the pipeline matches: a pass of a
    /// library user's own that happens to share a name never takes a run
    /// that was not its own.
    pass_type: TypeId,
    /// Its output, edits sorted, under the pipeline's configuration.
    pub output: PassOutput,
    /// The text after it: `None` where it made no edit (as the pipeline
    /// runs a pass).
    pub next: Option<String>,
}

impl AheadStage {
    pub fn new(pass: &dyn Pass, output: PassOutput, next: Option<String>) -> Self {
        AheadStage {
            pass: pass.name(),
            pass_type: <dyn Pass as Any>::type_id(pass),
            output,
            next,
        }
    }

    /// Whether this is a run of `pass`.
    fn is_run_of(&self, pass: &dyn Pass) -> bool {
        self.pass_type == <dyn Pass as Any>::type_id(pass)
    }
}

/// The stages a pass ran ahead that the pipeline has not reached yet.
#[derive(Default)]
struct Ahead {
    /// The text the next stage must find, until it is checked.
    input: Option<String>,
    stages: std::collections::VecDeque<AheadStage>,
}

impl Ahead {
    fn from(ran: RanAhead) -> Self {
        Ahead {
            input: Some(ran.input),
            stages: ran.stages.into(),
        }
    }

    /// The stage ran ahead for `pass` over `current`, if the passes since
    /// the one that ran it are exactly its earlier stages: any other pass
    /// in between, or another text, and the rest is dropped.
    fn take(&mut self, pass: &dyn Pass, current: &str) -> Option<AheadStage> {
        let stage = self.stages.pop_front()?;
        let same_input = self.input.take().is_none_or(|input| input == current);
        if stage.is_run_of(pass) && same_input {
            Some(stage)
        } else {
            self.stages.clear();
            None
        }
    }
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
pub trait Pass: Any + Send + Sync {
    /// Stable kebab-case name (`normalize`, `undouble`, …).
    fn name(&self) -> &'static str;
    /// One line: what defect the pass fixes.
    fn description(&self) -> &'static str;
    /// Reads `input` and reports the edits that fix it. Must not panic on any
    /// input; must be idempotent together with the passes after it, or
    /// report its output [`PassOutput::unsettled`] where it knows it is not.
    fn run(&self, input: &str, config: &Config, out: &mut PassOutput);
}

/// What one pass did during a run.
#[derive(Debug)]
pub struct PassRecord {
    pub pass: &'static str,
    /// Which run of the pipeline over the text (1, or later runs, see
    /// [`MAX_RUNS`]).
    pub run: usize,
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

/// Most runs of the pipeline over one text. A run is repeated only when a
/// pass reports its output unsettled ([`PassOutput::unsettled`]), and not
/// after a later run that changed nothing: cleaning is meant to be
/// idempotent, and a pass that cannot settle its own decisions (rare;
/// garbled text with repeated lines) leaves the rest to another run over
/// its output rather than to the user's next run.
pub const MAX_RUNS: usize = 4;

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
        let text = self.run_observed(text, config, |stage, _before, _after, out| {
            records.push(PassRecord {
                pass: stage.pass.name(),
                run: stage.run,
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
        for run in 1..=MAX_RUNS {
            let (mut unsettled, mut changed) = (false, false);
            let mut ahead = Ahead::default();
            for pass in &self.passes {
                let mut out = PassOutput::default();
                if let Some(next) =
                    run_or_take(pass.as_ref(), &current, config, &mut out, &mut ahead)?
                {
                    current = Cow::Owned(next);
                    changed = true;
                }
                unsettled |= out.unsettled;
            }
            if !runs_again(run, unsettled, changed) {
                break;
            }
        }
        Ok(current.into_owned())
    }

    /// Runs every pass in order, calling `observe(stage, before, after,
    /// output)` after each one (the output's edits are sorted and in
    /// `before`'s coordinates), and again, up to [`MAX_RUNS`] in all, while
    /// a pass reports its output unsettled. This is what `eval` uses to
    /// measure every stage.
    pub fn run_observed(
        &self,
        text: &str,
        config: &Config,
        mut observe: impl FnMut(Stage<'_>, &str, &str, &mut PassOutput),
    ) -> Result<String, PassError> {
        let mut current = text.to_string();
        for run in 1..=MAX_RUNS {
            let (mut unsettled, mut changed) = (false, false);
            let mut ahead = Ahead::default();
            for pass in &self.passes {
                let mut out = PassOutput::default();
                let next = run_or_take(pass.as_ref(), &current, config, &mut out, &mut ahead)?;
                changed |= next.is_some();
                let next = next.unwrap_or_else(|| current.clone());
                unsettled |= out.unsettled;
                observe(
                    Stage {
                        pass: pass.as_ref(),
                        run,
                    },
                    &current,
                    &next,
                    &mut out,
                );
                current = next;
            }
            if !runs_again(run, unsettled, changed) {
                break;
            }
        }
        Ok(current)
    }
}

/// Whether the pipeline runs again after run `run`: a pass reported its
/// output unsettled, and the run was the first or changed something (a later
/// run that changed nothing is a fixed point: the passes depend on the text
/// alone, so another would change nothing either).
fn runs_again(run: usize, unsettled: bool, changed: bool) -> bool {
    unsettled && (run == 1 || changed)
}

/// A pass as the pipeline runs it: which pass, in which run.
#[derive(Clone, Copy)]
pub struct Stage<'p> {
    pub pass: &'p dyn Pass,
    /// 1 for the first run over the text; later runs follow a pass that
    /// reported its output unsettled.
    pub run: usize,
}

/// One edit of a run, located in the raw text: a row of `--explain` and a
/// line of `--edits json`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct EditRow {
    pub pass: &'static str,
    /// The run of the pipeline (left out of JSON for the first).
    #[serde(skip_serializing_if = "is_first_run")]
    pub run: usize,
    pub kind: EditKind,
    pub reason: String,
    /// 1-based raw line and character column where the edit starts.
    pub line: usize,
    pub column: usize,
    /// The text the edit replaces (in the pass's input) and what replaces it.
    pub old: String,
    pub new: String,
}

/// Every edit of a run, pass by pass, located by raw `line:column`. Linear in
/// the size of the run (edits are mapped back in sorted sweeps).
pub fn edit_rows(raw: &str, records: &[PassRecord]) -> Vec<EditRow> {
    let mut rows = Vec::new();
    let mut input = raw.to_string();
    for (k, record) in records.iter().enumerate() {
        let starts = record.edits.iter().map(|e| e.span.start).collect();
        let positions = raw_positions(raw, &records[..k], starts);
        for (e, (line, column)) in record.edits.iter().zip(positions) {
            rows.push(EditRow {
                pass: record.pass,
                run: record.run,
                kind: e.kind,
                reason: e.reason.to_string(),
                line,
                column,
                old: input.get(e.span.clone()).unwrap_or("").to_string(),
                new: e.replacement.to_string(),
            });
        }
        if let Ok(next) = edit::apply(&input, &record.edits) {
            input = next;
        }
    }
    rows
}

fn is_first_run(run: &usize) -> bool {
    *run <= 1
}

/// How `--explain` names the pass of a record: `unwrap`, or `unwrap#2` in
/// the second run of the pipeline.
pub fn stage_label(pass: &str, run: usize) -> String {
    if run <= 1 {
        pass.to_string()
    } else {
        format!("{pass}#{run}")
    }
}

/// Edit rows as JSON lines, one object per edit:
/// `{"file":…,"pass":…,"kind":…,"reason":…,"line":…,"column":…,"old":…,"new":…}`
/// (`--edits json`; `line`/`column` are 1-based raw positions).
pub fn edits_json_lines(file: &str, rows: impl IntoIterator<Item = EditRow>) -> String {
    #[derive(serde::Serialize)]
    struct Line<'a> {
        file: &'a str,
        #[serde(flatten)]
        row: EditRow,
    }
    let mut out = String::new();
    for row in rows {
        let line = serde_json::to_string(&Line { file, row }).expect("plain data serializes");
        out.push_str(&line);
        out.push('\n');
    }
    out
}

/// Runs `pass` over `current` like [`run_pass`], or takes its output from
/// `ahead` where an earlier pass ran it over this text already; then keeps
/// what this pass ran ahead.
fn run_or_take(
    pass: &dyn Pass,
    current: &str,
    config: &Config,
    out: &mut PassOutput,
    ahead: &mut Ahead,
) -> Result<Option<String>, PassError> {
    let next = match ahead.take(pass, current) {
        Some(stage) => {
            *out = stage.output;
            stage.next
        }
        None => run_pass(pass, current, config, out)?,
    };
    if let Some(ran) = out.ran_ahead.take() {
        *ahead = Ahead::from(*ran);
    }
    Ok(next)
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
    let mut rows = edit_rows(raw, records).into_iter().peekable();
    let mut out = String::new();
    for (k, record) in records.iter().enumerate() {
        let label = stage_label(record.pass, record.run);
        let starts = record.notes.iter().map(|n| n.span.start).collect();
        let ends = record.notes.iter().map(|n| n.span.end).collect();
        let starts = raw_positions(raw, &records[..k], starts);
        let ends = raw_positions(raw, &records[..k], ends);
        for ((note, start), end) in record.notes.iter().zip(starts).zip(ends) {
            // A note about a stretch across lines (a line break) shows where
            // it ends too: `12:27..14:1`.
            let at = if end.0 != start.0 {
                format!("{}:{}..{}:{}", start.0, start.1, end.0, end.1)
            } else {
                format!("{}:{}", start.0, start.1)
            };
            out.push_str(&format!("{label}\t{at}\tnote\t{}\n", note.message));
        }
        for _ in &record.edits {
            let Some(row) = rows.next() else { break };
            out.push_str(&format!(
                "{label}\t{}:{}\t{}\t{}\t{:?} -> {:?}\n",
                row.line,
                row.column,
                row.kind.name(),
                row.reason,
                row.old,
                row.new
            ));
        }
    }
    out
}

/// Raw `(line, column)` of byte offsets of the input of the pass that comes
/// after `earlier` (offsets in any order; results in the same order).
pub fn raw_positions(
    raw: &str,
    earlier: &[PassRecord],
    offsets: Vec<usize>,
) -> Vec<(usize, usize)> {
    let mut order: Vec<usize> = (0..offsets.len()).collect();
    order.sort_by_key(|&i| offsets[i]);
    let mut sorted: Vec<usize> = order.iter().map(|&i| offsets[i]).collect();
    for record in earlier.iter().rev() {
        edit::map_backward_sorted(&record.edits, &mut sorted);
    }
    let mut locator = Locator::new(raw);
    let mut positions = vec![(0, 0); offsets.len()];
    for (&i, &offset) in order.iter().zip(&sorted) {
        positions[i] = locator.locate(offset);
    }
    positions
}

/// Turns byte offsets into 1-based `(line, character column)`; linear over a
/// whole text when asked in ascending order.
pub struct Locator<'a> {
    text: &'a str,
    pos: usize,
    line: usize,
    col: usize,
}

impl<'a> Locator<'a> {
    pub fn new(text: &'a str) -> Self {
        Locator {
            text,
            pos: 0,
            line: 1,
            col: 1,
        }
    }

    pub fn locate(&mut self, offset: usize) -> (usize, usize) {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        if offset < self.pos {
            *self = Locator::new(self.text);
        }
        for c in self.text[self.pos..offset].chars() {
            if c == '\n' {
                self.line += 1;
                self.col = 1;
            } else {
                self.col += 1;
            }
        }
        self.pos = offset;
        (self.line, self.col)
    }
}

/// 1-based line and character column of byte `offset` in `text`.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    Locator::new(text).locate(offset)
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

    #[test]
    fn edits_are_located_by_raw_line_and_column() {
        let raw = "第一\r\n行\u{200B}Ａ\n";
        let pipeline = Pipeline::new(vec![Box::new(crate::passes::normalize::Normalize)]);
        let run = pipeline.run(raw, &Config::default()).unwrap();
        assert_eq!(
            explain(raw, &run.records),
            "normalize\t1:3\tnormalize\tCRLF line end\t\"\\r\" -> \"\"\n\
             normalize\t2:2\tnormalize\tzero-width character\t\"\\u{200b}\" -> \"\"\n\
             normalize\t2:3\tnormalize\tfull-width letter or digit to ASCII\t\"Ａ\" -> \"A\"\n"
        );
        let json = edits_json_lines("f", edit_rows(raw, &run.records));
        assert_eq!(json.lines().count(), 3);
        assert!(json.starts_with(r#"{"file":"f","pass":"normalize","kind":"normalize","reason":"CRLF line end","line":1,"column":3,"old":"\r","new":""}"#));
        assert_eq!(line_col("ab\n汉字c", 9), (2, 3));
    }

    /// Appends `!` and runs `mark` ahead over its output, leaving a
    /// different edit than `mark` itself would (so the tests can tell
    /// which was used); with `stale`, over another text than its output.
    struct Leader {
        stale: bool,
    }

    impl Pass for Leader {
        fn name(&self) -> &'static str {
            "leader"
        }
        fn description(&self) -> &'static str {
            "appends ! and runs mark ahead"
        }
        fn run(&self, input: &str, _: &Config, out: &mut PassOutput) {
            let end = input.len();
            out.push(Edit::insert(end, "!", EditKind::Normalize, "bang"));
            let output = format!("{input}!");
            let mut ahead = PassOutput::default();
            ahead.push(Edit::insert(0, "<", EditKind::Normalize, "ran ahead"));
            out.ran_ahead = Some(Box::new(RanAhead {
                input: if self.stale {
                    input.to_string()
                } else {
                    output.clone()
                },
                stages: vec![AheadStage::new(&Mark, ahead, Some(format!("<{output}")))],
            }));
        }
    }

    /// Puts `>` in front of the text.
    struct Mark;

    impl Pass for Mark {
        fn name(&self) -> &'static str {
            "mark"
        }
        fn description(&self) -> &'static str {
            "puts > in front"
        }
        fn run(&self, _: &str, _: &Config, out: &mut PassOutput) {
            out.push(Edit::insert(0, ">", EditKind::Normalize, "ran"));
        }
    }

    /// Another pass that calls itself `mark`: appends `<`.
    struct NamedLikeMark;

    impl Pass for NamedLikeMark {
        fn name(&self) -> &'static str {
            "mark"
        }
        fn description(&self) -> &'static str {
            "appends <"
        }
        fn run(&self, input: &str, _: &Config, out: &mut PassOutput) {
            out.push(Edit::insert(input.len(), "<", EditKind::Normalize, "own"));
        }
    }

    #[test]
    fn a_pass_run_ahead_is_taken_only_right_after_over_the_same_text() {
        let config = Config::default();
        let leader = |stale| Box::new(Leader { stale }) as Box<dyn Pass>;
        let reasons = |pipeline: Pipeline| {
            let run = pipeline.run("a", &config).unwrap();
            assert_eq!(pipeline.clean("a", &config).unwrap(), run.text);
            let reasons: Vec<String> = run
                .records
                .iter()
                .flat_map(|r| r.edits.iter().map(|e| e.reason.to_string()))
                .collect();
            (run.text, reasons.join(","))
        };
        // Right after, over the text it ran over: taken.
        let taken = reasons(Pipeline::new(vec![leader(false), Box::new(Mark)]));
        assert_eq!(taken, ("<a!".to_string(), "bang,ran ahead".to_string()));
        // Over another text: run.
        let stale = reasons(Pipeline::new(vec![leader(true), Box::new(Mark)]));
        assert_eq!(stale, (">a!".to_string(), "bang,ran".to_string()));
        // Another pass in between: dropped, `mark` runs.
        let between = Pipeline::new(vec![
            leader(false),
            Box::new(crate::testing::OneXPerRun),
            Box::new(Mark),
        ]);
        assert_eq!(
            reasons(between),
            (">a!".to_string(), "bang,ran".to_string())
        );
        // Another pass of the same name: it runs itself.
        let namesake = reasons(Pipeline::new(vec![leader(false), Box::new(NamedLikeMark)]));
        assert_eq!(namesake, ("a!<".to_string(), "bang,own".to_string()));
    }

    #[test]
    fn an_unsettled_pass_makes_the_pipeline_run_again() {
        let pipeline = Pipeline::new(vec![Box::new(crate::testing::OneXPerRun)]);
        let config = Config::default();
        // Three runs: the third leaves no `x` and reports nothing.
        assert_eq!(pipeline.clean("axbxcxd", &config).unwrap(), "abcd");
        let run = pipeline.run("axbxcxd", &config).unwrap();
        assert_eq!(run.text, "abcd");
        let runs: Vec<usize> = run.records.iter().map(|r| r.run).collect();
        assert_eq!(runs, [1, 2, 3]);
        // Later runs are named in `--explain` and `--edits json`, located
        // by raw position through the earlier runs' edits.
        let explained = explain("axbxcxd", &run.records);
        assert_eq!(
            explained,
            "one-x\t1:2\tundouble\tone x\t\"x\" -> \"\"\n\
             one-x#2\t1:4\tundouble\tone x\t\"x\" -> \"\"\n\
             one-x#3\t1:6\tundouble\tone x\t\"x\" -> \"\"\n"
        );
        let json = edits_json_lines("f", edit_rows("axbxcxd", &run.records));
        assert!(!json.lines().next().unwrap().contains(r#""run""#));
        assert!(json.lines().nth(1).unwrap().contains(r#""run":2"#));
        // The runs are bounded: what is left after the last one stays.
        let many = "x".repeat(MAX_RUNS + 2);
        assert_eq!(pipeline.clean(&many, &config).unwrap(), "xx");
        assert_eq!(
            pipeline.run(&many, &config).unwrap().records.len(),
            MAX_RUNS
        );
    }

    /// Changes nothing and always reports its output unsettled: a pass whose
    /// doubt a second run cannot settle.
    struct AlwaysUnsettled;

    impl Pass for AlwaysUnsettled {
        fn name(&self) -> &'static str {
            "doubt"
        }
        fn description(&self) -> &'static str {
            "changes nothing, never settled"
        }
        fn run(&self, _: &str, _: &Config, out: &mut PassOutput) {
            out.unsettled = true;
        }
    }

    #[test]
    fn a_later_run_that_changes_nothing_is_the_last() {
        let pipeline = Pipeline::new(vec![
            Box::new(crate::testing::OneXPerRun),
            Box::new(AlwaysUnsettled),
        ]);
        let config = Config::default();
        // No `x`: the second run only confirms the first one's text.
        let run = pipeline.run("abc", &config).unwrap();
        let runs: Vec<usize> = run.records.iter().map(|r| r.run).collect();
        assert_eq!(runs, [1, 1, 2, 2]);
        // Two `x`: runs 1 and 2 remove one each, run 3 changes nothing.
        let run = pipeline.run("axbx", &config).unwrap();
        assert_eq!(run.text, "ab");
        assert_eq!(run.records.last().unwrap().run, 3);
        assert_eq!(pipeline.clean("axbx", &config).unwrap(), "ab");
    }
}
