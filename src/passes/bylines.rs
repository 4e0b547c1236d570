//! `bylines`: author names after an article's last sentence go on a line of
//! their own (GOLDEN.md rule 8).
//!
//! Fixes: `…高质量发展。 郭海洲 何伟 李思颖` → `…高质量发展。` + `郭海洲 何伟 李思颖`.
//! The whitespace between the sentence end and the first name becomes one
//! `\n` (an [`EditKind::Break`]); the names and the spaces between them are
//! kept exactly.
//!
//! Signals (all required): the names stand at the very end of a line (after
//! `unwrap` a line is a whole paragraph); they are 1–4 tokens of 2–4 Han
//! characters, separated by single spaces (up to three), or one token of 5–6 Han right
//! after a sentence end (names the extractor wrote without their spaces:
//! `…动能。 赵世军李凯`), or of 7–9 Han that reads as three names, each
//! opening with a common surname (`郭海洲何伟李思颖`; prose that long does
//! not: `该项目总投资达`); before them comes whitespace and,
//! before that, terminal punctuation (`。！？`, possibly closed by quotes or
//! brackets, a space OCR read before it allowed), or a gap of four or more
//! spaces after a closing quote or bracket (names set right on the last
//! printed line, whose sentence end OCR lost).
//!
//! Never touches: a subheading made of short phrases (`精准谋划 精细指导`: no
//! sentence end before it), a sentence-internal `。 ` followed by more prose
//! (the tail has punctuation or longer tokens), `本报讯 近日` (no sentence end),
//! a line that already holds only names (`刘晓 齐菲`), a credit or caption
//! (`图片来源：…。 周芳`: the names are the photographer's, and `unwrap`
//! moves a float line as a whole), five or more
//! name-like tokens (a list, not a byline), or names that on a line of
//! their own would read as doubled or as a copy of the next line (fake
//! bold the next run's `undouble` would halve or merge).
//!
//! Runs before `spacing`, which removes the space after `。` that marks the
//! byline. `unwrap` uses [`trailing_byline`] too, so that a line ending in a
//! byline counts as a sentence end when it decides paragraph boundaries.

use crate::config::Config;
use crate::edit::{Edit, EditKind};
use crate::pass::{Pass, PassOutput};
use crate::text::{is_cjk, is_closing_mark, is_han, is_hspace, trim_hspace_end};

pub struct Bylines;

/// Most names a byline lists (more is a list of some other kind).
const MAX_NAMES: usize = 4;
/// Han characters in one name token (`高继欣`, `李茹`, a compound surname
/// with a two-character given name).
const NAME_CHARS: std::ops::RangeInclusive<usize> = 2..=4;
/// Most spaces between two names: one, or a few where the extractor
/// writes each word at its place on the page (pdfplumber's layout mode:
/// `记者  赵磊`, the Han before them taking fewer cells than their width).
const MAX_SPACES_BETWEEN_NAMES: usize = 3;
/// Han characters of two names written without the space between them
/// (pdfplumber and PyMuPDF drop a narrow gap: `赵世军李凯`); longer is prose
/// as likely (`高质量发展新阶段`).
const MERGED_NAMES_CHARS: std::ops::RangeInclusive<usize> = 5..=6;
/// Han characters of three names written without spaces (`郭海洲何伟李思颖`):
/// taken only where they read as names of two or three characters, each
/// opening with a common surname ([`reads_as_names`]), which prose of that
/// length (`该项目总投资达`, `高质量发展新阶段`) does not.
const MERGED_THREE_NAMES_CHARS: std::ops::RangeInclusive<usize> = 7..=9;
/// The commonest Chinese surnames (about 250), Simplified and Traditional
/// forms: most people bear one of them.
const SURNAMES: &str = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝張劉陳楊黃趙吳孫馬許韓馮鄧蕭葉蘇呂盧鍾譚陸賈韋鄒閆龍賀顧龔錢嚴湯聶魯歐關蘭寧紀畢駱藍鮑饒農車蘆竇黨費衛閔鄔邊樂";

/// Whether `word` opens with one of [`SURNAMES`].
pub(crate) fn opens_with_surname(word: &str) -> bool {
    word.chars().next().is_some_and(|c| SURNAMES.contains(c))
}

/// Where a trailing byline sits in `line` (one line, no `\n`): the byte range
/// of the whitespace between the sentence end and the first name. `None` when
/// the line does not end in a byline.
pub fn trailing_byline(line: &str) -> Option<std::ops::Range<usize>> {
    let trimmed = trim_hspace_end(line);
    // A name ends in Han: most lines end in a mark, told before any search.
    if !trimmed.chars().next_back().is_some_and(is_han) {
        return None;
    }
    let mut end = trimmed.len();
    let mut names = 0;
    loop {
        // The token ending at `end`: a name only if a space comes within
        // the last few characters (so a paragraph line is not read back
        // to its start). A token that starts the line is no byline either.
        let start = trimmed[..end]
            .char_indices()
            .rev()
            .take(
                if names == 0 {
                    *MERGED_THREE_NAMES_CHARS.end()
                } else {
                    *NAME_CHARS.end()
                } + 1,
            )
            .find(|&(_, c)| is_hspace(c))
            .map(|(i, c)| i + c.len_utf8())?;
        let token = &trimmed[start..end];
        let han = token.chars().count();
        // Names the extractor wrote without the spaces between them
        // (`赵世军李凯`): only as the one token after the sentence end.
        let merged = names == 0
            && (MERGED_NAMES_CHARS.contains(&han)
                || (MERGED_THREE_NAMES_CHARS.contains(&han) && reads_as_names(token)));
        if !token.chars().all(is_han) || !(NAME_CHARS.contains(&han) || merged) {
            return None;
        }
        names += 1;
        if start == 0 || names > MAX_NAMES {
            return None;
        }
        // The whitespace before the token.
        let gap_start = trimmed[..start].trim_end_matches(is_hspace).len();
        let gap = &trimmed[gap_start..start];
        let before = &trimmed[..gap_start];
        if ends_chinese_sentence(before) || (!merged && set_right(gap, before)) {
            return Some(gap_start..start);
        }
        if merged || gap.chars().count() > MAX_SPACES_BETWEEN_NAMES {
            return None;
        }
        end = gap_start;
    }
}

/// Whether `token` (Han only) splits into three names of two or three
/// characters, each opening with one of [`SURNAMES`].
fn reads_as_names(token: &str) -> bool {
    let chars: Vec<char> = token.chars().collect();
    let surname = |at: usize| chars.get(at).is_some_and(|c| SURNAMES.contains(*c));
    let splits = |first: usize, second: usize| {
        let third = chars.len() - first - second;
        (2..=3).contains(&third) && surname(0) && surname(first) && surname(first + second)
    };
    (2..=3).any(|first| (2..=3).any(|second| splits(first, second)))
}

/// A Chinese sentence end: `。！？` (or `!?`, which `punct` widens), possibly
/// closed by quotes or brackets, after a CJK character (OCR may read a space
/// before the mark: `人次 。`). Not `……`, a pause inside a paragraph more
/// often than an article's end (`精细调试…… 每一项`), and not `.`
/// (`33. 亿元`).
fn ends_chinese_sentence(text: &str) -> bool {
    let mut chars = text
        .trim_end_matches(|c| is_closing_mark(c) || is_hspace(c))
        .chars()
        .rev();
    matches!(chars.next(), Some('。' | '！' | '？' | '!' | '?'))
        && chars
            .find(|&c| !is_hspace(c))
            .is_some_and(|c| is_cjk(c) || is_closing_mark(c))
}

/// Fewest spaces that set names apart from the text before them on one
/// printed line: right-aligned at the column's end.
const RIGHT_ALIGNED_GAP: usize = 4;

/// Fewest characters of running text before right-aligned names.
const RIGHT_ALIGNED_AFTER: usize = 8;

/// Names set right on the last line of an article, apart from its text by
/// a wide gap, where OCR lost the sentence end but not the quote or
/// bracket that closed it (`…转化为“好产品”        记者 赵大`). The text
/// before is prose with no other wide gap: a table row (`单位    负责人`)
/// has several. A line that stops on a character
/// (`…以江铜集团为代     叶炼青`) is a column beside another that a layout
/// extraction kept.
fn set_right(gap: &str, before: &str) -> bool {
    gap.chars().count() >= RIGHT_ALIGNED_GAP
        && before.chars().count() >= RIGHT_ALIGNED_AFTER
        && !before.contains("  ")
        && !before.contains('\u{3000}')
        && before.chars().next_back().is_some_and(is_closing_mark)
}

impl Pass for Bylines {
    fn name(&self) -> &'static str {
        "bylines"
    }

    fn description(&self) -> &'static str {
        "author names after an article's last sentence go on their own line"
    }

    fn run(&self, input: &str, config: &Config, out: &mut PassOutput) {
        use crate::passes::undouble::{would_merge_lines, would_undouble};
        use crate::passes::unwrap::is_float_line;
        let mut lines = crate::text::lines_with_offsets(input).peekable();
        while let Some((line_start, body)) = lines.next() {
            // (Most lines end in no byline: that is asked first.)
            if let Some(gap) = trailing_byline(body) {
                // Names after a credit or caption belong to it (the
                // photographer), and `unwrap` moves a float line as a whole:
                // split, the credit would float between two text lines and
                // the next run would join across it.
                if is_float_line(body.trim_matches(is_hspace)) {
                    continue;
                }
                let span = line_start + gap.start..line_start + gap.end;
                // On a line of its own, a doubled name list (`何昶 周芳何昶
                // 周芳`, fake bold), or one the next line repeats, is what
                // the next run's `undouble` (which runs before this pass)
                // would halve or merge: left in place.
                let names = &body[gap.end..];
                let next = lines.peek().map(|&(_, next)| next);
                if would_undouble(names) || next.is_some_and(|next| would_merge_lines(names, next))
                {
                    if config.explain {
                        out.note(span, "byline kept in place: its names read as doubled");
                    }
                    continue;
                }
                if config.explain {
                    out.note(
                        span.clone(),
                        format!("byline: {:?}", body[gap.end..].trim_end()),
                    );
                }
                out.push(Edit::new(
                    span,
                    "\n",
                    EditKind::Break,
                    "byline after the last sentence",
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::check_cases;

    #[test]
    fn bylines_cases() {
        check_cases(
            &Bylines,
            &[
                // Trap: a doubled name list would be halved by the next run's
                // `undouble` once on its own line, and one the next line
                // repeats would be merged with it (fuzz findings): kept.
                ("资。 何昶 周芳何昶 周芳", "资。 何昶 周芳何昶 周芳"),
                ("资。 何昶周芳\n何昶周芳", "资。 何昶周芳\n何昶周芳"),
                // Trap: names after a credit belong to it; split off, the
                // credit would float between two text lines (fuzz finding).
                ("“，\n图片来源。 周芳", "“，\n图片来源。 周芳"),
                ("图为活动现场。 张三 李四\n", "图为活动现场。 张三 李四\n"),
                // Names after the last sentence, spaces between names kept.
                (
                    "推进随州高新区高质量发展。 郭海洲 何伟 李思颖\n",
                    "推进随州高新区高质量发展。\n郭海洲 何伟 李思颖\n",
                ),
                (
                    "以科技赋能带动高质量发展。 李茹\n",
                    "以科技赋能带动高质量发展。\n李茹\n",
                ),
                (
                    "营造了良好的创城氛围。  王亚东",
                    "营造了良好的创城氛围。\n王亚东",
                ),
                (
                    "全力加快建设进度。”王振帅说。 赵世军 李凯\n",
                    "全力加快建设进度。”王振帅说。\n赵世军 李凯\n",
                ),
                // Names a few spaces apart (pdfplumber's layout mode writes
                // each word at its place): their spaces kept.
                (
                    "转化为“好产品”。          记者  赵磊\n",
                    "转化为“好产品”。\n记者  赵磊\n",
                ),
                // Trap: tokens set further apart are no byline's names.
                (
                    "转化为“好产品”。 记者    赵磊\n",
                    "转化为“好产品”。 记者    赵磊\n",
                ),
                // Names the extractor wrote without their spaces
                // (pdfplumber, PyMuPDF): one token of 5-6 Han right after a
                // sentence end.
                (
                    "为培育和发展新质生产力注入澎湃动能。 赵世军李凯\n",
                    "为培育和发展新质生产力注入澎湃动能。\n赵世军李凯\n",
                ),
                (
                    "推进随州高新区高质量发展。 郭海洲何伟\n",
                    "推进随州高新区高质量发展。\n郭海洲何伟\n",
                ),
                // … and three merged where each opens with a surname.
                (
                    "高质量发展。 郭海洲何伟李思颖\n",
                    "高质量发展。\n郭海洲何伟李思颖\n",
                ),
                (
                    "高质量发展。 陳靜王曉東李明\n",
                    "高质量发展。\n陳靜王曉東李明\n",
                ),
                // Traps: merged names are one token, never after other names
                // or a set-right gap; prose as long as three names does not
                // read as names (a paragraph cut off after `。 `).
                ("发展。 张三 赵世军李凯\n", "发展。 张三 赵世军李凯\n"),
                (
                    "转化为“好产品”        赵世军李凯\n",
                    "转化为“好产品”        赵世军李凯\n",
                ),
                (
                    "项目正式开工。 该项目总投资达\n",
                    "项目正式开工。 该项目总投资达\n",
                ),
                ("发展。 高新区企业营业收入\n", "发展。 高新区企业营业收入\n"),
                // OCR: a space before the sentence end.
                (
                    "受益群众达15万人次 。    王亚东\n",
                    "受益群众达15万人次 。\n王亚东\n",
                ),
                // Set right of the last line by a wide gap, the sentence
                // end lost (OCR, `pdftotext -layout`).
                (
                    "持续优化创新生态，让更多“金点子”转化为“好产品”        记者 赵大\n",
                    "持续优化创新生态，让更多“金点子”转化为“好产品”\n记者 赵大\n",
                ),
                // Traps: a table row, short fields, a narrow gap without
                // a sentence end.
                (
                    "单位名称    项目    负责人\n",
                    "单位名称    项目    负责人\n",
                ),
                (
                    "高新区管委会        王亚东\n",
                    "高新区管委会        王亚东\n",
                ),
                (
                    "持续优化创新生态，让更多好产品  王亚东\n",
                    "持续优化创新生态，让更多好产品  王亚东\n",
                ),
                // Trap: a subheading of two short phrases has no sentence end.
                ("精准谋划 精细指导\n", "精准谋划 精细指导\n"),
                // Trap: a sentence-internal `。 ` followed by more prose.
                (
                    "知是行之始。 行是知之成，党纪学习\n",
                    "知是行之始。 行是知之成，党纪学习\n",
                ),
                (
                    "热浪来袭。 近日，郑州高新区总工会\n",
                    "热浪来袭。 近日，郑州高新区总工会\n",
                ),
                // Trap: a dateline space.
                ("本报讯 近日\n", "本报讯 近日\n"),
                // Trap: a line of names alone is already a byline line.
                ("刘晓 齐菲\n", "刘晓 齐菲\n"),
                // Trap: one-character or long tokens are not names.
                ("发展。 好\n", "发展。 好\n"),
                // Traps: a pause, a number, not an article end.
                ("33. 亿元\n", "33. 亿元\n"),
                ("精细调试…… 每一\n", "精细调试…… 每一\n"),
                ("发展。 高质量发展新阶段\n", "发展。 高质量发展新阶段\n"),
                // Trap: five name-like tokens are a list.
                (
                    "发展。 张三 李四 王五 赵六 钱七\n",
                    "发展。 张三 李四 王五 赵六 钱七\n",
                ),
                ("", ""),
            ],
        );
    }

    #[test]
    fn trailing_byline_spans() {
        let line = "发展。 何昶 周芳";
        let gap = trailing_byline(line).unwrap();
        assert_eq!(&line[gap.clone()], " ");
        assert_eq!(&line[gap.end..], "何昶 周芳");
        assert_eq!(trailing_byline("发展。"), None);
    }
}
