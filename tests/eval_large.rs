//! `eval` on a 1 MB document stays linear in memory. Slow in a debug build,
//! so ignored by default; run with
//! `cargo test --release --test eval_large -- --ignored --nocapture`.

use std::time::Instant;

use ocrclean::eval::{evaluate_text, EvalOptions};
use ocrclean::{Config, Pipeline};

/// The raw seeds and their expected files, repeated to 1 MB.
fn one_megabyte() -> (String, String) {
    let mut raw = String::new();
    let mut expected = String::new();
    let mut seeds: Vec<_> = std::fs::read_dir("golden/seeds")
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().ends_with(".raw.txt"))
        .collect();
    seeds.sort();
    while raw.len() < 1_000_000 {
        for path in &seeds {
            raw.push_str(&std::fs::read_to_string(path).unwrap());
            let expected_path = path.to_string_lossy().replace(".raw.txt", ".expected.txt");
            expected.push_str(&std::fs::read_to_string(expected_path).unwrap());
        }
    }
    (raw, expected)
}

/// Peak resident memory of this process in kB (Linux only).
fn peak_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

#[test]
#[ignore = "slow in debug builds; run in release"]
fn one_megabyte_document_in_linear_memory() {
    let (raw, expected) = one_megabyte();
    let start = Instant::now();
    let options = EvalOptions {
        differences: true,
        context: 10,
    };
    let (stages, differences) = evaluate_text(
        &Pipeline::default(),
        &Config::default(),
        &raw,
        &expected,
        &options,
    )
    .unwrap();
    let elapsed = start.elapsed();
    let raw_stage = &stages[0];
    eprintln!(
        "{} bytes raw, {} expected graphemes, distance {}, {} differences, {:.2?}, peak {:?} kB",
        raw.len(),
        raw_stage.cer.expected,
        raw_stage.cer.distance,
        differences.len(),
        elapsed,
        peak_kb()
    );
    // A quadratic table would need 10^11 cells; linear memory is a few
    // dozen bytes per grapheme.
    if let Some(kb) = peak_kb() {
        assert!(kb < 300_000, "peak memory {kb} kB");
    }
}
