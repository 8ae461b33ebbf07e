"""Measure the network: the simple undirected view, degree and betweenness centrality, Louvain communities,
and the ego network of one entity.  Every result is seeded and independent of string hash order."""

from __future__ import annotations

from collections import deque

import networkx as nx
from kg.steps.network.model import BETWEENNESS_EXACT_MAX, BETWEENNESS_SAMPLES, SEED, local_name

from kg.core.errors import InputError
from kg.core.namespaces import ID


def simple_graph(g: nx.MultiDiGraph) -> nx.Graph:
    """Collapse to an undirected simple graph; 'weight' sums the relations' weights (at least 1 each)."""
    h = nx.Graph()
    h.add_nodes_from(sorted(g.nodes))
    for s, o, data in sorted(g.edges(data=True), key=lambda e: (e[0], e[1], e[2]["relation"])):
        w = max(int(data["weight"]), 1)
        if h.has_edge(s, o):
            h[s][o]["weight"] += w
        else:
            h.add_edge(s, o, weight=w)
    return h


def by_index(h: nx.Graph) -> tuple[nx.Graph, list[str]]:
    """Relabel to integers in sorted order so set iteration inside networkx does not depend on string hashes."""
    names = sorted(h.nodes)
    index = {n: i for i, n in enumerate(names)}
    g = nx.Graph()
    g.add_nodes_from(range(len(names)))
    g.add_weighted_edges_from(sorted((index[a], index[b], d["weight"]) for a, b, d in h.edges(data=True)))
    return g, names


def find_communities(h: nx.Graph, seed: int = SEED) -> list[list[str]]:
    """Louvain communities (seeded), largest first, each sorted; singletons for isolated nodes."""
    if h.number_of_nodes() == 0:
        return []
    g, names = by_index(h)
    parts = nx.community.louvain_communities(g, weight="weight", seed=seed) if g.number_of_edges() else [{i} for i in g]
    groups = [sorted(names[i] for i in part) for part in parts]
    return sorted(groups, key=lambda c: (-len(c), c[0]))


def measure(g: nx.MultiDiGraph, seed: int = SEED) -> list[list[str]]:
    """Set degree, degree_centrality, betweenness and community on every node; return the communities."""
    h = simple_graph(g)
    communities = find_communities(h, seed)
    apply_measures(g, h, centralities(h, seed), communities)
    return communities


def centralities(h: nx.Graph, seed: int = SEED) -> tuple[dict, list]:
    """Degree centrality by node, and betweenness in sorted node order (sampled above BETWEENNESS_EXACT_MAX nodes)."""
    degree = nx.degree_centrality(h) if len(h) > 1 else {n: 0.0 for n in h}
    ig, names = by_index(h)
    between = betweenness(ig, BETWEENNESS_SAMPLES if len(ig) > BETWEENNESS_EXACT_MAX else None, seed)
    return degree, [between[i] for i in range(len(names))]


def betweenness(ig: nx.Graph, k: int | None = None, seed: int = SEED) -> dict:
    """nx.betweenness_centrality(ig, k=k, seed=seed) (normalised, unweighted, without endpoints) of a graph whose
    nodes are 0..n-1 in order, with the same floating-point operations in the same order on lists instead of
    networkx's dictionaries and views (several times faster; the same bits, tests/test_network_measure.py).
    Falls back to networkx when its private rescaling helper is not the one this mirrors."""
    from networkx.algorithms.centrality import betweenness as nxb

    n = len(ig)
    rescale = getattr(nxb, "_rescale", None)
    if rescale is None or list(ig) != list(range(n)) or ig.is_directed() or ig.is_multigraph():
        return nx.betweenness_centrality(ig, k=k, seed=seed)
    if k == n:
        k = None
    sources = list(range(n)) if k is None else nx.utils.create_py_random_state(seed).sample(list(ig.nodes()), k)
    adjacency = [list(ig[v]) for v in range(n)]
    total = [0.0] * n
    for s in sources:
        _accumulate(adjacency, s, total)
    try:
        scaled = rescale(dict(enumerate(total)), n, normalized=True, directed=False, endpoints=False,
                         sampled_nodes=None if k is None else sources)
    except TypeError:  # another networkx's helper
        return nx.betweenness_centrality(ig, k=k, seed=seed)
    return scaled


def _accumulate(adjacency: list, s: int, total: list) -> None:
    """One source of Brandes's algorithm as networkx runs it (_single_source_shortest_path_basic, then
    _accumulate_basic): breadth-first from *s* counting shortest paths, dependencies added to *total*."""
    n = len(adjacency)
    distance = [-1] * n
    sigma = [0.0] * n
    preds: list = [[] for _ in range(n)]
    order = []
    sigma[s], distance[s] = 1.0, 0
    queue = deque([s])
    pop, push, visit = queue.popleft, queue.append, order.append
    while queue:
        v = pop()
        visit(v)
        near = distance[v] + 1
        sv = sigma[v]
        for w in adjacency[v]:
            dw = distance[w]
            if dw < 0:
                push(w)
                distance[w] = dw = near
            if dw == near:
                sigma[w] += sv
                preds[w].append(v)
    delta = [0] * n
    while order:
        w = order.pop()
        coeff = (1 + delta[w]) / sigma[w]
        for v in preds[w]:
            delta[v] += sigma[v] * coeff
        if w != s:
            total[w] += delta[w]


def apply_measures(g: nx.MultiDiGraph, h: nx.Graph, measured: tuple[dict, list], communities: list[list[str]]) -> None:
    """Set degree, degree_centrality, betweenness and community on every node of *g* (h: its simple_graph)."""
    degree, between = measured
    member = {n: i + 1 for i, c in enumerate(communities) for n in c}
    for i, name in enumerate(sorted(h.nodes)):
        node = g.nodes[name]
        node["degree"] = int(h.degree(name))
        node["degree_centrality"] = round(float(degree[name]), 6)
        node["betweenness"] = round(float(between[i]), 6)
        node["community"] = member[name]


def ego_network(g: nx.MultiDiGraph, name: str, radius: int = 1) -> nx.MultiDiGraph:
    """The entity named by IRI, local id or label (en/zh), its neighbours within *radius*, and their links."""
    center = find_node(g, name)
    near = nx.ego_graph(g.to_undirected(as_view=True), center, radius=radius)
    return g.subgraph(sorted(near.nodes)).copy()


def find_node(g: nx.MultiDiGraph, name: str) -> str:
    """The node whose IRI, IRI path, local id or label equals *name* (case-insensitive)."""
    wanted = name.strip().casefold()
    matches = []
    for node, data in g.nodes(data=True):
        keys = {node, node.removeprefix(str(ID)), local_name(node), data.get("label_en", ""), data.get("label_zh", "")}
        if wanted in {k.casefold() for k in keys if k}:
            matches.append(node)
    if len(matches) == 1:
        return matches[0]
    if matches:
        raise InputError(f"{name!r} names several entities: {', '.join(sorted(matches)[:5])}")
    near = sorted(
        n for n, d in g.nodes(data=True)
        if wanted and any(wanted in str(d.get(k, "")).casefold() for k in ("iri", "label_en", "label_zh"))
    )  # fmt: skip
    hint = f" (did you mean: {', '.join(local_name(n) for n in near[:5])})" if near else ""
    raise InputError(f"no entity {name!r} in the network{hint}")

