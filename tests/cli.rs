//! The `ocrclean` command line, end to end: inputs (stdin, `-`, files,
//! directories mirrored with `-o`), exit codes and the one-line error
//! format, a closed pipe, an output that cannot be written, decoding options
//! and encodings, `--audit` and `--edits json`.

use std::fs;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::Stdio;

use predicates::prelude::*;

mod common;
use common::{assert_no_temp_files, clean_to, ocrclean};

fn golden(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("golden")
        .join(rel)
}

fn seeds() -> Vec<PathBuf> {
    let mut seeds: Vec<PathBuf> = fs::read_dir(golden("seeds"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().ends_with(".raw.txt"))
        .collect();
    seeds.sort();
    seeds
}

fn stdout_of(args: &[&std::ffi::OsStr]) -> Vec<u8> {
    let out = ocrclean().args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

const PAGE: &str = "园区热点园区热点\n\n本报讯 近日，2024 年湖北\n\n";

#[test]
fn stdin_with_no_path_and_with_dash() {
    let expected = ocrclean::clean_text(PAGE).unwrap();
    for args in [&[][..], &["-"][..]] {
        ocrclean()
            .arg("clean")
            .args(args)
            .write_stdin(PAGE)
            .assert()
            .success()
            .stdout(expected.clone())
            .stderr("");
    }
}

#[test]
fn a_file_to_stdout_and_to_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("page.txt");
    fs::write(&input, PAGE).unwrap();
    let expected = ocrclean::clean_text(PAGE).unwrap();
    ocrclean()
        .arg("clean")
        .arg(&input)
        .assert()
        .success()
        .stdout(expected.clone());
    let out = dir.path().join("clean.txt");
    clean_to(&input, &out).success().stdout("");
    assert_eq!(fs::read_to_string(&out).unwrap(), expected);
    assert_no_temp_files(dir.path());
}

#[test]
fn a_directory_is_mirrored_under_o() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    fs::create_dir_all(input.join("a/b")).unwrap();
    fs::write(input.join("top.txt"), PAGE).unwrap();
    fs::write(input.join("a/one.txt"), PAGE).unwrap();
    fs::write(input.join("a/b/two.txt"), "二\n").unwrap();
    fs::write(input.join("a/notes.md"), "not text to clean").unwrap();
    let out = dir.path().join("out");
    clean_to(&input, &out).success();
    let mut written: Vec<String> = walkdir::WalkDir::new(&out)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| e.path().strip_prefix(&out).unwrap().display().to_string())
        .collect();
    written.sort();
    assert_eq!(written, ["a/b/two.txt", "a/one.txt", "top.txt"]);
    let expected = ocrclean::clean_text(PAGE).unwrap();
    assert_eq!(fs::read_to_string(out.join("a/one.txt")).unwrap(), expected);
    // --glob picks other names.
    let out_md = dir.path().join("out-md");
    ocrclean()
        .arg("clean")
        .arg(&input)
        .args(["--glob", "*.md", "-o"])
        .arg(&out_md)
        .assert()
        .success();
    assert!(out_md.join("a/notes.md").is_file());
    assert!(!out_md.join("top.txt").exists());
    assert_no_temp_files(dir.path());
}

#[test]
fn errors_are_one_line_and_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("missing.txt");
    ocrclean()
        .arg("clean")
        .arg(&missing)
        .assert()
        .code(2)
        .stdout("")
        .stderr(format!(
            "ocrclean: {}: no such file or directory\n",
            missing.display()
        ));
    ocrclean()
        .args(["clean", "--skip", "nope"])
        .write_stdin("x")
        .assert()
        .code(2)
        .stderr(
            predicate::str::starts_with("ocrclean: usage: unknown pass `nope`")
                .and(predicate::function(|s: &str| s.lines().count() == 1)),
        );
    ocrclean()
        .args(["clean", "--encoding", "klingon"])
        .write_stdin("x")
        .assert()
        .code(2)
        .stderr("ocrclean: usage: unknown encoding `klingon`\n");
    // A bad flag is a usage error too (clap's own message, exit 2).
    ocrclean()
        .args(["clean", "--no-such-flag"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--no-such-flag"));
    // The good inputs of a run are still cleaned when one is missing.
    let good = dir.path().join("good.txt");
    fs::write(&good, PAGE).unwrap();
    ocrclean()
        .arg("clean")
        .arg(&missing)
        .arg(&good)
        .assert()
        .code(2)
        .stdout(ocrclean::clean_text(PAGE).unwrap());
}

#[test]
fn a_failed_check_exits_1() {
    // `eval` gates: a case whose expected text the pipeline cannot reach.
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("same.raw.txt"), "甲乙。\n").unwrap();
    fs::write(dir.path().join("same.expected.txt"), "甲乙。\n").unwrap();
    ocrclean()
        .arg("eval")
        .arg(dir.path())
        .args(["--max-cer", "0"])
        .assert()
        .success();
    fs::write(dir.path().join("other.raw.txt"), "甲乙。\n").unwrap();
    fs::write(dir.path().join("other.expected.txt"), "丙丁。\n").unwrap();
    ocrclean()
        .arg("eval")
        .arg(dir.path())
        .args(["--max-cer", "0"])
        .assert()
        .code(1);
    // `clean --audit` exits 1 on a violation; no built-in pass makes one, so
    // the injected bad passes of src/audit/tests.rs cover that path.
}

#[test]
fn help_and_version_exit_0() {
    ocrclean()
        .arg("--help")
        .assert()
        .success()
        .stdout(predicate::str::contains("Examples:"));
    ocrclean()
        .args(["clean", "--help"])
        .assert()
        .success()
        .stdout(predicate::str::contains("--audit").and(predicate::str::contains("--edits")));
    ocrclean()
        .arg("--version")
        .assert()
        .success()
        .stdout(predicate::str::starts_with("ocrclean "));
    ocrclean()
        .arg("passes")
        .assert()
        .success()
        .stdout(predicate::str::contains("normalize"));
}

#[test]
fn a_closed_pipe_ends_the_run_quietly() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.txt");
    // Several MB of output: far more than a pipe holds.
    let paragraph = "本报讯 近日，西安高新区创建国家未来产业先导区。\n".repeat(4);
    fs::write(&big, paragraph.repeat(20_000)).unwrap();
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("ocrclean"))
        .arg("clean")
        .arg(&big)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    assert!(!first.is_empty());
    // The reader is gone (like `| head -1`).
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "status {:?}: {stderr}", out.status);
    assert_eq!(stderr, "");
}

#[test]
fn an_output_that_cannot_be_written_fails_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("page.txt");
    fs::write(&input, PAGE).unwrap();
    // Running as root, a chmod'ed directory is still writable: write under a
    // regular file instead, and under /proc, where nothing can be created.
    let blocker = dir.path().join("blocker");
    fs::write(&blocker, "a regular file").unwrap();
    for target in [
        blocker.join("out.txt"),
        PathBuf::from("/proc/ocrclean-test-out.txt"),
    ] {
        clean_to(&input, &target).code(2).stdout("").stderr(
            predicate::str::starts_with(format!("ocrclean: {}: ", target.display()))
                .and(predicate::function(|s: &str| s.lines().count() == 1)),
        );
        assert!(!target.exists());
    }
    // A directory tree whose output directory cannot be created.
    let tree = dir.path().join("tree");
    fs::create_dir(&tree).unwrap();
    fs::write(tree.join("a.txt"), PAGE).unwrap();
    clean_to(&tree, blocker.join("out"))
        .code(2)
        .stderr(predicate::str::starts_with("ocrclean: "));
    assert_eq!(fs::read_to_string(&blocker).unwrap(), "a regular file");
    assert_no_temp_files(dir.path());
}

#[test]
fn invalid_utf8_exits_2_with_the_offset_unless_lossy() {
    let mut bytes = "本报讯 近日，西安高新区".as_bytes().to_vec();
    let cut = "本报讯 近日，".len();
    bytes.remove(cut + 1); // break 西 in the middle
    ocrclean()
        .arg("clean")
        .write_stdin(bytes.clone())
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::starts_with(format!(
            "ocrclean: -: invalid UTF-8 at byte offset {cut} "
        )));
    ocrclean()
        .args(["clean", "--lossy"])
        .write_stdin(bytes)
        .assert()
        .success()
        .stdout(predicate::str::contains('\u{FFFD}'))
        .stderr("ocrclean: -: replaced 1 malformed UTF-8 sequence with U+FFFD\n");
}

#[test]
fn encoding_can_be_forced() {
    let text = "中文报纸，今天。\n";
    let (gbk, _, _) = encoding_rs::GBK.encode(text);
    let expected = ocrclean::clean_text(text).unwrap();
    ocrclean()
        .args(["clean", "--encoding", "gbk"])
        .write_stdin(gbk.to_vec())
        .assert()
        .success()
        .stdout(expected);
    // Forced to the wrong encoding: the bytes do not decode.
    ocrclean()
        .args(["clean", "--encoding", "utf-8"])
        .write_stdin(gbk.to_vec())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("invalid UTF-8 at byte offset 0"));
}

fn utf16_with_bom(text: &str, big_endian: bool) -> Vec<u8> {
    let mut bytes = if big_endian {
        vec![0xFE, 0xFF]
    } else {
        vec![0xFF, 0xFE]
    };
    for unit in text.encode_utf16() {
        bytes.extend(if big_endian {
            unit.to_be_bytes()
        } else {
            unit.to_le_bytes()
        });
    }
    bytes
}

#[test]
fn every_seed_cleans_identically_in_every_encoding() {
    let dir = tempfile::tempdir().unwrap();
    let mut big5_seeds = 0;
    for seed in seeds() {
        let text = fs::read_to_string(&seed).unwrap();
        let reference = stdout_of(&["clean".as_ref(), seed.as_os_str()]);
        let mut variants: Vec<(&str, Vec<u8>)> = vec![
            ("gb18030", encoding_rs::GB18030.encode(&text).0.into_owned()),
            ("utf-16le", utf16_with_bom(&text, false)),
            ("utf-16be", utf16_with_bom(&text, true)),
            (
                "utf-8-bom",
                [&b"\xEF\xBB\xBF"[..], text.as_bytes()].concat(),
            ),
        ];
        let (big5, _, unmappable) = encoding_rs::BIG5.encode(&text);
        if !unmappable {
            variants.push(("big5", big5.into_owned()));
            big5_seeds += 1;
        }
        for (name, bytes) in variants {
            let path = dir.path().join(format!("seed.{name}.txt"));
            fs::write(&path, bytes).unwrap();
            let out = stdout_of(&["clean".as_ref(), path.as_os_str()]);
            assert!(
                out == reference,
                "{} as {name} cleans differently",
                seed.display()
            );
        }
    }
    // The simplified-Chinese seeds are not representable in Big5; the Big5
    // golden case stands in for them.
    let big5 = golden("cases/encoding-big5.raw.txt");
    let bytes = fs::read(&big5).unwrap();
    let (text, _, malformed) = encoding_rs::BIG5.decode(&bytes);
    assert!(!malformed);
    let utf8 = dir.path().join("big5-as-utf8.txt");
    fs::write(&utf8, text.as_bytes()).unwrap();
    assert_eq!(
        stdout_of(&["clean".as_ref(), big5.as_os_str()]),
        stdout_of(&["clean".as_ref(), utf8.as_os_str()]),
        "Big5 case ({big5_seeds} seeds were representable in Big5)"
    );
}

#[test]
fn the_encoding_cases_clean_like_their_utf8_text() {
    for case in [
        "gb18030",
        "big5",
        "utf16le-bom",
        "utf16be-bom",
        "utf8-bom",
        "utf8-crlf",
    ] {
        let raw = golden(&format!("cases/encoding-{case}.raw.txt"));
        let bytes = fs::read(&raw).unwrap();
        let decoded = ocrclean::decode(&bytes, &Default::default()).unwrap();
        ocrclean()
            .arg("clean")
            .arg(&raw)
            .assert()
            .success()
            .stdout(ocrclean::clean_text(&decoded.text).unwrap());
    }
}

#[test]
fn audit_passes_on_the_seeds_and_edits_json_lists_every_edit() {
    let dir = tempfile::tempdir().unwrap();
    let edits = dir.path().join("edits.jsonl");
    let mut args: Vec<std::ffi::OsString> = vec!["clean".into(), "-q".into(), "--audit".into()];
    args.extend(seeds().into_iter().map(Into::into));
    args.extend([
        "--edits".into(),
        "json".into(),
        "--edits-file".into(),
        edits.clone().into(),
    ]);
    ocrclean().args(&args).assert().success().stderr("");
    let jsonl = fs::read_to_string(&edits).unwrap();
    let mut count = 0;
    for line in jsonl.lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        for key in [
            "file", "pass", "kind", "reason", "line", "column", "old", "new",
        ] {
            assert!(v.get(key).is_some(), "{key} missing in {line}");
        }
        count += 1;
    }
    // Exactly one line per edit of the runs.
    let expected: usize = seeds()
        .iter()
        .map(|s| {
            let raw = fs::read_to_string(s).unwrap();
            let run = ocrclean::Pipeline::default()
                .run(&raw, &Default::default())
                .unwrap();
            run.records.iter().map(|r| r.edits.len()).sum::<usize>()
        })
        .sum();
    assert_eq!(count, expected);
    // Without --edits-file the lines go to stderr; positions are raw ones.
    ocrclean()
        .args(["clean", "--edits", "json"])
        .write_stdin("a\r\nＢ\n")
        .assert()
        .success()
        .stderr(predicate::str::contains(
            r#""pass":"normalize","kind":"normalize","reason":"full-width letter or digit to ASCII","line":2,"column":1,"old":"Ｂ","new":"B""#,
        ));
}

#[test]
fn audit_and_edits_json_on_jsonl_records() {
    // Each record's edits are labelled `FILE:LINE`; stdout stays JSONL.
    ocrclean()
        .args(["clean", "-q", "--jsonl", "--audit", "--edits", "json"])
        .write_stdin("{\"id\":1,\"text\":\"园区热点园区热点\"}\n{\"id\":2,\"text\":\"二\\n\"}\n")
        .assert()
        .success()
        .stdout("{\"id\":1,\"text\":\"园区热点\\n\"}\n{\"id\":2,\"text\":\"二\\n\"}\n")
        .stderr(predicate::function(|s: &str| {
            let lines: Vec<serde_json::Value> = s
                .lines()
                .map(|l| serde_json::from_str(l).unwrap())
                .collect();
            lines
                .iter()
                .any(|v| v["file"] == "-:1" && v["pass"] == "undouble")
                && lines.iter().all(|v| v["file"] == "-:1")
        }));
}
