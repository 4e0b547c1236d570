//! The score of one line break: a sum of named signals, each a weight in
//! favour of a wrap (positive) or of a boundary (negative). The break is a
//! wrap when the sum is above zero.

use super::layout::{
    Column, DocStats, Lead, LeadStyle, FULL_TOLERANCE, INDENT_MAX, LEAD_INDENT_MAX,
};
use super::lines::{
    enumeration, han_pair, is_doubled_pair, opens_with_word_end, Line, LineKind, DATELINE_REACH,
};
use crate::passes::numbers::MAGNITUDE_CHARS;
use crate::text::{
    is_cjk_letter, is_han, is_hspace, is_latin_alnum, never_ends_line, never_starts_line,
    solid_cells,
};

// Punctuation at the end of the line before the break.
/// `。！？…` (closing quotes allowed), or a sentence and a byline.
pub const END_SENTENCE: f32 = -3.0;
/// `；` ends a sentence for the shape rules (a list item's end) but
/// ends a clause inside a paragraph far more often: a weak boundary, which
/// a full line before it outweighs.
pub const END_SEMICOLON: f32 = -1.0;
/// `）》` closing a parenthesis or a title without a sentence end before
/// it (`…生产总值（GDP）` / `2846.3亿元，…`, `…发布《评价报告》`): the
/// sentence goes on, as at every such line end of the golden set and the
/// layout sweeps. (A credit, `（张海鹏 摄）`, is no running text.)
pub const END_BRACKET: f32 = 1.5;
/// `，、` and an ASCII `;` (not yet widened; `；` takes `END_SEMICOLON`):
/// the sentence goes on.
pub const END_CLAUSE: f32 = 3.0;
/// `：` goes on too, but short lines ending in it are kickers (`随州高新区：`).
pub const END_COLON: f32 = 0.5;
/// No punctuation at all: the line stops inside a sentence.
pub const END_WORD: f32 = 2.0;
/// A closing quote after a word, on a line of running text (`…专精特新
/// “小巨人”` / `企业27家，…`): a quoted term, and the sentence goes on as
/// after a word. (A quotation that ends a sentence ends with its mark
/// first, `…。”`; a headline's quoted term is on a line without clause
/// marks.)
pub const END_QUOTED_TERM: f32 = END_WORD;
/// A function word (`的`, `与`, `和`, `对` …) ends neither a headline nor a
/// paragraph: the phrase goes on (on top of `end-word`).
pub const END_FUNCTION_WORD: f32 = 2.0;
/// The line has clause punctuation and only one or two characters after the
/// last mark (`…有影响力、有`, `…成立以来，共`): a clause cut by the width.
pub const END_FRAGMENT: f32 = 1.5;
/// An opening bracket or quote never ends a line of running text.
pub const END_OPEN: f32 = 3.0;
/// Closing punctuation never starts a line of running text.
pub const START_CLOSE: f32 = 3.0;
/// Nor does one letter and a mark after it (`线，服从…`): the end of a word
/// the line before began. No paragraph, headline or item opens so (`一、`
/// is an item's number, `问：` a speaker's label).
pub const START_FRAGMENT: f32 = 2.5;
/// A bracket opened and not closed on a line that stops on a word (short
/// of the column, without punctuation of running text): what is inside
/// goes on.
pub const OPEN_BRACKET: f32 = 2.0;
/// A line that ends on a time or a number (`…10月1日18时`) before one that
/// opens with the end of a range (`至23时。`): one span of time or values.
pub const RANGE_END: f32 = 3.0;
/// A line that ends on a date or time (`…2024年10月1日`) before one that
/// opens with a number and a smaller unit of it (`18时至23时。`): one
/// point in time, written on.
pub const DATE_GOES_ON: f32 = 3.0;
/// A bracket opened and not closed on the line before, closed by the next
/// line before it opens or closes any other: a bracket's content is never
/// two units (`滨江路（解放桥至人民桥` / `段）、沿河东路…`).
pub const BRACKET_CLOSES: f32 = 5.0;

// Widths against the column.
/// The line before reaches the column width: the text was wrapped there.
pub const PREV_FULL: f32 = 2.0;
/// The line before stops well short of the column: its paragraph ended.
pub const PREV_SHORT: f32 = -3.0;
/// The line before is an indented first line that does not end a sentence,
/// and the next line is not short.
pub const PREV_FIRST: f32 = 1.0;
/// The next line is about two characters narrower than the column: the
/// first line of a paragraph. Halved when the next line ends a sentence (it
/// may be the last line of the paragraph).
pub const NEXT_INDENT: f32 = -2.0;
/// The next line is full width: not the first line of a paragraph.
pub const NEXT_FULL: f32 = 1.5;
/// … and more so after a sentence's end in a column whose paragraphs open
/// set in (the extraction dropped the indent, the widths still show it):
/// `…实则是民生大事。` (as wide as a first line) / `与大型公园相比，…` (full).
pub const NEXT_NOT_FIRST: f32 = 2.0;
/// The next line is far wider than the column of the line before: a new
/// block (a caption, a wider column) starts.
pub const NEXT_WIDE: f32 = -2.0;
/// The next line is short in the column of the line before, yet it does not
/// end a sentence: it is no last line of that paragraph but a narrower block
/// or a headline.
pub const NEXT_NARROW: f32 = -2.0;

// Words and numbers across the break.
/// The two Han characters at the break are a pair the document writes
/// elsewhere (`…中` + `心、…`): a word spans the break. Halved for one
/// occurrence.
pub const BIGRAM: f32 = 1.5;
/// A line ending in a digit or Latin letter, the next one going on with
/// letters, digits or Han (`约 60` + `亿元`, `10Gwh` + `的pack`).
pub const ALNUM_WRAP: f32 = 2.5;

/// The paragraph so far has opened a quotation (`“`) that it has not
/// closed: the quoted speech goes on after a sentence end.
pub const OPEN_QUOTE: f32 = 2.0;

// The extractor's own marks.
/// A single newline where the document usually leaves a blank line: the
/// extractor saw a different text object (headline lines, a new block).
pub const ODD_SINGLE: f32 = -2.5;
/// More blank lines than usual.
pub const EXTRA_BLANKS: f32 = -0.5;
/// A blank line where the extractor leaves them between units only
/// ([`DocStats::blank_separates`]).
pub const BLANK_SEPARATOR: f32 = -3.0;
/// The next line starts with more spaces than lines usually do (where the
/// block has no lead style), or far right of the margin (where it has one).
pub const LEAD_SPACE: f32 = -3.0;
/// Where the block marks first lines with leading spaces
/// ([`LeadStyle`]): the next line is indented, so a paragraph starts.
pub const LEAD_INDENT: f32 = -4.0;
/// … or it is at the margin after a line that reached the column (or an
/// indented first line): the paragraph goes on.
pub const LEAD_FLUSH: f32 = 1.5;
/// The next line opens with a dateline (`本报讯`, `科技日报讯`): an article
/// starts.
pub const DATELINE: f32 = -5.0;

/// The next line opens with a phrase that news paragraphs open with
/// (`据介绍，`, `近年来，`) after a sentence end: a new paragraph (it tips a
/// full line ending in `。` followed by a full line).
pub const NEXT_OPENER: f32 = -1.5;
/// The next line opens a quotation after a sentence end: news sets a
/// quotation as a paragraph of its own three times as often as it opens
/// one inside a paragraph after a sentence (87 to 28 on the golden set and
/// the sweeps' sources).
pub const NEXT_QUOTE: f32 = -1.5;
/// The next line opens with a speaker, a verb of saying and `，` after a
/// sentence that no quotation ends (`业内专家认为，…`, `市住建局相关负责人
/// 表示，…`): reported speech opens a paragraph four times as often as it
/// goes on in one (23 to 5 on the golden set and the sweeps' sources;
/// quoted speech, `她说：“…”`, goes on: 4 to 1).
pub const NEXT_SOURCE: f32 = -1.5;
/// The next line opens with a verb of saying and `，` or `：` (`表示，`,
/// `指出：`): the rest of a sentence whose speaker ended the line before
/// (`…主任徐迎庆` / `表示，…`). No unit starts so, a headline is not
/// followed so.
pub const NEXT_SPEECH: f32 = 6.0;
/// The line before ends a quotation (`…的桥梁。”`) and the next opens with
/// its speaker and a verb of saying (`郑国强说。`, `林浩说，公司…`): the
/// attribution goes on in the quotation's paragraph, as news writes it.
pub const QUOTE_SPEAKER: f32 = 4.0;
/// Most characters of a speaker before the verb (`北汽福田潍坊厂区相关负责人刘耀杰`).
const MAX_SPEAKER: usize = 16;
/// Verbs of saying that follow their speaker ([`NEXT_SPEECH`]).
const SPEECH_VERBS: &[&str] = &[
    "表示",
    "指出",
    "认为",
    "强调",
    "介绍",
    "介绍说",
    "说",
    "透露",
    "坦言",
    "称",
    // Traditional forms that differ.
    "認為",
    "認爲",
    "強調",
    "介紹",
    "介紹說",
    "說",
    "稱",
];

/// The last characters of [`SPEECH_VERBS`].
const VERB_ENDS: [char; 15] = [
    '示', '出', '为', '调', '绍', '说', '露', '言', '称', '為', '爲', '調', '紹', '說', '稱',
];

/// Whether `text` opens with one of [`SPEECH_VERBS`] and `，` or `：`.
fn opens_with_speech(text: &str) -> bool {
    opens_with(text, SPEECH_VERBS, starts_speech_verb, &['，', '：'])
}

/// Whether `text` opens with a speaker (one to [`MAX_SPEAKER`] Han, a
/// name or a title, `·` inside a foreign name) and one of [`SPEECH_VERBS`]
/// then `，`, `。` or `：`. Not a source (`据馆长郑国强介绍，`: "according
/// to"), which opens a paragraph.
fn opens_with_speaker(text: &str) -> bool {
    speaker_then(text).is_some_and(|c| matches!(c, '，' | '。' | '：'))
}

/// What follows a speaker and one of [`SPEECH_VERBS`] that open `text`
/// (see [`opens_with_speaker`]), if they do: `，`, `。` or `：`.
fn speaker_then(text: &str) -> Option<char> {
    if text.starts_with(['据', '據']) {
        return None;
    }
    // The first of those marks within reach, found by its bytes (asked
    // after most sentence ends, this is read on many lines): the speaker
    // and the verb are the Han before it.
    let bytes = text.as_bytes();
    let reach = &bytes[..bytes.len().min(3 * (MAX_SPEAKER + 3) + 3)];
    // Lead bytes of the full-width forms and of CJK punctuation (most Han
    // have others): the marks' first bytes.
    let mut from = 0;
    let at = loop {
        let at = from + memchr::memchr2(0xEF, 0xE3, &reach[from..])?;
        if matches!(
            bytes.get(at..at + 3)?,
            [0xEF, 0xBC, 0x8C | 0x9A] | [0xE3, 0x80, 0x82]
        ) {
            break at;
        }
        from = at + 1;
    };
    let words = &text[..at];
    // The verbs' last characters, told before any verb is compared.
    if !words.ends_with(VERB_ENDS) {
        return None;
    }
    let then = text[at..].chars().next()?;
    let verb = SPEECH_VERBS.iter().find(|verb| {
        words
            .strip_suffix(*verb)
            .is_some_and(|speaker| !speaker.is_empty() && speaker.chars().count() <= MAX_SPEAKER)
    })?;
    words[..words.len() - verb.len()]
        .chars()
        .all(|c| is_han(c) || c == '·')
        .then_some(then)
}

/// Most characters of a speaker's label (`记者：`, `刘云：`, `主持人：`).
const MAX_LABEL: usize = 4;

/// Words that a colon follows inside a paragraph, not labels.
const NOT_LABELS: &[&str] = &["其中", "例如", "比如", "如下", "包括", "即"];

/// Whether `text` opens with a speaker's label: one to [`MAX_LABEL`] Han
/// and a colon (`记者：`, `刘云：`, `问：`), as the turns of an interview
/// do. Not a verb of saying (`他说：` goes on in its paragraph) nor a word
/// a colon follows inside one (`其中：`).
fn opens_with_label(text: &str) -> bool {
    // Most lines have no colon that near their start.
    if !has_colon_near_start(text) {
        return false;
    }
    let Some((at, _)) = text
        .char_indices()
        .take(MAX_LABEL + 1)
        .find(|&(_, c)| !is_han(c))
    else {
        return false;
    };
    let label = &text[..at];
    !label.is_empty()
        && text[at..].starts_with(['：', ':'])
        && !SPEECH_VERBS.iter().any(|verb| label.ends_with(verb))
        && !NOT_LABELS.contains(&label)
}

/// Most characters of a time label (`24日至25日：`).
const MAX_TIME_LABEL: usize = 12;

/// Whether `text` opens with a time label: numbers with their date or
/// time units, maybe a range (`22日：`, `24日至25日：`, `8时—12时：`), and
/// a colon, as the items of a schedule or a forecast set one to a line do.
/// (A date that opens a sentence has no colon after it: `4月20日，…`.)
fn opens_with_time_label(text: &str) -> bool {
    if !text.starts_with(|c: char| c.is_ascii_digit()) {
        return false;
    }
    let mut after_unit = false;
    for (i, c) in text.chars().enumerate().take(MAX_TIME_LABEL + 1) {
        match c {
            '0'..='9' => after_unit = false,
            '年' | '月' | '日' | '号' | '时' | '點' | '点' | '號' | '時' => {
                after_unit = true
            }
            '至' | '—' | '-' | '～' | '~' if after_unit => after_unit = false,
            '：' | ':' => return after_unit && i > 1,
            _ => return false,
        }
    }
    false
}

/// The first characters of [`SPEECH_VERBS`].
fn starts_speech_verb(c: char) -> bool {
    matches!(
        c,
        '表' | '指' | '认' | '强' | '介' | '说' | '透' | '坦' | '称' | '認' | '強' | '說' | '稱'
    )
}

/// Whether `text` opens with one of `phrases` followed by one of `then`.
/// `starts` tells the phrases' first characters: most lines start with
/// none, told without comparing whole phrases.
fn opens_with(text: &str, phrases: &[&str], starts: impl Fn(char) -> bool, then: &[char]) -> bool {
    text.chars().next().is_some_and(starts) && opens_with_phrase(text, phrases, then)
}

/// Whether `text` opens with one of `phrases` followed by one of `then`,
/// compared phrase by phrase.
fn opens_with_phrase(text: &str, phrases: &[&str], then: &[char]) -> bool {
    phrases.iter().any(|phrase| {
        text.strip_prefix(phrase)
            .is_some_and(|rest| rest.starts_with(then))
    })
}

/// Phrases that open a paragraph of news, followed by `，` (not those that
/// go on inside one as often: `同时`, `目前`, `此外`, `其中`).
const PARAGRAPH_OPENERS: &[&str] = &[
    "据介绍",
    "据悉",
    "据了解",
    "近日",
    "日前",
    "近年来",
    "今年以来",
    "下一步",
    "数据显示",
    "记者了解到",
    // Traditional forms that differ.
    "據介紹",
    "據悉",
    "據了解",
    "近年來",
    "今年以來",
    "數據顯示",
    "記者了解到",
];

/// Whether `text` opens with one of [`PARAGRAPH_OPENERS`] and `，`, with
/// the angle figures are read from ([`opens_with_view_phrase`]), or with
/// one of [`EDITORIAL_LABELS`] and a colon.
pub fn opens_paragraph(text: &str) -> bool {
    let Some(first) = text.chars().next() else {
        return false;
    };
    // The first character decoded once for the three kinds (asked at
    // most breaks).
    (starts_opener(first) && opens_with_phrase(text, PARAGRAPH_OPENERS, &['，']))
        || (matches!(first, '分' | '从' | '從') && opens_with_view_phrase(text))
        || (starts_editorial_label(first)
            && has_colon_near_start(text)
            && opens_with_phrase(text, EDITORIAL_LABELS, &['：', ':']))
}

/// Whether `text` may have a colon within [`MAX_LABEL`] characters of its
/// start: `:`, or the last byte of `：` (U+FF1A), tells without decoding.
fn has_colon_near_start(text: &str) -> bool {
    let head = &text.as_bytes()[..text.len().min(4 * MAX_LABEL + 3)];
    head.iter().any(|&b| b == b':' || b == 0x9a)
}

/// Whether `text` ends by announcing what follows (`如下：`, `如下:`).
fn ends_announcing_list(text: &str) -> bool {
    text.strip_suffix(['：', ':'])
        .is_some_and(|rest| rest.ends_with("如下"))
}

/// Whether `text` opens with the angle a paragraph of figures is read
/// from: `分` or `从`, one to four Han, `看` (or `来看`) and `，`
/// (`分领域看，`, `从板块看，`, `从主要指标看，`), as statistics reports
/// open their paragraphs.
fn opens_with_view_phrase(text: &str) -> bool {
    let mut chars = text.chars().skip(1);
    let mut han = 0;
    for c in chars.by_ref().take(6) {
        match c {
            '看' if han > 0 => {
                return chars.next().is_some_and(|c| matches!(c, '，' | ','));
            }
            '来' | '來' if han > 0 => {
                return chars.next() == Some('看')
                    && chars.next().is_some_and(|c| matches!(c, '，' | ','));
            }
            c if is_han(c) && han < 4 => han += 1,
            _ => return false,
        }
    }
    false
}

/// The labels of a paper's own notes around a story, followed by a colon
/// (`编者按：`, `记者手记：`, `相关链接：`): each opens a paragraph, never
/// goes on inside one.
const EDITORIAL_LABELS: &[&str] = &[
    "编者按",
    "编者的话",
    "编后",
    "编后语",
    "记者手记",
    "相关链接",
    "新闻链接",
    "背景链接",
    "延伸阅读",
    "小贴士",
    "温馨提示",
    // Traditional forms that differ.
    "編者按",
    "編者的話",
    "編後",
    "編後語",
    "記者手記",
    "相關鏈接",
    "新聞鏈接",
    "背景鏈接",
    "延伸閱讀",
    "小貼士",
    "溫馨提示",
];

/// The first characters of [`EDITORIAL_LABELS`] (a test checks them).
fn starts_editorial_label(c: char) -> bool {
    matches!(
        c,
        '编' | '編' | '记' | '記' | '相' | '新' | '背' | '延' | '小' | '温' | '溫'
    )
}

/// Whether `text` opens with a time phrase and `，`: a date (`4月20日，`,
/// `2024年，`, `3月份以来，`) or a named time (`今年，`, `一季度，`,
/// `今年上半年，`, `当天下午，`), as news paragraphs and briefs open.
/// Inside a sentence such a phrase follows a word that takes it (`到`,
/// `自`, `于`: see [`stops_before_time`]) or another time word.
pub fn opens_with_time_phrase(text: &str) -> bool {
    // Asked at many breaks: most lines open with none of the characters a
    // date or a named time opens with.
    if !text.starts_with(|c: char| c.is_ascii_digit() || may_open_named_time(c)) {
        return false;
    }
    let Some(rest) = strip_date(text).or_else(|| strip_named_time(text)) else {
        return false;
    };
    let rest = TIME_SUFFIXES
        .iter()
        .find_map(|s| rest.strip_prefix(s))
        .unwrap_or(rest);
    rest.starts_with(['，', ','])
}

/// Whether `c` is the first character of one of [`NAMED_TIMES`],
/// [`YEAR_PERIODS`] or the years before them (a test checks that none is
/// missing).
fn may_open_named_time(c: char) -> bool {
    matches!(
        c,
        '今' | '去'
            | '明'
            | '前'
            | '昨'
            | '近'
            | '此'
            | '当'
            | '當'
            | '上'
            | '下'
            | '第'
            | '一'
            | '二'
            | '三'
            | '四'
            | '年'
    )
}

/// Words after a named time or a date: `以来`, `上午`, `起`, `中旬` …
const TIME_SUFFIXES: &[&str] = &[
    "以来", "以來", "前后", "前後", "上午", "下午", "晚上", "晚间", "晚間", "凌晨", "中午", "期间",
    "期間", "中旬", "上旬", "下旬", "起", "底", "初", "末",
];

/// Times named by words (`当天`, `一季度`), longest first where one starts
/// another; [`strip_named_time`] also takes `今年` / `去年` / `明年` before
/// the periods of a year.
const NAMED_TIMES: &[&str] = &[
    "今年", "去年", "明年", "前年", "今天", "昨天", "昨日", "今日", "明天", "近期", "此前", "当天",
    "当日", "當天", "當日",
];
const YEAR_PERIODS: &[&str] = &[
    "上半年",
    "下半年",
    "前三季度",
    "第一季度",
    "第二季度",
    "第三季度",
    "第四季度",
    "一季度",
    "二季度",
    "三季度",
    "四季度",
    "年初",
    "年底",
    "年末",
    "年内",
    "年內",
];

/// `text` after the date it opens with: one to three groups of digits and
/// a unit of a date (`2024年4月20日`, `20日`, `3月份`).
fn strip_date(text: &str) -> Option<&str> {
    let mut rest = text;
    let mut groups = 0;
    while groups < 3 {
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        if !(1..=4).contains(&digits) {
            break;
        }
        let after = &rest[digits..];
        let Some(unit) = after
            .chars()
            .next()
            .filter(|c| matches!(c, '年' | '月' | '日' | '号' | '號'))
        else {
            break;
        };
        rest = &after[unit.len_utf8()..];
        if unit == '月' {
            rest = rest.strip_prefix('份').unwrap_or(rest);
        }
        groups += 1;
    }
    (groups > 0).then_some(rest)
}

/// `text` after the named time it opens with (`今年上半年`, `一季度`, `当天`).
fn strip_named_time(text: &str) -> Option<&str> {
    let year = ["今年", "去年", "明年"]
        .iter()
        .find_map(|y| text.strip_prefix(y));
    year.and_then(strip_year_period)
        .or_else(|| strip_year_period(text))
        .or_else(|| NAMED_TIMES.iter().find_map(|t| text.strip_prefix(t)))
}

/// `text` after the period of a year it opens with (`上半年`, `一季度`).
fn strip_year_period(text: &str) -> Option<&str> {
    YEAR_PERIODS.iter().find_map(|p| text.strip_prefix(p))
}

/// Whether `line` stops on a word that a time phrase goes on (`提出到` /
/// `2026年，`, `自` / `2016年以来`) or on part of a time (`今年` /
/// `上半年，`), or on a dateline's `本报讯` / `新华社电`.
fn stops_before_time(line: &Line) -> bool {
    matches!(
        line.last,
        '到' | '自'
            | '至'
            | '从'
            | '從'
            | '由'
            | '迄'
            | '截'
            | '年'
            | '月'
            | '日'
            | '天'
            | '今'
            | '去'
            | '明'
            | '前'
            | '当'
            | '當'
            | '讯'
            | '訊'
            | '电'
            | '電'
    )
}

/// The first characters of [`PARAGRAPH_OPENERS`].
fn starts_opener(c: char) -> bool {
    matches!(
        c,
        '据' | '近' | '日' | '今' | '下' | '数' | '记' | '據' | '數' | '記'
    )
}

// Lines that stand alone.
/// A credit or caption line, or a line led by a byline marker.
pub const STANDALONE: f32 = -6.0;
/// No punctuation of running text and a width unlike the column (or short
/// where there is no column): a headline, subheading or name line.
pub const HEADLINE: f32 = -3.0;
/// (The same weight marks the lines between a sentence end and a dateline:
/// `*-article-head`, a numbered subheading at any width other than the
/// column's, and the start of a numbered item after a sentence or a colon:
/// `next-enumeration`.)
/// Two phrases set apart by a space and no punctuation of running text
/// (`精准谋划 精细指导`), narrower than the column: a subheading.
pub const PHRASES: f32 = -4.0;
/// Without a column, a headline is at most this wide (cells).
const HEADLINE_MAX_WIDTH: usize = 64;
/// Without a column or running text around, a headline is at most this wide.
const SHORT_WITHOUT_CONTEXT: usize = 24;

/// The decision about one break and why.
#[derive(Debug, Clone, Default)]
pub struct Verdict {
    pub score: f32,
    /// Every signal with its weight, when they are recorded (for
    /// `--explain`; a list per break is most of this pass's memory).
    pub signals: Vec<(&'static str, f32)>,
    record: bool,
}

impl Verdict {
    /// A verdict that keeps its signals if `record`.
    pub fn new(record: bool) -> Self {
        Verdict {
            record,
            ..Verdict::default()
        }
    }

    pub fn add(&mut self, name: &'static str, weight: f32) {
        self.score += weight;
        if self.record {
            self.signals.push((name, weight));
        }
    }

    /// A wrap inside a paragraph (else a boundary between units).
    pub fn is_wrap(&self) -> bool {
        self.score > 0.0
    }

    /// `+2.0 prev-full, -3.0 end-sentence, …` for `--explain`.
    pub fn describe(&self) -> String {
        self.signals
            .iter()
            .map(|(name, w)| format!("{w:+.1} {name}"))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// A line with the column width around it.
#[derive(Debug, Clone, Copy)]
pub struct Placed<'l, 'a> {
    pub line: &'l Line<'a>,
    pub column: Option<Column>,
    /// The usual width of running text around the line (loose cells).
    pub running: Option<usize>,
    /// The line is one of the lines right before a dateline.
    pub article_head: bool,
    /// The line comes right after a byline line (`本报记者 江月 实习生 周晨`):
    /// a story's first line.
    pub after_byline: bool,
    /// The line is a row of a table (`mod.rs`: `table_rows`).
    pub table_row: bool,
    /// The line is one of a series of subheadings that open alike
    /// (`mod.rs`: `parallel_heads`).
    pub parallel_head: bool,
    /// How the block around the line marks first lines with leading spaces.
    pub lead_style: Option<LeadStyle>,
    /// The line ends on a colon and the next line has punctuation of
    /// running text or opens with an item's number: a lead-in (`…以下几项
    /// 重点` / `工作：` / `1.严控…。`, `…通告如下：` / `一、管制时间…`), not a
    /// kicker over a headline (`随州高新区：` / `总投资额约60亿元`).
    pub lead_in: bool,
}

/// How a line's width compares with its column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fill {
    Full,
    /// One character short: full for the line before a break, too close to
    /// call for the line after it.
    Nearly,
    /// About two characters short: a first line.
    Indented,
    Short,
    Wide,
    /// No column around this line.
    Unknown,
}

/// Which end of a line, for [`Placed::fill_at`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Edge {
    First,
    Last,
}

/// How a line `w` cells wide fills a column `col` cells wide.
fn fill_of(w: usize, col: usize) -> Fill {
    if w > col + INDENT_MAX {
        Fill::Wide
    } else if w + FULL_TOLERANCE > col {
        Fill::Full
    } else if w + FULL_TOLERANCE == col {
        Fill::Nearly
    } else if w + INDENT_MAX >= col {
        Fill::Indented
    } else {
        Fill::Short
    }
}

/// The widths of the first and the last printed line of `text`, a line too
/// wide for `col`, where it reads as printed lines that `numbers` joined:
/// cut after a digit (or a magnitude after one, `31.5万`), every piece but
/// the last fills the column to within [`FULL_TOLERANCE`] short or one cell
/// over (a number wrap ends a full line: a first line, indented, is left
/// wide), and the last is no wider than the column. `None` where no such cuts exist (a headline across
/// columns, a wider block).
fn number_wrap_pieces(text: &str, col: Column, total: usize) -> Option<(usize, usize)> {
    // Most wide lines (headlines across columns) have no digit at all.
    if !text.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    let fills = |w: usize| w + FULL_TOLERANCE >= col.width && w <= col.width + 1;
    // Greedy from the start: each piece ends at the cut (after a digit, or
    // a magnitude after one: a number went on, or its unit, on the next
    // printed line, `…玉米31.5万` / `亩，…`) that brings it
    // closest to the column among those that fill it. The text is scanned
    // only as far as the pieces reach: once the rest is no wider than the
    // column, it is the last one.
    let (mut start, mut first, mut best) = (0, None, None::<usize>);
    let mut width = crate::text::TypesetWidth::default();
    let mut prev = ' ';
    // The last character was a digit, or a magnitude after one (`31.5万`):
    // a number may end here.
    let mut in_number = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let next = chars.peek().copied();
        width.add(crate::text::typeset_cells(prev, c, next));
        prev = c;
        in_number = c.is_ascii_digit() || (in_number && MAGNITUDE_CHARS.contains(&c));
        let at = col.cells(width);
        if in_number && next.is_some_and(|n| !is_hspace(n)) && fills(at - start) {
            let closer = best
                .is_none_or(|b| (at - start).abs_diff(col.width) < (b - start).abs_diff(col.width));
            if closer {
                best = Some(at);
            }
        }
        // Past every cut that could end this piece: cut at the best one.
        // (Cuts between it and here are too near it to end the next.)
        if at > start + col.width + 1 || next.is_none() {
            let cut = best.take()?;
            first.get_or_insert(cut - start);
            start = cut;
            let rest = total.saturating_sub(start);
            if rest <= col.width + FULL_TOLERANCE {
                return first.map(|f| (f, rest));
            }
        }
    }
    None
}

impl Placed<'_, '_> {
    pub fn fill(&self) -> Fill {
        let Some(col) = self.column else {
            return Fill::Unknown;
        };
        // A letter-spaced line was stretched to the full width.
        if self.line.letter_spaced {
            return Fill::Full;
        }
        fill_of(col.measure(self.line), col.width)
    }

    /// [`Placed::fill`] of the printed line that this line starts with (as
    /// the line after a break, `Edge::First`) or ends with (before one,
    /// `Edge::Last`), against `column` (its own or the one of the line
    /// before). They differ where `numbers`, which runs before this pass,
    /// joined a number wrap: the line is then two or more printed lines of
    /// its own column long (`…上述两个项目总投资50` + `亿元，产值…`), and wide
    /// only as that; measured whole it would look like a new, wider block.
    /// Not in a text that is one unit per line already (this pass's output):
    /// there a paragraph twice as wide as the column with a digit at the
    /// column's width is chance.
    #[inline]
    fn fill_at(&self, edge: Edge, column: Option<Column>, stats: &DocStats) -> Fill {
        let fill = Placed { column, ..*self }.fill();
        if fill != Fill::Wide || self.line.bold || stats.units_per_line {
            return fill;
        }
        let (Some(own), Some(column)) = (self.column, column) else {
            return fill;
        };
        // Wide in a column of its own is a wider block, not a join.
        let in_own = Placed {
            column: Some(own),
            ..*self
        };
        if (own.width, own.tight) != (column.width, column.tight) && in_own.fill() != Fill::Wide {
            return fill;
        }
        match number_wrap_pieces(self.line.text, column, column.measure(self.line)) {
            Some((first, last)) => {
                let piece = if edge == Edge::First { first } else { last };
                fill_of(piece, column.width)
            }
            None => fill,
        }
    }

    /// Evidence that this line stands alone (never joined to a neighbour).
    /// `after`: how the line after it stands ([`NextShape`]).
    fn standalone(&self, v: &mut Verdict, names: &SideNames, after: NextShape) {
        let NextShape {
            first_line: before_first_line,
            flush_after_indent,
        } = after;
        let line = self.line;
        match line.kind {
            LineKind::Credit => return v.add(names.caption, STANDALONE),
            // A caption starts a unit; after its first line it may wrap.
            LineKind::Caption if names.is_next || line.ends_sentence => {
                return v.add(names.caption, STANDALONE)
            }
            LineKind::Caption => return,
            LineKind::Marker => return v.add(names.marker, STANDALONE),
            LineKind::Text => {}
        }
        if self.table_row {
            return v.add(names.table_row, STANDALONE);
        }
        if line.bold {
            return v.add(names.headline, HEADLINE);
        }
        if self.article_head {
            return v.add(names.article_head, HEADLINE);
        }
        // A lead-in's short last line after the break (`…几项重点` /
        // `工作：`) is no headline; before a break it is shaped like one
        // all the same (the break after it is a boundary either way).
        if !line.headline_shaped() || (names.is_next && self.lead_in) {
            return;
        }
        // Two phrases set apart are a subheading unless the line is as wide
        // as the column (a slogan quoted in running text: `在路上 发掘七星`).
        if line.phrases && self.fill() != Fill::Full {
            v.add(names.phrases, PHRASES);
        }
        // A subtitle under a headline (`——记退休教师张桂兰`,
        // `——走访市民俗博物馆`): a dash opens it, and it stands apart at a
        // first line's width too (running text that wraps before a dash
        // goes on at the column's width, or ends a sentence).
        if opens_with_dash(line.text) && !matches!(self.fill(), Fill::Full | Fill::Unknown) {
            return v.add(names.subtitle, STANDALONE);
        }
        match self.fill() {
            Fill::Short | Fill::Wide => v.add(names.headline, HEADLINE),
            // One of a series that opens alike: a subheading at any width.
            _ if self.parallel_head => v.add(names.headline, HEADLINE),
            // Numbered: a subheading at any width but the column's (a
            // numbered item's first line without punctuation can be full,
            // and so can one set in by the indent before a line at the
            // margin: `  一、管制时间：2024年10月1日` / `18时至23时。`).
            Fill::Indented | Fill::Nearly
                if enumeration(line.text).is_some()
                    && !(flush_after_indent && self.fill() == Fill::Indented) =>
            {
                v.add(names.headline, HEADLINE)
            }
            // … and at the column's width where a paragraph's first line
            // follows (`一、信息技术服务收入占比过六成` / `分领域看，…`): an
            // item's first line goes on flush.
            Fill::Full if before_first_line && enumeration(line.text).is_some() => {
                v.add(names.headline, HEADLINE)
            }
            // Without a column: short against the running text around, or
            // very short where there is too little running text to tell.
            Fill::Unknown
                if line.width().loose <= HEADLINE_MAX_WIDTH
                    && self
                        .running
                        .map_or(line.width().loose <= SHORT_WITHOUT_CONTEXT, |r| {
                            line.width().loose + INDENT_MAX < r
                        }) =>
            {
                v.add(names.headline, HEADLINE)
            }
            // As wide as a first line, or as the column: no shape evidence.
            Fill::Indented | Fill::Nearly | Fill::Full | Fill::Unknown => {}
        }
    }
}

/// Whether `text` opens with a dash (`——`, or `—` and a letter).
fn opens_with_dash(text: &str) -> bool {
    let mut chars = text.chars();
    chars.next() == Some('—') && chars.next().is_some_and(|c| c == '—' || is_cjk_letter(c))
}

/// How the line after a break stands, for [`Placed::standalone`] of the
/// line before it (all `false` for the line after).
#[derive(Clone, Copy, Default)]
struct NextShape {
    /// A paragraph's first line that goes on (set in by the indent,
    /// ending no sentence).
    first_line: bool,
    /// At the margin, the line before set in by the indent.
    flush_after_indent: bool,
}

/// Signal names for the line before and the line after a break.
struct SideNames {
    is_next: bool,
    caption: &'static str,
    marker: &'static str,
    headline: &'static str,
    subtitle: &'static str,
    article_head: &'static str,
    table_row: &'static str,
    phrases: &'static str,
}

const PREV: SideNames = SideNames {
    is_next: false,
    caption: "prev-caption",
    marker: "prev-marker",
    headline: "prev-headline",
    subtitle: "prev-subtitle",
    article_head: "prev-article-head",
    table_row: "prev-table-row",
    phrases: "prev-phrases",
};
const NEXT: SideNames = SideNames {
    is_next: true,
    caption: "next-caption",
    marker: "next-marker",
    headline: "next-headline",
    subtitle: "next-subtitle",
    article_head: "next-article-head",
    table_row: "next-table-row",
    phrases: "next-phrases",
};

/// Clause punctuation with at most two characters after the last mark.
fn ends_in_fragment(text: &str) -> bool {
    let tail = text
        .chars()
        .rev()
        .filter(|&c| !is_hspace(c))
        .take_while(|&c| !matches!(c, '，' | '、' | '；' | ',' | ';'))
        .take(3)
        .count();
    // More characters than the tail (without counting them all).
    tail <= 2 && text.chars().nth(tail).is_some()
}

/// Cells a paragraph's first line is set in by (two Han).
const FIRST_LINE_INDENT: usize = 4;

/// Cells of the unit that `text` opens with where no line breaks inside
/// it: a run of ASCII letters, digits and marks (`Peter`, `18.3%`,
/// `RISC-V`) and the marks after it that never start a line (`，`), in
/// `col`'s convention; 0 where `text` opens otherwise (a Han, which a
/// line may end before: within the column's tolerance).
pub(super) fn unbreakable_head(text: &str, col: Column) -> usize {
    let mut chars = text.chars().peekable();
    if !chars.peek().is_some_and(char::is_ascii_alphanumeric) {
        return 0;
    }
    let mut cells = 0;
    while let Some(c) = chars.next_if(char::is_ascii_graphic) {
        cells += col.cells(solid_cells(c));
    }
    while let Some(c) = chars.next_if(|&c| never_starts_line(c)) {
        cells += col.cells(solid_cells(c));
    }
    cells
}

/// `text` opens a bracket (`（`, `《`, `(`) that it does not close: the
/// words inside go on into the next line (`…滨江路（解放桥至人民桥` /
/// `段）、…`). Read in order: a closing bracket before any opening one
/// closes one of the line before (`段）…（注`), and opens nothing.
fn opens_unclosed_bracket(text: &str) -> bool {
    // `（）` are EF BC 88/89 in UTF-8, `《》` E3 80 8A/8B. (Asked only of
    // short lines shaped like a headline: a plain walk over the bytes.)
    let bytes = text.as_bytes();
    let mut depth = 0u32;
    for at in 0..bytes.len() {
        match bytes[at..] {
            [b'(', ..] | [0xef, 0xbc, 0x88, ..] | [0xe3, 0x80, 0x8a, ..] => depth += 1,
            [b')', ..] | [0xef, 0xbc, 0x89, ..] | [0xe3, 0x80, 0x8b, ..] => {
                depth = depth.saturating_sub(1)
            }
            _ => {}
        }
    }
    depth > 0
}

/// Whether `text` ends on a number, or on a unit of time or a date right
/// after one (`18时`, `1日`, `2024年`, `8点`): where a range may start.
fn ends_range_start(text: &str) -> bool {
    let mut tail = text.chars().rev();
    match tail.next() {
        Some(c) if c.is_ascii_digit() => true,
        Some(c) if date_unit_rank(c).is_some() => tail.next().is_some_and(|c| c.is_ascii_digit()),
        _ => false,
    }
}

/// The rank of a unit of a date or time, larger for a larger unit:
/// `年` before `月` before `日` (`号`) before `时` (`点`) before `分`
/// before `秒`.
fn date_unit_rank(c: char) -> Option<u8> {
    Some(match c {
        '年' => 6,
        '月' => 5,
        '日' | '号' | '號' => 4,
        '时' | '時' | '点' | '點' => 3,
        '分' => 2,
        '秒' => 1,
        _ => return None,
    })
}

/// Whether `line` ends on a number and a unit of a date or time
/// (`2024年10月1日`) and `next` opens with a number and a smaller unit
/// (`18时至23时。`): the date goes on (`1日18时`). Not a unit as large or
/// larger (`2023年` / `2024年…`: two dates), nor a number without its unit.
fn date_goes_on(line: &str, next: &str) -> bool {
    let mut tail = line.chars().rev();
    let Some(rank) = tail.next().and_then(date_unit_rank) else {
        return false;
    };
    if !tail.next().is_some_and(|c| c.is_ascii_digit()) {
        return false;
    }
    let digits = next.bytes().take_while(u8::is_ascii_digit).count();
    digits > 0
        && next[digits..]
            .chars()
            .next()
            .and_then(date_unit_rank)
            .is_some_and(|next_rank| next_rank < rank)
}

/// Whether `text` opens with the end of a range: `至` or `到` and a digit
/// (`至23时。`, `到25日`).
fn opens_range_end(text: &str) -> bool {
    let mut chars = text.chars();
    matches!(chars.next(), Some('至' | '到')) && chars.next().is_some_and(|c| c.is_ascii_digit())
}

/// Whether `next` closes the bracket that `line` opened last and left open
/// (`（…` / `…）`, `《…` / `…》`, `(…` / `…)`, `【…` / `…】`), before any
/// other bracket, and does not open with an item's label that a closing
/// bracket ends (`1）`, `a)`, `一）`).
fn next_closes_bracket(line: &str, next: &str) -> bool {
    const PAIRS: [(char, char); 4] = [('（', '）'), ('(', ')'), ('《', '》'), ('【', '】')];
    let is_bracket = |c: char| PAIRS.iter().any(|&(o, x)| c == o || c == x);
    // Most lines open no bracket: a look at the bytes first (`（` is
    // EF BC 88 in UTF-8, `《` E3 80 8A, `【` E3 80 90), by a vectorised
    // search for their first bytes, as this is asked at most breaks.
    let bytes = line.as_bytes();
    let opens = memchr::memchr3_iter(b'(', 0xef, 0xe3, bytes).any(|at| {
        matches!(
            bytes[at..],
            [b'(', ..] | [0xef, 0xbc, 0x88, ..] | [0xe3, 0x80, 0x8a | 0x90, ..]
        )
    });
    if !opens {
        return false;
    }
    let mut open: Vec<char> = Vec::new();
    for c in line.chars() {
        if let Some(&(_, close)) = PAIRS.iter().find(|&&(o, _)| o == c) {
            open.push(close);
        } else if is_bracket(c) && open.last() == Some(&c) {
            open.pop();
        }
    }
    let Some(&close) = open.last() else {
        return false;
    };
    let Some(at) = next.find(is_bracket) else {
        return false;
    };
    let label = &next[..at];
    let is_label = !label.is_empty()
        && label.chars().count() <= 3
        && label
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "一二三四五六七八九十".contains(c));
    next[at..].starts_with(close) && !is_label
}

/// Longest pair of lines (bytes) checked for a split fake-bold line.
const SHORT_PAIR_BYTES: usize = 600;

/// Characters that follow a number as its unit or measure word.
const UNITS: &str = concat!(
    "亿万千百元角分个家名人位年月日时号次项台辆吨米亩条场倍度岁天周层件只套期批所座户份多余%％",
    // Traditional forms that differ.
    "億萬個時號項臺輛噸畝條場歲週層隻戶餘",
);

/// A number or Latin word at the end of a line goes on in the next one: a
/// digit followed by digits or a unit (`约 60` + `亿元`), a Latin word
/// followed by letters or Han (`10Gwh` + `的pack`).
fn alnum_goes_on(last: char, first: char) -> bool {
    if last.is_ascii_digit() {
        first.is_ascii_digit() || first == '.' || UNITS.contains(first)
    } else if last.is_ascii_alphabetic() {
        first.is_ascii_alphanumeric() || is_cjk_letter(first)
    } else {
        false
    }
}

/// What is known about a break besides its two lines.
#[derive(Debug, Clone, Copy, Default)]
pub struct Context {
    /// Blank lines between the two lines.
    pub blanks: usize,
    /// The breaks on both sides have blank lines too.
    pub among_blanks: bool,
    /// Quotations opened and not closed in the paragraph up to the break.
    pub open_quotes: usize,
    /// Keep the signals of the verdict (else only its score).
    pub record: bool,
    /// Both lines are in a column whose paragraphs open set in by an
    /// indent the extraction dropped (`mod.rs`: `columns_opening_set_in`).
    pub first_lines_set_in: bool,
}

/// Whether `line` stops where no clause goes on into a paragraph opener on
/// the next line: on a Han character (not a function word, not `在` or
/// `于`) or a closing quote. A line of a dateline and little more
/// (`本报讯 记者 李争粉`) goes on into its story.
fn cut_off(line: &Line) -> bool {
    !(line.dateline && line.non_space() <= DATELINE_REACH)
        && (matches!(line.last, '”' | '’')
            || (is_cjk_letter(line.last) && !line.ends_wanting_more()))
}

/// Scores the break between `prev` and `next`.
pub fn score(prev: Placed, next: Placed, context: Context, stats: &DocStats) -> Verdict {
    let blanks = context.blanks;
    let mut v = Verdict::new(context.record);
    let (p, n) = (prev.line, next.line);

    // How the line before ends.
    if p.ends_sentence && matches!(p.last, '；' | ';') {
        v.add("end-semicolon", END_SEMICOLON);
    } else if p.ends_sentence {
        v.add("end-sentence", END_SENTENCE);
    } else if matches!(p.last, '，' | '、' | '；' | ',' | ';') {
        v.add("end-clause", END_CLAUSE);
    } else if matches!(p.last, '：' | ':') {
        // In a text that is one unit per line already, a line ending on a
        // colon is a lead-in to the next unit.
        if !(stats.units_per_line && prev.column.is_none()) {
            v.add("end-colon", END_COLON);
        }
    } else if matches!(p.last, '）' | ')' | '》') {
        v.add("end-bracket", END_BRACKET);
    } else if matches!(p.last, '”' | '’' | '"')
        && p.clause_punct
        // One unit per line already: a paragraph may end on a quoted term
        // whose mark the OCR lost (`…优质的“生长土壤”`).
        && !(stats.units_per_line && prev.column.is_none())
    {
        v.add("end-quoted-term", END_QUOTED_TERM);
    } else if never_ends_line(p.last) {
        v.add("end-open", END_OPEN);
    } else if is_cjk_letter(p.last) || is_latin_alnum(p.last) {
        // In a text that is one unit per line already, stopping without
        // punctuation is what headlines do: only specific evidence joins.
        // Not running text (a comma or a sentence's end inside) before
        // running text that opens no item: a line of a paragraph cut where
        // the page was narrow.
        let running = || {
            p.text.contains(['，', '。'])
                && (n.ends_sentence || n.clause_punct)
                && enumeration(n.text).is_none()
        };
        if !(stats.units_per_line && prev.column.is_none()) || running() {
            v.add("end-word", END_WORD);
        }
        if p.ends_with_function_word() {
            v.add("end-function-word", END_FUNCTION_WORD);
        }
        if ends_in_fragment(p.text) {
            v.add("end-fragment", END_FRAGMENT);
        }
    }
    if never_starts_line(n.first) {
        v.add("start-close", START_CLOSE);
    } else if !p.ends_sentence && opens_with_word_end(n.text) {
        v.add("start-fragment", START_FRAGMENT);
    }
    if ends_range_start(p.text) && opens_range_end(n.text) {
        v.add("range-end", RANGE_END);
    }
    if date_goes_on(p.text, n.text) {
        v.add("date-goes-on", DATE_GOES_ON);
    }
    if !p.ends_sentence && opens_with_speech(n.text) {
        v.add("next-speech", NEXT_SPEECH);
    }
    if p.ends_sentence && matches!(p.last, '”' | '」' | '』') && opens_with_speaker(n.text) {
        v.add("quote-speaker", QUOTE_SPEAKER);
    }
    if context.open_quotes > 0 {
        v.add("open-quote", OPEN_QUOTE);
    }

    // Widths.
    let lead_style = next.lead_style;
    let prev_lead_indent = lead_style.is_some_and(|s| s.lead(p) == Lead::Indent);
    // A first line set in by leading spaces reaches the column too.
    // Each measured once (a line that `numbers` joined is scanned for its
    // printed lines).
    let prev_fill = match prev.fill_at(Edge::Last, prev.column, stats) {
        // Without a column of its own (too few lines around agree), a line
        // is measured against the next one's: narrower, it stops short of
        // that column (a subheading over a paragraph's first line, at the
        // top of a page or of a column of short paragraphs).
        Fill::Unknown if next.column.is_some() => {
            match prev.fill_at(Edge::Last, next.column, stats) {
                Fill::Short => Fill::Short,
                _ => Fill::Unknown,
            }
        }
        fill => fill,
    };
    let next_fill = next.fill_at(Edge::First, next.column, stats);
    // A line that stops short only because the next line's first word (a
    // number or a Latin word, which no line breaks inside) would not fit
    // in the column, or not in a first line's: full, or a first line.
    let word_fill = match (prev_fill, prev.column) {
        (Fill::Short | Fill::Indented, Some(col)) if !p.ends_sentence => {
            let with_word = col.measure(p) + unbreakable_head(n.text, col);
            if with_word > col.width {
                Some(Fill::Full)
            } else if prev_fill == Fill::Short && with_word + FIRST_LINE_INDENT > col.width {
                Some(Fill::Indented)
            } else {
                None
            }
        }
        _ => None,
    };
    let prev_fill = word_fill.unwrap_or(prev_fill);
    let prev_full = match prev_fill {
        Fill::Full | Fill::Nearly => true,
        Fill::Indented => prev_lead_indent,
        _ => false,
    };
    // A line short of the column, without punctuation of running text
    // (shaped like a headline), that stops on a word inside a bracket: a
    // full line or one with clause marks goes on anyway (not looked for
    // there).
    let one_unit_per_line = stats.units_per_line && prev.column.is_none();
    let may_go_on = !(prev_full || p.clause_punct || p.ends_sentence || one_unit_per_line);
    let stops_on_word = is_cjk_letter(p.last) || is_latin_alnum(p.last);
    if may_go_on && stops_on_word && opens_unclosed_bracket(p.text) {
        v.add("open-bracket", OPEN_BRACKET);
    }
    if stops_on_word && next_closes_bracket(p.text, n.text) {
        v.add("bracket-closes", BRACKET_CLOSES);
    }
    match prev_fill {
        _ if prev_full && word_fill.is_some() => v.add("prev-full-word", PREV_FULL),
        _ if prev_full => v.add("prev-full", PREV_FULL),
        // A story's first line that ends no sentence goes on, however
        // short (`本报讯（记者 李争粉）`, or a line OCR read narrow).
        Fill::Short if p.dateline && !p.ends_sentence => {}
        Fill::Short => v.add("prev-short", PREV_SHORT),
        // A first line goes on into the column.
        Fill::Indented
            if !p.ends_sentence
                && matches!(next_fill, Fill::Full | Fill::Nearly | Fill::Indented) =>
        {
            v.add("prev-first", PREV_FIRST)
        }
        // A story's first line (a dateline), set in and ending a sentence
        // at the margin, before a full line: a news lead is seldom one
        // line, and a new paragraph's first line would be set in too.
        Fill::Indented
            if (p.dateline || prev.after_byline)
                && lead_style.is_none()
                && matches!(next_fill, Fill::Full) =>
        {
            v.add("prev-first-full", PREV_FULL)
        }
        _ => {}
    }
    match next_fill {
        // Where leading spaces show first lines, they tell (`lead-indent`);
        // a line at the margin about two characters short is a last line,
        // and a line set in by them is a first line, however wide.
        Fill::Indented if lead_style.is_some() => {}
        Fill::Indented if n.ends_sentence => v.add("next-indent", NEXT_INDENT / 2.0),
        Fill::Indented => v.add("next-indent", NEXT_INDENT),
        Fill::Full if lead_style.is_some_and(|s| s.lead(n) == Lead::Indent) => {}
        Fill::Full => {
            v.add("next-full", NEXT_FULL);
            // After a sentence's end at the margin, in a column whose
            // paragraphs open set in: no paragraph opens here. (A
            // letter-spaced line reads as full whatever its text.)
            if p.ends_sentence
                && context.first_lines_set_in
                && !n.letter_spaced
                && matches!(prev_fill, Fill::Full | Fill::Nearly | Fill::Indented)
            {
                v.add("next-not-first", NEXT_NOT_FIRST);
            }
        }
        _ => {}
    }
    // (The same as `next_fill` where both lines are in one column.)
    let next_in_prev_column = if next.column == prev.column {
        next_fill
    } else {
        next.fill_at(Edge::First, prev.column, stats)
    };
    match next_in_prev_column {
        Fill::Wide => v.add("next-wide", NEXT_WIDE),
        Fill::Short if !n.ends_sentence && !n.letter_spaced && !next.lead_in => {
            v.add("next-narrow", NEXT_NARROW)
        }
        _ => {}
    }

    // Words and numbers across the break.
    if let Some(pair) = han_pair(p, n) {
        match stats.bigram_count(pair) {
            0 => {}
            1 => v.add("bigram", BIGRAM / 2.0),
            _ => v.add("bigram", BIGRAM),
        }
    }
    let alnum_wrap = alnum_goes_on(p.last, n.first);
    if alnum_wrap {
        v.add("alnum-wrap", ALNUM_WRAP);
    }

    // The extractor's marks.
    if stats.blank_dominant && blanks == 0 && !alnum_wrap {
        v.add("odd-single", ODD_SINGLE);
    }
    if blanks > stats.usual_blanks {
        v.add("extra-blanks", EXTRA_BLANKS);
        // (Not in a stretch with a blank line after every line.)
        if stats.blank_separates && !context.among_blanks {
            v.add("blank-separator", BLANK_SEPARATOR);
        }
    }
    match lead_style {
        Some(style) => match style.lead(n) {
            Lead::Indent => v.add("lead-indent", LEAD_INDENT),
            Lead::Flush if prev_full => v.add("lead-flush", LEAD_FLUSH),
            Lead::Flush => {}
            Lead::Far => v.add("lead-space", LEAD_SPACE),
        },
        None if n.lead() > stats.usual_lead => v.add("lead-space", LEAD_SPACE),
        None => {}
    }
    // Running text starts at the margin or the indent: a line before set
    // far right of them (the usual lead without a style) and not reaching
    // the column is centred or right-aligned, a headline or a byline. (A
    // little right of the usual lead is no evidence: ` 本报讯 近日，…` goes
    // on.)
    let margin = lead_style.unwrap_or(LeadStyle {
        margin: stats.usual_lead,
    });
    if margin.lead(p) == Lead::Far && !prev_full {
        v.add("prev-lead-space", LEAD_SPACE);
    }
    // Whether the next line opens with a label (a speaker's, a time's).
    let mut next_label = false;
    if n.dateline {
        v.add("dateline", DATELINE);
    } else if opens_paragraph(n.text) {
        // After a sentence end it tips the balance; after a line that ends
        // without punctuation right above it (a kicker or headline line:
        // `article_head`), or a paragraph's text cut off where no clause
        // goes on into it (`…作品奖”` / `据介绍，`: the extractor lost the
        // sentence end), it marks a new paragraph as a dateline does.
        if p.ends_sentence {
            v.add("next-opener", NEXT_OPENER);
        } else if prev.article_head || cut_off(p) {
            v.add("next-opener", DATELINE);
        }
    } else if (prev.article_head || cut_off(p))
        && !stops_before_time(p)
        && opens_with_time_phrase(n.text)
    {
        // A time phrase and `，` after a line cut off where no clause goes
        // on into it: a headline (or a lost sentence end) before a new
        // paragraph, as with the openers above (`首届青年创新创业大赛启动` /
        // `4月20日，…`). After a sentence end it opens sentences inside
        // paragraphs as often: no evidence there.
        v.add("next-time-opener", DATELINE);
    } else if p.ends_sentence && opens_with_label(n.text) {
        v.add("next-label", NEXT_OPENER);
        next_label = true;
    } else if matches!(p.last, '：' | ':' | '；' | ';' | '。') && opens_with_time_label(n.text) {
        v.add("next-time-label", HEADLINE);
        next_label = true;
    } else if p.ends_sentence && matches!(n.first, '“' | '「') {
        v.add("next-quote", NEXT_QUOTE);
    } else if p.ends_sentence
        && !matches!(p.last, '”' | '」' | '』')
        && speaker_then(n.text) == Some('，')
    {
        v.add("next-source", NEXT_SOURCE);
    }
    // A numbered section or item (`（二）中试平台…`, `二、东部地区…`) starts
    // after a sentence or a colon; after a clause (`；`, a list set inline)
    // it may go on.
    let after_sentence = p.ends_sentence && !matches!(p.last, '；' | ';');
    let next_item =
        if (after_sentence || matches!(p.last, '：' | ':')) && enumeration(n.text).is_some() {
            v.add("next-enumeration", HEADLINE);
            true
        } else {
            next_label
        };
    // A lead-in that announces a list (`具体预报如下：`, `现将有关事项通告
    // 如下：`) before its first item: the items are units of their own,
    // whatever the widths say.
    if next_item && ends_announcing_list(p.text) {
        v.add("as-follows", HEADLINE);
    }

    // Two pieces of one fake-bold line: joined they would be a doubled
    // chain that `undouble` (which runs earlier) collapses on the next run.
    let short_pair = p.text.len() + n.text.len() <= SHORT_PAIR_BYTES;
    if short_pair
        && !p.bold
        && !n.bold
        && p.alnum_parity == n.alnum_parity
        && is_doubled_pair(p.text, n.text)
    {
        v.add("split-bold", STANDALONE);
    }

    // Lines that stand alone.
    let next_first_line = next_fill == Fill::Indented && lead_style.is_none() && !n.ends_sentence;
    // The line before set in by the indent, the next at the margin.
    let flush_after_indent = match lead_style {
        Some(style) => style.lead(p) == Lead::Indent && style.lead(n) == Lead::Flush,
        None => (1..=LEAD_INDENT_MAX).contains(&p.lead()) && n.lead() == 0,
    };
    let after = NextShape {
        first_line: next_first_line,
        flush_after_indent,
    };
    prev.standalone(&mut v, &PREV, after);
    next.standalone(&mut v, &NEXT, NextShape::default());
    // A byline or a marked item never goes on from running text or a
    // headline, however wide the line before (a headline set in by its
    // centring reads as a full first line): only a byline wraps into one.
    if n.kind == LineKind::Marker && p.kind == LineKind::Text && !p.dateline {
        v.add("text-before-marker", STANDALONE);
    }
    v
}

#[cfg(test)]
mod phrase_tests {
    use super::*;

    #[test]
    fn phrase_lists_and_their_first_and_last_characters_agree() {
        for phrase in SPEECH_VERBS {
            assert!(
                starts_speech_verb(phrase.chars().next().unwrap()),
                "{phrase}"
            );
        }
        for phrase in PARAGRAPH_OPENERS {
            assert!(starts_opener(phrase.chars().next().unwrap()), "{phrase}");
        }
        for verb in SPEECH_VERBS {
            assert!(verb.ends_with(VERB_ENDS), "{verb}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn view_phrases_open_paragraphs() {
        let cases = [
            ("分领域看，信息技术服务收入", true),
            ("从板块看，半导体", true),
            ("从主要指标看，", true),
            ("從主要指標看,", true),
            ("从长远来看，", true),
            ("從長遠來看，", true),
            // Traps: no comma, no angle, too long an angle, `看来`.
            ("从长远看问题", false),
            ("从看，", false),
            ("从全市各行各业看，", false),
            ("分析看来，", false),
            ("从来没有", false),
        ];
        for (text, expected) in cases {
            assert_eq!(opens_paragraph(text), expected, "{text:?}");
        }
    }

    #[test]
    fn editorial_label_firsts_cover_the_list() {
        for label in EDITORIAL_LABELS {
            let first = label.chars().next().unwrap();
            assert!(starts_editorial_label(first), "{label:?}");
            assert!(opens_paragraph(&format!("{label}：近期")), "{label:?}");
        }
    }

    /// The quick look of [`opens_with_time_phrase`] must let through every
    /// phrase the lists know.
    #[test]
    fn time_phrase_firsts_cover_the_lists() {
        let years = ["今年", "去年", "明年"];
        for phrase in NAMED_TIMES.iter().chain(YEAR_PERIODS).chain(&years) {
            let first = phrase.chars().next().unwrap();
            assert!(
                may_open_named_time(first),
                "{phrase:?} opens with {first:?}, not in may_open_named_time"
            );
            let line = format!("{phrase}，记者从会上获悉");
            assert!(opens_with_time_phrase(&line), "{line:?}");
        }
    }

    /// The byte look of [`next_closes_bracket`] finds an opening bracket
    /// wherever it stands, the last byte included.
    #[test]
    fn bracket_openers_found_anywhere() {
        let cases = [
            ("会议（", "下称大会）召开", true),
            ("见《", "人民日报》报道", true),
            ("据【", "新华社】消息", true),
            ("See (", "below) now", true),
            ("(", "a) 一项", false),
            ("会议召开", "下称大会）召开", false),
            ("会议（全体）", "下称大会）召开", false),
            ("会议（全体", "1）召开", false),
        ];
        for (line, next, expected) in cases {
            assert_eq!(
                next_closes_bracket(line, next),
                expected,
                "{line:?} / {next:?}"
            );
        }
    }
}
