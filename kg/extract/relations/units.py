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
from kg.extract.nlp import alternation
from kg.extract.records import Found
from kg.extract.relations.clauses import Sentence
from kg.extract.relations.wholes import WHOLES

UNITS = ORGS | BODIES  # what a unit is: an organisation or a body


@cache
def _heads(lang: str) -> tuple[str, ...]:
    return tuple(rules()["relations"][lang].get("unit_heads", []))


@cache
def _pattern(lang: str, key: str) -> str:
    """A pattern of rules.toml [relations.LANG]: unit_of_gap ("of (the)" between a unit and its parent),
    unit_abbreviation (a parenthesis after a unit's name), address_titles (a person's titles before an address)."""
    value = rules()["relations"][lang].get(key, "")
    return alternation(value) if isinstance(value, list) else value


def _ends_with_head(text: str, lang: str) -> bool:
    """Whether *text* (a unit's name or its part before "of") ends with a unit head word."""
    text = re.sub(rf"(?:{_pattern(lang, 'unit_abbreviation') or '(?!)'})?\s*$", "", text.rstrip())
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
        elif lang == "en" and end == len(name) and (hit := re.search(rf"{_pattern(lang, 'unit_of_gap')}$", name[:start])) \
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
        gap = re.match(rf"(?:{_pattern(s.lang, 'unit_abbreviation')})?{_pattern(s.lang, 'unit_of_gap')}", s.text[part.end:]) \
            if _pattern(s.lang, "unit_of_gap") else None
        whole = gap and next((m for m in s.mentions if m.start == part.end + gap.end() and m.type in WHOLES), None)
        if whole and whole.iri != part.iri:
            found.append(Found(part.iri, UNODC.partOf, whole.iri, f"unit-of-{s.lang}", 0.7))
    return found + _address(s)


def _address(s: Sentence) -> list[Found]:
    """A person's address, from the smallest unit to the largest, by commas alone after the person's title and to the end
    of the sentence ("Deputy Director, Anti-Trafficking Office, Criminal Investigation Department, the Ministry of Public
    Security"): each unit is part of the one after it, the last being no unit itself.  A list ("X, Y and Z", "Partners:
    X, Y, Z", "brought together X, Y, Z") states no such thing: no title opens it (address_titles)."""
    titles = _pattern(s.lang, "address_titles")
    if not titles:
        return []
    units = [m for m in s.mentions if m.type in WHOLES]
    comma = re.compile(r",\s*(?:the\s+)?")
    for i, first in enumerate(units):
        # "Vice-Director of X Office, …": the title, "of" and a unit the text names without a mention may open it
        if not re.search(rf"\b(?:{titles})(?:\s+of\s+(?:the\s+)?(?:(?:[A-Z][\w-]*\s+){{0,5}}[A-Z][\w-]*\s*,\s*)?|\s*,\s*)$",
                         s.text[:first.start]):
            continue
        last = i  # the chain runs by commas alone to the end of the sentence
        while last + 1 < len(units) and comma.fullmatch(s.text[units[last].end:units[last + 1].start]):
            last += 1
        chain = units[i:last + 1]
        if len(chain) < 2 or not re.fullmatch(r"\s*[.;)]?\s*", s.text[chain[-1].end:]) or \
                _ends_with_head(s.text[chain[-1].start:chain[-1].end], s.lang) and chain[-1].type in UNITS and \
                not _parent_head(s.text[chain[-1].start:chain[-1].end], s.lang):
            continue
        return [Found(a.iri, UNODC.partOf, b.iri, f"unit-address-{s.lang}", 0.6) for a, b in zip(chain, chain[1:])
                if a.type in UNITS and a.iri != b.iri and _ends_with_head(s.text[a.start:a.end], s.lang)]
    return []


def _parent_head(name: str, lang: str) -> bool:
    """Whether a name is that of a parent body (a ministry, rules.toml [relations.LANG] parent_heads), not of a unit."""
    heads = _pattern(lang, "parent_heads")
    return bool(heads) and re.search(rf"\b(?:{heads})\b", name) is not None
