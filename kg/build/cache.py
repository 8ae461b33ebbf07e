"""The cache of per-document parts (out/.cache/KEY.nt, .ttl, .part, .extras) and the fingerprint it is keyed by.

The cache is never trusted blindly: a `.part` file starts with one header line, its format version, the fingerprint
of the code that made it and the SHA-256 and length of its pickle (kg.build.kept.sealed, the header of every file
the build keeps), and the part records the size and SHA-256 of its `.nt`, `.ttl` and
`.extras` files and the size, modification time and inode each had when written; all are checked when the part
is read (a file whose stamp is not the recorded one is hashed again, so a file written since, copied or
restored is read whole), and a damaged entry is logged and its document extracted again.  Hashing every cached
file at every rebuild read the whole corpus's N-Triples and Turtle (2.8 GB at 1,000 documents) when one
document had changed.

A part's fingerprint covers only what shapes a document's part: the extraction layers (kg/core, kg/rdf,
kg/extract), the build code that cuts a graph into a part, the ontology and reference data, and the code of
the build steps' map_document.  Editing the site, the endpoint or the command line re-extracts nothing.
"""

from __future__ import annotations

import hashlib
import importlib
import logging
import os
import pickle
import sys
from functools import lru_cache
from pathlib import Path

from kg.build.kept import Unsealed, sealed, unseal
from kg.core.files import write_bytes
from kg.extract.ingest import Document

CACHE_DIR = ".cache"
CACHE_SUFFIX = ".nt"
PART_SUFFIX = ".part"
TURTLE_SUFFIX = ".ttl"
EXTRAS_SUFFIX = ".extras"
CACHE_FORMAT = b"kg-part 4"  # opens the header line of a .part file (kg.build.kept.sealed); change it when DocPart or the cache layout changes
EXTRACTION_PACKAGES = ("core", "rdf", "extract")  # kg's sub-packages whose code shapes a document's graph
PART_MODULES = ("merge", "executors", "cache")  # kg/build modules that cut a graph into a part

log = logging.getLogger(__name__)


def _files(root: Path) -> list[Path]:
    """The files under *root* (or *root* itself), without compiled Python."""
    if root.is_file():
        return [root]
    return sorted(p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc")


def _hash_files(h, files: list[Path]) -> None:
    for path in files:
        h.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """Hash of everything that decides a build's outputs: kg's version, code and templates, ontology, rules and
    reference data (the whole build's up-to-date check; the cache of parts uses part_fingerprint).

    Computed once per process, near when the code was imported: it stands for the code that runs.
    """
    import kg

    from kg.core.resources import ontology_dir

    h = hashlib.sha256(f"kg {kg.__version__}\n".encode())
    files = []
    for root in (Path(kg.__file__).resolve().parent, ontology_dir()):
        files += _files(root)
    _hash_files(h, files)
    return h.hexdigest()


def _module_file(name: str) -> Path:
    """The source file of module *name*."""
    module = sys.modules.get(name) or importlib.import_module(name)
    return Path(module.__file__).resolve()


def part_sources(steps: tuple = ()) -> list[Path]:
    """The files whose content shapes a document's cached part: the extraction code, the build code that cuts
    a graph into a part, the ontology and reference data, and the modules each step names (BuildStep.code)."""
    import kg

    from kg.core.resources import ontology_dir

    package = Path(kg.__file__).resolve().parent
    files = [f for sub in EXTRACTION_PACKAGES for f in _files(package / sub)]
    files += [package / "build" / f"{name}.py" for name in PART_MODULES]
    files += _files(ontology_dir())
    files += [_module_file(name) for step in steps for name in step.code()]
    return list(dict.fromkeys(files))


@lru_cache(maxsize=8)
def part_fingerprint(steps: tuple = ()) -> str:
    """Hash of what shapes a document's cached part (part_sources), with kg's version and the steps' names."""
    import kg

    h = hashlib.sha256(f"kg {kg.__version__}\n".encode())
    h.update("".join(f"step {step.name}\0" for step in steps).encode())
    _hash_files(h, part_sources(steps))
    return h.hexdigest()


def document_cache_key(doc: Document, fingerprint: str) -> str:
    """Cache key of a document's graph: its content hash, name, language and the code fingerprint."""
    return hashlib.sha256("\x1f".join((doc.sha256, doc.name, doc.lang, fingerprint)).encode()).hexdigest()


def _digest(data: bytes) -> list:
    return [len(data), hashlib.sha256(data).hexdigest()]


def _pack_extras(part) -> bytes:
    """The part's extras as one blob, one pickle per step; their places go to part.extras_at."""
    blobs, at = [], 0
    for step in sorted(part.extras):
        blob = pickle.dumps(part.extras[step], protocol=pickle.HIGHEST_PROTOCOL)
        part.extras_at[step] = (at, len(blob))
        blobs.append(blob)
        at += len(blob)
    return b"".join(blobs)


def store_part(folder: Path, key: str, part, fingerprint: str):
    """Write a fresh part's N-Triples, Turtle, extras and description to *folder*, each with its checksum;
    keep only the light part in memory."""
    nt, part.nt = part.nt, None
    ttl, part.ttl = part.ttl, None
    part.path = folder / (key + CACHE_SUFFIX)
    part.ttl_path = folder / (key + TURTLE_SUFFIX)
    extras = _pack_extras(part)
    part.extras, part.extras_path = {}, folder / (key + EXTRAS_SUFFIX)
    part.checks = {CACHE_SUFFIX: _digest(nt), TURTLE_SUFFIX: _digest(ttl), EXTRAS_SUFFIX: _digest(extras)}
    for suffix, path, data in ((CACHE_SUFFIX, part.path, nt), (TURTLE_SUFFIX, part.ttl_path, ttl),
                               (EXTRAS_SUFFIX, part.extras_path, extras)):
        write_bytes(path, data)
        part.checks[suffix].append(_stamp(path))
    payload = pickle.dumps(part, protocol=pickle.HIGHEST_PROTOCOL)
    write_bytes(folder / (key + PART_SUFFIX), sealed(payload, CACHE_FORMAT, fingerprint.encode()))  # last: a .part names complete files
    return part


class DamagedCache(Exception):
    """A cache entry that exists but cannot be trusted (its message says why)."""


def _read_part(path: Path, fingerprint: str):
    """The DocPart pickled in a .part file, after checking its format, fingerprint and checksum."""
    try:
        (written_by,), payload = unseal(path.read_bytes(), CACHE_FORMAT, 1)
    except Unsealed as exc:
        raise DamagedCache(str(exc)) from None
    if written_by.decode("ascii", "replace") != fingerprint:
        raise DamagedCache("written by other code")
    try:
        return pickle.loads(payload)
    except Exception as exc:  # a checksummed pickle that does not load: a class changed without a format bump
        raise DamagedCache(f"cannot be read ({type(exc).__name__})") from None


def _stamp(path: Path) -> list:
    """Size, modification time (ns) and inode of a file: it was not written since when they are the same."""
    found = os.stat(path)
    return [found.st_size, found.st_mtime_ns, found.st_ino]


def _check_files(part, files: dict) -> None:
    """Raise DamagedCache unless each of the part's files is there with its recorded size and SHA-256 (read
    only when its size, modification time or inode is not the one recorded when it was written)."""
    checks = getattr(part, "checks", None) or {}
    for suffix, file in files.items():
        if suffix not in checks:
            raise DamagedCache(f"no checksum of {file.name}")
        size, digest, *stamp = checks[suffix]
        if not file.is_file():
            raise DamagedCache(f"{file.name} is missing")
        if stamp and stamp[0] == _stamp(file):
            continue
        data = file.read_bytes()
        if len(data) != size or hashlib.sha256(data).hexdigest() != digest:
            raise DamagedCache(f"{file.name} is {'empty' if not data else 'truncated or garbled'}")


def load_part(folder: Path, key: str, fingerprint: str, name: str = ""):
    """A cached part whose files are all there and match their checksums, else None (a damaged one is logged)."""
    path = folder / (key + PART_SUFFIX)
    if not path.is_file():
        return None
    files = {suffix: folder / (key + suffix) for suffix in (CACHE_SUFFIX, TURTLE_SUFFIX, EXTRAS_SUFFIX)}
    try:
        part = _read_part(path, fingerprint)
        _check_files(part, files)
    except DamagedCache as exc:
        log.warning("%s: damaged cache entry %s (%s); extracting the document again", folder, key[:16] + (f" of {name}" if name else ""), exc)
        return None
    except OSError as exc:
        log.warning("%s: unreadable cache entry %s (%s); extracting the document again", folder, key[:16], exc.strerror)
        return None
    part.path, part.ttl_path, part.extras_path = files[CACHE_SUFFIX], files[TURTLE_SUFFIX], files[EXTRAS_SUFFIX]
    return part


def prune_cache(cache_dir: Path, keep: set[str]) -> int:
    """Delete cached graphs of documents that are no longer in the corpus; return how many."""
    removed = 0
    for path in sorted(p for suffix in (CACHE_SUFFIX, PART_SUFFIX, TURTLE_SUFFIX, EXTRAS_SUFFIX) for p in cache_dir.glob("*" + suffix)):
        if path.name.split(".")[0] not in keep:
            try:
                os.unlink(path)
                removed += path.suffix == CACHE_SUFFIX
            except FileNotFoundError:
                pass
    return removed
