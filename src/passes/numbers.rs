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
//! - the next non-blank line comes after at most one blank line, has no
//!   leading space (a leading space marks a new unit in these extractions),
//!   and starts with a unit or measure word (`亿元`, `年`, `个`, `%`, …; see
//!   [`is_unit_start`]) or, for split digits, with digits that are followed by
//!   such a unit (`24年`, `09%`);
//! - the line is a wrapped body line, not a headline or a short last line: at
//!   least [`MIN_LINE_CHARS`] characters and at least [`MIN_WIDTH_RATIO`] of
//!   the median display width of its neighbours (up to [`NEIGHBOURS`] non-blank
//!   lines on each side), because a paragraph line that stops early is where a
//!   paragraph can really end;
//! - the number is not a code or a field value: not glued to a Latin letter
//!   (`G20`, `10Gwh` are Latin words, left to `unwrap`), not after `-` or `/`
//!   (`0551-65321234`, `1/3`), not right after a colon (`联系电话：0551…`).
//!
//! Never touches: a line ending in anything but a number, breaks after more
//! than one blank line, a number followed by ordinary words (`5G` / `产业`,
//! `…的 2023` / `世界…`): those are `unwrap`'s decisions.

use std::collections::VecDeque;

use crate::config::Config;
use crate::edit::{Edit, EditKind};
use crate::pass::{Pass, PassOutput};
use crate::text::{self, TextLine};

pub struct Numbers;

/// How many non-blank lines on each side give the column width.
pub const NEIGHBOURS: usize = 4;
/// A wrapped line has at least this many non-space characters.
pub const MIN_LINE_CHARS: usize = 10;
/// A wrapped line is at least this share of its neighbours' median width.
pub const MIN_WIDTH_RATIO: f64 = 0.8;
/// Most blank lines allowed between the number and its unit.
const MAX_BLANKS_BETWEEN: usize = 1;

/// Single characters that, right after a number, are its unit or measure
/// word. Left out although they can be units: characters that mostly start
/// ordinary words at a paragraph start (`本` as in `本报讯`, `后`, `代`, `起`,
/// `门`, `处`, `道`, `首`, `站`, `头`, `片`).
const UNITS: &str =
    "个年月日号时点分秒天周岁元角万亿千百家名人位条项场次亩辆台套件种类批届期座所户只\
                     张部篇份株棵吨斤克米度倍成余多层间栋支组队颗枚架艘列款级例节宗笔票轮季强升瓦里\
                     版段步根块幅%％‰℃";
/// Two-character units whose first character is not in [`UNITS`].
const TWO_CHAR_UNITS: &[&str] = &[
    "美元", "港元", "欧元", "英镑", "平方", "立方", "公里", "公斤", "公顷", "兆瓦", "吉瓦", "毫米",
    "厘米", "微米", "纳米", "小时", "平米",
];

impl Pass for Numbers {
    fn name(&self) -> &'static str {
        "numbers"
    }

    fn description(&self) -> &'static str {
        "rejoin a number and its unit or its digits split by a line wrap"
    }

    fn run(&self, input: &str, config: &Config, out: &mut PassOutput) {
        let mut source = text::nonblank_lines(input).map(|line| {
            let width =
                text::display_width(input[line.range.clone()].trim_matches(text::is_hspace));
            (line, width)
        });
        // ahead[0] is the line being looked at; `behind` holds the widths of
        // the lines before it.
        let mut ahead: VecDeque<(TextLine, usize)> = VecDeque::new();
        let mut behind: VecDeque<usize> = VecDeque::new();
        loop {
            while ahead.len() <= NEIGHBOURS {
                match source.next() {
                    Some(item) => ahead.push_back(item),
                    None => break,
                }
            }
            let Some((line, width)) = ahead.pop_front() else {
                break;
            };
            if let Some((next, _)) = ahead.front() {
                let mut neighbours: Vec<usize> = behind.iter().copied().collect();
                neighbours.extend(ahead.iter().map(|(_, w)| *w));
                if let Some(edit) = number_wrap(input, &line, width, next, &mut neighbours) {
                    if config.explain {
                        out.note(edit.span.clone(), edit.reason.to_string());
                    }
                    out.push(edit);
                }
            }
            behind.push_back(width);
            if behind.len() > NEIGHBOURS {
                behind.pop_front();
            }
        }
    }
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

/// The join for the break after `line`, if it splits a number.
fn number_wrap(
    input: &str,
    line: &TextLine,
    width: usize,
    next: &TextLine,
    neighbours: &mut [usize],
) -> Option<Edit> {
    if next.blanks_before > MAX_BLANKS_BETWEEN {
        return None;
    }
    let text = &input[line.range.clone()];
    let (kind, number_len) = number_end(text)?;
    let next_text = &input[next.range.clone()];
    if next_text.starts_with(text::is_hspace) {
        return None;
    }
    let reason = match kind {
        NumberEnd::Digits | NumberEnd::Magnitude if is_unit_start(next_text) => {
            "number wrap: its unit starts the next line"
        }
        NumberEnd::Digits | NumberEnd::DecimalPoint if digits_then_unit(next_text) => {
            "number wrap: its digits go on on the next line"
        }
        _ => return None,
    };
    if text.chars().filter(|&c| !text::is_hspace(c)).count() < MIN_LINE_CHARS {
        return None;
    }
    neighbours.sort_unstable();
    let median = *neighbours.get(neighbours.len() / 2)?;
    if (width as f64) < MIN_WIDTH_RATIO * median as f64 {
        return None;
    }
    let number_end = line.range.start + number_len;
    Some(Edit::delete(
        number_end..next.range.start,
        EditKind::Join,
        reason,
    ))
}

/// If `line` ends in a number that may continue on the next line: its kind
/// and the byte length of `line` up to the end of the number.
fn number_end(line: &str) -> Option<(NumberEnd, usize)> {
    let trimmed = line.trim_end_matches(text::is_hspace);
    let mut rest = trimmed;
    let kind = if let Some(before) = rest.strip_suffix(['万', '亿', '千', '百']) {
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
    // The whole number (digits with `.` or `,` inside) and what stands before it.
    let number_start = rest
        .trim_end_matches(|c: char| c.is_ascii_digit() || c == '.' || c == ',')
        .len();
    let before = rest[..number_start].trim_end_matches(text::is_hspace);
    let glued = number_start == before.len();
    match before.chars().next_back() {
        Some(c) if glued && text::is_latin_alnum(c) => return None,
        Some('-' | '/' | '－' | '／' | ':' | '：') => return None,
        _ => {}
    }
    Some((kind, trimmed.len()))
}

/// True when `text` starts with a unit or measure word.
pub fn is_unit_start(text: &str) -> bool {
    text.chars().next().is_some_and(|c| UNITS.contains(c))
        || TWO_CHAR_UNITS.iter().any(|u| text.starts_with(u))
}

/// True when `text` starts with digits followed (after spaces) by a unit.
fn digits_then_unit(text: &str) -> bool {
    let rest = text.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.');
    rest.len() < text.len()
        && text.starts_with(|c: char| c.is_ascii_digit())
        && is_unit_start(rest.trim_start_matches(text::is_hspace))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::check_cases;

    /// A line of context as wide as the column of the cases below.
    const FULL: &str = "该项目围绕落地整车底盘、动力系";

    fn page(lines: &[&str]) -> String {
        lines.join("\n")
    }

    #[test]
    fn number_wraps_are_joined() {
        let cases = [
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
            // Too many blank lines, or a leading space: a new unit.
            page(&[
                FULL,
                "",
                "此次共签约 5个项目，总投资额约 60",
                "",
                "",
                "亿元，分两期建设。",
            ]),
            page(&[
                FULL,
                "",
                "此次共签约 5个项目，总投资额约 60",
                " 年内建成投产的项目有三个。",
            ]),
            // Not a number at the line end at all.
            page(&[
                FULL,
                "",
                "西安高新区前瞻布局未来产业，努力创建。",
                "",
                "2019 年 4 月，广州保税物流园区申请",
            ]),
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
        ];
        let cases: Vec<(&str, &str)> = unchanged.iter().map(|s| (s.as_str(), s.as_str())).collect();
        check_cases(&Numbers, &cases);
    }
}
