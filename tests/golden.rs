//! The golden suite: every golden raw file (`golden/**/<case>.raw.txt`) is
//! cleaned by the full default pipeline with the edit audit on, and must be
//! audit-clean, idempotent and of the output shape (see
//! `ocrclean::invariants`). How close the output is to the expected file is
//! printed per case but not asserted here: the eval baseline gate owns quality.
//!
//! `cargo test --test golden -- --nocapture` shows the per-case summary.

use std::path::{Path, PathBuf};

use ocrclean::invariants::{check_text, promises_shape};
use ocrclean::pass::PassOutput;
use ocrclean::{decode, Config, DecodeOptions, Pass, Pipeline};

fn golden_raw_files() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("golden");
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(root)
        .into_iter()
        .map(|e| e.expect("golden/ is readable").into_path())
        .filter(|p| p.to_string_lossy().ends_with(".raw.txt"))
        .collect();
    files.sort();
    files
}

#[test]
fn every_golden_input_is_audit_clean_idempotent_and_well_shaped() {
    let pipeline = Pipeline::default();
    let files = golden_raw_files();
    assert!(files.len() >= 5, "golden raw files not found");
    if !promises_shape(&pipeline) {
        println!("note: the pipeline lacks a pass that makes the output shape; shape not checked");
    }
    let mut failures = Vec::new();
    let mut exact = 0;
    println!(
        "{:<48} {:>7} {:>6} {:>6} {:>6}  result",
        "case", "bytes", "edits", "lines", "exp"
    );
    for raw_path in &files {
        let name = raw_path
            .strip_prefix(Path::new(env!("CARGO_MANIFEST_DIR")).join("golden"))
            .unwrap()
            .display()
            .to_string()
            .replace(".raw.txt", "");
        let bytes = std::fs::read(raw_path).unwrap();
        let raw = match decode(&bytes, &DecodeOptions::default()) {
            Ok(d) => d.text,
            Err(e) => {
                failures.push(format!("{name}: does not decode: {e}"));
                continue;
            }
        };
        let edits: usize = pipeline
            .run(&raw, &Default::default())
            .map(|c| c.records.iter().map(|r| r.edits.len()).sum())
            .unwrap_or(0);
        let expected_path = raw_path.with_file_name(
            raw_path
                .file_name()
                .unwrap()
                .to_string_lossy()
                .replace(".raw.txt", ".expected.txt"),
        );
        let expected = std::fs::read_to_string(&expected_path).ok();
        match check_text(&pipeline, &raw) {
            Ok(clean) => {
                let matches = expected.as_deref() == Some(clean.as_str());
                exact += usize::from(matches);
                println!(
                    "{name:<48} {:>7} {edits:>6} {:>6} {:>6}  ok{}",
                    bytes.len(),
                    clean.lines().count(),
                    expected.as_deref().map_or(0, |e| e.lines().count()),
                    if matches { ", = expected" } else { "" }
                );
            }
            Err(problem) => {
                println!("{name:<48} {:>7} {edits:>6}  FAILED", bytes.len());
                failures.push(format!("{name}:\n{problem}"));
            }
        }
    }
    println!(
        "{} cases, {} equal to their expected file, {} failed",
        files.len(),
        exact,
        failures.len()
    );
    assert!(
        failures.is_empty(),
        "{} golden cases broke an invariant:\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

/// A pass as it is, except that it hands the pipeline nothing it ran ahead:
/// the later passes then run themselves.
struct RunsNothingAhead(Box<dyn Pass>);

impl Pass for RunsNothingAhead {
    fn name(&self) -> &'static str {
        self.0.name()
    }
    fn description(&self) -> &'static str {
        self.0.description()
    }
    fn run(&self, input: &str, config: &Config, out: &mut PassOutput) {
        self.0.run(input, config, out);
        out.ran_ahead = None;
    }
}

/// `unwrap`'s settling runs `bylines`, `spacing` and `punct` over its output
/// and the pipeline takes those runs instead of repeating them: every golden
/// input must then get the same text, edits and notes (`--explain` on) as
/// with the later passes running themselves.
#[test]
fn passes_run_ahead_give_what_the_passes_themselves_give() {
    let config = Config {
        explain: true,
        ..Config::default()
    };
    let taking = Pipeline::default();
    let running = Pipeline::new(
        ocrclean::passes::all()
            .into_iter()
            .map(|p| Box::new(RunsNothingAhead(p)) as Box<dyn Pass>)
            .collect(),
    );
    let files = golden_raw_files();
    assert!(files.len() >= 5, "golden raw files not found");
    for raw_path in &files {
        let bytes = std::fs::read(raw_path).unwrap();
        let Ok(raw) = decode(&bytes, &DecodeOptions::default()) else {
            continue;
        };
        let (a, b) = (
            taking.run(&raw.text, &config).unwrap(),
            running.run(&raw.text, &config).unwrap(),
        );
        assert_eq!(a.text, b.text, "{}", raw_path.display());
        assert_eq!(a.records.len(), b.records.len(), "{}", raw_path.display());
        for (x, y) in a.records.iter().zip(&b.records) {
            let at = format!("{} in {}", x.pass, raw_path.display());
            assert_eq!((x.pass, x.run), (y.pass, y.run), "{at}");
            assert_eq!(x.edits, y.edits, "edits of {at}");
            assert_eq!(x.notes, y.notes, "notes of {at}");
        }
    }
}
