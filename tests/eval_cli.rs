//! `ocrclean eval` end to end: formats, differences, and gates that exit 1
//! with reasons on a deliberately worsened run. The cases are built in a
//! temporary directory and worsened by editing files, never by relying on
//! what a particular pass does, so these tests hold whatever passes exist.

use std::fs;
use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

const EXPECTED_A: &str = "园区热点\n本报讯 近日，西安高新区创建国家未来产业先导区。\n该项目建成后预计年产值可达到1.4亿元。\n";
const RAW_A: &str = "园区热点\n\n本报讯 近日，西安高新区创建国家未来\n产业先导区。\n\n该项目建成后预计年产值可达到1.4亿元。\n";
const EXPECTED_B: &str = "随州高新区：\n总投资额约60亿元5项目签约\n";

fn ocrclean(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("ocrclean").unwrap();
    cmd.current_dir(dir);
    cmd
}

/// `golden/set/{a,b}` in a fresh temporary directory.
fn golden() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let set = dir.path().join("golden").join("set");
    fs::create_dir_all(&set).unwrap();
    fs::write(set.join("a.raw.txt"), RAW_A).unwrap();
    fs::write(set.join("a.expected.txt"), EXPECTED_A).unwrap();
    fs::write(set.join("b.raw.txt"), EXPECTED_B).unwrap();
    fs::write(set.join("b.expected.txt"), EXPECTED_B).unwrap();
    dir
}

/// [`golden`], where case `b`'s expected file wants a line break that its
/// raw text lacks (a headline run into its subheading; no pass splits
/// after `：`).
fn golden_with_a_difference() -> tempfile::TempDir {
    let dir = golden();
    fs::write(
        dir.path().join("golden/set/b.raw.txt"),
        "随州高新区：总投资额约60亿元5项目签约\n",
    )
    .unwrap();
    dir
}

fn json_of(output: &[u8]) -> Value {
    serde_json::from_slice(output).expect("valid JSON")
}

#[test]
fn text_report_has_a_table_per_case_and_a_total() {
    let dir = golden();
    ocrclean(dir.path())
        .arg("eval")
        .assert()
        .success()
        .stdout(predicate::str::contains("golden/set/a"))
        .stdout(predicate::str::contains("golden/set/b"))
        .stdout(predicate::str::contains("TOTAL  2 cases"))
        .stdout(predicate::str::contains("break F1"))
        .stdout(predicate::str::contains("\x1b[").not());
}

#[test]
fn json_has_raw_then_every_pass() {
    let dir = golden();
    let out = ocrclean(dir.path())
        .args(["eval", "golden", "--format", "json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let json = json_of(&out.stdout);
    let passes = json["passes"].as_array().unwrap().len();
    assert!(passes >= 1);
    let stages = json["total"]["stages"].as_array().unwrap();
    assert_eq!(stages.len(), passes + 1);
    assert_eq!(stages[0]["stage"], "raw");
    assert!(stages[0]["edits"].is_null());
    assert!(stages[1]["edits"]["changed"].is_u64());
    // Case a as extracted: one wrong break inside a paragraph and two blank
    // lines, i.e. three extra line breaks.
    let a = &json["cases"][0];
    assert_eq!(a["name"], "golden/set/a");
    let raw = &a["stages"][0];
    assert_eq!(raw["distance"], 3);
    assert_eq!(raw["breaks_expected"], 2);
    assert_eq!(raw["breaks_output"], 3);
    assert_eq!(raw["breaks_matched"], 2);
    assert_eq!(raw["lines_exact_count"], 2);
    // Case b is already clean.
    assert_eq!(json["cases"][1]["stages"][0]["cer"], 0.0);
}

#[test]
fn markdown_starts_with_the_totals() {
    let dir = golden();
    ocrclean(dir.path())
        .args(["eval", "--format", "markdown"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with("### ocrclean eval: 2 cases"))
        .stdout(predicate::str::contains("| raw |"));
}

#[test]
fn diff_shows_windows_with_line_numbers_and_break_marks() {
    let dir = golden_with_a_difference();
    let out = ocrclean(dir.path())
        .args(["eval", "golden/set/b.raw.txt", "--diff", "--context", "3"])
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.contains("L1  新区：{+⏎+}总投资"), "{stdout}");
    let coloured = ocrclean(dir.path())
        .args([
            "--color",
            "always",
            "eval",
            "golden/set/b.raw.txt",
            "--diff",
        ])
        .output()
        .unwrap();
    let coloured = String::from_utf8(coloured.stdout).unwrap();
    assert!(coloured.contains("\x1b[1;32m⏎\x1b[0m"), "{coloured}");
}

#[test]
fn github_format_annotates_the_expected_files() {
    let dir = golden_with_a_difference();
    let set = dir.path().join("golden").join("set");
    ocrclean(dir.path())
        .args(["eval", "golden", "--format", "github"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with(
            "::notice title=ocrclean eval::2 cases: CER ",
        ))
        .stdout(predicate::str::contains(
            "::notice file=golden/set/b.expected.txt,line=1,title=ocrclean%3A output differs \
             from the expected text::",
        ))
        .stdout(predicate::str::contains("file=golden/set/a.expected.txt").not());
    // A failed gate is an error annotation on the case's expected file.
    ocrclean(dir.path())
        .args(["eval", "golden", "--write-baseline", "baseline.json"])
        .assert()
        .success();
    fs::write(set.join("a.raw.txt"), RAW_A.replace("先导区", "先导区§§§§")).unwrap();
    ocrclean(dir.path())
        .args(["eval", "golden", "--format", "github", "--baseline", "baseline.json"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("; gate failed"))
        .stdout(predicate::str::contains(
            "::error title=ocrclean eval%3A cer worse than allowed,file=golden/set/a.expected.txt::",
        ));
}

#[test]
fn baseline_gate_fails_on_a_worsened_case_and_names_it() {
    let dir = golden();
    ocrclean(dir.path())
        .args(["eval", "golden", "--write-baseline", "baseline.json"])
        .assert()
        .success();
    let baseline: Value =
        serde_json::from_str(&fs::read_to_string(dir.path().join("baseline.json")).unwrap())
            .unwrap();
    assert!(baseline["cases"]["golden/set/a"]["cer"].is_f64());
    // Unchanged: the gate passes.
    ocrclean(dir.path())
        .args(["eval", "golden", "--baseline", "baseline.json"])
        .assert()
        .success();
    // Worsen case a: garbage no pass removes.
    let raw = dir.path().join("golden/set/a.raw.txt");
    fs::write(&raw, RAW_A.replace("先导区", "先导区§§§§")).unwrap();
    ocrclean(dir.path())
        .args(["eval", "golden", "--baseline", "baseline.json"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("gate failed"))
        .stderr(predicate::str::contains("golden/set/a: CER"))
        .stderr(predicate::str::contains("baseline"))
        .stderr(predicate::str::contains("golden/set/b").not());
    // A generous tolerance lets it through.
    ocrclean(dir.path())
        .args(["eval", "--baseline", "baseline.json", "--tolerance", "50%"])
        .assert()
        .success();
    // The baseline itself never changed.
    let again: Value =
        serde_json::from_str(&fs::read_to_string(dir.path().join("baseline.json")).unwrap())
            .unwrap();
    assert_eq!(baseline, again);
}

#[test]
fn baseline_gate_fails_when_an_expected_file_moves() {
    let dir = golden();
    ocrclean(dir.path())
        .args(["eval", "--write-baseline", "baseline.json"])
        .assert()
        .success();
    // Case b's expected file now wants a line break the raw file lacks.
    let expected = dir.path().join("golden/set/b.expected.txt");
    fs::write(&expected, EXPECTED_B.replace("约60", "约\n60")).unwrap();
    let out = ocrclean(dir.path())
        .args(["eval", "--baseline", "baseline.json", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let json = json_of(&out.stdout);
    assert_eq!(json["gate"]["passed"], false);
    let failures = json["gate"]["failures"].as_array().unwrap();
    assert!(failures
        .iter()
        .any(|f| f["case"] == "golden/set/b" && f["metric"] == "break_f1"));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("golden/set/b: break F1"), "{stderr}");
}

#[test]
fn threshold_gates_apply_to_the_total() {
    let dir = golden();
    let set = dir.path().join("golden").join("set");
    // Garbage no pass removes: the final CER cannot be zero.
    fs::write(set.join("b.raw.txt"), EXPECTED_B.replace("签约", "签约§")).unwrap();
    ocrclean(dir.path())
        .args(["eval", "--max-cer", "0"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("total: CER"))
        .stderr(predicate::str::contains("golden/set/b: 1 edits"));
    ocrclean(dir.path())
        .args(["eval", "--max-cer", "50%"])
        .assert()
        .success();
    // A paragraph break no pass can know about.
    fs::write(
        set.join("b.expected.txt"),
        EXPECTED_B.replace("约60", "约\n60"),
    )
    .unwrap();
    fs::write(set.join("b.raw.txt"), EXPECTED_B).unwrap();
    ocrclean(dir.path())
        .args(["eval", "--min-break-f1", "1"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("total: break F1"));
}

#[test]
fn legacy_encodings_are_decoded() {
    let dir = tempfile::tempdir().unwrap();
    let set = dir.path().join("enc");
    fs::create_dir_all(&set).unwrap();
    let (gb, _, _) = encoding_rs::GB18030.encode(EXPECTED_A);
    fs::write(set.join("gb.raw.txt"), &gb).unwrap();
    fs::write(set.join("gb.expected.txt"), EXPECTED_A).unwrap();
    let mut utf16 = vec![0xFF, 0xFE];
    for unit in EXPECTED_A.encode_utf16() {
        utf16.extend_from_slice(&unit.to_le_bytes());
    }
    fs::write(set.join("u16.raw.txt"), &utf16).unwrap();
    fs::write(set.join("u16.expected.txt"), EXPECTED_A).unwrap();
    let out = ocrclean(dir.path())
        .args(["eval", "enc", "--format", "json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let json = json_of(&out.stdout);
    for case in json["cases"].as_array().unwrap() {
        assert_eq!(case["stages"][0]["distance"], 0, "{}", case["name"]);
    }
}

#[test]
fn missing_files_and_unknown_passes_are_input_errors() {
    let dir = golden();
    // A raw file without an expected file is evidence, not a case: noted.
    fs::write(dir.path().join("golden/set/lonely.raw.txt"), "x").unwrap();
    ocrclean(dir.path())
        .arg("eval")
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "skipped 1 raw file without an expected file",
        ));
    // Named directly, it is an error; so is an expected file without raw.
    ocrclean(dir.path())
        .args(["eval", "golden/set/lonely.raw.txt"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("lonely.raw.txt: no expected file"));
    fs::write(dir.path().join("golden/set/orphan.expected.txt"), "x").unwrap();
    ocrclean(dir.path())
        .arg("eval")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("orphan.expected.txt: no raw file"));
    ocrclean(dir.path())
        .args(["eval", "nowhere"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("nowhere"));
    ocrclean(dir.path())
        .args(["eval", "--skip", "no-such-pass"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown pass"));
}

#[test]
fn pass_selection_narrows_the_stages() {
    let dir = golden();
    let all = json_of(
        &ocrclean(dir.path())
            .args(["eval", "--format", "json"])
            .output()
            .unwrap()
            .stdout,
    );
    let first = all["passes"][0].as_str().unwrap().to_string();
    let only = json_of(
        &ocrclean(dir.path())
            .args(["eval", "--format", "json", "--until", &first])
            .output()
            .unwrap()
            .stdout,
    );
    assert_eq!(only["passes"], serde_json::json!([first]));
    assert_eq!(only["total"]["stages"].as_array().unwrap().len(), 2);
    let none = json_of(
        &ocrclean(dir.path())
            .args(["eval", "--format", "json", "--skip", &first])
            .output()
            .unwrap()
            .stdout,
    );
    assert!(!none["passes"]
        .as_array()
        .unwrap()
        .iter()
        .any(|p| p == first.as_str()));
}
