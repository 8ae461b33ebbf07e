"""A persistent embedded store (pyoxigraph on disk) holding the built graph for querying and serving.

`kg build --store oxigraph:DIR` loads the graph of the build, with the ontology and the reference
data, into the on-disk store at DIR (replacing what it held); `kg query`, `kg serve` and the
library's ``load_store`` open it read-only when ``--data`` names that folder, so a large corpus is
queried without parsing Turtle again.  Triples are in the store's default graph, as in out/kg.ttl.
"""

from __future__ import annotations

from pathlib import Path

from kg.core.errors import InputError

SCHEMES = ("oxigraph",)
MARKER = "kg-store"  # a file naming the folder as ours, so --store never wipes a folder it did not make


def parse_spec(spec: str) -> Path:
    """Read a --store value "oxigraph:DIR" into the store folder, checked before any work is done."""
    scheme, sep, location = spec.partition(":")
    if not sep or scheme not in SCHEMES or not location:
        raise InputError(f"--store {spec}: expected oxigraph:DIR")
    folder = Path(location)
    _check_writable(folder)
    return folder


def _check_writable(folder: Path) -> None:
    if folder.exists() and (not folder.is_dir() or (any(folder.iterdir()) and not is_store(folder))):
        raise InputError(f"{folder}: not empty and not a kg store; refusing to overwrite it")


def is_store(path: Path) -> bool:
    """True when *path* is a folder written by write_store."""
    return Path(path).is_dir() and (Path(path) / MARKER).is_file()


def write_store(folder: Path, graph_file: Path, extras: bytes) -> Path:
    """Replace the contents of the on-disk store at *folder* with *graph_file* (Turtle) and *extras* (N-Triples)."""
    import pyoxigraph as ox

    folder = Path(folder)
    _check_writable(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        store = ox.Store(str(folder))
        store.clear()
        store.bulk_load(path=str(graph_file), format=ox.RdfFormat.TURTLE)
        store.bulk_load(input=extras, format=ox.RdfFormat.N_TRIPLES)
        store.flush()
        store.optimize()
        del store
    except OSError as exc:
        raise InputError(f"{folder}: cannot write the store ({exc})") from None
    (folder / MARKER).write_text("pyoxigraph store written by kg build\n", encoding="utf-8")
    return folder


def open_store(folder: Path):
    """Open a store written by write_store, read-only."""
    import pyoxigraph as ox

    try:
        return ox.Store.read_only(str(folder))
    except OSError as exc:
        raise InputError(f"{folder}: cannot open the store ({exc})") from None
