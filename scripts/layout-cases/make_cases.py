#!/usr/bin/env python3
"""Build the ocrclean `columns` golden cases.

For every page in pages.CASES:
  1. typeset the page to PDF (pdf dir, default /tmp/ocrclean-layout-cases),
  2. extract it with `pdftotext -layout` -> <out>/<name>.raw.txt
     and with plain `pdftotext`       -> <out>/<name>-plain.raw.txt
     (byte for byte what pdftotext wrote, form feed included), and with
     pdfplumber's `extract_text()` if installed -> <out>/<name>-plumber.raw.txt
     (its expected text: the units with the spaces pdfplumber wrote),
  3. write <name>.expected.txt and <name>-plain.expected.txt from the source
     units (the structured articles are the ground truth),
  4. check: the expected units are in GOLDEN.md normal form; the non-space
     characters of each extraction are exactly those of the expected text
     (same multiset), and the plain extraction has the units in the same
     order; print the gutter widths seen in the layout extraction.
"""
import argparse
import collections
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pages  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_OUT = os.path.normpath(os.path.join(HERE, "..", "..", "golden", "layout"))

HAN = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
CJK_PUNCT = "\u3000-\u303f\uff00-\uffef“”‘’—…·"
CJK = "[" + HAN + CJK_PUNCT + "]"


def check_unit(u):
    """Return a list of reasons why u is not in GOLDEN.md output form."""
    bad = []
    if u != u.strip() or not u:
        bad.append("leading/trailing space or empty")
    if re.search(r"\s\s|[\t\u3000\u00a0]", u):
        bad.append("whitespace run / tab / ideographic space")
    if re.search(r"[" + CJK_PUNCT + "] | [" + CJK_PUNCT + "]", u):
        bad.append("space next to CJK punctuation")
    if re.search(CJK + r" [A-Za-z0-9]|[A-Za-z0-9] " + CJK, u):
        bad.append("space between CJK and Latin/digit")
    if re.search(CJK + r" ?[,:;?!()]|[,:;?!()] ?" + CJK, u):
        bad.append("ASCII punctuation in Chinese text")
    if re.search(r"[Ａ-Ｚａ-ｚ０-９]", u):
        bad.append("full-width ASCII letter/digit")
    return bad


def chars(s):
    return collections.Counter(c for c in s if not c.isspace())


def gutters(raw):
    """Widths of the space runs between two pieces of text on one line."""
    runs = collections.Counter()
    for line in raw.split("\n"):
        for m in re.finditer(r"(?<=\S)( {2,})(?=\S)", line):
            runs[len(m.group(1))] += 1
    return runs


def column_starts(raw):
    """Character (code point) indices where text resumes after a run of two or
    more spaces, with counts: the column starts as pdftotext laid them out."""
    c = collections.Counter()
    for line in raw.split("\n"):
        for m in re.finditer(r"(?<=\S) {2,}(\S)", line):
            c[m.start(1)] += 1
    return c


def run(cmd):
    subprocess.run(cmd, check=True)


def extract(pdf, lay, plain):
    run(["pdftotext", "-layout", "-enc", "UTF-8", pdf, lay])
    run(["pdftotext", "-enc", "UTF-8", pdf, plain])


def pdfplumber(pdf):
    """pdfplumber's `extract_text()` (its default, word gaps as one space),
    if installed (`pip install pdfplumber`); else this extractor is skipped.
    It writes a row of the page as one line, the columns side by side with
    a single space between them (no gutter)."""
    try:
        import pdfplumber as plumber
    except ImportError:
        return None
    with plumber.open(pdf) as doc:
        return "\n".join(page.extract_text() for page in doc.pages) + "\n"


def pdfplumber_layout(pdf):
    """pdfplumber's `extract_text(layout=True)`, if installed: the page as
    a grid of characters like `pdftotext -layout`, but a CJK letter takes
    one column of the grid where its width takes about one and a half, so
    the gutter between two columns moves with the letters before it; blank
    lines where the rows' baselines leave a gap, and every line padded with
    spaces to the page's width."""
    try:
        import pdfplumber as plumber
    except ImportError:
        return None
    with plumber.open(pdf) as doc:
        return "\n".join(page.extract_text(layout=True) for page in doc.pages) + "\n"


def spaces_as_extracted(units, text):
    """The units with a space between two characters only where `text`
    has it: an extractor that writes gaps as spaces by a threshold
    (pdfplumber) loses the narrow ones (`记者 赵磊`). Told by the three
    characters on either side (spaces between them ignored), so it works
    with the columns of `text` side by side; kept where `text` has the
    characters apart (a line end between them)."""
    def pattern(chars):
        return " ?".join(re.escape(c) for c in chars)

    out = []
    for unit in units:
        solid = [(i, c) for i, c in enumerate(unit) if c != " "]
        kept = []
        for k, (i, c) in enumerate(solid):
            if k > 0 and solid[k - 1][0] < i - 1:
                before = "".join(c for _, c in solid[max(0, k - 3):k])
                after = "".join(c for _, c in solid[k:k + 3])
                if (re.search(pattern(before) + " " + pattern(after), text)
                        or not re.search(pattern(before) + pattern(after), text)):
                    kept.append(" ")
            kept.append(c)
        out.append("".join(kept))
    return out


def order_problems(units, text):
    """Units of `text` (an extraction) that are not found in source order."""
    flat = re.sub(r"\s", "", text)
    pos = 0
    bad = []
    for u in units:
        i = flat.find(re.sub(r"\s", "", u)[:12], pos)
        if i < 0:
            bad.append(u[:20])
        else:
            pos = i + 1
    return bad


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[1])
    ap.add_argument("--out", default=DEFAULT_OUT, help="golden/layout directory")
    ap.add_argument("--pdf-dir", default="/tmp/ocrclean-layout-cases",
                    help="where the PDFs (and --png renders) go; not committed")
    ap.add_argument("--png", action="store_true", help="also render PNGs with pdftoppm")
    ap.add_argument("only", nargs="*", help="case names (default: all)")
    a = ap.parse_args()
    unpaired_dir = os.path.join(a.out, "unpaired")
    for d in (a.out, a.pdf_dir, unpaired_dir):
        os.makedirs(d, exist_ok=True)
    failed = False
    for name, layout, tests, build, plain_pair in pages.CASES:
        if a.only and name not in a.only:
            continue
        page = build()
        assert page.name == name, (page.name, name)
        pdf = os.path.join(a.pdf_dir, name + ".pdf")
        page.render(pdf)
        lay = os.path.join(a.out, name + ".raw.txt")
        plain = os.path.join(a.out if plain_pair else unpaired_dir, name + "-plain.raw.txt")
        extract(pdf, lay, plain)
        # pdfplumber puts the columns side by side with one space between.
        plumber_text = pdfplumber(pdf)
        if plumber_text is not None:
            with open(os.path.join(a.out, name + "-plumber.raw.txt"), "w",
                      encoding="utf-8", newline="") as f:
                f.write(plumber_text)
            with open(os.path.join(a.out, name + "-plumber.expected.txt"), "w",
                      encoding="utf-8", newline="\n") as f:
                f.write("\n".join(spaces_as_extracted(page.units, plumber_text)) + "\n")
        if a.png:
            run(["pdftoppm", "-r", "110", "-png", "-singlefile", pdf,
                 os.path.join(a.pdf_dir, name)])
        expected = "\n".join(page.units) + "\n"
        for suffix in ("", "-plain") if plain_pair else ("",):
            with open(os.path.join(a.out, name + suffix + ".expected.txt"), "w",
                      encoding="utf-8", newline="\n") as f:
                f.write(expected)

        problems = []
        for u in page.units:
            for why in check_unit(u):
                problems.append("unit not clean (%s): %s" % (why, u[:30]))
        want = chars(expected)
        for path in (lay, plain):
            got = chars(open(path, encoding="utf-8").read())
            if got != want:
                problems.append("%s: characters differ: missing %s extra %s" % (
                    os.path.basename(path), dict(want - got), dict(got - want)))
        plain_text = open(plain, encoding="utf-8").read()
        bad = order_problems(page.units, plain_text)
        if plain_pair:
            problems += ["plain extraction out of source order at: " + b for b in bad]
        raw = open(lay, encoding="utf-8").read()
        g = gutters(raw)
        print("%-17s %2d units, pdf %3d KB, %2d layout lines, frames end %s" % (
            name, len(page.units), os.path.getsize(pdf) // 1024, raw.count("\n"),
            ",".join(page.breaks)))
        print("    space runs (width x count): %s" % (
            " ".join("%dx%d" % (w, n) for w, n in sorted(g.items())) or "none"))
        print("    text resumes at char index: %s" % (
            " ".join("%d:%d" % (i, n) for i, n in sorted(column_starts(raw).items())) or "none"))
        if not plain_pair:
            print("    plain extraction (unpaired): %d units out of order" % len(bad))
        for pr in problems:
            print("    PROBLEM", pr)
            failed = True
    for name, build in pages.UNPAIRED:
        if a.only and name not in a.only:
            continue
        page = build()
        pdf = os.path.join(a.pdf_dir, name + ".pdf")
        page.render(pdf)
        lay = os.path.join(unpaired_dir, name + ".raw.txt")
        plain = os.path.join(unpaired_dir, name + "-plain.raw.txt")
        extract(pdf, lay, plain)
        bad = order_problems(page.units, open(plain, encoding="utf-8").read())
        print("%-17s unpaired evidence: plain extraction has %d of %d units out of order" % (
            name, len(bad), len(page.units)))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
