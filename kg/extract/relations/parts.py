"""Part-of rules read from a name or its surroundings: a name headed by a part word before "of" its whole, a name
right after a cue of what lies under a whole (下属, 下的), a body established by another, and a reference entity's parent."""

from __future__ import annotations

import re
from functools import cache

from kg.core.namespaces import UNODC
from kg.core.vocabulary import BODIES, PROGRAMMES
from kg.core.reference import entity_iri, load_entities
from kg.core.resources import rules
from kg.extract.link import Match, gazetteer
from kg.extract.nlp import word_hits
from kg.extract.nested import stated_treaties
from kg.extract.records import Found
from kg.extract.relations.clauses import Sentence
from kg.extract.relations.membership import APPOSITION_GAP, PARTS, WHOLES


def part_head_of(s: Sentence) -> list[Found]:
    """"The Law Enforcement Sub-programme of the Country Programme for Afghanistan", "the Border Component of UNODC's
    Programme for Central Asia", 中亚方案的边境管理子方案: a name whose head word names a part (Sub-programme, Component,
    Pillar …) is part of the programme or body named right after "of" (English) or right before 的 (Chinese)
    (cues: part_heads; part_head_link, a regular expression of what joins them)."""
    heads = tuple(s.cfg.get("part_heads", []))
    link = s.cfg.get("part_head_link", "")
    if not heads or not link:
        return []
    found = []
    for part in (m for m in s.mentions if m.type in PROGRAMMES):
        name = s.text[part.start:part.end]
        if not any(name.lower().endswith(h.lower()) for h in heads):
            continue
        if s.lang == "zh":
            whole = next((m for m in reversed(s.mentions) if m.end <= part.start and m.type in WHOLES
                          and re.fullmatch(link, s.text[m.end:part.start])), None)
        else:
            joined = re.match(link, s.text[part.end:], re.IGNORECASE)
            whole = next((m for m in s.mentions if joined and m.start == part.end + joined.end() and m.type in WHOLES), None)
        if whole is not None and whole.iri != part.iri:
            found.append(Found(part.iri, UNODC.partOf, whole.iri, f"part-head-of-{s.lang}", 0.7))
    return found


def part_after(s: Sentence) -> list[Found]:
    """"全球方案下的海事项目", "麻醉药品委员会下属的工作组": the name right after the cue is part of the name right before it
    (cues: part_after)."""
    found = []
    for cue in s.cfg.get("part_after", []):
        if cue not in s.text:  # the pattern matches the cue itself
            continue
        for hit in word_hits(cue, s.lang, s.text):
            whole = next((m for m in s.mentions if m.type in WHOLES and 0 <= hit.start() - m.end <= 1), None)
            part = next((m for m in s.mentions if m.type in PARTS and 0 <= m.start - hit.end() <= 2), None)
            if whole is not None and part is not None and part.iri != whole.iri:
                found.append(Found(part.iri, UNODC.partOf, whole.iri, f"part-after-{s.lang}", 0.6))
    return found


def _established_pair(s: Sentence, hit: re.Match, whole_first: bool) -> tuple[Match | None, Match | None]:
    """(part, whole) around an establishing cue: "PART, established by WHOLE" (the part before the cue), or
    "WHOLE (第4/4号决定)设立的 PART" (*whole_first*: the whole earlier in the clause, the part right after the cue)."""
    left, right = s.clause(hit.start(), hit.end())
    if whole_first:
        wholes = [m for m in s.between(left, hit.start()) if m.type in BODIES]
        after = len(s.text) - len(s.text[hit.end():].lstrip())
        part = next((m for m in s.mentions if m.type in BODIES and m.start == after), None)
        return part, (wholes[-1] if wholes else None)
    whole = next((m for m in s.mentions if m.type in BODIES and hit.end() <= m.start < right), None)
    before = [m for m in s.mentions if m.end <= hit.start()]
    part = before[-1] if before and before[-1].type in BODIES and APPOSITION_GAP.fullmatch(
        s.text[before[-1].end:hit.start()]) else None
    return part, whole


def established_by(s: Sentence) -> list[Found]:
    """"The Working Group on Trafficking in Persons, established pursuant to decision 4/4 of the Conference of the
    Parties", "缔约方会议设立的工作组": a body another body establishes is part of it (cues: established_by, the part
    first; established_whole_first, the establishing body first), and serves the treaties the name of a treaty body
    that establishes it states (the Conference of the Parties to the Convention)."""
    found = []
    cues = [(cue, False) for cue in s.cfg.get("established_by", [])] + \
        [(cue, True) for cue in s.cfg.get("established_whole_first", [])]
    not_wholes = set(rules()["relations"].get("established_not_part_of", []))
    for cue, whole_first in cues:
        for hit in word_hits(cue, s.lang, s.text):
            part, whole = _established_pair(s, hit, whole_first)
            if part is None or whole is None or part.iri == whole.iri or whole.type in not_wholes:
                continue
            found.append(Found(part.iri, UNODC.partOf, whole.iri, f"established-by-{s.lang}", 0.6))
            if whole.type in rules()["relations"].get("treaty_named_bodies", []):
                found.extend(Found(part.iri, UNODC.serves, t, f"established-by-treaty-body-{s.lang}", 0.6)
                             for t in stated_treaties(gazetteer(s.lang), whole.iri, s.lang))
    return found


@cache
def _reference_parents() -> dict:
    """IRI of every programme, body and organisation of the reference data that has a parent -> its parent's IRI."""
    return {e.iri: entity_iri(e.kind, e.row["parent"]) for e in load_entities()
            if e.kind in ("programme", "body", "organization") and e.row.get("parent")}


def reference_parent(s: Sentence) -> list[Found]:
    """A programme, body or organisation named in one sentence with the whole the reference data says it belongs to
    ("the Global Judicial Integrity Network … the Global Programme for the Implementation of the Doha Declaration",
    a working group and its Conference of the Parties) is part of it; the rule is named by the part's class, so its
    observed precision tells the classes apart (a functional commission and the Council it reports to are not)."""
    parents = _reference_parents()
    here = {m.iri for m in s.mentions}
    return [Found(m.iri, UNODC.partOf, parents[m.iri], f"reference-parent-{m.type}", 0.7)
            for m in s.mentions if m.iri in parents and parents[m.iri] in here and parents[m.iri] != m.iri]
