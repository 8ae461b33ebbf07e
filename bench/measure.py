"""Measure: medians of repeated runs, peak memory of a fresh process per case, plain-text tables."""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def median_time(fn, runs: int) -> tuple[float, object]:
    """Median wall-clock seconds of *runs* calls of fn() and the last result."""
    times, result = [], None
    for _ in range(max(1, runs)):
        started = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def median_cpu(fn, runs: int) -> tuple[float, object]:
    """Median CPU seconds (this process) of *runs* calls of fn() and the last result: steadier than wall time on
    a shared machine."""
    times, result = [], None
    for _ in range(max(1, runs)):
        started = time.process_time()
        result = fn()
        times.append(time.process_time() - started)
    return statistics.median(times), result




def peak_mb(argv: list[str], env: dict | None = None) -> tuple[float, int, str]:
    """Run a command with its own memory accounting (os.wait4): wall seconds, peak RSS in MB, stdout.

    The peak is that of the largest single process (the command or a worker it waited for); see tree_peak_mb
    for the sum over all its processes at once."""
    seconds, peak, _, out = tree_peak_mb(argv, env)
    return seconds, peak, out


def tree_peak_mb(argv: list[str], env: dict | None = None, every: float = 0.1) -> tuple[float, int, int, str]:
    """Like peak_mb, and also the peak of the summed RSS of the command and all its descendants, sampled from
    /proc every *every* seconds (0 where /proc is missing): wall seconds, peak MB, peak MB together, stdout."""
    import tempfile
    import threading

    started = time.perf_counter()
    with tempfile.TemporaryFile() as errors, tempfile.TemporaryFile() as output:
        proc = subprocess.Popen(argv, stdout=output, stderr=errors, cwd=ROOT, env=env or os.environ.copy())
        together, done = [0], threading.Event()

        def sample():
            while not done.wait(every):
                together[0] = max(together[0], _tree_rss(proc.pid))

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        _, status, usage = os.wait4(proc.pid, 0)
        done.set()
        sampler.join()
        errors.seek(0)
        err = errors.read()
        output.seek(0)
        out = output.read()
    proc.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - started
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(map(str, argv))} failed ({proc.returncode}): {err.decode(errors='replace')[-2000:]}")
    return seconds, usage.ru_maxrss // 1024, together[0] // (1024 * 1024), out.decode()


def _tree_rss(root: int) -> int:
    """Resident bytes of process *root* and its descendants (Linux /proc; 0 elsewhere)."""
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    page = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096
    try:
        entries = os.listdir("/proc")
    except OSError:
        return 0
    for entry in entries:
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as handle:
                fields = handle.read().rsplit(b")", 1)[1].split()
        except OSError:
            continue
        parents[int(entry)] = int(fields[1])
        rss[int(entry)] = int(fields[21]) * page
    tree, todo = {root}, [root]
    while todo:
        pid = todo.pop()
        for child, parent in parents.items():
            if parent == pid and child not in tree:
                tree.add(child)
                todo.append(child)
    return sum(rss.get(pid, 0) for pid in tree)


def run_case(name: str, **kwargs) -> dict:
    """Run bench.cases.<name>(**kwargs) in a fresh interpreter; its JSON result plus peak_mb."""
    _, peak, out = peak_mb([sys.executable, "-m", "bench.cases", name, json.dumps(kwargs)])
    result = json.loads(out.strip().splitlines()[-1])
    result["peak_mb"] = peak
    return result


def table(title: str, header: list[str], rows: list[list], note: str = "") -> str:
    """A plain-text table with right-aligned numbers."""
    cells = [[_cell(c) for c in row] for row in rows]
    widths = [max(len(h), *(len(r[i]) for r in cells)) if cells else len(h) for i, h in enumerate(header)]
    lines = [f"## {title}", "", "  ".join(h.ljust(w) for h, w in zip(header, widths)), "  ".join("-" * w for w in widths)]
    for row in cells:
        lines.append("  ".join(c.rjust(w) if _numeric(c) else c.ljust(w) for c, w in zip(row, widths)))
    if note:
        lines += ["", note]
    return "\n".join(lines) + "\n"


def _numeric(text: str) -> bool:
    return bool(text) and (text[0].isdigit() or text[0] in "-.") and text not in ("-",)


def _cell(value) -> str:
    if isinstance(value, float):
        if value >= 1000:
            return f"{value:,.0f}"
        if value >= 10:
            return f"{value:.1f}"
        return f"{value:.3g}" if value else "0"
    if isinstance(value, int):
        return f"{value:,}"
    return "-" if value is None else str(value)
