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




def peak_mb(argv: list[str], env: dict | None = None) -> tuple[float, int, str]:
    """Run a command with its own memory accounting (os.wait4): wall seconds, peak RSS in MB, stdout."""
    import tempfile

    started = time.perf_counter()
    with tempfile.TemporaryFile() as errors:
        proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=errors, cwd=ROOT, env=env or os.environ.copy())
        out = proc.stdout.read()
        _, status, usage = os.wait4(proc.pid, 0)
        errors.seek(0)
        err = errors.read()
    proc.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - started
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(map(str, argv))} failed ({proc.returncode}): {err.decode(errors='replace')[-2000:]}")
    return seconds, usage.ru_maxrss // 1024, out.decode()


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
