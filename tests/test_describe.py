"""kg.steps.describe: the VoID/DCAT description and PROV-O record have correct counts and are deterministic."""

from __future__ import annotations

from rdflib import RDF, Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, PROV, XSD

from describe_oracle import provenance, write_description

from kg.core.endpoint import local_sparql_endpoint
from kg.steps.describe import DATASET_IRI, VOID, describe
from kg.rdf.serialize import union
from kg.core.namespaces import ID, UNODC
from kg.rdf.serialize import turtle_bytes

COUNT_PER_CLASS = """
SELECT ?class (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?class . FILTER(STRSTARTS(STR(?s), STR(id:))) } GROUP BY ?class
"""


def _int(g: Graph, s, p) -> int:
    return int(g.value(s, p))


def test_describe_counts_match_the_graph(export_dataset):
    g = describe(export_dataset)
    data = union(export_dataset)
    d = DATASET_IRI
    assert _int(g, d, VOID.triples) == len(data) == 13 + 67 + 50 - 4  # type, minted, prefLabel, altLabel of the minted programme: in both documents
    expected = {row["class"]: int(row["n"]) for row in data.query(COUNT_PER_CLASS, initNs={"id": ID})}
    assert expected[UNODC.Mention] == 5 and expected[UNODC.Country] == 1
    found = {g.value(part, VOID["class"]): _int(g, part, VOID.entities) for part in g.objects(d, VOID.classPartition)}
    assert found == expected
    assert _int(g, d, VOID.entities) == len({s for s in data.subjects(RDF.type) if s.startswith(str(ID))}) == 18
    props = {g.value(part, VOID.property): _int(g, part, VOID.triples) for part in g.objects(d, VOID.propertyPartition)}
    assert props[UNODC.refersTo] == 5 and sum(props.values()) == len(data)
    subsets = {g.value(part, URIRef("http://www.w3.org/ns/sparql-service-description#name")): _int(g, part, VOID.triples)
               for part in g.objects(d, VOID.subset)}  # fmt: skip
    assert subsets == {ID["doc/aaaaaaaaaaaaaaaa"]: 67, ID["doc/bbbbbbbbbbbbbbbb"]: 50, ID["graph/reference"]: 13}


def test_describe_sources_licence_endpoint_examples(export_dataset):
    g = describe(export_dataset, base_url="https://example.org/kg")
    d = DATASET_IRI
    assert set(g.objects(d, DCTERMS.source)) == {ID["doc/aaaaaaaaaaaaaaaa"], ID["doc/bbbbbbbbbbbbbbbb"]}
    assert g.value(ID["doc/bbbbbbbbbbbbbbbb"], UNODC.contentHash) == Literal("sha256:bbbb")
    assert g.value(d, DCTERMS.license) == URIRef("https://creativecommons.org/licenses/by/4.0/")
    assert {str(t) for t in g.objects(d, DCTERMS.title)} == {"UNODC knowledge graph", "毒品和犯罪问题办公室知识图谱"}
    assert g.value(d, VOID.sparqlEndpoint) == URIRef(local_sparql_endpoint())
    assert local_sparql_endpoint().startswith("http://") and local_sparql_endpoint().endswith("/sparql")
    examples = list(g.objects(d, VOID.exampleResource))  # the most mentioned first: UNODC (3 mentions)
    assert ID["organization/unodc"] in examples and all(e.startswith(str(ID)) for e in examples)
    assert URIRef("https://example.org/kg/kg.nq") in set(g.objects(d, VOID.dataDump))
    assert len(set(g.subjects(RDF.type, DCAT.Distribution))) == 4
    assert set(g.objects(d, VOID.vocabulary)) >= {URIRef(str(UNODC._NS)), URIRef("http://www.w3.org/2004/02/skos/core#")}


def test_describe_time_pinned_by_source_date_epoch(export_dataset, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    unpinned = provenance(export_dataset)
    assert not any(o.datatype == XSD.dateTime for o in unpinned.objects() if isinstance(o, Literal))
    assert turtle_bytes(unpinned) == turtle_bytes(provenance(export_dataset))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    g = provenance(export_dataset)
    activity = g.value(DATASET_IRI, PROV.wasGeneratedBy)
    assert g.value(activity, PROV.endedAtTime) == Literal("2023-11-14T22:13:20Z", datatype=XSD.dateTime)
    assert set(g.objects(activity, PROV.used)) >= {ID["doc/aaaaaaaaaaaaaaaa"], ID["doc/bbbbbbbbbbbbbbbb"]}
    agent = g.value(activity, PROV.wasAssociatedWith)
    assert (agent, RDF.type, PROV.SoftwareAgent) in g
    assert describe(export_dataset).value(DATASET_IRI, DCTERMS.modified) is not None


def test_describe_bad_source_date_epoch(export_dataset, monkeypatch):
    import pytest

    from kg.core.errors import InputError

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    with pytest.raises(InputError, match="SOURCE_DATE_EPOCH"):
        provenance(export_dataset)


def test_describe_written_deterministically(export_dataset, tmp_path):
    first = [p.read_bytes() for p in write_description(export_dataset, tmp_path / "a")]
    second = [p.read_bytes() for p in write_description(export_dataset, tmp_path / "b")]
    assert first == second
    for path in (tmp_path / "a").glob("*.ttl"):
        Graph().parse(path)


def test_describe_sample_build(sample_build, sample_graph):
    out = sample_build.out_dir
    assert {out / "kg.nq", out / "void.ttl", out / "provenance.ttl"} <= set(sample_build.outputs)
    void = Graph().parse(out / "void.ttl")
    assert int(void.value(DATASET_IRI, VOID.triples)) == len(sample_graph)
    documents = set(sample_graph.subjects(RDF.type, UNODC.Document))
    assert set(void.objects(DATASET_IRI, DCTERMS.source)) == documents
    per_class = {void.value(p, VOID["class"]): int(void.value(p, VOID.entities)) for p in void.objects(DATASET_IRI, VOID.classPartition)}
    assert per_class[UNODC.Paragraph] == len(set(sample_graph.subjects(RDF.type, UNODC.Paragraph)))
    prov = Graph().parse(out / "provenance.ttl")
    assert set(prov.objects(None, PROV.used)) >= documents


def test_describe_step_is_a_build_step_with_its_cache_name():
    from kg.build.steps import BuildStep
    from kg.steps.describe import STEP

    assert isinstance(STEP, BuildStep) and STEP.name == "kg.steps.describe:corpus_step"
