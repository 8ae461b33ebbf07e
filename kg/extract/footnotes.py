"""Footnote markers of UN documents glued to the word before them ("… Organized Crime1,")."""

from __future__ import annotations

import re

FOOTNOTE = re.compile(r"[A-Za-z][a-z]{2,}(\d{1,2})")  # "… Organized Crime1," in the text of a UN document


def footnotes_apart(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Token spans with a footnote marker glued to a word split off ("Crime1" is "Crime" and "1")."""
    out = []
    for s, e in spans:
        m = FOOTNOTE.fullmatch(text, s, e)
        out.extend([(s, m.start(1)), (m.start(1), e)] if m else [(s, e)])
    return out
