"""Turn documents and their extractions into RDF, one named graph per document."""

from __future__ import annotations

import hashlib
from decimal import Decimal

from rdflib import RDF, SKOS, Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, XSD

from kg.extract.editions import document_expression
from kg.extract.ingest import Document
from kg.extract.segment import Paragraph
from kg.core.namespaces import ID, UNODC, bind_prefixes
from kg.extract.records import Extraction
from kg.core.reference import entities_by_iri, entity_triples

PARAGRAPH_CLASS = {
    "numbered": UNODC.Paragraph,
    "text": UNODC.Paragraph,
    "front": UNODC.FrontMatter,
    "heading": UNODC.Heading,
    "footnote": UNODC.Footnote,
}
REFERENCE_GRAPH = ID["graph/reference"]


def document_iri(doc: Document) -> URIRef:
    """IRI of a document, derived from its content hash."""
    return ID[f"doc/{doc.key}"]


def paragraph_iri(doc: Document, paragraph: Paragraph) -> URIRef:
    """IRI of a paragraph: the document IRI and the paragraph's local name."""
    return ID[f"doc/{doc.key}/{paragraph.local_id}"]


def canonical_decimal(text: str) -> str:
    """The canonical xsd:decimal form (1100 → "1100.0", 0.90 → "0.9"), so Turtle and N-Triples agree."""
    value = format(Decimal(text).normalize(), "f")
    return value if "." in value else value + ".0"


def mention_iri(doc: Document, m) -> URIRef:
    """IRI of a mention: its document offsets (and, for a collective mention, a digest of the entity)."""
    return ID[f"doc/{doc.key}/m/{m.start}-{m.end}" + (f"/{_digest(m.entity)}" if m.method == "collective" else "")]


def assertions(doc: Document, relations) -> list:
    """One evidence node per (subject, predicate, object, paragraph, rule): a relation stated several times in a
    paragraph by one rule keeps the statement with the highest confidence (the first of equals), so the node has
    one confidence and one sentence."""
    best: dict = {}
    for r in relations:
        node = ID[f"doc/{doc.key}/a/{_digest(r.subject, r.predicate, r.object, r.paragraph, r.rule)}"]
        if node not in best or r.confidence > best[node].confidence:
            best[node] = r
    return list(best.items())


def _digest(*parts) -> str:
    return hashlib.sha1("\x1f".join(map(str, parts)).encode("utf-8")).hexdigest()[:12]


def document_graph(doc: Document, extraction: Extraction | None = None) -> Graph:
    """Describe one document, its paragraphs and what was extracted from it."""
    g = Graph()
    d = document_iri(doc)
    g.add((d, RDF.type, UNODC.Document))
    g.add((d, DCTERMS.title, Literal(doc.title, lang=doc.lang)))
    g.add((d, UNODC.language, Literal(doc.lang, datatype=XSD.language)))
    g.add((d, UNODC.contentHash, Literal(f"sha256:{doc.sha256}")))
    g.add((d, UNODC.sourcePath, Literal(doc.name)))
    if doc.date:
        g.add((d, DCTERMS.date, Literal(doc.date, datatype=XSD.date)))
    for symbol in doc.symbols:
        g.add((d, UNODC.symbol, Literal(symbol)))
    for triple in document_expression(doc, d):  # kg.extract.editions: the work whose symbol the document prints as its own
        g.add(triple)
    by_order = {p.order: p for p in doc.paragraphs}
    for p in doc.paragraphs:
        node = paragraph_iri(doc, p)
        g.add((node, RDF.type, PARAGRAPH_CLASS[p.kind]))
        g.add((node, UNODC.inDocument, d))
        g.add((node, UNODC.order, Literal(p.order)))
        g.add((node, UNODC.start, Literal(p.start)))
        g.add((node, UNODC.end, Literal(p.end)))
        g.add((node, UNODC.text, Literal(p.text, lang=doc.lang)))
        if p.number:
            g.add((node, UNODC.number, Literal(p.number)))
        if p.footnote_of:
            g.add((node, UNODC.footnoteOf, paragraph_iri(doc, by_order[p.footnote_of])))
    if extraction is not None:
        add_extraction(g, doc, extraction, by_order)
    return g


def add_extraction(g: Graph, doc: Document, extraction: Extraction, by_order: dict) -> None:
    """Add mentions, relations (with one evidence node each), quantities and new entities."""
    d = document_iri(doc)
    for e in extraction.new_entities:
        g.add((e.iri, RDF.type, UNODC[e.type]))
        g.add((e.iri, UNODC.minted, Literal(True)))
        for lang, label in e.labels:
            g.add((e.iri, SKOS.prefLabel, Literal(label, lang=lang)))
        for lang, label in e.aliases:
            g.add((e.iri, SKOS.altLabel, Literal(label, lang=lang)))
        if e.symbol:
            g.add((e.iri, UNODC.symbol, Literal(e.symbol)))
        if e.year is not None:
            g.add((e.iri, UNODC.year, Literal(e.year, datatype=XSD.integer)))
    for m in extraction.mentions:
        node = mention_iri(doc, m)
        g.add((node, RDF.type, UNODC.Mention))
        g.add((node, UNODC.refersTo, m.entity))
        g.add((node, UNODC.inDocument, d))
        g.add((node, UNODC.inParagraph, paragraph_iri(doc, by_order[m.paragraph])))
        g.add((node, UNODC.start, Literal(m.start)))
        g.add((node, UNODC.end, Literal(m.end)))
        g.add((node, UNODC.text, Literal(m.text)))
        g.add((node, UNODC.rule, Literal(m.method)))
    for node, r in assertions(doc, extraction.relations):
        g.add((r.subject, r.predicate, r.object))
        g.add((node, RDF.type, UNODC.Assertion))
        g.add((node, UNODC.subject, r.subject))
        g.add((node, UNODC.predicate, r.predicate))
        g.add((node, UNODC.object, r.object))
        g.add((node, UNODC.inDocument, d))
        g.add((node, UNODC.inParagraph, paragraph_iri(doc, by_order[r.paragraph])))
        g.add((node, UNODC.evidence, Literal(r.evidence)))
        g.add((node, UNODC.rule, Literal(r.rule)))
        g.add((node, UNODC.confidence, Literal(canonical_decimal(f"{r.confidence:.2f}"), datatype=XSD.decimal)))
    for q in extraction.quantities:
        node = ID[f"doc/{doc.key}/q/{q.start}-{q.end}"]
        g.add((node, RDF.type, UNODC.Quantity))
        g.add((node, UNODC.value, Literal(canonical_decimal(q.value), datatype=XSD.decimal)))
        g.add((node, UNODC.unit, Literal(q.unit)))
        g.add((node, UNODC.text, Literal(q.text)))
        g.add((node, UNODC.start, Literal(q.start)))
        g.add((node, UNODC.end, Literal(q.end)))
        g.add((node, UNODC.inDocument, d))
        g.add((node, UNODC.inParagraph, paragraph_iri(doc, by_order[q.paragraph])))
        g.add((node, UNODC.evidence, Literal(q.evidence)))
        if q.of:
            g.add((node, UNODC.quantityOf, Literal(q.of)))
        if q.about is not None:
            g.add((node, UNODC.about, q.about))


def referenced_entities(graphs) -> set[URIRef]:
    """Reference entities that the document graphs mention or relate."""
    known = entities_by_iri()
    used = set()
    for g in graphs:
        for term in g.all_nodes():
            if term in known:
                used.add(term)
    return used


def reference_subgraph(iris) -> Graph:
    """Descriptions (labels, codes, links) of the given reference entities and of the reference
    entities those descriptions point to (a protocol's convention, a country's region …)."""
    known = entities_by_iri()
    g = Graph()
    todo, done = sorted(iris), set()
    while todo:
        iri = todo.pop()
        if iri in done:
            continue
        done.add(iri)
        for triple in entity_triples(known[iri]):
            g.add(triple)
            for term in (triple[0], triple[2]):
                if term in known and term not in done:
                    todo.append(term)
    return g


def one_label_per_language(doc_graphs: dict[URIRef, Graph]) -> None:
    """Give a minted entity named differently in several documents one prefLabel per language.

    The smallest label (by length, then text) stays preferred everywhere; the others become altLabels.
    """
    labels: dict = {}
    for g in doc_graphs.values():
        for s, label in g.subject_objects(SKOS.prefLabel):
            labels.setdefault((s, label.language), set()).add(label)
    for (s, _), found in labels.items():
        if len(found) < 2:
            continue
        keep = min(found, key=lambda lit: (len(lit), str(lit)))
        for g in doc_graphs.values():
            for label in found - {keep}:
                if (s, SKOS.prefLabel, label) in g:
                    g.remove((s, SKOS.prefLabel, label))
                    g.add((s, SKOS.altLabel, label))
                    g.add((s, SKOS.prefLabel, keep))


def assemble(doc_graphs: dict[URIRef, Graph]) -> Dataset:
    """One dataset: a named graph per document plus the reference entities they use."""
    one_label_per_language(doc_graphs)
    ds = bind_prefixes(Dataset())
    for name in sorted(doc_graphs):
        target = ds.graph(name)
        for triple in doc_graphs[name]:
            target.add(triple)
    ref = ds.graph(REFERENCE_GRAPH)
    for triple in reference_subgraph(referenced_entities(doc_graphs.values())):
        ref.add(triple)
    return ds
