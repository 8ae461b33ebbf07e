"""Write the network as one self-contained HTML page (template and renderer in kg/assets/).

The page draws on a <canvas> with a small renderer of our own (kg/assets/network.js, ~250 lines)
instead of vendoring vis-network: positions come from Python and physics is off anyway, so what
is left to do in the browser (draw, pan, zoom, hover, search, filter) fits in a few kilobytes,
has no licence or version to track, and redraws 10^4 nodes in milliseconds because each colour
is one canvas path.  Nothing is loaded from outside the file.
"""

from __future__ import annotations

import json
import math
from functools import lru_cache

from kg.steps.network.model import NODE_TYPES, RELATIONS, TYPE_COLOURS, Network
from kg.core.resources import asset_text

TITLE = "UNODC partnership network"


@lru_cache(maxsize=None)
def asset(name: str) -> str:
    """Text of a file in kg/assets/."""
    return asset_text(name)


def node_radius(data: dict, top_betweenness: float, top_degree: float, crowd: int = 0) -> float:
    """Screen radius in pixels from betweenness (mostly) and degree centrality; smaller in crowded graphs."""
    b = data["betweenness"] / top_betweenness if top_betweenness else 0.0
    d = data["degree_centrality"] / top_degree if top_degree else 0.0
    smallest = 3.0 if crowd <= 1000 else 1.5
    return round(smallest + 14.0 * math.sqrt(0.7 * b + 0.3 * d), 2)


def page_data(network: Network) -> dict:
    """The compact JSON the page reads: nodes and edges as arrays, indexed type and relation names."""
    g = network.graph
    nodes = sorted(g.nodes)
    index = {n: i for i, n in enumerate(nodes)}
    top_b = max((g.nodes[n]["betweenness"] for n in nodes), default=0.0)
    top_d = max((g.nodes[n]["degree_centrality"] for n in nodes), default=0.0)
    types = list(NODE_TYPES)
    relations = list(RELATIONS)
    rows = []
    for n in nodes:
        d = g.nodes[n]
        x, y = network.layout.get(n, (0.0, 0.0))
        rows.append([
            n, d["label_en"], d["label_zh"], types.index(d["type"]), x, y,
            node_radius(d, top_b, top_d, len(nodes)), d["community"], d["degree"], d["betweenness"], d["class"],
            d["short_en"], d["short_zh"],
        ])  # fmt: skip
    edges = [
        [index[s], index[o], relations.index(d["relation"]), d["weight"], d["evidence"]]
        for s, o, d in sorted(g.edges(data=True), key=lambda e: (e[0], e[2]["relation"], e[1]))
    ]
    return {"types": types, "colours": [TYPE_COLOURS[t] for t in types], "relations": relations, "nodes": rows, "edges": edges}


def script_json(value) -> str:
    """JSON safe inside <script>: no '<', '>' or '&' that could end the element early."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def html_text(network: Network, title: str = TITLE) -> str:
    """The page as text."""
    g = network.graph
    full_title = f"{title}: {g.number_of_nodes()} entities, {g.number_of_edges()} relations"
    page = asset("network.html")
    for key, value in (
        ("__TITLE__", full_title.replace("&", "&amp;").replace("<", "&lt;")),
        ("__CSS__", asset("network.css").rstrip("\n")),
        ("__JS__", asset("network.js").rstrip("\n")),
        ("__DATA__", script_json(page_data(network))),
    ):
        page = page.replace(key, value)
    return page


def html_bytes(network: Network, title: str = TITLE) -> bytes:
    """The page as UTF-8 bytes."""
    return html_text(network, title).encode("utf-8")
