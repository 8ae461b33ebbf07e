"""Atomic, durable file output: write to a temporary file beside the target, fsync it, rename, fsync the folder."""

from __future__ import annotations

import errno
import os
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from kg.core.errors import InputError

_FULL = {errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EFBIG}  # the disk refuses: one line, not a traceback


def ensure_dir(path: Path) -> Path:
    """Create an output directory, or fail with a one-line error."""
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(f"{path}: cannot create output directory ({exc.strerror})") from None
    if not os.access(path, os.W_OK):
        raise InputError(f"{path}: output directory is not writable")
    return path


@contextmanager
def atomic_open(path: Path, mode: str = "wb") -> Iterator:
    """Open a temporary file that replaces *path* only if the block succeeds."""
    path = Path(path)
    ensure_dir(path.parent)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise InputError(f"{path}: cannot write ({exc.strerror})") from None
    try:
        with os.fdopen(fd, mode, **({} if "b" in mode else {"encoding": "utf-8", "newline": "\n"})) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())  # the bytes are on disk before the name points at them
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
        fsync_dir(path.parent)
    except BaseException as exc:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        if isinstance(exc, OSError) and exc.errno in _FULL:
            raise InputError(f"{path}: cannot write ({exc.strerror})") from None
        raise


def fsync_dir(folder: Path) -> None:
    """Make a rename inside *folder* durable (where the OS allows opening a folder)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def write_bytes(path: Path, data: bytes) -> Path:
    """Write bytes atomically."""
    with atomic_open(path, "wb") as handle:
        handle.write(data)
    return Path(path)


def write_text(path: Path, text: str) -> Path:
    """Write UTF-8 text atomically."""
    return write_bytes(path, text.encode("utf-8"))


def why_missing(path: Path, absent: str = "no such file or directory") -> str:
    """Why *path* cannot be opened although it was named: a symbolic link loop, a dangling link, or absent."""
    try:
        os.stat(path)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "a symbolic link loop (the link points back to itself)"
        if os.path.islink(path):
            return f"a symbolic link to {os.readlink(path)}, which does not exist"
        if exc.errno in (errno.EACCES, errno.EPERM):
            return f"cannot be reached ({exc.strerror})"
    return absent
