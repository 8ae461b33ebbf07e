"""New entities: names of a known class that the reference data does not hold.

Titles in 《》 ending in 公约, 宣言, 战略 …; names ending in 方案, 举措, 网络, 数据库 …;
English capitalised names around Programme, Initiative, Network …  A name is minted only
when it is specific (it names a place or an organisation, carries an acronym, a title or a
quoted name, or is a capitalised English name), so "该方案" or "合作方案" is never an entity.
The IRI is derived from the normalised name, so the same name in another document gets
the same IRI.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import cache

from rdflib import URIRef

from kg.core.namespaces import ID
from kg.core.resources import rules
from kg.core.vocabulary import PLACE_OR_ORG, PLACES, PROGRAMMES, TREATIES
from kg.extract.link import Match

YEARS = re.compile(r"[(（]\s*\d{4}\s*[-–—]\s*\d{4}\s*年?\s*[)）]$")
QUOTED = re.compile(r"[“\"]([^“”\"]{2,40})[”\"]$")


@dataclass(frozen=True)
class Minted:
    """A new entity found in normalised text."""

    start: int
    end: int
    name: str
    type: str
    lang: str

    @property
    def iri(self) -> URIRef:
        """Deterministic IRI from the class and the normalised name."""
        return mint_iri(self.type, self.name, self.lang)


def segment_for(etype: str) -> str:
    """IRI path segment for a class: programme, organization, convention, protocol or instrument."""
    if etype in PROGRAMMES:
        return "programme"
    if etype in PLACE_OR_ORG:
        return "organization"
    if etype in TREATIES:
        return etype.lower()
    return "instrument"


def variant_key(name: str, lang: str) -> str:
    """The form shared by a name's variants (rules.toml [mint.variants]): lower case, without "the",
    "UNODC" or a leading "Global", 与 read as 和, without a leading 毒品和犯罪问题办公室 or 全球."""
    cfg = rules()["mint"]["variants"]
    if lang == "zh" or re.search(r"[\u4e00-\u9fff]", name):
        key = re.sub(r"[\s《》〈〉“”\"'·]", "", name)
        for a, b in cfg["same_chars_zh"]:
            key = key.replace(a, b)
        for prefix in sorted(cfg["leading_prefixes_zh"], key=len, reverse=True):
            if key.startswith(prefix) and len(key) > len(prefix) + 2:
                key = key[len(prefix):]
                break
        return key
    words = re.findall(r"[a-z0-9]+(?:['’]s)?", name.lower())
    same = {a: b for a, b in cfg["same_words_en"]}
    words = [w for word in words if word not in cfg["drop_words_en"] for w in same.get(word, word).split()]
    while len(words) > 2 and words[0] in cfg["leading_words_en"]:
        words = words[1:]
    return " ".join(words)


def slug(name: str, lang: str) -> str:
    """A stable slug from the name's variant form: ASCII words for English names, a hash for others."""
    key = variant_key(name, lang)
    if lang == "en":
        words = re.findall(r"[a-z0-9]+", key)
        if words:
            return "-".join(words)[:80]
    return f"{lang}-{hashlib.sha1(key.encode('utf-8')).hexdigest()[:12]}"


def mint_iri(etype: str, name: str, lang: str) -> URIRef:
    """IRI of a minted entity: id/<segment>/<slug>."""
    return ID[f"{segment_for(etype)}/{slug(name, lang)}"]


def _clean(name: str) -> str:
    name = YEARS.sub("", name).strip()
    return re.sub(r"\s+", " ", name)


def _covered(matches: list[Match], start: int, end: int) -> Match | None:
    """A gazetteer match that covers [start, end) exactly or more."""
    for m in matches:
        if m.start <= start and m.end >= end:
            return m
    return None


def _inside(matches: list[Match], start: int, end: int) -> list[Match]:
    return [m for m in matches if m.start >= start and m.end <= end]


def mint_zh(text: str, matches: list[Match], titles: list[tuple[int, int]]) -> list[Minted]:
    """New entities in one paragraph of normalised Chinese text; *titles* are the spans that were in 《》."""
    cfg = rules()["mint"]["zh"]
    found: list[Minted] = []
    for s, e in titles:
        inner = text[s:e]
        if _covered(matches, s, e):
            continue
        for suffix, etype in cfg["title_suffixes"]:
            if inner.endswith(suffix) and len(inner) > len(suffix) + 1:
                found.append(Minted(s, e, _clean(inner), etype, "zh"))
                break
    suffixes = sorted(cfg["name_suffixes"], key=lambda x: -len(x[0]))
    stops = sorted(cfg["name_stop_words"], key=len, reverse=True)
    generic = set(cfg["generic_heads"])
    seen_ends: set[int] = set()
    for suffix, etype in suffixes:
        for hit in re.finditer(re.escape(suffix), text):
            end = hit.end()
            if end in seen_ends:
                continue
            covered = _covered(matches, hit.start(), end)
            if covered is not None:
                continue
            start = _name_start(text, hit.start(), stops, cfg["name_breaks"], matches, titles,
                                cfg.get("organisation_prefixes", []), tuple(x for x, _ in suffixes))
            whole = _quoted_or_purpose(text, hit.start(), end, start, stops, cfg)
            if whole is not None and etype not in PLACE_OR_ORG and suffix != "工具包":  # a quoted toolkit is a publication
                seen_ends.add(end)
                found.append(Minted(whole, end, _clean(text[whole:end]), etype, "zh"))
                continue
            name = _clean(text[start:end])
            if not (cfg["min_chars"] <= len(name) <= cfg["max_chars"]) or name in generic:
                continue
            organisation = etype in PLACE_OR_ORG
            if organisation and text.startswith("了", end):
                continue  # 组织了: the verb "organised", not a name
            prefixed = any(name.startswith(p) and len(name) > len(p) + len(suffix) and name[len(p):] not in generic
                           and suffix in cfg.get("prefixed_suffixes", ()) for p in cfg.get("organisation_prefixes", []))
            if not prefixed and not _specific_zh(text, start, hit.start(), matches, titles, places_only=organisation):
                continue
            if len(suffix) == 1 and text[end:end + 1] and text[end] in cfg.get("single_head_not_before", ""):
                continue  # 司法部副部长: 部长 is a word
            if len(suffix) == 1 and not (prefixed or organisation and _names_place_first(text, start, hit.start(), matches)):
                continue  # 部, 局, 处 alone end many words: only after a place (阿富汗内政部) or 联合国
            seen_ends.add(end)
            found.append(Minted(start, end, name, _refine_type(etype, text, start, hit.start(), matches), "zh"))
    # a name inside a longer new name is part of it (东南亚海关 in 东南亚海关培训中心)
    return [m for m in found if not any(o is not m and o.start <= m.start and m.end <= o.end and o.end - o.start > m.end - m.start
                                        for o in found)]


def _quoted_or_purpose(text: str, suffix_start: int, end: int, start: int, stops: list[str], cfg: dict) -> int | None:
    """The start of a programme name that the stop words would cut: a whole name in quotes (“加强……的全球方案”),
    or a name that opens with a purpose verb right after a verb of launching or a break (启动了加强打击……的……举措)."""
    if text[end:end + 1] in ("”", '"'):
        opened = re.search(r"[“\"]([^“”\"。；]{2,40})$", text[:suffix_start])
        if opened:
            return opened.start() + 1
    breaks = cfg["name_breaks"]
    window_start = max(0, suffix_start - cfg["max_chars"])
    for opener in sorted(cfg.get("purpose_openers", []), key=len, reverse=True):
        for hit in re.finditer(re.escape(opener), text[window_start:start]):
            at = window_start + hit.start()
            if any(ch in breaks for ch in text[at:suffix_start]) or "的" not in text[at:suffix_start] or \
                    text.startswith("了", at + len(opener)):
                continue  # a nominal name: 加强……的……举措, not a clause (支持11个国家建立……方案, 加强了……网络)
            before = text[:at]
            if before and before[-1] not in breaks and not any(before.endswith(v) for v in cfg.get("launch_verbs", [])):
                continue
            return at
    return None


def _name_start(text: str, suffix_start: int, stops: list[str], breaks: str, matches: list[Match], titles,
                prefixes: list[str] = (), heads: tuple = ()) -> int:
    """Walk left from the suffix to the first break character or stop word."""
    quoted = QUOTED.search(text[:suffix_start])
    if quoted:
        return quoted.start()
    i = suffix_start
    while i > 0:
        # keep names and titles whole
        m = next((m for m in matches if m.end == i), None)
        if m is not None and m.start < i:
            i = m.start
            continue
        title = next((t for t in titles if t[1] == i and t[0] < i), None)
        if title is not None:
            i = title[0]
            continue
        if text[i - 1] in breaks or (text[i - 1] == "." and i > 1 and text[i - 2].isdigit()):
            break
        stop = next((w for w in stops if text.endswith(w, 0, i)), None)
        if stop is not None:
            # "X和Y区域方案": a joiner between two place names stays inside the name
            if stop in ("和", "与", "及") and any(m.end == i - len(stop) and m.type in PLACES for m in matches) \
                    and any(m.start == i and m.type in PLACES for m in matches):
                i -= len(stop)
                continue
            # "联合国预防犯罪和刑事司法方案": a joiner inside a name that opens with 联合国
            if stop in ("和", "与", "及"):
                window = text[max(0, i - len(stop) - 20):i - len(stop)]
                opener = max((window.rfind(p) for p in prefixes), default=-1)
                if opener >= 0:
                    between = window[opener:]
                    at = i - len(stop) - (len(window) - opener)
                    if not any(ch in breaks for ch in between) and not any(between.endswith(h) for h in heads) \
                            and not any(m.start <= at < m.end for m in matches):  # 联合国 inside a known name
                        i = at
                        break
            break
        i -= 1
    return i


def _names_place_first(text: str, start: int, suffix_start: int, matches: list[Match]) -> bool:
    """The name opens with a place (阿富汗内政部, 尼日利亚警察局)."""
    return any(m.start == start and m.end <= suffix_start and m.type in PLACES for m in matches)


def _specific_zh(text: str, start: int, suffix_start: int, matches: list[Match], titles, places_only=False) -> bool:
    """A name is specific when it names a place, an organisation or a treaty, or holds an acronym, title or quote.

    An organisation's name must name a place (西非司法培训研究所): "UNODC 组织" is a verb phrase.
    """
    core = text[start:suffix_start]
    if re.search(r"[A-Z]{2,}|“|\"", core) or any(start <= s and e <= suffix_start for s, e in titles):
        return True
    wanted = PLACES if places_only else PLACE_OR_ORG | TREATIES
    return any(m.type in wanted for m in _inside(matches, start, suffix_start))


def _refine_type(etype: str, text: str, start: int, suffix_start: int, matches: list[Match]) -> str:
    """A plain programme named after a country or region is a country or regional programme."""
    if etype != "Programme":
        return etype
    inner = _inside(matches, start, suffix_start)
    core = text[start:suffix_start]
    if "全球" in core:
        return "GlobalProgramme"
    if "区域" in core or (inner and all(m.type == "Region" for m in inner if m.type in PLACE_OR_ORG) and any(m.type == "Region" for m in inner)):
        return "RegionalProgramme"
    if any(m.type == "Country" for m in inner) and not any(m.type in TREATIES for m in inner):
        return "CountryProgramme" if "国家" in core or len([m for m in inner if m.type == "Country"]) == 1 else etype
    return etype


LEFT_CONNECTORS = {"of", "and", "for", "on", "against", "&", "de"}  # "the", "from", "with" end a name on its left
INNER_CONNECTORS = {"in"}  # inside a name only between capitalised words


def mint_en(text: str, matches: list[Match]) -> list[Minted]:
    """New entities in one paragraph of normalised English text: capitalised names around a class word."""
    cfg = rules()["mint"]["en"]
    connectors = set(cfg["connectors"])
    heads = sorted(cfg["name_heads"] + cfg["title_heads"], key=lambda x: -len(x[0]))
    head_re = "|".join(re.escape(h) for h, _ in heads)
    found: list[Minted] = []
    for head, etype in heads:
        for hit in re.finditer(rf"\b{re.escape(head)}\b", text):
            if _covered(matches, hit.start(), hit.end()) or any(f.start <= hit.start() < f.end for f in found):
                continue
            start = _extend_left(text, hit.start(), connectors)
            # "the X Programme and the Y Programme": two names, the second starts after the first's head
            joined = list(re.finditer(rf"\b(?:{head_re})\s*(?:,|and|or)\s+(?:the\s+)?", text[start:hit.start()]))
            if joined:
                start += joined[-1].end()
            end = _extend_right(text, hit.end(), connectors, head_re)
            for m in matches:  # "… Task Force on NCDs, UNODC contributed": a known name after a comma is not part of it
                if hit.end() < m.start < end and text[:m.start].rstrip().endswith(","):
                    end = text.rindex(",", 0, m.start)
                    break
            name = _clean(text[start:end]).strip(" ,")
            words = [w for w in re.findall(r"[A-Za-z][\w'’\-]*", name) if w[0].isupper()]
            if not (cfg["min_words"] <= len(words) <= cfg["max_words"]):
                continue
            if name.lower() == head.lower() or _covered(matches, start, start + len(name)):
                continue
            if name.split(" ", 1)[0].rstrip(".") in cfg.get("person_titles", ()) and etype not in ("Convention", "Protocol"):
                # "Deputy Commander of Afghan Border Police": a person's title; the organisation is after "of"
                of = re.search(r"^(?:[A-Z][\w'’\-.]*\s+)+of\s+(?:the\s+)?", name)
                rest = name[of.end():] if of else ""
                words = [w for w in re.findall(r"[A-Za-z][\w'’\-]*", rest) if w[0].isupper()]
                if not of or not (cfg["min_words"] <= len(words)) or rest.split(" ", 1)[0] in cfg.get("person_titles", ()):
                    continue
                start += of.end()
                name = rest
                if _covered(matches, start, start + len(name)):
                    continue
            found.append(Minted(start, start + len(name), name, etype, "en"))
    return found


def _extend_left(text: str, pos: int, connectors: set[str]) -> int:
    """Start of the capitalised phrase ending at *pos*."""
    tokens = list(re.finditer(r"[A-Za-z][\w'’\-.]*|&", text[:pos]))
    start = pos
    for i in range(len(tokens) - 1, -1, -1):
        tok = tokens[i]
        between = text[tok.end():start]
        if between.strip():
            break
        word = tok.group(0)
        if word.endswith(".") and re.fullmatch(r"[A-Za-z][a-z]+\.", word):
            break  # the end of the sentence before ("… by Land, Sea and Air. The …")
        if word[0].isupper() or word in LEFT_CONNECTORS:
            start = tok.start()
        elif word in INNER_CONNECTORS and i > 0 and tokens[i - 1].group(0)[0].isupper() and \
                not text[tokens[i - 1].end():tok.start()].strip() and \
                text[:tokens[i - 1].start()].rstrip()[-1:] not in ("", ".", ":", "\n", "!", "?"):
            start = tok.start()  # "Women in Law Enforcement Initiative": a word between two capitalised words
        else:
            break
    # a name does not start with a connector
    while True:
        m = re.match(r"([a-z&]+)\s+", text[start:pos])
        if m and m.group(1) in connectors:
            start += m.end()
        else:
            break
    m = re.match(r"The\s+", text[start:pos])
    if m:
        start += m.end()
    return start


def _names_after(rest: str, head_re: str) -> bool:
    """ "… and the Organized Crime Strategy Toolkit": another name ending with a head word follows."""
    run = re.match(r"\s+the\s+((?:[A-Z][\w'’\-]*\s+){0,6}[A-Z][\w'’\-]*)", rest)
    return bool(run and head_re and re.search(rf"\b(?:{head_re})$", run.group(1)))


def _extend_right(text: str, pos: int, connectors: set[str], head_re: str = "") -> int:
    """End of a capitalised tail such as "on Cybercrime" or "against Money Laundering"."""
    end = pos
    i = pos
    while True:
        m = re.match(r"([ \t]+|,[ \t]*)([A-Za-z][\w'’\-]*|&)", text[i:])  # a name does not cross a line end
        if not m:
            break
        word = m.group(2)
        if word in ("The", "A", "An", "This", "These", "It", "Its"):
            break  # a new sentence or clause (a heading joined to its paragraph), not a word of the name
        if word[0].isupper():
            i += m.end()
            end = i
        elif word in ("and", "or") and ((head_re and re.search(rf"\b(?:{head_re})$", text[:i]))
                                        or _names_after(text[i + m.end():], head_re)):
            break  # "the Seychelles Anti-Narcotics Bureau and the Marine Police Unit": two names
        elif word in connectors and m.group(1).strip() != ",":
            i += m.end()
        else:
            break
    return end


def mint(text: str, lang: str, matches: list[Match], titles: list[tuple[int, int]] = ()) -> list[Minted]:
    """New entities in one paragraph of normalised text."""
    return mint_zh(text, matches, list(titles)) if lang == "zh" else mint_en(text, matches)


@cache
def reference_variants() -> dict:
    """Variant form of every reference label -> {(IRI, class)}: the names the reference data knows."""
    from kg.core.reference import load_entities

    index: dict = {}
    for e in load_entities():
        for lang, label in list(e.labels.items()) + list(e.aliases):
            key = variant_key(label, lang)
            if key:
                index.setdefault(key, set()).add((e.iri, e.type))
    return index


def known_variant(m: Minted) -> tuple | None:
    """(IRI, class) of the reference entity a minted name is a variant of, when exactly one of its family."""
    from kg.core.vocabulary import family

    hits = {(iri, t) for iri, t in reference_variants().get(variant_key(m.name, m.lang), ()) if family(t) == family(m.type)}
    return next(iter(hits)) if len(hits) == 1 else None
