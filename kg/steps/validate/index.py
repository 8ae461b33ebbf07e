"""The data as the compiled validator reads it: objects by subject and predicate, subjects by predicate and
object, and the class tree.

The lookups are dictionary accesses on two nested dictionaries, subject -> predicate -> objects and
predicate -> object -> subjects.  For a graph that is the whole of an rdflib in-memory store (every
document graph of a build, and every graph `validate` copies) those are the store's own indexes, read as
they are: building them again from the triples cost more than all the checks.  For any other graph they are
built from its triples.  A kg.rdf.light.LightGraph (engine.LightView) has the same two indexes.  The ontology's rdfs:subClassOf axioms the data does not state (engine._ValidationView
mixes them in) are kept beside them, so the index shows what pySHACL sees; classes follow SHACL's instance
test, rdf:type/rdfs:subClassOf*.
"""

from __future__ import annotations

from rdflib import Graph
from rdflib.namespace import RDF, RDFS

_EMPTY: dict = {}
_SUBCLASS_OF = RDFS.subClassOf
_TYPE = RDF.type


def _store_indexes(graph: Graph):
    """(spo, pos) of rdflib's Memory store when *graph* holds every triple of it, else None."""
    from rdflib.plugins.stores.memory import Memory

    store = graph.store
    spo = getattr(store, "_Memory__spo", None)
    pos = getattr(store, "_Memory__pos", None)
    if type(store) is not Memory or not isinstance(spo, dict) or not isinstance(pos, dict):
        return None
    if len(store) != Graph.__len__(graph):  # other graphs share the store: its indexes hold their triples too
        return None
    return spo, pos


def _built_indexes(triples):
    spo: dict = {}
    pos: dict = {}
    for s, p, o in triples:
        spo.setdefault(s, {}).setdefault(p, {})[o] = 1
        pos.setdefault(p, {}).setdefault(o, {})[s] = 1
    return spo, pos


class TripleIndex:
    """Objects of (subject, predicate), subjects of a predicate, instances of a class, over fixed triples."""

    def __init__(self, graph: Graph, axioms=()):
        """Index *graph* (read through Graph.triples, not a subclass's override; or an engine.LightView's table)
        and the extra *axioms*."""
        found = _store_indexes(graph) if isinstance(graph, Graph) else (graph.data.spo, graph.data.pos)
        self._spo, self._pos = found if found is not None else _built_indexes(Graph.triples(graph, (None, None, None)))
        self._extra: dict = {}  # subject -> superclasses stated by the axioms only
        for s, p, o in axioms:
            if p != _SUBCLASS_OF:
                raise ValueError(f"only rdfs:subClassOf axioms are mixed in, not {p}")
            if o not in self._spo.get(s, _EMPTY).get(p, _EMPTY):
                self._extra.setdefault(s, {})[o] = 1
        self._supers: dict = {}  # class -> itself and every class it is a subclass of
        self._down: dict | None = None  # class -> its direct subclasses
        self._members: dict = {}  # class -> nodes of that class or a subclass
        self._columns: dict = {}  # predicate -> {subject: objects}

    def objects(self, subject, predicate):
        """The objects of (subject, predicate, ?), distinct (a dictionary's keys or a list)."""
        found = self._spo.get(subject, _EMPTY).get(predicate, _EMPTY)
        if subject in self._extra and predicate == _SUBCLASS_OF:  # (rdflib's == on IRIs is a Python call: last)
            return [*found, *self._extra[subject]]
        return found

    def column(self, predicate) -> dict:
        """{subject: its objects} for one predicate: the lookup of a path step, made once per validation (a
        lookup in it costs one dictionary access, where objects() costs two and a comparison)."""
        found = self._columns.get(predicate)
        if found is None:
            found = self._columns[predicate] = {}
            for o, subjects in self._pos.get(predicate, _EMPTY).items():
                for s in subjects:
                    values = found.get(s)
                    if values is None:
                        found[s] = [o]
                    else:
                        values.append(o)
            if predicate == _SUBCLASS_OF:
                for s, supers in self._extra.items():
                    found.setdefault(s, []).extend(supers)
        return found

    def subjects_with(self, predicate, obj):
        """The subjects of (?, predicate, obj)."""
        return self._pos.get(predicate, _EMPTY).get(obj, _EMPTY).keys() | (
            {s for s, supers in self._extra.items() if obj in supers} if predicate == _SUBCLASS_OF else set())

    def subjects_of(self, predicate) -> set:
        """The subjects of triples with *predicate*."""
        found = {s for subjects in self._pos.get(predicate, _EMPTY).values() for s in subjects}
        if predicate == _SUBCLASS_OF:
            found.update(self._extra)
        return found

    def objects_of(self, predicate) -> set:
        """The objects of triples with *predicate*."""
        found = set(self._pos.get(predicate, _EMPTY))
        if predicate == _SUBCLASS_OF:
            found.update(o for supers in self._extra.values() for o in supers)
        return found

    def typed(self, cls):
        """The subjects whose rdf:type is exactly *cls*."""
        return self._pos.get(_TYPE, _EMPTY).get(cls, _EMPTY).keys()

    def superclasses(self, cls) -> set:
        """cls and every class it is an rdfs:subClassOf, transitively (pySHACL's transitive_objects)."""
        found = self._supers.get(cls)
        if found is None:
            found = self._supers[cls] = _closure(cls, lambda c: self.objects(c, _SUBCLASS_OF))
        return found

    def subclasses(self, cls) -> set:
        """cls and every class that is an rdfs:subClassOf it, transitively (pySHACL's transitive_subjects)."""
        if self._down is None:
            self._down = {}
            for sub in self.subjects_of(_SUBCLASS_OF):
                for sup in self.objects(sub, _SUBCLASS_OF):
                    self._down.setdefault(sup, []).append(sub)
        return _closure(cls, lambda c: self._down.get(c, ()))

    def members(self, cls) -> set:
        """The nodes with an rdf:type that is cls or one of its subclasses (SHACL's instances of cls)."""
        found = self._members.get(cls)
        if found is None:
            found = self._members[cls] = {node for sub in self.subclasses(cls) for node in self.typed(sub)}
        return found


def _closure(start, step) -> set:
    """start and every node reachable from it by step(node) -> nodes."""
    seen = {start}
    todo = [start]
    while todo:
        for nxt in step(todo.pop()):
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return seen
