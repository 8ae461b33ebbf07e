"""The one table of RDF formats: name, rdflib parser and serialiser, file suffixes, media type, quads or not."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kg.core.errors import InputError


@dataclass(frozen=True)
class RdfFormat:
    """One RDF syntax as the project names it (`kg export --format NAME`) and as the libraries do."""

    name: str  # the project's name (kg export --format)
    rdflib: str  # rdflib's parser and serialiser name
    oxigraph: str  # the member of pyoxigraph.RdfFormat
    suffixes: tuple  # file suffixes, the first one written
    media_type: str
    label: str  # the name shown in messages
    quads: bool = False  # named graphs or not
    exported: bool = True  # offered by kg export

    @property
    def suffix(self) -> str:
        return self.suffixes[0]

    def oxigraph_format(self):
        """The pyoxigraph.RdfFormat of this syntax."""
        import pyoxigraph as ox

        return getattr(ox.RdfFormat, self.oxigraph)


TABLE = (
    RdfFormat("ttl", "turtle", "TURTLE", (".ttl", ".n3"), "text/turtle", "Turtle"),
    RdfFormat("nt", "nt", "N_TRIPLES", (".nt",), "application/n-triples", "N-Triples"),
    RdfFormat("nq", "nquads", "N_QUADS", (".nq",), "application/n-quads", "N-Quads", quads=True),
    RdfFormat("trig", "trig", "TRIG", (".trig",), "application/trig", "TriG", quads=True),
    RdfFormat("jsonld", "json-ld", "JSON_LD", (".jsonld", ".json"), "application/ld+json", "JSON-LD"),
    RdfFormat("xml", "xml", "RDF_XML", (".rdf", ".xml", ".owl"), "application/rdf+xml", "RDF/XML", exported=False),
)
BY_NAME = {f.name: f for f in TABLE}
BY_SUFFIX = {suffix: f for f in TABLE for suffix in f.suffixes}
BY_MEDIA_TYPE = {f.media_type: f for f in TABLE}
EXPORTED = tuple(f.name for f in TABLE if f.exported)


def by_name(name: str) -> RdfFormat:
    """The format called *name* (ttl, nt, nq, trig, jsonld, xml), or a one-line error."""
    try:
        return BY_NAME[name]
    except KeyError:
        raise InputError(f"unknown format {name!r} (expected one of {', '.join(BY_NAME)})") from None


def of_path(path: Path) -> RdfFormat:
    """The format of a file, from its suffix, or a one-line error naming the suffixes known."""
    path = Path(path)
    try:
        return BY_SUFFIX[path.suffix.lower()]
    except KeyError:
        known = ", ".join(sorted(BY_SUFFIX))
        raise InputError(f"{path}: unknown RDF file type {path.suffix or '(none)'!r} (expected one of {known})") from None
