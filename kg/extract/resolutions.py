"""Resolutions and decisions by pattern, with the adopting body resolved from context.

``麻醉药品委员会第56/9号、第59/3号和第64/2号决议`` gives three CND resolutions;
``General Assembly resolution 55/25``, ``decision 9/1``.  The body is the body named
right before the symbols; ECOSOC symbols (``1999/22``) need none.  Without a body the
symbol is left out: a resolution IRI is minted per (body, symbol).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from rdflib import URIRef

from kg.core.namespaces import ID
from kg.core.reference import entities_by_iri
from kg.core.resources import rules
from kg.core.vocabulary import BODIES as BODY_TYPES
from kg.extract.link import Match

ECOSOC = ID["body/ecosoc"]
GENERAL_ASSEMBLY = ID["body/ga"]
# S-30/1: special sessions of the General Assembly; S-20/4 B, S-20/4B: a part letter, with or without its space.
# A spaced letter is a part only before a boundary: punctuation, 号, and/和/及, "of" and a date, or the end of the text
# ("resolution 60/1 A and B", "第S-20/4 B号"), never the first word of what follows ("resolution 61/11 A new approach").
PART_BOUNDARY = r"(?=[^\S\n]*(?:[,;.)、，；。）号和及\n]|and\b|of\s+\d|$))"
SYMBOL = rf"(?:S-)?\d{{1,4}}/\d{{1,4}}(?:[A-Z]|\s[A-H]{PART_BOUNDARY})?(?![A-Za-z/])"
# 415 (V): General Assembly resolutions before 1976; 155 C (VII), 1 (S-IX): lettered and special-session forms
OLD_SYMBOL = r"\d{1,4}(?:\s?[A-H])?\s?\((?:S-)?[IVXLC]{1,7}\)"
YEAR_SYMBOL = r"\d{1,4}\s?\((?:19|20)\d\d\)"  # 2178 (2014): Security Council resolutions, only with their body named
ANY_SYMBOL = rf"(?:{SYMBOL}|{OLD_SYMBOL}|{YEAR_SYMBOL})"
ZH_DATE = r"(?:\d{4}\s*年\s*(?:\d{1,2}\s*月\s*(?:\d{1,2}\s*日)?)?)?"
ZH_JOIN = r"(?:、|,|和|及|以及|与|或)"
# 第56/9号、第59/3号和第64/2号决议; 第1982/29、1983/24和1984/45号决议; 第415(V)号决议; 第1814(2008)号第1816(2008)号决议
ZH_LIST = re.compile(
    rf"(?:第\s*)?(?<![\d/.A-Za-z-])(?P<first>{ANY_SYMBOL})"
    rf"(?P<rest>(?:(?:\s*号?\s*{ZH_JOIN}\s*{ZH_DATE}\s*第?|\s*号\s*第)\s*{ANY_SYMBOL})*)\s*号\s*(?P<kind>决议|决定)"
)
ZH_ITEM = re.compile(rf"({ANY_SYMBOL})(?:\s*号)?")
EN_KIND = r"(?:[Rr]esolutions?|[Dd]ecisions?|[Rr]es\.)"  # "ECOSOC res. 1994/24"
EN_ANY = ANY_SYMBOL
# an item of a list may carry its date: "resolutions 33/168 of 20 December 1978, 35/195 of 15 December 1980"
EN_DATE = r"(?:\s+of\s+\d{1,2}\s+[A-Z][a-z]+\s+\d{4})?"
EN_LIST = re.compile(
    rf"\b(?P<kind>{EN_KIND})\s+(?P<list>{EN_ANY}{EN_DATE}(?:\s*(?:,\s*and|,|;|and|as well as)\s*(?:(?:its\s+)?{EN_KIND}\s+)?{EN_ANY}{EN_DATE})*)"
)
EN_ITEM = re.compile(rf"(?P<kind>{EN_KIND}\s+)?(?P<sym>{EN_ANY})")
RES_SYMBOL = re.compile(rf"(?<![A-Za-z0-9/.])(?P<series>A|E)/(?P<kind>RES|DEC)/(?P<sym>{SYMBOL})")
# the header of a resolution text on the UN Chinese website: the body, 决议, the bracketed committee line, the number
HEADED = re.compile(rf"\s*(?P<kind>决议|决定)\s*[\[［][^\[\]［］\n]{{0,160}}[\]］]\s*(?P<sym>{SYMBOL})\.")
EN_HEADED = re.compile(rf"(?P<kind>[Rr]esolution|[Dd]ecision) adopted by (?P<by>[^\[\]\n]{{3,80}}?)\s*\[[^\[\]\n]{{0,200}}\]\s*"
                       rf"(?P<sym>{SYMBOL})\.")
@cache
def zh_numbered() -> re.Pattern:
    """第1373号决议; a list of such numbers (第2253、2368号等各项有关决议: each one is a resolution of the body before),
    joined by rules.toml [resolutions] number_joiners_zh and closed by one of number_closers_zh and a few words."""
    cfg = rules()["resolutions"]
    joiners = "|".join(map(re.escape, cfg.get("number_joiners_zh", ("、",))))
    closers = "|".join(map(re.escape, cfg.get("number_closers_zh", ("等",))))
    return re.compile(rf"第\s*(?P<sym>\d{{1,4}})(?P<more>(?:\s*号?\s*(?:{joiners})\s*第?\s*\d{{1,4}})*)\s*号\s*"
                      rf"(?:(?:{closers})[^，。；、,;]{{0,6}}?)?(?P<kind>决议|决定)")
EN_NUMBERED = re.compile(r"\b(?P<kind>[Rr]esolution|[Dd]ecision)\s+(?P<sym>\d{1,3})(?![\d/])")
SERIES_BODY = {"A": GENERAL_ASSEMBLY, "E": ECOSOC}
MAX_GAP = {"zh": 3, "en": 12}  # characters allowed between the body's name and the symbols
# Chinese words that may stand between a body and its symbol: a date, a session, "adopted", a quoted title.
ZH_GAP_WORDS = re.compile(
    r"\d{4}年(?:\d{1,2}月(?:\d{1,2}日)?)?|第[一二三四五六七八九十百零]+届(?:特别)?会议|在其|通过了?|题为“[^”]{0,200}”的?"
)


@dataclass(frozen=True)
class Resolution:
    """One resolution or decision found in text (normalised offsets of its symbol)."""

    start: int
    end: int
    body: URIRef
    symbol: str
    decision: bool
    body_match: Match | None

    @property
    def consecutive(self) -> re.Match | None:
        """The number (and year, when written) of a resolution of a body whose resolutions are numbered consecutively
        (rules.toml [resolutions] consecutive_bodies: the Security Council, 2253 (2015) or 2253)."""
        if str(self.body).removeprefix(str(ID)) not in rules()["resolutions"].get("consecutive_bodies", ()):
            return None
        return re.fullmatch(r"(?P<number>\d{1,4})(?:\s?\((?P<year>(?:19|20)\d\d)\))?", self.symbol)

    @property
    def number(self) -> str:
        """The symbol kept as the resolution's unodc:symbol: the number alone for a consecutively numbered one (2253)."""
        hit = self.consecutive
        return hit.group("number") if hit else self.symbol

    @property
    def year(self) -> int | None:
        """The year written with a consecutively numbered resolution's number (2015 in 2253 (2015)), else None."""
        hit = self.consecutive
        return int(hit.group("year")) if hit and hit.group("year") else None

    @property
    def iri(self) -> URIRef:
        """IRI minted per (body, symbol): id/resolution/cnd/64-1, id/decision/cop-untoc/9-1, id/resolution/ga/415-v;
        per number for a consecutively numbered body: 2253 (2015) and 第2253号 are id/resolution/security-council/2253."""
        body_id = str(self.body).rsplit("/", 1)[-1]
        kind = "decision" if self.decision else "resolution"
        if self.consecutive:
            return ID[f"{kind}/{body_id}/{self.number}"]
        # one form for a part letter written with or without its space (S-20/4 B, S-20/4B: s-20-4-b)
        symbol = re.sub(r"[^A-Za-z0-9]+", "-", re.sub(r"(?<=\d)\s?([A-H])$", r" \1", self.symbol)).strip("-")
        return ID[f"{kind}/{body_id}/{symbol.lower() if re.fullmatch(OLD_SYMBOL, self.symbol) else symbol}"]

    @property
    def compact(self) -> str:
        """The symbol without spaces (415(V), 2178(2014)), as written inside a Chinese label."""
        return re.sub(r"\s+", "", self.symbol)

    def labels(self, symbol: str | None = None) -> tuple:
        """English and Chinese labels, from the body's preferred labels (a consecutively numbered resolution's from
        its number alone, the same whatever the form written)."""
        body = entities_by_iri().get(self.body)
        names = body.labels if body else {}
        en = names.get("en", "")
        zh = names.get("zh", "")
        symbol = self.number if symbol is None else symbol
        out = []
        if en:
            out.append(("en", f"{en} {'decision' if self.decision else 'resolution'} {symbol}"))
        if zh:
            compact = re.sub(r"\s+", "", symbol)
            out.append(("zh", f"{zh}第{compact}号{'决定' if self.decision else '决议'}"))
        return tuple(out)

    def aliases(self) -> tuple:
        """A consecutively numbered resolution's labels with its year, and its UN symbol (S/RES/2253 (2015)), when
        the text writes the year."""
        if self.year is None:
            return ()
        dated = f"{self.number} ({self.year})"
        return (*self.labels(dated), ("en", f"S/RES/{dated}"))


def resolution_id(item: str) -> str:
    """The id a resolution id written with its year names when its body numbers resolutions consecutively
    (resolution/security-council/2253-2015 is resolution/security-council/2253); any other id unchanged."""
    hit = re.fullmatch(r"(?P<kind>resolution|decision)/(?P<body>[a-z0-9-]+?)/(?P<number>\d{1,4})(?:-(?:19|20)\d\d)?", item)
    if hit is None or f"body/{hit.group('body')}" not in rules()["resolutions"].get("consecutive_bodies", ()):
        return item
    return f"{hit.group('kind')}/{hit.group('body')}/{hit.group('number')}"


def _body_before(matches: list[Match], start: int, text: str, lang: str) -> Match | None:
    """The body named just before *start* (only spaces or a few linking characters between)."""
    bodies = [m for m in matches if m.type in BODY_TYPES and m.end <= start]
    if not bodies:
        return _short_body(text, start) if lang == "en" else None
    best = bodies[-1]
    if lang == "zh":
        # "大会关于第十四届预防犯罪大会的第76/181号决议": the body before 关于 adopted it
        for m in reversed(bodies):
            if re.fullmatch(r"\s*关于[^，。；、]*的\s*", text[m.end:start]):
                return m
    gap = text[best.end:start]
    if lang == "en":
        short = _short_body(text, start)
        if short is not None and short.start >= best.end:
            return short
        # "General Assembly resolution", "the Commission's resolution", "the Conference, in its decision"
        return best if re.fullmatch(r"(?:'s|’s)?\s*(?:,?\s*(?:in|by|through) its\s*)?|(?:has |had |then |also |further )?adopted(?: its)?"
                                    r"|(?:'s|’s)?\s*(?:relevant\s+)?(?:resolutions|decisions),?\s+(?:including|in particular|notably|especially|particularly|such as)",
                                    gap.strip()) else None  # "Security Council resolutions, including resolutions 2253 (2015)"
    gap = ZH_GAP_WORDS.sub("", gap)
    gap = re.sub(r"关于[^，。；、,;]*的$", "", gap)  # 缔约方会议在第五届会议上通过了关于……的第5/4号决议
    gap = re.sub(r"^在(?:其)?(.*)上", r"\1", gap)
    if len(gap) > MAX_GAP[lang] or re.search(r"[。；;.!?，,、]", gap):
        return None
    return best


def _short_body(text: str, start: int) -> Match | None:
    """"Assembly resolution 70/181": a body's short name (rules.toml) right before the word resolution."""
    known = entities_by_iri()
    for name, ident in sorted(rules()["resolutions"]["short_bodies_en"], key=lambda p: -len(p[0])):
        hit = re.search(rf"(?<![\w-]){re.escape(name)}(?:(?:'s|’s)?\s*|,\s*(?:in|by|through)\s+its\s+)$", text[:start])  # "The Assembly, in its resolution 68/276"
        entity = known.get(ID[ident])
        if hit and entity is not None:
            return Match(hit.start(), hit.start() + len(name), entity.iri, entity.type, "alias")
    return None


def _body_after(matches: list[Match], end: int, text: str, start: int | None = None) -> Match | None:
    """English: the body named right after the symbols ("decision 10/1 of the Conference …", "By its resolution 9/1,
    the Conference …"); after the symbols' date too when the sentence opens with them ("By resolution 53/111, of 9
    December 1998, the General Assembly …"; not "In line with resolution 55/25, of …, the Commission held …")."""
    after = [m for m in matches if m.type in BODY_TYPES and m.start >= end]
    if not after:
        return None
    first = after[0]
    gap = text[end:first.start]
    opens = start is not None and re.search(r"(?:^|[.;:]\s+|\n)\s*(?:By|In|Through)\s+(?:its\s+)?$", text[:start])
    if re.fullmatch(r"\s*(?:,\s*(?:the\s+)?|of\s+(?:the\s+)?)", gap) and (opens or not re.search(r"\d{4}$", text[:end])):
        return first  # "Pursuant to resolution 55/25 of 15 November 2000, the Commission met": the date ends the phrase
    dated = re.fullmatch(rf"{EN_DATE}\s*,\s*(?:the\s+)?|\s*,\s*of\s+\d{{1,2}}\s+[A-Z][a-z]+\s+\d{{4}}\s*,\s*(?:the\s+)?", gap)
    return first if opens and dated else None


def _body_of_its(matches: list[Match], start: int, end: int, text: str) -> Match | None:
    """English: "… adopted X as its resolution 9/1": the body earlier in the same sentence."""
    if not re.search(r"\bits\s+$", text[:start]):
        return None
    sentence_start = max(text.rfind(". ", 0, start) + 1, text.rfind("; ", 0, start) + 1, 0)
    bodies = [m for m in matches if m.type in BODY_TYPES and sentence_start <= m.start and m.end <= start]
    return bodies[-1] if len({m.iri for m in bodies}) >= 1 else None


def _body_for(symbol: str, body: Match | None) -> URIRef | None:
    """The adopting body: the one named, else ECOSOC for 1999/22 and the General Assembly for 415 (V)."""
    if body is not None:
        return body.iri
    if re.fullmatch(r"(19|20)\d\d/\d+", symbol):
        return ECOSOC
    if re.fullmatch(r"\d{1,4}(?:\s?[A-H])?\s?\([IVXLC]{1,7}\)", symbol):
        return GENERAL_ASSEMBLY
    return None


def _list_body(text: str, m: re.Match, lang: str, matches: list[Match], own_body: Match | None) -> Match | None:
    """The body of one list of symbols: named before it (after it or earlier in the sentence in English), else the
    document's own body for "its resolution" / 其第……号决议."""
    if lang == "zh":
        body = _body_before(matches, m.start(), text, lang)
        if body is None and own_body is not None and (re.search(rf"其\s*{ZH_DATE}\s*$", text[:m.start()])
                                                      or re.search(rf"其[^，。；;]{{0,120}}的\s*{ZH_DATE}\s*$", text[:m.start()])
                                                      or re.search(r"其[^。；;]{0,120}?决议[，,]\s*(?:尤其是|特别是|包括)\s*$", text[:m.start()])):
            body = own_body  # 回顾其2019年第62/5号决议; 回顾其关于……问题的1996年12月12日第51/120号决议; 其……各项决议，尤其是第……号
        return body
    body = (_body_before(matches, m.start(), text, lang)
            or _body_after(matches, m.end(), text, m.start())
            or _body_of_its(matches, m.start(), m.end(), text))
    if body is None and own_body is not None and re.search(r"\b[Ii]ts\s+$", text[:m.start()]):
        body = own_body
    return body


def _numbered(text: str, lang: str, matches: list[Match], found: list[Resolution]) -> list[Resolution]:
    """Resolutions numbered without a session (第八届……大会通过的题为“……”的第15号决议和……第24号决议, "resolution 15 of
    the Eighth Congress"): only of a body of the kinds in rules.toml [resolutions] numbered_bodies named right before
    (Chinese) or right after (English), or continuing such a list."""
    kinds = set(rules()["resolutions"].get("numbered_bodies", ()))
    numbered_zh = tuple("/" + b for b in rules()["resolutions"].get("numbered_bodies_zh", ()))  # 安理会第1373号决议
    out: list[Resolution] = []
    previous: tuple[int, Match | None] = (-1, None)
    for m in (zh_numbered() if lang == "zh" else EN_NUMBERED).finditer(text):
        if any(r.start <= m.start("sym") < r.end for r in found):
            continue
        body = _body_before(matches, m.start(), text, lang) if lang == "zh" else _body_after(matches, m.end(), text)
        if body is None and previous[1] is not None and re.fullmatch(
                r"\s*(?:、|,|和|及|以及|与|and)\s*(?:题为“[^”]{0,200}”的)?\s*", text[previous[0]:m.start()]):
            body = previous[1]
        if body is None or body.type not in kinds and not (lang == "zh" and str(body.iri).endswith(numbered_zh)):
            previous = (m.end(), None)
            continue
        previous = (m.end(), body)
        decision = m.group("kind").lower() in ("决定", "decision")
        out.append(Resolution(m.start("sym"), m.end("sym"), body.iri, m.group("sym"), decision, body))
        if lang == "zh" and m.group("more"):
            out += [Resolution(n.start(), n.end(), body.iri, n.group(), decision, body)
                    for n in re.finditer(r"\d{1,4}", text[:m.end("more")]) if n.start() >= m.start("more")]
    return out


def _sentence_body(text: str, start: int, found: list[Resolution]) -> Match | None:
    """The body of the last resolution with a named body earlier in the same sentence: a list with no body of its
    own continues it (大会在其第55/25号决议中要求……根据第53/111和第54/126号决议……; "In its resolution 55/25, the
    General Assembly requested …, pursuant to resolutions 53/111 and 54/126")."""
    named = [r for r in found if r.body_match is not None and r.end <= start]
    if not named or re.search(r"[。；;!?！？\n]|\.\s", text[named[-1].end:start]):
        return None
    return named[-1].body_match


def find_resolutions(text: str, lang: str, matches: list[Match], own_body: Match | None = None) -> list[Resolution]:
    """Resolutions and decisions in one paragraph of normalised text.

    *own_body* is the body whose document this is (a resolution text headed "麻醉药品委员会，"):
    "其第62/5号决议" / "its resolution 62/5" with no body named nearby are its own.  A list that continues
    another ("第64/1号决议和第65/2号决定", "resolution 5/4 and decision 6/1") has the body of the first.
    """
    found: list[Resolution] = []
    pattern, item = (ZH_LIST, ZH_ITEM) if lang == "zh" else (EN_LIST, EN_ITEM)
    previous: tuple[int, Match | None] = (-1, None)
    for m in pattern.finditer(text):
        decision = m.group("kind") in ("决定",) or m.group("kind").lower().startswith("decision")
        body = _list_body(text, m, lang, matches, own_body)
        if body is None and previous[0] >= 0 and re.fullmatch(r"\s*(?:、|,|和|及|以及|与|,?\s*and|as well as)\s*(?:its\s+)?",
                                                             text[previous[0]:m.start()]):
            body = previous[1]
        carried = _sentence_body(text, m.start(), found) if body is None else None
        previous = (m.end(), body)
        region_start = m.start() if lang == "zh" else m.start("list")
        region = text[region_start: m.start("kind")] if lang == "zh" else m.group("list")
        for sym in item.finditer(region):
            if lang == "zh":
                symbol, s, e = sym.group(1), region_start + sym.start(), region_start + sym.end()
            else:
                if sym.group("kind"):  # "decision 4/6 and resolutions 5/4 and 6/2"
                    decision = sym.group("kind").lower().startswith("decision")
                symbol, s, e = sym.group("sym"), region_start + sym.start("sym"), region_start + sym.end("sym")
            owner = _body_for(symbol, body)
            if owner is None and carried is not None:
                owner, own = carried.iri, carried
            else:
                own = body
            if owner is None:
                continue
            found.append(Resolution(s, e, owner, symbol, decision, own))
    # 大会决议 [根据……通过] 55/67. 贩卖妇女和女孩; "Resolution adopted by the General Assembly [on the report of …]
    # 55/67. Traffic in women and girls": the resolution a text is headed by
    for m in (HEADED if lang == "zh" else EN_HEADED).finditer(text):
        body = next((b for b in matches if b.type in BODY_TYPES and (b.end == m.start() if lang == "zh" else
                                                                      m.start("by") <= b.start and b.end <= m.end("by"))), None)
        if body is not None and not any(r.start <= m.start("sym") < r.end for r in found):
            found.append(Resolution(m.start("sym"), m.end("sym"), body.iri, m.group("sym"),
                                    m.group("kind").lower() in ("决定", "decision"), body))
    found += _numbered(text, lang, matches, found)
    for m in RES_SYMBOL.finditer(text):
        owner = SERIES_BODY.get(m.group("series"))
        if owner is not None:
            found.append(Resolution(m.start(), m.end(), owner, m.group("sym"), m.group("kind") == "DEC", None))
    return found
