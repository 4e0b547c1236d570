//! The golden suite: every golden raw file (`golden/**/<case>.raw.txt`) is
//! cleaned by the full default pipeline with the edit audit on, and must be
//! audit-clean, idempotent and of the output shape (see
//! `ocrclean::invariants`). How close the output is to the expected file is
//! printed per case but not asserted here: the eval baseline gate owns quality.
//!
//! `cargo test --test golden -- --nocapture` shows the per-case summary.

use std::path::{Path, PathBuf};

use ocrclean::invariants::{check_text, promises_shape};
use ocrclean::{decode, DecodeOptions, Pipeline};

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
