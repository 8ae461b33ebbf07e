"""Markdown and HTML markup in a document's text: masked for the extractor (offsets kept), removed for people."""

from __future__ import annotations

import re

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
