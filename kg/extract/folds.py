"""Which annotation files a fit may use, and which passages must fall in one cross-validation fold."""

from __future__ import annotations

from pathlib import Path

HELD_OUT = "test"  # the folder of the held-out test half, at any depth below the annotations


def held_out(path: Path) -> bool:
    """Whether *path* lies in a held-out ``test`` folder below the annotations (at any depth: annotations/test/sub/x.toml
    too; folders above ``annotations``, such as a checkout under /home/me/test, do not count)."""
    parts = Path(path).resolve().parent.parts
    below = parts[len(parts) - parts[::-1].index("annotations"):] if "annotations" in parts else parts[-1:]
    return HELD_OUT in below


def case_keys(case: dict, path: Path) -> list[str]:
    """What ties a passage to others that must share its fold: its parallel id, source address and document."""
    keys = [f"{field}:{case[field]}" for field in ("parallel", "source", "document") if case.get(field)]
    return keys or [f"file:{Path(path).as_posix()}"]


def fold_groups(keys: list[list[str]]) -> list[str]:
    """One group name per passage: passages sharing any key (a translation with another document title, one source
    page with two titles) are one group, named by its smallest key (union-find; the same keys give the same names)."""
    parent: dict[str, str] = {}

    def root(k: str) -> str:
        while parent.setdefault(k, k) != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    for ks in keys:
        for other in ks[1:]:
            a, b = root(ks[0]), root(other)
            if a != b:
                parent[max(a, b)] = min(a, b)
    return [root(ks[0]) for ks in keys]


def fold_counts(hits: list[tuple], folds: list[int], count: int) -> list[dict]:
    """Per fold, every rule's (stated, found) findings in the passages of the other folds; *hits*: (passage number, rule,
    stated) of each finding, *folds*: each passage's fold."""
    out: list[dict] = [{} for _ in range(count)]
    for number, rule, stated in hits:
        for fold in range(count):
            if folds[number] != fold:
                correct, found = out[fold].get(rule, (0, 0))
                out[fold][rule] = (correct + int(stated), found + 1)
    return out
