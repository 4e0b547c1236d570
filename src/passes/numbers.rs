//! `numbers`: rejoins a number split from its unit or from its own digits by
//! a line wrap (GOLDEN.md rule 5).
//!
//! Fixes: `总投资约 60` / `亿元，…` -> `总投资约 60亿元，…`; `于 2022` / (blank) /
//! `年 7月` -> `于 2022年 7月`; `第 11` / `位。`; `不低于 1 亿` / `元。`;
//! `获悉，20` / `24年一季度` -> `2024年`; `33.` / `09%的` -> `33.09%的`. Only the
//! line break (with the blank lines and the spaces around it) is removed; the
//! spaces inside `约 60` are `spacing`'s to remove.
//!
//! Signals, all required:
//! - the line ends in a number: ASCII digits, digits plus `万`/`亿`/`千`/`百`
//!   (`1 亿`), or digits and a decimal point (`33.`);
//! - the next non-blank line starts with a unit or measure word (`亿元`,
//!   `年`, `个`, `%`, …; see [`is_unit_start`]) or, for split digits, with
//!   digits that are followed by such a unit (`24年`, `09%`);
//! - the line is body text, not a headline, a label or a short last line: at
//!   least [`MIN_LINE_CHARS`] non-space characters, and either sentence
//!   punctuation (`，`, `、`, `。`, `“`, …) or at least [`MIN_BARE_LINE_CHARS`]
//!   characters (`已集聚规上绿色能源及相关产业企业 35` has no punctuation);
//! - the number is not a code or a field value: not glued to a Latin letter
//!   (`G20`, `10Gwh` are Latin words, left to `unwrap`), not after `-` or `/`
//!   (`0551-65321234`, `1/3`), not right after a colon (`联系电话：0551…`);
//! - the break is not between or around the rows of a table: a row's last
//!   field and the next row's first are two numbers (`…18:7  21` /
//!   `2  上海海港…`, `…15:9  18` / `4  成都蓉城…`, where `成` reads as a unit).
//!   A row is a line with numbers on both sides of two gaps or more and no
//!   `，。、；！？` ([`text::looks_like_table_row`]), next to another row; the
//!   gaps keep one space each after `spacing`, so the output's rows are
//!   rows again.
//!
//! Only signals that survive the later passes are used, so that the pipeline
//! run twice changes nothing: blank lines (removed by `unwrap`), a leading
//! space (removed by `spacing`) and the display width against the column
//! (changed by every join) are not. For the same reason a line that this pass
//! has just joined is judged as a whole: after `…约 60` / `亿元，…共 3` /
//! `个…`, the second break is judged on `…约 60亿元，…共 3`.
//!
//! Never touches: a line ending in anything but a number, a number followed
//! by ordinary words (`5G` / `产业`, `…的 2023` / `世界…`): those are
//! `unwrap`'s decisions.

use std::ops::Range;

use crate::config::Config;
use crate::edit::{Edit, EditKind};
use crate::pass::{Pass, PassOutput};
use crate::passes::undouble;
use crate::text;

pub struct Numbers;

/// A wrapped line has at least this many non-space characters.
pub const MIN_LINE_CHARS: usize = 10;
/// A wrapped line without any sentence punctuation has at least this many.
pub const MIN_BARE_LINE_CHARS: usize = 14;

/// Magnitudes that may end a number (`60万`, `1.4亿`), in Simplified and
/// Traditional characters.
pub(crate) const MAGNITUDE_CHARS: [char; 6] = ['万', '亿', '千', '百', '萬', '億'];

/// Single characters that, right after a number, are its unit or measure
/// word (Simplified, then the Traditional forms that differ). Left out although they can be units: characters that mostly start
/// ordinary words at a paragraph start (`本` as in `本报讯`, `后`, `代`, `起`,
/// `门`, `处`, `道`, `首`, `站`, `头`, `片`).
const UNITS: &str = concat!(
    "个年月日号时点分秒天周岁元角万亿千百家名人位条项场次亩辆台套件种类批届期座所户只",
    "张部篇份株棵吨斤克米度倍成余多层间栋支组队颗枚架艘列款级例节宗笔票轮季强升瓦里",
    "版段步根块幅%％‰℃",
    "個時點週歲萬億條項場畝輛臺種類屆戶隻張噸層間棟組隊顆艘級節筆輪裡塊",
);
/// Two-character units whose first character is not in [`UNITS`].
const TWO_CHAR_UNITS: &[&str] = &[
    "美元", "港元", "欧元", "英镑", "平方", "立方", "公里", "公斤", "公顷", "兆瓦", "吉瓦", "毫米",
    "厘米", "微米", "纳米", "小时", "平米", "歐元", "英鎊", "公頃", "釐米", "納米", "小時",
];
/// Punctuation that marks a line as running text rather than a headline
/// (ASCII forms too: `punct` may widen them later, and the decision must not
/// change then).
const SENTENCE_PUNCT: &[char] = &[
    '，', '、', '；', '。', '“', '”', '（', '）', '《', '》', '？', '！', ',', ';', '?', '!', '(',
    ')',
];

impl Pass for Numbers {
    fn name(&self) -> &'static str {
        "numbers"
    }

    fn description(&self) -> &'static str {
        "rejoin a number and its unit or its digits split by a line wrap"
    }

    fn run(&self, input: &str, config: &Config, out: &mut PassOutput) {
        let mut lines = text::nonblank_lines(input).peekable();
        // The line as it will be after the joins made so far.
        let mut joined = Joined::default();
        // The line before `line`.
        let mut before = None;
        while let Some(line) = lines.next() {
            let line_before = before.replace(line.range.clone());
            // Most lines end in no number: nothing to join after them, and
            // nothing of them to keep for the next decision.
            if !may_end_in_number(&input[line.range.clone()]) {
                joined.clear();
                continue;
            }
            joined.add(input, line.range.clone());
            let Some(next) = lines.peek() else {
                break;
            };
            let next_text = text::trim_hspace_start(&input[next.range.clone()]);
            let reason = match number_wrap(&mut joined, input, next_text) {
                Decision::Join(_) if in_table(input, line_before, &line.range, &next.range) => {
                    if config.explain {
                        out.note(
                            line.range.clone(),
                            format!("number kept apart: {TABLE_ROWS}"),
                        );
                    }
                    joined.clear();
                    continue;
                }
                Decision::Join(reason) => reason,
                Decision::Keep(why) => {
                    if config.explain {
                        out.note(line.range.clone(), format!("number kept apart: {why}"));
                    }
                    joined.clear();
                    continue;
                }
                Decision::NoNumber => {
                    joined.clear();
                    continue;
                }
            };
            let number_end = line.range.start + input[line.range.clone()].trim_end().len();
            out.push(Edit::delete(
                number_end..next.range.end - next_text.len(),
                EditKind::Join,
                reason,
            ));
        }
    }
}

/// Why a number at the end of a table row stays apart from the next line.
const TABLE_ROWS: &str = "a table row: its numbers are fields, the next line another row";

/// Whether the break between the lines `input[line]` and `input[next]` is
/// one between or around the rows of a table ([`text::looks_like_table_row`]): a
/// row's last field and the next row's first (`…18:7  21` / `2  上海海港…`)
/// are two numbers, not one split. A row counts next to another row, as in
/// [`crate::passes::unwrap`]; `before` is the line before `line`. Asked
/// only where a join is found (rarely), so it reads the lines again.
fn in_table(
    input: &str,
    before: Option<Range<usize>>,
    line: &Range<usize>,
    next: &Range<usize>,
) -> bool {
    let row = |range: &Range<usize>| text::looks_like_table_row(&input[range.clone()]);
    let (line_row, next_row) = (row(line), row(next));
    let after = || {
        text::nonblank_lines(&input[next.end..])
            .next()
            .map(|l| l.range.start + next.end..l.range.end + next.end)
    };
    (line_row && (next_row || before.is_some_and(|b| row(&b))))
        || (next_row && after().is_some_and(|a| row(&a)))
}

/// What this pass knows of a line, or of lines it joins into one.
#[derive(Debug, Default)]
struct Joined {
    chars: usize,
    punctuated: bool,
    /// Lines added whose characters `chars` and `punctuated` do not count
    /// yet: they are counted only when a decision needs them (most lines
    /// end in no number).
    uncounted: Vec<Range<usize>>,
    /// The joined text without line breaks, or only its last
    /// [`TAIL_BYTES`] bytes once it is longer than [`FULL_BYTES`].
    text: String,
    /// `text` holds only the tail.
    long: bool,
}

/// How much of a joined line is kept whole: more than any doubled line.
const FULL_BYTES: usize = 8 * 1024;
/// How much of a longer one: enough for the number at its end.
const TAIL_BYTES: usize = 256;

impl Joined {
    /// Adds the line `input[range]`.
    fn add(&mut self, input: &str, range: Range<usize>) {
        let line = &input[range.clone()];
        self.uncounted.push(range);
        let line = text::trim_hspace(line);
        if self.text.len() + line.len() > FULL_BYTES {
            self.long = true;
            self.text.push_str(&line[tail_start(line, TAIL_BYTES)..]);
            self.text.drain(..tail_start(&self.text, TAIL_BYTES));
        } else {
            self.text.push_str(line);
        }
    }

    /// Starts again with no line, keeping the buffers.
    fn clear(&mut self) {
        self.chars = 0;
        self.punctuated = false;
        self.uncounted.clear();
        self.text.clear();
        self.long = false;
    }

    /// `input`: the text the lines were added from.
    fn is_running_text(&mut self, input: &str) -> bool {
        for range in self.uncounted.drain(..) {
            let line = &input[range];
            self.chars += line.chars().filter(|&c| !text::is_hspace(c)).count();
            self.punctuated |= line.contains(SENTENCE_PUNCT);
        }
        self.chars >= MIN_LINE_CHARS && (self.punctuated || self.chars >= MIN_BARE_LINE_CHARS)
    }
}

/// The first character boundary of the last `bytes` bytes of `s` (or 0).
fn tail_start(s: &str, bytes: usize) -> usize {
    (s.len().saturating_sub(bytes)..s.len())
        .find(|&i| s.is_char_boundary(i))
        .unwrap_or(s.len())
}

/// How a line ends in a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum NumberEnd {
    /// `…60`: a unit or more digits may follow.
    Digits,
    /// `…1 亿`: a unit may follow.
    Magnitude,
    /// `…33.`: only more digits may follow.
    DecimalPoint,
}

/// Whether the break between `joined` and the next line (`next_text`,
/// without its leading spaces) splits a number. `input`: the text the
/// lines of `joined` come from.
fn number_wrap(joined: &mut Joined, input: &str, next_text: &str) -> Decision {
    let Some(kind) = number_end(&joined.text) else {
        return Decision::NoNumber;
    };
    let reason = match kind {
        NumberEnd::Digits | NumberEnd::Magnitude if is_unit_start(next_text) => {
            "number wrap: its unit starts the next line"
        }
        NumberEnd::Digits | NumberEnd::DecimalPoint if digits_then_unit(next_text) => {
            "number wrap: its digits go on on the next line"
        }
        _ => return Decision::NoNumber,
    };
    if !joined.is_running_text(input) {
        return Decision::Keep("the line is short or looks like a headline");
    }
    // Never build a line that `undouble` would take for a doubled headline
    // when the pipeline runs again.
    if !joined.long && next_text.len() <= FULL_BYTES {
        let candidate = format!("{}{next_text}", joined.text);
        if undouble::would_undouble(&candidate) {
            return Decision::Keep("joined, the line would read as a doubled headline");
        }
    }
    Decision::Join(reason)
}

/// What to do with the break after a line.
enum Decision {
    Join(&'static str),
    /// A number and a unit, but the line is not a wrapped body line.
    Keep(&'static str),
    /// No number split here.
    NoNumber,
}

/// Whether `line` ends (spaces aside) in a character that [`number_end`]
/// may take for the end of a number: a digit, `.` or a magnitude. A quick
/// test on the last bytes, before the line is kept for [`number_end`].
fn may_end_in_number(line: &str) -> bool {
    // By the last bytes, without decoding: an ASCII byte is a character of
    // its own, and the three bytes of a magnitude at the end are the last
    // character (UTF-8 tells a lead byte from the others).
    const fn bytes_of(c: &str) -> [u8; 3] {
        let b = c.as_bytes();
        [b[0], b[1], b[2]]
    }
    const MAGNITUDES: [[u8; 3]; 6] = [
        bytes_of("万"),
        bytes_of("亿"),
        bytes_of("千"),
        bytes_of("百"),
        bytes_of("萬"),
        bytes_of("億"),
    ];
    let trimmed = text::trim_hspace_end(line).as_bytes();
    let may = match *trimmed {
        [.., b'0'..=b'9' | b'.'] => true,
        [.., a, b, c] => MAGNITUDES.contains(&[a, b, c]),
        _ => false,
    };
    debug_assert!(may || number_end(line).is_none(), "{line:?}");
    may
}

/// How `line` ends in a number that may continue on the next line, if it does.
fn number_end(line: &str) -> Option<NumberEnd> {
    let trimmed = text::trim_hspace_end(line);
    let mut rest = trimmed;
    let kind = if let Some(before) = rest.strip_suffix(MAGNITUDE_CHARS) {
        rest = before.trim_end_matches(text::is_hspace);
        NumberEnd::Magnitude
    } else if let Some(before) = rest.strip_suffix('.') {
        rest = before;
        NumberEnd::DecimalPoint
    } else {
        NumberEnd::Digits
    };
    if !rest.ends_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    // The whole number (digits, with `.` or `,` only between two digits, so
    // that `，1,000` and `,1,000` end the same number) and what stands before it.
    let bytes = rest.as_bytes();
    let mut number_start = bytes.len();
    while number_start > 0 {
        let c = bytes[number_start - 1];
        let inner_mark = (c == b'.' || c == b',')
            && number_start >= 2
            && bytes[number_start - 2].is_ascii_digit()
            && bytes.get(number_start).is_some_and(u8::is_ascii_digit);
        if !(c.is_ascii_digit() || inner_mark) {
            break;
        }
        number_start -= 1;
    }
    let before = rest[..number_start].trim_end_matches(text::is_hspace);
    let glued = number_start == before.len();
    match before.chars().next_back() {
        Some(c) if glued && text::is_latin_alnum(c) => return None,
        Some('-' | '/' | '－' | '／' | ':' | '：') => return None,
        _ => {}
    }
    Some(kind)
}

/// True when `text` starts with a unit or measure word.
pub fn is_unit_start(text: &str) -> bool {
    match text.as_bytes().first() {
        // Of the units only `%` is ASCII: a digit or a letter (the next
        // field of a table row) is told without searching the lists.
        Some(&b) if b.is_ascii() => b == b'%',
        _ => {
            text.chars().next().is_some_and(|c| UNITS.contains(c))
                || TWO_CHAR_UNITS.iter().any(|u| text.starts_with(u))
        }
    }
}

/// True when `text` starts with digits followed (after spaces) by a unit,
/// or is nothing but digits: a number split over more than one break
/// (`…60` / `1,000` / `1,000亿元`) must be joined on the first run already,
/// not only once the later break has been joined.
fn digits_then_unit(text: &str) -> bool {
    let rest = text.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == ',');
    let rest = rest.trim_start_matches(text::is_hspace);
    rest.len() < text.len()
        && text.starts_with(|c: char| c.is_ascii_digit())
        && (rest.is_empty() || is_unit_start(rest))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::check_cases;

    proptest::proptest! {
        #![proptest_config(crate::testing::proptest_config(512))]
        /// The byte test agrees with the test by characters.
        #[test]
        fn may_end_in_number_reads_the_last_character(line in "[0-9.a 万亿千百萬億中，\u{3000}\u{4e07}\u{4e08}]{0,6}") {
            let trimmed = text::trim_hspace_end(&line);
            let by_chars = trimmed.ends_with(|c: char| c.is_ascii_digit() || c == '.')
                || trimmed.ends_with(MAGNITUDE_CHARS);
            proptest::prop_assert_eq!(may_end_in_number(&line), by_chars);
        }
    }

    /// [`is_unit_start`] tells ASCII by its byte: `%` is the only ASCII unit.
    #[test]
    fn percent_is_the_only_ascii_unit() {
        let ascii: Vec<char> = UNITS.chars().filter(char::is_ascii).collect();
        assert_eq!(ascii, ['%']);
        assert!(TWO_CHAR_UNITS
            .iter()
            .all(|u| !u.starts_with(|c: char| c.is_ascii())));
        assert!(is_unit_start("%的") && is_unit_start("亿元") && is_unit_start("美元"));
        assert!(!is_unit_start("12") && !is_unit_start("") && !is_unit_start("a"));
    }

    /// A line of context as wide as the column of the cases below.
    const FULL: &str = "该项目围绕落地整车底盘、动力系";

    fn page(lines: &[&str]) -> String {
        lines.join("\n")
    }

    #[test]
    fn number_wraps_are_joined() {
        let cases = [
            // Trap: a line shaped like a table row, but no row next to it.
            (
                page(&[FULL, "", "全区规上企业总数 1 234 567", "家，同比增长。"]),
                page(&[FULL, "", "全区规上企业总数 1 234 567家，同比增长。"]),
            ),
            // A number split over two breaks: both joined in one run.
            (
                page(&[
                    "该项目总投资额约为人民币 60",
                    "1,000",
                    "1,000亿元，分两期建设。",
                ]),
                page(&["该项目总投资额约为人民币 601,0001,000亿元，分两期建设。"]),
            ),
            (
                page(&[
                    FULL,
                    "",
                    "此次共签约 5个项目，总投资额约 60",
                    "亿元，分两期建设。",
                    "",
                    FULL,
                ]),
                page(&[
                    FULL,
                    "",
                    "此次共签约 5个项目，总投资额约 60亿元，分两期建设。",
                    "",
                    FULL,
                ]),
            ),
            (
                page(&[
                    FULL,
                    "",
                    "据悉，云耀再生铜二期项目于 2022",
                    "",
                    "年 7月正式开工建设，目前主体",
                    "",
                    FULL,
                ]),
                page(&[
                    FULL,
                    "",
                    "据悉，云耀再生铜二期项目于 2022年 7月正式开工建设，目前主体",
                    "",
                    FULL,
                ]),
            ),
            (
                page(&[FULL, "", "在全国同类项目中进度排名第 11", "", "位。"]),
                page(&[FULL, "", "在全国同类项目中进度排名第 11位。"]),
            ),
            (
                page(&[
                    FULL,
                    "",
                    "投资的商用车项目建成后，年产值可达 1.4",
                    "亿元，年纳税4000万元。",
                ]),
                page(&[
                    FULL,
                    "",
                    "投资的商用车项目建成后，年产值可达 1.4亿元，年纳税4000万元。",
                ]),
            ),
            (
                page(&[
                    FULL,
                    "",
                    "年营业收入不低于 20 亿元，年税收不低于 1 亿",
                    "",
                    "元。",
                ]),
                page(&[FULL, "", "年营业收入不低于 20 亿元，年税收不低于 1 亿元。"]),
            ),
            (
                page(&[
                    "本报讯 记者从合肥高新区获悉，20",
                    "24年一季度，园区规上工业产值同比增",
                    "",
                    FULL,
                ]),
                page(&[
                    "本报讯 记者从合肥高新区获悉，2024年一季度，园区规上工业产值同比增",
                    "",
                    FULL,
                ]),
            ),
            (
                page(&[
                    FULL,
                    "",
                    "产业园区总数的一半，完成全省园区33.",
                    "",
                    "09%的技工贸总收入和41.06%的上缴税",
                ]),
                page(&[
                    FULL,
                    "",
                    "产业园区总数的一半，完成全省园区33.09%的技工贸总收入和41.06%的上缴税",
                ]),
            ),
            (
                page(&[
                    FULL,
                    "",
                    "进制造业倍增计划实施方案（2022—2026",
                    "",
                    "年）》，提出力争到 2026 年末",
                ]),
                page(&[
                    FULL,
                    "",
                    "进制造业倍增计划实施方案（2022—2026年）》，提出力争到 2026 年末",
                ]),
            ),
            (
                page(&[
                    FULL,
                    "",
                    "该项目总投资 16.5 亿元，占地面积约 370 ",
                    "亩。该项目围绕落地整车底盘",
                ]),
                page(&[
                    FULL,
                    "",
                    "该项目总投资 16.5 亿元，占地面积约 370亩。该项目围绕落地整车底盘",
                ]),
            ),
            (
                page(&[
                    FULL,
                    "",
                    "双方签署合作备忘录，首期合作资金为 5 000 万",
                    "",
                    "元。",
                ]),
                page(&[FULL, "", "双方签署合作备忘录，首期合作资金为 5 000 万元。"]),
            ),
            (
                page(&[
                    FULL,
                    "",
                    "区进出区货值达到了一百多亿，其中 104 亿",
                    "",
                    "美元来自进出口贸易。",
                ]),
                page(&[
                    FULL,
                    "",
                    "区进出区货值达到了一百多亿，其中 104 亿美元来自进出口贸易。",
                ]),
            ),
            // Traditional units and magnitudes.
            (
                page(&[
                    FULL,
                    "",
                    "該項目位於高新區，總投資約 60",
                    "",
                    "億元，年納稅4000萬",
                    "",
                    "元。",
                ]),
                page(&[
                    FULL,
                    "",
                    "該項目位於高新區，總投資約 60億元，年納稅4000萬元。",
                ]),
            ),
        ];
        let cases: Vec<(&str, &str)> = cases
            .iter()
            .map(|(a, b)| (a.as_str(), b.as_str()))
            .collect();
        check_cases(&Numbers, &cases);
    }

    #[test]
    fn paragraph_ends_and_other_breaks_are_kept() {
        let unchanged = [
            // A field value ending in a number, then a single newline.
            page(&[
                "申报材料请于6月30日前报送至高新",
                "",
                "区科技创新局。",
                "",
                "联系人：王老师",
                "",
                "联系电话：0551-65321234",
                "咨询时间：工作日上午9时至下午5时",
            ]),
            page(&[
                FULL,
                "",
                "联系电话：0551-65321234",
                "日程安排：工作日上午9时至下午5时",
            ]),
            page(&[FULL, "", "请拨打服务热线转分机号码 88-1234", "人工服务"]),
            // A headline or short line ending in a number.
            page(&[
                FULL,
                "",
                "迈向2035",
                "",
                "年轻人在高新区创业的故事越来越多。",
                "",
                FULL,
            ]),
            page(&[FULL, "", "总投资额约60", "", "60亿元", "", FULL]),
            // A short last line of a paragraph (narrow against its column).
            page(&[
                FULL,
                "",
                FULL,
                "",
                "共计 35",
                "",
                "家企业参加了活动。",
                "",
                FULL,
            ]),
            // A Latin token, not a number.
            page(&[
                FULL,
                "",
                "打造具有区域特色的产业集群和 5G",
                "产业创新中心；提速大数据中心",
                "",
                FULL,
            ]),
            page(&[
                FULL,
                "",
                "杭州峰会的筹备工作已全面进入 G20",
                "",
                "年度计划。",
                "",
                FULL,
            ]),
            // No unit on the next line: left to unwrap.
            page(&[
                FULL,
                "",
                "第二届世界智能大会暨展览会于 2023",
                "",
                "世界智能大会期间举行，吸引了",
                "",
                FULL,
            ]),
            // Not a number at the line end at all.
            page(&[
                FULL,
                "",
                "西安高新区前瞻布局未来产业，努力创建。",
                "",
                "2019 年 4 月，广州保税物流园区申请",
            ]),
            // A field value (ASCII or full-width marks alike).
            page(&[FULL, "", "园区热点，全年招商引资总额:1,000", "09%"]),
            page(&[FULL, "", "园区热点，全年招商引资总额：1,000", "09%"]),
            // A decimal point that ends a Latin sentence.
            page(&[
                FULL,
                "",
                "The plant opened in the spring of 2023.",
                "",
                "Its output reached 15 tons.",
            ]),
            String::new(),
            "60\n亿元".to_string(),
            // Rows of a table: a row's last field and the next row's first
            // (followed by `成`, a unit) are two numbers. Raw, blank-separated,
            // and as the pipeline leaves them.
            page(&[
                "2  上海海港    10  6  2  2  20:10  20",
                "3  成都蓉城    10  5  3  2  15:9   18",
            ]),
            page(&[
                "名次  球队  场次  积分",
                "",
                "1  北京国安    10  6  3  1  18:7   21",
                "",
                "2  上海海港    10  6  2  2  20:10  20",
                "",
                "3  成都蓉城    10  5  3  2  15:9   18",
            ]),
            page(&["2上海海港10 6 2 2 20:10 20", "3成都蓉城10 5 3 2 15:9 18"]),
            // The last row, then a paragraph whose first line starts with
            // a number and a unit.
            page(&[
                "1  北京国安    10  6  3  1  18:7   21",
                "2  上海海港    10  6  2  2  20:10  20",
                "5 个赛区的比赛将于下周继续进行，届时",
            ]),
        ];
        let cases: Vec<(&str, &str)> = unchanged.iter().map(|s| (s.as_str(), s.as_str())).collect();
        check_cases(&Numbers, &cases);
    }
}
