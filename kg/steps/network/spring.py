"""networkx's spring layout of a component of 500 nodes or more, the same bits in less time.

From 500 nodes `nx.spring_layout` (method "auto") minimises the Fruchterman-Reingold energy with scipy's L-BFGS-B,
calling a cost function that, per batch of 500 nodes, forms every pairwise difference of positions as an
(n, n, 2) array and sums its squares over the last axis.  Both are numpy's slowest shapes (an inner loop of two
elements).  `spring_layout` here runs the same steps with the same floating-point operations in the same order:
the x and y differences are formed as two contiguous (n, n) arrays and interleaved into the same (n, n, 2) array,
and the squared distance is dx*dx + dy*dy, which is what numpy's sum over an axis of two elements computes
(a0 + a1).  Everything else (the sparse products, einsum on the same array, the cost's sums, the optimiser, the
rescaling) is networkx's and scipy's own code path, so the positions are equal bit for bit
(tests/test_network_spring.py compares them with `nx.spring_layout`).  Below 500 nodes, or with a networkx whose
sources differ from those mirrored (MIRRORED: the SHA-256 of each, networkx 3.6.1), networkx itself runs.
"""

from __future__ import annotations

import hashlib
import inspect
from functools import lru_cache

import networkx as nx

ENERGY_FROM = 500  # nx.spring_layout's method "auto": the energy minimisation from this many nodes
_BATCH = 500  # rows per batch in networkx's cost function
_THRESHOLD, _GRAVITY = 1e-4, 1.0  # nx.spring_layout's defaults (in the sources of MIRRORED)


# SHA-256 of the source of the networkx functions this module mirrors, as networkx 3.6.1 has them: spring_layout
# (the positions drawn, the matrix, the rescaling), _sparse_fruchterman_reingold (the dispatch to the energy method)
# and _energy_fruchterman_reingold (the cost function and the optimiser's options).  Any other source: networkx runs.
MIRRORED = {
    "spring_layout": "c051d6e3723a0db9fec78e242480a91ea54fc79f45c73af24226189647878fac",
    "_sparse_fruchterman_reingold": "2908438c7fdfc9c78609ed46926efe99540b5e0a9d5b30d5a3bf4b664e5795bc",
    "_energy_fruchterman_reingold": "e894e184721f6a81b54c6ed0cf9917bc269387f444a3270911da2e28584f1268",
}


@lru_cache(maxsize=1)
def _mirrors_networkx() -> bool:
    """Whether the installed networkx's spring layout is, source for source, the one this module mirrors."""
    from networkx.drawing import layout

    for name, digest in MIRRORED.items():
        function = nx.spring_layout if name == "spring_layout" else getattr(layout, name, None)
        try:
            source = inspect.getsource(function)
        except (TypeError, ValueError, OSError):
            return False
        if hashlib.sha256(source.encode("utf-8")).hexdigest() != digest:
            return False
    return True


def spring_layout(ig: nx.Graph, k: float, seed: int, iterations: int) -> dict:
    """nx.spring_layout(ig, k=k, seed=seed, weight=None, iterations=iterations), bit for bit."""
    if len(ig) < ENERGY_FROM or not _mirrors_networkx():
        return nx.spring_layout(ig, k=k, seed=seed, weight=None, iterations=iterations)
    import numpy as np
    import scipy as sp

    A = nx.to_scipy_sparse_array(ig, weight=None, dtype="f")
    nnodes, dim = A.shape[0], 2
    pos = np.asarray(np.random.RandomState(seed).rand(nnodes, dim), dtype=A.dtype)
    A = np.abs(A.tocsr())
    A = (A + A.T) / 2
    cost = _cost(A, nnodes, k, dim)
    options = {"maxiter": iterations, "gtol": _THRESHOLD}
    found = sp.optimize.minimize(cost, pos.ravel(), method="L-BFGS-B", jac=True, options=options).x.reshape((nnodes, dim))
    found = nx.rescale_layout(found, scale=1) + np.zeros(dim)
    return dict(zip(ig, found))


def _cost(A, nnodes: int, k: float, dim: int):
    """networkx's _cost_FR (energy and gradient of positions x) with the pairwise differences formed faster."""
    import numpy as np
    import scipy as sp

    n_components, labels = sp.sparse.csgraph.connected_components(A, directed=False)
    bincount = np.bincount(labels)

    def cost_fr(x):
        pos = x.reshape((nnodes, dim))
        xs, ys = np.ascontiguousarray(pos[:, 0]), np.ascontiguousarray(pos[:, 1])
        grad = np.zeros((nnodes, dim))
        cost = 0.0
        for lo in range(0, nnodes, _BATCH):
            hi = min(lo + _BATCH, nnodes)
            dx = xs[lo:hi, np.newaxis] - xs[np.newaxis, :]
            dy = ys[lo:hi, np.newaxis] - ys[np.newaxis, :]
            delta = np.stack((dx, dy), axis=2)  # pos[lo:hi, newaxis, :] - pos[newaxis, :, :]
            distance2 = dx * dx
            distance2 += dy * dy  # np.sum(delta * delta, axis=2)
            distance2 = np.maximum(distance2, 1e-10)
            distance = np.sqrt(distance2)
            Ad = A[lo:hi] * distance
            grad[lo:hi] = 2 * np.einsum("ij,ijk->ik", Ad / k - k**2 / distance2, delta)
            cost += np.sum(Ad * distance2) / (3 * k)
            cost -= k**2 * np.sum(np.log(distance))
        centers = np.zeros((n_components, dim))
        np.add.at(centers, labels, pos)
        delta0 = centers / bincount[:, np.newaxis] - 0.5
        grad += _GRAVITY * delta0[labels]
        cost += _GRAVITY * 0.5 * np.sum(bincount * np.linalg.norm(delta0, axis=1) ** 2)
        return cost, grad.ravel()

    return cost_fr
