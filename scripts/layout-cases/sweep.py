#!/usr/bin/env python3
"""A layout sweep: every source article typeset on pages of many shapes.

Not golden cases: a robustness check of the whole pipeline on layouts the
golden set does not have. Each article of articles.py is set in 1, 2 or 3
columns at several type sizes and page widths (columns of about 10 to 45
characters), above the next article (`STACKED`) and beside it (`SIDE`), extracted fourteen
ways (`extractors`: pdftotext in three modes, one with blank lines added,
and pdfminer.six, Tesseract OCR, PyMuPDF, pdfplumber and pypdf in two modes each, PDFium
and RapidOCR where installed), and written as <out>/<article>-<shape>[-<extractor>].raw.txt
with the source units as <...>.expected.txt (for OCR and PyMuPDF, the
units laid over the extraction's characters: ocr.py (and for PDFium), for RapidOCR after
its lines are put in the source's order: rapid.py; for pdfplumber, with
the spaces it wrote: make_cases.spaces_as_extracted). Then run `ocrclean eval <out>`.

    python3 scripts/layout-cases/sweep.py --out target/sweep
"""
import argparse
import dataclasses
import itertools
import multiprocessing
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import articles as A  # noqa: E402
import sweep_articles  # noqa: E402
import heldout_articles  # noqa: E402
import ocr  # noqa: E402
import rapid  # noqa: E402
from make_cases import (order_problems, pdfplumber, pdfplumber_layout,  # noqa: E402
                        spaces_as_extracted)
from typeset import Article, Page, Sub  # noqa: E402

SHAPES = [
    # (cols, page width, type size, gutter)
    (1, 300, 10.5, 0), (1, 400, 10.5, 0), (1, 500, 9.5, 0), (1, 595, 10, 0),
    (2, 440, 9.5, 14), (2, 595, 10.5, 18), (2, 595, 12, 18),
    (3, 595, 9.5, 14), (3, 595, 10.5, 16),
]
# Other page widths, type sizes and gutters (`--shapes other`, session 19):
# pages of shapes no rule was made from, to check that rules made on the
# shapes above hold on others.
OTHER_SHAPES = [
    (1, 460, 11, 0), (2, 520, 10, 16), (2, 595, 11, 20), (2, 640, 10, 16),
    (3, 595, 10, 15), (3, 680, 11, 18),
]
OTHER_STACKED = [(3, 2, 680, 10), (2, 2, 520, 10)]


def pdftotext(*flags):
    def extract(pdf):
        out = subprocess.run(["pdftotext", *flags, "-enc", "UTF-8", pdf, "-"],
                             check=True, capture_output=True)
        return out.stdout.decode("utf-8")
    return extract


def blank_after_lines(pdf):
    """Plain pdftotext with a blank line after every line, the way the
    extractor of shared/seeds/ writes pages."""
    text = pdftotext()(pdf)
    return "".join(line + "\n\n" for line in text.split("\n") if line.strip())


def pdfminer(pdf):
    """pdfminer.six's layout analysis (text boxes apart by blank lines), if
    installed (`pip install pdfminer.six`); else this extractor is skipped."""
    try:
        from pdfminer.high_level import extract_text
    except ImportError:
        return None
    return extract_text(pdf)


def pymupdf(pdf):
    """PyMuPDF's text (`page.get_text()`: its blocks in reading order, a
    line per printed line), if installed (`pip install pymupdf`); else this
    extractor is skipped."""
    try:
        import pymupdf as mupdf
    except ImportError:
        return None
    with mupdf.open(pdf) as doc:
        return "".join(page.get_text() for page in doc)


def pymupdf_sorted(pdf):
    """PyMuPDF's text in reading order by position (`page.get_text(sort=True)`,
    as PyMuPDF's documentation advises for multi-column pages): since 1.24
    the lines of a row side by side, each block at its place, the columns
    apart by as few as two spaces."""
    try:
        import pymupdf as mupdf
    except ImportError:
        return None
    with mupdf.open(pdf) as doc:
        return "".join(page.get_text(sort=True) for page in doc)


def pdfium(pdf):
    """PDFium's text (pypdfium2, which pdfplumber installs: `get_text_range`,
    as LangChain's and Docling's PDFium loaders read it): the characters in
    the order the page draws them, CRLF line ends, and a space wherever
    PDFium sees a gap, between the letters of a justified CJK line too."""
    try:
        import pypdfium2
    except ImportError:
        return None
    doc = pypdfium2.PdfDocument(pdf)
    try:
        return "".join(page.get_textpage().get_text_range() for page in doc)
    finally:
        doc.close()


def pypdf_text(layout):
    """pypdf's `extract_text()` (LangChain's `PyPDFLoader` reads pages so),
    if installed (`pip install pypdf`); with `layout`, its layout mode
    (`extraction_mode="layout"`: the page as a grid of characters, like
    `pdftotext -layout`, a headline's letters spread by their glyphs'
    widths). reportlab ends every string it draws with `T*` (to the next
    line), which pypdf writes as a line break, a letter per line; a
    typesetter moves between glyphs with `Tm`, `Td` or `TJ`: the page is
    read without those `T*`."""
    def extract(pdf):
        try:
            import pypdf
            from pypdf.generic import DecodedStreamObject
        except ImportError:
            return None
        writer = pypdf.PdfWriter(clone_from=pdf)
        texts = []
        for page in writer.pages:
            stream = DecodedStreamObject()
            stream.set_data(page.get_contents().get_data().replace(b" T* ET", b" ET"))
            page.replace_contents(stream)
            texts.append(page.extract_text(extraction_mode="layout") if layout
                         else page.extract_text())
        return "\n".join(texts) + "\n"
    return extract


def ocr_extractor(cache_dir, lang):
    """Tesseract on a 300 dpi image of the page (ocr.py), if installed."""
    def extract(pdf):
        return ocr.ocr(pdf, cache_dir, lang) if ocr.available() else None
    return extract


def in_source_order(units, text):
    """The units as expected of `text`; `None` where the extractor lost the
    reading order (pdfminer's boxes, plain pdftotext at some leadings):
    no fair input."""
    return None if order_problems(units, text) else units


def extractors(cache_dir, lang):
    """(file name suffix, extractor, expected units of an extraction)."""
    return [
        # `-layout` has the columns side by side, for the `columns` pass.
        ("", pdftotext("-layout"), lambda units, text: units),
        ("-plain", pdftotext(), in_source_order),
        ("-raw", pdftotext("-raw"), in_source_order),
        ("-blank", blank_after_lines, in_source_order),
        ("-pdfminer", pdfminer, in_source_order),
        # PyMuPDF writes only the spaces the PDF draws as glyphs: laid over
        # its characters like OCR (a space the page shows by a gap is lost).
        ("-pymupdf", pymupdf, ocr.project),
        # Side by side too, by position; only the spaces the PDF draws.
        ("-pymupdfsort", pymupdf_sorted, spaces_as_extracted),
        # Columns side by side like `-layout`, but one space between them.
        ("-plumber", pdfplumber, spaces_as_extracted),
        # Side by side again, the gutter moving with the letters before it.
        ("-plumberlayout", pdfplumber_layout, spaces_as_extracted),
        # Like PyMuPDF, with spaces inside letter-spaced lines: laid over.
        ("-pdfium", pdfium, ocr.project),
        # pypdf: plain lines, like PDFium; and its layout mode.
        ("-pypdf", pypdf_text(False), ocr.project),
        ("-pypdflayout", pypdf_text(True), spaces_as_extracted),
        # The expected text has the OCR's misreadings (ocr.project).
        ("-ocr", ocr_extractor(cache_dir, lang), ocr.project),
        # Columns on alternate lines; expected: the OCR's lines in the
        # source's order, then as `-ocr` (rapid.py).
        ("-rapid", rapid.extractor(cache_dir), rapid.project),
    ]


def articles(traditional, which="default"):
    """(name, article) of the set `which` (`default`: articles.py and
    sweep_articles.py; `heldout` … `heldout5`: the five sets
    of heldout_articles.py, written after the rules), in Traditional
    characters if `traditional`."""
    def default_articles():
        for name in dir(A):
            value = getattr(A, name)
            if isinstance(value, Article):
                yield name.lower(), value
        yield from sweep_articles.ARTICLES.items()
    chosen = {
        "heldout": lambda: heldout_articles.ARTICLES.items(),
        "heldout2": lambda: heldout_articles.ARTICLES_2.items(),
        "heldout3": lambda: heldout_articles.ARTICLES_3.items(),
        "heldout4": lambda: heldout_articles.ARTICLES_4.items(),
        "heldout5": lambda: heldout_articles.ARTICLES_5.items(),
    }.get(which, default_articles)()
    for name, art in chosen:
        yield (("hant_" + name, in_traditional(art)) if traditional else (name, art))


def in_traditional(art):
    """The article in Traditional characters (OpenCC `s2t`: 本報訊,
    據介紹，), as Taiwan and Hong Kong papers print it."""
    from opencc import OpenCC  # pip install opencc-python-reimplemented
    convert = OpenCC("s2t").convert

    def each(value):
        if isinstance(value, str):
            return convert(value)
        if isinstance(value, list):
            return [each(v) for v in value]
        if isinstance(value, Sub):
            return Sub(each(value.lines))
        return value
    return dataclasses.replace(art, **{f.name: each(getattr(art, f.name))
                                       for f in dataclasses.fields(art)})


# Two articles one above the other (the second under a headline of its own
# across the page, after the first one's last line): (columns of the
# first, columns of the second, page width, type size).
STACKED = [(3, 2, 595, 9.5), (2, 2, 440, 9.5), (1, 1, 400, 10.5)]


def build_stacked(first, second, cols_a, cols_b, width, fs, name):
    """`first` in `cols_a` columns, then `second` under its headline in
    `cols_b` columns: the article boundary in the middle of a page."""
    gutter = 14
    p = Page(name, width=width, margin=30, cols=cols_a, gutter=gutter, fs=fs)
    y = p.headline(first, main_size=min(20, fs * 2), kicker_size=min(13, fs * 1.3))
    frames = p.balanced(first, tuple(range(cols_a)), p.line_at(y))
    p.flow(first, frames)
    y = p.baseline(frames[0][2] + frames[0][3] - 1) + fs * 1.2
    q = Page(name + "-b", width=width, margin=30, cols=cols_b, gutter=gutter, fs=fs, top=p.top)
    y = q.headline(second, top=y, main_size=min(20, fs * 2), kicker_size=min(13, fs * 1.3))
    q.flow(second, q.balanced(second, tuple(range(cols_b)), q.line_at(y)))
    p.ops += q.ops
    p.units += q.units
    p.breaks += q.breaks
    p.bottom = max(p.bottom, q.bottom)
    return p


# Two articles side by side, each under its own headline over its own
# columns (the first in the left ones, read first): (columns of the page,
# columns of the first article, page width, type size).
SIDE = [(4, 2, 595, 9.5), (3, 1, 595, 9.5), (3, 2, 595, 9.5), (2, 1, 595, 10.5), (2, 1, 440, 9.5)]


def build_side(first, second, cols, split, width, fs, name):
    """`first` in the page's left `split` columns, `second` beside it in
    the rest, each balanced under its own headline: two articles that share
    the page's rows, their headlines on the same rows."""
    p = Page(name, width=width, margin=30, cols=cols, gutter=14, fs=fs)
    sizes = dict(main_size=min(18, fs * 1.8), kicker_size=min(12, fs * 1.2))
    y = p.headline(first, span=(0, split - 1), **sizes)
    p.flow(first, p.balanced(first, tuple(range(split)), p.line_at(y)))
    y = p.headline(second, span=(split, cols - 1), **sizes)
    p.flow(second, p.balanced(second, tuple(range(split, cols)), p.line_at(y)))
    return p


def build(art, cols, width, fs, gutter, name):
    p = Page(name, width=width, margin=30, cols=cols, gutter=gutter or 18, fs=fs)
    y = p.headline(art, main_size=min(20, fs * 2), kicker_size=min(13, fs * 1.3))
    p.flow(art, p.balanced(art, tuple(range(cols)), p.line_at(y)))
    return p


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[1])
    ap.add_argument("--out", required=True)
    ap.add_argument("--pdf-dir", default="/tmp/ocrclean-sweep")
    ap.add_argument("--traditional", action="store_true",
                    help="set the articles in Traditional characters (needs "
                    "opencc-python-reimplemented); pages are named `hant_…`")
    ap.add_argument("--articles", choices=["default", "heldout", "heldout2", "heldout3", "heldout4", "heldout5"], default="default",
                    help="which source articles: articles.py and sweep_articles.py "
                    "(default), or the held-out sets of heldout_articles.py")
    ap.add_argument("--shapes", choices=["default", "other"], default="default",
                    help="page shapes: SHAPES, STACKED and SIDE (default), or "
                    "OTHER_SHAPES and OTHER_STACKED (no pages side by side)")
    ap.add_argument("--only", nargs="+", metavar="EXTRACTOR",
                    help="only these extractors, by file name suffix without its "
                    "dash (`pdfium ocr`; `layout` for pdftotext -layout)")
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    os.makedirs(a.pdf_dir, exist_ok=True)
    pages = []
    all_articles = list(articles(a.traditional, a.articles))
    builds = []
    other = a.shapes == "other"
    shapes, stacked, side = (OTHER_SHAPES, OTHER_STACKED, []) if other else (SHAPES, STACKED, SIDE)
    for (aname, art), (cols, width, fs, gutter) in itertools.product(all_articles, shapes):
        name = "%s-c%d-w%d-f%s" % (aname, cols, width, str(fs).replace(".", "_"))
        builds.append((name, lambda art=art, cols=cols, width=width, fs=fs, gutter=gutter, name=name:
                       build(art, cols, width, fs, gutter, name)))
    # Each article stacked above the next one.
    pairs = zip(all_articles, all_articles[1:])
    for ((aname, first), (bname, second)), (ca, cb, width, fs) in itertools.product(pairs, stacked):
        name = "%s+%s-c%d-w%d-f%s" % (aname, bname, ca * 10 + cb, width, str(fs).replace(".", "_"))
        builds.append((name, lambda first=first, second=second, ca=ca, cb=cb, width=width, fs=fs,
                       name=name: build_stacked(first, second, ca, cb, width, fs, name)))
    # Each article beside the next one.
    pairs = zip(all_articles, all_articles[1:])
    for ((aname, first), (bname, second)), (cols, split, width, fs) in itertools.product(pairs, side):
        name = "%s=%s-c%d%d-w%d-f%s" % (aname, bname, cols, split, width, str(fs).replace(".", "_"))
        builds.append((name, lambda first=first, second=second, cols=cols, split=split, width=width,
                       fs=fs, name=name: build_side(first, second, cols, split, width, fs, name)))
    for name, make in builds:
        try:
            page = make()
        except Exception as e:  # an article that does not fit the shape
            print("skip %s: %s" % (name, e), file=sys.stderr)
            continue
        pdf = os.path.join(a.pdf_dir, name + ".pdf")
        page.render(pdf)
        pages.append((name, page.units, pdf))
    lang = "chi_tra" if a.traditional else "chi_sim"
    wanted = lambda suffix: not a.only or (suffix.lstrip("-") or "layout") in a.only  # noqa: E731
    if ocr.available() and wanted("-ocr"):
        # The slow extractor first, one page per core (its results cached).
        with multiprocessing.Pool() as pool:
            pool.starmap(ocr.ocr, [(pdf, a.pdf_dir, lang) for _, _, pdf in pages])
    if wanted("-rapid"):
        rapid.run_all([pdf for _, _, pdf in pages], a.pdf_dir)
    count = skipped = 0
    for name, units, pdf in pages:
        for suffix, extract, expect in extractors(a.pdf_dir, lang):
            if not wanted(suffix):
                continue
            text = extract(pdf)
            expected_units = expect(units, text) if text is not None else None
            if expected_units is None:
                skipped += 1
                continue
            expected = "\n".join(expected_units) + "\n"
            with open(os.path.join(a.out, name + suffix + ".raw.txt"), "w",
                      encoding="utf-8", newline="") as f:
                f.write(text)
            with open(os.path.join(a.out, name + suffix + ".expected.txt"), "w",
                      encoding="utf-8", newline="\n") as f:
                f.write(expected)
            count += 1
    print("%d cases in %s (%d extractions out of order left out)" % (count, a.out, skipped))


if __name__ == "__main__":
    main()
