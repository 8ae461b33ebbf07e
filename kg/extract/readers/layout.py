"""Text of laid-out pages: running heads and feet, footnote marks, lines joined back into paragraphs."""

from __future__ import annotations

import re
from functools import lru_cache

# A whole line that is a running head or foot: page numbers ("3", "3/12", "Page 3 of 12", "- 3 -", "第3页"),
# UN job numbers with their language letter, print dates and bar code ("V.23-00042 (E)", "GE.22-01234(E)",
# "22-01234 (C)", "250122", "*2300042*"), a document symbol, and the phrases of ontology/readers.toml.
_TOKEN = (
    r"(?:\d{1,4}(?:\s*/\s*\d{1,4})?"
    r"|\d{6}"
    r"|(?:Page|页)\s*\d{1,4}(?:\s*(?:of|/|共)\s*\d{1,4})?"
    r"|第\s*\d{1,4}\s*页"
    r"|-\s*\d{1,4}\s*-"
    r"|(?:[A-Z]{1,2}\.)?\d{2}-\d{4,6}\s*(?:\([A-Z]\))?"
    r"|\*\d{5,}\*"
    r"|[A-Z]{1,6}(?:/[A-Za-z0-9.]*[A-Za-z0-9])+(?:\s*[-–]\s*[A-Z]{1,6}(?:/[A-Za-z0-9.]*[A-Za-z0-9])+)*"
    r"|{phrases})"
)


@lru_cache(maxsize=1)
def head_foot_re() -> re.Pattern:
    """A whole line of running head or foot (see _TOKEN)."""
    import tomllib

    from kg.core.resources import ontology_dir

    with (ontology_dir() / "readers.toml").open("rb") as handle:
        phrases = tomllib.load(handle)["pdf"]["foot_phrases"]
    token = _TOKEN.replace("{phrases}", "|".join(r"\s+".join(map(re.escape, p.split())) for p in phrases) or "(?!)")
    return re.compile(rf"\s*{token}(?:\s+{token})*\s*", re.IGNORECASE)


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
    split by a hyphen at a line end marked "-\\u200b" for the document-wide decision (kg.extract.readers.pdf)."""
    out = ""
    for line in lines:
        line = line.strip()
        if not line:
            continue
        if not out:
            out = line
        elif out.endswith("\u00ad"):  # a soft hyphen: the word goes on
            out = out[:-1] + line
        elif re.search(r"[A-Za-z]-$", out) and re.match(r"[a-z]", line):
            out += "\u200b" + line
        elif CJK_OR_FULLWIDTH.match(line[0]) or CJK_OR_FULLWIDTH.match(out[-1]):
            out += line
        else:
            out += " " + line
    return out
