//! The command line: arguments parsed once into plain values, then one
//! function per subcommand that returns an exit code.
//!
//! Exit codes: 0 success, 1 a check failed (`eval` gates, `--audit`),
//! 2 bad usage or unreadable input. Errors are one line on stderr:
//! `ocrclean: FILE: cause`.

use std::io::{self, Write};
use std::process::ExitCode;

use std::io::IsTerminal;

use clap::{Parser, Subcommand, ValueEnum};

mod clean;
mod eval;
mod progress;

pub use clean::CleanArgs;
pub use eval::EvalArgs;

const EXAMPLES: &str = "\
Examples:
  ocrclean clean page.txt                  clean one file to stdout
  ocrclean clean pages/ -o clean/          clean a directory tree into another
  cat page.txt | ocrclean clean -          clean standard input
  ocrclean clean page.txt --until unwrap   run the passes up to `unwrap` only
  ocrclean clean page.txt --skip punct     run every pass but `punct`
  ocrclean clean page.gbk --encoding gbk   force a legacy encoding
  ocrclean clean --jsonl docs.jsonl -o out.jsonl
                                           clean the `text` field of JSON Lines, in order
  ocrclean clean --jsonl - --field body    … from standard input, the field `body`
  ocrclean clean pages/ -o clean/ -j 4     with four threads (output the same for any -j)
  ocrclean passes                          list the passes in pipeline order
  ocrclean eval golden                     measure every pass against the golden set
  ocrclean eval golden --diff              … and show what is still wrong
  ocrclean eval --baseline base.json       fail (exit 1) on a regression";

/// Clean raw text extracted from scanned or PDF newspaper pages (Chinese
/// first), pass by pass, and measure how close it got.
#[derive(Debug, Parser)]
#[command(name = "ocrclean", version, about, after_help = EXAMPLES, max_term_width = 100)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    /// Colour the output: `auto` when standard output is a terminal (and
    /// NO_COLOR is not set).
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

impl ColorChoice {
    /// Whether to colour what goes to standard output.
    pub fn for_stdout(self) -> bool {
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                std::io::stdout().is_terminal()
                    && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
            }
        }
    }
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
    /// Measure every pass against golden cases (CER, line breaks, exact
    /// lines, edit precision); gate CI on thresholds or a baseline.
    #[command(after_help = EXAMPLES)]
    Eval(EvalArgs),
}

/// `--passes`, `--skip`, `--until`: how a command narrows the pipeline.
#[derive(Debug, Clone, clap::Args)]
pub struct PassSelectionArgs {
    /// Run only these passes (comma-separated; pipeline order is kept);
    /// `none` runs no pass at all.
    #[arg(long, value_delimiter = ',', value_name = "PASS,...")]
    pub passes: Option<Vec<String>>,
    /// Leave these passes out (comma-separated).
    #[arg(long, value_delimiter = ',', value_name = "PASS,...")]
    pub skip: Vec<String>,
    /// Stop after this pass.
    #[arg(long, value_name = "PASS")]
    pub until: Option<String>,
}

impl PassSelectionArgs {
    pub fn selection(&self) -> crate::Selection {
        let none = self.passes.as_deref() == Some(&["none".to_string()][..]);
        crate::Selection {
            only: if none {
                Some(Vec::new())
            } else {
                self.passes.clone()
            },
            skip: self.skip.clone(),
            until: self.until.clone(),
        }
    }
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
        Command::Eval(args) => eval::run(args, cli.color.for_stdout()),
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
