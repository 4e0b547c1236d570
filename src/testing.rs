//! Helpers for the table-driven pass tests.

use crate::config::Config;
use crate::edit::{self, Edit, EditKind};
use crate::pass::{Pass, PassOutput};

/// Runs one pass alone over `input` and returns its output text.
pub fn run_pass(pass: &dyn Pass, input: &str) -> String {
    run_pass_with(pass, input, &Config::default())
}

/// Runs one pass alone with a configuration.
pub fn run_pass_with(pass: &dyn Pass, input: &str, config: &Config) -> String {
    let mut out = PassOutput::default();
    pass.run(input, config, &mut out);
    edit::sort(&mut out.edits);
    edit::apply(input, &out.edits)
        .unwrap_or_else(|e| panic!("pass {} made bad edits on {input:?}: {e}", pass.name()))
}

/// Checks a table of `(input, expected)` cases against one pass; a failure
/// prints the case number, the input and both texts escaped, and every
/// failing case is reported, not only the first.
pub fn check_cases(pass: &dyn Pass, cases: &[(&str, &str)]) {
    let mut failures = Vec::new();
    for (i, &(input, expected)) in cases.iter().enumerate() {
        let actual = run_pass(pass, input);
        if actual != expected {
            failures.push(format!(
                "case {i}:\n   input: {input:?}\nexpected: {expected:?}\n  actual: {actual:?}"
            ));
        }
        // Every pass must be idempotent on its own output.
        let again = run_pass(pass, &actual);
        if again != actual {
            failures.push(format!(
                "case {i} is not idempotent:\n   first: {actual:?}\n  second: {again:?}"
            ));
        }
    }
    if !failures.is_empty() {
        panic!(
            "pass `{}`: {} of {} cases failed\n\n{}",
            pass.name(),
            failures.len(),
            cases.len(),
            failures.join("\n\n")
        );
    }
}

/// Property-test settings for the in-crate properties: a fixed RNG seed so
/// that `cargo test` (and CI) is deterministic, unless `PROPTEST_RNG_SEED`
/// is set; `PROPTEST_CASES` overrides `cases`. Explore with
/// `PROPTEST_RNG_SEED=$RANDOM PROPTEST_CASES=20000 cargo test --lib`.
pub fn proptest_config(cases: u32) -> proptest::test_runner::Config {
    use proptest::test_runner::{Config, RngSeed};
    let default = Config::default(); // reads the PROPTEST_* variables
    Config {
        cases: std::env::var("PROPTEST_CASES")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(cases),
        rng_seed: match default.rng_seed {
            RngSeed::Random => RngSeed::Fixed(0x0C2C_1EA2),
            seed => seed,
        },
        ..default
    }
}

/// Removes the first `x` and reports its output unsettled while an `x` is
/// left: a stand-in for a pass that cannot settle in one run.
pub struct OneXPerRun;

impl Pass for OneXPerRun {
    fn name(&self) -> &'static str {
        "one-x"
    }
    fn description(&self) -> &'static str {
        "removes one x per run"
    }
    fn run(&self, input: &str, _: &Config, out: &mut PassOutput) {
        if let Some(at) = input.find('x') {
            out.push(Edit::delete(at..at + 1, EditKind::Undouble, "one x"));
            out.unsettled = input[at + 1..].contains('x');
        }
    }
}
