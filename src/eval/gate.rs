//! Gates that turn an evaluation into a pass/fail answer for CI, and the
//! baseline file they compare against.
//!
//! - `--max-cer X` and `--min-break-f1 Y` apply to the **total** after the
//!   last pass. A per-case threshold would be noise: one wrong character in a
//!   ten-character case is a CER of 10 %. When a total gate fails, the cases
//!   that contribute most are named with their numbers.
//! - `--baseline FILE` applies **per case and to the total**: a case fails
//!   when its final CER is higher than in the baseline, or its break F1 or
//!   share of exact lines lower, by more than the tolerance (an absolute
//!   difference of ratios; default [`DEFAULT_TOLERANCE`] = 0.1 percentage
//!   point, a few characters on a full page and none on a small case). Cases
//!   the baseline does not know and baseline cases that were not evaluated
//!   are reported as notes, not failures.
//! - `--write-baseline FILE` writes the final figures of this run. It is the
//!   only way a baseline changes; nothing else ever writes it.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::report::counted;
use super::{Evaluation, StageMetrics};

/// The default tolerance of the baseline gate.
pub const DEFAULT_TOLERANCE: f64 = 0.001;

/// Final figures of one case (or of the total) as stored in a baseline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BaselineEntry {
    pub cer: f64,
    pub break_precision: f64,
    pub break_recall: f64,
    pub break_f1: f64,
    pub lines_exact: f64,
    /// The counts behind the ratios, for people reading the file.
    pub distance: u64,
    pub graphemes: u64,
    pub lines_exact_count: u64,
    pub lines: u64,
}

impl BaselineEntry {
    pub fn from_stage(stage: &StageMetrics) -> Self {
        BaselineEntry {
            cer: round6(stage.cer.cer()),
            break_precision: round6(stage.breaks.precision()),
            break_recall: round6(stage.breaks.recall()),
            break_f1: round6(stage.breaks.f1()),
            lines_exact: round6(stage.lines.ratio()),
            distance: stage.cer.distance,
            graphemes: stage.cer.expected,
            lines_exact_count: stage.lines.exact,
            lines: stage.lines.expected,
        }
    }
}

fn round6(x: f64) -> f64 {
    (x * 1e6).round() / 1e6
}

/// Per-case final figures of a run, written by `--write-baseline`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Baseline {
    pub version: u32,
    /// The passes that ran when the baseline was written.
    pub passes: Vec<String>,
    pub total: BaselineEntry,
    /// By case name, sorted.
    pub cases: BTreeMap<String, BaselineEntry>,
}

impl Baseline {
    pub const VERSION: u32 = 1;

    pub fn from_evaluation(eval: &Evaluation) -> Self {
        Baseline {
            version: Self::VERSION,
            passes: eval.passes.clone(),
            total: BaselineEntry::from_stage(eval.total_last()),
            cases: eval
                .cases
                .iter()
                .map(|c| (c.name.clone(), BaselineEntry::from_stage(c.last())))
                .collect(),
        }
    }

    /// Pretty JSON with a final newline; keys in a stable order.
    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).expect("baseline serializes");
        s.push('\n');
        s
    }

    pub fn from_json(text: &str) -> Result<Self, String> {
        let baseline: Baseline = serde_json::from_str(text).map_err(|e| e.to_string())?;
        if baseline.version != Self::VERSION {
            return Err(format!(
                "baseline version {} (this ocrclean reads version {})",
                baseline.version,
                Self::VERSION
            ));
        }
        Ok(baseline)
    }
}

/// The gates asked for on the command line.
#[derive(Debug, Clone)]
pub struct Gates {
    pub max_cer: Option<f64>,
    pub min_break_f1: Option<f64>,
    pub baseline: Option<Baseline>,
    pub tolerance: f64,
}

impl Default for Gates {
    fn default() -> Self {
        Gates {
            max_cer: None,
            min_break_f1: None,
            baseline: None,
            tolerance: DEFAULT_TOLERANCE,
        }
    }
}

impl Gates {
    pub fn any(&self) -> bool {
        self.max_cer.is_some() || self.min_break_f1.is_some() || self.baseline.is_some()
    }
}

/// One reason a gate failed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Failure {
    /// A case name, or `total`.
    pub case: String,
    /// `cer`, `break_f1` or `lines_exact`.
    pub metric: &'static str,
    pub value: f64,
    /// The limit it crossed (threshold, or baseline ± tolerance).
    pub limit: f64,
    /// The baseline value, for the baseline gate.
    pub baseline: Option<f64>,
    /// The case's numbers in words.
    pub message: String,
}

/// The outcome of all gates.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct GateOutcome {
    pub failures: Vec<Failure>,
    /// Things worth knowing that do not fail the gate.
    pub notes: Vec<String>,
}

impl GateOutcome {
    pub fn passed(&self) -> bool {
        self.failures.is_empty()
    }
}

/// How many contributing cases a failed total gate names.
const NAMED_CASES: usize = 5;

/// Checks `eval` against `gates`.
pub fn check(eval: &Evaluation, gates: &Gates) -> GateOutcome {
    let mut outcome = GateOutcome::default();
    let total = eval.total_last();
    if let Some(max) = gates.max_cer {
        let cer = total.cer.cer();
        if cer > max {
            outcome.failures.push(Failure {
                case: "total".into(),
                metric: "cer",
                value: cer,
                limit: max,
                baseline: None,
                message: format!(
                    "CER {} > --max-cer {} ({} edits over {} graphemes)",
                    pct(cer),
                    pct(max),
                    total.cer.distance,
                    total.cer.expected
                ),
            });
            let mut worst: Vec<_> = eval
                .cases
                .iter()
                .filter(|c| c.last().cer.distance > 0)
                .collect();
            worst.sort_by_key(|c| std::cmp::Reverse(c.last().cer.distance));
            for case in worst.iter().take(NAMED_CASES) {
                let m = case.last();
                outcome.notes.push(format!(
                    "{}: {} edits of the total, CER {}",
                    case.name,
                    m.cer.distance,
                    pct(m.cer.cer())
                ));
            }
        }
    }
    if let Some(min) = gates.min_break_f1 {
        let f1 = total.breaks.f1();
        if f1 < min {
            let b = &total.breaks;
            outcome.failures.push(Failure {
                case: "total".into(),
                metric: "break_f1",
                value: f1,
                limit: min,
                baseline: None,
                message: format!(
                    "break F1 {} < --min-break-f1 {} ({} of {} output breaks right, {} of {} expected breaks found)",
                    pct(f1),
                    pct(min),
                    b.matched,
                    b.output,
                    b.matched,
                    b.expected
                ),
            });
            let mut worst: Vec<_> = eval
                .cases
                .iter()
                .map(|c| (c, missed_breaks(c.last())))
                .filter(|(_, missed)| *missed > 0)
                .collect();
            worst.sort_by_key(|w| std::cmp::Reverse(w.1));
            for (case, missed) in worst.iter().take(NAMED_CASES) {
                outcome.notes.push(format!(
                    "{}: {missed} wrong or missing breaks, break F1 {}",
                    case.name,
                    pct(case.last().breaks.f1())
                ));
            }
        }
    }
    if let Some(baseline) = &gates.baseline {
        compare_with_baseline(eval, baseline, gates.tolerance, &mut outcome);
    }
    outcome
}

fn missed_breaks(stage: &StageMetrics) -> u64 {
    let b = &stage.breaks;
    (b.output - b.matched) + (b.expected - b.matched)
}

fn compare_with_baseline(
    eval: &Evaluation,
    baseline: &Baseline,
    tolerance: f64,
    outcome: &mut GateOutcome,
) {
    if baseline.passes != eval.passes {
        outcome.notes.push(format!(
            "the baseline was written with passes [{}]; this run has [{}]",
            baseline.passes.join(", "),
            eval.passes.join(", ")
        ));
    }
    let mut better = 0usize;
    let mut compare = |name: &str, now: &StageMetrics, then: &BaselineEntry| {
        let now_entry = BaselineEntry::from_stage(now);
        let checks = [
            ("cer", "CER", now_entry.cer, then.cer, true),
            (
                "break_f1",
                "break F1",
                now_entry.break_f1,
                then.break_f1,
                false,
            ),
            (
                "lines_exact",
                "exact lines",
                now_entry.lines_exact,
                then.lines_exact,
                false,
            ),
        ];
        let mut improved = false;
        for (metric, label, value, base, lower_is_better) in checks {
            let worse_by = if lower_is_better {
                value - base
            } else {
                base - value
            };
            if worse_by > tolerance {
                let limit = if lower_is_better {
                    base + tolerance
                } else {
                    base - tolerance
                };
                outcome.failures.push(Failure {
                    case: name.to_string(),
                    metric,
                    value,
                    limit,
                    baseline: Some(base),
                    message: format!(
                        "{label} {} vs baseline {} ({}{:.2} points, tolerance {:.2}); now {} edits / {} graphemes, break F1 {}, exact lines {}/{}",
                        pct(value),
                        pct(base),
                        if lower_is_better { "+" } else { "-" },
                        worse_by * 100.0,
                        tolerance * 100.0,
                        now.cer.distance,
                        now.cer.expected,
                        pct(now.breaks.f1()),
                        now.lines.exact,
                        now.lines.expected
                    ),
                });
            } else if worse_by < -tolerance {
                improved = true;
            }
        }
        improved
    };
    for case in &eval.cases {
        match baseline.cases.get(&case.name) {
            Some(then) => better += usize::from(compare(&case.name, case.last(), then)),
            None => outcome
                .notes
                .push(format!("{}: not in the baseline (new case)", case.name)),
        }
    }
    let evaluated: std::collections::BTreeSet<&str> =
        eval.cases.iter().map(|c| c.name.as_str()).collect();
    let missing = baseline
        .cases
        .keys()
        .filter(|k| !evaluated.contains(k.as_str()))
        .count();
    if missing == 0 {
        compare("total", eval.total_last(), &baseline.total);
    } else {
        outcome.notes.push(format!(
            "{} of the baseline not evaluated; the total is not compared",
            counted(missing as u64, "case")
        ));
    }
    if better > 0 {
        outcome.notes.push(format!(
            "{} better than the baseline; `--write-baseline` locks that in",
            counted(better as u64, "case")
        ));
    }
}

/// `0.1234` → `12.34%`.
pub fn pct(x: f64) -> String {
    format!("{:.2}%", x * 100.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::eval::{BreakCounts, CaseResult, CerCounts, LineCounts};

    fn stage(distance: u64, expected: u64, matched: u64, breaks: u64) -> StageMetrics {
        StageMetrics {
            stage: "raw".into(),
            cer: CerCounts { distance, expected },
            breaks: BreakCounts {
                matched,
                output: breaks,
                expected: breaks,
            },
            lines: LineCounts {
                exact: 1,
                expected: 1,
            },
            edits: None,
        }
    }

    fn eval(cases: &[(&str, StageMetrics)]) -> Evaluation {
        let mut total = StageMetrics {
            stage: "raw".into(),
            ..Default::default()
        };
        for (_, s) in cases {
            total.add(s);
        }
        Evaluation {
            passes: vec![],
            cases: cases
                .iter()
                .map(|(name, s)| CaseResult {
                    name: name.to_string(),
                    stages: vec![s.clone()],
                    differences: vec![],
                })
                .collect(),
            total: vec![total],
        }
    }

    #[test]
    fn thresholds_apply_to_the_total_and_name_the_cases() {
        let e = eval(&[("a", stage(10, 100, 4, 4)), ("b", stage(0, 100, 2, 4))]);
        let gates = Gates {
            max_cer: Some(0.04),
            min_break_f1: Some(0.8),
            ..Gates::default()
        };
        let outcome = check(&e, &gates);
        let metrics: Vec<_> = outcome.failures.iter().map(|f| f.metric).collect();
        assert_eq!(metrics, ["cer", "break_f1"]);
        assert!(outcome.notes.iter().any(|n| n.starts_with("a: 10 edits")));
        assert!(outcome.notes.iter().any(|n| n.starts_with("b: 4 wrong")));
        let lenient = Gates {
            max_cer: Some(0.05),
            min_break_f1: Some(0.75),
            ..Gates::default()
        };
        assert!(check(&e, &lenient).passed());
    }

    #[test]
    fn baseline_round_trips_and_catches_regressions() {
        let before = eval(&[("a", stage(10, 100, 4, 4)), ("b", stage(0, 100, 4, 4))]);
        let baseline = Baseline::from_json(&Baseline::from_evaluation(&before).to_json()).unwrap();
        let gates = Gates {
            baseline: Some(baseline),
            ..Gates::default()
        };
        assert!(check(&before, &gates).passed());
        // b gets one edit worse in 100 graphemes: beyond the tolerance.
        let after = eval(&[("a", stage(10, 100, 4, 4)), ("b", stage(1, 100, 4, 4))]);
        let outcome = check(&after, &gates);
        let failing: Vec<_> = outcome
            .failures
            .iter()
            .map(|f| (f.case.as_str(), f.metric))
            .collect();
        assert_eq!(failing, [("b", "cer"), ("total", "cer")]);
        assert!(outcome.failures[0].message.contains("vs baseline 0.00%"));
        // A case that improves is noted, not failed.
        let better = eval(&[("a", stage(5, 100, 4, 4)), ("b", stage(0, 100, 4, 4))]);
        let outcome = check(&better, &gates);
        assert!(outcome.passed());
        assert!(outcome.notes.iter().any(|n| n.contains("1 case better")));
    }

    #[test]
    fn unknown_and_missing_cases_are_notes() {
        let base = eval(&[("a", stage(0, 10, 1, 1)), ("gone", stage(0, 10, 1, 1))]);
        let gates = Gates {
            baseline: Some(Baseline::from_evaluation(&base)),
            ..Gates::default()
        };
        let now = eval(&[("a", stage(0, 10, 1, 1)), ("new", stage(5, 10, 0, 1))]);
        let outcome = check(&now, &gates);
        assert!(outcome.passed(), "{outcome:?}");
        assert!(outcome
            .notes
            .iter()
            .any(|n| n.contains("new: not in the baseline")));
        assert!(outcome
            .notes
            .iter()
            .any(|n| n.contains("1 case of the baseline not evaluated")));
    }
}
