"""Tests of the SPARQL endpoint (kg.serve, `kg serve`) over real HTTP on 127.0.0.1 with an OS-chosen port."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from kg.errors import InputError
from kg.query import load_store
from kg.serve import make_server, negotiate, start_in_thread

GRAPH_TTL = Path(__file__).resolve().parent / "data" / "query" / "graph.ttl"
UNTOC = "https://w3id.org/unodc-kg/id/convention/untoc"
SERVES = ("PREFIX unodc: <https://w3id.org/unodc-kg/ontology#> "
          f"SELECT ?programme WHERE {{ ?programme unodc:serves <{UNTOC}> }} ORDER BY ?programme")


@pytest.fixture(scope="module")
def endpoint():
    """The endpoint over tests/data/query/graph.ttl (+ ontology and reference data), 1 s query time limit."""
    server = make_server(load_store(GRAPH_TTL), "127.0.0.1", 0, timeout=1.0, quiet=True)
    start_in_thread(server)
    yield server.url
    server.shutdown()
    server.server_close()


def _request(url, data=None, headers=None, method=None):
    request = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.headers.get("Content-Type", ""), response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Content-Type", ""), error.read()


def _get(url, query, accept=None):
    return _request(f"{url}?{urllib.parse.urlencode({'query': query})}", headers={"Accept": accept} if accept else {})


def test_serve_get_select_as_sparql_json(endpoint):
    status, media, body = _get(endpoint, SERVES)
    assert status == 200 and media.startswith("application/sparql-results+json")
    doc = json.loads(body)
    programmes = [b["programme"]["value"] for b in doc["results"]["bindings"]]
    assert "https://w3id.org/unodc-kg/id/programme/global-maritime-crime-programme" in programmes
    assert doc["head"]["vars"] == ["programme"]


def test_serve_post_form_and_direct_give_the_same_rows(endpoint):
    form = _request(endpoint, urllib.parse.urlencode({"query": SERVES}).encode(),
                    {"Content-Type": "application/x-www-form-urlencoded", "Accept": "text/csv"})
    direct = _request(endpoint, SERVES.encode(), {"Content-Type": "application/sparql-query", "Accept": "text/csv"})
    get = _get(endpoint, SERVES, "text/csv")
    assert form[0] == direct[0] == get[0] == 200
    assert form[2] == direct[2] == get[2]
    rows = list(csv.reader(io.StringIO(form[2].decode())))
    assert rows[0] == ["programme"] and len(rows) >= 2


def test_serve_negotiates_result_formats(endpoint):
    cases = [
        ("application/sparql-results+xml", "application/sparql-results+xml", b"<sparql"),
        ("text/tab-separated-values", "text/tab-separated-values", b"?programme"),
        ("text/html;q=0.9, text/csv;q=0.5", "text/csv", b"programme"),
        ("*/*", "application/sparql-results+json", b'"vars"'),
    ]
    for accept, expected, marker in cases:
        status, media, body = _get(endpoint, SERVES, accept)
        assert status == 200 and media.startswith(expected) and marker in body, accept
    assert len(cases) == 4
    assert negotiate("text/turtle;q=0.2, application/n-triples", ["text/turtle", "application/n-triples"]) == \
        "application/n-triples"


def test_serve_construct_and_describe_as_turtle(endpoint):
    from rdflib import Graph, URIRef

    status, media, body = _get(endpoint, f"DESCRIBE <{UNTOC}>")
    assert status == 200 and media.startswith("text/turtle")
    graph = Graph().parse(data=body.decode(), format="turtle")
    assert (URIRef(UNTOC), None, None) in graph
    status, media, _ = _get(endpoint, f"CONSTRUCT WHERE {{ <{UNTOC}> ?p ?o }}", "application/n-triples")
    assert status == 200 and media.startswith("application/n-triples")
    status, _, body = _get(endpoint, f"ASK {{ <{UNTOC}> ?p ?o }}")
    assert status == 200 and json.loads(body)["boolean"] is True


def test_serve_refuses_updates(endpoint):
    update = "INSERT DATA { <http://x/a> <http://x/b> <http://x/c> }"
    attempts = [
        _request(endpoint, update.encode(), {"Content-Type": "application/sparql-update"}),
        _request(endpoint, urllib.parse.urlencode({"update": update}).encode(),
                 {"Content-Type": "application/x-www-form-urlencoded"}),
        _get(endpoint, "PREFIX x: <http://x/>\n" + update),
        _request(f"{endpoint}?{urllib.parse.urlencode({'update': update})}"),
    ]
    for status, _, body in attempts:
        assert status == 403 and b"read-only" in body
    assert len(attempts) == 4
    _, _, body = _get(endpoint, "ASK { <http://x/a> ?p ?o }")
    assert json.loads(body)["boolean"] is False  # nothing was written


def test_serve_stops_a_query_at_the_time_limit(endpoint):
    cross_join = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"  # ~10^11 rows
    started = time.monotonic()
    status, _, body = _get(endpoint, cross_join)
    elapsed = time.monotonic() - started
    assert status == 503 and b"time limit" in body
    assert elapsed < 10
    status, _, _ = _get(endpoint, SERVES)  # the server still answers
    assert status == 200


def test_serve_reports_bad_requests(endpoint):
    status, _, body = _get(endpoint, "SELECT ?x WHERE { ?x ?y }")
    assert status == 400 and b"malformed query" in body and b"1:" in body
    assert _request(endpoint, b"x", {"Content-Type": "text/plain"})[0] == 415
    assert _request(endpoint.replace("/sparql", "/nothing"))[0] == 404
    status, media, body = _request(endpoint)  # no query: the service description
    assert status == 200 and media.startswith("text/turtle") and b"sd:SPARQL11Query" in body


def test_serve_rejects_bad_settings():
    with pytest.raises(InputError, match="--timeout"):
        make_server(None, "127.0.0.1", 0, timeout=0)
    with pytest.raises(InputError, match="no such file"):
        load_store(GRAPH_TTL.parent / "missing.ttl")


@pytest.mark.slow
def test_serve_cli_answers_over_http():
    process = subprocess.Popen(
        [sys.executable, "-m", "kg.cli", "serve", "--data", str(GRAPH_TTL), "--port", "0", "--timeout", "5"],
        stderr=subprocess.PIPE, text=True,
    )
    try:
        line = process.stderr.readline()
        assert "http://127.0.0.1:" in line, line
        url = line.split(" at ", 1)[1].split()[0]
        status, _, body = _get(url, SERVES)
        assert status == 200 and b"global-maritime-crime-programme" in body
    finally:
        process.terminate()
        process.wait(10)
