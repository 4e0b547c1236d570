//! `ocrclean clean`.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Mutex;

use clap::Args;

use super::{error_line, stdout_write, PassSelectionArgs};
use crate::decode::{self, DecodeOptions};
use crate::io::{self as oio, Input};
use crate::{Config, Pipeline};

#[derive(Debug, Args)]
pub struct CleanArgs {
    /// Files or directories to clean; `-` or nothing reads standard input.
    pub paths: Vec<PathBuf>,
    /// Write to this file (one input) or directory (several inputs or a
    /// directory: the input tree is mirrored). Default: standard output.
    #[arg(short = 'o', long, value_name = "PATH")]
    pub output: Option<PathBuf>,
    /// File names to pick up when walking directories.
    #[arg(long, default_value = "*.txt", value_name = "GLOB")]
    pub glob: String,
    #[command(flatten)]
    pub selection: PassSelectionArgs,
    /// Decode input with this encoding (utf-8, gb18030, gbk, big5,
    /// utf-16le, …) instead of detecting it. A byte-order mark still wins.
    #[arg(long, value_name = "NAME")]
    pub encoding: Option<String>,
    /// Replace bytes that do not decode with U+FFFD (and say how many)
    /// instead of failing.
    #[arg(long)]
    pub lossy: bool,
    /// Print every edit and decision on stderr, with raw line:column.
    #[arg(long)]
    pub explain: bool,
    /// Check that every pass changed only what its edits declare, and only
    /// what their kind allows. A document that fails is not written; each
    /// violation is reported (pass, raw line:column, text) and the exit code
    /// is 1.
    #[arg(long)]
    pub audit: bool,
    /// Write every edit (pass, kind, reason, raw line/column, old and new
    /// text) for review, one JSON object per line, on stderr or to
    /// --edits-file.
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub edits: Option<EditsFormat>,
    /// Where --edits writes (default: standard error).
    #[arg(long, value_name = "FILE", requires = "edits")]
    pub edits_file: Option<PathBuf>,
}

/// Formats of `--edits`. `--explain` is the human-readable listing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum EditsFormat {
    /// JSON lines: {"file","pass","kind","reason","line","column","old","new"}.
    Json,
}

/// A validated `clean` invocation.
struct Plan {
    pipeline: Pipeline,
    config: Config,
    decode: DecodeOptions,
    inputs: Vec<Input>,
    output: Output,
    audit: bool,
    /// Where `--edits json` goes.
    edits: Option<Mutex<Box<dyn Write + Send>>>,
}

enum Output {
    Stdout,
    File(PathBuf),
    Dir(PathBuf),
}

pub fn run(args: CleanArgs) -> ExitCode {
    let mut failed = false;
    let mut audit_failed = false;
    let plan = match plan(&args, &mut failed) {
        Ok(plan) => plan,
        Err((what, cause)) => {
            error_line(&what, &cause);
            return ExitCode::from(2);
        }
    };
    for input in &plan.inputs {
        match clean_one(&plan, input) {
            Ok(Flow::Continue) => {}
            Ok(Flow::Stop) => break,
            Ok(Flow::AuditFailed) => audit_failed = true,
            Err((what, cause)) => {
                error_line(&what, &cause);
                failed = true;
            }
        }
    }
    if failed {
        ExitCode::from(2)
    } else if audit_failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn plan(args: &CleanArgs, failed: &mut bool) -> Result<Plan, (String, String)> {
    let selection = args.selection.selection();
    let pipeline =
        Pipeline::select(&selection).map_err(|e| ("usage".to_string(), e.to_string()))?;
    let encoding = match &args.encoding {
        None => None,
        Some(label) => Some(
            decode::encoding_for_label(label)
                .ok_or_else(|| ("usage".to_string(), format!("unknown encoding `{label}`")))?,
        ),
    };
    let glob = oio::file_glob(&args.glob)
        .map_err(|e| ("usage".to_string(), format!("bad --glob: {e}")))?;
    let (mut inputs, errors) = oio::collect_inputs(&args.paths, &glob);
    oio::drop_duplicates(&mut inputs);
    for e in &errors {
        error_line(&e.path, &e.cause);
        *failed = true;
    }
    let any_dir = args.paths.iter().any(|p| p.is_dir());
    let output = match &args.output {
        None => Output::Stdout,
        Some(path) if path.as_os_str() == "-" => Output::Stdout,
        Some(path) if inputs.len() <= 1 && !any_dir && !path.is_dir() => Output::File(path.clone()),
        Some(path) => {
            if inputs.iter().any(|i| matches!(i, Input::Stdin)) {
                return Err((
                    path.display().to_string(),
                    "standard input cannot be written into a directory; give -o a file".into(),
                ));
            }
            Output::Dir(path.clone())
        }
    };
    if let Output::Dir(dir) = &output {
        oio::check_output_dir(dir, &args.paths).map_err(|e| (e.path, e.cause))?;
        for e in oio::drop_colliding_targets(&mut inputs) {
            error_line(&e.path, &e.cause);
            *failed = true;
        }
    }
    // Never read back what this run writes: drop inputs under the output directory.
    if let Output::Dir(dir) = &output {
        if let Ok(dir) = dir.canonicalize() {
            inputs.retain(|i| match i {
                Input::File { path, .. } => path
                    .canonicalize()
                    .map(|p| !p.starts_with(&dir))
                    .unwrap_or(true),
                Input::Stdin => true,
            });
        }
    }
    let edits = match (&args.edits, &args.edits_file) {
        (None, _) => None,
        (Some(_), None) => Some(Box::new(std::io::stderr()) as Box<dyn Write + Send>),
        (Some(_), Some(path)) => Some(Box::new(std::io::BufWriter::new(
            std::fs::File::create(path)
                .map_err(|e| (path.display().to_string(), oio::io_cause(&e)))?,
        )) as Box<dyn Write + Send>),
    };
    Ok(Plan {
        pipeline,
        config: Config {
            explain: args.explain,
            ..Config::default()
        },
        decode: DecodeOptions {
            encoding,
            lossy: args.lossy,
        },
        inputs,
        output,
        audit: args.audit,
        edits: edits.map(Mutex::new),
    })
}

enum Flow {
    Continue,
    /// Standard output was closed: stop quietly.
    Stop,
    /// The audit found undeclared changes (reported; nothing written).
    AuditFailed,
}

fn clean_one(plan: &Plan, input: &Input) -> Result<Flow, (String, String)> {
    let name = input.display_name();
    let bytes = input
        .read()
        .map_err(|e| (name.clone(), oio::io_cause(&e)))?;
    let decoded =
        decode::decode(&bytes, &plan.decode).map_err(|e| (name.clone(), e.to_string()))?;
    if decoded.replaced > 0 {
        error_line(
            &name,
            &format!(
                "replaced {} malformed {} sequence{} with U+FFFD",
                decoded.replaced,
                decoded.encoding.name(),
                if decoded.replaced == 1 { "" } else { "s" }
            ),
        );
    }
    let internal = |e: crate::PassError| (name.clone(), e.to_string());
    let (cleaned, violations) = if plan.audit {
        let audited = crate::audit::run_audited(&plan.pipeline, &decoded.text, &plan.config)
            .map_err(internal)?;
        (audited.cleaned, audited.violations)
    } else {
        let cleaned = plan
            .pipeline
            .run(&decoded.text, &plan.config)
            .map_err(internal)?;
        (cleaned, Vec::new())
    };
    if plan.config.explain {
        let report = crate::pass::explain(&decoded.text, &cleaned.records);
        eprint!("{report}");
    }
    if let Some(sink) = &plan.edits {
        let lines = crate::pass::edits_json_lines(&name, &decoded.text, &cleaned.records);
        let mut sink = sink.lock().unwrap_or_else(|p| p.into_inner());
        sink.write_all(lines.as_bytes())
            .and_then(|()| sink.flush())
            .map_err(|e| ("--edits".to_string(), oio::io_cause(&e)))?;
    }
    if !violations.is_empty() {
        for v in &violations {
            error_line(&name, &format!("audit: {v}"));
        }
        return Ok(Flow::AuditFailed);
    }
    match &plan.output {
        Output::Stdout => match stdout_write(cleaned.text.as_bytes()) {
            Ok(true) => {}
            Ok(false) => return Ok(Flow::Stop),
            Err(e) => return Err(("-".into(), oio::io_cause(&e))),
        },
        Output::File(path) => write_to(path, &cleaned.text)?,
        Output::Dir(dir) => {
            let relative = match input {
                Input::File { relative, .. } => relative.clone(),
                Input::Stdin => PathBuf::from("stdin.txt"),
            };
            let target = dir.join(relative);
            if let Some(parent) = target.parent() {
                std::fs::create_dir_all(parent)
                    .map_err(|e| (parent.display().to_string(), oio::io_cause(&e)))?;
            }
            write_to(&target, &cleaned.text)?;
        }
    }
    Ok(Flow::Continue)
}

fn write_to(path: &Path, text: &str) -> Result<(), (String, String)> {
    oio::write_atomic(path, text.as_bytes())
        .map_err(|e| (path.display().to_string(), oio::io_cause(&e)))
}
