"""A document's graph as sorted N-Triples bytes, and back (the form parts are cached and merged in)."""

from __future__ import annotations

from rdflib import Graph, URIRef


def graph_ntriples(graph: Graph) -> bytes:
    """Sorted N-Triples of a graph, each line once (rdflib's N-Triples rows, sorted as bytes).

    The rows are made one by one and sorted in place: one list of lines and the result in memory, not
    the serialised text, its lines, their set and the sorted copy (a 10 MB document has 2 million lines)."""
    from rdflib.plugins.serializers.nt import _nt_row

    lines = [_nt_row(triple).encode("utf-8") for triple in graph]
    lines.sort()
    return b"".join(line for i, line in enumerate(lines) if not i or line != lines[i - 1])


def parse_ntriples(data: bytes) -> Graph:
    """Read N-Triples into an rdflib graph (pyoxigraph's parser: about 10× rdflib's)."""
    import pyoxigraph as ox

    from kg.access.query import from_oxigraph

    g = Graph()
    iris: dict = {}

    def convert(term):
        if isinstance(term, ox.NamedNode):
            found = iris.get(term.value)
            if found is None:
                found = iris[term.value] = URIRef(term.value)
            return found
        return from_oxigraph(term)

    g.addN((convert(t.subject), convert(t.predicate), convert(t.object), g) for t in ox.parse(data, format=ox.RdfFormat.N_TRIPLES))
    return g
