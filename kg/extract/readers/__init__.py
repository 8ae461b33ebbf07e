"""Readers: turn a file's bytes into the text that kg.extract.ingest segments, one reader per format.

Every reader returns a :class:`Reading` whose text uses the light Markdown the segmenter reads
(``## `` headings, ``<sup>n</sup>`` and ``\\*`` footnote marks, footnotes as blocks starting with their
mark, blocks separated by blank lines), so paragraphs, numbers and footnotes are found the same way in
every format, and every offset in the graph points into this text.  A reader is chosen by the file's
first bytes (PDF, ZIP/Word, HTML), else by its suffix; :data:`READERS` is the registry.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from kg.core.errors import InputError


@dataclass(frozen=True)
class Reading:
    """What a reader recovered: the text, its format, and what the file itself declares about it."""

    text: str
    format: str
    declared: dict = field(default_factory=dict)  # "title", "lang", "date" when the file's metadata give them


@dataclass(frozen=True)
class Reader:
    """A format: its name, the suffixes it owns and the function that reads its bytes."""

    name: str
    suffixes: tuple[str, ...]
    read: Callable[[Path, bytes], Reading]


def _text(path: Path, data: bytes) -> Reading:
    from kg.extract.readers.text import read_markdown

    return Reading(read_markdown(path, data), "text")  # comments dropped as in Markdown: text saved from markup


def _markdown(path: Path, data: bytes) -> Reading:
    from kg.extract.readers.text import read_markdown

    return Reading(read_markdown(path, data), "markdown")


def _pdf(path: Path, data: bytes) -> Reading:
    from kg.extract.readers.pdf import read_pdf

    return read_pdf(path, data)


def _docx(path: Path, data: bytes) -> Reading:
    from kg.extract.readers.docx import read_docx

    return read_docx(path, data)


def _html(path: Path, data: bytes) -> Reading:
    from kg.extract.readers.html import read_html

    return read_html(data, path)


READERS: dict[str, Reader] = {
    r.name: r
    for r in (
        Reader("markdown", (".md", ".markdown"), _markdown),
        Reader("text", (".txt", ".text"), _text),
        Reader("pdf", (".pdf",), _pdf),
        Reader("docx", (".docx",), _docx),
        Reader("html", (".html", ".htm", ".xhtml"), _html),
    )
}
SUFFIXES: dict[str, str] = {suffix: r.name for r in READERS.values() for suffix in r.suffixes}
# Formats recognised only to say what to do with them.
UNSUPPORTED = {
    ".doc": "Word 97-2003 document (.doc): save it as .docx or PDF",
    ".rtf": "RTF document: save it as .docx or PDF",
    ".odt": "OpenDocument text (.odt): save it as .docx or PDF",
}


def sniff(data: bytes) -> str | None:
    """The format told by a file's first bytes (PDF, Word, HTML), or None."""
    head = data[:1024]
    if head.lstrip()[:5] == b"%PDF-":
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return "zip"
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "ole"
    if head.startswith(b"{\\rtf"):
        return "rtf"
    probe = re.sub(rb"^(?:\s|<!--.*?-->)*", b"", head.removeprefix(b"\xef\xbb\xbf"), flags=re.DOTALL).lower()
    if probe.startswith((b"<!doctype html", b"<html")):
        return "html"
    return None


def reader_for(path: Path, data: bytes) -> Reader:
    """The reader of a file: by its first bytes, else by its suffix, else plain text."""
    kind = sniff(data)
    suffix = path.suffix.lower()
    if kind in ("pdf", "html"):
        return READERS[kind]
    if kind == "zip":
        if suffix == ".docx" or b"word/" in data[:4096] or b"[Content_Types].xml" in data[:4096]:
            return READERS["docx"]
        raise InputError(f"{path}: a ZIP archive, not a Word document (.docx); unpack it and build its files")
    if kind == "ole":
        raise InputError(f"{path}: {UNSUPPORTED['.doc']}")
    if kind == "rtf":
        raise InputError(f"{path}: {UNSUPPORTED['.rtf']}")
    if suffix in (".pdf", ".docx"):
        raise InputError(f"{path}: not a {suffix[1:].upper()} file (its first bytes say otherwise); the file may be damaged")
    if suffix in UNSUPPORTED:
        raise InputError(f"{path}: {UNSUPPORTED[suffix]}")
    return READERS[SUFFIXES.get(suffix, "text")]


def read_bytes(path: Path, data: bytes) -> Reading:
    """Read a document's bytes with the reader its format calls for."""
    from kg.extract.readers.text import clean_text

    if not data.strip():
        raise InputError(f"{path}: file is empty")
    reading = reader_for(path, data).read(path, data)
    text = clean_text(path, reading.text)  # no reader passes on NUL or other control characters
    return reading if text == reading.text else Reading(text, reading.format, reading.declared)
