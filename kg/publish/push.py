"""Load the graph into a running triple store with the SPARQL 1.1 Graph Store HTTP Protocol.

https://www.w3.org/TR/sparql11-http-rdf-update/ : `PUT <endpoint>?graph=<IRI>` replaces that graph,
`PUT <endpoint>?default` replaces the default graph.  With one graph per document (`--graph-per-document`)
a rebuilt document replaces only its own triples: graphs keep their names (the document IRIs), and the store
keeps a list of the graphs kg pushed in the graph id/graph/pushed (`prov:hadMember`), so the graph of a
document that was edited (its IRI changed with its content) or removed from the corpus is deleted
(`DELETE ?graph=`).  The list is extended before the graphs are sent and trimmed after the old ones are
deleted, so an interrupted push never loses track of a graph.  The endpoint is the store's Graph Store URL, e.g.
Oxigraph `http://localhost:7878/store`, Fuseki `http://localhost:3030/DATASET/data`,
GraphDB `http://localhost:7200/repositories/REPO/rdf-graphs/service`, Virtuoso `http://localhost:8890/sparql-graph-crud`.
Uses only urllib from the standard library; the body is N-Triples (every store accepts it).

What `kg query` and `kg serve` answer over is pushed too (kg.publish.export.portal_dataset, also the layout of the
published site's dumps), so that the named queries give the same rows in
the store: the ontology into its own graph (named by the ontology IRI) and the whole reference data into
id/graph/reference (with the build's reference graph and the triples that several documents share, such
as a minted entity's labels).  A triple goes to one graph only, so a store whose default graph is the
union of its graphs counts it once; every push sends every graph, so what moves between graphs stays right.  `--data-only` pushes the build's graphs alone.
"""

from __future__ import annotations

import http.client
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Dataset, Graph, URIRef

from kg.core.errors import InputError, KGError
from kg.publish.export import ONTOLOGY_GRAPH as ONTOLOGY_GRAPH  # re-exported: the graph kg push puts the ontology in
from kg.publish.export import load_dataset
from kg.publish.export import portal_dataset as with_vocabulary  # what kg query answers over, each triple in one graph
from kg.core.namespaces import ID
from kg.rdf.serialize import named_graphs, ntriples_bytes, union

MEDIA_TYPE = "application/n-triples"
RETRIES = 4
BACKOFF = 0.5  # seconds before the first retry, doubled each time
TIMEOUT = 60
RETRY_STATUS = {408, 425, 429, 500, 502, 503, 504}
PUSHED_GRAPH = ID["graph/pushed"]  # the store's list of the graphs kg pushed there
HAD_MEMBER = URIRef("http://www.w3.org/ns/prov#hadMember")


class StoreError(KGError):
    """The store cannot be reached or refused the data."""


@dataclass
class PushResult:
    """What was sent: graph name (None for the default graph) → triples."""

    endpoint: str
    graphs: dict = field(default_factory=dict)
    dropped: list = field(default_factory=list)  # graphs pushed before whose documents are gone (deleted)

    @property
    def triples(self) -> int:
        """Triples sent in total."""
        return sum(self.graphs.values())


def graph_url(endpoint: str, name: URIRef | None) -> str:
    """The Graph Store URL of one graph: ?graph=<IRI> (escaped), or ?default."""
    sep = "&" if urllib.parse.urlsplit(endpoint).query else "?"
    if name is None:
        return f"{endpoint}{sep}default"
    return f"{endpoint}{sep}{urllib.parse.urlencode({'graph': str(name)})}"


def _check_endpoint(endpoint: str) -> str:
    parts = urllib.parse.urlsplit(endpoint)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise InputError(f"{endpoint!r} is not an http(s) URL of a Graph Store endpoint (e.g. http://localhost:7878/store)")
    try:
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number in 0-65535
    except ValueError as exc:
        raise InputError(f"{endpoint!r}: bad port ({exc})") from None
    if any(c.isspace() or ord(c) < 32 for c in endpoint) or not parts.hostname:
        raise InputError(f"{endpoint!r}: not a usable URL (no host, or spaces or control characters)")
    return endpoint


def _send(method: str, url: str, body: bytes | None = None, retries: int = RETRIES, backoff: float = BACKOFF,
          timeout: float = TIMEOUT, missing_ok: bool = False) -> tuple[int, bytes]:
    """One Graph Store request, retrying connection failures and 5xx answers with exponential backoff.

    With *missing_ok*, 404 answers (status 404, no body) instead of failing."""
    delay = backoff
    headers = {"Content-Type": MEDIA_TYPE} if body is not None else {"Accept": MEDIA_TYPE}
    for attempt in range(1, retries + 2):
        request = urllib.request.Request(url, data=body, method=method, headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                return response.status, response.read() if method == "GET" else b""
        except urllib.error.HTTPError as exc:
            if exc.code == 404 and missing_ok:
                return 404, b""
            detail = " ".join(exc.read(300).decode("utf-8", "replace").split())
            if exc.code not in RETRY_STATUS or attempt > retries:
                raise StoreError(f"{url}: the store answered HTTP {exc.code} {exc.reason}" + (f": {detail}" if detail else "")) from None
            reason = f"HTTP {exc.code}"
        except (ValueError, http.client.InvalidURL) as exc:
            raise StoreError(f"{url}: not a usable URL ({exc})") from None
        except (urllib.error.URLError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            reason = getattr(reason, "strerror", None) or str(reason)
            if attempt > retries:
                raise StoreError(f"{url}: cannot reach the store ({reason}) after {attempt} attempts; is it running?") from None
        time.sleep(delay)
        delay *= 2
    raise AssertionError("unreachable")  # pragma: no cover


def put_graph(url: str, body: bytes, retries: int = RETRIES, backoff: float = BACKOFF, timeout: float = TIMEOUT) -> int:
    """PUT *body* to *url*, retrying connection failures and 5xx answers with exponential backoff."""
    return _send("PUT", url, body, retries, backoff, timeout)[0]


def pushed_graphs(endpoint: str, **options) -> set[URIRef]:
    """The graphs an earlier `kg push --graph-per-document` sent to this store (its id/graph/pushed list)."""
    import pyoxigraph as ox

    status, body = _send("GET", graph_url(endpoint, PUSHED_GRAPH), missing_ok=True, **options)
    if status == 404 or not body.strip():
        return set()
    try:
        triples = ox.parse(body, format=ox.RdfFormat.N_TRIPLES)
        return {URIRef(t.object.value) for t in triples if t.predicate.value == str(HAD_MEMBER) and isinstance(t.object, ox.NamedNode)}
    except SyntaxError as exc:
        raise StoreError(f"{graph_url(endpoint, PUSHED_GRAPH)}: not N-Triples ({' '.join(str(exc).split())[:200]})") from None


def _record_pushed(endpoint: str, names, **options) -> None:
    g = Graph()
    for name in names:
        g.add((PUSHED_GRAPH, HAD_MEMBER, name))
    put_graph(graph_url(endpoint, PUSHED_GRAPH), ntriples_bytes(g), **options)


def push_dataset(dataset: Dataset, endpoint: str, per_document: bool = False, vocabulary: bool = True, **options) -> PushResult:
    """Send *dataset* (with the ontology and reference data unless *vocabulary* is false): one PUT per named graph
    (and DELETE of graphs pushed before that are gone), or the union in one PUT to the default graph."""
    endpoint = _check_endpoint(endpoint)
    result = PushResult(endpoint)
    if vocabulary:
        dataset = with_vocabulary(dataset)
    if per_document:
        names = named_graphs(dataset)
        before = pushed_graphs(endpoint, **options)
        _record_pushed(endpoint, sorted(before | set(names)), **options)
        for name in names:
            g = Graph()
            for triple in dataset.graph(name):
                g.add(triple)
            put_graph(graph_url(endpoint, name), ntriples_bytes(g), **options)
            result.graphs[name] = len(g)
        for name in sorted(before - set(names)):
            _send("DELETE", graph_url(endpoint, name), missing_ok=True, **options)
            result.dropped.append(name)
        _record_pushed(endpoint, names, **options)
    else:
        g = union(dataset)
        put_graph(graph_url(endpoint, None), ntriples_bytes(g), **options)
        result.graphs[None] = len(g)
    return result


def push(endpoint: str, data: Path | None = None, per_document: bool = False, vocabulary: bool = True, **options) -> PushResult:
    """Read --data and push it (the library side of `kg push`)."""
    _check_endpoint(endpoint)
    return push_dataset(load_dataset(data), endpoint, per_document, vocabulary, **options)
