"""The validation engine: the shapes, the ontology's class tree, and the view of the data pySHACL reads.

pySHACL runs without inference on a _ValidationView: the data graph's triples plus the rdfs:subClassOf
axioms of ontology/unodc.ttl, mixed in on the fly.  Those axioms are all SHACL needs to see that a
unodc:Commission is a unodc:IntergovernmentalBody (sh:class and sh:targetClass follow
rdf:type/rdfs:subClassOf*), so nothing is inferred into the data.  The SHACL-SPARQL checks (offsets,
spans, asserted triples, symbols) are answered by Oxigraph on a copy of the data loaded once per
validation (rdflib's SPARQL engine took half of the validation time); a query Oxigraph cannot answer falls
back to rdflib, its text parsed once per process.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from rdflib import Graph, Literal, Namespace, URIRef, Variable
from rdflib.namespace import RDFS

from kg.core.resources import ontology_dir, ontology_graph

SH = Namespace("http://www.w3.org/ns/shacl#")
SHAPES_NS = Namespace("https://w3id.org/unodc-kg/shapes#")


def shapes_path() -> Path:
    """ontology/shapes.ttl, the SHACL shapes shipped with the package."""
    return ontology_dir() / "shapes.ttl"


@lru_cache(maxsize=None)
def shapes_graph() -> Graph:
    """Parse the shapes once."""
    return Graph().parse(shapes_path(), format="turtle")


@lru_cache(maxsize=None)
def class_hierarchy() -> Graph:
    """The rdfs:subClassOf axioms of the ontology: what sh:class needs to see subclasses."""
    graph = Graph()
    for sub, sup in ontology_graph().subject_objects(RDFS.subClassOf):
        graph.add((sub, RDFS.subClassOf, sup))
    return graph


class _ValidationView(Graph):
    """The data graph's triples plus the ontology's class hierarchy, without copying the data.

    It shares the data graph's store (reads only: validation runs without inference) and adds the
    rdfs:subClassOf axioms on the fly, so that sh:class and sh:targetClass see subclasses.  It also
    parses each SPARQL text once: pySHACL sends the same text for every focus node and every run.
    """

    def __init__(self, data: Graph, hierarchy: Graph, ntriples: bytes | None = None):
        super().__init__(store=data.store, identifier=data.identifier, namespace_manager=data.namespace_manager)
        self._hierarchy = hierarchy
        self._ntriples = ntriples  # the data as N-Triples, when the caller has them (saves serialising it again)
        # the axioms the data does not state itself, found once (the data does not change while it is validated)
        self._extra = {t for t in hierarchy if not any(True for _ in Graph.triples(self, t))}
        self._size = Graph.__len__(self) + len(self._extra)

    @property
    def axioms(self) -> set:
        """The rdfs:subClassOf axioms of the hierarchy the data does not state (mixed in by `triples`)."""
        return self._extra

    def triples(self, triple):  # noqa: D102 - rdflib API
        yield from Graph.triples(self, triple)
        s, p, o = triple
        if p is None or p == RDFS.subClassOf:
            for t in self._hierarchy.triples((s, RDFS.subClassOf, o)):
                if t in self._extra:
                    yield t

    def __len__(self):  # pySHACL asks often: counting the store each time took 10% of a document's validation
        return self._size

    def query(self, query_object, processor="sparql", result="sparql", initNs=None, initBindings=None,  # noqa: D102, N803
              use_store_provided=True, **kwargs):  # rdflib's API
        if isinstance(query_object, str) and (processor, result, initNs, kwargs) == ("sparql", "sparql", None, {}):
            answer = self._oxigraph_query(query_object, initBindings or {})
            if answer is not None:
                return answer
        if isinstance(query_object, str):
            query_object = _prepared_query(query_object)
        return super().query(query_object, processor, result, initNs, initBindings, use_store_provided, **kwargs)

    def _oxigraph_query(self, text: str, bindings: dict):
        """Answer a SELECT or ASK on an Oxigraph copy of the data (about 50x faster than rdflib's engine on
        the SHACL-SPARQL checks); None when Oxigraph cannot (then rdflib answers)."""
        import pyoxigraph as ox
        from rdflib.query import Result

        from kg.rdf.terms import from_oxigraph

        if any(not isinstance(v, (URIRef, Literal)) for v in bindings.values()):
            return None
        try:
            if getattr(self, "_oxigraph", None) is None:
                store = ox.Store()
                if self._ntriples is None:
                    data = Graph.serialize(self, format="nt", encoding="utf-8")
                else:
                    axioms = Graph()
                    for t in self._extra:
                        axioms.add(t)
                    data = (*_chunks(self._ntriples), axioms.serialize(format="nt", encoding="utf-8"))
                for chunk in (data,) if isinstance(data, bytes) else data:  # pieces: no joined copy of a huge graph
                    store.load(input=chunk, format=ox.RdfFormat.N_TRIPLES)  # faster than bulk_load on a document
                self._oxigraph = store
            substitutions = {ox.Variable(str(k)): _ox_term(v) for k, v in bindings.items()}
            answer = self._oxigraph.query(text, substitutions=substitutions)
        except (SyntaxError, ValueError, OSError):
            return None
        if isinstance(answer, ox.QueryBoolean):
            result = Result("ASK")
            result.askAnswer = bool(answer)
            return result
        if not isinstance(answer, ox.QuerySolutions):
            return None
        names = [v.value for v in answer.variables]
        result = Result("SELECT")
        result.vars = [Variable(n) for n in names]
        result.bindings = [
            {Variable(n): from_oxigraph(row[n]) for n in names if row[n] is not None} for row in answer
        ]
        return result


class LightView:
    """A kg.rdf.light.LightGraph seen as _ValidationView sees an rdflib graph: the ontology's class hierarchy
    mixed in (`axioms`), SPARQL answered by Oxigraph on the N-Triples the table was read from, and by rdflib
    on a Graph of the table when Oxigraph cannot answer (made then)."""

    def __init__(self, data, hierarchy: Graph, ntriples):
        self.data = data
        self._ntriples = ntriples
        self._extra = {t for t in hierarchy if t not in data}
        self._full = None

    @property
    def axioms(self) -> set:
        """The rdfs:subClassOf axioms of the hierarchy the data does not state."""
        return self._extra

    def __len__(self):
        return len(self.data) + len(self._extra)

    _oxigraph_query = _ValidationView._oxigraph_query

    def query(self, query_object, initBindings=None, **kwargs):  # noqa: N803 - rdflib's API
        """A SPARQL query with bindings, as _ValidationView.query answers it."""
        if isinstance(query_object, str) and not kwargs:
            answer = self._oxigraph_query(query_object, initBindings or {})
            if answer is not None:
                return answer
        if self._full is None:
            self._full = _ValidationView(self.data.to_graph(), class_hierarchy(), self._ntriples)
        return self._full.query(query_object, initBindings=initBindings, **kwargs)


def _ox_term(term):
    import pyoxigraph as ox

    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if term.language:
        return ox.Literal(str(term), language=term.language)
    if term.datatype:
        return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
    return ox.Literal(str(term))


@lru_cache(maxsize=256)
def _prepared_query(text: str):
    """Parse a SPARQL text once per process (a prepared query does not depend on the graph)."""
    from rdflib.plugins.sparql import prepareQuery

    return prepareQuery(text)


def _chunks(ntriples) -> tuple:
    """N-Triples given as bytes or as a sequence of byte pieces, as a tuple of pieces."""
    return (ntriples,) if isinstance(ntriples, bytes) else tuple(ntriples)
