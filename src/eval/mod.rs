//! `ocrclean eval`: runs the pipeline over golden cases one pass at a time
//! and measures, after `raw` and after every pass, how far the text is from
//! the hand-written expected file.
//!
//! # Cases
//!
//! A case is a file `<case>.raw.txt` beside `<case>.expected.txt`, found by
//! walking each directory given (recursively, sorted). The raw file may be in
//! any encoding [`crate::decode`] detects (GB18030, Big5, UTF-16, …); the
//! expected file is UTF-8. A case is named by its raw path as given on the
//! command line without `.raw.txt` (`golden/seeds/000_5a2ad18d797748bb`),
//! which is also its key in a baseline file. A raw file without an expected
//! file in a walked directory is evidence, not a case: it is skipped with a
//! note (`golden/layout/unpaired/`).
//!
//! # Metrics
//!
//! Texts are compared as Unicode extended grapheme clusters after NFC, as
//! the OCR-D evaluator dinglehopper does, so one "character" means the same
//! for every script and `é` typed two ways is no error. `\r\n` is one
//! grapheme.
//!
//! - **CER** = edit distance (Levenshtein, unit costs; line breaks and spaces
//!   are graphemes like any other) / graphemes of the expected text. How the
//!   distance is computed in linear memory is described in [`align`].
//! - **Line-break precision / recall / F1.** Both texts are reduced to their
//!   non-whitespace graphemes; a *break* is a boundary between two of them
//!   whose whitespace contains a line break (blank lines and spaces around it
//!   make no difference; breaks before the first or after the last grapheme
//!   are not counted). The two reduced sequences are aligned (Myers) and each
//!   output break is matched to an expected break at the corresponding place
//!   (see `metrics::compare_breaks`), so paragraph decisions are judged apart
//!   from character fixes. Precision = matched / output breaks, recall =
//!   matched / expected breaks; both are 1 when there is nothing to count.
//! - **Exact lines**: lines of the expected text reproduced exactly, in order
//!   (longest common subsequence of the two line lists).
//! - **Edit precision of a pass** (three-way: before the pass, after it,
//!   expected). Every change the pass made is judged alone in its local
//!   context: did it bring the text closer to the expected file (`toward`),
//!   further from it (`away`), or neither (`neutral`, e.g. a CRLF turned into
//!   LF where the expected text joins the lines anyway)? Edit precision =
//!   `toward / (toward + away)`. A pass that makes 10 right joins and 2
//!   wrong ones shows 10 toward and 2 away, 83 %, although its CER went
//!   down. The precise definition is in [`edits`]. `net` is the change of the
//!   whole distance, for comparison.
//!
//! Per-case figures are integer counts (distance, expected graphemes,
//! matched/output/expected breaks, exact/expected lines, changed/toward/away/
//! net). The
//! total adds the counts of all cases and derives the ratios from the sums
//! (micro-average): a long page weighs more than a ten-character case.

pub mod align;
pub mod diff;
pub mod edits;
pub mod gate;
pub mod metrics;
pub mod report;

use std::path::{Component, Path, PathBuf};

use rayon::prelude::*;

use crate::config::Config;
use crate::decode::{self, DecodeOptions};
use crate::io::{io_cause, InputError};
use crate::pass::{PassError, Pipeline};

pub use diff::Difference;
pub use gate::{Baseline, GateOutcome, Gates};
pub use metrics::{BreakCounts, CerCounts, EditCounts, LineCounts, StageMetrics};

use align::Interner;
use metrics::Prepared;

const RAW_SUFFIX: &str = ".raw.txt";
const EXPECTED_SUFFIX: &str = ".expected.txt";

/// One golden case on disk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Case {
    /// Raw path without `.raw.txt`, `/`-separated, without `./`.
    pub name: String,
    pub raw: PathBuf,
    pub expected: PathBuf,
}

/// What [`discover`] found.
#[derive(Debug, Default)]
pub struct Discovered {
    /// Sorted by name.
    pub cases: Vec<Case>,
    /// Raw files found in a directory without an expected file beside them:
    /// kept as evidence, not cases (`golden/layout/unpaired/`).
    pub unpaired: Vec<PathBuf>,
    /// Paths that do not exist or cannot be read, raw files named directly
    /// without an expected file, and expected files without a raw file.
    pub errors: Vec<InputError>,
}

/// Finds the cases under `paths` (directories walked recursively, or raw
/// files named directly).
pub fn discover(paths: &[PathBuf]) -> Discovered {
    let mut cases = Vec::new();
    let mut unpaired = Vec::new();
    let mut errors = Vec::new();
    for path in paths {
        if path.is_file() {
            match case_for_raw(path) {
                Some(case) if case.expected.is_file() => cases.push(case),
                Some(case) => errors.push(missing_expected(&case)),
                None => errors.push(InputError::new(path, "not a `*.raw.txt` file")),
            }
            continue;
        }
        if !path.is_dir() {
            errors.push(InputError::new(path, "no such file or directory"));
            continue;
        }
        for entry in walkdir::WalkDir::new(path)
            .follow_links(true)
            .sort_by_file_name()
        {
            let entry = match entry {
                Ok(entry) => entry,
                Err(e) => {
                    let at = e.path().map(Path::to_path_buf).unwrap_or(path.clone());
                    let cause = e.io_error().map(io_cause).unwrap_or_else(|| e.to_string());
                    errors.push(InputError::new(at, cause));
                    continue;
                }
            };
            if !entry.file_type().is_file() {
                continue;
            }
            let file = entry.path();
            let file_name = entry.file_name().to_string_lossy();
            if let Some(case) = case_for_raw(file) {
                if case.expected.is_file() {
                    cases.push(case);
                } else {
                    unpaired.push(case.raw);
                }
            } else if let Some(stem) = file_name.strip_suffix(EXPECTED_SUFFIX) {
                let raw = file.with_file_name(format!("{stem}{RAW_SUFFIX}"));
                if !raw.is_file() {
                    errors.push(InputError::new(
                        file,
                        format!("no raw file beside it ({stem}{RAW_SUFFIX})"),
                    ));
                }
            }
        }
    }
    cases.sort_by(|a, b| a.name.cmp(&b.name));
    cases.dedup_by(|a, b| a.name == b.name);
    Discovered {
        cases,
        unpaired,
        errors,
    }
}

fn case_for_raw(raw: &Path) -> Option<Case> {
    let file_name = raw.file_name()?.to_str()?;
    let stem = file_name.strip_suffix(RAW_SUFFIX)?;
    let expected = raw.with_file_name(format!("{stem}{EXPECTED_SUFFIX}"));
    let name = case_name(&raw.with_file_name(stem));
    Some(Case {
        name,
        raw: raw.to_path_buf(),
        expected,
    })
}

fn missing_expected(case: &Case) -> InputError {
    let expected = case
        .expected
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    InputError::new(
        &case.raw,
        format!("no expected file beside it ({expected})"),
    )
}

/// `./golden//seeds/x` → `golden/seeds/x`, with `/` on every platform.
fn case_name(path: &Path) -> String {
    let parts: Vec<String> = path
        .components()
        .filter(|c| !matches!(c, Component::CurDir))
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    parts.join("/").replace("//", "/")
}

/// What to compute besides the metrics.
#[derive(Debug, Clone, Copy, Default)]
pub struct EvalOptions {
    /// Collect the remaining differences of the final output.
    pub differences: bool,
    /// Graphemes of context on each side of a difference.
    pub context: usize,
}

/// The measurements of one case.
#[derive(Debug, Clone)]
pub struct CaseResult {
    pub name: String,
    /// `raw`, then one entry per pass of the pipeline.
    pub stages: Vec<StageMetrics>,
    /// Remaining differences of the final output (when asked for).
    pub differences: Vec<Difference>,
}

impl CaseResult {
    /// The figures after the last pass.
    pub fn last(&self) -> &StageMetrics {
        self.stages.last().expect("raw is always measured")
    }
}

/// The result of evaluating a set of cases.
#[derive(Debug, Clone)]
pub struct Evaluation {
    /// The passes that ran, in order.
    pub passes: Vec<String>,
    pub cases: Vec<CaseResult>,
    /// Counts of all cases added up, stage by stage.
    pub total: Vec<StageMetrics>,
}

impl Evaluation {
    pub fn total_last(&self) -> &StageMetrics {
        self.total.last().expect("raw is always measured")
    }
}

/// The text after the last stage measured, and every stage so far.
struct Track {
    current: Prepared,
    current_ops: Vec<align::Op>,
    stages: Vec<StageMetrics>,
}

impl Track {
    /// Measures the stage that turned the current text into `next`.
    fn push(&mut self, name: &str, next: Prepared, expected: &Prepared) {
        let previous = self.stages.last().expect("raw is measured first");
        let (mut stage, ops) = metrics::measure(name, &next, expected);
        stage.edits = Some(EditCounts {
            net: previous.cer.distance as i64 - stage.cer.distance as i64,
            ..edits::judge(
                &self.current.graphemes,
                &next.graphemes,
                &expected.graphemes,
                &self.current_ops,
            )
        });
        self.current = next;
        self.current_ops = ops;
        self.stages.push(stage);
    }
}

/// The stage after the later runs of the pipeline, present in a case only
/// where a pass reported its output unsettled (and then in the totals).
pub const RERUN_STAGE: &str = "rerun";

/// Runs `pipeline` over `raw` pass by pass and measures every stage against
/// `expected`.
pub fn evaluate_text(
    pipeline: &Pipeline,
    config: &Config,
    raw: &str,
    expected: &str,
    options: &EvalOptions,
) -> Result<(Vec<StageMetrics>, Vec<Difference>), PassError> {
    let mut interner = Interner::default();
    let expected = Prepared::new(expected, &mut interner);
    let current = Prepared::new(raw, &mut interner);
    let (raw_stage, current_ops) = metrics::measure("raw", &current, &expected);
    let mut track = Track {
        current,
        current_ops,
        stages: vec![raw_stage],
    };
    // Later runs of the pipeline (after a pass reported its output
    // unsettled) are measured as one stage, `rerun`, after their last pass.
    let mut reran = false;
    let text = pipeline.run_observed(raw, config, |stage, before, after, _| {
        if stage.run > 1 {
            reran = true;
        } else if before == after {
            let previous = track.stages.last().expect("raw is measured first");
            let unchanged = StageMetrics {
                stage: stage.pass.name().to_string(),
                edits: Some(EditCounts::default()),
                ..previous.clone()
            };
            track.stages.push(unchanged);
        } else {
            let next = Prepared::new(after, &mut interner);
            track.push(stage.pass.name(), next, &expected);
        }
    })?;
    if reran {
        let next = Prepared::new(&text, &mut interner);
        track.push(RERUN_STAGE, next, &expected);
    }
    let Track {
        current, stages, ..
    } = track;
    let differences = if options.differences {
        diff::differences(&current.graphemes, &expected.graphemes, options.context)
    } else {
        Vec::new()
    };
    Ok((stages, differences))
}

/// Why a case could not be evaluated.
#[derive(Debug, thiserror::Error)]
#[error("{path}: {cause}")]
pub struct CaseError {
    pub path: String,
    pub cause: String,
}

/// Reads and evaluates one case.
pub fn evaluate_case(
    pipeline: &Pipeline,
    config: &Config,
    case: &Case,
    options: &EvalOptions,
) -> Result<CaseResult, CaseError> {
    let read = |path: &Path| -> Result<String, CaseError> {
        let error = |cause: String| CaseError {
            path: path.display().to_string(),
            cause,
        };
        let bytes = std::fs::read(path).map_err(|e| error(io_cause(&e)))?;
        let decoded =
            decode::decode(&bytes, &DecodeOptions::default()).map_err(|e| error(e.to_string()))?;
        Ok(decoded.text)
    };
    let raw = read(&case.raw)?;
    let expected = read(&case.expected)?;
    let (stages, differences) =
        evaluate_text(pipeline, config, &raw, &expected, options).map_err(|e| CaseError {
            path: case.raw.display().to_string(),
            cause: e.to_string(),
        })?;
    Ok(CaseResult {
        name: case.name.clone(),
        stages,
        differences,
    })
}

/// Evaluates every case (in parallel) and adds up the totals. Cases that
/// cannot be evaluated are returned as errors and left out of the totals.
pub fn evaluate(
    pipeline: &Pipeline,
    config: &Config,
    cases: &[Case],
    options: &EvalOptions,
) -> (Evaluation, Vec<CaseError>) {
    let results: Vec<Result<CaseResult, CaseError>> = cases
        .par_iter()
        .map(|case| evaluate_case(pipeline, config, case, options))
        .collect();
    let mut evaluated = Vec::with_capacity(results.len());
    let mut errors = Vec::new();
    for result in results {
        match result {
            Ok(case) => evaluated.push(case),
            Err(e) => errors.push(e),
        }
    }
    let passes: Vec<String> = pipeline.names().iter().map(|n| n.to_string()).collect();
    let reran = evaluated
        .iter()
        .any(|case| case.stages.len() > passes.len() + 1);
    let mut total: Vec<StageMetrics> = std::iter::once("raw".to_string())
        .chain(passes.iter().cloned())
        .chain(reran.then(|| RERUN_STAGE.to_string()))
        .map(|stage| StageMetrics {
            stage,
            edits: None,
            ..StageMetrics::default()
        })
        .collect();
    for case in &evaluated {
        // A case that did not run again is where its last pass left it.
        let last = case.stages.last().map(|stage| StageMetrics {
            edits: Some(EditCounts::default()),
            ..stage.clone()
        });
        let stages = case.stages.iter().chain(
            last.iter()
                .filter(|_| reran && case.stages.len() == passes.len() + 1),
        );
        for (sum, stage) in total.iter_mut().zip(stages) {
            sum.add(stage);
        }
    }
    for sum in total.iter_mut().skip(1) {
        sum.edits.get_or_insert_with(EditCounts::default);
    }
    (
        Evaluation {
            passes,
            cases: evaluated,
            total,
        },
        errors,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_names_are_normalized() {
        assert_eq!(case_name(Path::new("./golden/seeds/x")), "golden/seeds/x");
        assert_eq!(case_name(Path::new("golden/cases/a")), "golden/cases/a");
    }

    #[test]
    fn discovery_pairs_files_and_reports_orphans() {
        let dir = tempfile::tempdir().unwrap();
        let sub = dir.path().join("set");
        std::fs::create_dir(&sub).unwrap();
        std::fs::write(sub.join("b.raw.txt"), "b").unwrap();
        std::fs::write(sub.join("b.expected.txt"), "b").unwrap();
        std::fs::write(sub.join("a.raw.txt"), "a").unwrap();
        std::fs::write(sub.join("a.expected.txt"), "a").unwrap();
        std::fs::write(sub.join("lonely.raw.txt"), "x").unwrap();
        std::fs::write(sub.join("orphan.expected.txt"), "x").unwrap();
        std::fs::write(sub.join("a.notes.md"), "x").unwrap();
        let found = discover(&[dir.path().to_path_buf()]);
        let names: Vec<_> = found
            .cases
            .iter()
            .map(|c| c.name.rsplit('/').next().unwrap().to_string())
            .collect();
        assert_eq!(names, ["a", "b"]);
        assert_eq!(found.unpaired, [sub.join("lonely.raw.txt")]);
        assert_eq!(found.errors.len(), 1, "{:?}", found.errors);
        assert!(found.errors[0].cause.contains("no raw file"));
        // Named directly, a raw file must have its expected file.
        let found = discover(&[sub.join("lonely.raw.txt")]);
        assert!(found.errors[0].cause.contains("no expected file"));
    }

    /// Joins every line break but the last: right for wrapped lines, wrong
    /// at a paragraph end.
    struct JoinAll;

    impl crate::pass::Pass for JoinAll {
        fn name(&self) -> &'static str {
            "join-all"
        }
        fn description(&self) -> &'static str {
            "test pass"
        }
        fn run(&self, input: &str, _: &Config, out: &mut crate::pass::PassOutput) {
            let body = input.trim_end_matches('\n');
            for (at, _) in body.match_indices('\n') {
                out.push(crate::Edit::delete(
                    at..at + 1,
                    crate::EditKind::Join,
                    "test",
                ));
            }
        }
    }

    #[test]
    fn harm_shows_even_when_the_cer_goes_down() {
        // Three wrong breaks and one right one (after 。).
        let raw =
            "西安高新区\n创建国家未来产业先导区。\n该项目建成后\n预计年产值可\n达到1.4亿元。\n";
        let expected =
            "西安高新区创建国家未来产业先导区。\n该项目建成后预计年产值可达到1.4亿元。\n";
        let pipeline = Pipeline::new(vec![Box::new(JoinAll)]);
        let (stages, differences) = evaluate_text(
            &pipeline,
            &Config::default(),
            raw,
            expected,
            &EvalOptions {
                differences: true,
                context: 2,
            },
        )
        .unwrap();
        assert_eq!(stages[0].cer.distance, 3);
        let joined = &stages[1];
        assert_eq!(joined.cer.distance, 1);
        let edits = joined.edits.unwrap();
        assert_eq!(
            (edits.changed, edits.toward, edits.away, edits.net),
            (4, 3, 1, 2)
        );
        assert_eq!(edits.precision(), Some(0.75));
        assert_eq!(
            (
                joined.breaks.matched,
                joined.breaks.output,
                joined.breaks.expected
            ),
            (0, 0, 1)
        );
        assert_eq!(differences.len(), 1);
        assert_eq!(differences[0].line, 1);
    }

    #[test]
    fn later_runs_are_one_rerun_stage_in_cases_and_totals() {
        let pipeline = Pipeline::new(vec![Box::new(crate::testing::OneXPerRun)]);
        let config = Config::default();
        let options = EvalOptions::default();
        let (stages, _) = evaluate_text(&pipeline, &config, "axbxc\n", "abc\n", &options).unwrap();
        let names: Vec<&str> = stages.iter().map(|s| s.stage.as_str()).collect();
        assert_eq!(names, ["raw", "one-x", RERUN_STAGE]);
        assert_eq!(stages[1].cer.distance, 1);
        assert_eq!(stages[2].cer.distance, 0);
        assert_eq!(stages[2].edits.unwrap().net, 1);
        // No later run: no rerun stage.
        let (stages, _) = evaluate_text(&pipeline, &config, "axb\n", "ab\n", &options).unwrap();
        assert_eq!(stages.len(), 2);

        let dir = std::env::temp_dir().join(format!("ocrclean-rerun-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let mut cases = Vec::new();
        for (name, raw, expected) in [("a", "axbxc\n", "abc\n"), ("b", "axb\n", "ab\n")] {
            let (raw_path, expected_path) = (dir.join(format!("{name}.raw")), dir.join(name));
            std::fs::write(&raw_path, raw).unwrap();
            std::fs::write(&expected_path, expected).unwrap();
            cases.push(Case {
                name: name.to_string(),
                raw: raw_path,
                expected: expected_path,
            });
        }
        let (evaluation, errors) = evaluate(&pipeline, &config, &cases, &options);
        std::fs::remove_dir_all(&dir).unwrap();
        assert!(errors.is_empty());
        let total: Vec<(&str, u64)> = evaluation
            .total
            .iter()
            .map(|s| (s.stage.as_str(), s.cer.distance))
            .collect();
        // Case `b` did not run again: it counts in `rerun` as it was.
        assert_eq!(total, [("raw", 3), ("one-x", 1), (RERUN_STAGE, 0)]);
    }

    #[test]
    fn every_pass_gets_a_stage_and_totals_add_up() {
        let pipeline = Pipeline::default();
        let config = Config::default();
        let options = EvalOptions::default();
        let (stages, _) =
            evaluate_text(&pipeline, &config, "甲\r\n乙\r\n", "甲\n乙\n", &options).unwrap();
        assert_eq!(stages.len(), pipeline.names().len() + 1);
        assert_eq!(stages[0].stage, "raw");
        assert_eq!(stages[0].cer.distance, 2);
        assert!(stages[0].edits.is_none());
        for stage in &stages[1..] {
            let e = stage.edits.unwrap();
            assert!(e.toward + e.away <= e.changed);
        }
        // Whatever the passes are, the last stage is measured consistently.
        let last = stages.last().unwrap();
        assert_eq!(last.cer.expected, 4);
    }
}
