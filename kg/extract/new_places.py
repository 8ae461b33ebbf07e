"""Places the reference data lacks: seas, gulfs, straits, basins and groupings of States that UN texts name as areas of
work (the Gulf of Aden, the Red Sea, the Lake Chad basin, 亚太地区, 印度洋), minted as new regions.

Word patterns and names are data (rules.toml [mint.places]); a name inside a known name is no new place.
"""

from __future__ import annotations

import re

from kg.core.resources import rules
from kg.core.vocabulary import PLACES
from kg.extract.link import Match
from kg.extract.minted import Minted, _clean
from kg.extract.nlp import is_cjk


def new_places(text: str, lang: str, matches: list[Match]) -> list[Minted]:
    """New regions named in one paragraph: the pattern's group "name" (or the whole hit), outside known names."""
    cfg = rules()["mint"].get("places", {})
    patterns = list(cfg.get(f"{lang}_patterns", ())) + [re.escape(n) for n in sorted(cfg.get(f"{lang}_names", ()), key=len, reverse=True)]
    found: list[Minted] = []
    for pattern in patterns:
        for hit in re.finditer(pattern, text):
            s, e = hit.span("name") if "name" in hit.re.groupindex else hit.span()
            if any(m.start < e and s < m.end and not part_of(m, s, e) for m in matches) or any(f.start < e and s < f.end for f in found):
                continue  # a known name over it; a place inside it is part of it ("East Asia" in "East Asia and the Pacific")
            if lang == "zh" and s > 0 and is_cjk(text[s - 1]) and text[s - 1] not in rules()["link"]["left_boundary_chars"]:
                continue  # 里海 in 索马里海域, 公里海岸线: the name starts inside a word
            found.append(Minted(s, e, _clean(text[s:e]), "Region", lang))
    return sorted(found, key=lambda m: (m.start, m.end))


def part_of(m: Match, s: int, e: int) -> bool:
    """A known place strictly inside the span of a new place's name is a word of that name."""
    return m.type in PLACES and s <= m.start and m.end <= e and m.end - m.start < e - s
