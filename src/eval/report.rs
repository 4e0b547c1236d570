//! Renderings of an [`Evaluation`]: a terminal table (`text`), a CI job
//! summary or pull-request comment (`markdown`), machine-readable `json`,
//! and GitHub Actions annotations (`github`), all behind one [`Report`]
//! trait.
//!
//! Every table has one row per stage (`raw`, then each pass) with the value
//! of each metric after that stage and the change the stage made. A pass
//! that makes a case worse (more edits to go, fewer right breaks or fewer
//! exact lines) is marked `▲ worse` (and red on a terminal); a pass that
//! changed characters away from the expected text shows it in its `away`
//! column even when its total effect was good.

use serde_json::{json, Value};

use super::diff::{self, Style};
use super::gate::{pct, GateOutcome};
use super::{CaseResult, Evaluation, StageMetrics};
use crate::text::terminal_width;

/// One way to present an evaluation.
pub trait Report {
    /// Renders `eval`, with the outcome of the gates when any were asked for.
    fn render(&self, eval: &Evaluation, gate: Option<&GateOutcome>) -> String;
}

/// The output formats of `ocrclean eval --format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// A table per case and one in total, for a terminal or a CI log.
    Text,
    /// Machine-readable, stable field names.
    Json,
    /// A CI job summary or pull-request comment.
    Markdown,
    /// GitHub Actions workflow commands: annotations on the expected files.
    Github,
}

/// Builds the report for `format`.
pub fn for_format(format: Format, color: bool, diff: bool, worst: usize) -> Box<dyn Report> {
    match format {
        Format::Text => Box::new(TextReport { color, diff }),
        Format::Json => Box::new(JsonReport { diff }),
        Format::Markdown => Box::new(MarkdownReport { worst }),
        Format::Github => Box::new(GithubReport),
    }
}

/// How a cell should stand out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tone {
    Plain,
    Better,
    Worse,
    Warn,
}

#[derive(Debug, Clone)]
struct Cell {
    text: String,
    tone: Tone,
}

impl Cell {
    fn plain(text: impl Into<String>) -> Self {
        Cell {
            text: text.into(),
            tone: Tone::Plain,
        }
    }

    fn toned(text: impl Into<String>, tone: Tone) -> Self {
        Cell {
            text: text.into(),
            tone,
        }
    }
}

const HEADER: [&str; 14] = [
    "stage",
    "CER",
    "Δ",
    "break P",
    "break R",
    "break F1",
    "Δ",
    "exact lines",
    "Δ",
    "edit prec",
    "toward",
    "away",
    "neutral",
    "",
];

/// The marker of a pass that made things worse.
pub const WORSE: &str = "▲ worse";

/// The rows of a stage table.
fn stage_rows(stages: &[StageMetrics]) -> Vec<Vec<Cell>> {
    let mut rows = Vec::with_capacity(stages.len());
    for (i, stage) in stages.iter().enumerate() {
        let previous = i.checked_sub(1).map(|p| &stages[p]);
        let worse = previous.is_some_and(|p| made_worse(p, stage));
        let mut row = vec![Cell::plain(&stage.stage), Cell::plain(pct(stage.cer.cer()))];
        row.push(match previous {
            None => Cell::plain(""),
            Some(p) => {
                let tone = change_tone(p.cer.distance as f64, stage.cer.distance as f64, false);
                Cell::toned(points(stage.cer.cer() - p.cer.cer()), tone)
            }
        });
        row.push(Cell::plain(pct(stage.breaks.precision())));
        row.push(Cell::plain(pct(stage.breaks.recall())));
        row.push(Cell::plain(pct(stage.breaks.f1())));
        row.push(match previous {
            None => Cell::plain(""),
            Some(p) => {
                let (now, then) = (stage.breaks.f1(), p.breaks.f1());
                let tone = change_tone(then, now, true);
                Cell::toned(points(now - then), tone)
            }
        });
        row.push(Cell::plain(format!(
            "{}/{}",
            stage.lines.exact, stage.lines.expected
        )));
        row.push(match previous {
            None => Cell::plain(""),
            Some(p) => {
                let tone = change_tone(p.lines.exact as f64, stage.lines.exact as f64, true);
                let change = stage.lines.exact as i64 - p.lines.exact as i64;
                Cell::toned(
                    if change == 0 {
                        "·".to_string()
                    } else {
                        format!("{change:+}")
                    },
                    tone,
                )
            }
        });
        match &stage.edits {
            None => row.extend(std::iter::repeat_n(Cell::plain(""), 4)),
            Some(e) => {
                let warn = if e.away > 0 { Tone::Warn } else { Tone::Plain };
                row.push(Cell::toned(
                    e.precision().map_or("·".to_string(), pct),
                    warn,
                ));
                row.push(Cell::plain(e.toward.to_string()));
                row.push(Cell::toned(e.away.to_string(), warn));
                row.push(Cell::plain(e.neutral().to_string()));
            }
        }
        row.push(if worse {
            Cell::toned(WORSE, Tone::Worse)
        } else {
            Cell::plain("")
        });
        rows.push(row);
    }
    rows
}

/// Whether the stage `now` left a case worse than `then` did: more edits to
/// go, fewer right breaks or fewer exact lines.
fn made_worse(then: &StageMetrics, now: &StageMetrics) -> bool {
    [
        change_tone(then.cer.distance as f64, now.cer.distance as f64, false),
        change_tone(then.breaks.f1(), now.breaks.f1(), true),
        change_tone(then.lines.exact as f64, now.lines.exact as f64, true),
    ]
    .contains(&Tone::Worse)
}

/// How a change of a metric from `then` to `now` should look.
fn change_tone(then: f64, now: f64, higher_is_better: bool) -> Tone {
    if now == then {
        Tone::Plain
    } else if (now > then) == higher_is_better {
        Tone::Better
    } else {
        Tone::Worse
    }
}

/// A change of a ratio in percentage points: `-0.44`, `+1.20`, `·` for none.
fn points(change: f64) -> String {
    let p = change * 100.0;
    if p.abs() < 0.005 {
        if change == 0.0 {
            "·".to_string()
        } else if change > 0.0 {
            "+0.00".to_string()
        } else {
            "-0.00".to_string()
        }
    } else {
        format!("{p:+.2}")
    }
}

/// Left-aligned columns: the stage name and the marker.
fn left_aligned(column: usize) -> bool {
    column == 0 || column == HEADER.len() - 1
}

fn ansi(tone: Tone) -> Option<&'static str> {
    match tone {
        Tone::Plain => None,
        Tone::Better => Some("\x1b[32m"),
        Tone::Worse => Some("\x1b[1;31m"),
        Tone::Warn => Some("\x1b[33m"),
    }
}

/// Renders rows as an aligned terminal table, indented by `indent`.
fn text_table(rows: &[Vec<Cell>], color: bool, indent: &str) -> String {
    let header: Vec<Cell> = HEADER.iter().map(|h| Cell::plain(*h)).collect();
    let all: Vec<&Vec<Cell>> = std::iter::once(&header).chain(rows).collect();
    let widths: Vec<usize> = (0..HEADER.len())
        .map(|c| {
            all.iter()
                .map(|r| terminal_width(&r[c].text))
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = String::new();
    for row in all {
        let mut line = indent.to_string();
        for (c, cell) in row.iter().enumerate() {
            let pad = " ".repeat(widths[c] - terminal_width(&cell.text));
            let text = match ansi(cell.tone).filter(|_| color) {
                Some(code) => format!("{code}{}\x1b[0m", cell.text),
                None => cell.text.clone(),
            };
            if c > 0 {
                line.push_str("  ");
            }
            if left_aligned(c) {
                line.push_str(&text);
                line.push_str(&pad);
            } else {
                line.push_str(&pad);
                line.push_str(&text);
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// Renders rows as a GitHub-flavoured markdown table.
fn markdown_table(rows: &[Vec<Cell>]) -> String {
    let mut out = String::new();
    out.push_str(&format!("| {} |\n", HEADER.join(" | ")));
    let rule: Vec<&str> = (0..HEADER.len())
        .map(|c| if left_aligned(c) { ":--" } else { "--:" })
        .collect();
    out.push_str(&format!("| {} |\n", rule.join(" | ")));
    for row in rows {
        let cells: Vec<String> = row
            .iter()
            .map(|cell| match cell.tone {
                Tone::Worse if !cell.text.is_empty() => format!("**{}**", cell.text),
                _ => cell.text.replace('|', "\\|"),
            })
            .collect();
        out.push_str(&format!("| {} |\n", cells.join(" | ")));
    }
    out
}

/// `1 case`, `2 cases`.
pub fn counted(n: u64, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// One line about a case's size.
fn case_summary(stage: &StageMetrics) -> String {
    format!(
        "{} · {} · {}",
        counted(stage.cer.expected, "grapheme"),
        counted(stage.breaks.expected, "break"),
        counted(stage.lines.expected, "line")
    )
}

/// Terminal tables, one per case and one for the total.
pub struct TextReport {
    pub color: bool,
    /// Show the remaining differences under each case.
    pub diff: bool,
}

impl Report for TextReport {
    fn render(&self, eval: &Evaluation, _gate: Option<&GateOutcome>) -> String {
        let bold = |s: &str| {
            if self.color {
                format!("\x1b[1m{s}\x1b[0m")
            } else {
                s.to_string()
            }
        };
        let mut out = String::new();
        for case in &eval.cases {
            out.push_str(&format!(
                "{}  {}\n",
                bold(&case.name),
                case_summary(case.last())
            ));
            out.push_str(&text_table(&stage_rows(&case.stages), self.color, "  "));
            if self.diff {
                out.push_str(&differences_text(case, self.color, "    "));
            }
            out.push('\n');
        }
        out.push_str(&format!(
            "{}  {} · {}\n",
            bold("TOTAL"),
            counted(eval.cases.len() as u64, "case"),
            case_summary(eval.total_last())
        ));
        out.push_str(&text_table(&stage_rows(&eval.total), self.color, "  "));
        out
    }
}

/// The remaining differences of a case, one window per line.
fn differences_text(case: &CaseResult, color: bool, indent: &str) -> String {
    if case.differences.is_empty() {
        return format!("{indent}(no remaining differences)\n");
    }
    let style = if color { Style::Ansi } else { Style::Brackets };
    let width = case
        .differences
        .last()
        .map_or(1, |d| d.line.to_string().len());
    let mut out = String::new();
    for d in &case.differences {
        out.push_str(&format!(
            "{indent}L{:<width$}  {}\n",
            d.line,
            diff::render(d, style)
        ));
    }
    out
}

/// A CI job summary / pull-request comment: the totals table, the gate
/// outcome, then the worst cases with their remaining differences folded.
pub struct MarkdownReport {
    /// How many of the worst cases to show.
    pub worst: usize,
}

/// Differences shown per case in markdown before the rest are counted only.
const MARKDOWN_DIFFERENCES: usize = 40;

impl Report for MarkdownReport {
    fn render(&self, eval: &Evaluation, gate: Option<&GateOutcome>) -> String {
        let total = eval.total_last();
        let mut out = format!(
            "### ocrclean eval: {}, CER {}, break F1 {}\n\n",
            counted(eval.cases.len() as u64, "case"),
            pct(total.cer.cer()),
            pct(total.breaks.f1())
        );
        out.push_str(&markdown_table(&stage_rows(&eval.total)));
        out.push_str(&format!(
            "\n{} · passes: {}\n",
            case_summary(total),
            if eval.passes.is_empty() {
                "none".to_string()
            } else {
                eval.passes
                    .iter()
                    .map(|p| format!("`{p}`"))
                    .collect::<Vec<_>>()
                    .join(" → ")
            }
        ));
        if let Some(gate) = gate {
            out.push('\n');
            if gate.passed() {
                out.push_str("**Gate: passed** ✅\n");
            } else {
                out.push_str(&format!(
                    "**Gate: failed** ❌ ({})\n\n",
                    counted(gate.failures.len() as u64, "failure")
                ));
                for f in &gate.failures {
                    out.push_str(&format!("- `{}`: {}\n", f.case, f.message));
                }
            }
            if !gate.notes.is_empty() {
                out.push('\n');
                for note in &gate.notes {
                    out.push_str(&format!("- note: {note}\n"));
                }
            }
        }
        let worst = worst_cases(eval, self.worst);
        if self.worst > 0 {
            out.push('\n');
            if worst.is_empty() {
                out.push_str("Every case matches its expected file.\n");
            } else {
                out.push_str(&format!(
                    "#### Worst cases ({} of {} with differences)\n\n",
                    worst.len(),
                    eval.cases.iter().filter(|c| !is_perfect(c)).count()
                ));
            }
            for case in worst {
                out.push_str(&markdown_case(case));
            }
        }
        out
    }
}

fn is_perfect(case: &CaseResult) -> bool {
    let last = case.last();
    last.cer.distance == 0 && last.breaks.f1() >= 1.0
}

/// The `n` cases with the highest final CER (then most break errors).
fn worst_cases(eval: &Evaluation, n: usize) -> Vec<&CaseResult> {
    let mut cases: Vec<&CaseResult> = eval.cases.iter().filter(|c| !is_perfect(c)).collect();
    cases.sort_by(|a, b| {
        let key = |c: &CaseResult| (c.last().cer.cer(), 1.0 - c.last().breaks.f1());
        key(b)
            .partial_cmp(&key(a))
            .unwrap_or(std::cmp::Ordering::Equal)
            .then_with(|| a.name.cmp(&b.name))
    });
    cases.truncate(n);
    cases
}

fn markdown_case(case: &CaseResult) -> String {
    let last = case.last();
    let mut out = format!(
        "<details><summary><code>{}</code>: CER {}, break F1 {}, exact lines {}/{}, {}</summary>\n\n",
        html_escape(&case.name),
        pct(last.cer.cer()),
        pct(last.breaks.f1()),
        last.lines.exact,
        last.lines.expected,
        counted(case.differences.len() as u64, "difference")
    );
    out.push_str(&markdown_table(&stage_rows(&case.stages)));
    if !case.differences.is_empty() {
        let mut body = String::new();
        let width = case
            .differences
            .last()
            .map_or(1, |d| d.line.to_string().len());
        for d in case.differences.iter().take(MARKDOWN_DIFFERENCES) {
            body.push_str(&format!(
                "L{:<width$}  {}\n",
                d.line,
                diff::render(d, Style::Brackets)
            ));
        }
        if case.differences.len() > MARKDOWN_DIFFERENCES {
            body.push_str(&format!(
                "… and {} more\n",
                case.differences.len() - MARKDOWN_DIFFERENCES
            ));
        }
        let fence = "`".repeat(longest_backtick_run(&body).max(2) + 1);
        out.push_str(&format!("\n{fence}text\n{body}{fence}\n"));
    }
    out.push_str("\n</details>\n\n");
    out
}

fn longest_backtick_run(s: &str) -> usize {
    s.split(|c| c != '`').map(str::len).max().unwrap_or(0)
}

fn html_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// Machine-readable output. Field names are stable; new fields may be added.
pub struct JsonReport {
    /// Include the remaining differences of every case.
    pub diff: bool,
}

/// Version of the JSON layout.
pub const JSON_VERSION: u32 = 1;

impl Report for JsonReport {
    fn render(&self, eval: &Evaluation, gate: Option<&GateOutcome>) -> String {
        let cases: Vec<Value> = eval
            .cases
            .iter()
            .map(|case| {
                let mut v = json!({
                    "name": case.name,
                    "stages": case.stages.iter().map(stage_json).collect::<Vec<_>>(),
                });
                if self.diff {
                    v["differences"] = json!(case.differences);
                }
                v
            })
            .collect();
        let mut doc = json!({
            "version": JSON_VERSION,
            "passes": eval.passes,
            "total": {
                "cases": eval.cases.len(),
                "stages": eval.total.iter().map(stage_json).collect::<Vec<_>>(),
            },
            "cases": cases,
        });
        if let Some(gate) = gate {
            doc["gate"] = json!({
                "passed": gate.passed(),
                "failures": gate.failures,
                "notes": gate.notes,
            });
        }
        let mut s = serde_json::to_string_pretty(&doc).expect("report serializes");
        s.push('\n');
        s
    }
}

fn stage_json(stage: &StageMetrics) -> Value {
    json!({
        "stage": stage.stage,
        "cer": stage.cer.cer(),
        "distance": stage.cer.distance,
        "graphemes": stage.cer.expected,
        "break_precision": stage.breaks.precision(),
        "break_recall": stage.breaks.recall(),
        "break_f1": stage.breaks.f1(),
        "breaks_matched": stage.breaks.matched,
        "breaks_output": stage.breaks.output,
        "breaks_expected": stage.breaks.expected,
        "lines_exact": stage.lines.ratio(),
        "lines_exact_count": stage.lines.exact,
        "lines": stage.lines.expected,
        "edits": stage.edits.map(|e| json!({
            "changed": e.changed,
            "net": e.net,
            "toward": e.toward,
            "away": e.away,
            "neutral": e.neutral(),
            "precision": e.precision(),
        })),
    })
}

/// GitHub Actions workflow commands, one a line, which a workflow step
/// turns into annotations: a notice with the totals; an error for each
/// failed gate (on the case's expected file); a warning for each pass that
/// made a case worse; a notice for each remaining difference, on the line of
/// the expected file where it is. (GitHub shows a few of each on the
/// pull request and all of them in the run.)
pub struct GithubReport;

/// The expected file of the case named `case` (its raw path without
/// `.raw.txt`).
fn expected_file(case: &str) -> String {
    format!("{case}.expected.txt")
}

/// One workflow command: `::kind prop=value,…::message`, with the escapes
/// GitHub reads (`%`, line ends, and `:` `,` in property values).
fn workflow_command(kind: &str, props: &[(&str, &str)], message: &str) -> String {
    let data = |s: &str| {
        s.replace('%', "%25")
            .replace('\r', "%0D")
            .replace('\n', "%0A")
    };
    let props: Vec<String> = props
        .iter()
        .map(|(k, v)| format!("{k}={}", data(v).replace(':', "%3A").replace(',', "%2C")))
        .collect();
    let props = if props.is_empty() {
        String::new()
    } else {
        format!(" {}", props.join(","))
    };
    format!("::{kind}{props}::{}\n", data(message))
}

impl Report for GithubReport {
    fn render(&self, eval: &Evaluation, gate: Option<&GateOutcome>) -> String {
        let total = eval.total_last();
        let mut out = workflow_command(
            "notice",
            &[("title", "ocrclean eval")],
            &format!(
                "{}: CER {}, line-break F1 {}, exact lines {}/{}{}",
                counted(eval.cases.len() as u64, "case"),
                pct(total.cer.cer()),
                pct(total.breaks.f1()),
                total.lines.exact,
                total.lines.expected,
                match gate {
                    Some(g) if g.passed() => "; gate passed",
                    Some(_) => "; gate failed",
                    None => "",
                }
            ),
        );
        if let Some(gate) = gate {
            for f in &gate.failures {
                let title = format!("ocrclean eval: {} worse than allowed", f.metric);
                let file = expected_file(&f.case);
                let mut props = vec![("title", title.as_str())];
                if f.case != "total" {
                    props.push(("file", file.as_str()));
                }
                out.push_str(&workflow_command("error", &props, &f.message));
            }
            for note in &gate.notes {
                out.push_str(&workflow_command(
                    "warning",
                    &[("title", "ocrclean eval")],
                    note,
                ));
            }
        }
        for case in &eval.cases {
            let file = expected_file(&case.name);
            for pair in case.stages.windows(2) {
                let (then, now) = (&pair[0], &pair[1]);
                if made_worse(then, now) {
                    out.push_str(&workflow_command(
                        "warning",
                        &[
                            ("file", &file),
                            ("title", &format!("ocrclean: pass `{}` made this case worse", now.stage)),
                        ],
                        &format!(
                            "after `{}`: CER {} → {}, line-break F1 {} → {}, exact lines {} → {} of {}",
                            then.stage,
                            pct(then.cer.cer()),
                            pct(now.cer.cer()),
                            pct(then.breaks.f1()),
                            pct(now.breaks.f1()),
                            then.lines.exact,
                            now.lines.exact,
                            now.lines.expected
                        ),
                    ));
                }
            }
            for difference in &case.differences {
                out.push_str(&workflow_command(
                    "notice",
                    &[
                        ("file", &file),
                        ("line", &difference.line.to_string()),
                        ("title", "ocrclean: output differs from the expected text"),
                    ],
                    &diff::render(difference, Style::Brackets),
                ));
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::eval::{BreakCounts, CerCounts, EditCounts, LineCounts};

    fn stage(
        name: &str,
        distance: u64,
        matched: u64,
        exact: u64,
        edits: Option<(u64, u64, u64, i64)>,
    ) -> StageMetrics {
        StageMetrics {
            stage: name.into(),
            cer: CerCounts {
                distance,
                expected: 20,
            },
            breaks: BreakCounts {
                matched,
                output: 2,
                expected: 2,
            },
            lines: LineCounts { exact, expected: 3 },
            edits: edits.map(|(changed, toward, away, net)| EditCounts {
                changed,
                toward,
                away,
                net,
            }),
        }
    }

    fn sample() -> Evaluation {
        let stages = vec![
            stage("raw", 4, 1, 1, None),
            stage("fix", 2, 2, 2, Some((4, 3, 1, 2))),
            stage("harm", 3, 1, 1, Some((2, 0, 1, -1))),
        ];
        Evaluation {
            passes: vec!["fix".into(), "harm".into()],
            cases: vec![CaseResult {
                name: "set/a".into(),
                stages: stages.clone(),
                differences: vec![crate::eval::Difference {
                    line: 2,
                    pieces: vec![
                        diff::Piece::Same("前文".into()),
                        diff::Piece::Inserted("\n".into()),
                        diff::Piece::Same("后文".into()),
                    ],
                }],
            }],
            total: stages,
        }
    }

    #[test]
    fn text_table_snapshot() {
        let report = TextReport {
            color: false,
            diff: true,
        };
        let got = report.render(&sample(), None);
        let expected = "\
set/a  20 graphemes · 2 breaks · 3 lines
  stage     CER       Δ  break P  break R  break F1       Δ  exact lines   Δ  edit prec  toward  away  neutral
  raw    20.00%           50.00%   50.00%    50.00%                  1/3
  fix    10.00%  -10.00  100.00%  100.00%   100.00%  +50.00          2/3  +1     75.00%       3     1        0
  harm   15.00%   +5.00   50.00%   50.00%    50.00%  -50.00          1/3  -1      0.00%       0     1        1  ▲ worse
    L2  前文{+⏎+}后文

TOTAL  1 case · 20 graphemes · 2 breaks · 3 lines
  stage     CER       Δ  break P  break R  break F1       Δ  exact lines   Δ  edit prec  toward  away  neutral
  raw    20.00%           50.00%   50.00%    50.00%                  1/3
  fix    10.00%  -10.00  100.00%  100.00%   100.00%  +50.00          2/3  +1     75.00%       3     1        0
  harm   15.00%   +5.00   50.00%   50.00%    50.00%  -50.00          1/3  -1      0.00%       0     1        1  ▲ worse
";
        assert_eq!(got, expected, "\n{got}");
    }

    #[test]
    fn colour_marks_worse_in_red() {
        let report = TextReport {
            color: true,
            diff: false,
        };
        let got = report.render(&sample(), None);
        assert!(got.contains("\x1b[1;31m▲ worse\x1b[0m"));
    }

    #[test]
    fn markdown_has_totals_then_folded_worst_cases() {
        let got = MarkdownReport { worst: 5 }.render(&sample(), Some(&GateOutcome::default()));
        let totals = got.find("| raw |").unwrap();
        let details = got.find("<details><summary><code>set/a</code>").unwrap();
        assert!(totals < details);
        assert!(got.contains("**▲ worse**"));
        assert!(got.contains("**Gate: passed**"));
        assert!(got.contains("```text\nL2  前文{+⏎+}后文\n```"));
    }

    #[test]
    fn github_annotations_name_the_expected_file_and_line() {
        let gate = GateOutcome {
            failures: vec![crate::eval::gate::Failure {
                case: "set/a".into(),
                metric: "cer",
                value: 0.15,
                limit: 0.11,
                baseline: Some(0.1),
                message: "CER 15.00% (baseline 10.00%)".into(),
            }],
            notes: Vec::new(),
        };
        let got = GithubReport.render(&sample(), Some(&gate));
        let lines: Vec<&str> = got.lines().collect();
        assert_eq!(
            lines,
            [
                "::notice title=ocrclean eval::1 case: CER 15.00%25, line-break F1 50.00%25, \
                 exact lines 1/3; gate failed",
                "::error title=ocrclean eval%3A cer worse than allowed,file=set/a.expected.txt::\
                 CER 15.00%25 (baseline 10.00%25)",
                "::warning file=set/a.expected.txt,title=ocrclean%3A pass `harm` made this case \
                 worse::after `fix`: CER 10.00%25 → 15.00%25, line-break F1 100.00%25 → 50.00%25, \
                 exact lines 2 → 1 of 3",
                "::notice file=set/a.expected.txt,line=2,title=ocrclean%3A output differs from \
                 the expected text::前文{+⏎+}后文",
            ],
            "\n{got}"
        );
    }

    #[test]
    fn workflow_commands_escape_what_github_reads() {
        // Traps: `%` first (else the escapes' own `%` would be escaped),
        // line ends in messages, `:` and `,` in property values only.
        assert_eq!(
            workflow_command("notice", &[("title", "a: b, c%")], "50% done\nnext: 1, 2\r"),
            "::notice title=a%3A b%2C c%25::50%25 done%0Anext: 1, 2%0D\n"
        );
        assert_eq!(workflow_command("error", &[], "x"), "::error::x\n");
    }

    #[test]
    fn json_field_names_are_stable() {
        let got: Value =
            serde_json::from_str(&JsonReport { diff: true }.render(&sample(), None)).unwrap();
        assert_eq!(got["version"], 1);
        assert_eq!(got["passes"], json!(["fix", "harm"]));
        let harm = &got["total"]["stages"][2];
        assert_eq!(harm["stage"], "harm");
        assert_eq!(harm["distance"], 3);
        assert_eq!(harm["edits"]["away"], 1);
        assert_eq!(harm["edits"]["neutral"], 1);
        assert_eq!(got["cases"][0]["differences"][0]["line"], 2);
        assert_eq!(
            got["cases"][0]["differences"][0]["pieces"][1],
            json!({"inserted": "\n"})
        );
        assert!(got.get("gate").is_none());
    }
}
