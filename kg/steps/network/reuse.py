"""The network's XML (GraphML, GEXF) written from the last build's file where its elements are unchanged.

At 1,000 documents network.graphml and network.gexf are ≈ 140 MB each (every edge carries its evidence sentences)
and making each node's and edge's element with networkx's writer and serialising it was most of the time a
one-change rebuild spent on the network.  A build that keeps a cache records, per file (out/.cache/network.graphml.json,
network.gexf.json), where each element of the file it wrote is, under a key made of what fixes the element's bytes:
the element's own data (id, attributes and their values, in order), its place where that matters (GEXF numbers its
edges), its indentation and whether it is the last of its parent, and a digest of everything written before the
elements (the key and attribute declarations that name the attributes), networkx's version and the code's
fingerprint.  The next build copies an element with the same key from the file in place (os.copy_file_range) while
that file carries the size, modification time and inode recorded for it and the element's bytes there still have
the CRC-32 recorded with it (a file edited in place with its times restored is not trusted), and makes the others;
the bytes are those of a fresh write (tests/test_network.py).  The record itself carries its SHA-256
(kg.build.kept): a damaged record is logged and the file written whole.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import pickle
import zlib
from pathlib import Path

from kg.build.kept import crc32_range, read_kept, write_kept

log = logging.getLogger(__name__)

FORMAT = 2


def _stamp(path: Path) -> list:
    found = os.stat(path)
    return [found.st_size, found.st_mtime_ns, found.st_ino]


def _code() -> str:
    import networkx

    from kg.build.cache import code_fingerprint

    return f"{FORMAT} {code_fingerprint()} networkx {networkx.__version__}"


class Reuse:
    """Where the elements of the last file of this name are, and where those of the file being written go."""

    def __init__(self, memo: Path | None, target: Path):
        from kg.build.outputs import final_path

        self.memo, self.target = memo, Path(target)
        self.previous: dict = {}
        self.found: dict = {}
        self.salt = b""
        self._source = None
        self._size = 0  # of the last file, whose copied ranges are checked against their CRC-32
        self._warned = False
        self._pending: list | None = None  # [offset, length] of the previous file waiting to be copied
        if memo is None:
            return
        final = final_path(self.target)
        payload = read_kept(Path(memo))  # checked: a damaged record is logged and the file written whole
        try:
            record = json.loads(payload) if payload is not None else {}
            if record.get("code") == _code() and record.get("file") == _stamp(final):
                self.previous, self._salt = record["elements"], record["salt"]
                self._source = os.open(final, os.O_RDONLY)
                self._size = os.fstat(self._source).st_size
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            self._close_source()
            self.previous = {}

    def start(self, header: bytes) -> None:
        """Everything written before the elements: elements of a file with another header are not reused."""
        self.salt = hashlib.blake2b(header, digest_size=16).hexdigest().encode()
        if self.previous and getattr(self, "_salt", None) != self.salt.decode():
            self.previous = {}

    def key(self, *material) -> str:
        """The key of an element made from *material* (strings, numbers, booleans and tuples of them)."""
        h = hashlib.blake2b(self.salt, digest_size=16)
        h.update(pickle.dumps(material, protocol=4))
        return h.hexdigest()

    def copy(self, handle, key: str) -> bool:
        """Append the element of *key* from the last file (merged with the copy before it when they touch), when its
        bytes there still have the CRC-32 recorded when they were written."""
        where = self.previous.get(key) if self._source is not None else None
        if where is None or len(where) != 3 or not self._intact(where):
            return False
        at = self._tell(handle)
        if self._pending is not None and self._pending[0] + self._pending[1] == where[0]:
            self._pending[1] += where[1]
        else:
            self.flush(handle)
            self._pending = [where[0], where[1]]
        self.found[key] = [at, where[1], where[2]]
        return True

    def _intact(self, where: list) -> bool:
        """Whether the last file's bytes at *where* ([offset, length, CRC-32]) are those recorded (a file changed in
        place with its size, modification time and inode kept is not copied from)."""
        offset, length, crc = where
        if crc32_range(self._source, offset, length, self._size) == crc:
            return True
        if not self._warned:
            log.warning("%s: an element of the last file does not match its checksum; it is made again", self.target.name)
            self._warned = True
        return False

    def _tell(self, handle) -> int:
        return handle.tell() + (self._pending[1] if self._pending is not None else 0)

    def flush(self, handle) -> None:
        """Copy what is waiting (call before writing anything else)."""
        if self._pending is not None:
            from kg.build.nquads import copy_range

            offset, length = self._pending
            self._pending = None
            copy_range(self._source, handle, offset, length)

    def made(self, key: str, start: int, data: bytes) -> None:
        """Record an element just written at *start* (its bytes *data*)."""
        self.found[key] = [start, len(data), zlib.crc32(data)]

    def _close_source(self) -> None:
        if self._source is not None:
            os.close(self._source)
            self._source = None

    def close(self, written: Path | None) -> None:
        """Stop reading the last file; remember where the elements of the file *written* are (None: it was not)."""
        self._close_source()
        if self.memo is None or written is None:
            return
        from kg.core.errors import InputError

        record = {"code": _code(), "file": _stamp(written), "salt": self.salt.decode(), "elements": self.found}
        try:
            write_kept(Path(self.memo), json.dumps(record, sort_keys=True).encode("ascii"))
        except (OSError, InputError) as exc:
            log.info("%s: not written (%s); the next build writes the file whole", self.memo, exc)
