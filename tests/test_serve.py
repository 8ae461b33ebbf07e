"""Tests of the SPARQL endpoint (kg.access.serve, `kg serve`) over real HTTP on 127.0.0.1 with an OS-chosen port."""

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
from processes import alive, children_of

from kg.core.errors import InputError
from kg.access.query import load_store
from kg.access.serve import make_server, negotiate, start_in_thread

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


# ---------------------------------------------------------------- issue 20: SSRF, resource limits, protocol faults


@pytest.fixture()
def listener():
    """A TCP listener on 127.0.0.1 that must never be contacted; yields (url, received) where received() -> bool."""
    import select
    import socket

    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(8)
    sock.setblocking(False)
    url = f"http://127.0.0.1:{sock.getsockname()[1]}/sparql"

    def received(wait: float = 0.5) -> bool:
        ready, _, _ = select.select([sock], [], [], wait)
        return bool(ready)

    yield url, received
    sock.close()


FEDERATED = {
    "plain": "SELECT * WHERE { SERVICE <{url}> { ?s ?p ?o } }",
    "silent-lowercase": "select * where { service silent <{url}> { ?s ?p ?o } }",
    "after-comment": "# a comment\nPREFIX x: <http://x/>\nSELECT * WHERE { ?a ?b ?c . SERVICE <{url}> { ?s ?p ?o } } LIMIT 1",
    "variable-endpoint": "SELECT * WHERE { BIND(<{url}> AS ?e) SERVICE ?e { ?s ?p ?o } }",
    "unicode-escaped": "SELECT * WHERE { \\u0053ERVICE <{url}> { ?s ?p ?o } }",
    "no-spaces": "SELECT * WHERE{?a ?b ?c FILTER(?a<?b)SERVICE<{url}>{?s ?p ?o}}",
}


@pytest.mark.parametrize("case", sorted(FEDERATED))
@pytest.mark.parametrize("how", ["get", "post-form", "post-direct"])
def test_serve_refuses_service_clause_ssrf(endpoint, listener, case, how):
    url, received = listener
    query = FEDERATED[case].replace("{url}", url)
    if how == "get":
        status, _, body = _get(endpoint, query)
    elif how == "post-form":
        status, _, body = _request(endpoint, urllib.parse.urlencode({"query": query}).encode(),
                                   {"Content-Type": "application/x-www-form-urlencoded"})
    else:
        status, _, body = _request(endpoint, query.encode(), {"Content-Type": "application/sparql-query"})
    assert status == 400 and b"SERVICE" in body and body.count(b"\n") == 1
    assert not received(), "the endpoint sent a request to the SERVICE URL"


@pytest.mark.parametrize("query", [
    'SELECT ?service WHERE { ?service ?p "SERVICE" } LIMIT 1',
    "PREFIX service: <http://x/> SELECT * WHERE { ?s service:SERVICE ?o } LIMIT 1",
    "SELECT * WHERE { ?s <http://x/SERVICE> ?o } # SERVICE in a comment",
])
def test_serve_word_service_in_names_strings_comments_is_not_federation(endpoint, query):
    assert _get(endpoint, query)[0] == 200


CROSS_ORDER = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f } ORDER BY ?a ?d ?f"  # 4,481^2 = 2*10^7 rows sorted: GiBs


@pytest.fixture()
def capped():
    """An endpoint whose query workers may grow by 200 MiB, two queries at a time, 20 s time limit."""
    server = make_server(load_store(GRAPH_TTL), "127.0.0.1", 0, timeout=20.0, quiet=True, max_memory=200,
                         max_concurrent=2, max_result=1)
    start_in_thread(server)
    yield server
    server.shutdown()
    server.server_close()


def test_serve_memory_cap_stops_cartesian_order_by_while_others_answer(capped):
    import threading

    answers = {}
    heavy = threading.Thread(target=lambda: answers.setdefault("heavy", (_get(capped.url, CROSS_ORDER), time.monotonic())))
    started = time.monotonic()
    heavy.start()
    light = [_get(capped.url, SERVES)[0] for _ in range(3)]  # answered while the heavy one runs
    heavy.join(60)
    (status, _, body), ended = answers["heavy"]
    assert status == 503 and b"memory limit of 200 MiB" in body and body.count(b"\n") == 1
    assert ended - started < 15  # stopped by the memory cap, well before the 20 s time limit
    assert light == [200, 200, 200] and _get(capped.url, SERVES)[0] == 200


def test_serve_result_size_limit(capped):
    status, _, body = _get(capped.url, "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f } LIMIT 20000")  # ~8 MiB of JSON
    assert status == 503 and b"result exceeded the limit of 1 MiB" in body
    assert _get(capped.url, "SELECT * WHERE { ?s ?p ?o } LIMIT 5")[0] == 200


def test_serve_concurrent_query_limit_answers_503():
    import threading

    server = make_server(load_store(GRAPH_TTL), "127.0.0.1", 0, timeout=3.0, quiet=True, max_concurrent=1)
    start_in_thread(server)
    try:
        slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"  # runs to the 3 s limit
        answers = []
        busy = threading.Thread(target=lambda: answers.append(_get(server.url, slow)))
        busy.start()
        time.sleep(0.5)
        started = time.monotonic()
        status, _, body = _get(server.url, SERVES)  # the only worker is busy: waits a second, then 503
        assert status == 503 and b"too many queries at once (limit 1)" in body
        assert 0.9 < time.monotonic() - started < 2.5
        busy.join(30)
        assert answers[0][0] == 503 and b"time limit" in answers[0][2]
        assert _get(server.url, SERVES)[0] == 200  # the killed worker was replaced
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.parametrize("option", ["max_memory", "max_concurrent", "max_result"])
def test_serve_rejects_non_positive_limits(option):
    with pytest.raises(InputError, match="--" + option.replace("_", "-")):
        make_server(None, "127.0.0.1", 0, **{option: 0})


def _raw(url: str, data: bytes) -> bytes:
    import socket

    host, port = urllib.parse.urlsplit(url).netloc.split(":")
    with socket.create_connection((host, int(port)), timeout=10) as sock:
        sock.sendall(data)
        chunks = []
        while True:
            chunk = sock.recv(65536)
            if not chunk:
                break
            chunks.append(chunk)
            if b"\r\n\r\n" in b"".join(chunks):
                head, _, rest = b"".join(chunks).partition(b"\r\n\r\n")
                length = [int(line.split(b":")[1]) for line in head.split(b"\r\n") if line.lower().startswith(b"content-length:")]
                if length and len(rest) >= length[0]:
                    break
        return b"".join(chunks)


def test_serve_malformed_content_length_is_400(endpoint):
    answer = _raw(endpoint, b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
                            b"Content-Length: abc\r\nConnection: close\r\n\r\n")
    assert answer.startswith(b"HTTP/1.1 400") and b"Content-Length" in answer


def test_serve_chunked_post_body_is_read(endpoint):
    query = SERVES.encode()
    body = b"".join(b"%x\r\n%s\r\n" % (len(part), part) for part in (query[:20], query[20:])) + b"0\r\n\r\n"
    answer = _raw(endpoint, b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
                            b"Accept: text/csv\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n" + body)
    assert answer.startswith(b"HTTP/1.1 200") and b"global-maritime-crime-programme" in answer


@pytest.mark.parametrize("method", ["PUT", "DELETE", "PATCH"])
def test_serve_write_methods_are_405_with_allow(endpoint, method):
    status, media, body = _request(endpoint, b"x", {"Content-Type": "text/turtle"}, method=method)
    assert status == 405 and media.startswith("text/plain") and b"read-only" in body


def test_serve_host_header_is_not_pasted_into_the_description(endpoint):
    status, _, body = _request(endpoint, headers={"Host": "evil> ; <http://x"})
    assert status == 200 and b"evil" not in body and b"127.0.0.1" in body


def test_serve_cors_preflight_allows_requested_headers(endpoint):
    request = urllib.request.Request(endpoint, method="OPTIONS",
                                     headers={"Access-Control-Request-Headers": "Authorization, X-Requested-With"})
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.status == 204
        assert response.headers["Access-Control-Allow-Headers"] == "Authorization, X-Requested-With"


def test_serve_port_out_of_range_is_one_line(kg):
    done = kg("serve", "--data", str(GRAPH_TTL), "--port", "99999")
    assert done.returncode == 2 and "--port" in done.stderr and len(done.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("shape", ["groups", "brackets"])
def test_serve_deeply_nested_query_is_400_not_a_crash(endpoint, shape):
    n = 5000
    query = ("SELECT * WHERE " + "{" * n + " ?s ?p ?o " + "}" * n if shape == "groups"
             else "SELECT * WHERE { FILTER(" + "(" * n + "1" + ")" * n + ") }")
    status, _, body = _request(endpoint, query.encode(), {"Content-Type": "application/sparql-query"})
    assert status == 400 and b"nested too deeply" in body
    assert _get(endpoint, SERVES)[0] == 200


def test_serve_query_workers_end_with_the_server():
    server = make_server(load_store(GRAPH_TTL), "127.0.0.1", 0, timeout=5.0, quiet=True, max_concurrent=3)
    start_in_thread(server)
    assert _get(server.url, SERVES)[0] == 200
    processes = [w.process for w in server.workers._all]
    assert len(processes) == 3 and all(p.is_alive() for p in processes)
    server.shutdown()
    server.server_close()
    assert not any(p.is_alive() for p in processes)


@pytest.mark.slow
@pytest.mark.parametrize("sig", ["SIGTERM", "SIGKILL"])
def test_serve_query_workers_do_not_outlive_a_killed_server(sig):
    import signal

    process = subprocess.Popen(
        [sys.executable, "-m", "kg.cli", "serve", "--data", str(GRAPH_TTL), "--port", "0", "--max-concurrent", "3"],
        stderr=subprocess.PIPE, text=True,
    )
    try:
        line = process.stderr.readline()
        url = line.split(" at ", 1)[1].split()[0]
        assert _get(url, SERVES)[0] == 200
        workers = children_of(process.pid)
        assert len(workers) == 3
        process.send_signal(getattr(signal, sig))
        process.wait(10)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    deadline = time.monotonic() + 10
    while any(alive(w) for w in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(alive(w) for w in workers), "query workers outlived the server"


def test_serve_half_sent_request_is_dropped_after_the_read_timeout(monkeypatch):
    import socket

    from kg.access.serve import SparqlHandler

    monkeypatch.setattr(SparqlHandler, "timeout", 0.5)
    server = make_server(load_store(GRAPH_TTL), "127.0.0.1", 0, quiet=True, max_concurrent=1)
    start_in_thread(server)
    try:
        with socket.create_connection(server.server_address[:2], timeout=10) as sock:
            sock.sendall(b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nSELECT")  # and then nothing
            started = time.monotonic()
            assert sock.recv(1000) == b""  # the server hung up
            assert time.monotonic() - started < 5
        assert _get(server.url, SERVES)[0] == 200
    finally:
        server.shutdown()
        server.server_close()


# ---------------------------------------------------------------- the RDF dataset: kg.nq's named graphs, protocol parameters

DATASET_TRIG = Path(__file__).resolve().parent / "data" / "export" / "dataset.trig"
GRAPHS = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g"
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


@pytest.fixture(scope="module")
def quads_endpoint():
    """The endpoint over tests/data/export/dataset.trig loaded with its named graphs; yields (url, {graph: triples})."""
    import pyoxigraph as ox

    graphs: dict = {}
    for quad in ox.parse(path=str(DATASET_TRIG), format=ox.RdfFormat.TRIG):
        graphs.setdefault(quad.graph_name.value, set()).add(quad.triple)
    server = make_server(load_store(DATASET_TRIG, named_graphs=True), "127.0.0.1", 0, timeout=5.0, quiet=True)
    start_in_thread(server)
    yield server.url, graphs
    server.shutdown()
    server.server_close()


def _rows(body: bytes) -> list[dict]:
    return [{k: v["value"] for k, v in b.items()} for b in json.loads(body)["results"]["bindings"]]


def _with_dataset(url: str, query: str | None = None, default=(), named=()) -> str:
    pairs = ([("query", query)] if query else []) + [("default-graph-uri", g) for g in default] + \
        [("named-graph-uri", g) for g in named]
    return f"{url}?{urllib.parse.urlencode(pairs)}"


def test_serve_graph_queries_see_the_named_graphs_of_kg_nq(quads_endpoint):
    url, graphs = quads_endpoint
    status, _, body = _get(url, GRAPHS)
    assert status == 200 and [r["g"] for r in _rows(body)] == sorted(graphs)
    assert len(graphs) == 3  # two documents and id/graph/reference


def test_serve_default_graph_is_still_the_merge_with_the_named_graphs_loaded(quads_endpoint):
    url, graphs = quads_endpoint
    merged = load_store(DATASET_TRIG)  # what kg query and the endpoint asked before: every triple once
    status, _, body = _get(url, COUNT)
    assert status == 200 and int(_rows(body)[0]["n"]) == len(merged)


@pytest.mark.parametrize("how", ["get", "post-form", "post-direct"])
def test_serve_default_graph_uri_is_the_default_graph(quads_endpoint, how):
    url, graphs = quads_endpoint
    chosen = sorted(graphs)[0]
    if how == "get":
        status, _, body = _request(_with_dataset(url, COUNT, default=[chosen]))
    elif how == "post-form":
        form = urllib.parse.urlencode([("query", COUNT), ("default-graph-uri", chosen)]).encode()
        status, _, body = _request(url, form, {"Content-Type": "application/x-www-form-urlencoded"})
    else:
        status, _, body = _request(_with_dataset(url, default=[chosen]), COUNT.encode(),
                                   {"Content-Type": "application/sparql-query"})
    assert status == 200 and int(_rows(body)[0]["n"]) == len(graphs[chosen])


def test_serve_two_default_graph_uris_are_merged(quads_endpoint):
    url, graphs = quads_endpoint
    two = sorted(graphs)[:2]
    query = "SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o }"
    status, _, body = _request(_with_dataset(url, query, default=two))
    assert status == 200 and len(_rows(body)) == len(graphs[two[0]] | graphs[two[1]])


def test_serve_named_graph_uri_limits_graph_and_empties_the_default_graph(quads_endpoint):
    url, graphs = quads_endpoint
    chosen = sorted(graphs)[-1]
    status, _, body = _request(_with_dataset(url, GRAPHS, named=[chosen]))
    assert status == 200 and [r["g"] for r in _rows(body)] == [chosen]
    status, _, body = _request(_with_dataset(url, COUNT, named=[chosen]))
    assert status == 200 and _rows(body)[0]["n"] == "0"  # the protocol's dataset has no default graph listed


def test_serve_protocol_dataset_overrides_from_in_the_query(quads_endpoint):
    url, graphs = quads_endpoint
    first, second = sorted(graphs)[:2]
    query = f"SELECT (COUNT(*) AS ?n) FROM <{first}> WHERE {{ ?s ?p ?o }}"
    assert int(_rows(_get(url, query)[2])[0]["n"]) == len(graphs[first])
    status, _, body = _request(_with_dataset(url, query, default=[second]))
    assert status == 200 and int(_rows(body)[0]["n"]) == len(graphs[second])  # SPARQL 1.1 Protocol §2.1.4


@pytest.mark.parametrize("iri", ["not an iri", "relative/graph", "http://x/%zz", ""])
@pytest.mark.parametrize("key", ["default-graph-uri", "named-graph-uri"])
def test_serve_bad_dataset_iri_is_400(quads_endpoint, key, iri):
    url, _ = quads_endpoint
    status, _, body = _request(f"{url}?{urllib.parse.urlencode([('query', COUNT), (key, iri)])}")
    assert status == 400 and body.startswith(key.encode()) and body.count(b"\n") == 1


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """A build folder of two synthetic documents (kg.ttl, kg.nq)."""
    from bench.synth import make_corpus
    from kg.build.run import build
    from kg.steps import STANDARD

    folder = tmp_path_factory.mktemp("serve-build")
    make_corpus(folder / "corpus", 2, lang="en")
    return build([folder / "corpus"], folder / "out", steps=STANDARD).out_dir


def _cases():
    from golden import golden_cases

    return {case["name"]: case for case in golden_cases()[1]}


@pytest.mark.parametrize("name", sorted(_cases()))
def test_serve_named_queries_give_the_same_rows_with_named_graphs_loaded(built, name):
    from kg.core.errors import InputError as Refused
    from kg.access.query import run_query

    case = _cases()[name]
    stores = {"kg.ttl": load_store(built / "kg.ttl"), "kg.nq+graphs": load_store(built / "kg.nq", named_graphs=True)}
    rows = {}
    for label, store in stores.items():
        try:
            rows[label] = sorted(map(repr, run_query(case["query"], store, case.get("params", {})).rows))
        except Refused as exc:  # a name the synthetic build lacks: refused alike by both
            rows[label] = str(exc)
    assert rows["kg.ttl"] == rows["kg.nq+graphs"]


@pytest.mark.slow
def test_serve_cli_over_a_build_folder_exposes_its_named_graphs(built):
    process = subprocess.Popen([sys.executable, "-m", "kg.cli", "serve", "--data", str(built), "--port", "0"],
                               stderr=subprocess.PIPE, text=True)
    try:
        line = process.stderr.readline()
        assert "http://127.0.0.1:" in line, line
        url = line.split(" at ", 1)[1].split()[0]
        status, _, body = _get(url, GRAPHS)
        names = [r["g"] for r in _rows(body)]
        assert status == 200 and len(names) == 3 and "https://w3id.org/unodc-kg/id/graph/reference" in names
        assert int(_rows(_get(url, COUNT)[2])[0]["n"]) == len(load_store(built / "kg.ttl"))
    finally:
        process.terminate()
        process.wait(10)


# ---------------------------------------------------------------- answers kept for repeated queries


@pytest.fixture()
def counted():
    """An endpoint over graph.ttl whose query runs are counted; yields (url, runs: list of query texts)."""
    server = make_server(load_store(GRAPH_TTL), "127.0.0.1", 0, timeout=5.0, quiet=True)
    runs, real = [], server.workers.run

    def run(text, accept, wait=1.0, dataset=None):
        runs.append(text)
        return real(text, accept, wait, dataset)

    server.workers.run = run
    start_in_thread(server)
    yield server.url, runs
    server.shutdown()
    server.server_close()


def test_serve_repeated_query_is_answered_from_the_cache(counted):
    url, runs = counted
    first, second = _get(url, SERVES), _get(url, SERVES)
    assert first == second and first[0] == 200 and len(runs) == 1
    assert _get(url, SERVES, accept="text/csv")[1].startswith("text/csv") and len(runs) == 2  # the Accept is in the key
    assert _request(_with_dataset(url, SERVES, default=["https://w3id.org/unodc-kg/id/graph/reference"]))[0] == 200
    assert len(runs) == 3  # and so is the dataset


@pytest.mark.parametrize("query", ["SELECT * WHERE { ?s ?p", "SELECT * WHERE { ?s ?p ?o FILTER(?o > (1/0)) } LIMIT 1 OFFSET x"])
def test_serve_cache_keeps_only_successful_answers(counted, query):
    url, runs = counted
    statuses = [_get(url, query)[0] for _ in range(2)]
    assert statuses == [400, 400] and len(runs) == 2


def test_serve_cache_zero_runs_every_query():
    server = make_server(load_store(GRAPH_TTL), "127.0.0.1", 0, timeout=5.0, quiet=True, cache=0)
    start_in_thread(server)
    try:
        assert _get(server.url, SERVES) == _get(server.url, SERVES)
        assert server.answers.size == 0
    finally:
        server.shutdown()
        server.server_close()


def test_serve_same_query_asked_at_once_runs_once():
    import threading

    from kg.access.serve import AnswerCache

    cache, calls, answers = AnswerCache(1 << 20), [], []

    def slow(answer):
        def compute():
            calls.append(1)
            time.sleep(0.3)
            return answer
        return compute

    threads = [threading.Thread(target=lambda: answers.append(cache.answer(("q", "", None), slow((200, "text/plain", b"x")))))
               for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(calls) == 1 and answers == [(200, "text/plain", b"x")] * 8
    timed_out = (503, "text/plain", b"query exceeded the time limit\n")
    threads = [threading.Thread(target=lambda: answers.append(cache.answer(("slow", "", None), slow(timed_out))))
               for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(calls) == 2 and answers[8:] == [timed_out] * 4  # shared while it ran, not kept
    assert cache.answer(("slow", "", None), slow(timed_out)) == timed_out and len(calls) == 3


def test_serve_cache_drops_least_recently_used_answers_past_its_limit():
    from kg.access.serve import AnswerCache

    cache = AnswerCache(10_000)
    body = b"x" * 1500
    for n in range(5):  # 5 x (1,500 bytes + key + 200) fit in 10,000; a sixth does not
        cache.answer((f"q{n}", "", None), lambda: (200, "text/plain", body))
    cache.answer(("q0", "", None), lambda: pytest.fail("q0 is kept"))  # used again: now the most recent
    cache.answer(("q6", "", None), lambda: (200, "text/plain", body))
    assert cache.size <= 10_000
    kept = [k[0] for k in cache._answers]
    assert kept[-2:] == ["q0", "q6"] and "q1" not in kept
    cache.answer(("huge", "", None), lambda: (200, "text/plain", b"y" * 5000))  # over a quarter of the limit
    assert ("huge", "", None) not in cache._answers


def test_serve_negative_cache_is_one_line(kg):
    done = kg("serve", "--data", str(GRAPH_TTL), "--port", "0", "--cache", "-1")
    assert done.returncode == 2 and "--cache must be 0 or more" in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
