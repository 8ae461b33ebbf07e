"""The network's betweenness (kg.steps.network.measure.betweenness) has the bits of networkx's, exact and sampled."""

from __future__ import annotations

import networkx as nx
import pytest

from kg.steps.network.measure import betweenness, by_index


def _graph(kind: str, seed: int) -> nx.Graph:
    if kind == "sparse":
        g = nx.gnm_random_graph(300, 420, seed=seed)
    elif kind == "dense":
        g = nx.gnm_random_graph(120, 1800, seed=seed)
    elif kind == "scale-free":
        g = nx.barabasi_albert_graph(400, 2, seed=seed)
    elif kind == "components":
        g = nx.disjoint_union_all([nx.gnm_random_graph(40, 60, seed=seed + i) for i in range(5)])
        g.add_nodes_from(range(len(g), len(g) + 7))  # isolated nodes
    else:
        g = nx.path_graph(5)
    for i, (a, b) in enumerate(g.edges()):
        g[a][b]["weight"] = 1 + (i * 7) % 5
    h = nx.relabel_nodes(g, {n: f"n{n:04d}" for n in g})
    return by_index(h)[0]


@pytest.mark.parametrize("kind", ["sparse", "dense", "scale-free", "components", "path"])
@pytest.mark.parametrize("k", [None, 30])
def test_network_betweenness_has_networkx_bits(kind, k):
    ig = _graph(kind, seed=7)
    k = None if k is not None and k >= len(ig) else k
    assert betweenness(ig, k, seed=42) == nx.betweenness_centrality(ig, k=k, seed=42)


@pytest.mark.parametrize("n", [0, 1, 2])
def test_network_betweenness_tiny_graphs(n):
    ig = nx.Graph()
    ig.add_nodes_from(range(n))
    if n == 2:
        ig.add_edge(0, 1)
    assert betweenness(ig) == nx.betweenness_centrality(ig)
