"""The network as GraphML and GEXF, byte-stable (scalar attributes only, no writer's date).

The bytes are what networkx's `generate_graphml` / `generate_gexf` lines joined with line feeds give; the
writers' element trees are serialised straight into the file (`write_graphml`, `write_gexf`), not into one
string that is then split into lines, joined and encoded (four copies of a text that carries the evidence
sentences of every edge: hundreds of MB for a corpus of 1,000 documents).
"""

from __future__ import annotations

import io
from pathlib import Path
from xml.etree.ElementTree import ElementTree

import networkx as nx

from kg.core.files import atomic_open
from kg.steps.network.xmlstream import VALUES, Lines, items_of, keep_header, start_tag, write_children, write_elements


def _exportable(g: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy with only scalar attributes and a name, as GraphML and GEXF need."""
    out = nx.MultiDiGraph(name="unodc-kg partnership network")
    for node, data in g.nodes(data=True):
        out.add_node(node, **{k: v for k, v in data.items() if isinstance(v, (str, int, float, bool))})
    for s, o, key, data in g.edges(keys=True, data=True):
        out.add_edge(s, o, key=key, **{k: v for k, v in data.items() if isinstance(v, (str, int, float, bool))})
    return out


def _serialise(writer, handle) -> None:
    """Write a networkx XML writer's tree as its generate_* lines joined by line feeds, and a final one."""
    if writer.prettyprint:
        writer.indent(writer.xml)
    sink = Lines(handle)
    ElementTree(writer.xml).write(sink, encoding="us-ascii")  # what str(writer) decodes: ElementTree.tostring
    sink.close()


STREAM_FROM = 2_000  # nodes and edges from which the XML is written element by element, not as one tree
_GEXF_RESERVED = {"id", "label", "pid", "start", "end", "parents", "spells", "slices", "viz"}  # GEXF's own keys


def _graphml_keys(writer, G) -> list:
    """Declare every key as networkx's GraphML writer finds them (graph, then nodes, then edges); the graph's data."""
    graph_data = [(k, v) for k, v in G.graph.items() if k not in ("node_default", "edge_default")]
    rows = [("graph", graph_data, {})]
    rows += [("node", data.items(), G.graph.get("node_default", {})) for _, data in G.nodes(data=True)]
    rows += [("edge", data.items(), G.graph.get("edge_default", {})) for *_, data in G.edges(keys=True, data=True)]
    for scope, items, default in rows:
        for k, v in items:
            kind = writer.attr_type(k, scope, v)
            if kind not in writer.xml_type:
                raise nx.NetworkXError(f"GraphML writer does not support {kind} as data values.")
            writer.get_key(str(k), writer.get_xml_type(kind), scope, default.get(k))
    return graph_data


def _graphml_rows(writer, G, graph_data: list) -> tuple[list, object, object]:
    """The graph element's children as networkx makes them (nodes, edges, then the graph's data): their rows,
    what fixes each one's bytes, and how each is made."""
    def data_of(element, scope, items, default):
        for k, v in items:
            element.append(writer.add_data(str(k), writer.attr_type(k, scope, v), str(v), scope, default.get(k)))
        return element

    node_default, edge_default = G.graph.get("node_default", {}), G.graph.get("edge_default", {})
    rows = [("node", node, data) for node, data in G.nodes(data=True)]
    rows += [("edge", (u, v, key), data) for u, v, key, data in G.edges(keys=True, data=True)]
    rows += [("graph", k, v) for k, v in graph_data]

    def material(i, row):
        kind, name, data = row
        return (kind, str(name), repr(data)) if kind == "graph" else (kind, tuple(map(str, name)) if kind == "edge" else str(name), items_of(data))

    def make(i, row):
        kind, name, data = row
        if kind == "node":
            return data_of(writer.myElement("node", id=str(name)), "node", data.items(), node_default)
        if kind == "edge":
            u, v, key = name
            return data_of(writer.myElement("edge", source=str(u), target=str(v), id=str(key)), "edge", data.items(), edge_default)
        return writer.add_data(str(name), writer.attr_type(name, "graph", data), str(data), "graph", None)

    return rows, material, make


def _stream_graphml(writer, G, handle, reuse=None) -> None:
    graph = writer.myElement("graph", edgedefault="directed" if G.is_directed() else "undirected")
    graph_data = _graphml_keys(writer, G)
    sink = Lines(handle)
    keep_header(sink, reuse)
    sink.write(start_tag(writer.xml) + b"\n  ")
    write_children(sink, writer, list(writer.xml), 1, "\n  ")
    sink.write(start_tag(graph) + b"\n    ")
    rows, material, make = _graphml_rows(writer, G, graph_data)
    if reuse is None:
        write_elements(sink, writer, rows, 2, "\n  ", reuse, material, make)
    else:  # in a build: the GEXF file is written next, with the same long values (step.write_outputs)
        with VALUES.keeping_for_the_next_file():
            write_elements(sink, writer, rows, 2, "\n  ", reuse, material, make)
    sink.write(b"</graph>\n</graphml>\n")
    sink.close()


def write_graphml(g: nx.MultiDiGraph, handle, reuse=None) -> None:
    """Write the network as GraphML (edge ids are the relation names) into a binary file (*reuse*: see write_file)."""
    from networkx.readwrite.graphml import GraphMLWriter

    G = _exportable(g)
    writer = GraphMLWriter(encoding="utf-8", prettyprint=True)
    if G.number_of_nodes() + G.number_of_edges() >= STREAM_FROM and G.number_of_nodes() and "id" not in G.graph:
        _stream_graphml(writer, G, handle, reuse)
        return
    writer.add_graph_element(G)
    _serialise(writer, handle)


def _gexf_declare(writer, G) -> None:
    """Declare every attribute as networkx's GEXF writer finds them (nodes, then edges)."""
    for scope, rows, default in (("node", G.nodes(data=True), G.graph.get("node_default", {})),
                                 ("edge", ((k, d) for *_, k, d in G.edges(keys=True, data=True)), G.graph.get("edge_default", {}))):
        for key, data in rows:
            items = dict(data, key=key) if scope == "edge" else data
            for k, v in items.items():
                if k in _GEXF_RESERVED or (scope == "edge" and k in ("weight", "type")):
                    continue
                writer.get_attr_id("networkx_key" if k == "key" else str(k), writer.xml_type[type(v)], scope, default, "static")


def _gexf_streamable(G) -> bool:
    if G.number_of_nodes() + G.number_of_edges() < STREAM_FROM or not G.number_of_nodes() or not G.number_of_edges():
        return False
    if G.graph.get("mode") == "dynamic":
        return False
    return not any((_GEXF_RESERVED - {"label"}) & d.keys() for _, d in G.nodes(data=True)) and \
        not any((_GEXF_RESERVED - {"label"}) & d.keys() for *_, d in G.edges(keys=True, data=True))


class _Slice:
    """The part of a graph networkx's GEXF writer reads, with only some of its nodes or edges."""

    def __init__(self, G, nodes=(), edges=()):
        self._g, self._nodes, self._edges, self.graph = G, nodes, edges, G.graph
        self.nodes = _SliceNodes(G, nodes)

    def is_multigraph(self):
        return True

    def is_directed(self):
        return self._g.is_directed()

    def edges(self, data=False, keys=False):
        return iter(self._edges)


class _SliceNodes:
    def __init__(self, G, nodes):
        self._g, self._nodes = G, nodes

    def __call__(self, data=False):
        return iter(self._nodes)

    def __getitem__(self, node):
        return self._g.nodes[node]


def _gexf_elements(writer, G, kind: str, size: int = 500):
    """Node or edge elements, *size* at a time, made by networkx's writer itself."""
    from xml.etree.ElementTree import Element

    rows = list(G.nodes(data=True)) if kind == "nodes" else list(G.edges(keys=True, data=True))
    for at in range(0, len(rows), size):
        box = Element("graph")
        piece = _Slice(G, nodes=rows[at:at + size]) if kind == "nodes" else _Slice(G, edges=rows[at:at + size])
        (writer.add_nodes if kind == "nodes" else writer.add_edges)(piece, box)
        yield from box[0]


def _gexf_one(writer, G, kind: str):
    """make(i, row) of write_elements for GEXF nodes or edges: networkx's writer makes the element of one row (edge i
    numbered i, as the writer numbers a file's edges when none has an id)."""
    import itertools
    from xml.etree.ElementTree import Element

    def make(i, row):
        box = Element("graph")
        if kind == "nodes":
            writer.add_nodes(_Slice(G, nodes=[row]), box)
        else:
            writer.edge_id = itertools.count(i)
            writer.add_edges(_Slice(G, edges=[row]), box)
        return box[0][0]

    return make


def _gexf_material(i, row):
    if len(row) == 2:
        return "node", str(row[0]), items_of(row[1])
    u, v, key, data = row
    return "edge", i, str(u), str(v), str(key), items_of(data)


def _stream_gexf(writer, G, handle, reuse=None) -> None:
    from xml.etree.ElementTree import Element

    graph = Element("graph", defaultedgetype="directed" if G.is_directed() else "undirected", mode="static",
                    name=G.graph.get("name", ""))
    writer.graph_element = graph
    for _, _, dd in G.edges(data=True):
        if dd.get("id") is not None:
            writer.all_edge_ids.add(str(dd["id"]))
    _gexf_declare(writer, G)
    sink = Lines(handle)
    keep_header(sink, reuse)
    sink.write(start_tag(writer.xml) + b"\n  ")
    write_children(sink, writer, list(writer.xml), 1, "\n  ")  # meta
    sink.write(start_tag(graph) + b"\n    ")
    write_children(sink, writer, list(graph), 2, "\n    ")  # attribute declarations
    sink.write(b"<nodes>\n      ")
    if reuse is None or writer.all_edge_ids:
        write_children(sink, writer, _gexf_elements(writer, G, "nodes"), 3, "\n    ")
        sink.write(b"</nodes>\n    <edges>\n      ")
        write_children(sink, writer, _gexf_elements(writer, G, "edges"), 3, "\n    ")
    else:
        write_elements(sink, writer, list(G.nodes(data=True)), 3, "\n    ", reuse, _gexf_material, _gexf_one(writer, G, "nodes"))
        sink.write(b"</nodes>\n    <edges>\n      ")
        write_elements(sink, writer, list(G.edges(keys=True, data=True)), 3, "\n    ", reuse, _gexf_material,
                  _gexf_one(writer, G, "edges"))
    sink.write(b"</edges>\n  </graph>\n</gexf>\n")
    sink.close()


def write_gexf(g: nx.MultiDiGraph, handle, reuse=None) -> None:
    """Write the network as GEXF 1.2 into a binary file, without the writer's date (equal input, equal bytes;
    *reuse*: see write_file)."""
    from networkx.readwrite.gexf import GEXFWriter

    writer = GEXFWriter(encoding="utf-8", prettyprint=True)
    for meta in writer.xml.iter("meta"):
        meta.attrib.pop("lastmodifieddate", None)
    try:
        G = _exportable(g)
        if _gexf_streamable(G):
            _stream_gexf(writer, G, handle, reuse)
            return
        writer.add_graph(G)
        _serialise(writer, handle)
    finally:
        VALUES.forget()  # the long values the GraphML writer kept


def graphml_bytes(g: nx.MultiDiGraph) -> bytes:
    """The network as GraphML (edge ids are the relation names)."""
    buffer = io.BytesIO()
    write_graphml(g, buffer)
    return buffer.getvalue()


def gexf_bytes(g: nx.MultiDiGraph) -> bytes:
    """The network as GEXF 1.2, without the writer's date so equal input gives equal bytes."""
    buffer = io.BytesIO()
    write_gexf(g, buffer)
    return buffer.getvalue()


def write_file(path: Path, write, g: nx.MultiDiGraph, memo: Path | None = None) -> Path:
    """Write the network with write_graphml or write_gexf into *path*, atomically (temporary file and rename).

    memo: a file of the build's cache where the elements of the file are recorded, so that the next build copies
    those that are unchanged from it (kg.steps.network.reuse); None: every element is made."""
    from kg.build.outputs import hash_soon
    from kg.steps.network.reuse import Reuse

    reuse = Reuse(memo, path) if memo is not None else None
    written = None
    try:
        with atomic_open(path, "wb") as handle:
            write(g, handle, reuse) if reuse is not None else write(g, handle)
        written = Path(path)
    finally:
        if reuse is not None:
            reuse.close(written)
    if reuse is not None:  # in a build (kg.build.outputs.describe_outputs takes the hash)
        hash_soon(path)
    return Path(path)
