#!/usr/bin/env python3
"""A layout sweep: every source article typeset on pages of many shapes.

Not golden cases: a robustness check of the whole pipeline on layouts the
golden set does not have. Each article of articles.py is set in 1, 2 or 3
columns at several type sizes and page widths (columns of about 10 to 45
characters), extracted with `pdftotext -layout` and plain `pdftotext`, and
written as <out>/<article>-<shape>[-plain].raw.txt with the source units as
<...>.expected.txt. Then run `ocrclean eval <out>`.

    python3 scripts/layout-cases/sweep.py --out target/sweep
"""
import argparse
import itertools
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import articles as A  # noqa: E402
from typeset import Article, Page  # noqa: E402

SHAPES = [
    # (cols, page width, type size, gutter)
    (1, 300, 10.5, 0), (1, 400, 10.5, 0), (1, 500, 9.5, 0), (1, 595, 10, 0),
    (2, 440, 9.5, 14), (2, 595, 10.5, 18), (2, 595, 12, 18),
    (3, 595, 9.5, 14), (3, 595, 10.5, 16),
]


def articles():
    for name in dir(A):
        value = getattr(A, name)
        if isinstance(value, Article):
            yield name.lower(), value


def build(art, cols, width, fs, gutter, name):
    p = Page(name, width=width, margin=30, cols=cols, gutter=gutter or 18, fs=fs)
    y = p.headline(art, main_size=min(20, fs * 2), kicker_size=min(13, fs * 1.3))
    p.flow(art, p.balanced(art, tuple(range(cols)), p.line_at(y)))
    return p


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[1])
    ap.add_argument("--out", required=True)
    ap.add_argument("--pdf-dir", default="/tmp/ocrclean-sweep")
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    os.makedirs(a.pdf_dir, exist_ok=True)
    count = 0
    for (aname, art), (cols, width, fs, gutter) in itertools.product(articles(), SHAPES):
        name = "%s-c%d-w%d-f%s" % (aname, cols, width, str(fs).replace(".", "_"))
        try:
            page = build(art, cols, width, fs, gutter, name)
        except Exception as e:  # an article that does not fit the shape
            print("skip %s: %s" % (name, e), file=sys.stderr)
            continue
        pdf = os.path.join(a.pdf_dir, name + ".pdf")
        page.render(pdf)
        expected = "\n".join(page.units) + "\n"
        for suffix, flags in (("", ["-layout"]), ("-plain", [])):
            raw = os.path.join(a.out, name + suffix + ".raw.txt")
            subprocess.run(["pdftotext", *flags, "-enc", "UTF-8", pdf, raw], check=True)
            with open(os.path.join(a.out, name + suffix + ".expected.txt"), "w",
                      encoding="utf-8", newline="\n") as f:
                f.write(expected)
            count += 1
    print("%d cases in %s" % (count, a.out))


if __name__ == "__main__":
    main()
