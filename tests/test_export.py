"""kg export: every format round-trips, output is stable, named graphs per document, clear errors."""

from __future__ import annotations

import json
import re

import pytest
from decimal import Decimal

from rdflib import XSD, Graph, Literal, URIRef
from rdflib.compare import isomorphic

from kg.core.errors import InputError
from kg.publish.export import FORMATS, ONTOLOGY_GRAPH, QUAD_FORMATS, export_bytes, load_dataset, partition_by_document
from oracles import parse_bytes, same_datasets
from kg.rdf.serialize import named_graphs, union
from kg.extract.to_rdf import REFERENCE_GRAPH
from kg.core.namespaces import ID

DOC_A = ID["doc/aaaaaaaaaaaaaaaa"]
DOC_B = ID["doc/bbbbbbbbbbbbbbbb"]


def _decimal_values(graph: Graph) -> Graph:
    """The graph with xsd:decimal literals in one lexical form ("1100" and "1100.0" are the same value)."""
    out = Graph()
    for s, p, o in graph:
        if isinstance(o, Literal) and o.datatype == XSD.decimal:
            value = Decimal(str(o))
            o = Literal(format(value.quantize(Decimal(1)) if value == value.to_integral() else value.normalize(), "f"), datatype=XSD.decimal)
        out.add((s, p, o))
    return out


def test_export_formats_round_trip(export_dataset):
    ran = 0
    for fmt in FORMATS:
        back = parse_bytes(export_bytes(export_dataset, fmt), fmt)
        if fmt in QUAD_FORMATS:
            assert same_datasets(export_dataset, back), fmt
            assert named_graphs(back) == [DOC_A, DOC_B, REFERENCE_GRAPH]
        else:
            assert isomorphic(union(export_dataset), union(back)), fmt
        ran += 1
    assert ran == 5


def test_export_formats_round_trip_with_ontology(export_dataset):
    for fmt in FORMATS:
        back = parse_bytes(export_bytes(export_dataset, fmt, "all"), fmt)
        expected = export_dataset if fmt not in QUAD_FORMATS else None
        if fmt in QUAD_FORMATS:
            assert named_graphs(back) == [DOC_A, DOC_B, REFERENCE_GRAPH, ONTOLOGY_GRAPH]
            assert len(back.graph(ONTOLOGY_GRAPH)) > 300
        else:
            assert len(union(back)) > len(union(expected)) + 300, fmt


def test_export_deterministic_bytes(export_dataset, data_dir, kg, tmp_path):
    for fmt in FORMATS:
        assert export_bytes(export_dataset, fmt) == export_bytes(load_dataset(data_dir / "export" / "dataset.trig"), fmt)
    outs = []
    for run in range(2):  # separate processes with random hash seeds
        out = tmp_path / f"run{run}.jsonld"
        done = kg("export", "--data", str(data_dir / "export" / "dataset.trig"), "--format", "jsonld", "--out", str(out))
        assert done.returncode == 0, done.stderr
        outs.append(out.read_bytes())
    assert outs[0] == outs[1]


def test_export_nquads_sorted_one_graph_per_document(export_dataset):
    lines = export_bytes(export_dataset, "nq").decode("utf-8").splitlines()
    assert lines == sorted(lines)
    graphs = {line.rsplit(" ", 2)[-2] for line in lines}
    assert graphs == {f"<{DOC_A}>", f"<{DOC_B}>", f"<{REFERENCE_GRAPH}>"}
    # the minted programme is described in both documents, so either can be replaced alone
    minted = [line for line in lines if line.startswith(f"<{ID['programme/test-programme']}> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type>")]
    assert len(minted) == 2


def test_export_turtle_readable_prefixes(export_dataset):
    text = export_bytes(export_dataset, "ttl").decode("utf-8")
    assert "PREFIX unodc: <https://w3id.org/unodc-kg/ontology#>" in text
    assert "PREFIX skos: <http://www.w3.org/2004/02/skos/core#>" in text
    trig = export_bytes(export_dataset, "trig").decode("utf-8")
    assert trig.count("PREFIX unodc:") == 1 and trig.count("GRAPH <") == 3


def test_export_jsonld_is_plain_json(export_dataset):
    doc = json.loads(export_bytes(export_dataset, "jsonld"))
    nodes = {n["id"]: n for n in doc["@graph"]}
    assert list(nodes) == sorted(nodes)
    unodc = nodes[str(ID["organization/unodc"])]
    assert unodc["type"] == "UNEntity"
    assert unodc["name"] == {"en": "United Nations Office on Drugs and Crime", "zh": "联合国毒品和犯罪问题办公室"}
    mention = nodes[str(ID["doc/aaaaaaaaaaaaaaaa/m/17-31"])]
    assert mention["refersTo"] == str(ID["programme/test-programme"]) and mention["start"] == 17
    assert mention["sourceText"] == "Test Programme"
    assertion = nodes[str(ID["doc/aaaaaaaaaaaaaaaa/a/0001"])]
    assert assertion["predicate"] == "serves" and assertion["confidence"] == "0.80"
    assert nodes[str(ID["doc/aaaaaaaaaaaaaaaa/p1"])]["text"]["en"].startswith("1. The Test Programme")
    assert not any(key.startswith("http") for n in doc["@graph"] for key in n)  # every key is a context term


def test_export_partition_recovers_document_graphs(export_dataset):
    assert same_datasets(partition_by_document(union(export_dataset)), export_dataset)


def test_export_reads_kg_nq_beside_kg_ttl(export_dataset, tmp_path):
    (tmp_path / "kg.ttl").write_bytes(export_bytes(export_dataset, "ttl"))
    (tmp_path / "kg.nq").write_bytes(export_bytes(export_dataset, "nq"))
    for path in (tmp_path, tmp_path / "kg.ttl"):
        assert same_datasets(load_dataset(path), export_dataset)


def test_export_sample_build_named_graphs(sample_build, sample_graph):
    out = sample_build.out_dir
    quads = load_dataset(out / "kg.nq")
    # kg.ttl (Turtle) writes decimals canonically ("1100.0"), kg.nq keeps the build's lexical form ("1100")
    assert isomorphic(_decimal_values(union(quads)), _decimal_values(sample_graph))
    docs = [g for g in named_graphs(quads) if g != REFERENCE_GRAPH]
    assert len(docs) == len(sample_build.documents) and all(g.startswith(str(ID["doc/"])) for g in docs)
    ttl_only = partition_by_document(Graph().parse(out / "kg.ttl"))
    assert named_graphs(ttl_only) == named_graphs(quads)
    for name in docs:  # one document here: the split of the union matches the build's graph
        assert len(ttl_only.graph(name)) == len(quads.graph(name))


@pytest.mark.parametrize(
    "content,suffix,expected",
    [
        (b"<a> <b> .", ".ttl", "line 1"),
        (b"@prefix x: <y> .\nx:a x:b x:c", ".ttl", "malformed Turtle"),
        (b"not rdf", ".xyz", "unknown RDF file type"),
        (b"<http://a> <http://b> <http://c> <http://g> <http://x> .", ".nq", "malformed N-Quads"),
        (b"{", ".jsonld", "malformed JSON-LD"),
    ],
)
def test_export_bad_input_one_line(kg, tmp_path, content, suffix, expected):
    path = tmp_path / f"bad{suffix}"
    path.write_bytes(content)
    with pytest.raises(InputError, match=expected):
        load_dataset(path)
    done = kg("export", "--data", str(path))
    assert done.returncode == 2 and done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
    assert done.stderr.startswith("kg export: error: ")


def test_export_cli(kg, tmp_path, data_dir):
    done = kg("export", "--data", str(tmp_path / "missing.ttl"))
    assert done.returncode == 2 and "no such file" in done.stderr
    done = kg("export", "--format", "xml")
    assert done.returncode == 2 and "invalid choice" in done.stderr
    done = kg("export", "--graph", "ontology", "--format", "nt")
    assert done.returncode == 0 and len(done.stdout.splitlines()) > 300
    out = tmp_path / "sub" / "kg.trig"
    done = kg("export", "--data", str(data_dir / "export" / "dataset.trig"), "--format", "trig", "--out", str(out))
    assert done.returncode == 0 and done.stdout.strip() == str(out)
    assert URIRef(DOC_B) in named_graphs(parse_bytes(out.read_bytes(), "trig"))
    assert "example" in kg("export", "--help").stdout


@pytest.mark.parametrize("fmt", ["nt", "nq", "ttl", "trig"])
def test_export_streamed_equals_rdflib_export(sample_build, fmt):
    """N-Triples, N-Quads, Turtle and TriG from kg.nq are read and written by Oxigraph (no rdflib graph): the same
    data as the rdflib path, sorted, and `kg export --format ttl` of a build folder is its kg.ttl, byte for byte."""
    from kg.publish.export import export, streamed_export

    source = sample_build.out_dir / "kg.nq"
    fast = streamed_export(source, fmt)
    assert fast is not None and fast == export(sample_build.out_dir, fmt)
    slow = export_bytes(load_dataset(source), fmt)
    a, b = parse_bytes(fast, fmt), parse_bytes(slow, fmt)
    if fmt in ("nq", "trig"):
        assert same_datasets(a, b)
    else:
        assert isomorphic(union(a), union(b))
    if fmt in ("nt", "nq"):
        lines = fast.decode("utf-8").splitlines()
        assert lines == sorted(lines) and len(lines) == len(set(lines))
    elif fmt == "ttl":
        assert fast == (sample_build.out_dir / "kg.ttl").read_bytes()
    else:  # one GRAPH block per named graph, in name order
        names = re.findall(r"^<([^>]+)> \{$", fast.decode("utf-8"), flags=re.M)
        assert names == sorted(set(names)) and len(names) == len(named_graphs(a))


def test_export_streamed_jsonld_is_the_rdflib_document(sample_build):
    """JSON-LD from kg.nq is written node by node (kg.rdf.jsonld), byte for byte what rdflib's serialiser and
    jsonld_bytes make of the whole graph."""
    from kg.publish.export import streamed_export

    source = sample_build.out_dir / "kg.nq"
    assert streamed_export(source, "jsonld") == export_bytes(load_dataset(source), "jsonld")


@pytest.fixture(scope="module")
def replicated(sample_build, tmp_path_factory):
    """A synthetic corpus: the sample's document graphs copied under new document keys (bench.cases.make_triples)."""
    from bench.cases import make_triples

    folder = tmp_path_factory.mktemp("replicated")
    make_triples(str(sample_build.out_dir / "kg.nq"), 30_000, str(folder))
    return folder / "data.nq"


@pytest.mark.parametrize("fmt", ["jsonld", "nt", "nq", "ttl", "trig"])
def test_export_streamed_sorts_on_disk_like_in_memory(replicated, monkeypatch, fmt):
    """With runs of 1,000 lines spilled to disk and merged, every streamed format is what the in-memory path
    writes: JSON-LD is rdflib's document, the others the same sorted lines (and Oxigraph's writers)."""
    import kg.rdf.external
    from kg.publish.export import streamed_export

    expected = streamed_export(replicated, fmt)  # 30,000 quads: sorted in memory
    if fmt == "jsonld":
        assert expected == export_bytes(load_dataset(replicated), "jsonld")
    monkeypatch.setattr(kg.rdf.external, "CHUNK", 1_000)
    assert streamed_export(replicated, fmt) == expected


EDGE_QUADS = {
    "typed-literals": '<https://w3id.org/unodc-kg/id/x> <https://w3id.org/unodc-kg/ontology#start> "007"^^<http://www.w3.org/2001/XMLSchema#integer> .\n'
                      '<https://w3id.org/unodc-kg/id/x> <https://w3id.org/unodc-kg/ontology#minted> "1"^^<http://www.w3.org/2001/XMLSchema#boolean> .\n'
                      '<https://w3id.org/unodc-kg/id/x> <https://w3id.org/unodc-kg/ontology#value> "1E2"^^<http://www.w3.org/2001/XMLSchema#decimal> .\n'
                      '<https://w3id.org/unodc-kg/id/x> <https://w3id.org/unodc-kg/ontology#score> "2.5E0"^^<http://www.w3.org/2001/XMLSchema#double> .\n'
                      '<https://w3id.org/unodc-kg/id/x> <http://purl.org/dc/terms/date> "2024-01-02"^^<http://www.w3.org/2001/XMLSchema#date> .\n'
                      '<https://w3id.org/unodc-kg/id/x> <https://w3id.org/unodc-kg/ontology#order> "abc"^^<http://www.w3.org/2001/XMLSchema#integer> .\n',
    "languages": '<https://w3id.org/unodc-kg/id/x> <http://www.w3.org/2004/02/skos/core#prefLabel> "A"@en .\n'
                 '<https://w3id.org/unodc-kg/id/x> <http://www.w3.org/2004/02/skos/core#prefLabel> "B"@en .\n'
                 '<https://w3id.org/unodc-kg/id/x> <http://www.w3.org/2004/02/skos/core#prefLabel> "plain" .\n'
                 '<https://w3id.org/unodc-kg/id/x> <https://w3id.org/unodc-kg/ontology#text> "t"@zh .\n'
                 '<https://w3id.org/unodc-kg/id/x> <https://w3id.org/unodc-kg/ontology#text> "s" .\n'
                 '<https://w3id.org/unodc-kg/id/x> <https://w3id.org/unodc-kg/ontology#evidence> "e"@fr .\n',
    "resources": '<https://w3id.org/unodc-kg/ontology#Thing> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://www.w3.org/2002/07/owl#Class> .\n'
                 '<https://w3id.org/unodc-kg/id/x> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://w3id.org/unodc-kg/ontology#Mention> .\n'
                 '<https://w3id.org/unodc-kg/id/x> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://example.org/Other> .\n'
                 '<https://w3id.org/unodc-kg/id/x> <https://w3id.org/unodc-kg/ontology#predicate> <https://w3id.org/unodc-kg/ontology#partOf> .\n'
                 '<https://w3id.org/unodc-kg/id/x> <https://w3id.org/unodc-kg/ontology#refersTo> <https://w3id.org/unodc-kg/id/y> .\n'
                 '<https://w3id.org/unodc-kg/id/x> <https://w3id.org/unodc-kg/ontology#refersTo> "not an IRI" .\n'
                 '<https://w3id.org/unodc-kg/id/x> <http://www.w3.org/2004/02/skos/core#exactMatch> <http://www.wikidata.org/entity/Q1> .\n'
                 '<https://w3id.org/unodc-kg/id/x/a> <https://w3id.org/unodc-kg/ontology#partOf> <https://w3id.org/unodc-kg/id/x> .\n',
    "graphs": '<https://w3id.org/unodc-kg/id/x> <https://w3id.org/unodc-kg/ontology#rule> "r" <https://w3id.org/unodc-kg/id/doc/a> .\n'
              '<https://w3id.org/unodc-kg/id/x> <https://w3id.org/unodc-kg/ontology#rule> "r" <https://w3id.org/unodc-kg/id/doc/b> .\n'
              '<https://w3id.org/unodc-kg/id/x> <https://w3id.org/unodc-kg/ontology#rule> "q" .\n',
    "one-node": '<https://w3id.org/unodc-kg/id/x> <https://w3id.org/unodc-kg/ontology#rule> "r" .\n',
    "empty": "",
}


@pytest.mark.parametrize("case", sorted(EDGE_QUADS))
def test_export_streamed_jsonld_follows_rdflib_on_edge_cases(tmp_path, case):
    """Typed literals (rdflib's normal forms, ill-typed ones), language maps and plain values of the same property,
    coerced and uncoerced IRIs, the ontology's namespace, a triple in two graphs, one node, no node."""
    from kg.publish.export import streamed_export

    source = tmp_path / "data.nq"
    source.write_text(EDGE_QUADS[case], encoding="utf-8")
    assert streamed_export(source, "jsonld") == export_bytes(load_dataset(source), "jsonld")


def test_export_streamed_jsonld_with_blank_nodes_reads_back_as_the_same_graph(tmp_path):
    """rdflib names blank nodes anew on each reading, and its document drops the triples of a blank node
    referenced through an @id-typed term (about); the streamed document keeps the file's labels (deterministic),
    leaves RDF lists as rdf:first/rdf:rest nodes and reads back as the graph it was made from."""
    from kg.publish.export import streamed_export

    source = tmp_path / "data.nq"
    source.write_text('<https://w3id.org/unodc-kg/id/x> <https://w3id.org/unodc-kg/ontology#about> _:b1 .\n'
                      '_:b1 <https://w3id.org/unodc-kg/ontology#rule> "r" .\n'
                      '_:b1 <https://w3id.org/unodc-kg/ontology#about> _:b2 .\n'
                      '_:b3 <http://www.w3.org/1999/02/22-rdf-syntax-ns#first> "1" .\n'
                      '_:b3 <http://www.w3.org/1999/02/22-rdf-syntax-ns#rest> <http://www.w3.org/1999/02/22-rdf-syntax-ns#nil> .\n'
                      '<https://w3id.org/unodc-kg/id/x> <https://w3id.org/unodc-kg/ontology#list> _:b3 .\n', encoding="utf-8")
    fast = streamed_export(source, "jsonld")
    assert fast == streamed_export(source, "jsonld")
    assert isomorphic(union(parse_bytes(fast, "jsonld")), union(load_dataset(source)))
    assert b'"id": "_:b1"' in fast and b'"http://www.w3.org/1999/02/22-rdf-syntax-ns#first": "1"' in fast


@pytest.mark.parametrize("out", ["file", "stdout"])
def test_export_fault_midway_leaves_no_output(kg, tmp_path, out):
    """A syntax error after thousands of good lines: one line on stderr, exit 2, no file and no temporary file
    (written beside the target and renamed only when complete), nothing on standard output."""
    source = tmp_path / "data.nq"
    good = "".join(f'<https://w3id.org/unodc-kg/id/x{i}> <https://w3id.org/unodc-kg/ontology#rule> "r" .\n' for i in range(5000))
    source.write_text(good + "<broken\n", encoding="utf-8")
    target = tmp_path / "dump" / "kg.jsonld"
    done = kg("export", "--data", str(source), "--format", "jsonld", *(["--out", str(target)] if out == "file" else []))
    assert done.returncode == 2 and len(done.stderr.strip().splitlines()) == 1 and "data.nq" in done.stderr
    assert done.stdout == "" and not target.exists()
    assert not target.parent.exists() or list(target.parent.iterdir()) == []


@pytest.mark.slow
def test_export_sigterm_midway_removes_every_temporary_file(tmp_path):
    """SIGTERM while the streamed JSON-LD export sorts on disk: exit 143, one line, no output file, no temporary
    file beside it and no sort folder left in TMPDIR."""
    import os
    import signal
    import subprocess
    import sys
    import time

    source = tmp_path / "data.nq"
    with source.open("w", encoding="utf-8") as handle:
        for i in range(600_000):
            handle.write(f'<https://w3id.org/unodc-kg/id/x{i % 50_000}> <https://w3id.org/unodc-kg/ontology#rule> "r{i}" .\n')
    scratch, out = tmp_path / "tmp", tmp_path / "dump"
    scratch.mkdir()
    out.mkdir()
    env = dict(os.environ, TMPDIR=str(scratch))
    proc = subprocess.Popen([sys.executable, "-m", "kg.cli", "export", "--data", str(source), "--format", "jsonld",
                             "--out", str(out / "kg.jsonld")], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while not any(scratch.glob("kg-sort-*/run-*")) and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    assert proc.poll() is None, "the export ended before a sort run was written"
    proc.send_signal(signal.SIGTERM)
    _, stderr = proc.communicate(timeout=120)
    assert proc.returncode == 128 + signal.SIGTERM and stderr.strip() == "kg export: terminated; no output was left half-written"
    assert list(out.iterdir()) == [] and list(scratch.iterdir()) == []
