"""What a site's pages are made of: the union graph, its classes and links, labels, the dataset description."""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property

from rdflib import RDF, RDFS, SKOS, Dataset, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, XSD

from kg.core.namespaces import ID, UNODC
from kg.core.resources import ontology_graph
from kg.publish.export import jsonld_bytes
from kg.publish.site.paths import compact, page_path
from kg.rdf.serialize import nquads_bytes, turtle_bytes, union
from kg.rdf.terms import pick_label
from kg.steps.describe import DATASET_IRI, describe

LANGS = ("en", "zh")
LABELS = (SKOS.prefLabel, SKOS.altLabel)
PROVENANCE = {UNODC.refersTo, UNODC.subject, UNODC.object, UNODC.about, UNODC.inDocument, UNODC.inParagraph,
              UNODC.footnoteOf, UNODC.predicate}  # fmt: skip
DOCUMENT_LAYER = {UNODC.Document, UNODC.Paragraph, UNODC.FrontMatter, UNODC.Heading, UNODC.Footnote,
                  UNODC.Mention, UNODC.Assertion, UNODC.Quantity}  # fmt: skip
SCHEMA = "https://schema.org/"
SPDX = Namespace("http://spdx.org/rdf/terms#")


@dataclass
class SiteGraph:
    """The union graph, its dataset, the ontology for class names, and what every page asks of them."""

    dataset: Dataset
    base_url: str
    endpoint: str | None = None

    @cached_property
    def graph(self) -> Graph:
        """The union of all graphs."""
        return union(self.dataset)

    @cached_property
    def ontology(self) -> Graph:
        """The ontology (class and property labels)."""
        return ontology_graph()

    @cached_property
    def resources(self) -> list[URIRef]:
        """Every subject with a page, sorted."""
        return sorted(s for s in set(self.graph.subjects()) if isinstance(s, URIRef) and page_path(s))

    @cached_property
    def by_class(self) -> dict:
        """Resources per rdf:type."""
        out = defaultdict(list)
        for s in self.resources:
            for cls in self.graph.objects(s, RDF.type):
                out[cls].append(s)
        return out

    @cached_property
    def incoming(self) -> dict:
        """(subject, predicate) pairs pointing at each resource."""
        out = defaultdict(list)
        for s, p, o in self.graph:
            if isinstance(o, URIRef) and page_path(o) and isinstance(s, URIRef):
                out[o].append((s, p))
        return out

    @cached_property
    def _labels(self) -> dict:
        return {}

    def label(self, term, lang: str = "en") -> str:
        """Best display label: prefLabel in *lang*, the other language, title, number, text, then the IRI."""
        key = (term, lang)
        if key not in self._labels:
            self._labels[key] = self._label(term, lang)
        return self._labels[key]

    def _label(self, term, lang: str) -> str:
        g = self.graph if (term, None, None) in self.graph else self.ontology
        wanted = (lang, *LANGS, None)
        for props in ((SKOS.prefLabel, RDFS.label), (DCTERMS.title,)):  # a prefLabel before an rdfs:label of its language
            found: dict = {}
            for prop in reversed(props):  # sorted, so one text per language whatever the hash seed
                found.update({lit.language: str(lit) for lit in sorted(g.objects(term, prop), key=str, reverse=True) if str(lit)})
            text = pick_label({k: v for k, v in found.items() if k in wanted}, lang, wanted[1:])
            if text:
                return text
        if (term, RDF.type, UNODC.Paragraph) in g or g.value(term, UNODC.order) is not None:
            number = g.value(term, UNODC.number)
            doc = g.value(term, UNODC.inDocument)
            where = f"{self.label(doc)} " if doc is not None else ""
            if number:
                return f"{where}¶{number}"
            text = " ".join(str(g.value(term, UNODC.text) or "").split())
            if (term, RDF.type, UNODC.Heading) in g and text:
                return f"{where}“{text if len(text) <= 40 else text[:39] + '…'}”"
            kinds = [c for c in (UNODC.FrontMatter, UNODC.Footnote, UNODC.Heading) if (term, RDF.type, c) in g]
            kind = self.label(kinds[0]) if kinds else self.label(UNODC.Paragraph)
            order = g.value(term, UNODC.order)
            return f"{where}{kind} {int(order) + 1}" if order is not None else f"{where}{kind}"
        text = g.value(term, UNODC.text)
        if text is not None:
            return str(text)
        return str(term)[len(str(ID)) :] if term.startswith(str(ID)) else compact(term)

    def is_document_layer(self, iri) -> bool:
        """True for documents, paragraphs, mentions, assertions and quantities."""
        return any((iri, RDF.type, cls) in self.graph for cls in DOCUMENT_LAYER)

    def language_of(self, doc) -> str:
        """Language code of a document ('' when unknown)."""
        value = self.graph.value(doc, UNODC.language) if doc is not None else None
        return str(value) if value is not None else ""

    def reading_key(self, paragraph):
        """Sort key: document, then reading order."""
        order = self.graph.value(paragraph, UNODC.order)
        return (str(self.graph.value(paragraph, UNODC.inDocument)), int(order) if order is not None else 0, str(paragraph))

    def snippet(self, paragraph, limit: int = 90) -> str:
        """The start of a paragraph's text."""
        text = " ".join(str(self.graph.value(paragraph, UNODC.text) or "").split())
        return text if len(text) <= limit else text[: limit - 1] + "…"

    @cached_property
    def licence_url(self) -> str | None:
        """The dataset licence's IRI."""
        lic = self.description.value(DATASET_IRI, DCTERMS.license)
        return str(lic) if lic else None

    @cached_property
    def dumps(self) -> dict:
        """The dump files of the site: name -> bytes."""
        return {"kg.ttl": turtle_bytes(self.graph), "kg.nq": nquads_bytes(self.dataset), "kg.jsonld": jsonld_bytes(self.graph)}

    @cached_property
    def description(self) -> Graph:
        """VoID/DCAT description for this base URL, with the dumps' byte sizes and SHA-256 checksums."""
        return with_checksums(describe(self.dataset, self.base_url, self.endpoint), self.dumps)

    def schema_type(self, iri) -> str:
        """The schema.org type of a resource: the nearest schema.org superclass of one of its classes."""
        onto = self.ontology
        seen, todo = set(), sorted(self.graph.objects(iri, RDF.type)) if iri is not None else []
        while todo:
            cls = todo.pop(0)
            if str(cls).startswith(SCHEMA):
                return str(cls)[len(SCHEMA) :]
            if cls not in seen:
                seen.add(cls)
                todo.extend(sorted(onto.objects(cls, URIRef("http://www.w3.org/2000/01/rdf-schema#subClassOf"))))
        return "Thing"

    def schema_jsonld(self, iri, canonical: str, title: str) -> str:
        """A schema.org description of the page's resource as JSON, safe inside <script type=application/ld+json> ("" for none)."""
        if iri is None:
            return ""
        kind = "Dataset" if iri == DATASET_IRI else self.schema_type(iri)
        node = {"@context": SCHEMA, "@type": kind, "@id": str(iri), "name": title, "url": canonical}
        if self.licence_url:
            node["license"] = self.licence_url
        if iri != DATASET_IRI:
            names = sorted({(lit.language or "", str(lit)) for lit in self.graph.objects(iri, SKOS.prefLabel)})
            if len(names) > 1:
                node["alternateName"] = [{"@language": lang, "@value": text} for lang, text in names if text != title]
            same = sorted(str(o) for o in self.graph.objects(iri, SKOS.exactMatch))
            if same:
                node["sameAs"] = same
        text = json.dumps(node, ensure_ascii=False, sort_keys=True)
        text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
        return text


def with_checksums(description: Graph, dumps: dict) -> Graph:
    """Add each dump distribution's byte size and SHA-256 checksum (DCAT 2, SPDX) to a VoID/DCAT description."""
    g = description
    g.bind("spdx", SPDX)
    for name, data in sorted(dumps.items()):
        dist = URIRef(f"{DATASET_IRI}/distribution/{name.replace('.', '-')}")
        if (dist, None, None) not in g:
            continue
        checksum = URIRef(f"{dist}/checksum")
        g.add((dist, DCAT.byteSize, Literal(len(data), datatype=XSD.nonNegativeInteger)))
        g.add((dist, SPDX.checksum, checksum))
        g.add((checksum, RDF.type, SPDX.Checksum))
        g.add((checksum, SPDX.algorithm, SPDX.checksumAlgorithm_sha256))
        g.add((checksum, SPDX.checksumValue, Literal(hashlib.sha256(data).hexdigest(), datatype=XSD.hexBinary)))
    return g
