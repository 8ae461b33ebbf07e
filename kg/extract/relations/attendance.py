"""Places whose people attend a meeting (feature attendance of operatesIn and assists candidates, kg.extract.candidates).

"Officials from Ghana, Kenya and Peru attended the workshop", "Representatives of X and Y participated", "the meeting,
with participants from X and Y", 来自加纳、肯尼亚和秘鲁的官员参加了讲习班: the places name where the attendees come from,
not where a programme works or whom UNODC assists (that they were trained is stated apart, by a recipient or assistance
cue).  The people nouns and the attendance verbs are data (rules.toml [candidates.en] / [candidates.zh] attendee_nouns,
attendance_verbs).
"""

from __future__ import annotations

import re

from kg.core.resources import rules
from kg.core.vocabulary import PLACES
from kg.extract.link import Match
from kg.extract.nlp import alternation
from kg.extract.relations.clauses import list_after

CLAUSE_END = re.compile(r"[。；;]|\.\s|$")


def attendees(text: str, mentions: list[Match], lang: str) -> set[int]:
    """Start offsets of the places listed as where the attendees of a meeting come from; not when the clause before
    the list has an activity or capacity verb or a 为 frame (UNODC trained officers from X: recipients of its help)."""
    cfg = rules()["candidates"][lang]
    nouns, verbs = alternation(cfg.get("attendee_nouns", [])), alternation(cfg.get("attendance_verbs", []))
    if not nouns or not verbs:
        return set()
    joiners = rules()["relations"][lang]["list_joiners"]
    helping = alternation(rules()["relations"][lang].get("assist_verbs", []) + cfg.get("capacity_verbs", []))
    out: set[int] = set()
    if lang == "en":
        openers = [(hit, True) for hit in re.finditer(rf"\b(?:{nouns})(?:\s+of\s+(?-i:[A-Z])[\w ]{{0,40}}?)?\s+(?:from|of)\s+(?:the\s+)?", text, re.IGNORECASE)]
        if cfg.get("attendee_openers"):  # "with participants from": attendance without a verb
            openers += [(hit, False) for hit in re.finditer(rf"\b(?:{alternation(cfg['attendee_openers'])})\s+(?:the\s+)?",
                                                            text, re.IGNORECASE)]
        verb = re.compile(rf"\b(?:{verbs})\b", re.IGNORECASE)
        for hit, needs_verb in openers:
            listed = list_after(text, mentions, hit.end(), PLACES, joiners)
            before = text[:hit.start()].rsplit(".", 1)[-1]
            if not listed or helping and re.search(rf"\b(?:{helping})\b", before, re.IGNORECASE):
                continue
            rest = text[listed[-1].end:]
            clause = rest[:CLAUSE_END.search(rest).start()]
            if not needs_verb or verb.search(clause[:120]):
                out.update(m.start for m in listed)
        return out
    after = re.compile(rf"^[^。；，,]{{0,12}}?的[^。；，,]{{0,10}}?(?:{nouns})[^。；，,]{{0,30}}?(?:{verbs})")
    for hit in re.finditer(r"来自\s*", text):
        listed = list_after(text, mentions, hit.end(), PLACES, joiners)
        before = re.split(r"[。；，,]", text[:hit.start()])[-1]
        if listed and after.search(text[listed[-1].end:]) and not before.endswith("为") and \
                not (helping and re.search(helping, before)):
            out.update(m.start for m in listed)
    return out
