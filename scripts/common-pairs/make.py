#!/usr/bin/env python3
"""Writes src/passes/columns/common_pairs.txt: the pairs of Han characters
that most often stand side by side inside a Chinese word, for the
`columns` pass's evidence that one line goes on in another
(interleaved.rs: a justified column breaks lines inside words).

Source: the word list of jieba 0.42.1 (`jieba/dict.txt`, MIT licence; about
349,000 words with their frequencies in a large general corpus). Every pair
of adjacent Han characters (U+4E00-U+9FFF) inside a word adds the word's
frequency; the TOP pairs by that sum are kept, and each is added in
Traditional characters too (OpenCC `s2t`). On the layout sweep's plain
pdftotext pages, 49% of the breaks inside a column that end no sentence
are such a pair, against 5% of breaks two lines apart.

Output: the pairs sorted by code point, one per line, each exactly six
bytes of UTF-8 (two three-byte characters), so the pass searches the file
as it is, with no parsing.

    pip download jieba==0.42.1 --no-deps -d /tmp/jieba && tar xzf ...
    pip install opencc-python-reimplemented==0.1.7
    python3 scripts/common-pairs/make.py /tmp/jieba/jieba-0.42.1/jieba/dict.txt
"""
import collections
import os
import sys

import opencc

TOP = 20000


def han(c):
    return "\u4e00" <= c <= "\u9fff"


def main():
    counts = collections.Counter()
    with open(sys.argv[1], encoding="utf-8") as f:
        for line in f:
            word, freq = line.split()[:2]
            for a, b in zip(word, word[1:]):
                if han(a) and han(b):
                    counts[a + b] += int(freq)
    top = [pair for pair, _ in counts.most_common(TOP)]
    s2t = opencc.OpenCC("s2t")
    pairs = set(top)
    for pair in top:
        traditional = s2t.convert(pair)
        if len(traditional) == 2 and all(han(c) for c in traditional):
            pairs.add(traditional)
    out = os.path.join(os.path.dirname(__file__), "..", "..", "src", "passes", "columns",
                       "common_pairs.txt")
    with open(out, "w", encoding="utf-8", newline="\n") as f:
        for pair in sorted(pairs):
            assert len(pair.encode("utf-8")) == 6
            f.write(pair + "\n")
    print("%d pairs (%d Simplified) in %s" % (len(pairs), len(top), out))


if __name__ == "__main__":
    main()
