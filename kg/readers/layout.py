"""Text of laid-out pages: running heads and feet, footnote marks, lines joined back into paragraphs."""

from __future__ import annotations

import re

# A whole line that is a running head or foot: page numbers ("3", "3/12", "Page 3 of 12", "- 3 -", "第3页"),
# UN job numbers with their language letter and bar code ("V.23-00042 (E)", "*2300042*"), a document symbol.
_TOKEN = (
    r"(?:\d{1,4}(?:\s*/\s*\d{1,4})?"
    r"|(?:Page|页)\s*\d{1,4}(?:\s*(?:of|/|共)\s*\d{1,4})?"
    r"|第\s*\d{1,4}\s*页"
    r"|-\s*\d{1,4}\s*-"
    r"|[A-Z]\.\d{2}-\d{4,6}(?:\s*\([A-Z]\))?"
    r"|\*\d{5,}\*"
    r"|[A-Z]{1,6}(?:/[A-Za-z0-9.]*[A-Za-z0-9])+(?:\s*[-–]\s*[A-Z]{1,6}(?:/[A-Za-z0-9.]*[A-Za-z0-9])+)*)"
)
HEAD_FOOT_RE = re.compile(rf"\s*{_TOKEN}(?:\s+{_TOKEN})*\s*")

CJK_OR_FULLWIDTH = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]")


def mark_text(run: str) -> str:
    """A raised run of small type as the segmenter reads it: "<sup>1</sup>", "\\*"; other runs as they are."""
    if run.isdigit():
        return f"<sup>{run}</sup>"
    if run and set(run) == {"*"}:
        return "\\*" * len(run)
    return run


def join_lines(lines: list[str]) -> str:
    """Join the lines of one paragraph: no space next to Chinese, a space between words, and a word
    split by a hyphen at a line end marked "-\\u200b" for the document-wide decision (kg.readers.pdf)."""
    out = ""
    for line in lines:
        line = line.strip()
        if not line:
            continue
        if not out:
            out = line
        elif re.search(r"[A-Za-z]-$", out) and re.match(r"[a-z]", line):
            out += "\u200b" + line
        elif CJK_OR_FULLWIDTH.match(line[0]) or CJK_OR_FULLWIDTH.match(out[-1]):
            out += line
        else:
            out += " " + line
    return out
