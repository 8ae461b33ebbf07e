"""The error classes of an evaluation: why a passage's gold item was missed or a predicted one is spurious.

Classes: resolution form, name variant, unknown name, collective reference, implied subject, whose partner,
treaty service, list of places, quantity, other.  The cue words of collective and anaphoric passages are in
ontology/rules.toml ([evaluate]).
"""

from __future__ import annotations

import re

from kg.core.resources import rules

PARTNER_PREDICATES = ("implementedWith", "partnerOf")


def _similar(a: str, b: str) -> bool:
    a, b = a.split(":")[-1], b.split(":")[-1]
    return bool(a and b) and a != b and (a in b or b in a)


def _missed_entity(gid: str, fam: str, pred_ids: set, collective: bool) -> str:
    if fam == "Resolution":
        return "resolution form"
    if any(_similar(gid, p) for p in pred_ids):
        return "name variant"
    if gid.startswith("new:"):
        return "unknown name"
    if collective and fam == "Treaty":
        return "collective reference"
    return "other"


def _spurious_entity(pid: str, fam: str, gold_ids: set) -> str:
    if any(_similar(pid, g) for g in gold_ids):
        return "name variant"
    if fam == "Resolution":
        return "resolution form"
    return "other"


def _unfound_argument(triple: tuple, pred_ids: set, collective: bool, anaphoric: bool) -> str:
    """A missed relation one of whose arguments the extractor did not find."""
    s, _, o = triple
    if collective:
        return "collective reference"
    if (s if s not in pred_ids else o).startswith("new:"):
        return "unknown name"
    if s not in pred_ids and anaphoric:
        return "implied subject"
    return "name variant" if any(_similar(x, q) for x in (s, o) for q in pred_ids) else "implied subject"


def _other_places(triple: tuple, relations: set) -> bool:
    """Another relation of the same subject and predicate with another object: a list of places."""
    s, p, o = triple
    return p in ("operatesIn", "assists") and any(q == p and s2 == s for s2, q, o2 in relations if (s2, q) != (s, p) or o2 != o)


def _missed_relation(triple: tuple, pred_ids: set, gold_rel: set, pred_rel: set, collective: bool, anaphoric: bool) -> str:
    s, p, o = triple
    if s not in pred_ids or o not in pred_ids:
        return _unfound_argument(triple, pred_ids, collective, anaphoric)
    if p == "adoptedBy":
        return "resolution form"
    if p in PARTNER_PREDICATES and any(q in PARTNER_PREDICATES and o in (s2, o2) for s2, q, o2 in pred_rel):
        return "whose partner"
    if p == "serves":
        return "treaty service"
    if _other_places(triple, pred_rel | gold_rel):
        return "list of places"
    if anaphoric:
        return "implied subject"
    if collective:
        return "collective reference"
    return "other"


def _spurious_relation(triple: tuple, gold_rel: set) -> str:
    _, p, o = triple
    if p in PARTNER_PREDICATES and any(q in PARTNER_PREDICATES and o in (s2, o2) for s2, q, o2 in gold_rel):
        return "whose partner"
    return "other"


def classify_misses(case: dict, gold: set, entities: set, gold_rel: set, pred_rel: set, gold_q: set,
                    pred_q: set) -> list[tuple]:
    """The misses and spurious items of one case, each as (error class, section, missed|spurious, case id, item)."""
    cfg = rules().get("evaluate", {})
    text = case["text"]
    lowered = text.lower()
    collective = any(w.lower() in lowered for w in cfg.get("collective_markers", []))
    anaphoric = any(re.search(p, text, flags=re.I) for p in cfg.get("anaphor_markers", []))
    pred_ids = {p for p, _ in entities}
    gold_ids = {g for g, _ in gold}
    found = []
    for gid, fam in sorted(gold - entities):
        if gid not in pred_ids:
            found.append((_missed_entity(gid, fam, pred_ids, collective), "entities", "missed", gid))
    for pid, fam in sorted(entities - gold):
        if pid not in gold_ids:
            found.append((_spurious_entity(pid, fam, gold_ids), "entities", "spurious", pid))
    for triple in sorted(gold_rel - pred_rel):
        found.append((_missed_relation(triple, pred_ids, gold_rel, pred_rel, collective, anaphoric), "relations", "missed", triple))
    for triple in sorted(pred_rel - gold_rel):
        found.append((_spurious_relation(triple, gold_rel), "relations", "spurious", triple))
    found += [("quantity", "quantities", "missed", item) for item in sorted(gold_q - pred_q)]
    found += [("quantity", "quantities", "spurious", item) for item in sorted(pred_q - gold_q)]
    return [(error, section, kind, case["id"], item) for error, section, kind, item in found]
