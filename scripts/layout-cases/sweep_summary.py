#!/usr/bin/env python3
"""Summarise a layout sweep: `ocrclean eval DIR --format json` of sweep.py's
output, as exact lines and perfect cases per column count (stacked pages of
two articles as one group, and pages of two articles side by side as
another) and extractor.

    python3 scripts/layout-cases/sweep_summary.py REPORT.json [WORST]

WORST lists that many of the cases with the most lines missed.
"""
import collections
import json
import re
import sys

NAME = re.compile(r"([a-z_+=]+)-c(\d+)-w(\d+)-f([\d_]+)(-[a-z]+)?$")


def main():
    report = json.load(open(sys.argv[1], encoding="utf-8"))
    worst = int(sys.argv[2]) if len(sys.argv) > 2 else 0
    # (columns, extractor) -> [exact lines, lines, cases, perfect cases]
    groups = collections.defaultdict(lambda: [0, 0, 0, 0])
    misses = []
    for case in report["cases"]:
        final = case["stages"][-1]
        name = case["name"].rsplit("/", 1)[-1]
        m = NAME.match(name)
        if not m:
            continue
        exact, lines = final["lines_exact_count"], final["lines"]
        # Stacked pages (`a+b-c32-…`: two articles) make one group, and so
        # do pages of two articles side by side (`a=b-c42-…`).
        columns = "stacked" if "+" in m.group(1) else "side" if "=" in m.group(1) else "c" + m.group(2)
        group = groups[(columns, (m.group(5) or "-layout")[1:])]
        for i, n in enumerate((exact, lines, 1, exact == lines)):
            group[i] += n
        misses.append((lines - exact, name, exact, lines))
    row = "%-7s %-9s %5d/%5d exact lines (%5.1f%%)  %4d/%4d cases perfect"
    for (cols, extractor), (exact, lines, cases, perfect) in sorted(groups.items()):
        print(row % (cols, extractor, exact, lines, 100 * exact / lines, perfect, cases))
    exact, lines, cases, perfect = (sum(g[i] for g in groups.values()) for i in range(4))
    print(row % ("all", "", exact, lines, 100 * exact / max(lines, 1), perfect, cases))
    total = report["total"]["stages"][-1]
    print("total CER %.3f%%, line-break F1 %.2f%%" % (100 * total["cer"], 100 * total["break_f1"]))
    for missed, name, exact, lines in sorted(misses, reverse=True)[:worst]:
        print("  %2d missed  %s (%d/%d)" % (missed, name, exact, lines))


if __name__ == "__main__":
    main()
