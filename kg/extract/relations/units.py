"""partOf between a unit and the body, organisation or programme it belongs to, read from how units are named.

Two forms, in both languages (head words are data: rules.toml [relations.LANG] unit_heads):

* the unit's own name holds its parent's name at its start (公安部禁毒局, 深圳海关缉私局, 世界海关组织亚太地区情报联络中心,
  "SADC Organ on Politics, Defence and Security") or after "of (the)" at its end ("High-Level Policy Committee of the
  West Africa Coast Initiative"), and a unit head word follows the parent's name or ends the part before "of": only for
  names the extractor made itself (the reference data states the parents of the units it knows);
* in a sentence, a unit named right before "of (the)" and its parent ("the Legal Aid Department of the Ministry of
  Justice", "Afghan Border Police (ABP) of the Ministry of Interior"), in Chinese right after its parent's name
  (世界海关组织|欧洲地区情报联络中心); Chinese also states it with 下属/下设 (part_after).
"""

from __future__ import annotations

import re
from functools import cache

from kg.core.namespaces import UNODC
from kg.core.resources import rules
from kg.core.vocabulary import BODIES, ORGANIZATIONS as ORGS
from kg.extract.link import Match
from kg.extract.records import Found
from kg.extract.relations.clauses import Sentence
from kg.extract.relations.wholes import WHOLES

UNITS = ORGS | BODIES  # what a unit is: an organisation or a body
_OF = r"\s+of\s+(?:the\s+)?"
_ABBREVIATION = r"(?:\s*\([^()]{1,20}\))?"  # "Afghan Border Police (ABP) of the Ministry …"


@cache
def _heads(lang: str) -> tuple[str, ...]:
    return tuple(rules()["relations"][lang].get("unit_heads", []))


def _ends_with_head(text: str, lang: str) -> bool:
    """Whether *text* (a unit's name or its part before "of") ends with a unit head word."""
    text = re.sub(rf"{_ABBREVIATION}\s*$", "", text.rstrip())
    if lang == "zh":
        return any(text.endswith(h) for h in _heads(lang))
    return any(re.search(rf"\b{re.escape(h)}$", text) for h in _heads(lang))


def _has_head(text: str, lang: str) -> bool:
    """Whether a unit head word stands in *text* (what an English name adds after its parent's: "Organ on Politics …")."""
    if lang == "zh":
        return _ends_with_head(text, lang)
    return any(re.search(rf"\b{re.escape(h)}\b", text) for h in _heads(lang))


def unit_name(named: Match, inner: list[Match], name: str, lang: str) -> list[Found]:
    """The parent a new unit's name holds: at its start, or after "of (the)" at its end (English)."""
    if named.type not in UNITS or named.method != "minted" or not _heads(lang):
        return []
    found = []
    for whole in (m for m in inner if m.type in WHOLES and m.iri != named.iri):
        start, end = whole.start - named.start, whole.end - named.start
        rest = name[end:]
        if start == 0 and rest.strip() and (lang == "zh" or rest[:1] == " ") and _has_head(rest, lang):
            found.append(Found(named.iri, UNODC.partOf, whole.iri, f"unit-name-{lang}", 0.7))
        elif lang == "en" and end == len(name) and (hit := re.search(rf"{_OF}$", name[:start])) \
                and _ends_with_head(name[:hit.start()], lang):
            found.append(Found(named.iri, UNODC.partOf, whole.iri, f"unit-name-{lang}", 0.7))
    return found[:1]


def unit_of(s: Sentence) -> list[Found]:
    """"PART of (the) WHOLE" in one sentence, PART ending with a unit head word; in Chinese WHOLE right before PART."""
    if not _heads(s.lang):
        return []
    found = []
    for part in (m for m in s.mentions if m.type in UNITS):
        if not _ends_with_head(s.text[part.start:part.end], s.lang):
            continue
        if s.lang == "zh":  # 世界海关组织欧洲地区情报联络中心: the parent's name right before the unit's
            whole = next((m for m in s.mentions if m.end == part.start and m.type in WHOLES), None)
            if whole is not None and whole.iri != part.iri:
                found.append(Found(part.iri, UNODC.partOf, whole.iri, f"unit-of-{s.lang}", 0.7))
            continue
        gap = re.match(rf"{_ABBREVIATION}{_OF}", s.text[part.end:])
        whole = gap and next((m for m in s.mentions if m.start == part.end + gap.end() and m.type in WHOLES), None)
        if whole and whole.iri != part.iri:
            found.append(Found(part.iri, UNODC.partOf, whole.iri, f"unit-of-{s.lang}", 0.7))
    return found + _address(s)


def _address(s: Sentence) -> list[Found]:
    """A unit's address, from the smallest unit to the largest, by commas alone at the end of a sentence or before a
    closing parenthesis ("Deputy Director, Anti-Trafficking Office, Criminal Investigation Department, the Ministry of
    Public Security"): each unit is part of the one after it.  A list ("X, Y and Z") states no such thing."""
    found = []
    units = [m for m in s.mentions if m.type in WHOLES]
    for i, part in enumerate(units[:-1]):
        whole = units[i + 1]
        if part.type not in UNITS or not _ends_with_head(s.text[part.start:part.end], s.lang) or \
                not re.fullmatch(r",\s*(?:the\s+)?", s.text[part.end:whole.start]) or whole.iri == part.iri:
            continue
        last = i + 1  # the chain must run by commas alone to the end of the sentence
        while last + 1 < len(units) and re.fullmatch(r",\s*(?:the\s+)?", s.text[units[last].end:units[last + 1].start]):
            last += 1
        if re.fullmatch(r"\s*[.;)]?\s*", s.text[units[last].end:]):
            found.append(Found(part.iri, UNODC.partOf, whole.iri, f"unit-address-{s.lang}", 0.6))
    return found
