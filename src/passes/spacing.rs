//! `spacing`: decides every space that is left (GOLDEN.md rule 6).
//!
//! Fixes, per line:
//! - spaces at the start and the end of a line are removed;
//! - a run of spaces (space, tab, U+3000, NBSP, …) becomes one space;
//! - a space is removed between a CJK character (Han, Kana or CJK
//!   punctuation) and a Latin letter or digit, either way round
//!   (`2024 年` -> `2024年`, `深紫外 LED 领域` -> `深紫外LED领域`), or a
//!   number's `%` or `‰` before it (`43.77% 的` -> `43.77%的`);
//! - a space is removed next to CJK punctuation (`获悉， 今年`,
//!   `科技日报讯 （记者`, `突出“快” 招商`, `湖北 · 随州`, `…… 每一`). ASCII
//!   marks that `punct` will make full-width count as CJK punctuation
//!   already (see [`punct::widening_clusters`]), so the pipeline is stable
//!   when run twice;
//! - letter-spacing is undone: in a run of at least
//!   [`LETTER_SPACED_MIN_TOKENS`] single CJK characters set apart by spaces,
//!   [`LETTER_SPACED_MIN_HAN`] of them Han (`西 安 高 新 区 相 关 负 责 人 表 示 ，
//!   作`), the spaces inside the run go, and so does a space between the run
//!   and a Han character next to it (after `unwrap` the run can start or end
//!   inside a word: `重点领 域 创 新 …`; such a character at either edge
//!   counts for the run: `…设计全 球 首 创 ， 可 完 成158/…`). Numbers and
//!   Latin words inside the run do not end it: a justified line that holds a long number is where
//!   letter-spacing comes from (`总 投 资 50 亿 元 ， 产 值 达 到`); a space
//!   between two of them stays (`采 用 Micro LED 技 术`). Where the run
//!   holds a CJK mark (running text, not a list of names spaced out to
//!   one width: `杨 坤 2 王 伟 3`), each also counts as one of its tokens,
//!   not of its Han (`2021 年 10 月 ， 航 达 电 子`). A token of one
//!   CJK character and a number or Latin word side by side (`的RISC-V`,
//!   where `unwrap` joined two letter-spaced lines) counts as that
//!   character, its word as a bridge. Two CJK characters between single
//!   ones count as both (`北 京 启 动高 品 质`: a writer that spaces letters
//!   by their glyphs' positions rounds some gaps to nothing) where the run
//!   holds twice as many other characters; on the run's edge they are a
//!   word (`王 晓东 陈静`).
//!
//! - a space between two Han characters goes where the text writes the pair
//!   side by side elsewhere (or this pass puts it so): a writer that spaces
//!   a justified line's letters by their glyphs' positions (pypdf's layout
//!   mode), or an OCR engine, sets words apart (`施工 现场 有 条不紊`,
//!   `大学 城`); where two thirds of a line's such spaces go so, the line is
//!   spaced all along and the rest go too. In a text that shows such split
//!   words, a single Han set apart among words goes too, with the spaces
//!   on both its sides (`春耕备耕 正 当时`, `科技 助 力 保 丰收`: a text
//!   sets apart words and names, not one character), and so does a run of
//!   them; two in a row (any even run) may be a name spaced to three
//!   characters' width where the first of each two is a common surname
//!   (`记者 张伟 赵 磊`), and a table's header sets them apart by design
//!   (`场次 胜 平 负` next to a row of numbers): those stay. Where such
//!   split pairs are many (two or more, and one in five of the spaces
//!   between two Han), the writer split words all along, and
//!   every such space goes but those a text sets apart: a role and a name
//!   (`记者 刘洋 通讯员 孙丽`, `□本报评论员 郭峰`), names in a bracket
//!   that opens with a role (`（记者王晓东 陈静）`), a dateline and its
//!   story (`本报讯 近日`), and two phrases of four Han or more that make
//!   up a line or a quotation (`创新链赋能产业链 发展活力持续迸发`,
//!   `“创城在路上 发掘七星美”`). A line of names and roles keeps its
//!   spaces (`本报记者 王欣` where the text names `记者王欣`; in a text
//!   split all along, only where half its words or more are roles or open
//!   with a common surname: `黄磊 方圆`, not `男子 冒充 客服 诈骗 获刑`),
//!   and a character repeated across the space never counts (`谢 谢`).
//!
//! Never touches: any other single space. Between two Han characters it
//! stays, in any text, split or not, where the text sets things apart
//! (`本报讯 近日`, `精准谋划 精细指导`, `郭海洲 何伟 李思颖`, and `▶ 杨 坤`:
//! `▶` is no CJK punctuation and two spaced characters are no letter-spaced
//! run; a byline of four or more spaced two-character names would be taken
//! for one, a risk the threshold accepts), between Latin words and numbers
//! (`Dr. Smith`, `5 000`, `Micro LED`), and next to ASCII `.` (`（二期 .铜杆）`).
//! Line breaks are never touched.

use std::ops::Range;

use crate::config::Config;
use crate::edit::{Edit, EditKind};
use crate::hash::FxHashMap;
use crate::pass::{Pass, PassOutput};
use crate::passes::{bylines, punct, unwrap};
use crate::text;

pub struct Spacing;

/// A letter-spaced run has at least this many single CJK characters.
pub const LETTER_SPACED_MIN_TOKENS: usize = 8;
/// … of which at least this many are Han.
pub const LETTER_SPACED_MIN_HAN: usize = 6;

impl Pass for Spacing {
    fn name(&self) -> &'static str {
        "spacing"
    }

    fn description(&self) -> &'static str {
        "collapse and trim spaces, drop spaces between CJK and Latin/digits and next to CJK punctuation, undo letter-spacing and spaces set inside words by glyph position"
    }

    fn run(&self, input: &str, _config: &Config, out: &mut PassOutput) {
        let first_edit = out.edits.len();
        let mut han_gaps = Vec::new();
        // The runs of spaces of the whole text, found in one scan (most
        // lines have none, and a run never holds a line break), are handed
        // out to the lines that hold them.
        let mut runs = text::hspace_runs(input).peekable();
        let mut gaps = Vec::new();
        while let Some(first) = runs.next() {
            let Range {
                start: line_start,
                end: line_end,
            } = text::line_around(input, first.clone());
            gaps.clear();
            gaps.push(first.start - line_start..first.end - line_start);
            while let Some(run) = runs.next_if(|run| run.start < line_end) {
                gaps.push(run.start - line_start..run.end - line_start);
            }
            space_line(
                &input[line_start..line_end],
                line_start,
                &gaps,
                out,
                &mut han_gaps,
            );
        }
        if !han_gaps.is_empty() {
            space_han_gaps(input, han_gaps, first_edit, out);
        }
    }
}

/// A space between two Han characters that no other rule removes.
struct HanGap {
    /// The space's bytes in the text.
    span: Range<usize>,
    /// The pair of Han around it ([`pair_key`]).
    pair: u64,
    /// One space (else a run, which becomes one).
    single: bool,
    /// Where its line starts.
    line: usize,
    /// Its line reads as names and roles (`本报记者 王欣 通讯员 李明`):
    /// a pair around a space there may be written together elsewhere
    /// (`记者王欣`) and still be meant apart.
    names: bool,
}

/// Most words of a line of names and roles.
const MAX_NAME_WORDS: usize = 6;

/// Whether `line`, split at its `gaps`, reads as names and roles: a few
/// words of two to four Han each (`本报记者 王欣 通讯员 李明`, `郭海洲 何伟`).
fn reads_as_names(line: &str, gaps: &[Range<usize>]) -> bool {
    gaps.len() < MAX_NAME_WORDS && tokens(line, gaps).all(|t| is_name_word(&line[t]))
}

/// Whether `word` could be a name or a role: two to four Han.
fn is_name_word(word: &str) -> bool {
    word.chars().all(text::is_han) && (2..=4).contains(&word.chars().count())
}

/// Whether `word` is one Han character.
fn is_single_han(word: &str) -> bool {
    let mut chars = word.chars();
    matches!((chars.next(), chars.next()), (Some(c), None) if text::is_han(c))
}

/// Fewest spaces inside pairs written together elsewhere that show a
/// writer that splits words all along, where they are also one in
/// [`SPLITS_ALL_ALONG_SHARE`] of the spaces between two Han (outside lines
/// of names): a space meant between two Han makes such a pair by chance
/// now and then (`中国 人民` where the text writes `中国人`), two in a
/// text of few such spaces, or many, seldom.
const MIN_SPLITS_ALL_ALONG: usize = 2;
const SPLITS_ALL_ALONG_SHARE: usize = 5;

/// Fewest Han of a phrase that [`meant_apart`] keeps apart from another.
const MIN_PHRASE: usize = 4;
/// Marks that open and close a quoted slogan or title.
const OPENING_QUOTES: [char; 4] = ['“', '「', '《', '『'];
const CLOSING_QUOTES: [char; 4] = ['”', '」', '》', '』'];

/// Most rounds of closing up lines spaced by glyph positions (each round
/// after the first needs a pair the one before put side by side).
const MAX_SPACED_LINE_ROUNDS: usize = 16;

/// Most pairs looked for one by one; more are looked up in one scan.
const SEARCHED_PAIRS: usize = 16;

fn pair_key(a: char, b: char) -> u64 {
    (u64::from(a) << 32) | u64::from(b)
}

fn pair_chars(key: u64) -> (char, char) {
    let char_of = |v: u64| char::from_u32(v as u32).unwrap_or(' ');
    (char_of(key >> 32), char_of(key & 0xffff_ffff))
}

/// Decides the spaces between two Han characters: one goes where the text
/// writes the pair side by side elsewhere (`结 构维护` where the page has
/// `结构`: a writer that spaces letters by their glyphs' positions set it
/// apart inside a word), or where this pass puts it side by side (a
/// letter-spaced run closed up, so that a second run finds nothing more);
/// else it stays, one space (`本报讯 近日`, `记者 张伟`). Edits from
/// `first_edit` on are this pass's; they are sorted again after.
fn space_han_gaps(input: &str, han_gaps: Vec<HanGap>, first_edit: usize, out: &mut PassOutput) {
    // A line of names and roles keeps its spaces (`本报记者 王欣` over a
    // text that names `记者王欣`), unless the text splits words all along
    // and its words are no people's (below).
    let (names_gaps, han_gaps): (Vec<HanGap>, Vec<HanGap>) =
        han_gaps.into_iter().partition(|gap| gap.names);
    if han_gaps.is_empty() {
        names_gaps.iter().for_each(|gap| keep_han_gap(gap, out));
        crate::edit::sort(&mut out.edits[first_edit..]);
        return;
    }
    let mut written: FxHashMap<u64, bool> = han_gaps.iter().map(|g| (g.pair, false)).collect();
    if written.len() <= SEARCHED_PAIRS {
        // A few pairs: each looked for (a vector search, far cheaper than
        // reading every character).
        let mut buf = [0u8; 8];
        for (&pair, seen) in written.iter_mut() {
            let (a, b) = pair_chars(pair);
            let len = a.encode_utf8(&mut buf).len();
            let len = len + b.encode_utf8(&mut buf[len..]).len();
            *seen = memchr::memmem::find(input.as_bytes(), &buf[..len]).is_some();
        }
    } else {
        // Every pair of Han side by side in the text, looked up.
        let mut prev: Option<char> = None;
        for c in input.chars() {
            let han = text::is_han(c);
            if let (Some(a), true) = (prev, han) {
                if let Some(seen) = written.get_mut(&pair_key(a, c)) {
                    *seen = true;
                }
            }
            prev = han.then_some(c);
        }
    }
    // And the pairs this pass's other edits put side by side.
    for edit in out.edits[first_edit..]
        .iter()
        .filter(|e| e.replacement.is_empty())
    {
        let around = (
            input[..edit.span.start].chars().next_back(),
            input[edit.span.end..].chars().next(),
        );
        if let (Some(a), Some(b)) = around {
            if let Some(seen) = written.get_mut(&pair_key(a, b)) {
                *seen = true;
            }
        }
    }
    // What a text shows of a writer that splits words (a space inside a
    // pair written together elsewhere) decides the other spaces: where
    // such spaces are many, and a third of all, the writer split words all
    // along, and every space goes that is not meant ([`meant_apart`]);
    // where there are some, a single character set apart among words goes
    // ([`lone_singles`]); without them, a line of words and single
    // characters is as likely meant so.
    let written_apart: Vec<bool> = han_gaps.iter().map(|g| written[&g.pair]).collect();
    let confirmed = written_apart.iter().filter(|&&w| w).count();
    let meant: Vec<bool> = if confirmed > 0 {
        han_gaps.iter().map(|g| meant_apart(input, g)).collect()
    } else {
        vec![false; han_gaps.len()]
    };
    let all_along =
        confirmed >= MIN_SPLITS_ALL_ALONG && confirmed * SPLITS_ALL_ALONG_SHARE >= han_gaps.len();
    // The spaces that go on that evidence alone.
    let split_goes = if all_along {
        meant.iter().map(|&meant| !meant).collect()
    } else if confirmed > 0 {
        lone_singles(input, &han_gaps)
    } else {
        vec![false; han_gaps.len()]
    };
    for gap in &names_gaps {
        if all_along && !names_people(input, gap) && !meant_apart(input, gap) {
            // (The pair counts as written, as for a space that goes below.)
            written.insert(gap.pair, true);
            out.push(Edit::delete(
                gap.span.clone(),
                EditKind::Space,
                "space between two Han in a text that splits words all along",
            ));
        } else {
            keep_han_gap(gap, out);
        }
    }
    // A space goes where its pair is written together, or where the above
    // says so. Where two thirds of a line's spaces go so, the line is
    // spaced by glyph positions all along: the rest go too (not one that
    // is meant), and the pairs they put side by side count from then on
    // (for other lines, until no more go: a second run finds nothing
    // more).
    let mut goes = vec![false; han_gaps.len()];
    for _ in 0..MAX_SPACED_LINE_ROUNDS {
        let mut more = false;
        let mut at = 0;
        for line in han_gaps.chunk_by(|a, b| a.line == b.line) {
            let split_goes = &split_goes[at..at + line.len()];
            let known = (line.iter().zip(split_goes))
                .filter(|&(g, &goes)| written[&g.pair] || goes)
                .count();
            let all_go = known * 3 >= line.len() * 2;
            for (k, gap) in line.iter().enumerate() {
                goes[at + k] |= written[&gap.pair] || split_goes[k] || (all_go && !meant[at + k]);
            }
            at += line.len();
        }
        for (gap, _) in han_gaps.iter().zip(&goes).filter(|(_, &g)| g) {
            if let Some(seen) = written.get_mut(&gap.pair) {
                more |= !*seen;
                *seen = true;
            }
        }
        if !more {
            break;
        }
    }
    for (k, (gap, goes)) in han_gaps.iter().zip(goes).enumerate() {
        if goes {
            out.push(Edit::delete(
                gap.span.clone(),
                EditKind::Space,
                if split_goes[k] && !written_apart[k] && all_along {
                    "space between two Han in a text that splits words all along"
                } else if split_goes[k] && !written_apart[k] {
                    "space around a single Han set apart among words"
                } else {
                    "space inside a pair of Han the text writes together"
                },
            ));
        } else {
            keep_han_gap(gap, out);
        }
    }
    crate::edit::sort(&mut out.edits[first_edit..]);
}

/// For each of `han_gaps` (sorted, grouped by line): whether it sets apart
/// a single Han character, or a run of them, from the words around it
/// (`春耕备耕 正 当时`, `科技 助 力 保 丰收`, `小 山 村走`). A writer that
/// spaces a line's glyphs by their positions (pypdf's layout mode, an OCR
/// engine) splits words so; a text sets apart words, phrases and names,
/// not one character among words. Two single characters in a row may be a
/// two-character name spaced to the width of three (`▶ 杨 坤`, `李明 赵 磊
/// 通讯员`), and so may any even run: they stay where the first of each
/// two is a common surname. A line next to a row of a table keeps its
/// spaces too: a header sets single characters apart by design (`场次 胜
/// 平 负 积分`).
fn lone_singles(input: &str, han_gaps: &[HanGap]) -> Vec<bool> {
    let mut lone = vec![false; han_gaps.len()];
    let mut at = 0;
    let mut tokens: Vec<(Range<usize>, bool)> = Vec::new();
    for line_gaps in han_gaps.chunk_by(|a, b| a.line == b.line) {
        let gaps_at = at;
        at += line_gaps.len();
        let line = text::line_around(input, line_gaps[0].span.clone());
        let line_text = &input[line.clone()];
        tokens.clear();
        let spaces: Vec<Range<usize>> = text::hspace_runs(line_text).collect();
        tokens.extend(self::tokens(line_text, &spaces).map(|t| {
            let single = is_single_han(&line_text[t.clone()]);
            (line.start + t.start..line.start + t.end, single)
        }));
        let mut k = 0;
        let mut lone_tokens = Vec::new();
        while k < tokens.len() {
            let first = k;
            while k < tokens.len() && tokens[k].1 {
                k += 1;
            }
            // An even run stays where it pairs into names: the first of
            // each pair a common surname.
            let names = (first..k)
                .step_by(2)
                .all(|at| at + 1 < k && bylines::opens_with_surname(&input[tokens[at].0.clone()]));
            if k > first && !names {
                lone_tokens.push(first..k);
            }
            k += 1;
        }
        if lone_tokens.is_empty() || next_to_table_row(input, line.clone()) {
            continue;
        }
        for run in lone_tokens {
            // The gaps on both sides of each of the run's characters.
            let (from, to) = (tokens[run.start].0.start, tokens[run.end - 1].0.end);
            for (k, gap) in line_gaps.iter().enumerate() {
                let touches = gap.span.end == from
                    || gap.span.start == to
                    || (from < gap.span.start && gap.span.end < to);
                lone[gaps_at + k] |= touches;
            }
        }
    }
    lone
}

/// Whether the line right above or below `line` (a range of `input`) is a
/// row of a table.
fn next_to_table_row(input: &str, line: Range<usize>) -> bool {
    let above = input[..line.start.saturating_sub(1)].lines().next_back();
    let below = input
        .get(line.end + 1..)
        .and_then(|rest| rest.lines().next());
    [above, below]
        .into_iter()
        .flatten()
        .any(text::looks_like_table_row)
}

/// Whether the line of `gap`, a line of words of two to four Han, names
/// people: half its words or more are roles or open with a common surname
/// (`黄磊 方圆`, `读者 周明`; not `男子 冒充 客服 诈骗 获刑`, a headline a
/// writer split into words).
fn names_people(input: &str, gap: &HanGap) -> bool {
    let line = &input[text::line_around(input, gap.span.clone())];
    let words = line.split(text::is_hspace).filter(|w| !w.is_empty());
    let (people, all) = words.fold((0, 0), |(people, all), word| {
        let person = unwrap::starts_with_role(word) || bylines::opens_with_surname(word);
        (people + usize::from(person), all + 1)
    });
    people * 2 >= all
}

/// Whether the space `gap` sets apart what a text sets apart even where
/// its writer splits words all along: a reporter's role and a name
/// (`记者 刘洋 通讯员 孙丽`, `□本报评论员 郭峰`), names after a role
/// (`▶ 本报特约通讯员 杨皓 张静攀`), a name of two characters spaced to
/// three characters' width (`▶ 杨 坤`), names in a bracket that
/// opens with a role (`（记者王晓东 陈静）`), and a dateline and its
/// story (`本报讯 近日`).
fn meant_apart(input: &str, gap: &HanGap) -> bool {
    let line = text::line_around(input, gap.span.clone());
    let before = &input[line.start..gap.span.start];
    let after = &input[gap.span.end..line.end];
    if unwrap::ends_with_role(before) || unwrap::starts_with_role(after) {
        return true;
    }
    // Names after a role (`▶ 本报特约通讯员 杨皓 张静攀`).
    let mut words = before
        .split(text::is_hspace)
        .filter(|w| !w.is_empty())
        .rev();
    let mut names = 0;
    let role_before_names = loop {
        match words.next() {
            Some(word) if unwrap::ends_with_role(word) => break names > 0,
            Some(word) if names < MAX_NAME_WORDS && is_name_word(word) => names += 1,
            _ => break false,
        }
    };
    if role_before_names {
        return true;
    }
    // A name of two characters spaced to the width of three (`▶ 杨 坤`,
    // `记者 张伟 赵 磊`): a run of two single Han, the first a surname.
    let single = |word: Option<&str>| word.is_some_and(is_single_han);
    let mut left_words = before
        .split(text::is_hspace)
        .filter(|w| !w.is_empty())
        .rev();
    let mut right_words = after.split(text::is_hspace).filter(|w| !w.is_empty());
    let (surname, given) = (left_words.next(), right_words.next());
    if single(surname)
        && surname.is_some_and(bylines::opens_with_surname)
        && single(given)
        && !single(left_words.next())
        && !single(right_words.next())
    {
        return true;
    }
    // The bracket left open before the space, if any.
    let open = before
        .rfind(['（', '('])
        .filter(|&at| !before[at..].contains(['）', ')']));
    if open.is_some_and(|at| unwrap::starts_with_role(before[at..].trim_start_matches(['（', '('])))
    {
        return true;
    }
    if before.ends_with(['讯', '訊', '电', '電'])
        && unwrap::is_dateline(input[line].trim_start_matches(text::is_hspace))
    {
        return true;
    }
    // Two phrases that make up a headline or a quoted slogan (`精准谋划
    // 精细指导`, `“创城在路上 发掘七星美”`).
    let before = before.trim_start_matches(text::is_hspace);
    let after = after.trim_end_matches(text::is_hspace);
    let left = before.trim_end_matches(text::is_han);
    let right = after.trim_start_matches(text::is_han);
    let phrase_len = |phrase: &str| phrase.chars().count();
    let phrases = phrase_len(&before[left.len()..]) >= MIN_PHRASE
        && phrase_len(&after[..after.len() - right.len()]) >= MIN_PHRASE;
    let quoted = left.ends_with(OPENING_QUOTES) && right.starts_with(CLOSING_QUOTES);
    phrases && (quoted || (left.is_empty() && right.is_empty()))
}

/// A space between two Han that stays: one space.
fn keep_han_gap(gap: &HanGap, out: &mut PassOutput) {
    if !gap.single {
        out.push(Edit::new(
            gap.span.clone(),
            " ",
            EditKind::Space,
            "run of spaces to one space",
        ));
    }
}

/// The characters of one line as this pass sees them: a CJK character is
/// Han, Kana or CJK punctuation, or an ASCII mark `punct` will widen.
struct LineView<'a> {
    line: &'a str,
    /// The marks `punct` will widen ([`punct::widening_clusters`]), found
    /// when first asked about: most spaces stand next to no ASCII mark.
    widened: std::cell::OnceCell<Vec<Range<usize>>>,
    letter_spaced: Vec<Range<usize>>,
}

impl LineView<'_> {
    /// Is the character at byte `at` CJK punctuation (now or after `punct`)?
    fn is_cjk_punct_at(&self, at: usize, c: char) -> bool {
        text::is_cjk_punct(c)
            || (punct::full_width(c).is_some()
                && in_ranges(
                    self.widened
                        .get_or_init(|| punct::widening_clusters(self.line)),
                    at,
                ))
    }

    fn is_cjk_at(&self, at: usize, c: char) -> bool {
        text::is_cjk_letter(c) || self.is_cjk_punct_at(at, c)
    }
}

/// True when `at` lies in one of the sorted, disjoint `ranges`.
fn in_ranges(ranges: &[Range<usize>], at: usize) -> bool {
    let i = ranges.partition_point(|r| r.end <= at);
    ranges.get(i).is_some_and(|r| r.start <= at)
}

/// `gaps`: the line's maximal runs of spaces ([`text::hspace_runs`]). A
/// gap between two Han characters that stays by the line's own rules goes
/// to `han_gaps`, to be decided once the whole text is read.
fn space_line(
    line: &str,
    line_start: usize,
    gaps: &[Range<usize>],
    out: &mut PassOutput,
    han_gaps: &mut Vec<HanGap>,
) {
    if gaps.is_empty() {
        return;
    }
    let mut view = LineView {
        line,
        widened: std::cell::OnceCell::new(),
        letter_spaced: Vec::new(),
    };
    view.letter_spaced = letter_spaced_runs(&view, gaps);
    // Whether the line reads as names and roles, found when first asked.
    let mut names: Option<bool> = None;
    for gap in gaps {
        let (at, end) = (gap.start, gap.end);
        // The runs are maximal: the characters around one are no spaces.
        let prev = line[..at]
            .chars()
            .next_back()
            .map(|c| (at - c.len_utf8(), c));
        let next = line[end..].chars().next().map(|c| (end, c));
        let span = line_start + at..line_start + end;
        let (Some(left), Some(right)) = (prev, next) else {
            out.push(Edit::delete(
                span,
                EditKind::Space,
                "space at a line start or end",
            ));
            continue;
        };
        if let Some(reason) = removal_reason(&view, left, right, at..end) {
            out.push(Edit::delete(span, EditKind::Space, reason));
        } else if text::is_han(left.1) && text::is_han(right.1) && left.1 != right.1 {
            han_gaps.push(HanGap {
                span,
                pair: pair_key(left.1, right.1),
                single: &line[at..end] == " ",
                line: line_start,
                names: *names.get_or_insert_with(|| reads_as_names(line, gaps)),
            });
        } else if &line[at..end] != " " {
            out.push(Edit::new(
                span,
                " ",
                EditKind::Space,
                "run of spaces to one space",
            ));
        }
    }
}

/// Why the space `gap` between `left` and `right` goes, or `None` if it stays.
fn removal_reason(
    view: &LineView,
    (left_at, left): (usize, char),
    (right_at, right): (usize, char),
    gap: Range<usize>,
) -> Option<&'static str> {
    if view.is_cjk_punct_at(left_at, left) || view.is_cjk_punct_at(right_at, right) {
        return Some("space next to CJK punctuation");
    }
    let left_cjk = view.is_cjk_at(left_at, left);
    let right_cjk = view.is_cjk_at(right_at, right);
    if (left_cjk && text::is_latin_alnum(right)) || (text::is_latin_alnum(left) && right_cjk) {
        return Some("space between CJK and a Latin letter or digit");
    }
    // A percent sign after a digit ends its number (`43.77% 的`: a
    // justified line's spacing that an extractor kept after it).
    let number_sign = matches!(left, '%' | '‰')
        && (view.line[..left_at].chars().next_back()).is_some_and(|c| c.is_ascii_digit());
    if number_sign && right_cjk {
        return Some("space between CJK and a number");
    }
    // Runs are sorted and disjoint: only the first two that end at or after
    // the gap can contain it or touch it.
    let first = view
        .letter_spaced
        .partition_point(|run| run.end < gap.start);
    // Inside a run a space next to a CJK character goes: one between two
    // numbers or Latin words in it stays.
    let in_run = view.letter_spaced[first..].iter().take(2).any(|run| {
        (run.start <= gap.start && gap.end <= run.end && (left_cjk || right_cjk))
            // A number's `%` before the run was letter-spaced from it too.
            || (gap.end == run.start && (left_cjk || left == '%'))
            || (gap.start == run.end && right_cjk)
    });
    in_run.then_some("letter-spaced text")
}

/// Byte ranges (first to last character) of the letter-spaced runs of a line.
fn letter_spaced_runs(view: &LineView, gaps: &[Range<usize>]) -> Vec<Range<usize>> {
    let mut runs = RunBuilder::default();
    // Too few tokens for a run (a line of body text with a few spaces).
    if gaps.len() + 1 < LETTER_SPACED_MIN_TOKENS {
        return runs.runs;
    }
    // Two CJK characters right after the run being built: they join it only
    // when a single character follows them. On a run's edge a pair is a
    // word (`王 晓东 陈静`: the next printed line's name after its first
    // character), as before pairs were taken in.
    let mut pending: Option<(Range<usize>, char, char)> = None;
    for token in tokens(view.line, gaps) {
        let text = &view.line[token.clone()];
        let mut chars = text.chars();
        let single = match (chars.next(), chars.next()) {
            (Some(c), None) if view.is_cjk_at(token.start, c) => Some(c),
            _ => None,
        };
        // A single CJK character, or one fused with a number or a Latin
        // word where `unwrap` joined two letter-spaced lines (`的RISC-V`,
        // `50亿`): counted as its character, the word bridging on from it
        // (after it) or into it (before it).
        let counted = match single {
            Some(c) => Some((c, false)),
            None => fused_with_word(view, token.clone()),
        };
        if let Some((c, word_after)) = counted {
            if let Some((_, a, b)) = pending.take() {
                runs.take_pair(a, b);
            }
            runs.take_single(token, c, word_after);
            continue;
        }
        match cjk_pair(view, token.clone()) {
            Some((a, b))
                if runs.current.is_some() && runs.bridges.is_none() && pending.is_none() =>
            {
                pending = Some((token, a, b));
                continue;
            }
            _ => {}
        }
        if let Some((pair, _, _)) = pending.take() {
            runs.other(view, pair);
        }
        if is_alnum_word(text) {
            runs.before = None;
            let bridge = runs.bridges.get_or_insert(token.clone());
            bridge.end = token.end;
            runs.bridge_words += 1;
        } else {
            runs.other(view, token);
        }
    }
    if let Some((pair, _, _)) = pending.take() {
        runs.other(view, pair);
    }
    let tail = runs.bridges.take();
    runs.finish(tail, None);
    runs.runs
}

/// The letter-spaced runs of a line, built token by token.
#[derive(Default)]
struct RunBuilder {
    runs: Vec<Range<usize>>,
    /// The run being built: its range, CJK characters counted for it, Han
    /// among them, and its tokens of two CJK characters.
    current: Option<(Range<usize>, usize, usize, usize)>,
    /// Numbers and Latin words since the last single CJK token (or since
    /// the last other token, before a run): a run takes in those on its
    /// edges (`46.59% 的 规 上 …`), and those inside it.
    bridges: Option<Range<usize>>,
    /// How many numbers and Latin words `bridges` holds.
    bridge_words: usize,
    /// The numbers and Latin words inside the run being built, and whether
    /// it holds a CJK mark: in a run of running text (with a mark) each
    /// counts as one of its tokens, not of its Han (`2021 年 10 月 ， 航 达 电
    /// 子`, `化 。 市 民 可 在 iOS 和 Android`: justified lines that hold
    /// numbers and words); a list of names spaced out to one width with
    /// numbers between them has no mark (`杨 坤 2 王 伟 3 李 明`).
    inner_words: usize,
    marked: bool,
    /// The CJK character that ends the token right before the run being
    /// started, if any: where `unwrap` joined a letter-spaced printed line
    /// to the line before, its first character ends that token (`…设计全
    /// 球 首 创`), and counts for the run.
    before: Option<char>,
}

impl RunBuilder {
    /// Takes a single CJK character (token `token`) into the run, starting
    /// one if none is being built.
    fn take_single(&mut self, token: Range<usize>, c: char, word_after: bool) {
        let start = self.bridges.take().map_or(token.start, |b| b.start);
        let words = std::mem::take(&mut self.bridge_words);
        if self.current.is_some() {
            self.inner_words += words;
        }
        self.marked |= !text::is_cjk_letter(c);
        let (edge, edge_han) = edge_counts(self.before.take());
        let (range, count, han, _) =
            self.current
                .get_or_insert((start..token.end, edge, edge_han, 0));
        range.end = token.end;
        *count += 1;
        *han += usize::from(text::is_han(c));
        if word_after {
            self.bridges = Some(token);
        }
    }

    /// Counts a pair inside the run being built (its range grows with the
    /// single character after it).
    fn take_pair(&mut self, a: char, b: char) {
        if let Some((_, count, han, pairs)) = self.current.as_mut() {
            *count += 2;
            *han += usize::from(text::is_han(a)) + usize::from(text::is_han(b));
            *pairs += 1;
        }
    }

    /// A token that is no part of a run: ends the one being built.
    fn other(&mut self, view: &LineView, token: Range<usize>) {
        let text = &view.line[token.clone()];
        let tail = self.bridges.take();
        self.bridge_words = 0;
        let first = text
            .chars()
            .next()
            .filter(|&c| view.is_cjk_at(token.start, c));
        self.finish(tail, first);
        let last = text.chars().next_back();
        self.before = last.filter(|&c| view.is_cjk_at(token.end - c.len_utf8(), c));
    }

    /// Ends the run being built, `tail` the numbers or words after it and
    /// `after` the CJK character that starts the token after it; keeps it if
    /// it is long enough.
    fn finish(&mut self, tail: Option<Range<usize>>, after: Option<char>) {
        let inner_words = std::mem::take(&mut self.inner_words);
        let marked = std::mem::take(&mut self.marked);
        if let Some((mut range, tokens, han, pairs)) = self.current.take() {
            // Likewise the character that starts the token after it (`成
            // 158/…`, the next printed line joined on).
            let (edge, edge_han) = edge_counts(after);
            let words = if marked { inner_words } else { 0 };
            let (tokens, han) = (tokens + edge + words, han + edge_han);
            if tokens >= LETTER_SPACED_MIN_TOKENS
                && han >= LETTER_SPACED_MIN_HAN
                && tokens - 2 * pairs >= SINGLES_PER_PAIR * pairs
            {
                if let Some(tail) = tail {
                    range.end = tail.end;
                }
                self.runs.push(range);
            }
        }
    }
}

/// Single characters a run needs per pair of CJK characters it holds: a
/// writer that spaces letters by their glyphs' positions rounds some gaps
/// to nothing (`北  京 启  动高   品 质`), but a line of two-character words
/// or names set apart (`北京 上海 广州`, `何伟 李明`) is no run.
const SINGLES_PER_PAIR: usize = 2;

/// The two characters of `token`, if it is two CJK characters.
fn cjk_pair(view: &LineView, token: Range<usize>) -> Option<(char, char)> {
    let text = &view.line[token.clone()];
    let mut chars = text.char_indices();
    match (chars.next(), chars.next(), chars.next()) {
        (Some((_, a)), Some((i, b)), None)
            if view.is_cjk_at(token.start, a) && view.is_cjk_at(token.start + i, b) =>
        {
            Some((a, b))
        }
        _ => None,
    }
}

/// What a run's edge character (a CJK character fused with the token next
/// to the run) adds to its tokens and its Han.
fn edge_counts(edge: Option<char>) -> (usize, usize) {
    edge.map_or((0, 0), |c| (1, usize::from(text::is_han(c))))
}

/// The CJK character of `token` where it is one CJK character and a
/// number or Latin word side by side, and whether the word comes after it.
fn fused_with_word(view: &LineView, token: Range<usize>) -> Option<(char, bool)> {
    let text = &view.line[token.clone()];
    let first = text.chars().next()?;
    let last = text.chars().next_back()?;
    // Most tokens are runs of Han: the byte next to the character tells
    // before the word is scanned.
    let bytes = text.as_bytes();
    let ascii_after_first = bytes.get(first.len_utf8()).is_some_and(u8::is_ascii);
    let ascii_before_last =
        bytes.len() > last.len_utf8() && bytes[bytes.len() - last.len_utf8() - 1].is_ascii();
    if ascii_after_first
        && view.is_cjk_at(token.start, first)
        && is_alnum_word(&text[first.len_utf8()..])
    {
        Some((first, true))
    } else if ascii_before_last
        && view.is_cjk_at(token.end - last.len_utf8(), last)
        && is_alnum_word(&text[..text.len() - last.len_utf8()])
    {
        Some((last, false))
    } else {
        None
    }
}

/// A number or a Latin word: ASCII letters and digits, with the marks that
/// numbers carry (`6.8`, `1/3`, `46.59%`, `158/166/182/210`, `-2`).
fn is_alnum_word(token: &str) -> bool {
    token.bytes().any(|b| b.is_ascii_alphanumeric())
        && token
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"./%-+:,".contains(&b))
}

/// Byte ranges of the space-separated tokens of a line: what lies between
/// its runs of spaces `gaps`.
fn tokens<'a>(line: &'a str, gaps: &'a [Range<usize>]) -> impl Iterator<Item = Range<usize>> + 'a {
    let starts = std::iter::once(0).chain(gaps.iter().map(|g| g.end));
    let ends = gaps
        .iter()
        .map(|g| g.start)
        .chain(std::iter::once(line.len()));
    starts
        .zip(ends)
        .filter(|(start, end)| start < end)
        .map(|(start, end)| start..end)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::check_cases;

    #[test]
    fn spaces_removed() {
        check_cases(
            &Spacing,
            &[
                // Line starts and ends, runs.
                (" 园区热点 \n  本报讯  近日 ", "园区热点\n本报讯 近日"),
                ("谋划 \t 精细", "谋划 精细"),
                ("   \n", "\n"),
                // CJK next to Latin letters or digits.
                ("本报讯 6月4日，在 2024 年", "本报讯6月4日，在2024年"),
                ("高新区等 10 个园区，200 余名", "高新区等10个园区，200余名"),
                ("中科潞安在深紫外 LED 领域", "中科潞安在深紫外LED领域"),
                ("应用于 Micro LED 检测设备", "应用于Micro LED检测设备"),
                ("院士 Dr.Len-Pinchuk 作了", "院士Dr.Len-Pinchuk作了"),
                ("首期合作资金为 5 000 万元", "首期合作资金为5 000万元"),
                ("年产 10Gwh 钠离子", "年产10Gwh钠离子"),
                // A number's percent sign ends the number.
                ("园区43.77% 的技工贸总收入", "园区43.77%的技工贸总收入"),
                ("增长 5‰ 以上", "增长5‰以上"),
                // Traps: a sign after no digit, or apart from its number.
                ("比例为50 % 的", "比例为50 % 的"),
                ("符号 % 的用法", "符号 % 的用法"),
                // Next to CJK punctuation.
                (
                    "科技日报讯 （记者俞慧友） 记者",
                    "科技日报讯（记者俞慧友）记者",
                ),
                ("获悉， 今年以来， 全省", "获悉，今年以来，全省"),
                (
                    "本报讯 “我拍的照片也能参展？” 近日",
                    "本报讯“我拍的照片也能参展？”近日",
                ),
                ("突出“快” 招商引资跑出加速度", "突出“快”招商引资跑出加速度"),
                ("湖北 · 随州", "湖北·随州"),
                ("“研发 — 孵化 —", "“研发—孵化—"),
                ("精细调试…… 每一项", "精细调试……每一项"),
                (
                    "高质量发展。 郭海洲 何伟 李思颖",
                    "高质量发展。郭海洲 何伟 李思颖",
                ),
                // ASCII marks that punct will widen count as CJK punctuation.
                (
                    "本报讯 (记者 李争粉) 近日 , 在",
                    "本报讯(记者 李争粉)近日,在",
                ),
                ("100.1%, 招商", "100.1%,招商"),
            ],
        );
    }

    #[test]
    fn letter_spacing_undone() {
        check_cases(
            &Spacing,
            &[
                (
                    "西 安 高 新 区 相 关 负 责 人 表 示 ， 作",
                    "西安高新区相关负责人表示，作",
                ),
                (
                    "领 域 创 新 诊 断 技 术 的 研 发 和 产 业",
                    "领域创新诊断技术的研发和产业",
                ),
                // After unwrap the run sits inside a paragraph.
                (
                    "专注于女性健康领 域 创 新 诊 断 技 术 的 研 发 和 产 业化。该企业",
                    "专注于女性健康领域创新诊断技术的研发和产业化。该企业",
                ),
                (
                    "产业先导区。西 安 高 新 区 相 关 负 责 人 表 示 ， 作为国家",
                    "产业先导区。西安高新区相关负责人表示，作为国家",
                ),
                // `unwrap` joined the printed line to its neighbours: its
                // first and last characters end and start the tokens around
                // the run, and count for it.
                (
                    "该项目产线设计全 球 首 创 ， 可 完 成158/166/182/210全规格尺度",
                    "该项目产线设计全球首创，可完成158/166/182/210全规格尺度",
                ),
                // A number on the edge of the run does not hide the
                // character after it.
                (
                    "一 、 管 制 时 间 ： 2024 年10月1日18时至23时。",
                    "一、管制时间：2024年10月1日18时至23时。",
                ),
                // Trap: four single characters and two such edges are too
                // few.
                (
                    "他说：张 三 李 四 王 五都来了",
                    "他说：张 三 李 四 王 五都来了",
                ),
                // A long number left the slack: the run goes on across it.
                (
                    "项目。上述两个项目总 投 资 50 亿 元 ， 产 值 达 到 近 100 亿元，",
                    "项目。上述两个项目总投资50亿元，产值达到近100亿元，",
                ),
                (
                    "完 成 了 湖 南 省 园 区 43.77% 的 技 工 贸 总 收入",
                    "完成了湖南省园区43.77%的技工贸总收入",
                ),
                (
                    "新 增 签 约 项 目 5 个 ， 签 约 投 资 额 200.2 亿",
                    "新增签约项目5个，签约投资额200.2亿",
                ),
                // Numbers bridge a run, they make none: six single
                // characters are too few, their spaces stay.
                ("杨 坤 2 王 伟 3 李 明", "杨 坤2王 伟3李 明"),
                // A number on the edge of the run goes with it.
                (
                    "46.59% 的 规 上 工 业 企 业 营 业 收 入 、",
                    "46.59%的规上工业企业营业收入、",
                ),
                // After `unwrap` the number can be the end of a longer token.
                (
                    "产总值、46.59% 的 规 上 工 业 企 业 营 业 收 入 、",
                    "产总值、46.59%的规上工业企业营业收入、",
                ),
                (
                    "的 规 上 工 业 企 业 营 业 收 入 占 46.59% ，",
                    "的规上工业企业营业收入占46.59%，",
                ),
                // Two Latin words in the run keep their space.
                (
                    "重 点 采 用 Micro LED 显 示 技 术 路 线",
                    "重点采用Micro LED显示技术路线",
                ),
                // Two letter-spaced lines that `unwrap` joined where a
                // Latin word started the second: the character before it
                // and the word are one token, and the run goes on.
                (
                    "今年 参 加 了 在 欧 洲 举 办 的RISC-V Summit Europe 大 会 ， 与 多家",
                    "今年参加了在欧洲举办的RISC-V Summit Europe大会，与多家",
                ),
                (
                    "支 持 RISC-V的 芯 片 已 经 超 过 十 款",
                    "支持RISC-V的芯片已经超过十款",
                ),
                // Numbers and Latin words inside a run that holds a CJK
                // mark count among its tokens (not its Han): seven CJK
                // characters and a word or a number are a run (the first
                // character here fused with the line `unwrap` joined it
                // to).
                (
                    "操作简化 。 市 民 可 在 iOS 和 Android应用商店",
                    "操作简化。市民可在iOS和Android应用商店",
                ),
                ("2021 年 10 月 ， 航 达 电 子", "2021年10月，航达电子"),
                // Trap: words on the run's edge do not count (`iOS` before
                // the first single character), nor does a word make up for
                // Han: five Han and three words are too few.
                (
                    "iOS 市 民 可 在 ， 和 Android应用商店",
                    "iOS市 民 可 在，和Android应用商店",
                ),
                ("市 民 iOS 可 A 在 B 和 。", "市 民iOS可A在B和。"),
                // Trap: such a token counts as one character: six are too
                // few for a run (the space after the Latin letter goes by
                // the rule for CJK next to Latin).
                ("杨 坤 王 伟 李A 明", "杨 坤 王 伟 李A明"),
                // … and where a number ended the first.
                (
                    "总 投 资 达 到 50亿 元 ， 产 值 达 到 近 百 亿",
                    "总投资达到50亿元，产值达到近百亿",
                ),
                // Letters spaced by their glyphs' positions: some gaps are
                // rounded to nothing, two characters make one token.
                (
                    "北 京 启 动高 品 质 科 技园 区 建 设",
                    "北京启动高品质科技园区建设",
                ),
                // Trap: a pair on the run's edge is a word of its own, and
                // keeps its space (`王 晓` ended a letter-spaced printed
                // line, `东` started the next one).
                (
                    "新 华 社 北 京 10 月 24 日 电 （ 记 者 王 晓东 陈静）工业",
                    "新华社北京10月24日电（记者王晓东 陈静）工业",
                ),
                (
                    "本报讯（记者 刘洋 通讯员 孙丽 ） 眼 下 正 是 春 耕 备 耕 的 关 键 时期，",
                    "本报讯（记者 刘洋 通讯员 孙丽）眼下正是春耕备耕的关键时期，",
                ),
            ],
        );
    }

    #[test]
    fn spaces_inside_pairs_the_text_writes_together() {
        check_cases(
            &Spacing,
            &[
                // A line spaced by its glyphs' positions: the text writes
                // `往来` and `来穿` elsewhere.
                (
                    "他们往 来穿 梭于现场。\n人们往来穿梭。",
                    "他们往来穿梭于现场。\n人们往来穿梭。",
                ),
                // Pairs this pass puts side by side count (a letter-spaced
                // line closed up), so that a second run finds nothing more.
                (
                    "科 技 园 区 建 设 启 动 仪 式\n园区 建设 启动 仪式 今日举行。",
                    "科技园区建设启动仪式\n园区建设启动仪式今日举行。",
                ),
                // Most of a line's spaces part pairs written together: the
                // line is spaced by glyph positions, the rest go too.
                (
                    "湖南 省高 新 区绩 效评 价 结果 发布\n湖南省高新区绩效评价工作",
                    "湖南省高新区绩效评价结果发布\n湖南省高新区绩效评价工作",
                ),
                // … and the pairs such a line puts side by side count for
                // the other lines (so that a second run finds nothing).
                (
                    "湖南 省高 新 区绩 效评 价 结果 发布\n湖南省高新区绩效评价工作\n评价 结果 发布 会议。",
                    "湖南省高新区绩效评价结果发布\n湖南省高新区绩效评价工作\n评价结果发布会议。",
                ),
                // Trap: a line of names and roles keeps its spaces (a
                // byline over a dateline that names the same people).
                (
                    "本报记者 王欣 通讯员 李明\n（记者王欣 通讯员李明）",
                    "本报记者 王欣 通讯员 李明\n（记者王欣 通讯员李明）",
                ),
                // One such space on a line goes too.
                (
                    "成为中国科 协“科创中国”首批试点\n入选中国科协",
                    "成为中国科协“科创中国”首批试点\n入选中国科协",
                ),
                // Trap: … a byline of one name too.
                (
                    "本报记者 王欣\n（记者王欣）报道",
                    "本报记者 王欣\n（记者王欣）报道",
                ),
                // Trap: pairs the text never writes together.
                (
                    "记者 张伟 杨帆\n本报讯 近日，",
                    "记者 张伟 杨帆\n本报讯 近日，",
                ),
                // Trap: a character repeated across the space stays apart
                // (`谢谢` elsewhere says nothing about `谢 谢`).
                ("谢 谢 谢 谢\n谢谢", "谢 谢 谢 谢\n谢谢"),
            ],
        );
    }

    #[test]
    fn spaces_around_a_single_han_among_words() {
        // The last two lines show a writer that splits words (`往来`
        // written together, `往 来` apart; that space goes too).
        let evidence = |split: &str| format!("他们往{split}来穿梭。\n人们往来穿梭。");
        let cases = [
            // One single character between words, or an odd run of them.
            ("春耕备耕 正 当时", "春耕备耕正当时"),
            ("科技 助 力 保 丰收", "科技助力保丰收"),
            ("新 春 走 基 层", "新春走基层"),
            // On the line's edge too. The words' other spaces stay, unless
            // two thirds of the line's go.
            ("国 产芯片 企业加快 布局", "国产芯片 企业加快 布局"),
            ("老物 件里 的 城市 记忆", "老物 件里的城市 记忆"),
            ("地铁5号线今 日 开通 运营", "地铁5号线今日开通运营"),
            // Traps: two single characters in a row may be a name spaced
            // to three characters' width, and so may any even run.
            ("记者 张伟 赵 磊", "记者 张伟 赵 磊"),
            ("记者 王 伟 李 明 张强", "记者 王 伟 李 明 张强"),
            // … but not two that are no name.
            ("企业加快 布 局", "企业加快布局"),
            ("小 山 村走 出致", "小山村走出致"),
            ("▶ 杨 坤", "▶ 杨 坤"),
            // Trap: words without a single character among them.
            ("精准谋划 精细指导", "精准谋划 精细指导"),
            // Trap: a table's header sets single characters apart.
            (
                "场次 胜 平 负 积分\n1 北京国安 10 6 3 1 21\n2 上海海港 10 6 2 2 20",
                "场次 胜 平 负 积分\n1北京国安10 6 3 1 21\n2上海海港10 6 2 2 20",
            ),
        ];
        // Trap: a text that shows no split word keeps them all.
        let alone = [(
            "春耕备耕 正 当时\n新 春 走 基 层",
            "春耕备耕 正 当时\n新 春 走 基 层",
        )];
        check_after_evidence(&cases, evidence, &alone);
    }

    #[test]
    fn spaces_of_a_text_that_splits_words_all_along() {
        // Three spaces inside pairs the last line writes together, all of
        // the evidence's: a writer that split words all along.
        let evidence = |split: &str| {
            format!("他们往{split}来穿梭，施{split}工有序，结{split}构稳定。\n往来施工结构")
        };
        let cases = [
            (
                "获奖 了，好多 市民为我 点赞。",
                "获奖了，好多市民为我点赞。",
            ),
            ("冒充客服诈骗 获刑", "冒充客服诈骗获刑"),
            // A line of short words that names no one.
            ("男子 冒充 客服 诈骗 获刑", "男子冒充客服诈骗获刑"),
            // Traps: names, a role, two phrases.
            ("黄磊 方圆", "黄磊 方圆"),
            ("读者 周明", "读者 周明"),
            ("精准谋划 精细指导", "精准谋划 精细指导"),
            // Traps: what a text sets apart stays: a dateline and its
            // story, roles and names, names in a bracket opened by a
            // role, two phrases of a headline or a quoted slogan.
            ("本报讯 近日，市教育局", "本报讯 近日，市教育局"),
            (
                "新华社北京10月24日电 工业和信息化部",
                "新华社北京10月24日电 工业和信息化部",
            ),
            (
                "本报讯（记者 刘洋 通讯员 孙丽）眼下",
                "本报讯（记者 刘洋 通讯员 孙丽）眼下",
            ),
            ("电（记者王晓东 陈静）工业", "电（记者王晓东 陈静）工业"),
            ("□本报评论员 郭峰", "□本报评论员 郭峰"),
            (
                "▶ 本报特约通讯员 杨皓 张静攀",
                "▶ 本报特约通讯员 杨皓 张静攀",
            ),
            ("郭海洲 何伟 李思颖", "郭海洲 何伟 李思颖"),
            ("▶ 杨 坤", "▶ 杨 坤"),
            ("记者 张伟 赵 磊", "记者 张伟 赵 磊"),
            // … but not two single characters that are no name.
            ("小山 村走 出致 富 路", "小山村走出致富路"),
            (
                "七星区“创城在路上 发掘七星美”文明",
                "七星区“创城在路上 发掘七星美”文明",
            ),
            (
                "创新链赋能产业链 发展活力持续迸发",
                "创新链赋能产业链 发展活力持续迸发",
            ),
            // … but not two phrases inside running text, nor a short one.
            (
                "据介绍，七星区创城在路上 发掘七星美活动",
                "据介绍，七星区创城在路上发掘七星美活动",
            ),
            ("“创城 发掘七星美”", "“创城发掘七星美”"),
        ];
        // Traps: one such space is too few (the first line's own spaces
        // are not inside pairs written together), and so are two among
        // more than ten spaces.
        let alone = [
            (
                "获奖 了，好多 市民为我 点赞。\n他们往 来穿梭。\n往来",
                "获奖 了，好多 市民为我 点赞。\n他们往来穿梭。\n往来",
            ),
            (
                "获奖 了，好多 市民为我 点赞，城市 发展 迅速 稳定 和谐 美丽 繁荣。\n他们往 来穿梭，施 工有序。\n往来施工",
                "获奖 了，好多 市民为我 点赞，城市 发展 迅速 稳定 和谐 美丽 繁荣。\n他们往来穿梭，施工有序。\n往来施工",
            ),
        ];
        check_after_evidence(&cases, evidence, &alone);
    }

    /// Checks each of `cases` followed by a line of `evidence` (made with
    /// one space where its words are split in the input, none in the
    /// output), then `alone` as they are.
    fn check_after_evidence(
        cases: &[(&str, &str)],
        evidence: impl Fn(&str) -> String,
        alone: &[(&str, &str)],
    ) {
        let (split, joined) = (evidence(" "), evidence(""));
        let owned: Vec<(String, String)> = cases
            .iter()
            .map(|(input, expected)| (format!("{input}\n{split}"), format!("{expected}\n{joined}")))
            .collect();
        let mut all: Vec<(&str, &str)> = owned
            .iter()
            .map(|(a, b)| (a.as_str(), b.as_str()))
            .collect();
        all.extend_from_slice(alone);
        check_cases(&Spacing, &all);
    }

    #[test]
    fn spaces_kept() {
        let unchanged = [
            "本报讯 近日，",
            "精准谋划 精细指导",
            "“创城在路上 发掘七星美”主题摄影展",
            "本报讯（记者 李争粉）近日",
            "▶ 杨 坤",
            "▶▶ 许丹 本报记者 叶伟",
            "▶ 本报特约通讯员 杨皓 张静攀",
            "郭海洲 何伟 李思颖",
            "杨 坤 王 伟 李 明",
            // Two-character words or names set apart are no letter-spacing,
            // with a few single characters among them too.
            "北京 上海 广州 深圳 天津 重庆 武汉 成都",
            "记者 张伟 王丽 李明 赵 磊 通讯员 刘洋 陈 静",
            "英国剑桥大学教授Dr. Smith一行",
            "资金为5 000万元",
            "“Method (a) for GaN Growth”的报告",
            "云耀10万吨再生铜（二期 .铜杆）项目",
            "危中寻机 贵阳高新区防护产业悄然崛起",
            "a b c d e f g h i j",
            "",
            "\n\n",
        ];
        let cases: Vec<(&str, &str)> = unchanged.iter().map(|s| (*s, *s)).collect();
        check_cases(&Spacing, &cases);
    }
}
