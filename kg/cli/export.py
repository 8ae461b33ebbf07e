"""`kg export`: write the graph as Turtle, N-Triples, N-Quads, TriG or JSON-LD."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kg.core.errors import InputError
from kg.publish.export import DEFAULT_DATA, FORMATS, GRAPH_CHOICES, export
from kg.core.files import write_bytes

ORDER = 20


def add_parser(sub) -> None:
    """Register `kg export`."""
    p = sub.add_parser(
        "export",
        help="write the graph as Turtle, N-Triples, N-Quads, TriG or JSON-LD",
        description="Write the built graph in a standard RDF format.  N-Quads and TriG keep one named graph "
        "per source document (named by the document IRI) plus id/graph/reference, so a store can replace "
        "or drop one document alone; Turtle, N-Triples and JSON-LD hold the union.  JSON-LD is compact, "
        "with the project's @context inline (plain JSON keys such as name, partOf, inDocument).",
        epilog="examples:\n  kg export --format nq --out kg.nq\n  kg export --format jsonld --graph all > kg.jsonld\n"
        "  kg export --data out/ --format trig --out dump/kg.trig",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--data", type=Path, default=DEFAULT_DATA, metavar="PATH",
                   help="built graph: a file (.ttl .nt .nq .trig .jsonld) or a build folder (default: out/kg.ttl, "
                   "read from out/kg.nq when present)")  # fmt: skip
    p.add_argument("--format", choices=list(FORMATS), default="ttl", help="output format (default: ttl)")
    p.add_argument("--out", type=Path, metavar="FILE", help="output file (default: standard output)")
    p.add_argument("--graph", choices=GRAPH_CHOICES, default="data",
                   help="data graphs, the ontology, or both (default: data)")  # fmt: skip
    p.set_defaults(func=run)


def run(args) -> int:
    """Export and write the bytes to --out or standard output."""
    if args.out is not None and args.out.is_dir():
        raise InputError(f"{args.out}: is a folder; --out names the file to write, e.g. {args.out / ('kg.' + args.format)}")
    data = export(args.data, args.format, args.graph)
    if args.out is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        print(write_bytes(args.out, data))
    return 0
