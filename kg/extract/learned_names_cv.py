"""Grouped cross-validation of the learned name-span model on the dev annotations: rules alone vs rules + model.

    python tools/cv_names.py [--folds K] [--scores 0.5,0.7,0.9] [--work DIR]

The dev sets (and the sample) are dealt into K folds by file (a file is a set of whole documents, kg.extract.folds
keeps a document's passages in one set).  For each fold a model per language is trained on the other folds' passages
(kg.extract.learned_names_train) and the fold's files are scored by kg.extract.evaluate twice: [learned_names]
disabled (the rules) and enabled with the fold's models, at each minimum score.  The table sums the folds.
"""

from __future__ import annotations

import hashlib
import json
import os
import logging
from collections import defaultdict
from pathlib import Path

from kg.extract.folds import case_keys, fold_groups
from kg.extract.gold import load_cases
from kg.extract.learned_names_data import LABELS, passages, training_files

log = logging.getLogger(__name__)
SECTIONS = ("entities", "relations")


def fold_files(files: list[Path], k: int) -> list[list[Path]]:
    """Files dealt round-robin into *k* folds in name order, the files that share a passage's parallel id, source
    address or document (kg.extract.folds.case_keys: one document annotated in two sets) kept in one fold."""
    keys, owners = [], []
    for path in files:
        for case in load_cases(path):
            keys.append(case_keys(case, path) + [f"file:{path.as_posix()}"])
            owners.append(path)
    groups: dict[str, set] = {}
    for path, group in zip(owners, fold_groups(keys)):
        groups.setdefault(group, set()).add(path)
    ordered = sorted((sorted(members) for members in groups.values()), key=lambda members: members[0])
    return [sorted(f for i, members in enumerate(ordered) if i % k == fold for f in members) for fold in range(k)]


def _cells(report) -> dict:
    """(section, lang, class) -> [tp, fp, fn] of an evaluate Report, with ALL rows per language."""
    out: dict = defaultdict(lambda: [0, 0, 0])
    for section in SECTIONS:
        for (lang, kind), s in getattr(report, section).items():
            for key in ((section, lang, kind), (section, lang, "ALL")):
                out[key][0] += s.tp
                out[key][1] += s.fp
                out[key][2] += s.fn
    return out


def _add(total: dict, cells: dict) -> None:
    for key, (tp, fp, fn) in cells.items():
        row = total.setdefault(key, [0, 0, 0])
        row[0], row[1], row[2] = row[0] + tp, row[1] + fp, row[2] + fn


def train_fold(k: int, fold: int, lang: str, work: Path, epochs: int | None = None) -> None:
    """Train the model of *lang* on every fold but *fold*, into work/fold-<fold>/names-<lang>; a model there is reused
    only when its trained-on.json names the same files (with their SHA-256), epochs, training settings and labels."""
    from kg.extract.learned_names_train import hyper, model_folder, save, train

    epochs = hyper()["epochs"] if epochs is None else epochs
    files = training_files()
    held = fold_files(files, k)[fold]
    rest = [f for f in files if f not in held]
    stamp = json.dumps({"epochs": epochs, "training": hyper(), "labels": list(LABELS),
                        "files": [[f.name, hashlib.sha256(f.read_bytes()).hexdigest()] for f in rest]},
                       indent=1, sort_keys=True) + "\n"
    folder = model_folder(work / f"fold-{fold}", lang)
    if (folder / "trained-on.json").exists() and (folder / "trained-on.json").read_text(encoding="utf-8") == stamp:
        return
    save(train(passages(rest, lang), lang, epochs), folder)
    tmp = folder / "trained-on.json.tmp"
    tmp.write_text(stamp, encoding="utf-8")
    os.replace(tmp, folder / "trained-on.json")


def run(k: int, scores: list[float], work: Path, epochs: int | None = None) -> dict:
    """Variant ("rules" or "model>=S") -> summed cells over the folds."""
    from kg.extract import learned_names
    from kg.extract.evaluate import evaluate

    files = training_files()
    totals: dict = {}
    for fold, held in enumerate(fold_files(files, k)):
        models = work / f"fold-{fold}"
        for lang in ("en", "zh"):
            train_fold(k, fold, lang, work, epochs)
        learned_names.configure(enabled=False)
        _add(totals.setdefault("rules", {}), _cells(evaluate(held)))
        for score in scores:
            learned_names.configure(enabled=True, min_score=score, models=str(models))
            _add(totals.setdefault(f"model>={score:g}", {}), _cells(evaluate(held)))
        learned_names.configure()
        log.info("fold %d of %d done (%s)", fold + 1, k, ", ".join(f.stem for f in held))
    return totals


def table(totals: dict) -> str:
    """Per section, language and class: tp/fp/fn, precision and recall of each variant."""
    variants = list(totals)
    keys = sorted({key for cells in totals.values() for key in cells}, key=lambda t: (t[0], t[1], t[2] == "ALL", t[2]))
    head = f"{'section':<10} {'lang':<4} {'class':<13}" + "".join(f" | {v:<26}" for v in variants)
    lines = [head, f"{'':<29}" + " | tp/fp/fn         P    R    " * len(variants)]
    for key in keys:
        cells = []
        for v in variants:
            tp, fp, fn = totals[v].get(key, [0, 0, 0])
            p = tp / (tp + fp) if tp + fp else 1.0
            r = tp / (tp + fn) if tp + fn else 1.0
            cells.append(f" | {f'{tp}/{fp}/{fn}':<15} {p:.2f} {r:.2f}")
        lines.append(f"{key[0]:<10} {key[1]:<4} {key[2]:<13}" + "".join(cells))
    return "\n".join(lines) + "\n"
