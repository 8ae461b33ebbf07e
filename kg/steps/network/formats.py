"""The network as GraphML and GEXF, byte-stable (scalar attributes only, no writer's date)."""

from __future__ import annotations

import re

import networkx as nx


def _exportable(g: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy with only scalar attributes and a name, as GraphML and GEXF need."""
    out = nx.MultiDiGraph(name="unodc-kg partnership network")
    for node, data in g.nodes(data=True):
        out.add_node(node, **{k: v for k, v in data.items() if isinstance(v, (str, int, float, bool))})
    for s, o, key, data in g.edges(keys=True, data=True):
        out.add_edge(s, o, key=key, **{k: v for k, v in data.items() if isinstance(v, (str, int, float, bool))})
    return out


def graphml_bytes(g: nx.MultiDiGraph) -> bytes:
    """The network as GraphML (edge ids are the relation names)."""
    return ("\n".join(nx.generate_graphml(_exportable(g), encoding="utf-8", prettyprint=True)) + "\n").encode("utf-8")


def gexf_bytes(g: nx.MultiDiGraph) -> bytes:
    """The network as GEXF 1.2, without the writer's date so equal input gives equal bytes."""
    text = "\n".join(nx.generate_gexf(_exportable(g), encoding="utf-8", prettyprint=True)) + "\n"
    return re.sub(r' lastmodifieddate="[^"]*"', "", text, count=1).encode("utf-8")

