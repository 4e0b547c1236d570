"""The sweep's second OCR extractor: RapidOCR (PaddleOCR's models run by
onnxruntime), the OCR most Chinese document pipelines use, with its text
boxes joined by line ends in the order it returns them, as its examples
and most pipelines do.

RapidOCR returns one box per printed line, sorted top to bottom and then
left to right, so a multi-column page comes out with its columns on
alternate lines: the left column's first line, the right column's first,
the left's second, … (`ocrclean`'s `columns` pass puts them back in
order). An extraction's expected text is the source's units laid over the
OCR's characters (`ocr.project`) after its lines are put in the source's
order, each line where its characters are found in the source
(`in_source_lines`): the order comes from the source, never from the tool.

RapidOCR needs numpy, opencv and onnxruntime (about 140 MB); it runs in a
virtual environment of its own (`RAPIDOCR_PYTHON`, default
`~/.cache/ocrclean/rapidocr/bin/python`, made by sweep.sh). Runs are
cached by the PDF's hash like Tesseract's.
"""
import difflib
import hashlib
import os
import subprocess

import ocr

PYTHON = os.environ.get("RAPIDOCR_PYTHON",
                        os.path.expanduser("~/.cache/ocrclean/rapidocr/bin/python"))
# Resolution of the page images.
DPI = 200
# Run inside the virtual environment: pages in, one text file per page out.
RUNNER = r"""
import os, subprocess, sys, tempfile
from rapidocr_onnxruntime import RapidOCR
engine = RapidOCR()
for pdf, out in zip(sys.argv[1::2], sys.argv[2::2]):
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["pdftoppm", "-r", "%d", "-png", "-singlefile", pdf,
                        os.path.join(tmp, "page")], check=True)
        result, _ = engine(os.path.join(tmp, "page.png"))
    with open(out + ".part", "w", encoding="utf-8") as f:
        f.write("\n".join(box[1] for box in (result or [])) + "\n")
    os.replace(out + ".part", out)
""" % DPI


# Set to use only cached runs (pages not yet read are left out).
CACHED_ONLY = bool(os.environ.get("RAPIDOCR_CACHED_ONLY"))


def available():
    return os.path.exists(PYTHON)


def cached_name(pdf, cache_dir):
    with open(pdf, "rb") as f:
        digest = hashlib.sha256(f.read()).hexdigest()[:20]
    return os.path.join(cache_dir, "rapidocr-%s.txt" % digest)


def run_all(pdfs, cache_dir):
    """RapidOCR on every PDF not yet cached (one process: its models load
    once)."""
    todo = [(pdf, cached_name(pdf, cache_dir)) for pdf in pdfs]
    todo = [t for t in todo if not os.path.exists(t[1])]
    if todo and available() and not CACHED_ONLY:
        args = [x for pair in todo for x in pair]
        subprocess.run([PYTHON, "-c", RUNNER] + args, check=True)


def extractor(cache_dir):
    def extract(pdf):
        if not available():
            return None
        run_all([pdf], cache_dir)
        if not os.path.exists(cached_name(pdf, cache_dir)):
            return None
        with open(cached_name(pdf, cache_dir), encoding="utf-8") as f:
            return f.read()
    return extract


def in_source_lines(units, text):
    """The lines of `text` in the source's order: each where the longest
    stretch it shares with the source starts, less its own offset."""
    source = "".join(c for u in units for c in u if not c.isspace())
    placed = []
    for k, line in enumerate(text.split("\n")):
        chars = "".join(c for c in line if not c.isspace())
        if not chars:
            continue
        at = source.find(chars)
        if at < 0:
            m = difflib.SequenceMatcher(None, source, chars, autojunk=False)
            block = m.find_longest_match(0, len(source), 0, len(chars))
            at = block.a - block.b if block.size >= 2 else None
        if at is None:
            return None
        placed.append((at, k, line))
    placed.sort()
    return "\n".join(line for _, _, line in placed)


def project(units, text):
    """The expected units of a RapidOCR extraction (module doc)."""
    ordered = in_source_lines(units, text)
    return None if ordered is None else ocr.project(units, ordered)
