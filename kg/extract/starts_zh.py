"""Where a Chinese name starts: across a joiner inside it, at the known organisation that opens it, and whether a
meeting head after an ordinal or a purpose verb names a session or a theme rather than a body (kg.extract.mint_zh)."""

from __future__ import annotations

import re

from kg.core.namespaces import ID
from kg.core.resources import rules
from kg.core.vocabulary import ORGANIZATIONS, PLACES
from kg.extract.link import Match
from kg.extract.names_zh import joined_start as _joined_start, province_opening, world_named


def checked_start(text: str, start: int, national: int | None, suffix_start: int, suffix: str, matches: list[Match],
                  cfg: dict) -> int | None:
    """The start of a name: a national body's (*national*), else *start*; None when the head ends no name there: 办, 委
    without a national opener (rules.toml [mint.zh] national_only_suffixes), 机构 without a known organisation
    (organ_only_suffixes), a session of a body or a meeting's theme (session_or_theme)."""
    if national is None and suffix in cfg.get("national_only_suffixes", ()) and province_opening(text[start:suffix_start]) is None:
        return None  # 办, 委 end a national body's name (国家禁毒办) or a province's (河南省禁毒办), no other
    at = national if national is not None else _organ_start(text, start, suffix_start, suffix, matches, cfg)
    if at is not None and national is None:
        at = _world_start(text, at, suffix_start, suffix, cfg)
    return None if at is None or session_or_theme(text, at, suffix_start, suffix, cfg) else at


def _world_start(text: str, start: int, suffix_start: int, suffix: str, cfg: dict) -> int:
    """*start*, or the last 国际/世界 (rules.toml [mint.zh] world_openers) after it that opens a name of world_heads
    (署方去年成功令国际反贪局联合会: 国际反贪局联合会; names_zh.world_named)."""
    if suffix not in cfg.get("world_heads", ()) or text.startswith(tuple(cfg.get("world_openers", ())), start):
        return start
    found = [k for o in cfg.get("world_openers", ()) for k in range(start + 1, suffix_start) if text.startswith(o, k)
             and world_named(text, k, suffix_start, suffix, cfg)]
    return max(found, default=start)


def session_or_theme(text: str, start: int, suffix_start: int, suffix: str, cfg: dict) -> bool:
    """A meeting head (rules.toml [mint.zh] meeting_heads) after an ordinal that follows a body's head word is a session
    of that body (中美禁毒合作工作组首次高官会议: the working group is the name), and one that opens with a purpose verb is
    a meeting's theme («加强打击跨国毒品犯罪合作部长级会议»): no name."""
    if suffix not in cfg.get("meeting_heads", ()):
        return False
    ordinal = re.search(cfg.get("session_ordinal", "(?!)") + "$", text[start:suffix_start])
    heads = tuple(h for h, _ in cfg["name_suffixes"] if len(h) > 1)
    return ordinal is not None and text.endswith(heads, 0, start + ordinal.start()) or \
        text.startswith(tuple(cfg.get("purpose_openers", ())), start)


def _organ_start(text: str, start: int, suffix_start: int, suffix: str, matches: list[Match], cfg: dict) -> int | None:
    """*start*, or for a head of rules.toml [mint.zh] organ_only_suffixes the start of the last known organisation (not
    UNODC) before it (赋予上合组织地区反恐怖机构: from 上合组织), else None."""
    if suffix not in cfg.get("organ_only_suffixes", ()):
        return start
    return max((m.start for m in matches if start <= m.start and m.end <= suffix_start and
                opened_by_organisation(text, m.start, suffix_start, matches)), default=None)


def across_stop(text: str, i: int, stop: str, suffix_start: int, stops: list[str], breaks: str, matches: list[Match],
                 prefixes, heads: tuple, place_joins: bool) -> tuple[int, bool]:
    """Where a name's start goes at a stop word before *i*: (position, walk on) across a joiner that stays inside the
    name, else (its start, False)."""
    if stop not in ("和", "与", "及"):
        return i, False
    # "X和Y区域方案", 中国与东盟……合作机制: a joiner between two place names, or a place and an organisation after it
    # before the head of a body of both parties (rules.toml [mint.zh] party_joined_heads; not 中方与东盟区域安全机构（ARSA）)
    before = {(m.iri, m.type in PLACES) for m in matches if m.end == i - len(stop) and m.type in PLACES | ORGANIZATIONS}
    after = {(m.iri, m.type in PLACES) for m in matches if m.start == i and m.type in PLACES | ORGANIZATIONS}
    if before and after and before != after and any(p for _, p in before):
        if any(p for _, p in after):
            return i - len(stop), True
        if text.startswith(tuple(rules()["mint"]["zh"].get("party_joined_heads", ())), suffix_start):
            return min(m.start for m in matches if m.end == i - len(stop) and m.type in PLACES), False  # the State opens it
    # "联合国预防犯罪和刑事司法方案": a joiner inside a name that opens with 联合国
    window = text[max(0, i - len(stop) - 20):i - len(stop)]
    opener = max((window.rfind(p) for p in prefixes), default=-1)
    if opener >= 0 and not any(m.start == i and m.type == "Country" for m in matches):  # ……与中国国家禁毒委员会
        between = window[opener:]
        at = i - len(stop) - (len(window) - opener)
        if not any(ch in breaks for ch in between) and not any(between.endswith(h) for h in heads) \
                and not any(m.start <= at < m.end for m in matches):  # 联合国 inside a known name
            return _partner_before(text, at, matches), False
    at = _joined_start(text, i, i - len(stop), suffix_start, stops, breaks, matches, heads, place_joins)
    return (at if at is not None else i), False


def opened_by_organisation(text: str, start: int, suffix_start: int, matches: list[Match]) -> bool:
    """A known organisation, not UNODC ([mint.zh] owner_iris: its units are no entities), opens the name."""
    owners = rules()["mint"]["zh"].get("owner_iris", ())
    return any(m.start == start and m.end <= suffix_start and m.type in ORGANIZATIONS and
               str(m.iri).removeprefix(str(ID)) not in owners for m in matches)



def dashed_after_name(text: str, i: int, heads: tuple) -> bool:
    """A dash of two or more strokes (rules.toml [mint.zh] name_break_words) right before *i* that follows a name's head
    word breaks the name there (四项合作机制———上海合作组织……机制: an apposition); between two names it joins them
    (澜沧江——湄公河合作机制)."""
    dash = next((d for d in rules()["mint"]["zh"].get("name_break_words", ()) if text.endswith(d, 0, i)), None)
    if dash is None:
        return False
    before = text[:i - len(dash)].rstrip("—－-")
    return before.endswith(heads)


def _partner_before(text: str, at: int, matches: list[Match]) -> int:
    """The start of a State joined by a dash to the opener at *at* (中国-联合国和平与发展基金: the fund of both), else *at*."""
    if not text[:at].endswith(("-", "－", "—", "–")):
        return at
    return next((m.start for m in matches if m.end == at - 1 and m.type in PLACES), at)
