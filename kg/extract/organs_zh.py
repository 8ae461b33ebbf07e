"""Organs of an organisation named bare, after a cue that says the organisation is made of them: 上海合作组织有两个常设
机构，分别是设在北京的秘书处和……地区反恐机构; 非常设机构包括元首理事会、外长理事会……; ICPO由总会、执行委员会……组成;
成员国元首理事会是上合组织最高决策机构.

An organ's name is a list item after a structure cue (rules.toml [mint.zh_organs] structure_cues), cut after its
last 的/是 (设在北京的秘书处) and before a counted description (执行委员会两个非常设机构), that ends with an organ head
(organ_heads) and holds no other name; or a name ending with such a head right before 是 and the organisation, with
an organ noun (organ_nouns) soon after it.  The organisation is the cue's subject, named right before it in its sentence (or after 是); an organ of an
intergovernmental organisation is an IntergovernmentalBody, a national body's unit a NationalBody.
The organ is minted with its bare name as written and a key scoped by its organisation, so 秘书处 of one
organisation is not the 秘书处 of another; the owner's name before it is kept as another form.
"""

from __future__ import annotations

import re

from kg.core.namespaces import ID
from kg.core.resources import rules
from kg.core.vocabulary import BODIES, ORGANIZATIONS
from kg.extract.link import Match
from kg.extract.minted import Minted, _clean

SENTENCE_END = re.compile(r"[。！？；!?;]")
OWNERS = ORGANIZATIONS | BODIES
INTERGOVERNMENTAL = BODIES | {"IntergovernmentalOrganization", "UNEntity"}


def _settings() -> dict:
    return rules()["mint"].get("zh_organs", {})


def _owner_before(text: str, at: int, matches: list[Match], found: list[Minted]) -> tuple[str, str] | None:
    """(key prefix, name) of the organisation that is the subject of the cue at *at*: named right before it in its
    sentence, with only the words of rules.toml [mint.zh_organs] owner_gap between (X设有, X的机构包括,
    X有两个常设机构); a reference one by its IRI, a new one by its name."""
    gap = _settings().get("owner_gap", "")
    for m in list(matches) + list(found):
        if m.end <= at and m.type in ORGANIZATIONS and re.fullmatch(gap, text[m.end:at]):
            key = str(m.iri).removeprefix(str(ID)) if isinstance(m, Match) else m.key or m.name
            return key, m
    return None


def _items(text: str, s: int, e: int, cfg: dict) -> list[tuple[int, int]]:
    """The list items of text[s:e]: cut at every joiner of rules.toml [mint.zh_organs] item_joiners, and at a word
    joiner (word_joiners: 和, 及, 与) only after an organ head or organ noun (和平与安全理事会 is one name)."""
    hard = "|".join(map(re.escape, sorted(cfg.get("item_joiners", ()), key=len, reverse=True))) or "(?!)"
    soft = "|".join(map(re.escape, sorted(cfg.get("word_joiners", ()), key=len, reverse=True))) or "(?!)"
    ends = tuple(cfg.get("organ_heads", ())) + tuple(cfg.get("organ_nouns", ())) + tuple(cfg.get("item_heads", ()))
    out, start = [], s
    for j in re.finditer(f"{hard}|{soft}", text[s:e]):
        at = s + j.start()
        if re.fullmatch(hard, j.group(0)) or text.endswith(ends, start, at):
            out.append((start, at))
            start = s + j.end()
    out.append((start, e))
    return [(a, b) for a, b in out if b > a]


def _item_names(text: str, s: int, e: int, cfg: dict, taken: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The organ names among the list items of text[s:e]."""
    heads = tuple(sorted(cfg.get("organ_heads", ()), key=len, reverse=True))
    bare = set(cfg.get("bare_organs", ()))
    cuts = "|".join(map(re.escape, cfg.get("item_openers", ())))
    counted = cfg.get("counted_pattern", "(?!)")
    out = []
    for start, end in _items(text, s, e, cfg):
        count = re.search(counted, text[start:end])
        if count:
            end = start + count.start()
        opened = [m.end() for m in re.finditer(cuts, text[start:end])] if cuts else []
        start += opened[-1] if opened else 0
        name = text[start:end].strip()
        if not name or not name.endswith(heads) or len(name) > cfg.get("max_chars", 12):
            continue
        if not re.fullmatch(r"[\u4e00-\u9fff（）()]+", name) or any(w in name for w in cfg.get("not_in_names", ())):
            continue
        if name in heads and name not in bare:
            continue
        if any(a < end and start < b and not (start < a and b == end) for a, b in taken):
            continue  # a shorter name ending the organ's (中央事务局 in 国家中央事务局) gives way to it
        out.append((start, end))
    return out


def listed_organs(text: str, matches: list[Match], found: list[Minted]) -> list[Minted]:
    """Organs named bare in a paragraph after a cue that the organisation named before is made of them (a new name
    of *found* that ends an organ's name is part of it: the caller drops it)."""
    cfg = _settings()
    cues = "|".join(map(re.escape, sorted(cfg.get("structure_cues", ()), key=len, reverse=True)))
    if not cues:
        return []
    taken = [(m.start, m.end) for m in matches] + [(m.start, m.end) for m in found]
    out: list[Minted] = []
    scanned = 0
    last = None  # (sentence end, owner) of the last cue: a cue opening the next sentence has its subject (非常设机构包括……)
    for cue in re.finditer(cues, text):
        owner = _owner_before(text, cue.start(), matches, found)
        opened = max((b.end() for b in SENTENCE_END.finditer(text, 0, cue.start())), default=0)
        if owner is None and last is not None and last[0] == opened and re.fullmatch(cfg.get("owner_gap", ""), text[opened:cue.start()]):
            owner = last[1]
        if owner is not None:
            stop = SENTENCE_END.search(text, cue.end())
            last = ((stop.end() if stop else len(text)), owner)
        if owner is None or cue.start() < scanned:
            continue  # a cue inside a list already read (……两个非常设机构和……)
        stop = SENTENCE_END.search(text, cue.end())
        end = stop.start() if stop else len(text)
        closing = re.search(cfg.get("closing_pattern", "(?!)"), text[cue.end():end])
        if closing is None and cue.group(0) in cfg.get("closed_cues", ()):
            continue
        end = cue.end() + closing.start() if closing else end
        scanned = end
        for s, e in _item_names(text, cue.end(), end, cfg, taken):
            out.append(_organ(text, s, e, owner))
            taken.append((s, e))
    out += _organs_named_as_organs(text, matches, found, cfg, taken)
    return sorted(out, key=lambda m: (m.start, m.end))


def _organs_named_as_organs(text: str, matches: list[Match], found: list[Minted], cfg: dict, taken: list) -> list[Minted]:
    """成员国元首理事会是上合组织最高决策机构: a name ending with an organ head that opens its sentence, right before 是
    and an organisation, with an organ noun within a few characters after the organisation."""
    heads = "|".join(map(re.escape, sorted(cfg.get("organ_heads", ()), key=len, reverse=True)))
    nouns = "|".join(map(re.escape, cfg.get("organ_nouns", ())))
    if not heads or not nouns:
        return []
    out = []
    for hit in re.finditer(rf"(?:^|(?<=[。！？；!?;，,\s]))([\u4e00-\u9fff]{{0,8}}(?:{heads}))是", text):
        s, e = hit.span(1)
        owner = next((m for m in list(matches) + list(found) if m.start == e + 1 and m.type in ORGANIZATIONS), None)
        if owner is None or any(a < e and s < b for a, b in taken):
            continue
        if not re.match(rf"[^，,。；;]{{0,{cfg.get('noun_gap', 8)}}}(?:{nouns})", text[owner.end:]):
            continue
        key = str(owner.iri).removeprefix(str(ID)) if isinstance(owner, Match) else owner.key or owner.name
        out.append(_organ(text, s, e, (key, owner)))
        taken.append((s, e))
    return out


def _organ(text: str, s: int, e: int, owner: tuple) -> Minted:
    """The organ text[s:e] of *owner* ((key prefix, its name)), keyed by its owner and its name without the words of
    rules.toml [mint.zh_organs] member_words (成员国元首理事会 is the 元首理事会)."""
    key, m = owner
    name = _clean(text[s:e])
    short = next((name[len(w):] for w in _settings().get("member_words", ()) if name.startswith(w) and len(name) > len(w) + 2), name)
    kind = "IntergovernmentalBody" if m.type in INTERGOVERNMENTAL else m.type if m.type == "NationalBody" else "Organization"
    return Minted(s, e, name, kind, "zh", key=f"{key}:{short}", forms=(_clean(text[m.start:m.end]) + name,))
