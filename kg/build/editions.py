"""Language editions of one UN document: one work, one expression per language, aligned paragraphs,
and one IRI for a new entity that several editions (or documents) name in their own language.

A UN document is published under one symbol in up to six languages with the same paragraph numbering.
A document's *own* symbol is the one printed alone on a line of its heading block (`own_symbols`);
symbols elsewhere are symbols it cites.  Documents with the same own symbol (or named by
`kg build --edition-of FILE=SYMBOL`) are editions of one work: an `eli:LegalResource` (id/work/<symbol>)
realised by one `eli:LegalExpression` per document.

In the extraction worker, kg.extract.to_rdf adds a document's expression triples (`document_expression`) and
`map_document` keeps a small `EditionRecord` of it (paragraph numbers, own symbol, minted names with the
reference entities inside them, their head words and abbreviations), cached with the document's part.
When the corpus is merged, `link_editions` reads the records, aligns the paragraphs of the editions of
each work (by printed number, else by position) into `unodc:AlignedSegment` nodes, decides which minted
IRIs name one thing (in aligned paragraphs: compatible class and head word, the same places and treaties
inside the name, no conflicting abbreviation, the same position among the paragraph's names; anywhere: the
same abbreviation, or the same places and head word with nothing else in either name), keeps the most
readable IRI of each group, and re-makes in memory only the parts that name a merged IRI; the others gain
the work, segment and evidence triples as shared lines.  The cached parts are never changed: the mapping is
a function of all the parts together, so it is computed at every merge.

Language data (head words such as 网络 / Network, words allowed beside a symbol, ELI language IRIs) is in
ontology/editions.toml: another language is another table there.

`python -m kg.build.editions --agreement A B` measures how far two editions give the same entities and relations
per aligned paragraph; `--parallel FILE.toml` does it for annotated parallel passages.
"""

from __future__ import annotations

import argparse
import bisect
import hashlib
import logging
import re
import sys
from collections import defaultdict
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from rdflib import RDF, RDFS, SKOS, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS

from kg.core.vocabulary import family
from kg.core.errors import InputError
from kg.extract.ingest import SYMBOL_RE, Document, find_symbols, parse_document
from kg.core.namespaces import ID, UNODC
from kg.core.resources import ontology_dir

log = logging.getLogger(__name__)

ELI = Namespace("http://data.europa.eu/eli/ontology#")
STEP = f"{__name__}:corpus_step"
# classes whose minted names may be one thing across languages (resolutions already have one IRI per symbol)
FAMILIES = ("Programme", "Organization", "Treaty", "Instrument")
KIND_OF_CLASS = {UNODC.FrontMatter: "front", UNODC.Heading: "heading", UNODC.Footnote: "footnote", UNODC.Paragraph: "text"}
HASH_SLUG = re.compile(r"/[a-z]{2,3}-[0-9a-f]{12}$")  # kg.extract.mint's slug of a name not written in Latin letters
ABBREVIATION = re.compile(r"^[A-Z][A-Za-z0-9\-&]*[A-Z0-9][A-Za-z0-9\-&]*$")
SYMBOL_LINE_MARKUP = "|*#_`>:：;；,，.。-–—/\\ \t()（）"
MIN_ALIGNED_SCORE = 3
MIN_REFERENCE_SCORE = 5  # a minted name is a reference entity only on strong evidence: its names then become the entity's


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


def own_symbols(doc: Document) -> tuple[str, ...]:
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


def edition_record(graph: Graph, iri: URIRef) -> EditionRecord:
    """The record of the document *iri* from its graph."""
    lang = str(graph.value(iri, UNODC.language) or "")
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
    own = tuple(str(s) for w in sorted(graph.objects(iri, ELI.realizes)) for s in graph.objects(w, ELI.id_local))[:1]
    def family_of(entity) -> str | None:
        return next((family(str(t).rsplit("#", 1)[-1]) for t in sorted(graph.objects(entity, RDF.type))
                     if family(str(t).rsplit("#", 1)[-1]) in FAMILIES), None)

    minted = {e: f for e in graph.subjects(UNODC.minted, Literal(True)) if (f := family_of(e)) is not None}
    mentions = defaultdict(list)  # paragraph -> [(start, end, entity, text)]
    for m in graph.subjects(RDF.type, UNODC.Mention):
        para, entity = graph.value(m, UNODC.inParagraph), graph.value(m, UNODC.refersTo)
        if para is None or entity is None:
            continue
        mentions[str(para)].append((int(graph.value(m, UNODC.start)), int(graph.value(m, UNODC.end)), entity, str(graph.value(m, UNODC.text) or "")))
    refs, inner_texts, in_paragraph, said = defaultdict(set), defaultdict(list), {}, {}
    reference: dict = {}  # reference entities named on their own (not inside another name) -> family
    for para, found in mentions.items():
        found.sort(key=lambda x: (x[0], -x[1], str(x[2])))
        starts = [s for s, *_ in found]
        reach, widest = [], -1  # reach[i]: the furthest end among found[:i] (mentions starting before found[i])
        for s, e, *_ in found:
            reach.append(widest)
            widest = max(widest, e)
        order, listed = [], set()
        for start, end, entity, text in found:
            first = bisect.bisect_left(starts, start)
            inside = [found[j] for j in range(first, bisect.bisect_right(starts, end)) if found[j][1] <= end]
            if entity in minted:
                for s, e, other, inner in inside:
                    if other != entity and other not in minted:
                        refs[entity].add(str(other))
                        if not inner_texts[entity] or inner not in inner_texts[entity]:
                            inner_texts[entity].append(inner)
            elif reach[first] >= end or found[first][1] > end:
                continue  # a name inside another name (one starting before it, or at its start and longer)
            elif (fam := reference.get(entity) or family_of(entity)) is not None:
                reference[entity] = fam
                said.setdefault(entity, text)
                for s, e, other, _ in inside:
                    if other != entity:
                        refs[entity].add(str(other))
            else:
                continue
            if entity not in listed:
                listed.add(entity)
                order.append(entity)
        if order:
            in_paragraph[para] = tuple(str(e) for e in order)
    names = {}
    for e, fam in minted.items():
        labels = sorted(str(x) for x in graph.objects(e, SKOS.prefLabel) if x.language == lang) or \
            sorted(str(x) for x in graph.objects(e, SKOS.prefLabel))
        if not labels:
            continue
        label = labels[0]
        key, word = head_of(label, lang)
        abbreviations = frozenset(str(a) for a in graph.objects(e, SKOS.altLabel) if ABBREVIATION.match(str(a)) and sum(c.isupper() for c in str(a)) >= 2)
        names[str(e)] = MintedName(str(e), fam, lang, label, key, frozenset(refs[e]), abbreviations, _bare(label, word, inner_texts[e], lang))
    for e, fam in reference.items():
        label = said[e]
        names[str(e)] = MintedName(str(e), fam, lang, label, head_of(label, lang)[0], frozenset(refs[e]), frozenset(), False, True)
    mentioned = frozenset(str(o) for o in graph.objects(None, UNODC.refersTo))
    title = graph.value(iri, DCTERMS.title)
    date = graph.value(iri, DCTERMS.date) or graph.value(iri, DCTERMS.issued)
    return EditionRecord(str(iri), str(graph.value(iri, UNODC.sourcePath) or ""), lang, str(title or ""), own,
                         tuple(paragraphs), names, in_paragraph, date, mentioned)


def map_document(view) -> EditionRecord:
    """In the worker: the document's edition record (cached with its part)."""
    return edition_record(view.graph, view.iri)


def corpus_step(result, corpus) -> list:
    """`kg build` step: nothing to write; the records were used when the parts were merged (link_editions)."""
    return []


# ---------------------------------------------------------------- alignment


def _alignment_keys(record: EditionRecord) -> dict:
    """Key of each paragraph: its printed number; a footnote its mark; any other block its kind, the number of
    the numbered paragraph before it and its position among the blocks of that kind since then."""
    keys, last, seen = {}, "0", defaultdict(int)
    for p in record.paragraphs:
        if p.kind == "numbered":
            last = p.number
            key = ("numbered", p.number)
        elif p.kind == "footnote" and p.number:
            key = ("footnote", p.number)
        else:
            seen[(p.kind, last)] += 1
            key = (p.kind, last, seen[(p.kind, last)])
        keys.setdefault(key, p.iri)
    return keys


def align(a: EditionRecord, b: EditionRecord) -> list[tuple[str, str, str]]:
    """Aligned paragraphs of two editions: (paragraph of a, paragraph of b, "number" or "position")."""
    ka, kb = _alignment_keys(a), _alignment_keys(b)
    return [(ka[k], kb[k], "number" if k[0] in ("numbered", "footnote") else "position") for k in sorted(ka.keys() & kb.keys(), key=str) ]


# ---------------------------------------------------------------- identity


@dataclass(frozen=True)
class Link:
    """Why two minted IRIs name one thing."""

    first: str
    second: str
    rule: str  # aligned-paragraphs, same-abbreviation, same-places-and-head
    paragraphs: tuple[str, ...]
    evidence: str
    documents: tuple[str, ...]  # documents whose graphs carry the evidence


def pair_score(a: MintedName, b: MintedName, same_position: bool) -> tuple[int, list[str]] | None:
    """How strongly two names in aligned paragraphs look like one thing, with the reasons; None if they cannot be."""
    if a.family != b.family or not heads_compatible(a.head, b.head):
        return None
    if a.abbreviations and b.abbreviations and not a.abbreviations & b.abbreviations:
        return None
    if a.refs and b.refs and not a.refs & b.refs:
        return None
    score, why = 0, [f"class {a.family}"]
    if a.abbreviations & b.abbreviations:
        score += 4
        why.append("abbreviation " + ", ".join(sorted(a.abbreviations & b.abbreviations)))
    if a.refs and a.refs == b.refs:
        score += 3
        why.append("names inside " + ", ".join(_short(r) for r in sorted(a.refs)))
    elif a.refs & b.refs:
        score += 1
        why.append("some names inside " + ", ".join(_short(r) for r in sorted(a.refs & b.refs)))
    if a.head and a.head == b.head:
        score += 2
        why.append(f"head word {a.head}")
    if same_position:
        score += 1
        why.append("same position among the paragraph's names")
    return score, why


def _short(iri: str) -> str:
    return iri[len(str(ID)):] if iri.startswith(str(ID)) else iri


def _may_pair(a: EditionRecord, x: str, b: EditionRecord, y: str) -> bool:
    """Two names may be one thing: both minted, or a minted name and a reference entity that its own edition
    never names (had it known the entity, it would have linked it)."""
    nx, ny = a.names[x], b.names[y]
    if nx.reference and ny.reference:
        return False
    if ny.reference:
        return y not in a.mentioned
    if nx.reference:
        return x not in b.mentioned
    return True


def aligned_links(a: EditionRecord, b: EditionRecord, pairs) -> list[Link]:
    """Minted names of two editions in different languages that name one thing, from their aligned paragraphs:
    each name's best partner by summed score over the paragraphs, kept when the choice is mutual."""
    if a.lang == b.lang:
        return []
    score: dict = defaultdict(int)
    why: dict = defaultdict(set)
    where: dict = defaultdict(set)
    for pa, pb, _ in pairs:
        na, nb = a.in_paragraph.get(pa, ()), b.in_paragraph.get(pb, ())
        for fam in FAMILIES:
            fa = [x for x in na if a.names[x].family == fam]
            fb = [x for x in nb if b.names[x].family == fam]
            for i, x in enumerate(fa):
                for j, y in enumerate(fb):
                    if x == y or not _may_pair(a, x, b, y):
                        continue
                    found = pair_score(a.names[x], b.names[y], i == j and len(fa) == len(fb))
                    if found is None:
                        continue
                    score[(x, y)] += found[0]
                    why[(x, y)].update(found[1])
                    where[(x, y)].update((pa, pb))

    def best(side: int) -> dict:
        chosen: dict = {}
        for pair, s in score.items():
            key = pair[side]
            other = chosen.get(key)
            if other is None or s > other[1]:
                chosen[key] = (pair, s, False)
            elif s == other[1]:
                chosen[key] = (min(pair, other[0]), s, True)  # a tie is no choice
        def enough(pair, total) -> bool:
            strong = a.names[pair[0]].reference or b.names[pair[1]].reference
            return total >= (MIN_REFERENCE_SCORE if strong else MIN_ALIGNED_SCORE)

        return {k: v[0] for k, v in chosen.items() if not v[2] and enough(v[0], v[1])}

    left, right = best(0), best(1)
    links = []
    for x, pair in sorted(left.items()):
        if right.get(pair[1]) == pair:
            links.append(Link(x, pair[1], "aligned-paragraphs", tuple(sorted(where[pair])), "; ".join(sorted(why[pair])), (a.iri, b.iri)))
    return links


def signature_links(records: list[EditionRecord]) -> list[Link]:
    """Minted names anywhere in the corpus that name one thing by their signature: the same class and a shared
    abbreviation, or the same class, head word and places/treaties inside with nothing else in either name."""
    first: dict[str, tuple[MintedName, str]] = {}
    for r in sorted(records, key=lambda r: r.iri):
        for iri, name in sorted(r.names.items()):
            if name.reference:
                continue
            if iri not in first:
                first[iri] = (name, r.iri)
            elif name.abbreviations - first[iri][0].abbreviations:
                first[iri] = (replace(first[iri][0], abbreviations=first[iri][0].abbreviations | name.abbreviations), first[iri][1])
    groups: dict = defaultdict(list)
    for iri, (name, _) in sorted(first.items()):
        for abbr in name.abbreviations:
            groups[("same-abbreviation", name.family, abbr)].append(iri)
        if name.bare and name.refs and name.head:
            groups[("same-places-and-head", name.family, name.head, tuple(sorted(name.refs)))].append(iri)
    links = []
    for key, iris in sorted(groups.items(), key=lambda kv: str(kv[0])):
        anchor = iris[0]
        for other in iris[1:]:
            a, b = first[anchor][0], first[other][0]
            if not heads_compatible(a.head, b.head):
                continue
            detail = f"abbreviation {key[2]}" if key[0] == "same-abbreviation" else \
                f"head word {key[2]}; names inside " + ", ".join(_short(r) for r in key[3])
            links.append(Link(anchor, other, key[0], (), f"class {key[1]}; {detail}", (first[anchor][1], first[other][1])))
    return links


def canonical_iri(iris, references=frozenset()) -> str:
    """The IRI a group keeps: a reference entity's; else one minted from a name in Latin letters (a readable
    slug) before a hashed one; then the smallest — so the choice never depends on which document was read first."""
    return min(iris, key=lambda i: (i not in references, bool(HASH_SLUG.search(i)), i))


def identity_mapping(links: list[Link], references=frozenset()) -> dict[str, str]:
    """{minted IRI: the IRI of its group} for every IRI that is not its group's own.  Links are taken in a
    fixed order; one that would put two reference entities in a group is left out."""
    parent: dict[str, str] = {}
    holds: dict[str, str] = {r: r for r in references}  # root -> the reference entity in its group

    def root(x: str) -> str:
        while parent.get(x, x) != x:
            x = parent[x]
        return x

    for link in sorted(links, key=lambda k: (k.first, k.second, k.rule)):
        ra, rb = root(link.first), root(link.second)
        if ra == rb or (ra in holds and rb in holds):
            continue
        keep, other = min(ra, rb), max(ra, rb)
        parent[other] = keep
        if other in holds:
            holds[keep] = holds.pop(other)
    groups = defaultdict(set)
    for x in list(parent):
        groups[root(x)].add(x)
    mapping = {}
    for r, members in groups.items():
        members.add(r)
        keep = canonical_iri(members, references)
        mapping.update({m: keep for m in members if m != keep})
    return mapping


def reference_names(records) -> frozenset:
    """The reference entities among the names of the records."""
    return frozenset(iri for r in records for iri, name in r.names.items() if name.reference)


def _digest(*parts) -> str:
    return hashlib.sha1("\x1f".join(map(str, parts)).encode("utf-8")).hexdigest()[:12]


def evidence_triples(link: Link, mapping: dict) -> list[tuple]:
    """The evidence node of a link: which IRIs were merged into which, by which rule, from which paragraphs."""
    node = ID[f"identity/{_digest(link.first, link.second, link.rule)}"]
    entity = URIRef(mapping.get(link.first, link.first))
    triples = [(node, RDF.type, UNODC.IdentityEvidence), (node, UNODC.identifies, entity),
               (node, UNODC.mintedAs, URIRef(link.first)), (node, UNODC.mintedAs, URIRef(link.second)),
               (node, UNODC.rule, Literal(link.rule)), (node, UNODC.evidence, Literal(link.evidence))]
    triples += [(node, UNODC.inParagraph, URIRef(p)) for p in link.paragraphs]
    return triples


# ---------------------------------------------------------------- works and expressions


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


def document_expression(doc: Document, doc_iri: URIRef) -> list[tuple]:
    """In the worker: the expression triples of a segmented document that prints its own symbol (else none)."""
    own = own_symbols(doc)
    return expression_triples(doc_iri, own[0], doc.lang, doc.title) if own else []


def work_triples(symbol: str, members: list[EditionRecord]) -> dict[str, list[tuple]]:
    """Per document: the triples of the work it realises (subjects outside the document: shared lines)."""
    cfg = settings()
    work = work_iri(symbol)
    common = [(work, RDF.type, ELI.LegalResource), (work, ELI.id_local, Literal(symbol)),
              (work, RDFS.seeAlso, URIRef(cfg["symbols"]["official_url"].format(symbol=symbol)))]
    out = {}
    for r in members:
        triples = common + [(work, ELI.is_realized_by, URIRef(r.iri))]
        if r.title:
            triples.append((work, SKOS.prefLabel, Literal(r.title, lang=r.lang)))
        if r.date is not None:
            triples.append((work, ELI.date_document, r.date))
        out[r.iri] = triples
    return out


def segment_triples(symbol: str, members: list[EditionRecord]) -> dict[str, list[tuple]]:
    """Per document: the aligned segments its paragraphs belong to (id/work/<symbol>/<key>, one per paragraph
    key that at least two editions share), each with the document's paragraph as a part."""
    keys = {r.iri: _alignment_keys(r) for r in members}
    counts: dict = defaultdict(int)
    for found in keys.values():
        for key in found:
            counts[key] += 1
    work = work_iri(symbol)
    out = defaultdict(list)
    for r in members:
        for key, paragraph in keys[r.iri].items():
            if counts[key] < 2:
                continue
            segment = URIRef(f"{work}/{_segment_name(key)}")
            out[r.iri] += [(segment, RDF.type, UNODC.AlignedSegment), (segment, DCTERMS.isPartOf, work),
                           (segment, DCTERMS.hasPart, URIRef(paragraph)),
                           (segment, UNODC.rule, Literal("number" if key[0] in ("numbered", "footnote") else "position"))]
    return dict(out)


def _segment_name(key: tuple) -> str:
    """p12 (numbered), fn3 (footnote mark), heading3-1 (the first heading after paragraph 3)."""
    if key[0] == "numbered":
        return f"p{key[1]}"
    if key[0] == "footnote":
        return "fn" + re.sub(r"[^A-Za-z0-9]", lambda m: f"-{ord(m.group(0)):x}", key[1])
    return f"{key[0]}{key[1]}-{key[2]}"


@dataclass
class Editions:
    """What merging the editions of a corpus adds and rewrites."""

    works: dict = field(default_factory=dict)  # symbol -> [EditionRecord]
    aligned: list = field(default_factory=list)  # (paragraph, paragraph, rule)
    links: list = field(default_factory=list)
    mapping: dict = field(default_factory=dict)
    added: dict = field(default_factory=dict)  # document iri -> [triples outside the document]
    retarget: dict = field(default_factory=dict)  # document iri -> the symbol --edition-of gives it, when not its own
    references: frozenset = frozenset()  # reference entities that minted names were found to be


def plan(records: list[EditionRecord], edition_of: dict[str, str] | None = None) -> Editions:
    """Works, alignments, identity links and the triples each document gains, from the documents' records."""
    edition_of = dict(edition_of or {})
    records = sorted(records, key=lambda r: r.iri)
    unknown = sorted(set(edition_of) - {r.name for r in records})
    if unknown:
        raise InputError(f"--edition-of {unknown[0]}: no document of that file name among the inputs")
    result = Editions()
    for r in records:
        symbol = edition_of.get(r.name) or (r.own[0] if r.own else None)
        if symbol:
            result.works.setdefault(symbol, []).append(r)
            if symbol != (r.own[0] if r.own else None):
                result.retarget[r.iri] = symbol
    added = defaultdict(list)
    links = []
    for symbol, members in sorted(result.works.items()):
        for doc, triples in work_triples(symbol, members).items():
            added[doc] += triples
        for doc, triples in segment_triples(symbol, members).items():
            added[doc] += triples
        for i, a in enumerate(members):
            for b in members[i + 1:]:
                if a.lang == b.lang:
                    continue  # same names, same IRIs: nothing to link (and many copies of one edition stay linear)
                pairs = align(a, b)
                result.aligned += pairs
                links += aligned_links(a, b, pairs)
    links += signature_links(records)
    result.references = reference_names(records)
    result.mapping = identity_mapping(links, result.references)
    result.links = [k for k in links if result.mapping.get(k.first, k.first) == result.mapping.get(k.second, k.second)]
    for link in result.links:  # a link left out (it would have joined two reference entities) is no evidence
        for doc in link.documents:
            added[doc] += evidence_triples(link, result.mapping)
    result.added = dict(added)
    return result


def _rewritten_graph(nt: bytes, mapping: dict, extra: list, expression: list | None, references=frozenset()) -> Graph:
    """A document's graph with minted IRIs mapped, *extra* added and, when given, its expression triples replaced."""
    from kg.build.ntriples import parse_ntriples

    g = parse_ntriples(nt)
    if mapping:
        iris = {URIRef(k): URIRef(v) for k, v in mapping.items()}
        moved = [t for t in g if t[0] in iris or t[2] in iris]
        for s, p, o in moved:
            g.remove((s, p, o))
            if s in iris and iris[s] in references:  # the reference data describes it: keep the name as an altLabel
                if p in (RDF.type, UNODC.minted):
                    continue
                p = SKOS.altLabel if p == SKOS.prefLabel else p
            g.add((iris.get(s, s), p, iris.get(o, o)))
    if expression is not None:
        for work in list(g.objects(None, ELI.realizes)):
            g.remove((None, ELI.realizes, work))
            g.remove((work, ELI.id_local, None))
            g.remove((work, RDF.type, ELI.LegalResource))
        for p in (ELI.language, ELI.title):
            g.remove((None, p, None))
        g.remove((None, RDF.type, ELI.LegalExpression))
        for triple in expression:
            g.add(triple)
    for triple in extra:
        g.add(triple)
    return g


def _with_shared(part, triples: list):
    """A copy of *part* whose shared lines also hold *triples* (none of them about the document itself)."""
    from kg.build.merge import canonical_lines
    from kg.build.ntriples import graph_ntriples

    g = Graph()
    for triple in triples:
        g.add(triple)
    lines = set(part.shared.splitlines(keepends=True)) | set(canonical_lines(graph_ntriples(g)))
    return replace(part, shared=b"".join(sorted(lines)))


def link_editions(parts: list, edition_of: dict[str, str] | None = None, steps=()) -> list:
    """The corpus's parts with editions linked.  A part that names a merged minted IRI, or that --edition-of
    assigns to a symbol it does not print, is re-made (in memory) from its graph; a part that only gains
    work, segment and evidence triples (none about the document) gets them in its shared lines; the others,
    and the cache, are unchanged.  A re-made part runs the map_document of those *steps* whose facts it had."""
    from kg.build.merge import make_part

    records = {}
    for part in parts:
        record = part.extra(STEP)
        if record is not None:
            records[part.iri] = record
    if not records:
        if edition_of:
            raise InputError(f"--edition-of {sorted(edition_of)[0]}: no document of that file name among the inputs")
        return list(parts)
    editions = plan(list(records.values()), edition_of)
    if editions.works or editions.links:
        log.info("editions: %d work(s), %d aligned paragraph pair(s), %d minted IRI(s) merged",
                 len(editions.works), len(editions.aligned), len(editions.mapping))
    out = []
    for part in parts:
        record = records.get(part.iri)
        extra = editions.added.get(part.iri, [])
        touched = record is not None and any(iri in editions.mapping for iri in record.names)
        symbol = editions.retarget.get(part.iri)
        if not touched and symbol is None:
            out.append(_with_shared(part, extra) if extra else part)
            continue
        expression = None if symbol is None else expression_triples(URIRef(part.iri), symbol, record.lang, record.title)
        nt = part.nt if part.nt is not None else Path(part.path).read_bytes()
        had = set(part.extras_at) | set(part.extras)
        references = {URIRef(r) for r in editions.references}
        fresh = make_part(URIRef(part.iri), _rewritten_graph(nt, editions.mapping, extra, expression, references),
                          [step for step in steps if step.name in had])
        fresh.paragraphs, fresh.title, fresh.symbols = part.paragraphs, part.title, part.symbols
        out.append(fresh)
    return out


# ---------------------------------------------------------------- agreement between two editions


@dataclass
class Agreement:
    """Entity and relation agreement of two editions over their aligned paragraphs."""

    paragraphs: list = field(default_factory=list)  # (paragraph a, paragraph b, entity F1, relation F1)
    entities: tuple = (0, 0, 0)  # (in both, only in a, only in b)
    relations: tuple = (0, 0, 0)

    @staticmethod
    def f1(counts: tuple) -> float:
        both, only_a, only_b = counts
        total = 2 * both + only_a + only_b
        return 1.0 if total == 0 else 2 * both / total


def _paragraph_sets(graph: Graph, mapping: dict, whole: bool = False) -> tuple[dict, dict]:
    """Per paragraph (or for the whole text): the entities mentioned and the relations stated, with IRIs mapped."""
    m = lambda t: URIRef(mapping.get(str(t), str(t)))  # noqa: E731
    unit = (lambda p: WHOLE) if whole else str  # noqa: E731
    entities, relations = defaultdict(set), defaultdict(set)
    for mention in graph.subjects(RDF.type, UNODC.Mention):
        entities[unit(graph.value(mention, UNODC.inParagraph))].add(m(graph.value(mention, UNODC.refersTo)))
    for a in graph.subjects(RDF.type, UNODC.Assertion):
        relations[unit(graph.value(a, UNODC.inParagraph))].add(
            (m(graph.value(a, UNODC.subject)), graph.value(a, UNODC.predicate), m(graph.value(a, UNODC.object))))
    return entities, relations


def _as_one_unit(record: EditionRecord) -> EditionRecord:
    """The record with all its paragraphs taken as one (a passage without paragraph structure)."""
    order: list = []
    for p in record.paragraphs:
        order += [e for e in record.in_paragraph.get(p.iri, ()) if e not in order]
    return replace(record, in_paragraph={WHOLE: tuple(order)} if order else {})


WHOLE = "*"


def agreement(graph_a: Graph, iri_a: URIRef, graph_b: Graph, iri_b: URIRef, whole: bool = False) -> Agreement:
    """Per aligned paragraph, how far two editions' entities and relations agree once their minted names are linked.

    whole: compare the two texts as one aligned unit each (passages whose paragraphs do not correspond)."""
    a, b = edition_record(graph_a, iri_a), edition_record(graph_b, iri_b)
    if whole:
        a, b = _as_one_unit(a), _as_one_unit(b)
        pairs = [(WHOLE, WHOLE, "whole")]
    else:
        pairs = align(a, b)
    mapping = identity_mapping(aligned_links(a, b, pairs) + signature_links([a, b]), reference_names([a, b]))
    ea, ra = _paragraph_sets(graph_a, mapping, whole)
    eb, rb = _paragraph_sets(graph_b, mapping, whole)
    result = Agreement()
    totals = {"entities": [0, 0, 0], "relations": [0, 0, 0]}
    for pa, pb, _ in pairs:
        row = [pa, pb]
        for kind, x, y in (("entities", ea[pa], eb[pb]), ("relations", ra[pa], rb[pb])):
            counts = (len(x & y), len(x - y), len(y - x))
            totals[kind] = [t + c for t, c in zip(totals[kind], counts)]
            row.append(Agreement.f1(counts))
        if ea[pa] or eb[pb] or ra[pa] or rb[pb]:
            result.paragraphs.append(tuple(row))
    result.entities, result.relations = tuple(totals["entities"]), tuple(totals["relations"])
    return result


def add_counts(results) -> Agreement:
    """The micro-averaged sum of several agreements."""
    total = Agreement()
    for r in results:
        total.paragraphs += r.paragraphs
        total.entities = tuple(x + y for x, y in zip(total.entities, r.entities))
        total.relations = tuple(x + y for x, y in zip(total.relations, r.relations))
    return total


def parallel_passages(path: Path) -> list[tuple[str, list[dict]]]:
    """Annotated passages with a `parallel` id, grouped by it: [(id, [case, ...])] for ids with two languages.

    The held-out half (an annotations/test/ folder) is refused: it is for reporting the extractor only."""
    import tomllib

    path = Path(path)
    if "test" in path.resolve().parent.parts[-1:] and "annotations" in path.resolve().parts:
        raise InputError(f"{path}: held-out test annotations are not used to measure editions (use the dev half)")
    try:
        cases = tomllib.loads(path.read_text("utf-8")).get("case", [])
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise InputError(f"{path}: cannot read annotations ({exc})") from None
    groups: dict = defaultdict(list)
    for case in cases:
        if case.get("parallel"):
            groups[case["parallel"]].append(case)
    return [(pid, sorted(found, key=lambda c: c["lang"])) for pid, found in sorted(groups.items())
            if len({c["lang"] for c in found}) >= 2]


def passage_agreement(paths: list[Path]) -> list[tuple[str, Agreement]]:
    """Agreement of the extractor on each pair of parallel annotated passages (each passage one aligned unit)."""
    from kg.extract.document import Extractor

    extractor = Extractor()
    out = []
    for path in paths:
        for pid, cases in parallel_passages(path):
            a, b = cases[0], cases[1]
            (ga, ia), (gb, ib) = [_extracted(parse_document(f"{c['id']}.md", c["text"].encode("utf-8"), c["lang"]), extractor)
                                  for c in (a, b)]
            out.append((pid, agreement(ga, ia, gb, ib, whole=True)))
    return out


def document_graphs(paths: list[Path]) -> list[tuple[Graph, URIRef]]:
    """Extract documents into their graphs (as kg build does, without the cache)."""
    from kg.extract.document import Extractor
    from kg.extract.to_rdf import document_graph, document_iri
    from kg.extract.ingest import read_document

    extractor = Extractor()
    out = []
    for path in paths:
        out.append(_extracted(read_document(Path(path)), extractor))
    return out


def _extracted(doc: Document, extractor) -> tuple[Graph, URIRef]:
    """A document's graph with the reference data it uses (as the build's workers see it), and its IRI."""
    from kg.extract.to_rdf import document_graph, document_iri, reference_subgraph, referenced_entities

    g = document_graph(doc, extractor.extract(doc))
    g += reference_subgraph(referenced_entities([g]))
    return g, document_iri(doc)


def _print_totals(result: Agreement, units: str) -> None:
    for kind, counts in (("entities", result.entities), ("relations", result.relations)):
        both, only_a, only_b = counts
        print(f"{kind} agreement F1 {Agreement.f1(counts):.3f}  (both {both}, only A {only_a}, only B {only_b}; "
              f"{len(result.paragraphs)} {units})")


def main(argv: list[str] | None = None) -> int:
    """`python -m kg.build.editions --agreement A B` or `--parallel FILE.toml`: entity and relation agreement F1 of editions."""
    parser = argparse.ArgumentParser(
        prog="python -m kg.build.editions",
        description="Measure how far two language editions of one document give the same entities and relations: "
        "F1 of the entity sets and of the relation sets of aligned paragraphs (micro-averaged), with minted names "
        "linked across the editions as kg build links them.  --parallel does the same for the annotated passages "
        "of an annotation file that share a `parallel` id (each passage one aligned unit; A is the English one).",
        epilog="examples:\n  python -m kg.build.editions --agreement report.zh.md report.en.md --paragraphs\n"
        "  python -m kg.build.editions --parallel tests/data/annotations/dev/real-a.toml tests/data/annotations/dev/real-b.toml",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    what = parser.add_mutually_exclusive_group(required=True)
    what.add_argument("--agreement", nargs=2, type=Path, metavar=("A", "B"), help="two editions")
    what.add_argument("--parallel", nargs="+", type=Path, metavar="FILE.toml", help="annotation files with parallel passages")
    parser.add_argument("--paragraphs", action="store_true", help="also print the F1 of each aligned paragraph (or passage pair)")
    args = parser.parse_args(argv)
    try:
        if args.agreement:
            (ga, ia), (gb, ib) = document_graphs(args.agreement)
            result, units = agreement(ga, ia, gb, ib), "aligned paragraphs"
            rows = [(pa.rsplit("/", 1)[-1], pb.rsplit("/", 1)[-1], fe, fr) for pa, pb, fe, fr in result.paragraphs]
        else:
            found = passage_agreement(args.parallel)
            result, units = add_counts(r for _, r in found), "parallel passage pairs"
            rows = [(pid, "", Agreement.f1(r.entities), Agreement.f1(r.relations)) for pid, r in found]
    except InputError as exc:
        print(f"python -m kg.build.editions: {exc}", file=sys.stderr)
        return 2
    if args.paragraphs:
        width = max((len(f"{a} {b}".strip()) for a, b, *_ in rows), default=0)
        for a, b, fe, fr in rows:
            print(f"{f'{a} {b}'.strip():<{width}}  entities {fe:.2f}  relations {fr:.2f}")
    _print_totals(result, units)
    return 0


if __name__ == "__main__":
    sys.exit(main())
