"""Write a static linked-data site: one page per resource, laid out so that entity IRIs resolve.

Layout of DIR (hosted at --base-url, default https://w3id.org/unodc-kg/):
  id/<path>.html .ttl .jsonld   every resource whose IRI is https://w3id.org/unodc-kg/id/<path>
  class/<Class>.html            one index page per class
  index.html                    the dataset: counts, classes, documents, downloads
  kg.ttl kg.nq kg.jsonld        the whole dump; void.ttl (VoID/DCAT for this base URL); context.jsonld
  dataset/<path>.html .ttl ...  the dataset, its partitions, distributions and named-graph descriptions
  ontology.html .ttl .jsonld    the vocabulary (every ontology#term is an anchor); shapes.* the SHACL shapes
  style.css, favicon.svg        the only other files a page loads
  .htaccess, nginx*.conf        content negotiation (kg/publish/site_rules.py) so that every IRI the graph mints
                                answers HTML, Turtle or JSON-LD by the Accept header; w3id.htaccess the
                                redirect of https://w3id.org/unodc-kg/ to --base-url
  robots.txt, sitemap.xml       for crawlers; every page carries its canonical URL, the licence and
                                a schema.org description as embedded JSON-LD (data, never executed)
Pages are plain HTML (string.Template, kg/templates/page.html), every link to a page is relative, nothing
is loaded from outside the site and no JavaScript is used.  Text from the graph is always HTML-escaped.
The site is built in a temporary folder and swapped in whole; DIR must be empty or an earlier site.
"""

from __future__ import annotations

import json
import os
import posixpath
import re
import shutil
import tempfile
from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from string import Template
from urllib.parse import urlsplit

from rdflib import RDF, SKOS, Dataset, Graph, Literal, URIRef
from rdflib.compare import to_canonical_graph
from rdflib.namespace import DCTERMS

from kg import __version__
from kg.steps.describe import DATASET_IRI, describe
from kg.publish.site_pages import LinkedDataPages, class_path, compact, esc, number, page_path, relative, with_checksums
from kg.publish.site_rules import HTACCESS, NGINX_MAP, nginx_conf, robots_txt, w3id_rules
from kg.core.errors import InputError
from kg.publish.export import jsonld_bytes, jsonld_context, load_dataset
from kg.core.namespaces import BASE, ID, UNODC, bind_prefixes
from kg.core.resources import ontology_dir, ontology_graph, templates_dir
from kg.rdf.serialize import nquads_bytes, turtle_bytes, union

TEMPLATES = templates_dir()
MARKER = ".kg-publish"
DEFAULT_BASE_URL = BASE
LANGS = ("en", "zh")
LABELS = (SKOS.prefLabel, SKOS.altLabel)
PROVENANCE = {UNODC.refersTo, UNODC.subject, UNODC.object, UNODC.about, UNODC.inDocument, UNODC.inParagraph,
              UNODC.footnoteOf, UNODC.predicate}  # fmt: skip
DOCUMENT_LAYER = {UNODC.Document, UNODC.Paragraph, UNODC.FrontMatter, UNODC.Heading, UNODC.Footnote,
                  UNODC.Mention, UNODC.Assertion, UNODC.Quantity}  # fmt: skip
SCHEMA = "https://schema.org/"


@dataclass
class Site(LinkedDataPages):
    """What the pages are made of: the union graph, its dataset, the ontology for class names."""

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
        labels = {lit.language: str(lit) for lit in g.objects(term, SKOS.prefLabel)}
        labels.update({lit.language: str(lit) for lit in g.objects(term, URIRef("http://www.w3.org/2000/01/rdf-schema#label")) if lit.language not in labels})
        for key in (lang, *LANGS, None):
            if labels.get(key):
                return labels[key]
        title = g.value(term, DCTERMS.title)
        if title:
            return str(title)
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

    # ------------------------------------------------------------ fragments

    def link(self, term, here: str) -> str:
        """An <a> to a resource's page, or the escaped term when it has no page here."""
        if isinstance(term, Literal):
            lang = f' lang="{esc(term.language)}"' if term.language else ""
            return f"<span{lang}>{esc(term)}</span>"
        target = page_path(term)
        if target and (term, None, None) in self.graph:
            return f'<a href="{esc(relative(here, target + ".html"))}">{esc(self.label(term))}</a>'
        if term in self.by_class:
            return f'<a href="{esc(relative(here, class_path(term) + ".html"))}">{esc(self.label(term))}</a>'
        if (term, None, None) in self.ontology:
            return f'<span title="{esc(compact(term))}">{esc(self.label(term))}</span>'
        return f'<span class="iri">{esc(compact(term))}</span>'

    def labels_table(self, iri) -> str:
        """Preferred and alternative labels, one row per language."""
        rows = []
        for p, name in ((SKOS.prefLabel, "preferred"), (SKOS.altLabel, "also")):
            for lit in sorted(self.graph.objects(iri, p), key=lambda x: (x.language or "", str(x))):
                lang = lit.language or ""
                rows.append(f'<tr><th>{name}</th><td class="lang">{esc(lang)}</td><td lang="{esc(lang)}">{esc(lit)}</td></tr>')
        return f"<h2>Labels</h2>\n<table>{''.join(rows)}</table>" if rows else ""

    def properties_table(self, iri, here: str) -> str:
        """Every other property of the resource, values as links or escaped text."""
        rows = []
        for p in sorted(set(self.graph.predicates(iri)) - {RDF.type, *LABELS}):
            values = sorted(self.graph.objects(iri, p), key=lambda o: (isinstance(o, Literal), str(o)))
            cells = "<br>".join(self.link(o, here) for o in values)
            rows.append(f"<tr><th>{self.link(p, here)}</th><td>{cells}</td></tr>")
        return f"<h2>Properties</h2>\n<table>{''.join(rows)}</table>" if rows else ""

    def relations_in(self, iri, here: str) -> str:
        """Entity-layer statements whose object is this resource."""
        rows = sorted({(s, p) for s, p in self.incoming.get(iri, []) if p not in PROVENANCE and not self.is_document_layer(s)})
        items = [f"<li>{self.link(s, here)} {self.link(p, here)} this</li>" for s, p in rows]
        return f"<h2>Referred to by</h2>\n<ul class='list'>{''.join(items)}</ul>" if items else ""

    def is_document_layer(self, iri) -> bool:
        """True for documents, paragraphs, mentions, assertions and quantities."""
        return any((iri, RDF.type, cls) in self.graph for cls in DOCUMENT_LAYER)

    def paragraph_ref(self, paragraph, here: str) -> str:
        """'Document title ¶12' linking to the paragraph page."""
        if paragraph is None:
            return ""
        return self.link(paragraph, here)

    def evidence(self, iri, here: str) -> str:
        """Assertions about the entity (sentence + paragraph) and the paragraphs that mention it."""
        g = self.graph
        parts = []
        assertions = sorted({a for p in (UNODC.subject, UNODC.object) for a in g.subjects(p, iri)})
        if assertions:
            rows = []
            for a in assertions:
                s, p, o = g.value(a, UNODC.subject), g.value(a, UNODC.predicate), g.value(a, UNODC.object)
                sentence = g.value(a, UNODC.evidence)
                lang = self.language_of(g.value(a, UNODC.inDocument))
                rows.append(
                    f"<tr><td>{self.link(s, here)} {self.link(p, here)} {self.link(o, here)}"
                    f"<blockquote lang='{esc(lang)}'>{esc(sentence or '')}</blockquote>"
                    f"<div class='meta'>{self.paragraph_ref(g.value(a, UNODC.inParagraph), here)} · rule "
                    f"<code>{esc(g.value(a, UNODC.rule) or '')}</code> · confidence {esc(g.value(a, UNODC.confidence) or '')}"
                    f" · <a href='{esc(relative(here, page_path(a) + '.html'))}'>evidence node</a></div></td></tr>"
                )
            parts.append(f"<h2>Relations, with evidence</h2>\n<table>{''.join(rows)}</table>")
        mentions = defaultdict(list)
        for m in g.subjects(UNODC.refersTo, iri):
            mentions[g.value(m, UNODC.inParagraph)].append(m)
        if mentions:
            items = []
            for paragraph in sorted(mentions, key=lambda p: self.reading_key(p)):
                text = str(g.value(paragraph, UNODC.text) or "")
                marked = self.mark(text, [str(g.value(m, UNODC.text) or "") for m in mentions[paragraph]])
                lang = self.language_of(g.value(paragraph, UNODC.inDocument))
                items.append(f"<li>{self.paragraph_ref(paragraph, here)}<blockquote lang='{esc(lang)}'>{marked}</blockquote></li>")
            parts.append(f"<h2>Mentioned in {len(mentions)} paragraph(s)</h2>\n<ul class='list'>{''.join(items)}</ul>")
        quantities = sorted(g.subjects(UNODC.about, iri), key=lambda q: self.reading_key(q))
        if quantities:
            by_paragraph = defaultdict(list)
            for q in quantities:
                by_paragraph[g.value(q, UNODC.inParagraph)].append(q)
            rows = []
            for paragraph, found in sorted(by_paragraph.items(), key=lambda item: self.reading_key(item[1][0])):
                lang = self.language_of(g.value(found[0], UNODC.inDocument))
                values = " · ".join(
                    f"<a href='{esc(relative(here, page_path(q) + '.html'))}'>{esc(number(g.value(q, UNODC.value)))} "
                    f"{esc(g.value(q, UNODC.unit) or '')}</a>" for q in found
                )
                sentences = sorted({str(g.value(q, UNODC.evidence) or "") for q in found})
                quoted = "".join(f"<blockquote lang='{esc(lang)}'>{self.mark(text, [str(g.value(q, UNODC.text) or '') for q in found])}</blockquote>"
                                 for text in sentences)  # fmt: skip
                rows.append(f"<tr><td>{values}{quoted}<div class='meta'>{self.paragraph_ref(paragraph, here)}</div></td></tr>")
            parts.append(f"<h2>Quantities</h2>\n<table>{''.join(rows)}</table>")
        return "\n".join(parts)

    @staticmethod
    def mark(text: str, needles: list[str]) -> str:
        """Escape *text*, wrapping every occurrence of each mention text in <mark>."""
        needles = sorted({n for n in needles if n}, key=len, reverse=True)
        if not needles:
            return esc(text)
        pattern = re.compile("|".join(re.escape(n) for n in needles))
        out, last = [], 0
        for match in pattern.finditer(text):
            out.append(esc(text[last : match.start()]))
            out.append(f"<mark>{esc(match.group(0))}</mark>")
            last = match.end()
        out.append(esc(text[last:]))
        return "".join(out)

    def language_of(self, doc) -> str:
        """Language code of a document ('' when unknown)."""
        value = self.graph.value(doc, UNODC.language) if doc is not None else None
        return str(value) if value is not None else ""

    def reading_key(self, paragraph):
        """Sort key: document, then reading order."""
        order = self.graph.value(paragraph, UNODC.order)
        return (str(self.graph.value(paragraph, UNODC.inDocument)), int(order) if order is not None else 0, str(paragraph))

    def contents(self, iri, here: str) -> str:
        """For a document: its paragraphs in reading order; for a paragraph: what was found in it."""
        g = self.graph
        if (iri, RDF.type, UNODC.Document) in g:
            paragraphs = sorted(g.subjects(UNODC.inDocument, iri), key=self.reading_key)
            paragraphs = [p for p in paragraphs if g.value(p, UNODC.order) is not None]
            lang = self.language_of(iri)
            items = [f"<li>{self.link(p, here)} <span lang='{esc(lang)}'>{esc(self.snippet(p))}</span></li>" for p in paragraphs]
            return f"<h2>Paragraphs</h2>\n<ul class='list'>{''.join(items)}</ul>" if items else ""
        found = sorted(g.subjects(UNODC.inParagraph, iri), key=lambda n: (int(g.value(n, UNODC.start) or 0), str(n)))
        if not found:
            return ""
        text = str(g.value(iri, UNODC.text) or "")
        mentions = [str(g.value(m, UNODC.text) or "") for m in found if (m, RDF.type, UNODC.Mention) in g]
        lang = self.language_of(g.value(iri, UNODC.inDocument))
        items = []
        for node in found:
            kind = self.label(g.value(node, RDF.type))
            if (node, RDF.type, UNODC.Mention) in g:
                what = f"“{esc(g.value(node, UNODC.text))}” → {self.link(g.value(node, UNODC.refersTo), here)}"
            elif (node, RDF.type, UNODC.Assertion) in g:
                what = " ".join(self.link(g.value(node, p), here) for p in (UNODC.subject, UNODC.predicate, UNODC.object))
            else:
                what = f"{esc(number(g.value(node, UNODC.value)))} {esc(g.value(node, UNODC.unit) or '')}"
                if g.value(node, UNODC.about) is not None:
                    what += f" · {self.link(g.value(node, UNODC.about), here)}"
            items.append(f"<li><a href='{esc(relative(here, page_path(node) + '.html'))}'>{esc(kind)}</a>: {what}</li>")
        return (f"<h2>Text</h2>\n<blockquote lang='{esc(lang)}'>{self.mark(text, mentions)}</blockquote>\n"
                f"<h2>Found in this paragraph</h2>\n<ul class='list'>{''.join(items)}</ul>")  # fmt: skip

    def snippet(self, paragraph, limit: int = 90) -> str:
        """The start of a paragraph's text."""
        text = " ".join(str(self.graph.value(paragraph, UNODC.text) or "").split())
        return text if len(text) <= limit else text[: limit - 1] + "…"

    # ------------------------------------------------------------ pages

    def page(self, here: str, title: str, body: str, alternates: str = "", about=None) -> bytes:
        """Fill kg/templates/page.html; *about* is the resource the page describes (for its schema.org JSON-LD)."""
        root = relative(here, "index.html").rsplit("index.html", 1)[0].rstrip("/") or "."
        stem = here[: -len(".html")] if here.endswith(".html") else here
        canonical = self.base_url + ("" if stem == "index" else stem)
        text = TEMPLATE().substitute(
            title=esc(title), root=esc(root), body=body, alternates=alternates, version=esc(__version__),
            licence=self.licence, licence_url=esc(self.licence_url or canonical), canonical=esc(canonical),
            jsonld=self.schema_jsonld(about, canonical, title),
        )  # fmt: skip
        return text.encode("utf-8")

    @cached_property
    def licence_url(self) -> str | None:
        """The dataset licence's IRI."""
        lic = self.description.value(DATASET_IRI, DCTERMS.license)
        return str(lic) if lic else None

    @cached_property
    def licence(self) -> str:
        """The dataset licence, as a link to its deed."""
        lic = self.licence_url
        return f'<a rel="license" href="{esc(lic)}">{esc(lic)}</a>' if lic else "see void.ttl"

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
        """A schema.org description of the page's resource, embedded as data (<script type=application/ld+json>)."""
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
        return f'<script type="application/ld+json">{text}</script>'


    def resource_page(self, iri) -> bytes:
        """The HTML page of one resource."""
        path = page_path(iri)
        here = path + ".html"
        name = posixpath.basename(path)
        types = sorted(self.graph.objects(iri, RDF.type))
        labels = {lit.language: str(lit) for lit in self.graph.objects(iri, SKOS.prefLabel)}
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
        titles = {lit.language: str(lit) for lit in desc.objects(d, DCTERMS.title)}
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

    def files(self):
        """Every (site path, bytes) of the site."""
        yield "style.css", (TEMPLATES / "style.css").read_bytes()
        yield "favicon.svg", (TEMPLATES / "favicon.svg").read_bytes()
        yield ".htaccess", HTACCESS.encode("utf-8")
        yield "nginx-map.conf", NGINX_MAP.encode("utf-8")
        yield "nginx.conf", nginx_conf(self.base_url).encode("utf-8")
        yield "w3id.htaccess", w3id_rules(self.base_url, BASE).encode("utf-8")
        yield "robots.txt", robots_txt(self.base_url).encode("utf-8")
        yield MARKER, f"kg publish {__version__}\n".encode("utf-8")
        for name, filename, title in (("ontology", "unodc.ttl", "UNODC knowledge-graph ontology"), ("shapes", "shapes.ttl", "SHACL shapes")):
            source = (ontology_dir() / filename).read_bytes()
            graph = Graph().parse(data=source.decode("utf-8"), format="turtle")
            yield f"{name}.html", self.vocabulary_page(name, graph, title)
            yield f"{name}.ttl", source
            yield f"{name}.jsonld", jsonld_bytes(to_canonical_graph(graph))  # blank nodes (lists) labelled by content
        for name in self.graph_names():
            page, content = self.graph_page(name)
            yield page_path(name) + ".html", page
            yield page_path(name) + ".ttl", turtle_bytes(content)
            yield page_path(name) + ".jsonld", jsonld_bytes(content)
        yield from self.dataset_files()
        yield from self.sitemaps()
        yield "index.html", self.index_page()
        yield from sorted(self.dumps.items())
        yield "void.ttl", turtle_bytes(self.description)
        yield "context.jsonld", (json.dumps({"@context": jsonld_context()}, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
        for cls in sorted(self.by_class):
            yield class_path(cls) + ".html", self.class_page(cls)
        for iri in self.resources:
            path = page_path(iri)
            yield path + ".html", self.resource_page(iri)
            g = self.resource_graph(iri)
            yield path + ".ttl", turtle_bytes(g)
            yield path + ".jsonld", jsonld_bytes(g)


_TEMPLATE: list = []


def TEMPLATE() -> Template:  # noqa: N802 - reads like the constant it caches
    """kg/templates/page.html as a string.Template (read once)."""
    if not _TEMPLATE:
        _TEMPLATE.append(Template((TEMPLATES / "page.html").read_text(encoding="utf-8")))
    return _TEMPLATE[0]


def check_base_url(url: str) -> str:
    """An http(s) base URL ending in '/'."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
        raise InputError(f"--base-url {url!r} must be an http(s) URL without query or fragment, e.g. https://w3id.org/unodc-kg/")
    bad = re.search(r'[\x00-\x20<>"{}|^`\\\x7f]', url)
    if bad:  # the IRIs of every page start with it; RDF forbids these characters in an IRI
        what = "a space" if bad.group() == " " else f"the character {bad.group()!r}"
        raise InputError(f"--base-url {url!r} contains {what}; percent-encode it (a space is %20)")
    return url if url.endswith("/") else url + "/"


def write_site(dataset: Dataset, out_dir: Path, base_url: str = DEFAULT_BASE_URL, endpoint: str | None = None) -> int:
    """Write the site to *out_dir* (swapped in whole); return the number of files."""
    base_url = check_base_url(base_url)
    out_dir = Path(out_dir)
    if out_dir.exists() and (not out_dir.is_dir() or (any(out_dir.iterdir()) and not (out_dir / MARKER).is_file())):
        raise InputError(f"{out_dir}: not empty and not a kg publish site; choose an empty or new folder")
    try:
        return _write_staged(dataset, out_dir, base_url, endpoint)
    except OSError as exc:  # disk full, read-only filesystem, a mount point: the old site stays as it was
        raise InputError(f"{out_dir}: cannot write the site ({exc.strerror or exc})") from None


def _write_staged(dataset: Dataset, out_dir: Path, base_url: str, endpoint: str | None) -> int:
    """Write the site into a staging folder beside *out_dir*, then swap it in."""
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.", dir=out_dir.parent))
    count, old = 0, None
    try:
        for rel, data in Site(dataset, base_url, endpoint).files():
            target = staging / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
            count += 1
        for path in [staging, *staging.rglob("*")]:
            os.chmod(path, 0o755 if path.is_dir() else 0o644)
        if out_dir.exists():
            old = out_dir.with_name(f".{out_dir.name}.old-{os.getpid()}")
            os.replace(out_dir, old)
        os.replace(staging, out_dir)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        if old is not None and old.exists() and not out_dir.exists():
            os.replace(old, out_dir)  # the new site could not take its place: the old one goes back
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return count


def publish(data: Path | None, out_dir: Path, base_url: str = DEFAULT_BASE_URL, endpoint: str | None = None) -> int:
    """Read --data and write the site (the library side of `kg publish`)."""
    check_base_url(base_url)
    if endpoint is not None:
        check_endpoint(endpoint)
    return write_site(load_dataset(data), out_dir, base_url, endpoint)


def check_endpoint(url: str) -> str:
    """An absolute http(s) URL for the public SPARQL endpoint."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.fragment:
        raise InputError(f"--endpoint {url!r} must be an http(s) URL, e.g. https://example.org/sparql")
    return url
