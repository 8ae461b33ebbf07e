"""`kg export`: write the graph as Turtle, N-Triples, N-Quads, TriG or JSON-LD."""

from __future__ import annotations

import argparse
import shutil
import signal
import sys
import tempfile

from kg.core.errors import InputError
from kg.publish.export import DEFAULT_DATA, FORMATS, GRAPH_CHOICES, export_to
from kg.core.files import atomic_open
from kg.cli import options


def add_parser(sub, summary: str) -> None:
    """Register `kg export`."""
    p = sub.add_parser(
        "export",
        help=summary,
        description="Write the built graph in a standard RDF format.  N-Quads and TriG keep one named graph "
        "per source document (named by the document IRI) plus id/graph/reference, so a store can replace "
        "or drop one document alone; Turtle, N-Triples and JSON-LD hold the union.  JSON-LD is compact, "
        "with the project's @context inline (plain JSON keys such as name, partOf, inDocument).",
        epilog="examples:\n  kg export --format nq --out out/dump/kg.nq\n  kg export --format jsonld --graph all > out/kg.jsonld\n"
        "  kg export --data out/ --format trig --out out/dump/kg.trig",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    options.data(p, "built graph: a file (.ttl .nt .nq .trig .jsonld) or a build folder (default: out/kg.ttl, "
                 "read from out/kg.nq when present)", DEFAULT_DATA)
    options.output_format(p, FORMATS, "ttl")
    options.out_file(p)
    p.add_argument("--graph", choices=GRAPH_CHOICES, default="data",
                   help="data graphs, the ontology, or both (default: data)")  # fmt: skip
    p.set_defaults(func=run)


class _Terminated(BaseException):
    """SIGTERM during an export: unwinds like Ctrl-C, so temporary files are removed."""


def _stop(signum, frame):
    raise _Terminated()


def run(args) -> int:
    """Export to --out (a temporary file renamed when complete) or to standard output (written once complete)."""
    if args.out is not None and args.out.is_dir():
        raise InputError(f"{args.out}: is a folder; --out names the file to write, e.g. {args.out / ('kg.' + args.format)}")
    previous = signal.signal(signal.SIGTERM, _stop)
    try:
        _export(args)
    except _Terminated:
        print("kg export: terminated; no output was left half-written", file=sys.stderr)
        return 128 + signal.SIGTERM
    finally:
        signal.signal(signal.SIGTERM, previous)
    if args.out is not None:
        print(args.out)
    return 0


def _export(args) -> None:
    if args.out is None:
        with tempfile.TemporaryFile() as spool:  # nothing reaches standard output unless the export completes
            export_to(spool, args.data, args.format, args.graph)
            spool.seek(0)
            shutil.copyfileobj(spool, sys.stdout.buffer, 1 << 20)
        sys.stdout.flush()
    else:
        with atomic_open(args.out, "wb") as handle:
            export_to(handle, args.data, args.format, args.graph)
