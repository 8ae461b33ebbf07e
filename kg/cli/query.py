"""`kg query`: run a named SPARQL query or a .rq file over the built graph."""

from __future__ import annotations

import argparse
import sys

from kg.access.query import DEFAULT_DATA, FORMATS, describe_queries, query
from kg.build.outputs import check_consistent
from kg.cli import options


def add_parser(sub, summary: str) -> None:
    """Register `kg query`."""
    p = sub.add_parser(
        "query",
        help=summary,
        description="Run a named query (queries/*.rq) or a SPARQL query file over the built graph merged with the "
        "ontology and the reference data. An entity parameter accepts an IRI, a label or an abbreviation in "
        "any language (UNTOC, 联合国打击跨国有组织犯罪公约, 《有组织犯罪公约》).",
        epilog="named queries:\n" + describe_queries() + "\n\nexamples:\n"
        "  kg query programmes-serving-convention --param convention=UNTOC\n"
        "  kg query programmes-serving-convention --param convention=联合国打击跨国有组织犯罪公约 --lang zh\n"
        "  kg query partners --format csv > out/partners.csv\n"
        "  kg query my-question.rq --data out/kg.ttl --format json",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("query", metavar="NAME|FILE.rq", help="a named query or a SPARQL query file")
    options.data(p, f"graph file: .ttl, .nt, .nq, .trig (default: {DEFAULT_DATA})")
    p.add_argument("--param", action="append", default=[], metavar="KEY=VALUE", help="bind a query parameter (repeatable)")
    options.output_format(p, FORMATS, "table")
    options.lang(p, "language of the labels in a table (default: en)", "en")
    p.add_argument("--engine", choices=["oxigraph", "rdflib"], default="oxigraph",
                   help="SPARQL engine (default: oxigraph; rdflib is the slower reference)")
    p.set_defaults(func=run)


def run(args) -> int:
    """Run the query and print the result."""
    sys.stdout.write(query(args.query, args.data, args.param, args.format, args.lang, args.engine,
                           check=check_consistent))
    return 0
