"""Lay the network out in [-1, 1]^2: seeded spring layouts per connected component, packed in rows; above
LAYOUT_DIRECT_MAX nodes a component is laid out community by community."""

from __future__ import annotations

import math

import networkx as nx
from kg.steps.network.measure import by_index, simple_graph
from kg.steps.network.model import LAYOUT_DIRECT_MAX, SEED
from kg.steps.network.spring import spring_layout


def compute_layout(g: nx.MultiDiGraph, communities: list[list[str]], seed: int = SEED) -> dict[str, tuple[float, float]]:
    """Positions in [-1, 1]^2: each connected component laid out alone (seeded), then packed in rows."""
    h = simple_graph(g)
    if len(h) == 0:
        return {}
    components = sorted((sorted(c) for c in nx.connected_components(h)), key=lambda c: (-len(c), c[0]))
    boxes = []
    for members in components:
        sub = h.subgraph(members)
        if len(members) == 1:
            local = {members[0]: (0.0, 0.0)}
        elif len(members) <= LAYOUT_DIRECT_MAX:
            ig, names = by_index(sub)
            k = 1.5 / math.sqrt(len(ig))
            pos = spring_layout(ig, k, seed, 100 if len(ig) < 500 else 50)
            local = {names[i]: tuple(map(float, p)) for i, p in pos.items()}
        else:
            inside = [[n for n in c if n in sub] for c in communities]
            local = _community_layout(sub, [c for c in inside if c], seed)
        side = 2.0 * math.sqrt(len(members))  # area proportional to the number of nodes
        boxes.append((side, _normalise(local) if len(members) > 1 else local))
    # shelf packing: rows no wider than the square root of the total area
    row_limit = max(max(b[0] for b in boxes), 1.2 * math.sqrt(sum(b[0] ** 2 for b in boxes)))
    pos, x, y, row_height = {}, 0.0, 0.0, 0.0
    for side, local in boxes:
        if x > 0 and x + side > row_limit:
            x, y, row_height = 0.0, y + row_height, 0.0
        half = side / 2 * 0.85  # keep a margin between components
        for n, (px, py) in local.items():
            pos[n] = (x + side / 2 + half * px, -(y + side / 2 + half * py))
        x += side
        row_height = max(row_height, side)
    return _normalise(pos)


def _community_layout(h: nx.Graph, communities: list[list[str]], seed: int) -> dict:
    """Lay out the graph of communities, then each community inside a disc sized by its population."""
    member = {n: i for i, c in enumerate(communities) for n in c}
    meta = nx.Graph()
    meta.add_nodes_from(range(len(communities)))
    for a, b in h.edges():
        ca, cb = member[a], member[b]
        if ca != cb:
            w = meta[ca][cb]["weight"] + 1 if meta.has_edge(ca, cb) else 1
            meta.add_edge(ca, cb, weight=w)
    big = [i for i, c in enumerate(communities) if len(c) > 1]
    small = [i for i, c in enumerate(communities) if len(c) == 1]
    centres = {}
    if big:
        sub = meta.subgraph(big)
        k = 2.0 / math.sqrt(len(big))
        centres.update(nx.spring_layout(sub, k=k, seed=seed, iterations=50) if len(big) > 1 else {big[0]: (0.0, 0.0)})
    # isolated singletons on an outer ring, in sorted order
    for j, i in enumerate(small):
        angle = 2 * math.pi * j / max(len(small), 1)
        centres[i] = (1.3 * math.cos(angle), 1.3 * math.sin(angle))
    total = sum(len(c) for c in communities)
    pos = {}
    for i, members in enumerate(communities):
        cx, cy = map(float, centres[i])
        radius = 0.9 * math.sqrt(len(members) / total)
        if len(members) == 1:
            pos[members[0]] = (cx, cy)
            continue
        sub = h.subgraph(members)
        ig, names = by_index(sub)
        if len(ig) <= LAYOUT_DIRECT_MAX:
            local = spring_layout(ig, 1.5 / math.sqrt(len(ig)), seed, 30)
        else:  # a huge community: a sunflower spiral by degree, hubs in the middle
            order = sorted(range(len(ig)), key=lambda n: (-ig.degree(n), n))
            golden = math.pi * (3 - math.sqrt(5))
            local = {n: (math.sqrt(r / len(order)) * math.cos(r * golden), math.sqrt(r / len(order)) * math.sin(r * golden)) for r, n in enumerate(order)}
        for n, (x, y) in local.items():
            pos[names[n]] = (cx + radius * float(x), cy + radius * float(y))
    return pos


def _normalise(pos: dict) -> dict:
    xs = [p[0] for p in pos.values()]
    ys = [p[1] for p in pos.values()]
    span = max(max(xs) - min(xs), max(ys) - min(ys)) or 1.0
    mx, my = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    return {n: (round(2 * (x - mx) / span, 4), round(2 * (y - my) / span, 4)) for n, (x, y) in pos.items()}

