"""The proofs of kg.steps.validate.proofs: "no row" only where Oxigraph finds no row either.

Each case changes the document of tests/data/shapes/base.ttl; for each of the three document queries the
proof's answer is compared with the query run on Oxigraph (engine._ValidationView), and with what the case
expects: a row found means not proved, and odd terms (a decimal or string offset, an IRI as text) are not
proved either, so Oxigraph answers them.
"""

from __future__ import annotations

import pytest
from rdflib import Graph, URIRef

from kg.steps.validate import class_hierarchy, shapes_graph
from kg.steps.validate.compiled import Program
from kg.steps.validate.engine import _ValidationView
from kg.steps.validate.index import TripleIndex
from kg.steps.validate.proofs import PROOFS, asserted_triple, key, proof_for, span_matches_text, span_within_paragraph
from tests.test_validate_compiled import BASE, HEADER

DOC = URIRef("https://w3id.org/unodc-kg/id/doc/0123456789abcdef")
M = "<doc/0123456789abcdef/m/18-23>"
A = "<doc/0123456789abcdef/a/0001>"
PROOF_NAMES = {span_within_paragraph: "within", span_matches_text: "text", asserted_triple: "asserted"}

# name, Turtle removed from base.ttl, Turtle added, the proofs expected to hold
CASES = [
    ("base", "", "", {"within", "text", "asserted"}),
    ("span after its paragraph", f"{M} unodc:start 18 ; unodc:end 23 .", f"{M} unodc:start 118 ; unodc:end 123 .",
     {"text", "asserted"}),
    ("span before its paragraph", f"{M} unodc:start 18 .", f"{M} unodc:start 10 .", {"asserted"}),
    ("a second start outside the paragraph", "", f"{M} unodc:start 10 .", {"asserted"}),
    ("text longer than its span", f'{M} unodc:text "UNODC" .', f'{M} unodc:text "UNODC!" .', {"within", "asserted"}),
    ("text with a language tag", f'{M} unodc:text "UNODC" .', f'{M} unodc:text "UNODC"@en .',
     {"within", "text", "asserted"}),
    ("text an IRI", f'{M} unodc:text "UNODC" .', f"{M} unodc:text <organization/unodc> .", {"within", "asserted"}),
    ("start a decimal", f"{M} unodc:start 18 .", f'{M} unodc:start "18.0"^^xsd:decimal .', {"asserted"}),
    ("start a string", f"{M} unodc:start 18 .", f'{M} unodc:start "18" .', {"asserted"}),
    ("start with a plus sign", f"{M} unodc:start 18 .", f'{M} unodc:start "+18"^^xsd:integer .',
     {"within", "text", "asserted"}),
    ("a wrong text outside any paragraph", f'{M} unodc:inParagraph <doc/0123456789abcdef/p12> ; unodc:text "UNODC" .',
     f'{M} unodc:text "UNODC!" .', {"within", "text", "asserted"}),
    ("asserted triple not stated", "<programme/container-control-programme> unodc:serves <convention/untoc> .", "",
     {"within", "text"}),
    ("asserted object a literal", f"{A} unodc:object <convention/untoc> .", f'{A} unodc:object "untoc" .',
     {"within", "text"}),
    ("assertion without an object", f"{A} unodc:object <convention/untoc> .", "", {"within", "text", "asserted"}),
]


def _graph(remove: str, add: str) -> Graph:
    graph = Graph().parse(BASE, format="turtle")
    if remove:
        for triple in Graph().parse(data=HEADER + remove, format="turtle"):
            assert triple in graph, f"base.ttl does not have {triple}"
            graph.remove(triple)
    if add:
        graph += Graph().parse(data=HEADER + add, format="turtle")
    return graph


def _queries() -> dict:
    """proof -> the query text as pySHACL prepares it for the shapes, $this bound."""
    found = {}
    for compiled in Program(shapes_graph()).compiled.values():
        for constraint, _ in compiled.checks:
            for helper in getattr(constraint, "sparql_constraints", ()):
                bindings, text = helper.pre_bind_variables(URIRef("urn:x-unodc-kg:this"))
                proof = proof_for(helper.apply_prefixes(text), bindings)
                if proof is not None:
                    found[proof] = helper.apply_prefixes(text)
    return found


def test_every_proof_is_of_a_query_of_the_shapes():
    """A query changed in shapes.ttl loses its proof: this fails until the proof is changed with it."""
    queries = _queries()
    assert set(queries) == set(PROOFS.values())
    assert {key(text) for text in queries.values()} == set(PROOFS)


@pytest.mark.parametrize("name,remove,add,proved", CASES, ids=[c[0] for c in CASES])
def test_proof_agrees_with_oxigraph(name, remove, add, proved):
    graph = _graph(remove, add)
    view = _ValidationView(graph, class_hierarchy())
    index = TripleIndex(view, view.axioms)
    for proof, text in _queries().items():
        rows = list(view.query(text, initBindings={"this": DOC}))
        holds = proof(index, DOC)
        assert holds == (PROOF_NAMES[proof] in proved), f"{name}: {PROOF_NAMES[proof]}"
        if holds:
            assert rows == [], f"{name}: {PROOF_NAMES[proof]} proved, but Oxigraph has a row"
