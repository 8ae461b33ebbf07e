"""A built corpus that is never held in memory whole: per-document graphs streamed to the outputs.

A document's graph has two kinds of triples.  Its *own* triples have the document IRI, or an IRI under
it, as subject (the document, its paragraphs, mentions, assertions, quantities): they are the bulk and
belong to that document alone.  *Shared* triples are about entities (minted names, relation triples):
they are few, repeat across documents, and are merged here with the reference data the documents use
into one small graph (`Corpus.shared_graph`).

Sorted N-Triples lines of a document's own triples form one run (they share the prefix
`<…/id/doc/KEY`), and document keys sort like their IRIs, so the whole corpus in sorted order is: the
shared lines before `<…/id/doc/`, each document's own run in key order, then the remaining shared lines.
`write_turtle` and `write_nquads` stream that order from the per-document files (Oxigraph's Turtle
serialiser groups each subject's triples), so memory does not grow with the corpus.

Corpus-wide build steps (kg.build.steps.BuildStep) may also look at every document while it is in a worker
(`map_document(view)`); what they return travels in `DocPart.extras`, is stored with the document's files
and read back one document at a time by `Corpus.extras(step.name)`, so the main process never holds them all.
"""

from __future__ import annotations

import bisect
import os
import pickle
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Callable, Iterator, Sequence

from rdflib import Graph, URIRef

from kg.core.errors import InputError
from kg.core.files import atomic_open
from kg.build import nquads
from kg.core.namespaces import ID
from kg.rdf.load import parse_ntriples
from kg.rdf.serialize import canonical_lines, ntriples_bytes

DOC_PREFIX = f"<{ID}doc/".encode()
REFERENCE_GRAPH = nquads.REFERENCE_GRAPH
SKOS_PREF = "http://www.w3.org/2004/02/skos/core#prefLabel"
SKOS_ALT = "http://www.w3.org/2004/02/skos/core#altLabel"
# prefixes of kg.ttl, in this order: only vocabularies that the graph's predicates and classes use
TURTLE_PREFIXES = {
    "dcterms": "http://purl.org/dc/terms/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "unodc": "https://w3id.org/unodc-kg/ontology#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}


@dataclass
class DocPart:
    """One document's contribution: where its N-Triples are, its shared lines, what the steps took from it."""

    key: str
    iri: str
    own: tuple[int, int]  # byte range of the document's own lines in its N-Triples
    shared: bytes  # its shared lines, sorted, in Oxigraph's N-Triples form
    head: bytes  # its lines whose subject is the document itself (title, hash, path, symbols)
    refs: tuple[str, ...]  # reference entities it mentions or relates
    own_triples: int
    extras: dict = field(default_factory=dict)  # step name -> what its map_document returned (until stored)
    nt: bytes | None = None  # the document's sorted N-Triples, until the pipeline writes them to `path`
    path: Path | None = None
    ttl: bytes | None = None  # its own triples as Turtle without the prefix lines, until written to `ttl_path`
    ttl_path: Path | None = None
    extras_path: Path | None = None  # the stored extras: one pickle per step, at extras_at[step] = (offset, length)
    extras_at: dict = field(default_factory=dict)
    paragraphs: int = 0  # how many paragraphs, headings, footnotes the document has
    title: str = ""
    symbols: tuple[str, ...] = ()
    checks: dict = field(default_factory=dict)  # cache file suffix -> [bytes, sha256, stamp] (kg.build.cache verifies them)

    def extra(self, step: str):
        """What the step's map_document returned for this document (read from its file once stored)."""
        if step in self.extras:
            return self.extras[step]
        if step not in self.extras_at:
            return None
        start, length = self.extras_at[step]
        with open(self.extras_path, "rb") as handle:
            handle.seek(start)
            return pickle.loads(handle.read(length))

    def own_turtle(self) -> bytes:
        """The document's own triples as Turtle (kg.ttl's prefixes, not declared)."""
        if self.ttl is not None:
            return self.ttl
        with open(self.ttl_path, "rb") as handle:
            return handle.read()

    def own_bytes(self) -> bytes:
        """The document's own N-Triples lines (read from its file)."""
        start, end = self.own
        if self.nt is not None:
            return self.nt[start:end]
        with open(self.path, "rb") as handle:
            handle.seek(start)
            data = handle.read(end - start)
        if len(data) != end - start:
            raise InputError(f"{self.path}: cached graph of {self.iri} is shorter than when it was checked; run kg build again")
        return data


class DocumentView:
    """What a step's map_document sees of one document, in the worker.

    `graph` (the document's rdflib graph, own and shared triples, with the reference data it uses) is made only
    when a step asks for it; `ntriples` and `reference_ntriples` are always there, `own` is the byte range of
    the document's own lines in `ntriples`, `records` the (Document, Extraction) the part was made from, when
    it was made from them."""

    def __init__(self, iri: URIRef, graph: Graph | None = None, owns: Callable | None = None, ntriples: bytes = b"",
                 reference_ntriples: bytes = b"", *, own: tuple[int, int] | None = None, records: tuple | None = None,
                 make_graph: Callable[[], Graph] | None = None):
        self.iri, self.owns = iri, owns
        self.ntriples = ntriples  # the document's triples as N-Triples (for a store that loads them faster than from rdflib)
        self.reference_ntriples = reference_ntriples  # and the reference data's (kept apart: no joined copy of a huge document's lines)
        self.own, self.records = own, records
        self._graph, self._make_graph = graph, make_graph
        self._light = None

    @property
    def graph(self) -> Graph:
        """The document's graph and the reference data it uses (made on first use)."""
        if self._graph is None:
            self._graph = self._make_graph()
        return self._graph

    @property
    def light(self):
        """The same triples as a read-only kg.rdf.light.LightGraph of `ntriples` and `reference_ntriples` (made on
        first use, several times cheaper than `graph`); `graph` itself when it is made already or the N-Triples
        need rdflib's parser."""
        if self._light is None:
            from kg.rdf.light import LightGraph

            made = None if self._graph is not None or not self.ntriples else \
                LightGraph.from_ntriples(self.ntriples, self.reference_ntriples)
            self._light = made if made is not None else self.graph
        return self._light


def make_part(iri: URIRef, graph: Graph, steps: Sequence = (), turtle: bool = True) -> DocPart:
    """Split a document graph into its own run and shared lines, and run the build steps' map_document on it
    (with the reference data it uses added to *graph*).  Without *turtle* the part's Turtle is left to the
    caller (`add_turtle`, once the graph is gone: for a huge document the two would not fit together)."""
    from kg.extract.to_rdf import referenced_entities

    return split_part(iri, ntriples_bytes(graph), referenced_entities([graph]), steps, turtle, make_graph=lambda: graph)


def split_part(iri: URIRef, nt: bytes, refs, steps: Sequence = (), turtle: bool = True, *,
               make_graph: Callable[[], Graph] | None = None, records: tuple | None = None) -> DocPart:
    """make_part from a document's sorted N-Triples *nt* and the reference entities *refs* it uses; the steps'
    view makes the document's graph with *make_graph* (default: parsing *nt*) only if a step asks for it."""
    from kg.extract.to_ntriples import reference_ntriples
    from kg.extract.to_rdf import reference_subgraph

    lines = nt.split(b"\n")[:-1]
    prefix = b"<" + str(iri).encode()
    lo, hi = bisect.bisect_left(lines, prefix), bisect.bisect_left(lines, prefix + b"\xff")
    start = sum(map(len, lines[:lo])) + lo  # each line and its line break
    end = start + sum(map(len, lines[lo:hi])) + hi - lo
    shared = b"".join(canonical_lines(nt[:start] + nt[end:]))
    head = b"".join(x + b"\n" for x in lines[lo:hi] if x.startswith(prefix + b"> "))
    del lines  # a huge document's lines: not kept while the steps run
    refs = tuple(sorted(str(r) for r in refs))
    scope = str(iri)
    under = scope + "/"
    owns = lambda term: isinstance(term, URIRef) and (str.startswith(term, under) or str.__eq__(term, scope))  # noqa: E731
    key = str(iri).rsplit("/", 1)[-1]
    ttl = turtle_body(nt, start, end) if turtle else None
    extras = {}
    if steps:
        def graph() -> Graph:  # the steps see the reference data too
            g = make_graph() if make_graph is not None else parse_ntriples(nt)
            g += reference_subgraph(URIRef(r) for r in refs)
            return g

        view = DocumentView(iri, None, owns, nt, reference_ntriples(URIRef(r) for r in refs), own=(start, end),
                            records=records, make_graph=graph)
        for step in steps:
            found = step.map_document(view)
            if found is not None:
                extras[step.name] = found
    return DocPart(key, str(iri), (start, end), shared, head, refs, hi - lo, extras, nt=nt, ttl=ttl)


def add_turtle(part: DocPart) -> DocPart:
    """Give a part made without its Turtle (make_part(turtle=False)) the Turtle of its own triples."""
    if part.ttl is None:
        part.ttl = turtle_body(part.nt, *part.own)
    return part


class Corpus:
    """The documents' parts, in key order, with the shared graph merged across them."""

    def __init__(self, parts: list[DocPart], cache_dir: Path | None = None):
        self.parts = sorted(parts, key=lambda p: p.key)
        self.cache_dir = cache_dir  # the build's cache folder, where steps may keep what they computed (None: --no-cache)
        self._fixed = _one_label_per_language(self.parts)

    def part_shared(self, part: DocPart) -> list[bytes]:
        """A document's shared lines after the corpus-wide label fix."""
        return self._fixed.get(part.key) or part.shared.splitlines(keepends=True)

    @cached_property
    def reference_lines(self) -> list[bytes]:
        """The reference data the documents use, as sorted N-Triples lines."""
        from kg.extract.to_ntriples import reference_ntriples

        return canonical_lines(reference_ntriples({URIRef(r) for p in self.parts for r in p.refs}))

    @cached_property
    def shared_lines(self) -> list[bytes]:
        """Every shared line of every document and the reference lines, sorted, once each."""
        lines = set(self.reference_lines)
        for part in self.parts:
            lines.update(self.part_shared(part))
        return sorted(lines)

    @cached_property
    def shared_graph(self) -> Graph:
        """The shared lines as a graph: entities, their names and relations, the reference data used."""
        return parse_ntriples(b"".join(self.shared_lines))

    @property
    def triples(self) -> int:
        """Triples in the union of all graphs (kg.ttl)."""
        return sum(p.own_triples for p in self.parts) + len(self.shared_lines)

    def graph_triples(self, part: DocPart) -> int:
        """Triples in a document's named graph."""
        return part.own_triples + len(self.part_shared(part))

    def extras(self, step: str) -> Iterator:
        """What the step's map_document returned for each document, in key order, read one at a time."""
        return (p.extra(step) for p in self.parts)

    def graph_chunks(self) -> Iterator[tuple[str, bytes]]:
        """Each named graph (name, sorted N-Triples): the documents in key order, then the reference data."""
        for part in self.parts:
            shared = self.part_shared(part)
            cut = bisect.bisect_left(shared, b"<" + part.iri.encode())
            yield part.iri, b"".join(shared[:cut]) + part.own_bytes() + b"".join(shared[cut:])
        yield REFERENCE_GRAPH, b"".join(self.reference_lines)


def turtle_body(ntriples: bytes, start: int = 0, end: int | None = None) -> bytes:
    """Sorted N-Triples (ntriples[start:end]) as Turtle with kg.ttl's prefixes, without the lines that declare them.

    Oxigraph's serialiser writes each subject's triples together and ends them before the next subject,
    so bodies of runs with different subjects concatenate into the Turtle of the whole run.  The range is
    read in place (no copy of a huge document's lines)."""
    import pyoxigraph as ox

    source = ntriples if (start, end) == (0, None) else _Window(ntriples, start, len(ntriples) if end is None else end)
    text = ox.serialize(ox.parse(source, format=ox.RdfFormat.N_TRIPLES), format=ox.RdfFormat.TURTLE, prefixes=TURTLE_PREFIXES)
    return _split_prefixes(text)[1]


class _Window:
    """A read-only file over data[start:end], read piece by piece."""

    def __init__(self, data: bytes, start: int, end: int):
        self._view, self._at = memoryview(data)[start:end], 0

    def read(self, size: int = -1) -> bytes:
        if size is None or size < 0:
            size = len(self._view) - self._at
        piece = bytes(self._view[self._at:self._at + size])
        self._at += len(piece)
        return piece

    def readinto(self, buffer) -> int:
        piece = self.read(len(buffer))
        buffer[:len(piece)] = piece
        return len(piece)


def turtle_prefixes() -> bytes:
    """The prefix lines at the top of kg.ttl (as the serialiser writes them)."""
    import pyoxigraph as ox

    probe = ox.Triple(ox.NamedNode(f"{ID}probe"), ox.NamedNode(SKOS_PREF), ox.Literal("probe"))
    return _split_prefixes(ox.serialize([probe], format=ox.RdfFormat.TURTLE, prefixes=TURTLE_PREFIXES))[0]


def _split_prefixes(text: bytes) -> tuple[bytes, bytes]:
    at = 0
    while text.startswith(b"@prefix ", at):
        at = text.index(b"\n", at) + 1
    return text[:at], text[at:]


def write_turtle(corpus: Corpus, path: Path) -> Path:
    """Write the union graph as Turtle, subjects in sorted order: the prefixes, the shared subjects before
    the documents, each document's own Turtle (made in its worker), the remaining shared subjects."""
    cut = bisect.bisect_left(corpus.shared_lines, DOC_PREFIX)
    with atomic_open(path, "wb") as handle:
        handle.write(turtle_prefixes())
        handle.write(turtle_body(b"".join(corpus.shared_lines[:cut])))
        for part in corpus.parts:
            _append_turtle(handle, part)
        handle.write(turtle_body(b"".join(corpus.shared_lines[cut:])))
    return Path(path)


def _append_turtle(handle, part: DocPart) -> None:
    """Append the document's own Turtle: from its cache file in the kernel (os.copy_file_range; the file was
    checked against its size and SHA-256 when the part was read), else from memory."""
    if part.ttl is not None or part.ttl_path is None or not hasattr(os, "copy_file_range"):
        handle.write(part.own_turtle())
        return
    size = (part.checks or {}).get(".ttl", [None])[0]
    with open(part.ttl_path, "rb") as source:
        length = os.fstat(source.fileno()).st_size
        if size is not None and length != size:
            raise InputError(f"{part.ttl_path}: cached Turtle of {part.iri} changed during the build; run kg build again")
        nquads.copy_range(source.fileno(), handle, 0, length)


def write_nquads(corpus: Corpus, path: Path) -> Path:
    """Write every named graph as N-Quads, graph by graph in name order, each sorted (kg.build.nquads: the graphs
    the last build wrote the same way are copied from its kg.nq)."""
    return nquads.write_nquads(corpus, path)


def _one_label_per_language(parts: list[DocPart]) -> dict[str, list[bytes]]:
    """A minted entity named differently in several documents keeps one prefLabel per language.

    The smallest label (by length, then text) stays preferred everywhere; the others become altLabels.
    Returns the rewritten shared lines of the documents that change.
    """
    import pyoxigraph as ox

    labels: dict = {}
    found: dict = {}
    for part in parts:
        if SKOS_PREF.encode() not in part.shared:
            continue
        for t in ox.parse(part.shared, format=ox.RdfFormat.N_TRIPLES):
            if t.predicate.value == SKOS_PREF and isinstance(t.object, ox.Literal):
                labels.setdefault((t.subject, t.object.language), set()).add(t.object)
                found.setdefault(part.key, []).append(t)
    keep = {k: min(v, key=lambda lit: (len(lit.value), lit.value)) for k, v in labels.items() if len(v) > 1}
    fixed = {}
    for part in parts:
        changes = [t for t in found.get(part.key, ()) if (t.subject, t.object.language) in keep]
        changes = [t for t in changes if t.object != keep[(t.subject, t.object.language)]]
        if not changes:
            continue
        lines = set(part.shared.splitlines(keepends=True))
        for t in changes:
            lines.discard(f"{t} .\n".encode())
            lines.add(f"{ox.Triple(t.subject, ox.NamedNode(SKOS_ALT), t.object)} .\n".encode())
            lines.add(f"{ox.Triple(t.subject, t.predicate, keep[(t.subject, t.object.language)])} .\n".encode())
        fixed[part.key] = sorted(lines)
    return fixed
