"""Run a validation: pySHACL on the engine's view of the data, its results turned into a ValidationReport.

RDFS inference is available (``inference="rdfs"``, which validates a copy of the data with the whole
ontology mixed in) but is not the default: it adds rdf:type triples from rdfs:domain/rdfs:range, so a
relation whose object has the wrong class *becomes* an object of the right class and the range error
disappears (tests/test_validate.py shows it); it is also about 4 times slower on the sample (1.3 s against
5.9 s; bench/ has more).  `kg validate` exits 1 on a violation.
"""

from __future__ import annotations

import logging
import re
import time
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF

from kg.core.errors import InputError
from kg.core.resources import ontology_graph
from kg.rdf.load import read_graph
from kg.steps.validate.engine import SH, LightView, _ValidationView, class_hierarchy, shapes_graph
from kg.steps.validate.report import SEVERITIES, Failure, ShapeGroup, ValidationReport, canonical_results, sort_groups
from kg.steps.validate.sources import Describer, by_lang, local_name, offender, shape_labels

DEFAULT_GRAPH = Path("out") / "kg.ttl"
INFERENCE = ("none", "rdfs")
ENGINES = ("pyshacl", "compiled")

log = logging.getLogger(__name__)


def validate(data_graph: Graph, inference: str = "none", shapes: Graph | None = None,
             ntriples=None, engine: str = "pyshacl", focus=None) -> ValidationReport:
    """Validate *data_graph* against the shapes; the graph is not modified.

    inference: "none" (default) or "rdfs" (slower, and it hides range errors; see the module docstring).
    ntriples: the same triples as N-Triples (bytes, or a sequence of pieces), if the caller has them (the
    SHACL-SPARQL checks load them).
    data_graph may also be a kg.rdf.light.LightGraph of those N-Triples (what `kg build` validates): the compiled
    engine reads it as it is, anything else validates an rdflib Graph of it.
    engine: "pyshacl" (default), or "compiled" (kg.steps.validate.compiled: the same report, several times
    faster; with inference "rdfs" pySHACL runs, as the compiled checks do not infer).
    focus: when given, the compiled shapes check only the focus nodes for which focus(node) is true (a caller
    that keeps only their results, report.restrict with the same test, skips the others' checks); pySHACL
    checks every focus node.
    """
    if inference not in INFERENCE:
        raise InputError(f"unknown inference {inference!r} (choose from {', '.join(INFERENCE)})")
    if engine not in ENGINES:
        raise InputError(f"unknown validation engine {engine!r} (choose from {', '.join(ENGINES)})")
    shapes = shapes if shapes is not None else shapes_graph()
    started = time.perf_counter()
    answer = _light(data_graph, shapes, ntriples, engine, inference, focus) if not isinstance(data_graph, Graph) else None
    if answer is not None:
        return _finish(answer, data_graph, shapes, inference, started)
    if not isinstance(data_graph, Graph):  # a kg.rdf.light.LightGraph the compiled shapes could not take
        data_graph = data_graph.to_graph()
    if inference != "none":
        # inference writes into the graph it reads: work on a copy, with the whole ontology, so
        # that RDFS has the rdfs:domain/rdfs:range axioms to infer from (that is what hides errors)
        copy = Graph()
        copy += data_graph
        copy += ontology_graph()
        data_graph = copy
    elif type(data_graph) is not Graph:
        copy = Graph()  # a dataset's union is not one store: copy it into one
        copy += data_graph
        data_graph = copy
    work = _ValidationView(data_graph, class_hierarchy(), ntriples if inference == "none" else None)
    answer = _compiled(work, shapes, focus) if engine == "compiled" and inference == "none" else None
    return _finish(answer if answer is not None else _pyshacl(work, shapes, inference), data_graph, shapes, inference, started)


def _finish(answer: tuple, data_graph, shapes: Graph, inference: str, started: float) -> ValidationReport:
    conforms, results = answer
    seconds = time.perf_counter() - started
    report = _report(results, data_graph, shapes, inference)
    report.conforms = bool(conforms)
    report.seconds = seconds
    report.triples = len(data_graph)
    return report


def _light(data, shapes: Graph, ntriples, engine: str, inference: str, focus=None) -> tuple | None:
    """(conforms, report graph) of a kg.rdf.light.LightGraph by the compiled shapes, without an rdflib graph;
    None when it needs one (pySHACL, inference, no N-Triples for the SPARQL checks)."""
    if engine != "compiled" or inference != "none" or ntriples is None:
        return None
    return _compiled(LightView(data, class_hierarchy(), ntriples), shapes, focus)


def _pyshacl(work: Graph, shapes: Graph, inference: str) -> tuple:
    import pyshacl

    conforms, results, _ = pyshacl.validate(
        work,
        shacl_graph=shapes,
        inference=inference,
        allow_warnings=True,
        inplace=True,
        advanced=False,
    )
    return conforms, results


def _compiled(work, shapes: Graph, focus=None) -> tuple | None:
    """(conforms, report graph) from the compiled shapes; None when the data needs pySHACL (logged)."""
    from kg.steps.validate.compiled import NotCompiled, program_for, run_compiled

    try:
        return run_compiled(program_for(shapes), work, work.axioms, focus)
    except NotCompiled as reason:
        log.info("validated by pySHACL, not the compiled shapes: %s", reason)
        return None


def _tag_messages(results: Graph) -> None:
    """Give back the language tags pySHACL drops when it fills in a SPARQL message template."""
    for result, message in list(results.subject_objects(SH.resultMessage)):
        if isinstance(message, Literal) and not message.language:
            lang = "zh" if _CJK.search(str(message)) else "en"
            results.remove((result, SH.resultMessage, message))
            results.add((result, SH.resultMessage, Literal(str(message), lang=lang)))


_CJK = re.compile(r"[\u3400-\u9fff\uff00-\uffef]")


def _report(results: Graph, data: Graph, shapes: Graph, inference: str) -> ValidationReport:
    groups: dict[URIRef, ShapeGroup] = {}
    _tag_messages(results)
    describe = Describer(data)
    for result in results.subjects(RDF.type, SH.ValidationResult):
        shape = results.value(result, SH.sourceShape)
        severity = SEVERITIES.get(results.value(result, SH.resultSeverity), "Violation")
        if shape not in groups:
            groups[shape] = ShapeGroup(shape, severity, shape_labels(shapes, shape))
        focus = results.value(result, SH.focusNode)
        value = results.value(result, SH.value)
        path = results.value(result, SH.resultPath)
        node = offender(data, focus, value)
        messages = by_lang(results.objects(result, SH.resultMessage))
        component = results.value(result, SH.sourceConstraintComponent)
        groups[shape].failures.append(
            Failure(
                node=node,
                focus=focus,
                value=value,
                path=path,
                component=local_name(component) if component else "",
                messages=messages,
                labels=describe.labels(node),
                value_labels=describe.labels(value) if isinstance(value, URIRef) and value != node else {},
                source=describe.source(node, path if node == focus else None, value if node == focus else None),
            )
        )
    ordered = sort_groups(groups.values())
    shape_count = len(set(shapes.subjects(RDF.type, SH.NodeShape)) | set(shapes.subjects(RDF.type, SH.PropertyShape)))
    return ValidationReport(
        conforms=True,
        groups=ordered,
        results=canonical_results(results),
        triples=len(data),
        shapes=shape_count,
        inference=inference,
    )


def validate_file(path: Path, inference: str = "none", engine: str = "pyshacl") -> ValidationReport:
    """Load and validate a graph file; an empty graph is an input error (it would conform vacuously)."""
    graph = read_graph(path)
    if len(graph) == 0:
        raise InputError(f"{path}: the graph is empty (no triples); nothing to validate")
    report = validate(graph, inference=inference, engine=engine)
    report.source_name = str(path)
    return report

