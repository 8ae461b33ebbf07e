"""The partnership network: what it is made of (node types, relations, colours) and the Network it is measured as.

Nodes are the entities of the classes in NODE_TYPES (subclasses mapped with rdfs:subClassOf from
the ontology) that take part in at least one kept relation; edges are the relation triples of
RELATIONS, one edge per (subject, relation, object), weighted by the number of distinct paragraphs
whose unodc:Assertion evidence nodes state them.  Relations with no Assertion come from the
reference data (a programme's lead, a country's region): they are left out unless
``reference=True``, and then carry weight 0 and ``source="reference"``, so that measured weights
only ever count evidence in documents.  ``partnerOf`` is symmetric and ``hasProtocol`` is the
inverse of ``protocolOf``: both are stored once, in a canonical direction (partnerOf from the
smaller IRI; hasProtocol as protocolOf), so the same link stated both ways is one edge.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import networkx as nx

from kg.core.namespaces import ID

# Top classes of the projection, in the order a subclass is matched against them.
NODE_TYPES = ("Organization", "Programme", "Convention", "Protocol", "IntergovernmentalBody", "Country", "Region")
RELATIONS = (
    "serves", "implementedWith", "operatesIn", "assists", "partnerOf",
    "adoptedBy", "hasProtocol", "protocolOf", "partOf", "ledBy",
)  # fmt: skip
SYMMETRIC = {"partnerOf"}
INVERSE = {"hasProtocol": "protocolOf"}  # stored as the value, subject and object swapped
UNODC_IRI = ID["organization/unodc"]
SEED = 42
# Above this many nodes the layout is computed per community (spring layout is O(n^2) per step).
LAYOUT_DIRECT_MAX = 1500
# Above this many nodes betweenness is estimated from this many sampled sources (seeded).
BETWEENNESS_EXACT_MAX = 1000
BETWEENNESS_SAMPLES = 100
SEPARATOR = "\n"  # joins paragraphs and evidence sentences into one scalar attribute


@dataclass
class Network:
    """A projected graph and what was measured on it."""

    graph: nx.MultiDiGraph
    communities: list[list[str]] = field(default_factory=list)
    layout: dict = field(default_factory=dict)


TYPE_COLOURS = {
    "Organization": "#1f77b4",
    "Programme": "#ff7f0e",
    "Convention": "#2ca02c",
    "Protocol": "#98df8a",
    "IntergovernmentalBody": "#9467bd",
    "Country": "#d62728",
    "Region": "#8c564b",
}


def local_name(iri) -> str:
    """The part of an IRI after '#' or the last '/'."""
    text = str(iri)
    return text.rsplit("#", 1)[-1] if "#" in text else text.rsplit("/", 1)[-1]


def node_name(data: dict, lang: str = "en") -> str:
    """The node's label in *lang*, else in the other language, else its IRI's local name."""
    other = "zh" if lang == "en" else "en"
    return data.get(f"label_{lang}") or data.get(f"label_{other}") or local_name(data.get("iri", ""))


def short_name(data: dict, lang: str = "en", limit: int = 32) -> str:
    """The node's short name (an acronym when its label is long), cut to *limit* characters."""
    other = "zh" if lang == "en" else "en"
    name = data.get(f"short_{lang}") or data.get(f"short_{other}") or node_name(data, lang)
    return name if len(name) <= limit else name[: limit - 1] + "…"

