"""A tiny newspaper typesetter for the ocrclean `columns` test pages.

It draws every glyph at an explicit position with reportlab, so the PDF looks
like a real page to pdftotext: a headline block, body text on a common
baseline grid in N justified columns, first-line indents of two characters,
kinsoku line breaking, subheadings, bylines, a photo box with a caption.

While drawing it records the units that a careful editor would write for the
page (GOLDEN.md shape rules): headline lines, paragraphs (one per unit, even
when a paragraph flows from one column into the next), subheadings,
captions, bylines, in reading order. That list is the expected output; it
comes from the source data, never from an extraction.

Coordinates: internally top-down points (y grows downwards); converted to
PDF coordinates when the page is rendered.
"""
import re
from dataclasses import dataclass, field

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

SONG_PATH = "/usr/share/fonts/truetype/arphic/uming.ttc"   # AR PL UMing CN (index 0), Ming/Song style
HEI_PATH = "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"  # WenQuanYi Zen Hei (index 0), sans

SONG = "Song"
HEI = "Hei"
ASCENT = 0.88  # em fraction from the top of a line box to the baseline

_cmaps = {}


def register_fonts():
    for name, path in ((SONG, SONG_PATH), (HEI, HEI_PATH)):
        if name not in _cmaps:
            f = TTFont(name, path, subfontIndex=0)
            pdfmetrics.registerFont(f)
            _cmaps[name] = f.face.charToGlyph


def font_for(ch, font):
    """Fall back to Hei for a character that the Song font lacks (e.g. ▶)."""
    if ord(ch) in _cmaps[font]:
        return font
    if ord(ch) in _cmaps[HEI]:
        return HEI
    raise ValueError("no font has %r (U+%04X)" % (ch, ord(ch)))


def width(tok, font, size):
    return sum(pdfmetrics.stringWidth(c, font_for(c, font), size) for c in tok)


# Kinsoku: characters that may not start / end a printed line.
NO_START = set("，。、；：？！”’）》」』】〉…—·%‰,.;:?!)]}")
NO_END = set("“‘（《「『【〈([{")

_TOKEN = re.compile(r"[\x21-\x7e]+| |.", re.S)


def tokenize(text):
    """A run of printable ASCII (a number, a Latin word) is one unbreakable
    token; every other character is a token of its own."""
    return _TOKEN.findall(text)


def break_line(toks, i, avail, font, size):
    """Return j so that toks[i:j] is the next printed line."""
    w = 0.0
    j = i
    while j < len(toks):
        tw = width(toks[j], font, size)
        if w + tw > avail + 1e-6:
            break
        w += tw
        j += 1
    if j == i:
        raise ValueError("token wider than the column: %r" % toks[i])
    if j == len(toks):
        return j
    # Pull characters down to the next line until neither kinsoku rule nor a
    # space is at the break (a space is never a break point here, so the
    # source text can be rejoined exactly).
    while j > i + 1 and (toks[j] in NO_START or toks[j - 1] in NO_END
                         or toks[j] == " " or toks[j - 1] == " "):
        j -= 1
    return j


@dataclass
class Article:
    headline: list            # main headline lines (each its own unit)
    body: list                # paragraphs (str) and subheadings (Sub)
    kicker: list = field(default_factory=list)    # 引题 lines above the headline
    subtitle: list = field(default_factory=list)  # 副题 lines below the headline
    byline_top: str = None    # e.g. "▶ 本报记者 叶伟", printed above the body
    byline_end: str = None    # e.g. "郭海洲 何伟", printed after the last sentence
    byline_inline: bool = True  # byline_end on the last text line when it fits


@dataclass
class Sub:
    """A subheading inside the body (小标题). Each line is its own unit."""
    lines: list


class Page:
    def __init__(self, name, width=595, margin=36, cols=2, gutter=18,
                 fs=10.0, lead=None, top=None):
        register_fonts()
        self.name = name
        self.W = width
        self.margin = margin
        self.cols = cols
        self.gutter = gutter
        self.fs = fs
        # Leading 1.45 x type size: at 1.5 x or more plain pdftotext (no
        # -layout) breaks each column into 1-3 line blocks and interleaves them.
        self.lead = lead or round(fs * 1.45, 2)
        self.top = margin if top is None else top
        self.colw = (width - 2 * margin - (cols - 1) * gutter) / cols
        self.ops = []      # ("text", font, size, x, baseline_y, s) / ("rect", x, y, w, h, grey)
        self.units = []    # expected units, in reading order
        self.bottom = self.top
        self.breaks = []   # how each flowed frame ends (see flow())

    # ---- geometry -------------------------------------------------------
    def col_x(self, i):
        return self.margin + i * (self.colw + self.gutter)

    def span(self, a, b):
        """x and width of the area from column a to column b (inclusive)."""
        return self.col_x(a), self.col_x(b) + self.colw - self.col_x(a)

    def baseline(self, k, origin=None):
        """Baseline of body grid line k (the grid starts at the page top
        margin unless an origin is given)."""
        o = self.top if origin is None else origin
        return o + self.fs * ASCENT + k * self.lead

    def line_at(self, y):
        """First grid line whose line box starts at or below y."""
        k = 0
        while self.baseline(k) - self.fs * ASCENT < y - 1e-6:
            k += 1
        return k

    # ---- drawing primitives --------------------------------------------
    def _text(self, font, size, x, y, s):
        self.ops.append(("text", font, size, x, y, s))
        self.bottom = max(self.bottom, y + size * 0.15)

    def _draw_tokens(self, toks, x, y, avail, font, size, justify, tracking=0.0):
        """Draw tokens from x; justified lines spread the slack evenly over
        the gaps between tokens."""
        ws = [width(t, font, size) for t in toks]
        gap = tracking
        if justify and len(toks) > 1:
            gap = (avail - sum(ws)) / (len(toks) - 1)
        for t, w in zip(toks, ws):
            if t != " ":
                if len(t) == 1:
                    self._text(font_for(t, font), size, x, y, t)
                else:  # an ASCII run, drawn as one string
                    self._text(font, size, x, y, t)
            x += w + gap
        return x - gap

    def rect(self, x, y, w, h, grey=0.82):
        self.ops.append(("rect", x, y, w, h, grey))
        self.bottom = max(self.bottom, y + h)

    # ---- blocks ----------------------------------------------------------
    def headline(self, art, span=None, top=None, main_size=22, kicker_size=13,
                 sub_size=14, align="center", gap=None):
        """Draw the kicker/headline/subtitle lines of an article centred (or
        left-aligned) over the columns of `span`. Returns the y below it."""
        a, b = span if span else (0, self.cols - 1)
        x0, w = self.span(a, b)
        y = self.top if top is None else top
        for lines, size, track in ((art.kicker, kicker_size, 0.05),
                                   (art.headline, main_size, 0.08),
                                   (art.subtitle, sub_size, 0.05)):
            for text in lines:
                toks = tokenize(text)
                tw = width(text, HEI, size) + track * size * (len(toks) - 1)
                if tw > w:
                    raise ValueError("headline too wide: " + text)
                x = x0 + (w - tw) / 2 if align == "center" else x0
                y += size * 1.25
                self._draw_tokens(toks, x, y, tw, HEI, size, False, track * size)
                y += size * 0.2
                self.units.append(text)
        return y + (self.fs * 1.2 if gap is None else gap)

    def frames(self, cols, k0, n):
        """Equal frames: one per column in `cols`, starting at grid line k0,
        n lines tall. Each frame is (x, width, first_line, n_lines, dy); dy
        shifts a frame off the common baseline grid (0 = on the grid)."""
        return [(self.col_x(c), self.colw, k0, n, 0.0) for c in cols]

    def balanced(self, art, cols, k0):
        """The shortest equal-height frames in `cols` that hold the article."""
        for n in range(1, 400):
            fr = self.frames(cols, k0, n)
            if self.flow(art, fr, dry=True):
                return fr
        raise ValueError("article does not fit")

    def flow(self, art, frames, dry=False, origin=None):
        """Flow the byline/paragraphs/subheadings of `art` through `frames`
        line by line. Returns False (dry run) if the text does not fit."""
        slots = [(x, w, self.baseline(k, origin) + dy)
                 for (x, w, k0, n, dy) in frames for k in range(k0, k0 + n)]
        frame_of = [fi for fi, fr in enumerate(frames) for _ in range(fr[3])]
        pos = 0
        units = []
        fs = self.fs
        ends = {}  # slot index -> True where a paragraph/heading ended on it

        def at_frame_top(p):
            return p == 0 or frame_of[p] != frame_of[p - 1]

        def lines_left_in_frame(p):
            return sum(1 for q in range(p, len(slots)) if frame_of[q] == frame_of[p])

        def need(p):
            if p >= len(slots):
                raise IndexError
            return slots[p]

        try:
            if art.byline_top:
                x, w, k = need(pos)
                if not dry:
                    self._draw_tokens(tokenize(art.byline_top), x, k,
                                      w, HEI, fs, False)
                units.append(art.byline_top)
                ends[pos] = True
                pos += 1
            for item in art.body:
                if isinstance(item, Sub):
                    if not at_frame_top(pos):
                        pos += 1  # one blank line above a subheading
                    need(pos)
                    if lines_left_in_frame(pos) < len(item.lines) + 1:
                        pos += lines_left_in_frame(pos)  # no heading at a column foot
                    for text in item.lines:
                        x, w, k = need(pos)
                        tw = width(text, HEI, fs)
                        if not dry:
                            self._draw_tokens(tokenize(text), x + (w - tw) / 2,
                                              k, tw, HEI, fs, False)
                        units.append(text)
                        ends[pos] = True
                        pos += 1
                    continue
                toks = tokenize(item)
                i = 0
                first = True
                while i < len(toks):
                    x, w, k = need(pos)
                    ind = 2 * fs if first else 0
                    j = break_line(toks, i, w - ind, SONG, fs)
                    last = j >= len(toks)
                    if not dry:
                        self._draw_tokens(toks[i:j], x + ind, k,
                                          w - ind, SONG, fs, not last)
                    if last:
                        last_line = (toks[i:j], x + ind, w - ind, k)
                    i = j
                    first = False
                    ends[pos] = last
                    pos += 1
                units.append(item)
            if art.byline_end:
                bw = width(art.byline_end, HEI, fs)
                lt, lx, lw, lk = last_line
                if art.byline_inline and width("".join(lt), SONG, fs) + 2 * fs + bw <= lw:
                    x, w, k = lx, lw, lk       # right-aligned on the last text line
                else:
                    x, w, k = need(pos)        # right-aligned on a line of its own
                    ends[pos] = True
                    pos += 1
                if not dry:
                    self._draw_tokens(tokenize(art.byline_end), x + w - bw,
                                      k, bw, HEI, fs, False)
                units.append(art.byline_end)
        except IndexError:
            if dry:
                return False
            raise ValueError("%s: text does not fit the frames" % self.name)
        if not dry:
            self.units.extend(units)
            # How each frame ends: "mid" = a paragraph runs on into the next
            # frame, "end" = a unit ends on the frame's last line, "short:N" =
            # the frame has N empty lines at its foot.
            for fi, fr in enumerate(frames):
                idx = [q for q in range(len(slots)) if frame_of[q] == fi]
                used = [q for q in idx if q < pos]
                if len(used) < len(idx):
                    self.breaks.append("short:%d" % (len(idx) - len(used)))
                else:
                    self.breaks.append("end" if ends.get(idx[-1]) else "mid")
        return True

    def caption(self, text, span, top, size=8.5):
        """A photo caption/credit under a box, justified over `span`, in Hei."""
        a, b = span
        x, w = self.span(a, b)
        toks = tokenize(text)
        i = 0
        y = top
        while i < len(toks):
            j = break_line(toks, i, w, HEI, size)
            y += size * 1.35
            self._draw_tokens(toks[i:j], x, y, w, HEI, size, j < len(toks))
            i = j
        self.units.append(text)
        return y + size * 0.4

    def credit(self, text, span, top, size=8.5):
        """A photo credit such as 图片来源：…, right-aligned under a caption."""
        a, b = span
        x, w = self.span(a, b)
        tw = width(text, HEI, size)
        y = top + size * 1.35
        self._draw_tokens(tokenize(text), x + w - tw, y, tw, HEI, size, False)
        self.units.append(text)
        return y + size * 0.4

    # ---- output ----------------------------------------------------------
    def render(self, path):
        H = round(self.bottom + self.margin)
        c = canvas.Canvas(path, pagesize=(self.W, H), invariant=1)
        c.setTitle(self.name)
        for op in self.ops:
            if op[0] == "text":
                _, font, size, x, y, s = op
                c.setFont(font, size)
                c.drawString(x, H - y, s)
            else:
                _, x, y, w, h, grey = op
                c.setFillGray(grey)
                c.setStrokeGray(0.4)
                c.rect(x, H - y - h, w, h, stroke=1, fill=1)
                c.setFillGray(0)
        c.showPage()
        c.save()
        return H
