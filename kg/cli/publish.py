"""`kg publish`: write a static linked-data site (HTML, Turtle and JSON-LD per resource)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kg.publish.export import DEFAULT_DATA
from kg.publish.site import DEFAULT_BASE_URL, publish
from kg.cli import options


def add_parser(sub, summary: str) -> None:
    """Register `kg publish`."""
    p = sub.add_parser(
        "publish",
        help=summary,
        description="Write a static site that a portal can host as is at --base-url: one HTML page per "
        "resource at id/<path>.html (so https://w3id.org/unodc-kg/id/<path> resolves under the base URL), "
        "with its Turtle and JSON-LD beside it, index pages per class, the dump (kg.ttl, kg.nq, kg.jsonld), "
        "void.ttl, the ontology and shapes, sitemap.xml, robots.txt, and content-negotiation rules for Apache "
        "(.htaccess), nginx (nginx.conf) and the w3id.org redirect (w3id.htaccess).  No JavaScript, no external requests.",
        epilog="examples:\n  kg publish --out out/site/\n  kg publish --data out/ --out out/site/ --base-url https://example.org/kg/\n"
        "  python -m http.server -d out/site/   # then open http://localhost:8000/id/organization/unodc.html",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    options.data(p, "built graph: file or build folder (default: out/kg.ttl, read from out/kg.nq when present)", DEFAULT_DATA)
    options.out_folder(p, Path("site"), "site folder (default: site/)")
    options.base_url(p, f"where DIR is hosted (default: {DEFAULT_BASE_URL})", DEFAULT_BASE_URL)
    options.endpoint(p, "the public SPARQL endpoint named in void.ttl (default: the local `kg serve` address)")
    p.set_defaults(func=run)


def run(args) -> int:
    """Publish and print the site folder."""
    count = publish(args.data, args.out, args.base_url, args.endpoint)
    print(f"kg publish: {count} files", file=sys.stderr)
    print(args.out)
    return 0
