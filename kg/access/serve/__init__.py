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

The package: `limits` (defaults and caps), `answer` (one query on the store), `workers` (forked query processes),
`cache` (answers kept), `server` (HTTP handler, server, `kg serve`).
"""

from __future__ import annotations

from kg.access.serve.answer import answer_query, dataset_options, negotiate, service_description
from kg.access.serve.cache import AnswerCache
from kg.access.serve.limits import (DEFAULT_CACHE, DEFAULT_HOST, DEFAULT_MAX_CONCURRENT, DEFAULT_MAX_MEMORY, DEFAULT_MAX_RESULT,
                                    DEFAULT_PORT, DEFAULT_TIMEOUT, MAX_QUERY_BYTES)
from kg.access.serve.server import SparqlHandler, SparqlServer, make_server, serve, start_in_thread
from kg.access.serve.workers import QueryWorkers, run_with_deadline

__all__ = [
    "AnswerCache",
    "DEFAULT_CACHE",
    "DEFAULT_HOST",
    "DEFAULT_MAX_CONCURRENT",
    "DEFAULT_MAX_MEMORY",
    "DEFAULT_MAX_RESULT",
    "DEFAULT_PORT",
    "DEFAULT_TIMEOUT",
    "MAX_QUERY_BYTES",
    "QueryWorkers",
    "SparqlHandler",
    "SparqlServer",
    "answer_query",
    "dataset_options",
    "make_server",
    "negotiate",
    "run_with_deadline",
    "service_description",
    "serve",
    "start_in_thread",
]
