"""Evidence that an organisation runs a programme (feature agent of implementedWith candidates, kg.extract.candidates).

An organisation acts on a programme when it stands before the programme in one clause with a verb of running, setting
up or taking part between them ("UNODC, DPKO and INTERPOL set up the West Africa Coast Initiative", "UNODC also
participates in the Spotlight Initiative", 毒罪办和国际移民组织共同实施了该项目), or after the programme and a passive
agent ("the project, implemented by UNDP", 该项目由开发署执行).  Verbs are data (rules.toml [relations.en] /
[relations.zh] frame_verbs and agent_verbs).
"""

from __future__ import annotations

import re

from kg.core.resources import rules
from kg.core.vocabulary import BODIES, PROGRAMMES
from kg.core.vocabulary import ORGANIZATIONS as ORGS
from kg.extract.link import Match
from kg.extract.nlp import alternation
from kg.extract.relations.clauses import CLAUSE_BREAK, UNODC_IRI

AGENTS = ORGS | BODIES
REACH = 80  # characters an agent may stand from its verb and the verb from the programme


def agents(text: str, mentions: list[Match], lang: str) -> set[tuple[int, int]]:
    """(organisation start, programme start) of each organisation that runs, sets up or takes part in a programme."""
    cfg = rules()["relations"][lang]
    verbs = alternation(list(cfg.get("frame_verbs", [])) + list(cfg.get("agent_verbs", [])))
    if not verbs:
        return set()
    active = re.compile(rf"(?<![\w-])(?:{verbs})(?![\w-])" if lang == "en" else f"(?:{verbs})", re.IGNORECASE)
    passive = re.compile(rf"(?<![\w-])(?:{verbs})\s+(?:\w+ly\s+)?by\b" if lang == "en" else r"由\s*$", re.IGNORECASE)
    out: set[tuple[int, int]] = set()
    programmes = [m for m in mentions if m.type in PROGRAMMES]
    for org in (m for m in mentions if m.type in AGENTS):
        for prog in programmes:
            if org.end <= prog.start:
                between = text[org.end:prog.start]
                if len(between) > 2 * REACH or CLAUSE_BREAK.search(between) or not active.search(between):
                    continue
                if _others(mentions, org.end, prog.start, PROGRAMMES):
                    continue  # another programme between them takes the verb
                out.add((org.start, prog.start))
            elif prog.end <= org.start:
                between = text[prog.end:org.start]
                if len(between) > REACH or CLAUSE_BREAK.search(between):
                    continue
                first, last = _agent_run(text, mentions, org, cfg["list_joiners"])  # 由 X 和 Y 联合实施: each of X, Y
                if lang == "en" and passive.search(between) or lang == "zh" and passive.search(text[prog.end:first]) \
                        and active.match(text, last):
                    out.add((org.start, prog.start))
    return out


def _agent_run(text: str, mentions: list[Match], org: Match, joiners: list[str]) -> tuple[int, int]:
    """(start, end) of the run of organisations joined by list joiners that *org* stands in (毒罪办和世界海关组织)."""
    agents_ = [m for m in mentions if m.type in AGENTS]
    joined = re.compile(rf"\s*(?:{alternation(joiners)})?\s*$") if joiners else re.compile(r"\s*$")
    first, last = org, org
    for m in reversed([m for m in agents_ if m.end <= org.start]):
        if not joined.match(text[m.end:first.start]):
            break
        first = m
    for m in (m for m in agents_ if m.start >= org.end):
        if not joined.match(text[last.end:m.start]):
            break
        last = m
    return first.start, last.end


def _others(mentions: list[Match], start: int, end: int, types) -> bool:
    return any(start <= m.start and m.end <= end and m.type in types for m in mentions)


def implied_partners(mentions: list[Match], governed: set[int], topic: Match | None, previous: Match | None):
    """(UNODC's mention, implied partner, carried) for UNODC after a partnership cue in a sentence whose other partner
    is implied: the organisation or body the paragraph or the previous sentence is about ("[SCO …] 已与毒罪办九次共办活动")."""
    implied = {m.iri: m for m in (topic, previous) if m is not None and m.iri != UNODC_IRI and m.type in ORGS | BODIES}
    for partner in implied.values():
        for m in mentions:
            if m.iri == UNODC_IRI and m.start in governed and \
                    not any(o.type in ORGS | BODIES and o.iri != UNODC_IRI and o.start < m.start for o in mentions):
                yield m, partner.iri, partner is previous
