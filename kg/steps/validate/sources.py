"""Labels and source paragraphs of failing nodes, for the readable report.

Each failing node is named by its label (skos:prefLabel, or the text of a mention or quantity) and the
paragraph it comes from: for a mention, assertion or quantity its unodc:inParagraph; for an entity the
paragraph that states the failing relation (its unodc:Assertion) or else the first paragraph that mentions it.
"""

from __future__ import annotations

from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS

from kg.core.namespaces import ID, UNODC
from kg.rdf.terms import pick_label as pick
from kg.rdf.terms import short_iri as _short_iri
from kg.steps.validate.engine import SH, SHAPES_NS
from kg.steps.validate.report import Source

LANGS = ("en", "zh")


def offender(data: Graph, focus, value):
    """The node to show: a document-level check (focus is a Document) points at its value."""
    if isinstance(value, URIRef) and value != focus and (focus, RDF.type, UNODC.Document) in data:
        return value
    return focus


def shape_labels(shapes: Graph, shape) -> dict:
    """Names of a shape per language: its own rdfs:label, or its node shape's."""
    labels = by_lang(shapes.objects(shape, RDFS.label))
    if not labels:
        for parent in shapes.subjects(SH.property, shape):
            labels = by_lang(shapes.objects(parent, RDFS.label))
            if labels:
                break
    return labels or {lang: local_name(shape) for lang in LANGS}


def by_lang(literals) -> dict:
    """{language: text} of literals, the first by text per language (tags cut to their language: zh-Hans is zh)."""
    out: dict[str, str] = {}
    for lit in sorted(literals, key=str):
        lang = getattr(lit, "language", None) or ""
        out.setdefault(lang.split("-")[0], str(lit))
    return out


def local_name(iri) -> str:
    """The part of an IRI after '#' or the last '/'."""
    text = str(iri)
    return text.rsplit("#", 1)[-1] if "#" in text else text.rsplit("/", 1)[-1]



class Describer:
    """Labels and source paragraphs of nodes of the data graph, for the readable report."""

    def __init__(self, data: Graph):
        self.data = data

    def labels(self, node) -> dict:
        """Label of *node* per language (falls back to a short IRI)."""
        if not isinstance(node, URIRef):
            return {lang: str(node) for lang in LANGS} if node is not None else {}
        g = self.data
        labels = by_lang(g.objects(node, SKOS.prefLabel)) or by_lang(g.objects(node, DCTERMS.title))
        if not labels:
            text = g.value(node, UNODC.text)
            if text is not None and (node, RDF.type, UNODC.Paragraph) not in g:
                return {lang: str(text) for lang in LANGS}
        if not labels and (node, UNODC.predicate, None) in g:
            s, p, o = (g.value(node, q) for q in (UNODC.subject, UNODC.predicate, UNODC.object))
            ls, lo = self.labels(s), self.labels(o)
            return {lang: f"{pick(ls, lang)} {local_name(p)} {pick(lo, lang)}" for lang in LANGS}
        if not labels:
            return {lang: short_iri(node) for lang in LANGS}
        return {lang: pick(labels, lang) for lang in LANGS}

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
            titles=by_lang(g.objects(document, DCTERMS.title)) if document is not None else {},
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
