"""Counts of entities the passage names and binds to the count: "the nine Cosponsors are UNICEF, WFP, …", "five
organizations: CITES, INTERPOL, …", 两大产地——A和B, 中老缅泰湄公河……四国执法部门, 双方……两国.  A count whose counted noun is
a kind of entity (countries, organizations, conventions, regions; 国, 组织, 公约) is the count of named members, not a
quantity (tests/data/annotations/CONVENTIONS.md section 5), when exactly that many names stand in a list bound to it in
its sentence: right after the counted noun (after a colon, a dash, "are", "namely", 即), or, for a Chinese count of 国,
before it in the same sentence (exactly that many States named, also by their one-character short forms, which
:mod:`kg.extract.states_zh` links).  Names elsewhere in the
paragraph, a subset (其中三国, "two of them"), an approximate figure (up to five, 20余国), a partial list (including,
包括) and a total (the number of … reached) leave the count a quantity.  Words: ontology/quantities.toml
(``named_*``, ``subset_words_*`` …).
"""

from __future__ import annotations

import re
from functools import cache

from kg.core.vocabulary import FAMILIES
from kg.extract.amounts import Amount, quantity_tables
from kg.extract.nlp import alternation


@cache
def _kinds(lang: str) -> tuple[tuple[str, frozenset[str], tuple[str, ...]], ...]:
    """(kind, the classes of its entities, the counted nouns of that kind) for *lang*."""
    cfg = quantity_tables()
    out = []
    for kind, nouns in cfg[f"named_kinds_{lang}"].items():
        classes = frozenset().union(*(FAMILIES[f] for f in cfg["named_kind_families"][kind]))
        out.append((kind, classes, tuple(sorted(nouns, key=len, reverse=True))))
    return tuple(out)


@cache
def _patterns(lang: str) -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    """What opens a list of names after a counted noun, what may stand between two names of the list, and what says a
    count is a subset or a figure of its own right before it."""
    cfg = quantity_tables()
    opener = re.compile(rf"\s*(?:{alternation(cfg[f'named_list_openers_{lang}'])})\s*(?:the\s+)?", re.IGNORECASE)
    joiners = alternation(cfg["noun_joiners_zh"] + cfg["named_list_joiners_en"])
    tails = alternation(cfg.get("named_item_tails_en", ())) or "(?!)"
    gap = re.compile(rf"(?:\s+(?:{tails}))?[\s,，()（）;；•·]*(?:(?:{joiners})\s*)?(?:the\s+)?", re.IGNORECASE)
    words = cfg[f"subset_words_{lang}"] + cfg[f"total_words_{lang}"]
    before = re.compile(rf"(?:(?:{alternation(words)})[^，。；,;.]{{0,12}}|(?:{alternation(cfg[f'approximate_words_{lang}'])})\s*)$",
                        re.IGNORECASE)
    return opener, gap, before


def _sentence(text: str, start: int, end: int) -> tuple[int, int]:
    """Where the sentence around text[start:end] begins and ends."""
    stops = r"[。！？；!?;]|\.(?=\s|$)"
    begin = max((m.end() for m in re.finditer(stops, text[:start])), default=0)
    close = re.search(stops, text[end:])
    return begin, end + close.start() if close else len(text)


def _kind(text: str, amount: Amount, lang: str) -> str | None:
    """The kind of entity a count counts: the last word of a kind in its noun and the capitalised words right after it
    ("six original United Nations Cosponsoring Agencies"); in Chinese, 国 before its noun (四国执法部门) or a noun that
    ends in a kind (国家, 组织, 公约)."""
    if lang == "zh":
        for kind, _, nouns in _kinds("zh"):
            if any(amount.unit.endswith(n) for n in nouns) or kind == "Country" and amount.unit.startswith("国"):
                return kind
        return None
    tail = re.match(r"(?:\s+[A-Z][\w-]*){0,4}", text[amount.end:]).group()
    for word in reversed((amount.unit + tail).lower().split()):
        kind = next((k for k, _, nouns in _kinds("en") if word in {n.lower() for n in nouns}), None)
        if kind is not None:
            return kind
    return None


def _listed(text: str, start: int, names: list, gap: re.Pattern) -> int:
    """How many distinct entities a list of names starting at *start* names (a name and its abbreviation in
    parentheses are one item)."""
    listed: list = []
    cursor = start
    for m in sorted(names, key=lambda n: n.start):
        if m.start < cursor:
            continue  # inside the name before (an abbreviation in it)
        between = text[cursor:m.start]
        if not gap.fullmatch(between):
            break
        if between.strip() in ("(", "（") and listed:
            listed[-1] = listed[-1] | {m.iri}
        elif not any(m.iri in item for item in listed):
            listed.append({m.iri})
        cursor = m.end
    return len(listed)


def counts_named(text: str, amount: Amount, mentions, lang: str) -> bool:
    """True when *amount* counts entities that a list bound to it names (*mentions*: the paragraph's outermost names)."""
    cfg = quantity_tables()
    value = amount.value
    if value != value.to_integral_value() or not 2 <= value <= cfg["named_count_max"]:
        return False
    opener, gap, figure = _patterns(lang)
    begin, end = _sentence(text, amount.start, amount.end)
    if figure.search(text, begin, amount.start) or lang == "zh" and re.search(r"[多余]", text[amount.start:amount.end]):
        return False  # 其中三国, "up to five countries", 20余国, "the number of … reached 10"
    after = text[amount.end:amount.end + 16]
    if any(re.match(rf"[\s,，]*{re.escape(w)}", after, re.IGNORECASE) for w in cfg[f"partial_words_{lang}"]):
        return False  # "five countries, including A, B …": some of them named
    kind = _kind(text, amount, lang)
    if kind is None:
        return False
    owner = re.match(r"\s+of\s+[^,:;()（）]{1,40}?(?=\s*[:(]|\s+are\b)", text[amount.end:])  # "six co-sponsors of UNAIDS:"
    opened = opener.match(text, amount.end + (owner.end() if owner else 0))
    if opened and re.match(r"\s*[:：]", text[opened.start():]):  # "three Protocols: A; B; and C.": a list over semicolons
        end = _sentence(text.replace(";", ",").replace("；", "，"), amount.start, amount.end)[1]
    names = [m for m in mentions if begin <= m.start and m.end <= end and not m.start <= amount.start < m.end]
    if opened and _listed(text, opened.end(), [m for m in names if m.start >= opened.end()], gap) == value:
        return True  # "the nine Cosponsors are A, B, …", "five organizations: A, B, …"
    if lang != "zh" or kind != "Country" or not amount.unit.startswith("国"):
        return False
    classes = next(c for k, c, _ in _kinds(lang) if k == kind)
    states = {m.iri for m in names if m.type in classes and m.end <= amount.start}
    if len(states) == value:
        return True  # 中国、老挝、缅甸和泰国……四国, 中老缅泰湄公河……四国执法部门 (State names of kg.extract.states_zh)
    return value == 2 and any(w in text[begin:end] for w in cfg["pair_words_zh"])  # 双方……两国
