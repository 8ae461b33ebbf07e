"""The compiled validator (kg.steps.validate.compiled) against pySHACL: the same report on every graph.

Differential tests: the sample's built graph, the documents of a synthetic corpus as the build validates
them, every case of tests/data/shapes/cases.toml, and one broken graph (at least) per constraint component of
ontology/shapes.ttl (tests/data/shapes/kinds.toml), where the compiled check of that component must find the
violation and find none on base.ttl.  "The same report" is byte for byte: the SHACL report as Turtle, the
readable report in both languages and the JSON report.
"""

from __future__ import annotations

import logging
import tomllib
from collections import Counter
from pathlib import Path

import pytest
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF
from rdflib.plugins.stores.memory import Memory

from kg.steps.validate import class_hierarchy, render_json, render_text, shapes_graph, validate
from kg.steps.validate.compiled import Program, run_compiled
from kg.steps.validate.engine import _ValidationView
from kg.steps.validate.index import TripleIndex

CASES_DIR = Path(__file__).resolve().parent / "data" / "shapes"
BASE = CASES_DIR / "base.ttl"
CASES = tomllib.loads((CASES_DIR / "cases.toml").read_text(encoding="utf-8"))["case"]
KINDS = tomllib.loads((CASES_DIR / "kinds.toml").read_text(encoding="utf-8"))["kind"]
HEADER = "\n".join(line for line in BASE.read_text(encoding="utf-8").splitlines() if line.startswith("@")) + "\n"
SH = Namespace("http://www.w3.org/ns/shacl#")
EX = Namespace("https://example.org/")


def _apply(change: dict, remove: str = "remove", add: str = "add") -> Graph:
    """base.ttl with the Turtle of change[remove] taken out and change[add] put in."""
    graph = Graph().parse(BASE, format="turtle")
    if change.get(remove):
        for triple in Graph().parse(data=HEADER + change[remove], format="turtle"):
            assert triple in graph, f"{change['name']}: removes a triple base.ttl does not have: {triple}"
            graph.remove(triple)
    if change.get(add):
        graph += Graph().parse(data=HEADER + change[add], format="turtle")
    return graph


def assert_same_report(graph: Graph, shapes: Graph | None = None, ntriples=None):
    """Validate with pySHACL and compiled; every rendering of the two reports must be equal.  The compiled one."""
    expected = validate(graph, shapes=shapes, ntriples=ntriples)
    compiled = validate(graph, shapes=shapes, ntriples=ntriples, engine="compiled")
    assert compiled.turtle().decode() == expected.turtle().decode()
    for lang in ("en", "zh"):
        assert render_text(compiled, lang) == render_text(expected, lang)
        assert render_json(compiled, lang) == render_json(expected, lang)
    assert (compiled.conforms, compiled.shapes, compiled.triples) == (expected.conforms, expected.shapes, expected.triples)
    light = _light_report(graph, shapes)
    if light is not None:  # the same triples as the read-only table `kg build` validates (kg.rdf.light)
        assert light.turtle().decode() == expected.turtle().decode()
        for lang in ("en", "zh"):
            assert render_text(light, lang) == render_text(expected, lang)
            assert render_json(light, lang) == render_json(expected, lang)
        assert (light.conforms, light.shapes, light.triples) == (expected.conforms, expected.shapes, expected.triples)
    return compiled


def _light_report(graph: Graph, shapes: Graph | None):
    """The compiled report of a LightGraph of *graph*'s sorted N-Triples (None when it has blank nodes)."""
    from kg.rdf.light import LightGraph
    from kg.rdf.serialize import ntriples_bytes

    nt = ntriples_bytes(graph)
    table = LightGraph.from_ntriples(nt)
    return None if table is None else validate(table, shapes=shapes, ntriples=nt, engine="compiled")


def _component_hits(graph: Graph) -> tuple[Counter, Counter]:
    """(hits, runs) per constraint component of the compiled checks, nested shapes (in sh:or) included: how
    many failures each found on *graph* and on how many focus nodes it ran."""
    program = Program(shapes_graph())
    hits, runs = Counter(), Counter()

    def counted(name, check):
        def run(ctx, focus_values):
            found = check(ctx, focus_values)
            hits[name] += len(found)
            runs[name] += len(focus_values)
            return found

        return run

    for compiled in program.compiled.values():
        compiled.checks = [(c, counted(c.constraint_name(), check)) for c, check in compiled.checks]
    view = _ValidationView(graph, class_hierarchy())
    run_compiled(program, view, view.axioms)
    return hits, runs



def _used_components() -> set[str]:
    program = Program(shapes_graph())
    return {c.constraint_name() for compiled in program.compiled.values() for c, _ in compiled.checks}


def test_compiled_base_graph_same_as_pyshacl():
    assert assert_same_report(Graph().parse(BASE, format="turtle")).conforms


def test_compiled_sample_graph_same_as_pyshacl(sample_graph):
    """The sample's built graph (kg.ttl), validated whole."""
    assert assert_same_report(sample_graph).conforms


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_compiled_case_same_as_pyshacl(case):
    assert_same_report(_apply(case))


@pytest.mark.filterwarnings("ignore:Serializing weird numerical")  # the ill-typed decimal case, on purpose
@pytest.mark.parametrize("kind", KINDS, ids=[k["name"] for k in KINDS])
def test_compiled_constraint_kind(kind):
    """The broken graph: the same report as pySHACL, a failing one, and the component's compiled check finds a
    violation; its near variant (just inside the constraint): the same report, an empty one, and the check ran."""
    component = kind["component"]
    broken = _apply(kind)
    assert assert_same_report(broken).groups
    hits, _ = _component_hits(broken)
    assert hits[component] > 0, f"the compiled {component} found nothing"
    if kind.get("near_remove") or kind.get("near_add"):
        near = _apply(kind, "near_remove", "near_add")
        assert not assert_same_report(near).groups
        assert _component_hits(near)[1][component] > 0


def test_compiled_every_component_checks_base_without_a_violation():
    """On base.ttl every compiled check of the shapes looks at value nodes, and only checks of sh:or
    alternatives fail (where another alternative holds): the report is empty."""
    graph = Graph().parse(BASE, format="turtle")
    hits, runs = _component_hits(graph)
    assert not assert_same_report(graph).groups
    assert {name for name in _used_components() if runs[name] == 0} == set()
    assert set(+hits) <= {"ClassConstraintComponent", "HasValueConstraintComponent", "MinCountConstraintComponent"}


def test_compiled_kinds_cover_every_component_of_the_shapes():
    """kinds.toml has a broken graph for every constraint component ontology/shapes.ttl uses, and the shapes
    need no pySHACL fallback."""
    assert {k["component"] for k in KINDS} == _used_components()
    assert len({k["name"] for k in KINDS}) == len(KINDS)
    assert Program(shapes_graph()).fallback == []


@pytest.mark.slow
def test_compiled_synthetic_documents_same_as_pyshacl(tmp_path):
    """Documents of a synthetic corpus (one Chinese, one English), validated as `kg build` validates them: the
    document graph with the reference data it uses, the SHACL-SPARQL checks on its N-Triples."""
    from bench.synth import make_corpus
    from kg.build.executors import process_document
    from kg.build.run import read_documents
    from kg.build.steps import BuildStep
    from kg.steps.validate import STEP, restrict

    views = []

    class Keep(BuildStep):
        name = "keep"

        def map_document(self, view):
            views.append(view)

    for doc in read_documents(make_corpus(tmp_path, 2, lang="mix")):
        process_document(doc, [Keep()])
    assert len(views) == 2
    for view in views:
        pieces = (view.ntriples, view.reference_ntriples)
        report = assert_same_report(view.graph, ntriples=pieces)
        assert report.triples > 1000
        mine = STEP.map_document(view)
        theirs = restrict(validate(view.graph, ntriples=pieces), view.owns)
        assert mine.turtle() == theirs.turtle() and render_text(mine) == render_text(theirs)


UNCOMPILED_SHAPES = """
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix ex: <https://example.org/> .
ex:Qualified a sh:PropertyShape ; sh:targetClass ex:Thing ; sh:path ex:part ;
    sh:qualifiedValueShape [ sh:class ex:Part ] ; sh:qualifiedMinCount 1 ; sh:message "a part is a Part"@en .
ex:Nested a sh:NodeShape ; sh:targetClass ex:Thing ;
    sh:property [ sh:path ex:name ; sh:minCount 1 ] .
ex:Generic a sh:PropertyShape ; sh:targetClass ex:Thing ; sh:path ex:size ; sh:maxCount 1 .
ex:Alternative a sh:PropertyShape ; sh:targetClass ex:Thing ; sh:path [ sh:alternativePath ( ex:a ex:b ) ] ;
    sh:minCount 1 ; sh:message "an a or a b"@en .
ex:Compiled a sh:PropertyShape ; sh:targetClass ex:Thing ; sh:path ex:label ; sh:minCount 1 ;
    sh:message "a label"@en .
ex:Untargeted a sh:NodeShape ; sh:node ex:Compiled .
"""


def test_compiled_falls_back_to_pyshacl_for_what_it_does_not_know(caplog):
    """A shape with a component, a path or a message the compiler does not know is validated by pySHACL
    (logged, never skipped); the report is the same as pySHACL's."""
    shapes = Graph().parse(data=UNCOMPILED_SHAPES, format="turtle")
    with caplog.at_level(logging.WARNING, logger="kg.steps.validate.compiled"):
        program = Program(shapes)
    assert sorted(str(n) for n in program.fallback) == [str(EX[n]) for n in ("Alternative", "Generic", "Nested", "Qualified")]
    assert [str(c.node) for c in program.top if c.node not in program.fallback] == [str(EX.Compiled)]
    for name in ("Alternative", "Generic", "Nested", "Qualified"):
        assert any(str(EX[name]) in r.getMessage() for r in caplog.records)
    data = Graph()
    for thing in (EX.t1, EX.t2):
        data.add((thing, RDF.type, EX.Thing))
        data.add((thing, EX.part, EX.p))
    data.add((EX.t1, EX.size, Literal(1)))
    data.add((EX.t1, EX.size, Literal(2)))
    data.add((EX.t2, EX.label, Literal("two")))
    report = assert_same_report(data, shapes=shapes)
    names = Counter(str(g.shape).removeprefix(str(EX)) for g in report.groups for _ in g.failures)
    assert names["Compiled"] == 1 and names["Generic"] == 1 and names["Qualified"] == 2
    assert names["Alternative"] == 2
    nested = [g for g in report.groups if isinstance(g.shape, BNode)]  # sh:property results name the property shape
    assert len(report.groups) == 5 and len(nested) == 1 and len(nested[0].failures) == 2


def test_compiled_blank_node_values_go_to_pyshacl():
    """A blank node as a value (pySHACL copies its description into the report): the whole validation runs on
    pySHACL, with the same report."""
    graph = Graph().parse(BASE, format="turtle")
    graph.add((URIRef("https://w3id.org/unodc-kg/id/doc/0123456789abcdef/m/18-23"),
               URIRef("https://w3id.org/unodc-kg/ontology#refersTo"), BNode("someone")))
    report = assert_same_report(graph)
    assert not report.conforms


def test_compiled_index_reads_the_store_as_built_from_triples():
    """The index over an rdflib Memory store's own dictionaries answers as one built from the triples."""
    graph = Graph().parse(BASE, format="turtle")
    view = _ValidationView(graph, class_hierarchy())
    fast = TripleIndex(graph, view.axioms)
    assert fast._spo is graph.store._Memory__spo
    other = Graph(store=Memory())
    for triple in graph:
        other.add(triple)
    Graph(store=other.store, identifier=URIRef("urn:x-other")).add((EX.a, EX.b, EX.c))  # a second graph in the store
    slow = TripleIndex(other, view.axioms)
    assert slow._spo is not other.store._Memory__spo and EX.a not in slow.subjects_of(EX.b)
    nodes = {s for s in graph.subjects()} | {o for o in graph.objects() if isinstance(o, URIRef)}
    for node in nodes:
        for p in set(graph.predicates()):
            assert set(fast.objects(node, p)) == set(slow.objects(node, p)) == set(view.objects(node, p))
        for cls in set(graph.objects(None, RDF.type)):
            assert (node in fast.members(cls)) == (node in slow.members(cls))
