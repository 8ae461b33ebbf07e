"""The streamed build (kg.build.merge: per-document parts, never the whole graph in memory) writes what the
in-memory reference path (kg.extract.to_rdf.assemble + the whole-graph steps) computes from the same documents."""

from __future__ import annotations

import pytest
from describe_oracle import provenance
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic

from bench.synth import make_corpus
from kg.build.run import build, read_documents
from kg.steps import STANDARD
from kg.steps.describe import describe
from kg.extract.to_rdf import assemble
from oracles import extract_graphs, union_graph
from kg.steps.validate import in_a_document, merge_reports, render_text, restrict, validate

ONLINE_HARMS = {  # one minted programme named two ways: the corpus keeps one prefLabel per language
    "a.en.txt": "1. UNODC launched the Global Programme on Online Harms Prevention in 2022 with UNICEF.\n",
    "b.en.txt": "1. The Global Programme On Online Harms Prevention grew in 2023 in Chile.\n",
}


@pytest.fixture(scope="module")
def both(tmp_path_factory):
    """A small mixed corpus built by `kg build`, and the same documents assembled in memory."""
    root = tmp_path_factory.mktemp("corpus")
    make_corpus(root / "docs", 2, lang="mix")
    for name, text in ONLINE_HARMS.items():
        (root / "docs" / name).write_text(text, encoding="utf-8")
    result = build([root / "docs"], root / "out", jobs=1, steps=STANDARD)
    dataset = assemble(extract_graphs(read_documents([root / "docs"])))
    return result, dataset, union_graph(dataset)


def test_corpus_turtle_and_nquads_equal_the_in_memory_dataset(both):
    result, dataset, graph = both
    built = Graph().parse(result.out_dir / "kg.ttl", format="turtle")
    assert len(built) == len(graph) == result.triples
    assert isomorphic(built, graph)
    quads = Dataset()
    quads.parse(result.out_dir / "kg.nq", format="nquads")
    assert set(quads.quads()) == set(dataset.quads())


def test_corpus_description_and_provenance_equal_the_whole_graph_ones(both):
    result, dataset, _ = both
    assert isomorphic(Graph().parse(result.out_dir / "void.ttl"), describe(dataset))
    assert isomorphic(Graph().parse(result.out_dir / "provenance.ttl"), provenance(dataset))


def test_corpus_validation_equals_whole_graph_validation(both):
    result, _, graph = both
    whole = validate(graph)
    built = Graph().parse(result.out_dir / "validation.ttl")
    assert isomorphic(built, whole.results)
    assert (result.conforms, (result.out_dir / "validation.txt").read_text(encoding="utf-8").splitlines()[2:]) == (
        whole.conforms,
        render_text(whole).splitlines()[2:],  # below the header (source name, counts)
    )


def test_corpus_turtle_is_sorted_by_subject(both):
    result, _, _ = both
    subjects = [line.split(" ", 1)[0] for line in (result.out_dir / "kg.ttl").read_text(encoding="utf-8").splitlines()
                if line.startswith("<")]
    assert subjects == sorted(subjects) and len(subjects) == len(set(subjects))


def test_validation_report_split_by_document_and_merged_is_the_whole_report():
    """restrict + merge_reports (what the build does per document and for the shared graph) lose nothing."""
    from pathlib import Path


    data = Path(__file__).resolve().parent / "data" / "shapes" / "base.ttl"
    g = Graph().parse(data, format="turtle")
    g.parse(data=(
        "@prefix unodc: <https://w3id.org/unodc-kg/ontology#> .\n"
        "<https://w3id.org/unodc-kg/id/country/AFG> unodc:iso3166Alpha2 \"AFG\" .\n"  # an entity
    ), format="turtle")
    mention = next(s for s in g.subjects() if in_a_document(s) and "/m/" in str(s))
    g.remove((mention, None, None))  # a dangling reference: a document-level failure
    whole = validate(g)
    assert whole.violations >= 2
    merged = merge_reports([restrict(whole, in_a_document), restrict(whole, lambda f: not in_a_document(f))])
    assert merged.conforms == whole.conforms and merged.violations == whole.violations
    assert isomorphic(merged.results, whole.results)
    merged.triples = whole.triples  # the build sets the corpus's count; merging adds the parts' counts
    assert render_text(merged) == render_text(whole)
