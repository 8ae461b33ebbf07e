"""The features of a relation candidate (kg.extract.candidates): the evidence a sentence holds for each pair of
mentions (the cue class that governs the object, list membership, distance, clause, subject position, negation, the
cues that a place is no place of work, membership evidence …), as a tuple in the order of FEATURES, and the kinds of
relation with their subject test and object types.  Cue words are data (ontology/rules.toml)."""

from __future__ import annotations

import re
from functools import cache

from kg.core.namespaces import ID, UNODC
from kg.core.resources import rules
from kg.core.vocabulary import BODIES, INSTRUMENTS, ORGANIZATIONS as ORGS, PLACES, PROGRAMMES, TREATIES
from kg.extract.link import Match
from kg.extract.nlp import any_word
from kg.extract.relations.agents import agents
from kg.extract.relations.attendance import attendees
from kg.extract.relations.clauses import CLAUSE_BREAK, clause_span
from kg.extract.relations.evidence import (closed_by, flowing, funders, gap, governed,
                                           government_actor, in_dateline, recipients, attached_programmes,
                                           name_complements)
from kg.extract.relations.model import Model, load_model as _load_model
from kg.extract.relations.partners import partner_hits
from kg.extract.relations.wholes import PARTS, WHOLES, member_evidence, part_features

UNODC_IRI = ID["organization/unodc"]
REFERENCE_METHODS = frozenset({"anaphor", "topic"})

# relation kind -> (subject test, object types)
KINDS = {
    "operatesIn": (lambda m: m.type in PROGRAMMES, PLACES),
    "assists": (lambda m: m.iri == UNODC_IRI, PLACES),
    "implementedWith": (lambda m: m.type in PROGRAMMES, ORGS),
    "partnerOf": (lambda m: m.iri == UNODC_IRI, ORGS | BODIES),
    "serves": (lambda m: m.type in PROGRAMMES or m.type in BODIES or m.type in INSTRUMENTS, TREATIES),
    "partOf": (lambda m: m.type in PARTS, WHOLES),  # the part is the subject (kg.extract.relations.wholes)
}
# relations whose subject is UNODC (the annotation guideline: partnerOf is written UNODC first; assists is UNODC's
# help to a country or region, a national body or another agency acting in its own country is not it)
UNODC_ONLY = frozenset({"partnerOf", "assists"})
RULES_DECIDE = frozenset(rules()["candidates"]["fitting"].get("rules_decide", []))  # the model adds to their rules
_DECIDED = frozenset(UNODC[k] for k in RULES_DECIDE)
FEATURES = (
    "bias", "rule", "cue_location", "cue_partner", "cue_assist", "cue_service", "cue_after", "in_list",
    "same_clause", "distance", "subject_before", "subject_first", "subject_reference", "subject_implied",
    "competitors", "between", "negation", "not_assistance", "flow", "activity", "recipient", "nearest", "modal",
    "dateline", "venue", "adjective", "subject_previous", "funder", "partner_place", "government_actor",
    "minted", "assisted", "treaty_body", "attached_other", "rule_doubt", "cue_member", "whole_member", "whole_head",
    "programmes", "member_pair", "co_listed", "agent", "object_unodc", "attendance", "member_place",
)


def load_model() -> Model | None:
    """The fitted model of ontology/relation-weights.toml, or None when there is none or it was fitted for other features."""
    return _load_model(FEATURES)


@cache
def cues(lang: str) -> dict:
    cfg = rules()["relations"][lang]
    return {
        "location": cfg["operates_before"],
        "partner": cfg["partner_before"],
        "assist": cfg["assist_before"] + cfg.get("assist_direct", []),
        "service": cfg["serves"],
        "after": cfg.get("operates_after", []) + cfg.get("partner_after", []) + cfg.get("assist_after", [])
        + cfg.get("serves_after", []),
        "negation": rules()["candidates"][lang]["negation"],
        "not_assistance": rules()["candidates"][lang].get("not_assistance", []),
        "flow": rules()["candidates"][lang].get("flow", []),
        "activity": cfg.get("assist_verbs", []),
        "modal": rules()["candidates"][lang].get("modal", []),
        "dateline": rules()["candidates"][lang].get("dateline", ""),
        "venue": rules()["candidates"][lang].get("venue", []),
        "venue_after": rules()["candidates"][lang].get("venue_after", []),
        "funding": rules()["candidates"][lang].get("funding", []),
        "funding_after": rules()["candidates"][lang].get("funding_after", []),
        "government_heads": rules()["candidates"][lang].get("government_heads", []),
        "adjectives": frozenset(a for a, _ in rules()["link"].get("adjectives_en", [])) if lang == "en" else frozenset(),
        "negation_tail": f"(?![{re.escape(rules()['candidates'][lang]['negation_not_before'])}])"
        if rules()["candidates"][lang].get("negation_not_before") else "",
        "modal_tail": "".join(rf"(?!\s*{re.escape(w)}\b)" for w in rules()["candidates"][lang].get("modal_not_before", [])),
    }


def rule_doubt(rule: str) -> float:
    """Feature rule_doubt: how much less often than a usual rule *rule* was right in the annotations (0 without a model)."""
    model = load_model()
    return model.rule_doubt(rule) if model is not None and rule else 0.0


def evidence(text: str, mentions: list[Match], lang: str, cues: dict) -> dict[str, set[int]]:
    """Start offsets of the mentions each kind of cue governs in a sentence."""
    cfg = rules()["relations"][lang]
    joiners = cfg["list_joiners"]
    heads = tuple(cfg.get("possessor_heads", []))
    hits = tuple(hit.end() for _, hit in partner_hits(text, cfg))
    location = governed(text, mentions, cues["location"], PLACES, joiners)
    assist = governed(text, mentions, cues["assist"], PLACES, joiners, heads=heads)
    worked = location | assist  # 在阿富汗的海洛因缉获工作中: a place of work, whatever follows it
    return {
        "location": location,
        "partner": governed(text, mentions, [], ORGS | BODIES, joiners, hits),
        "assist": assist,
        # policy advice or support given to an organisation (向阿拉伯国家联盟提供了政策咨询): partnership evidence
        "assist_org": governed(text, mentions, cues["assist"], ORGS | BODIES, joiners),
        "flow": governed(text, mentions, cues["flow"], PLACES, joiners)
        | flowing(text, mentions, rules()["candidates"][lang], joiners, worked),
        "venue": governed(text, mentions, cues["venue"], PLACES, joiners) | closed_by(text, mentions, cues["venue_after"]),
        "funder": funders(text, mentions, lang, PLACES, joiners, heads),
        "funder_org": governed(text, mentions, rules()["candidates"][lang].get("org_funding", []), ORGS | BODIES, joiners)
        | closed_by(text, mentions, rules()["candidates"][lang].get("org_funding_after", []), ORGS | BODIES), "agents": agents(text, mentions, lang),
        "attendance": attendees(text, mentions, lang),
        "partner_place": governed(text, mentions, [], PLACES, joiners, hits, heads=heads),
        "attached": name_complements(text, mentions, cfg.get("name_complement", ""), joiners)
        | attached_programmes(text, mentions, cfg.get("framework_before", [])),
        "recipient": recipients(text, mentions, lang, rules()["candidates"][lang], joiners,
                                cues["activity"] + rules()["candidates"][lang].get("capacity_verbs", [])),
        "members": member_evidence(text, mentions, lang),
    }


def features(text: str, mentions: list[Match], lang: str, kind: str, subject: Match | None, obj: Match,
              by_rule: str, governed: dict, listed: dict, cues: dict, carried: bool = False, minted: bool = False) -> tuple:
    """The feature values of one candidate (*subject* None: implied) in the order of FEATURES."""
    is_subject = KINDS[kind][0]
    subjects = [m for m in mentions if is_subject(m)]
    memo = governed.setdefault("clause_cues", {})  # one sentence's: a pair's clause cues are its object's
    left, right = _object_clause(memo, text, obj)
    clause = text[left:right]
    before_object = text[max(left, obj.start - 30):obj.start]
    service = kind == "serves" and (any(c.lower() in before_object.lower() for c in cues["service"])
                                    or any(text[obj.end:obj.end + 16].lstrip("》 的及其各项议定书").startswith(c) for c in cues["after"]))
    negation = _clause_has(memo, clause, (left, right), cues, "negation", lang, "negation_tail")
    not_assistance = kind in ("assists", "operatesIn") and _clause_has(memo, clause, (left, right), cues, "not_assistance",
                                                                       lang, "modal_tail", re.IGNORECASE)
    activity = kind in ("assists", "operatesIn") and _clause_has(memo, clause, (left, right), cues, "activity", lang)
    if subject is not None:
        a, b = sorted((subject, obj), key=lambda m: m.start)
        first, last = listed.get(obj.start, (obj.start, obj.end))  # to the list the object stands in, not to the item
        distance = max(0, first - subject.end) if subject.end <= obj.start else max(0, subject.start - last)
        same_clause = not CLAUSE_BREAK.search(text, a.end, b.start) if a.end <= b.start else True
        between = any(a.end <= m.start and m.end <= b.start and is_subject(m) and m.iri != subject.iri for m in mentions)
        # the members of one collective reference ("Both programmes") share its span: none competes with another
        first = bool(subjects) and (subjects[0].iri == subject.iri or _span(subjects[0]) == _span(subject))
        reference = subject.method in REFERENCE_METHODS
        before = subject.end <= obj.start
    else:
        distance, same_clause, between, first, reference, before = len(text), False, False, False, False, True
    together = {m.iri for m in subjects if subject is not None and _span(m) == _span(subject)}
    competitors = len({m.iri for m in subjects} - together - ({subject.iri} if subject is not None else set()))
    nearest = subject is not None and all(gap(m, obj) >= gap(subject, obj) for m in subjects if m.iri != subject.iri)
    values = {
        "bias": 1.0,
        "rule": float(bool(by_rule)),
        "rule_doubt": rule_doubt(by_rule),
        # the cue classes are read from the frame that opens the object's list in either language (在/向/与 X …, "in X",
        # "assistance to X"); a Chinese word after the object alone (日本提供的资金, 泰国开展的工作: the place acts) is no cue,
        # and cue_after, a Chinese-only feature whose weight acted as a language offset, stays 0
        "cue_location": float(obj.start in governed["location"]),
        "cue_partner": float(obj.start in governed["partner"] or (kind == "partnerOf" and subject is not None
                                                                  and subject.start in governed["partner"])),
        "cue_assist": float(obj.start in governed["assist"] or (kind == "partnerOf" and obj.start in governed["assist_org"])),
        "cue_service": float(service),
        "cue_after": 0.0,
        "in_list": float(obj.start in listed),
        "same_clause": float(same_clause),
        # in characters of the language: a Chinese sentence says in 27 characters what an English one says in 100
        "distance": min(1.0, distance / float(rules()["candidates"][lang].get("distance_chars", 100))),
        "subject_before": float(before),
        "subject_first": float(first),
        "subject_reference": float(reference),
        "subject_implied": float(subject is None),
        "competitors": min(3, competitors) / 3.0,
        "between": float(between),
        "negation": float(negation),
        "not_assistance": float(not_assistance),
        "flow": float(kind in ("operatesIn", "assists") and obj.start in governed["flow"]),
        "activity": float(activity),
        "recipient": float(kind in ("operatesIn", "assists") and obj.start in governed["recipient"]),
        "nearest": float(nearest),
        "modal": float(_clause_has(memo, clause, (left, right), cues, "modal", lang, "modal_tail", re.IGNORECASE)),
        "dateline": float(kind in ("operatesIn", "assists") and in_dateline(text, obj, cues["dateline"])),
        "venue": float(kind in ("operatesIn", "assists") and obj.start in governed["venue"]),
        "adjective": float(text[obj.start:obj.end] in cues["adjectives"]),
        "subject_previous": float(carried),
        "minted": float(minted),
        "assisted": float(kind == "operatesIn" and obj.start in governed["assisted"]),
        # a body whose class exists for a treaty (a conference of the parties, a review mechanism, a working group)
        # the place has its own programme in a parenthesis after it, another than this subject
        "attached_other": float(kind == "operatesIn" and obj.start in governed["attached"]
                                and (subject is None or governed["attached"][obj.start].iri != subject.iri)),
        "treaty_body": float(kind == "serves" and subject is not None and subject.type in _treaty_bodies()),
        "funder": float(obj.start in governed["funder"] if kind in ("operatesIn", "assists") else
                        kind in ("implementedWith", "partnerOf") and obj.start in governed["funder_org"]),
        "agent": float(kind == "implementedWith" and subject is not None and (obj.start, subject.start) in governed["agents"]),
        "object_unodc": float(kind == "implementedWith" and obj.iri == UNODC_IRI),
        "attendance": float(kind in ("operatesIn", "assists") and obj.start in governed["attendance"]),
        # a place listed as a member of a network or initiative (its members include X and Y): a member, not a place of work
        "member_place": float(kind in ("operatesIn", "assists") and obj.start in governed["members"]["place"]),
        "partner_place": float(kind in ("operatesIn", "assists") and obj.start in governed["partner_place"]),
        **part_features(text, lang, kind == "partOf", subject, obj, governed["members"], listed),
        "government_actor": float(kind in ("operatesIn", "assists") and subject is not None and obj.end <= subject.start
                                  and government_actor(text, obj, left, cues["government_heads"], lang)),
    }
    return tuple(values[name] for name in FEATURES)


@cache
def _treaty_bodies() -> frozenset:
    """The body classes that exist for a treaty (rules.toml relations.treaty_named_bodies)."""
    return frozenset(rules()["relations"].get("treaty_named_bodies", []))


def _object_clause(memo: dict, text: str, obj: Match) -> tuple[int, int]:
    """The clause around *obj*, found once a sentence (*memo*): every subject paired with it shares it."""
    key = (obj.start, obj.end)
    if key not in memo:
        memo[key] = clause_span(text, obj.start, obj.end)
    return memo[key]


def _clause_has(memo: dict, clause: str, span: tuple[int, int], cues: dict, name: str, lang: str, tail: str = "",
                flags: int = 0) -> bool:
    """Whether *clause* (at *span* of the sentence) holds a cue of *name*, scanned once a sentence (*memo*)."""
    key = (*span, name)
    if key not in memo:
        memo[key] = any_word(clause, cues[name], lang, cues[tail] if tail else "", flags)
    return memo[key]


def _span(m: Match) -> tuple[int, int]:
    return m.start, m.end
