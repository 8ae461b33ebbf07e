"""`kg publish`: write a static linked-data site (HTML, Turtle and JSON-LD per resource)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kg.publish.export import DEFAULT_DATA
from kg.publish.site import DEFAULT_BASE_URL, publish

ORDER = 21


def add_parser(sub) -> None:
    """Register `kg publish`."""
    p = sub.add_parser(
        "publish",
        help="write a static linked-data site: a page per entity, class indexes, the dump",
        description="Write a static site that a portal can host as is at --base-url: one HTML page per "
        "resource at id/<path>.html (so https://w3id.org/unodc-kg/id/<path> resolves under the base URL), "
        "with its Turtle and JSON-LD beside it, index pages per class, the dump (kg.ttl, kg.nq, kg.jsonld), "
        "void.ttl, the ontology and shapes, sitemap.xml, robots.txt, and content-negotiation rules for Apache "
        "(.htaccess), nginx (nginx.conf) and the w3id.org redirect (w3id.htaccess).  No JavaScript, no external requests.",
        epilog="examples:\n  kg publish --out site/\n  kg publish --data out/ --out site/ --base-url https://example.org/kg/\n"
        "  python -m http.server -d site/   # then open http://localhost:8000/id/organization/unodc.html",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--data", type=Path, default=DEFAULT_DATA, metavar="PATH",
                   help="built graph: file or build folder (default: out/kg.ttl, read from out/kg.nq when present)")  # fmt: skip
    p.add_argument("--out", type=Path, default=Path("site"), metavar="DIR", help="site folder (default: site/)")
    p.add_argument("--base-url", default=DEFAULT_BASE_URL, metavar="URL",
                   help=f"where DIR is hosted (default: {DEFAULT_BASE_URL})")  # fmt: skip
    p.add_argument("--endpoint", default=None, metavar="URL",
                   help="the public SPARQL endpoint named in void.ttl (default: the local `kg serve` address)")  # fmt: skip
    p.set_defaults(func=run)


def run(args) -> int:
    """Publish and print the site folder."""
    count = publish(args.data, args.out, args.base_url, args.endpoint)
    print(f"kg publish: {count} files", file=sys.stderr)
    print(args.out)
    return 0
