//! Every input in tests/regressions/ (crash inputs from fuzzing, property
//! failures, bug reports) still keeps every invariant.
//!
//! tests/regressions/open/ holds findings not fixed yet: they are checked
//! by an ignored test (`cargo test --test regressions -- --ignored`), which
//! fails while any of them still breaks an invariant; a fixed one moves up
//! into tests/regressions/ so that it is checked on every run.

use std::path::{Path, PathBuf};

use ocrclean::invariants::check_bytes;
use ocrclean::Pipeline;

/// The input files of `dir` (none when it does not exist: `open/` is gone
/// from a checkout while no finding is open).
fn inputs(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file() && p.extension().is_none_or(|e| e != "md"))
        .collect();
    files.sort();
    files
}

/// The inputs of `dir` that break an invariant, with what they break.
fn failures(dir: &Path) -> (usize, Vec<String>) {
    let pipeline = Pipeline::default();
    let files = inputs(dir);
    let failures = files
        .iter()
        .filter_map(|path| {
            let bytes = std::fs::read(path).unwrap();
            check_bytes(&pipeline, &bytes)
                .err()
                .map(|problem| format!("{}:\n{problem}", path.display()))
        })
        .collect();
    (files.len(), failures)
}

fn regressions() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/regressions")
}

#[test]
fn every_regression_input_keeps_the_invariants() {
    let (count, failures) = failures(&regressions());
    assert!(count > 0, "no regression inputs found");
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
#[ignore = "open findings: fails until their passes are fixed"]
fn open_findings() {
    let (count, failures) = failures(&regressions().join("open"));
    println!("{} of {count} open findings still fail", failures.len());
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
