"""Validate the graph against ontology/shapes.ttl and report, in plain words, what is wrong and where.

How it runs: pySHACL, no inference, on a copy of the data graph with the rdfs:subClassOf axioms of
ontology/unodc.ttl mixed in.  Those axioms are all SHACL needs to see that a unodc:Commission is a
unodc:IntergovernmentalBody (sh:class and sh:targetClass follow rdf:type/rdfs:subClassOf*), so
nothing is inferred into the data.  RDFS inference is available (``inference="rdfs"``, which
validates a copy of the data with the whole ontology mixed in) but is not the default: it adds
rdf:type triples from rdfs:domain/rdfs:range, so a relation whose object has the wrong class
*becomes* an object of the right class and the range error disappears (tests/test_validate.py
shows it); it is also about 4 times slower on the sample (1.3 s against 5.9 s; bench/ has more).  The
SHACL-SPARQL checks (offsets, spans, asserted triples, symbols) are answered by Oxigraph on a copy of
the data loaded once per validation (rdflib's SPARQL engine took half of the validation time); a query
Oxigraph cannot answer falls back to rdflib, its text parsed once per process.

Severity: sh:Violation results make the graph non-conforming; sh:Warning and sh:Info results are
reported but do not (pySHACL's ``allow_warnings``).  `kg validate` exits 1 on a violation.
`kg build` runs `corpus_step` after writing kg.ttl -- each document is validated in its extraction
worker (map_document: the failures of its own nodes) and the shared graph of entities once; the
merged report is what validating the whole graph gives (tests/test_corpus.py).  It always writes
out/validation.txt (readable report) and out/validation.ttl (the SHACL validation report as Turtle, deterministic), sets
``result.conforms``, and a violation makes `kg build` exit 1 -- after kg.ttl and the reports are
written, so the graph can still be inspected.  Warnings never fail the build.

The readable report groups results by shape and names each failing node by its label
(skos:prefLabel, or the text of a mention or quantity) and the paragraph it comes from: for a
mention, assertion or quantity its unodc:inParagraph; for an entity the paragraph that states the
failing relation (its unodc:Assertion) or else the first paragraph that mentions it.
"""

from __future__ import annotations

import json
import re
import time
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from rdflib import BNode, Graph, Literal, Namespace, URIRef, Variable
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS

from kg.core.errors import InputError
from kg.core.files import write_bytes, write_text
from kg.core.namespaces import ID, UNODC, bind_prefixes
from kg.core.resources import ontology_dir, ontology_graph
from kg.rdf.load import read_graph
from kg.rdf.serialize import turtle_bytes
from kg.rdf.terms import pick_label as _pick
from kg.rdf.terms import short_iri as _short_iri

SH = Namespace("http://www.w3.org/ns/shacl#")
SHAPES_NS = Namespace("https://w3id.org/unodc-kg/shapes#")
DEFAULT_GRAPH = Path("out") / "kg.ttl"
INFERENCE = ("none", "rdfs")
LANGS = ("en", "zh")
SEVERITIES = {SH.Violation: "Violation", SH.Warning: "Warning", SH.Info: "Info"}
SEVERITY_ORDER = {"Violation": 0, "Warning": 1, "Info": 2}
FORMATS = ("text", "json", "ttl")

# Words of the readable report, per language.
WORDS = {
    "en": {
        "conforms": "conforms",
        "fails": "does not conform",
        "Violation": ("violation", "violations"),
        "Warning": ("warning", "warnings"),
        "Info": ("note", "notes"),
        "node": ("node", "nodes"),
        "triples": "triples",
        "shapes": "shapes",
        "inference": "inference",
        "value": "value",
        "from": "from",
        "of": "of",
        "paragraph": "paragraph {}",
        "footnote": "footnote {}",
        "heading": "heading (reading order {})",
        "front": "front matter (reading order {})",
        "text": "text (reading order {})",
        "document": "document",
        "no_source": "no paragraph mentions it",
        "quote": "“{}”",
    },
    "zh": {
        "conforms": "符合",
        "fails": "不符合",
        "Violation": ("项违规", "项违规"),
        "Warning": ("项警告", "项警告"),
        "Info": ("项提示", "项提示"),
        "node": ("个节点", "个节点"),
        "triples": "个三元组",
        "shapes": "个形状",
        "inference": "推理",
        "value": "值",
        "from": "来源",
        "of": "",
        "paragraph": "第{}段",
        "footnote": "脚注{}",
        "heading": "标题（阅读顺序{}）",
        "front": "前言部分（阅读顺序{}）",
        "text": "文本（阅读顺序{}）",
        "document": "文件",
        "no_source": "没有段落提及它",
        "quote": "《{}》",
    },
}


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
                    store.bulk_load(input=chunk, format=ox.RdfFormat.N_TRIPLES)
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


# --------------------------------------------------------------------------- results


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

    def text(self, lang: str = "en") -> str:
        """The readable report (see render_text)."""
        return render_text(self, lang)

    def to_json(self, lang: str = "en") -> str:
        """The report as JSON (see render_json)."""
        return render_json(self, lang)

    def turtle(self) -> bytes:
        """The SHACL validation report graph as sorted Turtle."""
        return turtle_bytes(self.results)


# --------------------------------------------------------------------------- validation


def _chunks(ntriples) -> tuple:
    """N-Triples given as bytes or as a sequence of byte pieces, as a tuple of pieces."""
    return (ntriples,) if isinstance(ntriples, bytes) else tuple(ntriples)


def validate(data_graph: Graph, inference: str = "none", shapes: Graph | None = None,
             ntriples=None) -> ValidationReport:
    """Validate *data_graph* against the shapes; the graph is not modified.

    inference: "none" (default) or "rdfs" (slower, and it hides range errors; see the module docstring).
    ntriples: the same triples as N-Triples (bytes, or a sequence of pieces), if the caller has them (the
    SHACL-SPARQL checks load them).
    """
    import pyshacl

    if inference not in INFERENCE:
        raise InputError(f"unknown inference {inference!r} (choose from {', '.join(INFERENCE)})")
    shapes = shapes if shapes is not None else shapes_graph()
    started = time.perf_counter()
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
    conforms, results, _ = pyshacl.validate(
        work,
        shacl_graph=shapes,
        inference=inference,
        allow_warnings=True,
        inplace=True,
        advanced=False,
    )
    seconds = time.perf_counter() - started
    report = _report(results, data_graph, shapes, inference)
    report.conforms = bool(conforms)
    report.seconds = seconds
    report.triples = len(data_graph)
    return report


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
    describe = _Describer(data)
    for result in results.subjects(RDF.type, SH.ValidationResult):
        shape = results.value(result, SH.sourceShape)
        severity = SEVERITIES.get(results.value(result, SH.resultSeverity), "Violation")
        if shape not in groups:
            groups[shape] = ShapeGroup(shape, severity, _shape_labels(shapes, shape))
        focus = results.value(result, SH.focusNode)
        value = results.value(result, SH.value)
        path = results.value(result, SH.resultPath)
        node = _offender(data, focus, value)
        messages = _by_lang(results.objects(result, SH.resultMessage))
        component = results.value(result, SH.sourceConstraintComponent)
        groups[shape].failures.append(
            Failure(
                node=node,
                focus=focus,
                value=value,
                path=path,
                component=_local(component) if component else "",
                messages=messages,
                labels=describe.labels(node),
                value_labels=describe.labels(value) if isinstance(value, URIRef) and value != node else {},
                source=describe.source(node, path if node == focus else None, value if node == focus else None),
            )
        )
    ordered = sorted(groups.values(), key=lambda g: (SEVERITY_ORDER[g.severity], str(g.shape)))
    for group in ordered:
        group.failures.sort(key=lambda f: (str(f.node), str(f.path or ""), str(f.value or ""), f.component))
    shape_count = len(set(shapes.subjects(RDF.type, SH.NodeShape)) | set(shapes.subjects(RDF.type, SH.PropertyShape)))
    return ValidationReport(
        conforms=True,
        groups=ordered,
        results=_canonical_results(results),
        triples=len(data),
        shapes=shape_count,
        inference=inference,
    )


def _offender(data: Graph, focus, value):
    """The node to show: a document-level check (focus is a Document) points at its value."""
    if isinstance(value, URIRef) and value != focus and (focus, RDF.type, UNODC.Document) in data:
        return value
    return focus


def _shape_labels(shapes: Graph, shape) -> dict:
    """Names of a shape per language: its own rdfs:label, or its node shape's."""
    labels = _by_lang(shapes.objects(shape, RDFS.label))
    if not labels:
        for parent in shapes.subjects(SH.property, shape):
            labels = _by_lang(shapes.objects(parent, RDFS.label))
            if labels:
                break
    return labels or {lang: _local(shape) for lang in LANGS}


def _by_lang(literals) -> dict:
    out: dict[str, str] = {}
    for lit in sorted(literals, key=str):
        lang = getattr(lit, "language", None) or ""
        out.setdefault(lang.split("-")[0], str(lit))
    return out


def _local(iri) -> str:
    text = str(iri)
    return text.rsplit("#", 1)[-1] if "#" in text else text.rsplit("/", 1)[-1]


def _canonical_results(results: Graph) -> Graph:
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


class _Describer:
    """Labels and source paragraphs of nodes of the data graph, for the readable report."""

    def __init__(self, data: Graph):
        self.data = data

    def labels(self, node) -> dict:
        """Label of *node* per language (falls back to a short IRI)."""
        if not isinstance(node, URIRef):
            return {lang: str(node) for lang in LANGS} if node is not None else {}
        g = self.data
        labels = _by_lang(g.objects(node, SKOS.prefLabel)) or _by_lang(g.objects(node, DCTERMS.title))
        if not labels:
            text = g.value(node, UNODC.text)
            if text is not None and (node, RDF.type, UNODC.Paragraph) not in g:
                return {lang: str(text) for lang in LANGS}
        if not labels and (node, UNODC.predicate, None) in g:
            s, p, o = (g.value(node, q) for q in (UNODC.subject, UNODC.predicate, UNODC.object))
            ls, lo = self.labels(s), self.labels(o)
            return {lang: f"{_pick(ls, lang)} {_local(p)} {_pick(lo, lang)}" for lang in LANGS}
        if not labels:
            return {lang: short_iri(node) for lang in LANGS}
        return {lang: _pick(labels, lang) for lang in LANGS}

    def source(self, node, path=None, value=None) -> Source | None:
        """The paragraph *node* comes from (see the module docstring)."""
        g = self.data
        if not isinstance(node, URIRef):
            return None
        paragraph = g.value(node, UNODC.inParagraph)
        if paragraph is None and (node, UNODC.inDocument, None) in g and (node, UNODC.start, None) in g:
            paragraph = node if (node, UNODC.order, None) in g or (node, UNODC.number, None) in g else None
        if paragraph is None and path is not None and value is not None:
            paragraph = self._asserted_in(node, path, value)
        if paragraph is None:
            paragraph = self._first_mention(node)
        return self._paragraph(paragraph) if paragraph is not None else None

    def _asserted_in(self, subject, predicate, obj):
        found = [
            g_par
            for a in self.data.subjects(UNODC.subject, subject)
            if (a, UNODC.predicate, predicate) in self.data and (a, UNODC.object, obj) in self.data
            for g_par in self.data.objects(a, UNODC.inParagraph)
        ]
        return min(found, key=self._position) if found else None

    def _first_mention(self, entity):
        paragraphs = [p for m in self.data.subjects(UNODC.refersTo, entity) for p in self.data.objects(m, UNODC.inParagraph)]
        return min(paragraphs, key=self._position) if paragraphs else None

    def _position(self, paragraph):
        doc = self.data.value(paragraph, UNODC.inDocument)
        start = self.data.value(paragraph, UNODC.start)
        return (str(doc), int(start) if start is not None else 0, str(paragraph))

    def _paragraph(self, paragraph) -> Source:
        g = self.data
        types = set(g.objects(paragraph, RDF.type))
        number = g.value(paragraph, UNODC.number)
        order = g.value(paragraph, UNODC.order)
        if UNODC.Footnote in types:
            kind, shown = "footnote", number
        elif UNODC.Heading in types:
            kind, shown = "heading", order
        elif UNODC.FrontMatter in types:
            kind, shown = "front", order
        elif number is not None:
            kind, shown = "paragraph", number
        else:
            kind, shown = "text", order
        document = g.value(paragraph, UNODC.inDocument)
        text = _excerpt(str(g.value(paragraph, UNODC.text) or ""))
        return Source(
            paragraph=paragraph,
            kind=kind,
            number=str(shown if shown is not None else "?"),
            document=document,
            titles=_by_lang(g.objects(document, DCTERMS.title)) if document is not None else {},
            excerpt=text,
        )


def _excerpt(text: str, size: int = 80) -> str:
    """The first *size* characters of *text* with its white space collapsed, "…" when there is more.

    Only a growing prefix is collapsed (white space collapsed in a prefix gives a prefix of the whole), so
    a failure in a paragraph of megabytes costs no more than one in a short paragraph."""
    take = 4 * size
    while True:
        shown = " ".join(text[:take].split())
        if len(shown) > size:
            return shown[:size] + "…"
        if take >= len(text):
            return shown
        take *= 4


SHORT_PREFIXES = {"id": str(ID), "unodc": str(UNODC._NS), "shape": str(SHAPES_NS), "sh": str(SH)}


def short_iri(node) -> str:
    """id:… for entity IRIs, prefixed names for terms, <…> otherwise."""
    return _short_iri(node, SHORT_PREFIXES, brackets=True)


# --------------------------------------------------------------------------- renderers


def render_text(report: ValidationReport, lang: str = "en") -> str:
    """Readable report: per shape, severity, name, message, and each failing node with its source."""
    w = WORDS[lang]
    status = w["conforms"] if report.conforms else w["fails"]
    counts = ", ".join(
        _plural(report.count(sev), w[sev], lang) for sev in ("Violation", "Warning", "Info") if report.count(sev)
    )
    head = f"{report.source_name + ': ' if report.source_name else ''}{status}"
    head += f" ({counts})" if counts else ""
    lines = [head, f"{report.triples:,} {w['triples']}, {report.shapes} {w['shapes']}, {w['inference']}: {report.inference}"]
    for group in report.groups:
        lines.append("")
        lines.append(
            f"{group.severity} · {_pick(group.labels, lang)} · {short_iri(group.shape)} · {_plural(group.nodes, w['node'], lang)}"
        )
        shared = group.message(lang)
        if shared:
            lines.append(f"  {shared}")
        for failure in group.failures:
            lines.append(f"  - {_pick(failure.labels, lang)}  {short_iri(failure.node)}")
            if not shared and failure.messages:
                lines.append(f"      {_pick(failure.messages, lang)}")
            if failure.value is not None and failure.value != failure.node:
                shown = _pick(failure.value_labels, lang) if failure.value_labels else str(failure.value)
                extra = f"  {short_iri(failure.value)}" if isinstance(failure.value, URIRef) else ""
                path = f"{short_iri(failure.path)} " if isinstance(failure.path, URIRef) else ""
                lines.append(f"      {path}{w['value']}: {shown}{extra}")
            lines.append(f"      {w['from']}: {_source_text(failure.source, lang)}")
    return "\n".join(lines) + "\n"


def _source_text(source: Source | None, lang: str) -> str:
    w = WORDS[lang]
    if source is None:
        return w["no_source"]
    where = w[source.kind].format(source.number)
    title = _pick(source.titles, lang)
    doc = f" {w['of']} {w['quote'].format(title)}" if title and lang == "en" else (w["quote"].format(title) if title else "")
    where = f"{where}{doc}" if lang == "en" else f"{doc}{where}"
    excerpt = f": {source.excerpt}" if source.excerpt else ""
    return f"{where}  {short_iri(source.paragraph)}{excerpt}"


def _plural(n: int, words: tuple, lang: str) -> str:
    if lang == "zh":
        return f"{n}{words[0]}"
    return f"{n} {words[0] if n == 1 else words[1]}"


def render_json(report: ValidationReport, lang: str = "en") -> str:
    """The report as JSON: conformance, counts, and per shape its failing nodes with labels and sources."""

    def term(node):
        if node is None:
            return None
        return str(node) if not isinstance(node, Literal) else {"literal": str(node), "datatype": str(node.datatype or "") or None, "lang": node.language}

    def source(src: Source | None):
        if src is None:
            return None
        return {
            "paragraph": str(src.paragraph),
            "kind": src.kind,
            "number": src.number,
            "document": str(src.document) if src.document is not None else None,
            "title": _pick(src.titles, lang) or None,
            "excerpt": src.excerpt,
        }

    data = {
        "conforms": report.conforms,
        "violations": report.violations,
        "warnings": report.warnings,
        "triples": report.triples,
        "inference": report.inference,
        "shapes": [
            {
                "shape": str(g.shape),
                "severity": g.severity,
                "name": _pick(g.labels, lang),
                "nodes": g.nodes,
                "results": [
                    {
                        "node": str(f.node),
                        "label": _pick(f.labels, lang),
                        "focus": term(f.focus),
                        "path": term(f.path),
                        "value": term(f.value),
                        "component": f.component,
                        "message": _pick(f.messages, lang),
                        "source": source(f.source),
                    }
                    for f in g.failures
                ],
            }
            for g in report.groups
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False) + "\n"


def render(report: ValidationReport, fmt: str = "text", lang: str = "en") -> str:
    """Render the report as text, json or ttl."""
    if fmt == "ttl":
        return report.turtle().decode("utf-8")
    if fmt == "json":
        return render_json(report, lang)
    return render_text(report, lang)


# --------------------------------------------------------------------------- input and build step


def validate_file(path: Path, inference: str = "none") -> ValidationReport:
    """Load and validate a graph file; an empty graph is an input error (it would conform vacuously)."""
    graph = read_graph(path)
    if len(graph) == 0:
        raise InputError(f"{path}: the graph is empty (no triples); nothing to validate")
    report = validate(graph, inference=inference)
    report.source_name = str(path)
    return report


def write_reports(report: ValidationReport, out_dir: Path) -> list[Path]:
    """Write out_dir/validation.txt (readable, English) and out_dir/validation.ttl (SHACL report)."""
    return [
        write_text(Path(out_dir) / "validation.txt", render_text(report, "en")),
        write_bytes(Path(out_dir) / "validation.ttl", report.turtle()),
    ]


def build_step(result, graph, dataset) -> list[Path]:
    """Validate a whole built graph, write the reports, and set result.conforms."""
    return _finish(result, validate(graph))


def _finish(result, report: ValidationReport) -> list[Path]:
    import sys

    from kg.build.outputs import final_path

    report.source_name = "kg.ttl"  # beside the report; no folder name, so the bytes do not depend on --out
    result.conforms = report.conforms
    paths = write_reports(report, result.out_dir)
    if not report.conforms or report.warnings:
        w = WORDS["en"]
        counts = ", ".join(_plural(report.count(s), w[s], "en") for s in ("Violation", "Warning") if report.count(s))
        print(f"kg build: validation: {w['conforms'] if report.conforms else w['fails']} ({counts}); see {final_path(paths[0])}", file=sys.stderr)
    return paths


# --------------------------------------------------------------------------- by document

STEP = f"{__name__}:corpus_step"
DOCUMENTS = str(ID) + "doc/"


def in_a_document(term) -> bool:
    """True for a document IRI and the IRIs under it (paragraphs, mentions, assertions, quantities)."""
    return isinstance(term, URIRef) and term.startswith(DOCUMENTS)


def map_document(view) -> ValidationReport:
    """In the worker: validate one document with the reference data it uses; keep the failures of its own nodes.

    Entities (shared across documents) are validated once, by corpus_step, on the merged shared graph."""
    pieces = tuple(x for x in (view.ntriples, getattr(view, "reference_ntriples", b"")) if x)
    return restrict(validate(view.graph, ntriples=pieces or None), view.owns)


def corpus_step(result, corpus) -> list[Path]:
    """`kg build` step: the documents' reports (made in the workers) merged with a validation of the shared
    graph (entities, relations and the reference data used); writes the reports and sets result.conforms."""
    shared = restrict(validate(corpus.shared_graph), lambda focus: not in_a_document(focus))
    if shared.groups:
        _find_sources(shared, corpus)
    report = merge_reports([shared, *corpus.extras(STEP)])
    report.triples = corpus.triples
    return _finish(result, report)


def _find_sources(report: ValidationReport, corpus) -> None:
    """Give failing entities the paragraph that states or mentions them, from the first document that does."""
    from kg.rdf.load import parse_ntriples

    loaded: dict = {}
    for group in report.groups:
        for i, f in enumerate(group.failures):
            if f.source is not None or not isinstance(f.node, URIRef):
                continue
            needle = f"<{f.node}>".encode()
            part = next((p for p in corpus.parts if str(f.node) in p.refs or needle in p.shared), None)
            if part is None:
                continue
            if part.key not in loaded:
                g = parse_ntriples(part.own_bytes() + b"".join(corpus.part_shared(part)))
                g += corpus.shared_graph
                loaded = {part.key: _Describer(g)}  # one document at a time
            describe = loaded[part.key]
            source = describe.source(f.node, f.path if f.node == f.focus else None, f.value if f.node == f.focus else None)
            group.failures[i] = replace(f, source=source)


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
    ordered = sorted(groups.values(), key=lambda g: (SEVERITY_ORDER[g.severity], str(g.shape)))
    for group in ordered:
        group.failures.sort(key=lambda f: (str(f.node), str(f.path or ""), str(f.value or ""), f.component))
    conforms = all(r.conforms for r in reports)
    results = _results_graph([(r.results, list(r.results.subjects(RDF.type, SH.ValidationResult))) for r in reports], conforms)
    first = reports[0]
    return ValidationReport(conforms, ordered, results, sum(r.triples for r in reports), first.shapes, first.inference,
                            sum(r.seconds for r in reports))


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
    return _canonical_results(out)


__all__ = [
    "ValidationReport",
    "ShapeGroup",
    "Failure",
    "Source",
    "validate",
    "validate_file",
    "render",
    "render_text",
    "render_json",
    "write_reports",
    "build_step",
    "shapes_graph",
    "shapes_path",
    "class_hierarchy",
]
