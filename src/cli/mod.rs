//! The command line: arguments parsed once into plain values, then one
//! function per subcommand that returns an exit code.
//!
//! Exit codes: 0 success, 1 a check failed (`eval` gates, `--audit`),
//! 2 bad usage or unreadable input. Errors are one line on stderr:
//! `ocrclean: FILE: cause`.

use std::io::{self, Write};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod clean;
mod progress;

pub use clean::CleanArgs;

const EXAMPLES: &str = "\
Examples:
  ocrclean clean page.txt                  clean one file to stdout
  ocrclean clean pages/ -o clean/          clean a directory tree into another
  cat page.txt | ocrclean clean -          clean standard input
  ocrclean clean page.txt --until unwrap   run the passes up to `unwrap` only
  ocrclean clean page.txt --skip punct     run every pass but `punct`
  ocrclean clean page.gbk --encoding gbk   force a legacy encoding
  ocrclean passes                          list the passes in pipeline order";

/// Clean raw text extracted from scanned or PDF newspaper pages (Chinese
/// first), pass by pass, and measure how close it got.
#[derive(Debug, Parser)]
#[command(name = "ocrclean", version, about, after_help = EXAMPLES, max_term_width = 100)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

// Parsed once per process: the size of the `clean` variant does not matter.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Clean files, directories or standard input.
    #[command(after_help = EXAMPLES)]
    Clean(CleanArgs),
    /// List the passes in pipeline order, with what each one fixes.
    Passes,
}

/// Entry point of the binary.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    run(cli)
}

/// Runs a parsed command line.
pub fn run(cli: Cli) -> ExitCode {
    match cli.command {
        Command::Clean(args) => clean::run(args),
        Command::Passes => passes(),
    }
}

fn passes() -> ExitCode {
    let pipeline = crate::Pipeline::default();
    let width = pipeline.passes().map(|p| p.name().len()).max().unwrap_or(0);
    let mut text = String::new();
    for (i, pass) in pipeline.passes().enumerate() {
        text.push_str(&format!(
            "{:>2}. {:<width$}  {}\n",
            i + 1,
            pass.name(),
            pass.description()
        ));
    }
    write_stdout(text.as_bytes())
}

/// Writes to stdout; a closed pipe (`| head`) ends the program quietly.
pub(crate) fn write_stdout(bytes: &[u8]) -> ExitCode {
    match stdout_write(bytes) {
        Ok(_) => ExitCode::SUCCESS,
        Err(e) => {
            error_line("-", &crate::io::io_cause(&e));
            ExitCode::from(2)
        }
    }
}

/// Writes to stdout and flushes. `Ok(false)` means the reader went away
/// (closed pipe): not an error, but nothing more should be written.
pub(crate) fn stdout_write(bytes: &[u8]) -> io::Result<bool> {
    let mut out = io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Ok(()) => Ok(true),
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(false),
        Err(e) => Err(e),
    }
}

/// Prints `ocrclean: WHAT: cause` on stderr.
pub(crate) fn error_line(what: &str, cause: &str) {
    let _ = writeln!(io::stderr().lock(), "ocrclean: {what}: {cause}");
}
