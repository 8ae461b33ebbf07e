"""Read documents: find the files, decode them with their format's reader, name them and segment them.

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
from pathlib import Path

from kg.core.errors import InputError
from kg.core.files import why_missing
from kg.extract.header import document_metadata, find_symbols
from kg.extract.markup import mask_markup
from kg.extract.readers import SUFFIXES, read_bytes
from kg.extract.segment import Paragraph, find_title, segment

log = logging.getLogger(__name__)

DOCUMENT_SUFFIXES = tuple(SUFFIXES)
CJK_RE = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
LATIN_RE = re.compile(r"[A-Za-z]")


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
