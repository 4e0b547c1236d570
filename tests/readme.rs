//! The README's pass list is generated from `ocrclean passes`
//! (`scripts/update-readme-eval.sh`); this test fails when it is stale, so
//! the documentation cannot silently drift from the pipeline.

use std::fs;

#[test]
fn readme_lists_the_passes_in_pipeline_order() {
    let readme = fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let start = readme
        .find("<!-- passes:begin -->")
        .expect("passes:begin marker");
    let end = readme
        .find("<!-- passes:end -->")
        .expect("passes:end marker");
    let block = &readme[start..end];
    let listed: Vec<&str> = block
        .lines()
        .filter_map(|l| l.trim_start().split_once(". ").map(|(_, rest)| rest))
        .filter_map(|rest| rest.split_whitespace().next())
        .collect();
    let actual = ocrclean::Pipeline::default().names();
    assert_eq!(
        listed, actual,
        "README pass list is stale: run scripts/update-readme-eval.sh"
    );
}
