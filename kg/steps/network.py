"""Project the knowledge graph onto a networkx graph of entities and measure it.

Nodes are the entities of the classes in NODE_TYPES (subclasses mapped with rdfs:subClassOf from
the ontology) that take part in at least one kept relation; edges are the relation triples of
RELATIONS, one edge per (subject, relation, object), weighted by the number of distinct paragraphs
whose unodc:Assertion evidence nodes state them.  Relations with no Assertion come from the
reference data (a programme's lead, a country's region): they are left out unless
``reference=True``, and then carry weight 0 and ``source="reference"``, so that measured weights
only ever count evidence in documents.  ``partnerOf`` is symmetric and ``hasProtocol`` is the
inverse of ``protocolOf``: both are stored once, in a canonical direction (partnerOf from the
smaller IRI; hasProtocol as protocolOf), so the same link stated both ways is one edge.
"""

from __future__ import annotations

import math
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx
from rdflib import RDF, RDFS, SKOS, Graph, URIRef

from kg.core.errors import InputError
from kg.core.namespaces import ID, UNODC

# Top classes of the projection, in the order a subclass is matched against them.
NODE_TYPES = ("Organization", "Programme", "Convention", "Protocol", "IntergovernmentalBody", "Country", "Region")
RELATIONS = (
    "serves", "implementedWith", "operatesIn", "assists", "partnerOf",
    "adoptedBy", "hasProtocol", "protocolOf", "partOf", "ledBy",
)  # fmt: skip
SYMMETRIC = {"partnerOf"}
INVERSE = {"hasProtocol": "protocolOf"}  # stored as the value, subject and object swapped
UNODC_IRI = ID["organization/unodc"]
SEED = 42
# Above this many nodes the layout is computed per community (spring layout is O(n^2) per step).
LAYOUT_DIRECT_MAX = 1500
# Above this many nodes betweenness is estimated from this many sampled sources (seeded).
BETWEENNESS_EXACT_MAX = 1000
BETWEENNESS_SAMPLES = 100
SEPARATOR = "\n"  # joins paragraphs and evidence sentences into one scalar attribute


@dataclass
class Network:
    """A projected graph and what was measured on it."""

    graph: nx.MultiDiGraph
    communities: list[list[str]] = field(default_factory=list)
    layout: dict = field(default_factory=dict)


def local_name(iri) -> str:
    """The part of an IRI after '#' or the last '/'."""
    text = str(iri)
    return text.rsplit("#", 1)[-1] if "#" in text else text.rsplit("/", 1)[-1]


def type_map() -> dict[URIRef, str]:
    """Map every ontology class that falls under a NODE_TYPES class to that class's local name."""
    from kg.core.resources import ontology_graph

    onto = ontology_graph()
    result = {}
    for top in NODE_TYPES:
        for cls in onto.transitive_subjects(RDFS.subClassOf, UNODC[top]):
            result.setdefault(cls, top)
    return result


def _labels(graph: Graph, iri: URIRef, prop=SKOS.prefLabel) -> dict[str, list[str]]:
    labels = defaultdict(list)
    for label in sorted(graph.objects(iri, prop), key=str):
        lang = (getattr(label, "language", None) or "").split("-")[0]
        if lang in ("en", "zh"):
            labels[lang].append(str(label))
    return labels


def _reference_description(iri: URIRef) -> Graph:
    """The reference data's triples about one entity (empty when it is not a reference entity)."""
    from kg.core.reference import entities_by_iri, entity_triples

    g = Graph()
    entity = entities_by_iri().get(iri)
    for triple in entity_triples(entity) if entity is not None else ():
        g.add(triple)
    return g


def _node_info(graph: Graph, iri: URIRef, types: dict, reference: Graph | None) -> dict | None:
    """Type, class and labels of an entity, filled from the reference data where missing."""
    classes = sorted((c for c in graph.objects(iri, RDF.type) if c in types), key=str)
    labels = _labels(graph, iri)
    alternatives = _labels(graph, iri, SKOS.altLabel)
    if not classes or len(labels) < 2:
        ref = reference if reference is not None else _reference_description(iri)
        if not classes:
            classes = sorted((c for c in ref.objects(iri, RDF.type) if c in types), key=str)
        for lang, values in _labels(ref, iri).items():
            labels.setdefault(lang, values)
        for lang, values in _labels(ref, iri, SKOS.altLabel).items():
            alternatives.setdefault(lang, values)
    if not classes:
        return None
    # the most specific class: the one that is not the top class itself, if any
    cls = next((c for c in classes if local_name(c) not in NODE_TYPES), classes[0])
    en, zh = (labels.get(lang, [""])[0] for lang in ("en", "zh"))

    def short(lang, pref):
        # the shortest name (often an acronym: UNODC, 禁毒办) when the preferred label is long
        names = [n for n in [pref, *alternatives.get(lang, [])] if len(n) >= 2]
        return min(names, key=lambda n: (len(n), n)) if pref and len(pref) > 24 else pref

    return {
        "iri": str(iri),
        "type": types[cls],
        "class": local_name(cls),
        "label_en": en,
        "label_zh": zh,
        "label": en or zh or local_name(iri),
        "short_en": short("en", en),
        "short_zh": short("zh", zh),
        "minted": any(str(v).lower() == "true" for v in graph.objects(iri, UNODC.minted)),
    }


def _canonical(s: URIRef, relation: str, o: URIRef) -> tuple[URIRef, str, URIRef]:
    if relation in INVERSE:
        return o, INVERSE[relation], s
    if relation in SYMMETRIC and str(o) < str(s):
        return o, relation, s
    return s, relation, o


def _paragraph_keys(graph: Graph) -> dict:
    """Sort key and short name of every paragraph: (document, reading order) and 'SYMBOL ¶12'."""
    docs = {}
    for doc in graph.subjects(RDF.type, UNODC.Document):
        symbols = sorted(str(s) for s in graph.objects(doc, UNODC.symbol))
        docs[doc] = symbols[0] if symbols else local_name(doc)
    result = {}
    for para, doc in graph.subject_objects(UNODC.inDocument):
        order = graph.value(para, UNODC.order)
        if order is None:
            continue
        number = graph.value(para, UNODC.number)
        name = f"¶{number}" if number is not None and (para, RDF.type, UNODC.Paragraph) in graph else local_name(para)
        result[para] = ((str(doc), int(order)), f"{docs.get(doc, local_name(doc))} {name}")
    return result


def _evidence(graph: Graph, document: URIRef | None):
    """Group Assertion nodes by canonical (subject, relation, object)."""
    grouped = defaultdict(list)
    for node in graph.subjects(RDF.type, UNODC.Assertion):
        s, p, o = (graph.value(node, UNODC[k]) for k in ("subject", "predicate", "object"))
        if None in (s, p, o) or not str(p).startswith(str(UNODC._NS)) or local_name(p) not in RELATIONS:
            continue
        doc = graph.value(node, UNODC.inDocument)
        if document is not None and doc != document:
            continue
        para = graph.value(node, UNODC.inParagraph)
        sentence = graph.value(node, UNODC.evidence)
        rule = graph.value(node, UNODC.rule)
        grouped[_canonical(s, local_name(p), o)].append((para, doc, sentence, rule))
    return grouped


def resolve_document(graph: Graph, document: str | None) -> URIRef | None:
    """The document IRI named by its IRI, its key or its symbol; fail if the graph lacks it."""
    if not document:
        return None
    docs = sorted(graph.subjects(RDF.type, UNODC.Document), key=str)
    for doc in docs:
        if document in (str(doc), local_name(doc)) or any(document == str(s) for s in graph.objects(doc, UNODC.symbol)):
            return doc
    known = ", ".join(local_name(d) for d in docs[:5]) or "none"
    raise InputError(f"unknown document {document!r} (documents in the graph: {known})")


def _check_names(given, allowed, what: str) -> set[str]:
    by_lower = {a.lower(): a for a in allowed}
    chosen = set()
    for name in given or ():
        for part in str(name).split(","):
            part = part.strip()
            if not part:
                continue
            if part.lower() not in by_lower:
                raise InputError(f"unknown {what} {part!r} (choose from: {', '.join(allowed)})")
            chosen.add(by_lower[part.lower()])
    return chosen


def project(
    graph: Graph,
    *,
    types=None,
    relations=None,
    min_weight: int = 0,
    document: str | None = None,
    reference: bool = False,
    reference_labels: Graph | None = None,
    evidence: dict | None = None,
    paragraphs: dict | None = None,
) -> nx.MultiDiGraph:
    """Project the RDF graph onto a typed, weighted multigraph of entities (see module docstring).

    Types and labels missing from *graph* are read from *reference_labels* (default: the reference
    data's description of that entity)."""
    keep_types = _check_names(types, NODE_TYPES, "node type") or set(NODE_TYPES)
    keep_relations = _check_names(relations, RELATIONS, "relation") or set(RELATIONS)
    keep_relations |= {INVERSE[r] for r in keep_relations if r in INVERSE}
    if min_weight < 0:
        raise InputError(f"--min-weight must be 0 or more, not {min_weight}")
    doc = resolve_document(graph, document) if evidence is None else None
    types_of = type_map()
    paragraphs = _paragraph_keys(graph) if paragraphs is None else paragraphs
    grouped = _evidence(graph, doc) if evidence is None else evidence

    edges = {}
    for key, items in grouped.items():
        edges[key] = items
    if reference and doc is None:
        for relation in RELATIONS:
            for s, o in graph.subject_objects(UNODC[relation]):
                key = _canonical(s, relation, o)
                edges.setdefault(key, [])

    infos: dict[URIRef, dict | None] = {}

    def info(iri):
        if iri not in infos:
            infos[iri] = _node_info(graph, iri, types_of, reference_labels) if isinstance(iri, URIRef) else None
        return infos[iri]

    kept = []
    for (s, relation, o), items in edges.items():
        if relation not in keep_relations or s == o:
            continue
        si, oi = info(s), info(o)
        if si is None or oi is None or si["type"] not in keep_types or oi["type"] not in keep_types:
            continue
        paras = sorted({p for p, *_ in items if p is not None}, key=lambda p: paragraphs.get(p, ((str(p), 0), ""))[0])
        weight = len(paras)
        if weight < min_weight or (min_weight > 0 and weight == 0):
            continue
        said = defaultdict(set)  # paragraph -> its evidence sentences
        for p, _, e, _ in items:
            if p is not None and e is not None:
                said[p].add(str(e))
        sentences = []
        for para in paras:
            for sentence in sorted(said[para]):
                sentences.append(f"[{paragraphs.get(para, (None, local_name(para)))[1]}] {sentence}")
        attrs = {
            "relation": relation,
            "predicate": str(UNODC[relation]),
            "weight": weight,
            "source": "extracted" if items else "reference",
            "paragraphs": SEPARATOR.join(str(p) for p in paras),
            "paragraph_names": SEPARATOR.join(paragraphs.get(p, (None, local_name(p)))[1] for p in paras),
            "documents": SEPARATOR.join(sorted({str(d) for _, d, _, _ in items if d is not None})),
            "rules": SEPARATOR.join(sorted({str(r) for *_, r in items if r is not None})),
            "evidence": SEPARATOR.join(sentences),
        }
        kept.append((str(s), str(o), relation, attrs))

    g = nx.MultiDiGraph()
    for iri in sorted({n for s, o, *_ in kept for n in (s, o)}):
        g.add_node(iri, **info(URIRef(iri)))
    for s, o, relation, attrs in sorted(kept, key=lambda e: (e[0], e[2], e[1])):
        g.add_edge(s, o, key=relation, **attrs)
    return g


def simple_graph(g: nx.MultiDiGraph) -> nx.Graph:
    """Collapse to an undirected simple graph; 'weight' sums the relations' weights (at least 1 each)."""
    h = nx.Graph()
    h.add_nodes_from(sorted(g.nodes))
    for s, o, data in sorted(g.edges(data=True), key=lambda e: (e[0], e[1], e[2]["relation"])):
        w = max(int(data["weight"]), 1)
        if h.has_edge(s, o):
            h[s][o]["weight"] += w
        else:
            h.add_edge(s, o, weight=w)
    return h


def _by_index(h: nx.Graph) -> tuple[nx.Graph, list[str]]:
    """Relabel to integers in sorted order so set iteration inside networkx does not depend on string hashes."""
    names = sorted(h.nodes)
    index = {n: i for i, n in enumerate(names)}
    g = nx.Graph()
    g.add_nodes_from(range(len(names)))
    g.add_weighted_edges_from(sorted((index[a], index[b], d["weight"]) for a, b, d in h.edges(data=True)))
    return g, names


def find_communities(h: nx.Graph, seed: int = SEED) -> list[list[str]]:
    """Louvain communities (seeded), largest first, each sorted; singletons for isolated nodes."""
    if h.number_of_nodes() == 0:
        return []
    g, names = _by_index(h)
    parts = nx.community.louvain_communities(g, weight="weight", seed=seed) if g.number_of_edges() else [{i} for i in g]
    groups = [sorted(names[i] for i in part) for part in parts]
    return sorted(groups, key=lambda c: (-len(c), c[0]))


def measure(g: nx.MultiDiGraph, seed: int = SEED) -> list[list[str]]:
    """Set degree, degree_centrality, betweenness and community on every node; return the communities."""
    h = simple_graph(g)
    degree = nx.degree_centrality(h) if len(h) > 1 else {n: 0.0 for n in h}
    ig, names = _by_index(h)
    if len(ig) > BETWEENNESS_EXACT_MAX:
        between = nx.betweenness_centrality(ig, k=BETWEENNESS_SAMPLES, seed=seed)
    else:
        between = nx.betweenness_centrality(ig)
    communities = find_communities(h, seed)
    member = {n: i + 1 for i, c in enumerate(communities) for n in c}
    for i, name in enumerate(names):
        node = g.nodes[name]
        node["degree"] = int(h.degree(name))
        node["degree_centrality"] = round(float(degree[name]), 6)
        node["betweenness"] = round(float(between[i]), 6)
        node["community"] = member[name]
    return communities


def ego_network(g: nx.MultiDiGraph, name: str, radius: int = 1) -> nx.MultiDiGraph:
    """The entity named by IRI, local id or label (en/zh), its neighbours within *radius*, and their links."""
    center = find_node(g, name)
    near = nx.ego_graph(g.to_undirected(as_view=True), center, radius=radius)
    return g.subgraph(sorted(near.nodes)).copy()


def find_node(g: nx.MultiDiGraph, name: str) -> str:
    """The node whose IRI, IRI path, local id or label equals *name* (case-insensitive)."""
    wanted = name.strip().casefold()
    matches = []
    for node, data in g.nodes(data=True):
        keys = {node, node.removeprefix(str(ID)), local_name(node), data.get("label_en", ""), data.get("label_zh", "")}
        if wanted in {k.casefold() for k in keys if k}:
            matches.append(node)
    if len(matches) == 1:
        return matches[0]
    if matches:
        raise InputError(f"{name!r} names several entities: {', '.join(sorted(matches)[:5])}")
    near = sorted(
        n for n, d in g.nodes(data=True)
        if wanted and any(wanted in str(d.get(k, "")).casefold() for k in ("iri", "label_en", "label_zh"))
    )  # fmt: skip
    hint = f" (did you mean: {', '.join(local_name(n) for n in near[:5])})" if near else ""
    raise InputError(f"no entity {name!r} in the network{hint}")


def compute_layout(g: nx.MultiDiGraph, communities: list[list[str]], seed: int = SEED) -> dict[str, tuple[float, float]]:
    """Positions in [-1, 1]^2: each connected component laid out alone (seeded), then packed in rows."""
    h = simple_graph(g)
    if len(h) == 0:
        return {}
    components = sorted((sorted(c) for c in nx.connected_components(h)), key=lambda c: (-len(c), c[0]))
    boxes = []
    for members in components:
        sub = h.subgraph(members)
        if len(members) == 1:
            local = {members[0]: (0.0, 0.0)}
        elif len(members) <= LAYOUT_DIRECT_MAX:
            ig, names = _by_index(sub)
            k = 1.5 / math.sqrt(len(ig))
            pos = nx.spring_layout(ig, k=k, seed=seed, weight=None, iterations=100 if len(ig) < 500 else 50)
            local = {names[i]: tuple(map(float, p)) for i, p in pos.items()}
        else:
            inside = [[n for n in c if n in sub] for c in communities]
            local = _community_layout(sub, [c for c in inside if c], seed)
        side = 2.0 * math.sqrt(len(members))  # area proportional to the number of nodes
        boxes.append((side, _normalise(local) if len(members) > 1 else local))
    # shelf packing: rows no wider than the square root of the total area
    row_limit = max(max(b[0] for b in boxes), 1.2 * math.sqrt(sum(b[0] ** 2 for b in boxes)))
    pos, x, y, row_height = {}, 0.0, 0.0, 0.0
    for side, local in boxes:
        if x > 0 and x + side > row_limit:
            x, y, row_height = 0.0, y + row_height, 0.0
        half = side / 2 * 0.85  # keep a margin between components
        for n, (px, py) in local.items():
            pos[n] = (x + side / 2 + half * px, -(y + side / 2 + half * py))
        x += side
        row_height = max(row_height, side)
    return _normalise(pos)


def _community_layout(h: nx.Graph, communities: list[list[str]], seed: int) -> dict:
    """Lay out the graph of communities, then each community inside a disc sized by its population."""
    member = {n: i for i, c in enumerate(communities) for n in c}
    meta = nx.Graph()
    meta.add_nodes_from(range(len(communities)))
    for a, b in h.edges():
        ca, cb = member[a], member[b]
        if ca != cb:
            w = meta[ca][cb]["weight"] + 1 if meta.has_edge(ca, cb) else 1
            meta.add_edge(ca, cb, weight=w)
    big = [i for i, c in enumerate(communities) if len(c) > 1]
    small = [i for i, c in enumerate(communities) if len(c) == 1]
    centres = {}
    if big:
        sub = meta.subgraph(big)
        k = 2.0 / math.sqrt(len(big))
        centres.update(nx.spring_layout(sub, k=k, seed=seed, iterations=50) if len(big) > 1 else {big[0]: (0.0, 0.0)})
    # isolated singletons on an outer ring, in sorted order
    for j, i in enumerate(small):
        angle = 2 * math.pi * j / max(len(small), 1)
        centres[i] = (1.3 * math.cos(angle), 1.3 * math.sin(angle))
    total = sum(len(c) for c in communities)
    pos = {}
    for i, members in enumerate(communities):
        cx, cy = map(float, centres[i])
        radius = 0.9 * math.sqrt(len(members) / total)
        if len(members) == 1:
            pos[members[0]] = (cx, cy)
            continue
        sub = h.subgraph(members)
        ig, names = _by_index(sub)
        if len(ig) <= LAYOUT_DIRECT_MAX:
            local = nx.spring_layout(ig, k=1.5 / math.sqrt(len(ig)), seed=seed, iterations=30, weight=None)
        else:  # a huge community: a sunflower spiral by degree, hubs in the middle
            order = sorted(range(len(ig)), key=lambda n: (-ig.degree(n), n))
            golden = math.pi * (3 - math.sqrt(5))
            local = {n: (math.sqrt(r / len(order)) * math.cos(r * golden), math.sqrt(r / len(order)) * math.sin(r * golden)) for r, n in enumerate(order)}
        for n, (x, y) in local.items():
            pos[names[n]] = (cx + radius * float(x), cy + radius * float(y))
    return pos


def _normalise(pos: dict) -> dict:
    xs = [p[0] for p in pos.values()]
    ys = [p[1] for p in pos.values()]
    span = max(max(xs) - min(xs), max(ys) - min(ys)) or 1.0
    mx, my = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    return {n: (round(2 * (x - mx) / span, 4), round(2 * (y - my) / span, 4)) for n, (x, y) in pos.items()}


def analyse(
    graph: Graph,
    *,
    types=None,
    relations=None,
    min_weight: int = 0,
    document: str | None = None,
    ego: str | None = None,
    radius: int = 1,
    reference: bool = False,
    layout: bool = True,
    evidence: dict | None = None,
    paragraphs: dict | None = None,
) -> Network:
    """Project, filter, cut to an ego network if asked, then measure and lay out.

    evidence and paragraphs, when given, replace what is read from *graph* (see corpus_step)."""
    g = project(graph, types=types, relations=relations, min_weight=min_weight, document=document, reference=reference,
                evidence=evidence, paragraphs=paragraphs)
    if ego:
        g = ego_network(g, ego, radius)
    communities = measure(g)
    pos = compute_layout(g, communities) if layout else {}
    for node, (x, y) in pos.items():
        g.nodes[node]["x"], g.nodes[node]["y"] = x, y
    return Network(g, communities, pos)


# ---------------------------------------------------------------- outputs


def _exportable(g: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy with only scalar attributes and a name, as GraphML and GEXF need."""
    out = nx.MultiDiGraph(name="unodc-kg partnership network")
    for node, data in g.nodes(data=True):
        out.add_node(node, **{k: v for k, v in data.items() if isinstance(v, (str, int, float, bool))})
    for s, o, key, data in g.edges(keys=True, data=True):
        out.add_edge(s, o, key=key, **{k: v for k, v in data.items() if isinstance(v, (str, int, float, bool))})
    return out


def graphml_bytes(g: nx.MultiDiGraph) -> bytes:
    """The network as GraphML (edge ids are the relation names)."""
    return ("\n".join(nx.generate_graphml(_exportable(g), encoding="utf-8", prettyprint=True)) + "\n").encode("utf-8")


def gexf_bytes(g: nx.MultiDiGraph) -> bytes:
    """The network as GEXF 1.2, without the writer's date so equal input gives equal bytes."""
    import re

    text = "\n".join(nx.generate_gexf(_exportable(g), encoding="utf-8", prettyprint=True)) + "\n"
    return re.sub(r' lastmodifieddate="[^"]*"', "", text, count=1).encode("utf-8")


def write_outputs(network: Network, out_dir: Path, *, png: bool = True, lang: str = "en") -> list[Path]:
    """Write network.html, network.graphml, network.gexf and network.png into *out_dir*."""
    from kg.core.files import ensure_dir, write_bytes
    from kg.steps.network_html import html_bytes

    out_dir = ensure_dir(Path(out_dir))
    paths = [
        write_bytes(out_dir / "network.html", html_bytes(network)),
        write_bytes(out_dir / "network.graphml", graphml_bytes(network.graph)),
        write_bytes(out_dir / "network.gexf", gexf_bytes(network.graph)),
    ]
    if png:
        paths.append(write_bytes(out_dir / "network.png", png_bytes(network, lang=lang)))
    return paths


TYPE_COLOURS = {
    "Organization": "#1f77b4",
    "Programme": "#ff7f0e",
    "Convention": "#2ca02c",
    "Protocol": "#98df8a",
    "IntergovernmentalBody": "#9467bd",
    "Country": "#d62728",
    "Region": "#8c564b",
}
CJK_FONT_FILES = ("NotoSansCJK-Regular.ttc", "NotoSansCJKsc-Regular.otf", "NotoSerifCJK-Regular.ttc", "wqy-microhei.ttc")


def cjk_font() -> str | None:
    """Family name of an installed CJK font (Noto Sans CJK first), registered with matplotlib."""
    from matplotlib import font_manager

    known = Path("/usr/share/fonts/opentype/noto") / CJK_FONT_FILES[0]  # Debian fonts-noto-cjk: skip the scan
    files = {known.name: str(known)} if known.is_file() else {Path(f).name: f for f in sorted(font_manager.findSystemFonts())}
    for name in CJK_FONT_FILES:
        if name in files:
            font_manager.fontManager.addfont(files[name])
            return font_manager.FontProperties(fname=files[name]).get_name()
    return None


def png_bytes(network: Network, *, lang: str = "en", labels: int = 40) -> bytes:
    """A static overview for reports: the layout, nodes coloured by type, the most central nodes labelled."""
    import io

    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot as plt
    from matplotlib.lines import Line2D

    g = network.graph
    family = cjk_font()
    if family is None:
        warn("no CJK font found (install fonts-noto-cjk); Chinese labels in network.png may show as boxes")
    fonts = [family, "DejaVu Sans"] if family else ["DejaVu Sans"]
    with plt.rc_context({"font.family": fonts, "svg.hashsalt": "unodc-kg"}):
        fig, ax = plt.subplots(figsize=(14, 10), dpi=100)
        ax.set_axis_off()
        pos = network.layout or {n: (0.0, 0.0) for n in g}
        segments = [(pos[s], pos[o]) for s, o in g.edges() if s in pos and o in pos]
        if segments:
            from matplotlib.collections import LineCollection

            ax.add_collection(LineCollection(segments, colors="#999999", linewidths=0.6, alpha=0.6, zorder=1))
        nodes = sorted(g.nodes)
        if nodes:
            top = max((g.nodes[n]["betweenness"] for n in nodes), default=0) or 1.0
            sizes = [30 + 600 * math.sqrt(g.nodes[n]["betweenness"] / top) + 6 * g.nodes[n]["degree"] for n in nodes]
            ax.scatter(
                [pos[n][0] for n in nodes], [pos[n][1] for n in nodes], s=sizes, zorder=2,
                c=[TYPE_COLOURS[g.nodes[n]["type"]] for n in nodes], edgecolors="white", linewidths=0.5,
            )  # fmt: skip
            ranked = sorted(nodes, key=lambda n: (-g.nodes[n]["betweenness"], -g.nodes[n]["degree"], n))[:labels]
            for n in ranked:
                lift = 3 + math.sqrt(sizes[nodes.index(n)]) / 2  # clear of the marker (size is in points^2)
                ax.annotate(_short(g.nodes[n], lang), pos[n], fontsize=9, zorder=3, ha="center", va="bottom",
                            xytext=(0, lift), textcoords="offset points")  # fmt: skip
        present = [t for t in NODE_TYPES if any(d["type"] == t for _, d in g.nodes(data=True))]
        handles = [Line2D([], [], marker="o", ls="", color=TYPE_COLOURS[t], label=t) for t in present]
        if handles:
            ax.legend(handles=handles, loc="best", framealpha=0.8)
        ax.set_title(f"Partnership network: {g.number_of_nodes()} entities, {g.number_of_edges()} relations")
        ax.autoscale()
        ax.margins(0.05)
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png", metadata={"Software": None})
        plt.close(fig)
    return buffer.getvalue()


def build_step(result, graph, dataset) -> list[Path]:
    """Write the four network outputs beside kg.ttl, from the whole graph."""
    return write_outputs(analyse(graph), result.out_dir)


STEP = f"{__name__}:corpus_step"


def map_document(view) -> tuple[dict, dict]:
    """In the worker: the document's assertions grouped by relation, and the paragraphs they cite."""
    grouped = _evidence(view.graph, None)
    cited = {p for items in grouped.values() for p, *_ in items}
    keys = _paragraph_keys(view.graph)
    return dict(grouped), {p: keys[p] for p in cited if p in keys}


def corpus_step(result, corpus) -> list[Path]:
    """`kg build` step: write the four network outputs beside kg.ttl, from the shared graph and each
    document's assertions (never the whole graph)."""
    evidence, paragraphs = defaultdict(list), {}
    for grouped, keys in corpus.extras(STEP):
        for edge, items in grouped.items():
            evidence[edge].extend(items)
        paragraphs.update(keys)
    return write_outputs(analyse(corpus.shared_graph, evidence=evidence, paragraphs=paragraphs), result.out_dir)


# ---------------------------------------------------------------- summary


def _name(data: dict, lang: str = "en") -> str:
    other = "zh" if lang == "en" else "en"
    return data.get(f"label_{lang}") or data.get(f"label_{other}") or local_name(data.get("iri", ""))


def _short(data: dict, lang: str = "en", limit: int = 32) -> str:
    other = "zh" if lang == "en" else "en"
    name = data.get(f"short_{lang}") or data.get(f"short_{other}") or _name(data, lang)
    return name if len(name) <= limit else name[: limit - 1] + "…"


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
        lines += [f"  {_name(d, lang)}  {d['betweenness']:.3f}  {d['degree']}" for _, d in rows] or ["  none"]
    lines.append(f"communities (Louvain, seed {SEED}): {len(network.communities)}")
    for i, members in enumerate(network.communities[:top], 1):
        names = ", ".join(_name(g.nodes[m], lang) for m in members[:12])
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
            rows.append(f"  {_name(g.nodes[other], lang)}  {data['relation']}  {paras}")
    lines += sorted(set(rows)) or ["  none"]
    return "\n".join(lines) + "\n"


def warn(message: str) -> None:
    """Print a one-line warning on stderr."""
    print(f"kg network: warning: {message}", file=sys.stderr)
