"""National bodies in Chinese text that the head-word rule of kg.extract.mint_zh cannot tell from common words.

Three forms, all with their words in rules.toml [mint.zh_bodies]:

* the central bodies of a State named without the State (外交部, 国务院, 海关总署), with a unit of one right after it
  (公安部禁毒局), but never after a word that makes them any State's (各国外交部, 该国司法部);
* a body named before a person and the person's title (司法警察局苏兆强副局长: the name, the person, 副局长);
* a name that joins two words with 和/与/及 and is followed by its abbreviation in Latin letters
  (国际麻醉品和执法局（INL）), which the stop word 和 would otherwise cut.
"""

from __future__ import annotations

import re

from kg.core.resources import rules
from kg.extract.link import Match, zh_words
from kg.extract.minted import Minted, _clean
from kg.extract.nlp import alternation, literal

CJK = "\u4e00-\u9fff"


def national_bodies_zh(text: str, matches: list[Match], found: list[Minted]) -> list[Minted]:
    """National bodies of the three forms above, outside known names and outside names minted already (*found*)."""
    cfg = rules()["mint"].get("zh_bodies", {})
    if not cfg:
        return []
    taken = [(m.start, m.end) for m in matches]
    out: list[Minted] = []
    spans = _standalone(text, cfg, matches) + _before_person(text, cfg) + _abbreviated(text, cfg) + _national_offices(text, cfg, matches)
    bodies = {h.span("name") for p in cfg.get("body_patterns", ()) for h in re.finditer(p, text)}  # ……公约特设委员会
    for s, e in sorted(set(spans) | bodies):
        if e - s < cfg.get("min_chars", 3) or any(a < e and s < b and not (s <= a and b <= e) for a, b in taken) \
                or any(f.start < e and s < f.end and not (f.start == s and e < f.end) for f in found) \
                or any(o.start < e and s < o.end and not (o.start == s and (o.end < e or e < o.end)) for o in out):
            continue  # a unit right after a body's name (公安部禁毒局) stands beside the body's name (公安部)
        out.append(Minted(s, e, _clean(text[s:e]), "IntergovernmentalBody" if (s, e) in bodies else "NationalBody", "zh"))
    return sorted(out, key=lambda m: (m.start, m.end))


def _standalone(text: str, cfg: dict, matches: list[Match]) -> list[tuple[int, int]]:
    """外交部, 国务院 …: a central body's name alone or after its State (越南公安部), with a unit right after it
    (公安部禁毒局) as a name of its own."""
    spans, refused = [], set()
    not_after = tuple(cfg.get("standalone_not_after", ()))
    units = "|".join(re.escape(h) for h in cfg.get("unit_heads", ()))
    hits = sorted((hit.start(), hit.end()) for word in cfg.get("standalone", ()) if word in text for hit in literal(word).finditer(text))
    for s, e in hits:
        if any(a <= s and e <= b and (a, b) != (s, e) for a, b in hits):
            continue  # 最高人民检察院, not 检察院 inside it
        joined = next((j for j in ("和", "、", "及", "与") if text.endswith(j, 0, s)), None)
        if text.endswith(not_after, 0, s) or text[e:e + 1] and text[e] in cfg.get("standalone_not_before", "") or \
                joined is not None and s - len(joined) in refused:  # 各国外交部和司法部: both any State's
            refused.add(e)
            continue
        s = next((m.start for m in matches if m.end == s and m.type == "Country"), s)  # 越南公安部
        spans.append((s, e))
        unit = re.match(rf"[{CJK}]{{2,6}}?(?:{units})(?![{CJK}]?长)", text[e:]) if units else None
        if unit and not any(w in unit.group(0) for w in cfg.get("standalone", ())):
            spans.append((s, e + unit.end()))
    return spans


def _before_person(text: str, cfg: dict) -> list[tuple[int, int]]:
    """司法警察局苏兆强副局长: a name opening a clause, ending with a head, then a person's name and title."""
    heads = alternation(cfg.get("person_heads", ()))
    titles = alternation(cfg.get("person_titles", ()))
    if not heads or not titles:
        return []
    opener = re.escape(cfg.get("clause_openers", "，。、；：\n"))
    pattern = rf"(?:^|(?<=[{opener}]))(?P<name>[{CJK}]{{2,10}}?(?:{heads}))[{CJK}]{{2,3}}?(?:副)?(?:{titles})"
    two = zh_words()[0]  # 中国司法部副部长: 司 opens 司法, it ends no name there
    spans = [m.span("name") for m in re.finditer(pattern, text) if text[m.end("name") - 1:m.end("name") + 1] not in two]
    # 保安局局长, 社会工作局副局长, 禁毒委员会副主席: the title right after the body's name, whose head it repeats
    own = "|".join(f"{re.escape(h)}副?{re.escape(t)}" for h, t in sorted(cfg.get("head_titles", ()), key=lambda p: -len(p[0])))
    if own:
        govern = tuple(cfg.get("government_openers", ()))
        for m in re.finditer(rf"(?:^|(?<=[{opener}]))(?P<name>[{CJK}]{{2,10}}?)(?={own})", text):
            s, e = m.span("name")
            stops = [w for w in rules()["mint"]["zh"]["name_stop_words"] if len(w) > 1 or w in "的在由和与及向对为是"]
            s = max([s] + [s + k + len(w) for w in stops for k in [text.rfind(w, s, e)] if k >= 0])  # 委员包括法务局
            s += next((len(g) for g in govern if text.startswith(g, s)), 0)  # 特区政府保安局: the body is 保安局
            e += next(len(h) for h, _ in cfg["head_titles"] if text.startswith(h, e))
            if e - s >= 3 and text[e - 1:e + 1] not in two:
                spans.append((s, e))
    return spans


def _abbreviated(text: str, cfg: dict) -> list[tuple[int, int]]:
    """国际麻醉品和执法局（INL）: a name joined by 和/与/及 and given its Latin abbreviation, from the last stop word."""
    heads = alternation(cfg.get("abbreviated_heads", ()))
    if not heads or "（" not in text and "(" not in text:  # the pattern ends at an abbreviation in parentheses
        return []
    stops = sorted(cfg.get("abbreviated_stops", ()), key=len, reverse=True)
    spans = []
    for hit in re.finditer(rf"(?P<left>[{CJK}]{{2,16}})(?:和|与|及)[{CJK}]{{1,10}}?(?:{heads})(?=\s*[（(][A-Z]{{2,8}}[)）])", text):
        left = hit.group("left")
        cut = max((left.rfind(w) + len(w) for w in stops if w in left), default=0)
        if len(left) - cut >= 2:
            spans.append((hit.start("left") + cut, hit.end()))
    return spans


def _national_offices(text: str, cfg: dict, matches: list[Match]) -> list[tuple[int, int]]:
    """美国国家禁毒政策办公室: a State, a word of its national bodies (国家, 联邦) and an office head, which alone
    would need 联合国 before it."""
    openers = "|".join(map(re.escape, rules()["mint"]["zh"].get("national_openers", ())))
    heads = "|".join(map(re.escape, cfg.get("national_office_heads", ())))
    if not openers or not heads:
        return []
    spans = []
    for m in matches:
        hit = re.match(rf"(?:{openers})[{CJK}]{{2,12}}?(?:{heads})", text[m.end:]) if m.type == "Country" else None
        if hit and not any(w in hit.group(0) for w in cfg.get("national_office_breaks", ())):
            spans.append((m.start, m.end + hit.end()))
    return spans
