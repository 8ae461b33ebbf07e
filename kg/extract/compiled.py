"""The gazetteer's compiled tables (phrase automaton, tokenizer rules, word lists), cached on disk.

Building them reads every reference label, spaCy's tokenizer rules and jieba's dictionary: most of the
extractor's start-up.  They are kept in one file per language under the user's cache folder
($KG_CACHE_DIR, else $XDG_CACHE_HOME/unodc-kg, else ~/.cache/unodc-kg; the temporary folder without a home), keyed by a hash of everything they are
made from: the reference data and rules, the code that compiles them, and the versions of Python, spaCy,
pyahocorasick and jieba's dictionary.  A file is never trusted blindly: it starts with its format, its key and
the SHA-256 of its pickle; a file that does not check out (other key, damaged, unreadable) is logged and
rebuilt, and a cache folder that cannot be written only costs the build on the next start.
"""

from __future__ import annotations

import hashlib
import importlib.util
import logging
import os
import pickle
import sys
import tempfile
from pathlib import Path

from kg.core.errors import InputError
from kg.core.files import write_bytes
from kg.core.resources import data_dir, ontology_dir

FORMAT = b"kg-gazetteer 1"
# code that shapes the tables: the linker and what it calls to read and normalise labels
SOURCES = ("kg/extract/link.py", "kg/extract/nlp.py", "kg/extract/tokens.py", "kg/extract/phrases.py", "kg/extract/words.py",
           "kg/extract/compiled.py", "kg/extract/names_zh.py",
           "kg/core/reference.py", "kg/core/namespaces.py", "kg/core/resources.py")

KEEP = 8  # keyed copies of each table kept (other checkouts, branches, versions)

log = logging.getLogger(__name__)


def cache_dir() -> Path:
    """Folder of the cached tables."""
    if os.environ.get("KG_CACHE_DIR"):
        return Path(os.environ["KG_CACHE_DIR"])
    home = os.path.expanduser("~")
    if os.environ.get("XDG_CACHE_HOME") or home != "~":
        return Path(os.environ.get("XDG_CACHE_HOME") or os.path.join(home, ".cache")) / "unodc-kg"
    return Path(tempfile.gettempdir()) / f"unodc-kg-{os.getuid() if hasattr(os, 'getuid') else 'user'}"


def _package_file(module: str, name: str) -> Path | None:
    """A file beside a package's __init__ (found without importing the package)."""
    spec = importlib.util.find_spec(module)
    if spec is None or not spec.origin:
        return None
    return Path(spec.origin).parent / name


def source_key(lang: str) -> str:
    """Hash of everything the tables of *lang* are built from."""
    import kg

    root = Path(kg.__file__).resolve().parent.parent
    h = hashlib.sha256(FORMAT + b"\0" + lang.encode() + b"\0" + repr(sys.version_info[:2]).encode())
    files = [root / s for s in SOURCES] + sorted(data_dir().glob("*.csv")) + [ontology_dir() / "rules.toml",
                                                                              ontology_dir() / "zh-traditional.toml"]
    for path in files:
        h.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    for module, name in (("spacy", "about.py"), ("ahocorasick", None), ("jieba", "dict.txt")):
        path = _package_file(module, name) if name else (Path(importlib.util.find_spec(module).origin)
                                                           if importlib.util.find_spec(module) else None)
        if path is not None and path.exists():
            stat = path.stat()
            h.update(f"{module}\0{path}\0{stat.st_size}\0{stat.st_mtime_ns}\0".encode())
            if name == "about.py":
                h.update(path.read_bytes())
    return h.hexdigest()


def _read(path: Path, key: str):
    """The cached object at *path* if it is intact and made from the same sources, else None."""
    try:
        if hasattr(os, "getuid") and path.stat().st_uid != os.getuid():  # never unpickle another user's file
            log.warning("%s: gazetteer cache owned by another user; not read", path)
            return None
        data = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        log.warning("%s: unreadable gazetteer cache (%s); rebuilding it", path, exc.strerror)
        return None
    head, _, rest = data.partition(b"\n")
    stored_key, _, rest = rest.partition(b"\n")
    digest, _, payload = rest.partition(b"\n")
    if head != FORMAT or stored_key != key.encode():
        log.info("%s: gazetteer cache made from other sources; rebuilding it", path)
        return None
    if hashlib.sha256(payload).hexdigest().encode() != digest:
        log.warning("%s: damaged gazetteer cache (checksum); rebuilding it", path)
        return None
    try:
        return pickle.loads(payload)
    except Exception as exc:  # a payload that passes its checksum yet fails to load: rebuilt, never used
        log.warning("%s: gazetteer cache does not load (%s); rebuilding it", path, exc)
        return None


def cached(name: str, lang: str, build):
    """The tables *name* of *lang*: read from the cache when intact and current, else built (and cached).

    The current tables are NAME-LANG.pickle; a copy keyed by the sources (NAME-LANG.KEY.pickle, the last KEEP of
    them) lets checkouts or branches with other sources share the folder without rebuilding each other's."""
    key = source_key(lang)
    path = cache_dir() / f"{name}-{lang}.pickle"
    found = _read(path, key)
    if found is not None:
        return found
    keyed = path.with_name(f"{name}-{lang}.{key[:16]}.pickle")
    found = _read(keyed, key) if keyed.exists() else None
    if found is not None:
        _write(path, keyed.read_bytes())
        return found
    value = build()
    payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    blob = FORMAT + b"\n" + key.encode() + b"\n" + hashlib.sha256(payload).hexdigest().encode() + b"\n" + payload
    _write(path, blob)
    _write(keyed, blob)
    _prune(path.parent, f"{name}-{lang}.")
    return value


def _write(path: Path, blob: bytes) -> None:
    try:
        write_bytes(path, blob)
    except (OSError, InputError) as exc:
        log.warning("%s: gazetteer cache not written (%s)", path, exc)


def _prune(folder: Path, prefix: str) -> None:
    """Remove the keyed copies of *prefix* but the KEEP most recent."""
    try:
        copies = sorted(folder.glob(f"{prefix}*.pickle"), key=lambda p: p.stat().st_mtime_ns, reverse=True)
        for old in copies[KEEP:]:
            old.unlink()
    except OSError as exc:  # a copy removed meanwhile, a folder not ours: kept, tried again next time
        log.info("%s: old gazetteer caches not removed (%s)", folder, exc.strerror)
