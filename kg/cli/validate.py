"""`kg validate`: check the graph against the SHACL shapes and print a readable report."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kg.core.errors import InputError
from kg.steps.validate import DEFAULT_GRAPH, FORMATS, INFERENCE, LANGS, render, validate_file
from kg.cli import options


def add_parser(sub, summary: str) -> None:
    """Register `kg validate`."""
    p = sub.add_parser(
        "validate",
        help=summary,
        description="Validate a knowledge graph (default: out/kg.ttl) against the SHACL shapes with pySHACL "
        "and print a report grouped by shape: how many nodes fail, the message, and for each node its label "
        "and the document paragraph it comes from.  Violations fail; warnings are reported only.",
        epilog="exit codes: 0 conforms (warnings allowed), 1 a violation, 2 unusable input\n\n"
        "example:\n  kg validate\n  kg validate out/kg.ttl --lang zh\n"
        "  kg validate --data out/kg.ttl --format json > out/validation.json\n"
        "  kg validate out/kg.ttl --format ttl      # the SHACL validation report as Turtle",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("graph", nargs="?", type=Path, metavar="GRAPH", help=f"graph file (default: {DEFAULT_GRAPH})")
    options.data(p, "graph file (same as GRAPH)")
    options.output_format(p, FORMATS, "text", "report format (default: text)")
    options.lang(p, "language of messages and labels (default: en)", "en", choices=LANGS)
    p.add_argument(
        "--inference", choices=INFERENCE, default="none",
        help="pySHACL inference before validating (default: none; rdfs is slower and hides range errors)",
    )
    p.set_defaults(func=run)


def run(args) -> int:
    """Validate, print the report on stdout, and return 0 (conforms) or 1 (violations)."""
    if args.graph is not None and args.data is not None and args.graph != args.data:
        raise InputError(f"two graphs given ({args.graph} and --data {args.data}); name one")
    path = args.graph or args.data or DEFAULT_GRAPH
    report = validate_file(path, inference=args.inference)
    sys.stdout.write(render(report, args.format, args.lang))
    print(
        f"kg validate: {'conforms' if report.conforms else 'does not conform'}: "
        f"{report.violations} violation(s), {report.warnings} warning(s) in {report.seconds:.2f} s",
        file=sys.stderr,
    )
    return 0 if report.conforms else 1
