"""The site's HTML pages of resources, classes and the dataset, filled into kg/data/templates/page.html."""

from __future__ import annotations

import posixpath

from markupsafe import Markup
from rdflib import RDF, SKOS, Graph
from rdflib.namespace import DCTERMS

from kg import __version__
from kg.core.namespaces import UNODC, bind_prefixes
from kg.publish.site.graph import DOCUMENT_LAYER, PROVENANCE
from kg.publish.site.paths import class_path, esc, page_path, relative
from kg.publish.site.render import render
from kg.steps.describe import DATASET_IRI


class Pages:
    """Whole pages (mixed into the site, whose graph, fragments and description they use)."""

    def page(self, here: str, title: str, body: str, alternates: str = "", about=None) -> bytes:
        """Fill kg/data/templates/page.html; *about* is the resource the page describes (for its schema.org JSON-LD)."""
        root = relative(here, "index.html").rsplit("index.html", 1)[0].rstrip("/") or "."
        stem = here[: -len(".html")] if here.endswith(".html") else here
        canonical = self.base_url + ("" if stem == "index" else stem)
        text = render(
            "page.html", title=title, root=root, body=Markup(body), alternates=Markup(alternates), version=__version__,
            licence=Markup(self.licence), licence_url=self.licence_url or canonical, canonical=canonical,
            jsonld=Markup(self.schema_jsonld(about, canonical, title)),
        )  # fmt: skip
        return text.encode("utf-8")

    def resource_page(self, iri) -> bytes:
        """The HTML page of one resource."""
        path = page_path(iri)
        here = path + ".html"
        name = posixpath.basename(path)
        types = sorted(self.graph.objects(iri, RDF.type))
        labels = {lit.language: str(lit) for lit in sorted(self.graph.objects(iri, SKOS.prefLabel), key=str, reverse=True)}
        heading = self.label(iri)
        other = [f"<div lang='{esc(lang)}' class='meta'>{esc(text)}</div>" for lang, text in sorted(labels.items()) if text != heading]
        body = [
            f"<h1>{esc(heading)}</h1>",
            *other,
            f"<div class='iri'>{esc(iri)}</div>",
            f"<p class='types'>{' '.join(self.link(t, here) for t in types)}</p>",
            f"<p class='formats'>Also as <a href='{esc(name)}.ttl' type='text/turtle'>Turtle</a>"
            f"<a href='{esc(name)}.jsonld' type='application/ld+json'>JSON-LD</a></p>",
            self.labels_table(iri),
            self.contents(iri, here),
            self.evidence(iri, here),
            self.properties_table(iri, here),
            self.relations_in(iri, here),
        ]
        alternates = (f'<link rel="alternate" type="text/turtle" href="{esc(name)}.ttl">\n'
                      f'<link rel="alternate" type="application/ld+json" href="{esc(name)}.jsonld">')  # fmt: skip
        return self.page(here, heading, "\n".join(b for b in body if b), alternates, about=iri)

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
        """Index page of one class: its members sorted by label."""
        here = class_path(cls) + ".html"
        members = sorted(self.by_class[cls], key=lambda s: (self.label(s).casefold(), str(s)))
        items = []
        for s in members:
            zh = self.label(s, "zh")
            extra = f" <span lang='zh' class='meta'>{esc(zh)}</span>" if zh != self.label(s) else ""
            items.append(f"<li>{self.link(s, here)}{extra}</li>")
        title = self.label(cls)
        body = (f"<h1>{esc(title)}</h1>\n<div class='iri'>{esc(cls)}</div>\n<p>{len(members)} resource(s).</p>\n"
                f"<ul class='list'>{''.join(items)}</ul>")  # fmt: skip
        return self.page(here, title, body)

    def index_page(self) -> bytes:
        """The dataset's home page: description, counts, classes, documents, downloads."""
        d, desc = DATASET_IRI, self.description
        here = "index.html"
        titles = {lit.language: str(lit) for lit in sorted(desc.objects(d, DCTERMS.title), key=str, reverse=True)}
        about = " ".join(f"<p lang='{esc(lit.language)}'>{esc(lit)}</p>" for lit in sorted(desc.objects(d, DCTERMS.description), key=str))
        classes = sorted(self.by_class, key=lambda c: (c in DOCUMENT_LAYER, self.label(c).casefold()))
        rows = "".join(f"<tr><td>{self.link(c, here)}</td><td>{len(self.by_class[c])}</td></tr>" for c in classes)
        docs = "".join(f"<li>{self.link(doc, here)} <span class='meta'>{esc(self.graph.value(doc, UNODC.contentHash) or '')}</span></li>"
                       for doc in sorted(self.graph.subjects(RDF.type, UNODC.Document)))  # fmt: skip
        downloads = "".join(
            f"<li><a href='{name}'>{name}</a> {what}</li>"
            for name, what in (("kg.ttl", "Turtle, the union"), ("kg.nq", "N-Quads, one named graph per document"),
                               ("kg.jsonld", "JSON-LD"), ("void.ttl", "VoID/DCAT description"),
                               ("context.jsonld", "the JSON-LD @context"))  # fmt: skip
        )
        body = (f"<h1>{esc(titles.get('en', 'UNODC knowledge graph'))}</h1>\n<div lang='zh' class='meta'>{esc(titles.get('zh', ''))}</div>\n"
                f"{about}\n<p>{len(self.graph)} triples, {len(self.resources)} resources with a page.</p>\n"
                f"<h2>Classes</h2>\n<table><tr><th>class</th><th>resources</th></tr>{rows}</table>\n"
                f"<h2>Source documents</h2>\n<ul class='list'>{docs}</ul>\n<h2>Downloads</h2>\n<ul class='list'>{downloads}</ul>")  # fmt: skip
        return self.page(here, titles.get("en", "UNODC knowledge graph"), body, about=DATASET_IRI)

