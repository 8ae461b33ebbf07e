"""A document's graph written straight to sorted N-Triples from its records, without building an rdflib graph.

`document_ntriples(doc, extraction)` gives the bytes `kg.rdf.serialize.ntriples_bytes(document_graph(doc,
extraction))` gives (kg.extract.to_rdf), and the terms `referenced_entities` would find in that graph, at a
fraction of the cost: the bulk (paragraphs, mentions, assertions, quantities) is formatted the way rdflib's
N-Triples serialiser formats those terms, and the few other triples (the document's own facts, its expression,
minted entities, relation triples) go through rdflib's own row formatter.  `reference_ntriples` does the same
for the reference data a document uses, remembering each entity's lines.
"""

from __future__ import annotations

from rdflib import RDF, SKOS, Literal, URIRef
from rdflib.namespace import DCTERMS, XSD
from rdflib.plugins.serializers.nt import _quoteLiteral

from kg.core.namespaces import ID, UNODC
from kg.core.reference import entities_by_iri, entity_triples
from kg.extract.editions import document_expression
from kg.extract.ingest import Document
from kg.extract.records import Extraction
from kg.extract.to_rdf import PARAGRAPH_CLASS, assertions, canonical_decimal, document_iri, mention_iri, paragraph_iri

_INTEGER = f"^^<{XSD.integer}>"
TYPE, IN_DOCUMENT, IN_PARAGRAPH, START, END, TEXT, RULE, EVIDENCE = (
    t.n3() for t in (RDF.type, UNODC.inDocument, UNODC.inParagraph, UNODC.start, UNODC.end, UNODC.text, UNODC.rule,
                     UNODC.evidence))  # fmt: skip


def _quote(text: str) -> str:
    """A plain literal as rdflib's N-Triples serialiser writes it."""
    return '"' + text.replace("\\", "\\\\").replace("\n", "\\n").replace('"', '\\"').replace("\r", "\\r") + '"'


def _value(value) -> str:
    """Literal(value) as rdflib's N-Triples serialiser writes it (strings and integers without making the Literal)."""
    kind = type(value)
    if kind is str:
        return _quote(value)
    if kind is int:
        return f'"{value}"{_INTEGER}'
    return _quoteLiteral(Literal(value))


class _Rows:
    """N-Triples rows being written, and every term that was a subject or object (for referenced_entities)."""

    def __init__(self):
        self.rows: list[str] = []
        self.nodes: set = set()
        self._n3: dict = {}

    def node(self, term) -> str:
        """A subject or object term in N-Triples form (remembered as a node of the graph)."""
        text = self._n3.get(term)
        if text is None:
            text = self._n3[term] = _quoteLiteral(term) if isinstance(term, Literal) else term.n3()
            self.nodes.add(term)
        return text

    def triple(self, s, p, o) -> None:
        """An rdflib triple."""
        self.rows.append(f"{self.node(s)} {p.n3()} {self.node(o)} .\n")

    def decimal(self, text: str) -> str:
        key = ("decimal", text)
        found = self._n3.get(key)
        if found is None:
            found = self._n3[key] = _quoteLiteral(Literal(canonical_decimal(text), datatype=XSD.decimal))
        return found

    def sorted_bytes(self) -> bytes:
        """The rows sorted (code point order of text is byte order of UTF-8), each once, as UTF-8."""
        rows = sorted(set(self.rows))
        return "".join(rows).encode("utf-8")


def document_ntriples(doc: Document, extraction: Extraction | None = None) -> tuple[bytes, set]:
    """The sorted N-Triples of document_graph(doc, extraction), and the reference entities it mentions or relates
    (referenced_entities of that graph)."""
    out = _Rows()
    d = document_iri(doc)
    lang = Literal("", lang=doc.lang).language
    tag = f"@{lang}" if lang else ""
    head = [(d, RDF.type, UNODC.Document), (d, DCTERMS.title, Literal(doc.title, lang=doc.lang)),
            (d, UNODC.language, Literal(doc.lang, datatype=XSD.language)),
            (d, UNODC.contentHash, Literal(f"sha256:{doc.sha256}")), (d, UNODC.sourcePath, Literal(doc.name))]
    if doc.date:
        head.append((d, DCTERMS.date, Literal(doc.date, datatype=XSD.date)))
    head += [(d, UNODC.symbol, Literal(symbol)) for symbol in doc.symbols]
    for s, p, o in head + list(document_expression(doc, d)):
        out.triple(s, p, o)
    D = out.node(d)
    para = {}
    for p in doc.paragraphs:
        para[p.order] = out.node(paragraph_iri(doc, p))
    number, footnote_of, order = UNODC.number.n3(), UNODC.footnoteOf.n3(), UNODC.order.n3()
    rows = out.rows
    for p in doc.paragraphs:
        n = para[p.order]
        rows += [f"{n} {TYPE} {out.node(PARAGRAPH_CLASS[p.kind])} .\n", f"{n} {IN_DOCUMENT} {D} .\n",
                 f"{n} {order} {_value(p.order)} .\n", f"{n} {START} {_value(p.start)} .\n",
                 f"{n} {END} {_value(p.end)} .\n", f"{n} {TEXT} {_quote(p.text)}{tag} .\n"]
        if p.number:
            rows.append(f"{n} {number} {_value(p.number)} .\n")
        if p.footnote_of:
            rows.append(f"{n} {footnote_of} {para[p.footnote_of]} .\n")
    if extraction is not None:
        _extraction_rows(out, doc, extraction, D, para)
    known = entities_by_iri()
    return out.sorted_bytes(), {term for term in out.nodes if term in known}


def _extraction_rows(out: _Rows, doc: Document, extraction: Extraction, D: str, para: dict) -> None:
    """The rows add_extraction adds (kg.extract.to_rdf)."""
    for e in extraction.new_entities:
        out.triple(e.iri, RDF.type, UNODC[e.type])
        out.triple(e.iri, UNODC.minted, Literal(True))
        for lang, label in e.labels:
            out.triple(e.iri, SKOS.prefLabel, Literal(label, lang=lang))
        for lang, label in e.aliases:
            out.triple(e.iri, SKOS.altLabel, Literal(label, lang=lang))
        if e.symbol:
            out.triple(e.iri, UNODC.symbol, Literal(e.symbol))
        if e.year is not None:
            out.triple(e.iri, UNODC.year, Literal(e.year, datatype=XSD.integer))
    rows = out.rows
    mention = out.node(UNODC.Mention)
    refers = UNODC.refersTo.n3()
    for m in extraction.mentions:
        n = f"<{mention_iri(doc, m)}>"
        rows += [f"{n} {TYPE} {mention} .\n", f"{n} {refers} {out.node(m.entity)} .\n", f"{n} {IN_DOCUMENT} {D} .\n",
                 f"{n} {IN_PARAGRAPH} {para[m.paragraph]} .\n", f"{n} {START} {_value(m.start)} .\n",
                 f"{n} {END} {_value(m.end)} .\n", f"{n} {TEXT} {_value(m.text)} .\n", f"{n} {RULE} {_value(m.method)} .\n"]
    assertion = out.node(UNODC.Assertion)
    subject, predicate, obj, confidence = (t.n3() for t in (UNODC.subject, UNODC.predicate, UNODC.object, UNODC.confidence))
    for node, r in assertions(doc, extraction.relations):
        out.triple(r.subject, r.predicate, r.object)
        n = out.node(node)
        rows += [f"{n} {TYPE} {assertion} .\n", f"{n} {subject} {out.node(r.subject)} .\n",
                 f"{n} {predicate} {out.node(r.predicate)} .\n", f"{n} {obj} {out.node(r.object)} .\n",
                 f"{n} {IN_DOCUMENT} {D} .\n", f"{n} {IN_PARAGRAPH} {para[r.paragraph]} .\n",
                 f"{n} {EVIDENCE} {_value(r.evidence)} .\n", f"{n} {RULE} {_value(r.rule)} .\n",
                 f"{n} {confidence} {out.decimal(f'{r.confidence:.2f}')} .\n"]
    _quantity_rows(out, doc, extraction, D, para)


def _quantity_rows(out: _Rows, doc: Document, extraction: Extraction, D: str, para: dict) -> None:
    rows = out.rows
    quantity = out.node(UNODC.Quantity)
    value, unit, of, about = (t.n3() for t in (UNODC.value, UNODC.unit, UNODC.quantityOf, UNODC.about))
    base = f"{ID}doc/{doc.key}/q/"
    for q in extraction.quantities:
        n = out.node(URIRef(f"{base}{q.start}-{q.end}"))
        rows += [f"{n} {TYPE} {quantity} .\n", f"{n} {value} {out.decimal(q.value)} .\n",
                 f"{n} {unit} {_value(q.unit)} .\n", f"{n} {TEXT} {_value(q.text)} .\n",
                 f"{n} {START} {_value(q.start)} .\n", f"{n} {END} {_value(q.end)} .\n", f"{n} {IN_DOCUMENT} {D} .\n",
                 f"{n} {IN_PARAGRAPH} {para[q.paragraph]} .\n", f"{n} {EVIDENCE} {_value(q.evidence)} .\n"]
        if q.of:
            rows.append(f"{n} {of} {_value(q.of)} .\n")
        if q.about is not None:
            rows.append(f"{n} {about} {out.node(q.about)} .\n")


_REFERENCE: list = [None, {}]  # the entities_by_iri() table the rows were made from, {iri: (rows, linked entities)}


def _entity_rows(known: dict, iri) -> tuple[list, list]:
    if _REFERENCE[0] is not known:
        _REFERENCE[:] = [known, {}]
    table = _REFERENCE[1]
    found = table.get(iri)
    if found is None:
        out = _Rows()
        linked = []
        for s, p, o in entity_triples(known[iri]):
            out.triple(s, p, o)
            linked += [term for term in (s, o) if term in known]
        found = table[iri] = (out.rows, linked)
    return found


def reference_ntriples(iris) -> bytes:
    """The sorted N-Triples of reference_subgraph(iris) (kg.extract.to_rdf), each entity's rows made once per process."""
    known = entities_by_iri()
    rows, todo, done = set(), list(iris), set()
    while todo:
        iri = todo.pop()
        if iri in done:
            continue
        done.add(iri)
        lines, linked = _entity_rows(known, iri)
        rows.update(lines)
        todo += [term for term in linked if term not in done]
    return "".join(sorted(rows)).encode("utf-8")
