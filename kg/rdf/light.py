"""A read-only triple table read from N-Triples, with the read methods of an rdflib Graph, at a fraction of the cost.

A build worker has a document's triples as sorted N-Triples (kg.extract.to_ntriples) and its build steps only
read them.  Building an rdflib Graph of them (`Graph.add` per triple, the Memory store's context bookkeeping)
cost more than validating it.  `LightGraph.from_ntriples` indexes the lines as rdflib's Memory store does,
subject -> predicate -> objects and predicate -> object -> subjects (insertion-ordered dictionaries, here in
line order), with each distinct term made once (kg.rdf.ntterms), and answers `triples`, `value`, `objects`,
`subjects`, `predicates`, `subject_objects`, `predicate_objects`, `in`, `len` and iteration as rdflib does.
`to_graph()` gives the rdflib Graph for a reader that needs one.  Lines are expected in rdflib's N-Triples
form without blank nodes; `from_ntriples` returns None for anything else (the caller parses it with rdflib).
"""

from __future__ import annotations

from rdflib import Graph

from kg.core.namespaces import ID
from kg.rdf.ntterms import Terms

_EMPTY: dict = {}
_DOCUMENTS = f"<{ID}doc/".encode()  # IRIs of one document (its paragraphs, mentions...): not kept across documents
_SHARED: list = []  # the Terms of this process (kg.rdf.ntterms): terms recur across documents
_SHARED_LIMIT = 100_000  # distinct terms kept, then the table starts again (a worker reads documents for hours)


def _shared_terms() -> Terms:
    """The terms read so far in this process: offsets, labels of the reference data, vocabulary IRIs recur in
    every document (a third of a document's distinct terms were in an earlier one), and an rdflib Literal
    is costly to make."""
    if not _SHARED or len(_SHARED[0]._terms) > _SHARED_LIMIT:
        _SHARED[:] = [Terms()]
    return _SHARED[0]


class LightGraph:
    """Triples indexed by subject and by predicate, read-only once made (see the module docstring)."""

    def __init__(self):
        self.spo: dict = {}  # subject -> predicate -> {object: 1}, as rdflib's Memory store
        self.pos: dict = {}  # predicate -> object -> {subject: 1}
        self._len = 0

    @classmethod
    def from_ntriples(cls, *pieces: bytes) -> LightGraph | None:
        """The triples of N-Triples *pieces* in rdflib's form; None when a line has a blank node or is not a
        plain triple line (then rdflib must parse it)."""
        graph, shared, own = cls(), _shared_terms()._terms, Terms()

        def term(text: bytes, make=own.term, shared=shared):
            found = shared.get(text)
            if found is None:
                found = make(text)
                if len(text) < 64 and not text.startswith(_DOCUMENTS):  # a term other documents may have
                    shared[text] = found
            return found

        spo, pos, count, get = graph.spo, graph.pos, 0, shared.get
        last_s = last_p = None  # sorted lines: a subject's lines, and a predicate's under it, come together
        for piece in pieces:
            for line in piece.split(b"\n"):
                if not line or line[:1] == b"#":
                    continue
                if line[:1] != b"<" or not line.endswith(b" ."):
                    return None
                sb, pb, ob = line[:-2].split(b" ", 2)
                if pb[:1] != b"<" or ob[:1] not in (b"<", b'"'):
                    return None
                if sb != last_s:
                    s = term(sb)
                    by_p, last_s, last_p = spo.setdefault(s, {}), sb, None
                if pb != last_p:
                    p = term(pb)
                    objects, last_p = by_p.setdefault(p, {}), pb
                    by_o = pos.setdefault(p, {})  # (a triple already added has put p there: same keys, same order)
                o = get(ob)
                if o is None:
                    o = term(ob)
                known = len(objects)
                objects.setdefault(o, 1)  # add(), inline, hashing o once: a document has thousands of lines
                if len(objects) != known:
                    by_o.setdefault(o, {})[s] = 1
                    count += 1
        graph._len = count
        return graph

    def add(self, triple) -> None:
        """Add one triple (kept once)."""
        s, p, o = triple
        objects = self.spo.setdefault(s, {}).setdefault(p, {})
        if o in objects:
            return
        objects[o] = 1
        self.pos.setdefault(p, {}).setdefault(o, {})[s] = 1
        self._len += 1

    def __len__(self) -> int:
        return self._len

    def __iter__(self):
        return self.triples((None, None, None))

    def __contains__(self, triple) -> bool:
        for _ in self.triples(triple):
            return True
        return False

    def triples(self, pattern):
        """The triples matching (s, p, o), None a wildcard."""
        s, p, o = pattern
        if s is not None:
            by_p = self.spo.get(s, _EMPTY)
            for pred in (p,) if p is not None else list(by_p):
                objects = by_p.get(pred, _EMPTY)
                if o is not None:
                    if o in objects:
                        yield s, pred, o
                else:
                    for obj in list(objects):
                        yield s, pred, obj
        elif p is not None:
            by_o = self.pos.get(p, _EMPTY)
            for obj in (o,) if o is not None else list(by_o):
                for subj in list(by_o.get(obj, _EMPTY)):
                    yield subj, p, obj
        else:
            for subj, by_p in list(self.spo.items()):
                for pred, objects in list(by_p.items()):
                    if o is None:
                        for obj in list(objects):
                            yield subj, pred, obj
                    elif o in objects:
                        yield subj, pred, o

    def value(self, subject=None, predicate=None, object=None, default=None, any=True):  # noqa: A002 - rdflib's names
        """The first missing term of one matching triple (rdflib's Graph.value with any=True), or *default*."""
        for s, p, o in self.triples((subject, predicate, object)):
            return s if subject is None else p if predicate is None else o
        return default

    def objects(self, subject=None, predicate=None, unique: bool = False):
        """Objects of (subject, predicate, ?)."""
        if subject is not None and predicate is not None:
            return iter(list(self.spo.get(subject, _EMPTY).get(predicate, _EMPTY)))
        return self._distinct((o for _, _, o in self.triples((subject, predicate, None))), unique)

    def subjects(self, predicate=None, object=None, unique: bool = False):  # noqa: A002 - rdflib's names
        """Subjects of (?, predicate, object)."""
        if predicate is not None and object is not None:
            return iter(list(self.pos.get(predicate, _EMPTY).get(object, _EMPTY)))
        return self._distinct((s for s, _, _ in self.triples((None, predicate, object))), unique)

    def predicates(self, subject=None, object=None, unique: bool = False):  # noqa: A002 - rdflib's names
        """Predicates of (subject, ?, object)."""
        return self._distinct((p for _, p, _ in self.triples((subject, None, object))), unique)

    def subject_objects(self, predicate=None, unique: bool = False):
        """(subject, object) of the triples with *predicate*."""
        return self._distinct(((s, o) for s, _, o in self.triples((None, predicate, None))), unique)

    def predicate_objects(self, subject=None, unique: bool = False):
        """(predicate, object) of the triples of *subject*."""
        return self._distinct(((p, o) for _, p, o in self.triples((subject, None, None))), unique)

    @staticmethod
    def _distinct(items, unique: bool):
        if not unique:
            return items
        seen: set = set()
        return (x for x in items if not (x in seen or seen.add(x)))

    def to_graph(self) -> Graph:
        """The same triples as an rdflib Graph (in this table's order)."""
        graph = Graph()
        for triple in self:
            graph.add(triple)
        return graph
