"""`kg build`: read documents and write the knowledge graph."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..build import DEFAULT_OUT, build

ORDER = 1


def add_parser(sub) -> None:
    """Register `kg build`."""
    p = sub.add_parser(
        "build",
        help="read documents and write the knowledge graph (out/kg.ttl)",
        description="Read documents (files or folders; default: the bundled corpus/) and write "
        "the knowledge graph to DIR/kg.ttl.",
        epilog="example:\n  kg build corpus/ --out out/\n  kg build report.en.txt --lang en",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("paths", nargs="*", type=Path, metavar="PATHS", help="documents or folders (.md, .txt)")
    p.add_argument("--out", type=Path, default=DEFAULT_OUT, metavar="DIR", help="output folder (default: out/)")
    p.add_argument("--lang", choices=["zh", "en"], help="language of the documents (default: detected)")
    p.set_defaults(func=run)


def run(args) -> int:
    """Run the build and print where the outputs are."""
    result = build(args.paths, args.out, args.lang)
    paragraphs = sum(len(d.paragraphs) for d in result.documents)
    print(f"kg build: {len(result.documents)} document(s), {paragraphs} paragraphs, {result.triples} triples", file=sys.stderr)
    for path in result.outputs:
        print(path)
    return 0 if result.conforms is not False else 1
