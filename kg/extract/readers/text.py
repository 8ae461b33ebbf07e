"""Plain text and Markdown: UTF-8 (with or without a byte-order mark) and UTF-16 (with a BOM, or without one
when the NUL bytes say so).  Control characters are never passed on: NUL is refused, a few others become spaces."""

from __future__ import annotations

import codecs
import logging
import re
from pathlib import Path

from kg.core.errors import InputError

log = logging.getLogger(__name__)

# Unicode category Cc but tab, newline, carriage return (normalised away) and form feed (a page break: a newline).
CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
COMMENT_RE = re.compile(r"<!--.*?-->", re.DOTALL)
BOMS = ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"), (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
MAX_CONTROLS = 8  # more stray control characters than this: not text


def sniff_encoding(data: bytes) -> tuple[str, int]:
    """(encoding, length of the byte-order mark) of text bytes: the BOM, else UTF-16 told by its NUL bytes, else UTF-8."""
    for bom, name in BOMS:
        if data.startswith(bom):
            return name, len(bom)
    head = data[:4096]
    pairs = len(head) // 2
    if pairs >= 2 and b"\x00" in head:
        even_nul = head[0:pairs * 2:2].count(0)
        odd_nul = head[1:pairs * 2:2].count(0)
        # UTF-16 puts the NUL of every ASCII character (digits, spaces, line ends) on one side of each pair;
        # Chinese characters rarely have a NUL byte.  UTF-8 text has no NUL bytes at all.
        if odd_nul >= max(2, 0.05 * pairs) and odd_nul >= 4 * even_nul:
            return "utf-16-le", 0
        if even_nul >= max(2, 0.05 * pairs) and even_nul >= 4 * odd_nul:
            return "utf-16-be", 0
    return "utf-8", 0


def decode(path: Path, data: bytes) -> str:
    """Decode text bytes (UTF-8, UTF-8 with BOM, UTF-16) or raise a one-line error naming the problem.

    Line ends become LF; form feeds (page breaks) become LF; NUL refuses the file; up to a few other control
    characters become spaces (with a warning), more refuse the file."""
    if not data.strip():
        raise InputError(f"{path}: file is empty")
    encoding, bom = sniff_encoding(data)
    if encoding == "utf-8" and b"\x00" in data:
        at = data.index(b"\x00")
        raise InputError(f"{path}: binary file (NUL byte at offset {at}), expected UTF-8 or UTF-16 text")
    try:
        text = data[bom:].decode(encoding)
    except UnicodeDecodeError as exc:
        where = exc.start + bom
        label = "UTF-8" if encoding == "utf-8" else encoding.upper()
        raise InputError(f"{path}: not {label} text (byte 0x{data[where]:02x} at offset {where})") from None
    return clean_text(path, text.removeprefix("\ufeff"))


def clean_text(path: Path, text: str) -> str:
    """Normalise line ends and page breaks, refuse NUL and binary-looking text, replace a few control characters."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")
    nul = text.find("\x00")
    if nul >= 0:
        raise InputError(f"{path}: binary file (NUL character at text offset {nul}), expected text")
    controls = CONTROL_RE.findall(text)
    if len(controls) > MAX_CONTROLS:
        raise InputError(f"{path}: binary file ({len(controls)} control characters), expected text")
    if controls:
        log.warning("%s: %d control character(s) replaced by spaces", path, len(controls))
        text = CONTROL_RE.sub(" ", text)
    if not text.strip():
        raise InputError(f"{path}: file is empty")
    return text


def read_markdown(path: Path, data: bytes) -> str:
    """Markdown or plain text, decoded; HTML comments are dropped (they are not text and must not become a title)."""
    text = decode(path, data)
    if "<!--" in text:
        text = COMMENT_RE.sub("", text)
        if not text.strip():
            raise InputError(f"{path}: file holds only comments, no text")
    return text
