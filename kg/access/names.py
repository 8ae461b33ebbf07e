"""Resolve an entity name given by a user (IRI, label, alternative label or abbreviation, any language) to its IRI.

Matching is case-insensitive, ignores title marks and quotes (《联合国打击跨国有组织犯罪公约》 = 联合国打击跨国有组织犯罪公约)
and NFKC-normalises (full-width letters).  A preferred label beats an alternative label; a class given by the query
header (`entity Convention`) breaks remaining ties.  An unknown or ambiguous name is an InputError that lists the
closest candidates.
"""

from __future__ import annotations

import difflib
import re
import unicodedata

from rdflib import Graph, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from kg.core.errors import InputError
from kg.core.namespaces import ID, UNODC

_MARKS = re.compile(r"[《》〈〉「」『』“”\"'‘’]")
_LAST: tuple = (None, None)  # (source, Resolver): the resolver of the last graph or store seen


def normalise_name(name: str) -> str:
    """Key for matching names: NFKC, title marks and quotes removed, case folded, spaces collapsed."""
    text = _MARKS.sub("", unicodedata.normalize("NFKC", name))
    return " ".join(text.casefold().split())


class Resolver:
    """Names, types and class hierarchy of the entities of one graph or store."""

    def __init__(self, labels, types, subclass):
        """Index `(iri, rank, label)` rows (rank 0 prefLabel, 1 altLabel), `(iri, class)` and `(sub, super)` pairs."""
        self.index: dict[str, dict[URIRef, int]] = {}
        self.pref: dict[URIRef, list[str]] = {}
        for iri, rank, label in labels:
            slot = self.index.setdefault(normalise_name(str(label)), {})
            slot[iri] = min(rank, slot.get(iri, rank))
            if rank == 0:
                self.pref.setdefault(iri, []).append(str(label))
        self.types: dict[URIRef, set] = {}
        for iri, cls in types:
            self.types.setdefault(iri, set()).add(cls)
        self.supers: dict[URIRef, set] = {}
        for sub, sup in subclass:
            self.supers.setdefault(sub, set()).add(sup)

    def _is_a(self, iri: URIRef, cls: URIRef) -> bool:
        seen, todo = set(), list(self.types.get(iri, ()))
        while todo:
            c = todo.pop()
            if c == cls:
                return True
            if c not in seen:
                seen.add(c)
                todo.extend(self.supers.get(c, ()))
        return False

    def describe(self, iri: URIRef) -> str:
        """`Label <IRI>` for messages."""
        labels = sorted(self.pref.get(iri, []))
        return f"{labels[0]} <{iri}>" if labels else f"<{iri}>"

    def resolve(self, name: str, cls: str | None = None, what: str = "entity") -> URIRef:
        """Return the IRI named `name`; raise InputError listing candidates when unknown or ambiguous."""
        text = str(name).strip()
        if text.startswith("<") and text.endswith(">"):
            text = text[1:-1].strip()
        if not text:
            raise InputError(f"--param {what}: empty entity name")
        if re.match(r"^https?://", text):
            iri = URIRef(text)
            if iri in self.types or iri in self.pref:
                return iri
            raise InputError(f"--param {what}: no entity with IRI <{text}> in the graph")
        if re.fullmatch(r"[a-z]+/[A-Za-z0-9._-]+(?:/[A-Za-z0-9._-]+)?", text) and URIRef(str(ID) + text) in self.types:
            return URIRef(str(ID) + text)  # id-relative form: country/AFG, convention/untoc
        key = normalise_name(text)
        matches = self.index.get(key)
        if matches:
            chosen = sorted(matches, key=lambda iri: (matches[iri], str(iri)))
            if cls:
                typed = [iri for iri in chosen if self._is_a(iri, URIRef(UNODC._NS + cls))]
                chosen = typed or chosen
            best = min(matches[iri] for iri in chosen)
            chosen = [iri for iri in chosen if matches[iri] == best]
            if len(chosen) == 1:
                return chosen[0]
            listed = "; ".join(self.describe(iri) for iri in chosen[:6])
            raise InputError(f"--param {what}: {name!r} is ambiguous, it names {len(chosen)} entities: {listed}; "
                             "give the IRI instead")
        close = difflib.get_close_matches(key, list(self.index), n=5, cutoff=0.6)
        if not close and key:
            close = sorted(k for k in self.index if key in k)[:5]
        if close:
            listed = "; ".join(f"{k!r} = {self.describe(sorted(self.index[k])[0])}" for k in close)
            raise InputError(f"--param {what}: unknown entity {name!r}; closest names: {listed}")
        raise InputError(f"--param {what}: unknown entity {name!r} (no label, abbreviation or IRI matches)")


def _graph_rows(graph: Graph):
    labels = [(s, r, o) for r, p in ((0, SKOS.prefLabel), (1, SKOS.altLabel))
              for s, o in graph.subject_objects(p) if isinstance(s, URIRef)]
    types = [(s, o) for s, o in graph.subject_objects(RDF.type) if isinstance(s, URIRef)]
    subclass = list(graph.subject_objects(RDFS.subClassOf))
    return labels, types, subclass


def _store_rows(store):
    from kg.rdf.terms import from_oxigraph

    def rows(text):
        return [tuple(from_oxigraph(sol[i]) for i in range(len(sol))) for sol in store.query(text)]

    skos = str(SKOS)
    labels = [(s, 0 if str(p) == skos + "prefLabel" else 1, o) for s, p, o in rows(
        f"SELECT ?s ?p ?o WHERE {{ VALUES ?p {{ <{skos}prefLabel> <{skos}altLabel> }} ?s ?p ?o FILTER(isIRI(?s)) }}")]
    types = rows(f"SELECT ?s ?o WHERE {{ ?s <{RDF.type}> ?o FILTER(isIRI(?s)) }}")
    subclass = rows(f"SELECT ?s ?o WHERE {{ ?s <{RDFS.subClassOf}> ?o }}")
    return labels, types, subclass


def resolver_for(source) -> Resolver:
    """The Resolver of an rdflib Graph or a pyoxigraph Store (cached for the last one seen)."""
    global _LAST
    if _LAST[0] is source:
        return _LAST[1]
    is_store = type(source).__module__.startswith("pyoxigraph")
    resolver = Resolver(*(_store_rows(source) if is_store else _graph_rows(source)))
    _LAST = (source, resolver)
    return resolver


def resolve_entity(name: str, source, cls: str | None = None) -> URIRef:
    """Return the IRI of the entity named `name` in an rdflib Graph or a pyoxigraph Store."""
    return resolver_for(source).resolve(name, cls)
