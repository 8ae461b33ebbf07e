"""The validation report: what pySHACL found, grouped by shape, and the SHACL report graph behind it.

Severity: sh:Violation results make the graph non-conforming; sh:Warning and sh:Info results are reported
but do not (pySHACL's ``allow_warnings``).  Reports about disjoint sets of focus nodes can be cut
(`restrict`) and joined (`merge_reports`) without loss: the build validates each document in its worker
and the shared graph once, and merges the parts into what validating the whole graph gives.  The report
graph is copied with blank nodes named by content, so it serialises identically on every run.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF

from kg.core.namespaces import bind_prefixes
from kg.rdf.serialize import turtle_bytes
from kg.steps.validate.engine import SH, SHAPES_NS

SEVERITIES = {SH.Violation: "Violation", SH.Warning: "Warning", SH.Info: "Info"}
SEVERITY_ORDER = {"Violation": 0, "Warning": 1, "Info": 2}


@dataclass(frozen=True)
class Source:
    """The paragraph a failing node comes from."""

    paragraph: URIRef
    kind: str  # paragraph, footnote, heading, front, text
    number: str
    document: URIRef | None
    titles: dict  # lang -> document title
    excerpt: str


@dataclass(frozen=True)
class Failure:
    """One validation result, with the node a person should look at."""

    node: object  # the offending node: the focus node, or the mention/assertion/quantity a document-level check found
    focus: object
    value: object
    path: object
    component: str
    messages: dict  # lang -> message of this result
    labels: dict  # lang -> label of the node
    value_labels: dict  # lang -> label of the value (when it is a node)
    source: Source | None


@dataclass
class ShapeGroup:
    """The failures of one shape."""

    shape: URIRef
    severity: str
    labels: dict  # lang -> name of the shape
    failures: list[Failure] = field(default_factory=list)

    @property
    def nodes(self) -> int:
        """How many distinct nodes fail this shape."""
        return len({f.node for f in self.failures})

    def message(self, lang: str) -> str | None:
        """The message shared by every failure, or None when they differ."""
        texts = {f.messages.get(lang, "") for f in self.failures}
        return texts.pop() if len(texts) == 1 else None


@dataclass
class ValidationReport:
    """What pySHACL found, grouped by shape, with labels and sources resolved."""

    conforms: bool
    groups: list[ShapeGroup]
    results: Graph  # the SHACL validation report graph (deterministic blank node ids)
    triples: int
    shapes: int
    inference: str
    seconds: float = 0.0
    source_name: str = ""

    def count(self, severity: str) -> int:
        """Number of results of one severity."""
        return sum(len(g.failures) for g in self.groups if g.severity == severity)

    @property
    def violations(self) -> int:
        """Number of sh:Violation results."""
        return self.count("Violation")

    @property
    def warnings(self) -> int:
        """Number of sh:Warning results."""
        return self.count("Warning")

    def turtle(self) -> bytes:
        """The SHACL validation report graph as sorted Turtle."""
        return turtle_bytes(self.results)



def restrict(report: ValidationReport, keep) -> ValidationReport:
    """The part of *report* about focus nodes for which keep(focus) is true."""
    groups = []
    for group in report.groups:
        failures = [f for f in group.failures if keep(f.focus)]
        if failures:
            groups.append(ShapeGroup(group.shape, group.severity, group.labels, failures))
    results = report.results
    kept = [r for r in results.subjects(RDF.type, SH.ValidationResult) if keep(results.value(r, SH.focusNode))]
    conforms = not any(g.severity == "Violation" for g in groups)
    return ValidationReport(conforms, groups, _results_graph([(results, kept)], conforms), report.triples,
                            report.shapes, report.inference, report.seconds)


def merge_reports(reports: list[ValidationReport]) -> ValidationReport:
    """One report from reports about disjoint sets of focus nodes."""
    groups: dict = {}
    for report in reports:
        for group in report.groups:
            merged = groups.setdefault(group.shape, ShapeGroup(group.shape, group.severity, group.labels))
            merged.failures.extend(group.failures)
    ordered = sort_groups(groups.values())
    conforms = all(r.conforms for r in reports)
    results = _results_graph([(r.results, list(r.results.subjects(RDF.type, SH.ValidationResult))) for r in reports], conforms)
    first = reports[0]
    return ValidationReport(conforms, ordered, results, sum(r.triples for r in reports), first.shapes, first.inference,
                            sum(r.seconds for r in reports))



def sort_groups(groups) -> list[ShapeGroup]:
    """Shape groups by severity then shape, each group's failures by node, path, value and component."""
    ordered = sorted(groups, key=lambda g: (SEVERITY_ORDER[g.severity], str(g.shape)))
    for group in ordered:
        group.failures.sort(key=lambda f: (str(f.node), str(f.path or ""), str(f.value or ""), f.component))
    return ordered


def _results_graph(selected: list, conforms: bool) -> Graph:
    """A SHACL report graph holding the given result nodes (and the blank nodes under them) of several graphs."""
    out = Graph()
    report = BNode()
    out.add((report, RDF.type, SH.ValidationReport))
    out.add((report, SH.conforms, Literal(conforms)))
    for graph, results in selected:
        rename: dict = {}  # blank nodes of this graph -> fresh ones, so graphs never share a blank node

        def term(t, rename=rename):
            return rename.setdefault(t, BNode()) if isinstance(t, BNode) else t

        for result in results:
            out.add((report, SH.result, term(result)))
            todo, seen = [result], set()
            while todo:
                node = todo.pop()
                if node in seen:
                    continue
                seen.add(node)
                for p, o in graph.predicate_objects(node):
                    out.add((term(node), p, term(o)))
                    if isinstance(o, BNode):
                        todo.append(o)
    return canonical_results(out)




def canonical_results(results: Graph) -> Graph:
    """Copy the report graph with blank nodes named by content, so it serialises identically."""
    keys = {}
    for result in results.subjects(RDF.type, SH.ValidationResult):
        keys[result] = tuple(
            _term_key(results, results.value(result, p))
            for p in (SH.sourceShape, SH.focusNode, SH.resultPath, SH.value, SH.sourceConstraintComponent)
        ) + tuple(sorted(str(m) for m in results.objects(result, SH.resultMessage)))
    names = {node: BNode(f"r{i:06d}") for i, node in enumerate(sorted(keys, key=keys.get), start=1)}
    for report in results.subjects(RDF.type, SH.ValidationReport):
        names[report] = BNode("report")

    def name_reachable(node):
        # other blank nodes (a sequence path's RDF list) are named in the order they are reached
        for _, obj in sorted(results.predicate_objects(node), key=lambda po: (str(po[0]), isinstance(po[1], BNode), str(po[1]))):
            if isinstance(obj, BNode) and obj not in names:
                names[obj] = BNode(f"b{len(names):06d}")
                name_reachable(obj)

    for node in sorted((n for n in names if str(names[n]).startswith("r")), key=lambda n: str(names[n])):
        name_reachable(node)

    def rename(term):
        if isinstance(term, BNode):
            return names.setdefault(term, BNode(f"b{len(names):06d}"))
        return term

    out = bind_prefixes(Graph())
    out.bind("sh", str(SH))
    out.bind("shape", str(SHAPES_NS))
    for s, p, o in results:
        out.add((rename(s), p, rename(o)))
    return out


def _term_key(graph: Graph, term) -> str:
    """A sort key that does not depend on blank node ids (a path list is keyed by its items)."""
    if term is None:
        return ""
    if isinstance(term, BNode):
        items = list(graph.items(term))
        return "(" + " ".join(_term_key(graph, i) for i in items) + ")" if items else "[]"
    return str(term)

