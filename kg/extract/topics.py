"""The topic of a paragraph beside its first name (kg.extract.discourse): the programme an organisation opening it acts
through or says its work was done under, and whether its first name is only the first member of a list its opening
words announce.  Cue words are data (rules.toml [discourse.LANG] through, framework_before/after, member_list_before)."""

from __future__ import annotations

import re

from kg.core import vocabulary as classes
from kg.core.resources import rules
from kg.extract.link import Match

SUBJECTS = classes.PROGRAMMES | classes.ORGANIZATIONS | classes.BODIES


def listed_member(text: str, first: Match, lang: str) -> bool:
    """Whether the paragraph's first name opens a list of members its first words announce ("The nine Cosponsors are X,
    Y", 其成员包括X、Y): a member, not what the paragraph is about (rules.toml [discourse.LANG] member_list_before)."""
    pattern = rules()["discourse"][lang].get("member_list_before", "")
    return bool(pattern) and re.search(pattern, text[:first.start], re.IGNORECASE) is not None


def through(text: str, own: list[Match], lang: str) -> Match | None:
    """The programme an organisation opening the paragraph acts through ("UNODC, through its Global Maritime Crime
    Programme, …", 毒品和犯罪问题办公室通过其全球海事犯罪方案): the paragraph is about the programme."""
    cues = rules()["discourse"][lang].get("through", [])
    first = next((m for m in own if m.type in SUBJECTS), None)
    if not cues or first is None or first.type not in classes.ORGANIZATIONS:
        return None
    after = next((m for m in own if m.start >= first.end and m.iri != first.iri), None)
    if after is None or after.type not in classes.PROGRAMMES:
        return None
    gap = text[first.end:after.start].strip(" ,，")
    return after if gap in cues and not re.search(r"[。；;.]", text[first.end:after.start]) else None


def framework(text: str, own: list[Match], opening: Match | None, lang: str) -> Match | None:
    """The programme an organisation opening the paragraph says its work there was done under, named further on
    ("UNODC … held a training … It was organized under the framework of the CRIMJUST Global Programme", 在 P 框架内):
    the paragraph is about the programme (cues: framework_before, framework_after)."""
    cfg = rules()["discourse"][lang]
    before, after = cfg.get("framework_before", []), cfg.get("framework_after", [])
    if opening is None or opening.type not in classes.ORGANIZATIONS:
        return None
    for m in (m for m in own if m.type in classes.PROGRAMMES and m.start >= opening.end):
        head = re.split(r"[.;。；]", text[max(0, m.start - 120):m.start])[-1]
        if any(re.search(re.escape(c) + r"\s", head, re.IGNORECASE) for c in before) \
                or any(text[m.end:].lstrip("）)」”\" ").startswith(c) for c in after):
            return m  # the first of them ("under the framework of P and Q")
    return None
