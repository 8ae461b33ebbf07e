"""Export the graph as standard RDF: Turtle, N-Triples, N-Quads, TriG or JSON-LD.

Named graphs.  `kg build` keeps one named graph per source document (named by the document IRI) plus
`id/graph/reference` (kg.extract.to_rdf.assemble) and, besides the union `out/kg.ttl`, writes that dataset as
`out/kg.nq` (the `kg.steps.describe:corpus_step` build step, graph by graph).  `load_dataset` reads `kg.nq` when it sits beside
the requested `kg.ttl` and is not older than it; for any other triples file it re-partitions the triples
by document (`partition_by_document`): a node with `unodc:inDocument d` (and `d` itself) goes to graph
`d`; an entity-layer relation goes to every document with an `unodc:Assertion` of it; a minted entity goes
to every document that mentions it, asserts something of it or quantifies it (so a label one document gave it
lands in all of them: the one place where the split is coarser than the build's); the descriptions of reference
entities, and anything left over, go to `id/graph/reference`.

Speed and memory.  Every format of the data read from an N-Quads or N-Triples file (kg.nq) is streamed
(`stream_export`): Oxigraph reads the file, the lines (or, for JSON-LD, one record per triple) are sorted on
disk in bounded memory (kg.rdf.external) and written as they come out of the merge -- N-Triples and N-Quads
as sorted lines, Turtle and TriG by Oxigraph's writers (kg.ttl's form: exporting a build folder as Turtle
gives its kg.ttl), JSON-LD node by node (kg.rdf.jsonld: the document jsonld_bytes makes with rdflib, byte for
byte).  `export_to` writes to a stream (kg export: a temporary file renamed when complete); `export` returns
bytes.  Other inputs and `--graph ontology|all` go through an rdflib dataset.
"""

from __future__ import annotations

import io
import json
from functools import lru_cache
from pathlib import Path
from typing import BinaryIO

from rdflib import RDF, BNode, Dataset, Graph, Literal, URIRef

from kg.core.errors import InputError
from kg.extract.to_rdf import REFERENCE_GRAPH, reference_subgraph
from kg.core.namespaces import PREFIXES, UNODC, bind_prefixes
from kg.build.outputs import check_consistent
from kg.core.resources import ontology_dir, ontology_graph
from kg.rdf import formats
from kg.rdf.external import sorted_unique
from kg.rdf.jsonld import sort_json, write_jsonld
from kg.rdf.load import DEFAULT_DATA as DEFAULT_DATA  # the --data default of kg export, publish and push
from kg.rdf.load import oxigraph_parse_error, parse_dataset, read_graph, resolve
from kg.rdf.serialize import DATASET_DEFAULT_GRAPH, named_graphs, nquads_bytes, ntriples_bytes, turtle_bytes, union

ONTOLOGY_GRAPH = URIRef("https://w3id.org/unodc-kg/ontology")
CONTEXT_URL = "https://w3id.org/unodc-kg/context.jsonld"
FORMATS = {name: (formats.BY_NAME[name].rdflib, formats.BY_NAME[name].suffix, formats.BY_NAME[name].media_type)
           for name in formats.EXPORTED}  # name: (rdflib parser, file suffix, media type), from kg.rdf.formats
QUAD_FORMATS = {name for name in formats.EXPORTED if formats.BY_NAME[name].quads}
GRAPH_CHOICES = ("data", "ontology", "all")


# ---------------------------------------------------------------- reading


def format_of(path: Path) -> str:
    """The format name of a file, from its suffix (kg.rdf.formats)."""
    return formats.of_path(path).name


def resolve_data(path: Path | None) -> Path:
    """The file to read for --data: a file, or kg.nq/kg.ttl in a build folder; kg.nq beside a fresh kg.ttl."""
    return resolve(path, check=check_consistent, prefer_quads=True)


def load_dataset(path: Path | None = None) -> Dataset:
    """Read --data into a dataset with one named graph per document (see the module docstring)."""
    source = resolve_data(path)
    if source.is_file() and formats.of_path(source).quads:
        return _without_default_graph(parse_dataset(source))
    return partition_by_document(read_graph(source))


def _without_default_graph(ds: Dataset) -> Dataset:
    """Move default-graph triples of a parsed dataset into the reference graph (kg.nq has none)."""
    out = bind_prefixes(Dataset())
    for s, p, o, g in ds.quads((None, None, None, None)):
        name = g.identifier if isinstance(g, Graph) else g
        if name is None or name == DATASET_DEFAULT_GRAPH:
            name = REFERENCE_GRAPH
        out.graph(name).add((s, p, o))
    return out


def partition_by_document(graph: Graph) -> Dataset:
    """Split a union graph into named graphs per document (rules in the module docstring)."""
    docs = set(graph.subjects(RDF.type, UNODC.Document))
    home: dict = {d: {d} for d in docs}
    for node, doc in graph.subject_objects(UNODC.inDocument):
        if doc in docs:
            home.setdefault(node, set()).add(doc)
    asserted: dict = {}
    for node in graph.subjects(RDF.type, UNODC.Assertion):
        triple = (graph.value(node, UNODC.subject), graph.value(node, UNODC.predicate), graph.value(node, UNODC.object))
        asserted.setdefault(triple, set()).update(home.get(node, ()))
    minted_home: dict = {}
    for entity in graph.subjects(UNODC.minted, Literal(True)):
        places = set()
        for p in (UNODC.refersTo, UNODC.subject, UNODC.object, UNODC.about):
            for node in graph.subjects(p, entity):
                places |= home.get(node, set())
        minted_home[entity] = places
    known = {(s, p, o) for s, p, o in reference_subgraph(_reference_iris(graph))}
    ds = bind_prefixes(Dataset())
    for triple in graph:
        s = triple[0]
        targets = home.get(s) or asserted.get(triple) or minted_home.get(s, set())
        if triple in known or not targets:
            targets = targets | {REFERENCE_GRAPH}
        for name in targets:
            ds.graph(name).add(triple)
    return ds


def _reference_iris(graph: Graph) -> set:
    from kg.core.reference import entities_by_iri

    known = entities_by_iri()
    return {s for s in set(graph.subjects()) if s in known}


# ---------------------------------------------------------------- selecting


def ontology_dataset() -> Dataset:
    """The ontology as one named graph, named by the ontology IRI."""
    ds = Dataset()
    target = ds.graph(ONTOLOGY_GRAPH)
    for triple in ontology_graph():
        target.add(triple)
    return ds


def select(dataset: Dataset, which: str = "data") -> Dataset:
    """The data graphs, the ontology graph, or both, as one dataset."""
    if which not in GRAPH_CHOICES:
        raise InputError(f"unknown graph selection {which!r} (expected one of {', '.join(GRAPH_CHOICES)})")
    out = bind_prefixes(Dataset())
    parts = {"data": [dataset], "ontology": [ontology_dataset()], "all": [dataset, ontology_dataset()]}[which]
    for part in parts:
        for name in named_graphs(part):
            target = out.graph(name)
            for triple in part.graph(name):
                target.add(triple)
    if which != "data":
        for prefix, ns in ontology_graph().namespaces():
            if prefix and prefix not in PREFIXES:
                out.bind(prefix, ns)
    return out


def portal_dataset(dataset: Dataset) -> Dataset:
    """What `kg query` answers over, laid out for a store (what `kg push` sends and `kg publish` writes as kg.nq):
    the ontology in graph <ontology>, the whole reference data and every triple that more than one document graph
    holds in id/graph/reference, and each document's own triples in its graph, so that no triple is in two graphs
    and a store's union default graph counts each once.  Deterministic (blank nodes labelled by content), and a
    dataset laid out so comes back the same."""
    from collections import Counter

    from rdflib.compare import to_canonical_graph

    from kg.core.reference import reference_graph

    names = named_graphs(dataset)
    documents = [n for n in names if n not in (REFERENCE_GRAPH, ONTOLOGY_GRAPH)]
    holders = Counter(t for name in documents for t in set(dataset.graph(name)))
    out = bind_prefixes(Dataset())
    for prefix, ns in ontology_graph().namespaces():
        if prefix and prefix not in PREFIXES:
            out.bind(prefix, ns)
    seen: set = set()
    for name in documents:
        g = out.graph(name)
        for triple in dataset.graph(name):
            if holders[triple] == 1:
                g.add(triple)
                seen.add(triple)
    vocabulary = [to_canonical_graph(ontology_graph())]  # blank nodes (OWL lists) labelled by content
    if ONTOLOGY_GRAPH in names:  # a dataset laid out so before: its ontology's blank nodes are the shipped ones
        vocabulary.append([t for t in dataset.graph(ONTOLOGY_GRAPH) if not any(isinstance(x, BNode) for x in t)])
    placed = ((REFERENCE_GRAPH, [(t for t, n in sorted(holders.items()) if n > 1),
                                 *([dataset.graph(REFERENCE_GRAPH)] if REFERENCE_GRAPH in names else []), reference_graph()]),
              (ONTOLOGY_GRAPH, vocabulary))  # fmt: skip
    for name, sources in placed:
        target = out.graph(name)
        for source in sources:
            for triple in source:
                if triple not in seen:
                    target.add(triple)
                    seen.add(triple)
    return out


# ---------------------------------------------------------------- writing


@lru_cache(maxsize=None)
def jsonld_context() -> dict:
    """The published JSON-LD @context (ontology/context.jsonld)."""
    with (ontology_dir() / "context.jsonld").open(encoding="utf-8") as handle:
        return json.load(handle)["@context"]


def jsonld_bytes(graph: Graph, context_url: str | None = None) -> bytes:
    """Compact JSON-LD with the published context: inline (default, offline) or by URL."""
    context = jsonld_context()
    text = graph.serialize(format="json-ld", context=context, auto_compact=True)
    doc = json.loads(text)
    nodes = doc.get("@graph", [] if len(doc) == 1 else [{k: v for k, v in doc.items() if k != "@context"}])
    nodes = sorted((sort_json(n) for n in nodes), key=lambda n: str(n.get("id", "")))
    out = {"@context": context_url or context, "@graph": nodes}
    return (json.dumps(out, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def trig_bytes(dataset: Dataset) -> bytes:
    """TriG: the prefixes once, then each named graph in name order as sorted Turtle."""
    prefixes: dict[str, str] = {}
    blocks = []
    for name in named_graphs(dataset):
        g = Graph()
        for prefix, ns in dataset.namespaces():
            g.bind(prefix, ns, override=True, replace=True)
        for triple in dataset.graph(name):
            g.add(triple)
        text = turtle_bytes(g).decode("utf-8")
        head, _, body = text.partition("\n\n") if text.startswith("PREFIX ") else ("", "", text)
        for line in head.splitlines():  # the body is left as is: long literals span lines
            _, prefix, iri = line.split(None, 2)
            prefixes[prefix] = iri
        blocks.append(f"GRAPH {name.n3()} {{\n{body.strip()}\n}}\n")
    head = "".join(f"PREFIX {p} {iri}\n" for p, iri in sorted(prefixes.items()))
    return (head + "\n" + "\n".join(blocks)).encode("utf-8")


def export_bytes(dataset: Dataset, fmt: str = "ttl", which: str = "data", context_url: str | None = None) -> bytes:
    """Serialise the selected graphs of *dataset* in *fmt*, deterministically."""
    if fmt not in FORMATS:
        raise InputError(f"unknown format {fmt!r} (expected one of {', '.join(FORMATS)})")
    chosen = select(dataset, which)
    if fmt == "nq":
        return nquads_bytes(chosen)
    if fmt == "trig":
        return trig_bytes(chosen)
    graph = union(chosen)
    if fmt == "ttl":
        return turtle_bytes(graph)
    if fmt == "nt":
        return ntriples_bytes(graph)
    return jsonld_bytes(graph, context_url)


def export(data: Path | None = None, fmt: str = "ttl", which: str = "data") -> bytes:
    """Read --data and serialise it (the library side of `kg export`), as bytes in memory."""
    buffer = io.BytesIO()
    export_to(buffer, data, fmt, which)
    return buffer.getvalue()


def export_to(out: BinaryIO, data: Path | None = None, fmt: str = "ttl", which: str = "data") -> None:
    """Read --data and write it in *fmt* to the binary stream *out*: streamed (memory independent of the
    graph's size) for the data of an N-Quads or N-Triples file, else through an rdflib dataset."""
    if which == "data" and fmt in STREAMED and stream_export(resolve_data(data), fmt, out):
        return
    dataset = load_dataset(data) if which != "ontology" else Dataset()
    out.write(export_bytes(dataset, fmt, which))


STREAMED = ("nt", "nq", "ttl", "trig", "jsonld")  # formats exported from N-Quads/N-Triples files without rdflib


def streamed_export(source: Path, fmt: str) -> bytes | None:
    """stream_export into memory: the bytes, or None when the streamed path does not apply."""
    buffer = io.BytesIO()
    return buffer.getvalue() if stream_export(source, fmt, buffer) else None


def stream_export(source: Path, fmt: str, out: BinaryIO) -> bool:
    """Write the data of an N-Quads or N-Triples file to *out* as sorted N-Triples, N-Quads, Turtle or TriG
    (graphs in name order, each graph's triples sorted) or as compact JSON-LD (kg.rdf.jsonld: jsonld_bytes's
    document), read and written by Oxigraph and sorted on disk (kg.rdf.external) without an rdflib graph:
    memory stays bounded whatever the size.  False (nothing written) when this path does not apply: other
    input formats, or quads wanted from triples, which needs the split by document."""
    import pyoxigraph as ox

    from kg.build.merge import TURTLE_PREFIXES

    kind = format_of(source)
    if kind not in ("nq", "nt") or fmt not in STREAMED or (kind == "nt" and fmt in QUAD_FORMATS):
        return False
    quads = _read_quads(source, kind)
    if fmt == "jsonld":
        write_jsonld(quads, jsonld_context(), out)
        return True
    if fmt in QUAD_FORMATS:  # default-graph triples go to the reference graph, as load_dataset does
        reference = ox.NamedNode(str(REFERENCE_GRAPH))
        lines = (f"{q.triple} {reference if isinstance(q.graph_name, ox.DefaultGraph) else q.graph_name} .\n".encode()
                 for q in quads)
    else:
        lines = (f"{q.triple} .\n".encode() for q in quads)
    if fmt == "trig":  # by graph name, then by triple: consecutive quads of a graph make one GRAPH block
        keyed = sorted_unique(line[line.rindex(b" <", 0, -3) + 2:-4] + b"\x00" + line for line in lines)
        ordered = (line[line.index(b"\x00") + 1:] for line in keyed)
    else:
        ordered = sorted_unique(lines)
    if fmt in ("nt", "nq"):
        out.writelines(ordered)
        return True
    syntax = ox.RdfFormat.N_QUADS if fmt == "trig" else ox.RdfFormat.N_TRIPLES
    target = ox.RdfFormat.TRIG if fmt == "trig" else ox.RdfFormat.TURTLE
    ox.serialize(ox.parse(io.BufferedReader(LineReader(ordered), 1 << 20), format=syntax), out, format=target,
                 prefixes=TURTLE_PREFIXES)
    return True


def _read_quads(source: Path, kind: str):
    """The quads of an N-Quads or N-Triples file, read lazily; a syntax or read error as one line."""
    import pyoxigraph as ox

    try:
        yield from ox.parse(path=str(source), format=formats.BY_NAME[kind].oxigraph_format())
    except SyntaxError as exc:
        raise oxigraph_parse_error(source, formats.BY_NAME[kind], exc) from None
    except OSError as exc:
        raise InputError(f"{source}: cannot read ({exc.strerror})") from None


class LineReader(io.RawIOBase):
    """A readable binary stream over an iterator of byte strings (for Oxigraph's parser)."""

    def __init__(self, chunks):
        self._chunks = iter(chunks)
        self._rest = b""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        size = len(buffer)
        parts, filled = [], 0
        if self._rest:
            parts.append(self._rest)
            filled = len(self._rest)
        while filled < size:
            chunk = next(self._chunks, None)
            if chunk is None:
                break
            parts.append(chunk)
            filled += len(chunk)
        data = b"".join(parts)
        self._rest = data[size:]
        data = data[:size]
        buffer[:len(data)] = data
        return len(data)


# ---------------------------------------------------------------- comparing
