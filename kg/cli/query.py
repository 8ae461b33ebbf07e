"""`kg query`: run a named SPARQL query or a .rq file over the built graph."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kg.access.query import DEFAULT_DATA, FORMATS, describe_queries, query
from kg.build.outputs import check_consistent

ORDER = 20


def add_parser(sub) -> None:
    """Register `kg query`."""
    p = sub.add_parser(
        "query",
        help="run a named SPARQL query or a .rq file over the graph",
        description="Run a named query (queries/*.rq) or a SPARQL query file over the built graph merged with the "
        "ontology and the reference data. An entity parameter accepts an IRI, a label or an abbreviation in "
        "any language (UNTOC, 联合国打击跨国有组织犯罪公约, 《有组织犯罪公约》).",
        epilog="named queries:\n" + describe_queries() + "\n\nexamples:\n"
        "  kg query programmes-serving-convention --param convention=UNTOC\n"
        "  kg query programmes-serving-convention --param convention=联合国打击跨国有组织犯罪公约 --lang zh\n"
        "  kg query partners --format csv > partners.csv\n"
        "  kg query my-question.rq --data out/kg.ttl --format json",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("query", metavar="NAME|FILE.rq", help="a named query or a SPARQL query file")
    p.add_argument("--data", type=Path, metavar="PATH", help=f"graph file: .ttl, .nt, .nq, .trig (default: {DEFAULT_DATA})")
    p.add_argument("--param", action="append", default=[], metavar="KEY=VALUE", help="bind a query parameter (repeatable)")
    p.add_argument("--format", choices=FORMATS, default="table", help="output format (default: table)")
    p.add_argument("--lang", choices=["zh", "en"], default="en", help="language of the labels in a table (default: en)")
    p.add_argument("--engine", choices=["oxigraph", "rdflib"], default="oxigraph",
                   help="SPARQL engine (default: oxigraph; rdflib is the slower reference)")
    p.set_defaults(func=run)


def run(args) -> int:
    """Run the query and print the result."""
    sys.stdout.write(query(args.query, args.data, args.param, args.format, args.lang, args.engine,
                           check=check_consistent))
    return 0
