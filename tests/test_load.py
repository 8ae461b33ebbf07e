"""kg.rdf.load: one loader behind every --data — the same forms accepted, the same one-line errors."""

from __future__ import annotations

import pytest
from rdflib import Graph

from kg.core.errors import InputError
from kg.rdf import formats
from kg.rdf.load import parse_ntriples, read_graph, read_store, resolve
from kg.rdf.serialize import canonical_lines, ntriples_bytes, ntriples_lines
from kg.rdf.terms import from_oxigraph, pick_label, short_iri

# the forms of --data: a build folder, its kg.nq, its kg.ttl
FORMS = ("folder", "kg.nq", "kg.ttl")


def _data(build, form):
    return build.out_dir if form == "folder" else build.out_dir / form


@pytest.mark.parametrize("form", FORMS)
def test_every_form_reads_the_same_triples(sample_build, form):
    union = read_graph(sample_build.out_dir / "kg.ttl")
    assert len(union) > 1000
    assert set(read_graph(_data(sample_build, form))) == set(union)
    store = read_store(_data(sample_build, form), extras=False)
    assert len(store) == len(union)


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize("command", [
    ("query", "documents", "--data"),
    ("export", "--format", "nt", "--data"),
    ("network", "--out", "{tmp}", "--data"),
    ("validate",),
])
def test_every_command_accepts_every_form(kg, sample_build, tmp_path, command, form):
    args = [a.replace("{tmp}", str(tmp_path / "net")) for a in command] + [str(_data(sample_build, form))]
    done = kg(*args)
    assert done.returncode in (0, 1), (args, done.stderr)  # 1: kg validate found violations
    assert "Traceback" not in done.stderr and done.stdout.strip()


BAD = [
    ("bad.ttl", b"@prefix x: <http://x/> .\nx:a x:b .\n", "malformed Turtle: line 2"),
    ("bad.nq", b"<http://a> <http://b> <http://c> <http://g> <http://x> .\n", "malformed N-Quads"),
    ("bad.jsonld", b"{", "malformed JSON-LD"),
    ("bad.xyz", b"", "unknown RDF file type '.xyz'"),
    ("missing.ttl", None, "no such file"),
]


@pytest.mark.parametrize("name,content,expected", BAD, ids=[b[0] for b in BAD])
@pytest.mark.parametrize("command", [
    ("query", "documents", "--data"), ("export", "--data"), ("network", "--data"), ("validate",), ("publish", "--data"),
])
def test_every_command_gives_the_same_one_line_error(kg, tmp_path, command, name, content, expected):
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    args = list(command) + [str(path)]
    if command[0] in ("network", "publish"):
        args += ["--out", str(tmp_path / "out")]
    done = kg(*args)
    assert done.returncode == 2, (args, done.stderr)
    assert done.stderr.count("\n") == 1 and expected in done.stderr and "Traceback" not in done.stderr


def test_library_errors(tmp_path):
    with pytest.raises(InputError, match="no kg.nq or kg.ttl in this folder"):
        resolve(tmp_path)
    bad = tmp_path / "bad.nt"
    bad.write_bytes(b"<http://a> <http://b> .\n")
    with pytest.raises(InputError, match="malformed N-Triples"):
        read_graph(bad)
    with pytest.raises(InputError, match="malformed N-Triples"):
        read_store(bad)


def test_a_fresh_kg_nq_is_preferred_only_when_asked(sample_build):
    ttl = sample_build.out_dir / "kg.ttl"
    assert resolve(ttl) == ttl
    assert resolve(ttl, prefer_quads=True) == sample_build.out_dir / "kg.nq"
    assert resolve(sample_build.out_dir) == sample_build.out_dir / "kg.nq"


def test_format_table():
    assert formats.of_path("x.TTL").name == "ttl" and formats.of_path("x.json").name == "jsonld"
    assert [f.name for f in formats.TABLE if f.quads] == ["nq", "trig"]
    assert formats.BY_MEDIA_TYPE["application/n-quads"].suffix == ".nq"
    with pytest.raises(InputError, match="unknown format"):
        formats.by_name("csv")


def test_canonical_ntriples_and_terms(sample_graph):
    data = ntriples_bytes(sample_graph)
    lines = data.split(b"\n")[:-1]
    assert lines == sorted(set(lines)) and len(lines) == len(sample_graph)
    assert ntriples_lines(sample_graph) == [line.decode("utf-8") for line in lines]
    again = parse_ntriples(data)
    assert set(again) == set(sample_graph)
    assert canonical_lines(data) == canonical_lines(ntriples_bytes(again))
    assert ntriples_bytes(Graph()) == b"" and ntriples_lines(Graph()) == []


def test_terms():
    import pyoxigraph as ox

    from rdflib import BNode, Literal, URIRef
    from rdflib.namespace import XSD

    assert from_oxigraph(ox.NamedNode("http://x/a")) == URIRef("http://x/a")
    assert from_oxigraph(ox.Literal("a", language="zh")) == Literal("a", lang="zh")
    assert from_oxigraph(ox.Literal("a")) == Literal("a") and from_oxigraph(None) is None
    assert from_oxigraph(ox.Literal("1", datatype=ox.NamedNode(str(XSD.integer)))) == Literal(1)
    assert isinstance(from_oxigraph(ox.BlankNode("b")), BNode)
    assert short_iri("https://w3id.org/unodc-kg/id/country/AFG") == "id:country/AFG"
    assert short_iri("http://x/a") == "http://x/a" and short_iri("http://x/a", brackets=True) == "<http://x/a>"
    assert short_iri("http://x/a", {"x": "http://x/"}) == "x:a"
    assert pick_label({"zh": "甲", "en": "A"}, "zh") == "甲" and pick_label({"fr": "Le"}, "zh") == "Le"
    assert pick_label({"zh": "甲", "en": "A"}, "fr") == "A" and pick_label({}, "en") == ""
