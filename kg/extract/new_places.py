"""Places the reference data lacks: seas, gulfs, straits, basins and groupings of States that UN texts name as areas of
work (the Gulf of Aden, the Red Sea, the Lake Chad basin, 亚太地区, 印度洋), minted as new regions.

Word patterns and names are data (rules.toml [mint.places]); a name inside a known name is no new place.
"""

from __future__ import annotations

import functools
import re

from kg.core.resources import rules
from kg.core.vocabulary import PLACES
from kg.extract.link import NOUN, Match, zh_dictionary
from kg.extract.minted import Minted, _clean
from kg.extract.nlp import is_cjk


def new_places(text: str, lang: str, matches: list[Match]) -> list[Minted]:
    """New regions named in one paragraph: the pattern's group "name" (or the whole hit), outside known names."""
    cfg = rules()["mint"].get("places", {})
    names = tuple(cfg.get(f"{lang}_names", ())) + tuple(a for a, _ in cfg.get(f"{lang}_en", ()))  # zh_en's names too
    patterns = list(cfg.get(f"{lang}_patterns", ())) + _escaped(tuple(dict.fromkeys(names)))
    found: list[Minted] = []
    for pattern in patterns:
        for hit in re.finditer(pattern, text):
            s, e = hit.span("name") if "name" in hit.re.groupindex else hit.span()
            if any(m.start < e and s < m.end and not part_of(m, s, e) for m in matches) or any(f.start < e and s < f.end for f in found):
                continue  # a known name over it; a place inside it is part of it ("East Asia" in "East Asia and the Pacific")
            if lang == "zh" and s > 0 and is_cjk(text[s - 1]) and text[s - 1] not in rules()["link"]["left_boundary_chars"] and \
                    zh_dictionary()[2].get(text[s - 2:s], NOUN) == NOUN and not any(m.end == s for m in matches):
                continue  # 里海 in 索马里海域, 公里海岸线, 西印度洋: the name starts inside a word (not after a verb: 覆盖乍得湖流域,
                # nor right after a known name: 毒罪办东亚和太平洋地区中心)
            found.append(Minted(s, e, _clean(text[s:e]), "Region", lang))
    return sorted(found, key=lambda m: (m.start, m.end))


def part_of(m: Match, s: int, e: int) -> bool:
    """A known place strictly inside the span of a new place's name is a word of that name."""
    return m.type in PLACES and s <= m.start and m.end <= e and m.end - m.start < e - s


@functools.lru_cache(maxsize=8)
def _escaped(names: tuple[str, ...]) -> list[str]:
    """The names as literal patterns, longest first (made once per list, not per paragraph)."""
    return [re.escape(n) for n in sorted(names, key=len, reverse=True)]
