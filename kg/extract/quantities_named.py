"""Counts of entities the passage names: "the nine Cosponsors are UNICEF, WFP, …", "ten UN system organizations …
UNICEF, UNDP, …", 中老缅泰……四国执法部门, 双方……两国.  A count whose counted noun is a kind of entity (countries,
organizations, conventions, regions; 国, 组织, 公约) and whose paragraph names at least as many entities of that kind
counts named members: it is not a quantity (tests/data/annotations/CONVENTIONS.md section 5).  A count whose members
are not all named ("22 governments", 东盟十国 beside two named States) and a total stated in its own right ("the
number of States parties reached 10") stay quantities.  Words: ontology/quantities.toml (``named_kinds_*``).
"""

from __future__ import annotations

import re
from functools import cache

from kg.core.vocabulary import FAMILIES
from kg.extract.amounts import Amount, quantity_tables


@cache
def _kinds(lang: str) -> tuple[tuple[str, frozenset[str], tuple[str, ...]], ...]:
    """(kind, the classes of its entities, the counted nouns of that kind) for *lang*."""
    cfg = quantity_tables()
    out = []
    for kind, nouns in cfg[f"named_kinds_{lang}"].items():
        classes = frozenset().union(*(FAMILIES[f] for f in cfg["named_kind_families"][kind]))
        out.append((kind, classes, tuple(sorted(nouns, key=len, reverse=True))))
    return tuple(out)


def _kind_en(text: str, amount: Amount) -> str | None:
    """The kind of entity an English count counts: its noun, or a capitalised name of a kind right after it ("six
    original United Nations Cosponsoring Agencies")."""
    tail = re.match(r"(?:\s+[A-Z][\w-]*){0,4}", text[amount.end:]).group()
    for word in reversed((amount.unit + tail).lower().split()):  # the head: the last word of a kind
        kind = next((k for k, _, nouns in _kinds("en") if word in {n.lower() for n in nouns}), None)
        if kind is not None:
            return kind
    return None


def _kind_zh(amount: Amount) -> str | None:
    """The kind of entity a Chinese count counts: 国 before its noun (四国执法部门) or a noun that ends in a kind
    (国家, 组织, 公约)."""
    for kind, _, nouns in _kinds("zh"):
        if any(amount.unit.endswith(n) for n in nouns) or kind == "Country" and amount.unit.startswith("国"):
            return kind
    return None


def _abbreviated_states(text: str, mentions) -> int:
    """The most States a run of one-character names writes (中老缅泰 = 4, 中越 = 2), outside any name (中美洲)."""
    letters = quantity_tables()["state_abbreviations_zh"]
    best = 0
    for run in re.finditer(rf"[{letters}]{{2,}}", text):
        if len(set(run.group())) == len(run.group()) and not any(m.start < run.end() and run.start() < m.end for m in mentions):
            best = max(best, len(run.group()))
    return best


def counts_named(text: str, amount: Amount, mentions, lang: str) -> bool:
    """True when *amount* counts entities that the paragraph *text* names (*mentions*: its outermost names)."""
    value = amount.value
    cfg = quantity_tables()
    if value != value.to_integral_value() or not 2 <= value <= cfg["named_count_max"]:
        return False
    before = text[max(0, amount.start - 40):amount.start]
    if any(w in before for w in cfg[f"total_words_{lang}"]):
        return False  # "the number of States parties reached 10": a total in its own right
    if re.search(rf"(?:{'|'.join(map(re.escape, cfg[f'approximate_words_{lang}']))})\s*$", before, re.IGNORECASE) or (
            lang == "zh" and re.search(r"[多余]", text[amount.start:amount.end])):
        return False  # "up to five countries", 20余国: a figure, not the members it names
    after = text[amount.end:amount.end + 16]
    if any(re.match(rf"[\s,，]*{re.escape(w)}", after) for w in cfg[f"partial_words_{lang}"]):
        return False  # "five countries, including A, B …": some of them named
    kind = _kind_zh(amount) if lang == "zh" else _kind_en(text, amount)
    if kind is None:
        return False
    classes = next(c for k, c, _ in _kinds(lang) if k == kind)
    named = len({m.iri for m in mentions if m.type in classes and not (m.start <= amount.start < m.end)})
    if lang == "zh" and kind == "Country":
        named = max(named, _abbreviated_states(text, mentions))
        if value == 2 and any(w in text for w in cfg["pair_words_zh"]) and amount.unit.startswith("国"):
            named = max(named, 2)  # 双方……两国: the two sides
    return named >= value
