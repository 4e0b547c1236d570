"""Page layouts: one function per test case.

Each function builds a typeset.Page, places headlines, flows articles into
column frames and returns the page. The order of the calls is the reading
order, so page.units (the expected output) follows it.

`CASES` lists (name, layout, what it tests, builder, plain_pair); the table in
golden/layout/README.md is written from it (by hand, with more detail).
"""
import articles as A
from typeset import Page


def two_col():
    p = Page("two-col", width=595, margin=40, cols=2, gutter=18, fs=10.5)
    y = p.headline(A.SUIZHOU)
    p.flow(A.SUIZHOU, p.balanced(A.SUIZHOU, (0, 1), p.line_at(y)))
    return p


def two_col_narrow():
    # Smaller page, smaller type, gutter of about one character (10pt at 9.5pt).
    p = Page("two-col-narrow", width=440, margin=30, cols=2, gutter=10, fs=9.5)
    y = p.headline(A.GUANGZHOU, main_size=18, kicker_size=12)
    p.flow(A.GUANGZHOU, p.balanced(A.GUANGZHOU, (0, 1), p.line_at(y)))
    return p


def two_col_tight():
    # Gutter of 6pt at 10pt type: pdftotext -layout renders it as ONE space.
    p = Page("two-col-tight", width=520, margin=30, cols=2, gutter=6, fs=10)
    y = p.headline(A.XIANYANG, main_size=20)
    p.flow(A.XIANYANG, p.balanced(A.XIANYANG, (0, 1), p.line_at(y)))
    return p


def three_col(name="three-col", lead=None):
    p = Page(name, width=595, margin=36, cols=3, gutter=14, fs=9.5, lead=lead)
    y = p.headline(A.HUNAN)
    p.flow(A.HUNAN, p.balanced(A.HUNAN, (0, 1, 2), p.line_at(y)))
    return p


def three_col_ragged():
    # Columns 1 and 2 are full; the article ends early in column 3.
    p = Page("three-col-ragged", width=595, margin=36, cols=3, gutter=16, fs=10)
    y = p.headline(A.TIANJIN, main_size=20)
    k0 = p.line_at(y)
    total = p.balanced(A.TIANJIN, (0,), k0)[0][3]   # lines in one long column
    n = -(-total * 10 // 24)                          # columns 1-2 full, ~40% of column 3
    p.flow(A.TIANJIN, p.frames((0, 1, 2), k0, n))
    return p


def four_col():
    # Four narrow columns (13 characters), gutter of one character.
    p = Page("four-col", width=595, margin=30, cols=4, gutter=10, fs=9.5)
    y = p.headline(A.NANCHANG, main_size=20)
    p.flow(A.NANCHANG, p.balanced(A.NANCHANG, (0, 1, 2, 3), p.line_at(y)))
    return p


def span_headline():
    # Article A: headline over columns 1-2, body in columns 1-2.
    # Article B: its own two-line headline over column 3, body in column 3.
    # Both bodies sit on the same baseline grid but start on different lines.
    p = Page("span-headline", width=595, margin=36, cols=3, gutter=14, fs=9.5)
    ya = p.headline(A.WEIFANG, span=(0, 1), main_size=20)
    yb = p.headline(A.GUILIN, span=(2, 2), main_size=15)
    ka, kb = p.line_at(ya), p.line_at(yb)
    fa = p.balanced(A.WEIFANG, (0, 1), ka)
    bottom = ka + fa[0][3]
    fb = p.frames((2,), kb, bottom - kb)
    # Reading order: A's headline and body, then B's headline and body.
    units_a_head = p.units[:2]
    units_b_head = p.units[2:]
    p.units = list(units_a_head)
    p.flow(A.WEIFANG, fa)
    p.units += units_b_head
    p.flow(A.GUILIN, fb)
    return p


def stacked():
    # Two articles one above the other: A in three columns, then a full-width
    # headline, then B in two columns (the gutters move between the bands).
    p = Page("stacked", width=595, margin=36, cols=3, gutter=14, fs=9.5)
    y = p.headline(A.LHASA, main_size=20)
    fa = p.balanced(A.LHASA, (0, 1, 2), p.line_at(y))
    p.flow(A.LHASA, fa)
    y = p.baseline(fa[0][2] + fa[0][3] - 1) + p.fs * 1.2
    q = Page("stacked-b", width=595, margin=36, cols=2, gutter=18, fs=9.5, top=p.top)
    y = q.headline(A.BEIJING, top=y, main_size=20)
    fb = q.balanced(A.BEIJING, (0, 1), q.line_at(y))
    q.flow(A.BEIJING, fb)
    p.ops += q.ops
    p.units += q.units
    p.breaks += q.breaks
    p.bottom = max(p.bottom, q.bottom)
    return p


def column_gap():
    # Two columns with subheadings (a blank line above each) and a column
    # that ends early: lines where one column is empty.
    p = Page("column-gap", width=540, margin=36, cols=2, gutter=18, fs=10)
    y = p.headline(A.LESHAN, main_size=20)
    k0 = p.line_at(y)
    n = p.balanced(A.LESHAN, (0, 1), k0)[0][3]
    p.flow(A.LESHAN, p.frames((0, 1), k0, n + 4))
    return p


def caption_box():
    # Three columns; a photo box spans columns 2-3 at the foot of the page
    # with its caption and credit under it; column 1 runs the full height.
    p = Page("caption-box", width=595, margin=36, cols=3, gutter=14, fs=9.5)
    y = p.headline(A.CHANGZHI, main_size=20)
    k0 = p.line_at(y)
    box_lines = 11
    for n in range(box_lines + 4, 200):
        fr = [p.frames((0,), k0, n)[0]] + p.frames((1, 2), k0, n - box_lines)
        if p.flow(A.CHANGZHI, fr, dry=True):
            break
    p.flow(A.CHANGZHI, fr)
    x, w = p.span(1, 2)
    top = p.baseline(k0 + n - box_lines - 1) + p.fs * 0.9
    h = (box_lines - 3) * p.lead
    p.rect(x, top, w, h)
    yc = p.caption(A.CHANGZHI_CAPTION, (1, 2), top + h)
    p.credit(A.CHANGZHI_CREDIT, (1, 2), yc)
    return p


def offset_baselines():
    # Column 2 is set half a line lower than column 1 (off the common baseline
    # grid, as happens under a picture or a subheading with its own spacing).
    p = Page("offset-baselines", width=540, margin=36, cols=2, gutter=18, fs=10)
    y = p.headline(A.GUIYANG, main_size=18)
    k0 = p.line_at(y)
    fr = p.balanced(A.GUIYANG, (0, 1), k0)
    x, w, k, n, dy = fr[1]
    fr[1] = (x, w, k, n, p.lead * 0.5)
    p.flow(A.GUIYANG, fr)
    return p


def single_col():
    # No columns: one wide column; must be left alone by the columns pass.
    p = Page("single-col", width=500, margin=40, cols=1, fs=10.5)
    y = p.headline(A.XIAN, main_size=20)
    p.flow(A.XIAN, p.balanced(A.XIAN, (0,), p.line_at(y)))
    return p


def three_col_lead150():
    # The three-col page with leading 1.5 x the type size (14.25pt at 9.5pt).
    # Only for evidence: plain pdftotext scrambles its reading order.
    return three_col("three-col-lead150", lead=14.25)


# (name, layout, what it tests, builder, plain_pair)
# plain_pair False: the plain extraction is not a fair golden input (see
# golden/layout/README.md) and is written to unpaired/ without expected file.
CASES = [
    ("two-col", "2 columns, A4, 10.5pt, gutter 18pt",
     "basic two-column split; kicker + headline above both columns; a paragraph flowing from column 1 into column 2; end byline on a line of its own at the foot of column 2", two_col, True),
    ("two-col-narrow", "2 columns, small page, 9.5pt, gutter 10pt (~1 char)",
     "narrow gutter; paragraph continued across the column break; byline on a line of its own", two_col_narrow, True),
    ("two-col-tight", "2 columns, 10pt, gutter 6pt (0.6 char)",
     "gutter collapsed by pdftotext to a single space on most lines (hard case)", two_col_tight, False),
    ("three-col", "3 columns, 9.5pt, gutter 14pt",
     "three balanced columns; headline + subtitle; many numbers and % in the body", three_col, True),
    ("three-col-ragged", "3 columns, 10pt, gutter 16pt, last column short",
     "third column ends well above the others: the last lines hold only columns 1-2", three_col_ragged, True),
    ("four-col", "4 columns of 13 characters, 9.5pt, gutter 10pt",
     "four narrow columns; two-line headline; LED/2019年/3.8%; byline line", four_col, True),
    ("span-headline", "3 columns: article A (headline over cols 1-2) + article B (headline over col 3)",
     "two headlines side by side on the same output lines; column 3 body starts a line above columns 1-2; reading order A then B", span_headline, True),
    ("stacked", "article A in 3 columns, full-width headline, article B in 2 columns",
     "column positions change between two bands; a full-width headline line between them", stacked, True),
    ("column-gap", "2 columns, 10pt, subheadings, column 2 ends early",
     "lines where column 1 is blank (above a subheading) or column 2 is empty (after the article's end); byline above the body", column_gap, True),
    ("caption-box", "3 columns; photo box + caption + credit spanning columns 2-3 at the foot",
     "the 2|3 gutter disappears in the caption lines; caption and credit follow the article text", caption_box, True),
    ("offset-baselines", "2 columns, column 2 half a line below the grid",
     "pdftotext puts the two columns on alternate output lines instead of side by side", offset_baselines, True),
    ("single-col", "1 column, 10.5pt, 44 characters a line",
     "no columns: the columns pass must leave it alone (the byline gap is the only multi-space run)", single_col, True),
]

# Extra pages written only to unpaired/ (evidence, not golden pairs).
UNPAIRED = [
    ("three-col-lead150", three_col_lead150),
]
