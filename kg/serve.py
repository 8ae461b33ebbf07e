"""A read-only SPARQL 1.1 Protocol endpoint over the graph (pyoxigraph store, stdlib HTTP server).

https://www.w3.org/TR/sparql11-protocol/#query-operation — `GET /sparql?query=…`, `POST /sparql` with
`application/x-www-form-urlencoded` (`query=…`) or `application/sparql-query`.  SELECT and ASK results as
SPARQL JSON, XML, CSV or TSV by the Accept header (JSON by default); CONSTRUCT and DESCRIBE as Turtle, N-Triples,
RDF/XML or JSON-LD (Turtle by default).  Updates are refused (403).  Each query runs in a forked worker process
with a deadline: a query still running at the deadline is killed and answered 503, so a runaway join cannot
hold the server.  `GET /sparql` without a query returns a SPARQL service description.
"""

from __future__ import annotations

import multiprocessing
import re
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from .errors import InputError
from .namespaces import PREFIXES

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 7878
DEFAULT_TIMEOUT = 30.0
MAX_QUERY_BYTES = 1_000_000

_UPDATE = re.compile(
    r"^\s*(?:(?:#[^\n]*\n|PREFIX\s+[^\s:]*:\s*<[^>]*>|BASE\s*<[^>]*>)\s*)*"
    r"(INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD|WITH)\b",
    re.IGNORECASE,
)


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
    graphs = {
        "text/turtle": ox.RdfFormat.TURTLE,
        "application/n-triples": ox.RdfFormat.N_TRIPLES,
        "application/rdf+xml": ox.RdfFormat.RDF_XML,
        "application/ld+json": ox.RdfFormat.JSON_LD,
    }
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


def _run_in_child(store, text: str, accept: str | None, conn) -> None:
    """Run the query and send (status, content type, body) back; runs in the forked worker."""
    import pyoxigraph as ox

    try:
        result = store.query(text, prefixes=PREFIXES)
        results, graphs = _result_formats()
        if isinstance(result, ox.QueryTriples):
            media = negotiate(accept, list(graphs))
            body = result.serialize(format=graphs[media])
        else:
            media = negotiate(accept, list(results))
            body = result.serialize(format=results[media])
        conn.send((200, media, body))
    except SyntaxError as exc:
        conn.send((400, "text/plain", f"malformed query: {' '.join(str(exc).split())}\n".encode()))
    except Exception as exc:  # the store's own errors: report, never crash the server
        conn.send((500, "text/plain", f"query failed: {' '.join(str(exc).split())}\n".encode()))
    finally:
        conn.close()


def run_with_deadline(store, text: str, accept: str | None, timeout: float) -> tuple[int, str, bytes]:
    """Run one query in a forked worker; kill it and answer 503 when it passes the deadline."""
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    worker = context.Process(target=_run_in_child, args=(store, text, accept, sender), daemon=True)
    worker.start()
    sender.close()
    try:
        if receiver.poll(timeout):
            try:
                return receiver.recv()
            except EOFError:
                return 500, "text/plain", b"query worker died\n"
        return 503, "text/plain", f"query exceeded the time limit of {timeout:g} s and was stopped\n".encode()
    finally:
        receiver.close()
        if worker.is_alive():
            worker.kill()
        worker.join(1)


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


class SparqlHandler(BaseHTTPRequestHandler):
    """Answer SPARQL 1.1 Protocol query requests at /sparql."""

    server_version = "unodc-kg-sparql/1"
    protocol_version = "HTTP/1.1"

    def log_message(self, format, *args):  # noqa: A002 - BaseHTTPRequestHandler API
        if not self.server.quiet:
            sys.stderr.write(f"kg serve: {self.address_string()} {format % args}\n")

    def _send(self, status: int, media: str, body: bytes, extra: dict | None = None) -> None:
        self.send_response(status)
        charset = "; charset=utf-8" if media.startswith("text/") or media.endswith(("json", "xml")) else ""
        self.send_header("Content-Type", media + charset)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("Vary", "Accept")
        for key, value in (extra or {}).items():
            self.send_header(key, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _error(self, status: int, message: str, extra: dict | None = None) -> None:
        self._send(status, "text/plain", (message + "\n").encode("utf-8"), extra)

    def do_OPTIONS(self):  # noqa: N802 - BaseHTTPRequestHandler API
        self._send(204, "text/plain", b"", {"Access-Control-Allow-Methods": "GET, POST, OPTIONS",
                                           "Access-Control-Allow-Headers": "Content-Type, Accept"})

    def do_GET(self):  # noqa: N802
        url = urlsplit(self.path)
        if url.path != "/sparql":
            return self._error(404, "not found: the SPARQL endpoint is /sparql")
        params = parse_qs(url.query, keep_blank_values=True)
        if "update" in params:
            return self._refuse_update()
        if "query" not in params:
            host = self.headers.get("Host") or f"{self.server.server_address[0]}:{self.server.server_address[1]}"
            return self._send(200, "text/turtle", service_description(f"http://{host}/sparql"))
        self._answer(params["query"])

    do_HEAD = do_GET

    def do_POST(self):  # noqa: N802
        url = urlsplit(self.path)
        if url.path != "/sparql":
            return self._error(404, "not found: the SPARQL endpoint is /sparql")
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_QUERY_BYTES:
            return self._error(413, f"request body over {MAX_QUERY_BYTES} bytes")
        body = self.rfile.read(length).decode("utf-8", "replace")
        media = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        if media == "application/sparql-update":
            return self._refuse_update()
        if media == "application/sparql-query":
            return self._answer([body])
        if media == "application/x-www-form-urlencoded":
            params = parse_qs(body, keep_blank_values=True)
            if "update" in params:
                return self._refuse_update()
            if "query" not in params:
                return self._error(400, "missing 'query' parameter")
            return self._answer(params["query"])
        return self._error(415, "unsupported Content-Type: use application/sparql-query or "
                                "application/x-www-form-urlencoded")

    def _refuse_update(self) -> None:
        self._error(403, "updates are refused: this SPARQL endpoint is read-only")

    def _answer(self, queries: list[str]) -> None:
        if len(queries) != 1:
            return self._error(400, "exactly one 'query' parameter is expected")
        text = queries[0]
        if not text.strip():
            return self._error(400, "empty query")
        if _UPDATE.match(text):
            return self._refuse_update()
        status, media, body = run_with_deadline(self.server.store, text, self.headers.get("Accept"),
                                                self.server.query_timeout)
        self._send(status, media, body)


class SparqlServer(ThreadingHTTPServer):
    """ThreadingHTTPServer holding the store and the query time limit."""

    daemon_threads = True

    def __init__(self, address, store, query_timeout: float = DEFAULT_TIMEOUT, quiet: bool = False):
        self.store = store
        self.query_timeout = query_timeout
        self.quiet = quiet
        super().__init__(address, SparqlHandler)

    @property
    def url(self) -> str:
        """http://HOST:PORT/sparql."""
        host, port = self.server_address[:2]
        return f"http://{host}:{port}/sparql"


def make_server(store, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT, timeout: float = DEFAULT_TIMEOUT,
                quiet: bool = False) -> SparqlServer:
    """Bind the endpoint to host:port (port 0: the OS chooses) without starting it."""
    if timeout <= 0:
        raise InputError(f"--timeout must be positive, got {timeout:g}")
    try:
        return SparqlServer((host, port), store, timeout, quiet)
    except OSError as exc:
        raise InputError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None


def start_in_thread(server: SparqlServer) -> threading.Thread:
    """Serve in a daemon thread (for tests and notebooks); stop with server.shutdown()."""
    thread = threading.Thread(target=server.serve_forever, name="kg-serve", daemon=True)
    thread.start()
    return thread


def serve(data: Path | None = None, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT,
          timeout: float = DEFAULT_TIMEOUT) -> int:
    """Load the graph and serve it until interrupted (the `kg serve` command)."""
    from .query import load_store

    store = load_store(data)
    server = make_server(store, host, port, timeout)
    print(f"kg serve: {len(store)} triples at {server.url} (read-only; query time limit {timeout:g} s; Ctrl-C stops)",
          file=sys.stderr, flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0
