"""CPU per document in a warm extraction worker, by stage: what `kg build` spends on one document outside the merge.

    python -m bench.synth /tmp/c40 -n 40 --lang zh
    python -m bench.worker /tmp/c40 -n 8          # the first document warms the pipeline; the others are measured

Runs `kg.build.executors.process_document` with the standard build steps in this process (as a pool worker
does, the garbage collector frozen after the first document) and prints the CPU milliseconds per document of
the whole, of extraction, of the N-Triples, of making the part (split, steps, Turtle) and of each step's
`map_document`.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path


def _timed(table: dict, label: str, function):
    def run(*args, **kwargs):
        started = time.process_time()
        try:
            return function(*args, **kwargs)
        finally:
            table[label] = table.get(label, 0.0) + time.process_time() - started
    return run


def measure(folder: Path, count: int) -> tuple[int, float, dict]:
    """(documents measured, CPU seconds of process_document, {stage: CPU seconds}) over *count* documents."""
    from kg.build import executors
    from kg.extract.ingest import read_document
    from kg.steps import STANDARD

    paths = sorted(p for p in folder.iterdir() if p.suffix in (".md", ".txt"))[:count]
    if len(paths) < 2:
        raise SystemExit(f"{folder}: needs at least 2 documents (one warms the pipeline)")
    docs = [read_document(p, None, False) for p in paths]
    with executors._frozen_while_extracting():  # as a worker: the pipeline frozen, and unfrozen afterwards
        return _measure(executors, docs, STANDARD)


def _measure(executors, docs: list, standard) -> tuple[int, float, dict]:
    executors.process_document(docs[0], standard)
    table: dict = {}
    extractor = executors._extractor()
    extractor.extract = _timed(table, "extract", extractor.extract)
    saved = {name: getattr(executors, name) for name in ("document_ntriples", "split_part", "add_turtle")}
    steps = []
    for step in standard:
        clone = type(step)()
        clone.map_document = _timed(table, f"step {step.name.split(':')[0]}", step.map_document)
        steps.append(clone)
    try:
        for name, function in saved.items():
            setattr(executors, name, _timed(table, name, function))
        started = time.process_time()
        for doc in docs[1:]:
            executors.process_document(doc, steps)
        total = time.process_time() - started
    finally:
        for name, function in saved.items():
            setattr(executors, name, function)
    return len(docs) - 1, total, table


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.worker", description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path, help="documents (e.g. from python -m bench.synth)")
    parser.add_argument("-n", type=int, default=8, help="documents to read, the first one warming up (default 8)")
    args = parser.parse_args(argv)
    n, total, table = measure(args.folder, args.n)
    print(f"process_document: {total / n * 1000:.0f} ms CPU per document ({n} documents)")
    for label, seconds in table.items():
        print(f"  {label}: {seconds / n * 1000:.0f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
