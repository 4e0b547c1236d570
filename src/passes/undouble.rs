//! `undouble`: removes the copies a fake-bold extractor made (GOLDEN.md rule 2).
//!
//! Bold headlines are often printed by drawing every glyph run twice, and
//! extractors then emit each text chunk twice. Three shapes are fixed:
//!
//! - **Doubled chain**: a whole line (spaces aside) is `XX YY ZZ …`, e.g.
//!   `总投资额约总投资额约6060亿元亿元55项目签约项目签约`. The second copy of
//!   every chunk is removed, giving `总投资额约60亿元5项目签约`.
//! - **Repeated line**: a headline line followed by the same line
//!   (`园区热点` / `园区热点`). The later copies are removed with the line
//!   breaks before them.
//! - **Staircase**: lines that overlap like `总投资额约` / `总投资额约60` /
//!   `60亿元` / `亿元`, i.e. `X1` / `X1 X2` / `X2 X3` / … / `Xm`. Every line
//!   after the first starts with a copy of the part the line above added, so
//!   that copy is removed (an `Undouble` edit) and the line break before it
//!   is removed (a `Join` edit), giving `X1 X2 … Xm` = `总投资额约60亿元`.
//!
//! How a chain is found: the line's graphemes (spaces left out) are
//! `g[0..n]`. A dynamic programme runs from the right: `best[i]` is the least
//! number of doubled chunks `g[i..i+k] == g[i+k..i+2k]` that split `g[i..n]`
//! exactly, or "none". The comparison is exact and O(1) per `(i, k)`: for
//! every shift `k` the pass keeps `run[k]`, the length of the common run of
//! `g[i..]` and `g[i+k..]`, updated from `i+1` to `i` in constant time, and
//! `g[i..i+k]` is doubled iff `run[k] >= k`. That is O(n·n/2) time and O(n)
//! memory per line, and only lines of at most [`MAX_CHAIN_GRAPHEMES`]
//! graphemes are looked at, so the pass stays linear in the text.
//! `best[0]` is set only through a chain of verified doubled chunks that
//! starts at 0 and ends exactly at `n`, so every grapheme of an accepted line
//! lies inside a chunk that is followed by its copy: a line with any part that
//! is not doubled (one stray grapheme is enough) has no such chain and is left
//! alone. Where several splits exist (`谢谢谢谢` is `谢谢|谢谢` or
//! `谢|谢` `谢|谢`), the one with the fewest, hence longest, chunks wins
//! (ties: the longer first chunk), because the extractor doubles whole runs.
//! A line drawn four times is a chain whose single copy is a chain again; it
//! is undoubled until no accepted chain is left. ASCII marks that `punct`
//! widens later compare equal to their full-width forms (`,，` is doubled).
//! Both make a second run of the pipeline find nothing left to do.
//!
//! Reduplication is not fake bold. A chain is accepted only if its single
//! copy has at least [`MIN_RESULT_GRAPHEMES`] graphemes, two different ones
//! and two CJK letters, and one chunk of at least [`MIN_LONGEST_CHUNK`]
//! graphemes. So a line that is just `谢谢`, `常常`, `人人`, `看看`,
//! `研究研究`, `明明白白`, `谢谢谢谢` or `哈哈哈哈哈哈` stays as it is (a real
//! headline that short is rare, and missing one costs less than damaging body
//! text). Body text inside a line (`明明白白地说`, `天天向上`) never changes,
//! since those lines have undoubled parts.
//!
//! Repeated lines and staircases are accepted only among consecutive
//! headline-like lines: at most [`MAX_HEADLINE_GRAPHEMES`] graphemes, no
//! sentence punctuation (`。！？；!?;`), and a result of at least
//! [`MIN_RESULT_GRAPHEMES`] graphemes with two CJK letters (so short table
//! cells such as `已完成` / `已完成` stay). Blank lines between them do not
//! matter: `unwrap` removes them, and the pipeline run again must decide the
//! same. Body paragraphs are never merged or dropped, and the overlap must
//! partition every line exactly, so a reduplication split over a wrap
//! (`…再研究` / `研究’。…`, `天` / `天向上…`) is no staircase. Lines that are
//! themselves doubled chains are compared by their single copy for repeats
//! (so `园区热点园区热点` / `园区热点` becomes one line in one run) and never
//! take part in a staircase.
//!
//! Never touches: anything else. It only removes copies (and, for repeats and
//! staircases, the line breaks before them); spaces left behind are for
//! `spacing`.

use std::collections::{HashMap, VecDeque};
use std::ops::Range;

use crate::config::Config;
use crate::edit::{Edit, EditKind};
use crate::pass::{Pass, PassOutput};
use crate::passes::punct;
use crate::text::{self, TextLine};

pub struct Undouble;

/// Longer lines (spaces aside) are never examined as chains: a doubled
/// headline is far shorter, and the cap keeps the quadratic per-line search
/// bounded.
pub const MAX_CHAIN_GRAPHEMES: usize = 200;
/// The single copy of an accepted chain has at least this many graphemes.
pub const MIN_RESULT_GRAPHEMES: usize = 4;
/// An accepted chain has a chunk at least this long (ordinary reduplication
/// doubles one or two characters at a time).
pub const MIN_LONGEST_CHUNK: usize = 3;
/// Repeated lines and staircase steps are at most this long.
pub const MAX_HEADLINE_GRAPHEMES: usize = 40;
/// Most lines of one staircase (or copies in one repeat).
const MAX_SHAPE_LINES: usize = 8;

impl Pass for Undouble {
    fn name(&self) -> &'static str {
        "undouble"
    }

    fn description(&self) -> &'static str {
        "remove fake-bold copies: doubled chains (XXYY), repeated headline lines, staircases of partial copies"
    }

    fn run(&self, input: &str, config: &Config, out: &mut PassOutput) {
        let mut source = text::nonblank_lines(input);
        let mut interner = Interner::default();
        let mut window: VecDeque<Line> = VecDeque::new();
        loop {
            while window.len() <= MAX_SHAPE_LINES {
                match source.next() {
                    Some(line) => window.push_back(Line::new(input, line, &mut interner)),
                    None => break,
                }
            }
            if window.is_empty() {
                break;
            }
            let lines = window.make_contiguous();
            let consumed = if let Some(n) = repeated_line(lines, out) {
                chain_edits(&lines[0], input, config, out);
                n
            } else if let Some(n) = staircase(lines, out) {
                n
            } else {
                chain_edits(&lines[0], input, config, out);
                1
            };
            window.drain(..consumed);
        }
    }
}

/// One grapheme of a line; spaces are left out.
#[derive(Debug)]
struct Grapheme {
    span: Range<usize>,
    id: u32,
    cjk_letter: bool,
}

/// A non-blank line with what the shapes need to know about it.
#[derive(Debug)]
struct Line {
    range: Range<usize>,
    /// The graphemes without spaces, or `None` for a line longer than
    /// [`MAX_CHAIN_GRAPHEMES`].
    graphemes: Option<Vec<Grapheme>>,
    /// For an accepted doubled chain: the graphemes of its single copy
    /// (indices into `graphemes`, in order).
    chain: Option<Vec<usize>>,
    /// A decomposition that was found but rejected as reduplication.
    rejected_chain: bool,
    /// The grapheme ids of the line's single copy (the line itself unless it
    /// is a doubled chain).
    canonical: Vec<u32>,
    /// Contains sentence punctuation: never a headline.
    sentence_like: bool,
}

impl Line {
    fn new(input: &str, line: TextLine, interner: &mut Interner) -> Line {
        let text = &input[line.range.clone()];
        let graphemes = graphemes_of(text, line.range.start, interner);
        let mut result = Line {
            range: line.range,
            graphemes: None,
            chain: None,
            rejected_chain: false,
            canonical: Vec::new(),
            sentence_like: true,
        };
        let Some(graphemes) = graphemes else {
            return result;
        };
        let (chain, rejected) = undouble_chain(&graphemes);
        result.canonical = match &chain {
            Some(kept) => kept.iter().map(|&i| graphemes[i].id).collect(),
            None => graphemes.iter().map(|g| g.id).collect(),
        };
        result.chain = chain;
        result.rejected_chain = rejected;
        result.sentence_like =
            text.contains(['。', '！', '？', '!', '?', '；', ';']) || text::ends_sentence(text);
        result.graphemes = Some(graphemes);
        result
    }

    /// Short, without sentence punctuation: may be a headline or a credit.
    fn headline_like(&self) -> bool {
        self.graphemes.is_some()
            && !self.sentence_like
            && !self.canonical.is_empty()
            && self.canonical.len() <= MAX_HEADLINE_GRAPHEMES
    }

    fn first_start(&self) -> usize {
        self.graphemes
            .as_ref()
            .and_then(|g| g.first())
            .map_or(self.range.start, |g| g.span.start)
    }

    fn last_end(&self) -> usize {
        self.graphemes
            .as_ref()
            .and_then(|g| g.last())
            .map_or(self.range.end, |g| g.span.end)
    }

    fn ids(&self) -> Vec<u32> {
        self.graphemes
            .iter()
            .flatten()
            .map(|g| g.id)
            .collect::<Vec<_>>()
    }
}

/// The graphemes of `text` without spaces (spans offset by `base`), or
/// `None` when there are more than [`MAX_CHAIN_GRAPHEMES`].
fn graphemes_of(text: &str, base: usize, interner: &mut Interner) -> Option<Vec<Grapheme>> {
    let mut graphemes = Vec::new();
    for (offset, g) in text::grapheme_indices(text) {
        if g.chars().all(char::is_whitespace) {
            continue;
        }
        if graphemes.len() == MAX_CHAIN_GRAPHEMES {
            return None;
        }
        let start = base + offset;
        graphemes.push(Grapheme {
            span: start..start + g.len(),
            id: interner.id(g),
            cjk_letter: g.chars().next().is_some_and(text::is_cjk_letter),
        });
    }
    Some(graphemes)
}

/// True when this pass would undouble `text` taken as one line (whitespace,
/// line breaks included, aside). A pass that joins lines asks this so as not
/// to build a doubled line that a second run of the pipeline would undouble.
pub fn would_undouble(text: &str) -> bool {
    graphemes_of(text, 0, &mut Interner::default())
        .is_some_and(|graphemes| undouble_chain(&graphemes).0.is_some())
}

/// Numbers graphemes: a single character is its own code point, a longer
/// cluster gets a number above the Unicode range. ASCII marks that `punct`
/// may widen later count as their full-width forms (`,，` is doubled), so
/// that the pipeline run again finds no new chain.
#[derive(Default)]
struct Interner {
    clusters: HashMap<String, u32>,
}

impl Interner {
    fn id(&mut self, g: &str) -> u32 {
        let mut chars = g.chars();
        match (chars.next(), chars.next()) {
            (Some(c), None) => punct::full_width(c).unwrap_or(c) as u32,
            _ => {
                let next = 0x11_0000 + self.clusters.len() as u32;
                *self.clusters.entry(g.to_string()).or_insert(next)
            }
        }
    }
}

/// Splits `ids` into doubled chunks `XX YY …` covering all of it, with the
/// fewest chunks (ties: longest first chunk). Returns `(start, chunk length)`
/// per chunk, or `None` when no exact split exists. See the module doc.
fn chain_decomposition(ids: &[u32]) -> Option<Vec<(usize, usize)>> {
    let n = ids.len();
    if n < 2 || n % 2 == 1 {
        return None;
    }
    let half = n / 2;
    // Cheap necessary conditions first (most lines are not chains): the
    // first chunk starts the line doubled, the last one ends it doubled.
    let doubled_at =
        |start: usize, k: usize| ids[start..start + k] == ids[start + k..start + 2 * k];
    if !(1..=half).any(|k| doubled_at(0, k)) || !(1..=half).any(|k| doubled_at(n - 2 * k, k)) {
        return None;
    }
    // Every grapheme of a doubled line occurs an even number of times; this
    // O(n log n) test turns away almost every ordinary line before the DP.
    let mut sorted = ids.to_vec();
    sorted.sort_unstable();
    if sorted
        .chunk_by(|a, b| a == b)
        .any(|same| same.len() % 2 == 1)
    {
        return None;
    }
    const UNREACHABLE: u32 = u32::MAX;
    // run[k]: length of the common run of ids[i..] and ids[i+k..] for the
    // current i (index 0 unused). Entries with i + k >= n stay 0.
    let mut run = vec![0u32; half + 1];
    let mut best = vec![UNREACHABLE; n + 1];
    let mut choice = vec![0usize; n + 1];
    best[n] = 0;
    for i in (0..n).rev() {
        let shifts = half.min(n - 1 - i);
        let first = ids[i];
        for (r, &other) in run[1..=shifts].iter_mut().zip(&ids[i + 1..=i + shifts]) {
            *r = if first == other { *r + 1 } else { 0 };
        }
        // Ascending k, ties replacing: among equally few chunks the longest first
        // chunk wins.
        for k in 1..=(n - i) / 2 {
            let after = best[i + 2 * k];
            if run[k] as usize >= k && after < best[i] {
                best[i] = after + 1;
                choice[i] = k;
            }
        }
    }
    if best[0] == UNREACHABLE {
        return None;
    }
    let mut chunks = Vec::with_capacity(best[0] as usize);
    let mut i = 0;
    while i < n {
        let k = choice[i];
        chunks.push((i, k));
        i += 2 * k;
    }
    Some(chunks)
}

/// The single copy of a doubled chain line, as indices into `graphemes`,
/// or `None`; and whether a split was found but rejected as reduplication.
/// A line drawn four times is a chain whose single copy is a chain again: it
/// is undoubled until no accepted chain is left, so that a second run finds
/// nothing to do.
fn undouble_chain(graphemes: &[Grapheme]) -> (Option<Vec<usize>>, bool) {
    let mut kept: Vec<usize> = (0..graphemes.len()).collect();
    let mut accepted = false;
    loop {
        let ids: Vec<u32> = kept.iter().map(|&i| graphemes[i].id).collect();
        let Some(chunks) = chain_decomposition(&ids) else {
            return (accepted.then_some(kept), false);
        };
        let single: Vec<usize> = chunks
            .iter()
            .flat_map(|&(i, k)| kept[i..i + k].iter().copied())
            .collect();
        let longest = chunks.iter().map(|&(_, k)| k).max().unwrap_or(0);
        if !accept_chain(graphemes, &single, longest) {
            return (accepted.then_some(kept), !accepted);
        }
        kept = single;
        accepted = true;
    }
}

/// Tells fake bold from reduplication (see the module doc): `single` is the
/// candidate single copy, `longest` its longest chunk.
fn accept_chain(graphemes: &[Grapheme], single: &[usize], longest: usize) -> bool {
    let distinct = single
        .iter()
        .any(|&i| graphemes[i].id != graphemes[single[0]].id);
    single.len() >= MIN_RESULT_GRAPHEMES
        && longest >= MIN_LONGEST_CHUNK
        && distinct
        && cjk_letters(single.iter().map(|&i| &graphemes[i])) >= 2
}

fn cjk_letters<'a>(graphemes: impl Iterator<Item = &'a Grapheme>) -> usize {
    graphemes.filter(|g| g.cjk_letter).count()
}

/// Edits that remove the second copy of every chunk of `line`'s chain.
fn chain_edits(line: &Line, input: &str, config: &Config, out: &mut PassOutput) {
    let Some(graphemes) = &line.graphemes else {
        return;
    };
    if let Some(kept) = &line.chain {
        // Delete every maximal run of graphemes that is not in the single copy.
        let mut kept = kept.iter().copied().peekable();
        let mut copies = 0;
        let mut i = 0;
        while i < graphemes.len() {
            if kept.peek() == Some(&i) {
                kept.next();
                i += 1;
                continue;
            }
            let first = i;
            while i < graphemes.len() && kept.peek() != Some(&i) {
                i += 1;
            }
            let copy = graphemes[first].span.start..graphemes[i - 1].span.end;
            out.push(Edit::delete(copy, EditKind::Undouble, "doubled chunk"));
            copies += 1;
        }
        if config.explain {
            out.note(
                line.range.clone(),
                format!("doubled chain: {copies} copies removed"),
            );
        }
    } else if line.rejected_chain && config.explain {
        out.note(
            line.range.clone(),
            format!(
                "kept {:?}: doubled, but reduplication rather than fake bold",
                &input[line.range.clone()]
            ),
        );
    }
}

/// A headline-like first line followed by copies of itself: removes the
/// copies and the breaks before them. Returns how many lines were used.
fn repeated_line(window: &[Line], out: &mut PassOutput) -> Option<usize> {
    let first = &window[0];
    if !first.headline_like()
        || first.canonical.len() < MIN_RESULT_GRAPHEMES
        || cjk_count(first) < 2
    {
        return None;
    }
    let copies = window[1..]
        .iter()
        .take_while(|l| l.canonical == first.canonical)
        .count();
    if copies == 0 {
        return None;
    }
    let mut kept_end = first.last_end();
    for copy in &window[1..=copies] {
        out.push(Edit::delete(
            kept_end..copy.first_start(),
            EditKind::Join,
            "line break before a repeated headline line",
        ));
        out.push(Edit::delete(
            copy.first_start()..copy.last_end(),
            EditKind::Undouble,
            "repeated headline line",
        ));
        kept_end = copy.last_end();
    }
    Some(1 + copies)
}

/// CJK letters of a line's single copy.
fn cjk_count(line: &Line) -> usize {
    let Some(graphemes) = &line.graphemes else {
        return 0;
    };
    match &line.chain {
        Some(kept) => cjk_letters(kept.iter().map(|&i| &graphemes[i])),
        None => cjk_letters(graphemes.iter()),
    }
}

/// `X1` / `X1 X2` / `X2 X3` / … / `Xm`: removes the copy each line starts
/// with and the line break before it. Returns how many lines were used.
fn staircase(window: &[Line], out: &mut PassOutput) -> Option<usize> {
    let step_ok = |l: &Line| l.headline_like() && l.chain.is_none();
    let first = &window[0];
    if !step_ok(first) {
        return None;
    }
    // overlaps[j]: graphemes line j+1 repeats from line j.
    let mut overlaps = Vec::new();
    let mut tail: Vec<u32> = first.ids();
    let mut result_len = tail.len();
    let mut end = None;
    for (j, line) in window.iter().enumerate().skip(1) {
        if !step_ok(line) {
            break;
        }
        let ids = line.ids();
        if !ids.starts_with(&tail) {
            break;
        }
        overlaps.push(tail.len());
        if ids.len() == tail.len() {
            // The last step repeats the previous tail only. Two lines of
            // that kind are a repeat, not a staircase.
            if j >= 2 {
                end = Some(j);
            }
            break;
        }
        tail = ids[tail.len()..].to_vec();
        result_len += tail.len();
    }
    let end = end?;
    let steps = &window[..=end];
    let result_cjk: usize = cjk_count(first)
        + steps[1..]
            .iter()
            .zip(&overlaps)
            .map(|(l, &o)| cjk_letters(l.graphemes.iter().flatten().skip(o)))
            .sum::<usize>();
    if result_len < MIN_RESULT_GRAPHEMES || result_cjk < 2 {
        return None;
    }
    for (pair, &overlap) in steps.windows(2).zip(&overlaps) {
        let (above, line) = (&pair[0], &pair[1]);
        let graphemes = line.graphemes.as_ref()?;
        out.push(Edit::delete(
            above.last_end()..line.first_start(),
            EditKind::Join,
            "staircase: headline copies rejoined",
        ));
        out.push(Edit::delete(
            line.first_start()..graphemes[overlap - 1].span.end,
            EditKind::Undouble,
            "staircase: copy of the line above",
        ));
    }
    Some(end + 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::check_cases;

    fn decompose(s: &str) -> Option<Vec<String>> {
        let graphemes: Vec<&str> = text::grapheme_indices(s).map(|(_, g)| g).collect();
        let mut interner = Interner::default();
        let ids: Vec<u32> = graphemes.iter().map(|g| interner.id(g)).collect();
        chain_decomposition(&ids).map(|chunks| {
            chunks
                .iter()
                .map(|&(i, k)| graphemes[i..i + k].concat())
                .collect()
        })
    }

    #[test]
    fn decomposition_is_exact_and_prefers_long_chunks() {
        assert_eq!(
            decompose("总投资额约总投资额约6060亿元亿元55项目签约项目签约").unwrap(),
            vec!["总投资额约", "60", "亿元", "5", "项目签约"]
        );
        assert_eq!(decompose("谢谢谢谢").unwrap(), vec!["谢谢"]);
        assert_eq!(decompose("aabbaabb").unwrap(), vec!["aabb"]);
        assert_eq!(decompose("明明白白").unwrap(), vec!["明", "白"]);
        // Any undoubled part, anywhere, defeats the whole line.
        assert_eq!(decompose("园区热点园区热点。"), None);
        assert_eq!(decompose("园区热点园区热"), None);
        assert_eq!(decompose("x园区热点园区热点"), None);
        assert_eq!(decompose("明明白白地说"), None);
        assert_eq!(decompose(""), None);
        // Grapheme clusters, not code points: e + combining acute twice.
        assert_eq!(decompose("e\u{301}e\u{301}").unwrap(), vec!["e\u{301}"]);
        assert_eq!(decompose("e\u{301}e"), None);
    }

    #[test]
    fn doubled_chains() {
        check_cases(
            &Undouble,
            &[
                (" 园区热点园区热点\n", " 园区热点\n"),
                (
                    "布局布局““六大领域六大领域””实施实施““六大任务六大任务””\n",
                    "布局“六大领域”实施“六大任务”\n",
                ),
                (
                    "总投资额约总投资额约6060亿元亿元55项目签约项目签约\n本报讯 近日，",
                    "总投资额约60亿元5项目签约\n本报讯 近日，",
                ),
                (
                    "图片来源图片来源：：西安高新区西安高新区",
                    "图片来源：西安高新区",
                ),
                (
                    "连续连续44年获评湖南省环保诚信园区年获评湖南省环保诚信园区",
                    "连续4年获评湖南省环保诚信园区",
                ),
                (
                    "首批首批1212个信创应用场景发布个信创应用场景发布",
                    "首批12个信创应用场景发布",
                ),
                (
                    "滨海湾滨海湾““体育＋体育＋””助力粤港澳青年交流与成长助力粤港澳青年交流与成长",
                    "滨海湾“体育＋”助力粤港澳青年交流与成长",
                ),
                // Spaces aside: a space between or inside the copies.
                ("园区热点 园区热点\n", "园区热点 \n"),
                ("园区 热点园区 热点", "园区 热点"),
                // Drawn four times: undoubled until nothing doubled is left.
                ("园区热点园区热点园区热点园区热点", "园区热点"),
                (
                    "联系电话：0551-联系电话：0551-联系电话：0551-联系电话：0551- ",
                    "联系电话：0551- ",
                ),
                // Four times, but the single copy is reduplication: stop there.
                ("研究研究研究研究", "研究研究"),
                // ASCII and full-width forms of a mark `punct` widens are one.
                (",，园区热点园区热点", ",园区热点"),
            ],
        );
    }

    #[test]
    fn reduplication_is_not_fake_bold() {
        let unchanged = [
            // Lines that are just a reduplicated word.
            "谢谢",
            "常常",
            "人人",
            "看看",
            "谢谢谢谢",
            "研究研究",
            "明明白白",
            "高高兴兴快快乐乐",
            "研究研究讨论讨论",
            "哈哈哈哈哈哈",
            "2020",
            "——",
            "▶▶",
            // Body text with reduplication.
            "让大家明明白白地看到。”村党支部书",
            "好好学习，天天向上",
            "“人人有岗位、人人有责任”的班级",
            "家长们也常来学校看看孩子们的",
            "我们回去再研究研究",
            // Doubled, but with one part said once.
            "园区热点园区热点。",
            "西安高新区西安高新区创建",
        ];
        let cases: Vec<(&str, &str)> = unchanged.iter().map(|s| (*s, *s)).collect();
        check_cases(&Undouble, &cases);
    }

    #[test]
    fn repeated_lines() {
        check_cases(
            &Undouble,
            &[
                (
                    "园区热点\n\n园区热点\n\n本报讯 近日，",
                    "园区热点\n\n本报讯 近日，",
                ),
                ("园区热点\n园区热点\n园区热点\n正文。", "园区热点\n正文。"),
                // A doubled chain followed by its single copy: both fixed in one run.
                ("园区热点园区热点\n\n园区热点\n", "园区热点\n"),
                // Traps: body lines, too short, too far apart.
                (
                    "这是一个完整的句子。\n这是一个完整的句子。\n",
                    "这是一个完整的句子。\n这是一个完整的句子。\n",
                ),
                ("谢谢\n谢谢\n", "谢谢\n谢谢\n"),
                ("已完成\n已完成\n已完成\n", "已完成\n已完成\n已完成\n"),
                // Blank lines between do not matter.
                ("园区热点\n\n\n园区热点\n", "园区热点\n"),
                ("12345\n12345\n", "12345\n12345\n"),
            ],
        );
    }

    #[test]
    fn staircases() {
        check_cases(
            &Undouble,
            &[
                (
                    "随州高新区：\n\n总投资额约\n\n总投资额约60\n\n60亿元\n\n亿元\n\n本报讯 近日，",
                    "随州高新区：\n\n总投资额约60亿元\n\n本报讯 近日，",
                ),
                (
                    "总投资额约\n总投资额约60\n60亿元\n亿元\n",
                    "总投资额约60亿元\n",
                ),
                ("总投资额约\n总投资额约 60\n60 亿元\n亿元", "总投资额约 60 亿元"),
                // Traps: reduplication over a wrap, prefixes that do not chain.
                (
                    "我们回去再研究\n\n研究’。如今推行",
                    "我们回去再研究\n\n研究’。如今推行",
                ),
                (
                    "在高新区实验小学，“好好学习，天\n\n天向上”的校训挂在每间教室。学校推\n\n天向上",
                    "在高新区实验小学，“好好学习，天\n\n天向上”的校训挂在每间教室。学校推\n\n天向上",
                ),
                ("园区\n园区热点\n本报讯 近日", "园区\n园区热点\n本报讯 近日"),
                ("园区\n园区热点\n热点新闻\n", "园区\n园区热点\n热点新闻\n"),
                // Body text never takes part.
                (
                    "高新区\n高新区发展迅速。\n发展迅速。\n",
                    "高新区\n高新区发展迅速。\n发展迅速。\n",
                ),
            ],
        );
    }

    /// The golden traps and the seeds without fake bold get no edit at all.
    #[test]
    fn golden_traps_untouched() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("golden");
        let files = [
            "cases/trap-xiexie-tail-line.raw.txt",
            "cases/trap-changchang-mingmingbaibai.raw.txt",
            "cases/trap-yanjiu-across-break.raw.txt",
            "cases/trap-tiantian-renren-kankan.raw.txt",
            "seeds/001_9c5a2b8b5e7b073c.raw.txt",
            "seeds/003_30c7ce16e0933f49.raw.txt",
            "seeds/004_9d68846271780477.raw.txt",
        ];
        for file in files {
            let raw =
                std::fs::read_to_string(dir.join(file)).unwrap_or_else(|e| panic!("{file}: {e}"));
            let mut out = PassOutput::default();
            Undouble.run(&raw, &Config::default(), &mut out);
            assert!(out.edits.is_empty(), "{file}: {:?}", out.edits);
        }
    }

    #[test]
    fn long_and_odd_input() {
        let long = "园区热点".repeat(1000);
        check_cases(&Undouble, &[(&long, &long), ("", ""), ("\n\n", "\n\n")]);
        let aaaa = "啊".repeat(MAX_CHAIN_GRAPHEMES);
        check_cases(&Undouble, &[(&aaaa, &aaaa)]);
    }
}
