"""What every relation rule reads: the sentence with its mentions, its clauses and the lists it names."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache, cached_property

from rdflib import URIRef

from kg.core.namespaces import ID, UNODC
from kg.core.vocabulary import ORGANIZATIONS as ORGS
from kg.core.vocabulary import PLACES, PROGRAMMES
from kg.extract.link import Match
from kg.extract.nlp import alternation, word_pattern
from kg.extract.records import Found

UNODC_IRI = ID["organization/unodc"]
CLAUSE_BREAK = re.compile(r"[。；;!?！？]|,\s*(?:while|whereas)\b")


@dataclass
class Sentence:
    """One sentence of normalised text, its mentions (sorted), its language's cue data and the paragraph's topic."""

    text: str
    mentions: list[Match]
    lang: str
    cfg: dict
    topic: Match | None = None
    programmes: list[Match] = field(init=False)

    def __post_init__(self) -> None:
        self.programmes = [m for m in self.mentions if m.type in PROGRAMMES]

    @property
    def joiners(self) -> list[str]:
        return self.cfg["list_joiners"]

    @cached_property
    def verb_re(self) -> re.Pattern | None:
        """The assistance verbs ("trains", 举办) as one pattern; None when the language has none."""
        verbs = self.cfg.get("assist_verbs", [])
        return _verb_pattern(tuple(verbs), self.lang) if verbs else None

    def clause(self, start: int, end: int) -> tuple[int, int]:
        return clause_span(self.text, start, end)

    def list_after(self, pos: int, types: set[str], also: frozenset = frozenset()) -> list[Match]:
        return list_after(self.text, self.mentions, pos, types, self.joiners, also)

    def past_possessor(self, pos: int) -> int:
        """*pos* moved past the head of a possessor phrase ("the Governments of") that stands right there."""
        return past_possessor(self.text, pos, self.cfg.get("possessor_heads", []), self.mentions)

    def between(self, left: int, pos: int) -> list[Match]:
        """The mentions inside [left, pos)."""
        return [m for m in self.mentions if left <= m.start and m.end <= pos]

    def subject_before(self, pos: int) -> URIRef:
        """The last organisation of the clause before *pos*, else UNODC."""
        left, _ = self.clause(pos, pos)
        orgs = [m for m in self.between(left, pos) if m.type in ORGS]
        return orgs[-1].iri if orgs else UNODC_IRI

    def word_pattern(self, cue: str) -> str:
        """A cue as a whole word in English, as a plain substring in Chinese."""
        return word_pattern(cue, self.lang)


def _skip_parenthesis(text: str, cursor: int, gap: str, m: Match, filler: re.Pattern) -> tuple[bool, str]:
    """A parenthesis inside a list ("支持阿根廷（通过“聚光灯倡议”）和利比亚") is skipped: (skip *m*, the gap to judge)."""
    opening = re.match(r"\s*[（(]", gap)
    if not opening:
        return False, gap
    close = re.search(r"[)）]", text[cursor + opening.end():])
    if close is None:
        return False, gap
    end = cursor + opening.end() + close.end()
    if m.start < end:
        return True, gap
    return False, text[end:m.start] if filler.match(text[end:m.start]) else gap


@cache
def list_gap(joiners: tuple[str, ...], at_least_one: bool = False) -> re.Pattern:
    """What may stand between two items of a list: space, "the" and the list *joiners* (at least one of them when
    *at_least_one*) (made once per joiners)."""
    return re.compile(rf"^(?:\s|the\b|{alternation(joiners)}){'+' if at_least_one else '*'}$")


@cache
def _verb_pattern(verbs: tuple[str, ...], lang: str) -> re.Pattern:
    """The verbs as one pattern, longest first (made once per list, not per sentence)."""
    alternatives = alternation(verbs)
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])" if lang == "en" else alternatives)


def list_after(text: str, mentions: list[Match], pos: int, types: set[str], joiners: list[str],
                also: frozenset = frozenset()) -> list[Match]:
    """Mentions of *types* starting at *pos*, separated only by list joiners.

    An abbreviation in parentheses after a name ("the World Health Organization (WHO)") is
    skipped; mentions of the types in *also* continue the list without being returned.
    """
    items: list[Match] = []
    filler = list_gap(tuple(joiners))
    cursor = pos
    last = None
    for m in mentions:
        if m.start < cursor:
            continue
        gap = text[cursor:m.start]
        if last is not None and m.iri == last.iri and re.fullmatch(r"\s*[(（]\s*", gap):
            close = re.match(r"\s*[)）]", text[m.end:])
            cursor = m.end + (close.end() if close else 0)
            continue
        if last is not None:
            skip, gap = _skip_parenthesis(text, cursor, gap, m, filler)
            if skip:
                continue
            if not filler.match(gap):
                break
        elif gap.strip(" 　the"):
            break
        if m.type not in types and m.type not in also:
            break
        if m.type in types:
            items.append(m)
        last = m
        cursor = m.end
    return items


def past_possessor(text: str, pos: int, heads: list[str], mentions: list[Match] = ()) -> int:
    """*pos* moved past "the Governments of" or "organisations like" (one of *heads*, with an optional "the" around it and up
    to three modifiers before it: "the Federal Government of", "14 international organizations, including") when it
    stands there, and no name stands among the words it skips ("Kenya and countries of East Africa" is a list, not a
    possessor: Kenya is kept); without *mentions*, the modifiers are lower-case words other than "and"/"or"."""
    if not heads:
        return pos
    alternatives = alternation(heads)
    words = r"(?:[A-Za-z-]+|\d[\d,]*)\s+" if mentions else r"(?!(?:and|or)\b)(?:[a-z][a-z-]*|\d[\d,]*)\s+"  # "14 international organizations"
    # a Chinese head needs no space after it (向包括肯尼亚和加纳在内的……)
    hit = re.compile(rf"\s*(?:the\s+)?(?:{words}){{0,3}}?(?:{alternatives})(?:\s+|(?<=[^\x00-\x7f])\s*)(?:the\s+)?").match(text, pos)
    if hit is None or any(pos <= m.start < hit.end() for m in mentions):
        return pos
    return hit.end()


def clause_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The clause around [start, end): bounded by strong punctuation."""
    left = max((m.end() for m in CLAUSE_BREAK.finditer(text, 0, start)), default=0)
    right = next((m.start() for m in CLAUSE_BREAK.finditer(text, end)), len(text))
    return left, right


def supported_places(s: Sentence, pos: int, partners: list[Match]) -> list[Found] | None:
    """'With the support of X, PLACE …': the organisations among *partners* assist the places listed right at *pos*
    (None when no place list starts there)."""
    places = s.list_after(pos, PLACES)
    if not places or places[0].start != pos:
        return None
    return [Found(partner.iri, UNODC.assists, place.iri, f"assist-support-{s.lang}", 0.6)
            for partner in partners if partner.type in ORGS for place in places]


def partnership(a: URIRef, b: URIRef, rule: str, confidence: float) -> Found:
    """partnerOf is symmetric: UNODC first, else the two IRIs in order."""
    if b == UNODC_IRI or (a != UNODC_IRI and str(b) < str(a)):
        a, b = b, a
    return Found(a, UNODC.partnerOf, b, rule, confidence)
