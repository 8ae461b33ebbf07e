"""Extract many documents: in parallel, on a cluster, or from a cache of per-document parts.

A worker (this process, a pool process or a dask node) segments and extracts one document and returns its
part of the corpus (kg.build.merge.DocPart: its graph as sorted N-Triples and Turtle, its shared lines, and what
the build steps took from it).  The parts are written to the cache folder (out/.cache/KEY.nt, .ttl, .part, .extras)
and only the light part stays in memory, so `--jobs 1`, `--jobs N`, dask and a cached rebuild give identical
bytes and memory does not grow with the text of the corpus.

The cache itself (kg.build.cache) is keyed by what shapes a part and checked when read.
Pool workers die with the build: they ignore Ctrl-C (the build stops them), ask Linux to kill them when the
build process dies (PR_SET_PDEATHSIG), and are terminated when the build is interrupted.
"""

from __future__ import annotations

import gc
import logging
import os
import signal
import sys
import threading
from concurrent.futures import ProcessPoolExecutor, as_completed
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Sequence

from kg.build.cache import document_cache_key, load_part, part_fingerprint, prune_cache, store_part
from kg.build.merge import add_turtle, split_part
from kg.build.result import ExtractionStats
from kg.build.steps import BuildStep
from kg.core.errors import InputError
from kg.core.files import ensure_dir
from kg.extract.ingest import Document, complete
from kg.extract.to_ntriples import document_ntriples
from kg.extract.to_rdf import document_graph, document_iri

EXECUTORS = ("local", "dask")
YOUNG_OBJECTS = 100_000  # a settled worker's first-generation threshold: a document leaves few reference cycles, and
# collecting every 700 new containers walked its indexes and records again and again (≈ 5 % of its CPU)
LARGE_GRAPH = 200_000  # triples: above this a document's graph is freed at once, not at the next garbage collection

log = logging.getLogger(__name__)

_worker = threading.local()


def _extractor(min_confidence: float | None = None):
    """The extraction pipeline of this process (or thread), loaded on first use."""
    if getattr(_worker, "extractor", None) is None or _worker.extractor.min_confidence != min_confidence:
        from kg.extract.document import Extractor

        _worker.extractor = Extractor(min_confidence=min_confidence)
    return _worker.extractor


def process_document(doc: Document, steps: Sequence[BuildStep] = (), min_confidence: float | None = None):
    """Extract one document and return its part of the corpus (runs in a worker)."""
    doc = complete(doc)
    extraction = _extractor(min_confidence).extract(doc)
    nt, refs = document_ntriples(doc, extraction)  # no rdflib graph unless a step asks for one (DocumentView.graph)
    part = split_part(document_iri(doc), nt, refs, steps, turtle=False, make_graph=lambda: document_graph(doc, extraction),
                      records=(doc, extraction))
    if part.own_triples > LARGE_GRAPH:
        gc.collect()  # a step's rdflib graph is a reference cycle: free a huge one before its Turtle is made
    add_turtle(part)
    part.paragraphs, part.title, part.symbols = len(doc.paragraphs), doc.title, tuple(doc.symbols)
    _settle(doc.lang)
    return part


def _settle(lang: str) -> None:
    """Once a language's pipeline and data are loaded they live as long as the extraction: keep the garbage
    collector from walking them again for every document (30% of a document's time went to those walks).
    Only where freezing is allowed: a pool worker, or this process while extract_parts runs in it."""
    if not getattr(_worker, "may_freeze", False):
        return
    settled = _worker.__dict__.setdefault("settled", set())
    if lang not in settled:
        settled.add(lang)
        gc.collect()
        gc.freeze()
        _worker.__dict__.setdefault("thresholds", gc.get_threshold())
        gc.set_threshold(YOUNG_OBJECTS, *gc.get_threshold()[1:])


@contextmanager
def _frozen_while_extracting():
    """Allow _settle to freeze this process during an in-process extraction, and unfreeze it afterwards, so
    the caller's objects are collected again (left alone when the caller had frozen objects itself)."""
    if gc.get_freeze_count():
        yield
        return
    _worker.may_freeze, _worker.settled = True, set()
    try:
        yield
    finally:
        _worker.may_freeze, _worker.settled = False, set()
        gc.unfreeze()
        thresholds = _worker.__dict__.pop("thresholds", None)
        if thresholds is not None:
            gc.set_threshold(*thresholds)


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
    _worker.may_freeze = True  # a worker process of the build's own: what its pipeline loads may be frozen
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
    manager = getattr(pool, "_executor_manager_thread", None)
    calls = getattr(pool, "_call_queue", None)
    results = getattr(pool, "_result_queue", None)  # taken before shutdown forgets it
    if calls is not None:
        calls.cancel_join_thread()  # a document half-written to a worker that is terminated must not block the exit
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        if process.is_alive():
            process.terminate()
    for process in processes:
        process.join(5)
        if process.is_alive():
            process.kill()
            process.join(5)
    writer = getattr(results, "_writer", None)
    if writer is not None and not any(process.is_alive() for process in processes):
        # this process never writes results: with the workers gone, closing its copy of the pipe's end makes a part
        # half-sent by a terminated worker end in EOF for the manager thread, not in a read that never returns
        # (which kept a terminated build from exiting: the interpreter's exit joins that thread)
        writer.close()
    if manager is not None:
        manager.join(10)  # its wakeup pipe is closed before exit: the interpreter's exit hook then never writes to it


def _extract_local(docs: list[Document], jobs: int, steps: tuple, done, min_confidence: float | None = None) -> None:
    """Extract on this machine: in this process (jobs 1) or a pool that loads the pipeline once per worker."""
    workers = worker_count(jobs, len(docs))
    if workers <= 1:
        with _frozen_while_extracting():
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
    progress: Callable[[int], object] | None = None,
    steps: Sequence[BuildStep] = (),
    min_confidence: float | None = None,
) -> tuple[list, ExtractionStats]:
    """Every document's part of the corpus, its N-Triples in *spool*, extracting only what is not there.

    With *cache*, *spool* is the cache folder: parts found there (same content, name, language and code)
    are reused, and files of documents no longer in the corpus are deleted.
    progress, when given, is called with the number of documents to extract and may return a bar (update(1) per
    document, close() at the end), or None.
    """
    check_options(jobs, executor, scheduler)
    stats = ExtractionStats()
    steps = tuple(steps)
    code = part_fingerprint(steps)
    fingerprint = code + ("" if min_confidence is None else f"|min-confidence={min_confidence}")
    ensure_dir(spool)
    parts: dict[str, object] = {}
    todo: list[Document] = []
    for doc in docs:
        key = stats.keys[doc.key] = document_cache_key(doc, fingerprint)
        part = load_part(spool, key, code, doc.name) if cache else None
        if part is None:
            todo.append(doc)
        else:
            parts[doc.key] = part
            doc.text, doc.title, doc.symbols = "", part.title, list(part.symbols)  # no need to keep the text
    stats.cached, stats.extracted = len(docs) - len(todo), len(todo)
    bar = progress(len(todo)) if progress is not None and todo else None

    def done(doc: Document, part) -> None:
        parts[doc.key] = store_part(spool, stats.keys[doc.key], part, code)
        doc.text, doc.masked, doc.paragraphs = "", "", []  # extracted: only its name, hash and title are needed
        bar and bar.update(1)

    try:
        if executor == "dask" and todo:
            _extract_dask(todo, scheduler, steps, done, min_confidence)
        else:
            _extract_local(todo, jobs, steps, done, min_confidence)
    finally:
        bar and bar.close()
    if cache:
        stats.removed = prune_cache(spool, set(stats.keys.values()))
    return [parts[doc.key] for doc in docs], stats
