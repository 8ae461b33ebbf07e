"""`kg network`: project the knowledge graph onto a partnership network, measure and draw it."""

from __future__ import annotations

import argparse
import sys

from kg.build.run import DEFAULT_OUT
from kg.build.outputs import check_consistent
from kg.rdf.load import read_graph
from kg.steps.network import NODE_TYPES, RELATIONS, analyse, summary, write_outputs
from kg.cli import options


def add_parser(sub, summary: str) -> None:
    """Register `kg network`."""
    p = sub.add_parser(
        "network",
        help=summary,
        description="Project the knowledge graph onto a network of organisations, programmes, treaties, bodies, "
        "countries and regions linked by extracted relations (weight = number of supporting paragraphs); "
        "compute centrality and communities; write DIR/network.html (offline, interactive), "
        "network.graphml, network.gexf and network.png; print a summary.  Relations that come only "
        "from the reference data (no evidence paragraph) are left out unless --reference is given.",
        epilog="node types: " + ", ".join(NODE_TYPES) + "\nrelations: " + ", ".join(RELATIONS) + "\n\n"
        "examples:\n  kg network --data out/kg.ttl --out out/network/\n"
        "  kg network --data out/kg.ttl --out out/organisations/ --type Organization,Programme --min-weight 2\n"
        "  kg network --data out/kg.ttl --out out/unodc/ --ego UNODC --relation partnerOf,implementedWith",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    options.data(p, "knowledge graph in Turtle (default: DIR/kg.ttl)")
    options.out_folder(p, DEFAULT_OUT, "output folder (default: out/)")
    p.add_argument("--type", action="append", metavar="TYPE", help="keep only these node types (repeat or comma-separate)")
    p.add_argument("--relation", action="append", metavar="REL", help="keep only these relations (repeat or comma-separate)")
    p.add_argument("--min-weight", type=int, default=0, metavar="N", help="drop edges supported by fewer than N paragraphs")
    p.add_argument("--document", metavar="IRI", help="count only evidence from this document (IRI, key or symbol)")
    p.add_argument("--ego", metavar="NAME", help="keep only this entity (IRI, id or label) and its neighbours")
    p.add_argument("--radius", type=int, default=1, metavar="N", help="ego-network radius (default: 1)")
    p.add_argument("--reference", action="store_true", help="include reference-data relations with weight 0")
    options.lang(p, "label language of the PNG and summary (default: en)", "en", choices=("en", "zh"))
    p.add_argument("--no-png", action="store_true", help="skip network.png")
    p.set_defaults(func=run)


def run(args) -> int:
    """Analyse the graph, write the outputs, print the summary and their paths."""
    from kg.core.errors import InputError

    if args.radius < 1:
        raise InputError(f"--radius must be 1 or more, not {args.radius}")
    graph = read_graph(args.data or args.out / "kg.ttl", check=check_consistent)
    network = analyse(
        graph,
        types=args.type,
        relations=args.relation,
        min_weight=args.min_weight,
        document=args.document,
        ego=args.ego,
        radius=args.radius,
        reference=args.reference,
    )
    paths = write_outputs(network, args.out, png=not args.no_png, lang=args.lang)
    sys.stdout.write(summary(network, lang=args.lang))
    for path in paths:
        print(f"kg network: wrote {path}", file=sys.stderr)
    return 0
