"""Evidence that one organisation, programme or body is part of another (partOf candidates of kg.extract.candidates).

Every pair of such mentions in a sentence is a partOf candidate, and so is every listed member of a sentence with a
membership cue and the paragraph's topic (or the previous sentence's subject) as its whole ("UNAIDS began operation
in 1996. Its cosponsors are UNICEF, UNDP …", 该网络的成员包括……).  What tells a part from a mere co-mention is evidence
of general classes, weighed by the fitted model: the part stands in a list right after a membership cue (cue_member:
members_include, members_colon nouns followed by a colon or a copula, part_of_cues), the whole stands right after a
membership or role cue ("a member of", "the chair of", 加入) or before 的成员 (whole_member), the whole's name has the
head of a collective (network, initiative, task force, 网络, 倡议: whole_head), both are programmes (a project under a
programme: programmes).  Cue words are data (ontology/rules.toml [relations.en] / [relations.zh]).
"""

from __future__ import annotations

import re
from functools import cache

from kg.core.resources import rules
from kg.core.vocabulary import BODIES, PLACES, PROGRAMMES
from kg.core.vocabulary import ORGANIZATIONS as ORGS
from kg.extract.link import Match
from kg.extract.nlp import alternation, cue_hits, present_cues
from kg.extract.relations.clauses import Sentence, list_after

PARTS = ORGS | PROGRAMMES | BODIES
WHOLES = ORGS | PROGRAMMES | BODIES


@cache
def member_cues(lang: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(cues a list of members follows, cues a whole follows): the membership cues of the rules, a noun of members with a
    colon or a copula after it, and role cues (rules.toml member_roles)."""
    cfg = rules()["relations"][lang]
    joints = cfg.get("members_joints", [])
    listing = list(cfg.get("members_include", [])) + [n + j for n in cfg.get("members_colon", []) for j in joints] \
        + [verb for _, verb in cfg.get("members_of_include", []) if lang == "zh"]
    wholes = list(cfg.get("member_before", [])) + list(cfg.get("member_roles", [])) + list(cfg.get("part_of_cues", []))
    return tuple(dict.fromkeys(listing)), tuple(dict.fromkeys(wholes))


def member_evidence(text: str, mentions: list[Match], lang: str) -> dict[str, set]:
    """What membership cues govern in a sentence: 'member' (start offsets of the parts listed after a cue of members),
    'pairs' ((part, whole) start offsets: the whole is the last one before that cue, not itself listed, or the one after
    "the cosponsors of"), 'unowned' (parts whose cue has no whole before it in the sentence: the topic's members),
    'whole' (a whole right after a membership or role cue, or, in Chinese, before 的成员 and its kin), 'place' (places
    listed as members: 网络现有21个成员，包括澳大利亚、文莱……, "its members include Iran and Pakistan")."""
    cfg = rules()["relations"][lang]
    joiners = cfg["list_joiners"]
    listing, before_whole = member_cues(lang)
    out: dict[str, set] = {"member": set(), "pairs": set(), "unowned": set(), "whole": set(), "place": set()}
    for cue in present_cues(listing, text):
        for hit in cue_hits(cue, text):
            end = _past_count(text, hit.end())
            if not any(re.search(rf"\b{re.escape(n)}\b" if lang == "en" else re.escape(n), text[hit.end():end], re.IGNORECASE)
                       for n in cfg.get("members_not_nouns", [])):  # "comprises several partners: …" lists no members
                _members(out, text, mentions, joiners, (hit.start(), cfg.get("members_subject_gap", "")), end, None)
    for noun in cfg.get("members_colon", []):  # "the six original co-sponsors of UNAIDS: …", Y 的成员包括
        for hit in cue_hits(noun + (" of" if lang == "en" else ""), text):
            owner = list_after(text, mentions, hit.end(), WHOLES, joiners)[:1] if lang == "en" else []
            if owner:
                _members(out, text, mentions, joiners, (hit.start(), ""), _past_count(text, owner[0].end), owner[0])
    for cue in present_cues(before_whole, text):
        for hit in cue_hits(cue, text):
            out["whole"].update(m.start for m in list_after(text, mentions, hit.end(), WHOLES, joiners)[:1])
    for cue in cfg.get("member_after", []):
        for m in mentions:
            if m.type in WHOLES and text.startswith(cue, m.end):
                out["whole"].add(m.start)
    heads = _heads(lang)
    out["headed"] = {m.start for m in mentions if m.type in WHOLES and heads is not None and heads.search(text, m.start, m.end)}
    return out


def pair_allowed(evidence: dict[str, set], part: Match, whole: Match) -> bool:
    """Whether a pair of a sentence is a partOf candidate: a membership cue ties them, governs the whole, or lists the
    part while the whole has the head of a collective (co-mentioned names without such evidence are not candidates)."""
    return (part.start, whole.start) in evidence["pairs"] or whole.start in evidence["whole"] or \
        part.start in evidence["member"] and whole.start in evidence["headed"]


def _members(out: dict, text: str, mentions: list[Match], joiners: list[str], cue: tuple[int, str], pos: int,
             owner: Match | None) -> None:
    """The members listed from *pos* and their owner: *owner*, else the whole right before the cue (at *cue*: its start
    and the gap a subject may leave before it, members_subject_gap), else none named when the clause opens with a few
    words and no name before the cue ("The nine cosponsors are", "Its members include", 其成员包括)."""
    out.setdefault("place", set()).update(m.start for m in list_after(text, mentions, pos, PLACES, joiners))
    listed = list_after(text, mentions, pos, PARTS, joiners)
    if not listed:
        return
    at, gap = cue
    starts = {m.start for m in listed}
    out["member"].update(starts)
    before = next((m for m in reversed(mentions) if m.end <= at), None)
    if owner is None and before is not None and before.type in WHOLES and (not gap or re.fullmatch(gap, text[before.end:at], re.IGNORECASE)):
        owner = before
    if owner is not None:
        out["pairs"].update((m.start, owner.start) for m in listed if m.iri != owner.iri)
    elif before is None and len(re.findall(r"\w+", text[:at])) <= 6 and not re.search(r"[,，;；]", text[:at]):
        out["unowned"].update(starts)


def _past_count(text: str, pos: int) -> int:
    """Past a count and its noun before the colon of a list ("comprises 31 entities: …", 由以下11个机构组成：)."""
    hit = re.match(r"[^:：;；。.]{0,60}?[:：]\s*", text[pos:])
    return pos + hit.end() if hit and not re.search(r"[,，]", hit.group()) else pos


@cache
def _heads(lang: str) -> re.Pattern | None:
    """The head words of a collective (rules.toml whole_heads: network, initiative, 网络 …) as one pattern."""
    heads = rules()["relations"][lang].get("whole_heads", [])
    if not heads:
        return None
    return re.compile(rf"\b(?:{alternation(heads)})\b" if lang == "en" else alternation(heads), re.IGNORECASE)


def implied_members(evidence: dict[str, set], mentions: list[Match], implied: list[Match | None]) -> list[tuple]:
    """(part, implied whole, carried) for each listed member of a sentence whose list of members names no whole of
    its own before the cue: the paragraph's topic or the previous sentence's subject ("They include UNICEF, UNDP …")."""
    listed = [m for m in mentions if m.start in evidence["unowned"]]
    out, seen = [], {m.iri for m in listed}  # a topic that is itself a listed member owns no list
    for whole, carried in ((w, i == 1) for i, w in enumerate(implied)):
        if whole is None or whole.type not in WHOLES or whole.iri in seen:
            continue
        seen.add(whole.iri)
        out.extend((m, whole, carried) for m in listed if m.iri != whole.iri)
    return out


def part_features(text: str, lang: str, part_of: bool, subject: Match | None, obj: Match, evidence: dict[str, set],
                  listed: dict) -> dict[str, float]:
    """The partOf features of a candidate (0 for other kinds); *subject* None: the whole is implied and *obj* the part."""
    part, whole = (subject, obj) if subject is not None else (obj, None)
    member = part_of and part.start in evidence["member"]
    if whole is None:
        return {"cue_member": float(member), "whole_member": 0.0, "whole_head": 0.0, "programmes": 0.0,
                "member_pair": float(member and part.start in evidence["unowned"]), "co_listed": 0.0}
    return {
        "cue_member": float(member),
        "whole_member": float(part_of and whole.start in evidence["whole"]),
        "whole_head": float(part_of and whole.start in evidence["headed"]),
        "programmes": float(part_of and part.type in PROGRAMMES and whole.type in PROGRAMMES),
        "member_pair": float(part_of and (part.start, whole.start) in evidence["pairs"]),
        # the part and the whole are items of one list: co-members, not one the other's part
        "co_listed": float(part_of and listed.get(part.start, 0) == listed.get(whole.start, 1)),
    }


def opens_clause(s: Sentence, left: int, at: int) -> bool:
    """A cue of members at the head of its sentence after a few words that name no one ("The nine cosponsors are",
    "Its members include", 其成员包括), in a paragraph whose topic is a whole: that topic's members follow."""
    nouns = s.cfg.get("members_not_nouns", [])  # "The participants comprise …" names no members
    return s.topic is not None and s.topic.type in WHOLES and left == 0 and not s.between(0, at) and \
        len(re.findall(r"\w+", s.text[:at])) <= 6 and not re.search(r"[,，;；]", s.text[:at]) and \
        not any(re.search(s.word_pattern(n), s.text[:at], re.IGNORECASE) for n in nouns)
