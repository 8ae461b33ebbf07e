"""The main job: read documents, extract, write the knowledge graph and check it.

The outputs are written as one set (kg.build.outputs): under a lock on the output folder, into a staging folder,
then moved into place with the manifest build.json last; the output folder is never read as input.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from kg.build.merge import Corpus, step_function, write_turtle
from kg.build.identity import link_editions
from kg.core.files import ensure_dir, write_bytes
from kg.extract.to_rdf import document_graph, document_iri
from kg.extract.ingest import Document, collect_paths, read_document
from kg.build.outputs import MANIFEST, build_lock, commit, discard_staging, recover, remove_leftovers, staging_dir
from kg.build.executors import CACHE_DIR, ExtractionStats, build_record, check_options, extract_parts, input_manifest, record_stamps, up_to_date
from kg.core.resources import corpus_dir

DEFAULT_CORPUS = Path("corpus")
# Steps run after kg.ttl is written, as "module:function"; each takes (result, corpus: kg.build.merge.Corpus),
# may set result.conforms, and returns the paths it wrote.  The step's module may define
# map_document(view: kg.build.merge.DocumentView), run on each document in the extraction worker and cached
# with it; its results are corpus.extras(step).  Add a step here, one line each.
AFTER_BUILD = [
    "kg.steps.network:corpus_step",
    "kg.steps.describe:corpus_step",  # kg.nq (named graphs), void.ttl (VoID/DCAT), provenance.ttl (PROV-O)
    "kg.steps.validate:corpus_step",  # validation.txt + validation.ttl (SHACL); a violation sets result.conforms = False
    "kg.build.editions:corpus_step",  # its map_document keeps each document's edition record for link_editions
]
DEFAULT_OUT = Path("out")


@dataclass
class BuildResult:
    """What a build wrote and counted."""

    out_dir: Path
    documents: list[Document]
    triples: int
    outputs: list[Path] = field(default_factory=list)
    conforms: bool | None = None
    paragraphs: int = 0
    base_url: str | None = None  # where the dumps are published (void.ttl); None: the dataset's own base
    endpoint: str | None = None  # the public SPARQL endpoint (void.ttl); None: the local `kg serve` address


def default_corpus() -> Path:
    """The bundled sample corpus: ./corpus, else the one beside the installed package."""
    if DEFAULT_CORPUS.is_dir():
        return DEFAULT_CORPUS
    return corpus_dir()


def read_documents(paths: list[Path], lang: str | None = None, segmented: bool = True,
                   exclude: tuple[Path, ...] = ()) -> list[Document]:
    """Read every document once; identical contents are kept once; nothing inside the *exclude* folders.

    segmented=False only decodes and names them (the extraction workers segment them; see ingest.complete)."""
    docs: dict[str, Document] = {}
    for path in collect_paths(paths, report_skipped=True, exclude=exclude):
        doc = read_document(path, lang, segmented)
        docs.setdefault(doc.key, doc)
    return sorted(docs.values(), key=lambda d: d.key)


def extract_graphs(docs: list[Document]) -> dict:
    """Extract every document into its own graph, keyed by document IRI."""
    from kg.extract.document import Extractor

    extractor = Extractor()
    return {document_iri(doc): document_graph(doc, extractor.extract(doc)) for doc in docs}


def build(
    paths: list[Path] | None = None,
    out_dir: Path = DEFAULT_OUT,
    lang: str | None = None,
    *,
    jobs: int = 1,
    incremental: bool = True,
    executor: str = "local",
    scheduler: str | None = None,
    progress: bool | None = None,
    stats: ExtractionStats | None = None,
    store: Path | None = None,
    min_confidence: float | None = None,
    wait: bool = False,
    edition_of: dict[str, str] | None = None,
    base_url: str | None = None,
    endpoint: str | None = None,
) -> BuildResult:
    """Build out_dir/kg.ttl from the documents at *paths* (default: the bundled corpus).

    jobs: extraction processes on this machine; executor "dask" with scheduler ADDRESS: a cluster.
    incremental: keep per-document graphs in out_dir/.cache/ and re-extract only changed documents;
    when neither the documents nor the code changed and the outputs are intact, nothing is rebuilt.
    stats, when given, is filled in with how many documents were extracted, cached or skipped.
    store: a folder for a persistent pyoxigraph store that receives the graph (kg.rdf.store).
    min_confidence: keep extracted relations from this calibrated confidence on (default: the threshold of
    ontology/relation-weights.toml).
    wait: when another build holds out_dir, wait for it instead of failing.
    edition_of: {file name: UN symbol}: documents to treat as language editions of that symbol (kg.build.identity).
    base_url, endpoint: where the dumps and the SPARQL endpoint are published, for void.ttl.
    """
    check_options(jobs, executor, scheduler)
    out_dir = Path(out_dir)
    ensure_dir(out_dir)
    with build_lock(out_dir, wait=wait):
        recover(out_dir)
        remove_leftovers(out_dir, out_dir / CACHE_DIR)
        result = _build_locked(paths or [default_corpus()], out_dir, lang, jobs, incremental, executor, scheduler,
                               progress, stats if stats is not None else ExtractionStats(), edition_of, min_confidence,
                               (base_url, endpoint))
        if store is not None:
            result.outputs.append(_fill_store(store, out_dir / "kg.ttl"))
    return result


def _build_locked(paths, out_dir: Path, lang, jobs, incremental, executor, scheduler, progress, stats, edition_of,
                  min_confidence=None, publication=(None, None)) -> BuildResult:
    exclude = (out_dir,)
    cache_dir = out_dir / CACHE_DIR if incremental else None
    after = AFTER_BUILD if min_confidence is None else [*AFTER_BUILD, f"min-confidence={min_confidence}"]
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
    docs = read_documents(paths, lang, segmented=False, exclude=exclude)
    staging = staging_dir(out_dir)
    spool = cache_dir if cache_dir is not None else Path(tempfile.mkdtemp(prefix=".spool-", dir=out_dir))
    try:
        parts, found = extract_parts(docs, spool, jobs, incremental, executor, scheduler, progress, tuple(AFTER_BUILD),
                                     min_confidence)
        stats.extracted, stats.cached, stats.removed, stats.keys = found.extracted, found.cached, found.removed, found.keys
        for doc, part in zip(docs, parts):
            doc.title, doc.symbols = part.title, list(part.symbols)
        corpus = Corpus(link_editions(parts, edition_of))
        kg_path = write_turtle(corpus, staging / "kg.ttl")
        result = BuildResult(out_dir=staging, documents=docs, triples=corpus.triples, outputs=[kg_path],
                             paragraphs=sum(p.paragraphs for p in parts), base_url=publication[0], endpoint=publication[1])
        for step in AFTER_BUILD:
            module, _, name = step.partition(":")
            result.outputs.extend(step_function(step, name)(result, corpus))
        names = list(dict.fromkeys(Path(p).name for p in result.outputs))
        write_bytes(staging / MANIFEST, build_record(result, inputs))
    except BaseException:
        discard_staging(out_dir)
        raise
    finally:
        if cache_dir is None:
            shutil.rmtree(spool, ignore_errors=True)
    commit(staging, out_dir, names)  # killed in here: the next build finishes it (kg.build.outputs.recover)
    if cache_dir is not None:
        record_stamps(out_dir, names)
    result.out_dir = out_dir
    result.outputs = [out_dir / name for name in names]
    return result


def _fill_store(folder: Path, kg_path: Path) -> Path:
    """Load the built graph, the ontology and the reference data into the on-disk store at *folder*."""
    from kg.rdf.load import extras_ntriples
    from kg.rdf.store import write_store

    return write_store(folder, kg_path, extras_ntriples())
