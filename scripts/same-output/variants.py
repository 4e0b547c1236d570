#!/usr/bin/env python3
"""Writes deterministic variants of every golden raw file (and the open
regression inputs) into OUT_DIR: the inputs on which two builds must agree
byte for byte when a change is meant not to change any output (speed work).

    scripts/same-output/variants.py OUT_DIR
"""
import pathlib
import random
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]


def sources():
    files = sorted(ROOT.glob("golden/**/*.raw.txt"))
    files += sorted((ROOT / "tests/regressions").rglob("*.txt"))
    for path in files:
        try:
            yield path, path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue  # the legacy-encoding cases: the raw bytes are copied below


def variants(text, rng, other):
    lines = text.split("\n")
    half = len(lines) // 2
    yield "asis", text
    yield "noblank", "\n".join(l for l in lines if l.strip())
    yield "crlf", text.replace("\n", "\r\n")
    yield "head", "\n".join(lines[:half])
    yield "tail", "\n".join(lines[half:])
    yield "cat", text + "\n" + other
    yield "trim", "\n".join(l.strip() for l in lines)
    yield "indent", "\n".join(("  " + l if rng.random() < 0.3 else l) for l in lines)
    yield "cut", "\n".join(l[: max(1, len(l) * 3 // 5)] if rng.random() < 0.5 else l for l in lines)
    chars = list(text)
    for _ in range(max(1, len(chars) // 100)):
        i = rng.randrange(len(chars)) if chars else 0
        op = rng.random()
        if not chars:
            break
        if op < 0.4:
            del chars[i]
        elif op < 0.7:
            chars.insert(i, rng.choice(",.:;?!()“”。，、 \n\u3000\t"))
        else:
            chars.insert(i, chars[i])
    yield "mutate", "".join(chars)
    doubled = [l + l if l.strip() and rng.random() < 0.15 else l for l in lines]
    yield "double", "\n".join(doubled)
    blocks = [lines[i : i + 7] for i in range(0, len(lines), 7)]
    rng.shuffle(blocks)
    yield "shuffle", "\n".join(l for b in blocks for l in b)


def main():
    out = pathlib.Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(20261121)
    texts = list(sources())
    for n, (path, text) in enumerate(texts):
        other = texts[(n * 7 + 3) % len(texts)][1]
        stem = f"{n:03}_{path.name.removesuffix('.txt')}"
        for name, variant in variants(text, rng, other):
            (out / f"{stem}.{name}.txt").write_text(variant, encoding="utf-8")
    for path in sorted(ROOT.glob("golden/**/*.raw.txt")):
        try:
            path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            (out / f"legacy_{path.name}").write_bytes(path.read_bytes())


if __name__ == "__main__":
    main()
