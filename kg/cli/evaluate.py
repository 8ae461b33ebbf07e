"""`kg evaluate`: precision and recall of the extractor on hand-annotated passages."""

from __future__ import annotations

import argparse
from pathlib import Path

from kg.core.errors import InputError


def add_parser(sub, summary: str) -> None:
    """Register `kg evaluate`."""
    p = sub.add_parser(
        "evaluate",
        help=summary,
        description="Run the extractor on hand-annotated passages (TOML gold files) and print "
        "precision, recall and F1 per language and entity class, relation and quantity; per split "
        "(dev/, test/ folders; other files are 'authors'); and the reliability of relation confidences "
        "(confidence bins and the expected calibration error).",
        epilog="example:\n  kg evaluate tests/data/annotations/ --errors",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("gold", nargs="*", type=Path,
                   help="gold TOML files or folders, read recursively (default: tests/data/annotations/*.toml, dev/ and sample/; never test/ unless named)")
    p.add_argument("--format", choices=["text", "json"], default="text")
    p.add_argument("--errors", action="store_true", help="list every missed and spurious item, and the misses by error class")
    p.set_defaults(func=run)


def run(args) -> int:
    """Evaluate and print the report."""
    from kg.extract.evaluate import evaluate, format_json, format_text
    from kg.extract.gold import gold_files

    files = gold_files(args.gold)
    if not files:
        raise InputError("no gold files (*.toml) found")
    report = evaluate(files)
    print(format_json(report) if args.format == "json" else format_text(report, args.errors), end="")
    return 0
