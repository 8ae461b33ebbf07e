"""A document as a language edition of a UN document: its own symbol, its expression triples and its edition record.

A UN document is published under one symbol in up to six languages with the same paragraph numbering.
A document's *own* symbol is the one printed alone on a line of its heading block (`own_symbols`);
symbols elsewhere are symbols it cites.  A document that prints its own symbol is an `eli:LegalExpression`
realising the `eli:LegalResource` id/work/<symbol> (`document_expression`, added by kg.extract.to_rdf).

`edition_record` reads from a document's graph what aligning it with other editions needs (paragraph numbers,
own symbol, minted names with the reference entities inside them, their head words and abbreviations);
kg.extract.alignment decides from such records which names are one thing, kg.build.identity applies that to the
merged corpus.  Language data (head words such as 网络 / Network, words allowed beside a symbol, ELI language
IRIs) is in ontology/editions.toml: another language is another table there.
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from rdflib import RDF, SKOS, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS

from kg.core.errors import InputError
from kg.core.namespaces import ID, UNODC
from kg.core.resources import ontology_dir
from kg.core.vocabulary import family
from kg.extract.header import SYMBOL_RE, find_symbols
from kg.extract.nlp import normalize_label

ELI = Namespace("http://data.europa.eu/eli/ontology#")
# classes whose minted names may be one thing across languages (resolutions already have one IRI per symbol)
FAMILIES = ("Programme", "Organization", "Body", "Treaty", "Instrument")
KIND_OF_CLASS = {UNODC.FrontMatter: "front", UNODC.Heading: "heading", UNODC.Footnote: "footnote", UNODC.Paragraph: "text"}
ABBREVIATION = re.compile(r"^[A-Z][A-Za-z0-9\-&]*[A-Z0-9][A-Za-z0-9\-&]*$")
SYMBOL_LINE_MARKUP = "|*#_`>:：;；,，.。-–—/\\ \t()（）"


@lru_cache(maxsize=1)
def settings() -> dict:
    """The language data of ontology/editions.toml."""
    import tomllib

    with (ontology_dir() / "editions.toml").open("rb") as handle:
        return tomllib.load(handle)


# ---------------------------------------------------------------- a document's own symbol


def own_symbols_in(blocks) -> tuple[str, ...]:
    """The document's own symbols from its blocks [(kind, readable text)] in reading order: the symbols of the
    first line of the heading block (before the first numbered paragraph, footnotes excluded) that holds
    nothing but symbols, separators and the words of [symbols] line_words (ontology/editions.toml)."""
    words = sorted(settings()["symbols"]["line_words"], key=len, reverse=True)
    for kind, text in blocks:
        if kind == "numbered":
            break
        if kind == "footnote":
            continue
        for line in text.split("\n"):
            symbols = find_symbols(line)
            if not symbols:
                continue
            rest = SYMBOL_RE.sub(" ", line)
            for word in words:
                rest = rest.replace(word, " ")
            if not rest.strip(SYMBOL_LINE_MARKUP):
                return tuple(symbols)
    return ()


def own_symbols(doc) -> tuple[str, ...]:
    """The UN symbols a segmented document carries as its own (E/CN.7/2022/2), apart from those it cites."""
    return own_symbols_in((p.kind, p.text) for p in doc.paragraphs)


def work_iri(symbol: str) -> URIRef:
    """IRI of the work a symbol names: id/work/<symbol in lower case, runs of other characters as ->."""
    return ID["work/" + re.sub(r"[^a-z0-9]+", "-", symbol.lower()).strip("-")]


def parse_edition_of(values) -> dict[str, str]:
    """{file name: symbol} from `--edition-of FILE=SYMBOL` values; a malformed value is an InputError."""
    found: dict[str, str] = {}
    for value in values or ():
        path, sep, symbol = value.partition("=")
        symbol = symbol.strip()
        if not sep or not path.strip() or not symbol:
            raise InputError(f"--edition-of {value!r}: expected FILE=SYMBOL (e.g. report.zh.md=E/CN.7/2022/2)")
        if not SYMBOL_RE.fullmatch(symbol) or "/" not in symbol:
            raise InputError(f"--edition-of {value!r}: {symbol!r} is not a UN document symbol (e.g. E/CN.7/2022/2)")
        name = Path(path.strip()).name
        if found.get(name, symbol) != symbol:
            raise InputError(f"--edition-of: {name} is given two symbols ({found[name]}, {symbol})")
        found[name] = symbol
    return found


def expression_triples(doc_iri: URIRef, symbol: str, lang: str, title: str) -> list[tuple]:
    """A document as the expression, in its language, of the work its symbol names (its own triples)."""
    work = work_iri(symbol)
    triples = [(doc_iri, RDF.type, ELI.LegalExpression), (doc_iri, ELI.realizes, work),
               (work, RDF.type, ELI.LegalResource), (work, ELI.id_local, Literal(symbol))]
    language = settings()["languages"].get(lang, {}).get("eli_language")
    if language:
        triples.append((doc_iri, ELI.language, URIRef(language)))
    if title:
        triples.append((doc_iri, ELI.title, Literal(title, lang=lang)))
    return triples


def document_expression(doc, doc_iri: URIRef) -> list[tuple]:
    """In the worker: the expression triples of a segmented document that prints its own symbol (else none)."""
    own = own_symbols(doc)
    return expression_triples(doc_iri, own[0], doc.lang, doc.title) if own else []


# ---------------------------------------------------------------- per-document record (in the worker)


@dataclass(frozen=True)
class ParagraphRecord:
    """A paragraph as alignment sees it."""

    iri: str
    kind: str  # numbered, text, front, heading, footnote
    number: str | None
    order: int


@dataclass(frozen=True)
class MintedName:
    """A minted entity as one document names it."""

    iri: str
    family: str
    lang: str
    label: str
    head: str  # key of its head word in ontology/editions.toml, "" when none is known
    refs: frozenset  # reference entities named inside the name
    abbreviations: frozenset  # abbreviations in Latin letters the document defines for it
    bare: bool  # nothing in the name but its head word, the reference names inside and fillers
    reference: bool = False  # a reference entity (not minted) the document names: a minted name elsewhere may be it
    parent: str = ""  # the name of another body that opens it in an unspaced language (公安部 in 公安部刑事侦查局)


@dataclass
class EditionRecord:
    """What merging needs of one document: its own symbols, paragraphs and minted names per paragraph."""

    iri: str
    name: str
    lang: str
    title: str
    own: tuple[str, ...]
    paragraphs: tuple[ParagraphRecord, ...]
    names: dict = field(default_factory=dict)  # iri -> MintedName
    in_paragraph: dict = field(default_factory=dict)  # paragraph iri -> minted and reference iris in order of first mention
    date: Literal | None = None
    mentioned: frozenset = frozenset()  # every entity the document mentions


def head_of(label: str, lang: str) -> tuple[str, str]:
    """(head key, head word) of a name: the longest head word of its language at its end (unspaced
    languages) or as a whole word (spaced ones); ("", "") when none."""
    cfg = settings()
    spaced = cfg["languages"].get(lang, {}).get("spaced", True)
    best = ("", "")
    for key, entry in cfg["heads"].items():
        for word in entry.get(lang, ()):
            hit = re.search(rf"(?<![\w]){re.escape(word)}(?![\w])", label) if spaced else (word if label.endswith(word) else None)
            if hit and len(word) > len(best[1]):
                best = (key, word)
    return best


def heads_compatible(a: str, b: str) -> bool:
    """Head keys that may name one thing: unknown, equal, or one broader than the other."""
    if not a or not b or a == b:
        return True
    heads = settings()["heads"]
    return heads.get(a, {}).get("broader") == b or heads.get(b, {}).get("broader") == a


def _bare(label: str, head: str, inner: list[str], lang: str) -> bool:
    """True when the name holds nothing but its head word, the names inside it and filler words."""
    rest = label
    for text in sorted(inner, key=len, reverse=True):
        rest = rest.replace(text, " ")
    if head:
        rest = rest.replace(head, " ")
    cfg = settings()["languages"].get(lang, {})
    if cfg.get("spaced", True):
        words = [w for w in re.findall(r"\w+", rest.lower()) if w not in set(cfg.get("fillers", ()))]
        return not words
    for filler in cfg.get("fillers", ()):
        rest = rest.replace(filler, "")
    return not re.sub(r"\W", "", rest)


def _paragraph_records(graph: Graph, iri: URIRef) -> tuple[ParagraphRecord, ...]:
    """The document's blocks in reading order; a text block with a printed number is a numbered paragraph."""
    paragraphs = []
    for p in graph.subjects(UNODC.inDocument, iri):
        classes = set(graph.objects(p, RDF.type))
        kind = next((KIND_OF_CLASS[c] for c in (UNODC.FrontMatter, UNODC.Heading, UNODC.Footnote, UNODC.Paragraph) if c in classes), None)
        if kind is None:
            continue
        number = graph.value(p, UNODC.number)
        if kind == "text" and number is not None:
            kind = "numbered"
        paragraphs.append(ParagraphRecord(str(p), kind, str(number) if number is not None else None, int(graph.value(p, UNODC.order))))
    paragraphs.sort(key=lambda r: r.order)
    return tuple(paragraphs)


def _family_of(graph: Graph, entity) -> str | None:
    """The first of FAMILIES among the entity's classes (in IRI order), or None."""
    return next((family(str(t).rsplit("#", 1)[-1]) for t in sorted(graph.objects(entity, RDF.type))
                 if family(str(t).rsplit("#", 1)[-1]) in FAMILIES), None)


def _mentions(graph: Graph) -> dict:
    """Per paragraph: [(start, end, entity, text)] of its mentions, sorted by start, longest first; the paragraphs in
    the order of their first mention (start, end, entity), the order in which kg.extract.to_rdf adds them."""
    mentions = defaultdict(list)
    for m in graph.subjects(RDF.type, UNODC.Mention):
        para = graph.value(m, UNODC.inParagraph)
        entity = min(graph.objects(m, UNODC.refersTo), key=str, default=None)  # one span naming two: the first IRI
        if para is None or entity is None:
            continue
        mentions[str(para)].append((int(graph.value(m, UNODC.start)), int(graph.value(m, UNODC.end)), entity, str(graph.value(m, UNODC.text) or "")))
    first = {}
    for para, found in mentions.items():
        first[para] = min((s, e, str(entity)) for s, e, entity, _ in found)
        found.sort(key=lambda x: (x[0], -x[1], str(x[2])))
    return {para: mentions[para] for para in sorted(mentions, key=first.__getitem__)}


@dataclass
class _Names:
    """What the mentions say of the names: the reference entities inside each, their texts, the order per paragraph."""

    refs: dict = field(default_factory=lambda: defaultdict(set))
    inner_texts: dict = field(default_factory=lambda: defaultdict(list))
    in_paragraph: dict = field(default_factory=dict)
    said: dict = field(default_factory=dict)  # reference entity -> its text at its first mention on its own
    opened: dict = field(default_factory=dict)  # minted entity -> text of a minted name that opens it (its parent body)
    reference: dict = field(default_factory=dict)  # reference entities named on their own (not inside another name) -> family

    def minted_name(self, entity, inside: list, minted: dict) -> None:
        start = min((s for s, _, other, _ in inside if other == entity), default=None)
        for s, _, other, inner in inside:
            if other != entity and other in minted and s == start and len(inner) > len(self.opened.get(entity, "")):
                self.opened[entity] = inner
            if other != entity and other not in minted:
                self.refs[entity].add(str(other))
                if not self.inner_texts[entity] or inner not in self.inner_texts[entity]:
                    self.inner_texts[entity].append(inner)

    def reference_name(self, entity, fam: str, text: str, inside: list) -> None:
        self.reference[entity] = fam
        self.said.setdefault(entity, text)
        for _, _, other, _ in inside:
            if other != entity:
                self.refs[entity].add(str(other))


def _paragraph_names(graph: Graph, para: str, found: list, minted: dict, names: _Names) -> None:
    """Record the minted names of one paragraph and the reference entities it names on their own, in order."""
    starts = [s for s, *_ in found]
    reach, widest = [], -1  # reach[i]: the furthest end among found[:i] (mentions starting before found[i])
    for _, e, *_ in found:
        reach.append(widest)
        widest = max(widest, e)
    order, listed = [], set()
    for start, end, entity, text in found:
        first = bisect.bisect_left(starts, start)
        inside = [found[j] for j in range(first, bisect.bisect_right(starts, end)) if found[j][1] <= end]
        if entity in minted:
            names.minted_name(entity, inside, minted)
        elif reach[first] >= end or found[first][1] > end:
            continue  # a name inside another name (one starting before it, or at its start and longer)
        elif (fam := names.reference.get(entity) or _family_of(graph, entity)) is not None:
            names.reference_name(entity, fam, text, inside)
        else:
            continue
        if entity not in listed:
            listed.add(entity)
            order.append(entity)
    if order:
        names.in_paragraph[para] = tuple(str(e) for e in order)


@lru_cache(maxsize=1)
def _reference_abbreviations() -> frozenset:
    """The abbreviations in Latin letters among the reference entities' names (UNODC, WCO)."""
    from kg.core.reference import entities_by_iri

    return frozenset(n for e in entities_by_iri().values() for n in list(e.labels.values()) + [t for _, t in e.aliases]
                     if ABBREVIATION.match(n) and sum(c.isupper() for c in n) >= 2)


def own_abbreviations(label: str, lang: str) -> frozenset:
    """The abbreviations a minted name carries in itself: the whole name when it is one (SHERLOC), and in a
    language not written in Latin letters each Latin abbreviation in it that names no reference entity
    (SHERLOC门户; not UNODC in a name that holds UNODC's)."""
    def ok(word: str) -> bool:
        return bool(ABBREVIATION.match(word)) and sum(c.isupper() for c in word) >= 2

    found = {label} if ok(label) else set()
    if not settings()["languages"].get(lang, {}).get("spaced", True):
        found |= {w for w in re.findall(r"[0-9A-Za-z][0-9A-Za-z.&-]*", label) if ok(w) and w not in _reference_abbreviations()}
    return frozenset(found)


def _minted_name(graph: Graph, entity, fam: str, lang: str, names: _Names) -> MintedName | None:
    labels = sorted(str(x) for x in graph.objects(entity, SKOS.prefLabel) if x.language == lang) or \
        sorted(str(x) for x in graph.objects(entity, SKOS.prefLabel))
    if not labels:
        return None
    label = labels[0]
    unspaced = not settings()["languages"].get(lang, {}).get("spaced", True)
    label = normalize_label(label) if unspaced else label  # 上海海關學院 is compared as 上海海关学院 (heads and words)
    key, word = head_of(label, lang)
    abbreviations = frozenset(str(a) for a in graph.objects(entity, SKOS.altLabel)
                              if ABBREVIATION.match(str(a)) and sum(c.isupper() for c in str(a)) >= 2) | own_abbreviations(label, lang)
    if ABBREVIATION.fullmatch(label) and not str(entity).endswith("/" + "-".join(re.findall(r"[a-z0-9]+", label.lower()))):
        abbreviations = frozenset()  # an acronym keyed by its State ("India's NCB": ind-ncb): another State's NCB is another body
    parent = normalize_label(names.opened.get(entity, ""))
    return MintedName(str(entity), fam, lang, label, key, frozenset(names.refs[entity]), abbreviations,
                      _bare(label, word, names.inner_texts[entity], lang),
                      parent=parent if unspaced and label.startswith(parent) and len(label) > len(parent) + 1 else "")


def edition_record(graph: Graph, iri: URIRef) -> EditionRecord:
    """The record of the document *iri* from its graph: an rdflib Graph or anything with its read methods
    (kg.rdf.light.LightGraph, what the build's worker gives); the record does not depend on the graph's order."""
    lang = str(graph.value(iri, UNODC.language) or "")
    own = tuple(str(s) for w in sorted(graph.objects(iri, ELI.realizes)) for s in graph.objects(w, ELI.id_local))[:1]
    minted = {e: f for e in sorted(graph.subjects(UNODC.minted, Literal(True)), key=str) if (f := _family_of(graph, e)) is not None}
    found = _Names()
    for para, mentions in _mentions(graph).items():
        _paragraph_names(graph, para, mentions, minted, found)
    names = {}
    for e, fam in minted.items():
        name = _minted_name(graph, e, fam, lang, found)
        if name is not None:
            names[str(e)] = name
    for e, fam in found.reference.items():
        label = found.said[e]
        names[str(e)] = MintedName(str(e), fam, lang, label, head_of(label, lang)[0], frozenset(found.refs[e]), frozenset(), False, True)
    mentioned = frozenset(str(o) for o in graph.objects(None, UNODC.refersTo))
    title = graph.value(iri, DCTERMS.title)
    date = graph.value(iri, DCTERMS.date) or graph.value(iri, DCTERMS.issued)
    return EditionRecord(str(iri), str(graph.value(iri, UNODC.sourcePath) or ""), lang, str(title or ""), own,
                         _paragraph_records(graph, iri), names, found.in_paragraph, date, mentioned)
