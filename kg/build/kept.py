"""Files a build keeps in its cache folder between builds (out/.cache/network.json, nquads.json, …), checked on read.

A kept file is one header line, `kg-kept 1 SHA256 LENGTH` (of the payload), then the payload.  `read_kept` gives the
payload only when the header is there and both match; otherwise it logs one line that names the file and what is
wrong, and gives None: the caller computes again what the file held and writes it anew.  A truncated, garbled or
half-written cache file is never used, whatever its syntax (a digit changed in valid JSON included).  `write_kept`
writes through a temporary file and a rename (kg.core.files.write_bytes), so a build killed while writing leaves
the old file or the new one.
"""

from __future__ import annotations

import hashlib
import logging
import mmap
import zlib
from pathlib import Path

from kg.core.files import write_bytes

MAGIC = b"kg-kept 1"
log = logging.getLogger(__name__)


class Damaged(Exception):
    """Checked bytes that cannot be trusted (its message says why)."""


def kept_bytes(payload: bytes, magic: bytes = MAGIC) -> bytes:
    """The bytes of a kept file holding *payload*: the header line `MAGIC SHA256 LENGTH`, then the payload (the
    cache of parts uses the same form with its own magic, kg.build.cache)."""
    return b"%s %s %d\n" % (magic, hashlib.sha256(payload).hexdigest().encode("ascii"), len(payload)) + payload


def unpack_kept(data: bytes, magic: bytes = MAGIC) -> bytes:
    """The payload of *data* made by kept_bytes with *magic*; Damaged when the header is not there or its SHA-256
    or length is not the payload's."""
    head, found, payload = data.partition(b"\n")
    fields = head.split(b" ")
    if not found or len(fields) != len(magic.split(b" ")) + 2 or b" ".join(fields[:-2]) != magic:
        raise Damaged("no checksum line: not a cache file of this version, or damaged")
    if fields[-1] != str(len(payload)).encode("ascii") or hashlib.sha256(payload).hexdigest().encode("ascii") != fields[-2]:
        raise Damaged("checksum mismatch: truncated or garbled")
    return payload


def write_kept(path: Path, payload: bytes) -> Path:
    """Write *payload* to the kept file *path* (header and payload, atomically)."""
    return write_bytes(Path(path), kept_bytes(payload))


def read_kept(path: Path) -> bytes | None:
    """The payload of the kept file *path*, or None (missing, or logged: unreadable, not a kept file, damaged)."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        log.warning("%s: not reused (%s); computed again", path, exc.strerror or exc)
        return None
    try:
        return unpack_kept(data)
    except Damaged as exc:
        log.warning("%s: not reused (%s); computed again", path, exc)
        return None


CRC_WINDOW = 1 << 26  # bytes of a file mapped at a time by crc32_range (64 MB: what the process holds of it at most)


def crc32_range(fd: int, offset: int, length: int, size: int) -> int | None:
    """CRC-32 of the *length* bytes at *offset* of the open file *fd* of *size* bytes (None: past its end), read
    through a memory map a window at a time and unmapped after it (the bytes are not copied into the process, and
    the pages of a 2 GB kg.nq are not all held by it at once)."""
    if offset < 0 or length < 0 or offset + length > size:
        return None
    crc, at, end = 0, offset, offset + length
    while at < end:
        start = at - at % mmap.ALLOCATIONGRANULARITY
        stop = min(end, at + CRC_WINDOW)
        with mmap.mmap(fd, stop - start, access=mmap.ACCESS_READ, offset=start) as window:
            with memoryview(window) as view:
                crc = zlib.crc32(view[at - start:stop - start], crc)
        at = stop
    return crc
