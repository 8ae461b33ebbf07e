"""Read documents and split them into paragraphs with their printed numbers and spans.

Offsets count Unicode code points in the document text after two normalisations
(a leading byte-order mark is dropped, CRLF/CR become LF); they are the same in
the source, the readable ``masked`` text the extractor reads, and the graph.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from kg.core.errors import InputError
from kg.core.files import why_missing
from kg.extract.readers import SUFFIXES, read_bytes

log = logging.getLogger(__name__)

DOCUMENT_SUFFIXES = tuple(SUFFIXES)
# Paragraphs longer than this are read by the extractor in pieces cut at sentence ends (see bounded_segments):
# spaCy refuses texts over nlp.max_length (10^6) and its time grows faster than the length.
SEGMENT_LIMIT = 20_000
SENTENCE_END_RE = re.compile(r"[。！？；!?;]|[.](?=\s)")

# A UN document symbol: an upper-case series then slash-separated parts, one with a digit
# (E/CN.7/2022/1, A/RES/76/181, CTOC/COP/2020/10, E/CN.7/2021/CRP.13).
SYMBOL_RE = re.compile(r"(?<![\w./])[A-Z]{1,6}(?:/[A-Za-z0-9.]*[A-Za-z0-9])+")

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
# Markup the extractor must not read; replaced by spaces of the same length.
MASK_RES = (
    re.compile(r"<sup>\s*\d+\s*</sup>"),
    re.compile(r"\[\^\w+\]:?"),
    re.compile(r"</?[a-zA-Z][^<>]{0,40}>"),
    re.compile(r"\\(?=[\\`*_{}\[\]()#+\-.!|])"),
    re.compile(r"^#{1,6}(?=\s)", re.M),
    re.compile(r"\*\*|__"),
    re.compile(r"\]\([^)\s]*\)"),
    re.compile(r"(?<![\w\]])\[(?=[^\]\n]*\]\()"),
)

CJK_RE = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
LATIN_RE = re.compile(r"[A-Za-z]")


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


@dataclass
class Document:
    """A source document, its text and its paragraphs."""

    name: str
    text: str
    lang: str
    sha256: str
    paragraphs: list[Paragraph] = field(default_factory=list)
    symbols: list[str] = field(default_factory=list)
    title: str = ""
    masked: str = ""
    format: str = "text"  # the reader that produced the text: markdown, text, pdf, docx, html
    declared: dict = field(default_factory=dict)  # what the file's own metadata say: title, lang, date
    date: str | None = None  # the document's date (ISO 8601), from its header or the file's metadata
    sessions: list[str] = field(default_factory=list)  # session numbers in the header ("66"), in order
    agenda_items: list[str] = field(default_factory=list)  # agenda items in the header ("4", "6"), in order

    @property
    def key(self) -> str:
        """Content-derived identifier: the first 16 hex digits of the SHA-256."""
        return self.sha256[:16]


def detect_language(text: str) -> str:
    """Return "zh" when Chinese characters dominate the letters of *text*, else "en"."""
    cjk = len(text) - len(CJK_RE.sub("", text))
    latin = len(text) - len(LATIN_RE.sub("", text))
    return "zh" if cjk and cjk * 2 >= latin else "en"


def mask_markup(text: str) -> str:
    """Replace Markdown/HTML markup by spaces, keeping every offset."""
    chars = list(text)
    for pattern in MASK_RES:
        for match in pattern.finditer(text):
            for i in range(match.start(), match.end()):
                chars[i] = " "
    return "".join(chars)


def readable(block: str) -> str:
    """Return the text of a source block with Markdown markup removed, for people."""
    block = re.sub(r"<sup>\s*\d+\s*</sup>|\[\^\w+\]:?|</?[a-zA-Z][^<>]{0,40}>", "", block)
    block = re.sub(r"\[([^\]\n]*)\]\([^)\s]*\)", r"\1", block)
    block = re.sub(r"^#{1,6}\s+", "", block, flags=re.M)
    block = re.sub(r"(?<!\\)\*\*", "", block)
    block = re.sub(r"\\([\\`*_{}\[\]()#+\-.!|])", r"\1", block)
    lines = [re.sub(r"[ \t\u3000]+", " ", line).strip() for line in block.split("\n")]
    return "\n".join(line for line in lines if line)


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


def find_symbols(text: str) -> list[str]:
    """Return the UN document symbols in *text*, in order of first appearance."""
    seen: dict[str, None] = {}
    for match in SYMBOL_RE.finditer(text):
        symbol = match.group(0).rstrip(".")
        if symbol.count("/") >= 2 and any(ch.isdigit() for ch in symbol):
            seen.setdefault(symbol, None)
    return list(seen)


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


def parse_document(name: str, data: bytes, lang: str | None = None, origin: Path | None = None) -> Document:
    """Decode, segment and describe one document given as bytes."""
    return complete(source_document(name, data, lang, origin))


def source_document(name: str, data: bytes, lang: str | None = None, origin: Path | None = None) -> Document:
    """Read one document with its format's reader and name it (hash, language) without segmenting it: see complete()."""
    reading = read_bytes(origin or Path(name), data)
    text = reading.text
    return Document(
        name=name, text=text, lang=lang or reading.declared.get("lang") or detect_language(text),
        sha256=hashlib.sha256(data).hexdigest(), format=reading.format, declared=dict(reading.declared),
    )


def complete(doc: Document) -> Document:
    """Segment a document made by source_document: paragraphs, symbols, title (in place; returns it)."""
    if not doc.masked:
        doc.masked = mask_markup(doc.text)
        doc.paragraphs = segment(doc.text, doc.masked)
        doc.symbols = find_symbols(doc.text)
        doc.title = find_title(doc.paragraphs)
        declared = doc.declared.get("title")
        if declared and (not doc.title or not any(p.kind in ("heading", "front") for p in doc.paragraphs)):
            doc.title = declared  # a page's own title (its h1 or <title>) beats its first sentence
        meta = document_metadata(doc.text, doc.paragraphs)
        doc.date = meta["date"] or doc.declared.get("date")
        doc.sessions, doc.agenda_items = meta["sessions"], meta["agenda_items"]
    return doc


def _walk(folder: Path, exclude: set[Path], unreadable: list | None = None) -> list[Path]:
    """Files under *folder*, sorted, skipping hidden files and folders, virtualenvs and the *exclude* folders
    (a build's own output and cache): a build never reads what it wrote.  Folders that cannot be listed are
    appended to *unreadable* as (path, reason)."""
    found = []

    def cannot_list(error: OSError) -> None:
        if unreadable is not None:
            unreadable.append((Path(error.filename or folder), error.strerror or str(error)))

    for root, dirs, files in os.walk(folder, onerror=cannot_list):
        here = Path(root)
        dirs[:] = [d for d in dirs if not d.startswith(".") and (here / d).resolve() not in exclude
                   and not (here / d / "pyvenv.cfg").is_file()]
        found += [here / f for f in files if not f.startswith(".")]
    return sorted(p for p in found if p.is_file())


def collect_paths(paths: list[Path], report_skipped: bool = False, exclude: tuple[Path, ...] = ()) -> list[Path]:
    """Expand files and folders into a sorted list of document files (never from inside an *exclude* folder).

    Files named on the command line are always read; in folders, files of other types are skipped
    (see skipped_files; with report_skipped each is logged as a warning)."""
    skip = {Path(p).resolve() for p in exclude}
    found: list[Path] = []
    for path in paths:
        if not path.exists():
            raise InputError(f"{path}: {why_missing(path)}")
        if path.is_dir():
            unreadable: list = []
            inside = [p for p in _walk(path, skip, unreadable) if p.suffix.lower() in DOCUMENT_SUFFIXES]
            for folder, reason in unreadable if inside else ():
                log.warning("%s: skipped, cannot read the folder (%s)", folder, reason)
            if not inside and unreadable:
                folder, reason = unreadable[0]
                more = f" (and {len(unreadable) - 1} more folder(s))" if len(unreadable) > 1 else ""
                raise InputError(f"{folder}: cannot read the folder ({reason}){more}; no documents found in {path}")
            if not inside:
                raise InputError(f"{path}: directory holds no documents ({', '.join(DOCUMENT_SUFFIXES)})")
            found.extend(inside)
        else:
            found.append(path)
    if report_skipped:
        for path, reason in skipped_files(paths, exclude):
            log.warning("%s: skipped (%s)", path, reason)
    unique = sorted(dict.fromkeys(p.resolve() for p in found))
    return unique


def skipped_files(paths: list[Path], exclude: tuple[Path, ...] = ()) -> list[tuple[Path, str]]:
    """Files inside the given folders that a build does not read, with why (hidden files, virtualenvs and the
    *exclude* folders left out)."""
    from kg.extract.readers import UNSUPPORTED

    skip = {Path(p).resolve() for p in exclude}
    skipped = []
    for path in paths:
        if not path.is_dir():
            continue
        for p in _walk(path, skip):
            if p.suffix.lower() not in DOCUMENT_SUFFIXES:
                reason = UNSUPPORTED.get(p.suffix.lower(), f"not a document type read: {', '.join(DOCUMENT_SUFFIXES)}")
                skipped.append((p, reason))
    return skipped


def read_document(path: Path, lang: str | None = None, segmented: bool = True) -> Document:
    """Read and parse one document file (without segmenting it when *segmented* is false: see complete())."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})") from None
    return (parse_document if segmented else source_document)(path.name, data, lang, origin=path)


HEADER_BLOCKS = 25  # a header's lines are among a document's first blocks
SYMBOL_LINE_RE = re.compile(r"\s*" + SYMBOL_RE.pattern + r"(?:\s*[-–]\s*" + SYMBOL_RE.pattern + r")*\s*")
ZH_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


@lru_cache(maxsize=1)
def _cues() -> dict:
    """The metadata cues of ontology/readers.toml, compiled."""
    import tomllib

    from kg.core.resources import ontology_dir

    with (ontology_dir() / "readers.toml").open("rb") as handle:
        cues = tomllib.load(handle)["metadata"]
    months = "|".join(cues["months"])
    cues["date_cue_re"] = re.compile("|".join(cues["date_cues"]), re.I)
    cues["date_res"] = (
        re.compile(rf"(?P<d>\d{{1,2}})\s+(?P<m>{months})\s+(?P<y>\d{{4}})", re.I),
        re.compile(rf"(?P<m>{months})\s+(?P<d>\d{{1,2}}),?\s+(?P<y>\d{{4}})", re.I),
        re.compile(r"(?P<y>\d{4})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日"),
        re.compile(r"(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})"),
    )
    cues["session_res"] = [re.compile(p, re.I) for p in cues["session_en"]] + [re.compile(p) for p in cues["session_zh"]]
    cues["agenda_res"] = [re.compile(p) for p in cues["agenda_en"] + cues["agenda_zh"]]
    return cues


def _ordinal(word: str) -> int | None:
    """66 for "sixty-sixth", "66th" or "六十六"; None when it is no number."""
    cues = _cues()
    word = word.lower()
    if re.fullmatch(r"\d{1,3}(?:st|nd|rd|th)?", word):
        return int(re.match(r"\d+", word).group(0))
    if re.fullmatch(r"[〇零一二三四五六七八九十百]+", word):
        total, current = 0, 0
        for ch in word:
            if ch == "百":
                total += (current or 1) * 100
                current = 0
            elif ch == "十":
                total += (current or 1) * 10
                current = 0
            else:
                current = ZH_DIGITS[ch]
        return total + current
    tens, _, unit = word.rpartition("-")
    value = 0
    if tens:
        stem = next((i for i, t in enumerate(cues["tens"]) if t and tens.startswith(t) and tens.endswith("y")), None)
        if stem is None:
            return None
        value = stem * 10
    if unit in cues["ordinals"]:
        return value + cues["ordinals"].index(unit) + 1
    stem = next((i for i, t in enumerate(cues["tens"]) if t and unit == t + "ieth"), None)
    return value + stem * 10 if stem and not tens else None


def parse_date(text: str) -> str | None:
    """The first date in *text* as ISO 8601 (9 January 2023, January 9, 2023, 2023年1月9日, 2023-01-09)."""
    import datetime

    cues = _cues()
    found = []
    for pattern in cues["date_res"]:
        m = pattern.search(text)
        if m:
            month = m.group("m")
            month = int(month) if month.isdigit() else cues["months"].index(month.lower()) + 1
            try:
                found.append((m.start(), datetime.date(int(m.group("y")), month, int(m.group("d"))).isoformat()))
            except ValueError:
                continue
    return min(found)[1] if found else None


def is_header_line(block: str) -> bool:
    """Is *block* a line of a UN document's header: its symbol, its date line, a session or an agenda line?"""
    block = readable(block)
    if len(block) > 160:
        return False
    cues = _cues()
    return bool(
        SYMBOL_LINE_RE.fullmatch(block)
        or cues["date_cue_re"].search(block)
        or any(p.search(block) for p in cues["session_res"])
        or any(p.search(block) for p in cues["agenda_res"])
    )


def document_metadata(text: str, paragraphs: list[Paragraph]) -> dict:
    """Date, sessions and agenda items from a document's header (the blocks before its first numbered paragraph)."""
    cues = _cues()
    header = []
    for p in paragraphs[:HEADER_BLOCKS]:
        if p.kind == "numbered":
            break
        if p.kind in ("front", "heading", "text") and len(p.text) <= 160:
            header.append(p.text)
    date = None
    for line in header:
        cue = cues["date_cue_re"].search(line)
        if cue:
            date = parse_date(line[cue.end():])
            if date:
                break
    sessions: dict[str, None] = {}
    agenda: dict[str, None] = {}
    for line in header:
        for pattern in cues["session_res"]:
            for m in pattern.finditer(line):
                number = _ordinal(m.group("ordinal"))
                if number:
                    sessions.setdefault(str(number), None)
        for pattern in cues["agenda_res"]:
            for m in pattern.finditer(line.replace("*", "")):
                for item in re.split(r"\s*(?:,|、|和|及|\band\b)\s*", m.group("items")):
                    item = item.strip(" .")
                    if item:
                        agenda.setdefault(item, None)
    return {"date": date, "sessions": list(sessions), "agenda_items": list(agenda)}


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
