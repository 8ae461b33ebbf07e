"""Test-only references: whole-corpus extraction in memory, dataset parsing and comparison, the union graph."""

from __future__ import annotations

from rdflib import Dataset, Graph
from rdflib.compare import isomorphic

from kg.core.namespaces import bind_prefixes
from kg.extract.document import Extractor
from kg.extract.to_rdf import document_graph, document_iri
from kg.publish.export import FORMATS
from kg.rdf.serialize import named_graphs


def extract_graphs(docs) -> dict:
    """Extract every document into its own graph, keyed by document IRI."""
    extractor = Extractor()
    return {document_iri(doc): document_graph(doc, extractor.extract(doc)) for doc in docs}


def union_graph(ds: Dataset) -> Graph:
    """All triples of a dataset in one graph, with the project's prefixes."""
    g = bind_prefixes(Graph())
    for s, p, o, _ in ds.quads((None, None, None, None)):
        g.add((s, p, o))
    return g


def parse_bytes(data: bytes, fmt: str) -> Dataset:
    """Parse exported bytes back into a dataset (triples formats land in the default graph)."""
    ds = Dataset()
    ds.parse(data=data, format=FORMATS[fmt][0])
    return ds


def _copy(graph: Graph) -> Graph:
    g = Graph()
    for triple in graph:
        g.add(triple)
    return g


def same_datasets(a: Dataset, b: Dataset) -> bool:
    """True when both have the same named graphs, each isomorphic to its counterpart."""
    names = named_graphs(a)
    if names != named_graphs(b):
        return False
    return all(isomorphic(_copy(a.graph(n)), _copy(b.graph(n))) for n in names)
