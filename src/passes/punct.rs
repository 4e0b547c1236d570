//! `punct`: ASCII punctuation in Chinese text becomes full-width (GOLDEN.md
//! rule 7).
//!
//! Fixes: ASCII `,` `:` `;` `?` `!` `(` `)` that stand next to a CJK
//! character (Han, Kana or CJK punctuation), spaces ignored, become `，` `：`
//! `；` `？` `！` `（` `）`: `近日,在` -> `近日，在`, `乐山高新区:项目`,
//! `Dr.Len-Pinchuk,欧洲` -> `Dr.Len-Pinchuk，欧洲`, `最前列!上述`.
//!
//! Signals, per line:
//! - A *cluster* is a run of these ASCII marks with only spaces between them
//!   (`)，` `?!` `, (`). A cluster is converted as a whole when the nearest
//!   non-space character before or after it (on the same line) is CJK. As a
//!   whole, because once one mark is full-width its neighbour touches CJK
//!   punctuation too, and a second run must find nothing left to do.
//! - Parentheses are paired on the line. A pair is converted (with the
//!   clusters that hold its two halves) when either half's cluster touches
//!   CJK or the text inside holds a CJK letter: `大成(南京)新材料` ->
//!   `大成（南京）新材料`, `(长治·潞安)`, `(筹)`, `研发(R&D)中心` ->
//!   `研发（R&D）中心`; `“Method (a) for GaN”` keeps `(a)`.
//!
//! Never touches: `.` (`Dr.Len-Pinchuk`, `114.7`, `（二期 .铜杆）`), other ASCII
//! symbols (`+`, `-`, `/`, `%`), and marks whose neighbours are Latin letters,
//! digits or other symbols: `1,000`, `10:30`, `http://x.y`, `(a)`.
//!
//! `spacing` runs just before this pass and asks [`widening_clusters`] which
//! marks will become full-width, so that it removes the spaces next to them
//! as next to any CJK punctuation.

use std::ops::Range;

use crate::config::Config;
use crate::edit::{Edit, EditKind};
use crate::pass::{Pass, PassOutput};
use crate::text;

pub struct Punct;

impl Pass for Punct {
    fn name(&self) -> &'static str {
        "punct"
    }

    fn description(&self) -> &'static str {
        "ASCII , : ; ? ! ( ) next to CJK text to their full-width forms"
    }

    fn run(&self, input: &str, _config: &Config, out: &mut PassOutput) {
        // Most lines hold none of the marks: only the lines that the marks
        // of the whole text fall in are looked at.
        let mut marks = Marks::new(input.as_bytes());
        let mut pos = 0;
        while let Some(mark) = marks.first_from(pos) {
            let Range {
                start: line_start,
                end: line_end,
            } = text::line_around(input, mark..mark + 1);
            let line = &input[line_start..line_end];
            for cluster in widening_clusters(line) {
                let cluster_text = &line[cluster.clone()];
                for (offset, c) in cluster_text.char_indices() {
                    if let Some(wide) = wide_str(c) {
                        let at = line_start + cluster.start + offset;
                        out.push(Edit::new(
                            at..at + 1,
                            wide,
                            EditKind::Punct,
                            "ASCII punctuation next to CJK text",
                        ));
                    }
                }
            }
            pos = line_end;
        }
    }
}

/// Finds the marks of a text in order with three vectorised searches (for
/// `,:;`, `?!(` and `)`), each of which only ever goes forward, so the text
/// is read at most once per search however the marks fall.
struct Marks<'a> {
    bytes: &'a [u8],
    /// Per search: where it found its next mark (`None`: no more).
    next: [Option<usize>; 3],
}

impl<'a> Marks<'a> {
    fn new(bytes: &'a [u8]) -> Marks<'a> {
        let mut marks = Marks {
            bytes,
            next: [None; 3],
        };
        for search in 0..3 {
            marks.next[search] = marks.find(search, 0);
        }
        marks
    }

    fn find(&self, search: usize, from: usize) -> Option<usize> {
        let rest = &self.bytes[from..];
        let found = match search {
            0 => memchr::memchr3(b',', b':', b';', rest),
            1 => memchr::memchr3(b'?', b'!', b'(', rest),
            _ => memchr::memchr(b')', rest),
        };
        found.map(|i| from + i)
    }

    /// The first mark at or after byte `from`.
    fn first_from(&mut self, from: usize) -> Option<usize> {
        for search in 0..3 {
            if self.next[search].is_some_and(|at| at < from) {
                self.next[search] = self.find(search, from);
            }
        }
        self.next.iter().flatten().min().copied()
    }
}

/// The ASCII marks this pass converts and their full-width forms.
const WIDE: [(char, &str); 7] = [
    (',', "，"),
    (':', "："),
    (';', "；"),
    ('?', "？"),
    ('!', "！"),
    ('(', "（"),
    (')', "）"),
];

/// The full-width form of an ASCII mark this pass converts.
pub fn full_width(c: char) -> Option<char> {
    // The table's pairs as a `match` (this is asked of every character).
    match c {
        ',' => Some('，'),
        ':' => Some('：'),
        ';' => Some('；'),
        '?' => Some('？'),
        '!' => Some('！'),
        '(' => Some('（'),
        ')' => Some('）'),
        _ => None,
    }
}

fn wide_str(c: char) -> Option<&'static str> {
    WIDE.iter()
        .find(|&&(ascii, _)| ascii == c)
        .map(|&(_, wide)| wide)
}

/// Byte ranges of `line` (one line, no `\n`) holding the clusters of ASCII
/// marks that this pass converts, in order. Every mark in a returned range
/// is converted; spaces inside a range stay spaces.
pub fn widening_clusters(line: &str) -> Vec<Range<usize>> {
    // Most lines hold none of the marks, and the long ones that do hold
    // them far apart: the marks are found by vectorised searches.
    let bytes = line.as_bytes();
    let mut marks = Marks::new(bytes);
    if marks.first_from(0).is_none() {
        return Vec::new();
    }
    struct Cluster {
        range: Range<usize>,
        touches_cjk: bool,
    }
    let mut clusters: Vec<Cluster> = Vec::new();
    let mut open: Option<usize> = None; // index of the cluster being built
    let mut last_solid_is_cjk = false;
    let mut cjk_letters = 0usize;
    // Open parentheses: (cluster index, CJK letters seen before it); the
    // cluster is `None` for a full-width `（`, which pairs like `(`.
    let mut parens: Vec<(Option<usize>, usize)> = Vec::new();
    // Matched pairs: (cluster of the opening half, of the closing half,
    // CJK letter inside); `None` for a full-width half.
    let mut pairs: Vec<(Option<usize>, Option<usize>, bool)> = Vec::new();
    // From mark to mark: of the text between two marks only its first and
    // last solid (non-space) characters matter, and, character by character,
    // its full-width parentheses and its CJK letters while a parenthesis is
    // open (only their count between the halves of a pair is used).
    let mut pos = 0;
    loop {
        let mark = marks.first_from(pos);
        let between = &line[pos..mark.unwrap_or(line.len())];
        if let Some(first) = between.chars().find(|&c| !text::is_hspace(c)) {
            if let Some(index) = open.take() {
                clusters[index].touches_cjk |= text::is_cjk(first);
            }
            let last = between.chars().rev().find(|&c| !text::is_hspace(c));
            last_solid_is_cjk = text::is_cjk(last.unwrap_or(first));
            if !parens.is_empty() || has_full_width_paren(between.as_bytes()) {
                for c in between.chars() {
                    if c == '（' {
                        parens.push((None, cjk_letters));
                    } else if c == '）' {
                        if let Some((opening, letters_before)) = parens.pop() {
                            pairs.push((opening, None, cjk_letters > letters_before));
                        }
                    } else if text::is_cjk_letter(c) {
                        cjk_letters += 1;
                    }
                }
            }
        }
        let Some(offset) = mark else {
            break;
        };
        pos = offset + 1;
        let index = *open.get_or_insert_with(|| {
            clusters.push(Cluster {
                range: offset..offset,
                touches_cjk: last_solid_is_cjk,
            });
            clusters.len() - 1
        });
        clusters[index].range.end = offset + 1;
        if bytes[offset] == b'(' {
            parens.push((Some(index), cjk_letters));
        } else if bytes[offset] == b')' {
            if let Some((opening, letters_before)) = parens.pop() {
                pairs.push((opening, Some(index), cjk_letters > letters_before));
            }
        }
    }
    let widen = widened(
        &clusters.iter().map(|c| c.touches_cjk).collect::<Vec<_>>(),
        &pairs,
    );
    clusters
        .into_iter()
        .zip(widen)
        .filter(|(_, widen)| *widen)
        .map(|(c, _)| c.range)
        .collect()
}

/// Whether `bytes` holds `（` or `）` (`EF BC 88`, `EF BC 89`), found from
/// their lead byte without decoding the text.
fn has_full_width_paren(bytes: &[u8]) -> bool {
    memchr::memchr_iter(0xef, bytes)
        .any(|at| matches!(bytes.get(at + 1..at + 3), Some([0xbc, 0x88 | 0x89])))
}

/// Which clusters are widened: those that touch CJK, and both halves of a
/// pair that holds a CJK letter, touches CJK or has a half that is, or
/// becomes, full-width. A pair is widened as a whole: a half widened with
/// its cluster (`(0))` inside `(园…))`) takes the other half along, or the
/// next run would pair the ASCII half left behind with another one. Clusters
/// are nodes and pairs edges; every component with a widened member is
/// widened (linear, however the pairs chain).
fn widened(touches_cjk: &[bool], pairs: &[(Option<usize>, Option<usize>, bool)]) -> Vec<bool> {
    let mut widen = touches_cjk.to_vec();
    let mut linked: Vec<Vec<usize>> = vec![Vec::new(); touches_cjk.len()];
    let mut todo: Vec<usize> = (0..widen.len()).filter(|&i| widen[i]).collect();
    for &(opening, closing, inner_cjk) in pairs {
        match (opening, closing) {
            (Some(o), Some(c)) if inner_cjk => todo.extend([o, c]),
            (Some(o), Some(c)) => {
                linked[o].push(c);
                linked[c].push(o);
            }
            (Some(half), None) | (None, Some(half)) => todo.push(half),
            (None, None) => {}
        }
    }
    while let Some(i) = todo.pop() {
        widen[i] = true;
        todo.extend(linked[i].drain(..).filter(|&j| !widen[j]));
    }
    widen
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::check_cases;

    #[test]
    fn ascii_marks_next_to_cjk_become_full_width() {
        check_cases(
            &Punct,
            &[
                (
                    "本报讯(记者 李争粉)近日,在第六届世界智能大会上",
                    "本报讯（记者 李争粉）近日，在第六届世界智能大会上",
                ),
                (
                    "应用场景清单:重点推荐10个场景;企业关心什么?清单给出了答案!",
                    "应用场景清单：重点推荐10个场景；企业关心什么？清单给出了答案！",
                ),
                ("大成(南京)新材料有限公司", "大成（南京）新材料有限公司"),
                (
                    "项目(长治·潞安)换约暨实验室(筹)揭牌",
                    "项目（长治·潞安）换约暨实验室（筹）揭牌",
                ),
                (
                    "美国工程院院士Dr.Len-Pinchuk,欧洲科学院",
                    "美国工程院院士Dr.Len-Pinchuk，欧洲科学院",
                ),
                ("乐山高新区:项目落地快新实", "乐山高新区：项目落地快新实"),
                ("图片来源:西安高新区", "图片来源：西安高新区"),
                ("同比增长100.1%,招商", "同比增长100.1%，招商"),
                // Spaces are ignored, and kept.
                ("近日 , 在", "近日 ， 在"),
                ("获悉 :", "获悉 ："),
                // A whole cluster goes, so a second run finds nothing.
                ("发展?!", "发展？！"),
                ("x,(中)", "x，（中）"),
                ("中,!x", "中，！x"),
                // A pair follows its halves or its content.
                ("研发(R&D)中心", "研发（R&D）中心"),
                ("(a)中", "（a）中"),
                ("(附件)", "（附件）"),
                // Trap: a pair is widened as a whole. The inner `)` goes
                // with the outer one (one cluster `))`), so the inner `(`
                // must go too, or a second run pairs it with the last `)`
                // and widens both (a proptest finding).
                ("(园0(0))0园0)0", "（园0（0））0园0)0"),
                // A half already full-width takes the other along.
                ("（a)", "（a）"),
                ("(a）", "（a）"),
                // Across lines nothing is shared.
                (
                    "近日
,x",
                    "近日
,x",
                ),
            ],
        );
    }

    /// The clusters as the first, character by character, version found
    /// them: the mark-to-mark scan must agree.
    fn widening_clusters_by_char(line: &str) -> Vec<Range<usize>> {
        // Most lines hold none of the marks: a byte scan settles them.
        if !line
            .bytes()
            .any(|b| matches!(b, b',' | b':' | b';' | b'?' | b'!' | b'(' | b')'))
        {
            return Vec::new();
        }
        struct Cluster {
            range: Range<usize>,
            touches_cjk: bool,
        }
        let mut clusters: Vec<Cluster> = Vec::new();
        let mut open: Option<usize> = None; // index of the cluster being built
        let mut last_solid_is_cjk = false;
        let mut cjk_letters = 0usize;
        // Open parentheses: (cluster index, CJK letters seen before it); the
        // cluster is `None` for a full-width `（`, which pairs like `(`.
        let mut parens: Vec<(Option<usize>, usize)> = Vec::new();
        // Matched pairs: (cluster of the opening half, of the closing half,
        // CJK letter inside); `None` for a full-width half.
        let mut pairs: Vec<(Option<usize>, Option<usize>, bool)> = Vec::new();
        for (offset, c) in line.char_indices() {
            if text::is_hspace(c) {
                continue;
            }
            if full_width(c).is_some() {
                let index = *open.get_or_insert_with(|| {
                    clusters.push(Cluster {
                        range: offset..offset,
                        touches_cjk: last_solid_is_cjk,
                    });
                    clusters.len() - 1
                });
                clusters[index].range.end = offset + 1;
                if c == '(' {
                    parens.push((Some(index), cjk_letters));
                } else if c == ')' {
                    if let Some((opening, letters_before)) = parens.pop() {
                        pairs.push((opening, Some(index), cjk_letters > letters_before));
                    }
                }
                continue;
            }
            if c == '（' {
                parens.push((None, cjk_letters));
            } else if c == '）' {
                if let Some((opening, letters_before)) = parens.pop() {
                    pairs.push((opening, None, cjk_letters > letters_before));
                }
            }
            let is_cjk = text::is_cjk(c);
            if let Some(index) = open.take() {
                clusters[index].touches_cjk |= is_cjk;
            }
            last_solid_is_cjk = is_cjk;
            if text::is_cjk_letter(c) {
                cjk_letters += 1;
            }
        }
        let widen = widened(
            &clusters.iter().map(|c| c.touches_cjk).collect::<Vec<_>>(),
            &pairs,
        );
        clusters
            .into_iter()
            .zip(widen)
            .filter(|(_, widen)| *widen)
            .map(|(c, _)| c.range)
            .collect()
    }

    proptest::proptest! {
        #![proptest_config(crate::testing::proptest_config(512))]
        #[test]
        fn clusters_agree_with_the_character_scan(
            line in "[a1 ,:;?!()（）中文。“”·\u{3000}\u{301}]{0,24}"
        ) {
            proptest::prop_assert_eq!(widening_clusters(&line), widening_clusters_by_char(&line));
        }
    }

    #[test]
    fn full_width_follows_the_table() {
        for c in (0..0x80u8).map(char::from) {
            assert_eq!(full_width(c), wide_str(c).and_then(|s| s.chars().next()));
        }
        assert_eq!(full_width('，'), None);
    }

    #[test]
    fn latin_numbers_and_dots_stay() {
        let unchanged = [
            "论坛于上午10:30开幕",
            "目前已有1,000家企业",
            "美国工程院院士Dr.Len-Pinchuk作了报告",
            "“Method (a) for GaN Growth”的报告",
            "通过网站 www.example.com 报名",
            "见 http://x.y/a?b=1 页面",
            "云耀10万吨再生铜（二期 .铜杆）项目",
            "可完成158/166/182/210全规格",
            "“1+3”实施方案，鲲鹏主板+鲲鹏芯片",
            "张海鹏/摄",
            "Hello, world (again)!",
            "比分3:1",
            "",
        ];
        let cases: Vec<(&str, &str)> = unchanged.iter().map(|s| (*s, *s)).collect();
        check_cases(&Punct, &cases);
    }
}
