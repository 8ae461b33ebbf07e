"""kg.nq written graph by graph, reusing the bytes of the graphs the last build wrote the same way.

A document's named graph is its sorted shared lines and own lines with the graph name on each line.  Its bytes
are fixed by the document's N-Triples file (its size and SHA-256, checked whenever its cached part is read), the
byte range of its own lines, its shared lines after the corpus-wide label fix, and its name.  A build that keeps
a cache records, beside its parts (out/.cache/nquads.json), where each graph of the kg.nq it wrote starts and
ends under a key made of those, with the file's size, modification time and inode and the code's fingerprint.
The next build copies a graph with the same key from the kg.nq in place (os.copy_file_range: the kernel copies,
nothing passes through Python) when that file is still the one the record describes and the graph's bytes there
have the CRC-32 recorded with it (kg.build.kept.crc32_range: a file edited in place with its times restored is not
copied from; ≈ 1 s of the second core for 2 GB), and makes the others; a rebuild after one document changed writes
one graph and copies the rest.  The bytes are those of a fresh write.  The record carries its SHA-256
(kg.build.kept): a damaged one is logged and kg.nq written whole.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import threading
import zlib
from pathlib import Path

from kg.core.errors import InputError
from kg.build.kept import crc32_range, read_kept, write_kept
from kg.core.files import atomic_open
from kg.core.namespaces import ID

REFERENCE_GRAPH = f"{ID}graph/reference"  # the named graph of the reference data, last in kg.nq
INDEX = "nquads.json"
FORMAT = 2

log = logging.getLogger(__name__)


def _key(part, shared: list[bytes]) -> str | None:
    """What fixes the bytes of a document's graph (None: its N-Triples are not a checked cache file)."""
    check = (getattr(part, "checks", None) or {}).get(".nt")
    if check is None or part.path is None or part.nt is not None:
        return None
    h = hashlib.sha256(f"{FORMAT}\x1f{part.iri}\x1f{check[0]}\x1f{check[1]}\x1f{part.own[0]}\x1f{part.own[1]}\x1f".encode())
    for line in shared:
        h.update(line)
    return h.hexdigest()


def _stamp(path: Path) -> list:
    found = os.stat(path)
    return [found.st_size, found.st_mtime_ns, found.st_ino]


def _code() -> str:
    from kg.build.cache import code_fingerprint

    return code_fingerprint()


def _previous(corpus, final: Path) -> dict:
    """{key: (offset, length, lines)} of the graphs of the kg.nq at *final*, when the record describes that file."""
    cache = getattr(corpus, "cache_dir", None)
    if cache is None:
        return {}
    payload = read_kept(Path(cache) / INDEX)  # checked: a damaged index is logged and kg.nq written whole
    try:
        record = json.loads(payload) if payload is not None else {}
        if record.get("format") != FORMAT or record.get("code") != _code() or record.get("file") != _stamp(final):
            return {}
        return {key: tuple(where) for key, where in record["graphs"].items() if len(where) == 4}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}


class _Previous:
    """The last kg.nq, mapped, whose graphs are copied only when their bytes have the CRC-32 recorded with them."""

    def __init__(self, final: Path, index: dict):
        self.index, self.fd, self.size, self.warned = index, None, 0, False
        if index:
            self.fd = os.open(final, os.O_RDONLY)
            self.size = os.fstat(self.fd).st_size

    def find(self, key: str | None, count: int, path: Path) -> tuple | None:
        """(offset, length) of the graph of *key* with *count* lines in the last kg.nq, if its bytes are intact."""
        where = self.index.get(key) if key is not None and self.fd is not None else None
        if where is None or where[2] != count:
            return None
        if crc32_range(self.fd, where[0], where[1], self.size) == where[3]:
            return where[0], where[1]
        if not self.warned:
            log.warning("%s: a graph of the last kg.nq does not match its checksum; it is written anew", path)
            self.warned = True
        return None

    def close(self) -> None:
        if self.fd is not None:
            os.close(self.fd)
            self.fd = None


def copy_range(source: int, target, offset: int, length: int) -> None:
    """Append source[offset:offset+length] to the binary file *target*, in the kernel."""
    target.flush()
    at = target.tell()
    done = 0
    try:
        while done < length:
            copied = os.copy_file_range(source, target.fileno(), length - done, offset + done, at + done)
            if copied <= 0:
                raise OSError("copy_file_range copied nothing")
            done += copied
    except OSError:  # another file system, or a kernel without it: through this process, a piece at a time
        target.seek(at + done)
        while done < length:
            piece = os.pread(source, min(1 << 24, length - done), offset + done)
            if not piece:
                raise InputError(f"{target.name}: a file read back is shorter than recorded; run kg build again") from None
            target.write(piece)
            done += len(piece)
    target.seek(at + length)


WRITER_STEP = "kg.steps.describe:corpus_step"  # the build step that writes kg.nq (kg.steps.describe)
_EARLY: dict = {}  # str(path) -> the thread writing that kg.nq early (one build per staging folder), and its result


def write_early(corpus, path: Path) -> None:
    """Begin writing kg.nq in a background thread as soon as the corpus is merged, while the steps before the one
    that writes it run (copying the unchanged graphs happens in the kernel, without the GIL: on a second core);
    write_nquads of the same corpus and path then waits for it.  wait_early ends it."""
    result: dict = {}

    def run() -> None:
        try:
            result["path"] = _write_nquads(corpus, Path(path))
        except BaseException as exc:  # handed to write_nquads in the build's thread
            result["error"] = exc

    thread = threading.Thread(target=run, name="kg-nquads", daemon=True)
    _EARLY[str(path)] = (thread, result)
    thread.start()


def wait_early(path: Path) -> None:
    """Wait for an early write of *path* that no step took (a build that failed, or whose steps did not write kg.nq),
    and forget it; its error, if any, is logged."""
    early = _EARLY.pop(str(path), None)
    if early is None:
        return
    thread, result = early
    thread.join()
    if "error" in result:
        log.warning("%s: the early write failed (%s)", path, result["error"])


def write_nquads(corpus, path: Path) -> Path:
    """Write every named graph as N-Quads, graph by graph in name order, each sorted; a graph whose lines
    differ in number from what the corpus counted (a cache file changed under the build) is an error.
    When write_early began it, wait for that write."""
    early = _EARLY.pop(str(path), None)
    if early is None:
        return _write_nquads(corpus, Path(path))
    thread, result = early
    thread.join()
    if "error" in result:
        raise result["error"]
    return result["path"]


def _write_nquads(corpus, path: Path) -> Path:
    from kg.build.outputs import final_path, hash_soon

    final = final_path(Path(path))
    try:
        previous = _Previous(final, _previous(corpus, final) if hasattr(os, "copy_file_range") else {})
    except OSError:
        previous = _Previous(final, {})
    graphs: dict = {}
    try:
        with atomic_open(path, "wb") as handle:
            for part in corpus.parts:
                shared = corpus.part_shared(part)
                count = part.own_triples + len(shared)
                key = _key(part, shared)
                at = handle.tell()
                old = previous.find(key, count, path)
                if old is not None:
                    copy_range(previous.fd, handle, old[0], old[1])
                    crc = previous.index[key][3]
                else:
                    crc = _write_graph(handle, part.iri, _chunk(part, shared), count, path)
                if key is not None:
                    graphs[key] = (at, handle.tell() - at, count, crc)
            _write_graph(handle, REFERENCE_GRAPH, b"".join(corpus.reference_lines), len(corpus.reference_lines), path)
    finally:
        previous.close()
    _remember(corpus, path, graphs)
    hash_soon(path)
    return Path(path)


def _chunk(part, shared: list[bytes]) -> bytes:
    import bisect

    cut = bisect.bisect_left(shared, b"<" + part.iri.encode())
    return b"".join(shared[:cut]) + part.own_bytes() + b"".join(shared[cut:])


def _write_graph(handle, name: str, chunk: bytes, count: int, path: Path) -> int:
    """Write one graph's quads; return their CRC-32 (what the next build checks before copying them)."""
    lines = chunk.count(b"\n")
    if lines != count:
        raise InputError(f"{path}: graph {name} has {lines} triples, not the {count} counted; "
                         "a cache file changed during the build; run kg build again")
    data = chunk.replace(b" .\n", f" <{name}> .\n".encode())
    handle.write(data)
    return zlib.crc32(data)


def _remember(corpus, path: Path, graphs: dict) -> None:
    """Record where each graph of the kg.nq just written is (a shortcut for the next build only)."""
    cache = getattr(corpus, "cache_dir", None)
    if cache is None:
        return
    record = {"format": FORMAT, "code": _code(), "file": _stamp(path), "graphs": graphs}
    try:
        write_kept(Path(cache) / INDEX, json.dumps(record, sort_keys=True).encode("ascii"))
    except (OSError, InputError) as exc:
        log.info("%s: not written (%s); the next build writes kg.nq whole", Path(cache) / INDEX, exc)
