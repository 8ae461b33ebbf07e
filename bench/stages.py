"""Wall and CPU seconds of one `kg build` by stage, in the build process: where a rebuild's time goes.

    python -m bench.synth /tmp/c200 -n 200 --lang zh
    kg build /tmp/c200 --out /tmp/o200 --jobs 2                       # the clean build that writes the cache
    printf '\\n\\n999. UNODC supported Chile.\\n' >> /tmp/c200/$(ls /tmp/c200 | head -1)
    python -m bench.stages /tmp/c200 --out /tmp/o200 --jobs 2         # one changed document (arguments of kg build)

CPU is the build's main thread only (time.thread_time): the background threads that hash the outputs and copy
kg.nq run beside the steps and are counted once, in the last line (the process's CPU).  On a shared machine compare
CPU seconds, and ratios within one run; wall seconds grow with the load.
"""

from __future__ import annotations

import functools
import resource
import sys
import time

BUILD = ("input_manifest", "read_documents", "extract_parts", "link_editions", "Corpus", "write_turtle",
         "build_record", "commit", "record_stamps")
INSIDE = (  # (module, function, label): pieces of the steps, timed inside them
    ("kg.build.identity", "_records", "  edition records"),
    ("kg.steps.network.step", "project", "  network projection"),
    ("kg.steps.network.memo", "centralities", "  network centralities"),
    ("kg.steps.network.memo", "compute_layout", "  network layout"),
    ("kg.steps.network.step", "html_bytes", "  network.html"),
    ("kg.steps.network.step", "write_graphml", "  network.graphml"),
    ("kg.steps.network.step", "write_gexf", "  network.gexf"),
    ("kg.steps.network.step", "remembered_png", "  network.png"),
    ("kg.steps.describe", "turtle_bytes", "  void/provenance Turtle (rdflib)"),
)


def _timed(rows: list, label: str, function):
    @functools.wraps(function)
    def run(*args, **kwargs):
        wall, cpu = time.perf_counter(), time.thread_time()
        try:
            return function(*args, **kwargs)
        finally:
            rows.append((label, time.perf_counter() - wall, time.thread_time() - cpu))
    return run


def _instrument(rows: list) -> None:
    import importlib

    import kg.build.run as run
    from kg.steps import STANDARD

    for name in BUILD:
        setattr(run, name, _timed(rows, name, getattr(run, name)))
    for module, name, label in INSIDE:
        target = importlib.import_module(module)
        setattr(target, name, _timed(rows, label, getattr(target, name)))
    for step in STANDARD:
        step.run = _timed(rows, "step " + step.name.split(":")[0].rsplit(".", 1)[-1], step.run)


def main(argv: list[str] | None = None) -> int:
    from kg.cli import main as kg

    rows: list = []
    _instrument(rows)
    wall, cpu = time.perf_counter(), time.thread_time()
    code = kg(["build", *(sys.argv[1:] if argv is None else argv)])
    total = {}
    for label, w, c in rows:
        seen = total.setdefault(label, [0.0, 0.0])
        seen[0] += w
        seen[1] += c
    print(f"{'stage':34s} {'wall s':>8s} {'CPU s':>8s}")
    for label, (w, c) in total.items():
        print(f"{label:34s} {w:8.2f} {c:8.2f}")
    print(f"{'whole build (main thread)':34s} {time.perf_counter() - wall:8.2f} {time.thread_time() - cpu:8.2f}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"process CPU {time.process_time():.2f} s (with imports and background threads), peak {peak:.0f} MB")
    return code


if __name__ == "__main__":
    raise SystemExit(main())
