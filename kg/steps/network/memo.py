"""The build's network analysis remembered between builds: measures and layout reused while the network's shape holds.

Betweenness, degree and the layout depend only on the nodes and links of the simple undirected network (kg.steps
.network.measure.simple_graph), Louvain communities also on the links' weights, and the layout on the communities
only when a component is laid out community by community.  `analyse_remembered` keeps what it computed in a JSON
file of the build's cache folder, keyed by those inputs and the code's fingerprint, and reuses each piece whose
inputs are unchanged, so a rebuild that changes a few weights re-runs Louvain only.  The file, and the last picture,
carry the SHA-256 of what they hold (kg.build.kept): a damaged one is logged and computed again.
"""

from __future__ import annotations

import hashlib
import json
import logging
from pathlib import Path

import networkx as nx

from kg.build.kept import read_kept, write_kept
from kg.steps.network.layout import compute_layout
from kg.steps.network.measure import apply_measures, centralities, find_communities, simple_graph
from kg.steps.network.model import LAYOUT_DIRECT_MAX, SEED, Network

MEMO_NAME = "network.json"
PNG_NAME = "network.png.last"  # the last picture drawn, after a line with the digest of what it was drawn from
log = logging.getLogger(__name__)


def _digest(*parts) -> str:
    return hashlib.sha256(json.dumps(parts, ensure_ascii=False).encode("utf-8")).hexdigest()


def _load(path: Path | None, code: str) -> dict:
    payload = None if path is None else read_kept(path)  # checked: a damaged memo is logged and computed again
    if payload is None:
        return {}
    try:
        saved = json.loads(payload)
    except ValueError as exc:
        log.warning("%s: not reused (%s); computed again", path, exc)
        return {}
    return saved if isinstance(saved, dict) and saved.get("code") == code else {}


def analyse_remembered(g: nx.MultiDiGraph, memo: Path | None, code: str, seed: int = SEED) -> Network:
    """measure and compute_layout of the projected network *g* (as kg.steps.network.step.analyse does), reusing
    what the memo file holds for the same inputs and writing back what was computed."""
    h = simple_graph(g)
    nodes = sorted(h.nodes)
    links = sorted([min(a, b), max(a, b), d["weight"]] for a, b, d in h.edges(data=True))
    shape = _digest(seed, nodes, [x[:2] for x in links])
    weights = _digest(seed, nodes, links)
    saved = _load(memo, code)
    same_shape = saved.get("shape") == shape
    measured = (saved["degree"], saved["between"]) if same_shape else centralities(h, seed)
    communities = saved["communities"] if saved.get("weights") == weights else find_communities(h, seed)
    apply_measures(g, h, measured, communities)
    by_communities = any(len(c) > LAYOUT_DIRECT_MAX for c in nx.connected_components(h))
    if same_shape and (not by_communities or saved["communities"] == communities):
        layout = {n: (x, y) for n, x, y in saved["layout"]}
    else:
        layout = compute_layout(g, communities, seed)
    for node, (x, y) in layout.items():
        g.nodes[node]["x"], g.nodes[node]["y"] = x, y
    if memo is not None:
        record = {"code": code, "shape": shape, "weights": weights, "degree": measured[0], "between": measured[1],
                  "communities": communities, "layout": [[n, x, y] for n, (x, y) in layout.items()]}
        write_kept(memo, json.dumps(record, ensure_ascii=False).encode("utf-8"))
    return Network(g, communities, layout)


def remembered_png(network: Network, folder: Path | None, code: str, lang: str = "en") -> bytes:
    """png_bytes of the network, reused from *folder* when everything the picture is drawn from is unchanged: the
    nodes and their attributes, the links, the layout, the language, the font, matplotlib and the code."""
    import matplotlib

    from kg.steps.network.render_png import cjk_font, png_bytes

    g = network.graph
    key = _digest(code, matplotlib.__version__, cjk_font(), lang, [[n, sorted(g.nodes[n].items())] for n in sorted(g.nodes)], list(g.edges()),
                  [[n, *xy] for n, xy in network.layout.items()])
    path = None if folder is None else Path(folder) / PNG_NAME
    data = None if path is None else read_kept(path)
    if data is not None:
        head, _, picture = data.partition(b"\n")
        if head == key.encode("ascii"):
            return picture
    picture = png_bytes(network, lang=lang)
    if path is not None:
        write_kept(path, key.encode("ascii") + b"\n" + picture)
    return picture
