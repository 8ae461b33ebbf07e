"""Treaty rules: what serves a treaty, and the protocols of a convention."""

from __future__ import annotations

import re
from functools import cache

from kg.core.namespaces import UNODC
from kg.core.vocabulary import BODIES, INSTRUMENTS, PROGRAMMES, TREATIES
from kg.extract.link import Match
from kg.extract.records import Found
from kg.extract.relations.clauses import Sentence

# what can serve a treaty (not a principal organ or a congress: they are not established under one)
SERVING = PROGRAMMES | (BODIES - {"PrincipalOrgan", "Congress"}) | (INSTRUMENTS - TREATIES)


def _serves_after(cfg: dict) -> re.Pattern | None:
    """The cue after a treaty ("……的实施"), after its protocols if named too."""
    if not cfg.get("serves_after"):
        return None
    return _serves_after_pattern(tuple(cfg.get("serves_after", [])))


@cache
def _serves_after_pattern(cues: tuple[str, ...]) -> re.Pattern:
    return re.compile(r"(?:及其(?:各项)?议定书|and (?:the|its) Protocols? thereto)?\s*的?\s*(?:" +
                      "|".join(map(re.escape, cues)) + ")")


def serves_cue(s: Sentence) -> list[Found]:
    """A programme serving a treaty: "支持实施《公约》" / "support the implementation of the Convention"
    (cues: serves, serves_after)."""
    after_cue = _serves_after(s.cfg)
    joined = _list_gap(s.joiners)
    found, served = [], None  # served: the last treaty the cue reached, a list after it continues the cue
    for treaty in (m for m in s.mentions if m.type in TREATIES):
        before = s.text[max(0, treaty.start - 24): treaty.start]
        stated_after = after_cue is not None and after_cue.match(s.text, treaty.end)
        listed = served is not None and served.end <= treaty.start and joined.fullmatch(s.text[served.end:treaty.start])
        if not any(cue in before for cue in s.cfg["serves"]) and not stated_after and not listed:
            served = None
            continue
        served = treaty
        near = [p for p in s.programmes if not (p.start <= treaty.start < p.end)]
        if len({p.iri for p in near}) == 1:
            found.append(Found(near[0].iri, UNODC.serves, treaty.iri, f"serves-cue-{s.lang}", 0.7))
    return found


def _list_gap(joiners: list[str]) -> re.Pattern:
    """The text between two items of a list ("》和《", ", the", " and the "): joiners, title marks, "the"."""
    words = "|".join(re.escape(j.strip()) for j in sorted(joiners, key=len, reverse=True) if j.strip())
    return re.compile(rf"[\s《》〈〉\"“”]*(?:(?:{words})[\s《》〈〉\"“”]*)*(?:the\s+)?", re.IGNORECASE)


def serves_purpose(s: Sentence) -> list[Found]:
    """A purpose clause naming a treaty opens the sentence: what the rest of it names serves the treaty
    ("为了支持有效实施《公约》，办公室编写了《示范立法条文》、……工具包", "To support the implementation of the Convention, …")
    (cues: serves_purpose)."""
    purpose = s.cfg.get("serves_purpose")
    opening = re.match(purpose, s.text) if purpose else None
    if not opening:
        return []
    comma = re.search(r"[,，]", s.text[opening.end():])
    cut = opening.end() + (comma.start() if comma else 0)
    served = [m for m in s.mentions if m.type in TREATIES and opening.start() <= m.start < cut]
    tools = [m for m in s.mentions if m.start >= cut and (m.type in INSTRUMENTS or m.type in PROGRAMMES)]
    return [Found(tool.iri, UNODC.serves, treaty.iri, f"serves-purpose-{s.lang}", 0.7)
            for treaty in served[:1] for tool in tools if tool.iri != treaty.iri]


def _role_stated(s: Sentence, treaty: Match) -> bool:
    """A role under the treaty is stated next to it ("functions under the Convention", 公约下的规范职能, 附表一)."""
    before = s.cfg.get("serves_role_before")
    after = s.cfg.get("serves_role_after", [])
    if before and re.search(before, s.text[max(0, treaty.start - 40):treaty.start]):
        return True
    tail = s.text[treaty.end:treaty.end + 12].lstrip("》 ")
    return any(tail.startswith(word) for word in after)


def serves_role(s: Sentence) -> list[Found]:
    """The one body, programme or instrument of a sentence that has a role under a treaty stated next to it: "the
    Commission decided to add the substance to Schedule I of the Convention", 麻醉药品委员会在三项国际药物管制公约下的规范职能
    (cues: serves_role_before, serves_role_after)."""
    found = []
    for treaty in (m for m in s.mentions if m.type in TREATIES):
        if not _role_stated(s, treaty):
            continue
        near = {m.iri for m in s.mentions if m.type in SERVING and m.iri != treaty.iri and not (m.start <= treaty.start < m.end)}
        if len(near) == 1:
            found.append(Found(near.pop(), UNODC.serves, treaty.iri, f"serves-role-{s.lang}", 0.7))
    return found


def _of_type(s: Sentence, type_: str) -> list[Match]:
    return [m for m in s.mentions if m.type == type_]


def protocol_cue(s: Sentence) -> list[Found]:
    """A protocol supplementing a convention: "补充《公约》的《议定书》" / "Protocol ... supplementing the Convention"
    (cues: protocol_cues)."""
    protocols = _of_type(s, "Protocol")
    found = []
    for conv in _of_type(s, "Convention"):
        before = s.text[max(0, conv.start - 6): conv.start]
        if not any(cue in before for cue in s.cfg["protocol_cues"]):
            continue
        if s.lang == "zh":
            after = [p for p in protocols if 0 <= p.start - conv.end <= 3]
        else:
            after = [p for p in protocols if 0 <= conv.start - p.end <= 20 and "supplementing" in s.text[p.end:conv.start]]
        found.extend(Found(conv.iri, UNODC.hasProtocol, prot.iri, f"protocol-cue-{s.lang}", 0.9) for prot in after)
    return found


def protocol_supplements(s: Sentence) -> list[Found]:
    """"the Firearms Protocol, which supplements the Convention" / "Both protocols supplement the Convention"
    (cues: supplement_verb)."""
    verb = s.cfg.get("supplement_verb")
    if not verb:
        return []
    found = []
    for prot in _of_type(s, "Protocol"):
        for conv in _of_type(s, "Convention"):
            gap = s.text[prot.end:conv.start]
            if 0 <= len(gap) <= 40 and re.search(verb, gap) and not any(
                    prot.end <= m.start and m.end <= conv.start for m in s.mentions):
                found.append(Found(conv.iri, UNODC.hasProtocol, prot.iri, f"protocol-supplements-{s.lang}", 0.9))
    return found


def protocol_amended(s: Sentence) -> list[Found]:
    """"the Single Convention … as amended by the 1972 Protocol" / "经《1972年议定书》修正的《1961年麻醉品单一公约》"."""
    text = s.text
    return [Found(conv.iri, UNODC.hasProtocol, prot.iri, f"protocol-amended-{s.lang}", 0.9)
            for conv in _of_type(s, "Convention") for prot in _of_type(s, "Protocol")
            if re.fullmatch(r"\s*,?\s*as amended by\s+(?:the\s+)?", text[conv.end:prot.start]) or (
                text[:prot.start].endswith("经") and re.fullmatch(r"修正的?", text[prot.end:conv.start]))]
