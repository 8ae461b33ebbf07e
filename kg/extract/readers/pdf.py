"""PDF: the text layer of a document laid out like a UN document, read with pypdfium2 (PDFium).

Characters come with their baseline, size and font; they are grouped into lines, and the lines of each page
into running heads and feet (dropped), footnotes (the small lines at the bottom) and body lines.  Body lines
become blocks (a larger gap, a new printed number, a heading's bold or larger type start one), lines are
joined (words split by a hyphen at a line end are joined when the document does not write them with a
hyphen elsewhere), raised small characters become footnote marks, and each page's footnotes follow the
block that is open when the page ends.  See docs/decisions/readers.md for why PDFium.
"""

from __future__ import annotations

import ctypes
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from kg.core.errors import InputError
from kg.extract.readers import Reading
from kg.extract.readers.layout import CJK_OR_FULLWIDTH, head_foot_re, join_lines, mark_text

SMALL = 0.92  # a footnote line's type is this much smaller than the body's, or more
SUP_SIZE = 0.8  # a footnote mark is smaller than its line by this factor and raised
BAND = 0.12  # running heads and feet sit in this fraction of the page height at the top and bottom


@dataclass
class Char:
    ch: str
    x: float
    right: float
    y: float
    size: float
    bold: bool


@dataclass
class Line:
    """A line of a page: its characters left to right and its baseline."""

    y: float
    chars: list[Char] = field(default_factory=list)
    size: float = 0.0
    bold: bool = False
    text: str = ""
    x0: float = 0.0
    x1: float = 0.0

    def finish(self, marks: bool = True) -> Line:
        """Sort the characters, read the line's size and boldness, write its text with marks."""
        self.chars.sort(key=lambda c: c.x)
        sizes = Counter(round(c.size, 1) for c in self.chars if not c.ch.isspace())
        self.size = sizes.most_common(1)[0][0] if sizes else 0.0
        letters = [c for c in self.chars if not c.ch.isspace() and not self.is_mark(c)]
        self.bold = bool(letters) and sum(c.bold for c in letters) * 2 > len(letters)
        self.x0 = min((c.x for c in self.chars if not c.ch.isspace()), default=0.0)
        self.x1 = max((c.right for c in self.chars if not c.ch.isspace()), default=0.0)
        self.text = self._text() if marks else "".join(c.ch for c in self.chars)
        return self

    def is_mark(self, c: Char) -> bool:
        """A raised character in smaller type: a footnote mark."""
        return c.size <= self.size * SUP_SIZE and c.y > self.y + 0.15 * self.size

    def _text(self) -> str:
        out: list[str] = []
        run: list[str] = []
        prev: Char | None = None
        for c in self.chars:
            if self.is_mark(c):
                run.append(c.ch)
                prev = c
                continue
            if run:
                out.append(mark_text("".join(run).strip()))
                run = []
            if prev is not None and not c.ch.isspace() and out and not out[-1].endswith(" "):
                wide = CJK_OR_FULLWIDTH.match(c.ch) or CJK_OR_FULLWIDTH.match(prev.ch)
                if c.x - prev.right > (0.8 if wide else 0.22) * max(c.size, 1.0):
                    out.append(" ")
            out.append(c.ch)
            prev = c
        if run:
            out.append(mark_text("".join(run).strip()))
        return re.sub(r"[ \t\u00a0]+", " ", "".join(out)).strip()


def _chars(textpage, raw) -> list[Char]:
    """The characters of a page with their origin, size and font (generated line breaks left out)."""
    n = textpage.count_chars()
    out = []
    x, y = ctypes.c_double(), ctypes.c_double()
    left, right, bottom, top = ctypes.c_double(), ctypes.c_double(), ctypes.c_double(), ctypes.c_double()
    name = ctypes.create_string_buffer(128)
    flags = ctypes.c_int()
    fonts: dict[bytes, bool] = {}
    for i in range(n):
        code = raw.FPDFText_GetUnicode(textpage.raw, i)
        if code in (0, 0xFFFE, 0xFFFF, 10, 13):
            continue
        ch = "-" if code == 2 else chr(code)  # PDFium reports a hyphen at a line end as U+0002
        if 0xFB00 <= code <= 0xFB06:
            ch = unicodedata.normalize("NFKC", ch)  # ligatures: ﬁ → fi
        raw.FPDFText_GetCharOrigin(textpage.raw, i, x, y)
        raw.FPDFText_GetCharBox(textpage.raw, i, left, right, bottom, top)
        size = raw.FPDFText_GetFontSize(textpage.raw, i)
        raw.FPDFText_GetFontInfo(textpage.raw, i, name, 128, flags)
        font = name.value
        if font not in fonts:
            fonts[font] = bool(re.search(rb"bold|heavy|black|hei\b", font, re.IGNORECASE))
        bold = fonts[font] or raw.FPDFText_GetFontWeight(textpage.raw, i) >= 600
        if ch.isspace():
            ch = " "
        out.append(Char(ch, x.value, max(right.value, x.value), y.value, size, bold))
    return out


def _lines(chars: list[Char]) -> list[Line]:
    """Group characters into lines by baseline; raised small characters join the line below them."""
    lines: list[Line] = []
    for c in sorted(chars, key=lambda c: (-round(c.y, 1), c.x)):
        if lines and abs(lines[-1].y - c.y) <= 0.25 * max(c.size, 1.0):
            lines[-1].chars.append(c)
        else:
            lines.append(Line(c.y, [c]))
    merged: list[Line] = []
    for k, line in enumerate(lines):
        big = max(c.size for c in line.chars)
        below = lines[k + 1] if k + 1 < len(lines) else None
        if below is not None:
            size = max(c.size for c in below.chars)
            text = "".join(c.ch for c in line.chars).strip()
            if big <= size * SUP_SIZE and 0 < line.y - below.y < 0.7 * size and len(text) <= 12:
                below.chars.extend(line.chars)
                continue
        merged.append(line)
    return [line.finish() for line in merged if any(not c.ch.isspace() for c in line.chars)]


@dataclass
class Page:
    height: float
    body: list[Line]
    notes: list[Line]
    dropped: list[Line]


def _open(path: Path, data: bytes):
    import pypdfium2 as pdfium

    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        message = str(exc)
        if "password" in message.lower():
            raise InputError(f"{path}: encrypted PDF (needs a password); save an unprotected copy and build that") from None
        raise InputError(f"{path}: not a readable PDF ({message.rstrip('.')}); the file may be damaged or truncated") from None


def read_pdf(path: Path, data: bytes) -> Reading:
    """Read a PDF's text layer into blocks: paragraphs, headings and footnotes, without running heads and feet."""
    from pypdfium2 import raw

    pdf = _open(path, data)
    try:
        pages_lines: list[tuple[float, list[Line]]] = []
        for i in range(len(pdf)):
            page = pdf[i]
            textpage = page.get_textpage()
            pages_lines.append((page.get_height(), _lines(_chars(textpage, raw))))
            textpage.close()
            page.close()
    finally:
        pdf.close()
    if not any(lines for _, lines in pages_lines):
        raise InputError(f"{path}: PDF without a text layer (a scan?); run OCR on it first (e.g. ocrmypdf) and build the result")
    pages = _classify(pages_lines)
    text = _assemble(pages)
    if not text.strip():
        raise InputError(f"{path}: PDF holds no text outside running heads and page numbers")
    return Reading(text, "pdf")  # the Info dictionary's title is too often a file name to be trusted


def _body_size(pages_lines) -> float:
    """The size of the body text: the most common size over all characters."""
    sizes = Counter()
    for _, lines in pages_lines:
        for line in lines:
            sizes[line.size] += len(line.text)
    return sizes.most_common(1)[0][0] if sizes else 10.0


def _shape(text: str) -> str:
    return re.sub(r"\d+", "#", text.strip())


def _classify(pages_lines) -> list[Page]:
    """Split each page's lines into running heads/feet, footnotes and body."""
    body_size = _body_size(pages_lines)
    recurring: Counter = Counter()
    for height, lines in pages_lines:
        seen = {_shape(line.text) for line in lines if line.y > height * (1 - BAND) or line.y < height * BAND}
        recurring.update(seen)
    many = max(2, (len(pages_lines) + 1) // 2)
    pages = []
    for number, (height, lines) in enumerate(pages_lines, start=1):
        keep, dropped = [], []
        for line in lines:
            in_band = (line.y > height * (1 - BAND) and number > 1) or line.y < height * BAND  # page 1's top is its masthead
            repeated = len(pages_lines) > 1 and recurring[_shape(line.text)] >= many
            head_foot = head_foot_re().fullmatch(line.text) and (line.y < height * BAND or number > 1)
            (dropped if in_band and (repeated or head_foot) else keep).append(line)
        notes: list[Line] = []
        while keep and keep[-1].size and keep[-1].size <= body_size * SMALL and keep[-1].y < height * 0.5:
            notes.insert(0, keep.pop())
        pages.append(Page(height, keep, notes, dropped))
    return pages


PARAGRAPH_START_RE = re.compile(r"^\d{1,3}[.．]\s")
NUMBER_START_RE = re.compile(r"^(?:\d{1,3}[.．]\s|\((?:[a-z]{1,2}|[ivx]+|\d{1,2})\)\s|[•·▪–-]\s)")
SENTENCE_END_RE = re.compile(r"[.;:。；：!?！？]$|[.;:。；：][”’\"')）]$")


def _pitch(pages: list[Page]) -> float:
    """The usual distance between the baselines of consecutive body lines."""
    gaps = Counter(round((a.y - b.y) * 2) / 2 for p in pages for a, b in zip(p.body, p.body[1:]) if 0 < a.y - b.y < 3 * max(a.size, 1))
    if not gaps:
        return 12.0
    enough = max(2, 0.1 * sum(gaps.values()))
    return min((g for g, n in gaps.items() if n >= enough), default=gaps.most_common(1)[0][0])


def _assemble(pages: list[Page]) -> str:
    """Blocks of the whole document, footnotes after the block open at the end of their page."""
    pitch = _pitch(pages)
    body_size = _body_size([(p.height, p.body) for p in pages])
    width = max((line.x1 for p in pages for line in p.body), default=0.0)
    left = min((line.x0 for p in pages for line in p.body), default=0.0)
    blocks: list[list[Line]] = []
    pending: list[str] = []
    out: list[str] = []

    def heading(line: Line) -> bool:
        return (line.bold or line.size >= body_size * 1.08) and len(line.text) <= 200

    def close(notes_now: bool = True) -> None:
        """End the open block; a page's footnotes follow it unless the next block still belongs to its
        paragraph (sub-paragraphs "(a)", unnumbered continuations): then they wait for the next paragraph."""
        if blocks:
            lines = blocks.pop()
            out.append(("## " if heading(lines[0]) else "") + join_lines([line.text for line in lines]))
        if notes_now:
            out.extend(pending)
            pending.clear()

    prev: Line | None = None
    for page in pages:
        for k, line in enumerate(page.body):
            new = True
            if prev is not None and blocks:
                same_style = heading(line) == heading(prev) and abs(line.size - prev.size) < 0.5
                starts = bool(NUMBER_START_RE.match(line.text)) and not heading(line)
                if k == 0:  # first line of a page: a paragraph that ran on from the page before?
                    full = prev.x1 >= left + 0.85 * (width - left)
                    new = not (same_style and full and not starts)
                else:
                    gap = prev.y - line.y
                    new = gap > 1.3 * pitch or not same_style or (starts and SENTENCE_END_RE.search(prev.text) is not None)
            if new:
                close(notes_now=heading(line) or PARAGRAPH_START_RE.match(line.text) is not None)
                blocks.append([line])
            else:
                blocks[-1].append(line)
            prev = line
        notes = _notes(page.notes)
        if blocks:
            pending.extend(notes)
        else:
            out.extend(notes)
    close()
    return _dehyphenate("\n\n".join(out)) + "\n"


def _notes(lines: list[Line]) -> list[str]:
    """Footnotes of a page: a line starting with a raised mark starts one, as does a plain number that follows
    the page's last footnote number (a continuation line may start with a number too); other lines continue."""
    notes: list[list[str]] = []
    last = None
    for line in lines:
        m = re.match(r"^(?:<sup>(\d+)</sup>|((?:\\\*)+)|(\d{1,3})(?=\s))\s*", line.text)
        starts = bool(m) and (m.group(3) is None or not notes or last is None or int(m.group(3)) == last + 1)
        if starts or not notes:
            number = (m.group(1) or m.group(3)) if m and starts else None
            mark = f"<sup>{number}</sup>" if number else (m.group(2) if m and starts else "")
            if number:
                last = int(number)
            notes.append([f"{mark} {line.text[m.end():] if m and starts else line.text}".strip()])
        else:
            notes[-1].append(line.text)
    return [join_lines(n) for n in notes]


WORD_RE = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)*")
SPLIT_RE = re.compile(r"([A-Za-z]+)-\u200b([a-z]+)")


def _dehyphenate(text: str) -> str:
    """Join words split at a line end (marked by join_lines): joined unless the document writes them with a hyphen."""
    if "\u200b" not in text:
        return text
    base = text.replace("-\u200b", "\0")  # the split halves as separate words: what the rest of the text says
    vocabulary = Counter(w.lower() for w in WORD_RE.findall(base))
    hyphenated = Counter(w.lower() for w in WORD_RE.findall(base) if "-" in w)

    def join(m: re.Match) -> str:
        head, tail = m.group(1), m.group(2)
        if hyphenated[f"{head}-{tail}".lower()] and not vocabulary[(head + tail).lower()]:
            return f"{head}-{tail}"
        return head + tail

    return SPLIT_RE.sub(join, text).replace("\u200b", "")
