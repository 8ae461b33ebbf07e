"""Pages of a published site beyond the resources: vocabulary, named graphs, dataset IRIs, sitemaps.

Also the small helpers every page uses to place a resource on the site (``page_path``) and to show
terms and numbers.  ``LinkedDataPages`` is mixed into ``kg.publish.site.Site``, whose graph, description
and page template it uses.
"""

from __future__ import annotations

import hashlib
import html
import posixpath
import re
from functools import cached_property
from urllib.parse import quote

from rdflib import RDF, SKOS, Dataset, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, XSD

from kg.steps.describe import DATASET_IRI
from kg.publish.export import jsonld_bytes
from kg.core.namespaces import BASE, DATASET, ID, bind_prefixes
from kg.rdf.serialize import turtle_bytes
from kg.rdf.terms import short_iri
from kg.publish.site_rules import sitemap_index, sitemap_xml

SAFE_SEGMENT = re.compile(r"^[A-Za-z0-9._~-]+$")
SITEMAP_LIMIT = 50_000  # URLs per sitemap file (sitemaps.org)
SPDX = Namespace("http://spdx.org/rdf/terms#")


def esc(text) -> str:
    """HTML-escape any text from the graph, quotes included."""
    return html.escape(str(text), quote=True)


def page_path(iri: URIRef) -> str | None:
    """Site path (without suffix) of a resource under the id/ or dataset/ space: 'id/convention/untoc'; None outside."""
    for space, folder in ((str(ID), "id/"), (str(DATASET), "dataset/")):
        if iri.startswith(space) and iri != URIRef(space):
            segments = str(iri)[len(space) :].split("/")
            if any(s in ("", ".", "..") for s in segments) or "#" in iri:
                return None
            return folder + "/".join(s if SAFE_SEGMENT.match(s) else quote(s, safe="") for s in segments)
    return None


def number(value) -> str:
    """A quantity's value for reading: 61 rather than 61.0, 1.5 as is."""
    try:
        as_float = float(str(value))
    except (TypeError, ValueError):
        return str(value)
    return str(int(as_float)) if as_float.is_integer() and abs(as_float) < 1e15 else str(value)


def class_path(cls: URIRef) -> str:
    """Site path of a class index page."""
    return "class/" + quote(compact(cls).replace(":", "-"), safe="")


def compact(term: URIRef) -> str:
    """A prefixed name for display ('unodc:serves'), or the full IRI."""
    return short_iri(term, NAMESPACES)


NAMESPACES = {p: str(ns) for p, ns in bind_prefixes(Graph()).namespaces() if p}  # the project's and rdflib's prefixes


def relative(from_page: str, to_page: str) -> str:
    """Relative href from one site file to another (both paths from the site root)."""
    return posixpath.relpath(to_page, posixpath.dirname(from_page) or ".")




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
