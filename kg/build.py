"""The main job: read documents, extract, write the knowledge graph and check it."""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from pathlib import Path

from .files import ensure_dir, write_bytes
from .graph import assemble, document_graph, document_iri, union_graph
from .ingest import Document, collect_paths, read_document
from .serialize import turtle_bytes

DEFAULT_CORPUS = Path("corpus")
# Steps run after kg.ttl is written, as "module:function"; each takes (result, graph, dataset),
# may set result.conforms, and returns the paths it wrote.  Add a step here, one line each.
AFTER_BUILD = [
    "kg.network:build_step",
    "kg.describe:build_step",  # kg.nq (named graphs), void.ttl (VoID/DCAT), provenance.ttl (PROV-O)
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


def default_corpus() -> Path:
    """The bundled sample corpus: ./corpus, else the one beside the installed package."""
    if DEFAULT_CORPUS.is_dir():
        return DEFAULT_CORPUS
    return Path(__file__).resolve().parent.parent / "corpus"


def read_documents(paths: list[Path], lang: str | None = None) -> list[Document]:
    """Read every document once; identical contents are kept once."""
    docs: dict[str, Document] = {}
    for path in collect_paths(paths):
        doc = read_document(path, lang)
        docs.setdefault(doc.key, doc)
    return sorted(docs.values(), key=lambda d: d.key)


def extract_graphs(docs: list[Document]) -> dict:
    """Extract every document into its own graph, keyed by document IRI."""
    from .extract import Extractor

    extractor = Extractor()
    return {document_iri(doc): document_graph(doc, extractor.extract(doc)) for doc in docs}


def build(paths: list[Path] | None = None, out_dir: Path = DEFAULT_OUT, lang: str | None = None) -> BuildResult:
    """Build out_dir/kg.ttl from the documents at *paths* (default: the bundled corpus)."""
    ensure_dir(out_dir)
    docs = read_documents(paths or [default_corpus()], lang)
    dataset = assemble(extract_graphs(docs))
    graph = union_graph(dataset)
    kg_path = write_bytes(out_dir / "kg.ttl", turtle_bytes(graph))
    result = BuildResult(out_dir=out_dir, documents=docs, triples=len(graph), outputs=[kg_path])
    for step in AFTER_BUILD:
        module, _, name = step.partition(":")
        result.outputs.extend(getattr(importlib.import_module(module), name)(result, graph, dataset))
    return result
