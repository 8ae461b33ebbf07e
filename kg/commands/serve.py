"""`kg serve`: a read-only SPARQL 1.1 endpoint over the graph."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..query import DEFAULT_DATA
from ..serve import DEFAULT_HOST, DEFAULT_PORT, DEFAULT_TIMEOUT, serve

ORDER = 21


def add_parser(sub) -> None:
    """Register `kg serve`."""
    p = sub.add_parser(
        "serve",
        help="serve the graph at a read-only SPARQL 1.1 endpoint (http://HOST:PORT/sparql)",
        description="Load the graph (with the ontology and reference data) into pyoxigraph and answer SPARQL 1.1 "
        "Protocol queries at http://HOST:PORT/sparql: GET and POST, results as JSON, XML, CSV or TSV by the Accept "
        "header, Turtle for CONSTRUCT and DESCRIBE. Updates are refused; a query longer than --timeout is stopped "
        "(HTTP 503).",
        epilog="examples:\n  kg serve\n  kg serve --data out/kg.ttl --port 8000 --timeout 10\n"
        "  curl -H 'Accept: text/csv' --data-urlencode 'query=SELECT * WHERE { ?s ?p ?o } LIMIT 3' "
        "http://127.0.0.1:7878/sparql",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--data", type=Path, metavar="PATH", help=f"graph file (default: {DEFAULT_DATA})")
    p.add_argument("--host", default=DEFAULT_HOST, help=f"address to listen on (default: {DEFAULT_HOST})")
    p.add_argument("--port", type=int, default=DEFAULT_PORT, help=f"port; 0 lets the OS choose (default: {DEFAULT_PORT})")
    p.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT, metavar="S",
                   help=f"query time limit in seconds (default: {DEFAULT_TIMEOUT:g})")
    p.set_defaults(func=run)


def run(args) -> int:
    """Serve until interrupted."""
    return serve(args.data, args.host, args.port, args.timeout)
