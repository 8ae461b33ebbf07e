"""The published site served by a stock web server (nginx): every IRI the graph mints resolves, by content negotiation.

A crawler takes every IRI under https://w3id.org/unodc-kg/ found in the published dump, its VoID and the
ontology and shapes (terms by their document, fragment dropped), maps it to the local server as the
w3id redirect would (path kept), and asks for HTML, Turtle and JSON-LD.
"""

from __future__ import annotations

import http.client
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from rdflib import Dataset, Graph, URIRef

from kg.publish.export import load_dataset
from kg.core.namespaces import BASE
from kg.publish.site import write_site

NGINX = shutil.which("nginx") or ("/usr/sbin/nginx" if shutil.which("/usr/sbin/nginx") else None)
pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("sample-site")]  # one worker writes the sample's site once

ACCEPT = {"text/html": "text/html", "text/turtle": "text/turtle", "application/ld+json": "application/ld+json"}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def sample_site(sample_build):
    """The sample's site written for http://127.0.0.1:PORT/unodc-kg/ (PORT free when chosen); yields (root, site, port)."""
    root = Path(tempfile.mkdtemp(prefix="kg-served-"))  # not under pytest's 0700 folders: nginx workers drop root
    root.chmod(0o755)
    port = _free_port()
    site = root / "site"
    write_site(load_dataset(sample_build.out_dir), site, f"http://127.0.0.1:{port}/unodc-kg/")
    yield root, site, port
    shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(scope="module")
def served(sample_site):
    """The sample's site under /unodc-kg/ on a local nginx configured only with the site's own rules."""
    if NGINX is None:
        pytest.skip("nginx is not installed (.ci/system-packages installs nginx-light)")
    root, site, port = sample_site
    location = (site / "nginx.conf").read_text(encoding="utf-8").replace("ROOT", str(site))
    for name in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (root / name).mkdir()
    conf = root / "nginx-test.conf"
    conf.write_text(
        f"worker_processes 1;\ndaemon off;\npid {root}/nginx.pid;\nerror_log {root}/error.log;\n"
        "events { worker_connections 64; }\n"
        f"http {{\n access_log off;\n client_body_temp_path {root}/body;\n proxy_temp_path {root}/proxy;\n"
        f" fastcgi_temp_path {root}/fastcgi;\n uwsgi_temp_path {root}/uwsgi;\n scgi_temp_path {root}/scgi;\n"
        f" include {site}/nginx-map.conf;\n server {{\n  listen 127.0.0.1:{port};\n{location}\n }}\n}}\n",
        encoding="utf-8",
    )
    proc = subprocess.Popen([NGINX, "-c", str(conf), "-p", str(root)], stderr=subprocess.PIPE)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            if proc.poll() is not None:
                pytest.fail(f"nginx did not start: {proc.stderr.read().decode()[:500]}")
            time.sleep(0.05)
    yield site, port
    proc.terminate()
    proc.wait(timeout=10)


def _minted_iris(site) -> set[str]:
    """Every IRI under the base found in the dump, the VoID, the ontology and the shapes (documents of # terms)."""
    found: set[str] = set()
    ds = Dataset()
    ds.parse(site / "kg.nq", format="nquads")
    graphs = [Graph().parse(site / "void.ttl"), Graph().parse(site / "ontology.ttl"), Graph().parse(site / "shapes.ttl")]
    terms = [t for s, p, o, g in ds.quads((None, None, None, None)) for t in (s, o, g)]
    terms += [t for g in graphs for triple in g for t in triple]
    for term in terms:
        if isinstance(term, URIRef) and str(term).startswith(BASE) and str(term) != BASE:
            found.add(str(term).split("#", 1)[0])
    return found


def test_site_server_every_minted_iri_resolves_by_content_negotiation(served):
    site, port = served
    iris = sorted(_minted_iris(site))
    kinds = {urlsplit(i).path.split("/")[2] for i in iris}
    assert {"id", "dataset", "ontology", "shapes"} <= kinds, kinds
    assert any(i.startswith(BASE + "id/doc/") and i.count("/") == BASE.count("/") + 2 for i in iris)  # documents
    assert BASE + "id/graph/reference" in iris
    ds = Dataset()
    ds.parse(site / "kg.nq", format="nquads")
    graph_names = {str(g.identifier) for g in ds.graphs()}
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    failures = []
    for iri in iris:
        path = "/unodc-kg/" + iri[len(BASE):]
        for accept, expected in ACCEPT.items():
            conn.request("GET", path, headers={"Accept": accept})
            response = conn.getresponse()
            body = response.read()
            kind = (response.getheader("Content-Type") or "").split(";")[0]
            if response.status != 200 or kind != expected:
                failures.append((iri, accept, response.status, kind))
                continue
            if accept == "text/turtle" and "#" not in iri:
                graph = Graph().parse(data=body.decode("utf-8"), format="turtle")
                if iri in graph_names:  # a named graph answers its triples (Graph Store Protocol, direct identification)
                    if len(graph) == 0:
                        failures.append((iri, accept, "empty named graph", ""))
                elif not any(True for _ in graph.triples((URIRef(iri), None, None))) and not any(True for _ in graph.triples((None, None, URIRef(iri)))):
                    failures.append((iri, accept, "resource absent from its Turtle", ""))
            if accept == "text/html":
                assert "Accept" in (response.getheader("Vary") or "")
    conn.close()
    assert not failures, failures[:10]
    assert len(iris) > 1000


def test_site_server_answers_404_for_unknown_iris(served):
    _, port = served
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn.request("GET", "/unodc-kg/id/country/XXX", headers={"Accept": "text/turtle"})
    assert conn.getresponse().status == 404
    conn.close()


# ---------------------------------------------------------------- a portal loading the published dumps


@pytest.fixture(scope="module", params=["kg.nq", "kg.ttl"])
def sample_portal(sample_site, request):
    """A fresh pyoxigraph store with one dump of the sample's site loaded as the README tells a portal."""
    from tests.test_site_portal import portal_store

    return portal_store(sample_site[1], request.param)


@pytest.fixture(scope="module")
def sample_local(sample_build):
    from kg.access.query import load_store

    return load_store(sample_build.out_dir)


def _portal_cases() -> list:
    from tests.test_site_portal import cases

    return cases()


@pytest.mark.parametrize(("name", "with_example"), _portal_cases())
def test_site_server_sample_dump_gives_kg_query_rows(sample_portal, sample_local, name, with_example):
    """Every named query (bare, and with its example's parameters) on the sample's published dump, as a portal loads it."""
    from tests.test_site_portal import assert_same_rows

    assert_same_rows(sample_local, sample_portal, name, with_example)
