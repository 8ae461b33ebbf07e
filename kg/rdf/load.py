"""The one loader behind every `--data`: an RDF file of any format of kg.rdf.formats, a build's output folder
(its kg.nq, else its kg.ttl), or an oxigraph store folder (`kg build --store oxigraph:DIR`).

It returns what the caller needs: an rdflib Graph (every triple once), an rdflib Dataset (the named graphs
of a quads file), or a pyoxigraph Store; a file it cannot use is one line of InputError, the same for
every command.  *check* is applied to the file chosen before it is read (the commands pass the build's
consistency check, kg.build.outputs.check_consistent, so a half-written output set is refused).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Callable

from rdflib import Dataset, Graph

from kg.core.errors import InputError
from kg.core.files import why_missing
from kg.rdf import formats
from kg.rdf.store import is_store, open_store
from kg.rdf.terms import converter

DEFAULT_DATA = Path("out") / "kg.ttl"
BUILD_FILES = ("kg.nq", "kg.ttl")  # what a build folder is read as, preferred first


def _one_line(exc) -> str:
    return " ".join(str(exc).split()) or type(exc).__name__


def resolve(path=None, *, check: Callable | None = None, prefer_quads: bool = False) -> Path:
    """The file or store folder that --data names: a file, a store folder, or kg.nq/kg.ttl in a build folder.

    With *prefer_quads*, a kg.ttl is read as the kg.nq beside it when that is not older (its named graphs)."""
    path = Path(path) if path is not None else DEFAULT_DATA
    if is_store(path):
        return path
    if path.is_dir():
        found = next((path / name for name in BUILD_FILES if (path / name).is_file()), None)
        if found is None:
            raise InputError(f"{path}: no kg.nq or kg.ttl in this folder (run `kg build` first)")
        path = found
    elif not path.is_file():
        raise InputError(f"{path}: {why_missing(path, 'no such file')} (run `kg build` first, or pass --data)")
    quads = path.with_suffix(".nq")
    if prefer_quads and path.suffix == ".ttl" and quads.is_file() and quads.stat().st_mtime >= path.stat().st_mtime:
        path = quads
    formats.of_path(path)
    return check(path) if check else path


def parse_error(path: Path, fmt: formats.RdfFormat, exc: Exception) -> InputError:
    """The one-line error for a file that does not parse: `PATH: malformed Turtle: line 3: why`."""
    why, line = getattr(exc, "_why", None), getattr(exc, "lines", None)
    if why and line is not None:
        with open(path, "rb") as handle:  # rdflib counts past the end of the text when the error is at the end
            last = sum(1 for _ in handle) or 1
        message = f"line {min(line + 1, last)}: {why}"
    else:
        message = _one_line(exc)
    return InputError(f"{path}: malformed {fmt.label}: {message[:300]}")


def oxigraph_parse_error(path: Path, fmt: formats.RdfFormat, exc: Exception) -> InputError:
    """The same one-line error from pyoxigraph's parsers: `PATH: malformed Turtle: line 3, column 9: why`."""
    message = _one_line(exc)
    match = re.match(r"Parser error at line (\d+) column (\d+): (.*)", message)
    if match:
        message = f"line {match[1]}, column {match[2]}: {match[3]}"
    return InputError(f"{path}: malformed {fmt.label}: {message[:300]}")


def parse_dataset(path: Path) -> Dataset:
    """An RDF file as an rdflib Dataset (the triples of a triples format in its default graph)."""
    fmt = formats.of_path(path)
    dataset = Dataset()
    try:
        dataset.parse(path, format=fmt.rdflib)
    except Exception as exc:  # rdflib raises many parser exception types
        raise parse_error(path, fmt, exc) from None
    return dataset


def parse_graph(path: Path) -> Graph:
    """An RDF file as one rdflib Graph: the triples of every graph of a quads file, each once."""
    fmt = formats.of_path(path)
    if fmt.quads:
        graph = Graph()
        for s, p, o, _ in parse_dataset(path).quads((None, None, None, None)):
            graph.add((s, p, o))
        return graph
    try:
        return Graph().parse(path, format=fmt.rdflib)
    except Exception as exc:  # rdflib raises many parser exception types
        raise parse_error(path, fmt, exc) from None


def store_graph(store) -> Graph:
    """Every triple of a pyoxigraph store as one rdflib Graph."""
    convert = converter()
    graph = Graph()
    graph.addN((convert(q.subject), convert(q.predicate), convert(q.object), graph)
               for q in store.quads_for_pattern(None, None, None))
    return graph


def read_graph(path=None, *, check: Callable | None = None) -> Graph:
    """--data as one rdflib Graph (a file, a build folder or a store folder), without anything added."""
    source = resolve(path, check=check)
    if is_store(source):
        return store_graph(open_store(source))
    return parse_graph(source)


def read_store(path=None, *, extras: bool = True, named_graphs: bool = False, check: Callable | None = None):
    """--data in a pyoxigraph Store, the ontology and reference data added (*extras*).

    Every triple is in the default graph, so queries ask the union.  With *named_graphs*, the quads of an
    N-Quads or TriG file are also kept in their own graphs (GRAPH ?g sees one graph per document and
    id/graph/reference): the default graph stays the merge, not oxigraph's union-default-graph mode, which
    would repeat a triple once per graph holding it.  A store folder is opened read-only as it is (it already
    holds the ontology and reference data)."""
    import pyoxigraph as ox

    source = resolve(path, check=check)
    if is_store(source):
        return open_store(source)
    fmt = formats.of_path(source)
    store = ox.Store()
    try:
        if fmt.quads:
            # the quads of every named graph go to the default graph: queries ask the union, as in out/kg.ttl
            # (bulk_load's to_graph only applies to triples: named graphs would stay out of the queries' reach)
            quads = ox.parse(path=str(source), format=fmt.oxigraph_format())
            if named_graphs:
                quads = list(quads)
                store.bulk_extend(quads)
            store.bulk_extend(ox.Quad(q.subject, q.predicate, q.object) for q in quads)
        else:
            store.bulk_load(path=str(source), format=fmt.oxigraph_format())
    except SyntaxError as exc:
        raise oxigraph_parse_error(source, fmt, exc) from None
    except (OSError, ValueError) as exc:
        raise InputError(f"{source}: cannot load ({_one_line(exc)})") from None
    if extras:
        store.bulk_load(input=extras_ntriples(), format=ox.RdfFormat.N_TRIPLES)
    return store


def parse_ntriples(data: bytes) -> Graph:
    """Read N-Triples into an rdflib graph (pyoxigraph's parser: about 10x rdflib's)."""
    import pyoxigraph as ox

    convert = converter(literals=False)
    g = Graph()
    g.addN((convert(t.subject), convert(t.predicate), convert(t.object), g)
           for t in ox.parse(data, format=ox.RdfFormat.N_TRIPLES))
    return g


_EXTRAS: list = []


def extras_ntriples() -> bytes:
    """The ontology and the reference data as N-Triples (what the query engines add to the data)."""
    if not _EXTRAS:
        from kg.core.reference import reference_graph
        from kg.core.resources import ontology_graph

        graph = Graph()
        graph += ontology_graph()
        graph += reference_graph()
        _EXTRAS.append(graph.serialize(format="nt", encoding="utf-8"))
    return _EXTRAS[0]
