"""`kg serve`: a read-only SPARQL 1.1 endpoint over the graph."""

from __future__ import annotations

import argparse
import logging
import sys

from kg.access.query import DEFAULT_DATA
from kg.build.outputs import check_consistent
from kg.access.serve import DEFAULT_CACHE, DEFAULT_HOST, DEFAULT_MAX_CONCURRENT, DEFAULT_MAX_MEMORY, DEFAULT_MAX_RESULT, DEFAULT_PORT, DEFAULT_TIMEOUT, serve
from kg.cli import options


def add_parser(sub, summary: str) -> None:
    """Register `kg serve`."""
    p = sub.add_parser(
        "serve",
        help=summary,
        description="Load the graph (with the ontology and reference data) into pyoxigraph and answer SPARQL 1.1 "
        "Protocol queries at http://HOST:PORT/sparql: GET and POST, results as JSON, XML, CSV or TSV by the Accept "
        "header, Turtle for CONSTRUCT and DESCRIBE. Updates (403) and federated queries (SERVICE, 400) are refused; "
        "a query longer than --timeout, growing by more than --max-memory or answering more than --max-result is "
        "stopped (HTTP 503), and beyond --max-concurrent running queries a new one is answered 503. The default graph "
        "is the merge of everything; kg.nq's document graphs are named graphs (GRAPH ?g), and the protocol's "
        "default-graph-uri and named-graph-uri parameters choose the dataset of a query.",
        epilog="examples:\n  kg serve\n  kg serve --data out/kg.ttl --port 8000 --timeout 10\n  kg serve --max-memory 512 --max-concurrent 4\n"
        "  curl -H 'Accept: text/csv' --data-urlencode 'query=SELECT * WHERE { ?s ?p ?o } LIMIT 3' "
        "http://127.0.0.1:7878/sparql",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    options.data(p, f"graph file or build folder; kg.nq's graphs are named graphs (default: {DEFAULT_DATA}, "
                 "read from kg.nq beside it when present)")
    p.add_argument("--host", default=DEFAULT_HOST, help=f"address to listen on (default: {DEFAULT_HOST})")
    p.add_argument("--port", type=int, default=DEFAULT_PORT, help=f"port; 0 lets the OS choose (default: {DEFAULT_PORT})")
    p.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT, metavar="S",
                   help=f"query time limit in seconds (default: {DEFAULT_TIMEOUT:g})")
    p.add_argument("--max-memory", type=float, default=DEFAULT_MAX_MEMORY, metavar="MiB",
                   help=f"memory a query may use beyond the loaded graph (default: {DEFAULT_MAX_MEMORY})")
    p.add_argument("--max-concurrent", type=int, default=DEFAULT_MAX_CONCURRENT, metavar="N",
                   help=f"queries running at once; more are answered 503 (default: {DEFAULT_MAX_CONCURRENT})")
    p.add_argument("--max-result", type=float, default=DEFAULT_MAX_RESULT, metavar="MiB",
                   help=f"size of a serialised result (default: {DEFAULT_MAX_RESULT})")
    p.add_argument("--cache", type=float, default=DEFAULT_CACHE, metavar="MiB",
                   help=f"answers kept for repeated queries, 0 for none (default: {DEFAULT_CACHE})")
    p.set_defaults(func=run)


def run(args) -> int:
    """Serve until interrupted, saying where and logging each request on stderr."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(message)s"))
    logger = logging.getLogger("kg.access.serve")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False
    try:
        return serve(args.data, args.host, args.port, args.timeout, max_memory=args.max_memory,
                     max_concurrent=args.max_concurrent, max_result=args.max_result, cache=args.cache,
                     check=check_consistent)
    finally:
        logger.removeHandler(handler)
