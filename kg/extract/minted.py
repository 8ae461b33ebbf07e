"""A minted entity and its identity: the class segment, the form its variants share and the IRI.

A new entity's IRI is derived from the *variant form* of its name (rules.toml [mint.variants]): lower case,
without "the", "UNODC" or a leading "Global", 与 read as 和, without a trailing generic word such as "project"
or "Sub-programme 1"), so the variants of one name get one IRI in any document, and a name whose variant form is
a label of the reference data (or the text gives a reference abbreviation for it) is that reference entity.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import cache

from rdflib import URIRef

from kg.core.namespaces import ID
from kg.core.resources import rules
from kg.core.vocabulary import BODIES, PLACE_OR_ORG, PLACES, PROGRAMMES, TREATIES
from kg.extract.label_cuts import Cut, cut_forms
from kg.extract.link import Match
from kg.extract.nlp import normalize_label

YEARS = re.compile(r"[(（]\s*\d{4}\s*[-–—]\s*\d{4}\s*年?\s*[)）]$")


@dataclass(frozen=True)
class Minted:
    """A new entity found in normalised text."""

    start: int
    end: int
    name: str
    type: str
    lang: str
    known: tuple | None = None  # (IRI, class) of the reference entity the text gives as this name's other form
    key: str = ""  # the form its IRI is made from when not its name (a national body keyed by its State: CHN:公安部)
    forms: tuple = ()  # other forms the text writes the name in (its owner before it, without its period): alternative labels

    @property
    def iri(self) -> URIRef:
        """Deterministic IRI from the class and the normalised name (or *key*)."""
        return mint_iri(self.type, self.key or self.name, self.lang)


def segment_for(etype: str) -> str:
    """IRI path segment for a class: programme, place, organization, body, convention, protocol or instrument."""
    if etype in PROGRAMMES:
        return "programme"
    if etype in PLACES:
        return "place"
    if etype in PLACE_OR_ORG:
        return "organization"
    if etype in BODIES:
        return "body"
    if etype in TREATIES:
        return etype.lower()
    return "instrument"


def former_iris(iri: str) -> tuple[URIRef, ...]:
    """The IRIs under which earlier versions minted what *iri* names (rules.toml [mint.segments] former: a minted body
    was id/instrument/<slug> before it was id/body/<slug>), so that they stay resolvable."""
    head, _, rest = str(iri).partition(str(ID))
    segment, _, slug_ = rest.partition("/")
    if head or not slug_:
        return ()
    return tuple(ID[f"{old}/{slug_}"] for old in rules()["mint"].get("segments", {}).get("former", {}).get(segment, ()))


def variant_key(name: str, lang: str) -> str:
    """The form shared by a name's variants (rules.toml [mint.variants]): lower case, without "the", "UNODC",
    "Pilot" or a leading "Global", without a trailing "project" or "Sub-programme 1", with one spelling of
    words spelt two ways; 与 read as 和, punctuation dropped, without a leading 毒品和犯罪问题办公室 or 全球 and
    without 项目 after 方案."""
    cfg = rules()["mint"]["variants"]
    if lang == "zh" or re.search(r"[\u4e00-\u9fff]", name):
        key = re.sub(r"[\s《》〈〉“”\"'·,，、:：;；!！?？]", "", normalize_label(name))
        for word in cfg.get("drop_words_zh", []):  # 阿富汗及其邻国区域方案 is 阿富汗邻国区域方案
            key = key.replace(word, "")
        for a, b in cfg["same_chars_zh"]:
            key = key.replace(a, b)
        for prefix in sorted(cfg["leading_prefixes_zh"], key=len, reverse=True):
            if key.startswith(prefix) and len(key) > len(prefix) + 2:
                key = key[len(prefix):]
                break
        for inner, head in cfg.get("inner_words_zh", []):  # 网络犯罪全球方案 is 全球网络犯罪方案
            if key.endswith(inner + head) and len(key) > len(inner + head) + 1:
                key = key[: len(key) - len(inner + head)] + head
                break
        for tail, after in cfg.get("trailing_words_zh", []):  # 集装箱管制方案项目: a project word after a programme word
            if key.endswith(after + tail):
                return key[: len(key) - len(tail)]
        return key
    lowered = re.sub(r"(?<=[A-Z]{2})\.(?=[A-Z]{2})", "", name).lower()  # GLO.ACT is GLOACT, UN.GIFT is UNGIFT
    for owner in cfg.get("joined_owners_en", []):  # "UNODC-WHO Programme on …": both owners leave the name
        lowered = re.sub(rf"\b{re.escape(owner)}\s*[-/–]\s*[a-z]+\b|\b[a-z]+\s*[-/–]\s*{re.escape(owner)}\b", " ", lowered)
    words = re.findall(r"[a-z0-9]+(?:['’]s)?", lowered)
    same = {a: b for a, b in cfg["same_words_en"]}
    words = [w for word in words if word not in cfg["drop_words_en"] for w in same.get(word, word).split()]
    while len(words) > 2 and words[0] in cfg["leading_words_en"]:
        words = words[1:]
    key = " ".join(words)
    for tail in sorted(cfg.get("trailing_words_en", []), key=len, reverse=True):  # "… Programme project", "… Sub-programme 1"
        cut = re.sub(rf"\s{re.escape(tail)}(?:\s[0-9ivx]+)?$", "", key)
        if cut != key and len(cut.split()) >= 2:
            return cut
    return key


def _without_head(key: str, lang: str) -> str | None:
    """A variant key without its trailing generic head word (rules.toml [mint.variants] trailing_heads):
    “请先聆听”运动 is the Listen First campaign 请先聆听."""
    for head in sorted(rules()["mint"]["variants"].get(f"trailing_heads_{lang}", []), key=len, reverse=True):
        if key.endswith(head) and len(key) - len(head) >= (4 if lang == "zh" else 2):
            return key[: len(key) - len(head)].strip()
    return None


def slug(name: str, lang: str) -> str:
    """A stable slug from the name's variant form: ASCII words for English names, a hash for others."""
    key = variant_key(name, lang)
    if lang == "en":
        words = re.findall(r"[a-z0-9]+", key)
        if words:
            return "-".join(words)[:80]
    return f"{lang}-{hashlib.sha1(key.encode('utf-8')).hexdigest()[:12]}"


def mint_iri(etype: str, name: str, lang: str) -> URIRef:
    """IRI of a minted entity: id/<segment>/<slug>; a new place the data names in English too (rules.toml
    [mint.places] zh_en) has the IRI of its English name."""
    if etype in PLACES and lang != "en":
        english = _places_en(lang).get(variant_key(name, lang))
        if english:
            return ID[f"{segment_for(etype)}/{slug(english, 'en')}"]
    return ID[f"{segment_for(etype)}/{slug(name, lang)}"]


@cache
def _places_en(lang: str) -> dict[str, str]:
    """The English names of new places named in *lang*, by their variant form."""
    return {variant_key(a, lang): b for a, b in rules()["mint"].get("places", {}).get(f"{lang}_en", ())}


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



@cache
def reference_variants() -> dict:
    """Variant form of every reference label -> {(IRI, class)}: the names the reference data knows."""
    from kg.core.reference import load_entities

    index: dict = {}
    for e in load_entities():
        for lang, label in list(e.labels.items()) + list(e.aliases):
            key = variant_key(label, lang)
            for form in {key, reordered(key, lang)} - {"", None}:
                index.setdefault(form, set()).add((e.iri, e.type))
    return index


@cache
def _unpossessed_variants() -> dict:
    """Reference variant forms without their possessive endings that no exact form has -> {(IRI, class)}: a fallback
    consulted only when the exact forms give nothing."""
    index: dict = {}
    for key, found in reference_variants().items():
        bare = _unpossessed(key)
        if bare and bare not in reference_variants():
            index.setdefault(bare, set()).update(found)
    return index


def _reference_forms(form: str) -> set:
    """The reference entities of a variant form: its exact forms, else those without possessive endings."""
    return reference_variants().get(form) or _unpossessed_variants().get(form, set())


def _unpossessed(key: str) -> str | None:
    """An English variant form without its possessive endings ("united nations children fund" for the United Nations
    Children's Fund), else None."""
    bare = re.sub(r"(?<=[a-z])['’]s\b", "", key)
    return bare if bare != key and key.isascii() else None


def reordered(key: str, lang: str) -> str | None:
    """An English variant form with its head word moved after its subject ("programme on maritime crime" is
    "maritime crime programme"; rules.toml [mint.variants] reordered_heads_en), else None."""
    heads = rules()["mint"]["variants"].get("reordered_heads_en", [])
    if lang == "zh" or not heads:
        return None
    hit = re.fullmatch(rf"((?:united nations )?)((?:[a-z]+ )?(?:{'|'.join(map(re.escape, heads))})) (?:on|for|against|of) (.+)", key)
    return f"{hit.group(1)}{hit.group(3)} {hit.group(2)}" if hit else None  # "united nations convention against …" too


def known_variant(m: Minted) -> tuple | None:
    """(IRI, class) of the reference entity a minted name is a variant of, when exactly one of its family."""
    from kg.core.vocabulary import family

    if m.known is not None:
        return m.known
    key = variant_key(m.name, m.lang)
    edition = re.fullmatch(r"(.+?)(?:\s*\([^()]*\))?\s+[-–—]\s+(?:\S+\s+){0,5}\S+", m.name) if m.lang != "zh" else None
    if edition and (known := known_variant(Minted(m.start, m.end, edition.group(1), m.type, m.lang))):
        return known  # "Container Control Programme (CCP) - Turkmenistan Segment": a part or edition of the programme
    dated = re.fullmatch(r"(.+?),?\s+\(?\d{4}\s*[–-]\s*(?:\d{4}|\d{2})\)?", m.name) if m.lang != "zh" else None
    if dated and (known := known_variant(Minted(m.start, m.end, dated.group(1), m.type, m.lang))):
        return known  # "UNODC Program for Central Asia 2015-2019": the programme in one of its periods
    for form in (key, _without_head(key, m.lang), reordered(key, m.lang), _unpossessed(key)):
        hits = {(iri, t) for iri, t in _reference_forms(form) if family(t) == family(m.type)} if form else set()
        if hits:
            return next(iter(hits)) if len(hits) == 1 else None
    if m.lang == "zh" and (hits := {(iri, t) for iri, t in latin_headed(key) if family(t) == family(m.type)}):
        return next(iter(hits)) if len(hits) == 1 else None
    if m.lang != "zh" and len(key.split()) >= 3 and len(everyone := _reference_forms(key)) == 1:
        return next(iter(everyone))  # "United Nations Development Program": a reference name in full, of another family
    for opening in rules()["mint"]["variants"].get("openings_en", []) if m.lang != "zh" else ():
        if family(m.type) in opening["families"]:  # "UN Voluntary Trust Fund for Victims of Trafficking": a name less its tail
            hits = {(iri, t) for iri, t in opened_variants(tuple(opening["tails"]), opening["min_words"]).get(key, ())
                    if family(t) == family(m.type)}
            return next(iter(hits)) if len({iri for iri, _ in hits}) == 1 else None
    if m.lang == "zh":  # 禁止贩卖人口及取缔意图营利使人卖淫公约 is the reference's ……卖淫的公约
        loose = loose_key(key)
        hits = {(iri, t) for iri, t in loose_variants().get(loose, ()) if family(t) == family(m.type)}
        if not hits and m.type in TREATIES:
            hits = _treaty_tail(loose)
        return next(iter(hits)) if len(hits) == 1 else None
    return None


def latin_headed(key: str) -> set:
    """The reference entities of a Chinese name written as a Latin name and a Chinese head word (GlobE网络, SMART方案):
    the English name of that Latin name and the head word's English forms (ontology/editions.toml heads: the GlobE
    Network)."""
    from kg.extract.editions import head_of, settings

    head_key, head = head_of(key, "zh")
    latin = re.fullmatch(r"([A-Za-z][A-Za-z0-9&./\- ]*[A-Za-z0-9])", key[: len(key) - len(head)]) if head else None
    if not latin:
        return set()
    english = [f"{latin.group(1)} {word}" for word in settings()["heads"][head_key].get("en", ())] + [latin.group(1)]
    return {hit for name in english for hit in _reference_forms(variant_key(name, "en"))}


def contradicted(m: Minted, known: tuple, others: list) -> bool:
    """Another new name of the paragraph goes on from *m*'s words and is not *known*: *m* is its short form, not the
    reference entity's ("the United Nations Voluntary Trust Fund for Victims" after "… for Victims of Torture")."""
    return any(o.name.startswith(m.name + " ") and known_variant(o) != known for o in others)


@cache
def opened_variants(tails: tuple, least: int) -> dict:
    """English variant form of the opening of a reference label -> {(IRI, class)}: the label's words before one of
    *tails* that starts its tail (rules.toml [[mint.variants.openings_en]]: "in", "especially" …), when at least *least*
    words are left ("united nations voluntary trust fund for victims of trafficking" opens the trust fund's "… in
    Persons, Especially Women and Children"); the partial forms of kg.extract.label_cuts."""
    labels = ((tuple(key.split()), hit) for key, found in reference_variants().items() if key.isascii() for hit in found)
    index: dict = {}
    for f in cut_forms("en", labels, Cut(before=frozenset(tails), least_words=least)):
        index.setdefault(f.form, set()).add(f.hit)
    full = reference_variants()
    return {k: v for k, v in index.items() if k not in full}


def _treaty_tail(loose: str) -> set:
    """A treaty's title that a text shortens by its opening (《公约关于打击陆、海、空偷运移民的补充议定书》, the convention
    named before): the treaties whose loose label ends with the title less its short opener (rules.toml
    [mint.variants] short_treaty_openers_zh), when at least tail_chars_zh characters are left."""
    cfg = rules()["mint"]["variants"]
    tail = next((loose[len(o):] for o in cfg.get("short_treaty_openers_zh", []) if loose.startswith(o)), loose)
    if len(tail) < cfg.get("tail_chars_zh", 10):
        return set()
    return {(iri, t) for key, found in loose_variants().items() if key.endswith(tail) and key != tail
            for iri, t in found if t in TREATIES}


def loose_key(key: str) -> str:
    """A Chinese variant form without the particles and openers a name is also written without (rules.toml
    [mint.variants] loose_drop_zh: 的, 之; loose_openers_zh: 联合国), when enough of it is left."""
    cfg = rules()["mint"]["variants"]
    loose = key
    for opener in cfg.get("loose_openers_zh", []):
        if loose.startswith(opener) and len(loose) - len(opener) >= 4:
            loose = loose[len(opener):]
    for word in cfg.get("loose_drop_zh", []):
        loose = loose.replace(word, "")
    for pattern in cfg.get("loose_patterns_zh", []):  # 经……修正的1961年麻醉品单一公约, ……的1972年议定书
        loose = re.sub(pattern, "", loose)
    for a, b in cfg.get("loose_same_zh", []):  # 贩运人口受害者 / 人口贩运受害者
        loose = loose.replace(a, b)
    for head, same in cfg.get("loose_heads_zh", []):  # 联合国毒品与犯罪署: the office
        loose = loose[: -len(head)] + same if loose.endswith(head) else loose
    return loose if len(loose) >= 4 else key


@cache
def loose_variants() -> dict:
    """Loose form of every Chinese reference label -> {(IRI, class)}."""
    from kg.core.reference import load_entities

    index: dict = {}
    for e in load_entities():
        for lang, label in list(e.labels.items()) + list(e.aliases):
            if lang == "zh":
                index.setdefault(loose_key(variant_key(label, lang)), set()).add((e.iri, e.type))
    return index
