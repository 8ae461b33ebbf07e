"""A portal loads the published files as the README says and every named query gives the rows of `kg query`.

The README's portal recipe: bulk-load the site's kg.nq into a store and query its union default graph (Oxigraph
`use_default_graph_as_union`, Fuseki `tdb2:unionDefaultGraph`), or load kg.ttl into the default graph.  Every
named query runs as is (optional parameters unbound) and with the parameters of its own `# example:` line (the
value the README and `kg query --help` show); entity names are resolved to IRIs the way `kg query` resolves
them, and the portal gets the IRI.  The sample build's site is checked the same way in tests/test_site_server.py.
"""

from __future__ import annotations

import shlex
from collections import Counter
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import BNode

from kg.access.query import bind_params, load_spec, load_store, named_queries, run_query, with_values
from kg.core.namespaces import PREFIXES
from kg.publish.export import ONTOLOGY_GRAPH, REFERENCE_GRAPH, load_dataset
from kg.publish.site import write_site

QUERIES = named_queries()


def example_params(spec) -> dict:
    """The --param KEY=VALUE pairs of a query's first `# example:` line."""
    words = shlex.split(spec.examples[0]) if spec.examples else []
    pairs = [words[i + 1] for i, word in enumerate(words[:-1]) if word == "--param"]
    return dict(pair.split("=", 1) for pair in pairs)


def portal_store(site: Path, dump: str) -> ox.Store:
    """A fresh store with one published dump loaded as the README tells a portal: kg.nq as it is (named graphs),
    kg.ttl into the default graph."""
    store = ox.Store()
    fmt = ox.RdfFormat.N_QUADS if dump.endswith(".nq") else ox.RdfFormat.TURTLE
    store.bulk_load(path=str(site / dump), format=fmt)
    return store


def rows_of(store: ox.Store, text: str) -> list[tuple]:
    """Sorted rows (term strings, '' for unbound, duplicates kept) of a query on the store's union default graph."""
    result = store.query(text, prefixes=PREFIXES, use_default_graph_as_union=True)
    return sorted(tuple("" if row[v] is None else row[v].value for v in result.variables) for row in result)


def cases() -> list:
    """(query, params) for every named query: without parameters when none is required, and with its example's."""
    out = []
    for name in QUERIES:
        spec = load_spec(name)
        if not any(p.required for p in spec.params):
            out.append(pytest.param(name, False, id=f"{name}-bare"))
        if example_params(spec):
            out.append(pytest.param(name, True, id=f"{name}-example"))
    return out


def assert_same_rows(local, portal: ox.Store, name: str, with_example: bool) -> int:
    """The query's rows through `kg query`'s store and in a portal's store are equal; return their count."""
    spec = load_spec(name)
    params = example_params(spec) if with_example else {}
    bindings = bind_params(spec, params, local)  # the IRIs `kg query` resolves the names to
    expected = sorted(tuple("" if t is None else str(t) for t in row) for row in run_query(name, local, params).rows)
    assert rows_of(portal, with_values(spec.text, bindings)) == expected, (name, params)
    return len(expected)


@pytest.fixture(scope="module")
def export_site(data_dir, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("portal") / "site"
    write_site(load_dataset(data_dir / "export" / "dataset.trig"), out)
    return out


@pytest.fixture(scope="module")
def export_local(data_dir):
    return load_store(data_dir / "export" / "dataset.trig")


@pytest.fixture(scope="module", params=["kg.nq", "kg.ttl"])
def export_portal(export_site, request) -> ox.Store:
    return portal_store(export_site, request.param)


@pytest.mark.parametrize(("name", "with_example"), cases())
def test_site_portal_named_query_rows_equal_kg_query(export_portal, export_local, name, with_example):
    assert_same_rows(export_local, export_portal, name, with_example)


def test_site_portal_dump_carries_reference_and_ontology_each_triple_once(export_site):
    """kg.nq holds the ontology and the whole reference data in their graphs, and no triple in two graphs (a
    union default graph would count it twice); kg.ttl is that union."""
    from kg.core.reference import reference_graph
    from kg.core.resources import ontology_graph

    from kg.rdf.terms import from_oxigraph

    store = portal_store(export_site, "kg.nq")
    per_graph = Counter(q.graph_name.value for q in store)
    triples = Counter((q.subject, q.predicate, q.object) for q in store)
    assert max(triples.values()) == 1
    held = {tuple(map(from_oxigraph, t)) for t in triples}
    assert not [t for t in reference_graph() if t not in held]  # the whole reference data, not the build's part
    ontology = {tuple(map(from_oxigraph, (q.subject, q.predicate, q.object))) for q in store
                if q.graph_name.value == str(ONTOLOGY_GRAPH)}
    named = [t for t in ontology_graph() if not any(isinstance(x, BNode) for x in t)]  # blank nodes are relabelled
    assert named and not [t for t in named if t not in ontology]
    assert per_graph[str(REFERENCE_GRAPH)] > 1000
    union = portal_store(export_site, "kg.ttl")
    assert len(union) == len(store) == sum(per_graph.values())
    ask = "ASK { <https://w3id.org/unodc-kg/id/country/PAK> ?p ?o }"  # a State the documents never name
    assert store.query(ask, use_default_graph_as_union=True) and union.query(ask)


def test_site_portal_every_reference_entity_in_the_dump_has_its_page(export_site):
    from kg.publish.site import page_path

    store = portal_store(export_site, "kg.nq")
    subjects = {q.subject.value for q in store if isinstance(q.subject, ox.NamedNode)}
    stems = sorted(page_path(s) for s in subjects if page_path(s))
    missing = [s for s in stems if not (export_site / (s + ".html")).is_file() or not (export_site / (s + ".ttl")).is_file()]
    assert len(stems) > 600 and not missing, missing[:5]


def test_site_portal_data_only_site_keeps_the_dataset_as_given(data_dir, tmp_path):
    dataset = load_dataset(data_dir / "export" / "dataset.trig")
    write_site(dataset, tmp_path / "site", vocabulary=False)
    store = portal_store(tmp_path / "site", "kg.nq")
    assert {q.graph_name.value for q in store} == {str(g.identifier) for g in dataset.graphs() if len(g)}
