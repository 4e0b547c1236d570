//! Corpus runs through the binary: directories in parallel (`-j`), bad files,
//! JSON Lines, summaries. None of these tests is timed.

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;

fn ocrclean() -> Command {
    Command::cargo_bin("ocrclean").expect("the ocrclean binary")
}

fn seeds() -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("golden/seeds");
    let mut seeds: Vec<(String, String)> = fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| {
            let path = e.ok()?.path();
            let name = path
                .file_name()?
                .to_str()?
                .strip_suffix(".raw.txt")?
                .to_string();
            Some((name, fs::read_to_string(&path).ok()?))
        })
        .collect();
    seeds.sort();
    seeds
}

/// A directory of 60 documents in nested folders: the seeds, cut at
/// different places, some with CRLF line ends, one in GB18030.
fn corpus(dir: &Path) -> Vec<PathBuf> {
    let seeds = seeds();
    let mut files = Vec::new();
    for i in 0..60 {
        let (name, text) = &seeds[i % seeds.len()];
        let cut = text
            .char_indices()
            .map(|(at, _)| at)
            .nth(i * 97 % 4000)
            .unwrap_or(text.len());
        let mut text = text[cut..].to_string();
        if i % 7 == 3 {
            text = text.replace('\n', "\r\n");
        }
        let bytes = if i == 11 {
            encoding_rs::GB18030.encode(&text).0.into_owned()
        } else {
            text.into_bytes()
        };
        let path = dir.join(format!("part{}/{i:03}_{name}.txt", i % 4));
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(&path, bytes).unwrap();
        files.push(path);
    }
    files
}

/// Every file under `dir`, relative path and contents, sorted.
fn tree(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files: Vec<_> = walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path().strip_prefix(dir).unwrap().to_path_buf(),
                fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    files.sort();
    files
}

#[test]
fn output_does_not_depend_on_jobs() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    let files = corpus(&input);
    let mut trees = Vec::new();
    for jobs in ["1", "4"] {
        let out = tmp.path().join(format!("out{jobs}"));
        ocrclean()
            .args(["clean", "-q", "-j", jobs])
            .arg(&input)
            .arg("-o")
            .arg(&out)
            .assert()
            .success();
        trees.push(tree(&out));
    }
    assert_eq!(trees[0].len(), 60);
    assert!(trees[0] == trees[1], "-j 1 and -j 4 wrote different trees");

    // Several inputs to stdout: input order, whatever -j, and the same
    // bytes as cleaning each file alone.
    let mut expected = Vec::new();
    for file in &files {
        let out = ocrclean().arg("clean").arg(file).output().unwrap();
        expected.extend(out.stdout);
    }
    for jobs in ["1", "4"] {
        let out = ocrclean()
            .args(["clean", "-q", "-j", jobs])
            .args(&files)
            .output()
            .unwrap();
        assert!(out.status.success());
        assert!(
            out.stdout == expected,
            "-j {jobs}: stdout differs from the files cleaned one by one"
        );
    }
}

#[test]
fn a_bad_file_is_reported_and_the_others_finish() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    corpus(&input);
    fs::write(
        input.join("part0/050_binary.txt"),
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR",
    )
    .unwrap();
    let mut broken = "本报讯 近日，西安高新区创建国家未来产业先导区。"
        .repeat(20)
        .into_bytes();
    broken.insert(40, 0xFF);
    fs::write(input.join("part1/051_broken.txt"), broken).unwrap();
    let out = tmp.path().join("out");
    let run = ocrclean()
        .args(["clean", "-j", "2"])
        .arg(&input)
        .arg("-o")
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(2));
    let stderr = String::from_utf8(run.stderr).unwrap();
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 3, "{stderr}");
    // In input order (sorted paths), each naming its file and cause.
    assert!(
        lines[0].starts_with("ocrclean: ") && lines[0].contains("050_binary.txt: binary file"),
        "{stderr}"
    );
    assert!(
        lines[1].contains("051_broken.txt: invalid UTF-8 at byte offset 40"),
        "{stderr}"
    );
    assert!(
        lines[2].starts_with("ocrclean: 60 files cleaned, 2 failed; "),
        "{stderr}"
    );
    assert!(lines[2].ends_with(" MB/s)"), "{stderr}");
    assert_eq!(tree(&out).len(), 60);
    assert!(!out.join("part0/050_binary.txt").exists());

    // --quiet: no summary, errors still there.
    let run = ocrclean()
        .args(["clean", "-q"])
        .arg(&input)
        .arg("-o")
        .arg(tmp.path().join("out2"))
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(2));
    assert_eq!(String::from_utf8(run.stderr).unwrap().lines().count(), 2);
}

#[test]
fn one_file_has_no_summary() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("a.txt");
    fs::write(&file, "本报讯\n").unwrap();
    ocrclean()
        .arg("clean")
        .arg(&file)
        .assert()
        .success()
        .stderr("");
}

const RECORDS: &str = concat!(
    r#"{"id":7,"text":"ＡＢＣ１２３\r\n本报讯","meta":{"text":"ＡＢ","n":1.50e3},"tags":["\u00e9",null]}"#,
    "\n",
    r#"  {"url" : "http://x/\u4e2d" , "text" : "谢谢\u3002" }  "#,
    "\n",
    "\n",
    r#"{"text":"","z":true}"#,
    "\n",
);

const CLEANED: &str = concat!(
    r#"{"id":7,"text":"ABC123\n本报讯","meta":{"text":"ＡＢ","n":1.50e3},"tags":["\u00e9",null]}"#,
    "\n",
    r#"  {"url" : "http://x/\u4e2d" , "text" : "谢谢。" }  "#,
    "\n",
    "\n",
    r#"{"text":"","z":true}"#,
    "\n",
);

#[test]
fn jsonl_cleans_one_field_and_keeps_the_rest_byte_for_byte() {
    // Only `normalize`, so that the expected text does not depend on the
    // other passes: this test is about the record, not the cleaning.
    ocrclean()
        .args(["clean", "--jsonl", "--passes", "normalize"])
        .write_stdin(RECORDS)
        .assert()
        .success()
        .stdout(CLEANED)
        .stderr(predicates::str::starts_with(
            "ocrclean: 3 records cleaned; ",
        ));

    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in.jsonl");
    let output = tmp.path().join("out.jsonl");
    fs::write(&input, RECORDS).unwrap();
    ocrclean()
        .args(["clean", "-q", "--jsonl", "--passes", "normalize", "-j", "2"])
        .arg(&input)
        .arg("-o")
        .arg(&output)
        .assert()
        .success()
        .stderr("");
    assert_eq!(fs::read_to_string(&output).unwrap(), CLEANED);

    // Another field name.
    ocrclean()
        .args([
            "clean",
            "-q",
            "--jsonl",
            "--passes",
            "normalize",
            "--field",
            "body",
        ])
        .write_stdin("{\"text\":\"ＡＢ\",\"body\":\"ＡＢ\"}\n")
        .assert()
        .success()
        .stdout("{\"text\":\"ＡＢ\",\"body\":\"AB\"}\n");
}

#[test]
fn jsonl_with_the_default_pipeline_matches_cleaning_the_text() {
    let mut input = String::new();
    let mut expected = String::new();
    for (i, (name, text)) in seeds().iter().enumerate() {
        let record = serde_json::json!({ "id": i, "name": name, "text": text });
        input.push_str(&record.to_string());
        input.push('\n');
        let cleaned = ocrclean()
            .arg("clean")
            .write_stdin(text.as_str())
            .output()
            .unwrap();
        let record = serde_json::json!({ "id": i, "name": name, "text": String::from_utf8(cleaned.stdout).unwrap() });
        expected.push_str(&record.to_string());
        expected.push('\n');
    }
    for jobs in ["1", "3"] {
        ocrclean()
            .args(["clean", "-q", "--jsonl", "-j", jobs])
            .write_stdin(input.as_str())
            .assert()
            .success()
            .stdout(expected.clone());
    }
}

const WITH_BAD_LINES: &str = concat!(
    "{\"text\":\"ａ\"}\n",
    "{\"text\":\"ｂ\"\n",
    "{\"id\":3}\n",
    "[1,2]\n",
    "{\"text\":3}\n",
    "{\"text\":\"ｃ\"}\n",
);

#[test]
fn jsonl_bad_lines_are_errors_naming_the_line() {
    let run = ocrclean()
        .args(["clean", "--jsonl", "--passes", "normalize"])
        .write_stdin(WITH_BAD_LINES)
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(2));
    assert_eq!(
        String::from_utf8(run.stdout).unwrap(),
        "{\"text\":\"a\"}\n{\"text\":\"c\"}\n"
    );
    let stderr = String::from_utf8(run.stderr).unwrap();
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(
        lines[..4],
        [
            "ocrclean: -:2: invalid JSON: EOF while parsing an object at column 13; line dropped",
            "ocrclean: -:3: no field `text`; line dropped",
            "ocrclean: -:4: an array, not a JSON object; line dropped",
            "ocrclean: -:5: field `text` is a number, not a string; line dropped",
        ],
        "{stderr}"
    );
    assert!(
        lines[4].starts_with("ocrclean: 2 records cleaned, 4 bad dropped; "),
        "{stderr}"
    );

    // A named file is named in the message.
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("docs.jsonl");
    fs::write(&input, WITH_BAD_LINES).unwrap();
    ocrclean()
        .args(["clean", "-q", "--jsonl"])
        .arg(&input)
        .assert()
        .code(2)
        .stderr(predicates::str::contains(format!(
            "ocrclean: {}:3: no field `text`",
            input.display()
        )));
}

#[test]
fn jsonl_keep_bad_passes_bad_lines_through() {
    let run = ocrclean()
        .args(["clean", "--jsonl", "--keep-bad", "--passes", "normalize"])
        .write_stdin(WITH_BAD_LINES)
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(0));
    let expected = WITH_BAD_LINES.replace('ａ', "a").replace('ｃ', "c");
    assert_eq!(String::from_utf8(run.stdout).unwrap(), expected);
    let stderr = String::from_utf8(run.stderr).unwrap();
    assert!(
        stderr.contains("ocrclean: -:3: no field `text`; line kept unchanged"),
        "{stderr}"
    );
    assert!(
        stderr
            .lines()
            .last()
            .unwrap()
            .starts_with("ocrclean: 2 records cleaned, 4 bad kept unchanged; "),
        "{stderr}"
    );
}

#[test]
fn jsonl_directories_are_mirrored() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    fs::create_dir_all(input.join("a")).unwrap();
    fs::write(input.join("a/one.jsonl"), "{\"text\":\"ａ\"}\n").unwrap();
    fs::write(input.join("two.jsonl"), "{\"text\":\"ｂ\"}\n").unwrap();
    fs::write(input.join("skip.txt"), "not picked up").unwrap();
    let out = tmp.path().join("out");
    ocrclean()
        .args(["clean", "-q", "--jsonl", "--passes", "normalize"])
        .arg(&input)
        .arg("-o")
        .arg(&out)
        .assert()
        .success();
    assert_eq!(
        tree(&out),
        [
            (PathBuf::from("a/one.jsonl"), b"{\"text\":\"a\"}\n".to_vec()),
            (PathBuf::from("two.jsonl"), b"{\"text\":\"b\"}\n".to_vec()),
        ]
    );
}

#[test]
fn jsonl_inputs_on_stdout_never_share_a_line() {
    let tmp = tempfile::tempdir().unwrap();
    let (a, b) = (tmp.path().join("a.jsonl"), tmp.path().join("b.jsonl"));
    fs::write(&a, "{\"text\":\"ａ\"}").unwrap(); // no final line end
    fs::write(&b, "{\"text\":\"ｂ\"}").unwrap();
    ocrclean()
        .args(["clean", "-q", "--jsonl", "--passes", "normalize"])
        .arg(&a)
        .arg(&b)
        .assert()
        .success()
        .stdout("{\"text\":\"a\"}\n{\"text\":\"b\"}");
}

#[test]
fn jsonl_options_need_jsonl() {
    ocrclean()
        .args(["clean", "--keep-bad"])
        .write_stdin("x")
        .assert()
        .code(2)
        .stderr("ocrclean: usage: --field and --keep-bad need --jsonl\n");
    ocrclean()
        .args(["clean", "--jsonl", "--encoding", "gbk"])
        .write_stdin("{}")
        .assert()
        .code(2)
        .stderr(predicates::str::contains("do not apply to --jsonl"));
}

#[test]
fn passes_none_writes_the_decoded_text_back() {
    ocrclean()
        .args(["clean", "--passes", "none"])
        .write_stdin("ＡＢ\r\n")
        .assert()
        .success()
        .stdout("ＡＢ\r\n");
}
