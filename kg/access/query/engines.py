"""Running a query on either engine: rdflib (initBindings) or pyoxigraph (a VALUES block), with the data loaded
by kg.rdf.load plus the ontology and reference data; results as rdflib terms."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rdflib import BNode, Graph, Literal, URIRef

from kg.core.errors import InputError
from kg.core.namespaces import PREFIXES
from kg.core.resources import ontology_graph
from kg.access.query.spec import Param, QuerySpec, load_spec
from kg.access.query.tokens import _checked_iri, check_query_text, with_values
from kg.rdf.load import DEFAULT_DATA, read_graph, read_store
from kg.rdf.terms import from_oxigraph


def _is_store(source) -> bool:
    return type(source).__module__.startswith("pyoxigraph")


def load_graph(path=None, *, extras: bool = True, check=None) -> Graph:
    """--data (default out/kg.ttl: a file, a build folder or a store folder) as an rdflib Graph, with the
    ontology and reference data (*extras*); *check* as in kg.rdf.load."""
    graph = read_graph(path if path is not None else DEFAULT_DATA, check=check)
    if extras:
        from kg.core.reference import reference_graph

        graph += ontology_graph()
        graph += reference_graph()
    for prefix, iri in PREFIXES.items():
        graph.bind(prefix, iri, override=True, replace=True)
    return graph


def load_store(path=None, *, extras: bool = True, named_graphs: bool = False, check=None):
    """--data (default out/kg.ttl) in a pyoxigraph Store with the ontology and reference data (kg.rdf.load.read_store)."""
    return read_store(path if path is not None else DEFAULT_DATA, extras=extras, named_graphs=named_graphs, check=check)


def _one_line(exc) -> str:
    return " ".join(str(exc).split()) or type(exc).__name__


@dataclass
class QueryResult:
    """Rows of a SELECT (rdflib terms, None for unbound), the answer of an ASK, or the triples of a CONSTRUCT."""

    kind: str  # "select", "ask" or "graph"
    vars: list = field(default_factory=list)
    rows: list = field(default_factory=list)
    boolean: bool | None = None
    triples: list = field(default_factory=list)

    def dicts(self) -> list[dict]:
        """Rows as {variable: term} without the unbound ones."""
        return [{v: t for v, t in zip(self.vars, row) if t is not None} for row in self.rows]


def run_query(name_or_path, graph_or_store, params: dict | None = None) -> QueryResult:
    """Run a named query or .rq file over an rdflib Graph or a pyoxigraph Store, with its parameters bound."""
    spec = load_spec(name_or_path)
    bindings = bind_params(spec, params or {}, graph_or_store)
    return execute(spec.text, graph_or_store, bindings, where=str(spec.path or spec.name))


def bind_params(spec: QuerySpec, params: dict, source) -> dict:
    """Turn parameter values into RDF terms: resolve entity names, check required and unknown names."""
    declared = {p.name for p in spec.params}
    unknown = sorted(set(params) - declared)
    if unknown:
        names = ", ".join(sorted(declared)) or "none"
        raise InputError(f"query {spec.name!r} has no parameter {unknown[0]!r} (parameters: {names})")
    bindings = {}
    for param in spec.params:
        value = params.get(param.name)
        if value is None or (isinstance(value, str) and not value.strip()):
            if param.required:
                raise InputError(f"query {spec.name!r} needs --param {param.name}=VALUE ({param.doc or param.kind})")
            continue
        bindings[param.name] = _term_for(param, value, source)
    return bindings


def _term_for(param: Param, value, source):
    if isinstance(value, (URIRef, Literal, BNode)):
        return value
    value = str(value)
    if param.kind == "literal":
        return Literal(value)
    if param.kind == "iri":
        return _checked_iri(value, param.name)
    from kg.access.names import resolver_for

    return resolver_for(source).resolve(value, param.cls, what=param.name)


def execute(text: str, source, bindings: dict | None = None, where: str = "query") -> QueryResult:
    """Run SPARQL text over an rdflib Graph (initBindings) or a pyoxigraph Store (VALUES), as a QueryResult."""
    bindings = bindings or {}
    check_query_text(text, where)
    if _is_store(source):
        return _execute_oxigraph(text, source, bindings, where)
    return _execute_rdflib(text, source, bindings, where)


def _execute_rdflib(text, graph, bindings, where) -> QueryResult:
    from rdflib.plugins.sparql import prepareQuery

    try:
        query = prepareQuery(text, initNs=PREFIXES)
    except Exception as exc:  # pyparsing.ParseException and friends
        line, col = getattr(exc, "lineno", None), getattr(exc, "col", None)
        at = f":{line}:{col}" if line else ""
        raise InputError(f"{where}{at}: malformed SPARQL ({_parse_message(exc)})") from None
    if query.algebra.name not in ("SelectQuery", "AskQuery", "ConstructQuery", "DescribeQuery"):
        raise InputError(f"{where}: only SELECT, ASK, CONSTRUCT and DESCRIBE queries are run")
    try:
        result = graph.query(query, initBindings=bindings)
    except Exception as exc:
        raise InputError(f"{where}: query failed ({_one_line(exc)})") from None
    if result.type == "ASK":
        return QueryResult("ask", boolean=bool(result.askAnswer))
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        return QueryResult("graph", triples=sorted(result.graph))
    names = [str(v) for v in result.vars]
    return QueryResult("select", names, [tuple(row) for row in result])


def _parse_message(exc) -> str:
    msg = getattr(exc, "msg", None) or str(exc)
    return _one_line(msg.split("(at char")[0])


def _execute_oxigraph(text, store, bindings, where) -> QueryResult:
    import pyoxigraph as ox

    run_text = with_values(text, bindings) if bindings else text
    try:
        result = store.query(run_text, prefixes=PREFIXES)
    except SyntaxError as error:
        reported = error
        if run_text != text:  # report positions in the text the user wrote
            try:
                ox.Store().query(text, prefixes=PREFIXES)
            except SyntaxError as original:
                reported = original
        raise InputError(f"{where}: malformed SPARQL ({oxigraph_syntax_message(reported)})") from None
    except (OSError, RuntimeError, ValueError) as exc:
        raise InputError(f"{where}: query failed ({_one_line(exc)})") from None
    if isinstance(result, ox.QueryBoolean):
        return QueryResult("ask", boolean=bool(result))
    if isinstance(result, ox.QueryTriples):
        return QueryResult("graph", triples=sorted(
            (from_oxigraph(t.subject), from_oxigraph(t.predicate), from_oxigraph(t.object)) for t in result))
    names = [v.value for v in result.variables]
    convert = _Converted().__getitem__  # a C-level lookup per cell; each distinct term converted once
    rows = [tuple(map(convert, solution)) for solution in result]
    return QueryResult("select", names, rows)


class _Converted(dict):
    """pyoxigraph term -> rdflib term (kg.rdf.terms.from_oxigraph), each distinct term converted once: IRIs and
    values repeat down a column, and a dict lookup per cell costs a fraction of a Python call."""

    def __init__(self):
        super().__init__({None: None})

    def __missing__(self, term):
        converted = self[term] = from_oxigraph(term)
        return converted


def oxigraph_syntax_message(exc) -> str:
    """Oxigraph's 'error at 3:10: expected …' as 'line 3, column 10: expected …'."""
    message = _one_line(exc)
    match = re.match(r"error at (\d+):(\d+): (.*)", message)
    return f"line {match[1]}, column {match[2]}: {match[3]}" if match else message


def load_source(data=None, engine: str = "oxigraph", check=None):
    """The graph to query: a pyoxigraph Store (default, fast) or an rdflib Graph."""
    if engine == "rdflib":
        return load_graph(data, check=check)
    if engine == "oxigraph":
        return load_store(data, check=check)
    raise InputError(f"unknown engine {engine!r} (choose from oxigraph, rdflib)")
