"""The main job: read documents, extract, write the knowledge graph and check it.

The outputs are written as one set (kg.build.outputs): under a lock on the output folder, into a staging folder,
then moved into place with the manifest build.json last; the output folder is never read as input.
"""

from __future__ import annotations

import gc
import hashlib
import json
import logging
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Sequence

from kg.build import nquads
from kg.build.cache import CACHE_DIR, code_fingerprint
from kg.build.executors import YOUNG_OBJECTS, check_options, extract_parts
from kg.build.identity import link_editions
from kg.build.kept import read_kept, write_kept
from kg.build.manifest import build_record, input_manifest, record_stamps, up_to_date
from kg.build.merge import Corpus, write_turtle
from kg.build.outputs import (MANIFEST, build_lock, commit, discard_staging, forget_hashes, hash_soon, recover,
                              remove_leftovers, staging_dir)
from kg.build.result import BuildResult, ExtractionStats, verdict
from kg.build.steps import BuildStep
from kg.core.errors import InputError
from kg.core.files import ensure_dir, write_bytes
from kg.core.resources import corpus_dir
from kg.extract.ingest import Document, collect_paths, parse_document, read_document, source_document

DEFAULT_CORPUS = Path("corpus")
DEFAULT_OUT = Path("out")
LANGUAGES = "languages.json"  # in the cache folder: the language of each document read (file name, SHA-256 -> language)

log = logging.getLogger(__name__)


def default_corpus() -> Path:
    """The bundled sample corpus: ./corpus, else the one beside the installed package."""
    if DEFAULT_CORPUS.is_dir():
        return DEFAULT_CORPUS
    return corpus_dir()


def read_documents(paths: list[Path], lang: str | None = None, segmented: bool = True,
                   exclude: tuple[Path, ...] = (), languages: dict | None = None) -> list[Document]:
    """Read every document once; identical contents are kept once; nothing inside the *exclude* folders.

    segmented=False only decodes and names them (the extraction workers segment them; see ingest.complete).
    languages: {file name and SHA-256: language} of documents read before (when *lang* is None): their language is
    not detected again; the documents read are added to it."""
    docs: dict[str, Document] = {}
    for path in collect_paths(paths, report_skipped=True, exclude=exclude):
        doc = read_document(path, lang, segmented) if languages is None or lang else _read_known(path, segmented, languages)
        docs.setdefault(doc.key, doc)
    return sorted(docs.values(), key=lambda d: d.key)


def _read_known(path: Path, segmented: bool, languages: dict) -> Document:
    """read_document with the language remembered for this name and content (detected, then remembered, if none)."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})") from None
    key = f"{path.name}\x1f{hashlib.sha256(data).hexdigest()}"
    doc = (parse_document if segmented else source_document)(path.name, data, languages.get(key), origin=path)
    languages[key] = doc.lang
    return doc


def _languages(cache_dir: Path | None) -> dict | None:
    """The languages remembered in the cache folder (LANGUAGES) by this code (the detector is in its fingerprint),
    {} when none, None without a cache."""
    if cache_dir is None:
        return None
    payload = read_kept(cache_dir / LANGUAGES)  # checked: a damaged file is logged and the languages detected again
    try:
        record = json.loads(payload) if payload is not None else {}
        found = record["languages"] if record.get("code") == code_fingerprint() else {}
    except (ValueError, KeyError, TypeError, AttributeError):
        return {}
    return found if isinstance(found, dict) and all(isinstance(v, str) for v in found.values()) else {}


def _remember_languages(cache_dir: Path | None, languages: dict | None, before: dict | None, docs: list[Document]) -> None:
    """Keep the languages of this build's documents (only theirs) when they differ from what was kept."""
    if cache_dir is None or languages is None:
        return
    kept = {f"{d.name}\x1f{d.sha256}": d.lang for d in docs}
    kept = {k: v for k, v in kept.items() if languages.get(k) == v}
    if kept != before:
        try:
            record = {"code": code_fingerprint(), "languages": kept}
            write_kept(ensure_dir(cache_dir) / LANGUAGES, json.dumps(record, sort_keys=True).encode("utf-8"))
        except (OSError, InputError) as exc:
            log.info("%s: not written (%s)", cache_dir / LANGUAGES, exc)


def build(
    paths: list[Path] | None = None,
    out_dir: Path = DEFAULT_OUT,
    lang: str | None = None,
    *,
    jobs: int = 1,
    incremental: bool = True,
    executor: str = "local",
    scheduler: str | None = None,
    progress: Callable[[int], object] | None = None,
    stats: ExtractionStats | None = None,
    store: Path | None = None,
    min_confidence: float | None = None,
    wait: bool = False,
    edition_of: dict[str, str] | None = None,
    base_url: str | None = None,
    endpoint: str | None = None,
    steps: Sequence[BuildStep] = (),
) -> BuildResult:
    """Build out_dir/kg.ttl from the documents at *paths* (default: the bundled corpus).

    jobs: extraction processes on this machine; executor "dask" with scheduler ADDRESS: a cluster.
    incremental: keep per-document graphs in out_dir/.cache/ and re-extract only changed documents;
    when neither the documents nor the code changed and the outputs are intact, nothing is rebuilt.
    progress: makes a progress bar for N documents to extract (kg.build.executors.extract_parts), or None.
    stats, when given, is filled in with how many documents were extracted, cached or skipped.
    store: a folder for a persistent pyoxigraph store that receives the graph (kg.rdf.store).
    min_confidence: keep extracted relations from this calibrated confidence on (default: the threshold of
    ontology/relation-weights.toml).
    wait: when another build holds out_dir, wait for it instead of failing.
    edition_of: {file name: UN symbol}: documents to treat as language editions of that symbol (kg.build.identity).
    base_url, endpoint: where the dumps and the SPARQL endpoint are published, for void.ttl.
    steps: the corpus-wide steps to run after kg.ttl is written, in order (kg.steps.STANDARD: the network,
    the dataset description, validation and editions); without steps a build writes kg.ttl and build.json.
    result.conforms is the steps' verdict: False when one found the data failing, None when none checked it.
    """
    check_options(jobs, executor, scheduler)
    out_dir = Path(out_dir)
    ensure_dir(out_dir)
    with build_lock(out_dir, wait=wait):
        recover(out_dir)
        remove_leftovers(out_dir, out_dir / CACHE_DIR)
        result = _build_locked(paths or [default_corpus()], out_dir, lang, jobs, incremental, executor, scheduler,
                               progress, stats if stats is not None else ExtractionStats(), edition_of, min_confidence,
                               (base_url, endpoint), tuple(steps))
        if store is not None:
            result.outputs.append(_fill_store(store, out_dir / "kg.ttl"))
    return result


def _build_locked(paths, out_dir: Path, lang, jobs, incremental, executor, scheduler, progress, stats, edition_of,
                  min_confidence=None, publication=(None, None), steps: tuple = ()) -> BuildResult:
    exclude = (out_dir,)
    cache_dir = out_dir / CACHE_DIR if incremental else None
    after = [step.name for step in steps] + ([] if min_confidence is None else [f"min-confidence={min_confidence}"])
    inputs = input_manifest(paths, lang, after, exclude) if incremental else None
    if inputs is not None and edition_of:
        inputs["edition_of"] = sorted(edition_of.items())
    if inputs is not None and any(publication):
        inputs["publication"] = [value or "" for value in publication]
    if inputs is not None:
        previous = up_to_date(out_dir, inputs)
        if previous is not None:
            stats.cached = len(previous.documents)
            stats.up_to_date = True
            return previous
    languages = _languages(cache_dir)
    before = dict(languages) if languages is not None else None
    docs = read_documents(paths, lang, segmented=False, exclude=exclude, languages=languages)
    _remember_languages(cache_dir, languages, before, docs)
    staging = staging_dir(out_dir)
    spool = cache_dir if cache_dir is not None else Path(tempfile.mkdtemp(prefix=".spool-", dir=out_dir))
    try:
        parts, found = extract_parts(docs, spool, jobs, incremental, executor, scheduler, progress, steps,
                                     min_confidence)
        stats.extracted, stats.cached, stats.removed, stats.keys = found.extracted, found.cached, found.removed, found.keys
        for doc, part in zip(docs, parts):
            doc.title, doc.symbols = part.title, list(part.symbols)
        with _few_collections():
            corpus = Corpus(link_editions(parts, edition_of, steps), cache_dir)
            kg_path = write_turtle(corpus, staging / "kg.ttl")
            hash_soon(kg_path)  # in a background thread while the steps run
            if any(step.name == nquads.WRITER_STEP for step in steps):
                nquads.write_early(corpus, staging / "kg.nq")  # in a background thread: the step takes it
            result = BuildResult(out_dir=staging, documents=docs, triples=corpus.triples, outputs=[kg_path],
                                 paragraphs=sum(p.paragraphs for p in parts), base_url=publication[0],
                                 endpoint=publication[1])
            result.conforms = _run_steps(steps, result, corpus)
        nquads.wait_early(staging / "kg.nq")
        names = list(dict.fromkeys(Path(p).name for p in result.outputs))
        write_bytes(staging / MANIFEST, build_record(result, inputs))
    except BaseException:
        nquads.wait_early(staging / "kg.nq")  # before the staging folder goes: it writes there
        discard_staging(out_dir)
        raise
    finally:
        forget_hashes()
        if cache_dir is None:
            shutil.rmtree(spool, ignore_errors=True)
    commit(staging, out_dir, names)  # killed in here: the next build finishes it (kg.build.outputs.recover)
    if cache_dir is not None:
        record_stamps(out_dir, names)
    result.out_dir = out_dir
    result.outputs = [out_dir / name for name in names]
    return result


@contextmanager
def _few_collections():
    """While the parts are merged and the steps run, collect the youngest generation every YOUNG_OBJECTS new
    containers instead of 700: reading every cached part's step facts makes millions of objects that live on, and
    each collection they triggered walked the merge's growing state again (cycles are still collected, less often)."""
    thresholds = gc.get_threshold()
    gc.set_threshold(max(thresholds[0], YOUNG_OBJECTS), *thresholds[1:])
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)


def _run_steps(steps: tuple, result: BuildResult, corpus: Corpus) -> bool | None:
    """Run each step on the merged corpus, in order; add what it wrote to the result; return their verdict."""
    verdicts = []
    for step in steps:
        output = step.run(result, corpus)
        result.outputs.extend(output.paths)
        verdicts.append(output.conforms)
        log.debug("build step %s: %d output(s), conforms %s", step.name, len(output.paths), output.conforms)
    return verdict(verdicts)


def _fill_store(folder: Path, kg_path: Path) -> Path:
    """Load the built graph, the ontology and the reference data into the on-disk store at *folder*."""
    from kg.rdf.load import extras_ntriples
    from kg.rdf.store import write_store

    return write_store(folder, kg_path, extras_ntriples())
