"""The compiled validator: the shapes read once per process, each constraint a loop over an index of the data.

pySHACL walks the rdflib graph through its generic machinery for every focus node and constraint (0.2-0.5 s
for a sample-size document, the largest part of a build's time per document).  Here the shapes graph is
compiled once: pySHACL itself harvests the shapes and parses and checks their parameters
(pyshacl.shapes_graph.ShapesGraph and its constraint classes, so a malformed shape fails as it does there),
and each constraint becomes a check of kg.steps.validate.checks over a TripleIndex of the data.  The
SHACL-SPARQL constraints send their query, with $this bound, to the same engine._ValidationView pySHACL
queries (Oxigraph).  Results are made as pySHACL makes them (pyshacl.constraints.constraint_component
make_v_result) and assembled by pySHACL's own create_validation_report, so the report graph has the same
triples: tests/test_validate_compiled.py compares the two on the sample, synthetic documents and broken graphs.

What the compiler does not know is left to pySHACL, and logged: a shape with a constraint component without
a compiled form (sh:node, sh:property, sh:qualifiedValueShape, sh:and, sh:not, sh:xone, sh:closed,
sh:disjoint, sh:lessThanOrEquals, a custom component), a path other than a predicate, a sequence of
predicates or an inverse predicate, or a core constraint without sh:message (pySHACL writes a generic
message for it) is validated by pySHACL's own Shape.validate, in its place among the others.  Data the checks do not take (a blank node as a
focus node or value, which pySHACL copies into the report) makes the whole validation run on pySHACL.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from functools import cached_property
from itertools import chain

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF

from kg.steps.validate import checks
from kg.steps.validate.checks import NotCompiled
from kg.steps.validate.engine import SH
from kg.steps.validate.index import TripleIndex
from kg.steps.validate.sparql import compile_or, compile_sparql

log = logging.getLogger(__name__)

ALLOWED = (SH.Info, SH.Warning)  # severities that do not break conformance (pySHACL's allow_warnings)
# The terms of a result, read once (an attribute of an rdflib namespace costs microseconds).
_TYPE, _RESULT, _COMPONENT, _SOURCE_SHAPE, _SEVERITY = (RDF.type, SH.ValidationResult, SH.sourceConstraintComponent,
                                                         SH.sourceShape, SH.resultSeverity)
_FOCUS, _VALUE, _PATH, _MESSAGE, _SOURCE_CONSTRAINT = (SH.focusNode, SH.value, SH.resultPath, SH.resultMessage,
                                                       SH.sourceConstraint)

COMPILERS = {
    "ClassConstraintComponent": checks.compile_class,
    "DatatypeConstraintComponent": checks.compile_datatype,
    "NodeKindConstraintComponent": checks.compile_node_kind,
    "MinCountConstraintComponent": checks.compile_min_count,
    "MaxCountConstraintComponent": checks.compile_max_count,
    "MinExclusiveConstraintComponent": checks.compile_min_exclusive,
    "MinInclusiveConstraintComponent": checks.compile_min_inclusive,
    "MaxExclusiveConstraintComponent": checks.compile_max_exclusive,
    "MaxInclusiveConstraintComponent": checks.compile_max_inclusive,
    "MinLengthConstraintComponent": checks.compile_min_length,
    "MaxLengthConstraintComponent": checks.compile_max_length,
    "PatternConstraintComponent": checks.compile_pattern,
    "LanguageInConstraintComponent": checks.compile_language_in,
    "UniqueLangConstraintComponent": checks.compile_unique_lang,
    "EqualsConstraintComponent": checks.compile_equals,
    "LessThanConstraintComponent": checks.compile_less_than,
    "InConstraintComponent": checks.compile_in,
    "HasValueConstraintComponent": checks.compile_has_value,
    "OrConstraintComponent": compile_or,
    "SPARQLConstraintComponent": compile_sparql,
}


@dataclass
class CompiledShape:
    """One shape: its targets, its path and its checks (component IRI, check)."""

    shape: object  # pyshacl.shape.Shape
    path: object  # None (node shape), a predicate, ("seq", predicates) or ("inverse", predicate)
    checks: list = field(default_factory=list)
    generic: list = field(default_factory=list)  # core components that would report pySHACL's generic message

    @property
    def node(self):
        """The shape's IRI (or blank node)."""
        return self.shape.node

    @cached_property
    def targets(self) -> tuple:
        """(nodes, classes, objects_of, subjects_of) of its target declarations (classes: implicit ones too)."""
        nodes, classes, implicit, objects_of, subjects_of = self.shape.target()
        return list(nodes), list(chain(classes, implicit)), list(objects_of), list(subjects_of)

    def focus_nodes(self, index: TripleIndex) -> set:
        """The focus nodes its targets select (pySHACL's Shape.focus_nodes)."""
        nodes, classes, objects_of, subjects_of = self.targets
        found = set(nodes)
        for cls in classes:
            found.update(index.members(cls))
        for prop in subjects_of:
            found.update(index.subjects_of(prop))
        for prop in objects_of:
            found.update(index.objects_of(prop))
        return found

    def value_nodes(self, index: TripleIndex, focus) -> dict:
        """Each focus node's value nodes: itself for a node shape, else the objects along the path."""
        path = self.path
        if path is None:
            return {f: (f,) for f in focus}
        if isinstance(path, URIRef):
            column = index.column(path)
            return {f: column.get(f, ()) for f in focus}
        kind, steps = path
        if kind == "inverse":
            return {f: set(index.subjects_with(steps, f)) for f in focus}
        columns = [index.column(step) for step in steps]
        out = {}
        for f in focus:
            nodes = {f}
            for column in columns:
                nodes = {o for n in nodes for o in column.get(n, ())}
            out[f] = nodes
        return out

    def hits(self, ctx, focus) -> list:
        """(component, hit) for every failure of the focus nodes."""
        if self.shape.deactivated:
            return []
        values = self.value_nodes(ctx.index, focus)
        return [(component, hit) for component, check in self.checks for hit in check(ctx, values)]

    def conforms(self, ctx, node) -> bool:
        """Whether *node* conforms to this shape (a shape in sh:or; pySHACL's Shape.validate with focus)."""
        return not self.hits(ctx, [node]) or self.shape.severity in ALLOWED


class Program:
    """The compiled shapes of one shapes graph, and those left to pySHACL."""

    def __init__(self, shapes: Graph):
        from pyshacl.shapes_graph import ShapesGraph

        self.sg = ShapesGraph(shapes)
        self.compiled: dict = {}  # shape node -> CompiledShape
        self._compiling: set = set()
        self.top: list = []  # the shapes with targets, in pySHACL's order: a CompiledShape, or pySHACL's Shape
        self.fallback: list = []  # nodes of the shapes pySHACL validates
        for shape in self.sg.shapes:
            if not any(any(True for _ in t) for t in shape.target()):
                continue  # no focus nodes of its own (a shape in sh:or is compiled where it is used)
            try:
                compiled = self.shape(shape.node)
                if compiled.generic:
                    raise NotCompiled(f"{', '.join(compiled.generic)} without sh:message (pySHACL writes a generic one)")
            except NotCompiled as reason:
                log.warning("shape %s is validated by pySHACL, not compiled: %s", shape.node, reason)
                self.fallback.append(shape.node)
                self.top.append(shape)
                continue
            self.top.append(compiled)

    def shape(self, node) -> CompiledShape:
        """The compiled form of the shape at *node* (compiled on first use: sh:or refers to shapes)."""
        if node not in self.compiled:
            if node in self._compiling:
                raise NotCompiled(f"shape {node} refers to itself")
            try:
                shape = self.sg.lookup_shape_from_node(node)
            except KeyError as error:
                raise NotCompiled(f"{node} is not a shape") from error
            self._compiling.add(node)
            try:
                self.compiled[node] = _compile(self, shape)
            finally:
                self._compiling.discard(node)
        return self.compiled[node]


def _compile(program: Program, shape) -> CompiledShape:
    from pyshacl.constraints import CONSTRAINT_PARAMETERS_MAP
    from pyshacl.errors import ConstraintLoadError, ConstraintLoadWarning

    compiled = CompiledShape(shape, _path(program.sg.graph, shape.path()) if shape.is_property_shape else None)
    if shape.deactivated:
        return compiled
    if shape.find_custom_constraints():
        raise NotCompiled("a custom constraint component")
    components = []
    for p, _ in program.sg.predicate_objects(shape.node):
        component = CONSTRAINT_PARAMETERS_MAP.get(p)
        if component is not None and component not in components:
            components.append(component)
    for component in components:
        name = component.constraint_name()
        if name not in COMPILERS:
            raise NotCompiled(f"no compiled form of {name}")
        if name != "SPARQLConstraintComponent" and not any(True for _ in shape.message):
            compiled.generic.append(name)
        try:
            constraint = component(shape)
        except (ConstraintLoadError, ConstraintLoadWarning) as error:
            raise NotCompiled(f"{name}: {error}") from error
        make = COMPILERS[name]
        compiled.checks.append((constraint, make(constraint, shape, program) if make is compile_or else make(constraint, shape)))
    return compiled


def _path(sg: Graph, path):
    """A predicate, ("seq", predicates) or ("inverse", predicate); NotCompiled for other SHACL paths."""
    if isinstance(path, URIRef):
        return path
    items = list(sg.items(path)) if (path, RDF.first, None) in sg else []
    if len(items) >= 2 and all(isinstance(i, URIRef) for i in items):
        return ("seq", tuple(items))
    inverse = list(sg.objects(path, SH.inversePath))
    if len(inverse) == 1 and isinstance(inverse[0], URIRef) and len(set(sg.predicates(path))) == 1:
        return ("inverse", inverse[0])
    raise NotCompiled(f"a property path the compiler does not know: {path}")


_PROGRAMS: dict = {}


def program_for(shapes: Graph) -> Program:
    """The compiled program of a shapes graph, compiled once per process (and again if the graph grew)."""
    key = id(shapes)
    cached = _PROGRAMS.get(key)
    if cached is None or cached[0] is not shapes or cached[1] != len(shapes):
        program = Program(shapes)  # pySHACL's ShapesGraph adds two system triples to the graph: count after it
        cached = _PROGRAMS[key] = (shapes, len(shapes), program)
        while len(_PROGRAMS) > 8:
            del _PROGRAMS[next(iter(_PROGRAMS))]
    return cached[2]


@dataclass
class Context:
    """What the checks read: the index of the data and the view pySHACL would query."""

    index: TripleIndex
    view: Graph


def run_compiled(program: Program, view, axioms, keep=None) -> tuple[bool, Graph]:
    """Validate the view's data: (conforms, SHACL report graph), the report as pySHACL makes it; with *keep*, only
    the focus nodes for which keep(node) is true (each focus node's results do not depend on the others)."""
    from pyshacl.validator import Validator

    if program.fallback and not isinstance(view, Graph):
        raise NotCompiled("shapes left to pySHACL need an rdflib graph")
    ctx = Context(TripleIndex(view, axioms), view)
    results, conforms = [], True
    for compiled in program.top:
        if isinstance(compiled, CompiledShape):
            focus = compiled.focus_nodes(ctx.index)
            if keep is not None:
                focus = [f for f in focus if keep(f)]
            for constraint, hit in compiled.hits(ctx, list(focus)) if focus else ():
                results.append(_result(program, compiled, constraint, hit, view))
                conforms = conforms and compiled.shape.severity in ALLOWED
        else:  # a shape left to pySHACL: its own validation, as pySHACL's Validator.run calls it
            shape_conforms, reports = compiled.validate(_executor(), _data_graph(view))
            results.extend(reports)
            conforms = conforms and shape_conforms
    report, _ = Validator.create_validation_report(program.sg, conforms, results)
    return conforms, report


def _executor():
    from pyshacl.pytypes import SHACLExecutor

    return SHACLExecutor(allow_warnings=True)


def _data_graph(view):
    from pyshacl.graph_abstraction import DataGraph

    return DataGraph.from_rdflib(view)


def _result(program: Program, compiled: CompiledShape, constraint, hit, data):
    """One validation result as pySHACL's make_v_result writes it: (description, node, triples)."""
    focus, value, path, sparql = hit
    if isinstance(focus, BNode) or isinstance(value, BNode):
        raise NotCompiled("a blank node as focus node or value (pySHACL copies its description)")
    sg, shape = program.sg.graph, compiled.shape
    r = BNode()
    triples = [
        (r, _TYPE, _RESULT),
        (r, _COMPONENT, (sg, constraint.shacl_constraint_component)),
        (r, _SOURCE_SHAPE, (sg, shape.node)),
        (r, _SEVERITY, shape.severity),
        (r, _FOCUS, (data, focus)),
    ]
    if value is not None:
        triples.append((r, _VALUE, (data, value)))
    if path is None and shape.is_property_shape:
        path = shape.path()
    if path is not None:
        triples.append((r, _PATH, (sg, path)))
    messages = list(shape.message)
    if sparql is None:
        triples.extend((r, _MESSAGE, m) for m in messages)
        return "", r, triples
    source, extra_messages, bound = sparql
    triples.append((r, _SOURCE_CONSTRAINT, (sg, source)))
    for m in extra_messages or ():
        if m not in messages:
            triples.append((r, _MESSAGE, _formatted(constraint, m, bound)))
    triples.extend((r, _MESSAGE, _formatted(constraint, m, bound)) for m in messages)
    return "", r, triples


def _formatted(constraint, message, bound):
    """A SHACL-SPARQL message with {?var} filled in (pySHACL drops its language tag; run.py gives it back)."""
    if bound is None or not isinstance(message, Literal):
        return message
    return Literal(constraint._format_sparql_based_result_message(str(message.value), bound))
