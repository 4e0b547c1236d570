//! What a long run says on stderr: a progress bar while it works (only on a
//! terminal, only once the run has lasted a moment) and a summary at the end.
//! Every other stderr line of a run goes through [`Reporter::error`] or
//! [`Reporter::eprint`] so that it never tears the bar.

use std::io::{IsTerminal, Write};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// A run shorter than this shows no bar.
const SHOW_AFTER: Duration = Duration::from_millis(500);

/// What the bar counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Unit {
    Files,
    Bytes,
}

pub(crate) struct Reporter {
    bar: ProgressBar,
    /// The bar may be drawn: stderr is a terminal, no `--quiet`, and the
    /// run is long enough to be worth one.
    may_show: bool,
    shown: bool,
    quiet: bool,
    start: Instant,
}

impl Reporter {
    /// `total` is the number of files or bytes to do, if known; `long` says
    /// whether the run may take more than a moment (several files, a large
    /// or unknown amount of JSONL).
    pub(crate) fn new(unit: Unit, total: Option<u64>, long: bool, quiet: bool) -> Self {
        let template = match (unit, total.is_some()) {
            (Unit::Files, _) => "{wide_bar} {pos}/{len} files  {files_per_sec}  ETA {eta}",
            (Unit::Bytes, true) => "{wide_bar} {decimal_bytes}/{decimal_total_bytes}  {decimal_bytes_per_sec}  ETA {eta}",
            (Unit::Bytes, false) => "{spinner} {decimal_bytes}  {decimal_bytes_per_sec}",
        };
        let style = ProgressStyle::with_template(template)
            .expect("valid progress template")
            .with_key(
                "files_per_sec",
                |state: &indicatif::ProgressState, w: &mut dyn std::fmt::Write| {
                    let _ = write!(w, "{:.0} files/s", state.per_sec());
                },
            );
        let bar =
            ProgressBar::with_draw_target(total, ProgressDrawTarget::hidden()).with_style(style);
        Reporter {
            bar,
            may_show: long && !quiet && std::io::stderr().is_terminal(),
            shown: false,
            quiet,
            start: Instant::now(),
        }
    }

    /// Sets how many files or bytes are done.
    pub(crate) fn set_position(&mut self, done: u64) {
        self.bar.set_position(done);
        if self.may_show && !self.shown && self.start.elapsed() >= SHOW_AFTER {
            self.shown = true;
            self.bar.set_draw_target(ProgressDrawTarget::stderr());
        }
    }

    /// Prints `text` as it is on stderr.
    pub(crate) fn eprint(&self, text: &str) {
        if !text.is_empty() {
            self.bar.suspend(|| {
                let _ = std::io::stderr().lock().write_all(text.as_bytes());
            });
        }
    }

    /// Prints `ocrclean: WHAT: cause` on stderr.
    pub(crate) fn error(&self, what: &str, cause: &str) {
        self.bar.suspend(|| super::error_line(what, cause));
    }

    pub(crate) fn elapsed(&self) -> Duration {
        self.start.elapsed()
    }

    /// Removes the bar and prints `summary` unless `--quiet`.
    pub(crate) fn finish(self, summary: &str) {
        self.bar.finish_and_clear();
        if !self.quiet {
            self.eprint(&format!("ocrclean: {summary}\n"));
        }
    }
}

/// `40.1 MB in, 38.0 MB out in 0.42 s (95.5 MB/s)`: decimal megabytes, the
/// rate of input bytes over wall-clock time.
pub(crate) fn throughput(bytes_in: u64, bytes_out: u64, elapsed: Duration) -> String {
    let seconds = elapsed.as_secs_f64();
    let mb = |bytes: u64| bytes as f64 / 1e6;
    let rate = if seconds > 0.0 {
        mb(bytes_in) / seconds
    } else {
        0.0
    };
    format!(
        "{:.1} MB in, {:.1} MB out in {seconds:.2} s ({rate:.1} MB/s)",
        mb(bytes_in),
        mb(bytes_out)
    )
}

/// `1 file` / `2 files`.
pub(crate) fn count(n: u64, noun: &str) -> String {
    format!("{n} {noun}{}", if n == 1 { "" } else { "s" })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summary_parts() {
        assert_eq!(
            throughput(40_100_000, 38_000_000, Duration::from_millis(500)),
            "40.1 MB in, 38.0 MB out in 0.50 s (80.2 MB/s)"
        );
        assert_eq!(
            throughput(0, 0, Duration::ZERO),
            "0.0 MB in, 0.0 MB out in 0.00 s (0.0 MB/s)"
        );
        assert_eq!(count(1, "file"), "1 file");
        assert_eq!(count(0, "record"), "0 records");
    }
}
