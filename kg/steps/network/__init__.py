"""The partnership network of the knowledge graph: projected, measured, laid out and drawn.

model        node types, relations, colours, the Network
project      the RDF graph onto a typed, weighted multigraph of entities
measure      centrality, communities, ego networks
layout       positions in [-1, 1]^2
formats      GraphML and GEXF
render_html  the offline HTML page
render_png   the static picture
summary      the plain-text summary of `kg network`
step         analyse, write the outputs, the `kg build` step (STEP)
"""

from __future__ import annotations

from kg.steps.network.formats import gexf_bytes, graphml_bytes
from kg.steps.network.layout import compute_layout
from kg.steps.network.measure import ego_network, find_communities, find_node, measure, simple_graph
from kg.steps.network.model import NODE_TYPES, RELATIONS, TYPE_COLOURS, Network, local_name
from kg.steps.network.project import project, resolve_document, type_map
from kg.steps.network.render_html import html_bytes, html_text
from kg.steps.network.render_png import cjk_font, png_bytes
from kg.steps.network.step import STEP, NetworkStep, analyse, write_outputs
from kg.steps.network.summary import summary




__all__ = [
    "NODE_TYPES", "RELATIONS", "STEP", "TYPE_COLOURS", "Network", "NetworkStep",
    "analyse", "cjk_font", "compute_layout", "ego_network", "find_communities", "find_node", "gexf_bytes",
    "graphml_bytes", "html_bytes", "html_text", "local_name", "measure", "png_bytes", "project",
    "resolve_document", "simple_graph", "summary", "type_map", "write_outputs",
]  # fmt: skip
