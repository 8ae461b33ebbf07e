"""Editions merged at build time: works, aligned segments and one IRI for what several editions name.

When the corpus is merged, `link_editions` reads every document's edition record (kg.extract.editions, kept
with its cached part by the editions build step, kg.steps.editions), groups the documents by their own symbol
(or `kg build --edition-of FILE=SYMBOL`) into works, aligns their paragraphs and decides which minted IRIs name
one thing (kg.extract.alignment).  It then re-makes in memory only the parts that name a merged IRI (or that
--edition-of gives a symbol they do not print); the others gain the work, segment and evidence triples as
shared lines.  The cached parts are never changed: the mapping is a function of all the parts together, so it
is computed at every merge.
"""

from __future__ import annotations

import hashlib
import logging
from collections import defaultdict
from dataclasses import dataclass, field, replace
from pathlib import Path

from rdflib import OWL, RDF, SKOS, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS

from kg.build.works import segment_triples, work_triples
from kg.core.errors import InputError
from kg.core.namespaces import ID, UNODC
from kg.extract.alignment import Link, align, aligned_links, identity_mapping, reference_names, signature_links
from kg.extract.editions import ELI, EditionRecord, expression_triples
from kg.extract.minted import former_iris

log = logging.getLogger(__name__)

# the build step whose map_document keeps each document's EditionRecord with its part (kg.steps.editions)
RECORDS_STEP = "kg.build.editions:corpus_step"


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
    for doc, triples in former_triples(records, result.mapping).items():
        added[doc] += triples
    result.added = dict(added)
    return result


def former_triples(records: list[EditionRecord], mapping: dict) -> dict[str, list[tuple]]:
    """Per document: each former IRI of a name it mints (kg.extract.minted.former_iris: id/instrument/<slug> of a
    body now id/body/<slug>) `dcterms:isReplacedBy` and `owl:sameAs` the IRI the entity has now, so that a link to
    the old IRI still leads to the entity; a former IRI that the corpus mints for something else is left alone."""
    minted = {iri for r in records for iri, name in r.names.items() if not name.reference}
    out = defaultdict(list)
    for r in records:
        for iri, name in sorted(r.names.items()):
            if name.reference:
                continue
            now = URIRef(mapping.get(iri, iri))
            for old in former_iris(iri):
                if str(old) not in minted and old != now:
                    out[r.iri] += [(old, DCTERMS.isReplacedBy, now), (old, OWL.sameAs, now)]
    return dict(out)


def _rewritten_graph(nt: bytes, mapping: dict, extra: list, expression: list | None, references=frozenset()) -> Graph:
    """A document's graph with minted IRIs mapped, *extra* added and, when given, its expression triples replaced."""
    from kg.rdf.load import parse_ntriples

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
    from kg.rdf.serialize import canonical_lines, ntriples_bytes

    g = Graph()
    for triple in triples:
        g.add(triple)
    lines = set(part.shared.splitlines(keepends=True)) | set(canonical_lines(ntriples_bytes(g)))
    return replace(part, shared=b"".join(sorted(lines)))


def _records(parts: list, edition_of: dict[str, str]) -> dict:
    """{document iri: its edition record}, read one part at a time.  A document alone in its work (or in none)
    keeps a compact record: its paragraphs, names per paragraph and mentions only serve aligning it with other
    editions (`plan` reads them for works of two documents or more), and together they were most of the merge's
    memory (≈ 0.4 MB per sample-size document).  The members of larger works get their whole record."""
    records, by_symbol = {}, {}
    for part in parts:
        kept = part.extra(RECORDS_STEP)
        if kept is None:
            continue
        record = kept.compact
        symbol = edition_of.get(record.name) or (record.own[0] if record.own else None)
        by_symbol.setdefault(symbol, []).append((part, kept))
        records[part.iri] = record
    for symbol, members in by_symbol.items():
        if symbol is not None and len(members) > 1:
            for part, kept in members:
                records[part.iri] = kept.whole()
    return records


def _projections(parts: list, editions: Editions) -> dict:
    """{document iri: the mentions and relations the other editions of its work confirm in it}
    (kg.extract.projection), for works with editions in two languages or more."""
    from kg.extract.projection import project_work
    from kg.rdf.light import LightGraph
    from kg.rdf.load import parse_ntriples

    by_iri = {part.iri: part for part in parts}
    out: dict = {}
    for _, members in sorted(editions.works.items()):
        if len({r.lang for r in members}) < 2:
            continue
        graphs = []
        for r in members:
            part = by_iri[r.iri]
            nt = part.nt if part.nt is not None else Path(part.path).read_bytes()
            graphs.append((LightGraph.from_ntriples(nt) or parse_ntriples(nt), URIRef(r.iri)))
        for iri, triples in project_work(graphs, members, editions.mapping).items():
            out.setdefault(iri, []).extend(triples)
    return out


def link_editions(parts: list, edition_of: dict[str, str] | None = None, steps=()) -> list:
    """The corpus's parts with editions linked.  A part that names a merged minted IRI, or that --edition-of
    assigns to a symbol it does not print, is re-made (in memory) from its graph; a part that only gains
    work, segment and evidence triples (none about the document) gets them in its shared lines; the others,
    and the cache, are unchanged.  A re-made part runs the map_document of those *steps* whose facts it had."""
    from kg.build.merge import make_part

    records = _records(parts, edition_of or {})
    if not records:
        if edition_of:
            raise InputError(f"--edition-of {sorted(edition_of)[0]}: no document of that file name among the inputs")
        return list(parts)
    editions = plan(list(records.values()), edition_of)
    if editions.works or editions.links:
        log.info("editions: %d work(s), %d aligned paragraph pair(s), %d minted IRI(s) merged",
                 len(editions.works), len(editions.aligned), len(editions.mapping))
    projected = _projections(parts, editions)
    out = []
    for part in parts:
        record = records.get(part.iri)
        extra = editions.added.get(part.iri, []) + projected.get(part.iri, [])
        touched = record is not None and any(iri in editions.mapping for iri in record.names) or bool(projected.get(part.iri))
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
