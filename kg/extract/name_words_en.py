"""Small tests on the words around an English name: a town after its head, an abbreviation that defines it, a title
joined to a second title by "and"."""

from __future__ import annotations

import re

from kg.core.resources import rules


def town_at(text: str, pos: int) -> bool:
    """One capitalised word starts at *pos* and ends the phrase (a town: "… Centre in Almaty;")."""
    return bool(re.match(r"\s*[A-Z][a-z]+(?:[;,.:)]|\s+[a-z(]|\s*$)", text[pos:]))


def defined(text: str, end: int, head: str) -> bool:
    """A head of two words or more given its abbreviation is a name: "the Drug Control Agency (DCA)"."""
    return " " in head and bool(re.match(r"\s*\([A-Z]{2,8}\)", text[end:]))


def joined_title(text: str, i: int, m) -> bool:
    """A declaration's title joined by "and" to a plan's (rules.toml [mint.en] joined_title_heads): one title, "the
    Naples Political Declaration and Global Action Plan against …"; not before "the" (two titles)."""
    heads = rules()["mint"]["en"].get("joined_title_heads", [])
    return m.group(2) == "and" and any(text.endswith(h, 0, i) for h in heads) and \
        bool(re.match(r"\s+(?!The\b|the\b)[A-Z]", text[i + m.end():]))
