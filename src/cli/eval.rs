//! `ocrclean eval`: parses the options, calls [`crate::eval`], prints the
//! report and applies the gates.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use super::{error_line, write_stdout, PassSelectionArgs};
use crate::eval::gate::{self, Baseline, Gates, DEFAULT_TOLERANCE};
use crate::eval::report::{self, Format};
use crate::eval::{self, EvalOptions};
use crate::{Config, Pipeline};

#[derive(Debug, Args)]
pub struct EvalArgs {
    /// Directories of golden cases (`<case>.raw.txt` beside
    /// `<case>.expected.txt`, searched recursively) or raw files.
    #[arg(default_value = "golden")]
    pub paths: Vec<PathBuf>,
    /// Report format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Show the remaining differences of every case (text and json; the
    /// markdown report always shows them for its worst cases, the github
    /// report as annotations).
    #[arg(long)]
    pub diff: bool,
    /// Graphemes of context on each side of a difference.
    #[arg(long, default_value_t = 10, value_name = "N")]
    pub context: usize,
    /// How many of the worst cases the markdown report shows (0: only the
    /// totals).
    #[arg(long, default_value_t = 10, value_name = "N")]
    pub worst: usize,
    /// Fail (exit 1) when the total CER after the last pass is above X
    /// (a fraction such as 0.02, or a percentage such as 2%).
    #[arg(long, value_name = "X", value_parser = parse_ratio)]
    pub max_cer: Option<f64>,
    /// Fail (exit 1) when the total line-break F1 after the last pass is
    /// below Y (a fraction or a percentage).
    #[arg(long, value_name = "Y", value_parser = parse_ratio)]
    pub min_break_f1: Option<f64>,
    /// Fail (exit 1) when any case, or the total, is worse than in this
    /// baseline file by more than the tolerance.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// Write the final figures of every case to FILE as the new baseline.
    #[arg(long, value_name = "FILE")]
    pub write_baseline: Option<PathBuf>,
    /// How much worse than the baseline a figure may get (absolute, a
    /// fraction or a percentage).
    #[arg(long, value_name = "T", value_parser = parse_ratio, default_value_t = DEFAULT_TOLERANCE)]
    pub tolerance: f64,
    #[command(flatten)]
    pub selection: PassSelectionArgs,
}

/// `0.05`, `5%` → 0.05.
fn parse_ratio(s: &str) -> Result<f64, String> {
    let (number, scale) = match s.strip_suffix('%') {
        Some(n) => (n, 100.0),
        None => (s, 1.0),
    };
    let x: f64 = number
        .trim()
        .parse()
        .map_err(|_| format!("`{s}` is not a number"))?;
    let x = x / scale;
    if !(0.0..=1.0).contains(&x) {
        return Err(format!("`{s}` is not between 0 and 1 (or 0% and 100%)"));
    }
    Ok(x)
}

pub fn run(args: EvalArgs, color: bool) -> ExitCode {
    let usage = |cause: String| {
        error_line("usage", &cause);
        ExitCode::from(2)
    };
    let selection = args.selection.selection();
    let pipeline = match Pipeline::select(&selection) {
        Ok(p) => p,
        Err(e) => return usage(e.to_string()),
    };
    let baseline = match &args.baseline {
        None => None,
        Some(path) => match std::fs::read_to_string(path)
            .map_err(|e| crate::io::io_cause(&e))
            .and_then(|text| Baseline::from_json(&text))
        {
            Ok(b) => Some(b),
            Err(cause) => {
                error_line(&path.display().to_string(), &cause);
                return ExitCode::from(2);
            }
        },
    };
    let gates = Gates {
        max_cer: args.max_cer,
        min_break_f1: args.min_break_f1,
        baseline,
        tolerance: args.tolerance,
    };

    let eval::Discovered {
        cases,
        unpaired,
        errors,
    } = eval::discover(&args.paths);
    let mut input_failed = !errors.is_empty();
    for e in &errors {
        error_line(&e.path, &e.cause);
    }
    if !unpaired.is_empty() {
        let names: Vec<String> = unpaired.iter().map(|p| p.display().to_string()).collect();
        eprintln!(
            "ocrclean: note: skipped {} without an expected file: {}",
            crate::eval::report::counted(unpaired.len() as u64, "raw file"),
            names.join(", ")
        );
    }
    if cases.is_empty() {
        error_line(
            &args
                .paths
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(" "),
            "no golden cases (`*.raw.txt` beside `*.expected.txt`) found",
        );
        return ExitCode::from(2);
    }
    let options = EvalOptions {
        differences: args.diff || matches!(args.format, Format::Markdown | Format::Github),
        context: args.context,
    };
    let (evaluation, case_errors) = eval::evaluate(&pipeline, &Config::default(), &cases, &options);
    for e in &case_errors {
        error_line(&e.path, &e.cause);
        input_failed = true;
    }

    let outcome = gates.any().then(|| gate::check(&evaluation, &gates));
    let report = report::for_format(args.format, color, args.diff, args.worst);
    let rendered = report.render(&evaluation, outcome.as_ref());
    let written = write_stdout(rendered.as_bytes());
    if written != ExitCode::SUCCESS {
        return written;
    }

    if let Some(path) = &args.write_baseline {
        let baseline = Baseline::from_evaluation(&evaluation);
        if let Err(e) = crate::io::write_atomic(path, baseline.to_json().as_bytes()) {
            error_line(&path.display().to_string(), &crate::io::io_cause(&e));
            return ExitCode::from(2);
        }
        eprintln!(
            "ocrclean: wrote baseline of {} to {}",
            crate::eval::report::counted(evaluation.cases.len() as u64, "case"),
            path.display()
        );
    }

    let mut gate_failed = false;
    if let Some(outcome) = &outcome {
        if !outcome.passed() {
            gate_failed = true;
            eprintln!(
                "ocrclean: gate failed ({}):",
                crate::eval::report::counted(outcome.failures.len() as u64, "failure")
            );
            for f in &outcome.failures {
                eprintln!("  {}: {}", f.case, f.message);
            }
        }
        for note in &outcome.notes {
            eprintln!("ocrclean: note: {note}");
        }
        if outcome.passed() {
            eprintln!("ocrclean: gate passed");
        }
    }
    if input_failed {
        ExitCode::from(2)
    } else if gate_failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ratios_parse_as_fractions_or_percentages() {
        assert_eq!(parse_ratio("0.05"), Ok(0.05));
        assert_eq!(parse_ratio("5%"), Ok(0.05));
        assert!(parse_ratio("150%").is_err());
        assert!(parse_ratio("x").is_err());
    }
}
