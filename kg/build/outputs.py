"""The output folder of a build as one set: a lock, a staging folder, a manifest, a commit in a fixed order.

A build holds an exclusive `flock` on DIR/.kg-build.lock for its whole run (the OS releases it when the
process dies, so a killed build leaves no stale lock).  It writes every output into DIR/.kg-staging/, then
the manifest DIR/.kg-staging/build.json (names, sizes and SHA-256 of the outputs; once it exists the staged
set is complete), then moves the outputs into DIR one by one, the manifest last, with fsync of the files
and of the folder.  A build killed while moving leaves a complete staged set that the next build moves
into place before it does anything else; a reader (`kg export`, `publish`, `push`, `query`, `serve`) that
meets a file disagreeing with DIR/build.json refuses it with one line instead of reading a mixed set.
"""

from __future__ import annotations

import errno
import fcntl
import hashlib
import json
import logging
import os
import re
import shutil
import signal
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from kg.core.errors import InputError
from kg.core.files import fsync_dir

log = logging.getLogger(__name__)

MANIFEST = "build.json"
STAGING = ".kg-staging"
LOCK = ".kg-build.lock"
# temporary files of kg.core.files.atomic_open left by a killed run: ".NAME.XXXXXXXX.tmp" (NAME one of our outputs)
_OUTPUT_TMP = re.compile(r"^\.(kg\.ttl|kg\.nq|void\.ttl|provenance\.ttl|validation\.(txt|ttl)|network\.\w+|build\.json)\.\w{8}\.tmp$")
_CACHE_TMP = re.compile(r"^\.([0-9a-f]{64}\.(nt|ttl|part|extras)|network(\.graphml|\.gexf)?\.json|network\.png\.last|languages\.json)\.\w{8}\.tmp$")
_SPOOL = re.compile(r"^\.spool-\w{8}$")


class BuildLocked(InputError):
    """Another build holds the output folder."""


def sha256_file(path: Path) -> str:
    """SHA-256 of a file's bytes, read in blocks."""
    h = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


_HASHING: dict = {}  # str(path) -> (size, mtime, inode) when hash_soon began, the thread, and its result


def _stamp(path: Path) -> tuple:
    found = os.stat(path)
    return found.st_size, found.st_mtime_ns, found.st_ino


def hash_soon(path: Path) -> None:
    """Begin the SHA-256 of an output just written in a background thread, while the build goes on (hashlib and
    reads release the GIL: a second core hashes kg.nq while the next steps run); describe_outputs takes it."""
    path = Path(path)
    try:
        stamp = _stamp(path)
    except OSError:
        return
    result: dict = {}

    def run() -> None:
        try:
            result["sha256"] = sha256_file(path)
        except OSError:
            pass

    thread = threading.Thread(target=run, name="kg-hash", daemon=True)
    _HASHING[str(path)] = (stamp, thread, result)
    thread.start()


def forget_hashes() -> None:
    """Wait for the hashes hash_soon began and forget them (at the end of every build, finished or not: a later
    build of this process never takes a hash of an earlier one)."""
    while _HASHING:
        _HASHING.popitem()[1][1].join()


def output_sha256(path: Path) -> str:
    """SHA-256 of an output: the one hash_soon computed when the file still has the size, modification time and
    inode it had then, else read now."""
    path = Path(path)
    found = _HASHING.pop(str(path), None)
    if found is not None:
        stamp, thread, result = found
        thread.join()
        try:
            if "sha256" in result and _stamp(path) == stamp:
                return result["sha256"]
        except OSError:
            pass
    return sha256_file(path)


def _holder(lock_path: Path) -> str:
    try:
        pid = lock_path.read_text("ascii").strip()
    except (OSError, UnicodeDecodeError):
        pid = ""
    return f"pid {pid}" if pid.isdigit() else "another process"


@contextmanager
def build_lock(out_dir: Path, wait: bool = False) -> Iterator[Path]:
    """Hold the exclusive lock of *out_dir* (DIR/.kg-build.lock) for the block.

    When another process holds it: fail at once with a one-line error naming it, or (wait=True) block until it ends.
    """
    lock_path = Path(out_dir) / LOCK
    try:
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise InputError(f"{lock_path}: cannot create the build lock ({exc.strerror})") from None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            if exc.errno not in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
                raise InputError(f"{lock_path}: cannot lock ({exc.strerror})") from None
            if not wait:
                raise BuildLocked(f"{out_dir}: another kg build ({_holder(lock_path)}) is writing this folder; "
                                  "wait for it or use --wait") from None
            log.warning("%s: waiting for another kg build (%s)", out_dir, _holder(lock_path))
            fcntl.flock(fd, fcntl.LOCK_EX)
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode("ascii"), 0)
        yield lock_path
    finally:
        os.close(fd)  # releases the lock; the file stays (removing it would race with a waiting build)


def remove_leftovers(out_dir: Path, cache_dir: Path | None = None) -> int:
    """Delete temporary files and spool folders that killed runs left in *out_dir* (ours only, by name); return how many."""
    removed = 0
    for folder, pattern in ((Path(out_dir), _OUTPUT_TMP), (cache_dir, _CACHE_TMP)):
        if folder is None or not folder.is_dir():
            continue
        for path in sorted(folder.iterdir()):
            if pattern.match(path.name) and path.is_file():
                path.unlink(missing_ok=True)
                removed += 1
            elif folder == Path(out_dir) and _SPOOL.match(path.name) and path.is_dir():
                shutil.rmtree(path, ignore_errors=True)
                removed += 1
    if removed:
        log.warning("%s: removed %d temporary file(s) of an interrupted build", out_dir, removed)
    return removed


def staging_dir(out_dir: Path) -> Path:
    """An empty staging folder inside *out_dir* (call under the lock, after recover)."""
    folder = Path(out_dir) / STAGING
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    return folder


def final_path(path: Path) -> Path:
    """Where a file written into the staging folder will be once the set is committed."""
    path = Path(path)
    return path.parent.parent / path.name if path.parent.name == STAGING else path


def discard_staging(out_dir: Path) -> None:
    """Remove the staging folder of an unfinished build."""
    shutil.rmtree(Path(out_dir) / STAGING, ignore_errors=True)


def describe_outputs(paths: list[Path]) -> list[dict]:
    """Name, size and SHA-256 of each output (the manifest's record of the set)."""
    return [{"name": Path(p).name, "bytes": Path(p).stat().st_size, "sha256": output_sha256(Path(p))} for p in paths]


def read_manifest(folder: Path) -> dict | None:
    """DIR/build.json, or None when it is missing or unreadable."""
    try:
        record = json.loads((Path(folder) / MANIFEST).read_text("utf-8"))
    except (OSError, ValueError):
        return None
    return record if isinstance(record, dict) else None


def commit(staging: Path, out_dir: Path, names: list[str]) -> None:
    """Move the staged outputs into *out_dir* in the given order, then the manifest, durably.

    SIGINT and SIGTERM wait until the moves are done (they take milliseconds), so only SIGKILL or a power cut
    can split them; the next build finishes the moves (recover)."""
    blocked = {signal.SIGINT, signal.SIGTERM}
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, blocked)
    try:
        for name in names:
            os.replace(staging / name, out_dir / name)
        fsync_dir(out_dir)
        os.replace(staging / MANIFEST, out_dir / MANIFEST)
        fsync_dir(out_dir)
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)
    shutil.rmtree(staging, ignore_errors=True)


def recover(out_dir: Path) -> str | None:
    """Finish or discard what a killed build left (call under the lock): a staged set with its manifest is moved
    into place (the build had finished writing it); anything else staged is discarded.  Returns what was done."""
    out_dir = Path(out_dir)
    staging = out_dir / STAGING
    if not staging.is_dir():
        return None
    record = read_manifest(staging)
    entries = record.get("outputs") if record else None
    if isinstance(entries, list) and all(isinstance(e, dict) and "name" in e for e in entries):
        pending = []
        for entry in entries:
            name = entry["name"]
            if (staging / name).is_file() and sha256_file(staging / name) == entry.get("sha256"):
                pending.append(name)
            elif not ((out_dir / name).is_file() and sha256_file(out_dir / name) == entry.get("sha256")):
                break  # neither staged nor moved: the staged set is not usable
        else:
            commit(staging, out_dir, pending)
            log.warning("%s: finished moving the outputs of an interrupted build into place", out_dir)
            return "finished"
    discard_staging(out_dir)
    log.info("%s: discarded the staged outputs of an interrupted build", out_dir)
    return "discarded"


def check_consistent(path: Path) -> Path:
    """Refuse an output file when its folder does not hold the set DIR/build.json records (a build interrupted
    or running): the file's hash, the other outputs' sizes, no staged set half moved into place.

    A file with no build.json beside it, or not listed there, is not a build output and passes."""
    path = Path(path)
    record = read_manifest(path.parent)
    if record is None:
        return path
    entries = [e for e in record.get("outputs", []) if isinstance(e, dict) and "name" in e]
    entry = next((e for e in entries if e["name"] == path.name), None)
    if entry is None:
        return path
    bad = None
    if (path.parent / STAGING / MANIFEST).exists():
        bad = path.parent / STAGING
    else:
        for other in [entry] + entries:
            try:
                if (path.parent / other["name"]).stat().st_size != other.get("bytes"):
                    bad = path.parent / other["name"]
                    break
            except OSError:
                bad = path.parent / other["name"]
                break
        else:
            if sha256_file(path) != entry.get("sha256"):
                bad = path
    if bad is not None:
        raise InputError(f"{bad}: does not match {path.parent / MANIFEST} (a kg build was interrupted or is running); "
                         "run kg build again")
    return path
