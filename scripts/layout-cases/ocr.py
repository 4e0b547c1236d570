"""The sweep's OCR extractor: a page rendered to an image and read back by
Tesseract (chi_sim), as a scanned page is.

OCR misreads characters (`支持` as `文持`, `—` as `一`, `（` as `(`), and
GOLDEN.md forbids spelling fixes: the editor keeps what the input says. So
an OCR page's expected text is not the source but the source's units laid
over the OCR's own characters (`project`): the units' boundaries come from
the source, the characters from the OCR, aligned by difflib. What the sweep
then measures on these pages is what the tool does with their lines and
blank lines (rejoining, paragraph ends, headlines, spacing), not the OCR's
misreadings.

Tesseract runs are cached by the PDF's hash (about a second a page), so a
second sweep costs nothing.
"""
import difflib
import hashlib
import os
import shutil
import subprocess
import tempfile

# Resolution of the page images: a good scan.
DPI = 300


def available():
    return shutil.which("tesseract") is not None and shutil.which("pdftoppm") is not None


def ocr(pdf, cache_dir, lang="chi_sim"):
    """Tesseract's text of the one-page `pdf` read with the model `lang`
    (`chi_sim`, or `chi_tra` for Traditional characters), cached in
    `cache_dir`."""
    with open(pdf, "rb") as f:
        digest = hashlib.sha256(f.read()).hexdigest()[:20]
    name = "ocr-%s.txt" % digest if lang == "chi_sim" else "ocr-%s-%s.txt" % (lang, digest)
    cached = os.path.join(cache_dir, name)
    if not os.path.exists(cached):
        with tempfile.TemporaryDirectory() as tmp:
            image = os.path.join(tmp, "page")
            subprocess.run(["pdftoppm", "-r", str(DPI), "-gray", "-png", "-singlefile",
                            pdf, image], check=True)
            # One thread: the sweep runs pages side by side, and Tesseract's
            # own threads only fight over the cores.
            env = dict(os.environ, OMP_THREAD_LIMIT="1")
            subprocess.run(["tesseract", image + ".png", os.path.join(tmp, "out"),
                            "-l", lang], check=True, capture_output=True, env=env)
            os.replace(os.path.join(tmp, "out.txt"), cached)
    with open(cached, encoding="utf-8") as f:
        return f.read()


# Rule 7's ASCII punctuation and its full-width forms.
WIDE = dict(zip(",:;?!()", "，：；？！（）"))


def is_cjk(c):
    """Han or CJK/full-width punctuation, as rule 7 counts them."""
    o = ord(c)
    return (0x3000 <= o <= 0x303F or 0x3400 <= o <= 0x9FFF or 0xFF00 <= o <= 0xFFEF
            or c in "“”‘’—…·")


def normalise(chars):
    """Rules 1 and 7 over one unit's characters (spaces as " "): full-width
    ASCII letters and digits become ASCII; ASCII punctuation next to CJK
    (spaces ignored) becomes full-width."""
    out = []
    for c in chars:
        if "０" <= c <= "９" or "Ａ" <= c <= "Ｚ" or "ａ" <= c <= "ｚ":
            c = chr(ord(c) - 0xFEE0)
        out.append(c)
    solid = [i for i, c in enumerate(out) if c != " "]
    for k, i in enumerate(solid):
        if out[i] in WIDE:
            around = [out[solid[j]] for j in (k - 1, k + 1) if 0 <= j < len(solid)]
            if any(is_cjk(c) for c in around):
                out[i] = WIDE[out[i]]
    # Rule 6's spaces next to CJK punctuation go too (a space here always
    # stands between two characters).
    text = "".join(out)
    return "".join(c for i, c in enumerate(text)
                   if c != " " or not (is_punct(text[i - 1]) or is_punct(text[i + 1])))


# Fewest single CJK characters set apart by spaces that make a line
# letter-spaced (rule 6), when they are most of its words.
LETTER_SPACED = 6


def without_letter_spacing(line):
    """`line` without its spaces next to CJK characters where it is
    letter-spaced (rule 6: a justified line that PDFium or the OCR read with
    a gap between every two characters, `为 提 高 学 习 的 参 与 度`): most
    of its words are single CJK characters. Otherwise `line` as it is."""
    words = line.split()
    singles = sum(1 for w in words if len(w) == 1 and is_cjk(w))
    if singles < LETTER_SPACED or 3 * singles < 2 * len(words):
        return line
    out = words[0]
    for word in words[1:]:
        out += word if is_cjk(out[-1]) or is_cjk(word[0]) else " " + word
    return out


def is_punct(c):
    return is_cjk(c) and not (0x3400 <= ord(c) <= 0x9FFF)


def solid(text):
    """The characters of `text` other than whitespace, and for each whether
    whitespace comes right before it."""
    chars, spaces = [], []
    space = False
    for c in text:
        if c.isspace():
            space = True
            continue
        chars.append(c)
        spaces.append(space)
        space = False
    return chars, spaces


def project(units, text):
    """The units laid over the characters of `text` (an OCR of the page
    they were set on): each unit becomes the OCR characters aligned with
    its own, in the OCR's order. A space stays where both the unit and the
    OCR have one; a unit the OCR lost entirely is left out. `None` where
    the OCR lost more than a line's worth in one place (a block read out of
    order or dropped): no fair case."""
    src, src_space, unit_of = [], [], []
    for u, unit in enumerate(units):
        chars, spaces = solid(unit)
        src += chars
        src_space += spaces
        unit_of += [u] * len(chars)
    got, got_space = [], []
    for line in text.split("\n"):
        # Leading spaces and a line end are no space inside a unit.
        chars, spaces = solid(without_letter_spacing(line.strip()))
        got += chars
        got_space += spaces
    matcher = difflib.SequenceMatcher(None, src, got, autojunk=False)
    opcodes = matcher.get_opcodes()
    if out_of_order(src, got, opcodes):
        return None
    # The source character each OCR character stands for.
    source_of = [None] * len(got)
    for op, i1, i2, j1, j2 in opcodes:
        for j in range(j1, j2):
            if op in ("equal", "replace"):
                source_of[j] = i1 + (j - j1) * (i2 - i1) // (j2 - j1)
            else:  # read by the OCR, not in the source: with the character before
                source_of[j] = max(i1 - 1, 0)
    lines = [[] for _ in units]
    for j, c in enumerate(got):
        i = source_of[j]
        unit = lines[unit_of[i]]
        if unit and got_space[j] and (src_space[i] or kept_space(unit[-1], c)):
            unit.append(" ")
        unit.append(c)
    return [normalise(unit) for unit in lines if unit]


# Most characters one place in the alignment may lose or add: more is a
# block lost or read out of order.
MAX_LOST = 12
# Fewest characters that, lost in one place and read in another, show a
# block (a kicker, a caption) read out of order.
MOVED = 4


def out_of_order(src, got, opcodes):
    """Whether the OCR lost a line's worth in one place, or read a block
    out of order: no fair case."""
    lost, added = [], []
    for op, i1, i2, j1, j2 in opcodes:
        if op == "equal":
            continue
        if max(i2 - i1, j2 - j1) > MAX_LOST:
            return True
        lost.append("".join(src[i1:i2]))
        added.append("".join(got[j1:j2]))
    return any(difflib.SequenceMatcher(None, a, b, autojunk=False)
               .find_longest_match(0, len(a), 0, len(b)).size >= MOVED
               for a in lost if len(a) >= MOVED for b in added if len(b) >= MOVED)


def kept_space(before, after):
    """Whether rule 6 keeps a space the OCR read between two characters
    the source has none between: between two Han, or two Latin letters or
    digits (an editor keeps what the input says)."""
    han = lambda c: 0x3400 <= ord(c) <= 0x9FFF  # noqa: E731
    latin = lambda c: c.isascii() and c.isalnum()  # noqa: E731
    return (han(before) and han(after)) or (latin(before) and latin(after))
