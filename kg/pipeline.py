"""Extract many documents: in parallel, on a cluster, or from a cache of per-document parts.

A worker (this process, a pool process or a dask node) segments and extracts one document and returns its
part of the corpus (kg.corpus.DocPart: its graph as sorted N-Triples and Turtle, its shared lines, and what
the build steps took from it).  The parts are written to the cache folder (out/.cache/KEY.nt, .ttl, .part, .extras)
and only the light part stays in memory, so `--jobs 1`, `--jobs N`, dask and a cached rebuild give identical
bytes and memory does not grow with the text of the corpus.
"""

from __future__ import annotations

import gc
import hashlib
import json
import os
import pickle
import sys
import threading
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from rdflib import Graph, URIRef

from .errors import InputError
from .files import ensure_dir, write_bytes
from .ingest import Document, collect_paths

CACHE_DIR = ".cache"
CACHE_SUFFIX = ".nt"
PART_SUFFIX = ".part"
TURTLE_SUFFIX = ".ttl"
EXTRAS_SUFFIX = ".extras"
MANIFEST = "build.json"
EXECUTORS = ("local", "dask")

_worker = threading.local()


@dataclass
class ExtractionStats:
    """How many documents were extracted and how many came from the cache."""

    extracted: int = 0
    cached: int = 0
    removed: int = 0
    keys: dict = field(default_factory=dict)
    up_to_date: bool = False


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """Hash of what decides a build's output: kg's version, code and templates, ontology, rules and reference data.

    Computed once per process, near when the code was imported: it stands for the code that runs.
    """
    import kg

    from .resources import ontology_dir

    h = hashlib.sha256(f"kg {kg.__version__}\n".encode())
    files = []
    for root in (Path(kg.__file__).resolve().parent, ontology_dir()):
        files += sorted(p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc")
    for path in files:
        h.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()


def document_cache_key(doc: Document, fingerprint: str) -> str:
    """Cache key of a document's graph: its content hash, name, language and the code fingerprint."""
    return hashlib.sha256("\x1f".join((doc.sha256, doc.name, doc.lang, fingerprint)).encode()).hexdigest()


def _extractor(min_confidence: float | None = None):
    """The extraction pipeline of this process (or thread), loaded on first use."""
    if getattr(_worker, "extractor", None) is None or _worker.extractor.min_confidence != min_confidence:
        from .extract import Extractor

        _worker.extractor = Extractor(min_confidence=min_confidence)
    return _worker.extractor


def graph_ntriples(graph: Graph) -> bytes:
    """Sorted N-Triples of a graph."""
    text = graph.serialize(format="nt", encoding="utf-8")
    lines = sorted(set(line for line in text.split(b"\n") if line.strip()))
    return b"".join(line + b"\n" for line in lines)


def process_document(doc: Document, steps: tuple[str, ...] = (), min_confidence: float | None = None):
    """Extract one document and return its part of the corpus (runs in a worker)."""
    from .corpus import make_part
    from .graph import document_graph, document_iri
    from .ingest import complete

    doc = complete(doc)
    part = make_part(document_iri(doc), document_graph(doc, _extractor(min_confidence).extract(doc)), list(steps))
    part.paragraphs, part.title, part.symbols = len(doc.paragraphs), doc.title, tuple(doc.symbols)
    settled = _worker.__dict__.setdefault("settled", set())
    if doc.lang not in settled:  # this language's pipeline and data are loaded now and live as long as the process:
        settled.add(doc.lang)  # keep the garbage collector from walking them again for every document
        gc.collect()  # (30% of a document's time went to those walks)
        gc.freeze()
    return part


def parse_ntriples(data: bytes) -> Graph:
    """Read N-Triples into an rdflib graph (pyoxigraph's parser: about 10× rdflib's)."""
    import pyoxigraph as ox

    from .query import from_oxigraph

    g = Graph()
    iris: dict = {}

    def convert(term):
        if isinstance(term, ox.NamedNode):
            found = iris.get(term.value)
            if found is None:
                found = iris[term.value] = URIRef(term.value)
            return found
        return from_oxigraph(term)

    g.addN((convert(t.subject), convert(t.predicate), convert(t.object), g) for t in ox.parse(data, format=ox.RdfFormat.N_TRIPLES))
    return g


def _progress(total: int, show: bool | None):
    """A progress bar on stderr when it is a terminal (or when asked), else None."""
    if show is None:
        show = sys.stderr.isatty() and total > 1
    if not show:
        return None
    from tqdm import tqdm

    return tqdm(total=total, unit="doc", desc="kg build: extract", file=sys.stderr, leave=False)


def _extract_local(docs: list[Document], jobs: int, steps: tuple, done, min_confidence: float | None = None) -> None:
    """Extract on this machine: in this process (jobs 1) or a pool that loads the pipeline once per worker."""
    if jobs <= 1 or len(docs) <= 1:
        for doc in docs:
            done(doc, process_document(doc, steps, min_confidence))
        return
    with ProcessPoolExecutor(max_workers=min(jobs, len(docs))) as pool:
        futures = {pool.submit(process_document, doc, steps, min_confidence): doc for doc in docs}
        for future in as_completed(futures):
            done(futures[future], future.result())


def _extract_dask(docs: list[Document], scheduler: str | None, steps: tuple, done,
                  min_confidence: float | None = None) -> None:
    """Extract on a dask.distributed cluster; each worker loads the pipeline once and returns the part."""
    try:
        from distributed import Client, as_completed as dask_completed
    except ImportError:
        raise InputError("--executor dask needs dask.distributed: pip install 'unodc-kg[dask]'") from None
    if not scheduler:
        raise InputError("--executor dask needs --scheduler ADDRESS (e.g. tcp://host:8786)")
    try:
        client = Client(scheduler, timeout="10s")
    except (OSError, TimeoutError) as exc:
        raise InputError(f"{scheduler}: cannot reach the dask scheduler ({exc})") from None
    try:
        futures = client.map(process_document, docs, steps=steps, min_confidence=min_confidence, key=[f"kg-extract-{d.key}" for d in docs], pure=False)
        by_key = {f.key: d for f, d in zip(futures, docs)}
        for future in dask_completed(futures):
            done(by_key[future.key], future.result())
    finally:
        client.close()


def check_options(jobs: int, executor: str, scheduler: str | None) -> None:
    """Reject impossible extraction options with a one-line error."""
    if executor not in EXECUTORS:
        raise InputError(f"unknown executor {executor!r} (choose from {', '.join(EXECUTORS)})")
    if jobs < 1:
        raise InputError(f"--jobs must be at least 1, not {jobs}")
    if executor == "dask" and not scheduler:
        raise InputError("--executor dask needs --scheduler ADDRESS (e.g. tcp://host:8786)")


def extract_parts(
    docs: list[Document],
    spool: Path,
    jobs: int = 1,
    cache: bool = True,
    executor: str = "local",
    scheduler: str | None = None,
    progress: bool | None = None,
    steps: tuple[str, ...] = (),
    min_confidence: float | None = None,
) -> tuple[list, ExtractionStats]:
    """Every document's part of the corpus, its N-Triples in *spool*, extracting only what is not there.

    With *cache*, *spool* is the cache folder: parts found there (same content, name, language and code)
    are reused, and files of documents no longer in the corpus are deleted.
    """
    check_options(jobs, executor, scheduler)
    stats = ExtractionStats()
    fingerprint = code_fingerprint() + ("" if min_confidence is None else f"|min-confidence={min_confidence}")
    ensure_dir(spool)
    parts: dict[str, object] = {}
    todo: list[Document] = []
    for doc in docs:
        key = stats.keys[doc.key] = document_cache_key(doc, fingerprint)
        part = _load_part(spool, key) if cache else None
        if part is None:
            todo.append(doc)
        else:
            parts[doc.key] = part
            doc.text, doc.title, doc.symbols = "", part.title, list(part.symbols)  # no need to keep the text
    stats.cached, stats.extracted = len(docs) - len(todo), len(todo)
    bar = _progress(len(todo), progress)

    def done(doc: Document, part) -> None:
        parts[doc.key] = _store_part(spool, stats.keys[doc.key], part)
        doc.text, doc.masked, doc.paragraphs = "", "", []  # extracted: only its name, hash and title are needed
        bar and bar.update(1)

    try:
        if executor == "dask" and todo:
            _extract_dask(todo, scheduler, tuple(steps), done, min_confidence)
        else:
            _extract_local(todo, jobs, tuple(steps), done, min_confidence)
    finally:
        bar and bar.close()
    if cache:
        stats.removed = prune_cache(spool, set(stats.keys.values()))
    return [parts[doc.key] for doc in docs], stats


def _store_part(folder: Path, key: str, part):
    """Write a fresh part's N-Triples and description to *folder*; keep only the light part in memory."""
    nt, part.nt = part.nt, None
    ttl, part.ttl = part.ttl, None
    part.path = folder / (key + CACHE_SUFFIX)
    part.ttl_path = folder / (key + TURTLE_SUFFIX)
    write_bytes(part.path, nt)
    write_bytes(part.ttl_path, ttl)
    blobs, at = [], 0
    for step in sorted(part.extras):
        blob = pickle.dumps(part.extras[step], protocol=pickle.HIGHEST_PROTOCOL)
        part.extras_at[step] = (at, len(blob))
        blobs.append(blob)
        at += len(blob)
    part.extras, part.extras_path = {}, folder / (key + EXTRAS_SUFFIX)
    write_bytes(part.extras_path, b"".join(blobs))
    write_bytes(folder / (key + PART_SUFFIX), pickle.dumps(part, protocol=pickle.HIGHEST_PROTOCOL))
    return part


def _load_part(folder: Path, key: str):
    """A cached part whose N-Triples are still there, else None.  (The cache is this build's own output folder.)"""
    nt = folder / (key + CACHE_SUFFIX)
    try:
        with open(folder / (key + PART_SUFFIX), "rb") as handle:
            part = pickle.load(handle)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
        return None
    ttl, extras = folder / (key + TURTLE_SUFFIX), folder / (key + EXTRAS_SUFFIX)
    needed = max((start + length for start, length in part.extras_at.values()), default=0)
    if not nt.is_file() or nt.stat().st_size < part.own[1] or not ttl.is_file() or not extras.is_file() or extras.stat().st_size < needed:
        return None
    part.path, part.ttl_path, part.extras_path = nt, ttl, extras
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


def input_manifest(paths: list[Path], lang: str | None, steps: list[str]) -> dict:
    """What a build's outputs depend on: document names and hashes, options, code, environment."""
    seen: dict[str, str] = {}
    for path in collect_paths(paths):
        try:
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
        except OSError as exc:
            raise InputError(f"{path}: cannot read ({exc.strerror})") from None
        seen.setdefault(digest, path.name)  # identical contents are built once, as read_documents does
    return {
        "fingerprint": code_fingerprint(),
        "lang": lang,
        "steps": list(steps),
        "source_date_epoch": os.environ.get("SOURCE_DATE_EPOCH", "").strip(),
        "documents": sorted([name, digest] for digest, name in seen.items()),
    }


def _stamp(path: Path) -> list | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return [st.st_size, st.st_mtime_ns]


def record_build(result, inputs: dict) -> Path:
    """Remember the inputs and outputs of a finished build in out_dir/.cache/build.json."""
    out_dir = Path(result.out_dir)
    record = {
        "inputs": inputs,
        "triples": result.triples,
        "paragraphs": result.paragraphs,
        "conforms": result.conforms,
        "documents": [
            {"name": d.name, "lang": d.lang, "sha256": d.sha256, "title": d.title, "symbols": d.symbols} for d in result.documents
        ],
        "outputs": [[str(p), _stamp(Path(p))] for p in result.outputs],
    }
    return write_bytes(out_dir / CACHE_DIR / MANIFEST, json.dumps(record, ensure_ascii=False, indent=1).encode("utf-8"))


def up_to_date(out_dir: Path, inputs: dict):
    """The previous BuildResult when inputs and code are unchanged and its outputs untouched, else None.

    Its documents are light: name, language, hash, title and symbols, without text or paragraphs.
    """
    from .build import BuildResult

    try:
        record = json.loads((out_dir / CACHE_DIR / MANIFEST).read_text("utf-8"))
    except (OSError, ValueError):
        return None
    if record.get("inputs") != inputs:
        return None
    outputs = [Path(p) for p, stamp in record["outputs"] if _stamp(Path(p)) == stamp]
    if len(outputs) != len(record["outputs"]) or not outputs:
        return None
    docs = [Document(name=d["name"], text="", lang=d["lang"], sha256=d["sha256"], title=d["title"], symbols=d["symbols"]) for d in record["documents"]]
    return BuildResult(out_dir=out_dir, documents=docs, triples=record["triples"], outputs=outputs, conforms=record["conforms"],
                       paragraphs=record.get("paragraphs", 0))
