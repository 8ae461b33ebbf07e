"""A document's N-Triples written from its records equal the serialisation of its rdflib graph, and the build
steps take the same facts from the records and lines as from the graph (kg.extract.to_ntriples, kg.build.merge)."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import XSD

from kg.rdf.serialize import ntriples_bytes

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
TRICKY = """# Report of the \\"Office\\" on drugs and crime

1. The United Nations Office on Drugs and Crime (UNODC) said "cocaine seizures rose" by 12.50 per cent \\ in 2021,\r
with a back\\slash, a tab\there and a line ending in a quote"

2. UNODC and the World Health Organization worked with China on 1,100 tons of cocaine.
"""
DOCUMENTS = {
    "sample zh": ROOT / "corpus" / "unodc-ed-report-2022.zh.md",
    "readers en": DATA / "readers" / "report.en.md",
    "editions zh": DATA / "editions" / "report.zh.md",
    "editions en": DATA / "editions" / "report.en.md",
    "citing en": DATA / "editions" / "citing.en.md",
    "synthetic zh": "zh",
    "synthetic en": "en",
    "escapes en": TRICKY,
}


def _document(case: str, tmp_path: Path):
    from bench.synth import chinese_document, english_document
    from kg.extract.ingest import read_document

    source = DOCUMENTS[case]
    if isinstance(source, str):
        path = tmp_path / f"doc.{'zh' if source == 'zh' else 'en'}.md"
        text = {"zh": chinese_document(3, seed=5), "en": english_document(4, seed=5)}.get(source, source)
        path.write_bytes(text.encode("utf-8"))
        source = path
    return read_document(source)


@pytest.mark.parametrize("case", sorted(DOCUMENTS))
def test_document_ntriples_are_the_graph_serialised(case, tmp_path, extractor):
    from kg.extract.to_ntriples import document_ntriples, reference_ntriples
    from kg.extract.to_rdf import document_graph, reference_subgraph, referenced_entities

    doc = _document(case, tmp_path)
    extraction = extractor.extract(doc)
    graph = document_graph(doc, extraction)
    nt, refs = document_ntriples(doc, extraction)
    assert nt == ntriples_bytes(graph)
    assert refs == referenced_entities([graph])
    assert reference_ntriples(refs) == ntriples_bytes(reference_subgraph(refs))
    assert document_ntriples(doc)[0] == ntriples_bytes(document_graph(doc))


@pytest.mark.parametrize("case", sorted(DOCUMENTS))
def test_steps_take_the_same_facts_from_records_as_from_the_graph(case, tmp_path, extractor):
    from kg.build.merge import DocumentView, make_part, split_part
    from kg.extract.to_ntriples import document_ntriples
    from kg.extract.to_rdf import document_graph, document_iri
    from kg.steps.describe import STEP as DESCRIBE
    from kg.steps.network import STEP as NETWORK

    doc = _document(case, tmp_path)
    extraction = extractor.extract(doc)
    views = []

    class Probe:
        name = "probe"

        def map_document(self, view):
            views.append(view)

    nt, refs = document_ntriples(doc, extraction)
    lean = split_part(document_iri(doc), nt, refs, [Probe(), DESCRIBE, NETWORK], records=(doc, extraction),
                      make_graph=lambda: document_graph(doc, extraction))
    full = make_part(document_iri(doc), document_graph(doc, extraction), [DESCRIBE, NETWORK])
    view = views[0]
    assert view._graph is None  # neither step asked for the graph
    graph_view = DocumentView(view.iri, view.graph, view.owns)
    assert DESCRIBE.map_document(view).__dict__ == DESCRIBE.map_document(graph_view).__dict__
    assert NETWORK.map_document(view) == NETWORK.map_document(graph_view)
    assert lean.extras[DESCRIBE.name].__dict__ == full.extras[DESCRIBE.name].__dict__
    assert lean.extras[NETWORK.name] == full.extras[NETWORK.name]
    assert (lean.shared, lean.head, lean.refs, lean.own, lean.nt) == (full.shared, full.head, full.refs, full.own, full.nt)


@pytest.mark.parametrize("text", ["plain", 'a "quoted" word', "two\nlines", "ends in a quote\"", "back\\slash",
                                  "tab\there", "return\r", "\\n is not a line break", 'three """ quotes\n'])
@pytest.mark.parametrize("kind", ["plain", "lang", "typed"])
def test_counts_from_lines_equal_counts_from_the_graph(text, kind):
    from kg.core.namespaces import ID, UNODC
    from kg.steps.describe import GraphStats

    doc = ID["doc/abc"]
    value = {"plain": Literal(text), "lang": Literal(text, lang="en"), "typed": Literal(text, datatype=XSD.token)}[kind]
    g = Graph()
    for s, p, o in [(doc, UNODC.text, value), (URIRef(f"{doc}/p1"), UNODC.text, value), (URIRef(f"{doc}/p1"), UNODC.order, Literal(1)),
                    (URIRef(f"{doc}/p1"), UNODC.refersTo, Literal(text)), (ID["doc/abcd"], UNODC.text, value)]:
        g.add((s, p, o))
    owns = [t for t in g if t[0] == doc or t[0].startswith(f"{doc}/")]
    assert GraphStats.of_ntriples(ntriples_bytes(g), str(doc)).__dict__ == GraphStats.of(g, owns).__dict__


@pytest.mark.parametrize("case", sorted(DOCUMENTS))
def test_document_facts_from_head_lines_equal_the_graph(case, tmp_path):
    from kg.build.merge import make_part
    from kg.extract.to_rdf import document_graph, document_iri
    from kg.rdf.load import parse_ntriples
    from kg.steps.describe import document_facts, head_facts

    doc = _document(case, tmp_path)
    part = make_part(document_iri(doc), document_graph(doc))
    facts = head_facts(URIRef(part.iri), part.head)
    expected = document_facts(parse_ntriples(part.head))
    assert len(expected) == 1 and len(facts.triples) >= 4
    assert (facts.iri, facts.triples) == (expected[0].iri, expected[0].triples)
