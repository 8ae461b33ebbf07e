"""The network's spring layout of large components (kg.steps.network.spring) has the bits of nx.spring_layout."""

from __future__ import annotations

import math

import networkx as nx
import pytest

from kg.steps.network.measure import by_index
from kg.steps.network.spring import ENERGY_FROM, _mirrors_networkx, spring_layout


def _graph(kind: str, seed: int) -> nx.Graph:
    if kind == "sparse":  # one batch of the cost function and a part of a second one
        g = nx.gnm_random_graph(640, 900, seed=seed)
    elif kind == "scale-free":  # a hub-and-spokes network like the partnership network of a large corpus
        g = nx.barabasi_albert_graph(520, 1, seed=seed)
    elif kind == "two-batches":
        g = nx.gnm_random_graph(1001, 1600, seed=seed)
    elif kind == "pieces":  # several components laid out together (the community layout's subgraphs)
        g = nx.disjoint_union_all([nx.gnm_random_graph(130, 200, seed=seed + i) for i in range(4)])
        g.add_nodes_from(range(len(g), len(g) + 9))
    else:  # just under the size from which networkx minimises the energy
        g = nx.gnm_random_graph(ENERGY_FROM - 1, 700, seed=seed)
    nx.set_edge_attributes(g, 1, "weight")
    h = nx.relabel_nodes(g, {n: f"n{n:04d}" for n in g})
    return by_index(h)[0]


def test_network_spring_mirrors_this_networkx():
    """The installed networkx is the one mirrored (3.6.1, by the SHA-256 of each mirrored function's source);
    otherwise every layout falls back to networkx (correct, but slow)."""
    assert nx.__version__ == "3.6.1" and _mirrors_networkx()


def test_network_spring_falls_back_to_networkx_when_a_source_differs(monkeypatch):
    from kg.steps.network import spring

    monkeypatch.setitem(spring.MIRRORED, "_energy_fruchterman_reingold", "0" * 64)
    spring._mirrors_networkx.cache_clear()
    try:
        assert not spring._mirrors_networkx()
        called = []
        real = nx.spring_layout
        monkeypatch.setattr(nx, "spring_layout", lambda *a, **k: called.append(1) or real(*a, **k))
        spring.spring_layout(_graph("sparse", seed=11), 0.06, 42, 2)
        assert called
    finally:
        monkeypatch.undo()
        spring._mirrors_networkx.cache_clear()


@pytest.mark.parametrize(("kind", "iterations"), [("sparse", 50), ("scale-free", 50), ("two-batches", 20), ("pieces", 30),
                                                   ("small", 50)])
def test_network_spring_has_networkx_bits(kind, iterations):
    ig = _graph(kind, seed=11)
    k = 1.5 / math.sqrt(len(ig))
    ours = spring_layout(ig, k, 42, iterations)
    theirs = nx.spring_layout(ig, k=k, seed=42, weight=None, iterations=iterations)
    assert list(ours) == list(theirs)
    assert all(ours[n].tobytes() == theirs[n].tobytes() for n in theirs)
