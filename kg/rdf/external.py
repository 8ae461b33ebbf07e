"""Sorting more lines than fit in memory: sorted runs in temporary files, merged (an external merge sort).

`sorted_unique(lines)` yields the distinct byte lines of any iterable in byte order while holding at most
`chunk` of them: each full chunk is sorted, made unique and written to a run file in a private temporary
folder, and the runs are merged with heapq.merge.  Lines end with b"\\n" and contain no other newline (one
N-Triples or N-Quads statement, or a record made of such text).  The folder is removed when the iteration
ends, fails or is abandoned (close the generator, or let it be collected).
"""

from __future__ import annotations

import heapq
import os
import shutil
import tempfile
from pathlib import Path
from typing import Iterable, Iterator

from kg.core.errors import InputError

CHUNK = 250_000  # lines sorted in memory at a time: ~60-100 MB of N-Quads lines and their list


def sorted_unique(lines: Iterable[bytes], chunk: int | None = None, folder: Path | None = None) -> Iterator[bytes]:
    """The distinct *lines* in byte order, holding at most *chunk* (default CHUNK) of them in memory (runs spill
    to disk, in a new folder under *folder*, default the system's temporary folder)."""
    chunk = chunk or CHUNK
    batch: list[bytes] = []
    runs: list[Path] = []
    work = None
    try:
        for line in lines:
            batch.append(line)
            if len(batch) >= chunk:
                if work is None:
                    work = _make_folder(folder)
                runs.append(_write_run(batch, work / f"run-{len(runs):05d}"))
                batch = []
        if not runs:  # everything fitted in memory
            yield from _unique(sorted(batch))
            return
        if batch:
            runs.append(_write_run(batch, work / f"run-{len(runs):05d}"))
            batch = []
        yield from _merge(runs)
    finally:
        if work is not None:
            shutil.rmtree(work, ignore_errors=True)


def _make_folder(parent: Path | None) -> Path:
    try:
        return Path(tempfile.mkdtemp(prefix="kg-sort-", dir=parent))
    except OSError as exc:
        raise InputError(f"{parent or tempfile.gettempdir()}: cannot create a temporary folder ({exc.strerror})") from None


def _write_run(batch: list[bytes], path: Path) -> Path:
    batch.sort()
    try:
        with open(path, "wb") as handle:
            handle.writelines(_unique(batch))
    except OSError as exc:
        raise InputError(f"{path.parent}: cannot write a temporary sort file ({exc.strerror})") from None
    return path


def _unique(ordered: Iterable[bytes]) -> Iterator[bytes]:
    last = None
    for line in ordered:
        if line != last:
            yield line
            last = line


def _merge(runs: list[Path]) -> Iterator[bytes]:
    handles = [open(path, "rb", buffering=1 << 20) for path in runs]
    try:
        yield from _unique(heapq.merge(*handles))
    finally:
        for handle in handles:
            handle.close()
            try:
                os.unlink(handle.name)
            except OSError:
                pass
