//! Helpers shared by the command-line tests.
#![allow(dead_code)] // each test crate uses its own subset

use std::path::Path;

use assert_cmd::assert::Assert;
use assert_cmd::Command;

pub fn ocrclean() -> Command {
    Command::cargo_bin("ocrclean").unwrap()
}

/// `ocrclean clean -q INPUT -o OUTPUT` (quiet: errors only, no summary).
pub fn clean_to(input: impl AsRef<Path>, output: impl AsRef<Path>) -> Assert {
    ocrclean()
        .args(["clean", "-q"])
        .arg(input.as_ref())
        .arg("-o")
        .arg(output.as_ref())
        .assert()
}

/// No `.ocrclean-*.tmp` is left anywhere under `dir`.
pub fn assert_no_temp_files(dir: &Path) {
    for entry in walkdir::WalkDir::new(dir).into_iter().flatten() {
        let name = entry.file_name().to_string_lossy();
        assert!(
            !(name.starts_with(".ocrclean-") && name.ends_with(".tmp")),
            "temporary file left behind: {}",
            entry.path().display()
        );
    }
}
