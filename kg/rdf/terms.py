"""RDF terms: pyoxigraph to rdflib, IRIs as prefixed names, the label to show for a language."""

from __future__ import annotations

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD

from kg.core.namespaces import PREFIXES

_XSD_STRING = str(XSD.string)


def from_oxigraph(term):
    """Convert a pyoxigraph term to the rdflib term (None stays None)."""
    import pyoxigraph as ox

    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        return Literal(term.value, datatype=None if datatype == _XSD_STRING else URIRef(datatype))
    return Literal(str(term))  # RDF-star triple term: shown as text


def converter(literals: bool = True):
    """from_oxigraph with a memory: terms repeat (IRIs down a column, in every triple), converting each once is
    3-5x faster.  Without *literals*, only IRIs are remembered (for a huge document, whose literals rarely repeat)."""
    import pyoxigraph as ox

    memo: dict = {None: None}

    def convert(term):
        try:
            return memo[term]
        except KeyError:
            converted = from_oxigraph(term)
            if literals or isinstance(term, ox.NamedNode):
                memo[term] = converted
            return converted

    return convert


def short_iri(iri, prefixes: dict | None = None, brackets: bool = False) -> str:
    """`unodc:serves`, `id:doc/…/p12`: the IRI with the longest matching of *prefixes* (default: the project's);
    an IRI under none of them as is, or as `<…>` with *brackets*."""
    text = str(iri)
    for prefix, base in sorted((prefixes or PREFIXES).items(), key=lambda kv: -len(kv[1])):
        if text.startswith(base) and len(text) > len(base):
            return f"{prefix}:{text[len(base):]}"
    return f"<{text}>" if brackets else text


def pick_label(labels: dict, lang: str, fallbacks: tuple = ("en", "zh", "")) -> str:
    """From {language tag: text}: the text in *lang*, else in the first of *fallbacks* present, else any; '' if none."""
    for key in (lang, *fallbacks):
        if key in labels:
            return labels[key]
    return next(iter(labels.values()), "")


LABEL_PROPERTIES = ("http://www.w3.org/2004/02/skos/core#prefLabel", "http://www.w3.org/2000/01/rdf-schema#label",
                    "http://purl.org/dc/terms/title")


def label_rank(prop, label: Literal, lang: str) -> tuple:
    """Sort key of one candidate label for a reader of *lang* (lowest first): the reader's language, untagged,
    English, other; then skos:prefLabel, rdfs:label, dcterms:title; then the text."""
    tag = (label.language or "").lower()
    return (0 if tag == lang else 1 if not tag else 2 if tag == "en" else 3, LABEL_PROPERTIES.index(str(prop)), str(label))
