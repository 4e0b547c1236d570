//! `ocrclean clean`.

use std::io::{self, BufWriter, Write};
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;

use clap::Args;

use super::progress::{count, throughput, Reporter, Unit};
use super::{error_line, stdout_write, PassSelectionArgs};
use crate::corpus::{self, Window};
use crate::decode::{self, DecodeOptions};
use crate::io::{self as oio, Input};
use crate::jsonl::{self, JsonlError, JsonlOptions, JsonlSummary, Report};
use crate::pass::EditRow;
use crate::{Config, Pipeline};

#[derive(Debug, Args)]
pub struct CleanArgs {
    /// Files or directories to clean; `-` or nothing reads standard input.
    pub paths: Vec<PathBuf>,
    /// Write to this file (one input) or directory (several inputs or a
    /// directory: the input tree is mirrored). Default: standard output.
    #[arg(short = 'o', long, value_name = "PATH")]
    pub output: Option<PathBuf>,
    /// File names to pick up when walking directories [default: *.txt, or
    /// *.jsonl with --jsonl].
    #[arg(long, value_name = "GLOB")]
    pub glob: Option<String>,
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
    /// what their kind allows. Each violation is reported (pass, raw
    /// line:column, text) and the exit code is 1; a file that fails is not
    /// written, a JSONL record that fails is kept unchanged.
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
    /// Clean with N threads [default: one per core]. Output never depends on N.
    #[arg(short = 'j', long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub jobs: Option<u16>,
    /// Input and output are JSON Lines: one JSON object per line, the text in
    /// the field given by --field; every other field is kept byte for byte.
    #[arg(long)]
    pub jsonl: bool,
    /// With --jsonl: the field that holds the text.
    #[arg(long, default_value = "text", value_name = "NAME")]
    pub field: String,
    /// With --jsonl: write lines that are not a record with a string field
    /// back unchanged (and count them) instead of dropping them and exiting 2.
    #[arg(long)]
    pub keep_bad: bool,
    /// No progress bar and no summary (errors are still printed).
    #[arg(short = 'q', long)]
    pub quiet: bool,
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
    pool: rayon::ThreadPool,
    /// `Some` with `--jsonl`.
    jsonl: Option<JsonlOptions>,
    quiet: bool,
    /// `--audit`, and whether a document failed it.
    audit: bool,
    audit_failed: AtomicBool,
    /// `--edits json`: `None` when off, `Some(None)` to stderr, or a file.
    edits: Option<Option<Mutex<BufWriter<std::fs::File>>>>,
}

enum Output {
    Stdout,
    File(PathBuf),
    Dir(PathBuf),
}

/// An error about one input or output: `(what, cause)`, printed as
/// `ocrclean: what: cause`.
type Failure = (String, String);

/// How a run ended.
enum Flow {
    Continue,
    /// Standard output was closed: stop quietly.
    Stop,
}

pub fn run(args: CleanArgs) -> ExitCode {
    let mut failed = false;
    let plan = match plan(&args, &mut failed) {
        Ok(plan) => plan,
        Err((what, cause)) => {
            error_line(&what, &cause);
            return ExitCode::from(2);
        }
    };
    let flow = match &plan.jsonl {
        None => clean_files(&plan, &mut failed),
        Some(options) => clean_jsonl_inputs(&plan, options, &mut failed),
    };
    if let Some(Some(file)) = &plan.edits {
        let mut file = file.lock().unwrap_or_else(|p| p.into_inner());
        if let Err(e) = file.flush() {
            error_line("--edits-file", &oio::io_cause(&e));
            failed = true;
        }
    }
    if failed && matches!(flow, Flow::Continue) {
        ExitCode::from(2)
    } else if plan.audit_failed.load(Ordering::Relaxed) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn plan(args: &CleanArgs, failed: &mut bool) -> Result<Plan, Failure> {
    let usage = |cause: String| ("usage".to_string(), cause);
    let pipeline =
        Pipeline::select(&args.selection.selection()).map_err(|e| usage(e.to_string()))?;
    let encoding = match &args.encoding {
        None => None,
        Some(label) => Some(
            decode::encoding_for_label(label)
                .ok_or_else(|| usage(format!("unknown encoding `{label}`")))?,
        ),
    };
    if !args.jsonl && (args.keep_bad || args.field != "text") {
        return Err(usage("--field and --keep-bad need --jsonl".into()));
    }
    if args.jsonl && (args.encoding.is_some() || args.lossy) {
        return Err(usage(
            "--encoding and --lossy do not apply to --jsonl (JSON Lines are UTF-8)".into(),
        ));
    }
    let default_glob = if args.jsonl { "*.jsonl" } else { "*.txt" };
    let glob = oio::file_glob(args.glob.as_deref().unwrap_or(default_glob))
        .map_err(|e| usage(format!("bad --glob: {e}")))?;
    let pool = corpus::thread_pool(args.jobs.map(usize::from))
        .map_err(|e| usage(format!("cannot start worker threads: {e}")))?;
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
            let mut canonical = oio::CanonicalPaths::default();
            inputs.retain(|i| match i {
                Input::File { path, .. } => canonical
                    .of(path)
                    .map(|p| !p.starts_with(&dir))
                    .unwrap_or(true),
                Input::Stdin => true,
            });
        }
    }
    let jsonl = args.jsonl.then(|| JsonlOptions {
        field: args.field.clone(),
        keep_bad: args.keep_bad,
        window: Window::DEFAULT,
    });
    let edits = match (&args.edits, &args.edits_file) {
        (None, _) => None,
        (Some(_), None) => Some(None),
        (Some(_), Some(path)) => {
            let file = std::fs::File::create(path)
                .map_err(|e| (path.display().to_string(), oio::io_cause(&e)))?;
            Some(Some(Mutex::new(BufWriter::new(file))))
        }
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
        pool,
        jsonl,
        quiet: args.quiet,
        audit: args.audit,
        audit_failed: AtomicBool::new(false),
        edits,
    })
}

/// One cleaned document and what to say about it on stderr (in input
/// order, before its text is written).
struct Document {
    text: String,
    diagnostics: String,
    /// `--edits json`: every edit, located in the raw text.
    edits: Vec<EditRow>,
    /// `--audit` found a violation.
    audit_failed: bool,
}

impl AsRef<str> for Document {
    fn as_ref(&self) -> &str {
        &self.text
    }
}

/// Decodes and cleans one document: the per-document step of every run.
fn clean_document(plan: &Plan, name: &str, bytes: &[u8]) -> Result<Document, Failure> {
    let decoded =
        decode::decode(bytes, &plan.decode).map_err(|e| (name.to_string(), e.to_string()))?;
    let mut document = clean_text(plan, name, &decoded.text)?;
    if decoded.replaced > 0 {
        let warning = format!(
            "ocrclean: {name}: replaced {} malformed {} sequence{} with U+FFFD\n",
            decoded.replaced,
            decoded.encoding.name(),
            if decoded.replaced == 1 { "" } else { "s" }
        );
        document.diagnostics.insert_str(0, &warning);
    }
    Ok(document)
}

/// Cleans decoded text (a file's, or a JSONL record's field). A panic in a
/// pass is a bug, but it must not take the other documents of a corpus run
/// down with it: it is caught here and reported as this document's failure.
fn clean_text(plan: &Plan, name: &str, text: &str) -> Result<Document, Failure> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        clean_text_unguarded(plan, name, text)
    }))
    .unwrap_or_else(|_| {
        Err((
            name.to_string(),
            "internal error: a pass panicked on this input (a bug; please report it with the input); skipped".to_string(),
        ))
    })
}

fn clean_text_unguarded(plan: &Plan, name: &str, text: &str) -> Result<Document, Failure> {
    let internal = |e: crate::PassError| (name.to_string(), e.to_string());
    let mut document = Document {
        text: String::new(),
        diagnostics: String::new(),
        edits: Vec::new(),
        audit_failed: false,
    };
    if !plan.config.explain && !plan.audit && plan.edits.is_none() {
        document.text = plan.pipeline.clean(text, &plan.config).map_err(internal)?;
        return Ok(document);
    }
    let (cleaned, violations) = if plan.audit {
        let audited =
            crate::audit::run_audited(&plan.pipeline, text, &plan.config).map_err(internal)?;
        (audited.cleaned, audited.violations)
    } else {
        let cleaned = plan.pipeline.run(text, &plan.config).map_err(internal)?;
        (cleaned, Vec::new())
    };
    if plan.config.explain {
        document.diagnostics = crate::pass::explain(text, &cleaned.records);
    }
    if plan.edits.is_some() {
        document.edits = crate::pass::edit_rows(text, &cleaned.records);
    }
    for v in &violations {
        document
            .diagnostics
            .push_str(&format!("ocrclean: {name}: audit: {v}\n"));
    }
    document.audit_failed = !violations.is_empty();
    if document.audit_failed {
        plan.audit_failed.store(true, Ordering::Relaxed);
        // What the passes made of it cannot be trusted: keep the text as it came.
        document.text = text.to_string();
    } else {
        document.text = cleaned.text;
    }
    Ok(document)
}

/// Writes `--edits json` lines for the document `file` on stderr or to
/// `--edits-file` (in input order: only the calling thread writes).
fn write_edits(
    plan: &Plan,
    reporter: &mut Reporter,
    file: &str,
    rows: Vec<EditRow>,
) -> Result<(), Failure> {
    let Some(sink) = &plan.edits else {
        return Ok(());
    };
    let lines = crate::pass::edits_json_lines(file, rows);
    match sink {
        None => {
            reporter.eprint(&lines);
            Ok(())
        }
        Some(file) => {
            let mut file = file.lock().unwrap_or_else(|p| p.into_inner());
            file.write_all(lines.as_bytes())
                .map_err(|e| ("--edits-file".to_string(), oio::io_cause(&e)))
        }
    }
}

/// Files are handed to the pool this many per thread at a time.
const FILES_PER_THREAD: usize = 8;

/// One input file after the worker is done with it.
struct FileDone {
    bytes_in: u64,
    result: Result<Written, Failure>,
}

/// A cleaned file: what to say about it and, when it goes to standard
/// output, its text (written in input order by the calling thread; a file
/// output was written by the worker).
struct Written {
    name: String,
    diagnostics: String,
    edits: Vec<EditRow>,
    bytes_out: u64,
    stdout_text: Option<String>,
}

/// Cleans every input file in parallel, writing results in input order.
fn clean_files(plan: &Plan, failed: &mut bool) -> Flow {
    let mut reporter = Reporter::new(
        Unit::Files,
        Some(plan.inputs.len() as u64),
        plan.inputs.len() > 1,
        plan.quiet,
    );
    let window = Window {
        items: FILES_PER_THREAD * plan.pool.current_num_threads(),
        bytes: Window::DEFAULT.bytes,
    };
    let (mut cleaned, mut failures, mut bytes_in, mut bytes_out) = (0u64, 0u64, 0u64, 0u64);
    let mut flow = Flow::Continue;
    let mut inputs = plan.inputs.iter();
    let _ = corpus::map_ordered(
        &plan.pool,
        // Files are read here, while the pool cleans the batch before: a
        // file's size is then known from its read, not asked for first.
        || {
            corpus::fill_batch(
                window,
                || Ok::<_, ()>(inputs.next().map(|input| (input, input.read()))),
                |(_, read)| read.as_ref().map_or(0, Vec::len),
            )
        },
        |(input, read)| clean_file(plan, input, read),
        |batch| {
            for done in batch {
                bytes_in += done.bytes_in;
                match done.result {
                    Ok(written) => {
                        reporter.eprint(&written.diagnostics);
                        let edits = write_edits(plan, &mut reporter, &written.name, written.edits);
                        if let Err((what, cause)) = edits {
                            reporter.error(&what, &cause);
                            *failed = true;
                            return Ok(ControlFlow::Break(()));
                        }
                        if let Some(text) = written.stdout_text {
                            match stdout_write(text.as_bytes()) {
                                Ok(true) => {}
                                Ok(false) => {
                                    flow = Flow::Stop;
                                    return Ok(ControlFlow::Break(()));
                                }
                                Err(e) => {
                                    reporter.error("-", &oio::io_cause(&e));
                                    *failed = true;
                                    return Ok(ControlFlow::Break(()));
                                }
                            }
                        }
                        cleaned += 1;
                        bytes_out += written.bytes_out;
                    }
                    Err((what, cause)) => {
                        reporter.error(&what, &cause);
                        *failed = true;
                        failures += 1;
                    }
                }
                reporter.set_position(cleaned + failures);
            }
            Ok(ControlFlow::Continue(()))
        },
    );
    if plan.inputs.len() > 1 {
        let summary = format!(
            "{} cleaned, {} failed; {}",
            count(cleaned, "file"),
            failures,
            throughput(bytes_in, bytes_out, reporter.elapsed())
        );
        reporter.finish(&summary);
    }
    flow
}

/// Cleans one file (`read` is its contents); writes it too unless it goes
/// to stdout.
fn clean_file(plan: &Plan, input: &Input, read: io::Result<Vec<u8>>) -> FileDone {
    let name = input.display_name();
    let bytes = match read {
        Ok(bytes) => bytes,
        Err(e) => {
            return FileDone {
                bytes_in: 0,
                result: Err((name, oio::io_cause(&e))),
            }
        }
    };
    let result = clean_document(plan, &name, &bytes).and_then(|document| {
        let written = Written {
            name: name.clone(),
            diagnostics: document.diagnostics,
            edits: document.edits,
            bytes_out: document.text.len() as u64,
            stdout_text: None,
        };
        if document.audit_failed {
            // Reported in the diagnostics; nothing is written.
            return Ok(Written {
                bytes_out: 0,
                ..written
            });
        }
        let target = match &plan.output {
            Output::Stdout => {
                return Ok(Written {
                    stdout_text: Some(document.text),
                    ..written
                })
            }
            Output::File(path) => path.clone(),
            Output::Dir(dir) => {
                write_into_dir(&dir.join(output_relative(input)), &document.text)?;
                return Ok(written);
            }
        };
        write_to(&target, &document.text)?;
        Ok(written)
    });
    FileDone {
        bytes_in: bytes.len() as u64,
        result,
    }
}

/// Where an input's output goes under `-o DIR`.
fn output_relative(input: &Input) -> PathBuf {
    match input {
        Input::File { relative, .. } => relative.clone(),
        Input::Stdin => PathBuf::from("stdin.txt"),
    }
}

fn write_to(path: &Path, text: &str) -> Result<(), Failure> {
    oio::write_atomic(path, text.as_bytes())
        .map_err(|e| (path.display().to_string(), oio::io_cause(&e)))
}

/// [`write_to`] under `-o DIR`, making the target's directory when it is
/// missing. The files of a directory go to one directory, so it is almost
/// always there: the temporary file is tried first, and the directory made
/// (and the file tried again) only when that fails, instead of a `mkdir`
/// and a `stat` for every file. Errors are the same as making the
/// directory first: the directory's if it cannot be made, else the file's.
fn write_into_dir(target: &Path, text: &str) -> Result<(), Failure> {
    let target_error = |e: io::Error| (target.display().to_string(), oio::io_cause(&e));
    let mut file = match oio::AtomicFile::create(target) {
        Ok(file) => file,
        Err(_) => {
            if let Some(parent) = target.parent() {
                std::fs::create_dir_all(parent)
                    .map_err(|e| (parent.display().to_string(), oio::io_cause(&e)))?;
            }
            oio::AtomicFile::create(target).map_err(target_error)?
        }
    };
    file.write_all(text.as_bytes()).map_err(target_error)?;
    file.commit().map_err(target_error)
}

/// Counts of a JSONL run over all its inputs.
#[derive(Default)]
struct JsonlTotals {
    summary: JsonlSummary,
    /// Bytes of the inputs already finished (progress of the current one
    /// is added to this).
    done_before: u64,
}

/// Streams every JSONL input through the pipeline, record by record.
fn clean_jsonl_inputs(plan: &Plan, options: &JsonlOptions, failed: &mut bool) -> Flow {
    let sizes: Vec<u64> = plan.inputs.iter().map(|i| i.size_hint() as u64).collect();
    let has_stdin = plan.inputs.iter().any(|i| matches!(i, Input::Stdin));
    let total: u64 = sizes.iter().sum();
    let long = has_stdin || total >= LARGE_JSONL;
    let mut reporter = Reporter::new(Unit::Bytes, (!has_stdin).then_some(total), long, plan.quiet);
    let mut totals = JsonlTotals::default();
    let stdout = io::stdout();
    let mut stdout = LineTracking {
        inner: BufWriter::with_capacity(1 << 16, stdout.lock()),
        open_line: false,
    };
    let mut flow = Flow::Continue;
    for input in &plan.inputs {
        let result = match &plan.output {
            Output::Stdout => {
                // Inputs follow each other on standard output: an input whose
                // last line has no line end must not run into the next one.
                match stdout.open_line.then(|| stdout.write_all(b"\n")) {
                    Some(Err(e)) if e.kind() == io::ErrorKind::BrokenPipe => Ok(Flow::Stop),
                    Some(Err(e)) => Err(("-".to_string(), oio::io_cause(&e))),
                    _ => clean_jsonl_input(
                        plan,
                        options,
                        input,
                        &mut stdout,
                        &mut reporter,
                        &mut totals,
                    ),
                }
            }
            Output::File(path) => {
                clean_jsonl_to_file(plan, options, input, path, &mut reporter, &mut totals)
            }
            Output::Dir(dir) => {
                let target = dir.join(output_relative(input));
                match target.parent().map(std::fs::create_dir_all).transpose() {
                    Ok(_) => clean_jsonl_to_file(
                        plan,
                        options,
                        input,
                        &target,
                        &mut reporter,
                        &mut totals,
                    ),
                    Err(e) => Err((dir.display().to_string(), oio::io_cause(&e))),
                }
            }
        };
        match result {
            Ok(Flow::Continue) => {}
            Ok(Flow::Stop) => {
                flow = Flow::Stop;
                break;
            }
            Err((what, cause)) => {
                reporter.error(&what, &cause);
                *failed = true;
            }
        }
    }
    let s = &totals.summary;
    if s.bad > 0 && !options.keep_bad {
        *failed = true;
    }
    let bad = match (s.bad, options.keep_bad) {
        (0, _) => String::new(),
        (n, true) => format!(", {n} bad kept unchanged"),
        (n, false) => format!(", {n} bad dropped"),
    };
    let summary = format!(
        "{} cleaned{bad}; {}",
        count(s.cleaned, "record"),
        throughput(s.bytes_in, s.bytes_out, reporter.elapsed())
    );
    reporter.finish(&summary);
    flow
}

/// A writer that knows whether what it wrote so far ends inside a line.
struct LineTracking<W> {
    inner: W,
    open_line: bool,
}

impl<W: Write> Write for LineTracking<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.inner.write(buf)?;
        if n > 0 {
            self.open_line = buf[n - 1] != b'\n';
        }
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

/// JSONL inputs at least this large (or of unknown size) may show progress.
const LARGE_JSONL: u64 = 16 << 20;

fn clean_jsonl_to_file(
    plan: &Plan,
    options: &JsonlOptions,
    input: &Input,
    target: &Path,
    reporter: &mut Reporter,
    totals: &mut JsonlTotals,
) -> Result<Flow, Failure> {
    let target_error = |e: io::Error| (target.display().to_string(), oio::io_cause(&e));
    let mut file = oio::AtomicFile::create(target).map_err(target_error)?;
    let flow = clean_jsonl_input(plan, options, input, &mut file, reporter, totals)?;
    file.commit().map_err(target_error)?;
    Ok(flow)
}

/// Cleans one JSONL input into `writer`.
fn clean_jsonl_input(
    plan: &Plan,
    options: &JsonlOptions,
    input: &Input,
    writer: &mut impl Write,
    reporter: &mut Reporter,
    totals: &mut JsonlTotals,
) -> Result<Flow, Failure> {
    let name = input.display_name();
    let reader = input
        .open()
        .map_err(|e| (name.clone(), oio::io_cause(&e)))?;
    let done_before = totals.done_before;
    let summary = jsonl::clean_jsonl(
        &plan.pool,
        reader,
        writer,
        options,
        |text| clean_text(plan, &name, text).map_err(|(_, cause)| cause),
        |report| match report {
            Report::Cleaned { line, doc } => {
                if !doc.diagnostics.is_empty() {
                    reporter.eprint(&format!("{name}:{line}:\n{}", doc.diagnostics));
                }
                let label = format!("{name}:{line}");
                if let Err((what, cause)) = write_edits(plan, reporter, &label, doc.edits.clone()) {
                    reporter.error(&what, &cause);
                }
            }
            Report::Bad { line, cause } => {
                let fate = if options.keep_bad {
                    "kept unchanged"
                } else {
                    "dropped"
                };
                reporter.error(&format!("{name}:{line}"), &format!("{cause}; line {fate}"));
            }
            Report::Progress { bytes_in } => reporter.set_position(done_before + bytes_in),
        },
    );
    let summary = match summary {
        Ok(summary) => summary,
        Err(JsonlError::Write(e)) if e.kind() == io::ErrorKind::BrokenPipe => {
            return Ok(Flow::Stop)
        }
        Err(JsonlError::Write(e)) => return Err(("-".into(), oio::io_cause(&e))),
        Err(JsonlError::Read(e)) => return Err((name, oio::io_cause(&e))),
    };
    totals.summary.add(&summary);
    totals.done_before += summary.bytes_in;
    Ok(Flow::Continue)
}
