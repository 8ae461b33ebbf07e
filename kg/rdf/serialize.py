"""Deterministic RDF serialisation: sorted Turtle and the canonical (sorted, each line once) N-Triples."""

from __future__ import annotations

from rdflib import Dataset, Graph, URIRef

# rdflib's name for the default graph of a Dataset
DATASET_DEFAULT_GRAPH = URIRef("urn:x-rdflib:default")


def turtle_bytes(graph: Graph) -> bytes:
    """Serialise *graph* as sorted, stable Turtle (rdflib's "longturtle")."""
    return graph.serialize(format="longturtle", encoding="utf-8")


def ntriples_bytes(graph: Graph) -> bytes:
    """Sorted N-Triples of a graph, each line once (rdflib's N-Triples rows, sorted as bytes).

    The rows are made one by one and sorted in place: one list of lines and the result in memory, not
    the serialised text, its lines, their set and the sorted copy (a 10 MB document has 2 million lines)."""
    from rdflib.plugins.serializers.nt import _nt_row

    lines = [_nt_row(triple).encode("utf-8") for triple in graph]
    lines.sort()
    return b"".join(line for i, line in enumerate(lines) if not i or line != lines[i - 1])


def ntriples_lines(graph: Graph) -> list[str]:
    """Sorted N-Triples lines of *graph* (ntriples_bytes as text lines, without their line ends)."""
    return ntriples_bytes(graph).decode("utf-8").split("\n")[:-1]


def canonical_lines(data: bytes) -> list[bytes]:
    """N-Triples lines in Oxigraph's form, sorted and without duplicates (equal triples, equal bytes)."""
    import pyoxigraph as ox

    return sorted({f"{t} .\n".encode() for t in ox.parse(data, format=ox.RdfFormat.N_TRIPLES)})


def named_graphs(dataset: Dataset) -> list[URIRef]:
    """Names of the non-empty named graphs of *dataset*, sorted."""
    return sorted({g.identifier for g in dataset.graphs() if g.identifier != DATASET_DEFAULT_GRAPH and len(g)})


def union(dataset: Dataset) -> Graph:
    """All triples of a dataset in one graph, keeping its prefixes."""
    g = Graph()
    for prefix, ns in dataset.namespaces():
        g.bind(prefix, ns, override=True, replace=True)
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        g.add((s, p, o))
    return g


def nquads_bytes(dataset: Dataset) -> bytes:
    """Sorted N-Quads lines of every named graph."""
    lines = set()
    for name in named_graphs(dataset):
        g = Graph()
        for triple in dataset.graph(name):
            g.add(triple)
        for line in ntriples_lines(g):
            lines.add(f"{line[:-1].rstrip()} {name.n3()} .")
    return "".join(line + "\n" for line in sorted(lines)).encode("utf-8")
