"""Pages of a published site beyond the resources: vocabulary, named graphs, dataset IRIs, sitemaps."""

from __future__ import annotations

import posixpath
from functools import cached_property

from rdflib import RDF, SKOS, Dataset, Graph, URIRef

from kg.core.namespaces import BASE, DATASET, bind_prefixes
from kg.publish.export import jsonld_bytes
from kg.publish.site.paths import class_path, compact, esc, page_path, relative
from kg.publish.site.rules import sitemap_index, sitemap_xml
from kg.rdf.serialize import turtle_bytes
from kg.steps.describe import DATASET_IRI

SITEMAP_LIMIT = 50_000  # URLs per sitemap file (sitemaps.org)


class LinkedDataPages:
    """Site pages for the IRIs that are not resources of the union graph."""

    def vocabulary_page(self, name: str, graph: Graph, title: str) -> bytes:
        """The page of the ontology or the shapes: one anchored section per term of its namespace."""
        here = f"{name}.html"
        space = f"{BASE}{name}#"
        terms = sorted({s for s in graph.subjects() if isinstance(s, URIRef) and s.startswith(space)})
        rdfs = "http://www.w3.org/2000/01/rdf-schema#"
        sections = []
        for term in terms:
            local = term[len(space) :]
            labels = sorted(graph.objects(term, URIRef(rdfs + "label")), key=lambda x: (x.language or "", str(x)))
            heads = " · ".join(f"<span lang='{esc(lit.language or '')}'>{esc(lit)}</span>" for lit in labels) or esc(local)
            notes = sorted(list(graph.objects(term, SKOS.definition)) + list(graph.objects(term, URIRef("http://www.w3.org/ns/shacl#message"))),
                           key=lambda x: (x.language or "", str(x)))  # fmt: skip
            text = "".join(f"<p lang='{esc(lit.language or '')}'>{esc(lit)}</p>" for lit in notes)
            rows = []
            for p in (RDF.type, URIRef(rdfs + "subClassOf"), URIRef(rdfs + "subPropertyOf"), URIRef(rdfs + "domain"), URIRef(rdfs + "range")):
                values = sorted(o for o in graph.objects(term, p) if isinstance(o, URIRef))
                if values:
                    cells = ", ".join(f"<a href='#{esc(o[len(space):])}'>{esc(o[len(space):])}</a>" if o.startswith(space)
                                      else f"<span class='iri'>{esc(compact(o))}</span>" for o in values)  # fmt: skip
                    rows.append(f"<tr><th>{esc(compact(p))}</th><td>{cells}</td></tr>")
            table = f"<table>{''.join(rows)}</table>" if rows else ""
            sections.append(f"<section id='{esc(local)}'><h3>{heads}</h3><div class='iri'>{esc(term)}</div>{text}{table}</section>")
        alternates = (f'<link rel="alternate" type="text/turtle" href="{name}.ttl">\n'
                      f'<link rel="alternate" type="application/ld+json" href="{name}.jsonld">')  # fmt: skip
        body = (f"<h1>{esc(title)}</h1>\n<div class='iri'>{esc(BASE + name)}</div>\n"
                f"<p class='formats'>Also as <a href='{name}.ttl' type='text/turtle'>Turtle</a> "
                f"<a href='{name}.jsonld' type='application/ld+json'>JSON-LD</a></p>\n"
                f"<p>{len(terms)} terms.</p>\n" + "\n".join(sections))  # fmt: skip
        return self.page(here, title, body, alternates)

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
        base = posixpath.basename(path)
        body = (f"<h1>Named graph {esc(path[len('id/'):])}</h1>\n<div class='iri'>{esc(name)}</div>\n"
                f"<p>{len(content)} triples: the reference data (entities, labels, codes and links) the documents refer to.</p>\n"
                f"<p class='formats'>Its triples as <a href='{esc(base)}.ttl' type='text/turtle'>Turtle</a> "
                f"<a href='{esc(base)}.jsonld' type='application/ld+json'>JSON-LD</a>; "
                f"<a href='{esc(relative(here, 'index.html'))}'>the dataset</a></p>")  # fmt: skip
        return self.page(here, f"Named graph {path[len('id/'):]}", body), content

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
