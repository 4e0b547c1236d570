//! CLI behaviour as `trycmd` case files (`tests/cmd/*.toml`), in the style of
//! the `typos` project: each case states the arguments, the standard input,
//! the exit status and the exact output. Expectations change only through
//! one explicit command, never silently and never on CI:
//!
//! ```sh
//! TRYCMD=overwrite cargo test --test cmd
//! ```

#[test]
fn cli_cases() {
    trycmd::TestCases::new().case("tests/cmd/*.toml");
}
