"""Files a build keeps in its cache folder between builds (out/.cache/network.json, nquads.json, …), checked on read.

A kept file is one header line, `kg-kept 1 SHA256 LENGTH` (of the payload), then the payload.  `read_kept` gives the
payload only when the header is there and both match; otherwise it logs one line that names the file and what is
wrong, and gives None: the caller computes again what the file held and writes it anew.  A truncated, garbled or
half-written cache file is never used, whatever its syntax (a digit changed in valid JSON included).  `write_kept`
writes through a temporary file and a rename (kg.core.files.write_bytes), so a build killed while writing leaves
the old file or the new one.

`sealed` and `unseal` make and check that header line for any format: a document's .part file in the cache
(kg.build.cache) is `kg-part N FINGERPRINT SHA256 LENGTH` and its pickle, checked by the same code.
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


class Unsealed(ValueError):
    """Bytes whose header line is missing, of another format or version, or does not match the payload."""


def sealed(payload: bytes, magic: bytes = MAGIC, *fields: bytes) -> bytes:
    """*payload* after the header line `MAGIC FIELD… SHA256 LENGTH` (fields without spaces or line breaks)."""
    head = b" ".join((magic, *fields, hashlib.sha256(payload).hexdigest().encode("ascii"), b"%d" % len(payload)))
    return head + b"\n" + payload


def unseal(data: bytes, magic: bytes = MAGIC, count: int = 0) -> tuple[list[bytes], bytes]:
    """(the *count* fields, the payload) of bytes made by `sealed`; Unsealed (its message says why) unless the
    header line is there with *magic* and *count* fields, and the payload has its length and SHA-256."""
    head, found, payload = data.partition(b"\n")
    fields = head[len(magic) + 1:].split(b" ") if head.startswith(magic + b" ") else []
    if not found or len(fields) != count + 2:
        raise Unsealed("empty" if not data else "no checksum line: not a cache file of this version, or damaged")
    if fields[-1] != b"%d" % len(payload) or hashlib.sha256(payload).hexdigest().encode("ascii") != fields[-2]:
        raise Unsealed("checksum mismatch: truncated or garbled")
    return fields[:count], payload


def kept_bytes(payload: bytes) -> bytes:
    """The bytes of a kept file holding *payload*."""
    return sealed(payload)


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
        return unseal(data)[1]
    except Unsealed as exc:
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
