"""Extract many documents: in parallel, on a cluster, or from a cache of per-document parts.

A worker (this process, a pool process or a dask node) segments and extracts one document and returns its
part of the corpus (kg.build.merge.DocPart: its graph as sorted N-Triples and Turtle, its shared lines, and what
the build steps took from it).  The parts are written to the cache folder (out/.cache/KEY.nt, .ttl, .part, .extras)
and only the light part stays in memory, so `--jobs 1`, `--jobs N`, dask and a cached rebuild give identical
bytes and memory does not grow with the text of the corpus.

The cache is never trusted blindly: a `.part` file starts with its format version, the code fingerprint and
the SHA-256 of its pickle, and the part records the size and SHA-256 of its `.nt`, `.ttl` and `.extras` files;
all are checked when the part is read, and a damaged entry is logged and its document extracted again.
Pool workers die with the build: they ignore Ctrl-C (the build stops them), ask Linux to kill them when the
build process dies (PR_SET_PDEATHSIG), and are terminated when the build is interrupted.
"""

from __future__ import annotations

import gc
import hashlib
import json
import logging
import os
import pickle
import signal
import sys
import threading
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from kg.core.errors import InputError
from kg.core.files import ensure_dir, write_bytes
from kg.extract.ingest import Document, collect_paths

CACHE_DIR = ".cache"
CACHE_SUFFIX = ".nt"
PART_SUFFIX = ".part"
TURTLE_SUFFIX = ".ttl"
EXTRAS_SUFFIX = ".extras"
EXECUTORS = ("local", "dask")
LARGE_GRAPH = 200_000  # triples: above this a document's graph is freed at once, not at the next garbage collection
CACHE_FORMAT = b"kg-part 2"  # first line of a .part file; change it when DocPart or the cache layout changes

log = logging.getLogger(__name__)

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

    from kg.core.resources import ontology_dir

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
        from kg.extract.document import Extractor

        _worker.extractor = Extractor(min_confidence=min_confidence)
    return _worker.extractor


def process_document(doc: Document, steps: tuple[str, ...] = (), min_confidence: float | None = None):
    """Extract one document and return its part of the corpus (runs in a worker)."""
    from kg.build.merge import add_turtle, make_part
    from kg.extract.to_rdf import document_graph, document_iri
    from kg.extract.ingest import complete

    doc = complete(doc)
    part = make_part(document_iri(doc), document_graph(doc, _extractor(min_confidence).extract(doc)), list(steps), turtle=False)
    if part.own_triples > LARGE_GRAPH:
        gc.collect()  # an rdflib graph is a reference cycle: free a huge one before its Turtle is made
    add_turtle(part)
    part.paragraphs, part.title, part.symbols = len(doc.paragraphs), doc.title, tuple(doc.symbols)
    settled = _worker.__dict__.setdefault("settled", set())
    if doc.lang not in settled:  # this language's pipeline and data are loaded now and live as long as the process:
        settled.add(doc.lang)  # keep the garbage collector from walking them again for every document
        gc.collect()  # (30% of a document's time went to those walks)
        gc.freeze()
    return part


def _progress(total: int, show: bool | None):
    """A progress bar on stderr when it is a terminal (or when asked), else None."""
    if show is None:
        show = sys.stderr.isatty() and total > 1
    if not show:
        return None
    from tqdm import tqdm

    return tqdm(total=total, unit="doc", desc="kg build: extract", file=sys.stderr, leave=False)


def worker_count(jobs: int, documents: int) -> int:
    """Pool size for --jobs: at most the machine's cores and the documents to extract (a note is logged when capped)."""
    cores = os.cpu_count() or 1
    count = max(1, min(jobs, cores, documents))
    if count < jobs and documents > 1:
        log.info("--jobs %d: using %d process(es) (%d core(s), %d document(s) to extract)", jobs, count, cores, documents)
    return count


def _die_with_parent(parent: int) -> None:
    """Pool worker initializer: leave Ctrl-C to the build, and die when the build process dies."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if sys.platform.startswith("linux"):
        import ctypes

        try:
            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL, 0, 0, 0)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):  # pragma: no cover - no prctl: the watcher thread below still works
            pass
    if os.getppid() != parent:  # the build died before the request was made
        os._exit(1)
    threading.Thread(target=_watch_parent, args=(parent,), name="kg-parent-watch", daemon=True).start()


def _watch_parent(parent: int) -> None:
    """Where PR_SET_PDEATHSIG is missing: exit when the build process is gone."""
    import time

    while os.getppid() == parent:
        time.sleep(1.0)
    os._exit(1)


def _stop_pool(pool: ProcessPoolExecutor) -> None:
    """Cancel what has not started and terminate the workers (the build is interrupted or failed)."""
    processes = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        if process.is_alive():
            process.terminate()
    for process in processes:
        process.join(5)
        if process.is_alive():
            process.kill()


def _extract_local(docs: list[Document], jobs: int, steps: tuple, done, min_confidence: float | None = None) -> None:
    """Extract on this machine: in this process (jobs 1) or a pool that loads the pipeline once per worker."""
    workers = worker_count(jobs, len(docs))
    if workers <= 1:
        for doc in docs:
            done(doc, process_document(doc, steps, min_confidence))
        return
    pool = ProcessPoolExecutor(max_workers=workers, initializer=_die_with_parent, initargs=(os.getpid(),))
    try:
        futures = {pool.submit(process_document, doc, steps, min_confidence): doc for doc in docs}
        for future in as_completed(futures):
            done(futures[future], future.result())
    except BaseException:
        _stop_pool(pool)
        raise
    pool.shutdown(wait=True)


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
        part = _load_part(spool, key, doc.name) if cache else None
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


def _digest(data: bytes) -> list:
    return [len(data), hashlib.sha256(data).hexdigest()]


def _store_part(folder: Path, key: str, part):
    """Write a fresh part's N-Triples, Turtle, extras and description to *folder*, each with its checksum;
    keep only the light part in memory."""
    nt, part.nt = part.nt, None
    ttl, part.ttl = part.ttl, None
    part.path = folder / (key + CACHE_SUFFIX)
    part.ttl_path = folder / (key + TURTLE_SUFFIX)
    blobs, at = [], 0
    for step in sorted(part.extras):
        blob = pickle.dumps(part.extras[step], protocol=pickle.HIGHEST_PROTOCOL)
        part.extras_at[step] = (at, len(blob))
        blobs.append(blob)
        at += len(blob)
    extras = b"".join(blobs)
    part.extras, part.extras_path = {}, folder / (key + EXTRAS_SUFFIX)
    part.checks = {CACHE_SUFFIX: _digest(nt), TURTLE_SUFFIX: _digest(ttl), EXTRAS_SUFFIX: _digest(extras)}
    write_bytes(part.path, nt)
    write_bytes(part.ttl_path, ttl)
    write_bytes(part.extras_path, extras)
    payload = pickle.dumps(part, protocol=pickle.HIGHEST_PROTOCOL)
    header = b"\n".join((CACHE_FORMAT, code_fingerprint().encode(), hashlib.sha256(payload).hexdigest().encode())) + b"\n"
    write_bytes(folder / (key + PART_SUFFIX), header + payload)  # last: a .part names complete files
    return part


class DamagedCache(Exception):
    """A cache entry that exists but cannot be trusted (its message says why)."""


def _read_part(path: Path):
    """The DocPart pickled in a .part file, after checking its format, fingerprint and checksum."""
    data = path.read_bytes()
    fields = data.split(b"\n", 3)
    if len(fields) < 4 or fields[0] != CACHE_FORMAT:
        raise DamagedCache("not a cache entry of this version" if data else "empty")
    if fields[1].decode("ascii", "replace") != code_fingerprint():
        raise DamagedCache("written by other code")
    if hashlib.sha256(fields[3]).hexdigest().encode() != fields[2]:
        raise DamagedCache("checksum mismatch (truncated or garbled)")
    try:
        return pickle.loads(fields[3])
    except Exception as exc:  # a checksummed pickle that does not load: a class changed without a format bump
        raise DamagedCache(f"cannot be read ({type(exc).__name__})") from None


def _load_part(folder: Path, key: str, name: str = ""):
    """A cached part whose files are all there and match their checksums, else None (a damaged one is logged)."""
    path = folder / (key + PART_SUFFIX)
    if not path.is_file():
        return None
    files = {suffix: folder / (key + suffix) for suffix in (CACHE_SUFFIX, TURTLE_SUFFIX, EXTRAS_SUFFIX)}
    try:
        part = _read_part(path)
        checks = getattr(part, "checks", None) or {}
        for suffix, file in files.items():
            if suffix not in checks:
                raise DamagedCache(f"no checksum of {file.name}")
            size, digest = checks[suffix]
            if not file.is_file():
                raise DamagedCache(f"{file.name} is missing")
            data = file.read_bytes()
            if len(data) != size or hashlib.sha256(data).hexdigest() != digest:
                raise DamagedCache(f"{file.name} is {'empty' if not data else 'truncated or garbled'}")
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


def input_manifest(paths: list[Path], lang: str | None, steps: list[str], exclude: tuple[Path, ...] = ()) -> dict:
    """What a build's outputs depend on: document names and hashes, options, code, environment."""
    seen: dict[str, str] = {}
    for path in collect_paths(paths, exclude=exclude):
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


def build_record(result, inputs: dict | None) -> bytes:
    """The manifest of a finished build (DIR/build.json): its inputs, counts, documents and each output's
    name, size and SHA-256.  No paths or times: two builds of the same inputs write the same bytes."""
    from kg.build.outputs import describe_outputs

    record = {
        "inputs": inputs,
        "triples": result.triples,
        "paragraphs": result.paragraphs,
        "conforms": result.conforms,
        "documents": [
            {"name": d.name, "lang": d.lang, "sha256": d.sha256, "title": d.title, "symbols": d.symbols} for d in result.documents
        ],
        "outputs": describe_outputs(result.outputs),
    }
    return (json.dumps(record, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


STAMPS = "stamps.json"  # in the cache folder: size and mtime of the outputs as the last build left them


def _stamps(paths: list[Path]) -> list:
    stamps = []
    for path in paths:
        st = path.stat()
        stamps.append([path.name, st.st_size, st.st_mtime_ns, st.st_ino])
    return stamps


def record_stamps(out_dir: Path, names: list[str]) -> None:
    """Remember the committed outputs' (and build.json's) size, mtime and inode in the cache folder, so an
    unchanged rebuild need not hash them again (build.json keeps only names, sizes and hashes: byte-stable)."""
    from kg.build.outputs import MANIFEST

    paths = [Path(out_dir) / n for n in [*names, MANIFEST]]
    try:
        write_bytes(Path(out_dir) / CACHE_DIR / STAMPS, json.dumps(_stamps(paths)).encode("ascii"))
    except (OSError, InputError):
        pass  # only a shortcut: without it the next up-to-date check hashes the outputs


def up_to_date(out_dir: Path, inputs: dict):
    """The previous BuildResult when inputs and code are unchanged and its outputs match the manifest, else None.

    An output is unchanged when its size, mtime and inode are those the last build recorded in the cache,
    or else when its SHA-256 is the manifest's.
    Its documents are light: name, language, hash, title and symbols, without text or paragraphs.
    """
    from kg.build.run import BuildResult
    from kg.build.outputs import MANIFEST, read_manifest, sha256_file

    record = read_manifest(out_dir)
    if record is None or record.get("inputs") != inputs or not record.get("outputs"):
        return None
    outputs = [Path(out_dir) / entry["name"] for entry in record["outputs"]]
    try:
        stamped = json.loads((Path(out_dir) / CACHE_DIR / STAMPS).read_text("ascii"))
        quick = stamped == _stamps([*outputs, Path(out_dir) / MANIFEST])
    except (OSError, ValueError):
        quick = False
    if not quick:
        for entry, path in zip(record["outputs"], outputs):
            try:
                if path.stat().st_size != entry["bytes"] or sha256_file(path) != entry["sha256"]:
                    return None
            except OSError:
                return None
    docs = [Document(name=d["name"], text="", lang=d["lang"], sha256=d["sha256"], title=d["title"], symbols=d["symbols"]) for d in record["documents"]]
    return BuildResult(out_dir=out_dir, documents=docs, triples=record["triples"], outputs=outputs, conforms=record["conforms"],
                       paragraphs=record.get("paragraphs", 0))
