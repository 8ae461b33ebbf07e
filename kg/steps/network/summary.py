"""A plain-text summary of the network: counts, most central partners and programmes, communities, UNODC's partners."""

from __future__ import annotations

from collections import defaultdict

from kg.steps.network.model import NODE_TYPES, SEED, SEPARATOR, UNODC_IRI, Network, node_name


def _paragraph_list(names: str) -> str:
    """'DOC ¶20, ¶23; OTHER ¶4' from newline-separated 'DOC ¶20' names."""
    groups: dict[str, list[str]] = {}
    for name in names.split(SEPARATOR) if names else []:
        doc, _, para = name.rpartition(" ")
        groups.setdefault(doc, []).append(para)
    return "; ".join(f"{doc} {', '.join(paras)}".strip() for doc, paras in groups.items())


def summary(network: Network, top: int = 10, lang: str = "en") -> str:
    """A plain-text report: counts, most central partners and programmes, communities, UNODC's partners."""
    g = network.graph
    lines = []
    by_relation = defaultdict(int)
    for *_, data in g.edges(data=True):
        by_relation[data["relation"]] += 1
    by_type = defaultdict(int)
    for _, data in g.nodes(data=True):
        by_type[data["type"]] += 1
    lines.append(f"network: {g.number_of_nodes()} nodes, {g.number_of_edges()} edges")
    lines.append("  nodes: " + (", ".join(f"{t} {by_type[t]}" for t in NODE_TYPES if by_type[t]) or "none"))
    lines.append("  edges: " + (", ".join(f"{r} {by_relation[r]}" for r in sorted(by_relation)) or "none"))

    def ranked(kind):
        nodes = [(n, d) for n, d in g.nodes(data=True) if d["type"] == kind]
        return sorted(nodes, key=lambda nd: (-nd[1]["betweenness"], -nd[1]["degree"], nd[0]))[:top]

    for kind, title in (("Organization", "partners"), ("Programme", "programmes")):
        lines.append(f"most central {title} (betweenness, degree):")
        rows = ranked(kind)
        lines += [f"  {node_name(d, lang)}  {d['betweenness']:.3f}  {d['degree']}" for _, d in rows] or ["  none"]
    lines.append(f"communities (Louvain, seed {SEED}): {len(network.communities)}")
    for i, members in enumerate(network.communities[:top], 1):
        names = ", ".join(node_name(g.nodes[m], lang) for m in members[:12])
        more = f", … (+{len(members) - 12})" if len(members) > 12 else ""
        lines.append(f"  {i} ({len(members)}): {names}{more}")
    if len(network.communities) > top:
        lines.append(f"  … {len(network.communities) - top} more")
    lines.append("UNODC's partners (relation, paragraphs):")
    rows = []
    u = str(UNODC_IRI)
    if u in g:
        for s, o, data in [*g.out_edges(u, data=True), *g.in_edges(u, data=True)]:
            other = o if s == u else s
            if g.nodes[other]["type"] not in ("Organization", "Programme"):
                continue
            paras = _paragraph_list(data["paragraph_names"]) or "reference data"
            rows.append(f"  {node_name(g.nodes[other], lang)}  {data['relation']}  {paras}")
    lines += sorted(set(rows)) or ["  none"]
    return "\n".join(lines) + "\n"

