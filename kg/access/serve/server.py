"""The HTTP side: the SPARQL 1.1 Protocol handler, the server holding the store and its limits, `kg serve`."""

from __future__ import annotations

import logging
import re
import signal
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from kg.core.errors import InputError
from kg.access.query import MAX_NESTING, federated, nesting_depth
from kg.access.serve.answer import _HOST, _UPDATE, _absolute_iri, service_description
from kg.access.serve.cache import AnswerCache
from kg.access.serve.limits import (DEFAULT_CACHE, DEFAULT_HOST, DEFAULT_MAX_CONCURRENT, DEFAULT_MAX_MEMORY, DEFAULT_MAX_RESULT,
                                    DEFAULT_PORT, DEFAULT_TIMEOUT, MAX_QUERY_BYTES, READ_TIMEOUT, MiB)
from kg.access.serve.workers import QueryWorkers

log = logging.getLogger(__name__)


class SparqlHandler(BaseHTTPRequestHandler):
    """Answer SPARQL 1.1 Protocol query requests at /sparql."""

    server_version = "unodc-kg-sparql/1"
    protocol_version = "HTTP/1.1"
    timeout = READ_TIMEOUT  # a half-sent request or an idle kept-alive connection is dropped, never holds a thread

    def setup(self):
        super().setup()
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)  # no 40 ms Nagle wait per answer

    def log_message(self, format, *args):  # noqa: A002 - BaseHTTPRequestHandler API
        if not self.server.quiet:
            log.info("kg serve: %s %s", self.address_string(), format % args)

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
        asked = self.headers.get("Access-Control-Request-Headers") or ""
        allowed = ", ".join(h.strip() for h in asked.split(",") if re.fullmatch(r"[A-Za-z0-9-]+", h.strip())) or "Content-Type, Accept"
        self._send(204, "text/plain", b"", {"Access-Control-Allow-Methods": "GET, POST, OPTIONS",
                                           "Access-Control-Allow-Headers": allowed, "Access-Control-Max-Age": "600"})

    def _not_allowed(self):
        self._error(405, f"{self.command} is not allowed: this SPARQL endpoint is read-only (GET, POST, OPTIONS)",
                    {"Allow": "GET, HEAD, POST, OPTIONS"})

    do_PUT = do_DELETE = do_PATCH = _not_allowed

    def do_GET(self):  # noqa: N802
        url = urlsplit(self.path)
        if url.path != "/sparql":
            return self._error(404, "not found: the SPARQL endpoint is /sparql")
        params = parse_qs(url.query, keep_blank_values=True)
        if "update" in params:
            return self._refuse_update()
        if "query" not in params:
            if "default-graph-uri" in params or "named-graph-uri" in params:
                return self._error(400, "missing 'query' parameter")
            host = self.headers.get("Host") or ""
            if not _HOST.match(host):  # never paste an arbitrary header into the description
                host = f"{self.server.server_address[0]}:{self.server.server_address[1]}"
            return self._send(200, "text/turtle", service_description(f"http://{host}/sparql"))
        self._answer(params["query"], params)

    do_HEAD = do_GET

    def do_POST(self):  # noqa: N802
        url = urlsplit(self.path)
        if url.path != "/sparql":
            return self._error(404, "not found: the SPARQL endpoint is /sparql")
        body = self._body()
        if body is None:
            return None
        media = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        if media == "application/sparql-update":
            return self._refuse_update()
        if media == "application/sparql-query":  # the dataset comes in the URL's query string
            return self._answer([body], parse_qs(url.query, keep_blank_values=True))
        if media == "application/x-www-form-urlencoded":
            params = parse_qs(body, keep_blank_values=True)
            if "update" in params:
                return self._refuse_update()
            if "query" not in params:
                return self._error(400, "missing 'query' parameter")
            return self._answer(params["query"], params)
        return self._error(415, "unsupported Content-Type: use application/sparql-query or "
                                "application/x-www-form-urlencoded")

    def _body(self) -> str | None:
        """The request body (Content-Length or chunked), at most MAX_QUERY_BYTES; None when an error was sent."""
        if "chunked" in (self.headers.get("Transfer-Encoding") or "").lower():
            data = bytearray()
            while True:
                line = self.rfile.readline(100)
                try:
                    size = int(line.split(b";")[0].strip(), 16)
                except ValueError:
                    self.close_connection = True
                    self._error(400, "malformed chunked request body")
                    return None
                if size == 0:
                    while self.rfile.readline(1000).strip():  # trailer fields
                        pass
                    break
                if len(data) + size > MAX_QUERY_BYTES:
                    self.close_connection = True
                    self._error(413, f"request body over {MAX_QUERY_BYTES} bytes")
                    return None
                data += self.rfile.read(size)
                self.rfile.readline(3)
            return data.decode("utf-8", "replace")
        raw = (self.headers.get("Content-Length") or "0").strip()
        if not raw.isdigit():
            self.close_connection = True
            self._error(400, f"malformed Content-Length: {raw[:40]!r}")
            return None
        length = int(raw)
        if length > MAX_QUERY_BYTES:
            self.close_connection = True
            self._error(413, f"request body over {MAX_QUERY_BYTES} bytes")
            return None
        return self.rfile.read(length).decode("utf-8", "replace")

    def _refuse_update(self) -> None:
        self._error(403, "updates are refused: this SPARQL endpoint is read-only")

    def _answer(self, queries: list[str], params: dict | None = None) -> None:
        if len(queries) != 1:
            return self._error(400, "exactly one 'query' parameter is expected")
        dataset = None
        if params and ("default-graph-uri" in params or "named-graph-uri" in params):
            dataset = tuple(tuple(params.get(key, ())) for key in ("default-graph-uri", "named-graph-uri"))
            for key, iris in zip(("default-graph-uri", "named-graph-uri"), dataset):
                for iri in iris:
                    if not _absolute_iri(iri):
                        return self._error(400, f"{key}: not an absolute IRI: {iri[:80]!r}")
        text = queries[0]
        if not text.strip():
            return self._error(400, "empty query")
        if _UPDATE.match(text):
            return self._refuse_update()
        if federated(text):
            return self._error(400, "SERVICE (federated query) is refused: this endpoint never queries other services")
        depth = nesting_depth(text)
        if depth > MAX_NESTING:
            return self._error(400, f"query is nested too deeply ({depth} levels; at most {MAX_NESTING})")
        server = self.server
        accept = self.headers.get("Accept")
        answer = server.answers.answer((text, accept or "", dataset),
                                       lambda: server.workers.run(text, accept, dataset=dataset))
        if answer is None:
            return self._error(503, f"too many queries at once (limit {server.max_concurrent}); retry later",
                               {"Retry-After": "1"})
        self._send(*answer)


class SparqlServer(ThreadingHTTPServer):
    """ThreadingHTTPServer holding the store and the query limits (time, memory, result size, concurrency)."""

    daemon_threads = True
    request_queue_size = 128  # listen backlog: bursts of clients wait instead of being reset

    def __init__(self, address, store, query_timeout: float = DEFAULT_TIMEOUT, quiet: bool = False,
                 max_memory: int = DEFAULT_MAX_MEMORY * MiB, max_concurrent: int = DEFAULT_MAX_CONCURRENT,
                 max_result: int = DEFAULT_MAX_RESULT * MiB, cache: int = DEFAULT_CACHE * MiB):
        self.store = store
        self.answers = AnswerCache(cache)
        self.query_timeout = query_timeout
        self.quiet = quiet
        self.max_memory, self.max_result, self.max_concurrent = max_memory, max_result, max_concurrent
        super().__init__(address, SparqlHandler)
        self.workers = QueryWorkers(store, max_concurrent, query_timeout, max_memory, max_result)

    def server_close(self):
        """Close the socket and stop the query workers."""
        super().server_close()
        workers = getattr(self, "workers", None)
        if workers is not None:
            workers.close()

    @property
    def url(self) -> str:
        """http://HOST:PORT/sparql."""
        host, port = self.server_address[:2]
        return f"http://{host}:{port}/sparql"


def make_server(store, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT, timeout: float = DEFAULT_TIMEOUT,
                quiet: bool = False, *, max_memory: float = DEFAULT_MAX_MEMORY, max_concurrent: int = DEFAULT_MAX_CONCURRENT,
                max_result: float = DEFAULT_MAX_RESULT, cache: float = DEFAULT_CACHE) -> SparqlServer:
    """Bind the endpoint to host:port (port 0: the OS chooses) without starting it.

    max_memory, max_result and cache (answers kept for repeated queries; 0: none) are in MiB; max_concurrent is
    how many queries may run at once."""
    if timeout <= 0:
        raise InputError(f"--timeout must be positive, got {timeout:g}")
    for option, value in (("--max-memory", max_memory), ("--max-concurrent", max_concurrent), ("--max-result", max_result)):
        if value <= 0:
            raise InputError(f"{option} must be positive, got {value:g}")
    if not 0 <= port <= 65535:
        raise InputError(f"--port must be between 0 and 65535, got {port}")
    if cache < 0:
        raise InputError(f"--cache must be 0 or more, got {cache:g}")
    try:
        return SparqlServer((host, port), store, timeout, quiet, int(max_memory * MiB), int(max_concurrent), int(max_result * MiB),
                            int(cache * MiB))
    except (OSError, OverflowError) as exc:
        raise InputError(f"cannot listen on {host}:{port}: {getattr(exc, 'strerror', None) or exc}") from None


def start_in_thread(server: SparqlServer) -> threading.Thread:
    """Serve in a daemon thread (for tests and notebooks); stop with server.shutdown()."""
    thread = threading.Thread(target=server.serve_forever, name="kg-serve", daemon=True)
    thread.start()
    return thread


def serve(data: Path | None = None, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT,
          timeout: float = DEFAULT_TIMEOUT, *, max_memory: float = DEFAULT_MAX_MEMORY,
          max_concurrent: int = DEFAULT_MAX_CONCURRENT, max_result: float = DEFAULT_MAX_RESULT,
          cache: float = DEFAULT_CACHE, check=None) -> int:
    """Load the graph and serve it until interrupted (the `kg serve` command); *check* as in kg.rdf.load.

    What it has to say (the address, each request unless quiet) goes to this module's logger at INFO."""
    from kg.rdf.load import read_store, resolve

    # a build folder: its kg.nq; kg.ttl: kg.nq beside it when as new
    path = resolve(data, check=check, prefer_quads=True)
    store = read_store(path, named_graphs=True)
    server = make_server(store, host, port, timeout, max_memory=max_memory, max_concurrent=max_concurrent,
                         max_result=max_result, cache=cache)
    graphs = sum(1 for _ in store.named_graphs())
    held = f"{len(store)} quads (the default graph and {graphs} named graphs)" if graphs else f"{len(store)} triples"
    log.info("kg serve: %s at %s (read-only; query time limit %g s; Ctrl-C stops)", held, server.url, timeout)

    def stop(signum, frame):
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, stop)  # SIGTERM stops the workers too, as Ctrl-C does
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        signal.signal(signal.SIGTERM, previous)
        server.server_close()
    return 0
