"""Isotonic probability maps of the relation model: fitted by pooling adjacent violators, applied by
interpolation, and averaged over the maps fitted without each fold (kg.extract.calibrate)."""

from __future__ import annotations

import numpy as np


def fit_isotonic(scores: np.ndarray, y: np.ndarray) -> tuple[list[float], list[float]]:
    """Isotonic regression (pool adjacent violators) of y on scores: the mean score and the probability of
    each pooled block, probabilities shrunk toward the overall rate by one pseudo-case (no block says 0 or 1) and kept
    non-decreasing."""
    if not len(scores):
        return [], []
    order = np.lexsort((y, scores))
    prior = float(y.mean())
    blocks: list[list[float]] = []  # [sum of scores, sum of labels, count]
    for i in order:
        blocks.append([float(scores[i]), float(y[i]), 1.0])
        while len(blocks) > 1 and blocks[-2][1] / blocks[-2][2] >= blocks[-1][1] / blocks[-1][2]:
            s2, y2, n2 = blocks.pop()
            blocks[-1][0] += s2
            blocks[-1][1] += y2
            blocks[-1][2] += n2
    xs = [b[0] / b[2] for b in blocks]
    ys = np.maximum.accumulate([(b[1] + prior) / (b[2] + 1.0) for b in blocks])  # shrinking a small block can bend it
    return xs, [float(v) for v in ys]


def apply_isotonic(table: tuple, scores: np.ndarray) -> np.ndarray:
    """Probabilities of scores by linear interpolation between the isotonic blocks (flat beyond them)."""
    xs, ys = table
    if not xs:
        return np.full(len(scores), 0.5)
    return np.interp(scores, xs, ys)


def mean_isotonic(tables: list[tuple]) -> tuple[list[float], list[float]]:
    """The mean of isotonic maps (each fitted without one fold), on the union of their block scores: still
    non-decreasing, and without the steps of a single fit, whose blocks pool differently when a few candidates change.
    The threshold is chosen on those fold maps' probabilities; a single map on all rows moved a tie of many candidates
    at one score across it on a change elsewhere (26 operatesIn relations of the development sets on five new
    implementedWith findings)."""
    xs = sorted({float(x) for table in tables for x in table[0]})
    ys = np.mean([np.interp(xs, table[0], table[1]) for table in tables], axis=0) if xs else []
    return xs, [round(float(v), 9) for v in ys]
