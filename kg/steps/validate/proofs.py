"""Proofs that a document's SHACL-SPARQL checks find nothing, read from the index, so Oxigraph is not loaded.

A SHACL-SPARQL constraint of ontology/shapes.ttl is answered by Oxigraph on a copy of the document's N-Triples
(engine._ValidationView): loading that copy cost more than the core checks of a document.  For the three
queries on a document's spans and assertions, a proof here walks the same triples in the TripleIndex and
answers "no row" only when every solution of the query's basic graph pattern is one its FILTER certainly
rejects: terms of the expected kinds (xsd:integer literals in their lexical form, string literals, IRIs)
compared as SPARQL compares them.  Anything else (a row, an odd term) is "not proved", and the query runs on
Oxigraph as before, so the results are Oxigraph's in every case and the report keeps its bytes.

A proof is found by the query's text as pySHACL prepares it (prefixes declared, whitespace folded); a query
that changes in shapes.ttl has no proof until its proof is changed with it (tests/test_validate_proofs.py).
https://www.w3.org/TR/sparql11-query/#OperatorMapping
"""

from __future__ import annotations

import re

from rdflib import Literal, URIRef
from rdflib.namespace import RDF, XSD

UNODC = "https://w3id.org/unodc-kg/ontology#"
_IN_DOCUMENT, _IN_PARAGRAPH, _START, _END, _TEXT = (URIRef(UNODC + n) for n in ("inDocument", "inParagraph", "start",
                                                                                  "end", "text"))
_SUBJECT, _PREDICATE, _OBJECT = (URIRef(UNODC + n) for n in ("subject", "predicate", "object"))
_INTEGER = XSD.integer
_STRINGS = (None, XSD.string, RDF.langString)
_INTEGER_FORM = re.compile(r"[+-]?[0-9]+")  # the lexical space of xsd:integer

_PREFIXES = (
    "PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
    "PREFIX owl: <http://www.w3.org/2002/07/owl#> PREFIX unodc: <https://w3id.org/unodc-kg/ontology#> "
)


def key(text: str) -> str:
    """A query's text with its whitespace folded: what a proof is found by."""
    return " ".join(text.split())


def _integer(term) -> int | None:
    """The value of an xsd:integer literal in the lexical space, else None (SPARQL would compare it otherwise)."""
    if type(term) is not Literal:
        return None
    datatype = term.datatype  # == _INTEGER as rdflib compares IRIs (same type, same text), without its Python __eq__
    if datatype is not _INTEGER and (type(datatype) is not URIRef or not str.__eq__(datatype, _INTEGER)) or \
            _INTEGER_FORM.fullmatch(term) is None:
        return None
    return int(term)


def _each_integer(index, subject, predicate):
    """The integer values of (subject, predicate, ?); None when one object is not a plain xsd:integer."""
    values = []
    for term in index.objects(subject, predicate):
        value = _integer(term)
        if value is None:
            return None
        values.append(value)
    return values


def span_within_paragraph(index, this) -> bool:
    """No ?value of the document starts before or ends after its paragraph (shape:SpanWithinParagraph)."""
    bounds: dict = {}  # paragraph -> its starts and ends (a paragraph holds many spans)
    for value in index.subjects_with(_IN_DOCUMENT, this):
        paragraphs = index.objects(value, _IN_PARAGRAPH)
        if not paragraphs:
            continue
        starts, ends = _each_integer(index, value, _START), _each_integer(index, value, _END)
        if starts is None or ends is None:
            return False
        if not starts or not ends:
            continue
        for paragraph in paragraphs:
            found = bounds.get(paragraph)
            if found is None:
                found = bounds[paragraph] = (_each_integer(index, paragraph, _START), _each_integer(index, paragraph, _END))
            p_starts, p_ends = found
            if p_starts is None or p_ends is None:
                return False
            if p_starts and p_ends and (min(starts) < max(p_starts) or max(ends) > min(p_ends)):
                return False
    return True


def span_matches_text(index, this) -> bool:
    """Every ?value of the document has a text as long as its span (shape:SpanMatchesText)."""
    for value in index.subjects_with(_IN_DOCUMENT, this):
        texts = index.objects(value, _TEXT)
        if not texts or not index.objects(value, _IN_PARAGRAPH):
            continue
        starts, ends = _each_integer(index, value, _START), _each_integer(index, value, _END)
        if starts is None or ends is None:
            return False
        for text in texts:
            if type(text) is not Literal or text.datatype not in _STRINGS:
                return False
            length = len(text)
            if any(length != end - start for start in starts for end in ends):
                return False
    return True


def asserted_triple(index, this) -> bool:
    """Every assertion of the document states a triple the data has (shape:AssertedTriple)."""
    for value in index.subjects_with(_IN_DOCUMENT, this):
        subjects = index.objects(value, _SUBJECT)
        predicates = index.objects(value, _PREDICATE)
        objects = index.objects(value, _OBJECT)
        for s in subjects:
            for p in predicates:
                if type(s) is not URIRef or type(p) is not URIRef:
                    return False
                stated = index.objects(s, p)
                for o in objects:
                    if type(o) is not URIRef or o not in stated:
                        return False
    return True


PROOFS = {
    key(_PREFIXES + query): proof for query, proof in (
        ("""SELECT $this ?value ?start ?end ?paragraphStart ?paragraphEnd WHERE {
            ?value unodc:inDocument $this ; unodc:inParagraph ?paragraph ; unodc:start ?start ; unodc:end ?end .
            ?paragraph unodc:start ?paragraphStart ; unodc:end ?paragraphEnd .
            FILTER (?start < ?paragraphStart || ?end > ?paragraphEnd)
        }""", span_within_paragraph),
        ("""SELECT $this ?value ?text ?start ?end WHERE {
            ?value unodc:inDocument $this ; unodc:inParagraph ?paragraph ; unodc:text ?text ;
                unodc:start ?start ; unodc:end ?end .
            FILTER (STRLEN(STR(?text)) != ?end - ?start)
        }""", span_matches_text),
        ("""SELECT $this ?value WHERE {
            ?value unodc:inDocument $this ; unodc:subject ?s ; unodc:predicate ?p ; unodc:object ?o .
            FILTER NOT EXISTS { ?s ?p ?o }
        }""", asserted_triple),
    )
}


def proof_for(text: str, bindings: dict):
    """The proof of a query prepared with *bindings* ($this only), or None."""
    return PROOFS.get(key(text)) if set(bindings) == {"this"} else None
