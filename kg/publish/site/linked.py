"""Pages of a published site beyond the resources: vocabulary, named graphs, dataset IRIs, sitemaps."""

from __future__ import annotations

import posixpath
from functools import cached_property

from rdflib import RDF, RDFS, SKOS, Dataset, Graph, URIRef

from kg.core.namespaces import BASE, DATASET, bind_prefixes
from kg.publish.export import jsonld_bytes
from kg.publish.site.paths import class_path, compact, page_path, relative
from kg.publish.site.rules import sitemap_index, sitemap_xml
from kg.rdf.serialize import turtle_bytes
from kg.steps.describe import DATASET_IRI

SITEMAP_LIMIT = 50_000  # URLs per sitemap file (sitemaps.org)
SH_MESSAGE = URIRef("http://www.w3.org/ns/shacl#message")
HIERARCHY = (RDF.type, RDFS.subClassOf, RDFS.subPropertyOf, RDFS.domain, RDFS.range)  # the rows of a vocabulary term


class LinkedDataPages:
    """Site pages for the IRIs that are not resources of the union graph."""

    def vocabulary_page(self, name: str, graph: Graph, title: str) -> bytes:
        """The page of the ontology or the shapes: one anchored section per term of its namespace."""
        space = f"{BASE}{name}#"
        terms = sorted({s for s in graph.subjects() if isinstance(s, URIRef) and s.startswith(space)})
        sections = [vocabulary_term(graph, term, space) for term in terms]
        return self.page(f"{name}.html", title, "vocabulary.html", formats=name, iri=BASE + name, terms=sections)

    def graph_names(self) -> list[URIRef]:
        """Named graphs of the dataset that are not also a resource with a page (id/graph/reference)."""
        names = {c.identifier for c in self.dataset.graphs() if isinstance(c.identifier, URIRef)}
        return sorted(n for n in names if page_path(n) and n not in set(self.resources))

    def graph_page(self, name: URIRef) -> tuple[bytes, Graph]:
        """The page of a named graph (its size and kind) and, as its RDF, the graph's own triples."""
        path = page_path(name)
        here = path + ".html"
        content = bind_prefixes(Graph())
        for triple in self.dataset.graph(name):
            content.add(triple)
        title = f"Named graph {path[len('id/'):]}"
        page = self.page(here, title, "graph.html", stem=posixpath.basename(path), name=name, triples=len(content),
                         dataset=relative(here, "index.html"))  # fmt: skip
        return page, content

    @cached_property
    def dataset_iris(self) -> list[URIRef]:
        """Every dataset/... IRI of the description that has a page."""
        desc = self.description
        found = {t for triple in desc for t in triple if isinstance(t, URIRef) and t.startswith(str(DATASET))}
        return sorted(t for t in found if page_path(t) and (t, None, None) in desc)

    def sitemaps(self):
        """sitemap.xml (an index when there are more pages than one sitemap may list) over every page."""
        stems = ["", "ontology", "shapes", *(class_path(c) for c in sorted(self.by_class)),
                 *(page_path(n) for n in self.graph_names()), *(page_path(i) for i in self.dataset_iris),
                 *(page_path(r) for r in self.resources)]  # fmt: skip
        if len(stems) <= SITEMAP_LIMIT:
            yield "sitemap.xml", sitemap_xml(self.base_url, stems).encode("utf-8")
            return
        parts = [stems[i : i + SITEMAP_LIMIT] for i in range(0, len(stems), SITEMAP_LIMIT)]
        for n, part in enumerate(parts, 1):
            yield f"sitemap-{n}.xml", sitemap_xml(self.base_url, part).encode("utf-8")
        yield "sitemap.xml", sitemap_index(self.base_url, [f"sitemap-{n}.xml" for n in range(1, len(parts) + 1)]).encode("utf-8")

    def dataset_files(self):
        """Pages for the dataset IRIs (the dataset, partitions, distributions, service, reference data)."""
        desc = Dataset()
        desc.graph(DATASET_IRI).__iadd__(self.description)
        described = type(self)(desc, self.base_url, self.endpoint)
        described.__dict__["description"] = self.description
        described.__dict__["by_class"] = {}  # VoID/DCAT classes have no index page on the site
        for iri in self.dataset_iris:
            path = page_path(iri)
            g = bind_prefixes(Graph())
            for p, o in self.description.predicate_objects(iri):
                g.add((iri, p, o))
            yield path + ".html", described.resource_page(iri)
            yield path + ".ttl", turtle_bytes(g)
            yield path + ".jsonld", jsonld_bytes(g)


def vocabulary_term(graph: Graph, term: URIRef, space: str) -> dict:
    """What the vocabulary page shows of one term: labels, definitions or messages, and its place in the hierarchy."""
    by_language = lambda lit: (lit.language or "", str(lit))  # noqa: E731
    notes = [*graph.objects(term, SKOS.definition), *graph.objects(term, SH_MESSAGE)]
    rows = []
    for p in HIERARCHY:
        values = sorted(o for o in graph.objects(term, p) if isinstance(o, URIRef))
        if values:
            rows.append((compact(p), [(True, o[len(space) :]) if o.startswith(space) else (False, compact(o)) for o in values]))
    return {"local": term[len(space) :], "iri": term, "labels": sorted(graph.objects(term, RDFS.label), key=by_language),
            "notes": sorted(notes, key=by_language), "rows": rows}  # fmt: skip
