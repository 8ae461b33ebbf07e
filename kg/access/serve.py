"""A read-only SPARQL 1.1 Protocol endpoint over the graph (pyoxigraph store, stdlib HTTP server).

https://www.w3.org/TR/sparql11-protocol/#query-operation — `GET /sparql?query=…`, `POST /sparql` with
`application/x-www-form-urlencoded` (`query=…`) or `application/sparql-query`.  SELECT and ASK results as
SPARQL JSON, XML, CSV or TSV by the Accept header (JSON by default); CONSTRUCT and DESCRIBE as Turtle, N-Triples,
RDF/XML or JSON-LD (Turtle by default).  Updates are refused (403), and so are federated queries (`SERVICE`,
400): the endpoint never sends a request anywhere.  Each query runs in a forked worker process with a deadline,
a memory cap (RLIMIT_AS: the worker may grow by --max-memory) and a cap on the size of its result; a query that
passes one is stopped and answered 503 with one line saying which.  At most --max-concurrent queries run at once;
a query that finds no free slot within a second is answered 503 with Retry-After.  Request bodies over 1 MB are
refused (413), and a client that stops sending mid-request is dropped after a read timeout.  Successful answers
are kept for repeated queries (AnswerCache, --cache MiB): the store never changes while it is served.
`GET /sparql` without a query returns a SPARQL service description.

The default graph is the merge of the data, the ontology and the reference data (what `kg query` asks); when the
data is N-Quads or TriG (kg.nq, or a build folder), its graphs are also there as named graphs for `GRAPH ?g`.
`default-graph-uri` and `named-graph-uri` (in the URL, or in the body of a form POST) set the query's dataset
(https://www.w3.org/TR/sparql11-protocol/#dataset) and take precedence over FROM and FROM NAMED.
"""

from __future__ import annotations

import multiprocessing
import os
import queue
import re
import resource
import signal
import socket
import sys
import threading
from collections import OrderedDict
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from kg.core.errors import InputError
from kg.core.namespaces import PREFIXES
from kg.rdf.formats import BY_NAME
from kg.access.query import MAX_NESTING, federated, nesting_depth

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 7878
DEFAULT_TIMEOUT = 30.0
DEFAULT_MAX_MEMORY = 1024  # MiB a query worker may add to the server's size
DEFAULT_MAX_CONCURRENT = 8
DEFAULT_MAX_RESULT = 256  # MiB of serialised results
DEFAULT_CACHE = 64  # MiB of answers kept for repeated queries (the store is read-only, so they stay right)
MAX_QUERY_BYTES = 1_000_000
READ_TIMEOUT = 20.0  # seconds a client may take to send a request (and idle on a kept-alive connection)
SLOT_WAIT = 1.0  # seconds a query waits for a free slot before 503
MiB = 1 << 20

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


class _Limited:
    """A write target that stops the serialiser once the result passes *limit* bytes."""

    def __init__(self, limit: int):
        self.limit, self.chunks, self.size = limit, [], 0

    def write(self, data) -> int:
        self.size += len(data)
        if self.size > self.limit:
            raise _ResultTooLarge()
        self.chunks.append(bytes(data))
        return len(data)

    def flush(self) -> None:
        pass


class _ResultTooLarge(Exception):
    pass


def _limit_memory(max_memory: int) -> int:
    """Let this (forked) worker grow by at most *max_memory* bytes beyond the server's current size; return the cap."""
    size = _vm_size()
    if not size:
        return 0
    limit = size + max_memory
    hard = resource.getrlimit(resource.RLIMIT_AS)[1]
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    return limit


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


def _settle_worker(max_memory: int, stderr: int | None) -> int:
    """Prepare a forked query worker: quiet crash reports, last words to *stderr*, the memory cap; return the cap."""
    import faulthandler

    faulthandler.disable()  # an abort at the memory cap is answered 503, not dumped on the server's stderr
    if stderr is not None:  # the runtime's last words (allocation failed, stack overflow) go to the server
        os.dup2(stderr, 2)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the server's; it stops the workers
    signal.signal(signal.SIGALRM, signal.SIG_DFL)  # a query past its own deadline ends the process, even inside Rust
    return _limit_memory(max_memory)


def _run_in_child(store, text: str, accept: str | None, conn, max_memory: int = DEFAULT_MAX_MEMORY * MiB,
                  max_result: int = DEFAULT_MAX_RESULT * MiB, stderr: int | None = None, dataset: tuple | None = None) -> None:
    """Run one query and send (status, content type, body) back; runs in a one-shot forked worker."""
    try:
        _settle_worker(max_memory, stderr)
        conn.send(answer_query(store, text, accept, max_memory, max_result, dataset))
    finally:
        conn.close()


def _vm_size() -> int:
    try:
        with open("/proc/self/statm", encoding="ascii") as handle:
            return int(handle.read().split()[0]) * resource.getpagesize()
    except (OSError, ValueError, IndexError):
        return 0


def _serve_queries(store, conn, max_memory: int, max_result: int, stderr: int, timeout: float, server: int) -> None:
    """A pooled query worker: answer (text, accept) jobs until the server process goes (checked every second:
    the pipe alone does not tell, since workers forked later hold copies of its end); leave when grown past
    half the cap."""
    cap = _settle_worker(max_memory, stderr)
    while True:
        try:
            while not conn.poll(1.0):
                if os.getppid() != server:
                    return
            text, accept, dataset = conn.recv()
        except (EOFError, OSError):
            return
        signal.setitimer(signal.ITIMER_REAL, timeout + 2.0)  # the server kills it at the deadline; this if the server is gone
        answer = answer_query(store, text, accept, max_memory, max_result, dataset)
        signal.setitimer(signal.ITIMER_REAL, 0)
        fit = not cap or _vm_size() < cap - max_memory // 2  # memory the allocator kept shrinks the next query's room
        try:
            conn.send((*answer, fit))
        except OSError:
            return
        if not fit:
            return


class _Worker:
    """One pooled query process, its job pipe and the read end of its stderr."""

    def __init__(self, process, conn, stderr: int):
        self.process, self.conn, self.stderr = process, conn, stderr

    def stop(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(2)
        self.conn.close()
        os.close(self.stderr)


class QueryWorkers:
    """A pool of forked query processes (copies of the server with the loaded store), one per concurrent query.

    Each has the memory cap for its whole life; a worker that passes the time limit is killed and one that dies,
    or keeps memory past half its cap, is replaced by a fresh fork.  Forking once per worker instead of once per
    query saves 5-10 ms a query."""

    def __init__(self, store, size: int, timeout: float, max_memory: int, max_result: int):
        self.store, self.size, self.timeout = store, size, timeout
        self.max_memory, self.max_result = max_memory, max_result
        self._idle: queue.LifoQueue = queue.LifoQueue()
        self._closed = False
        self._all: set = set()
        self._lock = threading.Lock()
        for _ in range(size):
            self._idle.put(self._spawn())

    def _spawn(self) -> _Worker:
        context = multiprocessing.get_context("fork")
        ours, theirs = context.Pipe(duplex=True)
        last_words, their_stderr = os.pipe()
        os.set_blocking(last_words, False)
        process = context.Process(target=_serve_queries, daemon=True, name="kg-serve-query",
                                  args=(self.store, theirs, self.max_memory, self.max_result, their_stderr, self.timeout,
                                        os.getpid()))
        try:
            process.start()
        finally:
            os.close(their_stderr)
            theirs.close()
        worker = _Worker(process, ours, last_words)
        with self._lock:
            self._all.add(worker)
        return worker

    def _retire(self, worker: _Worker) -> None:
        worker.stop()
        with self._lock:
            self._all.discard(worker)
            closed = self._closed
        if not closed:
            try:
                self._idle.put(self._spawn())
            except OSError as exc:  # cannot fork now: one slot fewer until the next retirement succeeds
                sys.stderr.write(f"kg serve: cannot start a query worker ({exc.strerror or exc})\n")

    def run(self, text: str, accept: str | None, wait: float = SLOT_WAIT,
            dataset: tuple | None = None) -> tuple[int, str, bytes] | None:
        """Answer one query (over the protocol *dataset*, see dataset_options) in a free worker, or None when none
        is free within *wait* seconds."""
        try:
            worker = self._idle.get(timeout=wait)
        except queue.Empty:
            return None
        keep = False
        try:
            worker.conn.send((text, accept, dataset))
            if worker.conn.poll(self.timeout):
                try:
                    status, media, body, keep = worker.conn.recv()
                    return status, media, body
                except EOFError:
                    worker.process.join(5)
                    return _worker_died(worker.process.exitcode, _read_some(worker.stderr), self.max_memory)
            return 503, "text/plain", f"query exceeded the time limit of {self.timeout:g} s and was stopped\n".encode()
        except OSError:  # the worker was gone before it took the job
            return 500, "text/plain", b"query worker died; retry\n"
        finally:
            _read_some(worker.stderr, wait=0.0)  # drain what it printed so its pipe never fills
            if keep:
                self._idle.put(worker)
            else:
                self._retire(worker)

    def close(self) -> None:
        """Stop every worker."""
        with self._lock:
            self._closed = True
            workers = list(self._all)
            self._all.clear()
        for worker in workers:
            worker.stop()


class AnswerCache:
    """Answers (status 200) of recent queries by (text, Accept, dataset), at most *limit* bytes, least recently used
    first out.  The store never changes while the server runs, so a kept answer is the answer.  When several
    requests ask the same query at once, one runs it and the others wait for its answer."""

    def __init__(self, limit: int):
        self.limit, self.size = limit, 0
        self._answers: OrderedDict = OrderedDict()
        self._running: dict = {}
        self._lock = threading.Lock()

    def answer(self, key: tuple, compute) -> tuple[int, str, bytes] | None:
        """The kept answer for *key*, or compute() (None: no answer, e.g. no free worker) and keep it if it is a 200.

        Requests that ask while the same query runs get its answer, whatever it is (a query stopped at the time
        limit is not run again for each of them)."""
        if self.limit <= 0:
            return compute()
        with self._lock:
            kept = self._answers.get(key)
            if kept is not None:
                self._answers.move_to_end(key)
                return kept
            running = self._running.get(key)
            if running is None:
                self._running[key] = running = [threading.Event(), None]
                mine = True
            else:
                mine = False
        if not mine:
            running[0].wait()
            return running[1]
        try:
            running[1] = answer = compute()
            if answer is not None and answer[0] == 200:
                self._keep(key, answer)
            return answer
        finally:
            with self._lock:
                del self._running[key]
            running[0].set()

    def _keep(self, key: tuple, answer: tuple) -> None:
        cost = len(answer[2]) + len(key[0]) + 200
        if cost > self.limit // 4:  # one huge result would push out every other answer
            return
        with self._lock:
            self._answers[key] = answer
            self.size += cost
            while self.size > self.limit:
                old_key, old = self._answers.popitem(last=False)
                self.size -= len(old[2]) + len(old_key[0]) + 200


def _memory_exceeded(max_memory: int) -> tuple[int, str, bytes]:
    return 503, "text/plain", f"query exceeded the memory limit of {max_memory / MiB:g} MiB and was stopped\n".encode()


def run_with_deadline(store, text: str, accept: str | None, timeout: float, max_memory: int = DEFAULT_MAX_MEMORY * MiB,
                      max_result: int = DEFAULT_MAX_RESULT * MiB, dataset: tuple | None = None) -> tuple[int, str, bytes]:
    """Run one query in a forked worker with a memory cap; kill it and answer 503 when it passes the deadline."""
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    last_words, their_stderr = os.pipe()
    worker = context.Process(target=_run_in_child, args=(store, text, accept, sender, max_memory, max_result, their_stderr, dataset),
                             daemon=True)
    try:
        worker.start()
    finally:
        os.close(their_stderr)
    sender.close()
    try:
        if receiver.poll(timeout):
            try:
                return receiver.recv()
            except EOFError:
                worker.join(5)
                return _worker_died(worker.exitcode, _read_some(last_words), max_memory)
        return 503, "text/plain", f"query exceeded the time limit of {timeout:g} s and was stopped\n".encode()
    finally:
        receiver.close()
        if worker.is_alive():
            worker.kill()
        worker.join(1)
        os.close(last_words)


def _read_some(fd: int, limit: int = 4096, wait: float = 0.2) -> bytes:
    """Up to *limit* bytes a worker wrote to its stderr (waiting at most *wait* seconds for each piece)."""
    import select

    data = b""
    try:
        while len(data) < limit and select.select([fd], [], [], wait)[0]:
            chunk = os.read(fd, limit - len(data))
            if not chunk:
                break
            data += chunk
    except (OSError, ValueError):
        pass
    return data


def _worker_died(exitcode: int | None, said: bytes, max_memory: int) -> tuple[int, str, bytes]:
    """The answer for a worker that died without answering, from its exit status and last words."""
    if b"overflowed its stack" in said or (exitcode == -signal.SIGSEGV and b"memory allocation" not in said):
        return 400, "text/plain", b"query is nested too deeply to be evaluated\n"
    if b"memory allocation" in said or exitcode in (-signal.SIGABRT, -signal.SIGKILL, -signal.SIGBUS):
        return _memory_exceeded(max_memory)  # the allocator aborts a process at its address-space cap
    return 500, "text/plain", f"query worker died (exit status {exitcode})\n".encode()


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
          cache: float = DEFAULT_CACHE) -> int:
    """Load the graph and serve it until interrupted (the `kg serve` command)."""
    from kg.build.outputs import check_consistent
    from kg.rdf.load import read_store, resolve

    # a build folder: its kg.nq; kg.ttl: kg.nq beside it when as new
    path = resolve(data, check=check_consistent, prefer_quads=True)
    store = read_store(path, named_graphs=True)
    server = make_server(store, host, port, timeout, max_memory=max_memory, max_concurrent=max_concurrent,
                         max_result=max_result, cache=cache)
    graphs = sum(1 for _ in store.named_graphs())
    held = f"{len(store)} quads (the default graph and {graphs} named graphs)" if graphs else f"{len(store)} triples"
    print(f"kg serve: {held} at {server.url} (read-only; query time limit {timeout:g} s; Ctrl-C stops)",
          file=sys.stderr, flush=True)

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
