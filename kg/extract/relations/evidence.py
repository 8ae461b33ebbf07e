"""Evidence a relation candidate is scored from that no single rule states: the recipients of assistance.

A place is a recipient when the people or institutions of it that assistance reaches are named with it:
"officers of X", "the Governments of X and Y", "Afghan and Central Asian enforcement officers",
萨尔瓦多专职检察官, 伊拉克刑事司法系统, or when a verb of receiving closes its clause (斯里兰卡、泰国和越南……获得支助).
Nouns and verbs are data (ontology/rules.toml, ``[candidates.*]``).
"""

from __future__ import annotations

import itertools
import re
from functools import cache

from rdflib import URIRef

from kg.core.vocabulary import ORGANIZATIONS as ORGS
from kg.core.vocabulary import PLACES, PROGRAMMES
from kg.extract.link import Match
from kg.core.resources import rules
from kg.extract.nlp import alternation, any_word, cue_hits
from kg.extract.records import Found
from kg.extract.relations.clauses import CLAUSE_BREAK, clause_span, list_after, list_gap, past_possessor


def place_runs(text: str, mentions: list[Match], joiners: list[str]) -> list[list[Match]]:
    """The lists of places of a sentence (a single place is a list of one), in order."""
    runs: list[list[Match]] = []
    for m in mentions:
        if m.type not in PLACES or any(m in run for run in runs):
            continue
        run = list_after(text, mentions, m.start, PLACES, joiners)
        if run:
            runs.append(run)
    return runs


def _words(words: list[str], lang: str) -> str:
    return _alternatives(tuple(words), lang)


@cache
def _alternatives(words: tuple[str, ...], lang: str) -> str:
    alternatives = alternation(words)
    return rf"(?<![\w-])(?:{alternatives})(?![\w-])" if lang == "en" else f"(?:{alternatives})"


def _acting(text: str, pos: int, verbs: re.Pattern | None) -> bool:
    """An act of assistance (a verb of *verbs*) in the clause around *pos*."""
    left = max((m.end() for m in CLAUSE_BREAK.finditer(text, 0, pos)), default=0)
    right = next((m.start() for m in CLAUSE_BREAK.finditer(text, pos)), len(text))
    return verbs is not None and verbs.search(text, left, right) is not None


def _without_names(text: str, names: list[Match], start: int, stop: int) -> str:
    """text[start:stop] with the characters of *names* blanked."""
    chars = list(text[start:stop])
    for m in names:
        for i in range(max(m.start, start), min(m.end, stop)):
            chars[i - start] = " "
    return "".join(chars)


def recipients(text: str, mentions: list[Match], lang: str, cfg: dict, joiners: list[str], verbs: list[str]) -> set[int]:
    """Start offsets of the places a sentence names as recipients of assistance: the people or institutions of the
    place named with it in a clause with an act of assistance (*verbs*), or a verb of receiving after it."""
    nouns = cfg.get("recipients", [])
    receive = cfg.get("receive_after", [])
    out: set[int] = set()
    if not nouns and not receive:
        return out
    noun_re = re.compile(_words(nouns, lang), re.IGNORECASE) if nouns else None
    verb_re = re.compile(_words(verbs, lang)) if verbs else None
    if lang == "en" and noun_re is not None:  # "officers of X and Y", "the Governments of X"
        links = cfg.get("recipient_links", "of|from")
        for hit in re.finditer(noun_re.pattern + rf"\s+(?:{links})\s+(?:the\s+)?", text, re.IGNORECASE):
            if _acting(text, hit.start(), verb_re):
                out.update(m.start for m in list_after(text, mentions, hit.end(), PLACES, joiners))
    for run in place_runs(text, mentions, joiners):
        end = run[-1].end
        stop = CLAUSE_BREAK.search(text, end)
        comma = re.compile(r"[,，、]").search(text, end)
        limit = min(x.start() for x in (stop, comma) if x) if (stop or comma) else len(text)
        # a name after the places is no recipient noun (在泰国发起了亚洲安全港口运动: 港口 is inside the campaign's name);
        # one that holds them is ("the Maldives Customs Service")
        seen = _without_names(text, [m for m in mentions if m.start >= end], end, limit)
        if lang == "en":  # "Afghan and Central Asian enforcement officers": the noun within three words
            tail = " ".join(seen.split()[:3])
        else:  # 萨尔瓦多专职检察官: the noun within a few characters
            tail = seen[:12]
        # the people or institutions of a place named as the agent ("organized by the Cambodian National Authority",
        # 由柬埔寨国家禁毒局主办) act, they are not helped
        agent = bool(cfg.get("agent_before")) and re.search(cfg["agent_before"], text[:run[0].start])
        near = noun_re is not None and noun_re.search(tail) and _acting(text, end, verb_re) and not agent
        clause_end = stop.start() if stop else len(text)
        received = bool(receive) and re.search(_words(receive, lang), text[end:clause_end])
        if near or received:
            out.update(m.start for m in run)
    return out


def closed_by(text: str, mentions: list[Match], words: list[str], types=PLACES) -> set[int]:
    """Chinese: start offsets of the places whose clause goes on, within a few characters, to one of *words*
    (在维也纳举行: the place of a meeting)."""
    out: set[int] = set()
    for m in mentions:
        if m.type in types and words:
            tail = re.split(r"[。；，,;]", text[m.end:m.end + 20])[0]
            if any(w in tail for w in words):
                out.add(m.start)
    return out


def flowing(text: str, mentions: list[Match], cfg: dict, joiners: list[str], worked: set[int]) -> set[int]:
    """Start offsets of the places whose list is followed right away (after an optional 的) by a word of trafficking
    (从阿富汗和伊朗贩运), or by goods when an origin word opens the list (来自阿富汗的海洛因): the origin, route or
    destination of a flow, not a place of work; never a place a location or assistance cue governs (*worked*).
    *cfg*: rules.toml [candidates.LANG] (flow_after, flow_goods, flow_origin)."""
    verbs, goods, origins = cfg.get("flow_after", []), cfg.get("flow_goods", []), cfg.get("flow_origin", [])
    if not verbs and not goods:
        return set()
    runs = listed_runs(text, mentions, joiners)
    moved = re.compile(rf"\s*的?\s*(?:{alternation(verbs) or '(?!)'})")
    carried = re.compile(rf"\s*的?\s*(?:{alternation(goods) or '(?!)'})")
    opened = re.compile(rf"(?:{alternation(origins) or '(?!)'})\s*$")
    out = set()
    for m in (m for m in mentions if m.type in PLACES and m.start not in worked):
        first, last = runs.get(m.start, (m.start, m.end))
        if moved.match(text, last) or carried.match(text, last) and opened.search(text, 0, first):
            out.add(m.start)
    return out


def listed_runs(text: str, mentions: list[Match], joiners: list[str], with_words: tuple = ()) -> dict[int, tuple[int, int]]:
    """Start offsets of mentions that stand in a list of two or more of the same family -> the span of their list (the
    items of one list are one decision: what stands between a subject and the list is the same for each item).
    *with_words*: (joiners that are also prepositions, the words that make them one when they follow the second name):
    里海中心与毒罪办合作 is "with", not "and"."""
    gap = list_gap(tuple(joiners), True)
    prepositions, verbs = with_words or ((), ())
    out: dict[int, tuple[int, int]] = {}
    for a, b in itertools.pairwise(mentions):
        same = (a.type in PLACES) == (b.type in PLACES) and (a.type in ORGS) == (b.type in ORGS)
        if prepositions and text[a.end:b.start].strip() in prepositions and \
                any(text.startswith(v, b.end) for v in verbs):
            continue
        if same and a.end <= b.start and gap.match(text[a.end:b.start]):
            first = out.get(a.start, (a.start, a.end))[0]
            for m in (x for x in mentions if first <= x.start <= b.start and x.start in out or x in (a, b)):
                out[m.start] = (first, b.end)
    return out


def government_actor(text: str, obj: Match, left: int, heads: list[str], lang: str) -> bool:
    """The place opens its clause as a State acting: "The Government of China …", "中国政府……"."""
    words = alternation(heads)
    if not words:
        return False
    if lang == "en":
        return bool(re.fullmatch(rf"\W*(?:[Tt]he\s+)?(?:{words})\s+(?:the\s+)?", text[left:obj.start])
                    or re.match(rf"\s*(?:{words})\b", text[obj.end:]) and not text[left:obj.start].strip(" ,，"))
    return not text[left:obj.start].strip(" ，,") and re.match(rf"(?:{words})", text[obj.end:]) is not None


def in_dateline(text: str, obj: Match, pattern: str) -> bool:
    """The object stands in the dateline that opens the sentence ("Colombo (Sri Lanka), 6 March 2020 - ")."""
    hit = re.match(pattern, text) if pattern else None
    return hit is not None and obj.end <= hit.end()


def gap(a: Match, b: Match) -> int:
    """Characters between two mentions (0 when they touch or overlap)."""
    return max(0, b.start - a.end, a.start - b.end)


def national_places(text: str, mentions: list[Match], lang: str, lookup) -> list[Match]:
    """The States that open the names of national institutions ("the Maldives Customs Service", 越南边防部队): a match of
    the State on the start of the institution's name, which assistance to the institution reaches (*lookup*: the
    gazetteer's label lookup)."""
    out: list[Match] = []
    for m in mentions:
        if m.type not in ORGS or m.method in ("anaphor", "topic"):
            continue
        name = text[m.start:m.end]
        if lang == "en":
            words = name.split()
            prefixes = [" ".join(words[:n]) for n in (3, 2, 1) if len(words) > n]
        else:
            prefixes = [name[:n] for n in range(min(6, len(name) - 2), 1, -1)]
        for prefix in prefixes:
            country = next((lab for lab in lookup(prefix) if lab.type == "Country"), None)
            if country is not None and name.startswith(prefix):
                out.append(Match(m.start, m.start + len(prefix), country.iri, country.type, "nested"))
                break
    return out


def strongest(found: list[Found]) -> dict[tuple, Found]:
    """(subject, predicate, object) -> the most confident finding of the rules."""
    by_rule: dict[tuple, Found] = {}
    for f in found:
        key = (f.subject, f.predicate, f.object)
        if key not in by_rule or f.confidence > by_rule[key].confidence:
            by_rule[key] = f
    return by_rule


def activity_in_clause(text: str, obj: Match, cues: dict, lang: str) -> bool:
    """An activity verb in the clause of the object ("… trained officers in Niger"; not "was discontinued in Pakistan")."""
    left, right = clause_span(text, obj.start, obj.end)
    return any_word(text[left:right], cues["activity"], lang)


def after_cue(text: str, obj: Match, cues: dict) -> bool:
    """Chinese: an activity word follows the place's list in its clause (在 X 和 Y 开展)."""
    tail = re.split(r"[。；，,;]", text[obj.end:obj.end + 40])[0]
    return any(word in tail for word in cues["after"])


@cache
def _opening(cues: tuple[str, ...]) -> re.Pattern:
    """A parenthesis that opens with a framework cue (made once per cue list)."""
    return re.compile(rf"\s*[（(]\s*(?:{alternation(cues)})\s*(?:the\s+|its\s+)?[“\"「《]?", re.IGNORECASE)


def attached_programmes(text: str, mentions: list[Match], cues: list[str]) -> dict[int, Match]:
    """Start offset of a place -> the programme a parenthesis right after it names as the way the work there is done
    ("supported Argentina (through the Spotlight Initiative) and Libya (through the Global Programme …)", 支持阿根廷（通过
    “聚光灯倡议”）和利比亚（通过……）) (cues: relations framework_before)."""
    if not cues:  # the cue is required: "the Government of Canada (Global Partnership Programme)" names the funder's own
        return {}
    opening = _opening(tuple(cues))
    out: dict[int, Match] = {}
    for m in mentions:
        hit = opening.match(text, m.end) if m.type in PLACES else None
        if hit is None:
            continue
        p = next((p for p in mentions if p.start == hit.end() and p.type in PROGRAMMES), None)
        if p is not None and re.match(r"[”\"」》]?\s*[)）]", text[p.end:]):
            out[m.start] = p
    return out


def name_complements(text: str, mentions: list[Match], pattern: str, joiners: list[str]) -> dict[int, Match]:
    """Start offset of a place -> the programme whose name it completes ("the Country Partnership Programme for Iran, the
    Country Programmes for Afghanistan and Pakistan and the Programme for Central Asia"): the places listed right after a
    programme head and "for"/"in" (cues: name_complement, a pattern) are that programme's, none of another one's; when no
    programme mention ends at the head, they belong to a programme the sentence does not name (an empty IRI)."""
    out: dict[int, Match] = {}
    for hit in re.finditer(pattern, text) if pattern else ():
        owner = next((p for p in mentions if p.type in PROGRAMMES and hit.start() <= p.end <= hit.end() and p.start < hit.start()
                      + 1), None)
        for m in list_after(text, mentions, hit.end(), PLACES, joiners):
            out.setdefault(m.start, owner or Match(hit.start(), hit.end(), URIRef(""), "Programme", "complement"))
    return out


def governed(text: str, mentions: list[Match], cues: list[str], types, joiners: list[str],
              ends: tuple = (), heads: tuple = ()) -> set[int]:
    """Start offsets of the mentions of *types* in a list right after one of the cue words (or at one of *ends*)."""
    out: set[int] = set()
    positions = [past_possessor(text, hit.end(), heads, mentions) for cue in cues for hit in cue_hits(cue, text)]
    for pos in positions + [past_possessor(text, end, heads, mentions) for end in ends]:
        for m in list_after(text, mentions, pos, types, joiners):
            out.add(m.start)
    return out


def funders(text: str, mentions: list[Match], lang: str, types, joiners: list[str], heads: tuple = ()) -> set[int]:
    """Start offsets of the mentions of *types* named as funders: every item of a list right after a funding cue
    ("funded by Japan and the European Union", any case) or a place whose clause goes on to a funding word (cues:
    candidates funding, funding_after)."""
    cfg = rules()["candidates"][lang]
    blocked = alternation(cfg.get("funding_not_after", []))  # "in support of the Government of X": X is helped
    ends = tuple(hit.end() for cue in cfg.get("funding", []) for hit in cue_hits(cue, text)
                 if not (blocked and re.search(rf"\b(?:{blocked})\s+$", text[:hit.start()], re.IGNORECASE)))
    return governed(text, mentions, [], types, joiners, ends=ends, heads=heads) | \
        closed_by(text, mentions, cfg.get("funding_after", []), types)


def office_places(text: str, mentions: list[Match], lang: str) -> set[int]:
    """Start offsets of the places an office's name holds ("the UNODC Regional Office for Eastern Africa", 东亚区域办事处):
    part of the office's name, neither a place of work nor of assistance (cues: office_before, a pattern that ends right
    before the place; office_after, one that starts right after it)."""
    cfg = rules()["relations"][lang]
    before, after = cfg.get("office_before", ""), cfg.get("office_after", "")
    return {m.start for m in mentions if m.type in PLACES and (
        (before and re.search(before, text[max(0, m.start - 60):m.start])) or (after and re.match(after, text[m.end:])))}
