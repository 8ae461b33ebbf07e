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

# what str.splitlines() takes for a line break among the characters of ASCII XML (the writers escape the rest)
_BREAKS = bytes.maketrans(b"\r\x0b\x0c\x1c\x1d\x1e", b"\n" * 6)


def _exportable(g: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy with only scalar attributes and a name, as GraphML and GEXF need."""
    out = nx.MultiDiGraph(name="unodc-kg partnership network")
    for node, data in g.nodes(data=True):
        out.add_node(node, **{k: v for k, v in data.items() if isinstance(v, (str, int, float, bool))})
    for s, o, key, data in g.edges(keys=True, data=True):
        out.add_edge(s, o, key=key, **{k: v for k, v in data.items() if isinstance(v, (str, int, float, bool))})
    return out


class _Lines:
    """A binary sink that writes to *handle* what "\\n".join(text.splitlines()) + "\\n" makes of the text given
    to it piece by piece: every line break (\\r\\n, \\r, \\v, \\f, \\x1c-\\x1e) a line feed, one at the end."""

    def __init__(self, handle):
        self.handle = handle
        self.carriage = False  # the last piece ended with \r (a \n opening the next one is part of its break)
        self.last = b""

    def write(self, data) -> int:
        data = bytes(data)
        if not data:
            return 0
        if self.carriage and data[:1] == b"\n":
            data = data[1:]
        self.carriage = data[-1:] == b"\r"
        if data:
            out = data.replace(b"\r\n", b"\n").translate(_BREAKS)
            self.handle.write(out)
            self.last = out[-1:]
        return len(data)

    def close(self) -> None:
        if self.last != b"\n":
            self.handle.write(b"\n")


def _serialise(writer, handle) -> None:
    """Write a networkx XML writer's tree as its generate_* lines joined by line feeds, and a final one."""
    if writer.prettyprint:
        writer.indent(writer.xml)
    sink = _Lines(handle)
    ElementTree(writer.xml).write(sink, encoding="us-ascii")  # what str(writer) decodes: ElementTree.tostring
    sink.close()


STREAM_FROM = 2_000  # nodes and edges from which the XML is written element by element, not as one tree
_GEXF_RESERVED = {"id", "label", "pid", "start", "end", "parents", "spells", "slices", "viz"}  # GEXF's own keys


def _tag(element, text: str = "X") -> bytes:
    """The start tag of *element* as ElementTree writes it (the element with *text* and no children)."""
    from xml.etree.ElementTree import Element, tostring

    shallow = Element(element.tag, dict(element.attrib))
    shallow.text = text
    data = tostring(shallow)
    return data[:data.index(b">" + text.encode() + b"<") + 1]


def _markup(element, out: list) -> None:
    """ElementTree's serialisation of a plain element (no namespaces, comments or QNames), tail included."""
    from xml.etree.ElementTree import _escape_attrib, _escape_cdata

    tag, text = element.tag, element.text
    out.append("<" + tag)
    for k, v in element.items():
        out.append(f' {k}="{_escape_attrib(v)}"')
    if text or len(element):
        out.append(">")
        if text:
            out.append(_escape_cdata(text))
        for child in element:
            _markup(child, out)
        out.append("</" + tag + ">")
    else:
        out.append(" />")
    if element.tail:
        out.append(_escape_cdata(element.tail))


def tostring(element) -> bytes:
    """ElementTree.tostring(element) (US-ASCII, other characters as references) for the plain elements of the
    network's writers, without its per-call machinery (a stream, a text wrapper and a namespace walk per node and
    edge were most of the writing time)."""
    if any(not isinstance(e.tag, str) or "{" in e.tag or any("{" in k for k in e.keys()) for e in element.iter()):
        from xml.etree.ElementTree import tostring as slow

        return slow(element)
    out: list = []
    _markup(element, out)
    return "".join(out).encode("ascii", "xmlcharrefreplace")


def _children(sink: _Lines, writer, elements, level: int, last_tail: str) -> None:
    """Write elements as the children at *level* of one parent, indented as networkx's writers indent a tree."""
    previous = None
    for element in elements:
        if previous is not None:
            sink.write(tostring(previous))
        writer.indent(element, level)
        previous = element
    if previous is not None:
        previous.tail = last_tail
        sink.write(tostring(previous))


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


def _graphml_elements(writer, G, graph_data: list):
    """The graph element's children as networkx makes them: nodes, edges, then the graph's data."""
    def data_of(element, scope, items, default):
        for k, v in items:
            element.append(writer.add_data(str(k), writer.attr_type(k, scope, v), str(v), scope, default.get(k)))
        return element

    node_default, edge_default = G.graph.get("node_default", {}), G.graph.get("edge_default", {})
    for node, data in G.nodes(data=True):
        yield data_of(writer.myElement("node", id=str(node)), "node", data.items(), node_default)
    for u, v, key, data in G.edges(keys=True, data=True):
        element = writer.myElement("edge", source=str(u), target=str(v), id=str(key))
        yield data_of(element, "edge", data.items(), edge_default)
    yield from (writer.add_data(str(k), writer.attr_type(k, "graph", v), str(v), "graph", None) for k, v in graph_data)


def _stream_graphml(writer, G, handle) -> None:
    graph = writer.myElement("graph", edgedefault="directed" if G.is_directed() else "undirected")
    graph_data = _graphml_keys(writer, G)
    sink = _Lines(handle)
    sink.write(_tag(writer.xml) + b"\n  ")
    _children(sink, writer, list(writer.xml), 1, "\n  ")
    sink.write(_tag(graph) + b"\n    ")
    _children(sink, writer, _graphml_elements(writer, G, graph_data), 2, "\n  ")
    sink.write(b"</graph>\n</graphml>\n")
    sink.close()


def write_graphml(g: nx.MultiDiGraph, handle) -> None:
    """Write the network as GraphML (edge ids are the relation names) into a binary file."""
    from networkx.readwrite.graphml import GraphMLWriter

    G = _exportable(g)
    writer = GraphMLWriter(encoding="utf-8", prettyprint=True)
    if G.number_of_nodes() + G.number_of_edges() >= STREAM_FROM and G.number_of_nodes() and "id" not in G.graph:
        _stream_graphml(writer, G, handle)
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


def _stream_gexf(writer, G, handle) -> None:
    from xml.etree.ElementTree import Element

    graph = Element("graph", defaultedgetype="directed" if G.is_directed() else "undirected", mode="static",
                    name=G.graph.get("name", ""))
    writer.graph_element = graph
    for _, _, dd in G.edges(data=True):
        if dd.get("id") is not None:
            writer.all_edge_ids.add(str(dd["id"]))
    _gexf_declare(writer, G)
    sink = _Lines(handle)
    sink.write(_tag(writer.xml) + b"\n  ")
    _children(sink, writer, list(writer.xml), 1, "\n  ")  # meta
    sink.write(_tag(graph) + b"\n    ")
    _children(sink, writer, list(graph), 2, "\n    ")  # attribute declarations
    sink.write(b"<nodes>\n      ")
    _children(sink, writer, _gexf_elements(writer, G, "nodes"), 3, "\n    ")
    sink.write(b"</nodes>\n    <edges>\n      ")
    _children(sink, writer, _gexf_elements(writer, G, "edges"), 3, "\n    ")
    sink.write(b"</edges>\n  </graph>\n</gexf>\n")
    sink.close()


def write_gexf(g: nx.MultiDiGraph, handle) -> None:
    """Write the network as GEXF 1.2 into a binary file, without the writer's date (equal input, equal bytes)."""
    from networkx.readwrite.gexf import GEXFWriter

    writer = GEXFWriter(encoding="utf-8", prettyprint=True)
    for meta in writer.xml.iter("meta"):
        meta.attrib.pop("lastmodifieddate", None)
    G = _exportable(g)
    if _gexf_streamable(G):
        _stream_gexf(writer, G, handle)
        return
    writer.add_graph(G)
    _serialise(writer, handle)


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


def write_file(path: Path, write, g: nx.MultiDiGraph) -> Path:
    """Write the network with write_graphml or write_gexf into *path*, atomically (temporary file and rename)."""
    with atomic_open(path, "wb") as handle:
        write(g, handle)
    return Path(path)
