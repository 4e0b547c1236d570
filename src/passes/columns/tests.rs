use super::*;
use crate::config::Config;
use crate::edit::EditKind;
use crate::testing::{check_cases, run_pass, run_pass_with};
use crate::text::is_han;

/// One layout row: each text placed at its character index, as
/// `pdftotext -layout` does (every glyph one cell).
fn row(cells: &[(usize, &str)]) -> String {
    let mut line = String::new();
    let mut len = 0;
    for &(at, text) in cells {
        assert!(at >= len, "cell at {at} overlaps the text before it");
        line.extend(std::iter::repeat_n(' ', at - len));
        line.push_str(text);
        len = at + text.chars().count();
    }
    line
}

/// Rows joined with `\n`, ending with one.
fn page(rows: &[&[(usize, &str)]]) -> String {
    rows.iter().map(|r| row(r) + "\n").collect()
}

/// Lines joined with `\n`, ending with one.
fn lines(lines: &[&str]) -> String {
    lines.iter().map(|l| format!("{l}\n")).collect()
}

fn check(cases: &[(String, String)]) {
    let refs: Vec<(&str, &str)> = cases
        .iter()
        .map(|(i, e)| (i.as_str(), e.as_str()))
        .collect();
    check_cases(&Columns, &refs);
}

// Column texts, 12 to 16 characters wide.
const A1: &str = "   左栏第一段的第一行文字";
const A2: &str = "左栏第一段第二行的文字内容";
const A3: &str = "左栏第一段结束了。";
const A4: &str = "   左栏第二段开始的一行";
const B1: &str = "右栏第一行的文字内容很长";
const B2: &str = "右栏第二行的文字内容很长";
const B3: &str = "右栏第三行的文字结束。";
const B4: &str = "   右栏新段落的第一行";
const C1: &str = "第三栏第一行的文字内容";
const C2: &str = "第三栏第二行的文字内容";
const C3: &str = "第三栏第三行的文字结束。";

#[test]
fn two_three_and_four_columns() {
    check(&[
        // Two columns; the gutter is wider after a paragraph's short last line.
        (
            page(&[
                &[(0, A1), (20, B1)],
                &[(0, A2), (20, B2)],
                &[(0, A3), (20, B3)],
                &[(0, A4), (20, B4)],
            ]),
            lines(&[A1, A2, A3, A4, B1, B2, B3, B4]),
        ),
        // Three columns.
        (
            page(&[
                &[(0, A2), (18, B1), (35, C1)],
                &[(0, A2), (18, B2), (35, C2)],
                &[(0, A3), (18, B3), (35, C3)],
            ]),
            lines(&[A2, A2, A3, B1, B2, B3, C1, C2, C3]),
        ),
        // Four narrow columns (gutters of 4 spaces).
        (
            page(&[
                &[
                    (0, "一栏一行的文字内容"),
                    (13, "二栏一行的文字内容"),
                    (26, "三栏一行的文字内容"),
                    (39, "四栏一行的文字"),
                ],
                &[
                    (0, "一栏二行的文字内容"),
                    (13, "二栏二行的文字内容"),
                    (26, "三栏二行的文字内容"),
                    (39, "四栏二行的文字"),
                ],
                &[
                    (0, "一栏三行的文字内容"),
                    (13, "二栏三行的文字内容"),
                    (26, "三栏三行的文字内容"),
                    (39, "四栏三行的文字"),
                ],
            ]),
            lines(&[
                "一栏一行的文字内容",
                "一栏二行的文字内容",
                "一栏三行的文字内容",
                "二栏一行的文字内容",
                "二栏二行的文字内容",
                "二栏三行的文字内容",
                "三栏一行的文字内容",
                "三栏二行的文字内容",
                "三栏三行的文字内容",
                "四栏一行的文字",
                "四栏二行的文字",
                "四栏三行的文字",
            ]),
        ),
    ]);
}

#[test]
fn a_page_margin_before_the_first_column_is_padding() {
    check(&[
        // pdfplumber's layout mode keeps the page's left margin: the first
        // column's lines lose it as the second's lose the gutter, and keep
        // their indents.
        (
            page(&[
                &[(4, A1), (24, B1)],
                &[(4, A2), (24, B2)],
                &[(4, A3), (24, B3)],
                &[(4, A4), (24, B4)],
            ]),
            lines(&[A1, A2, A3, A4, B1, B2, B3, B4]),
        ),
        // Trap: a headline over both columns is no column line; its lead
        // (it is centred) stays.
        (
            page(&[
                &[(8, "标题居中而且跨过两栏的很长的一行")],
                &[(4, A2), (24, B1)],
                &[(4, A2), (24, B2)],
                &[(4, A3), (24, B3)],
            ]),
            lines(&[
                "        标题居中而且跨过两栏的很长的一行",
                A2,
                A2,
                A3,
                B1,
                B2,
                B3,
            ]),
        ),
    ]);
}

// pdfplumber's layout mode writes a blank row wherever the rows' baselines
// leave a gap, in one column too where the other's lines sit lower.
const HEADLINE: &str = "第二篇文章的标题文字很长";
/// The first line of the next article's story, opening with a dateline.
const DATELINE: &str = "本报讯近日第二篇文章开";

#[test]
fn stretches_between_articles_and_inside_columns() {
    check(&[
        // The left column's last line goes on (in the right column's top):
        // a line set in further than an indent after it is no line of that
        // column but the next article's headline, however wide.
        (
            page(&[
                &[(0, A1), (20, B1)],
                &[(0, A2), (20, B2)],
                &[(0, A2), (20, B3)],
                &[],
                &[(6, HEADLINE)],
                &[],
                &[(0, C1), (20, B4)],
                &[(0, C2), (20, B2)],
                &[(0, C3), (20, B3)],
            ]),
            lines(&[
                A1,
                A2,
                A2,
                B1,
                B2,
                B3,
                "",
                "      第二篇文章的标题文字很长",
                "",
                C1,
                C2,
                C3,
                B4,
                B2,
                B3,
            ]),
        ),
        // The row below opens a story on the left (a dateline): a line
        // between that ends no sentence is the next article's headline,
        // though it is set in no further than an indent and the left
        // column's last line goes on (at the top of the right column),
        // as a headline set flush over the next article's left column
        // reads in `pdftotext -layout`.
        (
            page(&[
                &[(0, A1), (20, B1)],
                &[(0, A2), (20, B2)],
                &[(0, A2), (20, B3)],
                &[],
                &[],
                &[(2, HEADLINE)],
                &[(2, DATELINE), (20, B4)],
                &[(0, C2), (20, B2)],
                &[(0, C3), (20, B3)],
            ]),
            lines(&[
                A1,
                A2,
                A2,
                B1,
                B2,
                B3,
                "",
                "",
                "  第二篇文章的标题文字很长",
                "  本报讯近日第二篇文章开",
                C2,
                C3,
                B4,
                B2,
                B3,
            ]),
        ),
        // Both columns ended their paragraphs and both open one below: a
        // line between them that ends no sentence is the next article's
        // headline.
        (
            page(&[
                &[(0, A1), (20, B1)],
                &[(0, A2), (20, B2)],
                &[(0, A3), (20, B3)],
                &[],
                &[(6, HEADLINE)],
                &[],
                &[(0, A4), (20, B4)],
                &[(0, C2), (20, B2)],
                &[(0, C3), (20, B3)],
            ]),
            lines(&[
                A1,
                A2,
                A3,
                B1,
                B2,
                B3,
                "",
                "      第二篇文章的标题文字很长",
                "",
                A4,
                C2,
                C3,
                B4,
                B2,
                B3,
            ]),
        ),
        // Trap: the same line where the right column goes on below (at its
        // margin) is a subheading inside the columns.
        (
            page(&[
                &[(0, A1), (20, B1)],
                &[(0, A2), (20, B2)],
                &[(0, A3), (20, B3)],
                &[],
                &[(6, HEADLINE)],
                &[],
                &[(0, A4), (20, B2)],
                &[(0, C2), (20, B2)],
                &[(0, C3), (20, B3)],
            ]),
            lines(&[
                A1,
                A2,
                A3,
                "",
                "      第二篇文章的标题文字很长",
                "",
                A4,
                C2,
                C3,
                B1,
                B2,
                B3,
                "",
                B2,
                B2,
                B3,
            ]),
        ),
        // Trap: after the left column's full line that ends no sentence, a
        // paragraph's last line at its margin is that column's, across the
        // blank row, and a subheading in the right column after it ends
        // nothing.
        (
            page(&[
                &[(0, A1), (20, B1)],
                &[(0, A2), (20, B2)],
                &[(0, A2), (20, B3)],
                &[],
                &[(0, A3)],
                &[(24, "右栏小标题")],
                &[(0, A4), (20, B4)],
                &[(0, A2), (20, B2)],
                &[(0, A3), (20, B3)],
            ]),
            lines(&[
                A1,
                A2,
                A2,
                "",
                A3,
                A4,
                A2,
                A3,
                B1,
                B2,
                B3,
                "",
                "    右栏小标题",
                B4,
                B2,
                B3,
            ]),
        ),
    ]);
}

#[test]
fn a_row_of_both_columns_under_the_headline_across_a_blank_row() {
    check(&[
        // A byline over the left column and a subheading over the right
        // one, with blank rows around them (pdfplumber's layout mode keeps
        // the rows' vertical gaps): the columns' first row.
        (
            page(&[
                &[(6, "文章的标题")],
                &[],
                &[(0, "▶ 本报记者 张三"), (27, "右栏小标题")],
                &[],
                &[(0, A1), (20, B1)],
                &[(0, A2), (20, B2)],
                &[(0, A3), (20, B3)],
            ]),
            lines(&[
                "      文章的标题",
                "",
                "▶ 本报记者 张三",
                "",
                A1,
                A2,
                A3,
                "       右栏小标题",
                "",
                B1,
                B2,
                B3,
            ]),
        ),
        // Trap: first in its run, right under rows that cross the gutter,
        // such a row is the last row of the text above (its names set
        // right), not the columns'.
        (
            page(&[
                &[(0, "上面一篇文章通栏的正文很长很长的一行文字")],
                &[(0, A3), (30, "张三 李四")],
                &[],
                &[(6, "第二篇标题")],
                &[(0, A1), (20, B1)],
                &[(0, A2), (20, B2)],
                &[(0, A3), (20, B3)],
            ]),
            lines(&[
                "上面一篇文章通栏的正文很长很长的一行文字",
                "左栏第一段结束了。                     张三 李四",
                "",
                "      第二篇标题",
                A1,
                A2,
                A3,
                B1,
                B2,
                B3,
            ]),
        ),
    ]);
}

#[test]
fn a_page_end_is_no_next_article() {
    // The left column goes on below the right one's end, past a blank row
    // and a subheading centred in it, to the form feed that ends the page
    // (`pdftotext`): all of it is the left column's.
    let text = page(&[
        &[(0, A1), (20, B1)],
        &[(0, A2), (20, B2)],
        &[(0, A3), (20, B3)],
        &[(0, A4)],
        &[(0, A3)],
        &[],
        &[(10, "左栏小标题")],
        &[(0, A1)],
        &[(0, A3)],
    ]) + "\u{c}";
    let expected = lines(&[
        A1,
        A2,
        A3,
        A4,
        A3,
        "",
        "          左栏小标题",
        A1,
        A3,
        B1,
        B2,
        B3,
    ]) + "\u{c}";
    check(&[(text, expected)]);
}

#[test]
fn two_articles_side_by_side() {
    check(&[
        // The right article's kicker stands over its column, a row above the
        // left article's headline: it goes with the right column.
        (
            page(&[
                &[(24, "右篇眉题")],
                &[(2, "左篇的标题"), (22, "右篇的标题文字")],
                &[(0, A1), (20, B1)],
                &[(0, A2), (20, B2)],
                &[(0, A3), (20, B3)],
            ]),
            lines(&[
                "  左篇的标题",
                A1,
                A2,
                A3,
                "    右篇眉题",
                "  右篇的标题文字",
                B1,
                B2,
                B3,
            ]),
        ),
        // Trap: a short headline centred over three columns lies right of
        // the first gutter, and stays over all of them.
        (
            page(&[
                &[(22, "短标题")],
                &[(0, A2), (18, B1), (35, C1)],
                &[(0, A2), (18, B2), (35, C2)],
                &[(0, A3), (18, B3), (35, C3)],
            ]),
            lines(&[
                "                      短标题",
                A2,
                A2,
                A3,
                B1,
                B2,
                B3,
                C1,
                C2,
                C3,
            ]),
        ),
    ]);
}

#[test]
fn empty_column_cells() {
    check(&[
        // Left column empty on a row (leading spaces up to the right column),
        // right column ending early (rows simply end).
        (
            page(&[
                &[(0, A2), (20, B1)],
                &[(0, A2), (20, B2)],
                &[(20, "右栏小标题")],
                &[(0, A2), (20, B3)],
                &[(0, A3)],
                &[(0, A4)],
            ]),
            lines(&[A2, A2, A2, A3, A4, B1, B2, "右栏小标题", B3]),
        ),
        // A blank row inside the band stays one blank line in the column
        // that goes on after it; the column that ended drops it.
        (
            page(&[
                &[(0, A2), (20, B1)],
                &[(0, A2), (20, B2)],
                &[(0, A3), (20, B3)],
                &[],
                &[],
                &[(0, A4)],
            ]),
            lines(&[A2, A2, A3, "", A4, B1, B2, B3]),
        ),
        // A byline on its own row at the foot of the right column keeps its
        // place in the column.
        (
            page(&[
                &[(0, A2), (20, B1)],
                &[(0, A2), (20, B2)],
                &[(0, A2), (20, B3)],
                &[(0, A3), (33, "记者 张三")],
            ]),
            lines(&[A2, A2, A2, A3, B1, B2, B3, "             记者 张三"]),
        ),
    ]);
}

#[test]
fn articles_stacked_on_one_gutter_are_two_bands() {
    check(&[
        // The second article's headline fits left of the gutter and
        // crosses nothing: the blank row and the narrow headline end the
        // first band all the same.
        (
            page(&[
                &[(0, A1), (20, B1)],
                &[(0, A2), (20, B2)],
                &[(0, A3), (20, B3)],
                &[],
                &[(4, "第二篇标题")],
                &[(0, C1), (20, B4)],
                &[(0, C2), (20, B2)],
                &[(0, C3), (20, B3)],
            ]),
            lines(&[
                A1,
                A2,
                A3,
                B1,
                B2,
                B3,
                "",
                "    第二篇标题",
                C1,
                C2,
                C3,
                B4,
                B2,
                B3,
            ]),
        ),
        // The first article's left column ends a row lower, on a line as
        // wide as the column: the band still ends at the blank row above
        // the headline, and that line stays the left column's.
        (
            page(&[
                &[(0, A1), (20, B1)],
                &[(0, A2), (20, B2)],
                &[(0, A2), (20, B3)],
                &[(0, A2)],
                &[],
                &[(4, "第二篇标题")],
                &[(0, C1), (20, B4)],
                &[(0, C2), (20, B2)],
                &[(0, C3), (20, B3)],
            ]),
            lines(&[
                A1,
                A2,
                A2,
                A2,
                B1,
                B2,
                B3,
                "",
                "    第二篇标题",
                C1,
                C2,
                C3,
                B4,
                B2,
                B3,
            ]),
        ),
        // Trap: a blank row in both columns at once with no headline after
        // it is the columns' own space (a subheading or a paragraph set
        // apart in each), not a second band.
        (
            page(&[
                &[(0, A1), (20, B1)],
                &[(0, A2), (20, B2)],
                &[(0, A3), (20, B3)],
                &[],
                &[(0, A4), (20, B4)],
                &[(0, A2), (20, B2)],
                &[(0, A3), (20, B3)],
            ]),
            lines(&[A1, A2, A3, "", A4, A2, A3, B1, B2, B3, "", B4, B2, B3]),
        ),
        // Trap: a photo beside the right column (a blank row there, the
        // left column's body lines going on) is no boundary.
        (
            page(&[
                &[(0, A1), (20, B1)],
                &[(0, A2), (20, B2)],
                &[(0, A2), (20, B3)],
                &[(0, A2)],
                &[],
                &[(0, A2)],
                &[(0, A2), (20, B4)],
                &[(0, A2), (20, B2)],
                &[(0, A3), (20, B3)],
            ]),
            lines(&[
                A1, A2, A2, A2, "", A2, A2, A2, A3, B1, B2, B3, "", B4, B2, B3,
            ]),
        ),
    ]);
}

#[test]
fn spanning_headlines_cut_bands() {
    check(&[
        // A centred headline crossing the gutter stays above the band; a
        // kicker that fits in the left column leads it.
        (
            page(&[
                &[(12, "园区热点新闻的大标题在这里")],
                &[],
                &[(4, "副标题")],
                &[(0, A1), (20, B1)],
                &[(0, A2), (20, B2)],
                &[(0, A3), (20, B3)],
            ]),
            lines(&[
                "            园区热点新闻的大标题在这里",
                "",
                "    副标题",
                A1,
                A2,
                A3,
                B1,
                B2,
                B3,
            ]),
        ),
        // Two bands with different gutters, split by a full-width headline;
        // the upper band's short third column does not pull the headline in.
        (
            page(&[
                &[(0, A2), (18, B1), (35, C1)],
                &[(0, A2), (18, B2), (35, C2)],
                &[(0, A2), (18, B2), (35, C3)],
                &[(0, A3), (18, B3)],
                &[],
                &[(6, "第二篇文章的标题很长很长")],
                &[
                    (0, "下一篇的左栏文字第一行内容很长"),
                    (28, "下一篇右栏的文字第一行"),
                ],
                &[
                    (0, "下一篇的左栏文字第二行内容很长"),
                    (28, "下一篇右栏的文字第二行"),
                ],
                &[
                    (0, "下一篇的左栏文字第三行内容很长"),
                    (28, "下一篇右栏的文字第三行"),
                ],
            ]),
            lines(&[
                A2,
                A2,
                A2,
                A3,
                B1,
                B2,
                B2,
                B3,
                C1,
                C2,
                C3,
                "",
                "      第二篇文章的标题很长很长",
                "下一篇的左栏文字第一行内容很长",
                "下一篇的左栏文字第二行内容很长",
                "下一篇的左栏文字第三行内容很长",
                "下一篇右栏的文字第一行",
                "下一篇右栏的文字第二行",
                "下一篇右栏的文字第三行",
            ]),
        ),
        // Two articles side by side, each with a headline over its own
        // columns: article A (columns 1-2) before article B (column 3).
        (
            page(&[
                &[(8, "甲文章的大标题文字"), (40, "乙文标题")],
                &[(0, A2), (18, B1), (35, C1)],
                &[(0, A2), (18, B2), (35, C2)],
                &[(0, A3), (18, B3), (35, C3)],
            ]),
            lines(&[
                "        甲文章的大标题文字",
                A2,
                A2,
                A3,
                B1,
                B2,
                B3,
                "     乙文标题",
                C1,
                C2,
                C3,
            ]),
        ),
    ]);
}

#[test]
fn display_aligned_and_ragged_gutters() {
    check(&[
        // Padded by display width (Han = 2 cells): the right column starts at
        // display column 33 on every line but at different character indices.
        (
            lines(&[
                "    本报讯 近日，东湖高新            科技日报讯（记者张伟）",
                "区举办首届光电子产业创新大       记者从市科技局获悉，今年以",
                "会，来自全国的300余名专家学      来全市新认定高新技术企业",
                "者参会。                         486家，同比增长18%。",
            ]),
            lines(&[
                "    本报讯 近日，东湖高新",
                "区举办首届光电子产业创新大",
                "会，来自全国的300余名专家学",
                "者参会。",
                "    科技日报讯（记者张伟）",
                "记者从市科技局获悉，今年以",
                "来全市新认定高新技术企业",
                "486家，同比增长18%。",
            ]),
        ),
        // A ragged right column (starting a cell left or right): its left
        // edge is the leftmost start.
        (
            page(&[
                &[(0, A2), (20, B1)],
                &[(0, A2), (19, B2)],
                &[(0, A2), (21, B3)],
                &[(0, A2), (20, B2)],
            ]),
            lines(&[
                A2,
                A2,
                A2,
                A2,
                &format!(" {B1}"),
                B2,
                &format!("  {B3}"),
                &format!(" {B2}"),
            ]),
        ),
    ]);
}

#[test]
fn columns_on_alternate_rows() {
    check(&[
        // The right column is set half a line lower: the extractor writes
        // the columns on alternate rows, never side by side.
        (
            page(&[
                &[(4, "标题在左栏上方")],
                &[(0, A1)],
                &[(20, B1)],
                &[(0, A2)],
                &[(20, B2)],
                &[(0, A2)],
                &[(20, B2)],
                &[(0, A2)],
                &[(20, B3)],
                &[(0, A3)],
            ]),
            lines(&["    标题在左栏上方", A1, A2, A2, A2, A3, B1, B2, B2, B3]),
        ),
    ]);
    // Not columns: paragraphs with their bylines right-aligned under them.
    let bylines = page(&[
        &[(0, A2)],
        &[(0, A2)],
        &[(0, A3)],
        &[(20, "本报记者 张三丰")],
        &[(0, A2)],
        &[(0, A2)],
        &[(0, A3)],
        &[(20, "本报记者 李四光")],
        &[(0, A2)],
        &[(0, A3)],
        &[(20, "本报记者 王五一")],
        &[(0, A2)],
    ]);
    assert_eq!(run_pass(&Columns, &bylines), bylines);
    // Not columns either: one-line items, each with a byline beyond them.
    let items = page(&[
        &[(0, A2)],
        &[(20, "本报记者 张三丰")],
        &[(0, A2)],
        &[(20, "本报记者 李四光")],
        &[(0, A2)],
        &[(20, "本报记者 王五一")],
        &[(0, A2)],
        &[(20, "本报记者 赵六二")],
    ]);
    assert_eq!(run_pass(&Columns, &items), items);
}

#[test]
fn raw_input_tabs_ideographic_spaces_and_line_ends() {
    let ab = |sep: &str| {
        format!(
            "{}{sep}{}{sep}{}{sep}",
            row(&[(0, A2), (20, B1)]),
            row(&[(0, A2), (20, B2)]),
            row(&[(0, A3), (20, B3)])
        )
    };
    check(&[
        // Tabs in the gutter expand to the next multiple of 8.
        (
            format!("{A2}\t\t{B1}\n{A2}\t\t{B2}\n{A3}\t\t\t{B3}\n"),
            lines(&[A2, A2, A3, B1, B2, B3]),
        ),
        // A gutter of ideographic spaces, with ideographic first-line indents.
        (
            lines(&[
                "\u{3000}\u{3000}嘉兴高新区日前印发实\u{3000}\u{3000}\u{3000}\u{3000}\u{3000}湖州莫干山高新区十家",
                "施意见，提出聚焦三大产业\u{3000}\u{3000}\u{3000}企业入选省级专精特新中小",
                "集群，打造两个创新高地，\u{3000}\u{3000}\u{3000}企业名单。",
                "力争三年内产值翻番。",
            ]),
            lines(&[
                "\u{3000}\u{3000}嘉兴高新区日前印发实",
                "施意见，提出聚焦三大产业",
                "集群，打造两个创新高地，",
                "力争三年内产值翻番。",
                "\u{3000}\u{3000}湖州莫干山高新区十家",
                "企业入选省级专精特新中小",
                "企业名单。",
            ]),
        ),
        // CRLF line ends are kept where rows stay (normalize turns them into
        // LF later); a trailing form feed (pdftotext's page end) stays last.
        (
            ab("\r\n") + "\u{c}",
            format!("{A2}\r\n{A2}\r\n{}{B3}\r\n\u{c}", lines(&[A3, B1, B2])),
        ),
        // Two pages: pdftotext starts the second page's first row with a
        // form feed; each page is split on its own.
        (
            ab("\n") + "\u{c}" + &ab("\n") + "\u{c}",
            lines(&[A2, A2, A3, B1, B2, B3]) + "\u{c}" + &lines(&[A2, A2, A3, B1, B2, B3]) + "\u{c}",
        ),
        // Lone CR line ends, and no line end at the end of the text.
        (
            ab("\r").trim_end_matches('\r').to_string(),
            format!("{A2}\r{A2}\r{}{B3}", lines(&[A3, B1, B2])),
        ),
    ]);
}

/// `head` followed by filler text, `n` characters in all.
fn fill(head: &str, n: usize) -> String {
    let filler = "文字内容写满这一行的";
    head.chars().chain(filler.chars().cycle()).take(n).collect()
}

/// Full lines of 18 Han (36 cells), one per name: `{side}第{name}行…`.
fn full_lines(side: &str, names: &[&str]) -> Vec<String> {
    names
        .iter()
        .map(|name| fill(&format!("{side}第{name}行"), 18))
        .collect()
}

/// A row whose gutter collapsed: `left`, one space, `right`.
fn merged(left: &str, right: &str) -> String {
    format!("{left} {right}")
}

/// How a row of a two-column page with its gutter before cell 24 looks.
#[derive(Clone, Copy)]
enum Tight<'a> {
    /// The gutter shows: the right line at cell 24 (later if indented).
    Shows(&'a str, &'a str),
    /// The gutter collapsed to one space after the left line.
    Merged(&'a str, &'a str),
    /// A left line alone on its row (the right column ended higher).
    Alone(&'a str),
    /// A line across the page below the columns: it stays after them.
    Below(&'a str),
}

/// The rows of a two-column page, and the same page with the left column's
/// lines before the right column's.
fn tight_page(rows: &[Tight]) -> (String, String) {
    let mut page = Vec::new();
    let (mut left, mut right, mut below) = (Vec::new(), Vec::new(), Vec::new());
    for r in rows {
        let (line, l, r) = match *r {
            Tight::Shows(l, r) => (row(&[(0, l), (24, r)]), l, r),
            Tight::Merged(l, r) => (merged(l, r), l, r),
            Tight::Alone(l) => {
                page.push(l.to_string());
                left.push(l.to_string());
                continue;
            }
            Tight::Below(line) => {
                page.push(line.to_string());
                below.push(line.to_string());
                continue;
            }
        };
        page.push(line);
        left.push(l.to_string());
        right.push(r.to_string());
    }
    left.extend(right);
    left.extend(below);
    let joined = |v: Vec<String>| v.iter().map(|l| format!("{l}\n")).collect();
    (joined(page), joined(left))
}

#[test]
fn gutters_collapsed_to_one_space() {
    use Tight::{Alone, Below, Merged, Shows};
    // Full left lines (20 characters, 22 with digits) run into the right
    // column with one space; rows after a paragraph's short last line show
    // the gutter at cell 24 (26 for an indented line). A space inside the
    // left line (`本报讯 近日`) is not where it collapsed.
    let l = |i: usize| fill(&format!("左栏第{i}行"), 20);
    let r = |i: usize| fill(&format!("右栏第{i}行"), 20);
    let (l1, l2, l3) = (
        fill("本报讯 近日，左栏第1行", 20),
        format!("  {}", fill("左栏第二行", 18)),
        fill("左栏2024年10月", 22),
    );
    let (l5, l7) = (l(5), fill("左栏第7行", 21));
    let (r1, r2, r3, r4, r5, r6, r7) = (r(1), r(2), r(3), r(4), r(5), r(6), r(7));
    let collapsed = tight_page(&[
        Merged(&l1, &r1),
        Merged(&l2, &r2),
        Merged(&l3, &r3),
        Shows("左栏段落结束。", &r4),
        Merged(&l5, &r5),
        Shows("左栏又一段结束了。", &r6),
        Merged(&l7, &r7),
        Shows("段落结束。", "  右栏新段落的第一行"),
    ]);
    // The gutter narrower than the probe: the left line reaches cell 23, the
    // indented right line starts at 26 after three spaces. Such a row shows
    // the gutter too (the third of three).
    let (l3, l6) = (l(3), fill("左栏第6行", 23));
    let narrow_rows = [
        Merged(&l1, &r1),
        Shows("左栏段落结束。", &r2),
        Merged(&l3, &r3),
        Shows("左栏又一段结束了。", &r4),
        Merged(&l5, &r5),
        Shows(&l6, "  右栏新段落的第一行"),
    ];
    let narrow = tight_page(&narrow_rows);
    // A word after a space set at its place (pdfplumber's layout mode: the
    // Han before it took fewer cells than their width) runs into the probe
    // with one space after it: the left line is the whole row's left text.
    let set_apart = format!("{}   Kiprono", fill("左栏第3行", 13));
    let word_at_its_place = tight_page(&[
        Merged(&l1, &r1),
        Shows("左栏段落结束。", &r2),
        Merged(&set_apart, &r3),
        Shows("左栏又一段结束了。", &r4),
        Merged(&l5, &r5),
        Shows("段落结束。", "  右栏新段落的第一行"),
    ]);
    // The left column goes on below the right column's last line: its
    // full lines alone on their rows run into the probe (the gutter is
    // narrower than it, as on `narrow`) and stay in the column. A line
    // wider than the column's lines below them is no column line (a
    // caption across the page): it comes after the columns.
    let (l7, l8) = (fill("左栏第7行", 23), fill("左栏第8行", 22));
    let tail = tight_page(&[&narrow_rows[..], &[Alone(&l7), Alone(&l8)]].concat());
    let wide = fill("图为横跨两栏的图片说明文字", 30);
    let below = tight_page(&[&narrow_rows[..], &[Below(&wide)]].concat());
    check(&[collapsed, narrow, word_at_its_place, tail, below]);
}

/// Rows whose right part does not start at the column, beside a gutter that
/// collapsed on other rows (PyMuPDF's sorted text writes a row's right
/// line some spaces after its left one, wherever that one ends).
#[test]
fn uneven_right_parts_beside_a_collapsed_gutter() {
    use Tight::{Merged, Shows};
    let l = |i: usize| fill(&format!("左栏第{i}行"), 21);
    let r = |i: usize| fill(&format!("右栏第{i}行"), 20);
    let (l2, l4, l6) = (l(2), l(4), l(6));
    let (r1, r2, r3, r4, r5, r6, r7) = (r(1), r(2), r(3), r(4), r(5), r(6), r(7));
    let (body, _) = tight_page(&[
        Merged(&l2, &r2),
        Shows("左栏段落结束。", &r3),
        Merged(&l4, &r4),
        Shows("左栏又一段结束了。", &r5),
        Merged(&l6, &r6),
        Shows("段落结束。", &r7),
    ]);
    let lines = |ls: &[&str]| ls.iter().map(|l| format!("{l}\n")).collect::<String>();
    // The first row: a first line, its indent two spaces, then the right
    // column's line three cells before the gutter after a wide gap (the
    // collapsed rows' right parts start a cell or two before it). It is
    // cut there, not left above the columns (where it would come after
    // them).
    let page = include_str!("testdata/early-right-line-pymupdf-sorted.txt");
    let out = run_pass(&Columns, page);
    let (first, second) = (
        "本报讯记者从市气象台获悉，受强冷",
        "空气影响，11月22日至25日",
    );
    assert!(out.contains(&format!("  {first}\n{second}")), "{out}");
    assert!(out.contains("偏北风4～5级，\n气温-1℃～5℃；\n"), "{out}");
    // The last row: the left column's line, reaching into the gutter,
    // beside a byline set flush right in the right column.
    let last = fill("左栏第8行", 23);
    let flush = format!("{body}{}\n", row(&[(0, &last), (34, "记者张伟")]));
    let out = run_pass(&Columns, &flush);
    assert!(out.contains(&lines(&["段落结束。", &last, &r2])), "{out}");
    let tail: Vec<&str> = out.lines().rev().take(2).map(str::trim).collect();
    assert_eq!(tail, ["记者张伟", r7.as_str()], "{out}");

    // Traps: a right part that starts early by more than the collapsed
    // rows' starts spread (or where a column starts, or after a left line
    // reaching past the gutter: see `a_first_row_drifting_right_of_the_gutter`)
    // stays on the row above the columns.
    let short = fill("左栏第1行", 10);
    let too_early = row(&[(0, &short), (15, &r1)]);
    let out = run_pass(&Columns, &format!("{too_early}\n{body}"));
    assert!(out.starts_with(&format!("{too_early}\n")), "{out}");
}

/// Lines of one wide column, each with one space after 20 characters and
/// `rest` characters after it, and paragraphs ending with `byline` at cell
/// 30.
fn wide_column(rest: usize, byline: &str) -> String {
    let line = |n: usize| merged(&fill("一栏文字", n), &fill("后半行", rest + 20 - n));
    let end = |name: &str| row(&[(0, "段落结束了。"), (30, name)]);
    lines(&[
        &line(20),
        &line(21),
        &end(byline),
        &line(19),
        &line(20),
        &end(byline),
        &line(20),
        &end(byline),
    ])
}

#[test]
fn single_spaces_that_are_no_collapsed_gutter() {
    use Tight::{Merged, Shows};
    let l = |i: usize| fill(&format!("左栏第{i}行"), 20);
    let r = |i: usize| fill(&format!("右栏第{i}行"), 20);
    let (l1, l3, l5, r1, r2, r3, r4, r5) = (l(1), l(3), l(5), r(1), r(2), r(3), r(4), r(5));
    let untouched = [
        // `本报讯 近日` on every line, and paragraphs ending with a byline
        // at one place: the left part (`本报讯`) is no column line.
        lines(&[
            &fill("本报讯 近日，西安高新区", 30),
            &fill("本报讯 日前，长沙高新区", 30),
            "段落结束了。              记者 张三丰",
            &fill("本报讯 近日，株洲高新区", 30),
            &fill("本报讯 日前，衡阳高新区", 30),
            "段落结束了。              记者 李四光",
            &fill("本报讯 近日，湘潭高新区", 30),
            "段落结束了。              记者 王五一",
        ]),
        // Bylines of two and three names.
        lines(&[
            "郭海洲 何伟 李思颖",
            "记者 李争粉",
            "郭海洲 何伟",
            "赵世军 李凯",
            "本报记者 叶伟",
        ]),
        // One wide column whose lines each hold one space near cell 20
        // (two halves of a couplet), paragraphs ending with a byline at
        // cell 30: bylines are no column.
        wide_column(20, "记者 张三丰"),
        // The same with longer bylines: the rest after the space is wider
        // than a column line.
        wide_column(28, "本报记者 张三丰"),
    ];
    let mut cases: Vec<(String, String)> =
        untouched.iter().map(|t| (t.clone(), t.clone())).collect();
    // The gutter is in sight on two rows only: too few to take a single
    // space for it. Read with its runs of spaces as one, the page is five
    // rows of full lines of one width apart by one space, its gutters
    // mostly one space: columns, as the same rows with one space on each
    // are (PyMuPDF's sorted text writes gutters so narrow).
    cases.push(tight_page(&[
        Merged(&l1, &r1),
        Shows("左栏段落结束。", &r2),
        Merged(&l3, &r3),
        Shows("左栏又一段结束了。", &r4),
        Merged(&l5, &r5),
    ]));
    // A centred headline whose space is where the gutter collapsed on the
    // other rows (its left part is no full column line) and a letter-spaced
    // line are never split: they stay whole above and below the columns.
    let headline = "      创新链赋能产业链发展活力持续 迸发新动能\n";
    let spaced = "2 0 2 1 年 1 2 月 发 布 “ 中 国 信 创 谷 九 大 工 程 ” 的 方 案\n";
    let (page, split) = tight_page(&[
        Merged(&l1, &r1),
        Shows("左栏段落结束。", &r2),
        Merged(&l3, &r3),
        Shows("左栏又一段结束了。", &r4),
        Shows("段落结束。", &r5),
    ]);
    cases.push((
        format!("{headline}{page}{spaced}"),
        format!("{headline}{split}{spaced}"),
    ));
    check(&cases);
}

/// Rows of columns apart by one space, as pdfplumber writes them: each
/// row's column lines joined by `" "` (a column empty on a row is left out).
fn one_space_page(rows: &[&[&str]]) -> String {
    rows.iter().map(|r| r.join(" ") + "\n").collect()
}

#[test]
fn columns_apart_by_one_space() {
    // Full lines of 18 Han (36 cells; `本报讯 近日` and digits a little
    // narrower), paragraphs' last lines short, first lines two Han short
    // (the indent dropped).
    let a: Vec<String> = vec![
        fill("本报讯 近日，左栏", 18),
        fill("左栏第二行", 18),
        "左栏段落结束了。".into(),
        fill("左栏新段第一行", 16),
        fill("左栏2024年10月", 20),
        fill("左栏第六行", 18),
    ];
    let b: Vec<String> = vec![
        fill("右栏第一行", 18),
        fill("右栏第二行", 18),
        fill("右栏第三行", 18),
        "右栏段落结束。".into(),
        fill("右栏新段第一行", 16),
        "全文完。".into(),
    ];
    let rows: Vec<Vec<&str>> = a
        .iter()
        .zip(&b)
        .map(|(a, b)| vec![a.as_str(), b.as_str()])
        .collect();
    let rows: Vec<&[&str]> = rows.iter().map(Vec::as_slice).collect();
    let two = (
        format!("左右两栏的标题\n{}", one_space_page(&rows)),
        format!(
            "左右两栏的标题\n{}",
            lines(&a.iter().chain(&b).map(String::as_str).collect::<Vec<_>>())
        ),
    );
    // Three columns; on the fourth row the first column is empty (space
    // above its subheading): the other two go on, so the row's two parts
    // are the second and third columns' lines. On the last row the first
    // two columns go on, the third has ended. Both last lines of a row
    // ending a paragraph (`…结束。 …完。`) are two parts.
    let (a1, a2, a6, a7) = (
        fill("一栏第一行", 16),
        fill("一栏第二行", 16),
        fill("一栏段首行", 14),
        fill("一栏第七行", 16),
    );
    let b: Vec<String> = (1..=7).map(|i| fill(&format!("二栏第{i}行"), 16)).collect();
    let (c1, c2, c3, c4, c6, c7) = (
        fill("三栏第一行", 16),
        fill("三栏第二行", 16),
        fill("三栏第三行", 16),
        fill("三栏第四行", 16),
        fill("三栏段首行", 14),
        "三栏的文章结束。".to_string(),
    );
    let three = (
        one_space_page(&[
            &[&a1, &b[0], &c1],
            &[&a2, &b[1], &c2],
            &["一栏段落结束。", &b[2], &c3],
            &[&b[3], &c4],
            &["一栏小标题", &b[4], "三栏段落结束。"],
            &[&a6, &b[5], &c6],
            &[&a7, &b[6], &c7],
            &["一栏结束。", "全文完。"],
        ]),
        lines(&[
            &a1,
            &a2,
            "一栏段落结束。",
            "一栏小标题",
            &a6,
            &a7,
            "一栏结束。",
            &b[0],
            &b[1],
            &b[2],
            &b[3],
            &b[4],
            &b[5],
            &b[6],
            "全文完。",
            &c1,
            &c2,
            &c3,
            &c4,
            "三栏段落结束。",
            &c6,
            &c7,
        ]),
    );
    check(&[two, three]);
}

#[test]
fn one_space_columns_of_two_articles_on_one_grid() {
    // Article A in two columns, then article B's headline alone on its row
    // (as wide as a first line, so inside the band; no sentence end), then
    // B in two columns of the same width: B's second column starts
    // mid-paragraph right after A's ended, and no column goes on into the
    // headline. It stands between the two articles.
    let a1: Vec<String> = (1..=4)
        .map(|i| fill(&format!("甲文左栏第{i}行"), 18))
        .collect();
    let a2: Vec<String> = (1..=3)
        .map(|i| fill(&format!("甲文右栏第{i}行"), 18))
        .collect();
    // B's first line after its byline: a first line, its indent dropped.
    let b1: Vec<String> = (1..=4)
        .map(|i| fill(&format!("乙文左栏第{i}行"), if i == 1 { 16 } else { 18 }))
        .collect();
    let b2: Vec<String> = (1..=4)
        .map(|i| fill(&format!("乙文右栏第{i}行"), 18))
        .collect();
    let input = one_space_page(&[
        &[&a1[0], &a2[0]],
        &[&a1[1], &a2[1]],
        &[&a1[2], &a2[2]],
        &[&a1[3], "甲文结束了。"],
        &["乙文的标题在这一行上写得很长"],
        &["本报记者 张三", &b2[0]],
        &[&b1[0], &b2[1]],
        &[&b1[1], &b2[2]],
        &[&b1[2], &b2[3]],
        &[&b1[3], "乙文也结束了。"],
    ]);
    let expected = lines(&[
        &a1[0],
        &a1[1],
        &a1[2],
        &a1[3],
        &a2[0],
        &a2[1],
        &a2[2],
        "甲文结束了。",
        "乙文的标题在这一行上写得很长",
        "本报记者 张三",
        &b1[0],
        &b1[1],
        &b1[2],
        &b1[3],
        &b2[0],
        &b2[1],
        &b2[2],
        &b2[3],
        "乙文也结束了。",
    ]);
    check(&[(input, expected)]);
}

#[test]
fn one_space_columns_with_a_longer_first_column() {
    // The second column ends the article early; the first goes on below
    // the last row with both (a subheading, a first line, a full line
    // that goes on at the top of the second column): all of it is the
    // first column's.
    // Han only (36 cells a full line, 32 a first line).
    let han = ["一", "二", "三", "四"];
    let (a, b) = (full_lines("左栏", &han), full_lines("右栏", &han[..3]));
    let (first, last) = (fill("左栏新段首行", 16), fill("左栏末行", 18));
    let input = one_space_page(&[
        &[&a[0], &b[0]],
        &[&a[1], &b[1]],
        &[&a[2], &b[2]],
        &[&a[3], "全文完。"],
        &["左栏小标题"],
        &[&first],
        &[&last],
    ]);
    let expected = lines(&[
        &a[0],
        &a[1],
        &a[2],
        &a[3],
        "左栏小标题",
        &first,
        &last,
        &b[0],
        &b[1],
        &b[2],
        "全文完。",
    ]);
    check(&[(input, expected)]);
}

#[test]
fn one_space_columns_through_a_row_of_one_last_line() {
    // The right column's paragraph ends, and it leaves space above its
    // subheading: on that row the left column's paragraph ends too, alone
    // on its row. The columns go on below it, so it is one band: left
    // column, then right. (Cut there, the page read as two blocks of two
    // columns each, the right column's top in the middle of the left's.)
    let han = ["一", "二", "三", "五", "六", "七"];
    let a = full_lines("左栏", &han);
    let b = full_lines("右栏", &[han[0], han[1], han[4], han[5]]);
    let (a_first, b_first) = (fill("左栏新段首行", 16), fill("右栏新段首行", 16));
    let input = one_space_page(&[
        &[&a[0], &b[0]],
        &[&a[1], &b[1]],
        &[&a[2], "右栏段落结束。"],
        &["左栏段落结束了。"],
        &[&a_first, "二、右栏小标题"],
        &[&a[3], &b_first],
        &[&a[4], &b[2]],
        &[&a[5], &b[3]],
        &["左栏结束。", "全文完。"],
    ]);
    let expected = lines(&[
        &a[0],
        &a[1],
        &a[2],
        "左栏段落结束了。",
        &a_first,
        &a[3],
        &a[4],
        &a[5],
        "左栏结束。",
        &b[0],
        &b[1],
        "右栏段落结束。",
        "二、右栏小标题",
        &b_first,
        &b[2],
        &b[3],
        "全文完。",
    ]);
    check(&[(input, expected)]);
}

#[test]
fn one_space_columns_of_many_paragraphs() {
    // Short paragraphs: beside the seams, first lines (their indent
    // dropped, 32 cells) outnumber full lines (36 cells), seven to four.
    // The columns are as wide as the full lines; measured by the first
    // lines, no full line fit a column and the page was left as it came.
    let first = |side: &str, n: usize| fill(&format!("{side}第{n}段首行"), 16);
    let full = |side: &str, n: usize| fill(&format!("{side}第{n}段二行"), 18);
    let last = |side: &str, n: usize| format!("{side}第{n}段写到此完。");
    let (l, r) = ("左栏", "右栏");
    let left = [
        first(l, 1),
        full(l, 1),
        last(l, 1),
        first(l, 2),
        full(l, 2),
        last(l, 2),
        first(l, 3),
        last(l, 3),
        first(l, 4),
        last(l, 4),
    ];
    let right = [
        full(r, 0),
        last(r, 0),
        first(r, 1),
        full(r, 1),
        last(r, 1),
        first(r, 2),
        last(r, 2),
        first(r, 3),
        last(r, 3),
        "全文完。".to_string(),
    ];
    let rows: Vec<[&str; 2]> = left
        .iter()
        .zip(&right)
        .map(|(a, b)| [a.as_str(), b.as_str()])
        .collect();
    let rows: Vec<&[&str]> = rows.iter().map(|r| r.as_slice()).collect();
    let expected = lines(
        &left
            .iter()
            .chain(&right)
            .map(String::as_str)
            .collect::<Vec<_>>(),
    );
    check(&[(one_space_page(&rows), expected)]);
}

#[test]
fn single_spaces_that_are_no_column_seam() {
    let untouched = [
        // Spaces around numbers on every other line, blank lines between.
        "总投资 1150.89 亿元，3 年完成投资\n\n931.93亿元以上。\n\n企业近 2000 家，为企业降低约 50%的\n\n\
         物流成本。\n\n盟、新能源汽车充电产业联盟等 7 个\n\n“新基建”重点领域子联盟。7 大联盟\n",
        // Couplets of seven Han: narrower than any column.
        "春风得意马蹄疾 一日看尽长安花\n春眠不觉晓处处 闻啼鸟夜来风雨\n\
         两个黄鹂鸣翠柳 一行白鹭上青天\n窗含西岭千秋雪 门泊东吴万里船\n\
         千山鸟飞绝万径 人踪灭孤舟蓑笠\n",
        // Three rows of two columns whose lines agree on no width (two of
        // three within three cells): too little to tell from text.
        "本报讯6月14日，咸阳高新区管委会与四川英能 得钠离子电芯制造技术方案认证和规模\n\
         基科技有限公司签署了年产10Gwh钠离子储能电池项 本、可量产的钠离子电池研发及制造机构\n\
         目入区协议。签约项目总投资约60亿元，分两期建 业，研发实力强、技术专利多、发展潜力大\n",
        // One column with a space in some lines (`本报讯 近日`, bylines):
        // the part before it is no column line.
        "本报讯 近日，西安高新区发布未来产业创新发展实施方案，明确六大发展方向和六大任务。\n\
         本报讯 日前，长沙高新区发布未来产业创新发展实施方案，明确六大发展方向和六大任务。\n\
         段落结束了。 记者 张三丰\n\
         本报讯 近日，株洲高新区发布未来产业创新发展实施方案，明确六大发展方向和六大任务。\n\
         本报讯 日前，衡阳高新区发布未来产业创新发展实施方案，明确六大发展方向和六大任务。\n",
    ];
    let cases: Vec<(String, String)> = untouched
        .iter()
        .map(|t| (t.to_string(), t.to_string()))
        .collect();
    check(&cases);
}

#[test]
fn pages_without_columns_are_untouched() {
    let untouched = [
        // Single spaces inside a column are content.
        "本报讯 近日，西安高新区发布未来产业创新发展实施方案\n明确六大发展方向。\n",
        "  精准谋划 精细指导\n“坚持把党纪学习教育作为重要政治任务，\n牢牢把握目标要求。\n",
        // Letter-spaced justified lines.
        "46.59% 的 规 上 工 业 企 业 营 业 收 入 、\n41.06% 的 上 缴 税 金 。\n算 收 入 15.3 亿 元 ， 较 2016 年 增 长\n",
        // A wide space on one line only: a byline gap, not a gutter.
        "园区创新看台\n\n▶▶ 许丹        本报记者 叶伟\n\n本报讯 近日，西安高新区发布未来产业\n",
        "提升未来产业的竞争力，培育一批有条件的企业上市融资。      何昶 周芳\n",
        // Short aligned items are no columns.
        "精准谋划  精细指导\n精心组织  精细服务\n精益求精  精彩纷呈\n",
        "1.  第一项工作内容要点说明文字\n2.  第二项工作内容要点说明文字\n3.  第三项工作内容要点说明文字\n",
        // Two headlines of one line each side by side, nothing below.
        "     潍坊高新区：              桂林高新区\n",
        // Centred headlines and right-aligned bylines.
        "           湖南省高新区绩效评价结果发布\n   科技日报讯（记者俞慧友）近日，湖南省\n高新区创新发展绩效评价研究报告发布。\n                         记者 俞慧友\n",
        // Columns with one space between them (collapsed gutter) stay merged
        // when no row shows the gutter as spaces.
        "本报讯6月14日，咸阳高新区管委会与四川英能 得钠离子电芯制造技术方案认证和规模\n基科技有限公司签署了年产10Gwh钠离子储能电池项 本、可量产的钠离子电池研发及制造机构\n目入区协议。签约项目总投资约60亿元，分两期建 业，研发实力强、技术专利多、发展潜力大\n",
        "",
        "\n\n",
        "\u{c}",
    ];
    let cases: Vec<(String, String)> = untouched
        .iter()
        .map(|t| (t.to_string(), t.to_string()))
        .collect();
    check(&cases);
}

#[test]
fn edits_move_text_and_only_remove_whitespace() {
    let input = page(&[
        &[(8, "标题")],
        &[(0, A1), (20, B1)],
        &[(0, A2), (20, B2)],
        &[(20, "右栏小标题")],
        &[(0, A3), (20, B3)],
    ]);
    let mut out = PassOutput::default();
    Columns.run(&input, &Config::default(), &mut out);
    let mut moved_out = Vec::new();
    let mut moved_in = Vec::new();
    for e in &out.edits {
        let old = &input[e.span.clone()];
        match e.kind {
            EditKind::Move if e.span.is_empty() => moved_in.push(e.replacement.to_string()),
            EditKind::Move => {
                assert!(e.replacement.is_empty());
                moved_out.push(old.to_string());
            }
            EditKind::Space | EditKind::Join | EditKind::Break => {
                assert!(
                    old.chars().all(char::is_whitespace),
                    "{e:?} removes {old:?}"
                );
                assert!(e.replacement.chars().all(|c| c == '\n'), "{e:?}");
            }
            other => panic!("unexpected edit kind {other:?}"),
        }
    }
    moved_out.sort();
    moved_in.sort();
    assert_eq!(moved_out, moved_in);
    // The fewest pieces move (here one line of each column).
    assert_eq!(moved_out, [B1, A3]);
}

#[test]
fn explain_notes_each_cut() {
    let input = page(&[
        &[(0, A2), (20, B1)],
        &[(0, A2), (20, B2)],
        &[(0, A3), (20, B3)],
    ]);
    let config = Config {
        explain: true,
        ..Config::default()
    };
    let mut out = PassOutput::default();
    Columns.run(&input, &config, &mut out);
    assert_eq!(out.notes.len(), 2);
    assert!(
        out.notes[0].message.contains("Chars cells"),
        "{:?}",
        out.notes
    );
    assert!(out.notes[1].message.contains("cell 20"), "{:?}", out.notes);
    assert_eq!(
        run_pass_with(&Columns, &input, &config),
        run_pass(&Columns, &input)
    );
}

#[test]
fn explain_notes_each_band_of_one_space_columns() {
    let rows: Vec<[String; 2]> = (1..=5)
        .map(|i| {
            [
                fill(&format!("左栏第{i}行"), 18),
                fill(&format!("右栏第{i}行"), 18),
            ]
        })
        .collect();
    let rows: Vec<[&str; 2]> = rows.iter().map(|[a, b]| [a.as_str(), b.as_str()]).collect();
    let rows: Vec<&[&str]> = rows.iter().map(|r| r.as_slice()).collect();
    let input = format!("标题\n{}", one_space_page(&rows));
    let config = Config {
        explain: true,
        ..Config::default()
    };
    let mut out = PassOutput::default();
    Columns.run(&input, &config, &mut out);
    let notes: Vec<&str> = out.notes.iter().map(|n| n.message.as_str()).collect();
    assert_eq!(
        notes,
        // `左栏第1行…`: 17 Han and a digit.
        [
            "5 rows of 2 columns about 35 cells wide, apart by one space (no gutter): \
          each column's lines, then the next's"
        ]
    );
    assert_eq!(out.notes[0].span, 7..7 + rows_len(&input));
    assert_eq!(
        run_pass_with(&Columns, &input, &config),
        run_pass(&Columns, &input)
    );
}

/// Bytes of the second line of `text`.
fn rows_len(text: &str) -> usize {
    text.lines().nth(1).map_or(0, str::len)
}

#[test]
fn settings_change_what_counts_as_a_gutter() {
    let input = page(&[
        &[(0, "精准谋划"), (6, "精细指导")],
        &[(0, "精心组织"), (6, "精细服务")],
        &[(0, "精益求精"), (6, "精彩纷呈")],
    ]);
    assert_eq!(run_pass(&Columns, &input), input);
    let mut config = Config::default();
    config.columns.min_column_width = 8;
    assert_eq!(
        run_pass_with(&Columns, &input, &config),
        "精准谋划\n精心组织\n精益求精\n精细指导\n精细服务\n精彩纷呈\n"
    );
    config.columns.min_gap = 3;
    assert_eq!(run_pass_with(&Columns, &input, &config), input);
}

#[test]
fn long_inputs_stay_fast() {
    // A long single line, and many rows of two columns: the pass is linear.
    let line = "汉字 ".repeat(500_000);
    assert_eq!(run_pass(&Columns, &line), line);
    let n = 20_000;
    let rows: String = (0..n)
        .map(|i| row(&[(0, A2), (20 + i % 3, B1)]) + "\n")
        .collect();
    let out = run_pass(&Columns, &rows);
    let out: Vec<&str> = out.lines().collect();
    assert_eq!(out.len(), 2 * n);
    assert!(out[..n].iter().all(|l| *l == A2));
    assert!(out[n..].iter().all(|l| l.trim_start() == B1));
    // Many rows whose gutter collapsed, every third one showing it; and
    // long lines of single spaces with a gutter far out.
    let (left, right) = (fill("左栏", 20), fill("右栏", 20));
    let rows: String = (0..n)
        .map(|i| match i % 3 {
            0 => row(&[(0, "段落结束。"), (24, &right)]) + "\n",
            _ => merged(&left, &right) + "\n",
        })
        .collect();
    let out = run_pass(&Columns, &rows);
    assert_eq!(out.lines().filter(|l| *l == right).count(), n);
    let long = "汉字 ".repeat(100_000);
    let rows = format!(
        "{long}  右栏\n{long}  右栏\n短。{}右栏\n",
        " ".repeat(300_000)
    );
    run_pass(&Columns, &rows);
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    /// Rows of blocks of text at random places, as layout text looks, with
    /// every odd character the pass must survive.
    fn layout_text() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            4 => Just("汉字文本内容很长"),
            2 => Just("左栏的文字"),
            2 => Just("  "),
            3 => Just("     "),
            1 => Just(" "),
            1 => Just("\u{3000}\u{3000}"),
            1 => Just("\t"),
            3 => Just("\n"),
            1 => Just("\r\n"),
            1 => Just("\r"),
            1 => Just("\u{c}"),
            1 => Just("\u{200b}"),
            1 => Just("ab 12"),
            1 => Just("。"),
        ];
        prop::collection::vec(piece, 0..120).prop_map(|p| p.concat())
    }

    fn non_space(s: &str) -> Vec<char> {
        let mut chars: Vec<char> = s.chars().filter(|c| !c.is_whitespace()).collect();
        chars.sort_unstable();
        chars
    }

    proptest! {
        #![proptest_config(crate::testing::proptest_config(400))]

        /// Any input: no panic, every character kept. (Idempotence is
        /// checked on layout-like input below: on noise, rows left merged
        /// can meet new neighbours once the columns around them moved.)
        #[test]
        fn keeps_all_text(text in layout_text()) {
            let once = run_pass(&Columns, &text);
            prop_assert_eq!(non_space(&once), non_space(&text));
        }

        #[test]
        fn columns_of_random_rows_come_apart(
            rows in prop::collection::vec((1usize..14, 1usize..12, 0usize..3), 3..12),
            gutter in 2usize..6,
        ) {
            // Left cells up to 14 characters, right cells at a fixed index.
            let x = 14 + gutter;
            let text: String = rows
                .iter()
                .map(|&(l, r, indent)| {
                    let left: String = "左".repeat(l);
                    let right = " ".repeat(indent) + &"右".repeat(r);
                    row(&[(0, &left), (x, &right)]) + "\n"
                })
                .collect();
            let out = run_pass(&Columns, &text);
            prop_assert_eq!(run_pass(&Columns, &out), out.clone());
            let lefts = rows.len();
            let expect_split = rows.iter().filter(|&&(l, _, _)| l >= 6).count() >= 1
                && rows.iter().filter(|&&(_, r, _)| r >= 6).count() >= 1;
            if expect_split {
                let lines: Vec<&str> = out.lines().collect();
                prop_assert_eq!(lines.len(), 2 * lefts);
                prop_assert!(lines[..lefts].iter().all(|l| l.chars().all(|c| c == '左')));
                prop_assert!(lines[lefts..].iter().all(|l| l.trim_start().chars().all(|c| c == '右')));
            }
        }
    }
}

/// A column's lines as an OCR that drops indents reads them: each
/// paragraph cut every `n` characters, its last line shorter.
fn column_lines(paragraphs: &[&str], n: usize) -> Vec<String> {
    let mut out = Vec::new();
    for paragraph in paragraphs {
        let chars: Vec<char> = paragraph.chars().collect();
        out.extend(chars.chunks(n).map(|c| c.iter().collect::<String>()));
    }
    out
}

/// The lines of `columns` row by row, a column that has ended left out,
/// as RapidOCR returns a page's boxes (top to bottom, left to right).
fn interleave(columns: &[&[String]]) -> String {
    let rows = columns.iter().map(|c| c.len()).max().unwrap_or(0);
    let mut out = String::new();
    for r in 0..rows {
        for column in columns {
            if let Some(line) = column.get(r) {
                out.push_str(line);
                out.push('\n');
            }
        }
    }
    out
}

const BEIJING: &[&str] = &[
    "科技日报讯（记者华凌）为打造标杆型科技园区，提升中关村示范区各分园主导产业承载能力，加速世界领先科技园区建设，北京市科委、中关村管委会近日投入首批支持高品质科技园区建设资金10948.72万元，支持中关村生命科学园等科技园区的10个项目，项目涉及医药健康等7个产业领域。",
    "围绕中关村示范区各分园的主导产业和定位，北京市科委、中关村管委会会同中关村示范区各分园管委会组织实施高品质科技园区建设项目，以加强中关村示范区各分园产业服务设施和公共服务设施建设，优化提升中关村示范区各分园智慧化服务管理水平，从而打造特色鲜明、功能完备、配套完善的产业承载空间，促进中关村示范区高端化、专业化、集约化发展。",
    "在公共服务设施建设方面，支持中关村示范区各分园建设“一站式”服务大厅，共享会议室、配套餐饮设施和公共交流空间，以及建设孵化器、加速器等中小企业创业空间，补足中关村示范区各分园在公共服务设施方面的短板，从而建设基础设施完善、生态环境优美的园区。目前，北京市科委、中关村管委会共支持中关村示范区各分园改造、升级公共空间约18万平方米。",
];

const CHANGZHI: &[&str] = &[
    "本报讯近年来，长治高新区围绕产业链布局创新链，创新能力和创新活跃度显著提升，为区域经济发展、产业实力提升注入新活力。",
    "中科路安在深紫外LED领域达到行业领先水平，古巴分子免疫学（长治）研发中心、久安人工心脏等国际科技合作项目加速推进，山西省光伏制造中试基地等一批高水平科技创新平台相继建成。",
    "近日，山西安太阳能科技有限责任公司成功完成78版型太阳能电池组件产线的升级改造工作，并顺利进入量产阶段。“我们对整条生产线及单机设备进行了全面改造升级，从新建串焊机模块到调整串焊机、排版机吸盘长度，从重建串焊机、叠焊机基准到对装框机、边框打胶机弹夹、限位等精细调整，每一项都做到精益求精，力求在突破关键核心技术方面取得显著成效。”该生产线改造升级小组负责人张冰介绍说。",
    "走进位于长治高新区的钜星锻压机械设备制造有限公司，各工作区域的工人们正按照图纸要求进行焊接、加工、装配，卷板机、弯管机、型弯机等大型数控弯曲矫正机械的研发与制造在这里产生。",
];

#[test]
fn columns_on_alternate_lines() {
    let all = column_lines(BEIJING, 19);
    let (a, b) = all.split_at(all.len().div_ceil(2));
    let headline = "北京启动高品质科技园区建设\n首批资金支持7个领域10个项目\n";
    let two = (
        format!("{headline}{}", interleave(&[a, b])),
        format!("{headline}{}", in_order(&[a, b])),
    );
    // Three columns of a longer article.
    let both: Vec<&str> = BEIJING.iter().chain(CHANGZHI).copied().collect();
    let all = column_lines(&both, 15);
    let third = all.len().div_ceil(3);
    let (c1, rest) = all.split_at(third);
    let (c2, c3) = rest.split_at(third);
    let three = (interleave(&[c1, c2, c3]), in_order(&[c1, c2, c3]));
    // The right column ends first: the last rows hold the left column's
    // lines only (a column that ended with a sentence may be skipped).
    let all = column_lines(&both, 19);
    let (long, short) = all.split_at(all.len() * 3 / 5);
    let uneven = (interleave(&[long, short]), in_order(&[long, short]));
    // The right column's first line comes back before the left's (set a
    // little higher): the column that begins with the dateline is first,
    // and a headline the right column took stays above it.
    let mut higher = String::from("北京启动高品质科技园区建设\n");
    higher.push_str(&format!("{}\n", b[0]));
    higher.push_str(&interleave(&[a, &b[1..]]));
    let higher = (
        higher,
        format!("北京启动高品质科技园区建设\n{}", in_order(&[a, b])),
    );
    // The right column ends first where the OCR read the `。` that ends its
    // lines as `·`: a line that ends on one ends its sentence all the same
    // (a column that ended may be skipped).
    let dotted = |text: &str| {
        let dot = |line: &str| match line.strip_suffix('。') {
            Some(rest) if rest.ends_with(is_han) => format!("{rest}·\n"),
            _ => format!("{line}\n"),
        };
        text.lines().map(dot).collect::<String>()
    };
    let uneven_dots = (dotted(&uneven.0), dotted(&uneven.1));
    // A subheading that opens with a section number inside a column is
    // one of its lines, not a headline that starts the columns afresh.
    let sections = [
        "（一）加强产业服务设施建设",
        BEIJING[0],
        BEIJING[1],
        "（二）补足公共服务设施短板",
        BEIJING[2],
    ];
    let all = column_lines(&sections, 19);
    let (a, b) = all.split_at(all.len().div_ceil(2));
    let subheadings = (interleave(&[a, b]), in_order(&[a, b]));
    // … and so is one without a number after a paragraph's end, where its
    // column goes on after it; a short line that ends the last column (the
    // byline) stays after the columns.
    let sections = [
        BEIJING[0],
        "加强产业服务设施建设",
        BEIJING[1],
        "补足公共服务设施短板",
        BEIJING[2],
    ];
    let all = column_lines(&sections, 19);
    let (a, b) = all.split_at(all.len().div_ceil(2));
    let plain_subheadings = (
        format!("{}华凌 李明\n", interleave(&[a, b])),
        format!("{}华凌 李明\n", in_order(&[a, b])),
    );
    // The left column opens with a dateline on a short first line (set in
    // by an indent, and the OCR lost a few characters): a column's first
    // line all the same, so the left column goes first.
    let (first, rest) = CHANGZHI[0].split_at("本报讯近年来，长治高新区围绕".len());
    let mut all = vec![first.to_string()];
    all.extend(column_lines(&[rest], 19));
    all.extend(column_lines(&CHANGZHI[1..], 19));
    let (a, b) = all.split_at(all.len().div_ceil(2));
    let short_dateline = (
        format!("长治高新区：\n{}", interleave(&[a, b])),
        format!("长治高新区：\n{}", in_order(&[a, b])),
    );
    // Two articles on a page: three columns above, the next article in
    // two wider columns below, in one run of lines: each laid out with the
    // width of its own columns.
    let stacked = stacked_page(BEIJING, "创新链赋能产业链发展\n", CHANGZHI, "");
    // … and three articles, none of whose columns have most of the lines
    // (the third in one column, read in order).
    let both: Vec<&str> = BEIJING.iter().chain(CHANGZHI).copied().collect();
    let one = format!("长治高新区：\n{}", in_order(&[&column_lines(&both, 30)]));
    let three_articles = stacked_page(CHANGZHI, "北京启动高品质科技园区建设\n", BEIJING, &one);
    // Short paragraphs whose first lines show their indent (narrower by
    // two Han): fewer full lines than 40% of the lines, which the first
    // lines make up for.
    let all = short_paragraph_lines();
    let (a, b) = all.split_at(all.len().div_ceil(2));
    let short_paragraphs = (interleave(&[a, b]), in_order(&[a, b]));
    // RapidOCR returns the left column's last line after the byline that
    // ends the right column where that line sits lower on the page: it
    // goes back to the end of its column (whose last line went on), the
    // byline after the columns. Trap: the next article's kicker and
    // headline after the run (no clause mark) stay where they are.
    let all = column_lines(BEIJING, 19);
    let (a, b) = all.split_at(all.len().div_ceil(2));
    let (last, a_rest) = a.split_last().unwrap();
    assert!(!a_rest.last().unwrap().ends_with('。') && b.last().unwrap().ends_with('。'));
    let last_after_byline = (
        format!("{}华凌 李明\n{last}\n", interleave(&[a_rest, b])),
        format!("{}华凌 李明\n", in_order(&[a, b])),
    );
    let next_head = "聚焦集成电路产业\n国产芯片企业加快布局RISC-V生态\n";
    let head_after_run = (
        format!("{}{next_head}", interleave(&[a, b])),
        format!("{}{next_head}", in_order(&[a, b])),
    );
    check(&[
        last_after_byline,
        head_after_run,
        two,
        three,
        uneven,
        higher,
        uneven_dots,
        subheadings,
        plain_subheadings,
        short_dateline,
        stacked,
        three_articles,
        short_paragraphs,
    ]);
}

/// A column's lines as an OCR measures them where digits, quotes and
/// compressed marks make full lines unlike in width: each paragraph cut
/// into lines of the lengths in `cycle` (in turn, on from where the last
/// paragraph stopped), its last line shorter.
fn ragged_column_lines(paragraphs: &[&str], cycle: &[usize]) -> Vec<String> {
    let mut out = Vec::new();
    let mut turn = 0;
    for paragraph in paragraphs {
        let chars: Vec<char> = paragraph.chars().collect();
        let mut at = 0;
        while at < chars.len() {
            let end = (at + cycle[turn % cycle.len()]).min(chars.len());
            out.push(chars[at..end].iter().collect());
            (at, turn) = (end, turn + 1);
        }
    }
    out
}

#[test]
fn ragged_columns_on_alternate_lines() {
    // Full lines of 21, 23 and 25 Han in turn (42 to 50 cells) and short
    // paragraphs: no width within a Han and a half holds 40% of the
    // lines, one within two and a half does (as on the museum page of the
    // first held-out sweep, RapidOCR, whose full lines measure 42 to 49).
    let text: Vec<char> = BEIJING.concat().chars().filter(|&c| c != '。').collect();
    let paragraphs: Vec<String> = text
        .chunks(75)
        .take(8)
        .map(|p| format!("{}。", p.iter().collect::<String>()))
        .collect();
    let paragraphs: Vec<&str> = paragraphs.iter().map(String::as_str).collect();
    let all = ragged_column_lines(&paragraphs, &[21, 23, 25]);
    let (a, b) = all.split_at(all.len().div_ceil(2));
    let ragged = (interleave(&[a, b]), in_order(&[a, b]));
    check(&[ragged]);
}

#[test]
fn which_column_goes_first() {
    // No dateline tells which column is first, and the right column's
    // first line came back before the left's (set a little higher): the
    // left column's last line ends on a number whose unit opens the right
    // column (`…组织了120` / `名农技人员…`), and not the other way round,
    // so the left column is first. (Without the unit, nothing tells: the
    // columns go in the order they begin.)
    let all = column_lines(&BEIJING[1..], 19);
    let (a, b) = all.split_at(all.len().div_ceil(2));
    let mut a = a.to_vec();
    a.push("为保障春耕生产县农业农村局组织了120".to_string());
    let mut b = b.to_vec();
    b.insert(0, "名农技人员深入田间地头开展技术指导。".to_string());
    let higher = (
        format!("{}\n{}", b[0], interleave(&[&a, &b[1..]])),
        in_order(&[&a, &b]),
    );
    // … and so where two Han on either side of the break are a pair the
    // page writes far from it (`…“百工` / `技艺”等6个展厅。`, `百工技艺` six
    // rows down: further than the pairs counted for the rows). RapidOCR's
    // reading of the museum page of the first held-out sweep (its full
    // lines measure 42 to 49 cells, see `ragged_columns_on_alternate_lines`).
    let museum = [
        "老物件里的城市记忆",
        "走访市民俗博物馆",
        "本报记者何静",
        "技艺”等6个展厅。",
        "走进市民俗博物馆，老式缝纫机丶塘瓷茶缸丶黑白",
        "为了让老物件“活”起来，博物馆还推出了一系列",
        "电视机·.一件件承载着时代印记的老物件静静地陈列",
        "互动体验项目。在“百工技艺”展厅，孩子们可以在非",
        "在展柜里，吸引了不少市民驻足观看。",
        "遗传承人的指导下学习剪纸丶捏面人丶编草鞋。",
        "“这台收音机是我父亲1965年买的，那时候全家人",
        "“我们希望通过这些展览和活动，让年轻人了解过",
        "每天晚上都围着它听新闻。”74岁的退休教师吴秀兰指",
        "去的生活，记住城市的来处。",
        "着一台红灯牌收音机对记者说，“去年我把它捐给了博",
        "“博物馆不应该只是一个存放文物的地方，它更应",
        "物馆，让更多的人看到它。”",
        "该是连接过去和未来的桥梁。”郑国强说。",
        "据馆长郑国强介绍，博物馆自2019年开馆以来，已",
        "据悉，今年该馆还将与《城市晚报》合作，推出",
        "累计征集各类民俗藏品1.2万余件，其中约三分之一来自",
        "“我家的老物件”征集活动，并计划在年底前完成数字",
        "市民捐赠。馆内设有“衣食住行”“岁时节令”“百工",
        "化展厅建设，让市民足不出户就能“云逛”博物馆。",
    ];
    // The headline, subheading and byline, then the left column, then the
    // right, read line by line from the page.
    let order = [
        0, 1, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23,
    ];
    let far_pair = (lines(&museum), lines(&order.map(|i| museum[i])));
    check(&[higher, far_pair]);
}

/// Eight paragraphs of three lines and one of four, 19 characters wide,
/// their first lines set in ([`indented_column_lines`]).
fn short_paragraph_lines() -> Vec<String> {
    let text: Vec<char> = BEIJING.concat().chars().filter(|&c| c != '。').collect();
    let mut at = 0;
    let paragraphs: Vec<String> = (0..9)
        .map(|i| {
            let len = if i == 4 { 59 } else { 43 };
            at += len;
            format!("{}。", text[at - len..at].iter().collect::<String>())
        })
        .collect();
    let paragraphs: Vec<&str> = paragraphs.iter().map(String::as_str).collect();
    indented_column_lines(&paragraphs, 19)
}

/// A column's lines as an OCR reads them where the first line of a
/// paragraph is set in: that line two characters shorter, the others `n`.
fn indented_column_lines(paragraphs: &[&str], n: usize) -> Vec<String> {
    let mut out = Vec::new();
    for paragraph in paragraphs {
        let chars: Vec<char> = paragraph.chars().collect();
        let (first, rest) = chars.split_at((n - 2).min(chars.len()));
        out.push(first.iter().collect());
        out.extend(rest.chunks(n).map(|c| c.iter().collect::<String>()));
    }
    out
}

/// A page of two articles as RapidOCR reads it, and in reading order:
/// `above` in three columns 13 characters wide, then `headline`, `below`
/// in two columns 22 wide, then `after` (read in order).
fn stacked_page(above: &[&str], headline: &str, below: &[&str], after: &str) -> (String, String) {
    let above = column_lines(above, 13);
    let third = above.len().div_ceil(3);
    let (c1, rest) = above.split_at(third);
    let (c2, c3) = rest.split_at(third);
    let below = column_lines(below, 22);
    let (d1, d2) = below.split_at(below.len().div_ceil(2));
    let page = |above: String, below: String| format!("{above}{headline}{below}{after}");
    (
        page(interleave(&[c1, c2, c3]), interleave(&[d1, d2])),
        page(in_order(&[c1, c2, c3]), in_order(&[d1, d2])),
    )
}

/// The lines of `columns`, one column after another.
fn in_order(columns: &[&[String]]) -> String {
    let all: Vec<&str> = columns
        .iter()
        .flat_map(|c| c.iter().map(String::as_str))
        .collect();
    lines(&all)
}

#[test]
#[ignore = "known limit: the next article's headline inside a run of column lines does not \
            always start the columns afresh"]
fn columns_on_alternate_lines_known_limits() {
    // Two articles stacked: the second's headline starts the columns afresh.
    let headline = "北京启动高品质科技园区建设\n首批资金支持7个领域10个项目\n";
    let beijing = column_lines(BEIJING, 19);
    let (a1, b1) = beijing.split_at(beijing.len().div_ceil(2));
    let changzhi = column_lines(CHANGZHI, 19);
    let (a2, b2) = changzhi.split_at(changzhi.len().div_ceil(2));
    let second = "长治高新区：\n创新链赋能产业链发展活力持续迸发\n";
    let stacked = (
        format!(
            "{headline}{}{second}{}",
            interleave(&[a1, b1]),
            interleave(&[a2, b2])
        ),
        format!(
            "{headline}{}{second}{}",
            in_order(&[a1, b1]),
            in_order(&[a2, b2])
        ),
    );
    check(&[stacked]);
}

#[test]
fn lines_that_read_in_order_stay() {
    // Traps: one column read in order (breaks one line apart have the
    // evidence); the same columns on alternate lines but with a blank line
    // after every line (no run to measure: such an extractor keeps no
    // rows); a page whose text repeats no pair (nothing to go by).
    let all = column_lines(BEIJING, 19);
    let one_column = lines(&all.iter().map(String::as_str).collect::<Vec<_>>());
    let (a, b) = all.split_at(all.len().div_ceil(2));
    let blank_after_each = interleave(&[a, b]).replace('\n', "\n\n");
    let unique: Vec<String> = (0..10)
        .map(|i| {
            let start = 0x4e00 + i * 40;
            (start..start + 19).filter_map(char::from_u32).collect()
        })
        .collect();
    let (u1, u2) = unique.split_at(5);
    let no_pairs = interleave(&[u1, u2]);
    // A column of short paragraphs, its first lines set in, read in order.
    let short_paragraphs = lines(
        &short_paragraph_lines()
            .iter()
            .map(String::as_str)
            .collect::<Vec<_>>(),
    );
    for input in [one_column, blank_after_each, no_pairs, short_paragraphs] {
        check(&[(input.clone(), input)]);
    }
}

/// Boxes of lines, each followed by a blank line, as pdfminer writes them.
fn boxes(blocks: &[&[&str]]) -> String {
    blocks.iter().map(|b| b.join("\n") + "\n\n").collect()
}

// A column of 14 Han; first lines indented by two (pdfminer drops the
// indent, so they are two Han narrower).
const BOX_STORY: &[&str] = &[
    "本报讯 近日，某市高新区发布",
    "新一轮产业发展规划，明确了今",
    "后三年的发展目标和重点任务。",
];
/// Its last line is full and ends no sentence: it goes on in …
const BOX_DANGLING: &[&str] = &[
    "据介绍，规划提出打造三大",
    "产业集群，培育一批龙头企业，",
    "建设若干创新平台，推动园区经",
    "济高质量发展，规划内容涉及产",
];
/// … the box at the top of the next column: a full first line.
const BOX_ORPHAN: &[&str] = &["业、人才、环境等多个方面，为", "区域发展注入新动能。"];
const BOX_NEXT: &[&str] = &[
    "下一步，该高新区将加快项",
    "目落地，持续优化营商环境，为",
    "区域发展注入新动能。",
];

#[test]
fn text_boxes_out_of_reading_order() {
    let headline: &[&str] = &["高新区两栏的标题"];
    // pdfminer took the second column's top box right after the story's
    // first box.
    let two = (
        boxes(&[headline, BOX_STORY, BOX_ORPHAN, BOX_DANGLING, BOX_NEXT]),
        boxes(&[headline, BOX_STORY, BOX_DANGLING, BOX_ORPHAN, BOX_NEXT]),
    );
    // Three columns: both columns' top boxes first, then the first two
    // columns' last boxes, each going on at the top of the next column;
    // the page ends with the second's (no blank line after it).
    let (top2, top3): (&[&str], &[&str]) = (
        &[
            "会同各分园管委会组织实施建设",
            "项目，加强产业服务设施建设。",
        ],
        &["大厅，共享会议室和公共交流空", "间，补足公共服务设施短板。"],
    );
    let (end1, end2): (&[&str], &[&str]) = (
        &["围绕各分园的主导产业和定", "位，北京市科委、中关村管委会"],
        &["在公共服务设施建设方面，", "支持中关村分园建设一站式服务"],
    );
    let mut three_input = boxes(&[BOX_STORY, top2, top3, end1, end2]);
    three_input.pop();
    let three = (three_input, boxes(&[BOX_STORY, end1, top2, end2, top3]));
    // The same with `\r\n` line ends.
    let crlf = (two.0.replace('\n', "\r\n"), two.1.replace('\n', "\r\n"));
    // The dangling box's last line is justified letter by letter (an
    // extractor writes the gaps as spaces): as full as the others, however
    // wide it measures.
    let spaced: Vec<&str> = [
        &BOX_DANGLING[..3],
        &["济 高 质 量 发 展 ， 规 划 内 容 涉 及 产"],
    ]
    .concat();
    let spaced_last = (
        boxes(&[headline, BOX_STORY, BOX_ORPHAN, &spaced, BOX_NEXT]),
        boxes(&[headline, BOX_STORY, &spaced, BOX_ORPHAN, BOX_NEXT]),
    );
    // Fewer than a third of the page's lines are as wide as the column
    // (8 of 25: the story's lines after a box of heads, bylines and
    // captions of other widths), but a quarter are.
    let others: &[&str] = &[
        "另一篇文章的标题文字",
        "副题",
        "本报记者 张三",
        "图为市民在展厅参观",
        "图片来源：本报资料库",
        "（第二版）",
        "责任编辑 王五",
        "版式设计",
        "校对：赵六 钱七 孙八",
        "今日导读",
        "要闻",
        "本版热线电话号码",
        "广告",
    ];
    let scattered = (
        boxes(&[others, BOX_STORY, BOX_ORPHAN, BOX_DANGLING, BOX_NEXT]),
        boxes(&[others, BOX_STORY, BOX_DANGLING, BOX_ORPHAN, BOX_NEXT]),
    );
    check(&[two, three, crlf, spaced_last, scattered]);
}

#[test]
fn text_boxes_in_reading_order_stay() {
    let full_first: &[&str] = &[
        "新一轮产业发展规划，明确了今",
        "后三年的发展目标和重点任务。",
    ];
    let untouched = [
        // Already in reading order.
        boxes(&[BOX_STORY, BOX_DANGLING, BOX_ORPHAN, BOX_NEXT]),
        // Paragraphs set without indents but one: two full first lines
        // after sentence ends, one box dangling. The counts differ.
        boxes(&[BOX_STORY, full_first, BOX_ORPHAN, BOX_DANGLING, BOX_NEXT]),
        // The only full first line after a sentence end opens a story.
        boxes(&[
            &["上一篇文章的最后一段，到这", "里就结束了。"],
            &[
                "本报讯 近日，某市高新区发布新",
                "一轮产业发展规划，明确了今后。",
            ],
            BOX_DANGLING,
            BOX_NEXT,
        ]),
        // The dangling paragraph's last line in a box of its own.
        boxes(&[BOX_STORY, full_first, BOX_DANGLING, &["说。"]]),
        // A blank line after every line: no boxes.
        boxes(&[
            &[BOX_STORY[0]],
            &[BOX_STORY[1]],
            &[BOX_ORPHAN[0]],
            &[BOX_DANGLING[3]],
            &[BOX_NEXT[0]],
            &[BOX_NEXT[1]],
        ]),
    ];
    let cases: Vec<(String, String)> = untouched.iter().map(|t| (t.clone(), t.clone())).collect();
    check(&cases);
}

#[test]
fn one_space_columns_whose_first_column_goes_on_below() {
    // Three columns; the second goes on at the top of the third, which
    // ends first. The first goes on below the band, beside a picture in
    // the other columns' space: its caption (too wide to cut) and credit
    // come out after the columns.
    let a = full_lines("甲栏", &["一", "二", "三", "四"]);
    let b = full_lines("乙栏", &["一", "二", "三", "四", "五"]);
    let c = full_lines("丙栏", &["一", "二", "三"]);
    let band: [&[&str]; 5] = [
        &[&a[0], &b[0], &c[0]],
        &[&a[1], &b[1], &c[1]],
        &[&a[2], &b[2], &c[2]],
        &[&a[3], &b[3], "丙栏全文完。"],
        &["甲栏一段结束。", &b[4]],
    ];
    let (first, fifth, seventh) = (
        fill("甲栏新段首行，", 16),
        fill("甲栏第五行，", 18),
        fill("甲栏第七行，", 18),
    );
    let caption = "某高新区企业的生产线上，工人正在忙着组装今年新研发的产品。";
    let tail: [&[&str]; 6] = [
        &[&first],
        &[&fifth],
        &[caption],
        &[&seventh],
        &["图片来源：某高新区"],
        &["甲栏全文完。"],
    ];
    let input = one_space_page(&[&band[..], &tail[..]].concat());
    let first_column: [&str; 5] = [&a[0], &a[1], &a[2], &a[3], "甲栏一段结束。"];
    let others: [&str; 9] = [
        &b[0],
        &b[1],
        &b[2],
        &b[3],
        &b[4],
        &c[0],
        &c[1],
        &c[2],
        "丙栏全文完。",
    ];
    let first_tail: [&str; 4] = [&first, &fifth, &seventh, "甲栏全文完。"];
    let floats = [caption, "图片来源：某高新区"];
    let expected = lines(&[&first_column[..], &first_tail, &others, &floats].concat());
    // Trap: below the same band, the next article's headline (as wide as
    // a first line, no punctuation) and its text across the page.
    let headline = "乙文的标题写在这里共有十五个字";
    let across = "乙文的正文横跨整个版面，这一行比任何一栏都宽得多，不能切开。";
    let next_article = one_space_page(&[&band[..], &[&[headline], &[across]]].concat());
    let expected_next = lines(&[&first_column[..], &others, &[headline, across]].concat());
    check(&[(input, expected), (next_article, expected_next)]);
}

#[test]
fn explain_notes_each_moved_text_box() {
    let input = boxes(&[BOX_STORY, BOX_ORPHAN, BOX_DANGLING, BOX_NEXT]);
    let config = Config {
        explain: true,
        ..Config::default()
    };
    let mut out = PassOutput::default();
    Columns.run(&input, &config, &mut out);
    let notes: Vec<(&str, std::ops::Range<usize>)> = out
        .notes
        .iter()
        .map(|n| (n.message.as_str(), n.span.clone()))
        .collect();
    let orphan_start = input
        .find(BOX_ORPHAN[0])
        .expect("the orphan is in the input");
    let orphan_end = input.find(BOX_DANGLING[0]).expect("and the box after it");
    assert_eq!(
        notes,
        [(
            "text box out of reading order: its first line is full after a box that does not \
             go on; moved after the box below that it goes on from (`…，规划内容涉及产`: its last \
             line is full and ends no sentence)",
            orphan_start..orphan_end
        )]
    );
    assert_eq!(
        run_pass_with(&Columns, &input, &config),
        run_pass(&Columns, &input)
    );
}

#[test]
fn articles_stacked_on_different_grids() {
    // Three columns above, the next article in two columns on another grid
    // below. The last row of the three columns holds a byline in the third
    // column, set in: it crosses none of the gutters, and neither does the
    // headline between the articles.
    let d1 = "第二篇文章左栏第一行的文字内容比较长一";
    let d2 = "第二篇文章左栏第二行的文字内容比较长二";
    let e1 = "第二篇文章右栏第一行的文字内容比较长三";
    let e2 = "第二篇文章右栏第二行的文字内容比较长。";
    // The headlines between the articles, each on a row after a blank one.
    let stacked = |headlines: &[(usize, &'static str)]| {
        let heads: Vec<[(usize, &str); 1]> = headlines.iter().map(|&h| [h]).collect();
        let top: [&[(usize, &str)]; 4] = [
            &[(0, A1), (20, B1), (40, C1)],
            &[(0, A2), (20, B2), (40, C2)],
            &[(0, A2), (20, B2), (40, C3)],
            &[(0, A3), (20, "右栏结束。"), (46, "记者 张三")],
        ];
        let below: [&[(usize, &str)]; 3] = [
            &[(0, d1), (30, e1)],
            &[(0, d2), (30, e2)],
            &[(0, d2), (30, e2)],
        ];
        let mut rows: Vec<&[(usize, &str)]> = top.to_vec();
        for head in &heads {
            rows.extend([&[][..], &head[..]]);
        }
        rows.extend(below);
        let input = page(&rows);
        let head_rows: Vec<String> = headlines.iter().map(|&h| row(&[h])).collect();
        let expected = lines(&[
            A1,
            A2,
            A2,
            A3,
            B1,
            B2,
            B2,
            "右栏结束。",
            C1,
            C2,
            C3,
            "      记者 张三",
        ]);
        let mut expected = expected;
        for head in &head_rows {
            expected += &lines(&["", head]);
        }
        expected += &lines(&[d1, d2, d2, e1, e2, e2]);
        (input, expected)
    };
    check(&[
        // The byline's row shows the lower gutter (text on both sides of
        // it), but across the blank row it is the three columns' last row.
        stacked(&[(12, "第二篇文章的标题很长")]),
        // A headline narrower than the first column, after a blank row,
        // where the next row crosses the gutter: not the end of the first
        // column.
        stacked(&[(4, "第二篇标题")]),
        // A kicker, then a centred headline as wide as a column's line.
        stacked(&[(14, "肩题"), (10, "第二篇文章的大标题写得长")]),
    ]);
}

#[test]
fn one_space_columns_whose_last_lines_share_a_row() {
    let han = ["一", "二", "三", "四", "五"];
    let columns = [
        full_lines("左栏", &han),
        full_lines("中栏", &han),
        full_lines("右栏", &han),
    ];
    // A page of `k` columns of five full lines, then `last` rows; read
    // in order, each column then its `tails`.
    let case = |k: usize, last: &[&[&str]], tails: &[&[&str]]| {
        let full: Vec<Vec<&str>> = (0..5)
            .map(|r| columns[..k].iter().map(|c| c[r].as_str()).collect())
            .collect();
        let rows: Vec<&[&str]> = full
            .iter()
            .map(Vec::as_slice)
            .chain(last.iter().copied())
            .collect();
        let read: Vec<&str> = (0..k)
            .flat_map(|i| {
                columns[i]
                    .iter()
                    .map(String::as_str)
                    .chain(tails[i].iter().copied())
            })
            .collect();
        (one_space_page(&rows), lines(&read))
    };
    let c_last = fill("右栏最后一行", 17) + "。";
    let a_sixth = fill("左栏第六行", 18);
    check(&[
        // The middle and the right column end their paragraphs on one row,
        // the right one's last line a number (no seam before a digit):
        // each ends a sentence, so they are two columns' lines.
        case(
            3,
            &[&[&a_sixth, "中栏结束。", "9.8%。"], &["左栏结束。"]],
            &[&[&a_sixth, "左栏结束。"], &["中栏结束。"], &["9.8%。"]],
        ),
        // Trap: a byline after the right column's last sentence stays
        // with it.
        case(
            2,
            &[&[&a_sixth, "右栏结束。 郭海洲 何伟"], &["左栏结束。"]],
            &[&[&a_sixth, "左栏结束。"], &["右栏结束。 郭海洲 何伟"]],
        ),
        // The left and the middle column end on one row beside the right
        // column's last line, full.
        case(
            3,
            &[&["左栏结束。", "中栏结束。", &c_last]],
            &[&["左栏结束。"], &["中栏结束。"], &[&c_last]],
        ),
        // A lead-in's last line ending on a colon beside the right
        // column's last line: a colon is followed by no space inside a
        // column either.
        case(
            2,
            &[&[&a_sixth, "右栏结束。"], &["工作：", "右栏也结束。"]],
            &[&[&a_sixth, "工作："], &["右栏结束。", "右栏也结束。"]],
        ),
    ]);
}

#[test]
fn one_space_columns_with_numbered_subheadings() {
    // The left column's numbered subheading is as wide as the column; the
    // right column's paragraph ends beside it and leaves space above its
    // own subheading on the next row, where the left column's paragraph
    // starts (its first line set in, alone on the row). That line is the
    // left column's: a subheading goes on into no line.
    let han = ["一", "二", "三", "四", "五", "六"];
    let (a, b) = (full_lines("左栏", &han), full_lines("右栏", &han[..4]));
    let (left_head, right_head) = (fill("（一）左栏小标题", 18), fill("（二）右栏小标题", 18));
    let (a_first, b_first) = (fill("左栏新段首行", 16), fill("右栏新段首行", 16));
    let input = one_space_page(&[
        &[&a[0], &b[0]],
        &[&a[1], &b[1]],
        &[&a[2], &b[2]],
        &[&a[3], &b[3]],
        &[&left_head, "右栏段落结束。"],
        &[&a_first],
        &[&a[4], &right_head],
        &[&a[5], &b_first],
        &["左栏结束。", "右栏结束。"],
    ]);
    let expected = lines(&[
        &a[0],
        &a[1],
        &a[2],
        &a[3],
        &left_head,
        &a_first,
        &a[4],
        &a[5],
        "左栏结束。",
        &b[0],
        &b[1],
        &b[2],
        &b[3],
        "右栏段落结束。",
        &right_head,
        &b_first,
        "右栏结束。",
    ]);
    check(&[(input, expected)]);
}

#[test]
fn a_centred_kicker_over_the_next_article_on_another_grid() {
    // A page of the layout sweep (`pdftotext -layout`): three columns, the
    // middle one ending lowest, then the next article's kicker (set in
    // right of the first gutter, as wide as a column's line) and headline
    // (crossing it). The kicker stays right above the headline, not at the
    // middle column's end.
    let page = include_str!("testdata/stacked-kicker-layout.txt");
    let out = run_pass(&Columns, page);
    let kicker = "                     布局“六大领域”实施“六大任务”\n";
    let headline = "           西安高新区创建国家未来产业先导区\n";
    assert!(
        out.contains(&format!("{kicker}\n{headline}")),
        "the kicker is not right above the headline:\n{out}"
    );
    assert!(out.contains("赵世军 李凯\n\n"), "{out}");
}

#[test]
fn a_centred_kicker_over_the_next_article_whose_first_row_crosses_no_gutter() {
    // A page of the held-out sweep (`pdftotext -layout`): three columns,
    // the middle one a row lower, then the next article's kicker (centred)
    // and headline over two columns on another grid, whose first row's
    // right part (`向。`) lies left of the upper columns' last gutter. The
    // band of that gutter ends at the blank row above the kicker: the
    // third column's last line comes before the kicker, and the next
    // article's first row after its headline.
    let page = include_str!("testdata/stacked-centred-kicker-layout.txt");
    let out = run_pass(&Columns, page);
    let expected = concat!(
        "物馆。\n\n",
        "                                    聚焦集成电路产业\n\n",
        "                    国产芯片企业加快布局RISC-V生态\n",
        "    本报讯 记者从市集成电路产业促进中心获悉，今年上半\n",
    );
    assert!(out.contains(expected), "{out}");
}

#[test]
fn the_next_articles_first_row_under_its_headline() {
    // A page of the held-out sweep (`pdftotext -layout`): three columns,
    // then the next article's headline and subtitle right of the first
    // gutter, and its first row: the byline above its left column, and
    // its right column's first line (`厅。`), both beside that gutter, so
    // that the row shows it with text on both sides. The row after crosses
    // it. The three columns end at the blank row above the headline; the
    // row is the next article's.
    let page = include_str!("testdata/stacked-byline-row-layout.txt");
    let out = run_pass(&Columns, page);
    let expected = concat!(
        "              张伟 杨帆\n\n\n",
        "                      老物件里的城市记忆\n",
        "                       ——走访市民俗博物馆\n",
        "本报记者 何静\n",
    );
    assert!(out.contains(expected), "{out}");
}

#[test]
fn one_space_columns_of_a_short_article() {
    // Five rows: three show a seam between two CJK characters (the others
    // have a digit after the space, `2.`, no evidence), and three pieces
    // beside them agree on the columns' width. Enough for a band: the two
    // rows with two full lines show columns side by side.
    let (a1, a2, a4) = (
        fill("本报讯 近日，左栏", 18),
        fill("左栏第二行", 18),
        fill("左栏新段第一行", 18),
    );
    let (b1, b3, b4) = (
        format!("2.{}", fill("右栏小标题段", 17)),
        fill("右栏新段第一行", 18),
        fill("右栏第四行", 18),
    );
    let input = one_space_page(&[
        &[&a1, &b1],
        &[&a2, "右栏段落结束了。"],
        &["左栏段落结束了。", &b3],
        &[&a4, &b4],
        &["左栏结束了。", "右栏也结束了。"],
    ]);
    let expected = lines(&[
        &a1,
        &a2,
        "左栏段落结束了。",
        &a4,
        "左栏结束了。",
        &b1,
        "右栏段落结束了。",
        &b3,
        &b4,
        "右栏也结束了。",
    ]);
    // Trap: two rows with a seam are still too few (a line of running
    // text may hold a stray space).
    let two_rows = one_space_page(&[&[&a1, &b1], &[&a2, "右栏段落结束了。"], &["左栏结束了。"]]);
    check(&[(input, expected), (two_rows.clone(), two_rows)]);
}

#[test]
fn one_space_columns_measured_at_the_next_best_width() {
    // A page of the held-out sweep (pdfplumber): an article in three
    // columns, then an interview in two wider ones whose full lines vary
    // by six cells (digits, kinsoku). The width most pieces agree on
    // (three lines of 52 to 54 cells and four first lines) cuts no band;
    // the next one (50 to 52) does, and the interview's columns come
    // apart.
    let page = include_str!("testdata/one-space-two-grids-plumber.txt");
    let out = run_pass(&Columns, page);
    let expected = concat!(
        "实验、编程序、搭模型。\n",
        "刘云：兴趣是最好的老师。我们的做法是少讲多做，让孩\n",
    );
    assert!(out.contains(expected), "{out}");
}

#[test]
fn one_space_columns_with_first_lines_side_by_side() {
    // Two full rows only, and a row of two paragraphs' first lines (their
    // indent dropped, each two Han short) beside a seam: two columns'
    // lines side by side as much as two full ones are.
    let (a1, a2, a4) = (
        fill("左栏第一行", 18),
        fill("左栏第二行", 18),
        fill("左栏新段第一行", 16),
    );
    let (b1, b3, b4) = (
        fill("右栏第一行", 18),
        fill("右栏新段第一行", 16),
        fill("右栏又一新段", 16),
    );
    let input = one_space_page(&[
        &[&a1, &b1],
        &[&a2, "右栏段落结束了。"],
        &["左栏段落结束了。", &b3],
        &[&a4, &b4],
        &["左栏结束了。", "右栏也结束了。"],
    ]);
    let expected = lines(&[
        &a1,
        &a2,
        "左栏段落结束了。",
        &a4,
        "左栏结束了。",
        &b1,
        "右栏段落结束了。",
        &b3,
        &b4,
        "右栏也结束了。",
    ]);
    // Trap: first lines beside short pieces are no such row (a line of
    // running text with a stray space after a short phrase).
    let short_beside = one_space_page(&[
        &[&a1, &b1],
        &[&a2, "右栏段落结束了。"],
        &["左栏段落结束了。", &b3],
        &[&a4, "右栏结束。"],
    ]);
    check(&[(input, expected), (short_beside.clone(), short_beside)]);
}

#[test]
fn one_space_columns_with_a_number_at_the_seam() {
    // A space next to a digit is no seam (`已达 6.8 万余`), but two full
    // lines on either side of it are two columns' lines: the row counts
    // among the page's evidence, here the third full row.
    let (a1, a2, a3, a4) = (
        fill("左栏第一行", 18),
        fill("左栏第二行", 18),
        fill("左栏新段第一行", 16),
        format!("{}2016", fill("左栏第四行", 16)),
    );
    let (b1, b2, b4) = (
        fill("右栏第一行", 18),
        fill("右栏第二行", 18),
        fill("右栏新段第一行", 18),
    );
    let input = one_space_page(&[
        &[&a1, &b1],
        &[&a2, &b2],
        &[&a3, "右栏段落结束了。"],
        &[&a4, &b4],
        &["年左栏段落结束了。", "右栏也结束了。"],
    ]);
    let expected = lines(&[
        &a1,
        &a2,
        &a3,
        &a4,
        "年左栏段落结束了。",
        &b1,
        &b2,
        "右栏段落结束了。",
        &b4,
        "右栏也结束了。",
    ]);
    // Trap: a number beside a short piece is no evidence (`已达 6.8 万余`
    // in running text).
    let short_beside = one_space_page(&[
        &[&a1, &b1],
        &[&a2, &b2],
        &[&a3, "右栏段落结束了。"],
        &[&a4, "万余元"],
        &["年左栏段落结束了。"],
    ]);
    check(&[(input, expected), (short_beside.clone(), short_beside)]);
}

#[test]
fn one_space_columns_with_latin_words_after_a_seam() {
    // Three columns of 17 Han (34 cells). On the third row the first
    // column's paragraph ends (`结束。`) beside a line that holds Latin
    // words set apart by spaces (`RISC-V Summit Europe`): the space after
    // the sentence end is the seam, as the words after it are as wide as
    // a column's line, although no one piece is; the spaces between the
    // Latin words are no cut (`…RISC-V Summit` is no first line).
    let a: Vec<String> = (1..=4).map(|i| fill(&format!("左栏第{i}行"), 17)).collect();
    let (a4, a5) = (fill("左栏新段第一行", 16), fill("左栏第五行", 17));
    let b: Vec<String> = (1..=4).map(|i| fill(&format!("中栏第{i}行"), 17)).collect();
    let b5 = fill("中栏新段第一行", 16);
    let c: Vec<String> = (1..=4).map(|i| fill(&format!("右栏第{i}行"), 17)).collect();
    let (c4, c5) = (fill("右栏新段第一行", 16), fill("右栏第五行", 17));
    let latin = "中栏办的RISC-V Summit Europe大会，";
    let input = one_space_page(&[
        &[&a[0], &b[0], &c[0]],
        &[&a[1], &b[1], &c[1]],
        &[&a[2], &b[2], &c[2]],
        &[&a[3], &b[3], &c[3]],
        &["结束。", latin, "奖励结束。"],
        &[&a4, "中栏段落也结束了。", &c4],
        &[&a5, &b5, &c5],
        &["左栏全文完。", "中栏全文完。", "右栏全文完。"],
    ]);
    let expected = lines(&[
        &a[0],
        &a[1],
        &a[2],
        &a[3],
        "结束。",
        &a4,
        &a5,
        "左栏全文完。",
        &b[0],
        &b[1],
        &b[2],
        &b[3],
        latin,
        "中栏段落也结束了。",
        &b5,
        "中栏全文完。",
        &c[0],
        &c[1],
        &c[2],
        &c[3],
        "奖励结束。",
        &c4,
        &c5,
        "右栏全文完。",
    ]);
    // Trap: a byline after a sentence end in one column (`…发展。 郭海洲
    // 何伟`): the names are narrower than a column's line, no seam.
    let byline = one_space_page(&[
        &[&a[0], &b[0]],
        &[&a[1], &b[1]],
        &[&a[2], &b[2]],
        &[&a4, "中栏段落也结束了。"],
        &["发展。 郭海洲 何伟", &b5],
        &["左栏全文完。", "中栏全文完。"],
    ]);
    let byline_expected = lines(&[
        &a[0],
        &a[1],
        &a[2],
        &a4,
        "发展。 郭海洲 何伟",
        "左栏全文完。",
        &b[0],
        &b[1],
        &b[2],
        "中栏段落也结束了。",
        &b5,
        "中栏全文完。",
    ]);
    check(&[(input, expected), (byline, byline_expected)]);
}

#[test]
fn one_space_columns_whose_lines_end_in_numbers() {
    // A page of the held-out sweep (pdfplumber): briefs in two columns
    // whose full lines end or start with a number at the seam
    // (`…生物 86个乡镇…`, `…总奖金200 亿元，…`). The pieces beside seams
    // between two CJK characters are only first lines and headlines, and
    // suggest no width that cuts bands; the pieces beside spaces next to
    // a number do (their full lines), and the columns come apart.
    let page = include_str!("testdata/briefs-numbers-at-seams-plumber.txt");
    let out = run_pass(&Columns, page);
    let expected = concat!(
        "日前，省科技厅公布了新一批省级重点实验\n",
        "室名单，我市5家实验室入选，涉及新材料、生物\n",
        "医药、智能制造等领域。\n",
    );
    assert!(out.contains(expected), "{out}");
    // Trap: one column whose extractor set spaces around numbers
    // (`2024 年`) and some glyph gaps between Han has long pieces beside
    // them, at no common width that cuts bands.
    let one_column = lines(&[
        "本报讯 近日，某市高新区发布新一轮产业发展规划 明确了今后三年的发展",
        "目标和重点任务，涉及产业、人才、环境等多个方面 全年计划投资 2024",
        "亿元，其中产业项目投资占比超过六成 重点项目共计 86个，涉及新材料、",
        "生物医药、智能制造等领域，预计到 2026年全部建成投产，带动就业超过",
        "3万人。规划还提出，到 2030年，高新区营业总收入将突破5000亿元，年均",
        "增长 12.5%以上，高新技术企业数量达到 1200家，研发投入强度不低于",
        "百分之五，形成 3个千亿级产业集群和一批具有国际竞争力的创新型企业。",
    ]);
    check(&[(one_column.clone(), one_column)]);
}

#[test]
fn one_space_columns_apart_by_a_subheading_row() {
    // A page of the held-out sweep (pdfplumber): a feature in two
    // columns whose right column has a two-line subheading, its first
    // line (`留住乡愁——`) alone on its row while the left column is blank
    // above its own subheading. The rows above and below read as two
    // bands; the upper band's right column opens mid-sentence
    // (`来。”村党支部…`) after its left column ended its paragraph, and the
    // lower band's left column goes on at its foot: one band, read column
    // by column.
    let page = include_str!("testdata/subheading-between-bands-plumber.txt");
    let out = run_pass(&Columns, page);
    let expected = concat!(
        "“刚开始大家都不看好，怕投了钱收不回\n",
        "来。”村党支部书记王建国回忆说。如今，全村\n",
    );
    assert!(out.contains(expected), "{out}");
    // Trap: two articles on one grid, the second one's headline between
    // their bands. The upper right column opens mid-sentence too, but its
    // left column goes on into it (a paragraph over the gutter): two
    // bands, the first article before the second one's headline.
    let page = include_str!("testdata/two-articles-one-grid-plumber.txt");
    let out = run_pass(&Columns, page);
    let expected = concat!(
        "造、升级公共空间约18万平方米。\n",
        "长治高新区：\n",
        "创新链赋能产业链 发展活力持续迸发\n",
    );
    assert!(out.contains(expected), "{out}");
}

/// A headline that a layout writer spread out by its glyphs' positions
/// (pypdf's layout mode: gaps of one to four cells) is no row of columns:
/// read as one, its gaps set the gutter left of where the body's right
/// column starts, and a left line that runs close to it (`…3.8%，`, two
/// cells before the right column) ended the band there.
#[test]
fn a_spread_out_headline_over_two_columns() {
    check(&[(
        lines(&[
            "          南 昌高    新区   入  选中   国科    协",
            "          “科创    中国   ”首批   试点    园区",
            "",
            "  本报讯  近日获悉，南昌高新区在全国        如今，园区已经逐步形成电子信息、航",
            "110余个遴选城市和园区脱颖而出，成功入     空制造、医药健康、新材料“2+2”的主导",
            "选中国科协“科创中国”首批试点园区，成      产业集群，成为江西省战略性新兴产业集聚",
            "为“科创中国”打造科技经济融合的“样板      地。航空制造产业初步形成以航空制造技术",
            "间”之一。                    为依托，集设计、研发、制造、测试、运",
            "  据了解，成为中国科协“科创中国”首      营、配套为一体的航空产业链。以移动智能",
            "批试点城市需要具备创新需求旺盛、具有国      终端和LED产业为主的电子信息产业形成了",
            "家战略、政府高度重视、工作基础良好、具      完整的上下游产业链，集群式发展模式为园",
            "备示范效应等特点。                区经济带来强大发展后劲。此外，迪安诊断",
            "  近年来，南昌高新区始终坚持以科技创      等医学检测企业的落户，更是为园区医药健",
            "新为先导，持续加大科技研发投入力度。       康产业的发展增质提速；以江铜集团为代表",
            "2019年，园区科技与研发投入占比达3.8%，  的新材料产业已成为园区千亿级产业。",
        ]),
        lines(&[
            "          南 昌高    新区   入  选中   国科    协",
            "          “科创    中国   ”首批   试点    园区",
            "",
            "  本报讯  近日获悉，南昌高新区在全国",
            "110余个遴选城市和园区脱颖而出，成功入",
            "选中国科协“科创中国”首批试点园区，成",
            "为“科创中国”打造科技经济融合的“样板",
            "间”之一。",
            "  据了解，成为中国科协“科创中国”首",
            "批试点城市需要具备创新需求旺盛、具有国",
            "家战略、政府高度重视、工作基础良好、具",
            "备示范效应等特点。",
            "  近年来，南昌高新区始终坚持以科技创",
            "新为先导，持续加大科技研发投入力度。",
            "2019年，园区科技与研发投入占比达3.8%，",
            "   如今，园区已经逐步形成电子信息、航",
            "空制造、医药健康、新材料“2+2”的主导",
            "产业集群，成为江西省战略性新兴产业集聚",
            "地。航空制造产业初步形成以航空制造技术",
            "为依托，集设计、研发、制造、测试、运",
            "营、配套为一体的航空产业链。以移动智能",
            "终端和LED产业为主的电子信息产业形成了",
            "完整的上下游产业链，集群式发展模式为园",
            "区经济带来强大发展后劲。此外，迪安诊断",
            "等医学检测企业的落户，更是为园区医药健",
            "康产业的发展增质提速；以江铜集团为代表",
            "的新材料产业已成为园区千亿级产业。",
        ]),
    )]);
    // Trap: a row of four pieces, one of them a column's line, is still
    // cut at the gutter.
    check(&[(
        page(&[
            &[(0, A1), (20, B1)],
            &[(0, A2), (20, B2)],
            &[(0, "甲乙"), (4, "丙"), (7, "丁"), (20, B3)],
            &[(0, A4), (20, B4)],
        ]),
        lines(&[A1, A2, "甲乙  丙  丁", A4, B1, B2, B3, B4]),
    )]);
}

/// Gutters as narrow as the gaps inside the lines, one to eleven spaces
/// as each line of a row is placed at its position (PyMuPDF's
/// `get_text(sort=True)`): no strip of whitespace runs down the page, and
/// the grid's bands cover a few rows; read with every run of spaces as one,
/// the rows are columns of one width apart by one space.
#[test]
fn columns_apart_by_gaps_as_narrow_as_the_lines_own() {
    check(&[(
        lines(&[
                "  本报讯（记者李争粉）近日，在第六届世界智能大  台、自主物联网等方面已有深厚积累，将释放国产软件",
                "会上，天津滨海高新区发布首个信创产业应用场景清  适配前置测试、曙光安全可靠城市云等场景机会，如鲲",
                "单，重点推荐10个重磅应用场景。           鹏信息将开放自主物联网研发应用示范场景机会，吸引",
                "  据了解，首批信创产业应用场景清单，由天津滨海  智慧物联网产业链科技企业，共同探索自主物联产品及",
                "高新区联合麒麟、华为、360等本地优势企业，紧扣信创  服务在智能制造、智慧城市、智慧仓储等领域的研发及",
                "产业生态完善、信创产业推广应用及信创产业创新服务  应用。",
                "释放3大类重点场景机会，发布银河麒麟操作系统适配北    在信创产业创新服务方面，天津滨海高新区将构建",
                "方中心、华为鲲鹏生态适配创新中心、360信创安全攻防  信创芯片封装测试、信创专利快审两大场景，聚焦信创",
                "训练靶场等10大重磅场景机会。              领域开展服务及渠道创新，并已于2021年12月发布“中",
                "  在信创产业生态完善方面，银河麒麟、华为鲲鹏、  国信创谷九条”，计划拿出10亿元专项资金，聚焦企业",
        ]),
        lines(&[
                "本报讯（记者李争粉）近日，在第六届世界智能大",
                "会上，天津滨海高新区发布首个信创产业应用场景清",
                "单，重点推荐10个重磅应用场景。",
                "据了解，首批信创产业应用场景清单，由天津滨海",
                "高新区联合麒麟、华为、360等本地优势企业，紧扣信创",
                "产业生态完善、信创产业推广应用及信创产业创新服务",
                "释放3大类重点场景机会，发布银河麒麟操作系统适配北",
                "方中心、华为鲲鹏生态适配创新中心、360信创安全攻防",
                "训练靶场等10大重磅场景机会。",
                "在信创产业生态完善方面，银河麒麟、华为鲲鹏、",
                "台、自主物联网等方面已有深厚积累，将释放国产软件",
                "适配前置测试、曙光安全可靠城市云等场景机会，如鲲",
                "鹏信息将开放自主物联网研发应用示范场景机会，吸引",
                "智慧物联网产业链科技企业，共同探索自主物联产品及",
                "服务在智能制造、智慧城市、智慧仓储等领域的研发及",
                "应用。",
                "在信创产业创新服务方面，天津滨海高新区将构建",
                "信创芯片封装测试、信创专利快审两大场景，聚焦信创",
                "领域开展服务及渠道创新，并已于2021年12月发布“中",
                "国信创谷九条”，计划拿出10亿元专项资金，聚焦企业",
        ]),
    )]);
}

/// PyMuPDF's sorted text puts a row's lines one to four spaces apart, so
/// that a column starts a few cells left or right from row to row (`KD`,
/// `1/3` and punctuation take less than a Han) and the grid cuts only
/// broken bands of a few rows at one gutter, reading the rows between them
/// whole. Where the gutters the seams cut at are that narrow, the seams'
/// one band wins however many rows the grid's bands cover.
#[test]
fn narrow_gutters_are_one_band_of_seams() {
    // A page of the default sweep: the grid cut rows 4–9, 11–13 and 15–17
    // apart at cell 26 and read each band's left part, then its right one,
    // so that the right column's first paragraph (`据悉，…`) came between
    // the left column's first two.
    let page = include_str!("testdata/narrow-gutters-pymupdf-sorted.txt");
    let left = [
        "本报讯“主体工程已完成，目前正在进行屋面、外",
        "墙的结构维护，以及防火涂料的喷涂、机电预埋电管的",
        "施工。”近日，在位于潍坊高新区的北汽福田山东多功",
        "能汽车厂高端皮卡分装中心和KD工厂项目现场，北京建",
        "工集团有限责任公司项目执行经理王振帅介绍说。",
        "工程机械不停歇作业、运输车辆往来穿梭、施工现",
        "场有条不紊……为加快项目建设进度，施工单位根据施",
        "工情况不断增加人力机械作业力度，确保建设有序推",
        "进。",
        "“工人增加到了200多人，机械有挖掘机、曲臂车",
        "等，共计48辆。我们正倒排工期、挂图作战，加班加",
        "点、全力奋战，在保障安全和质量的前提下，全力加快",
        "建设进度。”王振帅说。",
    ];
    let right = [
        "据悉，正在建设的区域性智慧物流中心项目计划总",
        "投资额2亿元，占地148亩，将吸引上下游资源集聚，实",
        "现中央物流中心的系统整合。该项目设计仓储、配送加",
        "工、集约、综合、信息交易、辅助服务等六大功能区，",
        "拟实现仓储及配送一体化管理。",
        "项目建设“加速度”，离不开潍坊高新区的鼎力支",
        "持和贴心服务。“项目需要建设一个东出口，潍坊高新",
        "区相关单位来到现场帮助我们协调推进，至少节省了1/3",
        "的时间。”北汽福田潍坊厂区相关负责人刘耀杰说。",
        "近年来，潍坊高新区以建设优质营商环境为目标，",
        "深耕投资兴业“沃土”，为企业发展播洒“阳光雨",
        "露”，为项目建设全力排忧解难，为培育和发展新质生",
        "产力注入澎湃动能。",
        "赵世军李凯",
    ];
    let mut expected = vec![
        "                 潍坊高新区：",
        "       重点项目建设跑出“加速度”",
        "",
    ];
    expected.extend(left);
    expected.extend(right);
    check(&[(page.to_string(), lines(&expected))]);

    // The seams' band of three columns, and below it a second article in
    // two wider columns that the seams do not see (five rows, another
    // width) but the grid does, at a gutter of two spaces: the grid's band
    // is read where the seams cut no row.
    let page = include_str!("testdata/narrow-gutters-and-a-grid-band-pymupdf-sorted.txt");
    let out = run_pass(&Columns, page);
    let expected = concat!(
        "本报记者程远\n",
        "初秋时节，走进青石村，白墙黛瓦\n",
        "的民宿错落有致，游客在果园里采摘葡\n",
        "萄，村口的停车场停满了外地车辆。\n",
        "从“空心村”到“网红村”\n",
        "十年前，青石村是远近闻名的贫困\n",
        "村，青壮年大多外出打工，村里只剩下\n",
        "老人和孩子。2016年，村里成立旅游合\n",
        "作社，盘活闲置农房38栋，发展民宿和\n",
        "农家乐。\n",
        "“刚开始大家都不看好，怕投了钱\n",
    );
    assert!(out.contains(expected), "{out}");
    let expected = concat!(
        "  本报讯（记者宋雨）记者从市教育考试院了解到，今年\n",
        "我市高考报名人数为5.82万人，比去年增加3600人，创历史新\n",
        "高。全市共设考点26个、考场1946个。\n",
        "  考试期间，全市将启动考点周边噪声管控。\n",
        "  据介绍，今年各考点全部配备身份核验设备和无线电信号\n",
        "屏蔽设备，考生须提前30分钟到达考点，开考15分钟后不得进\n",
        " 入考场。\n",
        "      市教育考试院提醒，考生应妥善保管准考证和身份证，如\n",
        " 有遗失，请及时与所在考区联系补办。\n",
        "  祝全体考生考试顺利！\n",
    );
    assert!(out.ends_with(expected), "{out}");

    // Trap: pdfplumber's layout mode places text by its position, with
    // gutters of nine spaces or more and gaps of three inside a line
    // (`本报讯   近日`). Read with every run of spaces as one, the rows make
    // seams at such gaps too; the grid's bands cover about as many rows,
    // and the grid wins.
    let page = include_str!("testdata/wide-gutters-plumber-layout.txt");
    let out = run_pass(&Columns, page);
    let expected = concat!(
        "   本报讯   近日，2024年湖北·随州世界华人炎\n",
        "帝故里寻根节经贸洽谈会在随州市举行。200余名\n",
        "海内外企业家齐聚于此，共商合作、共谋发展。\n",
        "\n",
        "随州高新区依托寻根节唱好经贸戏，此次共签约5\n",
    );
    assert!(out.contains(expected), "{out}");
}

/// Two articles side by side in PyMuPDF's sorted text, a column each, two
/// to four spaces apart: no gutter runs down the page in either cell
/// system, so the grid cuts nothing, and the rows read as one band of
/// seams once their runs of spaces are one. The two headlines and
/// subtitles on the rows above the band go before their own columns (their
/// words are those of their columns' text).
#[test]
fn narrow_gutters_where_the_grid_cuts_nothing() {
    let page = include_str!("testdata/narrow-gutters-side-by-side-pymupdf-sorted.txt");
    let out = run_pass(&Columns, page);
    let expected = concat!(
        "此次发射是我国今年第58次航天发射。按计划，该\n",
        "型火箭年底前还将执行2次发射任务，主要用于低轨互联\n",
        "网卫星组网。\n",
        "A股三大指数集体收涨\n",
        "两市成交额突破1.2万亿元\n",
        "\n",
        "本报讯11月20日，A股三大指数集体收涨。截至收\n",
        "盘，上证指数报3368.07点，上涨0.67%；深证成指报\n",
    );
    assert!(out.contains(expected), "{out}");
    assert!(out.starts_with(concat!(
        "我国航天发射再创佳绩\n",
        "新一代运载火箭首飞成功\n",
        "本报讯（记者马骏）11月3日10时12分，新一代中\n",
        "型运载火箭在文昌航天发射场点火升空，约18分钟后将\n",
    )));
}

/// Short RapidOCR pages of two columns whose lines mostly break between
/// words: the pairs at breaks two lines apart are few (`…实时跟` / `踪。`,
/// `…客` / `流量…`, `…品牌赛` / `事，`; five to six points), and those one
/// line apart fewer still (none to two).
#[test]
fn columns_on_alternate_lines_with_thin_evidence() {
    // The right column's first line comes back before the left one's
    // (the left column opens with a dateline, so it goes first).
    let page = include_str!("testdata/thin-evidence-rapidocr.txt");
    let out = run_pass(&Columns, page);
    let expected = concat!(
        "本报记者周婷\n",
        "本报讯4月14日上午7时30分，随着一声发令枪响，\n",
        "2024年某市马拉松在市民广场鸣枪起跑。来自国内外的\n",
        "3.2万名跑者沿着滨江大道丶老城区和高新区一路奔跑，\n",
        "感受城市发展的新变化。\n",
    );
    assert!(out.contains(expected), "{out}");
    let expected = concat!(
        "赛事组委会相关负责人介绍，本届比赛共设置补给\n",
        "站25个丶医疗站30个，招募志愿者4800名，并首次引「入\n",
        "AI智能监测系统，对参赛选手的心率等数据进行实时跟\n",
        "踪。\n",
        "跑出消费新活力\n",
        "马拉松不仅是一场体育比赛，也是拉动消费的重要\n",
    );
    assert!(out.contains(expected), "{out}");
    // A page of five points for columns and none for the order.
    check(&[(
        lines(&[
            "我国航天发射再创佳绩",
            "新一代运载火箭首飞成功",
            "本报讯（记者马骏）11月3日10时12分，新",
            "“这次首飞验证了火箭总体方案和多项关键",
            "一代中型运载火箭在文昌航天发射场点火升空，",
            "技术。”火箭总设计师王海峰介绍，研制团队用",
            "约18分钟后将试验卫星送入预定轨道，首次飞行",
            "时4年完成了12项重大技术攻关，发动机推力调节",
            "试验取得圆满成功。",
            "精度优于±1%。",
            "该型火箭全长50.5米，起飞质量约590吨，近",
            "此次发射是我国今年第58次航天发射。按计",
            "地轨道运载能力达到14吨，采用液氧煤油发动",
            "划，该型火箭年底前还将执行2次发射任务，主要",
            "机，具备一级子级垂直回收能力。",
            "用于低轨互联网卫星组网·",
        ]),
        lines(&[
            "我国航天发射再创佳绩",
            "新一代运载火箭首飞成功",
            "本报讯（记者马骏）11月3日10时12分，新",
            "一代中型运载火箭在文昌航天发射场点火升空，",
            "约18分钟后将试验卫星送入预定轨道，首次飞行",
            "试验取得圆满成功。",
            "该型火箭全长50.5米，起飞质量约590吨，近",
            "地轨道运载能力达到14吨，采用液氧煤油发动",
            "机，具备一级子级垂直回收能力。",
            "“这次首飞验证了火箭总体方案和多项关键",
            "技术。”火箭总设计师王海峰介绍，研制团队用",
            "时4年完成了12项重大技术攻关，发动机推力调节",
            "精度优于±1%。",
            "此次发射是我国今年第58次航天发射。按计",
            "划，该型火箭年底前还将执行2次发射任务，主要",
            "用于低轨互联网卫星组网·",
        ]),
    )]);
}

#[test]
fn heads_of_articles_side_by_side() {
    // Two articles side by side, each under its own headline on one row:
    // the headlines are far apart at the gutter, narrower than the
    // columns' lines, and end no sentence. Each goes with its article.
    let page = lines(&[
        &row(&[(3, "春耕备耕正当时"), (40, "老物件里的记忆")]),
        "",
        &row(&[(0, A1), (30, B1)]),
        &row(&[(0, A2), (30, B2)]),
        &row(&[(0, A3), (30, B3)]),
        &row(&[(0, A4), (30, B4)]),
    ]);
    // (The right headline keeps its place over its column: ten cells in.)
    let split = lines(&[
        "   春耕备耕正当时",
        "",
        A1,
        A2,
        A3,
        A4,
        "          老物件里的记忆",
        "",
        B1,
        B2,
        B3,
        B4,
    ]);
    // Trap: one centred headline whose words a layout writer set apart
    // (pdfplumber's layout mode: a gap of a few words, clear at the
    // gutter) is no two heads: it stays whole above the columns.
    let centred = include_str!("testdata/centred-headline-set-apart-plumber-layout.txt");
    let out = run_pass(&Columns, centred);
    assert!(
        out.lines()
            .any(|l| l.contains("创新链赋能产业链") && l.contains("发展活力持续迸发")),
        "{out}"
    );
    check(&[(page, split)]);
}

#[test]
fn one_space_columns_of_items_with_two_full_lines() {
    // A page of the held-out sweep (pdfplumber): a notice in two columns
    // whose paragraphs are items (`一、…`, `二、…`), each a first line
    // whose indent was dropped (16 Han), and only two full lines (18
    // Han). The width most pieces beside seams agree on is the first
    // lines' (32 cells), which cuts no row holding a full line; the full
    // lines' width, backed by as many first lines, does.
    let (a1, a2, a3, a6) = (
        fill("为保障左栏活动有序进行，", 16),
        fill("根据左栏有关规定，", 18),
        fill("决定左栏实施管制现将事项", 18),
        fill("二、管制范围左栏", 16),
    );
    let (b1, b3) = (
        fill("三、持有通行证的车辆", 16),
        fill("四、请驾驶人提前规划", 16),
    );
    let input = one_space_page(&[
        &[&a1, &b1],
        &[&a2, "不受本通告限制。"],
        &[&a3, &b3],
        &["告如下：", "交通民警指挥。"],
        &["一、管制时间十八时。", "特此通告。"],
        &[&a6, "市公安局交通管理局"],
        &["沿河东路禁止通行。", "二〇二四年九月"],
    ]);
    let expected = lines(&[
        &a1,
        &a2,
        &a3,
        "告如下：",
        "一、管制时间十八时。",
        &a6,
        "沿河东路禁止通行。",
        &b1,
        "不受本通告限制。",
        &b3,
        "交通民警指挥。",
        "特此通告。",
        "市公安局交通管理局",
        "二〇二四年九月",
    ]);
    // Trap: two full lines and two first lines beside seams are too few
    // (lines of running text with a stray space each).
    let few = one_space_page(&[
        &[&a1, &b1],
        &[&a2, "不受本通告限制。"],
        &[&a3, "交通民警指挥。"],
        &["告如下：", "特此通告。"],
    ]);
    check(&[(input, expected), (few.clone(), few)]);
}

/// Two articles side by side, a column each, apart by one space, under
/// `heads` (rows of their headlines): the page, and each column's lines.
fn side_by_side_articles(heads: &[&str]) -> (String, Vec<String>, Vec<String>) {
    let left: Vec<String> = vec![
        fill("本报讯新型运载火箭在文昌发射场点火升空，", 18),
        fill("火箭将试验卫星送入预定轨道", 18),
        "首次飞行试验取得圆满成功。".into(),
        fill("火箭全长五十米，运载能力", 16),
        fill("采用液氧煤油发动机，火箭", 18),
        "具备垂直回收能力。".into(),
    ];
    let right: Vec<String> = vec![
        fill("本报讯股市三大指数集体收涨，", 18),
        fill("上证指数上涨，深证成指上涨", 18),
        "创业板指上涨。".into(),
        fill("两市成交额突破万亿元，北向", 16),
        fill("资金净买入，半导体板块涨幅", 18),
        "居前，股市信心恢复。".into(),
    ];
    let rows: Vec<Vec<&str>> = left
        .iter()
        .zip(&right)
        .map(|(a, b)| vec![a.as_str(), b.as_str()])
        .collect();
    let rows: Vec<&[&str]> = rows.iter().map(Vec::as_slice).collect();
    let page = lines(heads) + &one_space_page(&rows);
    (page, left, right)
}

#[test]
fn one_space_columns_of_articles_side_by_side_under_their_headlines() {
    // pdfplumber: two articles side by side, their headlines side by side
    // on one row, each subtitle on a row of its own. Each piece goes
    // before the column whose text shares its words.
    let (page, left, right) = side_by_side_articles(&[
        "火箭发射再创佳绩 股市三大指数收涨",
        "新型运载火箭首飞成功",
        "两市成交额突破万亿",
    ]);
    let mut expected = vec!["火箭发射再创佳绩", "新型运载火箭首飞成功"];
    expected.extend(left.iter().map(String::as_str));
    expected.extend(["股市三大指数收涨", "两市成交额突破万亿"]);
    expected.extend(right.iter().map(String::as_str));
    // A byline whose words tell no column goes with the row above it.
    let (bylined, left_b, right_b) = side_by_side_articles(&[
        "火箭发射再创佳绩 股市三大指数收涨",
        "两市成交额突破万亿",
        "本报记者 王明",
    ]);
    let mut bylined_expected = vec!["火箭发射再创佳绩"];
    bylined_expected.extend(left_b.iter().map(String::as_str));
    bylined_expected.extend(["股市三大指数收涨", "两市成交额突破万亿", "本报记者 王明"]);
    bylined_expected.extend(right_b.iter().map(String::as_str));
    // Traps: one article's headline over its columns, two phrases apart
    // by a space whose words both columns hold (or neither), stays as
    // it is, above the columns; so does a row whose pieces' words point
    // to the columns in the wrong order.
    let (one_headline, left_o, right_o) =
        side_by_side_articles(&["精准谋划 精细指导", "本报讯 今日"]);
    let mut one_expected = vec!["精准谋划 精细指导", "本报讯 今日"];
    one_expected.extend(left_o.iter().chain(&right_o).map(String::as_str));
    let (reversed, left_r, right_r) = side_by_side_articles(&["股市三大指数收涨 火箭发射再创佳绩"]);
    let mut reversed_expected = vec!["股市三大指数收涨 火箭发射再创佳绩"];
    reversed_expected.extend(left_r.iter().chain(&right_r).map(String::as_str));
    // PyMuPDF's sorted text: the headlines apart by a gap, a blank row
    // before the columns (it goes with the row above).
    let (gapped, left_g, right_g) = side_by_side_articles(&[
        "  火箭发射再创佳绩     股市三大指数收涨",
        " 新型运载火箭首飞成功    两市成交额突破万亿",
        "",
    ]);
    let mut gapped_expected = vec!["火箭发射再创佳绩", "新型运载火箭首飞成功"];
    gapped_expected.extend(left_g.iter().map(String::as_str));
    gapped_expected.extend(["股市三大指数收涨", "两市成交额突破万亿", ""]);
    gapped_expected.extend(right_g.iter().map(String::as_str));
    check(&[
        (page, lines(&expected)),
        (gapped, lines(&gapped_expected)),
        (bylined, lines(&bylined_expected)),
        (one_headline, lines(&one_expected)),
        (reversed, lines(&reversed_expected)),
    ]);
}

#[test]
fn one_space_columns_through_a_lead_in_ending_alone_on_its_row() {
    // pdfplumber: a lead-in's last line (`下：`) alone on its row, the
    // other column having space there, before the list: the band goes on
    // through it.
    let (a1, a2, a3) = (
        fill("为保障左栏活动有序进行，", 18),
        fill("根据左栏有关规定，决定", 18),
        fill("对部分道路实施管制现将事项通告如", 18),
    );
    let (a5, a6) = (fill("一、管制时间左栏", 16), fill("二、管制范围左栏", 16));
    let (b1, b2, b3, b5, b6) = (
        fill("初秋时节右栏走进青石村，", 16),
        fill("游客在果园里采摘右栏", 18),
        "村口的停车场停满右栏。".to_string(),
        fill("十年前右栏是贫困村，", 16),
        fill("青壮年大多外出打工右栏", 18),
    );
    let rows = |middle: &str, fifth: &str| {
        one_space_page(&[
            &[&a1, &b1],
            &[&a2, &b2],
            &[&a3, &b3],
            &[middle],
            &[fifth, &b5],
            &[&a6, &b6],
            &["左栏结束了。", "右栏也结束了。"],
        ])
    };
    let input = rows("下：", &a5);
    let expected = lines(&[
        &a1,
        &a2,
        &a3,
        "下：",
        &a5,
        &a6,
        "左栏结束了。",
        &b1,
        &b2,
        &b3,
        &b5,
        &b6,
        "右栏也结束了。",
    ]);
    // Trap: a kicker on a colon over the next row that opens no list
    // item (the next article's `长治高新区：` over its headline) ends
    // the band there.
    let kicker = rows("长治高新区：", &fill("左栏又一段落", 16));
    let out = run_pass(&Columns, &kicker);
    check(&[(input, expected)]);
    assert!(out.contains(&format!("{a3}\n{b1}\n")), "{out}");
}

#[test]
fn one_space_columns_of_articles_side_by_side_in_two_columns_each() {
    // pdfplumber: two articles side by side in two narrow columns each
    // (about 12 Han). Their headlines and subtitles are nearly as wide
    // as a column, so the band of seams opens with them: those rows go
    // before the first column of their own article, and the columns
    // start below. The second column's letter-spaced line (a justified
    // line spaced out to the column, measured narrower) reads as full:
    // the row above it gives that column its first line.
    let page = include_str!("testdata/side-by-side-four-columns-plumber.txt");
    let out = run_pass(&Columns, page);
    assert!(
        out.starts_with(concat!(
            "我国航天发射再创佳绩\n",
            "新一代运载火箭首飞成功\n",
            "本报讯（记者 马骏）11\n",
        )),
        "{out}"
    );
    assert!(
        out.contains(concat!(
            "级垂直回收能力。\n",
            "“这次首飞验证了火箭\n",
            "总 体 方 案 和 多 项 关 键 技\n",
        )),
        "{out}"
    );
    assert!(
        out.contains(concat!(
            "网卫星组网。\n",
            "A股三大指数集体收涨\n",
            "两市成交额突破1.2万亿元\n",
            "本报讯11月20日，A股三\n",
        )),
        "{out}"
    );
}

#[test]
fn one_space_columns_opening_with_a_first_line_beside_a_byline() {
    // pdfplumber: two articles side by side, a column each; the band
    // opens (after the headlines) with a row of the first article's first
    // line beside the second one's byline (`本报讯（记者 刘洋 通讯员 孙丽）眼
    // 本报记者何静`),
    // no mark of running text in either. The words of neither tell its
    // column, so it is no head: it stays in the band, and the first
    // line goes on in its column.
    let page = include_str!("testdata/side-by-side-byline-row-plumber.txt");
    let out = run_pass(&Columns, page);
    assert!(
        out.contains("本报讯（记者 刘洋 通讯员 孙丽）眼\n下正是春耕备耕的关键时期"),
        "{out}"
    );
}

#[test]
fn a_first_row_drifting_right_of_the_gutter() {
    // pypdf's layout mode places text by its character count: a first row
    // with wide spaces inside (a dateline's reporter set apart) reaches
    // into the gutter and its right part starts further right.
    let drifting = "本报讯（记者   韩冰）今天";
    // Trap: a row as wide without spaces inside reaches into the gutter by
    // its own text (a line across the columns): it stays above the band.
    let wider = "本报讯（记者韩冰）今天上午开";
    let case = |first: &str, expected_first: &[&str], expected_right: &[&str]| {
        let input = page(&[
            &[(2, first), (22, "右栏小标题")],
            &[(0, A2), (16, B1)],
            &[(0, A2), (16, B2)],
            &[(0, A3), (16, B3)],
        ]);
        let expected = [expected_first, &[A2, A2, A3], expected_right, &[B1, B2, B3]].concat();
        (input, lines(&expected))
    };
    check(&[
        case(drifting, &[&format!("  {drifting}")], &["      右栏小标题"]),
        case(wider, &[&format!("  {wider}      右栏小标题")], &[]),
    ]);
}

#[test]
fn a_row_reaching_into_the_gutters_probe_beside_the_band() {
    // PyMuPDF's sorted text: the band's first row has a left line one cell
    // longer than the others, ending right before the gutter, beside a
    // subheading set apart in the right column. It crosses only the
    // gutter's probe and is cut with the band (so are such rows below it).
    let reaching = "左栏第一段第二行的文字内容很长";
    let case = |first: &[(usize, &str)], expected_first: &[&str], expected_right: &[&str]| {
        let input = page(&[
            first,
            &[(0, A2), (16, B1)],
            &[(0, A2), (16, B2)],
            &[(0, A3), (16, B3)],
        ]);
        let expected = [expected_first, &[A2, A2, A3], expected_right, &[B1, B2, B3]].concat();
        (input, lines(&expected))
    };
    // Trap: a row as far apart whose left part is narrower than the
    // band's left lines (a headline across the columns, its words set
    // apart) stays above the band.
    let head = row(&[(10, "本报评论员"), (22, "右栏小标题")]);
    check(&[
        case(
            &[(0, reaching), (22, "右栏小标题")],
            &[reaching],
            &["      右栏小标题"],
        ),
        case(
            &[(10, "本报评论员"), (22, "右栏小标题")],
            &[head.as_str()],
            &[],
        ),
    ]);
}

#[test]
fn bands_of_one_grid_a_cell_apart_are_one_band() {
    // PyMuPDF's sorted text writes each line of a row after the one
    // before: on some rows the right column starts a cell early, the
    // rows whose left line is a cell longer reach into that gutter, and
    // the columns would come out in three stacks instead of one.
    let long = "左栏第一段第二行的文字内容长";
    let early = "右栏提前一格的文字内容";
    let rows: Vec<Vec<(usize, &str)>> = [B1, B2, B3, B1]
        .map(|b| vec![(0, long), (16, b)])
        .into_iter()
        .chain(std::iter::repeat_n(vec![(0, A2), (15, early)], 3))
        .chain([B1, B2, B3].map(|b| vec![(0, long), (16, b)]))
        .collect();
    let refs: Vec<&[(usize, &str)]> = rows.iter().map(|r| r.as_slice()).collect();
    let expected: Vec<String> = std::iter::repeat_n(long.to_string(), 4)
        .chain(std::iter::repeat_n(A2.to_string(), 3))
        .chain(std::iter::repeat_n(long.to_string(), 3))
        .chain([B1, B2, B3, B1].map(|b| format!(" {b}")))
        .chain(std::iter::repeat_n(early.to_string(), 3))
        .chain([B1, B2, B3].map(|b| format!(" {b}")))
        .collect();
    let expected: Vec<&str> = expected.iter().map(String::as_str).collect();
    check(&[(page(&refs), lines(&expected))]);
}
