use super::*;
use crate::pass::{Pass, PassOutput};

/// (text to find, its replacement, kind)
type Script = Vec<(&'static str, &'static str, EditKind)>;

/// A pass that makes the given edits (spans found by searching the input).
struct Scripted {
    name: &'static str,
    edits: Script,
}

impl Pass for Scripted {
    fn name(&self) -> &'static str {
        self.name
    }
    fn description(&self) -> &'static str {
        "test pass"
    }
    fn run(&self, input: &str, _config: &Config, out: &mut PassOutput) {
        for &(find, replacement, kind) in &self.edits {
            if let Some(at) = input.find(find) {
                out.push(Edit::new(at..at + find.len(), replacement, kind, "test"));
            }
        }
    }
}

fn audit_one(input: &str, edits: Script) -> Vec<Violation> {
    let pipeline = Pipeline::new(vec![Box::new(Scripted {
        name: "scripted",
        edits,
    })]);
    run_audited(&pipeline, input, &Config::default())
        .unwrap()
        .violations
}

use EditKind::*;

#[test]
fn allowed_edits_pass() {
    let cases: &[(&str, Script)] = &[
        ("a\r\nb", vec![("\r", "", Normalize)]),
        ("a\r\nb\rc", vec![("a\r\nb\r", "a\nb\n", Normalize)]),
        (
            "２０２４年\u{3000}Ａ",
            vec![("２０２４年\u{3000}Ａ", "2024年 A", Normalize)],
        ),
        ("本\u{200B}报", vec![("\u{200B}", "", Normalize)]),
        (
            "园区热点园区热点\n",
            vec![("园区热点园区热点", "园区热点", Undouble)],
        ),
        ("园区热点园区热点\n", vec![("园区热点\n", "", Undouble)]),
        (
            "布局布局““六大领域六大领域””",
            vec![("布局布局““六大领域六大领域””", "布局“六大领域”", Undouble)],
        ),
        // A staircase: each removed piece repeats its neighbour.
        (
            "总投资额约\n总投资额约60\n60亿元\n亿元\n",
            vec![(
                "总投资额约\n总投资额约60\n60亿元\n亿元",
                "总投资额约60亿元",
                Undouble,
            )],
        ),
        ("园区热点\n园区热点\n", vec![("\n园区热点", "", Undouble)]),
        ("哈哈哈", vec![("哈哈哈", "哈", Undouble)]),
        // `undouble` compares copies with ASCII punctuation as its
        // full-width form: `：:` is a doubled colon (property finding).
        ("年州年州：:", vec![("年州年州：:", "年州：", Undouble)]),
        ("园区:园区：", vec![("园区:园区：", "园区:", Undouble)]),
        ("一段文字\n\n二段", vec![("\n\n", "", Join)]),
        ("word\nnext", vec![("\n", " ", Join)]),
        ("word \n next", vec![("\n", " ", Join)]),
        ("一段 二段", vec![(" ", "\n", Break)]),
        ("a  b", vec![("  ", " ", Space)]),
        // A join across a float the same pass moves away: the space stands
        // between the letters around the float (found by fuzzing).
        (
            "word\n图片来源：新华社\nnext\n",
            vec![
                ("\n", " ", Join),
                ("图片来源：新华社\n", "", Move),
                ("next\n", "next\n图片来源：新华社\n", Move),
            ],
        ),
        (
            "你好,世界(一)",
            vec![(",", "，", Punct), ("(一)", "（一）", Punct)],
        ),
        (
            "正文图片来源：新华社正文续\n",
            vec![
                ("图片来源：新华社", "", Move),
                ("\n", "\n图片来源：新华社\n", Move),
            ],
        ),
    ];
    for (input, edits) in cases {
        let v = audit_one(input, edits.clone());
        assert!(v.is_empty(), "{input:?} {edits:?}: {v:#?}");
    }
}

#[test]
fn disallowed_edits_are_caught() {
    let cases: &[(&str, Script, &str)] = &[
        ("abc", vec![("b", "", Normalize)], "rule-1"),
        ("a\rb", vec![("\r", "", Normalize)], "rule-1"),
        ("abc", vec![("b", "bb", Normalize)], "inserts"),
        ("六大领域", vec![("大", "", Undouble)], "not a copy"),
        // Trap: other punctuation is no copy of a colon.
        ("年州：;", vec![(";", "", Undouble)], "not a copy"),
        (
            "园区热点",
            vec![("园区热点", "园区热点!", Undouble)],
            "inserts",
        ),
        (
            "一段文字\n二段",
            vec![("字\n", "", Join)],
            "removes non-whitespace",
        ),
        ("2024\n年", vec![("\n", " ", Join)], "not between two Latin"),
        ("ab\ncd", vec![("\n", "  ", Join)], "more than one space"),
        (
            "一段 二段",
            vec![(" ", "\n。", Break)],
            "inserts non-whitespace",
        ),
        ("的确", vec![("的", "地", Space)], "removes non-whitespace"),
        (
            "你好.",
            vec![(".", "。", Punct)],
            "other than ASCII punctuation",
        ),
        ("你好,", vec![(",", "，，", Punct)], "inserts"),
        (
            "正文图片来源：新华社正文续\n",
            vec![("图片来源：新华社", "", Move), ("\n", "\n图片来源\n", Move)],
            "no move edit of the pass puts back",
        ),
        (
            "正文\n",
            vec![("\n", "\n多\n", Move)],
            "no move edit of the pass took away",
        ),
    ];
    let mut misses = Vec::new();
    for (input, edits, expected) in cases {
        let v = audit_one(input, edits.clone());
        if !v.iter().any(|v| v.to_string().contains(expected)) {
            misses.push(format!(
                "{input:?} {edits:?}: expected {expected:?}, got {v:#?}"
            ));
        }
    }
    assert!(misses.is_empty(), "{}", misses.join("\n"));
}

/// A pass that drops a character and calls it a join.
struct DropsCharAsJoin;

impl Pass for DropsCharAsJoin {
    fn name(&self) -> &'static str {
        "sneaky-join"
    }
    fn description(&self) -> &'static str {
        "drops the first 的 it sees, declared as a join"
    }
    fn run(&self, input: &str, _config: &Config, out: &mut PassOutput) {
        if let Some(at) = input.find('的') {
            out.push(Edit::delete(at..at + '的'.len_utf8(), Join, "wrap"));
        }
    }
}

#[test]
fn injected_bad_pass_is_named_with_its_raw_position() {
    // normalize removes a zero-width space and a CR before the bad pass runs,
    // so the bad edit's raw position has to be mapped back through it.
    let raw = "第一行\r\n\u{200B}我们的家\n";
    let pipeline = Pipeline::new(vec![
        Box::new(crate::passes::normalize::Normalize),
        Box::new(DropsCharAsJoin),
    ]);
    let audited = run_audited(&pipeline, raw, &Config::default()).unwrap();
    assert_eq!(audited.cleaned.text, "第一行\n我们家\n");
    assert_eq!(
        audited.violations,
        vec![Violation {
            pass: "sneaky-join".into(),
            kind: Some(Join),
            line: 2,
            column: 4,
            problem: "removes non-whitespace text".into(),
            text: "的".into(),
        }]
    );
    assert_eq!(
        audited.violations[0].to_string(),
        "pass `sneaky-join` at 2:4: join edit removes non-whitespace text: \"的\""
    );
    // The same run checked after the fact agrees.
    assert_eq!(check_records(raw, &audited.cleaned), audited.violations);
}

#[test]
fn undeclared_change_is_caught() {
    let raw = "本报讯\r\n近日，２０２４年\n";
    let pipeline = Pipeline::new(vec![Box::new(crate::passes::normalize::Normalize)]);
    let audited = run_audited(&pipeline, raw, &Config::default()).unwrap();
    assert!(audited.violations.is_empty(), "{:#?}", audited.violations);
    assert!(check_records(raw, &audited.cleaned).is_empty());

    // Text changed behind the edits' back.
    let mut cleaned = audited.cleaned;
    cleaned.text = cleaned.text.replace("近日", "今日");
    let v = check_records(raw, &cleaned);
    assert_eq!(v.len(), 1, "{v:#?}");
    assert_eq!(
        (v[0].pass.as_str(), v[0].line, v[0].column),
        ("normalize", 2, 1)
    );
    assert!(v[0].problem.contains("differs from the declared edits"));
    assert!(v[0].text.starts_with("今日"));

    // An edit dropped from the record: the text no longer follows from the edits.
    let pipeline = Pipeline::new(vec![Box::new(crate::passes::normalize::Normalize)]);
    let mut cleaned = pipeline.run(raw, &Config::default()).unwrap();
    cleaned.records[0].edits.pop();
    let v = check_records(raw, &cleaned);
    assert_eq!(v.len(), 1, "{v:#?}");
    assert_eq!((v[0].line, v[0].column), (2, 7));
}

#[test]
fn the_default_pipeline_passes_its_audit_on_every_seed() {
    for entry in std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/golden/seeds")).unwrap() {
        let path = entry.unwrap().path();
        if !path.to_string_lossy().ends_with(".raw.txt") {
            continue;
        }
        let raw = std::fs::read_to_string(&path).unwrap();
        let audited = run_audited(&Pipeline::default(), &raw, &Config::default()).unwrap();
        assert!(
            audited.violations.is_empty(),
            "{}: {:#?}",
            path.display(),
            audited.violations
        );
    }
}

#[test]
fn periods() {
    let p = |s: &str| smallest_period(&s.chars().collect::<Vec<_>>());
    assert_eq!(p("abab"), 2);
    assert_eq!(p("aaa"), 1);
    assert_eq!(p("abc"), 3);
    assert_eq!(p("abca"), 3);
}

#[test]
fn a_huge_undouble_edit_is_checked_in_bounded_time() {
    // 200k characters with no copy structure: rejected, not hung.
    let text: String = (0..200_000u32)
        .map(|i| char::from_u32(0x4E00 + (i * 7919) % 20000).unwrap())
        .collect();
    let e = Edit::new(0..text.len(), "一", Undouble, "test");
    let start = std::time::Instant::now();
    assert!(check_undouble(&text, &e).is_some());
    assert!(start.elapsed().as_secs() < 10);
}
