"""Answering one query on the store: content negotiation, the protocol's dataset, the result formats, the
service description; the checks a query passes before it is run."""

from __future__ import annotations

import re

from kg.core.namespaces import PREFIXES
from kg.rdf.formats import BY_NAME
from kg.access.serve.limits import DEFAULT_MAX_MEMORY, DEFAULT_MAX_RESULT, MiB, _Limited, _memory_exceeded, _ResultTooLarge

_UPDATE = re.compile(
    r"^\s*(?:(?:#[^\n]*\n|PREFIX\s+[^\s:]*:\s*<[^>]*>|BASE\s*<[^>]*>)\s*)*"
    r"(INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD|WITH)\b",
    re.IGNORECASE,
)


GRAPH_RESULTS = ("ttl", "nt", "xml", "jsonld")  # the syntaxes of CONSTRUCT and DESCRIBE answers, preferred first


def _result_formats():
    import pyoxigraph as ox

    results = {
        "application/sparql-results+json": ox.QueryResultsFormat.JSON,
        "application/json": ox.QueryResultsFormat.JSON,
        "application/sparql-results+xml": ox.QueryResultsFormat.XML,
        "application/xml": ox.QueryResultsFormat.XML,
        "text/csv": ox.QueryResultsFormat.CSV,
        "text/tab-separated-values": ox.QueryResultsFormat.TSV,
    }
    graphs = {f.media_type: f.oxigraph_format() for f in (BY_NAME[n] for n in GRAPH_RESULTS)}
    return results, graphs


def negotiate(accept: str | None, offers: list[str]) -> str:
    """Pick the offered media type the Accept header prefers (highest q, then header order); the first offer for */*."""
    best, best_key = offers[0], None
    for position, part in enumerate((accept or "*/*").split(",")):
        fields = [f.strip() for f in part.split(";")]
        media, q = fields[0].lower(), 1.0
        for f in fields[1:]:
            if f.startswith("q="):
                try:
                    q = float(f[2:])
                except ValueError:
                    q = 0.0
        if q <= 0:
            continue
        if media in ("*/*", ""):
            candidates = [offers[0]]
        elif media.endswith("/*"):
            candidates = [o for o in offers if o.startswith(media[:-1])]
        else:
            candidates = [o for o in offers if o == media]
        for candidate in candidates[:1]:
            key = (-q, position)
            if best_key is None or key < best_key:
                best, best_key = candidate, key
    return best


def dataset_options(dataset: tuple | None) -> dict:
    """store.query keywords for the protocol's RDF dataset: (default-graph-uri IRIs, named-graph-uri IRIs).

    https://www.w3.org/TR/sparql11-protocol/#dataset — when either is given, both replace the dataset of the
    query (FROM, FROM NAMED): the default graph is the merge of the listed graphs (empty when none is listed)
    and GRAPH sees the listed named graphs only."""
    if not dataset:
        return {}
    import pyoxigraph as ox

    default, named = dataset
    return {"default_graph": [ox.NamedNode(iri) for iri in default], "named_graphs": [ox.NamedNode(iri) for iri in named]}


def answer_query(store, text: str, accept: str | None, max_memory: int = DEFAULT_MAX_MEMORY * MiB,
                 max_result: int = DEFAULT_MAX_RESULT * MiB, dataset: tuple | None = None) -> tuple[int, str, bytes]:
    """Run the query and return (status, content type, body); runs in a query worker."""
    import pyoxigraph as ox

    try:
        result = store.query(text, prefixes=PREFIXES, **dataset_options(dataset))
        results, graphs = _result_formats()
        sink = _Limited(max_result)
        if isinstance(result, ox.QueryTriples):
            media = negotiate(accept, list(graphs))
            result.serialize(sink, format=graphs[media])
        else:
            media = negotiate(accept, list(results))
            result.serialize(sink, format=results[media])
        return 200, media, b"".join(sink.chunks)
    except SyntaxError as exc:
        return 400, "text/plain", f"malformed query: {' '.join(str(exc).split())}\n".encode()
    except MemoryError:
        return _memory_exceeded(max_memory)
    except Exception as exc:  # the store's own errors: report, never crash the server
        if isinstance(exc, _ResultTooLarge) or isinstance(exc.__cause__ or exc.__context__, _ResultTooLarge) or "_ResultTooLarge" in str(exc):
            return 503, "text/plain", (f"query result exceeded the limit of {max_result / MiB:g} MiB and was stopped; "
                                       "add LIMIT or narrow the query\n").encode()
        return 500, "text/plain", f"query failed: {' '.join(str(exc).split())}\n".encode()


def _absolute_iri(text: str) -> bool:
    """True when oxigraph takes *text* as an absolute IRI (RFC 3987)."""
    import pyoxigraph as ox

    try:
        ox.NamedNode(text)
    except ValueError:
        return False
    return bool(re.match(r"[A-Za-z][A-Za-z0-9+.-]*:", text))


_HOST = re.compile(r"^(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::[0-9]{1,5})?$")


def service_description(endpoint: str) -> bytes:
    """A SPARQL 1.1 Service Description of the endpoint (https://www.w3.org/TR/sparql11-service-description/)."""
    formats = " ,\n        ".join(
        f"<http://www.w3.org/ns/formats/{f}>" for f in ("SPARQL_Results_JSON", "SPARQL_Results_XML",
                                                         "SPARQL_Results_CSV", "SPARQL_Results_TSV", "Turtle",
                                                         "N-Triples", "RDF_XML", "JSON-LD"))
    return (
        "@prefix sd: <http://www.w3.org/ns/sparql-service-description#> .\n\n"
        f"[] a sd:Service ;\n    sd:endpoint <{endpoint}> ;\n    sd:supportedLanguage sd:SPARQL11Query ;\n"
        f"    sd:resultFormat {formats} ;\n    sd:defaultDataset [ a sd:Dataset ] .\n"
    ).encode("utf-8")
