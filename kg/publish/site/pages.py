"""The site's HTML pages of resources, classes and the dataset, filled into kg/data/templates/page.html."""

from __future__ import annotations

import posixpath

from markupsafe import Markup
from rdflib import RDF, SKOS, Graph
from rdflib.namespace import DCTERMS

from kg import __version__
from kg.core.namespaces import UNODC, bind_prefixes
from kg.publish.site.graph import DOCUMENT_LAYER, PROVENANCE
from kg.publish.site.paths import class_path, page_path, relative
from kg.publish.site.render import render
from kg.steps.describe import DATASET_IRI


class Pages:
    """Whole pages (mixed into the site, whose graph, fragments and description they use)."""

    def page(self, here: str, title: str, template: str, about=None, **values) -> bytes:
        """Fill a page template of kg/data/templates/ (each extends page.html); *about* is the resource the page
        describes (for its schema.org JSON-LD); *values* are the template's own, escaped unless Markup."""
        root = relative(here, "index.html").rsplit("index.html", 1)[0].rstrip("/") or "."
        stem = here[: -len(".html")] if here.endswith(".html") else here
        canonical = self.base_url + ("" if stem == "index" else stem)
        values.setdefault("formats", None)
        text = render(
            template, title=title, root=root, version=__version__, licence=self.licence_url,
            licence_url=self.licence_url or canonical, canonical=canonical,
            jsonld=Markup(self.schema_jsonld(about, canonical, title)), **values,
        )  # fmt: skip
        return text.encode("utf-8")

    def resource_page(self, iri) -> bytes:
        """The HTML page of one resource."""
        path = page_path(iri)
        here = path + ".html"
        types = sorted(self.graph.objects(iri, RDF.type))
        labels = {lit.language: str(lit) for lit in sorted(self.graph.objects(iri, SKOS.prefLabel), key=str, reverse=True)}
        heading = self.label(iri)
        parts = (self.labels_table(iri), self.contents(iri, here), self.evidence(iri, here), self.properties_table(iri, here),
                 self.relations_in(iri, here))  # fmt: skip
        return self.page(
            here, heading, "resource.html", about=iri, formats=posixpath.basename(path), iri=iri,
            other_labels=[(lang, text) for lang, text in sorted(labels.items()) if text != heading],
            types=[Markup(self.link(t, here)) for t in types], parts=[Markup(part) for part in parts],
        )  # fmt: skip

    def resource_graph(self, iri) -> Graph:
        """What the page says in RDF: the resource's triples and the entity-layer triples pointing at it."""
        g = bind_prefixes(Graph())
        for p, o in self.graph.predicate_objects(iri):
            g.add((iri, p, o))
        for s, p in self.incoming.get(iri, []):
            if p not in PROVENANCE and not self.is_document_layer(s):
                g.add((s, p, iri))
        return g

    def class_page(self, cls) -> bytes:
        """Index page of one class: its members sorted by label (with the Chinese label when it differs)."""
        here = class_path(cls) + ".html"
        members = sorted(self.by_class[cls], key=lambda s: (self.label(s).casefold(), str(s)))
        rows = [(Markup(self.link(s, here)), self.label(s, "zh") if self.label(s, "zh") != self.label(s) else None) for s in members]
        return self.page(here, self.label(cls), "class.html", cls=cls, members=rows)

    def index_page(self) -> bytes:
        """The dataset's home page: description, counts, classes, documents, downloads."""
        d, desc = DATASET_IRI, self.description
        here = "index.html"
        titles = {lit.language: str(lit) for lit in sorted(desc.objects(d, DCTERMS.title), key=str, reverse=True)}
        classes = sorted(self.by_class, key=lambda c: (c in DOCUMENT_LAYER, self.label(c).casefold()))
        documents = sorted(self.graph.subjects(RDF.type, UNODC.Document))
        return self.page(
            here, titles.get("en", "UNODC knowledge graph"), "index.html", about=DATASET_IRI, title_zh=titles.get("zh", ""),
            descriptions=sorted(desc.objects(d, DCTERMS.description), key=str), triples=len(self.graph), resources=len(self.resources),
            classes=[(Markup(self.link(c, here)), len(self.by_class[c])) for c in classes],
            documents=[(Markup(self.link(doc, here)), self.graph.value(doc, UNODC.contentHash) or "") for doc in documents],
        )  # fmt: skip
