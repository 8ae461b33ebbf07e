"""Split a document's text into paragraphs with their printed numbers and spans, and pieces short enough for spaCy.

Offsets count Unicode code points in the document text (see kg.extract.ingest).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.extract.header import HEADER_BLOCKS, is_header_line
from kg.extract.markup import readable

# Paragraphs longer than this are read by the extractor in pieces cut at sentence ends (see bounded_segments):
# spaCy refuses texts over nlp.max_length (10^6) and its time grows faster than the length.
SEGMENT_LIMIT = 20_000
SENTENCE_END_RE = re.compile(r"[。！？；!?;]|[.](?=\s)")

HEADING_MD_RE = re.compile(r"^#{1,6}\s+")
BOLD_LINE_RE = re.compile(r"^\*\*[^*].*\*\*\s*$")
# Plain-text section headings: "I. Introduction", "A. Countering ...", "一. 引言", "三、..."
HEADING_PLAIN_RE = re.compile(r"^(?:[IVXLC]+|[A-Z]|[一二三四五六七八九十]+)[.、．]\s*\S")
NUMBERED_RE = re.compile(r"^(\d{1,3})[.．](?!\d)\s*")
LINE_NUMBER_RE = re.compile(r"\n(\d{1,3})[.．](?!\d)\s")
SUBPARA_RE = re.compile(r"^\((?:[a-z]{1,2}|[ivx]+|\d{1,2})\)\s")
FOOTNOTE_DEF_RE = re.compile(r"^(?:<sup>\s*(\d+)\s*</sup>|\[\^(\w+)\]:|(\\?\*(?:\\?\*)*)\s)")
FOOTNOTE_MARK_RE = re.compile(r"<sup>\s*(\d+)\s*</sup>|\[\^(\w+)\](?!:)")
STAR_MARK_RE = re.compile(r"(?:\\\*)+|\*+")


@dataclass(frozen=True)
class Paragraph:
    """One block of a document: numbered paragraph, front matter, heading or footnote."""

    kind: str  # "numbered", "front", "text", "heading", "footnote"
    order: int
    start: int
    end: int
    text: str
    number: str | None = None
    footnote_of: int | None = None  # order of the paragraph that carries the mark

    @property
    def local_id(self) -> str:
        """Stable local name of the paragraph inside its document."""
        if self.kind == "numbered":
            return f"p{self.number}"
        if self.kind == "footnote":
            return f"fn{self.order}"
        return {"front": "front", "heading": "h", "text": "t"}[self.kind] + str(self.order)



def _blocks(text: str):
    """Yield (start, end) of blank-line separated blocks; a Markdown heading line is a block of its own."""
    for match in re.finditer(r"[^\n]+(?:\n[ \t]*[^\s][^\n]*)*", text):
        block = match.group(0)
        if not block.strip():
            continue
        pieces = [(0, len(block))]
        if "\n#" in block:
            cuts = sorted({0, len(block)} | {m.start() + 1 for m in re.finditer(r"\n(?=#{1,6}\s)", block)}
                          | {m.end() for m in re.finditer(r"^#{1,6}\s[^\n]*\n", block, re.M)})
            pieces = list(zip(cuts, cuts[1:]))
        for a, b in pieces:
            piece = block[a:b]
            if piece.strip():
                lead = len(piece) - len(piece.lstrip())
                yield match.start() + a + lead, match.start() + a + len(piece.rstrip())


def _is_heading(block: str) -> bool:
    first = block.split("\n", 1)[0]
    if HEADING_MD_RE.match(first) or BOLD_LINE_RE.match(block.strip()):
        return True
    return "\n" not in block and len(block) <= 120 and bool(HEADING_PLAIN_RE.match(block)) and not block.rstrip().endswith(("。", ";", "；"))


def _next_number(last: int, number: int, block: str) -> bool:
    """Is *number* the next printed paragraph number?  An excerpt may start anywhere, with a real paragraph."""
    if last == 0 and number > 5:
        return len(block) >= 40 and number < 1000
    return last < number <= last + 5


def segment(text: str, masked: str) -> list[Paragraph]:
    """Split a document into paragraphs; footnotes attach to the paragraph with their mark."""
    raw: list[dict] = []
    last_number = 0
    for start, end in _numbered_lines_apart(text, _blocks(text)):
        block = text[start:end]
        fn = FOOTNOTE_DEF_RE.match(block)
        num = NUMBERED_RE.match(block)
        if fn:
            mark = fn.group(1) or fn.group(2) or fn.group(3).replace("\\", "")
            raw.append({"kind": "footnote", "start": start, "end": end, "number": mark})
        elif _is_heading(block):
            raw.append({"kind": "heading", "start": start, "end": end})
        elif num and _next_number(last_number, int(num.group(1)), block):
            last_number = int(num.group(1))
            raw.append({"kind": "numbered", "start": start, "end": end, "number": num.group(1)})
        elif raw and raw[-1]["kind"] == "numbered":
            raw[-1]["end"] = end  # sub-paragraphs (a), (b) and wrapped continuations
        elif last_number == 0:
            raw.append({"kind": "front", "start": start, "end": end})
        else:
            raw.append({"kind": "text", "start": start, "end": end})
    _front_only_where_a_header_is(text, raw, numbered=last_number > 0)
    paragraphs: list[Paragraph] = []
    for order, item in enumerate(raw, start=1):
        footnote_of = None
        if item["kind"] == "footnote":
            footnote_of = _mark_owner(text, raw[: order - 1], item["number"])
        paragraphs.append(
            Paragraph(
                kind=item["kind"],
                order=order,
                start=item["start"],
                end=item["end"],
                text=readable(text[item["start"]: item["end"]]),
                number=item.get("number"),
                footnote_of=footnote_of,
            )
        )
    return paragraphs


def _numbered_lines_apart(text: str, blocks):
    """Split a block where a line starts with the paragraph number that follows the block's own
    ("1. Decides …" then "2. Requests …" with no blank line between them)."""
    last = 0
    for start, end in blocks:
        while True:
            head = NUMBERED_RE.match(text[start:end])
            own = int(head.group(1)) if head else None
            expected = (own if own is not None and _next_number(last, own, text[start:end]) else last) + 1
            split = next((m.start() + 1 for m in LINE_NUMBER_RE.finditer(text, start, end) if int(m.group(1)) == expected), None)
            if own is not None and _next_number(last, own, text[start:end]):
                last = own
            if split is None:
                yield start, end
                break
            yield start, split - 1
            start = split


def _front_only_where_a_header_is(text: str, raw: list[dict], numbered: bool) -> None:
    """Keep blocks typed front matter only in a document that has a header (session, agenda, date line or its
    symbol alone on a line): before the first numbered paragraph, or, without numbered paragraphs, up to the
    last header line among the first blocks.  Elsewhere unnumbered blocks are paragraphs, in their order."""
    fronts = [i for i, item in enumerate(raw) if item["kind"] == "front"]
    if not fronts:
        return
    cues = [i for i in fronts[:HEADER_BLOCKS] if is_header_line(text[raw[i]["start"]: raw[i]["end"]])]
    if numbered and cues:
        return
    last = cues[-1] if cues and not numbered else -1
    for i in fronts:
        if i > last:
            raw[i]["kind"] = "text"


def _mark_owner(text: str, before: list[dict], mark: str) -> int | None:
    """Order of the nearest earlier non-footnote block that carries footnote *mark*."""
    for order in range(len(before), 0, -1):
        item = before[order - 1]
        if item["kind"] == "footnote":
            continue
        block = text[item["start"]: item["end"]]
        if mark.isalnum():
            if any((m.group(1) or m.group(2)) == mark for m in FOOTNOTE_MARK_RE.finditer(block)):
                return order
        elif any(m.group(0).replace("\\", "") == mark for m in STAR_MARK_RE.finditer(block)):
            return order
    return None


def find_title(paragraphs: list[Paragraph]) -> str:
    """Guess the title: the block before "Report of …"/"…的报告" in the front matter, else the first heading."""
    front = []
    for p in paragraphs:
        if p.kind == "numbered":
            break
        if p.kind in ("heading", "front") and len(p.text) <= 200:
            front.append(p)
    is_report = re.compile(r"^(?:Report of|Note by)\b|报告$|的说明$")
    for prev, cur in zip(front, front[1:]):
        if is_report.search(cur.text) and not is_report.search(prev.text):
            return prev.text
    headings = [p for p in front if p.kind == "heading"]
    if headings:
        return headings[0].text
    return paragraphs[0].text.split("\n", 1)[0][:200] if paragraphs else ""


def bounded_segments(text: str, start: int, end: int, limit: int | None = None):
    """Yield (start, end) pieces of text[start:end], each at most *limit* characters, cut after a sentence end
    where there is one (else after white space, else anywhere), so any paragraph can go through spaCy."""
    limit = limit or SEGMENT_LIMIT
    while end - start > limit:
        window = text[start: start + limit]
        cut = 0
        for m in SENTENCE_END_RE.finditer(window, limit // 2):
            cut = m.end()
        if not cut:
            space = max(window.rfind(" "), window.rfind("\n"))
            cut = space + 1 if space > limit // 2 else limit
        yield start, start + cut
        start += cut
    if end > start:
        yield start, end
