"""Declarations named by their kind and the year they were adopted (2016年特别联大成果文件, 2019年麻委会高级别会议部长级
宣言, 《1998年政治宣言》, 2014年部长级联合声明): the one reference instrument of that year whose English name says it is
such a text ("political declaration", "outcome document" …).

The kinds and their English words are data (rules.toml [mint.zh] dated_kinds); a year with no such instrument, or with
two, names none, so a new declaration of another year is still minted as a new title.
"""

from __future__ import annotations

import re
from functools import cache

from kg.core.resources import rules
from kg.core.vocabulary import INSTRUMENTS, TREATIES
from kg.extract.minted import Minted, _clean


@cache
def _by_year() -> dict[tuple[str, str], list[tuple]]:
    """(year, English kind words) -> [(IRI, class)] of the reference instruments of that year that name their kind."""
    from kg.core.reference import load_entities
    from kg.core.vocabulary import family

    kinds = {en for _, en in rules()["mint"]["zh"].get("dated_kinds", ())}
    index: dict = {}
    for e in load_entities():
        year = e.row.get("year", "")
        if not year or family(e.type) != "Instrument":
            continue
        english = " | ".join([e.labels.get("en", "")] + [a for lang, a in e.aliases if lang == "en"]).lower()
        for en in kinds:
            if en in english:
                index.setdefault((year, en), []).append((e.iri, e.type))
    return index


def dated_declarations(text: str, matches, titles=()) -> list[Minted]:
    """Mentions of reference declarations by year and kind in one paragraph of normalised Chinese text."""
    cfg = rules()["mint"]["zh"]
    kinds = sorted(cfg.get("dated_kinds", ()), key=lambda k: -len(k[0]))
    if not kinds:
        return []
    words = "|".join(re.escape(k) for k, _ in kinds)
    found = []
    gap = cfg.get("dated_gap_chars", 12)
    pattern = rf"《?(?P<year>(?:19|20)\d\d)年(?:(?P<between>[^，。；、：《》“”\d]{{0,{gap}}}?)|《[^《》]{{0,120}}?)(?P<kind>{words})》?"
    for hit in re.finditer(pattern, text):
        if any(w in (hit.group("between") or "") for w in cfg.get("dated_breaks", ())):
            continue  # 2016年通过了……宣言: a clause, not a name
        en = dict(kinds)[hit.group("kind")]
        known = _by_year().get((hit.group("year"), en), [])
        s = hit.start() + (1 if text[hit.start()] == "《" else 0)  # 2019年《……部长级宣言》: the year and the title
        e = hit.end() - (1 if text[hit.end() - 1] == "》" else 0)
        if len(known) == 1 and not any(m.start < e and s < m.end and not (s <= m.start and m.end <= e and m.type not in TREATIES | INSTRUMENTS)
                                       for m in matches):  # bodies inside stay (麻委会 in 2019年麻委会……部长级宣言)
            found.append(Minted(s, e, _clean(text[s:e]), known[0][1], "zh", known=known[0]))
    for s, e in titles:  # 2019年《关于加强……的部长级宣言》: a year right before a title of that kind
        year = re.search(r"((?:19|20)\d\d)年$", text[:s])
        kind = next((en for k, en in kinds if text[s:e].rstrip("》").endswith(k)), None)
        known = _by_year().get((year.group(1), kind), []) if year and kind else []
        if len(known) == 1 and not any(f.start < e and s < f.end for f in found):
            found.append(Minted(year.start(), e, _clean(text[year.start():e]), known[0][1], "zh", known=known[0]))
    return found
