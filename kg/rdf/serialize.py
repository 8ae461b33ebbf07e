"""Deterministic RDF serialisation."""

from __future__ import annotations

from rdflib import Graph


def turtle_bytes(graph: Graph) -> bytes:
    """Serialise *graph* as sorted, stable Turtle (rdflib's "longturtle")."""
    return graph.serialize(format="longturtle", encoding="utf-8")


def ntriples_lines(graph: Graph) -> list[str]:
    """Sorted N-Triples lines of *graph*."""
    text = graph.serialize(format="nt", encoding="utf-8").decode("utf-8")
    return sorted(line for line in text.splitlines() if line.strip())
