"""Read documents and split them into paragraphs with their printed numbers and spans.

Offsets count Unicode code points in the document text after two normalisations
(a leading byte-order mark is dropped, CRLF/CR become LF); they are the same in
the source, the readable ``masked`` text the extractor reads, and the graph.
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from .errors import InputError

DOCUMENT_SUFFIXES = (".md", ".markdown", ".txt", ".text")

# A UN document symbol: an upper-case series then slash-separated parts, one with a digit
# (E/CN.7/2022/1, A/RES/76/181, CTOC/COP/2020/10, E/CN.7/2021/CRP.13).
SYMBOL_RE = re.compile(r"(?<![\w./])[A-Z]{1,6}(?:/[A-Za-z0-9.]*[A-Za-z0-9])+")

HEADING_MD_RE = re.compile(r"^#{1,6}\s+")
BOLD_LINE_RE = re.compile(r"^\*\*[^*].*\*\*\s*$")
# Plain-text section headings: "I. Introduction", "A. Countering ...", "一. 引言", "三、..."
HEADING_PLAIN_RE = re.compile(r"^(?:[IVXLC]+|[A-Z]|[一二三四五六七八九十]+)[.、．]\s*\S")
NUMBERED_RE = re.compile(r"^(\d{1,3})[.．](?!\d)\s*")
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

CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0d-\x1f\x7f-\x9f]")  # Unicode category Cc but tab, newline, form feed
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

    @property
    def key(self) -> str:
        """Content-derived identifier: the first 16 hex digits of the SHA-256."""
        return self.sha256[:16]


def detect_language(text: str) -> str:
    """Return "zh" when Chinese characters dominate the letters of *text*, else "en"."""
    cjk = len(text) - len(CJK_RE.sub("", text))
    latin = len(text) - len(LATIN_RE.sub("", text))
    return "zh" if cjk and cjk * 2 >= latin else "en"


def decode(path: Path, data: bytes) -> str:
    """Decode UTF-8 bytes or raise a one-line error naming the problem."""
    if not data.strip():
        raise InputError(f"{path}: file is empty")
    if b"\x00" in data[:8192]:
        raise InputError(f"{path}: binary file (contains NUL bytes), expected UTF-8 text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start})") from None
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    controls = len(CONTROL_RE.findall(text, 0, 8192))
    if controls > 8:
        raise InputError(f"{path}: binary file (control characters), expected UTF-8 text")
    if not text.strip():
        raise InputError(f"{path}: file is empty")
    return text


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
    """Yield (start, end) of blank-line separated blocks."""
    for match in re.finditer(r"[^\n]+(?:\n[ \t]*[^\s][^\n]*)*", text):
        block = match.group(0)
        if block.strip():
            lead = len(block) - len(block.lstrip())
            yield match.start() + lead, match.start() + len(block.rstrip())


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
    for start, end in _blocks(text):
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
    """Decode one document and name it (hash, language) without segmenting it: see complete()."""
    text = decode(origin or Path(name), data)
    return Document(name=name, text=text, lang=lang or detect_language(text), sha256=hashlib.sha256(data).hexdigest())


def complete(doc: Document) -> Document:
    """Segment a document made by source_document: paragraphs, symbols, title (in place; returns it)."""
    if not doc.masked:
        doc.masked = mask_markup(doc.text)
        doc.paragraphs = segment(doc.text, doc.masked)
        doc.symbols = find_symbols(doc.text)
        doc.title = find_title(doc.paragraphs)
    return doc


def _walk_documents(folder: Path, exclude: set[Path]) -> list[Path]:
    """Document files under *folder*, skipping hidden folders, virtualenvs and the *exclude* folders (a build's own output)."""
    found = []
    for root, dirs, files in os.walk(folder):
        here = Path(root)
        dirs[:] = [d for d in dirs if not d.startswith(".") and (here / d).resolve() not in exclude
                   and not (here / d / "pyvenv.cfg").is_file()]
        found += [here / f for f in files if Path(f).suffix.lower() in DOCUMENT_SUFFIXES and not f.startswith(".")]
    return sorted(p for p in found if p.is_file())


def collect_paths(paths: list[Path], exclude: tuple[Path, ...] = ()) -> list[Path]:
    """Expand files and folders into a sorted list of document files (never from inside an *exclude* folder)."""
    skip = {Path(p).resolve() for p in exclude}
    found: list[Path] = []
    for path in paths:
        if not path.exists():
            raise InputError(f"{path}: no such file or directory")
        if path.is_dir():
            inside = _walk_documents(path, skip)
            if not inside:
                raise InputError(f"{path}: directory holds no documents ({', '.join(DOCUMENT_SUFFIXES)})")
            found.extend(inside)
        else:
            found.append(path)
    unique = sorted(dict.fromkeys(p.resolve() for p in found))
    return unique


def read_document(path: Path, lang: str | None = None, segmented: bool = True) -> Document:
    """Read and parse one document file (without segmenting it when *segmented* is false: see complete())."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})") from None
    return (parse_document if segmented else source_document)(path.name, data, lang, origin=path)
