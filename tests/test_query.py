"""Tests of the query library (queries/*.rq), kg.access.query, kg.access.names and `kg query`.

Golden results: tests/golden/<case>.csv, one per case of tests/data/query/cases.json (a named query, its data — the
hand-built tests/data/query/graph.ttl or the sample build — and its parameters).  After changing a query, the
hand-built graph or the extractor, regenerate them and review the diff before committing:

    python -m tests.golden
"""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from rdflib import XSD, BNode, Literal, URIRef

from kg.core.errors import InputError
from kg.core.namespaces import ID
from kg.access.query import display_width, load_spec, named_queries, render, run_query, to_csv, with_values
from kg.access.names import resolve_entity
from golden import golden_cases, golden_graph

TESTS, CASES = golden_cases()
HAND_CASES = [c for c in CASES if c["data"] != "sample"]
SAMPLE_CASES = [c for c in CASES if c["data"] == "sample"]
GRAPH_TTL = TESTS / "data" / "query" / "graph.ttl"


@pytest.fixture(scope="module")
def hand_graph():
    """tests/data/query/graph.ttl with the ontology."""
    return golden_graph("data/query/graph.ttl", TESTS)


@pytest.fixture(scope="module")
def hand_store(hand_graph):
    """The same triples in a pyoxigraph Store."""
    import pyoxigraph as ox

    store = ox.Store()
    store.bulk_load(hand_graph.serialize(format="nt", encoding="utf-8"), ox.RdfFormat.N_TRIPLES)
    return store


def _canonical(result) -> list[tuple]:
    """Rows with numbers compared by value (oxigraph writes 120.0 as 120), everything else by text."""

    def key(term):
        if isinstance(term, Literal) and isinstance(term.toPython(), (int, float, Decimal)):
            return str(Decimal(str(term.toPython())).normalize())
        return "" if term is None else str(term)

    return [tuple(key(t) for t in row) for row in result.rows]


def test_query_every_named_query_has_a_header_and_a_golden_case():
    names = named_queries()
    assert len(names) >= 14
    covered = {c["query"] for c in HAND_CASES}
    assert set(names) <= covered, f"named queries without a golden case: {sorted(set(names) - covered)}"
    for name in names:
        spec = load_spec(name)
        assert spec.description and spec.examples, name
        assert all(p.kind in ("entity", "literal") for p in spec.params), name


def _store_of(graph):
    import pyoxigraph as ox

    store = ox.Store()
    store.bulk_load(graph.serialize(format="nt", encoding="utf-8"), ox.RdfFormat.N_TRIPLES)
    return store


@pytest.fixture(scope="module")
def hand_sources(hand_graph, hand_store):
    """The graph and store of each hand-built file, loaded once: tests/data/query/graph.ttl and the others."""
    sources = {"data/query/graph.ttl": (hand_graph, hand_store)}

    def get(data):
        if data not in sources:
            loaded = golden_graph(data, TESTS)
            sources[data] = (loaded, _store_of(loaded))
        return sources[data]

    return get


def test_query_golden_cases_are_all_collected():
    """The cases run one test id each; this count keeps the list from shrinking unnoticed."""
    assert (len(HAND_CASES), len(SAMPLE_CASES)) == (22, 3)


@pytest.mark.parametrize("case", HAND_CASES, ids=[c["name"] for c in HAND_CASES])
def test_query_golden_results_on_the_hand_built_graph(hand_sources, case):
    graph, store = hand_sources(case["data"])
    expected = (TESTS / "golden" / f"{case['name']}.csv").read_bytes().decode("utf-8")
    result = run_query(case["query"], graph, case.get("params", {}))
    assert to_csv(result) == expected, f"{case['name']}: rdflib result differs from tests/golden"
    assert result.rows, f"{case['name']}: a golden case must return rows"
    fast = run_query(case["query"], store, case.get("params", {}))
    assert fast.vars == result.vars and _canonical(fast) == _canonical(result), f"{case['name']}: engines differ"


@pytest.fixture(scope="module")
def sample_golden_graph(sample_build):
    return golden_graph("sample", TESTS, sample_build.out_dir / "kg.ttl")


@pytest.mark.slow
@pytest.mark.parametrize("case", SAMPLE_CASES, ids=[c["name"] for c in SAMPLE_CASES])
def test_query_golden_results_on_the_sample(sample_golden_graph, case):
    expected = (TESTS / "golden" / f"{case['name']}.csv").read_bytes().decode("utf-8")
    assert to_csv(run_query(case["query"], sample_golden_graph, case.get("params", {}))) == expected, case["name"]


def test_query_store_from_nquads_sees_every_document_graph(sample_build):
    """kg.nq keeps one named graph per document; queried, it must answer what kg.ttl (their union) answers."""
    from kg.access.query import load_store

    by_graph = load_store(sample_build.out_dir / "kg.nq")
    union = load_store(sample_build.out_dir / "kg.ttl")
    assert len(by_graph) == len(union)
    for name in ("mentions", "relations", "documents"):
        rows = to_csv(run_query(name, by_graph))
        assert rows == to_csv(run_query(name, union)) and rows.count("\n") > 1, name


def test_query_contract_columns(hand_graph):
    columns = {
        "entities": ["entity", "type", "label", "lang"],
        "mentions": ["entity", "document", "paragraph", "start", "end", "text"],
        "programmes-serving-convention": ["programme", "label", "evidence"],
        "quantities": ["value", "unit", "quantityOf", "about", "text", "paragraph", "evidence"],
    }
    params = {"programmes-serving-convention": {"convention": "UNTOC"}}
    for name, expected in columns.items():
        assert run_query(name, hand_graph, params.get(name, {})).vars == expected, name


def test_query_programmes_serving_convention_follow_protocols_both_ways(hand_graph):
    rows = run_query("programmes-serving-convention", hand_graph, {"convention": "UNTOC"}).rows
    programmes = {str(r[0]).rsplit("/", 1)[1] for r in rows}
    # direct; via hasProtocol; via protocolOf (no evidence); the UNCAC programme is not listed
    assert programmes == {"global-maritime-crime-programme", "glo-act", "tip-initiative"}
    assert {str(r[0]).rsplit("/", 1)[1]: r[2] for r in rows}["tip-initiative"] is None


def test_query_paragraph_column_is_printed_number_else_local_name(hand_graph):
    """Numbered paragraphs by their printed number; footnotes (numbered "2" like paragraph 2) and unnumbered text by
    the local name of the paragraph IRI, so the column never mixes IRIs with numbers nor confuses fn5 with p2."""
    rows = run_query("mentions", hand_graph, {}).dicts()
    paragraphs = {(str(r["text"]), str(r["paragraph"])) for r in rows}
    assert ("UNCAC", "fn5") in paragraphs and ("WHO", "t3") in paragraphs and ("UNTOC", "1") in paragraphs
    assert not any(p.startswith("http") for _, p in paragraphs)


def test_query_entities_most_specific_type(hand_graph):
    rows = run_query("entities", hand_graph, {}).rows
    types = {str(r[0]).rsplit("/", 1)[1]: str(r[1]) for r in rows}
    assert types["global-maritime-crime-programme"] == "GlobalProgramme"  # typed Programme and GlobalProgramme
    assert types["cnd"] == "Commission"


RESOLVE_CASES = [
    ("UNTOC", "convention/untoc"),
    ("untoc", "convention/untoc"),
    ("United Nations Convention against Transnational Organized Crime", "convention/untoc"),
    ("联合国打击跨国有组织犯罪公约", "convention/untoc"),
    ("《联合国打击跨国有组织犯罪公约》", "convention/untoc"),
    ("有组织犯罪公约", "convention/untoc"),
    ("https://w3id.org/unodc-kg/id/convention/untoc", "convention/untoc"),
    ("<https://w3id.org/unodc-kg/id/convention/untoc>", "convention/untoc"),
    ("convention/untoc", "convention/untoc"),
    ("麻委会", "body/cnd"),
    ("cnd", "body/cnd"),
    ("ＷＨＯ", "organization/who"),  # full-width letters
    ("毒品和犯罪问题办公室", "organization/unodc"),
]


@pytest.mark.parametrize("engine", ["rdflib", "oxigraph"])
def test_query_resolves_names_in_both_languages(engine, hand_graph, hand_store):
    source = hand_graph if engine == "rdflib" else hand_store
    for name, expected in RESOLVE_CASES:
        assert resolve_entity(name, source) == URIRef(str(ID) + expected), name
    assert len(RESOLVE_CASES) == 13


def test_query_resolve_errors_list_candidates(hand_graph):
    with pytest.raises(InputError, match=r"ambiguous.*GLO\.ACT.*Global Maritime Crime Programme"):
        resolve_entity("GP", hand_graph)
    with pytest.raises(InputError, match=r"unknown entity 'UNTOCC'.*untoc"):
        resolve_entity("UNTOCC", hand_graph)
    with pytest.raises(InputError, match="no entity with IRI"):
        resolve_entity("https://example.org/nothing", hand_graph)


INJECTIONS = [
    'x") || true || ("',
    "x' } UNION { ?s ?p ?o } #",
    '"""} } SELECT * WHERE { ?s ?p ?o } #',
    "maritime\\\" ) ) #",
]


@pytest.mark.parametrize("engine", ["rdflib", "oxigraph"])
def test_query_params_cannot_inject_sparql(engine, hand_graph, hand_store):
    source = hand_graph if engine == "rdflib" else hand_store
    for value in INJECTIONS:
        result = run_query("countries-assisted", source, {"area": value})
        assert result.rows == [], value  # the value is one literal: it matches no text
    assert len(INJECTIONS) == 4
    with pytest.raises(InputError):
        run_query("evidence", source, {"entity": "x> } ?s ?p ?o { <y"})
    with pytest.raises(InputError):
        with_values("SELECT * WHERE { ?s ?p ?o }", {"s": URIRef("http://x/a> } INSERT DATA { <b")})


def test_query_missing_and_unknown_params(hand_graph):
    with pytest.raises(InputError, match="needs --param convention"):
        run_query("programmes-serving-convention", hand_graph, {})
    with pytest.raises(InputError, match="has no parameter 'country'"):
        run_query("partners", hand_graph, {"country": "AFG"})
    with pytest.raises(InputError, match="unknown query"):
        run_query("no-such-query", hand_graph, {})


def test_query_table_aligns_wide_characters_and_shows_labels(hand_graph):
    result = run_query("mentions", hand_graph, {"entity": "UNODC"})
    table = render(result, "table", hand_graph, "zh")
    lines = table.splitlines()
    assert "联合国毒品和犯罪问题办公室" in table  # entity IRIs shown by their Chinese label
    start = lines[0].index("document")
    header_col = display_width(lines[0][:start])
    for line in lines[2:-1]:
        cut = next(i for i in range(len(line)) if display_width(line[:i]) >= header_col)
        assert display_width(line[:cut]) == header_col and line[cut - 2 : cut] == "  ", line
    assert lines[-1] == "(3 rows)"


def test_query_json_is_sparql_results(hand_graph):
    result = run_query("quantities", hand_graph, {})
    doc = json.loads(render(result, "json"))
    assert doc["head"]["vars"] == result.vars
    first = doc["results"]["bindings"][0]
    assert first["value"]["datatype"].endswith("#decimal") and first["about"]["type"] == "uri"
    assert "quantityOf" not in first  # unbound variables are left out


def test_query_cli_same_rows_for_english_and_chinese_names(kg):
    outputs = []
    for name in ("UNTOC", "联合国打击跨国有组织犯罪公约", "United Nations Convention against Transnational Organized Crime"):
        done = kg("query", "programmes-serving-convention", "--data", str(GRAPH_TTL), "--param", f"convention={name}",
                  "--format", "csv")
        assert done.returncode == 0, done.stderr
        outputs.append(done.stdout)
    assert outputs[0] == outputs[1] == outputs[2]
    for programme in ("global-maritime-crime-programme", "glo-act", "tip-initiative"):  # the hand-built ones
        assert f"/programme/{programme}," in outputs[0]


def test_query_cli_errors_are_one_line(kg, tmp_path):
    bad = tmp_path / "bad.rq"
    bad.write_text("SELECT ?x WHERE {\n  ?x ?y ?z .\n  ?x ?? ?z .\n}\n", encoding="utf-8")
    broken = tmp_path / "broken.ttl"
    broken.write_text("@prefix : <http://x/> .\n:a :b .\n", encoding="utf-8")
    cases = [
        (["query", str(bad), "--data", str(GRAPH_TTL)], "line 3, column"),
        (["query", "partners", "--data", str(tmp_path / "missing.ttl")], "no such file"),
        (["query", "partners", "--data", str(broken)], "malformed Turtle: line 2"),
        (["query", "evidence", "--data", str(GRAPH_TTL), "--param", "entity=GP"], "ambiguous"),
        (["query", "evidence", "--data", str(GRAPH_TTL)], "needs --param entity"),
    ]
    for args, needle in cases:
        done = kg(*args)
        assert done.returncode == 2, (args, done.stderr)
        assert needle in done.stderr and done.stderr.count("\n") == 1 and "Traceback" not in done.stderr, done.stderr


@pytest.mark.slow
def test_query_sample_programmes_serving_untoc(sample_build):
    """The done-when of issue 6: UNTOC and its Chinese name give the same programmes, with evidence."""
    from kg.access.query import load_store

    store = load_store(sample_build.out_dir / "kg.ttl")
    en = run_query("programmes-serving-convention", store, {"convention": "UNTOC"})
    zh = run_query("programmes-serving-convention", store, {"convention": "联合国打击跨国有组织犯罪公约"})
    assert en.rows and en.rows == zh.rows
    assert any(row[2] for row in en.rows)


@pytest.mark.parametrize("name,params", [
    ("relations", {}),
    ("partners", {}),
    ("countries-assisted", {}),
    ("programmes-by-country", {"country": "Pakistan"}),
    ("programmes-serving-convention", {"convention": "UNTOC"}),
])
def test_query_min_confidence_keeps_a_subset_on_both_engines(hand_graph, hand_store, name, params):
    everything = run_query(name, hand_graph, params)
    assert _canonical(run_query(name, hand_graph, {**params, "min_confidence": "0"})) == _canonical(everything)
    strict = run_query(name, hand_graph, {**params, "min_confidence": "0.99"})
    assert set(_canonical(strict)) <= set(_canonical(everything))
    if name in ("relations", "partners"):  # the hand graph's extracted relations all have confidence below 0.99
        assert len(_canonical(strict)) < len(_canonical(everything))
    fast = run_query(name, hand_store, {**params, "min_confidence": "0.99"})
    assert _canonical(fast) == _canonical(strict), name


RENDER_ROWS = {  # rows for the renderers: every kind of term, unbound cells, wide and combining characters, clipping
    "terms": [(URIRef("http://example.org/a"), Literal("x", lang="en"), Literal("5", datatype=XSD.integer)),
              (URIRef("http://example.org/a"), Literal("x", lang="EN"), None),
              (BNode("b1"), Literal("1.50", datatype=XSD.decimal), Literal("plain"))],
    "unbound": [(None, None, None), (Literal("only"), None, None)],
    "wide": [(Literal("联合国毒品和犯罪问题办公室" * 6), Literal("e\u0301te\u0301"), Literal("ｆｕｌｌ" + "a" * 80)),
             (Literal("mixed 中文 text " * 5), Literal("\t tabs and\nnewlines "), Literal(""))],
}


@pytest.mark.parametrize("case", sorted(RENDER_ROWS))
def test_query_render_json_and_table_text(case):
    """JSON results are json.dumps(doc, ensure_ascii=False, indent=1) of the SPARQL results document, byte for byte
    (each language tag as written); table cells are clipped to 60 columns and padded by display width."""
    from kg.access.query import QueryResult, json_term, to_json, to_table

    result = QueryResult("select", ["a", "b", "c"], RENDER_ROWS[case])
    bindings = [{v: json_term(t) for v, t in zip(result.vars, row) if t is not None} for row in result.rows]
    expected = json.dumps({"head": {"vars": result.vars}, "results": {"bindings": bindings}}, ensure_ascii=False, indent=1)
    assert to_json(result) == expected + "\n"
    lines = to_table(result).splitlines()
    widths = [display_width(part) for part in lines[1].split("  ")]
    assert all(w <= 60 for w in widths) and lines[-1].startswith(f"({len(result.rows)} row")
    for line in lines[2:-1]:
        assert display_width(line) <= sum(widths) + 2 * (len(widths) - 1)


@pytest.mark.parametrize("text, width", [("abc", 3), ("中文", 4), ("ｆｕ", 4), ("e\u0301", 1), ("", 0), ("a中b", 4)])
def test_query_display_width(text, width):
    assert display_width(text) == width
