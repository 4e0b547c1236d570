//! Every input in tests/regressions/ (crash inputs from fuzzing, property
//! failures, bug reports) still keeps every invariant.

use ocrclean::invariants::check_bytes;
use ocrclean::Pipeline;

#[test]
fn every_regression_input_keeps_the_invariants() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/regressions");
    let pipeline = Pipeline::default();
    let mut failures = Vec::new();
    let mut count = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "md") {
            continue;
        }
        count += 1;
        let bytes = std::fs::read(&path).unwrap();
        if let Err(problem) = check_bytes(&pipeline, &bytes) {
            failures.push(format!("{}:\n{problem}", path.display()));
        }
    }
    assert!(count > 0, "no regression inputs found in {}", dir.display());
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
