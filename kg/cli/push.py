"""`kg push`: load the graph into a running SPARQL store (Graph Store HTTP Protocol)."""

from __future__ import annotations

import argparse
import sys

from kg.core.errors import InputError
from kg.publish.export import DEFAULT_DATA
from kg.publish.push import RETRIES, push
from kg.cli import options


def add_parser(sub, summary: str) -> None:
    """Register `kg push`."""
    p = sub.add_parser(
        "push",
        help=summary,
        description="PUT the graph to a store's SPARQL 1.1 Graph Store HTTP Protocol endpoint.  By default "
        "the union replaces the store's default graph; with --graph-per-document each document's named graph "
        "(named by the document IRI) and id/graph/reference replace only themselves, so a rebuilt document "
        "replaces its old triples; graphs pushed before whose documents were edited or removed are deleted (the "
        "store lists the graphs kg pushed in id/graph/pushed).  Connection failures and 5xx answers are retried "
        "with backoff.",
        epilog="examples:\n  kg push --endpoint http://localhost:7878/store --graph-per-document\n"
        "  kg push --endpoint http://localhost:3030/kg/data --data out/kg.nq",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    options.endpoint(p, "Graph Store endpoint URL of the store", required=True)
    options.data(p, "built graph: file or build folder (default: out/kg.ttl, read from out/kg.nq when present)", DEFAULT_DATA)
    p.add_argument("--graph-per-document", action="store_true", help="PUT one named graph per document")
    p.add_argument("--data-only", action="store_true",
                   help="push the build's graphs only, without the ontology and the whole reference data that kg query adds")  # fmt: skip
    p.add_argument("--retries", type=int, default=RETRIES, metavar="N", help=f"retries per graph (default: {RETRIES})")
    p.set_defaults(func=run)


def run(args) -> int:
    """Push and report what was sent."""
    if args.retries < 0:
        raise InputError(f"--retries must be 0 or more, not {args.retries}")
    result = push(args.endpoint, args.data, args.graph_per_document, not args.data_only, retries=args.retries)
    for name, n in sorted(result.graphs.items(), key=lambda kv: str(kv[0])):
        print(f"{n}\t{name if name is not None else '(default graph)'}")
    for name in result.dropped:
        print(f"deleted\t{name}")
    dropped = f", {len(result.dropped)} old graph(s) deleted" if result.dropped else ""
    print(f"kg push: {result.triples} triples in {len(result.graphs)} graph(s) to {result.endpoint}{dropped}", file=sys.stderr)
    return 0
