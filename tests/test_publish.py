"""kg publish: the static site's layout, links, escaping, determinism, and a page in headless Chromium."""

from __future__ import annotations

import functools
import http.server
import os
import re
import shutil
import socket
import subprocess
import sys
import threading
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic

from kg.steps.describe import DATASET_IRI, VOID
from kg.core.errors import InputError
from kg.publish.export import load_dataset, portal_dataset
from kg.rdf.serialize import union
from kg.core.namespaces import ID, UNODC
from kg.publish.site import page_path, write_site

# Chromium's own background services (network time, component updates, sign-in) that still call out despite
# --disable-background-networking; requests to them come from the browser, not from the page.
BROWSER_SERVICES = {"clients2.google.com", "update.googleapis.com", "accounts.google.com"}
CHROMIUM = shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)


@pytest.fixture(scope="module")
def site(export_dataset, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("site") / "site"
    write_site(export_dataset, out)
    return out


class _Links(HTMLParser):
    """Collect href/src of a page, and which tags carry them."""

    def __init__(self):
        super().__init__()
        self.links: list[tuple[str, str, str]] = []
        self.tags: set[str] = set()
        self.scripts: list[str] = []
        self._in_data_script = False

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        if tag == "script":
            self._in_data_script = dict(attrs).get("type") == "application/ld+json"
            self.scripts.append("" if self._in_data_script else "executable")
        if dict(attrs).get("rel") in ("canonical", "license"):
            return  # the page's own IRI and the licence deed: identifiers, never loaded
        for name, value in attrs:
            if name in ("href", "src", "srcset", "action", "data", "poster") and value is not None:
                self.links.append((tag, name, value))

    def handle_data(self, data):
        if self._in_data_script:
            self.scripts[-1] += data

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_data_script = False


def _links(path: Path) -> _Links:
    parser = _Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def test_publish_layout_resolves_iris(site):
    assert page_path(ID["convention/untoc"]) == "id/convention/untoc"
    for iri in (ID["convention/untoc"], ID["organization/unodc"], ID["doc/aaaaaaaaaaaaaaaa"], ID["doc/aaaaaaaaaaaaaaaa/p1"]):
        base = site / page_path(iri)
        for suffix in (".html", ".ttl", ".jsonld"):
            assert base.with_name(base.name + suffix).is_file(), (iri, suffix)
    for name in ("index.html", "style.css", ".htaccess", "kg.ttl", "kg.nq", "kg.jsonld", "void.ttl", "context.jsonld"):
        assert (site / name).is_file(), name
    assert (site / "class" / "unodc-Convention.html").is_file()
    pages = {p.relative_to(site).with_suffix("").as_posix() for p in (site / "id").rglob("*.html")}
    published = Dataset().parse(site / "kg.nq", format="nquads")  # the documents, the whole reference data, the ontology
    subjects = {q[0] for q in published.quads((None, None, None, None))}
    assert pages == {page_path(s) for s in subjects | {ID["graph/reference"]} if page_path(s)}
    assert len(pages) > 600  # the documents' subjects, every reference entity and the named graph id/graph/reference
    assert "DirectorySlash Off" in (site / ".htaccess").read_text()  # id/doc/<hash> is a file stem and a folder
    for name in ("ontology.html", "ontology.ttl", "shapes.ttl", "dataset/kg.html", "dataset/kg.ttl", "id/graph/reference.ttl",
                 "sitemap.xml", "robots.txt", "nginx.conf", "nginx-map.conf", "w3id.htaccess"):
        assert (site / name).is_file(), name


def test_publish_data_only_site_has_the_documents_subjects(export_dataset, tmp_path):
    write_site(export_dataset, tmp_path / "site", vocabulary=False)
    pages = list((tmp_path / "site" / "id").rglob("*.html"))
    assert len(pages) == 19  # every subject under id/: 2 documents, 4 paragraphs, 5 mentions, 2 assertions, 1 quantity,
    # 4 entities, and the reference data's named graph id/graph/reference


def test_publish_entity_rdf_matches_page(site):
    base = site / "id" / "programme" / "test-programme"
    ttl = Graph().parse(base.with_suffix(".ttl"))
    assert (ID["programme/test-programme"], UNODC.serves, ID["convention/untoc"]) in ttl
    assert isomorphic(ttl, Graph().parse(base.with_suffix(".jsonld"), format="json-ld"))
    untoc = Graph().parse(site / "id" / "convention" / "untoc.ttl")
    assert (ID["programme/test-programme"], UNODC.serves, ID["convention/untoc"]) in untoc  # incoming relation too


def test_publish_page_content(site):
    page = (site / "id" / "programme" / "test-programme.html").read_text(encoding="utf-8")
    assert "<h1>Test Programme</h1>" in page and '<td lang="zh">测试方案</td>' in page
    assert "The Test Programme supports the Convention." in page  # evidence sentence of the assertion
    assert 'href="../doc/aaaaaaaaaaaaaaaa/p1.html"' in page  # ... with its paragraph
    assert 'href="../convention/untoc.html"' in page  # relation as a link
    assert 'href="../../class/unodc-GlobalProgramme.html"' in page  # type as a link to its index
    assert "在阿富汗实施<mark>测试方案</mark>" in page  # mention marked in its paragraph
    assert "<a href='test-programme.ttl' type='text/turtle'>" in page
    assert "<h2>Quantities</h2>" in page and "12 laboratory</a>" in page  # quantity about the programme
    assert "<blockquote lang='en'><mark>12 labs</mark> were dismantled.</blockquote>" in page
    index = (site / "class" / "unodc-Country.html").read_text(encoding="utf-8")
    assert 'href="../id/country/AFG.html">Afghanistan</a>' in index and "阿富汗" in index
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "sha256:aaaa" in home and 'href="id/doc/bbbbbbbbbbbbbbbb.html"' in home


def test_publish_escapes_text(site):
    import json

    for path in site.rglob("*.html"):
        parser = _links(path)
        assert "executable" not in parser.scripts, path  # only schema.org data blocks, never a script
        for block in parser.scripts:
            node = json.loads(block)
            assert node["@context"] == "https://schema.org/" and node["url"].startswith("https://w3id.org/unodc-kg/"), path
    para = (site / "id" / "doc" / "aaaaaaaaaaaaaaaa" / "p1.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in para
    assert "Test report &lt;2022&gt; &amp; &quot;more&quot;" in para


def test_publish_links_stay_inside_site(site):
    checked = 0
    for page in site.rglob("*.html"):
        parser = _links(page)
        assert not parser.tags & {"iframe", "img", "object", "embed", "form"}, page
        assert "executable" not in parser.scripts, page  # <script> only as schema.org data
        for tag, attr, value in parser.links:
            parts = urlsplit(value)
            assert not parts.scheme and not parts.netloc, (page, value)
            if not parts.path and parts.fragment:  # an anchor of the same page (ontology terms)
                assert f"id='{parts.fragment}'" in page.read_text(encoding="utf-8"), (page, value)
                checked += 1
                continue
            target = (page.parent / parts.path).resolve()
            assert target.is_file() and site.resolve() in target.parents, (page, value)
            checked += 1
    assert checked > 250  # 294 links in 30 pages


def test_publish_deterministic_and_replaces_site(export_dataset, tmp_path):
    out = tmp_path / "site"
    write_site(export_dataset, out)
    first = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    (out / "id" / "stale.html").write_text("old page")
    write_site(export_dataset, out)  # an earlier site is replaced whole
    second = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert first == second
    assert not [p for p in tmp_path.iterdir() if p.name != "site"]  # no staging folder left behind


@pytest.mark.parametrize("seeds", [("0", "1"), ("2", "3")], ids=["seeds-0-1", "seeds-2-3"])
def test_publish_identical_under_any_hash_seed(seeds, data_dir, tmp_path):
    """Regression: a label was picked from a set (the dataset's title in English or Chinese by the hash seed)."""
    trees = []
    for seed in seeds:
        out = tmp_path / f"site-{seed}"
        env = dict(os.environ, PYTHONHASHSEED=seed)
        done = subprocess.run([sys.executable, "-m", "kg.cli", "publish", "--data", str(data_dir / "export" / "dataset.trig"),
                               "--out", str(out)], capture_output=True, text=True, env=env, timeout=300)  # fmt: skip
        assert done.returncode == 0, done.stderr
        trees.append({p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()})
    assert len(trees[0]) > 100
    assert trees[0] == trees[1]
    assert b">UNODC knowledge graph</a> <span class=\"iri\">void:classPartition" in trees[0][Path("dataset/kg/class/unodc-Document.html")]


def test_publish_base_url(export_dataset, tmp_path, kg, data_dir):
    write_site(export_dataset, tmp_path / "site", "https://example.org/kg")
    void = Graph().parse(tmp_path / "site" / "void.ttl")
    assert URIRef("https://example.org/kg/kg.nq") in set(void.objects(DATASET_IRI, VOID.dataDump))
    assert void.value(DATASET_IRI, VOID.triples) == Literal(len(union(portal_dataset(export_dataset))))  # 126 + reference + ontology
    with pytest.raises(InputError, match="base-url"):
        write_site(export_dataset, tmp_path / "other", "ftp://example.org/")
    busy = tmp_path / "busy"
    busy.mkdir()
    (busy / "notes.txt").write_text("mine")
    done = kg("publish", "--data", str(data_dir / "export" / "dataset.trig"), "--out", str(busy))
    assert done.returncode == 2 and "not empty" in done.stderr and done.stderr.count("\n") == 1
    assert (busy / "notes.txt").read_text() == "mine"
    assert "example" in kg("publish", "--help").stdout


@pytest.mark.slow
def test_publish_sample_build(sample_build, sample_graph, tmp_path):
    from rdflib import RDF

    out = tmp_path / "site"
    write_site(load_dataset(sample_build.out_dir), out)
    entities = {s for s in sample_graph.subjects(RDF.type) if s.startswith(str(ID))}
    missing = [e for e in entities if not (out / (page_path(e) + ".html")).is_file()]
    assert not missing
    for page in list((out / "class").glob("*.html")) + [out / "index.html"]:
        for _, _, value in _links(page).links:
            assert (page.parent / urlsplit(value).path).is_file(), (page, value)


# ---------------------------------------------------------------- in a browser


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class _Recorder(http.server.SimpleHTTPRequestHandler):
    """Serve the site and remember every request path and status."""

    log: list = []

    def log_request(self, code="-", size="-"):
        self.log.append((self.path, int(code) if str(code).isdigit() else code))

    def log_message(self, *args):
        pass


def _serve(handler, directory: Path):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def _start_trap() -> tuple[socket.socket, list]:
    """A fake proxy: records the first line of every request that reaches it."""
    trap = socket.socket()
    trap.bind(("127.0.0.1", 0))
    trap.listen(16)
    seen: list = []

    def accept():
        while True:
            try:
                conn, _ = trap.accept()
            except OSError:
                return
            with conn:
                conn.settimeout(2)
                try:
                    seen.append(conn.recv(200).split(b"\r\n", 1)[0].decode("latin-1"))
                except OSError:
                    seen.append("(connection)")

    threading.Thread(target=accept, daemon=True).start()
    return trap, seen


def _host(request_line: str) -> str:
    """Host of a proxied request line: 'GET http://host/...' or 'CONNECT host:443'."""
    method, _, rest = request_line.partition(" ")
    target = rest.split(" ", 1)[0]
    return target.rsplit(":", 1)[0] if method == "CONNECT" else (urlsplit(target).hostname or target)


def _chromium(*args: str, profile: Path, proxy: int) -> subprocess.CompletedProcess:
    return subprocess.run(
        [
            CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={profile}",
            f"--proxy-server=http://127.0.0.1:{proxy}", "--enable-logging=stderr", "--v=0",
            "--virtual-time-budget=3000", *args,
        ],  # fmt: skip
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.browser
@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (Debian package `chromium`)")
def test_publish_page_in_chromium(site, tmp_path):
    _Recorder.log = []
    server = _serve(_Recorder, site)
    trap, outside = _start_trap()  # every request that is not to the site (loopback) goes to this "proxy"
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/id/programme/test-programme.html"
        dom = _chromium("--dump-dom", url, profile=tmp_path / "profile", proxy=trap.getsockname()[1])
        shot = tmp_path / "entity-page.png"
        done = _chromium("--window-size=1200,900", f"--screenshot={shot}", url, profile=tmp_path / "profile",
                         proxy=trap.getsockname()[1])  # fmt: skip
    finally:
        server.shutdown()
        trap.close()
    assert dom.returncode == 0, dom.stderr[-2000:]
    assert re.search(r"<h1>Test Programme</h1>", dom.stdout)
    assert "在阿富汗实施<mark>测试方案</mark>" in dom.stdout
    assert "&lt;script&gt;" in dom.stdout or "alert(1)" not in dom.stdout
    # the rendered DOM has links only inside the site, and each resolves to a file of the site
    parser = _Links()
    parser.feed(dom.stdout)
    page = site / "id" / "programme" / "test-programme.html"
    assert len(parser.links) >= 10
    for _, _, value in parser.links:
        assert not urlsplit(value).scheme and (page.parent / urlsplit(value).path).is_file(), value
    # the browser asked the site for the page, its style sheet and icon only, and nothing outside
    requested = {path for path, _ in _Recorder.log}
    assert requested == {"/id/programme/test-programme.html", "/style.css", "/favicon.svg"}
    assert all(code in (200, 304) for _, code in _Recorder.log), _Recorder.log
    hosts = {_host(line) for line in outside}
    assert hosts <= BROWSER_SERVICES, outside
    assert not re.search(r"net::ERR_|Failed to load resource", dom.stderr)
    assert done.returncode == 0 and shot.stat().st_size > 10_000, done.stderr[-2000:]
    print(f"screenshot: {shot}")


def test_publish_void_gives_dump_sizes_and_checksums(site):
    import hashlib

    from rdflib.namespace import DCAT

    from kg.publish.site.graph import SPDX

    void = Graph().parse(site / "void.ttl")
    for name in ("kg.ttl", "kg.nq", "kg.jsonld"):
        dist = URIRef(f"{DATASET_IRI}/distribution/{name.replace('.', '-')}")
        data = (site / name).read_bytes()
        assert int(void.value(dist, DCAT.byteSize)) == len(data), name
        checksum = void.value(dist, SPDX.checksum)
        assert str(void.value(checksum, SPDX.checksumValue)) == hashlib.sha256(data).hexdigest(), name
        assert void.value(checksum, SPDX.algorithm) == SPDX.checksumAlgorithm_sha256


def test_publish_build_base_url_and_endpoint_reach_void(tmp_path, sample_path, kg):
    from rdflib.namespace import DCAT

    out = tmp_path / "out"
    done = kg("build", str(sample_path), "--out", str(out), "--base-url", "https://data.example.org/unodc/",
              "--endpoint", "https://data.example.org/sparql")  # fmt: skip
    assert done.returncode == 0, done.stderr
    void = Graph().parse(out / "void.ttl")
    assert URIRef("https://data.example.org/sparql") in set(void.objects(DATASET_IRI, VOID.sparqlEndpoint))
    assert URIRef("https://data.example.org/unodc/kg.nq") in set(void.objects(DATASET_IRI, VOID.dataDump))
    assert not [o for o in void.objects(None, DCAT.endpointURL) if "127.0.0.1" in str(o) or "localhost" in str(o)]
    bad = kg("build", str(sample_path), "--out", str(tmp_path / "other"), "--endpoint", "not a url")
    assert bad.returncode == 2 and bad.stderr.count("\n") == 1 and "--endpoint" in bad.stderr
