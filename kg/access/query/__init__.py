"""Run the named SPARQL queries (queries/*.rq) or a query file over the graph, with rdflib or pyoxigraph.

A named query is a file `queries/<name>.rq` whose comment header gives its description, its parameters and an
example::

    # Programmes that serve a convention or any of its protocols.
    # Columns: programme, label, evidence.
    # param: convention (entity Convention, required) -- the convention, by IRI, label or abbreviation
    # example: kg query programmes-serving-convention --param convention=UNTOC

A parameter is `entity [Class]` (a user's name for an entity, resolved to one IRI by kg.access.names; the optional class
breaks ties between entities with the same name), `iri` (an IRI as given) or `literal` (a plain string).  Parameters
are bound as RDF terms, never pasted into the query text: rdflib gets them as `initBindings`; pyoxigraph gets a
`VALUES` block at the head of the WHERE clause whose terms are written by the RDF library (IRIs validated, literals
escaped).  Queries therefore use a parameter only in triple patterns or in FILTERs of the outermost group, where both
mechanisms mean the same; the golden tests run every query on both engines and compare.

Engines (for benchmarks and programs)::

    from kg.access.query import load_graph, load_store, run_query
    graph = load_graph(Path("out/kg.ttl"))      # rdflib Graph, default in-memory store, + ontology + reference data
    store = load_store(Path("out"))             # pyoxigraph Store, same triples in its default graph (any --data form)
    run_query("partners", graph)                # -> QueryResult (rows of rdflib terms)
    run_query("partners", store)                # same rows, 10-50x faster on large graphs
    run_query("evidence", store, {"entity": "UNTOC"})      # names are resolved like on the command line
    run_query(Path("my.rq"), graph, {"entity": URIRef(...)})  # rdflib terms are used as given

The package: `spec` (the .rq files and their headers), `tokens` (checks on the SPARQL text and the VALUES
block), `engines` (loading, binding, running on either engine), `render` (table, CSV, JSON, Turtle).

`run_query` takes any rdflib Graph (also Dataset / ConjunctiveGraph, or a Graph over oxrdflib's store) or a
pyoxigraph Store; results are always converted to rdflib terms.  Entity names are resolved against the labels of the
graph (cached for the last graph or store seen), so pass terms when timing queries.
"""

from __future__ import annotations

from kg.core.errors import InputError
from kg.access.query.engines import (DEFAULT_DATA, QueryResult, bind_params, execute, load_graph, load_source, load_store,
                                    oxigraph_syntax_message, run_query)
from kg.access.query.render import (FORMATS, TABLE_CELL_WIDTH, cell_text, display_width, json_term, label_map, render,
                                   to_csv, to_json, to_table, to_turtle)
from kg.access.query.spec import Param, QuerySpec, describe_queries, load_spec, named_queries, parse_header, parse_params
from kg.access.query.tokens import MAX_NESTING, check_query_text, federated, nesting_depth, sparql_literal, where_brace, with_values


def query(name_or_path, data=None, params: list[str] | None = None, fmt: str = "table", lang: str = "en",
          engine: str = "oxigraph", check=None) -> str:
    """Run a named query or .rq file over the built graph and return the formatted result (what `kg query` prints).

    *check* is applied to the data file before it is read (kg query passes the build's consistency check)."""
    spec = load_spec(name_or_path)
    if fmt not in FORMATS:
        raise InputError(f"unknown format {fmt!r} (choose from {', '.join(FORMATS)})")
    source = load_source(data, engine, check=check)
    result = run_query(spec, source, parse_params(params))
    return render(result, fmt, source, lang)


__all__ = [
    "DEFAULT_DATA",
    "FORMATS",
    "MAX_NESTING",
    "TABLE_CELL_WIDTH",
    "Param",
    "QueryResult",
    "QuerySpec",
    "bind_params",
    "cell_text",
    "check_query_text",
    "describe_queries",
    "display_width",
    "execute",
    "federated",
    "json_term",
    "label_map",
    "load_graph",
    "load_source",
    "load_spec",
    "load_store",
    "named_queries",
    "nesting_depth",
    "oxigraph_syntax_message",
    "parse_header",
    "parse_params",
    "query",
    "render",
    "run_query",
    "sparql_literal",
    "to_csv",
    "to_json",
    "to_table",
    "to_turtle",
    "where_brace",
    "with_values",
]
