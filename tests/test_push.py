"""kg push: the Graph Store protocol against a real Oxigraph server on localhost."""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from rdflib import Dataset, Literal

from kg.rdf.serialize import named_graphs, union
from kg.core.namespaces import ID, UNODC
from kg.publish.push import ONTOLOGY_GRAPH, push, PUSHED_GRAPH, StoreError, graph_url, push_dataset, pushed_graphs

OXIGRAPH = shutil.which("oxigraph") or shutil.which("oxigraph", path=str(Path(sys.executable).parent))
pytestmark = pytest.mark.skipif(OXIGRAPH is None, reason="the Oxigraph server is not installed (pip install oxigraph)")
DOC_A = ID["doc/aaaaaaaaaaaaaaaa"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture()
def oxigraph(tmp_path):
    """A fresh Oxigraph server; yields its base URL."""
    port = _free_port()
    log = (tmp_path / "oxigraph.log").open("wb")
    proc = subprocess.Popen([OXIGRAPH, "serve", "--location", str(tmp_path / "store"), "--bind", f"127.0.0.1:{port}"],
                            stdout=log, stderr=subprocess.STDOUT)  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                    break
            except OSError:
                if proc.poll() is not None:
                    pytest.fail((tmp_path / "oxigraph.log").read_text())
                time.sleep(0.1)
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        log.close()


def _select(base: str, query: str) -> list[dict]:
    url = f"{base}/query?{urllib.parse.urlencode({'query': query})}"
    request = urllib.request.Request(url, headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.load(response)["results"]["bindings"]


def _counts(base: str) -> dict:
    """Triples per named graph of the store, without kg's own list of pushed graphs."""
    rows = _select(base, "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
    return {row["g"]["value"]: int(row["n"]["value"]) for row in rows if row["g"]["value"] != str(PUSHED_GRAPH)}


def test_push_graph_per_document(oxigraph, export_dataset, kg, data_dir):
    done = kg("push", "--endpoint", f"{oxigraph}/store", "--graph-per-document", "--data-only",
              "--data", str(data_dir / "export" / "dataset.trig"))  # fmt: skip
    assert done.returncode == 0, done.stderr
    local = {str(n): len(export_dataset.graph(n)) for n in named_graphs(export_dataset)}
    assert _counts(oxigraph) == local == {str(DOC_A): 67, str(ID["doc/bbbbbbbbbbbbbbbb"]): 50, str(ID["graph/reference"]): 13}
    rows = _select(oxigraph, "SELECT (COUNT(DISTINCT ?m) AS ?n) WHERE { GRAPH ?g { ?m a <%s> } }" % UNODC.Mention)
    assert int(rows[0]["n"]["value"]) == 5

    # document A is rebuilt with one paragraph less: only its graph changes
    changed = Dataset()
    for name in named_graphs(export_dataset):
        for s, p, o in export_dataset.graph(name):
            if s != ID["doc/aaaaaaaaaaaaaaaa/fn1"]:
                changed.graph(name).add((s, p, o))
    changed.graph(DOC_A).add((DOC_A, UNODC.symbol, Literal("E/TEST/1/Rev.1")))
    result = push_dataset(changed, f"{oxigraph}/store", per_document=True, vocabulary=False)
    assert result.graphs[DOC_A] == 67 - 8 + 1 and result.dropped == []  # the footnote had 8 triples
    assert _counts(oxigraph) == dict(local, **{str(DOC_A): 60})
    assert not _select(oxigraph, "SELECT * WHERE { GRAPH ?g { <%s> ?p ?o } }" % ID["doc/aaaaaaaaaaaaaaaa/fn1"])


def test_push_default_graph(oxigraph, export_dataset):
    result = push_dataset(export_dataset, f"{oxigraph}/store", vocabulary=False)
    assert result.graphs == {None: len(union(export_dataset))}
    rows = _select(oxigraph, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    assert int(rows[0]["n"]["value"]) == len(union(export_dataset)) == 126
    push_dataset(export_dataset, f"{oxigraph}/store", vocabulary=False)  # PUT replaces: pushing twice does not double
    assert int(_select(oxigraph, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")[0]["n"]["value"]) == 126


def test_push_store_down_one_line(kg, export_dataset, data_dir):
    port = _free_port()  # nothing listens there
    started = time.monotonic()
    with pytest.raises(StoreError, match=r"cannot reach the store .* after 3 attempts"):
        push_dataset(export_dataset, f"http://127.0.0.1:{port}/store", retries=2, backoff=0.05)
    assert time.monotonic() - started >= 0.15  # it waited 0.05 + 0.1 between attempts
    done = kg("push", "--endpoint", f"http://127.0.0.1:{port}/store", "--retries", "0",
              "--data", str(data_dir / "export" / "dataset.trig"))  # fmt: skip
    assert done.returncode == 2 and done.stderr.count("\n") == 1 and "cannot reach the store" in done.stderr


def test_push_refused_and_bad_endpoint(oxigraph, export_dataset, kg):
    with pytest.raises(StoreError, match="HTTP 404"):
        push_dataset(export_dataset, f"{oxigraph}/no-such-service", retries=3, backoff=10)  # 4xx: no retry
    done = kg("push", "--endpoint", "localhost:7878/store")
    assert done.returncode == 2 and "not an http(s) URL" in done.stderr
    assert "example" in kg("push", "--help").stdout


def test_push_graph_url_escapes_iri():
    assert graph_url("http://h/store", ID["doc/a b"]) == "http://h/store?graph=https%3A%2F%2Fw3id.org%2Funodc-kg%2Fid%2Fdoc%2Fa+b"
    assert graph_url("http://h/ds?x=1", None) == "http://h/ds?x=1&default"


def _renamed(dataset: Dataset, old, new) -> Dataset:
    """The dataset with graph *old* renamed *new* (a document edited: its IRI follows its content)."""
    out = Dataset()
    for name in named_graphs(dataset):
        for triple in dataset.graph(name):
            out.graph(new if name == old else name).add(triple)
    return out


def test_push_graph_per_document_edited_document_replaces_its_graph_and_removed_are_dropped(oxigraph, export_dataset):
    store = f"{oxigraph}/store"
    push_dataset(export_dataset, store, per_document=True, vocabulary=False)
    doc_b, reference, edited = ID["doc/bbbbbbbbbbbbbbbb"], ID["graph/reference"], ID["doc/cccccccccccccccc"]
    assert pushed_graphs(store) == {DOC_A, doc_b, reference}

    # A edited (new content hash, so a new IRI); B removed from the corpus
    later = _renamed(export_dataset, DOC_A, edited)
    later.remove_graph(later.graph(doc_b))
    result = push_dataset(later, store, per_document=True, vocabulary=False)
    assert result.dropped == sorted([DOC_A, doc_b])
    assert _counts(oxigraph) == {str(edited): 67, str(reference): 13}  # the old graphs are gone, not kept beside
    assert pushed_graphs(store) == {edited, reference}

    result = push_dataset(later, store, per_document=True, vocabulary=False)  # pushing the same corpus again drops nothing
    assert result.dropped == [] and _counts(oxigraph) == {str(edited): 67, str(reference): 13}


def test_push_graph_per_document_cli_reports_deleted_graphs(oxigraph, kg, tmp_path, data_dir, export_dataset):
    from kg.publish.export import trig_bytes

    store = f"{oxigraph}/store"
    assert kg("push", "--endpoint", store, "--graph-per-document", "--data", str(data_dir / "export" / "dataset.trig")).returncode == 0
    smaller = tmp_path / "smaller.trig"
    smaller.write_bytes(trig_bytes(_renamed(export_dataset, DOC_A, ID["doc/cccccccccccccccc"])))
    done = kg("push", "--endpoint", store, "--graph-per-document", "--data", str(smaller))
    assert done.returncode == 0, done.stderr
    assert f"deleted\t{DOC_A}" in done.stdout and "1 old graph(s) deleted" in done.stderr
    assert str(DOC_A) not in _counts(oxigraph)


@pytest.mark.parametrize("value", ["-1", "-5"])
def test_push_negative_retries_is_a_usage_error(kg, value):
    done = kg("push", "--endpoint", "http://127.0.0.1:9/store", "--retries", value)
    assert done.returncode == 2 and "--retries" in done.stderr and len(done.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("url", ["http://localhost:abc/store", "http://local host/store", "http://localhost:99999/store", "http:///store"])
def test_push_malformed_endpoint_url_is_one_line(kg, data_dir, url):
    done = kg("push", "--endpoint", url, "--retries", "0", "--data", str(data_dir / "export" / "dataset.trig"))
    assert done.returncode == 2 and "Traceback" not in done.stderr and len(done.stderr.strip().splitlines()) == 1


def _store_rows(base: str, text: str) -> list[tuple]:
    """Rows of a query on the store's union of its graphs, as sorted tuples of term strings (duplicates kept)."""
    url = f"{base}/query?{urllib.parse.urlencode({'query': text, 'union-default-graph': ''})}"
    request = urllib.request.Request(url, headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(request, timeout=60) as response:
        doc = json.load(response)
    names = doc["head"]["vars"]
    return sorted(tuple(row.get(n, {}).get("value", "") for n in names) for row in doc["results"]["bindings"])


@pytest.mark.parametrize("per_document", [True, False], ids=["graph-per-document", "default-graph"])
def test_push_named_queries_give_the_same_rows_in_the_store_as_kg_query(oxigraph, data_dir, per_document):
    """The ontology and the whole reference data are pushed too, each triple into one graph only."""
    from kg.access.query import load_spec, load_store, named_queries, run_query, with_values

    data = data_dir / "export" / "dataset.trig"
    result = push(f"{oxigraph}/store", data, per_document)
    if per_document:
        assert ONTOLOGY_GRAPH in result.graphs and result.graphs[ID["graph/reference"]] > 1000
    local = load_store(data)
    compared = 0
    for name in named_queries():
        spec = load_spec(name)
        if any(p.required for p in spec.params):
            continue
        mine = run_query(name, local)
        expected = sorted(tuple("" if t is None else str(t) for t in row) for row in mine.rows)
        assert _store_rows(oxigraph, with_values(spec.text, {})) == expected, name
        compared += 1
    assert compared >= 10  # every named query without a required parameter
