//! Hostile input: each case of the README's "Bad input" table, with the
//! outcome it documents.

use std::fs;
use std::path::Path;
use std::time::Instant;

use predicates::prelude::*;

mod common;
use common::{assert_no_temp_files, clean_to, ocrclean};

use ocrclean::invariants::{promises_shape, shape_problem};
use ocrclean::Pipeline;

const PAGE: &str = "园区热点园区热点\n\n本报讯 近日，2024 年湖北\n\n";

fn clean(text: &str) -> String {
    ocrclean::clean_text(text).unwrap()
}

#[test]
fn empty_file_gives_empty_output() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.txt");
    fs::write(&empty, "").unwrap();
    ocrclean()
        .arg("clean")
        .arg(&empty)
        .assert()
        .success()
        .stdout("")
        .stderr("");
    let out = dir.path().join("out.txt");
    clean_to(&empty, &out).success();
    assert_eq!(fs::read(&out).unwrap(), b"");
}

#[test]
fn only_whitespace_gives_only_whitespace_or_nothing() {
    let raw = " \n\t\n\u{3000}\u{00A0}\r\n\n  \n";
    let out = ocrclean()
        .arg("clean")
        .write_stdin(raw)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8(out).unwrap();
    assert!(out.chars().all(char::is_whitespace), "{out:?}");
    if promises_shape(&Pipeline::default()) {
        assert_eq!(out, "");
    }
}

#[test]
fn fifty_megabytes_without_a_newline_finish() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.txt");
    let chunk = "本报讯 近日，西安高新区创建国家未来产业先导区 LED 2024 年 (记者) 60 亿元,";
    let text = chunk.repeat(50 * 1024 * 1024 / chunk.len());
    fs::write(&big, &text).unwrap();
    let start = Instant::now();
    let out = ocrclean().arg("clean").arg(&big).output().unwrap();
    eprintln!(
        "50 MB, one line: {:.1} s (debug build)",
        start.elapsed().as_secs_f64()
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let clean = String::from_utf8(out.stdout).unwrap();
    assert!(clean.len() > text.len() / 2);
    if promises_shape(&Pipeline::default()) {
        assert_eq!(shape_problem(&clean), None);
    }
}

#[test]
fn a_million_one_character_lines_finish() {
    let text = "字\n".repeat(1_000_000);
    let start = Instant::now();
    let out = ocrclean()
        .args(["clean", "--audit"])
        .write_stdin(text)
        .output()
        .unwrap();
    eprintln!(
        "1M one-character lines, audited: {:.1} s (debug build)",
        start.elapsed().as_secs_f64()
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let clean = String::from_utf8(out.stdout).unwrap();
    assert_eq!(clean.chars().filter(|&c| c == '字').count(), 1_000_000);
}

#[test]
fn invalid_utf8_in_the_middle_of_a_big_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("broken.txt");
    let mut bytes = PAGE.repeat(1000).into_bytes();
    let at = bytes.len() / 2;
    let at = (at..).find(|&i| bytes[i] >= 0xE0).unwrap(); // a lead byte
    bytes.remove(at + 1); // a character cut short
    fs::write(&path, &bytes).unwrap();
    ocrclean()
        .arg("clean")
        .arg(&path)
        .assert()
        .code(2)
        .stdout("")
        .stderr(format!(
            "ocrclean: {}: invalid UTF-8 at byte offset {at} (use --encoding to force another encoding, or --lossy to replace bad bytes)\n",
            path.display()
        ));
    ocrclean()
        .args(["clean", "--lossy"])
        .arg(&path)
        .assert()
        .success()
        .stderr(format!(
            "ocrclean: {}: replaced 1 malformed UTF-8 sequence with U+FFFD\n",
            path.display()
        ));
}

#[test]
fn utf16_without_bom_is_detected() {
    let text = "本报讯 近日，西安高新区创建国家未来产业先导区。\n\nLED 2024 年\n";
    let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
    for bytes in [le, be] {
        ocrclean()
            .arg("clean")
            .write_stdin(bytes)
            .assert()
            .success()
            .stdout(clean(text));
    }
}

#[test]
fn nul_bytes_are_refused_as_binary_even_with_lossy() {
    let bytes = b"\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x03\x00>\x00".to_vec();
    for lossy in [false, true] {
        let mut cmd = ocrclean();
        cmd.arg("clean");
        if lossy {
            cmd.arg("--lossy");
        }
        cmd.write_stdin(bytes.clone())
            .assert()
            .code(2)
            .stdout("")
            .stderr("ocrclean: -: binary file (NUL byte at byte offset 7); not text\n");
    }
}

#[cfg(unix)]
#[test]
fn a_symlink_loop_is_reported_and_the_rest_cleaned() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    fs::create_dir(&input).unwrap();
    fs::write(input.join("a.txt"), PAGE).unwrap();
    std::os::unix::fs::symlink(&input, input.join("loop")).unwrap();
    let out = dir.path().join("out");
    clean_to(&input, &out).code(2).stderr(format!(
        "ocrclean: {}: symbolic link loop; skipped\n",
        input.join("loop").display()
    ));
    assert_eq!(fs::read_to_string(out.join("a.txt")).unwrap(), clean(PAGE));
}

#[cfg(unix)]
#[test]
fn an_unreadable_entry_among_readable_files() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    fs::create_dir(&input).unwrap();
    fs::write(input.join("a.txt"), PAGE).unwrap();
    fs::write(input.join("c.txt"), PAGE).unwrap();
    // Tests run as root, where permissions do not stop reading: a dangling
    // symlink is an entry that cannot be read whoever runs.
    std::os::unix::fs::symlink(dir.path().join("gone"), input.join("b.txt")).unwrap();
    // A FIFO is not a regular file: skipped when walking (never read: it
    // would block).
    let fifo = input.join("pipe.txt");
    let made_fifo = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .is_ok_and(|s| s.success());
    let out = dir.path().join("out");
    clean_to(&input, &out).code(2).stderr(format!(
        "ocrclean: {}: no such file or directory\n",
        input.join("b.txt").display()
    ));
    assert_eq!(fs::read_to_string(out.join("a.txt")).unwrap(), clean(PAGE));
    assert_eq!(fs::read_to_string(out.join("c.txt")).unwrap(), clean(PAGE));
    assert!(!out.join("b.txt").exists());
    if made_fifo {
        assert!(!out.join("pipe.txt").exists());
    }
    // A file without read permission, where permissions apply (not as root).
    let locked = input.join("locked.txt");
    fs::write(&locked, PAGE).unwrap();
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o000)).unwrap();
    if fs::read(&locked).is_ok() {
        eprintln!("permission case skipped: running as root, mode 000 is still readable");
        return;
    }
    ocrclean()
        .arg("clean")
        .arg(&locked)
        .arg(input.join("a.txt"))
        .assert()
        .code(2)
        .stdout(clean(PAGE))
        .stderr(format!(
            "ocrclean: {}: permission denied\n",
            locked.display()
        ));
}

#[test]
fn an_output_directory_inside_the_input_directory() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    fs::create_dir(&input).unwrap();
    fs::write(input.join("a.txt"), PAGE).unwrap();
    let out = input.join("out");
    // Twice: the second run must not pick up what the first one wrote.
    for _ in 0..2 {
        clean_to(&input, &out).success().stderr("");
    }
    assert!(out.join("a.txt").is_file());
    assert!(!out.join("out").exists());
    // The input directory itself (or a parent of it) as the output: refused.
    for target in [input.clone(), dir.path().to_path_buf()] {
        clean_to(&input, &target)
            .code(2)
            .stderr(predicate::str::contains(
                "output directory contains the input directory",
            ));
    }
    assert_eq!(fs::read_to_string(input.join("a.txt")).unwrap(), PAGE);
}

#[test]
fn a_file_given_as_its_own_output_is_cleaned_in_place() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a.txt");
    fs::write(&file, PAGE).unwrap();
    clean_to(&file, &file).success();
    assert_eq!(fs::read_to_string(&file).unwrap(), clean(PAGE));
    assert_no_temp_files(dir.path());
}

#[test]
fn the_same_file_twice_is_cleaned_once() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    fs::create_dir(&input).unwrap();
    let a = input.join("a.txt");
    fs::write(&a, PAGE).unwrap();
    ocrclean()
        .arg("clean")
        .arg(&a)
        .arg(input.join(".").join("a.txt"))
        .assert()
        .success()
        .stdout(clean(PAGE));
    // A file named alone and found again in its directory: one output.
    let out = dir.path().join("out");
    ocrclean()
        .arg("clean")
        .arg(&input)
        .arg(&a)
        .arg("-o")
        .arg(&out)
        .assert()
        .success();
    assert_eq!(fs::read_dir(&out).unwrap().count(), 1);
    // Two different files that would land on the same output: the second
    // is refused, nothing is overwritten.
    let other = dir.path().join("other");
    fs::create_dir(&other).unwrap();
    fs::write(other.join("a.txt"), "另一个\n").unwrap();
    let out2 = dir.path().join("out2");
    ocrclean()
        .arg("clean")
        .arg(&a)
        .arg(other.join("a.txt"))
        .arg("-o")
        .arg(&out2)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("same output file"));
    assert_eq!(fs::read_to_string(out2.join("a.txt")).unwrap(), clean(PAGE));
}

#[test]
fn a_full_disk_leaves_no_partial_output() {
    // A 64 KiB tmpfs, where mounting is allowed; the failing-writer unit test
    // in src/io.rs covers the same path everywhere.
    let dir = tempfile::tempdir().unwrap();
    let disk = dir.path().join("disk");
    fs::create_dir(&disk).unwrap();
    let mounted = std::process::Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=64k", "tmpfs"])
        .arg(&disk)
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !mounted {
        eprintln!("skipped: cannot mount a tmpfs here");
        return;
    }
    let input = dir.path().join("big.txt");
    fs::write(&input, "本报讯 近日，西安高新区。\n".repeat(20_000)).unwrap();
    let target = disk.join("out.txt");
    let result = clean_to(&input, &target);
    let leftovers: Vec<_> = fs::read_dir(&disk)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    let _ = std::process::Command::new("umount").arg(&disk).status();
    result.code(2).stderr(format!(
        "ocrclean: {}: No space left on device\n",
        target.display()
    ));
    assert!(leftovers.is_empty(), "left behind: {leftovers:?}");
    assert!(Path::new(&input).is_file());
}
